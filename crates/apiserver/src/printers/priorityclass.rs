//! PriorityClasses: value, global default and preemption policy.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, bool_or, int_of, name_cell};
use super::{Column, Printer};

/// Prints PriorityClasses.
pub(super) struct PriorityClassPrinter;

impl Printer for PriorityClassPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::integer("Value", "The priority given to pods of this class."),
            Column::boolean(
                "Global-Default",
                "Whether pods without a class get this one.",
            ),
            Column::age(),
            Column::string("PreemptionPolicy", "Whether these pods may preempt others."),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        // preemptionPolicy defaults to PreemptLowerPriority.
        let policy = obj["preemptionPolicy"]
            .as_str()
            .unwrap_or("PreemptLowerPriority");
        vec![
            name_cell(obj),
            json!(int_of(&obj["value"])),
            json!(bool_or(&obj["globalDefault"], false)),
            age_cell(obj, now),
            json!(policy),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn priority_class() {
        let (all, wide) = names(&PriorityClassPrinter);
        assert_eq!(
            all,
            ["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"]
        );
        assert!(wide.is_empty());
        let pc = json!({"metadata": {"name": "system-node-critical", "creationTimestamp": ago(86400 * 2)},
                        "value": 2000001000, "preemptionPolicy": "Never"});
        assert_eq!(
            cells(&PriorityClassPrinter, &pc),
            vec![
                json!("system-node-critical"),
                json!(2000001000),
                json!(false),
                json!("2d"),
                json!("Never")
            ]
        );
        let d = json!({"metadata": {"name": "d"}, "value": 1, "globalDefault": true});
        let c = cells(&PriorityClassPrinter, &d);
        assert_eq!(c[2], true);
        assert_eq!(c[4], "PreemptLowerPriority");
    }
}
