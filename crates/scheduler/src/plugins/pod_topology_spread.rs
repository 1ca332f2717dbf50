//! PodTopologySpread: spreads matching pods evenly over topology domains.
//!
//! `DoNotSchedule` constraints are hard: PreFilter counts, per constraint and
//! domain, the pods in the pod's namespace that match the constraint's
//! selector (terminating pods excluded), and Filter rejects nodes where
//! `count in the node's domain + (1 if the pod matches itself) - global
//! minimum > maxSkew` (the global minimum is 0 while fewer than `minDomains`
//! domains exist). `ScheduleAnyway` constraints are soft: nodes in domains with
//! fewer matching pods score higher. Pods without constraints of their own get
//! the system defaults (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway)
//! with a selector derived from the Services, ReplicationController,
//! ReplicaSet or StatefulSet that select them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use capstan_machinery::selector::labels::{Operator, Requirement, Selector};
use k8s_openapi::api::core::v1::TopologySpreadConstraint;

use super::helpers::has_untolerated_do_not_schedule_taint;
use super::listers::Listers;
use super::node_affinity::required_matches;
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{
    CycleState, Filter, Plugin, PreFilter, PreScore, Score, Status, MAX_NODE_SCORE,
};

/// The well-known hostname label.
pub const LABEL_HOSTNAME: &str = "kubernetes.io/hostname";
/// The well-known zone label.
pub const LABEL_ZONE: &str = "topology.kubernetes.io/zone";
/// Filter failure: the node's domain would be too crowded.
pub const ERR_CONSTRAINTS_NOT_MATCH: &str = "node(s) didn't match pod topology spread constraints";
/// Filter failure: the node lacks a constraint's topology label.
pub const ERR_NODE_LABEL_NOT_MATCH: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";

const PRE_FILTER_KEY: &str = "PreFilterPodTopologySpread";
const PRE_SCORE_KEY: &str = "PreScorePodTopologySpread";
const INVALID_SCORE: i64 = -1;

/// A parsed topology spread constraint.
#[derive(Clone, Debug)]
pub struct Constraint {
    /// maxSkew.
    pub max_skew: i32,
    /// topologyKey.
    pub topology_key: String,
    /// The label selector (with matchLabelKeys merged in).
    pub selector: Selector,
    /// minDomains (1 when unset).
    pub min_domains: i32,
    /// nodeAffinityPolicy is Honor (the default).
    pub honor_node_affinity: bool,
    /// nodeTaintsPolicy is Honor (default Ignore).
    pub honor_node_taints: bool,
}

impl Constraint {
    /// Whether the node's pods count for this constraint, per the node
    /// inclusion policies.
    fn includes(&self, pod: &PodInfo, node: &NodeInfo) -> bool {
        if self.honor_node_affinity && !required_matches(pod, node) {
            return false;
        }
        if self.honor_node_taints {
            let tolerations = pod
                .pod
                .spec
                .as_ref()
                .and_then(|s| s.tolerations.as_deref())
                .unwrap_or(&[]);
            if has_untolerated_do_not_schedule_taint(node.taints(), tolerations) {
                return false;
            }
        }
        true
    }
}

fn has_all_keys(labels: &BTreeMap<String, String>, constraints: &[Constraint]) -> bool {
    constraints
        .iter()
        .all(|c| labels.contains_key(&c.topology_key))
}

/// Matching pods on a node: same namespace, not terminating, selected.
fn count_matching(node: &NodeInfo, selector: &Selector, namespace: &str) -> i64 {
    node.pods
        .values()
        .filter(|p| !p.terminating() && p.namespace() == namespace && selector.matches(p.labels()))
        .count() as i64
}

