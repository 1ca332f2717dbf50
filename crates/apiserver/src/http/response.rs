//! Response bodies and helpers.

use std::convert::Infallible;

use bytes::Bytes;
use http::{header, HeaderValue, Response, StatusCode};
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use serde_json::Value;

use crate::status::ApiError;

/// The response body type: a full buffer or a stream (watch).
pub type Body = BoxBody<Bytes, std::io::Error>;

/// A response.
pub type Resp = Response<Body>;

/// A body holding `bytes`.
pub fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never: Infallible| match never {})
        .boxed()
}

/// An empty body.
pub fn empty() -> Body {
    full(Bytes::new())
}

/// Serialization format of a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `application/json`.
    Json,
    /// `application/yaml`.
    Yaml,
}

impl Format {
    /// The content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Yaml => "application/yaml",
        }
    }
}

/// A response with raw JSON bytes, converted to YAML when asked.
pub fn raw_json(code: StatusCode, json: Vec<u8>, format: Format) -> Resp {
    let body = match format {
        Format::Json => json,
        Format::Yaml => {
            match serde_json::from_slice::<Value>(&json).map(|v| serde_yaml::to_string(&v)) {
                Ok(Ok(y)) => y.into_bytes(),
                _ => json,
            }
        }
    };
    let mut resp = Response::new(full(body));
    *resp.status_mut() = code;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    resp
}

/// A response holding a JSON value.
pub fn value(code: StatusCode, v: &Value, format: Format) -> Resp {
    let json = serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec());
    raw_json(code, json, format)
}

/// A JSON response with an explicit content type (discovery).
pub fn json_with_type(v: &Value, content_type: &str) -> Resp {
    let json = serde_json::to_vec(v).unwrap_or_else(|_| b"{}".to_vec());
    let mut resp = Response::new(full(json));
    if let Ok(ct) = HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    resp
}

/// A plain-text response.
pub fn text(code: StatusCode, body: impl Into<String>) -> Resp {
    let mut resp = Response::new(full(body.into()));
    *resp.status_mut() = code;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// The `Status` response for an error.
pub fn error(err: &ApiError) -> Resp {
    let code = StatusCode::from_u16(err.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut resp = value(code, &err.to_status(), Format::Json);
    if let Some(secs) = err.retry_after_seconds {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    resp
}

/// Adds `Warning` headers in Kubernetes' `299 - "text"` form.
pub fn add_warnings(resp: &mut Resp, warnings: &[String]) {
    for w in warnings {
        let escaped = w.replace('\\', "\\\\").replace('"', "\\\"");
        let line: String = escaped.chars().filter(|c| !c.is_control()).collect();
        if let Ok(v) = HeaderValue::from_str(&format!("299 - \"{line}\"")) {
            resp.headers_mut().append(header::WARNING, v);
        }
    }
}
