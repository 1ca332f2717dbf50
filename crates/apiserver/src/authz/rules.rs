//! RBAC's matching rules: which request a `PolicyRule` covers and which user a
//! binding's subject names, as `rbac.authorization.k8s.io/v1` defines them.

use serde_json::Value;

use crate::context::UserInfo;

/// What a request asks to do, as Kubernetes' authorizer attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    /// The verb: a resource verb (`get`, `list`, ...) or, for non-resource
    /// requests, the lower-cased HTTP method.
    pub verb: String,
    /// Whether the request addresses an API resource (else a path).
    pub resource_request: bool,
    /// API group ("" for core).
    pub group: String,
    /// API version.
    pub version: String,
    /// Plural resource.
    pub resource: String,
    /// Subresource, if any ("" when none).
    pub subresource: String,
    /// Object name ("" when none).
    pub name: String,
    /// Namespace ("" for cluster-scoped requests).
    pub namespace: String,
    /// Path, for non-resource requests.
    pub path: String,
}

/// One rule of a Role or ClusterRole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyRule {
    /// Verbs (`*` for all).
    pub verbs: Vec<String>,
    /// API groups (`*` for all).
    pub api_groups: Vec<String>,
    /// Resources, `resource/subresource`, `*/subresource` or `*`.
    pub resources: Vec<String>,
    /// Object names (empty for all).
    pub resource_names: Vec<String>,
    /// Non-resource URL paths, with a trailing `*` as a prefix match.
    pub non_resource_urls: Vec<String>,
}

fn strings(v: &Value, field: &str) -> Vec<String> {
    v.get(field)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

impl PolicyRule {
    /// Reads a rule from its JSON form.
    pub fn from_json(v: &Value) -> Self {
        Self {
            verbs: strings(v, "verbs"),
            api_groups: strings(v, "apiGroups"),
            resources: strings(v, "resources"),
            resource_names: strings(v, "resourceNames"),
            non_resource_urls: strings(v, "nonResourceURLs"),
        }
    }

    /// Reads the `rules` of a Role or ClusterRole.
    pub fn list_from_role(role: &Value) -> Vec<Self> {
        role.get("rules")
            .and_then(Value::as_array)
            .map(|rules| rules.iter().map(Self::from_json).collect())
            .unwrap_or_default()
    }

    /// Whether this rule allows the request.
    pub fn allows(&self, attrs: &Attributes) -> bool {
        if !self.verb_matches(&attrs.verb) {
            return false;
        }
        if attrs.resource_request {
            self.api_group_matches(&attrs.group)
                && self.resource_matches(&attrs.resource, &attrs.subresource)
                && self.name_matches(&attrs.name)
        } else {
            self.path_matches(&attrs.path)
        }
    }

    fn verb_matches(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == "*" || v == verb)
    }

    fn api_group_matches(&self, group: &str) -> bool {
        self.api_groups.iter().any(|g| g == "*" || g == group)
    }

    fn resource_matches(&self, resource: &str, subresource: &str) -> bool {
        self.resources.iter().any(|r| {
            if r == "*" {
                return true;
            }
            if subresource.is_empty() {
                return r == resource;
            }
            let (rule_resource, rule_sub) = r.split_once('/').unwrap_or((r.as_str(), ""));
            rule_sub == subresource && (rule_resource == resource || rule_resource == "*")
        })
    }

    fn name_matches(&self, name: &str) -> bool {
        self.resource_names.is_empty() || self.resource_names.iter().any(|n| n == name)
    }

    fn path_matches(&self, path: &str) -> bool {
        self.non_resource_urls.iter().any(|u| {
            u == "*"
                || u == path
                || u.strip_suffix('*')
                    .is_some_and(|prefix| path.starts_with(prefix))
        })
    }
}

