//! The Job strategy (batch/v1): defaults, selector generation, spec validation
//! (completion modes, pod failure and success policies), the fields an update may
//! change, status transition rules, the `status.successful` field selector and the
//! orphaning default for deletes.

use capstan_machinery::validation::{is_dns1123_label, ErrorList, FieldError, FieldPath};
use serde_json::{json, Map, Value};

use crate::registry::apps::workload::{default_template, restart_policy, selector_mismatch};
use crate::registry::core::pod_spec::validate_pod_template;
use crate::registry::meta;
use crate::registry::other::common::{
    array, boolean, field, go_label_selector, go_string_map, immutable, immutable_rendered, int,
    invalid_omit, invalid_rendered, map_entry, non_negative, object_entry, selector_of,
    semantic_eq, set_default, string, string_map, validate_domain_prefixed_path,
    validate_label_selector, validate_qualified_name,
};
use crate::registry::strategy::{Propagation, Strategy, StrategyCtx};

/// Behaviour of Jobs in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct JobStrategy;

/// Label carrying the owning Job's UID on its pods (and in its generated selector).
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
/// Label carrying the owning Job's name on its pods.
pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
/// Unprefixed legacy form of [`CONTROLLER_UID_LABEL`].
pub const LEGACY_CONTROLLER_UID_LABEL: &str = "controller-uid";
/// Unprefixed legacy form of [`JOB_NAME_LABEL`].
pub const LEGACY_JOB_NAME_LABEL: &str = "job-name";

const MAX_PARALLELISM_FOR_INDEXED: i64 = 100_000;
const MAX_FAILED_INDEXES: i64 = 100_000;
const COMPLETIONS_SOFT_LIMIT: i64 = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS: i64 = 10_000;
const MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS: i64 = 10_000;
const MAX_POD_FAILURE_POLICY_RULES: usize = 20;
const MAX_EXIT_CODE_VALUES: usize = 255;
const MAX_POD_CONDITION_PATTERNS: usize = 20;
const MAX_MANAGED_BY_LENGTH: usize = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH: usize = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES: usize = 20;

/// Defaults shared by Jobs and CronJob job templates: pod-condition pattern
/// statuses and the pod template.
pub fn default_job_spec_parts(spec: &mut Map<String, Value>) {
    if let Some(rules) = spec
        .get_mut("podFailurePolicy")
        .and_then(|p| p.get_mut("rules"))
        .and_then(Value::as_array_mut)
    {
        for rule in rules {
            if let Some(patterns) = rule
                .get_mut("onPodConditions")
                .and_then(Value::as_array_mut)
            {
                for p in patterns.iter_mut().filter_map(Value::as_object_mut) {
                    if p.get("status")
                        .and_then(Value::as_str)
                        .is_none_or(str::is_empty)
                    {
                        p.insert("status".into(), json!("True"));
                    }
                }
            }
        }
    }
    let template = spec.entry("template").or_insert_with(|| json!({}));
    default_template(template);
}

/// Copies the template labels to the Job when the Job has none, as Kubernetes'
/// defaulting does.
fn default_job_labels(obj: &mut Value) {
    let template_labels = obj.pointer("/spec/template/metadata/labels").cloned();
    let Some(labels) = template_labels.filter(Value::is_object) else {
        return;
    };
    let has_labels = obj
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty());
    if !has_labels {
        meta::meta_mut(obj).insert("labels".into(), labels);
    }
}

/// Kubernetes' `SetDefaults_Job` plus the pod template defaults.
pub fn default_job(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    let has = |m: &Map<String, Value>, k: &str| m.get(k).is_some_and(|v| !v.is_null());
    if !has(spec, "completions") && !has(spec, "parallelism") {
        spec.insert("completions".into(), json!(1));
        spec.insert("parallelism".into(), json!(1));
    }
    set_default(spec, "parallelism", json!(1));
    let backoff = if has(spec, "backoffLimitPerIndex") {
        i64::from(i32::MAX)
    } else {
        6
    };
    set_default(spec, "backoffLimit", json!(backoff));
    set_default(spec, "completionMode", json!("NonIndexed"));
    set_default(spec, "suspend", json!(false));
    let replacement = if has(spec, "podFailurePolicy") {
        "Failed"
    } else {
        "TerminatingOrFailed"
    };
    set_default(spec, "podReplacementPolicy", json!(replacement));
    set_default(spec, "manualSelector", json!(false));
    default_job_spec_parts(spec);
    default_job_labels(obj);
}

/// Adds the generated selector and pod labels to a Job without a manual selector.
pub fn generate_selector(obj: &mut Value) {
    let name = meta::name(obj).to_string();
    let uid = meta::meta_str(obj, "uid").unwrap_or_default().to_string();
    let spec = object_entry(obj, "spec");
    let template = map_entry(spec, "template");
    let labels = map_entry(map_entry(template, "metadata"), "labels");
    for key in [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL] {
        labels.entry(key).or_insert_with(|| json!(name));
    }
    for key in [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL] {
        labels.entry(key).or_insert_with(|| json!(uid));
    }
    let match_labels = map_entry(map_entry(spec, "selector"), "matchLabels");
    match_labels
        .entry(CONTROLLER_UID_LABEL)
        .or_insert_with(|| json!(uid));
}

