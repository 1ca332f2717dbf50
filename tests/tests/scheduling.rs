//! The scheduler end to end: a real `capstan server` with four simulated nodes
//! (sim-node-0..3, 32 CPUs each), driven with kubectl. Pods that cannot fit
//! stay Pending with Kubernetes' FailedScheduling explanation; node selectors,
//! affinity, taints, topology spread, anti-affinity, preemption and volumes
//! place pods as Kubernetes would; pods for another scheduler are left alone.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use capstan_e2e::Cluster;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(60);
const NODES: [&str; 4] = ["sim-node-0", "sim-node-1", "sim-node-2", "sim-node-3"];

fn cluster() -> Result<Cluster> {
    let c = Cluster::start(&["--simulated-nodes", "4"])?;
    c.eventually(WAIT, || {
        let nodes = c.get_json(&["nodes"])?;
        let ready = nodes["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter(|n| {
                        n["status"]["conditions"].as_array().is_some_and(|cs| {
                            cs.iter()
                                .any(|c| c["type"] == "Ready" && c["status"] == "True")
                        })
                    })
                    .count()
            })
            .unwrap_or(0);
        Ok(ready == NODES.len())
    })
    .context("simulated nodes did not become ready")?;
    Ok(c)
}

fn apply(c: &Cluster, yaml: &str) -> Result<()> {
    c.kubectl_stdin(&["apply", "-f", "-"], yaml)?;
    Ok(())
}

/// A pod manifest: name, labels (`k: v` lines), and extra spec lines.
fn pod(name: &str, labels: &str, cpu: &str, spec: &str) -> String {
    let labels = if labels.is_empty() {
        String::new()
    } else {
        format!("  labels:\n{}", indent(labels, 4))
    };
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n{labels}spec:\n{spec}  containers:\n  - name: main\n    image: registry.local/app:1\n    resources:\n      requests:\n        cpu: \"{cpu}\"\n",
        spec = indent(spec, 2),
    )
}

fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{pad}{l}\n"))
        .collect()
}

fn pod_json(c: &Cluster, name: &str) -> Result<Value> {
    c.get_json(&["pod", name])
}

fn node_of(c: &Cluster, name: &str) -> Result<Option<String>> {
    Ok(pod_json(c, name)?["spec"]["nodeName"]
        .as_str()
        .filter(|n| !n.is_empty())
        .map(str::to_string))
}

fn wait_running(c: &Cluster, name: &str) -> Result<String> {
    let mut node = None;
    c.eventually(WAIT, || {
        let p = pod_json(c, name)?;
        node = p["spec"]["nodeName"].as_str().map(str::to_string);
        Ok(node.is_some() && p["status"]["phase"] == "Running")
    })
    .with_context(|| format!("pod {name} did not run"))?;
    node.context("no node")
}

/// Waits for a FailedScheduling event on the pod and returns its message.
fn wait_failed_scheduling(c: &Cluster, name: &str, contains: &str) -> Result<String> {
    let mut message = String::new();
    c.eventually(WAIT, || {
        let selector = format!("involvedObject.name={name},reason=FailedScheduling");
        let events = c.get_json(&["events", "--field-selector", &selector])?;
        let found = events["items"].as_array().and_then(|items| {
            items.iter().rev().find_map(|e| {
                e["message"]
                    .as_str()
                    .or(e["note"].as_str())
                    .filter(|m| m.contains(contains))
                    .map(str::to_string)
            })
        });
        if let Some(m) = found {
            message = m;
            return Ok(true);
        }
        Ok(false)
    })
    .with_context(|| format!("no FailedScheduling event for {name} containing {contains:?}"))?;
    Ok(message)
}

