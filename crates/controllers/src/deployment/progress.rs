//! Deployment status and conditions: the counts summed over the ReplicaSets,
//! `Available` (MinimumReplicasAvailable / MinimumReplicasUnavailable) and
//! `Progressing` (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
//! NewReplicaSetAvailable, ProgressDeadlineExceeded, DeploymentPaused,
//! DeploymentResumed, ReplicaSetCreateError), and when to look again for a
//! rollout that may be stuck. Pure functions of the observed state and `now`.

use std::time::Duration;

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::util::{
    actual_replica_count, available_replica_count, deployment_replicas, max_unavailable,
    progress_deadline, ready_replica_count, replica_count,
};

/// Condition type: the rollout is progressing (or has stopped progressing).
pub const PROGRESSING: &str = "Progressing";
/// Condition type: enough pods are available.
pub const AVAILABLE: &str = "Available";
/// Condition type: a ReplicaSet could not create or delete pods.
pub const REPLICA_FAILURE: &str = "ReplicaFailure";

/// Progressing: a ReplicaSet was scaled as part of the rollout.
pub const REPLICA_SET_UPDATED: &str = "ReplicaSetUpdated";
/// Progressing=False: the new ReplicaSet could not be created.
pub const FAILED_RS_CREATE: &str = "ReplicaSetCreateError";
/// Progressing: a new ReplicaSet was created.
pub const NEW_RS_CREATED: &str = "NewReplicaSetCreated";
/// Progressing: an existing ReplicaSet matches the template.
pub const FOUND_NEW_RS: &str = "FoundNewReplicaSet";
/// Progressing: the new ReplicaSet is fully available.
pub const NEW_RS_AVAILABLE: &str = "NewReplicaSetAvailable";
/// Progressing=False: no progress within progressDeadlineSeconds.
pub const TIMED_OUT: &str = "ProgressDeadlineExceeded";
/// Progressing=Unknown: paused.
pub const PAUSED: &str = "DeploymentPaused";
/// Progressing=Unknown: resumed.
pub const RESUMED: &str = "DeploymentResumed";
/// Available=True.
pub const MINIMUM_AVAILABLE: &str = "MinimumReplicasAvailable";
/// Available=False.
pub const MINIMUM_UNAVAILABLE: &str = "MinimumReplicasUnavailable";

/// `now` at the seconds precision the API stores.
pub fn now_time(now: jiff::Timestamp) -> Time {
    Time(jiff::Timestamp::from_second(now.as_second()).unwrap_or(now))
}

/// A condition stamped with `now`.
pub fn new_condition(
    type_: &str,
    status: &str,
    reason: &str,
    message: String,
    now: jiff::Timestamp,
) -> DeploymentCondition {
    DeploymentCondition {
        type_: type_.into(),
        status: status.into(),
        reason: Some(reason.into()),
        message: Some(message),
        last_update_time: Some(now_time(now)),
        last_transition_time: Some(now_time(now)),
    }
}

/// The condition of a type.
pub fn get_condition<'a>(
    status: &'a DeploymentStatus,
    type_: &str,
) -> Option<&'a DeploymentCondition> {
    status
        .conditions
        .iter()
        .flatten()
        .find(|c| c.type_ == type_)
}

/// Sets a condition; a present one with the same status and reason is left
/// alone, and one with the same status keeps its transition time.
pub fn set_condition(status: &mut DeploymentStatus, mut condition: DeploymentCondition) {
    if let Some(current) = get_condition(status, &condition.type_) {
        if current.status == condition.status && current.reason == condition.reason {
            return;
        }
        if current.status == condition.status {
            condition.last_transition_time = current.last_transition_time.clone();
        }
    }
    remove_condition(status, &condition.type_.clone());
    status
        .conditions
        .get_or_insert_with(Vec::new)
        .push(condition);
}

/// Removes the condition of a type.
pub fn remove_condition(status: &mut DeploymentStatus, type_: &str) {
    if let Some(conditions) = status.conditions.as_mut() {
        conditions.retain(|c| c.type_ != type_);
        if conditions.is_empty() {
            status.conditions = None;
        }
    }
}

