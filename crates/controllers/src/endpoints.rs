//! The Endpoints controller: for every Service with a selector, keeps an
//! Endpoints object of the same name listing the matching pods' addresses —
//! ready ones under `addresses`, others under `notReadyAddresses` (all under
//! `addresses` with `publishNotReadyAddresses`) — with each Service port
//! resolved against the pod's containers.
//!
//! As in Kubernetes: Services without a selector (including `default/kubernetes`,
//! which the API server maintains) and ExternalName Services are left alone;
//! terminating and finished pods are left out; the Endpoints carry the
//! Service's labels (plus `service.kubernetes.io/headless` for headless
//! Services), the `endpoints.kubernetes.io/last-change-trigger-time`
//! annotation, and are truncated to 1000 addresses with the
//! `endpoints.kubernetes.io/over-capacity: truncated` annotation. Endpoints
//! whose Service is gone are deleted.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::{
    EndpointAddress, EndpointPort, EndpointSubset, Endpoints, ObjectReference, Pod, Service,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, DeleteParams, PostParams};
use parking_lot::Mutex;

use crate::pod_util::{
    find_port, is_conflict, is_not_found, is_pod_ready, labels_of, map_selector_matches,
    pod_condition, pod_ips, rfc3339_nano, should_pod_be_in_endpoints,
};
use capstan_runtime::events::{EventType, Recorder};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

/// Most addresses an Endpoints object holds before it is truncated.
pub const MAX_CAPACITY: usize = 1000;
/// Annotation: the time of the last pod or Service change reflected.
pub const TRIGGER_TIME_ANNOTATION: &str = "endpoints.kubernetes.io/last-change-trigger-time";
/// Annotation set (to `truncated`) when addresses were dropped.
pub const OVER_CAPACITY_ANNOTATION: &str = "endpoints.kubernetes.io/over-capacity";
/// Label marking the Endpoints (and slices) of headless Services.
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";
/// Label marking Endpoints written by this controller (Kubernetes 1.33+).
pub const MANAGED_BY_LABEL: &str = "endpoints.kubernetes.io/managed-by";
/// The value of [`MANAGED_BY_LABEL`].
pub const CONTROLLER_NAME: &str = "endpoint-controller";
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";

/// Starts the Endpoints controller.
pub fn start(informers: &Informers) {
    let services = informers.get::<Service>();
    let pods = informers.get::<Pod>();
    let endpoints = informers.get::<Endpoints>();
    let client = informers.client().clone();
    let controller = Arc::new(Controller {
        recorder: Recorder::new(client.clone(), "endpoint-controller", "endpoint-controller"),
        client,
        services,
        pods,
        endpoints,
        queue: WorkQueue::new(),
        triggers: TriggerTimeTracker::default(),
        stale: Mutex::new(HashMap::new()),
    });
    tokio::spawn(controller.run());
}

struct Controller {
    client: kube::Client,
    recorder: Recorder,
    services: Arc<Informer<Service>>,
    pods: Arc<Informer<Pod>>,
    endpoints: Arc<Informer<Endpoints>>,
    queue: Arc<WorkQueue<String>>,
    triggers: TriggerTimeTracker,
    /// Resource versions this controller has replaced, per key: seeing one of
    /// them in the cache again means the cache is behind.
    stale: Mutex<HashMap<String, String>>,
}