/// Whether `subject` (a binding's subject, JSON) names `user`. ServiceAccount
/// subjects without a namespace take the binding's.
pub fn subject_matches(subject: &Value, user: &UserInfo, binding_namespace: &str) -> bool {
    let name = subject.get("name").and_then(Value::as_str).unwrap_or("");
    match subject.get("kind").and_then(Value::as_str).unwrap_or("") {
        "User" => user.name == name,
        "Group" => user.groups.iter().any(|g| g == name),
        "ServiceAccount" => {
            let ns = subject
                .get("namespace")
                .and_then(Value::as_str)
                .filter(|ns| !ns.is_empty())
                .unwrap_or(binding_namespace);
            !ns.is_empty() && user.name == crate::serviceaccount::username(ns, name)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn resource(verb: &str, group: &str, resource: &str, sub: &str, name: &str) -> Attributes {
        Attributes {
            verb: verb.into(),
            resource_request: true,
            group: group.into(),
            version: "v1".into(),
            resource: resource.into(),
            subresource: sub.into(),
            name: name.into(),
            namespace: "default".into(),
            path: String::new(),
        }
    }

    fn path(verb: &str, path: &str) -> Attributes {
        Attributes {
            verb: verb.into(),
            path: path.into(),
            ..Default::default()
        }
    }

    fn rule(v: Value) -> PolicyRule {
        PolicyRule::from_json(&v)
    }

    #[test]
    fn verbs_groups_and_resources_must_all_match() {
        let r = rule(json!({"verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods"]}));
        assert!(r.allows(&resource("get", "", "pods", "", "web")));
        assert!(r.allows(&resource("list", "", "pods", "", "")));
        assert!(!r.allows(&resource("delete", "", "pods", "", "web")));
        assert!(!r.allows(&resource("get", "apps", "pods", "", "web")));
        assert!(!r.allows(&resource("get", "", "services", "", "web")));
        // A rule for a resource does not cover its subresources.
        assert!(!r.allows(&resource("get", "", "pods", "log", "web")));
    }

    #[test]
    fn wildcards_and_subresources() {
        let all = rule(json!({"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}));
        assert!(all.allows(&resource("deletecollection", "apps", "deployments", "", "")));
        assert!(all.allows(&resource("update", "apps", "deployments", "scale", "web")));
        let scale =
            rule(json!({"verbs": ["update"], "apiGroups": ["apps"], "resources": ["*/scale"]}));
        assert!(scale.allows(&resource("update", "apps", "deployments", "scale", "web")));
        assert!(!scale.allows(&resource("update", "apps", "deployments", "", "web")));
        assert!(!scale.allows(&resource("update", "apps", "deployments", "status", "web")));
        let log = rule(json!({"verbs": ["get"], "apiGroups": [""], "resources": ["pods/log"]}));
        assert!(log.allows(&resource("get", "", "pods", "log", "web")));
        assert!(!log.allows(&resource("get", "", "pods", "", "web")));
    }

    #[test]
    fn resource_names_restrict_to_named_objects() {
        let r = rule(
            json!({"verbs": ["get", "list"], "apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["settings"]}),
        );
        assert!(r.allows(&resource("get", "", "configmaps", "", "settings")));
        assert!(!r.allows(&resource("get", "", "configmaps", "", "other")));
        // A list names no object, so a name-restricted rule does not cover it.
        assert!(!r.allows(&resource("list", "", "configmaps", "", "")));
    }

    #[test]
    fn non_resource_urls_match_exactly_or_by_prefix() {
        let r = rule(json!({"verbs": ["get"], "nonResourceURLs": ["/healthz", "/apis/*"]}));
        assert!(r.allows(&path("get", "/healthz")));
        assert!(r.allows(&path("get", "/apis/apps/v1")));
        assert!(!r.allows(&path("get", "/apis")));
        assert!(!r.allows(&path("post", "/healthz")));
        // Path rules never grant resource requests.
        assert!(!r.allows(&resource("get", "", "pods", "", "")));
        let star = rule(json!({"verbs": ["*"], "nonResourceURLs": ["*"]}));
        assert!(star.allows(&path("put", "/anything")));
    }

    #[test]
    fn subjects_name_users_groups_and_service_accounts() {
        let user = UserInfo::named(
            "system:serviceaccount:apps:robot",
            vec![
                "system:serviceaccounts".into(),
                "system:authenticated".into(),
            ],
        );
        assert!(subject_matches(
            &json!({"kind": "ServiceAccount", "name": "robot", "namespace": "apps"}),
            &user,
            ""
        ));
        assert!(subject_matches(
            &json!({"kind": "ServiceAccount", "name": "robot"}),
            &user,
            "apps"
        ));
        assert!(!subject_matches(
            &json!({"kind": "ServiceAccount", "name": "robot"}),
            &user,
            "other"
        ));
        assert!(!subject_matches(
            &json!({"kind": "ServiceAccount", "name": "robot"}),
            &user,
            ""
        ));
        assert!(subject_matches(
            &json!({"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:serviceaccounts"}),
            &user,
            ""
        ));
        assert!(subject_matches(
            &json!({"kind": "User", "name": "system:serviceaccount:apps:robot"}),
            &user,
            ""
        ));
        assert!(!subject_matches(
            &json!({"kind": "User", "name": "robot"}),
            &user,
            ""
        ));
        assert!(!subject_matches(
            &json!({"kind": "Robot", "name": "robot"}),
            &user,
            ""
        ));
    }
}
