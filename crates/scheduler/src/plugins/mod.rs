//! The in-tree plugins, and the default profile that wires them in
//! Kubernetes' order with Kubernetes' score weights.

pub mod default_binder;
pub mod default_preemption;
pub mod helpers;
pub mod image_locality;
pub mod inter_pod_affinity;
pub mod listers;
pub mod node_affinity;
pub mod node_name;
pub mod node_ports;
pub mod node_resources_fit;
pub mod node_unschedulable;
pub mod pod_topology_spread;
pub mod taint_toleration;
pub mod volume_binding;
pub mod volume_restrictions;

#[cfg(test)]
pub(crate) mod testing;

use std::sync::Arc;

use capstan_runtime::events::Recorder;
use kube::Client;

use crate::framework::{Bind, Framework, WeightedScore};
use crate::scheduler::SchedulerConfig;
use listers::Listers;

/// The default profile: every built-in plugin at its extension points.
pub fn default_framework(
    client: Client,
    listers: Arc<dyn Listers>,
    config: &SchedulerConfig,
) -> Framework {
    let recorder = Recorder::new(client.clone(), &config.scheduler_name, &config.instance);
    default_plugins(
        Some(client),
        Some(recorder),
        listers,
        &config.scheduler_name,
    )
}

/// The default profile's plugins. Without a client there is no binder and
/// preemption and volume binding only decide (as in tests).
pub fn default_plugins(
    client: Option<Client>,
    recorder: Option<Recorder>,
    listers: Arc<dyn Listers>,
    scheduler_name: &str,
) -> Framework {
    let fit = Arc::new(node_resources_fit::NodeResourcesFit);
    let taints = Arc::new(taint_toleration::TaintToleration);
    let affinity = Arc::new(node_affinity::NodeAffinity);
    let images = Arc::new(image_locality::ImageLocality);
    let restrictions = Arc::new(volume_restrictions::VolumeRestrictions::new(
        listers.clone(),
    ));
    let volumes = Arc::new(volume_binding::VolumeBinding::new(
        client.clone(),
        listers.clone(),
    ));
    let spread = Arc::new(pod_topology_spread::PodTopologySpread::new(listers.clone()));
    let pod_affinity = Arc::new(inter_pod_affinity::InterPodAffinity::new(listers.clone()));
    let preemption = Arc::new(default_preemption::DefaultPreemption::new(
        client.clone(),
        recorder,
        listers,
    ));
    let binds: Vec<Arc<dyn Bind>> = match client {
        Some(c) => vec![Arc::new(default_binder::DefaultBinder::new(c))],
        None => vec![],
    };
    Framework {
        scheduler_name: scheduler_name.to_string(),
        pre_filters: vec![
            restrictions.clone(),
            volumes.clone(),
            spread.clone(),
            pod_affinity.clone(),
        ],
        filters: vec![
            Arc::new(node_unschedulable::NodeUnschedulable),
            Arc::new(node_name::NodeName),
            taints.clone(),
            affinity.clone(),
            Arc::new(node_ports::NodePorts),
            fit.clone(),
            restrictions,
            volumes.clone(),
            spread.clone(),
            pod_affinity.clone(),
        ],
        post_filters: vec![preemption],
        pre_scores: vec![spread.clone(), pod_affinity.clone(), images.clone()],
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
                plugin: spread,
                weight: 2,
            },
            WeightedScore {
                plugin: pod_affinity,
                weight: 2,
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
        reserves: vec![volumes.clone()],
        permits: vec![],
        pre_binds: vec![volumes],
        binds,
    }
}