impl Controller {
    async fn run(self: Arc<Self>) {
        for synced in [
            self.services.wait_synced(Duration::from_secs(60)).await,
            self.pods.wait_synced(Duration::from_secs(60)).await,
            self.endpoints.wait_synced(Duration::from_secs(60)).await,
        ] {
            if !synced {
                tracing::warn!(
                    "endpoint controller: informers not synced after 60s; starting anyway"
                );
            }
        }
        let mut service_changes = self.services.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = service_changes.recv().await {
                q.add(capstan_runtime::informer::key_of(change.object().as_ref()));
            }
        });
        let mut pod_changes = self.pods.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                me.pod_changed(&change);
            }
        });
        let mut endpoint_changes = self.endpoints.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = endpoint_changes.recv().await {
                let ep = change.object();
                // Leader-election records live in Endpoints without a Service.
                if ep
                    .metadata
                    .annotations
                    .as_ref()
                    .is_some_and(|a| a.contains_key(LEADER_ANNOTATION))
                {
                    continue;
                }
                // New ones are checked once (leftovers of deleted Services);
                // deleted ones are recreated when their Service still exists.
                if matches!(change, Change::Added(_) | Change::Deleted(_)) {
                    q.add(capstan_runtime::informer::key_of(ep.as_ref()));
                }
            }
        });
        let me = self.clone();
        run_workers("endpoint", self.queue.clone(), 5, move |key: String| {
            let me = me.clone();
            async move { me.sync(&key).await }
        });
    }

    fn pod_changed(&self, change: &Change<Pod>) {
        let (old, new) = match change {
            Change::Added(p) | Change::Deleted(p) => (None, p),
            Change::Updated { old, new } => {
                if endpoint_relevant(old) == endpoint_relevant(new) {
                    return;
                }
                (Some(old), new)
            }
        };
        let ns = new.metadata.namespace.as_deref().unwrap_or("");
        for svc in services_selecting(&self.services, ns, new, old.map(|o| o.as_ref())) {
            self.queue.add(svc);
        }
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        let api: Api<Endpoints> = Api::namespaced(self.client.clone(), ns);
        let Some(service) = self.services.get(Some(ns), name) else {
            self.triggers.forget(key);
            self.stale.lock().remove(key);
            if self.endpoints.get(Some(ns), name).is_none() {
                return Ok(Next::Done);
            }
            return match api.delete(name, &DeleteParams::default()).await {
                Ok(_) => Ok(Next::Done),
                Err(e) if is_not_found(&e) => Ok(Next::Done),
                Err(e) => Err(anyhow::Error::new(e).context(format!("deleting endpoints {key}"))),
            };
        };
        let Some(spec) = service.spec.as_ref() else {
            return Ok(Next::Done);
        };
        if spec.type_.as_deref() == Some("ExternalName")
            || (ns == "default" && name == "kubernetes")
        {
            return Ok(Next::Done);
        }
        let Some(selector) = spec.selector.as_ref() else {
            return Ok(Next::Done);
        };
        let pods: Vec<Arc<Pod>> = self
            .pods
            .list_namespace(ns)
            .into_iter()
            .filter(|p| map_selector_matches(selector, labels_of(&p.metadata)))
            .collect();
        let trigger = self.triggers.compute(key, &service, &pods);
        let subsets = desired_subsets(&service, &pods);

        let current = self.endpoints.get(Some(ns), name);
        if let Some(cur) = &current {
            let rv = cur.metadata.resource_version.clone().unwrap_or_default();
            if self.stale.lock().get(key) == Some(&rv) {
                return Ok(Next::After(Duration::from_millis(100)));
            }
        }
        let service_labels = labels_of(&service.metadata).clone();
        if let Some(cur) = &current {
            let mut compare_labels = labels_of(&cur.metadata).clone();
            compare_labels.remove(HEADLESS_LABEL);
            let managed =
                compare_labels.remove(MANAGED_BY_LABEL).as_deref() == Some(CONTROLLER_NAME);
            let mut wanted_labels = service_labels.clone();
            wanted_labels.remove(HEADLESS_LABEL);
            wanted_labels.remove(MANAGED_BY_LABEL);
            if subsets_equal_ignoring_rv(cur.subsets.as_deref().unwrap_or(&[]), &subsets)
                && managed
                && compare_labels == wanted_labels
                && capacity_annotation_correct(&cur.metadata, cur.subsets.as_deref().unwrap_or(&[]))
            {
                return Ok(Next::Done);
            }
        }
        let mut metadata = match &current {
            Some(cur) => cur.metadata.clone(),
            None => ObjectMeta {
                name: Some(name.to_string()),
                namespace: Some(ns.to_string()),
                ..Default::default()
            },
        };
        let mut annotations = metadata.annotations.take().unwrap_or_default();
        match trigger {
            Some(t) => annotations.insert(TRIGGER_TIME_ANNOTATION.into(), rfc3339_nano(t)),
            None => annotations.remove(TRIGGER_TIME_ANNOTATION),
        };
        let mut subsets = subsets;
        if truncate(&mut subsets) {
            annotations.insert(OVER_CAPACITY_ANNOTATION.into(), "truncated".into());
        } else {
            annotations.remove(OVER_CAPACITY_ANNOTATION);
        }
        metadata.annotations = (!annotations.is_empty()).then_some(annotations);
        let mut labels = service_labels;
        labels.insert(MANAGED_BY_LABEL.into(), CONTROLLER_NAME.into());
        if is_service_ip_set(&service) {
            labels.remove(HEADLESS_LABEL);
        } else {
            labels.insert(HEADLESS_LABEL.into(), String::new());
        }
        metadata.labels = (!labels.is_empty()).then_some(labels);
        let desired = Endpoints {
            metadata,
            subsets: (!subsets.is_empty()).then_some(subsets),
        };
        let result = match &current {
            None => api
                .create(&PostParams::default(), &desired)
                .await
                .map(|_| ()),
            Some(cur) => match api.replace(name, &PostParams::default(), &desired).await {
                Ok(updated) => {
                    if updated.metadata.resource_version != cur.metadata.resource_version {
                        if let Some(rv) = cur.metadata.resource_version.clone() {
                            self.stale.lock().insert(key.to_string(), rv);
                        }
                    }
                    Ok(())
                }
                Err(e) => Err(e),
            },
        };
        match result {
            Ok(()) => Ok(Next::Done),
            Err(e) if current.is_none() && is_namespace_terminating(&e) => Ok(Next::Done),
            Err(e) if is_conflict(&e) => {
                Err(anyhow::Error::new(e).context(format!("writing endpoints {key}")))
            }
            Err(e) => {
                let (reason, note) = if current.is_none() {
                    (
                        "FailedToCreateEndpoint",
                        format!("Failed to create endpoint for service {key}: {e}"),
                    )
                } else {
                    (
                        "FailedToUpdateEndpoint",
                        format!("Failed to update endpoint {key}: {e}"),
                    )
                };
                self.recorder.record(
                    ObjectReference {
                        api_version: Some("v1".into()),
                        kind: Some("Endpoints".into()),
                        name: Some(name.to_string()),
                        namespace: Some(ns.to_string()),
                        ..Default::default()
                    },
                    EventType::Warning,
                    reason,
                    "Sync",
                    note,
                );
                Err(anyhow::Error::new(e).context(format!("writing endpoints {key}")))
            }
        }
    }
}

