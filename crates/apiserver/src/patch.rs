//! Applying PATCH bodies: JSON patch, JSON merge patch and strategic merge patch.

use capstan_machinery::patch::{apply_json_patch, apply_merge_patch, strategic_merge_patch};
use serde_json::Value;

use crate::api::Api;
use crate::http::negotiate::BodyType;
use crate::resource::ResourceDef;
use crate::schema::Schemas;
use crate::status::{ApiError, ApiResult};

/// Applies `patch` of `kind` to `current` (an object of `def`).
pub fn apply(
    api: &Api,
    def: &ResourceDef,
    kind: BodyType,
    current: &Value,
    patch: &Value,
) -> ApiResult<Value> {
    apply_untyped(kind, current, patch, &def.definition, &api.schemas)
}

/// Applies `patch` of `kind` to `current`, an object of OpenAPI type `definition`.
pub fn apply_untyped(
    kind: BodyType,
    current: &Value,
    patch: &Value,
    definition: &str,
    schemas: &Schemas,
) -> ApiResult<Value> {
    match kind {
        BodyType::JsonPatch => apply_json_patch(current, patch)
            .map_err(|e| ApiError::unprocessable_patch(e.to_string())),
        BodyType::MergePatch => {
            if !patch.is_object() {
                return Err(ApiError::bad_request("a merge patch must be a JSON object"));
            }
            Ok(apply_merge_patch(current, patch))
        }
        BodyType::StrategicMergePatch => {
            if !patch.is_object() {
                return Err(ApiError::bad_request(
                    "a strategic merge patch must be a JSON object",
                ));
            }
            let node = schemas
                .node(definition)
                .ok_or_else(|| ApiError::internal(format!("no schema for {definition}")))?;
            strategic_merge_patch(current, patch, node)
                .map_err(|e| ApiError::unprocessable_patch(e.to_string()))
        }
        BodyType::ApplyPatch => Err(ApiError::unsupported_media_type(
            "application/apply-patch+yaml (server-side apply is not supported yet)",
        )),
        BodyType::Json | BodyType::Yaml | BodyType::Protobuf => {
            Err(ApiError::unsupported_media_type("a patch content type"))
        }
    }
}
