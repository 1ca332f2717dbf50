use std::sync::OnceLock;

use serde_json::{json, Value};

use super::*;
use crate::schema::{Definitions, Dialect, TypeTree};

fn tree() -> &'static TypeTree {
    static TREE: OnceLock<TypeTree> = OnceLock::new();
    TREE.get_or_init(|| {
        let defs = Definitions::new(Dialect::OpenApiV2)
            .with::<k8s_openapi::api::core::v1::Pod>()
            .with::<k8s_openapi::api::apps::v1::Deployment>()
            .build();
        TypeTree::from_definitions(&defs)
    })
}

fn node(name: &str) -> Node<'static> {
    tree()
        .type_of(name)
        .unwrap_or_else(|| panic!("{name} missing from the test schema"))
}

fn pod() -> Node<'static> {
    node("io.k8s.api.core.v1.Pod")
}

fn deployment() -> Node<'static> {
    node("io.k8s.api.apps.v1.Deployment")
}

fn c(name: &str, image: &str) -> Value {
    json!({"name": name, "image": image})
}

fn pod_with(containers: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": containers}})
}

struct Case {
    name: &'static str,
    original: Value,
    patch: Value,
    expected: Value,
}

fn run_cases(cases: Vec<Case>, n: Node<'_>) {
    for case in cases {
        let got = strategic_merge_patch(&case.original, &case.patch, n);
        match got {
            Ok(v) => assert_eq!(v, case.expected, "case {:?}", case.name),
            Err(e) => panic!("case {:?} failed: {e}", case.name),
        }
    }
}

