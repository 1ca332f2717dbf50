//! The ControllerRevision strategy: `data` is required and immutable, `revision`
//! is non-negative.

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use serde_json::Value;

use crate::registry::other::common::{field, immutable, int, non_negative};
use crate::registry::strategy::Strategy;

/// Behaviour of ControllerRevisions in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ControllerRevisionStrategy;

impl Strategy for ControllerRevisionStrategy {
    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = ErrorList::new();
        if field(obj, "data").is_none() {
            errs.push(FieldError::required(
                &FieldPath::new("data"),
                "data is mandatory",
            ));
        }
        non_negative(&mut errs, int(obj, "revision"), &FieldPath::new("revision"));
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = self.validate(new);
        immutable(
            &mut errs,
            field(new, "data"),
            field(old, "data"),
            &FieldPath::new("data"),
        );
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::causes;
    use serde_json::json;

    #[test]
    fn data_required_and_revision_non_negative() {
        let errs = ControllerRevisionStrategy.validate(&json!({"revision": -1}));
        assert_eq!(
            causes(&errs),
            [
                ("data".to_string(), "FieldValueRequired"),
                ("revision".to_string(), "FieldValueInvalid"),
            ]
        );
        assert!(ControllerRevisionStrategy
            .validate(&json!({"data": {"spec": {}}, "revision": 1}))
            .is_empty());
    }

    #[test]
    fn data_is_immutable() {
        let old = json!({"data": {"a": 1}, "revision": 1});
        let new = json!({"data": {"a": 2}, "revision": 1});
        assert_eq!(
            causes(&ControllerRevisionStrategy.validate_update(&new, &old)),
            [("data".to_string(), "FieldValueInvalid")]
        );
        let relabeled =
            json!({"metadata": {"labels": {"x": "y"}}, "data": {"a": 1}, "revision": 2});
        assert!(ControllerRevisionStrategy
            .validate_update(&relabeled, &old)
            .is_empty());
    }
}
