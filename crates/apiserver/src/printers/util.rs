//! Shared helpers for the printers: reading fields out of JSON objects and
//! formatting them the way Kubernetes' printers do.
//!
//! Objects are read leniently: a missing or mistyped field reads as its zero
//! value (Go's behaviour for an unset field), so a malformed object still
//! yields a row instead of failing the whole table.

use std::collections::BTreeSet;

use capstan_machinery::{Quantity, Selector};
use jiff::Timestamp;
use serde_json::{json, Value};

use super::human_duration;

/// The text Kubernetes prints for an empty list or unset value.
pub(super) const NONE: &str = "<none>";
/// The text Kubernetes prints for an unset optional value.
pub(super) const UNSET: &str = "<unset>";
/// The text Kubernetes prints for an unknown time or value.
pub(super) const UNKNOWN: &str = "<unknown>";

/// The string at `v`, or `""`.
pub(super) fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The integer at `v`, or 0.
pub(super) fn int_of(v: &Value) -> i64 {
    v.as_i64().unwrap_or_default()
}

/// The boolean at `v`, or `default` when missing.
pub(super) fn bool_or(v: &Value, default: bool) -> bool {
    v.as_bool().unwrap_or(default)
}

/// The array at `v`, or an empty slice.
pub(super) fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

/// The number of entries in a map (or list) at `v`; 0 when missing.
pub(super) fn len_of(v: &Value) -> usize {
    match v {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        _ => 0,
    }
}

/// The object's `metadata.name` as a cell.
pub(super) fn name_cell(obj: &Value) -> Value {
    json!(str_of(&obj["metadata"]["name"]))
}

/// Parses a timestamp field; `None` when missing or unreadable (Go's zero time).
pub(super) fn timestamp(v: &Value) -> Option<Timestamp> {
    v.as_str().and_then(|s| s.parse::<Timestamp>().ok())
}

/// Whole seconds from `earlier` to `later`, truncated toward zero like Go's
/// `int(d.Seconds())`.
fn seconds_between(later: Timestamp, earlier: Timestamp) -> i64 {
    let nanos = later.as_nanosecond() - earlier.as_nanosecond();
    let secs = nanos / 1_000_000_000;
    i64::try_from(secs).unwrap_or(if secs < 0 { i64::MIN } else { i64::MAX })
}

/// `HumanDuration(later - earlier)`.
pub(super) fn human_between(later: Timestamp, earlier: Timestamp) -> String {
    human_duration(seconds_between(later, earlier))
}

/// Kubernetes' `translateTimestampSince`: how long ago `ts` was, or
/// `<unknown>` for a missing time.
pub(super) fn since(now: Timestamp, ts: Option<Timestamp>) -> String {
    match ts {
        Some(t) => human_between(now, t),
        None => UNKNOWN.to_string(),
    }
}

/// The Age cell: time since `metadata.creationTimestamp`.
pub(super) fn age_cell(obj: &Value, now: Timestamp) -> Value {
    json!(since(now, timestamp(&obj["metadata"]["creationTimestamp"])))
}

/// True when `metadata.deletionTimestamp` is set.
pub(super) fn deleting(obj: &Value) -> bool {
    !obj["metadata"]["deletionTimestamp"].is_null()
}

/// `labels.FormatLabels`: `k=v` pairs sorted by key, or `<none>`.
pub(super) fn format_labels(map: &Value) -> String {
    let Some(m) = map.as_object() else {
        return NONE.to_string();
    };
    let mut pairs: Vec<(&String, &str)> = m.iter().map(|(k, v)| (k, str_of(v))).collect();
    pairs.sort();
    let s = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    if s.is_empty() {
        NONE.to_string()
    } else {
        s
    }
}

/// `LabelSelectorAsSelector(sel).String()`: `""` for a missing or empty
/// selector, `Err` for an invalid one.
pub(super) fn selector_string(sel: &Value) -> Result<String, ()> {
    Selector::from_label_selector_value(sel)
        .map(|s| s.to_string())
        .map_err(|_| ())
}

/// `metav1.FormatLabelSelector`: the selector string, `<none>` when it is
/// empty and `<error>` when it is invalid.
pub(super) fn format_label_selector(sel: &Value) -> String {
    match selector_string(sel) {
        Ok(s) if s.is_empty() => NONE.to_string(),
        Ok(s) => s,
        Err(()) => "<error>".to_string(),
    }
}

/// Container names and images, each comma-joined (`layoutContainerCells`).
pub(super) fn container_cells(containers: &Value) -> (Value, Value) {
    let cs = list(containers);
    let names: Vec<&str> = cs.iter().map(|c| str_of(&c["name"])).collect();
    let images: Vec<&str> = cs.iter().map(|c| str_of(&c["image"])).collect();
    (json!(names.join(",")), json!(images.join(",")))
}

/// `Quantity.String()` of a quantity field: its canonical form, `"0"` when
/// missing (Go's zero quantity), the raw text when unparseable.
pub(super) fn quantity(v: &Value) -> String {
    match v {
        Value::String(s) => Quantity::parse(s)
            .map(|q| q.canonical())
            .unwrap_or_else(|_| s.clone()),
        Value::Number(n) => {
            let s = n.to_string();
            Quantity::parse(&s).map(|q| q.canonical()).unwrap_or(s)
        }
        _ => "0".to_string(),
    }
}

