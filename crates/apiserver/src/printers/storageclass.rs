//! StorageClasses: provisioner, policies and the default marker.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, bool_or, str_of};
use super::{Column, Printer};

/// Prints StorageClasses.
pub(super) struct StorageClassPrinter;

const DEFAULT_ANNOTATIONS: [&str; 2] = [
    "storageclass.kubernetes.io/is-default-class",
    "storageclass.beta.kubernetes.io/is-default-class",
];

impl Printer for StorageClassPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Provisioner", "The volume plugin that provisions volumes."),
            Column::string("ReclaimPolicy", "What happens to volumes when released."),
            Column::string(
                "VolumeBindingMode",
                "When volumes are bound and provisioned.",
            ),
            Column::string("AllowVolumeExpansion", "Whether volumes may be resized."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let meta = &obj["metadata"];
        let mut name = str_of(&meta["name"]).to_string();
        if DEFAULT_ANNOTATIONS
            .iter()
            .any(|a| meta["annotations"][*a].as_str() == Some("true"))
        {
            name.push_str(" (default)");
        }
        vec![
            json!(name),
            json!(str_of(&obj["provisioner"])),
            json!(obj["reclaimPolicy"].as_str().unwrap_or("Delete")),
            json!(obj["volumeBindingMode"].as_str().unwrap_or("Immediate")),
            json!(bool_or(&obj["allowVolumeExpansion"], false)),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn storage_class() {
        assert_eq!(
            names(&StorageClassPrinter).0,
            [
                "Name",
                "Provisioner",
                "ReclaimPolicy",
                "VolumeBindingMode",
                "AllowVolumeExpansion",
                "Age"
            ]
        );
        let sc = json!({"metadata": {"name": "standard", "creationTimestamp": ago(3600 * 30),
                                     "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
                        "provisioner": "rancher.io/local-path", "reclaimPolicy": "Retain",
                        "volumeBindingMode": "WaitForFirstConsumer", "allowVolumeExpansion": true});
        assert_eq!(
            cells(&StorageClassPrinter, &sc),
            vec![
                json!("standard (default)"),
                json!("rancher.io/local-path"),
                json!("Retain"),
                json!("WaitForFirstConsumer"),
                json!(true),
                json!("30h"),
            ]
        );
        let bare = json!({"metadata": {"name": "fast", "annotations": {
            "storageclass.beta.kubernetes.io/is-default-class": "false"}}, "provisioner": "p"});
        let c = cells(&StorageClassPrinter, &bare);
        assert_eq!(c[0], "fast");
        assert_eq!(c[2], "Delete");
        assert_eq!(c[3], "Immediate");
        assert_eq!(c[4], false);
    }
}
