//! HorizontalPodAutoscalers (autoscaling/v2 and v1): target, metrics and
//! replica bounds.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, int_of, list, name_cell, quantity, quantity_ptr, str_of, UNKNOWN};
use super::{Column, Printer};
use crate::registry::other::hpa::HpaV1Converter;
use crate::resource::VersionConverter;

/// Prints autoscaling/v2 HorizontalPodAutoscalers.
pub(super) struct HpaPrinter;

/// Prints autoscaling/v1 HorizontalPodAutoscalers: converted to the v2 form
/// first, as Kubernetes prints its internal (v2-shaped) object.
pub(super) struct HpaV1Printer;

/// How many metrics are listed before `+ N more...`.
const MAX_METRICS: usize = 2;

/// The CPU utilization target an HPA without metrics gets by default.
const DEFAULT_CPU_UTILIZATION: i64 = 80;

fn hpa_columns() -> Vec<Column> {
    vec![
        Column::name(),
        Column::string("Reference", "The scaled object, as Kind/name."),
        Column::string("Targets", "Current and target values of the metrics."),
        Column::string("MinPods", "The fewest replicas the autoscaler keeps."),
        Column::string("MaxPods", "The most replicas the autoscaler allows."),
        Column::string("Replicas", "The current number of replicas."),
        Column::age(),
    ]
}

