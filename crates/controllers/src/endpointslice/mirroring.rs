//! EndpointSlice mirroring: the custom Endpoints of a Service without a
//! selector are mirrored into EndpointSlices managed by
//! `endpointslicemirroring-controller.k8s.io`, owned by the Endpoints, carrying
//! its labels and annotations. Endpoints labelled
//! `endpointslice.kubernetes.io/skip-mirror: "true"` (such as the API server's
//! `default/kubernetes`) and leader-election records are not mirrored; mirrored
//! slices are removed when the Service gains a selector or goes away.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::{EndpointAddress, Endpoints, Service};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

use super::reconciler::{self, DesiredGroup, SliceOwner, MANAGED_BY_LABEL, SERVICE_NAME_LABEL};
use super::{apply_plan, SliceTracker, SERVICE_INDEX};
use crate::pod_util::labels_of;
use capstan_runtime::{run_workers, Informer, Informers, Next, WorkQueue};

/// The `managed-by` value of mirrored slices.
pub const CONTROLLER_NAME: &str = "endpointslicemirroring-controller.k8s.io";
/// Label on Endpoints that must not be mirrored.
pub const SKIP_MIRROR_LABEL: &str = "endpointslice.kubernetes.io/skip-mirror";
/// Most addresses mirrored per Endpoints object (and per slice).
pub const MAX_MIRRORED: usize = 1000;
const LEADER_ANNOTATION: &str = "control-plane.alpha.kubernetes.io/leader";
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Starts the mirroring controller.
pub fn start(informers: &Informers) {
    let slices = informers.get::<EndpointSlice>();
    slices.add_index(SERVICE_INDEX, super::index_by_service);
    let controller = Arc::new(Mirroring {
        client: informers.client().clone(),
        services: informers.get::<Service>(),
        endpoints: informers.get::<Endpoints>(),
        slices,
        queue: WorkQueue::new(),
        tracker: SliceTracker::default(),
    });
    tokio::spawn(controller.run());
}

struct Mirroring {
    client: kube::Client,
    services: Arc<Informer<Service>>,
    endpoints: Arc<Informer<Endpoints>>,
    slices: Arc<Informer<EndpointSlice>>,
    queue: Arc<WorkQueue<String>>,
    tracker: SliceTracker,
}

impl Mirroring {
    async fn run(self: Arc<Self>) {
        let waits = [
            self.services.wait_synced(Duration::from_secs(60)).await,
            self.endpoints.wait_synced(Duration::from_secs(60)).await,
            self.slices.wait_synced(Duration::from_secs(60)).await,
        ];
        if waits.iter().any(|s| !s) {
            tracing::warn!(
                "endpointslice mirroring: informers not synced after 60s; starting anyway"
            );
        }
        let mut services = self.services.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = services.recv().await {
                q.add(capstan_runtime::informer::key_of(change.object().as_ref()));
            }
        });
        let mut endpoints = self.endpoints.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = endpoints.recv().await {
                q.add(capstan_runtime::informer::key_of(change.object().as_ref()));
            }
        });
        let mut slices = self.slices.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = slices.recv().await {
                let slice = change.object();
                if labels_of(&slice.metadata)
                    .get(MANAGED_BY_LABEL)
                    .map(String::as_str)
                    == Some(CONTROLLER_NAME)
                {
                    for key in super::index_by_service(slice) {
                        q.add(key);
                    }
                }
            }
        });
        let me = self.clone();
        run_workers(
            "endpointslice-mirroring",
            self.queue.clone(),
            5,
            move |key: String| {
                let me = me.clone();
                async move { me.sync(&key).await }
            },
        );
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        let existing: Vec<EndpointSlice> = self
            .slices
            .by_index(SERVICE_INDEX, key)
            .into_iter()
            .filter(|s| {
                labels_of(&s.metadata)
                    .get(MANAGED_BY_LABEL)
                    .map(String::as_str)
                    == Some(CONTROLLER_NAME)
            })
            .map(|s| (*s).clone())
            .collect();
        let cached: Vec<Arc<EndpointSlice>> = existing.iter().cloned().map(Arc::new).collect();
        if self.tracker.is_stale(key, &cached) {
            return Ok(Next::After(Duration::from_millis(200)));
        }
        let service = self.services.get(Some(ns), name);
        let endpoints = self.endpoints.get(Some(ns), name);
        let mirror = match (&service, &endpoints) {
            (Some(svc), Some(ep)) => should_mirror(svc, ep),
            _ => false,
        };
        let plan = match (mirror, endpoints) {
            (true, Some(ep)) => {
                let owner = endpoints_owner(&ep);
                reconciler::reconcile(
                    &owner,
                    &desired_from_endpoints(&ep),
                    &existing,
                    MAX_MIRRORED,
                )
            }
            _ => reconciler::Plan {
                delete: existing,
                ..Default::default()
            },
        };
        if plan.is_empty() {
            return Ok(Next::Done);
        }
        apply_plan(&self.client, &self.tracker, key, ns, plan, None).await?;
        Ok(Next::Done)
    }
}

/// Whether the Endpoints of `service` are mirrored: the Service has no
/// selector and the Endpoints are neither marked to skip nor a leader record.
pub fn should_mirror(service: &Service, endpoints: &Endpoints) -> bool {
    let has_selector = service
        .spec
        .as_ref()
        .and_then(|s| s.selector.as_ref())
        .is_some();
    let skip = labels_of(&endpoints.metadata)
        .get(SKIP_MIRROR_LABEL)
        .map(String::as_str)
        == Some("true");
    let leader = endpoints
        .metadata
        .annotations
        .as_ref()
        .is_some_and(|a| a.contains_key(LEADER_ANNOTATION));
    !has_selector && !skip && !leader
}