/// Parses the constraints with the given `whenUnsatisfiable` action.
pub fn parse_constraints(
    constraints: &[TopologySpreadConstraint],
    pod_labels: &BTreeMap<String, String>,
    action: &str,
) -> Result<Vec<Constraint>, String> {
    let mut out = Vec::new();
    for c in constraints
        .iter()
        .filter(|c| c.when_unsatisfiable == action)
    {
        let mut selector =
            Selector::from_label_selector(c.label_selector.as_ref()).map_err(|e| e.to_string())?;
        let keys = c.match_label_keys.as_deref().unwrap_or(&[]);
        let mut extra = Vec::new();
        for key in keys {
            if let Some(value) = pod_labels.get(key) {
                extra.push(
                    Requirement::new(key, Operator::Equals, [value.as_str()])
                        .map_err(|e| e.to_string())?,
                );
            }
        }
        if !extra.is_empty() {
            if selector.is_nothing() {
                selector = Selector::everything();
            }
            for r in extra {
                selector = selector.with_requirement(r);
            }
        }
        out.push(Constraint {
            max_skew: c.max_skew,
            topology_key: c.topology_key.clone(),
            selector,
            min_domains: c.min_domains.unwrap_or(1),
            honor_node_affinity: c.node_affinity_policy.as_deref() != Some("Ignore"),
            honor_node_taints: c.node_taints_policy.as_deref() == Some("Honor"),
        });
    }
    Ok(out)
}

/// Kubernetes' system default constraints.
pub fn system_default_constraints() -> Vec<TopologySpreadConstraint> {
    vec![
        TopologySpreadConstraint {
            max_skew: 3,
            topology_key: LABEL_HOSTNAME.into(),
            when_unsatisfiable: "ScheduleAnyway".into(),
            ..Default::default()
        },
        TopologySpreadConstraint {
            max_skew: 5,
            topology_key: LABEL_ZONE.into(),
            when_unsatisfiable: "ScheduleAnyway".into(),
            ..Default::default()
        },
    ]
}

/// The PodTopologySpread plugin.
pub struct PodTopologySpread {
    listers: Arc<dyn Listers>,
    defaults: Vec<TopologySpreadConstraint>,
}

impl std::fmt::Debug for PodTopologySpread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PodTopologySpread").finish_non_exhaustive()
    }
}

impl PodTopologySpread {
    /// The plugin with the system default constraints.
    pub fn new(listers: Arc<dyn Listers>) -> Self {
        Self {
            listers,
            defaults: system_default_constraints(),
        }
    }

    /// The selector Kubernetes derives for default spreading: the union of the
    /// selectors of Services selecting the pod, plus the selector of its
    /// controlling ReplicationController, ReplicaSet or StatefulSet.
    pub fn default_selector(&self, pod: &PodInfo) -> Selector {
        let ns = pod.namespace();
        let labels = pod.labels();
        let mut set: BTreeMap<String, String> = BTreeMap::new();
        for svc in self.listers.services(ns) {
            let Some(sel) = svc.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
                continue;
            };
            if sel.iter().all(|(k, v)| labels.get(k) == Some(v)) {
                set.extend(sel.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        let from_set = |set: &BTreeMap<String, String>| {
            Selector::from_requirements(
                set.iter()
                    .filter_map(|(k, v)| Requirement::new(k, Operator::Equals, [v.as_str()]).ok())
                    .collect(),
            )
        };
        let mut selector = from_set(&set);
        let Some(owner) = pod
            .pod
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|o| o.controller == Some(true))
        else {
            return selector;
        };
        let workload_selector = match (owner.api_version.as_str(), owner.kind.as_str()) {
            ("v1", "ReplicationController") => {
                if let Some(rc) = self.listers.replication_controller(ns, &owner.name) {
                    if let Some(sel) = rc.spec.as_ref().and_then(|s| s.selector.as_ref()) {
                        set.extend(sel.iter().map(|(k, v)| (k.clone(), v.clone())));
                        selector = from_set(&set);
                    }
                }
                None
            }
            ("apps/v1", "ReplicaSet") => self
                .listers
                .replica_set(ns, &owner.name)
                .and_then(|rs| rs.spec.as_ref().map(|s| s.selector.clone())),
            ("apps/v1", "StatefulSet") => self
                .listers
                .stateful_set(ns, &owner.name)
                .and_then(|ss| ss.spec.as_ref().map(|s| s.selector.clone())),
            _ => None,
        };
        if let Some(sel) = workload_selector {
            if let Ok(other) = Selector::from_label_selector(Some(&sel)) {
                if !other.is_nothing() {
                    for r in other.requirements() {
                        selector = selector.with_requirement(r.clone());
                    }
                }
            }
        }
        selector
    }

    fn default_constraints(&self, pod: &PodInfo, action: &str) -> Result<Vec<Constraint>, String> {
        let mut constraints = parse_constraints(&self.defaults, pod.labels(), action)?;
        if constraints.is_empty() {
            return Ok(constraints);
        }
        let selector = self.default_selector(pod);
        if selector.is_empty() {
            return Ok(Vec::new());
        }
        for c in &mut constraints {
            c.selector = selector.clone();
        }
        Ok(constraints)
    }

    /// The pod's constraints with the given action (its own, else the defaults).
    pub fn constraints(&self, pod: &PodInfo, action: &str) -> Result<Vec<Constraint>, String> {
        let own = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.topology_spread_constraints.as_deref())
            .unwrap_or(&[]);
        if own.is_empty() {
            self.default_constraints(pod, action)
        } else {
            parse_constraints(own, pod.labels(), action)
        }
    }
}

