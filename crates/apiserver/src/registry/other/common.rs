//! Small helpers shared by the apps, batch and other-group strategies: reading
//! JSON fields, Kubernetes' common field checks (non-negative numbers, immutable
//! fields, label selectors, qualified names) and Go-style rendering of the values
//! Kubernetes prints with `%#v` in its error messages.

use std::collections::BTreeMap;

use capstan_machinery::validation::{
    go_quote, is_dns1123_label, is_dns1123_subdomain, is_qualified_name, is_valid_label_value,
    is_valid_path_segment_name, validate_labels, ErrorKind, ErrorList, FieldError, FieldPath,
    FIELD_IMMUTABLE,
};
use capstan_machinery::Selector;
use serde_json::{Map, Value};

/// Kubernetes' message for a negative value where only `>= 0` is allowed.
pub const NEGATIVE_MSG: &str = "must be greater than or equal to 0";

/// Kubernetes' message for a value that must be strictly positive.
pub const NOT_POSITIVE_MSG: &str = "must be greater than zero";

/// A path from a dotted string (`"spec.template"`).
pub fn path(dotted: &str) -> FieldPath {
    FieldPath::from_names(&dotted.split('.').collect::<Vec<_>>())
}

/// The value at `key` of an object, treating `null` as absent.
pub fn field<'a>(obj: &'a Value, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

/// An integer field.
pub fn int(obj: &Value, key: &str) -> Option<i64> {
    field(obj, key).and_then(Value::as_i64)
}

/// A string field.
pub fn string<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    field(obj, key).and_then(Value::as_str)
}

/// A boolean field.
pub fn boolean(obj: &Value, key: &str) -> Option<bool> {
    field(obj, key).and_then(Value::as_bool)
}

/// An array field (empty when absent).
pub fn array<'a>(obj: &'a Value, key: &str) -> &'a [Value] {
    field(obj, key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The object at `key`, created (replacing a non-object) when missing.
pub fn object_entry<'a>(obj: &'a mut Value, key: &str) -> &'a mut Map<String, Value> {
    if !obj.is_object() {
        *obj = Value::Object(Map::new());
    }
    let Value::Object(map) = obj else {
        unreachable!("just made an object")
    };
    let entry = map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(m) => m,
        _ => unreachable!("just made an object"),
    }
}

/// The object at `key` of a map, created (replacing a non-object) when missing.
pub fn map_entry<'a>(map: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let entry = map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(m) => m,
        _ => unreachable!("just made an object"),
    }
}

/// Sets `key` to `value` when it is absent or `null`.
pub fn set_default(map: &mut Map<String, Value>, key: &str, value: Value) {
    match map.get(key) {
        Some(v) if !v.is_null() => {}
        _ => {
            map.insert(key.to_string(), value);
        }
    }
}

/// A string map (labels, annotations, matchLabels) as a sorted map; non-string values
/// are skipped.
pub fn string_map(value: Option<&Value>) -> BTreeMap<String, String> {
    value
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Pushes Kubernetes' non-negative check of an optional integer.
pub fn non_negative(errs: &mut ErrorList, value: Option<i64>, path: &FieldPath) {
    if let Some(v) = value.filter(|v| *v < 0) {
        errs.push(FieldError::invalid(path, v, NEGATIVE_MSG));
    }
}

/// An `Invalid` error whose value is already rendered (Kubernetes prints structs and
/// maps with Go's `%#v`, which JSON cannot reproduce).
pub fn invalid_rendered(path: &FieldPath, rendered: &str, detail: &str) -> FieldError {
    let detail = if detail.is_empty() {
        rendered.to_string()
    } else {
        format!("{rendered}: {detail}")
    };
    FieldError::new(ErrorKind::Invalid, path, None, detail)
}

/// An `Invalid` error that omits the value (Kubernetes' `field.OmitValueType`).
pub fn invalid_omit(path: &FieldPath, detail: &str) -> FieldError {
    FieldError::new(ErrorKind::Invalid, path, None, detail)
}

/// Whether a JSON value is Go's zero value for its field (absent, null, "", [], {}).
fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// Kubernetes' semantic equality on JSON: missing, `null`, empty strings, empty lists
/// and empty maps are the same; everything else compares structurally.
pub fn semantic_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    if is_empty(a) && is_empty(b) {
        return true;
    }
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => x
            .keys()
            .chain(y.keys())
            .all(|k| semantic_eq(x.get(k), y.get(k))),
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(p, q)| semantic_eq(Some(p), Some(q)))
        }
        (Some(Value::Number(x)), Some(Value::Number(y))) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) => p == q,
            _ => x == y,
        },
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Kubernetes' `ValidateImmutableField` on JSON values, rendering the new value as JSON.
pub fn immutable(errs: &mut ErrorList, new: Option<&Value>, old: Option<&Value>, path: &FieldPath) {
    if !semantic_eq(new, old) {
        errs.push(FieldError::invalid(
            path,
            new.cloned().unwrap_or(Value::Null),
            FIELD_IMMUTABLE,
        ));
    }
}

