//! Pure helpers of the Deployment controller: the maxSurge/maxUnavailable
//! arithmetic, the pod-template hash, ReplicaSet orderings, the new/old
//! ReplicaSet split, proportional scaling shares and the rollout predicates.
//! Nothing here talks to the API server.

use std::cmp::Ordering;

use anyhow::{bail, Context};
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::Value;

use super::history::max_replicas_annotation;

/// Label added to a ReplicaSet's selector and template (and so to its pods)
/// to keep the ReplicaSets of one Deployment apart.
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";

/// The characters Kubernetes' `rand.SafeEncodeString` maps bytes onto (no
/// vowels, no easily confused digits), so generated names never spell words.
const SAFE_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `spec.replicas`, defaulted as the API server does.
pub fn deployment_replicas(d: &Deployment) -> i32 {
    d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}

/// `spec.replicas` of a ReplicaSet, defaulted as the API server does.
pub fn rs_replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}

/// Sets `spec.replicas` of a ReplicaSet.
pub fn set_rs_replicas(rs: &mut ReplicaSet, replicas: i32) {
    rs.spec.get_or_insert_with(Default::default).replicas = Some(replicas);
}

/// `status.replicas` of a ReplicaSet.
pub fn rs_status_replicas(rs: &ReplicaSet) -> i32 {
    rs.status.as_ref().map(|s| s.replicas).unwrap_or(0)
}

/// `status.readyReplicas` of a ReplicaSet.
pub fn rs_ready(rs: &ReplicaSet) -> i32 {
    rs.status
        .as_ref()
        .and_then(|s| s.ready_replicas)
        .unwrap_or(0)
}

/// `status.availableReplicas` of a ReplicaSet.
pub fn rs_available(rs: &ReplicaSet) -> i32 {
    rs.status
        .as_ref()
        .and_then(|s| s.available_replicas)
        .unwrap_or(0)
}

/// Whether the Deployment uses the RollingUpdate strategy (the default).
pub fn is_rolling_update(d: &Deployment) -> bool {
    strategy_type(d) == "RollingUpdate"
}

/// The strategy type, `RollingUpdate` when unset.
pub fn strategy_type(d: &Deployment) -> &str {
    d.spec
        .as_ref()
        .and_then(|s| s.strategy.as_ref())
        .and_then(|s| s.type_.as_deref())
        .filter(|t| !t.is_empty())
        .unwrap_or("RollingUpdate")
}

/// Whether `spec.paused` is set.
pub fn is_paused(d: &Deployment) -> bool {
    d.spec.as_ref().and_then(|s| s.paused).unwrap_or(false)
}

/// `spec.minReadySeconds`.
pub fn min_ready_seconds(d: &Deployment) -> i32 {
    d.spec
        .as_ref()
        .and_then(|s| s.min_ready_seconds)
        .unwrap_or(0)
}

/// `spec.progressDeadlineSeconds`, unless unset or "infinite" (MaxInt32).
pub fn progress_deadline(d: &Deployment) -> Option<i32> {
    d.spec
        .as_ref()
        .and_then(|s| s.progress_deadline_seconds)
        .filter(|&s| s != i32::MAX)
}

/// `spec.revisionHistoryLimit`, unless unset or "keep everything" (MaxInt32).
pub fn revision_history_limit(d: &Deployment) -> Option<i32> {
    d.spec
        .as_ref()
        .and_then(|s| s.revision_history_limit)
        .filter(|&s| s != i32::MAX)
}

/// Resolves an int-or-percent against `total`, rounding a percentage up or
/// down (Kubernetes' `GetScaledValueFromIntOrPercent`).
pub fn scaled_value(value: &IntOrString, total: i32, round_up: bool) -> anyhow::Result<i32> {
    match value {
        IntOrString::Int(i) => Ok(*i),
        IntOrString::String(s) => {
            let Some(number) = s.strip_suffix('%') else {
                bail!("invalid value for IntOrString: invalid type: string is not a percentage");
            };
            let percent: i64 = number
                .parse()
                .with_context(|| format!("invalid value for IntOrString: invalid value {s:?}"))?;
            let product = percent * i64::from(total);
            let scaled = if round_up {
                product.div_euclid(100) + i64::from(product.rem_euclid(100) != 0)
            } else {
                product.div_euclid(100)
            };
            i32::try_from(scaled).context("int-or-percent value out of range")
        }
    }
}

