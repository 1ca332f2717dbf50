//! Small accessors for reading and defaulting objects held as JSON values.

use serde_json::{Map, Value};

/// The string at `key` of an object, if it is a string.
pub fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The string at `key`, or "" when missing.
pub fn str_or_empty<'a>(v: &'a Value, key: &str) -> &'a str {
    str_of(v, key).unwrap_or_default()
}

/// The integer at `key`, if present.
pub fn int_of(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

/// The boolean at `key`, false when missing.
pub fn bool_of(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The array at `key`, or an empty slice.
pub fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The object at `key`, if it is one.
pub fn map_of<'a>(v: &'a Value, key: &str) -> Option<&'a Map<String, Value>> {
    v.get(key).and_then(Value::as_object)
}

/// Whether `key` holds something other than null.
pub fn has(v: &Value, key: &str) -> bool {
    v.get(key).is_some_and(|x| !x.is_null())
}

/// Whether `key` holds a non-empty string.
pub fn has_str(v: &Value, key: &str) -> bool {
    str_of(v, key).is_some_and(|s| !s.is_empty())
}

/// Sets `key` to `value` when it is missing, null or an empty string.
pub fn default_field(v: &mut Value, key: &str, value: Value) {
    if let Some(map) = v.as_object_mut() {
        let missing = match map.get(key) {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if missing {
            map.insert(key.to_string(), value);
        }
    }
}

/// Sets `key` to `value` when it is missing, null or the integer zero.
pub fn default_nonzero(v: &mut Value, key: &str, value: i64) {
    if let Some(map) = v.as_object_mut() {
        let missing = match map.get(key) {
            None | Some(Value::Null) => true,
            Some(x) => x.as_i64() == Some(0),
        };
        if missing {
            map.insert(key.to_string(), Value::from(value));
        }
    }
}

/// Calls `f` on every element of the array at `key` (if any).
pub fn for_each_mut(v: &mut Value, key: &str, mut f: impl FnMut(&mut Value)) {
    if let Some(list) = v.get_mut(key).and_then(Value::as_array_mut) {
        list.iter_mut().for_each(&mut f);
    }
}

/// Calls `f` on the object at `key` when it is present and not null.
pub fn with_mut(v: &mut Value, key: &str, f: impl FnOnce(&mut Value)) {
    if let Some(x) = v.get_mut(key).filter(|x| !x.is_null()) {
        f(x);
    }
}

/// The object at `key`, created empty when missing or null.
pub fn ensure_object<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Map<String, Value>> {
    let map = v.as_object_mut()?;
    let entry = map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if entry.is_null() {
        *entry = Value::Object(Map::new());
    }
    entry.as_object_mut()
}

/// A string map (labels, selectors) at `key`, skipping non-string values.
pub fn string_map(v: &Value, key: &str) -> std::collections::BTreeMap<String, String> {
    map_of(v, key)
        .map(|m| {
            m.iter()
                .filter_map(|(k, x)| x.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_fill_only_missing_values() {
        let mut v = json!({"a": "", "b": "x", "n": 0, "m": 5});
        default_field(&mut v, "a", json!("A"));
        default_field(&mut v, "b", json!("B"));
        default_field(&mut v, "c", json!("C"));
        default_nonzero(&mut v, "n", 3);
        default_nonzero(&mut v, "m", 3);
        assert_eq!(v, json!({"a": "A", "b": "x", "c": "C", "n": 3, "m": 5}));
    }

    #[test]
    fn ensure_object_replaces_null() {
        let mut v = json!({"s": null});
        ensure_object(&mut v, "s").map(|m| m.insert("k".into(), json!(1)));
        assert_eq!(v, json!({"s": {"k": 1}}));
    }
}
