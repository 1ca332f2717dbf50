//! The PersistentVolume strategy: reclaim policy Retain and volume mode
//! Filesystem by default, status Pending on create with the phase transition
//! time kept current, capacity/access modes/exactly one source required, and
//! the volume source and mode immutable.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath, FIELD_IMMUTABLE};
use serde_json::{json, Value};

use super::json::{default_field, has, items, str_of, str_or_empty};
use super::resources::{parse_quantity, validate_quantity_value};
use crate::registry::meta::now_rfc3339;
use crate::registry::strategy::{Strategy, StrategyCtx};

/// Volume sources a PersistentVolume may use.
pub const PV_SOURCES: &[&str] = &[
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "hostPath",
    "glusterfs",
    "nfs",
    "rbd",
    "iscsi",
    "cinder",
    "cephfs",
    "fc",
    "flocker",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "local",
    "storageos",
    "csi",
];
/// Access modes.
pub const ACCESS_MODES: &[&str] = &[
    "ReadOnlyMany",
    "ReadWriteMany",
    "ReadWriteOnce",
    "ReadWriteOncePod",
];
/// Volume modes.
pub const VOLUME_MODES: &[&str] = &["Block", "Filesystem"];
/// PersistentVolume phases.
pub const PV_PHASES: &[&str] = &["Available", "Bound", "Failed", "Pending", "Released"];

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct PersistentVolumeStrategy;

/// Validates a list of access modes at `path` (required unless `optional`).
pub fn validate_access_modes(modes: &[Value], path: &FieldPath, required_msg: &str) -> ErrorList {
    let mut errs = ErrorList::new();
    if modes.is_empty() {
        errs.push(FieldError::required(path, required_msg));
    }
    let mut once_pod = false;
    for m in modes {
        let m = m.as_str().unwrap_or_default();
        if !ACCESS_MODES.contains(&m) {
            errs.push(FieldError::not_supported(path, m, ACCESS_MODES));
        }
        once_pod |= m == "ReadWriteOncePod";
    }
    if once_pod && modes.len() > 1 {
        errs.push(FieldError::forbidden(
            path,
            "may not use ReadWriteOncePod with other access modes",
        ));
    }
    errs
}

/// Validates a volume mode field, if set.
pub fn validate_volume_mode(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(mode) = str_of(spec, "volumeMode") {
        if !VOLUME_MODES.contains(&mode) {
            errs.push(FieldError::not_supported(
                &path.child("volumeMode"),
                mode,
                VOLUME_MODES,
            ));
        }
    }
    errs
}

fn validate_pv(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let sp = FieldPath::new("spec");
    errs.extend(validate_access_modes(
        items(spec, "accessModes"),
        &sp.child("accessModes"),
        "",
    ));
    let cap_path = sp.child("capacity");
    match spec
        .get("capacity")
        .and_then(Value::as_object)
        .filter(|c| !c.is_empty())
    {
        None => errs.push(FieldError::required(&cap_path, "")),
        Some(cap) => {
            if !cap.contains_key("storage") || cap.len() > 1 {
                errs.push(FieldError::not_supported(
                    &cap_path,
                    Value::Object(cap.clone()),
                    &["storage"],
                ));
            }
            for (name, value) in cap {
                let p = cap_path.key(name.clone());
                if let Some(q) = parse_quantity(value, &p, &mut errs) {
                    errs.extend(validate_quantity_value(name, &q, &p));
                }
            }
        }
    }
    if let Some(policy) = str_of(spec, "persistentVolumeReclaimPolicy") {
        let allowed = ["Delete", "Recycle", "Retain"];
        if !allowed.contains(&policy) {
            errs.push(FieldError::not_supported(
                &sp.child("persistentVolumeReclaimPolicy"),
                policy,
                &allowed,
            ));
        }
    }
    if let Some(class) = str_of(spec, "storageClassName").filter(|s| !s.is_empty()) {
        for msg in v::is_dns1123_subdomain(class) {
            errs.push(FieldError::invalid(
                &sp.child("storageClassName"),
                class,
                msg,
            ));
        }
    }
    errs.extend(validate_volume_mode(spec, &sp));
    let sources: Vec<&str> = PV_SOURCES
        .iter()
        .copied()
        .filter(|s| has(spec, s))
        .collect();
    if sources.is_empty() {
        errs.push(FieldError::required(&sp, "must specify a volume type"));
    }
    for extra in sources.iter().skip(1) {
        errs.push(FieldError::forbidden(
            &sp.child(*extra),
            "may not specify more than 1 volume type",
        ));
    }
    for key in ["hostPath", "local", "nfs"] {
        if let Some(src) = spec.get(key).filter(|s| !s.is_null()) {
            if str_or_empty(src, "path").is_empty() {
                errs.push(FieldError::required(&sp.child(key).child("path"), ""));
            }
        }
    }
    if let Some(csi) = spec.get("csi").filter(|s| !s.is_null()) {
        for field in ["driver", "volumeHandle"] {
            if str_or_empty(csi, field).is_empty() {
                errs.push(FieldError::required(&sp.child("csi").child(field), ""));
            }
        }
    }
    if has(spec, "local") && !has(spec, "nodeAffinity") {
        errs.push(FieldError::required(
            &sp.child("nodeAffinity"),
            "Local volume requires node affinity",
        ));
    }
    errs.extend(validate_status(obj));
    errs
}