fn quoted_list(values: &[&str]) -> String {
    let parts: Vec<String> = values
        .iter()
        .map(|v| capstan_machinery::validation::go_quote(v))
        .collect();
    format!("[{}]", parts.join(" "))
}

fn validate_exit_codes(req: &Value, path: &FieldPath, containers: &[String]) -> ErrorList {
    let mut errs = ErrorList::new();
    const OPS: [&str; 2] = ["In", "NotIn"];
    let op = string(req, "operator").unwrap_or("");
    let op_path = path.child("operator");
    if op.is_empty() {
        errs.push(FieldError::required(
            &op_path,
            format!("valid values: {}", quoted_list(&OPS)),
        ));
    } else if !OPS.contains(&op) {
        errs.push(FieldError::not_supported(&op_path, op, &OPS));
    }
    if let Some(c) = string(req, "containerName") {
        if !containers.iter().any(|n| n == c) {
            errs.push(FieldError::invalid(
                &path.child("containerName"),
                c,
                "must be one of the container or initContainer names in the pod template",
            ));
        }
    }
    let values_path = path.child("values");
    let values = array(req, "values");
    if values.is_empty() {
        errs.push(invalid_rendered(
            &values_path,
            "[]int32(nil)",
            "at least one value is required",
        ));
    } else if values.len() > MAX_EXIT_CODE_VALUES {
        errs.push(FieldError::too_many(
            &values_path,
            Some(values.len()),
            MAX_EXIT_CODE_VALUES,
        ));
    }
    let mut seen = Vec::new();
    let mut ordered = true;
    let nums: Vec<i64> = values.iter().map(|v| v.as_i64().unwrap_or(0)).collect();
    for (j, v) in nums.iter().enumerate() {
        let p = values_path.index(j);
        if op == "In" && *v == 0 {
            errs.push(FieldError::invalid(
                &p,
                *v,
                "must not be 0 for the In operator",
            ));
        }
        if seen.contains(v) {
            errs.push(FieldError::duplicate(&p, *v));
        } else {
            seen.push(*v);
        }
        if j > 0 && nums[j - 1] > *v {
            ordered = false;
        }
    }
    if !ordered {
        let rendered: Vec<String> = nums.iter().map(i64::to_string).collect();
        errs.push(invalid_rendered(
            &values_path,
            &format!("[]int32{{{}}}", rendered.join(", ")),
            "must be ordered",
        ));
    }
    errs
}

fn validate_pod_conditions(patterns: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if patterns.len() > MAX_POD_CONDITION_PATTERNS {
        errs.push(FieldError::too_many(
            path,
            Some(patterns.len()),
            MAX_POD_CONDITION_PATTERNS,
        ));
    }
    const STATUSES: [&str; 3] = ["False", "True", "Unknown"];
    for (j, p) in patterns.iter().enumerate() {
        let pp = path.index(j);
        validate_qualified_name(
            &mut errs,
            string(p, "type").unwrap_or(""),
            &pp.child("type"),
        );
        let status = string(p, "status").unwrap_or("");
        if status.is_empty() {
            errs.push(FieldError::required(
                &pp.child("status"),
                format!("valid values: {}", quoted_list(&STATUSES)),
            ));
        } else if !STATUSES.contains(&status) {
            errs.push(FieldError::not_supported(
                &pp.child("status"),
                status,
                &STATUSES,
            ));
        }
    }
    errs
}

