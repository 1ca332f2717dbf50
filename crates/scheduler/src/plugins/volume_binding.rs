//! VolumeBinding: pods with PersistentVolumeClaims (directly or through
//! generic ephemeral volumes) go where their volumes can be.
//!
//! PreFilter rejects pods whose claims are missing, lost or being deleted, and
//! pods with unbound claims of `Immediate` classes. Filter checks, per node,
//! that bound claims' volumes accept the node (PV node affinity) and that each
//! unbound `WaitForFirstConsumer` claim either has an available matching PV on
//! the node (capacity, access modes, class, selector, volume mode, node
//! affinity; the smallest wins) or a class with a provisioner whose allowed
//! topologies include the node. Reserve assumes the choice in an in-memory
//! overlay so later cycles see it; Unreserve reverts it; PreBind writes it:
//! a chosen static PV gets `spec.claimRef` and its claim `spec.volumeName`
//! (with the annotations and Bound phases the PV controller would set), a
//! claim to provision gets the `volume.kubernetes.io/selected-node`
//! annotation.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use capstan_machinery::quantity::Quantity;
use k8s_openapi::api::core::v1::{
    ObjectReference, PersistentVolume, PersistentVolumeClaim, Pod, TopologySelectorTerm,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as KQuantity;
use kube::api::{Api, Patch, PatchParams, PostParams};
use kube::Client;
use parking_lot::Mutex;
use serde_json::json;

use super::helpers::terms_match;
use super::listers::Listers;
use crate::cache::{Cache, NodeInfo, PodInfo};
use crate::framework::async_trait_free::BoxFuture;
use crate::framework::{Code, CycleState, Filter, Plugin, PreBind, PreFilter, Reserve, Status};

/// Annotation telling a provisioner which node the consumer landed on.
pub const ANN_SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";
/// Annotation marking a claim's binding as complete.
pub const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
/// Annotation marking a binding made by a controller (not the user).
pub const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
const ANN_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";
const NO_PROVISIONER: &str = "kubernetes.io/no-provisioner";

/// PreFilter failure: unbound claims of `Immediate` classes.
pub const ERR_UNBOUND_IMMEDIATE: &str = "pod has unbound immediate PersistentVolumeClaims";
/// Filter failure: a bound volume's node affinity excludes the node.
pub const ERR_NODE_CONFLICT: &str = "node(s) had volume node affinity conflict";
/// Filter failure: no volume can be found or provisioned for a claim.
pub const ERR_BIND_CONFLICT: &str = "node(s) didn't find available persistent volumes to bind";
/// Filter failure: a claim is bound to a volume that does not exist.
pub const ERR_PV_NOT_EXIST: &str =
    "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

const STATE_KEY: &str = "VolumeBinding";

/// The class a claim asks for (beta annotation first, as Kubernetes).
pub fn claim_class(pvc: &PersistentVolumeClaim) -> String {
    if let Some(c) = pvc
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_STORAGE_CLASS))
    {
        return c.clone();
    }
    pvc.spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .unwrap_or_default()
}

/// The class of a volume.
pub fn volume_class(pv: &PersistentVolume) -> String {
    if let Some(c) = pv
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ANN_STORAGE_CLASS))
    {
        return c.clone();
    }
    pv.spec
        .as_ref()
        .and_then(|s| s.storage_class_name.clone())
        .unwrap_or_default()
}

fn storage_of(list: Option<&BTreeMap<String, KQuantity>>) -> i64 {
    list.and_then(|l| l.get("storage"))
        .and_then(|q| Quantity::try_from(q).ok())
        .map(|q| q.value())
        .unwrap_or(0)
}

fn claim_request(pvc: &PersistentVolumeClaim) -> i64 {
    storage_of(
        pvc.spec
            .as_ref()
            .and_then(|s| s.resources.as_ref())
            .and_then(|r| r.requests.as_ref()),
    )
}

fn annotation<'a>(
    meta: &'a k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    key: &str,
) -> Option<&'a str> {
    meta.annotations
        .as_ref()
        .and_then(|a| a.get(key))
        .map(String::as_str)
}

fn claim_key(pvc: &PersistentVolumeClaim) -> String {
    format!(
        "{}/{}",
        pvc.metadata.namespace.as_deref().unwrap_or_default(),
        pvc.metadata.name.as_deref().unwrap_or_default()
    )
}

fn volume_name(pvc: &PersistentVolumeClaim) -> &str {
    pvc.spec
        .as_ref()
        .and_then(|s| s.volume_name.as_deref())
        .unwrap_or_default()
}

/// Whether the claim is bound and the binding is complete.
fn fully_bound(pvc: &PersistentVolumeClaim) -> bool {
    !volume_name(pvc).is_empty() && annotation(&pvc.metadata, ANN_BIND_COMPLETED).is_some()
}

