//! Validation of autoscaling/v2 HorizontalPodAutoscaler specs and statuses:
//! replica bounds, the scale target, metric sources and targets, and scaling
//! behavior.

use capstan_machinery::validation::{
    is_dns1123_label, is_valid_path_segment_name, ErrorList, FieldError, FieldPath,
};
use capstan_machinery::Quantity;
use serde_json::{json, Value};

use super::common::{
    array, field, int, non_negative, string, validate_label_selector, validate_qualified_name,
};

const MIN_REPLICAS_LOWER_BOUND: i64 = 1;
const MAX_STABILIZATION_WINDOW: i64 = 3600;
const MAX_PERIOD_SECONDS: i64 = 1800;
const METRIC_TYPES: [&str; 5] = [
    "ContainerResource",
    "External",
    "Object",
    "Pods",
    "Resource",
];

/// Kubernetes' `ValidateCrossVersionObjectReference`.
fn validate_reference(r: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for key in ["kind", "name"] {
        match string(r, key).unwrap_or("") {
            "" => errs.push(FieldError::required(&path.child(key), "")),
            v => {
                for msg in is_valid_path_segment_name(v) {
                    errs.push(FieldError::invalid(&path.child(key), v, msg));
                }
            }
        }
    }
    errs
}

fn positive_quantity(errs: &mut ErrorList, target: &Value, key: &str, path: &FieldPath) {
    if let Some(q) = string(target, key) {
        if Quantity::parse(q).is_ok_and(|q| q.signum() != 1) {
            errs.push(FieldError::invalid(&path.child(key), q, "must be positive"));
        }
    }
}

fn validate_target(target: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let kind = string(target, "type").unwrap_or("");
    if kind.is_empty() {
        errs.push(FieldError::required(
            &path.child("type"),
            "must specify a metric target type",
        ));
    }
    if !matches!(kind, "Utilization" | "Value" | "AverageValue") {
        errs.push(FieldError::invalid(
            &path.child("type"),
            kind,
            "must be either Utilization, Value, or AverageValue",
        ));
    }
    positive_quantity(&mut errs, target, "value", path);
    positive_quantity(&mut errs, target, "averageValue", path);
    if let Some(u) = int(target, "averageUtilization").filter(|u| *u < 1) {
        errs.push(FieldError::invalid(
            &path.child("averageUtilization"),
            u,
            "must be greater than 0",
        ));
    }
    errs
}

fn validate_identifier(id: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    match string(id, "name").unwrap_or("") {
        "" => errs.push(FieldError::required(
            &path.child("name"),
            "must specify a metric name",
        )),
        name => {
            for msg in is_valid_path_segment_name(name) {
                errs.push(FieldError::invalid(&path.child("name"), name, msg));
            }
        }
    }
    if let Some(sel) = field(id, "selector") {
        errs.extend(validate_label_selector(Some(sel), &path.child("selector")));
    }
    errs
}

fn validate_source(kind: &str, src: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let target = field(src, "target").unwrap_or(&empty);
    let target_path = path.child("target");
    let has = |k: &str| field(target, k).is_some();
    match kind {
        "object" => {
            errs.extend(validate_reference(
                field(src, "describedObject").unwrap_or(&empty),
                &path.child("describedObject"),
            ));
            errs.extend(validate_identifier(
                field(src, "metric").unwrap_or(&empty),
                &path.child("metric"),
            ));
            errs.extend(validate_target(target, &target_path));
            if !has("value") && !has("averageValue") {
                errs.push(FieldError::required(
                    &target_path.child("averageValue"),
                    "must set either a target value or averageValue",
                ));
            }
        }
        "external" => {
            errs.extend(validate_identifier(
                field(src, "metric").unwrap_or(&empty),
                &path.child("metric"),
            ));
            errs.extend(validate_target(target, &target_path));
            if !has("value") && !has("averageValue") {
                errs.push(FieldError::required(
                    &target_path.child("averageValue"),
                    "must set either a target value for metric or a per-pod target",
                ));
            }
            if has("value") && has("averageValue") {
                errs.push(FieldError::forbidden(
                    &target_path.child("value"),
                    "may not set both a target value for metric and a per-pod target",
                ));
            }
        }
        "pods" => {
            errs.extend(validate_identifier(
                field(src, "metric").unwrap_or(&empty),
                &path.child("metric"),
            ));
            errs.extend(validate_target(target, &target_path));
            if !has("averageValue") {
                errs.push(FieldError::required(
                    &target_path.child("averageValue"),
                    "must specify a positive target averageValue",
                ));
            }
        }
        _ => {
            match string(src, "name").unwrap_or("") {
                "" => errs.push(FieldError::required(
                    &path.child("name"),
                    "must specify a resource name",
                )),
                name => validate_qualified_name(&mut errs, name, &path.child("name")),
            }
            if kind == "containerResource" {
                match string(src, "container").unwrap_or("") {
                    "" => errs.push(FieldError::required(
                        &path.child("container"),
                        "must specify a container",
                    )),
                    c => {
                        for msg in is_dns1123_label(c) {
                            errs.push(FieldError::invalid(&path.child("container"), c, msg));
                        }
                    }
                }
            }
            errs.extend(validate_target(target, &target_path));
            if !has("averageUtilization") && !has("averageValue") {
                errs.push(FieldError::required(
                    &target_path.child("averageUtilization"),
                    "must set either a target raw value or a target utilization",
                ));
            }
            if has("averageUtilization") && has("averageValue") {
                errs.push(FieldError::forbidden(
                    &target_path.child("averageValue"),
                    "may not set both a target raw value and a target utilization",
                ));
            }
        }
    }
    errs
}

