//! RFC 7386 JSON merge patch.

use serde_json::{Map, Value};

/// Applies a JSON merge patch: objects merge recursively, `null` deletes a key, anything
/// else (including arrays) replaces the target.
pub fn apply_merge_patch(target: &Value, patch: &Value) -> Value {
    let mut out = target.clone();
    merge_into(&mut out, patch);
    out
}

/// In-place form of [`apply_merge_patch`].
pub fn merge_into(target: &mut Value, patch: &Value) {
    let Value::Object(patch_map) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(target_map) = target {
        for (k, v) in patch_map {
            if v.is_null() {
                target_map.remove(k);
            } else {
                let slot = target_map.entry(k.clone()).or_insert(Value::Null);
                merge_into(slot, v);
            }
        }
    }
}

/// Computes a merge patch turning `original` into `modified` (keys removed in
/// `modified` become `null`; changed arrays and scalars are sent whole).
pub fn create_merge_patch(original: &Value, modified: &Value) -> Value {
    match (original, modified) {
        (Value::Object(o), Value::Object(m)) => {
            let mut patch = Map::new();
            for (k, mv) in m {
                match o.get(k) {
                    Some(ov) if ov == mv => {}
                    Some(ov @ Value::Object(_)) if mv.is_object() => {
                        patch.insert(k.clone(), create_merge_patch(ov, mv));
                    }
                    _ => {
                        patch.insert(k.clone(), mv.clone());
                    }
                }
            }
            for k in o.keys() {
                if !m.contains_key(k) {
                    patch.insert(k.clone(), Value::Null);
                }
            }
            Value::Object(patch)
        }
        _ => modified.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc7386_examples() {
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (
                json!({"a": "b"}),
                json!({"b": "c"}),
                json!({"a": "b", "b": "c"}),
            ),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (
                json!({"a": "b", "b": "c"}),
                json!({"a": null}),
                json!({"b": "c"}),
            ),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
            (
                json!({"a": {"b": "c"}}),
                json!({"a": {"b": "d", "c": null}}),
                json!({"a": {"b": "d"}}),
            ),
            (
                json!({"a": [{"b": "c"}]}),
                json!({"a": [1]}),
                json!({"a": [1]}),
            ),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "b"}), json!(["c"]), json!(["c"])),
            (json!({"a": "foo"}), json!(null), json!(null)),
            (json!({"a": "foo"}), json!("bar"), json!("bar")),
            (
                json!({"e": null}),
                json!({"a": 1}),
                json!({"e": null, "a": 1}),
            ),
            (
                json!([1, 2]),
                json!({"a": "b", "c": null}),
                json!({"a": "b"}),
            ),
            (
                json!({}),
                json!({"a": {"bb": {"ccc": null}}}),
                json!({"a": {"bb": {}}}),
            ),
        ];
        for (target, patch, want) in cases {
            assert_eq!(
                apply_merge_patch(&target, &patch),
                want,
                "{target} + {patch}"
            );
        }
    }

    #[test]
    fn create_round_trips() {
        let pairs = [
            (
                json!({"a": 1, "b": {"c": 2, "d": 3}}),
                json!({"a": 1, "b": {"c": 5}, "e": [1]}),
            ),
            (json!({"a": [1, 2]}), json!({"a": [2]})),
            (json!({}), json!({"x": {"y": null}})),
        ];
        for (o, m) in pairs {
            let p = create_merge_patch(&o, &m);
            let mut expected = m.clone();
            // Null values cannot be expressed by a merge patch; they are deletions.
            if let Some(x) = expected.get_mut("x") {
                *x = json!({});
            }
            assert_eq!(apply_merge_patch(&o, &p), expected, "{o} -> {m} via {p}");
        }
        assert_eq!(
            create_merge_patch(&json!({"a": 1, "b": 2}), &json!({"a": 1})),
            json!({"b": null})
        );
    }
}