/// Whether the volume's claimRef names this claim.
fn bound_to_claim(pv: &PersistentVolume, pvc: &PersistentVolumeClaim) -> bool {
    let Some(r) = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref()) else {
        return false;
    };
    r.name.as_deref() == pvc.metadata.name.as_deref()
        && r.namespace.as_deref() == pvc.metadata.namespace.as_deref()
        && r.uid
            .as_deref()
            .is_none_or(|u| u.is_empty() || Some(u) == pvc.metadata.uid.as_deref())
}

/// Whether the volume's node affinity admits the node.
pub fn volume_fits_node(pv: &PersistentVolume, node: &NodeInfo) -> bool {
    match pv
        .spec
        .as_ref()
        .and_then(|s| s.node_affinity.as_ref())
        .and_then(|a| a.required.as_ref())
    {
        Some(required) => terms_match(&required.node_selector_terms, node.labels(), &node.name),
        None => true,
    }
}

fn topology_allows(terms: &[TopologySelectorTerm], labels: &BTreeMap<String, String>) -> bool {
    if terms.is_empty() {
        return true;
    }
    terms.iter().any(|t| {
        let exprs = t.match_label_expressions.as_deref().unwrap_or(&[]);
        !exprs.is_empty()
            && exprs
                .iter()
                .all(|e| labels.get(&e.key).is_some_and(|v| e.values.contains(v)))
    })
}

/// The smallest available volume matching `claim` on `node` (or the volume
/// pre-bound to the claim), skipping `excluded`.
fn find_matching_volume<'a>(
    claim: &PersistentVolumeClaim,
    volumes: &'a [Arc<PersistentVolume>],
    node: &NodeInfo,
    excluded: &[String],
) -> Option<&'a Arc<PersistentVolume>> {
    let requested = claim_request(claim);
    let class = claim_class(claim);
    let spec = claim.spec.as_ref();
    let selector = spec
        .and_then(|s| s.selector.as_ref())
        .map(|s| super::helpers::selector(Some(s)));
    let claim_mode = spec
        .and_then(|s| s.volume_mode.as_deref())
        .unwrap_or("Filesystem");
    let wanted_modes = spec.and_then(|s| s.access_modes.as_deref()).unwrap_or(&[]);
    let mut best: Option<(&Arc<PersistentVolume>, i64)> = None;
    for pv in volumes {
        let name = pv.metadata.name.as_deref().unwrap_or_default();
        if excluded.iter().any(|e| e == name) {
            continue;
        }
        let pv_spec = pv.spec.as_ref();
        if pv_spec.and_then(|s| s.claim_ref.as_ref()).is_some() && !bound_to_claim(pv, claim) {
            continue;
        }
        let capacity = storage_of(pv_spec.and_then(|s| s.capacity.as_ref()));
        if capacity < requested {
            continue;
        }
        let pv_mode = pv_spec
            .and_then(|s| s.volume_mode.as_deref())
            .unwrap_or("Filesystem");
        if pv_mode != claim_mode || pv.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let affinity_ok = volume_fits_node(pv, node);
        if bound_to_claim(pv, claim) {
            return affinity_ok.then_some(pv);
        }
        if pv.status.as_ref().and_then(|s| s.phase.as_deref()) != Some("Available") {
            continue;
        }
        if let Some(sel) = &selector {
            let labels = pv.metadata.labels.clone().unwrap_or_default();
            if !sel.matches(&labels) {
                continue;
            }
        }
        if volume_class(pv) != class || !affinity_ok {
            continue;
        }
        let modes = pv_spec
            .and_then(|s| s.access_modes.as_deref())
            .unwrap_or(&[]);
        if !wanted_modes.iter().all(|m| modes.contains(m)) {
            continue;
        }
        if best.is_none_or(|(_, q)| q > capacity) {
            best = Some((pv, capacity));
        }
    }
    best.map(|(pv, _)| pv)
}

/// What one node would need: static volumes to bind and claims to provision.
#[derive(Clone, Debug, Default)]
struct PodVolumes {
    static_bindings: Vec<(Arc<PersistentVolume>, Arc<PersistentVolumeClaim>)>,
    dynamic: Vec<Arc<PersistentVolumeClaim>>,
}

/// What Reserve assumed (written by PreBind, reverted by Unreserve).
#[derive(Clone, Debug, Default)]
struct Reserved {
    all_bound: bool,
    /// Static bindings: the volume with its claimRef set, and its claim.
    volumes: Vec<(Arc<PersistentVolume>, Arc<PersistentVolumeClaim>)>,
    /// Claims annotated with the selected node.
    claims: Vec<Arc<PersistentVolumeClaim>>,
}