fn is_namespace_terminating(err: &kube::Error) -> bool {
    matches!(err, kube::Error::Api(e) if e.code == 403 && e.message.contains("being terminated"))
}

/// The parts of a pod that affect endpoints, for skipping irrelevant updates.
pub(crate) fn endpoint_relevant(pod: &Pod) -> impl PartialEq {
    let spec = pod.spec.as_ref();
    (
        pod.metadata.labels.clone(),
        pod_ips(pod),
        is_pod_ready(pod),
        pod_condition(pod, "Ready").and_then(|c| c.last_transition_time.clone()),
        pod.metadata.deletion_timestamp.is_some(),
        crate::pod_util::is_pod_terminal(pod),
        spec.and_then(|s| s.node_name.clone()),
        spec.and_then(|s| s.hostname.clone()),
        spec.and_then(|s| s.subdomain.clone()),
        spec.map(|s| {
            s.containers
                .iter()
                .chain(s.init_containers.iter().flatten())
                .map(|c| c.ports.clone())
                .collect::<Vec<_>>()
        }),
    )
}

/// Keys of the Services in `ns` whose selector matches the pod now or before.
pub(crate) fn services_selecting(
    services: &Informer<Service>,
    ns: &str,
    pod: &Pod,
    old: Option<&Pod>,
) -> Vec<String> {
    let mut out = Vec::new();
    for svc in services.list_namespace(ns) {
        let Some(selector) = svc.spec.as_ref().and_then(|s| s.selector.as_ref()) else {
            continue;
        };
        let now = map_selector_matches(selector, labels_of(&pod.metadata));
        let before = old.is_some_and(|o| map_selector_matches(selector, labels_of(&o.metadata)));
        if now || before {
            out.push(capstan_runtime::informer::key_of(svc.as_ref()));
        }
    }
    out
}

