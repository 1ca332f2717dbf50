//! ResourceQuota admission for creations, as Kubernetes' `ResourceQuota`
//! admission plugin does: an object is charged to every quota in its namespace
//! that tracks something it uses (scoped quotas only see pods their scopes
//! select); the creation is refused (403) when it would take a quota past its
//! `status.hard`, when a quota's usage has not been computed yet, or when a
//! quota tracks CPU or memory and a container does not state that request or
//! limit. Admitted usage is added to the quotas' `status.used` at once (so
//! concurrent creations cannot overshoot); the ResourceQuota controller
//! recalculates usage from the objects themselves afterwards.
//!
//! Only creations are checked; updates that change usage (a Service turning
//! into a NodePort, a claim growing) are not.

use std::collections::{BTreeMap, BTreeSet};

use capstan_machinery::{Quantity, QuantityFormat};
use serde_json::{Map, Value};

use crate::api::Api;
use crate::context::RequestCtx;
use crate::registry::rest::{ListOptions, Part};
use crate::resource::ResourceDef;
use crate::status::{ApiError, ApiResult};

type Usage = BTreeMap<String, Quantity>;

const STORAGE_CLASS_SUFFIX: &str = ".storageclass.storage.k8s.io/";
/// Resources whose quota makes every container state the request or limit.
const COMPUTE_CONSTRAINED: [&str; 6] = [
    "cpu",
    "memory",
    "requests.cpu",
    "requests.memory",
    "limits.cpu",
    "limits.memory",
];

fn one() -> Quantity {
    Quantity::from_int(1, QuantityFormat::DecimalSi)
}

fn str_at<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    v.pointer(path).and_then(Value::as_str)
}

fn list(v: &Value, key: &str) -> Vec<Value> {
    v.get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn resources_of(container: &Value, which: &str) -> Usage {
    container
        .pointer(&format!("/resources/{which}"))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), Quantity::parse(v.as_str()?).ok()?)))
        .collect()
}

fn sum(a: &Usage, b: &Usage) -> Usage {
    let mut out = a.clone();
    for (k, v) in b {
        out.entry(k.clone()).or_default().add(v);
    }
    out
}

fn max_into(target: &mut Usage, other: &Usage) {
    for (k, v) in other {
        if target.get(k).is_none_or(|have| have < v) {
            target.insert(k.clone(), *v);
        }
    }
}

/// Effective pod requests or limits: containers plus sidecars, or the largest
/// init step, plus overhead (for limits only where a limit exists).
fn pod_resources(spec: &Value, which: &str) -> Usage {
    let mut containers = Usage::new();
    for c in list(spec, "containers") {
        containers = sum(&containers, &resources_of(&c, which));
    }
    let mut sidecars = Usage::new();
    let mut init_max = Usage::new();
    for c in list(spec, "initContainers") {
        let r = resources_of(&c, which);
        if str_at(&c, "/restartPolicy") == Some("Always") {
            sidecars = sum(&sidecars, &r);
            max_into(&mut init_max, &sidecars);
        } else {
            max_into(&mut init_max, &sum(&r, &sidecars));
        }
    }
    let mut out = sum(&containers, &sidecars);
    max_into(&mut out, &init_max);
    for (k, v) in spec
        .get("overhead")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let Some(q) = v.as_str().and_then(|s| Quantity::parse(s).ok()) else {
            continue;
        };
        if which == "requests" || out.contains_key(k) {
            out.entry(k.clone()).or_default().add(&q);
        }
    }
    out
}

fn is_extended(name: &str) -> bool {
    name.contains('/') && !name.contains("kubernetes.io/")
}

/// The compute usage names for a request/limit list (also used per container).
fn compute_usage(requests: &Usage, limits: &Usage) -> Usage {
    let mut out = Usage::new();
    for r in ["cpu", "memory", "ephemeral-storage"] {
        if let Some(q) = requests.get(r) {
            out.insert(r.into(), *q);
            out.insert(format!("requests.{r}"), *q);
        }
        if let Some(q) = limits.get(r) {
            out.insert(format!("limits.{r}"), *q);
        }
    }
    for (name, q) in requests {
        if name.starts_with("hugepages-") {
            out.insert(name.clone(), *q);
            out.insert(format!("requests.{name}"), *q);
        } else if is_extended(name) {
            out.insert(format!("requests.{name}"), *q);
        }
    }
    for (name, q) in limits {
        if name.starts_with("hugepages-") {
            out.insert(format!("limits.{name}"), *q);
        }
    }
    out
}

