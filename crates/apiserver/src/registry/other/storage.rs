//! storage.k8s.io/v1 strategies: StorageClass (provisioner, parameters, reclaim
//! policy and binding mode, most of them immutable) and the CSI kinds (CSIDriver,
//! CSINode, VolumeAttachment), which share one strategy dispatched on `kind`.

use capstan_machinery::validation::{
    is_dns1123_subdomain, is_qualified_name, ErrorList, FieldError, FieldPath, FIELD_IMMUTABLE,
};
use serde_json::{json, Value};

use super::common::{
    array, boolean, field, immutable, int, object_entry, semantic_eq, set_default, string,
    string_map, validate_qualified_name, NEGATIVE_MSG,
};
use crate::registry::strategy::Strategy;

/// Behaviour of StorageClasses in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct StorageClassStrategy;

/// Behaviour of CSIDriver, CSINode and VolumeAttachment.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsiStrategy;

const MAX_PARAMETERS: usize = 512;
const MAX_PARAMETERS_SIZE: usize = 256 * 1024;
const MAX_CSI_DRIVER_NAME: usize = 63;
const MAX_NODE_ID: usize = 192;

fn validate_storage_class(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let provisioner = string(obj, "provisioner").unwrap_or("");
    let prov_path = FieldPath::new("provisioner");
    if provisioner.is_empty() {
        errs.push(FieldError::required(&prov_path, ""));
    } else {
        for msg in is_qualified_name(&provisioner.to_lowercase()) {
            errs.push(FieldError::invalid(
                &prov_path,
                provisioner.to_lowercase(),
                msg,
            ));
        }
    }
    let params = string_map(field(obj, "parameters"));
    let params_path = FieldPath::new("parameters");
    if params.len() > MAX_PARAMETERS {
        errs.push(FieldError::too_long(&params_path, Some(MAX_PARAMETERS)));
    } else {
        let mut total = 0usize;
        for (k, v) in &params {
            if k.is_empty() {
                errs.push(FieldError::invalid(
                    &params_path,
                    "",
                    "field can not be empty.",
                ));
            }
            total = total.saturating_add(k.len()).saturating_add(v.len());
        }
        if total > MAX_PARAMETERS_SIZE {
            errs.push(FieldError::too_long(
                &params_path,
                Some(MAX_PARAMETERS_SIZE),
            ));
        }
    }
    if let Some(policy) = string(obj, "reclaimPolicy").filter(|p| !p.is_empty()) {
        if policy != "Delete" && policy != "Retain" {
            errs.push(FieldError::not_supported(
                &FieldPath::new("reclaimPolicy"),
                policy,
                &["Delete", "Retain"],
            ));
        }
    }
    let mode_path = FieldPath::new("volumeBindingMode");
    match string(obj, "volumeBindingMode") {
        None => errs.push(FieldError::required(&mode_path, "")),
        Some("Immediate" | "WaitForFirstConsumer") => {}
        Some(other) => errs.push(FieldError::not_supported(
            &mode_path,
            other,
            &["Immediate", "WaitForFirstConsumer"],
        )),
    }
    let topo_path = FieldPath::new("allowedTopologies");
    let mut seen: Vec<Value> = Vec::new();
    for (i, term) in array(obj, "allowedTopologies").iter().enumerate() {
        let tp = topo_path.index(i);
        let mut normalized = Vec::new();
        for (j, expr) in array(term, "matchLabelExpressions").iter().enumerate() {
            let ep = tp.child("matchLabelExpressions").index(j);
            let key = string(expr, "key").unwrap_or("");
            validate_qualified_name(&mut errs, key, &ep.child("key"));
            let mut values: Vec<&str> = array(expr, "values")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if values.is_empty() {
                errs.push(FieldError::required(
                    &ep.child("values"),
                    "must specify as least one value",
                ));
            }
            values.sort_unstable();
            normalized.push(json!({"key": key, "values": values}));
        }
        let normalized = Value::Array(normalized);
        if seen.contains(&normalized) {
            errs.push(FieldError::duplicate(
                &tp.child("matchLabelExpressions"),
                "",
            ));
        }
        seen.push(normalized);
    }
    errs
}

