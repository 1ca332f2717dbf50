//! Pod predicates and orderings the Job controller relies on (Kubernetes'
//! controller utilities for pods, reduced to what Jobs need).

use std::cmp::Ordering;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

/// The finalizer with which the Job controller keeps a pod until it has counted it.
pub const TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";

/// The pod's phase (`""` when unset).
pub fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// Whether the pod succeeded.
pub fn succeeded(pod: &Pod) -> bool {
    phase(pod) == "Succeeded"
}

/// Whether the pod is in a terminal phase.
pub fn terminal(pod: &Pod) -> bool {
    matches!(phase(pod), "Succeeded" | "Failed")
}

/// Whether the pod is being deleted.
pub fn deleting(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// Active: not terminal and not being deleted.
pub fn active(pod: &Pod) -> bool {
    !terminal(pod) && !deleting(pod)
}

/// Terminating: being deleted but not yet terminal.
pub fn terminating(pod: &Pod) -> bool {
    deleting(pod) && !terminal(pod)
}

/// Whether the pod has the Ready=True condition.
pub fn ready(pod: &Pod) -> bool {
    condition(pod, "Ready").is_some_and(|c| c.status == "True")
}

/// A pod condition by type.
pub fn condition<'a>(
    pod: &'a Pod,
    kind: &str,
) -> Option<&'a k8s_openapi::api::core::v1::PodCondition> {
    pod.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == kind)
}

/// Whether the pod carries the Job tracking finalizer.
pub fn has_tracking_finalizer(pod: &Pod) -> bool {
    pod.metadata
        .finalizers
        .iter()
        .flatten()
        .any(|f| f == TRACKING_FINALIZER)
}

/// The controlling owner reference, if any.
pub fn controller_of(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> Option<&OwnerReference> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
}

/// When the pod finished: the latest container finish time when every container
/// has terminated, else when it stopped being ready, else when it was deleted
/// (less its grace period), else its creation time.
pub fn finished_time(pod: &Pod) -> Timestamp {
    if let Some(t) = finish_from_containers(pod) {
        return t;
    }
    if let Some(c) = condition(pod, "Ready") {
        if c.status == "False" {
            if let Some(t) = &c.last_transition_time {
                return t.0;
            }
        }
    }
    if let Some(t) = &pod.metadata.deletion_timestamp {
        let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(0);
        return t
            .0
            .checked_sub(jiff::SignedDuration::from_secs(grace))
            .unwrap_or(t.0);
    }
    pod.metadata
        .creation_timestamp
        .as_ref()
        .map(|t| t.0)
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

fn finish_from_containers(pod: &Pod) -> Option<Timestamp> {
    let statuses = pod.status.as_ref()?.container_statuses.as_ref()?;
    let mut latest: Option<Timestamp> = None;
    for s in statuses {
        let finished = s
            .state
            .as_ref()?
            .terminated
            .as_ref()?
            .finished_at
            .as_ref()?
            .0;
        if latest.is_none_or(|l| l < finished) {
            latest = Some(finished);
        }
    }
    latest
}

fn phase_rank(pod: &Pod) -> u8 {
    match phase(pod) {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    }
}

fn max_restarts(pod: &Pod) -> i32 {
    pod.status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .map(|cs| cs.iter().map(|c| c.restart_count).max().unwrap_or(0))
        .unwrap_or(0)
}

fn ready_since(pod: &Pod) -> Option<Timestamp> {
    condition(pod, "Ready")
        .filter(|c| c.status == "True")
        .and_then(|c| c.last_transition_time.as_ref())
        .map(|t| t.0)
}

fn created(pod: &Pod) -> Option<Timestamp> {
    pod.metadata.creation_timestamp.as_ref().map(|t| t.0)
}

/// Kubernetes' `ActivePods` order: pods earlier in the order are the better
/// candidates for deletion (unscheduled before scheduled, pending before running,
/// not ready before ready, ready for less time, more restarts, newer).
pub fn deletion_order(a: &Pod, b: &Pod) -> Ordering {
    let node = |p: &Pod| {
        p.spec
            .as_ref()
            .and_then(|s| s.node_name.as_deref())
            .is_some_and(|n| !n.is_empty())
    };
    node(a)
        .cmp(&node(b))
        .then_with(|| phase_rank(a).cmp(&phase_rank(b)))
        .then_with(|| ready(a).cmp(&ready(b)))
        .then_with(|| {
            // Ready for less time first: a later transition sorts earlier.
            match (ready_since(a), ready_since(b)) {
                (Some(x), Some(y)) if ready(a) && ready(b) => y.cmp(&x),
                _ => Ordering::Equal,
            }
        })
        .then_with(|| max_restarts(b).cmp(&max_restarts(a)))
        .then_with(|| match (created(a), created(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            _ => Ordering::Equal,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(v: serde_json::Value) -> Pod {
        serde_json::from_value(v).expect("pod")
    }

    #[test]
    fn deletion_order_prefers_unscheduled_pending_unready() {
        let unscheduled = pod(json!({"metadata": {"name": "a"}, "status": {"phase": "Pending"}}));
        let pending = pod(
            json!({"metadata": {"name": "b"}, "spec": {"containers": [], "nodeName": "n"}, "status": {"phase": "Pending"}}),
        );
        let running = pod(
            json!({"metadata": {"name": "c"}, "spec": {"containers": [], "nodeName": "n"}, "status": {"phase": "Running",
            "conditions": [{"type": "Ready", "status": "True"}]}}),
        );
        let mut pods = [running.clone(), pending.clone(), unscheduled.clone()];
        pods.sort_by(deletion_order);
        let names: Vec<_> = pods
            .iter()
            .map(|p| p.metadata.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn finished_time_prefers_containers_then_ready_condition() {
        let p = pod(
            json!({"metadata": {"name": "p", "creationTimestamp": "2024-01-01T00:00:00Z"},
            "status": {"phase": "Failed",
                "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": "2024-01-01T00:00:09Z"}],
                "containerStatuses": [
                    {"name": "a", "image": "i", "imageID": "", "ready": false, "restartCount": 0,
                     "state": {"terminated": {"exitCode": 1, "finishedAt": "2024-01-01T00:00:05Z"}}},
                    {"name": "b", "image": "i", "imageID": "", "ready": false, "restartCount": 0,
                     "state": {"terminated": {"exitCode": 1, "finishedAt": "2024-01-01T00:00:07Z"}}}]}}),
        );
        assert_eq!(finished_time(&p).to_string(), "2024-01-01T00:00:07Z");
        let q = pod(
            json!({"metadata": {"name": "q", "creationTimestamp": "2024-01-01T00:00:00Z"},
            "status": {"conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": "2024-01-01T00:00:09Z"}]}}),
        );
        assert_eq!(finished_time(&q).to_string(), "2024-01-01T00:00:09Z");
        let r = pod(
            json!({"metadata": {"name": "r", "creationTimestamp": "2024-01-01T00:00:00Z",
            "deletionTimestamp": "2024-01-01T00:01:00Z", "deletionGracePeriodSeconds": 30}}),
        );
        assert_eq!(finished_time(&r).to_string(), "2024-01-01T00:00:30Z");
    }
}
