//! Validation of the containers of a pod spec: names, images, ports,
//! environment, volume mounts, probes, lifecycle and resources.

use std::collections::{BTreeSet, HashSet};

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::json::{has, int_of, items, str_of, str_or_empty};
use super::resources::validate_container_resources;

/// Port protocols a container or service port may use.
pub const PROTOCOLS: &[&str] = &["SCTP", "TCP", "UDP"];

/// Which list a container belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    /// `spec.containers`.
    Regular,
    /// `spec.initContainers`.
    Init,
    /// `spec.ephemeralContainers`.
    Ephemeral,
}

/// What container validation needs to know about the pod.
pub struct ContainerCtx<'a> {
    /// Names of the pod's volumes.
    pub volumes: &'a HashSet<String>,
    /// Whether the pod uses the host network.
    pub host_network: bool,
    /// Whether this is a template (the image may have surrounding whitespace).
    pub is_template: bool,
}

/// Validates one list of containers; `names` collects names across lists to
/// report duplicates.
pub fn validate_containers(
    list: &[Value],
    path: &FieldPath,
    kind: ContainerKind,
    ctx: &ContainerCtx<'_>,
    names: &mut HashSet<String>,
) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, c) in list.iter().enumerate() {
        let p = path.index(i);
        let name = str_or_empty(c, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else {
            for msg in v::is_dns1123_label(name) {
                errs.push(FieldError::invalid(&p.child("name"), name, msg));
            }
            if !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(&p.child("name"), name));
            }
        }
        errs.extend(validate_container(c, &p, kind, ctx));
    }
    errs
}

fn validate_container(
    c: &Value,
    p: &FieldPath,
    kind: ContainerKind,
    ctx: &ContainerCtx<'_>,
) -> ErrorList {
    let mut errs = ErrorList::new();
    let image = str_or_empty(c, "image");
    if image.is_empty() {
        errs.push(FieldError::required(&p.child("image"), ""));
    } else if !ctx.is_template && image.trim() != image {
        // Templates tolerate surrounding whitespace (some tools use " " as a
        // placeholder), as Kubernetes does.
        errs.push(FieldError::invalid(
            &p.child("image"),
            image,
            "must not have leading or trailing whitespace",
        ));
    }
    enum_field(
        c,
        "imagePullPolicy",
        p,
        &["Always", "IfNotPresent", "Never"],
        &mut errs,
    );
    enum_field(
        c,
        "terminationMessagePolicy",
        p,
        &["File", "FallbackToLogsOnError"],
        &mut errs,
    );
    let sidecar = kind == ContainerKind::Init && str_of(c, "restartPolicy") == Some("Always");
    if let Some(policy) = str_of(c, "restartPolicy") {
        match kind {
            ContainerKind::Init if policy != "Always" => errs.push(FieldError::not_supported(
                &p.child("restartPolicy"),
                policy,
                &["Always"],
            )),
            ContainerKind::Init => {}
            _ => errs.push(FieldError::forbidden(
                &p.child("restartPolicy"),
                "may not be set for non-init containers",
            )),
        }
    }
    if kind == ContainerKind::Ephemeral {
        for field in [
            "ports",
            "resources",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
            "lifecycle",
        ] {
            if c.get(field).is_some_and(|x| !is_empty_value(x)) {
                errs.push(FieldError::forbidden(
                    &p.child(field),
                    "cannot be set for an Ephemeral Container",
                ));
            }
        }
    }
    errs.extend(validate_ports(items(c, "ports"), &p.child("ports"), ctx));
    errs.extend(validate_env(items(c, "env"), &p.child("env")));
    errs.extend(validate_env_from(items(c, "envFrom"), &p.child("envFrom")));
    errs.extend(validate_mounts(
        items(c, "volumeMounts"),
        &p.child("volumeMounts"),
        ctx.volumes,
    ));
    if let Some(r) = c.get("resources").filter(|r| !r.is_null()) {
        errs.extend(validate_container_resources(r, &p.child("resources")));
    }
    let init_plain = kind == ContainerKind::Init && !sidecar;
    if init_plain {
        for field in [
            "lifecycle",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
        ] {
            if has(c, field) {
                errs.push(FieldError::forbidden(
                    &p.child(field),
                    "may not be set for init containers without restartPolicy=Always",
                ));
            }
        }
    } else {
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            if let Some(pr) = c.get(probe).filter(|x| !x.is_null()) {
                let must_be_one = probe != "readinessProbe";
                errs.extend(validate_probe(pr, &p.child(probe), must_be_one));
            }
        }
        if let Some(l) = c.get("lifecycle").filter(|x| !x.is_null()) {
            for hook in ["postStart", "preStop"] {
                if let Some(h) = l.get(hook).filter(|x| !x.is_null()) {
                    errs.extend(validate_handler(h, &p.child("lifecycle").child(hook), true));
                }
            }
        }
    }
    errs
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Validates a string enum field that must be set.
pub fn enum_field(
    obj: &Value,
    field: &str,
    path: &FieldPath,
    allowed: &[&str],
    errs: &mut ErrorList,
) {
    match str_of(obj, field) {
        None | Some("") => errs.push(FieldError::required(&path.child(field), "")),
        Some(value) if !allowed.contains(&value) => errs.push(FieldError::not_supported(
            &path.child(field),
            value,
            allowed,
        )),
        Some(_) => {}
    }
}

