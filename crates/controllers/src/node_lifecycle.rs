//! Node lifecycle: watches node heartbeats (the node's Lease in
//! `kube-node-lease` and its Ready condition's `lastHeartbeatTime`) and acts
//! when a kubelet goes quiet, as Kubernetes' node lifecycle controller does:
//!
//! * a node not heard from within the grace period (`nodeMonitorGracePeriod`,
//!   50 s by default since Kubernetes 1.32; `nodeStartupGracePeriod`, 60 s, for
//!   a node that never posted status) gets its Ready, MemoryPressure,
//!   DiskPressure and PIDPressure conditions set to Unknown (reason
//!   `NodeStatusUnknown`, "Kubelet stopped posting node status.") and the pods
//!   on it marked not Ready;
//! * NoSchedule taints follow the conditions (`node.kubernetes.io/not-ready`,
//!   `unreachable`, `memory-pressure`, `disk-pressure`, `pid-pressure`,
//!   `network-unavailable`, and `unschedulable` for cordoned nodes);
//! * a node whose Ready condition is False gets `node.kubernetes.io/not-ready:NoExecute`,
//!   Unknown gets `node.kubernetes.io/unreachable:NoExecute` — added through a
//!   per-zone rate limiter (0.1 node/s; in a zone with more than 55% of nodes
//!   unhealthy, 0.01/s for zones over 50 nodes and none for smaller ones) —
//!   and both are removed once the node is Ready again;
//! * when every zone is fully disrupted (no Ready node anywhere — more likely
//!   the control plane's network than every kubelet), no NoExecute taint is
//!   added and existing ones are removed, so nothing is evicted.
//!
//! Pods on NoExecute-tainted nodes are evicted by [`taint_eviction`].

pub mod taint_eviction;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Node, NodeCondition, ObjectReference, Pod, Taint};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::api::{Api, PostParams};
use parking_lot::Mutex;

use crate::pod_util::{add, is_conflict, is_not_found, labels_of};
use capstan_runtime::events::{EventType, Recorder};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

/// Taint key: the node's Ready condition is False.
pub const NOT_READY_TAINT: &str = "node.kubernetes.io/not-ready";
/// Taint key: the node's Ready condition is Unknown.
pub const UNREACHABLE_TAINT: &str = "node.kubernetes.io/unreachable";
/// Taint key: the node is cordoned.
pub const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";
/// Label excluding a node from zone disruption accounting.
pub const EXCLUDE_DISRUPTION_LABEL: &str = "node.kubernetes.io/exclude-disruption";
const NODE_LEASE_NAMESPACE: &str = "kube-node-lease";

/// Settings of the node lifecycle controller (kube-controller-manager flags).
#[derive(Clone, Debug)]
pub struct Options {
    /// How often node health is checked (`--node-monitor-period`).
    pub node_monitor_period: Duration,
    /// How long a node may go without a heartbeat (`--node-monitor-grace-period`).
    pub node_monitor_grace_period: Duration,
    /// The same for a node that never posted status (`--node-startup-grace-period`).
    pub node_startup_grace_period: Duration,
    /// Nodes tainted for eviction per second per zone (`--node-eviction-rate`).
    pub eviction_qps: f64,
    /// The rate in a partially disrupted large zone (`--secondary-node-eviction-rate`).
    pub secondary_eviction_qps: f64,
    /// Zones up to this size stop tainting when partially disrupted (`--large-cluster-size-threshold`).
    pub large_cluster_threshold: usize,
    /// Fraction of unhealthy nodes making a zone partially disrupted (`--unhealthy-zone-threshold`).
    pub unhealthy_zone_threshold: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            node_monitor_period: Duration::from_secs(5),
            node_monitor_grace_period: Duration::from_secs(50),
            node_startup_grace_period: Duration::from_secs(60),
            eviction_qps: 0.1,
            secondary_eviction_qps: 0.01,
            large_cluster_threshold: 50,
            unhealthy_zone_threshold: 0.55,
        }
    }
}

// ---------------------------------------------------------------------------
// Pure logic

/// A condition of the node's status.
pub fn node_condition<'a>(node: &'a Node, type_: &str) -> Option<&'a NodeCondition> {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == type_))
}

/// What the controller remembers about a node's heartbeats. Probe times are
/// the controller's own clock at the moment a heartbeat was noticed, so clock
/// skew between kubelets and the controller does not matter.
#[derive(Clone, Debug)]
pub struct NodeHealth {
    /// When a heartbeat was last noticed.
    pub probe: Timestamp,
    /// When the Ready condition was last seen to change.
    pub ready_transition: Timestamp,
    ready_heartbeat: Option<Timestamp>,
    ready_transition_seen: Option<Timestamp>,
    had_ready: bool,
    lease_renew: Option<Timestamp>,
}

fn condition_time(t: &Option<Time>) -> Option<Timestamp> {
    t.as_ref().map(|t| t.0)
}