/// Whether the Service has a cluster IP (is not headless).
pub(crate) fn is_service_ip_set(service: &Service) -> bool {
    service
        .spec
        .as_ref()
        .and_then(|s| s.cluster_ip.as_deref())
        .is_some_and(|ip| !ip.is_empty() && ip != "None")
}

fn is_ipv6(ip: &str) -> bool {
    ip.contains(':')
}

/// The IP family the Service's endpoints use: its first `ipFamilies` entry,
/// else that of its cluster IP, else (headless) that of the pod's IP.
fn service_family_is_v6(service: &Service, pod: &Pod) -> bool {
    let spec = service.spec.as_ref();
    if let Some(first) = spec
        .and_then(|s| s.ip_families.as_ref())
        .and_then(|f| f.first())
    {
        return first == "IPv6";
    }
    if is_service_ip_set(service) {
        return spec
            .and_then(|s| s.cluster_ip.as_deref())
            .is_some_and(is_ipv6);
    }
    pod_ips(pod).first().is_some_and(|ip| is_ipv6(ip))
}

/// Whether the pod's hostname is published for this Service (the pod names
/// the Service as its subdomain).
pub(crate) fn should_set_hostname(pod: &Pod, service: &Service) -> bool {
    let Some(spec) = pod.spec.as_ref() else {
        return false;
    };
    spec.hostname.as_deref().is_some_and(|h| !h.is_empty())
        && spec.subdomain.as_deref() == service.metadata.name.as_deref()
        && pod.metadata.namespace == service.metadata.namespace
}

fn pod_address(service: &Service, pod: &Pod) -> Option<EndpointAddress> {
    let v6 = service_family_is_v6(service, pod);
    let ip = pod_ips(pod).into_iter().find(|ip| is_ipv6(ip) == v6)?;
    let node = pod.spec.as_ref().and_then(|s| s.node_name.clone());
    Some(EndpointAddress {
        ip,
        hostname: should_set_hostname(pod, service)
            .then(|| pod.spec.as_ref().and_then(|s| s.hostname.clone()))
            .flatten(),
        node_name: node.filter(|n| !n.is_empty()),
        target_ref: Some(ObjectReference {
            kind: Some("Pod".into()),
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            ..Default::default()
        }),
    })
}

/// The Endpoints subsets for `service` from the pods its selector matches.
pub fn desired_subsets(service: &Service, pods: &[Arc<Pod>]) -> Vec<EndpointSubset> {
    let Some(spec) = service.spec.as_ref() else {
        return Vec::new();
    };
    let tolerate_unready = spec.publish_not_ready_addresses == Some(true);
    let headless = spec.cluster_ip.as_deref() == Some("None");
    let mut flat: Vec<(EndpointAddress, bool, Option<EndpointPort>)> = Vec::new();
    for pod in pods {
        if !should_pod_be_in_endpoints(pod, tolerate_unready) {
            continue;
        }
        let Some(address) = pod_address(service, pod) else {
            continue;
        };
        let ready = tolerate_unready || is_pod_ready(pod);
        let ports = spec.ports.as_deref().unwrap_or(&[]);
        if ports.is_empty() {
            if headless {
                flat.push((address, ready, None));
            }
            continue;
        }
        for sp in ports {
            let Some(number) = find_port(pod, sp) else {
                tracing::debug!(pod = ?pod.metadata.name, port = ?sp.name, "no matching container port for service port");
                continue;
            };
            flat.push((
                address.clone(),
                ready,
                Some(EndpointPort {
                    name: sp.name.clone(),
                    port: number,
                    protocol: Some(sp.protocol.clone().unwrap_or_else(|| "TCP".into())),
                    app_protocol: sp.app_protocol.clone(),
                }),
            ));
        }
    }
    repack(flat)
}

