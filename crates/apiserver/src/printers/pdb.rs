//! PodDisruptionBudgets: budget bounds and allowed disruptions.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, int_of, int_or_string, name_cell};
use super::{Column, Printer};

/// Prints PodDisruptionBudgets.
pub(super) struct PodDisruptionBudgetPrinter;

impl Printer for PodDisruptionBudgetPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Min Available", "Pods that must stay available."),
            Column::string("Max Unavailable", "Pods that may be unavailable."),
            Column::integer("Allowed Disruptions", "Evictions allowed right now."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let bound = |v: &Value| {
            if v.is_null() {
                "N/A".to_string()
            } else {
                int_or_string(v)
            }
        };
        vec![
            name_cell(obj),
            json!(bound(&spec["minAvailable"])),
            json!(bound(&spec["maxUnavailable"])),
            json!(int_of(&obj["status"]["disruptionsAllowed"])),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn pod_disruption_budget() {
        let (all, wide) = names(&PodDisruptionBudgetPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Min Available",
                "Max Unavailable",
                "Allowed Disruptions",
                "Age"
            ]
        );
        assert!(wide.is_empty());
        let pdb = json!({"metadata": {"name": "web", "creationTimestamp": ago(15)},
                         "spec": {"minAvailable": 2}, "status": {"disruptionsAllowed": 1}});
        assert_eq!(
            cells(&PodDisruptionBudgetPrinter, &pdb),
            vec![
                json!("web"),
                json!("2"),
                json!("N/A"),
                json!(1),
                json!("15s")
            ]
        );
        let pct = json!({"metadata": {"name": "p"}, "spec": {"maxUnavailable": "25%"}});
        let c = cells(&PodDisruptionBudgetPrinter, &pct);
        assert_eq!(c[1], "N/A");
        assert_eq!(c[2], "25%");
        assert_eq!(c[3], 0);
    }
}
