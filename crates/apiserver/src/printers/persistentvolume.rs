//! PersistentVolumes: capacity, access, reclaim policy, phase and claim.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{access_modes, age_cell, deleting, name_cell, quantity, str_of, UNSET};
use super::{Column, Printer};

/// Prints PersistentVolumes.
pub(super) struct PersistentVolumePrinter;

/// The legacy annotation naming a volume's or claim's storage class.
pub(super) const BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

impl Printer for PersistentVolumePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Capacity", "The volume's storage capacity."),
            Column::string("Access Modes", "How the volume can be mounted."),
            Column::string(
                "Reclaim Policy",
                "What happens to the volume when released.",
            ),
            Column::string("Status", "The volume's phase."),
            Column::string("Claim", "The claim bound to the volume (namespace/name)."),
            Column::string("StorageClass", "The volume's storage class."),
            Column::string("VolumeAttributesClass", "The volume's attributes class."),
            Column::string("Reason", "Why the volume is in its phase."),
            Column::age(),
            Column::string("VolumeMode", "Filesystem or Block.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let claim = &spec["claimRef"];
        let claim = if claim.is_object() {
            format!("{}/{}", str_of(&claim["namespace"]), str_of(&claim["name"]))
        } else {
            String::new()
        };
        // Defaults: phase Pending, reclaim policy Retain, volume mode Filesystem.
        let phase = if deleting(obj) {
            "Terminating"
        } else {
            obj["status"]["phase"].as_str().unwrap_or("Pending")
        };
        let class = match obj["metadata"]["annotations"][BETA_STORAGE_CLASS].as_str() {
            Some(c) => c,
            None => str_of(&spec["storageClassName"]),
        };
        vec![
            name_cell(obj),
            json!(quantity(&spec["capacity"]["storage"])),
            json!(access_modes(&spec["accessModes"])),
            json!(spec["persistentVolumeReclaimPolicy"]
                .as_str()
                .unwrap_or("Retain")),
            json!(phase),
            json!(claim),
            json!(class),
            json!(spec["volumeAttributesClassName"].as_str().unwrap_or(UNSET)),
            json!(str_of(&obj["status"]["reason"])),
            age_cell(obj, now),
            json!(spec["volumeMode"].as_str().unwrap_or("Filesystem")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn persistent_volume() {
        let (all, wide) = names(&PersistentVolumePrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Capacity",
                "Access Modes",
                "Reclaim Policy",
                "Status",
                "Claim",
                "StorageClass",
                "VolumeAttributesClass",
                "Reason",
                "Age",
                "VolumeMode"
            ]
        );
        assert_eq!(wide, ["VolumeMode"]);
        let pv = json!({
            "metadata": {"name": "pv-1", "creationTimestamp": ago(3600)},
            "spec": {"capacity": {"storage": "10Gi"}, "accessModes": ["ReadWriteOnce"],
                     "persistentVolumeReclaimPolicy": "Delete", "storageClassName": "standard",
                     "claimRef": {"namespace": "default", "name": "data"}, "volumeMode": "Block"},
            "status": {"phase": "Bound"}
        });
        assert_eq!(
            cells(&PersistentVolumePrinter, &pv),
            vec![
                json!("pv-1"),
                json!("10Gi"),
                json!("RWO"),
                json!("Delete"),
                json!("Bound"),
                json!("default/data"),
                json!("standard"),
                json!("<unset>"),
                json!(""),
                json!("60m"),
                json!("Block"),
            ]
        );
    }

    #[test]
    fn defaults_annotation_and_terminating() {
        let pv = json!({
            "metadata": {"name": "old", "deletionTimestamp": ago(1),
                         "annotations": {"volume.beta.kubernetes.io/storage-class": "legacy"}},
            "spec": {"storageClassName": "ignored", "volumeAttributesClassName": "gold"},
            "status": {"phase": "Failed", "reason": "Recycler failed"}
        });
        let c = cells(&PersistentVolumePrinter, &pv);
        assert_eq!(c[1], "0");
        assert_eq!(c[2], "");
        assert_eq!(c[3], "Retain");
        assert_eq!(c[4], "Terminating");
        assert_eq!(c[5], "");
        assert_eq!(c[6], "legacy");
        assert_eq!(c[7], "gold");
        assert_eq!(c[8], "Recycler failed");
        assert_eq!(c[10], "Filesystem");
    }
}
