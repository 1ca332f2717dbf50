//! Duplicate-key detection while decoding JSON or YAML.
//!
//! serde_json keeps the last of several equal keys silently; Kubernetes' strict decoding
//! reports them (`duplicate field "metadata.name"`). These decoders return the value
//! (last duplicate wins, as in lenient decoding) together with the duplicate paths.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A decoding failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// The input is not valid YAML, or holds something JSON cannot represent.
    #[error("invalid YAML: {0}")]
    Yaml(String),
}

/// Decodes JSON bytes, returning the value and the paths of duplicated keys.
pub fn decode_json_with_duplicates(bytes: &[u8]) -> Result<(Value, Vec<String>), DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut dups = Vec::new();
    let value = Seed {
        path: String::new(),
        dups: &mut dups,
    }
    .deserialize(&mut de)
    .map_err(|e| DecodeError::Json(e.to_string()))?;
    de.end().map_err(|e| DecodeError::Json(e.to_string()))?;
    Ok((value, dups))
}

/// The paths of keys that appear more than once in the same JSON object.
pub fn json_duplicate_fields(bytes: &[u8]) -> Result<Vec<String>, DecodeError> {
    decode_json_with_duplicates(bytes).map(|(_, d)| d)
}

/// Decodes one YAML document into JSON, returning the value and duplicated key paths.
/// Non-string keys are converted to their text; non-finite floats are rejected.
pub fn decode_yaml_with_duplicates(text: &str) -> Result<(Value, Vec<String>), DecodeError> {
    let de = serde_yaml::Deserializer::from_str(text);
    let mut dups = Vec::new();
    let value = Seed {
        path: String::new(),
        dups: &mut dups,
    }
    .deserialize(de)
    .map_err(|e| DecodeError::Yaml(e.to_string()))?;
    Ok((value, dups))
}

struct Seed<'a> {
    path: String,
    dups: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar map key")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
        Ok("null".to_string())
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{v} cannot be represented in JSON")))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let path = format!("{}[{}]", self.path, out.len());
            let seed = Seed {
                path,
                dups: &mut *self.dups,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{}", self.path, key)
            };
            if !seen.insert(key.clone()) {
                self.dups.push(path.clone());
            }
            let v = map.next_value_seed(Seed {
                path,
                dups: &mut *self.dups,
            })?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_duplicates() {
        let input = br#"{"metadata":{"name":"a","name":"b"},"spec":{"containers":[{"name":"x","image":"1","image":"2"}]},"spec":{"x":1}}"#;
        let (v, d) = decode_json_with_duplicates(input).unwrap_or_default();
        assert_eq!(d, vec!["metadata.name", "spec.containers[0].image", "spec"]);
        assert_eq!(v["metadata"]["name"], "b");
        assert_eq!(v["spec"], json!({"x": 1}));
        assert!(json_duplicate_fields(br#"{"a":1,"b":{"a":2}}"#).is_ok_and(|d| d.is_empty()));
        assert!(json_duplicate_fields(b"{").is_err());
        assert!(json_duplicate_fields(b"{} x").is_err());
    }

    #[test]
    fn yaml_duplicates() {
        let input = "metadata:\n  name: a\n  name: b\nspec:\n  replicas: 2\n  items: [1, 2.5, true, null]\n";
        let r = decode_yaml_with_duplicates(input);
        assert!(r.is_ok(), "{r:?}");
        let (v, d) = r.unwrap_or_default();
        assert_eq!(d, vec!["metadata.name"]);
        assert_eq!(
            v["spec"],
            json!({"replicas": 2, "items": [1, 2.5, true, null]})
        );
        assert!(decode_yaml_with_duplicates("a: [").is_err());
        assert!(decode_yaml_with_duplicates("a: .nan").is_err());
        let (v, _) = decode_yaml_with_duplicates("1: x\ntrue: y").unwrap_or_default();
        assert_eq!(v, json!({"1": "x", "true": "y"}));
    }
}
