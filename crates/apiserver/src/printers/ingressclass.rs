//! IngressClasses: controller and parameters reference.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, name_cell, str_of, NONE};
use super::{Column, Printer};

/// Prints IngressClasses.
pub(super) struct IngressClassPrinter;

impl Printer for IngressClassPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Controller", "The controller that implements the class."),
            Column::string("Parameters", "The resource holding the class's parameters."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let params = &spec["parameters"];
        let parameters = if params.is_object() {
            let mut p = str_of(&params["kind"]).to_string();
            if let Some(group) = params["apiGroup"].as_str() {
                p = format!("{p}.{group}");
            }
            format!("{p}/{}", str_of(&params["name"]))
        } else {
            NONE.to_string()
        };
        vec![
            name_cell(obj),
            json!(str_of(&spec["controller"])),
            json!(parameters),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn ingress_class() {
        let (all, wide) = names(&IngressClassPrinter);
        assert_eq!(all, ["Name", "Controller", "Parameters", "Age"]);
        assert!(wide.is_empty());
        let ic = json!({
            "metadata": {"name": "nginx", "creationTimestamp": ago(100)},
            "spec": {"controller": "k8s.io/ingress-nginx",
                     "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "p"}}
        });
        assert_eq!(
            cells(&IngressClassPrinter, &ic),
            vec![
                json!("nginx"),
                json!("k8s.io/ingress-nginx"),
                json!("IngressParameters.k8s.example.com/p"),
                json!("100s"),
            ]
        );
        let plain = json!({"metadata": {"name": "x"}, "spec": {"controller": "c",
            "parameters": {"kind": "ConfigMap", "name": "cm"}}});
        assert_eq!(cells(&IngressClassPrinter, &plain)[2], "ConfigMap/cm");
        let none = json!({"metadata": {"name": "x"}, "spec": {"controller": "c"}});
        assert_eq!(cells(&IngressClassPrinter, &none)[2], "<none>");
    }
}
