//! ServiceAccounts: number of referenced secrets.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, len_of, name_cell};
use super::{Column, Printer};

/// Prints ServiceAccounts.
pub(super) struct ServiceAccountPrinter;

impl Printer for ServiceAccountPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Secrets", "Number of secrets the account references."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        vec![
            name_cell(obj),
            json!(len_of(&obj["secrets"])),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn service_account() {
        assert_eq!(names(&ServiceAccountPrinter).0, ["Name", "Secrets", "Age"]);
        let sa = json!({"metadata": {"name": "default", "creationTimestamp": ago(3 * 365 * 86400)},
                        "secrets": [{"name": "tok"}]});
        assert_eq!(
            cells(&ServiceAccountPrinter, &sa),
            vec![json!("default"), json!(1), json!("3y")]
        );
    }
}
