//! The EndpointSlice controller: for every Service with a selector, keeps
//! discovery.k8s.io/v1 EndpointSlices (labelled `kubernetes.io/service-name`
//! and `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`,
//! owned by the Service, named from `generateName: <service>-`) listing the
//! matching pods — including terminating ones — with `ready`, `serving` and
//! `terminating` conditions, the node name, the node's zone, the target pod,
//! at most 100 endpoints per slice, one set of slices per address type of the
//! Service. No topology hints are set.
//!
//! [`mirroring`] mirrors the custom Endpoints of selector-less Services into
//! slices, as Kubernetes' EndpointSliceMirroring controller does.

pub mod mirroring;
pub mod reconciler;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{Node, ObjectReference, Pod, Service};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use kube::api::{Api, DeleteParams, PostParams, Preconditions};
use parking_lot::Mutex;

use crate::endpoints::{
    endpoint_relevant, is_service_ip_set, services_selecting, should_set_hostname,
    TriggerTimeTracker, HEADLESS_LABEL, TRIGGER_TIME_ANNOTATION,
};
use crate::pod_util::{
    find_port, is_conflict, is_not_found, is_pod_ready, labels_of, map_selector_matches, pod_ips,
    rfc3339_nano, should_pod_be_in_endpoints,
};
use capstan_runtime::{run_workers, Informer, Informers, Next, WorkQueue};
use reconciler::{DesiredGroup, Plan, SliceOwner, MANAGED_BY_LABEL, SERVICE_NAME_LABEL};

/// The `managed-by` value of slices this controller maintains.
pub const CONTROLLER_NAME: &str = "endpointslice-controller.k8s.io";
/// Most endpoints per slice (kube-controller-manager's default).
pub const MAX_ENDPOINTS_PER_SLICE: usize = 100;
/// Index of slices by `namespace/<service-name label>`.
pub const SERVICE_INDEX: &str = "endpointslice-service";
const ZONE_LABEL: &str = "topology.kubernetes.io/zone";

/// Index function: `namespace/service-name` of a slice.
pub fn index_by_service(slice: &EndpointSlice) -> Vec<String> {
    let ns = slice.metadata.namespace.clone().unwrap_or_default();
    labels_of(&slice.metadata)
        .get(SERVICE_NAME_LABEL)
        .map(|svc| vec![format!("{ns}/{svc}")])
        .unwrap_or_default()
}

/// Starts the EndpointSlice and EndpointSlice mirroring controllers.
pub fn start(informers: &Informers) {
    let slices = informers.get::<EndpointSlice>();
    slices.add_index(SERVICE_INDEX, index_by_service);
    let controller = Arc::new(Controller {
        client: informers.client().clone(),
        services: informers.get::<Service>(),
        pods: informers.get::<Pod>(),
        nodes: informers.get::<Node>(),
        slices,
        queue: WorkQueue::new(),
        triggers: TriggerTimeTracker::default(),
        tracker: SliceTracker::default(),
    });
    tokio::spawn(controller.run());
    mirroring::start(informers);
}

struct Controller {
    client: kube::Client,
    services: Arc<Informer<Service>>,
    pods: Arc<Informer<Pod>>,
    nodes: Arc<Informer<Node>>,
    slices: Arc<Informer<EndpointSlice>>,
    queue: Arc<WorkQueue<String>>,
    triggers: TriggerTimeTracker,
    tracker: SliceTracker,
}

