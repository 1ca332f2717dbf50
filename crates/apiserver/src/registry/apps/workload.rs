//! Rules shared by the workload controllers' specs (Deployments, ReplicaSets,
//! StatefulSets, DaemonSets and Jobs): pod template defaulting, selector/template
//! agreement, restart-policy restrictions and int-or-percent values.

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use crate::registry::core::pod_spec::{default_pod_template, validate_pod_template};
use crate::registry::other::common::{
    field, go_int_or_string, go_label_selector, go_string_map, invalid_rendered, selector_is_empty,
    selector_of, string, validate_label_selector,
};

/// Defaults an embedded pod template with the shared pod defaulters (which also
/// give `restartPolicy` its `Always` default, the value the workload rules check).
/// Like Kubernetes, an absent template spec is defaulted as an empty one.
pub fn default_template(template: &mut Value) {
    if !template.is_object() {
        *template = json!({});
    }
    if let Some(map) = template.as_object_mut() {
        let spec = map.entry("spec").or_insert_with(|| json!({}));
        if !spec.is_object() {
            *spec = json!({});
        }
    }
    default_pod_template(template);
}

/// Defaults `spec.template` of a workload object when it has one.
pub fn default_spec_template(obj: &mut Value) {
    if let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) {
        let template = spec
            .as_object_mut()
            .map(|m| m.entry("template").or_insert_with(|| json!({})));
        if let Some(t) = template {
            default_template(t);
        }
    }
}

/// The template's `metadata.labels`.
pub fn template_labels(template: &Value) -> Option<&Value> {
    template.get("metadata").and_then(|m| field(m, "labels"))
}

/// The template's `spec.restartPolicy` ("" when unset).
pub fn restart_policy(template: &Value) -> &str {
    template
        .get("spec")
        .and_then(|s| string(s, "restartPolicy"))
        .unwrap_or("")
}

/// The "selector does not match template labels" error.
pub fn selector_mismatch(template: &Value, template_path: &FieldPath) -> FieldError {
    invalid_rendered(
        &template_path.child("metadata").child("labels"),
        &go_string_map(template_labels(template)),
        "`selector` does not match template `labels`",
    )
}

/// Whether a parsed selector matches the template's labels.
fn matches_template(selector: &capstan_machinery::Selector, template: &Value) -> bool {
    selector.matches(&crate::registry::other::common::string_map(
        template_labels(template),
    ))
}

/// Validates `spec.selector` the way Deployments, ReplicaSets and StatefulSets do:
/// required, valid, not empty (`kind_word` names the resource in the message).
pub fn validate_required_selector(
    spec: &Value,
    spec_path: &FieldPath,
    kind_word: &str,
) -> ErrorList {
    let mut errs = ErrorList::new();
    let sel_path = spec_path.child("selector");
    match field(spec, "selector") {
        None => errs.push(FieldError::required(&sel_path, "")),
        Some(sel) => {
            errs.extend(validate_label_selector(Some(sel), &sel_path));
            if selector_is_empty(sel) {
                errs.push(invalid_rendered(
                    &sel_path,
                    &go_label_selector(Some(sel)),
                    &format!("empty selector is invalid for {kind_word}"),
                ));
            }
        }
    }
    errs
}

/// Kubernetes' `ValidatePodTemplateSpecForReplicaSet` (also used by Deployments):
/// the selector must match the template labels, the template must be a valid pod
/// template with `restartPolicy: Always` and no `activeDeadlineSeconds`.
/// `invalid_selector_detail` is the message used when the selector cannot be parsed.
pub fn validate_replicated_template(
    spec: &Value,
    spec_path: &FieldPath,
    invalid_selector_detail: &str,
) -> ErrorList {
    let mut errs = ErrorList::new();
    let selector = field(spec, "selector");
    let template_path = spec_path.child("template");
    let empty = json!({});
    let template = field(spec, "template").unwrap_or(&empty);
    match selector_of(selector) {
        Err(_) => errs.push(invalid_rendered(
            &spec_path.child("selector"),
            &go_label_selector(selector),
            invalid_selector_detail,
        )),
        Ok(sel) => {
            if !sel.is_empty() && !matches_template(&sel, template) {
                errs.push(selector_mismatch(template, &template_path));
            }
            errs.extend(validate_pod_template(template, &template_path));
            errs.extend(always_restart_rules(template, &template_path, "ReplicaSet"));
        }
    }
    errs
}

