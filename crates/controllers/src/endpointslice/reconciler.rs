//! Turning a desired set of endpoints into EndpointSlice creations, updates and
//! deletions, the way Kubernetes' slice reconciler does: endpoints are grouped
//! by address type and by their (resolved) port set; existing slices keep the
//! endpoints that are still wanted (updated in place when they changed), slices
//! left empty are deleted, and remaining endpoints first fill slices already
//! being updated (fullest first), then an unchanged slice they fit in, then new
//! slices of at most `max_per_slice` endpoints. Creations are turned into
//! updates of slices that would otherwise be deleted, and a Service with no
//! endpoints keeps one empty placeholder slice.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

/// Label: the Service a slice belongs to.
pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
/// Label: the controller managing a slice.
pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";

/// The object slices are generated for (a Service, or the Endpoints being
/// mirrored) and how they are labelled.
#[derive(Clone, Debug)]
pub struct SliceOwner {
    /// Namespace.
    pub namespace: String,
    /// Name prefix source (the Service name).
    pub name: String,
    /// The controller reference every slice carries.
    pub owner_ref: OwnerReference,
    /// The labels every slice should have (reserved ones included).
    pub labels: BTreeMap<String, String>,
    /// Extra annotations every slice should have (mirroring copies them).
    pub annotations: BTreeMap<String, String>,
    /// Whether an empty placeholder slice is kept when there are no endpoints.
    pub placeholder: bool,
}

/// The endpoints wanted for one port set.
#[derive(Clone, Debug, Default)]
pub struct DesiredGroup {
    /// The resolved ports.
    pub ports: Vec<EndpointPort>,
    /// The endpoints.
    pub endpoints: Vec<Endpoint>,
}

/// What to write.
#[derive(Debug, Default)]
pub struct Plan {
    /// New slices (no name; `generateName` set).
    pub create: Vec<EndpointSlice>,
    /// Changed slices (with name and resource version).
    pub update: Vec<EndpointSlice>,
    /// Slices to delete.
    pub delete: Vec<EndpointSlice>,
}

impl Plan {
    /// Whether nothing needs writing.
    pub fn is_empty(&self) -> bool {
        self.create.is_empty() && self.update.is_empty() && self.delete.is_empty()
    }
}

/// A canonical key for a port set (order-insensitive).
pub fn ports_key(ports: &[EndpointPort]) -> String {
    let mut parts: Vec<String> = ports
        .iter()
        .map(|p| {
            format!(
                "{}/{}/{}/{}",
                p.name.as_deref().unwrap_or(""),
                p.port.map(|n| n.to_string()).unwrap_or_default(),
                p.protocol.as_deref().unwrap_or(""),
                p.app_protocol.as_deref().unwrap_or("")
            )
        })
        .collect();
    parts.sort();
    parts.join(",")
}

/// An endpoint's identity within a slice: its addresses and the object it
/// points at. Changes to other fields update the endpoint in place.
fn identity(e: &Endpoint) -> (Vec<String>, String, String, String) {
    let mut addresses = e.addresses.clone();
    addresses.sort();
    let (ns, name) = e
        .target_ref
        .as_ref()
        .map(|r| {
            (
                r.namespace.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
            )
        })
        .unwrap_or_default();
    (addresses, e.hostname.clone().unwrap_or_default(), ns, name)
}

fn without_rv(e: &Endpoint) -> Endpoint {
    let mut e = e.clone();
    if let Some(r) = e.target_ref.as_mut() {
        r.resource_version = None;
    }
    e
}

/// Whether two endpoints with the same identity carry the same information.
fn same_endpoint(a: &Endpoint, b: &Endpoint) -> bool {
    without_rv(a) == without_rv(b)
}

fn owned_by(slice: &EndpointSlice, owner: &SliceOwner) -> bool {
    slice.metadata.owner_references.iter().flatten().any(|o| {
        o.uid == owner.owner_ref.uid
            && o.kind == owner.owner_ref.kind
            && o.api_version == owner.owner_ref.api_version
    })
}

fn generate_name(service: &str) -> String {
    // A name with the dash is prettier, unless it would be too long.
    let prefix = format!("{service}-");
    if prefix.len() > 253 {
        service.to_string()
    } else {
        prefix
    }
}

/// A new, empty slice for `owner`.
pub fn new_slice(
    owner: &SliceOwner,
    address_type: &str,
    ports: Vec<EndpointPort>,
) -> EndpointSlice {
    EndpointSlice {
        metadata: ObjectMeta {
            generate_name: Some(generate_name(&owner.name)),
            namespace: Some(owner.namespace.clone()),
            owner_references: Some(vec![owner.owner_ref.clone()]),
            labels: Some(owner.labels.clone()),
            annotations: (!owner.annotations.is_empty()).then(|| owner.annotations.clone()),
            ..Default::default()
        },
        address_type: address_type.to_string(),
        endpoints: Vec::new(),
        ports: Some(ports),
    }
}

