//! Validation of a PodSpec and a PodTemplateSpec as Kubernetes' `ValidatePodSpec`
//! and `ValidatePodTemplateSpec` do (the essentials; see the module docs of
//! each helper for what is covered).

use std::collections::HashSet;

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::affinity::validate_affinity;
use super::container_validation::{validate_containers, ContainerCtx, ContainerKind};
use super::json::{bool_of, has, int_of, items, str_of, str_or_empty, string_map};
use super::taints::validate_tolerations;
use super::volume_validation::validate_volumes;

/// Allowed pod restart policies.
pub const RESTART_POLICIES: &[&str] = &["Always", "OnFailure", "Never"];
/// Allowed DNS policies.
pub const DNS_POLICIES: &[&str] = &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

/// Validates a PodTemplateSpec: template labels and annotations, then the spec.
pub fn validate_template(template: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let meta = template.get("metadata").cloned().unwrap_or(json!({}));
    let meta_path = path.child("metadata");
    errs.extend(v::validate_labels(
        &string_map(&meta, "labels"),
        &meta_path.child("labels"),
    ));
    errs.extend(v::validate_annotations(
        &string_map(&meta, "annotations"),
        &meta_path.child("annotations"),
    ));
    let empty = json!({});
    let spec = template
        .get("spec")
        .filter(|s| !s.is_null())
        .unwrap_or(&empty);
    errs.extend(validate_spec(spec, &path.child("spec"), true));
    errs
}

fn dns_label(value: &str, path: &FieldPath, errs: &mut ErrorList) {
    for msg in v::is_dns1123_label(value) {
        errs.push(FieldError::invalid(path, value, msg));
    }
}

fn dns_subdomain(value: &str, path: &FieldPath, errs: &mut ErrorList) {
    for msg in v::is_dns1123_subdomain(value) {
        errs.push(FieldError::invalid(path, value, msg));
    }
}

