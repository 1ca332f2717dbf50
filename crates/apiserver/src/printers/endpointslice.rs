//! EndpointSlices: address type, ports and the first few addresses.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, list, list_with_more, name_cell, str_of};
use super::{Column, Printer};

/// Prints EndpointSlices.
pub(super) struct EndpointSlicePrinter;

/// How many entries are listed before `+ N more...`.
const MAX_SHOWN: usize = 3;

impl Printer for EndpointSlicePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("AddressType", "The kind of addresses in the slice."),
            Column::string("Ports", "The slice's ports."),
            Column::string("Endpoints", "The first few endpoint addresses."),
            Column::age(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let ports: Vec<String> = list(&obj["ports"])
            .iter()
            .map(|p| match (p["port"].as_i64(), p["name"].as_str()) {
                (Some(n), _) => n.to_string(),
                (None, Some(name)) => name.to_string(),
                (None, None) => "*".to_string(),
            })
            .collect();
        let addresses: Vec<String> = list(&obj["endpoints"])
            .iter()
            .flat_map(|e| list(&e["addresses"]).iter().map(|a| str_of(a).to_string()))
            .collect();
        vec![
            name_cell(obj),
            json!(str_of(&obj["addressType"])),
            json!(list_with_more(&ports, ports.len(), MAX_SHOWN)),
            json!(list_with_more(&addresses, addresses.len(), MAX_SHOWN)),
            age_cell(obj, now),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn endpoint_slice() {
        let (all, wide) = names(&EndpointSlicePrinter);
        assert_eq!(all, ["Name", "AddressType", "Ports", "Endpoints", "Age"]);
        assert!(wide.is_empty());
        let s = json!({
            "metadata": {"name": "web-abc", "creationTimestamp": ago(30)},
            "addressType": "IPv4",
            "ports": [{"port": 80, "name": "http"}, {"name": "metrics"}, {}],
            "endpoints": [{"addresses": ["10.0.0.1"]}, {"addresses": ["10.0.0.2", "10.0.0.3"]},
                          {"addresses": ["10.0.0.4"]}]
        });
        assert_eq!(
            cells(&EndpointSlicePrinter, &s),
            vec![
                json!("web-abc"),
                json!("IPv4"),
                json!("80,metrics,*"),
                json!("10.0.0.1,10.0.0.2,10.0.0.3 + 1 more..."),
                json!("30s"),
            ]
        );
        let empty = json!({"metadata": {"name": "e"}, "addressType": "IPv6"});
        let c = cells(&EndpointSlicePrinter, &empty);
        assert_eq!(c[2], "<unset>");
        assert_eq!(c[3], "<unset>");
    }
}
