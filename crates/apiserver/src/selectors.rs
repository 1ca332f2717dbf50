//! Label and field selectors as the API server applies them to cached objects.

use std::collections::BTreeMap;

use capstan_machinery::selector::{FieldSelector, Selector};
use serde_json::Value;

use crate::resource::ResourceDef;
use crate::status::{ApiError, ApiResult};
use crate::watch_cache::CachedObject;

/// A parsed `labelSelector`.
#[derive(Clone, Debug, Default)]
pub struct LabelFilter(Option<Selector>);

impl LabelFilter {
    /// Parses the query parameter; empty selects everything.
    pub fn parse(s: &str) -> ApiResult<Self> {
        if s.trim().is_empty() {
            return Ok(Self(None));
        }
        Selector::parse(s)
            .map(|sel| Self(Some(sel)))
            .map_err(|e| ApiError::bad_request(format!("unable to parse requirement: {e}")))
    }

    /// Builds from a `metav1.LabelSelector` JSON object, or a plain label map
    /// (ReplicationController selectors).
    pub fn from_selector_json(v: &Value) -> ApiResult<Self> {
        let is_structured = v.get("matchLabels").is_some() || v.get("matchExpressions").is_some();
        let sel = if is_structured || v.as_object().is_some_and(|m| m.is_empty()) {
            Selector::from_label_selector_value(v)
        } else {
            let map: BTreeMap<String, String> = v
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default();
            Selector::from_map(&map)
        };
        sel.map(|s| Self(Some(s)))
            .map_err(|e| ApiError::bad_request(format!("invalid label selector: {e}")))
    }

    /// Whether the selector selects everything.
    pub fn is_everything(&self) -> bool {
        self.0.as_ref().is_none_or(Selector::is_empty)
    }

    /// Whether `labels` match.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.0.as_ref().is_none_or(|s| s.matches(labels))
    }
}

impl std::fmt::Display for LabelFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(s) => write!(f, "{s}"),
            None => Ok(()),
        }
    }
}

/// A parsed `fieldSelector`, checked against the resource's selectable fields.
#[derive(Clone, Debug, Default)]
pub struct FieldFilter(Option<FieldSelector>);

impl FieldFilter {
    /// Parses the query parameter for `def`; unsupported fields are a 400.
    pub fn parse(s: &str, def: &ResourceDef) -> ApiResult<Self> {
        if s.trim().is_empty() {
            return Ok(Self(None));
        }
        let sel = FieldSelector::parse(s).map_err(|e| ApiError::bad_request(e.to_string()))?;
        let supported = def.strategy.selectable_fields();
        if let Some(bad) = sel.first_unsupported(|f| {
            f == "metadata.name"
                || (def.namespaced && f == "metadata.namespace")
                || supported.contains(&f)
        }) {
            // Kinds with their own selectable fields answer as their field
            // label conversion does; the rest as the generic metadata one.
            return Err(ApiError::bad_request(if supported.is_empty() {
                format!(
                    "\"{bad}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
                )
            } else {
                format!("field label not supported: {bad}")
            }));
        }
        Ok(Self(Some(
            sel.rename_fields(|f| def.strategy.storage_field_label(f)),
        )))
    }

    /// Whether the selector selects everything.
    pub fn is_everything(&self) -> bool {
        self.0.as_ref().is_none_or(FieldSelector::is_empty)
    }

    /// Whether a cached object matches.
    pub fn matches(&self, obj: &CachedObject) -> bool {
        self.0.as_ref().is_none_or(|s| s.matches(|f| obj.field(f)))
    }
}
