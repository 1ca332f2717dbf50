//! The Lease strategy (coordination.k8s.io/v1): duration and transition counts,
//! and the coordinated-leader-election fields Kubernetes 1.33 keeps disabled.

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::common::{int, NEGATIVE_MSG};
use crate::registry::strategy::{Strategy, StrategyCtx};

/// Behaviour of Leases in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct LeaseStrategy;

/// Fields of the `CoordinatedLeaderElection` feature, off by default in 1.33.
const GATED_FIELDS: [&str; 2] = ["strategy", "preferredHolder"];

fn drop_gated(obj: &mut Value, old: Option<&Value>) {
    let old_uses = old.and_then(|o| o.get("spec")).is_some_and(|s| {
        GATED_FIELDS
            .iter()
            .any(|f| s.get(*f).is_some_and(|v| !v.is_null()))
    });
    if old_uses {
        return;
    }
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
        for f in GATED_FIELDS {
            spec.remove(f);
        }
    }
}

impl Strategy for LeaseStrategy {
    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        drop_gated(obj, None);
    }

    fn prepare_for_update(&self, new: &mut Value, old: &Value) {
        drop_gated(new, Some(old));
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        let Some(spec) = obj.get("spec") else {
            return errs;
        };
        let path = FieldPath::new("spec");
        if let Some(d) = int(spec, "leaseDurationSeconds").filter(|d| *d <= 0) {
            errs.push(FieldError::invalid(
                &path.child("leaseDurationSeconds"),
                d,
                "must be greater than 0",
            ));
        }
        if let Some(t) = int(spec, "leaseTransitions").filter(|t| *t < 0) {
            errs.push(FieldError::invalid(
                &path.child("leaseTransitions"),
                t,
                NEGATIVE_MSG,
            ));
        }
        let has_strategy = spec
            .get("strategy")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty());
        let has_preferred = spec
            .get("preferredHolder")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty());
        if has_preferred && !has_strategy {
            errs.push(FieldError::forbidden(
                &path.child("preferredHolder"),
                "may only be specified if `strategy` is defined",
            ));
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;
    use serde_json::json;

    #[test]
    fn durations_and_transitions() {
        let v = json!({"spec": {"holderIdentity": "a", "leaseDurationSeconds": 0, "leaseTransitions": -1}});
        assert_eq!(
            causes(&LeaseStrategy.validate(&v)),
            [
                ("spec.leaseDurationSeconds".to_string(), "FieldValueInvalid"),
                ("spec.leaseTransitions".to_string(), "FieldValueInvalid"),
            ]
        );
        let ok = json!({"spec": {"holderIdentity": "a", "leaseDurationSeconds": 15, "leaseTransitions": 0}});
        assert!(LeaseStrategy.validate(&ok).is_empty());
    }

    #[test]
    fn gated_fields_are_dropped() {
        let mut v = json!({"spec": {"preferredHolder": "x", "strategy": "OldestEmulationVersion"}});
        LeaseStrategy.prepare_for_create(
            &mut v,
            &StrategyCtx {
                namespace: Some("kube-system"),
                user: "u",
            },
        );
        assert_eq!(v["spec"], json!({}));
        let old = json!({"spec": {"strategy": "OldestEmulationVersion"}});
        let mut new =
            json!({"spec": {"strategy": "OldestEmulationVersion", "preferredHolder": "y"}});
        LeaseStrategy.prepare_for_update(&mut new, &old);
        assert_eq!(new["spec"]["preferredHolder"], "y");
    }
}
