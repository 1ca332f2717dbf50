//! The Service strategy: v1 defaults, DNS-1035 names, validation, the
//! update rules for cluster IPs and type changes, and allocation of cluster
//! IPs and node ports (see `service_alloc`).

use std::collections::HashSet;

use capstan_machinery::validation::{
    self as v, is_valid_cidr, is_valid_ip, ErrorList, FieldError, FieldPath, NameValidator,
};
use serde_json::{json, Value};

use super::container_validation::{validate_port_num_or_name, PROTOCOLS};
use super::json::{
    default_field, for_each_mut, has, int_of, items, str_of, str_or_empty, string_map,
};
use super::service_alloc::{
    self, has_node_ports, is_headless, needs_health_check_port, needs_node_ports,
};
use crate::registry::strategy::{AllocError, PoolState, Strategy, StrategyCtx};

/// Service types.
pub const TYPES: &[&str] = &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServiceStrategy;

/// Whether traffic can reach the service from outside the cluster.
pub fn externally_accessible(spec: &Value) -> bool {
    match str_of(spec, "type") {
        Some("LoadBalancer" | "NodePort") => true,
        Some("ClusterIP") => !items(spec, "externalIPs").is_empty(),
        _ => false,
    }
}

/// Applies Kubernetes' v1 Service defaults to a spec.
pub fn default_service_spec(spec: &mut Value) {
    if !spec.is_object() {
        return;
    }
    default_field(spec, "sessionAffinity", json!("None"));
    match str_of(spec, "sessionAffinity") {
        Some("None") => {
            if let Some(m) = spec.as_object_mut() {
                m.remove("sessionAffinityConfig");
            }
        }
        Some("ClientIP") => {
            let has_timeout = spec
                .pointer("/sessionAffinityConfig/clientIP/timeoutSeconds")
                .is_some_and(|t| !t.is_null());
            if !has_timeout {
                if let Some(m) = spec.as_object_mut() {
                    m.insert(
                        "sessionAffinityConfig".into(),
                        json!({"clientIP": {"timeoutSeconds": 10800}}),
                    );
                }
            }
        }
        _ => {}
    }
    default_field(spec, "type", json!("ClusterIP"));
    for_each_mut(spec, "ports", |p| {
        default_field(p, "protocol", json!("TCP"));
        let unset = match p.get("targetPort") {
            None | Some(Value::Null) => true,
            Some(Value::Number(n)) => n.as_i64() == Some(0),
            Some(Value::String(s)) => s.is_empty(),
            _ => false,
        };
        if unset {
            if let (Some(port), Some(m)) = (int_of(p, "port"), p.as_object_mut()) {
                m.insert("targetPort".into(), json!(port));
            }
        }
    });
    if externally_accessible(spec) {
        default_field(spec, "externalTrafficPolicy", json!("Cluster"));
    }
    let ty = str_or_empty(spec, "type").to_string();
    if matches!(ty.as_str(), "ClusterIP" | "NodePort" | "LoadBalancer") {
        default_field(spec, "internalTrafficPolicy", json!("Cluster"));
    }
    if ty == "LoadBalancer" && !has(spec, "allocateLoadBalancerNodePorts") {
        if let Some(m) = spec.as_object_mut() {
            m.insert("allocateLoadBalancerNodePorts".into(), json!(true));
        }
    }
}

/// Keeps `clusterIP` and `clusterIPs[0]` in step.
fn normalize_cluster_ips(spec: &mut Value) {
    let ip = str_or_empty(spec, "clusterIP").to_string();
    let first = items(spec, "clusterIPs")
        .first()
        .and_then(Value::as_str)
        .map(str::to_string);
    let Some(m) = spec.as_object_mut() else {
        return;
    };
    match (ip.is_empty(), first) {
        (false, None) => {
            m.insert("clusterIPs".into(), json!([ip]));
        }
        (true, Some(first)) => {
            m.insert("clusterIP".into(), json!(first));
        }
        _ => {}
    }
}

fn needs_cluster_ip(spec: &Value) -> bool {
    str_of(spec, "type") != Some("ExternalName")
}

