//! Allocation of Service cluster IPs and node ports from the server's ranges.
//!
//! Every value a Service holds is claimed by a store key
//! (`/registry/ranges/serviceips/<ip>`, `/registry/ranges/servicenodeports/<port>`)
//! written in the same transaction as the Service, so concurrent creates can
//! never hand out the same value: the loser's transaction fails its
//! compare-absent check and the store allocates again.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use capstan_machinery::validation::{
    parse_cidr_sloppy, parse_ip_sloppy, Cidr, ErrorList, FieldError, FieldPath,
};
use rand::Rng;
use serde_json::{json, Value};

use super::json::{int_of, items, str_of, str_or_empty};
use crate::registry::strategy::{AllocError, PoolState};

/// Claim keys of service cluster IPs.
pub const IP_CLAIM_PREFIX: &str = "/registry/ranges/serviceips/";
/// Claim keys of node ports.
pub const NODE_PORT_CLAIM_PREFIX: &str = "/registry/ranges/servicenodeports/";

/// Random probes before falling back to a scan of the range.
const RANDOM_PROBES: usize = 64;
/// Most candidates a scan looks at (bounds work on huge IPv6 ranges).
const MAX_SCAN: u128 = 1 << 20;

/// The claim key of a cluster IP.
pub fn ip_claim(ip: IpAddr) -> String {
    format!("{IP_CLAIM_PREFIX}{ip}")
}

/// The claim key of a node port.
pub fn node_port_claim(port: i64) -> String {
    format!("{NODE_PORT_CLAIM_PREFIX}{port}")
}

/// Whether a service (by type) holds node ports.
pub fn has_node_ports(spec: &Value) -> bool {
    matches!(str_of(spec, "type"), Some("NodePort" | "LoadBalancer"))
}

/// Whether node ports must be allocated for ports that lack one.
pub fn needs_node_ports(spec: &Value) -> bool {
    match str_of(spec, "type") {
        Some("NodePort") => true,
        Some("LoadBalancer") => spec
            .get("allocateLoadBalancerNodePorts")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        _ => false,
    }
}

/// Whether a health check node port is needed (LoadBalancer with Local traffic).
pub fn needs_health_check_port(spec: &Value) -> bool {
    str_of(spec, "type") == Some("LoadBalancer")
        && str_of(spec, "externalTrafficPolicy") == Some("Local")
}

/// Whether a service is headless (`clusterIP: None`).
pub fn is_headless(spec: &Value) -> bool {
    str_of(spec, "clusterIP") == Some("None")
        || items(spec, "clusterIPs").first().and_then(Value::as_str) == Some("None")
}

