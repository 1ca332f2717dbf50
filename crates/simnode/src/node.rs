//! Node registration, Lease heartbeats and node status for simulated nodes.

use std::sync::Arc;
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::Node;
use kube::api::{Api, Patch, PatchParams, PostParams};
use kube::runtime::watcher::{self, Event};
use kube::runtime::WatchStreamExt;
use serde_json::{json, Value};

use crate::{Sim, SimConfig, SIMULATED_LABEL, STOPPED_LABEL};

fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn now_micro() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

/// The Node object (without status) for a simulated node.
pub fn node_object(name: &str, pod_cidr: Option<&str>) -> Value {
    let mut spec = json!({});
    if let Some(cidr) = pod_cidr {
        spec = json!({"podCIDR": cidr, "podCIDRs": [cidr]});
    }
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "labels": {
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux",
                "beta.kubernetes.io/arch": "amd64",
                SIMULATED_LABEL: "simulated",
            },
            "annotations": {"node.alpha.kubernetes.io/ttl": "0", "simulated.capstan.io/node": "true"},
        },
        "spec": spec,
    })
}

fn node_status(config: &SimConfig, ip: Option<std::net::Ipv4Addr>, name: &str) -> Value {
    let now = now();
    let resources = json!({
        "cpu": config.cpu,
        "memory": config.memory,
        "pods": config.pods,
        "ephemeral-storage": "1Ti",
    });
    let condition = |t: &str, status: &str, reason: &str, message: &str| json!({"type": t, "status": status, "reason": reason, "message": message, "lastHeartbeatTime": now, "lastTransitionTime": now});
    let mut addresses = vec![json!({"type": "Hostname", "address": name})];
    if let Some(ip) = ip {
        addresses.insert(0, json!({"type": "InternalIP", "address": ip.to_string()}));
    }
    json!({
        "status": {
            "capacity": resources,
            "allocatable": resources,
            "phase": "Running",
            "conditions": [
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "simulated node has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "simulated node has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "simulated node has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "simulated kubelet is posting ready status"),
            ],
            "addresses": addresses,
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {
                "machineID": "", "systemUUID": "", "bootID": "",
                "kernelVersion": "simulated", "osImage": "Capstan simulated node",
                "containerRuntimeVersion": "simulated://1.0.0",
                "kubeletVersion": "v1.33.0-capstan-sim", "kubeProxyVersion": "",
                "operatingSystem": "linux", "architecture": "amd64",
            },
        }
    })
}

async fn register_one(sim: &Sim, name: &str) -> anyhow::Result<()> {
    let nodes: Api<Node> = Api::all(sim.client.clone());
    let cidr = sim.ipam.node_cidr(name);
    let obj: Node = serde_json::from_value(node_object(name, cidr.as_deref()))?;
    match nodes.create(&PostParams::default(), &obj).await {
        Ok(_) => {}
        Err(kube::Error::Api(e)) if e.code == 409 => {}
        Err(err) => return Err(err.into()),
    }
    let status = node_status(&sim.config, sim.ipam.node_ip(name), name);
    nodes
        .patch_status(name, &PatchParams::default(), &Patch::Merge(&status))
        .await?;
    renew_lease(sim, name).await
}

/// Creates (or adopts) every node with its status and lease.
pub(crate) async fn register_all(sim: &Arc<Sim>, names: &[String]) -> anyhow::Result<()> {
    futures::stream::iter(names.iter().cloned())
        .map(|name| {
            let sim = sim.clone();
            async move {
                register_one(&sim, &name)
                    .await
                    .map_err(|e| e.context(format!("registering node {name}")))
            }
        })
        .buffer_unordered(sim.config.concurrency.max(1))
        .try_collect::<Vec<()>>()
        .await?;
    Ok(())
}

async fn renew_lease(sim: &Sim, name: &str) -> anyhow::Result<()> {
    let leases: Api<Lease> = Api::namespaced(sim.client.clone(), "kube-node-lease");
    let patch = json!({"spec": {"renewTime": now_micro(), "holderIdentity": name, "leaseDurationSeconds": 40}});
    match leases
        .patch(name, &PatchParams::default(), &Patch::Merge(&patch))
        .await
    {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(e)) if e.code == 404 => {
            let nodes: Api<Node> = Api::all(sim.client.clone());
            let uid = nodes.get(name).await?.metadata.uid.unwrap_or_default();
            let lease: Lease = serde_json::from_value(json!({
                "metadata": {
                    "name": name,
                    "namespace": "kube-node-lease",
                    "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": name, "uid": uid}],
                },
                "spec": {"holderIdentity": name, "leaseDurationSeconds": 40, "renewTime": now_micro()},
            }))?;
            match leases.create(&PostParams::default(), &lease).await {
                Ok(_) => Ok(()),
                Err(kube::Error::Api(e)) if e.code == 409 => Ok(()),
                Err(err) => Err(err.into()),
            }
        }
        Err(err) => Err(err.into()),
    }
}

/// Renews every active node's lease once per heartbeat interval (spread over
/// the interval), and refreshes node status every five minutes, as a kubelet does.
pub(crate) async fn heartbeat_loop(sim: Arc<Sim>, names: Vec<String>) {
    let interval = sim.config.heartbeat;
    let status_every = Duration::from_secs(300);
    let mut last_status = tokio::time::Instant::now();
    loop {
        let started = tokio::time::Instant::now();
        let refresh_status = started.duration_since(last_status) >= status_every;
        if refresh_status {
            last_status = started;
        }
        let per = interval
            .checked_div(names.len().max(1) as u32)
            .unwrap_or_default();
        let batch: Vec<(usize, String)> = names.iter().cloned().enumerate().collect();
        let stream = futures::stream::iter(batch.into_iter().map(|(i, name)| {
            let sim = sim.clone();
            async move {
                tokio::time::sleep_until(started + per * i as u32).await;
                if !sim.is_active(&name) {
                    return;
                }
                if let Err(err) = renew_lease(&sim, &name).await {
                    tracing::debug!(node = %name, error = %err, "lease renewal failed");
                }
                if refresh_status {
                    let status = node_status(&sim.config, sim.ipam.node_ip(&name), &name);
                    let nodes: Api<Node> = Api::all(sim.client.clone());
                    let _ = nodes
                        .patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
                        .await;
                }
            }
        }))
        .buffer_unordered(sim.config.concurrency.max(1));
        stream.collect::<Vec<()>>().await;
        tokio::time::sleep_until(started + interval).await;
    }
}

/// Tracks which nodes carry the stopped label.
pub(crate) async fn watch_stop_labels(sim: Arc<Sim>) {
    let nodes: Api<Node> = Api::all(sim.client.clone());
    let stream = watcher::watcher(nodes, watcher::Config::default()).default_backoff();
    futures::pin_mut!(stream);
    while let Some(event) = stream.next().await {
        let (node, deleted) = match event {
            Ok(Event::Apply(n)) | Ok(Event::InitApply(n)) => (n, false),
            Ok(Event::Delete(n)) => (n, true),
            _ => continue,
        };
        let Some(name) = node.metadata.name.clone() else {
            continue;
        };
        if !sim.nodes.contains(&name) {
            continue;
        }
        let stopped = !deleted
            && node
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(STOPPED_LABEL))
                .map(String::as_str)
                == Some("true");
        let mut set = sim.stopped.write();
        let changed = if stopped {
            set.insert(name.clone())
        } else {
            set.remove(&name)
        };
        if changed {
            tracing::info!(node = %name, stopped, "simulated node state changed");
        }
    }
}