/// Per-cycle state.
#[derive(Debug, Default)]
struct State {
    bound: Vec<Arc<PersistentVolumeClaim>>,
    delayed: Vec<Arc<PersistentVolumeClaim>>,
    volumes_by_class: HashMap<String, Vec<Arc<PersistentVolume>>>,
    by_node: Mutex<HashMap<String, PodVolumes>>,
    reserved: Mutex<Reserved>,
}

impl Clone for State {
    fn clone(&self) -> Self {
        Self {
            bound: self.bound.clone(),
            delayed: self.delayed.clone(),
            volumes_by_class: self.volumes_by_class.clone(),
            by_node: Mutex::new(self.by_node.lock().clone()),
            reserved: Mutex::new(self.reserved.lock().clone()),
        }
    }
}

/// Objects assumed by Reserve and not yet seen back from the API.
#[derive(Debug, Default)]
struct Assumed {
    volumes: HashMap<String, Arc<PersistentVolume>>,
    claims: HashMap<String, Arc<PersistentVolumeClaim>>,
}

/// The VolumeBinding plugin.
pub struct VolumeBinding {
    client: Option<Client>,
    listers: Arc<dyn Listers>,
    assumed: Mutex<Assumed>,
}

impl std::fmt::Debug for VolumeBinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VolumeBinding").finish_non_exhaustive()
    }
}

fn same_version<K: kube::Resource>(a: &K, b: &K) -> bool {
    a.meta().resource_version == b.meta().resource_version
}

impl VolumeBinding {
    /// The plugin; without a client PreBind only reports what it would write.
    pub fn new(client: Option<Client>, listers: Arc<dyn Listers>) -> Self {
        Self {
            client,
            listers,
            assumed: Mutex::new(Assumed::default()),
        }
    }

    /// The claim as the scheduler currently believes it to be.
    fn claim(&self, namespace: &str, name: &str) -> Option<Arc<PersistentVolumeClaim>> {
        let live = self.listers.pvc(namespace, name);
        let mut assumed = self.assumed.lock();
        if assumed.claims.is_empty() {
            return live;
        }
        let key = format!("{namespace}/{name}");
        match (live, assumed.claims.get(&key).cloned()) {
            (Some(live), Some(a)) if same_version(live.as_ref(), a.as_ref()) => Some(a),
            (live, Some(_)) => {
                assumed.claims.remove(&key);
                live
            }
            (live, None) => live,
        }
    }

    fn volume(&self, name: &str) -> Option<Arc<PersistentVolume>> {
        let live = self.listers.pv(name);
        let mut assumed = self.assumed.lock();
        if assumed.volumes.is_empty() {
            return live;
        }
        match (live, assumed.volumes.get(name).cloned()) {
            (Some(live), Some(a)) if same_version(live.as_ref(), a.as_ref()) => Some(a),
            (live, Some(_)) => {
                assumed.volumes.remove(name);
                live
            }
            (live, None) => live,
        }
    }

    fn volumes_of_class(&self, class: &str) -> Vec<Arc<PersistentVolume>> {
        let assumed = self.assumed.lock();
        self.listers
            .pvs()
            .into_iter()
            .filter(|pv| volume_class(pv) == class)
            .map(|pv| {
                let name = pv.metadata.name.as_deref().unwrap_or_default();
                match assumed.volumes.get(name) {
                    Some(a) if same_version(pv.as_ref(), a.as_ref()) => a.clone(),
                    _ => pv,
                }
            })
            .collect()
    }

    /// Whether the claim's class binds only once a consumer is scheduled.
    fn delay_binding(&self, pvc: &PersistentVolumeClaim) -> bool {
        let class = claim_class(pvc);
        if class.is_empty() {
            return false;
        }
        self.listers
            .storage_class(&class)
            .is_some_and(|c| c.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"))
    }

    /// Whether `class` can provision a volume usable on `node`: `Ok(false)`
    /// when it cannot, `Err` when the claim's class is unusable.
    fn can_provision(
        &self,
        claim: &PersistentVolumeClaim,
        node: &NodeInfo,
    ) -> Result<bool, String> {
        let class_name = claim_class(claim);
        if class_name.is_empty() {
            return Err(format!("no class for claim {:?}", claim_key(claim)));
        }
        let Some(class) = self.listers.storage_class(&class_name) else {
            return Err(format!("failed to find storage class {class_name:?}"));
        };
        if class.provisioner.is_empty() || class.provisioner == NO_PROVISIONER {
            return Ok(false);
        }
        Ok(topology_allows(
            class.allowed_topologies.as_deref().unwrap_or(&[]),
            node.labels(),
        ))
    }
}

impl Plugin for VolumeBinding {
    fn name(&self) -> &'static str {
        "VolumeBinding"
    }
}

