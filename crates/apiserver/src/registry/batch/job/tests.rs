//! Unit tests of the Job strategy.

use super::*;
use crate::registry::other::test_support::{causes, has, message};

const UID: &str = "6f1c2a9e-0000-4000-8000-000000000001";

fn job() -> Value {
    json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "pi", "namespace": "default", "uid": UID},
        "spec": {
            "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "pi", "image": "perl"}]}}
        }
    })
}

fn created(mut j: Value) -> Value {
    JobStrategy.default(&mut j);
    JobStrategy.prepare_for_create(
        &mut j,
        &StrategyCtx {
            namespace: Some("default"),
            user: "u",
        },
    );
    j
}

#[test]
fn defaults_match_kubernetes() {
    let mut j = job();
    JobStrategy.default(&mut j);
    let s = &j["spec"];
    assert_eq!(s["completions"], 1);
    assert_eq!(s["parallelism"], 1);
    assert_eq!(s["backoffLimit"], 6);
    assert_eq!(s["completionMode"], "NonIndexed");
    assert_eq!(s["suspend"], false);
    assert_eq!(s["manualSelector"], false);
    assert_eq!(s["podReplacementPolicy"], "TerminatingOrFailed");
}

#[test]
fn parallelism_alone_leaves_completions_unset() {
    let mut j = job();
    j["spec"]["parallelism"] = json!(3);
    JobStrategy.default(&mut j);
    assert!(j["spec"].get("completions").is_none());
    assert_eq!(j["spec"]["parallelism"], 3);
}

#[test]
fn backoff_limit_per_index_defaults_backoff_to_max() {
    let mut j = job();
    j["spec"]["completionMode"] = json!("Indexed");
    j["spec"]["completions"] = json!(3);
    j["spec"]["backoffLimitPerIndex"] = json!(1);
    j["spec"]["podFailurePolicy"] =
        json!({"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]});
    JobStrategy.default(&mut j);
    assert_eq!(j["spec"]["backoffLimit"], 2147483647);
    assert_eq!(j["spec"]["podReplacementPolicy"], "Failed");
    assert_eq!(
        j["spec"]["podFailurePolicy"]["rules"][0]["onPodConditions"][0]["status"],
        "True"
    );
}

#[test]
fn selector_and_labels_are_generated() {
    let j = created(job());
    assert_eq!(
        j["spec"]["selector"],
        json!({"matchLabels": {CONTROLLER_UID_LABEL: UID}})
    );
    let labels = &j["spec"]["template"]["metadata"]["labels"];
    assert_eq!(labels[CONTROLLER_UID_LABEL], UID);
    assert_eq!(labels[LEGACY_CONTROLLER_UID_LABEL], UID);
    assert_eq!(labels[JOB_NAME_LABEL], "pi");
    assert_eq!(labels[LEGACY_JOB_NAME_LABEL], "pi");
    assert_eq!(j["metadata"]["labels"], *labels);
    assert!(
        JobStrategy.validate(&j).is_empty(),
        "{:?}",
        JobStrategy.validate(&j)
    );
}

#[test]
fn job_labels_are_kept_when_set() {
    let mut j = job();
    j["metadata"]["labels"] = json!({"team": "a"});
    let j = created(j);
    assert_eq!(j["metadata"]["labels"], json!({"team": "a"}));
}

#[test]
fn conflicting_template_label_is_rejected() {
    let mut j = job();
    j["spec"]["template"]["metadata"] = json!({"labels": {"job-name": "other"}});
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        message(&errs, "spec.template.metadata.labels[job-name]"),
        format!("spec.template.metadata.labels[job-name]: Invalid value: map[string]string{{\"batch.kubernetes.io/controller-uid\":\"{UID}\", \"batch.kubernetes.io/job-name\":\"pi\", \"controller-uid\":\"{UID}\", \"job-name\":\"other\"}}: must be 'pi'")
    );
}

#[test]
fn manual_selector_is_not_generated() {
    let mut j = job();
    j["spec"]["manualSelector"] = json!(true);
    j["spec"]["selector"] = json!({"matchLabels": {"app": "x"}});
    j["spec"]["template"]["metadata"] = json!({"labels": {"app": "x"}});
    let j = created(j);
    assert_eq!(j["spec"]["selector"], json!({"matchLabels": {"app": "x"}}));
    assert!(JobStrategy.validate(&j).is_empty());
    let mut missing = j.clone();
    missing["spec"]
        .as_object_mut()
        .map(|s| s.remove("selector"));
    assert!(has(
        &JobStrategy.validate(&missing),
        "spec.selector",
        "FieldValueRequired"
    ));
}

#[test]
fn restart_policy_rules() {
    let mut j = job();
    j["spec"]["template"]["spec"]
        .as_object_mut()
        .map(|s| s.remove("restartPolicy"));
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        message(&errs, "spec.template.spec.restartPolicy"),
        "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
    );
    let mut j = job();
    j["spec"]["template"]["spec"]["restartPolicy"] = json!("OnFailure");
    j["spec"]["podFailurePolicy"] =
        json!({"rules": [{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [1]}}]});
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        causes(&errs),
        [(
            "spec.template.spec.restartPolicy".to_string(),
            "FieldValueInvalid"
        )]
    );
}

