//! events.k8s.io/v1 Events: stored as core/v1 Events and converted field by field.

use serde_json::{Map, Value};

use crate::registry::strategy::Strategy;
use crate::resource::VersionConverter;

/// Behaviour of events.k8s.io/v1 Events.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventsV1Strategy;

impl Strategy for EventsV1Strategy {}

/// Field renames between events.k8s.io/v1 (left) and core/v1 (right).
const RENAMES: &[(&str, &str)] = &[
    ("regarding", "involvedObject"),
    ("note", "message"),
    ("deprecatedSource", "source"),
    ("deprecatedFirstTimestamp", "firstTimestamp"),
    ("deprecatedLastTimestamp", "lastTimestamp"),
    ("deprecatedCount", "count"),
    ("reportingController", "reportingComponent"),
];

/// Converts between events.k8s.io/v1 and the core/v1 storage form.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventsV1Converter;

fn rename(obj: Value, from_left: bool, api_version: &str) -> Result<Value, String> {
    let Value::Object(map) = obj else {
        return Err("event must be an object".into());
    };
    let mut out = Map::new();
    for (k, v) in map {
        let renamed = RENAMES
            .iter()
            .find(|(l, r)| if from_left { l == &k } else { r == &k })
            .map(|(l, r)| if from_left { *r } else { *l });
        out.insert(renamed.map(str::to_string).unwrap_or(k), v);
    }
    out.insert("apiVersion".into(), Value::String(api_version.into()));
    Ok(Value::Object(out))
}

impl VersionConverter for EventsV1Converter {
    fn to_storage(&self, obj: Value) -> Result<Value, String> {
        rename(obj, true, "v1")
    }

    fn from_storage(&self, obj: Value) -> Result<Value, String> {
        rename(obj, false, "events.k8s.io/v1")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_renamed_fields() {
        let v1 = json!({"apiVersion": "events.k8s.io/v1", "kind": "Event", "note": "hi", "regarding": {"kind": "Pod"}, "reason": "R"});
        let stored = EventsV1Converter.to_storage(v1.clone()).expect("converts");
        assert_eq!(stored["message"], "hi");
        assert_eq!(stored["involvedObject"]["kind"], "Pod");
        assert_eq!(stored["apiVersion"], "v1");
        assert_eq!(
            EventsV1Converter.from_storage(stored).expect("converts"),
            v1
        );
    }
}
