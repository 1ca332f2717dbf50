//! Kubernetes strategic merge patch: applying patches and computing two- and three-way
//! patches, driven by the patch metadata in a [`TypeTree`](crate::schema::TypeTree).
//!
//! Lists whose field has patch strategy `merge` are merged: by merge key for lists of
//! objects, as sets for lists of scalars. Other lists and all scalars are replaced. The
//! directives `$patch` (`replace`, `delete`, and in lists `merge`), `$retainKeys`,
//! `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>` are honoured, and
//! `null` deletes a field. Fields the schema does not describe are merged like JSON
//! merge patch (maps merge, lists are replaced). Element ordering follows Kubernetes
//! exactly, including its sort algorithm.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::errors::{compact, type_name, PatchError};
use super::json_patch::json_equal;
use crate::schema::{FieldInfo, Node, NodeKind};

/// The `$patch` directive key.
pub const DIRECTIVE_MARKER: &str = "$patch";
/// `$patch: delete`.
pub const DELETE_DIRECTIVE: &str = "delete";
/// `$patch: replace`.
pub const REPLACE_DIRECTIVE: &str = "replace";
/// `$patch: merge`.
pub const MERGE_DIRECTIVE: &str = "merge";
/// The `$retainKeys` directive key.
pub const RETAIN_KEYS_DIRECTIVE: &str = "$retainKeys";
/// Prefix of `$deleteFromPrimitiveList/<field>` keys.
pub const DELETE_FROM_PRIMITIVE_LIST_PREFIX: &str = "$deleteFromPrimitiveList";
/// Prefix of `$setElementOrder/<field>` keys.
pub const SET_ELEMENT_ORDER_PREFIX: &str = "$setElementOrder";

type Json = Map<String, Value>;

#[derive(Debug, Clone, Copy, Default)]
struct MergeOptions {
    merge_parallel_list: bool,
    ignore_unmatched_nulls: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct DiffOptions {
    set_element_order: bool,
    ignore_changes_and_additions: bool,
    ignore_deletions: bool,
    build_retain_keys: bool,
}

/// The list strategy left after separating out `retainKeys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    None,
    Merge,
    Replace,
}

/// Patch metadata of one field: retainKeys flag, main strategy, merge key.
#[derive(Debug, Clone, Default)]
struct Meta {
    retain_keys: bool,
    merge: bool,
    replace: bool,
    merge_key: String,
}

impl Meta {
    fn from_info(info: Option<&FieldInfo>) -> Meta {
        info.map_or_else(Meta::default, |f| Meta {
            retain_keys: f.patch.retain_keys,
            merge: f.patch.merge,
            replace: f.patch.replace,
            merge_key: f.merge_key.clone().unwrap_or_default(),
        })
    }

    fn strategy(&self) -> Result<Strategy, PatchError> {
        match (self.merge, self.replace) {
            (true, true) => Err(PatchError::Invalid(
                "a field cannot have both the merge and replace patch strategies".into(),
            )),
            (true, false) => Ok(Strategy::Merge),
            (false, true) => Ok(Strategy::Replace),
            (false, false) => Ok(Strategy::None),
        }
    }
}

/// The schema node and metadata for field `key` of `node`.
fn lookup<'a>(node: Node<'a>, key: &str) -> (Node<'a>, Meta) {
    match node.kind() {
        NodeKind::Object { .. } => match node.field(key) {
            Some((child, info)) => (child, Meta::from_info(Some(info))),
            None => (node.tree().free_form(), Meta::default()),
        },
        NodeKind::Map { .. } => (
            node.values().unwrap_or(node.tree().free_form()),
            Meta::default(),
        ),
        _ => (node.tree().free_form(), Meta::default()),
    }
}

/// Like [`lookup`] but returns the element node of a list field.
fn lookup_list<'a>(node: Node<'a>, key: &str) -> (Node<'a>, Meta) {
    let (child, meta) = lookup(node, key);
    (child.items().unwrap_or(child.tree().free_form()), meta)
}

// ---------------------------------------------------------------------------------------
// Go-compatible value helpers.

/// Go's `fmt.Sprintf("%v", v)` for JSON-decoded scalars, used for sorting.
fn go_string(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => go_float(n.as_f64().unwrap_or(0.0)),
        other => compact(other),
    }
}

fn go_float(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    // Go formats with the shortest round-trip digits, switching to exponent form
    // (`1e+06`, `1.5e-07`) when the decimal exponent is below -4 or at least 6.
    let sci = format!("{f:e}");
    let Some((mantissa, exp)) = sci.split_once('e') else {
        return sci;
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.unsigned_abs());
    }
    f.to_string()
}

