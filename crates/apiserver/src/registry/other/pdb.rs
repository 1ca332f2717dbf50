//! The PodDisruptionBudget strategy (policy/v1): minAvailable or maxUnavailable,
//! the selector, the unhealthy pod eviction policy and status conditions.

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::common::{array, field, int, non_negative, string, validate_label_selector};
use super::conditions::validate_conditions;
use crate::registry::apps::workload::{not_more_than_100_percent, validate_int_or_percent};
use crate::registry::strategy::Strategy;

/// Behaviour of PodDisruptionBudgets in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct PodDisruptionBudgetStrategy;

const EVICTION_POLICIES: [&str; 2] = ["AlwaysAllow", "IfHealthyBudget"];

fn validate_spec(spec: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("spec");
    let min = field(spec, "minAvailable");
    let max = field(spec, "maxUnavailable");
    if min.is_some() && max.is_some() {
        errs.push(FieldError::invalid(
            &path,
            spec.clone(),
            "minAvailable and maxUnavailable cannot be both set",
        ));
    }
    for (key, value) in [("minAvailable", min), ("maxUnavailable", max)] {
        if value.is_some() {
            errs.extend(validate_int_or_percent(value, &path.child(key)));
            errs.extend(not_more_than_100_percent(value, &path.child(key)));
        }
    }
    errs.extend(validate_label_selector(
        field(spec, "selector"),
        &path.child("selector"),
    ));
    if let Some(policy) = string(spec, "unhealthyPodEvictionPolicy") {
        if !EVICTION_POLICIES.contains(&policy) {
            errs.push(FieldError::not_supported(
                &path.child("unhealthyPodEvictionPolicy"),
                policy,
                &EVICTION_POLICIES,
            ));
        }
    }
    errs
}

impl Strategy for PodDisruptionBudgetStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        validate_spec(obj.get("spec").unwrap_or(&empty))
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        let empty = json!({});
        let status = new.get("status").unwrap_or(&empty);
        let path = FieldPath::new("status");
        let mut errs = validate_conditions(array(status, "conditions"), &path.child("conditions"));
        for key in [
            "disruptionsAllowed",
            "currentHealthy",
            "desiredHealthy",
            "expectedPods",
        ] {
            non_negative(&mut errs, int(status, key), &path.child(key));
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, message};

    #[test]
    fn min_available_xor_max_unavailable() {
        let v = json!({"spec": {"minAvailable": 1, "maxUnavailable": "10%", "selector": {"matchLabels": {"app": "a"}}}});
        assert_eq!(
            causes(&PodDisruptionBudgetStrategy.validate(&v)),
            [("spec".to_string(), "FieldValueInvalid")]
        );
        let ok = json!({"spec": {"maxUnavailable": "10%", "selector": {}}});
        assert!(PodDisruptionBudgetStrategy.validate(&ok).is_empty());
    }

    #[test]
    fn values_selector_and_policy() {
        let v = json!({"spec": {"minAvailable": "150%", "selector": {"matchLabels": {"bad key": "x"}}, "unhealthyPodEvictionPolicy": "Never"}});
        let errs = PodDisruptionBudgetStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                ("spec.minAvailable".to_string(), "FieldValueInvalid"),
                ("spec.selector.matchLabels".to_string(), "FieldValueInvalid"),
                (
                    "spec.unhealthyPodEvictionPolicy".to_string(),
                    "FieldValueNotSupported"
                ),
            ]
        );
        assert_eq!(
            message(&errs, "spec.minAvailable"),
            "spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%"
        );
    }

    #[test]
    fn status_rules() {
        let new = json!({"status": {"disruptionsAllowed": -1, "conditions": [{"type": "DisruptionAllowed", "status": "Maybe", "reason": "x", "lastTransitionTime": "2024-01-01T00:00:00Z"}]}});
        assert_eq!(
            causes(&PodDisruptionBudgetStrategy.validate_status_update(&new, &json!({}))),
            [
                (
                    "status.conditions[0].status".to_string(),
                    "FieldValueNotSupported"
                ),
                ("status.disruptionsAllowed".to_string(), "FieldValueInvalid"),
            ]
        );
    }
}
