//! What objects use, in ResourceQuota terms — Kubernetes' quota evaluators:
//!
//! * pods: `pods` (pods not finished and not past their deletion grace),
//!   `count/pods` (every pod), `requests.cpu`/`cpu`, `requests.memory`/`memory`,
//!   `requests.ephemeral-storage`/`ephemeral-storage`, `limits.*`, huge pages
//!   and `requests.<extended resource>`, with the effective pod requests
//!   (init containers, sidecars and overhead included);
//! * services: `services`, `count/services`, `services.nodeports`,
//!   `services.loadbalancers`;
//! * persistent volume claims: `persistentvolumeclaims`,
//!   `count/persistentvolumeclaims`, `requests.storage` and the per-storage-class
//!   `<class>.storageclass.storage.k8s.io/{requests.storage,persistentvolumeclaims}`;
//! * anything else: object counts (`configmaps`, `secrets`, `count/<resource>.<group>`).
//!
//! Quota scopes (Terminating, NotTerminating, BestEffort, NotBestEffort,
//! PriorityClass, CrossNamespacePodAffinity) select pods only; a scoped quota
//! counts no other objects.

use std::collections::BTreeMap;

use capstan_machinery::{Quantity, QuantityFormat};
use k8s_openapi::api::core::v1::{
    Container, PersistentVolumeClaim, Pod, ResourceQuotaSpec, ScopedResourceSelectorRequirement,
    Service,
};

/// A resource list with parsed quantities.
pub type Resources = BTreeMap<String, Quantity>;

const STORAGE_CLASS_SUFFIX: &str = ".storageclass.storage.k8s.io/";

/// Which evaluator tracks a quota resource name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tracked {
    /// Computed from pods.
    Pod,
    /// Computed from services.
    Service,
    /// Computed from persistent volume claims.
    Claim,
    /// A count of objects of `plural` in `group`.
    Count {
        /// Resource plural.
        plural: String,
        /// API group ("" for core).
        group: String,
    },
}

fn is_extended_resource(name: &str) -> bool {
    !name.starts_with("requests.")
        && !name.starts_with("limits.")
        && name.contains('/')
        && !name.contains("kubernetes.io/")
}

/// The evaluator for a quota resource name, if any.
pub fn classify(name: &str) -> Option<Tracked> {
    match name {
        "pods"
        | "count/pods"
        | "cpu"
        | "memory"
        | "ephemeral-storage"
        | "requests.cpu"
        | "requests.memory"
        | "requests.ephemeral-storage"
        | "limits.cpu"
        | "limits.memory"
        | "limits.ephemeral-storage" => return Some(Tracked::Pod),
        "services" | "count/services" | "services.nodeports" | "services.loadbalancers" => {
            return Some(Tracked::Service)
        }
        "persistentvolumeclaims" | "count/persistentvolumeclaims" | "requests.storage" => {
            return Some(Tracked::Claim)
        }
        "configmaps" | "secrets" | "replicationcontrollers" | "resourcequotas" => {
            return Some(Tracked::Count {
                plural: name.into(),
                group: String::new(),
            })
        }
        _ => {}
    }
    if name.starts_with("hugepages-")
        || name.starts_with("requests.hugepages-")
        || name.starts_with("limits.hugepages-")
    {
        return Some(Tracked::Pod);
    }
    if let Some(rest) = name.strip_prefix("requests.") {
        if is_extended_resource(rest) {
            return Some(Tracked::Pod);
        }
    }
    if name.contains(STORAGE_CLASS_SUFFIX)
        && (name.ends_with("/requests.storage") || name.ends_with("/persistentvolumeclaims"))
    {
        return Some(Tracked::Claim);
    }
    if let Some(rest) = name.strip_prefix("count/") {
        let (plural, group) = rest.split_once('.').unwrap_or((rest, ""));
        if plural.is_empty() {
            return None;
        }
        return Some(Tracked::Count {
            plural: plural.into(),
            group: group.into(),
        });
    }
    None
}

fn one() -> Quantity {
    Quantity::from_int(1, QuantityFormat::DecimalSi)
}

fn zero() -> Quantity {
    Quantity::default()
}

fn add_to(list: &mut Resources, name: &str, q: &Quantity) {
    list.entry(name.to_string()).or_default().add(q);
}

fn container_list(c: &Container, limits: bool) -> Resources {
    let source = c.resources.as_ref().and_then(|r| {
        if limits {
            r.limits.as_ref()
        } else {
            r.requests.as_ref()
        }
    });
    source
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), Quantity::parse(&v.0).ok()?)))
        .collect()
}

