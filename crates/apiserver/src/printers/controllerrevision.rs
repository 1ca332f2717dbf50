//! ControllerRevisions: owning controller and revision number.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, int_of, list, name_cell, str_of, NONE};
use super::{Column, Printer};

/// Prints ControllerRevisions.
pub(super) struct ControllerRevisionPrinter;

impl Printer for ControllerRevisionPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Controller", "The controller that owns the revision."),
            Column::string("Revision", "The revision number."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        vec![
            name_cell(obj),
            json!(controller(obj)),
            json!(int_of(&obj["revision"])),
            age_cell(obj, now),
        ]
    }
}

/// `kind.group/name` of the controlling owner (lower-cased kind and group),
/// or `<none>`.
fn controller(obj: &Value) -> String {
    let Some(owner) = list(&obj["metadata"]["ownerReferences"])
        .iter()
        .find(|r| r["controller"].as_bool() == Some(true))
    else {
        return NONE.to_string();
    };
    let name = str_of(&owner["name"]);
    let kind = str_of(&owner["kind"]);
    // The group is what precedes the slash of apiVersion ("v1" has none).
    let group = str_of(&owner["apiVersion"])
        .split_once('/')
        .map(|(g, _)| g)
        .unwrap_or_default();
    if kind.is_empty() && group.is_empty() {
        return name.to_string();
    }
    let group_kind = if group.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}.{group}")
    };
    format!("{}/{name}", group_kind.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn controller_revision() {
        let (all, wide) = names(&ControllerRevisionPrinter);
        assert_eq!(all, ["Name", "Controller", "Revision", "Age"]);
        assert!(wide.is_empty());
        let r = json!({
            "metadata": {"name": "db-7c9", "creationTimestamp": ago(90),
                         "ownerReferences": [
                             {"apiVersion": "v1", "kind": "Pod", "name": "x"},
                             {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db", "controller": true}]},
            "revision": 2
        });
        assert_eq!(
            cells(&ControllerRevisionPrinter, &r),
            vec![
                json!("db-7c9"),
                json!("statefulset.apps/db"),
                json!(2),
                json!("90s")
            ]
        );
        let orphan = json!({"metadata": {"name": "o"}, "revision": 1});
        assert_eq!(cells(&ControllerRevisionPrinter, &orphan)[1], "<none>");
    }
}
