//! The Pod strategy: pod-only defaults, admission defaults on create, the
//! initial status, update and status-update rules, graceful deletion and
//! field selectors.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::json::{bool_of, for_each_mut, int_of, items, str_of, str_or_empty};
use super::pod_admission::{
    admit_new_pod, apply_scheduling_gated_condition, SystemPriorityClasses,
};
use super::pod_qos::qos_class;
use super::pod_spec::{default_pod_spec, validate_pod_spec};
use super::pod_update::validate_pod_spec_update;
use crate::registry::strategy::{Strategy, StrategyCtx};

/// Pod phases.
pub const PHASES: &[&str] = &["Pending", "Running", "Succeeded", "Failed", "Unknown"];

/// Behaviour of this resource in the generic store.
#[derive(Clone)]
pub struct PodStrategy {
    priority_classes: std::sync::Arc<dyn super::pod_admission::PriorityClassLookup + Send + Sync>,
}

impl Default for PodStrategy {
    fn default() -> Self {
        Self {
            priority_classes: std::sync::Arc::new(SystemPriorityClasses),
        }
    }
}

impl std::fmt::Debug for PodStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PodStrategy").finish_non_exhaustive()
    }
}

impl PodStrategy {
    /// A pod strategy resolving priority classes through `lookup`.
    pub fn with_priority_classes(
        lookup: std::sync::Arc<dyn super::pod_admission::PriorityClassLookup + Send + Sync>,
    ) -> Self {
        Self {
            priority_classes: lookup,
        }
    }
}

/// Defaults that apply to pods but not to pod templates: service links,
/// requests copied from limits, and host ports under host networking.
pub fn default_pod_only(spec: &mut Value) {
    let Some(map) = spec.as_object_mut() else {
        return;
    };
    if map.get("enableServiceLinks").is_none_or(Value::is_null) {
        map.insert("enableServiceLinks".into(), json!(true));
    }
    let host_network = bool_of(spec, "hostNetwork");
    for key in ["containers", "initContainers"] {
        for_each_mut(spec, key, |c| {
            requests_from_limits(c);
            if host_network {
                for_each_mut(c, "ports", |p| {
                    if int_of(p, "hostPort").unwrap_or(0) == 0 {
                        if let (Some(port), Some(m)) =
                            (int_of(p, "containerPort"), p.as_object_mut())
                        {
                            m.insert("hostPort".into(), json!(port));
                        }
                    }
                });
            }
        });
    }
}

fn requests_from_limits(c: &mut Value) {
    let Some(resources) = c.get_mut("resources").and_then(Value::as_object_mut) else {
        return;
    };
    let Some(limits) = resources.get("limits").and_then(Value::as_object).cloned() else {
        return;
    };
    if limits.is_empty() {
        return;
    }
    let requests = resources.entry("requests").or_insert_with(|| json!({}));
    if requests.is_null() {
        *requests = json!({});
    }
    if let Some(requests) = requests.as_object_mut() {
        for (k, q) in limits {
            requests.entry(k).or_insert(q);
        }
    }
}