fn validate_ports(ports: &[Value], path: &FieldPath, ctx: &ContainerCtx<'_>) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut names = HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        let container_port = int_of(port, "containerPort").unwrap_or(0);
        if container_port == 0 {
            errs.push(FieldError::required(&p.child("containerPort"), ""));
        } else {
            for msg in v::is_valid_port_num(container_port) {
                errs.push(FieldError::invalid(
                    &p.child("containerPort"),
                    container_port,
                    msg,
                ));
            }
        }
        let host_port = int_of(port, "hostPort").unwrap_or(0);
        if host_port != 0 {
            for msg in v::is_valid_port_num(host_port) {
                errs.push(FieldError::invalid(&p.child("hostPort"), host_port, msg));
            }
        }
        if ctx.host_network && host_port != 0 && host_port != container_port {
            errs.push(FieldError::invalid(
                &p.child("containerPort"),
                container_port,
                "must match `hostPort` when `hostNetwork` is true",
            ));
        }
        match str_of(port, "protocol") {
            None | Some("") => errs.push(FieldError::required(&p.child("protocol"), "")),
            Some(proto) if !PROTOCOLS.contains(&proto) => errs.push(FieldError::not_supported(
                &p.child("protocol"),
                proto,
                PROTOCOLS,
            )),
            Some(_) => {}
        }
        if let Some(ip) = str_of(port, "hostIP").filter(|s| !s.is_empty()) {
            errs.extend(v::is_valid_ip(&p.child("hostIP"), ip));
        }
        if let Some(name) = str_of(port, "name").filter(|s| !s.is_empty()) {
            let msgs = v::is_valid_port_name(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    errs.push(FieldError::invalid(&p.child("name"), name, msg));
                }
            } else if !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(&p.child("name"), name));
            }
        }
    }
    errs
}

fn validate_env(env: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, e) in env.iter().enumerate() {
        let p = path.index(i);
        let name = str_or_empty(e, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else {
            for msg in v::is_env_var_name(name) {
                errs.push(FieldError::invalid(&p.child("name"), name, msg));
            }
        }
        if let Some(vf) = e.get("valueFrom").filter(|x| !x.is_null()) {
            let vp = p.child("valueFrom");
            let sources = [
                "fieldRef",
                "resourceFieldRef",
                "configMapKeyRef",
                "secretKeyRef",
            ];
            let set: Vec<&str> = sources.iter().copied().filter(|s| has(vf, s)).collect();
            if set.is_empty() {
                errs.push(FieldError::invalid(
                    &vp,
                    "",
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
                ));
            } else if set.len() > 1 {
                errs.push(FieldError::invalid(
                    &vp,
                    "",
                    "may not have more than one field specified at a time",
                ));
            }
            if !str_or_empty(e, "value").is_empty() {
                errs.push(FieldError::invalid(
                    &vp,
                    "",
                    "may not be specified when `value` is not empty",
                ));
            }
            if let Some(fr) = vf.get("fieldRef").filter(|x| !x.is_null()) {
                if str_or_empty(fr, "fieldPath").is_empty() {
                    errs.push(FieldError::required(
                        &vp.child("fieldRef").child("fieldPath"),
                        "",
                    ));
                }
            }
            if let Some(rf) = vf.get("resourceFieldRef").filter(|x| !x.is_null()) {
                if str_or_empty(rf, "resource").is_empty() {
                    errs.push(FieldError::required(
                        &vp.child("resourceFieldRef").child("resource"),
                        "",
                    ));
                }
            }
            for key_ref in ["configMapKeyRef", "secretKeyRef"] {
                if let Some(kr) = vf.get(key_ref).filter(|x| !x.is_null()) {
                    let kp = vp.child(key_ref);
                    if str_or_empty(kr, "name").is_empty() {
                        errs.push(FieldError::required(&kp.child("name"), ""));
                    }
                    let key = str_or_empty(kr, "key");
                    if key.is_empty() {
                        errs.push(FieldError::required(&kp.child("key"), ""));
                    } else {
                        for msg in v::is_config_map_key(key) {
                            errs.push(FieldError::invalid(&kp.child("key"), key, msg));
                        }
                    }
                }
            }
        }
    }
    errs
}