#[test]
fn merge_lists_by_key() {
    let cases = vec![
        Case {
            name: "containers merged by name",
            original: pod_with(json!([c("a", "a1"), c("b", "b1")])),
            patch: json!({"spec": {"containers": [{"name": "b", "image": "b2"}]}}),
            expected: pod_with(json!([c("a", "a1"), c("b", "b2")])),
        },
        Case {
            name: "new container goes before server-only items",
            original: pod_with(json!([c("a", "a1"), c("b", "b1")])),
            patch: json!({"spec": {"containers": [c("c", "c1")]}}),
            expected: pod_with(json!([c("c", "c1"), c("a", "a1"), c("b", "b1")])),
        },
        Case {
            name: "patched items follow the patch's relative order",
            original: pod_with(json!([c("a", "a1"), c("b", "b1"), c("c", "c1")])),
            patch: json!({"spec": {"containers": [{"name": "c", "image": "c2"}, {"name": "a", "image": "a2"}]}}),
            expected: pod_with(json!([c("b", "b1"), c("c", "c2"), c("a", "a2")])),
        },
        Case {
            name: "env merged by name inside a container",
            original: pod_with(
                json!([{"name": "a", "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "2"}]}]),
            ),
            patch: json!({"spec": {"containers": [{"name": "a", "env": [{"name": "Y", "value": "3"}]}]}}),
            expected: pod_with(
                json!([{"name": "a", "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "3"}]}]),
            ),
        },
        Case {
            name: "ports merged by containerPort",
            original: pod_with(
                json!([{"name": "a", "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 443}]}]),
            ),
            patch: json!({"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80, "name": "web"}]}]}}),
            expected: pod_with(
                json!([{"name": "a", "ports": [{"containerPort": 80, "name": "web"}, {"containerPort": 443}]}]),
            ),
        },
        Case {
            name: "delete an element with $patch: delete",
            original: pod_with(json!([c("a", "a1"), c("b", "b1")])),
            patch: json!({"spec": {"containers": [{"name": "a", "$patch": "delete"}]}}),
            expected: pod_with(json!([c("b", "b1")])),
        },
        Case {
            name: "replace the whole list with a $patch: replace element",
            original: pod_with(json!([c("a", "a1"), c("b", "b1")])),
            patch: json!({"spec": {"containers": [c("z", "z1"), {"$patch": "replace"}]}}),
            expected: pod_with(json!([c("z", "z1")])),
        },
        Case {
            name: "null inside a merged element deletes the field",
            original: pod_with(json!([{"name": "a", "image": "a1", "command": ["x"]}])),
            patch: json!({"spec": {"containers": [{"name": "a", "command": null}]}}),
            expected: pod_with(json!([c("a", "a1")])),
        },
        Case {
            name: "list absent from the original takes the patch",
            original: json!({"spec": {}}),
            patch: json!({"spec": {"containers": [c("a", "a1")]}}),
            expected: json!({"spec": {"containers": [c("a", "a1")]}}),
        },
        Case {
            name: "numeric merge keys compare by value",
            original: pod_with(json!([{"name": "a", "ports": [{"containerPort": 80}]}])),
            patch: json!({"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80.0, "protocol": "TCP"}]}]}}),
            expected: pod_with(
                json!([{"name": "a", "ports": [{"containerPort": 80.0, "protocol": "TCP"}]}]),
            ),
        },
    ];
    run_cases(cases, pod());
}

#[test]
fn set_element_order() {
    let cases = vec![
        Case {
            name: "reorder only",
            original: pod_with(json!([c("a", "a1"), c("b", "b1")])),
            patch: json!({"spec": {"$setElementOrder/containers": [{"name": "b"}, {"name": "a"}]}}),
            expected: pod_with(json!([c("b", "b1"), c("a", "a1")])),
        },
        Case {
            name: "insert in the middle",
            original: pod_with(json!([c("a", "a1"), c("b", "b1")])),
            patch: json!({"spec": {
                "$setElementOrder/containers": [{"name": "a"}, {"name": "c"}, {"name": "b"}],
                "containers": [c("c", "c1")]
            }}),
            expected: pod_with(json!([c("a", "a1"), c("c", "c1"), c("b", "b1")])),
        },
        Case {
            name: "server-only items are interleaved by server order",
            original: pod_with(json!([c("a", "a1"), c("s", "s1"), c("b", "b1")])),
            patch: json!({"spec": {
                "$setElementOrder/containers": [{"name": "b"}, {"name": "a"}],
                "containers": [{"name": "a", "image": "a2"}]
            }}),
            expected: pod_with(json!([c("s", "s1"), c("b", "b1"), c("a", "a2")])),
        },
        Case {
            name: "delete together with an order",
            original: pod_with(json!([c("a", "a1"), c("b", "b1"), c("c", "c1")])),
            patch: json!({"spec": {
                "$setElementOrder/containers": [{"name": "c"}, {"name": "a"}],
                "containers": [{"name": "b", "$patch": "delete"}]
            }}),
            expected: pod_with(json!([c("c", "c1"), c("a", "a1")])),
        },
        Case {
            name: "primitive list order",
            original: json!({"metadata": {"finalizers": ["a", "b", "c"]}}),
            patch: json!({"metadata": {
                "$setElementOrder/finalizers": ["c", "d", "a"],
                "finalizers": ["d"],
                "$deleteFromPrimitiveList/finalizers": ["b"]
            }}),
            expected: json!({"metadata": {"finalizers": ["c", "d", "a"]}}),
        },
        Case {
            name: "order for a list missing from the original",
            original: json!({"spec": {}}),
            patch: json!({"spec": {
                "$setElementOrder/containers": [{"name": "b"}, {"name": "a"}],
                "containers": [c("b", "b1"), c("a", "a1")]
            }}),
            expected: json!({"spec": {"containers": [c("b", "b1"), c("a", "a1")]}}),
        },
    ];
    run_cases(cases, pod());
}

#[test]
fn primitive_lists_and_maps() {
    let cases = vec![
        Case {
            name: "finalizers are a set union",
            original: json!({"metadata": {"finalizers": ["a", "b"]}}),
            patch: json!({"metadata": {"finalizers": ["c", "a"]}}),
            expected: json!({"metadata": {"finalizers": ["c", "a", "b"]}}),
        },
        Case {
            name: "$deleteFromPrimitiveList",
            original: json!({"metadata": {"finalizers": ["a", "b", "c", "b"]}}),
            patch: json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["b"]}}),
            expected: json!({"metadata": {"finalizers": ["a", "c"]}}),
        },
        Case {
            name: "$deleteFromPrimitiveList on a missing list is a no-op",
            original: json!({"metadata": {}}),
            patch: json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["b"]}}),
            expected: json!({"metadata": {}}),
        },
        Case {
            name: "atomic lists are replaced",
            original: pod_with(json!([{"name": "a", "args": ["1", "2"]}])),
            patch: json!({"spec": {"containers": [{"name": "a", "args": ["3"]}], "tolerations": [{"key": "k"}]}}),
            expected: json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                "spec": {"containers": [{"name": "a", "args": ["3"]}], "tolerations": [{"key": "k"}]}}),
        },
        Case {
            name: "nested maps merge and null deletes",
            original: json!({"metadata": {"labels": {"a": "1", "b": "2"}, "annotations": {"x": "y"}}}),
            patch: json!({"metadata": {"labels": {"b": null, "c": "3"}, "annotations": null}}),
            expected: json!({"metadata": {"labels": {"a": "1", "c": "3"}}}),
        },
        Case {
            name: "null for a missing key is dropped",
            original: json!({"metadata": {}}),
            patch: json!({"metadata": {"labels": {"a": null, "b": "1"}, "annotations": null}}),
            expected: json!({"metadata": {"labels": {"b": "1"}}}),
        },
        Case {
            name: "$patch: replace on a map",
            original: json!({"metadata": {"labels": {"a": "1", "b": "2"}}}),
            patch: json!({"metadata": {"labels": {"$patch": "replace", "x": "y"}}}),
            expected: json!({"metadata": {"labels": {"x": "y"}}}),
        },
        Case {
            name: "$patch: delete on a map",
            original: json!({"spec": {"securityContext": {"runAsUser": 1}, "hostname": "h"}}),
            patch: json!({"spec": {"securityContext": {"$patch": "delete"}}}),
            expected: json!({"spec": {"securityContext": {}, "hostname": "h"}}),
        },
        Case {
            name: "type change replaces",
            original: json!({"metadata": {"labels": "oops"}}),
            patch: json!({"metadata": {"labels": {"a": "1", "b": null}}}),
            expected: json!({"metadata": {"labels": {"a": "1"}}}),
        },
        Case {
            name: "unknown fields merge like a JSON merge patch",
            original: json!({"spec": {"extra": {"a": 1, "b": [1, 2], "c": {"d": 1}}}}),
            patch: json!({"spec": {"extra": {"b": [3], "c": {"e": 2}, "a": null}}}),
            expected: json!({"spec": {"extra": {"b": [3], "c": {"d": 1, "e": 2}}}}),
        },
        Case {
            name: "scalar replacement",
            original: json!({"spec": {"hostname": "a", "priority": 1}}),
            patch: json!({"spec": {"hostname": "b", "priority": 2}}),
            expected: json!({"spec": {"hostname": "b", "priority": 2}}),
        },
        Case {
            name: "volumes merge with $retainKeys",
            original: json!({"spec": {"volumes": [
                {"name": "v", "emptyDir": {}},
                {"name": "w", "configMap": {"name": "cm"}}
            ]}}),
            patch: json!({"spec": {"volumes": [
                {"name": "v", "hostPath": {"path": "/x"}, "$retainKeys": ["hostPath", "name"]}
            ]}}),
            expected: json!({"spec": {"volumes": [
                {"name": "v", "hostPath": {"path": "/x"}},
                {"name": "w", "configMap": {"name": "cm"}}
            ]}}),
        },
    ];
    run_cases(cases, pod());
}

#[test]
fn deployment_retain_keys() {
    let original = json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}, "replicas": 2}});
    let patch = json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}});
    let got = strategic_merge_patch(&original, &patch, deployment()).ok();
    assert_eq!(
        got,
        Some(json!({"spec": {"strategy": {"type": "Recreate"}, "replicas": 2}}))
    );

    let template =
        json!({"spec": {"template": {"spec": {"containers": [c("a", "1"), c("b", "1")]}}}});
    let patch =
        json!({"spec": {"template": {"spec": {"containers": [{"name": "b", "image": "2"}]}}}});
    let got = strategic_merge_patch(&template, &patch, deployment()).ok();
    assert_eq!(
        got,
        Some(json!({"spec": {"template": {"spec": {"containers": [c("a", "1"), c("b", "2")]}}}}))
    );
}

