//! OpenAPI definitions for the API types, produced from k8s-openapi's schemars schemas
//! and decorated with the Kubernetes `x-kubernetes-*` extensions.

use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::JsonSchema;
use serde_json::{Map, Value};

use super::extensions::{definition_facts, properties_of};

/// Name of the ObjectMeta definition.
pub const OBJECT_META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
/// Name of the ListMeta definition.
pub const LIST_META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
/// Name of the IntOrString definition.
pub const INT_OR_STRING: &str = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
/// Name of the Quantity definition.
pub const QUANTITY: &str = "io.k8s.apimachinery.pkg.api.resource.Quantity";

/// Which OpenAPI flavour to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Swagger 2.0, served at `/openapi/v2`; refs are `#/definitions/<name>`.
    OpenApiV2,
    /// OpenAPI 3.0, served at `/openapi/v3/...`; refs are `#/components/schemas/<name>`.
    OpenApiV3,
}

impl Dialect {
    /// The prefix of `$ref` values in this dialect.
    pub fn ref_prefix(self) -> &'static str {
        match self {
            Dialect::OpenApiV2 => "#/definitions/",
            Dialect::OpenApiV3 => "#/components/schemas/",
        }
    }
}

impl Dialect {
    /// A schema referring to definition `name`, with an optional description, shaped
    /// the way Kubernetes publishes it in this dialect (`$ref` beside the description in
    /// v2, `allOf: [{$ref}]` beside it in v3).
    pub fn reference(self, name: &str, description: Option<&str>) -> Value {
        let target = format!("{}{}", self.ref_prefix(), name);
        match (self, description) {
            (_, None) => serde_json::json!({ "$ref": target }),
            (Dialect::OpenApiV2, Some(d)) => {
                serde_json::json!({ "$ref": target, "description": d })
            }
            (Dialect::OpenApiV3, Some(d)) => {
                serde_json::json!({ "allOf": [{ "$ref": target }], "description": d })
            }
        }
    }
}

/// The definition name a `$ref` points at, whichever dialect it uses.
pub fn ref_target(reference: &str) -> Option<String> {
    let raw = reference
        .strip_prefix("#/definitions/")
        .or_else(|| reference.strip_prefix("#/components/schemas/"))
        .or_else(|| reference.strip_prefix("#/$defs/"))?;
    Some(decode_pointer_segment(raw))
}

/// Undoes JSON-pointer (`~0`, `~1`) and percent encoding in one ref segment.
fn decode_pointer_segment(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out)
        .replace("~1", "/")
        .replace("~0", "~")
}

/// Collects OpenAPI definitions for a set of root types.
///
/// ```
/// use capstan_machinery::schema::{Definitions, Dialect};
/// use k8s_openapi::api::core::v1::Pod;
/// let defs = Definitions::new(Dialect::OpenApiV3).with::<Pod>().build();
/// assert!(defs.contains_key("io.k8s.api.core.v1.PodSpec"));
/// ```
pub struct Definitions {
    dialect: Dialect,
    generator: SchemaGenerator,
}

impl std::fmt::Debug for Definitions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Definitions")
            .field("dialect", &self.dialect)
            .field("count", &self.generator.definitions().len())
            .finish()
    }
}

impl Definitions {
    /// An empty builder for `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        let settings = SchemaSettings::draft2020_12().with(|s| {
            s.definitions_path = "/definitions".into();
            s.meta_schema = None;
            s.transforms = Vec::new();
        });
        Definitions {
            dialect,
            generator: settings.into_generator(),
        }
    }

    /// The dialect being produced.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Adds `T` and every definition it references.
    pub fn add<T: JsonSchema>(&mut self) -> &mut Self {
        let _ = self.generator.subschema_for::<T>();
        self
    }

    /// By-value form of [`Definitions::add`], for chaining.
    #[must_use]
    pub fn with<T: JsonSchema>(mut self) -> Self {
        self.add::<T>();
        self
    }

    /// Produces the finished definitions map (name -> schema).
    pub fn build(mut self) -> Map<String, Value> {
        let raw = self.generator.take_definitions(false);
        let mut out = Map::new();
        for (name, mut schema) in raw {
            decorate_definition(&name, &mut schema, self.dialect);
            out.insert(name, schema);
        }
        out
    }
}

/// Adds `x-kubernetes-group-version-kind` to a definition (appending to any existing list).
pub fn set_gvk(defs: &mut Map<String, Value>, name: &str, group: &str, version: &str, kind: &str) {
    let Some(Value::Object(def)) = defs.get_mut(name) else {
        return;
    };
    let entry = serde_json::json!({"group": group, "kind": kind, "version": version});
    let list = def
        .entry("x-kubernetes-group-version-kind")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = list {
        if !items.contains(&entry) {
            items.push(entry);
        }
    } else {
        *list = Value::Array(vec![entry]);
    }
}

