//! Nodes: readiness, roles, versions and addresses.

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, list, name_cell, str_of, NONE, UNKNOWN};
use super::{Column, Printer};

/// Prints Nodes.
pub(super) struct NodePrinter;

const ROLE_PREFIX: &str = "node-role.kubernetes.io/";
const ROLE_LABEL: &str = "kubernetes.io/role";

impl Printer for NodePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Status", "Readiness, and whether scheduling is disabled."),
            Column::string("Roles", "Roles from the node's role labels."),
            Column::age(),
            Column::string("Version", "The kubelet version."),
            Column::string("Internal-IP", "The node's first internal IP.").wide(),
            Column::string("External-IP", "The node's first external IP.").wide(),
            Column::string("OS-Image", "The operating system image.").wide(),
            Column::string("Kernel-Version", "The kernel version.").wide(),
            Column::string(
                "Container-Runtime",
                "The container runtime and its version.",
            )
            .wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let status = &obj["status"];
        let info = &status["nodeInfo"];
        let or_unknown = |v: &Value| {
            let s = str_of(v);
            if s.is_empty() {
                UNKNOWN.to_string()
            } else {
                s.to_string()
            }
        };
        let roles = roles(&obj["metadata"]["labels"]);
        vec![
            name_cell(obj),
            json!(node_status(obj)),
            json!(if roles.is_empty() {
                NONE.to_string()
            } else {
                roles
            }),
            age_cell(obj, now),
            json!(str_of(&info["kubeletVersion"])),
            json!(address(status, "InternalIP")),
            json!(address(status, "ExternalIP")),
            json!(or_unknown(&info["osImage"])),
            json!(or_unknown(&info["kernelVersion"])),
            json!(or_unknown(&info["containerRuntimeVersion"])),
        ]
    }
}

/// `Ready` / `NotReady` / `Unknown`, plus `SchedulingDisabled` when cordoned.
fn node_status(obj: &Value) -> String {
    // The last Ready condition wins, as in Kubernetes' condition map.
    let ready = list(&obj["status"]["conditions"])
        .iter()
        .rfind(|c| str_of(&c["type"]) == "Ready");
    let mut parts = vec![match ready {
        Some(c) if str_of(&c["status"]) == "True" => "Ready",
        Some(_) => "NotReady",
        None => "Unknown",
    }];
    if obj["spec"]["unschedulable"].as_bool() == Some(true) {
        parts.push("SchedulingDisabled");
    }
    parts.join(",")
}

/// Sorted roles from `node-role.kubernetes.io/<role>` and
/// `kubernetes.io/role=<role>` labels, comma-joined.
fn roles(labels: &Value) -> String {
    let mut roles = BTreeSet::new();
    if let Some(m) = labels.as_object() {
        for (k, v) in m {
            if let Some(role) = k.strip_prefix(ROLE_PREFIX) {
                if !role.is_empty() {
                    roles.insert(role.to_string());
                }
            } else if k == ROLE_LABEL && !str_of(v).is_empty() {
                roles.insert(str_of(v).to_string());
            }
        }
    }
    roles.into_iter().collect::<Vec<_>>().join(",")
}

/// The first address of type `ty`, or `<none>`.
fn address<'a>(status: &'a Value, ty: &str) -> &'a str {
    list(&status["addresses"])
        .iter()
        .find(|a| str_of(&a["type"]) == ty)
        .map(|a| str_of(&a["address"]))
        .unwrap_or(NONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn columns() {
        let (all, wide) = names(&NodePrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Status",
                "Roles",
                "Age",
                "Version",
                "Internal-IP",
                "External-IP",
                "OS-Image",
                "Kernel-Version",
                "Container-Runtime"
            ]
        );
        assert_eq!(
            wide,
            [
                "Internal-IP",
                "External-IP",
                "OS-Image",
                "Kernel-Version",
                "Container-Runtime"
            ]
        );
    }

    #[test]
    fn cordoned_control_plane_node() {
        let node = json!({
            "metadata": {"name": "cp-1", "creationTimestamp": ago(40 * 86400),
                         "labels": {"node-role.kubernetes.io/control-plane": "",
                                    "node-role.kubernetes.io/etcd": "true",
                                    "kubernetes.io/role": "master",
                                    "node-role.kubernetes.io/": ""}},
            "spec": {"unschedulable": true},
            "status": {"conditions": [{"type": "MemoryPressure", "status": "False"},
                                      {"type": "Ready", "status": "True"}],
                       "addresses": [{"type": "Hostname", "address": "cp-1"},
                                     {"type": "InternalIP", "address": "192.168.1.10"},
                                     {"type": "InternalIP", "address": "192.168.1.11"}],
                       "nodeInfo": {"kubeletVersion": "v1.33.1", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                    "kernelVersion": "6.1.0-18-amd64",
                                    "containerRuntimeVersion": "containerd://1.7.13"}}
        });
        assert_eq!(
            cells(&NodePrinter, &node),
            vec![
                json!("cp-1"),
                json!("Ready,SchedulingDisabled"),
                json!("control-plane,etcd,master"),
                json!("40d"),
                json!("v1.33.1"),
                json!("192.168.1.10"),
                json!("<none>"),
                json!("Debian GNU/Linux 12 (bookworm)"),
                json!("6.1.0-18-amd64"),
                json!("containerd://1.7.13"),
            ]
        );
    }

    #[test]
    fn bare_and_not_ready_nodes() {
        let bare = json!({"metadata": {"name": "n"}});
        let c = cells(&NodePrinter, &bare);
        assert_eq!(c[1], "Unknown");
        assert_eq!(c[2], "<none>");
        assert_eq!(c[4], "");
        assert_eq!(c[7], "<unknown>");
        let not_ready = json!({"metadata": {"name": "n"},
            "status": {"conditions": [{"type": "Ready", "status": "Unknown"}],
                       "addresses": [{"type": "ExternalIP", "address": "203.0.113.5"}]}});
        let c = cells(&NodePrinter, &not_ready);
        assert_eq!(c[1], "NotReady");
        assert_eq!(c[6], "203.0.113.5");
    }
}