/// Updates a node's health record from its current status and lease; returns
/// the record and the grace period that applies.
pub fn observe_health(
    previous: Option<&NodeHealth>,
    node: &Node,
    lease: Option<&Lease>,
    now: Timestamp,
    options: &Options,
) -> (NodeHealth, Duration) {
    let created = node
        .metadata
        .creation_timestamp
        .as_ref()
        .map(|t| t.0)
        .unwrap_or(now);
    let ready = node_condition(node, "Ready");
    let grace = if ready.is_some() {
        options.node_monitor_grace_period
    } else {
        options.node_startup_grace_period
    };
    let heartbeat = ready.and_then(|c| condition_time(&c.last_heartbeat_time));
    let transition = ready.and_then(|c| condition_time(&c.last_transition_time));
    let fresh = |probe: Timestamp| NodeHealth {
        probe,
        ready_transition: probe,
        ready_heartbeat: heartbeat,
        ready_transition_seen: transition,
        had_ready: ready.is_some(),
        lease_renew: previous.and_then(|p| p.lease_renew),
    };
    let mut health = match previous {
        None if ready.is_none() => fresh(created),
        None => fresh(now),
        Some(prev) if prev.had_ready != ready.is_some() => fresh(now),
        Some(prev) if ready.is_some() && prev.ready_heartbeat != heartbeat => {
            let mut h = fresh(now);
            if prev.ready_transition_seen == transition {
                h.ready_transition = prev.ready_transition;
            }
            h
        }
        Some(prev) => prev.clone(),
    };
    let renew = lease
        .and_then(|l| l.spec.as_ref())
        .and_then(|s| s.renew_time.as_ref())
        .map(|t| t.0);
    if let Some(renew) = renew {
        if health.lease_renew.is_none_or(|saved| saved < renew) {
            health.lease_renew = Some(renew);
            health.probe = now;
        }
    }
    (health, grace)
}

/// Whether no heartbeat was noticed within `grace` of `now`.
pub fn is_stale(health: &NodeHealth, grace: Duration, now: Timestamp) -> bool {
    now > add(health.probe, grace)
}

/// The node's conditions once the controller gives up on its kubelet: Ready,
/// MemoryPressure, DiskPressure and PIDPressure become Unknown (missing ones
/// are added as never updated). NetworkUnavailable is left alone.
pub fn conditions_when_unknown(node: &Node, now: Timestamp) -> Vec<NodeCondition> {
    let created = node
        .metadata
        .creation_timestamp
        .clone()
        .unwrap_or(Time(now));
    let mut conditions = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    for type_ in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
        match conditions.iter_mut().find(|c| c.type_ == type_) {
            None => conditions.push(NodeCondition {
                type_: type_.into(),
                status: "Unknown".into(),
                reason: Some("NodeStatusNeverUpdated".into()),
                message: Some("Kubelet never posted node status.".into()),
                last_heartbeat_time: Some(created.clone()),
                last_transition_time: Some(Time(now)),
            }),
            Some(c) if c.status != "Unknown" => {
                c.status = "Unknown".into();
                c.reason = Some("NodeStatusUnknown".into());
                c.message = Some("Kubelet stopped posting node status.".into());
                c.last_transition_time = Some(Time(now));
            }
            Some(_) => {}
        }
    }
    conditions
}

fn taint(key: &str, effect: &str) -> Taint {
    Taint {
        key: key.into(),
        effect: effect.into(),
        value: None,
        time_added: None,
    }
}

/// The NoSchedule taints the node's conditions (and `spec.unschedulable`) call for.
pub fn condition_taints(node: &Node) -> Vec<Taint> {
    let mut out = Vec::new();
    for c in node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
    {
        let key = match (c.type_.as_str(), c.status.as_str()) {
            ("Ready", "False") => NOT_READY_TAINT,
            ("Ready", "Unknown") => UNREACHABLE_TAINT,
            ("MemoryPressure", "True") => "node.kubernetes.io/memory-pressure",
            ("DiskPressure", "True") => "node.kubernetes.io/disk-pressure",
            ("NetworkUnavailable", "True") => "node.kubernetes.io/network-unavailable",
            ("PIDPressure", "True") => "node.kubernetes.io/pid-pressure",
            _ => continue,
        };
        out.push(taint(key, "NoSchedule"));
    }
    if node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
        out.push(taint(UNSCHEDULABLE_TAINT, "NoSchedule"));
    }
    out
}

fn is_condition_taint_key(key: &str) -> bool {
    matches!(
        key,
        NOT_READY_TAINT
            | UNREACHABLE_TAINT
            | UNSCHEDULABLE_TAINT
            | "node.kubernetes.io/memory-pressure"
            | "node.kubernetes.io/disk-pressure"
            | "node.kubernetes.io/network-unavailable"
            | "node.kubernetes.io/pid-pressure"
    )
}

fn node_taints(node: &Node) -> Vec<Taint> {
    node.spec
        .as_ref()
        .and_then(|s| s.taints.clone())
        .unwrap_or_default()
}

fn has_taint(taints: &[Taint], key: &str, effect: &str) -> bool {
    taints.iter().any(|t| t.key == key && t.effect == effect)
}

