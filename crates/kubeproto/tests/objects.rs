//! Objects built field by field with a test encoder, checked against the JSON that
//! Kubernetes (Go's `encoding/json` over the API structs) writes for the same object.

mod support;

use capstan_kubeproto::{decode_message, decode_object};
use serde_json::{json, Value};
use support::{int_or_int, int_or_str, meta, object, quantity, time, Msg};

/// 2024-01-02T03:05:05Z
const T: i64 = 1_704_164_705;
const TS: &str = "2024-01-02T03:05:05Z";

fn decode(bytes: &[u8]) -> Value {
    decode_object(bytes).unwrap_or_else(|e| panic!("decode failed: {e}"))
}

#[test]
fn configmap() {
    let body = Msg::new()
        .msg(
            1,
            meta("cm", "default")
                .msg(8, time(T))
                .map_str(11, "app", "web"),
        )
        .map_str(2, "a", "1")
        .map_str(2, "b", "")
        .map_bytes(3, "bin", &[0, 1, 2, 255])
        .bool(4, true);
    assert_eq!(
        decode(&object("v1", "ConfigMap", body)),
        json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": "cm",
                "namespace": "default",
                "creationTimestamp": TS,
                "labels": {"app": "web"}
            },
            "data": {"a": "1", "b": ""},
            "binaryData": {"bin": "AAEC/w=="},
            "immutable": true
        })
    );
}

#[test]
fn secret_with_binary_data() {
    let body = Msg::new()
        // An explicit `false` on a pointer field is kept.
        .bool(5, false)
        .map_bytes(2, "key", &[0xff, 0xfe, 0x00, b'x'])
        // A map entry without a value decodes to Go's zero value, an empty []byte.
        .msg(2, Msg::new().str(1, "empty"))
        .map_str(4, "plain", "text")
        .str(3, "Opaque");
    assert_eq!(
        decode(&object("v1", "Secret", body)),
        json!({
            "apiVersion": "v1",
            "kind": "Secret",
            // An absent non-pointer struct is Go's zero ObjectMeta.
            "metadata": {"creationTimestamp": null},
            "immutable": false,
            "data": {"key": "//4AeA==", "empty": ""},
            "stringData": {"plain": "text"},
            "type": "Opaque"
        })
    );
}

#[test]
fn namespace() {
    let body = Msg::new()
        .msg(1, meta("ns1", "").str(5, "uid-1").str(6, "42"))
        .msg(2, Msg::new().str(1, "kubernetes"))
        .msg(3, Msg::new().str(1, "Active"));
    assert_eq!(
        decode(&object("v1", "Namespace", body)),
        json!({
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": {
                "name": "ns1",
                "uid": "uid-1",
                "resourceVersion": "42",
                "creationTimestamp": null
            },
            "spec": {"finalizers": ["kubernetes"]},
            "status": {"phase": "Active"}
        })
    );
}

