//! Service strategy tests: defaults, validation, update rules, and allocation
//! against a real embedded store (including concurrent creates).

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::{json, Value};

use super::*;
use crate::api::{Api, ApiSettings};
use crate::context::RequestCtx;
use crate::registry::core::service_alloc::{IP_CLAIM_PREFIX, NODE_PORT_CLAIM_PREFIX};
use crate::registry::rest::{DeleteOptions, Part};

fn reasons(errs: &ErrorList) -> Vec<String> {
    errs.iter()
        .map(|e| format!("{} {}", e.field, e.reason()))
        .collect()
}

fn defaulted(spec: Value) -> Value {
    let mut svc = json!({"metadata": {"name": "s", "namespace": "default"}, "spec": spec});
    ServiceStrategy.default(&mut svc);
    svc
}

#[test]
fn defaults() {
    let svc = defaulted(json!({"ports": [{"port": 80}], "selector": {"app": "x"}}));
    let spec = &svc["spec"];
    assert_eq!(spec["type"], "ClusterIP");
    assert_eq!(spec["sessionAffinity"], "None");
    assert_eq!(spec["ports"][0]["protocol"], "TCP");
    assert_eq!(spec["ports"][0]["targetPort"], 80);
    assert_eq!(spec["internalTrafficPolicy"], "Cluster");
    assert!(spec.get("externalTrafficPolicy").is_none());
    let lb =
        defaulted(json!({"type": "LoadBalancer", "ports": [{"port": 80, "targetPort": "http"}]}));
    assert_eq!(lb["spec"]["externalTrafficPolicy"], "Cluster");
    assert_eq!(lb["spec"]["allocateLoadBalancerNodePorts"], true);
    assert_eq!(lb["spec"]["ports"][0]["targetPort"], "http");
    let sticky = defaulted(json!({"sessionAffinity": "ClientIP", "ports": [{"port": 1}]}));
    assert_eq!(
        sticky["spec"]["sessionAffinityConfig"]["clientIP"]["timeoutSeconds"],
        10800
    );
}

#[test]
fn validation_rules() {
    let ok = defaulted(json!({"ports": [{"port": 80}]}));
    assert!(validate_service(&ok).is_empty());
    let no_ports = defaulted(json!({}));
    assert_eq!(
        reasons(&validate_service(&no_ports)),
        ["spec.ports FieldValueRequired"]
    );
    let headless = defaulted(json!({"clusterIP": "None"}));
    assert!(validate_service(&headless).is_empty());
    let external = defaulted(json!({"type": "ExternalName", "externalName": "example.com."}));
    assert!(
        validate_service(&external).is_empty(),
        "{}",
        validate_service(&external)
    );
    let bad = defaulted(json!({"type": "Weird", "ports": [
        {"port": 0},
        {"name": "a", "port": 80, "protocol": "ICMP"},
        {"name": "a", "port": 81, "nodePort": 30001}
    ]}));
    assert_eq!(
        reasons(&validate_service(&bad)),
        [
            "spec.type FieldValueNotSupported",
            "spec.ports[0].name FieldValueRequired",
            "spec.ports[0].port FieldValueInvalid",
            "spec.ports[0].targetPort FieldValueInvalid",
            "spec.ports[1].protocol FieldValueNotSupported",
            "spec.ports[2].name FieldValueDuplicate",
            "spec.ports[2].nodePort FieldValueForbidden",
        ]
    );
    let ext_ip = defaulted(json!({"type": "ExternalName", "clusterIP": "10.0.0.1"}));
    assert_eq!(
        reasons(&validate_service(&ext_ip)),
        [
            "spec.clusterIP FieldValueForbidden",
            "spec.externalName FieldValueRequired"
        ]
    );
    assert!(!ServiceStrategy.name_validator()("1abc", false).is_empty());
}

#[test]
fn cluster_ip_is_immutable() {
    let old = defaulted(
        json!({"clusterIP": "10.0.0.5", "clusterIPs": ["10.0.0.5"], "ports": [{"port": 80}]}),
    );
    let mut new = old.clone();
    new["spec"]["clusterIP"] = json!("10.0.0.6");
    new["spec"]["clusterIPs"] = json!(["10.0.0.6"]);
    ServiceStrategy.prepare_for_update(&mut new, &old);
    let errs = ServiceStrategy.validate_update(&new, &old);
    assert_eq!(reasons(&errs), ["spec.clusterIPs[0] FieldValueInvalid"]);
    assert_eq!(errs.0[0].detail, "may not change once set");
    // Leaving the IP out keeps the allocated one.
    let mut new = old.clone();
    if let Some(m) = new["spec"].as_object_mut() {
        m.remove("clusterIP");
        m.remove("clusterIPs");
    }
    ServiceStrategy.prepare_for_update(&mut new, &old);
    assert_eq!(new["spec"]["clusterIP"], "10.0.0.5");
    assert!(ServiceStrategy.validate_update(&new, &old).is_empty());
    // Moving to ExternalName drops the IP.
    let mut new = old.clone();
    new["spec"]["type"] = json!("ExternalName");
    new["spec"]["externalName"] = json!("example.com");
    ServiceStrategy.default(&mut new);
    ServiceStrategy.prepare_for_update(&mut new, &old);
    assert!(new["spec"].get("clusterIP").is_none());
    assert!(
        ServiceStrategy.validate_update(&new, &old).is_empty(),
        "{}",
        ServiceStrategy.validate_update(&new, &old)
    );
}

async fn api(cidr: &str, dir: &std::path::Path) -> Arc<Api> {
    let settings = ApiSettings {
        service_cidr: cidr.into(),
        node_port_range: (30000, 30009),
        ..Default::default()
    };
    crate::registry::core::test_api::api(settings, dir).await
}

