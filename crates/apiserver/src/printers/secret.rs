//! Secrets: type and number of keys.

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, name_cell};
use super::{Column, Printer};

/// Prints Secrets.
pub(super) struct SecretPrinter;

impl Printer for SecretPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Type", "The secret's type."),
            Column::string("Data", "Number of keys."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        // type defaults to Opaque.
        let ty = obj["type"].as_str().unwrap_or("Opaque");
        vec![
            name_cell(obj),
            json!(ty),
            json!(data_keys(obj)),
            age_cell(obj, now),
        ]
    }
}

/// Keys of `data` and `stringData` together: Kubernetes merges `stringData`
/// into `data` before printing.
fn data_keys(obj: &Value) -> usize {
    let mut keys: BTreeSet<&String> = BTreeSet::new();
    for field in ["data", "stringData"] {
        if let Some(m) = obj[field].as_object() {
            keys.extend(m.keys());
        }
    }
    keys.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn secret() {
        assert_eq!(names(&SecretPrinter).0, ["Name", "Type", "Data", "Age"]);
        let s = json!({"metadata": {"name": "tls", "creationTimestamp": ago(400 * 86400)},
                       "type": "kubernetes.io/tls", "data": {"tls.crt": "", "tls.key": ""}});
        assert_eq!(
            cells(&SecretPrinter, &s),
            vec![
                json!("tls"),
                json!("kubernetes.io/tls"),
                json!(2),
                json!("400d")
            ]
        );
        let merged = json!({"metadata": {"name": "m"}, "data": {"a": "", "b": ""},
                            "stringData": {"b": "x", "c": "y"}});
        assert_eq!(cells(&SecretPrinter, &merged)[2], 3);
        let c = cells(&SecretPrinter, &json!({"metadata": {"name": "o"}}));
        assert_eq!(c[1], "Opaque");
        assert_eq!(c[2], 0);
    }
}
