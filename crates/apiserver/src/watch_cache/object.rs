//! One cached object: its stored JSON plus the parsed bits lists filter on.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde_json::Value;

/// An object as stored, with what selectors need already extracted.
///
/// Stored JSON never carries `metadata.resourceVersion` (the store's mod revision
/// is the resource version); [`CachedObject::write_json`] splices it in when the
/// object is served, so lists and watches never re-serialize objects.
#[derive(Debug)]
pub struct CachedObject {
    /// Store key.
    pub key: String,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`, if any.
    pub namespace: Option<String>,
    /// Stored JSON.
    pub raw: Bytes,
    /// Byte offset just after the `{` of the top-level `metadata` object.
    meta_insert: Option<usize>,
    /// Revision of the last write.
    pub mod_revision: i64,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// Values of the resource's selectable fields.
    pub fields: Vec<(&'static str, String)>,
}

/// Extracts selectable field values from an object.
pub type FieldExtractor = dyn Fn(&Value) -> Vec<(&'static str, String)> + Send + Sync;

impl CachedObject {
    /// Builds a cached object from a store key-value.
    pub fn new(
        key: String,
        raw: Bytes,
        mod_revision: i64,
        fields: &FieldExtractor,
    ) -> Result<Self, String> {
        let value: Value =
            serde_json::from_slice(&raw).map_err(|e| format!("decoding {key}: {e}"))?;
        let meta = value.get("metadata");
        let name = meta
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let namespace = meta
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let labels = meta
            .and_then(|m| m.get("labels"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let fields = fields(&value);
        let meta_insert = find_metadata_object(&raw);
        Ok(Self {
            key,
            name,
            namespace,
            raw,
            meta_insert,
            mod_revision,
            labels,
            fields,
        })
    }

    /// The value of a selectable field, including `metadata.name` / `metadata.namespace`.
    pub fn field(&self, name: &str) -> Option<String> {
        match name {
            "metadata.name" => Some(self.name.clone()),
            "metadata.namespace" => Some(self.namespace.clone().unwrap_or_default()),
            _ => self
                .fields
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone()),
        }
    }

    /// Appends the object's JSON with `metadata.resourceVersion` set to `rv`.
    pub fn write_json(&self, out: &mut Vec<u8>, rv: i64) {
        match self.meta_insert {
            Some(at) if at <= self.raw.len() => {
                out.extend_from_slice(&self.raw[..at]);
                out.extend_from_slice(b"\"resourceVersion\":\"");
                out.extend_from_slice(rv.to_string().as_bytes());
                out.push(b'"');
                if self.raw.get(at) != Some(&b'}') {
                    out.push(b',');
                }
                out.extend_from_slice(&self.raw[at..]);
            }
            _ => {
                let v = self.to_value(rv);
                if let Ok(bytes) = serde_json::to_vec(&v) {
                    out.extend_from_slice(&bytes);
                }
            }
        }
    }

    /// The object as JSON with `metadata.resourceVersion` set to `rv`.
    pub fn to_value(&self, rv: i64) -> Value {
        let mut v: Value = serde_json::from_slice(&self.raw).unwrap_or(Value::Null);
        set_resource_version(&mut v, rv);
        v
    }
}

/// Sets `metadata.resourceVersion`.
pub fn set_resource_version(obj: &mut Value, rv: i64) {
    if let Some(map) = obj.as_object_mut() {
        let meta = map
            .entry("metadata")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Some(meta) = meta.as_object_mut() {
            meta.insert("resourceVersion".into(), Value::String(rv.to_string()));
        }
    }
}

/// Finds the offset just after the opening brace of the top-level `"metadata"`
/// object in compact or pretty JSON.
fn find_metadata_object(raw: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0usize;
    while i < raw.len() {
        match raw[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i + 1;
                let end = string_end(raw, start)?;
                if depth == 1 && &raw[start..end] == b"metadata" {
                    let mut j = end + 1;
                    while j < raw.len() && raw[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if raw.get(j) == Some(&b':') {
                        j += 1;
                        while j < raw.len() && raw[j].is_ascii_whitespace() {
                            j += 1;
                        }
                        if raw.get(j) == Some(&b'{') {
                            return Some(j + 1);
                        }
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the closing quote of a JSON string whose content starts at `start`.
fn string_end(raw: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    while i < raw.len() {
        match raw[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(raw: &str) -> CachedObject {
        CachedObject::new("k".into(), Bytes::from(raw.to_string()), 7, &|_| Vec::new())
            .expect("valid json")
    }

    #[test]
    fn splices_resource_version_into_metadata() {
        let o = obj(
            r#"{"a":{"metadata":{"x":1}},"metadata":{"name":"n","labels":{"k":"v"}},"kind":"K"}"#,
        );
        let mut out = Vec::new();
        o.write_json(&mut out, 42);
        let v: Value = serde_json::from_slice(&out).expect("valid output");
        assert_eq!(v["metadata"]["resourceVersion"], "42");
        assert_eq!(v["metadata"]["name"], "n");
        assert!(v["a"]["metadata"].get("resourceVersion").is_none());
        assert_eq!(o.labels.get("k").map(String::as_str), Some("v"));
    }

    #[test]
    fn splices_into_empty_metadata_and_skips_strings() {
        let o = obj(r#"{"s":"\"metadata\":{","metadata":{}}"#);
        let mut out = Vec::new();
        o.write_json(&mut out, 3);
        let v: Value = serde_json::from_slice(&out).expect("valid output");
        assert_eq!(v["metadata"]["resourceVersion"], "3");
        assert_eq!(v["s"], "\"metadata\":{");
    }
}
