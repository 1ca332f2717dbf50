//! Resource accounting: what a pod requests and what a node has, in the units
//! the scheduler compares (milli-CPU, bytes, counts).

use std::collections::BTreeMap;

use capstan_machinery::quantity::Quantity;
use k8s_openapi::api::core::v1::{Container, Pod};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as KQuantity;

/// CPU assumed for a container that requests none, when scoring (100m).
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// Memory assumed for a container that requests none, when scoring (200 MiB).
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// An amount of every resource the scheduler tracks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    /// CPU in thousandths of a core.
    pub milli_cpu: i64,
    /// Memory in bytes.
    pub memory: i64,
    /// Ephemeral storage in bytes.
    pub ephemeral_storage: i64,
    /// Number of pods.
    pub pods: i64,
    /// Extended and hugepages resources by name, in whole units (bytes for hugepages).
    pub scalars: BTreeMap<String, i64>,
}

fn value_of(name: &str, q: &KQuantity) -> i64 {
    let parsed = Quantity::try_from(q).unwrap_or_default();
    if name == "cpu" {
        parsed.milli_value()
    } else {
        parsed.value()
    }
}

impl Resources {
    /// Parses a resource list (requests, limits, capacity or allocatable).
    pub fn from_list(list: Option<&BTreeMap<String, KQuantity>>) -> Self {
        let mut r = Resources::default();
        for (name, q) in list.into_iter().flatten() {
            r.set(name, value_of(name, q));
        }
        r
    }

    fn set(&mut self, name: &str, v: i64) {
        match name {
            "cpu" => self.milli_cpu = v,
            "memory" => self.memory = v,
            "ephemeral-storage" => self.ephemeral_storage = v,
            "pods" => self.pods = v,
            other => {
                self.scalars.insert(other.to_string(), v);
            }
        }
    }

    /// Adds `other`.
    pub fn add(&mut self, other: &Resources) {
        self.milli_cpu += other.milli_cpu;
        self.memory += other.memory;
        self.ephemeral_storage += other.ephemeral_storage;
        self.pods += other.pods;
        for (k, v) in &other.scalars {
            *self.scalars.entry(k.clone()).or_default() += v;
        }
    }

    /// Subtracts `other`.
    pub fn sub(&mut self, other: &Resources) {
        self.milli_cpu -= other.milli_cpu;
        self.memory -= other.memory;
        self.ephemeral_storage -= other.ephemeral_storage;
        self.pods -= other.pods;
        for (k, v) in &other.scalars {
            *self.scalars.entry(k.clone()).or_default() -= v;
        }
    }

    /// Element-wise maximum with `other`.
    pub fn max_with(&mut self, other: &Resources) {
        self.milli_cpu = self.milli_cpu.max(other.milli_cpu);
        self.memory = self.memory.max(other.memory);
        self.ephemeral_storage = self.ephemeral_storage.max(other.ephemeral_storage);
        for (k, v) in &other.scalars {
            let e = self.scalars.entry(k.clone()).or_default();
            *e = (*e).max(*v);
        }
    }

    /// A scalar resource's amount (0 if absent).
    pub fn scalar(&self, name: &str) -> i64 {
        self.scalars.get(name).copied().unwrap_or(0)
    }
}

fn container_requests(c: &Container) -> Resources {
    let res = c.resources.as_ref();
    // Requests default to limits when only limits are given.
    let mut r = Resources::from_list(res.and_then(|r| r.limits.as_ref()));
    let req = Resources::from_list(res.and_then(|r| r.requests.as_ref()));
    let has = |name: &str| {
        res.and_then(|r| r.requests.as_ref())
            .is_some_and(|m| m.contains_key(name))
    };
    if has("cpu") {
        r.milli_cpu = req.milli_cpu;
    }
    if has("memory") {
        r.memory = req.memory;
    }
    if has("ephemeral-storage") {
        r.ephemeral_storage = req.ephemeral_storage;
    }
    for (k, v) in req.scalars {
        r.scalars.insert(k, v);
    }
    r
}

fn is_sidecar(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// What a pod requests: the sum over containers, at least the largest init
/// container (counting restartable init containers that run alongside), plus
/// overhead; `pods` is 1.
pub fn pod_requests(pod: &Pod) -> Resources {
    let Some(spec) = pod.spec.as_ref() else {
        return Resources {
            pods: 1,
            ..Default::default()
        };
    };
    let mut total = Resources::default();
    for c in &spec.containers {
        total.add(&container_requests(c));
    }
    let mut sidecars = Resources::default();
    let mut init_max = Resources::default();
    for c in spec.init_containers.iter().flatten() {
        let r = container_requests(c);
        if is_sidecar(c) {
            sidecars.add(&r);
            let mut running = sidecars.clone();
            running.max_with(&Resources::default());
            init_max.max_with(&running);
        } else {
            let mut during = sidecars.clone();
            during.add(&r);
            init_max.max_with(&during);
        }
    }
    total.add(&sidecars);
    total.max_with(&init_max);
    if let Some(overhead) = spec.overhead.as_ref() {
        total.add(&Resources::from_list(Some(overhead)));
    }
    total.pods = 1;
    total
}

/// Requests with the scoring defaults applied to containers that request no
/// CPU or memory: (milli-CPU, memory).
pub fn non_zero_requests(pod: &Pod) -> (i64, i64) {
    let Some(spec) = pod.spec.as_ref() else {
        return (0, 0);
    };
    let mut cpu = 0;
    let mut mem = 0;
    for c in &spec.containers {
        let r = container_requests(c);
        let has = |n: &str| {
            c.resources.as_ref().is_some_and(|res| {
                res.requests.as_ref().is_some_and(|m| m.contains_key(n))
                    || res.limits.as_ref().is_some_and(|m| m.contains_key(n))
            })
        };
        cpu += if has("cpu") {
            r.milli_cpu
        } else {
            DEFAULT_MILLI_CPU_REQUEST
        };
        mem += if has("memory") {
            r.memory
        } else {
            DEFAULT_MEMORY_REQUEST
        };
    }
    if let Some(overhead) = spec.overhead.as_ref() {
        let o = Resources::from_list(Some(overhead));
        cpu += o.milli_cpu;
        mem += o.memory;
    }
    (cpu, mem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(spec: serde_json::Value) -> Pod {
        serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": spec})).expect("pod")
    }

    #[test]
    fn sums_containers_and_takes_max_with_init() {
        let p = pod(json!({
            "initContainers": [{"name": "i", "resources": {"requests": {"cpu": "2", "memory": "1Gi"}}}],
            "containers": [
                {"name": "a", "resources": {"requests": {"cpu": "500m", "memory": "128Mi"}}},
                {"name": "b", "resources": {"limits": {"cpu": "250m", "nvidia.com/gpu": "1"}}},
            ],
        }));
        let r = pod_requests(&p);
        assert_eq!(r.milli_cpu, 2000);
        assert_eq!(r.memory, 1024 * 1024 * 1024);
        assert_eq!(r.scalar("nvidia.com/gpu"), 1);
        assert_eq!(r.pods, 1);
    }

    #[test]
    fn non_zero_defaults_apply_per_container() {
        let p = pod(
            json!({"containers": [{"name": "a"}, {"name": "b", "resources": {"requests": {"cpu": "1"}}}]}),
        );
        assert_eq!(non_zero_requests(&p), (1100, 2 * DEFAULT_MEMORY_REQUEST));
    }
}
