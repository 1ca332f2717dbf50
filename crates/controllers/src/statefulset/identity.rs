//! Stable identity of StatefulSet pods: names and ordinals, identity labels,
//! hostname and subdomain, per-ordinal PersistentVolumeClaims, and which owner
//! references those claims carry under the set's retention policy.

use std::collections::BTreeMap;

use k8s_openapi::api::apps::v1::StatefulSet;
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimVolumeSource, Pod, PodSpec, PodTemplateSpec, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

use crate::history::POD_REVISION_LABEL;

/// Label carrying a StatefulSet pod's own name.
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
/// Label carrying a StatefulSet pod's ordinal.
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";

/// Splits a pod name into the parent set's name and the ordinal, as
/// `(.*)-([0-9]+)$` does; the ordinal is None when it does not fit an i32.
pub fn parent_and_ordinal(name: &str) -> Option<(&str, Option<i32>)> {
    let (parent, digits) = name.rsplit_once('-')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((parent, digits.parse::<i32>().ok()))
}

/// A pod's ordinal, if its name has one.
pub fn ordinal_of(pod: &Pod) -> Option<i32> {
    parent_and_ordinal(pod.metadata.name.as_deref().unwrap_or("")).and_then(|(_, o)| o)
}

/// Whether the pod's name makes it a member of the set named `set_name`.
pub fn is_member(set_name: &str, pod: &Pod) -> bool {
    parent_and_ordinal(pod.metadata.name.as_deref().unwrap_or(""))
        .is_some_and(|(parent, _)| parent == set_name)
}

/// The set's name.
pub fn set_name(set: &StatefulSet) -> &str {
    set.metadata.name.as_deref().unwrap_or("")
}

/// The name of the set's pod with `ordinal`.
pub fn pod_name(set: &StatefulSet, ordinal: i32) -> String {
    format!("{}-{ordinal}", set_name(set))
}

/// The name of the claim from template `claim` for the pod with `ordinal`.
pub fn claim_name(set: &StatefulSet, claim: &str, ordinal: i32) -> String {
    format!("{claim}-{}-{ordinal}", set_name(set))
}

/// `spec.replicas` (default 1).
pub fn replicas(set: &StatefulSet) -> i32 {
    set.spec
        .as_ref()
        .and_then(|s| s.replicas)
        .unwrap_or(1)
        .max(0)
}

/// The first ordinal (`spec.ordinals.start`, default 0).
pub fn start_ordinal(set: &StatefulSet) -> i32 {
    set.spec
        .as_ref()
        .and_then(|s| s.ordinals.as_ref())
        .and_then(|o| o.start)
        .unwrap_or(0)
        .max(0)
}

/// The last ordinal (inclusive); below the start when there are no replicas.
pub fn end_ordinal(set: &StatefulSet) -> i32 {
    start_ordinal(set).saturating_add(replicas(set)) - 1
}

/// Whether `ordinal` is one the set currently wants.
pub fn in_range(set: &StatefulSet, ordinal: i32) -> bool {
    ordinal >= start_ordinal(set) && ordinal <= end_ordinal(set)
}

/// `spec.minReadySeconds`.
pub fn min_ready_seconds(set: &StatefulSet) -> i32 {
    set.spec
        .as_ref()
        .and_then(|s| s.min_ready_seconds)
        .unwrap_or(0)
}

fn claim_templates(set: &StatefulSet) -> &[PersistentVolumeClaim] {
    set.spec
        .as_ref()
        .and_then(|s| s.volume_claim_templates.as_deref())
        .unwrap_or(&[])
}

fn service_name(set: &StatefulSet) -> String {
    set.spec
        .as_ref()
        .and_then(|s| s.service_name.clone())
        .unwrap_or_default()
}

/// A pod's labels (empty when unset).
fn labels(pod: &Pod) -> BTreeMap<String, String> {
    pod.metadata.labels.clone().unwrap_or_default()
}

