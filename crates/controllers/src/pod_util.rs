//! Small helpers over pods, labels, owner references and timestamps shared by
//! the cluster-wide controllers (endpoints, slices, disruption, quota, HPA,
//! node lifecycle).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Pod, PodCondition, ServicePort};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

static NO_LABELS: BTreeMap<String, String> = BTreeMap::new();

/// The labels of an object (empty when it has none).
pub fn labels_of(meta: &ObjectMeta) -> &BTreeMap<String, String> {
    meta.labels.as_ref().unwrap_or(&NO_LABELS)
}

/// Whether every `key=value` of a map selector (a Service's or an RC's) is
/// present in `labels`. An empty map selects everything, as
/// `labels.SelectorFromSet` does.
pub fn map_selector_matches(
    selector: &BTreeMap<String, String>,
    labels: &BTreeMap<String, String>,
) -> bool {
    selector
        .iter()
        .all(|(k, v)| labels.get(k).is_some_and(|have| have == v))
}

/// A pod condition of the given type.
pub fn pod_condition<'a>(pod: &'a Pod, type_: &str) -> Option<&'a PodCondition> {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == type_))
}

/// Whether the pod's `Ready` condition is `True`.
pub fn is_pod_ready(pod: &Pod) -> bool {
    pod_condition(pod, "Ready").is_some_and(|c| c.status == "True")
}

/// The pod's phase ("" when unset).
pub fn pod_phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// Whether the pod has finished (phase `Succeeded` or `Failed`).
pub fn is_pod_terminal(pod: &Pod) -> bool {
    matches!(pod_phase(pod), "Succeeded" | "Failed")
}