/// Validates a PodSpec.
pub fn validate_spec(spec: &Value, path: &FieldPath, is_template: bool) -> ErrorList {
    let mut errs = ErrorList::new();
    let (vol_errs, volumes) = validate_volumes(items(spec, "volumes"), &path.child("volumes"));
    errs.extend(vol_errs);
    let ctx = ContainerCtx {
        volumes: &volumes,
        host_network: bool_of(spec, "hostNetwork"),
        is_template,
    };
    let mut names = HashSet::new();
    let containers = items(spec, "containers");
    if containers.is_empty() {
        errs.push(FieldError::required(&path.child("containers"), ""));
    }
    errs.extend(validate_containers(
        containers,
        &path.child("containers"),
        ContainerKind::Regular,
        &ctx,
        &mut names,
    ));
    errs.extend(validate_containers(
        items(spec, "initContainers"),
        &path.child("initContainers"),
        ContainerKind::Init,
        &ctx,
        &mut names,
    ));
    errs.extend(validate_containers(
        items(spec, "ephemeralContainers"),
        &path.child("ephemeralContainers"),
        ContainerKind::Ephemeral,
        &ctx,
        &mut names,
    ));
    match str_of(spec, "restartPolicy") {
        None | Some("") => errs.push(FieldError::required(&path.child("restartPolicy"), "")),
        Some(p) if !RESTART_POLICIES.contains(&p) => errs.push(FieldError::not_supported(
            &path.child("restartPolicy"),
            p,
            RESTART_POLICIES,
        )),
        Some(_) => {}
    }
    let dns_policy = str_or_empty(spec, "dnsPolicy");
    match dns_policy {
        "" => errs.push(FieldError::required(&path.child("dnsPolicy"), "")),
        p if !DNS_POLICIES.contains(&p) => errs.push(FieldError::not_supported(
            &path.child("dnsPolicy"),
            p,
            DNS_POLICIES,
        )),
        _ => {}
    }
    errs.extend(validate_dns_config(spec, dns_policy, path));
    errs.extend(v::validate_labels(
        &string_map(spec, "nodeSelector"),
        &path.child("nodeSelector"),
    ));
    for field in ["serviceAccountName", "nodeName", "priorityClassName"] {
        if let Some(value) = str_of(spec, field).filter(|s| !s.is_empty()) {
            dns_subdomain(value, &path.child(field), &mut errs);
        }
    }
    for field in ["hostname", "subdomain"] {
        if let Some(value) = str_of(spec, field).filter(|s| !s.is_empty()) {
            dns_label(value, &path.child(field), &mut errs);
        }
    }
    if let Some(secs) = int_of(spec, "activeDeadlineSeconds") {
        if !(1..=i64::from(i32::MAX)).contains(&secs) {
            errs.push(FieldError::invalid(
                &path.child("activeDeadlineSeconds"),
                secs,
                format!("must be between 1 and {}, inclusive", i32::MAX),
            ));
        }
    }
    if let Some(secs) = int_of(spec, "terminationGracePeriodSeconds") {
        if secs < 0 {
            errs.push(FieldError::invalid(
                &path.child("terminationGracePeriodSeconds"),
                secs,
                "must be greater than or equal to 0",
            ));
        }
    }
    errs.extend(validate_tolerations(
        items(spec, "tolerations"),
        &path.child("tolerations"),
    ));
    errs.extend(validate_scheduling_gates(
        items(spec, "schedulingGates"),
        &path.child("schedulingGates"),
    ));
    errs.extend(validate_spread(
        items(spec, "topologySpreadConstraints"),
        &path.child("topologySpreadConstraints"),
    ));
    for (i, gate) in items(spec, "readinessGates").iter().enumerate() {
        let t = str_or_empty(gate, "conditionType");
        for msg in v::is_qualified_name(t) {
            errs.push(FieldError::invalid(
                &path.child("readinessGates").index(i).child("conditionType"),
                t,
                msg,
            ));
        }
    }
    if let Some(affinity) = spec.get("affinity").filter(|a| !a.is_null()) {
        errs.extend(validate_affinity(affinity, &path.child("affinity")));
    }
    errs.extend(validate_host_aliases(
        items(spec, "hostAliases"),
        &path.child("hostAliases"),
    ));
    if let Some(os) = spec.get("os").filter(|x| !x.is_null()) {
        let name = str_or_empty(os, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&path.child("os").child("name"), ""));
        } else if !["linux", "windows"].contains(&name) {
            errs.push(FieldError::not_supported(
                &path.child("os").child("name"),
                name,
                &["linux", "windows"],
            ));
        }
    }
    if let Some(policy) = str_of(spec, "preemptionPolicy") {
        let allowed = ["Never", "PreemptLowerPriority"];
        if !allowed.contains(&policy) {
            errs.push(FieldError::not_supported(
                &path.child("preemptionPolicy"),
                policy,
                &allowed,
            ));
        }
    }
    if let Some(sc) = spec.get("securityContext").filter(|x| !x.is_null()) {
        let sp = path.child("securityContext");
        for field in ["runAsUser", "runAsGroup", "fsGroup"] {
            if let Some(id) = int_of(sc, field).filter(|n| !(0..=i64::from(i32::MAX)).contains(n)) {
                errs.push(FieldError::invalid(
                    &sp.child(field),
                    id,
                    format!("must be between 0 and {}, inclusive", i32::MAX),
                ));
            }
        }
    }
    errs
}

fn validate_dns_config(spec: &Value, dns_policy: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let config = spec.get("dnsConfig").filter(|x| !x.is_null());
    let cp = path.child("dnsConfig");
    if dns_policy == "None" && config.is_none() {
        errs.push(FieldError::required(
            &cp,
            "must provide `dnsConfig` when `dnsPolicy` is None",
        ));
    }
    let Some(config) = config else {
        return errs;
    };
    let servers = items(config, "nameservers");
    if dns_policy == "None" && servers.is_empty() {
        errs.push(FieldError::required(
            &cp.child("nameservers"),
            "must provide at least one DNS nameserver when `dnsPolicy` is None",
        ));
    }
    if servers.len() > 3 {
        errs.push(FieldError::invalid(
            &cp.child("nameservers"),
            Value::Array(servers.to_vec()),
            "must not have more than 3 nameservers",
        ));
    }
    for (i, s) in servers.iter().enumerate() {
        errs.extend(v::is_valid_ip(
            &cp.child("nameservers").index(i),
            s.as_str().unwrap_or_default(),
        ));
    }
    let searches = items(config, "searches");
    if searches.len() > 32 {
        errs.push(FieldError::invalid(
            &cp.child("searches"),
            Value::Array(searches.to_vec()),
            "must not have more than 32 search paths",
        ));
    }
    for (i, o) in items(config, "options").iter().enumerate() {
        if str_or_empty(o, "name").is_empty() {
            errs.push(FieldError::required(
                &cp.child("options").index(i),
                "Option.Name must not be empty",
            ));
        }
    }
    errs
}

