//! RuntimeClasses: handler.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, name_cell, str_of};
use super::{Column, Printer};

/// Prints RuntimeClasses.
pub(super) struct RuntimeClassPrinter;

impl Printer for RuntimeClassPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Handler", "The CRI handler that runs pods of this class."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        vec![
            name_cell(obj),
            json!(str_of(&obj["handler"])),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn runtime_class() {
        assert_eq!(names(&RuntimeClassPrinter).0, ["Name", "Handler", "Age"]);
        let rc = json!({"metadata": {"name": "gvisor", "creationTimestamp": ago(1)}, "handler": "runsc"});
        assert_eq!(
            cells(&RuntimeClassPrinter, &rc),
            vec![json!("gvisor"), json!("runsc"), json!("1s")]
        );
    }
}
