//! Reading metrics for the HPA from the aggregated metrics APIs:
//! `metrics.k8s.io/v1beta1` (pod resource usage, as metrics-server serves it),
//! `custom.metrics.k8s.io/v1beta2` (Pods and Object metrics) and
//! `external.metrics.k8s.io/v1beta1`. When a group is not served the request
//! fails with the API server's 404, which the HPA reports in its conditions.

use std::time::Duration;

use capstan_machinery::Quantity;
use jiff::Timestamp;
use kube::api::ListParams;
use serde_json::Value;

use super::replicas::{PodMetric, PodMetrics};

/// Parses a Go duration (`30s`, `1m0.5s`, `10.195s`, `1h2m`, `500ms`).
pub fn parse_go_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s == "0" {
        return Some(Duration::ZERO);
    }
    let mut total = 0f64;
    let mut rest = s;
    while !rest.is_empty() {
        let num_end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
        if num_end == 0 {
            return None;
        }
        let number: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        total += number * factor;
        rest = &rest[unit_end..];
    }
    (total.is_finite() && total >= 0.0).then(|| Duration::from_secs_f64(total))
}

fn milli(value: &Value) -> Option<i64> {
    value
        .as_str()
        .and_then(|s| Quantity::parse(s).ok())
        .map(|q| q.milli_value())
}

fn timestamp(value: &Value) -> Option<Timestamp> {
    value.as_str().and_then(|s| s.parse().ok())
}

/// Pod resource usage from a `PodMetricsList`: per pod, the sum over its
/// containers (or the one `container`) of `resource`, in milli-units. Pods
/// missing the resource in some container are left out. Returns the metrics
/// and the first sample's timestamp.
pub fn parse_pod_metrics(
    list: &Value,
    resource: &str,
    container: Option<&str>,
) -> Result<(PodMetrics, Timestamp), String> {
    let items = list
        .get("items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        return Err("no metrics returned from resource metrics API".into());
    }
    let mut out = PodMetrics::new();
    let mut first: Option<Timestamp> = None;
    for item in &items {
        let Some(name) = item.pointer("/metadata/name").and_then(Value::as_str) else {
            continue;
        };
        let ts = timestamp(&item["timestamp"]).unwrap_or_else(Timestamp::now);
        first.get_or_insert(ts);
        let window = item["window"]
            .as_str()
            .and_then(parse_go_duration)
            .unwrap_or(Duration::from_secs(30));
        let mut sum: i64 = 0;
        let mut missing = false;
        let mut found = false;
        for c in item["containers"].as_array().into_iter().flatten() {
            if container.is_some_and(|want| c["name"].as_str() != Some(want)) {
                continue;
            }
            found = true;
            match milli(&c["usage"][resource]) {
                Some(v) => sum = sum.saturating_add(v),
                None => {
                    missing = true;
                    break;
                }
            }
        }
        if !missing && (found || container.is_none()) {
            out.insert(
                name.to_string(),
                PodMetric {
                    value: sum,
                    timestamp: ts,
                    window,
                },
            );
        }
    }
    Ok((out, first.unwrap_or_else(Timestamp::now)))
}

/// Per-pod values from a custom metrics `MetricValueList` (Pods metrics).
pub fn parse_pod_values(list: &Value) -> Result<(PodMetrics, Timestamp), String> {
    let items = list
        .get("items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        return Err("no metrics returned from custom metrics API".into());
    }
    let mut out = PodMetrics::new();
    let mut first = None;
    for item in &items {
        let Some(name) = item
            .pointer("/describedObject/name")
            .and_then(Value::as_str)
        else {
            continue;
        };
        let Some(value) = milli(&item["value"]) else {
            continue;
        };
        let ts = timestamp(&item["timestamp"]).unwrap_or_else(Timestamp::now);
        first.get_or_insert(ts);
        let window = item["windowSeconds"]
            .as_u64()
            .map(Duration::from_secs)
            .unwrap_or(Duration::from_secs(60));
        out.insert(
            name.to_string(),
            PodMetric {
                value,
                timestamp: ts,
                window,
            },
        );
    }
    Ok((out, first.unwrap_or_else(Timestamp::now)))
}

/// The first value of a `MetricValueList` (Object metrics).
pub fn parse_object_value(list: &Value) -> Result<(i64, Timestamp), String> {
    let item = list
        .get("items")
        .and_then(Value::as_array)
        .and_then(|i| i.first())
        .ok_or("no metrics returned from custom metrics API")?;
    let value = milli(&item["value"]).ok_or("metric value is not a quantity")?;
    Ok((
        value,
        timestamp(&item["timestamp"]).unwrap_or_else(Timestamp::now),
    ))
}

/// The values of an `ExternalMetricValueList`.
pub fn parse_external_values(list: &Value) -> Result<(Vec<i64>, Timestamp), String> {
    let items = list
        .get("items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        return Err("no metrics returned from external metrics API".into());
    }
    let values = items.iter().filter_map(|i| milli(&i["value"])).collect();
    let ts = timestamp(&items[0]["timestamp"]).unwrap_or_else(Timestamp::now);
    Ok((values, ts))
}

/// A client for the metrics APIs.
#[derive(Clone)]
pub struct MetricsClient {
    client: kube::Client,
}

impl MetricsClient {
    /// A client over `client`.
    pub fn new(client: kube::Client) -> Self {
        Self { client }
    }

