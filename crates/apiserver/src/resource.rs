//! The description of one served resource: names, scope, subresources, its
//! strategy and how its objects are decoded.

use std::sync::Arc;

use k8s_openapi::{ListableResource, Resource};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

use crate::registry::strategy::{DefaultStrategy, Strategy};

/// Decodes a JSON object into the resource's typed form and back, which rejects
/// wrongly-typed fields and drops unknown ones, as Kubernetes' decoder does.
pub type NormalizeFn = fn(Value) -> Result<Value, String>;

/// Converts an object between a served version and the storage version.
pub trait VersionConverter: Send + Sync {
    /// Served version -> storage version.
    fn to_storage(&self, obj: Value) -> Result<Value, String>;
    /// Storage version -> served version.
    fn storage_to_served(&self, obj: Value) -> Result<Value, String>;
}

/// Scope marker lookup for k8s-openapi's scope types.
pub trait ScopeInfo {
    /// True for namespaced resources.
    const NAMESPACED: bool;
}

impl ScopeInfo for k8s_openapi::NamespaceResourceScope {
    const NAMESPACED: bool = true;
}

impl ScopeInfo for k8s_openapi::ClusterResourceScope {
    const NAMESPACED: bool = false;
}

/// Everything the server knows about one resource at one version.
pub struct ResourceDef {
    /// API group ("" for core).
    pub group: &'static str,
    /// Version.
    pub version: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// Kind of the list type.
    pub list_kind: &'static str,
    /// Plural name (URL segment).
    pub plural: &'static str,
    /// Singular name.
    pub singular: String,
    /// Short names (`po`, `svc`, ...).
    pub short_names: &'static [&'static str],
    /// Categories (`all`).
    pub categories: &'static [&'static str],
    /// Whether objects live in namespaces.
    pub namespaced: bool,
    /// Whether the `status` subresource exists.
    pub status_subresource: bool,
    /// Whether the `scale` subresource exists.
    pub scale_subresource: bool,
    /// Other subresources served by dedicated handlers (`binding`, `eviction`, ...).
    pub extra_subresources: &'static [&'static str],
    /// The verbs allowed on the collection and objects.
    pub verbs: &'static [&'static str],
    /// OpenAPI definition name of the object type.
    pub definition: String,
    /// OpenAPI definition name of the list type.
    pub list_definition: String,
    /// Key prefix in the store, ending in `/`, e.g. `/registry/pods/`.
    pub storage_prefix: String,
    /// Storage version (group/version) when it differs from this one, with its converter.
    pub converter: Option<Arc<dyn VersionConverter>>,
    /// Decoder.
    pub normalize: NormalizeFn,
    /// Per-resource behaviour.
    pub strategy: Arc<dyn Strategy>,
    /// Adds the type's OpenAPI schema to a definitions builder.
    pub add_schema: crate::schema::AddSchemaFn,
    /// Whether objects are stored. Create-only resources that are answered
    /// and never kept (reviews) are not: they have no list type, no watch
    /// cache and only the `create` verb.
    pub stored: bool,
}

impl std::fmt::Debug for ResourceDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResourceDef")
            .field("group", &self.group)
            .field("version", &self.version)
            .field("plural", &self.plural)
            .finish_non_exhaustive()
    }
}

/// All verbs of an ordinary resource.
pub const ALL_VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

fn add_schema<T: schemars::JsonSchema>(defs: &mut capstan_machinery::schema::Definitions) {
    defs.add::<T>();
}

