//! The cluster-wide controllers through kubectl against simulated nodes:
//! Endpoints and EndpointSlices following pods, node lifecycle (a stopped
//! node's taints and evictions), default ServiceAccounts, PodDisruptionBudgets
//! with eviction and drain, and ResourceQuota usage.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use capstan_e2e::Cluster;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(90);

fn apply(cluster: &Cluster, manifest: &Value) -> Result<()> {
    cluster.kubectl_stdin(&["apply", "-f", "-"], &manifest.to_string())?;
    Ok(())
}

fn pod_manifest(name: &str, labels: Value, extra_spec: Value) -> Value {
    let mut spec = json!({
        "containers": [{
            "name": "app",
            "image": "registry.k8s.io/pause:3.10",
            "ports": [{"name": "http", "containerPort": 8080}],
        }],
        "terminationGracePeriodSeconds": 0,
    });
    if let (Some(s), Some(extra)) = (spec.as_object_mut(), extra_spec.as_object()) {
        for (k, v) in extra {
            s.insert(k.clone(), v.clone());
        }
    }
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels}, "spec": spec})
}

fn get(cluster: &Cluster, args: &[&str]) -> Result<Value> {
    cluster.get_json(args)
}

fn is_running(cluster: &Cluster, pod: &str) -> Result<bool> {
    let p = get(cluster, &["pod", pod])?;
    Ok(p["status"]["phase"] == "Running" && p["status"]["podIP"].is_string())
}

fn endpoint_names(subsets: &Value, field: &str) -> Vec<String> {
    let mut out: Vec<String> = subsets
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s[field].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a["targetRef"]["name"].as_str().map(str::to_string))
        .collect();
    out.sort();
    out
}

