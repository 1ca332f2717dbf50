//! The EndpointSlice strategy (discovery.k8s.io/v1): port defaults, the address
//! type (required, immutable), endpoints, addresses, ports and hints.

use std::net::IpAddr;

use capstan_machinery::validation::{
    is_dns1123_label, is_dns1123_subdomain, parse_ip_sloppy, validate_labels, ErrorList,
    FieldError, FieldPath,
};
use serde_json::{json, Value};

use super::common::{
    array, check_name, field, immutable, semantic_eq, string, string_map, validate_qualified_name,
};
use crate::registry::strategy::Strategy;

/// Behaviour of EndpointSlices in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct EndpointSliceStrategy;

const MAX_TOPOLOGY_LABELS: usize = 16;
const MAX_ADDRESSES: usize = 100;
const MAX_PORTS: usize = 20_000;
const MAX_ENDPOINTS: usize = 1000;
const MAX_ZONE_HINTS: usize = 8;
const ADDRESS_TYPES: [&str; 3] = ["FQDN", "IPv4", "IPv6"];

/// Kubernetes' `ValidateNonSpecialIP`.
fn non_special_ip(errs: &mut ErrorList, value: &str, path: &FieldPath) {
    let Some(ip) = parse_ip_sloppy(value) else {
        errs.push(FieldError::invalid(
            path,
            value,
            "must be a valid IP address",
        ));
        return;
    };
    let ip = match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    };
    if ip.is_unspecified() {
        errs.push(FieldError::invalid(
            path,
            value,
            format!("may not be unspecified ({value})"),
        ));
    }
    if ip.is_loopback() {
        errs.push(FieldError::invalid(
            path,
            value,
            "may not be in the loopback range (127.0.0.0/8, ::1/128)",
        ));
    }
    let link_local = match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
    };
    if link_local {
        errs.push(FieldError::invalid(
            path,
            value,
            "may not be in the link-local range (169.254.0.0/16, fe80::/10)",
        ));
    }
    let link_local_multicast = match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            o[0] == 224 && o[1] == 0 && o[2] == 0
        }
        IpAddr::V6(v6) => (v6.segments()[0] & 0xff0f) == 0xff02,
    };
    if link_local_multicast {
        errs.push(FieldError::invalid(
            path,
            value,
            "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
        ));
    }
}

/// Kubernetes' `IsFullyQualifiedDomainName`.
fn fqdn(errs: &mut ErrorList, value: &str, path: &FieldPath) {
    if value.is_empty() {
        errs.push(FieldError::required(path, ""));
        return;
    }
    let name = value.strip_suffix('.').unwrap_or(value);
    let problems = is_dns1123_subdomain(name);
    if !problems.is_empty() {
        errs.push(FieldError::invalid(path, name, problems.join(",")));
        return;
    }
    if name.split('.').count() < 2 {
        errs.push(FieldError::invalid(
            path,
            name,
            "should be a domain with at least two segments separated by dots",
        ));
        return;
    }
    for label in name.split('.') {
        let problems = is_dns1123_label(label);
        if !problems.is_empty() {
            errs.push(FieldError::invalid(path, label, problems.join(",")));
            return;
        }
    }
}

fn validate_address(errs: &mut ErrorList, address_type: &str, value: &str, path: &FieldPath) {
    match address_type {
        "IPv4" => {
            if !matches!(parse_ip_sloppy(value), Some(IpAddr::V4(_))) {
                errs.push(FieldError::invalid(
                    path,
                    value,
                    "must be a valid IPv4 address",
                ));
            }
            non_special_ip(errs, value, path);
        }
        "IPv6" => {
            let is_v6 = matches!(parse_ip_sloppy(value), Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none());
            if !is_v6 {
                errs.push(FieldError::invalid(
                    path,
                    value,
                    "must be a valid IPv6 address",
                ));
            }
            non_special_ip(errs, value, path);
        }
        "FQDN" => fqdn(errs, value, path),
        _ => {}
    }
}