/// The claims a pod's volumes reference: (claim name, from an ephemeral volume).
fn pod_claims(pod: &Pod) -> Vec<(String, bool)> {
    let name = pod.metadata.name.as_deref().unwrap_or_default();
    pod.spec
        .iter()
        .flat_map(|s| s.volumes.iter().flatten())
        .filter_map(|v| {
            if let Some(c) = &v.persistent_volume_claim {
                Some((c.claim_name.clone(), false))
            } else {
                v.ephemeral
                    .as_ref()
                    .map(|_| (format!("{name}-{}", v.name), true))
            }
        })
        .collect()
}

impl PreFilter for VolumeBinding {
    fn pre_filter(&self, state: &mut CycleState, pod: &PodInfo, _: &Cache) -> Status {
        let has_volumes = pod
            .pod
            .spec
            .as_ref()
            .and_then(|s| s.volumes.as_ref())
            .is_some_and(|v| {
                v.iter()
                    .any(|v| v.persistent_volume_claim.is_some() || v.ephemeral.is_some())
            });
        if !has_volumes {
            return Status::skip();
        }
        let ns = pod.namespace();
        let mut claims = Vec::new();
        for (name, ephemeral) in pod_claims(&pod.pod) {
            let Some(pvc) = self.claim(ns, &name) else {
                return Status::unresolvable(if ephemeral {
                    format!("waiting for ephemeral volume controller to create the persistentvolumeclaim \"{name}\"")
                } else {
                    format!("persistentvolumeclaim \"{name}\" not found")
                });
            };
            if pvc.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Lost") {
                return Status::unresolvable(format!(
                    "persistentvolumeclaim \"{name}\" bound to non-existent persistentvolume \"{}\"",
                    volume_name(&pvc)
                ));
            }
            if pvc.metadata.deletion_timestamp.is_some() {
                return Status::unresolvable(format!(
                    "persistentvolumeclaim \"{name}\" is being deleted"
                ));
            }
            if ephemeral {
                let owned = pvc
                    .metadata
                    .owner_references
                    .iter()
                    .flatten()
                    .any(|o| o.controller == Some(true) && o.uid == pod.uid);
                if !owned {
                    return Status::unresolvable(format!(
                        "PVC {ns}/{name} was not created for pod {} (pod is not owner)",
                        pod.key
                    ));
                }
            }
            claims.push(pvc);
        }
        let mut s = State::default();
        let mut immediate = false;
        for pvc in claims {
            if fully_bound(&pvc) {
                s.bound.push(pvc);
            } else if self.delay_binding(&pvc) && volume_name(&pvc).is_empty() {
                s.delayed.push(pvc);
            } else {
                immediate = true;
            }
        }
        if immediate {
            return Status::unresolvable(ERR_UNBOUND_IMMEDIATE);
        }
        for pvc in &s.delayed {
            let class = claim_class(pvc);
            if let std::collections::hash_map::Entry::Vacant(e) = s.volumes_by_class.entry(class) {
                let volumes = self.volumes_of_class(e.key());
                e.insert(volumes);
            }
        }
        state.write(STATE_KEY, s);
        Status::success()
    }
}

impl Filter for VolumeBinding {
    fn filter(&self, state: &CycleState, _: &PodInfo, node: &NodeInfo, _: &Cache) -> Status {
        let Some(s) = state.read::<State>(STATE_KEY) else {
            return Status::success();
        };
        let fail = |reason: &str| Status::unresolvable(reason);
        for pvc in &s.bound {
            let Some(pv) = self.volume(volume_name(pvc)) else {
                return fail(ERR_PV_NOT_EXIST);
            };
            if !volume_fits_node(&pv, node) {
                return fail(ERR_NODE_CONFLICT);
            }
        }
        let mut volumes = PodVolumes::default();
        if !s.delayed.is_empty() {
            let mut to_provision = Vec::new();
            let mut to_match = Vec::new();
            for pvc in &s.delayed {
                match annotation(&pvc.metadata, ANN_SELECTED_NODE) {
                    Some(selected) if selected != node.name => return fail(ERR_BIND_CONFLICT),
                    Some(_) => to_provision.push(pvc.clone()),
                    None => to_match.push(pvc.clone()),
                }
            }
            to_match.sort_by_key(|p| claim_request(p));
            let mut chosen: Vec<String> = Vec::new();
            for pvc in to_match {
                let class = claim_class(&pvc);
                let candidates = s
                    .volumes_by_class
                    .get(&class)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                match find_matching_volume(&pvc, candidates, node, &chosen) {
                    Some(pv) => {
                        chosen.push(pv.metadata.name.clone().unwrap_or_default());
                        volumes.static_bindings.push((pv.clone(), pvc));
                    }
                    None => to_provision.push(pvc),
                }
            }
            for pvc in to_provision {
                match self.can_provision(&pvc, node) {
                    Ok(true) => volumes.dynamic.push(pvc),
                    Ok(false) => return fail(ERR_BIND_CONFLICT),
                    Err(e) => return Status::error(e),
                }
            }
        }
        if !volumes.static_bindings.is_empty() || !volumes.dynamic.is_empty() {
            s.by_node.lock().insert(node.name.clone(), volumes);
        }
        Status::success()
    }
}

