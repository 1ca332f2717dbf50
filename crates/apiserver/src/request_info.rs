//! Parsing a request path into the resource it addresses.

use http::Method;

/// What an API request addresses, as Kubernetes' `RequestInfo`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestInfo {
    /// API group ("" for the core group).
    pub group: String,
    /// API version.
    pub version: String,
    /// Namespace from the path, if any.
    pub namespace: Option<String>,
    /// Plural resource name.
    pub resource: String,
    /// Object name, if any.
    pub name: Option<String>,
    /// Subresource (`status`, `scale`, `log`, ...), if any.
    pub subresource: Option<String>,
    /// The verb: get, list, watch, create, update, patch, delete, deletecollection.
    pub verb: Verb,
}

/// The Kubernetes verb of a resource request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Verb {
    /// Read one object.
    #[default]
    Get,
    /// Read a collection.
    List,
    /// Watch a collection or object.
    Watch,
    /// Create.
    Create,
    /// Replace.
    Update,
    /// Patch.
    Patch,
    /// Delete one.
    Delete,
    /// Delete a collection.
    DeleteCollection,
}

impl Verb {
    /// The verb's name as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "get",
            Verb::List => "list",
            Verb::Watch => "watch",
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Patch => "patch",
            Verb::Delete => "delete",
            Verb::DeleteCollection => "deletecollection",
        }
    }
}

/// Where a non-resource or malformed path leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A resource request.
    Resource(RequestInfo),
    /// `/api` (core group versions).
    ApiVersions,
    /// `/apis` (group list).
    ApiGroups,
    /// `/apis/<group>`.
    ApiGroup(String),
    /// `/api/v1` or `/apis/<group>/<version>` (resource list).
    ApiResources {
        /// Group.
        group: String,
        /// Version.
        version: String,
    },
    /// Anything else (handled by the non-resource router).
    Other,
}

/// Classify `path` for `method`, with `watch` from the `watch` query parameter.
pub fn route(method: &Method, path: &str, watch_param: bool) -> Route {
    let parts: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let (group, version, rest) = match parts.as_slice() {
        ["api"] => return Route::ApiVersions,
        ["apis"] => return Route::ApiGroups,
        ["api", v] => {
            return Route::ApiResources {
                group: String::new(),
                version: v.to_string(),
            }
        }
        ["apis", g] => return Route::ApiGroup(g.to_string()),
        ["apis", g, v] => {
            return Route::ApiResources {
                group: g.to_string(),
                version: v.to_string(),
            }
        }
        ["api", v, rest @ ..] => (String::new(), v.to_string(), rest),
        ["apis", g, v, rest @ ..] => (g.to_string(), v.to_string(), rest),
        _ => return Route::Other,
    };
    let mut rest: Vec<&str> = rest.to_vec();
    let mut legacy_watch = false;
    if rest.first() == Some(&"watch") {
        legacy_watch = true;
        rest.remove(0);
    }
    let mut info = RequestInfo {
        group,
        version,
        ..Default::default()
    };
    // namespaces/<ns>/<resource>... addresses a namespaced resource; namespaces/<ns>
    // and namespaces/<ns>/{status,finalize} address the Namespace itself.
    if rest.first() == Some(&"namespaces")
        && rest.len() >= 3
        && !matches!(rest[2], "status" | "finalize")
    {
        info.namespace = Some(rest[1].to_string());
        rest.drain(..2);
    }
    match rest.as_slice() {
        [resource] => info.resource = resource.to_string(),
        [resource, name] => {
            info.resource = resource.to_string();
            info.name = Some(name.to_string());
        }
        [resource, name, sub] => {
            info.resource = resource.to_string();
            info.name = Some(name.to_string());
            info.subresource = Some(sub.to_string());
        }
        // Sub-paths of subresources (e.g. proxy/<path>) keep the first segment.
        [resource, name, sub, ..] => {
            info.resource = resource.to_string();
            info.name = Some(name.to_string());
            info.subresource = Some(sub.to_string());
        }
        _ => return Route::Other,
    }
    info.verb = match *method {
        Method::GET | Method::HEAD => {
            if legacy_watch || watch_param {
                Verb::Watch
            } else if info.name.is_some() {
                Verb::Get
            } else {
                Verb::List
            }
        }
        Method::POST => Verb::Create,
        Method::PUT => Verb::Update,
        Method::PATCH => Verb::Patch,
        Method::DELETE => {
            if info.name.is_some() {
                Verb::Delete
            } else {
                Verb::DeleteCollection
            }
        }
        _ => Verb::Get,
    };
    Route::Resource(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res(method: Method, path: &str) -> RequestInfo {
        match route(&method, path, false) {
            Route::Resource(i) => i,
            other => panic!("{path}: {other:?}"),
        }
    }

    #[test]
    fn namespaced_object() {
        let i = res(Method::GET, "/api/v1/namespaces/default/pods/web");
        assert_eq!(i.namespace.as_deref(), Some("default"));
        assert_eq!(i.resource, "pods");
        assert_eq!(i.name.as_deref(), Some("web"));
        assert_eq!(i.verb, Verb::Get);
    }

    #[test]
    fn namespace_itself_and_its_subresources() {
        let i = res(Method::GET, "/api/v1/namespaces/kube-system");
        assert_eq!(i.resource, "namespaces");
        assert_eq!(i.name.as_deref(), Some("kube-system"));
        assert_eq!(i.namespace, None);
        let f = res(Method::PUT, "/api/v1/namespaces/x/finalize");
        assert_eq!(f.subresource.as_deref(), Some("finalize"));
        assert_eq!(f.verb, Verb::Update);
    }

    #[test]
    fn group_collection_and_legacy_watch() {
        let i = res(Method::GET, "/apis/apps/v1/namespaces/ns/deployments");
        assert_eq!((i.group.as_str(), i.verb), ("apps", Verb::List));
        let w = res(Method::GET, "/apis/apps/v1/watch/namespaces/ns/deployments");
        assert_eq!(w.verb, Verb::Watch);
        let d = res(Method::DELETE, "/api/v1/namespaces/ns/configmaps");
        assert_eq!(d.verb, Verb::DeleteCollection);
        let s = res(
            Method::PUT,
            "/apis/apps/v1/namespaces/ns/deployments/d/scale",
        );
        assert_eq!(s.subresource.as_deref(), Some("scale"));
    }

    #[test]
    fn discovery_routes() {
        assert_eq!(route(&Method::GET, "/api", false), Route::ApiVersions);
        assert_eq!(route(&Method::GET, "/apis/", false), Route::ApiGroups);
        assert_eq!(
            route(&Method::GET, "/apis/apps/v1", false),
            Route::ApiResources {
                group: "apps".into(),
                version: "v1".into()
            }
        );
        assert_eq!(route(&Method::GET, "/healthz", false), Route::Other);
    }
}