type PortKey = (String, i32, String, String);
type AddressKey = (String, String);
/// The addresses (with readiness) a port is served on.
type Members = Vec<(AddressKey, bool)>;

fn port_key(p: &Option<EndpointPort>) -> PortKey {
    match p {
        None => (String::new(), -1, String::new(), String::new()),
        Some(p) => (
            p.name.clone().unwrap_or_default(),
            p.port,
            p.protocol.clone().unwrap_or_default(),
            p.app_protocol.clone().unwrap_or_default(),
        ),
    }
}

fn address_key(a: &EndpointAddress) -> (String, String) {
    (
        a.ip.clone(),
        a.target_ref
            .as_ref()
            .and_then(|r| r.uid.clone())
            .unwrap_or_default(),
    )
}

/// Groups (address, ready, port) triples into subsets: addresses sharing the
/// same set of ports (with the same readiness on each) form one subset. An
/// address that is not ready on a port is not ready there even if another
/// entry says it is. Output is sorted for stable comparison.
fn repack(flat: Vec<(EndpointAddress, bool, Option<EndpointPort>)>) -> Vec<EndpointSubset> {
    let mut addresses: BTreeMap<(String, String), EndpointAddress> = BTreeMap::new();
    let mut ports: BTreeMap<PortKey, Option<EndpointPort>> = BTreeMap::new();
    let mut by_port: BTreeMap<PortKey, BTreeMap<(String, String), bool>> = BTreeMap::new();
    for (addr, ready, port) in flat {
        let ak = address_key(&addr);
        addresses.entry(ak.clone()).or_insert(addr);
        let pk = port_key(&port);
        ports.entry(pk.clone()).or_insert(port);
        let set = by_port.entry(pk).or_default();
        let slot = set.entry(ak).or_insert(ready);
        if !ready {
            *slot = false;
        }
    }
    // Ports with identical address sets share a subset.
    let mut groups: BTreeMap<Members, Vec<PortKey>> = BTreeMap::new();
    for (pk, set) in by_port {
        let members: Members = set.into_iter().collect();
        groups.entry(members).or_default().push(pk);
    }
    let mut out = Vec::new();
    for (members, port_keys) in groups {
        let mut ready = Vec::new();
        let mut not_ready = Vec::new();
        for (ak, is_ready) in members {
            if let Some(a) = addresses.get(&ak) {
                if is_ready {
                    ready.push(a.clone());
                } else {
                    not_ready.push(a.clone());
                }
            }
        }
        let subset_ports: Vec<EndpointPort> = port_keys
            .iter()
            .filter_map(|pk| ports.get(pk).cloned().flatten())
            .collect();
        out.push(EndpointSubset {
            addresses: (!ready.is_empty()).then_some(ready),
            not_ready_addresses: (!not_ready.is_empty()).then_some(not_ready),
            ports: (!subset_ports.is_empty()).then_some(subset_ports),
        });
    }
    out
}

fn count(subsets: &[EndpointSubset]) -> (usize, usize) {
    subsets.iter().fold((0, 0), |(r, n), s| {
        (
            r + s.addresses.as_ref().map_or(0, Vec::len),
            n + s.not_ready_addresses.as_ref().map_or(0, Vec::len),
        )
    })
}

/// Cuts the subsets down to [`MAX_CAPACITY`] addresses, keeping ready ones
/// first and spreading what remains over subsets in proportion to their size.
/// Returns whether anything was cut.
pub fn truncate(subsets: &mut [EndpointSubset]) -> bool {
    let (total_ready, total_not_ready) = count(subsets);
    if total_ready + total_not_ready <= MAX_CAPACITY {
        return false;
    }
    let truncate_ready = total_ready > MAX_CAPACITY;
    let (max, total) = if truncate_ready {
        (MAX_CAPACITY, total_ready)
    } else {
        (MAX_CAPACITY - total_ready, total_not_ready)
    };
    let mut can_add = max;
    for subset in subsets.iter_mut() {
        let in_subset = if truncate_ready {
            subset.addresses.as_ref().map_or(0, Vec::len)
        } else {
            subset.not_ready_addresses.as_ref().map_or(0, Vec::len)
        };
        let share = ((in_subset as f64 / total as f64) * max as f64).ceil() as usize;
        let take = share.min(can_add);
        if truncate_ready {
            if let Some(a) = subset.addresses.as_mut() {
                a.truncate(take);
                can_add -= a.len();
            }
            subset.not_ready_addresses = None;
        } else if let Some(n) = subset.not_ready_addresses.as_mut() {
            n.truncate(take);
            can_add -= n.len();
        }
    }
    true
}

