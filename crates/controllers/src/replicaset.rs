//! The ReplicaSet controller: keeps `spec.replicas` pods matching a
//! ReplicaSet's selector running.
//!
//! Each sync claims the active pods of the namespace (adopting matching
//! orphans, releasing owned pods that stopped matching), then — unless earlier
//! creations or deletions have not been observed yet ("expectations") —
//! creates pods from the template in slow-start batches (1, 2, 4, ...) or
//! deletes the pods Kubernetes prefers to lose, at most 500 at a time, and
//! finally reports the status (replicas, fullyLabeledReplicas,
//! readyReplicas, availableReplicas honouring minReadySeconds,
//! observedGeneration, and a ReplicaFailure condition while creating or
//! deleting fails). Pods being deleted or finished do not count.
//!
//! The logic is generic over [`Replicated`] so that the ReplicationController
//! controller ([`crate::replication_controller`]) runs exactly the same code.

pub(crate) mod claim;
pub(crate) mod expectations;
pub(crate) mod pods;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context};
use capstan_machinery::Selector;
use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::informer::{index_controller_uid, index_namespace, key_of};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};
use k8s_openapi::api::apps::v1::{ReplicaSet, ReplicaSetCondition, ReplicaSetStatus};
use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{OwnerReference, Time};
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams};
use kube::{Client, Resource, ResourceExt};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use self::claim::Claimer;
use self::expectations::Expectations;
use self::pods::{controller_of, is_active, is_available, is_ready, pod_key, ready_since};

/// Index of objects by namespace (shared with other controllers).
pub(crate) const NAMESPACE_INDEX: &str = "namespace";
/// Index of objects by the UID of their controlling owner (shared).
pub(crate) const CONTROLLER_INDEX: &str = "controller-uid";

/// At most this many pods are created or deleted in one sync.
const BURST_REPLICAS: usize = 500;
/// Workers per replica controller (Kubernetes' `--concurrent-replicaset-syncs`).
const WORKERS: usize = 5;

/// A kind of object that keeps a number of pod replicas running: ReplicaSets
/// and ReplicationControllers.
pub(crate) trait Replicated:
    Resource<DynamicType = (), Scope = kube::core::NamespaceResourceScope>
    + Clone
    + DeserializeOwned
    + Debug
    + Send
    + Sync
    + 'static
{
    /// The name the controller reports events as.
    const CONTROLLER: &'static str;

    /// The object seen as a ReplicaSet.
    fn as_replica_set(&self) -> ReplicaSet;

    /// The pod selector (cheaper than a whole [`Replicated::as_replica_set`]).
    fn pod_selector(&self) -> Result<Selector, capstan_machinery::LabelSelectorError>;

    /// `spec.minReadySeconds`.
    fn min_ready_seconds(&self) -> i32;
}

impl Replicated for ReplicaSet {
    const CONTROLLER: &'static str = "replicaset-controller";

    fn as_replica_set(&self) -> ReplicaSet {
        self.clone()
    }

    fn pod_selector(&self) -> Result<Selector, capstan_machinery::LabelSelectorError> {
        Selector::from_label_selector(self.spec.as_ref().map(|s| &s.selector))
    }

    fn min_ready_seconds(&self) -> i32 {
        self.spec
            .as_ref()
            .and_then(|s| s.min_ready_seconds)
            .unwrap_or(0)
    }
}

/// Starts the ReplicaSet controller.
pub fn start(informers: &Informers) {
    start_for::<ReplicaSet>(informers);
}

/// The message of an API error (what Kubernetes' `err.Error()` shows).
pub(crate) fn api_message(err: &kube::Error) -> String {
    match err {
        kube::Error::Api(s) if !s.message.is_empty() => s.message.clone(),
        other => other.to_string(),
    }
}

fn is_status(err: &kube::Error, code: u16) -> bool {
    matches!(err, kube::Error::Api(s) if s.code == code)
}

