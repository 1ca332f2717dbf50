//! Revision bookkeeping on ReplicaSets, which is what `kubectl rollout
//! history` and `kubectl rollout undo` read: every ReplicaSet of a Deployment
//! carries the revision it last served (`deployment.kubernetes.io/revision`),
//! earlier revisions it served (`revision-history`, when a rollback made an old
//! ReplicaSet new again), and the Deployment size it was last sized for
//! (`desired-replicas`, `max-replicas`), which proportional scaling uses.
//!
//! A rollback is a client-side template change (`kubectl rollout undo` copies
//! the chosen ReplicaSet's template into the Deployment); the controller then
//! finds that ReplicaSet as the new one and bumps its revision above every
//! other, recording the revision it had in its history.

use anyhow::Context;
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::util::{deployment_replicas, max_surge};

/// The revision a ReplicaSet serves (copied to its Deployment).
pub const REVISION: &str = "deployment.kubernetes.io/revision";
/// Revisions a ReplicaSet served before its current one, comma separated.
pub const REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";
/// The Deployment's `spec.replicas` when this ReplicaSet was last sized.
pub const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
/// The Deployment's `spec.replicas + maxSurge` when this ReplicaSet was last sized.
pub const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
/// The longest `revision-history` annotation kept (the controller default).
pub const MAX_REVISION_HISTORY_CHARS: usize = 2000;

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
const DEPRECATED_ROLLBACK_TO: &str = "deprecated.deployment.rollback.to";

/// The revision in an object's annotations: 0 when absent, an error when not a number.
pub fn revision(meta: &ObjectMeta) -> anyhow::Result<i64> {
    match meta.annotations.as_ref().and_then(|a| a.get(REVISION)) {
        None => Ok(0),
        Some(v) => v
            .parse()
            .with_context(|| format!("invalid revision annotation {v:?}")),
    }
}

/// The highest revision among ReplicaSets (unparsable ones skipped).
pub fn max_revision(rss: &[ReplicaSet]) -> i64 {
    rss.iter()
        .filter_map(|rs| revision(&rs.metadata).ok())
        .max()
        .unwrap_or(0)
        .max(0)
}

/// Annotations a Deployment does not pass on to its ReplicaSets (and a
/// rollback does not take back).
fn skip_copy(key: &str) -> bool {
    matches!(
        key,
        LAST_APPLIED
            | REVISION
            | REVISION_HISTORY
            | DESIRED_REPLICAS
            | MAX_REPLICAS
            | DEPRECATED_ROLLBACK_TO
    )
}

/// Copies the Deployment's annotations (e.g. `kubernetes.io/change-cause`,
/// shown by `kubectl rollout history`) onto a ReplicaSet; true if any changed.
pub fn copy_deployment_annotations(d: &Deployment, rs: &mut ReplicaSet) -> bool {
    let mut changed = false;
    let target = rs.metadata.annotations.get_or_insert_with(Default::default);
    for (k, v) in d.metadata.annotations.iter().flatten() {
        if skip_copy(k) || target.get(k) == Some(v) {
            continue;
        }
        target.insert(k.clone(), v.clone());
        changed = true;
    }
    changed
}

/// Brings the new ReplicaSet's annotations up to date: the Deployment's
/// annotations, the revision (raised to `new_revision` if lower, keeping the
/// old number in the history), and for a ReplicaSet about to be created the
/// replica annotations. True if anything changed.
pub fn set_new_replica_set_annotations(
    d: &Deployment,
    rs: &mut ReplicaSet,
    new_revision: i64,
    exists: bool,
    history_limit_chars: usize,
) -> bool {
    let mut changed = copy_deployment_annotations(d, rs);
    let annotations = rs.metadata.annotations.get_or_insert_with(Default::default);
    let old = annotations.get(REVISION).cloned();
    let old_number = match old.as_deref() {
        None | Some("") => 0,
        Some(v) => match v.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                tracing::warn!(
                    revision = v,
                    "replica set revision annotation is not a number"
                );
                return false;
            }
        },
    };
    if old_number < new_revision {
        annotations.insert(REVISION.into(), new_revision.to_string());
        changed = true;
        if let Some(old) = old {
            let history = annotations
                .get(REVISION_HISTORY)
                .cloned()
                .unwrap_or_default();
            if history.is_empty() {
                annotations.insert(REVISION_HISTORY.into(), old);
            } else {
                let mut entries: Vec<&str> = history.split(',').collect();
                let mut total = history.len() + old.len() + 1;
                let mut start = 0;
                while total > history_limit_chars && start < entries.len() {
                    total -= entries[start].len() + 1;
                    start += 1;
                }
                if total <= history_limit_chars {
                    entries.drain(..start);
                    entries.push(&old);
                    let joined = entries.join(",");
                    annotations.insert(REVISION_HISTORY.into(), joined);
                } else {
                    tracing::warn!(
                        limit = history_limit_chars,
                        "not appending revision: history annotation length limit reached"
                    );
                }
            }
        }
    }
    if !exists {
        let replicas = deployment_replicas(d);
        if set_replicas_annotations(rs, replicas, replicas + max_surge(d)) {
            changed = true;
        }
    }
    changed
}

/// Records the Deployment size a ReplicaSet is sized for; true if changed.
pub fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let annotations = rs.metadata.annotations.get_or_insert_with(Default::default);
    let mut changed = false;
    for (key, value) in [(DESIRED_REPLICAS, desired), (MAX_REPLICAS, max)] {
        let value = value.to_string();
        if annotations.get(key) != Some(&value) {
            annotations.insert(key.into(), value);
            changed = true;
        }
    }
    changed
}

