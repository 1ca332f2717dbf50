//! The table-driven decoder: protobuf message bytes to the JSON that Go's `encoding/json`
//! would produce for the same Kubernetes object after Go's protobuf unmarshalling.

use std::cell::Cell;

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::gofmt;
use crate::schema::{self, Card, Field, Kind, Message, Ty, INLINE, OE, PTR, SKIP};
use crate::wire::{self, Reader};
use crate::ProtoError;

/// Deepest message nesting accepted (the real API types nest a few dozen levels at most;
/// CRD schemas are the deepest).
pub(crate) const MAX_DEPTH: usize = 100;

/// Most JSON values one decode may produce. Absent non-pointer structs expand to Go's
/// zero values, so a tiny body (say a list of empty items) could otherwise expand into a
/// huge document; real objects stay far below this.
pub(crate) const MAX_NODES: usize = 1 << 20;

/// Per-decode context: the current nesting depth and the shared output budget.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'b> {
    depth: usize,
    nodes: &'b Cell<usize>,
}

impl<'b> Cx<'b> {
    /// A top-level context drawing on `nodes`.
    pub(crate) fn new(nodes: &'b Cell<usize>) -> Self {
        Cx { depth: 0, nodes }
    }

    /// The context one nesting level down.
    pub(crate) fn deeper(self) -> Result<Self, ProtoError> {
        if self.depth >= MAX_DEPTH {
            return Err(ProtoError::TooDeep);
        }
        Ok(Cx {
            depth: self.depth + 1,
            nodes: self.nodes,
        })
    }

    /// Accounts for `n` more output values.
    fn charge(self, n: usize) -> Result<(), ProtoError> {
        let used = self.nodes.get().saturating_add(n);
        if used > MAX_NODES {
            return Err(ProtoError::TooLarge);
        }
        self.nodes.set(used);
        Ok(())
    }
}

/// What the wire held for one field of a message.
enum Slot<'a> {
    /// Not on the wire.
    Absent,
    /// A singular scalar (last occurrence wins).
    Scalar(Value),
    /// A singular `bytes` field (last occurrence wins).
    Bytes(&'a [u8]),
    /// A singular message; every occurrence, to be merged (protobuf semantics).
    Msg(Vec<&'a [u8]>),
    /// A repeated field's elements.
    List(Vec<Value>),
    /// A map field's entries.
    Map(Map<String, Value>),
}

/// The raw field values of one message, parallel to its table fields.
struct Fields<'a> {
    msg: &'static Message,
    slots: Vec<Slot<'a>>,
}

