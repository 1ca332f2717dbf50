//! The scheduling loop: pop a pod, filter and score nodes under the cache lock,
//! assume the winner, and bind asynchronously.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::{Change, Informers};
use k8s_openapi::api::core::v1::{Node, PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;
use kube::api::{Api, Patch, PatchParams};
use kube::Client;
use parking_lot::Mutex;
use rand::Rng;
use serde_json::json;

use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{Code, CycleState, Framework, Status};
use crate::queue::{QueuedPod, SchedulingQueue};

/// Scheduler settings.
#[derive(Clone, Debug)]
pub struct SchedulerConfig {
    /// The `schedulerName` this scheduler serves.
    pub scheduler_name: String,
    /// Percentage of nodes to find feasible before scoring (None = adaptive, as Kubernetes).
    pub percentage_of_nodes_to_score: Option<u32>,
    /// Identity for events.
    pub instance: String,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            scheduler_name: "default-scheduler".into(),
            percentage_of_nodes_to_score: None,
            instance: "capstan".into(),
        }
    }
}

/// Why a pod did not fit: how many nodes failed for each reason.
#[derive(Debug, Default)]
pub struct Diagnosis {
    /// Total nodes considered.
    pub nodes: usize,
    /// Reason -> node count.
    pub reasons: BTreeMap<String, usize>,
    /// Whether every failure was unresolvable (preemption cannot help).
    pub all_unresolvable: bool,
    /// Nodes that failed with a resolvable status (preemption candidates).
    pub resolvable_nodes: Vec<String>,
    /// Why a PreFilter plugin rejected the pod (then no node was filtered).
    pub pre_filter_msg: Option<String>,
    /// What the PostFilter plugins (preemption) reported.
    pub post_filter_msg: Option<String>,
    /// A plugin failed with an error (the cycle was aborted).
    pub error: Option<String>,
    /// Plugins that rejected the pod on some node (or in PreFilter).
    pub unschedulable_plugins: BTreeSet<&'static str>,
}

/// Plugins whose rejections other pods coming or changing can lift.
const POD_DEPENDENT_PLUGINS: [&str; 2] = ["InterPodAffinity", "PodTopologySpread"];

impl Diagnosis {
    /// Whether a pod being added or relabeled may make the pod fit.
    pub fn waits_for_pods(&self) -> bool {
        self.unschedulable_plugins
            .iter()
            .any(|p| POD_DEPENDENT_PLUGINS.contains(p))
    }
}

impl Diagnosis {
    /// Kubernetes' `0/N nodes are available: ...` message.
    pub fn message(&self) -> String {
        if let Some(err) = &self.error {
            return err.clone();
        }
        if self.nodes == 0 {
            return "no nodes available to schedule pods".to_string();
        }
        let mut msg = format!("0/{} nodes are available:", self.nodes);
        match &self.pre_filter_msg {
            Some(pre) => msg.push_str(&format!(" {pre}.")),
            None => {
                let mut parts: Vec<String> = self
                    .reasons
                    .iter()
                    .map(|(r, n)| format!("{n} {r}"))
                    .collect();
                parts.sort();
                if !parts.is_empty() {
                    msg.push_str(&format!(" {}.", parts.join(", ")));
                }
            }
        }
        if let Some(post) = &self.post_filter_msg {
            msg.push_str(&format!(" {post}."));
        }
        msg
    }
}

/// Minimum number of feasible nodes to look for.
const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;

fn num_feasible_nodes_to_find(all: usize, percentage: Option<u32>) -> usize {
    if all < MIN_FEASIBLE_NODES_TO_FIND {
        return all;
    }
    let pct = match percentage {
        Some(p) if p > 0 => p.min(100) as usize,
        _ => (50usize.saturating_sub(all / 125)).max(5),
    };
    (all * pct / 100).max(MIN_FEASIBLE_NODES_TO_FIND)
}

