//! Builders for plugin unit tests: pods, nodes and caches from JSON.

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Node, Pod};
use serde_json::{json, Value};

use crate::cache::{Cache, PodInfo};

/// A pod from a JSON object merged over a minimal pod named `name`.
pub fn pod(name: &str, extra: Value) -> Arc<Pod> {
    let mut base = json!({
        "metadata": {"name": name, "namespace": "default", "uid": format!("uid-{name}")},
        "spec": {"containers": [{"name": "c", "image": "img"}]},
    });
    merge(&mut base, extra);
    Arc::new(serde_json::from_value(base).unwrap_or_default())
}

/// A PodInfo for [`pod`].
pub fn info(name: &str, extra: Value) -> Arc<PodInfo> {
    Arc::new(PodInfo::new(pod(name, extra)))
}

/// A node with labels, 4 CPUs, 8Gi and 110 pods allocatable, plus `extra`.
pub fn node(name: &str, labels: Value, extra: Value) -> Arc<Node> {
    let mut labels = labels;
    if let Some(map) = labels.as_object_mut() {
        map.entry("kubernetes.io/hostname").or_insert(json!(name));
    }
    let mut base = json!({
        "metadata": {"name": name, "labels": labels},
        "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"}},
    });
    merge(&mut base, extra);
    Arc::new(serde_json::from_value(base).unwrap_or_default())
}

/// Places `pod` on `node` in the cache (as if bound).
pub fn place(cache: &mut Cache, node: &str, pod: &Arc<Pod>) {
    let mut p = pod.as_ref().clone();
    p.spec.get_or_insert_with(Default::default).node_name = Some(node.to_string());
    cache.upsert_bound_pod(Arc::new(p));
}

pub(crate) use crate::cycle_bench::merge;
