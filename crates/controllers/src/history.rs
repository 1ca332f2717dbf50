//! ControllerRevision history shared by the StatefulSet and DaemonSet
//! controllers, following Kubernetes' `pkg/controller/history`:
//!
//! * revision data is a strategic merge patch that replaces `spec.template`
//!   (`{"spec":{"template":{…,"$patch":"replace"}}}`), the shape `kubectl rollout
//!   undo` applies back to the owner;
//! * revision names are `<owner>-<hash>`, the hash being FNV over the data (and
//!   a collision count on name clashes), encoded with Kubernetes' safe alphabet;
//! * listing, sorting, equality, creation with collision handling, renumbering,
//!   adoption of orphans and cleanup beyond `revisionHistoryLimit`.
//!
//! It also holds the small pieces both controllers need about the objects they
//! own: controller references, claiming (adopt / release) by selector, and pod
//! readiness and availability.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use anyhow::Context as _;
use jiff::Timestamp;
use k8s_openapi::api::apps::v1::ControllerRevision;
use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::apimachinery::pkg::runtime::RawExtension;
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams};
use kube::{Client, Resource};
use serde_json::{json, Map, Value};

use capstan_machinery::Selector;
use capstan_runtime::Informer;

/// Label on a ControllerRevision with the hash of its data.
pub const CONTROLLER_REVISION_HASH_LABEL: &str = "controller.kubernetes.io/hash";

/// Label on pods (and DaemonSet revisions) naming the revision they belong to.
pub const POD_REVISION_LABEL: &str = "controller-revision-hash";

/// Annotation whose value `kubectl rollout history` shows as CHANGE-CAUSE.
pub const CHANGE_CAUSE_ANNOTATION: &str = "kubernetes.io/change-cause";

/// Characters Kubernetes' `rand.SafeEncodeString` maps bytes onto (no vowels,
/// no look-alike digits, so no words can form).
const SAFE_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

// ---------------------------------------------------------------------------
// Hashing.

/// 32-bit FNV-1 (Go's `hash/fnv.New32`).
pub fn fnv1_32(data: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in data {
        hash = hash.wrapping_mul(0x0100_0193);
        hash ^= u32::from(*b);
    }
    hash
}

/// 32-bit FNV-1a (Go's `hash/fnv.New32a`), fed incrementally.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a32(u32);

impl Default for Fnv1a32 {
    fn default() -> Self {
        Self(0x811c_9dc5)
    }
}

