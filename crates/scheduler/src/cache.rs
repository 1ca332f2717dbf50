//! The scheduler's view of the cluster: every node with the pods on it and what
//! they use, including pods the scheduler has assumed but not yet seen bound.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Node, Pod, Taint};

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
        Self {
            key: format!("{ns}/{name}"),
            uid: pod.metadata.uid.clone().unwrap_or_default(),
            requests: pod_requests(&pod),
            non_zero: non_zero_requests(&pod),
            host_ports,
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
        self.pod
            .spec
            .as_ref()
            .and_then(|s| s.affinity.as_ref())
            .and_then(|a| a.pod_anti_affinity.as_ref())
            .is_some_and(|pa| {
                pa.required_during_scheduling_ignored_during_execution
                    .as_ref()
                    .is_some_and(|t| !t.is_empty())
            })
    }

    /// Whether the pod declares any pod affinity or anti-affinity.
    pub fn has_pod_affinity(&self) -> bool {
        self.pod
            .spec
            .as_ref()
            .and_then(|s| s.affinity.as_ref())
            .is_some_and(|a| a.pod_affinity.is_some() || a.pod_anti_affinity.is_some())
    }
}

/// One node with the pods on it.
#[derive(Debug)]
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

    fn add_pod(&mut self, pod: Arc<PodInfo>) {
        self.requested.add(&pod.requests);
        self.non_zero_requested.0 += pod.non_zero.0;
        self.non_zero_requested.1 += pod.non_zero.1;
        for p in &pod.host_ports {
            *self.used_ports.entry(p.clone()).or_default() += 1;
        }
        if pod.has_pod_affinity() {
            self.pods_with_affinity += 1;
        }
        self.pods.insert(pod.uid.clone(), pod);
    }

    fn remove_pod(&mut self, uid: &str) -> Option<Arc<PodInfo>> {
        let pod = self.pods.remove(uid)?;
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
        Some(pod)
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
    nodes: HashMap<String, NodeInfo>,
    /// Node names in a stable order, for round-robin filtering.
    order: Vec<String>,
    pods: HashMap<String, PodState>,
}

impl Cache {
    /// Adds or updates a node.
    pub fn upsert_node(&mut self, node: Arc<Node>) {
        let Some(name) = node.metadata.name.clone() else {
            return;
        };
        match self.nodes.get_mut(&name) {
            Some(info) => info.set_node(node),
            None => {
                self.nodes.insert(name.clone(), NodeInfo::new(node));
                self.order.push(name);
            }
        }
    }

    /// Removes a node (its pods stay accounted until they are deleted).
    pub fn remove_node(&mut self, name: &str) {
        if self.nodes.remove(name).is_some() {
            self.order.retain(|n| n != name);
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
        if let Some(old) = self.pods.remove(&info.uid) {
            if let Some(n) = self.nodes.get_mut(&old.node) {
                n.remove_pod(&info.uid);
            }
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
        if let Some(n) = self.nodes.get_mut(&node) {
            n.add_pod(info);
        }
    }

    /// Forgets a pod (deleted, or terminal).
    pub fn remove_pod(&mut self, uid: &str) {
        if let Some(state) = self.pods.remove(uid) {
            if let Some(n) = self.nodes.get_mut(&state.node) {
                n.remove_pod(uid);
            }
        }
    }

    /// Accounts a pod on `node` before its binding is confirmed.
    pub fn assume(&mut self, pod: Arc<PodInfo>, node: &str) {
        self.pods.insert(
            pod.uid.clone(),
            PodState {
                node: node.to_string(),
                assumed: true,
            },
        );
        if let Some(n) = self.nodes.get_mut(node) {
            n.add_pod(pod);
        }
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
        self.nodes.get(name)
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.order.len()
    }

    /// The node at position `i` of the round-robin order.
    pub fn node_at(&self, i: usize) -> Option<&NodeInfo> {
        self.order.get(i).and_then(|n| self.nodes.get(n))
    }

    /// Every node.
    pub fn nodes(&self) -> impl Iterator<Item = &NodeInfo> {
        self.order.iter().filter_map(|n| self.nodes.get(n))
    }

    /// Names of nodes hosting pods with pod affinity terms.
    pub fn nodes_with_affinity_pods(&self) -> HashSet<&str> {
        self.nodes
            .values()
            .filter(|n| n.pods_with_affinity > 0)
            .map(|n| n.name.as_str())
            .collect()
    }
}
