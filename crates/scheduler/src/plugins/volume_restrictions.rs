//! VolumeRestrictions: volumes that cannot be shared. A `ReadWriteOncePod`
//! claim already used by a placed pod blocks every node; the same GCE PD, AWS
//! EBS volume, iSCSI target or RBD image may not be mounted read-write by two
//! pods on one node.

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Pod, Volume};

use super::listers::Listers;
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::{CycleState, Filter, Plugin, PreFilter, Status};

/// Filter failure: a `ReadWriteOncePod` claim is in use.
pub const ERR_READ_WRITE_ONCE_POD_CONFLICT: &str =
    "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";
/// Filter failure: a disk is mounted by a pod on the node.
pub const ERR_DISK_CONFLICT: &str = "node(s) had no available disk";

const PRE_FILTER_KEY: &str = "PreFilterVolumeRestrictions";

/// The VolumeRestrictions plugin.
pub struct VolumeRestrictions {
    listers: Arc<dyn Listers>,
}

impl std::fmt::Debug for VolumeRestrictions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VolumeRestrictions").finish_non_exhaustive()
    }
}

impl VolumeRestrictions {
    /// The plugin over `listers`.
    pub fn new(listers: Arc<dyn Listers>) -> Self {
        Self { listers }
    }
}

impl Plugin for VolumeRestrictions {
    fn name(&self) -> &'static str {
        "VolumeRestrictions"
    }
}

fn needs_conflict_check(v: &Volume) -> bool {
    v.gce_persistent_disk.is_some()
        || v.aws_elastic_block_store.is_some()
        || v.rbd.is_some()
        || v.iscsi.is_some()
}

fn volume_conflicts(v: &Volume, other: &Pod) -> bool {
    for e in other.spec.iter().flat_map(|s| s.volumes.iter().flatten()) {
        if let (Some(a), Some(b)) = (&v.gce_persistent_disk, &e.gce_persistent_disk) {
            if a.pd_name == b.pd_name && !(a.read_only == Some(true) && b.read_only == Some(true)) {
                return true;
            }
        }
        if let (Some(a), Some(b)) = (&v.aws_elastic_block_store, &e.aws_elastic_block_store) {
            if a.volume_id == b.volume_id {
                return true;
            }
        }
        if let (Some(a), Some(b)) = (&v.iscsi, &e.iscsi) {
            if a.iqn == b.iqn && !(a.read_only == Some(true) && b.read_only == Some(true)) {
                return true;
            }
        }
        if let (Some(a), Some(b)) = (&v.rbd, &e.rbd) {
            let overlap = a.monitors.iter().any(|m| b.monitors.contains(m));
            if overlap
                && a.pool == b.pool
                && a.image == b.image
                && !(a.read_only == Some(true) && b.read_only == Some(true))
            {
                return true;
            }
        }
    }
    false
}

/// What PreFilter computed.
#[derive(Clone, Debug)]
struct PreFilterState {
    /// The pod's claims with the ReadWriteOncePod access mode.
    rwop_claims: Vec<String>,
    /// Placed pods' references to those claims.
    conflicts: i64,
}

impl PreFilterState {
    fn conflicts_of(&self, other: &PodInfo) -> i64 {
        other
            .pvc_keys
            .iter()
            .filter(|k| self.rwop_claims.contains(k))
            .count() as i64
    }
}

impl PreFilter for VolumeRestrictions {
    fn pre_filter(&self, state: &mut CycleState, pod: &PodInfo, cache: &Cache) -> Status {
        let volumes = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.volumes.as_deref())
            .unwrap_or(&[]);
        if volumes.is_empty() {
            return Status::skip();
        }
        let needs_check = volumes.iter().any(needs_conflict_check);
        let ns = pod.namespace();
        let mut rwop_claims = Vec::new();
        for v in volumes {
            let Some(claim) = &v.persistent_volume_claim else {
                continue;
            };
            let Some(pvc) = self.listers.pvc(ns, &claim.claim_name) else {
                return Status::unresolvable(format!(
                    "persistentvolumeclaim \"{}\" not found",
                    claim.claim_name
                ));
            };
            let rwop = pvc
                .spec
                .as_ref()
                .and_then(|s| s.access_modes.as_ref())
                .is_some_and(|m| m.iter().any(|m| m == "ReadWriteOncePod"));
            if rwop {
                rwop_claims.push(format!("{ns}/{}", claim.claim_name));
            }
        }
        let conflicts = rwop_claims.iter().filter(|k| cache.pvc_in_use(k)).count() as i64;
        if !needs_check && conflicts == 0 && rwop_claims.is_empty() {
            return Status::skip();
        }
        state.write(
            PRE_FILTER_KEY,
            PreFilterState {
                rwop_claims,
                conflicts,
            },
        );
        Status::success()
    }

    fn add_pod(&self, state: &mut CycleState, _: &PodInfo, added: &PodInfo, _: &NodeInfo) {
        if let Some(s) = state.read_mut::<PreFilterState>(PRE_FILTER_KEY) {
            s.conflicts += s.conflicts_of(added);
        }
    }

    fn remove_pod(&self, state: &mut CycleState, _: &PodInfo, removed: &PodInfo, _: &NodeInfo) {
        if let Some(s) = state.read_mut::<PreFilterState>(PRE_FILTER_KEY) {
            s.conflicts -= s.conflicts_of(removed);
        }
    }
}

