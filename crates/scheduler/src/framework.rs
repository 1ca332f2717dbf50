//! The scheduling framework: plugin extension points (PreFilter, Filter,
//! PreScore, Score, Reserve, Permit, Bind, PostFilter), per-cycle state and
//! plugin results, as in Kubernetes' scheduler framework.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use async_trait_free::BoxFuture;
use k8s_openapi::api::core::v1::Pod;

use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::scheduler::Diagnosis;

/// Highest score a Score plugin may give (after normalization).
pub const MAX_NODE_SCORE: i64 = 100;

/// Outcome class of a plugin call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// Passed.
    Success,
    /// Does not fit now; preemption might help.
    Unschedulable,
    /// Does not fit, and preemption cannot help.
    UnschedulableAndUnresolvable,
    /// Something failed.
    Error,
    /// The plugin has nothing to do for this pod (PreFilter/PreScore).
    Skip,
}

/// A plugin result with human-readable reasons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Class.
    pub code: Code,
    /// Reasons, e.g. "Insufficient cpu".
    pub reasons: Vec<String>,
    /// The plugin that failed (set by the framework).
    pub plugin: Option<&'static str>,
}

impl Status {
    /// Success.
    pub fn success() -> Self {
        Self {
            code: Code::Success,
            reasons: Vec::new(),
            plugin: None,
        }
    }

    /// Skip.
    pub fn skip() -> Self {
        Self {
            code: Code::Skip,
            reasons: Vec::new(),
            plugin: None,
        }
    }

    /// Unschedulable with a reason.
    pub fn unschedulable(reason: impl Into<String>) -> Self {
        Self {
            code: Code::Unschedulable,
            reasons: vec![reason.into()],
            plugin: None,
        }
    }

    /// Unschedulable and unresolvable by preemption.
    pub fn unresolvable(reason: impl Into<String>) -> Self {
        Self {
            code: Code::UnschedulableAndUnresolvable,
            reasons: vec![reason.into()],
            plugin: None,
        }
    }

    /// An error.
    pub fn error(reason: impl Into<String>) -> Self {
        Self {
            code: Code::Error,
            reasons: vec![reason.into()],
            plugin: None,
        }
    }

    /// Whether the call passed.
    pub fn is_success(&self) -> bool {
        self.code == Code::Success
    }
}