impl<'a> Fields<'a> {
    /// Takes the slot of field `num` out, leaving `Absent` behind.
    fn take(&mut self, num: u32) -> Slot<'a> {
        let Some(i) = self.msg.fields.iter().position(|f| f.num == num) else {
            return Slot::Absent;
        };
        match self.slots.get_mut(i) {
            Some(slot) => std::mem::replace(slot, Slot::Absent),
            None => Slot::Absent,
        }
    }

    /// Field `num` as an integer scalar (0 when absent).
    fn int(&mut self, num: u32) -> i64 {
        match self.take(num) {
            Slot::Scalar(v) => v.as_i64().unwrap_or(0),
            _ => 0,
        }
    }

    /// Field `num` as a bool scalar (false when absent).
    fn bool(&mut self, num: u32) -> bool {
        matches!(self.take(num), Slot::Scalar(Value::Bool(true)))
    }

    /// Field `num` as a string scalar, if present.
    fn string(&mut self, num: u32) -> Option<String> {
        match self.take(num) {
            Slot::Scalar(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// Field `num` as a non-empty list, if present.
    fn list(&mut self, num: u32) -> Option<Vec<Value>> {
        match self.take(num) {
            Slot::List(l) if !l.is_empty() => Some(l),
            _ => None,
        }
    }
}

/// Decodes `bytes` as message `idx` into its JSON form.
pub(crate) fn message(idx: u16, bytes: &[u8], cx: Cx<'_>) -> Result<Value, ProtoError> {
    cx.charge(1)?;
    let msg = schema::message(idx).ok_or(ProtoError::Schema(idx))?;
    match msg.kind {
        Kind::Time | Kind::MicroTime => {
            // Go's custom Unmarshal resets on every occurrence; decoding the bytes is
            // enough here since callers pass the last occurrence for these kinds.
            time(msg, bytes, cx)
        }
        _ => {
            let fields = collect(msg, bytes, cx)?;
            assemble(fields, cx)
        }
    }
}

/// Reads every field of `msg` from `bytes`.
fn collect<'a>(
    msg: &'static Message,
    bytes: &'a [u8],
    cx: Cx<'_>,
) -> Result<Fields<'a>, ProtoError> {
    let mut slots: Vec<Slot<'a>> = msg.fields.iter().map(|_| Slot::Absent).collect();
    let mut r = Reader::new(bytes);
    while !r.is_empty() {
        let (num, wire) = r.key()?;
        let Some(pos) = msg.fields.iter().position(|f| f.num == num) else {
            // Unknown field (from a newer schema): skip it, as Go does.
            r.skip(num, wire)?;
            continue;
        };
        let (Some(field), Some(slot)) = (msg.fields.get(pos), slots.get_mut(pos)) else {
            continue;
        };
        let bad_wire = || ProtoError::InvalidWireType { field: num, wire };
        match field.card {
            Card::One => match field.ty {
                Ty::M(_) => {
                    if wire != wire::LEN {
                        return Err(bad_wire());
                    }
                    let b = r.bytes()?;
                    match slot {
                        Slot::Msg(parts) => parts.push(b),
                        other => *other = Slot::Msg(vec![b]),
                    }
                }
                Ty::B => {
                    if wire != wire::LEN {
                        return Err(bad_wire());
                    }
                    *slot = Slot::Bytes(r.bytes()?);
                }
                ty => *slot = Slot::Scalar(scalar(&mut r, ty, wire).ok_or_else(bad_wire)??),
            },
            Card::Rep => {
                if !matches!(slot, Slot::List(_)) {
                    *slot = Slot::List(Vec::new());
                }
                cx.charge(1)?;
                let Slot::List(list) = slot else { continue };
                match field.ty {
                    Ty::M(child) => {
                        if wire != wire::LEN {
                            return Err(bad_wire());
                        }
                        let b = r.bytes()?;
                        list.push(message(child, b, cx.deeper()?)?);
                    }
                    Ty::S | Ty::B => {
                        if wire != wire::LEN {
                            return Err(bad_wire());
                        }
                        let b = r.bytes()?;
                        list.push(if field.ty == Ty::S {
                            Value::String(wire::go_string(b))
                        } else {
                            base64_value(b)
                        });
                    }
                    ty if wire == wire::LEN => {
                        // Packed encoding.
                        let mut packed = Reader::new(r.bytes()?);
                        while !packed.is_empty() {
                            cx.charge(1)?;
                            let elem_wire = if ty == Ty::D {
                                wire::FIXED64
                            } else {
                                wire::VARINT
                            };
                            list.push(scalar(&mut packed, ty, elem_wire).ok_or_else(bad_wire)??);
                        }
                    }
                    ty => list.push(scalar(&mut r, ty, wire).ok_or_else(bad_wire)??),
                }
            }
            Card::Map(key_ty) => {
                if wire != wire::LEN {
                    return Err(bad_wire());
                }
                let entry = r.bytes()?;
                cx.charge(1)?;
                let (k, v) = map_entry(entry, key_ty, field.ty, num, cx)?;
                match slot {
                    Slot::Map(m) => {
                        m.insert(k, v);
                    }
                    other => {
                        let mut m = Map::new();
                        m.insert(k, v);
                        *other = Slot::Map(m);
                    }
                }
            }
        }
    }
    Ok(Fields { msg, slots })
}