/// Resolves maxSurge (rounded up) and maxUnavailable (rounded down) together:
/// when both come out as zero, maxUnavailable becomes 1 so a rollout can
/// always proceed.
pub fn resolve_fenceposts(
    max_surge: Option<&IntOrString>,
    max_unavailable: Option<&IntOrString>,
    desired: i32,
) -> anyhow::Result<(i32, i32)> {
    let zero = IntOrString::Int(0);
    let surge = scaled_value(max_surge.unwrap_or(&zero), desired, true)?;
    let mut unavailable = scaled_value(max_unavailable.unwrap_or(&zero), desired, false)?;
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    Ok((surge, unavailable))
}

fn fenceposts(d: &Deployment) -> (i32, i32) {
    let ru = d
        .spec
        .as_ref()
        .and_then(|s| s.strategy.as_ref())
        .and_then(|s| s.rolling_update.as_ref());
    // Validation rejects malformed values; treat leftovers as zero.
    resolve_fenceposts(
        ru.and_then(|r| r.max_surge.as_ref()),
        ru.and_then(|r| r.max_unavailable.as_ref()),
        deployment_replicas(d),
    )
    .unwrap_or((0, 1))
}

/// How many pods a rolling Deployment may have above `spec.replicas`.
pub fn max_surge(d: &Deployment) -> i32 {
    if !is_rolling_update(d) {
        return 0;
    }
    fenceposts(d).0
}

/// How many pods of a rolling Deployment may be unavailable, capped at `spec.replicas`.
pub fn max_unavailable(d: &Deployment) -> i32 {
    let replicas = deployment_replicas(d);
    if !is_rolling_update(d) || replicas == 0 {
        return 0;
    }
    fenceposts(d).1.min(replicas)
}

/// The fewest available pods a rolling Deployment keeps.
pub fn min_available(d: &Deployment) -> i32 {
    if !is_rolling_update(d) {
        return 0;
    }
    deployment_replicas(d) - max_unavailable(d)
}

/// 32-bit FNV-1a.
pub fn fnv32a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in bytes {
        hash ^= u32::from(*b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Kubernetes' `rand.SafeEncodeString`: every byte mapped onto an alphabet
/// without vowels.
pub fn safe_encode(s: &str) -> String {
    s.bytes()
        .map(|b| char::from(SAFE_ALPHABET[usize::from(b) % SAFE_ALPHABET.len()]))
        .collect()
}

/// The pod-template hash: FNV-32a over the template's canonical JSON
/// serialization, followed by the collision count as eight little-endian
/// bytes when set; the decimal value safe-encoded (as `ComputeHash` renders
/// it, e.g. `7c5ddbdf54`).
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    // Serializing a k8s-openapi struct cannot fail (no non-string map keys);
    // an empty input still yields a stable hash.
    let mut bytes = serde_json::to_vec(template).unwrap_or_default();
    if let Some(count) = collision_count {
        let mut extra = [0u8; 8];
        extra[..4].copy_from_slice(&(count as u32).to_le_bytes());
        bytes.extend_from_slice(&extra);
    }
    safe_encode(&fnv32a(&bytes).to_string())
}

/// Drops nulls, empty objects and empty arrays, so that `nil` and empty
/// compare equal as in Kubernetes' semantic equality.
fn prune_empty(v: &mut Value) -> bool {
    match v {
        Value::Null => false,
        Value::Object(map) => {
            map.retain(|_, child| prune_empty(child));
            !map.is_empty()
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                if !prune_empty(item) {
                    *item = Value::Object(Default::default());
                }
            }
            !items.is_empty()
        }
        _ => true,
    }
}