fn validate_env_from(list: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, e) in list.iter().enumerate() {
        let p = path.index(i);
        if let Some(prefix) = str_of(e, "prefix").filter(|s| !s.is_empty()) {
            for msg in v::is_env_var_name(prefix) {
                errs.push(FieldError::invalid(&p.child("prefix"), prefix, msg));
            }
        }
        let cm = has(e, "configMapRef");
        let secret = has(e, "secretRef");
        if cm && secret {
            errs.push(FieldError::invalid(
                &p,
                "",
                "may not have more than one field specified at a time",
            ));
        } else if !cm && !secret {
            errs.push(FieldError::invalid(
                &p,
                "",
                "must specify one of: `configMapRef` or `secretRef`",
            ));
        }
        for r in ["configMapRef", "secretRef"] {
            if let Some(x) = e.get(r).filter(|x| !x.is_null()) {
                if str_or_empty(x, "name").is_empty() {
                    errs.push(FieldError::required(&p.child(r).child("name"), ""));
                }
            }
        }
    }
    errs
}

/// Checks a relative path used inside a volume (no absolute path, no `..`).
pub fn validate_local_path(value: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if value.starts_with('/') {
        errs.push(FieldError::invalid(path, value, "must be a relative path"));
    }
    if value.split('/').any(|seg| seg == "..") {
        errs.push(FieldError::invalid(path, value, "must not contain '..'"));
    }
    errs
}

fn validate_mounts(mounts: &[Value], path: &FieldPath, volumes: &HashSet<String>) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut paths = BTreeSet::new();
    for (i, m) in mounts.iter().enumerate() {
        let p = path.index(i);
        let name = str_or_empty(m, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else if !volumes.contains(name) {
            errs.push(FieldError::not_found(&p.child("name"), name));
        }
        let mount_path = str_or_empty(m, "mountPath");
        if mount_path.is_empty() {
            errs.push(FieldError::required(&p.child("mountPath"), ""));
        } else if !paths.insert(mount_path.to_string()) {
            errs.push(FieldError::invalid(
                &p.child("mountPath"),
                mount_path,
                "must be unique",
            ));
        }
        if let Some(sub) = str_of(m, "subPath").filter(|s| !s.is_empty()) {
            errs.extend(validate_local_path(sub, &p.child("subPath")));
        }
        if has(m, "subPath") && has(m, "subPathExpr") {
            errs.push(FieldError::invalid(
                &p.child("subPathExpr"),
                str_or_empty(m, "subPathExpr"),
                "subPathExpr and subPath are mutually exclusive",
            ));
        }
        if let Some(mp) = str_of(m, "mountPropagation") {
            let allowed = ["Bidirectional", "HostToContainer", "None"];
            if !allowed.contains(&mp) {
                errs.push(FieldError::not_supported(
                    &p.child("mountPropagation"),
                    mp,
                    &allowed,
                ));
            }
        }
    }
    errs
}

fn positive_or_zero(obj: &Value, field: &str, path: &FieldPath, errs: &mut ErrorList) {
    if let Some(n) = int_of(obj, field) {
        if n < 0 {
            errs.push(FieldError::invalid(
                &path.child(field),
                n,
                "must be greater than or equal to 0",
            ));
        }
    }
}

