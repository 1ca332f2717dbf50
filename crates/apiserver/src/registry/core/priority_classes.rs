//! The PriorityClasses the Priority admission step resolves pods against, kept
//! current from the watch cache (as Kubernetes' admission plugin uses a lister).

use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::pod_admission::{
    PriorityClassInfo, PriorityClassLookup, SystemPriorityClasses, DEFAULT_PREEMPTION_POLICY,
};
use crate::api::Api;
use crate::watch_cache::WatchCache;

/// Resolves PriorityClasses from the `priorityclasses` watch cache once the API
/// is up (the built-in system classes are always known).
#[derive(Debug, Default)]
pub struct PriorityClassIndex {
    cache: OnceLock<(Arc<WatchCache>, String)>,
}

fn info_of(obj: &Value) -> PriorityClassInfo {
    PriorityClassInfo {
        value: obj.get("value").and_then(Value::as_i64).unwrap_or(0),
        preemption_policy: obj
            .get("preemptionPolicy")
            .and_then(Value::as_str)
            .unwrap_or(DEFAULT_PREEMPTION_POLICY)
            .to_string(),
    }
}

impl PriorityClassIndex {
    /// An index not yet connected to the API (only system classes resolve).
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Connects the index to the API's `priorityclasses` watch cache.
    pub fn connect(&self, api: &Api) {
        let Some(def) = api
            .catalog
            .get("scheduling.k8s.io", "v1", "priorityclasses")
        else {
            return;
        };
        if let Ok(cache) = api.cache(def) {
            let _ = self.cache.set((cache.clone(), def.storage_prefix.clone()));
        }
    }

    fn objects(&self) -> Vec<Value> {
        let Some((cache, prefix)) = self.cache.get() else {
            return Vec::new();
        };
        cache
            .list(prefix, None, 0, false, &|_| true)
            .items
            .iter()
            .map(|o| o.to_value(o.mod_revision))
            .collect()
    }
}

/// The global default among PriorityClass objects (the lowest value wins when
/// several claim it, as in Kubernetes).
pub fn global_default_of(objects: &[Value]) -> Option<(String, PriorityClassInfo)> {
    let mut default: Option<(String, PriorityClassInfo)> = None;
    for obj in objects {
        if obj.get("globalDefault").and_then(Value::as_bool) != Some(true) {
            continue;
        }
        let Some(name) = obj.pointer("/metadata/name").and_then(Value::as_str) else {
            continue;
        };
        let info = info_of(obj);
        if default.as_ref().is_none_or(|(_, d)| info.value < d.value) {
            default = Some((name.to_string(), info));
        }
    }
    default
}

impl PriorityClassLookup for PriorityClassIndex {
    fn class(&self, name: &str) -> Option<PriorityClassInfo> {
        if let Some((cache, prefix)) = self.cache.get() {
            if let (Some(obj), _) = cache.get(&format!("{prefix}{name}")) {
                return Some(info_of(&obj.to_value(obj.mod_revision)));
            }
        }
        SystemPriorityClasses.class(name)
    }

    fn global_default(&self) -> Option<(String, PriorityClassInfo)> {
        global_default_of(&self.objects())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_lowest_global_default_wins_and_system_classes_resolve() {
        let objects = [
            json!({"metadata": {"name": "high"}, "value": 1000, "preemptionPolicy": "Never"}),
            json!({"metadata": {"name": "d1"}, "value": 50, "globalDefault": true}),
            json!({"metadata": {"name": "d2"}, "value": 10, "globalDefault": true}),
        ];
        assert_eq!(
            global_default_of(&objects).map(|(n, c)| (n, c.value)),
            Some(("d2".to_string(), 10))
        );
        assert_eq!(info_of(&objects[0]).preemption_policy, "Never");
        let index = PriorityClassIndex::new();
        assert_eq!(
            index.class("system-node-critical").map(|c| c.value),
            Some(2_000_001_000)
        );
        assert!(index.class("missing").is_none());
    }
}