/// The claim keys a Service holds.
pub fn held_claims(obj: &Value) -> Vec<String> {
    let Some(spec) = obj.get("spec") else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    if str_of(spec, "type") != Some("ExternalName") {
        for ip in items(spec, "clusterIPs")
            .iter()
            .filter_map(Value::as_str)
            .chain(str_of(spec, "clusterIP"))
        {
            if let Some(ip) = parse_ip_sloppy(ip) {
                let key = ip_claim(ip);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    if has_node_ports(spec) {
        let ports = items(spec, "ports")
            .iter()
            .filter_map(|p| int_of(p, "nodePort"))
            .chain(int_of(spec, "healthCheckNodePort"));
        for port in ports.filter(|p| *p > 0) {
            let key = node_port_claim(port);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

fn family_of(ip: IpAddr) -> &'static str {
    if ip.is_ipv4() {
        "IPv4"
    } else {
        "IPv6"
    }
}

/// First and last allocatable addresses of a range (network and IPv4
/// broadcast addresses excluded), as integers.
fn bounds(cidr: &Cidr) -> Option<(u128, u128)> {
    let host_bits = match cidr.addr {
        IpAddr::V4(_) => 32u32.checked_sub(u32::from(cidr.prefix_len))?,
        IpAddr::V6(_) => 128u32.checked_sub(u32::from(cidr.prefix_len))?,
    };
    let base = match cidr.network() {
        IpAddr::V4(a) => u128::from(u32::from(a)),
        IpAddr::V6(a) => u128::from(a),
    };
    let size = if host_bits >= 128 {
        u128::MAX
    } else {
        1u128 << host_bits
    };
    let last = if cidr.addr.is_ipv4() {
        base + size.checked_sub(2)?
    } else {
        base.checked_add(size.checked_sub(1)?)?
    };
    let first = base + 1;
    (first <= last).then_some((first, last))
}

fn to_ip(n: u128, v4: bool) -> IpAddr {
    if v4 {
        IpAddr::V4(Ipv4Addr::from(u32::try_from(n).unwrap_or(u32::MAX)))
    } else {
        IpAddr::V6(Ipv6Addr::from(n))
    }
}

/// Picks a random free value in `first..=last`, or None when all are taken.
fn pick_free(first: u128, last: u128, is_free: impl Fn(u128) -> bool) -> Option<u128> {
    let mut rng = rand::rng();
    for _ in 0..RANDOM_PROBES {
        let n = rng.random_range(first..=last);
        if is_free(n) {
            return Some(n);
        }
    }
    let span = last - first;
    let start = rng.random_range(0..=span);
    let limit = span.saturating_add(1).min(MAX_SCAN);
    (0..limit)
        .map(|i| first + (start + i) % span.saturating_add(1).max(1))
        .find(|n| is_free(*n))
}

/// Fills in IP families, cluster IPs and node ports of a Service.
pub fn allocate(obj: &mut Value, pools: &PoolState<'_>) -> Result<(), AllocError> {
    let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) else {
        return Ok(());
    };
    if str_of(spec, "type") == Some("ExternalName") {
        if let Some(m) = spec.as_object_mut() {
            for k in ["clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
                m.remove(k);
            }
        }
        return Ok(());
    }
    let cidr = parse_cidr_sloppy(&pools.settings.service_cidr).ok_or_else(|| {
        AllocError::Exhausted(format!(
            "the service CIDR {:?} is not valid",
            pools.settings.service_cidr
        ))
    })?;
    let cluster_family = family_of(cidr.addr);
    let mut errs = ErrorList::new();
    init_families(spec, cluster_family);
    if !is_headless(spec) {
        check_single_stack(spec, cluster_family, &mut errs);
        allocate_ip(spec, &cidr, pools, &mut errs)?;
    }
    if has_node_ports(spec) {
        allocate_node_ports(spec, pools, &mut errs)?;
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AllocError::Invalid(errs))
    }
}

fn init_families(spec: &mut Value, cluster_family: &str) {
    let headless = is_headless(spec);
    let no_selector = spec
        .get("selector")
        .and_then(Value::as_object)
        .is_none_or(|m| m.is_empty());
    let first_ip_family = str_of(spec, "clusterIP")
        .and_then(parse_ip_sloppy)
        .map(family_of);
    let Some(m) = spec.as_object_mut() else {
        return;
    };
    if m.get("ipFamilyPolicy").is_none_or(Value::is_null) {
        let policy = if headless && no_selector {
            "RequireDualStack"
        } else {
            "SingleStack"
        };
        m.insert("ipFamilyPolicy".into(), json!(policy));
    }
    let families_empty = m
        .get("ipFamilies")
        .and_then(Value::as_array)
        .is_none_or(Vec::is_empty);
    if families_empty {
        let family = first_ip_family.unwrap_or(cluster_family);
        m.insert("ipFamilies".into(), json!([family]));
    }
}

/// Rejects dual-stack requests: the cluster has one service range.
fn check_single_stack(spec: &Value, cluster_family: &str, errs: &mut ErrorList) {
    let sp = FieldPath::new("spec");
    if str_of(spec, "ipFamilyPolicy") == Some("RequireDualStack") {
        errs.push(FieldError::invalid(
            &sp.child("ipFamilyPolicy"),
            "RequireDualStack",
            "this cluster is not configured for dual-stack services",
        ));
    }
    for (i, family) in items(spec, "ipFamilies").iter().enumerate() {
        let family = family.as_str().unwrap_or_default();
        if family != cluster_family && ["IPv4", "IPv6"].contains(&family) {
            errs.push(FieldError::invalid(
                &sp.child("ipFamilies").index(i),
                family,
                "not configured on this cluster",
            ));
        }
    }
    for (i, ip) in items(spec, "clusterIPs").iter().enumerate().skip(1) {
        errs.push(FieldError::invalid(
            &sp.child("clusterIPs").index(i),
            ip.clone(),
            "this cluster is not configured for dual-stack services",
        ));
    }
}

fn allocate_ip(
    spec: &mut Value,
    cidr: &Cidr,
    pools: &PoolState<'_>,
    errs: &mut ErrorList,
) -> Result<(), AllocError> {
    let requested = str_or_empty(spec, "clusterIP").to_string();
    let ips_path = FieldPath::new("spec").child("clusterIPs");
    let ip = if requested.is_empty() {
        let (first, last) = bounds(cidr).ok_or_else(|| {
            AllocError::Exhausted("failed to allocate a serviceIP: range is full".into())
        })?;
        let v4 = cidr.addr.is_ipv4();
        let n = pick_free(first, last, |n| {
            !pools.taken.contains(&ip_claim(to_ip(n, v4)))
        })
        .ok_or_else(|| {
            AllocError::Exhausted("failed to allocate a serviceIP: range is full".into())
        })?;
        to_ip(n, v4)
    } else {
        // Malformed values are left to validation.
        let Some(ip) = parse_ip_sloppy(&requested) else {
            return Ok(());
        };
        let problem = if !cidr.contains(ip) {
            Some(format!(
                "the provided IP ({ip}) is not in the valid range. The range of valid IPs is {}",
                cidr.canonical()
            ))
        } else if pools.taken.contains(&ip_claim(ip)) {
            Some("provided IP is already allocated".to_string())
        } else {
            None
        };
        if let Some(problem) = problem {
            errs.push(FieldError::invalid(
                &ips_path,
                json!([requested]),
                format!("failed to allocate IP {requested}: {problem}"),
            ));
            return Ok(());
        }
        ip
    };
    if let Some(m) = spec.as_object_mut() {
        m.insert("clusterIP".into(), json!(ip.to_string()));
        let mut ips = vec![json!(ip.to_string())];
        if let Some(rest) = m.get("clusterIPs").and_then(Value::as_array) {
            ips.extend(rest.iter().skip(1).cloned());
        }
        m.insert("clusterIPs".into(), Value::Array(ips));
    }
    Ok(())
}

fn allocate_node_ports(
    spec: &mut Value,
    pools: &PoolState<'_>,
    errs: &mut ErrorList,
) -> Result<(), AllocError> {
    let (lo, hi) = pools.settings.node_port_range;
    let (lo, hi) = (i64::from(lo), i64::from(hi));
    let range = format!("{lo}-{hi}");
    let needs = needs_node_ports(spec);
    let ports_path = FieldPath::new("spec").child("ports");
    // Ports this service holds already (requested or kept from before).
    let mut own: HashSet<i64> = HashSet::new();
    let ports: Vec<Value> = items(spec, "ports").to_vec();
    for (i, p) in ports.iter().enumerate() {
        let np = int_of(p, "nodePort").unwrap_or(0);
        if np == 0 || own.contains(&np) {
            continue;
        }
        let problem = if !(lo..=hi).contains(&np) {
            Some(format!(
                "provided port is not in the valid range. The range of valid ports is {range}"
            ))
        } else if pools.taken.contains(&node_port_claim(np)) {
            Some("provided port is already allocated".to_string())
        } else {
            None
        };
        match problem {
            Some(problem) => errs.push(FieldError::invalid(
                &ports_path.index(i).child("nodePort"),
                np,
                problem,
            )),
            None => {
                own.insert(np);
            }
        }
    }
    let mut new_ports = ports.clone();
    if needs {
        for i in 0..new_ports.len() {
            if int_of(&new_ports[i], "nodePort").unwrap_or(0) != 0 {
                continue;
            }
            // A port number served over several protocols shares one node port.
            let number = int_of(&new_ports[i], "port");
            let sibling = new_ports
                .iter()
                .filter(|o| int_of(o, "port") == number)
                .filter_map(|o| int_of(o, "nodePort"))
                .find(|n| *n != 0);
            let chosen = match sibling {
                Some(n) => n,
                None => next_node_port(lo, hi, pools, &own)?,
            };
            own.insert(chosen);
            if let Some(m) = new_ports[i].as_object_mut() {
                m.insert("nodePort".into(), json!(chosen));
            }
        }
    }
    let hc = int_of(spec, "healthCheckNodePort").unwrap_or(0);
    let mut hc_value = None;
    if hc != 0 && !own.contains(&hc) {
        if !(lo..=hi).contains(&hc) {
            errs.push(FieldError::invalid(
                &FieldPath::new("spec").child("healthCheckNodePort"),
                hc,
                format!(
                    "provided port is not in the valid range. The range of valid ports is {range}"
                ),
            ));
        } else if pools.taken.contains(&node_port_claim(hc)) {
            errs.push(FieldError::invalid(
                &FieldPath::new("spec").child("healthCheckNodePort"),
                hc,
                "provided port is already allocated",
            ));
        }
    } else if hc == 0 && needs_health_check_port(spec) {
        hc_value = Some(next_node_port(lo, hi, pools, &own)?);
    }
    if let Some(m) = spec.as_object_mut() {
        if !new_ports.is_empty() {
            m.insert("ports".into(), Value::Array(new_ports));
        }
        if let Some(hc) = hc_value {
            m.insert("healthCheckNodePort".into(), json!(hc));
        }
    }
    Ok(())
}

fn next_node_port(
    lo: i64,
    hi: i64,
    pools: &PoolState<'_>,
    own: &HashSet<i64>,
) -> Result<i64, AllocError> {
    let full = || AllocError::Exhausted("failed to allocate a nodePort: range is full".into());
    let (first, last) = (
        u128::try_from(lo).map_err(|_| full())?,
        u128::try_from(hi).map_err(|_| full())?,
    );
    if first > last {
        return Err(full());
    }
    let n = pick_free(first, last, |n| {
        let p = i64::try_from(n).unwrap_or(0);
        !own.contains(&p) && !pools.taken.contains(&node_port_claim(p))
    })
    .ok_or_else(full)?;
    i64::try_from(n).map_err(|_| full())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiSettings;

    fn settings(cidr: &str) -> ApiSettings {
        ApiSettings {
            service_cidr: cidr.into(),
            node_port_range: (30000, 30002),
            ..Default::default()
        }
    }

    #[test]
    fn allocates_ip_and_families() {
        let s = settings("10.96.0.0/29");
        let taken = HashSet::new();
        let pools = PoolState {
            settings: &s,
            taken: &taken,
        };
        let mut svc =
            json!({"spec": {"type": "ClusterIP", "selector": {"a": "b"}, "ports": [{"port": 80}]}});
        allocate(&mut svc, &pools).expect("allocates");
        let ip: IpAddr = svc["spec"]["clusterIP"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("ip");
        assert!(parse_cidr_sloppy("10.96.0.0/29").is_some_and(|c| c.contains(ip)));
        assert_ne!(ip.to_string(), "10.96.0.0");
        assert_ne!(ip.to_string(), "10.96.0.7");
        assert_eq!(svc["spec"]["clusterIPs"], json!([ip.to_string()]));
        assert_eq!(svc["spec"]["ipFamilies"], json!(["IPv4"]));
        assert_eq!(svc["spec"]["ipFamilyPolicy"], "SingleStack");
        assert_eq!(held_claims(&svc), vec![ip_claim(ip)]);
    }

    #[test]
    fn requested_ip_taken_or_out_of_range() {
        let s = settings("10.96.0.0/24");
        let taken: HashSet<String> = [ip_claim("10.96.0.10".parse().expect("ip"))].into();
        let pools = PoolState {
            settings: &s,
            taken: &taken,
        };
        let mut svc = json!({"spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10", "ports": [{"port": 80}]}});
        match allocate(&mut svc, &pools) {
            Err(AllocError::Invalid(errs)) => {
                assert_eq!(errs.0[0].field, "spec.clusterIPs");
                assert_eq!(
                    errs.0[0].detail,
                    "failed to allocate IP 10.96.0.10: provided IP is already allocated"
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        let mut svc = json!({"spec": {"type": "ClusterIP", "clusterIP": "10.1.0.10"}});
        match allocate(&mut svc, &pools) {
            Err(AllocError::Invalid(errs)) => {
                assert!(errs.0[0].detail.contains("is not in the valid range"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn dual_stack_is_refused() {
        let s = settings("10.96.0.0/24");
        let taken = HashSet::new();
        let pools = PoolState {
            settings: &s,
            taken: &taken,
        };
        let mut svc = json!({"spec": {"type": "ClusterIP", "ipFamilyPolicy": "RequireDualStack", "ipFamilies": ["IPv4", "IPv6"]}});
        match allocate(&mut svc, &pools) {
            Err(AllocError::Invalid(errs)) => {
                let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["spec.ipFamilyPolicy", "spec.ipFamilies[1]"]);
            }
            other => panic!("unexpected {other:?}"),
        }
        let mut prefer =
            json!({"spec": {"type": "ClusterIP", "ipFamilyPolicy": "PreferDualStack"}});
        allocate(&mut prefer, &pools).expect("PreferDualStack falls back to one family");
        assert_eq!(prefer["spec"]["ipFamilies"], json!(["IPv4"]));
    }

    #[test]
    fn headless_gets_no_ip() {
        let s = settings("10.96.0.0/24");
        let taken = HashSet::new();
        let pools = PoolState {
            settings: &s,
            taken: &taken,
        };
        let mut svc =
            json!({"spec": {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"]}});
        allocate(&mut svc, &pools).expect("ok");
        assert_eq!(svc["spec"]["clusterIP"], "None");
        assert_eq!(svc["spec"]["ipFamilyPolicy"], "RequireDualStack");
        assert!(held_claims(&svc).is_empty());
    }

    #[test]
    fn node_ports_fill_range_then_exhaust() {
        let s = settings("10.96.0.0/24");
        let taken: HashSet<String> = [node_port_claim(30000)].into();
        let pools = PoolState {
            settings: &s,
            taken: &taken,
        };
        let mut svc = json!({"spec": {"type": "NodePort", "ports": [
            {"port": 53, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}, {"port": 80, "protocol": "TCP"}]}});
        allocate(&mut svc, &pools).expect("ok");
        let ports: Vec<i64> = items(&svc["spec"], "ports")
            .iter()
            .filter_map(|p| int_of(p, "nodePort"))
            .collect();
        assert_eq!(ports[0], ports[1]);
        assert_ne!(ports[0], ports[2]);
        assert!(ports.iter().all(|p| (30001..=30002).contains(p)));
        let mut more =
            json!({"spec": {"type": "NodePort", "ports": [{"port": 1}, {"port": 2}, {"port": 3}]}});
        assert!(matches!(
            allocate(&mut more, &pools),
            Err(AllocError::Exhausted(_))
        ));
        let mut bad = json!({"spec": {"type": "NodePort", "ports": [{"port": 1, "nodePort": 30000}, {"port": 2, "nodePort": 40000}]}});
        match allocate(&mut bad, &pools) {
            Err(AllocError::Invalid(errs)) => {
                assert_eq!(errs.0[0].field, "spec.ports[0].nodePort");
                assert_eq!(errs.0[0].detail, "provided port is already allocated");
                assert_eq!(errs.0[1].detail, "provided port is not in the valid range. The range of valid ports is 30000-30002");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
