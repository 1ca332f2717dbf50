//! The DaemonSet strategy (apps/v1): defaults, spec and status validation and the
//! immutable selector.

use capstan_machinery::validation::{go_quote, ErrorKind, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::workload::{
    always_restart_rules, collision_count_not_decremented, default_spec_template,
    int_or_percent_value, non_negative_status, not_more_than_100_percent,
    selector_matches_template, selector_mismatch, validate_int_or_percent,
};
use crate::registry::core::pod_spec::validate_pod_template;
use crate::registry::other::common::{
    field, go_int_or_string, go_label_selector, immutable_rendered, int, invalid_rendered,
    non_negative, object_entry, selector_is_empty, set_default, string, validate_label_selector,
};
use crate::registry::strategy::Strategy;

/// Behaviour of DaemonSets in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct DaemonSetStrategy;

/// Kubernetes' `SetDefaults_DaemonSet` plus the pod template defaults.
pub fn default_daemonset(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    let strategy = spec.entry("updateStrategy").or_insert_with(|| json!({}));
    if !strategy.is_object() {
        *strategy = json!({});
    }
    if let Some(st) = strategy.as_object_mut() {
        if st
            .get("type")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            st.insert("type".into(), json!("RollingUpdate"));
        }
        if st.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            let ru = st.entry("rollingUpdate").or_insert_with(|| json!({}));
            if !ru.is_object() {
                *ru = json!({});
            }
            if let Some(ru) = ru.as_object_mut() {
                set_default(ru, "maxUnavailable", json!(1));
                set_default(ru, "maxSurge", json!(0));
            }
        }
    }
    set_default(spec, "revisionHistoryLimit", json!(10));
    default_spec_template(obj);
}

fn validate_rolling_update(ru: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let unavailable = field(ru, "maxUnavailable");
    let surge = field(ru, "maxSurge");
    errs.extend(validate_int_or_percent(
        unavailable,
        &path.child("maxUnavailable"),
    ));
    errs.extend(validate_int_or_percent(surge, &path.child("maxSurge")));
    errs.extend(not_more_than_100_percent(
        unavailable,
        &path.child("maxUnavailable"),
    ));
    errs.extend(not_more_than_100_percent(surge, &path.child("maxSurge")));
    let has_unavailable = int_or_percent_value(unavailable) != 0;
    let has_surge = int_or_percent_value(surge) != 0;
    if has_unavailable && has_surge {
        errs.push(invalid_rendered(
            &path.child("maxSurge"),
            &go_int_or_string(surge),
            "may not be set when maxUnavailable is non-zero",
        ));
    } else if !has_unavailable && !has_surge {
        errs.push(FieldError::required(
            &path.child("maxUnavailable"),
            "cannot be 0 when maxSurge is 0",
        ));
    }
    errs
}

fn validate_update_strategy(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let strategy = field(spec, "updateStrategy").unwrap_or(&empty);
    let rolling = field(strategy, "rollingUpdate");
    match string(strategy, "type").unwrap_or("") {
        "OnDelete" => {}
        "RollingUpdate" => match rolling {
            None => errs.push(FieldError::required(&path.child("rollingUpdate"), "")),
            Some(ru) => errs.extend(validate_rolling_update(ru, &path.child("rollingUpdate"))),
        },
        other => {
            let ru = match rolling {
                Some(_) => "(*apps.RollingUpdateDaemonSet)(0xc000000000)",
                None => "(*apps.RollingUpdateDaemonSet)(nil)",
            };
            errs.push(FieldError::new(
                ErrorKind::NotSupported,
                path,
                None,
                format!(
                    "apps.DaemonSetUpdateStrategy{{Type:{}, RollingUpdate:{ru}}}: supported values: \"RollingUpdate\", \"OnDelete\"",
                    go_quote(other)
                ),
            ));
        }
    }
    errs
}

