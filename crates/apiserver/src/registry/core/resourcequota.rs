//! The ResourceQuota strategy: hard limits name quota resources with valid,
//! non-negative quantities, scopes are known, fit the resources and do not
//! conflict, and status quantities are valid.

use std::collections::HashSet;

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::json::{items, str_or_empty};
use super::resources::{is_hugepages, parse_list, validate_quantity_value, validate_resource_name};
use crate::registry::strategy::{Strategy, StrategyCtx};

/// Quota scopes.
pub const SCOPES: &[&str] = &[
    "Terminating",
    "NotTerminating",
    "BestEffort",
    "NotBestEffort",
    "PriorityClass",
    "CrossNamespacePodAffinity",
    "VolumeAttributesClass",
];

/// Resources without a domain that a quota may limit.
const STANDARD_QUOTA: &[&str] = &[
    "pods",
    "services",
    "replicationcontrollers",
    "resourcequotas",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
    "cpu",
    "memory",
    "ephemeral-storage",
    "storage",
    "requests.cpu",
    "requests.memory",
    "requests.storage",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
];

/// Resources the pod-level scopes apply to.
const POD_SCOPED: &[&str] = &[
    "pods",
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
];

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResourceQuotaStrategy;

fn is_standard_quota_resource(name: &str) -> bool {
    STANDARD_QUOTA.contains(&name)
        || is_hugepages(name)
        || name.strip_prefix("requests.").is_some_and(is_hugepages)
}

fn scope_fits(scope: &str, resource: &str) -> bool {
    match scope {
        "BestEffort" => matches!(resource, "pods" | "count/pods"),
        "Terminating" | "NotTerminating" | "NotBestEffort" | "PriorityClass" => {
            POD_SCOPED.contains(&resource) || resource == "count/pods"
        }
        "CrossNamespacePodAffinity" => matches!(resource, "pods" | "count/pods"),
        "VolumeAttributesClass" => matches!(
            resource,
            "persistentvolumeclaims" | "requests.storage" | "count/persistentvolumeclaims"
        ),
        _ => true,
    }
}

fn validate_list(obj: &Value, pointer: &str, path: &FieldPath, errs: &mut ErrorList) {
    let list = parse_list(obj.pointer(pointer).and_then(Value::as_object), path, errs);
    for (name, q) in list {
        let p = path.key(name.clone());
        let name_errs = validate_resource_name(&name, &p);
        if name_errs.is_empty() && !name.contains('/') && !is_standard_quota_resource(&name) {
            errs.push(FieldError::invalid(
                &p,
                name.as_str(),
                "must be a standard resource for quota",
            ));
        }
        errs.extend(name_errs);
        errs.extend(validate_quantity_value(&name, &q, &p));
    }
}

/// Validates a ResourceQuota.
pub fn validate_quota(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let sp = FieldPath::new("spec");
    validate_list(obj, "/spec/hard", &sp.child("hard"), &mut errs);
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let scopes: Vec<&str> = items(spec, "scopes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let scopes_value = json!(scopes);
    let hard: Vec<String> = spec
        .get("hard")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    for scope in &scopes {
        if !SCOPES.contains(scope) {
            errs.push(FieldError::invalid(
                &sp.child("scopes"),
                scopes_value.clone(),
                "unsupported scope",
            ));
        }
        for resource in &hard {
            if is_standard_quota_resource(resource) && !scope_fits(scope, resource) {
                errs.push(FieldError::invalid(
                    &sp.child("scopes"),
                    scopes_value.clone(),
                    "unsupported scope applied to resource",
                ));
            }
        }
    }
    let set: HashSet<&str> = scopes.iter().copied().collect();
    for (a, b) in [
        ("BestEffort", "NotBestEffort"),
        ("Terminating", "NotTerminating"),
    ] {
        if set.contains(a) && set.contains(b) {
            errs.push(FieldError::invalid(
                &sp.child("scopes"),
                scopes_value.clone(),
                "conflicting scopes",
            ));
        }
    }
    let sel_path = sp.child("scopeSelector").child("matchExpressions");
    let exprs = spec
        .pointer("/scopeSelector/matchExpressions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, e) in exprs.iter().enumerate() {
        let p = sel_path.index(i);
        let scope = str_or_empty(e, "scopeName");
        if !SCOPES.contains(&scope) {
            errs.push(FieldError::invalid(
                &p.child("scopeName"),
                scope,
                "unsupported scope",
            ));
        }
        let op = str_or_empty(e, "operator");
        let values = items(e, "values");
        match op {
            "In" | "NotIn" if values.is_empty() => errs.push(FieldError::required(
                &p.child("values"),
                "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
            )),
            "Exists" | "DoesNotExist" if !values.is_empty() => errs.push(FieldError::invalid(
                &p.child("values"),
                Value::Array(values.to_vec()),
                "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => errs.push(FieldError::not_supported(
                &p.child("operator"),
                other,
                &["DoesNotExist", "Exists", "In", "NotIn"],
            )),
        }
    }
    errs
}

fn validate_status(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("status");
    validate_list(obj, "/status/hard", &path.child("hard"), &mut errs);
    validate_list(obj, "/status/used", &path.child("used"), &mut errs);
    errs
}

impl Strategy for ResourceQuotaStrategy {
    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(m) = obj.as_object_mut() {
            m.insert("status".into(), json!({}));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_quota(obj)
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

    #[test]
    fn hard_limits() {
        let ok = json!({"spec": {"hard": {"pods": "10", "requests.cpu": "2", "count/deployments.apps": "3",
                                          "requests.example.com/gpu": "1"}}});
        assert!(validate_quota(&ok).is_empty(), "{}", validate_quota(&ok));
        let bad = json!({"spec": {"hard": {"widgets": "1", "pods": "-1", "cpu": "x"}}});
        assert_eq!(
            fields(&validate_quota(&bad)),
            [
                "spec.hard[cpu] FieldValueInvalid",
                "spec.hard[pods] FieldValueInvalid",
                "spec.hard[widgets] FieldValueInvalid"
            ]
        );
    }

    #[test]
    fn scopes() {
        let bad = json!({"spec": {"hard": {"cpu": "1"}, "scopes": ["BestEffort", "NotBestEffort", "Sometimes"]}});
        let errs = validate_quota(&bad);
        let details: Vec<&str> = errs.iter().map(|e| e.detail.as_str()).collect();
        assert_eq!(
            details,
            [
                "unsupported scope applied to resource",
                "unsupported scope",
                "conflicting scopes"
            ]
        );
        let ok = json!({"spec": {"hard": {"pods": "1"}, "scopes": ["BestEffort"]}});
        assert!(validate_quota(&ok).is_empty());
    }
}