fn validate_status(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(phase) = obj.pointer("/status/phase").and_then(Value::as_str) {
        if !phase.is_empty() && !PV_PHASES.contains(&phase) {
            errs.push(FieldError::not_supported(
                &FieldPath::new("status").child("phase"),
                phase,
                PV_PHASES,
            ));
        }
    }
    errs
}

fn source_of(spec: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for key in PV_SOURCES {
        if let Some(v) = spec.get(*key).filter(|v| !v.is_null()) {
            out.insert((*key).to_string(), v.clone());
        }
    }
    Value::Object(out)
}

impl Strategy for PersistentVolumeStrategy {
    fn default(&self, obj: &mut Value) {
        if let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) {
            default_field(spec, "persistentVolumeReclaimPolicy", json!("Retain"));
            default_field(spec, "volumeMode", json!("Filesystem"));
            if let Some(h) = spec.get_mut("hostPath").filter(|h| h.is_object()) {
                default_field(h, "type", json!(""));
            }
        }
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(m) = obj.as_object_mut() {
            m.insert(
                "status".into(),
                json!({"phase": "Pending", "lastPhaseTransitionTime": now_rfc3339()}),
            );
        }
    }

    fn prepare_for_status_update(&self, new: &mut Value, old: &Value) {
        let old_phase = old.pointer("/status/phase").cloned();
        let old_time = old.pointer("/status/lastPhaseTransitionTime").cloned();
        let Some(status) = new.get_mut("status").and_then(Value::as_object_mut) else {
            return;
        };
        let changed = status.get("phase") != old_phase.as_ref();
        let user_set = status.get("lastPhaseTransitionTime") != old_time.as_ref()
            && status.get("lastPhaseTransitionTime").is_some();
        if changed && !user_set {
            status.insert("lastPhaseTransitionTime".into(), json!(now_rfc3339()));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_pv(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_pv(new);
        let null = Value::Null;
        let (ns, os) = (
            new.get("spec").unwrap_or(&null),
            old.get("spec").unwrap_or(&null),
        );
        if source_of(ns) != source_of(os) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("spec").child("persistentvolumesource"),
                "spec.persistentvolumesource is immutable after creation",
            ));
        }
        if ns.get("volumeMode") != os.get("volumeMode") {
            errs.push(FieldError::invalid(
                &FieldPath::new("volumeMode"),
                ns.get("volumeMode").cloned().unwrap_or(Value::Null),
                FIELD_IMMUTABLE,
            ));
        }
        if has(os, "nodeAffinity") && ns.get("nodeAffinity") != os.get("nodeAffinity") {
            errs.push(FieldError::invalid(
                &FieldPath::new("spec").child("nodeAffinity"),
                ns.get("nodeAffinity").cloned().unwrap_or(Value::Null),
                FIELD_IMMUTABLE,
            ));
        }
        errs
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        validate_status(new)
    }

    fn returns_deleted_object(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    fn pv(spec: Value) -> Value {
        let mut o = json!({"metadata": {"name": "pv"}, "spec": spec});
        PersistentVolumeStrategy.default(&mut o);
        o
    }

    #[test]
    fn defaults_and_create_status() {
        let mut o = pv(
            json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/d"}}),
        );
        assert_eq!(o["spec"]["persistentVolumeReclaimPolicy"], "Retain");
        assert_eq!(o["spec"]["volumeMode"], "Filesystem");
        PersistentVolumeStrategy.prepare_for_create(
            &mut o,
            &StrategyCtx {
                namespace: None,
                user: "u",
            },
        );
        assert_eq!(o["status"]["phase"], "Pending");
        assert!(
            PersistentVolumeStrategy.validate(&o).is_empty(),
            "{}",
            PersistentVolumeStrategy.validate(&o)
        );
    }

    #[test]
    fn required_fields() {
        let o = pv(json!({}));
        assert_eq!(
            fields(&PersistentVolumeStrategy.validate(&o)),
            [
                "spec.accessModes FieldValueRequired",
                "spec.capacity FieldValueRequired",
                "spec FieldValueRequired"
            ]
        );
        let o = pv(
            json!({"capacity": {"storage": "1Gi", "cpu": "1"}, "accessModes": ["ReadWriteOncePod", "Sideways"],
                          "hostPath": {"path": "/a"}, "nfs": {"server": "s", "path": "/b"}}),
        );
        assert_eq!(
            fields(&PersistentVolumeStrategy.validate(&o)),
            [
                "spec.accessModes FieldValueNotSupported",
                "spec.accessModes FieldValueForbidden",
                "spec.capacity FieldValueNotSupported",
                "spec.nfs FieldValueForbidden",
            ]
        );
    }

    #[test]
    fn source_is_immutable() {
        let old = pv(
            json!({"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/d"}}),
        );
        let mut new = old.clone();
        new["spec"]["hostPath"]["path"] = json!("/e");
        new["spec"]["capacity"]["storage"] = json!("2Gi");
        assert_eq!(
            fields(&PersistentVolumeStrategy.validate_update(&new, &old)),
            ["spec.persistentvolumesource FieldValueForbidden"]
        );
    }
}
