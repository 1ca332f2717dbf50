//! Pod helpers shared by the replica controllers: which pods count, readiness
//! and availability, building a pod from a template, and the order in which a
//! ReplicaSet gives pods up when scaling down.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use anyhow::bail;
use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

/// Annotation lowering (or raising) a pod's priority for deletion on scale-down.
pub const DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";

pub use crate::pod_util::controller_of;

/// The `namespace/name` key of a pod.
pub fn pod_key(pod: &Pod) -> String {
    format!(
        "{}/{}",
        pod.metadata.namespace.as_deref().unwrap_or_default(),
        pod.metadata.name.as_deref().unwrap_or_default()
    )
}

use crate::pod_util::pod_phase as phase;

/// Whether a pod counts towards a controller's replicas: not finished and not
/// being deleted.
pub fn is_active(pod: &Pod) -> bool {
    !crate::pod_util::is_pod_terminal(pod) && !crate::pod_util::is_terminating(pod)
}

/// When the pod's Ready condition became True, if it is ready.
pub fn ready_since(pod: &Pod) -> Option<Option<jiff::Timestamp>> {
    let cond = pod
        .status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == "Ready")?;
    (cond.status == "True").then(|| cond.last_transition_time.as_ref().map(|t| t.0))
}

/// Whether the pod's Ready condition is True.
pub fn is_ready(pod: &Pod) -> bool {
    ready_since(pod).is_some()
}

/// Whether the pod has been ready for at least `min_ready_seconds` at `now`.
pub fn is_available(pod: &Pod, min_ready_seconds: i32, now: jiff::Timestamp) -> bool {
    match ready_since(pod) {
        None => false,
        Some(_) if min_ready_seconds <= 0 => true,
        Some(None) => false,
        Some(Some(since)) => {
            since.as_nanosecond() + i128::from(min_ready_seconds) * 1_000_000_000
                < now.as_nanosecond()
        }
    }
}

/// The pod a controller creates from its template: labels, annotations and
/// finalizers from the template, a generated name `<controller>-<random>`, the
/// controller's reference as owner, the template's spec.
pub fn pod_from_template(
    template: &PodTemplateSpec,
    controller_name: &str,
    namespace: &str,
    owner: OwnerReference,
) -> anyhow::Result<Pod> {
    let meta = template.metadata.clone().unwrap_or_default();
    if meta.labels.as_ref().is_none_or(|l| l.is_empty()) {
        bail!("unable to create pods, no labels");
    }
    Ok(Pod {
        metadata: ObjectMeta {
            generate_name: Some(generate_name_prefix(controller_name)),
            namespace: Some(namespace.to_string()),
            labels: meta.labels,
            annotations: meta.annotations.filter(|a| !a.is_empty()),
            finalizers: meta.finalizers.filter(|f| !f.is_empty()),
            owner_references: Some(vec![owner]),
            ..Default::default()
        },
        spec: template.spec.clone(),
        status: None,
    })
}

/// `<name>-`, unless that would make an invalid pod name prefix (then the
/// name alone, as Kubernetes does).
fn generate_name_prefix(name: &str) -> String {
    let prefix = format!("{name}-");
    // A generated name appends 5 characters; names are DNS subdomains (253).
    if prefix.len() + 5 <= 253 {
        prefix
    } else {
        name.to_string()
    }
}

/// The base-2 logarithm of how long ago `t` was (in nanoseconds), or -1 for
/// the future; Kubernetes buckets ages this way so that pods of similar age
/// are interchangeable when choosing which to delete.
fn log_age(t: jiff::Timestamp, now: jiff::Timestamp) -> i64 {
    let d = now.as_nanosecond() - t.as_nanosecond();
    if d <= 0 {
        return -1;
    }
    // `ilog2` is floor(log2(d)), as Go's int64(math.Log2(float64(d))) for
    // all but a few values near exact powers of two.
    i64::from(d.ilog2())
}

fn restarts(pod: &Pod) -> i32 {
    pod.status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .into_iter()
        .flatten()
        .map(|c| c.restart_count)
        .max()
        .unwrap_or(0)
}

fn deletion_cost(pod: &Pod) -> i32 {
    pod.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(DELETION_COST))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Sort key: pods that should go first compare lowest. In order: unassigned