fn normalize<T: DeserializeOwned + Serialize>(value: Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

impl ResourceDef {
    /// A resource described by a k8s-openapi type, with the default strategy.
    pub fn of<T>() -> Self
    where
        T: Resource + ListableResource + DeserializeOwned + Serialize + schemars::JsonSchema,
        T::Scope: ScopeInfo,
    {
        let definition = T::schema_name().into_owned();
        let list_definition = format!("{}List", definition);
        Self {
            group: T::GROUP,
            version: T::VERSION,
            kind: T::KIND,
            list_kind: T::LIST_KIND,
            plural: T::URL_PATH_SEGMENT,
            singular: T::KIND.to_ascii_lowercase(),
            short_names: &[],
            categories: &[],
            namespaced: <T::Scope as ScopeInfo>::NAMESPACED,
            status_subresource: false,
            scale_subresource: false,
            extra_subresources: &[],
            verbs: ALL_VERBS,
            definition,
            list_definition,
            storage_prefix: format!("/registry/{}/", T::URL_PATH_SEGMENT),
            converter: None,
            normalize: normalize::<T>,
            strategy: Arc::new(DefaultStrategy),
            add_schema: add_schema::<T>,
            stored: true,
        }
    }

    /// A create-only resource that is answered and never stored (e.g.
    /// `selfsubjectreviews`): only the `create` verb, no list type.
    pub fn create_only<T>() -> Self
    where
        T: Resource + DeserializeOwned + Serialize + schemars::JsonSchema,
        T::Scope: ScopeInfo,
    {
        Self {
            group: T::GROUP,
            version: T::VERSION,
            kind: T::KIND,
            list_kind: "",
            plural: T::URL_PATH_SEGMENT,
            singular: T::KIND.to_ascii_lowercase(),
            short_names: &[],
            categories: &[],
            namespaced: <T::Scope as ScopeInfo>::NAMESPACED,
            status_subresource: false,
            scale_subresource: false,
            extra_subresources: &[],
            verbs: &["create"],
            definition: T::schema_name().into_owned(),
            list_definition: String::new(),
            storage_prefix: format!("/registry/{}/", T::URL_PATH_SEGMENT),
            converter: None,
            normalize: normalize::<T>,
            strategy: Arc::new(DefaultStrategy),
            add_schema: add_schema::<T>,
            stored: false,
        }
    }

    /// Sets short names.
    pub fn short(mut self, names: &'static [&'static str]) -> Self {
        self.short_names = names;
        self
    }

    /// Sets categories.
    pub fn categories(mut self, categories: &'static [&'static str]) -> Self {
        self.categories = categories;
        self
    }

    /// Adds the status subresource.
    pub fn status(mut self) -> Self {
        self.status_subresource = true;
        self
    }

    /// Adds the scale subresource.
    pub fn scale(mut self) -> Self {
        self.scale_subresource = true;
        self
    }

    /// Declares subresources served by dedicated handlers.
    pub fn subresources(mut self, names: &'static [&'static str]) -> Self {
        self.extra_subresources = names;
        self
    }

    /// Overrides the store key prefix (Kubernetes' historical names, e.g. `minions`).
    pub fn stored_at(mut self, prefix: &str) -> Self {
        self.storage_prefix = prefix.to_string();
        self
    }

    /// Stores this version through a converter to the storage version.
    pub fn converted(mut self, converter: Arc<dyn VersionConverter>) -> Self {
        self.converter = Some(converter);
        self
    }

    /// Sets the strategy.
    pub fn strategy(mut self, strategy: impl Strategy) -> Self {
        self.strategy = Arc::new(strategy);
        self
    }

    /// Sets the allowed verbs.
    pub fn verbs(mut self, verbs: &'static [&'static str]) -> Self {
        self.verbs = verbs;
        self
    }

    /// `apps/v1`, or `v1` for the core group.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The group-qualified resource for messages.
    pub fn qualified(&self) -> crate::status::Qualified<'_> {
        crate::status::Qualified {
            group: self.group,
            resource: self.plural,
        }
    }

    /// Whether the verb is allowed.
    pub fn allows(&self, verb: &str) -> bool {
        self.verbs.contains(&verb)
    }

    /// The store key of an object.
    pub fn key(&self, namespace: Option<&str>, name: &str) -> String {
        match namespace {
            Some(ns) if self.namespaced => format!("{}{}/{}", self.storage_prefix, ns, name),
            _ => format!("{}{}", self.storage_prefix, name),
        }
    }

    /// The store key prefix of a collection (all namespaces when `namespace` is None).
    pub fn collection_prefix(&self, namespace: Option<&str>) -> String {
        match namespace {
            Some(ns) if self.namespaced => format!("{}{}/", self.storage_prefix, ns),
            _ => self.storage_prefix.clone(),
        }
    }
}
