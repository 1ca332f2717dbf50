//! StatefulSets: ready/desired replicas and template.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, container_cells, int_of, name_cell};
use super::{Column, Printer};

/// Prints StatefulSets.
pub(super) struct StatefulSetPrinter;

impl Printer for StatefulSetPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Ready", "Ready pods out of the desired number."),
            Column::age(),
            Column::string("Containers", "The template's container names.").wide(),
            Column::string("Images", "The template's container images.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let desired = spec["replicas"].as_i64().unwrap_or(1);
        let (containers, images) = container_cells(&spec["template"]["spec"]["containers"]);
        vec![
            name_cell(obj),
            json!(format!(
                "{}/{desired}",
                int_of(&obj["status"]["readyReplicas"])
            )),
            age_cell(obj, now),
            containers,
            images,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn stateful_set() {
        let (all, wide) = names(&StatefulSetPrinter);
        assert_eq!(all, ["Name", "Ready", "Age", "Containers", "Images"]);
        assert_eq!(wide, ["Containers", "Images"]);
        let s = json!({
            "metadata": {"name": "db", "creationTimestamp": ago(86400 * 10)},
            "spec": {"replicas": 3, "template": {"spec": {"containers": [{"name": "pg", "image": "postgres:16"}]}}},
            "status": {"readyReplicas": 3}
        });
        assert_eq!(
            cells(&StatefulSetPrinter, &s),
            vec![
                json!("db"),
                json!("3/3"),
                json!("10d"),
                json!("pg"),
                json!("postgres:16")
            ]
        );
        assert_eq!(
            cells(&StatefulSetPrinter, &json!({"metadata": {"name": "x"}}))[1],
            "0/1"
        );
    }
}