fn validate_endpoints(endpoints: &[Value], address_type: &str) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("endpoints");
    if endpoints.len() > MAX_ENDPOINTS {
        errs.push(FieldError::too_many(
            &path,
            Some(endpoints.len()),
            MAX_ENDPOINTS,
        ));
        return errs;
    }
    for (i, ep) in endpoints.iter().enumerate() {
        let ep_path = path.index(i);
        let addr_path = ep_path.child("addresses");
        let addresses = array(ep, "addresses");
        if addresses.is_empty() {
            errs.push(FieldError::required(
                &addr_path,
                "must contain at least 1 address",
            ));
        } else if addresses.len() > MAX_ADDRESSES {
            errs.push(FieldError::too_many(
                &addr_path,
                Some(addresses.len()),
                MAX_ADDRESSES,
            ));
        }
        for (j, a) in addresses.iter().enumerate() {
            validate_address(
                &mut errs,
                address_type,
                a.as_str().unwrap_or(""),
                &addr_path.index(j),
            );
        }
        if let Some(node) = string(ep, "nodeName") {
            check_name(
                &mut errs,
                node,
                &ep_path.child("nodeName"),
                is_dns1123_subdomain,
            );
        }
        let topology_path = ep_path.child("deprecatedTopology");
        let topology = string_map(field(ep, "deprecatedTopology"));
        if topology.len() > MAX_TOPOLOGY_LABELS {
            errs.push(FieldError::too_many(
                &topology_path,
                Some(topology.len()),
                MAX_TOPOLOGY_LABELS,
            ));
        }
        errs.extend(validate_labels(&topology, &topology_path));
        if let Some(host) = string(ep, "hostname") {
            check_name(
                &mut errs,
                host,
                &ep_path.child("hostname"),
                is_dns1123_label,
            );
        }
        if let Some(hints) = field(ep, "hints") {
            let zones_path = ep_path.child("hints").child("forZones");
            let zones = array(hints, "forZones");
            if zones.len() > MAX_ZONE_HINTS {
                errs.push(FieldError::too_many(
                    &zones_path,
                    Some(zones.len()),
                    MAX_ZONE_HINTS,
                ));
                continue;
            }
            let mut seen: Vec<&str> = Vec::new();
            for (z, zone) in zones.iter().enumerate() {
                let name = string(zone, "name").unwrap_or("");
                let zp = zones_path.index(z).child("name");
                if seen.contains(&name) {
                    errs.push(FieldError::duplicate(&zp, name));
                } else {
                    seen.push(name);
                }
                check_name(
                    &mut errs,
                    name,
                    &zp,
                    capstan_machinery::validation::is_valid_label_value,
                );
            }
        }
    }
    errs
}

fn validate_ports(ports: &[Value]) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("ports");
    if ports.len() > MAX_PORTS {
        errs.push(FieldError::too_many(&path, Some(ports.len()), MAX_PORTS));
        return errs;
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        let name = string(port, "name").unwrap_or("");
        if !name.is_empty() {
            check_name(&mut errs, name, &p.child("name"), is_dns1123_label);
        }
        if names.contains(&name) {
            errs.push(FieldError::duplicate(&p.child("name"), name));
        } else {
            names.push(name);
        }
        match string(port, "protocol") {
            None => errs.push(FieldError::required(&p.child("protocol"), "")),
            Some(proto) if !matches!(proto, "SCTP" | "TCP" | "UDP") => errs.push(
                FieldError::not_supported(&p.child("protocol"), proto, &["SCTP", "TCP", "UDP"]),
            ),
            Some(_) => {}
        }
        if let Some(app) = string(port, "appProtocol") {
            validate_qualified_name(&mut errs, app, &p.child("appProtocol"));
        }
    }
    errs
}

fn validate_slice(obj: &Value, old: Option<&Value>) -> ErrorList {
    let mut errs = ErrorList::new();
    let address_type = string(obj, "addressType").unwrap_or("");
    let at_path = FieldPath::new("addressType");
    if address_type.is_empty() {
        errs.push(FieldError::required(&at_path, ""));
    } else if !ADDRESS_TYPES.contains(&address_type) {
        errs.push(FieldError::not_supported(
            &at_path,
            address_type,
            &ADDRESS_TYPES,
        ));
    }
    errs.extend(validate_ports(array(obj, "ports")));
    // Unchanged endpoints are not re-validated: they may predate stricter rules.
    let unchanged =
        old.is_some_and(|o| semantic_eq(field(o, "endpoints"), field(obj, "endpoints")));
    if !unchanged {
        errs.extend(validate_endpoints(array(obj, "endpoints"), address_type));
    }
    errs
}

/// Whether any endpoint sets the alpha `hints.forNodes`.
fn uses_for_nodes(obj: &Value) -> bool {
    array(obj, "endpoints")
        .iter()
        .any(|e| e.pointer("/hints/forNodes").is_some_and(|v| !v.is_null()))
}

/// Drops `hints.forNodes` (alpha and disabled in Kubernetes 1.33) unless the old
/// object used it.
fn drop_for_nodes(obj: &mut Value, old: Option<&Value>) {
    if old.is_some_and(uses_for_nodes) {
        return;
    }
    if let Some(endpoints) = obj.get_mut("endpoints").and_then(Value::as_array_mut) {
        for hints in endpoints
            .iter_mut()
            .filter_map(|e| e.get_mut("hints"))
            .filter_map(Value::as_object_mut)
        {
            hints.remove("forNodes");
        }
    }
}

