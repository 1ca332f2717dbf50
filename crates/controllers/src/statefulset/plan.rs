//! The StatefulSet update algorithm, as a pure function from a snapshot (the
//! set, its revisions, its pods and their claims) to the actions to take and
//! the resulting status — Kubernetes' `updateStatefulSet`:
//!
//! 1. every wanted ordinal gets a pod (at the current revision below the
//!    partition, else the update revision); failed pods are deleted to be
//!    recreated; identity and claim ownership are repaired. With OrderedReady,
//!    processing stops at the first pod that was just created or is not yet
//!    Running, Ready and available;
//! 2. claims of pods beyond the wanted range get their retention-policy owners;
//! 3. pods beyond the range are deleted, highest ordinal first, one at a time
//!    with OrderedReady (and only once every other pod is healthy);
//! 4. with RollingUpdate, the highest ordinal at or above the partition that is
//!    not at the update revision is deleted (to be recreated at the update
//!    revision), one pod at a time, waiting for each replacement to be available.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;

use super::identity::{
    claim_owners_up_to_date, claims_for, has_stale_ref, identity_matches, in_range,
    min_ready_seconds, new_pod, ordinal_of, pod_owner, pod_revision, replicas, set_owner,
    start_ordinal, update_claim_owners, Retention,
};
use crate::history::{
    pod_available, pod_phase, pod_ready, pod_terminating, seconds_until_available,
};

/// Why a pod is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteReason {
    /// It failed or succeeded and will be recreated.
    Finished,
    /// Its ordinal is beyond the wanted range.
    ScaleDown,
    /// It is at an old revision.
    Update,
}

/// One step the controller takes.
#[derive(Clone, Debug)]
pub enum Action {
    /// Create the pod's missing claims, then the pod.
    Create(Box<Pod>),
    /// Create claims a pending pod is missing.
    CreateMissingClaims(Arc<Pod>),
    /// Restore the identity labels of a pod.
    FixIdentity(Arc<Pod>),
    /// Replace a claim's owner references.
    UpdateClaim(Box<PersistentVolumeClaim>),
    /// Delete a pod.
    Delete(Arc<Pod>, DeleteReason),
}

/// The outcome of planning.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Actions, in the order to take them.
    pub actions: Vec<Action>,
    /// The status to record.
    pub status: StatefulSetStatus,
    /// Look again after this many seconds (a pod becoming available, a stale claim).
    pub requeue_after: Option<i64>,
}

/// Everything the algorithm looks at.
pub struct Snapshot<'a> {
    /// The set.
    pub set: &'a StatefulSet,
    /// Its pod template at the current revision.
    pub current_template: &'a PodTemplateSpec,
    /// Its pod template at the update revision.
    pub update_template: &'a PodTemplateSpec,
    /// Name of the current revision.
    pub current_revision: &'a str,
    /// Name of the update revision.
    pub update_revision: &'a str,
    /// Collision count to record.
    pub collision_count: i32,
    /// The pods the set owns.
    pub pods: &'a [Arc<Pod>],
    /// Claims in the set's namespace by name.
    pub claim: &'a dyn Fn(&str) -> Option<Arc<PersistentVolumeClaim>>,
    /// The set's controller reference for new pods.
    pub owner: Option<OwnerReference>,
    /// The time availability is judged at.
    pub now: Timestamp,
}

/// A position in the wanted range: an existing pod or one to create.
#[derive(Clone, Debug)]
enum Slot {
    Existing(Arc<Pod>),
    New(Box<Pod>),
}

impl Slot {
    fn pod(&self) -> &Pod {
        match self {
            Slot::Existing(p) => p,
            Slot::New(p) => p,
        }
    }
}

struct Planner<'s, 'a> {
    snap: &'s Snapshot<'a>,
    min_ready: i32,
    monotonic: bool,
    policy: Retention,
    /// Pods deleted in this round: terminating from here on.
    deleted: HashSet<String>,
    plan: Plan,
}

fn name_of(pod: &Pod) -> &str {
    pod.metadata.name.as_deref().unwrap_or("")
}

