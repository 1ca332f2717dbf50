//! The Deployment strategy (apps/v1): defaults, spec and status validation,
//! the immutable selector and the scale subresource.

use capstan_machinery::validation::{ErrorKind, ErrorList, FieldError, FieldPath};
use serde_json::{json, Value};

use super::workload::{
    collision_count_not_decremented, default_spec_template, drop_disabled_status_field,
    int_or_percent_value, keep_old_labels, non_negative_status, not_greater,
    not_more_than_100_percent, validate_int_or_percent, validate_replicated_template,
    validate_required_selector,
};
use crate::registry::other::common::{
    field, go_int_or_string, go_label_selector, immutable_rendered, int, invalid_rendered,
    non_negative, object_entry, set_default, string,
};
use crate::registry::strategy::{ScalePaths, Strategy};

/// Behaviour of Deployments in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct DeploymentStrategy;

/// Kubernetes' `SetDefaults_Deployment` plus the pod template defaults.
pub fn default_deployment(obj: &mut Value) {
    let spec = object_entry(obj, "spec");
    set_default(spec, "replicas", json!(1));
    let strategy = spec.entry("strategy").or_insert_with(|| json!({}));
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
        }
        if st.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            let ru = st.entry("rollingUpdate").or_insert_with(|| json!({}));
            if !ru.is_object() {
                *ru = json!({});
            }
            if let Some(ru) = ru.as_object_mut() {
                set_default(ru, "maxUnavailable", json!("25%"));
                set_default(ru, "maxSurge", json!("25%"));
            }
        }
    }
    set_default(spec, "revisionHistoryLimit", json!(10));
    set_default(spec, "progressDeadlineSeconds", json!(600));
    default_spec_template(obj);
}

fn validate_strategy(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let strategy = field(spec, "strategy").unwrap_or(&empty);
    let rolling = field(strategy, "rollingUpdate");
    match string(strategy, "type").unwrap_or("") {
        "Recreate" => {
            if rolling.is_some() {
                errs.push(FieldError::forbidden(
                    &path.child("rollingUpdate"),
                    "may not be specified when strategy `type` is 'Recreate'",
                ));
            }
        }
        "RollingUpdate" => match rolling {
            None => errs.push(FieldError::required(
                &path.child("rollingUpdate"),
                "this should be defaulted and never be nil",
            )),
            Some(ru) => {
                let ru_path = path.child("rollingUpdate");
                let unavailable = field(ru, "maxUnavailable");
                let surge = field(ru, "maxSurge");
                errs.extend(validate_int_or_percent(
                    unavailable,
                    &ru_path.child("maxUnavailable"),
                ));
                errs.extend(validate_int_or_percent(surge, &ru_path.child("maxSurge")));
                if int_or_percent_value(unavailable) == 0 && int_or_percent_value(surge) == 0 {
                    errs.push(invalid_rendered(
                        &ru_path.child("maxUnavailable"),
                        &go_int_or_string(unavailable),
                        "may not be 0 when `maxSurge` is 0",
                    ));
                }
                errs.extend(not_more_than_100_percent(
                    unavailable,
                    &ru_path.child("maxUnavailable"),
                ));
            }
        },
        other => {
            let rendered = format!(
                "apps.DeploymentStrategy{{Type:{}, RollingUpdate:(*apps.RollingUpdateDeployment)({})}}",
                capstan_machinery::validation::go_quote(other),
                if rolling.is_some() { "0xc000000000" } else { "nil" }
            );
            errs.push(FieldError::new(
                ErrorKind::NotSupported,
                path,
                None,
                format!("{rendered}: supported values: \"Recreate\", \"RollingUpdate\""),
            ));
        }
    }
    errs
}

