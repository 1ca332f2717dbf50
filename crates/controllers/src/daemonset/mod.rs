//! The DaemonSet controller (apps/v1), following Kubernetes 1.33's.
//!
//! Each sync of a DaemonSet:
//!
//! * constructs its history: claims ControllerRevisions, finds the one holding
//!   the current template (creating `<ds>-<hash>` when none does, renumbering
//!   it to be the newest, removing duplicates);
//! * claims pods by selector and maps them to the node each is for;
//! * once earlier creations and deletions have been observed, creates a pod on
//!   every eligible node without one ([`eligibility`]; pods are pinned with
//!   required node affinity on `metadata.name` and bound by the default
//!   scheduler), deletes pods from nodes that no longer want them, finished
//!   pods and duplicates, then runs the rolling update ([`rolling`]);
//! * deletes revisions beyond `revisionHistoryLimit` that no pod uses, and
//!   records the status.
//!
//! Unscheduled pods meant for nodes that no longer exist are deleted here;
//! bound pods of deleted nodes are left to the pod garbage collector, as in
//! Kubernetes.

pub mod eligibility;
pub mod expectations;
pub mod rolling;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures::future::join_all;
use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::{Node, Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams, Preconditions};
use kube::Client;
use parking_lot::Mutex;
use serde_json::json;

use capstan_machinery::Selector;
use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::informer::{index_controller_uid, index_namespace, key_of};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

use crate::history::{self, Claim, POD_REVISION_LABEL};
use eligibility::{add_daemon_tolerations, node_should_run, pin_to_node, target_node, Fit};
use expectations::Expectations;
use rolling::{NodeInput, RollingInput, TEMPLATE_GENERATION_LABEL};

/// The name this controller reports in events.
pub const CONTROLLER_NAME: &str = "daemonset-controller";

const BY_CONTROLLER: &str = "controller-uid";
const BY_NAMESPACE: &str = "namespace";
/// Most pods created or deleted per sync (Kubernetes' `BurstReplicas`).
const BURST_REPLICAS: usize = 250;
const FAILED_BACKOFF_INITIAL: Duration = Duration::from_secs(1);
const FAILED_BACKOFF_MAX: Duration = Duration::from_secs(15 * 60);

struct Controller {
    client: Client,
    sets: Arc<Informer<DaemonSet>>,
    pods: Arc<Informer<Pod>>,
    nodes: Arc<Informer<Node>>,
    revisions: Arc<Informer<ControllerRevision>>,
    queue: Arc<WorkQueue<String>>,
    recorder: Recorder,
    expectations: Expectations,
    /// Back-off of deleting failed pods, per DaemonSet generation and node.
    failed_backoff: Mutex<HashMap<String, (Duration, Instant)>>,
}

/// Starts the DaemonSet controller on the shared informers.
pub fn start(informers: &Informers) {
    let pods = informers.get::<Pod>();
    pods.add_index(BY_CONTROLLER, index_controller_uid::<Pod>);
    pods.add_index(BY_NAMESPACE, index_namespace::<Pod>);
    let client = informers.client().clone();
    let ctrl = Arc::new(Controller {
        recorder: Recorder::new(client.clone(), CONTROLLER_NAME, CONTROLLER_NAME),
        client,
        sets: informers.get::<DaemonSet>(),
        pods,
        nodes: informers.get::<Node>(),
        revisions: informers.get::<ControllerRevision>(),
        queue: WorkQueue::with_backoff(Duration::from_millis(5), Duration::from_secs(60)),
        expectations: Expectations::default(),
        failed_backoff: Mutex::new(HashMap::new()),
    });
    tokio::spawn(async move {
        let wait = Duration::from_secs(5);
        while !(ctrl.sets.wait_synced(wait).await
            && ctrl.pods.wait_synced(wait).await
            && ctrl.nodes.wait_synced(wait).await
            && ctrl.revisions.wait_synced(wait).await)
        {}
        let mut set_changes = ctrl.sets.subscribe();
        let mut pod_changes = ctrl.pods.subscribe();
        let mut node_changes = ctrl.nodes.subscribe();
        let mut revision_changes = ctrl.revisions.subscribe();
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = set_changes.recv().await {
                let key = key_of(change.object().as_ref());
                if matches!(change, Change::Deleted(_)) {
                    c.expectations.forget(&key);
                }
                c.queue.add(key);
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                c.on_pod(&change);
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = node_changes.recv().await {
                c.on_node(&change);
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = revision_changes.recv().await {
                if let Some(k) = c.owner_key(&change.object().metadata) {
                    c.queue.add(k);
                }
            }
        });
        let c = ctrl.clone();
        run_workers("daemonset", ctrl.queue.clone(), 2, move |key: String| {
            let c = c.clone();
            async move { c.sync(&key).await }
        });
    });
}

