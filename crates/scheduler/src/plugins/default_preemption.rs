//! DefaultPreemption: when no node fits, make room by evicting lower-priority
//! pods from one node.
//!
//! For every node that failed with a resolvable status, a copy of the node
//! loses all pods of lower priority than the preemptor; if the preemptor then
//! passes the filters, victims are reprieved one by one (PodDisruptionBudget
//! violators first, each group from the highest priority down) while it still
//! fits. Among the candidate nodes the one with the fewest budget violations,
//! then the lowest highest-victim priority, the smallest priority sum, the
//! fewest victims and the latest start of its most important victims wins.
//! Its victims get a `DisruptionTarget` condition, a `Preempted` event and are
//! deleted; the preemptor is nominated to the node, where the space is held
//! for it against lower-priority pods until it is scheduled.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use capstan_machinery::selector::labels::Selector;
use capstan_runtime::events::{reference, EventType, Recorder};
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, DeleteParams, Patch, PatchParams};
use kube::Client;
use parking_lot::Mutex;
use rand::Rng;
use serde_json::json;

use super::helpers::selector;
use super::listers::Listers;
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::async_trait_free::BoxFuture;
use crate::framework::{Code, CycleState, Framework, Plugin, PostFilter, PostFilterResult, Status};
use crate::scheduler::Diagnosis;

/// Status of a node where no lower-priority pods run.
pub const NO_VICTIMS: &str = "No preemption victims found for incoming pod";
/// Status of nodes where preemption cannot help.
pub const NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
/// At least this share of the potential nodes is tried (percent).
const MIN_CANDIDATE_NODES_PERCENTAGE: usize = 10;
/// At least this many potential nodes are tried.
const MIN_CANDIDATE_NODES_ABSOLUTE: usize = 100;

/// A node where preemption would make the pod fit.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The node.
    pub node: String,
    /// Pods to evict, most important first.
    pub victims: Vec<Arc<PodInfo>>,
    /// How many victims violate a PodDisruptionBudget.
    pub pdb_violations: usize,
}

/// A PodDisruptionBudget reduced to what preemption needs.
#[derive(Clone, Debug)]
pub struct Budget {
    namespace: String,
    selector: Selector,
    allowed: i32,
    disrupted: HashSet<String>,
}

/// The DefaultPreemption plugin.
pub struct DefaultPreemption {
    client: Option<Client>,
    recorder: Option<Recorder>,
    listers: Arc<dyn Listers>,
}

impl std::fmt::Debug for DefaultPreemption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DefaultPreemption").finish_non_exhaustive()
    }
}

impl Plugin for DefaultPreemption {
    fn name(&self) -> &'static str {
        "DefaultPreemption"
    }
}

fn start_nanos(pod: &PodInfo) -> i128 {
    pod.pod
        .status
        .as_ref()
        .and_then(|s| s.start_time.as_ref())
        .map(|t| t.0.as_nanosecond())
        .unwrap_or_else(|| jiff::Timestamp::now().as_nanosecond())
}

/// Kubernetes' "more important" order: higher priority, then started earlier.
fn more_important_first(a: &Arc<PodInfo>, b: &Arc<PodInfo>) -> std::cmp::Ordering {
    b.priority()
        .cmp(&a.priority())
        .then_with(|| start_nanos(a).cmp(&start_nanos(b)))
}

fn terminating_by_preemption(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
        && pod
            .status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|c| {
                c.iter().any(|c| {
                    c.type_ == "DisruptionTarget"
                        && c.status == "True"
                        && c.reason.as_deref() == Some("PreemptionByScheduler")
                })
            })
}