#[test]
fn numeric_fields_must_be_non_negative() {
    let mut j = job();
    for f in [
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
    ] {
        j["spec"][f] = json!(-1);
    }
    let errs = JobStrategy.validate(&created(j));
    for f in [
        "spec.parallelism",
        "spec.completions",
        "spec.activeDeadlineSeconds",
        "spec.backoffLimit",
        "spec.ttlSecondsAfterFinished",
    ] {
        assert!(has(&errs, f, "FieldValueInvalid"), "{f}");
    }
}

#[test]
fn indexed_jobs_need_completions_and_short_names() {
    let mut j = job();
    j["spec"]["completionMode"] = json!("Indexed");
    j["spec"]["parallelism"] = json!(2);
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        message(&errs, "spec.completions"),
        "spec.completions: Required value: when completion mode is Indexed"
    );
    let mut j = job();
    j["metadata"]["name"] = json!("a".repeat(62));
    j["spec"]["completionMode"] = json!("Indexed");
    j["spec"]["completions"] = json!(11);
    let errs = JobStrategy.validate(&created(j));
    assert!(has(&errs, "metadata.name", "FieldValueInvalid"));
    let mut j = job();
    j["spec"]["backoffLimitPerIndex"] = json!(1);
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        message(&errs, "spec.backoffLimitPerIndex"),
        "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"
    );
}

#[test]
fn pod_failure_policy_rules() {
    let mut j = job();
    j["spec"]["podFailurePolicy"] = json!({"rules": [
        {"action": "Explode", "onExitCodes": {"operator": "In", "values": [0, 3, 2, 2], "containerName": "nope"}},
        {"action": "FailIndex", "onPodConditions": [{"type": "DisruptionTarget", "status": "Maybe"}]},
        {"action": "Ignore"},
        {"action": "Count", "onExitCodes": {"operator": "NotIn", "values": [1]}, "onPodConditions": [{"type": "X"}]},
    ]});
    let errs = JobStrategy.validate(&created(j));
    let base = "spec.podFailurePolicy.rules";
    assert_eq!(
        causes(&errs),
        [
            (format!("{base}[0].action"), "FieldValueNotSupported"),
            (
                format!("{base}[0].onExitCodes.containerName"),
                "FieldValueInvalid"
            ),
            (
                format!("{base}[0].onExitCodes.values[0]"),
                "FieldValueInvalid"
            ),
            (
                format!("{base}[0].onExitCodes.values[3]"),
                "FieldValueDuplicate"
            ),
            (format!("{base}[0].onExitCodes.values"), "FieldValueInvalid"),
            (format!("{base}[1].action"), "FieldValueInvalid"),
            (
                format!("{base}[1].onPodConditions[0].status"),
                "FieldValueNotSupported"
            ),
            (format!("{base}[2]"), "FieldValueInvalid"),
            (format!("{base}[3]"), "FieldValueInvalid"),
        ]
    );
    assert_eq!(
        message(&errs, &format!("{base}[2]")),
        format!("{base}[2]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required")
    );
}

