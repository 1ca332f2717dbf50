//! A compact, description-free type tree built from OpenAPI definitions, giving fast
//! access to the structure and patch/list/map metadata of API types.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::definitions::{find_ref, ref_target, OBJECT_META};

/// Index of a node inside a [`TypeTree`].
pub type NodeId = usize;

/// JSON type of a scalar node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarType {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON number.
    Number,
    /// A JSON boolean.
    Boolean,
}

/// `x-kubernetes-list-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListType {
    /// The list is replaced as a whole.
    Atomic,
    /// A set of unique scalars.
    Set,
    /// A list of objects keyed by `x-kubernetes-list-map-keys`.
    Map,
}

/// `x-kubernetes-map-type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapType {
    /// The map or struct is replaced as a whole.
    Atomic,
    /// Entries are merged individually.
    Granular,
}

/// Parsed `x-kubernetes-patch-strategy`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PatchStrategy {
    /// `merge`: lists are merged (by merge key for objects, as sets for scalars).
    pub merge: bool,
    /// `retainKeys`: fields absent from the patch are cleared (union types).
    pub retain_keys: bool,
    /// `replace`: the value is replaced as a whole.
    pub replace: bool,
}

impl PatchStrategy {
    /// Parses a comma-separated strategy string such as `merge,retainKeys`.
    pub fn parse(s: &str) -> Self {
        let mut out = PatchStrategy::default();
        for part in s.split(',').map(str::trim) {
            match part {
                "merge" => out.merge = true,
                "retainKeys" => out.retain_keys = true,
                "replace" => out.replace = true,
                _ => {}
            }
        }
        out
    }
}

/// Metadata attached to one field of an object node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInfo {
    /// The field's type.
    pub node: NodeId,
    /// Strategic merge patch strategy.
    pub patch: PatchStrategy,
    /// Strategic merge patch merge key, for lists of objects.
    pub merge_key: Option<String>,
    /// List topology.
    pub list_type: Option<ListType>,
    /// Keys of a `map` list.
    pub list_map_keys: Vec<String>,
    /// Map/struct topology of this field.
    pub map_type: Option<MapType>,
    /// Whether the schema lists the field as required.
    pub required: bool,
}

/// What a node describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// An object with named fields.
    Object {
        /// Known fields by JSON name.
        fields: BTreeMap<String, FieldInfo>,
    },
    /// A string-keyed map whose values share one type.
    Map {
        /// The value type.
        values: NodeId,
    },
    /// A list.
    Array {
        /// The item type.
        items: NodeId,
    },
    /// A scalar of the given JSON type.
    Scalar(ScalarType),
    /// A value that may be an integer (or number) or a string: IntOrString, Quantity.
    IntOrString,
    /// Arbitrary JSON whose unknown fields are preserved (RawExtension, JSON, untyped).
    FreeForm,
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeNode {
    /// Definition name, for named types.
    pub name: Option<String>,
    /// Structure.
    pub kind: NodeKind,
    /// Definition-level map type (`x-kubernetes-map-type` on the type itself).
    pub map_type: Option<MapType>,
}

/// The type tree for a set of definitions. Build once and share (`Arc<TypeTree>`).
#[derive(Debug, Clone)]
pub struct TypeTree {
    nodes: Vec<TypeNode>,
    names: HashMap<String, NodeId>,
}

const FREE_FORM: NodeId = 0;
const STRING: NodeId = 1;
const INTEGER: NodeId = 2;
const NUMBER: NodeId = 3;
const BOOLEAN: NodeId = 4;
const INT_OR_STRING: NodeId = 5;

/// A borrowed handle to a node, for navigation.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    tree: &'a TypeTree,
    id: NodeId,
}

