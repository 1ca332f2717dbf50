//! The ReplicationController strategy: replicas default to 1, the selector and
//! the object's labels default to the template's labels, the selector must
//! match the template, the template must restart Always, the generation tracks
//! spec changes, core/v1 deletes orphan pods by default, and the scale
//! subresource reads `spec.replicas`, `status.replicas` and the selector map.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::json::{int_of, string_map};
use super::pod_spec::{default_pod_template, validate_pod_template};
use crate::registry::strategy::{Propagation, ScalePaths, Strategy, StrategyCtx};

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReplicationControllerStrategy;

fn default_rc(obj: &mut Value) {
    let template_labels = obj
        .pointer("/spec/template/metadata/labels")
        .filter(|l| l.as_object().is_some_and(|m| !m.is_empty()))
        .cloned();
    if let Some(labels) = template_labels {
        let selector_empty = obj
            .pointer("/spec/selector")
            .and_then(Value::as_object)
            .is_none_or(|m| m.is_empty());
        if selector_empty {
            if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
                spec.insert("selector".into(), labels.clone());
            }
        }
        let meta = crate::registry::meta::meta_mut(obj);
        let labels_empty = meta
            .get("labels")
            .and_then(Value::as_object)
            .is_none_or(|m| m.is_empty());
        if labels_empty {
            meta.insert("labels".into(), labels);
        }
    }
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
        if spec.get("replicas").is_none_or(Value::is_null) {
            spec.insert("replicas".into(), json!(1));
        }
        if let Some(t) = spec.get_mut("template").filter(|t| !t.is_null()) {
            default_pod_template(t);
        }
    }
}

fn nonnegative(obj: &Value, field: &str, path: &FieldPath, errs: &mut ErrorList) {
    if let Some(n) = int_of(obj, field).filter(|n| *n < 0) {
        errs.push(FieldError::invalid(
            &path.child(field),
            n,
            "must be greater than or equal to 0",
        ));
    }
}

/// Validates a ReplicationController's spec.
pub fn validate_rc(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let sp = FieldPath::new("spec");
    nonnegative(spec, "minReadySeconds", &sp, &mut errs);
    nonnegative(spec, "replicas", &sp, &mut errs);
    let selector = string_map(spec, "selector");
    if selector.is_empty() {
        errs.push(FieldError::required(&sp.child("selector"), ""));
    }
    errs.extend(v::validate_labels(&selector, &sp.child("selector")));
    let tp = sp.child("template");
    match spec.get("template").filter(|t| !t.is_null()) {
        None => errs.push(FieldError::required(&tp, "")),
        Some(template) => {
            let labels = string_map(template.get("metadata").unwrap_or(&null), "labels");
            let matches = selector.iter().all(|(k, val)| labels.get(k) == Some(val));
            if !selector.is_empty() && !matches {
                errs.push(FieldError::invalid(
                    &tp.child("metadata").child("labels"),
                    json!(labels),
                    "`selector` does not match template `labels`",
                ));
            }
            errs.extend(validate_pod_template(template, &tp));
            let restart = template
                .pointer("/spec/restartPolicy")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !restart.is_empty() && restart != "Always" {
                errs.push(FieldError::not_supported(
                    &tp.child("spec").child("restartPolicy"),
                    restart,
                    &["Always"],
                ));
            }
            if template
                .pointer("/spec/activeDeadlineSeconds")
                .is_some_and(|x| !x.is_null())
            {
                errs.push(FieldError::forbidden(
                    &tp.child("spec").child("activeDeadlineSeconds"),
                    "activeDeadlineSeconds in ReplicationController is not Supported",
                ));
            }
        }
    }
    errs
}

fn validate_status(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let null = Value::Null;
    let status = obj.get("status").unwrap_or(&null);
    let path = FieldPath::new("status");
    for f in [
        "replicas",
        "fullyLabeledReplicas",
        "readyReplicas",
        "availableReplicas",
        "observedGeneration",
    ] {
        nonnegative(status, f, &path, &mut errs);
    }
    let get = |f: &str| int_of(status, f).unwrap_or(0);
    let replicas = get("replicas");
    for f in ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"] {
        if get(f) > replicas {
            errs.push(FieldError::invalid(
                &path.child(f),
                get(f),
                "cannot be greater than status.replicas",
            ));
        }
    }
    if get("availableReplicas") > get("readyReplicas") {
        errs.push(FieldError::invalid(
            &path.child("availableReplicas"),
            get("availableReplicas"),
            "cannot be greater than readyReplicas",
        ));
    }
    errs
}

impl Strategy for ReplicationControllerStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_rc(obj);
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(m) = obj.as_object_mut() {
            m.insert("status".into(), json!({"replicas": 0}));
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_rc(obj)
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        validate_status(new)
    }

    fn scale_paths(&self) -> Option<ScalePaths> {
        Some(ScalePaths {
            spec_replicas: "/spec/replicas",
            status_replicas: "/status/replicas",
            selector: "/spec/selector",
        })
    }

    fn default_propagation(&self) -> Propagation {
        Propagation::Orphan
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["status.replicas"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        (field == "status.replicas").then(|| {
            obj.pointer("/status/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(0)
                .to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    fn rc(spec: Value) -> Value {
        let mut o = json!({"metadata": {"name": "r", "namespace": "default"}, "spec": spec});
        ReplicationControllerStrategy.default(&mut o);
        o
    }

    #[test]
    fn defaults_from_template() {
        let o = rc(json!({"template": {"metadata": {"labels": {"app": "web"}},
                                       "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}));
        assert_eq!(o["spec"]["replicas"], 1);
        assert_eq!(o["spec"]["selector"], json!({"app": "web"}));
        assert_eq!(o["metadata"]["labels"], json!({"app": "web"}));
        assert_eq!(o["spec"]["template"]["spec"]["restartPolicy"], "Always");
        assert!(validate_rc(&o).is_empty(), "{}", validate_rc(&o));
        let s = ReplicationControllerStrategy;
        assert!(s.tracks_generation());
        assert_eq!(s.default_propagation(), Propagation::Orphan);
        assert_eq!(s.scale_paths().map(|p| p.selector), Some("/spec/selector"));
        let status = json!({"status": {"replicas": 2}});
        assert_eq!(
            s.field_value(&status, "status.replicas").as_deref(),
            Some("2")
        );
    }

    #[test]
    fn selector_must_match_and_template_required() {
        let o = rc(json!({"selector": {"app": "other"}, "replicas": -1,
                          "template": {"metadata": {"labels": {"app": "web"}},
                                       "spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "x"}]}}}));
        assert_eq!(
            fields(&validate_rc(&o)),
            [
                "spec.replicas FieldValueInvalid",
                "spec.template.metadata.labels FieldValueInvalid",
                "spec.template.spec.restartPolicy FieldValueNotSupported",
            ]
        );
        let o = rc(json!({}));
        assert_eq!(
            fields(&validate_rc(&o)),
            [
                "spec.selector FieldValueRequired",
                "spec.template FieldValueRequired"
            ]
        );
    }

    #[test]
    fn status_counts() {
        let o = json!({"status": {"replicas": 1, "readyReplicas": 2, "availableReplicas": 3}});
        assert_eq!(
            fields(&ReplicationControllerStrategy.validate_status_update(&o, &o)),
            [
                "status.readyReplicas FieldValueInvalid",
                "status.availableReplicas FieldValueInvalid",
                "status.availableReplicas FieldValueInvalid",
            ]
        );
    }
}
