//! The Secret strategy: type defaults to Opaque, `stringData` is merged into
//! `data`, keys and size are checked, each well-known type has its required
//! keys, the type never changes, and `immutable: true` freezes the data.

use base64::Engine;
use capstan_machinery::validation::{ErrorList, FieldError, FieldPath, FIELD_IMMUTABLE};
use serde_json::{json, Value};

use super::data_keys::{validate_frozen, validate_keys, MAX_DATA_SIZE};
use super::json::{default_field, map_of};
use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct SecretStrategy;

fn decode(value: &Value) -> Option<Vec<u8>> {
    value
        .as_str()
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
}

/// Moves `stringData` into `data` (base64), as the v1 conversion does.
pub fn merge_string_data(obj: &mut Value) {
    let Some(map) = obj.as_object_mut() else {
        return;
    };
    let Some(string_data) = map.remove("stringData") else {
        return;
    };
    let Some(entries) = string_data.as_object() else {
        return;
    };
    if entries.is_empty() {
        return;
    }
    let data = map.entry("data").or_insert_with(|| json!({}));
    if !data.is_object() {
        *data = json!({});
    }
    if let Some(data) = data.as_object_mut() {
        for (k, v) in entries {
            let text = v.as_str().unwrap_or_default();
            data.insert(
                k.clone(),
                json!(base64::engine::general_purpose::STANDARD.encode(text.as_bytes())),
            );
        }
    }
}

/// Validates a Secret.
pub fn validate_secret(obj: &Value) -> ErrorList {
    let data_path = FieldPath::new("data");
    let data = map_of(obj, "data");
    let mut errs = validate_keys(data, &data_path);
    let size: usize = data
        .into_iter()
        .flatten()
        .map(|(_, v)| decode(v).map(|b| b.len()).unwrap_or(0))
        .sum();
    if size > MAX_DATA_SIZE {
        errs.push(FieldError::too_long(&data_path, Some(MAX_DATA_SIZE)));
    }
    let has_key = |k: &str| data.is_some_and(|d| d.contains_key(k));
    let require = |errs: &mut ErrorList, k: &str| {
        errs.push(FieldError::required(&data_path.key(k), ""));
    };
    let json_key = |errs: &mut ErrorList, k: &str| {
        if !has_key(k) {
            require(errs, k);
            return;
        }
        let bytes = data
            .and_then(|d| d.get(k))
            .and_then(decode)
            .unwrap_or_default();
        if let Err(e) = serde_json::from_slice::<serde_json::Map<String, Value>>(&bytes) {
            errs.push(FieldError::invalid(
                &data_path.key(k),
                "<secret contents redacted>",
                e.to_string(),
            ));
        }
    };
    match obj.get("type").and_then(Value::as_str).unwrap_or_default() {
        "kubernetes.io/service-account-token" => {
            let named = obj
                .pointer("/metadata/annotations/kubernetes.io~1service-account.name")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty());
            if !named {
                errs.push(FieldError::required(
                    &FieldPath::new("metadata")
                        .child("annotations")
                        .key("kubernetes.io/service-account.name"),
                    "",
                ));
            }
        }
        "kubernetes.io/dockercfg" => json_key(&mut errs, ".dockercfg"),
        "kubernetes.io/dockerconfigjson" => json_key(&mut errs, ".dockerconfigjson"),
        "kubernetes.io/basic-auth" if !has_key("username") && !has_key("password") => {
            require(&mut errs, "username");
            require(&mut errs, "password");
        }
        "kubernetes.io/ssh-auth" => {
            let empty = data
                .and_then(|d| d.get("ssh-privatekey"))
                .and_then(decode)
                .is_none_or(|b| b.is_empty());
            if empty {
                require(&mut errs, "ssh-privatekey");
            }
        }
        "kubernetes.io/tls" => {
            for k in ["tls.crt", "tls.key"] {
                if !has_key(k) {
                    require(&mut errs, k);
                }
            }
        }
        _ => {}
    }
    errs
}

impl Strategy for SecretStrategy {
    fn default(&self, obj: &mut Value) {
        default_field(obj, "type", json!("Opaque"));
        merge_string_data(obj);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_secret(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        if new.get("type") != old.get("type") {
            errs.push(FieldError::invalid(
                &FieldPath::new("type"),
                new.get("type").cloned().unwrap_or(Value::Null),
                FIELD_IMMUTABLE,
            ));
        }
        errs.extend(validate_frozen(new, old, &["data"]));
        errs.extend(validate_secret(new));
        errs
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["type"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        (field == "type").then(|| {
            obj.get("type")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaulted(v: Value) -> Value {
        let mut v = v;
        SecretStrategy.default(&mut v);
        v
    }

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    #[test]
    fn defaults_and_string_data() {
        let s = defaulted(json!({"data": {"a": "YQ=="}, "stringData": {"b": "hello"}}));
        assert_eq!(s["type"], "Opaque");
        assert_eq!(s["data"], json!({"a": "YQ==", "b": "aGVsbG8="}));
        assert!(s.get("stringData").is_none());
        assert!(validate_secret(&s).is_empty());
    }

    #[test]
    fn keys_size_and_types() {
        let bad = defaulted(json!({"data": {"bad key": "YQ=="}}));
        assert_eq!(
            fields(&validate_secret(&bad)),
            ["data[bad key] FieldValueInvalid"]
        );
        let big = base64::engine::general_purpose::STANDARD.encode(vec![0u8; MAX_DATA_SIZE + 1]);
        let s = defaulted(json!({"data": {"a": big}}));
        assert_eq!(fields(&validate_secret(&s)), ["data FieldValueTooLong"]);
        let tls = defaulted(json!({"type": "kubernetes.io/tls", "data": {"tls.crt": "YQ=="}}));
        assert_eq!(
            fields(&validate_secret(&tls)),
            ["data[tls.key] FieldValueRequired"]
        );
        let docker = defaulted(
            json!({"type": "kubernetes.io/dockerconfigjson", "stringData": {".dockerconfigjson": "not json"}}),
        );
        assert_eq!(
            fields(&validate_secret(&docker)),
            ["data[.dockerconfigjson] FieldValueInvalid"]
        );
        let sa = defaulted(json!({"type": "kubernetes.io/service-account-token"}));
        assert_eq!(
            fields(&validate_secret(&sa)),
            ["metadata.annotations[kubernetes.io/service-account.name] FieldValueRequired"]
        );
    }

    #[test]
    fn type_and_frozen_data_are_immutable() {
        let old = defaulted(json!({"data": {"a": "YQ=="}, "immutable": true}));
        let mut new = old.clone();
        new["type"] = json!("kubernetes.io/basic-auth");
        new["data"] = json!({"username": "YQ=="});
        new["immutable"] = json!(false);
        assert_eq!(
            fields(&SecretStrategy.validate_update(&new, &old)),
            [
                "type FieldValueInvalid",
                "immutable FieldValueForbidden",
                "data FieldValueForbidden"
            ]
        );
        assert_eq!(
            SecretStrategy.field_value(&old, "type").as_deref(),
            Some("Opaque")
        );
    }
}