/// Like [`immutable`] but with a value rendered by the caller (Go syntax).
pub fn immutable_rendered(
    errs: &mut ErrorList,
    new: Option<&Value>,
    old: Option<&Value>,
    path: &FieldPath,
    rendered: impl FnOnce(Option<&Value>) -> String,
) {
    if !semantic_eq(new, old) {
        errs.push(invalid_rendered(path, &rendered(new), FIELD_IMMUTABLE));
    }
}

/// Go's `%#v` of a `map[string]string` (`map[string]string{"a":"b", "c":"d"}`, or
/// `map[string]string(nil)` when absent).
pub fn go_string_map(value: Option<&Value>) -> String {
    match value.and_then(Value::as_object) {
        None => "map[string]string(nil)".to_string(),
        Some(m) => {
            let sorted: BTreeMap<&String, &Value> = m.iter().collect();
            let parts: Vec<String> = sorted
                .into_iter()
                .map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v.as_str().unwrap_or(""))))
                .collect();
            format!("map[string]string{{{}}}", parts.join(", "))
        }
    }
}

/// Go's `%#v` of a `[]string` (`[]string{"a", "b"}` or `[]string(nil)`).
pub fn go_string_slice(value: Option<&Value>) -> String {
    match value.and_then(Value::as_array) {
        None => "[]string(nil)".to_string(),
        Some(a) => {
            let parts: Vec<String> = a
                .iter()
                .map(|v| go_quote(v.as_str().unwrap_or("")))
                .collect();
            format!("[]string{{{}}}", parts.join(", "))
        }
    }
}

/// Go's `%#v` of a `metav1.LabelSelector` value.
pub fn go_label_selector(value: Option<&Value>) -> String {
    let v = value.cloned().unwrap_or(Value::Null);
    let exprs = match field(&v, "matchExpressions").and_then(Value::as_array) {
        None => "[]v1.LabelSelectorRequirement(nil)".to_string(),
        Some(list) => {
            let parts: Vec<String> = list
                .iter()
                .map(|e| {
                    format!(
                        "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{}}}",
                        go_quote(string(e, "key").unwrap_or("")),
                        go_quote(string(e, "operator").unwrap_or("")),
                        go_string_slice(field(e, "values"))
                    )
                })
                .collect();
            format!("[]v1.LabelSelectorRequirement{{{}}}", parts.join(", "))
        }
    };
    format!(
        "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{}}}",
        go_string_map(field(&v, "matchLabels")),
        exprs
    )
}

/// Go's `%#v` of an `intstr.IntOrString` value.
pub fn go_int_or_string(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => {
            format!(
                "intstr.IntOrString{{Type:1, IntVal:0, StrVal:{}}}",
                go_quote(s)
            )
        }
        Some(v) => format!(
            "intstr.IntOrString{{Type:0, IntVal:{}, StrVal:\"\"}}",
            v.as_i64().unwrap_or(0)
        ),
        None => "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}".to_string(),
    }
}