fn container_names(spec: &Value) -> Vec<String> {
    let pod = spec
        .pointer("/template/spec")
        .cloned()
        .unwrap_or(Value::Null);
    ["containers", "initContainers"]
        .iter()
        .flat_map(|k| array(&pod, k).to_vec())
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn validate_pod_failure_policy(spec: &Value, policy: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let rules = array(policy, "rules");
    let rules_path = path.child("rules");
    if rules.len() > MAX_POD_FAILURE_POLICY_RULES {
        errs.push(FieldError::too_many(
            &rules_path,
            Some(rules.len()),
            MAX_POD_FAILURE_POLICY_RULES,
        ));
    }
    let containers = container_names(spec);
    const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
    for (i, rule) in rules.iter().enumerate() {
        let rp = rules_path.index(i);
        let action = string(rule, "action").unwrap_or("");
        let action_path = rp.child("action");
        if action.is_empty() {
            errs.push(FieldError::required(
                &action_path,
                format!("valid values: {}", quoted_list(&ACTIONS)),
            ));
        } else if action == "FailIndex" {
            if field(spec, "backoffLimitPerIndex").is_none() {
                errs.push(FieldError::invalid(
                    &action_path,
                    action,
                    "requires the backoffLimitPerIndex to be set",
                ));
            }
        } else if !ACTIONS.contains(&action) {
            errs.push(FieldError::not_supported(&action_path, action, &ACTIONS));
        }
        let exit_codes = field(rule, "onExitCodes");
        let conditions = array(rule, "onPodConditions");
        if let Some(req) = exit_codes {
            errs.extend(validate_exit_codes(
                req,
                &rp.child("onExitCodes"),
                &containers,
            ));
        }
        if !conditions.is_empty() {
            errs.extend(validate_pod_conditions(
                conditions,
                &rp.child("onPodConditions"),
            ));
        }
        if exit_codes.is_some() && !conditions.is_empty() {
            errs.push(invalid_omit(
                &rp,
                "specifying both OnExitCodes and OnPodConditions is not supported",
            ));
        }
        if exit_codes.is_none() && conditions.is_empty() {
            errs.push(invalid_omit(
                &rp,
                "specifying one of OnExitCodes and OnPodConditions is required",
            ));
        }
    }
    errs
}

/// Kubernetes' `parseIndexInterval`.
fn parse_interval(s: &str, completions: i64) -> Result<(i64, i64), String> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() > 2 {
        return Err(format!(
            "the fragment {} violates the requirement that an index interval can have at most two parts separated by '-'",
            capstan_machinery::validation::go_quote(s)
        ));
    }
    let num = |p: &str| -> Result<i64, String> {
        let n = p.parse::<i64>().map_err(|_| {
            format!(
                "cannot convert string to integer for index: {}",
                capstan_machinery::validation::go_quote(p)
            )
        })?;
        if n >= completions {
            return Err(format!(
                "too large index: {}",
                capstan_machinery::validation::go_quote(p)
            ));
        }
        Ok(n)
    };
    let x = num(parts[0])?;
    if parts.len() == 2 {
        let y = num(parts[1])?;
        if x >= y {
            return Err(format!("non-increasing order, previous: {x}, current: {y}"));
        }
        return Ok((x, y));
    }
    Ok((x, x))
}

/// Kubernetes' `validateIndexesFormat`: the number of indexes, or the problem.
fn validate_indexes_format(s: &str, completions: i64) -> Result<i64, String> {
    if s.is_empty() {
        return Ok(0);
    }
    let mut last: Option<i64> = None;
    let mut total = 0i64;
    for part in s.split(',') {
        let (x, y) = parse_interval(part, completions)?;
        if let Some(l) = last.filter(|l| *l >= x) {
            return Err(format!("non-increasing order, previous: {l}, current: {x}"));
        }
        total = total.saturating_add(y - x + 1);
        last = Some(y);
    }
    Ok(total)
}

fn validate_success_policy(spec: &Value, policy: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let rules = array(policy, "rules");
    let rules_path = path.child("rules");
    if rules.is_empty() {
        errs.push(FieldError::required(
            &rules_path,
            "at least one rules must be specified when the successPolicy is specified",
        ));
    }
    if rules.len() > MAX_SUCCESS_POLICY_RULES {
        errs.push(FieldError::too_many(
            &rules_path,
            Some(rules.len()),
            MAX_SUCCESS_POLICY_RULES,
        ));
    }
    let completions = int(spec, "completions").unwrap_or(0);
    for (i, rule) in rules.iter().enumerate() {
        let rp = rules_path.index(i);
        let count = int(rule, "succeededCount");
        let indexes = string(rule, "succeededIndexes");
        if count.is_none() && indexes.is_none() {
            errs.push(FieldError::required(
                &rp,
                "at least one of succeededCount or succeededIndexes must be specified",
            ));
        }
        let mut total = 0;
        if let Some(ix) = indexes {
            let ip = rp.child("succeededIndexes");
            if ix.len() > MAX_SUCCEEDED_INDEXES_LENGTH {
                errs.push(FieldError::too_long(
                    &ip,
                    Some(MAX_SUCCEEDED_INDEXES_LENGTH),
                ));
            }
            match validate_indexes_format(ix, completions) {
                Ok(n) => total = n,
                Err(e) => errs.push(FieldError::invalid(
                    &ip,
                    ix,
                    format!("error parsing succeededIndexes: {e}"),
                )),
            }
        }
        if let Some(c) = count {
            let cp = rp.child("succeededCount");
            non_negative(&mut errs, Some(c), &cp);
            if c > completions {
                errs.push(FieldError::invalid(
                    &cp,
                    c,
                    format!(
                        "must be less than or equal to {completions} (the number of specified completions)"
                    ),
                ));
            }
            if indexes.is_some() && c > total {
                errs.push(FieldError::invalid(
                    &cp,
                    c,
                    format!(
                        "must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)"
                    ),
                ));
            }
        }
    }
    errs
}

/// Kubernetes' check of `spec.managedBy`.
fn validate_managed_by(value: &str, path: &FieldPath) -> ErrorList {
    let mut errs = validate_domain_prefixed_path(value, path);
    if value.len() > MAX_MANAGED_BY_LENGTH {
        errs.push(FieldError::too_long(path, Some(MAX_MANAGED_BY_LENGTH)));
    }
    errs
}

