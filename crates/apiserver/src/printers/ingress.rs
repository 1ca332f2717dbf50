//! Ingresses: class, hosts, load-balancer address and ports.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, len_of, list, load_balancer_ingress, name_cell, str_of, NONE};
use super::{Column, Printer};

/// Prints Ingresses.
pub(super) struct IngressPrinter;

/// How many hosts are listed before `+ N more...`.
const MAX_HOSTS: usize = 3;

impl Printer for IngressPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Class", "The IngressClass that handles the ingress."),
            Column::string("Hosts", "Host names the rules match."),
            Column::string("Address", "Where the load balancer can be reached."),
            Column::string("Ports", "Ports served: 80, and 443 with TLS."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let ports = if len_of(&spec["tls"]) != 0 {
            "80, 443"
        } else {
            "80"
        };
        vec![
            name_cell(obj),
            json!(spec["ingressClassName"].as_str().unwrap_or(NONE)),
            json!(hosts(list(&spec["rules"]))),
            json!(load_balancer_ingress(
                &obj["status"]["loadBalancer"]["ingress"]
            )),
            json!(ports),
            age_cell(obj, now),
        ]
    }
}

/// Kubernetes' `formatHosts`: up to three hosts, `*` when no rule names one.
fn hosts(rules: &[Value]) -> String {
    let mut shown: Vec<&str> = Vec::new();
    let mut more = false;
    for rule in rules {
        if shown.len() == MAX_HOSTS {
            more = true;
        }
        let host = str_of(&rule["host"]);
        if !more && !host.is_empty() {
            shown.push(host);
        }
    }
    if shown.is_empty() {
        return "*".to_string();
    }
    let ret = shown.join(",");
    if more {
        format!("{ret} + {} more...", rules.len().saturating_sub(MAX_HOSTS))
    } else {
        ret
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn ingress() {
        let (all, wide) = names(&IngressPrinter);
        assert_eq!(all, ["Name", "Class", "Hosts", "Address", "Ports", "Age"]);
        assert!(wide.is_empty());
        let ing = json!({
            "metadata": {"name": "site", "creationTimestamp": ago(7200)},
            "spec": {"ingressClassName": "nginx",
                     "tls": [{"hosts": ["a.example.com"]}],
                     "rules": [{"host": "a.example.com"}, {"host": "b.example.com"}]},
            "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.10"}]}}
        });
        assert_eq!(
            cells(&IngressPrinter, &ing),
            vec![
                json!("site"),
                json!("nginx"),
                json!("a.example.com,b.example.com"),
                json!("192.0.2.10"),
                json!("80, 443"),
                json!("120m"),
            ]
        );
        let bare = json!({"metadata": {"name": "b"}, "spec": {"rules": [{"http": {}}]}});
        let c = cells(&IngressPrinter, &bare);
        assert_eq!(c[1], "<none>");
        assert_eq!(c[2], "*");
        assert_eq!(c[3], "");
        assert_eq!(c[4], "80");
    }

    #[test]
    fn many_hosts() {
        let rules: Vec<Value> = ["a", "", "b", "c", "d"]
            .iter()
            .map(|h| json!({"host": h}))
            .collect();
        assert_eq!(hosts(&rules), "a,b,c + 2 more...");
    }
}