/// Kubernetes' `ValidateLabelSelector`: matchLabels keys and values, and each
/// matchExpressions requirement's operator, key and values.
pub fn validate_label_selector(selector: Option<&Value>, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let Some(sel) = selector.filter(|v| !v.is_null()) else {
        return errs;
    };
    errs.extend(validate_labels(
        &string_map(field(sel, "matchLabels")),
        &path.child("matchLabels"),
    ));
    for (i, expr) in array(sel, "matchExpressions").iter().enumerate() {
        let p = path.child("matchExpressions").index(i);
        let values = array(expr, "values");
        match string(expr, "operator").unwrap_or("") {
            "In" | "NotIn" => {
                if values.is_empty() {
                    errs.push(FieldError::required(
                        &p.child("values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    errs.push(FieldError::forbidden(
                        &p.child("values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            other => errs.push(FieldError::invalid(
                &p.child("operator"),
                other,
                "not a valid selector operator",
            )),
        }
        let key = string(expr, "key").unwrap_or("");
        for msg in is_qualified_name(key) {
            errs.push(FieldError::invalid(&p.child("key"), key, msg));
        }
        for (j, v) in values.iter().enumerate() {
            let s = v.as_str().unwrap_or("");
            for msg in is_valid_label_value(s) {
                errs.push(FieldError::invalid(&p.child("values").index(j), s, msg));
            }
        }
    }
    errs
}

/// Kubernetes' `LabelSelectorAsSelector`: `None`/`null` selects nothing, `{}` selects
/// everything, and an invalid selector is an error.
pub fn selector_of(selector: Option<&Value>) -> Result<Selector, String> {
    match selector {
        None => Ok(Selector::nothing()),
        Some(v) => Selector::from_label_selector_value(v).map_err(|e| e.to_string()),
    }
}

/// Whether a label selector (JSON) has neither matchLabels nor matchExpressions.
pub fn selector_is_empty(selector: &Value) -> bool {
    is_empty(field(selector, "matchLabels")) && is_empty(field(selector, "matchExpressions"))
}

/// Pushes one `Invalid` error per problem `check` finds in `value`.
pub fn check_name(
    errs: &mut ErrorList,
    value: &str,
    path: &FieldPath,
    check: fn(&str) -> Vec<String>,
) {
    for msg in check(value) {
        errs.push(FieldError::invalid(path, value, msg));
    }
}

/// A qualified name (label key) check with Kubernetes' error shape.
pub fn validate_qualified_name(errs: &mut ErrorList, value: &str, path: &FieldPath) {
    check_name(errs, value, path, is_qualified_name);
}

/// A DNS-1123 label check.
pub fn validate_dns_label(errs: &mut ErrorList, value: &str, path: &FieldPath) {
    check_name(errs, value, path, is_dns1123_label);
}

/// A DNS-1123 subdomain check.
pub fn validate_dns_subdomain(errs: &mut ErrorList, value: &str, path: &FieldPath) {
    check_name(errs, value, path, is_dns1123_subdomain);
}

/// Kubernetes' `IsDomainPrefixedPath` (e.g. `example.com/ingress-controller`).
pub fn validate_domain_prefixed_path(value: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if value.is_empty() {
        errs.push(FieldError::required(path, ""));
        return errs;
    }
    match value.split_once('/') {
        Some((host, rest)) if !host.is_empty() && !rest.is_empty() => {
            for msg in is_dns1123_subdomain(host) {
                errs.push(FieldError::invalid(path, host, msg));
            }
            let ok = rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-._~%!$&'()*+,;=:".contains(c));
            if !ok {
                errs.push(FieldError::invalid(
                    path,
                    rest,
                    "must be a valid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
                ));
            }
        }
        _ => errs.push(FieldError::invalid(
            path,
            value,
            "must be a domain-prefixed path (such as \"acme.io/foo\")",
        )),
    }
    errs
}

/// Kubernetes' `ValidateRBACName` as a name validator: a valid URL path segment, the
/// same rule for names and `generateName` prefixes.
pub fn name_is_path_segment(name: &str, _prefix: bool) -> Vec<String> {
    is_valid_path_segment_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_rendering_matches_kubernetes() {
        assert_eq!(
            go_string_map(Some(&json!({"b": "2", "a": "1"}))),
            r#"map[string]string{"a":"1", "b":"2"}"#
        );
        assert_eq!(go_string_map(None), "map[string]string(nil)");
        assert_eq!(
            go_label_selector(Some(&json!({"matchLabels": {"app": "x"}}))),
            r#"v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"#
        );
        assert_eq!(
            go_int_or_string(Some(&json!("x"))),
            r#"intstr.IntOrString{Type:1, IntVal:0, StrVal:"x"}"#
        );
    }

    #[test]
    fn semantic_equality_ignores_empty_values() {
        assert!(semantic_eq(
            Some(&json!({"a": [], "b": ""})),
            Some(&json!({}))
        ));
        assert!(semantic_eq(None, Some(&json!(null))));
        assert!(!semantic_eq(Some(&json!({"a": 1})), Some(&json!({}))));
        assert!(semantic_eq(Some(&json!(1)), Some(&json!(1.0))));
    }

    #[test]
    fn selector_validation_reports_operator_and_values() {
        let sel = json!({"matchExpressions": [
            {"key": "a", "operator": "In"},
            {"key": "b", "operator": "Bad"},
            {"key": "c", "operator": "Exists", "values": ["x"]},
        ]});
        let errs = validate_label_selector(Some(&sel), &path("spec.selector"));
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "spec.selector.matchExpressions[0].values",
                "spec.selector.matchExpressions[1].operator",
                "spec.selector.matchExpressions[2].values"
            ]
        );
    }

    #[test]
    fn path_segment_names() {
        assert!(name_is_path_segment("system:admin", false).is_empty());
        assert_eq!(name_is_path_segment("..", false), ["may not be '..'"]);
        assert_eq!(name_is_path_segment("a/b", true), ["may not contain '/'"]);
        assert_eq!(name_is_path_segment("a%", false), ["may not contain '%'"]);
    }
}