fn unscheduled_condition(c: &Cluster, name: &str) -> Result<Value> {
    let p = pod_json(c, name)?;
    Ok(p["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "PodScheduled").cloned())
        .unwrap_or(Value::Null))
}

#[test]
fn a_pod_that_cannot_fit_stays_pending_with_the_reason() -> Result<()> {
    let c = cluster()?;
    apply(&c, &pod("huge", "app: huge", "100", ""))?;
    let msg = wait_failed_scheduling(&c, "huge", "Insufficient cpu")?;
    ensure!(
        msg == "0/4 nodes are available: 4 Insufficient cpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod..",
        "unexpected message: {msg}"
    );
    ensure!(node_of(&c, "huge")?.is_none());
    let cond = unscheduled_condition(&c, "huge")?;
    ensure!(
        cond["status"] == "False" && cond["reason"] == "Unschedulable",
        "{cond}"
    );
    ensure!(cond["message"] == msg.as_str(), "{cond}");
    let described = c.kubectl(&["describe", "pod", "huge"])?;
    ensure!(
        described.contains("FailedScheduling") && described.contains("Insufficient cpu"),
        "describe output lacks the event:\n{described}"
    );
    ensure!(described.contains("Pending"), "{described}");
    let events = c.kubectl(&["get", "events"])?;
    ensure!(events.contains("FailedScheduling"), "{events}");
    Ok(())
}

#[test]
fn node_selectors_and_affinity_place_pods() -> Result<()> {
    let c = cluster()?;
    c.kubectl(&["label", "node", "sim-node-2", "disk=ssd"])?;
    apply(&c, &pod("fast", "", "1", "nodeSelector:\n  disk: ssd"))?;
    ensure!(wait_running(&c, "fast")? == "sim-node-2");
    let not_ssd = "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - key: disk\n          operator: DoesNotExist";
    for i in 0..3 {
        let name = format!("slow-{i}");
        apply(&c, &pod(&name, "", "1", not_ssd))?;
        ensure!(wait_running(&c, &name)? != "sim-node-2");
    }
    let preferred = "affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:\n    - weight: 100\n      preference:\n        matchExpressions:\n        - key: disk\n          operator: In\n          values: [ssd]";
    apply(&c, &pod("likes-ssd", "", "1", preferred))?;
    ensure!(wait_running(&c, "likes-ssd")? == "sim-node-2");
    apply(&c, &pod("nowhere", "", "1", "nodeSelector:\n  disk: nvme"))?;
    let msg = wait_failed_scheduling(&c, "nowhere", "affinity")?;
    ensure!(
        msg.starts_with("0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling."),
        "unexpected message: {msg}"
    );
    Ok(())
}

#[test]
fn taints_repel_pods_without_tolerations() -> Result<()> {
    let c = cluster()?;
    for n in &NODES[..3] {
        c.kubectl(&["taint", "node", n, "dedicated=gpu:NoSchedule"])?;
    }
    for i in 0..3 {
        let name = format!("plain-{i}");
        apply(&c, &pod(&name, "", "1", ""))?;
        ensure!(wait_running(&c, &name)? == "sim-node-3");
    }
    c.kubectl(&["taint", "node", "sim-node-3", "dedicated=gpu:NoSchedule"])?;
    apply(&c, &pod("blocked", "", "1", ""))?;
    let msg = wait_failed_scheduling(&c, "blocked", "taint")?;
    ensure!(
        msg.starts_with(
            "0/4 nodes are available: 4 node(s) had untolerated taint {dedicated: gpu}."
        ),
        "unexpected message: {msg}"
    );
    let tolerate =
        "tolerations:\n- key: dedicated\n  operator: Equal\n  value: gpu\n  effect: NoSchedule";
    apply(&c, &pod("gpu-job", "", "1", tolerate))?;
    wait_running(&c, "gpu-job")?;
    // Removing a taint lets the blocked pod in.
    c.kubectl(&["taint", "node", "sim-node-1", "dedicated=gpu:NoSchedule-"])?;
    ensure!(wait_running(&c, "blocked")? == "sim-node-1");
    Ok(())
}

#[test]
fn topology_spread_puts_one_replica_per_node() -> Result<()> {
    let c = cluster()?;
    let spread = "topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: kubernetes.io/hostname\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels:\n      app: spread";
    let all: Vec<String> = (0..4)
        .map(|i| pod(&format!("spread-{i}"), "app: spread", "1", spread))
        .collect();
    apply(&c, &all.join("---\n"))?;
    let mut nodes = BTreeSet::new();
    for i in 0..4 {
        nodes.insert(wait_running(&c, &format!("spread-{i}"))?);
    }
    ensure!(nodes.len() == 4, "replicas share nodes: {nodes:?}");
    // A zone constraint on nodes without zone labels cannot be met.
    let zoned = "topologySpreadConstraints:\n- maxSkew: 1\n  topologyKey: topology.kubernetes.io/zone\n  whenUnsatisfiable: DoNotSchedule\n  labelSelector:\n    matchLabels:\n      app: zoned";
    apply(&c, &pod("zoned", "app: zoned", "1", zoned))?;
    let msg = wait_failed_scheduling(&c, "zoned", "topology")?;
    ensure!(
        msg.starts_with("0/4 nodes are available: 4 node(s) didn't match pod topology spread constraints (missing required label)."),
        "unexpected message: {msg}"
    );
    // Labeling zones makes it schedulable.
    for (i, n) in NODES.iter().enumerate() {
        let zone = format!("topology.kubernetes.io/zone=z{}", i % 2);
        c.kubectl(&["label", "node", n, &zone])?;
    }
    wait_running(&c, "zoned")?;
    Ok(())
}

#[test]
fn required_anti_affinity_allows_one_pod_per_node() -> Result<()> {
    let c = cluster()?;
    let anti = "affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchLabels:\n          app: solo\n      topologyKey: kubernetes.io/hostname";
    let all: Vec<String> = (0..5)
        .map(|i| pod(&format!("solo-{i}"), "app: solo", "1", anti))
        .collect();
    apply(&c, &all.join("---\n"))?;
    let mut placed = BTreeSet::new();
    let mut pending = Vec::new();
    c.eventually(WAIT, || {
        placed.clear();
        pending.clear();
        for i in 0..5 {
            let name = format!("solo-{i}");
            match node_of(&c, &name)? {
                Some(n) => {
                    placed.insert(n);
                }
                None => pending.push(name),
            }
        }
        Ok(placed.len() == 4 && pending.len() == 1)
    })
    .with_context(|| format!("placed on {placed:?}, pending {pending:?}"))?;
    let msg = wait_failed_scheduling(&c, &pending[0], "anti-affinity")?;
    ensure!(
        msg == "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod..",
        "unexpected message: {msg}"
    );
    // Pods that want to be near a solo pod follow it.
    let near = "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchLabels:\n          app: solo\n      topologyKey: kubernetes.io/hostname";
    apply(&c, &pod("buddy", "app: buddy", "1", near))?;
    ensure!(placed.contains(&wait_running(&c, "buddy")?));
    // A pod whose affinity target does not exist yet waits for it.
    let follow = "affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - labelSelector:\n        matchLabels:\n          app: leader\n      topologyKey: kubernetes.io/hostname";
    apply(&c, &pod("follower", "app: follower", "1", follow))?;
    let msg = wait_failed_scheduling(&c, "follower", "affinity")?;
    ensure!(
        msg == "0/4 nodes are available: 4 node(s) didn't match pod affinity rules. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
        "unexpected message: {msg}"
    );
    apply(&c, &pod("leader", "app: leader", "1", ""))?;
    let leader = wait_running(&c, "leader")?;
    ensure!(wait_running(&c, "follower")? == leader);
    Ok(())
}

const PRIORITY_CLASSES: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: low
value: 100
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
";

#[test]
fn preemption_evicts_lower_priority_pods() -> Result<()> {
    let c = cluster()?;
    apply(&c, PRIORITY_CLASSES)?;
    // `priority` is set explicitly alongside the class in case the Priority
    // admission plugin does not resolve user PriorityClasses yet; the values
    // match the classes, so a resolving admission accepts them too.
    let fillers: Vec<String> = (0..4)
        .map(|i| {
            pod(
                &format!("filler-{i}"),
                "tier: batch",
                "30",
                "priorityClassName: low\npriority: 100",
            )
        })
        .collect();
    apply(&c, &fillers.join("---\n"))?;
    let mut filler_nodes = Vec::new();
    for i in 0..4 {
        filler_nodes.push(wait_running(&c, &format!("filler-{i}"))?);
    }
    let prio = pod_json(&c, "filler-0")?["spec"]["priority"].clone();
    ensure!(prio == 100, "filler priority is {prio}");
    apply(
        &c,
        &pod(
            "urgent",
            "tier: web",
            "20",
            "priorityClassName: high\npriority: 1000",
        ),
    )?;
    let node = wait_running(&c, "urgent")?;
    let urgent = pod_json(&c, "urgent")?;
    let uid = urgent["metadata"]["uid"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let victim_index = filler_nodes
        .iter()
        .position(|n| *n == node)
        .context("urgent pod landed on a node without fillers")?;
    let victim = format!("filler-{victim_index}");
    c.eventually(WAIT, || {
        let out = c.kubectl_raw(&["get", "pod", &victim])?;
        Ok(!out.status.success())
    })
    .context("the victim was not deleted")?;
    for (i, _) in filler_nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != victim_index)
    {
        ensure!(
            node_of(&c, &format!("filler-{i}"))?.is_some(),
            "filler-{i} should have survived"
        );
    }
    let expected = format!("Preempted by pod {uid} on node {node}");
    c.eventually(WAIT, || {
        let selector = format!("involvedObject.name={victim},reason=Preempted");
        let events = c.get_json(&["events", "--field-selector", &selector])?;
        Ok(events["items"].as_array().is_some_and(|items| {
            items
                .iter()
                .any(|e| e["message"] == expected.as_str() || e["note"] == expected.as_str())
        }))
    })
    .with_context(|| format!("no Preempted event for {victim} saying {expected:?}"))?;
    // A pod that may not preempt waits instead.
    apply(
        &c,
        &pod(
            "polite",
            "tier: web",
            "20",
            "priorityClassName: high\npriority: 1000\npreemptionPolicy: Never",
        ),
    )?;
    let msg = wait_failed_scheduling(&c, "polite", "preemption")?;
    ensure!(
        msg == "0/4 nodes are available: 4 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..",
        "unexpected message: {msg}"
    );
    Ok(())
}

#[test]
fn volumes_constrain_placement() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        &pod(
            "no-claim",
            "",
            "1",
            "volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: missing",
        ),
    )?;
    let msg = wait_failed_scheduling(&c, "no-claim", "missing")?;
    ensure!(
        msg == "0/4 nodes are available: persistentvolumeclaim \"missing\" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..",
        "unexpected message: {msg}"
    );
    let storage = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: local-1