impl Filter for VolumeRestrictions {
    fn filter(&self, state: &CycleState, pod: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        let Some(s) = state.read::<PreFilterState>(PRE_FILTER_KEY) else {
            return Status::success();
        };
        let volumes = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.volumes.as_deref())
            .unwrap_or(&[]);
        for v in volumes.iter().filter(|v| needs_conflict_check(v)) {
            if node.pods.values().any(|p| volume_conflicts(v, &p.pod)) {
                return Status::unschedulable(ERR_DISK_CONFLICT);
            }
        }
        if s.conflicts > 0 {
            return Status::unschedulable(ERR_READ_WRITE_ONCE_POD_CONFLICT);
        }
        Status::success()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::framework::Code;
    use crate::plugins::listers::StaticListers;
    use crate::plugins::testing::{info, node, place, pod};

    fn setup() -> (VolumeRestrictions, Arc<StaticListers>, Cache) {
        let listers = Arc::new(StaticListers::default());
        let mut cache = Cache::default();
        cache.upsert_node(node("n1", json!({}), json!({})));
        cache.upsert_node(node("n2", json!({}), json!({})));
        (VolumeRestrictions::new(listers.clone()), listers, cache)
    }

    fn claimant(name: &str, claim: &str) -> serde_json::Value {
        let _ = name;
        json!({"spec": {"volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]}})
    }

    #[test]
    fn read_write_once_pod_claims_are_exclusive() {
        let (pl, listers, mut cache) = setup();
        listers.add_pvc(
            serde_json::from_value(json!({"metadata": {"name": "solo", "namespace": "default"},
                "spec": {"accessModes": ["ReadWriteOncePod"]}}))
            .unwrap_or_default(),
        );
        let p = info("p", claimant("p", "solo"));
        let mut state = CycleState::default();
        assert!(pl.pre_filter(&mut state, &p, &cache).is_success());
        assert!(cache
            .nodes()
            .all(|n| pl.filter(&state, &p, n, &cache).is_success()));
        let user = pod("user", claimant("user", "solo"));
        place(&mut cache, "n1", &user);
        let mut state = CycleState::default();
        assert!(pl.pre_filter(&mut state, &p, &cache).is_success());
        for n in cache.nodes() {
            assert_eq!(
                pl.filter(&state, &p, n, &cache),
                Status::unschedulable(ERR_READ_WRITE_ONCE_POD_CONFLICT)
            );
        }
        // Preemption's what-if removal of the user frees the claim.
        let user_info = PodInfo::new(user);
        if let Some(n1) = cache.node("n1") {
            pl.remove_pod(&mut state, &p, &user_info, n1);
            assert!(pl.filter(&state, &p, n1, &cache).is_success());
        }
    }

    #[test]
    fn missing_claims_are_unresolvable_and_plain_pods_skip() {
        let (pl, _, cache) = setup();
        let mut state = CycleState::default();
        assert_eq!(
            pl.pre_filter(&mut state, &info("p", claimant("p", "nope")), &cache),
            Status::unresolvable("persistentvolumeclaim \"nope\" not found")
        );
        let plain = info(
            "plain",
            json!({"spec": {"volumes": [{"name": "tmp", "emptyDir": {}}]}}),
        );
        assert_eq!(pl.pre_filter(&mut state, &plain, &cache).code, Code::Skip);
    }

    #[test]
    fn the_same_disk_cannot_be_mounted_twice_on_a_node() {
        let (pl, _, mut cache) = setup();
        let disk = |ro: bool| json!({"spec": {"volumes": [{"name": "d", "gcePersistentDisk": {"pdName": "disk-1", "readOnly": ro}}]}});
        place(&mut cache, "n1", &pod("a", disk(false)));
        let p = info("b", disk(false));
        let mut state = CycleState::default();
        assert!(pl.pre_filter(&mut state, &p, &cache).is_success());
        let r: Vec<Status> = cache
            .nodes()
            .map(|n| pl.filter(&state, &p, n, &cache))
            .collect();
        assert_eq!(r[0], Status::unschedulable(ERR_DISK_CONFLICT));
        assert!(r[1].is_success());
    }
}
