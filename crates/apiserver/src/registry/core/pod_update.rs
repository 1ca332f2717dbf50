//! Which parts of a pod's spec may change after creation, as Kubernetes'
//! `ValidatePodUpdate` allows: container images, a shrinking
//! `activeDeadlineSeconds`, added tolerations (or changed tolerationSeconds),
//! removed scheduling gates, a negative grace period raised to 1, and node
//! selector additions while the pod is still gated.

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::{Map, Value};

use super::json::{int_of, items, str_or_empty};
use super::taints::validate_tolerations;

/// The fields named by the "may not change" message, joined as Kubernetes does.
pub const UPDATABLE_FIELDS: &[&str] = &[
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/// Validates the spec changes of a pod update.
pub fn validate_pod_spec_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let spec_path = FieldPath::new("spec");
    let null = Value::Null;
    let new_spec = new.get("spec").unwrap_or(&null);
    let old_spec = old.get("spec").unwrap_or(&null);
    for key in ["containers", "initContainers"] {
        let (n, o) = (items(new_spec, key), items(old_spec, key));
        if n.len() == o.len() {
            for (i, c) in n.iter().enumerate() {
                if str_or_empty(c, "image").is_empty() {
                    errs.push(FieldError::required(
                        &spec_path.child(key).index(i).child("image"),
                        "",
                    ));
                }
            }
        }
    }
    let deadline_path = spec_path.child("activeDeadlineSeconds");
    match (
        int_of(new_spec, "activeDeadlineSeconds"),
        int_of(old_spec, "activeDeadlineSeconds"),
    ) {
        (Some(n), _) if !(0..=i64::from(i32::MAX)).contains(&n) => {
            errs.push(FieldError::invalid(
                &deadline_path,
                n,
                format!("must be between 0 and {}, inclusive", i32::MAX),
            ));
            return errs;
        }
        (Some(n), Some(o)) if o < n => {
            errs.push(FieldError::invalid(
                &deadline_path,
                n,
                "must be less than or equal to previous value",
            ));
            return errs;
        }
        (None, Some(_)) => errs.push(FieldError::invalid(
            &deadline_path,
            Value::Null,
            "must not update from a positive integer to nil value",
        )),
        _ => {}
    }
    errs.extend(validate_added_tolerations(
        items(new_spec, "tolerations"),
        items(old_spec, "tolerations"),
        &spec_path.child("tolerations"),
    ));
    let old_gates: Vec<&str> = items(old_spec, "schedulingGates")
        .iter()
        .map(|g| str_or_empty(g, "name"))
        .collect();
    for gate in items(new_spec, "schedulingGates") {
        let name = str_or_empty(gate, "name");
        if !old_gates.contains(&name) {
            errs.push(FieldError::forbidden(
                &spec_path.child("schedulingGates"),
                format!("only deletion is allowed, but found new scheduling gate '{name}'"),
            ));
        }
    }
    if new_spec == old_spec {
        return errs;
    }
    let munged = munge(new_spec, old_spec);
    if &munged != old_spec {
        let mut diff = Vec::new();
        json_diff("spec", old_spec, &munged, &mut diff);
        errs.push(FieldError::forbidden(
            &spec_path,
            format!(
                "pod updates may not change fields other than {}\n{}",
                UPDATABLE_FIELDS.join(","),
                diff.join("\n")
            ),
        ));
    }
    errs
}

/// The new spec with every change that is allowed put back to the old value.
fn munge(new_spec: &Value, old_spec: &Value) -> Value {
    let mut munged = new_spec.clone();
    let Some(m) = munged.as_object_mut() else {
        return munged;
    };
    for key in ["containers", "initContainers"] {
        let old_list = items(old_spec, key);
        if let Some(list) = m.get_mut(key).and_then(Value::as_array_mut) {
            if list.len() == old_list.len() {
                for (c, o) in list.iter_mut().zip(old_list) {
                    if let (Some(c), Some(image)) = (c.as_object_mut(), o.get("image")) {
                        c.insert("image".into(), image.clone());
                    }
                }
            }
        }
    }
    for key in ["activeDeadlineSeconds", "tolerations", "schedulingGates"] {
        restore(m, old_spec, key);
    }
    let old_grace = int_of(old_spec, "terminationGracePeriodSeconds");
    if old_grace.is_some_and(|g| g < 0)
        && m.get("terminationGracePeriodSeconds")
            .and_then(Value::as_i64)
            == Some(1)
    {
        restore(m, old_spec, "terminationGracePeriodSeconds");
    }
    let gated = !items(old_spec, "schedulingGates").is_empty();
    if gated {
        // While gated, node selector entries may be added (never changed or removed).
        let old_sel = old_spec.get("nodeSelector").and_then(Value::as_object);
        let new_sel = m.get("nodeSelector").and_then(Value::as_object);
        let only_added = old_sel
            .into_iter()
            .flatten()
            .all(|(k, v)| new_sel.and_then(|n| n.get(k)) == Some(v));
        if only_added {
            restore(m, old_spec, "nodeSelector");
        }
    }
    munged
}