fn sum(a: &Resources, b: &Resources) -> Resources {
    let mut out = a.clone();
    for (k, v) in b {
        add_to(&mut out, k, v);
    }
    out
}

fn max_into(target: &mut Resources, other: &Resources) {
    for (k, v) in other {
        match target.get(k) {
            Some(have) if have >= v => {}
            _ => {
                target.insert(k.clone(), *v);
            }
        }
    }
}

/// The pod's effective requests (`limits` false) or limits: the larger of the
/// regular containers (plus sidecars) and any init container step, plus the
/// pod overhead (for limits, only on resources that have a limit).
pub fn pod_resources(pod: &Pod, limits: bool) -> Resources {
    let Some(spec) = pod.spec.as_ref() else {
        return Resources::new();
    };
    let mut containers = Resources::new();
    for c in &spec.containers {
        containers = sum(&containers, &container_list(c, limits));
    }
    let mut sidecars = Resources::new();
    let mut init_max = Resources::new();
    for c in spec.init_containers.iter().flatten() {
        let r = container_list(c, limits);
        if c.restart_policy.as_deref() == Some("Always") {
            sidecars = sum(&sidecars, &r);
            max_into(&mut init_max, &sidecars);
        } else {
            max_into(&mut init_max, &sum(&r, &sidecars));
        }
    }
    let mut out = sum(&containers, &sidecars);
    max_into(&mut out, &init_max);
    for (k, v) in spec.overhead.iter().flatten() {
        let Ok(q) = Quantity::parse(&v.0) else {
            continue;
        };
        if !limits || out.contains_key(k) {
            add_to(&mut out, k, &q);
        }
    }
    out
}

/// Whether a pod still uses compute quota: not finished, and not stuck
/// terminating beyond its deletion time plus grace period.
pub fn pod_uses_compute(pod: &Pod, now: jiff::Timestamp) -> bool {
    if crate::pod_util::is_pod_terminal(pod) {
        return false;
    }
    if let (Some(deleted), Some(grace)) = (
        pod.metadata.deletion_timestamp.as_ref(),
        pod.metadata.deletion_grace_period_seconds,
    ) {
        let grace = std::time::Duration::from_secs(u64::try_from(grace).unwrap_or(0));
        if now > crate::pod_util::add(deleted.0, grace) {
            return false;
        }
    }
    true
}

/// What a pod uses.
pub fn pod_usage(pod: &Pod, now: jiff::Timestamp) -> Resources {
    let mut out = Resources::from([("count/pods".to_string(), one())]);
    if !pod_uses_compute(pod, now) {
        return out;
    }
    out.insert("pods".into(), one());
    let requests = pod_resources(pod, false);
    let limits = pod_resources(pod, true);
    for r in ["cpu", "memory", "ephemeral-storage"] {
        if let Some(q) = requests.get(r) {
            out.insert(r.into(), *q);
            out.insert(format!("requests.{r}"), *q);
        }
        if let Some(q) = limits.get(r) {
            out.insert(format!("limits.{r}"), *q);
        }
    }
    for (name, q) in &requests {
        if name.starts_with("hugepages-") {
            out.insert(name.clone(), *q);
            out.insert(format!("requests.{name}"), *q);
        } else if is_extended_resource(name) {
            out.insert(format!("requests.{name}"), *q);
        }
    }
    for (name, q) in &limits {
        if name.starts_with("hugepages-") {
            out.insert(format!("limits.{name}"), *q);
        }
    }
    out
}

/// What a service uses.
pub fn service_usage(svc: &Service) -> Resources {
    let spec = svc.spec.clone().unwrap_or_default();
    let ports = spec.ports.as_deref().unwrap_or(&[]);
    let mut out = Resources::from([
        ("count/services".to_string(), one()),
        ("services".to_string(), one()),
        ("services.loadbalancers".to_string(), zero()),
        ("services.nodeports".to_string(), zero()),
    ]);
    let n = |k: usize| {
        Quantity::from_int(
            i64::try_from(k).unwrap_or(i64::MAX),
            QuantityFormat::DecimalSi,
        )
    };
    match spec.type_.as_deref() {
        Some("NodePort") => {
            out.insert("services.nodeports".into(), n(ports.len()));
        }
        Some("LoadBalancer") => {
            let node_ports = if spec.allocate_load_balancer_node_ports == Some(false) {
                ports
                    .iter()
                    .filter(|p| p.node_port.is_some_and(|np| np != 0))
                    .count()
            } else {
                ports.len()
            };
            out.insert("services.nodeports".into(), n(node_ports));
            out.insert("services.loadbalancers".into(), one());
        }
        _ => {}
    }
    out
}