/// before assigned; Pending before Unknown before Running; not ready before
/// ready; lower deletion cost first; more active sibling pods on the same
/// node first; ready more recently first (by logarithmic age bucket); more
/// container restarts first; created more recently first (logarithmic
/// bucket); then by UID, which is random.
type DeletionKey = (
    bool,
    u8,
    bool,
    i32,
    Reverse<usize>,
    (bool, i64),
    Reverse<i32>,
    (bool, i64),
    String,
);

fn deletion_key(pod: &Pod, colocated: usize, now: jiff::Timestamp) -> DeletionKey {
    let assigned = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.as_deref())
        .is_some_and(|n| !n.is_empty());
    let phase_rank = match phase(pod) {
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };
    let ready = ready_since(pod);
    let ready_key = match ready {
        Some(Some(since)) => (true, log_age(since, now)),
        _ => (false, 0),
    };
    let created_key = match pod.metadata.creation_timestamp.as_ref() {
        Some(t) => (true, log_age(t.0, now)),
        None => (false, 0),
    };
    (
        assigned,
        phase_rank,
        ready.is_some(),
        deletion_cost(pod),
        Reverse(colocated),
        ready_key,
        Reverse(restarts(pod)),
        created_key,
        pod.metadata.uid.clone().unwrap_or_default(),
    )
}