/// A running scheduler.
pub struct Scheduler {
    client: Client,
    config: SchedulerConfig,
    framework: Framework,
    cache: Arc<Mutex<Cache>>,
    queue: Arc<SchedulingQueue>,
    recorder: Recorder,
    next_start: AtomicUsize,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn responsible(pod: &Pod, name: &str) -> bool {
    let spec = pod.spec.as_ref();
    let scheduler = spec
        .and_then(|s| s.scheduler_name.as_deref())
        .unwrap_or("default-scheduler");
    scheduler == name
        && spec
            .and_then(|s| s.node_name.as_deref())
            .is_none_or(|n| n.is_empty())
        && pod.metadata.deletion_timestamp.is_none()
        && spec
            .and_then(|s| s.scheduling_gates.as_ref())
            .is_none_or(|g| g.is_empty())
        && !matches!(
            pod.status.as_ref().and_then(|s| s.phase.as_deref()),
            Some("Succeeded") | Some("Failed")
        )
}

fn is_bound(pod: &Pod) -> bool {
    pod.spec
        .as_ref()
        .and_then(|s| s.node_name.as_deref())
        .is_some_and(|n| !n.is_empty())
}

impl Scheduler {
    /// Builds a scheduler over `framework` and starts watching the cluster.
    pub fn new(
        client: Client,
        informers: &Informers,
        config: SchedulerConfig,
        framework: Framework,
    ) -> Arc<Self> {
        let recorder = Recorder::new(client.clone(), &config.scheduler_name, &config.instance);
        let sched = Arc::new(Self {
            client,
            config,
            framework,
            cache: Arc::new(Mutex::new(Cache::default())),
            queue: SchedulingQueue::new(),
            recorder,
            next_start: AtomicUsize::new(0),
        });
        sched.watch_nodes(informers);
        sched.watch_pods(informers);
        sched.watch_storage(informers);
        sched
    }

