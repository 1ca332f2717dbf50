//! The ConfigMap strategy: valid keys, no key in both `data` and `binaryData`,
//! at most 1 MiB in total, and `immutable: true` freezes the data.

use base64::Engine;
use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::data_keys::{validate_frozen, validate_keys, MAX_DATA_SIZE};
use super::json::map_of;
use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ConfigMapStrategy;

/// Validates a ConfigMap.
pub fn validate_config_map(obj: &Value) -> ErrorList {
    let data = map_of(obj, "data");
    let binary = map_of(obj, "binaryData");
    let mut errs = validate_keys(data, &FieldPath::new("data"));
    for key in data.into_iter().flat_map(|m| m.keys()) {
        if binary.is_some_and(|b| b.contains_key(key)) {
            errs.push(FieldError::invalid(
                &FieldPath::new("data").key(key.clone()),
                key.as_str(),
                "duplicate of key present in binaryData",
            ));
        }
    }
    errs.extend(validate_keys(binary, &FieldPath::new("binaryData")));
    for key in binary.into_iter().flat_map(|m| m.keys()) {
        if data.is_some_and(|d| d.contains_key(key)) {
            errs.push(FieldError::invalid(
                &FieldPath::new("binaryData").key(key.clone()),
                key.as_str(),
                "duplicate of key present in data",
            ));
        }
    }
    let text: usize = data
        .into_iter()
        .flatten()
        .map(|(_, v)| v.as_str().map(str::len).unwrap_or(0))
        .sum();
    let bytes: usize = binary
        .into_iter()
        .flatten()
        .filter_map(|(_, v)| v.as_str())
        .map(|s| {
            base64::engine::general_purpose::STANDARD
                .decode(s)
                .map(|b| b.len())
                .unwrap_or(0)
        })
        .sum();
    if text + bytes > MAX_DATA_SIZE {
        errs.push(FieldError::too_long(
            &FieldPath::root(),
            Some(MAX_DATA_SIZE),
        ));
    }
    errs
}

impl Strategy for ConfigMapStrategy {
    fn validate(&self, obj: &Value) -> ErrorList {
        validate_config_map(obj)
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_frozen(new, old, &["data", "binaryData"]);
        errs.extend(validate_config_map(new));
        errs
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
    fn keys_overlap_and_size() {
        let cm = json!({"data": {"a": "x", "b/c": "y"}, "binaryData": {"a": "eA=="}});
        assert_eq!(
            fields(&validate_config_map(&cm)),
            [
                "data[b/c] FieldValueInvalid",
                "data[a] FieldValueInvalid",
                "binaryData[a] FieldValueInvalid",
            ]
        );
        let big = json!({"data": {"a": "x".repeat(MAX_DATA_SIZE + 1)}});
        assert_eq!(fields(&validate_config_map(&big)), [" FieldValueTooLong"]);
    }

    #[test]
    fn immutable_freezes_data() {
        let old = json!({"data": {"a": "x"}, "immutable": true});
        let mut new = old.clone();
        new["data"]["a"] = json!("y");
        assert_eq!(
            fields(&ConfigMapStrategy.validate_update(&new, &old)),
            ["data FieldValueForbidden"]
        );
        let mut unfreeze = old.clone();
        unfreeze["immutable"] = json!(false);
        assert_eq!(
            fields(&ConfigMapStrategy.validate_update(&unfreeze, &old)),
            ["immutable FieldValueForbidden"]
        );
        let mut labels_only = old.clone();
        labels_only["metadata"] = json!({"labels": {"a": "b"}});
        assert!(ConfigMapStrategy
            .validate_update(&labels_only, &old)
            .is_empty());
    }
}