impl Strategy for StorageClassStrategy {
    fn default(&self, obj: &mut Value) {
        if let Some(map) = obj.as_object_mut() {
            set_default(map, "reclaimPolicy", json!("Delete"));
            set_default(map, "volumeBindingMode", json!("Immediate"));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_storage_class(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        if string_map(field(new, "parameters")) != string_map(field(old, "parameters")) {
            errs.push(FieldError::forbidden(
                &FieldPath::new("parameters"),
                "updates to parameters are forbidden.",
            ));
        }
        if string(new, "provisioner") != string(old, "provisioner") {
            errs.push(FieldError::forbidden(
                &FieldPath::new("provisioner"),
                "updates to provisioner are forbidden.",
            ));
        }
        if string(new, "reclaimPolicy") != string(old, "reclaimPolicy") {
            errs.push(FieldError::forbidden(
                &FieldPath::new("reclaimPolicy"),
                "updates to reclaimPolicy are forbidden.",
            ));
        }
        immutable(
            &mut errs,
            field(new, "volumeBindingMode"),
            field(old, "volumeBindingMode"),
            &FieldPath::new("volumeBindingMode"),
        );
        errs
    }
}

/// Kubernetes' `ValidateCSIDriverName` as field errors.
fn validate_driver_name(errs: &mut ErrorList, name: &str, path: &FieldPath) {
    if name.is_empty() {
        errs.push(FieldError::required(path, ""));
    }
    if name.len() > MAX_CSI_DRIVER_NAME {
        errs.push(FieldError::too_long(path, Some(MAX_CSI_DRIVER_NAME)));
    }
    for msg in is_dns1123_subdomain(&name.to_lowercase()) {
        errs.push(FieldError::invalid(path, name, msg));
    }
}

fn default_csi_driver(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    set_default(spec, "attachRequired", json!(true));
    set_default(spec, "podInfoOnMount", json!(false));
    set_default(spec, "storageCapacity", json!(false));
    set_default(spec, "fsGroupPolicy", json!("ReadWriteOnceWithFSType"));
    set_default(spec, "requiresRepublish", json!(false));
    set_default(spec, "seLinuxMount", json!(false));
    let modes_empty = spec
        .get("volumeLifecycleModes")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty);
    if modes_empty {
        spec.insert("volumeLifecycleModes".into(), json!(["Persistent"]));
    }
}

fn validate_csi_driver(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let spec = field(obj, "spec").unwrap_or(&empty);
    let path = FieldPath::new("spec");
    for key in ["attachRequired", "podInfoOnMount", "storageCapacity"] {
        if boolean(spec, key).is_none() {
            errs.push(FieldError::required(&path.child(key), ""));
        }
    }
    if let Some(policy) = string(spec, "fsGroupPolicy") {
        const POLICIES: [&str; 3] = ["File", "None", "ReadWriteOnceWithFSType"];
        if !POLICIES.contains(&policy) {
            errs.push(FieldError::not_supported(
                &path.child("fsGroupPolicy"),
                policy,
                &POLICIES,
            ));
        }
    }
    for (i, mode) in array(spec, "volumeLifecycleModes").iter().enumerate() {
        let mode = mode.as_str().unwrap_or("");
        if mode != "Persistent" && mode != "Ephemeral" {
            errs.push(FieldError::not_supported(
                &path.child("volumeLifecycleModes").index(i),
                mode,
                &["Ephemeral", "Persistent"],
            ));
        }
    }
    let mut audiences: Vec<&str> = Vec::new();
    for (i, tr) in array(spec, "tokenRequests").iter().enumerate() {
        let audience = string(tr, "audience").unwrap_or("");
        let p = path.child("tokenRequests").index(i);
        if audiences.contains(&audience) {
            errs.push(FieldError::duplicate(&p.child("audience"), audience));
        } else {
            audiences.push(audience);
        }
        if let Some(secs) = int(tr, "expirationSeconds") {
            if secs < 600 {
                errs.push(FieldError::invalid(
                    &p.child("expirationSeconds"),
                    secs,
                    "may not specify a duration less than 10 minutes",
                ));
            }
            if secs > 1 << 32 {
                errs.push(FieldError::invalid(
                    &p.child("expirationSeconds"),
                    secs,
                    "may not specify a duration larger than 2^32 seconds",
                ));
            }
        }
    }
    errs
}

fn validate_csi_node(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("spec").child("drivers");
    let drivers = obj
        .pointer("/spec/drivers")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut names: Vec<&str> = Vec::new();
    for (i, d) in drivers.iter().enumerate() {
        let p = path.index(i);
        let name = string(d, "name").unwrap_or("");
        validate_driver_name(&mut errs, name, &p.child("name"));
        if names.contains(&name) {
            errs.push(FieldError::duplicate(&p.child("name"), name));
        } else {
            names.push(name);
        }
        let node_id = string(d, "nodeID").unwrap_or("");
        if node_id.is_empty() {
            errs.push(FieldError::required(&p.child("nodeID"), ""));
        } else if node_id.len() > MAX_NODE_ID {
            errs.push(FieldError::invalid(
                &p.child("nodeID"),
                node_id,
                format!("must be {MAX_NODE_ID} characters or less"),
            ));
        }
        if let Some(count) = d.pointer("/allocatable/count").and_then(Value::as_i64) {
            if count < 0 {
                errs.push(FieldError::invalid(
                    &p.child("allocatable").child("count"),
                    count,
                    NEGATIVE_MSG,
                ));
            }
        }
        let mut keys: Vec<&str> = Vec::new();
        for (j, key) in array(d, "topologyKeys").iter().enumerate() {
            let key = key.as_str().unwrap_or("");
            let kp = p.child("topologyKeys").index(j);
            if keys.contains(&key) {
                errs.push(FieldError::duplicate(&kp, key));
            } else {
                keys.push(key);
            }
            validate_qualified_name(&mut errs, key, &kp);
        }
    }
    errs
}

fn validate_volume_attachment(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let spec = field(obj, "spec").unwrap_or(&empty);
    let path = FieldPath::new("spec");
    let attacher = string(spec, "attacher").unwrap_or("");
    if attacher.is_empty() {
        errs.push(FieldError::required(&path.child("attacher"), ""));
    } else {
        validate_driver_name(&mut errs, attacher, &path.child("attacher"));
    }
    let source = field(spec, "source").unwrap_or(&empty);
    let source_path = path.child("source");
    let pv = string(source, "persistentVolumeName");
    let inline = field(source, "inlineVolumeSpec");
    match (pv, inline) {
        (None, None) => errs.push(FieldError::required(
            &source_path,
            "must specify exactly one of inlineVolumeSpec and persistentVolumeName",
        )),
        (Some(_), Some(_)) => errs.push(FieldError::forbidden(
            &source_path,
            "must specify exactly one of inlineVolumeSpec and persistentVolumeName",
        )),
        (Some(""), None) => errs.push(FieldError::required(
            &source_path.child("persistentVolumeName"),
            "must specify non empty persistentVolumeName",
        )),
        _ => {}
    }
    let node = string(spec, "nodeName").unwrap_or("");
    if node.is_empty() {
        errs.push(FieldError::required(&path.child("nodeName"), ""));
    } else {
        for msg in is_dns1123_subdomain(node) {
            errs.push(FieldError::invalid(&path.child("nodeName"), node, msg));
        }
    }
    errs
}

impl Strategy for CsiStrategy {
    fn default(&self, obj: &mut Value) {
        if string(obj, "kind") == Some("CSIDriver") {
            default_csi_driver(obj);
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        match string(obj, "kind").unwrap_or("") {
            "CSIDriver" => {
                let mut errs = ErrorList::new();
                let name = crate::registry::meta::name(obj);
                if name.len() > MAX_CSI_DRIVER_NAME {
                    errs.push(FieldError::invalid(
                        &FieldPath::new("metadata").child("name"),
                        name,
                        format!("must be no more than {MAX_CSI_DRIVER_NAME} characters"),
                    ));
                }
                errs.extend(validate_csi_driver(obj));
                errs
            }
            "CSINode" => validate_csi_node(obj),
            "VolumeAttachment" => validate_volume_attachment(obj),
            _ => ErrorList::new(),
        }
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = self.validate(new);
        match string(new, "kind").unwrap_or("") {
            "CSIDriver" => {
                let spec = FieldPath::new("spec");
                for (key, path_name) in [
                    ("attachRequired", "attachRequired"),
                    ("fsGroupPolicy", "fsGroupPolicy"),
                    ("volumeLifecycleModes", "volumeLifecycleModes"),
                ] {
                    immutable(
                        &mut errs,
                        new.pointer(&format!("/spec/{key}")),
                        old.pointer(&format!("/spec/{key}")),
                        &spec.child(path_name),
                    );
                }
            }
            "CSINode" => {
                let old_drivers = old
                    .pointer("/spec/drivers")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let new_drivers = new
                    .pointer("/spec/drivers")
                    .and_then(Value::as_array)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                for (i, d) in new_drivers.iter().enumerate() {
                    let name = string(d, "name");
                    let Some(prev) = old_drivers.iter().find(|o| string(o, "name") == name) else {
                        continue;
                    };
                    let p = FieldPath::new("spec").child("drivers").index(i);
                    immutable(
                        &mut errs,
                        field(d, "nodeID"),
                        field(prev, "nodeID"),
                        &p.child("nodeID"),
                    );
                    immutable(
                        &mut errs,
                        field(d, "topologyKeys"),
                        field(prev, "topologyKeys"),
                        &p.child("topologyKeys"),
                    );
                }
            }
            "VolumeAttachment" if !semantic_eq(new.get("spec"), old.get("spec")) => {
                errs.push(FieldError::invalid(
                    &FieldPath::new("spec"),
                    new.get("spec").cloned().unwrap_or(Value::Null),
                    FIELD_IMMUTABLE,
                ));
            }
            _ => {}
        }
        errs
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        let Some(status) = new.get("status") else {
            return errs;
        };
        let path = FieldPath::new("status");
        for key in ["attachError", "detachError"] {
            if let Some(msg) = status.get(key).and_then(|e| string(e, "message")) {
                if msg.len() > 1024 {
                    errs.push(FieldError::too_long(
                        &path.child(key).child("message"),
                        Some(1024),
                    ));
                }
            }
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, has};

    fn sc() -> Value {
        let mut v = json!({"kind": "StorageClass", "provisioner": "ebs.csi.aws.com", "parameters": {"type": "gp3"}});
        StorageClassStrategy.default(&mut v);
        v
    }

    #[test]
    fn storage_class_defaults_and_rules() {
        let v = sc();
        assert_eq!(v["reclaimPolicy"], "Delete");
        assert_eq!(v["volumeBindingMode"], "Immediate");
        assert!(StorageClassStrategy.validate(&v).is_empty());
        let bad = json!({"reclaimPolicy": "Recycle", "volumeBindingMode": "Later",
            "allowedTopologies": [{"matchLabelExpressions": [{"key": "zone", "values": []}]}]});
        assert_eq!(
            causes(&StorageClassStrategy.validate(&bad)),
            [
                ("provisioner".to_string(), "FieldValueRequired"),
                ("reclaimPolicy".to_string(), "FieldValueNotSupported"),
                ("volumeBindingMode".to_string(), "FieldValueNotSupported"),
                (
                    "allowedTopologies[0].matchLabelExpressions[0].values".to_string(),
                    "FieldValueRequired"
                ),
            ]
        );
    }

    #[test]
    fn storage_class_immutable_fields() {
        let old = sc();
        let mut new = old.clone();
        new["parameters"]["type"] = json!("io2");
        new["provisioner"] = json!("other.csi");
        new["reclaimPolicy"] = json!("Retain");
        new["volumeBindingMode"] = json!("WaitForFirstConsumer");
        new["allowVolumeExpansion"] = json!(true);
        assert_eq!(
            causes(&StorageClassStrategy.validate_update(&new, &old)),
            [
                ("parameters".to_string(), "FieldValueForbidden"),
                ("provisioner".to_string(), "FieldValueForbidden"),
                ("reclaimPolicy".to_string(), "FieldValueForbidden"),
                ("volumeBindingMode".to_string(), "FieldValueInvalid"),
            ]
        );
        let mut ok = old.clone();
        ok["allowVolumeExpansion"] = json!(true);
        assert!(StorageClassStrategy.validate_update(&ok, &old).is_empty());
    }

    #[test]
    fn csi_driver_defaults_and_immutability() {
        let mut d =
            json!({"kind": "CSIDriver", "metadata": {"name": "ebs.csi.aws.com"}, "spec": {}});
        CsiStrategy.default(&mut d);
        assert_eq!(d["spec"]["attachRequired"], true);
        assert_eq!(d["spec"]["fsGroupPolicy"], "ReadWriteOnceWithFSType");
        assert_eq!(d["spec"]["volumeLifecycleModes"], json!(["Persistent"]));
        assert!(CsiStrategy.validate(&d).is_empty());
        let mut new = d.clone();
        new["spec"]["attachRequired"] = json!(false);
        assert!(has(
            &CsiStrategy.validate_update(&new, &d),
            "spec.attachRequired",
            "FieldValueInvalid"
        ));
    }

    #[test]
    fn csi_node_rules() {
        let n = json!({"kind": "CSINode", "spec": {"drivers": [
            {"name": "a.csi", "nodeID": "n1", "topologyKeys": ["zone", "zone"]},
            {"name": "a.csi", "nodeID": ""},
        ]}});
        assert_eq!(
            causes(&CsiStrategy.validate(&n)),
            [
                (
                    "spec.drivers[0].topologyKeys[1]".to_string(),
                    "FieldValueDuplicate"
                ),
                ("spec.drivers[1].name".to_string(), "FieldValueDuplicate"),
                ("spec.drivers[1].nodeID".to_string(), "FieldValueRequired"),
            ]
        );
    }

    #[test]
    fn volume_attachment_rules() {
        let va = json!({"kind": "VolumeAttachment", "spec": {"attacher": "a.csi", "source": {}, "nodeName": ""}});
        assert_eq!(
            causes(&CsiStrategy.validate(&va)),
            [
                ("spec.source".to_string(), "FieldValueRequired"),
                ("spec.nodeName".to_string(), "FieldValueRequired"),
            ]
        );
        let old = json!({"kind": "VolumeAttachment", "spec": {"attacher": "a.csi", "source": {"persistentVolumeName": "pv"}, "nodeName": "n"}});
        let mut new = old.clone();
        new["spec"]["nodeName"] = json!("m");
        assert!(has(
            &CsiStrategy.validate_update(&new, &old),
            "spec",
            "FieldValueInvalid"
        ));
    }
}