impl Fnv1a32 {
    /// Feeds bytes.
    pub fn write(&mut self, data: &[u8]) {
        for b in data {
            self.0 ^= u32::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }

    /// The hash so far.
    pub fn sum(&self) -> u32 {
        self.0
    }
}

/// Kubernetes' `rand.SafeEncodeString`: every byte mapped onto the safe alphabet.
pub fn safe_encode(s: &str) -> String {
    s.bytes()
        .map(|b| char::from(SAFE_ALPHABET[usize::from(b) % SAFE_ALPHABET.len()]))
        .collect()
}

/// Serialises JSON the way Go's `encoding/json` does for a generic map:
/// object keys sorted, no whitespace, and `<`, `>`, `&`, U+2028 and U+2029
/// escaped. Revision data and hashes are computed over these bytes.
pub fn canonical_json(value: &Value) -> Vec<u8> {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let ordered: BTreeMap<&String, &Value> = map.iter().collect();
                let mut out = Map::new();
                for (k, v) in ordered {
                    out.insert(k.clone(), sorted(v));
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    let text = sorted(value).to_string();
    // These characters only ever occur inside JSON strings, so escaping them
    // textually is exact.
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .into_bytes()
}

/// Kubernetes' `HashControllerRevision`: FNV-1 over the data, then the decimal
/// collision count when one is given, safe-encoded.
pub fn hash_revision_data(data: &Value, collision_count: Option<i32>) -> String {
    let mut bytes = canonical_json(data);
    if let Some(c) = collision_count {
        bytes.extend_from_slice(c.to_string().as_bytes());
    }
    safe_encode(&fnv1_32(&bytes).to_string())
}

/// Kubernetes' `controller.ComputeHash` for a pod template: FNV-1a over the
/// template, then the collision count as four little-endian bytes when given,
/// safe-encoded.
pub fn hash_pod_template(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let value = serde_json::to_value(template).unwrap_or(Value::Null);
    let mut h = Fnv1a32::default();
    h.write(&canonical_json(&value));
    if let Some(c) = collision_count {
        h.write(&c.to_le_bytes());
    }
    safe_encode(&h.sum().to_string())
}

/// `<prefix>-<hash>`, the prefix cut to 223 bytes so the name fits in 253.
pub fn revision_name(prefix: &str, hash: &str) -> String {
    let mut cut = prefix.len().min(223);
    while !prefix.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}-{hash}", &prefix[..cut])
}

// ---------------------------------------------------------------------------
// Revision data.

/// The revision data for a pod template: a strategic merge patch replacing
/// `spec.template`.
pub fn template_patch(template: &PodTemplateSpec) -> anyhow::Result<Value> {
    let mut t = serde_json::to_value(template).context("serialising the pod template")?;
    let obj = t
        .as_object_mut()
        .context("pod template did not serialise to an object")?;
    obj.insert("$patch".into(), json!("replace"));
    Ok(json!({"spec": {"template": t}}))
}

/// The pod template a revision restores (its data applied to an owner).
pub fn template_from_revision(revision: &ControllerRevision) -> anyhow::Result<PodTemplateSpec> {
    let name = revision.metadata.name.as_deref().unwrap_or("");
    let data = revision
        .data
        .as_ref()
        .with_context(|| format!("controller revision {name} has no data"))?;
    let mut template = data
        .0
        .pointer("/spec/template")
        .cloned()
        .with_context(|| format!("controller revision {name} has no spec.template"))?;
    if let Some(obj) = template.as_object_mut() {
        obj.remove("$patch");
    }
    serde_json::from_value(template)
        .with_context(|| format!("controller revision {name} holds an invalid pod template"))
}

/// `value` without nulls, empty lists and empty maps (recursively), so that
/// data compares equal however a server chose to serialise absent fields.
fn normalized(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Array(items) => {
            let items: Vec<Value> = items
                .iter()
                .map(|v| normalized(v).unwrap_or(Value::Null))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Value::Object(map) => {
            let map: Map<String, Value> = map
                .iter()
                .filter_map(|(k, v)| normalized(v).map(|v| (k.clone(), v)))
                .collect();
            (!map.is_empty()).then_some(Value::Object(map))
        }
        other => Some(other.clone()),
    }
}

/// Whether two revisions hold the same data (compared as JSON values, with
/// absent, null and empty fields alike, so the API server's re-serialisation
/// does not matter).
pub fn equal_revision(a: &ControllerRevision, b: &ControllerRevision) -> bool {
    data_of(a).and_then(normalized) == data_of(b).and_then(normalized)
}

fn data_of(r: &ControllerRevision) -> Option<&Value> {
    r.data.as_ref().map(|d| &d.0)
}

/// Whether a revision holds `data` (compared as [`equal_revision`] does).
pub fn revision_has_data(revision: &ControllerRevision, data: &Value) -> bool {
    data_of(revision).and_then(normalized) == normalized(data)
}

/// Sorts revisions by revision number, then creation time, then name.
pub fn sort_revisions(revisions: &mut [Arc<ControllerRevision>]) {
    revisions.sort_by(|a, b| {
        a.revision
            .cmp(&b.revision)
            .then_with(|| {
                let ta = a.metadata.creation_timestamp.as_ref().map(|t| t.0);
                let tb = b.metadata.creation_timestamp.as_ref().map(|t| t.0);
                ta.cmp(&tb)
            })
            .then_with(|| a.metadata.name.cmp(&b.metadata.name))
    });
}

/// The revision number after the highest in a sorted list (1 when empty).
pub fn next_revision(sorted: &[Arc<ControllerRevision>]) -> i64 {
    sorted.last().map_or(1, |r| r.revision + 1)
}

/// Revisions in `namespace` matching `selector` whose controller is `owner_uid`
/// or that have no controller (candidates for adoption).
pub fn list_revisions(
    informer: &Informer<ControllerRevision>,
    namespace: &str,
    owner_uid: &str,
    selector: &Selector,
) -> Vec<Arc<ControllerRevision>> {
    informer
        .list_namespace(namespace)
        .into_iter()
        .filter(|r| selector.matches(&labels_of(&r.metadata)))
        .filter(|r| match controller_of(&r.metadata) {
            None => true,
            Some(c) => c.uid == owner_uid,
        })
        .collect()
}

/// Names of revisions to delete so that at most `limit` non-live revisions
/// remain, oldest first. `sorted` is ordered by [`sort_revisions`]; `live`
/// holds the names that must be kept. A negative limit keeps everything.
pub fn revisions_to_prune(
    sorted: &[Arc<ControllerRevision>],
    live: &HashSet<String>,
    limit: i32,
) -> Vec<String> {
    let Ok(limit) = usize::try_from(limit) else {
        return Vec::new();
    };
    let history: Vec<String> = sorted
        .iter()
        .filter_map(|r| r.metadata.name.clone())
        .filter(|n| !live.contains(n))
        .collect();
    if history.len() <= limit {
        return Vec::new();
    }
    history[..history.len() - limit].to_vec()
}

/// A new (not yet created) revision for `owner` holding `data`, labelled with
/// `labels` and the data hash, named `<owner>-<hash>`.
pub fn new_revision(
    owner: &ObjectMeta,
    owner_ref: OwnerReference,
    labels: &BTreeMap<String, String>,
    annotations: &BTreeMap<String, String>,
    data: Value,
    revision: i64,
    collision_count: i32,
) -> ControllerRevision {
    let hash = hash_revision_data(&data, Some(collision_count));
    let mut labels = labels.clone();
    labels.insert(CONTROLLER_REVISION_HASH_LABEL.into(), hash.clone());
    ControllerRevision {
        metadata: ObjectMeta {
            name: Some(revision_name(owner.name.as_deref().unwrap_or(""), &hash)),
            namespace: owner.namespace.clone(),
            labels: Some(labels),
            annotations: (!annotations.is_empty()).then(|| annotations.clone()),
            owner_references: Some(vec![owner_ref]),
            ..Default::default()
        },
        data: Some(RawExtension(data)),
        revision,
    }
}

fn api_error_code(err: &kube::Error) -> Option<u16> {
    match err {
        kube::Error::Api(e) => Some(e.code),
        _ => None,
    }
}

/// Whether a kube error is an API error with the given HTTP status code.
pub fn is_status(err: &kube::Error, code: u16) -> bool {
    api_error_code(err) == Some(code)
}

/// Creates `revision`, renaming it with a bumped `collision_count` while its
/// name is taken by a revision holding different data. Returns the created
/// revision, or the existing one when it already holds the same data.
pub async fn create_revision(
    client: &Client,
    revision: &ControllerRevision,
    collision_count: &mut i32,
) -> anyhow::Result<ControllerRevision> {
    let ns = revision.metadata.namespace.clone().unwrap_or_default();
    let api: Api<ControllerRevision> = Api::namespaced(client.clone(), &ns);
    let data = data_of(revision).cloned().unwrap_or(Value::Null);
    let owner = revision
        .metadata
        .owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
        .map(|o| o.name.clone())
        .unwrap_or_default();
    // Bounded: a name clash needs a hash collision, so a few attempts suffice.
    for _ in 0..32 {
        let mut clone = revision.clone();
        let hash = hash_revision_data(&data, Some(*collision_count));
        clone.metadata.name = Some(revision_name(&owner, &hash));
        if let Some(labels) = clone.metadata.labels.as_mut() {
            labels.insert(CONTROLLER_REVISION_HASH_LABEL.into(), hash);
        }
        let name = clone.metadata.name.clone().unwrap_or_default();
        match api.create(&PostParams::default(), &clone).await {
            Ok(created) => return Ok(created),
            Err(err) if is_status(&err, 409) => {
                let existing = api
                    .get(&name)
                    .await
                    .with_context(|| format!("reading controller revision {ns}/{name}"))?;
                if revision_has_data(&existing, &data) {
                    return Ok(existing);
                }
                *collision_count = collision_count.saturating_add(1);
            }
            Err(err) => {
                return Err(err)
                    .with_context(|| format!("creating controller revision {ns}/{name}"))
            }
        }
    }
    anyhow::bail!("too many name collisions creating a controller revision for {ns}/{owner}")
}

/// Sets a revision's number (used when an old revision becomes current again).
pub async fn renumber_revision(
    client: &Client,
    revision: &ControllerRevision,
    number: i64,
) -> anyhow::Result<ControllerRevision> {
    if revision.revision == number {
        return Ok(revision.clone());
    }
    let ns = revision.metadata.namespace.clone().unwrap_or_default();
    let name = revision.metadata.name.clone().unwrap_or_default();
    let api: Api<ControllerRevision> = Api::namespaced(client.clone(), &ns);
    api.patch(
        &name,
        &PatchParams::default(),
        &Patch::Merge(json!({"revision": number})),
    )
    .await
    .with_context(|| format!("renumbering controller revision {ns}/{name} to {number}"))
}

/// Deletes a revision (absent is fine).
pub async fn delete_revision(client: &Client, namespace: &str, name: &str) -> anyhow::Result<()> {
    let api: Api<ControllerRevision> = Api::namespaced(client.clone(), namespace);
    match api.delete(name, &DeleteParams::default()).await {
        Ok(_) => Ok(()),
        Err(err) if is_status(&err, 404) => Ok(()),
        Err(err) => {
            Err(err).with_context(|| format!("deleting controller revision {namespace}/{name}"))
        }
    }
}

// ---------------------------------------------------------------------------
// Controller references and claiming.

/// A controller reference (`controller` and `blockOwnerDeletion` true) to `owner`.
pub fn controller_ref<K: Resource<DynamicType = ()>>(owner: &K) -> Option<OwnerReference> {
    let meta = owner.meta();
    Some(OwnerReference {
        api_version: K::api_version(&()).into_owned(),
        kind: K::kind(&()).into_owned(),
        name: meta.name.clone()?,
        uid: meta.uid.clone()?,
        controller: Some(true),
        block_owner_deletion: Some(true),
    })
}

/// The controlling owner reference of an object, if any.
pub fn controller_of(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
}

/// An object's labels as a map (empty when unset).
pub fn labels_of(meta: &ObjectMeta) -> BTreeMap<String, String> {
    meta.labels.clone().unwrap_or_default()
}

/// What a controller should do about an object it might own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Already controlled by the owner and still selected: keep.
    Owned,
    /// An orphan the owner selects: adopt it.
    Adopt,
    /// Controlled by the owner but no longer selected: release it.
    Release,
    /// Not the owner's business.
    Ignore,
}

