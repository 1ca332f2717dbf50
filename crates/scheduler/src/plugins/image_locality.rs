//! ImageLocality: prefers nodes that already have the pod's images, weighted by
//! image size and how widely each image is spread.

use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{CycleState, Plugin, PreScore, Score, Status, MAX_NODE_SCORE};

const MIN_THRESHOLD: i64 = 23 * 1024 * 1024;
const MAX_CONTAINER_THRESHOLD: i64 = 1000 * 1024 * 1024;

/// The ImageLocality plugin.
#[derive(Debug, Default)]
pub struct ImageLocality;

impl Plugin for ImageLocality {
    fn name(&self) -> &'static str {
        "ImageLocality"
    }
}

#[derive(Clone)]
struct Spread {
    total_nodes: i64,
    nodes_with: std::collections::HashMap<String, i64>,
}

fn normalized(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') || last.contains(':') {
        image.to_string()
    } else {
        format!("{image}:latest")
    }
}

impl PreScore for ImageLocality {
    fn pre_score(
        &self,
        state: &mut CycleState,
        pod: &PodInfo,
        _: &[&NodeInfo],
        cache: &Cache,
    ) -> Status {
        let images: Vec<String> = pod
            .pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .filter_map(|c| c.image.as_deref().map(normalized))
            .collect();
        let mut nodes_with = std::collections::HashMap::new();
        let total = cache.node_count() as i64;
        for img in images {
            let n = cache.image_node_count(&img) as i64;
            if n > 0 {
                nodes_with.insert(img, n);
            }
        }
        if nodes_with.is_empty() {
            return Status::skip();
        }
        state.write(
            "ImageLocality",
            Spread {
                total_nodes: total,
                nodes_with,
            },
        );
        Status::success()
    }
}

impl Score for ImageLocality {
    fn score(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo) -> i64 {
        let Some(spread) = state.read::<Spread>("ImageLocality") else {
            return 0;
        };
        let containers = pod
            .pod
            .spec
            .as_ref()
            .map(|s| s.containers.len())
            .unwrap_or(1)
            .max(1) as i64;
        let mut sum = 0i64;
        for c in pod.pod.spec.iter().flat_map(|s| s.containers.iter()) {
            let Some(img) = c.image.as_deref().map(normalized) else {
                continue;
            };
            if let Some(size) = node.image_sizes.get(&img) {
                let with = spread.nodes_with.get(&img).copied().unwrap_or(0);
                sum += size * with / spread.total_nodes.max(1);
            }
        }
        let max = MAX_CONTAINER_THRESHOLD * containers;
        let sum = sum.clamp(MIN_THRESHOLD, max);
        MAX_NODE_SCORE * (sum - MIN_THRESHOLD) / (max - MIN_THRESHOLD).max(1)
    }
}
