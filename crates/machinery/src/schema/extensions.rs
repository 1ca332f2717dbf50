//! Lookup of the Kubernetes `x-kubernetes-*` list/map/patch facts for API definitions.

/// Facts about one property of one OpenAPI definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyFacts {
    /// Definition name, e.g. `io.k8s.api.core.v1.PodSpec`.
    pub definition: &'static str,
    /// JSON property name, e.g. `containers`.
    pub field: &'static str,
    /// `x-kubernetes-patch-strategy` (`merge`, `retainKeys`, `merge,retainKeys`, `replace`).
    pub patch_strategy: Option<&'static str>,
    /// `x-kubernetes-patch-merge-key`.
    pub patch_merge_key: Option<&'static str>,
    /// `x-kubernetes-list-type` (`atomic`, `set`, `map`).
    pub list_type: Option<&'static str>,
    /// `x-kubernetes-list-map-keys`.
    pub list_map_keys: &'static [&'static str],
    /// `x-kubernetes-map-type` (`atomic`, `granular`).
    pub map_type: Option<&'static str>,
}

/// Facts about a whole definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefinitionFacts {
    /// Definition name.
    pub definition: &'static str,
    /// `x-kubernetes-map-type` of the definition itself.
    pub map_type: &'static str,
}

#[rustfmt::skip]
#[path = "extensions_table.rs"]
mod table;

pub use table::{DEFINITION_FACTS, PROPERTY_FACTS};

/// All property facts of one definition (possibly empty).
pub fn properties_of(definition: &str) -> &'static [PropertyFacts] {
    let start = PROPERTY_FACTS.partition_point(|p| p.definition < definition);
    let end = PROPERTY_FACTS.partition_point(|p| p.definition <= definition);
    PROPERTY_FACTS.get(start..end).unwrap_or_default()
}

/// The facts for `definition.field`, if any are recorded.
pub fn property_facts(definition: &str, field: &str) -> Option<&'static PropertyFacts> {
    let props = properties_of(definition);
    props
        .binary_search_by(|p| p.field.cmp(field))
        .ok()
        .and_then(|i| props.get(i))
}

/// The definition-level map type, if any.
pub fn definition_facts(definition: &str) -> Option<&'static DefinitionFacts> {
    DEFINITION_FACTS
        .binary_search_by(|d| d.definition.cmp(definition))
        .ok()
        .and_then(|i| DEFINITION_FACTS.get(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in PROPERTY_FACTS.windows(2) {
            assert!(
                (pair[0].definition, pair[0].field) < (pair[1].definition, pair[1].field),
                "{pair:?}"
            );
        }
        for pair in DEFINITION_FACTS.windows(2) {
            assert!(pair[0].definition < pair[1].definition);
        }
    }

    #[test]
    fn well_known_facts() {
        let c = property_facts("io.k8s.api.core.v1.PodSpec", "containers");
        assert_eq!(c.and_then(|c| c.patch_strategy), Some("merge"));
        assert_eq!(c.and_then(|c| c.patch_merge_key), Some("name"));
        assert_eq!(c.and_then(|c| c.list_type), Some("map"));
        let v = property_facts("io.k8s.api.core.v1.PodSpec", "volumes");
        assert_eq!(v.and_then(|c| c.patch_strategy), Some("merge,retainKeys"));
        let p = property_facts("io.k8s.api.core.v1.Container", "ports");
        assert_eq!(
            p.map(|c| c.list_map_keys),
            Some(&["containerPort", "protocol"][..])
        );
        let f = property_facts(
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "finalizers",
        );
        assert_eq!(f.and_then(|c| c.list_type), Some("set"));
        assert_eq!(f.and_then(|c| c.patch_strategy), Some("merge"));
        let s = property_facts("io.k8s.api.apps.v1.DeploymentSpec", "strategy");
        assert_eq!(s.and_then(|c| c.patch_strategy), Some("retainKeys"));
        assert!(property_facts("io.k8s.api.core.v1.PodSpec", "nope").is_none());
        assert_eq!(
            definition_facts("io.k8s.api.core.v1.LocalObjectReference").map(|d| d.map_type),
            Some("atomic")
        );
        assert!(!properties_of("io.k8s.api.core.v1.PodSpec").is_empty());
        assert!(properties_of("zzz").is_empty());
    }
}