fn endpoints_owner(ep: &Endpoints) -> SliceOwner {
    let name = ep.metadata.name.clone().unwrap_or_default();
    let mut labels: BTreeMap<String, String> = labels_of(&ep.metadata).clone();
    labels.insert(SERVICE_NAME_LABEL.into(), name.clone());
    labels.insert(MANAGED_BY_LABEL.into(), CONTROLLER_NAME.into());
    let annotations = ep
        .metadata
        .annotations
        .iter()
        .flatten()
        .filter(|(k, _)| k.as_str() != LAST_APPLIED)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    SliceOwner {
        namespace: ep.metadata.namespace.clone().unwrap_or_default(),
        name: name.clone(),
        owner_ref: OwnerReference {
            api_version: "v1".into(),
            kind: "Endpoints".into(),
            name,
            uid: ep.metadata.uid.clone().unwrap_or_default(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        },
        labels,
        annotations,
        placeholder: false,
    }
}

fn address_to_endpoint(a: &EndpointAddress, ready: bool) -> Endpoint {
    Endpoint {
        addresses: vec![a.ip.clone()],
        conditions: Some(EndpointConditions {
            ready: Some(ready),
            ..Default::default()
        }),
        hostname: a.hostname.clone().filter(|h| !h.is_empty()),
        node_name: a.node_name.clone(),
        target_ref: a.target_ref.clone(),
        ..Default::default()
    }
}

/// The slices' desired content for an Endpoints object: each subset's
/// addresses under its ports, split by IP family, at most [`MAX_MIRRORED`].
pub fn desired_from_endpoints(ep: &Endpoints) -> BTreeMap<String, Vec<DesiredGroup>> {
    let mut out: BTreeMap<String, Vec<DesiredGroup>> = BTreeMap::new();
    let mut total = 0usize;
    for subset in ep.subsets.iter().flatten() {
        let ports: Vec<EndpointPort> = subset
            .ports
            .iter()
            .flatten()
            .map(|p| EndpointPort {
                name: Some(p.name.clone().unwrap_or_default()),
                port: Some(p.port),
                protocol: Some(p.protocol.clone().unwrap_or_else(|| "TCP".into())),
                app_protocol: p.app_protocol.clone(),
            })
            .collect();
        let mut by_type: BTreeMap<String, Vec<Endpoint>> = BTreeMap::new();
        let all = subset.addresses.iter().flatten().map(|a| (a, true)).chain(
            subset
                .not_ready_addresses
                .iter()
                .flatten()
                .map(|a| (a, false)),
        );
        for (address, ready) in all {
            if total >= MAX_MIRRORED {
                break;
            }
            let Ok(ip) = address.ip.parse::<IpAddr>() else {
                continue;
            };
            let t = if ip.is_ipv6() { "IPv6" } else { "IPv4" };
            by_type
                .entry(t.into())
                .or_default()
                .push(address_to_endpoint(address, ready));
            total += 1;
        }
        for (t, endpoints) in by_type {
            out.entry(t).or_default().push(DesiredGroup {
                ports: ports.clone(),
                endpoints,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mirrors_selectorless_endpoints_by_family() {
        let svc: Service = serde_json::from_value(json!({"metadata": {"name": "ext", "namespace": "ns"}, "spec": {"ports": [{"port": 80}]}})).expect("svc");
        let ep: Endpoints = serde_json::from_value(json!({
            "metadata": {"name": "ext", "namespace": "ns", "uid": "ep-uid", "labels": {"team": "a"},
                "annotations": {LAST_APPLIED: "{}", "note": "x"}},
            "subsets": [{"addresses": [{"ip": "192.0.2.1"}, {"ip": "2001:db8::1"}], "notReadyAddresses": [{"ip": "192.0.2.2"}, {"ip": "bogus"}],
                "ports": [{"name": "http", "port": 8080}]}]
        }))
        .expect("ep");
        assert!(should_mirror(&svc, &ep));
        let desired = desired_from_endpoints(&ep);
        assert_eq!(desired["IPv4"][0].endpoints.len(), 2);
        assert_eq!(desired["IPv6"][0].endpoints.len(), 1);
        assert_eq!(
            desired["IPv4"][0].endpoints[1]
                .conditions
                .as_ref()
                .and_then(|c| c.ready),
            Some(false)
        );
        let owner = endpoints_owner(&ep);
        assert_eq!(owner.owner_ref.kind, "Endpoints");
        assert_eq!(owner.labels.get("team").map(String::as_str), Some("a"));
        assert_eq!(
            owner.labels.get(MANAGED_BY_LABEL).map(String::as_str),
            Some(CONTROLLER_NAME)
        );
        assert!(!owner.annotations.contains_key(LAST_APPLIED));
        let plan = reconciler::reconcile(&owner, &desired, &[], MAX_MIRRORED);
        assert_eq!(plan.create.len(), 2);
    }

    #[test]
    fn skip_mirror_and_selector_services_are_not_mirrored() {
        let with_selector: Service = serde_json::from_value(
            json!({"metadata": {"name": "s"}, "spec": {"selector": {"a": "b"}}}),
        )
        .expect("svc");
        let plain: Service =
            serde_json::from_value(json!({"metadata": {"name": "s"}, "spec": {}})).expect("svc");
        let ep: Endpoints = serde_json::from_value(json!({"metadata": {"name": "s"}})).expect("ep");
        let skip: Endpoints = serde_json::from_value(
            json!({"metadata": {"name": "s", "labels": {SKIP_MIRROR_LABEL: "true"}}}),
        )
        .expect("ep");
        assert!(!should_mirror(&with_selector, &ep));
        assert!(!should_mirror(&plain, &skip));
        assert!(should_mirror(&plain, &ep));
    }
}
