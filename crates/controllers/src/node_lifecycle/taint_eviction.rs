//! Taint-based eviction: pods on a node with `NoExecute` taints are deleted
//! when they do not tolerate every such taint, or once the shortest
//! `tolerationSeconds` of the tolerations that matched has passed (counted
//! from when the controller first saw the pod with the taint). Pods tolerating
//! the taints without a time limit stay. A scheduled eviction is cancelled when
//! the taints go away. Evicted pods get a `DisruptionTarget` condition (reason
//! `DeletionByTaintManager`) and a `TaintManagerEviction` event, then are
//! deleted gracefully.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::{Node, Pod, PodCondition, Taint, Toleration};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::api::{Api, DeleteParams, PostParams, Preconditions};
use parking_lot::Mutex;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::pod_util::{is_conflict, is_not_found};
use capstan_runtime::events::{EventType, Recorder};
use capstan_runtime::{Change, Informer, Informers};

/// Index of pods by `spec.nodeName`.
pub const NODE_INDEX: &str = "pod-node-name";

/// Index function: the node a pod is bound to.
pub fn index_by_node(pod: &Pod) -> Vec<String> {
    pod.spec
        .as_ref()
        .and_then(|s| s.node_name.clone())
        .filter(|n| !n.is_empty())
        .into_iter()
        .collect()
}

/// Whether a toleration tolerates a taint (empty effect and key match all;
/// operator `Exists` ignores the value, `Equal` or empty compares it).
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if let Some(effect) = t.effect.as_deref().filter(|e| !e.is_empty()) {
        if effect != taint.effect {
            return false;
        }
    }
    if let Some(key) = t.key.as_deref().filter(|k| !k.is_empty()) {
        if key != taint.key {
            return false;
        }
    }
    match t.operator.as_deref().unwrap_or("") {
        "" | "Equal" => t.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        "Exists" => true,
        _ => false,
    }
}

/// What to do with a pod on a node with the given `NoExecute` taints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// No taints, or all tolerated forever: nothing (cancel any scheduled eviction).
    Keep,
    /// Some taint is not tolerated: delete now.
    EvictNow,
    /// All tolerated, for at most this long.
    EvictAfter(Duration),
}

/// Decides a pod's fate from the node's `NoExecute` taints and its tolerations.
pub fn decide(taints: &[Taint], tolerations: &[Toleration]) -> Decision {
    if taints.is_empty() {
        return Decision::Keep;
    }
    let mut used = Vec::new();
    for taint in taints {
        match tolerations.iter().find(|t| tolerates(t, taint)) {
            Some(t) => used.push(t),
            None => return Decision::EvictNow,
        }
    }
    let mut min: Option<i64> = None;
    for t in used {
        if let Some(secs) = t.toleration_seconds {
            if secs <= 0 {
                return Decision::EvictAfter(Duration::ZERO);
            }
            min = Some(min.map_or(secs, |m| m.min(secs)));
        }
    }
    match min {
        None => Decision::Keep,
        Some(secs) => Decision::EvictAfter(Duration::from_secs(u64::try_from(secs).unwrap_or(0))),
    }
}

/// The node's `NoExecute` taints.
pub fn no_execute_taints(node: &Node) -> Vec<Taint> {
    node.spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .into_iter()
        .flatten()
        .filter(|t| t.effect == "NoExecute")
        .cloned()
        .collect()
}

fn taint_signature(node: &Node) -> Vec<(String, String)> {
    let mut sig: Vec<(String, String)> = no_execute_taints(node)
        .into_iter()
        .map(|t| (t.key, t.value.unwrap_or_default()))
        .collect();
    sig.sort();
    sig
}

/// When a scheduled eviction should fire, given when it was first scheduled
/// (if it was) and the current tolerance: an existing schedule is kept, as
/// Kubernetes does; otherwise the eviction is due `wait` after `now`.
pub fn fire_time(existing: Option<(Instant, Instant)>, now: Instant, wait: Duration) -> Instant {
    match existing {
        Some((_, fire_at)) => fire_at,
        None => now + wait,
    }
}