/// Go's `==` on JSON-decoded interface values (numbers are float64).
fn go_eq(a: &Value, b: &Value) -> bool {
    json_equal(a, b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ElemKind {
    Map,
    List,
    String,
    Number,
    Bool,
}

fn value_kind(v: &Value) -> Option<ElemKind> {
    match v {
        Value::Object(_) => Some(ElemKind::Map),
        Value::Array(_) => Some(ElemKind::List),
        Value::String(_) => Some(ElemKind::String),
        Value::Number(_) => Some(ElemKind::Number),
        Value::Bool(_) => Some(ElemKind::Bool),
        Value::Null => None,
    }
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// The common element type of the given lists.
fn slice_element_type(lists: &[&[Value]]) -> Result<ElemKind, PatchError> {
    let mut found: Option<ElemKind> = None;
    for list in lists {
        for v in *list {
            let Some(kind) = value_kind(v) else {
                return Err(PatchError::Invalid(
                    "null elements in merged lists are not supported".into(),
                ));
            };
            match found {
                None if kind == ElemKind::List => return Err(PatchError::ListOfLists),
                None => found = Some(kind),
                Some(prev) if prev != kind => {
                    return Err(PatchError::Invalid(
                        "list elements do not all have the same type".into(),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    found.ok_or_else(|| PatchError::Invalid("no elements in any of the given lists".into()))
}

fn as_map(v: &Value) -> Result<&Json, PatchError> {
    v.as_object().ok_or_else(|| PatchError::BadArgType {
        expected: "map",
        found: type_name(v).to_string(),
    })
}

fn missing_key(element: &Json, key: &str) -> PatchError {
    PatchError::MissingMergeKey {
        element: compact(&Value::Object(element.clone())),
        key: key.to_string(),
    }
}

fn merge_key_value<'a>(v: &'a Value, key: &str) -> Result<&'a Value, PatchError> {
    let m = as_map(v)?;
    m.get(key).ok_or_else(|| missing_key(m, key))
}

fn has_directive(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.contains_key(DIRECTIVE_MARKER))
}

fn is_delete_directive(v: &Value) -> bool {
    v.get(DIRECTIVE_MARKER).and_then(Value::as_str) == Some(DELETE_DIRECTIVE)
}

/// Go's in-place duplicate removal (a later duplicate is replaced by the last element).
fn deduplicate_scalars(mut s: Vec<Value>) -> Vec<Value> {
    let mut length = s.len();
    let mut i = 0;
    while i + 1 < length {
        let mut j = i + 1;
        while j < length {
            let dup = matches!((s.get(i), s.get(j)), (Some(a), Some(b)) if go_eq(a, b));
            if dup {
                s.swap(j, length - 1);
                length -= 1;
                s.truncate(length);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
    s
}

fn sort_scalars(mut s: Vec<Value>) -> Vec<Value> {
    s.sort_by_key(go_string);
    s
}

/// Position of `val` in `list`, by merge key for maps or by value for scalars.
fn index_of(list: &[Value], val: &Value, merge_key: &str, kind: ElemKind) -> Option<usize> {
    let key_of = |v: &Value| -> Option<Value> {
        if kind == ElemKind::Map {
            Some(
                v.as_object()
                    .and_then(|m| m.get(merge_key))
                    .cloned()
                    .unwrap_or(Value::Null),
            )
        } else {
            Some(v.clone())
        }
    };
    let wanted = key_of(val)?;
    list.iter()
        .position(|item| key_of(item).is_some_and(|k| go_eq(&k, &wanted)))
}

// Go's sort.SliceStable (insertion sort blocks + SymMerge), reproduced so that the
// non-strict comparison Kubernetes uses yields the same order.
fn go_stable_sort<T, F: Fn(&T, &T) -> bool>(data: &mut [T], less: &F) {
    let n = data.len();
    let mut block = 20;
    let (mut a, mut b) = (0, block);
    while b <= n {
        insertion_sort(data, a, b, less);
        a = b;
        b += block;
    }
    insertion_sort(data, a, n, less);
    while block < n {
        a = 0;
        b = 2 * block;
        while b <= n {
            sym_merge(data, a, a + block, b, less);
            a = b;
            b += 2 * block;
        }
        let m = a + block;
        if m < n {
            sym_merge(data, a, m, n, less);
        }
        block *= 2;
    }
}

fn lt<T, F: Fn(&T, &T) -> bool>(data: &[T], i: usize, j: usize, less: &F) -> bool {
    match (data.get(i), data.get(j)) {
        (Some(x), Some(y)) => less(x, y),
        _ => false,
    }
}

fn insertion_sort<T, F: Fn(&T, &T) -> bool>(data: &mut [T], a: usize, b: usize, less: &F) {
    for i in a + 1..b {
        let mut j = i;
        while j > a && lt(data, j, j - 1, less) {
            data.swap(j, j - 1);
            j -= 1;
        }
    }
}

fn sym_merge<T, F: Fn(&T, &T) -> bool>(data: &mut [T], a: usize, m: usize, b: usize, less: &F) {
    if m - a == 1 {
        let (mut i, mut j) = (m, b);
        while i < j {
            let h = (i + j) / 2;
            if lt(data, h, a, less) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = a;
        while k + 1 < i {
            data.swap(k, k + 1);
            k += 1;
        }
        return;
    }
    if b - m == 1 {
        let (mut i, mut j) = (a, m);
        while i < j {
            let h = (i + j) / 2;
            if !lt(data, m, h, less) {
                i = h + 1;
            } else {
                j = h;
            }
        }
        let mut k = m;
        while k > i {
            data.swap(k, k - 1);
            k -= 1;
        }
        return;
    }
    let mid = (a + b) / 2;
    let n = mid + m;
    let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
    let p = n - 1;
    while start < r {
        let c = (start + r) / 2;
        if !lt(data, p - c, c, less) {
            start = c + 1;
        } else {
            r = c;
        }
    }
    let end = n - start;
    if start < m && m < end {
        if let Some(s) = data.get_mut(start..end) {
            s.rotate_left(m - start);
        }
    }
    if a < start && start < mid {
        sym_merge(data, a, start, mid, less);
    }
    if mid < end && end < b {
        sym_merge(data, mid, end, b, less);
    }
}

// ---------------------------------------------------------------------------------------
// Ordering.

fn validate_merge_key_in_lists(merge_key: &str, lists: &[&[Value]]) -> Result<(), PatchError> {
    for list in lists {
        for item in *list {
            merge_key_value(item, merge_key)?;
        }
    }
    Ok(())
}

fn extract_to_delete_items(list: Vec<Value>) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut keep = Vec::new();
    let mut delete = Vec::new();
    for v in list {
        as_map(&v)?;
        if is_delete_directive(&v) {
            delete.push(v);
        } else {
            keep.push(v);
        }
    }
    Ok((keep, delete))
}

fn normalize_slice_order(
    to_sort: Vec<Value>,
    order: &[Value],
    merge_key: &str,
    kind: ElemKind,
) -> Result<Vec<Value>, PatchError> {
    let (mut to_sort, to_delete) = if kind == ElemKind::Map {
        validate_merge_key_in_lists(merge_key, &[&to_sort, order])?;
        extract_to_delete_items(to_sort)?
    } else {
        (to_sort, Vec::new())
    };
    let less = |x: &Value, y: &Value| -> bool {
        match (
            index_of(order, x, merge_key, kind),
            index_of(order, y, merge_key, kind),
        ) {
            (Some(i), Some(j)) => i < j,
            _ => true,
        }
    };
    go_stable_sort(&mut to_sort, &less);
    to_sort.extend(to_delete);
    Ok(to_sort)
}

fn merge_sorted_slice(
    left: Vec<Value>,
    right: Vec<Value>,
    server_order: &[Value],
    merge_key: &str,
    kind: ElemKind,
) -> Vec<Value> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_left = match (left.peek(), right.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(r)) => match (
                index_of(server_order, l, merge_key, kind),
                index_of(server_order, r, merge_key, kind),
            ) {
                (Some(i), Some(j)) => i < j,
                _ => false,
            },
        };
        let next = if take_left { left.next() } else { right.next() };
        out.extend(next);
    }
    out
}

fn normalize_element_order(
    patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: &str,
    kind: ElemKind,
) -> Result<Vec<Value>, PatchError> {
    let patch = normalize_slice_order(patch, patch_order, merge_key, kind)?;
    let server_only = normalize_slice_order(server_only, server_order, merge_key, kind)?;
    Ok(merge_sorted_slice(
        server_only,
        patch,
        server_order,
        merge_key,
        kind,
    ))
}

fn partition_primitives(list: Vec<Value>, by: &[Value]) -> (Vec<Value>, Vec<Value>) {
    list.into_iter()
        .partition(|v| by.iter().any(|p| go_eq(p, v)))
}

fn partition_maps(
    list: Vec<Value>,
    by: &[Value],
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut present = Vec::new();
    let mut server_only = Vec::new();
    for v in list {
        let key_value = merge_key_value(&v, merge_key)?.clone();
        if find_by_key(by, merge_key, &key_value)?.is_some() {
            present.push(v);
        } else {
            server_only.push(v);
        }
    }
    Ok((present, server_only))
}

fn find_by_key(list: &[Value], key: &str, value: &Value) -> Result<Option<usize>, PatchError> {
    for (i, v) in list.iter().enumerate() {
        let m = v.as_object().ok_or_else(|| {
            PatchError::Invalid(format!("element {i} of a merged list is not a map"))
        })?;
        if m.get(key).is_some_and(|found| go_eq(found, value)) {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------
// Applying patches.

/// Applies a strategic merge patch to `original` (an object of the type described by
/// `node`) and returns the result.
pub fn strategic_merge_patch(
    original: &Value,
    patch: &Value,
    node: Node<'_>,
) -> Result<Value, PatchError> {
    let original = object_or_error(original, "original")?;
    let patch = object_or_error(patch, "patch")?;
    let opts = MergeOptions {
        merge_parallel_list: true,
        ignore_unmatched_nulls: true,
    };
    merge_map(original, patch, node, opts).map(Value::Object)
}

/// Combines several strategic merge patches into one, keeping directives (the way
/// Kubernetes merges patches without an object to apply them to).
pub fn merge_strategic_merge_patches(
    patches: &[Value],
    node: Node<'_>,
) -> Result<Value, PatchError> {
    let opts = MergeOptions::default();
    let mut merged = Map::new();
    for patch in patches {
        merged = merge_map(merged, object_or_error(patch, "patch")?, node, opts)?;
    }
    Ok(Value::Object(merged))
}

fn object_or_error(v: &Value, what: &str) -> Result<Json, PatchError> {
    match v {
        Value::Object(m) => Ok(m.clone()),
        Value::Null => Ok(Map::new()),
        other => Err(PatchError::BadDocument(format!(
            "the {what} must be a JSON object, not a {}",
            type_name(other)
        ))),
    }
}

fn handle_directive_in_map(directive: &Value, mut patch: Json) -> Result<Json, PatchError> {
    match directive.as_str() {
        Some(REPLACE_DIRECTIVE) => {
            patch.remove(DIRECTIVE_MARKER);
            Ok(patch)
        }
        Some(DELETE_DIRECTIVE) => Ok(Map::new()),
        _ => Err(PatchError::BadDirective {
            directive: compact(directive),
            element: compact(&Value::Object(patch)),
        }),
    }
}

fn extract_key(key: &str, prefix: &str) -> Result<String, PatchError> {
    match key.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest.to_string()),
        _ if prefix == DELETE_FROM_PRIMITIVE_LIST_PREFIX => {
            Err(PatchError::BadDeleteFromPrimitiveList)
        }
        _ => Err(PatchError::BadSetElementOrder(format!(
            "{key:?} does not name a field"
        ))),
    }
}

fn apply_retain_keys(
    original: &mut Json,
    patch: &mut Json,
    opts: MergeOptions,
) -> Result<(), PatchError> {
    let Some(retain) = patch.remove(RETAIN_KEYS_DIRECTIVE) else {
        return Ok(());
    };
    if !opts.merge_parallel_list {
        match original.get(RETAIN_KEYS_DIRECTIVE) {
            Some(existing) if !json_equal(existing, &retain) => {
                return Err(PatchError::BadRetainKeys(format!(
                    "{} and {} differ while combining patches",
                    compact(existing),
                    compact(&retain)
                )))
            }
            Some(_) => {}
            None => {
                original.insert(RETAIN_KEYS_DIRECTIVE.into(), retain);
            }
        }
        return Ok(());
    }
    let Value::Array(keys) = &retain else {
        return Err(PatchError::BadRetainKeys("it must be a list".into()));
    };
    let keep = |k: &str| keys.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch.iter() {
        if v.is_null()
            || k.starts_with(DELETE_FROM_PRIMITIVE_LIST_PREFIX)
            || k.starts_with(SET_ELEMENT_ORDER_PREFIX)
        {
            continue;
        }
        if !keep(k) {
            return Err(PatchError::BadRetainKeys(format!(
                "the patch sets {k:?}, which the directive does not retain"
            )));
        }
    }
    original.retain(|k, _| keep(k));
    Ok(())
}

/// Drops maps carrying `$patch`; returns `None` if `v` itself is such a map.
fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE_MARKER) {
                return None;
            }
            Some(Value::Object(
                m.into_iter()
                    .filter_map(|(k, v)| remove_directives(v).map(|v| (k, v)))
                    .collect(),
            ))
        }
        Value::Array(items) => Some(Value::Array(
            items.into_iter().filter_map(remove_directives).collect(),
        )),
        other => Some(other),
    }
}

fn validate_patch_with_set_order(
    patch_list: &[Value],
    order: &[Value],
    merge_key: &str,
) -> Result<(), PatchError> {
    if order.is_empty() || patch_list.is_empty() {
        return Ok(());
    }
    let non_delete = if merge_key.is_empty() {
        patch_list.to_vec()
    } else {
        extract_to_delete_items(patch_list.to_vec())?.0
    };
    let (mut pi, mut oi) = (0, 0);
    while let (Some(p), Some(o)) = (non_delete.get(pi), order.get(oi)) {
        if has_directive(p) {
            pi += 1;
            continue;
        }
        let equal = if merge_key.is_empty() {
            go_eq(p, o)
        } else {
            go_eq(
                merge_key_value(p, merge_key)?,
                merge_key_value(o, merge_key)?,
            )
        };
        if equal {
            pi += 1;
        }
        oi += 1;
    }
    if pi < non_delete.len() && oi >= order.len() {
        return Err(PatchError::BadSetElementOrder(format!(
            "the order of the patch list {} does not match the list {}",
            compact(&Value::Array(patch_list.to_vec())),
            compact(&Value::Array(order.to_vec()))
        )));
    }
    Ok(())
}

fn as_list(v: &Value) -> Result<Vec<Value>, PatchError> {
    match v {
        Value::Array(items) => Ok(items.clone()),
        other => Err(PatchError::BadArgType {
            expected: "list",
            found: type_name(other).to_string(),
        }),
    }
}

/// Applies every `$setElementOrder/<field>` directive together with its list.
fn merge_set_element_order(
    original: &mut Json,
    patch: &mut Json,
    node: Node<'_>,
    opts: MergeOptions,
) -> Result<(), PatchError> {
    let keys: Vec<String> = patch
        .keys()
        .filter(|k| k.starts_with(SET_ELEMENT_ORDER_PREFIX))
        .cloned()
        .collect();
    for key in keys {
        let Some(order_value) = patch.remove(&key) else {
            continue;
        };
        if !opts.merge_parallel_list {
            match original.get(&key) {
                Some(existing) if !json_equal(existing, &order_value) => {
                    return Err(PatchError::BadSetElementOrder(
                        "conflicting orders while combining patches".into(),
                    ))
                }
                Some(_) => {}
                None => {
                    original.insert(key.clone(), order_value.clone());
                }
            }
        }
        let order = as_list(&order_value)?;
        let field = extract_key(&key, SET_ELEMENT_ORDER_PREFIX)?;
        let original_list = original.get(&field).map(as_list).transpose()?;
        let patch_list = patch.get(&field).map(as_list).transpose()?;
        let (elem_node, meta) = lookup_list(node, &field);
        let strategy = meta.strategy()?;
        validate_patch_with_set_order(
            patch_list.as_deref().unwrap_or(&[]),
            &order,
            &meta.merge_key,
        )?;
        let merged = match (&original_list, &patch_list) {
            (Some(o), None) => o.clone(),
            (None, Some(p)) => match remove_directives(Value::Array(p.clone())) {
                Some(Value::Array(items)) => items,
                _ => continue,
            },
            (Some(o), Some(p)) => merge_slice_handler(
                o.clone(),
                p.clone(),
                elem_node,
                strategy,
                &meta.merge_key,
                false,
                opts,
            )?,
            (None, None) => continue,
        };
        let original_items = original_list.unwrap_or_default();
        let (in_order, server_only) = if meta.merge_key.is_empty() {
            partition_primitives(merged, &order)
        } else {
            partition_maps(merged, &order, &meta.merge_key)?
        };
        let kind = slice_element_type(&[&original_items, patch_list.as_deref().unwrap_or(&[])])?;
        let both = normalize_element_order(
            in_order,
            server_only,
            &order,
            &original_items,
            &meta.merge_key,
            kind,
        )?;
        original.insert(field.clone(), Value::Array(both));
        patch.remove(&field);
    }
    Ok(())
}

fn discard_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            for v in m.values_mut() {
                discard_nulls(v);
            }
        }
        Value::Array(items) => {
            for v in items {
                discard_nulls(v);
            }
        }
        _ => {}
    }
}

