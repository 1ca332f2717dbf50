//! The Node strategy: status may be set on create (kubelets register with
//! it), allocatable defaults to capacity, podCIDR(s) and providerID are
//! immutable once set, taints are validated, and `spec.unschedulable` is a
//! selectable field.

use std::collections::HashSet;

use capstan_machinery::validation::{is_valid_cidr, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::json::{items, str_or_empty};
use super::resources::parse_list;
use super::taints::validate_taints;
use crate::registry::strategy::{Strategy, StrategyCtx};

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeStrategy;

const CIDR_CHANGE_MSG: &str = "node updates may not change podCIDR except from \"\" to valid";
const PROVIDER_CHANGE_MSG: &str =
    "node updates may not change providerID except from \"\" to valid";

fn default_node(obj: &mut Value) {
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
        let single = spec
            .get("podCIDR")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let first = spec
            .get("podCIDRs")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .map(str::to_string);
        // `podCIDR` wins when both are set and disagree (old clients).
        match first {
            Some(first) if single.is_empty() || single == first => {
                spec.insert("podCIDR".into(), json!(first));
            }
            _ if !single.is_empty() => {
                spec.insert("podCIDRs".into(), json!([single]));
            }
            _ => {}
        }
    }
    if let Some(status) = obj.get_mut("status").and_then(Value::as_object_mut) {
        let has_alloc = status.get("allocatable").is_some_and(|a| !a.is_null());
        if !has_alloc {
            if let Some(cap) = status.get("capacity").filter(|c| c.is_object()).cloned() {
                status.insert("allocatable".into(), cap);
            }
        }
    }
}

fn validate_node(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let sp = FieldPath::new("spec");
    errs.extend(validate_taints(items(spec, "taints"), &sp.child("taints")));
    let cidrs = items(spec, "podCIDRs");
    let mut seen = HashSet::new();
    for (i, c) in cidrs.iter().enumerate() {
        let c = c.as_str().unwrap_or_default();
        let p = sp.child("podCIDRs").index(i);
        errs.extend(is_valid_cidr(&p, c));
        if !seen.insert(c.to_string()) {
            errs.push(FieldError::duplicate(&p, c));
        }
    }
    if cidrs.len() > 2 {
        errs.push(FieldError::invalid(
            &sp.child("podCIDRs"),
            Value::Array(cidrs.to_vec()),
            "may specify no more than one CIDR for each IP family",
        ));
    }
    errs.extend(validate_node_status(obj));
    errs
}

fn validate_node_status(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let status = obj.get("status").unwrap_or(&null);
    let path = FieldPath::new("status");
    for field in ["capacity", "allocatable"] {
        let list = parse_list(
            status.get(field).and_then(Value::as_object),
            &path.child(field),
            &mut errs,
        );
        for (name, q) in list {
            if q.signum() < 0 {
                errs.push(FieldError::invalid(
                    &path.child(field).key(name),
                    q.to_string(),
                    super::resources::NEGATIVE_MSG,
                ));
            }
        }
    }
    let mut seen = HashSet::new();
    for (i, a) in items(status, "addresses").iter().enumerate() {
        let key = (
            str_or_empty(a, "type").to_string(),
            str_or_empty(a, "address").to_string(),
        );
        if !seen.insert(key) {
            errs.push(FieldError::duplicate(
                &path.child("addresses").index(i),
                a.clone(),
            ));
        }
    }
    errs
}

fn validate_node_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let old_cidrs = old.pointer("/spec/podCIDRs").and_then(Value::as_array);
    if old_cidrs.is_some_and(|c| !c.is_empty())
        && new.pointer("/spec/podCIDRs").and_then(Value::as_array) != old_cidrs
    {
        errs.push(FieldError::forbidden(
            &FieldPath::new("spec").child("podCIDRs"),
            CIDR_CHANGE_MSG,
        ));
    }
    let old_provider = old
        .pointer("/spec/providerID")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let new_provider = new
        .pointer("/spec/providerID")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !old_provider.is_empty() && old_provider != new_provider {
        errs.push(FieldError::forbidden(
            &FieldPath::new("spec").child("providerID"),
            PROVIDER_CHANGE_MSG,
        ));
    }
    if new.pointer("/spec/externalID") != old.pointer("/spec/externalID") {
        errs.push(FieldError::forbidden(
            &FieldPath::new("spec").child("externalID"),
            "may not be updated",
        ));
    }
    errs
}

impl Strategy for NodeStrategy {
    fn status_on_create(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_node(obj);
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(m) = obj.as_object_mut() {
            m.entry("status").or_insert_with(|| json!({}));
        }
    }

    fn prepare_for_status_update(&self, new: &mut Value, _old: &Value) {
        default_node(new);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_node(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_node(new);
        errs.extend(validate_node_update(new, old));
        errs
    }

    fn validate_status_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_node_status(new);
        errs.extend(validate_node_update(new, old));
        errs
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["spec.unschedulable"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        (field == "spec.unschedulable").then(|| {
            obj.pointer("/spec/unschedulable")
                .and_then(Value::as_bool)
                .unwrap_or(false)
                .to_string()
        })
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

    #[test]
    fn defaults_and_status_on_create() {
        let mut n = json!({"metadata": {"name": "n"}, "spec": {"podCIDR": "10.244.0.0/24"},
                           "status": {"capacity": {"cpu": "4", "pods": "110"}}});
        NodeStrategy.default(&mut n);
        assert!(NodeStrategy.status_on_create());
        assert_eq!(n["spec"]["podCIDRs"], json!(["10.244.0.0/24"]));
        assert_eq!(
            n["status"]["allocatable"],
            json!({"cpu": "4", "pods": "110"})
        );
        assert!(NodeStrategy.validate(&n).is_empty());
        assert_eq!(
            NodeStrategy
                .field_value(&n, "spec.unschedulable")
                .as_deref(),
            Some("false")
        );
    }

    #[test]
    fn immutable_cidrs_and_provider() {
        let old = json!({"spec": {"podCIDRs": ["10.244.0.0/24"], "providerID": "p1"}});
        let new = json!({"spec": {"podCIDRs": ["10.244.1.0/24"], "providerID": "p2"}});
        assert_eq!(
            fields(&NodeStrategy.validate_update(&new, &old)),
            [
                "spec.podCIDRs FieldValueForbidden",
                "spec.providerID FieldValueForbidden"
            ]
        );
        let unset = json!({"spec": {}});
        assert!(NodeStrategy.validate_update(&old, &unset).is_empty());
    }

    #[test]
    fn taints_validated() {
        let n = json!({"spec": {"taints": [{"key": "k", "effect": "Sometimes"}]}});
        assert_eq!(
            fields(&NodeStrategy.validate(&n)),
            ["spec.taints[0].effect FieldValueNotSupported"]
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn status_kept_on_create() {
        use crate::context::RequestCtx;
        use crate::registry::core::test_api::{api, decoded, def};

        let dir = tempfile::tempdir().expect("tempdir");
        let api = api(Default::default(), dir.path()).await;
        let nodes = def(&api, "nodes");
        let node = decoded(
            &nodes,
            json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"},
            "status": {"capacity": {"cpu": "2", "memory": "4Gi", "pods": "110"}}}),
        );
        let created = api
            .create(&nodes, &RequestCtx::system(), None, node)
            .await
            .expect("create");
        assert_eq!(created["status"]["capacity"]["cpu"], "2");
        assert_eq!(created["status"]["allocatable"]["pods"], "110");
    }
}