/// Whether the pod has the name, namespace and identity label of a member of `set`.
pub fn identity_matches(set: &StatefulSet, pod: &Pod) -> bool {
    let Some((parent, Some(ordinal))) =
        parent_and_ordinal(pod.metadata.name.as_deref().unwrap_or(""))
    else {
        return false;
    };
    ordinal >= 0
        && parent == set_name(set)
        && pod.metadata.name.as_deref() == Some(pod_name(set, ordinal).as_str())
        && pod.metadata.namespace == set.metadata.namespace
        && labels(pod).get(POD_NAME_LABEL).map(String::as_str) == pod.metadata.name.as_deref()
}

/// Whether the pod mounts the claim of every claim template under the template's name.
pub fn storage_matches(set: &StatefulSet, pod: &Pod) -> bool {
    let Some(ordinal) = ordinal_of(pod) else {
        return false;
    };
    let volumes: &[Volume] = pod
        .spec
        .as_ref()
        .and_then(|s| s.volumes.as_deref())
        .unwrap_or(&[]);
    claim_templates(set).iter().all(|claim| {
        let template = claim.metadata.name.as_deref().unwrap_or("");
        volumes.iter().any(|v| {
            v.name == template
                && v.persistent_volume_claim
                    .as_ref()
                    .map(|p| p.claim_name.as_str())
                    == Some(claim_name(set, template, ordinal).as_str())
        })
    })
}

/// The claims the pod with `ordinal` needs, keyed by template name: the
/// template with the per-pod name, the set's namespace, and the set's selector
/// labels added.
pub fn claims_for(set: &StatefulSet, ordinal: i32) -> Vec<(String, PersistentVolumeClaim)> {
    let selector_labels = set
        .spec
        .as_ref()
        .and_then(|s| s.selector.match_labels.clone())
        .unwrap_or_default();
    claim_templates(set)
        .iter()
        .map(|template| {
            let template_name = template.metadata.name.clone().unwrap_or_default();
            let mut claim = template.clone();
            claim.metadata = ObjectMeta {
                name: Some(claim_name(set, &template_name, ordinal)),
                namespace: set.metadata.namespace.clone(),
                labels: {
                    let mut l = template.metadata.labels.clone().unwrap_or_default();
                    l.extend(selector_labels.clone());
                    Some(l)
                },
                annotations: template.metadata.annotations.clone(),
                finalizers: template.metadata.finalizers.clone(),
                ..Default::default()
            };
            claim.status = None;
            (template_name, claim)
        })
        .collect()
}

/// Sets the pod's name, namespace and identity labels for its ordinal.
pub fn update_identity(set: &StatefulSet, pod: &mut Pod) {
    let Some(ordinal) = ordinal_of(pod) else {
        return;
    };
    let name = pod_name(set, ordinal);
    pod.metadata.name = Some(name.clone());
    pod.metadata.namespace = set.metadata.namespace.clone();
    let labels = pod.metadata.labels.get_or_insert_with(BTreeMap::new);
    labels.insert(POD_NAME_LABEL.into(), name);
    labels.insert(POD_INDEX_LABEL.into(), ordinal.to_string());
}

/// Points the pod's claim volumes at its per-ordinal claims (claim volumes
/// first, in template order, then the pod's other volumes).
pub fn update_storage(set: &StatefulSet, pod: &mut Pod) {
    let Some(ordinal) = ordinal_of(pod) else {
        return;
    };
    let claims = claims_for(set, ordinal);
    if claims.is_empty() {
        return;
    }
    let spec = pod.spec.get_or_insert_with(PodSpec::default);
    let current = spec.volumes.take().unwrap_or_default();
    let mut volumes: Vec<Volume> = claims
        .iter()
        .map(|(template, claim)| Volume {
            name: template.clone(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: claim.metadata.name.clone().unwrap_or_default(),
                read_only: None,
            }),
            ..Default::default()
        })
        .collect();
    volumes.extend(
        current
            .into_iter()
            .filter(|v| !claims.iter().any(|(template, _)| *template == v.name)),
    );
    spec.volumes = Some(volumes);
}