/// Whether the slice's labels (and owner-supplied annotations) differ from
/// what the owner wants.
fn meta_changed(slice: &EndpointSlice, owner: &SliceOwner) -> bool {
    let labels = slice.metadata.labels.clone().unwrap_or_default();
    if labels != owner.labels {
        return true;
    }
    let annotations = slice.metadata.annotations.clone().unwrap_or_default();
    owner
        .annotations
        .iter()
        .any(|(k, v)| annotations.get(k) != Some(v))
}

fn apply_meta(slice: &mut EndpointSlice, owner: &SliceOwner) {
    slice.metadata.labels = Some(owner.labels.clone());
    if !owner.annotations.is_empty() {
        let mut a = slice.metadata.annotations.take().unwrap_or_default();
        for (k, v) in &owner.annotations {
            a.insert(k.clone(), v.clone());
        }
        slice.metadata.annotations = Some(a);
    }
}

/// Plans the changes for every address type of `owner`. `desired` maps an
/// address type to its port groups; address types absent from it have their
/// slices deleted. `existing` are the slices labelled as this controller's for
/// the owner.
pub fn reconcile(
    owner: &SliceOwner,
    desired: &BTreeMap<String, Vec<DesiredGroup>>,
    existing: &[EndpointSlice],
    max_per_slice: usize,
) -> Plan {
    let max_per_slice = max_per_slice.max(1);
    let mut plan = Plan::default();
    let mut by_type: BTreeMap<String, Vec<EndpointSlice>> = BTreeMap::new();
    for slice in existing {
        if !desired.contains_key(&slice.address_type) {
            plan.delete.push(slice.clone());
        } else {
            by_type
                .entry(slice.address_type.clone())
                .or_default()
                .push(slice.clone());
        }
    }
    for (address_type, groups) in desired {
        let slices = by_type.remove(address_type).unwrap_or_default();
        let part = reconcile_address_type(owner, address_type, groups, &slices, max_per_slice);
        plan.create.extend(part.create);
        plan.update.extend(part.update);
        plan.delete.extend(part.delete);
    }
    finalize(owner, plan)
}

fn reconcile_address_type(
    owner: &SliceOwner,
    address_type: &str,
    groups: &[DesiredGroup],
    existing: &[EndpointSlice],
    max_per_slice: usize,
) -> Plan {
    let mut plan = Plan::default();
    let mut existing_by_ports: BTreeMap<String, Vec<EndpointSlice>> = BTreeMap::new();
    for slice in existing {
        if owned_by(slice, owner) {
            existing_by_ports
                .entry(ports_key(slice.ports.as_deref().unwrap_or(&[])))
                .or_default()
                .push(slice.clone());
        } else {
            plan.delete.push(slice.clone());
        }
    }
    // Merge groups with the same port set.
    let mut merged: BTreeMap<String, DesiredGroup> = BTreeMap::new();
    for g in groups {
        if g.endpoints.is_empty() {
            continue;
        }
        let entry = merged
            .entry(ports_key(&g.ports))
            .or_insert_with(|| DesiredGroup {
                ports: g.ports.clone(),
                endpoints: Vec::new(),
            });
        entry.endpoints.extend(g.endpoints.iter().cloned());
    }
    for (key, group) in &merged {
        let slices = existing_by_ports.remove(key).unwrap_or_default();
        let part = reconcile_ports(owner, address_type, group, &slices, max_per_slice);
        plan.create.extend(part.create);
        plan.update.extend(part.update);
        plan.delete.extend(part.delete);
    }
    for (_, slices) in existing_by_ports {
        plan.delete.extend(slices);
    }
    if owner.placeholder && existing.len() == plan.delete.len() && plan.create.is_empty() {
        let placeholder = new_slice(owner, address_type, Vec::new());
        let keep = plan.delete.len() == 1 && is_placeholder_for(&plan.delete[0], owner);
        if keep {
            plan.delete.clear();
        } else {
            plan.create.push(placeholder);
        }
    }
    plan
}

fn is_placeholder_for(slice: &EndpointSlice, owner: &SliceOwner) -> bool {
    slice.endpoints.is_empty()
        && slice.ports.as_deref().unwrap_or(&[]).is_empty()
        && owned_by(slice, owner)
        && slice.metadata.labels.clone().unwrap_or_default() == owner.labels
}