impl TypeTree {
    /// Builds the tree from a definitions map in either OpenAPI dialect.
    pub fn from_definitions(defs: &Map<String, Value>) -> Self {
        let mut b = Builder {
            defs,
            tree: TypeTree {
                nodes: Vec::new(),
                names: HashMap::new(),
            },
        };
        for kind in [
            NodeKind::FreeForm,
            NodeKind::Scalar(ScalarType::String),
            NodeKind::Scalar(ScalarType::Integer),
            NodeKind::Scalar(ScalarType::Number),
            NodeKind::Scalar(ScalarType::Boolean),
            NodeKind::IntOrString,
        ] {
            b.tree.nodes.push(TypeNode {
                name: None,
                kind,
                map_type: None,
            });
        }
        for name in defs.keys() {
            b.named(name);
        }
        b.tree
    }

    /// Builds the tree and wraps it in an `Arc` for sharing.
    pub fn shared(defs: &Map<String, Value>) -> Arc<Self> {
        Arc::new(Self::from_definitions(defs))
    }

    /// The node for a named definition, e.g. `io.k8s.api.core.v1.Pod`.
    pub fn type_of(&self, name: &str) -> Option<Node<'_>> {
        self.names.get(name).map(|&id| Node { tree: self, id })
    }

    /// The node with the given id (falls back to the free-form node for a bad id).
    pub fn node(&self, id: NodeId) -> Node<'_> {
        let id = if id < self.nodes.len() { id } else { FREE_FORM };
        Node { tree: self, id }
    }

    /// A node accepting any JSON; useful when no type information is available.
    pub fn free_form(&self) -> Node<'_> {
        Node {
            tree: self,
            id: FREE_FORM,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the tree has no named definitions.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Names of all definitions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }
}

impl<'a> Node<'a> {
    /// The node's id.
    pub fn id(&self) -> NodeId {
        self.id
    }

    /// The tree the node belongs to.
    pub fn tree(&self) -> &'a TypeTree {
        self.tree
    }

    /// The node data.
    pub fn data(&self) -> &'a TypeNode {
        self.tree
            .nodes
            .get(self.id)
            .or_else(|| self.tree.nodes.first())
            .unwrap_or(&FALLBACK)
    }

    /// The node's structure.
    pub fn kind(&self) -> &'a NodeKind {
        &self.data().kind
    }

    /// Definition name, for named types.
    pub fn name(&self) -> Option<&'a str> {
        self.data().name.as_deref()
    }

    /// A field of an object node, with its metadata.
    pub fn field(&self, name: &str) -> Option<(Node<'a>, &'a FieldInfo)> {
        match self.kind() {
            NodeKind::Object { fields } => fields.get(name).map(|f| (self.tree.node(f.node), f)),
            _ => None,
        }
    }

    /// The fields of an object node.
    pub fn fields(&self) -> Option<&'a BTreeMap<String, FieldInfo>> {
        match self.kind() {
            NodeKind::Object { fields } => Some(fields),
            _ => None,
        }
    }

    /// The item type of an array node.
    pub fn items(&self) -> Option<Node<'a>> {
        match self.kind() {
            NodeKind::Array { items } => Some(self.tree.node(*items)),
            _ => None,
        }
    }

    /// The value type of a map node.
    pub fn values(&self) -> Option<Node<'a>> {
        match self.kind() {
            NodeKind::Map { values } => Some(self.tree.node(*values)),
            _ => None,
        }
    }

    /// True for object nodes.
    pub fn is_object(&self) -> bool {
        matches!(self.kind(), NodeKind::Object { .. })
    }

    /// True for free-form nodes.
    pub fn is_free_form(&self) -> bool {
        matches!(self.kind(), NodeKind::FreeForm)
    }

    /// True when this node is `ObjectMeta` (embedded object metadata).
    pub fn is_object_meta(&self) -> bool {
        self.name() == Some(OBJECT_META)
    }

    /// Definition-level map type.
    pub fn map_type(&self) -> Option<MapType> {
        self.data().map_type
    }
}

static FALLBACK: TypeNode = TypeNode {
    name: None,
    kind: NodeKind::FreeForm,
    map_type: None,
};

struct Builder<'d> {
    defs: &'d Map<String, Value>,
    tree: TypeTree,
}

fn parse_map_type(v: Option<&Value>) -> Option<MapType> {
    match v.and_then(Value::as_str) {
        Some("atomic") => Some(MapType::Atomic),
        Some("granular") => Some(MapType::Granular),
        _ => None,
    }
}