#[test]
fn deployment() {
    let owner = Msg::new()
        .str(5, "v1")
        .str(1, "Foo")
        .str(3, "owner")
        .str(4, "o-1")
        .bool(6, true);
    let managed = Msg::new()
        .str(1, "kubectl")
        .str(2, "Update")
        .str(3, "apps/v1")
        .msg(4, time(T))
        .str(6, "FieldsV1")
        .msg(7, Msg::new().bytes(1, br#"{"f:spec":{"f:replicas":{}}}"#));
    let metadata = meta("d", "default")
        .str(5, "u-1")
        .int(7, 3)
        .msg(8, time(T))
        .msg(13, owner)
        .msg(17, managed);
    let selector = Msg::new().map_str(1, "app", "d").msg(
        2,
        Msg::new()
            .str(1, "tier")
            .str(2, "In")
            .str(3, "a")
            .str(3, "b"),
    );
    let container = Msg::new()
        .str(1, "c")
        .str(2, "nginx")
        .msg(6, Msg::new().str(1, "http").int(3, 80).str(4, "TCP"))
        .msg(
            8,
            Msg::new()
                .map_msg(2, "cpu", quantity("250m"))
                .map_msg(2, "memory", quantity("64Mi"))
                .map_msg(1, "memory", quantity("128Mi")),
        );
    let template = Msg::new()
        .msg(1, Msg::new().map_str(11, "app", "d"))
        .msg(2, Msg::new().msg(2, container));
    let strategy = Msg::new().str(1, "RollingUpdate").msg(
        2,
        Msg::new().msg(1, int_or_int(0)).msg(2, int_or_str("25%")),
    );
    let spec = Msg::new()
        .int(1, 0)
        .msg(2, selector)
        .msg(3, template)
        .msg(4, strategy)
        .int(5, 0) // minReadySeconds 0: omitempty drops it
        .int(6, 10)
        .bool(7, false) // paused false: omitempty drops it
        .int(9, 600);
    let condition = Msg::new()
        .str(1, "Available")
        .str(2, "True")
        .msg(6, time(T))
        .msg(7, time(T + 60))
        .str(4, "MinimumReplicasAvailable");
    let status = Msg::new().int(1, 3).int(2, 1).msg(6, condition);
    let body = Msg::new().msg(1, metadata).msg(2, spec).msg(3, status);
    assert_eq!(
        decode(&object("apps/v1", "Deployment", body)),
        json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "name": "d",
                "namespace": "default",
                "uid": "u-1",
                "generation": 3,
                "creationTimestamp": TS,
                "ownerReferences": [{
                    "apiVersion": "v1",
                    "kind": "Foo",
                    "name": "owner",
                    "uid": "o-1",
                    "controller": true
                }],
                "managedFields": [{
                    "manager": "kubectl",
                    "operation": "Update",
                    "apiVersion": "apps/v1",
                    "time": TS,
                    "fieldsType": "FieldsV1",
                    "fieldsV1": {"f:spec": {"f:replicas": {}}}
                }]
            },
            "spec": {
                "replicas": 0,
                "selector": {
                    "matchLabels": {"app": "d"},
                    "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]
                },
                "template": {
                    "metadata": {"creationTimestamp": null, "labels": {"app": "d"}},
                    "spec": {
                        "containers": [{
                            "name": "c",
                            "image": "nginx",
                            "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
                            "resources": {
                                "limits": {"memory": "128Mi"},
                                "requests": {"cpu": "250m", "memory": "64Mi"}
                            }
                        }]
                    }
                },
                "strategy": {
                    "type": "RollingUpdate",
                    "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}
                },
                "revisionHistoryLimit": 10,
                "progressDeadlineSeconds": 600
            },
            "status": {
                "observedGeneration": 3,
                "replicas": 1,
                "conditions": [{
                    "type": "Available",
                    "status": "True",
                    "lastUpdateTime": TS,
                    "lastTransitionTime": "2024-01-02T03:06:05Z",
                    "reason": "MinimumReplicasAvailable"
                }]
            }
        })
    );
}