fn decorate_definition(name: &str, schema: &mut Value, dialect: Dialect) {
    if name == INT_OR_STRING || name == QUANTITY {
        shape_int_or_string(name, schema, dialect);
    }
    let Value::Object(obj) = schema else {
        return;
    };
    if let Some(facts) = definition_facts(name) {
        obj.insert("x-kubernetes-map-type".into(), Value::from(facts.map_type));
    }
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        for facts in properties_of(name) {
            let Some(Value::Object(prop)) = props.get_mut(facts.field) else {
                continue;
            };
            if let Some(s) = facts.patch_strategy {
                prop.insert("x-kubernetes-patch-strategy".into(), Value::from(s));
            }
            if let Some(k) = facts.patch_merge_key {
                prop.insert("x-kubernetes-patch-merge-key".into(), Value::from(k));
            }
            if let Some(t) = facts.list_type {
                prop.insert("x-kubernetes-list-type".into(), Value::from(t));
            }
            if !facts.list_map_keys.is_empty() {
                prop.insert(
                    "x-kubernetes-list-map-keys".into(),
                    Value::from(facts.list_map_keys.to_vec()),
                );
            }
            if let Some(t) = facts.map_type {
                prop.insert("x-kubernetes-map-type".into(), Value::from(t));
            }
        }
    }
    drop_required_metadata(obj);
    rewrite_refs(schema, dialect);
}

/// k8s-openapi marks `metadata` required on top-level types; Kubernetes does not.
fn drop_required_metadata(obj: &mut Map<String, Value>) {
    let meta_is_standard = obj
        .get("properties")
        .and_then(|p| p.get("metadata"))
        .and_then(find_ref)
        .and_then(|r| ref_target(&r))
        .is_some_and(|t| t == OBJECT_META || t == LIST_META);
    if !meta_is_standard {
        return;
    }
    let now_empty = if let Some(Value::Array(req)) = obj.get_mut("required") {
        req.retain(|v| v.as_str() != Some("metadata"));
        req.is_empty()
    } else {
        false
    };
    if now_empty {
        obj.remove("required");
    }
}

/// The `$ref` of a schema, directly or through a one-element `allOf`.
pub fn find_ref(schema: &Value) -> Option<String> {
    let obj = schema.as_object()?;
    if let Some(Value::String(r)) = obj.get("$ref") {
        return Some(r.clone());
    }
    match obj.get("allOf") {
        Some(Value::Array(items)) if items.len() == 1 => items.first().and_then(find_ref),
        _ => None,
    }
}

fn shape_int_or_string(name: &str, schema: &mut Value, dialect: Dialect) {
    let Value::Object(obj) = schema else {
        return;
    };
    obj.insert("x-kubernetes-int-or-string".into(), Value::Bool(true));
    let is_int_or_string = name == INT_OR_STRING;
    if is_int_or_string {
        obj.insert("format".into(), Value::from("int-or-string"));
    }
    match dialect {
        Dialect::OpenApiV2 => {
            obj.insert("type".into(), Value::from("string"));
        }
        Dialect::OpenApiV3 => {
            obj.remove("type");
            let alternatives = if is_int_or_string {
                serde_json::json!([{"type": "integer"}, {"type": "string"}])
            } else {
                serde_json::json!([{"type": "string"}, {"type": "number"}])
            };
            obj.insert("oneOf".into(), alternatives);
        }
    }
}

