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
        ep["metadata"]["labels"]["endpoints.kubernetes.io/managed-by"] == "endpoint-controller",
        "managed-by label: {ep}"
    );
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

/// Waits for `check`; on timeout the error shows the pods and nodes.
fn wait_for(
    cluster: &Cluster,
    what: &str,
    timeout: Duration,
    check: impl FnMut() -> Result<bool>,
) -> Result<()> {
    cluster.eventually(timeout, check).with_context(|| {
        let pods = cluster
            .kubectl(&["get", "pods", "-A", "-o", "wide"])
            .unwrap_or_default();
        let nodes = cluster
            .kubectl(&["get", "nodes", "-o", "wide"])
            .unwrap_or_default();
        let taints = cluster
            .kubectl(&[
                "get",
                "nodes",
                "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.spec.taints}{\"\\n\"}{end}",
            ])
            .unwrap_or_default();
        format!("waiting for {what}\npods:\n{pods}\nnodes:\n{nodes}\ntaints:\n{taints}")
    })
}

const NODE_WAIT: Duration = Duration::from_secs(240);
const STOPPED: &str = "simulated.capstan.io/stopped";

fn now_rfc3339() -> Result<String> {
    let out = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn ready_condition(cluster: &Cluster, node: &str) -> Result<Value> {
    let n = get(cluster, &["node", node])?;
    Ok(n["status"]["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["type"] == "Ready")
        .cloned()
        .unwrap_or(Value::Null))
}

fn has_taint(cluster: &Cluster, node: &str, key: &str, effect: &str) -> Result<bool> {
    let n = get(cluster, &["node", node])?;
    Ok(n["spec"]["taints"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|t| t["key"] == key && t["effect"] == effect))
}

/// Pods with label `app=<app>`: (name, node, terminating, running+ready).
fn app_pods(cluster: &Cluster, app: &str) -> Result<Vec<(String, String, bool, bool)>> {
    let list = get(cluster, &["pods", "-l", &format!("app={app}")])?;
    Ok(list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let ready = p["status"]["conditions"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| c["type"] == "Ready" && c["status"] == "True");
            (
                p["metadata"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                p["spec"]["nodeName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                p["metadata"]["deletionTimestamp"].is_string(),
                ready && p["status"]["phase"] == "Running",
            )
        })
        .collect())
}

fn short_tolerations() -> Value {
    json!([
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 5},
        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 5},
    ])
}

