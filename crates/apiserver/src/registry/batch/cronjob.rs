//! The CronJob strategy (batch/v1): defaults, schedule and time zone validation,
//! the job template rules and the 52-character name limit.

use capstan_machinery::cron;
use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::job::{default_job_spec_parts, validate_job_spec_common};
use crate::registry::meta;
use crate::registry::other::common::{
    boolean, field, go_label_selector, int, invalid_rendered, non_negative, object_entry,
    semantic_eq, set_default, string,
};
use crate::registry::strategy::Strategy;

/// Behaviour of CronJobs in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct CronJobStrategy;

/// The longest CronJob name: Job names get an 11-character `-<timestamp>` suffix and
/// must stay within 63 characters.
pub const MAX_CRONJOB_NAME_LENGTH: usize = 52;

/// Kubernetes' `SetDefaults_CronJob` plus the job template's pod defaults.
pub fn default_cronjob(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    if spec
        .get("concurrencyPolicy")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        spec.insert("concurrencyPolicy".into(), json!("Allow"));
    }
    set_default(spec, "suspend", json!(false));
    set_default(spec, "successfulJobsHistoryLimit", json!(3));
    set_default(spec, "failedJobsHistoryLimit", json!(1));
    let template = spec.entry("jobTemplate").or_insert_with(|| json!({}));
    let job_spec = object_entry(template, "spec");
    default_job_spec_parts(job_spec);
}

/// Kubernetes' schedule check: the cron syntax, and no `TZ=`/`CRON_TZ=` unless the
/// old schedule already used one (and then not together with `timeZone`).
fn validate_schedule(
    schedule: &str,
    allow_tz: bool,
    time_zone: Option<&str>,
    path: &FieldPath,
) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Err(e) = cron::parse(schedule) {
        errs.push(FieldError::invalid(path, schedule, e.to_string()));
    }
    let mentions_tz = schedule.contains("TZ");
    if allow_tz && mentions_tz && time_zone.is_some() {
        errs.push(FieldError::invalid(
            path,
            schedule,
            "cannot use both timeZone field and TZ or CRON_TZ in schedule",
        ));
    } else if !allow_tz && mentions_tz {
        errs.push(FieldError::invalid(
            path,
            schedule,
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ));
    }
    errs
}

/// Kubernetes' `ValidateJobTemplateSpec`.
fn validate_job_template(template: &Value, path: &FieldPath) -> ErrorList {
    let empty = json!({});
    let spec = field(template, "spec").unwrap_or(&empty);
    let spec_path = path.child("spec");
    let mut errs = validate_job_spec_common(spec, &spec_path);
    if let Some(sel) = field(spec, "selector") {
        errs.push(invalid_rendered(
            &spec_path.child("selector"),
            &go_label_selector(Some(sel)),
            "`selector` will be auto-generated",
        ));
    }
    if boolean(spec, "manualSelector") == Some(true) {
        errs.push(FieldError::not_supported(
            &spec_path.child("manualSelector"),
            true,
            &["nil", "false"],
        ));
    }
    errs
}

/// Kubernetes' `validateCronJobSpec`; `old` is the old spec on update.
fn validate_spec(spec: &Value, old: Option<&Value>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let time_zone = string(spec, "timeZone");
    let schedule_path = path.child("schedule");
    match string(spec, "schedule").unwrap_or("") {
        "" => errs.push(FieldError::required(&schedule_path, "")),
        schedule => {
            let allow_tz = old
                .and_then(|o| string(o, "schedule"))
                .is_some_and(|s| s.contains("TZ"));
            errs.extend(validate_schedule(
                schedule,
                allow_tz,
                time_zone,
                &schedule_path,
            ));
        }
    }
    non_negative(
        &mut errs,
        int(spec, "startingDeadlineSeconds"),
        &path.child("startingDeadlineSeconds"),
    );
    let tz_changed =
        old.is_none_or(|o| !semantic_eq(field(o, "timeZone"), field(spec, "timeZone")));
    if let (true, Some(tz)) = (tz_changed, field(spec, "timeZone")) {
        let name = tz.as_str().unwrap_or("");
        for msg in cron::validate_time_zone(name) {
            errs.push(FieldError::invalid(&path.child("timeZone"), name, msg));
        }
    }
    let cp_path = path.child("concurrencyPolicy");
    match string(spec, "concurrencyPolicy").unwrap_or("") {
        "Allow" | "Forbid" | "Replace" => {}
        "" => errs.push(FieldError::required(&cp_path, "")),
        other => errs.push(FieldError::not_supported(
            &cp_path,
            other,
            &["Allow", "Forbid", "Replace"],
        )),
    }
    let empty = json!({});
    errs.extend(validate_job_template(
        field(spec, "jobTemplate").unwrap_or(&empty),
        &path.child("jobTemplate"),
    ));
    for f in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
        non_negative(&mut errs, int(spec, f), &path.child(f));
    }
    errs
}