/// A value plugins keep in [`CycleState`]: anything cloneable, so the state
/// can be copied for preemption's what-if runs and for nominated pods.
pub trait StateData: Any + Send + Sync {
    /// A boxed copy.
    fn clone_data(&self) -> Box<dyn StateData>;
    /// As `Any`, for downcasting.
    fn as_any(&self) -> &dyn Any;
    /// As mutable `Any`, for downcasting.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Any + Clone + Send + Sync> StateData for T {
    fn clone_data(&self) -> Box<dyn StateData> {
        Box::new(self.clone())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Data plugins share within one scheduling cycle, and which plugins asked to
/// be skipped for this pod.
#[derive(Default)]
pub struct CycleState {
    data: HashMap<&'static str, Box<dyn StateData>>,
    /// Bit `i` set: filter `i` is skipped (its PreFilter returned `Skip`).
    skip_filters: u64,
    /// Bit `i` set: score plugin `i` is skipped (its PreScore returned `Skip`).
    skip_scores: u64,
    /// Bit `i` set: PreFilter `i` returned `Skip` (no AddPod/RemovePod calls).
    skip_pre_filters: u64,
}

impl Clone for CycleState {
    fn clone(&self) -> Self {
        Self {
            data: self
                .data
                .iter()
                .map(|(k, v)| (*k, (**v).clone_data()))
                .collect(),
            skip_filters: self.skip_filters,
            skip_scores: self.skip_scores,
            skip_pre_filters: self.skip_pre_filters,
        }
    }
}

impl std::fmt::Debug for CycleState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CycleState")
            .field("keys", &self.data.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl CycleState {
    /// Stores a value.
    pub fn write<T: Any + Clone + Send + Sync>(&mut self, key: &'static str, value: T) {
        self.data.insert(key, Box::new(value));
    }

    /// Reads a value.
    pub fn read<T: Any + Send + Sync>(&self, key: &'static str) -> Option<&T> {
        self.data
            .get(key)
            .and_then(|v| (**v).as_any().downcast_ref::<T>())
    }

    /// Reads a value for updating.
    pub fn read_mut<T: Any + Send + Sync>(&mut self, key: &'static str) -> Option<&mut T> {
        self.data
            .get_mut(key)
            .and_then(|v| (**v).as_any_mut().downcast_mut::<T>())
    }

    /// Whether filter number `i` of the profile is skipped for this pod.
    pub fn filter_skipped(&self, i: usize) -> bool {
        i < 64 && self.skip_filters & (1 << i) != 0
    }

    /// Whether score plugin number `i` of the profile is skipped for this pod.
    pub fn score_skipped(&self, i: usize) -> bool {
        i < 64 && self.skip_scores & (1 << i) != 0
    }
}

/// A plugin: everything has a name.
pub trait Plugin: Send + Sync {
    /// The plugin's name as Kubernetes spells it (e.g. `NodeResourcesFit`).
    fn name(&self) -> &'static str;
}

/// Runs once per cycle before filtering.
pub trait PreFilter: Plugin {
    /// Precomputes state; an unschedulable status rejects the pod outright,
    /// `Skip` disables the plugin's Filter for this pod.
    fn pre_filter(&self, state: &mut CycleState, pod: &PodInfo, cache: &Cache) -> Status;

    /// Updates the precomputed state as if `added` ran on `node` (used for
    /// nominated pods and preemption's what-if runs).
    fn add_pod(&self, _state: &mut CycleState, _pod: &PodInfo, _added: &PodInfo, _node: &NodeInfo) {
    }

    /// Updates the precomputed state as if `removed` left `node`.
    fn remove_pod(
        &self,
        _state: &mut CycleState,
        _pod: &PodInfo,
        _removed: &PodInfo,
        _node: &NodeInfo,
    ) {
    }
}

/// Decides whether a pod may run on a node.
pub trait Filter: Plugin {
    /// Checks one node.
    fn filter(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo, cache: &Cache) -> Status;
}

/// Runs once per cycle before scoring.
pub trait PreScore: Plugin {
    /// Precomputes state over the feasible nodes.
    fn pre_score(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        nodes: &[&NodeInfo],
        cache: &Cache,
    ) -> Status;
}

/// Ranks feasible nodes.
pub trait Score: Plugin {
    /// Scores one node (any range; normalized afterwards).
    fn score(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64;
    /// Maps raw scores to 0..=MAX_NODE_SCORE (default: unchanged).
    fn normalize(&self, _state: &CycleState, _scores: &mut [i64]) {}
}

/// Claims resources for a chosen node before binding.
pub trait Reserve: Plugin {
    /// Reserves.
    fn reserve(&self, state: &CycleState, pod: &PodInfo, node: &str) -> Status;
    /// Releases what `reserve` claimed.
    fn unreserve(&self, state: &CycleState, pod: &PodInfo, node: &str);
}

/// Approves or rejects a reserved placement.
pub trait Permit: Plugin {
    /// Decides.
    fn permit(&self, state: &CycleState, pod: &PodInfo, node: &str) -> Status;
}

/// Work done before binding (e.g. volume provisioning decisions).
pub trait PreBind: Plugin {
    /// Prepares.
    fn pre_bind<'a>(
        &'a self,
        state: &'a CycleState,
        pod: &'a Pod,
        node: &'a str,
    ) -> BoxFuture<'a, Status>;
}

/// Binds a pod to a node.
pub trait Bind: Plugin {
    /// Binds; `Skip` passes to the next binder.
    fn bind<'a>(&'a self, pod: &'a Pod, node: &'a str) -> BoxFuture<'a, Status>;
}

/// What a PostFilter plugin achieved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostFilterResult {
    /// `Some(node)` nominates `node` for the pod, `Some("")` clears an
    /// earlier nomination, `None` leaves it as it is.
    pub nominated_node: Option<String>,
    /// Success when room was made; otherwise why not (its reasons become the
    /// post-filter part of the FailedScheduling message).
    pub status: Status,
}

/// Runs when no node fits (preemption).
pub trait PostFilter: Plugin {
    /// Tries to make room for the pod given why every node failed.
    fn post_filter<'a>(
        &'a self,
        state: &'a CycleState,
        pod: &'a Arc<PodInfo>,
        diagnosis: &'a Diagnosis,
        cache: Arc<parking_lot::Mutex<Cache>>,
        fw: &'a Framework,
    ) -> BoxFuture<'a, PostFilterResult>;
}

/// A weighted score plugin.
pub struct WeightedScore {
    /// The plugin.
    pub plugin: Arc<dyn Score>,
    /// Its weight.
    pub weight: i64,
}

/// The plugins of one scheduling profile, in execution order.
#[derive(Default)]
pub struct Framework {
    /// Scheduler name this profile serves.
    pub scheduler_name: String,
    /// PreFilter plugins.
    pub pre_filters: Vec<Arc<dyn PreFilter>>,
    /// Filter plugins.
    pub filters: Vec<Arc<dyn Filter>>,
    /// PostFilter plugins.
    pub post_filters: Vec<Arc<dyn PostFilter>>,
    /// PreScore plugins.
    pub pre_scores: Vec<Arc<dyn PreScore>>,
    /// Score plugins.
    pub scores: Vec<WeightedScore>,
    /// Reserve plugins.
    pub reserves: Vec<Arc<dyn Reserve>>,
    /// Permit plugins.
    pub permits: Vec<Arc<dyn Permit>>,
    /// PreBind plugins.
    pub pre_binds: Vec<Arc<dyn PreBind>>,
    /// Bind plugins.
    pub binds: Vec<Arc<dyn Bind>>,
}