impl Plugin for PodTopologySpread {
    fn name(&self) -> &'static str {
        "PodTopologySpread"
    }
}

/// A domain with its count, one of the two smallest.
#[derive(Clone, Debug)]
struct CriticalPath {
    value: String,
    count: i64,
}

/// The two domains with the fewest matching pods (the first is the minimum).
#[derive(Clone, Debug)]
struct CriticalPaths([CriticalPath; 2]);

impl CriticalPaths {
    fn new() -> Self {
        let empty = CriticalPath {
            value: String::new(),
            count: i64::from(i32::MAX),
        };
        Self([empty.clone(), empty])
    }

    fn update(&mut self, value: &str, count: i64) {
        let p = &mut self.0;
        let existing = if p[0].value == value {
            Some(0)
        } else if p[1].value == value {
            Some(1)
        } else {
            None
        };
        match existing {
            Some(i) => {
                p[i].count = count;
                if p[0].count > p[1].count {
                    p.swap(0, 1);
                }
            }
            None => {
                if count < p[0].count {
                    p[1] = p[0].clone();
                    p[0] = CriticalPath {
                        value: value.to_string(),
                        count,
                    };
                } else if count < p[1].count {
                    p[1] = CriticalPath {
                        value: value.to_string(),
                        count,
                    };
                }
            }
        }
    }
}

/// What PreFilter computed: per constraint, matching pods per domain.
#[derive(Clone, Debug)]
struct PreFilterState {
    constraints: Arc<Vec<Constraint>>,
    paths: Vec<CriticalPaths>,
    counts: Vec<HashMap<String, i64>>,
}

impl PreFilterState {
    fn min_match(&self, i: usize, min_domains: i32) -> i64 {
        if (self.counts[i].len() as i64) < i64::from(min_domains) {
            return 0;
        }
        self.paths[i].0[0].count
    }

    fn update_with_pod(&mut self, pod: &PodInfo, other: &PodInfo, node: &NodeInfo, delta: i64) {
        if other.namespace() != pod.namespace() {
            return;
        }
        let labels = node.labels();
        if !has_all_keys(labels, &self.constraints) {
            return;
        }
        for (i, c) in self.constraints.iter().enumerate() {
            if !c.selector.matches(other.labels()) || !c.includes(pod, node) {
                continue;
            }
            let Some(value) = labels.get(&c.topology_key) else {
                continue;
            };
            let count = self.counts[i].entry(value.clone()).or_insert(0);
            *count += delta;
            let count = *count;
            self.paths[i].update(value, count);
        }
    }
}