fn namespace_terminating(err: &kube::Error) -> bool {
    matches!(err, kube::Error::Api(s) if s.details.as_ref().is_some_and(|d| {
        d.causes.iter().any(|c| c.reason == "NamespaceTerminating")
    }))
}

/// Adds the indexes the replica controllers rely on.
pub(crate) fn add_indexes<
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
>(
    informer: &Informer<K>,
) {
    informer.add_index(NAMESPACE_INDEX, index_namespace::<K>);
    informer.add_index(CONTROLLER_INDEX, index_controller_uid::<K>);
}

/// Objects of a namespace (through the namespace index).
pub(crate) fn in_namespace<
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
>(
    informer: &Informer<K>,
    namespace: &str,
) -> Vec<Arc<K>> {
    informer
        .by_index(NAMESPACE_INDEX, namespace)
        .into_iter()
        .filter(|o| o.meta().namespace.as_deref() == Some(namespace))
        .collect()
}

/// Objects controlled by the owner with `uid` (through the controller index).
pub(crate) fn controlled_by<
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
>(
    informer: &Informer<K>,
    uid: &str,
) -> Vec<Arc<K>> {
    informer
        .by_index(CONTROLLER_INDEX, uid)
        .into_iter()
        .filter(|o| controller_of(o.meta()).is_some_and(|r| r.uid == uid))
        .collect()
}

/// The group of an `apiVersion` (`""` for the core group).
pub(crate) fn group_of(api_version: &str) -> &str {
    api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("")
}

/// Starts the controller for one replicated kind.
pub(crate) fn start_for<K: Replicated>(informers: &Informers) {
    let owners = informers.get::<K>();
    add_indexes(&owners);
    let pods = informers.get::<Pod>();
    add_indexes(&pods);
    let client = informers.client().clone();
    let ctrl = Arc::new(Controller {
        recorder: Recorder::new(client.clone(), K::CONTROLLER, K::CONTROLLER),
        client,
        owners: owners.clone(),
        pods: pods.clone(),
        queue: WorkQueue::new(),
        expectations: Expectations::new(),
    });

    let mut owner_changes = owners.subscribe();
    let c = ctrl.clone();
    tokio::spawn(async move {
        while let Some(change) = owner_changes.recv().await {
            let key = key_of(change.object().as_ref());
            if let Change::Deleted(_) = change {
                c.expectations.delete(&key);
            }
            c.queue.add(key);
        }
    });

    let mut pod_changes = pods.subscribe();
    let c = ctrl.clone();
    tokio::spawn(async move {
        while let Some(change) = pod_changes.recv().await {
            c.on_pod_change(change);
        }
    });

    tokio::spawn(async move {
        while !(owners.wait_synced(Duration::from_secs(5)).await
            && pods.wait_synced(Duration::from_secs(5)).await)
        {
            tracing::debug!(controller = K::CONTROLLER, "waiting for informers to sync");
        }
        let queue = ctrl.queue.clone();
        run_workers(K::CONTROLLER, queue, WORKERS, move |key: String| {
            let ctrl = ctrl.clone();
            async move { ctrl.sync(&key).await }
        });
    });
}

/// The controller state for one replicated kind.
struct Controller<K: Replicated> {
    client: Client,
    owners: Arc<Informer<K>>,
    pods: Arc<Informer<Pod>>,
    queue: Arc<WorkQueue<String>>,
    expectations: Expectations,
    recorder: Recorder,
}

impl<K: Replicated> Controller<K> {
    /// The key of the owner `r` points at, if it is one of ours and known.
    fn resolve(&self, namespace: &str, r: &OwnerReference) -> Option<String> {
        if r.kind != K::kind(&()) || group_of(&r.api_version) != K::group(&()) {
            return None;
        }
        let owner = self.owners.get(Some(namespace), &r.name)?;
        (owner.meta().uid.as_deref() == Some(r.uid.as_str())).then(|| key_of(owner.as_ref()))
    }