impl Strategy for CronJobStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_cronjob(obj);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        let mut errs = validate_spec(
            obj.get("spec").unwrap_or(&empty),
            None,
            &FieldPath::new("spec"),
        );
        let name = meta::name(obj);
        if name.len() > MAX_CRONJOB_NAME_LENGTH {
            errs.push(FieldError::invalid(
                &FieldPath::new("metadata").child("name"),
                name,
                format!("must be no more than {MAX_CRONJOB_NAME_LENGTH} characters"),
            ));
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        // The name limit is not re-checked so older, longer-named CronJobs stay
        // updatable.
        let empty = json!({});
        validate_spec(
            new.get("spec").unwrap_or(&empty),
            Some(old.get("spec").unwrap_or(&empty)),
            &FieldPath::new("spec"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, has, message};

    fn cronjob() -> Value {
        let mut v = json!({
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": {"name": "hello", "namespace": "default"},
            "spec": {
                "schedule": "*/1 * * * *",
                "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure", "containers": [{"name": "c", "image": "busybox"}]}}}}
            }
        });
        CronJobStrategy.default(&mut v);
        v
    }

    #[test]
    fn defaults_match_kubernetes() {
        let v = cronjob();
        assert_eq!(v["spec"]["concurrencyPolicy"], "Allow");
        assert_eq!(v["spec"]["suspend"], false);
        assert_eq!(v["spec"]["successfulJobsHistoryLimit"], 3);
        assert_eq!(v["spec"]["failedJobsHistoryLimit"], 1);
        // Job defaults are not applied to the template.
        assert!(v["spec"]["jobTemplate"]["spec"]
            .get("backoffLimit")
            .is_none());
        assert!(CronJobStrategy.validate(&v).is_empty());
    }

    #[test]
    fn invalid_schedule_is_422_at_spec_schedule() {
        let mut v = cronjob();
        v["spec"]["schedule"] = json!("61 * * * *");
        let errs = CronJobStrategy.validate(&v);
        assert_eq!(
            message(&errs, "spec.schedule"),
            "spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61"
        );
        v["spec"]["schedule"] = json!("");
        assert!(has(
            &CronJobStrategy.validate(&v),
            "spec.schedule",
            "FieldValueRequired"
        ));
    }

    #[test]
    fn tz_in_schedule_is_rejected_on_create() {
        let mut v = cronjob();
        v["spec"]["schedule"] = json!("TZ=UTC 0 * * * *");
        let errs = CronJobStrategy.validate(&v);
        assert_eq!(
            message(&errs, "spec.schedule"),
            "spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
        );
        // An existing schedule with TZ stays updatable, but not with timeZone.
        let old = v.clone();
        let mut new = v.clone();
        new["spec"]["suspend"] = json!(true);
        assert!(CronJobStrategy.validate_update(&new, &old).is_empty());
        new["spec"]["timeZone"] = json!("Europe/Paris");
        assert_eq!(
            causes(&CronJobStrategy.validate_update(&new, &old)),
            [("spec.schedule".to_string(), "FieldValueInvalid")]
        );
    }

    #[test]
    fn time_zone_must_exist() {
        let mut v = cronjob();
        v["spec"]["timeZone"] = json!("Europe/Paris");
        assert!(CronJobStrategy.validate(&v).is_empty());
        v["spec"]["timeZone"] = json!("Mars/Olympus");
        assert_eq!(
            message(&CronJobStrategy.validate(&v), "spec.timeZone"),
            "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"
        );
    }

    #[test]
    fn job_template_rules() {
        let mut v = cronjob();
        v["spec"]["jobTemplate"]["spec"]["selector"] = json!({"matchLabels": {"a": "b"}});
        v["spec"]["jobTemplate"]["spec"]["manualSelector"] = json!(true);
        v["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] = json!("Always");
        v["spec"]["concurrencyPolicy"] = json!("Sometimes");
        v["spec"]["startingDeadlineSeconds"] = json!(-5);
        let errs = CronJobStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                (
                    "spec.startingDeadlineSeconds".to_string(),
                    "FieldValueInvalid"
                ),
                (
                    "spec.concurrencyPolicy".to_string(),
                    "FieldValueNotSupported"
                ),
                (
                    "spec.jobTemplate.spec.template.spec.restartPolicy".to_string(),
                    "FieldValueRequired"
                ),
                (
                    "spec.jobTemplate.spec.selector".to_string(),
                    "FieldValueInvalid"
                ),
                (
                    "spec.jobTemplate.spec.manualSelector".to_string(),
                    "FieldValueNotSupported"
                ),
            ]
        );
        assert_eq!(
            message(&errs, "spec.jobTemplate.spec.manualSelector"),
            "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\""
        );
    }

    #[test]
    fn name_limit_applies_on_create_only() {
        let mut v = cronjob();
        v["metadata"]["name"] = json!("x".repeat(53));
        assert_eq!(
            message(&CronJobStrategy.validate(&v), "metadata.name"),
            format!(
                "metadata.name: Invalid value: \"{}\": must be no more than 52 characters",
                "x".repeat(53)
            )
        );
        assert!(CronJobStrategy.validate_update(&v, &v).is_empty());
    }
}