    async fn list(&self, path: &str, label_selector: &str) -> Result<Value, kube::Error> {
        let mut lp = ListParams::default();
        if !label_selector.is_empty() {
            lp = lp.labels(label_selector);
        }
        let req = kube::core::Request::new(path)
            .list(&lp)
            .map_err(kube::Error::BuildRequest)?;
        self.client.request::<Value>(req).await
    }

    /// Resource usage of the selected pods (`metrics.k8s.io`).
    pub async fn resource_metrics(
        &self,
        ns: &str,
        selector: &str,
        resource: &str,
        container: Option<&str>,
    ) -> Result<(PodMetrics, Timestamp), String> {
        let path = format!("/apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods");
        let list = self.list(&path, selector).await.map_err(|e| {
            format!(
                "unable to fetch metrics from resource metrics API: {} (get pods.metrics.k8s.io)",
                api_message(&e)
            )
        })?;
        parse_pod_metrics(&list, resource, container)
    }

    /// A per-pod custom metric of the selected pods.
    pub async fn pods_metric(
        &self,
        ns: &str,
        metric: &str,
        selector: &str,
    ) -> Result<(PodMetrics, Timestamp), String> {
        let path = format!("/apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/pods/*/{metric}");
        let list = self.list(&path, selector).await.map_err(|e| {
            format!(
                "unable to fetch metrics from custom metrics API: {}",
                api_message(&e)
            )
        })?;
        parse_pod_values(&list)
    }

    /// A custom metric describing one object (`resource` is `plural` or `plural.group`).
    pub async fn object_metric(
        &self,
        ns: &str,
        resource: &str,
        name: &str,
        metric: &str,
    ) -> Result<(i64, Timestamp), String> {
        let path = format!(
            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/{ns}/{resource}/{name}/{metric}"
        );
        let list = self.list(&path, "").await.map_err(|e| {
            format!(
                "unable to fetch metrics from custom metrics API: {}",
                api_message(&e)
            )
        })?;
        parse_object_value(&list)
    }

    /// An external metric's values.
    pub async fn external_metric(
        &self,
        ns: &str,
        metric: &str,
        metric_selector: &str,
    ) -> Result<(Vec<i64>, Timestamp), String> {
        let path = format!("/apis/external.metrics.k8s.io/v1beta1/namespaces/{ns}/{metric}");
        let list = self.list(&path, metric_selector).await.map_err(|e| {
            format!(
                "unable to fetch metrics from external metrics API: {}",
                api_message(&e)
            )
        })?;
        parse_external_values(&list)
    }
}

fn api_message(err: &kube::Error) -> String {
    match err {
        kube::Error::Api(e) if e.code == 404 => {
            "the server could not find the requested resource".into()
        }
        kube::Error::Api(e) => e.message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(
            parse_go_duration("1m0.5s"),
            Some(Duration::from_secs_f64(60.5))
        );
        assert_eq!(parse_go_duration("1h2m"), Some(Duration::from_secs(3720)));
        assert_eq!(parse_go_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_go_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_go_duration("fast"), None);
        assert_eq!(parse_go_duration("10x"), None);
    }

    #[test]
    fn pod_metrics_sum_containers_and_skip_incomplete_pods() {
        let list = json!({"items": [
            {"metadata": {"name": "a"}, "timestamp": "2024-01-01T00:00:00Z", "window": "30s",
             "containers": [{"name": "app", "usage": {"cpu": "250m", "memory": "10Mi"}}, {"name": "side", "usage": {"cpu": "50m", "memory": "1Mi"}}]},
            {"metadata": {"name": "b"}, "timestamp": "2024-01-01T00:00:01Z", "window": "30s",
             "containers": [{"name": "app", "usage": {"memory": "10Mi"}}]},
        ]});
        let (m, ts) = parse_pod_metrics(&list, "cpu", None).expect("metrics");
        assert_eq!(m["a"].value, 300);
        assert!(!m.contains_key("b"), "b lacks cpu");
        assert_eq!(ts, "2024-01-01T00:00:00Z".parse::<Timestamp>().expect("ts"));
        let (m, _) = parse_pod_metrics(&list, "cpu", Some("side")).expect("metrics");
        assert_eq!(m["a"].value, 50);
        let (m, _) = parse_pod_metrics(&list, "memory", None).expect("metrics");
        assert_eq!(m["b"].value, 10 * 1024 * 1024 * 1000);
        assert!(parse_pod_metrics(&json!({"items": []}), "cpu", None).is_err());
    }

    #[test]
    fn custom_and_external_values() {
        let pods = json!({"items": [{"describedObject": {"kind": "Pod", "name": "a"}, "metric": {"name": "qps"}, "timestamp": "2024-01-01T00:00:00Z", "value": "1500m"}]});
        assert_eq!(parse_pod_values(&pods).expect("pods").0["a"].value, 1500);
        let object = json!({"items": [{"describedObject": {"kind": "Ingress", "name": "main"}, "value": "2k"}]});
        assert_eq!(parse_object_value(&object).expect("object").0, 2_000_000);
        let external = json!({"items": [{"metricName": "queue", "value": "30"}, {"metricName": "queue", "value": "12"}]});
        assert_eq!(
            parse_external_values(&external).expect("external").0,
            vec![30_000, 12_000]
        );
    }
}