spec:
  capacity:
    storage: 10Gi
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local:
    path: /mnt/disk1
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: [sim-node-1]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: local
  resources:
    requests:
      storage: 5Gi
";
    apply(&c, storage)?;
    // What the PV controller would do for a new volume.
    c.kubectl(&[
        "patch",
        "pv",
        "local-1",
        "--subresource=status",
        "--type=merge",
        "-p",
        r#"{"status":{"phase":"Available"}}"#,
    ])?;
    apply(
        &c,
        &pod(
            "db",
            "",
            "1",
            "volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: data",
        ),
    )?;
    ensure!(wait_running(&c, "db")? == "sim-node-1");
    let pv = c.get_json(&["pv", "local-1"])?;
    ensure!(pv["spec"]["claimRef"]["name"] == "data", "{pv}");
    let pvc = c.get_json(&["pvc", "data"])?;
    ensure!(pvc["spec"]["volumeName"] == "local-1", "{pvc}");
    ensure!(pvc["status"]["phase"] == "Bound", "{pvc}");
    // A second claim finds no volume on any node.
    apply(
        &c,
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: more\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: local\n  resources:\n    requests:\n      storage: 1Gi\n",
    )?;
    apply(
        &c,
        &pod(
            "db2",
            "",
            "1",
            "volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: more",
        ),
    )?;
    let msg = wait_failed_scheduling(&c, "db2", "persistent volumes")?;
    ensure!(
        msg.starts_with(
            "0/4 nodes are available: 4 node(s) didn't find available persistent volumes to bind."
        ),
        "unexpected message: {msg}"
    );
    // A pod using the bound claim must go where its volume is.
    apply(
        &c,
        &pod(
            "reader",
            "",
            "1",
            "volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: data",
        ),
    )?;
    ensure!(wait_running(&c, "reader")? == "sim-node-1");
    Ok(())
}

#[test]
fn pods_for_other_schedulers_are_left_alone() -> Result<()> {
    let c = cluster()?;
    apply(&c, &pod("elsewhere", "", "1", "schedulerName: other"))?;
    apply(&c, &pod("here", "", "1", ""))?;
    wait_running(&c, "here")?;
    // The default scheduler has handled the later pod; the other one is
    // untouched: no node, no PodScheduled condition, no events.
    let p = pod_json(&c, "elsewhere")?;
    ensure!(p["spec"]["nodeName"].is_null(), "{p}");
    ensure!(unscheduled_condition(&c, "elsewhere")?.is_null(), "{p}");
    let events = c.get_json(&[
        "events",
        "--field-selector",
        "involvedObject.name=elsewhere",
    ])?;
    ensure!(
        events["items"].as_array().is_none_or(|i| i.is_empty()),
        "{events}"
    );
    Ok(())
}
