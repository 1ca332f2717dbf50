//! Ingress and IngressClass strategies (networking.k8s.io/v1): rules, paths,
//! backends, TLS hosts, load-balancer status and the ingress class controller.

use capstan_machinery::validation::{
    is_dns1123_subdomain, is_valid_path_segment_name, is_valid_port_name, is_valid_port_num,
    name_is_dns1035_label, name_is_dns_label, parse_ip_sloppy, ErrorList, FieldError, FieldPath,
};
use serde_json::{json, Value};

use super::common::{
    array, field, immutable, int, object_entry, set_default, string, validate_domain_prefixed_path,
};
use crate::registry::strategy::Strategy;

/// Behaviour of Ingresses in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct IngressStrategy;

/// Behaviour of IngressClasses in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct IngressClassStrategy;

const INGRESS_CLASS_ANNOTATION: &str = "kubernetes.io/ingress.class";
const MAX_CONTROLLER_LENGTH: usize = 250;
const INVALID_PATH_SEQUENCES: [&str; 5] = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES: [&str; 2] = ["/..", "/."];

/// Kubernetes' `IsWildcardDNS1123Subdomain`.
pub fn is_wildcard_dns_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    let ok = value
        .strip_prefix("*.")
        .is_some_and(|rest| is_dns1123_subdomain(rest).is_empty());
    if !ok {
        errs.push("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string());
    }
    errs
}

fn check_host(errs: &mut ErrorList, host: &str, path: &FieldPath) -> bool {
    if host.contains('*') {
        for msg in is_wildcard_dns_subdomain(host) {
            errs.push(FieldError::invalid(path, host, msg));
        }
        true
    } else {
        for msg in is_dns1123_subdomain(host) {
            errs.push(FieldError::invalid(path, host, msg));
        }
        false
    }
}

/// Kubernetes' check of a `TypedLocalObjectReference` (resource backends and
/// IngressClass parameters).
fn validate_typed_reference(r: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(group) = string(r, "apiGroup") {
        for msg in is_dns1123_subdomain(group) {
            errs.push(FieldError::invalid(&path.child("apiGroup"), group, msg));
        }
    }
    for (key, required) in [("kind", "kind is required"), ("name", "name is required")] {
        match string(r, key).unwrap_or("") {
            "" => errs.push(FieldError::required(&path.child(key), required)),
            v => {
                for msg in is_valid_path_segment_name(v) {
                    errs.push(FieldError::invalid(&path.child(key), v, msg));
                }
            }
        }
    }
    errs
}

fn validate_backend(backend: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let resource = field(backend, "resource");
    let service = field(backend, "service");
    match (resource, service) {
        (Some(_), Some(_)) => errs.push(FieldError::invalid(
            path,
            "",
            "cannot set both resource and service backends",
        )),
        (Some(r), None) => errs.extend(validate_typed_reference(r, &path.child("resource"))),
        (None, Some(s)) => {
            let name = string(s, "name").unwrap_or("");
            let name_path = path.child("service").child("name");
            if name.is_empty() {
                errs.push(FieldError::required(&name_path, ""));
            } else {
                for msg in name_is_dns1035_label(name, false) {
                    errs.push(FieldError::invalid(&name_path, name, msg));
                }
            }
            let empty = json!({});
            let port = field(s, "port").unwrap_or(&empty);
            let port_name = string(port, "name").unwrap_or("");
            let port_number = int(port, "number").unwrap_or(0);
            let port_path = path.child("service").child("port");
            match (port_name.is_empty(), port_number == 0) {
                (false, false) => errs.push(FieldError::invalid(
                    path,
                    "",
                    "cannot set both port name & port number",
                )),
                (false, true) => {
                    for msg in is_valid_port_name(port_name) {
                        errs.push(FieldError::invalid(
                            &port_path.child("name"),
                            port_name,
                            msg,
                        ));
                    }
                }
                (true, false) => {
                    for msg in is_valid_port_num(port_number) {
                        errs.push(FieldError::invalid(
                            &port_path.child("number"),
                            port_number,
                            msg,
                        ));
                    }
                }
                (true, true) => errs.push(FieldError::required(
                    path,
                    "port name or number is required",
                )),
            }
        }
        (None, None) => errs.push(FieldError::invalid(
            path,
            "",
            "resource or service backend is required",
        )),
    }
    errs
}