#[test]
fn success_policy_requires_indexed_mode() {
    let mut j = job();
    j["spec"]["successPolicy"] = json!({"rules": [{"succeededCount": 1}]});
    assert!(has(
        &JobStrategy.validate(&created(j)),
        "spec.successPolicy",
        "FieldValueInvalid"
    ));
    let mut j = job();
    j["spec"]["completionMode"] = json!("Indexed");
    j["spec"]["completions"] = json!(5);
    j["spec"]["successPolicy"] =
        json!({"rules": [{"succeededIndexes": "0-2,1", "succeededCount": 9}, {}]});
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        causes(&errs),
        [
            (
                "spec.successPolicy.rules[0].succeededIndexes".to_string(),
                "FieldValueInvalid"
            ),
            (
                "spec.successPolicy.rules[0].succeededCount".to_string(),
                "FieldValueInvalid"
            ),
            (
                "spec.successPolicy.rules[0].succeededCount".to_string(),
                "FieldValueInvalid"
            ),
            (
                "spec.successPolicy.rules[1]".to_string(),
                "FieldValueRequired"
            ),
        ]
    );
    assert_eq!(
        message(&errs, "spec.successPolicy.rules[0].succeededIndexes"),
        "spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"0-2,1\": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1"
    );
}

#[test]
fn managed_by_and_replacement_policy() {
    let mut j = job();
    j["spec"]["managedBy"] = json!("not-a-path");
    j["spec"]["podReplacementPolicy"] = json!("Always");
    let errs = JobStrategy.validate(&created(j));
    assert_eq!(
        causes(&errs),
        [
            ("spec.managedBy".to_string(), "FieldValueInvalid"),
            (
                "spec.podReplacementPolicy".to_string(),
                "FieldValueNotSupported"
            ),
        ]
    );
    let mut j = job();
    j["spec"]["managedBy"] = json!("kueue.x-k8s.io/multikueue");
    assert!(JobStrategy.validate(&created(j)).is_empty());
}

#[test]
fn immutable_fields_on_update() {
    let old = created(job());
    let mut new = old.clone();
    new["spec"]["completions"] = json!(4);
    new["spec"]["template"]["spec"]["containers"][0]["image"] = json!("perl:2");
    new["spec"]["completionMode"] = json!("NonIndexed");
    let errs = JobStrategy.validate_update(&new, &old);
    assert_eq!(
        causes(&errs),
        [
            ("spec.completions".to_string(), "FieldValueInvalid"),
            ("spec.template".to_string(), "FieldValueInvalid"),
        ]
    );
    let mut ok = old.clone();
    ok["spec"]["parallelism"] = json!(3);
    ok["spec"]["suspend"] = json!(true);
    ok["spec"]["activeDeadlineSeconds"] = json!(10);
    assert!(JobStrategy.validate_update(&ok, &old).is_empty());
}

#[test]
fn suspended_unstarted_jobs_may_change_scheduling_directives() {
    let mut old = created(job());
    old["spec"]["suspend"] = json!(true);
    let mut new = old.clone();
    new["spec"]["template"]["spec"]["nodeSelector"] = json!({"zone": "a"});
    new["spec"]["template"]["metadata"]["annotations"] = json!({"a": "b"});
    assert!(JobStrategy.validate_update(&new, &old).is_empty());
    let mut started = old.clone();
    started["status"] = json!({"startTime": "2024-01-01T00:00:00Z"});
    assert!(has(
        &JobStrategy.validate_update(&new, &started),
        "spec.template",
        "FieldValueInvalid"
    ));
    let mut image = old.clone();
    image["spec"]["template"]["spec"]["containers"][0]["image"] = json!("x");
    assert!(has(
        &JobStrategy.validate_update(&image, &old),
        "spec.template",
        "FieldValueInvalid"
    ));
}

