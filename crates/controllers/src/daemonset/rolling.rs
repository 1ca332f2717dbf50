//! The DaemonSet decisions that are pure arithmetic over nodes and pods:
//!
//! * per node (Kubernetes' `podsShouldBeOnNode`): create a pod where one should
//!   run and none does; delete finished pods, excess pods (keeping the oldest,
//!   or with surge one old and one new while the new one becomes available),
//!   and every pod where none may continue to run;
//! * the rolling update (Kubernetes' `rollingUpdate`): without surge, delete old
//!   pods while at most `maxUnavailable` nodes lack an available pod; with
//!   surge, start new pods beside old ones on at most `maxSurge` nodes and
//!   delete each old pod once its replacement is available;
//! * `maxSurge` / `maxUnavailable` against the desired number of nodes.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::DaemonSet;
use k8s_openapi::api::core::v1::Pod;

use crate::history::{
    pod_available, pod_phase, pod_ready, scaled_int_or_percent, POD_REVISION_LABEL,
};

/// Label (for backward compatibility) with the DaemonSet's template generation.
pub const TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";
/// Annotation on a DaemonSet with its template generation.
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// The DaemonSet's template generation, when annotated.
pub fn template_generation(ds: &DaemonSet) -> Option<i64> {
    ds.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(TEMPLATE_GENERATION_ANNOTATION))
        .and_then(|v| v.parse().ok())
}

/// Whether a pod runs the current template: its revision hash label matches,
/// or its template generation label does.
pub fn is_updated(pod: &Pod, hash: &str, generation: Option<i64>) -> bool {
    let labels = pod.metadata.labels.as_ref();
    let label = |k: &str| labels.and_then(|l| l.get(k)).map(String::as_str);
    let generation_matches = generation
        .is_some_and(|g| label(TEMPLATE_GENERATION_LABEL) == Some(g.to_string().as_str()));
    let hash_matches = !hash.is_empty() && label(POD_REVISION_LABEL) == Some(hash);
    hash_matches || generation_matches
}

/// Orders pods scheduled first, then oldest first, then by name.
pub fn sort_oldest_first(pods: &mut [Arc<Pod>]) {
    pods.sort_by(|a, b| {
        let scheduled = |p: &Pod| {
            p.spec
                .as_ref()
                .and_then(|s| s.node_name.as_deref())
                .is_some_and(|n| !n.is_empty())
        };
        scheduled(b)
            .cmp(&scheduled(a))
            .then_with(|| {
                let t = |p: &Pod| p.metadata.creation_timestamp.as_ref().map(|t| t.0);
                t(a).cmp(&t(b))
            })
            .then_with(|| a.metadata.name.cmp(&b.metadata.name))
    });
}

/// Update strategy limits for one sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Extra pods allowed during the update.
    pub max_surge: i32,
    /// Nodes allowed without an available pod.
    pub max_unavailable: i32,
}

fn rolling(ds: &DaemonSet) -> Option<&k8s_openapi::api::apps::v1::RollingUpdateDaemonSet> {
    let strategy = ds.spec.as_ref()?.update_strategy.as_ref()?;
    if strategy
        .type_
        .as_deref()
        .is_some_and(|t| t != "RollingUpdate")
    {
        return None;
    }
    strategy.rolling_update.as_ref()
}

/// `maxSurge` and `maxUnavailable` scaled to `desired` nodes (percentages round
/// up); when both come out 0, one node may be unavailable.
pub fn limits(ds: &DaemonSet, desired: i32) -> anyhow::Result<Limits> {
    let r = rolling(ds);
    let max_unavailable =
        scaled_int_or_percent(r.and_then(|r| r.max_unavailable.as_ref()), desired, true)?;
    let max_surge = scaled_int_or_percent(r.and_then(|r| r.max_surge.as_ref()), desired, true)?;
    let max_unavailable = if desired > 0 && max_unavailable == 0 && max_surge == 0 {
        1
    } else {
        max_unavailable
    };
    Ok(Limits {
        max_surge,
        max_unavailable,
    })
}