fn with_annotation<K: kube::Resource + Clone>(obj: &K, key: &str, value: &str) -> K {
    let mut obj = obj.clone();
    obj.meta_mut()
        .annotations
        .get_or_insert_with(BTreeMap::new)
        .insert(key.to_string(), value.to_string());
    obj
}

impl Reserve for VolumeBinding {
    fn reserve(&self, state: &CycleState, _: &PodInfo, node: &str) -> Status {
        let Some(s) = state.read::<State>(STATE_KEY) else {
            return Status::success();
        };
        let volumes = s.by_node.lock().get(node).cloned().unwrap_or_default();
        let mut reserved = Reserved {
            all_bound: volumes.static_bindings.is_empty() && volumes.dynamic.is_empty(),
            ..Default::default()
        };
        let mut assumed = self.assumed.lock();
        for (pv, pvc) in &volumes.static_bindings {
            let claim_ref = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref());
            if claim_ref.is_some_and(|r| r.uid.is_some() && r.uid == pvc.metadata.uid) {
                reserved.volumes.push((pv.clone(), pvc.clone()));
                continue;
            }
            let mut new = if bound_to_claim(pv, pvc) {
                pv.as_ref().clone()
            } else {
                with_annotation(pv.as_ref(), ANN_BOUND_BY_CONTROLLER, "yes")
            };
            new.spec.get_or_insert_with(Default::default).claim_ref = Some(ObjectReference {
                api_version: Some("v1".into()),
                kind: Some("PersistentVolumeClaim".into()),
                namespace: pvc.metadata.namespace.clone(),
                name: pvc.metadata.name.clone(),
                uid: pvc.metadata.uid.clone(),
                resource_version: pvc.metadata.resource_version.clone(),
                field_path: None,
            });
            let new = Arc::new(new);
            let name = new.metadata.name.clone().unwrap_or_default();
            assumed.volumes.insert(name, new.clone());
            reserved.volumes.push((new, pvc.clone()));
        }
        for pvc in &volumes.dynamic {
            let new = Arc::new(with_annotation(pvc.as_ref(), ANN_SELECTED_NODE, node));
            assumed.claims.insert(claim_key(&new), new.clone());
            reserved.claims.push(new);
        }
        *s.reserved.lock() = reserved;
        Status::success()
    }

    fn unreserve(&self, state: &CycleState, _: &PodInfo, _: &str) {
        let Some(s) = state.read::<State>(STATE_KEY) else {
            return;
        };
        let reserved = std::mem::take(&mut *s.reserved.lock());
        let mut assumed = self.assumed.lock();
        for (pv, _) in &reserved.volumes {
            let name = pv.metadata.name.as_deref().unwrap_or_default();
            if assumed
                .volumes
                .get(name)
                .is_some_and(|a| Arc::ptr_eq(a, pv))
            {
                assumed.volumes.remove(name);
            }
        }
        for pvc in &reserved.claims {
            let key = claim_key(pvc);
            if assumed
                .claims
                .get(&key)
                .is_some_and(|a| Arc::ptr_eq(a, pvc))
            {
                assumed.claims.remove(&key);
            }
        }
    }
}

fn api_error(what: &str, err: kube::Error) -> Status {
    Status::error(format!("binding volumes: {what}: {err}"))
}

