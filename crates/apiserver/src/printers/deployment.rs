//! Deployments: ready/desired replicas, rollout progress and template.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, container_cells, int_of, name_cell, selector_string};
use super::{Column, Printer};

/// Prints Deployments.
pub(super) struct DeploymentPrinter;

impl Printer for DeploymentPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Ready", "Ready pods out of the desired number."),
            Column::string("Up-to-date", "Pods running the latest pod template."),
            Column::string("Available", "Pods available to serve."),
            Column::age(),
            Column::string("Containers", "The template's container names.").wide(),
            Column::string("Images", "The template's container images.").wide(),
            Column::string("Selector", "The label selector for the deployment's pods.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let status = &obj["status"];
        // spec.replicas defaults to 1.
        let desired = spec["replicas"].as_i64().unwrap_or(1);
        let (containers, images) = container_cells(&spec["template"]["spec"]["containers"]);
        let selector = selector_string(&spec["selector"]).unwrap_or_else(|()| "<invalid>".into());
        vec![
            name_cell(obj),
            json!(format!("{}/{desired}", int_of(&status["readyReplicas"]))),
            json!(int_of(&status["updatedReplicas"])),
            json!(int_of(&status["availableReplicas"])),
            age_cell(obj, now),
            containers,
            images,
            json!(selector),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn columns() {
        let (all, wide) = names(&DeploymentPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Ready",
                "Up-to-date",
                "Available",
                "Age",
                "Containers",
                "Images",
                "Selector"
            ]
        );
        assert_eq!(wide, ["Containers", "Images", "Selector"]);
    }

    #[test]
    fn rolling_deployment() {
        let d = json!({
            "metadata": {"name": "web", "creationTimestamp": ago(3 * 86400 + 7200)},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"spec": {"containers": [
                         {"name": "nginx", "image": "nginx:1.27"},
                         {"name": "log", "image": "busybox"}]}}},
            "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 1, "availableReplicas": 2}
        });
        assert_eq!(
            cells(&DeploymentPrinter, &d),
            vec![
                json!("web"),
                json!("2/3"),
                json!(1),
                json!(2),
                json!("3d2h"),
                json!("nginx,log"),
                json!("nginx:1.27,busybox"),
                json!("app=web"),
            ]
        );
    }

    #[test]
    fn defaults_and_empty_status() {
        let d = json!({"metadata": {"name": "d"}, "spec": {}});
        let c = cells(&DeploymentPrinter, &d);
        assert_eq!(c[1], "0/1");
        assert_eq!(c[2], 0);
        assert_eq!(c[5], "");
        assert_eq!(c[7], "");
        let d = json!({"metadata": {"name": "d"}, "spec": {"replicas": 0,
            "selector": {"matchExpressions": [{"key": "a", "operator": "Nope"}]}}});
        let c = cells(&DeploymentPrinter, &d);
        assert_eq!(c[1], "0/0");
        assert_eq!(c[7], "<invalid>");
    }
}