/// Kubernetes' `ClaimObject` decision for one object.
pub fn classify(meta: &ObjectMeta, owner_uid: &str, owner_deleting: bool, matches: bool) -> Claim {
    match controller_of(meta) {
        Some(c) if c.uid != owner_uid => Claim::Ignore,
        Some(_) if matches => Claim::Owned,
        Some(_) if owner_deleting => Claim::Ignore,
        Some(_) => Claim::Release,
        None if owner_deleting || !matches || meta.deletion_timestamp.is_some() => Claim::Ignore,
        None => Claim::Adopt,
    }
}

/// Patches `owner_ref` onto an object as its controller (strategic merge on
/// `ownerReferences`, guarded by the object's UID).
pub async fn adopt<K>(
    api: &Api<K>,
    meta: &ObjectMeta,
    owner_ref: &OwnerReference,
) -> anyhow::Result<K>
where
    K: Resource<DynamicType = ()> + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let name = meta.name.clone().unwrap_or_default();
    let patch = json!({"metadata": {"ownerReferences": [owner_ref], "uid": meta.uid}});
    api.patch(&name, &PatchParams::default(), &Patch::Strategic(patch))
        .await
        .with_context(|| format!("adopting {} {name}", K::kind(&())))
}

/// Removes `owner_uid`'s reference from an object (gone or already released is fine).
pub async fn release<K>(api: &Api<K>, meta: &ObjectMeta, owner_uid: &str) -> anyhow::Result<()>
where
    K: Resource<DynamicType = ()> + Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let name = meta.name.clone().unwrap_or_default();
    let patch = json!({"metadata": {"ownerReferences": [{"$patch": "delete", "uid": owner_uid}], "uid": meta.uid}});
    match api
        .patch(&name, &PatchParams::default(), &Patch::Strategic(patch))
        .await
    {
        Ok(_) => Ok(()),
        Err(err) if is_status(&err, 404) || is_status(&err, 422) => Ok(()),
        Err(err) => Err(err).with_context(|| format!("releasing {} {name}", K::kind(&()))),
    }
}

