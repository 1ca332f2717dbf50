//! API schema support: OpenAPI definitions with Kubernetes extensions, the generated
//! table of list/map/patch facts, a compact type tree, unknown-field detection and
//! duplicate-key detection.

mod definitions;
mod duplicates;
pub mod extensions;
mod omit_empty;
mod tree;
mod unknown;

pub use definitions::{
    find_ref, ref_target, set_gvk, Definitions, Dialect, INT_OR_STRING, LIST_META, OBJECT_META,
    QUANTITY,
};
pub use duplicates::{
    decode_json_with_duplicates, decode_yaml_with_duplicates, json_duplicate_fields, DecodeError,
};
pub use omit_empty::omit_empty;
pub use tree::{
    FieldInfo, ListType, MapType, Node, NodeId, NodeKind, PatchStrategy, ScalarType, TypeNode,
    TypeTree,
};
pub use unknown::{prune, unknown_fields};
