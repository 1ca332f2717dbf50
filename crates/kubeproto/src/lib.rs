//! Capstan kubeproto: turns Kubernetes protobuf-encoded API objects
//! (`Content-Type: application/vnd.kubernetes.protobuf`, as sent by client-go's typed
//! clients and so by `kubectl create …`) into the JSON that Kubernetes' own JSON
//! encoding of the same object would produce.
//!
//! * [`decode_object`] — a request body: the `k8s\0` magic and a `runtime.Unknown`
//!   envelope naming the object's `apiVersion`/`kind`, whose `raw` payload is the object.
//! * [`decode_message`] — a bare message by its protobuf type name.
//! * [`is_protobuf`] — whether a `Content-Type` header denotes this encoding.
//!
//! The decoder is driven by a generated table of field facts (see `schema_table.rs`) that
//! covers every message type of Kubernetes 1.33's built-in API groups (k8s.io/api),
//! meta/v1, apiextensions.k8s.io and apiregistration.k8s.io. The JSON follows Go's
//! `encoding/json` over the Go structs that Kubernetes would unmarshal the protobuf into:
//! JSON field names and `omitempty` come from the Go struct tags, pointers are emitted
//! whenever set, non-pointer structs are always emitted, nil slices and maps without
//! `omitempty` become `null`, and the custom JSON forms of `Time`, `MicroTime`,
//! `Duration`, `Quantity`, `IntOrString`, `RawExtension`, `FieldsV1` and the
//! apiextensions schema types are reproduced.
//!
//! Malformed input of any kind yields a [`ProtoError`]; the decoder never panics on input
//! and bounds its recursion depth.

#![warn(missing_docs)]

mod decode;
mod gofmt;
mod schema;
#[rustfmt::skip]
mod schema_table;
mod wire;

use std::cell::Cell;

use serde_json::{Map, Value};

use decode::Cx;
use wire::Reader;

/// The four bytes that start every Kubernetes protobuf-encoded object.
pub const MAGIC: [u8; 4] = *b"k8s\0";

/// The media type of Kubernetes' protobuf encoding.
pub const CONTENT_TYPE: &str = "application/vnd.kubernetes.protobuf";

/// Why a protobuf body could not be turned into JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtoError {
    /// The body does not start with the `k8s\0` magic bytes.
    #[error("not a Kubernetes protobuf object: missing the k8s\\0 magic prefix")]
    BadMagic,
    /// A length, varint or fixed-width value runs past the end of its message.
    #[error("truncated protobuf data")]
    Truncated,
    /// A varint longer than ten bytes.
    #[error("protobuf varint is longer than 10 bytes")]
    VarintOverflow,
    /// A field key with field number 0 or beyond the protobuf maximum.
    #[error("invalid protobuf field number {0}")]
    InvalidFieldNumber(u64),
    /// A field encoded with a wire type that does not fit its declared type.
    #[error("protobuf field {field} has unexpected wire type {wire}")]
    InvalidWireType {
        /// Field number.
        field: u32,
        /// Wire type found.
        wire: u8,
    },
    /// Messages nested deeper than the decoder allows.
    #[error("protobuf message nesting is too deep")]
    TooDeep,
    /// The object would expand into more JSON values than the decoder allows.
    #[error("protobuf object expands into too many JSON values")]
    TooLarge,
    /// The envelope's `apiVersion`/`kind` is not a known built-in type.
    #[error("no protobuf schema for apiVersion {api_version:?}, kind {kind:?}")]
    UnknownKind {
        /// The envelope's apiVersion.
        api_version: String,
        /// The envelope's kind.
        kind: String,
    },
    /// [`decode_message`] was given a type name that is not in the schema table.
    #[error("unknown protobuf message type {0:?}")]
    UnknownMessage(String),
    /// The envelope declares a content encoding (such as gzip) that is not supported.
    #[error("unsupported protobuf envelope content encoding {0:?}")]
    UnsupportedEncoding(String),
    /// The envelope's payload is of a content type that is not supported.
    #[error("unsupported protobuf envelope content type {0:?}")]
    UnsupportedContentType(String),
    /// A well-formed field whose value Kubernetes would reject or cannot render as JSON.
    #[error("invalid value in {message}: {reason}")]
    InvalidValue {
        /// The message type holding the value.
        message: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The built-in schema table refers to a message it does not contain (a bug).
    #[error("internal schema error: no message at index {0}")]
    Schema(u16),
}

