//! CSINodes: number of registered drivers.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, len_of, name_cell};
use super::{Column, Printer};

/// Prints CSINodes.
pub(super) struct CsiNodePrinter;

impl Printer for CsiNodePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::integer("Drivers", "CSI drivers registered on the node."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        vec![
            name_cell(obj),
            json!(len_of(&obj["spec"]["drivers"])),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn csi_node() {
        assert_eq!(names(&CsiNodePrinter).0, ["Name", "Drivers", "Age"]);
        let n = json!({"metadata": {"name": "node-a", "creationTimestamp": ago(20)},
                       "spec": {"drivers": [{"name": "ebs.csi.aws.com", "nodeID": "i-1"}]}});
        assert_eq!(
            cells(&CsiNodePrinter, &n),
            vec![json!("node-a"), json!(1), json!("20s")]
        );
    }
}