/// Picks `count` pods to delete, preferring those Kubernetes prefers to lose
/// (see [`DeletionKey`]). `related` are the pods of the controller and its
/// siblings (other ReplicaSets of the same Deployment), used to spread what
/// remains across nodes.
pub fn pods_to_delete(
    pods: &[Arc<Pod>],
    related: &[Arc<Pod>],
    count: usize,
    now: jiff::Timestamp,
) -> Vec<Arc<Pod>> {
    if count >= pods.len() {
        return pods.to_vec();
    }
    let mut per_node: HashMap<String, usize> = HashMap::new();
    for p in related.iter().filter(|p| is_active(p)) {
        let node = p
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .unwrap_or_default();
        *per_node.entry(node).or_default() += 1;
    }
    let mut keyed: Vec<(DeletionKey, Arc<Pod>)> = pods
        .iter()
        .map(|p| {
            let node = p
                .spec
                .as_ref()
                .and_then(|s| s.node_name.clone())
                .unwrap_or_default();
            let colocated = per_node.get(&node).copied().unwrap_or(0);
            (deletion_key(p, colocated, now), p.clone())
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().take(count).map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{ContainerStatus, PodCondition, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
    use std::collections::BTreeMap;

    fn ts(s: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(s).expect("valid time")
    }

    struct P {
        name: &'static str,
        node: &'static str,
        phase: &'static str,
        ready_at: Option<i64>,
        created: i64,
        restarts: i32,
        cost: Option<&'static str>,
    }

    impl P {
        fn new(name: &'static str) -> Self {
            P {
                name,
                node: "n1",
                phase: "Running",
                ready_at: Some(100),
                created: 50,
                restarts: 0,
                cost: None,
            }
        }
        fn build(self) -> Arc<Pod> {
            Arc::new(Pod {
                metadata: ObjectMeta {
                    name: Some(self.name.into()),
                    uid: Some(format!("uid-{}", self.name)),
                    creation_timestamp: Some(Time(ts(self.created))),
                    annotations: self
                        .cost
                        .map(|c| BTreeMap::from([(DELETION_COST.to_string(), c.to_string())])),
                    ..Default::default()
                },
                spec: Some(PodSpec {
                    node_name: (!self.node.is_empty()).then(|| self.node.to_string()),
                    ..Default::default()
                }),
                status: Some(PodStatus {
                    phase: Some(self.phase.into()),
                    conditions: Some(vec![PodCondition {
                        type_: "Ready".into(),
                        status: if self.ready_at.is_some() {
                            "True"
                        } else {
                            "False"
                        }
                        .into(),
                        last_transition_time: self.ready_at.map(|t| Time(ts(t))),
                        ..Default::default()
                    }]),
                    container_statuses: Some(vec![ContainerStatus {
                        name: "c".into(),
                        restart_count: self.restarts,
                        ..Default::default()
                    }]),
                    ..Default::default()
                }),
            })
        }
    }

    fn first(pods: &[Arc<Pod>]) -> String {
        let chosen = pods_to_delete(pods, pods, 1, ts(10_000));
        chosen
            .first()
            .and_then(|p| p.metadata.name.clone())
            .unwrap_or_default()
    }

    #[test]
    fn unscheduled_pending_and_unready_pods_go_first() {
        let running = P::new("running").build();
        let unscheduled = P {
            node: "",
            phase: "Pending",
            ready_at: None,
            ..P::new("unscheduled")
        }
        .build();
        let pending = P {
            phase: "Pending",
            ready_at: None,
            ..P::new("pending")
        }
        .build();
        let unknown = P {
            phase: "Unknown",
            ready_at: None,
            ..P::new("unknown")
        }
        .build();
        let unready = P {
            ready_at: None,
            ..P::new("unready")
        }
        .build();
        let all = vec![
            running.clone(),
            unready.clone(),
            unknown.clone(),
            pending.clone(),
            unscheduled.clone(),
        ];
        assert_eq!(first(&all), "unscheduled");
        assert_eq!(first(&all[..4]), "pending");
        assert_eq!(first(&all[..3]), "unknown");
        assert_eq!(first(&all[..2]), "unready");
    }

    #[test]
    fn cost_then_doubled_up_then_recently_ready() {
        let cheap = P {
            cost: Some("-5"),
            ..P::new("cheap")
        }
        .build();
        let normal = P::new("normal").build();
        assert_eq!(first(&[normal.clone(), cheap]), "cheap");
        // Two pods on n1, one on n2: a pod on n1 goes first.
        let lonely = P {
            node: "n2",
            ..P::new("lonely")
        }
        .build();
        let a = P::new("a").build();
        let all = vec![lonely.clone(), a.clone(), normal.clone()];
        let chosen = pods_to_delete(&all, &all, 1, ts(10_000));
        assert_ne!(chosen[0].metadata.name.as_deref(), Some("lonely"));
        // Ready much more recently goes first.
        let fresh = P {
            ready_at: Some(9_999),
            ..P::new("fresh")
        }
        .build();
        assert_eq!(first(&[normal.clone(), fresh]), "fresh");
        // More restarts go first.
        let crashy = P {
            restarts: 3,
            ..P::new("crashy")
        }
        .build();
        assert_eq!(first(&[normal.clone(), crashy]), "crashy");
        // Newer goes first.
        let young = P {
            created: 9_990,
            ..P::new("young")
        }
        .build();
        assert_eq!(first(&[normal, young]), "young");
    }

    #[test]
    fn deleting_everything_needs_no_ranking() {
        let pods = vec![P::new("a").build(), P::new("b").build()];
        assert_eq!(pods_to_delete(&pods, &pods, 5, ts(1)).len(), 2);
    }

    #[test]
    fn availability_waits_for_min_ready_seconds() {
        let pod = P {
            ready_at: Some(100),
            ..P::new("p")
        }
        .build();
        assert!(is_available(&pod, 0, ts(100)));
        assert!(!is_available(&pod, 10, ts(105)));
        assert!(is_available(&pod, 10, ts(111)));
        let unready = P {
            ready_at: None,
            ..P::new("u")
        }
        .build();
        assert!(!is_available(&unready, 0, ts(100)));
        let finished = P {
            phase: "Succeeded",
            ..P::new("f")
        }
        .build();
        assert!(!is_active(&finished));
    }

    #[test]
    fn pods_from_templates() {
        let owner = OwnerReference {
            api_version: "apps/v1".into(),
            kind: "ReplicaSet".into(),
            name: "web-abc".into(),
            uid: "u".into(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        };
        let template = PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some(BTreeMap::from([("app".to_string(), "web".to_string())])),
                ..Default::default()
            }),
            spec: Some(PodSpec::default()),
        };
        let pod = pod_from_template(&template, "web-abc", "default", owner.clone()).expect("pod");
        assert_eq!(pod.metadata.generate_name.as_deref(), Some("web-abc-"));
        assert_eq!(pod.metadata.owner_references, Some(vec![owner.clone()]));
        let unlabelled = PodTemplateSpec::default();
        assert!(pod_from_template(&unlabelled, "x", "default", owner).is_err());
    }
}
