//! The ReplicationController controller: the ReplicaSet controller's logic
//! applied to ReplicationControllers, which are seen as ReplicaSets whose
//! selector is the equality-based `spec.selector` map (as Kubernetes does by
//! converting them). Pods get a `v1/ReplicationController` owner reference and
//! events are reported as `replication-controller`.

use k8s_openapi::api::apps::v1::{
    ReplicaSet, ReplicaSetCondition, ReplicaSetSpec, ReplicaSetStatus,
};
use k8s_openapi::api::core::v1::ReplicationController;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

use crate::replicaset::{start_for, Replicated};
use capstan_machinery::Selector;
use capstan_runtime::Informers;

impl Replicated for ReplicationController {
    const CONTROLLER: &'static str = "replication-controller";

    fn as_replica_set(&self) -> ReplicaSet {
        let spec = self.spec.clone().unwrap_or_default();
        let status = self.status.clone().map(|s| ReplicaSetStatus {
            replicas: s.replicas,
            fully_labeled_replicas: s.fully_labeled_replicas,
            ready_replicas: s.ready_replicas,
            available_replicas: s.available_replicas,
            observed_generation: s.observed_generation,
            conditions: s.conditions.map(|cs| {
                cs.into_iter()
                    .map(|c| ReplicaSetCondition {
                        type_: c.type_,
                        status: c.status,
                        reason: c.reason,
                        message: c.message,
                        last_transition_time: c.last_transition_time,
                    })
                    .collect()
            }),
            terminating_replicas: None,
        });
        ReplicaSet {
            metadata: self.metadata.clone(),
            spec: Some(ReplicaSetSpec {
                replicas: spec.replicas,
                min_ready_seconds: spec.min_ready_seconds,
                selector: LabelSelector {
                    match_labels: spec.selector,
                    match_expressions: None,
                },
                template: spec.template,
            }),
            status,
        }
    }

    fn pod_selector(&self) -> Result<Selector, capstan_machinery::LabelSelectorError> {
        let labels = self.spec.as_ref().and_then(|s| s.selector.clone());
        Selector::from_label_selector(Some(&LabelSelector {
            match_labels: labels,
            match_expressions: None,
        }))
    }

    fn min_ready_seconds(&self) -> i32 {
        self.spec
            .as_ref()
            .and_then(|s| s.min_ready_seconds)
            .unwrap_or(0)
    }
}

/// Starts the ReplicationController controller.
pub fn start(informers: &Informers) {
    start_for::<ReplicationController>(informers);
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{ReplicationControllerSpec, ReplicationControllerStatus};
    use std::collections::BTreeMap;

    #[test]
    fn seen_as_a_replica_set() {
        let rc = ReplicationController {
            spec: Some(ReplicationControllerSpec {
                replicas: Some(3),
                selector: Some(BTreeMap::from([("app".to_string(), "db".to_string())])),
                ..Default::default()
            }),
            status: Some(ReplicationControllerStatus {
                replicas: 2,
                ready_replicas: Some(1),
                ..Default::default()
            }),
            ..Default::default()
        };
        let rs = rc.as_replica_set();
        let spec = rs.spec.unwrap_or_default();
        assert_eq!(spec.replicas, Some(3));
        assert_eq!(
            spec.selector
                .match_labels
                .and_then(|m| m.get("app").cloned()),
            Some("db".to_string())
        );
        assert_eq!(
            rs.status.map(|s| (s.replicas, s.ready_replicas)),
            Some((2, Some(1)))
        );
    }
}