#[test]
fn elastic_indexed_jobs_scale_completions_with_parallelism() {
    let mut j = job();
    j["spec"]["completionMode"] = json!("Indexed");
    j["spec"]["completions"] = json!(3);
    j["spec"]["parallelism"] = json!(3);
    let old = created(j);
    let mut new = old.clone();
    new["spec"]["completions"] = json!(5);
    new["spec"]["parallelism"] = json!(5);
    assert!(JobStrategy.validate_update(&new, &old).is_empty());
    new["spec"]["parallelism"] = json!(4);
    assert_eq!(
        message(&JobStrategy.validate_update(&new, &old), "spec.completions"),
        "spec.completions: Invalid value: 5: can only be modified in tandem with spec.parallelism"
    );
}

#[test]
fn selector_is_immutable() {
    let old = created(job());
    let mut new = old.clone();
    new["spec"]["selector"]["matchLabels"]["job-name"] = json!("pi");
    assert!(has(
        &JobStrategy.validate_update(&new, &old),
        "spec.selector",
        "FieldValueInvalid"
    ));
}

#[test]
fn status_transitions() {
    let old = created(job());
    let mut new = old.clone();
    new["status"] = json!({"conditions": [{"type": "Complete", "status": "True"}], "active": 1});
    let errs = JobStrategy.validate_status_update(&new, &old);
    assert_eq!(
        causes(&errs),
        [
            ("status.completionTime".to_string(), "FieldValueRequired"),
            ("status.conditions".to_string(), "FieldValueInvalid"),
            ("status.active".to_string(), "FieldValueInvalid"),
            ("status.startTime".to_string(), "FieldValueRequired"),
        ]
    );
    let mut good = old.clone();
    good["status"] = json!({
        "conditions": [{"type": "SuccessCriteriaMet", "status": "True"}, {"type": "Complete", "status": "True"}],
        "startTime": "2024-01-01T00:00:00Z", "completionTime": "2024-01-01T00:01:00Z", "succeeded": 1
    });
    assert!(JobStrategy.validate_status_update(&good, &old).is_empty());
    let mut undo = good.clone();
    undo["status"]["conditions"] = json!([]);
    undo["status"]["succeeded"] = json!(0);
    let errs = JobStrategy.validate_status_update(&undo, &good);
    assert!(has(&errs, "status.conditions", "FieldValueInvalid"));
    assert!(has(&errs, "status.succeeded", "FieldValueInvalid"));
}

#[test]
fn status_counts_and_indexes() {
    let mut j = job();
    j["spec"]["completionMode"] = json!("Indexed");
    j["spec"]["completions"] = json!(4);
    let old = created(j);
    let mut new = old.clone();
    new["status"] = json!({"completedIndexes": "1,5", "ready": 2, "active": 1, "uncountedTerminatedPods": {"succeeded": ["a", "a"]}});
    let errs = JobStrategy.validate_status_update(&new, &old);
    assert_eq!(
        causes(&errs),
        [
            (
                "status.uncountedTerminatedPods.succeeded[1]".to_string(),
                "FieldValueDuplicate"
            ),
            ("status.completedIndexes".to_string(), "FieldValueInvalid"),
            ("status.ready".to_string(), "FieldValueInvalid"),
        ]
    );
}

#[test]
fn field_selector_and_propagation() {
    let j = json!({"status": {"succeeded": 2}});
    assert_eq!(
        JobStrategy.field_value(&j, "status.successful"),
        Some("2".into())
    );
    assert_eq!(JobStrategy.default_propagation(), Propagation::Orphan);
}

#[test]
fn old_objects_are_compared_with_defaults_applied() {
    let new = created(job());
    let mut old = new.clone();
    // A Job stored before some defaults existed.
    old["spec"]["template"]["spec"]
        .as_object_mut()
        .map(|s| s.remove("schedulerName"));
    old["spec"]
        .as_object_mut()
        .map(|s| s.remove("podReplacementPolicy"));
    let mut relabeled = new.clone();
    relabeled["metadata"]["labels"]["team"] = json!("a");
    assert!(JobStrategy.validate_update(&relabeled, &old).is_empty());
}
