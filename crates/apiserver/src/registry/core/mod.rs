//! Strategies for core/v1 resources.

pub mod affinity;
pub mod configmap;
pub mod container_validation;
pub mod data_keys;
pub mod endpoints;
pub mod event;
pub mod json;
pub mod limitrange;
pub mod namespace;
pub mod node;
pub mod persistentvolume;
pub mod persistentvolumeclaim;
pub mod pod;
pub mod pod_admission;
pub mod pod_qos;
pub mod pod_spec;
pub mod pod_spec_validation;
pub mod pod_update;
pub mod podtemplate;
pub mod priority_classes;
pub mod replicationcontroller;
pub mod resourcequota;
pub mod resources;
pub mod secret;
pub mod service;
pub mod service_alloc;
pub mod serviceaccount;
pub mod taints;
#[cfg(test)]
pub mod test_api;
pub mod volume_validation;