    /// Keys of the owners whose selector matches an orphan pod.
    fn matching_owners(&self, pod: &Pod) -> Vec<String> {
        let Some(ns) = pod.metadata.namespace.as_deref() else {
            return Vec::new();
        };
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        in_namespace(&self.owners, ns)
            .into_iter()
            .filter(|o| {
                match o.pod_selector() {
                    // An empty selector matches nothing here, not everything.
                    Ok(sel) => !sel.is_empty() && sel.matches(&labels),
                    Err(_) => false,
                }
            })
            .map(|o| key_of(o.as_ref()))
            .collect()
    }

    fn pod_deleted(&self, pod: &Pod) {
        let Some(ns) = pod.metadata.namespace.as_deref() else {
            return;
        };
        if let Some(key) = controller_of(&pod.metadata).and_then(|r| self.resolve(ns, r)) {
            self.expectations.deletion_observed(&key, &pod_key(pod));
            self.queue.add(key);
        }
    }

    fn on_pod_change(&self, change: Change<Pod>) {
        match change {
            Change::Added(pod) => {
                if pod.metadata.deletion_timestamp.is_some() {
                    self.pod_deleted(&pod);
                    return;
                }
                let ns = pod.metadata.namespace.clone().unwrap_or_default();
                if let Some(r) = controller_of(&pod.metadata) {
                    if let Some(key) = self.resolve(&ns, r) {
                        self.expectations.creation_observed(&key);
                        self.queue.add(key);
                    }
                    return;
                }
                for key in self.matching_owners(&pod) {
                    self.queue.add(key);
                }
            }
            Change::Updated { old, new } => {
                let labels_changed = old.metadata.labels != new.metadata.labels;
                if new.metadata.deletion_timestamp.is_some() {
                    self.pod_deleted(&new);
                    if labels_changed {
                        self.pod_deleted(&old);
                    }
                    return;
                }
                let ns = new.metadata.namespace.clone().unwrap_or_default();
                let old_ref = controller_of(&old.metadata);
                let new_ref = controller_of(&new.metadata);
                let ref_changed = old_ref.map(|r| &r.uid) != new_ref.map(|r| &r.uid);
                if ref_changed {
                    if let Some(key) = old_ref.and_then(|r| self.resolve(&ns, r)) {
                        self.queue.add(key);
                    }
                }
                if let Some(r) = new_ref {
                    if let Some(key) = self.resolve(&ns, r) {
                        self.queue.add(key.clone());
                        // A pod that just became ready becomes available later.
                        if !is_ready(&old) && is_ready(&new) {
                            let min_ready = self
                                .owners
                                .get_key(&key)
                                .map(|o| o.min_ready_seconds())
                                .unwrap_or(0);
                            if min_ready > 0 {
                                let delay =
                                    Duration::from_secs(u64::try_from(min_ready).unwrap_or(0))
                                        + Duration::from_millis(100);
                                self.queue.add_after(key, delay);
                            }
                        }
                    }
                    return;
                }
                if labels_changed || ref_changed {
                    for key in self.matching_owners(&new) {
                        self.queue.add(key);
                    }
                }
            }
            Change::Deleted(pod) => self.pod_deleted(&pod),
        }
    }