fn template_without_hash(t: &PodTemplateSpec) -> Value {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    if let Some(labels) = v
        .pointer_mut("/metadata/labels")
        .and_then(Value::as_object_mut)
    {
        labels.remove(POD_TEMPLATE_HASH);
    }
    prune_empty(&mut v);
    v
}

/// Whether two pod templates are semantically equal, ignoring the
/// `pod-template-hash` label.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    template_without_hash(a) == template_without_hash(b)
}

/// The pod template of a ReplicaSet (empty when unset).
pub fn rs_template(rs: &ReplicaSet) -> PodTemplateSpec {
    rs.spec
        .as_ref()
        .and_then(|s| s.template.clone())
        .unwrap_or_default()
}

fn creation_cmp(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    let ta = a.metadata.creation_timestamp.as_ref().map(|t| t.0);
    let tb = b.metadata.creation_timestamp.as_ref().map(|t| t.0);
    ta.cmp(&tb)
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// Oldest first (ties by name).
pub fn sort_by_creation(rss: &mut [ReplicaSet]) {
    rss.sort_by(creation_cmp);
}

/// Newest first (ties by name, reversed).
pub fn sort_by_creation_newest_first(rss: &mut [ReplicaSet]) {
    rss.sort_by(|a, b| creation_cmp(b, a));
}

/// Largest first; among equals the older first (for scaling down).
pub fn sort_by_size_older(rss: &mut [ReplicaSet]) {
    rss.sort_by(|a, b| {
        rs_replicas(b)
            .cmp(&rs_replicas(a))
            .then_with(|| creation_cmp(a, b))
    });
}

/// Largest first; among equals the newer first (for scaling up).
pub fn sort_by_size_newer(rss: &mut [ReplicaSet]) {
    rss.sort_by(|a, b| {
        rs_replicas(b)
            .cmp(&rs_replicas(a))
            .then_with(|| creation_cmp(b, a))
    });
}

/// Lowest revision first (ties oldest first). Unparsable revisions count as 0.
pub fn sort_by_revision(rss: &mut [ReplicaSet]) {
    rss.sort_by(|a, b| {
        let ra = super::history::revision(&a.metadata).unwrap_or(0);
        let rb = super::history::revision(&b.metadata).unwrap_or(0);
        ra.cmp(&rb).then_with(|| creation_cmp(a, b))
    });
}

/// The ReplicaSet whose template equals the Deployment's (the oldest such, if
/// several do).
pub fn find_new_replica_set(d: &Deployment, rs_list: &[ReplicaSet]) -> Option<ReplicaSet> {
    let template = d
        .spec
        .as_ref()
        .map(|s| s.template.clone())
        .unwrap_or_default();
    let mut sorted = rs_list.to_vec();
    sort_by_creation(&mut sorted);
    sorted
        .into_iter()
        .find(|rs| equal_ignore_hash(&rs_template(rs), &template))
}

/// Every ReplicaSet but the new one.
pub fn find_old_replica_sets(d: &Deployment, rs_list: &[ReplicaSet]) -> Vec<ReplicaSet> {
    let new_uid = find_new_replica_set(d, rs_list).and_then(|rs| rs.metadata.uid);
    rs_list
        .iter()
        .filter(|rs| new_uid.is_none() || rs.metadata.uid != new_uid)
        .cloned()
        .collect()
}

/// ReplicaSets with a non-zero `spec.replicas`.
pub fn filter_active(rss: &[ReplicaSet]) -> Vec<ReplicaSet> {
    rss.iter()
        .filter(|rs| rs_replicas(rs) > 0)
        .cloned()
        .collect()
}

/// Sum of `spec.replicas`.
pub fn replica_count(rss: &[ReplicaSet]) -> i32 {
    rss.iter().map(rs_replicas).sum()
}

/// Sum of `status.replicas`.
pub fn actual_replica_count(rss: &[ReplicaSet]) -> i32 {
    rss.iter().map(rs_status_replicas).sum()
}

/// Sum of `status.readyReplicas`.
pub fn ready_replica_count(rss: &[ReplicaSet]) -> i32 {
    rss.iter().map(rs_ready).sum()
}

/// Sum of `status.availableReplicas`.
pub fn available_replica_count(rss: &[ReplicaSet]) -> i32 {
    rss.iter().map(rs_available).sum()
}

/// The pods a ReplicaSet may still run: its desired count, or more while the
/// ReplicaSet controller has not yet started deleting the excess.
pub fn pods_held(rs: &ReplicaSet) -> i32 {
    rs_replicas(rs).max(rs_status_replicas(rs))
}

/// Available pods a ReplicaSet can be relied on to keep: its reported
/// available pods, but never more than it is asked to run (a ReplicaSet just
/// scaled down may not have reported the deletions yet).
pub fn reliable_available(rs: &ReplicaSet) -> i32 {
    rs_available(rs).min(rs_replicas(rs))
}

/// The only active ReplicaSet, or the newest when none is active; `None` when
/// several are active (they are then scaled proportionally).
pub fn find_active_or_latest(
    new_rs: Option<&ReplicaSet>,
    old_rss: &[ReplicaSet],
) -> Option<ReplicaSet> {
    if new_rs.is_none() && old_rss.is_empty() {
        return None;
    }
    let mut olds = old_rss.to_vec();
    sort_by_creation_newest_first(&mut olds);
    let mut all = olds.clone();
    all.extend(new_rs.cloned());
    let active = filter_active(&all);
    match active.len() {
        0 => new_rs.cloned().or_else(|| olds.into_iter().next()),
        1 => active.into_iter().next(),
        _ => None,
    }
}

/// How many replicas a ReplicaSet gains (or loses, when negative) in a
/// proportional scaling of its Deployment by `to_add`, `added` having been
/// handed out already.
pub fn get_proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs_replicas(rs) == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = replica_set_fraction(rs, d);
    let allowed = to_add - added;
    if to_add > 0 {
        fraction.min(allowed)
    } else {
        fraction.max(allowed)
    }
}

