//! Property tests: user-controlled inputs never panic, and printable forms round-trip.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::patch::{apply_json_patch, strategic_merge_patch};
use crate::quantity::Quantity;
use crate::schema::{Definitions, Dialect, TypeTree};
use crate::selector::{FieldSelector, Selector};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|i| json!(i)),
        "[a-c$/]{0,3}".prop_map(Value::String),
        Just(json!("delete")),
        Just(json!("replace")),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("name".to_string()),
                    Just("containers".to_string()),
                    Just("spec".to_string()),
                    Just("metadata".to_string()),
                    Just("finalizers".to_string()),
                    Just("$patch".to_string()),
                    Just("$retainKeys".to_string()),
                    Just("$setElementOrder/containers".to_string()),
                    Just("$deleteFromPrimitiveList/finalizers".to_string()),
                    "[a-z]{1,3}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn tree() -> &'static TypeTree {
    static TREE: std::sync::OnceLock<TypeTree> = std::sync::OnceLock::new();
    TREE.get_or_init(|| {
        TypeTree::from_definitions(
            &Definitions::new(Dialect::OpenApiV3)
                .with::<k8s_openapi::api::core::v1::Pod>()
                .build(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn quantity_parse_never_panics(s in "[-+0-9.eEinumkKMGTP]{0,12}") {
        let _ = Quantity::parse(&s);
    }

    #[test]
    fn quantity_canonical_round_trips(milli in any::<i64>(), suffix in prop_oneof![Just("m"), Just("Ki"), Just("e3"), Just("")]) {
        let text = format!("{}{}", milli / 1000, suffix);
        if let Ok(q) = Quantity::parse(&text) {
            let again = Quantity::parse(&q.to_string());
            prop_assert_eq!(again.as_ref().ok(), Some(&q));
            prop_assert_eq!(again.map(|a| a.to_string()).ok(), Some(q.to_string()));
        }
    }

    #[test]
    fn selectors_never_panic(s in "[a-z!=(), <>in-]{0,20}") {
        if let Ok(sel) = Selector::parse(&s) {
            prop_assert_eq!(Selector::parse(&sel.to_string()).ok(), Some(sel));
        }
        let _ = FieldSelector::parse(&s);
    }

    #[test]
    fn strategic_merge_never_panics(original in arb_json(), patch in arb_json()) {
        let Some(pod) = tree().type_of("io.k8s.api.core.v1.Pod") else {
            return Err(TestCaseError::fail("no Pod"));
        };
        let _ = strategic_merge_patch(&original, &patch, pod);
        let wrapped_o = json!({"spec": {"containers": original.clone()}, "metadata": {"finalizers": original}});
        let wrapped_p = json!({"spec": {"containers": patch.clone()}, "metadata": {"finalizers": patch}});
        let _ = strategic_merge_patch(&wrapped_o, &wrapped_p, pod);
    }

    #[test]
    fn json_patch_never_panics(doc in arb_json(), path in "(/[a-z0-9~-]{0,2}){0,3}", value in arb_json(), op in prop_oneof![Just("add"), Just("remove"), Just("replace"), Just("move"), Just("copy"), Just("test")]) {
        let patch = json!([{"op": op, "path": path, "from": path, "value": value}]);
        let _ = apply_json_patch(&doc, &patch);
    }
}