fn merge_map(
    mut original: Json,
    mut patch: Json,
    node: Node<'_>,
    opts: MergeOptions,
) -> Result<Json, PatchError> {
    if let Some(directive) = patch.get(DIRECTIVE_MARKER).cloned() {
        return handle_directive_in_map(&directive, patch);
    }
    apply_retain_keys(&mut original, &mut patch, opts)?;
    merge_set_element_order(&mut original, &mut patch, node, opts)?;

    for (raw_key, mut patch_v) in patch {
        let mut key = raw_key.clone();
        let mut is_delete_list = false;
        if raw_key.starts_with(DELETE_FROM_PRIMITIVE_LIST_PREFIX) {
            if !opts.merge_parallel_list {
                original.insert(raw_key, patch_v);
                continue;
            }
            key = extract_key(&raw_key, DELETE_FROM_PRIMITIVE_LIST_PREFIX)?;
            is_delete_list = true;
        }
        if patch_v.is_null() {
            original.remove(&key);
            if opts.ignore_unmatched_nulls {
                continue;
            }
        }
        let Some(original_v) = original.get_mut(&key) else {
            if !is_delete_list {
                if opts.ignore_unmatched_nulls {
                    discard_nulls(&mut patch_v);
                }
                original.insert(key, patch_v);
            }
            continue;
        };
        if !same_type(original_v, &patch_v) {
            if !is_delete_list {
                if opts.ignore_unmatched_nulls {
                    discard_nulls(&mut patch_v);
                }
                *original_v = patch_v;
            }
            continue;
        }
        let merged = match (std::mem::take(original_v), patch_v) {
            (Value::Object(o), Value::Object(p)) => {
                let (child, meta) = lookup(node, &key);
                if meta.strategy()? == Strategy::Replace {
                    Value::Object(p)
                } else {
                    Value::Object(merge_map(o, p, child, opts)?)
                }
            }
            (Value::Array(o), Value::Array(p)) => {
                let (elem, meta) = lookup_list(node, &key);
                let strategy = meta.strategy()?;
                Value::Array(merge_slice_handler(
                    o,
                    p,
                    elem,
                    strategy,
                    &meta.merge_key,
                    is_delete_list,
                    opts,
                )?)
            }
            (_, p) => p,
        };
        original.insert(key, merged);
    }
    Ok(original)
}

fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    elem: Node<'_>,
    strategy: Strategy,
    merge_key: &str,
    is_delete_list: bool,
    opts: MergeOptions,
) -> Result<Vec<Value>, PatchError> {
    if strategy == Strategy::Merge || is_delete_list {
        merge_slice(original, patch, elem, merge_key, opts, is_delete_list)
    } else {
        Ok(patch)
    }
}

fn merge_slice(
    original: Vec<Value>,
    patch: Vec<Value>,
    elem: Node<'_>,
    merge_key: &str,
    opts: MergeOptions,
    is_delete_list: bool,
) -> Result<Vec<Value>, PatchError> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let kind = slice_element_type(&[&original, &patch])?;
    let (original, patch, merged) = if kind != ElemKind::Map {
        if opts.merge_parallel_list && is_delete_list {
            return Ok(original
                .into_iter()
                .filter(|v| !patch.iter().any(|d| go_eq(d, v)))
                .collect());
        }
        let both: Vec<Value> = original.iter().chain(patch.iter()).cloned().collect();
        (original, patch, deduplicate_scalars(both))
    } else {
        if merge_key.is_empty() {
            return Err(PatchError::Invalid(format!(
                "cannot merge lists without a merge key for {}",
                elem.name().unwrap_or("an untyped list")
            )));
        }
        let (original, patch) = merge_special_elements(original, patch, merge_key)?;
        let merged = merge_plain_elements(original.clone(), &patch, merge_key, elem, opts)?;
        (original, patch, merged)
    };
    let (in_patch, server_only) = if merge_key.is_empty() {
        partition_primitives(merged, &patch)
    } else {
        partition_maps(merged, &patch, merge_key)?
    };
    normalize_element_order(in_patch, server_only, &patch, &original, merge_key, kind)
}

