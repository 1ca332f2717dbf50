//! A tiny test-only protobuf encoder for building Kubernetes objects by field number.

#![allow(dead_code)]

/// A message under construction.
#[derive(Clone, Default)]
pub struct Msg(Vec<u8>);

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

impl Msg {
    pub fn new() -> Self {
        Msg(Vec::new())
    }

    fn key(mut self, field: u32, wire: u8) -> Self {
        put_varint(&mut self.0, (u64::from(field) << 3) | u64::from(wire));
        self
    }

    /// A varint field (int32, int64, bool, enum-like).
    pub fn varint(self, field: u32, v: u64) -> Self {
        let mut m = self.key(field, 0);
        put_varint(&mut m.0, v);
        m
    }

    /// A signed int32/int64 field (negative values use 10-byte two's complement).
    pub fn int(self, field: u32, v: i64) -> Self {
        self.varint(field, v as u64)
    }

    pub fn bool(self, field: u32, v: bool) -> Self {
        self.varint(field, u64::from(v))
    }

    pub fn double(self, field: u32, v: f64) -> Self {
        let mut m = self.key(field, 1);
        m.0.extend_from_slice(&v.to_bits().to_le_bytes());
        m
    }

    /// A length-delimited field holding raw bytes.
    pub fn bytes(self, field: u32, b: &[u8]) -> Self {
        let mut m = self.key(field, 2);
        put_varint(&mut m.0, b.len() as u64);
        m.0.extend_from_slice(b);
        m
    }

    pub fn str(self, field: u32, s: &str) -> Self {
        self.bytes(field, s.as_bytes())
    }

    pub fn msg(self, field: u32, m: Msg) -> Self {
        self.bytes(field, &m.0)
    }

    /// A packed repeated varint field.
    pub fn packed(self, field: u32, vals: &[i64]) -> Self {
        let mut body = Vec::new();
        for v in vals {
            put_varint(&mut body, *v as u64);
        }
        self.bytes(field, &body)
    }

    /// A `map<string, string>` entry.
    pub fn map_str(self, field: u32, k: &str, v: &str) -> Self {
        self.msg(field, Msg::new().str(1, k).str(2, v))
    }

    /// A `map<string, bytes>` entry.
    pub fn map_bytes(self, field: u32, k: &str, v: &[u8]) -> Self {
        self.msg(field, Msg::new().str(1, k).bytes(2, v))
    }

    /// A `map<string, Message>` entry.
    pub fn map_msg(self, field: u32, k: &str, v: Msg) -> Self {
        self.msg(field, Msg::new().str(1, k).msg(2, v))
    }

    /// Appends raw, already-encoded bytes.
    pub fn raw(mut self, b: &[u8]) -> Self {
        self.0.extend_from_slice(b);
        self
    }

    pub fn build(self) -> Vec<u8> {
        self.0
    }
}

/// A complete request body: `k8s\0` + `runtime.Unknown{typeMeta, raw}`.
pub fn object(api_version: &str, kind: &str, body: Msg) -> Vec<u8> {
    let unknown = Msg::new()
        .msg(1, Msg::new().str(1, api_version).str(2, kind))
        .msg(2, body)
        .str(3, "")
        .str(4, "");
    let mut out = b"k8s\0".to_vec();
    out.extend(unknown.build());
    out
}

/// `meta/v1.ObjectMeta` with a name and (optionally) a namespace.
pub fn meta(name: &str, namespace: &str) -> Msg {
    let m = Msg::new().str(1, name);
    if namespace.is_empty() {
        m
    } else {
        m.str(3, namespace)
    }
}

/// `meta/v1.Time` at Unix `seconds`.
pub fn time(seconds: i64) -> Msg {
    Msg::new().int(1, seconds).int(2, 0)
}

/// `resource.Quantity`.
pub fn quantity(s: &str) -> Msg {
    Msg::new().str(1, s)
}

/// `intstr.IntOrString` holding an int.
pub fn int_or_int(v: i32) -> Msg {
    Msg::new().int(1, 0).int(2, i64::from(v)).str(3, "")
}

/// `intstr.IntOrString` holding a string.
pub fn int_or_str(s: &str) -> Msg {
    Msg::new().int(1, 1).int(2, 0).str(3, s)
}
