//! The RBAC strategy (rbac.authorization.k8s.io/v1), shared by Roles,
//! ClusterRoles, RoleBindings and ClusterRoleBindings and dispatched on `kind`:
//! path-segment names, policy rules, aggregation rules, role references (required,
//! immutable) and subjects.

use capstan_machinery::validation::{
    go_quote, is_dns1123_subdomain, ErrorList, FieldError, FieldPath, NameValidator,
};
use serde_json::{json, Value};

use super::common::{
    array, field, invalid_rendered, name_is_path_segment, selector_of, string,
    validate_label_selector,
};
use crate::registry::strategy::Strategy;

/// Behaviour of the four RBAC kinds in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct RbacStrategy;

/// The RBAC API group, the required `apiGroup` of role references and of user and
/// group subjects.
pub const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// Kubernetes' RBAC defaults: role reference and subject API groups.
pub fn default_rbac(obj: &mut Value) {
    if let Some(role_ref) = obj.get_mut("roleRef").and_then(Value::as_object_mut) {
        if role_ref
            .get("apiGroup")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            role_ref.insert("apiGroup".into(), json!(RBAC_GROUP));
        }
    }
    if let Some(subjects) = obj.get_mut("subjects").and_then(Value::as_array_mut) {
        for s in subjects.iter_mut().filter_map(Value::as_object_mut) {
            let empty_group = s
                .get("apiGroup")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty);
            if !empty_group {
                continue;
            }
            match s.get("kind").and_then(Value::as_str) {
                Some("User" | "Group") => {
                    s.insert("apiGroup".into(), json!(RBAC_GROUP));
                }
                Some("ServiceAccount") => {
                    s.insert("apiGroup".into(), json!(""));
                }
                _ => {}
            }
        }
    }
}

