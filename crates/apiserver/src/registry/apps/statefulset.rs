//! The StatefulSet strategy (apps/v1): defaults (including volume claim
//! templates), spec validation, the short list of fields an update may change,
//! status validation and the scale subresource.

use capstan_machinery::validation::{
    go_quote, name_is_dns_label, ErrorList, FieldError, FieldPath, NameValidator,
};
use capstan_machinery::Quantity;
use serde_json::{json, Map, Value};

use super::workload::{
    always_restart_rules, collision_count_not_decremented, default_spec_template,
    int_or_percent_value, non_negative_status, not_greater, not_more_than_100_percent,
    selector_mismatch, validate_int_or_percent, validate_required_selector,
};
use crate::registry::core::pod_spec::validate_pod_template;
use crate::registry::other::common::{
    array, field, go_label_selector, int, invalid_rendered, non_negative, object_entry,
    selector_of, semantic_eq, set_default, string, string_map,
};
use crate::registry::strategy::{ScalePaths, Strategy};

/// Behaviour of StatefulSets in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct StatefulSetStrategy;

/// Spec fields an update may change.
const MUTABLE_SPEC_FIELDS: &[&str] = &[
    "replicas",
    "ordinals",
    "template",
    "updateStrategy",
    "revisionHistoryLimit",
    "persistentVolumeClaimRetentionPolicy",
    "minReadySeconds",
];

const FORBIDDEN_UPDATE_MSG: &str = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/// Defaults one volume claim template like a PersistentVolumeClaim.
fn default_claim_template(claim: &mut Value) {
    let Some(map) = claim.as_object_mut() else {
        return;
    };
    set_default(map, "apiVersion", json!("v1"));
    set_default(map, "kind", json!("PersistentVolumeClaim"));
    let spec = map.entry("spec").or_insert_with(|| json!({}));
    if let Some(spec) = spec.as_object_mut() {
        set_default(spec, "volumeMode", json!("Filesystem"));
    }
    let status = map.entry("status").or_insert_with(|| json!({}));
    if let Some(status) = status.as_object_mut() {
        set_default(status, "phase", json!("Pending"));
    }
}

/// Kubernetes' `SetDefaults_StatefulSet` plus pod template and claim template defaults.
pub fn default_statefulset(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    if spec
        .get("podManagementPolicy")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        spec.insert("podManagementPolicy".into(), json!("OrderedReady"));
    }
    let strategy = spec.entry("updateStrategy").or_insert_with(|| json!({}));
    if !strategy.is_object() {
        *strategy = json!({});
    }
    if let Some(st) = strategy.as_object_mut() {
        if st
            .get("type")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            st.insert("type".into(), json!("RollingUpdate"));
            set_default(st, "rollingUpdate", json!({}));
        }
        if st.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            if let Some(ru) = st.get_mut("rollingUpdate").and_then(Value::as_object_mut) {
                set_default(ru, "partition", json!(0));
            }
        }
    }
    let policy = spec
        .entry("persistentVolumeClaimRetentionPolicy")
        .or_insert_with(|| json!({}));
    if !policy.is_object() {
        *policy = json!({});
    }
    if let Some(p) = policy.as_object_mut() {
        for key in ["whenDeleted", "whenScaled"] {
            if p.get(key).and_then(Value::as_str).is_none_or(str::is_empty) {
                p.insert(key.into(), json!("Retain"));
            }
        }
    }
    set_default(spec, "replicas", json!(1));
    set_default(spec, "revisionHistoryLimit", json!(10));
    if let Some(claims) = spec
        .get_mut("volumeClaimTemplates")
        .and_then(Value::as_array_mut)
    {
        claims.iter_mut().for_each(default_claim_template);
    }
    default_spec_template(obj);
}

/// The `maxUnavailable` of the rolling update (an alpha field Kubernetes 1.33 drops).
fn max_unavailable(obj: &Value) -> Option<&Value> {
    obj.pointer("/spec/updateStrategy/rollingUpdate/maxUnavailable")
        .filter(|v| !v.is_null())
}

fn drop_max_unavailable(obj: &mut Value) {
    if let Some(ru) = obj
        .pointer_mut("/spec/updateStrategy/rollingUpdate")
        .and_then(Value::as_object_mut)
    {
        ru.remove("maxUnavailable");
    }
}

