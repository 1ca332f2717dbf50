//! Validation of `metadata` (ObjectMeta): names, namespace, labels, annotations,
//! finalizers, owner references and managed fields.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    ManagedFieldsEntry, ObjectMeta, OwnerReference,
};
use serde_json::Value;

use super::names::{is_dns1123_label, is_qualified_name, is_valid_label_value};
use super::{ErrorList, FieldError, FieldPath};

/// Upper bound on the summed length of all annotation keys and values (256 KiB).
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// Finalizer that orphans dependents when the owner is deleted.
pub const FINALIZER_ORPHAN_DEPENDENTS: &str = "orphan";
/// Finalizer that deletes dependents in the foreground before the owner goes.
pub const FINALIZER_DELETE_DEPENDENTS: &str = "foregroundDeletion";
/// Namespace finalizer owned by the namespace controller.
pub const FINALIZER_KUBERNETES: &str = "kubernetes";

/// Finalizer names that may appear without a domain prefix.
pub const STANDARD_FINALIZERS: &[&str] = &[
    FINALIZER_KUBERNETES,
    FINALIZER_ORPHAN_DEPENDENTS,
    FINALIZER_DELETE_DEPENDENTS,
];

/// Message used when an immutable field changes on update.
pub const FIELD_IMMUTABLE: &str = "field is immutable";

/// A name validator: `(name, is_generate_name_prefix) -> problems`.
pub type NameValidator = fn(&str, bool) -> Vec<String>;

/// Options for [`validate_object_meta`].
#[derive(Debug, Clone, Copy)]
pub struct ObjectMetaOptions {
    /// The resource is namespaced (namespace required) or cluster-scoped (forbidden).
    pub requires_namespace: bool,
    /// The name rule for this resource (for example [`super::name_is_dns_subdomain`]).
    pub name_fn: NameValidator,
    /// Apply the core API's finalizer rule: un-prefixed finalizers must be one of
    /// [`STANDARD_FINALIZERS`]. Custom resources do not apply it.
    pub standard_finalizers_only: bool,
}

impl Default for ObjectMetaOptions {
    fn default() -> Self {
        ObjectMetaOptions {
            requires_namespace: true,
            name_fn: super::names::name_is_dns_subdomain,
            standard_finalizers_only: true,
        }
    }
}

/// Validates label keys and values; errors point at `path` (e.g. `metadata.labels`).
pub fn validate_labels(labels: &BTreeMap<String, String>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for (k, v) in labels {
        for msg in is_qualified_name(k) {
            errs.push(FieldError::invalid(path, k.as_str(), msg));
        }
        for msg in is_valid_label_value(v) {
            errs.push(FieldError::invalid(path, v.as_str(), msg));
        }
    }
    errs
}

/// Validates annotation keys (qualified names, case-insensitively) and the 256 KiB
/// total size limit.
pub fn validate_annotations(annotations: &BTreeMap<String, String>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut total = 0usize;
    for (k, v) in annotations {
        for msg in is_qualified_name(&k.to_lowercase()) {
            errs.push(FieldError::invalid(path, k.as_str(), msg));
        }
        total = total.saturating_add(k.len()).saturating_add(v.len());
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(
            path,
            Some(TOTAL_ANNOTATION_SIZE_LIMIT),
        ));
    }
    errs
}

/// Validates one finalizer name. With `standard_only`, a name without a `/` must be one
/// of [`STANDARD_FINALIZERS`].
pub fn validate_finalizer_name(name: &str, path: &FieldPath, standard_only: bool) -> ErrorList {
    let mut errs: ErrorList = is_qualified_name(name)
        .into_iter()
        .map(|msg| FieldError::invalid(path, name, msg))
        .collect();
    if errs.is_empty()
        && standard_only
        && !name.contains('/')
        && !STANDARD_FINALIZERS.contains(&name)
    {
        errs.push(FieldError::invalid(
            path,
            name,
            "finalizer is neither a standard finalizer nor domain-qualified",
        ));
    }
    errs
}