fn capacity_annotation_correct(meta: &ObjectMeta, subsets: &[EndpointSubset]) -> bool {
    let (r, n) = count(subsets);
    if r + n > MAX_CAPACITY {
        return false;
    }
    !meta
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(OVER_CAPACITY_ANNOTATION))
}

fn strip_rv(subsets: &[EndpointSubset]) -> Vec<EndpointSubset> {
    let strip = |list: &Option<Vec<EndpointAddress>>| {
        list.as_ref().filter(|l| !l.is_empty()).map(|l| {
            l.iter()
                .cloned()
                .map(|mut a| {
                    if let Some(r) = a.target_ref.as_mut() {
                        r.resource_version = None;
                    }
                    a
                })
                .collect::<Vec<_>>()
        })
    };
    subsets
        .iter()
        .map(|s| EndpointSubset {
            addresses: strip(&s.addresses),
            not_ready_addresses: strip(&s.not_ready_addresses),
            ports: s.ports.clone().filter(|p| !p.is_empty()),
        })
        .collect()
}

/// Subsets equality ignoring the pods' resource versions in target references.
fn subsets_equal_ignoring_rv(a: &[EndpointSubset], b: &[EndpointSubset]) -> bool {
    strip_rv(a) == strip_rv(b)
}

/// Remembers, per Service, the trigger times seen at the last sync so that the
/// `last-change-trigger-time` annotation reports the earliest change not yet
/// reflected: a pod's Ready transition time, or the Service's creation.
#[derive(Default)]
pub struct TriggerTimeTracker {
    state: Mutex<HashMap<String, TriggerState>>,
}

#[derive(Default, Clone)]
struct TriggerState {
    pods: HashMap<String, jiff::Timestamp>,
    service: Option<jiff::Timestamp>,
}

impl TriggerTimeTracker {
    /// The earliest trigger time that changed since the previous call for `key`.
    pub fn compute(
        &self,
        key: &str,
        service: &Service,
        pods: &[Arc<Pod>],
    ) -> Option<jiff::Timestamp> {
        let mut states = self.state.lock();
        let state = states.entry(key.to_string()).or_default();
        let mut earliest: Option<jiff::Timestamp> = None;
        let mut seen = HashMap::new();
        let mut consider = |t: jiff::Timestamp| {
            earliest = Some(earliest.map_or(t, |e: jiff::Timestamp| e.min(t)));
        };
        for pod in pods {
            let Some(t) = pod_condition(pod, "Ready").and_then(|c| c.last_transition_time.as_ref())
            else {
                continue;
            };
            let name = pod.metadata.name.clone().unwrap_or_default();
            if state.pods.get(&name).is_none_or(|prev| t.0 > *prev) {
                consider(t.0);
            }
            seen.insert(name, t.0);
        }
        if let Some(created) = service.metadata.creation_timestamp.as_ref() {
            if state.service.is_none_or(|prev| created.0 > prev) {
                consider(created.0);
            }
            state.service = Some(created.0);
        }
        state.pods = seen;
        earliest
    }

    /// Drops what is known about a deleted Service.
    pub fn forget(&self, key: &str) {
        self.state.lock().remove(key);
    }
}

