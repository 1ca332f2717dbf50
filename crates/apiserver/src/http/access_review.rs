//! The create-only resources of `authorization.k8s.io/v1`, answered by the
//! authorizer and never stored: `selfsubjectaccessreviews` (can I — what
//! `kubectl auth can-i` asks), `subjectaccessreviews` and
//! `localsubjectaccessreviews` (can this user), and `selfsubjectrulesreviews`
//! (what may I do here — `kubectl auth can-i --list`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::api::Api;
use crate::authz::{Attributes, PolicyRule};
use crate::context::UserInfo;
use crate::resource::ResourceDef;
use crate::status::{ApiError, ApiResult};
use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};

fn str_at<'a>(v: &'a Value, field: &str) -> &'a str {
    v.get(field).and_then(Value::as_str).unwrap_or("")
}

fn invalid(def: &ResourceDef, errors: Vec<FieldError>) -> ApiError {
    ApiError::invalid(def.kind, def.group, "", &ErrorList(errors))
}

fn field(path: &str) -> FieldPath {
    let names: Vec<&str> = path.split('.').collect();
    FieldPath::from_names(&names)
}

/// The attributes a review's spec asks about.
fn spec_attributes(def: &ResourceDef, spec: &Value) -> ApiResult<Attributes> {
    let resource = spec.get("resourceAttributes").filter(|v| v.is_object());
    let path = spec.get("nonResourceAttributes").filter(|v| v.is_object());
    match (resource, path) {
        (Some(_), Some(_)) => Err(invalid(
            def,
            vec![FieldError::invalid(
                &field("spec.nonResourceAttributes"),
                "",
                "cannot be specified in combination with resourceAttributes",
            )],
        )),
        (None, None) => Err(invalid(
            def,
            vec![FieldError::required(
                &field("spec.resourceAttributes"),
                "exactly one of nonResourceAttributes or resourceAttributes must be specified",
            )],
        )),
        (Some(r), None) => Ok(Attributes {
            verb: str_at(r, "verb").to_string(),
            resource_request: true,
            group: str_at(r, "group").to_string(),
            version: str_at(r, "version").to_string(),
            resource: str_at(r, "resource").to_string(),
            subresource: str_at(r, "subresource").to_string(),
            name: str_at(r, "name").to_string(),
            namespace: str_at(r, "namespace").to_string(),
            path: String::new(),
        }),
        (None, Some(p)) => Ok(Attributes {
            verb: str_at(p, "verb").to_string(),
            resource_request: false,
            path: str_at(p, "path").to_string(),
            ..Default::default()
        }),
    }
}

/// The user a SubjectAccessReview's spec names.
fn spec_user(def: &ResourceDef, spec: &Value) -> ApiResult<UserInfo> {
    let name = str_at(spec, "user").to_string();
    let groups: Vec<String> = spec
        .get("groups")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if name.is_empty() && groups.is_empty() {
        return Err(invalid(
            def,
            vec![FieldError::invalid(
                &field("spec.user"),
                "",
                "at least one of user or group must be specified",
            )],
        ));
    }
    let extra: BTreeMap<String, Vec<String>> = spec
        .get("extra")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    Ok(UserInfo {
        name,
        groups,
        uid: str_at(spec, "uid").to_string(),
        extra,
    })
}

fn review(def: &ResourceDef, spec: Value, status: Value) -> Value {
    json!({
        "kind": def.kind,
        "apiVersion": def.api_version(),
        "metadata": {"creationTimestamp": Value::Null},
        "spec": spec,
        "status": status,
    })
}

fn access_status(api: &Api, user: &UserInfo, attrs: &Attributes) -> Value {
    let decision = api.authorizer.authorize(user, attrs);
    let mut status = Map::new();
    status.insert("allowed".into(), json!(decision.allowed));
    if !decision.reason.is_empty() {
        status.insert("reason".into(), json!(decision.reason));
    }
    Value::Object(status)
}

/// Answers an access review of kind `def.kind` posted by `requester` to
/// namespace `ns` (LocalSubjectAccessReview only).
pub fn answer(
    api: &Arc<Api>,
    def: &ResourceDef,
    requester: &UserInfo,
    ns: Option<&str>,
    input: Value,
) -> ApiResult<Value> {
    let mut spec = input.get("spec").cloned().unwrap_or_else(|| json!({}));
    match def.kind {
        "SelfSubjectAccessReview" => {
            let attrs = spec_attributes(def, &spec)?;
            let status = access_status(api, requester, &attrs);
            Ok(review(def, spec, status))
        }
        "SubjectAccessReview" => {
            let attrs = spec_attributes(def, &spec)?;
            let user = spec_user(def, &spec)?;
            let status = access_status(api, &user, &attrs);
            Ok(review(def, spec, status))
        }
        "LocalSubjectAccessReview" => {
            let ns = ns.unwrap_or("");
            let mut attrs = spec_attributes(def, &spec)?;
            if !attrs.resource_request {
                return Err(invalid(
                    def,
                    vec![FieldError::invalid(
                        &field("spec.nonResourceAttributes"),
                        "",
                        "disallowed on this kind of request",
                    )],
                ));
            }
            if attrs.namespace.is_empty() {
                attrs.namespace = ns.to_string();
                spec["resourceAttributes"]["namespace"] = json!(ns);
            } else if attrs.namespace != ns {
                return Err(invalid(
                    def,
                    vec![FieldError::invalid(
                        &field("spec.resourceAttributes.namespace"),
                        attrs.namespace.as_str(),
                        "must match metadata.namespace",
                    )],
                ));
            }
            let user = spec_user(def, &spec)?;
            let status = access_status(api, &user, &attrs);
            let mut out = review(def, spec, status);
            out["metadata"]["namespace"] = json!(ns);
            Ok(out)
        }
        "SelfSubjectRulesReview" => {
            let namespace = str_at(&spec, "namespace").to_string();
            if namespace.is_empty() {
                return Err(invalid(
                    def,
                    vec![FieldError::required(&field("spec.namespace"), "")],
                ));
            }
            let rules = api.authorizer.rules_for(requester, &namespace);
            let (resource_rules, path_rules): (Vec<PolicyRule>, Vec<PolicyRule>) = rules
                .into_iter()
                .partition(|r| r.non_resource_urls.is_empty());
            let resource_rules: Vec<Value> = resource_rules
                .iter()
                .map(|r| {
                    let mut v = json!({"verbs": r.verbs, "apiGroups": r.api_groups, "resources": r.resources});
                    if !r.resource_names.is_empty() {
                        v["resourceNames"] = json!(r.resource_names);
                    }
                    v
                })
                .collect();
            let path_rules: Vec<Value> = path_rules
                .iter()
                .map(|r| json!({"verbs": r.verbs, "nonResourceURLs": r.non_resource_urls}))
                .collect();
            let status = json!({
                "resourceRules": resource_rules,
                "nonResourceRules": path_rules,
                "incomplete": false,
            });
            Ok(review(def, spec, status))
        }
        _ => Err(ApiError::method_not_supported(def.qualified(), "create")),
    }
}