/// The node's taints with `add` added (stamped `now`, unless present) and
/// `remove` removed, or None when nothing changes. Taints compare by key and
/// effect.
pub fn swap_taints(
    current: &[Taint],
    add: &[Taint],
    remove: &[Taint],
    now: Timestamp,
) -> Option<Vec<Taint>> {
    let mut out: Vec<Taint> = current
        .iter()
        .filter(|t| {
            !remove
                .iter()
                .any(|r| r.key == t.key && r.effect == t.effect)
        })
        .cloned()
        .collect();
    for a in add {
        if !has_taint(&out, &a.key, &a.effect) {
            let mut a = a.clone();
            a.time_added = Some(Time(now));
            out.push(a);
        }
    }
    let same =
        out.len() == current.len() && out.iter().all(|t| has_taint(current, &t.key, &t.effect));
    (!same).then_some(out)
}

/// The NoSchedule condition taints to add and remove.
pub fn no_schedule_diff(node: &Node) -> (Vec<Taint>, Vec<Taint>) {
    let want = condition_taints(node);
    let have: Vec<Taint> = node_taints(node)
        .into_iter()
        .filter(|t| t.effect == "NoSchedule" && is_condition_taint_key(&t.key))
        .collect();
    let add = want
        .iter()
        .filter(|w| !has_taint(&have, &w.key, &w.effect))
        .cloned()
        .collect();
    let remove = have
        .iter()
        .filter(|h| !has_taint(&want, &h.key, &h.effect))
        .cloned()
        .collect();
    (add, remove)
}

/// A zone's health.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneState {
    /// Not yet computed.
    Initial,
    /// Few unhealthy nodes.
    Normal,
    /// More than the threshold of nodes (and more than two) unhealthy.
    PartialDisruption,
    /// No healthy node.
    FullDisruption,
}

/// The zone's state from its nodes' Ready statuses ("True", "False", "Unknown"
/// or "" when missing); returns the number of unhealthy nodes too.
pub fn zone_state(ready_statuses: &[&str], unhealthy_threshold: f64) -> (usize, ZoneState) {
    let ready = ready_statuses.iter().filter(|s| **s == "True").count();
    let not_ready = ready_statuses.len() - ready;
    let state = if ready == 0 && not_ready > 0 {
        ZoneState::FullDisruption
    } else if not_ready > 2 && not_ready as f64 / (not_ready + ready) as f64 >= unhealthy_threshold
    {
        ZoneState::PartialDisruption
    } else {
        ZoneState::Normal
    };
    (not_ready, state)
}

/// The zone key of a node: region and zone labels.
pub fn zone_key(node: &Node) -> String {
    let labels = labels_of(&node.metadata);
    let get = |a: &str, b: &str| {
        labels
            .get(a)
            .or_else(|| labels.get(b))
            .cloned()
            .unwrap_or_default()
    };
    let region = get(
        "topology.kubernetes.io/region",
        "failure-domain.beta.kubernetes.io/region",
    );
    let zone = get(
        "topology.kubernetes.io/zone",
        "failure-domain.beta.kubernetes.io/zone",
    );
    if region.is_empty() && zone.is_empty() {
        String::new()
    } else {
        format!("{region}:\u{0}:{zone}")
    }
}

/// The tainting rate (nodes per second) for a zone in `state` with `size` nodes.
pub fn zone_qps(state: ZoneState, size: usize, options: &Options) -> f64 {
    match state {
        ZoneState::Initial | ZoneState::Normal | ZoneState::FullDisruption => options.eviction_qps,
        ZoneState::PartialDisruption => {
            if size > options.large_cluster_threshold {
                options.secondary_eviction_qps
            } else {
                0.0
            }
        }
    }
}

/// A token bucket holding at most one token, refilled at `qps`.
#[derive(Clone, Debug)]
pub struct TokenBucket {
    qps: f64,
    tokens: f64,
    last: Option<Timestamp>,
}

impl TokenBucket {
    /// A full bucket.
    pub fn new(qps: f64) -> Self {
        Self {
            qps,
            tokens: 1.0,
            last: None,
        }
    }

    /// The refill rate.
    pub fn qps(&self) -> f64 {
        self.qps
    }

    /// Changes the rate; a drained bucket stays drained.
    pub fn set_qps(&mut self, qps: f64, now: Timestamp) {
        if (qps - self.qps).abs() < f64::EPSILON {
            return;
        }
        self.refill(now);
        self.qps = qps;
        if qps <= 0.0 {
            self.tokens = 0.0;
        }
    }

    fn refill(&mut self, now: Timestamp) {
        if let Some(last) = self.last {
            let secs = now.duration_since(last).as_secs_f64().max(0.0);
            self.tokens = (self.tokens + secs * self.qps).min(1.0);
        }
        self.last = Some(now);
    }