/// Kubernetes' `ClaimPods`: the pods `owner` controls after adopting the
/// selected orphans and releasing the pods it no longer selects. Whether
/// adoption is allowed (`can_adopt`, which re-reads the owner) is asked at
/// most once, and only when there is an orphan to adopt.
pub async fn claim_pods<K, F, Fut>(
    api: &Api<Pod>,
    owner: &K,
    pods: Vec<Arc<Pod>>,
    matches: impl Fn(&Pod) -> bool,
    can_adopt: F,
) -> anyhow::Result<Vec<Arc<Pod>>>
where
    K: Resource<DynamicType = ()>,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<bool>>,
{
    let meta = owner.meta();
    let uid = meta.uid.clone().unwrap_or_default();
    let deleting = meta.deletion_timestamp.is_some();
    let mut owned = Vec::new();
    let mut can_adopt = Some(can_adopt);
    let mut allowed: Option<bool> = None;
    for pod in pods {
        match classify(&pod.metadata, &uid, deleting, matches(&pod)) {
            Claim::Owned => owned.push(pod),
            Claim::Ignore => {}
            Claim::Release => release(api, &pod.metadata, &uid).await?,
            Claim::Adopt => {
                let ok = match (allowed, can_adopt.take()) {
                    (Some(v), _) => v,
                    (None, Some(check)) => *allowed.insert(check().await?),
                    (None, None) => false,
                };
                if let (true, Some(oref)) = (ok, controller_ref(owner)) {
                    owned.push(Arc::new(adopt(api, &pod.metadata, &oref).await?));
                }
            }
        }
    }
    Ok(owned)
}