impl Controller {
    async fn run(self: Arc<Self>) {
        let waits = [
            self.services.wait_synced(Duration::from_secs(60)).await,
            self.pods.wait_synced(Duration::from_secs(60)).await,
            self.nodes.wait_synced(Duration::from_secs(60)).await,
            self.slices.wait_synced(Duration::from_secs(60)).await,
        ];
        if waits.iter().any(|s| !s) {
            tracing::warn!(
                "endpointslice controller: informers not synced after 60s; starting anyway"
            );
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
                let (old, new) = match &change {
                    capstan_runtime::Change::Updated { old, new } => {
                        if endpoint_relevant(old) == endpoint_relevant(new) {
                            continue;
                        }
                        (Some(old.as_ref()), new)
                    }
                    other => (None, other.object()),
                };
                let ns = new.metadata.namespace.as_deref().unwrap_or("");
                for key in services_selecting(&me.services, ns, new, old) {
                    me.queue.add(key);
                }
            }
        });
        let mut slice_changes = self.slices.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = slice_changes.recv().await {
                let slice = change.object();
                if labels_of(&slice.metadata)
                    .get(MANAGED_BY_LABEL)
                    .map(String::as_str)
                    != Some(CONTROLLER_NAME)
                {
                    continue;
                }
                for key in index_by_service(slice) {
                    q.add(key);
                }
            }
        });
        let me = self.clone();
        run_workers(
            "endpointslice",
            self.queue.clone(),
            5,
            move |key: String| {
                let me = me.clone();
                async move { me.sync(&key).await }
            },
        );
    }

    fn managed_slices(&self, key: &str) -> Vec<Arc<EndpointSlice>> {
        self.slices
            .by_index(SERVICE_INDEX, key)
            .into_iter()
            .filter(|s| {
                labels_of(&s.metadata)
                    .get(MANAGED_BY_LABEL)
                    .map(String::as_str)
                    == Some(CONTROLLER_NAME)
            })
            .collect()
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        let Some(service) = self.services.get(Some(ns), name) else {
            // Slices are owned by the Service: the garbage collector removes them.
            self.triggers.forget(key);
            self.tracker.forget(key);
            return Ok(Next::Done);
        };
        let Some(spec) = service.spec.as_ref() else {
            return Ok(Next::Done);
        };
        if spec.type_.as_deref() == Some("ExternalName") {
            return Ok(Next::Done);
        }
        let Some(selector) = spec.selector.as_ref() else {
            return Ok(Next::Done);
        };
        let existing = self.managed_slices(key);
        if self.tracker.is_stale(key, &existing) {
            return Ok(Next::After(Duration::from_millis(200)));
        }
        let pods: Vec<Arc<Pod>> = self
            .pods
            .list_namespace(ns)
            .into_iter()
            .filter(|p| map_selector_matches(selector, labels_of(&p.metadata)))
            .collect();
        let trigger = self.triggers.compute(key, &service, &pods);
        let (desired, missing_nodes) =
            desired_endpoints(&service, &pods, |n| self.nodes.get(None, n));
        let owner = service_owner(&service);
        let existing_owned: Vec<EndpointSlice> = existing.iter().map(|s| (**s).clone()).collect();
        let plan =
            reconciler::reconcile(&owner, &desired, &existing_owned, MAX_ENDPOINTS_PER_SLICE);
        self.apply(key, ns, plan, trigger).await?;
        if missing_nodes {
            // Pods on nodes not (yet) known were left out; look again soon.
            return Ok(Next::After(Duration::from_secs(5)));
        }
        Ok(Next::Done)
    }

    async fn apply(
        &self,
        key: &str,
        ns: &str,
        plan: Plan,
        trigger: Option<jiff::Timestamp>,
    ) -> anyhow::Result<()> {
        apply_plan(&self.client, &self.tracker, key, ns, plan, Some(trigger)).await
    }
}