/// Kubernetes' `ValidatePolicyRule`.
fn validate_rule(rule: &Value, namespaced: bool, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if array(rule, "verbs").is_empty() {
        errs.push(FieldError::required(
            &path.child("verbs"),
            "verbs must contain at least one value",
        ));
    }
    let urls = array(rule, "nonResourceURLs");
    if !urls.is_empty() {
        let rendered = format!(
            "[]string{{{}}}",
            urls.iter()
                .map(|u| go_quote(u.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let url_path = path.child("nonResourceURLs");
        if namespaced {
            errs.push(invalid_rendered(
                &url_path,
                &rendered,
                "namespaced rules cannot apply to non-resource URLs",
            ));
        }
        if ["apiGroups", "resources", "resourceNames"]
            .iter()
            .any(|k| !array(rule, k).is_empty())
        {
            errs.push(invalid_rendered(
                &url_path,
                &rendered,
                "rules cannot apply to both regular resources and non-resource URLs",
            ));
        }
        return errs;
    }
    if array(rule, "apiGroups").is_empty() {
        errs.push(FieldError::required(
            &path.child("apiGroups"),
            "resource rules must supply at least one api group",
        ));
    }
    if array(rule, "resources").is_empty() {
        errs.push(FieldError::required(
            &path.child("resources"),
            "resource rules must supply at least one resource",
        ));
    }
    errs
}

fn validate_role(obj: &Value, namespaced: bool) -> ErrorList {
    let mut errs = ErrorList::new();
    for (i, rule) in array(obj, "rules").iter().enumerate() {
        errs.extend(validate_rule(
            rule,
            namespaced,
            &FieldPath::new("rules").index(i),
        ));
    }
    if let Some(agg) = field(obj, "aggregationRule") {
        let path = FieldPath::new("aggregationRule").child("clusterRoleSelectors");
        let selectors = array(agg, "clusterRoleSelectors");
        if selectors.is_empty() {
            errs.push(FieldError::required(
                &path,
                "at least one clusterRoleSelector required if aggregationRule is non-nil",
            ));
        }
        for (i, sel) in selectors.iter().enumerate() {
            let p = path.index(i);
            errs.extend(validate_label_selector(Some(sel), &p));
            if selector_of(Some(sel)).is_err() {
                errs.push(invalid_rendered(&p, "<nil>", "invalid label selector."));
            }
        }
    }
    errs
}

fn validate_subject(subject: &Value, namespaced: bool, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let name = string(subject, "name").unwrap_or("");
    if name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    }
    let group = string(subject, "apiGroup").unwrap_or("");
    match string(subject, "kind").unwrap_or("") {
        "ServiceAccount" => {
            if !name.is_empty() {
                for msg in is_dns1123_subdomain(name) {
                    errs.push(FieldError::invalid(&path.child("name"), name, msg));
                }
            }
            if !group.is_empty() {
                errs.push(FieldError::not_supported(
                    &path.child("apiGroup"),
                    group,
                    &[""],
                ));
            }
            if !namespaced && string(subject, "namespace").unwrap_or("").is_empty() {
                errs.push(FieldError::required(&path.child("namespace"), ""));
            }
        }
        "User" | "Group" => {
            if group != RBAC_GROUP {
                errs.push(FieldError::not_supported(
                    &path.child("apiGroup"),
                    group,
                    &[RBAC_GROUP],
                ));
            }
        }
        other => errs.push(FieldError::not_supported(
            &path.child("kind"),
            other,
            &["ServiceAccount", "User", "Group"],
        )),
    }
    errs
}

fn validate_binding(obj: &Value, namespaced: bool) -> ErrorList {
    let mut errs = ErrorList::new();
    let empty = json!({});
    let role_ref = field(obj, "roleRef").unwrap_or(&empty);
    let ref_path = FieldPath::new("roleRef");
    let group = string(role_ref, "apiGroup").unwrap_or("");
    if group != RBAC_GROUP {
        errs.push(FieldError::not_supported(
            &ref_path.child("apiGroup"),
            group,
            &[RBAC_GROUP],
        ));
    }
    let kind = string(role_ref, "kind").unwrap_or("");
    let kinds: &[&str] = if namespaced {
        &["Role", "ClusterRole"]
    } else {
        &["ClusterRole"]
    };
    if !kinds.contains(&kind) {
        errs.push(FieldError::not_supported(
            &ref_path.child("kind"),
            kind,
            kinds,
        ));
    }
    let name = string(role_ref, "name").unwrap_or("");
    if name.is_empty() {
        errs.push(FieldError::required(&ref_path.child("name"), ""));
    } else {
        for msg in name_is_path_segment(name, false) {
            errs.push(FieldError::invalid(&ref_path.child("name"), name, msg));
        }
    }
    for (i, subject) in array(obj, "subjects").iter().enumerate() {
        errs.extend(validate_subject(
            subject,
            namespaced,
            &FieldPath::new("subjects").index(i),
        ));
    }
    errs
}

fn go_role_ref(r: Option<&Value>) -> String {
    let get = |k: &str| go_quote(r.and_then(|r| string(r, k)).unwrap_or(""));
    format!(
        "rbac.RoleRef{{APIGroup:{}, Kind:{}, Name:{}}}",
        get("apiGroup"),
        get("kind"),
        get("name")
    )
}

impl Strategy for RbacStrategy {
    fn name_validator(&self) -> NameValidator {
        name_is_path_segment
    }

    fn default(&self, obj: &mut Value) {
        default_rbac(obj);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        match string(obj, "kind").unwrap_or("") {
            "Role" => validate_role(obj, true),
            "ClusterRole" => validate_role(obj, false),
            "RoleBinding" => validate_binding(obj, true),
            "ClusterRoleBinding" => validate_binding(obj, false),
            _ => ErrorList::new(),
        }
    }

    fn validate_update(&self, new: &Value, old: &Value) -> ErrorList {
        let mut errs = self.validate(new);
        let is_binding = matches!(
            string(new, "kind"),
            Some("RoleBinding" | "ClusterRoleBinding")
        );
        if is_binding {
            let pick = |o: &Value| {
                ["apiGroup", "kind", "name"].map(|k| {
                    o.get("roleRef")
                        .and_then(|r| string(r, k))
                        .unwrap_or("")
                        .to_string()
                })
            };
            if pick(new) != pick(old) {
                errs.push(invalid_rendered(
                    &FieldPath::new("roleRef"),
                    &go_role_ref(new.get("roleRef")),
                    "cannot change roleRef",
                ));
            }
        }
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::other::test_support::{causes, message};

    #[test]
    fn role_rules() {
        let role = json!({"kind": "Role", "rules": [
            {"verbs": ["get"], "apiGroups": [""], "resources": ["pods"]},
            {"apiGroups": [], "resources": []},
            {"verbs": ["get"], "nonResourceURLs": ["/healthz"]},
        ]});
        assert_eq!(
            causes(&RbacStrategy.validate(&role)),
            [
                ("rules[1].verbs".to_string(), "FieldValueRequired"),
                ("rules[1].apiGroups".to_string(), "FieldValueRequired"),
                ("rules[1].resources".to_string(), "FieldValueRequired"),
                ("rules[2].nonResourceURLs".to_string(), "FieldValueInvalid"),
            ]
        );
        let cluster_role = json!({"kind": "ClusterRole", "rules": [{"verbs": ["get"], "nonResourceURLs": ["/healthz"]}]});
        assert!(RbacStrategy.validate(&cluster_role).is_empty());
        let agg = json!({"kind": "ClusterRole", "aggregationRule": {"clusterRoleSelectors": []}});
        assert_eq!(
            causes(&RbacStrategy.validate(&agg)),
            [(
                "aggregationRule.clusterRoleSelectors".to_string(),
                "FieldValueRequired"
            )]
        );
    }

    #[test]
    fn binding_defaults_and_rules() {
        let mut b = json!({"kind": "ClusterRoleBinding",
            "roleRef": {"kind": "Role", "name": "a/b"},
            "subjects": [{"kind": "User", "name": "alice"}, {"kind": "ServiceAccount", "name": "sa"}, {"kind": "Robot", "name": "r"}]});
        RbacStrategy.default(&mut b);
        assert_eq!(b["roleRef"]["apiGroup"], RBAC_GROUP);
        assert_eq!(b["subjects"][0]["apiGroup"], RBAC_GROUP);
        assert_eq!(b["subjects"][1]["apiGroup"], "");
        assert_eq!(
            causes(&RbacStrategy.validate(&b)),
            [
                ("roleRef.kind".to_string(), "FieldValueNotSupported"),
                ("roleRef.name".to_string(), "FieldValueInvalid"),
                ("subjects[1].namespace".to_string(), "FieldValueRequired"),
                ("subjects[2].kind".to_string(), "FieldValueNotSupported"),
            ]
        );
    }

    #[test]
    fn role_ref_is_required_and_immutable() {
        let mut b = json!({"kind": "RoleBinding", "roleRef": {"kind": "Role"}});
        RbacStrategy.default(&mut b);
        assert_eq!(
            causes(&RbacStrategy.validate(&b)),
            [("roleRef.name".to_string(), "FieldValueRequired")]
        );
        let old = json!({"kind": "RoleBinding", "roleRef": {"apiGroup": RBAC_GROUP, "kind": "Role", "name": "a"}});
        let mut new = old.clone();
        new["roleRef"]["name"] = json!("b");
        assert_eq!(
            message(&RbacStrategy.validate_update(&new, &old), "roleRef"),
            "roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"b\"}: cannot change roleRef"
        );
    }

    #[test]
    fn names_are_path_segments() {
        let v = RbacStrategy.name_validator();
        assert!(v("system:controller:foo", false).is_empty());
        assert!(!v("a/b", false).is_empty());
    }
}
