//! HorizontalPodAutoscalers: autoscaling/v2 is stored; autoscaling/v1 converts,
//! keeping v2-only fields in annotations as Kubernetes does. The strategy
//! defaults both versions and validates the autoscaling/v2 form (a v1 object is
//! converted first, so error paths name the v2 fields, as in Kubernetes).

use serde_json::{json, Map, Value};

use capstan_machinery::validation::{ErrorList, FieldPath};

use super::hpa_validation::{validate_hpa_spec, validate_hpa_status};
use crate::registry::strategy::Strategy;
use crate::resource::VersionConverter;

/// Behaviour of HorizontalPodAutoscalers (both versions).
#[derive(Clone, Copy, Debug, Default)]
pub struct HorizontalPodAutoscalerStrategy;

/// The metric an HPA without metrics uses: 80% average CPU utilization.
pub fn default_cpu_metric() -> Value {
    json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}})
}

fn is_v1(obj: &Value) -> bool {
    obj.get("apiVersion").and_then(Value::as_str) == Some("autoscaling/v1")
}

/// Fills unset scaling-rule fields from Kubernetes' defaults.
fn fill_rules(rules: Option<&Value>, defaults: Value) -> Value {
    let mut out = defaults;
    if let (Some(Value::Object(given)), Some(target)) = (rules, out.as_object_mut()) {
        for (k, v) in given {
            if !v.is_null() {
                target.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

/// Kubernetes' autoscaling/v2 defaults.
pub fn default_v2(obj: &mut Value) {
    let spec = crate::registry::other::common::object_entry(obj, "spec");
    crate::registry::other::common::set_default(spec, "minReplicas", json!(1));
    let no_metrics = spec
        .get("metrics")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty);
    if no_metrics {
        spec.insert("metrics".into(), json!([default_cpu_metric()]));
    }
    if let Some(behavior) = spec.get_mut("behavior").and_then(Value::as_object_mut) {
        let up = fill_rules(
            behavior.get("scaleUp"),
            json!({"stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [
                {"type": "Pods", "value": 4, "periodSeconds": 15},
                {"type": "Percent", "value": 100, "periodSeconds": 15}]}),
        );
        let down = fill_rules(
            behavior.get("scaleDown"),
            json!({"selectPolicy": "Max", "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}),
        );
        behavior.insert("scaleUp".into(), up);
        behavior.insert("scaleDown".into(), down);
    }
}

/// Whether a v2 object sets the alpha scaling-rule `tolerance`.
fn uses_tolerance(obj: &Value) -> bool {
    ["scaleUp", "scaleDown"].iter().any(|k| {
        obj.pointer(&format!("/spec/behavior/{k}/tolerance"))
            .is_some_and(|v| !v.is_null())
    })
}

/// Drops the scaling-rule `tolerance` (alpha and disabled in Kubernetes 1.33)
/// unless the old object used it.
fn drop_tolerance(obj: &mut Value, old: Option<&Value>) {
    if old.is_some_and(uses_tolerance) {
        return;
    }
    for k in ["scaleUp", "scaleDown"] {
        if let Some(rules) = obj
            .pointer_mut(&format!("/spec/behavior/{k}"))
            .and_then(Value::as_object_mut)
        {
            rules.remove("tolerance");
        }
    }
}

/// The autoscaling/v2 form of an object in either version.
fn as_v2(obj: &Value) -> Value {
    if is_v1(obj) {
        HpaV1Converter
            .to_storage(obj.clone())
            .unwrap_or_else(|_| obj.clone())
    } else {
        obj.clone()
    }
}

impl Strategy for HorizontalPodAutoscalerStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        if is_v1(obj) {
            let spec = crate::registry::other::common::object_entry(obj, "spec");
            crate::registry::other::common::set_default(spec, "minReplicas", json!(1));
        } else {
            default_v2(obj);
        }
    }

    fn prepare_for_create(
        &self,
        obj: &mut Value,
        _ctx: &crate::registry::strategy::StrategyCtx<'_>,
    ) {
        if !is_v1(obj) {
            drop_tolerance(obj, None);
        }
    }

    fn prepare_for_update(&self, new: &mut Value, old: &Value) {
        if !is_v1(new) {
            drop_tolerance(new, Some(old));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let v2 = as_v2(obj);
        let empty = json!({});
        validate_hpa_spec(v2.get("spec").unwrap_or(&empty), &FieldPath::new("spec"))
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        let v2 = as_v2(new);
        let empty = json!({});
        validate_hpa_status(v2.get("status").unwrap_or(&empty))
    }
}

const METRICS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/metrics";
const CURRENT_METRICS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/current-metrics";
const CONDITIONS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/conditions";
const BEHAVIOR_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/behavior";

/// Converts autoscaling/v1 HPAs to and from the autoscaling/v2 storage form.
#[derive(Clone, Copy, Debug, Default)]
pub struct HpaV1Converter;

fn is_cpu_utilization(metric: &Value) -> bool {
    metric["type"] == "Resource"
        && metric["resource"]["name"] == "cpu"
        && metric["resource"]["target"]["type"] == "Utilization"
}

fn annotations(obj: &mut Value) -> &mut Map<String, Value> {
    let meta = crate::registry::meta::meta_mut(obj);
    let ann = meta.entry("annotations").or_insert_with(|| json!({}));
    if !ann.is_object() {
        *ann = json!({});
    }
    match ann {
        Value::Object(m) => m,
        _ => unreachable!("just made an object"),
    }
}

fn take_annotation(obj: &mut Value, key: &str) -> Option<Value> {
    let ann = obj
        .pointer_mut("/metadata/annotations")
        .and_then(Value::as_object_mut)?;
    let raw = ann.remove(key)?;
    let empty = ann.is_empty();
    if empty {
        if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.remove("annotations");
        }
    }
    serde_json::from_str(raw.as_str()?).ok()
}

impl VersionConverter for HpaV1Converter {
    fn to_storage(&self, mut obj: Value) -> Result<Value, String> {
        let spec = obj.get("spec").cloned().unwrap_or_else(|| json!({}));
        let status = obj.get("status").cloned();
        let mut metrics: Vec<Value> = take_annotation(&mut obj, METRICS_ANNOTATION)
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default();
        let target = spec
            .get("targetCPUUtilizationPercentage")
            .and_then(Value::as_i64);
        if let Some(t) = target {
            metrics.push(json!({"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": t}}}));
        }
        // An HPA without metrics reads back with the default CPU target, which
        // autoscaling/v1 clients see as targetCPUUtilizationPercentage.
        if metrics.is_empty() {
            metrics.push(default_cpu_metric());
        }
        let behavior = take_annotation(&mut obj, BEHAVIOR_ANNOTATION);
        let conditions = take_annotation(&mut obj, CONDITIONS_ANNOTATION);
        let current_metrics = take_annotation(&mut obj, CURRENT_METRICS_ANNOTATION);
        let mut v2_spec = json!({
            "scaleTargetRef": spec.get("scaleTargetRef").cloned().unwrap_or_else(|| json!({})),
            "maxReplicas": spec.get("maxReplicas").cloned().unwrap_or(json!(0)),
        });
        if let Some(min) = spec.get("minReplicas") {
            v2_spec["minReplicas"] = min.clone();
        }
        if !metrics.is_empty() {
            v2_spec["metrics"] = Value::Array(metrics);
        }
        if let Some(b) = behavior {
            v2_spec["behavior"] = b;
        }
        obj["spec"] = v2_spec;
        obj["apiVersion"] = json!("autoscaling/v2");
        if let Some(status) = status {
            let mut s = json!({
                "currentReplicas": status.get("currentReplicas").cloned().unwrap_or(json!(0)),
                "desiredReplicas": status.get("desiredReplicas").cloned().unwrap_or(json!(0)),
            });
            for k in ["observedGeneration", "lastScaleTime"] {
                if let Some(v) = status.get(k) {
                    s[k] = v.clone();
                }
            }
            let mut current: Vec<Value> = current_metrics
                .and_then(|v| v.as_array().cloned())
                .unwrap_or_default();
            if let Some(cpu) = status
                .get("currentCPUUtilizationPercentage")
                .and_then(Value::as_i64)
            {
                current.push(json!({"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": cpu}}}));
            }
            if !current.is_empty() {
                s["currentMetrics"] = Value::Array(current);
            }
            if let Some(c) = conditions {
                s["conditions"] = c;
            }
            obj["status"] = s;
        }
        Ok(obj)
    }

    fn storage_to_served(&self, mut obj: Value) -> Result<Value, String> {
        let spec = obj.get("spec").cloned().unwrap_or_else(|| json!({}));
        let status = obj.get("status").cloned();
        let metrics = spec
            .get("metrics")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let (cpu, others): (Vec<Value>, Vec<Value>) =
            metrics.into_iter().partition(is_cpu_utilization);
        let mut v1_spec = json!({
            "scaleTargetRef": spec.get("scaleTargetRef").cloned().unwrap_or_else(|| json!({})),
            "maxReplicas": spec.get("maxReplicas").cloned().unwrap_or(json!(0)),
        });
        if let Some(min) = spec.get("minReplicas") {
            v1_spec["minReplicas"] = min.clone();
        }
        if let Some(t) = cpu
            .first()
            .and_then(|m| m.pointer("/resource/target/averageUtilization"))
        {
            v1_spec["targetCPUUtilizationPercentage"] = t.clone();
        }
        if !others.is_empty() {
            annotations(&mut obj).insert(
                METRICS_ANNOTATION.into(),
                json!(Value::Array(others).to_string()),
            );
        }
        if let Some(b) = spec.get("behavior") {
            annotations(&mut obj).insert(BEHAVIOR_ANNOTATION.into(), json!(b.to_string()));
        }
        obj["spec"] = v1_spec;
        obj["apiVersion"] = json!("autoscaling/v1");
        if let Some(status) = status {
            let mut s = json!({
                "currentReplicas": status.get("currentReplicas").cloned().unwrap_or(json!(0)),
                "desiredReplicas": status.get("desiredReplicas").cloned().unwrap_or(json!(0)),
            });
            for k in ["observedGeneration", "lastScaleTime"] {
                if let Some(v) = status.get(k) {
                    s[k] = v.clone();
                }
            }
            let current = status
                .get("currentMetrics")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let (cpu_now, other_now): (Vec<Value>, Vec<Value>) = current
                .into_iter()
                .partition(|m| m["type"] == "Resource" && m["resource"]["name"] == "cpu");
            if let Some(u) = cpu_now
                .first()
                .and_then(|m| m.pointer("/resource/current/averageUtilization"))
            {
                s["currentCPUUtilizationPercentage"] = u.clone();
            }
            if !other_now.is_empty() {
                annotations(&mut obj).insert(
                    CURRENT_METRICS_ANNOTATION.into(),
                    json!(Value::Array(other_now).to_string()),
                );
            }
            if let Some(c) = status.get("conditions") {
                annotations(&mut obj).insert(CONDITIONS_ANNOTATION.into(), json!(c.to_string()));
            }
            obj["status"] = s;
        }
        Ok(obj)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;

    #[test]
    fn alpha_tolerance_is_dropped() {
        let mut v = json!({"apiVersion": "autoscaling/v2", "spec": {"behavior": {"scaleUp": {"tolerance": "0.1"}}}});
        HorizontalPodAutoscalerStrategy.prepare_for_update(&mut v, &json!({}));
        assert_eq!(v["spec"]["behavior"]["scaleUp"], json!({}));
    }

    #[test]
    fn v2_defaults() {
        let mut v = json!({"apiVersion": "autoscaling/v2", "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 3, "behavior": {"scaleDown": {"stabilizationWindowSeconds": 60}}}});
        HorizontalPodAutoscalerStrategy.default(&mut v);
        assert_eq!(v["spec"]["minReplicas"], 1);
        assert_eq!(v["spec"]["metrics"], json!([default_cpu_metric()]));
        assert_eq!(
            v["spec"]["behavior"]["scaleDown"]["stabilizationWindowSeconds"],
            60
        );
        assert_eq!(v["spec"]["behavior"]["scaleDown"]["selectPolicy"], "Max");
        assert_eq!(
            v["spec"]["behavior"]["scaleUp"]["policies"][0],
            json!({"type": "Pods", "value": 4, "periodSeconds": 15})
        );
        assert!(HorizontalPodAutoscalerStrategy.validate(&v).is_empty());
    }

    #[test]
    fn v1_objects_validate_with_v2_paths() {
        let mut v = json!({"apiVersion": "autoscaling/v1", "spec": {"scaleTargetRef": {"kind": "Deployment"}, "maxReplicas": 0, "targetCPUUtilizationPercentage": 0}});
        HorizontalPodAutoscalerStrategy.default(&mut v);
        assert_eq!(v["spec"]["minReplicas"], 1);
        assert_eq!(
            causes(&HorizontalPodAutoscalerStrategy.validate(&v)),
            [
                ("spec.maxReplicas".to_string(), "FieldValueInvalid"),
                ("spec.maxReplicas".to_string(), "FieldValueInvalid"),
                ("spec.scaleTargetRef.name".to_string(), "FieldValueRequired"),
                (
                    "spec.metrics[0].resource.target.averageUtilization".to_string(),
                    "FieldValueInvalid"
                ),
            ]
        );
    }

    #[test]
    fn v1_without_target_reads_back_the_default() {
        let v1 = json!({"apiVersion": "autoscaling/v1", "metadata": {"name": "h"}, "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 2}});
        let stored = HpaV1Converter.to_storage(v1).expect("converts");
        let back = HpaV1Converter.storage_to_served(stored).expect("converts");
        assert_eq!(back["spec"]["targetCPUUtilizationPercentage"], 80);
    }

    #[test]
    fn v1_cpu_target_round_trips_through_v2() {
        let v1 = json!({
            "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "h"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "minReplicas": 1, "maxReplicas": 5, "targetCPUUtilizationPercentage": 70},
        });
        let v2 = HpaV1Converter.to_storage(v1.clone()).expect("converts");
        assert_eq!(
            v2["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"],
            70
        );
        assert_eq!(v2["apiVersion"], "autoscaling/v2");
        assert_eq!(HpaV1Converter.storage_to_served(v2).expect("converts"), v1);
    }

    #[test]
    fn v2_only_metrics_survive_in_annotations() {
        let v2 = json!({
            "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 3,
                     "metrics": [{"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "10"}}}]},
        });
        let v1 = HpaV1Converter
            .storage_to_served(v2.clone())
            .expect("converts");
        assert!(v1["metadata"]["annotations"][METRICS_ANNOTATION].is_string());
        assert_eq!(HpaV1Converter.to_storage(v1).expect("converts"), v2);
    }
}