    /// Takes a token if one is available.
    pub fn try_accept(&mut self, now: Timestamp) -> bool {
        if self.qps <= 0.0 {
            return false;
        }
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Which NoExecute taint a node needs for its Ready status, and its opposite.
pub fn no_execute_swap(ready_status: &str) -> Option<(Taint, Taint)> {
    match ready_status {
        "False" => Some((
            taint(NOT_READY_TAINT, "NoExecute"),
            taint(UNREACHABLE_TAINT, "NoExecute"),
        )),
        "Unknown" => Some((
            taint(UNREACHABLE_TAINT, "NoExecute"),
            taint(NOT_READY_TAINT, "NoExecute"),
        )),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// The controller

/// Starts the node lifecycle controller and the taint eviction controller.
pub fn start(informers: &Informers, options: Options) {
    let client = informers.client().clone();
    let pods = informers.get::<Pod>();
    pods.add_index(taint_eviction::NODE_INDEX, taint_eviction::index_by_node);
    let controller = Arc::new(Lifecycle {
        recorder: Recorder::new(client.clone(), "node-controller", "node-controller"),
        client,
        nodes: informers.get::<Node>(),
        leases: informers.get::<Lease>(),
        pods,
        options,
        state: Mutex::new(State::default()),
        taint_queue: WorkQueue::new(),
    });
    tokio::spawn(controller.run());
    taint_eviction::start(informers);
}

#[derive(Default)]
struct State {
    health: HashMap<String, NodeHealth>,
    zone_states: BTreeMap<String, ZoneState>,
    limiters: BTreeMap<String, TokenBucket>,
    /// Nodes waiting (per zone) for a NoExecute taint.
    to_taint: BTreeMap<String, VecDeque<String>>,
    known: HashSet<String>,
}

struct Lifecycle {
    client: kube::Client,
    recorder: Recorder,
    nodes: Arc<Informer<Node>>,
    leases: Arc<Informer<Lease>>,
    pods: Arc<Informer<Pod>>,
    options: Options,
    state: Mutex<State>,
    /// Nodes whose NoSchedule taints need checking.
    taint_queue: Arc<WorkQueue<String>>,
}

impl Lifecycle {
    async fn run(self: Arc<Self>) {
        let synced = self.nodes.wait_synced(Duration::from_secs(60)).await
            && self.leases.wait_synced(Duration::from_secs(60)).await
            && self.pods.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!("node lifecycle: informers not synced after 60s; starting anyway");
        }
        let mut changes = self.nodes.subscribe();
        let q = self.taint_queue.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                if let Change::Added(n) | Change::Updated { new: n, .. } = &change {
                    if let Some(name) = n.metadata.name.clone() {
                        q.add(name);
                    }
                }
            }
        });
        let me = self.clone();
        run_workers(
            "node-lifecycle-noschedule",
            self.taint_queue.clone(),
            4,
            move |name: String| {
                let me = me.clone();
                async move { me.sync_no_schedule_taints(&name).await }
            },
        );
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(100)).await;
                me.no_execute_tainting_pass().await;
            }
        });
        loop {
            if let Err(err) = self.monitor_node_health().await {
                tracing::debug!(error = %format!("{err:#}"), "node health pass failed");
            }
            tokio::time::sleep(self.options.node_monitor_period).await;
        }
    }

    /// Adds or removes the NoSchedule taints the node's conditions call for.
    async fn sync_no_schedule_taints(&self, name: &str) -> anyhow::Result<Next> {
        let Some(node) = self.nodes.get(None, name) else {
            return Ok(Next::Done);
        };
        if node.metadata.deletion_timestamp.is_some() {
            return Ok(Next::Done);
        }
        let (add, remove) = no_schedule_diff(&node);
        if add.is_empty() && remove.is_empty() {
            return Ok(Next::Done);
        }
        self.swap_node_taints(name, &add, &remove).await?;
        Ok(Next::Done)
    }

    /// Writes the node's taints (read fresh, retried on conflicts).
    async fn swap_node_taints(
        &self,
        name: &str,
        add: &[Taint],
        remove: &[Taint],
    ) -> anyhow::Result<bool> {
        let api: Api<Node> = Api::all(self.client.clone());
        for _ in 0..5 {
            let mut node = match api.get(name).await {
                Ok(n) => n,
                Err(e) if is_not_found(&e) => return Ok(false),
                Err(e) => return Err(anyhow::Error::new(e).context(format!("reading node {name}"))),
            };
            let current = node_taints(&node);
            let Some(taints) = swap_taints(&current, add, remove, Timestamp::now()) else {
                return Ok(true);
            };
            node.spec.get_or_insert_with(Default::default).taints = Some(taints);
            match api.replace(name, &PostParams::default(), &node).await {
                Ok(_) => return Ok(true),
                Err(e) if is_conflict(&e) => continue,
                Err(e) if is_not_found(&e) => return Ok(false),
                Err(e) => {
                    return Err(
                        anyhow::Error::new(e).context(format!("updating taints of node {name}"))
                    )
                }
            }
        }
        Err(anyhow::anyhow!(
            "updating taints of node {name}: too many conflicts"
        ))
    }

    async fn monitor_node_health(&self) -> anyhow::Result<()> {
        let nodes = self.nodes.list();
        let now = Timestamp::now();
        {
            let mut st = self.state.lock();
            let names: HashSet<String> = nodes
                .iter()
                .filter_map(|n| n.metadata.name.clone())
                .collect();
            st.known.retain(|n| names.contains(n));
            st.health.retain(|n, _| names.contains(n));
            for zone_queue in st.to_taint.values_mut() {
                zone_queue.retain(|n| names.contains(n));
            }
        }
        let mut zone_ready: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for node in &nodes {
            let Some(name) = node.metadata.name.clone() else {
                continue;
            };
            let newly_seen = self.state.lock().known.insert(name.clone());
            if newly_seen {
                // A node seen for the first time starts without NoExecute taints of ours.
                self.mark_reachable(&name, node).await;
            }
            let observed = node_condition(node, "Ready")
                .map(|c| c.status.clone())
                .unwrap_or_default();
            let current = match self.update_node_health(&name, node, now).await {
                Ok(c) => c,
                Err(err) => {
                    tracing::debug!(node = %name, error = %format!("{err:#}"), "updating node health failed; no action for this node");
                    continue;
                }
            };
            if !labels_of(&node.metadata).contains_key(EXCLUDE_DISRUPTION_LABEL) {
                zone_ready
                    .entry(zone_key(node))
                    .or_default()
                    .push(current.clone());
            }
            self.process_taint_based_eviction(&name, node, &observed)
                .await;
            if current != "True" {
                if observed == "True" {
                    self.recorder.record(
                        node_reference(node),
                        EventType::Normal,
                        "NodeNotReady",
                        "NodeNotReady",
                        format!("Node {name} status is now: NodeNotReady"),
                    );
                }
                self.mark_pods_not_ready(&name).await;
            }
        }
        self.handle_disruption(&zone_ready, &nodes, now).await;
        Ok(())
    }

    /// Notices heartbeats and, past the grace period, posts Unknown
    /// conditions. Returns the node's Ready status afterwards.
    async fn update_node_health(
        &self,
        name: &str,
        node: &Node,
        now: Timestamp,
    ) -> anyhow::Result<String> {
        let lease = self.leases.get(Some(NODE_LEASE_NAMESPACE), name);
        let (health, grace) = {
            let st = self.state.lock();
            observe_health(
                st.health.get(name),
                node,
                lease.as_deref(),
                now,
                &self.options,
            )
        };
        let stale = is_stale(&health, grace, now);
        self.state.lock().health.insert(name.to_string(), health);
        let observed = node_condition(node, "Ready").cloned();
        if !stale {
            return Ok(observed.map(|c| c.status).unwrap_or_default());
        }
        let conditions = conditions_when_unknown(node, now);
        let new_ready = conditions.iter().find(|c| c.type_ == "Ready").cloned();
        if new_ready == observed {
            return Ok(new_ready.map(|c| c.status).unwrap_or_default());
        }
        let mut updated = node.clone();
        updated
            .status
            .get_or_insert_with(Default::default)
            .conditions = Some(conditions);
        let api: Api<Node> = Api::all(self.client.clone());
        match api
            .replace_status(name, &PostParams::default(), &updated)
            .await
        {
            Ok(_) => {
                tracing::info!(
                    node = name,
                    "node stopped posting status; conditions set to Unknown"
                );
                if let Some(h) = self.state.lock().health.get_mut(name) {
                    h.ready_transition = now;
                }
                Ok(new_ready.map(|c| c.status).unwrap_or_default())
            }
            Err(e) => {
                Err(anyhow::Error::new(e)
                    .context(format!("posting Unknown status for node {name}")))
            }
        }
    }

    async fn process_taint_based_eviction(&self, name: &str, node: &Node, observed: &str) {
        let taints = node_taints(node);
        match observed {
            "False" | "Unknown" => {
                let Some((want, opposite)) = no_execute_swap(observed) else {
                    return;
                };
                if has_taint(&taints, &opposite.key, "NoExecute") {
                    // Already tainted the other way: swap at once.
                    if let Err(err) = self.swap_node_taints(name, &[want], &[opposite]).await {
                        tracing::debug!(node = name, error = %format!("{err:#}"), "swapping NoExecute taints failed");
                    }
                } else if !has_taint(&taints, &want.key, "NoExecute") {
                    let zone = zone_key(node);
                    let mut st = self.state.lock();
                    let queue = st.to_taint.entry(zone).or_default();
                    if !queue.iter().any(|n| n == name) {
                        tracing::info!(
                            node = name,
                            status = observed,
                            "node is not ready; queued for NoExecute tainting"
                        );
                        queue.push_back(name.to_string());
                    }
                }
            }
            "True" => self.mark_reachable(name, node).await,
            _ => {}
        }
    }

    /// Removes the NoExecute not-ready/unreachable taints and forgets any queued tainting.
    async fn mark_reachable(&self, name: &str, node: &Node) {
        {
            let mut st = self.state.lock();
            for q in st.to_taint.values_mut() {
                q.retain(|n| n != name);
            }
        }
        let taints = node_taints(node);
        if !has_taint(&taints, NOT_READY_TAINT, "NoExecute")
            && !has_taint(&taints, UNREACHABLE_TAINT, "NoExecute")
        {
            return;
        }
        let remove = [
            taint(NOT_READY_TAINT, "NoExecute"),
            taint(UNREACHABLE_TAINT, "NoExecute"),
        ];
        match self.swap_node_taints(name, &[], &remove).await {
            Ok(_) => tracing::info!(node = name, "removed NoExecute taints"),
            Err(err) => {
                tracing::debug!(node = name, error = %format!("{err:#}"), "removing NoExecute taints failed")
            }
        }
    }

    /// Sets the Ready condition of pods on the node to False.
    async fn mark_pods_not_ready(&self, node: &str) {
        let now = Timestamp::now();
        for pod in self.pods.by_index(taint_eviction::NODE_INDEX, node) {
            let Some(cond) = crate::pod_util::pod_condition(&pod, "Ready") else {
                continue;
            };
            if cond.status == "False" {
                continue;
            }
            let mut updated = (*pod).clone();
            if let Some(conds) = updated.status.as_mut().and_then(|s| s.conditions.as_mut()) {
                for c in conds.iter_mut().filter(|c| c.type_ == "Ready") {
                    c.status = "False".into();
                    c.last_transition_time = Some(Time(now));
                }
            }
            let ns = pod.metadata.namespace.clone().unwrap_or_default();
            let name = pod.metadata.name.clone().unwrap_or_default();
            let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
            match api
                .replace_status(&name, &PostParams::default(), &updated)
                .await
            {
                Ok(_) => self.recorder.record(
                    capstan_runtime::events::reference(pod.as_ref()),
                    EventType::Warning,
                    "NodeNotReady",
                    "NodeNotReady",
                    "Node is not ready".into(),
                ),
                Err(e) if is_not_found(&e) || is_conflict(&e) => {}
                Err(e) => tracing::debug!(pod = %name, error = %e, "marking pod not ready failed"),
            }
        }
    }

    async fn handle_disruption(
        &self,
        zone_ready: &BTreeMap<String, Vec<String>>,
        nodes: &[Arc<Node>],
        now: Timestamp,
    ) {
        let mut new_states = BTreeMap::new();
        let mut all_fully_disrupted = true;
        for (zone, statuses) in zone_ready {
            let refs: Vec<&str> = statuses.iter().map(String::as_str).collect();
            let (_, state) = zone_state(&refs, self.options.unhealthy_zone_threshold);
            if state != ZoneState::FullDisruption {
                all_fully_disrupted = false;
            }
            new_states.insert(zone.clone(), state);
        }
        if zone_ready.is_empty() {
            all_fully_disrupted = false;
        }
        let (entering, exiting) = {
            let mut st = self.state.lock();
            st.zone_states.retain(|z, _| zone_ready.contains_key(z));
            for z in zone_ready.keys() {
                st.zone_states
                    .entry(z.clone())
                    .or_insert(ZoneState::Initial);
            }
            let were = !st.zone_states.is_empty()
                && st
                    .zone_states
                    .values()
                    .all(|s| *s == ZoneState::FullDisruption);
            (all_fully_disrupted && !were, !all_fully_disrupted && were)
        };
        if all_fully_disrupted {
            if entering {
                tracing::warn!("no node is Ready: entering full disruption mode; NoExecute tainting (and so eviction) stops");
                for node in nodes {
                    if let Some(name) = node.metadata.name.as_deref() {
                        self.mark_reachable(name, node).await;
                    }
                }
            }
            let mut st = self.state.lock();
            for state in st.zone_states.values_mut() {
                *state = ZoneState::FullDisruption;
            }
            let zones: Vec<String> = st.zone_states.keys().cloned().collect();
            for zone in zones {
                st.limiters
                    .entry(zone)
                    .or_insert_with(|| TokenBucket::new(0.0))
                    .set_qps(0.0, now);
            }
            return;
        }
        let mut st = self.state.lock();
        if exiting {
            tracing::info!("some nodes are Ready again: leaving full disruption mode");
            for h in st.health.values_mut() {
                h.probe = now;
                h.ready_transition = now;
            }
        }
        for (zone, state) in new_states {
            let size = zone_ready.get(&zone).map_or(0, Vec::len);
            let qps = zone_qps(state, size, &self.options);
            let previous = st.zone_states.insert(zone.clone(), state);
            if previous != Some(state) && previous != Some(ZoneState::Initial) {
                tracing::info!(zone = %zone.replace('\u{0}', ""), ?state, "zone changed state");
            }
            st.limiters
                .entry(zone)
                .or_insert_with(|| TokenBucket::new(qps))
                .set_qps(qps, now);
        }
    }

    /// Taints queued nodes, as fast as each zone's limiter allows.
    async fn no_execute_tainting_pass(&self) {
        let now = Timestamp::now();
        let work: Vec<String> = {
            let mut st = self.state.lock();
            let State {
                to_taint, limiters, ..
            } = &mut *st;
            let mut picked = Vec::new();
            for (zone, queue) in to_taint.iter_mut() {
                if queue.is_empty() {
                    continue;
                }
                let limiter = limiters
                    .entry(zone.clone())
                    .or_insert_with(|| TokenBucket::new(self.options.eviction_qps));
                while !queue.is_empty() && limiter.try_accept(now) {
                    if let Some(n) = queue.pop_front() {
                        picked.push(n);
                    }
                }
            }
            picked
        };
        for name in work {
            let Some(node) = self.nodes.get(None, &name) else {
                continue;
            };
            let status = node_condition(&node, "Ready")
                .map(|c| c.status.clone())
                .unwrap_or_default();
            let Some((want, opposite)) = no_execute_swap(&status) else {
                continue;
            };
            match self
                .swap_node_taints(&name, std::slice::from_ref(&want), &[opposite])
                .await
            {
                Ok(_) => tracing::info!(node = %name, taint = %want.key, "added NoExecute taint"),
                Err(err) => {
                    tracing::debug!(node = %name, error = %format!("{err:#}"), "NoExecute tainting failed; requeued");
                    let zone = zone_key(&node);
                    self.state
                        .lock()
                        .to_taint
                        .entry(zone)
                        .or_default()
                        .push_back(name);
                }
            }
        }
    }
}