/// Reads one scalar of type `ty` encoded with wire type `wire`. `None` when the wire
/// type does not fit the field type.
fn scalar(r: &mut Reader<'_>, ty: Ty, wire: u8) -> Option<Result<Value, ProtoError>> {
    let v = match (ty, wire) {
        (Ty::Z, wire::VARINT) => r.varint().map(|v| Value::Bool(v != 0)),
        // int32: Go keeps the low 32 bits of the varint.
        (Ty::I, wire::VARINT) => r.varint().map(|v| Value::from(v as u32 as i32)),
        (Ty::L, wire::VARINT) => r.varint().map(|v| Value::from(v as i64)),
        (Ty::D, wire::FIXED64) => r.fixed64().and_then(|bits| {
            gofmt::go_float(f64::from_bits(bits)).ok_or(ProtoError::InvalidValue {
                message: "double",
                reason: "NaN or infinite value cannot be represented in JSON".into(),
            })
        }),
        (Ty::S, wire::LEN) => r.bytes().map(|b| Value::String(wire::go_string(b))),
        (Ty::B, wire::LEN) => r.bytes().map(base64_value),
        _ => return None,
    };
    Some(v)
}

/// A `bytes` value as Go's JSON encoder writes `[]byte`: standard base64.
fn base64_value(b: &[u8]) -> Value {
    Value::String(base64::engine::general_purpose::STANDARD.encode(b))
}

/// Decodes one `map<K, V>` entry (key = 1, value = 2). Missing parts take Go's zero values.
fn map_entry(
    entry: &[u8],
    key_ty: Ty,
    val_ty: Ty,
    field: u32,
    cx: Cx<'_>,
) -> Result<(String, Value), ProtoError> {
    let mut key: Option<Value> = None;
    let mut val: Option<Value> = None;
    let mut val_msg: Vec<&[u8]> = Vec::new();
    let mut r = Reader::new(entry);
    while !r.is_empty() {
        let (num, wire) = r.key()?;
        let bad_wire = || ProtoError::InvalidWireType { field, wire };
        match num {
            1 => key = Some(scalar(&mut r, key_ty, wire).ok_or_else(bad_wire)??),
            2 => match val_ty {
                Ty::M(_) => {
                    if wire != wire::LEN {
                        return Err(bad_wire());
                    }
                    val_msg.push(r.bytes()?);
                }
                ty => val = Some(scalar(&mut r, ty, wire).ok_or_else(bad_wire)??),
            },
            _ => r.skip(num, wire)?,
        }
    }
    // JSON object keys are strings; Go writes non-string map keys in their text form.
    let key = match key.unwrap_or_else(|| zero_scalar(key_ty)) {
        Value::String(s) => s,
        other => other.to_string(),
    };
    let val = match val_ty {
        Ty::M(child) => message_parts(child, &val_msg, cx.deeper()?)?,
        ty => val.unwrap_or_else(|| zero_scalar(ty)),
    };
    Ok((key, val))
}

/// Go's zero value of a scalar type, as JSON.
fn zero_scalar(ty: Ty) -> Value {
    match ty {
        Ty::S | Ty::B => Value::String(String::new()),
        Ty::Z => Value::Bool(false),
        Ty::I | Ty::L | Ty::D => Value::from(0),
        Ty::M(_) => Value::Null,
    }
}

