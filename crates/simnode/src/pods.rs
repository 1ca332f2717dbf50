//! The simulated kubelet's pod loop: pods bound to an active simulated node
//! become Running and Ready with an IP, complete when annotated to, and are
//! removed when deleted.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, DeleteParams, Patch, PatchParams, Preconditions};
use kube::runtime::watcher::{self, Event};
use kube::runtime::WatchStreamExt;
use parking_lot::Mutex;
use serde_json::{json, Value};
use tokio::sync::Semaphore;

use crate::{Sim, COMPLETE_AFTER, EXIT_CODE};

fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map(|i| s.split_at(i))
        .unwrap_or((s, "s"));
    let n: f64 = num.parse().ok()?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" | "" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return None,
    };
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

fn annotation<'a>(pod: &'a Pod, key: &str) -> Option<&'a str> {
    pod.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(key))
        .map(String::as_str)
}

struct PodLoop {
    sim: Arc<Sim>,
    inflight: Mutex<HashSet<String>>,
    completing: Mutex<HashSet<String>>,
    /// Pods waiting for their run time to elapse.
    pending: Mutex<HashSet<String>>,
    /// Pods whose containers' run time has elapsed: the next look completes them.
    due: Mutex<HashSet<String>>,
    limit: Semaphore,
}

/// Watches pods bound to nodes and drives those on this simulation's nodes.
pub(crate) async fn run(sim: Arc<Sim>) {
    let limit = Semaphore::new(sim.config.concurrency.max(1));
    let pl = Arc::new(PodLoop {
        sim: sim.clone(),
        inflight: Mutex::new(HashSet::new()),
        completing: Mutex::new(HashSet::new()),
        pending: Mutex::new(HashSet::new()),
        due: Mutex::new(HashSet::new()),
        limit,
    });
    let pods: Api<Pod> = Api::all(sim.client.clone());
    let config = watcher::Config::default()
        .fields("spec.nodeName!=")
        .page_size(500);
    let stream = watcher::watcher(pods, config).default_backoff();
    futures::pin_mut!(stream);
    while let Some(event) = stream.next().await {
        match event {
            Ok(Event::Apply(pod)) | Ok(Event::InitApply(pod)) => pl.clone().observe(pod),
            Ok(Event::Delete(pod)) => {
                if let Some(uid) = pod.metadata.uid.as_deref() {
                    sim.ipam.release(uid);
                    pl.completing.lock().remove(uid);
                    pl.due.lock().remove(uid);
                }
            }
            Ok(_) => {}
            Err(err) => tracing::debug!(error = %err, "simulated pod watch error"),
        }
    }
}

