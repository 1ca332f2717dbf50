//! The NetworkPolicy strategy (networking.k8s.io/v1): port protocol and policy
//! type defaults, ports, peers, IP blocks and policy types.

use capstan_machinery::validation::{
    is_valid_cidr_for_legacy_field, is_valid_port_name, is_valid_port_num, parse_cidr_sloppy,
    ErrorList, FieldError, FieldPath,
};
use serde_json::{json, Value};

use super::common::{array, field, int, object_entry, string, validate_label_selector};
use crate::registry::strategy::Strategy;

/// Behaviour of NetworkPolicies in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct NetworkPolicyStrategy;

/// Kubernetes' NetworkPolicy defaults: TCP ports and the implied policy types.
pub fn default_network_policy(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    for rule_key in ["ingress", "egress"] {
        if let Some(rules) = spec.get_mut(rule_key).and_then(Value::as_array_mut) {
            for rule in rules {
                if let Some(ports) = rule.get_mut("ports").and_then(Value::as_array_mut) {
                    for port in ports.iter_mut().filter_map(Value::as_object_mut) {
                        if port.get("protocol").is_none_or(Value::is_null) {
                            port.insert("protocol".into(), json!("TCP"));
                        }
                    }
                }
            }
        }
    }
    let has_types = spec
        .get("policyTypes")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    if !has_types {
        let has_egress = spec
            .get("egress")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        let mut types = vec![json!("Ingress")];
        if has_egress {
            types.push(json!("Egress"));
        }
        spec.insert("policyTypes".into(), Value::Array(types));
    }
}

fn validate_port(port: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(proto) = string(port, "protocol") {
        if !matches!(proto, "TCP" | "UDP" | "SCTP") {
            errs.push(FieldError::not_supported(
                &path.child("protocol"),
                proto,
                &["TCP", "UDP", "SCTP"],
            ));
        }
    }
    let end_port = int(port, "endPort");
    match field(port, "port") {
        Some(Value::String(name)) => {
            if let Some(e) = end_port {
                errs.push(FieldError::invalid(
                    &path.child("endPort"),
                    e,
                    "may not be specified when `port` is non-numeric",
                ));
            }
            for msg in is_valid_port_name(name) {
                errs.push(FieldError::invalid(&path.child("port"), name.as_str(), msg));
            }
        }
        Some(p) => {
            let n = p.as_i64().unwrap_or(0);
            for msg in is_valid_port_num(n) {
                errs.push(FieldError::invalid(&path.child("port"), n, msg));
            }
            if let Some(e) = end_port {
                if e < n {
                    errs.push(FieldError::invalid(
                        &path.child("endPort"),
                        n,
                        "must be greater than or equal to `port`",
                    ));
                }
                for msg in is_valid_port_num(e) {
                    errs.push(FieldError::invalid(&path.child("endPort"), e, msg));
                }
            }
        }
        None => {
            if let Some(e) = end_port {
                errs.push(FieldError::invalid(
                    &path.child("endPort"),
                    e,
                    "may not be specified when `port` is not specified",
                ));
            }
        }
    }
    errs
}

fn validate_ip_block(block: &Value, path: &FieldPath, old_cidrs: &[&str]) -> ErrorList {
    let mut errs = ErrorList::new();
    let cidr = string(block, "cidr").unwrap_or("");
    if cidr.is_empty() {
        errs.push(FieldError::required(&path.child("cidr"), ""));
        return errs;
    }
    errs.extend(is_valid_cidr_for_legacy_field(
        &path.child("cidr"),
        cidr,
        false,
        old_cidrs,
    ));
    let Some(outer) = parse_cidr_sloppy(cidr) else {
        return errs;
    };
    for (i, except) in array(block, "except").iter().enumerate() {
        let except = except.as_str().unwrap_or("");
        let p = path.child("except").index(i);
        errs.extend(is_valid_cidr_for_legacy_field(&p, except, false, old_cidrs));
        let Some(inner) = parse_cidr_sloppy(except) else {
            continue;
        };
        if !outer.contains(inner.addr) || outer.prefix_len >= inner.prefix_len {
            errs.push(FieldError::invalid(
                &p,
                except,
                "must be a strict subset of `cidr`",
            ));
        }
    }
    errs
}

fn validate_peer(peer: &Value, path: &FieldPath, old_cidrs: &[&str]) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut count = 0;
    for key in ["podSelector", "namespaceSelector"] {
        if let Some(sel) = field(peer, key) {
            count += 1;
            errs.extend(validate_label_selector(Some(sel), &path.child(key)));
        }
    }
    let ip_block = field(peer, "ipBlock");
    if let Some(block) = ip_block {
        count += 1;
        errs.extend(validate_ip_block(block, &path.child("ipBlock"), old_cidrs));
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a peer"));
    } else if count > 1 && ip_block.is_some() {
        errs.push(FieldError::forbidden(
            path,
            "may not specify both ipBlock and another peer",
        ));
    }
    errs
}

