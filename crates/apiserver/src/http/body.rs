//! Reading and decoding request bodies.

use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use serde_json::Value;

use super::negotiate::BodyType;
use crate::context::{FieldValidation, RequestCtx};
use crate::resource::ResourceDef;
use crate::schema::Schemas;
use crate::status::{ApiError, ApiResult};
use capstan_machinery::schema;

/// Reads a request body, failing with 413 beyond `limit` bytes.
pub async fn read(body: Incoming, limit: usize) -> ApiResult<Bytes> {
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) => {
            if err
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                Err(ApiError::too_large(limit))
            } else {
                Err(ApiError::bad_request(format!(
                    "reading request body: {err}"
                )))
            }
        }
    }
}

/// Parses JSON or YAML bytes into a value, reporting duplicate keys per the
/// field validation mode.
pub fn parse(bytes: &[u8], kind: BodyType, ctx: &RequestCtx) -> ApiResult<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "the request body is empty; expected a JSON or YAML object",
        ));
    }
    let looks_json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[');
    if kind == BodyType::Protobuf {
        let mut value = capstan_kubeproto::decode_object(bytes)
            .map_err(|e| ApiError::bad_request(format!("decoding the protobuf body: {e}")))?;
        strip_nulls(&mut value);
        return Ok(value);
    }
    let (value, duplicates) = match kind {
        BodyType::Yaml | BodyType::ApplyPatch if !looks_json => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| ApiError::bad_request("the YAML body is not valid UTF-8"))?;
            schema::decode_yaml_with_duplicates(text)
                .map_err(|e| ApiError::bad_request(format!("error converting YAML to JSON: {e}")))?
        }
        _ => schema::decode_json_with_duplicates(bytes).map_err(|e| {
            ApiError::bad_request(format!("couldn't get version/kind; json parse error: {e}"))
        })?,
    };
    report_duplicates(duplicates, ctx)?;
    Ok(value)
}

/// Removes `null` members: Go's encoders write absent pointers, slices and maps
/// as `null`, which means "unset".
fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, child| !child.is_null());
            for child in map.values_mut() {
                strip_nulls(child);
            }
        }
        Value::Array(items) => {
            for child in items.iter_mut() {
                strip_nulls(child);
            }
        }
        _ => {}
    }
}

fn report_duplicates(duplicates: Vec<String>, ctx: &RequestCtx) -> ApiResult<()> {
    if duplicates.is_empty() {
        return Ok(());
    }
    let messages: Vec<String> = duplicates
        .iter()
        .map(|d| format!("json: duplicate field \"{d}\""))
        .collect();
    match ctx.field_validation {
        FieldValidation::Strict => Err(ApiError::bad_request(format!(
            "strict decoding error: {}",
            messages.join(", ")
        ))),
        FieldValidation::Warn => {
            for m in messages {
                ctx.warn(m);
            }
            Ok(())
        }
        FieldValidation::Ignore => Ok(()),
    }
}

/// Checks `apiVersion`/`kind` against the endpoint, reports unknown fields per
/// the field validation mode and normalizes the object through its type.
pub fn decode_object(
    def: &ResourceDef,
    schemas: &Schemas,
    mut value: Value,
    ctx: &RequestCtx,
) -> ApiResult<Value> {
    let Some(map) = value.as_object_mut() else {
        return Err(ApiError::bad_request(format!(
            "the body of the request must be a JSON object describing a {}",
            def.kind
        )));
    };
    let expected = def.api_version();
    match map.get("apiVersion") {
        None | Some(Value::Null) => {
            map.insert("apiVersion".into(), Value::String(expected.clone()));
        }
        Some(Value::String(v)) if *v == expected || v.is_empty() => {
            map.insert("apiVersion".into(), Value::String(expected.clone()));
        }
        Some(other) => {
            let shown = other
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| other.to_string());
            return Err(ApiError::bad_request(format!(
                "the API version in the data ({shown}) does not match the expected API version ({expected})"
            )));
        }
    }
    match map.get("kind") {
        None | Some(Value::Null) => {
            map.insert("kind".into(), Value::String(def.kind.to_string()));
        }
        Some(Value::String(k)) if k == def.kind || k.is_empty() => {
            map.insert("kind".into(), Value::String(def.kind.to_string()));
        }
        Some(other) => {
            let shown = other
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| other.to_string());
            return Err(ApiError::bad_request(format!(
                "the kind in the data ({shown}) does not match the expected kind ({})",
                def.kind
            )));
        }
    }
    let unknown = schemas.unknown_fields(&def.definition, &value);
    if !unknown.is_empty() {
        let messages: Vec<String> = unknown
            .iter()
            .map(|p| format!("unknown field \"{p}\""))
            .collect();
        match ctx.field_validation {
            FieldValidation::Strict => {
                return Err(ApiError::bad_request(format!(
                    "strict decoding error: {}",
                    messages.join(", ")
                )))
            }
            FieldValidation::Warn => {
                for m in messages {
                    ctx.warn(m);
                }
            }
            FieldValidation::Ignore => {}
        }
    }
    let mut normalized = (def.normalize)(value).map_err(|e| {
        ApiError::bad_request(format!(
            "{} in version \"{}\" cannot be handled as a {}: {e}",
            def.kind, def.version, def.kind
        ))
    })?;
    schemas.omit_empty(&def.definition, &mut normalized);
    Ok(normalized)
}

/// Reads the body of a request that carries an object the server answers but
/// does not store (TokenRequest, SelfSubjectReview, TokenReview): JSON, YAML or
/// protobuf, whose `apiVersion` and `kind`, when given, must be `api_version`
/// and `kind`.
pub async fn read_request_object(
    req: http::Request<Incoming>,
    limit: usize,
    ctx: &RequestCtx,
    api_version: &str,
    kind: &str,
) -> ApiResult<Value> {
    let content_type = req
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body_type = super::negotiate::body_type(content_type.as_deref())?;
    if !matches!(
        body_type,
        BodyType::Json | BodyType::Yaml | BodyType::Protobuf
    ) {
        return Err(ApiError::unsupported_media_type(
            content_type.as_deref().unwrap_or_default(),
        ));
    }
    let bytes = read(req.into_body(), limit).await?;
    let value = parse(&bytes, body_type, ctx)?;
    if !value.is_object() {
        return Err(ApiError::bad_request(format!(
            "the body of the request must be a JSON object describing a {kind}"
        )));
    }
    let given = |field: &str| value.get(field).and_then(Value::as_str).unwrap_or("");
    let (given_version, given_kind) = (given("apiVersion"), given("kind"));
    if !given_version.is_empty() && given_version != api_version {
        return Err(ApiError::bad_request(format!(
            "the API version in the data ({given_version}) does not match the expected API version ({api_version})"
        )));
    }
    if !given_kind.is_empty() && given_kind != kind {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({given_kind}) does not match the expected kind ({kind})"
        )));
    }
    Ok(value)
}
