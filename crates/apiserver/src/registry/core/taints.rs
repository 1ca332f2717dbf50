//! Taints (on nodes) and tolerations (on pods), and their validation.

use std::collections::HashSet;

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::json::{has, str_or_empty};

/// Taint effects.
pub const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];
/// Taint placed on nodes that are not ready.
pub const NOT_READY_TAINT: &str = "node.kubernetes.io/not-ready";
/// Taint placed on nodes that are unreachable.
pub const UNREACHABLE_TAINT: &str = "node.kubernetes.io/unreachable";
/// Seconds pods tolerate a not-ready or unreachable node by default.
pub const DEFAULT_TOLERATION_SECONDS: i64 = 300;

fn validate_effect(effect: &str, allow_empty: bool, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if effect.is_empty() {
        if !allow_empty {
            errs.push(FieldError::required(path, ""));
        }
    } else if !EFFECTS.contains(&effect) {
        errs.push(FieldError::not_supported(path, effect, EFFECTS));
    }
    errs
}

fn validate_key(key: &str, path: &FieldPath) -> ErrorList {
    v::is_qualified_name(key)
        .into_iter()
        .map(|msg| FieldError::invalid(path, key, msg))
        .collect()
}

/// Validates a list of tolerations.
pub fn validate_tolerations(list: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, t) in list.iter().enumerate() {
        let p = path.index(i);
        let key = str_or_empty(t, "key");
        let op = str_or_empty(t, "operator");
        let value = str_or_empty(t, "value");
        let effect = str_or_empty(t, "effect");
        if !key.is_empty() {
            errs.extend(validate_key(key, &p.child("key")));
        } else if op != "Exists" {
            errs.push(FieldError::invalid(
                &p.child("operator"),
                op,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if has(t, "tolerationSeconds") && effect != "NoExecute" {
            errs.push(FieldError::invalid(
                &p.child("effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match op {
            "" | "Equal" => {
                let msgs = v::is_valid_label_value(value);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid(
                        &p.child("operator"),
                        value,
                        msgs.join(";"),
                    ));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.push(FieldError::invalid(
                        &p.child("operator"),
                        t.clone(),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            other => errs.push(FieldError::not_supported(
                &p.child("operator"),
                other,
                &["Equal", "Exists"],
            )),
        }
        errs.extend(validate_effect(effect, true, &p.child("effect")));
    }
    errs
}

/// Validates a node's taints.
pub fn validate_taints(list: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut seen = HashSet::new();
    for (i, t) in list.iter().enumerate() {
        let p = path.index(i);
        let key = str_or_empty(t, "key");
        errs.extend(validate_key(key, &p.child("key")));
        let value = str_or_empty(t, "value");
        for msg in v::is_valid_label_value(value) {
            errs.push(FieldError::invalid(&p.child("value"), value, msg));
        }
        let effect = str_or_empty(t, "effect");
        errs.extend(validate_effect(effect, false, &p.child("effect")));
        if !seen.insert((key.to_string(), effect.to_string())) {
            let mut dup = FieldError::duplicate(&p, t.clone());
            dup.detail = "taints must be unique by key and effect pair".into();
            errs.push(dup);
        }
    }
    errs
}

/// Adds the not-ready and unreachable NoExecute tolerations (300s) a pod does
/// not already have, as the DefaultTolerationSeconds admission plugin does.
pub fn add_default_tolerations(spec: &mut Value) {
    let Some(map) = spec.as_object_mut() else {
        return;
    };
    let list = map.entry("tolerations").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let Some(list) = list.as_array_mut() else {
        return;
    };
    for key in [NOT_READY_TAINT, UNREACHABLE_TAINT] {
        let tolerated = list.iter().any(|t| {
            let effect = str_or_empty(t, "effect");
            str_or_empty(t, "key") == key && (effect.is_empty() || effect == "NoExecute")
        });
        if !tolerated {
            list.push(json!({
                "key": key,
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": DEFAULT_TOLERATION_SECONDS,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toleration_rules() {
        let errs = validate_tolerations(
            &[
                json!({"operator": "Equal", "value": "x"}),
                json!({"key": "a", "operator": "Exists", "value": "x"}),
                json!({"key": "a", "effect": "NoSchedule", "tolerationSeconds": 5}),
                json!({"key": "a", "effect": "Bad"}),
                json!({"key": "a", "operator": "Maybe"}),
            ],
            &FieldPath::new("spec").child("tolerations"),
        );
        let got: Vec<String> = errs
            .iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect();
        assert_eq!(
            got,
            [
                "spec.tolerations[0].operator FieldValueInvalid",
                "spec.tolerations[1].operator FieldValueInvalid",
                "spec.tolerations[2].effect FieldValueInvalid",
                "spec.tolerations[3].effect FieldValueNotSupported",
                "spec.tolerations[4].operator FieldValueNotSupported",
            ]
        );
    }

    #[test]
    fn taints_need_effect_and_are_unique() {
        let errs = validate_taints(
            &[
                json!({"key": "a", "effect": "NoSchedule"}),
                json!({"key": "a", "effect": "NoSchedule"}),
                json!({"key": "b"}),
            ],
            &FieldPath::new("spec").child("taints"),
        );
        let got: Vec<String> = errs
            .iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect();
        assert_eq!(
            got,
            [
                "spec.taints[1] FieldValueDuplicate",
                "spec.taints[2].effect FieldValueRequired",
            ]
        );
    }

    #[test]
    fn default_tolerations_added_once() {
        let mut spec = json!({"tolerations": [{"key": NOT_READY_TAINT, "operator": "Exists"}]});
        add_default_tolerations(&mut spec);
        add_default_tolerations(&mut spec);
        let list = spec["tolerations"].as_array().cloned().unwrap_or_default();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1]["key"], UNREACHABLE_TAINT);
        assert_eq!(list[1]["tolerationSeconds"], 300);
    }
}
