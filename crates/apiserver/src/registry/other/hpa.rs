//! HorizontalPodAutoscalers: autoscaling/v2 is stored; autoscaling/v1 converts,
//! keeping v2-only fields in annotations as Kubernetes does.

use serde_json::{json, Map, Value};

use crate::registry::strategy::Strategy;
use crate::resource::VersionConverter;

/// Behaviour of HorizontalPodAutoscalers (both versions).
#[derive(Clone, Copy, Debug, Default)]
pub struct HorizontalPodAutoscalerStrategy;

impl Strategy for HorizontalPodAutoscalerStrategy {
    fn tracks_generation(&self) -> bool {
        true
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

    fn from_storage(&self, mut obj: Value) -> Result<Value, String> {
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
        assert_eq!(HpaV1Converter.from_storage(v2).expect("converts"), v1);
    }

    #[test]
    fn v2_only_metrics_survive_in_annotations() {
        let v2 = json!({
            "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 3,
                     "metrics": [{"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue", "averageValue": "10"}}}]},
        });
        let v1 = HpaV1Converter.from_storage(v2.clone()).expect("converts");
        assert!(v1["metadata"]["annotations"][METRICS_ANNOTATION].is_string());
        assert_eq!(HpaV1Converter.to_storage(v1).expect("converts"), v2);
    }
}
