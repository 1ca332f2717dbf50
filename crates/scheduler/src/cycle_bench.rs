//! The scheduling cycle alone, without the API server: how many pods per
//! second Filter and Score place on a synthetic cluster. Used by
//! `capstan-bench scheduler` to separate the cycle's cost from the API's.

use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Instant;

use k8s_openapi::api::apps::v1::ReplicaSet;
use k8s_openapi::api::core::v1::{Node, Pod};
use serde_json::{json, Value};

use crate::cache::{Cache, PodInfo};
use crate::framework::CycleState;
use crate::plugins::default_plugins;
use crate::plugins::listers::StaticListers;
use crate::scheduler::find_node;

/// The kinds of pods the cycle benchmark schedules.
#[derive(Clone, Copy, Debug)]
pub enum Workload {
    /// Pods with requests only (scheduler_perf's SchedulingBasic).
    Plain,
    /// Pods owned by a ReplicaSet, so default topology spreading applies.
    ReplicaSetPods,
    /// Pods with required anti-affinity to each other per hostname.
    HostnameAntiAffinity,
}

impl Workload {
    /// A short description for tables.
    pub fn describe(self) -> &'static str {
        match self {
            Workload::Plain => "plain pods (requests only)",
            Workload::ReplicaSetPods => "ReplicaSet pods (default spreading)",
            Workload::HostnameAntiAffinity => "pods with hostname anti-affinity",
        }
    }

    fn pod_extra(self) -> Value {
        match self {
            Workload::Plain => json!({}),
            Workload::ReplicaSetPods => json!({"metadata": {"labels": {"app": "bench"},
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs",
                    "uid": "rs", "controller": true}]}}),
            Workload::HostnameAntiAffinity => json!({"metadata": {"labels": {"app": "bench"}},
                "spec": {"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                    {"labelSelector": {"matchLabels": {"app": "bench"}},
                     "topologyKey": "kubernetes.io/hostname"}]}}}}),
        }
    }
}

/// The result of one cycle benchmark run.
#[derive(Clone, Copy, Debug)]
pub struct CycleResult {
    /// Pods placed.
    pub placed: usize,
    /// Pods placed per second.
    pub pods_per_second: f64,
}

/// Places `pods` pods of `workload` on `nodes` nodes (32 CPU, 256 GiB, 110
/// pods each), one cycle after another, and reports the rate.
pub fn run(
    nodes: usize,
    pods: usize,
    workload: Workload,
) -> Result<CycleResult, serde_json::Error> {
    let listers = Arc::new(StaticListers::default());
    if let Workload::ReplicaSetPods = workload {
        listers.add_replica_set(serde_json::from_value::<ReplicaSet>(json!({
            "metadata": {"name": "rs", "namespace": "default", "uid": "rs"},
            "spec": {"selector": {"matchLabels": {"app": "bench"}}}}))?);
    }
    let framework = default_plugins(None, None, listers, "default-scheduler");
    let mut cache = Cache::default();
    for i in 0..nodes {
        let name = format!("node-{i}");
        cache.upsert_node(Arc::new(serde_json::from_value::<Node>(json!({
            "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
            "status": {"allocatable": {"cpu": "32", "memory": "256Gi", "pods": "110"}}}))?));
    }
    let mut infos = Vec::with_capacity(pods);
    for i in 0..pods {
        let mut pod = json!({
            "metadata": {"name": format!("pod-{i}"), "namespace": "default", "uid": format!("uid-{i}")},
            "spec": {"containers": [{"name": "c", "image": "registry.local/app:1",
                "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]}});
        merge(&mut pod, workload.pod_extra());
        infos.push(Arc::new(PodInfo::new(Arc::new(serde_json::from_value::<
            Pod,
        >(pod)?))));
    }
    let next_start = AtomicUsize::new(0);
    let start = Instant::now();
    let mut placed = 0;
    for info in infos {
        let mut state = CycleState::default();
        if let Ok(node) = find_node(&framework, None, &next_start, &mut state, &info, &cache) {
            cache.assume(info, &node);
            placed += 1;
        }
    }
    let elapsed = start.elapsed().as_secs_f64().max(f64::EPSILON);
    Ok(CycleResult {
        placed,
        pods_per_second: placed as f64 / elapsed,
    })
}

/// Deep-merges `extra` into `base` (objects merge, anything else replaces).
pub(crate) fn merge(base: &mut Value, extra: Value) {
    match (base, extra) {
        (Value::Object(b), Value::Object(e)) => {
            for (k, v) in e {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_places_all_pods_on_a_small_cluster() {
        for workload in [
            Workload::Plain,
            Workload::ReplicaSetPods,
            Workload::HostnameAntiAffinity,
        ] {
            let result = run(20, 20, workload).expect("synthetic objects decode");
            assert_eq!(result.placed, 20, "{workload:?}");
        }
    }

    #[test]
    fn anti_affinity_refuses_a_second_pod_per_node() {
        let result = run(3, 5, Workload::HostnameAntiAffinity).expect("synthetic objects decode");
        assert_eq!(result.placed, 3);
    }
}
