//! Object metadata validation for every resource.

use capstan_machinery::validation::{
    self as v, ErrorList, FieldError, FieldPath, ObjectMetaOptions,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::Value;

fn object_meta(obj: &Value) -> Result<ObjectMeta, FieldError> {
    let meta = obj.get("metadata").cloned().unwrap_or(Value::Null);
    serde_json::from_value(meta)
        .map_err(|e| FieldError::invalid(&FieldPath::new("metadata"), Value::Null, e.to_string()))
}

fn options(namespaced: bool, name_fn: v::NameValidator) -> ObjectMetaOptions {
    ObjectMetaOptions {
        requires_namespace: namespaced,
        name_fn,
        standard_finalizers_only: true,
    }
}

/// Validates metadata of a new object.
pub fn validate_object_meta(obj: &Value, namespaced: bool, name_fn: v::NameValidator) -> ErrorList {
    match object_meta(obj) {
        Ok(meta) => v::validate_object_meta(
            &meta,
            &options(namespaced, name_fn),
            &FieldPath::new("metadata"),
        ),
        Err(e) => ErrorList(vec![e]),
    }
}

/// Validates metadata changes of an update.
pub fn validate_object_meta_update(
    new: &Value,
    old: &Value,
    namespaced: bool,
    name_fn: v::NameValidator,
) -> ErrorList {
    match (object_meta(new), object_meta(old)) {
        (Ok(n), Ok(o)) => v::validate_object_meta_update(
            &n,
            &o,
            &options(namespaced, name_fn),
            &FieldPath::new("metadata"),
        ),
        (Err(e), _) | (_, Err(e)) => ErrorList(vec![e]),
    }
}