#[test]
fn pod_with_containers_ports_env_and_volumes() {
    let volumes = [
        Msg::new().str(1, "cfg").msg(
            2,
            Msg::new().msg(
                19,
                Msg::new()
                    .msg(1, Msg::new().str(1, "app-config"))
                    .msg(2, Msg::new().str(1, "k").str(2, "p"))
                    .int(3, 0o644),
            ),
        ),
        Msg::new()
            .str(1, "scratch")
            .msg(2, Msg::new().msg(2, Msg::new().msg(2, quantity("1Gi")))),
    ];
    let env = [
        Msg::new().str(1, "A").str(2, "1"),
        Msg::new().str(1, "PASS").msg(
            3,
            Msg::new().msg(4, Msg::new().msg(1, Msg::new().str(1, "s")).str(2, "pw")),
        ),
    ];
    let probe = Msg::new()
        .msg(
            1,
            Msg::new().msg(2, Msg::new().str(1, "/healthz").msg(2, int_or_int(8080))),
        )
        .int(2, 5);
    let container = Msg::new()
        .str(1, "app")
        .str(2, "busybox")
        .str(3, "sh")
        .str(3, "-c")
        .str(4, "sleep 1")
        .msg(6, Msg::new().int(3, 8080).int(2, 0))
        .msg(7, env[0].clone())
        .msg(7, env[1].clone())
        .msg(9, Msg::new().str(1, "cfg").str(3, "/etc/cfg").bool(2, true))
        .msg(10, probe);
    let spec = Msg::new()
        .msg(1, volumes[0].clone())
        .msg(1, volumes[1].clone())
        .msg(2, container)
        .str(3, "Always")
        .int(4, 30)
        .map_str(7, "disk", "ssd")
        // PodSecurityContext: runAsUser, packed supplementalGroups, fsGroup.
        .msg(14, Msg::new().int(2, 1000).packed(4, &[1, 2]).int(5, 2000))
        .int(25, -5);
    let body = Msg::new()
        .msg(1, meta("p", "default").map_str(11, "a", "b"))
        .msg(2, spec);
    assert_eq!(
        decode(&object("v1", "Pod", body)),
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "p", "namespace": "default", "creationTimestamp": null, "labels": {"a": "b"}},
            "spec": {
                "volumes": [
                    {
                        "name": "cfg",
                        "configMap": {"name": "app-config", "items": [{"key": "k", "path": "p"}], "defaultMode": 420}
                    },
                    {"name": "scratch", "emptyDir": {"sizeLimit": "1Gi"}}
                ],
                "containers": [{
                    "name": "app",
                    "image": "busybox",
                    "command": ["sh", "-c"],
                    "args": ["sleep 1"],
                    "ports": [{"containerPort": 8080}],
                    "env": [
                        {"name": "A", "value": "1"},
                        {"name": "PASS", "valueFrom": {"secretKeyRef": {"name": "s", "key": "pw"}}}
                    ],
                    "resources": {},
                    "volumeMounts": [{"name": "cfg", "readOnly": true, "mountPath": "/etc/cfg"}],
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "initialDelaySeconds": 5}
                }],
                "restartPolicy": "Always",
                "terminationGracePeriodSeconds": 30,
                "nodeSelector": {"disk": "ssd"},
                "securityContext": {"runAsUser": 1000, "supplementalGroups": [1, 2], "fsGroup": 2000},
                "priority": -5
            },
            "status": {}
        })
    );
}

#[test]
fn service_with_int_and_named_target_ports() {
    let spec = Msg::new()
        .msg(
            1,
            Msg::new()
                .str(1, "http")
                .str(2, "TCP")
                .int(3, 80)
                .msg(4, int_or_int(8080)),
        )
        .msg(1, Msg::new().int(3, 443).msg(4, int_or_str("https")))
        // A port without targetPort: Go writes the zero IntOrString, 0.
        .msg(1, Msg::new().int(3, 53).str(2, "UDP"))
        .map_str(2, "app", "web")
        .str(3, "10.0.0.1")
        .str(18, "10.0.0.1")
        .str(4, "ClusterIP")
        .str(19, "IPv4")
        .str(17, "SingleStack");
    let body = Msg::new().msg(1, meta("s", "default")).msg(2, spec);
    assert_eq!(
        decode(&object("v1", "Service", body)),
        json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "s", "namespace": "default", "creationTimestamp": null},
            "spec": {
                "ports": [
                    {"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080},
                    {"port": 443, "targetPort": "https"},
                    {"protocol": "UDP", "port": 53, "targetPort": 0}
                ],
                "selector": {"app": "web"},
                "clusterIP": "10.0.0.1",
                "clusterIPs": ["10.0.0.1"],
                "type": "ClusterIP",
                "ipFamilies": ["IPv4"],
                "ipFamilyPolicy": "SingleStack"
            },
            "status": {"loadBalancer": {}}
        })
    );
}