#[test]
fn stopped_node_becomes_unknown_tainted_and_its_pods_are_evicted_and_replaced() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    apply(
        &cluster,
        &json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "spread"},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "spread"}},
                "template": {"metadata": {"labels": {"app": "spread"}},
                    "spec": {"containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10"}],
                        "tolerations": short_tolerations(), "terminationGracePeriodSeconds": 30}}}}),
    )?;
    wait_for(&cluster, "step 1", NODE_WAIT, || {
        Ok(app_pods(&cluster, "spread")?.iter().filter(|p| p.3).count() == 3)
    })?;
    let victim = app_pods(&cluster, "spread")?[0].1.clone();
    ensure!(!victim.is_empty(), "pod bound to a node");
    // A bare pod that tolerates unreachability forever stays, but is marked not ready.
    apply(
        &cluster,
        &pod_manifest(
            "stays",
            json!({"app": "stays"}),
            json!({"nodeName": victim, "tolerations": [{"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"},
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"}]}),
        ),
    )?;
    // And a bare pod with a short toleration is deleted.
    apply(
        &cluster,
        &pod_manifest(
            "short",
            json!({"app": "short"}),
            json!({"nodeName": victim, "tolerations": short_tolerations(), "terminationGracePeriodSeconds": 30}),
        ),
    )?;
    wait_for(&cluster, "step 2", NODE_WAIT, || {
        Ok(is_running(&cluster, "stays")? && is_running(&cluster, "short")?)
    })?;
    let on_victim: Vec<String> = app_pods(&cluster, "spread")?
        .into_iter()
        .filter(|p| p.1 == victim)
        .map(|p| p.0)
        .collect();

    cluster.kubectl(&["label", "node", &victim, &format!("{STOPPED}=true")])?;

    // The node turns Unknown and gets the unreachable taints.
    wait_for(&cluster, "step 3", NODE_WAIT, || {
        let c = ready_condition(&cluster, &victim)?;
        Ok(c["status"] == "Unknown" && c["reason"] == "NodeStatusUnknown")
    })?;
    let c = ready_condition(&cluster, &victim)?;
    ensure!(
        c["message"] == "Kubelet stopped posting node status.",
        "{c}"
    );
    wait_for(&cluster, "step 4", NODE_WAIT, || {
        Ok(has_taint(
            &cluster,
            &victim,
            "node.kubernetes.io/unreachable",
            "NoExecute",
        )? && has_taint(
            &cluster,
            &victim,
            "node.kubernetes.io/unreachable",
            "NoSchedule",
        )?)
    })?;
    let shown = cluster.kubectl(&["get", "node", &victim])?;
    ensure!(
        shown.contains("NotReady"),
        "kubectl shows NotReady: {shown}"
    );

    // Pods that tolerate only briefly are deleted (they stay Terminating: the kubelet is gone).
    wait_for(&cluster, "step 5", NODE_WAIT, || {
        let p = get(&cluster, &["pod", "short"])?;
        Ok(p["metadata"]["deletionTimestamp"].is_string())
    })?;
    let short = get(&cluster, &["pod", "short"])?;
    let disruption = short["status"]["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["type"] == "DisruptionTarget");
    ensure!(
        disruption.is_some_and(|d| d["reason"] == "DeletionByTaintManager"),
        "DisruptionTarget condition: {short}"
    );
    // The ReplicaSet's pods on the node are evicted and replaced on other nodes.
    wait_for(&cluster, "step 6", NODE_WAIT, || {
        let pods = app_pods(&cluster, "spread")?;
        let evicted = on_victim
            .iter()
            .all(|name| pods.iter().any(|p| &p.0 == name && p.2));
        let healthy_elsewhere = pods.iter().filter(|p| !p.2 && p.3 && p.1 != victim).count();
        Ok(evicted && healthy_elsewhere == 3)
    })?;
    // The tolerating pod stays, not ready.
    let stays = get(&cluster, &["pod", "stays"])?;
    ensure!(
        stays["metadata"]["deletionTimestamp"].is_null(),
        "tolerating pod kept: {stays}"
    );
    wait_for(&cluster, "step 7", NODE_WAIT, || {
        let p = get(&cluster, &["pod", "stays"])?;
        Ok(p["status"]["conditions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|c| c["type"] == "Ready" && c["status"] == "False"))
    })?;

    // The kubelet comes back and posts Ready: the taints go.
    cluster.kubectl(&["label", "node", &victim, &format!("{STOPPED}-")])?;
    let now = now_rfc3339()?;
    let patch = json!({"status": {"conditions": [
        {"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status", "lastHeartbeatTime": now, "lastTransitionTime": now},
        {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory", "lastHeartbeatTime": now, "lastTransitionTime": now},
        {"type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure", "lastHeartbeatTime": now, "lastTransitionTime": now},
        {"type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID", "lastHeartbeatTime": now, "lastTransitionTime": now},
    ]}});
    cluster.kubectl(&[
        "patch",
        "node",
        &victim,
        "--subresource=status",
        "--type=strategic",
        "-p",
        &patch.to_string(),
    ])?;
    wait_for(&cluster, "step 8", NODE_WAIT, || {
        Ok(!has_taint(
            &cluster,
            &victim,
            "node.kubernetes.io/unreachable",
            "NoExecute",
        )? && !has_taint(
            &cluster,
            &victim,
            "node.kubernetes.io/unreachable",
            "NoSchedule",
        )?)
    })?;
    Ok(())
}

#[test]
fn no_evictions_when_every_node_stops_at_once() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "2"])?;
    for (i, node) in ["sim-node-0", "sim-node-1"].iter().enumerate() {
        let name = format!("p{i}");
        apply(
            &cluster,
            &pod_manifest(
                &name,
                json!({"app": "all"}),
                json!({"nodeName": node, "tolerations": short_tolerations()}),
            ),
        )?;
    }
    wait_for(&cluster, "step 9", NODE_WAIT, || {
        Ok(is_running(&cluster, "p0")? && is_running(&cluster, "p1")?)
    })?;
    for node in ["sim-node-0", "sim-node-1"] {
        cluster.kubectl(&["label", "node", node, &format!("{STOPPED}=true")])?;
    }
    wait_for(&cluster, "step 10", NODE_WAIT, || {
        Ok(
            ready_condition(&cluster, "sim-node-0")?["status"] == "Unknown"
                && ready_condition(&cluster, "sim-node-1")?["status"] == "Unknown",
        )
    })?;
    // The NoSchedule taints and not-ready pods still follow...
    wait_for(&cluster, "step 11", NODE_WAIT, || {
        Ok(has_taint(
            &cluster,
            "sim-node-0",
            "node.kubernetes.io/unreachable",
            "NoSchedule",
        )? && app_pods(&cluster, "all")?.iter().all(|p| !p.3))
    })?;
    // ...but with every node down the controller stops tainting for eviction:
    // well past the tolerations, nothing is deleted.
    std::thread::sleep(Duration::from_secs(20));
    for node in ["sim-node-0", "sim-node-1"] {
        ensure!(
            !has_taint(
                &cluster,
                node,
                "node.kubernetes.io/unreachable",
                "NoExecute"
            )?,
            "{node} not tainted NoExecute"
        );
    }
    ensure!(
        app_pods(&cluster, "all")?.iter().all(|p| !p.2),
        "no pod evicted"
    );
    Ok(())
}

fn pdb_status(cluster: &Cluster, name: &str) -> Result<Value> {
    Ok(get(cluster, &["pdb", name])?["status"].clone())
}

fn evict(cluster: &Cluster, pod: &str) -> Result<std::process::Output> {
    let body = json!({"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": pod, "namespace": "default"}});
    let path = format!("/api/v1/namespaces/default/pods/{pod}/eviction");
    let mut child = cluster
        .kubectl_cmd(&["create", "--raw", &path, "-f", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    use std::io::Write;
    child
        .stdin
        .take()
        .context("stdin")?
        .write_all(body.to_string().as_bytes())?;
    Ok(child.wait_with_output()?)
}

#[test]
fn disruption_budget_status_and_evictions_honouring_it() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    let placement = [
        ("g-0", "sim-node-0"),
        ("g-1", "sim-node-0"),
        ("g-2", "sim-node-1"),
    ];
    for (name, node) in placement {
        apply(
            &cluster,
            &pod_manifest(name, json!({"app": "guarded"}), json!({"nodeName": node})),
        )?;
    }
    apply(
        &cluster,
        &json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "guard"},
            "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "guarded"}}}}),
    )?;
    cluster.eventually(WAIT, || {
        let s = pdb_status(&cluster, "guard")?;
        Ok(s["currentHealthy"] == 3
            && s["desiredHealthy"] == 2
            && s["expectedPods"] == 3
            && s["disruptionsAllowed"] == 1)
    })?;
    let s = pdb_status(&cluster, "guard")?;
    ensure!(
        s["observedGeneration"] == get(&cluster, &["pdb", "guard"])?["metadata"]["generation"],
        "{s}"
    );
    let cond = &s["conditions"][0];
    ensure!(
        cond["type"] == "DisruptionAllowed"
            && cond["status"] == "True"
            && cond["reason"] == "SufficientPods",
        "{s}"
    );
    let shown = cluster.kubectl(&["get", "pdb", "guard"])?;
    ensure!(
        shown
            .lines()
            .nth(1)
            .is_some_and(|l| l.split_whitespace().nth(3) == Some("1")),
        "ALLOWED DISRUPTIONS 1: {shown}"
    );

    // One eviction is allowed...
    let first = evict(&cluster, "g-0")?;
    ensure!(
        first.status.success(),
        "first eviction: {}",
        String::from_utf8_lossy(&first.stderr)
    );
    cluster.eventually(WAIT, || {
        Ok(!cluster
            .kubectl_raw(&["get", "pod", "g-0"])?
            .status
            .success())
    })?;
    cluster.eventually(WAIT, || {
        let s = pdb_status(&cluster, "guard")?;
        Ok(s["currentHealthy"] == 2
            && s["disruptionsAllowed"] == 0
            && s["conditions"][0]["reason"] == "InsufficientPods")
    })?;
    // ...the next would violate the budget: 429.
    let second = evict(&cluster, "g-1")?;
    let err = String::from_utf8_lossy(&second.stderr);
    ensure!(!second.status.success(), "second eviction must fail");
    ensure!(
        err.contains("disruption budget") || err.contains("TooManyRequests") || err.contains("429"),
        "{err}"
    );
    ensure!(
        cluster
            .kubectl_raw(&["get", "pod", "g-1"])?
            .status
            .success(),
        "g-1 kept"
    );

    // kubectl drain cordons the node but cannot evict past the budget.
    let drained = cluster.kubectl_raw(&[
        "drain",
        "sim-node-1",
        "--force",
        "--ignore-daemonsets",
        "--timeout=15s",
    ])?;
    ensure!(
        !drained.status.success(),
        "drain must time out: {}",
        String::from_utf8_lossy(&drained.stdout)
    );
    let node = get(&cluster, &["node", "sim-node-1"])?;
    ensure!(node["spec"]["unschedulable"] == true, "cordoned: {node}");
    ensure!(
        cluster
            .kubectl_raw(&["get", "pod", "g-2"])?
            .status
            .success(),
        "g-2 kept by the budget"
    );
    // With a third healthy pod elsewhere the drain goes through.
    apply(
        &cluster,
        &pod_manifest(
            "g-3",
            json!({"app": "guarded"}),
            json!({"nodeName": "sim-node-2"}),
        ),
    )?;
    cluster.eventually(WAIT, || {
        Ok(pdb_status(&cluster, "guard")?["disruptionsAllowed"] == 1)
    })?;
    cluster.kubectl(&[
        "drain",
        "sim-node-1",
        "--force",
        "--ignore-daemonsets",
        "--timeout=60s",
    ])?;
    ensure!(
        !cluster
            .kubectl_raw(&["get", "pod", "g-2"])?
            .status
            .success(),
        "g-2 drained"
    );

    // Percentages and maxUnavailable are taken of the controller's scale.
    apply(
        &cluster,
        &json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "scaled"},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "scaled"}},
                "template": {"metadata": {"labels": {"app": "scaled"}},
                    "spec": {"containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10"}]}}}}),
    )?;
    apply(
        &cluster,
        &json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "pct"},
            "spec": {"maxUnavailable": "34%", "selector": {"matchLabels": {"app": "scaled"}}}}),
    )?;
    cluster.eventually(WAIT, || {
        let s = pdb_status(&cluster, "pct")?;
        Ok(s["expectedPods"] == 3
            && s["desiredHealthy"] == 1
            && s["currentHealthy"] == 3
            && s["disruptionsAllowed"] == 2)
    })?;
    cluster.kubectl(&["scale", "replicaset", "scaled", "--replicas=5"])?;
    cluster.eventually(WAIT, || {
        let s = pdb_status(&cluster, "pct")?;
        Ok(s["expectedPods"] == 5 && s["desiredHealthy"] == 3)
    })?;
    Ok(())
}

