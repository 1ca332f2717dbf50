//! Kubernetes' `metav1.Condition` list validation (`ValidateConditions`), used by
//! status subresources that carry standard conditions.

use capstan_machinery::validation::{is_qualified_name, ErrorList, FieldError, FieldPath};
use serde_json::Value;

use super::common::{field, int, string};

const MAX_REASON_LENGTH: usize = 1024;
const MAX_MESSAGE_LENGTH: usize = 32 * 1024;
const REASON_MSG: &str = "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_' (e.g. 'my_name', or 'MY_NAME', or 'MyName', or 'ReasonA,ReasonB', or 'ReasonA:ReasonB', regex used for validation is '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')";

/// `[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?`
fn valid_reason(reason: &str) -> bool {
    let b = reason.as_bytes();
    let (Some(first), Some(last)) = (b.first(), b.last()) else {
        return false;
    };
    first.is_ascii_alphabetic()
        && (last.is_ascii_alphanumeric() || *last == b'_')
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b',' | b':'))
}

/// Validates a list of conditions at `path`: unique types, and each condition's
/// type, status, observedGeneration, lastTransitionTime, reason and message.
pub fn validate_conditions(conditions: &[Value], path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, c) in conditions.iter().enumerate() {
        let p = path.index(i);
        let kind = string(c, "type").unwrap_or("");
        if seen.contains(&kind) {
            errs.push(FieldError::duplicate(&p.child("type"), kind));
        } else {
            seen.push(kind);
        }
        for msg in is_qualified_name(kind) {
            errs.push(FieldError::invalid(&p.child("type"), kind, msg));
        }
        let status = string(c, "status").unwrap_or("");
        if !matches!(status, "True" | "False" | "Unknown") {
            errs.push(FieldError::not_supported(
                &p.child("status"),
                status,
                &["False", "True", "Unknown"],
            ));
        }
        if let Some(g) = int(c, "observedGeneration").filter(|g| *g < 0) {
            errs.push(FieldError::invalid(
                &p.child("observedGeneration"),
                g,
                "must be greater than or equal to zero",
            ));
        }
        if field(c, "lastTransitionTime").is_none() {
            errs.push(FieldError::required(
                &p.child("lastTransitionTime"),
                "must be set",
            ));
        }
        let reason = string(c, "reason").unwrap_or("");
        if reason.is_empty() {
            errs.push(FieldError::required(&p.child("reason"), "must be set"));
        } else {
            if !valid_reason(reason) {
                errs.push(FieldError::invalid(&p.child("reason"), reason, REASON_MSG));
            }
            if reason.len() > MAX_REASON_LENGTH {
                errs.push(FieldError::too_long(
                    &p.child("reason"),
                    Some(MAX_REASON_LENGTH),
                ));
            }
        }
        if string(c, "message").is_some_and(|m| m.len() > MAX_MESSAGE_LENGTH) {
            errs.push(FieldError::too_long(
                &p.child("message"),
                Some(MAX_MESSAGE_LENGTH),
            ));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;
    use serde_json::json;

    #[test]
    fn condition_rules() {
        let list = vec![
            json!({"type": "Ready", "status": "True", "reason": "Ok", "lastTransitionTime": "2024-01-01T00:00:00Z"}),
            json!({"type": "Ready", "status": "True", "reason": "9bad", "observedGeneration": -1}),
        ];
        assert_eq!(
            causes(&validate_conditions(&list, &FieldPath::new("c"))),
            [
                ("c[1].type".to_string(), "FieldValueDuplicate"),
                ("c[1].observedGeneration".to_string(), "FieldValueInvalid"),
                ("c[1].lastTransitionTime".to_string(), "FieldValueRequired"),
                ("c[1].reason".to_string(), "FieldValueInvalid"),
            ]
        );
        assert!(valid_reason("ReasonA,ReasonB"));
        assert!(valid_reason("A_"));
        assert!(!valid_reason("A,"));
    }
}