/// `restartPolicy` must be `Always` and `activeDeadlineSeconds` unset (`kind` names
/// the resource in the message).
pub fn always_restart_rules(template: &Value, template_path: &FieldPath, kind: &str) -> ErrorList {
    let mut errs = ErrorList::new();
    let spec_path = template_path.child("spec");
    let policy = restart_policy(template);
    if policy != "Always" {
        errs.push(FieldError::not_supported(
            &spec_path.child("restartPolicy"),
            policy,
            &["Always"],
        ));
    }
    if template
        .get("spec")
        .and_then(|s| field(s, "activeDeadlineSeconds"))
        .is_some()
    {
        errs.push(FieldError::forbidden(
            &spec_path.child("activeDeadlineSeconds"),
            format!("activeDeadlineSeconds in {kind} is not Supported"),
        ));
    }
    errs
}

/// Whether the selector (parsed like Kubernetes) matches the template labels, for
/// DaemonSets, which check even an absent selector.
pub fn selector_matches_template(selector: Option<&Value>, template: &Value) -> Option<bool> {
    selector_of(selector)
        .ok()
        .map(|sel| matches_template(&sel, template))
}

/// A percentage value of an int-or-string, if it is a valid `N%` string.
fn percent_value(value: &Value) -> Option<i64> {
    let s = value.as_str()?;
    let digits = s.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<i64>().unwrap_or(i64::MAX))
}

/// Kubernetes' `getIntOrPercentValue`: the percentage, the integer, or the string
/// parsed as an integer (0 when it is not one).
pub fn int_or_percent_value(value: Option<&Value>) -> i64 {
    match value {
        None => 0,
        Some(v) => percent_value(v).unwrap_or_else(|| match v {
            Value::String(s) => s.parse::<i64>().unwrap_or(0),
            other => other.as_i64().unwrap_or(0),
        }),
    }
}

const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%', regex used for validation is '[0-9]+%')";

/// Kubernetes' `ValidatePositiveIntOrPercent`.
pub fn validate_int_or_percent(value: Option<&Value>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    match value {
        Some(Value::String(_)) if value.and_then(percent_value).is_none() => {
            errs.push(invalid_rendered(
                path,
                &go_int_or_string(value),
                PERCENT_MSG,
            ));
        }
        Some(Value::String(_)) => {}
        Some(v) => {
            let n = v.as_i64().unwrap_or(0);
            if n < 0 {
                errs.push(FieldError::invalid(
                    path,
                    n,
                    crate::registry::other::common::NEGATIVE_MSG,
                ));
            }
        }
        None => {}
    }
    errs
}

/// Kubernetes' `IsNotMoreThan100Percent`.
pub fn not_more_than_100_percent(value: Option<&Value>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(p) = value.and_then(percent_value) {
        if p > 100 {
            errs.push(invalid_rendered(
                path,
                &go_int_or_string(value),
                "must not be greater than 100%",
            ));
        }
    }
    errs
}

/// Validates the common replica-status counters as non-negative.
pub fn non_negative_status(status: &Value, fields: &[&str]) -> ErrorList {
    let mut errs = ErrorList::new();
    let base = FieldPath::new("status");
    for f in fields {
        crate::registry::other::common::non_negative(
            &mut errs,
            crate::registry::other::common::int(status, f),
            &base.child(*f),
        );
    }
    errs
}

