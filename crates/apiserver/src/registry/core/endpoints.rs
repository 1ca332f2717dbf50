//! The Endpoints strategy: port protocols default to TCP, every subset has
//! addresses, addresses are usable IPs, ports are valid (named when there are
//! several), and PUT of a missing Endpoints creates it.

use std::net::IpAddr;

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::container_validation::PROTOCOLS;
use super::json::{default_field, for_each_mut, int_of, items, str_of, str_or_empty};
use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct EndpointsStrategy;

/// Addresses an endpoint may not use. Unlike Kubernetes, loopback addresses are
/// allowed: a single-host Capstan may advertise its API server on 127.0.0.1 in
/// the `kubernetes` Endpoints.
fn special_ip_problem(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(a) if a.is_unspecified() => Some("may not be unspecified (0.0.0.0)"),
        IpAddr::V6(a) if a.is_unspecified() => Some("may not be unspecified (::)"),
        IpAddr::V4(a) if a.is_link_local() => {
            Some("may not be in the link-local range (169.254.0.0/16)")
        }
        IpAddr::V6(a) if (a.segments()[0] & 0xffc0) == 0xfe80 => {
            Some("may not be in the link-local range (fe80::/10)")
        }
        IpAddr::V4(a) if a.octets()[0] == 224 && a.octets()[1] == 0 && a.octets()[2] == 0 => {
            Some("may not be in the link-local multicast range (224.0.0.0/24)")
        }
        IpAddr::V6(a) if (a.segments()[0] & 0xff0f) == 0xff02 => {
            Some("may not be in the link-local multicast range (ff02::/10)")
        }
        _ => None,
    }
}

fn validate_address(addr: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let ip = str_or_empty(addr, "ip");
    let ip_path = path.child("ip");
    let problems = v::is_valid_ip_for_legacy_field(&ip_path, ip, false, &[]);
    let valid = problems.is_empty();
    errs.extend(problems);
    if valid {
        if let Some(problem) = v::parse_ip_sloppy(ip).and_then(special_ip_problem) {
            errs.push(FieldError::invalid(&ip_path, ip, problem));
        }
    }
    if let Some(host) = str_of(addr, "hostname").filter(|s| !s.is_empty()) {
        for msg in v::is_dns1123_label(host) {
            errs.push(FieldError::invalid(&path.child("hostname"), host, msg));
        }
    }
    if let Some(node) = str_of(addr, "nodeName") {
        for msg in v::is_dns1123_subdomain(node) {
            errs.push(FieldError::invalid(&path.child("nodeName"), node, msg));
        }
    }
    errs
}

/// Validates an Endpoints object.
pub fn validate_endpoints(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, subset) in items(obj, "subsets").iter().enumerate() {
        let sp = FieldPath::new("subsets").index(i);
        let addresses = items(subset, "addresses");
        let not_ready = items(subset, "notReadyAddresses");
        if addresses.is_empty() && not_ready.is_empty() {
            errs.push(FieldError::required(
                &sp,
                "must specify `addresses` or `notReadyAddresses`",
            ));
        }
        for (j, a) in addresses.iter().enumerate() {
            errs.extend(validate_address(a, &sp.child("addresses").index(j)));
        }
        for (j, a) in not_ready.iter().enumerate() {
            errs.extend(validate_address(a, &sp.child("notReadyAddresses").index(j)));
        }
        let ports = items(subset, "ports");
        for (j, p) in ports.iter().enumerate() {
            let pp = sp.child("ports").index(j);
            let name = str_or_empty(p, "name");
            if ports.len() > 1 && name.is_empty() {
                errs.push(FieldError::required(&pp.child("name"), ""));
            } else if !name.is_empty() {
                for msg in v::is_dns1123_label(name) {
                    errs.push(FieldError::invalid(&pp.child("name"), name, msg));
                }
            }
            let port = int_of(p, "port").unwrap_or(0);
            for msg in v::is_valid_port_num(port) {
                errs.push(FieldError::invalid(&pp.child("port"), port, msg));
            }
            let protocol = str_or_empty(p, "protocol");
            if protocol.is_empty() {
                errs.push(FieldError::required(&pp.child("protocol"), ""));
            } else if !PROTOCOLS.contains(&protocol) {
                errs.push(FieldError::not_supported(
                    &pp.child("protocol"),
                    protocol,
                    PROTOCOLS,
                ));
            }
            if let Some(app) = str_of(p, "appProtocol").filter(|s| !s.is_empty()) {
                for msg in v::is_qualified_name(app) {
                    errs.push(FieldError::invalid(&pp.child("appProtocol"), app, msg));
                }
            }
        }
    }
    errs
}

impl Strategy for EndpointsStrategy {
    fn default(&self, obj: &mut Value) {
        for_each_mut(obj, "subsets", |s| {
            for_each_mut(s, "ports", |p| default_field(p, "protocol", json!("TCP")));
        });
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_endpoints(obj)
    }

    fn allow_create_on_update(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    #[test]
    fn defaults_and_validation() {
        let mut ep = json!({"subsets": [
            {"addresses": [{"ip": "10.0.0.1", "hostname": "web-0"}], "ports": [{"port": 80}]},
            {"ports": [{"port": 0}, {"name": "b", "port": 1, "protocol": "ICMP"}]},
            {"addresses": [{"ip": "0.0.0.0"}, {"ip": "nope"}, {"ip": "127.0.0.1"}]}
        ]});
        EndpointsStrategy.default(&mut ep);
        assert_eq!(ep["subsets"][0]["ports"][0]["protocol"], "TCP");
        assert_eq!(
            fields(&EndpointsStrategy.validate(&ep)),
            [
                "subsets[1] FieldValueRequired",
                "subsets[1].ports[0].name FieldValueRequired",
                "subsets[1].ports[0].port FieldValueInvalid",
                "subsets[1].ports[1].protocol FieldValueNotSupported",
                "subsets[2].addresses[0].ip FieldValueInvalid",
                "subsets[2].addresses[1].ip FieldValueInvalid",
            ]
        );
        assert!(EndpointsStrategy.allow_create_on_update());
    }
}
