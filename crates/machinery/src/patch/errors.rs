//! The error type shared by the patch implementations.

/// Why a patch could not be applied or computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatchError {
    /// A document or patch is not the JSON shape required (e.g. not an object).
    #[error("invalid JSON document: {0}")]
    BadDocument(String),
    /// A value has the wrong JSON type for where it appears.
    #[error("expected {expected}, but found {found}")]
    BadArgType {
        /// What was expected.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// An element of a merge-keyed list lacks its merge key.
    #[error("map {element} does not contain the declared merge key {key:?}")]
    MissingMergeKey {
        /// The offending element (compact JSON).
        element: String,
        /// The merge key.
        key: String,
    },
    /// An unknown `$patch` directive value.
    #[error("unknown patch directive {directive} in map {element}")]
    BadDirective {
        /// The directive value (compact JSON).
        directive: String,
        /// The map holding it (compact JSON).
        element: String,
    },
    /// Lists of lists cannot be merged.
    #[error("strategic merge patch does not support lists of lists")]
    ListOfLists,
    /// A `$deleteFromPrimitiveList/...` key is malformed.
    #[error("malformed $deleteFromPrimitiveList directive")]
    BadDeleteFromPrimitiveList,
    /// A `$retainKeys` directive is malformed or inconsistent with the patch.
    #[error("malformed $retainKeys directive: {0}")]
    BadRetainKeys(String),
    /// A `$setElementOrder/...` directive is malformed or inconsistent with the patch.
    #[error("malformed $setElementOrder directive: {0}")]
    BadSetElementOrder(String),
    /// The patch cannot be merged for another structural reason.
    #[error("{0}")]
    Invalid(String),
    /// A three-way patch conflicts with changes made by others since the last apply.
    #[error("the patch conflicts with changes made since the last applied configuration:\npatch: {patch}\nchanges: {changes}")]
    Conflict {
        /// The computed patch (compact JSON).
        patch: String,
        /// The concurrent changes (compact JSON).
        changes: String,
    },
    /// A JSON patch operation failed.
    #[error("JSON patch operation {index} ({op}) failed: {reason}")]
    JsonPatch {
        /// Zero-based operation index.
        index: usize,
        /// The operation name.
        op: String,
        /// Why it failed.
        reason: String,
    },
    /// A JSON patch document is malformed.
    #[error("invalid JSON patch: {0}")]
    BadJsonPatch(String),
}

pub(crate) fn compact(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

pub(crate) fn type_name(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "list",
        serde_json::Value::Object(_) => "map",
    }
}
