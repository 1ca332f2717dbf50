//! Namespaces: phase.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, name_cell};
use super::{Column, Printer};

/// Prints Namespaces.
pub(super) struct NamespacePrinter;

impl Printer for NamespacePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Status", "The namespace's phase: Active or Terminating."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        // status.phase defaults to Active.
        let phase = obj["status"]["phase"].as_str().unwrap_or("Active");
        vec![name_cell(obj), json!(phase), age_cell(obj, now)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn namespace() {
        assert_eq!(names(&NamespacePrinter).0, ["Name", "Status", "Age"]);
        let ns = json!({"metadata": {"name": "kube-system", "creationTimestamp": ago(5 * 3600)},
                        "status": {"phase": "Terminating"}});
        assert_eq!(
            cells(&NamespacePrinter, &ns),
            vec![json!("kube-system"), json!("Terminating"), json!("5h")]
        );
        assert_eq!(
            cells(&NamespacePrinter, &json!({"metadata": {"name": "x"}}))[1],
            "Active"
        );
    }
}