fn count(v: Option<i32>) -> i32 {
    v.unwrap_or(0)
}

/// The status with zero counts and empty lists unset, for comparisons that
/// should not care how the server rendered zeros.
pub fn normalized(status: &DeploymentStatus) -> DeploymentStatus {
    let nz = |v: Option<i32>| v.filter(|&n| n != 0);
    DeploymentStatus {
        available_replicas: nz(status.available_replicas),
        collision_count: status.collision_count,
        conditions: status.conditions.clone().filter(|c| !c.is_empty()),
        observed_generation: status.observed_generation.filter(|&g| g != 0),
        ready_replicas: nz(status.ready_replicas),
        replicas: nz(status.replicas),
        terminating_replicas: nz(status.terminating_replicas),
        unavailable_replicas: nz(status.unavailable_replicas),
        updated_replicas: nz(status.updated_replicas),
    }
}

/// Whether every desired pod is updated and available and nothing else runs.
pub fn deployment_complete(d: &Deployment, status: &DeploymentStatus) -> bool {
    let replicas = deployment_replicas(d);
    count(status.updated_replicas) == replicas
        && count(status.replicas) == replicas
        && count(status.available_replicas) == replicas
        && status.observed_generation.unwrap_or(0) >= d.metadata.generation.unwrap_or(0)
}

/// Whether the new status shows progress over the Deployment's current one:
/// more updated, ready or available pods, or fewer old ones.
pub fn deployment_progressing(d: &Deployment, new_status: &DeploymentStatus) -> bool {
    let old = d.status.clone().unwrap_or_default();
    let old_old = count(old.replicas) - count(old.updated_replicas);
    let new_old = count(new_status.replicas) - count(new_status.updated_replicas);
    count(new_status.updated_replicas) > count(old.updated_replicas)
        || new_old < old_old
        || count(new_status.ready_replicas) > count(old.ready_replicas)
        || count(new_status.available_replicas) > count(old.available_replicas)
}

/// Whether the rollout has gone without progress for progressDeadlineSeconds
/// (or already was reported so).
pub fn deployment_timed_out(
    d: &Deployment,
    new_status: &DeploymentStatus,
    now: jiff::Timestamp,
) -> bool {
    let Some(deadline) = progress_deadline(d) else {
        return false;
    };
    let Some(condition) = get_condition(new_status, PROGRESSING) else {
        return false;
    };
    match condition.reason.as_deref() {
        Some(NEW_RS_AVAILABLE) => return false,
        Some(TIMED_OUT) => return true,
        _ => {}
    }
    let Some(from) = condition.last_update_time.as_ref() else {
        return false;
    };
    let expires = from.0.as_second().saturating_add(i64::from(deadline));
    expires < now.as_second()
}

/// The status the ReplicaSets add up to, with the Available condition set.
pub fn calculate_status(
    all_rss: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
    d: &Deployment,
    now: jiff::Timestamp,
) -> DeploymentStatus {
    let available = available_replica_count(all_rss);
    let total = replica_count(all_rss);
    let unavailable = (total - available).max(0);
    let previous = d.status.clone().unwrap_or_default();
    let mut status = DeploymentStatus {
        observed_generation: d.metadata.generation,
        replicas: Some(actual_replica_count(all_rss)),
        updated_replicas: Some(
            new_rs
                .map(|rs| actual_replica_count(std::slice::from_ref(rs)))
                .unwrap_or(0),
        ),
        ready_replicas: Some(ready_replica_count(all_rss)),
        available_replicas: Some(available),
        unavailable_replicas: Some(unavailable),
        collision_count: previous.collision_count,
        conditions: previous.conditions.clone(),
        terminating_replicas: None,
    };
    if available >= deployment_replicas(d) - max_unavailable(d) {
        set_condition(
            &mut status,
            new_condition(
                AVAILABLE,
                "True",
                MINIMUM_AVAILABLE,
                "Deployment has minimum availability.".into(),
                now,
            ),
        );
    } else {
        set_condition(
            &mut status,
            new_condition(
                AVAILABLE,
                "False",
                MINIMUM_UNAVAILABLE,
                "Deployment does not have minimum availability.".into(),
                now,
            ),
        );
    }
    status
}