    /// Re-reads the owner from the API server: it may adopt only if it is
    /// still the same object and not being deleted.
    async fn can_adopt(&self, owner: &K) -> anyhow::Result<()> {
        let ns = owner.meta().namespace.clone().unwrap_or_default();
        let name = owner.name_any();
        let api: Api<K> = Api::namespaced(self.client.clone(), &ns);
        let fresh = api
            .get(&name)
            .await
            .with_context(|| format!("re-reading {ns}/{name}"))?;
        if fresh.meta().uid != owner.meta().uid {
            return Err(anyhow!(
                "original {} {ns}/{name} is gone: got uid {}, wanted {}",
                K::kind(&()),
                fresh.meta().uid.clone().unwrap_or_default(),
                owner.meta().uid.clone().unwrap_or_default()
            ));
        }
        if let Some(ts) = &fresh.meta().deletion_timestamp {
            return Err(anyhow!("{ns}/{name} has just been deleted at {}", ts.0));
        }
        Ok(())
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let Some(owner) = self.owners.get_key(key) else {
            self.expectations.delete(key);
            return Ok(Next::Done);
        };
        let rs = owner.as_replica_set();
        let ns = rs.metadata.namespace.clone().unwrap_or_default();
        let spec = rs.spec.clone().unwrap_or_default();
        let needs_sync = self.expectations.satisfied(key);
        let selector = match Selector::from_label_selector(Some(&spec.selector)) {
            Ok(s) => s,
            Err(err) => {
                tracing::warn!(key, error = %err, "invalid selector; not syncing");
                return Ok(Next::Done);
            }
        };
        let all_pods = in_namespace(&self.pods, &ns);
        let active: Vec<Arc<Pod>> = all_pods.iter().filter(|p| is_active(p)).cloned().collect();
        let pods_api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        let claimer = Claimer::of(owner.as_ref());
        let claimed = claim::claim(&pods_api, &claimer, &selector, active, || {
            self.can_adopt(owner.as_ref())
        })
        .await?;

        let mut manage_err = None;
        let mut deleted = HashSet::new();
        let manage = needs_sync && rs.metadata.deletion_timestamp.is_none();
        if manage {
            let (gone, result) = self
                .manage_replicas(key, owner.as_ref(), &rs, &claimed, &all_pods)
                .await;
            deleted = gone;
            manage_err = result.err();
        }
        // Pods whose deletion was asked for no longer count, even before the
        // informer shows them terminating.
        let pending = self.expectations.pending_deletions(key);
        let counted: Vec<&Pod> = claimed
            .iter()
            .filter(|p| {
                !deleted.contains(p.metadata.uid.as_deref().unwrap_or_default())
                    && !pending.contains(&pod_key(p))
            })
            .map(|p| p.as_ref())
            .collect();
        let now = jiff::Timestamp::now();
        let status = calculate_status(
            &rs,
            claimed.len(),
            &counted,
            manage_err.as_ref().map(|e| format!("{e:#}")).as_deref(),
            now,
        );
        self.update_status(&rs, &status).await?;
        if let Some(err) = manage_err {
            return Err(err);
        }
        if manage {
            if let Some(lapse) = self.expectations.lapses_in(key) {
                // Look again when the expectations just set lapse, should an
                // event be lost.
                return Ok(Next::After(lapse + Duration::from_secs(1)));
            }
        }
        Ok(
            match next_availability(&counted, spec.min_ready_seconds.unwrap_or(0), now) {
                Some(wait) => Next::After(wait),
                None => Next::Done,
            },
        )
    }