fn validate_probe(probe: &Value, path: &FieldPath, success_must_be_one: bool) -> ErrorList {
    let mut errs = validate_handler(probe, path, false);
    for field in [
        "initialDelaySeconds",
        "timeoutSeconds",
        "periodSeconds",
        "successThreshold",
        "failureThreshold",
    ] {
        positive_or_zero(probe, field, path, &mut errs);
    }
    if let Some(tg) = int_of(probe, "terminationGracePeriodSeconds") {
        if tg <= 0 {
            errs.push(FieldError::invalid(
                &path.child("terminationGracePeriodSeconds"),
                tg,
                "must be greater than 0",
            ));
        }
    }
    if success_must_be_one {
        if let Some(n) = int_of(probe, "successThreshold").filter(|n| *n != 1) {
            errs.push(FieldError::invalid(
                &path.child("successThreshold"),
                n,
                "must be 1",
            ));
        }
    }
    errs
}

fn validate_handler(h: &Value, path: &FieldPath, lifecycle: bool) -> ErrorList {
    let mut errs = ErrorList::new();
    let handlers: &[&str] = if lifecycle {
        &["exec", "httpGet", "tcpSocket", "sleep"]
    } else {
        &["exec", "httpGet", "tcpSocket", "grpc"]
    };
    let set: Vec<&str> = handlers.iter().copied().filter(|k| has(h, k)).collect();
    if set.is_empty() {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
    for extra in set.iter().skip(1) {
        errs.push(FieldError::forbidden(
            &path.child(*extra),
            "may not specify more than 1 handler type",
        ));
    }
    if let Some(e) = h.get("exec").filter(|x| !x.is_null()) {
        if items(e, "command").is_empty() {
            errs.push(FieldError::required(
                &path.child("exec").child("command"),
                "",
            ));
        }
    }
    for (key, named_ok) in [("httpGet", true), ("tcpSocket", true)] {
        if let Some(x) = h.get(key).filter(|x| !x.is_null()) {
            errs.extend(validate_port_num_or_name(
                x.get("port"),
                &path.child(key).child("port"),
                named_ok,
            ));
        }
    }
    if let Some(g) = h.get("httpGet").filter(|x| !x.is_null()) {
        if let Some(scheme) = str_of(g, "scheme") {
            if !["HTTP", "HTTPS"].contains(&scheme) {
                errs.push(FieldError::not_supported(
                    &path.child("httpGet").child("scheme"),
                    scheme,
                    &["HTTP", "HTTPS"],
                ));
            }
        }
    }
    if let Some(g) = h.get("grpc").filter(|x| !x.is_null()) {
        let port = int_of(g, "port").unwrap_or(0);
        for msg in v::is_valid_port_num(port) {
            errs.push(FieldError::invalid(
                &path.child("grpc").child("port"),
                port,
                msg,
            ));
        }
    }
    if let Some(s) = h.get("sleep").filter(|x| !x.is_null()) {
        if let Some(secs) = int_of(s, "seconds").filter(|n| *n < 0) {
            errs.push(FieldError::invalid(
                &path.child("sleep").child("seconds"),
                secs,
                "must be non-negative integer",
            ));
        }
    }
    errs
}

/// Validates an int-or-string port: a number in 1-65535 or an IANA port name.
pub fn validate_port_num_or_name(
    port: Option<&Value>,
    path: &FieldPath,
    named_ok: bool,
) -> ErrorList {
    let mut errs = ErrorList::new();
    match port {
        Some(Value::Number(n)) => {
            let n = n.as_i64().unwrap_or(0);
            for msg in v::is_valid_port_num(n) {
                errs.push(FieldError::invalid(path, n, msg));
            }
        }
        Some(Value::String(s)) if named_ok => {
            for msg in v::is_valid_port_name(s) {
                errs.push(FieldError::invalid(path, s.as_str(), msg));
            }
        }
        Some(Value::String(s)) => {
            errs.push(FieldError::invalid(path, s.as_str(), "must be a number"));
        }
        _ => errs.push(FieldError::required(path, "")),
    }
    errs
}
