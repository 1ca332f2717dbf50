//! Malformed input gives errors, never panics.

mod support;

use capstan_kubeproto::{decode_message, decode_object, is_protobuf, ProtoError};
use proptest::prelude::*;
use support::{meta, object, Msg};

fn configmap() -> Vec<u8> {
    object(
        "v1",
        "ConfigMap",
        Msg::new()
            .msg(1, meta("cm", "default").map_str(11, "a", "b"))
            .map_str(2, "k", "v")
            .map_bytes(3, "b", &[1, 2, 3]),
    )
}

fn kubectl_fixture(name: &str) -> Vec<u8> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).unwrap_or_default()
}

#[test]
fn content_type_detection() {
    assert!(is_protobuf("application/vnd.kubernetes.protobuf"));
    assert!(is_protobuf(
        "application/vnd.kubernetes.protobuf; charset=utf-8"
    ));
    assert!(is_protobuf("Application/VND.Kubernetes.Protobuf"));
    assert!(!is_protobuf("application/json"));
    assert!(!is_protobuf("application/yaml"));
    assert!(!is_protobuf(""));
}

#[test]
fn bad_magic() {
    assert_eq!(decode_object(b""), Err(ProtoError::BadMagic));
    assert_eq!(decode_object(b"k8s"), Err(ProtoError::BadMagic));
    assert_eq!(
        decode_object(b"{\"kind\":\"Pod\"}"),
        Err(ProtoError::BadMagic)
    );
    let mut body = configmap();
    body[3] = b'x';
    assert_eq!(decode_object(&body), Err(ProtoError::BadMagic));
}

#[test]
fn unknown_kind() {
    let body = object("v1", "Widget", Msg::new());
    assert_eq!(
        decode_object(&body),
        Err(ProtoError::UnknownKind {
            api_version: "v1".into(),
            kind: "Widget".into()
        })
    );
    let body = object("example.com/v1", "Pod", Msg::new());
    assert!(matches!(
        decode_object(&body),
        Err(ProtoError::UnknownKind { .. })
    ));
    // An envelope without typeMeta.
    assert!(matches!(
        decode_object(b"k8s\0"),
        Err(ProtoError::UnknownKind { .. })
    ));
    assert_eq!(
        decode_message("k8s.io.api.core.v1.Nope", b""),
        Err(ProtoError::UnknownMessage("k8s.io.api.core.v1.Nope".into()))
    );
}

#[test]
fn truncated_input() {
    let body = configmap();
    // Cut inside the envelope's raw field: its length now runs past the end.
    assert_eq!(
        decode_object(&body[..body.len() - 3]),
        Err(ProtoError::Truncated)
    );
    // Every prefix either decodes or fails cleanly.
    for n in 0..body.len() {
        let _ = decode_object(&body[..n]);
    }
    // A nested message whose length is larger than its parent.
    let bad = object("v1", "ConfigMap", Msg::new().raw(&[0x0a, 0x10, 0x0a, 0x01]));
    assert_eq!(decode_object(&bad), Err(ProtoError::Truncated));
    // A huge declared length.
    let bad = object(
        "v1",
        "ConfigMap",
        Msg::new().raw(&[0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]),
    );
    assert_eq!(decode_object(&bad), Err(ProtoError::Truncated));
}

#[test]
fn malformed_varints_and_keys() {
    let overflow = object("v1", "ConfigMap", Msg::new().raw(&[0xff; 11]));
    assert_eq!(decode_object(&overflow), Err(ProtoError::VarintOverflow));
    let zero_field = object("v1", "ConfigMap", Msg::new().raw(&[0x02, 0x00]));
    assert_eq!(
        decode_object(&zero_field),
        Err(ProtoError::InvalidFieldNumber(0))
    );
    // Wire types 6 and 7 do not exist.
    let bad_wire = object("v1", "ConfigMap", Msg::new().raw(&[0xfe, 0x07, 0x00]));
    assert!(matches!(
        decode_object(&bad_wire),
        Err(ProtoError::InvalidWireType { .. })
    ));
    // A stray end-group key.
    let stray = object("v1", "ConfigMap", Msg::new().raw(&[0xbc, 0x05]));
    assert!(matches!(
        decode_object(&stray),
        Err(ProtoError::InvalidWireType { .. })
    ));
    // An unterminated group.
    let open_group = object("v1", "ConfigMap", Msg::new().raw(&[0xbb, 0x05, 0x08, 0x01]));
    assert_eq!(decode_object(&open_group), Err(ProtoError::Truncated));
}

