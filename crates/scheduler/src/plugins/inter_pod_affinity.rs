//! InterPodAffinity: pod affinity and anti-affinity between pods.
//!
//! Required terms filter: a node passes the pod's affinity terms when, for
//! every term, some pod matching the term runs in the node's topology domain
//! (or, for the first pod of a group, no such pod exists anywhere and the pod
//! matches its own terms); it passes the pod's anti-affinity terms when no
//! matching pod runs in the node's domain; and it passes existing pods'
//! required anti-affinity when no pod in the node's domains has a term
//! matching the incoming pod. Preferred terms score both ways: the incoming
//! pod's preferred terms against existing pods, and existing pods' preferred
//! terms (and required affinity terms, with `hardPodAffinityWeight` 1) against
//! the incoming pod; scores are normalized to 0..100.
//!
//! Pods without terms cost nothing while no placed pod has terms: PreFilter
//! and PreScore return `Skip`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use capstan_machinery::selector::labels::Selector;
use k8s_openapi::api::core::v1::{Pod, PodAffinityTerm, WeightedPodAffinityTerm};

use super::helpers::selector;
use super::listers::Listers;
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{
    CycleState, Filter, Plugin, PreFilter, PreScore, Score, Status, MAX_NODE_SCORE,
};

/// Filter failure: the pod's required affinity is not satisfied.
pub const ERR_AFFINITY_NOT_MATCH: &str = "node(s) didn't match pod affinity rules";
/// Filter failure: the pod's required anti-affinity is violated.
pub const ERR_ANTI_AFFINITY_NOT_MATCH: &str = "node(s) didn't match pod anti-affinity rules";
/// Filter failure: an existing pod's required anti-affinity would be violated.
pub const ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

const PRE_FILTER_KEY: &str = "PreFilterInterPodAffinity";
const PRE_SCORE_KEY: &str = "PreScoreInterPodAffinity";

static NO_LABELS: BTreeMap<String, String> = BTreeMap::new();

/// A parsed pod affinity term.
#[derive(Clone, Debug)]
pub struct AffinityTerm {
    /// Namespaces the term selects pods in.
    pub namespaces: Vec<String>,
    /// Namespaces selected by label (nothing when unset).
    pub namespace_selector: Selector,
    /// Pods selected by label.
    pub selector: Selector,
    /// The topology key.
    pub topology_key: String,
}

impl AffinityTerm {
    fn new(pod_namespace: &str, term: &PodAffinityTerm) -> Self {
        let listed = term.namespaces.as_deref().unwrap_or(&[]);
        let namespaces = if listed.is_empty() && term.namespace_selector.is_none() {
            vec![pod_namespace.to_string()]
        } else {
            listed.to_vec()
        };
        Self {
            namespaces,
            namespace_selector: selector(term.namespace_selector.as_ref()),
            selector: selector(term.label_selector.as_ref()),
            topology_key: term.topology_key.clone(),
        }
    }

    /// Whether the term selects `pod`, given the labels of the pod's namespace
    /// (only consulted when the term has a namespace selector).
    pub fn matches(
        &self,
        pod: &PodInfo,
        namespace_labels: Option<&BTreeMap<String, String>>,
    ) -> bool {
        let ns = pod.namespace();
        let ns_ok = self.namespaces.iter().any(|n| n == ns)
            || self
                .namespace_selector
                .matches(namespace_labels.unwrap_or(&NO_LABELS));
        ns_ok && self.selector.matches(pod.labels())
    }

    /// Resolves a namespace selector into namespace names (Kubernetes does
    /// this for the incoming pod's terms, whose namespace labels are then not
    /// needed when matching other pods).
    fn merge_namespaces(&mut self, listers: &dyn Listers) {
        if self.namespace_selector.is_empty() || self.namespace_selector.is_nothing() {
            return;
        }
        for ns in listers.namespaces() {
            let labels = ns.metadata.labels.as_ref().unwrap_or(&NO_LABELS);
            if self.namespace_selector.matches(labels) {
                if let Some(name) = &ns.metadata.name {
                    if !self.namespaces.contains(name) {
                        self.namespaces.push(name.clone());
                    }
                }
            }
        }
        self.namespace_selector = Selector::nothing();
    }
}

