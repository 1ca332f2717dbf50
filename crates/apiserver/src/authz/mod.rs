//! Authorization: RBAC over the `rbac.authorization.k8s.io/v1` objects, read
//! from the watch caches as Kubernetes' RBAC authorizer reads its listers.
//! Members of `system:masters` are allowed everything without a lookup.

pub mod bootstrap_policy;
pub mod impersonation;
pub mod rules;

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::Mutex;
use serde_json::Value;

use crate::catalog::Catalog;
use crate::context::UserInfo;
use crate::request_info::RequestInfo;
use crate::status::{ApiError, Qualified};
use crate::watch_cache::WatchCache;
pub use rules::{Attributes, PolicyRule};

/// The group whose members bypass authorization, as in Kubernetes.
pub const MASTERS_GROUP: &str = "system:masters";

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// A binding reduced to what authorization needs.
#[derive(Debug, Clone)]
struct Binding {
    name: String,
    namespace: String,
    role_kind: String,
    role_name: String,
    subjects: Vec<Value>,
}

impl Binding {
    fn from_json(v: &Value) -> Self {
        let meta = &v["metadata"];
        Self {
            name: meta["name"].as_str().unwrap_or("").to_string(),
            namespace: meta["namespace"].as_str().unwrap_or("").to_string(),
            role_kind: v["roleRef"]["kind"].as_str().unwrap_or("").to_string(),
            role_name: v["roleRef"]["name"].as_str().unwrap_or("").to_string(),
            subjects: v["subjects"].as_array().cloned().unwrap_or_default(),
        }
    }

    fn applies_to(&self, user: &UserInfo) -> bool {
        self.subjects
            .iter()
            .any(|s| rules::subject_matches(s, user, &self.namespace))
    }
}

/// Every RBAC object at one moment, indexed for lookups.
#[derive(Debug, Default)]
struct Policy {
    cluster_roles: HashMap<String, Vec<PolicyRule>>,
    roles: HashMap<(String, String), Vec<PolicyRule>>,
    cluster_bindings: Vec<Binding>,
    bindings: HashMap<String, Vec<Binding>>,
}

impl Policy {
    fn role_rules(&self, binding: &Binding) -> Option<&[PolicyRule]> {
        match binding.role_kind.as_str() {
            "ClusterRole" => self.cluster_roles.get(&binding.role_name),
            "Role" => self
                .roles
                .get(&(binding.namespace.clone(), binding.role_name.clone())),
            _ => None,
        }
        .map(Vec::as_slice)
    }

    /// The bindings that apply to `user` for a request in `namespace`
    /// (cluster bindings first), each with its rules.
    fn applicable<'a>(
        &'a self,
        user: &'a UserInfo,
        namespace: &'a str,
    ) -> impl Iterator<Item = (&'a Binding, &'a [PolicyRule])> + 'a {
        let local = self
            .bindings
            .get(namespace)
            .filter(|_| !namespace.is_empty())
            .into_iter()
            .flatten();
        self.cluster_bindings
            .iter()
            .chain(local)
            .filter(move |b| b.applies_to(user))
            .filter_map(move |b| self.role_rules(b).map(|rules| (b, rules)))
    }
}

/// One RBAC resource's watch cache and where its objects live.
#[derive(Debug, Clone)]
struct Source {
    cache: Arc<WatchCache>,
    prefix: String,
}

impl Source {
    fn objects(&self) -> Vec<Value> {
        self.cache
            .list(&self.prefix, None, 0, false, &|_| true)
            .items
            .iter()
            .map(|o| o.to_value(o.mod_revision))
            .collect()
    }
}

fn is_master(user: &UserInfo) -> bool {
    user.groups.iter().any(|g| g == MASTERS_GROUP)
}

/// The outcome of an authorization check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Whether the request is allowed.
    pub allowed: bool,
    /// Why, when allowed: the binding and role that granted it.
    pub reason: String,
}

/// The RBAC authorizer.
#[derive(Debug, Default)]
pub struct Authorizer {
    sources: Option<[Source; 4]>,
    snapshot: Mutex<(Vec<u64>, Arc<Policy>)>,
}

impl Authorizer {
    /// An authorizer over the RBAC watch caches in `caches` (keyed by
    /// storage prefix). Without them (a catalog lacking RBAC), only
    /// `system:masters` is allowed anything.
    pub fn new(catalog: &Catalog, caches: &HashMap<String, Arc<WatchCache>>) -> Self {
        let source = |resource: &str| {
            let def = catalog.get(RBAC_GROUP, "v1", resource)?;
            Some(Source {
                cache: caches.get(&def.storage_prefix)?.clone(),
                prefix: def.storage_prefix.clone(),
            })
        };
        let sources = (|| {
            Some([
                source("clusterroles")?,
                source("roles")?,
                source("clusterrolebindings")?,
                source("rolebindings")?,
            ])
        })();
        Self {
            sources,
            snapshot: Mutex::new((Vec::new(), Arc::new(Policy::default()))),
        }
    }