/// `Quantity.String()` of an optional quantity pointer: `<nil>` when missing.
pub(super) fn quantity_ptr(v: &Value) -> String {
    if v.is_null() {
        "<nil>".to_string()
    } else {
        quantity(v)
    }
}

/// `IntOrString.String()`.
pub(super) fn int_or_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => "0".to_string(),
    }
}

/// Go's `printBool`.
pub(super) fn bool_text(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `listWithMoreString`: at most `max` items, then `+ N more...`; `<unset>`
/// when empty.
pub(super) fn list_with_more(items: &[String], total: usize, max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    let ret = shown.join(",");
    if total > max {
        return format!("{ret} + {} more...", total - max);
    }
    if ret.is_empty() {
        UNSET.to_string()
    } else {
        ret
    }
}

/// A sorted, de-duplicated list of load-balancer ingress points (IP, else
/// hostname), comma-joined; the server always prints the wide form, which is
/// never clipped.
pub(super) fn load_balancer_ingress(ingress: &Value) -> String {
    let set: BTreeSet<&str> = list(ingress)
        .iter()
        .filter_map(|i| {
            let ip = str_of(&i["ip"]);
            let host = str_of(&i["hostname"]);
            if !ip.is_empty() {
                Some(ip)
            } else if !host.is_empty() {
                Some(host)
            } else {
                None
            }
        })
        .collect();
    set.into_iter().collect::<Vec<_>>().join(",")
}

/// `helper.GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that order.
pub(super) fn access_modes(modes: &Value) -> String {
    let modes: Vec<&str> = list(modes).iter().map(str_of).collect();
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(m, _)| modes.contains(m))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

#[cfg(test)]
pub(super) mod testing {
    //! Test helpers shared by the printer tests.

    use serde_json::Value;

    use crate::printers::{Column, Printer};

    /// A fixed "now" for the tests: 2024-05-01T12:00:00Z.
    pub fn now() -> jiff::Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("valid timestamp")
    }

    /// `now()` minus `secs`, as an RFC 3339 string.
    pub fn ago(secs: i64) -> String {
        let t = jiff::Timestamp::from_second(now().as_second() - secs).expect("in range");
        t.to_string()
    }

    /// The cells of `obj`, checking there is one per column.
    pub fn cells(p: &dyn Printer, obj: &Value) -> Vec<Value> {
        let c = p.cells(obj, now());
        assert_eq!(c.len(), p.columns().len(), "one cell per column");
        c
    }

    /// Column names, and names of the wide-only columns.
    pub fn names(p: &dyn Printer) -> (Vec<&'static str>, Vec<&'static str>) {
        let cols: Vec<Column> = p.columns();
        (
            cols.iter().map(|c| c.name).collect(),
            cols.iter()
                .filter(|c| c.priority == 1)
                .map(|c| c.name)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_selectors() {
        assert_eq!(format_labels(&json!({"b": "2", "a": "1"})), "a=1,b=2");
        assert_eq!(format_labels(&Value::Null), "<none>");
        assert_eq!(format_labels(&json!({})), "<none>");
        let sel = json!({"matchLabels": {"app": "web"}, "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["b", "a"]},
            {"key": "env", "operator": "DoesNotExist"}]});
        assert_eq!(format_label_selector(&sel), "app=web,!env,tier in (a,b)");
        assert_eq!(format_label_selector(&Value::Null), "<none>");
        assert_eq!(format_label_selector(&json!({})), "<none>");
        assert_eq!(selector_string(&Value::Null), Ok(String::new()));
        assert_eq!(
            format_label_selector(&json!({"matchExpressions": [{"key": "a", "operator": "Bad"}]})),
            "<error>"
        );
    }

    #[test]
    fn times() {
        let now: Timestamp = "2024-05-01T12:00:00Z".parse().expect("ts");
        assert_eq!(since(now, None), "<unknown>");
        assert_eq!(since(now, timestamp(&json!("2024-05-01T11:55:00Z"))), "5m");
        assert_eq!(
            since(now, timestamp(&json!("2024-05-01T11:59:59.500000Z"))),
            "0s"
        );
        assert_eq!(
            since(now, timestamp(&json!("2024-05-01T12:00:10Z"))),
            "<invalid>"
        );
    }

    #[test]
    fn quantities_and_lists() {
        assert_eq!(quantity(&json!("1024Mi")), "1Gi");
        assert_eq!(quantity(&json!("0.5")), "500m");
        assert_eq!(quantity(&Value::Null), "0");
        assert_eq!(quantity_ptr(&Value::Null), "<nil>");
        assert_eq!(int_or_string(&json!("50%")), "50%");
        assert_eq!(int_or_string(&json!(2)), "2");
        let items: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        assert_eq!(list_with_more(&items, 4, 3), "a,b,c + 1 more...");
        assert_eq!(list_with_more(&[], 0, 3), "<unset>");
        assert_eq!(
            access_modes(&json!(["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce"])),
            "RWO,RWX"
        );
        assert_eq!(
            load_balancer_ingress(
                &json!([{"ip": "5.6.7.8"}, {"hostname": "lb.example"}, {"ip": "1.2.3.4"}, {"ip": "1.2.3.4"}])
            ),
            "1.2.3.4,5.6.7.8,lb.example"
        );
    }
}