struct Scheduled {
    uid: String,
    created: Instant,
    fire_at: Instant,
    handle: JoinHandle<()>,
}

struct TaintEviction {
    client: kube::Client,
    recorder: Recorder,
    nodes: Arc<Informer<Node>>,
    pods: Arc<Informer<Pod>>,
    scheduled: Mutex<HashMap<String, Scheduled>>,
}

/// Starts the taint eviction controller.
pub fn start(informers: &Informers) {
    let pods = informers.get::<Pod>();
    pods.add_index(NODE_INDEX, index_by_node);
    let client = informers.client().clone();
    let controller = Arc::new(TaintEviction {
        recorder: Recorder::new(
            client.clone(),
            "taint-eviction-controller",
            "taint-eviction-controller",
        ),
        client,
        nodes: informers.get::<Node>(),
        pods,
        scheduled: Mutex::new(HashMap::new()),
    });
    tokio::spawn(controller.run());
}

fn pod_key(pod: &Pod) -> String {
    capstan_runtime::informer::key_of(pod)
}

impl TaintEviction {
    async fn run(self: Arc<Self>) {
        let synced = self.nodes.wait_synced(Duration::from_secs(60)).await
            && self.pods.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!("taint eviction: informers not synced after 60s; starting anyway");
        }
        let mut node_changes = self.nodes.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = node_changes.recv().await {
                let node = match &change {
                    Change::Added(n) => n.clone(),
                    Change::Updated { old, new } => {
                        if taint_signature(old) == taint_signature(new) {
                            continue;
                        }
                        new.clone()
                    }
                    Change::Deleted(_) => continue,
                };
                let Some(name) = node.metadata.name.as_deref() else {
                    continue;
                };
                for pod in me.pods.by_index(NODE_INDEX, name) {
                    me.process_pod(&pod);
                }
            }
        });
        let mut pod_changes = self.pods.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                match &change {
                    Change::Deleted(p) => me.cancel(&pod_key(p)),
                    Change::Added(p) | Change::Updated { new: p, .. } => me.process_pod(p),
                }
            }
        });
    }

    fn cancel(&self, key: &str) {
        if let Some(s) = self.scheduled.lock().remove(key) {
            s.handle.abort();
        }
    }

    fn current_decision(&self, pod: &Pod) -> Decision {
        if pod.metadata.deletion_timestamp.is_some() {
            return Decision::Keep;
        }
        let Some(node_name) = pod.spec.as_ref().and_then(|s| s.node_name.as_deref()) else {
            return Decision::Keep;
        };
        let Some(node) = self.nodes.get(None, node_name) else {
            return Decision::Keep;
        };
        let tolerations = pod
            .spec
            .as_ref()
            .and_then(|s| s.tolerations.clone())
            .unwrap_or_default();
        decide(&no_execute_taints(&node), &tolerations)
    }

    fn process_pod(self: &Arc<Self>, pod: &Arc<Pod>) {
        let key = pod_key(pod);
        let uid = pod.metadata.uid.clone().unwrap_or_default();
        let wait = match self.current_decision(pod) {
            Decision::Keep => {
                self.cancel(&key);
                return;
            }
            Decision::EvictNow => Duration::ZERO,
            Decision::EvictAfter(d) => d,
        };
        let now = Instant::now();
        let mut scheduled = self.scheduled.lock();
        let existing = scheduled
            .get(&key)
            .filter(|s| s.uid == uid && !s.handle.is_finished())
            .map(|s| (s.created, s.fire_at));
        if let Some((_, fire_at)) = existing {
            // Not tolerated at all any more: do not wait for the old schedule.
            if wait.is_zero() && fire_at > now {
                if let Some(s) = scheduled.remove(&key) {
                    s.handle.abort();
                }
            } else {
                return;
            }
        }
        let existing = if wait.is_zero() { None } else { existing };
        let fire_at = fire_time(existing, now, wait);
        let created = existing.map_or(now, |(c, _)| c);
        let me = self.clone();
        let (ns, name) = (
            pod.metadata.namespace.clone().unwrap_or_default(),
            pod.metadata.name.clone().unwrap_or_default(),
        );
        let task_uid = uid.clone();
        let task_key = key.clone();
        let handle = tokio::spawn(async move {
            tokio::time::sleep_until(fire_at).await;
            me.evict(&task_key, &ns, &name, &task_uid).await;
        });
        if !wait.is_zero() {
            tracing::info!(pod = %key, after = ?wait, "pod on a NoExecute-tainted node scheduled for eviction");
        }
        scheduled.insert(
            key,
            Scheduled {
                uid,
                created,
                fire_at,
                handle,
            },
        );
    }

    async fn evict(&self, key: &str, ns: &str, name: &str, uid: &str) {
        // Taints may have gone meanwhile.
        let Some(pod) = self.pods.get(Some(ns), name) else {
            self.scheduled.lock().remove(key);
            return;
        };
        if pod.metadata.uid.as_deref() != Some(uid) || self.current_decision(&pod) == Decision::Keep
        {
            self.scheduled.lock().remove(key);
            return;
        }
        tracing::info!(pod = %key, "evicting pod from NoExecute-tainted node");
        self.recorder.record(
            capstan_runtime::events::reference(pod.as_ref()),
            EventType::Normal,
            "TaintManagerEviction",
            "Delete",
            format!("Marking for deletion Pod {ns}/{name}"),
        );
        let api: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        if let Err(err) = add_disruption_condition(&api, name, uid).await {
            tracing::debug!(pod = %key, error = %format!("{err:#}"), "adding DisruptionTarget condition failed");
        }
        let dp = DeleteParams {
            preconditions: Some(Preconditions {
                uid: Some(uid.to_string()),
                resource_version: None,
            }),
            ..Default::default()
        };
        for attempt in 0..5u32 {
            match api.delete(name, &dp).await {
                Ok(_) => break,
                Err(e) if is_not_found(&e) || is_conflict(&e) => break,
                Err(e) => {
                    tracing::debug!(pod = %key, error = %e, attempt, "deleting pod failed");
                    tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
                }
            }
        }
        self.scheduled.lock().remove(key);
    }
}

