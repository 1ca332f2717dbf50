//! CSIDrivers: attach, mount and token options.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, bool_or, list, name_cell, str_of, UNSET};
use super::{Column, Printer};

/// Prints CSIDrivers.
pub(super) struct CsiDriverPrinter;

impl Printer for CsiDriverPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::boolean("AttachRequired", "Whether volumes need an attach step."),
            Column::boolean("PodInfoOnMount", "Whether pod details are passed at mount."),
            Column::boolean(
                "StorageCapacity",
                "Whether the driver reports storage capacity.",
            ),
            Column::string(
                "TokenRequests",
                "Audiences of service account tokens passed at mount.",
            ),
            Column::boolean(
                "RequiresRepublish",
                "Whether volumes are re-mounted periodically.",
            ),
            Column::string("Modes", "Supported volume lifecycle modes."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let tokens = match spec["tokenRequests"].as_array() {
            Some(reqs) => reqs
                .iter()
                .map(|t| str_of(&t["audience"]))
                .collect::<Vec<_>>()
                .join(","),
            None => UNSET.to_string(),
        };
        // volumeLifecycleModes defaults to Persistent.
        let modes: Vec<&str> = list(&spec["volumeLifecycleModes"])
            .iter()
            .map(str_of)
            .collect();
        let modes = if modes.is_empty() {
            "Persistent".to_string()
        } else {
            modes.join(",")
        };
        vec![
            name_cell(obj),
            json!(bool_or(&spec["attachRequired"], true)),
            json!(bool_or(&spec["podInfoOnMount"], false)),
            json!(bool_or(&spec["storageCapacity"], false)),
            json!(tokens),
            json!(bool_or(&spec["requiresRepublish"], false)),
            json!(modes),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn csi_driver() {
        assert_eq!(
            names(&CsiDriverPrinter).0,
            [
                "Name",
                "AttachRequired",
                "PodInfoOnMount",
                "StorageCapacity",
                "TokenRequests",
                "RequiresRepublish",
                "Modes",
                "Age"
            ]
        );
        let d = json!({"metadata": {"name": "secrets.csi.k8s.io", "creationTimestamp": ago(7)},
                       "spec": {"attachRequired": false, "podInfoOnMount": true,
                                "tokenRequests": [{"audience": "vault"}, {"audience": "aws"}],
                                "requiresRepublish": true,
                                "volumeLifecycleModes": ["Ephemeral", "Persistent"]}});
        assert_eq!(
            cells(&CsiDriverPrinter, &d),
            vec![
                json!("secrets.csi.k8s.io"),
                json!(false),
                json!(true),
                json!(false),
                json!("vault,aws"),
                json!(true),
                json!("Ephemeral,Persistent"),
                json!("7s"),
            ]
        );
        let bare = json!({"metadata": {"name": "b"}, "spec": {}});
        let c = cells(&CsiDriverPrinter, &bare);
        assert_eq!(c[1], true);
        assert_eq!(c[4], "<unset>");
        assert_eq!(c[6], "Persistent");
    }
}