#[test]
fn malformed_patches_are_errors() {
    let original = pod_with(json!([c("a", "a1")]));
    let bad = [
        json!({"spec": {"containers": [{"image": "x"}]}}),
        json!({"spec": {"containers": [{"name": "a", "$patch": "merge"}]}}),
        json!({"spec": {"containers": [{"$patch": "delete"}]}}),
        json!({"spec": {"containers": [{"name": "a", "$patch": "bogus"}]}}),
        json!({"spec": {"containers": ["a"]}}),
        json!({"spec": {"containers": [[1]]}}),
        json!({"spec": {"containers": [null]}}),
        json!({"spec": {"$patch": "merge"}}),
        json!({"spec": {"$patch": 1}}),
        json!({"spec": {"$retainKeys": "x", "hostname": "h"}}),
        json!({"spec": {"$retainKeys": ["a"], "hostname": "h"}}),
        json!({"metadata": {"finalizers": ["x"], "$deleteFromPrimitiveListX/finalizers": ["a"]}}),
        json!({"spec": {"$setElementOrder/containers": "a"}}),
        json!({"spec": {"$setElementOrder/containers": [{"name": "b"}], "containers": [c("a", "1"), c("c", "1")]}}),
        json!({"spec": {"$setElementOrder": [{"name": "b"}]}}),
        json!([1, 2]),
    ];
    for patch in bad {
        let got = strategic_merge_patch(&original, &patch, pod());
        assert!(got.is_err(), "{patch} gave {got:?}");
    }
    let err = strategic_merge_patch(
        &original,
        &json!({"spec": {"containers": [{"image": "x"}]}}),
        pod(),
    );
    assert!(
        matches!(err, Err(PatchError::MissingMergeKey { .. })),
        "{err:?}"
    );
}

