//! Go's `omitempty`: optional list and map fields that are empty are not
//! written. Kubernetes never returns `ownerReferences: []` or `labels: {}`;
//! values decoded from clients are normalized the same way.

use serde_json::Value;

use super::tree::{Node, NodeKind};

/// Removes optional fields holding an empty array or an empty map (but not
/// empty structs, which Go writes), recursively.
pub fn omit_empty(value: &mut Value, node: Node<'_>) {
    match (value, node.kind()) {
        (Value::Object(map), NodeKind::Object { .. }) => {
            let mut drop = Vec::new();
            for (key, child) in map.iter_mut() {
                let Some((child_node, info)) = node.field(key) else {
                    continue;
                };
                let empty = match (&*child, child_node.kind()) {
                    (Value::Array(a), NodeKind::Array { .. }) => a.is_empty(),
                    (Value::Object(o), NodeKind::Map { .. }) => o.is_empty(),
                    _ => false,
                };
                if empty && !info.required {
                    drop.push(key.clone());
                } else {
                    omit_empty(child, child_node);
                }
            }
            for key in drop {
                map.remove(&key);
            }
        }
        (Value::Array(items), NodeKind::Array { .. }) => {
            if let Some(item_node) = node.items() {
                for item in items.iter_mut() {
                    omit_empty(item, item_node);
                }
            }
        }
        (Value::Object(map), NodeKind::Map { .. }) => {
            if let Some(value_node) = node.values() {
                for v in map.values_mut() {
                    omit_empty(v, value_node);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Definitions, Dialect, TypeTree};
    use serde_json::json;

    #[test]
    fn drops_optional_empty_lists_and_maps_but_keeps_structs_and_required_lists() {
        let defs = Definitions::new(Dialect::OpenApiV3)
            .with::<k8s_openapi::api::core::v1::Pod>()
            .build();
        let tree = TypeTree::from_definitions(&defs);
        let Some(pod) = tree.type_of("io.k8s.api.core.v1.Pod") else {
            panic!("pod type")
        };
        let mut v = json!({
            "metadata": {"name": "p", "ownerReferences": [], "labels": {}, "finalizers": []},
            "spec": {
                "containers": [{"name": "c", "args": [], "resources": {}}],
                "volumes": [{"name": "v", "emptyDir": {}}],
                "tolerations": [],
            },
        });
        omit_empty(&mut v, pod);
        assert_eq!(
            v,
            json!({
                "metadata": {"name": "p"},
                "spec": {
                    "containers": [{"name": "c", "resources": {}}],
                    "volumes": [{"name": "v", "emptyDir": {}}],
                },
            })
        );
        let mut empty_required = json!({"spec": {"containers": []}});
        omit_empty(&mut empty_required, pod);
        assert_eq!(empty_required, json!({"spec": {"containers": []}}));
    }
}
