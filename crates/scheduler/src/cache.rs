//! The scheduler's view of the cluster: every node with the pods on it and what
//! they use, including pods the scheduler has assumed but not yet seen bound.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Node, Pod, Taint};

use crate::plugins::inter_pod_affinity::PodAffinityTerms;
use crate::resources::{non_zero_requests, pod_requests, Resources};

/// A host port a pod uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HostPort {
    /// Protocol (TCP, UDP, SCTP).
    pub protocol: String,
    /// Host IP ("0.0.0.0" when unset).
    pub ip: String,
    /// Port.
    pub port: i32,
}

/// A pod with what the scheduler needs precomputed.
#[derive(Debug)]
pub struct PodInfo {
    /// The pod.
    pub pod: Arc<Pod>,
    /// `namespace/name`.
    pub key: String,
    /// UID.
    pub uid: String,
    /// Resource requests.
    pub requests: Resources,
    /// Requests with scoring defaults (milli-CPU, memory).
    pub non_zero: (i64, i64),
    /// Host ports.
    pub host_ports: Vec<HostPort>,
    /// Parsed pod affinity and anti-affinity terms (None when the pod has none).
    pub affinity: Option<Arc<PodAffinityTerms>>,
    /// `namespace/claim` of every `persistentVolumeClaim` volume.
    pub pvc_keys: Vec<String>,
}

impl PodInfo {
    /// Precomputes a pod's scheduling facts.
    pub fn new(pod: Arc<Pod>) -> Self {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let host_ports = pod
            .spec
            .iter()
            .flat_map(|s| {
                s.containers
                    .iter()
                    .chain(s.init_containers.iter().flatten())
            })
            .flat_map(|c| c.ports.iter().flatten())
            .filter_map(|p| {
                let port = p.host_port.filter(|hp| *hp > 0)?;
                Some(HostPort {
                    protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                    ip: p
                        .host_ip
                        .clone()
                        .filter(|ip| !ip.is_empty())
                        .unwrap_or_else(|| "0.0.0.0".into()),
                    port,
                })
            })
            .collect();
        let pvc_keys = pod
            .spec
            .iter()
            .flat_map(|s| s.volumes.iter().flatten())
            .filter_map(|v| v.persistent_volume_claim.as_ref())
            .map(|c| format!("{ns}/{}", c.claim_name))
            .collect();
        Self {
            key: format!("{ns}/{name}"),
            uid: pod.metadata.uid.clone().unwrap_or_default(),
            requests: pod_requests(&pod),
            non_zero: non_zero_requests(&pod),
            host_ports,
            affinity: PodAffinityTerms::parse(&pod).map(Arc::new),
            pvc_keys,
            pod,
        }
    }

    /// The pod's namespace.
    pub fn namespace(&self) -> &str {
        self.pod.metadata.namespace.as_deref().unwrap_or_default()
    }

    /// The pod's labels.
    pub fn labels(&self) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.pod.metadata.labels.as_ref().unwrap_or(&EMPTY)
    }

    /// The pod's priority (0 when unset).
    pub fn priority(&self) -> i32 {
        self.pod.spec.as_ref().and_then(|s| s.priority).unwrap_or(0)
    }

    /// Whether the pod declares required pod anti-affinity.
    pub fn has_required_anti_affinity(&self) -> bool {
        self.affinity
            .as_ref()
            .is_some_and(|a| !a.required_anti_affinity.is_empty())
    }

    /// Whether the pod declares any pod affinity or anti-affinity.
    pub fn has_pod_affinity(&self) -> bool {
        self.affinity.is_some()
    }

    /// Whether the pod is being deleted.
    pub fn terminating(&self) -> bool {
        self.pod.metadata.deletion_timestamp.is_some()
    }
}

/// One node with the pods on it.
#[derive(Clone, Debug)]
pub struct NodeInfo {
    /// The node.
    pub node: Arc<Node>,
    /// Node name.
    pub name: String,
    /// Allocatable resources.
    pub allocatable: Resources,
    /// Sum of requests of pods on the node.
    pub requested: Resources,
    /// Sum of non-zero requests (milli-CPU, memory), for scoring.
    pub non_zero_requested: (i64, i64),
    /// Pods on the node by UID.
    pub pods: HashMap<String, Arc<PodInfo>>,
    /// Host ports in use.
    pub used_ports: HashMap<HostPort, usize>,
    /// Image sizes by name (from node status).
    pub image_sizes: HashMap<String, i64>,
    /// Number of pods with pod affinity or anti-affinity.
    pub pods_with_affinity: usize,
    /// Number of pods with required pod anti-affinity.
    pub pods_with_required_anti_affinity: usize,
}