/// Writes a plan: creations, then updates, then deletions, recording each
/// write in `tracker`. With `trigger` given, sets or clears the
/// last-change-trigger-time annotation on written slices.
pub(crate) async fn apply_plan(
    client: &kube::Client,
    tracker: &SliceTracker,
    key: &str,
    ns: &str,
    plan: Plan,
    trigger: Option<Option<jiff::Timestamp>>,
) -> anyhow::Result<()> {
    let api: Api<EndpointSlice> = Api::namespaced(client.clone(), ns);
    let set_trigger = |slice: &mut EndpointSlice| {
        let Some(trigger) = trigger else { return };
        let mut annotations = slice.metadata.annotations.take().unwrap_or_default();
        match trigger {
            Some(t) => annotations.insert(TRIGGER_TIME_ANNOTATION.into(), rfc3339_nano(t)),
            None => annotations.remove(TRIGGER_TIME_ANNOTATION),
        };
        slice.metadata.annotations = (!annotations.is_empty()).then_some(annotations);
    };
    let mut errors = Vec::new();
    for mut slice in plan.create {
        set_trigger(&mut slice);
        match api.create(&PostParams::default(), &slice).await {
            Ok(created) => tracker.record_write(key, &created),
            Err(kube::Error::Api(e)) if e.code == 403 && e.message.contains("being terminated") => {
            }
            Err(e) => errors.push(format!("creating slice: {e}")),
        }
    }
    for mut slice in plan.update {
        set_trigger(&mut slice);
        let name = slice.metadata.name.clone().unwrap_or_default();
        match api.replace(&name, &PostParams::default(), &slice).await {
            Ok(updated) => tracker.record_write(key, &updated),
            Err(e) if is_not_found(&e) || is_conflict(&e) => {
                errors.push(format!("updating slice {name}: {e}"))
            }
            Err(e) => errors.push(format!("updating slice {name}: {e}")),
        }
    }
    for slice in plan.delete {
        let name = slice.metadata.name.clone().unwrap_or_default();
        let dp = DeleteParams {
            preconditions: Some(Preconditions {
                uid: slice.metadata.uid.clone(),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(&name, &dp).await {
            Ok(_) => tracker.record_delete(key, &name),
            Err(e) if is_not_found(&e) => tracker.record_delete(key, &name),
            Err(e) => errors.push(format!("deleting slice {name}: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(anyhow::anyhow!(
            "syncing endpoint slices for {key}: {}",
            errors.join("; ")
        ))
    }
}

/// The owner description (labels, owner reference) of a Service's slices.
pub fn service_owner(service: &Service) -> SliceOwner {
    let name = service.metadata.name.clone().unwrap_or_default();
    let mut labels: BTreeMap<String, String> = labels_of(&service.metadata)
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                SERVICE_NAME_LABEL | MANAGED_BY_LABEL | HEADLESS_LABEL
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if !is_service_ip_set(service) {
        labels.insert(HEADLESS_LABEL.into(), String::new());
    }
    labels.insert(SERVICE_NAME_LABEL.into(), name.clone());
    labels.insert(MANAGED_BY_LABEL.into(), CONTROLLER_NAME.into());
    SliceOwner {
        namespace: service.metadata.namespace.clone().unwrap_or_default(),
        name: name.clone(),
        owner_ref: OwnerReference {
            api_version: "v1".into(),
            kind: "Service".into(),
            name,
            uid: service.metadata.uid.clone().unwrap_or_default(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        },
        labels,
        annotations: BTreeMap::new(),
        placeholder: true,
    }
}

/// The address types a Service's slices use: its IP families, else that of
/// its cluster IP, else (headless without families) both.
pub fn address_types(service: &Service) -> Vec<String> {
    let spec = service.spec.as_ref();
    let mut out: Vec<String> = spec
        .and_then(|s| s.ip_families.as_ref())
        .into_iter()
        .flatten()
        .filter(|f| *f == "IPv4" || *f == "IPv6")
        .cloned()
        .collect();
    out.dedup();
    if !out.is_empty() {
        return out;
    }
    if is_service_ip_set(service) {
        let v6 = spec
            .and_then(|s| s.cluster_ip.as_deref())
            .is_some_and(|ip| ip.contains(':'));
        return vec![if v6 { "IPv6" } else { "IPv4" }.to_string()];
    }
    vec!["IPv4".into(), "IPv6".into()]
}

/// The slice ports for a pod: every Service port whose target resolves.
pub fn endpoint_ports(service: &Service, pod: &Pod) -> Vec<EndpointPort> {
    let Some(spec) = service.spec.as_ref() else {
        return Vec::new();
    };
    spec.ports
        .iter()
        .flatten()
        .filter_map(|sp| {
            let number = find_port(pod, sp)?;
            Some(EndpointPort {
                name: Some(sp.name.clone().unwrap_or_default()),
                port: Some(number),
                protocol: Some(sp.protocol.clone().unwrap_or_else(|| "TCP".into())),
                app_protocol: sp.app_protocol.clone(),
            })
        })
        .collect()
}

/// A pod as a slice endpoint for one address type (None when the pod has no
/// address of that type).
pub fn pod_to_endpoint(
    pod: &Pod,
    node: Option<&Node>,
    service: &Service,
    address_type: &str,
) -> Option<Endpoint> {
    let v6 = address_type == "IPv6";
    let addresses: Vec<String> = pod_ips(pod)
        .into_iter()
        .filter(|ip| ip.contains(':') == v6)
        .collect();
    if addresses.is_empty() {
        return None;
    }
    let serving = is_pod_ready(pod);
    let terminating = pod.metadata.deletion_timestamp.is_some();
    let publish = service
        .spec
        .as_ref()
        .and_then(|s| s.publish_not_ready_addresses)
        .unwrap_or(false);
    let ready = publish || (serving && !terminating);
    let node_name = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.clone())
        .filter(|n| !n.is_empty());
    let zone = node
        .and_then(|n| labels_of(&n.metadata).get(ZONE_LABEL).cloned())
        .filter(|z| !z.is_empty());
    Some(Endpoint {
        addresses,
        conditions: Some(EndpointConditions {
            ready: Some(ready),
            serving: Some(serving),
            terminating: Some(terminating),
        }),
        hostname: should_set_hostname(pod, service)
            .then(|| pod.spec.as_ref().and_then(|s| s.hostname.clone()))
            .flatten(),
        node_name,
        zone,
        target_ref: Some(ObjectReference {
            kind: Some("Pod".into()),
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The desired endpoints of a Service by address type and port set, and
/// whether some pod was skipped because its node is unknown.
pub fn desired_endpoints<'a, F>(
    service: &Service,
    pods: &[Arc<Pod>],
    node: F,
) -> (BTreeMap<String, Vec<DesiredGroup>>, bool)
where
    F: Fn(&str) -> Option<Arc<Node>> + 'a,
{
    let types = address_types(service);
    let publish = service
        .spec
        .as_ref()
        .and_then(|s| s.publish_not_ready_addresses)
        .unwrap_or(false);
    let mut out: BTreeMap<String, BTreeMap<String, DesiredGroup>> =
        types.iter().map(|t| (t.clone(), BTreeMap::new())).collect();
    let mut missing_nodes = false;
    for pod in pods {
        if !should_pod_be_in_endpoints(pod, true) {
            continue;
        }
        let node_name = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .unwrap_or_default();
        let node_obj = if node_name.is_empty() {
            None
        } else {
            node(&node_name)
        };
        if !node_name.is_empty() && node_obj.is_none() && !publish {
            missing_nodes = true;
            continue;
        }
        let ports = endpoint_ports(service, pod);
        let key = reconciler::ports_key(&ports);
        for t in &types {
            let Some(e) = pod_to_endpoint(pod, node_obj.as_deref(), service, t) else {
                continue;
            };
            if let Some(groups) = out.get_mut(t) {
                groups
                    .entry(key.clone())
                    .or_insert_with(|| DesiredGroup {
                        ports: ports.clone(),
                        endpoints: Vec::new(),
                    })
                    .endpoints
                    .push(e);
            }
        }
    }
    let desired = out
        .into_iter()
        .map(|(t, groups)| (t, groups.into_values().collect()))
        .collect();
    (desired, missing_nodes)
}

enum Expect {
    Generation(i64),
    Deleted,
}

/// Per slice name: what the cache should show, and since when.
type Expectations = HashMap<String, (Expect, Instant)>;

/// Remembers the slices this controller wrote (their generations) and
/// deleted, per Service, so that a sync against an informer cache that has not
/// caught up yet is postponed instead of producing duplicate slices.
#[derive(Default)]
pub(crate) struct SliceTracker {
    expected: Mutex<HashMap<String, Expectations>>,
}

/// How long an expectation is kept before it is considered lost.
const EXPECTATION_TTL: Duration = Duration::from_secs(30);

impl SliceTracker {
    pub(crate) fn record_write(&self, key: &str, slice: &EndpointSlice) {
        let Some(name) = slice.metadata.name.clone() else {
            return;
        };
        let generation = slice.metadata.generation.unwrap_or(0);
        self.expected
            .lock()
            .entry(key.to_string())
            .or_default()
            .insert(name, (Expect::Generation(generation), Instant::now()));
    }

    pub(crate) fn record_delete(&self, key: &str, name: &str) {
        self.expected
            .lock()
            .entry(key.to_string())
            .or_default()
            .insert(name.to_string(), (Expect::Deleted, Instant::now()));
    }

    pub(crate) fn forget(&self, key: &str) {
        self.expected.lock().remove(key);
    }

    /// Whether the cached slices lag behind this controller's own writes.
    pub(crate) fn is_stale(&self, key: &str, cached: &[Arc<EndpointSlice>]) -> bool {
        let mut all = self.expected.lock();
        let Some(map) = all.get_mut(key) else {
            return false;
        };
        let seen: HashMap<&str, i64> = cached
            .iter()
            .filter_map(|s| {
                Some((
                    s.metadata.name.as_deref()?,
                    s.metadata.generation.unwrap_or(0),
                ))
            })
            .collect();
        let mut stale = false;
        map.retain(|name, (expect, at)| {
            if at.elapsed() > EXPECTATION_TTL {
                return false;
            }
            let caught_up = match expect {
                Expect::Generation(g) => seen.get(name.as_str()).is_some_and(|have| have >= g),
                Expect::Deleted => !seen.contains_key(name.as_str()),
            };
            if !caught_up {
                stale = true;
            }
            !caught_up
        });
        if map.is_empty() {
            all.remove(key);
        }
        stale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod_util::tests::pod;
    use serde_json::json;

    fn service(spec: serde_json::Value) -> Service {
        serde_json::from_value(json!({
            "metadata": {"name": "web", "namespace": "ns", "uid": "svc-uid", "labels": {"app": "web", "kubernetes.io/service-name": "evil"}},
            "spec": spec,
        }))
        .expect("service")
    }

    fn web_pod(name: &str, ips: &[&str], ready: bool, deleting: bool, node: &str) -> Arc<Pod> {
        let mut meta = json!({"name": name, "namespace": "ns", "uid": format!("uid-{name}"), "labels": {"app": "web"}});
        if deleting {
            meta["deletionTimestamp"] = json!("2024-01-01T00:00:00Z");
        }
        Arc::new(pod(json!({
            "metadata": meta,
            "spec": {"nodeName": node, "containers": [{"name": "c", "ports": [{"name": "http", "containerPort": 8080}]}]},
            "status": {"phase": "Running", "podIP": ips[0], "podIPs": ips.iter().map(|ip| json!({"ip": ip})).collect::<Vec<_>>(),
                "conditions": [{"type": "Ready", "status": if ready {"True"} else {"False"}}]},
        })))
    }

    fn node(name: &str, zone: Option<&str>) -> Arc<Node> {
        let mut labels = json!({});
        if let Some(z) = zone {
            labels[ZONE_LABEL] = json!(z);
        }
        Arc::new(
            serde_json::from_value(json!({"metadata": {"name": name, "labels": labels}}))
                .expect("node"),
        )
    }

    #[test]
    fn conditions_follow_readiness_and_termination() {
        let svc = service(
            json!({"selector": {"app": "web"}, "clusterIP": "10.43.0.5", "ipFamilies": ["IPv4"],
            "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}),
        );
        let pods = vec![
            web_pod("ready", &["10.42.0.2"], true, false, "n1"),
            web_pod("unready", &["10.42.0.3"], false, false, "n1"),
            web_pod("leaving", &["10.42.0.4"], true, true, "n1"),
        ];
        let (desired, missing) = desired_endpoints(&svc, &pods, |n| Some(node(n, Some("zone-a"))));
        assert!(!missing);
        let groups = &desired["IPv4"];
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].ports[0].port, Some(8080));
        assert_eq!(groups[0].ports[0].name.as_deref(), Some("http"));
        let cond = |name: &str| {
            let e = groups[0]
                .endpoints
                .iter()
                .find(|e| e.target_ref.as_ref().and_then(|r| r.name.as_deref()) == Some(name))
                .expect("endpoint");
            assert_eq!(e.node_name.as_deref(), Some("n1"));
            assert_eq!(e.zone.as_deref(), Some("zone-a"));
            assert!(e.hints.is_none());
            let c = e.conditions.clone().expect("conditions");
            (c.ready, c.serving, c.terminating)
        };
        assert_eq!(cond("ready"), (Some(true), Some(true), Some(false)));
        assert_eq!(cond("unready"), (Some(false), Some(false), Some(false)));
        assert_eq!(cond("leaving"), (Some(false), Some(true), Some(true)));
    }

    #[test]
    fn dual_stack_splits_by_address_type_and_unknown_nodes_are_skipped() {
        let svc = service(
            json!({"selector": {"app": "web"}, "ipFamilies": ["IPv4", "IPv6"], "ports": [{"port": 80, "targetPort": 8080}]}),
        );
        let pods = vec![
            web_pod("a", &["10.42.0.2", "fd00::2"], true, false, "n1"),
            web_pod("b", &["10.42.0.3"], true, false, "gone"),
        ];
        let (desired, missing) =
            desired_endpoints(&svc, &pods, |n| (n == "n1").then(|| node(n, None)));
        assert!(missing);
        assert_eq!(desired["IPv4"][0].endpoints.len(), 1);
        assert_eq!(
            desired["IPv6"][0].endpoints[0].addresses,
            vec!["fd00::2".to_string()]
        );
        assert!(desired["IPv4"][0].endpoints[0].zone.is_none());
    }

    #[test]
    fn owner_labels_override_reserved_keys() {
        let svc = service(json!({"selector": {"app": "web"}, "clusterIP": "None"}));
        let owner = service_owner(&svc);
        assert_eq!(
            owner.labels.get(SERVICE_NAME_LABEL).map(String::as_str),
            Some("web")
        );
        assert_eq!(
            owner.labels.get(MANAGED_BY_LABEL).map(String::as_str),
            Some(CONTROLLER_NAME)
        );
        assert_eq!(
            owner.labels.get(HEADLESS_LABEL).map(String::as_str),
            Some("")
        );
        assert_eq!(owner.labels.get("app").map(String::as_str), Some("web"));
        assert_eq!(
            address_types(&svc),
            vec!["IPv4".to_string(), "IPv6".to_string()]
        );
        assert_eq!(owner.owner_ref.kind, "Service");
        assert_eq!(owner.owner_ref.controller, Some(true));
    }

    #[test]
    fn tracker_waits_for_cache_to_catch_up() {
        let tracker = SliceTracker::default();
        let mut slice = reconciler::new_slice(&service_owner(&service(json!({}))), "IPv4", vec![]);
        slice.metadata.name = Some("web-abc".into());
        slice.metadata.generation = Some(2);
        tracker.record_write("ns/web", &slice);
        assert!(tracker.is_stale("ns/web", &[]));
        let mut old = slice.clone();
        old.metadata.generation = Some(1);
        assert!(tracker.is_stale("ns/web", &[Arc::new(old)]));
        assert!(!tracker.is_stale("ns/web", &[Arc::new(slice.clone())]));
        tracker.record_delete("ns/web", "web-abc");
        assert!(tracker.is_stale("ns/web", &[Arc::new(slice)]));
        assert!(!tracker.is_stale("ns/web", &[]));
    }
}