/// Kubernetes' `validateJobSpec`: the rules shared by Jobs and CronJob job templates.
pub fn validate_job_spec_common(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for f in [
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
        "backoffLimitPerIndex",
    ] {
        non_negative(&mut errs, int(spec, f), &path.child(f));
    }
    let parallelism = int(spec, "parallelism");
    let completions = int(spec, "completions");
    let per_index = int(spec, "backoffLimitPerIndex");
    let max_failed = int(spec, "maxFailedIndexes");
    if let Some(m) = max_failed {
        non_negative(&mut errs, Some(m), &path.child("maxFailedIndexes"));
        if per_index.is_none() {
            errs.push(FieldError::required(
                &path.child("backoffLimitPerIndex"),
                "when maxFailedIndexes is specified",
            ));
        }
    }
    if let Some(m) = string(spec, "managedBy") {
        errs.extend(validate_managed_by(m, &path.child("managedBy")));
    }
    let mode = string(spec, "completionMode");
    if let Some(mode) = mode {
        if mode != "NonIndexed" && mode != "Indexed" {
            errs.push(FieldError::not_supported(
                &path.child("completionMode"),
                mode,
                &["NonIndexed", "Indexed"],
            ));
        }
        if mode == "Indexed" {
            if completions.is_none() {
                errs.push(FieldError::required(
                    &path.child("completions"),
                    "when completion mode is Indexed",
                ));
            }
            if let Some(p) = parallelism.filter(|p| *p > MAX_PARALLELISM_FOR_INDEXED) {
                errs.push(FieldError::invalid(
                    &path.child("parallelism"),
                    p,
                    format!("must be less than or equal to {MAX_PARALLELISM_FOR_INDEXED} when completion mode is Indexed"),
                ));
            }
            if let (Some(c), Some(m)) = (completions, max_failed) {
                if m > c {
                    errs.push(FieldError::invalid(
                        &path.child("maxFailedIndexes"),
                        m,
                        "must be less than or equal to completions",
                    ));
                }
            }
            if let Some(m) = max_failed.filter(|m| *m > MAX_FAILED_INDEXES) {
                errs.push(FieldError::invalid(
                    &path.child("maxFailedIndexes"),
                    m,
                    format!("must be less than or equal to {MAX_FAILED_INDEXES}"),
                ));
            }
            if completions.is_some_and(|c| c > COMPLETIONS_SOFT_LIMIT) && per_index.is_some() {
                if max_failed.is_none() {
                    errs.push(FieldError::required(
                        &path.child("maxFailedIndexes"),
                        format!(
                            "must be specified when completions is above {COMPLETIONS_SOFT_LIMIT}"
                        ),
                    ));
                }
                if let Some(p) = parallelism.filter(|p| *p > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS)
                {
                    errs.push(FieldError::invalid(
                        &path.child("parallelism"),
                        p,
                        format!("must be less than or equal to {PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} when completions are above {COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index"),
                    ));
                }
                if let Some(m) = max_failed.filter(|m| *m > MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS)
                {
                    errs.push(FieldError::invalid(
                        &path.child("maxFailedIndexes"),
                        m,
                        format!("must be less than or equal to {MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS} when completions are above {COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index"),
                    ));
                }
            }
        }
    }
    let indexed = mode == Some("Indexed");
    if !indexed {
        if let Some(b) = per_index {
            errs.push(FieldError::invalid(
                &path.child("backoffLimitPerIndex"),
                b,
                "requires indexed completion mode",
            ));
        }
        if let Some(m) = max_failed {
            errs.push(FieldError::invalid(
                &path.child("maxFailedIndexes"),
                m,
                "requires indexed completion mode",
            ));
        }
    }
    let pfp = field(spec, "podFailurePolicy");
    if let Some(policy) = pfp {
        errs.extend(validate_pod_failure_policy(
            spec,
            policy,
            &path.child("podFailurePolicy"),
        ));
    }
    if let Some(policy) = field(spec, "successPolicy") {
        if !indexed {
            errs.push(FieldError::invalid(
                &path.child("successPolicy"),
                policy.clone(),
                "requires indexed completion mode",
            ));
        } else {
            errs.extend(validate_success_policy(
                spec,
                policy,
                &path.child("successPolicy"),
            ));
        }
    }
    if let Some(rp) = string(spec, "podReplacementPolicy") {
        let rp_path = path.child("podReplacementPolicy");
        if pfp.is_some() {
            if rp != "Failed" {
                errs.push(FieldError::not_supported(&rp_path, rp, &["Failed"]));
            }
        } else if rp != "Failed" && rp != "TerminatingOrFailed" {
            errs.push(FieldError::not_supported(
                &rp_path,
                rp,
                &["Failed", "TerminatingOrFailed"],
            ));
        }
    }
    let empty = json!({});
    let template = field(spec, "template").unwrap_or(&empty);
    let template_path = path.child("template");
    errs.extend(validate_pod_template(template, &template_path));
    let policy_path = template_path.child("spec").child("restartPolicy");
    match restart_policy(template) {
        "Always" | "" => errs.push(FieldError::required(
            &policy_path,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        "OnFailure" | "Never" => {
            if pfp.is_some() && restart_policy(template) != "Never" {
                errs.push(FieldError::invalid(
                    &policy_path,
                    restart_policy(template),
                    "only \"Never\" is supported when podFailurePolicy is specified",
                ));
            }
        }
        other => errs.push(FieldError::not_supported(
            &policy_path,
            other,
            &["OnFailure", "Never"],
        )),
    }
    errs
}

/// Kubernetes' `ValidateJobSpec`: the common rules plus the selector.
fn validate_job_spec(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = validate_job_spec_common(spec, path);
    let selector = field(spec, "selector");
    match selector {
        None => errs.push(FieldError::required(&path.child("selector"), "")),
        Some(sel) => errs.extend(validate_label_selector(Some(sel), &path.child("selector"))),
    }
    if let Ok(sel) = selector_of(selector) {
        let empty = json!({});
        let template = field(spec, "template").unwrap_or(&empty);
        if !sel.matches(&string_map(template.pointer("/metadata/labels"))) {
            errs.push(selector_mismatch(template, &path.child("template")));
        }
    }
    errs
}

/// Kubernetes' `ValidateHasLabel` on the pod template.
fn has_label(errs: &mut ErrorList, template: &Value, key: &str, expected: &str) {
    let labels = template.pointer("/metadata/labels");
    let path = FieldPath::from_names(&["spec", "template", "metadata"])
        .child("labels")
        .key(key);
    match labels.and_then(|l| l.get(key)).and_then(Value::as_str) {
        None => errs.push(FieldError::required(&path, "")),
        Some(v) if v != expected => errs.push(invalid_rendered(
            &path,
            &go_string_map(labels),
            &format!("must be '{expected}'"),
        )),
        Some(_) => {}
    }
}

/// Kubernetes' `validateGeneratedSelector`.
fn validate_generated_selector(obj: &Value, require_prefixed: bool) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    if boolean(spec, "manualSelector") == Some(true) {
        return errs;
    }
    let Some(selector) = field(spec, "selector") else {
        return errs;
    };
    let uid = meta::meta_str(obj, "uid").unwrap_or_default();
    let name = meta::name(obj);
    if uid.is_empty() {
        errs.push(FieldError::required(
            &FieldPath::new("metadata").child("uid"),
            "",
        ));
    }
    let template = field(spec, "template").unwrap_or(&empty);
    has_label(&mut errs, template, LEGACY_CONTROLLER_UID_LABEL, uid);
    has_label(&mut errs, template, LEGACY_JOB_NAME_LABEL, name);
    let mut expected = std::collections::BTreeMap::new();
    if require_prefixed {
        has_label(&mut errs, template, CONTROLLER_UID_LABEL, uid);
        has_label(&mut errs, template, JOB_NAME_LABEL, name);
        expected.insert(CONTROLLER_UID_LABEL.to_string(), uid.to_string());
        expected.insert(JOB_NAME_LABEL.to_string(), name.to_string());
    }
    expected.insert(LEGACY_CONTROLLER_UID_LABEL.to_string(), uid.to_string());
    expected.insert(LEGACY_JOB_NAME_LABEL.to_string(), name.to_string());
    if let Ok(sel) = selector_of(Some(selector)) {
        if !sel.matches(&expected) {
            errs.push(invalid_rendered(
                &FieldPath::new("spec").child("selector"),
                &go_label_selector(Some(selector)),
                "`selector` not auto-generated",
            ));
        }
    }
    errs
}

/// Kubernetes' `ValidateJob`.
fn validate_job(obj: &Value, require_prefixed: bool) -> ErrorList {
    let mut errs = validate_generated_selector(obj, require_prefixed);
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    errs.extend(validate_job_spec(spec, &FieldPath::new("spec")));
    if string(spec, "completionMode") == Some("Indexed") {
        if let Some(c) = int(spec, "completions").filter(|c| *c > 0) {
            let name = meta::name(obj);
            let host = format!("{name}-{}", c - 1);
            if !is_dns1123_label(&host).is_empty() {
                errs.push(FieldError::invalid(
                    &FieldPath::new("metadata").child("name"),
                    name,
                    format!("will not able to create pod with invalid DNS label: {host}"),
                ));
            }
        }
    }
    errs
}

/// The old template with the scheduling directives a suspended, never-started Job
/// may change copied from the new one.
fn relax_scheduling_directives(new: &Value, old: &Value) -> Value {
    let mut relaxed = old.clone();
    let new_spec = new.get("spec");
    let pod = object_entry(&mut relaxed, "spec");
    let new_affinity = new_spec.and_then(|s| field(s, "affinity"));
    let old_affinity = pod.get("affinity").filter(|v| !v.is_null()).cloned();
    match (new_affinity, old_affinity) {
        (None, Some(mut a)) => {
            if let Some(m) = a.as_object_mut() {
                m.remove("nodeAffinity");
            }
            if a.as_object()
                .is_some_and(|m| m.values().all(Value::is_null))
            {
                pod.remove("affinity");
            } else {
                pod.insert("affinity".into(), a);
            }
        }
        (Some(n), None) => {
            let mut a = Map::new();
            if let Some(na) = field(n, "nodeAffinity") {
                a.insert("nodeAffinity".into(), na.clone());
            }
            pod.insert("affinity".into(), Value::Object(a));
        }
        (Some(n), Some(mut a)) => {
            if let Some(m) = a.as_object_mut() {
                match field(n, "nodeAffinity") {
                    Some(na) => {
                        m.insert("nodeAffinity".into(), na.clone());
                    }
                    None => {
                        m.remove("nodeAffinity");
                    }
                }
            }
            pod.insert("affinity".into(), a);
        }
        (None, None) => {}
    }
    for key in ["nodeSelector", "tolerations", "schedulingGates"] {
        match new_spec.and_then(|s| s.get(key)) {
            Some(v) => {
                pod.insert(key.into(), v.clone());
            }
            None => {
                pod.remove(key);
            }
        }
    }
    let meta = object_entry(&mut relaxed, "metadata");
    for key in ["labels", "annotations"] {
        match new.pointer(&format!("/metadata/{key}")) {
            Some(v) => {
                meta.insert(key.into(), v.clone());
            }
            None => {
                meta.remove(key);
            }
        }
    }
    relaxed
}

/// Kubernetes' `ValidateJobSpecUpdate` (beyond re-validating the new spec).
fn validate_spec_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let spec = new.get("spec").unwrap_or(&empty);
    let old_spec = old.get("spec").unwrap_or(&empty);
    let path = FieldPath::new("spec");
    let completions_path = path.child("completions");
    if string(spec, "completionMode") != Some("Indexed") {
        immutable(
            &mut errs,
            field(spec, "completions"),
            field(old_spec, "completions"),
            &completions_path,
        );
    } else if !semantic_eq(field(spec, "completions"), field(old_spec, "completions")) {
        if let Some(c) = int(spec, "completions") {
            if Some(c) != int(spec, "parallelism") {
                errs.push(FieldError::invalid(
                    &completions_path,
                    c,
                    "can only be modified in tandem with spec.parallelism",
                ));
            }
        }
    }
    immutable_rendered(
        &mut errs,
        field(spec, "selector"),
        field(old_spec, "selector"),
        &path.child("selector"),
        go_label_selector,
    );
    let template = field(spec, "template")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let mut old_template = field(old_spec, "template")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let suspended = boolean(old_spec, "suspend") == Some(true);
    let not_started = old
        .get("status")
        .and_then(|s| field(s, "startTime"))
        .is_none();
    if suspended && not_started {
        old_template = relax_scheduling_directives(&template, &old_template);
    }
    immutable(
        &mut errs,
        Some(&template),
        Some(&old_template),
        &path.child("template"),
    );
    for f in [
        "completionMode",
        "podFailurePolicy",
        "backoffLimitPerIndex",
        "managedBy",
        "successPolicy",
    ] {
        immutable(
            &mut errs,
            field(spec, f),
            field(old_spec, f),
            &path.child(f),
        );
    }
    errs
}

