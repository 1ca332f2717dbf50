//! Request bodies captured from a real kubectl (v1.32) pointed at a throwaway local HTTP
//! listener. Each `kubectl-NAME.pb` is the protobuf body kubectl sent for a typed
//! `create`; `kubectl-NAME.json` is what the same kubectl command printed with
//! `--dry-run=client -o json`, i.e. Go's JSON encoding of the very same object.

use std::path::PathBuf;

use serde_json::{json, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn check(name: &str) {
    let body = fixture(&format!("kubectl-{name}.pb"));
    let want: Value = serde_json::from_slice(&fixture(&format!("kubectl-{name}.json")))
        .expect("fixture JSON parses");
    let got = capstan_kubeproto::decode_object(&body)
        .unwrap_or_else(|e| panic!("{name}: decode failed: {e}"));
    assert_eq!(
        got,
        want,
        "{name}:\n got: {}\nwant: {}",
        serde_json::to_string_pretty(&got).unwrap_or_default(),
        serde_json::to_string_pretty(&want).unwrap_or_default()
    );
}

macro_rules! fixtures {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(&stringify!($name).replace("__", "-"));
            }
        )*
    };
}

fixtures!(
    configmap,
    configmap_multi,
    namespace,
    deployment,
    deployment2,
    secret,
    secret_file,
    dockersecret,
    service,
    service_np,
    service_lb,
    service_ext,
    job,
    job_from,
    cronjob,
    role,
    role_names,
    rolebinding,
    clusterrole,
    clusterrolebinding,
    ingress,
    serviceaccount,
    pdb,
    priorityclass,
    quota,
    hpa,
);

/// `kubectl create token sa --duration=10m` (no dry-run form exists, so the JSON is
/// written out by hand from the Go struct tags: `audiences` and the pointer
/// `boundObjectRef` have no `omitempty`, so Go writes `null` for them).
#[test]
fn token_request() {
    let got = capstan_kubeproto::decode_object(&fixture("kubectl-token.pb")).expect("decodes");
    assert_eq!(
        got,
        json!({
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "TokenRequest",
            "metadata": {"creationTimestamp": null},
            "spec": {
                "audiences": null,
                "boundObjectRef": null,
                "expirationSeconds": 600
            },
            "status": {"token": "", "expirationTimestamp": null}
        })
    );
}

/// `kubectl auth can-i get pods` (written out by hand).
#[test]
fn self_subject_access_review() {
    let got = capstan_kubeproto::decode_object(&fixture("kubectl-cani.pb")).expect("decodes");
    assert_eq!(
        got,
        json!({
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "metadata": {"creationTimestamp": null},
            "spec": {
                "resourceAttributes": {
                    "namespace": "default",
                    "verb": "get",
                    "resource": "pods"
                }
            },
            "status": {"allowed": false}
        })
    );
}
