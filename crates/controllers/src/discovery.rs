//! Resource discovery for controllers that work on every resource type (the
//! garbage collector and namespace deletion).

use std::collections::HashMap;

use kube::core::{ApiResource, GroupVersionKind};
use kube::discovery::{verbs, Discovery, Scope};
use kube::Client;

/// A served resource type.
#[derive(Clone, Debug)]
pub struct ResourceType {
    /// Group, version, kind and plural.
    pub api: ApiResource,
    /// Whether objects are namespaced.
    pub namespaced: bool,
    /// Verbs the server allows.
    pub verbs: Vec<String>,
}

impl ResourceType {
    /// Whether every listed verb is supported.
    pub fn supports(&self, wanted: &[&str]) -> bool {
        wanted.iter().all(|w| self.verbs.iter().any(|v| v == w))
    }
}

/// Every resource type the server serves (preferred versions first), indexed by kind.
#[derive(Clone, Debug, Default)]
pub struct ResourceTypes {
    /// All types.
    pub all: Vec<ResourceType>,
    by_gvk: HashMap<(String, String, String), usize>,
}

impl ResourceTypes {
    /// Runs discovery against the server.
    pub async fn discover(client: &Client) -> anyhow::Result<Self> {
        let discovery = Discovery::new(client.clone()).run().await?;
        let mut types = ResourceTypes::default();
        for group in discovery.groups() {
            for version in group.versions() {
                for (ar, caps) in group.versioned_resources(version) {
                    if ar.plural.contains('/') {
                        continue;
                    }
                    let idx = types.all.len();
                    types
                        .by_gvk
                        .insert((ar.group.clone(), ar.version.clone(), ar.kind.clone()), idx);
                    types.all.push(ResourceType {
                        namespaced: caps.scope == Scope::Namespaced,
                        verbs: caps.operations.clone(),
                        api: ar,
                    });
                }
            }
        }
        Ok(types)
    }

    /// The type of `apiVersion` + `kind` (as found in owner references).
    pub fn by_api_version_kind(&self, api_version: &str, kind: &str) -> Option<&ResourceType> {
        let (group, version) = match api_version.split_once('/') {
            Some((g, v)) => (g.to_string(), v.to_string()),
            None => (String::new(), api_version.to_string()),
        };
        self.by_gvk
            .get(&(group, version, kind.to_string()))
            .map(|&i| &self.all[i])
    }

    /// The type of a GroupVersionKind.
    pub fn by_gvk(&self, gvk: &GroupVersionKind) -> Option<&ResourceType> {
        self.by_gvk
            .get(&(gvk.group.clone(), gvk.version.clone(), gvk.kind.clone()))
            .map(|&i| &self.all[i])
    }

    /// One entry per stored resource: the preferred version of each group's
    /// resources, skipping other versions of the same resource.
    pub fn preferred(&self) -> Vec<&ResourceType> {
        let mut seen = std::collections::HashSet::new();
        self.all
            .iter()
            .filter(|t| seen.insert((t.api.group.clone(), t.api.plural.clone())))
            .collect()
    }
}

/// Verbs needed to list, watch and delete.
pub const GC_VERBS: &[&str] = &[verbs::LIST, verbs::WATCH, verbs::DELETE];