impl PodLoop {
    fn observe(self: Arc<Self>, pod: Pod) {
        let Some(node) = pod.spec.as_ref().and_then(|s| s.node_name.clone()) else {
            return;
        };
        if !self.sim.is_active(&node) {
            return;
        }
        let Some(uid) = pod.metadata.uid.clone() else {
            return;
        };
        let phase = pod
            .status
            .as_ref()
            .and_then(|s| s.phase.clone())
            .unwrap_or_default();
        let started = pod
            .status
            .as_ref()
            .and_then(|s| s.start_time.as_ref())
            .is_some();
        let action = if pod.metadata.deletion_timestamp.is_some() {
            Action::Remove
        } else if phase == "Succeeded" || phase == "Failed" {
            return;
        } else if !started {
            Action::Start
        } else if phase == "Running" && annotation(&pod, COMPLETE_AFTER).is_some() {
            if self.due.lock().contains(&uid) {
                if !self.completing.lock().insert(uid.clone()) {
                    return;
                }
                Action::Complete
            } else {
                // Wait for the run time without holding the pod's action slot,
                // so a deletion meanwhile is handled at once.
                if self.pending.lock().insert(uid.clone()) {
                    let delay = run_time_left(&pod);
                    tokio::spawn(async move {
                        tokio::time::sleep(delay).await;
                        self.due.lock().insert(uid.clone());
                        self.pending.lock().remove(&uid);
                        self.reobserve(&pod).await;
                    });
                }
                return;
            }
        } else {
            return;
        };
        if !self.inflight.lock().insert(uid.clone()) {
            // Another action for this pod is still finishing, and its own update
            // can be observed before it returns: look at the pod again shortly,
            // or a pod could stay Running (or terminating) for good.
            if action == Action::Complete {
                self.completing.lock().remove(&uid);
            }
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                self.reobserve(&pod).await;
            });
            return;
        }
        tokio::spawn(async move {
            let result = match self.limit.acquire().await {
                Ok(_permit) => self.act(&pod, &node, &uid, action).await,
                Err(_) => Ok(()),
            };
            if let Err(err) = result {
                tracing::debug!(pod = ?pod.metadata.name, error = %err, "simulated pod update failed");
                if action == Action::Complete {
                    self.completing.lock().remove(&uid);
                }
            }
            self.inflight.lock().remove(&uid);
        });
    }

    /// Observes the current state of `pod` again (if it still exists).
    async fn reobserve(self: Arc<Self>, pod: &Pod) {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.sim.client.clone(), &ns);
        match api.get_opt(&name).await {
            Ok(Some(fresh)) if fresh.metadata.uid == pod.metadata.uid => self.observe(fresh),
            Ok(_) => {}
            Err(err) => {
                tracing::debug!(pod = %name, error = %err, "re-reading simulated pod failed")
            }
        }
    }

    async fn act(&self, pod: &Pod, node: &str, uid: &str, action: Action) -> anyhow::Result<()> {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.sim.client.clone(), &ns);
        match action {
            Action::Remove => {
                let dp = DeleteParams {
                    grace_period_seconds: Some(0),
                    preconditions: Some(Preconditions {
                        uid: Some(uid.to_string()),
                        resource_version: None,
                    }),
                    ..Default::default()
                };
                match api.delete(&name, &dp).await {
                    Ok(_) => {}
                    Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => {}
                    Err(err) => return Err(err.into()),
                }
                self.sim.ipam.release(uid);
            }
            Action::Start => {
                let ip = self
                    .sim
                    .ipam
                    .assign(node, uid)
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let host_ip = self
                    .sim
                    .ipam
                    .node_ip(node)
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let patch = running_status(pod, &ip, &host_ip);
                patch_status(&api, &name, &patch).await?;
            }
            Action::Complete => {
                let code: i32 = annotation(pod, EXIT_CODE)
                    .and_then(|c| c.trim().parse().ok())
                    .unwrap_or(0);
                patch_status(&api, &name, &completed_status(pod, code)).await?;
            }
        }
        Ok(())
    }
}

/// How much of the pod's `complete-after` run time is left.
fn run_time_left(pod: &Pod) -> Duration {
    let delay = annotation(pod, COMPLETE_AFTER)
        .and_then(parse_duration)
        .unwrap_or_default();
    let started = pod
        .status
        .as_ref()
        .and_then(|s| s.start_time.as_ref())
        .map(|t| jiff::Timestamp::now().duration_since(t.0))
        .and_then(|d| Duration::try_from(d).ok())
        .unwrap_or_default();
    delay.saturating_sub(started)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Start,
    Complete,
    Remove,
}

async fn patch_status(api: &Api<Pod>, name: &str, patch: &Value) -> anyhow::Result<()> {
    match api
        .patch_status(name, &PatchParams::default(), &Patch::Merge(patch))
        .await
    {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(e)) if e.code == 404 => Ok(()),
        Err(err) => Err(err.into()),
    }
}

