//! DaemonSets: scheduling counts, node selector and template.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{
    age_cell, container_cells, format_label_selector, format_labels, int_of, name_cell,
};
use super::{Column, Printer};

/// Prints DaemonSets.
pub(super) struct DaemonSetPrinter;

impl Printer for DaemonSetPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::integer("Desired", "Nodes that should run the daemon pod."),
            Column::integer("Current", "Nodes running at least one daemon pod."),
            Column::integer("Ready", "Nodes whose daemon pod is ready."),
            Column::integer("Up-to-date", "Nodes running the latest template."),
            Column::integer("Available", "Nodes whose daemon pod is available."),
            Column::string("Node Selector", "Labels a node needs to run the pod."),
            Column::age(),
            Column::string("Containers", "The template's container names.").wide(),
            Column::string("Images", "The template's container images.").wide(),
            Column::string("Selector", "The label selector for its pods.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let status = &obj["status"];
        let pod_spec = &spec["template"]["spec"];
        let (containers, images) = container_cells(&pod_spec["containers"]);
        vec![
            name_cell(obj),
            json!(int_of(&status["desiredNumberScheduled"])),
            json!(int_of(&status["currentNumberScheduled"])),
            json!(int_of(&status["numberReady"])),
            json!(int_of(&status["updatedNumberScheduled"])),
            json!(int_of(&status["numberAvailable"])),
            json!(format_labels(&pod_spec["nodeSelector"])),
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
    fn daemon_set() {
        let (all, wide) = names(&DaemonSetPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Desired",
                "Current",
                "Ready",
                "Up-to-date",
                "Available",
                "Node Selector",
                "Age",
                "Containers",
                "Images",
                "Selector"
            ]
        );
        assert_eq!(wide, ["Containers", "Images", "Selector"]);
        let ds = json!({
            "metadata": {"name": "agent", "creationTimestamp": ago(300)},
            "spec": {"selector": {"matchLabels": {"name": "agent"}},
                     "template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"},
                                           "containers": [{"name": "agent", "image": "agent:2"}]}}},
            "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 2,
                       "updatedNumberScheduled": 3, "numberAvailable": 2}
        });
        assert_eq!(
            cells(&DaemonSetPrinter, &ds),
            vec![
                json!("agent"),
                json!(3),
                json!(3),
                json!(2),
                json!(3),
                json!(2),
                json!("kubernetes.io/os=linux"),
                json!("5m"),
                json!("agent"),
                json!("agent:2"),
                json!("name=agent"),
            ]
        );
        let c = cells(&DaemonSetPrinter, &json!({"metadata": {"name": "x"}}));
        assert_eq!(c[1], 0);
        assert_eq!(c[6], "<none>");
    }
}