fn pod_usage(pod: &Value) -> Usage {
    let mut out = Usage::from([("count/pods".to_string(), one())]);
    if matches!(str_at(pod, "/status/phase"), Some("Succeeded" | "Failed")) {
        return out;
    }
    out.insert("pods".into(), one());
    let spec = pod.get("spec").cloned().unwrap_or(Value::Null);
    out.extend(compute_usage(
        &pod_resources(&spec, "requests"),
        &pod_resources(&spec, "limits"),
    ));
    out
}

fn service_usage(svc: &Value) -> Usage {
    let ports = svc
        .pointer("/spec/ports")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let n = |k: usize| {
        Quantity::from_int(
            i64::try_from(k).unwrap_or(i64::MAX),
            QuantityFormat::DecimalSi,
        )
    };
    let mut out = Usage::from([
        ("count/services".to_string(), one()),
        ("services".to_string(), one()),
    ]);
    match str_at(svc, "/spec/type") {
        Some("NodePort") => {
            out.insert("services.nodeports".into(), n(ports.len()));
        }
        Some("LoadBalancer") => {
            let node_ports = if svc.pointer("/spec/allocateLoadBalancerNodePorts")
                == Some(&Value::Bool(false))
            {
                ports
                    .iter()
                    .filter(|p| {
                        p.get("nodePort")
                            .and_then(Value::as_i64)
                            .is_some_and(|np| np != 0)
                    })
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

fn claim_usage(pvc: &Value) -> Usage {
    let mut out = Usage::from([
        ("count/persistentvolumeclaims".to_string(), one()),
        ("persistentvolumeclaims".to_string(), one()),
    ]);
    let class = str_at(pvc, "/spec/storageClassName")
        .or_else(|| {
            pvc.pointer("/metadata/annotations")
                .and_then(|a| a.get("volume.beta.kubernetes.io/storage-class"))
                .and_then(Value::as_str)
        })
        .filter(|c| !c.is_empty());
    if let Some(class) = class {
        out.insert(
            format!("{class}{STORAGE_CLASS_SUFFIX}persistentvolumeclaims"),
            one(),
        );
    }
    if let Some(q) =
        str_at(pvc, "/spec/resources/requests/storage").and_then(|s| Quantity::parse(s).ok())
    {
        out.insert("requests.storage".into(), q);
        if let Some(class) = class {
            out.insert(format!("{class}{STORAGE_CLASS_SUFFIX}requests.storage"), q);
        }
    }
    out
}

/// What creating `obj` of resource `group`/`plural` uses (zero entries dropped).
pub fn usage_of(group: &str, plural: &str, obj: &Value) -> BTreeMap<String, Quantity> {
    let mut usage = match (group, plural) {
        ("", "pods") => pod_usage(obj),
        ("", "services") => service_usage(obj),
        ("", "persistentvolumeclaims") => claim_usage(obj),
        _ => {
            let count = if group.is_empty() {
                format!("count/{plural}")
            } else {
                format!("count/{plural}.{group}")
            };
            let mut u = Usage::from([(count, one())]);
            if group.is_empty()
                && matches!(
                    plural,
                    "configmaps" | "secrets" | "resourcequotas" | "replicationcontrollers"
                )
            {
                u.insert(plural.to_string(), one());
            }
            u
        }
    };
    usage.retain(|_, q| !q.is_zero());
    usage
}

fn pod_matches_scope(pod: &Value, scope: &str, operator: &str, values: &[String]) -> bool {
    let deadline = pod
        .pointer("/spec/activeDeadlineSeconds")
        .and_then(Value::as_i64)
        .is_some_and(|d| d >= 0);
    let best_effort = || {
        let spec = pod.get("spec").cloned().unwrap_or(Value::Null);
        list(&spec, "containers")
            .iter()
            .chain(list(&spec, "initContainers").iter())
            .all(|c| {
                ["requests", "limits"].iter().all(|w| {
                    let r = resources_of(c, w);
                    ["cpu", "memory"]
                        .iter()
                        .all(|k| r.get(*k).is_none_or(Quantity::is_zero))
                })
            })
    };
    match scope {
        "Terminating" => deadline,
        "NotTerminating" => !deadline,
        "BestEffort" => best_effort(),
        "NotBestEffort" => !best_effort(),
        "CrossNamespacePodAffinity" => {
            let spec = pod.get("spec").cloned().unwrap_or(Value::Null);
            ["podAffinity", "podAntiAffinity"].iter().any(|kind| {
                let a = spec
                    .pointer(&format!("/affinity/{kind}"))
                    .cloned()
                    .unwrap_or(Value::Null);
                let required = list(&a, "requiredDuringSchedulingIgnoredDuringExecution");
                let preferred: Vec<Value> =
                    list(&a, "preferredDuringSchedulingIgnoredDuringExecution")
                        .into_iter()
                        .map(|w| w.get("podAffinityTerm").cloned().unwrap_or(Value::Null))
                        .collect();
                required.iter().chain(preferred.iter()).any(|t| {
                    t.get("namespaceSelector").is_some_and(|s| !s.is_null())
                        || t.get("namespaces")
                            .and_then(Value::as_array)
                            .is_some_and(|n| !n.is_empty())
                })
            })
        }
        "PriorityClass" => {
            let class = str_at(pod, "/spec/priorityClassName").filter(|c| !c.is_empty());
            match operator {
                "Exists" => class.is_some(),
                "DoesNotExist" => class.is_none(),
                "In" => class.is_some_and(|c| values.iter().any(|v| v == c)),
                "NotIn" => class.is_none_or(|c| !values.iter().any(|v| v == c)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Whether `quota` applies to the object: scoped quotas select pods only.
fn quota_selects(quota: &Value, is_pod: bool, obj: &Value) -> bool {
    let mut requirements: Vec<(String, String, Vec<String>)> = list(&quota["spec"], "scopes")
        .iter()
        .filter_map(|s| {
            s.as_str()
                .map(|s| (s.to_string(), "Exists".to_string(), Vec::new()))
        })
        .collect();
    for e in quota
        .pointer("/spec/scopeSelector/matchExpressions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let values = e
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(String::from))
            .collect();
        requirements.push((
            str_at(e, "/scopeName").unwrap_or("").into(),
            str_at(e, "/operator").unwrap_or("").into(),
            values,
        ));
    }
    if requirements.is_empty() {
        return true;
    }
    is_pod
        && requirements
            .iter()
            .all(|(s, op, v)| pod_matches_scope(obj, s, op, v))
}

fn quantities(v: Option<&Value>) -> Usage {
    v.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, q)| Some((k.clone(), Quantity::parse(q.as_str()?).ok()?)))
        .collect()
}

/// Containers missing a request or limit a quota tracks, as "must specify ..." text.
fn missing_constraints(pod: &Value, tracked: &BTreeSet<String>) -> Option<String> {
    let required: BTreeSet<&str> = COMPUTE_CONSTRAINED
        .iter()
        .copied()
        .filter(|r| tracked.contains(*r))
        .collect();
    if required.is_empty() {
        return None;
    }
    let spec = pod.get("spec").cloned().unwrap_or(Value::Null);
    let mut missing: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for c in list(&spec, "containers")
        .iter()
        .chain(list(&spec, "initContainers").iter())
    {
        let have = compute_usage(&resources_of(c, "requests"), &resources_of(c, "limits"));
        for r in &required {
            if !have.contains_key(*r) {
                missing
                    .entry(r)
                    .or_default()
                    .insert(str_at(c, "/name").unwrap_or("").to_string());
            }
        }
    }
    if missing.is_empty() {
        return None;
    }
    let parts: Vec<String> = missing
        .iter()
        .map(|(r, names)| {
            format!(
                "{r} for: {}",
                names.iter().cloned().collect::<Vec<_>>().join(",")
            )
        })
        .collect();
    Some(format!("must specify {}", parts.join("; ")))
}

fn pretty(usage: &Usage) -> String {
    usage
        .iter()
        .map(|(k, v)| format!("{k}={}", v.canonical()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The outcome of charging one quota.
enum Charge {
    /// The quota is not concerned.
    Skip,
    /// The quota's new `status.used`.
    Used(Map<String, Value>),
}

/// Checks `delta` against one quota's current state.
fn charge(quota: &Value, delta: &Usage, pod: Option<&Value>) -> Result<Charge, String> {
    let name = str_at(quota, "/metadata/name").unwrap_or("");
    let hard = quantities(quota.pointer("/status/hard"));
    let tracked: BTreeSet<String> = hard
        .keys()
        .filter(|k| {
            delta.contains_key(*k) || (pod.is_some() && COMPUTE_CONSTRAINED.contains(&k.as_str()))
        })
        .cloned()
        .collect();
    if tracked.is_empty() {
        return Ok(Charge::Skip);
    }
    if let Some(pod) = pod {
        if let Some(msg) = missing_constraints(pod, &tracked) {
            return Err(format!("failed quota: {name}: {msg}"));
        }
    }
    let used_raw = quota
        .pointer("/status/used")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let unknown: Vec<&String> = tracked
        .iter()
        .filter(|r| !used_raw.contains_key(*r))
        .collect();
    if !unknown.is_empty() {
        let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
        return Err(format!(
            "status unknown for quota: {name}, resources: {}",
            names.join(",")
        ));
    }
    let used = quantities(quota.pointer("/status/used"));
    let requested: Usage = delta
        .iter()
        .filter(|(k, _)| hard.contains_key(*k))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    if requested.is_empty() {
        return Ok(Charge::Skip);
    }
    let mut exceeded = BTreeSet::new();
    let mut new_used = used_raw.clone();
    for (r, q) in &requested {
        let total = used.get(r).copied().unwrap_or_default().plus(q);
        if hard.get(r).is_some_and(|h| total > *h) {
            exceeded.insert(r.clone());
        }
        new_used.insert(r.clone(), Value::String(total.canonical()));
    }
    if !exceeded.is_empty() {
        let pick = |u: &Usage| -> Usage {
            u.iter()
                .filter(|(k, _)| exceeded.contains(*k))
                .map(|(k, v)| (k.clone(), *v))
                .collect()
        };
        let used_exceeded: Usage = exceeded
            .iter()
            .map(|k| (k.clone(), used.get(k).copied().unwrap_or_default()))
            .collect();
        return Err(format!(
            "exceeded quota: {name}, requested: {}, used: {}, limited: {}",
            pretty(&pick(&requested)),
            pretty(&used_exceeded),
            pretty(&pick(&hard))
        ));
    }
    Ok(Charge::Used(new_used))
}

/// Admits the creation of `obj` against the ResourceQuotas of `ns`, charging
/// their usage (unless dry-run). Refuses with 403 Forbidden.
pub async fn admit_create(
    api: &Api,
    ctx: &RequestCtx,
    def: &ResourceDef,
    ns: &str,
    obj: &Value,
) -> ApiResult<()> {
    let Some(quota_def) = api.catalog.get("", "v1", "resourcequotas").cloned() else {
        return Ok(());
    };
    let page = api
        .list(&quota_def, Some(ns), &ListOptions::default())
        .await?;
    if page.items.is_empty() {
        return Ok(());
    }
    let delta = usage_of(def.group, def.plural, obj);
    let is_pod = def.group.is_empty() && def.plural == "pods";
    if delta.is_empty() && !is_pod {
        return Ok(());
    }
    let name = crate::registry::meta::name(obj).to_string();
    let forbidden = |why: String| ApiError::forbidden(def.qualified(), &name, why);
    let mut quotas: Vec<Value> = page
        .items
        .iter()
        .map(|i| i.to_value(i.mod_revision))
        .collect();
    quotas.sort_by(|a, b| str_at(a, "/metadata/name").cmp(&str_at(b, "/metadata/name")));
    // Check every quota first so that nothing is charged for a refused object.
    let mut charged = Vec::new();
    for quota in &quotas {
        if !quota_selects(quota, is_pod, obj) {
            continue;
        }
        match charge(quota, &delta, is_pod.then_some(obj)).map_err(forbidden)? {
            Charge::Skip => {}
            Charge::Used(_) => {
                charged.push(str_at(quota, "/metadata/name").unwrap_or("").to_string())
            }
        }
    }
    if ctx.dry_run {
        return Ok(());
    }
    for quota_name in charged {
        let key = quota_def.key(Some(ns), &quota_name);
        api.guaranteed_update(
            &quota_def,
            ctx,
            &key,
            &quota_name,
            None,
            |current| match charge(current, &delta, is_pod.then_some(obj)).map_err(forbidden)? {
                Charge::Skip => Ok(None),
                Charge::Used(used) => {
                    let mut next = current.clone();
                    next["status"]["used"] = Value::Object(used);
                    Ok(Some(next))
                }
            },
            Part::Status,
        )
        .await
        .map(|_| ())
        .or_else(|e| if e.code == 404 { Ok(()) } else { Err(e) })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quota(hard: Value, used: Value) -> Value {
        json!({"metadata": {"name": "q"}, "spec": {"hard": hard}, "status": {"hard": hard, "used": used}})
    }

    fn pod(cpu: Option<&str>) -> Value {
        let resources = match cpu {
            Some(c) => json!({"requests": {"cpu": c}, "limits": {"cpu": c}}),
            None => json!({}),
        };
        json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "app", "resources": resources}]}})
    }

    #[test]
    fn usage_by_resource() {
        let u = usage_of("", "pods", &pod(Some("250m")));
        assert_eq!(
            pretty(&u),
            "count/pods=1,cpu=250m,limits.cpu=250m,pods=1,requests.cpu=250m"
        );
        assert_eq!(
            pretty(&usage_of("apps", "deployments", &json!({}))),
            "count/deployments.apps=1"
        );
        assert_eq!(
            pretty(&usage_of("", "configmaps", &json!({}))),
            "configmaps=1,count/configmaps=1"
        );
        let np = json!({"spec": {"type": "NodePort", "ports": [{"port": 1}, {"port": 2}]}});
        assert_eq!(
            pretty(&usage_of("", "services", &np)),
            "count/services=1,services=1,services.nodeports=2"
        );
    }

    #[test]
    fn exceeding_and_fitting() {
        let q = quota(
            json!({"pods": "2", "requests.cpu": "1"}),
            json!({"pods": "1", "requests.cpu": "500m"}),
        );
        let p = pod(Some("250m"));
        match charge(&q, &usage_of("", "pods", &p), Some(&p)) {
            Ok(Charge::Used(used)) => {
                assert_eq!(used["pods"], "2");
                assert_eq!(used["requests.cpu"], "750m");
            }
            _ => panic!("should fit"),
        }
        let big = pod(Some("600m"));
        let err = match charge(&q, &usage_of("", "pods", &big), Some(&big)) {
            Err(e) => e,
            Ok(_) => panic!("should exceed"),
        };
        assert_eq!(err, "exceeded quota: q, requested: requests.cpu=600m, used: requests.cpu=500m, limited: requests.cpu=1");
    }

    #[test]
    fn compute_quotas_require_requests_and_known_status() {
        let q = quota(json!({"requests.cpu": "1"}), json!({"requests.cpu": "0"}));
        let bare = pod(None);
        let err = match charge(&q, &usage_of("", "pods", &bare), Some(&bare)) {
            Err(e) => e,
            Ok(_) => panic!("must be refused"),
        };
        assert_eq!(err, "failed quota: q: must specify requests.cpu for: app");
        let fresh = json!({"metadata": {"name": "q"}, "status": {"hard": {"pods": "1"}}});
        let p = pod(Some("1"));
        assert!(
            matches!(charge(&fresh, &usage_of("", "pods", &p), Some(&p)), Err(e) if e.starts_with("status unknown for quota: q"))
        );
        // A quota that tracks nothing the object uses is skipped.
        let cm = quota(json!({"configmaps": "1"}), json!({"configmaps": "1"}));
        assert!(matches!(
            charge(&cm, &usage_of("", "pods", &p), Some(&p)),
            Ok(Charge::Skip)
        ));
    }

    #[test]
    fn scoped_quotas_select_pods_only() {
        let q = json!({"spec": {"scopes": ["BestEffort"]}});
        assert!(quota_selects(&q, true, &pod(None)));
        assert!(!quota_selects(&q, true, &pod(Some("1"))));
        assert!(!quota_selects(&q, false, &json!({})));
        assert!(quota_selects(&json!({"spec": {}}), false, &json!({})));
        let pc = json!({"spec": {"scopeSelector": {"matchExpressions": [{"scopeName": "PriorityClass", "operator": "In", "values": ["high"]}]}}});
        let mut high = pod(None);
        high["spec"]["priorityClassName"] = json!("high");
        assert!(quota_selects(&pc, true, &high));
        assert!(!quota_selects(&pc, true, &pod(None)));
    }
}