/// ReplicaFailure conditions of the ReplicaSets, the new one's first.
fn replica_failures(
    all_rss: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
) -> Option<DeploymentCondition> {
    let convert = |rs: &ReplicaSet| {
        rs.status
            .as_ref()
            .and_then(|s| s.conditions.as_ref())
            .and_then(|cs| cs.iter().find(|c| c.type_ == REPLICA_FAILURE))
            .map(|c| DeploymentCondition {
                type_: c.type_.clone(),
                status: c.status.clone(),
                reason: c.reason.clone(),
                message: c.message.clone(),
                last_transition_time: c.last_transition_time.clone(),
                last_update_time: c.last_transition_time.clone(),
            })
    };
    new_rs
        .and_then(convert)
        .or_else(|| all_rss.iter().find_map(convert))
}

/// The status after a rollout step: counts, Available, and Progressing as
/// Kubernetes estimates it (complete, progressing, or timed out), plus any
/// ReplicaFailure of the ReplicaSets.
pub fn rollout_status(
    all_rss: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
    d: &Deployment,
    now: jiff::Timestamp,
) -> DeploymentStatus {
    let mut status = calculate_status(all_rss, new_rs, d, now);
    let has_deadline = progress_deadline(d).is_some();
    if !has_deadline {
        remove_condition(&mut status, PROGRESSING);
    }
    let current_status = d.status.clone().unwrap_or_default();
    let current = get_condition(&current_status, PROGRESSING);
    let already_complete = count(status.replicas) == count(status.updated_replicas)
        && current.is_some_and(|c| c.reason.as_deref() == Some(NEW_RS_AVAILABLE));
    let name = d.metadata.name.clone().unwrap_or_default();
    let rs_name = new_rs.and_then(|rs| rs.metadata.name.clone());
    if has_deadline && !already_complete {
        if deployment_complete(d, &status) {
            let message = match &rs_name {
                Some(rs) => format!("ReplicaSet {rs:?} has successfully progressed."),
                None => format!("Deployment {name:?} has successfully progressed."),
            };
            set_condition(
                &mut status,
                new_condition(PROGRESSING, "True", NEW_RS_AVAILABLE, message, now),
            );
        } else if deployment_progressing(d, &status) {
            let message = match &rs_name {
                Some(rs) => format!("ReplicaSet {rs:?} is progressing."),
                None => format!("Deployment {name:?} is progressing."),
            };
            let mut condition =
                new_condition(PROGRESSING, "True", REPLICA_SET_UPDATED, message, now);
            // Progress refreshes lastUpdateTime even with an unchanged reason.
            if let Some(current) = current {
                if current.status == "True" {
                    condition.last_transition_time = current.last_transition_time.clone();
                }
                remove_condition(&mut status, PROGRESSING);
            }
            set_condition(&mut status, condition);
        } else if deployment_timed_out(d, &status, now) {
            let message = match &rs_name {
                Some(rs) => format!("ReplicaSet {rs:?} has timed out progressing."),
                None => format!("Deployment {name:?} has timed out progressing."),
            };
            set_condition(
                &mut status,
                new_condition(PROGRESSING, "False", TIMED_OUT, message, now),
            );
        }
    }
    match replica_failures(all_rss, new_rs) {
        Some(failure) => set_condition(&mut status, failure),
        None => remove_condition(&mut status, REPLICA_FAILURE),
    }
    status
}

/// When to look at a rollout again to notice it passing its progress
/// deadline; `None` when no check is due (no deadline, complete, or already
/// timed out).
pub fn stuck_requeue_after(
    d: &Deployment,
    new_status: &DeploymentStatus,
    now: jiff::Timestamp,
) -> Option<Duration> {
    let deadline = progress_deadline(d)?;
    let current_status = d.status.clone().unwrap_or_default();
    let current = get_condition(&current_status, PROGRESSING)?;
    if deployment_complete(d, new_status) || current.reason.as_deref() == Some(TIMED_OUT) {
        return None;
    }
    let updated = current.last_update_time.as_ref()?.0.as_second();
    let due = updated.saturating_add(i64::from(deadline));
    let left = due - now.as_second();
    if left < 1 {
        return Some(Duration::from_secs(1));
    }
    Some(Duration::from_secs(u64::try_from(left).unwrap_or(1) + 1))
}

