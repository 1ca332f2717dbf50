//! PersistentVolumeClaims: phase, bound volume, capacity and class.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::persistentvolume::BETA_STORAGE_CLASS;
use super::util::{access_modes, age_cell, deleting, name_cell, quantity, str_of, UNSET};
use super::{Column, Printer};

/// Prints PersistentVolumeClaims.
pub(super) struct PersistentVolumeClaimPrinter;

impl Printer for PersistentVolumeClaimPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Status", "The claim's phase."),
            Column::string("Volume", "The volume bound to the claim."),
            Column::string("Capacity", "The bound volume's capacity."),
            Column::string("Access Modes", "How the bound volume can be mounted."),
            Column::string("StorageClass", "The claim's storage class."),
            Column::string("VolumeAttributesClass", "The claim's attributes class."),
            Column::age(),
            Column::string("VolumeMode", "Filesystem or Block.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let status = &obj["status"];
        // Defaults: phase Pending, volume mode Filesystem.
        let phase = if deleting(obj) {
            "Terminating"
        } else {
            status["phase"].as_str().unwrap_or("Pending")
        };
        let volume = str_of(&spec["volumeName"]);
        let (capacity, modes) = if volume.is_empty() {
            (String::new(), String::new())
        } else {
            (
                quantity(&status["capacity"]["storage"]),
                access_modes(&status["accessModes"]),
            )
        };
        let class = match obj["metadata"]["annotations"][BETA_STORAGE_CLASS].as_str() {
            Some(c) => c,
            None => str_of(&spec["storageClassName"]),
        };
        vec![
            name_cell(obj),
            json!(phase),
            json!(volume),
            json!(capacity),
            json!(modes),
            json!(class),
            json!(spec["volumeAttributesClassName"].as_str().unwrap_or(UNSET)),
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
    fn persistent_volume_claim() {
        let (all, wide) = names(&PersistentVolumeClaimPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Status",
                "Volume",
                "Capacity",
                "Access Modes",
                "StorageClass",
                "VolumeAttributesClass",
                "Age",
                "VolumeMode"
            ]
        );
        assert_eq!(wide, ["VolumeMode"]);
        let pvc = json!({
            "metadata": {"name": "data", "creationTimestamp": ago(50)},
            "spec": {"volumeName": "pv-1", "storageClassName": "standard",
                     "resources": {"requests": {"storage": "5Gi"}}},
            "status": {"phase": "Bound", "capacity": {"storage": "10Gi"},
                       "accessModes": ["ReadWriteOnce", "ReadWriteOncePod"]}
        });
        assert_eq!(
            cells(&PersistentVolumeClaimPrinter, &pvc),
            vec![
                json!("data"),
                json!("Bound"),
                json!("pv-1"),
                json!("10Gi"),
                json!("RWO,RWOP"),
                json!("standard"),
                json!("<unset>"),
                json!("50s"),
                json!("Filesystem"),
            ]
        );
        let pending = json!({"metadata": {"name": "p"},
            "spec": {"resources": {"requests": {"storage": "1Gi"}}}});
        let c = cells(&PersistentVolumeClaimPrinter, &pending);
        assert_eq!(c[1], "Pending");
        assert_eq!(c[2], "");
        assert_eq!(c[3], "");
        assert_eq!(c[5], "");
    }
}
