//! The PriorityClass strategy (scheduling.k8s.io/v1): the preemption policy
//! default, value limits, reserved `system-` names and immutable value and policy.

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::common::{boolean, field, immutable, int, set_default, string};
use crate::registry::meta;
use crate::registry::strategy::Strategy;

/// Behaviour of PriorityClasses in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct PriorityClassStrategy;

/// The highest value a user-defined priority class may have.
pub const HIGHEST_USER_DEFINABLE_PRIORITY: i64 = 1_000_000_000;
/// Prefix reserved for the built-in priority classes.
pub const SYSTEM_PRIORITY_CLASS_PREFIX: &str = "system-";
/// The built-in priority classes: name, value (neither is a global default).
pub const SYSTEM_PRIORITY_CLASSES: [(&str, i64); 2] = [
    ("system-node-critical", 2_000_001_000),
    ("system-cluster-critical", 2_000_000_000),
];

/// Kubernetes' `IsKnownSystemPriorityClass`.
fn known_system_class(name: &str, value: i64, global_default: bool) -> Result<(), String> {
    let Some((_, expected)) = SYSTEM_PRIORITY_CLASSES.iter().find(|(n, _)| *n == name) else {
        return Err(format!("{name} is not a known system priority class"));
    };
    if *expected != value {
        return Err(format!("value of {name} PriorityClass must be {expected}"));
    }
    if global_default {
        return Err(format!(
            "globalDefault of {name} PriorityClass must be false"
        ));
    }
    Ok(())
}

impl Strategy for PriorityClassStrategy {
    fn default(&self, obj: &mut Value) {
        if let Some(map) = obj.as_object_mut() {
            set_default(map, "preemptionPolicy", json!("PreemptLowerPriority"));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        let name = meta::name(obj);
        let value = int(obj, "value").unwrap_or(0);
        if name.starts_with(SYSTEM_PRIORITY_CLASS_PREFIX) {
            let global = boolean(obj, "globalDefault").unwrap_or(false);
            if let Err(e) = known_system_class(name, value, global) {
                errs.push(FieldError::forbidden(
                    &FieldPath::new("metadata").child("name"),
                    format!("priority class names with '{SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: {e}"),
                ));
            }
        } else if value > HIGHEST_USER_DEFINABLE_PRIORITY {
            errs.push(FieldError::forbidden(
                &FieldPath::new("value"),
                format!("maximum allowed value of a user defined priority is {HIGHEST_USER_DEFINABLE_PRIORITY}"),
            ));
        }
        if field(obj, "preemptionPolicy").is_some() {
            let path = FieldPath::new("preemptionPolicy");
            match string(obj, "preemptionPolicy").unwrap_or("") {
                "PreemptLowerPriority" | "Never" => {}
                "" => errs.push(FieldError::required(&path, "")),
                other => errs.push(FieldError::not_supported(
                    &path,
                    other,
                    &["PreemptLowerPriority", "Never"],
                )),
            }
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        // Kubernetes validates only the metadata and immutable fields on update.
        let mut errs = ErrorList::new();
        if int(new, "value") != int(old, "value") {
            errs.push(FieldError::forbidden(
                &FieldPath::new("value"),
                "may not be changed in an update.",
            ));
        }
        immutable(
            &mut errs,
            field(new, "preemptionPolicy"),
            field(old, "preemptionPolicy"),
            &FieldPath::new("preemptionPolicy"),
        );
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, message};

    fn pc(name: &str, value: i64) -> Value {
        let mut v = json!({"metadata": {"name": name}, "value": value});
        PriorityClassStrategy.default(&mut v);
        v
    }

    #[test]
    fn defaults_and_limits() {
        let v = pc("high", 1_000_000);
        assert_eq!(v["preemptionPolicy"], "PreemptLowerPriority");
        assert!(PriorityClassStrategy.validate(&v).is_empty());
        assert!(PriorityClassStrategy
            .validate(&pc("max", 1_000_000_000))
            .is_empty());
        assert_eq!(
            message(
                &PriorityClassStrategy.validate(&pc("huge", 1_000_000_001)),
                "value"
            ),
            "value: Forbidden: maximum allowed value of a user defined priority is 1000000000"
        );
    }

    #[test]
    fn system_names_are_reserved() {
        assert!(PriorityClassStrategy
            .validate(&pc("system-node-critical", 2_000_001_000))
            .is_empty());
        assert_eq!(
            message(&PriorityClassStrategy.validate(&pc("system-mine", 5)), "metadata.name"),
            "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class"
        );
        assert!(!PriorityClassStrategy
            .validate(&pc("system-cluster-critical", 5))
            .is_empty());
    }

    #[test]
    fn value_and_policy_immutable() {
        let old = pc("a", 10);
        let mut new = old.clone();
        new["value"] = json!(11);
        new["preemptionPolicy"] = json!("Never");
        new["description"] = json!("changed");
        assert_eq!(
            causes(&PriorityClassStrategy.validate_update(&new, &old)),
            [
                ("value".to_string(), "FieldValueForbidden"),
                ("preemptionPolicy".to_string(), "FieldValueInvalid"),
            ]
        );
        let mut bad = pc("b", 1);
        bad["preemptionPolicy"] = json!("Always");
        assert_eq!(
            causes(&PriorityClassStrategy.validate(&bad)),
            [("preemptionPolicy".to_string(), "FieldValueNotSupported")]
        );
    }
}
