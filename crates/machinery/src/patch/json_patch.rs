//! RFC 6902 JSON patch, with the lenient details of the implementation Kubernetes uses:
//! negative array indices count from the end, `-` appends, a missing `value` means
//! `null`, and testing an absent location against `null` succeeds.

use serde_json::Value;

use super::errors::PatchError;

/// The most operations one JSON patch may carry (the API server's limit).
pub const MAX_JSON_PATCH_OPERATIONS: usize = 10_000;

/// One JSON patch operation.
#[derive(Debug, Clone, PartialEq)]
pub enum PatchOperation {
    /// Insert or set a value.
    Add {
        /// Target location.
        path: String,
        /// Value to add.
        value: Value,
    },
    /// Remove the value at a location.
    Remove {
        /// Target location.
        path: String,
    },
    /// Replace an existing value.
    Replace {
        /// Target location.
        path: String,
        /// New value.
        value: Value,
    },
    /// Move a value.
    Move {
        /// Source location.
        from: String,
        /// Target location.
        path: String,
    },
    /// Copy a value.
    Copy {
        /// Source location.
        from: String,
        /// Target location.
        path: String,
    },
    /// Check that a location holds a value.
    Test {
        /// Location to check.
        path: String,
        /// Expected value.
        value: Value,
    },
}

impl PatchOperation {
    /// The operation's name (`add`, `remove`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            PatchOperation::Add { .. } => "add",
            PatchOperation::Remove { .. } => "remove",
            PatchOperation::Replace { .. } => "replace",
            PatchOperation::Move { .. } => "move",
            PatchOperation::Copy { .. } => "copy",
            PatchOperation::Test { .. } => "test",
        }
    }
}

/// A parsed JSON patch document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonPatch(pub Vec<PatchOperation>);

impl JsonPatch {
    /// Parses a patch from its JSON form (an array of operation objects).
    pub fn from_value(value: &Value) -> Result<Self, PatchError> {
        let Value::Array(items) = value else {
            return Err(PatchError::BadJsonPatch(
                "a JSON patch must be a list of operations".into(),
            ));
        };
        if items.len() > MAX_JSON_PATCH_OPERATIONS {
            return Err(PatchError::BadJsonPatch(format!(
                "at most {MAX_JSON_PATCH_OPERATIONS} operations are allowed, got {}",
                items.len()
            )));
        }
        let mut ops = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Value::Object(obj) = item else {
                return Err(PatchError::BadJsonPatch(format!(
                    "operation {i} is not an object"
                )));
            };
            let text = |key: &str| -> Result<String, PatchError> {
                match obj.get(key) {
                    Some(Value::String(s)) => Ok(s.clone()),
                    _ => Err(PatchError::BadJsonPatch(format!(
                        "operation {i} is missing the string field {key:?}"
                    ))),
                }
            };
            let value = || obj.get("value").cloned().unwrap_or(Value::Null);
            let op = text("op")?;
            ops.push(match op.as_str() {
                "add" => PatchOperation::Add {
                    path: text("path")?,
                    value: value(),
                },
                "remove" => PatchOperation::Remove {
                    path: text("path")?,
                },
                "replace" => PatchOperation::Replace {
                    path: text("path")?,
                    value: value(),
                },
                "move" => PatchOperation::Move {
                    from: text("from")?,
                    path: text("path")?,
                },
                "copy" => PatchOperation::Copy {
                    from: text("from")?,
                    path: text("path")?,
                },
                "test" => PatchOperation::Test {
                    path: text("path")?,
                    value: value(),
                },
                other => {
                    return Err(PatchError::BadJsonPatch(format!(
                        "operation {i} has unknown kind {other:?}"
                    )))
                }
            });
        }
        Ok(JsonPatch(ops))
    }

    /// Parses a patch from JSON bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, PatchError> {
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| PatchError::BadJsonPatch(e.to_string()))?;
        Self::from_value(&v)
    }

    /// Applies the patch to a copy of `doc`.
    pub fn apply(&self, doc: &Value) -> Result<Value, PatchError> {
        let mut out = doc.clone();
        for (index, op) in self.0.iter().enumerate() {
            apply_op(&mut out, op).map_err(|reason| PatchError::JsonPatch {
                index,
                op: op.name().to_string(),
                reason,
            })?;
        }
        Ok(out)
    }
}