#[test]
fn wrong_wire_types() {
    // ConfigMap.data (a map) sent as a varint.
    let body = object("v1", "ConfigMap", Msg::new().varint(2, 1));
    assert_eq!(
        decode_object(&body),
        Err(ProtoError::InvalidWireType { field: 2, wire: 0 })
    );
    // ConfigMap.immutable (bool) sent as a string.
    let body = object("v1", "ConfigMap", Msg::new().str(4, "yes"));
    assert_eq!(
        decode_object(&body),
        Err(ProtoError::InvalidWireType { field: 4, wire: 2 })
    );
    // ObjectMeta.generation (int64) sent as fixed64.
    let body = object(
        "v1",
        "ConfigMap",
        Msg::new().msg(1, Msg::new().double(7, 1.0)),
    );
    assert_eq!(
        decode_object(&body),
        Err(ProtoError::InvalidWireType { field: 7, wire: 1 })
    );
}

#[test]
fn invalid_special_values() {
    // IntOrString with an impossible type.
    let port = Msg::new().int(3, 80).msg(4, Msg::new().int(1, 7));
    let body = object("v1", "Service", Msg::new().msg(2, Msg::new().msg(1, port)));
    assert!(matches!(
        decode_object(&body),
        Err(ProtoError::InvalidValue { .. })
    ));
    // An empty quantity string.
    let body = object(
        "v1",
        "ResourceQuota",
        Msg::new().msg(2, Msg::new().map_msg(1, "cpu", Msg::new().str(1, ""))),
    );
    assert!(matches!(
        decode_object(&body),
        Err(ProtoError::InvalidValue { .. })
    ));
    // A time beyond year 9999.
    let body = object(
        "v1",
        "ConfigMap",
        Msg::new().msg(1, Msg::new().msg(8, Msg::new().int(1, 300_000_000_000))),
    );
    assert!(matches!(
        decode_object(&body),
        Err(ProtoError::InvalidValue { .. })
    ));
    // Broken embedded JSON in managedFields.
    let mf = Msg::new().msg(7, Msg::new().bytes(1, b"{not json"));
    let body = object("v1", "ConfigMap", Msg::new().msg(1, Msg::new().msg(17, mf)));
    assert!(matches!(
        decode_object(&body),
        Err(ProtoError::InvalidValue { .. })
    ));
    // A RawExtension that is neither JSON nor protobuf.
    let body = object(
        "apps/v1",
        "ControllerRevision",
        Msg::new().msg(2, Msg::new().bytes(1, &[0x01, 0x02])),
    );
    assert!(matches!(
        decode_object(&body),
        Err(ProtoError::InvalidValue { .. })
    ));
    // NaN cannot be written as JSON.
    let props = Msg::new().double(9, f64::NAN);
    assert!(matches!(
        decode_message(
            "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
            &props.build()
        ),
        Err(ProtoError::InvalidValue { .. })
    ));
}

#[test]
fn unsupported_envelopes() {
    let mut body = b"k8s\0".to_vec();
    body.extend(
        Msg::new()
            .msg(1, Msg::new().str(1, "v1").str(2, "ConfigMap"))
            .bytes(2, b"\x1f\x8b")
            .str(3, "gzip")
            .build(),
    );
    assert_eq!(
        decode_object(&body),
        Err(ProtoError::UnsupportedEncoding("gzip".into()))
    );
    let mut body = b"k8s\0".to_vec();
    body.extend(
        Msg::new()
            .msg(1, Msg::new().str(1, "v1").str(2, "ConfigMap"))
            .bytes(2, b"{}")
            .str(4, "application/json")
            .build(),
    );
    assert_eq!(
        decode_object(&body),
        Err(ProtoError::UnsupportedContentType(
            "application/json".into()
        ))
    );
}

