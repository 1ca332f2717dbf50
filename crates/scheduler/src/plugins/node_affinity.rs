//! NodeAffinity: `nodeSelector` and required node affinity filter nodes;
//! preferred node affinity terms add their weights to a node's score.

use super::helpers::{term_matches, terms_match};
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{CycleState, Filter, Plugin, Score, Status, MAX_NODE_SCORE};

/// The NodeAffinity plugin.
#[derive(Debug, Default)]
pub struct NodeAffinity;

impl Plugin for NodeAffinity {
    fn name(&self) -> &'static str {
        "NodeAffinity"
    }
}

/// Whether the pod's node selector and required node affinity accept the node.
pub fn required_matches(pod: &PodInfo, node: &NodeInfo) -> bool {
    let Some(spec) = pod.pod.spec.as_ref() else {
        return true;
    };
    let labels = node.labels();
    if let Some(sel) = &spec.node_selector {
        if sel.iter().any(|(k, v)| labels.get(k) != Some(v)) {
            return false;
        }
    }
    if let Some(required) = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| {
            na.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
    {
        if !terms_match(&required.node_selector_terms, labels, &node.name) {
            return false;
        }
    }
    true
}

impl Filter for NodeAffinity {
    fn filter(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        if required_matches(pod, node) {
            Status::success()
        } else {
            Status::unresolvable("node(s) didn't match Pod's node affinity/selector")
        }
    }
}

impl Score for NodeAffinity {
    fn score(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let preferred = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.affinity.as_ref())
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|na| {
                na.preferred_during_scheduling_ignored_during_execution
                    .as_ref()
            });
        preferred
            .map(|terms| {
                terms
                    .iter()
                    .filter(|t| {
                        t.weight != 0 && term_matches(&t.preference, node.labels(), &node.name)
                    })
                    .map(|t| i64::from(t.weight))
                    .sum()
            })
            .unwrap_or(0)
    }

    fn normalize(&self, _: &CycleState, scores: &mut [i64]) {
        let max = scores.iter().copied().max().unwrap_or(0);
        if max > 0 {
            for s in scores.iter_mut() {
                *s = *s * MAX_NODE_SCORE / max;
            }
        }
    }
}
