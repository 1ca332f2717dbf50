//! NodePorts: host ports a pod asks for must be free on the node.

use crate::cache::{Cache, HostPort, NodeInfo, PodInfo};
use crate::framework::{CycleState, Filter, Plugin, Status};

/// The NodePorts plugin.
#[derive(Debug, Default)]
pub struct NodePorts;

impl Plugin for NodePorts {
    fn name(&self) -> &'static str {
        "NodePorts"
    }
}

fn conflicts(a: &HostPort, b: &HostPort) -> bool {
    a.port == b.port
        && a.protocol == b.protocol
        && (a.ip == b.ip || a.ip == "0.0.0.0" || b.ip == "0.0.0.0")
}

impl Filter for NodePorts {
    fn filter(&self, _: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        for wanted in &pod.host_ports {
            if node.used_ports.keys().any(|used| conflicts(wanted, used)) {
                return Status::unschedulable(
                    "node(s) didn't have free ports for the requested pod ports",
                );
            }
        }
        Status::success()
    }
}
