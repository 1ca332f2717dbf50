//! events.k8s.io/v1 Events: stored as core/v1 Events and converted field by
//! field; validated with Kubernetes' strict rules for this API (required event
//! time, reporting controller and instance, action and reason; deprecated fields
//! unset; most fields immutable).

use capstan_machinery::validation::{is_dns1123_subdomain, ErrorList, FieldError, FieldPath};
use serde_json::{Map, Value};

use super::common::{field, immutable, int, semantic_eq, string, validate_qualified_name};
use crate::registry::meta;
use crate::registry::strategy::Strategy;
use crate::resource::VersionConverter;

/// Behaviour of events.k8s.io/v1 Events.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventsV1Strategy;

const REPORTING_INSTANCE_LIMIT: usize = 128;
const ACTION_LIMIT: usize = 128;
const REASON_LIMIT: usize = 128;
const NOTE_LIMIT: usize = 1024;

fn is_set(obj: &Value, key: &str) -> bool {
    match field(obj, key) {
        None => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Kubernetes' `legacyValidateEvent` for a request through events.k8s.io/v1
/// (paths use the core field names, as Kubernetes reports them).
fn legacy_validate(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let namespace = meta::namespace(obj).unwrap_or("");
    let involved_ns = obj
        .get("regarding")
        .and_then(|r| string(r, "namespace"))
        .unwrap_or("");
    let ns_path = FieldPath::new("involvedObject").child("namespace");
    let mismatch = || FieldError::invalid(&ns_path, involved_ns, "does not match event.namespace");
    if !is_set(obj, "eventTime") {
        if involved_ns.is_empty() {
            if !namespace.is_empty() && namespace != "default" {
                errs.push(mismatch());
            }
        } else if namespace != involved_ns {
            errs.push(mismatch());
        }
    } else {
        if involved_ns.is_empty() && namespace != "default" && namespace != "kube-system" {
            errs.push(mismatch());
        }
        let controller = string(obj, "reportingController").unwrap_or("");
        let controller_path = FieldPath::new("reportingController");
        if controller.is_empty() {
            errs.push(FieldError::required(&controller_path, ""));
        }
        validate_qualified_name(&mut errs, controller, &controller_path);
        let limits = [
            (
                "reportingInstance",
                "reportingInstance",
                REPORTING_INSTANCE_LIMIT,
                true,
            ),
            ("action", "action", ACTION_LIMIT, true),
            ("reason", "reason", REASON_LIMIT, true),
            ("note", "message", NOTE_LIMIT, false),
        ];
        for (key, path_name, limit, required) in limits {
            let value = string(obj, key).unwrap_or("");
            let p = FieldPath::new(path_name);
            if required && value.is_empty() {
                errs.push(FieldError::required(&p, ""));
            }
            if value.len() > limit {
                errs.push(FieldError::invalid(
                    &p,
                    "",
                    format!("can have at most {limit} characters"),
                ));
            }
        }
    }
    for msg in is_dns1123_subdomain(namespace) {
        errs.push(FieldError::invalid(
            &FieldPath::new("namespace"),
            namespace,
            msg,
        ));
    }
    errs
}

fn validate_series(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(series) = field(obj, "series") {
        if int(series, "count").unwrap_or(0) < 2 {
            errs.push(FieldError::invalid(
                &FieldPath::new("series.count"),
                "",
                "should be at least 2",
            ));
        }
        if !is_set(series, "lastObservedTime") {
            errs.push(FieldError::required(
                &FieldPath::new("series.lastObservedTime"),
                "",
            ));
        }
    }
    errs
}

/// The event time truncated to microseconds, for comparisons.
fn event_time_micros(obj: &Value) -> Option<i128> {
    let t: jiff::Timestamp = string(obj, "eventTime")?.parse().ok()?;
    Some(t.as_nanosecond() / 1000)
}

impl Strategy for EventsV1Strategy {
    /// events.k8s.io/v1's field labels; lists and watches match them against
    /// the stored core Event's fields (see `storage_field_label`).
    fn selectable_fields(&self) -> &'static [&'static str] {
        &[
            "reason",
            "regarding.kind",
            "regarding.namespace",
            "regarding.name",
            "regarding.uid",
            "regarding.apiVersion",
            "regarding.resourceVersion",
            "regarding.fieldPath",
            "reportingController",
            "source",
            "type",
        ]
    }

    fn storage_field_label(&self, label: &str) -> Option<&'static str> {
        Some(match label {
            "regarding.kind" => "involvedObject.kind",
            "regarding.namespace" => "involvedObject.namespace",
            "regarding.name" => "involvedObject.name",
            "regarding.uid" => "involvedObject.uid",
            "regarding.apiVersion" => "involvedObject.apiVersion",
            "regarding.resourceVersion" => "involvedObject.resourceVersion",
            "regarding.fieldPath" => "involvedObject.fieldPath",
            "reportingController" => "reportingComponent",
            _ => return None,
        })
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = legacy_validate(obj);
        errs.extend(validate_series(obj));
        if !is_set(obj, "eventTime") {
            errs.push(FieldError::required(&FieldPath::new("eventTime"), ""));
        }
        let kind = string(obj, "type").unwrap_or("");
        if kind != "Normal" && kind != "Warning" {
            errs.push(FieldError::invalid(
                &FieldPath::new("type"),
                "",
                format!("has invalid value: {kind}"),
            ));
        }
        for key in [
            "deprecatedFirstTimestamp",
            "deprecatedLastTimestamp",
            "deprecatedCount",
        ] {
            let set = match key {
                "deprecatedCount" => int(obj, key).is_some_and(|c| c != 0),
                _ => is_set(obj, key),
            };
            if set {
                errs.push(FieldError::invalid(
                    &FieldPath::new(key),
                    "",
                    "needs to be unset",
                ));
            }
        }
        let source_set = field(obj, "deprecatedSource")
            .is_some_and(|s| is_set(s, "component") || is_set(s, "host"));
        if source_set {
            errs.push(FieldError::invalid(
                &FieldPath::new("deprecatedSource"),
                "",
                "needs to be unset",
            ));
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = legacy_validate(new);
        if !semantic_eq(field(new, "series"), field(old, "series")) {
            errs.extend(validate_series(new));
        }
        let immutable_fields = [
            ("regarding", "involvedObject"),
            ("reason", "reason"),
            ("note", "message"),
            ("deprecatedSource", "source"),
            ("deprecatedFirstTimestamp", "firstTimestamp"),
            ("deprecatedLastTimestamp", "lastTimestamp"),
            ("deprecatedCount", "count"),
            ("type", "type"),
            ("action", "action"),
            ("related", "related"),
            ("reportingController", "reportingController"),
            ("reportingInstance", "reportingInstance"),
        ];
        for (key, path_name) in immutable_fields {
            immutable(
                &mut errs,
                field(new, key),
                field(old, key),
                &FieldPath::new(path_name),
            );
        }
        if event_time_micros(new) != event_time_micros(old) {
            immutable(
                &mut errs,
                field(new, "eventTime"),
                field(old, "eventTime"),
                &FieldPath::new("eventTime"),
            );
        }
        errs
    }
}

/// Field renames between events.k8s.io/v1 (left) and core/v1 (right).
const RENAMES: &[(&str, &str)] = &[
    ("regarding", "involvedObject"),
    ("note", "message"),
    ("deprecatedSource", "source"),
    ("deprecatedFirstTimestamp", "firstTimestamp"),
    ("deprecatedLastTimestamp", "lastTimestamp"),
    ("deprecatedCount", "count"),
    ("reportingController", "reportingComponent"),
];

/// Converts between events.k8s.io/v1 and the core/v1 storage form.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventsV1Converter;

fn rename(obj: Value, from_left: bool, api_version: &str) -> Result<Value, String> {
    let Value::Object(map) = obj else {
        return Err("event must be an object".into());
    };
    let mut out = Map::new();
    for (k, v) in map {
        let renamed = RENAMES
            .iter()
            .find(|(l, r)| if from_left { l == &k } else { r == &k })
            .map(|(l, r)| if from_left { *r } else { *l });
        out.insert(renamed.map(str::to_string).unwrap_or(k), v);
    }
    out.insert("apiVersion".into(), Value::String(api_version.into()));
    Ok(Value::Object(out))
}

impl VersionConverter for EventsV1Converter {
    fn to_storage(&self, obj: Value) -> Result<Value, String> {
        rename(obj, true, "v1")
    }

    fn storage_to_served(&self, obj: Value) -> Result<Value, String> {
        rename(obj, false, "events.k8s.io/v1")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;
    use serde_json::json;

    fn event() -> Value {
        json!({
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": {"name": "e1", "namespace": "default"},
            "eventTime": "2024-01-01T00:00:00.000001Z",
            "reportingController": "example.com/ctl", "reportingInstance": "ctl-1",
            "action": "Scale", "reason": "Scaled", "type": "Normal", "note": "scaled up",
            "regarding": {"kind": "Deployment", "namespace": "default", "name": "web"}
        })
    }

    #[test]
    fn strict_create_rules() {
        assert!(EventsV1Strategy.validate(&event()).is_empty());
        let mut e = event();
        e.as_object_mut().map(|m| m.remove("eventTime"));
        e["type"] = json!("Info");
        e["deprecatedCount"] = json!(3);
        e["series"] = json!({"count": 1});
        e["regarding"]["namespace"] = json!("other");
        assert_eq!(
            causes(&EventsV1Strategy.validate(&e)),
            [
                ("involvedObject.namespace".to_string(), "FieldValueInvalid"),
                ("series.count".to_string(), "FieldValueInvalid"),
                ("series.lastObservedTime".to_string(), "FieldValueRequired"),
                ("eventTime".to_string(), "FieldValueRequired"),
                ("type".to_string(), "FieldValueInvalid"),
                ("deprecatedCount".to_string(), "FieldValueInvalid"),
            ]
        );
        let mut e = event();
        e["reportingController"] = json!("");
        e["action"] = json!("x".repeat(129));
        assert_eq!(
            causes(&EventsV1Strategy.validate(&e)),
            [
                ("reportingController".to_string(), "FieldValueRequired"),
                ("reportingController".to_string(), "FieldValueInvalid"),
                ("action".to_string(), "FieldValueInvalid"),
            ]
        );
    }

    #[test]
    fn update_keeps_most_fields() {
        let old = event();
        let mut new = old.clone();
        new["note"] = json!("changed");
        new["series"] = json!({"count": 2, "lastObservedTime": "2024-01-01T00:01:00.000000Z"});
        new["eventTime"] = json!("2024-01-01T00:00:00.000001500Z");
        assert_eq!(
            causes(&EventsV1Strategy.validate_update(&new, &old)),
            [("message".to_string(), "FieldValueInvalid")]
        );
    }

    #[test]
    fn round_trips_renamed_fields() {
        let v1 = json!({"apiVersion": "events.k8s.io/v1", "kind": "Event", "note": "hi", "regarding": {"kind": "Pod"}, "reason": "R"});
        let stored = EventsV1Converter.to_storage(v1.clone()).expect("converts");
        assert_eq!(stored["message"], "hi");
        assert_eq!(stored["involvedObject"]["kind"], "Pod");
        assert_eq!(stored["apiVersion"], "v1");
        assert_eq!(
            EventsV1Converter
                .storage_to_served(stored)
                .expect("converts"),
            v1
        );
    }
}