/// Whether the DaemonSet updates pods itself (`RollingUpdate`, the default)
/// rather than waiting for them to be deleted (`OnDelete`).
pub fn rolling_update_enabled(ds: &DaemonSet) -> bool {
    ds.spec
        .as_ref()
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|u| u.type_.as_deref())
        .is_none_or(|t| t == "RollingUpdate")
}

/// Whether the DaemonSet may run two pods on a node during an update.
pub fn allows_surge(ds: &DaemonSet) -> bool {
    scaled_int_or_percent(rolling(ds).and_then(|r| r.max_surge.as_ref()), 1, true)
        .is_ok_and(|s| s > 0)
}

/// What to do on one node.
#[derive(Clone, Debug, Default)]
pub struct NodeActions {
    /// A pod should be created on the node.
    pub create: bool,
    /// Pods to delete.
    pub delete: Vec<Arc<Pod>>,
    /// Of those, failed pods (reported as such).
    pub failed: Vec<Arc<Pod>>,
    /// Of those, succeeded pods (reported as such).
    pub succeeded: Vec<Arc<Pod>>,
    /// Failed pods left alone for now because of back-off.
    pub backing_off: bool,
}

/// Inputs to the per-node decision.
pub struct NodeInput<'a> {
    /// A pod should run on the node.
    pub should_run: bool,
    /// A running pod may stay on the node.
    pub should_continue: bool,
    /// The DaemonSet's pods for the node (None when there are none).
    pub pods: Option<&'a [Arc<Pod>]>,
    /// The current revision hash.
    pub hash: &'a str,
    /// Whether surge is allowed.
    pub surge: bool,
    /// `minReadySeconds`.
    pub min_ready: i32,
    /// The time availability is judged at.
    pub now: Timestamp,
}

/// Kubernetes' `podsShouldBeOnNode`. `may_delete_failed` is asked before a
/// failed pod is deleted (the back-off of pods a node keeps failing).
pub fn pods_should_be_on_node(
    input: &NodeInput<'_>,
    may_delete_failed: &mut dyn FnMut(&Pod) -> bool,
) -> NodeActions {
    let mut out = NodeActions::default();
    match input.pods {
        None if input.should_run => out.create = true,
        _ if input.should_continue => {
            let mut running: Vec<Arc<Pod>> = Vec::new();
            for pod in input.pods.unwrap_or(&[]) {
                if pod.metadata.deletion_timestamp.is_some() {
                    continue;
                }
                match pod_phase(pod) {
                    "Failed" => {
                        if may_delete_failed(pod) {
                            out.failed.push(pod.clone());
                            out.delete.push(pod.clone());
                        } else {
                            out.backing_off = true;
                        }
                    }
                    "Succeeded" => {
                        out.succeeded.push(pod.clone());
                        out.delete.push(pod.clone());
                    }
                    _ => running.push(pod.clone()),
                }
            }
            if !input.surge {
                if running.len() > 1 {
                    sort_oldest_first(&mut running);
                    out.delete.extend(running.into_iter().skip(1));
                }
                // A node whose only pods were deleted gets a new one next time.
                return out;
            }
            if running.len() <= 1 {
                if running.is_empty() && input.should_run {
                    out.create = true;
                }
                return out;
            }
            sort_oldest_first(&mut running);
            let mut oldest_new: Option<Arc<Pod>> = None;
            let mut oldest_old: Option<Arc<Pod>> = None;
            for pod in running {
                let updated = pod
                    .metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get(POD_REVISION_LABEL))
                    .is_some_and(|h| h == input.hash);
                let slot = if updated {
                    &mut oldest_new
                } else {
                    &mut oldest_old
                };
                if slot.is_none() {
                    *slot = Some(pod);
                } else {
                    out.delete.push(pod);
                }
            }
            if let (Some(new), Some(old)) = (oldest_new, oldest_old) {
                if !pod_ready(&old) || pod_available(&new, input.min_ready, input.now) {
                    out.delete.push(old);
                }
            }
        }
        Some(pods) => {
            out.delete.extend(
                pods.iter()
                    .filter(|p| p.metadata.deletion_timestamp.is_none())
                    .cloned(),
            );
        }
        None => {}
    }
    out
}