/// Keeps `status.podIP`/`podIPs` and `hostIP`/`hostIPs` consistent, as the v1
/// conversion does.
fn sync_ips(status: &mut Value) {
    for (single, plural) in [("podIP", "podIPs"), ("hostIP", "hostIPs")] {
        let first = items(status, plural)
            .first()
            .and_then(|x| x.get("ip"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let Some(map) = status.as_object_mut() else {
            return;
        };
        match first {
            Some(ip) => {
                map.insert(single.into(), json!(ip));
            }
            None => {
                if let Some(ip) = map
                    .get(single)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                {
                    let ip = ip.to_string();
                    map.insert(plural.into(), json!([{ "ip": ip }]));
                }
            }
        }
    }
}

fn validate_pod(obj: &Value) -> ErrorList {
    let null = Value::Null;
    let spec = obj.get("spec").unwrap_or(&null);
    let mut errs = validate_pod_spec(spec, &FieldPath::new("spec"), false);
    errs.extend(validate_pod_annotations(obj));
    errs
}

impl Strategy for PodStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        if let Some(spec) = obj.get_mut("spec") {
            default_pod_spec(spec);
            default_pod_only(spec);
        }
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        if let Some(spec) = obj.get_mut("spec") {
            admit_new_pod(spec, self.priority_classes.as_ref());
        }
        let qos = obj.get("spec").map(qos_class).unwrap_or("BestEffort");
        if let Some(map) = obj.as_object_mut() {
            map.insert(
                "status".into(),
                json!({"phase": "Pending", "qosClass": qos}),
            );
        }
        apply_scheduling_gated_condition(obj);
    }

    fn prepare_for_status_update(&self, new: &mut Value, old: &Value) {
        // Owner references only change through the main resource.
        let owners = old.pointer("/metadata/ownerReferences").cloned();
        if let Some(meta) = new.get_mut("metadata").and_then(Value::as_object_mut) {
            match owners {
                Some(o) => {
                    meta.insert("ownerReferences".into(), o);
                }
                None => {
                    meta.remove("ownerReferences");
                }
            }
        }
        let old_qos = old.pointer("/status/qosClass").cloned();
        if let Some(status) = new.get_mut("status").filter(|s| s.is_object()) {
            if str_or_empty(status, "qosClass").is_empty() {
                if let (Some(q), Some(m)) = (old_qos, status.as_object_mut()) {
                    m.insert("qosClass".into(), q);
                }
            }
            sync_ips(status);
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let mut errs = validate_pod(obj);
        let class = obj
            .pointer("/spec/priorityClassName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !class.is_empty() && self.priority_classes.class(class).is_none() {
            errs.push(capstan_machinery::validation::FieldError::not_found(
                &FieldPath::new("spec").child("priorityClassName"),
                class,
            ));
        }
        errs
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = validate_pod(new);
        errs.extend(validate_pod_spec_update(new, old));
        errs
    }

    fn validate_status_update(&self, new: &Value, old: &Value) -> ErrorList {
        validate_pod_status_update(new, old)
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &[
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
            "spec.host",
        ]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        let s = |p: &str| {
            obj.pointer(p)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        Some(match field {
            // `spec.host` is the name old clients use for `spec.nodeName`.
            "spec.nodeName" | "spec.host" => s("/spec/nodeName"),
            "spec.restartPolicy" => s("/spec/restartPolicy"),
            "spec.schedulerName" => s("/spec/schedulerName"),
            "spec.serviceAccountName" => s("/spec/serviceAccountName"),
            "spec.hostNetwork" => obj
                .pointer("/spec/hostNetwork")
                .and_then(Value::as_bool)
                .unwrap_or(false)
                .to_string(),
            "status.phase" => s("/status/phase"),
            "status.podIP" => obj
                .pointer("/status/podIPs/0/ip")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| s("/status/podIP")),
            "status.nominatedNodeName" => s("/status/nominatedNodeName"),
            _ => String::new(),
        })
    }

    fn grace_period(&self, obj: &Value, requested: Option<i64>) -> Option<i64> {
        let mut period = requested.unwrap_or_else(|| {
            obj.pointer("/spec/terminationGracePeriodSeconds")
                .and_then(Value::as_i64)
                .unwrap_or(0)
        });
        let unscheduled = obj
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty);
        let phase = obj.pointer("/status/phase").and_then(Value::as_str);
        if unscheduled || matches!(phase, Some("Failed" | "Succeeded")) {
            period = 0;
        }
        if period < 0 {
            period = 1;
        }
        Some(period)
    }

    fn returns_deleted_object(&self) -> bool {
        true
    }
}

fn validate_pod_annotations(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("metadata").child("annotations");
    if let Some(cost) = obj
        .pointer("/metadata/annotations/controller.kubernetes.io~1pod-deletion-cost")
        .and_then(Value::as_str)
    {
        if cost.parse::<i32>().is_err() {
            errs.push(FieldError::invalid(
                &path.key("controller.kubernetes.io/pod-deletion-cost"),
                cost,
                "must be a 32bit integer",
            ));
        }
    }
    if let Some(mirror) = obj
        .pointer("/metadata/annotations/kubernetes.io~1config.mirror")
        .and_then(Value::as_str)
    {
        let node = obj
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if node.is_empty() {
            errs.push(FieldError::invalid(
                &path.key("kubernetes.io/config.mirror"),
                mirror,
                "must set spec.nodeName if mirror pod annotation is set",
            ));
        }
    }
    errs
}