fn hpa_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    let spec = &obj["spec"];
    let target = &spec["scaleTargetRef"];
    // minReplicas defaults to 1, and no metrics to an 80% CPU target.
    let min = spec["minReplicas"].as_i64().unwrap_or(1);
    let default_metrics = [json!({"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "Utilization", "averageUtilization": DEFAULT_CPU_UTILIZATION}}})];
    let metrics = match list(&spec["metrics"]) {
        [] => &default_metrics[..],
        m => m,
    };
    vec![
        name_cell(obj),
        json!(format!(
            "{}/{}",
            str_of(&target["kind"]),
            str_of(&target["name"])
        )),
        json!(format_metrics(
            metrics,
            list(&obj["status"]["currentMetrics"])
        )),
        json!(min.to_string()),
        json!(int_of(&spec["maxReplicas"])),
        json!(int_of(&obj["status"]["currentReplicas"])),
        age_cell(obj, now),
    ]
}

impl Printer for HpaPrinter {
    fn columns(&self) -> Vec<Column> {
        hpa_columns()
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        hpa_cells(obj, now)
    }
}

impl Printer for HpaV1Printer {
    fn columns(&self) -> Vec<Column> {
        hpa_columns()
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        match HpaV1Converter.to_storage(obj.clone()) {
            Ok(v2) => hpa_cells(&v2, now),
            Err(_) => hpa_cells(obj, now),
        }
    }
}

/// `current/target` for value-or-average metric sources (Object, External):
/// an average target prints ` (avg)`.
fn value_metric(spec: &Value, status: Option<&Value>) -> String {
    let target = &spec["target"];
    if !target["averageValue"].is_null() {
        let current = status
            .map(|s| &s["current"]["averageValue"])
            .filter(|v| !v.is_null())
            .map(quantity)
            .unwrap_or_else(|| UNKNOWN.to_string());
        format!("{current}/{} (avg)", quantity(&target["averageValue"]))
    } else {
        let current = status
            .map(|s| quantity_ptr(&s["current"]["value"]))
            .unwrap_or_else(|| UNKNOWN.to_string());
        format!("{current}/{}", quantity_ptr(&target["value"]))
    }
}

/// `name: current/target` for Resource and ContainerResource sources.
fn resource_metric(spec: &Value, status: Option<&Value>) -> String {
    let name = str_of(&spec["name"]);
    let target = &spec["target"];
    if !target["averageValue"].is_null() {
        let current = status
            .map(|s| quantity_ptr(&s["current"]["averageValue"]))
            .unwrap_or_else(|| UNKNOWN.to_string());
        format!("{name}: {current}/{}", quantity(&target["averageValue"]))
    } else {
        let current = status
            .and_then(|s| s["current"]["averageUtilization"].as_i64())
            .map(|u| format!("{u}%"))
            .unwrap_or_else(|| UNKNOWN.to_string());
        let target = target["averageUtilization"]
            .as_i64()
            .map(|u| format!("{u}%"))
            .unwrap_or_else(|| "<auto>".to_string());
        format!("{name}: {current}/{target}")
    }
}

/// Kubernetes' `formatHPAMetrics`: each metric as current/target, matched to
/// the status entry at the same index, at most two shown.
fn format_metrics(specs: &[Value], statuses: &[Value]) -> String {
    if specs.is_empty() {
        return "<none>".to_string();
    }
    let mut shown: Vec<String> = specs
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let status = statuses.get(i);
            // The status entry's source of the given field, when it is set.
            let source = |field: &str| status.map(|s| &s[field]).filter(|v| !v.is_null());
            match str_of(&spec["type"]) {
                "External" => value_metric(&spec["external"], source("external")),
                "Object" => value_metric(&spec["object"], source("object")),
                "Pods" => {
                    let current = source("pods")
                        .map(|s| quantity_ptr(&s["current"]["averageValue"]))
                        .unwrap_or_else(|| UNKNOWN.to_string());
                    format!(
                        "{current}/{}",
                        quantity_ptr(&spec["pods"]["target"]["averageValue"])
                    )
                }
                "Resource" => resource_metric(&spec["resource"], source("resource")),
                "ContainerResource" => {
                    resource_metric(&spec["containerResource"], source("containerResource"))
                }
                _ => "<unknown type>".to_string(),
            }
        })
        .collect();
    let count = shown.len();
    if count > MAX_METRICS {
        shown.truncate(MAX_METRICS);
        return format!("{} + {} more...", shown.join(", "), count - MAX_METRICS);
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn columns() {
        let (all, wide) = names(&HpaPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Reference",
                "Targets",
                "MinPods",
                "MaxPods",
                "Replicas",
                "Age"
            ]
        );
        assert!(wide.is_empty());
    }

    #[test]
    fn v2_hpa() {
        let hpa = json!({
            "metadata": {"name": "web", "creationTimestamp": ago(1200)},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                     "minReplicas": 2, "maxReplicas": 10,
                     "metrics": [
                         {"type": "Resource", "resource": {"name": "cpu",
                             "target": {"type": "Utilization", "averageUtilization": 60}}},
                         {"type": "Resource", "resource": {"name": "memory",
                             "target": {"type": "AverageValue", "averageValue": "512Mi"}}}]},
            "status": {"currentReplicas": 3, "desiredReplicas": 3,
                       "currentMetrics": [
                           {"type": "Resource", "resource": {"name": "cpu",
                               "current": {"averageUtilization": 45, "averageValue": "120m"}}},
                           {"type": "Resource", "resource": {"name": "memory",
                               "current": {"averageValue": "200Mi"}}}]}
        });
        assert_eq!(
            cells(&HpaPrinter, &hpa),
            vec![
                json!("web"),
                json!("Deployment/web"),
                json!("cpu: 45%/60%, memory: 200Mi/512Mi"),
                json!("2"),
                json!(10),
                json!(3),
                json!("20m"),
            ]
        );
    }

    #[test]
    fn metric_kinds() {
        let specs = vec![
            json!({"type": "Pods", "pods": {"metric": {"name": "rps"},
                "target": {"type": "AverageValue", "averageValue": "1k"}}}),
            json!({"type": "Object", "object": {"target": {"type": "Value", "value": "10"}}}),
            json!({"type": "External", "external": {"target": {"type": "AverageValue", "averageValue": "30"}}}),
        ];
        assert_eq!(
            format_metrics(&specs, &[]),
            "<unknown>/1k, <unknown>/10 + 1 more..."
        );
        let statuses = vec![
            json!({"type": "Pods", "pods": {"current": {"averageValue": "800"}}}),
            json!({"type": "Object", "object": {"current": {"value": "12"}}}),
        ];
        assert_eq!(format_metrics(&specs[..2], &statuses), "800/1k, 12/10");
        assert_eq!(
            format_metrics(
                &specs[2..],
                &[json!({"external": {"current": {"averageValue": "25"}}})]
            ),
            "25/30 (avg)"
        );
        let container = json!({"type": "ContainerResource", "containerResource": {
            "name": "cpu", "container": "app", "target": {"type": "Utilization"}}});
        assert_eq!(format_metrics(&[container], &[]), "cpu: <unknown>/<auto>");
        assert_eq!(
            format_metrics(&[json!({"type": "Nope"})], &[]),
            "<unknown type>"
        );
        assert_eq!(format_metrics(&[], &[]), "<none>");
        // An HPA without metrics has the default CPU target.
        let bare = json!({"metadata": {"name": "b"}, "spec": {"maxReplicas": 2, "metrics": []}});
        assert_eq!(cells(&HpaPrinter, &bare)[2], "cpu: <unknown>/80%");
    }

    #[test]
    fn v1_hpa() {
        let hpa = json!({
            "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "api"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "api"},
                     "maxReplicas": 5, "targetCPUUtilizationPercentage": 70},
            "status": {"currentReplicas": 1, "desiredReplicas": 1, "currentCPUUtilizationPercentage": 33}
        });
        let c = cells(&HpaV1Printer, &hpa);
        assert_eq!(c[1], "Deployment/api");
        assert_eq!(c[2], "cpu: 33%/70%");
        assert_eq!(c[3], "1");
        assert_eq!(c[4], 5);
        assert_eq!(c[5], 1);
        // No target: the implied 80% CPU target.
        let bare = json!({"metadata": {"name": "b"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "b"}, "minReplicas": 3, "maxReplicas": 4}});
        let c = cells(&HpaV1Printer, &bare);
        assert_eq!(c[2], "cpu: <unknown>/80%");
        assert_eq!(c[3], "3");
        assert_eq!(c[5], 0);
    }
}