#[test]
fn pod_list() {
    let pod = |name: &str| Msg::new().msg(1, meta(name, "ns"));
    let body = Msg::new()
        .msg(1, Msg::new().str(2, "5").int(4, 0))
        .msg(2, pod("a"))
        .msg(2, pod("b"));
    let item = |name: &str| {
        json!({
            "metadata": {"name": name, "namespace": "ns", "creationTimestamp": null},
            "spec": {"containers": null},
            "status": {}
        })
    };
    assert_eq!(
        decode(&object("v1", "PodList", body)),
        json!({
            "apiVersion": "v1",
            "kind": "PodList",
            "metadata": {"resourceVersion": "5", "remainingItemCount": 0},
            "items": [item("a"), item("b")]
        })
    );
    // An empty list: `items` has no omitempty, so Go writes null.
    assert_eq!(
        decode(&object("v1", "PodList", Msg::new())),
        json!({"apiVersion": "v1", "kind": "PodList", "metadata": {}, "items": null})
    );
}

#[test]
fn lease_micro_time() {
    let spec = Msg::new()
        .str(1, "holder")
        .int(2, 15)
        .msg(3, Msg::new().int(1, T).int(2, 123_456_789))
        .msg(4, Msg::new().int(1, T))
        .int(5, 0);
    let body = Msg::new().msg(1, meta("l", "kube-system")).msg(2, spec);
    assert_eq!(
        decode(&object("coordination.k8s.io/v1", "Lease", body)),
        json!({
            "apiVersion": "coordination.k8s.io/v1",
            "kind": "Lease",
            "metadata": {"name": "l", "namespace": "kube-system", "creationTimestamp": null},
            "spec": {
                "holderIdentity": "holder",
                "leaseDurationSeconds": 15,
                "acquireTime": "2024-01-02T03:05:05.123456Z",
                "renewTime": "2024-01-02T03:05:05.000000Z",
                "leaseTransitions": 0
            }
        })
    );
}

#[test]
fn time_drops_nanoseconds_and_zero_time_is_null() {
    let cond = |t: Msg| {
        Msg::new()
            .str(1, "Ready")
            .str(2, "True")
            .msg(4, t)
            .str(5, "r")
            .str(6, "m")
    };
    let status = Msg::new()
        // Nanoseconds are dropped by Kubernetes' Time unmarshalling.
        .msg(2, cond(Msg::new().int(1, T).int(2, 999_999_999)))
        // Empty bytes: the zero time.
        .msg(2, cond(Msg::new()))
        // Go's zero time (0001-01-01) written out explicitly is still zero.
        .msg(2, cond(time(-62_135_596_800)));
    let body = Msg::new().msg(3, status);
    let got = decode(&object("v1", "Pod", body));
    let times: Vec<&Value> = got["status"]["conditions"]
        .as_array()
        .expect("conditions")
        .iter()
        .map(|c| &c["lastTransitionTime"])
        .collect();
    assert_eq!(times, vec![&json!(TS), &Value::Null, &Value::Null]);
}

#[test]
fn status_under_any_group_version() {
    let body = Msg::new()
        .msg(1, Msg::new())
        .str(2, "Failure")
        .str(3, "pods \"x\" not found")
        .str(4, "NotFound")
        .msg(
            5,
            Msg::new()
                .str(1, "x")
                .str(3, "pods")
                .msg(4, Msg::new().str(1, "FieldValueInvalid").str(3, "spec")),
        )
        .int(6, 404);
    let want = |av: &str| {
        json!({
            "apiVersion": av,
            "kind": "Status",
            "metadata": {},
            "status": "Failure",
            "message": "pods \"x\" not found",
            "reason": "NotFound",
            "details": {"name": "x", "kind": "pods", "causes": [{"reason": "FieldValueInvalid", "field": "spec"}]},
            "code": 404
        })
    };
    assert_eq!(decode(&object("v1", "Status", body.clone())), want("v1"));
    assert_eq!(decode(&object("apps/v1", "Status", body)), want("apps/v1"));
}

