//! Pod IPs for simulated nodes: a /24 per node, carved from the cluster CIDR
//! when it has room, else from 100.64.0.0/10 (shared address space that is never
//! routed off the host). No traffic is ever sent to these addresses.

use std::collections::{BTreeSet, HashMap};
use std::net::Ipv4Addr;

use parking_lot::Mutex;

/// Per-node pod address pools.
pub(crate) struct Ipam {
    blocks: HashMap<String, u32>,
    used: Mutex<HashMap<String, BTreeSet<u8>>>,
    by_pod: Mutex<HashMap<String, (String, u8)>>,
}

fn parse_cidr(cidr: &str) -> anyhow::Result<(u32, u32)> {
    let (ip, prefix) = cidr
        .split_once('/')
        .ok_or_else(|| anyhow::anyhow!("invalid CIDR {cidr:?}"))?;
    let ip: Ipv4Addr = ip
        .parse()
        .map_err(|_| anyhow::anyhow!("invalid CIDR {cidr:?}"))?;
    let prefix: u32 = prefix
        .parse()
        .map_err(|_| anyhow::anyhow!("invalid CIDR {cidr:?}"))?;
    anyhow::ensure!(
        prefix <= 24,
        "CIDR {cidr} is too small for per-node /24 ranges"
    );
    Ok((u32::from(ip) & (u32::MAX << (32 - prefix)), prefix))
}

impl Ipam {
    pub(crate) fn new(cluster_cidr: &str, nodes: &[String]) -> anyhow::Result<Self> {
        let (mut base, mut prefix) = parse_cidr(cluster_cidr)?;
        if (nodes.len() as u64) > (1u64 << (24 - prefix)) {
            base = u32::from(Ipv4Addr::new(100, 64, 0, 0));
            prefix = 10;
        }
        anyhow::ensure!(
            (nodes.len() as u64) <= (1u64 << (24 - prefix)),
            "too many simulated nodes for the address space"
        );
        let blocks = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), base + ((i as u32) << 8)))
            .collect();
        Ok(Self {
            blocks,
            used: Mutex::new(HashMap::new()),
            by_pod: Mutex::new(HashMap::new()),
        })
    }

    /// The node's pod CIDR.
    pub(crate) fn node_cidr(&self, node: &str) -> Option<String> {
        self.blocks
            .get(node)
            .map(|b| format!("{}/24", Ipv4Addr::from(*b)))
    }

    /// The node's own (fake) address: `.1` of its range.
    pub(crate) fn node_ip(&self, node: &str) -> Option<Ipv4Addr> {
        self.blocks.get(node).map(|b| Ipv4Addr::from(b + 1))
    }

    /// An address for `pod_uid` on `node` (the same one if already assigned).
    pub(crate) fn assign(&self, node: &str, pod_uid: &str) -> Option<Ipv4Addr> {
        let base = *self.blocks.get(node)?;
        let mut by_pod = self.by_pod.lock();
        if let Some((n, host)) = by_pod.get(pod_uid) {
            if n == node {
                return Some(Ipv4Addr::from(base + u32::from(*host)));
            }
        }
        let mut used = self.used.lock();
        let set = used.entry(node.to_string()).or_default();
        let host = (2u8..=254).find(|h| !set.contains(h))?;
        set.insert(host);
        by_pod.insert(pod_uid.to_string(), (node.to_string(), host));
        Some(Ipv4Addr::from(base + u32::from(host)))
    }

    /// Releases a pod's address.
    pub(crate) fn release(&self, pod_uid: &str) {
        if let Some((node, host)) = self.by_pod.lock().remove(pod_uid) {
            if let Some(set) = self.used.lock().get_mut(&node) {
                set.remove(&host);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigns_unique_addresses_per_node_and_reuses_released_ones() {
        let nodes = vec!["a".to_string(), "b".to_string()];
        let ipam = Ipam::new("10.42.0.0/16", &nodes).expect("ipam");
        assert_eq!(ipam.node_cidr("b").as_deref(), Some("10.42.1.0/24"));
        let p1 = ipam.assign("a", "u1").expect("ip");
        let p2 = ipam.assign("a", "u2").expect("ip");
        assert_ne!(p1, p2);
        assert_eq!(ipam.assign("a", "u1"), Some(p1));
        ipam.release("u1");
        assert_eq!(ipam.assign("a", "u3"), Some(p1));
    }

    #[test]
    fn large_clusters_use_shared_address_space() {
        let nodes: Vec<String> = (0..5000).map(|i| format!("n{i}")).collect();
        let ipam = Ipam::new("10.42.0.0/16", &nodes).expect("ipam");
        assert_eq!(ipam.node_cidr("n0").as_deref(), Some("100.64.0.0/24"));
        assert_eq!(ipam.node_cidr("n4999").as_deref(), Some("100.83.135.0/24"));
    }
}