fn reconcile_ports(
    owner: &SliceOwner,
    address_type: &str,
    group: &DesiredGroup,
    existing: &[EndpointSlice],
    max_per_slice: usize,
) -> Plan {
    let mut plan = Plan::default();
    // Desired endpoints by identity, in a stable order.
    let mut wanted: BTreeMap<(Vec<String>, String, String, String), Endpoint> = group
        .endpoints
        .iter()
        .map(|e| (identity(e), e.clone()))
        .collect();
    let mut to_update: Vec<EndpointSlice> = Vec::new();
    let mut unchanged: Vec<EndpointSlice> = Vec::new();
    for slice in existing {
        let mut kept = Vec::new();
        let mut changed = false;
        for e in &slice.endpoints {
            if let Some(want) = wanted.remove(&identity(e)) {
                if !same_endpoint(&want, e) {
                    changed = true;
                }
                kept.push(want);
            }
        }
        if changed || kept.len() != slice.endpoints.len() {
            if kept.is_empty() {
                plan.delete.push(slice.clone());
            } else {
                let mut s = slice.clone();
                s.endpoints = kept;
                apply_meta(&mut s, owner);
                to_update.push(s);
            }
        } else if meta_changed(slice, owner) {
            let mut s = slice.clone();
            apply_meta(&mut s, owner);
            to_update.push(s);
        } else {
            unchanged.push(slice.clone());
        }
    }
    let mut remaining: Vec<Endpoint> = wanted.into_values().collect();
    remaining.reverse(); // pop() yields them in order
                         // Fill slices already being updated, fullest first.
    to_update.sort_by_key(|s| std::cmp::Reverse(s.endpoints.len()));
    for s in to_update.iter_mut() {
        while s.endpoints.len() < max_per_slice {
            let Some(e) = remaining.pop() else { break };
            s.endpoints.push(e);
        }
    }
    // Then an unchanged slice they all fit in, then new slices.
    while !remaining.is_empty() {
        let mut target: Option<EndpointSlice> = None;
        if remaining.len() < max_per_slice {
            let mut best: Option<(usize, usize)> = None;
            for (i, s) in unchanged.iter().enumerate() {
                let free = max_per_slice.saturating_sub(remaining.len() + s.endpoints.len());
                let fits = remaining.len() + s.endpoints.len() <= max_per_slice;
                if fits && best.is_none_or(|(_, f)| free < f) {
                    best = Some((i, free));
                }
            }
            if let Some((i, _)) = best {
                let mut s = unchanged.remove(i);
                apply_meta(&mut s, owner);
                target = Some(s);
            }
        }
        let mut slice =
            target.unwrap_or_else(|| new_slice(owner, address_type, group.ports.clone()));
        while slice.endpoints.len() < max_per_slice {
            let Some(e) = remaining.pop() else { break };
            slice.endpoints.push(e);
        }
        if slice.metadata.name.is_some() {
            to_update.push(slice);
        } else {
            plan.create.push(slice);
        }
    }
    plan.update = to_update;
    plan
}

/// Turns creations into updates of slices that would be deleted (same address
/// type), keeping slice names stable and writes few.
fn finalize(owner: &SliceOwner, mut plan: Plan) -> Plan {
    let mut creates = std::mem::take(&mut plan.create);
    let mut keep_creating = Vec::new();
    while let Some(mut new) = creates.pop() {
        let reuse = plan
            .delete
            .iter()
            .position(|d| d.address_type == new.address_type && owned_by(d, owner));
        match reuse {
            Some(i) => {
                let old = plan.delete.remove(i);
                new.metadata.name = old.metadata.name.clone();
                new.metadata.generate_name = None;
                new.metadata.resource_version = old.metadata.resource_version.clone();
                new.metadata.uid = old.metadata.uid.clone();
                new.metadata.annotations = merge_annotations(
                    old.metadata.annotations.clone(),
                    new.metadata.annotations.take(),
                );
                plan.update.push(new);
            }
            None => keep_creating.push(new),
        }
    }
    keep_creating.reverse();
    plan.create = keep_creating;
    plan
}

fn merge_annotations(
    old: Option<BTreeMap<String, String>>,
    new: Option<BTreeMap<String, String>>,
) -> Option<BTreeMap<String, String>> {
    let mut out = old.unwrap_or_default();
    out.extend(new.unwrap_or_default());
    (!out.is_empty()).then_some(out)
}