    fn watch_nodes(self: &Arc<Self>, informers: &Informers) {
        let mut changes = informers.get::<Node>().subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                match change {
                    Change::Added(n) => {
                        me.cache.lock().upsert_node(n);
                        me.queue.move_all_unschedulable();
                    }
                    Change::Updated { old, new } => {
                        let relevant = old.spec != new.spec
                            || old.metadata.labels != new.metadata.labels
                            || old.status.as_ref().map(|s| &s.allocatable)
                                != new.status.as_ref().map(|s| &s.allocatable);
                        me.cache.lock().upsert_node(new);
                        if relevant {
                            me.queue.move_all_unschedulable();
                        }
                    }
                    Change::Deleted(n) => {
                        if let Some(name) = n.metadata.name.as_deref() {
                            me.cache.lock().remove_node(name);
                        }
                    }
                }
            }
        });
    }

    fn watch_pods(self: &Arc<Self>, informers: &Informers) {
        let mut changes = informers.get::<Pod>().subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                match change {
                    Change::Added(p) => me.pod_changed(p, None),
                    Change::Updated { old, new } => me.pod_changed(new, Some(old)),
                    Change::Deleted(p) => {
                        let uid = p.metadata.uid.clone().unwrap_or_default();
                        me.queue.remove(&uid);
                        let mut cache = me.cache.lock();
                        cache.remove_nominated(&uid);
                        if is_bound(&p) {
                            cache.remove_pod(&uid);
                            drop(cache);
                            me.queue.move_all_unschedulable();
                        }
                    }
                }
            }
        });
    }

    fn pod_changed(&self, p: Arc<Pod>, old: Option<Arc<Pod>>) {
        let uid = p.metadata.uid.clone().unwrap_or_default();
        if is_bound(&p) {
            let terminal = matches!(
                p.status.as_ref().and_then(|s| s.phase.as_deref()),
                Some("Succeeded") | Some("Failed")
            );
            let arrived = old
                .as_deref()
                .is_none_or(|o| !is_bound(o) || o.metadata.labels != p.metadata.labels);
            self.cache.lock().upsert_bound_pod(p);
            self.queue.remove(&uid);
            if terminal {
                self.queue.move_all_unschedulable();
            } else if arrived {
                self.queue.move_pods_waiting_for_pods();
            }
        } else if responsible(&p, &self.config.scheduler_name) {
            self.sync_nomination(&p, old.as_deref());
            self.queue.add_or_update(p);
        } else {
            self.queue.remove(&uid);
            self.cache.lock().remove_nominated(&uid);
        }
    }

    /// Keeps the nominated pods in the cache in step with pods'
    /// `status.nominatedNodeName` (a nomination made in memory survives until
    /// the API shows it, or shows it cleared).
    fn sync_nomination(&self, pod: &Arc<Pod>, old: Option<&Pod>) {
        let nominated = |p: &Pod| {
            p.status
                .as_ref()
                .and_then(|s| s.nominated_node_name.clone())
                .filter(|n| !n.is_empty())
        };
        match nominated(pod) {
            Some(node) => {
                let info = Arc::new(PodInfo::new(pod.clone()));
                self.cache.lock().add_nominated(info, &node);
            }
            None => {
                if old.and_then(nominated).is_some() {
                    let uid = pod.metadata.uid.as_deref().unwrap_or_default();
                    self.cache.lock().remove_nominated(uid);
                }
            }
        }
    }

    /// Volume objects changing may make pods with volumes schedulable.
    fn watch_storage(self: &Arc<Self>, informers: &Informers) {
        fn relay<K>(
            me: Arc<Scheduler>,
            mut changes: tokio::sync::mpsc::UnboundedReceiver<Change<K>>,
        ) where
            K: Send + Sync + 'static,
        {
            tokio::spawn(async move {
                while let Some(change) = changes.recv().await {
                    if !matches!(change, Change::Deleted(_)) {
                        me.queue.move_all_unschedulable();
                    }
                }
            });
        }
        relay(
            self.clone(),
            informers.get::<PersistentVolumeClaim>().subscribe(),
        );
        relay(
            self.clone(),
            informers.get::<PersistentVolume>().subscribe(),
        );
        relay(self.clone(), informers.get::<StorageClass>().subscribe());
    }

    /// Runs the scheduling loop forever.
    pub async fn run(self: Arc<Self>) {
        loop {
            let queued = self.queue.pop().await;
            self.schedule_one(queued).await;
        }
    }

    async fn schedule_one(self: &Arc<Self>, queued: QueuedPod) {
        let pod = queued.pod.clone();
        let uid = pod.metadata.uid.clone().unwrap_or_default();
        if self.cache.lock().is_placed(&uid) {
            self.queue.done(&uid);
            return;
        }
        let info = Arc::new(PodInfo::new(pod.clone()));
        let mut state = CycleState::default();
        let decision = {
            let cache = self.cache.lock();
            self.find_node(&mut state, &info, &cache)
        };
        match decision {
            Ok(node) => {
                self.cache.lock().assume(info.clone(), &node);
                for r in &self.framework.reserves {
                    let status = r.reserve(&state, &info, &node);
                    if !status.is_success() {
                        self.unreserve_and_retry(&state, &info, &node, &status.reasons.join(", "));
                        return;
                    }
                }
                for p in &self.framework.permits {
                    let status = p.permit(&state, &info, &node);
                    if !status.is_success() {
                        self.unreserve_and_retry(&state, &info, &node, &status.reasons.join(", "));
                        return;
                    }
                }
                self.queue.done(&uid);
                let me = self.clone();
                tokio::spawn(async move { me.bind(state, info, node).await });
            }
            Err(mut diagnosis) => {
                if let Some(err) = &diagnosis.error {
                    tracing::debug!(pod = %info.key, error = %err, "scheduling cycle failed");
                    self.recorder.record(
                        reference(pod.as_ref()),
                        EventType::Warning,
                        "FailedScheduling",
                        "Scheduling",
                        err.clone(),
                    );
                    self.queue.retry_after_error(pod);
                    return;
                }
                let mut nominated = None;
                let mut post_reasons = Vec::new();
                // With no nodes at all there is nothing to preempt.
                let post_filters = if diagnosis.nodes == 0 {
                    &[][..]
                } else {
                    &self.framework.post_filters[..]
                };
                for pf in post_filters {
                    let result = pf
                        .post_filter(
                            &state,
                            &info,
                            &diagnosis,
                            self.cache.clone(),
                            &self.framework,
                        )
                        .await;
                    if result.nominated_node.is_some() {
                        nominated = result.nominated_node;
                    }
                    if result.status.is_success() {
                        post_reasons.clear();
                        break;
                    }
                    post_reasons.extend(result.status.reasons);
                }
                if !post_reasons.is_empty() {
                    diagnosis.post_filter_msg = Some(post_reasons.join(", "));
                }
                match nominated.as_deref() {
                    Some("") => self.cache.lock().remove_nominated(&uid),
                    Some(node) => self.cache.lock().add_nominated(info.clone(), node),
                    None => {}
                }
                let message = diagnosis.message();
                self.recorder.record(
                    reference(pod.as_ref()),
                    EventType::Warning,
                    "FailedScheduling",
                    "Scheduling",
                    message.clone(),
                );
                self.set_unschedulable_condition(&pod, &message, nominated.as_deref())
                    .await;
                self.queue.unschedulable(pod, diagnosis.waits_for_pods());
            }
        }
    }

    fn unreserve_and_retry(&self, state: &CycleState, info: &Arc<PodInfo>, node: &str, why: &str) {
        for r in self.framework.reserves.iter().rev() {
            r.unreserve(state, info, node);
        }
        self.cache.lock().forget_assumed(&info.uid);
        tracing::debug!(pod = %info.key, why, "placement rejected");
        self.queue.retry_after_error(info.pod.clone());
    }

    async fn bind(self: Arc<Self>, state: CycleState, info: Arc<PodInfo>, node: String) {
        let mut failure = None;
        for pb in &self.framework.pre_binds {
            let status = pb.pre_bind(&state, &info.pod, &node).await;
            if !status.is_success() {
                failure = Some(status);
                break;
            }
        }
        if failure.is_none() {
            let mut bound = false;
            for b in &self.framework.binds {
                let status = b.bind(&info.pod, &node).await;
                match status.code {
                    Code::Skip => continue,
                    Code::Success => {
                        bound = true;
                        break;
                    }
                    _ => {
                        failure = Some(status);
                        break;
                    }
                }
            }
            if !bound && failure.is_none() {
                failure = Some(Status::error("no bind plugin bound the pod"));
            }
        }
        match failure {
            None => {
                let ns = info.namespace().to_string();
                let name = info.pod.metadata.name.clone().unwrap_or_default();
                self.recorder.record(
                    reference(info.pod.as_ref()),
                    EventType::Normal,
                    "Scheduled",
                    "Binding",
                    format!("Successfully assigned {ns}/{name} to {node}"),
                );
            }
            Some(status) => {
                let why = status.reasons.join(", ");
                tracing::debug!(pod = %info.key, node, why, "binding failed");
                for r in self.framework.reserves.iter().rev() {
                    r.unreserve(&state, &info, &node);
                }
                self.cache.lock().forget_assumed(&info.uid);
                self.recorder.record(
                    reference(info.pod.as_ref()),
                    EventType::Warning,
                    "FailedScheduling",
                    "Binding",
                    why,
                );
                self.queue.retry_after_error(info.pod.clone());
            }
        }
    }

    /// Records `PodScheduled=False` with the message; `nominated` sets
    /// (`Some(node)`) or clears (`Some("")`) `status.nominatedNodeName`.
    async fn set_unschedulable_condition(&self, pod: &Pod, message: &str, nominated: Option<&str>) {
        let status_now = pod.status.as_ref();
        let current = status_now
            .and_then(|s| s.conditions.as_ref())
            .and_then(|c| c.iter().find(|c| c.type_ == "PodScheduled"));
        let current_nominated = status_now
            .and_then(|s| s.nominated_node_name.as_deref())
            .unwrap_or_default();
        let unchanged =
            current.is_some_and(|c| c.status == "False" && c.message.as_deref() == Some(message));
        let nomination_unchanged = nominated.is_none_or(|n| n == current_nominated);
        if unchanged && nomination_unchanged {
            return;
        }
        let now = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let mut status = json!({
            "conditions": [{
                "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                "message": message, "lastProbeTime": null, "lastTransitionTime": now,
            }],
        });
        match nominated {
            Some("") if !current_nominated.is_empty() => {
                status["nominatedNodeName"] = serde_json::Value::Null;
            }
            Some(n) if !n.is_empty() => status["nominatedNodeName"] = json!(n),
            _ => {}
        }
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        let patch = json!({ "status": status });
        if let Err(err) = api
            .patch_status(&name, &PatchParams::default(), &Patch::Strategic(&patch))
            .await
        {
            tracing::debug!(pod = %name, error = %err, "updating PodScheduled condition failed");
        }
    }

    /// Filters and scores nodes; returns the chosen node or why none fits.
    fn find_node(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        cache: &Cache,
    ) -> Result<String, Box<Diagnosis>> {
        find_node(
            &self.framework,
            self.config.percentage_of_nodes_to_score,
            &self.next_start,
            state,
            pod,
            cache,
        )
    }

    /// The scheduler's cache (for plugins and tests).
    pub fn cache(&self) -> Arc<Mutex<Cache>> {
        self.cache.clone()
    }

    /// Pods waiting in the queue.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }
}