fn selector_of(ds: &DaemonSet) -> Option<Selector> {
    Selector::from_label_selector(Some(&ds.spec.as_ref()?.selector)).ok()
}

fn template_of(ds: &DaemonSet) -> PodTemplateSpec {
    ds.spec
        .as_ref()
        .map(|s| s.template.clone())
        .unwrap_or_default()
}

fn min_ready(ds: &DaemonSet) -> i32 {
    ds.spec
        .as_ref()
        .and_then(|s| s.min_ready_seconds)
        .unwrap_or(0)
}

fn name_of(meta: &ObjectMeta) -> String {
    meta.name.clone().unwrap_or_default()
}

fn uid_of(pod: &Pod) -> &str {
    pod.metadata.uid.as_deref().unwrap_or("")
}

/// Whether a node change can change where daemon pods belong.
fn node_placement_changed(old: &Node, new: &Node) -> bool {
    old.metadata.labels != new.metadata.labels
        || old.spec.as_ref().map(|s| (&s.taints, s.unschedulable))
            != new.spec.as_ref().map(|s| (&s.taints, s.unschedulable))
}

/// Counts for the DaemonSet status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Counts {
    desired: i32,
    current: i32,
    misscheduled: i32,
    ready: i32,
    updated: i32,
    available: i32,
    unavailable: i32,
}

impl Controller {
    /// The DaemonSet controlling an object, if known.
    fn owner_key(&self, meta: &ObjectMeta) -> Option<String> {
        let c = history::controller_of(meta)?;
        if c.kind != "DaemonSet" {
            return None;
        }
        let ds = self.sets.get(meta.namespace.as_deref(), &c.name)?;
        (ds.metadata.uid.as_deref() == Some(c.uid.as_str())).then(|| key_of(ds.as_ref()))
    }

    fn adopters(&self, pod: &Pod) -> Vec<String> {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let labels = history::labels_of(&pod.metadata);
        self.sets
            .list_namespace(&ns)
            .into_iter()
            .filter(|d| selector_of(d).is_some_and(|s| !s.is_empty() && s.matches(&labels)))
            .map(|d| key_of(d.as_ref()))
            .collect()
    }

    fn on_pod(&self, change: &Change<Pod>) {
        match change {
            Change::Added(pod) => match self.owner_key(&pod.metadata) {
                Some(k) => {
                    if pod.metadata.deletion_timestamp.is_some() {
                        self.expectations.deletion_observed(&k, uid_of(pod));
                    } else {
                        self.expectations.creation_observed(&k);
                    }
                    self.queue.add(k);
                }
                None if history::controller_of(&pod.metadata).is_none() => {
                    for k in self.adopters(pod) {
                        self.queue.add(k);
                    }
                }
                None => {}
            },
            Change::Updated { old, new } => {
                let old_owner = self.owner_key(&old.metadata);
                let new_owner = self.owner_key(&new.metadata);
                if old_owner != new_owner {
                    if let Some(k) = old_owner {
                        self.queue.add(k);
                    }
                }
                match new_owner {
                    Some(k) => {
                        if new.metadata.deletion_timestamp.is_some() {
                            self.expectations.deletion_observed(&k, uid_of(new));
                        }
                        self.queue.add(k);
                    }
                    None if history::controller_of(&new.metadata).is_none()
                        && (old.metadata.labels != new.metadata.labels
                            || history::controller_of(&old.metadata).is_some()) =>
                    {
                        for k in self.adopters(new) {
                            self.queue.add(k);
                        }
                    }
                    None => {}
                }
            }
            Change::Deleted(pod) => {
                if let Some(k) = self.owner_key(&pod.metadata) {
                    self.expectations.deletion_observed(&k, uid_of(pod));
                    self.queue.add(k);
                }
            }
        }
    }

    fn on_node(&self, change: &Change<Node>) {
        let sets = self.sets.list();
        match change {
            Change::Added(node) => {
                for ds in sets {
                    if node_should_run(node, &template_of(&ds)).should_run {
                        self.queue.add(key_of(ds.as_ref()));
                    }
                }
            }
            Change::Updated { old, new } => {
                if !node_placement_changed(old, new) {
                    return;
                }
                for ds in sets {
                    let t = template_of(&ds);
                    if node_should_run(old, &t) != node_should_run(new, &t) {
                        self.queue.add(key_of(ds.as_ref()));
                    }
                }
            }
            Change::Deleted(_) => {
                for ds in sets {
                    self.queue.add(key_of(ds.as_ref()));
                }
            }
        }
    }