fn condition_true(job: &Value, kind: &str) -> bool {
    job.get("status")
        .map(|s| array(s, "conditions"))
        .unwrap_or(&[])
        .iter()
        .any(|c| string(c, "type") == Some(kind) && string(c, "status") == Some("True"))
}

/// Kubernetes' Job status checks with the options its strategy enables in 1.33:
/// most transition rules apply only when the fields involved change.
fn validate_status_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let status = new.get("status").unwrap_or(&empty);
    let old_status = old.get("status").unwrap_or(&empty);
    let spec = new.get("spec").unwrap_or(&empty);
    let sp = FieldPath::new("status");
    for f in ["active", "succeeded", "failed", "ready", "terminating"] {
        non_negative(&mut errs, int(status, f), &sp.child(f));
    }
    if let Some(u) = field(status, "uncountedTerminatedPods") {
        let up = sp.child("uncountedTerminatedPods");
        let mut seen: Vec<&str> = Vec::new();
        for key in ["succeeded", "failed"] {
            for (i, uid) in array(u, key).iter().enumerate() {
                let uid = uid.as_str().unwrap_or("");
                let p = up.child(key).index(i);
                if uid.is_empty() {
                    errs.push(FieldError::invalid(&p, uid, "must not be empty"));
                } else if seen.contains(&uid) {
                    errs.push(FieldError::duplicate(&p, uid));
                } else {
                    seen.push(uid);
                }
            }
        }
    }
    let changed = |k: &str| !semantic_eq(field(status, k), field(old_status, k));
    let finished = |j: &Value| condition_true(j, "Complete") || condition_true(j, "Failed");
    let is_indexed = string(spec, "completionMode") == Some("Indexed");
    let finished_changed = finished(old) != finished(new);
    let complete = condition_true(new, "Complete");
    let failed = condition_true(new, "Failed");
    let failure_target = condition_true(new, "FailureTarget");
    let success_met = condition_true(new, "SuccessCriteriaMet");
    let complete_changed = condition_true(old, "Complete") != complete;
    let failed_changed = condition_true(old, "Failed") != failed;
    let target_changed = condition_true(old, "FailureTarget") != failure_target;
    let completed_ix_changed = changed("completedIndexes");
    let failed_ix_changed = changed("failedIndexes");
    let active_changed = changed("active");
    let start_changed = changed("startTime");
    let completion_changed = changed("completionTime");
    let conditions = sp.child("conditions");
    let is_finished = complete || failed;
    let active = int(status, "active").unwrap_or(0);
    let completions = int(spec, "completions");

    if (complete_changed || failed_changed) && complete && failed {
        errs.push(invalid_omit(
            &conditions,
            "cannot set Complete=True and Failed=true conditions",
        ));
    }
    if (complete_changed || target_changed) && complete && failure_target {
        errs.push(invalid_omit(
            &conditions,
            "cannot set Complete=True and FailureTarget=true conditions",
        ));
    }
    let completion_time = field(status, "completionTime");
    if (complete_changed || completion_changed) && completion_time.is_some() && !complete {
        errs.push(FieldError::invalid(
            &sp.child("completionTime"),
            completion_time.cloned().unwrap_or(Value::Null),
            "cannot set completionTime when there is no Complete=True condition",
        ));
    }
    if (complete_changed || completion_changed) && completion_time.is_none() && complete {
        errs.push(FieldError::required(
            &sp.child("completionTime"),
            "completionTime is required for Complete jobs",
        ));
    }
    if start_changed || completion_changed {
        if let (Some(s), Some(c)) = (
            string(status, "startTime"),
            completion_time.and_then(Value::as_str),
        ) {
            let parse = |t: &str| t.parse::<jiff::Timestamp>().ok();
            if let (Some(s), Some(c)) = (parse(s), parse(c)) {
                if c < s {
                    errs.push(FieldError::invalid(
                        &sp.child("completionTime"),
                        completion_time.cloned().unwrap_or(Value::Null),
                        "must be equal to or after `startTime`",
                    ));
                }
            }
        }
    }
    if (failed_changed || failed_ix_changed) && failed && !failure_target {
        errs.push(invalid_omit(
            &conditions,
            "cannot set Failed=True condition without the FailureTarget=true condition",
        ));
    }
    if complete_changed && complete && !success_met {
        errs.push(invalid_omit(
            &conditions,
            "cannot set Complete=True condition without the SuccessCriteriaMet=true condition",
        ));
    }
    if (finished_changed || active_changed) && active > 0 && is_finished {
        errs.push(FieldError::invalid(
            &sp.child("active"),
            active,
            "active>0 is invalid for finished job",
        ));
    }
    if (finished_changed || start_changed) && field(status, "startTime").is_none() && is_finished {
        errs.push(FieldError::required(
            &sp.child("startTime"),
            "startTime is required for finished job",
        ));
    }
    if finished_changed || changed("uncountedTerminatedPods") {
        if let Some(u) = field(status, "uncountedTerminatedPods") {
            if is_finished && (!array(u, "failed").is_empty() || !array(u, "succeeded").is_empty())
            {
                errs.push(FieldError::invalid(
                    &sp.child("uncountedTerminatedPods"),
                    u.clone(),
                    "must be empty for finished job",
                ));
            }
        }
    }
    let completed_ix = string(status, "completedIndexes").unwrap_or("");
    if completed_ix_changed {
        if let Some(c) = completions {
            if let Err(e) = validate_indexes_format(completed_ix, c) {
                errs.push(FieldError::invalid(
                    &sp.child("completedIndexes"),
                    completed_ix,
                    format!("error parsing completedIndexes: {e}"),
                ));
            }
        }
        if !completed_ix.is_empty() && !is_indexed {
            errs.push(FieldError::invalid(
                &sp.child("completedIndexes"),
                completed_ix,
                "cannot set non-empty completedIndexes when non-indexed completion mode",
            ));
        }
    }
    let failed_ix = string(status, "failedIndexes");
    if failed_ix_changed {
        if let (Some(c), Some(_), Some(f)) =
            (completions, field(spec, "backoffLimitPerIndex"), failed_ix)
        {
            if let Err(e) = validate_indexes_format(f, c) {
                errs.push(FieldError::invalid(
                    &sp.child("failedIndexes"),
                    f,
                    format!("error parsing failedIndexes: {e}"),
                ));
            }
        }
        if let (None, Some(f)) = (field(spec, "backoffLimitPerIndex"), failed_ix) {
            errs.push(FieldError::invalid(
                &sp.child("failedIndexes"),
                f,
                "cannot set non-null failedIndexes when backoffLimitPerIndex is null",
            ));
        }
    }
    if failed_ix_changed || completed_ix_changed {
        if let (Some(c), Some(f)) = (completions, failed_ix) {
            if let Some(at) = overlap(completed_ix, f, c) {
                errs.push(FieldError::invalid(
                    &sp.child("failedIndexes"),
                    f,
                    format!("failedIndexes and completedIndexes overlap at index: {at}"),
                ));
            }
        }
    }
    if (finished_changed || changed("terminating")) && is_finished {
        if let Some(t) = int(status, "terminating").filter(|t| *t > 0) {
            errs.push(FieldError::invalid(
                &sp.child("terminating"),
                t,
                "terminating>0 is invalid for finished job",
            ));
        }
    }
    if changed("ready") || active_changed {
        if let Some(r) = int(status, "ready").filter(|r| *r > active) {
            errs.push(FieldError::invalid(
                &sp.child("ready"),
                r,
                "cannot set more ready pods than active",
            ));
        }
    }
    if success_met && failed {
        errs.push(invalid_omit(
            &conditions,
            "cannot set SuccessCriteriaMet=True and Failed=true conditions",
        ));
    }
    if success_met && failure_target {
        errs.push(invalid_omit(
            &conditions,
            "cannot set SuccessCriteriaMet=True and FailureTarget=true conditions",
        ));
    }
    if field(spec, "successPolicy").is_some() && !success_met && complete {
        errs.push(invalid_omit(
            &conditions,
            "cannot set Complete=True for Job with SuccessPolicy unless SuccessCriteriaMet=True",
        ));
    }
    // Transition rules.
    for kind in ["Failed", "Complete", "FailureTarget"] {
        if condition_true(old, kind) && !condition_true(new, kind) {
            errs.push(invalid_omit(
                &conditions,
                &format!("cannot disable the terminal {kind}=True condition"),
            ));
        }
    }
    let count = |s: &Value, k: &str| int(s, k).unwrap_or(0);
    if count(status, "failed") < count(old_status, "failed") {
        errs.push(FieldError::invalid(
            &sp.child("failed"),
            count(status, "failed"),
            "cannot decrease the failed counter",
        ));
    }
    let scalable =
        is_indexed && semantic_eq(field(spec, "completions"), field(spec, "parallelism"));
    if !scalable && count(status, "succeeded") < count(old_status, "succeeded") {
        errs.push(FieldError::invalid(
            &sp.child("succeeded"),
            count(status, "succeeded"),
            "cannot decrease the succeeded counter",
        ));
    }
    if let (Some(n), Some(_)) = (completion_time, field(old_status, "completionTime")) {
        if changed("completionTime") {
            errs.push(FieldError::invalid(
                &sp.child("completionTime"),
                n.clone(),
                "field is immutable",
            ));
        }
    }
    if field(old_status, "startTime").is_some()
        && start_changed
        && boolean(spec, "suspend") != Some(true)
    {
        errs.push(FieldError::required(
            &sp.child("startTime"),
            "startTime cannot be removed for unsuspended job",
        ));
    }
    if condition_true(old, "SuccessCriteriaMet") && !success_met {
        errs.push(invalid_omit(
            &conditions,
            "cannot disable the SuccessCriteriaMet=True condition",
        ));
    }
    if condition_true(old, "Complete") && !condition_true(old, "SuccessCriteriaMet") && success_met
    {
        errs.push(invalid_omit(
            &conditions,
            "cannot set SuccessCriteriaMet=True for Job already has Complete=true conditions",
        ));
    }
    errs
}