/// Whether the pod is being deleted.
pub fn is_terminating(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// The pod's IP addresses (`status.podIPs`, else `status.podIP`).
pub fn pod_ips(pod: &Pod) -> Vec<String> {
    let Some(status) = pod.status.as_ref() else {
        return Vec::new();
    };
    let listed: Vec<String> = status
        .pod_ips
        .iter()
        .flatten()
        .map(|p| p.ip.clone())
        .filter(|ip| !ip.is_empty())
        .collect();
    if !listed.is_empty() {
        return listed;
    }
    status
        .pod_ip
        .iter()
        .filter(|ip| !ip.is_empty())
        .cloned()
        .collect()
}

/// Whether a pod belongs in a Service's endpoints at all: not finished, has an
/// IP, and (unless `include_terminating`) is not being deleted.
pub fn should_pod_be_in_endpoints(pod: &Pod, include_terminating: bool) -> bool {
    if is_pod_terminal(pod) || pod_ips(pod).is_empty() {
        return false;
    }
    include_terminating || !is_terminating(pod)
}

/// The container port a Service port targets on `pod`: the number itself, or
/// the named port of a container (or sidecar init container) with the same
/// protocol. `None` when a named port is not found.
pub fn find_port(pod: &Pod, port: &ServicePort) -> Option<i32> {
    let protocol = port.protocol.as_deref().unwrap_or("TCP");
    match port.target_port.as_ref() {
        None => Some(port.port),
        Some(IntOrString::Int(n)) => Some(*n),
        Some(IntOrString::String(name)) => {
            let spec = pod.spec.as_ref()?;
            let sidecars = spec
                .init_containers
                .iter()
                .flatten()
                .filter(|c| c.restart_policy.as_deref() == Some("Always"));
            spec.containers
                .iter()
                .chain(sidecars)
                .flat_map(|c| c.ports.iter().flatten())
                .find(|p| {
                    p.name.as_deref() == Some(name.as_str())
                        && p.protocol.as_deref().unwrap_or("TCP") == protocol
                })
                .map(|p| p.container_port)
        }
    }
}

/// The controlling owner reference, if any.
pub fn controller_of(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
}

/// RFC 3339 with second precision, as `metav1.Time` serializes.
pub fn rfc3339(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// RFC 3339 with nanosecond precision (trailing zeros trimmed), as Go's
/// `time.RFC3339Nano` formats.
pub fn rfc3339_nano(ts: jiff::Timestamp) -> String {
    let base = ts.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = ts.subsec_nanosecond();
    if nanos == 0 {
        return format!("{base}Z");
    }
    let frac = format!("{nanos:09}");
    format!("{base}.{}Z", frac.trim_end_matches('0'))
}

/// `a - b` as a signed number of seconds (fractional).
pub fn seconds_between(a: jiff::Timestamp, b: jiff::Timestamp) -> f64 {
    a.duration_since(b).as_secs_f64()
}

/// `ts + d`, saturating at the representable range.
pub fn add(ts: jiff::Timestamp, d: std::time::Duration) -> jiff::Timestamp {
    jiff::SignedDuration::try_from(d)
        .ok()
        .and_then(|sd| ts.checked_add(sd).ok())
        .unwrap_or(jiff::Timestamp::MAX)
}

/// Whether an error from the API server is a 404.
pub fn is_not_found(err: &kube::Error) -> bool {
    matches!(err, kube::Error::Api(e) if e.code == 404)
}

/// Whether an error from the API server is a 409 (conflict or already exists).
pub fn is_conflict(err: &kube::Error) -> bool {
    matches!(err, kube::Error::Api(e) if e.code == 409)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// A pod from JSON (test helper).
    pub(crate) fn pod(value: serde_json::Value) -> Pod {
        serde_json::from_value(value).expect("valid pod json")
    }

    #[test]
    fn named_ports_resolve_by_name_and_protocol() {
        let p = pod(json!({
            "metadata": {"name": "p"},
            "spec": {
                "containers": [{"name": "c", "ports": [
                    {"name": "http", "containerPort": 8080},
                    {"name": "dns", "containerPort": 53, "protocol": "UDP"}
                ]}],
                "initContainers": [{"name": "side", "restartPolicy": "Always", "ports": [{"name": "metrics", "containerPort": 9090}]}]
            }
        }));
        let sp = |target: serde_json::Value, protocol: &str| -> ServicePort {
            serde_json::from_value(json!({"port": 80, "targetPort": target, "protocol": protocol}))
                .expect("port")
        };
        assert_eq!(find_port(&p, &sp(json!("http"), "TCP")), Some(8080));
        assert_eq!(find_port(&p, &sp(json!("http"), "UDP")), None);
        assert_eq!(find_port(&p, &sp(json!("dns"), "UDP")), Some(53));
        assert_eq!(find_port(&p, &sp(json!("metrics"), "TCP")), Some(9090));
        assert_eq!(find_port(&p, &sp(json!(9376), "TCP")), Some(9376));
        assert_eq!(find_port(&p, &sp(json!("missing"), "TCP")), None);
    }

    #[test]
    fn endpoint_membership_rules() {
        let running = pod(
            json!({"metadata": {"name": "a"}, "status": {"phase": "Running", "podIP": "10.0.0.1"}}),
        );
        assert!(should_pod_be_in_endpoints(&running, false));
        let no_ip = pod(json!({"metadata": {"name": "a"}, "status": {"phase": "Running"}}));
        assert!(!should_pod_be_in_endpoints(&no_ip, true));
        let done = pod(
            json!({"metadata": {"name": "a"}, "status": {"phase": "Succeeded", "podIP": "10.0.0.1"}}),
        );
        assert!(!should_pod_be_in_endpoints(&done, true));
        let deleting = pod(
            json!({"metadata": {"name": "a", "deletionTimestamp": "2024-01-01T00:00:00Z"}, "status": {"phase": "Running", "podIP": "10.0.0.1"}}),
        );
        assert!(!should_pod_be_in_endpoints(&deleting, false));
        assert!(should_pod_be_in_endpoints(&deleting, true));
    }

    #[test]
    fn nano_timestamps_trim_zeros() {
        let ts: jiff::Timestamp = "2024-05-01T10:00:00.120Z".parse().expect("ts");
        assert_eq!(rfc3339_nano(ts), "2024-05-01T10:00:00.12Z");
        let whole: jiff::Timestamp = "2024-05-01T10:00:00Z".parse().expect("ts");
        assert_eq!(rfc3339_nano(whole), "2024-05-01T10:00:00Z");
        assert_eq!(rfc3339(ts), "2024-05-01T10:00:00Z");
    }
}