/// Validates the finalizer list: each name, and that `orphan` and `foregroundDeletion`
/// are not both present.
pub fn validate_finalizers(
    finalizers: &[String],
    path: &FieldPath,
    standard_only: bool,
) -> ErrorList {
    let mut errs = ErrorList::new();
    for f in finalizers {
        errs.extend(validate_finalizer_name(f, path, standard_only));
    }
    let has = |n: &str| finalizers.iter().any(|f| f == n);
    if has(FINALIZER_ORPHAN_DEPENDENTS) && has(FINALIZER_DELETE_DEPENDENTS) {
        errs.push(FieldError::invalid(
            path,
            Value::from(finalizers.to_vec()),
            format!(
                "finalizers {FINALIZER_ORPHAN_DEPENDENTS} and {FINALIZER_DELETE_DEPENDENTS} are mutually exclusive"
            ),
        ));
    }
    errs
}

/// Validates owner references: apiVersion has a version, kind/name/uid present, Events
/// are never owners, and at most one reference is the controller.
pub fn validate_owner_references(refs: &[OwnerReference], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut first_controller: Option<String> = None;
    for r in refs {
        let version = r.api_version.rsplit('/').next().unwrap_or_default();
        let group = r.api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
        if version.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("apiVersion"),
                r.api_version.as_str(),
                "version must not be empty",
            ));
        }
        if r.kind.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("kind"),
                "",
                "kind must not be empty",
            ));
        }
        if r.name.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("name"),
                "",
                "name must not be empty",
            ));
        }
        if r.uid.is_empty() {
            errs.push(FieldError::invalid(
                &path.child("uid"),
                "",
                "uid must not be empty",
            ));
        }
        if group.is_empty() && version == "v1" && r.kind == "Event" {
            errs.push(FieldError::invalid(
                path,
                serde_json::to_value(r).unwrap_or(Value::Null),
                "/v1, Kind=Event may not be an owner",
            ));
        }
        if r.controller == Some(true) {
            let this = format!("{}/{}", r.kind, r.name);
            match &first_controller {
                Some(first) => errs.push(FieldError::invalid(
                    path,
                    serde_json::to_value(refs).unwrap_or(Value::Null),
                    format!(
                        "at most one owner reference may set controller to true; found it on {first} and {this}"
                    ),
                )),
                None => first_controller = Some(this),
            }
        }
    }
    errs
}

/// Validates managed field entries: operation is `Apply` or `Update` and fieldsType is
/// `FieldsV1`.
pub fn validate_managed_fields(entries: &[ManagedFieldsEntry], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, e) in entries.iter().enumerate() {
        let p = path.index(i);
        let op = e.operation.as_deref().unwrap_or("");
        if op != "Apply" && op != "Update" {
            errs.push(FieldError::not_supported(
                &p.child("operation"),
                op,
                &["Apply", "Update"],
            ));
        }
        let ft = e.fields_type.as_deref().unwrap_or("");
        if ft != "FieldsV1" {
            errs.push(FieldError::not_supported(
                &p.child("fieldsType"),
                ft,
                &["FieldsV1"],
            ));
        }
    }
    errs
}

/// Validates an object's metadata on create. `path` is normally `metadata`.
pub fn validate_object_meta(
    meta: &ObjectMeta,
    opts: &ObjectMetaOptions,
    path: &FieldPath,
) -> ErrorList {
    let mut errs = ErrorList::new();
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        for msg in (opts.name_fn)(generate_name, true) {
            errs.push(FieldError::invalid(
                &path.child("generateName"),
                generate_name,
                msg,
            ));
        }
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        errs.push(FieldError::required(
            &path.child("name"),
            "name or generateName is required",
        ));
    } else {
        for msg in (opts.name_fn)(name, false) {
            errs.push(FieldError::invalid(&path.child("name"), name, msg));
        }
    }
    let namespace = meta.namespace.as_deref().unwrap_or("");
    if opts.requires_namespace {
        if namespace.is_empty() {
            errs.push(FieldError::required(&path.child("namespace"), ""));
        } else {
            for msg in is_dns1123_label(namespace) {
                errs.push(FieldError::invalid(
                    &path.child("namespace"),
                    namespace,
                    msg,
                ));
            }
        }
    } else if !namespace.is_empty() {
        errs.push(FieldError::forbidden(
            &path.child("namespace"),
            "not allowed on this type",
        ));
    }
    if let Some(g) = meta.generation {
        if g < 0 {
            errs.push(FieldError::invalid(
                &path.child("generation"),
                g,
                "must be greater than or equal to 0",
            ));
        }
    }
    errs.extend(common_meta_checks(meta, opts, path));
    errs
}

