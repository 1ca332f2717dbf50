//! `POST serviceaccounts/<name>/token`: the TokenRequest API.
//!
//! Validates the request (lifetime between 10 minutes and 2^32 seconds,
//! 3600 by default), finds the ServiceAccount and the object the token is to
//! be bound to (a Pod, Secret or Node whose uid must match when given),
//! defaults the audiences to the API audiences and answers `201 Created` with
//! the signed token in `status`.

use std::sync::Arc;

use capstan_machinery::validation::{ErrorList, FieldError, FieldPath};
use http::{Request, StatusCode};
use hyper::body::Incoming;
use serde::Deserialize;
use serde_json::{json, Value};

use super::body;
use super::negotiate::Output;
use super::resource::output_format;
use super::response::{self, Resp};
use crate::api::Api;
use crate::context::RequestCtx;
use crate::registry::meta;
use crate::serviceaccount::{unix_now, Issuer, ObjectRef, TokenSpec};
use crate::status::{ApiError, ApiResult, Qualified};

/// The TokenRequest group version.
const API_VERSION: &str = "authentication.k8s.io/v1";
/// Default token lifetime.
const DEFAULT_EXPIRATION_SECONDS: i64 = 3600;
/// Shortest lifetime allowed.
const MIN_EXPIRATION_SECONDS: i64 = 600;
/// Longest lifetime allowed.
const MAX_EXPIRATION_SECONDS: i64 = 1 << 32;
/// The lifetime the kubelet asks for; such pod-bound tokens for the API
/// audiences are issued for a year and carry `warnafter` instead, as
/// kube-apiserver's `--service-account-extend-token-expiration` does.
const WARN_ONLY_EXPIRATION_SECONDS: i64 = 3607;
/// The extended lifetime.
const EXTENDED_EXPIRATION_SECONDS: i64 = 365 * 24 * 60 * 60;

/// `spec` of a TokenRequest.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestSpec {
    #[serde(default)]
    audiences: Option<Vec<String>>,
    #[serde(default)]
    expiration_seconds: Option<i64>,
    #[serde(default)]
    bound_object_ref: Option<BoundObjectRef>,
}

/// `spec.boundObjectRef`.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct BoundObjectRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uid: Option<String>,
}

/// What a token is bound to.
#[derive(Debug, Default)]
struct Binding {
    pod: Option<ObjectRef>,
    secret: Option<ObjectRef>,
    node: Option<ObjectRef>,
}

/// Serves `POST .../serviceaccounts/<name>/token`.
pub async fn create(
    api: &Arc<Api>,
    ns: &str,
    name: &str,
    req: Request<Incoming>,
    ctx: &RequestCtx,
    output: Output,
) -> ApiResult<Resp> {
    let issuer = api
        .settings
        .token_issuer
        .clone()
        .ok_or_else(ApiError::path_not_found)?;
    let input = body::read_request_object(
        req,
        api.settings.max_body_bytes,
        ctx,
        API_VERSION,
        "TokenRequest",
    )
    .await?;
    let mut spec = decode_spec(&input)?;
    let expiration = spec
        .expiration_seconds
        .unwrap_or(DEFAULT_EXPIRATION_SECONDS);
    validate(expiration)?;
    let sa = get(api, "serviceaccounts", Some(ns), name).await?;
    let binding = match &spec.bound_object_ref {
        Some(r) => bind(api, ns, name, r).await?,
        None => Binding::default(),
    };
    let audiences = match spec.audiences.take().filter(|a| !a.is_empty()) {
        Some(a) => a,
        None => issuer.api_audiences().to_vec(),
    };
    let now = unix_now();
    let token = issue(&issuer, ns, &sa, binding, &audiences, expiration, now)?;
    let mut metadata = input
        .get("metadata")
        .filter(|m| m.is_object())
        .cloned()
        .unwrap_or_else(|| json!({}));
    metadata["name"] = json!(name);
    metadata["namespace"] = json!(ns);
    metadata["creationTimestamp"] = json!(meta::now_rfc3339());
    let out = json!({
        "kind": "TokenRequest",
        "apiVersion": API_VERSION,
        "metadata": metadata,
        "spec": {
            "audiences": audiences,
            "expirationSeconds": expiration,
            "boundObjectRef": spec.bound_object_ref,
        },
        "status": {
            "token": token,
            "expirationTimestamp": meta::rfc3339_in(expiration),
        },
    });
    Ok(response::value(
        StatusCode::CREATED,
        &out,
        output_format(output),
    ))
}

fn decode_spec(input: &Value) -> ApiResult<RequestSpec> {
    match input.get("spec") {
        None | Some(Value::Null) => Ok(RequestSpec::default()),
        Some(spec) => serde_json::from_value(spec.clone()).map_err(|e| {
            ApiError::bad_request(format!(
                "TokenRequest in version \"v1\" cannot be handled as a TokenRequest: spec: {e}"
            ))
        }),
    }
}

/// Kubernetes' TokenRequest validation: the lifetime's bounds.
fn validate(expiration: i64) -> ApiResult<()> {
    let path = FieldPath::new("spec.expirationSeconds");
    let why = if expiration < MIN_EXPIRATION_SECONDS {
        "may not specify a duration less than 10 minutes"
    } else if expiration > MAX_EXPIRATION_SECONDS {
        "may not specify a duration larger than 2^32 seconds"
    } else {
        return Ok(());
    };
    let errors = ErrorList(vec![FieldError::invalid(&path, json!(expiration), why)]);
    let mut err = ApiError::invalid("TokenRequest", "authentication.k8s.io", "", &errors);
    err.message = format!(
        "TokenRequest.authentication.k8s.io \"\" is invalid: {}",
        errors.aggregate_message()
    );
    Err(err)
}