// ---------------------------------------------------------------------------
// Pods.

/// A pod's phase ("" when unset).
pub fn pod_phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// When the pod's Ready condition is True: since when (None when not ready).
fn ready_since(pod: &Pod) -> Option<Option<Timestamp>> {
    pod.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
        .filter(|c| c.status == "True")
        .map(|c| c.last_transition_time.as_ref().map(|t| t.0))
}

/// Whether the pod's Ready condition is True.
pub fn pod_ready(pod: &Pod) -> bool {
    ready_since(pod).is_some()
}

/// Kubernetes' `IsPodAvailable`: Ready for at least `min_ready_seconds` at `now`.
pub fn pod_available(pod: &Pod, min_ready_seconds: i32, now: Timestamp) -> bool {
    match ready_since(pod) {
        None => false,
        Some(_) if min_ready_seconds <= 0 => true,
        Some(None) => false,
        Some(Some(since)) => {
            let ready_for = now.as_second() - since.as_second();
            ready_for >= i64::from(min_ready_seconds)
        }
    }
}

/// Seconds until a ready pod becomes available (None when not ready or already available).
pub fn seconds_until_available(pod: &Pod, min_ready_seconds: i32, now: Timestamp) -> Option<i64> {
    let since = ready_since(pod)??;
    let left = i64::from(min_ready_seconds) - (now.as_second() - since.as_second());
    (left > 0).then_some(left)
}

