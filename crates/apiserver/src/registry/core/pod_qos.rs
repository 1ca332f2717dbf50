//! A pod's quality-of-service class, computed from its containers' requests
//! and limits as Kubernetes does when a pod is created.

use std::collections::BTreeMap;

use capstan_machinery::Quantity;
use serde_json::Value;

use super::json::items;
use super::resources::quantity;

/// Resources that decide the QoS class.
const QOS_RESOURCES: &[&str] = &["cpu", "memory"];

fn positive(list: Option<&Value>) -> Vec<(String, Quantity)> {
    list.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(k, _)| QOS_RESOURCES.contains(&k.as_str()))
                .filter_map(|(k, v)| quantity(v).map(|q| (k.clone(), q)))
                .filter(|(_, q)| q.signum() > 0)
                .collect()
        })
        .unwrap_or_default()
}

/// `BestEffort`, `Burstable` or `Guaranteed` for a PodSpec.
pub fn qos_class(spec: &Value) -> &'static str {
    let mut requests: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut guaranteed = true;
    let containers = items(spec, "containers")
        .iter()
        .chain(items(spec, "initContainers"));
    for c in containers {
        let resources = c.get("resources");
        for (name, q) in positive(resources.and_then(|r| r.get("requests"))) {
            requests
                .entry(name)
                .and_modify(|total| total.add(&q))
                .or_insert(q);
        }
        let found = positive(resources.and_then(|r| r.get("limits")));
        if !QOS_RESOURCES
            .iter()
            .all(|r| found.iter().any(|(n, _)| n == r))
        {
            guaranteed = false;
        }
        for (name, q) in found {
            limits
                .entry(name)
                .and_modify(|total| total.add(&q))
                .or_insert(q);
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    if guaranteed
        && requests.len() == limits.len()
        && requests.iter().all(|(n, q)| limits.get(n) == Some(q))
    {
        return "Guaranteed";
    }
    "Burstable"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn classes() {
        assert_eq!(
            qos_class(&json!({"containers": [{"name": "a"}]})),
            "BestEffort"
        );
        assert_eq!(
            qos_class(&json!({"containers": [{"resources": {"requests": {"cpu": "1"}}}]})),
            "Burstable"
        );
        let both = json!({"cpu": "1", "memory": "1Gi"});
        assert_eq!(
            qos_class(&json!({"containers": [{"resources": {"limits": both, "requests": both}}]})),
            "Guaranteed"
        );
        assert_eq!(
            qos_class(&json!({"containers": [
                {"resources": {"limits": both, "requests": both}},
                {"resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "1"}}}
            ]})),
            "Burstable"
        );
        assert_eq!(
            qos_class(
                &json!({"containers": [{"resources": {"limits": both, "requests": {"cpu": "500m", "memory": "1Gi"}}}]})
            ),
            "Burstable"
        );
    }
}
