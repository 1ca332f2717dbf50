//! Field-level validation errors and lists of them, with the reasons and message shapes
//! Kubernetes uses in `Status.details.causes`.

use std::fmt;

use serde_json::Value;

use super::FieldPath;

/// The category of a [`FieldError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The referenced object or entry does not exist.
    NotFound,
    /// A required value is missing.
    Required,
    /// A value that must be unique appears more than once.
    Duplicate,
    /// The value is malformed or out of range.
    Invalid,
    /// The value is not one of a fixed set of allowed values.
    NotSupported,
    /// The value is well formed but not allowed here.
    Forbidden,
    /// The value is longer than allowed.
    TooLong,
    /// The list has more items than allowed.
    TooMany,
    /// Something went wrong inside the server while validating.
    InternalError,
}

impl ErrorKind {
    /// The `StatusCause.reason` string for this kind (e.g. `FieldValueRequired`).
    pub fn reason(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "FieldValueNotFound",
            ErrorKind::Required => "FieldValueRequired",
            ErrorKind::Duplicate => "FieldValueDuplicate",
            ErrorKind::Invalid => "FieldValueInvalid",
            ErrorKind::NotSupported => "FieldValueNotSupported",
            ErrorKind::Forbidden => "FieldValueForbidden",
            ErrorKind::TooLong => "FieldValueTooLong",
            ErrorKind::TooMany => "FieldValueTooMany",
            ErrorKind::InternalError => "InternalError",
        }
    }

    /// The short human label that starts an error's message (e.g. `Invalid value`).
    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "Not found",
            ErrorKind::Required => "Required value",
            ErrorKind::Duplicate => "Duplicate value",
            ErrorKind::Invalid => "Invalid value",
            ErrorKind::NotSupported => "Unsupported value",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::TooLong => "Too long",
            ErrorKind::TooMany => "Too many",
            ErrorKind::InternalError => "Internal error",
        }
    }

    /// Kinds whose message never repeats the offending value.
    fn omits_value(self) -> bool {
        matches!(
            self,
            ErrorKind::Required
                | ErrorKind::Forbidden
                | ErrorKind::TooLong
                | ErrorKind::InternalError
        )
    }
}

/// One validation problem at one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// Where the problem is, e.g. `metadata.name`.
    pub field: String,
    /// The offending value, if it should be shown.
    pub value: Option<Value>,
    /// Extra explanation, may be empty.
    pub detail: String,
}

impl FieldError {
    /// A general constructor.
    pub fn new(
        kind: ErrorKind,
        field: &FieldPath,
        value: Option<Value>,
        detail: impl Into<String>,
    ) -> Self {
        FieldError {
            kind,
            field: field.to_string(),
            value,
            detail: detail.into(),
        }
    }

    /// A required value is missing.
    pub fn required(field: &FieldPath, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Required, field, None, detail)
    }

    /// The value is invalid.
    pub fn invalid(field: &FieldPath, value: impl Into<Value>, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, field, Some(value.into()), detail)
    }

    /// The value duplicates an earlier one.
    pub fn duplicate(field: &FieldPath, value: impl Into<Value>) -> Self {
        Self::new(ErrorKind::Duplicate, field, Some(value.into()), "")
    }

    /// The value is not one of `allowed` (listed, quoted, in the message).
    pub fn not_supported<S: AsRef<str>>(
        field: &FieldPath,
        value: impl Into<Value>,
        allowed: &[S],
    ) -> Self {
        let detail = if allowed.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = allowed.iter().map(|a| go_quote(a.as_ref())).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Self::new(ErrorKind::NotSupported, field, Some(value.into()), detail)
    }

    /// The value is not allowed here.
    pub fn forbidden(field: &FieldPath, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::Forbidden, field, None, detail)
    }

    /// The value is longer than `max_length` bytes (`None` when the limit is unknown).
    pub fn too_long(field: &FieldPath, max_length: Option<usize>) -> Self {
        let detail = match max_length {
            Some(max) => format!("must have at most {max} bytes"),
            None => "value is too long".to_string(),
        };
        Self::new(ErrorKind::TooLong, field, None, detail)
    }

    /// The list has `actual` items (if known) but at most `max` are allowed.
    pub fn too_many(field: &FieldPath, actual: Option<usize>, max: usize) -> Self {
        let value = actual.map(|a| Value::from(a as u64));
        Self::new(
            ErrorKind::TooMany,
            field,
            value,
            format!("must have at most {max} items"),
        )
    }

    /// The referenced value was not found.
    pub fn not_found(field: &FieldPath, value: impl Into<Value>) -> Self {
        Self::new(ErrorKind::NotFound, field, Some(value.into()), "")
    }

    /// An internal failure while validating.
    pub fn internal(field: &FieldPath, detail: impl Into<String>) -> Self {
        Self::new(ErrorKind::InternalError, field, None, detail)
    }

    /// The `StatusCause.reason` for this error.
    pub fn reason(&self) -> &'static str {
        self.kind.reason()
    }

    /// The message without the field path, as placed in `StatusCause.message`
    /// (e.g. `Invalid value: "Foo_": must be lower case`).
    pub fn body(&self) -> String {
        let mut s = String::from(self.kind.label());
        if !self.kind.omits_value() {
            if let Some(value) = &self.value {
                s.push_str(": ");
                s.push_str(&render_value(value));
            }
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.body())
        } else {
            write!(f, "{}: {}", self.field, self.body())
        }
    }
}

impl std::error::Error for FieldError {}