/// Whether a `Content-Type` header value denotes Kubernetes' protobuf encoding
/// (`application/vnd.kubernetes.protobuf`, with or without parameters, any case).
pub fn is_protobuf(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or_default().trim();
    media.eq_ignore_ascii_case(CONTENT_TYPE)
}

/// Decodes a Kubernetes protobuf request body: `k8s\0` followed by a `runtime.Unknown`
/// envelope. Returns the object as JSON, including `apiVersion` and `kind` from the
/// envelope.
pub fn decode_object(body: &[u8]) -> Result<Value, ProtoError> {
    let nodes = Cell::new(0);
    decode_object_at(body, Cx::new(&nodes))
}

/// Decodes a bare protobuf message given its fully qualified protobuf type name, e.g.
/// `k8s.io.api.core.v1.ConfigMap` (a leading `.` is accepted). No `apiVersion`/`kind` is
/// added.
pub fn decode_message(type_name: &str, bytes: &[u8]) -> Result<Value, ProtoError> {
    let idx = schema::message_index(type_name)
        .ok_or_else(|| ProtoError::UnknownMessage(type_name.to_string()))?;
    let nodes = Cell::new(0);
    decode::message(idx, bytes, Cx::new(&nodes))
}

/// Number of protobuf message types the decoder knows.
pub fn message_type_count() -> usize {
    schema::message_count()
}

/// Number of (apiVersion, kind) pairs [`decode_object`] accepts, besides the meta/v1
/// types (`Status`, `APIGroup`, …) that are accepted under any apiVersion.
pub fn kind_count() -> usize {
    schema::kind_count()
}

/// The `runtime.Unknown` envelope's fields.
#[derive(Default)]
struct Envelope<'a> {
    api_version: String,
    kind: String,
    raw: &'a [u8],
    content_encoding: String,
    content_type: String,
}

/// Reads the `runtime.Unknown` envelope that follows the magic bytes.
fn envelope(bytes: &[u8]) -> Result<Envelope<'_>, ProtoError> {
    let mut env = Envelope::default();
    let mut r = Reader::new(bytes);
    while !r.is_empty() {
        let (num, wire) = r.key()?;
        if matches!(num, 1..=4) && wire != wire::LEN {
            return Err(ProtoError::InvalidWireType { field: num, wire });
        }
        match num {
            1 => {
                let mut tm = Reader::new(r.bytes()?);
                while !tm.is_empty() {
                    let (n, w) = tm.key()?;
                    if matches!(n, 1 | 2) && w != wire::LEN {
                        return Err(ProtoError::InvalidWireType { field: n, wire: w });
                    }
                    match n {
                        1 => env.api_version = wire::go_string(tm.bytes()?),
                        2 => env.kind = wire::go_string(tm.bytes()?),
                        _ => tm.skip(n, w)?,
                    }
                }
            }
            2 => env.raw = r.bytes()?,
            3 => env.content_encoding = wire::go_string(r.bytes()?),
            4 => env.content_type = wire::go_string(r.bytes()?),
            _ => r.skip(num, wire)?,
        }
    }
    Ok(env)
}

/// [`decode_object`] at a given nesting depth (objects embedded in `RawExtension`s).
pub(crate) fn decode_object_at(body: &[u8], cx: Cx<'_>) -> Result<Value, ProtoError> {
    let rest = body.strip_prefix(&MAGIC).ok_or(ProtoError::BadMagic)?;
    let env = envelope(rest)?;
    if !env.content_encoding.is_empty() {
        return Err(ProtoError::UnsupportedEncoding(env.content_encoding));
    }
    let ct = env.content_type.as_str();
    if !ct.is_empty() && !is_protobuf(ct) {
        return Err(ProtoError::UnsupportedContentType(env.content_type));
    }
    let idx =
        schema::kind_index(&env.api_version, &env.kind).ok_or_else(|| ProtoError::UnknownKind {
            api_version: env.api_version.clone(),
            kind: env.kind.clone(),
        })?;
    let mut value = decode::message(idx, env.raw, cx)?;
    if let Value::Object(fields) = &mut value {
        let mut out = Map::new();
        if !env.api_version.is_empty() {
            out.insert("apiVersion".into(), Value::String(env.api_version));
        }
        if !env.kind.is_empty() {
            out.insert("kind".into(), Value::String(env.kind));
        }
        for (k, v) in std::mem::take(fields) {
            out.entry(k).or_insert(v);
        }
        *fields = out;
    }
    Ok(value)
}
