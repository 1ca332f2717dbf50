//! Events (core/v1 and events.k8s.io/v1): when, what, and about which object.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{int_of, name_cell, since, str_of, timestamp};
use super::{Column, Printer};
use crate::registry::other::events::EventsV1Converter;
use crate::resource::VersionConverter;

/// Prints core/v1 Events.
pub(super) struct EventPrinter;

/// Prints events.k8s.io/v1 Events, which Kubernetes prints through the same
/// core Event printer after conversion.
pub(super) struct EventsV1Printer;

fn event_columns() -> Vec<Column> {
    vec![
        Column::string("Last Seen", "Time since the event last occurred."),
        Column::string("Type", "Normal or Warning."),
        Column::string("Reason", "A short machine-readable cause."),
        Column::string("Object", "The object the event is about, as kind/name."),
        Column::string("Subobject", "The part of the object involved, if any.").wide(),
        Column::string(
            "Source",
            "The component (and host) that reported the event.",
        )
        .wide(),
        Column::string("Message", "A human-readable description."),
        Column::string("First Seen", "Time since the event first occurred.").wide(),
        Column::string("Count", "How many times the event occurred.").wide(),
        Column::name().wide(),
    ]
}

fn first_non_empty<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.is_empty() {
        b
    } else {
        a
    }
}

/// Cells of a core/v1 Event.
fn event_cells(ev: &Value, now: Timestamp) -> Vec<Value> {
    let first = match timestamp(&ev["firstTimestamp"]) {
        Some(t) => since(now, Some(t)),
        None => since(now, timestamp(&ev["eventTime"])),
    };
    let mut last = match timestamp(&ev["lastTimestamp"]) {
        Some(t) => since(now, Some(t)),
        None => first.clone(),
    };
    let mut count = int_of(&ev["count"]);
    let series = &ev["series"];
    if series.is_object() {
        last = since(now, timestamp(&series["lastObservedTime"]));
        count = int_of(&series["count"]);
    } else if count == 0 {
        // Singleton events of the new API carry no count.
        count = 1;
    }

    let involved = &ev["involvedObject"];
    let kind = str_of(&involved["kind"]).to_lowercase();
    let name = str_of(&involved["name"]);
    let target = if name.is_empty() {
        kind
    } else {
        format!("{kind}/{name}")
    };

    let source = &ev["source"];
    let component = first_non_empty(
        str_of(&source["component"]),
        str_of(&ev["reportingComponent"]),
    );
    let host = first_non_empty(str_of(&source["host"]), str_of(&ev["reportingInstance"]));
    let source = if host.is_empty() {
        component.to_string()
    } else {
        format!("{component}, {host}")
    };

    vec![
        json!(last),
        json!(str_of(&ev["type"])),
        json!(str_of(&ev["reason"])),
        json!(target),
        json!(str_of(&involved["fieldPath"])),
        json!(source),
        json!(str_of(&ev["message"]).trim()),
        json!(first),
        json!(count),
        name_cell(ev),
    ]
}

impl Printer for EventPrinter {
    fn columns(&self) -> Vec<Column> {
        event_columns()
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        event_cells(obj, now)
    }
}

impl Printer for EventsV1Printer {
    fn columns(&self) -> Vec<Column> {
        event_columns()
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        match EventsV1Converter.to_storage(obj.clone()) {
            Ok(core) => event_cells(&core, now),
            Err(_) => event_cells(obj, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn columns() {
        let (all, wide) = names(&EventPrinter);
        assert_eq!(
            all,
            [
                "Last Seen",
                "Type",
                "Reason",
                "Object",
                "Subobject",
                "Source",
                "Message",
                "First Seen",
                "Count",
                "Name"
            ]
        );
        assert_eq!(wide, ["Subobject", "Source", "First Seen", "Count", "Name"]);
        let cols = EventPrinter.columns();
        assert_eq!(cols[9].format, "name");
        assert_eq!(cols[0].format, "");
    }

    #[test]
    fn classic_event() {
        let ev = json!({
            "metadata": {"name": "web-1.17a", "namespace": "default"},
            "involvedObject": {"kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"},
            "reason": "BackOff", "type": "Warning",
            "message": "Back-off restarting failed container\n",
            "source": {"component": "kubelet", "host": "node-a"},
            "firstTimestamp": ago(3600), "lastTimestamp": ago(45), "count": 12
        });
        assert_eq!(
            cells(&EventPrinter, &ev),
            vec![
                json!("45s"),
                json!("Warning"),
                json!("BackOff"),
                json!("pod/web-1"),
                json!("spec.containers{app}"),
                json!("kubelet, node-a"),
                json!("Back-off restarting failed container"),
                json!("60m"),
                json!(12),
                json!("web-1.17a"),
            ]
        );
    }

    #[test]
    fn new_style_event_fields() {
        // eventTime only, reporting controller, no count: a singleton.
        let ev = json!({
            "metadata": {"name": "e"},
            "involvedObject": {"kind": "Node"},
            "reason": "Starting", "type": "Normal", "message": "",
            "eventTime": "2024-05-01T11:58:59.500000Z",
            "reportingComponent": "kube-proxy", "reportingInstance": "kube-proxy-node-a"
        });
        let c = cells(&EventPrinter, &ev);
        assert_eq!(c[0], "60s");
        assert_eq!(c[3], "node");
        assert_eq!(c[5], "kube-proxy, kube-proxy-node-a");
        assert_eq!(c[7], "60s");
        assert_eq!(c[8], 1);
        // Nothing at all: unknown times.
        let c = cells(&EventPrinter, &json!({"metadata": {"name": "x"}}));
        assert_eq!(c[0], "<unknown>");
        assert_eq!(c[7], "<unknown>");
        assert_eq!(c[5], "");
    }

    #[test]
    fn series_event() {
        let ev = json!({
            "metadata": {"name": "s"},
            "involvedObject": {"kind": "Deployment", "name": "web"},
            "eventTime": ago(900),
            "series": {"count": 7, "lastObservedTime": ago(20)},
            "count": 2, "lastTimestamp": ago(300)
        });
        let c = cells(&EventPrinter, &ev);
        assert_eq!(c[0], "20s");
        assert_eq!(c[7], "15m");
        assert_eq!(c[8], 7);
    }

    #[test]
    fn events_v1() {
        let ev = json!({
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": {"name": "n1"},
            "regarding": {"kind": "Pod", "name": "p"},
            "note": " Pulled image ", "reason": "Pulled", "type": "Normal",
            "reportingController": "kubelet", "reportingInstance": "node-b",
            "eventTime": ago(10), "deprecatedCount": 3
        });
        assert_eq!(
            cells(&EventsV1Printer, &ev),
            vec![
                json!("10s"),
                json!("Normal"),
                json!("Pulled"),
                json!("pod/p"),
                json!(""),
                json!("kubelet, node-b"),
                json!("Pulled image"),
                json!("10s"),
                json!(3),
                json!("n1"),
            ]
        );
    }
}