/// The pod's conditions with a `DisruptionTarget` condition for a taint eviction.
pub fn with_disruption_condition(
    conditions: &[PodCondition],
    now: jiff::Timestamp,
) -> Vec<PodCondition> {
    let mut out: Vec<PodCondition> = conditions
        .iter()
        .filter(|c| c.type_ != "DisruptionTarget")
        .cloned()
        .collect();
    out.push(PodCondition {
        type_: "DisruptionTarget".into(),
        status: "True".into(),
        reason: Some("DeletionByTaintManager".into()),
        message: Some("Taint manager: deleting due to NoExecute taint".into()),
        last_transition_time: Some(Time(now)),
        ..Default::default()
    });
    out
}

async fn add_disruption_condition(api: &Api<Pod>, name: &str, uid: &str) -> anyhow::Result<()> {
    for _ in 0..3 {
        let mut pod = match api.get(name).await {
            Ok(p) => p,
            Err(e) if is_not_found(&e) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        if pod.metadata.uid.as_deref() != Some(uid) {
            return Ok(());
        }
        let status = pod.status.get_or_insert_with(Default::default);
        let current = status.conditions.clone().unwrap_or_default();
        status.conditions = Some(with_disruption_condition(&current, jiff::Timestamp::now()));
        match api.replace_status(name, &PostParams::default(), &pod).await {
            Ok(_) => return Ok(()),
            Err(e) if is_conflict(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(anyhow::anyhow!(
        "too many conflicts adding DisruptionTarget to pod {name}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn taint(key: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            effect: effect.into(),
            ..Default::default()
        }
    }

    fn toleration(v: serde_json::Value) -> Toleration {
        serde_json::from_value(v).expect("toleration")
    }

    #[test]
    fn toleration_matching() {
        let unreachable = taint("node.kubernetes.io/unreachable", "NoExecute");
        assert!(tolerates(
            &toleration(
                json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"})
            ),
            &unreachable
        ));
        assert!(
            tolerates(&toleration(json!({"operator": "Exists"})), &unreachable),
            "empty key with Exists tolerates everything"
        );
        assert!(!tolerates(
            &toleration(
                json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoSchedule"})
            ),
            &unreachable
        ));
        let valued = Taint {
            value: Some("gpu".into()),
            ..taint("dedicated", "NoExecute")
        };
        assert!(tolerates(
            &toleration(json!({"key": "dedicated", "value": "gpu"})),
            &valued
        ));
        assert!(!tolerates(
            &toleration(json!({"key": "dedicated", "operator": "Equal", "value": "cpu"})),
            &valued
        ));
    }

    #[test]
    fn decisions() {
        let unreachable = taint("node.kubernetes.io/unreachable", "NoExecute");
        let dedicated = taint("dedicated", "NoExecute");
        assert_eq!(decide(&[], &[]), Decision::Keep);
        assert_eq!(
            decide(std::slice::from_ref(&unreachable), &[]),
            Decision::EvictNow
        );
        let default_toleration = toleration(
            json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}),
        );
        assert_eq!(
            decide(
                std::slice::from_ref(&unreachable),
                std::slice::from_ref(&default_toleration)
            ),
            Decision::EvictAfter(Duration::from_secs(300))
        );
        // A second, untolerated taint evicts at once.
        assert_eq!(
            decide(
                &[unreachable.clone(), dedicated.clone()],
                std::slice::from_ref(&default_toleration)
            ),
            Decision::EvictNow
        );
        // Shortest time among the tolerations used; forever when none has a limit.
        let forever = toleration(json!({"key": "dedicated", "operator": "Exists"}));
        let short =
            toleration(json!({"key": "dedicated", "operator": "Exists", "tolerationSeconds": 5}));
        assert_eq!(
            decide(
                &[unreachable.clone(), dedicated.clone()],
                &[default_toleration.clone(), short]
            ),
            Decision::EvictAfter(Duration::from_secs(5))
        );
        assert_eq!(
            decide(
                std::slice::from_ref(&dedicated),
                std::slice::from_ref(&forever)
            ),
            Decision::Keep
        );
        let zero =
            toleration(json!({"key": "dedicated", "operator": "Exists", "tolerationSeconds": 0}));
        assert_eq!(
            decide(&[dedicated], &[zero]),
            Decision::EvictAfter(Duration::ZERO)
        );
        // Only the first matching toleration per taint counts.
        let first_forever = toleration(json!({"operator": "Exists"}));
        assert_eq!(
            decide(&[unreachable], &[first_forever, default_toleration]),
            Decision::Keep
        );
    }

    #[tokio::test(start_paused = true)]
    async fn existing_schedules_are_kept() {
        let t0 = Instant::now();
        assert_eq!(
            fire_time(None, t0, Duration::from_secs(5)),
            t0 + Duration::from_secs(5)
        );
        tokio::time::advance(Duration::from_secs(3)).await;
        let later = Instant::now();
        assert_eq!(
            fire_time(
                Some((t0, t0 + Duration::from_secs(5))),
                later,
                Duration::from_secs(5)
            ),
            t0 + Duration::from_secs(5)
        );
    }

    #[test]
    fn disruption_condition_replaces_previous() {
        let now: jiff::Timestamp = "2024-01-01T00:00:00Z".parse().expect("ts");
        let before = vec![
            PodCondition {
                type_: "Ready".into(),
                status: "True".into(),
                ..Default::default()
            },
            PodCondition {
                type_: "DisruptionTarget".into(),
                status: "False".into(),
                ..Default::default()
            },
        ];
        let after = with_disruption_condition(&before, now);
        assert_eq!(after.len(), 2);
        let d = after
            .iter()
            .find(|c| c.type_ == "DisruptionTarget")
            .expect("condition");
        assert_eq!(
            (d.status.as_str(), d.reason.as_deref()),
            ("True", Some("DeletionByTaintManager"))
        );
    }
}
