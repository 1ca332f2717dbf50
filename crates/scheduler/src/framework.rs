//! The scheduling framework: plugin extension points (PreFilter, Filter,
//! PreScore, Score, Reserve, Permit, Bind, PostFilter), per-cycle state and
//! plugin results, as in Kubernetes' scheduler framework.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use async_trait_free::BoxFuture;
use k8s_openapi::api::core::v1::Pod;

use crate::cache::{Cache, NodeInfo, PodInfo};

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
}

impl Status {
    /// Success.
    pub fn success() -> Self {
        Self {
            code: Code::Success,
            reasons: Vec::new(),
        }
    }

    /// Skip.
    pub fn skip() -> Self {
        Self {
            code: Code::Skip,
            reasons: Vec::new(),
        }
    }

    /// Unschedulable with a reason.
    pub fn unschedulable(reason: impl Into<String>) -> Self {
        Self {
            code: Code::Unschedulable,
            reasons: vec![reason.into()],
        }
    }

    /// Unschedulable and unresolvable by preemption.
    pub fn unresolvable(reason: impl Into<String>) -> Self {
        Self {
            code: Code::UnschedulableAndUnresolvable,
            reasons: vec![reason.into()],
        }
    }

    /// An error.
    pub fn error(reason: impl Into<String>) -> Self {
        Self {
            code: Code::Error,
            reasons: vec![reason.into()],
        }
    }

    /// Whether the call passed.
    pub fn is_success(&self) -> bool {
        self.code == Code::Success
    }
}

/// Data plugins share within one scheduling cycle.
#[derive(Default)]
pub struct CycleState {
    data: HashMap<&'static str, Box<dyn Any + Send + Sync>>,
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
    pub fn write<T: Any + Send + Sync>(&mut self, key: &'static str, value: T) {
        self.data.insert(key, Box::new(value));
    }

    /// Reads a value.
    pub fn read<T: Any + Send + Sync>(&self, key: &'static str) -> Option<&T> {
        self.data.get(key).and_then(|v| v.downcast_ref::<T>())
    }
}

/// A plugin: everything has a name.
pub trait Plugin: Send + Sync {
    /// The plugin's name as Kubernetes spells it (e.g. `NodeResourcesFit`).
    fn name(&self) -> &'static str;
}

/// Runs once per cycle before filtering.
pub trait PreFilter: Plugin {
    /// Precomputes state; an unschedulable status rejects the pod outright.
    fn pre_filter(&self, state: &mut CycleState, pod: &PodInfo, cache: &Cache) -> Status;
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
    fn pre_bind<'a>(&'a self, pod: &'a Pod, node: &'a str) -> BoxFuture<'a, Status>;
}

/// Binds a pod to a node.
pub trait Bind: Plugin {
    /// Binds; `Skip` passes to the next binder.
    fn bind<'a>(&'a self, pod: &'a Pod, node: &'a str) -> BoxFuture<'a, Status>;
}

/// Runs when no node fits (preemption).
pub trait PostFilter: Plugin {
    /// Tries to make room; returns the nominated node on success.
    fn post_filter<'a>(
        &'a self,
        pod: &'a PodInfo,
        cache: Arc<parking_lot::Mutex<Cache>>,
        fw: &'a Framework,
    ) -> BoxFuture<'a, Option<String>>;
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

impl Framework {
    /// Runs every filter on one node; the first failure wins.
    pub fn run_filters(
        &self,
        state: &CycleState,
        pod: &PodInfo,
        node: &NodeInfo,
        cache: &Cache,
    ) -> Status {
        for f in &self.filters {
            let status = f.filter(state, pod, node, cache);
            if !status.is_success() {
                return status;
            }
        }
        Status::success()
    }
}

/// Boxed futures without the async-trait crate.
pub mod async_trait_free {
    /// A boxed, sendable future.
    pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
}