    fn event(&self, ds: &DaemonSet, kind: EventType, reason: &str, note: String) {
        self.recorder
            .record(reference(ds), kind, reason, reason, note);
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let Some(ds) = self.sets.get_key(key) else {
            self.expectations.forget(key);
            return Ok(Next::Done);
        };
        let Some(selector) = selector_of(&ds) else {
            tracing::debug!(daemonset = key, "invalid selector; not syncing");
            return Ok(Next::Done);
        };
        if selector.is_empty() {
            self.event(
                &ds,
                EventType::Warning,
                "SelectingAll",
                "This daemon set is selecting all pods. A non-empty selector is required.".into(),
            );
            return Ok(Next::Done);
        }
        if ds.metadata.deletion_timestamp.is_some() {
            return Ok(Next::Done);
        }
        let (current, old) = self.construct_history(&ds, &selector).await?;
        let hash = current
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(POD_REVISION_LABEL))
            .cloned()
            .unwrap_or_default();
        // Expectations are checked before the cache is read, so that a
        // satisfied check never pairs with a snapshot older than the events
        // that satisfied it.
        let satisfied = self.expectations.satisfied(key);
        let nodes = self.nodes.list();
        let pods = self.claim_pods(&ds, &selector).await?;
        let now = Timestamp::now();
        if !satisfied {
            tracing::debug!(daemonset = key, pending = ?self.expectations.pending(key), "waiting for observed pod creations and deletions");
            let node_pods = node_to_pods(&pods, false);
            self.update_status(&ds, &nodes, &node_pods, &hash, false, now)
                .await?;
            return Ok(Next::Done);
        }
        let mut requeue: Option<Duration> = None;
        let result = self
            .update_daemonset(&ds, key, &nodes, &pods, &hash, &old, now, &mut requeue)
            .await;
        let node_pods = node_to_pods(&pods, false);
        let status = self
            .update_status(&ds, &nodes, &node_pods, &hash, true, now)
            .await;
        result?;
        let counts = status?;
        let min_ready = min_ready(&ds);
        if min_ready > 0 && counts.ready != counts.available {
            let d = Duration::from_secs(u64::try_from(min_ready).unwrap_or(1));
            requeue = Some(requeue.map_or(d, |r| r.min(d)));
        }
        Ok(requeue.map_or(Next::Done, Next::After))
    }

    #[allow(clippy::too_many_arguments)]
    async fn update_daemonset(
        &self,
        ds: &DaemonSet,
        key: &str,
        nodes: &[Arc<Node>],
        pods: &[Arc<Pod>],
        hash: &str,
        old: &[Arc<ControllerRevision>],
        now: Timestamp,
        requeue: &mut Option<Duration>,
    ) -> anyhow::Result<()> {
        let acted = self
            .manage(ds, key, nodes, pods, hash, now, requeue)
            .await?;
        // The rolling update works from the same snapshot, so it only runs
        // when managing the nodes changed nothing.
        if !acted && rolling::rolling_update_enabled(ds) {
            let mut node_pods = node_to_pods(pods, false);
            let template = template_of(ds);
            let fits: HashMap<String, Fit> = nodes
                .iter()
                .map(|n| (name_of(&n.metadata), node_should_run(n, &template)))
                .collect();
            let mut desired = 0;
            for (name, fit) in &fits {
                if fit.should_run {
                    desired += 1;
                    node_pods.entry(name.clone()).or_default();
                }
            }
            let limits = rolling::limits(ds, desired).context("invalid rolling update limits")?;
            let should_run = |n: &str| fits.get(n).is_some_and(|f| f.should_run);
            let (delete, create) = rolling::rolling_update(&RollingInput {
                node_pods: &node_pods,
                should_run: &should_run,
                desired,
                hash,
                generation: rolling::template_generation(ds),
                limits,
                min_ready: min_ready(ds),
                now,
            });
            self.sync_nodes(ds, key, &delete, &create, hash).await?;
        }
        self.cleanup_history(ds, old, pods).await
    }

    /// Kubernetes' `manage`: per-node creations and deletions. Returns whether
    /// anything was requested.
    #[allow(clippy::too_many_arguments)]
    async fn manage(
        &self,
        ds: &DaemonSet,
        key: &str,
        nodes: &[Arc<Node>],
        pods: &[Arc<Pod>],
        hash: &str,
        now: Timestamp,
        requeue: &mut Option<Duration>,
    ) -> anyhow::Result<bool> {
        let node_pods = node_to_pods(pods, false);
        let template = template_of(ds);
        let surge = rolling::allows_surge(ds);
        let uid = ds.metadata.uid.clone().unwrap_or_default();
        let generation = ds
            .status
            .as_ref()
            .and_then(|s| s.observed_generation)
            .unwrap_or(0);
        let mut create: Vec<String> = Vec::new();
        let mut delete: Vec<Arc<Pod>> = Vec::new();
        for node in nodes {
            let name = name_of(&node.metadata);
            let fit = node_should_run(node, &template);
            let backoff_key = format!("{uid}/{generation}/{name}");
            let mut may_delete = |_: &Pod| self.failed_pod_may_be_deleted(&backoff_key, requeue);
            let actions = rolling::pods_should_be_on_node(
                &NodeInput {
                    should_run: fit.should_run,
                    should_continue: fit.should_continue,
                    pods: node_pods.get(&name).map(Vec::as_slice),
                    hash,
                    surge,
                    min_ready: min_ready(ds),
                    now,
                },
                &mut may_delete,
            );
            for pod in &actions.failed {
                let pod_name = name_of(&pod.metadata);
                let ns = pod.metadata.namespace.clone().unwrap_or_default();
                self.event(
                    ds,
                    EventType::Warning,
                    "FailedDaemonPod",
                    format!("Found failed daemon pod {ns}/{pod_name} on node {name}, will try to kill it"),
                );
            }
            for pod in &actions.succeeded {
                let pod_name = name_of(&pod.metadata);
                let ns = pod.metadata.namespace.clone().unwrap_or_default();
                self.event(
                    ds,
                    EventType::Normal,
                    "SucceededDaemonPod",
                    format!("Found succeeded daemon pod {ns}/{pod_name} on node {name}, will try to delete it"),
                );
            }
            if actions.create {
                create.push(name);
            }
            delete.extend(actions.delete);
        }
        // Unscheduled pods for nodes that no longer exist (Kubernetes'
        // `getUnscheduledPodsWithoutNode`).
        let known: HashSet<String> = nodes.iter().map(|n| name_of(&n.metadata)).collect();
        for (node, pods) in &node_pods {
            if known.contains(node) {
                continue;
            }
            delete.extend(
                pods.iter()
                    .filter(|p| {
                        p.metadata.deletion_timestamp.is_none()
                            && p.spec
                                .as_ref()
                                .and_then(|s| s.node_name.as_deref())
                                .is_none_or(str::is_empty)
                    })
                    .cloned(),
            );
        }
        self.sync_nodes(ds, key, &delete, &create, hash).await
    }

    /// Whether a failed pod may be deleted now (moving its back-off along); if
    /// not, asks for a resync when the back-off ends.
    fn failed_pod_may_be_deleted(&self, key: &str, requeue: &mut Option<Duration>) -> bool {
        let mut map = self.failed_backoff.lock();
        let now = Instant::now();
        if let Some((delay, at)) = map.get(key).copied() {
            let since = now.duration_since(at);
            if since < delay {
                let left = delay - since;
                *requeue = Some(requeue.map_or(left, |r| r.min(left)));
                return false;
            }
            let next = if since > FAILED_BACKOFF_MAX * 2 {
                FAILED_BACKOFF_INITIAL
            } else {
                (delay * 2).min(FAILED_BACKOFF_MAX)
            };
            map.insert(key.to_string(), (next, now));
        } else {
            map.insert(key.to_string(), (FAILED_BACKOFF_INITIAL, now));
        }
        true
    }

    /// Kubernetes' `syncNodes`: deletes pods and creates pods on nodes (in
    /// slow-start batches), with expectations set first. Returns whether
    /// anything was requested.
    async fn sync_nodes(
        &self,
        ds: &DaemonSet,
        key: &str,
        delete: &[Arc<Pod>],
        create: &[String],
        hash: &str,
    ) -> anyhow::Result<bool> {
        let create = &create[..create.len().min(BURST_REPLICAS)];
        let deletions = &delete[..delete.len().min(BURST_REPLICAS)];
        if !create.is_empty() || !deletions.is_empty() {
            let names: Vec<String> = deletions.iter().map(|p| name_of(&p.metadata)).collect();
            tracing::debug!(daemonset = key, create = ?create, delete = ?names, "syncing daemon pods");
        }
        self.expectations.expect(
            key,
            create.len(),
            deletions.iter().map(|p| uid_of(p).to_string()),
        );
        let mut errors: Vec<String> = Vec::new();

        let template = daemon_pod_template(ds, hash);
        let mut pos = 0;
        let mut batch = create.len().min(1);
        while pos < create.len() {
            let results = join_all(
                create[pos..pos + batch]
                    .iter()
                    .map(|node| self.create_pod(ds, key, &template, node)),
            )
            .await;
            let failed: Vec<String> = results
                .into_iter()
                .filter_map(Result::err)
                .map(|e| format!("{e:#}"))
                .collect();
            pos += batch;
            if !failed.is_empty() {
                let skipped = create.len() - pos;
                if skipped > 0 {
                    self.expectations.lower(key, skipped);
                }
                errors.extend(failed);
                break;
            }
            batch = (batch * 2).min(create.len() - pos);
        }

        let results = join_all(deletions.iter().map(|pod| self.delete_pod(ds, key, pod))).await;
        errors.extend(
            results
                .into_iter()
                .filter_map(Result::err)
                .map(|e| format!("{e:#}")),
        );
        if errors.is_empty() {
            Ok(!create.is_empty() || !deletions.is_empty())
        } else {
            anyhow::bail!(errors.join("; "))
        }
    }

    async fn create_pod(
        &self,
        ds: &DaemonSet,
        key: &str,
        template: &PodTemplateSpec,
        node: &str,
    ) -> anyhow::Result<()> {
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let meta = template.metadata.clone().unwrap_or_default();
        let mut spec = template.spec.clone().unwrap_or_default();
        spec.affinity = Some(pin_to_node(spec.affinity.take(), node));
        let pod = Pod {
            metadata: ObjectMeta {
                generate_name: Some(format!("{}-", name_of(&ds.metadata))),
                namespace: Some(ns.clone()),
                labels: meta.labels,
                annotations: meta.annotations,
                finalizers: meta.finalizers,
                owner_references: history::controller_ref(ds).map(|o| vec![o]),
                ..Default::default()
            },
            spec: Some(spec),
            status: None,
        };
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        match api.create(&PostParams::default(), &pod).await {
            Ok(created) => {
                self.event(
                    ds,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format!("Created pod: {}", name_of(&created.metadata)),
                );
                Ok(())
            }
            Err(err) => {
                self.expectations.creation_observed(key);
                self.event(
                    ds,
                    EventType::Warning,
                    "FailedCreate",
                    format!("Error creating: {err}"),
                );
                Err(err).with_context(|| format!("creating daemon pod for node {node} in {ns}"))
            }
        }
    }

    async fn delete_pod(&self, ds: &DaemonSet, key: &str, pod: &Pod) -> anyhow::Result<()> {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = name_of(&pod.metadata);
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        let dp = DeleteParams {
            preconditions: Some(Preconditions {
                uid: pod.metadata.uid.clone(),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(&name, &dp).await {
            Ok(_) => {
                self.event(
                    ds,
                    EventType::Normal,
                    "SuccessfulDelete",
                    format!("Deleted pod: {name}"),
                );
                Ok(())
            }
            Err(err) if history::is_status(&err, 404) || history::is_status(&err, 409) => {
                self.expectations.deletion_observed(key, uid_of(pod));
                Ok(())
            }
            Err(err) => {
                self.expectations.deletion_observed(key, uid_of(pod));
                self.event(
                    ds,
                    EventType::Warning,
                    "FailedDelete",
                    format!("Error deleting: {err}"),
                );
                Err(err).with_context(|| format!("deleting pod {ns}/{name}"))
            }
        }
    }

    async fn can_adopt(&self, ds: &DaemonSet) -> anyhow::Result<bool> {
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let name = name_of(&ds.metadata);
        let api: Api<DaemonSet> = Api::namespaced(self.client.clone(), &ns);
        let fresh = api
            .get_opt(&name)
            .await
            .with_context(|| format!("re-reading daemonset {ns}/{name}"))?;
        Ok(fresh.is_some_and(|f| {
            f.metadata.uid == ds.metadata.uid && f.metadata.deletion_timestamp.is_none()
        }))
    }

    /// Kubernetes' `getDaemonPods`: pods the DaemonSet controls after adopting
    /// and releasing.
    async fn claim_pods(
        &self,
        ds: &DaemonSet,
        selector: &Selector,
    ) -> anyhow::Result<Vec<Arc<Pod>>> {
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        history::claim_pods(
            &api,
            ds,
            self.pods.by_index(BY_NAMESPACE, &ns),
            |pod| selector.matches(&history::labels_of(&pod.metadata)),
            || self.can_adopt(ds),
        )
        .await
    }

    /// Kubernetes' `constructHistory`: the current revision (created if
    /// needed, renumbered to be the newest) and the old ones.
    async fn construct_history(
        &self,
        ds: &DaemonSet,
        selector: &Selector,
    ) -> anyhow::Result<(Arc<ControllerRevision>, Vec<Arc<ControllerRevision>>)> {
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let uid = ds.metadata.uid.clone().unwrap_or_default();
        let api: Api<ControllerRevision> = Api::namespaced(self.client.clone(), &ns);
        let template = template_of(ds);
        let data = history::template_patch(&template)?;
        let mut current: Vec<Arc<ControllerRevision>> = Vec::new();
        let mut old: Vec<Arc<ControllerRevision>> = Vec::new();
        let mut allowed: Option<bool> = None;
        for rev in self.revisions.list_namespace(&ns) {
            let matches = selector.matches(&history::labels_of(&rev.metadata));
            let mut rev = match history::classify(&rev.metadata, &uid, false, matches) {
                Claim::Owned => rev,
                Claim::Ignore => continue,
                Claim::Release => {
                    history::release(&api, &rev.metadata, &uid).await?;
                    continue;
                }
                Claim::Adopt => {
                    let ok = match allowed {
                        Some(v) => v,
                        None => {
                            let v = self.can_adopt(ds).await?;
                            allowed = Some(v);
                            v
                        }
                    };
                    let Some(oref) = history::controller_ref(ds).filter(|_| ok) else {
                        continue;
                    };
                    Arc::new(history::adopt(&api, &rev.metadata, &oref).await?)
                }
            };
            let labelled = rev
                .metadata
                .labels
                .as_ref()
                .is_some_and(|l| l.contains_key(POD_REVISION_LABEL));
            if !labelled {
                let name = name_of(&rev.metadata);
                let patch = json!({"metadata": {"labels": {POD_REVISION_LABEL: name}}});
                rev = Arc::new(
                    api.patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
                        .await
                        .with_context(|| format!("labelling controller revision {ns}/{name}"))?,
                );
            }
            if history::revision_has_data(&rev, &data) {
                current.push(rev);
            } else {
                old.push(rev);
            }
        }
        let next = old.iter().map(|r| r.revision).max().unwrap_or(0) + 1;
        let cur = if current.is_empty() {
            Arc::new(self.snapshot(ds, &template, data, next).await?)
        } else {
            let keep = self.dedup_current(ds, &current).await?;
            if keep.revision < next {
                Arc::new(history::renumber_revision(&self.client, &keep, next).await?)
            } else {
                keep
            }
        };
        Ok((cur, old))
    }

    /// Creates the revision for the current template, `<ds>-<hash>`; on a name
    /// clash with different data, bumps `status.collisionCount` and fails so the
    /// sync is retried with a new name.
    async fn snapshot(
        &self,
        ds: &DaemonSet,
        template: &PodTemplateSpec,
        data: serde_json::Value,
        revision: i64,
    ) -> anyhow::Result<ControllerRevision> {
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let ds_name = name_of(&ds.metadata);
        let collision = ds.status.as_ref().and_then(|s| s.collision_count);
        let hash = history::hash_pod_template(template, collision);
        let name = format!("{ds_name}-{hash}");
        let mut labels = template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone())
            .unwrap_or_default();
        labels.insert(POD_REVISION_LABEL.into(), hash);
        let rev = ControllerRevision {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some(ns.clone()),
                labels: Some(labels),
                annotations: ds.metadata.annotations.clone(),
                owner_references: history::controller_ref(ds).map(|o| vec![o]),
                ..Default::default()
            },
            data: Some(k8s_openapi::apimachinery::pkg::runtime::RawExtension(
                data.clone(),
            )),
            revision,
        };
        let api: Api<ControllerRevision> = Api::namespaced(self.client.clone(), &ns);
        match api.create(&PostParams::default(), &rev).await {
            Ok(created) => Ok(created),
            Err(err) if history::is_status(&err, 409) => {
                let existing = api
                    .get(&name)
                    .await
                    .with_context(|| format!("reading controller revision {ns}/{name}"))?;
                if history::revision_has_data(&existing, &data) {
                    return Ok(existing);
                }
                let sets: Api<DaemonSet> = Api::namespaced(self.client.clone(), &ns);
                let fresh = sets
                    .get(&ds_name)
                    .await
                    .with_context(|| format!("re-reading daemonset {ns}/{ds_name}"))?;
                let fresh_count = fresh.status.as_ref().and_then(|s| s.collision_count);
                if fresh_count != collision {
                    anyhow::bail!(
                        "found a stale collision count ({collision:?}, expected {fresh_count:?}) of DaemonSet {ds_name:?} while processing; will retry until it is updated"
                    );
                }
                let bumped = collision.unwrap_or(0).saturating_add(1);
                sets.patch_status(
                    &ds_name,
                    &PatchParams::default(),
                    &Patch::Merge(json!({"status": {"collisionCount": bumped}})),
                )
                .await
                .with_context(|| {
                    format!("bumping the collision count of daemonset {ns}/{ds_name}")
                })?;
                anyhow::bail!("hash collision on controller revision {ns}/{name}; collision count bumped to {bumped}")
            }
            Err(err) => {
                Err(err).with_context(|| format!("creating controller revision {ns}/{name}"))
            }
        }
    }

    /// Keeps the newest of several revisions holding the current template,
    /// relabelling pods of the others before deleting them.
    async fn dedup_current(
        &self,
        ds: &DaemonSet,
        current: &[Arc<ControllerRevision>],
    ) -> anyhow::Result<Arc<ControllerRevision>> {
        let Some(keep) = current.iter().max_by_key(|r| r.revision).cloned() else {
            anyhow::bail!("no current revision to keep");
        };
        if current.len() == 1 {
            return Ok(keep);
        }
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let keep_hash = keep
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get(POD_REVISION_LABEL))
            .cloned()
            .unwrap_or_default();
        let uid = ds.metadata.uid.clone().unwrap_or_default();
        let pods: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        for pod in self.pods.by_index(BY_CONTROLLER, &uid) {
            let hash = pod
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(POD_REVISION_LABEL));
            if hash != Some(&keep_hash) {
                let name = name_of(&pod.metadata);
                let patch = json!({"metadata": {"labels": {POD_REVISION_LABEL: keep_hash}}});
                match pods
                    .patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
                    .await
                {
                    Ok(_) => {}
                    Err(err) if history::is_status(&err, 404) => {}
                    Err(err) => {
                        return Err(err).with_context(|| format!("relabelling pod {ns}/{name}"))
                    }
                }
            }
        }
        for rev in current {
            if rev.metadata.name != keep.metadata.name {
                history::delete_revision(&self.client, &ns, &name_of(&rev.metadata)).await?;
            }
        }
        Ok(keep)
    }

    /// Deletes the oldest old revisions beyond `revisionHistoryLimit` that no pod uses.
    async fn cleanup_history(
        &self,
        ds: &DaemonSet,
        old: &[Arc<ControllerRevision>],
        pods: &[Arc<Pod>],
    ) -> anyhow::Result<()> {
        let limit = ds
            .spec
            .as_ref()
            .and_then(|s| s.revision_history_limit)
            .unwrap_or(10);
        let Ok(limit) = usize::try_from(limit) else {
            return Ok(());
        };
        let Some(mut to_kill) = old.len().checked_sub(limit).filter(|n| *n > 0) else {
            return Ok(());
        };
        let live: HashSet<&str> = pods
            .iter()
            .filter_map(|p| {
                p.metadata
                    .labels
                    .as_ref()
                    .and_then(|l| l.get(POD_REVISION_LABEL))
            })
            .map(String::as_str)
            .collect();
        let mut sorted = old.to_vec();
        sorted.sort_by_key(|r| r.revision);
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        for rev in sorted {
            if to_kill == 0 {
                break;
            }
            let hash = rev
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(POD_REVISION_LABEL));
            if hash.is_some_and(|h| live.contains(h.as_str())) {
                continue;
            }
            history::delete_revision(&self.client, &ns, &name_of(&rev.metadata)).await?;
            to_kill -= 1;
        }
        Ok(())
    }

    /// Computes and records the status; returns the counts.
    async fn update_status(
        &self,
        ds: &DaemonSet,
        nodes: &[Arc<Node>],
        node_pods: &BTreeMap<String, Vec<Arc<Pod>>>,
        hash: &str,
        observed: bool,
        now: Timestamp,
    ) -> anyhow::Result<Counts> {
        let counts = compute_counts(ds, nodes, node_pods, hash, now);
        let status = ds.status.clone().unwrap_or_default();
        let generation = ds.metadata.generation.unwrap_or(0);
        let recorded = Counts {
            desired: status.desired_number_scheduled,
            current: status.current_number_scheduled,
            misscheduled: status.number_misscheduled,
            ready: status.number_ready,
            updated: status.updated_number_scheduled.unwrap_or(0),
            available: status.number_available.unwrap_or(0),
            unavailable: status.number_unavailable.unwrap_or(0),
        };
        let observed_generation = status.observed_generation.unwrap_or(0);
        if recorded == counts && observed_generation >= generation {
            return Ok(counts);
        }
        let mut body = json!({
            "desiredNumberScheduled": counts.desired,
            "currentNumberScheduled": counts.current,
            "numberMisscheduled": counts.misscheduled,
            "numberReady": counts.ready,
            "updatedNumberScheduled": counts.updated,
            "numberAvailable": counts.available,
            "numberUnavailable": counts.unavailable,
        });
        if observed {
            body["observedGeneration"] = json!(generation);
        }
        let ns = ds.metadata.namespace.clone().unwrap_or_default();
        let name = name_of(&ds.metadata);
        let api: Api<DaemonSet> = Api::namespaced(self.client.clone(), &ns);
        match api
            .patch_status(
                &name,
                &PatchParams::default(),
                &Patch::Merge(json!({"status": body})),
            )
            .await
        {
            Ok(_) => Ok(counts),
            Err(err) if history::is_status(&err, 404) => Ok(counts),
            Err(err) => {
                Err(err).with_context(|| format!("error storing status for daemon set {ns}/{name}"))
            }
        }
    }
}