    /// Creates or deletes pods to reach `spec.replicas`. Returns the UIDs of
    /// pods deleted (or found gone) and the first failure.
    async fn manage_replicas(
        &self,
        key: &str,
        owner: &K,
        rs: &ReplicaSet,
        pods: &[Arc<Pod>],
        all_pods: &[Arc<Pod>],
    ) -> (HashSet<String>, anyhow::Result<()>) {
        let mut deleted = HashSet::new();
        let ns = rs.metadata.namespace.clone().unwrap_or_default();
        let name = rs.metadata.name.clone().unwrap_or_default();
        let want =
            usize::try_from(rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)).unwrap_or(0);
        let have = pods.len();
        if have < want {
            let diff = (want - have).min(BURST_REPLICAS);
            let Some(template) = rs.spec.as_ref().and_then(|s| s.template.clone()) else {
                return (deleted, Err(anyhow!("{ns}/{name} has no pod template")));
            };
            self.expectations.expect_creations(key, diff);
            let owner_ref = Claimer::of(owner).controller_ref();
            let (successes, result) = slow_start_batches(diff, || {
                self.create_pod(owner, &ns, &name, &template, owner_ref.clone())
            })
            .await;
            // Creations never attempted (or failed) will not be observed.
            for _ in successes..diff {
                self.expectations.creation_observed(key);
            }
            return (deleted, result);
        }
        if have > want {
            let diff = (have - want).min(BURST_REPLICAS);
            let related = self.related_pods(owner, all_pods);
            let victims = pods::pods_to_delete(pods, &related, diff, jiff::Timestamp::now());
            self.expectations
                .expect_deletions(key, victims.iter().map(|p| pod_key(p)).collect());
            let results =
                futures::future::join_all(victims.iter().map(|p| self.delete_pod(owner, &ns, p)))
                    .await;
            let mut first_err = None;
            for (pod, result) in victims.iter().zip(results) {
                let uid = pod.metadata.uid.clone().unwrap_or_default();
                match result {
                    Ok(()) => {
                        deleted.insert(uid);
                    }
                    Err(err) => {
                        // The informer will not see this deletion.
                        self.expectations.deletion_observed(key, &pod_key(pod));
                        if is_status(&err, 404) {
                            deleted.insert(uid);
                        } else if first_err.is_none() {
                            first_err = Some(anyhow!(api_message(&err)));
                        }
                    }
                }
            }
            return (deleted, first_err.map_or(Ok(()), Err));
        }
        (deleted, Ok(()))
    }

    /// Pods of the ReplicaSets sharing this one's controller (the other
    /// ReplicaSets of its Deployment), used to spread deletions across nodes.
    fn related_pods(&self, owner: &K, all_pods: &[Arc<Pod>]) -> Vec<Arc<Pod>> {
        let Some(r) = controller_of(owner.meta()) else {
            return Vec::new();
        };
        let selectors: Vec<Selector> = controlled_by(&self.owners, &r.uid)
            .iter()
            .filter_map(|o| o.pod_selector().ok())
            .collect();
        all_pods
            .iter()
            .filter(|p| {
                let labels = p.metadata.labels.clone().unwrap_or_default();
                selectors.iter().any(|s| s.matches(&labels))
            })
            .cloned()
            .collect()
    }

    async fn create_pod(
        &self,
        owner: &K,
        ns: &str,
        name: &str,
        template: &PodTemplateSpec,
        owner_ref: OwnerReference,
    ) -> anyhow::Result<()> {
        let pod = match pods::pod_from_template(template, name, ns, owner_ref) {
            Ok(p) => p,
            Err(err) => {
                self.event(
                    owner,
                    EventType::Warning,
                    "FailedCreate",
                    "Create",
                    format!("Error creating: {err}"),
                );
                return Err(err);
            }
        };
        let api: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        match api.create(&PostParams::default(), &pod).await {
            Ok(created) => {
                self.event(
                    owner,
                    EventType::Normal,
                    "SuccessfulCreate",
                    "Create",
                    format!("Created pod: {}", created.name_any()),
                );
                Ok(())
            }
            // The namespace is going away; nothing more to do.
            Err(err) if namespace_terminating(&err) => Ok(()),
            Err(err) => {
                let message = api_message(&err);
                self.event(
                    owner,
                    EventType::Warning,
                    "FailedCreate",
                    "Create",
                    format!("Error creating: {message}"),
                );
                Err(anyhow!(message))
            }
        }
    }

    async fn delete_pod(&self, owner: &K, ns: &str, pod: &Pod) -> Result<(), kube::Error> {
        let api: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        let name = pod.name_any();
        match api.delete(&name, &DeleteParams::default()).await {
            Ok(_) => {
                self.event(
                    owner,
                    EventType::Normal,
                    "SuccessfulDelete",
                    "Delete",
                    format!("Deleted pod: {name}"),
                );
                Ok(())
            }
            Err(err) => {
                if !is_status(&err, 404) {
                    self.event(
                        owner,
                        EventType::Warning,
                        "FailedDelete",
                        "Delete",
                        format!("Error deleting: {}", api_message(&err)),
                    );
                }
                Err(err)
            }
        }
    }

    fn event(&self, owner: &K, kind: EventType, reason: &str, action: &str, note: String) {
        self.recorder
            .record(reference(owner), kind, reason, action, note);
    }

    /// Writes the status if it changed (or the generation was not yet observed).
    async fn update_status(
        &self,
        rs: &ReplicaSet,
        status: &ReplicaSetStatus,
    ) -> anyhow::Result<()> {
        let current = rs.status.clone().unwrap_or_default();
        let generation = rs.metadata.generation.unwrap_or(0);
        if status_equal(&current, status) && current.observed_generation.unwrap_or(0) == generation
        {
            return Ok(());
        }
        let ns = rs.metadata.namespace.clone().unwrap_or_default();
        let name = rs.metadata.name.clone().unwrap_or_default();
        let api: Api<K> = Api::namespaced(self.client.clone(), &ns);
        let patch = status_patch(status, generation);
        match api
            .patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch))
            .await
        {
            Ok(_) => Ok(()),
            Err(err) if is_status(&err, 404) => Ok(()),
            Err(err) => Err(anyhow!(err).context(format!("updating status of {ns}/{name}"))),
        }
    }
}