/// A new pod for `ordinal` from `template` (the set's template at `revision`),
/// controlled by `owner`: identity labels, revision label, hostname and
/// subdomain, and claim volumes.
pub fn new_pod(
    set: &StatefulSet,
    template: &PodTemplateSpec,
    ordinal: i32,
    revision: &str,
    owner: Option<OwnerReference>,
) -> Pod {
    let meta = template.metadata.clone().unwrap_or_default();
    let mut pod = Pod {
        metadata: ObjectMeta {
            name: Some(pod_name(set, ordinal)),
            namespace: set.metadata.namespace.clone(),
            labels: Some(meta.labels.unwrap_or_default()),
            annotations: meta.annotations,
            finalizers: meta.finalizers,
            owner_references: owner.map(|o| vec![o]),
            ..Default::default()
        },
        spec: Some(template.spec.clone().unwrap_or_default()),
        status: None,
    };
    update_identity(set, &mut pod);
    if let Some(spec) = pod.spec.as_mut() {
        spec.hostname = pod.metadata.name.clone();
        let service = service_name(set);
        spec.subdomain = (!service.is_empty()).then_some(service);
    }
    update_storage(set, &mut pod);
    if let Some(labels) = pod.metadata.labels.as_mut() {
        labels.insert(POD_REVISION_LABEL.into(), revision.to_string());
    }
    pod
}

/// The revision label of a pod ("" when unset).
pub fn pod_revision(pod: &Pod) -> &str {
    pod.metadata
        .labels
        .as_ref()
        .and_then(|l| l.get(POD_REVISION_LABEL))
        .map(String::as_str)
        .unwrap_or("")
}

// ---------------------------------------------------------------------------
// Claim retention policy.

/// The set's `persistentVolumeClaimRetentionPolicy` as two "delete?" flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    /// `whenDeleted: Delete` — claims go with the set.
    pub delete_with_set: bool,
    /// `whenScaled: Delete` — claims go with pods removed by scale-down.
    pub delete_on_scale_down: bool,
}

impl Retention {
    /// The policy of `set` (Retain when unset or unknown).
    pub fn of(set: &StatefulSet) -> Self {
        let policy = set
            .spec
            .as_ref()
            .and_then(|s| s.persistent_volume_claim_retention_policy.as_ref());
        let delete = |v: Option<&String>| v.map(String::as_str) == Some("Delete");
        Self {
            delete_with_set: delete(policy.and_then(|p| p.when_deleted.as_ref())),
            delete_on_scale_down: delete(policy.and_then(|p| p.when_scaled.as_ref())),
        }
    }

    fn retains_all(self) -> bool {
        !self.delete_with_set && !self.delete_on_scale_down
    }
}

/// Identity of an owner for claim references: API version, kind, name, UID.
#[derive(Clone, Debug)]
pub struct OwnerId {
    /// `apiVersion` of owner references to it.
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// UID ("" when not yet created).
    pub uid: String,
}

impl OwnerId {
    fn matches(&self, r: &OwnerReference) -> bool {
        r.api_version == self.api_version && r.kind == self.kind && r.name == self.name
    }

