//! Checks shared by Secrets and ConfigMaps: data keys, total size, and the
//! `immutable` flag that freezes data.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::Value;

/// Largest total size of a Secret's or ConfigMap's data, in bytes.
pub const MAX_DATA_SIZE: usize = 1024 * 1024;
/// Message for changes of frozen objects.
pub const FROZEN_MSG: &str = "field is immutable when `immutable` is set";

/// Validates the keys of a data map at `path`.
pub fn validate_keys(map: Option<&serde_json::Map<String, Value>>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for key in map.into_iter().flat_map(|m| m.keys()) {
        for msg in v::is_config_map_key(key) {
            errs.push(FieldError::invalid(
                &path.key(key.clone()),
                key.as_str(),
                msg,
            ));
        }
    }
    errs
}

/// Whether an object was marked `immutable: true`.
pub fn is_immutable(obj: &Value) -> bool {
    obj.get("immutable").and_then(Value::as_bool) == Some(true)
}

/// The checks for updating an object whose old version was immutable: the
/// flag stays set and every listed data field stays as it was.
pub fn validate_frozen(new: &Value, old: &Value, fields: &[&str]) -> ErrorList {
    let mut errs = ErrorList::new();
    if !is_immutable(old) {
        return errs;
    }
    if !is_immutable(new) {
        errs.push(FieldError::forbidden(
            &FieldPath::new("immutable"),
            FROZEN_MSG,
        ));
    }
    for field in fields {
        let norm = |o: &Value| {
            o.get(*field)
                .filter(|x| !x.is_null() && x.as_object().is_none_or(|m| !m.is_empty()))
                .cloned()
        };
        if norm(new) != norm(old) {
            errs.push(FieldError::forbidden(&FieldPath::new(*field), FROZEN_MSG));
        }
    }
    errs
}