#[test]
fn two_way_patch_shapes() {
    let original = pod_with(json!([c("a", "a1"), c("b", "b1")]));
    let modified = pod_with(json!([c("a", "a2"), c("b", "b1")]));
    assert_eq!(
        create_two_way_merge_patch(&original, &modified, pod()).ok(),
        Some(json!({"spec": {
            "$setElementOrder/containers": [{"name": "a"}, {"name": "b"}],
            "containers": [{"name": "a", "image": "a2"}]
        }}))
    );

    let modified = pod_with(json!([c("a", "a1")]));
    assert_eq!(
        create_two_way_merge_patch(&original, &modified, pod()).ok(),
        Some(json!({"spec": {
            "$setElementOrder/containers": [{"name": "a"}],
            "containers": [{"name": "b", "$patch": "delete"}]
        }}))
    );

    let o = json!({"metadata": {"finalizers": ["a", "b"], "labels": {"x": "1", "y": "2"}}});
    let m = json!({"metadata": {"finalizers": ["b", "c"], "labels": {"x": "1"}}});
    assert_eq!(
        create_two_way_merge_patch(&o, &m, pod()).ok(),
        Some(json!({"metadata": {
            "$deleteFromPrimitiveList/finalizers": ["a"],
            "$setElementOrder/finalizers": ["b", "c"],
            "finalizers": ["c"],
            "labels": {"y": null}
        }}))
    );

    let o = json!({"spec": {"volumes": [{"name": "v", "emptyDir": {}}]}});
    let m = json!({"spec": {"volumes": [{"name": "v", "hostPath": {"path": "/x"}}]}});
    assert_eq!(
        create_two_way_merge_patch(&o, &m, pod()).ok(),
        Some(json!({"spec": {
            "$setElementOrder/volumes": [{"name": "v"}],
            "volumes": [{"name": "v", "hostPath": {"path": "/x"}, "emptyDir": null, "$retainKeys": ["hostPath", "name"]}]
        }}))
    );

    assert_eq!(
        create_two_way_merge_patch(&o, &o, pod()).ok(),
        Some(json!({}))
    );
}

#[test]
fn two_way_round_trips() {
    let pairs = [
        (
            pod_with(json!([c("a", "1"), c("b", "1")])),
            pod_with(json!([c("b", "2"), c("c", "1"), c("a", "1")])),
        ),
        (pod_with(json!([c("a", "1")])), pod_with(json!([]))),
        (
            json!({"metadata": {"labels": {"a": "1"}, "finalizers": ["x", "y"]}, "spec": {"hostname": "h"}}),
            json!({"metadata": {"labels": {"b": "2"}, "finalizers": ["z", "x"]}, "spec": {"nodeName": "n"}}),
        ),
        (
            pod_with(
                json!([{"name": "a", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                "ports": [{"containerPort": 80}, {"containerPort": 8080}]}]),
            ),
            pod_with(json!([{"name": "a", "env": [{"name": "B", "value": "3"}],
                "ports": [{"containerPort": 8080}, {"containerPort": 443, "name": "tls"}]}])),
        ),
        (
            json!({"spec": {"tolerations": [{"key": "a"}], "volumes": [{"name": "v", "emptyDir": {}}, {"name": "w", "secret": {"secretName": "s"}}]}}),
            json!({"spec": {"tolerations": [{"key": "b"}], "volumes": [{"name": "w", "secret": {"secretName": "t"}}, {"name": "v", "configMap": {"name": "c"}}]}}),
        ),
    ];
    for (original, modified) in pairs {
        let patch = create_two_way_merge_patch(&original, &modified, pod());
        let Ok(patch) = patch else {
            panic!("diff failed: {patch:?}")
        };
        let applied = strategic_merge_patch(&original, &patch, pod());
        assert_eq!(applied.ok(), Some(modified.clone()), "patch {patch}");
    }
}

