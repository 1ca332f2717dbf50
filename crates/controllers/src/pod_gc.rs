//! Pod garbage collection, as Kubernetes 1.33's PodGC controller does it, every
//! 20 seconds:
//!
//! * terminated pods (Succeeded/Failed) beyond `terminated-pod-gc-threshold`
//!   (12500) are deleted, evicted and oldest first;
//! * terminating pods on nodes that are NotReady and tainted
//!   `node.kubernetes.io/out-of-service` are force-deleted;
//! * pods bound to nodes that no longer exist (still missing after a 40 second
//!   quarantine and a fresh read) are marked Failed with a DisruptionTarget
//!   condition and force-deleted;
//! * terminating pods that were never scheduled are force-deleted.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, DeleteParams, Patch, PatchParams, Preconditions};
use kube::Client;
use parking_lot::Mutex;
use serde_json::json;

use capstan_runtime::{Informer, Informers};

/// Kubernetes' default `--terminated-pod-gc-threshold`.
pub const DEFAULT_TERMINATED_POD_THRESHOLD: usize = 12_500;
/// Taint that marks a node as out of service.
pub const OUT_OF_SERVICE_TAINT: &str = "node.kubernetes.io/out-of-service";

/// Pod GC settings.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Terminated pods kept before the oldest are deleted (0 disables that pass).
    pub terminated_pod_threshold: usize,
    /// How often to collect.
    pub period: Duration,
    /// How long a node must stay missing before its pods count as orphaned.
    pub quarantine: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            terminated_pod_threshold: DEFAULT_TERMINATED_POD_THRESHOLD,
            period: Duration::from_secs(20),
            quarantine: Duration::from_secs(40),
        }
    }
}

struct PodGc {
    client: Client,
    config: Config,
    pods: Arc<Informer<Pod>>,
    nodes: Arc<Informer<Node>>,
    /// Nodes referenced by pods but missing, with when they were first missed.
    missing_since: Mutex<HashMap<String, Instant>>,
}

/// Starts the pod garbage collector with the default settings.
pub fn start(informers: &Informers) {
    start_with(informers, Config::default());
}

/// Starts the pod garbage collector.
pub fn start_with(informers: &Informers, config: Config) {
    let gc = Arc::new(PodGc {
        client: informers.client().clone(),
        config,
        pods: informers.get::<Pod>(),
        nodes: informers.get::<Node>(),
        missing_since: Mutex::new(HashMap::new()),
    });
    tokio::spawn(async move {
        while !(gc.pods.wait_synced(Duration::from_secs(5)).await
            && gc.nodes.wait_synced(Duration::from_secs(5)).await)
        {}
        let mut tick = tokio::time::interval(gc.config.period);
        loop {
            tick.tick().await;
            gc.collect().await;
        }
    });
}

fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// Succeeded or Failed.
pub fn is_terminated(pod: &Pod) -> bool {
    matches!(phase(pod), "Succeeded" | "Failed")
}

fn node_name(pod: &Pod) -> &str {
    pod.spec
        .as_ref()
        .and_then(|s| s.node_name.as_deref())
        .unwrap_or("")
}

fn evicted(pod: &Pod) -> bool {
    pod.status.as_ref().and_then(|s| s.reason.as_deref()) == Some("Evicted")
}

fn created(pod: &Pod) -> Option<Timestamp> {
    pod.metadata.creation_timestamp.as_ref().map(|t| t.0)
}

/// Orders pods for deletion: evicted first, then oldest, then by name.
pub fn gc_order(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    evicted(b)
        .cmp(&evicted(a))
        .then_with(|| created(a).cmp(&created(b)))
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// The terminated pods to delete so that at most `threshold` remain.
pub fn terminated_to_delete(pods: &[Arc<Pod>], threshold: usize) -> Vec<Arc<Pod>> {
    let mut terminated: Vec<Arc<Pod>> = pods.iter().filter(|p| is_terminated(p)).cloned().collect();
    if terminated.len() <= threshold {
        return Vec::new();
    }
    terminated.sort_by(|a, b| gc_order(a, b));
    terminated.truncate(terminated.len() - threshold);
    terminated
}

/// Whether a node is NotReady and tainted out-of-service.
pub fn out_of_service(node: &Node) -> bool {
    let tainted = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_ref())
        .is_some_and(|ts| ts.iter().any(|t| t.key == OUT_OF_SERVICE_TAINT));
    let ready = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
        .is_some_and(|c| c.status == "True");
    tainted && !ready
}