impl VolumeBinding {
    /// Binds one static volume to its claim: the volume's claimRef (as the
    /// scheduler's binder does), then what the PV controller would finish —
    /// the claim's volumeName and annotations, and both Bound phases.
    async fn bind_static(
        &self,
        client: &Client,
        pv: &PersistentVolume,
        pvc: &PersistentVolumeClaim,
    ) -> Result<(), Status> {
        let pv_name = pv.metadata.name.clone().unwrap_or_default();
        let ns = pvc.metadata.namespace.clone().unwrap_or_default();
        let pvc_name = pvc.metadata.name.clone().unwrap_or_default();
        let pvs: Api<PersistentVolume> = Api::all(client.clone());
        let pvcs: Api<PersistentVolumeClaim> = Api::namespaced(client.clone(), &ns);
        let written = pvs
            .replace(&pv_name, &PostParams::default(), pv)
            .await
            .map_err(|e| api_error(&format!("updating persistentvolume {pv_name:?}"), e))?;
        let live = pvcs
            .get(&pvc_name)
            .await
            .map_err(|e| api_error(&format!("reading persistentvolumeclaim {pvc_name:?}"), e))?;
        if volume_name(&live).is_empty() || annotation(&live.metadata, ANN_BIND_COMPLETED).is_none()
        {
            let mut claim = with_annotation(&live, ANN_BIND_COMPLETED, "yes");
            if volume_name(&live).is_empty() {
                claim = with_annotation(&claim, ANN_BOUND_BY_CONTROLLER, "yes");
            }
            claim.spec.get_or_insert_with(Default::default).volume_name = Some(pv_name.clone());
            pvcs.replace(&pvc_name, &PostParams::default(), &claim)
                .await
                .map_err(|e| {
                    api_error(&format!("updating persistentvolumeclaim {pvc_name:?}"), e)
                })?;
        }
        let pv_spec = written.spec.as_ref();
        let status = json!({"status": {
            "phase": "Bound",
            "accessModes": pv_spec.and_then(|s| s.access_modes.clone()),
            "capacity": pv_spec.and_then(|s| s.capacity.clone()),
        }});
        pvcs.patch_status(&pvc_name, &PatchParams::default(), &Patch::Merge(&status))
            .await
            .map_err(|e| {
                api_error(
                    &format!("updating persistentvolumeclaim {pvc_name:?} status"),
                    e,
                )
            })?;
        pvs.patch_status(
            &pv_name,
            &PatchParams::default(),
            &Patch::Merge(&json!({"status": {"phase": "Bound"}})),
        )
        .await
        .map_err(|e| api_error(&format!("updating persistentvolume {pv_name:?} status"), e))?;
        Ok(())
    }
}