impl std::fmt::Debug for Framework {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Framework")
            .field("scheduler_name", &self.scheduler_name)
            .finish_non_exhaustive()
    }
}

fn bit(i: usize) -> u64 {
    if i < 64 {
        1 << i
    } else {
        0
    }
}

impl Framework {
    /// Runs every PreFilter plugin; the first rejection wins. A plugin
    /// returning `Skip` has its Filter (and AddPod/RemovePod) skipped.
    pub fn run_pre_filters(&self, state: &mut CycleState, pod: &PodInfo, cache: &Cache) -> Status {
        for (i, pf) in self.pre_filters.iter().enumerate() {
            let status = pf.pre_filter(state, pod, cache);
            match status.code {
                Code::Success => {}
                Code::Skip => {
                    state.skip_pre_filters |= bit(i);
                    let name = pf.name();
                    for (j, f) in self.filters.iter().enumerate() {
                        if f.name() == name {
                            state.skip_filters |= bit(j);
                        }
                    }
                }
                _ => {
                    return Status {
                        plugin: Some(pf.name()),
                        ..status
                    }
                }
            }
        }
        Status::success()
    }

    /// Runs every filter on one node; the first failure wins.
    pub fn run_filters(
        &self,
        state: &CycleState,
        pod: &PodInfo,
        node: &NodeInfo,
        cache: &Cache,
    ) -> Status {
        for (i, f) in self.filters.iter().enumerate() {
            if state.filter_skipped(i) {
                continue;
            }
            let status = f.filter(state, pod, node, cache);
            if !status.is_success() {
                return Status {
                    plugin: Some(f.name()),
                    ..status
                };
            }
        }
        Status::success()
    }

    /// Runs the filters as Kubernetes does when pods are nominated to the
    /// node: first with the nominated pods of equal or higher priority
    /// counted as running there, then (if that passed) without them, so the
    /// decision holds either way.
    pub fn run_filters_with_nominated(
        &self,
        state: &CycleState,
        pod: &PodInfo,
        node: &NodeInfo,
        cache: &Cache,
    ) -> Status {
        let priority = pod.priority();
        let nominated = cache.nominated_pods(&node.name);
        let counts = |p: &Arc<PodInfo>| p.priority() >= priority && p.uid != pod.uid;
        if nominated.iter().any(counts) {
            let mut state_with = state.clone();
            let mut node_with = node.clone();
            for p in nominated.iter().filter(|p| counts(p)) {
                node_with.add_pod(p.clone());
                self.run_pre_filter_add_pod(&mut state_with, pod, p, &node_with);
            }
            let status = self.run_filters(&state_with, pod, &node_with, cache);
            if !status.is_success() {
                return status;
            }
        }
        self.run_filters(state, pod, node, cache)
    }

    /// Tells every active PreFilter plugin that `added` now runs on `node`.
    pub fn run_pre_filter_add_pod(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        added: &PodInfo,
        node: &NodeInfo,
    ) {
        for (i, pf) in self.pre_filters.iter().enumerate() {
            if state.skip_pre_filters & bit(i) == 0 {
                pf.add_pod(state, pod, added, node);
            }
        }
    }

    /// Tells every active PreFilter plugin that `removed` left `node`.
    pub fn run_pre_filter_remove_pod(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        removed: &PodInfo,
        node: &NodeInfo,
    ) {
        for (i, pf) in self.pre_filters.iter().enumerate() {
            if state.skip_pre_filters & bit(i) == 0 {
                pf.remove_pod(state, pod, removed, node);
            }
        }
    }

    /// Runs every PreScore plugin over the feasible nodes; a plugin returning
    /// `Skip` (or failing) has its Score skipped.
    pub fn run_pre_scores(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        nodes: &[&NodeInfo],
        cache: &Cache,
    ) {
        for ps in &self.pre_scores {
            let status = ps.pre_score(state, pod, nodes, cache);
            if status.code == Code::Success {
                continue;
            }
            if status.code != Code::Skip {
                tracing::debug!(plugin = ps.name(), pod = %pod.key, reasons = ?status.reasons, "PreScore failed; skipping its score");
            }
            let name = ps.name();
            for (j, ws) in self.scores.iter().enumerate() {
                if ws.plugin.name() == name {
                    state.skip_scores |= bit(j);
                }
            }
        }
    }
}

/// Boxed futures without the async-trait crate.
pub mod async_trait_free {
    /// A boxed, sendable future.
    pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
}