/// A parsed preferred term with its weight.
#[derive(Clone, Debug)]
pub struct WeightedAffinityTerm {
    /// The term.
    pub term: AffinityTerm,
    /// Its weight (1..100).
    pub weight: i64,
}

/// A pod's parsed pod affinity and anti-affinity.
#[derive(Clone, Debug, Default)]
pub struct PodAffinityTerms {
    /// Required affinity terms.
    pub required_affinity: Vec<AffinityTerm>,
    /// Required anti-affinity terms.
    pub required_anti_affinity: Vec<AffinityTerm>,
    /// Preferred affinity terms.
    pub preferred_affinity: Vec<WeightedAffinityTerm>,
    /// Preferred anti-affinity terms.
    pub preferred_anti_affinity: Vec<WeightedAffinityTerm>,
}

impl PodAffinityTerms {
    /// Parses the pod's terms; `None` when it declares neither pod affinity
    /// nor pod anti-affinity.
    pub fn parse(pod: &Pod) -> Option<Self> {
        let affinity = pod.spec.as_ref()?.affinity.as_ref()?;
        if affinity.pod_affinity.is_none() && affinity.pod_anti_affinity.is_none() {
            return None;
        }
        let ns = pod.metadata.namespace.as_deref().unwrap_or_default();
        let required = |terms: Option<&Vec<PodAffinityTerm>>| -> Vec<AffinityTerm> {
            terms
                .into_iter()
                .flatten()
                .map(|t| AffinityTerm::new(ns, t))
                .collect()
        };
        let preferred =
            |terms: Option<&Vec<WeightedPodAffinityTerm>>| -> Vec<WeightedAffinityTerm> {
                terms
                    .into_iter()
                    .flatten()
                    .map(|t| WeightedAffinityTerm {
                        term: AffinityTerm::new(ns, &t.pod_affinity_term),
                        weight: i64::from(t.weight),
                    })
                    .collect()
            };
        let pa = affinity.pod_affinity.as_ref();
        let paa = affinity.pod_anti_affinity.as_ref();
        Some(Self {
            required_affinity: required(pa.and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })),
            required_anti_affinity: required(paa.and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })),
            preferred_affinity: preferred(pa.and_then(|a| {
                a.preferred_during_scheduling_ignored_during_execution
                    .as_ref()
            })),
            preferred_anti_affinity: preferred(paa.and_then(|a| {
                a.preferred_during_scheduling_ignored_during_execution
                    .as_ref()
            })),
        })
    }
}

/// Counts per topology key and value.
type TopologyCounts = HashMap<String, HashMap<String, i64>>;

fn update_counts(counts: &mut TopologyCounts, node: &NodeInfo, key: &str, delta: i64) {
    let Some(value) = node.labels().get(key) else {
        return;
    };
    // Look up before inserting: the keys are only allocated for new entries.
    if !counts.contains_key(key) {
        counts.insert(key.to_string(), HashMap::new());
    }
    let Some(values) = counts.get_mut(key) else {
        return;
    };
    let n = match values.get_mut(value.as_str()) {
        Some(n) => {
            *n += delta;
            *n
        }
        None => {
            values.insert(value.clone(), delta);
            delta
        }
    };
    if n == 0 {
        values.remove(value.as_str());
        if values.is_empty() {
            counts.remove(key);
        }
    }
}

fn count_at(counts: &TopologyCounts, key: &str, value: &str) -> i64 {
    counts
        .get(key)
        .and_then(|v| v.get(value))
        .copied()
        .unwrap_or(0)
}

fn matches_all(terms: &[AffinityTerm], pod: &PodInfo) -> bool {
    !terms.is_empty() && terms.iter().all(|t| t.matches(pod, None))
}