fn validate_scheduling_gates(gates: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut seen = HashSet::new();
    for (i, g) in gates.iter().enumerate() {
        let p = path.index(i);
        let name = str_or_empty(g, "name");
        for msg in v::is_qualified_name(name) {
            errs.push(FieldError::invalid(&p.child("name"), name, msg));
        }
        if !seen.insert(name.to_string()) {
            errs.push(FieldError::duplicate(&p.child("name"), name));
        }
    }
    errs
}

fn validate_spread(list: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut seen = HashSet::new();
    for (i, c) in list.iter().enumerate() {
        let p = path.index(i);
        let skew = int_of(c, "maxSkew").unwrap_or(0);
        if skew <= 0 {
            errs.push(FieldError::invalid(
                &p.child("maxSkew"),
                skew,
                "must be greater than zero",
            ));
        }
        let key = str_or_empty(c, "topologyKey");
        if key.is_empty() {
            errs.push(FieldError::required(
                &p.child("topologyKey"),
                "can not be empty",
            ));
        } else {
            for msg in v::is_qualified_name(key) {
                errs.push(FieldError::invalid(&p.child("topologyKey"), key, msg));
            }
        }
        let when = str_or_empty(c, "whenUnsatisfiable");
        let allowed = ["DoNotSchedule", "ScheduleAnyway"];
        if !allowed.contains(&when) {
            errs.push(FieldError::not_supported(
                &p.child("whenUnsatisfiable"),
                when,
                &allowed,
            ));
        }
        if !seen.insert((key.to_string(), when.to_string())) {
            errs.push(FieldError::duplicate(&p, format!("{{{key}, {when}}}")));
        }
        if let Some(min) = int_of(c, "minDomains") {
            if min <= 0 {
                errs.push(FieldError::invalid(
                    &p.child("minDomains"),
                    min,
                    "must be greater than 0",
                ));
            }
        }
        if has(c, "minDomains") && when != "DoNotSchedule" {
            errs.push(FieldError::invalid(
                &p.child("minDomains"),
                int_of(c, "minDomains").unwrap_or(0),
                "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway",
            ));
        }
    }
    errs
}