impl PreFilter for PodTopologySpread {
    fn pre_filter(&self, state: &mut CycleState, pod: &PodInfo, cache: &Cache) -> Status {
        let constraints = match self.constraints(pod, "DoNotSchedule") {
            Ok(c) => c,
            Err(e) => {
                return Status::error(format!("parsing pod topology spread constraints: {e}"))
            }
        };
        if constraints.is_empty() {
            return Status::skip();
        }
        let ns = pod.namespace();
        let mut counts: Vec<HashMap<String, i64>> = vec![HashMap::new(); constraints.len()];
        for node in cache.nodes() {
            let labels = node.labels();
            if !has_all_keys(labels, &constraints) {
                continue;
            }
            for (i, c) in constraints.iter().enumerate() {
                if !c.includes(pod, node) {
                    continue;
                }
                let Some(value) = labels.get(&c.topology_key) else {
                    continue;
                };
                let n = count_matching(node, &c.selector, ns);
                match counts[i].get_mut(value.as_str()) {
                    Some(total) => *total += n,
                    None => {
                        counts[i].insert(value.clone(), n);
                    }
                }
            }
        }
        let paths = counts
            .iter()
            .map(|domains| {
                let mut p = CriticalPaths::new();
                for (value, n) in domains {
                    p.update(value, *n);
                }
                p
            })
            .collect();
        state.write(
            PRE_FILTER_KEY,
            PreFilterState {
                constraints: Arc::new(constraints),
                paths,
                counts,
            },
        );
        Status::success()
    }

    fn add_pod(&self, state: &mut CycleState, pod: &PodInfo, added: &PodInfo, node: &NodeInfo) {
        if let Some(s) = state.read_mut::<PreFilterState>(PRE_FILTER_KEY) {
            s.update_with_pod(pod, added, node, 1);
        }
    }

    fn remove_pod(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        removed: &PodInfo,
        node: &NodeInfo,
    ) {
        if let Some(s) = state.read_mut::<PreFilterState>(PRE_FILTER_KEY) {
            s.update_with_pod(pod, removed, node, -1);
        }
    }
}

impl Filter for PodTopologySpread {
    fn filter(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        let Some(s) = state.read::<PreFilterState>(PRE_FILTER_KEY) else {
            return Status::success();
        };
        let labels = node.labels();
        for (i, c) in s.constraints.iter().enumerate() {
            let Some(value) = labels.get(&c.topology_key) else {
                return Status::unresolvable(ERR_NODE_LABEL_NOT_MATCH);
            };
            let min = s.min_match(i, c.min_domains);
            let self_match = i64::from(c.selector.matches(pod.labels()));
            let count = s.counts[i].get(value.as_str()).copied().unwrap_or(0);
            if count + self_match - min > i64::from(c.max_skew) {
                return Status::unschedulable(ERR_CONSTRAINTS_NOT_MATCH);
            }
        }
        Status::success()
    }
}

/// What PreScore computed for soft constraints.
#[derive(Clone, Debug)]
struct PreScoreState {
    constraints: Arc<Vec<Constraint>>,
    /// Feasible nodes lacking some topology key (scored 0).
    ignored: HashSet<String>,
    /// Per constraint (except hostname ones, counted in Score): matching pods
    /// per domain of the feasible nodes.
    counts: Vec<HashMap<String, i64>>,
    /// Per constraint: ln(number of domains + 2).
    weights: Vec<f64>,
}