/// The InterPodAffinity plugin.
pub struct InterPodAffinity {
    listers: Arc<dyn Listers>,
    hard_pod_affinity_weight: i64,
}

impl std::fmt::Debug for InterPodAffinity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InterPodAffinity")
            .field("hard_pod_affinity_weight", &self.hard_pod_affinity_weight)
            .finish_non_exhaustive()
    }
}

impl InterPodAffinity {
    /// The plugin with Kubernetes' default `hardPodAffinityWeight` (1).
    pub fn new(listers: Arc<dyn Listers>) -> Self {
        Self {
            listers,
            hard_pod_affinity_weight: 1,
        }
    }
}

impl Plugin for InterPodAffinity {
    fn name(&self) -> &'static str {
        "InterPodAffinity"
    }
}

/// What PreFilter computed.
#[derive(Clone, Debug)]
struct PreFilterState {
    /// The incoming pod's required terms, namespace selectors resolved.
    affinity_terms: Arc<Vec<AffinityTerm>>,
    anti_affinity_terms: Arc<Vec<AffinityTerm>>,
    /// Labels of the incoming pod's namespace.
    namespace_labels: Arc<BTreeMap<String, String>>,
    /// Domains holding pods whose required anti-affinity matches the pod.
    existing_anti: TopologyCounts,
    /// Domains holding pods matching all the pod's affinity terms.
    affinity: TopologyCounts,
    /// Domains holding pods matching the pod's anti-affinity terms.
    anti_affinity: TopologyCounts,
}

impl PreFilterState {
    fn update_with_pod(
        &mut self,
        other: &PodInfo,
        node: &NodeInfo,
        delta: i64,
        incoming: &PodInfo,
    ) {
        if let Some(terms) = &other.affinity {
            for t in &terms.required_anti_affinity {
                if t.matches(incoming, Some(&self.namespace_labels)) {
                    update_counts(&mut self.existing_anti, node, &t.topology_key, delta);
                }
            }
        }
        if matches_all(&self.affinity_terms, other) {
            for t in self.affinity_terms.iter() {
                update_counts(&mut self.affinity, node, &t.topology_key, delta);
            }
        }
        for t in self.anti_affinity_terms.iter() {
            if t.matches(other, None) {
                update_counts(&mut self.anti_affinity, node, &t.topology_key, delta);
            }
        }
    }
}

impl PreFilter for InterPodAffinity {
    fn pre_filter(&self, state: &mut CycleState, pod: &PodInfo, cache: &Cache) -> Status {
        let own = pod.affinity.as_deref();
        let no_required = own
            .is_none_or(|a| a.required_affinity.is_empty() && a.required_anti_affinity.is_empty());
        if no_required && !cache.any_required_anti_affinity_pods() {
            return Status::skip();
        }
        let namespace_labels = Arc::new(self.listers.namespace_labels(pod.namespace()));
        let mut existing_anti = TopologyCounts::new();
        for node in cache.nodes_with_required_anti_affinity_pods() {
            for other in node.pods.values() {
                let Some(terms) = &other.affinity else {
                    continue;
                };
                for t in &terms.required_anti_affinity {
                    if t.matches(pod, Some(&namespace_labels)) {
                        update_counts(&mut existing_anti, node, &t.topology_key, 1);
                    }
                }
            }
        }
        let mut affinity_terms = own.map(|a| a.required_affinity.clone()).unwrap_or_default();
        let mut anti_affinity_terms = own
            .map(|a| a.required_anti_affinity.clone())
            .unwrap_or_default();
        for t in affinity_terms
            .iter_mut()
            .chain(anti_affinity_terms.iter_mut())
        {
            t.merge_namespaces(self.listers.as_ref());
        }
        let mut affinity = TopologyCounts::new();
        let mut anti_affinity = TopologyCounts::new();
        if !no_required {
            for node in cache.nodes() {
                for other in node.pods.values() {
                    if matches_all(&affinity_terms, other) {
                        for t in &affinity_terms {
                            update_counts(&mut affinity, node, &t.topology_key, 1);
                        }
                    }
                    for t in &anti_affinity_terms {
                        if t.matches(other, None) {
                            update_counts(&mut anti_affinity, node, &t.topology_key, 1);
                        }
                    }
                }
            }
        }
        if existing_anti.is_empty() && no_required {
            return Status::skip();
        }
        state.write(
            PRE_FILTER_KEY,
            PreFilterState {
                affinity_terms: Arc::new(affinity_terms),
                anti_affinity_terms: Arc::new(anti_affinity_terms),
                namespace_labels,
                existing_anti,
                affinity,
                anti_affinity,
            },
        );
        Status::success()
    }