fn validate_http_path(p: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let Some(path_type) = string(p, "pathType") else {
        errs.push(FieldError::required(
            &path.child("pathType"),
            "pathType must be specified",
        ));
        return errs;
    };
    let value = string(p, "path").unwrap_or("");
    let path_path = path.child("path");
    match path_type {
        "Exact" | "Prefix" => {
            if !value.starts_with('/') {
                errs.push(FieldError::invalid(
                    &path_path,
                    value,
                    "must be an absolute path",
                ));
            }
            if !value.is_empty() {
                for seq in INVALID_PATH_SEQUENCES {
                    if value.contains(seq) {
                        errs.push(FieldError::invalid(
                            &path_path,
                            value,
                            format!("must not contain '{seq}'"),
                        ));
                    }
                }
                for suffix in INVALID_PATH_SUFFIXES {
                    if value.ends_with(suffix) {
                        errs.push(FieldError::invalid(
                            &path_path,
                            value,
                            format!("cannot end with '{suffix}'"),
                        ));
                    }
                }
            }
        }
        "ImplementationSpecific" => {
            if !value.is_empty() && !value.starts_with('/') {
                errs.push(FieldError::invalid(
                    &path_path,
                    value,
                    "must be an absolute path",
                ));
            }
        }
        other => errs.push(FieldError::not_supported(
            &path.child("pathType"),
            other,
            &["Exact", "ImplementationSpecific", "Prefix"],
        )),
    }
    let empty = json!({});
    errs.extend(validate_backend(
        field(p, "backend").unwrap_or(&empty),
        &path.child("backend"),
    ));
    errs
}

fn validate_rule_value(rule: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(http) = field(rule, "http") {
        let paths_path = path.child("http").child("paths");
        let paths = array(http, "paths");
        if paths.is_empty() {
            errs.push(FieldError::required(&paths_path, ""));
        }
        for (i, p) in paths.iter().enumerate() {
            errs.extend(validate_http_path(p, &paths_path.index(i)));
        }
    }
    errs
}

/// Whether an old Ingress relied on a relaxed rule that must stay accepted.
struct Leniency {
    invalid_secret_names: bool,
    invalid_wildcard_rules: bool,
}

fn leniency(old: Option<&Value>) -> Leniency {
    let spec = old.and_then(|o| o.get("spec"));
    let tls = spec.map(|s| array(s, "tls")).unwrap_or(&[]);
    let rules = spec.map(|s| array(s, "rules")).unwrap_or(&[]);
    Leniency {
        invalid_secret_names: tls.iter().any(|t| {
            string(t, "secretName")
                .is_some_and(|n| !n.is_empty() && !is_dns1123_subdomain(n).is_empty())
        }),
        invalid_wildcard_rules: rules.iter().any(|r| {
            string(r, "host").is_some_and(|h| h.contains('*'))
                && !validate_rule_value(r, &FieldPath::root()).is_empty()
        }),
    }
}

fn validate_ingress_spec(spec: &Value, path: &FieldPath, lenient: &Leniency) -> ErrorList {
    let mut errs = ErrorList::new();
    let rules = array(spec, "rules");
    let default_backend = field(spec, "defaultBackend");
    if rules.is_empty() && default_backend.is_none() {
        errs.push(FieldError::invalid(
            path,
            Value::Array(Vec::new()),
            "either `defaultBackend` or `rules` must be specified",
        ));
    }
    if let Some(b) = default_backend {
        errs.extend(validate_backend(b, &path.child("defaultBackend")));
    }
    for (i, rule) in rules.iter().enumerate() {
        let rp = path.child("rules").index(i);
        let mut wildcard = false;
        if let Some(host) = string(rule, "host").filter(|h| !h.is_empty()) {
            if parse_ip_sloppy(host).is_some() {
                errs.push(FieldError::invalid(
                    &rp.child("host"),
                    host,
                    "must be a DNS name, not an IP address",
                ));
            }
            wildcard = check_host(&mut errs, host, &rp.child("host"));
        }
        if !wildcard || !lenient.invalid_wildcard_rules {
            errs.extend(validate_rule_value(rule, &rp));
        }
    }
    for (t, tls) in array(spec, "tls").iter().enumerate() {
        let tp = path.child("tls").index(t);
        for (i, host) in array(tls, "hosts").iter().enumerate() {
            check_host(
                &mut errs,
                host.as_str().unwrap_or(""),
                &tp.child("hosts").index(i),
            );
        }
        if !lenient.invalid_secret_names {
            if let Some(name) = string(tls, "secretName").filter(|n| !n.is_empty()) {
                for msg in is_dns1123_subdomain(name) {
                    errs.push(FieldError::invalid(&tp.child("secretName"), name, msg));
                }
            }
        }
    }
    if let Some(class) = string(spec, "ingressClassName") {
        for msg in is_dns1123_subdomain(class) {
            errs.push(FieldError::invalid(
                &path.child("ingressClassName"),
                class,
                msg,
            ));
        }
    }
    errs
}

