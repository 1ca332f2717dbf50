//! API discovery: `/api`, `/apis`, per-group and per-version resource lists, and
//! aggregated discovery (`apidiscovery.k8s.io/v2`).

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::catalog::Catalog;
use crate::resource::ResourceDef;

/// The media type of aggregated discovery responses.
pub const AGGREGATED_V2: &str =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
/// The beta media type of aggregated discovery.
pub const AGGREGATED_V2BETA1: &str =
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

/// Which aggregated discovery version an Accept header asks for, if any.
pub fn wants_aggregated(accept: Option<&str>) -> Option<&'static str> {
    let accept = accept?;
    for range in crate::http::negotiate::parse_accept(accept) {
        if range.essence != "application/json" || range.param("as") != Some("APIGroupDiscoveryList")
        {
            if range.essence == "application/json" && range.param("as").is_none() {
                return None;
            }
            continue;
        }
        if range.param("g") != Some("apidiscovery.k8s.io") {
            continue;
        }
        match range.param("v") {
            Some("v2") => return Some("v2"),
            Some("v2beta1") => return Some("v2beta1"),
            _ => continue,
        }
    }
    None
}

/// `/api`.
pub fn api_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}],
    })
}

fn group_versions(group: &str, versions: &[String]) -> Value {
    let list: Vec<Value> = versions
        .iter()
        .map(|v| json!({"groupVersion": format!("{group}/{v}"), "version": v}))
        .collect();
    json!({
        "name": group,
        "versions": list,
        "preferredVersion": list.first().cloned().unwrap_or(Value::Null),
    })
}