    fn add_pod(&self, state: &mut CycleState, pod: &PodInfo, added: &PodInfo, node: &NodeInfo) {
        if let Some(s) = state.read_mut::<PreFilterState>(PRE_FILTER_KEY) {
            s.update_with_pod(added, node, 1, pod);
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
            s.update_with_pod(removed, node, -1, pod);
        }
    }
}

fn satisfies_affinity(s: &PreFilterState, pod: &PodInfo, node: &NodeInfo) -> bool {
    let labels = node.labels();
    let mut pods_exist = true;
    for t in s.affinity_terms.iter() {
        let Some(value) = labels.get(&t.topology_key) else {
            return false;
        };
        if count_at(&s.affinity, &t.topology_key, value) <= 0 {
            pods_exist = false;
        }
    }
    // The first pod of a group with affinity to itself may go anywhere the
    // topology keys exist, as long as no pod matches the terms anywhere.
    pods_exist || (s.affinity.is_empty() && matches_all(&s.affinity_terms, pod))
}

fn satisfies_anti_affinity(s: &PreFilterState, node: &NodeInfo) -> bool {
    if s.anti_affinity.is_empty() {
        return true;
    }
    let labels = node.labels();
    !s.anti_affinity_terms.iter().any(|t| {
        labels
            .get(&t.topology_key)
            .is_some_and(|v| count_at(&s.anti_affinity, &t.topology_key, v) > 0)
    })
}

fn satisfies_existing_anti_affinity(s: &PreFilterState, node: &NodeInfo) -> bool {
    let labels = node.labels();
    !s.existing_anti.iter().any(|(key, values)| {
        labels
            .get(key)
            .is_some_and(|v| values.get(v).is_some_and(|n| *n > 0))
    })
}

impl Filter for InterPodAffinity {
    fn filter(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        let Some(s) = state.read::<PreFilterState>(PRE_FILTER_KEY) else {
            return Status::success();
        };
        if !satisfies_affinity(s, pod, node) {
            return Status::unresolvable(ERR_AFFINITY_NOT_MATCH);
        }
        if !satisfies_anti_affinity(s, node) {
            return Status::unschedulable(ERR_ANTI_AFFINITY_NOT_MATCH);
        }
        if !satisfies_existing_anti_affinity(s, node) {
            return Status::unschedulable(ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH);
        }
        Status::success()
    }
}

/// What PreScore computed: score per topology key and value.
#[derive(Clone, Debug)]
struct PreScoreState {
    topology_score: TopologyCounts,
}

fn add_score(scores: &mut TopologyCounts, node: &NodeInfo, key: &str, amount: i64) {
    let Some(value) = node.labels().get(key) else {
        return;
    };
    if !scores.contains_key(key) {
        scores.insert(key.to_string(), HashMap::new());
    }
    if let Some(values) = scores.get_mut(key) {
        match values.get_mut(value.as_str()) {
            Some(n) => *n += amount,
            None => {
                values.insert(value.clone(), amount);
            }
        }
    }
}

