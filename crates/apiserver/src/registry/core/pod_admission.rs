//! What Kubernetes' default admission plugins do to a new pod: the
//! ServiceAccount plugin's default account, DefaultTolerationSeconds' tolerations,
//! and the Priority plugin's priority and preemption policy.

use serde_json::{json, Value};

use super::json::str_of;
use super::taints::add_default_tolerations;

/// The account a pod runs as when it names none.
pub const DEFAULT_SERVICE_ACCOUNT: &str = "default";
/// Preemption policy of pods whose priority class names none.
pub const DEFAULT_PREEMPTION_POLICY: &str = "PreemptLowerPriority";

/// A resolved priority class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorityClassInfo {
    /// The class's integer priority.
    pub value: i64,
    /// The class's preemption policy.
    pub preemption_policy: String,
}

/// Finds PriorityClasses for the Priority admission step. The built-in system
/// classes are always known; a store-backed implementation can answer for
/// user-defined classes and the global default.
pub trait PriorityClassLookup {
    /// The class named `name`, if known.
    fn class(&self, name: &str) -> Option<PriorityClassInfo>;
    /// The class marked `globalDefault`, if any.
    fn global_default(&self) -> Option<(String, PriorityClassInfo)>;
}

/// The lookup used today: only the built-in system classes, no global default.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemPriorityClasses;

impl PriorityClassLookup for SystemPriorityClasses {
    fn class(&self, name: &str) -> Option<PriorityClassInfo> {
        let value = match name {
            "system-node-critical" => 2_000_001_000,
            "system-cluster-critical" => 2_000_000_000,
            _ => return None,
        };
        Some(PriorityClassInfo {
            value,
            preemption_policy: DEFAULT_PREEMPTION_POLICY.into(),
        })
    }

    fn global_default(&self) -> Option<(String, PriorityClassInfo)> {
        None
    }
}

/// Applies the admission defaults to a new pod's spec.
pub fn admit_new_pod(spec: &mut Value, lookup: &dyn PriorityClassLookup) {
    if !spec.is_object() {
        return;
    }
    default_service_account(spec);
    add_default_tolerations(spec);
    apply_priority(spec, lookup);
}

fn default_service_account(spec: &mut Value) {
    let name = str_of(spec, "serviceAccountName")
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_SERVICE_ACCOUNT)
        .to_string();
    if let Some(map) = spec.as_object_mut() {
        map.insert("serviceAccountName".into(), json!(name));
        map.insert("serviceAccount".into(), json!(name));
    }
}

/// Sets `priority` (and `preemptionPolicy` when unset) from the pod's priority
/// class. A class the lookup does not know leaves the pod's values alone.
fn apply_priority(spec: &mut Value, lookup: &dyn PriorityClassLookup) {
    let class_name = str_of(spec, "priorityClassName")
        .unwrap_or_default()
        .to_string();
    let resolved = if class_name.is_empty() {
        match lookup.global_default() {
            Some((name, info)) => Some((Some(name), info)),
            None => Some((
                None,
                PriorityClassInfo {
                    value: 0,
                    preemption_policy: DEFAULT_PREEMPTION_POLICY.into(),
                },
            )),
        }
    } else {
        lookup.class(&class_name).map(|info| (None, info))
    };
    let Some((default_name, info)) = resolved else {
        return;
    };
    let Some(map) = spec.as_object_mut() else {
        return;
    };
    if let Some(name) = default_name {
        map.insert("priorityClassName".into(), json!(name));
    }
    map.insert("priority".into(), json!(info.value));
    if map.get("preemptionPolicy").is_none_or(Value::is_null) {
        map.insert("preemptionPolicy".into(), json!(info.preemption_policy));
    }
}

/// Adds the `PodScheduled=False/SchedulingGated` condition to a new pod whose
/// scheduling gates are not empty.
pub fn apply_scheduling_gated_condition(pod: &mut Value) {
    let gated = pod
        .pointer("/spec/schedulingGates")
        .and_then(Value::as_array)
        .is_some_and(|g| !g.is_empty());
    if !gated {
        return;
    }
    let Some(status) = pod.get_mut("status").and_then(Value::as_object_mut) else {
        return;
    };
    let conditions = status.entry("conditions").or_insert_with(|| json!([]));
    if let Some(list) = conditions.as_array_mut() {
        list.retain(|c| c.get("type").and_then(Value::as_str) != Some("PodScheduled"));
        list.push(json!({
            "type": "PodScheduled",
            "status": "False",
            "reason": "SchedulingGated",
            "message": "Scheduling is blocked due to non-empty scheduling gates",
            "lastProbeTime": null,
            "lastTransitionTime": crate::registry::meta::now_rfc3339(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_for_plain_pod() {
        let mut spec = json!({"containers": []});
        admit_new_pod(&mut spec, &SystemPriorityClasses);
        assert_eq!(spec["serviceAccountName"], "default");
        assert_eq!(spec["serviceAccount"], "default");
        assert_eq!(spec["priority"], 0);
        assert_eq!(spec["preemptionPolicy"], "PreemptLowerPriority");
        assert_eq!(spec["tolerations"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn system_class_priority() {
        let mut spec =
            json!({"priorityClassName": "system-node-critical", "serviceAccountName": "sa"});
        admit_new_pod(&mut spec, &SystemPriorityClasses);
        assert_eq!(spec["priority"], 2_000_001_000);
        assert_eq!(spec["serviceAccountName"], "sa");
        let mut unknown = json!({"priorityClassName": "custom"});
        admit_new_pod(&mut unknown, &SystemPriorityClasses);
        assert!(unknown.get("priority").is_none());
    }

    #[test]
    fn gated_condition() {
        let mut pod =
            json!({"spec": {"schedulingGates": [{"name": "g"}]}, "status": {"phase": "Pending"}});
        apply_scheduling_gated_condition(&mut pod);
        assert_eq!(pod["status"]["conditions"][0]["reason"], "SchedulingGated");
    }
}