fn same(new: &Value, old: &Value, key: &str) -> bool {
    new.get(key).filter(|v| !v.is_null()) == old.get(key).filter(|v| !v.is_null())
}

/// Clears values that no longer apply after a type change, when the user left
/// them as they were (Kubernetes' `dropTypeDependentFields`).
fn drop_type_dependent_fields(new: &mut Value, old: &Value) {
    let Some(m) = new.as_object_mut() else {
        return;
    };
    let snapshot = Value::Object(m.clone());
    if needs_cluster_ip(old) && !needs_cluster_ip(&snapshot) {
        if same(&snapshot, old, "clusterIP") && same(&snapshot, old, "clusterIPs") {
            m.remove("clusterIP");
            m.remove("clusterIPs");
        }
        for key in ["ipFamilies", "ipFamilyPolicy"] {
            if same(&snapshot, old, key) {
                m.remove(key);
            }
        }
    }
    if needs_node_ports(old) && !needs_node_ports(&snapshot) {
        let node_ports = |s: &Value| -> Vec<Option<i64>> {
            items(s, "ports")
                .iter()
                .map(|p| int_of(p, "nodePort"))
                .collect()
        };
        if node_ports(&snapshot) == node_ports(old) {
            if let Some(ports) = m.get_mut("ports").and_then(Value::as_array_mut) {
                for p in ports.iter_mut().filter_map(Value::as_object_mut) {
                    p.remove("nodePort");
                }
            }
        }
    }
    if needs_health_check_port(old)
        && !needs_health_check_port(&snapshot)
        && same(&snapshot, old, "healthCheckNodePort")
    {
        m.remove("healthCheckNodePort");
    }
    let was_lb = str_of(old, "type") == Some("LoadBalancer");
    let is_lb = str_of(&snapshot, "type") == Some("LoadBalancer");
    if was_lb && !is_lb {
        for key in ["allocateLoadBalancerNodePorts", "loadBalancerClass"] {
            if same(&snapshot, old, key) {
                m.remove(key);
            }
        }
    }
    if externally_accessible(old)
        && !externally_accessible(&snapshot)
        && same(&snapshot, old, "externalTrafficPolicy")
    {
        m.remove("externalTrafficPolicy");
    }
}

/// Carries allocated values over when an update leaves them out (Kubernetes'
/// `patchAllocatedValues`).
fn patch_allocated_values(new: &mut Value, old: &Value) {
    if needs_cluster_ip(old) && needs_cluster_ip(new) {
        if str_or_empty(new, "clusterIP").is_empty() {
            if let (Some(ip), Some(m)) = (old.get("clusterIP").cloned(), new.as_object_mut()) {
                m.insert("clusterIP".into(), ip);
            }
        }
        if items(new, "clusterIPs").is_empty() && !items(old, "clusterIPs").is_empty() {
            if let (Some(ips), Some(m)) = (old.get("clusterIPs").cloned(), new.as_object_mut()) {
                m.insert("clusterIPs".into(), ips);
            }
        }
    }
    if needs_node_ports(old) && needs_node_ports(new) {
        let used = |s: &Value| -> HashSet<i64> {
            items(s, "ports")
                .iter()
                .filter_map(|p| int_of(p, "nodePort"))
                .filter(|n| *n != 0)
                .collect()
        };
        let in_both: HashSet<i64> = used(old).intersection(&used(new)).copied().collect();
        let by_name: Vec<(String, i64)> = items(old, "ports")
            .iter()
            .map(|p| {
                (
                    str_or_empty(p, "name").to_string(),
                    int_of(p, "nodePort").unwrap_or(0),
                )
            })
            .collect();
        for_each_mut(new, "ports", |p| {
            if int_of(p, "nodePort").unwrap_or(0) != 0 {
                return;
            }
            let name = str_or_empty(p, "name").to_string();
            if let Some((_, np)) = by_name.iter().find(|(n, _)| *n == name) {
                if *np != 0 && !in_both.contains(np) {
                    if let Some(m) = p.as_object_mut() {
                        m.insert("nodePort".into(), json!(np));
                    }
                }
            }
        });
    }
    if needs_health_check_port(old)
        && needs_health_check_port(new)
        && int_of(new, "healthCheckNodePort").unwrap_or(0) == 0
    {
        if let (Some(hc), Some(m)) = (old.get("healthCheckNodePort").cloned(), new.as_object_mut())
        {
            m.insert("healthCheckNodePort".into(), hc);
        }
    }
    for key in ["ipFamilies", "ipFamilyPolicy"] {
        if needs_cluster_ip(old) && needs_cluster_ip(new) && !has(new, key) {
            if let (Some(x), Some(m)) = (old.get(key).cloned(), new.as_object_mut()) {
                m.insert(key.into(), x);
            }
        }
    }
}