/// Whether [`set_replicas_annotations`] would change anything.
pub fn replicas_annotations_need_update(rs: &ReplicaSet, desired: i32, max: i32) -> bool {
    let Some(annotations) = rs.metadata.annotations.as_ref() else {
        return true;
    };
    annotations.get(DESIRED_REPLICAS) != Some(&desired.to_string())
        || annotations.get(MAX_REPLICAS) != Some(&max.to_string())
}

fn int_annotation(rs: &ReplicaSet, key: &str) -> Option<i32> {
    rs.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(key))
        .and_then(|v| v.parse().ok())
}

/// The desired-replicas annotation.
pub fn desired_replicas_annotation(rs: &ReplicaSet) -> Option<i32> {
    int_annotation(rs, DESIRED_REPLICAS)
}

/// The max-replicas annotation.
pub fn max_replicas_annotation(rs: &ReplicaSet) -> Option<i32> {
    int_annotation(rs, MAX_REPLICAS)
}

/// Sets the Deployment's revision annotation; true if it changed.
pub fn set_deployment_revision(d: &mut Deployment, revision: &str) -> bool {
    let annotations = d.metadata.annotations.get_or_insert_with(Default::default);
    if annotations.get(REVISION).map(String::as_str) == Some(revision) {
        return false;
    }
    annotations.insert(REVISION.into(), revision.to_string());
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::DeploymentSpec;
    use std::collections::BTreeMap;

    fn deployment(annotations: &[(&str, &str)]) -> Deployment {
        Deployment {
            metadata: ObjectMeta {
                annotations: Some(
                    annotations
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                ),
                ..Default::default()
            },
            spec: Some(DeploymentSpec {
                replicas: Some(4),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn rs_with(annotations: &[(&str, &str)]) -> ReplicaSet {
        ReplicaSet {
            metadata: ObjectMeta {
                annotations: Some(
                    annotations
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect::<BTreeMap<_, _>>(),
                ),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn ann<'a>(rs: &'a ReplicaSet, key: &str) -> Option<&'a str> {
        rs.metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(key))
            .map(String::as_str)
    }

    #[test]
    fn new_replica_set_gets_revision_and_sizes() {
        let d = deployment(&[
            ("kubernetes.io/change-cause", "kubectl set image"),
            (LAST_APPLIED, "{}"),
            (REVISION, "7"),
        ]);
        let mut rs = rs_with(&[]);
        assert!(set_new_replica_set_annotations(&d, &mut rs, 3, false, 2000));
        assert_eq!(ann(&rs, REVISION), Some("3"));
        assert_eq!(
            ann(&rs, "kubernetes.io/change-cause"),
            Some("kubectl set image")
        );
        assert_eq!(ann(&rs, LAST_APPLIED), None);
        assert_eq!(ann(&rs, DESIRED_REPLICAS), Some("4"));
        // RollingUpdate is the default strategy but without rollingUpdate
        // parameters the surge is zero.
        assert_eq!(ann(&rs, MAX_REPLICAS), Some("4"));
        assert_eq!(ann(&rs, REVISION_HISTORY), None);
        // Nothing to do a second time.
        assert!(!set_new_replica_set_annotations(&d, &mut rs, 3, true, 2000));
    }

    #[test]
    fn rollback_to_an_old_replica_set_keeps_its_history() {
        let d = deployment(&[]);
        let mut rs = rs_with(&[(REVISION, "1")]);
        assert!(set_new_replica_set_annotations(&d, &mut rs, 4, true, 2000));
        assert_eq!(ann(&rs, REVISION), Some("4"));
        assert_eq!(ann(&rs, REVISION_HISTORY), Some("1"));
        assert!(set_new_replica_set_annotations(&d, &mut rs, 6, true, 2000));
        assert_eq!(ann(&rs, REVISION_HISTORY), Some("1,4"));
        // A lower revision never replaces a higher one.
        assert!(!set_new_replica_set_annotations(&d, &mut rs, 5, true, 2000));
        assert_eq!(ann(&rs, REVISION), Some("6"));
    }

    #[test]
    fn history_is_trimmed_to_the_limit() {
        let d = deployment(&[]);
        let mut rs = rs_with(&[(REVISION, "30"), (REVISION_HISTORY, "10,20")]);
        // "10,20,30" is 8 characters; with a limit of 6 the oldest goes.
        assert!(set_new_replica_set_annotations(&d, &mut rs, 40, true, 6));
        assert_eq!(ann(&rs, REVISION_HISTORY), Some("20,30"));
    }

    #[test]
    fn revisions() {
        let rss = vec![
            rs_with(&[(REVISION, "2")]),
            rs_with(&[(REVISION, "junk")]),
            rs_with(&[(REVISION, "5")]),
            rs_with(&[]),
        ];
        assert_eq!(max_revision(&rss), 5);
        assert_eq!(max_revision(&[]), 0);
        assert!(revision(&rss[1].metadata).is_err());
        let mut d = deployment(&[]);
        assert!(set_deployment_revision(&mut d, "5"));
        assert!(!set_deployment_revision(&mut d, "5"));
    }

    #[test]
    fn replica_annotations() {
        let mut rs = rs_with(&[]);
        assert!(replicas_annotations_need_update(&rs, 3, 4));
        assert!(set_replicas_annotations(&mut rs, 3, 4));
        assert!(!replicas_annotations_need_update(&rs, 3, 4));
        assert_eq!(desired_replicas_annotation(&rs), Some(3));
        assert_eq!(max_replicas_annotation(&rs), Some(4));
    }
}