/// Names of the pods referenced by a set of slices (for tests).
pub fn referenced_pods(slices: &[EndpointSlice]) -> BTreeSet<String> {
    slices
        .iter()
        .flat_map(|s| s.endpoints.iter())
        .filter_map(|e| {
            e.target_ref
                .as_ref()
                .and_then(|r: &ObjectReference| r.name.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner() -> SliceOwner {
        SliceOwner {
            namespace: "ns".into(),
            name: "web".into(),
            owner_ref: OwnerReference {
                api_version: "v1".into(),
                kind: "Service".into(),
                name: "web".into(),
                uid: "svc-uid".into(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            },
            labels: BTreeMap::from([
                (SERVICE_NAME_LABEL.to_string(), "web".to_string()),
                (
                    MANAGED_BY_LABEL.to_string(),
                    "endpointslice-controller.k8s.io".to_string(),
                ),
            ]),
            annotations: BTreeMap::new(),
            placeholder: true,
        }
    }

    fn port(n: i32) -> EndpointPort {
        EndpointPort {
            name: Some("http".into()),
            port: Some(n),
            protocol: Some("TCP".into()),
            app_protocol: None,
        }
    }

    fn ep(i: usize, ready: bool) -> Endpoint {
        Endpoint {
            addresses: vec![format!("10.42.{}.{}", i / 200, i % 200 + 1)],
            conditions: Some(k8s_openapi::api::discovery::v1::EndpointConditions {
                ready: Some(ready),
                serving: Some(ready),
                terminating: Some(false),
            }),
            target_ref: Some(ObjectReference {
                kind: Some("Pod".into()),
                namespace: Some("ns".into()),
                name: Some(format!("pod-{i:04}")),
                uid: Some(format!("uid-{i}")),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn desired(eps: Vec<Endpoint>, p: i32) -> BTreeMap<String, Vec<DesiredGroup>> {
        BTreeMap::from([(
            "IPv4".to_string(),
            vec![DesiredGroup {
                ports: vec![port(p)],
                endpoints: eps,
            }],
        )])
    }

    /// Applies a plan to a set of slices, naming created ones.
    fn apply(existing: Vec<EndpointSlice>, plan: Plan, counter: &mut usize) -> Vec<EndpointSlice> {
        let deleted: BTreeSet<String> = plan
            .delete
            .iter()
            .filter_map(|s| s.metadata.name.clone())
            .collect();
        let mut out: BTreeMap<String, EndpointSlice> = existing
            .into_iter()
            .filter(|s| !deleted.contains(s.metadata.name.as_deref().unwrap_or("")))
            .map(|s| (s.metadata.name.clone().unwrap_or_default(), s))
            .collect();
        for s in plan.update {
            out.insert(s.metadata.name.clone().unwrap_or_default(), s);
        }
        for mut s in plan.create {
            *counter += 1;
            let name = format!("web-{counter}");
            s.metadata.name = Some(name.clone());
            out.insert(name, s);
        }
        out.into_values().collect()
    }

    #[test]
    fn packs_at_most_max_per_slice() {
        let plan = reconcile(
            &owner(),
            &desired((0..250).map(|i| ep(i, true)).collect(), 80),
            &[],
            100,
        );
        assert_eq!(plan.create.len(), 3);
        let mut sizes: Vec<usize> = plan.create.iter().map(|s| s.endpoints.len()).collect();
        sizes.sort();
        assert_eq!(sizes, vec![50, 100, 100]);
        for s in &plan.create {
            assert_eq!(s.metadata.generate_name.as_deref(), Some("web-"));
            assert_eq!(s.address_type, "IPv4");
            assert_eq!(s.ports.as_ref().map(|p| p[0].port), Some(Some(80)));
        }
    }

    #[test]
    fn placeholder_when_no_endpoints_and_kept_stable() {
        let mut n = 0;
        let plan = reconcile(&owner(), &desired(vec![], 80), &[], 100);
        assert_eq!(plan.create.len(), 1);
        assert!(plan.create[0].endpoints.is_empty());
        assert!(plan.create[0].ports.as_ref().is_some_and(Vec::is_empty));
        let slices = apply(vec![], plan, &mut n);
        let again = reconcile(&owner(), &desired(vec![], 80), &slices, 100);
        assert!(
            again.is_empty(),
            "placeholder is kept, not recreated: {again:?}"
        );
        // Pods appear: the placeholder is reused (updated), not deleted and recreated.
        let with_pods = reconcile(&owner(), &desired(vec![ep(1, true)], 80), &slices, 100);
        assert!(with_pods.create.is_empty() && with_pods.delete.is_empty());
        assert_eq!(with_pods.update.len(), 1);
        assert_eq!(with_pods.update[0].metadata.name.as_deref(), Some("web-1"));
        assert_eq!(with_pods.update[0].endpoints.len(), 1);
    }

    #[test]
    fn removals_and_changes_update_in_place_and_empty_slices_go() {
        let mut n = 0;
        let slices = apply(
            vec![],
            reconcile(
                &owner(),
                &desired((0..150).map(|i| ep(i, true)).collect(), 80),
                &[],
                100,
            ),
            &mut n,
        );
        assert_eq!(slices.len(), 2);
        // Drop the 50 endpoints of the smaller slice and flip one in the other.
        let small: BTreeSet<String> = slices
            .iter()
            .find(|s| s.endpoints.len() == 50)
            .map(|s| referenced_pods(std::slice::from_ref(s)))
            .unwrap_or_default();
        let mut keep: Vec<Endpoint> = (0..150)
            .map(|i| ep(i, true))
            .filter(|e| {
                !small.contains(
                    e.target_ref
                        .as_ref()
                        .and_then(|r| r.name.as_deref())
                        .unwrap_or(""),
                )
            })
            .collect();
        keep[0].conditions.as_mut().expect("conditions").ready = Some(false);
        let plan = reconcile(&owner(), &desired(keep.clone(), 80), &slices, 100);
        assert_eq!(plan.delete.len(), 1);
        assert_eq!(plan.update.len(), 1);
        assert!(plan.create.is_empty());
        let slices = apply(slices, plan, &mut n);
        assert_eq!(referenced_pods(&slices).len(), 100);
        // Converged.
        assert!(reconcile(&owner(), &desired(keep, 80), &slices, 100).is_empty());
    }

    #[test]
    fn new_endpoints_fill_an_unchanged_slice_that_fits() {
        let mut n = 0;
        let slices = apply(
            vec![],
            reconcile(
                &owner(),
                &desired((0..120).map(|i| ep(i, true)).collect(), 80),
                &[],
                100,
            ),
            &mut n,
        );
        let plan = reconcile(
            &owner(),
            &desired((0..125).map(|i| ep(i, true)).collect(), 80),
            &slices,
            100,
        );
        assert!(plan.create.is_empty());
        assert_eq!(plan.update.len(), 1);
        assert_eq!(plan.update[0].endpoints.len(), 25);
    }

    #[test]
    fn port_change_moves_endpoints_reusing_the_slice_name() {
        let mut n = 0;
        let slices = apply(
            vec![],
            reconcile(&owner(), &desired(vec![ep(1, true)], 80), &[], 100),
            &mut n,
        );
        let plan = reconcile(&owner(), &desired(vec![ep(1, true)], 8080), &slices, 100);
        assert!(plan.create.is_empty() && plan.delete.is_empty());
        assert_eq!(plan.update[0].metadata.name.as_deref(), Some("web-1"));
        assert_eq!(
            plan.update[0].ports.as_ref().map(|p| p[0].port),
            Some(Some(8080))
        );
    }

    #[test]
    fn unsupported_address_types_and_foreign_slices_are_deleted() {
        let mut n = 0;
        let mut slices = apply(
            vec![],
            reconcile(&owner(), &desired(vec![ep(1, true)], 80), &[], 100),
            &mut n,
        );
        let mut v6 = new_slice(&owner(), "IPv6", vec![]);
        v6.metadata.name = Some("web-v6".into());
        slices.push(v6);
        let mut foreign = new_slice(&owner(), "IPv4", vec![port(80)]);
        foreign.metadata.name = Some("web-old".into());
        if let Some(o) = foreign.metadata.owner_references.as_mut() {
            o[0].uid = "previous-service-uid".into();
        }
        slices.push(foreign);
        let plan = reconcile(&owner(), &desired(vec![ep(1, true)], 80), &slices, 100);
        let deleted: BTreeSet<String> = plan
            .delete
            .iter()
            .filter_map(|s| s.metadata.name.clone())
            .collect();
        assert_eq!(
            deleted,
            BTreeSet::from(["web-old".to_string(), "web-v6".to_string()])
        );
        assert!(plan.create.is_empty() && plan.update.is_empty());
    }

    #[test]
    fn label_changes_update_slices() {
        let mut n = 0;
        let slices = apply(
            vec![],
            reconcile(&owner(), &desired(vec![ep(1, true)], 80), &[], 100),
            &mut n,
        );
        let mut relabelled = owner();
        relabelled.labels.insert("app".into(), "web".into());
        let plan = reconcile(&relabelled, &desired(vec![ep(1, true)], 80), &slices, 100);
        assert_eq!(plan.update.len(), 1);
        assert_eq!(
            plan.update[0]
                .metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("app"))
                .map(String::as_str),
            Some("web")
        );
    }
}