#[test]
fn resource_quota_usage_reflects_objects() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "1"])?;
    cluster.kubectl(&["create", "namespace", "q"])?;
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "compute", "namespace": "q"},
            "spec": {"hard": {"pods": "10", "requests.cpu": "2", "requests.memory": "1Gi", "limits.cpu": "4",
                "services": "5", "services.nodeports": "4", "configmaps": "10", "secrets": "10",
                "persistentvolumeclaims": "4", "requests.storage": "10Gi",
                "count/deployments.apps": "3", "count/jobs.batch": "2"}}}),
    )?;
    for (i, cpu) in ["250m", "500m"].iter().enumerate() {
        let mut pod = pod_manifest(&format!("p{i}"), json!({"app": "q"}), json!({}));
        pod["metadata"]["namespace"] = json!("q");
        pod["spec"]["containers"][0]["resources"] = json!({"requests": {"cpu": cpu, "memory": "128Mi"}, "limits": {"cpu": "1", "memory": "128Mi"}});
        apply(&cluster, &pod)?;
    }
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "np", "namespace": "q"},
            "spec": {"type": "NodePort", "selector": {"app": "q"}, "ports": [{"name": "a", "port": 80}, {"name": "b", "port": 81}]}}),
    )?;
    cluster.kubectl(&["create", "configmap", "c1", "-n", "q", "--from-literal=a=b"])?;
    cluster.kubectl(&[
        "create",
        "secret",
        "generic",
        "s1",
        "-n",
        "q",
        "--from-literal=a=b",
    ])?;
    apply(
        &cluster,
        &json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": "q"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "3Gi"}}}}),
    )?;
    apply(
        &cluster,
        &json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "q"},
            "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "d"}},
                "template": {"metadata": {"labels": {"app": "d"}}, "spec": {"containers": [{"name": "c", "image": "registry.k8s.io/pause:3.10"}]}}}}),
    )?;
    let expected = json!({"pods": "2", "requests.cpu": "750m", "requests.memory": "256Mi", "limits.cpu": "2",
        "services": "1", "services.nodeports": "2", "configmaps": "1", "secrets": "1",
        "persistentvolumeclaims": "1", "requests.storage": "3Gi", "count/deployments.apps": "1", "count/jobs.batch": "0"});
    let used = |cluster: &Cluster| -> Result<Value> {
        Ok(get(cluster, &["quota", "compute", "-n", "q"])?["status"]["used"].clone())
    };
    let configmaps_now = |cluster: &Cluster| -> Result<usize> {
        Ok(get(cluster, &["configmaps", "-n", "q"])?["items"]
            .as_array()
            .map_or(0, Vec::len))
    };
    cluster
        .eventually(WAIT, || {
            let mut want = expected.clone();
            // Other controllers may publish configmaps in every namespace.
            want["configmaps"] = json!(configmaps_now(&cluster)?.to_string());
            Ok(used(&cluster)? == want)
        })
        .with_context(|| format!("quota status: {:?}", used(&cluster).ok()))?;
    let status = get(&cluster, &["quota", "compute", "-n", "q"])?["status"].clone();
    ensure!(
        status["hard"]["requests.memory"] == "1Gi",
        "hard mirrors spec: {status}"
    );
    let described = cluster.kubectl(&["describe", "quota", "compute", "-n", "q"])?;
    ensure!(
        described.contains("requests.cpu") && described.contains("750m"),
        "{described}"
    );

    // Deletions are reflected too.
    cluster.kubectl(&["delete", "pod", "p1", "-n", "q", "--wait=true"])?;
    cluster.kubectl(&["delete", "deployment", "d", "-n", "q"])?;
    cluster.eventually(WAIT, || {
        let u = used(&cluster)?;
        Ok(u["pods"] == "1" && u["requests.cpu"] == "250m" && u["count/deployments.apps"] == "0")
    })?;
    Ok(())
}