/// The first index both interval lists contain, if any.
fn overlap(completed: &str, failed: &str, completions: i64) -> Option<i64> {
    if completed.is_empty() || failed.is_empty() {
        return None;
    }
    let parse = |s: &str| -> Vec<(i64, i64)> {
        s.split(',')
            .filter_map(|p| parse_interval(p, completions).ok())
            .collect()
    };
    let (c, f) = (parse(completed), parse(failed));
    let (mut i, mut j) = (0, 0);
    while i < c.len() && j < f.len() {
        let ((cx, cy), (fx, fy)) = (c[i], f[j]);
        if cx <= fy && fx <= cy {
            return Some(cx.max(fx));
        }
        if cx <= fx {
            i += 1;
        } else {
            j += 1;
        }
    }
    None
}

/// Whether the old Job's template carried both prefixed generated labels.
fn had_prefixed_labels(old: &Value) -> bool {
    let labels = old.pointer("/spec/template/metadata/labels");
    [JOB_NAME_LABEL, CONTROLLER_UID_LABEL]
        .iter()
        .all(|k| labels.and_then(|l| l.get(*k)).is_some())
}

impl Strategy for JobStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_job(obj);
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        let manual = obj
            .pointer("/spec/manualSelector")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if !manual {
            generate_selector(obj);
            // Reads of a Job apply the label default again, so the generated pod
            // labels show on a Job created without labels.
            default_job_labels(obj);
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_job(obj, true)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        // Kubernetes compares against the old object as decoded, i.e. with today's
        // defaults applied; the stored form may predate some of them.
        let mut old_defaulted = old.clone();
        default_job(&mut old_defaulted);
        let mut errs = validate_job(new, had_prefixed_labels(old));
        errs.extend(validate_spec_update(new, &old_defaulted));
        errs
    }

    fn validate_status_update(&self, new: &Value, old: &Value) -> ErrorList {
        validate_status_update(new, old)
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["status.successful"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        match field {
            "status.successful" => Some(
                obj.pointer("/status/succeeded")
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
                    .to_string(),
            ),
            _ => None,
        }
    }

    fn default_propagation(&self) -> Propagation {
        // batch/v1 keeps orphaning pods by default for backwards compatibility.
        Propagation::Orphan
    }
}

#[cfg(test)]
mod tests;