/// Validates a write to `pods/status`.
pub fn validate_pod_status_update(new: &Value, old: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("status");
    let null = Value::Null;
    let status = new.get("status").unwrap_or(&null);
    let old_status = old.get("status").unwrap_or(&null);
    if new.pointer("/spec/nodeName") != old.pointer("/spec/nodeName") {
        errs.push(FieldError::forbidden(
            &path.child("nodeName"),
            "may not be changed directly",
        ));
    }
    if let Some(phase) = str_of(status, "phase").filter(|p| !p.is_empty()) {
        if !PHASES.contains(&phase) {
            errs.push(FieldError::not_supported(
                &path.child("phase"),
                phase,
                PHASES,
            ));
        }
    }
    let old_qos = str_or_empty(old_status, "qosClass");
    let new_qos = str_or_empty(status, "qosClass");
    if !old_qos.is_empty() && new_qos != old_qos {
        errs.push(FieldError::invalid(
            &path.child("qosClass"),
            new_qos,
            "field is immutable",
        ));
    }
    let nominated = str_or_empty(status, "nominatedNodeName");
    if !nominated.is_empty() && nominated != str_or_empty(old_status, "nominatedNodeName") {
        for msg in v::is_dns1123_subdomain(nominated) {
            errs.push(FieldError::invalid(
                &path.child("nominatedNodeName"),
                nominated,
                msg,
            ));
        }
    }
    for plural in ["podIPs", "hostIPs"] {
        let list = items(status, plural);
        let mut seen = std::collections::HashSet::new();
        for (i, entry) in list.iter().enumerate() {
            let ip = str_or_empty(entry, "ip");
            let p = path.child(plural).index(i).child("ip");
            errs.extend(v::is_valid_ip(&p, ip));
            if !seen.insert(ip.to_string()) {
                errs.push(FieldError::duplicate(&p, ip));
            }
        }
        if list.len() > 2 {
            errs.push(FieldError::invalid(
                &path.child(plural),
                Value::Array(list.to_vec()),
                "may specify no more than one IP for each IP family",
            ));
        }
    }
    for (i, c) in items(status, "conditions").iter().enumerate() {
        let t = str_or_empty(c, "type");
        let p = path.child("conditions").index(i);
        for msg in v::is_qualified_name(t) {
            errs.push(FieldError::invalid(&p.child("type"), t, msg));
        }
        let st = str_or_empty(c, "status");
        if !["True", "False", "Unknown"].contains(&st) {
            errs.push(FieldError::not_supported(
                &p.child("status"),
                st,
                &["False", "True", "Unknown"],
            ));
        }
    }
    // A container that should not restart may not come back from terminated.
    let restart = old.pointer("/spec/restartPolicy").and_then(Value::as_str);
    if restart == Some("Never") {
        for (i, cs) in items(status, "containerStatuses").iter().enumerate() {
            let name = str_or_empty(cs, "name");
            let was_terminated = items(old_status, "containerStatuses")
                .iter()
                .find(|o| str_or_empty(o, "name") == name)
                .is_some_and(|o| o.pointer("/state/terminated").is_some_and(|t| !t.is_null()));
            let is_terminated = cs
                .pointer("/state/terminated")
                .is_some_and(|t| !t.is_null());
            if was_terminated && !is_terminated {
                errs.push(FieldError::forbidden(
                    &path.child("containerStatuses").index(i).child("state"),
                    "may not be transitioned to non-terminated state",
                ));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod_strategy() -> PodStrategy {
        <PodStrategy as Default>::default()
    }

    fn ctx() -> StrategyCtx<'static> {
        StrategyCtx {
            namespace: Some("default"),
            user: "admin",
        }
    }

    fn created(spec: Value) -> Value {
        let mut pod = json!({"metadata": {"name": "p", "namespace": "default"}, "spec": spec});
        pod_strategy().default(&mut pod);
        pod_strategy().prepare_for_create(&mut pod, &ctx());
        pod
    }

    #[test]
    fn create_defaults_status_and_admission() {
        let pod = created(json!({"containers": [{"name": "a", "image": "nginx",
            "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]}));
        assert_eq!(pod["spec"]["enableServiceLinks"], true);
        assert_eq!(pod["spec"]["serviceAccountName"], "default");
        assert_eq!(pod["spec"]["priority"], 0);
        assert_eq!(pod["spec"]["preemptionPolicy"], "PreemptLowerPriority");
        assert_eq!(
            pod["spec"]["containers"][0]["resources"]["requests"],
            json!({"cpu": "1", "memory": "1Gi"})
        );
        assert_eq!(
            pod["status"],
            json!({"phase": "Pending", "qosClass": "Guaranteed"})
        );
        let tolerations = pod["spec"]["tolerations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(tolerations.len(), 2);
        assert_eq!(tolerations[0]["key"], "node.kubernetes.io/not-ready");
        assert!(pod_strategy().validate(&pod).is_empty());
    }

    #[test]
    fn host_network_ports() {
        let pod = created(json!({"hostNetwork": true,
            "containers": [{"name": "a", "image": "x", "ports": [{"containerPort": 8080}]}]}));
        assert_eq!(pod["spec"]["containers"][0]["ports"][0]["hostPort"], 8080);
    }

    #[test]
    fn grace_periods() {
        let s = pod_strategy();
        let bound = json!({"spec": {"nodeName": "n", "terminationGracePeriodSeconds": 30}, "status": {"phase": "Running"}});
        assert_eq!(s.grace_period(&bound, None), Some(30));
        assert_eq!(s.grace_period(&bound, Some(5)), Some(5));
        assert_eq!(s.grace_period(&bound, Some(-3)), Some(1));
        let unbound = json!({"spec": {"terminationGracePeriodSeconds": 30}});
        assert_eq!(s.grace_period(&unbound, None), Some(0));
        let done = json!({"spec": {"nodeName": "n", "terminationGracePeriodSeconds": 30}, "status": {"phase": "Succeeded"}});
        assert_eq!(s.grace_period(&done, None), Some(0));
        assert!(s.returns_deleted_object());
    }

    #[test]
    fn selectable_fields() {
        let pod = json!({"spec": {"nodeName": "n1", "restartPolicy": "Always"},
                         "status": {"phase": "Running", "podIPs": [{"ip": "10.0.0.1"}]}});
        let s = pod_strategy();
        assert_eq!(s.field_value(&pod, "spec.nodeName").as_deref(), Some("n1"));
        assert_eq!(
            s.field_value(&pod, "spec.hostNetwork").as_deref(),
            Some("false")
        );
        assert_eq!(
            s.field_value(&pod, "status.podIP").as_deref(),
            Some("10.0.0.1")
        );
        assert_eq!(
            s.field_value(&pod, "status.nominatedNodeName").as_deref(),
            Some("")
        );
    }

    #[test]
    fn update_rules() {
        let old =
            created(json!({"containers": [{"name": "a", "image": "nginx:1"}], "nodeName": "n1"}));
        let mut new = old.clone();
        new["spec"]["containers"][0]["image"] = json!("nginx:2");
        assert!(pod_strategy().validate_update(&new, &old).is_empty());
        new["spec"]["nodeName"] = json!("n2");
        let errs = pod_strategy().validate_update(&new, &old);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs.0[0].field, "spec");
    }

    #[test]
    fn status_update_rules() {
        let old =
            created(json!({"containers": [{"name": "a", "image": "x"}], "restartPolicy": "Never"}));
        let mut new = old.clone();
        new["status"] = json!({"phase": "Running", "podIP": "10.1.1.1"});
        pod_strategy().prepare_for_status_update(&mut new, &old);
        assert_eq!(new["status"]["podIPs"], json!([{"ip": "10.1.1.1"}]));
        assert_eq!(new["status"]["qosClass"], "BestEffort");
        assert!(pod_strategy().validate_status_update(&new, &old).is_empty());
        new["status"]["phase"] = json!("Bogus");
        new["status"]["qosClass"] = json!("Guaranteed");
        let errs = pod_strategy().validate_status_update(&new, &old);
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["status.phase", "status.qosClass"]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn graceful_delete_through_the_store() {
        use crate::context::RequestCtx;
        use crate::registry::core::test_api::{api, decoded, def};
        use crate::registry::rest::{DeleteOptions, DeleteOutcome};

        let dir = tempfile::tempdir().expect("tempdir");
        let api = api(Default::default(), dir.path()).await;
        let pods = def(&api, "pods");
        let ctx = RequestCtx::system();
        let pod = |name: &str, node: Option<&str>| {
            let mut p = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name},
                               "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
            if let Some(n) = node {
                p["spec"]["nodeName"] = json!(n);
            }
            decoded(&pods, p)
        };
        let created = api
            .create(&pods, &ctx, Some("default"), pod("bound", Some("n1")))
            .await
            .expect("create");
        assert_eq!(created["status"]["phase"], "Pending");
        assert_eq!(created["metadata"]["generation"], 1);
        api.create(&pods, &ctx, Some("default"), pod("loose", None))
            .await
            .expect("create");
        let out = api
            .delete(
                &pods,
                &ctx,
                Some("default"),
                "loose",
                &DeleteOptions::default(),
            )
            .await
            .expect("delete");
        assert!(
            matches!(out, DeleteOutcome::Deleted(_)),
            "unscheduled pods go at once"
        );
        let out = api
            .delete(
                &pods,
                &ctx,
                Some("default"),
                "bound",
                &DeleteOptions::default(),
            )
            .await
            .expect("delete");
        let DeleteOutcome::Pending(marked) = out else {
            panic!("bound pods are deleted gracefully");
        };
        assert_eq!(marked["metadata"]["deletionGracePeriodSeconds"], 30);
        let now = DeleteOptions {
            grace_period_seconds: Some(0),
            ..Default::default()
        };
        let out = api
            .delete(&pods, &ctx, Some("default"), "bound", &now)
            .await
            .expect("delete");
        assert!(matches!(out, DeleteOutcome::Deleted(_)));
    }
}
