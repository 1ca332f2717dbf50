//! The in-tree plugins, and the default profile that wires them in
//! Kubernetes' order with Kubernetes' score weights.

pub mod default_binder;
pub mod helpers;
pub mod image_locality;
pub mod node_affinity;
pub mod node_name;
pub mod node_ports;
pub mod node_resources_fit;
pub mod node_unschedulable;
pub mod taint_toleration;

use std::sync::Arc;

use kube::Client;

use crate::framework::{Framework, WeightedScore};

/// The default profile: every built-in plugin at its extension points.
pub fn default_framework(client: Client, scheduler_name: &str) -> Framework {
    let fit = Arc::new(node_resources_fit::NodeResourcesFit);
    let taints = Arc::new(taint_toleration::TaintToleration);
    let affinity = Arc::new(node_affinity::NodeAffinity);
    let images = Arc::new(image_locality::ImageLocality);
    Framework {
        scheduler_name: scheduler_name.to_string(),
        pre_filters: vec![],
        filters: vec![
            Arc::new(node_unschedulable::NodeUnschedulable),
            Arc::new(node_name::NodeName),
            taints.clone(),
            affinity.clone(),
            Arc::new(node_ports::NodePorts),
            fit.clone(),
        ],
        post_filters: vec![],
        pre_scores: vec![images.clone()],
        scores: vec![
            WeightedScore {
                plugin: taints,
                weight: 3,
            },
            WeightedScore {
                plugin: affinity,
                weight: 2,
            },
            WeightedScore {
                plugin: fit,
                weight: 1,
            },
            WeightedScore {
                plugin: Arc::new(node_resources_fit::BalancedAllocation),
                weight: 1,
            },
            WeightedScore {
                plugin: images,
                weight: 1,
            },
        ],
        reserves: vec![],
        permits: vec![],
        pre_binds: vec![],
        binds: vec![Arc::new(default_binder::DefaultBinder::new(client))],
    }
}