#[test]
fn three_way_patches() {
    let last_applied = json!({"metadata": {"name": "p", "labels": {"a": "1", "b": "2"}}, "spec": {"containers": [c("a", "1")]}});
    let current = json!({"metadata": {"name": "p", "labels": {"a": "1", "b": "2", "server": "x"}},
        "spec": {"containers": [{"name": "a", "image": "1", "imagePullPolicy": "Always"}]}, "status": {"phase": "Running"}});
    let modified = json!({"metadata": {"name": "p", "labels": {"a": "1"}}, "spec": {"containers": [c("a", "2")]}});
    let patch = create_three_way_merge_patch(&last_applied, &modified, &current, pod(), true);
    assert_eq!(
        patch.as_ref().ok(),
        Some(&json!({"metadata": {"labels": {"b": null}}, "spec": {
            "$setElementOrder/containers": [{"name": "a"}],
            "containers": [{"name": "a", "image": "2"}]
        }}))
    );
    let Ok(patch) = patch else { return };
    let result = strategic_merge_patch(&current, &patch, pod());
    assert_eq!(
        result.ok(),
        Some(
            json!({"metadata": {"name": "p", "labels": {"a": "1", "server": "x"}},
            "spec": {"containers": [{"name": "a", "image": "2", "imagePullPolicy": "Always"}]}, "status": {"phase": "Running"}})
        )
    );

    // Someone else changed the image: without overwrite this is a conflict.
    let current = json!({"metadata": {"name": "p", "labels": {"a": "1", "b": "2"}}, "spec": {"containers": [c("a", "other")]}});
    let conflict = create_three_way_merge_patch(&last_applied, &modified, &current, pod(), false);
    assert!(
        matches!(conflict, Err(PatchError::Conflict { .. })),
        "{conflict:?}"
    );
    let fine = create_three_way_merge_patch(&last_applied, &modified, &current, pod(), true);
    assert!(fine.is_ok());

    // Unchanged configuration yields an empty patch.
    let same = create_three_way_merge_patch(&modified, &modified, &modified, pod(), false);
    assert_eq!(same.ok(), Some(json!({})));
}

#[test]
fn conflicts_helper() {
    let l = json!({"spec": {"hostname": "a"}});
    let r = json!({"spec": {"hostname": "b"}});
    assert_eq!(merging_maps_have_conflicts(&l, &r, pod()).ok(), Some(true));
    let r = json!({"spec": {"nodeName": "b"}});
    assert_eq!(merging_maps_have_conflicts(&l, &r, pod()).ok(), Some(false));
    let l = pod_with(json!([c("a", "1")]));
    let r = pod_with(json!([c("b", "1")]));
    assert_eq!(merging_maps_have_conflicts(&l, &r, pod()).ok(), Some(false));
}

#[test]
fn go_sort_matches_reference_behaviour() {
    // The comparison treats unknown elements as "less", which Go's insertion sort turns
    // into this specific order.
    let order = vec![json!("b"), json!("a")];
    let sorted = normalize_slice_order(
        vec![json!("a"), json!("x"), json!("b")],
        &order,
        "",
        ElemKind::String,
    );
    assert_eq!(sorted.ok(), Some(vec![json!("b"), json!("x"), json!("a")]));
    // A long list exercises the block merge path and stays a permutation.
    let order: Vec<Value> = (0..50).rev().map(|i| json!(i)).collect();
    let input: Vec<Value> = (0..50).map(|i| json!(i)).collect();
    let sorted = normalize_slice_order(input, &order, "", ElemKind::Number).unwrap_or_default();
    assert_eq!(sorted, order);
    assert_eq!(go_string(&json!(1000000)), "1e+06");
    assert_eq!(go_string(&json!(123456)), "123456");
    assert_eq!(go_string(&json!(0.5)), "0.5");
    assert_eq!(go_string(&json!(0.00001)), "1e-05");
    assert_eq!(
        deduplicate_scalars(vec![json!(1), json!(2), json!(1), json!(3)]),
        vec![json!(1), json!(2), json!(3)]
    );
    assert_eq!(
        deduplicate_scalars(vec![json!("a"), json!("a"), json!("b"), json!("c")]),
        vec![json!("a"), json!("c"), json!("b")]
    );
}

#[test]
fn combining_patches_keeps_directives() {
    let a = json!({"metadata": {"labels": {"a": "1", "b": null}}, "spec": {"$setElementOrder/containers": [{"name": "x"}]}});
    let b = json!({"metadata": {"labels": {"c": "3"}}, "spec": {"containers": [{"name": "x", "image": "i"}]}});
    let merged = merge_strategic_merge_patches(&[a, b], pod());
    assert_eq!(
        merged.ok(),
        Some(
            json!({"metadata": {"labels": {"a": "1", "b": null, "c": "3"}},
            "spec": {"$setElementOrder/containers": [{"name": "x"}], "containers": [{"name": "x", "image": "i"}]}})
        )
    );
}