/// The ReplicaSet's share of the Deployment's new size, relative to the size
/// recorded in its max-replicas annotation, minus its current size.
fn replica_set_fraction(rs: &ReplicaSet, d: &Deployment) -> i32 {
    let replicas = deployment_replicas(d);
    if replicas == 0 {
        return -rs_replicas(rs);
    }
    let deployment_max = replicas + max_surge(d);
    let annotated = max_replicas_annotation(rs)
        .unwrap_or_else(|| d.status.as_ref().and_then(|s| s.replicas).unwrap_or(0));
    if annotated == 0 {
        return 0;
    }
    let size = f64::from(rs_replicas(rs)) * f64::from(deployment_max) / f64::from(annotated);
    // Go's math.Round rounds half away from zero, as f64::round does.
    let rounded = size.round();
    let rounded = if rounded > f64::from(i32::MAX) {
        i32::MAX
    } else {
        rounded as i32
    };
    rounded - rs_replicas(rs)
}

/// Proportional scaling of the active ReplicaSets to `replicas + maxSurge`
/// (or to nothing when `replicas` is 0): each gets a share in proportion to its
/// size relative to the Deployment size it was last sized for, and what
/// rounding leaves over goes to the largest (the newest among equals when
/// growing, the oldest when shrinking). Returns the new sizes and whether this
/// scales "up", "down" or not at all ("").
pub fn proportional_sizes(
    d: &Deployment,
    mut active: Vec<ReplicaSet>,
) -> (Vec<(ReplicaSet, i32)>, &'static str) {
    let replicas = deployment_replicas(d);
    let allowed = if replicas > 0 {
        replicas + max_surge(d)
    } else {
        0
    };
    let to_add = allowed - replica_count(&active);
    let operation = match to_add.cmp(&0) {
        Ordering::Greater => {
            sort_by_size_newer(&mut active);
            "up"
        }
        Ordering::Less => {
            sort_by_size_older(&mut active);
            "down"
        }
        Ordering::Equal => "",
    };
    let mut added = 0;
    let mut sizes = Vec::with_capacity(active.len());
    for rs in &active {
        if to_add == 0 {
            sizes.push(rs_replicas(rs));
            continue;
        }
        let share = get_proportion(rs, d, to_add, added);
        sizes.push(rs_replicas(rs) + share);
        added += share;
    }
    if to_add != 0 {
        if let Some(first) = sizes.first_mut() {
            *first = (*first + to_add - added).max(0);
        }
    }
    (active.into_iter().zip(sizes).collect(), operation)
}