/// Kubernetes' `ValidateDeploymentSpec`.
pub fn validate_deployment_spec(spec: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    non_negative(&mut errs, int(spec, "replicas"), &path.child("replicas"));
    errs.extend(validate_required_selector(spec, path, "deployment"));
    errs.extend(validate_replicated_template(
        spec,
        path,
        "invalid label selector",
    ));
    errs.extend(validate_strategy(spec, &path.child("strategy")));
    let min_ready = int(spec, "minReadySeconds");
    non_negative(&mut errs, min_ready, &path.child("minReadySeconds"));
    non_negative(
        &mut errs,
        int(spec, "revisionHistoryLimit"),
        &path.child("revisionHistoryLimit"),
    );
    if let Some(pds) = int(spec, "progressDeadlineSeconds") {
        let p = path.child("progressDeadlineSeconds");
        non_negative(&mut errs, Some(pds), &p);
        if pds <= min_ready.unwrap_or(0) {
            errs.push(FieldError::invalid(
                &p,
                pds,
                "must be greater than minReadySeconds",
            ));
        }
    }
    errs
}

/// Kubernetes' `ValidateDeploymentStatus`.
fn validate_status(status: &Value) -> ErrorList {
    let mut errs = non_negative_status(
        status,
        &[
            "observedGeneration",
            "replicas",
            "updatedReplicas",
            "readyReplicas",
            "availableReplicas",
            "unavailableReplicas",
            "collisionCount",
        ],
    );
    let msg = "cannot be greater than status.replicas";
    not_greater(&mut errs, status, "updatedReplicas", "replicas", msg);
    not_greater(&mut errs, status, "readyReplicas", "replicas", msg);
    not_greater(&mut errs, status, "availableReplicas", "replicas", msg);
    not_greater(
        &mut errs,
        status,
        "availableReplicas",
        "readyReplicas",
        "cannot be greater than readyReplicas",
    );
    errs
}