/// Records pausing and resuming in the Progressing condition so that time
/// spent paused does not count against the progress deadline. True if the
/// status changed.
pub fn update_paused_condition(d: &mut Deployment, paused: bool, now: jiff::Timestamp) -> bool {
    if progress_deadline(d).is_none() {
        return false;
    }
    let status = d.status.get_or_insert_with(Default::default);
    let reason = get_condition(status, PROGRESSING).and_then(|c| c.reason.clone());
    if reason.as_deref() == Some(TIMED_OUT) {
        return false;
    }
    let paused_recorded = reason.as_deref() == Some(PAUSED);
    if paused && !paused_recorded {
        set_condition(
            status,
            new_condition(
                PROGRESSING,
                "Unknown",
                PAUSED,
                "Deployment is paused".into(),
                now,
            ),
        );
        return true;
    }
    if !paused && paused_recorded {
        set_condition(
            status,
            new_condition(
                PROGRESSING,
                "Unknown",
                RESUMED,
                "Deployment is resumed".into(),
                now,
            ),
        );
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::{DeploymentSpec, ReplicaSetSpec, ReplicaSetStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn ts(s: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(s).expect("valid time")
    }

    fn deployment(replicas: i32, generation: i64) -> Deployment {
        Deployment {
            metadata: ObjectMeta {
                name: Some("web".into()),
                generation: Some(generation),
                ..Default::default()
            },
            spec: Some(DeploymentSpec {
                replicas: Some(replicas),
                progress_deadline_seconds: Some(600),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn rs(name: &str, spec: i32, actual: i32, available: i32) -> ReplicaSet {
        ReplicaSet {
            metadata: ObjectMeta {
                name: Some(name.into()),
                ..Default::default()
            },
            spec: Some(ReplicaSetSpec {
                replicas: Some(spec),
                ..Default::default()
            }),
            status: Some(ReplicaSetStatus {
                replicas: actual,
                ready_replicas: Some(available),
                available_replicas: Some(available),
                ..Default::default()
            }),
        }
    }

    fn reason(status: &DeploymentStatus, type_: &str) -> Option<String> {
        get_condition(status, type_).and_then(|c| c.reason.clone())
    }

    #[test]
    fn status_sums_the_replica_sets() {
        let d = deployment(4, 3);
        let new = rs("new", 2, 2, 1);
        let old = rs("old", 3, 3, 3);
        let s = calculate_status(&[old, new.clone()], Some(&new), &d, ts(100));
        assert_eq!(s.replicas, Some(5));
        assert_eq!(s.updated_replicas, Some(2));
        assert_eq!(s.available_replicas, Some(4));
        assert_eq!(s.unavailable_replicas, Some(1));
        assert_eq!(s.observed_generation, Some(3));
        // Rolling default without parameters: maxUnavailable 1 -> 3 needed.
        assert_eq!(reason(&s, AVAILABLE).as_deref(), Some(MINIMUM_AVAILABLE));
    }

    #[test]
    fn progressing_transitions() {
        let mut d = deployment(2, 1);
        let new = rs("new", 2, 1, 0);
        // Progress from nothing: ReplicaSetUpdated.
        let s = rollout_status(std::slice::from_ref(&new), Some(&new), &d, ts(100));
        assert_eq!(
            reason(&s, PROGRESSING).as_deref(),
            Some(REPLICA_SET_UPDATED)
        );
        assert_eq!(reason(&s, AVAILABLE).as_deref(), Some(MINIMUM_UNAVAILABLE));
        d.status = Some(s);
        // No progress, within the deadline: unchanged.
        let s = rollout_status(std::slice::from_ref(&new), Some(&new), &d, ts(200));
        assert_eq!(
            reason(&s, PROGRESSING).as_deref(),
            Some(REPLICA_SET_UPDATED)
        );
        assert_eq!(
            stuck_requeue_after(&d, &s, ts(200)),
            Some(Duration::from_secs(501))
        );
        // Past the deadline: ProgressDeadlineExceeded, and it sticks.
        let s = rollout_status(std::slice::from_ref(&new), Some(&new), &d, ts(701));
        assert_eq!(reason(&s, PROGRESSING).as_deref(), Some(TIMED_OUT));
        assert_eq!(
            get_condition(&s, PROGRESSING).map(|c| c.status.as_str()),
            Some("False")
        );
        d.status = Some(s);
        assert_eq!(
            stuck_requeue_after(&d, &d.status.clone().unwrap_or_default(), ts(702)),
            None
        );
        // Completion wins over a timeout.
        let done = rs("new", 2, 2, 2);
        let s = rollout_status(std::slice::from_ref(&done), Some(&done), &d, ts(800));
        assert_eq!(reason(&s, PROGRESSING).as_deref(), Some(NEW_RS_AVAILABLE));
        assert_eq!(reason(&s, AVAILABLE).as_deref(), Some(MINIMUM_AVAILABLE));
        let transition =
            get_condition(&s, PROGRESSING).and_then(|c| c.last_transition_time.clone());
        assert_eq!(transition, Some(now_time(ts(800))));
    }

    #[test]
    fn progress_keeps_transition_time_and_refreshes_update_time() {
        let mut d = deployment(3, 1);
        let step1 = rs("new", 3, 1, 0);
        let s = rollout_status(std::slice::from_ref(&step1), Some(&step1), &d, ts(100));
        d.status = Some(s);
        let step2 = rs("new", 3, 2, 1);
        let s = rollout_status(std::slice::from_ref(&step2), Some(&step2), &d, ts(150));
        let c = get_condition(&s, PROGRESSING)
            .cloned()
            .unwrap_or_else(|| new_condition("", "", "", String::new(), ts(0)));
        assert_eq!(c.last_transition_time, Some(now_time(ts(100))));
        assert_eq!(c.last_update_time, Some(now_time(ts(150))));
    }

    #[test]
    fn replica_failure_is_promoted() {
        let d = deployment(2, 1);
        let mut failing = rs("new", 2, 0, 0);
        if let Some(st) = failing.status.as_mut() {
            st.conditions = Some(vec![k8s_openapi::api::apps::v1::ReplicaSetCondition {
                type_: REPLICA_FAILURE.into(),
                status: "True".into(),
                reason: Some("FailedCreate".into()),
                message: Some("quota".into()),
                last_transition_time: None,
            }]);
        }
        let s = rollout_status(std::slice::from_ref(&failing), Some(&failing), &d, ts(5));
        assert_eq!(reason(&s, REPLICA_FAILURE).as_deref(), Some("FailedCreate"));
        let fine = rs("new", 2, 2, 2);
        let mut d2 = d.clone();
        d2.status = Some(s);
        let s = rollout_status(std::slice::from_ref(&fine), Some(&fine), &d2, ts(6));
        assert_eq!(reason(&s, REPLICA_FAILURE), None);
    }

    #[test]
    fn pausing_and_resuming() {
        let mut d = deployment(1, 1);
        assert!(update_paused_condition(&mut d, true, ts(1)));
        assert!(!update_paused_condition(&mut d, true, ts(2)));
        let st = d.status.clone().unwrap_or_default();
        assert_eq!(reason(&st, PROGRESSING).as_deref(), Some(PAUSED));
        assert!(update_paused_condition(&mut d, false, ts(3)));
        let st = d.status.clone().unwrap_or_default();
        assert_eq!(reason(&st, PROGRESSING).as_deref(), Some(RESUMED));
        assert_eq!(
            get_condition(&st, PROGRESSING).map(|c| c.status.as_str()),
            Some("Unknown")
        );
    }

    #[test]
    fn normalization_ignores_zeros() {
        let a = DeploymentStatus {
            replicas: Some(0),
            conditions: Some(vec![]),
            ..Default::default()
        };
        assert_eq!(normalized(&a), normalized(&DeploymentStatus::default()));
    }
}
