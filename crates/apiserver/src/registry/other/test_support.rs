//! Test helpers for the strategy unit tests.

use capstan_machinery::validation::ErrorList;

/// `(field, reason)` of every error, in order.
pub fn causes(errs: &ErrorList) -> Vec<(String, &'static str)> {
    errs.iter().map(|e| (e.field.clone(), e.reason())).collect()
}

/// Whether some error has this field and reason.
pub fn has(errs: &ErrorList, field: &str, reason: &str) -> bool {
    errs.iter()
        .any(|e| e.field == field && e.reason() == reason)
}

/// The rendered message of the first error at `field`.
pub fn message(errs: &ErrorList, field: &str) -> String {
    errs.iter()
        .find(|e| e.field == field)
        .map(ToString::to_string)
        .unwrap_or_default()
}
