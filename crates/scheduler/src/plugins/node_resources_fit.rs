//! NodeResourcesFit: a pod's requests must fit in what the node has left; the
//! LeastAllocated strategy prefers emptier nodes.

use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{CycleState, Filter, Plugin, Score, Status, MAX_NODE_SCORE};

/// The NodeResourcesFit plugin (LeastAllocated scoring over CPU and memory).
#[derive(Debug, Default)]
pub struct NodeResourcesFit;

impl Plugin for NodeResourcesFit {
    fn name(&self) -> &'static str {
        "NodeResourcesFit"
    }
}

/// Why a pod does not fit a node's resources (empty if it fits).
pub fn insufficient(pod: &PodInfo, node: &NodeInfo) -> Vec<String> {
    let req = &pod.requests;
    let alloc = &node.allocatable;
    let used = &node.requested;
    let mut reasons = Vec::new();
    if used.pods + 1 > alloc.pods {
        reasons.push("Too many pods".to_string());
    }
    if req.milli_cpu > 0 && req.milli_cpu > alloc.milli_cpu - used.milli_cpu {
        reasons.push("Insufficient cpu".to_string());
    }
    if req.memory > 0 && req.memory > alloc.memory - used.memory {
        reasons.push("Insufficient memory".to_string());
    }
    if req.ephemeral_storage > 0
        && req.ephemeral_storage > alloc.ephemeral_storage - used.ephemeral_storage
    {
        reasons.push("Insufficient ephemeral-storage".to_string());
    }
    for (name, amount) in &req.scalars {
        if *amount > 0 && *amount > alloc.scalar(name) - used.scalar(name) {
            reasons.push(format!("Insufficient {name}"));
        }
    }
    reasons
}

impl Filter for NodeResourcesFit {
    fn filter(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        let reasons = insufficient(pod, node);
        if reasons.is_empty() {
            Status::success()
        } else {
            Status {
                code: crate::framework::Code::Unschedulable,
                reasons,
                plugin: None,
            }
        }
    }
}

fn least_allocated(requested: i64, capacity: i64) -> i64 {
    if capacity <= 0 || requested > capacity {
        return 0;
    }
    (capacity - requested) * MAX_NODE_SCORE / capacity
}

impl Score for NodeResourcesFit {
    fn score(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let cpu = least_allocated(
            node.non_zero_requested.0 + pod.non_zero.0,
            node.allocatable.milli_cpu,
        );
        let mem = least_allocated(
            node.non_zero_requested.1 + pod.non_zero.1,
            node.allocatable.memory,
        );
        (cpu + mem) / 2
    }
}

/// NodeResourcesBalancedAllocation: prefers nodes whose CPU and memory use
/// would stay balanced.
#[derive(Debug, Default)]
pub struct BalancedAllocation;

impl Plugin for BalancedAllocation {
    fn name(&self) -> &'static str {
        "NodeResourcesBalancedAllocation"
    }
}

impl Score for BalancedAllocation {
    fn score(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let frac = |req: i64, cap: i64| {
            if cap <= 0 {
                0.0
            } else {
                (req as f64 / cap as f64).min(1.0)
            }
        };
        let cpu = frac(
            node.non_zero_requested.0 + pod.non_zero.0,
            node.allocatable.milli_cpu,
        );
        let mem = frac(
            node.non_zero_requested.1 + pod.non_zero.1,
            node.allocatable.memory,
        );
        // Standard deviation of the two fractions.
        let std = (cpu - mem).abs() / 2.0;
        ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
    }
}
