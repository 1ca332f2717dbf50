//! The disruption controller: keeps each PodDisruptionBudget's status — how
//! many selected pods are healthy (`currentHealthy`), how many must be
//! (`desiredHealthy`), how many are expected (`expectedPods`), how many may be
//! disrupted now (`disruptionsAllowed`), the `DisruptionAllowed` condition,
//! `observedGeneration`, and the `disruptedPods` the eviction subresource
//! recorded (dropped once the pod is deleted, or after two minutes if it never
//! is). The API server's eviction subresource consumes `disruptionsAllowed`.
//!
//! An integer `minAvailable` counts the selected pods; a percentage
//! `minAvailable` or any `maxUnavailable` is taken of the pods' controllers'
//! scale (Deployment, ReplicaSet, StatefulSet, ReplicationController, or any
//! resource with a scale subresource). Pods without a controller are left out
//! of that sum (with an `UnmanagedPods` warning event), as in Kubernetes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{Pod, ReplicationController};
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetStatus};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{Condition, OwnerReference, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::api::{Api, DynamicObject, PostParams};
use parking_lot::Mutex;

use crate::discovery::ResourceTypes;
use crate::pod_util::{add, controller_of, is_conflict, is_not_found, is_pod_ready, labels_of};
use capstan_machinery::Selector;
use capstan_runtime::events::{EventType, Recorder};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

/// How long a pod recorded in `disruptedPods` is expected to take to be deleted.
pub const DELETION_TIMEOUT: Duration = Duration::from_secs(120);
/// The condition type.
pub const DISRUPTION_ALLOWED: &str = "DisruptionAllowed";

/// Scales `value` (an integer or a percentage like `"50%"`) of `total`,
/// rounding up or down, as `intstr.GetScaledValueFromIntOrPercent` does.
pub fn scaled_value(value: &IntOrString, total: i32, round_up: bool) -> Result<i32, String> {
    match value {
        IntOrString::Int(n) => Ok(*n),
        IntOrString::String(s) => {
            let Some(number) = s.strip_suffix('%') else {
                return Err(format!("invalid value for IntOrString: invalid type: string is not a percentage: {s:?}"));
            };
            let percent: i64 = number
                .parse()
                .map_err(|_| format!("invalid value {s:?}: must be an integer or a percentage"))?;
            let product = percent * i64::from(total);
            let scaled = if round_up {
                (product + 99).div_euclid(100)
            } else {
                product.div_euclid(100)
            };
            i32::try_from(scaled).map_err(|_| format!("value {s:?} of {total} is out of range"))
        }
    }
}

/// A controller of pods and its desired scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControllerScale {
    /// The controller's UID.
    pub uid: String,
    /// Its desired replicas.
    pub scale: i32,
}

/// The numbers a budget's status is built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Pods expected to exist.
    pub expected: i32,
    /// Pods that must be healthy.
    pub desired_healthy: i32,
    /// Selected pods without a controller (left out of scale sums).
    pub unmanaged: Vec<String>,
}

/// Computes expected and desired-healthy counts. `find` resolves a pod's
/// controller reference to the controller's scale (None: no such controller).
pub fn expected_counts<F>(
    pdb: &PodDisruptionBudget,
    pods: &[Arc<Pod>],
    mut find: F,
) -> Result<Counts, String>
where
    F: FnMut(&OwnerReference, &str) -> Result<Option<ControllerScale>, String>,
{
    let spec = pdb.spec.clone().unwrap_or_default();
    let mut expected_scale = |pods: &[Arc<Pod>]| -> Result<(i32, Vec<String>), String> {
        let mut scales: BTreeMap<String, i32> = BTreeMap::new();
        let mut unmanaged = Vec::new();
        for pod in pods {
            let name = pod.metadata.name.clone().unwrap_or_default();
            let Some(owner) = controller_of(&pod.metadata) else {
                unmanaged.push(name);
                continue;
            };
            if scales.contains_key(&owner.uid) {
                continue;
            }
            let ns = pod.metadata.namespace.clone().unwrap_or_default();
            match find(owner, &ns)? {
                Some(cs) => {
                    scales.insert(cs.uid, cs.scale);
                }
                None => return Err(format!("found no controllers for pod {name:?}")),
            }
        }
        Ok((scales.values().sum(), unmanaged))
    };
    if let Some(max_unavailable) = spec.max_unavailable.as_ref() {
        let (expected, unmanaged) = expected_scale(pods)?;
        let max = scaled_value(max_unavailable, expected, true)?;
        return Ok(Counts {
            expected,
            desired_healthy: (expected - max).max(0),
            unmanaged,
        });
    }
    match spec.min_available.as_ref() {
        Some(IntOrString::Int(n)) => Ok(Counts {
            expected: i32::try_from(pods.len()).unwrap_or(i32::MAX),
            desired_healthy: *n,
            unmanaged: Vec::new(),
        }),
        Some(percent @ IntOrString::String(_)) => {
            let (expected, unmanaged) = expected_scale(pods)?;
            let desired_healthy = scaled_value(percent, expected, true)?;
            Ok(Counts {
                expected,
                desired_healthy,
                unmanaged,
            })
        }
        None => Ok(Counts {
            expected: 0,
            desired_healthy: 0,
            unmanaged: Vec::new(),
        }),
    }
}