fn validate_lb_status(status: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let base = FieldPath::new("status")
        .child("loadBalancer")
        .child("ingress");
    let old_ips: Vec<&str> = old
        .pointer("/status/loadBalancer/ingress")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|i| string(i, "ip")).collect())
        .unwrap_or_default();
    let entries = status
        .pointer("/loadBalancer/ingress")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, entry) in entries.iter().enumerate() {
        let p = base.index(i);
        if let Some(ip) = string(entry, "ip").filter(|s| !s.is_empty()) {
            errs.extend(capstan_machinery::validation::is_valid_ip_for_legacy_field(
                &p.child("ip"),
                ip,
                false,
                &old_ips,
            ));
        }
        if let Some(host) = string(entry, "hostname").filter(|s| !s.is_empty()) {
            for msg in is_dns1123_subdomain(host) {
                errs.push(FieldError::invalid(&p.child("hostname"), host, msg));
            }
            if parse_ip_sloppy(host).is_some() {
                errs.push(FieldError::invalid(
                    &p.child("hostname"),
                    host,
                    "must be a DNS name, not an IP address",
                ));
            }
        }
    }
    errs
}

impl IngressStrategy {
    fn validate_with(&self, obj: &Value, old: Option<&Value>) -> ErrorList {
        let empty = json!({});
        validate_ingress_spec(
            obj.get("spec").unwrap_or(&empty),
            &FieldPath::new("spec"),
            &leniency(old),
        )
    }
}

impl Strategy for IngressStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = self.validate_with(obj, None);
        let annotation = obj
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(INGRESS_CLASS_ANNOTATION))
            .and_then(Value::as_str);
        let class = obj
            .pointer("/spec/ingressClassName")
            .and_then(Value::as_str);
        if let (Some(a), Some(c)) = (annotation, class) {
            if a != c {
                // Kubernetes builds this path from the annotation key as a child.
                errs.push(FieldError::invalid(
                    &FieldPath::new("annotations").child(INGRESS_CLASS_ANNOTATION),
                    a,
                    "must match `ingressClassName` when both are specified",
                ));
            }
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        self.validate_with(new, Some(old))
    }

    fn validate_status_update(&self, new: &Value, old: &Value) -> ErrorList {
        let empty = json!({});
        validate_lb_status(new.get("status").unwrap_or(&empty), old)
    }
}

fn validate_class_parameters(params: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = validate_typed_reference(params, path);
    let Some(scope) = string(params, "scope") else {
        errs.push(FieldError::required(&path.child("scope"), ""));
        return errs;
    };
    let namespace = string(params, "namespace");
    match scope {
        "Namespace" => match namespace {
            None => errs.push(FieldError::required(
                &path.child("namespace"),
                "`parameters.scope` is set to 'Namespace'",
            )),
            Some(ns) => {
                for msg in name_is_dns_label(ns, false) {
                    errs.push(FieldError::invalid(&path.child("namespace"), ns, msg));
                }
            }
        },
        "Cluster" => {
            if namespace.is_some() {
                errs.push(FieldError::forbidden(
                    &path.child("namespace"),
                    "`parameters.scope` is set to 'Cluster'",
                ));
            }
        }
        other => errs.push(FieldError::not_supported(
            &path.child("scope"),
            other,
            &["Cluster", "Namespace"],
        )),
    }
    errs
}

