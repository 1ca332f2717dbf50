//! Detection and pruning of fields that the schema does not know.

use serde_json::Value;

use super::tree::{Node, NodeKind};

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

/// Paths of every field in `value` unknown to `node`, in document order, e.g.
/// `spec.foo` or `spec.template.spec.containers[0].foo`. Map entries and free-form
/// values are never reported; type mismatches are left to decoding.
pub fn unknown_fields(value: &Value, node: Node<'_>) -> Vec<String> {
    let mut out = Vec::new();
    walk(value, node, "", &mut out);
    out
}

/// Removes every unknown field from `value` (in place) and returns the removed paths.
pub fn prune(value: &mut Value, node: Node<'_>) -> Vec<String> {
    let mut out = Vec::new();
    walk_mut(value, node, "", &mut out);
    out
}

fn walk(value: &Value, node: Node<'_>, path: &str, out: &mut Vec<String>) {
    match (node.kind(), value) {
        (NodeKind::Object { fields }, Value::Object(obj)) => {
            for (k, v) in obj {
                let p = join(path, k);
                match fields.get(k) {
                    Some(info) => walk(v, node.tree().node(info.node), &p, out),
                    None => out.push(p),
                }
            }
        }
        (NodeKind::Map { values }, Value::Object(obj)) => {
            let child = node.tree().node(*values);
            for (k, v) in obj {
                walk(v, child, &join(path, k), out);
            }
        }
        (NodeKind::Array { items }, Value::Array(list)) => {
            let child = node.tree().node(*items);
            for (i, v) in list.iter().enumerate() {
                walk(v, child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn walk_mut(value: &mut Value, node: Node<'_>, path: &str, out: &mut Vec<String>) {
    match (node.kind(), value) {
        (NodeKind::Object { fields }, Value::Object(obj)) => {
            let unknown: Vec<String> = obj
                .keys()
                .filter(|k| !fields.contains_key(*k))
                .cloned()
                .collect();
            for k in unknown {
                obj.remove(&k);
                out.push(join(path, &k));
            }
            for (k, v) in obj.iter_mut() {
                if let Some(info) = fields.get(k) {
                    walk_mut(v, node.tree().node(info.node), &join(path, k), out);
                }
            }
        }
        (NodeKind::Map { values }, Value::Object(obj)) => {
            let child = node.tree().node(*values);
            for (k, v) in obj.iter_mut() {
                walk_mut(v, child, &join(path, k), out);
            }
        }
        (NodeKind::Array { items }, Value::Array(list)) => {
            let child = node.tree().node(*items);
            for (i, v) in list.iter_mut().enumerate() {
                walk_mut(v, child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Definitions, Dialect, TypeTree};
    use k8s_openapi::api::apps::v1::Deployment;
    use k8s_openapi::api::core::v1::Pod;
    use serde_json::json;

    fn tree() -> TypeTree {
        let defs = Definitions::new(Dialect::OpenApiV2)
            .with::<Pod>()
            .with::<Deployment>()
            .build();
        TypeTree::from_definitions(&defs)
    }

    #[test]
    fn reports_nested_paths() {
        let t = tree();
        let Some(dep) = t.type_of("io.k8s.api.apps.v1.Deployment") else {
            panic!("missing Deployment")
        };
        let v = json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "x", "labels": {"anything": "goes"}, "bogus": 1},
            "spec": {
                "foo": 1,
                "template": {
                    "metadata": {"annotations": {"a": "b"}},
                    "spec": {"containers": [
                        {"name": "a", "image": "i"},
                        {"name": "b", "imagePullPolicyx": "x", "resources": {"limits": {"cpu": "1"}}}
                    ]}
                }
            },
            "status": {}
        });
        assert_eq!(
            unknown_fields(&v, dep),
            vec![
                "metadata.bogus",
                "spec.foo",
                "spec.template.spec.containers[1].imagePullPolicyx"
            ]
        );
    }

    #[test]
    fn free_form_and_prune() {
        let t = tree();
        let Some(pod) = t.type_of("io.k8s.api.core.v1.Pod") else {
            panic!("missing Pod")
        };
        let mut v = json!({
            "metadata": {"name": "p", "x": 1},
            "spec": {"containers": [{"name": "c", "y": {"z": 1}}], "overhead": {"cpu": "1"}}
        });
        let removed = prune(&mut v, pod);
        assert_eq!(removed, vec!["metadata.x", "spec.containers[0].y"]);
        assert_eq!(
            v,
            json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}], "overhead": {"cpu": "1"}}})
        );
        assert!(unknown_fields(&json!({"anything": 1}), t.free_form()).is_empty());
        // Type mismatches are not unknown fields.
        assert!(unknown_fields(&json!({"spec": 5}), pod).is_empty());
    }
}