/// Nests JSONSchemaProps `not` fields `depth` levels deep.
fn nested_schema(depth: usize) -> Msg {
    let mut m = Msg::new().str(5, "object");
    for _ in 0..depth {
        m = Msg::new().msg(28, m);
    }
    m
}

#[test]
fn deep_nesting_is_bounded() {
    let name = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
    assert!(decode_message(name, &nested_schema(95).build()).is_ok());
    assert_eq!(
        decode_message(name, &nested_schema(5_000).build()),
        Err(ProtoError::TooDeep)
    );
    // RawExtensions that nest protobuf objects inside each other.
    let mut body = object("v1", "ConfigMap", Msg::new());
    for _ in 0..500 {
        body = object(
            "apps/v1",
            "ControllerRevision",
            Msg::new().msg(2, Msg::new().bytes(1, &body)),
        );
    }
    assert_eq!(decode_object(&body), Err(ProtoError::TooDeep));
    // Deeply nested groups in an unknown field.
    let mut raw = Vec::new();
    for _ in 0..1000 {
        raw.extend([0xbb, 0x05]);
    }
    let body = object("v1", "ConfigMap", Msg::new().raw(&raw));
    assert_eq!(decode_object(&body), Err(ProtoError::TooDeep));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_object(&bytes);
        let mut with_magic = b"k8s\0".to_vec();
        with_magic.extend(&bytes);
        let _ = decode_object(&with_magic);
        let _ = decode_message("k8s.io.api.core.v1.Pod", &bytes);
        let _ = decode_message(
            "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
            &bytes,
        );
    }

    #[test]
    fn arbitrary_payload_for_known_kinds_never_panics(
        kind in prop::sample::select(vec![
            ("v1", "Pod"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"),
            ("apps/v1", "Deployment"), ("batch/v1", "CronJob"), ("v1", "Status"),
            ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
            ("coordination.k8s.io/v1", "Lease"), ("apps/v1", "ControllerRevision"),
        ]),
        raw in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let body = object(kind.0, kind.1, Msg::new().raw(&raw));
        let _ = decode_object(&body);
    }

    #[test]
    fn mutated_kubectl_bodies_never_panic(
        fixture in prop::sample::select(vec![
            "kubectl-deployment.pb", "kubectl-cronjob.pb", "kubectl-service.pb",
            "kubectl-secret_file.pb", "kubectl-ingress.pb", "kubectl-hpa.pb",
        ]),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut body = kubectl_fixture(fixture);
        prop_assume!(!body.is_empty());
        for (at, byte) in edits {
            let i = at.index(body.len());
            body[i] = byte;
        }
        let _ = decode_object(&body);
        let n = cut.index(body.len());
        let _ = decode_object(&body[..n]);
    }
}

/// The depth limit keeps recursion well inside a small thread stack (tokio's workers
/// have 2 MiB; this uses 1 MiB, about twice what an unoptimised build needs).
#[test]
fn max_depth_fits_a_small_stack() {
    let name = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
    let deep = nested_schema(99).build();
    let worst = nested_schema(5_000).build();
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            assert!(decode_message(name, &deep).is_ok());
            assert_eq!(decode_message(name, &worst), Err(ProtoError::TooDeep));
        })
        .expect("spawn");
    assert!(handle.join().is_ok());
}

#[test]
fn zero_value_expansion_is_bounded() {
    // 300k empty Pods: 600 KB of input, but each expands into Go's zero Pod.
    let mut raw = Vec::new();
    for _ in 0..300_000 {
        raw.extend([0x12, 0x00]);
    }
    let body = object("v1", "PodList", Msg::new().raw(&raw));
    assert_eq!(decode_object(&body), Err(ProtoError::TooLarge));
    // A large but ordinary object is fine.
    let mut cm = Msg::new().msg(1, meta("big", "ns"));
    for i in 0..50_000 {
        cm = cm.map_str(2, &format!("key-{i}"), "value");
    }
    let got = decode_object(&object("v1", "ConfigMap", cm)).expect("decodes");
    assert_eq!(got["data"].as_object().map(|m| m.len()), Some(50_000));
}