    fn policy(&self) -> Arc<Policy> {
        let Some(sources) = &self.sources else {
            return Arc::new(Policy::default());
        };
        let versions: Vec<u64> = sources.iter().map(|s| s.cache.changes()).collect();
        let mut snapshot = self.snapshot.lock();
        if snapshot.0 != versions || versions.iter().all(|v| *v == 0) {
            *snapshot = (versions, Arc::new(Self::build(sources)));
        }
        snapshot.1.clone()
    }

    fn build(sources: &[Source; 4]) -> Policy {
        let [cluster_roles, roles, cluster_bindings, bindings] = sources;
        let mut policy = Policy::default();
        for role in cluster_roles.objects() {
            let name = role["metadata"]["name"].as_str().unwrap_or("").to_string();
            policy
                .cluster_roles
                .insert(name, PolicyRule::list_from_role(&role));
        }
        for role in roles.objects() {
            let meta = &role["metadata"];
            let key = (
                meta["namespace"].as_str().unwrap_or("").to_string(),
                meta["name"].as_str().unwrap_or("").to_string(),
            );
            policy.roles.insert(key, PolicyRule::list_from_role(&role));
        }
        policy.cluster_bindings = cluster_bindings
            .objects()
            .iter()
            .map(Binding::from_json)
            .collect();
        for binding in bindings.objects().iter().map(Binding::from_json) {
            policy
                .bindings
                .entry(binding.namespace.clone())
                .or_default()
                .push(binding);
        }
        policy
    }

    /// Decides whether `user` may do what `attrs` describe.
    pub fn authorize(&self, user: &UserInfo, attrs: &Attributes) -> Decision {
        if is_master(user) {
            return Decision {
                allowed: true,
                reason: String::new(),
            };
        }
        let policy = self.policy();
        let namespace = if attrs.resource_request {
            attrs.namespace.as_str()
        } else {
            ""
        };
        for (binding, rules) in policy.applicable(user, namespace) {
            if rules.iter().any(|r| r.allows(attrs)) {
                let kind = if binding.namespace.is_empty() {
                    "ClusterRoleBinding".to_string()
                } else {
                    format!("RoleBinding of namespace {:?}", binding.namespace)
                };
                return Decision {
                    allowed: true,
                    reason: format!(
                        "RBAC: allowed by {kind} {:?} of {} {:?} to {}",
                        binding.name, binding.role_kind, binding.role_name, user.name
                    ),
                };
            }
        }
        Decision {
            allowed: false,
            reason: String::new(),
        }
    }

    /// The rules that apply to `user` in `namespace` (cluster-wide ones
    /// included), for SelfSubjectRulesReview.
    pub fn rules_for(&self, user: &UserInfo, namespace: &str) -> Vec<PolicyRule> {
        if is_master(user) {
            return vec![
                PolicyRule {
                    verbs: vec!["*".into()],
                    api_groups: vec!["*".into()],
                    resources: vec!["*".into()],
                    ..Default::default()
                },
                PolicyRule {
                    verbs: vec!["*".into()],
                    non_resource_urls: vec!["*".into()],
                    ..Default::default()
                },
            ];
        }
        let policy = self.policy();
        policy
            .applicable(user, namespace)
            .flat_map(|(_, rules)| rules.iter().cloned())
            .collect()
    }
}

/// The attributes of a resource request.
pub fn resource_attributes(info: &RequestInfo) -> Attributes {
    Attributes {
        verb: info.verb.as_str().to_string(),
        resource_request: true,
        group: info.group.clone(),
        version: info.version.clone(),
        resource: info.resource.clone(),
        subresource: info.subresource.clone().unwrap_or_default(),
        name: info.name.clone().unwrap_or_default(),
        namespace: info.namespace.clone().unwrap_or_default(),
        path: String::new(),
    }
}

/// The attributes of a request for a path that is not an API resource.
pub fn path_attributes(method: &http::Method, path: &str) -> Attributes {
    let verb = match *method {
        http::Method::GET | http::Method::HEAD => "get".to_string(),
        ref other => other.as_str().to_ascii_lowercase(),
    };
    Attributes {
        verb,
        resource_request: false,
        path: path.to_string(),
        ..Default::default()
    }
}

/// The 403 Kubernetes answers a denied request with.
pub fn forbidden(user: &UserInfo, attrs: &Attributes) -> ApiError {
    if !attrs.resource_request {
        return ApiError::forbidden_path(format!(
            "User {:?} cannot {} path {:?}",
            user.name, attrs.verb, attrs.path
        ));
    }
    let mut resource = attrs.resource.clone();
    if !attrs.subresource.is_empty() {
        resource = format!("{resource}/{}", attrs.subresource);
    }
    let scope = if attrs.namespace.is_empty() {
        "at the cluster scope".to_string()
    } else {
        format!("in the namespace {:?}", attrs.namespace)
    };
    let why = format!(
        "User {:?} cannot {} resource {:?} in API group {:?} {scope}",
        user.name, attrs.verb, resource, attrs.group
    );
    ApiError::forbidden(
        Qualified {
            group: &attrs.group,
            resource: &attrs.resource,
        },
        &attrs.name,
        why,
    )
}