/// The size the new ReplicaSet should grow to now: for RollingUpdate as far as
/// the surge budget allows (never past `spec.replicas`), for Recreate straight
/// to `spec.replicas`.
///
/// The surge budget counts each ReplicaSet as the pods it may still run
/// ([`pods_held`]), so a scaled-down ReplicaSet whose pods the ReplicaSet
/// controller has not begun deleting does not make room yet.
pub fn new_rs_new_replicas(
    d: &Deployment,
    all_rss: &[ReplicaSet],
    new_rs: &ReplicaSet,
) -> anyhow::Result<i32> {
    let replicas = deployment_replicas(d);
    match strategy_type(d) {
        "RollingUpdate" => {
            let surge = max_surge(d);
            let current: i32 = all_rss.iter().map(pods_held).sum();
            let max_total = replicas + surge;
            if current >= max_total {
                return Ok(rs_replicas(new_rs));
            }
            let scale_up = (max_total - current).min(replicas - rs_replicas(new_rs));
            Ok(rs_replicas(new_rs) + scale_up.max(0))
        }
        "Recreate" => Ok(replicas),
        other => bail!("deployment type {other} isn't supported"),
    }
}

/// Whether the new ReplicaSet runs every desired pod, available, and knows it
/// is meant to (its desired-replicas annotation agrees).
pub fn is_saturated(d: &Deployment, rs: Option<&ReplicaSet>) -> bool {
    let Some(rs) = rs else { return false };
    let Some(desired) = super::history::desired_replicas_annotation(rs) else {
        return false;
    };
    let replicas = deployment_replicas(d);
    rs_replicas(rs) == replicas && desired == replicas && rs_available(rs) == replicas
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::{
        DeploymentSpec, DeploymentStatus, DeploymentStrategy, ReplicaSetSpec, ReplicaSetStatus,
        RollingUpdateDeployment,
    };
    use k8s_openapi::api::core::v1::{Container, PodSpec};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
    use std::collections::BTreeMap;

    fn s(v: &str) -> IntOrString {
        IntOrString::String(v.into())
    }

    fn deployment(replicas: i32, surge: IntOrString, unavailable: IntOrString) -> Deployment {
        Deployment {
            spec: Some(DeploymentSpec {
                replicas: Some(replicas),
                strategy: Some(DeploymentStrategy {
                    type_: Some("RollingUpdate".into()),
                    rolling_update: Some(RollingUpdateDeployment {
                        max_surge: Some(surge),
                        max_unavailable: Some(unavailable),
                    }),
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn rs(name: &str, replicas: i32, created: i64, annotations: &[(&str, &str)]) -> ReplicaSet {
        ReplicaSet {
            metadata: ObjectMeta {
                name: Some(name.into()),
                uid: Some(format!("uid-{name}")),
                creation_timestamp: Some(Time(
                    jiff::Timestamp::from_second(created).expect("valid time"),
                )),
                annotations: Some(
                    annotations
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                ),
                ..Default::default()
            },
            spec: Some(ReplicaSetSpec {
                replicas: Some(replicas),
                ..Default::default()
            }),
            status: Some(ReplicaSetStatus {
                replicas,
                available_replicas: Some(replicas),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn percentages_round_as_kubernetes_does() {
        assert_eq!(scaled_value(&s("25%"), 10, true).unwrap(), 3);
        assert_eq!(scaled_value(&s("25%"), 10, false).unwrap(), 2);
        assert_eq!(scaled_value(&s("25%"), 4, true).unwrap(), 1);
        assert_eq!(scaled_value(&s("100%"), 7, false).unwrap(), 7);
        assert_eq!(scaled_value(&s("0%"), 7, true).unwrap(), 0);
        assert_eq!(scaled_value(&IntOrString::Int(3), 100, true).unwrap(), 3);
        assert!(scaled_value(&s("25"), 10, true).is_err());
        assert!(scaled_value(&s("x%"), 10, true).is_err());
    }

    #[test]
    fn fenceposts_never_both_zero() {
        // 1% of 2 rounds down to 0 unavailable; with 0 surge that would stall.
        assert_eq!(
            resolve_fenceposts(Some(&s("0%")), Some(&s("1%")), 2).unwrap(),
            (0, 1)
        );
        assert_eq!(
            resolve_fenceposts(Some(&s("1%")), Some(&s("25%")), 2).unwrap(),
            (1, 0)
        );
        assert_eq!(
            resolve_fenceposts(Some(&s("25%")), Some(&s("25%")), 10).unwrap(),
            (3, 2)
        );
        assert_eq!(resolve_fenceposts(None, None, 5).unwrap(), (0, 1));
    }

    #[test]
    fn surge_and_unavailability_of_a_deployment() {
        let d = deployment(10, s("25%"), s("25%"));
        assert_eq!(max_surge(&d), 3);
        assert_eq!(max_unavailable(&d), 2);
        assert_eq!(min_available(&d), 8);
        // maxUnavailable is capped at replicas.
        let d = deployment(2, IntOrString::Int(0), IntOrString::Int(5));
        assert_eq!(max_unavailable(&d), 2);
        // Zero replicas: nothing may be unavailable.
        let d = deployment(0, s("25%"), s("25%"));
        assert_eq!(max_unavailable(&d), 0);
        // Recreate has neither.
        let mut d = deployment(3, s("25%"), s("25%"));
        if let Some(st) = d.spec.as_mut().and_then(|s| s.strategy.as_mut()) {
            st.type_ = Some("Recreate".into());
        }
        assert_eq!(max_surge(&d), 0);
        assert_eq!(min_available(&d), 0);
    }

    #[test]
    fn safe_encoding_and_fnv() {
        // FNV-1a test vectors.
        assert_eq!(fnv32a(b""), 0x811c_9dc5);
        assert_eq!(fnv32a(b"a"), 0xe40c_292c);
        assert_eq!(fnv32a(b"foobar"), 0xbf9c_f968);
        // '0' is byte 48 -> 48 % 27 = 21 -> '4'; '9' is 57 % 27 = 3 -> 'f'.
        assert_eq!(safe_encode("09"), "4f");
    }

    fn template(image: &str) -> PodTemplateSpec {
        PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some(BTreeMap::from([("app".to_string(), "web".to_string())])),
                ..Default::default()
            }),
            spec: Some(PodSpec {
                containers: vec![Container {
                    name: "web".into(),
                    image: Some(image.into()),
                    ..Default::default()
                }],
                ..Default::default()
            }),
        }
    }

    #[test]
    fn template_hash_is_stable_and_sensitive() {
        let a = compute_hash(&template("nginx:1"), None);
        assert_eq!(a, compute_hash(&template("nginx:1"), None));
        assert_ne!(a, compute_hash(&template("nginx:2"), None));
        assert_ne!(a, compute_hash(&template("nginx:1"), Some(1)));
        assert_ne!(
            compute_hash(&template("nginx:1"), Some(0)),
            compute_hash(&template("nginx:1"), Some(1))
        );
        assert!(!a.is_empty() && a.len() <= 10);
        assert!(a.bytes().all(|b| SAFE_ALPHABET.contains(&b)));
    }

    #[test]
    fn templates_compare_ignoring_the_hash_label_and_empties() {
        let a = template("nginx:1");
        let mut b = a.clone();
        if let Some(labels) = b.metadata.as_mut().and_then(|m| m.labels.as_mut()) {
            labels.insert(POD_TEMPLATE_HASH.into(), "abc".into());
        }
        if let Some(m) = b.metadata.as_mut() {
            m.annotations = Some(BTreeMap::new());
        }
        assert!(equal_ignore_hash(&a, &b));
        assert!(!equal_ignore_hash(&a, &template("nginx:2")));
    }

    #[test]
    fn new_replicas_respect_the_surge_budget() {
        let d = deployment(10, s("25%"), s("25%")); // surge 3
        let old = rs("old", 10, 1, &[]);
        let new = rs("new", 0, 2, &[]);
        let all = vec![old.clone(), new.clone()];
        assert_eq!(new_rs_new_replicas(&d, &all, &new).unwrap(), 3);
        // An old ReplicaSet scaled down to 8 but still reporting 10 pods holds 10.
        let mut shrinking = old.clone();
        set_rs_replicas(&mut shrinking, 8);
        let new3 = rs("new", 3, 2, &[]);
        let all = vec![shrinking, new3.clone()];
        assert_eq!(new_rs_new_replicas(&d, &all, &new3).unwrap(), 3);
        // Never past spec.replicas.
        let nearly = rs("new", 9, 2, &[]);
        let all = vec![rs("old", 0, 1, &[]), nearly.clone()];
        assert_eq!(new_rs_new_replicas(&d, &all, &nearly).unwrap(), 10);
    }

    #[test]
    fn proportions_follow_the_annotated_size() {
        // Deployment scaled from 10 to 20 (surge 3 -> 5); two RSs recorded max 13.
        let d = deployment(20, s("25%"), s("25%"));
        let a = rs(
            "a",
            8,
            1,
            &[("deployment.kubernetes.io/max-replicas", "13")],
        );
        let b = rs(
            "b",
            5,
            2,
            &[("deployment.kubernetes.io/max-replicas", "13")],
        );
        let to_add = 25 - 13;
        let pa = get_proportion(&a, &d, to_add, 0);
        // 8 * 25 / 13 = 15.38 -> 15 -> +7
        assert_eq!(pa, 7);
        let pb = get_proportion(&b, &d, to_add, pa);
        // 5 * 25 / 13 = 9.6 -> 10 -> +5, capped at the 5 left
        assert_eq!(pb, 5);
        // Scaling down to zero removes everything.
        let zero = deployment(0, s("25%"), s("25%"));
        assert_eq!(get_proportion(&a, &zero, -13, 0), -8);
        // Nothing to add, nothing handed out.
        assert_eq!(get_proportion(&a, &d, 0, 0), 0);
    }

    fn sizes_of(result: &(Vec<(ReplicaSet, i32)>, &'static str)) -> Vec<(String, i32)> {
        result
            .0
            .iter()
            .map(|(rs, n)| (rs.metadata.name.clone().unwrap_or_default(), *n))
            .collect()
    }

    #[test]
    fn proportional_scaling_up_down_and_leftovers() {
        let max10 = [("deployment.kubernetes.io/max-replicas", "10")];
        let a = rs("a", 6, 1, &max10);
        let b = rs("b", 4, 2, &max10);
        // 10 -> 20 replicas, no surge: shares 6 -> 12 and 4 -> 8.
        let d = deployment(20, IntOrString::Int(0), IntOrString::Int(1));
        let up = proportional_sizes(&d, vec![b.clone(), a.clone()]);
        assert_eq!(up.1, "up");
        assert_eq!(sizes_of(&up), [("a".to_string(), 12), ("b".to_string(), 8)]);
        // 10 -> 5: 6 -> 3 and 4 -> 2.
        let d = deployment(5, IntOrString::Int(0), IntOrString::Int(1));
        let down = proportional_sizes(&d, vec![a.clone(), b.clone()]);
        assert_eq!(down.1, "down");
        assert_eq!(
            sizes_of(&down),
            [("a".to_string(), 3), ("b".to_string(), 2)]
        );
        // Three equal ReplicaSets from 3 to 4: the rounding leftover goes to the newest.
        let max3 = [("deployment.kubernetes.io/max-replicas", "3")];
        let d = deployment(4, IntOrString::Int(0), IntOrString::Int(1));
        let rss = vec![
            rs("x", 1, 1, &max3),
            rs("y", 1, 2, &max3),
            rs("z", 1, 3, &max3),
        ];
        let up = proportional_sizes(&d, rss);
        let total: i32 = up.0.iter().map(|(_, n)| n).sum();
        assert_eq!(total, 4);
        assert_eq!(sizes_of(&up)[0], ("z".to_string(), 2));
        // Already at size: nothing moves.
        let d = deployment(10, IntOrString::Int(0), IntOrString::Int(1));
        let same = proportional_sizes(&d, vec![a, b]);
        assert_eq!(same.1, "");
        assert_eq!(
            sizes_of(&same),
            [("a".to_string(), 6), ("b".to_string(), 4)]
        );
    }

    #[test]
    fn proportion_without_annotation_uses_status_replicas() {
        let mut d = deployment(6, IntOrString::Int(0), IntOrString::Int(1));
        d.status = Some(DeploymentStatus {
            replicas: Some(3),
            ..Default::default()
        });
        let a = rs("a", 3, 1, &[]);
        assert_eq!(get_proportion(&a, &d, 3, 0), 3);
    }

    #[test]
    fn orderings() {
        let mut v = vec![rs("b", 1, 5, &[]), rs("a", 1, 5, &[]), rs("c", 3, 1, &[])];
        sort_by_creation(&mut v);
        let names: Vec<_> = v.iter().filter_map(|r| r.metadata.name.clone()).collect();
        assert_eq!(names, ["c", "a", "b"]);
        sort_by_size_newer(&mut v);
        let names: Vec<_> = v.iter().filter_map(|r| r.metadata.name.clone()).collect();
        assert_eq!(names, ["c", "b", "a"]);
        sort_by_size_older(&mut v);
        let names: Vec<_> = v.iter().filter_map(|r| r.metadata.name.clone()).collect();
        assert_eq!(names, ["c", "a", "b"]);
        let mut v = vec![
            rs("x", 1, 1, &[("deployment.kubernetes.io/revision", "3")]),
            rs("y", 1, 2, &[("deployment.kubernetes.io/revision", "1")]),
            rs("z", 1, 3, &[("deployment.kubernetes.io/revision", "2")]),
        ];
        sort_by_revision(&mut v);
        let names: Vec<_> = v.iter().filter_map(|r| r.metadata.name.clone()).collect();
        assert_eq!(names, ["y", "z", "x"]);
    }

    #[test]
    fn active_or_latest() {
        let new = rs("new", 0, 3, &[]);
        let old1 = rs("old1", 0, 1, &[]);
        let old2 = rs("old2", 2, 2, &[]);
        let found = find_active_or_latest(Some(&new), &[old1.clone(), old2.clone()]);
        assert_eq!(found.and_then(|r| r.metadata.name), Some("old2".into()));
        let found = find_active_or_latest(None, &[old1.clone(), rs("old3", 0, 5, &[])]);
        assert_eq!(found.and_then(|r| r.metadata.name), Some("old3".into()));
        let busy = rs("new", 1, 3, &[]);
        assert!(find_active_or_latest(Some(&busy), &[old2]).is_none());
    }

    #[test]
    fn saturation_needs_the_annotation_and_availability() {
        let d = deployment(3, s("25%"), s("25%"));
        let full = rs(
            "n",
            3,
            1,
            &[("deployment.kubernetes.io/desired-replicas", "3")],
        );
        assert!(is_saturated(&d, Some(&full)));
        let stale = rs(
            "n",
            3,
            1,
            &[("deployment.kubernetes.io/desired-replicas", "2")],
        );
        assert!(!is_saturated(&d, Some(&stale)));
        let mut unready = full.clone();
        if let Some(st) = unready.status.as_mut() {
            st.available_replicas = Some(2);
        }
        assert!(!is_saturated(&d, Some(&unready)));
        assert!(!is_saturated(&d, None));
    }
}