/// A claim's storage class (spec field, else the beta annotation).
pub fn claim_class(pvc: &PersistentVolumeClaim) -> Option<String> {
    pvc.spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .or_else(|| {
            pvc.metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get("volume.beta.kubernetes.io/storage-class").cloned())
        })
        .filter(|c| !c.is_empty())
}

/// What a persistent volume claim uses.
pub fn claim_usage(pvc: &PersistentVolumeClaim) -> Resources {
    let mut out = Resources::from([
        ("count/persistentvolumeclaims".to_string(), one()),
        ("persistentvolumeclaims".to_string(), one()),
    ]);
    let request = pvc
        .spec
        .as_ref()
        .and_then(|s| s.resources.as_ref())
        .and_then(|r| r.requests.as_ref())
        .and_then(|r| r.get("storage"))
        .and_then(|q| Quantity::parse(&q.0).ok());
    let class = claim_class(pvc);
    if let Some(class) = &class {
        out.insert(
            format!("{class}{STORAGE_CLASS_SUFFIX}persistentvolumeclaims"),
            one(),
        );
    }
    if let Some(q) = request {
        out.insert("requests.storage".into(), q);
        if let Some(class) = &class {
            out.insert(format!("{class}{STORAGE_CLASS_SUFFIX}requests.storage"), q);
        }
    }
    out
}

/// The quota's scope requirements (`scopes` and `scopeSelector` together).
pub fn scope_requirements(spec: &ResourceQuotaSpec) -> Vec<ScopedResourceSelectorRequirement> {
    let mut out: Vec<ScopedResourceSelectorRequirement> = spec
        .scopes
        .iter()
        .flatten()
        .map(|s| ScopedResourceSelectorRequirement {
            scope_name: s.clone(),
            operator: "Exists".into(),
            values: None,
        })
        .collect();
    if let Some(sel) = spec.scope_selector.as_ref() {
        out.extend(sel.match_expressions.iter().flatten().cloned());
    }
    out
}

/// Whether the pod has no CPU or memory requests or limits in any container.
pub fn is_best_effort(pod: &Pod) -> bool {
    let Some(spec) = pod.spec.as_ref() else {
        return true;
    };
    spec.containers
        .iter()
        .chain(spec.init_containers.iter().flatten())
        .all(|c| {
            let Some(r) = c.resources.as_ref() else {
                return true;
            };
            [r.requests.as_ref(), r.limits.as_ref()]
                .into_iter()
                .flatten()
                .all(|list| {
                    ["cpu", "memory"].iter().all(|k| {
                        list.get(*k)
                            .and_then(|q| Quantity::parse(&q.0).ok())
                            .is_none_or(|q| q.is_zero())
                    })
                })
        })
}

fn has_cross_namespace_affinity(pod: &Pod) -> bool {
    let Some(affinity) = pod.spec.as_ref().and_then(|s| s.affinity.as_ref()) else {
        return false;
    };
    let mut terms = Vec::new();
    if let Some(a) = affinity.pod_affinity.as_ref() {
        terms.extend(
            a.required_during_scheduling_ignored_during_execution
                .iter()
                .flatten()
                .cloned(),
        );
        terms.extend(
            a.preferred_during_scheduling_ignored_during_execution
                .iter()
                .flatten()
                .map(|w| w.pod_affinity_term.clone()),
        );
    }
    if let Some(a) = affinity.pod_anti_affinity.as_ref() {
        terms.extend(
            a.required_during_scheduling_ignored_during_execution
                .iter()
                .flatten()
                .cloned(),
        );
        terms.extend(
            a.preferred_during_scheduling_ignored_during_execution
                .iter()
                .flatten()
                .map(|w| w.pod_affinity_term.clone()),
        );
    }
    terms.iter().any(|t| {
        t.namespace_selector.is_some() || t.namespaces.as_ref().is_some_and(|n| !n.is_empty())
    })
}