/// Parses and applies a JSON patch given as a JSON value.
pub fn apply_json_patch(doc: &Value, patch: &Value) -> Result<Value, PatchError> {
    JsonPatch::from_value(patch)?.apply(doc)
}

/// Escapes one JSON pointer reference token (`~` -> `~0`, `/` -> `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reverses [`escape_pointer_token`].
pub fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Splits a pointer into parent tokens and the last token. The root pointer has none.
fn split_pointer(path: &str) -> Result<(Vec<String>, String), String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("path {path:?} does not point inside the document"));
    };
    let mut tokens: Vec<String> = rest.split('/').map(unescape_pointer_token).collect();
    let last = tokens.pop().unwrap_or_default();
    Ok((tokens, last))
}

/// Parses an array index the way Go's `strconv.Atoi` would.
fn parse_index(token: &str) -> Option<i64> {
    let digits = token.strip_prefix(['+', '-']).unwrap_or(token);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse::<i64>().ok()
}

/// Resolves an index into an existing element (negative counts from the end).
fn element_index(token: &str, len: usize) -> Result<usize, String> {
    let idx = parse_index(token).ok_or_else(|| format!("invalid array index {token:?}"))?;
    let len_i = i64::try_from(len).unwrap_or(i64::MAX);
    let resolved = if idx < 0 { idx + len_i } else { idx };
    if resolved < 0 || resolved >= len_i {
        return Err(format!("array index {token} is out of range"));
    }
    usize::try_from(resolved).map_err(|_| format!("array index {token} is out of range"))
}

fn resolve_mut<'a>(
    doc: &'a mut Value,
    tokens: &[String],
    path: &str,
) -> Result<&'a mut Value, String> {
    let mut cur = doc;
    for token in tokens {
        cur = match cur {
            Value::Object(map) => map.get_mut(token),
            Value::Array(list) => {
                let len = list.len();
                let i = element_index(token, len).map_err(|_| missing(path))?;
                list.get_mut(i)
            }
            _ => None,
        }
        .ok_or_else(|| missing(path))?;
    }
    Ok(cur)
}

fn missing(path: &str) -> String {
    format!("the document has no value at {path:?}")
}

fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(doc);
    }
    let (parents, last) = split_pointer(path).ok()?;
    let mut cur = doc;
    for token in parents.iter().chain(std::iter::once(&last)) {
        cur = match cur {
            Value::Object(map) => map.get(token)?,
            Value::Array(list) => list.get(element_index(token, list.len()).ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let (parents, last) = split_pointer(path)?;
    match resolve_mut(doc, &parents, path)? {
        Value::Object(map) => {
            map.insert(last, value);
            Ok(())
        }
        Value::Array(list) => {
            let len = list.len();
            let at = if last == "-" {
                len
            } else {
                let idx =
                    parse_index(&last).ok_or_else(|| format!("invalid array index {last:?}"))?;
                let new_len = i64::try_from(len + 1).unwrap_or(i64::MAX);
                let resolved = if idx < 0 { idx + new_len } else { idx };
                if resolved < 0 || resolved > i64::try_from(len).unwrap_or(i64::MAX) {
                    return Err(format!("array index {last} is out of range"));
                }
                usize::try_from(resolved)
                    .map_err(|_| format!("array index {last} is out of range"))?
            };
            list.insert(at, value);
            Ok(())
        }
        _ => Err(missing(path)),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let (parents, last) = split_pointer(path)?;
    match resolve_mut(doc, &parents, path)? {
        Value::Object(map) => map.remove(&last).ok_or_else(|| missing(path)),
        Value::Array(list) => {
            let i = element_index(&last, list.len())?;
            Ok(list.remove(i))
        }
        _ => Err(missing(path)),
    }
}

fn replace(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let (parents, last) = split_pointer(path)?;
    let slot = match resolve_mut(doc, &parents, path)? {
        Value::Object(map) => map.get_mut(&last),
        Value::Array(list) => {
            let i = element_index(&last, list.len())?;
            list.get_mut(i)
        }
        _ => None,
    }
    .ok_or_else(|| missing(path))?;
    *slot = value;
    Ok(())
}

fn apply_op(doc: &mut Value, op: &PatchOperation) -> Result<(), String> {
    match op {
        PatchOperation::Add { path, value } => add(doc, path, value.clone()),
        PatchOperation::Remove { path } => remove(doc, path).map(|_| ()),
        PatchOperation::Replace { path, value } => replace(doc, path, value.clone()),
        PatchOperation::Move { from, path } => {
            if path.starts_with(&format!("{from}/")) {
                return Err(format!("cannot move {from:?} into its own child {path:?}"));
            }
            let v = remove(doc, from)?;
            add(doc, path, v)
        }
        PatchOperation::Copy { from, path } => {
            let v = get(doc, from).cloned().ok_or_else(|| missing(from))?;
            add(doc, path, v)
        }
        PatchOperation::Test { path, value } => match get(doc, path) {
            Some(found) if json_equal(found, value) => Ok(()),
            None if value.is_null() => Ok(()),
            Some(found) => Err(format!("the value at {path:?} is {found}, not {value}")),
            None => Err(missing(path)),
        },
    }
}

/// JSON equality where numbers compare by value (`1 == 1.0`).
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(doc: Value, patch: Value) -> Result<Value, PatchError> {
        apply_json_patch(&doc, &patch)
    }

    #[test]
    fn successful_operations() {
        let cases = [
            (
                json!({"foo": "bar"}),
                json!([{"op": "add", "path": "/baz", "value": "qux"}]),
                json!({"foo": "bar", "baz": "qux"}),
            ),
            (
                json!({"foo": ["bar", "baz"]}),
                json!([{"op": "add", "path": "/foo/1", "value": "qux"}]),
                json!({"foo": ["bar", "qux", "baz"]}),
            ),
            (
                json!({"foo": [1]}),
                json!([{"op": "add", "path": "/foo/-", "value": 2}]),
                json!({"foo": [1, 2]}),
            ),
            (
                json!({"foo": [1, 2]}),
                json!([{"op": "add", "path": "/foo/2", "value": 3}]),
                json!({"foo": [1, 2, 3]}),
            ),
            (
                json!({"foo": [1, 2]}),
                json!([{"op": "add", "path": "/foo/-1", "value": 3}]),
                json!({"foo": [1, 2, 3]}),
            ),
            (
                json!({"baz": "qux", "foo": "bar"}),
                json!([{"op": "remove", "path": "/baz"}]),
                json!({"foo": "bar"}),
            ),
            (
                json!({"foo": [1, 2, 3]}),
                json!([{"op": "remove", "path": "/foo/-1"}]),
                json!({"foo": [1, 2]}),
            ),
            (
                json!({"baz": "qux"}),
                json!([{"op": "replace", "path": "/baz", "value": "boo"}]),
                json!({"baz": "boo"}),
            ),
            (
                json!({"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}),
                json!([{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}]),
                json!({"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}),
            ),
            (
                json!({"foo": ["all", "grass", "cows", "eat"]}),
                json!([{"op": "move", "from": "/foo/1", "path": "/foo/3"}]),
                json!({"foo": ["all", "cows", "eat", "grass"]}),
            ),
            (
                json!({"a": {"b": 1}}),
                json!([{"op": "copy", "from": "/a", "path": "/c"}]),
                json!({"a": {"b": 1}, "c": {"b": 1}}),
            ),
            (
                json!({"a/b": 1, "m~n": 2}),
                json!([{"op": "replace", "path": "/a~1b", "value": 3}, {"op": "remove", "path": "/m~0n"}]),
                json!({"a/b": 3}),
            ),
            (
                json!({"a": 1}),
                json!([{"op": "test", "path": "/a", "value": 1.0}, {"op": "test", "path": "/missing", "value": null}]),
                json!({"a": 1}),
            ),
            (
                json!({"metadata": {"labels": {"a": "b"}}}),
                json!([{"op": "add", "path": "/metadata/labels/c"}]),
                json!({"metadata": {"labels": {"a": "b", "c": null}}}),
            ),
            (
                json!({"a": [1]}),
                json!([{"op": "test", "path": "", "value": {"a": [1]}}]),
                json!({"a": [1]}),
            ),
        ];
        for (doc, patch, want) in cases {
            let got = run(doc.clone(), patch.clone());
            assert_eq!(got.as_ref().ok(), Some(&want), "{doc} + {patch}: {got:?}");
        }
    }

    #[test]
    fn failures() {
        let cases = [
            (json!({"a": 1}), json!([{"op": "remove", "path": "/b"}])),
            (
                json!({"a": 1}),
                json!([{"op": "replace", "path": "/b", "value": 1}]),
            ),
            (
                json!({"a": [1]}),
                json!([{"op": "add", "path": "/a/5", "value": 1}]),
            ),
            (
                json!({"a": [1]}),
                json!([{"op": "add", "path": "/a/-3", "value": 1}]),
            ),
            (
                json!({"a": [1]}),
                json!([{"op": "replace", "path": "/a/1", "value": 1}]),
            ),
            (json!({"a": [1]}), json!([{"op": "remove", "path": "/a/x"}])),
            (json!({"a": [1]}), json!([{"op": "remove", "path": "/a/-"}])),
            (
                json!({"a": 1}),
                json!([{"op": "add", "path": "/x/y", "value": 1}]),
            ),
            (
                json!({"a": 1}),
                json!([{"op": "add", "path": "a", "value": 1}]),
            ),
            (
                json!({"a": 1}),
                json!([{"op": "add", "path": "", "value": 1}]),
            ),
            (
                json!({"a": 1}),
                json!([{"op": "test", "path": "/a", "value": 2}]),
            ),
            (
                json!({"a": 1}),
                json!([{"op": "test", "path": "/b", "value": 2}]),
            ),
            (
                json!({"a": {"b": 1}}),
                json!([{"op": "move", "from": "/a", "path": "/a/c"}]),
            ),
            (
                json!({"a": 1}),
                json!([{"op": "copy", "from": "/z", "path": "/c"}]),
            ),
            (json!({"a": 1}), json!([{"op": "frobnicate", "path": "/a"}])),
            (json!({"a": 1}), json!([{"path": "/a"}])),
            (json!({"a": 1}), json!({"op": "add"})),
            (json!({"a": 1}), json!([1])),
            (
                json!({"a": "s"}),
                json!([{"op": "add", "path": "/a/b", "value": 1}]),
            ),
        ];
        for (doc, patch) in cases {
            assert!(run(doc.clone(), patch.clone()).is_err(), "{doc} + {patch}");
        }
        let err = run(
            json!({"a": 1}),
            json!([{"op": "test", "path": "/a", "value": 1}, {"op": "remove", "path": "/q"}]),
        );
        assert!(matches!(err, Err(PatchError::JsonPatch { index: 1, .. })));
    }

    #[test]
    fn failed_patch_leaves_input_untouched() {
        let doc = json!({"a": 1});
        let _ = run(
            doc.clone(),
            json!([{"op": "add", "path": "/b", "value": 2}, {"op": "remove", "path": "/zz"}]),
        );
        assert_eq!(doc, json!({"a": 1}));
    }

    #[test]
    fn limits_and_escaping() {
        let many = Value::Array(vec![
            json!({"op": "test", "path": "/a", "value": 1});
            MAX_JSON_PATCH_OPERATIONS + 1
        ]);
        assert!(JsonPatch::from_value(&many).is_err());
        assert_eq!(escape_pointer_token("a/b~c"), "a~1b~0c");
        assert_eq!(unescape_pointer_token("a~1b~0c"), "a/b~c");
        assert!(JsonPatch::from_slice(b"[{\"op\":\"remove\",\"path\":\"/a\"}]").is_ok());
        assert!(JsonPatch::from_slice(b"nope").is_err());
    }
}