/// Rewrites every `$ref` to the dialect's prefix; in v3, a `$ref` with sibling keys is
/// wrapped in `allOf` the way Kubernetes publishes it.
fn rewrite_refs(value: &mut Value, dialect: Dialect) {
    match value {
        Value::Object(obj) => {
            for (key, child) in obj.iter_mut() {
                // Property names and extension payloads are not schemas but recursing into
                // them is harmless: only string `$ref` entries are rewritten.
                if key != "$ref" {
                    rewrite_refs(child, dialect);
                }
            }
            let target = match obj.get("$ref") {
                Some(Value::String(r)) => ref_target(r),
                _ => None,
            };
            if let Some(target) = target {
                let new_ref = format!("{}{}", dialect.ref_prefix(), target);
                if dialect == Dialect::OpenApiV3 && obj.len() > 1 {
                    obj.remove("$ref");
                    obj.insert("allOf".into(), serde_json::json!([{ "$ref": new_ref }]));
                } else {
                    obj.insert("$ref".into(), Value::String(new_ref));
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, dialect);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::Pod;

    fn prop<'a>(defs: &'a Map<String, Value>, def: &str, field: &str) -> &'a Value {
        &defs[def]["properties"][field]
    }

    #[test]
    fn v2_refs_and_extensions() {
        let defs = Definitions::new(Dialect::OpenApiV2).with::<Pod>().build();
        let containers = prop(&defs, "io.k8s.api.core.v1.PodSpec", "containers");
        assert_eq!(containers["x-kubernetes-patch-strategy"], "merge");
        assert_eq!(containers["x-kubernetes-patch-merge-key"], "name");
        assert_eq!(containers["x-kubernetes-list-type"], "map");
        assert_eq!(
            containers["x-kubernetes-list-map-keys"],
            serde_json::json!(["name"])
        );
        assert_eq!(
            containers["items"]["$ref"],
            "#/definitions/io.k8s.api.core.v1.Container"
        );
        let meta = prop(&defs, "io.k8s.api.core.v1.Pod", "metadata");
        assert_eq!(
            meta["$ref"],
            "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
        );
        assert!(defs["io.k8s.api.core.v1.Pod"].get("required").is_none());
        let ios = &defs[INT_OR_STRING];
        assert_eq!(ios["type"], "string");
        assert_eq!(ios["format"], "int-or-string");
        assert_eq!(defs[QUANTITY]["type"], "string");
        let fin = prop(&defs, OBJECT_META, "finalizers");
        assert_eq!(fin["x-kubernetes-list-type"], "set");
        assert_eq!(
            defs["io.k8s.api.core.v1.LocalObjectReference"]["x-kubernetes-map-type"],
            "atomic"
        );
        let text = serde_json::to_string(&defs).unwrap_or_default();
        assert!(!text.contains("#/components/"));
    }

    #[test]
    fn v3_refs_wrapped() {
        let defs = Definitions::new(Dialect::OpenApiV3)
            .with::<Pod>()
            .with::<Deployment>()
            .build();
        let meta = prop(&defs, "io.k8s.api.core.v1.Pod", "metadata");
        assert!(meta.get("$ref").is_none());
        assert_eq!(
            meta["allOf"][0]["$ref"],
            "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
        );
        let strategy = prop(&defs, "io.k8s.api.apps.v1.DeploymentSpec", "strategy");
        assert_eq!(strategy["x-kubernetes-patch-strategy"], "retainKeys");
        assert!(defs[INT_OR_STRING].get("oneOf").is_some());
        assert!(defs[INT_OR_STRING].get("type").is_none());
        let text = serde_json::to_string(&defs).unwrap_or_default();
        assert!(!text.contains("#/definitions/"));
    }

    #[test]
    fn gvk_helper() {
        let mut defs = Definitions::new(Dialect::OpenApiV2).with::<Pod>().build();
        set_gvk(&mut defs, "io.k8s.api.core.v1.Pod", "", "v1", "Pod");
        set_gvk(&mut defs, "io.k8s.api.core.v1.Pod", "", "v1", "Pod");
        assert_eq!(
            defs["io.k8s.api.core.v1.Pod"]["x-kubernetes-group-version-kind"],
            serde_json::json!([{"group": "", "kind": "Pod", "version": "v1"}])
        );
        set_gvk(&mut defs, "missing", "", "v1", "X");
    }

    #[test]
    fn every_table_row_names_a_real_property() {
        use k8s_openapi::api::{apps, batch, core, networking, policy, rbac, storage};
        use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1 as apiext;
        use k8s_openapi::kube_aggregator::pkg::apis::apiregistration::v1 as aggr;
        let defs = Definitions::new(Dialect::OpenApiV2)
            .with::<core::v1::Pod>()
            .with::<core::v1::Service>()
            .with::<core::v1::Node>()
            .with::<core::v1::PersistentVolume>()
            .with::<core::v1::PersistentVolumeClaim>()
            .with::<core::v1::Endpoints>()
            .with::<core::v1::ResourceQuota>()
            .with::<core::v1::LimitRange>()
            .with::<core::v1::Namespace>()
            .with::<core::v1::ServiceAccount>()
            .with::<apps::v1::Deployment>()
            .with::<apps::v1::StatefulSet>()
            .with::<apps::v1::DaemonSet>()
            .with::<batch::v1::CronJob>()
            .with::<networking::v1::Ingress>()
            .with::<networking::v1::NetworkPolicy>()
            .with::<policy::v1::PodDisruptionBudget>()
            .with::<rbac::v1::ClusterRoleBinding>()
            .with::<rbac::v1::Role>()
            .with::<storage::v1::StorageClass>()
            .with::<apiext::CustomResourceDefinition>()
            .with::<aggr::APIService>()
            .build();
        let mut checked = 0;
        for facts in crate::schema::extensions::PROPERTY_FACTS {
            if let Some(def) = defs.get(facts.definition) {
                assert!(
                    def["properties"].get(facts.field).is_some(),
                    "{}.{} not in schema",
                    facts.definition,
                    facts.field
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn reference_shapes() {
        let v2 = Dialect::OpenApiV2.reference(LIST_META, Some("d"));
        assert_eq!(v2["$ref"], format!("#/definitions/{LIST_META}"));
        let v3 = Dialect::OpenApiV3.reference(LIST_META, Some("d"));
        assert_eq!(
            find_ref(&v3),
            Some(format!("#/components/schemas/{LIST_META}"))
        );
        assert_eq!(v3["description"], "d");
        let bare = Dialect::OpenApiV3.reference(LIST_META, None);
        assert!(bare.get("allOf").is_none());
    }

    #[test]
    fn ref_targets() {
        assert_eq!(ref_target("#/definitions/a.b").as_deref(), Some("a.b"));
        assert_eq!(
            ref_target("#/components/schemas/a~1b%20c").as_deref(),
            Some("a/b c")
        );
        assert_eq!(ref_target("other"), None);
    }
}
