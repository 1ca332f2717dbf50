//! The RuntimeClass strategy (node.k8s.io/v1): the handler (a DNS label,
//! immutable), overhead quantities and scheduling constraints.

use capstan_machinery::validation::{
    is_dns1123_label, validate_labels, ErrorList, FieldError, FieldPath,
};
use capstan_machinery::Quantity;
use serde_json::Value;

use super::common::{array, field, immutable, string, string_map};
use crate::registry::strategy::Strategy;

/// Behaviour of RuntimeClasses in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct RuntimeClassStrategy;

fn validate_overhead(overhead: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let Some(fixed) = field(overhead, "podFixed").and_then(Value::as_object) else {
        return errs;
    };
    for (name, q) in fixed {
        let p = path.child("podFixed").key(name.clone());
        let text = q.as_str().unwrap_or("");
        if let Ok(parsed) = Quantity::parse(text) {
            if parsed.signum() < 0 {
                errs.push(FieldError::invalid(&p, text, super::common::NEGATIVE_MSG));
            }
        }
    }
    errs
}

fn validate_scheduling(scheduling: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = validate_labels(
        &string_map(field(scheduling, "nodeSelector")),
        &path.child("nodeSelector"),
    );
    for (i, t) in array(scheduling, "tolerations").iter().enumerate() {
        let p = path.child("tolerations").index(i);
        let op = string(t, "operator").unwrap_or("Equal");
        match op {
            "Exists" => {
                if string(t, "value").is_some_and(|v| !v.is_empty()) {
                    errs.push(FieldError::invalid(
                        &p.child("operator"),
                        string(t, "value").unwrap_or(""),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            "Equal" | "" => {}
            other => errs.push(FieldError::not_supported(
                &p.child("operator"),
                other,
                &["Equal", "Exists"],
            )),
        }
        if let Some(effect) = string(t, "effect").filter(|e| !e.is_empty()) {
            const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
            if !EFFECTS.contains(&effect) {
                errs.push(FieldError::not_supported(
                    &p.child("effect"),
                    effect,
                    &EFFECTS,
                ));
            }
        }
    }
    errs
}

impl Strategy for RuntimeClassStrategy {
    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        let handler = string(obj, "handler").unwrap_or("");
        for msg in is_dns1123_label(handler) {
            errs.push(FieldError::invalid(
                &FieldPath::new("handler"),
                handler,
                msg,
            ));
        }
        if let Some(o) = field(obj, "overhead") {
            errs.extend(validate_overhead(o, &FieldPath::new("overhead")));
        }
        if let Some(s) = field(obj, "scheduling") {
            errs.extend(validate_scheduling(s, &FieldPath::new("scheduling")));
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = self.validate(new);
        immutable(
            &mut errs,
            field(new, "handler"),
            field(old, "handler"),
            &FieldPath::new("handler"),
        );
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;
    use serde_json::json;

    #[test]
    fn handler_is_a_dns_label_and_immutable() {
        let ok = json!({"handler": "runc", "overhead": {"podFixed": {"cpu": "250m"}}});
        assert!(RuntimeClassStrategy.validate(&ok).is_empty());
        let bad = json!({"handler": "Run_C", "overhead": {"podFixed": {"memory": "-1Mi"}}, "scheduling": {"nodeSelector": {"a b": "c"}}});
        assert_eq!(
            causes(&RuntimeClassStrategy.validate(&bad)),
            [
                ("handler".to_string(), "FieldValueInvalid"),
                ("overhead.podFixed[memory]".to_string(), "FieldValueInvalid"),
                ("scheduling.nodeSelector".to_string(), "FieldValueInvalid"),
            ]
        );
        let mut new = ok.clone();
        new["handler"] = json!("kata");
        assert_eq!(
            causes(&RuntimeClassStrategy.validate_update(&new, &ok)),
            [("handler".to_string(), "FieldValueInvalid")]
        );
    }
}