/// Whether a scalar JSON value is Go's zero value (what `omitempty` drops).
fn is_zero(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// Decodes a singular message from all of its occurrences on the wire.
fn message_parts(idx: u16, parts: &[&[u8]], cx: Cx<'_>) -> Result<Value, ProtoError> {
    let last_wins = matches!(
        schema::message(idx).map(|m| m.kind),
        Some(Kind::Time | Kind::MicroTime)
    );
    match parts {
        [] => message(idx, &[], cx),
        [one] => message(idx, one, cx),
        [.., last] if last_wins => message(idx, last, cx),
        many => message(idx, &many.concat(), cx),
    }
}

/// Builds the JSON form of a message from its collected fields.
fn assemble(mut fields: Fields<'_>, cx: Cx<'_>) -> Result<Value, ProtoError> {
    let msg = fields.msg;
    match msg.kind {
        Kind::Struct => struct_object(fields, cx),
        Kind::Array => Ok(fields.list(1).map_or(Value::Null, Value::Array)),
        Kind::Duration => Ok(Value::String(gofmt::go_duration(fields.int(1)))),
        Kind::GroupVersion => {
            let g = fields.string(1).unwrap_or_default();
            let v = fields.string(2).unwrap_or_default();
            Ok(Value::String(if g.is_empty() {
                v
            } else {
                format!("{g}/{v}")
            }))
        }
        Kind::Quantity => match fields.string(1) {
            None => Ok(Value::String("0".into())),
            Some(s) if s.is_empty() => Err(ProtoError::InvalidValue {
                message: msg.name,
                reason: "empty quantity string".into(),
            }),
            Some(s) => Ok(Value::String(s)),
        },
        Kind::IntOrString => match fields.int(1) {
            0 => Ok(match fields.take(2) {
                Slot::Scalar(v) => v,
                _ => Value::from(0),
            }),
            1 => Ok(Value::String(fields.string(3).unwrap_or_default())),
            other => Err(ProtoError::InvalidValue {
                message: msg.name,
                reason: format!("impossible IntOrString type {other}"),
            }),
        },
        Kind::RawExtension => match fields.take(1) {
            Slot::Bytes(raw) => embedded_document(raw, msg.name, cx),
            _ => Ok(Value::Null),
        },
        Kind::FieldsV1 | Kind::Json => match fields.take(1) {
            Slot::Bytes(raw) => embedded_json(raw, msg.name),
            _ => Ok(Value::Null),
        },
        Kind::PropsOrArray => match fields.list(2) {
            Some(l) => Ok(Value::Array(l)),
            None => optional_message(&mut fields, 1, cx),
        },
        Kind::PropsOrBool => match optional_message(&mut fields, 2, cx)? {
            Value::Null => Ok(Value::Bool(fields.bool(1))),
            schema => Ok(schema),
        },
        Kind::PropsOrStringArray => match fields.list(2) {
            Some(l) => Ok(Value::Array(l)),
            None => optional_message(&mut fields, 1, cx),
        },
        // Handled before collection; never reaches here.
        Kind::Time | Kind::MicroTime => Ok(Value::Null),
    }
}

/// The decoded value of singular message field `num`, or `null` when absent.
fn optional_message(fields: &mut Fields<'_>, num: u32, cx: Cx<'_>) -> Result<Value, ProtoError> {
    let Some(field) = fields.msg.field(num) else {
        return Ok(Value::Null);
    };
    match (fields.take(num), field.ty) {
        (Slot::Msg(parts), Ty::M(child)) => message_parts(child, &parts, cx.deeper()?),
        _ => Ok(Value::Null),
    }
}

/// `meta/v1.Time` (seconds only, as Go's Unmarshal drops nanoseconds) and
/// `meta/v1.MicroTime` (truncated to microseconds).
fn time(msg: &'static Message, bytes: &[u8], cx: Cx<'_>) -> Result<Value, ProtoError> {
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    let mut fields = collect(msg, bytes, cx)?;
    let (seconds, nanos) = (fields.int(1), fields.int(2));
    let out_of_range = || ProtoError::InvalidValue {
        message: msg.name,
        reason: format!("timestamp {seconds}s is outside years 0000-9999"),
    };
    let text = if msg.kind == Kind::Time {
        if gofmt::is_zero_time(seconds, 0) {
            return Ok(Value::Null);
        }
        gofmt::rfc3339(seconds, None).ok_or_else(out_of_range)?
    } else {
        // time.Unix(sec, nsec) normalises nanoseconds outside [0, 1e9).
        let truncated = nanos - nanos % 1000;
        let total = i128::from(seconds) * 1_000_000_000 + i128::from(truncated);
        let secs = total.div_euclid(1_000_000_000);
        let sub = total.rem_euclid(1_000_000_000);
        let secs = i64::try_from(secs).map_err(|_| out_of_range())?;
        let sub = i64::try_from(sub).map_err(|_| out_of_range())?;
        if gofmt::is_zero_time(secs, sub) {
            return Ok(Value::Null);
        }
        let micros = u32::try_from(sub / 1000).map_err(|_| out_of_range())?;
        gofmt::rfc3339(secs, Some(micros)).ok_or_else(out_of_range)?
    };
    Ok(Value::String(text))
}

/// Parses an embedded JSON document (`FieldsV1`, apiextensions `JSON`).
fn embedded_json(raw: &[u8], name: &'static str) -> Result<Value, ProtoError> {
    if raw.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(raw).map_err(|e| ProtoError::InvalidValue {
        message: name,
        reason: format!("embedded JSON: {e}"),
    })
}

/// A `runtime.RawExtension` payload: JSON, or a nested protobuf-encoded object.
fn embedded_document(raw: &[u8], name: &'static str, cx: Cx<'_>) -> Result<Value, ProtoError> {
    if raw.starts_with(&crate::MAGIC) {
        return crate::decode_object_at(raw, cx.deeper()?);
    }
    match raw.first() {
        None => Ok(Value::Null),
        Some(
            b'\t'
            | b'\r'
            | b'\n'
            | b' '
            | b'{'
            | b'['
            | b'n'
            | b't'
            | b'f'
            | b'"'
            | b'-'
            | b'0'..=b'9',
        ) => embedded_json(raw, name),
        Some(_) => Err(ProtoError::InvalidValue {
            message: name,
            reason: "embedded object is neither JSON nor Kubernetes protobuf".into(),
        }),
    }
}

/// The JSON object of an ordinary struct message, following Go's `encoding/json` rules
/// for the struct's tags: `omitempty`, pointers, nil slices/maps and inline embedding.
fn struct_object(fields: Fields<'_>, cx: Cx<'_>) -> Result<Value, ProtoError> {
    let mut out = Map::new();
    let mut promoted = Map::new();
    for (field, slot) in fields.msg.fields.iter().zip(fields.slots) {
        if field.has(SKIP) {
            continue;
        }
        let value = field_value(field, slot, cx)?;
        let Some(value) = value else { continue };
        cx.charge(1)?;
        if field.has(INLINE) {
            if let Value::Object(inner) = value {
                for (k, v) in inner {
                    promoted.entry(k).or_insert(v);
                }
            }
            continue;
        }
        out.insert(field.json.to_string(), value);
    }
    // Go gives the shallower (outer) field precedence over promoted ones.
    for (k, v) in promoted {
        out.entry(k).or_insert(v);
    }
    Ok(Value::Object(out))
}

/// The JSON value of one field, or `None` when Go would leave it out.
fn field_value(field: &Field, slot: Slot<'_>, cx: Cx<'_>) -> Result<Option<Value>, ProtoError> {
    let omitempty = field.has(OE);
    // Absent slices, maps and pointers are nil in Go: omitted, or `null` without omitempty.
    let nil = || Ok(if omitempty { None } else { Some(Value::Null) });
    match field.card {
        Card::Rep => match slot {
            Slot::List(l) if !l.is_empty() => Ok(Some(Value::Array(l))),
            _ => nil(),
        },
        Card::Map(_) => match slot {
            Slot::Map(m) if !m.is_empty() => Ok(Some(Value::Object(m))),
            // A present-but-empty map cannot be told apart on the wire; Go leaves it nil.
            _ => nil(),
        },
        Card::One => match field.ty {
            Ty::M(child) => {
                let parts = match slot {
                    Slot::Msg(p) => p,
                    _ if field.has(PTR) => return nil(),
                    _ => Vec::new(),
                };
                let v = message_parts(child, &parts, cx.deeper()?)?;
                let is_slice = matches!(schema::message(child).map(|m| m.kind), Some(Kind::Array));
                if is_slice && omitempty && is_zero(&v) {
                    return Ok(None);
                }
                // Go never omits struct values, `omitempty` or not.
                Ok(Some(v))
            }
            Ty::B => match slot {
                Slot::Bytes(b) => {
                    if omitempty && b.is_empty() {
                        Ok(None)
                    } else {
                        Ok(Some(base64_value(b)))
                    }
                }
                _ => nil(),
            },
            ty => match slot {
                Slot::Scalar(v) => {
                    if omitempty && !field.has(PTR) && is_zero(&v) {
                        Ok(None)
                    } else {
                        Ok(Some(v))
                    }
                }
                _ if field.has(PTR) => nil(),
                _ => {
                    if omitempty {
                        Ok(None)
                    } else {
                        Ok(Some(zero_scalar(ty)))
                    }
                }
            },
        },
    }
}