/// Whether the pod is being deleted.
pub fn pod_terminating(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// The value of an integer-or-percent field scaled against `total`
/// (`round_up` chooses ceiling or floor for percentages).
pub fn scaled_int_or_percent(
    value: Option<&k8s_openapi::apimachinery::pkg::util::intstr::IntOrString>,
    total: i32,
    round_up: bool,
) -> anyhow::Result<i32> {
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
    match value {
        None => Ok(0),
        Some(IntOrString::Int(i)) => Ok(*i),
        Some(IntOrString::String(s)) => {
            let pct: i64 = s
                .strip_suffix('%')
                .and_then(|n| n.parse().ok())
                .with_context(|| format!("invalid value for IntOrString: invalid type: string is not a percentage: {s:?}"))?;
            let scaled = pct * i64::from(total);
            let v = if round_up {
                (scaled + 99).div_euclid(100)
            } else {
                scaled.div_euclid(100)
            };
            Ok(i32::try_from(v).unwrap_or(i32::MAX))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{PodCondition, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

    #[test]
    fn fnv_matches_go() {
        assert_eq!(fnv1_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1_32(b"a"), 0x050c_5d7e);
        let mut h = Fnv1a32::default();
        h.write(b"a");
        assert_eq!(h.sum(), 0xe40c_292c);
        let mut h = Fnv1a32::default();
        h.write(b"foobar");
        assert_eq!(h.sum(), 0xbf9c_f968);
    }

    #[test]
    fn safe_encoding_uses_kubernetes_alphabet() {
        assert_eq!(safe_encode("0123456789"), "456789bcdf");
        assert!(safe_encode(&u32::MAX.to_string())
            .chars()
            .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
    }

    #[test]
    fn canonical_json_sorts_keys_and_escapes_like_go() {
        let v = json!({"b": 1, "a": {"d": "<x&y>", "c": [2, 1]}});
        assert_eq!(
            String::from_utf8(canonical_json(&v)).expect("utf8"),
            r#"{"a":{"c":[2,1],"d":"\u003cx\u0026y\u003e"},"b":1}"#
        );
    }

    #[test]
    fn revision_hash_depends_on_data_and_collision_count() {
        let a = json!({"spec": {"template": {"metadata": {"labels": {"app": "a"}}}}});
        let b = json!({"spec": {"template": {"metadata": {"labels": {"app": "b"}}}}});
        assert_eq!(
            hash_revision_data(&a, Some(0)),
            hash_revision_data(&a, Some(0))
        );
        assert_ne!(
            hash_revision_data(&a, Some(0)),
            hash_revision_data(&b, Some(0))
        );
        assert_ne!(
            hash_revision_data(&a, Some(0)),
            hash_revision_data(&a, Some(1))
        );
        let t = PodTemplateSpec::default();
        assert_ne!(hash_pod_template(&t, None), hash_pod_template(&t, Some(1)));
    }

    #[test]
    fn revision_names_are_truncated() {
        assert_eq!(revision_name("web", "abc"), "web-abc");
        let long = "x".repeat(300);
        assert_eq!(revision_name(&long, "h").len(), 225);
    }

    fn template(image: &str) -> PodTemplateSpec {
        PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some([("app".to_string(), "web".to_string())].into()),
                ..Default::default()
            }),
            spec: Some(PodSpec {
                containers: vec![k8s_openapi::api::core::v1::Container {
                    name: "c".into(),
                    image: Some(image.into()),
                    ..Default::default()
                }],
                ..Default::default()
            }),
        }
    }

    #[test]
    fn template_patch_round_trips() {
        let t = template("nginx:1");
        let data = template_patch(&t).expect("patch");
        assert_eq!(
            data.pointer("/spec/template/$patch"),
            Some(&json!("replace"))
        );
        let rev = ControllerRevision {
            data: Some(RawExtension(data)),
            ..Default::default()
        };
        assert_eq!(template_from_revision(&rev).expect("template"), t);
        assert!(template_from_revision(&ControllerRevision::default()).is_err());
    }

    fn rev(name: &str, number: i64, image: &str) -> Arc<ControllerRevision> {
        Arc::new(ControllerRevision {
            metadata: ObjectMeta {
                name: Some(name.into()),
                ..Default::default()
            },
            data: Some(RawExtension(
                template_patch(&template(image)).expect("patch"),
            )),
            revision: number,
        })
    }

    #[test]
    fn sorting_equality_and_pruning() {
        let mut revs = vec![
            rev("c", 3, "3"),
            rev("a", 1, "1"),
            rev("b", 2, "2"),
            rev("d", 4, "1"),
        ];
        sort_revisions(&mut revs);
        let names: Vec<_> = revs
            .iter()
            .filter_map(|r| r.metadata.name.clone())
            .collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        assert_eq!(next_revision(&revs), 5);
        assert_eq!(next_revision(&[]), 1);
        assert!(equal_revision(&revs[0], &revs[3]));
        let sparse = json!({"spec": {"template": {"a": 1, "b": {}, "c": [], "d": null}}});
        let dense = json!({"spec": {"template": {"a": 1}}});
        let r = ControllerRevision {
            data: Some(RawExtension(sparse)),
            ..Default::default()
        };
        assert!(revision_has_data(&r, &dense));
        assert!(!revision_has_data(
            &r,
            &json!({"spec": {"template": {"a": 2}}})
        ));
        assert!(!equal_revision(&revs[0], &revs[1]));
        let live: HashSet<String> = ["d".to_string()].into();
        assert_eq!(revisions_to_prune(&revs, &live, 1), ["a", "b"]);
        assert_eq!(revisions_to_prune(&revs, &live, 3), Vec::<String>::new());
        assert_eq!(revisions_to_prune(&revs, &live, 0), ["a", "b", "c"]);
        assert_eq!(revisions_to_prune(&revs, &live, -1), Vec::<String>::new());
    }

    #[test]
    fn new_revision_is_named_by_hash_and_owned() {
        let owner = ObjectMeta {
            name: Some("web".into()),
            namespace: Some("default".into()),
            ..Default::default()
        };
        let oref = OwnerReference {
            api_version: "apps/v1".into(),
            kind: "StatefulSet".into(),
            name: "web".into(),
            uid: "u1".into(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        };
        let data = template_patch(&template("nginx")).expect("patch");
        let r = new_revision(
            &owner,
            oref,
            &BTreeMap::new(),
            &BTreeMap::new(),
            data.clone(),
            1,
            0,
        );
        let hash = hash_revision_data(&data, Some(0));
        assert_eq!(
            r.metadata.name.as_deref(),
            Some(format!("web-{hash}").as_str())
        );
        assert_eq!(
            r.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get(CONTROLLER_REVISION_HASH_LABEL)),
            Some(&hash)
        );
        assert_eq!(
            controller_of(&r.metadata).map(|o| o.uid.as_str()),
            Some("u1")
        );
    }

    #[test]
    fn claiming_follows_controller_ref_manager() {
        let mine = OwnerReference {
            uid: "me".into(),
            controller: Some(true),
            ..Default::default()
        };
        let theirs = OwnerReference {
            uid: "them".into(),
            controller: Some(true),
            ..Default::default()
        };
        let owned = ObjectMeta {
            owner_references: Some(vec![mine]),
            ..Default::default()
        };
        let other = ObjectMeta {
            owner_references: Some(vec![theirs]),
            ..Default::default()
        };
        let orphan = ObjectMeta::default();
        assert_eq!(classify(&owned, "me", false, true), Claim::Owned);
        assert_eq!(classify(&owned, "me", false, false), Claim::Release);
        assert_eq!(classify(&owned, "me", true, false), Claim::Ignore);
        assert_eq!(classify(&other, "me", false, true), Claim::Ignore);
        assert_eq!(classify(&orphan, "me", false, true), Claim::Adopt);
        assert_eq!(classify(&orphan, "me", true, true), Claim::Ignore);
        assert_eq!(classify(&orphan, "me", false, false), Claim::Ignore);
    }

    fn ready_pod(since: Option<i64>) -> Pod {
        Pod {
            status: Some(PodStatus {
                phase: Some("Running".into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if since.is_some() { "True" } else { "False" }.into(),
                    last_transition_time: since
                        .and_then(|s| Timestamp::from_second(s).ok())
                        .map(Time),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn availability_respects_min_ready_seconds() {
        let now = Timestamp::from_second(1_000).expect("ts");
        let p = ready_pod(Some(990));
        assert!(pod_ready(&p));
        assert!(pod_available(&p, 0, now));
        assert!(pod_available(&p, 10, now));
        assert!(!pod_available(&p, 11, now));
        assert_eq!(seconds_until_available(&p, 15, now), Some(5));
        assert_eq!(seconds_until_available(&p, 5, now), None);
        let not_ready = ready_pod(None);
        assert!(!pod_ready(&not_ready));
        assert!(!pod_available(&not_ready, 0, now));
    }

    #[test]
    fn int_or_percent_scaling() {
        let pct = IntOrString::String("25%".into());
        assert_eq!(scaled_int_or_percent(Some(&pct), 10, true).expect("v"), 3);
        assert_eq!(scaled_int_or_percent(Some(&pct), 10, false).expect("v"), 2);
        assert_eq!(
            scaled_int_or_percent(Some(&IntOrString::Int(2)), 10, true).expect("v"),
            2
        );
        assert_eq!(scaled_int_or_percent(None, 10, true).expect("v"), 0);
        assert!(scaled_int_or_percent(Some(&IntOrString::String("x".into())), 10, true).is_err());
    }
}
