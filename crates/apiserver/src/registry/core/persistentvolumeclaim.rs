//! The PersistentVolumeClaim strategy: volume mode Filesystem by default,
//! status Pending on create, access modes and a positive storage request
//! required, and the spec immutable except binding a volume name once and
//! growing the storage request of a bound claim.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath, FIELD_IMMUTABLE};
use serde_json::{json, Value};

use super::json::{default_field, items, str_of, str_or_empty};
use super::persistentvolume::{validate_access_modes, validate_volume_mode};
use super::resources::{parse_quantity, quantity, validate_quantity_value};
use crate::registry::strategy::{Strategy, StrategyCtx};

/// PersistentVolumeClaim phases.
pub const PVC_PHASES: &[&str] = &["Bound", "Lost", "Pending"];

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct PersistentVolumeClaimStrategy;

fn validate_pvc(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let sp = FieldPath::new("spec");
    errs.extend(validate_access_modes(
        items(spec, "accessModes"),
        &sp.child("accessModes"),
        "at least 1 access mode is required",
    ));
    match spec.pointer("/resources/requests/storage") {
        None | Some(Value::Null) => errs.push(FieldError::required(
            &sp.child("resources").key("storage"),
            "",
        )),
        Some(value) => {
            let p = sp.child("resources").child("requests").key("storage");
            if let Some(q) = parse_quantity(value, &p, &mut errs) {
                errs.extend(validate_quantity_value("storage", &q, &p));
                if q.signum() <= 0 {
                    errs.push(FieldError::invalid(
                        &p,
                        q.to_string(),
                        "must be greater than zero",
                    ));
                }
            }
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
    for key in ["dataSource", "dataSourceRef"] {
        if let Some(ds) = spec.get(key).filter(|d| !d.is_null()) {
            for field in ["kind", "name"] {
                if str_or_empty(ds, field).is_empty() {
                    errs.push(FieldError::required(&sp.child(key).child(field), ""));
                }
            }
        }
    }
    errs
}

fn validate_pvc_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let (ns, os) = (
        new.get("spec").unwrap_or(&null),
        old.get("spec").unwrap_or(&null),
    );
    let mut old_clone = os.clone();
    let mut new_clone = ns.clone();
    if str_or_empty(os, "volumeName").is_empty() {
        // A volume may be bound once.
        if let (Some(o), Some(name)) = (old_clone.as_object_mut(), ns.get("volumeName")) {
            o.insert("volumeName".into(), name.clone());
        }
    }
    let bound = old.pointer("/status/phase").and_then(Value::as_str) == Some("Bound");
    if bound {
        if let (Some(n), Some(size)) = (
            new_clone
                .pointer_mut("/resources/requests")
                .and_then(Value::as_object_mut),
            os.pointer("/resources/requests/storage"),
        ) {
            n.insert("storage".into(), size.clone());
        }
    }
    if new_clone != old_clone {
        errs.push(FieldError::forbidden(
            &FieldPath::new("spec"),
            "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
        ));
    }
    let size = |s: &Value| s.pointer("/resources/requests/storage").and_then(quantity);
    let status_size = old.pointer("/status/capacity/storage").and_then(quantity);
    if let (Some(new_size), Some(old_size)) = (size(ns), size(os)) {
        if new_size < old_size {
            let path = FieldPath::new("spec")
                .child("resources")
                .child("requests")
                .child("storage");
            match status_size {
                Some(cap) if new_size <= cap => errs.push(FieldError::forbidden(
                    &path,
                    "field can not be less than status.capacity",
                )),
                Some(_) => {}
                None => errs.push(FieldError::forbidden(
                    &path,
                    "field can not be less than previous value",
                )),
            }
        }
    }
    if ns.get("volumeMode") != os.get("volumeMode") {
        errs.push(FieldError::invalid(
            &FieldPath::new("volumeMode"),
            ns.get("volumeMode").cloned().unwrap_or(Value::Null),
            FIELD_IMMUTABLE,
        ));
    }
    errs
}

fn validate_status(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(phase) = obj.pointer("/status/phase").and_then(Value::as_str) {
        if !phase.is_empty() && !PVC_PHASES.contains(&phase) {
            errs.push(FieldError::not_supported(
                &FieldPath::new("status").child("phase"),
                phase,
                PVC_PHASES,
            ));
        }
    }
    errs
}

impl Strategy for PersistentVolumeClaimStrategy {
    fn default(&self, obj: &mut Value) {
        if let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) {
            default_field(spec, "volumeMode", json!("Filesystem"));
        }
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(m) = obj.as_object_mut() {
            m.insert("status".into(), json!({"phase": "Pending"}));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_pvc(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_pvc(new);
        errs.extend(validate_pvc_update(new, old));
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

    fn pvc(spec: Value) -> Value {
        let mut o = json!({"metadata": {"name": "c", "namespace": "default"}, "spec": spec});
        PersistentVolumeClaimStrategy.default(&mut o);
        PersistentVolumeClaimStrategy.prepare_for_create(
            &mut o,
            &StrategyCtx {
                namespace: Some("default"),
                user: "u",
            },
        );
        o
    }

    fn good() -> Value {
        pvc(
            json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}),
        )
    }

    #[test]
    fn defaults_and_required() {
        let o = good();
        assert_eq!(o["spec"]["volumeMode"], "Filesystem");
        assert_eq!(o["status"]["phase"], "Pending");
        assert!(PersistentVolumeClaimStrategy.validate(&o).is_empty());
        let bad = pvc(json!({"resources": {"requests": {"storage": "0"}}}));
        assert_eq!(
            fields(&PersistentVolumeClaimStrategy.validate(&bad)),
            [
                "spec.accessModes FieldValueRequired",
                "spec.resources.requests[storage] FieldValueInvalid"
            ]
        );
        let missing = pvc(json!({"accessModes": ["ReadWriteOnce"]}));
        assert_eq!(
            fields(&PersistentVolumeClaimStrategy.validate(&missing)),
            ["spec.resources[storage] FieldValueRequired"]
        );
    }

    #[test]
    fn update_rules() {
        let old = good();
        let mut bind = old.clone();
        bind["spec"]["volumeName"] = json!("pv-1");
        assert!(PersistentVolumeClaimStrategy
            .validate_update(&bind, &old)
            .is_empty());
        let mut rebind = bind.clone();
        rebind["spec"]["volumeName"] = json!("pv-2");
        assert_eq!(
            fields(&PersistentVolumeClaimStrategy.validate_update(&rebind, &bind)),
            ["spec FieldValueForbidden"]
        );
        // Growing is only allowed once bound.
        let mut grow = old.clone();
        grow["spec"]["resources"]["requests"]["storage"] = json!("2Gi");
        assert_eq!(
            fields(&PersistentVolumeClaimStrategy.validate_update(&grow, &old)),
            ["spec FieldValueForbidden"]
        );
        let mut bound = bind.clone();
        bound["status"] = json!({"phase": "Bound", "capacity": {"storage": "1Gi"}});
        let mut grow = bound.clone();
        grow["spec"]["resources"]["requests"]["storage"] = json!("2Gi");
        assert!(PersistentVolumeClaimStrategy
            .validate_update(&grow, &bound)
            .is_empty());
        let mut shrink = bound.clone();
        shrink["spec"]["resources"]["requests"]["storage"] = json!("500Mi");
        assert_eq!(
            fields(&PersistentVolumeClaimStrategy.validate_update(&shrink, &bound)),
            ["spec.resources.requests.storage FieldValueForbidden"]
        );
    }
}
