//! Pods: readiness, the aggregate status reason, restarts and placement.

use std::collections::HashMap;

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, deleting, int_of, list, name_cell, since, str_of, timestamp, NONE};
use super::{Column, Printer};

/// Prints Pods.
pub(super) struct PodPrinter;

/// The reason Kubernetes gives pods whose node stopped responding.
const NODE_LOST: &str = "NodeLost";

impl Printer for PodPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string(
                "Ready",
                "Ready containers out of all containers in the pod.",
            ),
            Column::string("Status", "A one-word summary of the pod's state."),
            Column::string(
                "Restarts",
                "Container restarts in the pod, with the time since the latest one.",
            ),
            Column::age(),
            Column::string("IP", "The pod's primary IP address.").wide(),
            Column::string("Node", "The node the pod is bound to.").wide(),
            Column::string(
                "Nominated Node",
                "The node the scheduler nominated for the pod after preemption.",
            )
            .wide(),
            Column::string(
                "Readiness Gates",
                "Readiness gates that are satisfied, of all gates.",
            )
            .wide(),
        ]
    }

    fn cells(&self, pod: &Value, now: Timestamp) -> Vec<Value> {
        let summary = summarize(pod);
        let restarts = match summary.last_restart {
            Some(t) if summary.restarts != 0 => {
                format!("{} ({} ago)", summary.restarts, since(now, Some(t)))
            }
            _ => summary.restarts.to_string(),
        };
        let spec = &pod["spec"];
        let status = &pod["status"];
        vec![
            name_cell(pod),
            json!(format!("{}/{}", summary.ready, summary.total)),
            json!(summary.reason),
            json!(restarts),
            age_cell(pod, now),
            json!(or_none(pod_ip(status))),
            json!(or_none(str_of(&spec["nodeName"]))),
            json!(or_none(str_of(&status["nominatedNodeName"]))),
            json!(readiness_gates(spec, status)),
        ]
    }

    fn conditions(&self, pod: &Value) -> Option<Value> {
        let (reason, message) = match str_of(&pod["status"]["phase"]) {
            "Succeeded" => ("Succeeded", "The pod has completed successfully."),
            "Failed" => ("Failed", "The pod failed."),
            _ => return None,
        };
        Some(json!([{
            "type": "Completed",
            "status": "True",
            "reason": reason,
            "message": message,
        }]))
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        NONE
    } else {
        s
    }
}

/// The primary pod IP: `status.podIP` wins over `status.podIPs` (as in the
/// v1 conversion), else the first of `podIPs`.
fn pod_ip(status: &Value) -> &str {
    let ip = str_of(&status["podIP"]);
    if !ip.is_empty() {
        return ip;
    }
    list(&status["podIPs"])
        .first()
        .map(|p| str_of(&p["ip"]))
        .unwrap_or_default()
}

/// `<none>` without readiness gates, else how many of the gates' conditions
/// are True, out of all gates.
fn readiness_gates(spec: &Value, status: &Value) -> String {
    let gates = list(&spec["readinessGates"]);
    if gates.is_empty() {
        return NONE.to_string();
    }
    let conditions = list(&status["conditions"]);
    let met = gates
        .iter()
        .filter(|gate| {
            let ty = str_of(&gate["conditionType"]);
            conditions
                .iter()
                .find(|c| str_of(&c["type"]) == ty)
                .is_some_and(|c| str_of(&c["status"]) == "True")
        })
        .count();
    format!("{met}/{}", gates.len())
}

/// What the Ready, Status and Restarts columns show.
struct Summary {
    ready: usize,
    total: usize,
    reason: String,
    restarts: i64,
    last_restart: Option<Timestamp>,
}