/// The template daemon pods are created from: the DaemonSet's, with the daemon
/// tolerations, the revision hash label and (when annotated) the template generation label.
fn daemon_pod_template(ds: &DaemonSet, hash: &str) -> PodTemplateSpec {
    let mut template = template_of(ds);
    add_daemon_tolerations(template.spec.get_or_insert_with(Default::default));
    let meta = template.metadata.get_or_insert_with(Default::default);
    let labels = meta.labels.get_or_insert_with(BTreeMap::new);
    if let Some(g) = rolling::template_generation(ds) {
        labels.insert(TEMPLATE_GENERATION_LABEL.into(), g.to_string());
    }
    if !hash.is_empty() {
        labels.insert(POD_REVISION_LABEL.into(), hash.to_string());
    }
    template
}

/// Groups pods by the node each is for, leaving out pods that are both
/// finished and being deleted (unless `include_deleted_terminal`).
fn node_to_pods(
    pods: &[Arc<Pod>],
    include_deleted_terminal: bool,
) -> BTreeMap<String, Vec<Arc<Pod>>> {
    let mut map: BTreeMap<String, Vec<Arc<Pod>>> = BTreeMap::new();
    for pod in pods {
        let terminal = matches!(history::pod_phase(pod), "Failed" | "Succeeded");
        if !include_deleted_terminal && terminal && pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        if let Some(node) = target_node(pod) {
            map.entry(node).or_default().push(pod.clone());
        }
    }
    map
}

