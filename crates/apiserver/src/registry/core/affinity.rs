//! Validation of a pod's `affinity`: node selector terms and requirements,
//! preferred-term weights, and pod (anti-)affinity terms.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::json::{int_of, items, str_or_empty};
use crate::registry::other::common::validate_label_selector;

fn validate_key(key: &str, path: &FieldPath, errs: &mut ErrorList) {
    for msg in v::is_qualified_name(key) {
        errs.push(FieldError::invalid(path, key, msg));
    }
}

fn validate_node_requirement(req: &Value, path: &FieldPath, errs: &mut ErrorList) {
    let values = items(req, "values");
    match str_or_empty(req, "operator") {
        "In" | "NotIn" if values.is_empty() => errs.push(FieldError::required(
            &path.child("values"),
            "must be specified when `operator` is 'In' or 'NotIn'",
        )),
        "Exists" | "DoesNotExist" if !values.is_empty() => errs.push(FieldError::forbidden(
            &path.child("values"),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        )),
        "Gt" | "Lt" if values.len() != 1 => errs.push(FieldError::required(
            &path.child("values"),
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
        )),
        "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
        other => errs.push(FieldError::invalid(
            &path.child("operator"),
            other,
            "not a valid selector operator",
        )),
    }
    validate_key(str_or_empty(req, "key"), &path.child("key"), errs);
}

fn validate_field_requirement(req: &Value, path: &FieldPath, errs: &mut ErrorList) {
    let values = items(req, "values");
    match str_or_empty(req, "operator") {
        "In" | "NotIn" if values.len() != 1 => errs.push(FieldError::required(
            &path.child("values"),
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        )),
        "In" | "NotIn" => {}
        other => errs.push(FieldError::invalid(
            &path.child("operator"),
            other,
            "not a valid selector operator",
        )),
    }
    let key = str_or_empty(req, "key");
    if key != "metadata.name" {
        errs.push(FieldError::not_supported(
            &path.child("key"),
            key,
            &["metadata.name"],
        ));
    }
}

fn validate_term(term: &Value, path: &FieldPath, errs: &mut ErrorList) {
    for (i, req) in items(term, "matchExpressions").iter().enumerate() {
        validate_node_requirement(req, &path.child("matchExpressions").index(i), errs);
    }
    for (i, req) in items(term, "matchFields").iter().enumerate() {
        validate_field_requirement(req, &path.child("matchFields").index(i), errs);
    }
}

fn validate_weight(term: &Value, path: &FieldPath, errs: &mut ErrorList) {
    let weight = int_of(term, "weight").unwrap_or(0);
    if !(1..=100).contains(&weight) {
        errs.push(FieldError::invalid(
            &path.child("weight"),
            weight,
            "must be in the range 1-100",
        ));
    }
}

fn validate_pod_term(term: &Value, path: &FieldPath, errs: &mut ErrorList) {
    errs.extend(validate_label_selector(
        term.get("labelSelector"),
        &path.child("labelSelector"),
    ));
    errs.extend(validate_label_selector(
        term.get("namespaceSelector"),
        &path.child("namespaceSelector"),
    ));
    for (i, ns) in items(term, "namespaces").iter().enumerate() {
        let ns = ns.as_str().unwrap_or_default();
        for msg in v::is_dns1123_label(ns) {
            errs.push(FieldError::invalid(
                &path.child("namespaces").index(i),
                ns,
                msg,
            ));
        }
    }
    let key = str_or_empty(term, "topologyKey");
    if key.is_empty() {
        errs.push(FieldError::required(
            &path.child("topologyKey"),
            "can not be empty",
        ));
    } else {
        validate_key(key, &path.child("topologyKey"), errs);
    }
}

/// Validates `spec.affinity`.
pub fn validate_affinity(affinity: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(node) = affinity.get("nodeAffinity").filter(|n| !n.is_null()) {
        let np = path.child("nodeAffinity");
        let req_key = "requiredDuringSchedulingIgnoredDuringExecution";
        if let Some(required) = node.get(req_key).filter(|r| !r.is_null()) {
            let rp = np.child(req_key);
            let terms = items(required, "nodeSelectorTerms");
            if terms.is_empty() {
                errs.push(FieldError::required(
                    &rp.child("nodeSelectorTerms"),
                    "must have at least one node selector term",
                ));
            }
            for (i, term) in terms.iter().enumerate() {
                validate_term(term, &rp.child("nodeSelectorTerms").index(i), &mut errs);
            }
        }
        let pref_key = "preferredDuringSchedulingIgnoredDuringExecution";
        for (i, term) in items(node, pref_key).iter().enumerate() {
            let tp = np.child(pref_key).index(i);
            validate_weight(term, &tp, &mut errs);
            let empty = Value::Null;
            validate_term(
                term.get("preference").unwrap_or(&empty),
                &tp.child("preference"),
                &mut errs,
            );
        }
    }
    for kind in ["podAffinity", "podAntiAffinity"] {
        let Some(pa) = affinity.get(kind).filter(|n| !n.is_null()) else {
            continue;
        };
        let kp = path.child(kind);
        let req_key = "requiredDuringSchedulingIgnoredDuringExecution";
        for (i, term) in items(pa, req_key).iter().enumerate() {
            validate_pod_term(term, &kp.child(req_key).index(i), &mut errs);
        }
        let pref_key = "preferredDuringSchedulingIgnoredDuringExecution";
        for (i, term) in items(pa, pref_key).iter().enumerate() {
            let tp = kp.child(pref_key).index(i);
            validate_weight(term, &tp, &mut errs);
            let empty = Value::Null;
            validate_pod_term(
                term.get("podAffinityTerm").unwrap_or(&empty),
                &tp.child("podAffinityTerm"),
                &mut errs,
            );
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn node_and_pod_affinity_rules() {
        let affinity = json!({
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                    {"matchExpressions": [{"key": "zone", "operator": "In"}, {"key": "z", "operator": "Near"}],
                     "matchFields": [{"key": "metadata.uid", "operator": "In", "values": ["a"]}]}
                ]},
                "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 0, "preference": {}}]
            },
            "podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                {"labelSelector": {"matchLabels": {"app": "web"}}}
            ]}
        });
        let errs = validate_affinity(&affinity, &FieldPath::new("spec").child("affinity"));
        let got: Vec<String> = errs
            .iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect();
        let n = "spec.affinity.nodeAffinity";
        assert_eq!(
            got,
            [
                format!("{n}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values FieldValueRequired"),
                format!("{n}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].operator FieldValueInvalid"),
                format!("{n}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key FieldValueNotSupported"),
                format!("{n}.preferredDuringSchedulingIgnoredDuringExecution[0].weight FieldValueInvalid"),
                "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey FieldValueRequired".to_string(),
            ]
        );
    }
}