fn containers(pod: &Pod) -> Vec<(String, String)> {
    pod.spec
        .as_ref()
        .map(|s| {
            s.containers
                .iter()
                .map(|c| (c.name.clone(), c.image.clone().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

fn init_containers(pod: &Pod) -> Vec<(String, String)> {
    pod.spec
        .as_ref()
        .and_then(|s| s.init_containers.as_ref())
        .map(|cs| {
            cs.iter()
                .map(|c| (c.name.clone(), c.image.clone().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default()
}

fn container_id(uid: &str, name: &str) -> String {
    format!("simulated://{uid}-{name}")
}

fn conditions(ready: bool, now: &str, reason: Option<&str>) -> Value {
    let status = if ready { "True" } else { "False" };
    let mut ready_cond = json!({"type": "Ready", "status": status, "lastProbeTime": null, "lastTransitionTime": now});
    let mut containers_cond = json!({"type": "ContainersReady", "status": status, "lastProbeTime": null, "lastTransitionTime": now});
    if let Some(r) = reason {
        ready_cond["reason"] = json!(r);
        containers_cond["reason"] = json!(r);
    }
    json!([
        {"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": now},
        {"type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": now},
        ready_cond,
        containers_cond,
        {"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": now},
    ])
}

fn running_status(pod: &Pod, ip: &str, host_ip: &str) -> Value {
    let now = now();
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let statuses: Vec<Value> = containers(pod)
        .into_iter()
        .map(|(name, image)| {
            json!({
                "name": name, "image": image, "imageID": format!("{image}@simulated"),
                "containerID": container_id(&uid, &name), "ready": true, "started": true, "restartCount": 0,
                "state": {"running": {"startedAt": now}},
            })
        })
        .collect();
    let init: Vec<Value> = init_containers(pod)
        .into_iter()
        .map(|(name, image)| {
            json!({
                "name": name, "image": image, "imageID": format!("{image}@simulated"),
                "containerID": container_id(&uid, &name), "ready": true, "started": false, "restartCount": 0,
                "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": now, "finishedAt": now}},
            })
        })
        .collect();
    let mut status = json!({
        "phase": "Running",
        "conditions": conditions(true, &now, None),
        "hostIP": host_ip,
        "hostIPs": [{"ip": host_ip}],
        "startTime": now,
        "containerStatuses": statuses,
        "qosClass": pod.status.as_ref().and_then(|s| s.qos_class.clone()).unwrap_or_else(|| "BestEffort".into()),
    });
    let host_network = pod
        .spec
        .as_ref()
        .and_then(|s| s.host_network)
        .unwrap_or(false);
    let pod_ip = if host_network { host_ip } else { ip };
    if !pod_ip.is_empty() {
        status["podIP"] = json!(pod_ip);
        status["podIPs"] = json!([{"ip": pod_ip}]);
    }
    if !init.is_empty() {
        status["initContainerStatuses"] = Value::Array(init);
    }
    json!({ "status": status })
}

fn completed_status(pod: &Pod, code: i32) -> Value {
    let now = now();
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let reason = if code == 0 { "Completed" } else { "Error" };
    let started = pod
        .status
        .as_ref()
        .and_then(|s| s.start_time.as_ref())
        .map(|t| t.0.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| now.clone());
    let statuses: Vec<Value> = containers(pod)
        .into_iter()
        .map(|(name, image)| {
            json!({
                "name": name, "image": image, "imageID": format!("{image}@simulated"),
                "containerID": container_id(&uid, &name), "ready": false, "started": false, "restartCount": 0,
                "state": {"terminated": {"exitCode": code, "reason": reason, "startedAt": started, "finishedAt": now, "containerID": container_id(&uid, &name)}},
            })
        })
        .collect();
    json!({
        "status": {
            "phase": if code == 0 { "Succeeded" } else { "Failed" },
            "conditions": conditions(false, &now, Some("PodCompleted")),
            "containerStatuses": statuses,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2s"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("150ms"), Some(Duration::from_millis(150)));
        assert_eq!(parse_duration("1.5m"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("-1s"), None);
    }

    #[test]
    fn running_then_completed_status() {
        let pod: Pod = serde_json::from_value(json!({
            "metadata": {"name": "p", "uid": "u1"},
            "spec": {"containers": [{"name": "c", "image": "img:1"}]},
        }))
        .expect("pod");
        let running = running_status(&pod, "10.42.0.2", "10.42.0.1");
        assert_eq!(running["status"]["phase"], "Running");
        assert_eq!(running["status"]["podIP"], "10.42.0.2");
        assert_eq!(running["status"]["containerStatuses"][0]["ready"], true);
        let done = completed_status(&pod, 3);
        assert_eq!(done["status"]["phase"], "Failed");
        assert_eq!(
            done["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"],
            3
        );
    }
}