/// The status counts over all nodes (Kubernetes' `updateDaemonSetStatus`).
fn compute_counts(
    ds: &DaemonSet,
    nodes: &[Arc<Node>],
    node_pods: &BTreeMap<String, Vec<Arc<Pod>>>,
    hash: &str,
    now: Timestamp,
) -> Counts {
    let template = template_of(ds);
    let generation = rolling::template_generation(ds);
    let min_ready = min_ready(ds);
    let mut c = Counts::default();
    for node in nodes {
        let fit = node_should_run(node, &template);
        let pods = node_pods.get(node.metadata.name.as_deref().unwrap_or(""));
        let scheduled = pods.is_some_and(|p| !p.is_empty());
        if fit.should_run {
            c.desired += 1;
            let Some(pods) = pods.filter(|p| !p.is_empty()) else {
                continue;
            };
            c.current += 1;
            let mut sorted = pods.clone();
            rolling::sort_oldest_first(&mut sorted);
            let pod = &sorted[0];
            if history::pod_ready(pod) {
                c.ready += 1;
                if history::pod_available(pod, min_ready, now) {
                    c.available += 1;
                }
            }
            if rolling::is_updated(pod, hash, generation) {
                c.updated += 1;
            }
        } else if scheduled {
            c.misscheduled += 1;
        }
    }
    c.unavailable = c.desired - c.available;
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::DaemonSetSpec;
    use k8s_openapi::api::core::v1::{NodeSpec, PodCondition, PodSpec, PodStatus, Taint};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

    fn node(name: &str, tainted: bool) -> Arc<Node> {
        Arc::new(Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                taints: tainted.then(|| {
                    vec![Taint {
                        key: "dedicated".into(),
                        effect: "NoSchedule".into(),
                        value: None,
                        time_added: None,
                    }]
                }),
                ..Default::default()
            }),
            status: None,
        })
    }

    fn pod(node: &str, hash: &str, ready: bool) -> Arc<Pod> {
        Arc::new(Pod {
            metadata: ObjectMeta {
                name: Some(format!("ds-{node}")),
                labels: Some([(POD_REVISION_LABEL.to_string(), hash.to_string())].into()),
                ..Default::default()
            },
            spec: Some(PodSpec {
                affinity: Some(pin_to_node(None, node)),
                ..Default::default()
            }),
            status: Some(PodStatus {
                phase: Some("Running".into()),
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

    #[test]
    fn status_counts_cover_desired_misscheduled_and_updated() {
        let ds = DaemonSet {
            spec: Some(DaemonSetSpec::default()),
            ..Default::default()
        };
        let nodes = vec![node("a", false), node("b", false), node("c", true)];
        let pods = vec![pod("a", "new", true), pod("c", "old", true)];
        let map = node_to_pods(&pods, false);
        let now = Timestamp::from_second(10).unwrap_or(Timestamp::UNIX_EPOCH);
        let c = compute_counts(&ds, &nodes, &map, "new", now);
        assert_eq!(
            c,
            Counts {
                desired: 2,
                current: 1,
                misscheduled: 1,
                ready: 1,
                updated: 1,
                available: 1,
                unavailable: 1,
            }
        );
    }

    #[test]
    fn daemon_template_gets_tolerations_and_hash() {
        let ds = DaemonSet {
            metadata: ObjectMeta {
                annotations: Some(
                    [(
                        rolling::TEMPLATE_GENERATION_ANNOTATION.to_string(),
                        "4".to_string(),
                    )]
                    .into(),
                ),
                ..Default::default()
            },
            spec: Some(DaemonSetSpec::default()),
            status: None,
        };
        let t = daemon_pod_template(&ds, "h1");
        let labels = t.metadata.and_then(|m| m.labels).unwrap_or_default();
        assert_eq!(
            labels.get(POD_REVISION_LABEL).map(String::as_str),
            Some("h1")
        );
        assert_eq!(
            labels.get(TEMPLATE_GENERATION_LABEL).map(String::as_str),
            Some("4")
        );
        assert!(t
            .spec
            .and_then(|s| s.tolerations)
            .is_some_and(|t| t.len() >= 6));
    }
}