impl PreBind for VolumeBinding {
    fn pre_bind<'a>(
        &'a self,
        state: &'a CycleState,
        _: &'a Pod,
        _: &'a str,
    ) -> BoxFuture<'a, Status> {
        Box::pin(async move {
            let Some(s) = state.read::<State>(STATE_KEY) else {
                return Status::success();
            };
            let reserved = s.reserved.lock().clone();
            if reserved.all_bound {
                return Status::success();
            }
            let Some(client) = &self.client else {
                return Status {
                    code: Code::Error,
                    reasons: vec!["binding volumes: no API client".into()],
                    plugin: None,
                };
            };
            for (pv, pvc) in &reserved.volumes {
                if let Err(status) = self.bind_static(client, pv, pvc).await {
                    return status;
                }
            }
            for pvc in &reserved.claims {
                let ns = pvc.metadata.namespace.clone().unwrap_or_default();
                let name = pvc.metadata.name.clone().unwrap_or_default();
                let api: Api<PersistentVolumeClaim> = Api::namespaced(client.clone(), &ns);
                if let Err(e) = api.replace(&name, &PostParams::default(), pvc).await {
                    return api_error(&format!("updating persistentvolumeclaim {name:?}"), e);
                }
            }
            Status::success()
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::plugins::listers::StaticListers;
    use crate::plugins::testing::{info, node};

    macro_rules! from {
        ($v:expr) => {
            serde_json::from_value($v).unwrap_or_default()
        };
    }

    fn setup() -> (VolumeBinding, Arc<StaticListers>, Cache) {
        let listers = Arc::new(StaticListers::default());
        let mut cache = Cache::default();
        cache.upsert_node(node("n1", json!({"zone": "a"}), json!({})));
        cache.upsert_node(node("n2", json!({"zone": "a"}), json!({})));
        cache.upsert_node(node("n3", json!({"zone": "b"}), json!({})));
        listers.add_storage_class(from!(json!({"metadata": {"name": "local"},
            "provisioner": NO_PROVISIONER, "volumeBindingMode": "WaitForFirstConsumer"})));
        listers.add_storage_class(from!(json!({"metadata": {"name": "dynamic"},
            "provisioner": "example.com/csi", "volumeBindingMode": "WaitForFirstConsumer"})));
        listers.add_storage_class(from!(json!({"metadata": {"name": "zoned"},
            "provisioner": "example.com/csi", "volumeBindingMode": "WaitForFirstConsumer",
            "allowedTopologies": [{"matchLabelExpressions": [{"key": "zone", "values": ["a"]}]}]})));
        listers.add_storage_class(from!(json!({"metadata": {"name": "immediate"},
            "provisioner": "example.com/csi", "volumeBindingMode": "Immediate"})));
        (VolumeBinding::new(None, listers.clone()), listers, cache)
    }

    fn pvc(name: &str, class: &str, size: &str, extra: Value) -> PersistentVolumeClaim {
        let mut v = json!({"metadata": {"name": name, "namespace": "default", "uid": format!("uid-{name}")},
            "spec": {"storageClassName": class, "accessModes": ["ReadWriteOnce"],
                     "resources": {"requests": {"storage": size}}}});
        crate::plugins::testing::merge(&mut v, extra);
        from!(v)
    }

    fn pv(
        name: &str,
        class: &str,
        size: &str,
        host: Option<&str>,
        extra: Value,
    ) -> PersistentVolume {
        let mut v = json!({"metadata": {"name": name, "resourceVersion": "1"},
            "spec": {"storageClassName": class, "accessModes": ["ReadWriteOnce"],
                     "capacity": {"storage": size}},
            "status": {"phase": "Available"}});
        if let Some(h) = host {
            v["spec"]["nodeAffinity"] = json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [
                {"key": "kubernetes.io/hostname", "operator": "In", "values": [h]}]}]}});
        }
        crate::plugins::testing::merge(&mut v, extra);
        from!(v)
    }

    fn claimant(name: &str, claim: &str) -> Arc<PodInfo> {
        info(
            name,
            json!({"spec": {"volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": claim}}]}}),
        )
    }

    fn run(
        vb: &VolumeBinding,
        pod: &PodInfo,
        cache: &Cache,
    ) -> Result<(CycleState, Vec<Status>), Status> {
        let mut state = CycleState::default();
        let pre = vb.pre_filter(&mut state, pod, cache);
        if !pre.is_success() {
            return Err(pre);
        }
        let r = cache
            .nodes()
            .map(|n| vb.filter(&state, pod, n, cache))
            .collect();
        Ok((state, r))
    }

    #[test]
    fn pods_without_claims_skip() {
        let (vb, _, cache) = setup();
        let mut state = CycleState::default();
        assert_eq!(
            vb.pre_filter(&mut state, &info("p", json!({})), &cache)
                .code,
            Code::Skip
        );
    }

    #[test]
    fn missing_lost_and_immediate_claims_are_unresolvable() {
        let (vb, listers, cache) = setup();
        let err = run(&vb, &claimant("p", "data"), &cache).err();
        assert_eq!(
            err,
            Some(Status::unresolvable(
                "persistentvolumeclaim \"data\" not found"
            ))
        );
        let eph = info(
            "p",
            json!({"spec": {"volumes": [{"name": "scratch", "ephemeral": {"volumeClaimTemplate": {"spec": {}}}}]}}),
        );
        let err = run(&vb, &eph, &cache).err();
        assert_eq!(
            err,
            Some(Status::unresolvable(
                "waiting for ephemeral volume controller to create the persistentvolumeclaim \"p-scratch\""
            ))
        );
        listers.add_pvc(pvc("data", "immediate", "1Gi", json!({})));
        let err = run(&vb, &claimant("p", "data"), &cache).err();
        assert_eq!(err, Some(Status::unresolvable(ERR_UNBOUND_IMMEDIATE)));
        listers.add_pvc(pvc(
            "data",
            "immediate",
            "1Gi",
            json!({"status": {"phase": "Lost"}, "spec": {"volumeName": "gone"}}),
        ));
        let err = run(&vb, &claimant("p", "data"), &cache).err();
        assert_eq!(
            err,
            Some(Status::unresolvable(
                "persistentvolumeclaim \"data\" bound to non-existent persistentvolume \"gone\""
            ))
        );
    }

    #[test]
    fn ephemeral_claims_must_belong_to_the_pod() {
        let (vb, listers, cache) = setup();
        let eph = info(
            "p",
            json!({"spec": {"volumes": [{"name": "scratch", "ephemeral": {"volumeClaimTemplate": {"spec": {}}}}]}}),
        );
        listers.add_pvc(pvc("p-scratch", "dynamic", "1Gi", json!({})));
        let err = run(&vb, &eph, &cache).err();
        assert_eq!(
            err,
            Some(Status::unresolvable(
                "PVC default/p-scratch was not created for pod default/p (pod is not owner)"
            ))
        );
        listers.add_pvc(pvc(
            "p-scratch",
            "dynamic",
            "1Gi",
            json!({"metadata": {"ownerReferences": [{"apiVersion": "v1", "kind": "Pod", "name": "p", "uid": "uid-p", "controller": true}]}}),
        ));
        let (_, r) = run(&vb, &eph, &cache).unwrap_or_default();
        assert!(r.iter().all(Status::is_success), "{r:?}");
    }

    #[test]
    fn bound_claims_follow_their_volumes_node_affinity() {
        let (vb, listers, cache) = setup();
        let bound = json!({"metadata": {"annotations": {ANN_BIND_COMPLETED: "yes"}}, "spec": {"volumeName": "pv1"}});
        listers.add_pvc(pvc("data", "local", "1Gi", bound));
        let (_, r) = run(&vb, &claimant("p", "data"), &cache).unwrap_or_default();
        assert!(
            r.iter()
                .all(|s| *s == Status::unresolvable(ERR_PV_NOT_EXIST)),
            "{r:?}"
        );
        listers.add_pv(pv("pv1", "local", "1Gi", Some("n2"), json!({})));
        let (_, r) = run(&vb, &claimant("p", "data"), &cache).unwrap_or_default();
        assert_eq!(r[0], Status::unresolvable(ERR_NODE_CONFLICT));
        assert!(r[1].is_success());
        assert_eq!(r[2], Status::unresolvable(ERR_NODE_CONFLICT));
    }

    #[test]
    fn wait_for_first_consumer_picks_the_smallest_fitting_local_volume() {
        let (vb, listers, cache) = setup();
        listers.add_pvc(pvc("data", "local", "5Gi", json!({})));
        listers.add_pv(pv("small", "local", "1Gi", Some("n1"), json!({})));
        listers.add_pv(pv(
            "rox",
            "local",
            "50Gi",
            Some("n1"),
            json!({"spec": {"accessModes": ["ReadOnlyMany"]}}),
        ));
        listers.add_pv(pv("big", "local", "20Gi", Some("n2"), json!({})));
        listers.add_pv(pv("right", "local", "10Gi", Some("n2"), json!({})));
        listers.add_pv(pv(
            "pending",
            "local",
            "10Gi",
            Some("n3"),
            json!({"status": {"phase": "Pending"}}),
        ));
        let p = claimant("p", "data");
        let Ok((state, r)) = run(&vb, &p, &cache) else {
            panic!("prefilter failed");
        };
        assert_eq!(r[0], Status::unresolvable(ERR_BIND_CONFLICT));
        assert!(r[1].is_success());
        assert_eq!(r[2], Status::unresolvable(ERR_BIND_CONFLICT));
        assert!(vb.reserve(&state, &p, "n2").is_success());
        let assumed = vb
            .volume("right")
            .and_then(|v| v.spec.clone())
            .and_then(|s| s.claim_ref);
        assert_eq!(assumed.and_then(|r| r.name), Some("data".to_string()));
        // Another claim no longer sees the assumed volume.
        listers.add_pvc(pvc("other", "local", "5Gi", json!({})));
        let (_, r) = run(&vb, &claimant("q", "other"), &cache).unwrap_or_default();
        assert!(r[1].is_success(), "the 20Gi volume is still free: {r:?}");
        vb.unreserve(&state, &p, "n2");
        assert!(vb
            .volume("right")
            .and_then(|v| v.spec.clone())
            .and_then(|s| s.claim_ref)
            .is_none());
    }

    #[test]
    fn wait_for_first_consumer_provisions_where_the_class_allows() {
        let (vb, listers, cache) = setup();
        listers.add_pvc(pvc("data", "zoned", "5Gi", json!({})));
        let p = claimant("p", "data");
        let Ok((state, r)) = run(&vb, &p, &cache) else {
            panic!("prefilter failed");
        };
        assert!(r[0].is_success() && r[1].is_success());
        assert_eq!(r[2], Status::unresolvable(ERR_BIND_CONFLICT));
        assert!(vb.reserve(&state, &p, "n1").is_success());
        let selected = vb
            .claim("default", "data")
            .and_then(|c| annotation(&c.metadata, ANN_SELECTED_NODE).map(str::to_string));
        assert_eq!(selected.as_deref(), Some("n1"));
        // A claim with a selected node only fits that node.
        let (_, r) = run(&vb, &p, &cache).unwrap_or_default();
        assert!(r[0].is_success());
        assert_eq!(r[1], Status::unresolvable(ERR_BIND_CONFLICT));
        vb.unreserve(&state, &p, "n1");
        assert!(vb.claim("default", "data").is_some_and(|c| annotation(
            &c.metadata,
            ANN_SELECTED_NODE
        )
        .is_none()));
        // A class without a provisioner cannot help.
        listers.add_pvc(pvc("data", "local", "5Gi", json!({})));
        let (_, r) = run(&vb, &p, &cache).unwrap_or_default();
        assert!(r
            .iter()
            .all(|s| *s == Status::unresolvable(ERR_BIND_CONFLICT)));
    }

    #[test]
    fn prebound_volumes_are_used_only_if_they_fit_the_node() {
        let (vb, listers, cache) = setup();
        listers.add_pvc(pvc("data", "local", "1Gi", json!({})));
        listers.add_pv(pv(
            "mine",
            "local",
            "1Gi",
            Some("n3"),
            json!({"spec": {"claimRef": {"name": "data", "namespace": "default"}}, "status": {"phase": "Bound"}}),
        ));
        listers.add_pv(pv("free", "local", "1Gi", Some("n1"), json!({})));
        let (_, r) = run(&vb, &claimant("p", "data"), &cache).unwrap_or_default();
        assert!(
            !r[0].is_success(),
            "pre-bound volume wins over a free one: {r:?}"
        );
        assert!(r[2].is_success());
    }
}