fn validate_metric(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let kind = string(spec, "type").unwrap_or("");
    if kind.is_empty() {
        errs.push(FieldError::required(
            &path.child("type"),
            "must specify a metric source type",
        ));
    }
    if !METRIC_TYPES.contains(&kind) {
        errs.push(FieldError::not_supported(
            &path.child("type"),
            kind,
            &METRIC_TYPES,
        ));
    }
    let sources = [
        ("Object", "object"),
        ("External", "external"),
        ("Pods", "pods"),
        ("Resource", "resource"),
        ("ContainerResource", "containerResource"),
    ];
    let present: Vec<&str> = sources
        .iter()
        .filter(|(_, key)| field(spec, key).is_some())
        .map(|(_, key)| *key)
        .collect();
    if let [only] = present.as_slice() {
        if let Some(src) = field(spec, only) {
            errs.extend(validate_source(only, src, &path.child(*only)));
        }
    }
    let expected = sources.iter().find(|(t, _)| *t == kind).map(|(_, k)| *k);
    match expected {
        Some(key) => {
            if field(spec, key).is_none() {
                errs.push(FieldError::required(
                    &path.child(key),
                    "must populate information for the given metric source",
                ));
            }
        }
        None => errs.push(FieldError::not_supported(
            &path.child("type"),
            kind,
            &METRIC_TYPES,
        )),
    }
    if present.len() != 1 {
        for key in present.iter().filter(|k| Some(**k) != expected) {
            errs.push(FieldError::forbidden(
                &path.child(*key),
                "must populate the given metric source only",
            ));
        }
    }
    errs
}

fn validate_rules(rules: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(w) = int(rules, "stabilizationWindowSeconds") {
        let p = path.child("stabilizationWindowSeconds");
        if w < 0 {
            errs.push(FieldError::invalid(
                &p,
                w,
                "must be greater than or equal to zero",
            ));
        }
        if w > MAX_STABILIZATION_WINDOW {
            errs.push(FieldError::invalid(
                &p,
                w,
                format!("must be less than or equal to {MAX_STABILIZATION_WINDOW}"),
            ));
        }
    }
    if let Some(select) = string(rules, "selectPolicy") {
        if !matches!(select, "Max" | "Min" | "Disabled") {
            errs.push(FieldError::not_supported(
                &path.child("selectPolicy"),
                select,
                &["Disabled", "Max", "Min"],
            ));
        }
    }
    let policies_path = path.child("policies");
    let policies = array(rules, "policies");
    if policies.is_empty() {
        errs.push(FieldError::required(
            &policies_path,
            "must specify at least one Policy",
        ));
    }
    for (i, p) in policies.iter().enumerate() {
        let pp = policies_path.index(i);
        let kind = string(p, "type").unwrap_or("");
        if kind != "Pods" && kind != "Percent" {
            errs.push(FieldError::not_supported(
                &pp.child("type"),
                kind,
                &["Percent", "Pods"],
            ));
        }
        let value = int(p, "value").unwrap_or(0);
        if value <= 0 {
            errs.push(FieldError::invalid(
                &pp.child("value"),
                value,
                "must be greater than zero",
            ));
        }
        let period = int(p, "periodSeconds").unwrap_or(0);
        if period <= 0 {
            errs.push(FieldError::invalid(
                &pp.child("periodSeconds"),
                period,
                "must be greater than zero",
            ));
        }
        if period > MAX_PERIOD_SECONDS {
            errs.push(FieldError::invalid(
                &pp.child("periodSeconds"),
                period,
                format!("must be less than or equal to {MAX_PERIOD_SECONDS}"),
            ));
        }
    }
    errs
}

