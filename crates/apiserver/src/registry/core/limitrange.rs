//! The LimitRange strategy: container items get their default limit and
//! default request filled in from max/default/min, and every item is checked
//! for valid resource names, unique types, and consistent min ≤ defaultRequest
//! ≤ default ≤ max and ratio bounds.

use std::collections::{BTreeMap, BTreeSet};

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use capstan_machinery::Quantity;
use serde_json::Value;

use super::json::{items, str_or_empty};
use super::resources::{
    overcommit_allowed, parse_list, validate_container_resource_name, validate_resource_name,
};
use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct LimitRangeStrategy;

fn default_item(item: &mut Value) {
    if str_or_empty(item, "type") != "Container" {
        return;
    }
    let get = |item: &Value, k: &str| {
        item.get(k)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let max = get(item, "max");
    let min = get(item, "min");
    let mut default = get(item, "default");
    for (k, q) in &max {
        default.entry(k.clone()).or_insert_with(|| q.clone());
    }
    let mut default_request = get(item, "defaultRequest");
    for (k, q) in default.iter().chain(min.iter()) {
        default_request
            .entry(k.clone())
            .or_insert_with(|| q.clone());
    }
    if let Some(m) = item.as_object_mut() {
        for (key, map) in [("default", default), ("defaultRequest", default_request)] {
            if !map.is_empty() {
                m.insert(key.into(), Value::Object(map));
            }
        }
    }
}

fn milli_ratio(max: &Quantity, min: &Quantity) -> Option<f64> {
    let (max, min) = (max.as_nanos() as f64, min.as_nanos() as f64);
    (min != 0.0).then(|| max / min)
}

fn validate_item(item: &Value, p: &FieldPath, errs: &mut ErrorList) {
    let ty = str_or_empty(item, "type");
    let per_container = matches!(ty, "Container" | "Pod");
    let check_name = |name: &str, path: &FieldPath| {
        if per_container {
            validate_container_resource_name(name, path)
        } else {
            validate_resource_name(name, path)
        }
    };
    let mut lists: BTreeMap<&str, Vec<(String, Quantity)>> = BTreeMap::new();
    let mut keys = BTreeSet::new();
    for field in [
        "max",
        "min",
        "default",
        "defaultRequest",
        "maxLimitRequestRatio",
    ] {
        let fp = p.child(field);
        let list = parse_list(item.get(field).and_then(Value::as_object), &fp, errs);
        for (name, _) in &list {
            errs.extend(check_name(name, &fp.key(name.clone())));
            keys.insert(name.clone());
        }
        lists.insert(field, list);
    }
    if ty == "Pod" {
        for field in ["default", "defaultRequest"] {
            if lists.get(field).is_some_and(|l| !l.is_empty()) {
                errs.push(FieldError::forbidden(
                    &p.child(field),
                    "may not be specified when `type` is 'Pod'",
                ));
            }
        }
    }
    let find = |field: &str, k: &str| {
        lists
            .get(field)
            .and_then(|l| l.iter().find(|(n, _)| n == k))
            .map(|(_, q)| *q)
    };
    if ty == "PersistentVolumeClaim"
        && find("min", "storage").is_none()
        && find("max", "storage").is_none()
    {
        errs.push(FieldError::required(
            &p.child("limits"),
            "either minimum or maximum storage value is required, but neither was provided",
        ));
    }
    for k in &keys {
        let (min, max) = (find("min", k), find("max", k));
        let (def, req) = (find("default", k), find("defaultRequest", k));
        let ratio = find("maxLimitRequestRatio", k);
        let invalid = |field: &str, q: &Quantity, msg: String| {
            FieldError::invalid(&p.child(field).key(k.clone()), q.to_string(), msg)
        };
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                errs.push(invalid(
                    "min",
                    &min,
                    format!("min value {min} is greater than max value {max}"),
                ));
            }
        }
        if let Some(req) = req {
            if let Some(min) = min.filter(|m| *m > req) {
                errs.push(invalid(
                    "defaultRequest",
                    &req,
                    format!("min value {min} is greater than default request value {req}"),
                ));
            }
            if let Some(max) = max.filter(|m| req > *m) {
                errs.push(invalid(
                    "defaultRequest",
                    &req,
                    format!("default request value {req} is greater than max value {max}"),
                ));
            }
            if let Some(def) = def.filter(|d| req > *d) {
                errs.push(invalid(
                    "defaultRequest",
                    &req,
                    format!(
                        "default request value {req} is greater than default limit value {def}"
                    ),
                ));
            }
        }
        if let Some(def) = def {
            if let Some(min) = min.filter(|m| *m > def) {
                errs.push(invalid(
                    "default",
                    &def,
                    format!("min value {min} is greater than default value {def}"),
                ));
            }
            if let Some(max) = max.filter(|m| def > *m) {
                errs.push(invalid(
                    "default",
                    &def,
                    format!("default value {def} is greater than max value {max}"),
                ));
            }
        }
        if let Some(ratio) = ratio {
            if ratio < Quantity::from_int(1, capstan_machinery::QuantityFormat::DecimalSi) {
                errs.push(invalid(
                    "maxLimitRequestRatio",
                    &ratio,
                    format!("ratio {ratio} is less than 1"),
                ));
            }
            if let (Some(min), Some(max)) = (min, max) {
                if let Some(limit) = milli_ratio(&max, &min) {
                    let value = ratio.as_nanos() as f64 / 1e9;
                    if value > limit {
                        errs.push(invalid(
                            "maxLimitRequestRatio",
                            &ratio,
                            format!("ratio {ratio} is greater than max/min = {limit:.6}"),
                        ));
                    }
                }
            }
        }
        if let (Some(def), Some(req)) = (def, req) {
            if !overcommit_allowed(k) && def != req {
                errs.push(invalid(
                    "defaultRequest",
                    &req,
                    format!("default value {def} must equal to defaultRequest value {req} in {k}"),
                ));
            }
        }
    }
}