/// Whether a pod matches one scope requirement.
pub fn pod_matches_scope(pod: &Pod, req: &ScopedResourceSelectorRequirement) -> bool {
    let spec = pod.spec.as_ref();
    match req.scope_name.as_str() {
        "Terminating" => spec
            .and_then(|s| s.active_deadline_seconds)
            .is_some_and(|d| d >= 0),
        "NotTerminating" => spec
            .and_then(|s| s.active_deadline_seconds)
            .is_none_or(|d| d < 0),
        "BestEffort" => is_best_effort(pod),
        "NotBestEffort" => !is_best_effort(pod),
        "CrossNamespacePodAffinity" => has_cross_namespace_affinity(pod),
        "PriorityClass" => {
            let class = spec
                .and_then(|s| s.priority_class_name.clone())
                .filter(|c| !c.is_empty());
            let values = req.values.clone().unwrap_or_default();
            match req.operator.as_str() {
                "Exists" => class.is_some(),
                "DoesNotExist" => class.is_none(),
                "In" => class.is_some_and(|c| values.contains(&c)),
                "NotIn" => class.is_none_or(|c| !values.contains(&c)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Adds `usage` into `total`, only for the names in `tracked`.
pub fn accumulate(total: &mut Resources, usage: &Resources, tracked: &[String]) {
    for name in tracked {
        if let Some(q) = usage.get(name) {
            add_to(total, name, q);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod_util::tests::pod;
    use serde_json::json;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).expect("quantity")
    }

    fn now() -> jiff::Timestamp {
        "2024-01-01T00:00:00Z".parse().expect("ts")
    }

    #[test]
    fn classification() {
        assert_eq!(classify("pods"), Some(Tracked::Pod));
        assert_eq!(classify("requests.nvidia.com/gpu"), Some(Tracked::Pod));
        assert_eq!(classify("requests.hugepages-2Mi"), Some(Tracked::Pod));
        assert_eq!(classify("services.nodeports"), Some(Tracked::Service));
        assert_eq!(
            classify("gold.storageclass.storage.k8s.io/requests.storage"),
            Some(Tracked::Claim)
        );
        assert_eq!(
            classify("configmaps"),
            Some(Tracked::Count {
                plural: "configmaps".into(),
                group: "".into()
            })
        );
        assert_eq!(
            classify("count/deployments.apps"),
            Some(Tracked::Count {
                plural: "deployments".into(),
                group: "apps".into()
            })
        );
        assert_eq!(
            classify("count/widgets.example.com"),
            Some(Tracked::Count {
                plural: "widgets".into(),
                group: "example.com".into()
            })
        );
        assert_eq!(classify("nonsense"), None);
    }

    #[test]
    fn pod_requests_include_init_containers_sidecars_and_overhead() {
        let p = pod(json!({"metadata": {"name": "p"}, "spec": {
            "containers": [
                {"name": "a", "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "200m"}}},
                {"name": "b", "resources": {"requests": {"cpu": "200m", "memory": "64Mi", "example.com/dongle": "1"}}}],
            "initContainers": [
                {"name": "big-init", "resources": {"requests": {"cpu": "1", "memory": "32Mi"}}},
                {"name": "side", "restartPolicy": "Always", "resources": {"requests": {"cpu": "50m"}}}],
            "overhead": {"cpu": "10m"}
        }, "status": {"phase": "Running"}}));
        let req = pod_resources(&p, false);
        // max(300m + 50m sidecar, 1 init) + 10m overhead.
        assert_eq!(req["cpu"], q("1010m"));
        assert_eq!(req["memory"], q("128Mi"));
        let usage = pod_usage(&p, now());
        assert_eq!(usage["requests.cpu"], q("1010m"));
        assert_eq!(usage["cpu"], q("1010m"));
        assert_eq!(usage["limits.cpu"], q("210m"));
        assert!(!usage.contains_key("limits.memory"));
        assert_eq!(usage["requests.example.com/dongle"], q("1"));
        assert_eq!(usage["pods"], q("1"));
        assert_eq!(usage["requests.memory"].canonical(), "128Mi");
    }

    #[test]
    fn finished_and_long_terminating_pods_only_count_as_objects() {
        let done = pod(
            json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "resources": {"requests": {"cpu": "1"}}}]}, "status": {"phase": "Succeeded"}}),
        );
        let u = pod_usage(&done, now());
        assert_eq!(
            u.keys().cloned().collect::<Vec<_>>(),
            vec!["count/pods".to_string()]
        );
        let stuck = pod(
            json!({"metadata": {"name": "p", "deletionTimestamp": "2023-12-31T23:00:00Z", "deletionGracePeriodSeconds": 30},
            "spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Running"}}),
        );
        assert!(!pod_uses_compute(&stuck, now()));
        let leaving = pod(
            json!({"metadata": {"name": "p", "deletionTimestamp": "2023-12-31T23:59:50Z", "deletionGracePeriodSeconds": 30},
            "spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Running"}}),
        );
        assert!(pod_uses_compute(&leaving, now()));
    }

    #[test]
    fn service_and_claim_usage() {
        let np: Service = serde_json::from_value(
            json!({"spec": {"type": "NodePort", "ports": [{"port": 80}, {"port": 443}]}}),
        )
        .expect("svc");
        let u = service_usage(&np);
        assert_eq!(
            (
                u["services"],
                u["services.nodeports"],
                u["services.loadbalancers"]
            ),
            (q("1"), q("2"), q("0"))
        );
        let lb: Service = serde_json::from_value(
            json!({"spec": {"type": "LoadBalancer", "allocateLoadBalancerNodePorts": false,
            "ports": [{"port": 80, "nodePort": 30080}, {"port": 443}]}}),
        )
        .expect("svc");
        let u = service_usage(&lb);
        assert_eq!(
            (u["services.nodeports"], u["services.loadbalancers"]),
            (q("1"), q("1"))
        );
        let pvc: PersistentVolumeClaim =
            serde_json::from_value(json!({"spec": {"storageClassName": "gold",
            "resources": {"requests": {"storage": "5Gi"}}}}))
            .expect("pvc");
        let u = claim_usage(&pvc);
        assert_eq!(u["requests.storage"], q("5Gi"));
        assert_eq!(
            u["gold.storageclass.storage.k8s.io/requests.storage"],
            q("5Gi")
        );
        assert_eq!(
            u["gold.storageclass.storage.k8s.io/persistentvolumeclaims"],
            q("1")
        );
    }

    #[test]
    fn scopes_select_pods() {
        let best_effort = pod(
            json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}], "priorityClassName": "high"}}),
        );
        let burstable = pod(
            json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "resources": {"limits": {"memory": "1Gi"}}}], "activeDeadlineSeconds": 60}}),
        );
        let scope =
            |name: &str, op: &str, values: Option<Vec<&str>>| ScopedResourceSelectorRequirement {
                scope_name: name.into(),
                operator: op.into(),
                values: values.map(|v| v.into_iter().map(String::from).collect()),
            };
        assert!(pod_matches_scope(
            &best_effort,
            &scope("BestEffort", "Exists", None)
        ));
        assert!(!pod_matches_scope(
            &burstable,
            &scope("BestEffort", "Exists", None)
        ));
        assert!(pod_matches_scope(
            &burstable,
            &scope("NotBestEffort", "Exists", None)
        ));
        assert!(pod_matches_scope(
            &burstable,
            &scope("Terminating", "Exists", None)
        ));
        assert!(pod_matches_scope(
            &best_effort,
            &scope("NotTerminating", "Exists", None)
        ));
        assert!(pod_matches_scope(
            &best_effort,
            &scope("PriorityClass", "In", Some(vec!["high"]))
        ));
        assert!(!pod_matches_scope(
            &burstable,
            &scope("PriorityClass", "In", Some(vec!["high"]))
        ));
        assert!(pod_matches_scope(
            &burstable,
            &scope("PriorityClass", "DoesNotExist", None)
        ));
        assert!(pod_matches_scope(
            &burstable,
            &scope("PriorityClass", "NotIn", Some(vec!["high"]))
        ));
        let spec: ResourceQuotaSpec = serde_json::from_value(json!({"scopes": ["BestEffort"],
            "scopeSelector": {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["high"]}]}})).expect("spec");
        let reqs = scope_requirements(&spec);
        assert_eq!(reqs.len(), 2);
        assert!(reqs.iter().all(|r| pod_matches_scope(&best_effort, r)));
    }

    #[test]
    fn sums_keep_formats() {
        let mut total = Resources::new();
        let tracked = vec!["requests.memory".to_string(), "pods".to_string()];
        let a = Resources::from([
            ("requests.memory".to_string(), q("128Mi")),
            ("pods".to_string(), q("1")),
            ("cpu".to_string(), q("1")),
        ]);
        accumulate(&mut total, &a, &tracked);
        accumulate(&mut total, &a, &tracked);
        assert_eq!(total["requests.memory"].canonical(), "256Mi");
        assert_eq!(total["pods"].canonical(), "2");
        assert!(!total.contains_key("cpu"));
    }
}
