//! Simulated nodes, as kwok does them: Node objects with capacity and
//! conditions, Lease heartbeats, and pods bound to them marked Running and Ready
//! with an IP — without running any container. For testing the control plane
//! (and controllers users write) at thousands of nodes.
//!
//! Pod behaviour is steered by annotations on the pod (or its template):
//! * `simulated.capstan.io/complete-after: "2s"` — the pod's containers exit
//!   after that long (a Job's pod succeeds);
//! * `simulated.capstan.io/exit-code: "1"` — ... with that exit code (non-zero fails).
//!
//! A node labelled `simulated.capstan.io/stopped=true` stops heartbeating and
//! handling pods, like a crashed kubelet.

mod ipam;
mod node;
mod pods;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use kube::Client;
use parking_lot::RwLock;
use tokio::sync::watch;

pub use node::node_object;

/// Annotation: delay after which a pod's containers exit.
pub const COMPLETE_AFTER: &str = "simulated.capstan.io/complete-after";
/// Annotation: exit code of a completing pod's containers.
pub const EXIT_CODE: &str = "simulated.capstan.io/exit-code";
/// Label: a node with this label set to "true" behaves as if its kubelet died.
pub const STOPPED_LABEL: &str = "simulated.capstan.io/stopped";
/// Label marking simulated nodes.
pub const SIMULATED_LABEL: &str = "type";

/// Simulated node settings.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// How many nodes.
    pub count: usize,
    /// Node name prefix (`<prefix>-0`, `<prefix>-1`, ...).
    pub prefix: String,
    /// CPU capacity per node.
    pub cpu: String,
    /// Memory capacity per node.
    pub memory: String,
    /// Pod capacity per node.
    pub pods: String,
    /// Lease renewal interval (the kubelet's is 10 s).
    pub heartbeat: Duration,
    /// Pod network to carve per-node /24 ranges from.
    pub cluster_cidr: String,
    /// Concurrent API requests for registration and pod updates.
    pub concurrency: usize,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            count: 1,
            prefix: "sim-node".into(),
            cpu: "32".into(),
            memory: "256Gi".into(),
            pods: "110".into(),
            heartbeat: Duration::from_secs(10),
            cluster_cidr: "10.42.0.0/16".into(),
            concurrency: 32,
        }
    }
}

/// Shared state of a running simulation.
pub(crate) struct Sim {
    pub client: Client,
    pub config: SimConfig,
    /// Names of nodes this simulation owns.
    pub nodes: HashSet<String>,
    /// Nodes currently stopped (by label).
    pub stopped: RwLock<HashSet<String>>,
    pub ipam: ipam::Ipam,
}

impl Sim {
    pub(crate) fn is_active(&self, node: &str) -> bool {
        self.nodes.contains(node) && !self.stopped.read().contains(node)
    }
}

/// The name of simulated node `i`.
pub fn node_name(prefix: &str, i: usize) -> String {
    format!("{prefix}-{i}")
}

/// Registers the nodes and runs them until `stop` turns true; then heartbeats
/// and pod handling cease (the Node objects remain, as with a dead kubelet).
pub async fn run(
    client: Client,
    config: SimConfig,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let names: Vec<String> = (0..config.count)
        .map(|i| node_name(&config.prefix, i))
        .collect();
    let ipam = ipam::Ipam::new(&config.cluster_cidr, &names)?;
    let sim = Arc::new(Sim {
        client,
        config: config.clone(),
        nodes: names.iter().cloned().collect(),
        stopped: RwLock::new(HashSet::new()),
        ipam,
    });
    node::register_all(&sim, &names).await?;
    tracing::info!(count = names.len(), prefix = %config.prefix, "simulated nodes registered");
    let tasks = vec![
        tokio::spawn(node::heartbeat_loop(sim.clone(), names.clone())),
        tokio::spawn(node::watch_stop_labels(sim.clone())),
        tokio::spawn(pods::run(sim.clone())),
    ];
    let _ = stop.wait_for(|s| *s).await;
    for t in tasks {
        t.abort();
    }
    tracing::info!("simulated nodes stopped");
    Ok(())
}