/// Pushes "cannot be greater than ..." when `status.<small> > status.<big>`.
pub fn not_greater(errs: &mut ErrorList, status: &Value, small: &str, big: &str, msg: &str) {
    let s = crate::registry::other::common::int(status, small).unwrap_or(0);
    let b = crate::registry::other::common::int(status, big).unwrap_or(0);
    if s > b {
        errs.push(FieldError::invalid(
            &FieldPath::new("status").child(small),
            s,
            msg,
        ));
    }
}

/// `status.collisionCount` may not decrease.
pub fn collision_count_not_decremented(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let get = |o: &Value| {
        o.get("status")
            .and_then(|s| crate::registry::other::common::int(s, "collisionCount"))
    };
    if let Some(old_count) = get(old) {
        let new_count = get(new);
        if new_count.is_none_or(|n| n < old_count) {
            errs.push(FieldError::invalid(
                &FieldPath::new("status").child("collisionCount"),
                new_count.unwrap_or(0),
                "cannot be decremented",
            ));
        }
    }
    errs
}

/// Drops `status.<field>` (an alpha field Kubernetes 1.33 keeps disabled) unless
/// the old object already used it.
pub fn drop_disabled_status_field(new: &mut Value, old: &Value, field_name: &str) {
    let old_uses = old
        .get("status")
        .and_then(|s| s.get(field_name))
        .is_some_and(|v| !v.is_null());
    if !old_uses {
        if let Some(status) = new.get_mut("status").and_then(Value::as_object_mut) {
            status.remove(field_name);
        }
    }
}

/// Keeps `metadata.labels` of the old object (status updates of Deployments and
/// ReplicaSets may not change labels).
pub fn keep_old_labels(new: &mut Value, old: &Value) {
    let labels = old.pointer("/metadata/labels").cloned();
    let meta = crate::registry::meta::meta_mut(new);
    match labels {
        Some(l) => {
            meta.insert("labels".into(), l);
        }
        None => {
            meta.remove("labels");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn int_or_percent_rules() {
        let p = FieldPath::new("x");
        assert!(validate_int_or_percent(Some(&json!("25%")), &p).is_empty());
        assert!(validate_int_or_percent(Some(&json!(3)), &p).is_empty());
        let errs = validate_int_or_percent(Some(&json!("abc")), &p);
        assert_eq!(
            errs.0[0].to_string(),
            format!("x: Invalid value: intstr.IntOrString{{Type:1, IntVal:0, StrVal:\"abc\"}}: {PERCENT_MSG}")
        );
        assert_eq!(
            validate_int_or_percent(Some(&json!(-1)), &p).0[0].to_string(),
            "x: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(not_more_than_100_percent(Some(&json!("101%")), &p).len(), 1);
        assert_eq!(int_or_percent_value(Some(&json!("30%"))), 30);
        assert_eq!(int_or_percent_value(Some(&json!("7"))), 7);
        assert_eq!(int_or_percent_value(Some(&json!("x"))), 0);
    }

    #[test]
    fn disabled_status_fields_are_dropped_unless_in_use() {
        let mut new = json!({"status": {"replicas": 1, "terminatingReplicas": 2}});
        drop_disabled_status_field(&mut new, &json!({}), "terminatingReplicas");
        assert_eq!(new["status"], json!({"replicas": 1}));
        let mut new = json!({"status": {"terminatingReplicas": 2}});
        let old = json!({"status": {"terminatingReplicas": 1}});
        drop_disabled_status_field(&mut new, &old, "terminatingReplicas");
        assert_eq!(new["status"]["terminatingReplicas"], 2);
    }

    #[test]
    fn template_defaults_restart_policy() {
        let mut t = json!({"spec": {"containers": []}});
        default_template(&mut t);
        assert_eq!(t["spec"]["restartPolicy"], "Always");
        let mut t = json!({"spec": {"restartPolicy": "Never"}});
        default_template(&mut t);
        assert_eq!(t["spec"]["restartPolicy"], "Never");
    }
}