/// Signs the token for ServiceAccount `sa`; returns it.
fn issue(
    issuer: &Issuer,
    ns: &str,
    sa: &Value,
    binding: Binding,
    audiences: &[String],
    expiration: i64,
    now: i64,
) -> ApiResult<String> {
    let extend = binding.pod.is_some()
        && expiration == WARN_ONLY_EXPIRATION_SECONDS
        && audiences.iter().all(|a| issuer.api_audiences().contains(a));
    let spec = TokenSpec {
        namespace: ns.to_string(),
        service_account: ObjectRef::new(meta::name(sa), meta::meta_str(sa, "uid").unwrap_or("")),
        pod: binding.pod,
        secret: binding.secret,
        node: binding.node,
        audiences: audiences.to_vec(),
        expiration_seconds: if extend {
            EXTENDED_EXPIRATION_SECONDS
        } else {
            expiration
        },
        warn_after_seconds: extend.then_some(expiration),
    };
    issuer
        .sign(&issuer.bound_claims(&spec, now))
        .map_err(|e| ApiError::internal(format!("failed to generate token: {e}")))
}

/// Reads a core/v1 object, with the store's NotFound error when absent.
async fn get(api: &Api, plural: &str, ns: Option<&str>, name: &str) -> ApiResult<Value> {
    let def = api
        .catalog
        .get("", "v1", plural)
        .ok_or_else(|| ApiError::internal(format!("{plural} are not served")))?;
    if name.is_empty() {
        return Err(ApiError::bad_request("Name parameter required."));
    }
    api.get(def, ns, name).await
}

fn object_ref(obj: &Value) -> ObjectRef {
    ObjectRef::new(meta::name(obj), meta::meta_str(obj, "uid").unwrap_or(""))
}

/// Resolves `spec.boundObjectRef` for ServiceAccount `sa_name` in `ns`.
async fn bind(api: &Api, ns: &str, sa_name: &str, r: &BoundObjectRef) -> ApiResult<Binding> {
    let api_version = r.api_version.as_deref().unwrap_or("");
    let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
    let kind = r.kind.as_deref().unwrap_or("");
    let name = r.name.as_deref().unwrap_or("");
    let mut binding = Binding::default();
    let found = match (group, kind) {
        ("", "Pod") => {
            let pod = get(api, "pods", Some(ns), name).await?;
            let pod_sa = pod
                .pointer("/spec/serviceAccountName")
                .and_then(Value::as_str)
                .unwrap_or("");
            if pod_sa != sa_name {
                return Err(ApiError::bad_request(format!(
                    "cannot bind token for serviceaccount {sa_name:?} to pod running with different serviceaccount name."
                )));
            }
            binding.node = pod_node(api, &pod).await;
            binding.pod = Some(object_ref(&pod));
            pod
        }
        ("", "Secret") => {
            let secret = get(api, "secrets", Some(ns), name).await?;
            binding.secret = Some(object_ref(&secret));
            secret
        }
        ("", "Node") => {
            let node = get(api, "nodes", None, name).await?;
            binding.node = Some(object_ref(&node));
            node
        }
        _ => {
            return Err(ApiError::bad_request(format!(
                "cannot bind token to object of type {group}/{version}, Kind={kind}"
            )))
        }
    };
    let want = r.uid.as_deref().unwrap_or("");
    if !want.is_empty() && meta::meta_str(&found, "uid") != Some(want) {
        return Err(ApiError::conflict(
            Qualified {
                group,
                resource: kind,
            },
            name,
            format!("the UID in the bound object reference ({want}) does not match the UID in record. The object might have been deleted and then recreated"),
        ));
    }
    Ok(binding)
}

/// The node a pod runs on, when it is scheduled and the node exists.
async fn pod_node(api: &Api, pod: &Value) -> Option<ObjectRef> {
    let node_name = pod
        .pointer("/spec/nodeName")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty())?;
    match get(api, "nodes", None, node_name).await {
        Ok(node) => Some(object_ref(&node)),
        Err(err) => {
            tracing::debug!(node = node_name, error = %err.message, "no node for a pod-bound token");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_outside_the_bounds_are_invalid() {
        assert!(validate(600).is_ok());
        assert!(validate(1 << 32).is_ok());
        let err = validate(10).expect_err("too short");
        assert_eq!(err.code, 422);
        assert_eq!(
            err.message,
            "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes"
        );
        assert_eq!(err.kind.as_deref(), Some("TokenRequest"));
        assert_eq!(err.group.as_deref(), Some("authentication.k8s.io"));
        assert!(validate((1 << 32) + 1).is_err());
    }

    #[test]
    fn spec_decoding_accepts_client_go_nulls_and_rejects_wrong_types() {
        let spec = decode_spec(&json!({"spec": {"audiences": null, "boundObjectRef": null}}))
            .expect("decodes");
        assert!(spec.audiences.is_none() && spec.bound_object_ref.is_none());
        assert!(decode_spec(&json!({"spec": {"expirationSeconds": "x"}})).is_err());
        assert!(decode_spec(&json!({}))
            .expect("empty")
            .expiration_seconds
            .is_none());
    }
}