/// The reference node status events are recorded against (Kubernetes uses the
/// node's name as its UID there).
fn node_reference(node: &Node) -> ObjectReference {
    ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("Node".into()),
        name: node.metadata.name.clone(),
        uid: node.metadata.name.clone(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn node(conditions: serde_json::Value) -> Node {
        serde_json::from_value(json!({
            "metadata": {"name": "n1", "creationTimestamp": "2024-01-01T00:00:00Z"},
            "status": {"conditions": conditions},
        }))
        .expect("node")
    }

    fn ready(status: &str, heartbeat: &str) -> serde_json::Value {
        json!({"type": "Ready", "status": status, "lastHeartbeatTime": heartbeat, "lastTransitionTime": "2024-01-01T00:00:00Z"})
    }

    fn lease(renew: &str) -> Lease {
        serde_json::from_value(json!({"metadata": {"name": "n1"}, "spec": {"renewTime": renew}}))
            .expect("lease")
    }

    #[test]
    fn default_grace_period_is_kubernetes_1_33s() {
        let o = Options::default();
        assert_eq!(o.node_monitor_grace_period, Duration::from_secs(50));
        assert_eq!(o.node_startup_grace_period, Duration::from_secs(60));
        assert_eq!(o.node_monitor_period, Duration::from_secs(5));
    }

    #[test]
    fn lease_renewals_keep_a_node_healthy_and_silence_makes_it_stale() {
        let o = Options::default();
        let n = node(json!([ready("True", "2024-01-01T00:00:00Z")]));
        let t0 = ts("2024-01-01T01:00:00Z");
        let (h, grace) = observe_health(None, &n, Some(&lease("2024-01-01T01:00:00Z")), t0, &o);
        assert_eq!(grace, Duration::from_secs(50));
        assert!(!is_stale(&h, grace, ts("2024-01-01T01:00:49Z")));
        // Lease renewed at +40 s: probe moves.
        let t1 = ts("2024-01-01T01:00:40Z");
        let (h, _) = observe_health(Some(&h), &n, Some(&lease("2024-01-01T01:00:40Z")), t1, &o);
        assert_eq!(h.probe, t1);
        assert!(!is_stale(&h, grace, ts("2024-01-01T01:01:20Z")));
        // No renewal afterwards: stale after the grace period.
        let (h, _) = observe_health(
            Some(&h),
            &n,
            Some(&lease("2024-01-01T01:00:40Z")),
            ts("2024-01-01T01:01:31Z"),
            &o,
        );
        assert!(is_stale(&h, grace, ts("2024-01-01T01:01:31Z")));
    }

    #[test]
    fn status_heartbeats_count_too_and_never_ready_nodes_get_startup_grace() {
        let o = Options::default();
        let t0 = ts("2024-01-01T01:00:00Z");
        let n = node(json!([ready("True", "2024-01-01T00:59:00Z")]));
        let (h, _) = observe_health(None, &n, None, t0, &o);
        let beat = node(json!([ready("True", "2024-01-01T01:00:30Z")]));
        let t1 = ts("2024-01-01T01:00:45Z");
        let (h, _) = observe_health(Some(&h), &beat, None, t1, &o);
        assert_eq!(h.probe, t1);
        // A node without a Ready condition: probe starts at its creation, 60 s grace.
        let empty = node(json!([]));
        let (h, grace) = observe_health(None, &empty, None, ts("2024-01-01T00:00:59Z"), &o);
        assert_eq!(grace, Duration::from_secs(60));
        assert!(!is_stale(&h, grace, ts("2024-01-01T00:00:59Z")));
        assert!(is_stale(&h, grace, ts("2024-01-01T00:01:01Z")));
    }

    #[test]
    fn unknown_conditions_keep_heartbeats_and_fill_missing_ones() {
        let now = ts("2024-01-01T02:00:00Z");
        let n = node(json!([
            ready("True", "2024-01-01T01:00:00Z"),
            {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": "2024-01-01T01:00:00Z"},
            {"type": "NetworkUnavailable", "status": "False"},
        ]));
        let conds = conditions_when_unknown(&n, now);
        let get = |t: &str| {
            conds
                .iter()
                .find(|c| c.type_ == t)
                .cloned()
                .expect("condition")
        };
        let r = get("Ready");
        assert_eq!(r.status, "Unknown");
        assert_eq!(r.reason.as_deref(), Some("NodeStatusUnknown"));
        assert_eq!(
            r.message.as_deref(),
            Some("Kubelet stopped posting node status.")
        );
        assert_eq!(
            r.last_heartbeat_time.map(|t| t.0),
            Some(ts("2024-01-01T01:00:00Z"))
        );
        assert_eq!(r.last_transition_time.map(|t| t.0), Some(now));
        assert_eq!(get("MemoryPressure").status, "Unknown");
        let disk = get("DiskPressure");
        assert_eq!(disk.reason.as_deref(), Some("NodeStatusNeverUpdated"));
        assert_eq!(
            disk.message.as_deref(),
            Some("Kubelet never posted node status.")
        );
        assert_eq!(get("PIDPressure").status, "Unknown");
        assert_eq!(
            get("NetworkUnavailable").status,
            "False",
            "network condition is left alone"
        );
        // Already Unknown: nothing changes, not even the transition time.
        let mut again = n.clone();
        again.status.get_or_insert_with(Default::default).conditions = Some(conds.clone());
        assert_eq!(
            conditions_when_unknown(&again, ts("2024-01-01T03:00:00Z")),
            conds
        );
    }

    #[test]
    fn no_schedule_taints_follow_conditions_and_cordoning() {
        let mut n = node(
            json!([ready("Unknown", "2024-01-01T00:00:00Z"), {"type": "DiskPressure", "status": "True"}]),
        );
        let (add, remove) = no_schedule_diff(&n);
        let keys: Vec<&str> = add.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![UNREACHABLE_TAINT, "node.kubernetes.io/disk-pressure"]
        );
        assert!(remove.is_empty());
        // Node recovered and cordoned; stale taints removed, user taints kept.
        n.status =
            serde_json::from_value(json!({"conditions": [ready("True", "2024-01-01T00:00:00Z")]}))
                .expect("status");
        n.spec = serde_json::from_value(json!({"unschedulable": true, "taints": [
            {"key": UNREACHABLE_TAINT, "effect": "NoSchedule"},
            {"key": UNREACHABLE_TAINT, "effect": "NoExecute"},
            {"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}]}))
        .expect("spec");
        let (add, remove) = no_schedule_diff(&n);
        assert_eq!(
            add.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(),
            vec![UNSCHEDULABLE_TAINT]
        );
        assert_eq!(remove.len(), 1);
        assert_eq!(
            (remove[0].key.as_str(), remove[0].effect.as_str()),
            (UNREACHABLE_TAINT, "NoSchedule")
        );
    }

    #[test]
    fn swapping_taints_stamps_added_ones_and_detects_no_ops() {
        let now = ts("2024-01-01T00:00:00Z");
        let (want, opposite) = no_execute_swap("Unknown").expect("swap");
        let current = vec![opposite.clone(), taint("dedicated", "NoSchedule")];
        let out =
            swap_taints(&current, std::slice::from_ref(&want), &[opposite], now).expect("changed");
        assert_eq!(out.len(), 2);
        let added = out
            .iter()
            .find(|t| t.key == UNREACHABLE_TAINT)
            .expect("added");
        assert_eq!(added.effect, "NoExecute");
        assert_eq!(added.time_added.as_ref().map(|t| t.0), Some(now));
        assert!(swap_taints(&out, &[want], &[], now).is_none());
        assert!(no_execute_swap("True").is_none());
        assert_eq!(
            no_execute_swap("False").map(|(w, _)| w.key),
            Some(NOT_READY_TAINT.to_string())
        );
    }

    #[test]
    fn zone_states() {
        let t = 0.55;
        assert_eq!(
            zone_state(&["True", "True", "Unknown"], t),
            (1, ZoneState::Normal)
        );
        assert_eq!(
            zone_state(&["Unknown", "Unknown", "False"], t),
            (3, ZoneState::FullDisruption)
        );
        assert_eq!(
            zone_state(&["True", "Unknown", "Unknown", "Unknown"], t),
            (3, ZoneState::PartialDisruption)
        );
        assert_eq!(
            zone_state(&["True", "True", "Unknown", "Unknown"], t),
            (2, ZoneState::Normal)
        );
        assert_eq!(
            zone_state(&["True", "", "", ""], t).1,
            ZoneState::PartialDisruption
        );
        let o = Options::default();
        assert_eq!(zone_qps(ZoneState::Normal, 3, &o), 0.1);
        assert_eq!(zone_qps(ZoneState::PartialDisruption, 10, &o), 0.0);
        assert_eq!(zone_qps(ZoneState::PartialDisruption, 100, &o), 0.01);
        assert_eq!(zone_qps(ZoneState::FullDisruption, 3, &o), 0.1);
    }

    #[test]
    fn zone_keys_combine_region_and_zone() {
        let mut n = node(json!([]));
        assert_eq!(zone_key(&n), "");
        n.metadata.labels = Some(BTreeMap::from([
            (
                "topology.kubernetes.io/region".to_string(),
                "eu".to_string(),
            ),
            (
                "topology.kubernetes.io/zone".to_string(),
                "eu-1a".to_string(),
            ),
        ]));
        assert_eq!(zone_key(&n), "eu:\u{0}:eu-1a");
    }

    #[test]
    fn token_bucket_limits_rate_with_burst_one() {
        let t0 = ts("2024-01-01T00:00:00Z");
        let mut b = TokenBucket::new(0.1);
        assert!(b.try_accept(t0));
        assert!(!b.try_accept(ts("2024-01-01T00:00:05Z")));
        assert!(b.try_accept(ts("2024-01-01T00:00:10Z")));
        b.set_qps(0.0, ts("2024-01-01T00:00:30Z"));
        assert!(!b.try_accept(ts("2024-01-01T00:10:00Z")));
        b.set_qps(0.1, ts("2024-01-01T00:10:00Z"));
        assert!(
            !b.try_accept(ts("2024-01-01T00:10:00Z")),
            "a stopped limiter restarts drained"
        );
        assert!(b.try_accept(ts("2024-01-01T00:10:10Z")));
    }
}
