//! TaintToleration: pods must tolerate a node's NoSchedule and NoExecute
//! taints; fewer untolerated PreferNoSchedule taints score higher.

use super::helpers::tolerated;
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{CycleState, Filter, Plugin, Score, Status, MAX_NODE_SCORE};

/// The TaintToleration plugin.
#[derive(Debug, Default)]
pub struct TaintToleration;

impl Plugin for TaintToleration {
    fn name(&self) -> &'static str {
        "TaintToleration"
    }
}

impl Filter for TaintToleration {
    fn filter(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        let tolerations = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.tolerations.as_deref())
            .unwrap_or(&[]);
        for taint in node.taints() {
            if taint.effect != "NoSchedule" && taint.effect != "NoExecute" {
                continue;
            }
            if !tolerated(tolerations, taint) {
                let value = taint.value.as_deref().unwrap_or_default();
                return Status::unresolvable(format!(
                    "node(s) had untolerated taint {{{}: {}}}",
                    taint.key, value
                ));
            }
        }
        Status::success()
    }
}

impl Score for TaintToleration {
    fn score(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let tolerations: Vec<_> = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.tolerations.as_deref())
            .unwrap_or(&[])
            .iter()
            .filter(|t| {
                t.effect
                    .as_deref()
                    .is_none_or(|e| e.is_empty() || e == "PreferNoSchedule")
            })
            .cloned()
            .collect();
        node.taints()
            .iter()
            .filter(|t| t.effect == "PreferNoSchedule" && !tolerated(&tolerations, t))
            .count() as i64
    }

    fn normalize(&self, _: &CycleState, scores: &mut [i64]) {
        // Reverse: the node with the most intolerable taints scores 0.
        let max = scores.iter().copied().max().unwrap_or(0);
        for s in scores.iter_mut() {
            *s = if max == 0 {
                MAX_NODE_SCORE
            } else {
                MAX_NODE_SCORE - (*s * MAX_NODE_SCORE / max)
            };
        }
    }
}
