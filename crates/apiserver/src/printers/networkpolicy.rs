//! NetworkPolicies: the pods the policy applies to.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, format_label_selector, name_cell};
use super::{Column, Printer};

/// Prints NetworkPolicies.
pub(super) struct NetworkPolicyPrinter;

impl Printer for NetworkPolicyPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Pod-Selector", "The pods the policy applies to."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        // podSelector is a value, not a pointer: missing means empty (all pods).
        let sel = &obj["spec"]["podSelector"];
        let selector = if sel.is_null() {
            format_label_selector(&json!({}))
        } else {
            format_label_selector(sel)
        };
        vec![name_cell(obj), json!(selector), age_cell(obj, now)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn network_policy() {
        assert_eq!(
            names(&NetworkPolicyPrinter).0,
            ["Name", "Pod-Selector", "Age"]
        );
        let np = json!({"metadata": {"name": "deny", "creationTimestamp": ago(9)},
                        "spec": {"podSelector": {"matchLabels": {"role": "db"}}}});
        assert_eq!(
            cells(&NetworkPolicyPrinter, &np),
            vec![json!("deny"), json!("role=db"), json!("9s")]
        );
        let all = json!({"metadata": {"name": "all"}, "spec": {"podSelector": {}}});
        assert_eq!(cells(&NetworkPolicyPrinter, &all)[1], "<none>");
        let missing = json!({"metadata": {"name": "m"}, "spec": {}});
        assert_eq!(cells(&NetworkPolicyPrinter, &missing)[1], "<none>");
    }
}
