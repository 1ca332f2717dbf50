//! ReplicationControllers: desired, current and ready replicas.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, container_cells, format_labels, int_of, name_cell};
use super::{Column, Printer};

/// Prints ReplicationControllers.
pub(super) struct ReplicationControllerPrinter;

impl Printer for ReplicationControllerPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::integer("Desired", "How many pods the controller wants."),
            Column::integer("Current", "How many pods it has."),
            Column::integer("Ready", "How many of its pods are ready."),
            Column::age(),
            Column::string("Containers", "The template's container names.").wide(),
            Column::string("Images", "The template's container images.").wide(),
            Column::string("Selector", "The labels its pods must carry.").wide(),
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
            json!(format_labels(&spec["selector"])),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn replication_controller() {
        let (all, wide) = names(&ReplicationControllerPrinter);
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
        let rc = json!({
            "metadata": {"name": "legacy", "creationTimestamp": ago(7200)},
            "spec": {"replicas": 2, "selector": {"app": "legacy"},
                     "template": {"spec": {"containers": [{"name": "c", "image": "img:1"}]}}},
            "status": {"replicas": 2, "readyReplicas": 2}
        });
        assert_eq!(
            cells(&ReplicationControllerPrinter, &rc),
            vec![
                json!("legacy"),
                json!(2),
                json!(2),
                json!(2),
                json!("120m"),
                json!("c"),
                json!("img:1"),
                json!("app=legacy"),
            ]
        );
        // No template at all.
        let c = cells(
            &ReplicationControllerPrinter,
            &json!({"metadata": {"name": "x"}}),
        );
        assert_eq!(c[5], "");
        assert_eq!(c[7], "<none>");
    }
}