fn hpa_condition(cluster: &Cluster, name: &str, type_: &str) -> Result<Value> {
    let h = get(cluster, &["hpa", name])?;
    Ok(h["status"]["conditions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["type"] == type_)
        .cloned()
        .unwrap_or(Value::Null))
}

#[test]
fn hpa_without_metrics_api_reports_and_clamps_to_min_replicas() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "2"])?;
    let deployment = |name: &str, replicas: i64| {
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                "template": {"metadata": {"labels": {"app": name}},
                    "spec": {"containers": [{"name": "c", "image": "registry.k8s.io/pause:3.10", "resources": {"requests": {"cpu": "100m"}}}]}}}})
    };
    apply(&cluster, &deployment("busy", 2))?;
    cluster.kubectl(&[
        "autoscale",
        "deployment",
        "busy",
        "--cpu-percent=50",
        "--min=1",
        "--max=5",
    ])?;
    cluster.eventually(WAIT, || {
        let active = hpa_condition(&cluster, "busy", "ScalingActive")?;
        let able = hpa_condition(&cluster, "busy", "AbleToScale")?;
        Ok(active["status"] == "False"
            && active["reason"] == "FailedGetResourceMetric"
            && able["status"] == "True")
    })?;
    let hpa = get(&cluster, &["hpa", "busy"])?;
    ensure!(hpa["status"]["currentReplicas"] == 2, "{hpa}");
    let shown = cluster.kubectl(&["get", "hpa", "busy"])?;
    ensure!(
        shown.contains("<unknown>/50%"),
        "kubectl shows the unknown metric: {shown}"
    );
    let d = get(&cluster, &["deployment", "busy"])?;
    ensure!(d["spec"]["replicas"] == 2, "no metrics, no scaling: {d}");

    // Below minReplicas the HPA scales up through the scale subresource, metrics or not.
    apply(&cluster, &deployment("small", 1))?;
    cluster.kubectl(&[
        "autoscale",
        "deployment",
        "small",
        "--cpu-percent=50",
        "--min=3",
        "--max=5",
    ])?;
    cluster.eventually(WAIT, || {
        Ok(get(&cluster, &["deployment", "small"])?["spec"]["replicas"] == 3)
    })?;
    cluster.eventually(WAIT, || {
        let h = get(&cluster, &["hpa", "small"])?;
        Ok(h["status"]["desiredReplicas"] == 3 && h["status"]["lastScaleTime"].is_string())
    })?;
    let able = hpa_condition(&cluster, "small", "AbleToScale")?;
    ensure!(able["reason"] == "SucceededRescale", "{able}");
    Ok(())
}