/// Runs `create` `count` times in batches of 1, 2, 4, ... concurrent calls,
/// stopping after the first batch with a failure (so that a systematic
/// failure such as an exhausted quota costs few requests). Returns the number
/// of successes and the first failure.
pub(crate) async fn slow_start_batches<F, Fut>(
    count: usize,
    create: F,
) -> (usize, anyhow::Result<()>)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let mut remaining = count;
    let mut successes = 0;
    let mut batch = remaining.min(1);
    while batch > 0 {
        let results = futures::future::join_all((0..batch).map(|_| create())).await;
        let mut first_err = None;
        for r in results {
            match r {
                Ok(()) => successes += 1,
                Err(e) => {
                    if first_err.is_none() {
                        first_err = Some(e);
                    }
                }
            }
        }
        if let Some(err) = first_err {
            return (successes, Err(err));
        }
        remaining -= batch;
        batch = (2 * batch).min(remaining);
    }
    (successes, Ok(()))
}

/// The time until the next ready pod becomes available, if any is waiting.
fn next_availability(
    pods: &[&Pod],
    min_ready_seconds: i32,
    now: jiff::Timestamp,
) -> Option<Duration> {
    if min_ready_seconds <= 0 {
        return None;
    }
    pods.iter()
        .filter(|p| !is_available(p, min_ready_seconds, now))
        .filter_map(|p| ready_since(p).flatten())
        .map(|since| {
            let due = since.as_nanosecond() + i128::from(min_ready_seconds) * 1_000_000_000;
            let left = (due - now.as_nanosecond()).max(0);
            Duration::from_nanos(u64::try_from(left).unwrap_or(u64::MAX))
                + Duration::from_millis(100)
        })
        .min()
}