/// Validates a Service's spec.
pub fn validate_service(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let sp = FieldPath::new("spec");
    let ty = str_or_empty(spec, "type");
    if ty.is_empty() {
        errs.push(FieldError::required(&sp.child("type"), ""));
    } else if !TYPES.contains(&ty) {
        errs.push(FieldError::not_supported(&sp.child("type"), ty, TYPES));
    }
    let headless = is_headless(spec);
    let ports = items(spec, "ports");
    if ports.is_empty() && !headless && ty != "ExternalName" {
        errs.push(FieldError::required(&sp.child("ports"), ""));
    }
    let mut names = HashSet::new();
    let mut seen_ports = HashSet::new();
    let mut seen_node_ports = HashSet::new();
    for (i, p) in ports.iter().enumerate() {
        let pp = sp.child("ports").index(i);
        let name = str_or_empty(p, "name");
        if ports.len() > 1 && name.is_empty() {
            errs.push(FieldError::required(&pp.child("name"), ""));
        } else if !name.is_empty() {
            for msg in v::is_dns1123_label(name) {
                errs.push(FieldError::invalid(&pp.child("name"), name, msg));
            }
            if !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(&pp.child("name"), name));
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
        errs.extend(validate_port_num_or_name(
            p.get("targetPort"),
            &pp.child("targetPort"),
            true,
        ));
        if let Some(app) = str_of(p, "appProtocol").filter(|s| !s.is_empty()) {
            for msg in v::is_qualified_name(app) {
                errs.push(FieldError::invalid(&pp.child("appProtocol"), app, msg));
            }
        }
        if !seen_ports.insert((port, protocol.to_string())) {
            errs.push(FieldError::duplicate(
                &pp,
                json!({"port": port, "protocol": protocol}),
            ));
        }
        let node_port = int_of(p, "nodePort").unwrap_or(0);
        if node_port != 0 {
            if !has_node_ports(spec) {
                errs.push(FieldError::forbidden(
                    &pp.child("nodePort"),
                    format!("may not be used when `type` is '{ty}'"),
                ));
            }
            for msg in v::is_valid_port_num(node_port) {
                errs.push(FieldError::invalid(&pp.child("nodePort"), node_port, msg));
            }
            if !seen_node_ports.insert((node_port, protocol.to_string())) {
                errs.push(FieldError::duplicate(&pp.child("nodePort"), node_port));
            }
        }
    }
    if ty == "ExternalName" {
        if !str_or_empty(spec, "clusterIP").is_empty() {
            errs.push(FieldError::forbidden(
                &sp.child("clusterIP"),
                "may not be set for ExternalName services",
            ));
        }
        let name = str_or_empty(spec, "externalName");
        if name.is_empty() {
            errs.push(FieldError::required(&sp.child("externalName"), ""));
        } else {
            let trimmed = name.strip_suffix('.').unwrap_or(name);
            for msg in v::is_dns1123_subdomain(trimmed) {
                errs.push(FieldError::invalid(&sp.child("externalName"), name, msg));
            }
        }
    } else {
        errs.extend(validate_cluster_ips(spec, &sp));
    }
    errs.extend(v::validate_labels(
        &string_map(spec, "selector"),
        &sp.child("selector"),
    ));
    errs.extend(validate_session_affinity(spec, &sp));
    errs.extend(validate_traffic_policies(spec, ty, &sp));
    errs.extend(validate_families(spec, &sp));
    for (i, ip) in items(spec, "externalIPs").iter().enumerate() {
        let ip = ip.as_str().unwrap_or_default();
        errs.extend(is_valid_ip(&sp.child("externalIPs").index(i), ip));
    }
    let lb = ty == "LoadBalancer";
    if !lb {
        for key in [
            "loadBalancerSourceRanges",
            "allocateLoadBalancerNodePorts",
            "loadBalancerClass",
        ] {
            let present = match spec.get(key) {
                None | Some(Value::Null) => false,
                Some(Value::Array(a)) => !a.is_empty(),
                Some(_) => true,
            };
            if present {
                errs.push(FieldError::forbidden(
                    &sp.child(key),
                    "may only be used when `type` is 'LoadBalancer'",
                ));
            }
        }
    } else {
        for (i, r) in items(spec, "loadBalancerSourceRanges").iter().enumerate() {
            let r = r.as_str().unwrap_or_default().trim();
            errs.extend(is_valid_cidr(
                &sp.child("loadBalancerSourceRanges").index(i),
                r,
            ));
        }
        if let Some(class) = str_of(spec, "loadBalancerClass") {
            for msg in v::is_qualified_name(class) {
                errs.push(FieldError::invalid(
                    &sp.child("loadBalancerClass"),
                    class,
                    msg,
                ));
            }
        }
    }
    let hc = int_of(spec, "healthCheckNodePort").unwrap_or(0);
    if hc != 0 && !needs_health_check_port(spec) {
        errs.push(FieldError::forbidden(
            &sp.child("healthCheckNodePort"),
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ));
    }
    errs
}