impl Planner<'_, '_> {
    fn terminating(&self, slot: &Slot) -> bool {
        match slot {
            Slot::New(_) => false,
            Slot::Existing(p) => pod_terminating(p) || self.deleted.contains(name_of(p)),
        }
    }

    fn running_and_ready(&self, slot: &Slot) -> bool {
        matches!(slot, Slot::Existing(p) if pod_phase(p) == "Running" && pod_ready(p))
    }

    fn available(&self, slot: &Slot) -> bool {
        matches!(slot, Slot::Existing(p) if pod_phase(p) == "Running" && pod_available(p, self.min_ready, self.snap.now))
    }

    fn unavailable(&self, slot: &Slot) -> bool {
        !self.available(slot) || self.terminating(slot)
    }

    fn requeue(&mut self, secs: i64) {
        let secs = secs.max(1);
        self.plan.requeue_after = Some(self.plan.requeue_after.map_or(secs, |s| s.min(secs)));
    }

    fn delete(&mut self, pod: &Arc<Pod>, why: DeleteReason) {
        self.deleted.insert(name_of(pod).to_string());
        self.plan.actions.push(Action::Delete(pod.clone(), why));
    }

    /// Claim owner-reference updates a pod's claims need.
    fn claim_updates(&mut self, pod: &Pod, in_range: bool) {
        let so = set_owner(self.snap.set);
        let po = pod_owner(pod);
        let Some(ordinal) = ordinal_of(pod) else {
            return;
        };
        for (_, wanted) in claims_for(self.snap.set, ordinal) {
            let name = wanted.metadata.name.clone().unwrap_or_default();
            let Some(claim) = (self.snap.claim)(&name) else {
                continue;
            };
            if !claim_owners_up_to_date(&claim, self.policy, &so, &po, in_range) {
                let mut updated = (*claim).clone();
                update_claim_owners(&mut updated, self.policy, &so, &po, in_range);
                self.plan
                    .actions
                    .push(Action::UpdateClaim(Box::new(updated)));
            }
        }
    }

    fn claims_missing(&self, pod: &Pod) -> bool {
        let Some(ordinal) = ordinal_of(pod) else {
            return false;
        };
        claims_for(self.snap.set, ordinal)
            .iter()
            .any(|(_, c)| (self.snap.claim)(c.metadata.name.as_deref().unwrap_or("")).is_none())
    }

    /// Whether a claim of a pod about to be created still belongs to a previous
    /// pod of the same name (it will be garbage collected first).
    fn claim_is_stale(&self, pod: &Pod) -> bool {
        if !self.policy.delete_on_scale_down {
            return false;
        }
        let Some(ordinal) = ordinal_of(pod) else {
            return false;
        };
        let po = pod_owner(pod);
        claims_for(self.snap.set, ordinal).iter().any(|(_, c)| {
            (self.snap.claim)(c.metadata.name.as_deref().unwrap_or(""))
                .is_some_and(|existing| has_stale_ref(&existing, &po))
        })
    }

    /// Kubernetes' `processReplica`; true means stop here (monotonic only).
    fn process_replica(&mut self, slot: &Slot) -> bool {
        let pod = match slot {
            Slot::New(pod) => {
                if self.claim_is_stale(pod) {
                    self.requeue(1);
                    return true;
                }
                self.plan.actions.push(Action::Create(pod.clone()));
                return self.monotonic;
            }
            Slot::Existing(pod) => pod.clone(),
        };
        let phase = pod_phase(&pod);
        if phase == "Failed" || phase == "Succeeded" {
            if !self.terminating(slot) {
                self.delete(&pod, DeleteReason::Finished);
            }
            return true;
        }
        if phase == "Pending" && self.claims_missing(&pod) {
            self.plan
                .actions
                .push(Action::CreateMissingClaims(pod.clone()));
        }
        if self.monotonic {
            if self.terminating(slot) || !self.running_and_ready(slot) {
                return true;
            }
            if !self.available(slot) {
                if let Some(s) = seconds_until_available(&pod, self.min_ready, self.snap.now) {
                    self.requeue(s);
                }
                return true;
            }
        }
        if !identity_matches(self.snap.set, &pod) {
            self.plan.actions.push(Action::FixIdentity(pod.clone()));
        }
        // A running pod's volumes cannot change, so a storage mismatch is not
        // repaired; missing claims of pending pods were handled above.
        self.claim_updates(&pod, true);
        false
    }