impl Builder<'_> {
    fn named(&mut self, name: &str) -> NodeId {
        if let Some(&id) = self.tree.names.get(name) {
            return id;
        }
        let Some(schema) = self.defs.get(name) else {
            return FREE_FORM;
        };
        let id = self.tree.nodes.len();
        self.tree.nodes.push(TypeNode {
            name: Some(name.to_string()),
            kind: NodeKind::FreeForm,
            map_type: None,
        });
        self.tree.names.insert(name.to_string(), id);
        let (kind, map_type) = self.structure(schema);
        if let Some(node) = self.tree.nodes.get_mut(id) {
            node.kind = kind;
            node.map_type = map_type;
        }
        id
    }

    /// Node id for an inline schema (which may be a reference).
    fn schema(&mut self, schema: &Value) -> NodeId {
        if let Some(target) = find_ref(schema).and_then(|r| ref_target(&r)) {
            return self.named(&target);
        }
        let (kind, map_type) = self.structure(schema);
        match (&kind, map_type) {
            (NodeKind::FreeForm, None) => FREE_FORM,
            (NodeKind::IntOrString, None) => INT_OR_STRING,
            (NodeKind::Scalar(t), None) => match t {
                ScalarType::String => STRING,
                ScalarType::Integer => INTEGER,
                ScalarType::Number => NUMBER,
                ScalarType::Boolean => BOOLEAN,
            },
            _ => {
                let id = self.tree.nodes.len();
                self.tree.nodes.push(TypeNode {
                    name: None,
                    kind,
                    map_type,
                });
                id
            }
        }
    }

    fn structure(&mut self, schema: &Value) -> (NodeKind, Option<MapType>) {
        let Some(obj) = schema.as_object() else {
            return (NodeKind::FreeForm, None);
        };
        if let Some(target) = find_ref(schema).and_then(|r| ref_target(&r)) {
            let id = self.named(&target);
            let node = self.tree.node(id).data().clone();
            return (node.kind, node.map_type);
        }
        let map_type = parse_map_type(obj.get("x-kubernetes-map-type"));
        if obj.get("x-kubernetes-int-or-string") == Some(&Value::Bool(true))
            || obj.get("format").and_then(Value::as_str) == Some("int-or-string")
        {
            return (NodeKind::IntOrString, map_type);
        }
        if obj.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true)) {
            return (NodeKind::FreeForm, map_type);
        }
        let ty = obj.get("type").and_then(Value::as_str);
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            let required: Vec<&str> = obj
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut fields = BTreeMap::new();
            for (fname, fschema) in props {
                let node = self.schema(fschema);
                let mut info = field_info(node, fschema);
                info.required = required.contains(&fname.as_str());
                fields.insert(fname.clone(), info);
            }
            return (NodeKind::Object { fields }, map_type);
        }
        match ty {
            Some("array") => {
                let items = obj.get("items").map_or(FREE_FORM, |i| self.schema(i));
                (NodeKind::Array { items }, map_type)
            }
            Some("string") => (NodeKind::Scalar(ScalarType::String), map_type),
            Some("integer") => (NodeKind::Scalar(ScalarType::Integer), map_type),
            Some("number") => (NodeKind::Scalar(ScalarType::Number), map_type),
            Some("boolean") => (NodeKind::Scalar(ScalarType::Boolean), map_type),
            _ => match obj.get("additionalProperties") {
                Some(ap @ Value::Object(_)) => {
                    let values = self.schema(ap);
                    (NodeKind::Map { values }, map_type)
                }
                Some(Value::Bool(true)) => (NodeKind::Map { values: FREE_FORM }, map_type),
                _ => (NodeKind::FreeForm, map_type),
            },
        }
    }
}