impl Strategy for IngressClassStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        let spec = object_entry(obj, "spec");
        if let Some(params) = spec.get_mut("parameters").and_then(Value::as_object_mut) {
            set_default(params, "scope", json!("Cluster"));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        let empty = json!({});
        let spec = obj.get("spec").unwrap_or(&empty);
        let path = FieldPath::new("spec");
        let controller = string(spec, "controller").unwrap_or("");
        if controller.len() > MAX_CONTROLLER_LENGTH {
            errs.push(FieldError::too_long(
                &path.child("controller"),
                Some(MAX_CONTROLLER_LENGTH),
            ));
        }
        errs.extend(validate_domain_prefixed_path(
            controller,
            &path.child("controller"),
        ));
        if let Some(params) = field(spec, "parameters") {
            errs.extend(validate_class_parameters(params, &path.child("parameters")));
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        immutable(
            &mut errs,
            new.pointer("/spec/controller"),
            old.pointer("/spec/controller"),
            &FieldPath::new("spec").child("controller"),
        );
        errs.extend(self.validate(new));
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, has, message};

    fn ingress(rules: Value) -> Value {
        json!({"metadata": {"name": "web", "namespace": "default"}, "spec": {"rules": rules}})
    }

    fn svc_path(path: &str, path_type: &str) -> Value {
        json!({"path": path, "pathType": path_type, "backend": {"service": {"name": "web", "port": {"number": 80}}}})
    }

    #[test]
    fn valid_ingress() {
        let v = ingress(
            json!([{"host": "*.example.com", "http": {"paths": [svc_path("/", "Prefix")]}}]),
        );
        assert!(IngressStrategy.validate(&v).is_empty());
    }

    #[test]
    fn rules_or_default_backend_required() {
        let v = json!({"spec": {}});
        assert_eq!(
            message(&IngressStrategy.validate(&v), "spec"),
            "spec: Invalid value: []: either `defaultBackend` or `rules` must be specified"
        );
    }

    #[test]
    fn path_rules() {
        let v = ingress(json!([{"host": "1.2.3.4", "http": {"paths": [
            {"path": "/a", "backend": {"service": {"name": "web", "port": {"number": 80}}}},
            svc_path("relative", "Exact"),
            svc_path("/a//b/..", "Prefix"),
            svc_path("/", "Fuzzy"),
        ]}}]));
        let errs = IngressStrategy.validate(&v);
        let p = "spec.rules[0].http.paths";
        assert_eq!(
            causes(&errs),
            [
                ("spec.rules[0].host".to_string(), "FieldValueInvalid"),
                (format!("{p}[0].pathType"), "FieldValueRequired"),
                (format!("{p}[1].path"), "FieldValueInvalid"),
                (format!("{p}[2].path"), "FieldValueInvalid"),
                (format!("{p}[2].path"), "FieldValueInvalid"),
                (format!("{p}[3].pathType"), "FieldValueNotSupported"),
            ]
        );
    }

    #[test]
    fn backend_rules() {
        let v = json!({"spec": {"defaultBackend": {"service": {"name": "1web", "port": {"name": "http", "number": 80}}}}});
        let errs = IngressStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                (
                    "spec.defaultBackend.service.name".to_string(),
                    "FieldValueInvalid"
                ),
                ("spec.defaultBackend".to_string(), "FieldValueInvalid"),
            ]
        );
        let v = json!({"spec": {"defaultBackend": {}}});
        assert_eq!(
            message(&IngressStrategy.validate(&v), "spec.defaultBackend"),
            "spec.defaultBackend: Invalid value: \"\": resource or service backend is required"
        );
        let v = json!({"spec": {"defaultBackend": {"resource": {"kind": "Bucket"}}}});
        assert!(has(
            &IngressStrategy.validate(&v),
            "spec.defaultBackend.resource.name",
            "FieldValueRequired"
        ));
    }

    #[test]
    fn tls_hosts_and_class_annotation() {
        let mut v = ingress(json!([{"http": {"paths": [svc_path("/", "Prefix")]}}]));
        v["spec"]["tls"] = json!([{"hosts": ["Bad_Host"], "secretName": "tls"}]);
        v["spec"]["ingressClassName"] = json!("nginx");
        v["metadata"]["annotations"] = json!({"kubernetes.io/ingress.class": "traefik"});
        let errs = IngressStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                ("spec.tls[0].hosts[0]".to_string(), "FieldValueInvalid"),
                (
                    "annotations.kubernetes.io/ingress.class".to_string(),
                    "FieldValueInvalid"
                ),
            ]
        );
    }

    #[test]
    fn status_load_balancer() {
        let new = json!({"status": {"loadBalancer": {"ingress": [{"ip": "1.2.3"}, {"hostname": "10.0.0.1"}]}}});
        let errs = IngressStrategy.validate_status_update(&new, &json!({}));
        assert!(has(
            &errs,
            "status.loadBalancer.ingress[0].ip",
            "FieldValueInvalid"
        ));
        assert!(has(
            &errs,
            "status.loadBalancer.ingress[1].hostname",
            "FieldValueInvalid"
        ));
    }

    #[test]
    fn ingress_class_rules() {
        let mut v = json!({"spec": {"controller": "example.com/ingress", "parameters": {"kind": "Cfg", "name": "c"}}});
        IngressClassStrategy.default(&mut v);
        assert_eq!(v["spec"]["parameters"]["scope"], "Cluster");
        assert!(IngressClassStrategy.validate(&v).is_empty());
        let bad = json!({"spec": {"controller": "nginx"}});
        assert_eq!(
            message(&IngressClassStrategy.validate(&bad), "spec.controller"),
            "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")"
        );
        let missing = json!({"spec": {}});
        assert!(has(
            &IngressClassStrategy.validate(&missing),
            "spec.controller",
            "FieldValueRequired"
        ));
        let mut new = v.clone();
        new["spec"]["controller"] = json!("example.com/other");
        let errs = IngressClassStrategy.validate_update(&new, &v);
        assert_eq!(
            message(&errs, "spec.controller"),
            format!(
                "spec.controller: Invalid value: \"example.com/other\": {}",
                capstan_machinery::validation::FIELD_IMMUTABLE
            )
        );
        let ns = json!({"spec": {"controller": "a.io/b", "parameters": {"kind": "K", "name": "n", "scope": "Namespace"}}});
        assert!(has(
            &IngressClassStrategy.validate(&ns),
            "spec.parameters.namespace",
            "FieldValueRequired"
        ));
    }
}