    /// Kubernetes' `processCondemned`; true means stop here (monotonic only).
    fn process_condemned(&mut self, pod: &Arc<Pod>, first_unhealthy: Option<&str>) -> bool {
        let slot = Slot::Existing(pod.clone());
        if self.terminating(&slot) {
            return self.monotonic;
        }
        let is_first_unhealthy = first_unhealthy == Some(name_of(pod));
        if self.monotonic && !is_first_unhealthy {
            if !self.running_and_ready(&slot) {
                return true;
            }
            if !self.available(&slot) {
                if let Some(s) = seconds_until_available(pod, self.min_ready, self.snap.now) {
                    self.requeue(s);
                }
                return true;
            }
        }
        self.delete(pod, DeleteReason::ScaleDown);
        true
    }
}

/// Counts for the status from the pods in `slots` (existing ones only).
fn count_status(
    status: &mut StatefulSetStatus,
    pods: &[&Pod],
    min_ready: i32,
    current: &str,
    update: &str,
    now: Timestamp,
) {
    let (mut replicas, mut ready, mut available, mut current_n, mut updated) = (0, 0, 0, 0, 0);
    for pod in pods {
        replicas += 1;
        if pod_phase(pod) == "Running" && pod_ready(pod) {
            ready += 1;
            if pod_available(pod, min_ready, now) {
                available += 1;
            }
        }
        if !pod_terminating(pod) {
            let rev = pod_revision(pod);
            if rev == current {
                current_n += 1;
            }
            if rev == update {
                updated += 1;
            }
        }
    }
    status.replicas = replicas;
    status.ready_replicas = Some(ready);
    status.available_replicas = Some(available);
    status.current_replicas = Some(current_n);
    status.updated_replicas = Some(updated);
}

fn is_rolling_update(set: &StatefulSet) -> bool {
    set.spec
        .as_ref()
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|u| u.type_.as_deref())
        .is_none_or(|t| t == "RollingUpdate")
}

fn partition(set: &StatefulSet) -> Option<i32> {
    set.spec
        .as_ref()
        .and_then(|s| s.update_strategy.as_ref())
        .and_then(|u| u.rolling_update.as_ref())
        .map(|r| r.partition.unwrap_or(0))
}

fn allows_burst(set: &StatefulSet) -> bool {
    set.spec
        .as_ref()
        .and_then(|s| s.pod_management_policy.as_deref())
        == Some("Parallel")
}

/// Kubernetes' `completeRollingUpdate`: once every replica is updated and
/// ready, the update revision becomes the current one.
pub fn complete_rolling_update(set: &StatefulSet, status: &mut StatefulSetStatus) {
    let want = replicas(set);
    if is_rolling_update(set)
        && status.updated_replicas == Some(want)
        && status.ready_replicas == Some(want)
        && status.replicas == want
    {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision.clone();
    }
}

/// Whether `status` differs from the recorded one in anything the controller owns.
pub fn status_changed(set: &StatefulSet, status: &StatefulSetStatus) -> bool {
    let Some(old) = set.status.as_ref() else {
        return true;
    };
    status.observed_generation.unwrap_or(0) > old.observed_generation.unwrap_or(0)
        || status.replicas != old.replicas
        || status.current_replicas.unwrap_or(0) != old.current_replicas.unwrap_or(0)
        || status.ready_replicas.unwrap_or(0) != old.ready_replicas.unwrap_or(0)
        || status.updated_replicas.unwrap_or(0) != old.updated_replicas.unwrap_or(0)
        || status.available_replicas.unwrap_or(0) != old.available_replicas.unwrap_or(0)
        || status.current_revision != old.current_revision
        || status.update_revision != old.update_revision
        || status.collision_count.unwrap_or(0) != old.collision_count.unwrap_or(0)
}