fn validate_cluster_ips(spec: &Value, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let ips_path = sp.child("clusterIPs");
    let ips = items(spec, "clusterIPs");
    let ip = str_or_empty(spec, "clusterIP");
    if let Some(first) = ips.first().and_then(Value::as_str) {
        if !ip.is_empty() && ip != first {
            errs.push(FieldError::invalid(
                &ips_path,
                Value::Array(ips.to_vec()),
                "element [0] must match clusterIP",
            ));
        }
    }
    if ips.len() > 2 {
        errs.push(FieldError::invalid(
            &ips_path,
            Value::Array(ips.to_vec()),
            "may only hold up to 2 values",
        ));
    }
    let mut seen = HashSet::new();
    for (i, x) in ips.iter().enumerate() {
        let x = x.as_str().unwrap_or_default();
        let p = ips_path.index(i);
        if x == "None" {
            if i != 0 || ips.len() > 1 {
                errs.push(FieldError::invalid(
                    &p,
                    x,
                    "'None' must be the first and only value",
                ));
            }
            continue;
        }
        errs.extend(is_valid_ip(&p, x));
        if !seen.insert(x.to_string()) {
            errs.push(FieldError::duplicate(&p, x));
        }
    }
    if ips.is_empty() && !ip.is_empty() && ip != "None" {
        errs.extend(is_valid_ip(&sp.child("clusterIP"), ip));
    }
    errs
}

fn validate_session_affinity(spec: &Value, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let affinity = str_or_empty(spec, "sessionAffinity");
    let allowed = ["ClientIP", "None"];
    if affinity.is_empty() {
        errs.push(FieldError::required(&sp.child("sessionAffinity"), ""));
    } else if !allowed.contains(&affinity) {
        errs.push(FieldError::not_supported(
            &sp.child("sessionAffinity"),
            affinity,
            &allowed,
        ));
    }
    let config = spec.get("sessionAffinityConfig").filter(|c| !c.is_null());
    if affinity == "None" && config.is_some() {
        errs.push(FieldError::forbidden(
            &sp.child("sessionAffinityConfig"),
            "must not be set when session affinity is None",
        ));
    }
    if affinity == "ClientIP" {
        let path = sp
            .child("sessionAffinityConfig")
            .child("clientIP")
            .child("timeoutSeconds");
        match config
            .and_then(|c| c.pointer("/clientIP/timeoutSeconds"))
            .and_then(Value::as_i64)
        {
            Some(t) if !(1..=86400).contains(&t) => errs.push(FieldError::invalid(
                &path,
                t,
                "must be greater than 0 and less than 86400",
            )),
            Some(_) => {}
            None => errs.push(FieldError::required(&path, "")),
        }
    }
    errs
}