fn service(name: &str, spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": "default"}, "spec": spec})
}

async fn claims(api: &Api, prefix: &str) -> Vec<String> {
    let resp = api
        .store
        .range(capstan_store::RangeRequest::prefix(prefix))
        .await
        .expect("range");
    resp.kvs.into_iter().map(|kv| kv.key).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_creates_get_distinct_ips() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A /28 has 14 usable addresses.
    let api = api("10.20.0.0/28", dir.path()).await;
    let def = api
        .catalog
        .get("", "v1", "services")
        .cloned()
        .expect("services");
    let mut tasks = Vec::new();
    for i in 0..20 {
        let api = api.clone();
        let def = def.clone();
        tasks.push(tokio::spawn(async move {
            api.create(
                &def,
                &RequestCtx::system(),
                Some("default"),
                service(&format!("s{i}"), json!({"ports": [{"port": 80}]})),
            )
            .await
        }));
    }
    let mut ips = HashSet::new();
    let mut failures = 0;
    let mut created_names = Vec::new();
    for t in tasks {
        match t.await.expect("join") {
            Ok(svc) => {
                created_names.push(
                    svc["metadata"]["name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                );
                let ip = svc["spec"]["clusterIP"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                assert!(ips.insert(ip), "duplicate IP handed out");
            }
            Err(e) => {
                assert_eq!(e.code, 500, "{}", e.message);
                assert!(e.message.contains("range is full"), "{}", e.message);
                failures += 1;
            }
        }
    }
    assert_eq!(ips.len(), 14);
    assert_eq!(failures, 6);
    assert_eq!(claims(&api, IP_CLAIM_PREFIX).await.len(), 14);
    // Deleting a service releases its IP for the next one.
    let ctx = RequestCtx::system();
    for name in created_names.iter().take(2) {
        api.delete(&def, &ctx, Some("default"), name, &DeleteOptions::default())
            .await
            .expect("delete");
    }
    let remaining = claims(&api, IP_CLAIM_PREFIX).await.len();
    assert_eq!(remaining, 12, "deleting two services releases their IPs");
    let created = api
        .create(
            &def,
            &ctx,
            Some("default"),
            service("again", json!({"ports": [{"port": 80}]})),
        )
        .await
        .expect("an IP was released");
    assert!(created["spec"]["clusterIP"].is_string());
    assert_eq!(claims(&api, IP_CLAIM_PREFIX).await.len(), remaining + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requested_values_and_type_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let api = api("10.30.0.0/24", dir.path()).await;
    let def = api
        .catalog
        .get("", "v1", "services")
        .cloned()
        .expect("services");
    let ctx = RequestCtx::system();
    let first = api
        .create(
            &def,
            &ctx,
            Some("default"),
            service(
                "a",
                json!({"clusterIP": "10.30.0.1", "ports": [{"port": 443}]}),
            ),
        )
        .await
        .expect("create");
    assert_eq!(first["spec"]["clusterIPs"], json!(["10.30.0.1"]));
    assert_eq!(first["spec"]["ipFamilies"], json!(["IPv4"]));
    let err = api
        .create(
            &def,
            &ctx,
            Some("default"),
            service(
                "b",
                json!({"clusterIP": "10.30.0.1", "ports": [{"port": 443}]}),
            ),
        )
        .await
        .expect_err("taken");
    assert_eq!(err.code, 422);
    assert!(
        err.message.contains("provided IP is already allocated"),
        "{}",
        err.message
    );
    let headless = api
        .create(
            &def,
            &ctx,
            Some("default"),
            service("h", json!({"clusterIP": "None", "selector": {"a": "b"}})),
        )
        .await
        .expect("headless");
    assert_eq!(headless["spec"]["clusterIP"], "None");
    // ClusterIP -> NodePort allocates node ports; -> ExternalName releases everything.
    let mut np = first.clone();
    np["spec"]["type"] = json!("NodePort");
    let (np, _) = api
        .update(&def, &ctx, Some("default"), "a", np, Part::Main)
        .await
        .expect("to NodePort");
    let port = np["spec"]["ports"][0]["nodePort"]
        .as_i64()
        .expect("node port");
    assert!((30000..=30009).contains(&port));
    assert_eq!(np["spec"]["externalTrafficPolicy"], "Cluster");
    assert_eq!(
        claims(&api, NODE_PORT_CLAIM_PREFIX).await,
        vec![format!("{NODE_PORT_CLAIM_PREFIX}{port}")]
    );
    let err = api
        .create(
            &def,
            &ctx,
            Some("default"),
            service(
                "c",
                json!({"type": "NodePort", "ports": [{"port": 1, "nodePort": port}]}),
            ),
        )
        .await
        .expect_err("port taken");
    assert_eq!(err.code, 422);
    assert!(
        err.message.contains("provided port is already allocated"),
        "{}",
        err.message
    );
    let mut ext = np.clone();
    ext["spec"]["type"] = json!("ExternalName");
    ext["spec"]["externalName"] = json!("example.com");
    let (ext, _) = api
        .update(&def, &ctx, Some("default"), "a", ext, Part::Main)
        .await
        .expect("to ExternalName");
    assert!(ext["spec"].get("clusterIP").is_none());
    assert!(claims(&api, NODE_PORT_CLAIM_PREFIX).await.is_empty());
    assert!(claims(&api, IP_CLAIM_PREFIX).await.is_empty());
    // The released IP can be requested again.
    api.create(
        &def,
        &ctx,
        Some("default"),
        service(
            "b",
            json!({"clusterIP": "10.30.0.1", "ports": [{"port": 443}]}),
        ),
    )
    .await
    .expect("released IP reusable");
}
