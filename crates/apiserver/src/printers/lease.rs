//! Leases: current holder.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, name_cell, str_of};
use super::{Column, Printer};

/// Prints Leases.
pub(super) struct LeasePrinter;

impl Printer for LeasePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Holder", "Who holds the lease."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        vec![
            name_cell(obj),
            json!(str_of(&obj["spec"]["holderIdentity"])),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn lease() {
        assert_eq!(names(&LeasePrinter).0, ["Name", "Holder", "Age"]);
        let l = json!({"metadata": {"name": "node-a", "creationTimestamp": ago(3)},
                       "spec": {"holderIdentity": "node-a"}});
        assert_eq!(
            cells(&LeasePrinter, &l),
            vec![json!("node-a"), json!("node-a"), json!("3s")]
        );
        assert_eq!(
            cells(&LeasePrinter, &json!({"metadata": {"name": "x"}}))[1],
            ""
        );
    }
}
