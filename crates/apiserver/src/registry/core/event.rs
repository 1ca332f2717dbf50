//! The core/v1 Event strategy: the involved object's namespace must agree with
//! the event's, new-style events (with `eventTime`) need their reporting
//! fields, length limits apply, and the selectable fields are Kubernetes'.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::json::str_or_empty;
use crate::registry::strategy::Strategy;

/// Longest `reason` and `action` of a new-style event.
pub const REASON_LIMIT: usize = 128;
/// Longest `reportingInstance`.
pub const REPORTING_INSTANCE_LIMIT: usize = 128;
/// Longest `message` of a new-style event.
pub const NOTE_LIMIT: usize = 1024;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventStrategy;

fn too_long(path: &str, limit: usize) -> FieldError {
    FieldError::invalid(
        &FieldPath::new(path),
        "",
        format!("can have at most {limit} characters"),
    )
}

/// Validates a core/v1 Event (create or update).
pub fn validate_event(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let ns = obj
        .pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let null = Value::Null;
    let involved = obj.get("involvedObject").unwrap_or(&null);
    let involved_ns = str_or_empty(involved, "namespace");
    let ns_path = FieldPath::new("involvedObject").child("namespace");
    let mismatch = || FieldError::invalid(&ns_path, involved_ns, "does not match event.namespace");
    let new_style = obj.get("eventTime").is_some_and(|t| !t.is_null());
    if !new_style {
        if involved_ns.is_empty() {
            if !ns.is_empty() && ns != "default" {
                errs.push(mismatch());
            }
        } else if ns != involved_ns {
            errs.push(mismatch());
        }
    } else {
        if involved_ns.is_empty() && ns != "default" && ns != "kube-system" {
            errs.push(mismatch());
        }
        let controller = str_or_empty(obj, "reportingComponent");
        if controller.is_empty() {
            errs.push(FieldError::required(
                &FieldPath::new("reportingComponent"),
                "",
            ));
        }
        for msg in v::is_qualified_name(controller) {
            errs.push(FieldError::invalid(
                &FieldPath::new("reportingComponent"),
                controller,
                msg,
            ));
        }
        let instance = str_or_empty(obj, "reportingInstance");
        if instance.is_empty() {
            errs.push(FieldError::required(
                &FieldPath::new("reportingInstance"),
                "",
            ));
        }
        if instance.len() > REPORTING_INSTANCE_LIMIT {
            errs.push(too_long("reportingInstance", REPORTING_INSTANCE_LIMIT));
        }
        let action = str_or_empty(obj, "action");
        if action.is_empty() {
            errs.push(FieldError::required(&FieldPath::new("action"), ""));
        }
        if action.len() > REASON_LIMIT {
            errs.push(too_long("action", REASON_LIMIT));
        }
        let reason = str_or_empty(obj, "reason");
        if reason.is_empty() {
            errs.push(FieldError::required(&FieldPath::new("reason"), ""));
        }
        if reason.len() > REASON_LIMIT {
            errs.push(too_long("reason", REASON_LIMIT));
        }
        if str_or_empty(obj, "message").len() > NOTE_LIMIT {
            errs.push(too_long("message", NOTE_LIMIT));
        }
    }
    for msg in v::is_dns1123_subdomain(ns) {
        errs.push(FieldError::invalid(&FieldPath::new("namespace"), ns, msg));
    }
    errs
}

impl Strategy for EventStrategy {
    fn validate(&self, obj: &Value) -> ErrorList {
        validate_event(obj)
    }

    fn validate_update(&self, new: &Value, _old: &Value) -> ErrorList {
        validate_event(new)
    }

    fn allow_create_on_update(&self) -> bool {
        true
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        let pointer = match field {
            "source" => "/source/component".to_string(),
            f => format!("/{}", f.replace('.', "/")),
        };
        Some(
            obj.pointer(&pointer)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    #[test]
    fn namespace_must_match() {
        let ok = json!({"metadata": {"namespace": "a"}, "involvedObject": {"kind": "Pod", "namespace": "a"}});
        assert!(validate_event(&ok).is_empty());
        let node =
            json!({"metadata": {"namespace": "default"}, "involvedObject": {"kind": "Node"}});
        assert!(validate_event(&node).is_empty());
        let bad = json!({"metadata": {"namespace": "a"}, "involvedObject": {"kind": "Pod", "namespace": "b"}});
        assert_eq!(
            fields(&validate_event(&bad)),
            ["involvedObject.namespace FieldValueInvalid"]
        );
    }

    #[test]
    fn new_style_events_need_reporting_fields() {
        let e = json!({"metadata": {"namespace": "a"}, "involvedObject": {"namespace": "a"},
                       "eventTime": "2024-01-01T00:00:00.000000Z", "reason": "x".repeat(200)});
        assert_eq!(
            fields(&validate_event(&e)),
            [
                "reportingComponent FieldValueRequired",
                "reportingComponent FieldValueInvalid",
                "reportingInstance FieldValueRequired",
                "action FieldValueRequired",
                "reason FieldValueInvalid",
            ]
        );
    }

    #[test]
    fn selectable_fields() {
        let e = json!({"involvedObject": {"kind": "Pod", "name": "p", "uid": "u"}, "source": {"component": "kubelet"},
                       "reason": "Started", "type": "Normal"});
        let s = EventStrategy;
        assert_eq!(
            s.field_value(&e, "involvedObject.kind").as_deref(),
            Some("Pod")
        );
        assert_eq!(
            s.field_value(&e, "involvedObject.uid").as_deref(),
            Some("u")
        );
        assert_eq!(s.field_value(&e, "source").as_deref(), Some("kubelet"));
        assert_eq!(s.field_value(&e, "type").as_deref(), Some("Normal"));
        assert_eq!(
            s.field_value(&e, "involvedObject.fieldPath").as_deref(),
            Some("")
        );
    }
}