impl Strategy for DeploymentStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        default_deployment(obj);
    }

    fn prepare_for_status_update(&self, new: &mut Value, old: &Value) {
        keep_old_labels(new, old);
        drop_disabled_status_field(new, old, "terminatingReplicas");
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        validate_deployment_spec(obj.get("spec").unwrap_or(&empty), &FieldPath::new("spec"))
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = self.validate(new);
        immutable_rendered(
            &mut errs,
            new.pointer("/spec/selector"),
            old.pointer("/spec/selector"),
            &FieldPath::new("spec").child("selector"),
            go_label_selector,
        );
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

    fn deployment() -> Value {
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default"},
            "spec": {
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                    "metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{"name": "c", "image": "nginx"}]}
                }
            }
        })
    }

    fn defaulted(mut d: Value) -> Value {
        DeploymentStrategy.default(&mut d);
        d
    }

    #[test]
    fn defaults_match_kubernetes() {
        let d = defaulted(deployment());
        assert_eq!(d["spec"]["replicas"], 1);
        assert_eq!(d["spec"]["strategy"]["type"], "RollingUpdate");
        assert_eq!(d["spec"]["strategy"]["rollingUpdate"]["maxSurge"], "25%");
        assert_eq!(
            d["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"],
            "25%"
        );
        assert_eq!(d["spec"]["revisionHistoryLimit"], 10);
        assert_eq!(d["spec"]["progressDeadlineSeconds"], 600);
        assert_eq!(d["spec"]["template"]["spec"]["restartPolicy"], "Always");
        assert!(DeploymentStrategy.validate(&d).is_empty());
    }

    #[test]
    fn recreate_gets_no_rolling_update_default() {
        let mut d = deployment();
        d["spec"]["strategy"] = json!({"type": "Recreate"});
        let d = defaulted(d);
        assert!(d["spec"]["strategy"].get("rollingUpdate").is_none());
        let mut bad = d.clone();
        bad["spec"]["strategy"]["rollingUpdate"] = json!({"maxSurge": 1});
        let errs = DeploymentStrategy.validate(&bad);
        assert_eq!(
            causes(&errs),
            [(
                "spec.strategy.rollingUpdate".to_string(),
                "FieldValueForbidden"
            )]
        );
    }

    #[test]
    fn selector_must_match_template_labels() {
        let mut d = deployment();
        d["spec"]["template"]["metadata"]["labels"] = json!({"app": "other"});
        let errs = DeploymentStrategy.validate(&defaulted(d));
        assert_eq!(
            message(&errs, "spec.template.metadata.labels"),
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"
        );
    }

    #[test]
    fn missing_selector_is_required_and_mismatches() {
        let mut d = deployment();
        d["spec"].as_object_mut().map(|s| s.remove("selector"));
        let errs = DeploymentStrategy.validate(&defaulted(d));
        assert!(has(&errs, "spec.selector", "FieldValueRequired"));
        assert!(has(
            &errs,
            "spec.template.metadata.labels",
            "FieldValueInvalid"
        ));
    }

    #[test]
    fn empty_selector_is_invalid() {
        let mut d = deployment();
        d["spec"]["selector"] = json!({});
        let errs = DeploymentStrategy.validate(&defaulted(d));
        assert_eq!(
            message(&errs, "spec.selector"),
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"
        );
    }

    #[test]
    fn numeric_rules() {
        let mut d = deployment();
        d["spec"]["replicas"] = json!(-1);
        d["spec"]["minReadySeconds"] = json!(700);
        d["spec"]["strategy"] = json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": "0%"}});
        let errs = DeploymentStrategy.validate(&defaulted(d));
        assert!(has(&errs, "spec.replicas", "FieldValueInvalid"));
        assert!(has(
            &errs,
            "spec.progressDeadlineSeconds",
            "FieldValueInvalid"
        ));
        assert_eq!(
            message(&errs, "spec.strategy.rollingUpdate.maxUnavailable"),
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"0%\"}: may not be 0 when `maxSurge` is 0"
        );
    }

    #[test]
    fn restart_policy_must_be_always() {
        let mut d = deployment();
        d["spec"]["template"]["spec"]["restartPolicy"] = json!("Never");
        let errs = DeploymentStrategy.validate(&defaulted(d));
        assert_eq!(
            message(&errs, "spec.template.spec.restartPolicy"),
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
        );
    }

    #[test]
    fn unknown_strategy_type_is_unsupported() {
        let mut d = deployment();
        d["spec"]["strategy"] = json!({"type": "BlueGreen"});
        let errs = DeploymentStrategy.validate(&defaulted(d));
        assert!(has(&errs, "spec.strategy", "FieldValueNotSupported"));
    }

    #[test]
    fn selector_is_immutable() {
        let old = defaulted(deployment());
        let mut new = old.clone();
        new["spec"]["selector"] = json!({"matchLabels": {"app": "web", "tier": "x"}});
        new["spec"]["template"]["metadata"]["labels"] = json!({"app": "web", "tier": "x"});
        let errs = DeploymentStrategy.validate_update(&new, &old);
        assert_eq!(
            causes(&errs),
            [("spec.selector".to_string(), "FieldValueInvalid")]
        );
        assert!(message(&errs, "spec.selector").ends_with("field is immutable"));
        let mut scaled = old.clone();
        scaled["spec"]["replicas"] = json!(5);
        assert!(DeploymentStrategy.validate_update(&scaled, &old).is_empty());
    }

    #[test]
    fn status_rules() {
        let old = json!({"status": {"collisionCount": 2}});
        let new = json!({"status": {"replicas": 1, "readyReplicas": 2, "availableReplicas": 1, "collisionCount": 1}});
        let errs = DeploymentStrategy.validate_status_update(&new, &old);
        assert_eq!(
            causes(&errs),
            [
                ("status.readyReplicas".to_string(), "FieldValueInvalid"),
                ("status.collisionCount".to_string(), "FieldValueInvalid"),
            ]
        );
    }

    #[test]
    fn status_update_keeps_labels() {
        let old = json!({"metadata": {"labels": {"a": "1"}}});
        let mut new = json!({"metadata": {"labels": {"a": "2"}}});
        DeploymentStrategy.prepare_for_status_update(&mut new, &old);
        assert_eq!(new["metadata"]["labels"]["a"], "1");
    }
}