/// Plans one sync of a StatefulSet.
pub fn plan(snap: &Snapshot<'_>) -> Plan {
    let set = snap.set;
    let min_ready = min_ready_seconds(set);
    let mut p = Planner {
        snap,
        min_ready,
        monotonic: !allows_burst(set),
        policy: Retention::of(set),
        deleted: HashSet::new(),
        plan: Plan::default(),
    };
    p.plan.status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        current_revision: Some(snap.current_revision.to_string()),
        update_revision: Some(snap.update_revision.to_string()),
        collision_count: Some(snap.collision_count),
        ..Default::default()
    };

    let start = start_ordinal(set);
    let count = usize::try_from(replicas(set)).unwrap_or(0);
    let mut existing: Vec<Option<Arc<Pod>>> = vec![None; count];
    let mut condemned: Vec<Arc<Pod>> = Vec::new();
    for pod in snap.pods {
        let Some(ordinal) = ordinal_of(pod) else {
            continue;
        };
        if in_range(set, ordinal) {
            if let Some(slot) = usize::try_from(ordinal - start)
                .ok()
                .and_then(|i| existing.get_mut(i))
            {
                *slot = Some(pod.clone());
            }
        } else if ordinal >= 0 {
            condemned.push(pod.clone());
        }
    }
    condemned.sort_by_key(|p| std::cmp::Reverse(ordinal_of(p).unwrap_or(-1)));

    let part = partition(set);
    let slots: Vec<Slot> = existing
        .into_iter()
        .enumerate()
        .map(|(i, pod)| match pod {
            Some(pod) => Slot::Existing(pod),
            None => {
                let ordinal = start + i32::try_from(i).unwrap_or(i32::MAX - start);
                // Below the partition new pods keep the current revision.
                let at_current = is_rolling_update(set)
                    && part.is_some_and(|part| ordinal < start.saturating_add(part));
                let (template, revision) = if at_current {
                    (snap.current_template, snap.current_revision)
                } else {
                    (snap.update_template, snap.update_revision)
                };
                Slot::New(Box::new(new_pod(
                    set,
                    template,
                    ordinal,
                    revision,
                    snap.owner.clone(),
                )))
            }
        })
        .collect();

    let existing_pods = |slots: &[Slot], condemned: &[Arc<Pod>]| -> Vec<Pod> {
        slots
            .iter()
            .filter_map(|s| match s {
                Slot::Existing(p) => Some((**p).clone()),
                Slot::New(_) => None,
            })
            .chain(condemned.iter().map(|p| (**p).clone()))
            .collect()
    };
    let record = |p: &mut Planner<'_, '_>, slots: &[Slot], condemned: &[Arc<Pod>]| {
        let pods = existing_pods(slots, condemned);
        let refs: Vec<&Pod> = pods.iter().collect();
        count_status(
            &mut p.plan.status,
            &refs,
            min_ready,
            snap.current_revision,
            snap.update_revision,
            snap.now,
        );
    };
    record(&mut p, &slots, &condemned);

    let first_unhealthy: Option<String> = slots
        .iter()
        .find(|s| p.unavailable(s))
        .map(|s| name_of(s.pod()).to_string())
        .or_else(|| {
            condemned
                .iter()
                .rev()
                .find(|c| p.unavailable(&Slot::Existing((*c).clone())))
                .map(|c| name_of(c).to_string())
        });

    if set.metadata.deletion_timestamp.is_some() {
        return p.plan;
    }

    // 1. Wanted ordinals.
    for slot in &slots {
        if p.process_replica(slot) && p.monotonic {
            return p.plan;
        }
    }
    // 2. Claims of pods being scaled away.
    for pod in &condemned {
        p.claim_updates(pod, false);
    }
    // 3. Scale down, highest ordinal first.
    for pod in &condemned {
        if p.process_condemned(pod, first_unhealthy.as_deref()) && p.monotonic {
            return p.plan;
        }
    }
    if !is_rolling_update(set) {
        return p.plan;
    }
    // 4. Rolling update from the highest ordinal down to the partition.
    let update_min = usize::try_from(part.unwrap_or(0)).unwrap_or(0);
    for target in (update_min..slots.len()).rev() {
        let slot = &slots[target];
        if pod_revision(slot.pod()) != snap.update_revision && !p.terminating(slot) {
            if let Slot::Existing(pod) = slot {
                p.delete(pod, DeleteReason::Update);
                if let Some(c) = p.plan.status.current_replicas.as_mut() {
                    *c -= 1;
                }
            }
            return p.plan;
        }
        if p.unavailable(slot) {
            if let Slot::Existing(pod) = slot {
                if let Some(s) = seconds_until_available(pod, min_ready, snap.now) {
                    p.requeue(s);
                }
            }
            return p.plan;
        }
    }
    p.plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::POD_REVISION_LABEL;
    use k8s_openapi::api::apps::v1::{
        RollingUpdateStatefulSetStrategy, StatefulSetPersistentVolumeClaimRetentionPolicy,
        StatefulSetSpec, StatefulSetUpdateStrategy,
    };
    use k8s_openapi::api::core::v1::{PodCondition, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, Time};
    use std::collections::HashMap;

    const CUR: &str = "web-cur";
    const UPD: &str = "web-upd";

    fn set(replicas: i32, policy: &str, partition: Option<i32>) -> StatefulSet {
        StatefulSet {
            metadata: ObjectMeta {
                name: Some("web".into()),
                namespace: Some("ns".into()),
                uid: Some("set-uid".into()),
                generation: Some(2),
                ..Default::default()
            },
            spec: Some(StatefulSetSpec {
                replicas: Some(replicas),
                pod_management_policy: Some(policy.into()),
                selector: LabelSelector::default(),
                template: PodTemplateSpec::default(),
                update_strategy: Some(StatefulSetUpdateStrategy {
                    type_: Some("RollingUpdate".into()),
                    rolling_update: Some(RollingUpdateStatefulSetStrategy {
                        partition,
                        max_unavailable: None,
                    }),
                }),
                ..Default::default()
            }),
            status: None,
        }
    }

    fn pod(ordinal: i32, revision: &str, phase: &str, ready: bool) -> Arc<Pod> {
        let name = format!("web-{ordinal}");
        Arc::new(Pod {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some("ns".into()),
                uid: Some(format!("{name}-uid")),
                labels: Some(
                    [
                        (POD_REVISION_LABEL.to_string(), revision.to_string()),
                        (
                            super::super::identity::POD_NAME_LABEL.to_string(),
                            name.clone(),
                        ),
                    ]
                    .into(),
                ),
                ..Default::default()
            },
            spec: Some(PodSpec::default()),
            status: Some(PodStatus {
                phase: Some(phase.into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    last_transition_time: Timestamp::from_second(0).ok().map(Time),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
        })
    }

    fn healthy(ordinal: i32, revision: &str) -> Arc<Pod> {
        pod(ordinal, revision, "Running", true)
    }

    fn run(set: &StatefulSet, pods: &[Arc<Pod>]) -> Plan {
        run_with_claims(set, pods, &HashMap::new())
    }

    fn run_with_claims(
        set: &StatefulSet,
        pods: &[Arc<Pod>],
        claims: &HashMap<String, Arc<PersistentVolumeClaim>>,
    ) -> Plan {
        let t = PodTemplateSpec::default();
        let lookup = |n: &str| claims.get(n).cloned();
        plan(&Snapshot {
            set,
            current_template: &t,
            update_template: &t,
            current_revision: CUR,
            update_revision: UPD,
            collision_count: 0,
            pods,
            claim: &lookup,
            owner: None,
            now: Timestamp::from_second(100).unwrap_or(Timestamp::UNIX_EPOCH),
        })
    }

    fn summary(plan: &Plan) -> Vec<String> {
        plan.actions
            .iter()
            .map(|a| match a {
                Action::Create(p) => format!("create {} {}", name_of(p), pod_revision(p)),
                Action::CreateMissingClaims(p) => format!("claims {}", name_of(p)),
                Action::FixIdentity(p) => format!("identity {}", name_of(p)),
                Action::UpdateClaim(c) => {
                    format!("claim-owners {}", c.metadata.name.as_deref().unwrap_or(""))
                }
                Action::Delete(p, why) => format!("delete {} {why:?}", name_of(p)),
            })
            .collect()
    }

    #[test]
    fn ordered_ready_creates_one_pod_at_a_time() {
        let s = set(3, "OrderedReady", Some(0));
        assert_eq!(summary(&run(&s, &[])), ["create web-0 web-upd"]);
        // web-0 exists but is not ready yet: wait.
        assert!(summary(&run(&s, &[pod(0, UPD, "Pending", false)])).is_empty());
        assert!(summary(&run(&s, &[pod(0, UPD, "Running", false)])).is_empty());
        // Ready: next ordinal.
        assert_eq!(
            summary(&run(&s, &[healthy(0, UPD)])),
            ["create web-1 web-upd"]
        );
    }

    #[test]
    fn parallel_creates_everything_at_once() {
        let s = set(3, "Parallel", Some(0));
        assert_eq!(
            summary(&run(&s, &[])),
            [
                "create web-0 web-upd",
                "create web-1 web-upd",
                "create web-2 web-upd"
            ]
        );
    }

    #[test]
    fn ordered_scale_down_removes_highest_first_one_at_a_time() {
        let s = set(1, "OrderedReady", Some(0));
        let pods = [healthy(0, UPD), healthy(1, UPD), healthy(2, UPD)];
        assert_eq!(summary(&run(&s, &pods)), ["delete web-2 ScaleDown"]);
        // While web-2 terminates nothing else happens.
        let mut terminating = (*pods[2]).clone();
        terminating.metadata.deletion_timestamp = Timestamp::from_second(1).ok().map(Time);
        let pods2 = [pods[0].clone(), pods[1].clone(), Arc::new(terminating)];
        assert!(summary(&run(&s, &pods2)).is_empty());
        // Parallel deletes all condemned pods at once.
        let p = set(1, "Parallel", Some(0));
        assert_eq!(
            summary(&run(&p, &pods)),
            ["delete web-2 ScaleDown", "delete web-1 ScaleDown"]
        );
    }

    #[test]
    fn scale_down_waits_for_unhealthy_pods_unless_it_is_the_first_unhealthy() {
        let s = set(1, "OrderedReady", Some(0));
        // web-1 and web-2 unhealthy: web-1 is the first unhealthy pod, so
        // web-2 (processed first) blocks the scale-down.
        let pods = [
            healthy(0, UPD),
            pod(1, UPD, "Running", false),
            pod(2, UPD, "Running", false),
        ];
        assert!(summary(&run(&s, &pods)).is_empty());
        // The first unhealthy condemned pod may be removed.
        let pods = [
            healthy(0, UPD),
            healthy(1, UPD),
            pod(2, UPD, "Running", false),
        ];
        assert_eq!(summary(&run(&s, &pods)), ["delete web-2 ScaleDown"]);
    }

    #[test]
    fn rolling_update_goes_from_highest_ordinal_down_to_partition() {
        let s = set(3, "OrderedReady", Some(1));
        let pods = [healthy(0, CUR), healthy(1, CUR), healthy(2, CUR)];
        let plan = run(&s, &pods);
        assert_eq!(summary(&plan), ["delete web-2 Update"]);
        assert_eq!(plan.status.current_replicas, Some(2));
        let pods = [healthy(0, CUR), healthy(1, CUR), healthy(2, UPD)];
        assert_eq!(summary(&run(&s, &pods)), ["delete web-1 Update"]);
        // Everything at or above the partition is updated: web-0 stays.
        let pods = [healthy(0, CUR), healthy(1, UPD), healthy(2, UPD)];
        assert!(summary(&run(&s, &pods)).is_empty());
        // A missing pod below the partition is recreated at the current revision.
        let pods = [healthy(1, UPD), healthy(2, UPD)];
        assert_eq!(summary(&run(&s, &pods)), ["create web-0 web-cur"]);
    }

    #[test]
    fn rolling_update_waits_for_replacements() {
        let s = set(3, "Parallel", Some(0));
        let pods = [
            healthy(0, CUR),
            healthy(1, CUR),
            pod(2, UPD, "Running", false),
        ];
        assert!(summary(&run(&s, &pods)).is_empty());
    }

    #[test]
    fn on_delete_never_deletes_for_update() {
        let mut s = set(2, "OrderedReady", None);
        if let Some(spec) = s.spec.as_mut() {
            spec.update_strategy = Some(StatefulSetUpdateStrategy {
                type_: Some("OnDelete".into()),
                rolling_update: None,
            });
        }
        assert!(summary(&run(&s, &[healthy(0, CUR), healthy(1, CUR)])).is_empty());
        // A deleted pod comes back at the update revision.
        assert_eq!(
            summary(&run(&s, &[healthy(0, CUR)])),
            ["create web-1 web-upd"]
        );
    }

    #[test]
    fn failed_pods_are_deleted_for_recreation() {
        let s = set(2, "OrderedReady", Some(0));
        let pods = [pod(0, UPD, "Failed", false), healthy(1, UPD)];
        assert_eq!(summary(&run(&s, &pods)), ["delete web-0 Finished"]);
    }

    #[test]
    fn status_counts_and_completion() {
        let s = set(2, "OrderedReady", Some(0));
        let plan = run(&s, &[healthy(0, UPD), healthy(1, UPD)]);
        let mut status = plan.status.clone();
        assert_eq!(status.replicas, 2);
        assert_eq!(status.ready_replicas, Some(2));
        assert_eq!(status.available_replicas, Some(2));
        assert_eq!(status.updated_replicas, Some(2));
        assert_eq!(status.current_replicas, Some(0));
        assert_eq!(status.observed_generation, Some(2));
        complete_rolling_update(&s, &mut status);
        assert_eq!(status.current_revision.as_deref(), Some(UPD));
        assert_eq!(status.current_replicas, Some(2));
        assert!(status_changed(&s, &status));
    }

    #[test]
    fn min_ready_seconds_gates_ordered_creation() {
        let mut s = set(2, "OrderedReady", Some(0));
        if let Some(spec) = s.spec.as_mut() {
            spec.min_ready_seconds = Some(200);
        }
        // Ready since t=0, now is t=100: not yet available.
        let plan = run(&s, &[healthy(0, UPD)]);
        assert!(summary(&plan).is_empty());
        assert_eq!(plan.requeue_after, Some(100));
    }

    #[test]
    fn scaled_down_claims_get_the_pod_as_owner_before_deletion() {
        let mut s = set(1, "OrderedReady", Some(0));
        if let Some(spec) = s.spec.as_mut() {
            spec.persistent_volume_claim_retention_policy =
                Some(StatefulSetPersistentVolumeClaimRetentionPolicy {
                    when_deleted: Some("Retain".into()),
                    when_scaled: Some("Delete".into()),
                });
            spec.volume_claim_templates = Some(vec![PersistentVolumeClaim {
                metadata: ObjectMeta {
                    name: Some("data".into()),
                    ..Default::default()
                },
                ..Default::default()
            }]);
        }
        let claims: HashMap<String, Arc<PersistentVolumeClaim>> = ["data-web-0", "data-web-1"]
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    Arc::new(PersistentVolumeClaim {
                        metadata: ObjectMeta {
                            name: Some(n.to_string()),
                            ..Default::default()
                        },
                        ..Default::default()
                    }),
                )
            })
            .collect();
        let mut p0 = (*healthy(0, UPD)).clone();
        let mut p1 = (*healthy(1, UPD)).clone();
        for p in [&mut p0, &mut p1] {
            let ord = ordinal_of(p).unwrap_or(0);
            super::super::identity::update_storage(&s, p);
            assert_eq!(ordinal_of(p), Some(ord));
        }
        let plan = run_with_claims(&s, &[Arc::new(p0), Arc::new(p1)], &claims);
        assert_eq!(
            summary(&plan),
            ["claim-owners data-web-1", "delete web-1 ScaleDown"]
        );
    }
}
