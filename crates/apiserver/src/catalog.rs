//! The index of served resources.

use std::collections::HashMap;
use std::sync::Arc;

use crate::resource::ResourceDef;

/// All served resources, indexed for routing.
#[derive(Debug, Default)]
pub struct Catalog {
    defs: Vec<Arc<ResourceDef>>,
    by_path: HashMap<(String, String, String), usize>,
    /// Group -> versions, preferred first, in registration order.
    groups: Vec<(String, Vec<String>)>,
}

impl Catalog {
    /// Builds the index. Group order (and version order within a group) follows
    /// the order of `defs`; the first version registered for a group is preferred.
    pub fn new(defs: Vec<ResourceDef>) -> Self {
        let mut catalog = Catalog::default();
        for def in defs {
            catalog.add(def);
        }
        catalog
    }

    /// Adds a resource.
    pub fn add(&mut self, def: ResourceDef) {
        let idx = self.defs.len();
        self.by_path.insert(
            (
                def.group.to_string(),
                def.version.to_string(),
                def.plural.to_string(),
            ),
            idx,
        );
        match self.groups.iter_mut().find(|(g, _)| g == def.group) {
            Some((_, versions)) => {
                if !versions.iter().any(|v| v == def.version) {
                    versions.push(def.version.to_string());
                }
            }
            None => self
                .groups
                .push((def.group.to_string(), vec![def.version.to_string()])),
        }
        self.defs.push(Arc::new(def));
    }

    /// The resource at `group/version/plural`.
    pub fn get(&self, group: &str, version: &str, plural: &str) -> Option<&Arc<ResourceDef>> {
        self.by_path
            .get(&(group.to_string(), version.to_string(), plural.to_string()))
            .map(|&i| &self.defs[i])
    }

    /// The resource of `kind` in `group` at `version`.
    pub fn by_kind(&self, group: &str, version: &str, kind: &str) -> Option<&Arc<ResourceDef>> {
        self.defs
            .iter()
            .find(|d| d.group == group && d.version == version && d.kind == kind)
    }

    /// The preferred-version resource of `kind` in `group`.
    pub fn preferred_by_kind(&self, group: &str, kind: &str) -> Option<&Arc<ResourceDef>> {
        let version = self.preferred_version(group)?;
        self.by_kind(group, version, kind).or_else(|| {
            self.defs
                .iter()
                .find(|d| d.group == group && d.kind == kind)
        })
    }

    /// Every resource.
    pub fn all(&self) -> &[Arc<ResourceDef>] {
        &self.defs
    }

    /// Resources of one group version.
    pub fn in_version<'a>(
        &'a self,
        group: &'a str,
        version: &'a str,
    ) -> impl Iterator<Item = &'a Arc<ResourceDef>> + 'a {
        self.defs
            .iter()
            .filter(move |d| d.group == group && d.version == version)
    }

    /// Groups with their versions, preferred first.
    pub fn groups(&self) -> &[(String, Vec<String>)] {
        &self.groups
    }

    /// Whether a group version is served.
    pub fn serves_version(&self, group: &str, version: &str) -> bool {
        self.groups
            .iter()
            .any(|(g, vs)| g == group && vs.iter().any(|v| v == version))
    }

    /// The preferred version of a group.
    pub fn preferred_version(&self, group: &str) -> Option<&str> {
        self.groups
            .iter()
            .find(|(g, _)| g == group)
            .and_then(|(_, vs)| vs.first())
            .map(String::as_str)
    }
}