/// Kubernetes' `ValidateDaemonSetSpec`.
pub fn validate_daemonset_spec(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let selector = field(spec, "selector");
    let sel_path = path.child("selector");
    errs.extend(validate_label_selector(selector, &sel_path));
    let empty = json!({});
    let template = field(spec, "template").unwrap_or(&empty);
    let template_path = path.child("template");
    if selector_matches_template(selector, template) == Some(false) {
        errs.push(selector_mismatch(template, &template_path));
    }
    if let Some(sel) = selector.filter(|s| selector_is_empty(s)) {
        errs.push(invalid_rendered(
            &sel_path,
            &go_label_selector(Some(sel)),
            "empty selector is invalid for daemonset",
        ));
    }
    errs.extend(validate_pod_template(template, &template_path));
    errs.extend(always_restart_rules(template, &template_path, "DaemonSet"));
    non_negative(
        &mut errs,
        int(spec, "minReadySeconds"),
        &path.child("minReadySeconds"),
    );
    errs.extend(validate_update_strategy(
        spec,
        &path.child("updateStrategy"),
    ));
    non_negative(
        &mut errs,
        int(spec, "revisionHistoryLimit"),
        &path.child("revisionHistoryLimit"),
    );
    errs
}

impl Strategy for DaemonSetStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_daemonset(obj);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        validate_daemonset_spec(obj.get("spec").unwrap_or(&empty), &FieldPath::new("spec"))
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = self.validate(new);
        immutable_rendered(
            &mut errs,
            new.pointer("/spec/selector"),
            old.pointer("/spec/selector"),
            &FieldPath::new("spec").child("selector"),
            go_label_selector,
        );
        errs
    }

    fn validate_status_update(&self, new: &Value, old: &Value) -> ErrorList {
        let empty = json!({});
        let mut errs = non_negative_status(
            new.get("status").unwrap_or(&empty),
            &[
                "currentNumberScheduled",
                "numberMisscheduled",
                "desiredNumberScheduled",
                "numberReady",
                "observedGeneration",
                "updatedNumberScheduled",
                "numberAvailable",
                "numberUnavailable",
                "collisionCount",
            ],
        );
        errs.extend(collision_count_not_decremented(new, old));
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, has, message};

    fn ds() -> Value {
        let mut v = json!({
            "metadata": {"name": "agent", "namespace": "kube-system"},
            "spec": {
                "selector": {"matchLabels": {"app": "agent"}},
                "template": {"metadata": {"labels": {"app": "agent"}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}
            }
        });
        DaemonSetStrategy.default(&mut v);
        v
    }

    #[test]
    fn defaults_match_kubernetes() {
        let v = ds();
        assert_eq!(
            v["spec"]["updateStrategy"],
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}})
        );
        assert_eq!(v["spec"]["revisionHistoryLimit"], 10);
        assert!(DaemonSetStrategy.validate(&v).is_empty());
    }

    #[test]
    fn rolling_update_rules() {
        let mut v = ds();
        v["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": 0, "maxSurge": 0});
        let errs = DaemonSetStrategy.validate(&v);
        assert_eq!(
            message(&errs, "spec.updateStrategy.rollingUpdate.maxUnavailable"),
            "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"
        );
        v["spec"]["updateStrategy"]["rollingUpdate"] =
            json!({"maxUnavailable": 1, "maxSurge": "10%"});
        let errs = DaemonSetStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [(
                "spec.updateStrategy.rollingUpdate.maxSurge".to_string(),
                "FieldValueInvalid"
            )]
        );
    }

    #[test]
    fn missing_selector_only_mismatches() {
        let mut v = ds();
        v["spec"].as_object_mut().map(|s| s.remove("selector"));
        let errs = DaemonSetStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [(
                "spec.template.metadata.labels".to_string(),
                "FieldValueInvalid"
            )]
        );
    }

    #[test]
    fn unsupported_strategy_and_restart_policy() {
        let mut v = ds();
        v["spec"]["updateStrategy"] = json!({"type": "Surge"});
        v["spec"]["template"]["spec"]["restartPolicy"] = json!("OnFailure");
        let errs = DaemonSetStrategy.validate(&v);
        assert!(has(&errs, "spec.updateStrategy", "FieldValueNotSupported"));
        assert!(has(
            &errs,
            "spec.template.spec.restartPolicy",
            "FieldValueNotSupported"
        ));
    }

    #[test]
    fn selector_immutable() {
        let old = ds();
        let mut new = old.clone();
        new["spec"]["selector"]["matchLabels"]["x"] = json!("y");
        new["spec"]["template"]["metadata"]["labels"]["x"] = json!("y");
        assert_eq!(
            causes(&DaemonSetStrategy.validate_update(&new, &old)),
            [("spec.selector".to_string(), "FieldValueInvalid")]
        );
    }

    #[test]
    fn status_rules() {
        let errs = DaemonSetStrategy
            .validate_status_update(&json!({"status": {"numberReady": -1}}), &json!({}));
        assert!(has(&errs, "status.numberReady", "FieldValueInvalid"));
    }
}