fn record_failure(diagnosis: &mut Diagnosis, node: &NodeInfo, status: Status) {
    if let Some(plugin) = status.plugin {
        diagnosis.unschedulable_plugins.insert(plugin);
    }
    if status.code == Code::Unschedulable {
        diagnosis.all_unresolvable = false;
        diagnosis.resolvable_nodes.push(node.name.clone());
    }
    for r in status.reasons {
        match diagnosis.reasons.get_mut(&r) {
            Some(n) => *n += 1,
            None => {
                diagnosis.reasons.insert(r, 1);
            }
        }
    }
}

/// Kubernetes' wording for a plugin error at PreFilter (`pre`) or Filter.
fn plugin_error(status: &Status, pre: bool) -> String {
    let plugin = status.plugin.unwrap_or("unknown");
    let why = status.reasons.join(", ");
    if pre {
        format!("running PreFilter plugin {plugin:?}: {why}")
    } else {
        format!("running {plugin:?} filter plugin: {why}")
    }
}

/// One scheduling decision, as Kubernetes' `schedulePod`: PreFilter, the
/// nominated node first (if any), Filter over a rotating sample of nodes,
/// PreScore and weighted Score; returns the chosen node or why none fits.
pub fn find_node(
    framework: &Framework,
    percentage_of_nodes_to_score: Option<u32>,
    next_start: &AtomicUsize,
    state: &mut CycleState,
    pod: &PodInfo,
    cache: &Cache,
) -> Result<String, Box<Diagnosis>> {
    let total = cache.node_count();
    let mut diagnosis = Box::new(Diagnosis {
        nodes: total,
        all_unresolvable: true,
        ..Default::default()
    });
    if total == 0 {
        return Err(diagnosis);
    }
    let status = framework.run_pre_filters(state, pod, cache);
    match status.code {
        Code::Success | Code::Skip => {}
        Code::Error => {
            diagnosis.error = Some(plugin_error(&status, true));
            return Err(diagnosis);
        }
        code => {
            if let Some(plugin) = status.plugin {
                diagnosis.unschedulable_plugins.insert(plugin);
            }
            diagnosis.pre_filter_msg = Some(status.reasons.join(", "));
            for r in &status.reasons {
                diagnosis.reasons.insert(r.clone(), total);
            }
            if code == Code::Unschedulable {
                diagnosis.all_unresolvable = false;
                diagnosis.resolvable_nodes = cache.nodes().map(|n| n.name.clone()).collect();
            }
            return Err(diagnosis);
        }
    }
    let with_nominated = |state: &CycleState, node: &NodeInfo| {
        framework.run_filters_with_nominated(state, pod, node, cache)
    };
    if let Some(nominated) = pod
        .pod
        .status
        .as_ref()
        .and_then(|s| s.nominated_node_name.as_deref())
        .filter(|n| !n.is_empty())
    {
        if let Some(node) = cache.node(nominated) {
            if with_nominated(state, node).is_success() {
                return Ok(node.name.clone());
            }
        }
    }
    let want = num_feasible_nodes_to_find(total, percentage_of_nodes_to_score);
    let start = next_start.load(Ordering::Relaxed) % total;
    let mut feasible: Vec<&NodeInfo> = Vec::with_capacity(want.min(total));
    let mut processed = 0;
    for i in 0..total {
        let Some(node) = cache.node_at((start + i) % total) else {
            continue;
        };
        processed += 1;
        let status = with_nominated(state, node);
        if status.is_success() {
            feasible.push(node);
            if feasible.len() >= want {
                break;
            }
        } else if status.code == Code::Error {
            diagnosis.error = Some(plugin_error(&status, false));
            return Err(diagnosis);
        } else {
            record_failure(&mut diagnosis, node, status);
        }
    }
    next_start.store((start + processed) % total, Ordering::Relaxed);
    if feasible.is_empty() {
        return Err(diagnosis);
    }
    if feasible.len() == 1 {
        return Ok(feasible[0].name.clone());
    }
    framework.run_pre_scores(state, pod, &feasible, cache);
    let mut totals = vec![0i64; feasible.len()];
    let mut scores = vec![0i64; feasible.len()];
    for (j, ws) in framework.scores.iter().enumerate() {
        if state.score_skipped(j) {
            continue;
        }
        for (s, n) in scores.iter_mut().zip(&feasible) {
            *s = ws.plugin.score(state, pod, n);
        }
        ws.plugin.normalize(state, &mut scores);
        for (t, s) in totals.iter_mut().zip(&scores) {
            *t += s * ws.weight;
        }
    }
    let mut best = 0usize;
    let mut ties = 0u32;
    let mut rng = rand::rng();
    for (i, score) in totals.iter().enumerate() {
        if *score > totals[best] {
            best = i;
            ties = 1;
        } else if *score == totals[best] {
            ties += 1;
            if rng.random_range(0..ties) == 0 {
                best = i;
            }
        }
    }
    Ok(feasible[best].name.clone())
}

/// Waits until the informers the scheduler uses have synced.
pub async fn wait_synced(informers: &Informers) {
    let _ = informers
        .get::<Node>()
        .wait_synced(Duration::from_secs(60))
        .await;
    let _ = informers
        .get::<Pod>()
        .wait_synced(Duration::from_secs(60))
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adaptive_node_sampling_matches_kubernetes() {
        assert_eq!(num_feasible_nodes_to_find(50, None), 50);
        assert_eq!(num_feasible_nodes_to_find(1000, None), 420);
        assert_eq!(num_feasible_nodes_to_find(5000, None), 500);
        assert_eq!(num_feasible_nodes_to_find(100_000, None), 5000);
        assert_eq!(num_feasible_nodes_to_find(5000, Some(100)), 5000);
    }

    #[test]
    fn diagnosis_message_shape() {
        let mut d = Diagnosis {
            nodes: 5,
            ..Default::default()
        };
        d.reasons.insert("Insufficient cpu".into(), 3);
        d.reasons
            .insert("node(s) had untolerated taint {a: b}".into(), 2);
        assert_eq!(
            d.message(),
            "0/5 nodes are available: 2 node(s) had untolerated taint {a: b}, 3 Insufficient cpu."
        );
    }
}
