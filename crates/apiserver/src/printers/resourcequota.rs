//! ResourceQuotas: used and hard amounts, requests and limits apart.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, name_cell, quantity};
use super::{Column, Printer};

/// Prints ResourceQuotas.
pub(super) struct ResourceQuotaPrinter;

impl Printer for ResourceQuotaPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Request", "Used and hard amounts of everything but limits."),
            Column::string("Limit", "Used and hard amounts of `limits.*` resources."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let status = &obj["status"];
        let mut requests = Vec::new();
        let mut limits = Vec::new();
        if let Some(hard) = status["hard"].as_object() {
            let mut names: Vec<&String> = hard.keys().collect();
            names.sort();
            for name in names {
                let entry = format!(
                    "{name}: {}/{}",
                    quantity(&status["used"][name.as_str()]),
                    quantity(&hard[name.as_str()])
                );
                let is_limit = matches!(name.split_once('.'), Some(("limits", _)));
                if is_limit {
                    limits.push(entry);
                } else {
                    requests.push(entry);
                }
            }
        }
        vec![
            name_cell(obj),
            json!(requests.join(", ")),
            json!(limits.join(", ")),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn resource_quota() {
        assert_eq!(
            names(&ResourceQuotaPrinter).0,
            ["Name", "Request", "Limit", "Age"]
        );
        let q = json!({
            "metadata": {"name": "compute", "creationTimestamp": ago(100)},
            "status": {"hard": {"requests.cpu": "2", "pods": "10", "limits.memory": "2048Mi",
                                "requests.memory": "1Gi", "limits.cpu": "4"},
                       "used": {"requests.cpu": "500m", "pods": "3", "limits.memory": "512Mi"}}
        });
        assert_eq!(
            cells(&ResourceQuotaPrinter, &q),
            vec![
                json!("compute"),
                json!("pods: 3/10, requests.cpu: 500m/2, requests.memory: 0/1Gi"),
                json!("limits.cpu: 0/4, limits.memory: 512Mi/2Gi"),
                json!("100s"),
            ]
        );
        let c = cells(&ResourceQuotaPrinter, &json!({"metadata": {"name": "e"}}));
        assert_eq!(c[1], "");
        assert_eq!(c[2], "");
    }
}