#[test]
fn api_resource_list_verbs() {
    let body = Msg::new()
        .str(1, "v1")
        .msg(
            2,
            Msg::new()
                .str(1, "pods")
                .str(6, "pod")
                .bool(2, true)
                .str(3, "Pod")
                .msg(4, Msg::new().str(1, "get").str(1, "list"))
                .str(5, "po"),
        )
        .msg(2, Msg::new().str(1, "bindings").str(3, "Binding"));
    assert_eq!(
        decode(&object("v1", "APIResourceList", body)),
        json!({
            "apiVersion": "v1",
            "kind": "APIResourceList",
            "groupVersion": "v1",
            "resources": [
                {"name": "pods", "singularName": "pod", "namespaced": true, "kind": "Pod", "verbs": ["get", "list"], "shortNames": ["po"]},
                {"name": "bindings", "singularName": "", "namespaced": false, "kind": "Binding", "verbs": null}
            ]
        })
    );
}

#[test]
fn raw_extension_json_and_nested_protobuf() {
    let nested = object(
        "v1",
        "ConfigMap",
        Msg::new().msg(1, meta("inner", "")).map_str(2, "k", "v"),
    );
    let with_json = Msg::new()
        .msg(1, meta("rev", "ns"))
        .msg(
            2,
            Msg::new().bytes(1, br#"{"spec":{"template":{"x":[1,2]}}}"#),
        )
        .int(3, 2);
    let with_proto = Msg::new()
        .msg(1, meta("rev", "ns"))
        .msg(2, Msg::new().bytes(1, &nested))
        .int(3, 0);
    let got = decode(&object("apps/v1", "ControllerRevision", with_json));
    assert_eq!(got["data"], json!({"spec": {"template": {"x": [1, 2]}}}));
    assert_eq!(got["revision"], json!(2));
    let got = decode(&object("apps/v1", "ControllerRevision", with_proto));
    assert_eq!(
        got["data"],
        json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "inner", "creationTimestamp": null},
            "data": {"k": "v"}
        })
    );
    // `revision` has no omitempty: a zero is written.
    assert_eq!(got["revision"], json!(0));
    // An absent RawExtension marshals as null.
    let got = decode(&object("apps/v1", "ControllerRevision", Msg::new()));
    assert_eq!(got["data"], Value::Null);
}