/// Every CIDR of the old policy, which stays accepted even if it is now invalid.
fn old_cidrs(old: Option<&Value>) -> Vec<&str> {
    let mut out = Vec::new();
    let Some(spec) = old.and_then(|o| o.get("spec")) else {
        return out;
    };
    for (rules, peers) in [("ingress", "from"), ("egress", "to")] {
        for rule in array(spec, rules) {
            for peer in array(rule, peers) {
                if let Some(block) = field(peer, "ipBlock") {
                    out.extend(string(block, "cidr"));
                    out.extend(array(block, "except").iter().filter_map(Value::as_str));
                }
            }
        }
    }
    out
}

fn validate_spec(spec: &Value, old: Option<&Value>) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("spec");
    let cidrs = old_cidrs(old);
    errs.extend(validate_label_selector(
        field(spec, "podSelector"),
        &path.child("podSelector"),
    ));
    for (rules, peers) in [("ingress", "from"), ("egress", "to")] {
        for (i, rule) in array(spec, rules).iter().enumerate() {
            let rp = path.child(rules).index(i);
            for (j, port) in array(rule, "ports").iter().enumerate() {
                errs.extend(validate_port(port, &rp.child("ports").index(j)));
            }
            for (j, peer) in array(rule, peers).iter().enumerate() {
                errs.extend(validate_peer(peer, &rp.child(peers).index(j), &cidrs));
            }
        }
    }
    let types = array(spec, "policyTypes");
    if types.len() > 2 {
        errs.push(FieldError::invalid(
            &path.child("policyTypes"),
            Value::Array(types.to_vec()),
            "may not specify more than two policyTypes",
        ));
        return errs;
    }
    for (i, t) in types.iter().enumerate() {
        let t = t.as_str().unwrap_or("");
        if t != "Ingress" && t != "Egress" {
            errs.push(FieldError::not_supported(
                &path.child("policyTypes").index(i),
                t,
                &["Ingress", "Egress"],
            ));
        }
    }
    errs
}

impl Strategy for NetworkPolicyStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_network_policy(obj);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        validate_spec(obj.get("spec").unwrap_or(&empty), None)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let empty = json!({});
        validate_spec(new.get("spec").unwrap_or(&empty), Some(old))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;

    #[test]
    fn defaults_protocol_and_policy_types() {
        let mut v = json!({"spec": {"podSelector": {}, "egress": [{"ports": [{"port": 53}]}]}});
        NetworkPolicyStrategy.default(&mut v);
        assert_eq!(v["spec"]["egress"][0]["ports"][0]["protocol"], "TCP");
        assert_eq!(v["spec"]["policyTypes"], json!(["Ingress", "Egress"]));
        let mut v = json!({"spec": {"podSelector": {}}});
        NetworkPolicyStrategy.default(&mut v);
        assert_eq!(v["spec"]["policyTypes"], json!(["Ingress"]));
        assert!(NetworkPolicyStrategy.validate(&v).is_empty());
    }

    #[test]
    fn ports_peers_and_types() {
        let v = json!({"spec": {
            "podSelector": {},
            "ingress": [{
                "ports": [{"protocol": "ICMP", "port": 80, "endPort": 79}, {"port": "http", "endPort": 90}],
                "from": [{}, {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["11.0.0.0/16"]}, "podSelector": {}}]
            }],
            "policyTypes": ["Ingress", "Sideways"]
        }});
        let errs = NetworkPolicyStrategy.validate(&v);
        let p = "spec.ingress[0]";
        assert_eq!(
            causes(&errs),
            [
                (format!("{p}.ports[0].protocol"), "FieldValueNotSupported"),
                (format!("{p}.ports[0].endPort"), "FieldValueInvalid"),
                (format!("{p}.ports[1].endPort"), "FieldValueInvalid"),
                (format!("{p}.from[0]"), "FieldValueRequired"),
                (
                    format!("{p}.from[1].ipBlock.except[0]"),
                    "FieldValueInvalid"
                ),
                (format!("{p}.from[1]"), "FieldValueForbidden"),
                ("spec.policyTypes[1]".to_string(), "FieldValueNotSupported"),
            ]
        );
    }

    #[test]
    fn old_cidrs_stay_valid() {
        let old = json!({"spec": {"podSelector": {}, "egress": [{"to": [{"ipBlock": {"cidr": "010.0.0.0/8"}}]}]}});
        let new = old.clone();
        assert!(NetworkPolicyStrategy.validate_update(&new, &old).is_empty());
    }
}
