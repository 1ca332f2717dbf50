//! ConfigMaps: number of keys.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, len_of, name_cell};
use super::{Column, Printer};

/// Prints ConfigMaps.
pub(super) struct ConfigMapPrinter;

impl Printer for ConfigMapPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Data", "Number of keys, text and binary."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let keys = len_of(&obj["data"]) + len_of(&obj["binaryData"]);
        vec![name_cell(obj), json!(keys), age_cell(obj, now)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn config_map() {
        assert_eq!(names(&ConfigMapPrinter).0, ["Name", "Data", "Age"]);
        let cm = json!({"metadata": {"name": "cfg", "creationTimestamp": ago(10)},
                        "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="}});
        assert_eq!(
            cells(&ConfigMapPrinter, &cm),
            vec![json!("cfg"), json!(3), json!("10s")]
        );
        assert_eq!(
            cells(&ConfigMapPrinter, &json!({"metadata": {"name": "e"}}))[1],
            0
        );
    }
}