impl Strategy for EndpointSliceStrategy {
    fn prepare_for_create(
        &self,
        obj: &mut Value,
        _ctx: &crate::registry::strategy::StrategyCtx<'_>,
    ) {
        drop_for_nodes(obj, None);
    }

    fn prepare_for_update(&self, new: &mut Value, old: &Value) {
        drop_for_nodes(new, Some(old));
    }

    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        if let Some(ports) = obj.get_mut("ports").and_then(Value::as_array_mut) {
            for port in ports.iter_mut().filter_map(Value::as_object_mut) {
                if port.get("name").is_none_or(Value::is_null) {
                    port.insert("name".into(), json!(""));
                }
                if port.get("protocol").is_none_or(Value::is_null) {
                    port.insert("protocol".into(), json!("TCP"));
                }
            }
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_slice(obj, None)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_slice(new, Some(old));
        immutable(
            &mut errs,
            field(new, "addressType"),
            field(old, "addressType"),
            &FieldPath::new("addressType"),
        );
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, message};

    fn slice() -> Value {
        let mut v = json!({
            "addressType": "IPv4",
            "endpoints": [{"addresses": ["10.1.2.3"], "conditions": {"ready": true}, "nodeName": "node-1"}],
            "ports": [{"port": 80}]
        });
        EndpointSliceStrategy.default(&mut v);
        v
    }

    #[test]
    fn defaults_and_valid() {
        let v = slice();
        assert_eq!(
            v["ports"][0],
            json!({"port": 80, "name": "", "protocol": "TCP"})
        );
        assert!(EndpointSliceStrategy.validate(&v).is_empty());
    }

    #[test]
    fn address_type_required_and_immutable() {
        let mut v = slice();
        v.as_object_mut().map(|m| m.remove("addressType"));
        assert_eq!(
            causes(&EndpointSliceStrategy.validate(&v)),
            [("addressType".to_string(), "FieldValueRequired")]
        );
        let old = slice();
        let mut new = old.clone();
        new["addressType"] = json!("FQDN");
        new["endpoints"][0]["addresses"] = json!(["a.example.com"]);
        assert_eq!(
            causes(&EndpointSliceStrategy.validate_update(&new, &old)),
            [("addressType".to_string(), "FieldValueInvalid")]
        );
    }

    #[test]
    fn addresses_are_checked_by_type() {
        let mut v = slice();
        v["endpoints"] = json!([
            {"addresses": ["127.0.0.1", "fe80::1"]},
            {"addresses": []},
            {"addresses": ["10.0.0.1"], "hostname": "Bad.Host"}
        ]);
        let errs = EndpointSliceStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                ("endpoints[0].addresses[0]".to_string(), "FieldValueInvalid"),
                ("endpoints[0].addresses[1]".to_string(), "FieldValueInvalid"),
                ("endpoints[0].addresses[1]".to_string(), "FieldValueInvalid"),
                ("endpoints[1].addresses".to_string(), "FieldValueRequired"),
                ("endpoints[2].hostname".to_string(), "FieldValueInvalid"),
            ]
        );
        assert_eq!(
            message(&errs, "endpoints[0].addresses[0]"),
            "endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"
        );
    }

    #[test]
    fn at_most_1000_endpoints() {
        let mut v = slice();
        v["endpoints"] = Value::Array(vec![json!({"addresses": ["10.0.0.1"]}); 1001]);
        assert_eq!(
            message(&EndpointSliceStrategy.validate(&v), "endpoints"),
            "endpoints: Too many: 1001: must have at most 1000 items"
        );
    }

    #[test]
    fn alpha_for_nodes_hints_are_dropped() {
        let mut v = slice();
        v["endpoints"][0]["hints"] =
            json!({"forZones": [{"name": "a"}], "forNodes": [{"name": "n"}]});
        EndpointSliceStrategy.prepare_for_update(&mut v, &slice());
        assert_eq!(
            v["endpoints"][0]["hints"],
            json!({"forZones": [{"name": "a"}]})
        );
    }

    #[test]
    fn ports_rules() {
        let mut v = slice();
        v["ports"] =
            json!([{"name": "http", "protocol": "TCP"}, {"name": "http", "protocol": "ICMP"}]);
        assert_eq!(
            causes(&EndpointSliceStrategy.validate(&v)),
            [
                ("ports[1].name".to_string(), "FieldValueDuplicate"),
                ("ports[1].protocol".to_string(), "FieldValueNotSupported"),
            ]
        );
    }

    #[test]
    fn fqdn_addresses() {
        let mut v = slice();
        v["addressType"] = json!("FQDN");
        v["endpoints"] = json!([{"addresses": ["example.com.", "localhost"]}]);
        assert_eq!(
            causes(&EndpointSliceStrategy.validate(&v)),
            [("endpoints[0].addresses[1]".to_string(), "FieldValueInvalid")]
        );
    }
}