fn field_info(node: NodeId, schema: &Value) -> FieldInfo {
    let get = |k: &str| schema.get(k).and_then(Value::as_str);
    FieldInfo {
        node,
        patch: get("x-kubernetes-patch-strategy")
            .map(PatchStrategy::parse)
            .unwrap_or_default(),
        merge_key: get("x-kubernetes-patch-merge-key").map(str::to_string),
        list_type: match get("x-kubernetes-list-type") {
            Some("atomic") => Some(ListType::Atomic),
            Some("set") => Some(ListType::Set),
            Some("map") => Some(ListType::Map),
            _ => None,
        },
        list_map_keys: schema
            .get("x-kubernetes-list-map-keys")
            .and_then(Value::as_array)
            .map(|keys| {
                keys.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        required: false,
        map_type: parse_map_type(schema.get("x-kubernetes-map-type")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Definitions, Dialect};
    use k8s_openapi::api::core::v1::Pod;
    use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;

    fn check(tree: &TypeTree) {
        let pod = tree.type_of("io.k8s.api.core.v1.Pod");
        assert!(pod.is_some());
        let Some(pod) = pod else { return };
        let (meta, _) = pod.field("metadata").unwrap_or((tree.free_form(), &DUMMY));
        assert!(meta.is_object_meta());
        let (labels, _) = meta.field("labels").unwrap_or((tree.free_form(), &DUMMY));
        assert!(matches!(labels.kind(), NodeKind::Map { .. }));
        let (spec, _) = pod.field("spec").unwrap_or((tree.free_form(), &DUMMY));
        let (containers, info) = spec
            .field("containers")
            .unwrap_or((tree.free_form(), &DUMMY));
        assert!(info.patch.merge);
        assert_eq!(info.merge_key.as_deref(), Some("name"));
        assert_eq!(info.list_type, Some(ListType::Map));
        let item = containers.items().unwrap_or(tree.free_form());
        assert_eq!(item.name(), Some("io.k8s.api.core.v1.Container"));
        let (_, vols) = spec.field("volumes").unwrap_or((tree.free_form(), &DUMMY));
        assert!(vols.patch.merge && vols.patch.retain_keys);
        let (port, _) = item
            .field("ports")
            .and_then(|(p, _)| p.items())
            .and_then(|p| p.field("containerPort"))
            .unwrap_or((tree.free_form(), &DUMMY));
        assert_eq!(port.kind(), &NodeKind::Scalar(ScalarType::Integer));
        let ios = tree.type_of("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assert_eq!(ios.map(|n| n.kind().clone()), Some(NodeKind::IntOrString));
        let q = tree.type_of("io.k8s.apimachinery.pkg.api.resource.Quantity");
        assert_eq!(q.map(|n| n.kind().clone()), Some(NodeKind::IntOrString));
    }

    static DUMMY: FieldInfo = FieldInfo {
        node: 0,
        patch: PatchStrategy {
            merge: false,
            retain_keys: false,
            replace: false,
        },
        merge_key: None,
        list_type: None,
        list_map_keys: Vec::new(),
        map_type: None,
        required: false,
    };

    #[test]
    fn builds_from_both_dialects() {
        for dialect in [Dialect::OpenApiV2, Dialect::OpenApiV3] {
            let defs = Definitions::new(dialect).with::<Pod>().build();
            check(&TypeTree::from_definitions(&defs));
        }
    }

    #[test]
    fn recursive_and_free_form_types() {
        let defs = Definitions::new(Dialect::OpenApiV3)
            .with::<CustomResourceDefinition>()
            .build();
        let tree = TypeTree::shared(&defs);
        let props = tree
            .type_of("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
        let nested = props
            .and_then(|p| p.field("properties"))
            .and_then(|(m, _)| m.values());
        assert_eq!(
            nested.and_then(|n| n.name()),
            Some("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps")
        );
        let default = props
            .and_then(|p| p.field("default"))
            .map(|(n, _)| n.is_free_form());
        assert_eq!(default, Some(true));
        assert!(!tree.is_empty());
        assert!(tree.len() > 10);
    }

    #[test]
    fn patch_strategy_parsing() {
        let p = PatchStrategy::parse("merge,retainKeys");
        assert!(p.merge && p.retain_keys && !p.replace);
        assert_eq!(PatchStrategy::parse(""), PatchStrategy::default());
    }
}