fn common_meta_checks(meta: &ObjectMeta, opts: &ObjectMetaOptions, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = BTreeMap::new();
    errs.extend(validate_labels(
        meta.labels.as_ref().unwrap_or(&empty),
        &path.child("labels"),
    ));
    errs.extend(validate_annotations(
        meta.annotations.as_ref().unwrap_or(&empty),
        &path.child("annotations"),
    ));
    errs.extend(validate_owner_references(
        meta.owner_references.as_deref().unwrap_or(&[]),
        &path.child("ownerReferences"),
    ));
    errs.extend(validate_finalizers(
        meta.finalizers.as_deref().unwrap_or(&[]),
        &path.child("finalizers"),
        opts.standard_finalizers_only,
    ));
    errs.extend(validate_managed_fields(
        meta.managed_fields.as_deref().unwrap_or(&[]),
        &path.child("managedFields"),
    ));
    errs
}

fn immutable<T: PartialEq + serde::Serialize>(
    new: &T,
    old: &T,
    path: &FieldPath,
) -> Option<FieldError> {
    (new != old).then(|| {
        FieldError::invalid(
            path,
            serde_json::to_value(new).unwrap_or(Value::Null),
            FIELD_IMMUTABLE,
        )
    })
}

/// Validates metadata changes on update: immutable identity fields, resourceVersion
/// present, generation not decreasing, no new finalizers while deleting, plus the
/// label/annotation/owner/finalizer checks.
pub fn validate_object_meta_update(
    new: &ObjectMeta,
    old: &ObjectMeta,
    opts: &ObjectMetaOptions,
    path: &FieldPath,
) -> ErrorList {
    let mut errs = ErrorList::new();
    if old.deletion_timestamp.is_some() {
        let old_set: BTreeSet<&String> = old.finalizers.iter().flatten().collect();
        let extra: BTreeSet<&String> = new
            .finalizers
            .iter()
            .flatten()
            .filter(|f| !old_set.contains(f))
            .collect();
        if !extra.is_empty() {
            let names: Vec<&str> = extra.iter().map(|s| s.as_str()).collect();
            errs.push(FieldError::forbidden(
                &path.child("finalizers"),
                format!(
                    "no new finalizers may be added while the object is being deleted, found new finalizers {names:?}"
                ),
            ));
        }
    }
    if new.resource_version.as_deref().unwrap_or("").is_empty() {
        errs.push(FieldError::invalid(
            &path.child("resourceVersion"),
            "",
            "must be specified for an update",
        ));
    }
    let (ng, og) = (new.generation.unwrap_or(0), old.generation.unwrap_or(0));
    if ng < og {
        errs.push(FieldError::invalid(
            &path.child("generation"),
            ng,
            "must not be decremented",
        ));
    }
    let checks = [
        immutable(&new.name, &old.name, &path.child("name")),
        immutable(&new.namespace, &old.namespace, &path.child("namespace")),
        immutable(&new.uid, &old.uid, &path.child("uid")),
        immutable(
            &new.creation_timestamp,
            &old.creation_timestamp,
            &path.child("creationTimestamp"),
        ),
        immutable(
            &new.deletion_timestamp,
            &old.deletion_timestamp,
            &path.child("deletionTimestamp"),
        ),
        immutable(
            &new.deletion_grace_period_seconds,
            &old.deletion_grace_period_seconds,
            &path.child("deletionGracePeriodSeconds"),
        ),
    ];
    errs.extend(checks.into_iter().flatten());
    errs.extend(common_meta_checks(new, opts, path));
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_path() -> FieldPath {
        FieldPath::new("metadata")
    }

    fn named(name: &str) -> ObjectMeta {
        ObjectMeta {
            name: Some(name.to_string()),
            namespace: Some("default".to_string()),
            ..Default::default()
        }
    }

    #[test]
    fn name_required_and_checked() {
        let opts = ObjectMetaOptions::default();
        let errs = validate_object_meta(&ObjectMeta::default(), &opts, &meta_path());
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["metadata.name", "metadata.namespace"]);
        assert_eq!(errs.0[0].reason(), "FieldValueRequired");

        let errs = validate_object_meta(&named("Foo_"), &opts, &meta_path());
        assert_eq!(errs.len(), 1);
        assert!(errs.0[0]
            .to_string()
            .starts_with("metadata.name: Invalid value: \"Foo_\": "));

        assert!(validate_object_meta(&named("ok-name.x"), &opts, &meta_path()).is_empty());
    }

    #[test]
    fn generate_name_and_namespace_rules() {
        let opts = ObjectMetaOptions::default();
        let meta = ObjectMeta {
            name: Some("x".into()),
            generate_name: Some("web-".into()),
            namespace: Some("Bad".into()),
            ..Default::default()
        };
        let errs = validate_object_meta(&meta, &opts, &meta_path());
        assert_eq!(errs.len(), 1);
        assert_eq!(errs.0[0].field, "metadata.namespace");

        let cluster = ObjectMetaOptions {
            requires_namespace: false,
            ..opts
        };
        let errs = validate_object_meta(&named("x"), &cluster, &meta_path());
        assert_eq!(errs.0[0].reason(), "FieldValueForbidden");
    }

    #[test]
    fn labels_and_annotations() {
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), "web".to_string());
        labels.insert("bad key".to_string(), "-x".to_string());
        let errs = validate_labels(&labels, &FieldPath::new("metadata").child("labels"));
        assert_eq!(errs.len(), 2);
        assert!(errs.iter().all(|e| e.field == "metadata.labels"));

        let mut ann = BTreeMap::new();
        ann.insert("Example.com/Thing".to_string(), "x".repeat(10));
        assert!(validate_annotations(&ann, &meta_path()).is_empty());
        ann.insert("big".to_string(), "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT));
        let errs = validate_annotations(&ann, &meta_path());
        assert_eq!(errs.len(), 1);
        assert_eq!(errs.0[0].reason(), "FieldValueTooLong");
    }

    #[test]
    fn finalizers() {
        let p = FieldPath::new("metadata").child("finalizers");
        let ok: Vec<String> = [
            "kubernetes.io/pv-protection",
            "foregroundDeletion",
            "kubernetes",
            "example.com/x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert!(validate_finalizers(&ok, &p, true).is_empty());
        let bad = vec!["custom".to_string()];
        assert_eq!(validate_finalizers(&bad, &p, true).len(), 1);
        assert!(validate_finalizers(&bad, &p, false).is_empty());
        let both = vec!["orphan".to_string(), "foregroundDeletion".to_string()];
        assert_eq!(validate_finalizers(&both, &p, true).len(), 1);
    }

    #[test]
    fn owner_refs() {
        let r = OwnerReference {
            api_version: "apps/v1".into(),
            kind: "ReplicaSet".into(),
            name: "rs".into(),
            uid: "u1".into(),
            controller: Some(true),
            ..Default::default()
        };
        let p = FieldPath::new("metadata").child("ownerReferences");
        assert!(validate_owner_references(std::slice::from_ref(&r), &p).is_empty());
        let errs = validate_owner_references(&[r.clone(), r], &p);
        assert_eq!(errs.len(), 1);
        let ev = OwnerReference {
            api_version: "v1".into(),
            kind: "Event".into(),
            name: "e".into(),
            uid: "u".into(),
            ..Default::default()
        };
        assert_eq!(validate_owner_references(&[ev], &p).len(), 1);
    }

    #[test]
    fn update_rules() {
        let opts = ObjectMetaOptions::default();
        let mut old = named("a");
        old.resource_version = Some("1".into());
        old.generation = Some(2);
        let mut new = old.clone();
        new.name = Some("b".into());
        new.generation = Some(1);
        new.resource_version = None;
        let errs = validate_object_meta_update(&new, &old, &opts, &meta_path());
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "metadata.resourceVersion",
                "metadata.generation",
                "metadata.name"
            ]
        );
        assert!(errs.0[2].to_string().ends_with(FIELD_IMMUTABLE));
    }
}