impl PreScore for PodTopologySpread {
    fn pre_score(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        nodes: &[&NodeInfo],
        cache: &Cache,
    ) -> Status {
        if cache.node_count() == 0 {
            return Status::skip();
        }
        let own = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.topology_spread_constraints.as_ref())
            .is_some_and(|c| !c.is_empty());
        let constraints = match self.constraints(pod, "ScheduleAnyway") {
            Ok(c) => c,
            Err(e) => {
                return Status::error(format!("parsing pod topology spread constraints: {e}"))
            }
        };
        if constraints.is_empty() {
            return Status::skip();
        }
        // With the system defaults, nodes without a zone label still get
        // hostname spreading; with the pod's own constraints every topology
        // key must be present.
        let require_all = own;
        let mut ignored = HashSet::new();
        let mut counts: Vec<HashMap<String, i64>> = vec![HashMap::new(); constraints.len()];
        let mut sizes = vec![0usize; constraints.len()];
        let mut seen_unlabeled = vec![false; constraints.len()];
        for node in nodes {
            let labels = node.labels();
            if require_all && !has_all_keys(labels, &constraints) {
                ignored.insert(node.name.clone());
                continue;
            }
            for (i, c) in constraints.iter().enumerate() {
                if c.topology_key == LABEL_HOSTNAME {
                    continue;
                }
                match labels.get(&c.topology_key) {
                    Some(v) if !v.is_empty() => {
                        if !counts[i].contains_key(v.as_str()) {
                            counts[i].insert(v.clone(), 0);
                            sizes[i] += 1;
                        }
                    }
                    labeled_empty => {
                        // Nodes without the label form the "" domain, as in
                        // Kubernetes; it is only ever read for nodes labeled
                        // with an empty value.
                        if labeled_empty.is_some() {
                            counts[i].entry(String::new()).or_insert(0);
                        }
                        if !seen_unlabeled[i] {
                            seen_unlabeled[i] = true;
                            sizes[i] += 1;
                        }
                    }
                }
            }
        }
        let weights = constraints
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let size = if c.topology_key == LABEL_HOSTNAME {
                    nodes.len() - ignored.len()
                } else {
                    sizes[i]
                };
                ((size + 2) as f64).ln()
            })
            .collect();
        if counts.iter().any(|c| !c.is_empty()) {
            let ns = pod.namespace();
            for node in cache.nodes() {
                let labels = node.labels();
                if require_all && !has_all_keys(labels, &constraints) {
                    continue;
                }
                for (i, c) in constraints.iter().enumerate() {
                    if counts[i].is_empty() || c.topology_key == LABEL_HOSTNAME {
                        continue;
                    }
                    let value = labels
                        .get(&c.topology_key)
                        .map(String::as_str)
                        .unwrap_or_default();
                    if !counts[i].contains_key(value) || !c.includes(pod, node) {
                        continue;
                    }
                    let n = count_matching(node, &c.selector, ns);
                    if let Some(total) = counts[i].get_mut(value) {
                        *total += n;
                    }
                }
            }
        }
        state.write(
            PRE_SCORE_KEY,
            PreScoreState {
                constraints: Arc::new(constraints),
                ignored,
                counts,
                weights,
            },
        );
        Status::success()
    }
}

impl Score for PodTopologySpread {
    fn score(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let Some(s) = state.read::<PreScoreState>(PRE_SCORE_KEY) else {
            return 0;
        };
        if !s.ignored.is_empty() && s.ignored.contains(&node.name) {
            return INVALID_SCORE;
        }
        let labels = node.labels();
        let mut score = 0.0;
        for (i, c) in s.constraints.iter().enumerate() {
            let Some(value) = labels.get(&c.topology_key) else {
                continue;
            };
            let count = if c.topology_key == LABEL_HOSTNAME {
                count_matching(node, &c.selector, pod.namespace())
            } else {
                s.counts[i].get(value.as_str()).copied().unwrap_or(0)
            };
            score += count as f64 * s.weights[i] + f64::from(c.max_skew - 1);
        }
        score.round() as i64
    }