impl NodeInfo {
    fn new(node: Arc<Node>) -> Self {
        let mut info = Self {
            name: node.metadata.name.clone().unwrap_or_default(),
            allocatable: Resources::default(),
            requested: Resources::default(),
            non_zero_requested: (0, 0),
            pods: HashMap::new(),
            used_ports: HashMap::new(),
            image_sizes: HashMap::new(),
            pods_with_affinity: 0,
            pods_with_required_anti_affinity: 0,
            node: node.clone(),
        };
        info.set_node(node);
        info
    }

    fn set_node(&mut self, node: Arc<Node>) {
        let status = node.status.as_ref();
        self.allocatable = Resources::from_list(
            status
                .and_then(|s| s.allocatable.as_ref())
                .or(status.and_then(|s| s.capacity.as_ref())),
        );
        self.image_sizes = status
            .and_then(|s| s.images.as_ref())
            .map(|imgs| {
                imgs.iter()
                    .flat_map(|i| {
                        i.names
                            .iter()
                            .flatten()
                            .map(move |n| (n.clone(), i.size_bytes.unwrap_or(0)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.node = node;
    }

    /// Accounts a pod on this node (also used on copies for what-if runs).
    pub fn add_pod(&mut self, pod: Arc<PodInfo>) {
        self.requested.add(&pod.requests);
        self.non_zero_requested.0 += pod.non_zero.0;
        self.non_zero_requested.1 += pod.non_zero.1;
        for p in &pod.host_ports {
            *self.used_ports.entry(p.clone()).or_default() += 1;
        }
        if pod.has_pod_affinity() {
            self.pods_with_affinity += 1;
        }
        if pod.has_required_anti_affinity() {
            self.pods_with_required_anti_affinity += 1;
        }
        if let Some(old) = self.pods.insert(pod.uid.clone(), pod) {
            self.unaccount(&old);
        }
    }

    /// Removes a pod from this node's accounting.
    pub fn remove_pod(&mut self, uid: &str) -> Option<Arc<PodInfo>> {
        let pod = self.pods.remove(uid)?;
        self.unaccount(&pod);
        Some(pod)
    }

    fn unaccount(&mut self, pod: &PodInfo) {
        self.requested.sub(&pod.requests);
        self.non_zero_requested.0 -= pod.non_zero.0;
        self.non_zero_requested.1 -= pod.non_zero.1;
        for p in &pod.host_ports {
            if let Some(n) = self.used_ports.get_mut(p) {
                *n -= 1;
                if *n == 0 {
                    self.used_ports.remove(p);
                }
            }
        }
        if pod.has_pod_affinity() {
            self.pods_with_affinity = self.pods_with_affinity.saturating_sub(1);
        }
        if pod.has_required_anti_affinity() {
            self.pods_with_required_anti_affinity =
                self.pods_with_required_anti_affinity.saturating_sub(1);
        }
    }

    /// The node's labels.
    pub fn labels(&self) -> &BTreeMap<String, String> {
        static EMPTY: BTreeMap<String, String> = BTreeMap::new();
        self.node.metadata.labels.as_ref().unwrap_or(&EMPTY)
    }

    /// The node's taints.
    pub fn taints(&self) -> &[Taint] {
        self.node
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_deref())
            .unwrap_or(&[])
    }

    /// Whether the node is marked unschedulable.
    pub fn unschedulable(&self) -> bool {
        self.node
            .spec
            .as_ref()
            .and_then(|s| s.unschedulable)
            .unwrap_or(false)
    }
}

/// Where a pod stands in the cache.
#[derive(Debug)]
struct PodState {
    node: String,
    assumed: bool,
}

/// The cluster state the scheduler decides on.
#[derive(Debug, Default)]
pub struct Cache {
    /// Nodes in round-robin order.
    nodes: Vec<NodeInfo>,
    /// Node name -> position in `nodes`.
    index: HashMap<String, usize>,
    /// Image name -> number of nodes that have it.
    image_nodes: HashMap<String, usize>,
    pods: HashMap<String, PodState>,
    /// Pods bound to nodes the cache does not know (yet), by node name.
    orphans: HashMap<String, HashMap<String, Arc<PodInfo>>>,
    /// Nodes hosting pods with pod affinity or anti-affinity.
    affinity_nodes: HashSet<String>,
    /// Nodes hosting pods with required pod anti-affinity.
    anti_affinity_nodes: HashSet<String>,
    /// `namespace/claim` -> number of placed pods using the claim.
    pvc_users: HashMap<String, usize>,
    /// Pods nominated to nodes by preemption, by node name.
    nominated: HashMap<String, Vec<Arc<PodInfo>>>,
    /// Nominated pod UID -> node name.
    nominated_node: HashMap<String, String>,
}

impl Cache {
    fn node_mut(&mut self, name: &str) -> Option<&mut NodeInfo> {
        let i = *self.index.get(name)?;
        self.nodes.get_mut(i)
    }

    fn count_images(&mut self, images: &HashMap<String, i64>, delta: isize) {
        for name in images.keys() {
            let n = self.image_nodes.entry(name.clone()).or_default();
            *n = n.saturating_add_signed(delta);
            if *n == 0 {
                self.image_nodes.remove(name);
            }
        }
    }

    /// Adds or updates a node.
    pub fn upsert_node(&mut self, node: Arc<Node>) {
        let Some(name) = node.metadata.name.clone() else {
            return;
        };
        match self.index.get(&name).copied() {
            Some(i) => {
                let Some(info) = self.nodes.get_mut(i) else {
                    return;
                };
                let old_images = std::mem::take(&mut info.image_sizes);
                info.set_node(node);
                if old_images != info.image_sizes {
                    let new_images = info.image_sizes.clone();
                    self.count_images(&old_images, -1);
                    self.count_images(&new_images, 1);
                }
            }
            None => {
                let mut info = NodeInfo::new(node);
                let adopted = self.orphans.remove(&name).unwrap_or_default();
                for (_, pod) in adopted {
                    info.add_pod(pod);
                }
                let images = info.image_sizes.clone();
                self.count_images(&images, 1);
                self.index.insert(name.clone(), self.nodes.len());
                self.nodes.push(info);
                self.refresh_node_indexes(&name);
            }
        }
    }

    /// Removes a node (its pods stay accounted until they are deleted, and
    /// return with the node if it comes back).
    pub fn remove_node(&mut self, name: &str) {
        let Some(i) = self.index.remove(name) else {
            return;
        };
        if i >= self.nodes.len() {
            return;
        }
        let info = self.nodes.swap_remove(i);
        if let Some(moved) = self.nodes.get(i) {
            self.index.insert(moved.name.clone(), i);
        }
        self.count_images(&info.image_sizes, -1);
        self.affinity_nodes.remove(name);
        self.anti_affinity_nodes.remove(name);
        if !info.pods.is_empty() {
            self.orphans.insert(name.to_string(), info.pods);
        }
    }

    fn refresh_node_indexes(&mut self, name: &str) {
        let (affinity, anti) = self
            .node(name)
            .map(|n| {
                (
                    n.pods_with_affinity > 0,
                    n.pods_with_required_anti_affinity > 0,
                )
            })
            .unwrap_or((false, false));
        if affinity {
            if !self.affinity_nodes.contains(name) {
                self.affinity_nodes.insert(name.to_string());
            }
        } else {
            self.affinity_nodes.remove(name);
        }
        if anti {
            if !self.anti_affinity_nodes.contains(name) {
                self.anti_affinity_nodes.insert(name.to_string());
            }
        } else {
            self.anti_affinity_nodes.remove(name);
        }
    }

    fn attach(&mut self, node: &str, pod: Arc<PodInfo>) {
        for key in &pod.pvc_keys {
            *self.pvc_users.entry(key.clone()).or_default() += 1;
        }
        let affinity = pod.has_pod_affinity();
        match self.node_mut(node) {
            Some(n) => {
                n.add_pod(pod);
                if affinity {
                    self.refresh_node_indexes(node);
                }
            }
            None => {
                self.orphans
                    .entry(node.to_string())
                    .or_default()
                    .insert(pod.uid.clone(), pod);
            }
        }
    }

    fn detach(&mut self, node: &str, uid: &str) {
        let removed = match self.node_mut(node) {
            Some(n) => n.remove_pod(uid),
            None => {
                let removed = self.orphans.get_mut(node).and_then(|o| o.remove(uid));
                if self.orphans.get(node).is_some_and(HashMap::is_empty) {
                    self.orphans.remove(node);
                }
                removed
            }
        };
        let Some(pod) = removed else {
            return;
        };
        for key in &pod.pvc_keys {
            if let Some(n) = self.pvc_users.get_mut(key) {
                *n -= 1;
                if *n == 0 {
                    self.pvc_users.remove(key);
                }
            }
        }
        if pod.has_pod_affinity() {
            self.refresh_node_indexes(node);
        }
    }

    /// Records a pod bound to a node (confirming an assumed one).
    pub fn upsert_bound_pod(&mut self, pod: Arc<Pod>) {
        let Some(node) = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .filter(|n| !n.is_empty())
        else {
            return;
        };
        let info = Arc::new(PodInfo::new(pod));
        self.remove_nominated(&info.uid);
        if let Some(old) = self.pods.remove(&info.uid) {
            self.detach(&old.node, &info.uid);
        }
        let terminal = matches!(
            info.pod.status.as_ref().and_then(|s| s.phase.as_deref()),
            Some("Succeeded") | Some("Failed")
        );
        if terminal {
            return;
        }
        self.pods.insert(
            info.uid.clone(),
            PodState {
                node: node.clone(),
                assumed: false,
            },
        );
        self.attach(&node, info);
    }

    /// Forgets a pod (deleted, or terminal).
    pub fn remove_pod(&mut self, uid: &str) {
        self.remove_nominated(uid);
        if let Some(state) = self.pods.remove(uid) {
            self.detach(&state.node, uid);
        }
    }

    /// Accounts a pod on `node` before its binding is confirmed.
    pub fn assume(&mut self, pod: Arc<PodInfo>, node: &str) {
        self.remove_nominated(&pod.uid);
        if let Some(old) = self.pods.remove(&pod.uid) {
            self.detach(&old.node, &pod.uid);
        }
        self.pods.insert(
            pod.uid.clone(),
            PodState {
                node: node.to_string(),
                assumed: true,
            },
        );
        self.attach(node, pod);
    }

    /// Undoes [`Cache::assume`] (binding failed).
    pub fn forget_assumed(&mut self, uid: &str) {
        if self.pods.get(uid).is_some_and(|s| s.assumed) {
            self.remove_pod(uid);
        }
    }

    /// Whether the pod is known as bound or assumed.
    pub fn is_placed(&self, uid: &str) -> bool {
        self.pods.contains_key(uid)
    }

    /// A node.
    pub fn node(&self, name: &str) -> Option<&NodeInfo> {
        self.index.get(name).and_then(|i| self.nodes.get(*i))
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The node at position `i` of the round-robin order.
    pub fn node_at(&self, i: usize) -> Option<&NodeInfo> {
        self.nodes.get(i)
    }

    /// Every node.
    pub fn nodes(&self) -> impl Iterator<Item = &NodeInfo> {
        self.nodes.iter()
    }

    /// The nodes named in `set` (walking every node instead of looking each
    /// up when most nodes are named).
    fn nodes_in<'a>(
        &'a self,
        set: &'a HashSet<String>,
        has: fn(&NodeInfo) -> bool,
    ) -> impl Iterator<Item = &'a NodeInfo> {
        let dense = set.len() * 4 > self.nodes.len();
        let walk = dense.then(|| self.nodes.iter().filter(move |n| has(n)));
        let look_up = (!dense).then(|| set.iter().filter_map(|n| self.node(n)));
        walk.into_iter()
            .flatten()
            .chain(look_up.into_iter().flatten())
    }

    /// Nodes hosting pods with pod affinity or anti-affinity terms.
    pub fn nodes_with_affinity_pods(&self) -> impl Iterator<Item = &NodeInfo> {
        self.nodes_in(&self.affinity_nodes, |n| n.pods_with_affinity > 0)
    }

    /// Nodes hosting pods with required pod anti-affinity terms.
    pub fn nodes_with_required_anti_affinity_pods(&self) -> impl Iterator<Item = &NodeInfo> {
        self.nodes_in(&self.anti_affinity_nodes, |n| {
            n.pods_with_required_anti_affinity > 0
        })
    }

    /// How many nodes report having `image`.
    pub fn image_node_count(&self, image: &str) -> usize {
        self.image_nodes.get(image).copied().unwrap_or(0)
    }

    /// Whether any placed pod has pod affinity or anti-affinity terms.
    pub fn any_affinity_pods(&self) -> bool {
        !self.affinity_nodes.is_empty()
    }

    /// Whether any placed pod has required pod anti-affinity terms.
    pub fn any_required_anti_affinity_pods(&self) -> bool {
        !self.anti_affinity_nodes.is_empty()
    }

    /// Whether a placed pod uses the claim `namespace/name`.
    pub fn pvc_in_use(&self, key: &str) -> bool {
        self.pvc_users.contains_key(key)
    }

    /// Nominates `pod` to `node` (replacing an earlier nomination).
    pub fn add_nominated(&mut self, pod: Arc<PodInfo>, node: &str) {
        self.remove_nominated(&pod.uid);
        if node.is_empty() {
            return;
        }
        self.nominated_node
            .insert(pod.uid.clone(), node.to_string());
        self.nominated
            .entry(node.to_string())
            .or_default()
            .push(pod);
    }

    /// Drops the pod's nomination, if any.
    pub fn remove_nominated(&mut self, uid: &str) {
        if self.nominated_node.is_empty() {
            return;
        }
        let Some(node) = self.nominated_node.remove(uid) else {
            return;
        };
        if let Some(list) = self.nominated.get_mut(&node) {
            list.retain(|p| p.uid != uid);
            if list.is_empty() {
                self.nominated.remove(&node);
            }
        }
    }

    /// Pods nominated to `node`.
    pub fn nominated_pods(&self, node: &str) -> &[Arc<PodInfo>] {
        if self.nominated.is_empty() {
            return &[];
        }
        self.nominated.get(node).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The node a pod is nominated to.
    pub fn nominated_node_of(&self, uid: &str) -> Option<&str> {
        self.nominated_node.get(uid).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::plugins::testing::{info, node, place, pod};

    #[test]
    fn nodes_keep_their_pods_and_indexes_across_removal() {
        let mut cache = Cache::default();
        for n in ["a", "b", "c"] {
            cache.upsert_node(node(
                n,
                json!({}),
                json!({"status": {"images": [{"names": ["img:1"], "sizeBytes": 100}]}}),
            ));
        }
        assert_eq!(cache.image_node_count("img:1"), 3);
        place(&mut cache, "a", &pod("p", json!({})));
        cache.remove_node("a");
        assert_eq!(cache.node_count(), 2);
        assert_eq!(cache.image_node_count("img:1"), 2);
        assert!(cache.node("c").is_some_and(|n| n.name == "c"));
        assert!(cache.node("a").is_none());
        // The pod returns with its node.
        cache.upsert_node(node("a", json!({}), json!({})));
        assert_eq!(cache.node("a").map(|n| n.pods.len()), Some(1));
        assert_eq!(cache.image_node_count("img:1"), 2);
    }

    #[test]
    fn pods_bound_before_their_node_is_known_are_accounted() {
        let mut cache = Cache::default();
        place(
            &mut cache,
            "late",
            &pod(
                "early",
                json!({"spec": {"containers": [{"name": "c",
            "resources": {"requests": {"cpu": "1"}}}]}}),
            ),
        );
        cache.upsert_node(node("late", json!({}), json!({})));
        assert_eq!(
            cache.node("late").map(|n| n.requested.milli_cpu),
            Some(1000)
        );
        cache.remove_pod("uid-early");
        assert_eq!(cache.node("late").map(|n| n.requested.milli_cpu), Some(0));
    }

    #[test]
    fn affinity_and_claim_indexes_follow_pods() {
        let mut cache = Cache::default();
        cache.upsert_node(node("a", json!({}), json!({})));
        assert!(!cache.any_required_anti_affinity_pods());
        let anti = pod(
            "anti",
            json!({"spec": {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                {"labelSelector": {}, "topologyKey": "kubernetes.io/hostname"}]}},
                "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}}),
        );
        place(&mut cache, "a", &anti);
        assert!(cache.any_required_anti_affinity_pods() && cache.any_affinity_pods());
        assert_eq!(cache.nodes_with_required_anti_affinity_pods().count(), 1);
        assert!(cache.pvc_in_use("default/data"));
        cache.remove_pod("uid-anti");
        assert!(!cache.any_affinity_pods() && !cache.pvc_in_use("default/data"));
    }

    #[test]
    fn nominations_are_replaced_and_dropped() {
        let mut cache = Cache::default();
        let p = info("p", json!({}));
        cache.add_nominated(p.clone(), "a");
        cache.add_nominated(p.clone(), "b");
        assert!(cache.nominated_pods("a").is_empty());
        assert_eq!(cache.nominated_pods("b").len(), 1);
        assert_eq!(cache.nominated_node_of("uid-p"), Some("b"));
        cache.upsert_node(node("b", json!({}), json!({})));
        cache.assume(p, "b");
        assert!(cache.nominated_pods("b").is_empty());
    }
}