/// Kubernetes' `validateHorizontalPodAutoscalerSpec` on the v2 form.
pub fn validate_hpa_spec(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let min = int(spec, "minReplicas");
    let max = int(spec, "maxReplicas").unwrap_or(0);
    if let Some(m) = min.filter(|m| *m < MIN_REPLICAS_LOWER_BOUND) {
        errs.push(FieldError::invalid(
            &path.child("minReplicas"),
            m,
            format!("must be greater than or equal to {MIN_REPLICAS_LOWER_BOUND}"),
        ));
    }
    if max < 1 {
        errs.push(FieldError::invalid(
            &path.child("maxReplicas"),
            max,
            "must be greater than 0",
        ));
    }
    if min.is_some_and(|m| max < m) {
        errs.push(FieldError::invalid(
            &path.child("maxReplicas"),
            max,
            "must be greater than or equal to `minReplicas`",
        ));
    }
    let empty = json!({});
    errs.extend(validate_reference(
        field(spec, "scaleTargetRef").unwrap_or(&empty),
        &path.child("scaleTargetRef"),
    ));
    let metrics_path = path.child("metrics");
    let metrics = array(spec, "metrics");
    for (i, m) in metrics.iter().enumerate() {
        errs.extend(validate_metric(m, &metrics_path.index(i)));
    }
    if min == Some(0) {
        let scales_to_zero = metrics
            .iter()
            .any(|m| matches!(string(m, "type"), Some("Object" | "External")));
        if !scales_to_zero {
            errs.push(FieldError::forbidden(
                &metrics_path,
                "must specify at least one Object or External metric to support scaling to zero replicas",
            ));
        }
    }
    if let Some(behavior) = field(spec, "behavior") {
        for key in ["scaleUp", "scaleDown"] {
            if let Some(rules) = field(behavior, key) {
                errs.extend(validate_rules(rules, &path.child("behavior").child(key)));
            }
        }
    }
    errs
}

/// Kubernetes' HPA status checks (including its `desiredReplicasa` path typo).
pub fn validate_hpa_status(status: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("status");
    non_negative(
        &mut errs,
        int(status, "currentReplicas"),
        &path.child("currentReplicas"),
    );
    non_negative(
        &mut errs,
        int(status, "desiredReplicas"),
        &path.child("desiredReplicasa"),
    );
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;

    fn spec(metrics: Value) -> Value {
        json!({"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 1, "maxReplicas": 5, "metrics": metrics})
    }

    #[test]
    fn metric_sources() {
        let s = spec(json!([
            {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "10"}}},
            {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization"}}},
            {"type": "Object", "pods": {"metric": {"name": "x"}, "target": {"type": "AverageValue", "averageValue": "1"}}},
            {"type": "External", "external": {"metric": {"name": "q"}, "target": {"type": "Value", "value": "0"}}},
        ]));
        let errs = validate_hpa_spec(&s, &FieldPath::new("spec"));
        assert_eq!(
            causes(&errs),
            [
                (
                    "spec.metrics[1].resource.target.averageUtilization".to_string(),
                    "FieldValueRequired"
                ),
                ("spec.metrics[2].object".to_string(), "FieldValueRequired"),
                (
                    "spec.metrics[3].external.target.value".to_string(),
                    "FieldValueInvalid"
                ),
            ]
        );
    }

    #[test]
    fn behavior_rules() {
        let mut s = spec(json!([]));
        s["behavior"] = json!({"scaleUp": {"stabilizationWindowSeconds": 4000, "selectPolicy": "Avg", "policies": []},
            "scaleDown": {"policies": [{"type": "Pods", "value": 0, "periodSeconds": 2000}]}});
        assert_eq!(
            causes(&validate_hpa_spec(&s, &FieldPath::new("spec"))),
            [
                (
                    "spec.behavior.scaleUp.stabilizationWindowSeconds".to_string(),
                    "FieldValueInvalid"
                ),
                (
                    "spec.behavior.scaleUp.selectPolicy".to_string(),
                    "FieldValueNotSupported"
                ),
                (
                    "spec.behavior.scaleUp.policies".to_string(),
                    "FieldValueRequired"
                ),
                (
                    "spec.behavior.scaleDown.policies[0].value".to_string(),
                    "FieldValueInvalid"
                ),
                (
                    "spec.behavior.scaleDown.policies[0].periodSeconds".to_string(),
                    "FieldValueInvalid"
                ),
            ]
        );
    }

    #[test]
    fn status_counts() {
        assert_eq!(
            causes(&validate_hpa_status(
                &json!({"currentReplicas": -1, "desiredReplicas": -1})
            )),
            [
                ("status.currentReplicas".to_string(), "FieldValueInvalid"),
                ("status.desiredReplicasa".to_string(), "FieldValueInvalid"),
            ]
        );
    }
}