/// Validates a LimitRange.
pub fn validate_limit_range(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("spec").child("limits");
    let mut types = BTreeSet::new();
    let null = Value::Null;
    for (i, item) in items(obj.get("spec").unwrap_or(&null), "limits")
        .iter()
        .enumerate()
    {
        let p = path.index(i);
        let ty = str_or_empty(item, "type");
        for msg in v::is_qualified_name(ty) {
            errs.push(FieldError::invalid(&p.child("type"), ty, msg));
        }
        if !types.insert(ty.to_string()) {
            errs.push(FieldError::duplicate(&p.child("type"), ty));
        }
        validate_item(item, &p, &mut errs);
    }
    errs
}

impl Strategy for LimitRangeStrategy {
    fn default(&self, obj: &mut Value) {
        if let Some(list) = obj
            .pointer_mut("/spec/limits")
            .and_then(Value::as_array_mut)
        {
            list.iter_mut().for_each(default_item);
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_limit_range(obj)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    #[test]
    fn container_defaults() {
        let mut lr = json!({"spec": {"limits": [{"type": "Container", "max": {"cpu": "2"}, "min": {"memory": "64Mi"}}]}});
        LimitRangeStrategy.default(&mut lr);
        let item = &lr["spec"]["limits"][0];
        assert_eq!(item["default"], json!({"cpu": "2"}));
        assert_eq!(
            item["defaultRequest"],
            json!({"cpu": "2", "memory": "64Mi"})
        );
        assert!(
            validate_limit_range(&lr).is_empty(),
            "{}",
            validate_limit_range(&lr)
        );
    }

    #[test]
    fn ordering_rules() {
        let lr = json!({"spec": {"limits": [
            {"type": "Container", "min": {"cpu": "2"}, "max": {"cpu": "1"}},
            {"type": "Container"},
            {"type": "Pod", "default": {"cpu": "1"}},
            {"type": "PersistentVolumeClaim"}
        ]}});
        assert_eq!(
            fields(&validate_limit_range(&lr)),
            [
                "spec.limits[0].min[cpu] FieldValueInvalid",
                "spec.limits[1].type FieldValueDuplicate",
                "spec.limits[2].default FieldValueForbidden",
                "spec.limits[3].limits FieldValueRequired",
            ]
        );
    }
}
