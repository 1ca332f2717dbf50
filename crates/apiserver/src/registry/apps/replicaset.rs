//! The ReplicaSet strategy (apps/v1): defaults, spec and status validation, the
//! immutable selector, the scale subresource and the `status.replicas` field selector.

use capstan_machinery::validation::{ErrorList, FieldPath};
use serde_json::{json, Value};

use super::workload::{
    default_spec_template, drop_disabled_status_field, non_negative_status, not_greater,
    validate_replicated_template, validate_required_selector,
};
use crate::registry::other::common::{
    go_label_selector, immutable_rendered, int, non_negative, object_entry, set_default,
};
use crate::registry::strategy::{ScalePaths, Strategy};

/// Behaviour of ReplicaSets in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReplicaSetStrategy;

/// Kubernetes' `ValidateReplicaSetSpec`.
pub fn validate_replicaset_spec(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    non_negative(&mut errs, int(spec, "replicas"), &path.child("replicas"));
    non_negative(
        &mut errs,
        int(spec, "minReadySeconds"),
        &path.child("minReadySeconds"),
    );
    // Kubernetes reuses the Deployment wording here.
    errs.extend(validate_required_selector(spec, path, "deployment"));
    errs.extend(validate_replicated_template(
        spec,
        path,
        "invalid label selector",
    ));
    errs
}

fn validate_status(status: &Value) -> ErrorList {
    let mut errs = non_negative_status(
        status,
        &[
            "replicas",
            "fullyLabeledReplicas",
            "readyReplicas",
            "availableReplicas",
            "observedGeneration",
        ],
    );
    let msg = "cannot be greater than status.replicas";
    not_greater(&mut errs, status, "fullyLabeledReplicas", "replicas", msg);
    not_greater(&mut errs, status, "readyReplicas", "replicas", msg);
    not_greater(&mut errs, status, "availableReplicas", "replicas", msg);
    not_greater(
        &mut errs,
        status,
        "availableReplicas",
        "readyReplicas",
        "cannot be greater than readyReplicas",
    );
    errs
}

impl Strategy for ReplicaSetStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        set_default(object_entry(obj, "spec"), "replicas", json!(1));
        default_spec_template(obj);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        validate_replicaset_spec(obj.get("spec").unwrap_or(&empty), &FieldPath::new("spec"))
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

    fn prepare_for_status_update(&self, new: &mut Value, old: &Value) {
        drop_disabled_status_field(new, old, "terminatingReplicas");
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        let empty = json!({});
        validate_status(new.get("status").unwrap_or(&empty))
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["status.replicas"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        match field {
            "status.replicas" => Some(
                obj.pointer("/status/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
                    .to_string(),
            ),
            _ => None,
        }
    }

    fn scale_paths(&self) -> Option<ScalePaths> {
        Some(ScalePaths {
            spec_replicas: "/spec/replicas",
            status_replicas: "/status/replicas",
            selector: "/spec/selector",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, has};

    fn rs() -> Value {
        let mut v = json!({
            "metadata": {"name": "rs", "namespace": "default"},
            "spec": {
                "selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["a"]}]},
                "template": {"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [{"name": "c", "image": "i"}]}}
            }
        });
        ReplicaSetStrategy.default(&mut v);
        v
    }

    #[test]
    fn defaults_and_valid() {
        let v = rs();
        assert_eq!(v["spec"]["replicas"], 1);
        assert!(ReplicaSetStrategy.validate(&v).is_empty());
    }

    #[test]
    fn negative_values_and_mismatch() {
        let mut v = rs();
        v["spec"]["replicas"] = json!(-2);
        v["spec"]["minReadySeconds"] = json!(-1);
        v["spec"]["template"]["metadata"]["labels"] = json!({"app": "b"});
        let errs = ReplicaSetStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                ("spec.replicas".to_string(), "FieldValueInvalid"),
                ("spec.minReadySeconds".to_string(), "FieldValueInvalid"),
                (
                    "spec.template.metadata.labels".to_string(),
                    "FieldValueInvalid"
                ),
            ]
        );
    }

    #[test]
    fn invalid_selector_operator() {
        let mut v = rs();
        v["spec"]["selector"] =
            json!({"matchExpressions": [{"key": "app", "operator": "Near", "values": ["a"]}]});
        let errs = ReplicaSetStrategy.validate(&v);
        assert!(has(
            &errs,
            "spec.selector.matchExpressions[0].operator",
            "FieldValueInvalid"
        ));
        assert!(has(&errs, "spec.selector", "FieldValueInvalid"));
    }

    #[test]
    fn selector_immutable_and_field_selector() {
        let old = rs();
        let mut new = old.clone();
        new["spec"]["selector"] = json!({"matchLabels": {"app": "a"}});
        assert!(has(
            &ReplicaSetStrategy.validate_update(&new, &old),
            "spec.selector",
            "FieldValueInvalid"
        ));
        assert_eq!(
            ReplicaSetStrategy.field_value(&old, "status.replicas"),
            Some("0".into())
        );
        let with_status = json!({"status": {"replicas": 3}});
        assert_eq!(
            ReplicaSetStrategy.field_value(&with_status, "status.replicas"),
            Some("3".into())
        );
    }

    #[test]
    fn status_counters() {
        let new =
            json!({"status": {"replicas": 1, "fullyLabeledReplicas": 2, "observedGeneration": -1}});
        let errs = ReplicaSetStrategy.validate_status_update(&new, &json!({}));
        assert_eq!(
            causes(&errs),
            [
                ("status.observedGeneration".to_string(), "FieldValueInvalid"),
                (
                    "status.fullyLabeledReplicas".to_string(),
                    "FieldValueInvalid"
                ),
            ]
        );
    }
}
