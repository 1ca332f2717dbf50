//! PodTemplates: containers, images and pod labels.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{container_cells, format_labels, name_cell};
use super::{Column, Printer};

/// Prints PodTemplates.
pub(super) struct PodTemplatePrinter;

impl Printer for PodTemplatePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Containers", "The template's container names."),
            Column::string("Images", "The template's container images."),
            Column::string("Pod Labels", "Labels given to pods made from the template."),
        ]
    }

    fn cells(&self, obj: &Value, _now: Timestamp) -> Vec<Value> {
        let template = &obj["template"];
        let (containers, images) = container_cells(&template["spec"]["containers"]);
        vec![
            name_cell(obj),
            containers,
            images,
            json!(format_labels(&template["metadata"]["labels"])),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{cells, names};

    #[test]
    fn pod_template() {
        let (all, wide) = names(&PodTemplatePrinter);
        assert_eq!(all, ["Name", "Containers", "Images", "Pod Labels"]);
        assert!(wide.is_empty());
        let t = json!({
            "metadata": {"name": "tpl"},
            "template": {"metadata": {"labels": {"tier": "web", "app": "x"}},
                         "spec": {"containers": [{"name": "a", "image": "ia"}, {"name": "b", "image": "ib"}]}}
        });
        assert_eq!(
            cells(&PodTemplatePrinter, &t),
            vec![
                json!("tpl"),
                json!("a,b"),
                json!("ia,ib"),
                json!("app=x,tier=web")
            ]
        );
        assert_eq!(
            cells(&PodTemplatePrinter, &json!({"metadata": {"name": "e"}}))[3],
            "<none>"
        );
    }
}