#[test]
fn resource_quota_admission_refuses_creations_past_hard_limits() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "1"])?;
    cluster.kubectl(&["create", "namespace", "limited"])?;
    cluster.kubectl(&[
        "create",
        "quota",
        "small",
        "-n",
        "limited",
        "--hard=pods=2,requests.cpu=1,count/configmaps=1",
    ])?;
    cluster.eventually(WAIT, || {
        let used = get(&cluster, &["quota", "small", "-n", "limited"])?["status"]["used"].clone();
        Ok(used["pods"] == "0" && used["requests.cpu"] == "0")
    })?;
    let pod = |name: &str, cpu: Option<&str>| {
        let mut p = pod_manifest(name, json!({"app": "limited"}), json!({}));
        p["metadata"]["namespace"] = json!("limited");
        if let Some(cpu) = cpu {
            p["spec"]["containers"][0]["resources"] = json!({"requests": {"cpu": cpu}});
        }
        p
    };
    let create = |manifest: &Value| -> Result<std::process::Output> {
        let mut child = cluster
            .kubectl_cmd(&["create", "-f", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()?;
        use std::io::Write;
        child
            .stdin
            .take()
            .context("stdin")?
            .write_all(manifest.to_string().as_bytes())?;
        Ok(child.wait_with_output()?)
    };
    // A pod without a CPU request cannot be admitted under a requests.cpu quota.
    let out = create(&pod("no-request", None))?;
    let err = String::from_utf8_lossy(&out.stderr);
    ensure!(
        !out.status.success() && err.contains("must specify requests.cpu"),
        "{err}"
    );
    for name in ["a", "b"] {
        let out = create(&pod(name, Some("400m")))?;
        ensure!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = create(&pod("c", Some("100m")))?;
    let err = String::from_utf8_lossy(&out.stderr);
    ensure!(!out.status.success(), "third pod must be refused");
    ensure!(
        err.contains("exceeded quota: small") && err.contains("limited: pods=2"),
        "{err}"
    );
    let out = create(
        &json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one", "namespace": "limited"}}),
    )?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = create(
        &json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "two", "namespace": "limited"}}),
    )?;
    ensure!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("exceeded quota"),
        "second configmap refused"
    );
    // Freed usage can be used again.
    cluster.kubectl(&["delete", "pod", "a", "-n", "limited", "--wait=true"])?;
    cluster.eventually(WAIT, || {
        Ok(get(&cluster, &["quota", "small", "-n", "limited"])?["status"]["used"]["pods"] == "1")
    })?;
    let out = create(&pod("c", Some("100m")))?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(())
}

