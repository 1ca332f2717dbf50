//! VolumeAttachments: attacher, volume, node and attach state.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, bool_or, name_cell, str_of};
use super::{Column, Printer};

/// Prints VolumeAttachments.
pub(super) struct VolumeAttachmentPrinter;

impl Printer for VolumeAttachmentPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            // Kubernetes marks this column with the `name` format too.
            Column::string("Attacher", "The driver that attaches the volume.").with_format("name"),
            Column::string("PV", "The persistent volume being attached."),
            Column::string("Node", "The node the volume is attached to."),
            Column::boolean("Attached", "Whether the attach has completed."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        vec![
            name_cell(obj),
            json!(str_of(&spec["attacher"])),
            json!(str_of(&spec["source"]["persistentVolumeName"])),
            json!(str_of(&spec["nodeName"])),
            json!(bool_or(&obj["status"]["attached"], false)),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn volume_attachment() {
        assert_eq!(
            names(&VolumeAttachmentPrinter).0,
            ["Name", "Attacher", "PV", "Node", "Attached", "Age"]
        );
        assert_eq!(VolumeAttachmentPrinter.columns()[1].format, "name");
        let va = json!({"metadata": {"name": "csi-123", "creationTimestamp": ago(61)},
                        "spec": {"attacher": "ebs.csi.aws.com", "nodeName": "node-a",
                                 "source": {"persistentVolumeName": "pv-1"}},
                        "status": {"attached": true}});
        assert_eq!(
            cells(&VolumeAttachmentPrinter, &va),
            vec![
                json!("csi-123"),
                json!("ebs.csi.aws.com"),
                json!("pv-1"),
                json!("node-a"),
                json!(true),
                json!("61s")
            ]
        );
    }
}
