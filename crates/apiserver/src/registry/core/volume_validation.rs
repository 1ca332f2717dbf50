//! Validation of a pod's volumes: unique DNS-label names, exactly one source,
//! and the common checks of the frequently used sources.

use std::collections::HashSet;

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::container_validation::validate_local_path;
use super::json::{has, int_of, items, str_of, str_or_empty};
use super::pod_spec::VOLUME_SOURCES;

/// Message for a file mode out of range.
pub const FILE_MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// Validates `spec.volumes`, returning the errors and the set of volume names.
pub fn validate_volumes(volumes: &[Value], path: &FieldPath) -> (ErrorList, HashSet<String>) {
    let mut errs = ErrorList::new();
    let mut names = HashSet::new();
    for (i, vol) in volumes.iter().enumerate() {
        let p = path.index(i);
        let name = str_or_empty(vol, "name");
        if name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else {
            let msgs = v::is_dns1123_label(name);
            for msg in &msgs {
                errs.push(FieldError::invalid(&p.child("name"), name, msg.clone()));
            }
            if msgs.is_empty() && !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(&p.child("name"), name));
            }
        }
        errs.extend(validate_source(vol, &p));
    }
    (errs, names)
}

fn validate_source(vol: &Value, p: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let set: Vec<&str> = VOLUME_SOURCES
        .iter()
        .copied()
        .filter(|s| has(vol, s))
        .collect();
    if set.is_empty() {
        errs.push(FieldError::required(p, "must specify a volume type"));
        return errs;
    }
    for extra in set.iter().skip(1) {
        errs.push(FieldError::forbidden(
            &p.child(*extra),
            "may not specify more than 1 volume type",
        ));
    }
    if let Some(h) = vol.get("hostPath").filter(|x| !x.is_null()) {
        let hp = p.child("hostPath");
        let path = str_or_empty(h, "path");
        if path.is_empty() {
            errs.push(FieldError::required(&hp.child("path"), ""));
        } else if path.split('/').any(|seg| seg == "..") {
            errs.push(FieldError::invalid(
                &hp.child("path"),
                path,
                "must not contain '..'",
            ));
        }
        if let Some(t) = str_of(h, "type") {
            let allowed = [
                "",
                "DirectoryOrCreate",
                "Directory",
                "FileOrCreate",
                "File",
                "Socket",
                "CharDevice",
                "BlockDevice",
            ];
            if !allowed.contains(&t) {
                errs.push(FieldError::not_supported(&hp.child("type"), t, &allowed));
            }
        }
    }
    if let Some(e) = vol.get("emptyDir").filter(|x| !x.is_null()) {
        if let Some(m) = str_of(e, "medium") {
            let allowed = ["", "Memory", "HugePages"];
            if !allowed.contains(&m) && !m.starts_with("HugePages-") {
                errs.push(FieldError::not_supported(
                    &p.child("emptyDir").child("medium"),
                    m,
                    &allowed,
                ));
            }
        }
        if let Some(limit) = e.get("sizeLimit").filter(|x| !x.is_null()) {
            let lp = p.child("emptyDir").child("sizeLimit");
            if let Some(q) = super::resources::parse_quantity(limit, &lp, &mut errs) {
                if q.signum() < 0 {
                    errs.push(FieldError::invalid(
                        &lp,
                        q.to_string(),
                        super::resources::NEGATIVE_MSG,
                    ));
                }
            }
        }
    }
    if let Some(s) = vol.get("secret").filter(|x| !x.is_null()) {
        let sp = p.child("secret");
        if str_or_empty(s, "secretName").is_empty() {
            errs.push(FieldError::required(&sp.child("secretName"), ""));
        }
        errs.extend(validate_mode_and_items(s, &sp));
    }
    if let Some(c) = vol.get("configMap").filter(|x| !x.is_null()) {
        let cp = p.child("configMap");
        if str_or_empty(c, "name").is_empty() {
            errs.push(FieldError::required(&cp.child("name"), ""));
        }
        errs.extend(validate_mode_and_items(c, &cp));
    }
    if let Some(c) = vol.get("persistentVolumeClaim").filter(|x| !x.is_null()) {
        if str_or_empty(c, "claimName").is_empty() {
            errs.push(FieldError::required(
                &p.child("persistentVolumeClaim").child("claimName"),
                "",
            ));
        }
    }
    if let Some(n) = vol.get("nfs").filter(|x| !x.is_null()) {
        let np = p.child("nfs");
        if str_or_empty(n, "server").is_empty() {
            errs.push(FieldError::required(&np.child("server"), ""));
        }
        let path = str_or_empty(n, "path");
        if path.is_empty() {
            errs.push(FieldError::required(&np.child("path"), ""));
        } else if !path.starts_with('/') {
            errs.push(FieldError::invalid(
                &np.child("path"),
                path,
                "must be an absolute path",
            ));
        }
    }
    if let Some(d) = vol.get("downwardAPI").filter(|x| !x.is_null()) {
        let dp = p.child("downwardAPI");
        errs.extend(validate_mode(d, "defaultMode", &dp));
        for (i, item) in items(d, "items").iter().enumerate() {
            let ip = dp.child("items").index(i);
            let path = str_or_empty(item, "path");
            if path.is_empty() {
                errs.push(FieldError::required(&ip.child("path"), ""));
            } else {
                errs.extend(validate_local_path(path, &ip.child("path")));
            }
            errs.extend(validate_mode(item, "mode", &ip));
        }
    }
    if let Some(pr) = vol.get("projected").filter(|x| !x.is_null()) {
        let pp = p.child("projected");
        errs.extend(validate_mode(pr, "defaultMode", &pp));
        for (i, src) in items(pr, "sources").iter().enumerate() {
            let sp = pp.child("sources").index(i);
            let kinds = [
                "secret",
                "configMap",
                "downwardAPI",
                "serviceAccountToken",
                "clusterTrustBundle",
            ];
            let present: Vec<&str> = kinds.iter().copied().filter(|k| has(src, k)).collect();
            if present.len() > 1 {
                for extra in present.iter().skip(1) {
                    errs.push(FieldError::forbidden(
                        &sp.child(*extra),
                        "may not specify more than 1 volume type per source",
                    ));
                }
            }
            if let Some(t) = src.get("serviceAccountToken").filter(|x| !x.is_null()) {
                let tp = sp.child("serviceAccountToken");
                if let Some(secs) = int_of(t, "expirationSeconds") {
                    if secs < 600 {
                        errs.push(FieldError::invalid(
                            &tp.child("expirationSeconds"),
                            secs,
                            "may not specify a duration less than 10 minutes",
                        ));
                    } else if secs > 1 << 32 {
                        errs.push(FieldError::invalid(
                            &tp.child("expirationSeconds"),
                            secs,
                            "may not specify a duration larger than 2^32 seconds",
                        ));
                    }
                }
                if str_or_empty(t, "path").is_empty() {
                    errs.push(FieldError::required(&tp.child("path"), ""));
                }
            }
        }
    }
    if let Some(c) = vol.get("csi").filter(|x| !x.is_null()) {
        if str_or_empty(c, "driver").is_empty() {
            errs.push(FieldError::required(&p.child("csi").child("driver"), ""));
        }
    }
    errs
}

fn validate_mode(obj: &Value, field: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(mode) = int_of(obj, field) {
        if !(0..=0o777).contains(&mode) {
            errs.push(FieldError::invalid(&path.child(field), mode, FILE_MODE_MSG));
        }
    }
    errs
}

fn validate_mode_and_items(source: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = validate_mode(source, "defaultMode", path);
    for (i, item) in items(source, "items").iter().enumerate() {
        let ip = path.child("items").index(i);
        if str_or_empty(item, "key").is_empty() {
            errs.push(FieldError::required(&ip.child("key"), ""));
        }
        let p = str_or_empty(item, "path");
        if p.is_empty() {
            errs.push(FieldError::required(&ip.child("path"), ""));
        } else {
            errs.extend(validate_local_path(p, &ip.child("path")));
        }
        errs.extend(validate_mode(item, "mode", &ip));
    }
    errs
}