impl PreScore for InterPodAffinity {
    fn pre_score(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        nodes: &[&NodeInfo],
        cache: &Cache,
    ) -> Status {
        if nodes.is_empty() {
            return Status::skip();
        }
        let own = pod.affinity.as_deref();
        let has_preferred = own.is_some_and(|a| {
            !a.preferred_affinity.is_empty() || !a.preferred_anti_affinity.is_empty()
        });
        if !has_preferred && !cache.any_affinity_pods() {
            return Status::skip();
        }
        let mut preferred = own
            .map(|a| a.preferred_affinity.clone())
            .unwrap_or_default();
        let mut preferred_anti = own
            .map(|a| a.preferred_anti_affinity.clone())
            .unwrap_or_default();
        for t in preferred.iter_mut().chain(preferred_anti.iter_mut()) {
            t.term.merge_namespaces(self.listers.as_ref());
        }
        let namespace_labels = self.listers.namespace_labels(pod.namespace());
        let mut scores = TopologyCounts::new();
        let mut visit = |node: &NodeInfo| {
            if node.labels().is_empty() {
                return;
            }
            for other in node.pods.values() {
                let terms = other.affinity.as_deref();
                if !has_preferred && terms.is_none() {
                    continue;
                }
                for t in &preferred {
                    if t.term.matches(other, None) {
                        add_score(&mut scores, node, &t.term.topology_key, t.weight);
                    }
                }
                for t in &preferred_anti {
                    if t.term.matches(other, None) {
                        add_score(&mut scores, node, &t.term.topology_key, -t.weight);
                    }
                }
                let Some(terms) = terms else {
                    continue;
                };
                if self.hard_pod_affinity_weight > 0 {
                    for t in &terms.required_affinity {
                        if t.matches(pod, Some(&namespace_labels)) {
                            add_score(
                                &mut scores,
                                node,
                                &t.topology_key,
                                self.hard_pod_affinity_weight,
                            );
                        }
                    }
                }
                for t in &terms.preferred_affinity {
                    if t.term.matches(pod, Some(&namespace_labels)) {
                        add_score(&mut scores, node, &t.term.topology_key, t.weight);
                    }
                }
                for t in &terms.preferred_anti_affinity {
                    if t.term.matches(pod, Some(&namespace_labels)) {
                        add_score(&mut scores, node, &t.term.topology_key, -t.weight);
                    }
                }
            }
        };
        if has_preferred {
            cache.nodes().for_each(&mut visit);
        } else {
            cache.nodes_with_affinity_pods().for_each(&mut visit);
        }
        if scores.is_empty() {
            return Status::skip();
        }
        state.write(
            PRE_SCORE_KEY,
            PreScoreState {
                topology_score: scores,
            },
        );
        Status::success()
    }
}

impl Score for InterPodAffinity {
    fn score(&self, state: &CycleState, _: &PodInfo, node: &NodeInfo) -> i64 {
        let Some(s) = state.read::<PreScoreState>(PRE_SCORE_KEY) else {
            return 0;
        };
        let labels = node.labels();
        s.topology_score
            .iter()
            .filter_map(|(key, values)| labels.get(key).and_then(|v| values.get(v)))
            .sum()
    }