/// The ReplicaSet status for the pods it counts. `claimed` is how many pods
/// it had before this sync's creations and deletions (which decides whether
/// a failure was creating or deleting).
pub(crate) fn calculate_status(
    rs: &ReplicaSet,
    claimed: usize,
    pods: &[&Pod],
    manage_err: Option<&str>,
    now: jiff::Timestamp,
) -> ReplicaSetStatus {
    let mut status = rs.status.clone().unwrap_or_default();
    let spec = rs.spec.clone().unwrap_or_default();
    let template_labels: BTreeMap<String, String> = spec
        .template
        .as_ref()
        .and_then(|t| t.metadata.as_ref())
        .and_then(|m| m.labels.clone())
        .unwrap_or_default();
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    let mut fully_labeled = 0;
    let mut ready = 0;
    let mut available = 0;
    for pod in pods {
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        if template_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
        {
            fully_labeled += 1;
        }
        if is_ready(pod) {
            ready += 1;
            if is_available(pod, min_ready, now) {
                available += 1;
            }
        }
    }
    let has_failure = status
        .conditions
        .iter()
        .flatten()
        .any(|c| c.type_ == "ReplicaFailure");
    match manage_err {
        Some(message) if !has_failure => {
            let want = usize::try_from(spec.replicas.unwrap_or(1)).unwrap_or(0);
            let reason = match claimed.cmp(&want) {
                std::cmp::Ordering::Less => "FailedCreate",
                std::cmp::Ordering::Greater => "FailedDelete",
                std::cmp::Ordering::Equal => "",
            };
            status
                .conditions
                .get_or_insert_with(Vec::new)
                .push(ReplicaSetCondition {
                    type_: "ReplicaFailure".into(),
                    status: "True".into(),
                    reason: Some(reason.into()),
                    message: Some(message.to_string()),
                    last_transition_time: Some(Time(
                        jiff::Timestamp::from_second(now.as_second()).unwrap_or(now),
                    )),
                });
        }
        None if has_failure => {
            if let Some(cs) = status.conditions.as_mut() {
                cs.retain(|c| c.type_ != "ReplicaFailure");
            }
            if status.conditions.as_ref().is_some_and(Vec::is_empty) {
                status.conditions = None;
            }
        }
        _ => {}
    }
    let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    status.replicas = count(pods.len());
    status.fully_labeled_replicas = Some(count(fully_labeled));
    status.ready_replicas = Some(count(ready));
    status.available_replicas = Some(count(available));
    status
}

fn status_equal(a: &ReplicaSetStatus, b: &ReplicaSetStatus) -> bool {
    let n = |v: Option<i32>| v.unwrap_or(0);
    a.replicas == b.replicas
        && n(a.fully_labeled_replicas) == n(b.fully_labeled_replicas)
        && n(a.ready_replicas) == n(b.ready_replicas)
        && n(a.available_replicas) == n(b.available_replicas)
        && a.conditions.clone().unwrap_or_default() == b.conditions.clone().unwrap_or_default()
}

