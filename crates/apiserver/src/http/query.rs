//! Query parameters of API requests.

use crate::context::FieldValidation;
use crate::status::{ApiError, ApiResult};

/// Parsed query parameters (the first occurrence of each wins).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses a raw query string.
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Self { pairs }
    }

    /// A parameter's value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated parameter.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A boolean parameter (`true`/`1`).
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("true" | "1" | "True"))
    }

    /// An integer parameter, 400 if malformed.
    pub fn int(&self, key: &str) -> ApiResult<Option<i64>> {
        match self.get(key) {
            None | Some("") => Ok(None),
            Some(v) => v.parse::<i64>().map(Some).map_err(|_| {
                ApiError::bad_request(format!(
                    "invalid value {v:?} for query parameter {key}: must be an integer"
                ))
            }),
        }
    }

    /// `dryRun`: only `All` is valid.
    pub fn dry_run(&self) -> ApiResult<bool> {
        let values = self.all("dryRun");
        for v in &values {
            if *v != "All" {
                return Err(ApiError::bad_request(format!(
                    "dryRun: Unsupported value: {v:?}: supported values: \"All\""
                )));
            }
        }
        Ok(!values.is_empty())
    }

    /// `fieldValidation`, defaulting to Warn as Kubernetes does.
    pub fn field_validation(&self) -> ApiResult<FieldValidation> {
        match self.get("fieldValidation") {
            None | Some("") => Ok(FieldValidation::Warn),
            Some(v) => FieldValidation::parse(v).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "fieldValidation: Unsupported value: {v:?}: supported values: \"Ignore\", \"Strict\", \"Warn\""
                ))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let q = Query::parse(Some(
            "labelSelector=app%3Dweb&limit=5&dryRun=All&watch=true",
        ));
        assert_eq!(q.get("labelSelector"), Some("app=web"));
        assert_eq!(q.int("limit").expect("int"), Some(5));
        assert!(q.dry_run().expect("valid"));
        assert!(q.flag("watch"));
        assert!(Query::parse(Some("dryRun=Some")).dry_run().is_err());
        assert!(Query::parse(Some("limit=x")).int("limit").is_err());
        assert_eq!(
            Query::parse(Some("fieldValidation=Strict"))
                .field_validation()
                .expect("ok"),
            FieldValidation::Strict
        );
    }
}