/// The budgets in the cluster.
pub fn budgets(listers: &dyn Listers) -> Vec<Budget> {
    listers
        .pdbs()
        .iter()
        .map(|pdb| Budget {
            namespace: pdb.metadata.namespace.clone().unwrap_or_default(),
            selector: selector(pdb.spec.as_ref().and_then(|s| s.selector.as_ref())),
            allowed: pdb
                .status
                .as_ref()
                .map(|s| s.disruptions_allowed)
                .unwrap_or(0),
            disrupted: pdb
                .status
                .as_ref()
                .and_then(|s| s.disrupted_pods.as_ref())
                .map(|d| d.keys().cloned().collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// Splits pods into those whose eviction would violate a budget and the rest.
fn split_by_budget(
    pods: Vec<Arc<PodInfo>>,
    budgets: &[Budget],
) -> (Vec<Arc<PodInfo>>, Vec<Arc<PodInfo>>) {
    let mut allowed: Vec<i32> = budgets.iter().map(|b| b.allowed).collect();
    let mut violating = Vec::new();
    let mut fine = Vec::new();
    for p in pods {
        let mut violated = false;
        if !p.labels().is_empty() {
            let name = p.pod.metadata.name.as_deref().unwrap_or_default();
            for (i, b) in budgets.iter().enumerate() {
                if b.namespace != p.namespace()
                    || b.selector.is_empty()
                    || !b.selector.matches(p.labels())
                    || b.disrupted.contains(name)
                {
                    continue;
                }
                allowed[i] -= 1;
                if allowed[i] < 0 {
                    violated = true;
                }
            }
        }
        if violated {
            violating.push(p);
        } else {
            fine.push(p);
        }
    }
    (violating, fine)
}

/// Picks the candidate Kubernetes would: fewest budget violations, lowest
/// most-important victim, smallest priority sum, fewest victims, latest start
/// of the most important victims, then the first.
pub fn pick_candidate(candidates: &[Candidate]) -> Option<&Candidate> {
    type Criterion = fn(&Candidate) -> i128;
    let criteria: [Criterion; 5] = [
        |c| -(c.pdb_violations as i128),
        |c| -i128::from(c.victims.first().map(|p| p.priority()).unwrap_or(0)),
        |c| {
            -c.victims
                .iter()
                .map(|p| i128::from(p.priority()) + i128::from(i32::MAX) + 1)
                .sum::<i128>()
        },
        |c| -(c.victims.len() as i128),
        |c| {
            let top = c.victims.iter().map(|p| p.priority()).max().unwrap_or(0);
            c.victims
                .iter()
                .filter(|p| p.priority() == top)
                .map(|p| start_nanos(p))
                .min()
                .unwrap_or(i128::MIN)
        },
    ];
    let mut remaining: Vec<&Candidate> = candidates.iter().collect();
    for criterion in criteria {
        if remaining.len() <= 1 {
            break;
        }
        let best = remaining.iter().map(|c| criterion(c)).max().unwrap_or(0);
        remaining.retain(|c| criterion(c) == best);
    }
    remaining.first().copied()
}

/// What the synchronous part of preemption decided.
enum Decision {
    /// The pod may not preempt (message).
    NotEligible(String),
    /// No node can be freed; the message explains per node.
    NoCandidates(String),
    /// Evict these pods; clear these lower-priority nominations.
    Preempt(Candidate, Vec<Arc<PodInfo>>),
}

impl DefaultPreemption {
    /// The plugin; without a client and recorder it only decides (for tests).
    pub fn new(
        client: Option<Client>,
        recorder: Option<Recorder>,
        listers: Arc<dyn Listers>,
    ) -> Self {
        Self {
            client,
            recorder,
            listers,
        }
    }

    /// Why the pod may not preempt, if it may not.
    pub fn ineligible(
        &self,
        pod: &PodInfo,
        diagnosis: &Diagnosis,
        cache: &Cache,
    ) -> Option<String> {
        let spec = pod.pod.spec.as_ref();
        if spec.and_then(|s| s.preemption_policy.as_deref()) == Some("Never") {
            return Some("not eligible due to preemptionPolicy=Never.".into());
        }
        let nominated = pod
            .pod
            .status
            .as_ref()
            .and_then(|s| s.nominated_node_name.as_deref())
            .filter(|n| !n.is_empty())?;
        // A nominated node that cannot help any more is no reason to wait.
        if !diagnosis.resolvable_nodes.iter().any(|n| n == nominated) {
            return None;
        }
        let node = cache.node(nominated)?;
        let priority = pod.priority();
        node.pods
            .values()
            .any(|p| p.priority() < priority && terminating_by_preemption(&p.pod))
            .then(|| "not eligible due to a terminating pod on the nominated node.".into())
    }

    /// The fewest pods to evict from (a copy of) `node` for `pod` to fit, and
    /// how many of them violate a budget.
    pub fn select_victims(
        &self,
        fw: &Framework,
        state: &CycleState,
        pod: &PodInfo,
        node: &NodeInfo,
        cache: &Cache,
        budgets: &[Budget],
    ) -> Result<Candidate, Status> {
        let mut state = state.clone();
        let mut node = node.clone();
        let priority = pod.priority();
        let mut potential: Vec<Arc<PodInfo>> = node
            .pods
            .values()
            .filter(|p| p.priority() < priority)
            .cloned()
            .collect();
        if potential.is_empty() {
            return Err(Status::unresolvable(NO_VICTIMS));
        }
        for p in &potential {
            node.remove_pod(&p.uid);
            fw.run_pre_filter_remove_pod(&mut state, pod, p, &node);
        }
        let status = fw.run_filters_with_nominated(&state, pod, &node, cache);
        if !status.is_success() {
            return Err(status);
        }
        potential.sort_by(more_important_first);
        let (violating, fine) = split_by_budget(potential, budgets);
        let mixed = !violating.is_empty() && !fine.is_empty();
        let mut victims = Vec::new();
        let mut pdb_violations = 0;
        for (group, counts) in [(violating, true), (fine, false)] {
            for p in group {
                node.add_pod(p.clone());
                fw.run_pre_filter_add_pod(&mut state, pod, &p, &node);
                if !fw
                    .run_filters_with_nominated(&state, pod, &node, cache)
                    .is_success()
                {
                    node.remove_pod(&p.uid);
                    fw.run_pre_filter_remove_pod(&mut state, pod, &p, &node);
                    if counts {
                        pdb_violations += 1;
                    }
                    victims.push(p);
                }
            }
        }
        if mixed {
            victims.sort_by(more_important_first);
        }
        if victims.is_empty() {
            return Err(Status::error(format!(
                "expected at least one victim pod on node {:?}",
                node.name
            )));
        }
        Ok(Candidate {
            node: node.name.clone(),
            victims,
            pdb_violations,
        })
    }

    fn decide(
        &self,
        fw: &Framework,
        state: &CycleState,
        pod: &PodInfo,
        diagnosis: &Diagnosis,
        cache: &Cache,
    ) -> Decision {
        if let Some(why) = self.ineligible(pod, diagnosis, cache) {
            return Decision::NotEligible(why);
        }
        let total = cache.node_count();
        let potential: Vec<&NodeInfo> = diagnosis
            .resolvable_nodes
            .iter()
            .filter_map(|n| cache.node(n))
            .collect();
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        let mut evaluated = 0usize;
        let mut candidates: Vec<Candidate> = Vec::new();
        if !potential.is_empty() {
            let budgets = budgets(self.listers.as_ref());
            let n = potential.len();
            let wanted = (n * MIN_CANDIDATE_NODES_PERCENTAGE / 100)
                .max(MIN_CANDIDATE_NODES_ABSOLUTE)
                .min(n);
            let offset = rand::rng().random_range(0..n);
            let mut non_violating = 0usize;
            for i in 0..n {
                let node = potential[(offset + i) % n];
                match self.select_victims(fw, state, pod, node, cache, &budgets) {
                    Ok(c) => {
                        if c.pdb_violations == 0 {
                            non_violating += 1;
                        }
                        candidates.push(c);
                        if non_violating > 0 && candidates.len() >= wanted {
                            break;
                        }
                    }
                    Err(status) => {
                        evaluated += 1;
                        for r in status.reasons {
                            *reasons.entry(r).or_default() += 1;
                        }
                    }
                }
            }
        }
        if candidates.is_empty() {
            let absent = total.saturating_sub(evaluated);
            if absent > 0 {
                *reasons.entry(NOT_HELPFUL.to_string()).or_default() += absent;
            }
            let mut parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
            parts.sort();
            return Decision::NoCandidates(format!(
                "0/{total} nodes are available: {}.",
                parts.join(", ")
            ));
        }
        // Non-violating candidates first, as Kubernetes lists them.
        candidates.sort_by_key(|c| c.pdb_violations > 0);
        let Some(chosen) = pick_candidate(&candidates).cloned() else {
            return Decision::NoCandidates(format!("0/{total} nodes are available."));
        };
        let priority = pod.priority();
        let lower_nominated = cache
            .nominated_pods(&chosen.node)
            .iter()
            .filter(|p| p.priority() < priority && p.uid != pod.uid)
            .cloned()
            .collect();
        Decision::Preempt(chosen, lower_nominated)
    }

    /// Marks, deletes and reports one victim.
    async fn evict(
        &self,
        client: &Client,
        preemptor: &PodInfo,
        victim: &PodInfo,
        node: &str,
    ) -> Result<(), String> {
        let ns = victim.namespace();
        let name = victim.pod.metadata.name.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(client.clone(), ns);
        let scheduler = preemptor
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.scheduler_name.clone())
            .unwrap_or_else(|| "default-scheduler".into());
        let now = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let condition = json!({"status": {"conditions": [{
            "type": "DisruptionTarget",
            "status": "True",
            "reason": "PreemptionByScheduler",
            "message": format!("{scheduler}: preempting to accommodate a higher priority pod"),
            "lastTransitionTime": now,
        }]}});
        match api
            .patch_status(
                &name,
                &PatchParams::default(),
                &Patch::Strategic(&condition),
            )
            .await
        {
            Ok(_) => {}
            Err(kube::Error::Api(e)) if e.code == 404 => return Ok(()),
            Err(e) => return Err(format!("marking victim {ns}/{name}: {e}")),
        }
        match api.delete(&name, &DeleteParams::default()).await {
            Ok(_) => {}
            Err(kube::Error::Api(e)) if e.code == 404 => return Ok(()),
            Err(e) => return Err(format!("deleting victim {ns}/{name}: {e}")),
        }
        if let Some(recorder) = &self.recorder {
            recorder.record(
                reference(victim.pod.as_ref()),
                EventType::Normal,
                "Preempted",
                "Preempting",
                format!("Preempted by pod {} on node {node}", preemptor.uid),
            );
        }
        Ok(())
    }

    async fn clear_nomination(&self, client: &Client, pod: &PodInfo) {
        let api: Api<Pod> = Api::namespaced(client.clone(), pod.namespace());
        let name = pod.pod.metadata.name.clone().unwrap_or_default();
        let patch = json!({"status": {"nominatedNodeName": null}});
        if let Err(err) = api
            .patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch))
            .await
        {
            tracing::debug!(pod = %pod.key, error = %err, "clearing nominated node failed");
        }
    }
}

impl PostFilter for DefaultPreemption {
    fn post_filter<'a>(
        &'a self,
        state: &'a CycleState,
        pod: &'a Arc<PodInfo>,
        diagnosis: &'a Diagnosis,
        cache: Arc<Mutex<Cache>>,
        fw: &'a Framework,
    ) -> BoxFuture<'a, PostFilterResult> {
        Box::pin(async move {
            let decision = {
                let cache = cache.lock();
                self.decide(fw, state, pod, diagnosis, &cache)
            };
            let (candidate, lower_nominated) = match decision {
                Decision::NotEligible(why) => {
                    return PostFilterResult {
                        nominated_node: None,
                        status: Status::unschedulable(format!("preemption: {why}")),
                    }
                }
                Decision::NoCandidates(why) => {
                    return PostFilterResult {
                        nominated_node: Some(String::new()),
                        status: Status::unschedulable(format!("preemption: {why}")),
                    }
                }
                Decision::Preempt(c, lower) => (c, lower),
            };
            let Some(client) = &self.client else {
                return PostFilterResult {
                    nominated_node: Some(candidate.node),
                    status: Status::success(),
                };
            };
            let results = futures::future::join_all(
                candidate
                    .victims
                    .iter()
                    .map(|v| self.evict(client, pod, v, &candidate.node)),
            )
            .await;
            let errors: Vec<String> = results.into_iter().filter_map(Result::err).collect();
            if !errors.is_empty() {
                return PostFilterResult {
                    nominated_node: None,
                    status: Status {
                        code: Code::Error,
                        reasons: vec![format!("preemption: {}", errors.join("; "))],
                        plugin: None,
                    },
                };
            }
            if !lower_nominated.is_empty() {
                {
                    let mut cache = cache.lock();
                    for p in &lower_nominated {
                        cache.remove_nominated(&p.uid);
                    }
                }
                for p in &lower_nominated {
                    self.clear_nomination(client, p).await;
                }
            }
            tracing::debug!(pod = %pod.key, node = %candidate.node, victims = candidate.victims.len(), "preempted");
            PostFilterResult {
                nominated_node: Some(candidate.node),
                status: Status::success(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use serde_json::{json, Value};

    use super::*;
    use crate::plugins::default_plugins;
    use crate::plugins::listers::StaticListers;
    use crate::plugins::testing::{info, node, place, pod};
    use crate::scheduler::find_node;

    fn worker(prio: i32, cpu: &str, extra: Value) -> Value {
        let mut v = json!({"spec": {"priority": prio, "containers": [{"name": "c", "image": "img",
            "resources": {"requests": {"cpu": cpu}}}]}});
        crate::plugins::testing::merge(&mut v, extra);
        v
    }

    struct Env {
        fw: Framework,
        listers: Arc<StaticListers>,
        cache: Arc<Mutex<Cache>>,
        plugin: DefaultPreemption,
    }

    fn env(nodes: &[(&str, Value)]) -> Env {
        let listers = Arc::new(StaticListers::default());
        let mut cache = Cache::default();
        for (name, extra) in nodes {
            cache.upsert_node(node(name, json!({}), extra.clone()));
        }
        Env {
            fw: default_plugins(None, None, listers.clone(), "default-scheduler"),
            plugin: DefaultPreemption::new(None, None, listers.clone()),
            listers,
            cache: Arc::new(Mutex::new(cache)),
        }
    }

    impl Env {
        fn place(&self, node: &str, name: &str, spec: Value) {
            place(&mut self.cache.lock(), node, &pod(name, spec));
        }

        /// Runs a scheduling cycle; on failure, preemption's decision.
        fn schedule(&self, p: &Arc<PodInfo>) -> Result<String, (Box<Diagnosis>, CycleState)> {
            let mut state = CycleState::default();
            let cache = self.cache.lock();
            find_node(&self.fw, None, &AtomicUsize::new(0), &mut state, p, &cache)
                .map_err(|d| (d, state))
        }

        fn decide(&self, p: &Arc<PodInfo>) -> Decision {
            let Err((diagnosis, state)) = self.schedule(p) else {
                panic!("pod unexpectedly fits");
            };
            let cache = self.cache.lock();
            self.plugin.decide(&self.fw, &state, p, &diagnosis, &cache)
        }
    }

    fn victims(d: &Decision) -> (String, Vec<String>) {
        match d {
            Decision::Preempt(c, _) => (
                c.node.clone(),
                c.victims
                    .iter()
                    .map(|v| v.pod.metadata.name.clone().unwrap_or_default())
                    .collect(),
            ),
            Decision::NotEligible(m) | Decision::NoCandidates(m) => panic!("no preemption: {m}"),
        }
    }

    #[test]
    fn picks_the_node_needing_the_fewest_victims() {
        let e = env(&[("n1", json!({})), ("n2", json!({}))]);
        for i in 0..4 {
            e.place("n1", &format!("small{i}"), worker(10, "1", json!({})));
        }
        e.place("n2", "big0", worker(10, "2", json!({})));
        e.place("n2", "big1", worker(10, "2", json!({})));
        let p = info("vip", worker(100, "2", json!({})));
        let (node, v) = victims(&e.decide(&p));
        assert_eq!(node, "n2");
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn reprieves_the_most_important_pods_first() {
        let e = env(&[("n1", json!({}))]);
        e.place("n1", "p10", worker(10, "1", json!({})));
        e.place("n1", "p20", worker(20, "1", json!({})));
        e.place("n1", "p30", worker(30, "2", json!({})));
        let p = info("vip", worker(100, "1", json!({})));
        assert_eq!(victims(&e.decide(&p)), ("n1".into(), vec!["p10".into()]));
        // Equal or higher priority pods are never victims.
        let p = info("peer", worker(10, "1", json!({})));
        match e.decide(&p) {
            Decision::NoCandidates(m) => {
                assert_eq!(
                    m,
                    "0/1 nodes are available: 1 No preemption victims found for incoming pod."
                )
            }
            _ => panic!("expected no candidates"),
        }
        // Evicting every lower-priority pod would still not be enough.
        let p = info("greedy", worker(15, "3", json!({})));
        match e.decide(&p) {
            Decision::NoCandidates(m) => {
                assert_eq!(m, "0/1 nodes are available: 1 Insufficient cpu.")
            }
            _ => panic!("expected no candidates"),
        }
    }

    #[test]
    fn prefers_victims_that_do_not_violate_budgets() {
        let e = env(&[("n1", json!({}))]);
        e.place(
            "n1",
            "guarded",
            worker(10, "2", json!({"metadata": {"labels": {"app": "db"}}})),
        );
        e.place(
            "n1",
            "free",
            worker(10, "2", json!({"metadata": {"labels": {"app": "web"}}})),
        );
        e.listers.add_pdb(
            serde_json::from_value(json!({"metadata": {"name": "db", "namespace": "default"},
                "spec": {"selector": {"matchLabels": {"app": "db"}}},
                "status": {"disruptionsAllowed": 0, "currentHealthy": 1, "desiredHealthy": 1, "expectedPods": 1}}))
            .unwrap_or_default(),
        );
        let p = info("vip", worker(100, "2", json!({})));
        let d = e.decide(&p);
        assert_eq!(victims(&d), ("n1".into(), vec!["free".into()]));
        if let Decision::Preempt(c, _) = d {
            assert_eq!(c.pdb_violations, 0);
        }
    }

    #[test]
    fn candidate_order_follows_kubernetes() {
        let p = |name: &str, prio: i32| info(name, worker(prio, "1", json!({})));
        let c = |node: &str, pdb: usize, v: Vec<Arc<PodInfo>>| Candidate {
            node: node.into(),
            victims: v,
            pdb_violations: pdb,
        };
        let list = vec![
            c("violates", 1, vec![p("a", 1)]),
            c("high", 0, vec![p("b", 50)]),
            c("two", 0, vec![p("c", 5), p("d", 5)]),
            c("one", 0, vec![p("e", 5)]),
        ];
        assert_eq!(pick_candidate(&list).map(|c| c.node.as_str()), Some("one"));
        let list = vec![
            c("violates", 1, vec![p("a", 1)]),
            c("high", 0, vec![p("b", 50)]),
        ];
        assert_eq!(pick_candidate(&list).map(|c| c.node.as_str()), Some("high"));
    }

    #[test]
    fn explains_why_preemption_cannot_help() {
        let e = env(&[
            (
                "n1",
                json!({"spec": {"taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}]}}),
            ),
            ("n2", json!({})),
        ]);
        e.place("n2", "peer", worker(100, "4", json!({})));
        let p = info("vip", worker(100, "1", json!({})));
        match e.decide(&p) {
            Decision::NoCandidates(m) => assert_eq!(
                m,
                "0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
            ),
            _ => panic!("expected no candidates"),
        }
    }

    #[test]
    fn preemption_policy_never_and_terminating_victims_block_preemption() {
        let e = env(&[("n1", json!({}))]);
        e.place(
            "n1",
            "leaving",
            worker(
                10,
                "4",
                json!({"metadata": {"deletionTimestamp": "2024-01-01T00:00:00Z"},
                       "status": {"conditions": [{"type": "DisruptionTarget", "status": "True", "reason": "PreemptionByScheduler"}]}}),
            ),
        );
        let never = info(
            "never",
            worker(100, "1", json!({"spec": {"preemptionPolicy": "Never"}})),
        );
        assert!(
            matches!(e.decide(&never), Decision::NotEligible(m) if m == "not eligible due to preemptionPolicy=Never.")
        );
        let waiting = info(
            "vip",
            worker(100, "1", json!({"status": {"nominatedNodeName": "n1"}})),
        );
        assert!(
            matches!(e.decide(&waiting), Decision::NotEligible(m) if m == "not eligible due to a terminating pod on the nominated node.")
        );
    }

    #[test]
    fn nominated_pods_hold_their_space_against_lower_priority_pods() {
        let e = env(&[("n1", json!({}))]);
        e.place("n1", "half", worker(1000, "2", json!({})));
        let vip = info("vip", worker(100, "2", json!({})));
        e.cache.lock().add_nominated(vip.clone(), "n1");
        let low = info("low", worker(50, "2", json!({})));
        assert!(
            e.schedule(&low).is_err(),
            "space is held for the nominated pod"
        );
        let high = info("high", worker(200, "2", json!({})));
        assert_eq!(e.schedule(&high).ok().as_deref(), Some("n1"));
        assert_eq!(e.schedule(&vip).ok().as_deref(), Some("n1"));
    }

    #[tokio::test]
    async fn post_filter_nominates_the_chosen_node() {
        let e = env(&[("n1", json!({}))]);
        e.place("n1", "low", worker(10, "4", json!({})));
        let p = info("vip", worker(100, "1", json!({})));
        let Err((diagnosis, state)) = e.schedule(&p) else {
            panic!("pod unexpectedly fits");
        };
        assert_eq!(
            diagnosis.message(),
            "0/1 nodes are available: 1 Insufficient cpu."
        );
        let r = e
            .plugin
            .post_filter(&state, &p, &diagnosis, e.cache.clone(), &e.fw)
            .await;
        assert_eq!(r.nominated_node.as_deref(), Some("n1"));
        assert!(r.status.is_success());
    }

    #[tokio::test]
    async fn failure_message_has_the_preemption_part() {
        let e = env(&[("n1", json!({})), ("n2", json!({}))]);
        let p = info("huge", worker(100, "64", json!({})));
        let Err((mut diagnosis, state)) = e.schedule(&p) else {
            panic!("pod unexpectedly fits");
        };
        let r = e
            .plugin
            .post_filter(&state, &p, &diagnosis, e.cache.clone(), &e.fw)
            .await;
        assert_eq!(r.nominated_node.as_deref(), Some(""));
        diagnosis.post_filter_msg = Some(r.status.reasons.join(", "));
        assert_eq!(
            diagnosis.message(),
            "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.."
        );
    }
}