#[test]
fn custom_resource_definition_schema() {
    let json_raw = |s: &str| Msg::new().bytes(1, s.as_bytes());
    let string_prop = Msg::new()
        .str(5, "string")
        .msg(8, json_raw(r#""a""#))
        .msg(20, json_raw(r#""a""#))
        .msg(20, json_raw(r#""b""#))
        .int(13, 63);
    let items = Msg::new().msg(
        1,
        Msg::new().str(5, "integer").double(11, 0.5).double(9, 10.0),
    );
    let spec_schema = Msg::new()
        .str(5, "object")
        .map_msg(29, "name", string_prop)
        .map_msg(
            29,
            "list",
            Msg::new().str(5, "array").msg(24, items).str(42, "set"),
        )
        .msg(30, Msg::new().bool(1, true))
        .map_msg(32, "name", Msg::new().str(2, "list"))
        .bool(38, true)
        .bool(40, true)
        .str(23, "name")
        .msg(
            44,
            Msg::new().str(1, "self.name != ''").str(2, "name required"),
        )
        .str(3, "#/definitions/x")
        .str(2, "http://json-schema.org/draft-04/schema#");
    let version = Msg::new()
        .str(1, "v1")
        .bool(2, true)
        .bool(3, true)
        .msg(4, Msg::new().msg(1, spec_schema));
    let spec = Msg::new()
        .str(1, "example.com")
        .msg(3, Msg::new().str(1, "widgets").str(4, "Widget"))
        .str(4, "Namespaced")
        .msg(7, version);
    let body = Msg::new()
        .msg(1, meta("widgets.example.com", ""))
        .msg(2, spec);
    let got = decode(&object(
        "apiextensions.k8s.io/v1",
        "CustomResourceDefinition",
        body,
    ));
    assert_eq!(
        got["spec"],
        json!({
            "group": "example.com",
            "names": {"plural": "widgets", "kind": "Widget"},
            "scope": "Namespaced",
            "versions": [{
                "name": "v1",
                "served": true,
                "storage": true,
                "schema": {"openAPIV3Schema": {
                    "$schema": "http://json-schema.org/draft-04/schema#",
                    "$ref": "#/definitions/x",
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "default": "a", "enum": ["a", "b"], "maxLength": 63},
                        "list": {
                            "type": "array",
                            "items": {"type": "integer", "minimum": 0.5, "maximum": 10},
                            "x-kubernetes-list-type": "set"
                        }
                    },
                    "additionalProperties": true,
                    "dependencies": {"name": ["list"]},
                    "x-kubernetes-preserve-unknown-fields": true,
                    "x-kubernetes-int-or-string": true,
                    "x-kubernetes-validations": [{"rule": "self.name != ''", "message": "name required"}]
                }}
            }]
        })
    );
    assert_eq!(
        got["status"],
        // None of the status fields has omitempty.
        json!({"conditions": null, "acceptedNames": {"plural": "", "kind": ""}, "storedVersions": null})
    );
}

#[test]
fn json_schema_props_or_bool_and_array_forms() {
    let name = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
    let decode_props = |m: Msg| decode_message(name, &m.build()).expect("decodes");
    // additionalProperties: false (absent schema, allows false).
    let got = decode_props(Msg::new().msg(30, Msg::new().bool(1, false)));
    assert_eq!(got["additionalProperties"], json!(false));
    // additionalProperties with a schema.
    let got = decode_props(Msg::new().msg(30, Msg::new().msg(2, Msg::new().str(5, "string"))));
    assert_eq!(got["additionalProperties"], json!({"type": "string"}));
    // items as an array of schemas.
    let got = decode_props(
        Msg::new().msg(
            24,
            Msg::new()
                .msg(2, Msg::new().str(5, "string"))
                .msg(2, Msg::new().str(5, "integer")),
        ),
    );
    assert_eq!(
        got["items"],
        json!([{"type": "string"}, {"type": "integer"}])
    );
    // dependencies as a schema.
    let got =
        decode_props(Msg::new().map_msg(32, "a", Msg::new().msg(1, Msg::new().str(5, "object"))));
    assert_eq!(got["dependencies"], json!({"a": {"type": "object"}}));
}

#[test]
fn duration_and_bare_messages() {
    let d = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";
    for (nanos, want) in [
        (300_000_000_000i64, "5m0s"),
        (3_600_000_000_000, "1h0m0s"),
        (1_500_000_000, "1.5s"),
        (0, "0s"),
    ] {
        let got = decode_message(d, &Msg::new().int(1, nanos).build()).expect("duration");
        assert_eq!(got, json!(want));
    }
    let got = decode_message(
        ".k8s.io.api.core.v1.ContainerPort",
        &Msg::new().int(3, 80).str(4, "TCP").build(),
    )
    .expect("bare message");
    assert_eq!(got, json!({"containerPort": 80, "protocol": "TCP"}));
}

#[test]
fn unknown_fields_are_skipped() {
    let plain = Msg::new().msg(1, meta("cm", "")).map_str(2, "a", "b");
    let with_unknown = plain
        .clone()
        .varint(99, 7)
        .double(98, 1.0)
        .str(97, "future")
        .raw(&[0xc5, 0x05, 1, 2, 3, 4]) // field 88, fixed32
        .raw(&[0xbb, 0x05, 0x08, 0x01, 0xbc, 0x05]); // field 87 group {1: 1}
    assert_eq!(
        decode(&object("v1", "ConfigMap", with_unknown)),
        decode(&object("v1", "ConfigMap", plain))
    );
}

#[test]
fn repeated_singular_messages_merge() {
    // Protobuf merges repeated occurrences of a singular message field.
    let body = Msg::new()
        .msg(1, Msg::new().str(1, "cm"))
        .msg(1, Msg::new().str(3, "ns").map_str(11, "a", "b"))
        .msg(1, Msg::new().map_str(11, "c", "d"));
    assert_eq!(
        decode(&object("v1", "ConfigMap", body)),
        json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "cm", "namespace": "ns", "creationTimestamp": null, "labels": {"a": "b", "c": "d"}}
        })
    );
}

#[test]
fn repeated_scalars_packed_and_unpacked() {
    let sc = |m: Msg| Msg::new().msg(2, Msg::new().msg(14, m));
    let unpacked = sc(Msg::new().int(4, 1).int(4, 2).int(4, 3));
    let packed = sc(Msg::new().packed(4, &[1, 2]).int(4, 3));
    for body in [unpacked, packed] {
        let got = decode(&object("v1", "Pod", body));
        assert_eq!(
            got["spec"]["securityContext"],
            json!({"supplementalGroups": [1, 2, 3]})
        );
    }
}

#[test]
fn negative_and_large_integers() {
    let spec = Msg::new()
        .int(25, -5) // priority (int32, ten-byte varint)
        .int(5, i64::MAX); // activeDeadlineSeconds (int64)
    let got = decode(&object("v1", "Pod", Msg::new().msg(2, spec)));
    assert_eq!(got["spec"]["priority"], json!(-5));
    assert_eq!(got["spec"]["activeDeadlineSeconds"], json!(i64::MAX));
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    let body = Msg::new().msg(1, Msg::new().bytes(1, b"a\xffb\xe2\x82"));
    let got = decode(&object("v1", "ConfigMap", body));
    assert_eq!(got["metadata"]["name"], json!("a\u{FFFD}b\u{FFFD}\u{FFFD}"));
}

#[test]
fn user_info_extra_values() {
    // authentication/v1 TokenReview status.user.extra: map<string, ExtraValue>.
    let user = Msg::new().str(1, "alice").str(3, "g1").map_msg(
        4,
        "scopes",
        Msg::new().str(1, "a").str(1, "b"),
    );
    let body = Msg::new().msg(3, Msg::new().bool(1, true).msg(2, user));
    let got = decode(&object("authentication.k8s.io/v1", "TokenReview", body));
    assert_eq!(
        got["status"],
        json!({"authenticated": true, "user": {"username": "alice", "groups": ["g1"], "extra": {"scopes": ["a", "b"]}}})
    );
}

#[test]
fn delete_options_and_eviction() {
    let opts = Msg::new()
        .int(1, 0)
        .msg(2, Msg::new().str(1, "uid-1"))
        .str(4, "Foreground")
        .str(5, "All");
    let want_opts = json!({
        "gracePeriodSeconds": 0,
        "preconditions": {"uid": "uid-1"},
        "propagationPolicy": "Foreground",
        "dryRun": ["All"]
    });
    for av in ["v1", "apps/v1", "meta.k8s.io/v1"] {
        let mut want = want_opts.clone();
        want["apiVersion"] = json!(av);
        want["kind"] = json!("DeleteOptions");
        assert_eq!(decode(&object(av, "DeleteOptions", opts.clone())), want);
    }
    let body = Msg::new().msg(1, meta("p", "default")).msg(2, opts);
    assert_eq!(
        decode(&object("policy/v1", "Eviction", body)),
        json!({
            "apiVersion": "policy/v1",
            "kind": "Eviction",
            "metadata": {"name": "p", "namespace": "default", "creationTimestamp": null},
            "deleteOptions": want_opts
        })
    );
}