/// Keeps the later of two optional times.
fn later(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// When a container last terminated (`lastState.terminated.finishedAt`).
fn last_termination(cs: &Value) -> Option<Timestamp> {
    timestamp(&cs["lastState"]["terminated"]["finishedAt"])
}

fn has_condition(status: &Value, ty: &str) -> bool {
    list(&status["conditions"])
        .iter()
        .any(|c| str_of(&c["type"]) == ty && str_of(&c["status"]) == "True")
}

/// The Initialized condition's verdict (its first occurrence).
fn initialized(status: &Value) -> bool {
    list(&status["conditions"])
        .iter()
        .find(|c| str_of(&c["type"]) == "Initialized")
        .is_some_and(|c| str_of(&c["status"]) == "True")
}

/// A terminated state without a reason, described by signal or exit code.
fn terminated_code(terminated: &Value) -> String {
    let signal = int_of(&terminated["signal"]);
    if signal != 0 {
        format!("Signal:{signal}")
    } else {
        format!("ExitCode:{}", int_of(&terminated["exitCode"]))
    }
}

/// Kubernetes' pod status logic (`printPod`).
fn summarize(pod: &Value) -> Summary {
    let spec = &pod["spec"];
    let status = &pod["status"];
    // Pods are created Pending; a missing phase means that.
    let phase = status["phase"].as_str().unwrap_or("Pending");
    let pod_reason = str_of(&status["reason"]);
    let mut reason = if pod_reason.is_empty() {
        phase.to_string()
    } else {
        pod_reason.to_string()
    };
    if list(&status["conditions"])
        .iter()
        .any(|c| str_of(&c["type"]) == "PodScheduled" && str_of(&c["reason"]) == "SchedulingGated")
    {
        reason = "SchedulingGated".to_string();
    }

    let init_specs = list(&spec["initContainers"]);
    let sidecar = |c: &Value| str_of(&c["restartPolicy"]) == "Always";
    let init_by_name: HashMap<&str, &Value> =
        init_specs.iter().map(|c| (str_of(&c["name"]), c)).collect();
    let is_sidecar = |name: &str| init_by_name.get(name).is_some_and(|c| sidecar(c));

    let total = list(&spec["containers"]).len() + init_specs.iter().filter(|c| sidecar(c)).count();
    let mut ready = 0;
    let mut restarts = 0;
    let mut last_restart = None;
    let mut sidecar_restarts = 0;
    let mut sidecar_last_restart = None;

    let mut initializing = false;
    for (i, cs) in list(&status["initContainerStatuses"]).iter().enumerate() {
        let name = str_of(&cs["name"]);
        restarts += int_of(&cs["restartCount"]);
        last_restart = later(last_restart, last_termination(cs));
        if is_sidecar(name) {
            sidecar_restarts += int_of(&cs["restartCount"]);
            sidecar_last_restart = later(sidecar_last_restart, last_termination(cs));
        }
        let state = &cs["state"];
        let terminated = &state["terminated"];
        let waiting_reason = str_of(&state["waiting"]["reason"]);
        if terminated.is_object() && int_of(&terminated["exitCode"]) == 0 {
            continue;
        }
        if is_sidecar(name) && cs["started"].as_bool() == Some(true) {
            if cs["ready"].as_bool() == Some(true) {
                ready += 1;
            }
            continue;
        }
        reason = if terminated.is_object() {
            let r = str_of(&terminated["reason"]);
            if r.is_empty() {
                format!("Init:{}", terminated_code(terminated))
            } else {
                format!("Init:{r}")
            }
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            format!("Init:{waiting_reason}")
        } else {
            format!("Init:{i}/{}", init_specs.len())
        };
        initializing = true;
        break;
    }

    if !initializing || initialized(status) {
        restarts = sidecar_restarts;
        last_restart = sidecar_last_restart;
        let mut has_running = false;
        for cs in list(&status["containerStatuses"]).iter().rev() {
            restarts += int_of(&cs["restartCount"]);
            last_restart = later(last_restart, last_termination(cs));
            let state = &cs["state"];
            let waiting_reason = str_of(&state["waiting"]["reason"]);
            let terminated = &state["terminated"];
            if !waiting_reason.is_empty() {
                reason = waiting_reason.to_string();
            } else if terminated.is_object() {
                let r = str_of(&terminated["reason"]);
                reason = if r.is_empty() {
                    terminated_code(terminated)
                } else {
                    r.to_string()
                };
            } else if cs["ready"].as_bool() == Some(true) && state["running"].is_object() {
                has_running = true;
                ready += 1;
            }
        }
        // A pod whose finished containers say Completed is still running while
        // another container runs.
        if reason == "Completed" && has_running {
            reason = if has_condition(status, "Ready") {
                "Running".to_string()
            } else {
                "NotReady".to_string()
            };
        }
    }

    if deleting(pod) {
        if pod_reason == NODE_LOST {
            reason = "Unknown".to_string();
        } else if phase != "Succeeded" && phase != "Failed" {
            reason = "Terminating".to_string();
        }
    }

    Summary {
        ready,
        total,
        reason,
        restarts,
        last_restart,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    fn running(name: &str, restarts: i64) -> Value {
        json!({"name": name, "ready": true, "restartCount": restarts,
               "state": {"running": {"startedAt": ago(600)}}})
    }

    #[test]
    fn columns() {
        let (all, wide) = names(&PodPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Ready",
                "Status",
                "Restarts",
                "Age",
                "IP",
                "Node",
                "Nominated Node",
                "Readiness Gates"
            ]
        );
        assert_eq!(wide, ["IP", "Node", "Nominated Node", "Readiness Gates"]);
        assert_eq!(PodPrinter.columns()[0].format, "name");
        assert_eq!(PodPrinter.columns()[3].kind, "string");
    }

    #[test]
    fn crash_looping_pod() {
        let pod = json!({
            "metadata": {"name": "web-1", "creationTimestamp": ago(3600)},
            "spec": {"nodeName": "node-a", "containers": [{"name": "app"}, {"name": "sidecar"}]},
            "status": {
                "phase": "Running",
                "podIP": "10.0.0.5",
                "conditions": [{"type": "Ready", "status": "False"}],
                "containerStatuses": [
                    running("app", 0),
                    {"name": "sidecar", "ready": false, "restartCount": 3,
                     "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                     "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                                  "finishedAt": ago(120)}}}
                ]
            }
        });
        assert_eq!(
            cells(&PodPrinter, &pod),
            vec![
                json!("web-1"),
                json!("1/2"),
                json!("CrashLoopBackOff"),
                json!("3 (2m ago)"),
                json!("60m"),
                json!("10.0.0.5"),
                json!("node-a"),
                json!("<none>"),
                json!("<none>"),
            ]
        );
        assert!(PodPrinter.conditions(&pod).is_none());
    }

    #[test]
    fn pending_pod_without_status() {
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]}});
        let c = cells(&PodPrinter, &pod);
        assert_eq!(c[1], "0/1");
        assert_eq!(c[2], "Pending");
        assert_eq!(c[3], "0");
        assert_eq!(c[4], "<unknown>");
        assert_eq!(c[5], "<none>");
        assert_eq!(c[6], "<none>");
    }

    #[test]
    fn init_containers() {
        let base = |init_statuses: Value| {
            json!({
                "metadata": {"name": "p"},
                "spec": {"initContainers": [{"name": "i1"}, {"name": "i2"}],
                         "containers": [{"name": "a"}]},
                "status": {"phase": "Pending", "initContainerStatuses": init_statuses,
                           "containerStatuses": [{"name": "a", "ready": false, "restartCount": 0,
                                                  "state": {"waiting": {"reason": "PodInitializing"}}}]}
            })
        };
        let done = json!({"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}});
        // Second init container running: Init:1/2.
        let pod = base(json!([done, {"name": "i2", "restartCount": 0, "state": {"running": {}}}]));
        assert_eq!(cells(&PodPrinter, &pod)[2], "Init:1/2");
        // Waiting on PodInitializing counts as progress too.
        let pod = base(
            json!([{"name": "i1", "restartCount": 0, "state": {"waiting": {"reason": "PodInitializing"}}}]),
        );
        assert_eq!(cells(&PodPrinter, &pod)[2], "Init:0/2");
        // Crash-looping init container.
        let pod = base(json!([done, {"name": "i2", "restartCount": 4,
            "state": {"waiting": {"reason": "CrashLoopBackOff"}},
            "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(30)}}}]));
        let c = cells(&PodPrinter, &pod);
        assert_eq!(c[2], "Init:CrashLoopBackOff");
        assert_eq!(c[3], "4 (30s ago)");
        // Failed without a reason: exit code, or signal.
        let pod = base(
            json!([{"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 2}}}]),
        );
        assert_eq!(cells(&PodPrinter, &pod)[2], "Init:ExitCode:2");
        let pod = base(
            json!([{"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 137, "signal": 9}}}]),
        );
        assert_eq!(cells(&PodPrinter, &pod)[2], "Init:Signal:9");
        let pod = base(
            json!([{"name": "i1", "restartCount": 0, "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]),
        );
        assert_eq!(cells(&PodPrinter, &pod)[2], "Init:Error");
        // All init containers done: the main containers decide.
        let pod = base(
            json!([done, {"name": "i2", "restartCount": 0, "state": {"terminated": {"exitCode": 0}}}]),
        );
        assert_eq!(cells(&PodPrinter, &pod)[2], "PodInitializing");
    }

    #[test]
    fn sidecar_containers() {
        let pod = json!({
            "metadata": {"name": "p"},
            "spec": {"initContainers": [{"name": "proxy", "restartPolicy": "Always"}],
                     "containers": [{"name": "a"}]},
            "status": {"phase": "Running",
                       "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
                       "initContainerStatuses": [{"name": "proxy", "started": true, "ready": true, "restartCount": 2,
                           "state": {"running": {}},
                           "lastState": {"terminated": {"exitCode": 1, "finishedAt": ago(400)}}}],
                       "containerStatuses": [running("a", 1)]}
        });
        let c = cells(&PodPrinter, &pod);
        assert_eq!(c[1], "2/2");
        assert_eq!(c[2], "Running");
        assert_eq!(c[3], "3 (6m40s ago)");
    }

    #[test]
    fn completed_and_terminated() {
        let mut pod = json!({
            "metadata": {"name": "job-x"},
            "spec": {"containers": [{"name": "a"}]},
            "status": {"phase": "Succeeded", "containerStatuses": [{"name": "a", "ready": false, "restartCount": 0,
                "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}
        });
        let c = cells(&PodPrinter, &pod);
        assert_eq!(c[1], "0/1");
        assert_eq!(c[2], "Completed");
        assert_eq!(
            PodPrinter.conditions(&pod),
            Some(
                json!([{"type": "Completed", "status": "True", "reason": "Succeeded",
                         "message": "The pod has completed successfully."}])
            )
        );
        // Terminated without reason.
        pod["status"]["phase"] = json!("Failed");
        pod["status"]["containerStatuses"][0]["state"] = json!({"terminated": {"exitCode": 3}});
        assert_eq!(cells(&PodPrinter, &pod)[2], "ExitCode:3");
        // Deleting a terminal pod keeps its status.
        pod["metadata"]["deletionTimestamp"] = json!(ago(5));
        assert_eq!(cells(&PodPrinter, &pod)[2], "ExitCode:3");
    }

    #[test]
    fn completed_container_with_running_one() {
        let pod = |ready: &str| {
            json!({
                "metadata": {"name": "p"},
                "spec": {"containers": [{"name": "a"}, {"name": "b"}]},
                "status": {"phase": "Running",
                           "conditions": [{"type": "Ready", "status": ready}],
                           "containerStatuses": [
                               {"name": "a", "ready": false, "restartCount": 0,
                                "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
                               running("b", 0)]}
            })
        };
        assert_eq!(cells(&PodPrinter, &pod("True"))[2], "Running");
        assert_eq!(cells(&PodPrinter, &pod("False"))[2], "NotReady");
    }

    #[test]
    fn terminating_and_node_lost() {
        let mut pod = json!({
            "metadata": {"name": "p", "deletionTimestamp": ago(1)},
            "spec": {"containers": [{"name": "a"}]},
            "status": {"phase": "Running", "containerStatuses": [running("a", 0)]}
        });
        assert_eq!(cells(&PodPrinter, &pod)[2], "Terminating");
        pod["status"]["reason"] = json!("NodeLost");
        assert_eq!(cells(&PodPrinter, &pod)[2], "Unknown");
        // Without a deletion timestamp the pod reason shows.
        pod["metadata"]
            .as_object_mut()
            .map(|m| m.remove("deletionTimestamp"));
        pod["status"]["containerStatuses"] = json!([]);
        assert_eq!(cells(&PodPrinter, &pod)[2], "NodeLost");
    }

    #[test]
    fn scheduling_gated_and_wide_fields() {
        let pod = json!({
            "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "a"}],
                     "readinessGates": [{"conditionType": "example.com/lb"}, {"conditionType": "example.com/dns"}]},
            "status": {"phase": "Pending", "nominatedNodeName": "node-b",
                       "podIPs": [{"ip": "fd00::1"}],
                       "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"},
                                      {"type": "example.com/lb", "status": "True"},
                                      {"type": "example.com/dns", "status": "False"}]}
        });
        let c = cells(&PodPrinter, &pod);
        assert_eq!(c[2], "SchedulingGated");
        assert_eq!(c[5], "fd00::1");
        assert_eq!(c[7], "node-b");
        assert_eq!(c[8], "1/2");
    }

    #[test]
    fn evicted_pod_shows_reason() {
        let pod = json!({
            "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "a"}]},
            "status": {"phase": "Failed", "reason": "Evicted"}
        });
        assert_eq!(cells(&PodPrinter, &pod)[2], "Evicted");
    }
}
