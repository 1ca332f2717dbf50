//! Endpoints: the first few addresses behind a service.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, int_of, list, name_cell, str_of, NONE};
use super::{Column, Printer};

/// Prints Endpoints.
pub(super) struct EndpointsPrinter;

/// How many addresses are listed before `+ N more...`.
const MAX_SHOWN: usize = 3;

impl Printer for EndpointsPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Endpoints", "The first few ready addresses (with ports)."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        vec![
            name_cell(obj),
            json!(format_endpoints(list(&obj["subsets"]))),
            age_cell(obj, now),
        ]
    }
}

/// `host:port`, bracketing IPv6 hosts (Go's `net.JoinHostPort`).
fn join_host_port(host: &str, port: i64) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Kubernetes' `formatEndpoints` for all ports.
fn format_endpoints(subsets: &[Value]) -> String {
    if subsets.is_empty() {
        return NONE.to_string();
    }
    let mut shown: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for ss in subsets {
        let addresses = list(&ss["addresses"]);
        let ports = list(&ss["ports"]);
        if ports.is_empty() {
            // Headless services may have no ports.
            count += addresses.len();
            for a in addresses {
                if shown.len() == MAX_SHOWN {
                    more = true;
                    break;
                }
                shown.push(str_of(&a["ip"]).to_string());
            }
            continue;
        }
        for p in ports {
            count += addresses.len();
            for a in addresses {
                if shown.len() == MAX_SHOWN {
                    more = true;
                    break;
                }
                shown.push(join_host_port(str_of(&a["ip"]), int_of(&p["port"])));
            }
        }
    }
    let ret = shown.join(",");
    if more {
        format!("{ret} + {} more...", count.saturating_sub(MAX_SHOWN))
    } else {
        ret
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn endpoints() {
        let (all, wide) = names(&EndpointsPrinter);
        assert_eq!(all, ["Name", "Endpoints", "Age"]);
        assert!(wide.is_empty());
        let ep = json!({
            "metadata": {"name": "web", "creationTimestamp": ago(60)},
            "subsets": [{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}],
                         "ports": [{"port": 80}, {"port": 443}]}]
        });
        assert_eq!(
            cells(&EndpointsPrinter, &ep),
            vec![
                json!("web"),
                json!("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more..."),
                json!("60s")
            ]
        );
        let v6 = json!({"metadata": {"name": "v6"},
            "subsets": [{"addresses": [{"ip": "fd00::1"}], "ports": [{"port": 8080}]}]});
        assert_eq!(cells(&EndpointsPrinter, &v6)[1], "[fd00::1]:8080");
        let headless = json!({"metadata": {"name": "h"},
            "subsets": [{"addresses": [{"ip": "10.0.0.9"}]}]});
        assert_eq!(cells(&EndpointsPrinter, &headless)[1], "10.0.0.9");
        let none = json!({"metadata": {"name": "n"}});
        assert_eq!(cells(&EndpointsPrinter, &none)[1], "<none>");
        let not_ready = json!({"metadata": {"name": "n"},
            "subsets": [{"notReadyAddresses": [{"ip": "10.0.0.3"}], "ports": [{"port": 80}]}]});
        assert_eq!(cells(&EndpointsPrinter, &not_ready)[1], "");
    }
}