/// Handles `$patch` elements of a merge-keyed list: deletions, whole-list replacement.
fn merge_special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let mut plain = Vec::new();
    let mut replace = false;
    for v in patch {
        let m = as_map(&v)?;
        let Some(directive) = m.get(DIRECTIVE_MARKER) else {
            plain.push(v);
            continue;
        };
        match directive.as_str() {
            Some(DELETE_DIRECTIVE) => {
                let key_value = m.get(merge_key).ok_or_else(|| missing_key(m, merge_key))?;
                while let Some(i) = find_by_key(&original, merge_key, key_value)? {
                    original.remove(i);
                }
            }
            Some(REPLACE_DIRECTIVE) => replace = true,
            Some(MERGE_DIRECTIVE) => {
                return Err(PatchError::Invalid(
                    "a $patch: merge list element is not supported".into(),
                ))
            }
            _ => {
                return Err(PatchError::BadDirective {
                    directive: compact(directive),
                    element: compact(&v),
                })
            }
        }
    }
    if replace {
        Ok((plain, Vec::new()))
    } else {
        Ok((original, plain))
    }
}

fn merge_plain_elements(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    elem: Node<'_>,
    opts: MergeOptions,
) -> Result<Vec<Value>, PatchError> {
    for v in patch {
        let m = as_map(v)?;
        let key_value = m.get(merge_key).ok_or_else(|| missing_key(m, merge_key))?;
        match find_by_key(&original, merge_key, key_value)? {
            Some(i) => {
                if let Some(slot) = original.get_mut(i) {
                    let current = match std::mem::take(slot) {
                        Value::Object(o) => o,
                        _ => Map::new(),
                    };
                    *slot = Value::Object(merge_map(current, m.clone(), elem, opts)?);
                }
            }
            None => original.push(v.clone()),
        }
    }
    Ok(original)
}