fn restore(m: &mut Map<String, Value>, old_spec: &Value, key: &str) {
    match old_spec.get(key) {
        Some(v) => {
            m.insert(key.into(), v.clone());
        }
        None => {
            m.remove(key);
        }
    }
}

fn without_seconds(t: &Value) -> Value {
    let mut t = t.clone();
    if let Some(m) = t.as_object_mut() {
        m.remove("tolerationSeconds");
        m.retain(|_, v| !v.is_null());
    }
    t
}

fn validate_added_tolerations(new: &[Value], old: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for o in old {
        let o = without_seconds(o);
        if !new.iter().any(|n| without_seconds(n) == o) {
            errs.push(FieldError::forbidden(
                path,
                "existing toleration can not be modified except its tolerationSeconds",
            ));
            return errs;
        }
    }
    errs.extend(validate_tolerations(new, path));
    errs
}

/// Lists the differences between two JSON values as `path: old -> new` lines.
fn json_diff(path: &str, old: &Value, new: &Value, out: &mut Vec<String>) {
    if out.len() >= 20 || old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                json_diff(
                    &format!("{path}.{k}"),
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                json_diff(&format!("{path}[{i}]"), x, y, out);
            }
        }
        _ => out.push(format!("  {path}: {old} -> {new}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(spec: Value) -> Value {
        json!({"metadata": {"name": "p"}, "spec": spec})
    }

    fn base() -> Value {
        json!({
            "containers": [{"name": "a", "image": "nginx:1"}],
            "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 10}],
            "activeDeadlineSeconds": 100,
            "nodeName": "n1"
        })
    }

    #[test]
    fn image_and_allowed_fields_may_change() {
        let mut spec = base();
        spec["containers"][0]["image"] = json!("nginx:2");
        spec["activeDeadlineSeconds"] = json!(50);
        spec["tolerations"][0]["tolerationSeconds"] = json!(5);
        if let Some(t) = spec["tolerations"].as_array_mut() {
            t.push(json!({"key": "x", "operator": "Exists"}));
        }
        let errs = validate_pod_spec_update(&pod(spec), &pod(base()));
        assert!(errs.is_empty(), "{errs}");
    }

    #[test]
    fn other_changes_are_forbidden() {
        let mut spec = base();
        spec["nodeName"] = json!("n2");
        let errs = validate_pod_spec_update(&pod(spec), &pod(base()));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs.0[0].field, "spec");
        assert_eq!(errs.0[0].reason(), "FieldValueForbidden");
        assert!(errs.0[0].detail.starts_with(
            "pod updates may not change fields other than `spec.containers[*].image`"
        ));
        assert!(errs.0[0].detail.contains("spec.nodeName: \"n1\" -> \"n2\""));
    }

    #[test]
    fn deadline_tolerations_and_gates() {
        let mut spec = base();
        spec["activeDeadlineSeconds"] = json!(200);
        let errs = validate_pod_spec_update(&pod(spec), &pod(base()));
        assert_eq!(errs.0[0].field, "spec.activeDeadlineSeconds");
        let mut spec = base();
        spec["tolerations"] = json!([]);
        let errs = validate_pod_spec_update(&pod(spec), &pod(base()));
        assert_eq!(errs.0[0].field, "spec.tolerations");
        let mut spec = base();
        spec["schedulingGates"] = json!([{"name": "g"}]);
        let errs = validate_pod_spec_update(&pod(spec), &pod(base()));
        assert_eq!(errs.0[0].field, "spec.schedulingGates");
        let mut old = base();
        old["schedulingGates"] = json!([{"name": "g"}]);
        let errs = validate_pod_spec_update(&pod(base()), &pod(old));
        assert!(errs.is_empty(), "{errs}");
    }
}
