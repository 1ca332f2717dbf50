//! Type information for every served type: the OpenAPI definitions (with
//! Kubernetes' extensions) and the compact type tree used to find unknown fields
//! and to drive strategic merge patches.

use std::sync::Arc;

use capstan_machinery::schema::{self, Definitions, Node, TypeTree};
use serde_json::{json, Map, Value};

pub use capstan_machinery::schema::Dialect;

use crate::catalog::Catalog;
use crate::resource::ResourceDef;

/// Adds the schema of a resource's type to a definitions builder.
pub type AddSchemaFn = fn(&mut Definitions);

/// Types every document carries besides the resources themselves.
fn add_common(defs: &mut Definitions) {
    use k8s_openapi::api::{autoscaling::v1::Scale, core::v1::Binding, policy::v1::Eviction};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        DeleteOptions, Patch, Status, WatchEvent,
    };
    defs.add::<Status>()
        .add::<DeleteOptions>()
        .add::<Patch>()
        .add::<WatchEvent<Value>>();
    defs.add::<Scale>().add::<Eviction>().add::<Binding>();
}

/// The type tree plus the means to regenerate OpenAPI definitions.
pub struct Schemas {
    tree: Arc<TypeTree>,
}

impl std::fmt::Debug for Schemas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schemas")
            .field("types", &self.tree.len())
            .finish()
    }
}

impl Schemas {
    /// Builds the type tree for every resource in the catalog.
    pub fn build(catalog: &Catalog) -> Arc<Self> {
        let defs =
            Self::raw_definitions(Dialect::OpenApiV3, catalog.all().iter().map(|d| d.as_ref()));
        Arc::new(Self {
            tree: TypeTree::shared(&defs),
        })
    }

    fn raw_definitions<'a>(
        dialect: Dialect,
        defs: impl Iterator<Item = &'a ResourceDef>,
    ) -> Map<String, Value> {
        let mut builder = Definitions::new(dialect);
        add_common(&mut builder);
        let defs: Vec<&ResourceDef> = defs.collect();
        for def in &defs {
            (def.add_schema)(&mut builder);
        }
        let mut map = builder.build();
        for def in &defs {
            schema::set_gvk(&mut map, &def.definition, def.group, def.version, def.kind);
            if !def.stored {
                continue;
            }
            let item_ref = format!("{}{}", dialect.ref_prefix(), def.definition);
            let list = json!({
                "description": format!("{} is a list of {} objects.", def.list_kind, def.kind),
                "type": "object",
                "required": ["items"],
                "properties": {
                    "apiVersion": {"type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."},
                    "items": {"type": "array", "description": format!("List of {}.", def.plural), "items": {"$ref": item_ref}},
                    "kind": {"type": "string", "description": "Kind is a string value representing the REST resource this object represents."},
                    "metadata": {"$ref": format!("{}{}", dialect.ref_prefix(), schema::LIST_META), "description": "Standard list metadata."},
                },
            });
            map.insert(def.list_definition.clone(), list);
            schema::set_gvk(
                &mut map,
                &def.list_definition,
                def.group,
                def.version,
                def.list_kind,
            );
        }
        schema::set_gvk(
            &mut map,
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            "",
            "v1",
            "Status",
        );
        schema::set_gvk(
            &mut map,
            "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
            "",
            "v1",
            "DeleteOptions",
        );
        schema::set_gvk(
            &mut map,
            "io.k8s.api.autoscaling.v1.Scale",
            "autoscaling",
            "v1",
            "Scale",
        );
        schema::set_gvk(
            &mut map,
            "io.k8s.api.policy.v1.Eviction",
            "policy",
            "v1",
            "Eviction",
        );
        map
    }

    /// OpenAPI definitions for the given resources in a dialect.
    pub fn definitions<'a>(
        &self,
        dialect: Dialect,
        defs: impl Iterator<Item = &'a ResourceDef>,
    ) -> Map<String, Value> {
        Self::raw_definitions(dialect, defs)
    }

    /// The type node of a definition.
    pub fn node(&self, definition: &str) -> Option<Node<'_>> {
        self.tree.type_of(definition)
    }

    /// Drops optional empty lists and maps, as Go's `omitempty` does.
    pub fn omit_empty(&self, definition: &str, value: &mut Value) {
        if let Some(node) = self.node(definition) {
            capstan_machinery::schema::omit_empty(value, node);
        }
    }

    /// Paths of fields in `value` that the definition does not declare.
    pub fn unknown_fields(&self, definition: &str, value: &Value) -> Vec<String> {
        match self.node(definition) {
            Some(node) => schema::unknown_fields(value, node),
            None => Vec::new(),
        }
    }
}