/// The updated and the old live pod on a node.
type NewAndOld = (Option<Arc<Pod>>, Option<Arc<Pod>>);

/// The new and old live pod on a node, or None when there is more than one of either.
fn updated_and_old(pods: &[Arc<Pod>], hash: &str, generation: Option<i64>) -> Option<NewAndOld> {
    let mut new = None;
    let mut old = None;
    for pod in pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
    {
        let slot = if is_updated(pod, hash, generation) {
            &mut new
        } else {
            &mut old
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(pod.clone());
    }
    Some((new, old))
}

/// Inputs to the rolling update.
pub struct RollingInput<'a> {
    /// Pods per node; every node that should run a pod has an entry.
    pub node_pods: &'a BTreeMap<String, Vec<Arc<Pod>>>,
    /// Whether a pod should run on the named node.
    pub should_run: &'a dyn Fn(&str) -> bool,
    /// Number of nodes that should run a pod.
    pub desired: i32,
    /// The current revision hash.
    pub hash: &'a str,
    /// The template generation, when annotated.
    pub generation: Option<i64>,
    /// Strategy limits.
    pub limits: Limits,
    /// `minReadySeconds`.
    pub min_ready: i32,
    /// The time availability is judged at.
    pub now: Timestamp,
}

/// Kubernetes' `rollingUpdate`: old pods to delete and nodes to start new pods on.
pub fn rolling_update(input: &RollingInput<'_>) -> (Vec<Arc<Pod>>, Vec<String>) {
    let available = |p: &Pod| pod_available(p, input.min_ready, input.now);
    let Limits {
        max_surge,
        max_unavailable,
    } = input.limits;
    if max_surge == 0 {
        let mut unavailable = 0;
        let mut replacements: Vec<Arc<Pod>> = Vec::new();
        let mut candidates: Vec<Arc<Pod>> = Vec::new();
        for pods in input.node_pods.values() {
            let Some((new, old)) = updated_and_old(pods, input.hash, input.generation) else {
                unavailable += 1;
                continue;
            };
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => unavailable += 1,
                (Some(new), None) => {
                    if !available(&new) {
                        unavailable += 1;
                    }
                }
                (None, Some(old)) => {
                    if !available(&old) {
                        replacements.push(old);
                        unavailable += 1;
                    } else if unavailable < max_unavailable {
                        candidates.push(old);
                    }
                }
            }
        }
        let room = usize::try_from((max_unavailable - unavailable).max(0)).unwrap_or(0);
        replacements.extend(candidates.into_iter().take(room));
        return (replacements, Vec::new());
    }

    let mut to_delete: Vec<Arc<Pod>> = Vec::new();
    let mut not_wanted: Vec<Arc<Pod>> = Vec::new();
    let mut candidate_nodes: Vec<String> = Vec::new();
    let mut allowed_nodes: Vec<String> = Vec::new();
    let mut surging = 0;
    let mut available_count = 0;
    for (node, pods) in input.node_pods {
        let Some((new, old)) = updated_and_old(pods, input.hash, input.generation) else {
            surging += 1;
            continue;
        };
        match (&old, &new) {
            (Some(o), _) if available(o) => available_count += 1,
            (None, Some(n)) if available(n) => available_count += 1,
            _ => {}
        }
        match (old, new) {
            (None, _) => {}
            (Some(old), None) => {
                if !available(&old) {
                    if (input.should_run)(node) {
                        allowed_nodes.push(node.clone());
                    } else {
                        to_delete.push(old);
                    }
                } else if !(input.should_run)(node) {
                    not_wanted.push(old);
                } else if surging < max_surge {
                    candidate_nodes.push(node.clone());
                }
            }
            (Some(old), Some(new)) => {
                if available(&new) {
                    to_delete.push(old);
                } else {
                    surging += 1;
                }
            }
        }
    }
    // Pods on nodes that no longer want one go only once enough others are up.
    let deletable = usize::try_from((available_count - input.desired).max(0)).unwrap_or(0);
    to_delete.extend(not_wanted.into_iter().take(deletable));
    let room = usize::try_from((max_surge - surging).max(0)).unwrap_or(0);
    allowed_nodes.extend(candidate_nodes.into_iter().take(room));
    (to_delete, allowed_nodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::{
        DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet,
    };
    use k8s_openapi::api::core::v1::{PodCondition, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

    fn pod(name: &str, hash: &str, phase: &str, ready: bool, created: i64) -> Arc<Pod> {
        Arc::new(Pod {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some([(POD_REVISION_LABEL.to_string(), hash.to_string())].into()),
                creation_timestamp: Timestamp::from_second(created).ok().map(Time),
                ..Default::default()
            },
            spec: Some(PodSpec {
                node_name: Some("n".into()),
                ..Default::default()
            }),
            status: Some(PodStatus {
                phase: Some(phase.into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    last_transition_time: Timestamp::from_second(0).ok().map(Time),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
        })
    }

    fn up(name: &str, hash: &str) -> Arc<Pod> {
        pod(name, hash, "Running", true, 1)
    }

    fn ds(surge: IntOrString, unavailable: IntOrString) -> DaemonSet {
        DaemonSet {
            spec: Some(DaemonSetSpec {
                update_strategy: Some(DaemonSetUpdateStrategy {
                    type_: Some("RollingUpdate".into()),
                    rolling_update: Some(RollingUpdateDaemonSet {
                        max_surge: Some(surge),
                        max_unavailable: Some(unavailable),
                    }),
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn now() -> Timestamp {
        Timestamp::from_second(100).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn names(pods: &[Arc<Pod>]) -> Vec<String> {
        pods.iter()
            .filter_map(|p| p.metadata.name.clone())
            .collect()
    }

    #[test]
    fn limits_scale_percentages_and_never_stall() {
        let l = limits(
            &ds(IntOrString::Int(0), IntOrString::String("25%".into())),
            10,
        )
        .expect("limits");
        assert_eq!(
            l,
            Limits {
                max_surge: 0,
                max_unavailable: 3
            }
        );
        let l = limits(&ds(IntOrString::Int(0), IntOrString::Int(0)), 3).expect("limits");
        assert_eq!(l.max_unavailable, 1);
        let l = limits(
            &ds(IntOrString::String("50%".into()), IntOrString::Int(0)),
            3,
        )
        .expect("limits");
        assert_eq!(
            l,
            Limits {
                max_surge: 2,
                max_unavailable: 0
            }
        );
        assert!(allows_surge(&ds(IntOrString::Int(1), IntOrString::Int(0))));
        assert!(!allows_surge(&ds(IntOrString::Int(0), IntOrString::Int(1))));
    }

    fn node_input<'a>(
        should_run: bool,
        should_continue: bool,
        pods: Option<&'a [Arc<Pod>]>,
        surge: bool,
    ) -> NodeInput<'a> {
        NodeInput {
            should_run,
            should_continue,
            pods,
            hash: "new",
            surge,
            min_ready: 0,
            now: now(),
        }
    }

    #[test]
    fn per_node_create_delete_and_dedupe() {
        let mut allow = |_: &Pod| true;
        let a = pods_should_be_on_node(&node_input(true, true, None, false), &mut allow);
        assert!(a.create && a.delete.is_empty());
        let pods = [
            pod("b", "new", "Running", true, 2),
            pod("a", "new", "Running", true, 1),
        ];
        let a = pods_should_be_on_node(&node_input(true, true, Some(&pods), false), &mut allow);
        assert_eq!(names(&a.delete), ["b"]);
        let a = pods_should_be_on_node(&node_input(false, false, Some(&pods), false), &mut allow);
        assert_eq!(names(&a.delete), ["b", "a"]);
        let failed = [pod("f", "new", "Failed", false, 1)];
        let a = pods_should_be_on_node(&node_input(true, true, Some(&failed), false), &mut allow);
        assert_eq!(names(&a.failed), ["f"]);
        let mut deny = |_: &Pod| false;
        let a = pods_should_be_on_node(&node_input(true, true, Some(&failed), false), &mut deny);
        assert!(a.delete.is_empty() && a.backing_off);
    }

    #[test]
    fn surge_keeps_old_pod_until_new_one_is_available() {
        let mut allow = |_: &Pod| true;
        let waiting = [up("old", "old"), pod("new", "new", "Running", false, 2)];
        let a = pods_should_be_on_node(&node_input(true, true, Some(&waiting), true), &mut allow);
        assert!(a.delete.is_empty());
        let ready = [up("old", "old"), pod("new", "new", "Running", true, 2)];
        let a = pods_should_be_on_node(&node_input(true, true, Some(&ready), true), &mut allow);
        assert_eq!(names(&a.delete), ["old"]);
    }

    #[test]
    fn rolling_without_surge_respects_max_unavailable() {
        let mut map = BTreeMap::new();
        for n in ["n1", "n2", "n3"] {
            map.insert(n.to_string(), vec![up(&format!("{n}-old"), "old")]);
        }
        let run = |map: &BTreeMap<String, Vec<Arc<Pod>>>, max_unavailable| {
            rolling_update(&RollingInput {
                node_pods: map,
                should_run: &|_| true,
                desired: 3,
                hash: "new",
                generation: None,
                limits: Limits {
                    max_surge: 0,
                    max_unavailable,
                },
                min_ready: 0,
                now: now(),
            })
        };
        let (del, create) = run(&map, 1);
        assert_eq!(names(&del), ["n1-old"]);
        assert!(create.is_empty());
        assert_eq!(names(&run(&map, 2).0), ["n1-old", "n2-old"]);
        // n1 has an unavailable new pod: nothing else may go.
        map.insert("n1".into(), vec![pod("n1-new", "new", "Running", false, 2)]);
        assert!(run(&map, 1).0.is_empty());
        // An unavailable old pod is always replaced.
        map.insert("n1".into(), vec![up("n1-new", "new")]);
        map.insert("n2".into(), vec![pod("n2-old", "old", "Running", false, 1)]);
        assert_eq!(names(&run(&map, 1).0), ["n2-old"]);
    }

    #[test]
    fn rolling_with_surge_starts_new_pods_first() {
        let mut map = BTreeMap::new();
        for n in ["n1", "n2", "n3"] {
            map.insert(n.to_string(), vec![up(&format!("{n}-old"), "old")]);
        }
        let run = |map: &BTreeMap<String, Vec<Arc<Pod>>>| {
            rolling_update(&RollingInput {
                node_pods: map,
                should_run: &|_| true,
                desired: 3,
                hash: "new",
                generation: None,
                limits: Limits {
                    max_surge: 1,
                    max_unavailable: 0,
                },
                min_ready: 0,
                now: now(),
            })
        };
        let (del, create) = run(&map);
        assert!(del.is_empty());
        assert_eq!(create, ["n1"]);
        map.insert(
            "n1".into(),
            vec![
                up("n1-old", "old"),
                pod("n1-new", "new", "Running", false, 2),
            ],
        );
        let (del, create) = run(&map);
        assert!(del.is_empty() && create.is_empty());
        map.insert("n1".into(), vec![up("n1-old", "old"), up("n1-new", "new")]);
        let (del, create) = run(&map);
        assert_eq!(names(&del), ["n1-old"]);
        assert_eq!(create, ["n2"]);
    }

    #[test]
    fn updated_by_hash_or_generation() {
        let p = up("p", "h1");
        assert!(is_updated(&p, "h1", None));
        assert!(!is_updated(&p, "h2", None));
        let mut g = (*p).clone();
        if let Some(l) = g.metadata.labels.as_mut() {
            l.insert(TEMPLATE_GENERATION_LABEL.into(), "3".into());
        }
        assert!(is_updated(&g, "h2", Some(3)));
    }
}