// ---------------------------------------------------------------------------------------
// Computing patches.

/// Computes the strategic merge patch that turns `original` into `modified`
/// (including `$setElementOrder` directives), as `kubectl` and controllers do.
pub fn create_two_way_merge_patch(
    original: &Value,
    modified: &Value,
    node: Node<'_>,
) -> Result<Value, PatchError> {
    let original = object_or_error(original, "original")?;
    let modified = object_or_error(modified, "modified")?;
    let opts = DiffOptions {
        set_element_order: true,
        ..DiffOptions::default()
    };
    diff_maps(&original, &modified, node, opts).map(Value::Object)
}

/// Computes the three-way patch `kubectl apply` sends: changes from `current` to
/// `modified`, plus deletions of fields that were in `original` (the last applied
/// configuration) but are no longer in `modified`. With `overwrite` false, fails with
/// [`PatchError::Conflict`] when the patch touches fields changed since `original`.
pub fn create_three_way_merge_patch(
    original: &Value,
    modified: &Value,
    current: &Value,
    node: Node<'_>,
    overwrite: bool,
) -> Result<Value, PatchError> {
    let original = object_or_error(original, "original")?;
    let modified = object_or_error(modified, "modified")?;
    let current = object_or_error(current, "current")?;
    let delta = diff_maps(
        &current,
        &modified,
        node,
        DiffOptions {
            ignore_deletions: true,
            set_element_order: true,
            ..DiffOptions::default()
        },
    )?;
    let deletions = diff_maps(
        &original,
        &modified,
        node,
        DiffOptions {
            set_element_order: true,
            ignore_changes_and_additions: true,
            ..DiffOptions::default()
        },
    )?;
    let patch = merge_map(deletions, delta, node, MergeOptions::default())?;
    if !overwrite {
        let changed = diff_maps(&original, &current, node, DiffOptions::default())?;
        let patch_v = Value::Object(patch.clone());
        let changed_v = Value::Object(changed);
        if fields_conflict(&patch_v, &changed_v, node, Strategy::None, "")? {
            return Err(PatchError::Conflict {
                patch: compact(&patch_v),
                changes: compact(&changed_v),
            });
        }
    }
    Ok(Value::Object(patch))
}