    fn normalize(&self, state: &CycleState, scores: &mut [i64]) {
        if state.read::<PreScoreState>(PRE_SCORE_KEY).is_none() {
            return;
        }
        let mut min = i64::MAX;
        let mut max = 0i64;
        for s in scores.iter().filter(|s| **s != INVALID_SCORE) {
            min = min.min(*s);
            max = max.max(*s);
        }
        for s in scores.iter_mut() {
            *s = if *s == INVALID_SCORE {
                0
            } else if max == 0 {
                MAX_NODE_SCORE
            } else {
                MAX_NODE_SCORE * (max + min - *s) / max
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::framework::Code;
    use crate::plugins::listers::StaticListers;
    use crate::plugins::testing::{info, node, place, pod};

    fn plugin() -> (PodTopologySpread, Arc<StaticListers>) {
        let listers = Arc::new(StaticListers::default());
        (PodTopologySpread::new(listers.clone()), listers)
    }

    /// n1, n2 in zone a; n3 in zone b; n4 has no zone label.
    fn zoned_cache() -> Cache {
        let mut cache = Cache::default();
        cache.upsert_node(node("n1", json!({"zone": "a"}), json!({})));
        cache.upsert_node(node("n2", json!({"zone": "a"}), json!({})));
        cache.upsert_node(node("n3", json!({"zone": "b"}), json!({})));
        cache.upsert_node(node("n4", json!({}), json!({})));
        cache
    }

    fn web(name: &str) -> Arc<k8s_openapi::api::core::v1::Pod> {
        pod(name, json!({"metadata": {"labels": {"app": "web"}}}))
    }

    fn spread_pod(name: &str, constraint: serde_json::Value) -> Arc<PodInfo> {
        info(
            name,
            json!({"metadata": {"labels": {"app": "web"}},
                   "spec": {"topologySpreadConstraints": [constraint]}}),
        )
    }

    fn filter_all(pl: &PodTopologySpread, pod: &PodInfo, cache: &Cache) -> Vec<(String, Status)> {
        let mut state = CycleState::default();
        let pre = pl.pre_filter(&mut state, pod, cache);
        assert_eq!(pre.code, Code::Success, "{pre:?}");
        cache
            .nodes()
            .map(|n| (n.name.clone(), pl.filter(&state, pod, n, cache)))
            .collect()
    }

    #[test]
    fn hard_constraint_rejects_crowded_domains() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(&mut cache, "n1", &web("w1"));
        place(&mut cache, "n2", &web("w2"));
        let p = spread_pod(
            "new",
            json!({"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                   "labelSelector": {"matchLabels": {"app": "web"}}}),
        );
        let results = filter_all(&pl, &p, &cache);
        assert_eq!(
            results[0].1,
            Status::unschedulable(ERR_CONSTRAINTS_NOT_MATCH)
        );
        assert_eq!(
            results[1].1,
            Status::unschedulable(ERR_CONSTRAINTS_NOT_MATCH)
        );
        assert!(results[2].1.is_success());
        assert_eq!(results[3].1, Status::unresolvable(ERR_NODE_LABEL_NOT_MATCH));
    }

    #[test]
    fn other_namespaces_terminating_and_unselected_pods_do_not_count() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n1",
            &pod(
                "other-ns",
                json!({"metadata": {"namespace": "x", "labels": {"app": "web"}}}),
            ),
        );
        place(
            &mut cache,
            "n1",
            &pod(
                "leaving",
                json!({"metadata": {"labels": {"app": "web"}, "deletionTimestamp": "2024-01-01T00:00:00Z"}}),
            ),
        );
        place(
            &mut cache,
            "n2",
            &pod("db", json!({"metadata": {"labels": {"app": "db"}}})),
        );
        let p = spread_pod(
            "new",
            json!({"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                   "labelSelector": {"matchLabels": {"app": "web"}}}),
        );
        let results = filter_all(&pl, &p, &cache);
        assert!(
            results[..3].iter().all(|(_, s)| s.is_success()),
            "{results:?}"
        );
    }

    #[test]
    fn min_domains_treats_the_global_minimum_as_zero() {
        let (pl, _) = plugin();
        let mut cache = Cache::default();
        cache.upsert_node(node("n1", json!({"zone": "a"}), json!({})));
        cache.upsert_node(node("n2", json!({"zone": "a"}), json!({})));
        place(&mut cache, "n1", &web("w1"));
        let constraint = |min: i32| {
            json!({"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                   "minDomains": min, "labelSelector": {"matchLabels": {"app": "web"}}})
        };
        // One domain: its own count is the minimum, so another pod fits.
        let results = filter_all(&pl, &spread_pod("p", constraint(1)), &cache);
        assert!(results.iter().all(|(_, s)| s.is_success()));
        // Two domains required but only one exists: minimum 0, skew 2 > 1.
        let results = filter_all(&pl, &spread_pod("p", constraint(2)), &cache);
        assert!(results
            .iter()
            .all(|(_, s)| *s == Status::unschedulable(ERR_CONSTRAINTS_NOT_MATCH)));
    }

    #[test]
    fn node_affinity_policy_decides_which_domains_count() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(&mut cache, "n1", &web("w1"));
        let make = |policy: &str| {
            info(
                "new",
                json!({"metadata": {"labels": {"app": "web"}},
                       "spec": {"nodeSelector": {"zone": "a"},
                                "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone",
                                    "whenUnsatisfiable": "DoNotSchedule", "nodeAffinityPolicy": policy,
                                    "labelSelector": {"matchLabels": {"app": "web"}}}]}}),
            )
        };
        // Honor: zone b is not eligible, so zone a's count (1) is the minimum.
        let results = filter_all(&pl, &make("Honor"), &cache);
        assert!(results[0].1.is_success(), "{results:?}");
        // Ignore: empty zone b is the minimum; 1 + 1 - 0 > 1 in zone a.
        let results = filter_all(&pl, &make("Ignore"), &cache);
        assert_eq!(
            results[0].1,
            Status::unschedulable(ERR_CONSTRAINTS_NOT_MATCH)
        );
    }

    #[test]
    fn node_taints_policy_honor_skips_tainted_nodes() {
        let (pl, _) = plugin();
        let mut cache = Cache::default();
        cache.upsert_node(node("n1", json!({"zone": "a"}), json!({})));
        cache.upsert_node(node(
            "n2",
            json!({"zone": "b"}),
            json!({"spec": {"taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}]}}),
        ));
        place(&mut cache, "n1", &web("w1"));
        let p = spread_pod(
            "new",
            json!({"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                   "nodeTaintsPolicy": "Honor", "labelSelector": {"matchLabels": {"app": "web"}}}),
        );
        let results = filter_all(&pl, &p, &cache);
        assert!(results[0].1.is_success(), "{results:?}");
    }

    #[test]
    fn match_label_keys_narrow_the_selector() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n1",
            &pod(
                "old",
                json!({"metadata": {"labels": {"app": "web", "rev": "1"}}}),
            ),
        );
        let p = info(
            "new",
            json!({"metadata": {"labels": {"app": "web", "rev": "2"}},
                   "spec": {"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone",
                       "whenUnsatisfiable": "DoNotSchedule", "matchLabelKeys": ["rev"],
                       "labelSelector": {"matchLabels": {"app": "web"}}}]}}),
        );
        let results = filter_all(&pl, &p, &cache);
        assert!(
            results[0].1.is_success(),
            "old revision must not count: {results:?}"
        );
    }

    #[test]
    fn add_and_remove_pod_update_the_counts() {
        let (pl, _) = plugin();
        let cache = zoned_cache();
        let p = spread_pod(
            "new",
            json!({"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                   "labelSelector": {"matchLabels": {"app": "web"}}}),
        );
        let mut state = CycleState::default();
        assert!(pl.pre_filter(&mut state, &p, &cache).is_success());
        let n1 = cache.node("n1").cloned();
        let n3 = cache.node("n3").cloned();
        let (Some(n1), Some(n3)) = (n1, n3) else {
            panic!("nodes missing");
        };
        assert!(pl.filter(&state, &p, &n1, &cache).is_success());
        let extra = info("w2", json!({"metadata": {"labels": {"app": "web"}}}));
        pl.add_pod(&mut state, &p, &extra, &n1);
        assert!(!pl.filter(&state, &p, &n1, &cache).is_success());
        assert!(pl.filter(&state, &p, &n3, &cache).is_success());
        pl.remove_pod(&mut state, &p, &extra, &n1);
        assert!(pl.filter(&state, &p, &n1, &cache).is_success());
    }

    fn scores(pl: &PodTopologySpread, pod: &PodInfo, cache: &Cache) -> Option<Vec<i64>> {
        let nodes: Vec<&NodeInfo> = cache.nodes().collect();
        let mut state = CycleState::default();
        if pl.pre_score(&mut state, pod, &nodes, cache).code == Code::Skip {
            return None;
        }
        let mut s: Vec<i64> = nodes.iter().map(|n| pl.score(&state, pod, n)).collect();
        pl.normalize(&state, &mut s);
        Some(s)
    }

    #[test]
    fn soft_constraints_prefer_emptier_domains() {
        let (pl, _) = plugin();
        let mut cache = Cache::default();
        for n in ["n1", "n2", "n3"] {
            cache.upsert_node(node(n, json!({}), json!({})));
        }
        place(&mut cache, "n1", &web("w1"));
        place(&mut cache, "n1", &web("w2"));
        place(&mut cache, "n2", &web("w3"));
        let p = spread_pod(
            "new",
            json!({"maxSkew": 1, "topologyKey": LABEL_HOSTNAME, "whenUnsatisfiable": "ScheduleAnyway",
                   "labelSelector": {"matchLabels": {"app": "web"}}}),
        );
        // Raw scores: count * ln(3 + 2) -> 3, 2, 0; normalized 100*(3+0-s)/3.
        assert_eq!(scores(&pl, &p, &cache), Some(vec![0, 33, 100]));
    }

    #[test]
    fn soft_constraints_ignore_nodes_without_the_key() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(&mut cache, "n1", &web("w1"));
        let p = spread_pod(
            "new",
            json!({"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "ScheduleAnyway",
                   "labelSelector": {"matchLabels": {"app": "web"}}}),
        );
        // Zone a has 1 matching pod, zone b none; n4 lacks the key and scores 0.
        assert_eq!(scores(&pl, &p, &cache), Some(vec![0, 0, 100, 0]));
    }

    #[test]
    fn plain_pods_skip_everything() {
        let (pl, _) = plugin();
        let cache = zoned_cache();
        let p = info("plain", json!({}));
        let mut state = CycleState::default();
        assert_eq!(pl.pre_filter(&mut state, &p, &cache).code, Code::Skip);
        assert_eq!(scores(&pl, &p, &cache), None);
    }

    #[test]
    fn system_defaults_use_the_owners_selector() {
        let (pl, listers) = plugin();
        listers.add_replica_set(
            serde_json::from_value(json!({
                "metadata": {"name": "rs", "namespace": "default"},
                "spec": {"selector": {"matchLabels": {"app": "web"}}},
            }))
            .unwrap_or_default(),
        );
        let mut cache = Cache::default();
        for n in ["n1", "n2"] {
            cache.upsert_node(node(n, json!({}), json!({})));
        }
        for i in 0..4 {
            place(&mut cache, "n1", &web(&format!("w{i}")));
        }
        let owned = info(
            "new",
            json!({"metadata": {"labels": {"app": "web"}, "ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": "rs-uid", "controller": true}]}}),
        );
        let sel = pl.default_selector(&owned);
        assert_eq!(sel.to_string(), "app=web");
        // Hostname maxSkew 3: n1 raw 4*ln(4)+2 = 8, n2 raw 2; normalized
        // 100*(8+2-s)/8. Without zone labels the zone default adds nothing.
        assert_eq!(scores(&pl, &owned, &cache), Some(vec![25, 100]));
        // No owner and no service: no default spreading.
        let bare = info("bare", json!({"metadata": {"labels": {"app": "web"}}}));
        assert_eq!(scores(&pl, &bare, &cache), None);
        // A service selecting the pod is enough.
        listers.add_service(
            serde_json::from_value(json!({
                "metadata": {"name": "svc", "namespace": "default"},
                "spec": {"selector": {"app": "web"}},
            }))
            .unwrap_or_default(),
        );
        assert_eq!(scores(&pl, &bare, &cache), Some(vec![25, 100]));
    }
}