/// The set of pod names in a subset list (for tests and diagnostics).
#[cfg(test)]
fn names(list: &Option<Vec<EndpointAddress>>) -> std::collections::HashSet<String> {
    list.iter()
        .flatten()
        .filter_map(|a| a.target_ref.as_ref().and_then(|r| r.name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod_util::tests::pod;
    use serde_json::json;
    use std::collections::HashSet;

    fn service(spec: serde_json::Value) -> Service {
        serde_json::from_value(json!({
            "metadata": {"name": "web", "namespace": "ns", "creationTimestamp": "2024-01-01T00:00:00Z"},
            "spec": spec,
        }))
        .expect("service")
    }

    fn web_pod(name: &str, ip: &str, ready: bool) -> Arc<Pod> {
        Arc::new(pod(json!({
            "metadata": {"name": name, "namespace": "ns", "uid": format!("uid-{name}"), "labels": {"app": "web"}},
            "spec": {"nodeName": "node-1", "containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 8080}]}]},
            "status": {"phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}],
                "conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"}, "lastTransitionTime": "2024-01-01T00:01:00Z"}]},
        })))
    }

    #[test]
    fn ready_and_not_ready_addresses_with_resolved_ports() {
        let svc = service(
            json!({"selector": {"app": "web"}, "clusterIP": "10.43.0.10",
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}),
        );
        let pods = vec![
            web_pod("a", "10.42.0.2", true),
            web_pod("b", "10.42.0.3", false),
        ];
        let subsets = desired_subsets(&svc, &pods);
        assert_eq!(subsets.len(), 1);
        let s = &subsets[0];
        assert_eq!(names(&s.addresses), HashSet::from(["a".to_string()]));
        assert_eq!(
            names(&s.not_ready_addresses),
            HashSet::from(["b".to_string()])
        );
        let ports = s.ports.as_ref().expect("ports");
        assert_eq!(ports[0].port, 8080);
        assert_eq!(ports[0].name.as_deref(), Some("http"));
        let a = &s.addresses.as_ref().expect("ready")[0];
        assert_eq!(a.node_name.as_deref(), Some("node-1"));
        assert_eq!(
            a.target_ref.as_ref().and_then(|r| r.kind.as_deref()),
            Some("Pod")
        );
        assert_eq!(
            a.target_ref.as_ref().and_then(|r| r.uid.as_deref()),
            Some("uid-a")
        );
    }

    #[test]
    fn publish_not_ready_addresses_and_terminating_pods() {
        let svc = service(
            json!({"selector": {"app": "web"}, "publishNotReadyAddresses": true,
            "ports": [{"port": 80, "targetPort": 9376}]}),
        );
        let mut terminating = (*web_pod("c", "10.42.0.4", true)).clone();
        terminating.metadata.deletion_timestamp = Some(
            k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(jiff::Timestamp::now()),
        );
        let pods = vec![web_pod("b", "10.42.0.3", false), Arc::new(terminating)];
        let subsets = desired_subsets(&svc, &pods);
        assert_eq!(
            names(&subsets[0].addresses).len(),
            2,
            "all published as ready, terminating included"
        );
        let strict = service(
            json!({"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 9376}]}),
        );
        let subsets = desired_subsets(&strict, &pods);
        assert_eq!(
            names(&subsets[0].not_ready_addresses),
            HashSet::from(["b".to_string()])
        );
        assert!(subsets[0].addresses.is_none(), "terminating pod excluded");
    }

    #[test]
    fn pods_with_different_port_numbers_get_separate_subsets() {
        let svc = service(
            json!({"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}),
        );
        let mut other = (*web_pod("b", "10.42.0.3", true)).clone();
        if let Some(spec) = other.spec.as_mut() {
            spec.containers[0].ports = Some(vec![serde_json::from_value(
                json!({"name": "http", "containerPort": 9090}),
            )
            .expect("port")]);
        }
        let no_port = {
            let mut p = (*web_pod("c", "10.42.0.4", true)).clone();
            if let Some(spec) = p.spec.as_mut() {
                spec.containers[0].ports = None;
            }
            p
        };
        let subsets = desired_subsets(
            &svc,
            &[
                web_pod("a", "10.42.0.2", true),
                Arc::new(other),
                Arc::new(no_port),
            ],
        );
        assert_eq!(subsets.len(), 2);
        let mut numbers: Vec<i32> = subsets
            .iter()
            .map(|s| s.ports.as_ref().expect("ports")[0].port)
            .collect();
        numbers.sort();
        assert_eq!(numbers, vec![8080, 9090]);
    }

    #[test]
    fn headless_without_ports_lists_addresses() {
        let svc = service(json!({"selector": {"app": "web"}, "clusterIP": "None"}));
        let subsets = desired_subsets(&svc, &[web_pod("a", "10.42.0.2", true)]);
        assert_eq!(subsets.len(), 1);
        assert!(subsets[0].ports.is_none());
        let with_ip = service(json!({"selector": {"app": "web"}, "clusterIP": "10.43.0.1"}));
        assert!(desired_subsets(&with_ip, &[web_pod("a", "10.42.0.2", true)]).is_empty());
    }

    #[test]
    fn multiple_ports_share_a_subset() {
        let svc = service(json!({"selector": {"app": "web"}, "ports": [
            {"name": "a", "port": 80, "targetPort": 8080}, {"name": "b", "port": 81, "targetPort": 8081}]}));
        let subsets = desired_subsets(
            &svc,
            &[
                web_pod("a", "10.42.0.2", true),
                web_pod("b", "10.42.0.3", true),
            ],
        );
        assert_eq!(subsets.len(), 1);
        assert_eq!(subsets[0].ports.as_ref().map(Vec::len), Some(2));
        assert_eq!(subsets[0].addresses.as_ref().map(Vec::len), Some(2));
    }

    #[test]
    fn truncation_prefers_ready_addresses() {
        let addr = |i: usize| EndpointAddress {
            ip: format!("10.0.{}.{}", i / 250, i % 250),
            ..Default::default()
        };
        let mut subsets = vec![EndpointSubset {
            addresses: Some((0..900).map(addr).collect()),
            not_ready_addresses: Some((900..1200).map(addr).collect()),
            ports: None,
        }];
        assert!(truncate(&mut subsets));
        assert_eq!(count(&subsets), (900, 100));
        let mut big = vec![
            EndpointSubset {
                addresses: Some((0..1500).map(addr).collect()),
                not_ready_addresses: Some(vec![addr(2000)]),
                ports: None,
            },
            EndpointSubset {
                addresses: Some((1500..2000).map(addr).collect()),
                ..Default::default()
            },
        ];
        assert!(truncate(&mut big));
        assert_eq!(count(&big), (1000, 0));
        assert_eq!(big[0].addresses.as_ref().map(Vec::len), Some(750));
        let mut small = vec![EndpointSubset {
            addresses: Some((0..10).map(addr).collect()),
            ..Default::default()
        }];
        assert!(!truncate(&mut small));
    }

    #[test]
    fn trigger_time_reports_earliest_unseen_change() {
        let tracker = TriggerTimeTracker::default();
        let svc = service(json!({"selector": {"app": "web"}}));
        let first = tracker.compute("ns/web", &svc, &[web_pod("a", "10.42.0.2", true)]);
        assert_eq!(
            first.map(crate::pod_util::rfc3339),
            Some("2024-01-01T00:00:00Z".to_string())
        );
        assert_eq!(
            tracker.compute("ns/web", &svc, &[web_pod("a", "10.42.0.2", true)]),
            None
        );
        let mut changed = (*web_pod("a", "10.42.0.2", false)).clone();
        if let Some(c) = changed.status.as_mut().and_then(|s| s.conditions.as_mut()) {
            c[0].last_transition_time = Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(
                "2024-01-01T00:05:00Z".parse().expect("ts"),
            ));
        }
        let t = tracker.compute("ns/web", &svc, &[Arc::new(changed)]);
        assert_eq!(
            t.map(crate::pod_util::rfc3339),
            Some("2024-01-01T00:05:00Z".to_string())
        );
    }

    #[test]
    fn equality_ignores_pod_resource_versions() {
        let svc = service(
            json!({"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}),
        );
        let a = desired_subsets(&svc, &[web_pod("a", "10.42.0.2", true)]);
        let mut b = a.clone();
        if let Some(r) = b[0]
            .addresses
            .as_mut()
            .and_then(|x| x[0].target_ref.as_mut())
        {
            r.resource_version = Some("42".into());
        }
        assert!(subsets_equal_ignoring_rv(&a, &b));
    }
}