fn go_rolling_update(ru: &Value) -> String {
    let max = match field(ru, "maxUnavailable") {
        Some(_) => "(*intstr.IntOrString)(0xc000000000)",
        None => "(*intstr.IntOrString)(nil)",
    };
    format!(
        "apps.RollingUpdateStatefulSetStrategy{{Partition:{}, MaxUnavailable:{max}}}",
        int(ru, "partition").unwrap_or(0)
    )
}

fn validate_update_strategy(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let strategy = field(spec, "updateStrategy").unwrap_or(&empty);
    let rolling = field(strategy, "rollingUpdate");
    let ru_path = path.child("rollingUpdate");
    match string(strategy, "type").unwrap_or("") {
        "" => errs.push(FieldError::required(path, "")),
        "OnDelete" => {
            if let Some(ru) = rolling {
                errs.push(invalid_rendered(
                    &ru_path,
                    &go_rolling_update(ru),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = rolling {
                non_negative(&mut errs, int(ru, "partition"), &ru_path.child("partition"));
                if let Some(max) = field(ru, "maxUnavailable") {
                    let max_path = ru_path.child("maxUnavailable");
                    errs.extend(validate_int_or_percent(Some(max), &max_path));
                    if int_or_percent_value(Some(max)) == 0 {
                        errs.push(invalid_rendered(
                            &max_path,
                            &crate::registry::other::common::go_int_or_string(Some(max)),
                            "cannot be 0",
                        ));
                    }
                    errs.extend(not_more_than_100_percent(Some(max), &max_path));
                }
            }
        }
        other => {
            let ru = match rolling {
                Some(_) => "(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)",
                None => "(*apps.RollingUpdateStatefulSetStrategy)(nil)",
            };
            errs.push(invalid_rendered(
                path,
                &format!(
                    "apps.StatefulSetUpdateStrategy{{Type:{}, RollingUpdate:{ru}}}",
                    go_quote(other)
                ),
                "must be 'RollingUpdate' or 'OnDelete'",
            ));
        }
    }
    errs
}

fn validate_retention_policy(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if let Some(policy) = field(spec, "persistentVolumeClaimRetentionPolicy") {
        for key in ["whenDeleted", "whenScaled"] {
            let v = string(policy, key).unwrap_or("");
            if v != "Retain" && v != "Delete" {
                errs.push(FieldError::not_supported(
                    &path.child(key),
                    v,
                    &["Retain", "Delete"],
                ));
            }
        }
    }
    errs
}

/// Basic PersistentVolumeClaim spec rules for a claim template.
fn validate_claim_template(claim: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let spec = field(claim, "spec").unwrap_or(&empty);
    let spec_path = path.child("spec");
    let modes = array(spec, "accessModes");
    if modes.is_empty() {
        errs.push(FieldError::required(
            &spec_path.child("accessModes"),
            "at least 1 access mode is required",
        ));
    }
    const MODES: [&str; 4] = [
        "ReadOnlyMany",
        "ReadWriteMany",
        "ReadWriteOnce",
        "ReadWriteOncePod",
    ];
    for m in modes {
        let m = m.as_str().unwrap_or("");
        if !MODES.contains(&m) {
            errs.push(FieldError::not_supported(
                &spec_path.child("accessModes"),
                m,
                &MODES,
            ));
        }
    }
    let storage_path = spec_path.child("resources").key("storage");
    match spec
        .pointer("/resources/requests/storage")
        .and_then(Value::as_str)
    {
        None => errs.push(FieldError::required(&storage_path, "")),
        Some(q) => {
            if let Ok(parsed) = Quantity::parse(q) {
                if parsed.signum() <= 0 {
                    errs.push(FieldError::invalid(
                        &storage_path,
                        q,
                        crate::registry::other::common::NOT_POSITIVE_MSG,
                    ));
                }
            }
        }
    }
    if let Some(mode) = string(spec, "volumeMode") {
        if mode != "Block" && mode != "Filesystem" {
            errs.push(FieldError::not_supported(
                &spec_path.child("volumeMode"),
                mode,
                &["Block", "Filesystem"],
            ));
        }
    }
    errs
}

/// The pod template with a volume added for every claim template that no volume
/// already names, so mounts of claim volumes validate.
fn template_with_claim_volumes(spec: &Value) -> Value {
    let mut template = field(spec, "template")
        .cloned()
        .unwrap_or_else(|| json!({}));
    let claims: Vec<String> = array(spec, "volumeClaimTemplates")
        .iter()
        .filter_map(|c| c.pointer("/metadata/name").and_then(Value::as_str))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    if claims.is_empty() {
        return template;
    }
    let pod_spec = object_entry(&mut template, "spec");
    let volumes = pod_spec
        .entry("volumes")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Some(list) = volumes.as_array_mut() {
        for name in claims {
            let exists = list
                .iter()
                .any(|v| v.get("name").and_then(Value::as_str) == Some(name.as_str()));
            if !exists {
                list.push(json!({"name": name, "persistentVolumeClaim": {"claimName": name}}));
            }
        }
    }
    template
}

/// Kubernetes' `ValidateStatefulSetSpec` (with the pod template and claim template
/// checks of later releases when `full` is set).
fn validate_spec(spec: &Value, path: &FieldPath, full: bool) -> ErrorList {
    let mut errs = ErrorList::new();
    let pmp_path = path.child("podManagementPolicy");
    match string(spec, "podManagementPolicy").unwrap_or("") {
        "" => errs.push(FieldError::required(&pmp_path, "")),
        "OrderedReady" | "Parallel" => {}
        other => errs.push(FieldError::invalid(
            &pmp_path,
            other,
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    errs.extend(validate_update_strategy(
        spec,
        &path.child("updateStrategy"),
    ));
    errs.extend(validate_retention_policy(
        spec,
        &path.child("persistentVolumeClaimRetentionPolicy"),
    ));
    non_negative(&mut errs, int(spec, "replicas"), &path.child("replicas"));
    non_negative(
        &mut errs,
        int(spec, "minReadySeconds"),
        &path.child("minReadySeconds"),
    );
    if let Some(ordinals) = field(spec, "ordinals") {
        non_negative(
            &mut errs,
            int(ordinals, "start"),
            &path.child("ordinals.start"),
        );
    }
    errs.extend(validate_required_selector(spec, path, "statefulset"));
    let template_path = path.child("template");
    let empty = json!({});
    let template = field(spec, "template").unwrap_or(&empty);
    let selector = field(spec, "selector");
    match selector_of(selector) {
        Err(_) => errs.push(invalid_rendered(
            &path.child("selector"),
            &go_label_selector(selector),
            "",
        )),
        Ok(sel) => {
            if !sel.is_empty() && !sel.matches(&string_map(template.pointer("/metadata/labels"))) {
                errs.push(selector_mismatch(template, &template_path));
            }
            if full {
                errs.extend(validate_pod_template(
                    &template_with_claim_volumes(spec),
                    &template_path,
                ));
            }
        }
    }
    errs.extend(always_restart_rules(
        template,
        &template_path,
        "StatefulSet",
    ));
    if full {
        for (i, claim) in array(spec, "volumeClaimTemplates").iter().enumerate() {
            errs.extend(validate_claim_template(
                claim,
                &path.child("volumeClaimTemplates").index(i),
            ));
        }
    }
    errs
}

fn validate_status(status: &Value) -> ErrorList {
    let mut errs = non_negative_status(
        status,
        &[
            "replicas",
            "readyReplicas",
            "currentReplicas",
            "updatedReplicas",
            "availableReplicas",
            "observedGeneration",
            "collisionCount",
        ],
    );
    let msg = "cannot be greater than status.replicas";
    not_greater(&mut errs, status, "readyReplicas", "replicas", msg);
    not_greater(&mut errs, status, "currentReplicas", "replicas", msg);
    not_greater(&mut errs, status, "updatedReplicas", "replicas", msg);
    not_greater(&mut errs, status, "availableReplicas", "replicas", msg);
    not_greater(
        &mut errs,
        status,
        "availableReplicas",
        "readyReplicas",
        "cannot be greater than status.readyReplicas",
    );
    errs
}

/// The spec with every field an update may change taken from `old`.
fn frozen_spec(new: &Value, old: &Value) -> Map<String, Value> {
    let mut spec = new
        .get("spec")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let old_spec = old.get("spec").and_then(Value::as_object);
    for key in MUTABLE_SPEC_FIELDS {
        match old_spec.and_then(|o| o.get(*key)) {
            Some(v) => {
                spec.insert((*key).to_string(), v.clone());
            }
            None => {
                spec.remove(*key);
            }
        }
    }
    spec
}

impl Strategy for StatefulSetStrategy {
    fn name_validator(&self) -> NameValidator {
        name_is_dns_label
    }

    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_statefulset(obj);
    }

    fn prepare_for_create(
        &self,
        obj: &mut Value,
        _ctx: &crate::registry::strategy::StrategyCtx<'_>,
    ) {
        drop_max_unavailable(obj);
    }

    fn prepare_for_update(&self, new: &mut Value, old: &Value) {
        if max_unavailable(old).is_none() {
            drop_max_unavailable(new);
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        validate_spec(
            obj.get("spec").unwrap_or(&empty),
            &FieldPath::new("spec"),
            true,
        )
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        // Compare with the old object as Kubernetes decodes it: with defaults.
        let mut old_defaulted = old.clone();
        default_statefulset(&mut old_defaulted);
        let old = &old_defaulted;
        let empty = json!({});
        let spec_path = FieldPath::new("spec");
        // The stricter pod and claim template checks apply only when the old object
        // passed them, so existing objects stay updatable.
        let old_valid =
            validate_spec(old.get("spec").unwrap_or(&empty), &spec_path, true).is_empty();
        let mut errs = validate_spec(new.get("spec").unwrap_or(&empty), &spec_path, old_valid);
        let frozen = Value::Object(frozen_spec(new, old));
        if !semantic_eq(Some(&frozen), old.get("spec")) {
            errs.push(FieldError::forbidden(&spec_path, FORBIDDEN_UPDATE_MSG));
        }
        errs
    }

    fn validate_status_update(&self, new: &Value, old: &Value) -> ErrorList {
        let empty = json!({});
        let mut errs = validate_status(new.get("status").unwrap_or(&empty));
        errs.extend(collision_count_not_decremented(new, old));
        errs
    }

    fn scale_paths(&self) -> Option<ScalePaths> {
        Some(ScalePaths {
            spec_replicas: "/spec/replicas",
            status_replicas: "/status/replicas",
            selector: "/spec/selector",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, has, message};
    use crate::registry::strategy::StrategyCtx;

    fn sts() -> Value {
        let mut v = json!({
            "metadata": {"name": "db", "namespace": "default"},
            "spec": {
                "serviceName": "db",
                "selector": {"matchLabels": {"app": "db"}},
                "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "c", "image": "i", "volumeMounts": [{"name": "data", "mountPath": "/d"}]}]}},
                "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
            }
        });
        StatefulSetStrategy.default(&mut v);
        v
    }

    #[test]
    fn defaults_match_kubernetes() {
        let v = sts();
        let s = &v["spec"];
        assert_eq!(s["podManagementPolicy"], "OrderedReady");
        assert_eq!(
            s["updateStrategy"],
            json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}})
        );
        assert_eq!(
            s["persistentVolumeClaimRetentionPolicy"],
            json!({"whenDeleted": "Retain", "whenScaled": "Retain"})
        );
        assert_eq!(s["replicas"], 1);
        assert_eq!(s["revisionHistoryLimit"], 10);
        let claim = &s["volumeClaimTemplates"][0];
        assert_eq!(claim["spec"]["volumeMode"], "Filesystem");
        assert_eq!(claim["status"]["phase"], "Pending");
        assert_eq!(claim["kind"], "PersistentVolumeClaim");
        assert!(
            StatefulSetStrategy.validate(&v).is_empty(),
            "{:?}",
            StatefulSetStrategy.validate(&v)
        );
    }

    #[test]
    fn on_delete_keeps_no_rolling_update() {
        let mut v = json!({"spec": {"updateStrategy": {"type": "OnDelete"}}});
        StatefulSetStrategy.default(&mut v);
        assert!(v["spec"]["updateStrategy"].get("rollingUpdate").is_none());
    }

    #[test]
    fn name_is_a_dns_label() {
        assert!(!(StatefulSetStrategy.name_validator())("a.b", false).is_empty());
        assert!((StatefulSetStrategy.name_validator())("a-b", false).is_empty());
    }

    #[test]
    fn spec_rules() {
        let mut v = sts();
        v["spec"]["podManagementPolicy"] = json!("Random");
        v["spec"]["updateStrategy"] =
            json!({"type": "OnDelete", "rollingUpdate": {"partition": 1}});
        v["spec"]["ordinals"] = json!({"start": -1});
        v["spec"]["persistentVolumeClaimRetentionPolicy"]["whenScaled"] = json!("Keep");
        v["spec"]["selector"] = json!({});
        v["spec"]["template"]["spec"]["activeDeadlineSeconds"] = json!(5);
        let errs = StatefulSetStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                ("spec.podManagementPolicy".to_string(), "FieldValueInvalid"),
                (
                    "spec.updateStrategy.rollingUpdate".to_string(),
                    "FieldValueInvalid"
                ),
                (
                    "spec.persistentVolumeClaimRetentionPolicy.whenScaled".to_string(),
                    "FieldValueNotSupported"
                ),
                ("spec.ordinals.start".to_string(), "FieldValueInvalid"),
                ("spec.selector".to_string(), "FieldValueInvalid"),
                (
                    "spec.template.spec.activeDeadlineSeconds".to_string(),
                    "FieldValueForbidden"
                ),
            ]
        );
        assert_eq!(
            message(&errs, "spec.updateStrategy.rollingUpdate"),
            "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'"
        );
    }

    #[test]
    fn claim_templates_are_validated_on_create() {
        let mut v = sts();
        v["spec"]["volumeClaimTemplates"][0]["spec"] = json!({"volumeMode": "Raw"});
        let errs = StatefulSetStrategy.validate(&v);
        assert_eq!(
            causes(&errs),
            [
                (
                    "spec.volumeClaimTemplates[0].spec.accessModes".to_string(),
                    "FieldValueRequired"
                ),
                (
                    "spec.volumeClaimTemplates[0].spec.resources[storage]".to_string(),
                    "FieldValueRequired"
                ),
                (
                    "spec.volumeClaimTemplates[0].spec.volumeMode".to_string(),
                    "FieldValueNotSupported"
                ),
            ]
        );
    }

    #[test]
    fn update_may_change_only_listed_fields() {
        let old = sts();
        let mut ok = old.clone();
        ok["spec"]["replicas"] = json!(3);
        ok["spec"]["revisionHistoryLimit"] = json!(2);
        ok["spec"]["minReadySeconds"] = json!(4);
        ok["spec"]["template"]["spec"]["containers"][0]["image"] = json!("j");
        assert!(StatefulSetStrategy.validate_update(&ok, &old).is_empty());
        let mut bad = old.clone();
        bad["spec"]["serviceName"] = json!("other");
        let errs = StatefulSetStrategy.validate_update(&bad, &old);
        assert_eq!(
            message(&errs, "spec"),
            format!("spec: Forbidden: {FORBIDDEN_UPDATE_MSG}")
        );
        let mut claims = old.clone();
        claims["spec"]["volumeClaimTemplates"][0]["spec"]["resources"]["requests"]["storage"] =
            json!("2Gi");
        assert!(has(
            &StatefulSetStrategy.validate_update(&claims, &old),
            "spec",
            "FieldValueForbidden"
        ));
    }

    #[test]
    fn old_objects_are_compared_with_defaults_applied() {
        let new = sts();
        let mut old = new.clone();
        old["spec"]
            .as_object_mut()
            .map(|s| s.remove("persistentVolumeClaimRetentionPolicy"));
        old["spec"]["volumeClaimTemplates"][0]
            .as_object_mut()
            .map(|c| c.remove("status"));
        assert!(StatefulSetStrategy.validate_update(&new, &old).is_empty());
    }

    #[test]
    fn alpha_max_unavailable_is_dropped() {
        let mut v = sts();
        v["spec"]["updateStrategy"]["rollingUpdate"]["maxUnavailable"] = json!(2);
        StatefulSetStrategy.prepare_for_create(
            &mut v,
            &StrategyCtx {
                namespace: Some("default"),
                user: "u",
            },
        );
        assert!(max_unavailable(&v).is_none());
    }

    #[test]
    fn status_rules() {
        let errs = StatefulSetStrategy.validate_status_update(
            &json!({"status": {"replicas": 1, "readyReplicas": 1, "availableReplicas": 2}}),
            &json!({}),
        );
        assert_eq!(
            causes(&errs),
            [
                ("status.availableReplicas".to_string(), "FieldValueInvalid"),
                ("status.availableReplicas".to_string(), "FieldValueInvalid"),
            ]
        );
    }
}