fn render_value(value: &Value) -> String {
    match value {
        Value::String(s) => go_quote(s),
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Quotes a string the way Go's `%q` verb does for the common cases.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\u{0b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => {
                if (c as u32) <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An ordered collection of [`FieldError`]s.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorList(pub Vec<FieldError>);

impl ErrorList {
    /// An empty list.
    pub fn new() -> Self {
        ErrorList(Vec::new())
    }

    /// Appends one error.
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Appends every error of another list.
    pub fn extend(&mut self, other: impl IntoIterator<Item = FieldError>) {
        self.0.extend(other);
    }

    /// True when there are no errors.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of errors.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the errors.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// Errors with exact duplicates removed, keeping first occurrences.
    pub fn deduplicated(&self) -> ErrorList {
        let mut out: Vec<FieldError> = Vec::new();
        for e in &self.0 {
            if !out.contains(e) {
                out.push(e.clone());
            }
        }
        ErrorList(out)
    }

    /// The combined message Kubernetes puts after `<Kind> "<name>" is invalid: `:
    /// the single error's text, or `[first, second, ...]` for several.
    pub fn aggregate_message(&self) -> String {
        let list = self.deduplicated();
        match list.0.as_slice() {
            [] => String::new(),
            [only] => only.to_string(),
            many => {
                let parts: Vec<String> = many.iter().map(|e| e.to_string()).collect();
                format!("[{}]", parts.join(", "))
            }
        }
    }

    /// `(reason, message, field)` triples for `Status.details.causes`.
    pub fn causes(&self) -> Vec<(&'static str, String, String)> {
        self.0
            .iter()
            .map(|e| (e.reason(), e.body(), e.field.clone()))
            .collect()
    }
}

impl fmt::Display for ErrorList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.aggregate_message())
    }
}

impl std::error::Error for ErrorList {}

impl From<Vec<FieldError>> for ErrorList {
    fn from(v: Vec<FieldError>) -> Self {
        ErrorList(v)
    }
}

impl From<FieldError> for ErrorList {
    fn from(e: FieldError) -> Self {
        ErrorList(vec![e])
    }
}

impl IntoIterator for ErrorList {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ErrorList {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromIterator<FieldError> for ErrorList {
    fn from_iter<I: IntoIterator<Item = FieldError>>(iter: I) -> Self {
        ErrorList(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> FieldPath {
        FieldPath::from_names(&s.split('.').collect::<Vec<_>>())
    }

    #[test]
    fn reasons() {
        let cases = [
            (ErrorKind::Required, "FieldValueRequired"),
            (ErrorKind::Invalid, "FieldValueInvalid"),
            (ErrorKind::Duplicate, "FieldValueDuplicate"),
            (ErrorKind::NotSupported, "FieldValueNotSupported"),
            (ErrorKind::Forbidden, "FieldValueForbidden"),
            (ErrorKind::TooLong, "FieldValueTooLong"),
            (ErrorKind::TooMany, "FieldValueTooMany"),
            (ErrorKind::NotFound, "FieldValueNotFound"),
            (ErrorKind::InternalError, "InternalError"),
        ];
        for (kind, reason) in cases {
            assert_eq!(kind.reason(), reason);
        }
    }

    #[test]
    fn message_shapes() {
        let e = FieldError::invalid(&p("metadata.name"), "Foo_", "bad name");
        assert_eq!(
            e.to_string(),
            "metadata.name: Invalid value: \"Foo_\": bad name"
        );
        assert_eq!(e.body(), "Invalid value: \"Foo_\": bad name");

        let e = FieldError::required(&p("spec.containers"), "");
        assert_eq!(e.to_string(), "spec.containers: Required value");

        let e = FieldError::not_supported(&p("spec.restartPolicy"), "x", &["a", "b"]);
        assert_eq!(
            e.to_string(),
            "spec.restartPolicy: Unsupported value: \"x\": supported values: \"a\", \"b\""
        );

        let e = FieldError::invalid(&p("spec.replicas"), -1, "must be non-negative");
        assert_eq!(e.body(), "Invalid value: -1: must be non-negative");

        let e = FieldError::forbidden(&p("spec.x"), "not allowed");
        assert_eq!(e.body(), "Forbidden: not allowed");

        let e = FieldError::too_long(&p("metadata.annotations"), Some(262144));
        assert_eq!(e.body(), "Too long: must have at most 262144 bytes");

        let e = FieldError::too_many(&p("spec.items"), Some(5), 3);
        assert_eq!(e.body(), "Too many: 5: must have at most 3 items");

        let e = FieldError::duplicate(&p("spec.ports"), serde_json::json!({"port": 80}));
        assert_eq!(e.body(), "Duplicate value: {\"port\":80}");
    }

    #[test]
    fn aggregate() {
        let mut list = ErrorList::new();
        assert_eq!(list.aggregate_message(), "");
        list.push(FieldError::required(&p("a"), ""));
        assert_eq!(list.aggregate_message(), "a: Required value");
        list.push(FieldError::required(&p("b"), ""));
        list.push(FieldError::required(&p("b"), ""));
        assert_eq!(
            list.aggregate_message(),
            "[a: Required value, b: Required value]"
        );
        let causes = list.causes();
        assert_eq!(causes.len(), 3);
        assert_eq!(causes[0].0, "FieldValueRequired");
        assert_eq!(causes[0].2, "a");
    }

    #[test]
    fn quoting() {
        assert_eq!(go_quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(go_quote("\u{1}"), "\"\\x01\"");
    }
}