fn validate_host_aliases(list: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, a) in list.iter().enumerate() {
        let p = path.index(i);
        errs.extend(v::is_valid_ip(&p.child("ip"), str_or_empty(a, "ip")));
        for (j, h) in items(a, "hostnames").iter().enumerate() {
            dns_subdomain(
                h.as_str().unwrap_or_default(),
                &p.child("hostnames").index(j),
                &mut errs,
            );
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::core::pod_spec::{
        default_pod_spec, validate_pod_spec, validate_pod_template,
    };

    fn reasons(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    fn defaulted(mut spec: Value) -> Value {
        default_pod_spec(&mut spec);
        spec
    }

    #[test]
    fn valid_spec_passes() {
        let spec = defaulted(json!({
            "containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80, "name": "http"}],
                            "volumeMounts": [{"name": "data", "mountPath": "/data"}],
                            "resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "500m"}}}],
            "initContainers": [{"name": "init", "image": "busybox"}],
            "volumes": [{"name": "data", "emptyDir": {}}],
            "nodeSelector": {"kubernetes.io/os": "linux"},
            "hostname": "web-0", "subdomain": "web"
        }));
        let errs = validate_pod_spec(&spec, &FieldPath::new("spec"), false);
        assert!(errs.is_empty(), "{errs}");
    }

    #[test]
    fn containers_are_required() {
        let spec = defaulted(json!({}));
        assert_eq!(
            reasons(&validate_pod_spec(&spec, &FieldPath::new("spec"), false)),
            ["spec.containers FieldValueRequired"]
        );
    }

    #[test]
    fn container_names_images_and_ports() {
        let spec = defaulted(json!({
            "containers": [
                {"name": "Bad_Name", "image": "x"},
                {"name": "a"},
                {"name": "a", "image": "x", "ports": [
                    {"containerPort": 70000},
                    {"containerPort": 80, "protocol": "ICMP", "name": "p"},
                    {"containerPort": 81, "name": "p"}
                ]}
            ],
            "initContainers": [{"name": "a", "image": "x"}]
        }));
        let errs = validate_pod_spec(&spec, &FieldPath::new("spec"), false);
        assert_eq!(
            reasons(&errs),
            [
                "spec.containers[0].name FieldValueInvalid",
                "spec.containers[1].image FieldValueRequired",
                "spec.containers[2].name FieldValueDuplicate",
                "spec.containers[2].ports[0].containerPort FieldValueInvalid",
                "spec.containers[2].ports[1].protocol FieldValueNotSupported",
                "spec.containers[2].ports[2].name FieldValueDuplicate",
                "spec.initContainers[0].name FieldValueDuplicate",
            ]
        );
        // Templates need an image too, but may pad it with whitespace.
        let errs = validate_pod_spec(&spec, &FieldPath::new("spec"), true);
        assert!(reasons(&errs).contains(&"spec.containers[1].image FieldValueRequired".to_string()));
        let padded = defaulted(json!({"containers": [{"name": "a", "image": " "}]}));
        assert!(validate_pod_spec(&padded, &FieldPath::new("spec"), true).is_empty());
        assert_eq!(
            reasons(&validate_pod_spec(&padded, &FieldPath::new("spec"), false)),
            ["spec.containers[0].image FieldValueInvalid"]
        );
    }

    #[test]
    fn volumes_and_mounts() {
        let spec = defaulted(json!({
            "containers": [{"name": "a", "image": "x", "volumeMounts": [
                {"name": "missing", "mountPath": "/a"},
                {"name": "v1", "mountPath": ""},
                {"name": "v1", "mountPath": "/a"}
            ]}],
            "volumes": [
                {"name": "v1", "emptyDir": {}},
                {"name": "v1", "emptyDir": {}},
                {"name": "two", "emptyDir": {}, "hostPath": {"path": "/x"}},
                {"name": "BAD", "secret": {}}
            ]
        }));
        let errs = validate_pod_spec(&spec, &FieldPath::new("spec"), false);
        assert_eq!(
            reasons(&errs),
            [
                "spec.volumes[1].name FieldValueDuplicate",
                "spec.volumes[2].emptyDir FieldValueForbidden",
                "spec.volumes[3].name FieldValueInvalid",
                "spec.volumes[3].secret.secretName FieldValueRequired",
                "spec.containers[0].volumeMounts[0].name FieldValueNotFound",
                "spec.containers[0].volumeMounts[1].mountPath FieldValueRequired",
                "spec.containers[0].volumeMounts[2].mountPath FieldValueInvalid",
            ]
        );
    }

    #[test]
    fn policies_deadlines_and_names() {
        let mut spec = defaulted(json!({
            "containers": [{"name": "a", "image": "x", "env": [{"name": ""}, {"name": "A=B"}]}],
            "activeDeadlineSeconds": 0,
            "terminationGracePeriodSeconds": -1,
            "hostname": "Not_A_Label",
            "nodeSelector": {"bad key!": "v"}
        }));
        spec["restartPolicy"] = json!("Sometimes");
        spec["dnsPolicy"] = json!("Weird");
        let errs = validate_pod_spec(&spec, &FieldPath::new("spec"), false);
        assert_eq!(
            reasons(&errs),
            [
                "spec.containers[0].env[0].name FieldValueRequired",
                "spec.containers[0].env[1].name FieldValueInvalid",
                "spec.restartPolicy FieldValueNotSupported",
                "spec.dnsPolicy FieldValueNotSupported",
                "spec.nodeSelector FieldValueInvalid",
                "spec.hostname FieldValueInvalid",
                "spec.activeDeadlineSeconds FieldValueInvalid",
                "spec.terminationGracePeriodSeconds FieldValueInvalid",
            ]
        );
    }

    #[test]
    fn readiness_gates() {
        let spec = defaulted(json!({"containers": [{"name": "a", "image": "x"}],
            "readinessGates": [{"conditionType": "example.com/ready"}, {"conditionType": "bad type"}]}));
        assert_eq!(
            reasons(&validate_pod_spec(&spec, &FieldPath::new("spec"), false)),
            ["spec.readinessGates[1].conditionType FieldValueInvalid"]
        );
    }

    #[test]
    fn template_labels_and_spec_paths() {
        let template = json!({
            "metadata": {"labels": {"a": "not valid!"}},
            "spec": {"containers": [], "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"}
        });
        let errs = validate_pod_template(&template, &FieldPath::new("spec").child("template"));
        assert_eq!(
            reasons(&errs),
            [
                "spec.template.metadata.labels FieldValueInvalid",
                "spec.template.spec.containers FieldValueRequired",
            ]
        );
    }
}