/// (pod name, ready, serving, terminating) for every endpoint of the Service's slices.
fn slice_endpoints(cluster: &Cluster, service: &str) -> Result<Vec<(String, bool, bool, bool)>> {
    let list = get(
        cluster,
        &[
            "endpointslices",
            "-l",
            &format!("kubernetes.io/service-name={service}"),
        ],
    )?;
    let mut out = Vec::new();
    for slice in list["items"].as_array().into_iter().flatten() {
        for e in slice["endpoints"].as_array().into_iter().flatten() {
            out.push((
                e["targetRef"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                e["conditions"]["ready"].as_bool().unwrap_or(false),
                e["conditions"]["serving"].as_bool().unwrap_or(false),
                e["conditions"]["terminating"].as_bool().unwrap_or(false),
            ));
        }
    }
    out.sort();
    Ok(out)
}

#[test]
fn endpoints_and_slices_follow_pod_readiness_and_deletion() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    for name in ["web-0", "web-1"] {
        apply(
            &cluster,
            &pod_manifest(name, json!({"app": "web"}), json!({})),
        )?;
    }
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"tier": "front"}},
            "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}}),
    )?;
    cluster.eventually(WAIT, || {
        Ok(is_running(&cluster, "web-0")? && is_running(&cluster, "web-1")?)
    })?;

    // Both ready: listed under addresses with the container port resolved by name.
    cluster.eventually(WAIT, || {
        let ep = get(&cluster, &["endpoints", "web"])?;
        Ok(endpoint_names(&ep["subsets"], "addresses") == ["web-0", "web-1"])
    })?;
    let ep = get(&cluster, &["endpoints", "web"])?;
    ensure!(
        ep["subsets"][0]["ports"][0]["port"] == 8080,
        "named targetPort resolved: {ep}"
    );
    ensure!(ep["subsets"][0]["ports"][0]["name"] == "http", "{ep}");
    ensure!(
        ep["metadata"]["labels"]["tier"] == "front",
        "service labels copied: {ep}"
    );
    ensure!(
        ep["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"]
            .is_string(),
        "trigger time annotation: {ep}"
    );
    let address = &ep["subsets"][0]["addresses"][0];
    ensure!(
        address["nodeName"].is_string() && address["targetRef"]["kind"] == "Pod",
        "{address}"
    );
    let shown = cluster.kubectl(&["get", "endpoints", "web"])?;
    ensure!(
        shown.contains(":8080"),
        "kubectl shows the addresses: {shown}"
    );

    cluster.eventually(WAIT, || {
        Ok(slice_endpoints(&cluster, "web")?
            == vec![
                ("web-0".into(), true, true, false),
                ("web-1".into(), true, true, false),
            ])
    })?;
    let slices = get(
        &cluster,
        &["endpointslices", "-l", "kubernetes.io/service-name=web"],
    )?;
    let slice = &slices["items"][0];
    ensure!(
        slice["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"]
            == "endpointslice-controller.k8s.io",
        "{slice}"
    );
    ensure!(slice["metadata"]["generateName"] == "web-", "{slice}");
    ensure!(
        slice["metadata"]["ownerReferences"][0]["kind"] == "Service",
        "{slice}"
    );
    ensure!(
        slice["addressType"] == "IPv4" && slice["ports"][0]["port"] == 8080,
        "{slice}"
    );
    ensure!(slice["endpoints"][0]["nodeName"].is_string(), "{slice}");
    ensure!(
        slice["endpoints"][0].get("hints").is_none(),
        "no topology hints: {slice}"
    );

    // web-1 turns unready: not-ready address, slice ready=false.
    cluster.kubectl(&[
        "patch", "pod", "web-1", "--subresource=status", "--type=strategic", "-p",
        r#"{"status":{"conditions":[{"type":"Ready","status":"False","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}"#,
    ])?;
    cluster.eventually(WAIT, || {
        let ep = get(&cluster, &["endpoints", "web"])?;
        Ok(endpoint_names(&ep["subsets"], "addresses") == ["web-0"]
            && endpoint_names(&ep["subsets"], "notReadyAddresses") == ["web-1"])
    })?;
    cluster.eventually(WAIT, || {
        Ok(slice_endpoints(&cluster, "web")?
            == vec![
                ("web-0".into(), true, true, false),
                ("web-1".into(), false, false, false),
            ])
    })?;

    // web-0 deleted: gone from both.
    cluster.kubectl(&["delete", "pod", "web-0", "--wait=true"])?;
    cluster.eventually(WAIT, || {
        let ep = get(&cluster, &["endpoints", "web"])?;
        Ok(endpoint_names(&ep["subsets"], "addresses").is_empty()
            && endpoint_names(&ep["subsets"], "notReadyAddresses") == ["web-1"])
    })?;
    cluster.eventually(WAIT, || {
        Ok(slice_endpoints(&cluster, "web")? == vec![("web-1".into(), false, false, false)])
    })?;

    // A Service without a selector gets no managed Endpoints, and its custom
    // Endpoints are mirrored into a slice.
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "external"}, "spec": {"ports": [{"port": 443}]}}),
    )?;
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "external"},
            "subsets": [{"addresses": [{"ip": "192.0.2.10"}], "ports": [{"port": 8443}]}]}),
    )?;
    cluster.eventually(WAIT, || {
        let list = get(
            &cluster,
            &[
                "endpointslices",
                "-l",
                "kubernetes.io/service-name=external",
            ],
        )?;
        let items = list["items"].as_array().cloned().unwrap_or_default();
        Ok(items.len() == 1
            && items[0]["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"]
                == "endpointslicemirroring-controller.k8s.io"
            && items[0]["endpoints"][0]["addresses"][0] == "192.0.2.10")
    })?;
    let ep = get(&cluster, &["endpoints", "external"])?;
    ensure!(
        ep["subsets"][0]["addresses"][0]["ip"] == "192.0.2.10",
        "custom endpoints untouched: {ep}"
    );

    // A Service matching nothing keeps an empty placeholder slice.
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "nobody"},
            "spec": {"selector": {"app": "nobody"}, "ports": [{"port": 80}]}}),
    )?;
    cluster.eventually(WAIT, || {
        let list = get(
            &cluster,
            &["endpointslices", "-l", "kubernetes.io/service-name=nobody"],
        )?;
        Ok(list["items"].as_array().is_some_and(|i| i.len() == 1))
    })?;

    // Deleting the Service removes its Endpoints and (through ownership) slices.
    cluster.kubectl(&["delete", "service", "web"])?;
    cluster
        .eventually(WAIT, || {
            let gone = !cluster
                .kubectl_raw(&["get", "endpoints", "web"])?
                .status
                .success();
            let slices = get(
                &cluster,
                &["endpointslices", "-l", "kubernetes.io/service-name=web"],
            )?;
            Ok(gone && slices["items"].as_array().is_some_and(Vec::is_empty))
        })
        .context("endpoints and slices of a deleted service")?;
    Ok(())
}

#[test]
fn default_service_account_appears_in_new_namespaces_and_is_recreated() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "namespace", "team-a"])?;
    cluster.eventually(WAIT, || {
        Ok(cluster
            .kubectl_raw(&["get", "sa", "default", "-n", "team-a"])?
            .status
            .success())
    })?;
    for ns in ["default", "kube-system"] {
        cluster.eventually(WAIT, || {
            Ok(cluster
                .kubectl_raw(&["get", "sa", "default", "-n", ns])?
                .status
                .success())
        })?;
    }
    let uid = cluster.kubectl(&[
        "get",
        "sa",
        "default",
        "-n",
        "team-a",
        "-o",
        "jsonpath={.metadata.uid}",
    ])?;
    cluster.kubectl(&["delete", "sa", "default", "-n", "team-a"])?;
    cluster.eventually(WAIT, || {
        let out = cluster.kubectl_raw(&[
            "get",
            "sa",
            "default",
            "-n",
            "team-a",
            "-o",
            "jsonpath={.metadata.uid}",
        ])?;
        Ok(out.status.success() && String::from_utf8_lossy(&out.stdout) != uid)
    })?;
    Ok(())
}
