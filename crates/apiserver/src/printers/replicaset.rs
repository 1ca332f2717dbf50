//! ReplicaSets: desired, current and ready replicas.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, container_cells, format_label_selector, int_of, name_cell};
use super::{Column, Printer};

/// Prints ReplicaSets.
pub(super) struct ReplicaSetPrinter;

impl Printer for ReplicaSetPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::integer("Desired", "How many pods the replica set wants."),
            Column::integer("Current", "How many pods it has."),
            Column::integer("Ready", "How many of its pods are ready."),
            Column::age(),
            Column::string("Containers", "The template's container names.").wide(),
            Column::string("Images", "The template's container images.").wide(),
            Column::string("Selector", "The label selector for its pods.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let status = &obj["status"];
        let (containers, images) = container_cells(&spec["template"]["spec"]["containers"]);
        vec![
            name_cell(obj),
            json!(spec["replicas"].as_i64().unwrap_or(1)),
            json!(int_of(&status["replicas"])),
            json!(int_of(&status["readyReplicas"])),
            age_cell(obj, now),
            containers,
            images,
            json!(format_label_selector(&spec["selector"])),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn replica_set() {
        let (all, wide) = names(&ReplicaSetPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Desired",
                "Current",
                "Ready",
                "Age",
                "Containers",
                "Images",
                "Selector"
            ]
        );
        assert_eq!(wide, ["Containers", "Images", "Selector"]);
        let rs = json!({
            "metadata": {"name": "web-5d8f", "creationTimestamp": ago(45)},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "5d8f"}},
                     "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}},
            "status": {"replicas": 3, "readyReplicas": 1}
        });
        assert_eq!(
            cells(&ReplicaSetPrinter, &rs),
            vec![
                json!("web-5d8f"),
                json!(3),
                json!(3),
                json!(1),
                json!("45s"),
                json!("nginx"),
                json!("nginx"),
                json!("app=web,pod-template-hash=5d8f"),
            ]
        );
        let empty = json!({"metadata": {"name": "x"}});
        let c = cells(&ReplicaSetPrinter, &empty);
        assert_eq!(c[1], 1);
        assert_eq!(c[7], "<none>");
    }
}