/// `/apis`.
pub fn api_group_list(catalog: &Catalog) -> Value {
    let groups: Vec<Value> = catalog
        .groups()
        .iter()
        .filter(|(g, _)| !g.is_empty())
        .map(|(g, vs)| group_versions(g, vs))
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/<group>`, if served.
pub fn api_group(catalog: &Catalog, group: &str) -> Option<Value> {
    let (g, vs) = catalog
        .groups()
        .iter()
        .find(|(g, _)| g == group && !g.is_empty())?;
    let mut v = group_versions(g, vs);
    v["kind"] = json!("APIGroup");
    v["apiVersion"] = json!("v1");
    Some(v)
}

fn storage_version_hash(def: &ResourceDef) -> String {
    let mut h = Sha256::new();
    h.update(def.storage_prefix.as_bytes());
    h.update(def.kind.as_bytes());
    let digest = h.finalize();
    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &digest[..8])
}

/// Subresources of a resource: (name, kind, group, version, verbs).
fn subresources(
    def: &ResourceDef,
) -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Vec<&'static str>,
)> {
    let mut subs = Vec::new();
    if def.status_subresource {
        subs.push(("status", def.kind, "", "", vec!["get", "patch", "update"]));
    }
    if def.scale_subresource {
        subs.push((
            "scale",
            "Scale",
            "autoscaling",
            "v1",
            vec!["get", "patch", "update"],
        ));
    }
    for name in def.extra_subresources {
        let entry = match *name {
            "binding" => ("binding", "Binding", "", "", vec!["create"]),
            "eviction" => ("eviction", "Eviction", "policy", "v1", vec!["create"]),
            "finalize" => ("finalize", def.kind, "", "", vec!["update"]),
            "log" => ("log", "Pod", "", "", vec!["get"]),
            "exec" => ("exec", "PodExecOptions", "", "", vec!["create", "get"]),
            "attach" => ("attach", "PodAttachOptions", "", "", vec!["create", "get"]),
            "portforward" => (
                "portforward",
                "PodPortForwardOptions",
                "",
                "",
                vec!["create", "get"],
            ),
            "token" => (
                "token",
                "TokenRequest",
                "authentication.k8s.io",
                "v1",
                vec!["create"],
            ),
            "proxy" => (
                "proxy",
                "PodProxyOptions",
                "",
                "",
                vec!["create", "delete", "get", "patch", "update"],
            ),
            _ => continue,
        };
        subs.push(entry);
    }
    subs.sort_by_key(|s| s.0);
    subs
}

/// `/api/v1` or `/apis/<group>/<version>`.
pub fn api_resource_list(catalog: &Catalog, group: &str, version: &str) -> Option<Value> {
    if !catalog.serves_version(group, version) {
        return None;
    }
    let mut resources = Vec::new();
    for def in catalog.in_version(group, version) {
        let mut r = json!({
            "name": def.plural,
            "singularName": def.singular,
            "namespaced": def.namespaced,
            "kind": def.kind,
            "verbs": def.verbs,
        });
        if def.stored {
            r["storageVersionHash"] = json!(storage_version_hash(def));
        }
        if !def.short_names.is_empty() {
            r["shortNames"] = json!(def.short_names);
        }
        if !def.categories.is_empty() {
            r["categories"] = json!(def.categories);
        }
        resources.push(r);
        for (sub, kind, g, v, verbs) in subresources(def) {
            let mut s = json!({
                "name": format!("{}/{}", def.plural, sub),
                "singularName": "",
                "namespaced": def.namespaced,
                "kind": kind,
                "verbs": verbs,
            });
            if !g.is_empty() || !v.is_empty() {
                s["group"] = json!(g);
                s["version"] = json!(v);
            }
            resources.push(s);
        }
    }
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    Some(
        json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}),
    )
}

fn discovery_resource(def: &ResourceDef) -> Value {
    let subs: Vec<Value> = subresources(def)
        .into_iter()
        .map(|(sub, kind, g, v, verbs)| {
            json!({
                "subresource": sub,
                "responseKind": {"group": g, "version": v, "kind": kind},
                "verbs": verbs,
            })
        })
        .collect();
    let mut r = json!({
        "resource": def.plural,
        "responseKind": {"group": "", "version": "", "kind": def.kind},
        "scope": if def.namespaced { "Namespaced" } else { "Cluster" },
        "singularResource": def.singular,
        "verbs": def.verbs,
    });
    if !def.short_names.is_empty() {
        r["shortNames"] = json!(def.short_names);
    }
    if !def.categories.is_empty() {
        r["categories"] = json!(def.categories);
    }
    if !subs.is_empty() {
        r["subresources"] = Value::Array(subs);
    }
    r
}

/// Aggregated discovery of the core group (`legacy` true, for `/api`) or of all
/// named groups (for `/apis`).
pub fn aggregated(catalog: &Catalog, legacy: bool, version: &str) -> Value {
    let items: Vec<Value> = catalog
        .groups()
        .iter()
        .filter(|(g, _)| g.is_empty() == legacy)
        .map(|(g, vs)| {
            let versions: Vec<Value> = vs
                .iter()
                .map(|v| {
                    let resources: Vec<Value> = catalog
                        .in_version(g, v)
                        .map(|d| discovery_resource(d))
                        .collect();
                    json!({"version": v, "resources": resources, "freshness": "Current"})
                })
                .collect();
            json!({"metadata": {"name": g, "creationTimestamp": null}, "versions": versions})
        })
        .collect();
    json!({
        "kind": "APIGroupDiscoveryList",
        "apiVersion": format!("apidiscovery.k8s.io/{version}"),
        "metadata": {},
        "items": items,
    })
}

/// A strong ETag for a JSON document.
pub fn etag(v: &Value) -> String {
    let digest = Sha256::digest(v.to_string().as_bytes());
    format!(
        "\"{}\"",
        digest
            .iter()
            .take(16)
            .map(|b| format!("{b:02X}"))
            .collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_accept_header_selects_v2() {
        let accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        assert_eq!(wants_aggregated(Some(accept)), Some("v2"));
        assert_eq!(wants_aggregated(Some("application/json")), None);
        assert_eq!(wants_aggregated(None), None);
    }

    #[test]
    fn core_resource_list_has_subresources() {
        let catalog = crate::builtins::catalog();
        let list = api_resource_list(&catalog, "", "v1").expect("v1 served");
        let names: Vec<&str> = list["resources"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|r| r["name"].as_str())
            .collect();
        assert!(names.contains(&"pods"));
        assert!(names.contains(&"pods/status"));
        assert!(names.contains(&"namespaces/finalize"));
        assert!(api_resource_list(&catalog, "", "v2").is_none());
        let agg = aggregated(&catalog, false, "v2");
        let groups: Vec<&str> = agg["items"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|g| g["metadata"]["name"].as_str())
            .collect();
        assert!(groups.contains(&"apps"));
        assert!(!groups.contains(&""));
    }
}