    fn controller_ref(&self) -> OwnerReference {
        OwnerReference {
            api_version: self.api_version.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            uid: self.uid.clone(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }
    }
}

/// The set as a claim owner.
pub fn set_owner(set: &StatefulSet) -> OwnerId {
    OwnerId {
        api_version: "apps/v1".into(),
        kind: "StatefulSet".into(),
        name: set_name(set).to_string(),
        uid: set.metadata.uid.clone().unwrap_or_default(),
    }
}

/// A pod as a claim owner.
pub fn pod_owner(pod: &Pod) -> OwnerId {
    OwnerId {
        api_version: "v1".into(),
        kind: "Pod".into(),
        name: pod.metadata.name.clone().unwrap_or_default(),
        uid: pod.metadata.uid.clone().unwrap_or_default(),
    }
}

fn refs(claim: &PersistentVolumeClaim) -> &[OwnerReference] {
    claim.metadata.owner_references.as_deref().unwrap_or(&[])
}

fn has_ref(claim: &PersistentVolumeClaim, owner: &OwnerId) -> bool {
    !owner.uid.is_empty() && refs(claim).iter().any(|r| r.uid == owner.uid)
}

/// Whether the claim references `owner` by name and kind but with another UID
/// (a previous incarnation).
pub fn has_stale_ref(claim: &PersistentVolumeClaim, owner: &OwnerId) -> bool {
    refs(claim)
        .iter()
        .find(|r| owner.matches(r))
        .is_some_and(|r| r.uid != owner.uid)
}

/// Whether a controller other than the set or pod manages the claim (only
/// relevant when the policy deletes claims).
pub fn has_unexpected_controller(
    claim: &PersistentVolumeClaim,
    policy: Retention,
    set: &OwnerId,
    pod: &OwnerId,
) -> bool {
    if policy.retains_all() {
        return false;
    }
    refs(claim).iter().any(|r| {
        if set.matches(r) {
            return r.uid != set.uid;
        }
        if pod.matches(r) {
            return r.uid != pod.uid;
        }
        r.controller == Some(true)
    })
}

fn has_non_controller_owner(claim: &PersistentVolumeClaim, set: &OwnerId, pod: &OwnerId) -> bool {
    refs(claim).iter().any(|r| {
        (r.uid == set.uid || (!pod.uid.is_empty() && r.uid == pod.uid))
            && r.controller != Some(true)
    })
}

/// Whether the claim's owner references already match the policy for a pod
/// that is (`in_range`) or is not wanted by the set:
/// Retain/Retain — none; whenDeleted Delete — the set; whenScaled Delete — the
/// pod once scaled away; both — the set while wanted, the pod once scaled away.
pub fn claim_owners_up_to_date(
    claim: &PersistentVolumeClaim,
    policy: Retention,
    set: &OwnerId,
    pod: &OwnerId,
    in_range: bool,
) -> bool {
    if has_stale_ref(claim, set) || has_stale_ref(claim, pod) {
        return true;
    }
    if has_unexpected_controller(claim, policy, set, pod) {
        return !(has_ref(claim, set) || has_ref(claim, pod));
    }
    if has_non_controller_owner(claim, set, pod) {
        return false;
    }
    let scaled_down = !in_range;
    match (policy.delete_on_scale_down, policy.delete_with_set) {
        (false, false) => !has_ref(claim, set) && !has_ref(claim, pod),
        (false, true) => has_ref(claim, set) && !has_ref(claim, pod),
        (true, false) => !has_ref(claim, set) && scaled_down == has_ref(claim, pod),
        (true, true) => scaled_down != has_ref(claim, set) && scaled_down == has_ref(claim, pod),
    }
}

/// Rewrites the claim's references to the set and pod to match the policy
/// (leaving other owners alone, and adding none when another controller manages it).
pub fn update_claim_owners(
    claim: &mut PersistentVolumeClaim,
    policy: Retention,
    set: &OwnerId,
    pod: &OwnerId,
    in_range: bool,
) {
    let unexpected = has_unexpected_controller(claim, policy, set, pod);
    let mut kept: Vec<OwnerReference> = refs(claim)
        .iter()
        .filter(|r| !set.matches(r) && !pod.matches(r))
        .cloned()
        .collect();
    if !unexpected {
        let scaled_down = !in_range;
        if policy.delete_with_set && (!policy.delete_on_scale_down || !scaled_down) {
            kept.push(set.controller_ref());
        }
        if policy.delete_on_scale_down && scaled_down && !pod.uid.is_empty() {
            kept.push(pod.controller_ref());
        }
    }
    claim.metadata.owner_references = (!kept.is_empty()).then_some(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::{
        StatefulSetOrdinals, StatefulSetPersistentVolumeClaimRetentionPolicy, StatefulSetSpec,
    };
    use k8s_openapi::api::core::v1::Container;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

    fn set(replicas: i32, start: Option<i32>) -> StatefulSet {
        StatefulSet {
            metadata: ObjectMeta {
                name: Some("web".into()),
                namespace: Some("ns".into()),
                uid: Some("set-uid".into()),
                ..Default::default()
            },
            spec: Some(StatefulSetSpec {
                replicas: Some(replicas),
                ordinals: start.map(|s| StatefulSetOrdinals { start: Some(s) }),
                service_name: Some("web-svc".into()),
                selector: LabelSelector {
                    match_labels: Some([("app".to_string(), "web".to_string())].into()),
                    ..Default::default()
                },
                template: template(),
                volume_claim_templates: Some(vec![PersistentVolumeClaim {
                    metadata: ObjectMeta {
                        name: Some("data".into()),
                        ..Default::default()
                    },
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            status: None,
        }
    }

    fn template() -> PodTemplateSpec {
        PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some([("app".to_string(), "web".to_string())].into()),
                ..Default::default()
            }),
            spec: Some(PodSpec {
                containers: vec![Container {
                    name: "c".into(),
                    image: Some("nginx".into()),
                    ..Default::default()
                }],
                volumes: Some(vec![
                    Volume {
                        name: "data".into(),
                        empty_dir: Some(Default::default()),
                        ..Default::default()
                    },
                    Volume {
                        name: "scratch".into(),
                        empty_dir: Some(Default::default()),
                        ..Default::default()
                    },
                ]),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn ordinals_are_parsed_like_kubernetes() {
        assert_eq!(parent_and_ordinal("web-0"), Some(("web", Some(0))));
        assert_eq!(parent_and_ordinal("my-web-12"), Some(("my-web", Some(12))));
        assert_eq!(parent_and_ordinal("web-99999999999"), Some(("web", None)));
        assert_eq!(parent_and_ordinal("web"), None);
        assert_eq!(parent_and_ordinal("web-"), None);
        assert_eq!(parent_and_ordinal("web-1a"), None);
    }

    #[test]
    fn ordinal_range_honours_start() {
        let s = set(3, Some(5));
        assert_eq!((start_ordinal(&s), end_ordinal(&s)), (5, 7));
        assert!(in_range(&s, 5) && in_range(&s, 7));
        assert!(!in_range(&s, 4) && !in_range(&s, 8));
        let empty = set(0, None);
        assert!(!in_range(&empty, 0));
    }

    #[test]
    fn new_pods_carry_stable_identity_and_storage() {
        let s = set(3, None);
        let pod = new_pod(&s, &template(), 2, "web-abc", None);
        assert_eq!(pod.metadata.name.as_deref(), Some("web-2"));
        let l = pod.metadata.labels.clone().unwrap_or_default();
        assert_eq!(l.get(POD_NAME_LABEL).map(String::as_str), Some("web-2"));
        assert_eq!(l.get(POD_INDEX_LABEL).map(String::as_str), Some("2"));
        assert_eq!(
            l.get(POD_REVISION_LABEL).map(String::as_str),
            Some("web-abc")
        );
        assert_eq!(l.get("app").map(String::as_str), Some("web"));
        let spec = pod.spec.clone().unwrap_or_default();
        assert_eq!(spec.hostname.as_deref(), Some("web-2"));
        assert_eq!(spec.subdomain.as_deref(), Some("web-svc"));
        let vols = spec.volumes.unwrap_or_default();
        assert_eq!(vols.len(), 2);
        assert_eq!(vols[0].name, "data");
        assert_eq!(
            vols[0]
                .persistent_volume_claim
                .as_ref()
                .map(|p| p.claim_name.as_str()),
            Some("data-web-2")
        );
        assert_eq!(vols[1].name, "scratch");
        assert!(identity_matches(&s, &pod));
        assert!(storage_matches(&s, &pod));
        let mut renamed = pod.clone();
        renamed.metadata.labels = None;
        assert!(!identity_matches(&s, &renamed));
        update_identity(&s, &mut renamed);
        assert!(identity_matches(&s, &renamed));
    }

    #[test]
    fn claims_get_per_ordinal_names_and_selector_labels() {
        let s = set(1, None);
        let claims = claims_for(&s, 0);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].0, "data");
        assert_eq!(claims[0].1.metadata.name.as_deref(), Some("data-web-0"));
        assert_eq!(claims[0].1.metadata.namespace.as_deref(), Some("ns"));
        assert_eq!(
            claims[0]
                .1
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("app"))
                .map(String::as_str),
            Some("web")
        );
    }

    fn with_policy(when_deleted: &str, when_scaled: &str) -> StatefulSet {
        let mut s = set(2, None);
        if let Some(spec) = s.spec.as_mut() {
            spec.persistent_volume_claim_retention_policy =
                Some(StatefulSetPersistentVolumeClaimRetentionPolicy {
                    when_deleted: Some(when_deleted.into()),
                    when_scaled: Some(when_scaled.into()),
                });
        }
        s
    }

    fn pod_with_uid(name: &str) -> Pod {
        Pod {
            metadata: ObjectMeta {
                name: Some(name.into()),
                uid: Some(format!("{name}-uid")),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn claim_owners_follow_the_retention_policy() {
        let cases = [
            ("Retain", "Retain", true, (false, false)),
            ("Retain", "Retain", false, (false, false)),
            ("Delete", "Retain", true, (true, false)),
            ("Delete", "Retain", false, (true, false)),
            ("Retain", "Delete", true, (false, false)),
            ("Retain", "Delete", false, (false, true)),
            ("Delete", "Delete", true, (true, false)),
            ("Delete", "Delete", false, (false, true)),
        ];
        for (deleted, scaled, in_range, (want_set, want_pod)) in cases {
            let s = with_policy(deleted, scaled);
            let policy = Retention::of(&s);
            let so = set_owner(&s);
            let po = pod_owner(&pod_with_uid("web-1"));
            let mut claim = PersistentVolumeClaim::default();
            let up_to_date = claim_owners_up_to_date(&claim, policy, &so, &po, in_range);
            assert_eq!(
                up_to_date,
                !want_set && !want_pod,
                "{deleted}/{scaled}/{in_range}"
            );
            update_claim_owners(&mut claim, policy, &so, &po, in_range);
            assert_eq!(
                has_ref(&claim, &so),
                want_set,
                "{deleted}/{scaled}/{in_range}"
            );
            assert_eq!(
                has_ref(&claim, &po),
                want_pod,
                "{deleted}/{scaled}/{in_range}"
            );
            assert!(claim_owners_up_to_date(&claim, policy, &so, &po, in_range));
            for r in refs(&claim) {
                assert_eq!(
                    (r.controller, r.block_owner_deletion),
                    (Some(true), Some(true))
                );
            }
        }
    }

    #[test]
    fn stale_and_foreign_owners_are_left_alone() {
        let s = with_policy("Delete", "Delete");
        let policy = Retention::of(&s);
        let so = set_owner(&s);
        let po = pod_owner(&pod_with_uid("web-1"));
        let mut stale = PersistentVolumeClaim::default();
        stale.metadata.owner_references = Some(vec![OwnerReference {
            api_version: "v1".into(),
            kind: "Pod".into(),
            name: "web-1".into(),
            uid: "old".into(),
            controller: Some(true),
            ..Default::default()
        }]);
        assert!(has_stale_ref(&stale, &po));
        assert!(claim_owners_up_to_date(&stale, policy, &so, &po, true));
        let mut foreign = PersistentVolumeClaim::default();
        foreign.metadata.owner_references = Some(vec![OwnerReference {
            api_version: "x/v1".into(),
            kind: "Other".into(),
            name: "o".into(),
            uid: "o".into(),
            controller: Some(true),
            ..Default::default()
        }]);
        assert!(has_unexpected_controller(&foreign, policy, &so, &po));
        assert!(claim_owners_up_to_date(&foreign, policy, &so, &po, true));
        update_claim_owners(&mut foreign, policy, &so, &po, true);
        assert_eq!(refs(&foreign).len(), 1);
    }
}