fn validate_traffic_policies(spec: &Value, ty: &str, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let allowed = ["Cluster", "Local"];
    let etp = str_or_empty(spec, "externalTrafficPolicy");
    if externally_accessible(spec) {
        if etp.is_empty() {
            errs.push(FieldError::required(&sp.child("externalTrafficPolicy"), ""));
        } else if !allowed.contains(&etp) {
            errs.push(FieldError::not_supported(
                &sp.child("externalTrafficPolicy"),
                etp,
                &allowed,
            ));
        }
    } else if !etp.is_empty() {
        errs.push(FieldError::invalid(
            &sp.child("externalTrafficPolicy"),
            etp,
            "may only be set for externally-accessible services",
        ));
    }
    match str_of(spec, "internalTrafficPolicy") {
        None if matches!(ty, "ClusterIP" | "NodePort" | "LoadBalancer") => {
            errs.push(FieldError::required(&sp.child("internalTrafficPolicy"), ""))
        }
        Some(itp) if !allowed.contains(&itp) => errs.push(FieldError::not_supported(
            &sp.child("internalTrafficPolicy"),
            itp,
            &allowed,
        )),
        _ => {}
    }
    errs
}

fn validate_families(spec: &Value, sp: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(policy) = str_of(spec, "ipFamilyPolicy") {
        let allowed = ["SingleStack", "PreferDualStack", "RequireDualStack"];
        if !allowed.contains(&policy) {
            errs.push(FieldError::not_supported(
                &sp.child("ipFamilyPolicy"),
                policy,
                &allowed,
            ));
        }
    }
    let families = items(spec, "ipFamilies");
    let mut seen = HashSet::new();
    for (i, f) in families.iter().enumerate() {
        let f = f.as_str().unwrap_or_default();
        let p = sp.child("ipFamilies").index(i);
        if !["IPv4", "IPv6"].contains(&f) {
            errs.push(FieldError::not_supported(&p, f, &["IPv4", "IPv6"]));
        } else if !seen.insert(f.to_string()) {
            errs.push(FieldError::duplicate(&p, f));
        }
    }
    if families.len() > 2 {
        errs.push(FieldError::invalid(
            &sp.child("ipFamilies"),
            Value::Array(families.to_vec()),
            "may specify no more than one IP for each IP family",
        ));
    }
    errs
}

/// Rules for changing a Service: cluster IPs may not change unless the
/// service moves to or from ExternalName; a load balancer class stays set.
pub fn validate_service_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let (ns, os) = (
        new.get("spec").unwrap_or(&null),
        old.get("spec").unwrap_or(&null),
    );
    let external = |s: &Value| str_of(s, "type") == Some("ExternalName");
    let both_headless = is_headless(ns) && is_headless(os);
    if !(external(ns) || external(os) || both_headless) {
        let (n, o) = (items(ns, "clusterIPs"), items(os, "clusterIPs"));
        let path = FieldPath::new("spec").child("clusterIPs").index(0);
        let changed = if n.len() == o.len() {
            n != o
        } else if n.len() < o.len() {
            n.is_empty() || n.first() != o.first()
        } else {
            !o.is_empty() && n.first() != o.first()
        };
        if n.is_empty() && !o.is_empty() {
            errs.push(FieldError::invalid(
                &path,
                Value::Array(n.to_vec()),
                "primary clusterIP can not be unset",
            ));
        } else if changed {
            errs.push(FieldError::invalid(
                &path,
                Value::Array(n.to_vec()),
                "may not change once set",
            ));
        }
    }
    let was_lb = str_of(os, "type") == Some("LoadBalancer");
    let is_lb = str_of(ns, "type") == Some("LoadBalancer");
    if was_lb
        && is_lb
        && has(os, "loadBalancerClass")
        && ns.get("loadBalancerClass") != os.get("loadBalancerClass")
    {
        errs.push(FieldError::invalid(
            &FieldPath::new("spec").child("loadBalancerClass"),
            ns.get("loadBalancerClass").cloned().unwrap_or(Value::Null),
            "may not change once set",
        ));
    }
    errs
}