    fn normalize(&self, state: &CycleState, scores: &mut [i64]) {
        let Some(s) = state.read::<PreScoreState>(PRE_SCORE_KEY) else {
            return;
        };
        if s.topology_score.is_empty() {
            return;
        }
        let min = scores.iter().copied().min().unwrap_or(0);
        let max = scores.iter().copied().max().unwrap_or(0);
        let diff = max - min;
        for v in scores.iter_mut() {
            *v = if diff > 0 {
                (MAX_NODE_SCORE as f64 * ((*v - min) as f64 / diff as f64)) as i64
            } else {
                0
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::framework::Code;
    use crate::plugins::listers::StaticListers;
    use crate::plugins::testing::{info, node, place, pod};

    fn plugin() -> (InterPodAffinity, Arc<StaticListers>) {
        let listers = Arc::new(StaticListers::default());
        (InterPodAffinity::new(listers.clone()), listers)
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

    fn term(app: &str, key: &str) -> Value {
        json!({"labelSelector": {"matchLabels": {"app": app}}, "topologyKey": key})
    }

    fn with_affinity(name: &str, app: &str, affinity: Value) -> Arc<PodInfo> {
        info(
            name,
            json!({"metadata": {"labels": {"app": app}}, "spec": {"affinity": affinity}}),
        )
    }

    fn filter_all(pl: &InterPodAffinity, pod: &PodInfo, cache: &Cache) -> Option<Vec<Status>> {
        let mut state = CycleState::default();
        if pl.pre_filter(&mut state, pod, cache).code == Code::Skip {
            return None;
        }
        Some(
            cache
                .nodes()
                .map(|n| pl.filter(&state, pod, n, cache))
                .collect(),
        )
    }

    #[test]
    fn required_anti_affinity_keeps_pods_apart() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n1",
            &pod("w1", json!({"metadata": {"labels": {"app": "web"}}})),
        );
        let p = with_affinity(
            "w2",
            "web",
            json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("web", "kubernetes.io/hostname")]}}),
        );
        let r = filter_all(&pl, &p, &cache).unwrap_or_default();
        assert_eq!(r[0], Status::unschedulable(ERR_ANTI_AFFINITY_NOT_MATCH));
        assert!(r[1..].iter().all(Status::is_success), "{r:?}");
        // Zone-wide anti-affinity blocks the whole zone.
        let p = with_affinity(
            "w2",
            "web",
            json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("web", "zone")]}}),
        );
        let r = filter_all(&pl, &p, &cache).unwrap_or_default();
        assert!(!r[0].is_success() && !r[1].is_success());
        assert!(r[2].is_success() && r[3].is_success(), "{r:?}");
    }

    #[test]
    fn required_affinity_follows_matching_pods_domains() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n1",
            &pod("db", json!({"metadata": {"labels": {"app": "db"}}})),
        );
        let p = with_affinity(
            "web",
            "web",
            json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("db", "zone")]}}),
        );
        let r = filter_all(&pl, &p, &cache).unwrap_or_default();
        assert!(r[0].is_success() && r[1].is_success(), "{r:?}");
        assert_eq!(r[2], Status::unresolvable(ERR_AFFINITY_NOT_MATCH));
        assert_eq!(r[3], Status::unresolvable(ERR_AFFINITY_NOT_MATCH));
    }

    #[test]
    fn first_pod_of_a_group_may_land_where_the_keys_exist() {
        let (pl, _) = plugin();
        let cache = zoned_cache();
        let own = with_affinity(
            "db1",
            "db",
            json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("db", "zone")]}}),
        );
        let r = filter_all(&pl, &own, &cache).unwrap_or_default();
        assert!(r[..3].iter().all(Status::is_success), "{r:?}");
        assert!(!r[3].is_success(), "node without the key: {r:?}");
        let stranger = with_affinity(
            "web",
            "web",
            json!({"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("db", "zone")]}}),
        );
        let r = filter_all(&pl, &stranger, &cache).unwrap_or_default();
        assert!(r.iter().all(|s| !s.is_success()), "{r:?}");
    }

    #[test]
    fn existing_pods_anti_affinity_is_respected() {
        let (pl, listers) = plugin();
        let mut cache = zoned_cache();
        let guard = pod(
            "guard",
            json!({"metadata": {"labels": {"app": "guard"}},
                   "spec": {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                       {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname",
                        "namespaceSelector": {"matchLabels": {"team": "x"}}}]}}}}),
        );
        place(&mut cache, "n1", &guard);
        let web = info("w", json!({"metadata": {"labels": {"app": "web"}}}));
        // The namespace lacks the label: the term does not select the pod.
        assert!(filter_all(&pl, &web, &cache).is_none());
        listers.add_namespace(
            serde_json::from_value(
                json!({"metadata": {"name": "default", "labels": {"team": "x"}}}),
            )
            .unwrap_or_default(),
        );
        let r = filter_all(&pl, &web, &cache).unwrap_or_default();
        assert_eq!(
            r[0],
            Status::unschedulable(ERR_EXISTING_ANTI_AFFINITY_NOT_MATCH)
        );
        assert!(r[1..].iter().all(Status::is_success));
    }

    #[test]
    fn namespaces_limit_the_terms() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n1",
            &pod("w1", json!({"metadata": {"labels": {"app": "web"}}})),
        );
        let mut t = term("web", "kubernetes.io/hostname");
        t["namespaces"] = json!(["other"]);
        let p = with_affinity(
            "w2",
            "web",
            json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [t]}}),
        );
        let r = filter_all(&pl, &p, &cache).unwrap_or_default();
        assert!(r.iter().all(Status::is_success), "{r:?}");
    }

    #[test]
    fn plain_pods_skip_when_no_terms_apply() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        let plain = info("plain", json!({"metadata": {"labels": {"app": "plain"}}}));
        assert!(filter_all(&pl, &plain, &cache).is_none());
        let mut state = CycleState::default();
        let nodes: Vec<&NodeInfo> = cache.nodes().collect();
        assert_eq!(
            pl.pre_score(&mut state, &plain, &nodes, &cache).code,
            Code::Skip
        );
        // An anti-affinity pod elsewhere that does not select the pod.
        place(
            &mut cache,
            "n1",
            &pod(
                "g",
                json!({"spec": {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("web", "zone")]}}}}),
            ),
        );
        assert!(filter_all(&pl, &plain, &cache).is_none());
    }

    fn scores(pl: &InterPodAffinity, pod: &PodInfo, cache: &Cache) -> Vec<i64> {
        let nodes: Vec<&NodeInfo> = cache.nodes().collect();
        let mut state = CycleState::default();
        let _ = pl.pre_score(&mut state, pod, &nodes, cache);
        let mut s: Vec<i64> = nodes.iter().map(|n| pl.score(&state, pod, n)).collect();
        pl.normalize(&state, &mut s);
        s
    }

    #[test]
    fn preferred_terms_score_both_ways() {
        let (pl, _) = plugin();
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n1",
            &pod("db", json!({"metadata": {"labels": {"app": "db"}}})),
        );
        place(
            &mut cache,
            "n3",
            &pod("cache", json!({"metadata": {"labels": {"app": "cache"}}})),
        );
        let p = with_affinity(
            "web",
            "web",
            json!({
                "podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": 10, "podAffinityTerm": term("db", "kubernetes.io/hostname")}]},
                "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": 5, "podAffinityTerm": term("cache", "zone")}]},
            }),
        );
        // Raw: n1 +10, n2 0, n3 -5, n4 0 -> (s+5)*100/15.
        assert_eq!(scores(&pl, &p, &cache), vec![100, 33, 0, 33]);
        // An existing pod's required affinity to web attracts web (weight 1).
        let mut cache = zoned_cache();
        place(
            &mut cache,
            "n3",
            &pod(
                "sidecar",
                json!({"spec": {"affinity": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("web", "zone")]}}}}),
            ),
        );
        let plain = info("web", json!({"metadata": {"labels": {"app": "web"}}}));
        assert_eq!(scores(&pl, &plain, &cache), vec![0, 0, 100, 0]);
    }

    #[test]
    fn add_and_remove_pod_update_the_counts() {
        let (pl, _) = plugin();
        let cache = zoned_cache();
        let p = with_affinity(
            "w",
            "web",
            json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [term("web", "kubernetes.io/hostname")]}}),
        );
        let mut state = CycleState::default();
        assert!(pl.pre_filter(&mut state, &p, &cache).is_success());
        let Some(n1) = cache.node("n1").cloned() else {
            panic!("n1 missing");
        };
        let other = info("w0", json!({"metadata": {"labels": {"app": "web"}}}));
        assert!(pl.filter(&state, &p, &n1, &cache).is_success());
        pl.add_pod(&mut state, &p, &other, &n1);
        assert!(!pl.filter(&state, &p, &n1, &cache).is_success());
        pl.remove_pod(&mut state, &p, &other, &n1);
        assert!(pl.filter(&state, &p, &n1, &cache).is_success());
    }
}