fn diff_maps(
    original: &Json,
    modified: &Json,
    node: Node<'_>,
    opts: DiffOptions,
) -> Result<Json, PatchError> {
    let mut patch = Map::new();
    let mut retain: Vec<Value> = Vec::new();
    for (key, modified_v) in modified {
        if opts.build_retain_keys && !modified_v.is_null() {
            retain.push(Value::String(key.clone()));
        }
        let Some(original_v) = original.get(key) else {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), modified_v.clone());
            }
            continue;
        };
        if key == DIRECTIVE_MARKER {
            match (original_v.as_str(), modified_v.as_str()) {
                (Some(o), Some(m)) => {
                    if o != m {
                        patch.insert(key.clone(), modified_v.clone());
                    }
                    continue;
                }
                _ => {
                    return Err(PatchError::Invalid(format!(
                        "the value of {DIRECTIVE_MARKER} must be a string"
                    )))
                }
            }
        }
        if !same_type(original_v, modified_v) {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), modified_v.clone());
            }
            continue;
        }
        match (original_v, modified_v) {
            (Value::Object(o), Value::Object(m)) => {
                let (child, meta) = lookup(node, key);
                let strategy = meta.strategy()?;
                let mut sub_opts = opts;
                sub_opts.build_retain_keys = meta.retain_keys;
                if strategy == Strategy::Replace {
                    if !opts.ignore_changes_and_additions {
                        patch.insert(key.clone(), modified_v.clone());
                    }
                } else {
                    let sub = diff_maps(o, m, child, sub_opts)?;
                    if !sub.is_empty() {
                        patch.insert(key.clone(), Value::Object(sub));
                    }
                }
            }
            (Value::Array(o), Value::Array(m)) => {
                let (elem, meta) = lookup_list(node, key);
                if meta.strategy()? == Strategy::Merge {
                    let mut sub_opts = opts;
                    sub_opts.build_retain_keys = meta.retain_keys;
                    let (add, delete, order) = diff_lists(o, m, elem, &meta.merge_key, sub_opts)?;
                    if !add.is_empty() {
                        patch.insert(key.clone(), Value::Array(add));
                    }
                    if !delete.is_empty() {
                        patch.insert(
                            format!("{DELETE_FROM_PRIMITIVE_LIST_PREFIX}/{key}"),
                            Value::Array(delete),
                        );
                    }
                    if !order.is_empty() {
                        patch.insert(
                            format!("{SET_ELEMENT_ORDER_PREFIX}/{key}"),
                            Value::Array(order),
                        );
                    }
                } else if !opts.ignore_changes_and_additions && !json_equal(original_v, modified_v)
                {
                    patch.insert(key.clone(), modified_v.clone());
                }
            }
            _ => {
                if !opts.ignore_changes_and_additions && !json_equal(original_v, modified_v) {
                    patch.insert(key.clone(), modified_v.clone());
                }
            }
        }
    }
    if !opts.ignore_deletions {
        for key in original.keys() {
            if !modified.contains_key(key) {
                patch.insert(key.clone(), Value::Null);
            }
        }
    }
    let has_new_field = original
        .iter()
        .any(|(k, v)| !v.is_null() && !modified.contains_key(k));
    if !retain.is_empty() && (!patch.is_empty() || has_new_field) {
        patch.insert(
            RETAIN_KEYS_DIRECTIVE.into(),
            Value::Array(sort_scalars(retain)),
        );
    }
    Ok(patch)
}

type ListDiff = (Vec<Value>, Vec<Value>, Vec<Value>);