impl PodGc {
    async fn collect(&self) {
        let pods = self.pods.list();
        if self.config.terminated_pod_threshold > 0 {
            for pod in terminated_to_delete(&pods, self.config.terminated_pod_threshold) {
                self.fail_and_delete(&pod, None).await;
            }
        }
        self.gc_terminating(&pods).await;
        self.gc_orphaned(&pods).await;
        for pod in pods
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_some() && node_name(p).is_empty())
        {
            self.fail_and_delete(pod, None).await;
        }
    }

    async fn gc_terminating(&self, pods: &[Arc<Pod>]) {
        let out: HashSet<String> = self
            .nodes
            .list()
            .iter()
            .filter(|n| out_of_service(n))
            .filter_map(|n| n.metadata.name.clone())
            .collect();
        if out.is_empty() {
            return;
        }
        let mut terminating: Vec<&Arc<Pod>> = pods
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_some() && out.contains(node_name(p)))
            .collect();
        terminating.sort_by(|a, b| gc_order(a, b));
        for pod in terminating {
            self.fail_and_delete(pod, None).await;
        }
    }

    async fn gc_orphaned(&self, pods: &[Arc<Pod>]) {
        let existing: HashSet<String> = self
            .nodes
            .list()
            .iter()
            .filter_map(|n| n.metadata.name.clone())
            .collect();
        let referenced: HashSet<&str> = pods
            .iter()
            .map(|p| node_name(p))
            .filter(|n| !n.is_empty())
            .collect();
        let due: Vec<String> = {
            let mut missing = self.missing_since.lock();
            missing.retain(|n, _| !existing.contains(n) && referenced.contains(n.as_str()));
            for n in &referenced {
                if !existing.contains(*n) {
                    missing.entry((*n).to_string()).or_insert_with(Instant::now);
                }
            }
            missing
                .iter()
                .filter(|(_, since)| since.elapsed() >= self.config.quarantine)
                .map(|(n, _)| n.clone())
                .collect()
        };
        if due.is_empty() {
            return;
        }
        let api: Api<Node> = Api::all(self.client.clone());
        let mut deleted = HashSet::new();
        for name in due {
            match api.get_opt(&name).await {
                Ok(None) => {
                    deleted.insert(name);
                }
                Ok(Some(_)) => {}
                Err(err) => {
                    tracing::debug!(node = %name, error = %err, "pod gc: checking node failed")
                }
            }
        }
        for pod in pods.iter().filter(|p| deleted.contains(node_name(p))) {
            let condition = json!({
                "type": "DisruptionTarget",
                "status": "True",
                "reason": "DeletionByPodGC",
                "message": "PodGC: node no longer exists",
                "lastTransitionTime": Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            });
            self.fail_and_delete(pod, Some(condition)).await;
        }
    }

    /// Marks a pod that has not terminated Failed (with `condition`), then
    /// deletes it without a grace period.
    async fn fail_and_delete(&self, pod: &Pod, condition: Option<serde_json::Value>) {
        let ns = pod.metadata.namespace.as_deref().unwrap_or("default");
        let name = pod.metadata.name.as_deref().unwrap_or("");
        let api: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        if !is_terminated(pod) {
            let mut status = json!({"phase": "Failed"});
            if let Some(c) = condition {
                status["conditions"] = json!([c]);
            }
            let patch = json!({"metadata": {"uid": pod.metadata.uid}, "status": status});
            match api
                .patch_status(name, &PatchParams::default(), &Patch::Strategic(&patch))
                .await
            {
                Ok(_) => {}
                Err(kube::Error::Api(e)) if e.code == 404 => return,
                Err(err) => {
                    tracing::debug!(pod = %format!("{ns}/{name}"), error = %err, "pod gc: marking pod failed");
                    return;
                }
            }
        }
        let params = DeleteParams {
            grace_period_seconds: Some(0),
            preconditions: Some(Preconditions {
                uid: pod.metadata.uid.clone(),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(name, &params).await {
            Ok(_) => tracing::info!(pod = %format!("{ns}/{name}"), "pod gc: deleted pod"),
            Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => {}
            Err(err) => {
                tracing::debug!(pod = %format!("{ns}/{name}"), error = %err, "pod gc: deleting pod")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, phase: &str, created: &str, reason: Option<&str>) -> Arc<Pod> {
        let mut v = json!({"metadata": {"name": name, "creationTimestamp": created}, "status": {"phase": phase}});
        if let Some(r) = reason {
            v["status"]["reason"] = json!(r);
        }
        Arc::new(serde_json::from_value(v).expect("pod"))
    }

    #[test]
    fn terminated_pods_beyond_threshold_oldest_and_evicted_first() {
        let pods = vec![
            pod("new", "Succeeded", "2024-01-01T00:03:00Z", None),
            pod("running", "Running", "2024-01-01T00:00:00Z", None),
            pod("old", "Failed", "2024-01-01T00:01:00Z", None),
            pod("evicted", "Failed", "2024-01-01T00:05:00Z", Some("Evicted")),
            pod("mid", "Succeeded", "2024-01-01T00:02:00Z", None),
        ];
        let names = |v: Vec<Arc<Pod>>| {
            v.iter()
                .map(|p| p.metadata.name.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(terminated_to_delete(&pods, 2)), ["evicted", "old"]);
        assert!(terminated_to_delete(&pods, 4).is_empty());
        assert_eq!(names(terminated_to_delete(&pods, 0)).len(), 4);
    }

    #[test]
    fn out_of_service_needs_taint_and_not_ready() {
        let node = |taint: bool, ready: &str| -> Node {
            let mut v = json!({"metadata": {"name": "n"}, "status": {"conditions": [{"type": "Ready", "status": ready}]}});
            if taint {
                v["spec"] =
                    json!({"taints": [{"key": OUT_OF_SERVICE_TAINT, "effect": "NoExecute"}]});
            }
            serde_json::from_value(v).expect("node")
        };
        assert!(out_of_service(&node(true, "False")));
        assert!(out_of_service(&node(true, "Unknown")));
        assert!(!out_of_service(&node(true, "True")));
        assert!(!out_of_service(&node(false, "False")));
    }
}