/// A merge patch writing the whole status (ReplicaSets and
/// ReplicationControllers share the field names).
fn status_patch(status: &ReplicaSetStatus, generation: i64) -> Value {
    let conditions = match status.conditions.as_ref().filter(|c| !c.is_empty()) {
        Some(cs) => serde_json::to_value(cs).unwrap_or(Value::Null),
        None => Value::Null,
    };
    json!({"status": {
        "replicas": status.replicas,
        "fullyLabeledReplicas": status.fully_labeled_replicas.unwrap_or(0),
        "readyReplicas": status.ready_replicas.unwrap_or(0),
        "availableReplicas": status.available_replicas.unwrap_or(0),
        "observedGeneration": generation,
        "conditions": conditions,
    }})
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::ReplicaSetSpec;
    use k8s_openapi::api::core::v1::{PodCondition, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn ts(s: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(s).expect("valid time")
    }

    fn pod(labels: &[(&str, &str)], ready_at: Option<i64>) -> Pod {
        Pod {
            metadata: ObjectMeta {
                labels: Some(
                    labels
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                ),
                ..Default::default()
            },
            spec: None,
            status: Some(PodStatus {
                phase: Some("Running".into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready_at.is_some() { "True" } else { "False" }.into(),
                    last_transition_time: ready_at.map(|t| Time(ts(t))),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
        }
    }

    fn replica_set(replicas: i32, min_ready: i32) -> ReplicaSet {
        ReplicaSet {
            metadata: ObjectMeta {
                generation: Some(2),
                ..Default::default()
            },
            spec: Some(ReplicaSetSpec {
                replicas: Some(replicas),
                min_ready_seconds: Some(min_ready),
                template: Some(PodTemplateSpec {
                    metadata: Some(ObjectMeta {
                        labels: Some(BTreeMap::from([
                            ("app".to_string(), "web".to_string()),
                            ("tier".to_string(), "front".to_string()),
                        ])),
                        ..Default::default()
                    }),
                    spec: None,
                }),
                ..Default::default()
            }),
            status: None,
        }
    }

    #[test]
    fn status_counts_labels_readiness_and_availability() {
        let rs = replica_set(3, 10);
        let full = pod(&[("app", "web"), ("tier", "front")], Some(100));
        let partial = pod(&[("app", "web")], Some(95));
        let unready = pod(&[("app", "web"), ("tier", "front")], None);
        let status = calculate_status(&rs, 3, &[&full, &partial, &unready], None, ts(106));
        assert_eq!(status.replicas, 3);
        assert_eq!(status.fully_labeled_replicas, Some(2));
        assert_eq!(status.ready_replicas, Some(2));
        assert_eq!(status.available_replicas, Some(1));
        assert_eq!(
            next_availability(&[&full, &partial, &unready], 10, ts(106)),
            Some(Duration::from_secs(4) + Duration::from_millis(100))
        );
    }

    #[test]
    fn failure_condition_comes_and_goes() {
        let mut rs = replica_set(3, 0);
        let status = calculate_status(&rs, 1, &[], Some("exceeded quota"), ts(1));
        let cond = status.conditions.clone().unwrap_or_default();
        assert_eq!(cond.len(), 1);
        assert_eq!(cond[0].reason.as_deref(), Some("FailedCreate"));
        assert_eq!(cond[0].message.as_deref(), Some("exceeded quota"));
        rs.status = Some(status);
        // Still failing: the condition stays as it was.
        let again = calculate_status(&rs, 1, &[], Some("other"), ts(5));
        assert_eq!(
            again.conditions,
            rs.status.as_ref().and_then(|s| s.conditions.clone())
        );
        // Deleting too many fails: FailedDelete.
        let del = calculate_status(&replica_set(1, 0), 3, &[], Some("boom"), ts(1));
        assert_eq!(
            del.conditions
                .and_then(|c| c.first().and_then(|c| c.reason.clone()))
                .as_deref(),
            Some("FailedDelete")
        );
        // Success clears it.
        let ok = calculate_status(&rs, 3, &[], None, ts(9));
        assert_eq!(ok.conditions, None);
    }

    #[test]
    fn status_patch_writes_zeros_and_clears_conditions() {
        let status = ReplicaSetStatus::default();
        let patch = status_patch(&status, 4);
        assert_eq!(patch["status"]["readyReplicas"], 0);
        assert_eq!(patch["status"]["observedGeneration"], 4);
        assert!(patch["status"]["conditions"].is_null());
    }

    #[tokio::test]
    async fn slow_start_doubles_batches_and_stops_on_failure() {
        let calls = AtomicUsize::new(0);
        let (ok, result) = slow_start_batches(10, || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Ok(()) }
        })
        .await;
        assert_eq!((ok, calls.load(Ordering::SeqCst)), (10, 10));
        assert!(result.is_ok());

        // Fail from the 4th call on: batches 1, 2 succeed, batch of 4 fails.
        let calls = AtomicUsize::new(0);
        let (ok, result) = slow_start_batches(10, || {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                if n >= 3 {
                    Err(anyhow!("quota"))
                } else {
                    Ok(())
                }
            }
        })
        .await;
        assert!(result.is_err());
        assert_eq!(ok, 3);
        assert_eq!(calls.load(Ordering::SeqCst), 7);
    }

    #[test]
    fn groups() {
        assert_eq!(group_of("apps/v1"), "apps");
        assert_eq!(group_of("v1"), "");
    }
}