/// The `disruptedPods` entries still pending (pod present, not being deleted,
/// recorded less than [`DELETION_TIMEOUT`] ago), and when to look again.
pub fn pending_disruptions(
    recorded: &BTreeMap<String, Time>,
    pods: &[Arc<Pod>],
    now: Timestamp,
) -> (BTreeMap<String, Time>, Option<Timestamp>) {
    let mut out = BTreeMap::new();
    let mut recheck: Option<Timestamp> = None;
    for pod in pods {
        if pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let name = pod.metadata.name.clone().unwrap_or_default();
        let Some(at) = recorded.get(&name) else {
            continue;
        };
        let expected_deletion = add(at.0, DELETION_TIMEOUT);
        if expected_deletion < now {
            continue;
        }
        recheck = Some(recheck.map_or(expected_deletion, |r: Timestamp| r.min(expected_deletion)));
        out.insert(name, at.clone());
    }
    (out, recheck)
}

/// Healthy pods: Ready, not being deleted, not about to be (pending disruption).
pub fn count_healthy(pods: &[Arc<Pod>], disrupted: &BTreeMap<String, Time>, now: Timestamp) -> i32 {
    let n = pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .filter(|p| {
            let name = p.metadata.name.as_deref().unwrap_or("");
            disrupted
                .get(name)
                .is_none_or(|t| add(t.0, DELETION_TIMEOUT) <= now)
        })
        .filter(|p| is_pod_ready(p))
        .count();
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// Sets a condition, keeping its transition time when the status is unchanged.
pub fn set_condition(conditions: &mut Vec<Condition>, mut new: Condition, now: Timestamp) {
    match conditions.iter_mut().find(|c| c.type_ == new.type_) {
        Some(existing) => {
            new.last_transition_time = if existing.status == new.status {
                existing.last_transition_time.clone()
            } else {
                Time(now)
            };
            *existing = new;
        }
        None => {
            new.last_transition_time = Time(now);
            conditions.push(new);
        }
    }
}

/// The status a budget should have.
pub fn desired_status(
    pdb: &PodDisruptionBudget,
    current_healthy: i32,
    counts: &Counts,
    disrupted: BTreeMap<String, Time>,
    now: Timestamp,
) -> PodDisruptionBudgetStatus {
    let mut allowed = current_healthy - counts.desired_healthy;
    if counts.expected <= 0 || allowed <= 0 {
        allowed = 0;
    }
    let generation = pdb.metadata.generation.unwrap_or(0);
    let mut conditions = pdb
        .status
        .as_ref()
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    let (status, reason) = if allowed > 0 {
        ("True", "SufficientPods")
    } else {
        ("False", "InsufficientPods")
    };
    set_condition(
        &mut conditions,
        Condition {
            type_: DISRUPTION_ALLOWED.into(),
            status: status.into(),
            reason: reason.into(),
            message: String::new(),
            observed_generation: Some(generation),
            last_transition_time: Time(now),
        },
        now,
    );
    PodDisruptionBudgetStatus {
        current_healthy,
        desired_healthy: counts.desired_healthy,
        expected_pods: counts.expected,
        disruptions_allowed: allowed,
        disrupted_pods: (!disrupted.is_empty()).then_some(disrupted),
        observed_generation: Some(generation),
        conditions: Some(conditions),
    }
}

/// The status after a failed computation: nothing may be disrupted.
pub fn fail_safe_status(
    pdb: &PodDisruptionBudget,
    message: &str,
    now: Timestamp,
) -> PodDisruptionBudgetStatus {
    let mut status = pdb.status.clone().unwrap_or_default();
    status.disruptions_allowed = 0;
    let mut conditions = status.conditions.take().unwrap_or_default();
    set_condition(
        &mut conditions,
        Condition {
            type_: DISRUPTION_ALLOWED.into(),
            status: "False".into(),
            reason: "SyncFailed".into(),
            message: message.to_string(),
            observed_generation: status.observed_generation,
            last_transition_time: Time(now),
        },
        now,
    );
    status.conditions = Some(conditions);
    status
}

fn status_equal(a: &PodDisruptionBudgetStatus, b: &PodDisruptionBudgetStatus) -> bool {
    let norm = |s: &PodDisruptionBudgetStatus| {
        let mut s = s.clone();
        if s.disrupted_pods.as_ref().is_some_and(BTreeMap::is_empty) {
            s.disrupted_pods = None;
        }
        s
    };
    norm(a) == norm(b)
}

/// Starts the disruption controller.
pub fn start(informers: &Informers) {
    let client = informers.client().clone();
    let controller = Arc::new(Controller {
        recorder: Recorder::new(client.clone(), "controllermanager", "disruption-controller"),
        client,
        pdbs: informers.get::<PodDisruptionBudget>(),
        pods: informers.get::<Pod>(),
        replica_sets: informers.get::<ReplicaSet>(),
        deployments: informers.get::<Deployment>(),
        stateful_sets: informers.get::<StatefulSet>(),
        controllers: informers.get::<ReplicationController>(),
        queue: WorkQueue::new(),
        types: Mutex::new(None),
        warned: Mutex::new(HashMap::new()),
    });
    tokio::spawn(controller.run());
}

struct Controller {
    client: kube::Client,
    recorder: Recorder,
    pdbs: Arc<Informer<PodDisruptionBudget>>,
    pods: Arc<Informer<Pod>>,
    replica_sets: Arc<Informer<ReplicaSet>>,
    deployments: Arc<Informer<Deployment>>,
    stateful_sets: Arc<Informer<StatefulSet>>,
    controllers: Arc<Informer<ReplicationController>>,
    queue: Arc<WorkQueue<String>>,
    /// Discovery, for controllers of other kinds (scale subresource).
    types: Mutex<Option<ResourceTypes>>,
    /// Budgets already warned about unmanaged pods (by generation).
    warned: Mutex<HashMap<String, i64>>,
}

fn selector_of(pdb: &PodDisruptionBudget) -> Selector {
    Selector::from_label_selector(pdb.spec.as_ref().and_then(|s| s.selector.as_ref()))
        .unwrap_or_else(|_| Selector::nothing())
}

impl Controller {
    async fn run(self: Arc<Self>) {
        let synced = self.pdbs.wait_synced(Duration::from_secs(60)).await
            && self.pods.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!(
                "disruption controller: informers not synced after 60s; starting anyway"
            );
        }
        let mut pdb_changes = self.pdbs.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = pdb_changes.recv().await {
                q.add(capstan_runtime::informer::key_of(change.object().as_ref()));
            }
        });
        let mut pod_changes = self.pods.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                let (old, new) = match &change {
                    Change::Updated { old, new } => (Some(old.clone()), new.clone()),
                    other => (None, other.object().clone()),
                };
                me.enqueue_for_pod(&new, old.as_deref());
            }
        });
        macro_rules! on_scale_change {
            ($informer:expr, $replicas:expr) => {{
                let mut changes = $informer.subscribe();
                let me = self.clone();
                tokio::spawn(async move {
                    while let Some(change) = changes.recv().await {
                        if let Change::Updated { old, new } = &change {
                            if $replicas(old.as_ref()) == $replicas(new.as_ref()) {
                                continue;
                            }
                        }
                        let obj = change.object();
                        me.enqueue_namespace(obj.metadata.namespace.as_deref().unwrap_or(""));
                    }
                });
            }};
        }
        on_scale_change!(self.replica_sets, |o: &ReplicaSet| o
            .spec
            .as_ref()
            .and_then(|s| s.replicas));
        on_scale_change!(self.deployments, |o: &Deployment| o
            .spec
            .as_ref()
            .and_then(|s| s.replicas));
        on_scale_change!(self.stateful_sets, |o: &StatefulSet| o
            .spec
            .as_ref()
            .and_then(|s| s.replicas));
        on_scale_change!(self.controllers, |o: &ReplicationController| o
            .spec
            .as_ref()
            .and_then(|s| s.replicas));
        let me = self.clone();
        run_workers("disruption", self.queue.clone(), 2, move |key: String| {
            let me = me.clone();
            async move { me.sync(&key).await }
        });
    }

    fn enqueue_namespace(&self, ns: &str) {
        for pdb in self.pdbs.list_namespace(ns) {
            self.queue
                .add(capstan_runtime::informer::key_of(pdb.as_ref()));
        }
    }

    fn enqueue_for_pod(&self, pod: &Pod, old: Option<&Pod>) {
        let ns = pod.metadata.namespace.as_deref().unwrap_or("");
        for pdb in self.pdbs.list_namespace(ns) {
            let sel = selector_of(&pdb);
            if sel.matches(labels_of(&pod.metadata))
                || old.is_some_and(|o| sel.matches(labels_of(&o.metadata)))
            {
                self.queue
                    .add(capstan_runtime::informer::key_of(pdb.as_ref()));
            }
        }
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        let Some(pdb) = self.pdbs.get(Some(ns), name) else {
            self.warned.lock().remove(key);
            return Ok(Next::Done);
        };
        let selector = selector_of(&pdb);
        let pods: Vec<Arc<Pod>> = self
            .pods
            .list_namespace(ns)
            .into_iter()
            .filter(|p| selector.matches(labels_of(&p.metadata)))
            .collect();
        let now = Timestamp::now();
        let counts = self.counts(&pdb, &pods).await;
        let (status, recheck) = match counts {
            Ok(counts) => {
                if !counts.unmanaged.is_empty() {
                    self.warn_unmanaged(key, &pdb);
                }
                let recorded = pdb
                    .status
                    .as_ref()
                    .and_then(|s| s.disrupted_pods.clone())
                    .unwrap_or_default();
                let (disrupted, recheck) = pending_disruptions(&recorded, &pods, now);
                let healthy = count_healthy(&pods, &disrupted, now);
                (
                    desired_status(&pdb, healthy, &counts, disrupted, now),
                    recheck,
                )
            }
            Err(message) => {
                self.recorder.record(
                    capstan_runtime::events::reference(pdb.as_ref()),
                    EventType::Warning,
                    "CalculateExpectedPodCountFailed",
                    "Sync",
                    format!("Failed to calculate the number of expected pods: {message}"),
                );
                (fail_safe_status(&pdb, &message, now), None)
            }
        };
        let current = pdb.status.clone().unwrap_or_default();
        if !status_equal(&current, &status) {
            let mut updated = (*pdb).clone();
            updated.status = Some(status);
            let api: Api<PodDisruptionBudget> = Api::namespaced(self.client.clone(), ns);
            match api
                .replace_status(name, &PostParams::default(), &updated)
                .await
            {
                Ok(_) => {}
                Err(e) if is_not_found(&e) => return Ok(Next::Done),
                // The eviction subresource (or another writer) got there first.
                Err(e) if is_conflict(&e) => {
                    return Err(anyhow::Error::new(e).context(format!("updating status of {key}")))
                }
                Err(e) => {
                    return Err(anyhow::Error::new(e).context(format!("updating status of {key}")))
                }
            }
        }
        Ok(match recheck {
            Some(at) => {
                let wait = at.duration_since(now).as_secs_f64().max(0.0);
                Next::After(Duration::from_secs_f64(wait) + Duration::from_secs(1))
            }
            None => Next::Done,
        })
    }

    fn warn_unmanaged(&self, key: &str, pdb: &PodDisruptionBudget) {
        let generation = pdb.metadata.generation.unwrap_or(0);
        if self.warned.lock().insert(key.to_string(), generation) == Some(generation) {
            return;
        }
        self.recorder.record(
            capstan_runtime::events::reference(pdb),
            EventType::Warning,
            "UnmanagedPods",
            "Sync",
            "Pods selected by this PodDisruptionBudget were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value.".into(),
        );
    }

    async fn counts(&self, pdb: &PodDisruptionBudget, pods: &[Arc<Pod>]) -> Result<Counts, String> {
        // Resolve controllers first (some need the API), then compute.
        let mut resolved: HashMap<String, Option<ControllerScale>> = HashMap::new();
        for pod in pods {
            let Some(owner) = controller_of(&pod.metadata) else {
                continue;
            };
            if resolved.contains_key(&owner.uid) {
                continue;
            }
            let ns = pod.metadata.namespace.clone().unwrap_or_default();
            let found = self.find_controller(owner, &ns).await?;
            resolved.insert(owner.uid.clone(), found);
        }
        expected_counts(pdb, pods, |owner, _| {
            Ok(resolved.get(&owner.uid).cloned().flatten())
        })
    }

    /// The scale of a pod's controller; a ReplicaSet owned by a Deployment
    /// counts as the Deployment.
    async fn find_controller(
        &self,
        owner: &OwnerReference,
        ns: &str,
    ) -> Result<Option<ControllerScale>, String> {
        let group = owner.api_version.split_once('/').map_or("", |(g, _)| g);
        let same = |uid: Option<&String>| uid.map(String::as_str) == Some(owner.uid.as_str());
        match (group, owner.kind.as_str()) {
            ("apps", "ReplicaSet") => {
                let Some(rs) = self
                    .replica_sets
                    .get(Some(ns), &owner.name)
                    .filter(|r| same(r.metadata.uid.as_ref()))
                else {
                    return Ok(None);
                };
                if let Some(dref) = controller_of(&rs.metadata).filter(|r| r.kind == "Deployment") {
                    let Some(d) = self
                        .deployments
                        .get(Some(ns), &dref.name)
                        .filter(|d| d.metadata.uid.as_deref() == Some(dref.uid.as_str()))
                    else {
                        return Ok(None);
                    };
                    return Ok(Some(ControllerScale {
                        uid: dref.uid.clone(),
                        scale: d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1),
                    }));
                }
                Ok(Some(ControllerScale {
                    uid: owner.uid.clone(),
                    scale: rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1),
                }))
            }
            ("apps", "StatefulSet") => Ok(self
                .stateful_sets
                .get(Some(ns), &owner.name)
                .filter(|s| same(s.metadata.uid.as_ref()))
                .map(|s| ControllerScale {
                    uid: owner.uid.clone(),
                    scale: s.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1),
                })),
            ("", "ReplicationController") => Ok(self
                .controllers
                .get(Some(ns), &owner.name)
                .filter(|c| same(c.metadata.uid.as_ref()))
                .map(|c| ControllerScale {
                    uid: owner.uid.clone(),
                    scale: c.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1),
                })),
            _ => self.generic_scale(owner, ns).await,
        }
    }

    /// Any other controller kind, through its scale subresource.
    async fn generic_scale(
        &self,
        owner: &OwnerReference,
        ns: &str,
    ) -> Result<Option<ControllerScale>, String> {
        let known = self.types.lock().clone();
        let types = match known {
            Some(t) => t,
            None => {
                let t = ResourceTypes::discover(&self.client)
                    .await
                    .map_err(|e| format!("discovery: {e}"))?;
                *self.types.lock() = Some(t.clone());
                t
            }
        };
        let Some(t) = types.by_api_version_kind(&owner.api_version, &owner.kind) else {
            // Maybe a new type; rediscover next time.
            *self.types.lock() = None;
            return Ok(None);
        };
        if !t.namespaced {
            return Ok(None);
        }
        let api: Api<DynamicObject> = Api::namespaced_with(self.client.clone(), ns, &t.api);
        match api.get_scale(&owner.name).await {
            Ok(scale) if scale.metadata.uid.as_deref() == Some(owner.uid.as_str()) => {
                Ok(Some(ControllerScale {
                    uid: owner.uid.clone(),
                    scale: scale.spec.and_then(|s| s.replicas).unwrap_or(0),
                }))
            }
            Ok(_) => Ok(None),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(format!(
                "getting scale of {} {}: {e}",
                owner.kind, owner.name
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod_util::tests::pod;
    use serde_json::json;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn pdb(spec: serde_json::Value) -> PodDisruptionBudget {
        serde_json::from_value(
            json!({"metadata": {"name": "b", "namespace": "ns", "generation": 3}, "spec": spec}),
        )
        .expect("pdb")
    }

    fn app_pod(name: &str, ready: bool, owner: Option<&str>) -> Arc<Pod> {
        let mut meta = json!({"name": name, "namespace": "ns", "labels": {"app": "x"}});
        if let Some(uid) = owner {
            meta["ownerReferences"] = json!([{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": uid, "controller": true}]);
        }
        Arc::new(pod(json!({"metadata": meta, "status": {"phase": "Running",
            "conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"}}]}})))
    }

    fn rs_scale(
        n: i32,
    ) -> impl FnMut(&OwnerReference, &str) -> Result<Option<ControllerScale>, String> {
        move |o, _| {
            Ok(Some(ControllerScale {
                uid: o.uid.clone(),
                scale: n,
            }))
        }
    }

    #[test]
    fn scaled_values() {
        assert_eq!(scaled_value(&IntOrString::Int(3), 10, true), Ok(3));
        assert_eq!(
            scaled_value(&IntOrString::String("50%".into()), 5, true),
            Ok(3)
        );
        assert_eq!(
            scaled_value(&IntOrString::String("50%".into()), 5, false),
            Ok(2)
        );
        assert_eq!(
            scaled_value(&IntOrString::String("0%".into()), 5, true),
            Ok(0)
        );
        assert!(scaled_value(&IntOrString::String("half".into()), 5, true).is_err());
        assert!(scaled_value(&IntOrString::String("x%".into()), 5, true).is_err());
    }

    #[test]
    fn integer_min_available_counts_pods() {
        let pods = vec![
            app_pod("a", true, None),
            app_pod("b", true, None),
            app_pod("c", false, None),
        ];
        let b = pdb(json!({"minAvailable": 2, "selector": {"matchLabels": {"app": "x"}}}));
        let counts = expected_counts(&b, &pods, |_, _| Ok(None)).expect("counts");
        assert_eq!((counts.expected, counts.desired_healthy), (3, 2));
        let now = ts("2024-01-01T00:00:00Z");
        let healthy = count_healthy(&pods, &BTreeMap::new(), now);
        assert_eq!(healthy, 2);
        let status = desired_status(&b, healthy, &counts, BTreeMap::new(), now);
        assert_eq!(status.disruptions_allowed, 0);
        assert_eq!(status.observed_generation, Some(3));
        let cond = &status.conditions.as_ref().expect("conditions")[0];
        assert_eq!(
            (
                cond.type_.as_str(),
                cond.status.as_str(),
                cond.reason.as_str()
            ),
            (DISRUPTION_ALLOWED, "False", "InsufficientPods")
        );
        let more = desired_status(&b, 3, &counts, BTreeMap::new(), now);
        assert_eq!(more.disruptions_allowed, 1);
        assert_eq!(
            more.conditions.as_ref().expect("c")[0].reason,
            "SufficientPods"
        );
    }

    #[test]
    fn percentages_and_max_unavailable_use_controller_scale() {
        let pods: Vec<Arc<Pod>> = (0..4)
            .map(|i| app_pod(&format!("p{i}"), true, Some("rs-uid")))
            .collect();
        let pct = pdb(json!({"minAvailable": "50%", "selector": {}}));
        let c = expected_counts(&pct, &pods, rs_scale(5)).expect("counts");
        assert_eq!(
            (c.expected, c.desired_healthy),
            (5, 3),
            "50% of 5 rounds up"
        );
        let mu = pdb(json!({"maxUnavailable": 1, "selector": {}}));
        let c = expected_counts(&mu, &pods, rs_scale(5)).expect("counts");
        assert_eq!((c.expected, c.desired_healthy), (5, 4));
        let mu_pct = pdb(json!({"maxUnavailable": "30%", "selector": {}}));
        let c = expected_counts(&mu_pct, &pods, rs_scale(5)).expect("counts");
        assert_eq!(
            (c.expected, c.desired_healthy),
            (5, 3),
            "30% of 5 rounds up to 2 unavailable"
        );
        let too_many = pdb(json!({"maxUnavailable": 10, "selector": {}}));
        assert_eq!(
            expected_counts(&too_many, &pods, rs_scale(5))
                .expect("counts")
                .desired_healthy,
            0
        );
        // Missing controller: an error (the status fails safe).
        assert!(expected_counts(&mu, &pods, |_, _| Ok(None)).is_err());
        // Unmanaged pods are left out of the sum.
        let mixed = vec![
            app_pod("a", true, Some("rs-uid")),
            app_pod("bare", true, None),
        ];
        let c = expected_counts(&mu, &mixed, rs_scale(2)).expect("counts");
        assert_eq!(c.expected, 2);
        assert_eq!(c.unmanaged, vec!["bare".to_string()]);
        // No controllers at all: nothing expected, nothing allowed.
        let bare = vec![app_pod("bare", true, None)];
        let c = expected_counts(&mu, &bare, |_, _| Ok(None)).expect("counts");
        let s = desired_status(&mu, 1, &c, BTreeMap::new(), ts("2024-01-01T00:00:00Z"));
        assert_eq!(s.disruptions_allowed, 0);
    }

    #[test]
    fn disrupted_pods_expire_after_two_minutes_or_when_deleted() {
        let now = ts("2024-01-01T00:10:00Z");
        let mut deleting = (*app_pod("gone", true, None)).clone();
        deleting.metadata.deletion_timestamp = Some(Time(now));
        let pods = vec![
            app_pod("recent", true, None),
            app_pod("old", true, None),
            Arc::new(deleting),
        ];
        let recorded = BTreeMap::from([
            ("recent".to_string(), Time(ts("2024-01-01T00:09:30Z"))),
            ("old".to_string(), Time(ts("2024-01-01T00:07:00Z"))),
            ("gone".to_string(), Time(ts("2024-01-01T00:09:50Z"))),
            ("absent".to_string(), Time(ts("2024-01-01T00:09:50Z"))),
        ]);
        let (pending, recheck) = pending_disruptions(&recorded, &pods, now);
        assert_eq!(
            pending.keys().cloned().collect::<Vec<_>>(),
            vec!["recent".to_string()]
        );
        assert_eq!(recheck, Some(ts("2024-01-01T00:11:30Z")));
        // The pending one does not count as healthy; the deleting one neither.
        assert_eq!(count_healthy(&pods, &pending, now), 1);
    }

    #[test]
    fn condition_transition_time_changes_only_with_status() {
        let t0 = ts("2024-01-01T00:00:00Z");
        let t1 = ts("2024-01-01T01:00:00Z");
        let b = pdb(json!({"minAvailable": 1, "selector": {}}));
        let counts = Counts {
            expected: 2,
            desired_healthy: 1,
            unmanaged: vec![],
        };
        let s0 = desired_status(&b, 2, &counts, BTreeMap::new(), t0);
        let mut b1 = b.clone();
        b1.status = Some(s0.clone());
        let s1 = desired_status(&b1, 2, &counts, BTreeMap::new(), t1);
        assert!(status_equal(&s0, &s1), "no change: no write");
        let s2 = desired_status(&b1, 1, &counts, BTreeMap::new(), t1);
        assert_eq!(
            s2.conditions.as_ref().expect("c")[0].last_transition_time.0,
            t1
        );
        let failed = fail_safe_status(&b1, "boom", t1);
        assert_eq!(failed.disruptions_allowed, 0);
        let c = &failed.conditions.as_ref().expect("c")[0];
        assert_eq!(
            (c.reason.as_str(), c.message.as_str()),
            ("SyncFailed", "boom")
        );
    }
}