fn validate_status(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("status")
        .child("loadBalancer")
        .child("ingress");
    let ingress = obj
        .pointer("/status/loadBalancer/ingress")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, ing) in ingress.iter().enumerate() {
        let p = path.index(i);
        if let Some(ip) = str_of(ing, "ip").filter(|s| !s.is_empty()) {
            errs.extend(is_valid_ip(&p.child("ip"), ip));
        }
        if let Some(host) = str_of(ing, "hostname").filter(|s| !s.is_empty()) {
            for msg in v::is_dns1123_subdomain(host) {
                errs.push(FieldError::invalid(&p.child("hostname"), host, msg));
            }
            if v::parse_ip_sloppy(host).is_some() {
                errs.push(FieldError::invalid(
                    &p.child("hostname"),
                    host,
                    "must be a DNS name, not an IP address",
                ));
            }
        }
        if let Some(mode) = str_of(ing, "ipMode") {
            if !["VIP", "Proxy"].contains(&mode) {
                errs.push(FieldError::not_supported(
                    &p.child("ipMode"),
                    mode,
                    &["Proxy", "VIP"],
                ));
            }
        }
    }
    errs
}

impl Strategy for ServiceStrategy {
    fn name_validator(&self) -> NameValidator {
        v::name_is_dns1035_label
    }

    fn default(&self, obj: &mut Value) {
        if let Some(spec) = obj.get_mut("spec") {
            default_service_spec(spec);
        }
        if obj.pointer("/spec/type").and_then(Value::as_str) == Some("LoadBalancer") {
            if let Some(list) = obj
                .pointer_mut("/status/loadBalancer/ingress")
                .and_then(Value::as_array_mut)
            {
                for ing in list.iter_mut() {
                    if has(ing, "ip") && !has(ing, "ipMode") {
                        if let Some(m) = ing.as_object_mut() {
                            m.insert("ipMode".into(), json!("VIP"));
                        }
                    }
                }
            }
        }
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(spec) = obj.get_mut("spec") {
            normalize_cluster_ips(spec);
        }
        if let Some(m) = obj.as_object_mut() {
            m.insert("status".into(), json!({"loadBalancer": {}}));
        }
    }

    fn prepare_for_update(&self, new: &mut Value, old: &Value) {
        let null = Value::Null;
        let old_spec = old.get("spec").unwrap_or(&null);
        if let Some(spec) = new.get_mut("spec") {
            drop_type_dependent_fields(spec, old_spec);
            patch_allocated_values(spec, old_spec);
            normalize_cluster_ips(spec);
        }
        if new.pointer("/spec/type").and_then(Value::as_str) != Some("LoadBalancer") {
            if let Some(status) = new.get_mut("status").and_then(Value::as_object_mut) {
                status.insert("loadBalancer".into(), json!({}));
            }
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_service(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_service(new);
        errs.extend(validate_service_update(new, old));
        errs
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        validate_status(new)
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["spec.clusterIP", "spec.type"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        let pointer = match field {
            "spec.clusterIP" => "/spec/clusterIP",
            "spec.type" => "/spec/type",
            _ => return None,
        };
        Some(
            obj.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        )
    }

    fn allow_create_on_update(&self) -> bool {
        true
    }

    fn returns_deleted_object(&self) -> bool {
        true
    }

    fn pool_prefixes(&self) -> &'static [&'static str] {
        &[
            service_alloc::IP_CLAIM_PREFIX,
            service_alloc::NODE_PORT_CLAIM_PREFIX,
        ]
    }

    fn allocate(
        &self,
        obj: &mut Value,
        _old: Option<&Value>,
        pools: &PoolState<'_>,
    ) -> Result<(), AllocError> {
        service_alloc::allocate(obj, pools)
    }

    fn held_claims(&self, obj: &Value) -> Vec<String> {
        service_alloc::held_claims(obj)
    }
}

#[cfg(test)]
mod tests;