/// A `capstan simulate-nodes` process, stopped by PID when dropped.
struct SimulatedNodes(std::process::Child);

impl Drop for SimulatedNodes {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn simulate_nodes_joins_by_server_url_and_runs_pods() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    // A kubeconfig whose own server address leads nowhere: `--server` must win.
    let text = std::fs::read_to_string(&cluster.kubeconfig)?;
    let real = format!("https://127.0.0.1:{}", cluster.port);
    ensure!(text.contains(&real), "kubeconfig does not name {real}");
    let elsewhere = cluster.dir.path().join("elsewhere.yaml");
    std::fs::write(&elsewhere, text.replace(&real, "https://127.0.0.1:1"))?;
    let log = std::fs::File::create(cluster.dir.path().join("remote-nodes.log"))?;
    let _nodes = SimulatedNodes(
        std::process::Command::new(capstan_e2e::capstan_bin()?)
            .args(["simulate-nodes", "2", "--prefix", "remote", "--kubeconfig"])
            .arg(&elsewhere)
            .args(["--server", &real])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::from(log))
            .spawn()
            .context("starting capstan simulate-nodes")?,
    );
    cluster.eventually(WAIT, || {
        Ok(ready_condition(&cluster, "remote-0")?["status"] == "True"
            && ready_condition(&cluster, "remote-1")?["status"] == "True")
    })?;
    let lease = get(&cluster, &["lease", "remote-1", "-n", "kube-node-lease"])?;
    ensure!(
        lease["spec"]["holderIdentity"] == "remote-1",
        "lease: {lease}"
    );
    apply(
        &cluster,
        &pod_manifest("on-remote", json!({"app": "remote"}), json!({})),
    )?;
    cluster.eventually(WAIT, || is_running(&cluster, "on-remote"))?;
    let pod = get(&cluster, &["pod", "on-remote"])?;
    let node = pod["spec"]["nodeName"].as_str().unwrap_or_default();
    ensure!(node.starts_with("remote-"), "pod ran on {node:?}");

    let bad = std::process::Command::new(capstan_e2e::capstan_bin()?)
        .args(["simulate-nodes", "1", "--kubeconfig"])
        .arg(&elsewhere)
        .args(["--server", "not a url"])
        .output()?;
    ensure!(!bad.status.success(), "a bad --server was accepted");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    ensure!(
        stderr.contains("--server \"not a url\" is not a valid URL"),
        "stderr: {stderr}"
    );
    Ok(())
}