fn diff_lists(
    original: &[Value],
    modified: &[Value],
    elem: Node<'_>,
    merge_key: &str,
    opts: DiffOptions,
) -> Result<ListDiff, PatchError> {
    if original.is_empty() {
        if modified.is_empty() || opts.ignore_changes_and_additions {
            return Ok((Vec::new(), Vec::new(), Vec::new()));
        }
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    let kind = slice_element_type(&[original, modified])?;
    match kind {
        ElemKind::Map => {
            let (patch_list, delete_list) =
                diff_lists_of_maps(original, modified, elem, merge_key, opts)?;
            let mut patch_list = normalize_slice_order(patch_list, modified, merge_key, kind)?;
            let order_same = is_order_same(original, modified, merge_key)?;
            patch_list.extend(delete_list);
            let mut order = Vec::new();
            if opts.set_element_order
                && ((!opts.ignore_changes_and_additions && (!patch_list.is_empty() || !order_same))
                    || (!opts.ignore_deletions && !patch_list.is_empty()))
            {
                for v in modified {
                    let mut entry = Map::new();
                    entry.insert(
                        merge_key.to_string(),
                        v.get(merge_key).cloned().unwrap_or(Value::Null),
                    );
                    order.push(Value::Object(entry));
                }
            }
            Ok((patch_list, Vec::new(), order))
        }
        ElemKind::List => Err(PatchError::ListOfLists),
        _ => {
            let (add, delete) = diff_lists_of_scalars(original, modified, opts);
            let add = normalize_slice_order(add, modified, merge_key, kind)?;
            let changed = original.len() != modified.len()
                || original
                    .iter()
                    .zip(modified)
                    .any(|(a, b)| !json_equal(a, b));
            let order = if opts.set_element_order
                && ((!opts.ignore_deletions && !delete.is_empty())
                    || (!opts.ignore_changes_and_additions && changed))
            {
                modified.to_vec()
            } else {
                Vec::new()
            };
            Ok((add, delete, order))
        }
    }
}

fn is_order_same(
    original: &[Value],
    modified: &[Value],
    merge_key: &str,
) -> Result<bool, PatchError> {
    if original.len() != modified.len() {
        return Ok(false);
    }
    for (o, m) in original.iter().zip(modified) {
        if !go_eq(
            merge_key_value(o, merge_key)?,
            merge_key_value(m, merge_key)?,
        ) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn diff_lists_of_scalars(
    original: &[Value],
    modified: &[Value],
    opts: DiffOptions,
) -> (Vec<Value>, Vec<Value>) {
    let original = sort_scalars(original.to_vec());
    let modified = sort_scalars(modified.to_vec());
    let (mut oi, mut mi) = (0, 0);
    let mut add = Vec::new();
    let mut delete = Vec::new();
    loop {
        match (original.get(oi), modified.get(mi)) {
            (None, None) => break,
            (Some(o), Some(m)) => match go_string(o).cmp(&go_string(m)) {
                Ordering::Equal => {
                    oi += 1;
                    mi += 1;
                }
                Ordering::Greater => {
                    if !opts.ignore_changes_and_additions {
                        add.push(m.clone());
                    }
                    mi += 1;
                }
                Ordering::Less => {
                    if !opts.ignore_deletions {
                        delete.push(o.clone());
                    }
                    oi += 1;
                }
            },
            (None, Some(m)) => {
                if !opts.ignore_changes_and_additions {
                    add.push(m.clone());
                }
                mi += 1;
            }
            (Some(o), None) => {
                if !opts.ignore_deletions {
                    delete.push(o.clone());
                }
                oi += 1;
            }
        }
    }
    (add, deduplicate_scalars(delete))
}

fn sort_by_merge_key(list: &[Value], merge_key: &str) -> Result<Vec<Value>, PatchError> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let kind = slice_element_type(&[list])?;
    if kind != ElemKind::Map {
        return Ok(sort_scalars(deduplicate_scalars(list.to_vec())));
    }
    let mut out = list.to_vec();
    out.sort_by_key(|v| go_string(v.get(merge_key).unwrap_or(&Value::Null)));
    Ok(out)
}

fn diff_lists_of_maps(
    original: &[Value],
    modified: &[Value],
    elem: Node<'_>,
    merge_key: &str,
    opts: DiffOptions,
) -> Result<(Vec<Value>, Vec<Value>), PatchError> {
    let original = sort_by_merge_key(original, merge_key)?;
    let modified = sort_by_merge_key(modified, merge_key)?;
    let mut patch = Vec::new();
    let mut delete = Vec::new();
    let (mut oi, mut mi) = (0, 0);
    loop {
        let o = original.get(oi);
        let m = modified.get(mi);
        let ok = o.map(|v| merge_key_value(v, merge_key)).transpose()?;
        let mk = m.map(|v| merge_key_value(v, merge_key)).transpose()?;
        let step = match (ok, mk) {
            (None, None) => break,
            (Some(a), Some(b)) => go_string(a).cmp(&go_string(b)),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
        };
        match step {
            Ordering::Equal => {
                let (Some(o), Some(m), Some(mk)) = (o, m, mk) else {
                    break;
                };
                let mut sub = diff_maps(as_map(o)?, as_map(m)?, elem, opts)?;
                if !sub.is_empty() {
                    sub.insert(merge_key.to_string(), mk.clone());
                    patch.push(Value::Object(sub));
                }
                oi += 1;
                mi += 1;
            }
            Ordering::Greater => {
                if !opts.ignore_changes_and_additions {
                    patch.extend(m.cloned());
                }
                mi += 1;
            }
            Ordering::Less => {
                if !opts.ignore_deletions {
                    if let Some(k) = ok {
                        let mut d = Map::new();
                        d.insert(merge_key.to_string(), k.clone());
                        d.insert(DIRECTIVE_MARKER.into(), Value::from(DELETE_DIRECTIVE));
                        delete.push(Value::Object(d));
                    }
                }
                oi += 1;
            }
        }
    }
    Ok((patch, delete))
}

/// True when applying `left` and `right` (two patches against the same object) would
/// set some field to different values.
pub fn merging_maps_have_conflicts(
    left: &Value,
    right: &Value,
    node: Node<'_>,
) -> Result<bool, PatchError> {
    fields_conflict(left, right, node, Strategy::None, "")
}

fn fields_conflict(
    left: &Value,
    right: &Value,
    node: Node<'_>,
    strategy: Strategy,
    merge_key: &str,
) -> Result<bool, PatchError> {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => {
            let (lm, rm) = (l.get(DIRECTIVE_MARKER), r.get(DIRECTIVE_MARKER));
            if (lm.is_some() || rm.is_some()) && lm != rm {
                return Ok(true);
            }
            if strategy == Strategy::Replace {
                return Ok(false);
            }
            for (key, lv) in l {
                if key == DIRECTIVE_MARKER || key == RETAIN_KEYS_DIRECTIVE {
                    continue;
                }
                let Some(rv) = r.get(key) else { continue };
                let (child, meta) = match lv {
                    Value::Array(_) => lookup_list(node, key),
                    Value::Object(_) => lookup(node, key),
                    _ => (node.tree().free_form(), Meta::default()),
                };
                if fields_conflict(lv, rv, child, meta.strategy()?, &meta.merge_key)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        (Value::Object(_), _) | (Value::Array(_), _) if !same_type(left, right) => Ok(true),
        (Value::Array(l), Value::Array(r)) => {
            let kind = slice_element_type(&[l, r])?;
            if strategy == Strategy::Merge {
                if kind != ElemKind::Map {
                    return Ok(false);
                }
                for lv in l {
                    let key = merge_key_value(lv, merge_key)?;
                    if let Some(i) = find_by_key(r, merge_key, key)? {
                        if let Some(rv) = r.get(i) {
                            if fields_conflict(lv, rv, node, Strategy::None, "")? {
                                return Ok(true);
                            }
                        }
                    }
                }
                return Ok(false);
            }
            if l.len() != r.len() {
                return Ok(true);
            }
            let (l, r) = if kind != ElemKind::Map {
                (
                    sort_scalars(deduplicate_scalars(l.clone())),
                    sort_scalars(deduplicate_scalars(r.clone())),
                )
            } else {
                (l.clone(), r.clone())
            };
            for (a, b) in l.iter().zip(&r) {
                if fields_conflict(a, b, node, Strategy::None, "")? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Ok(!json_equal(left, right)),
    }
}

#[cfg(test)]
#[path = "strategic_merge_tests.rs"]
mod tests;
