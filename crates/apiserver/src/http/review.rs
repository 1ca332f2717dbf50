//! The create-only resources, answered from the request and never stored. Those
//! of `authorization.k8s.io/v1` live in `access_review`; here are those of
//! `authentication.k8s.io/v1`, answered from the
//! request and never stored: `selfsubjectreviews` (who am I — what
//! `kubectl auth whoami` asks) and `tokenreviews` (is this service account
//! token valid, and whose is it).

use std::sync::Arc;

use http::{Request, StatusCode};
use hyper::body::Incoming;
use serde_json::{json, Map, Value};

use super::body;
use super::negotiate::Output;
use super::resource::output_format;
use super::response::{self, Resp};
use crate::api::Api;
use crate::context::{RequestCtx, UserInfo};
use crate::registry::meta;
use crate::resource::ResourceDef;
use crate::serviceaccount::authenticator::ServiceAccountAuthenticator;
use crate::status::{ApiError, ApiResult};

/// Serves `POST` on a create-only resource.
pub async fn create(
    api: &Arc<Api>,
    def: &ResourceDef,
    ns: Option<&str>,
    req: Request<Incoming>,
    ctx: &RequestCtx,
    output: Output,
) -> ApiResult<Resp> {
    let input = body::read_request_object(
        req,
        api.settings.max_body_bytes,
        ctx,
        &def.api_version(),
        def.kind,
    )
    .await?;
    let out = match (def.group, def.kind) {
        ("authentication.k8s.io", "SelfSubjectReview") => self_subject_review(def, &ctx.user),
        ("authentication.k8s.io", "TokenReview") => token_review(api, def, input).await?,
        ("authorization.k8s.io", _) => {
            super::access_review::answer(api, def, &ctx.user, ns, input)?
        }
        _ => {
            return Err(ApiError::method_not_supported(def.qualified(), "create"));
        }
    };
    Ok(response::value(
        StatusCode::CREATED,
        &out,
        output_format(output),
    ))
}

/// `status.userInfo` / `status.user`: a user as `authentication.k8s.io/v1`
/// `UserInfo` (empty fields omitted).
fn user_info(user: &UserInfo) -> Value {
    let mut info = Map::new();
    info.insert("username".into(), json!(user.name));
    if !user.uid.is_empty() {
        info.insert("uid".into(), json!(user.uid));
    }
    if !user.groups.is_empty() {
        info.insert("groups".into(), json!(user.groups));
    }
    if !user.extra.is_empty() {
        info.insert("extra".into(), json!(user.extra));
    }
    Value::Object(info)
}

fn self_subject_review(def: &ResourceDef, user: &UserInfo) -> Value {
    json!({
        "kind": def.kind,
        "apiVersion": def.api_version(),
        "metadata": {"creationTimestamp": meta::now_rfc3339()},
        "status": {"userInfo": user_info(user)},
    })
}

async fn token_review(api: &Arc<Api>, def: &ResourceDef, input: Value) -> ApiResult<Value> {
    let token = input
        .pointer("/spec/token")
        .and_then(Value::as_str)
        .unwrap_or("");
    if token.is_empty() {
        return Err(ApiError::bad_request(
            "token is required for TokenReview in authentication",
        ));
    }
    let audiences: Vec<String> = match input.pointer("/spec/audiences") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| {
            ApiError::bad_request(format!(
                "TokenReview in version \"v1\" cannot be handled as a TokenReview: spec.audiences: {e}"
            ))
        })?,
    };
    let mut status = Map::new();
    match &api.settings.token_issuer {
        Some(issuer) => {
            let authn = ServiceAccountAuthenticator::new(api.clone(), issuer.clone());
            let requested = (!audiences.is_empty()).then_some(audiences.as_slice());
            match authn.review(token, requested).await {
                Ok(Some((user, auds))) => {
                    let user = user.with_authenticated_group();
                    status.insert("authenticated".into(), json!(true));
                    status.insert("user".into(), user_info(&user));
                    status.insert("audiences".into(), json!(auds));
                }
                Ok(None) => {
                    status.insert("user".into(), json!({}));
                }
                Err(err) => {
                    status.insert("user".into(), json!({}));
                    status.insert("error".into(), json!(err.0));
                }
            }
        }
        None => {
            status.insert("user".into(), json!({}));
        }
    }
    let mut spec = json!({"token": token});
    if !audiences.is_empty() {
        spec["audiences"] = json!(audiences);
    }
    Ok(json!({
        "kind": def.kind,
        "apiVersion": def.api_version(),
        "metadata": {"creationTimestamp": Value::Null},
        "spec": spec,
        "status": status,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_info_omits_empty_fields() {
        let user = UserInfo::named("alice", Vec::new());
        assert_eq!(user_info(&user), json!({"username": "alice"}));
        let mut sa = UserInfo::named(
            "system:serviceaccount:ns:app",
            vec!["system:serviceaccounts".into()],
        );
        sa.uid = "u1".into();
        sa.extra.insert(
            "authentication.kubernetes.io/credential-id".into(),
            vec!["JTI=x".into()],
        );
        assert_eq!(
            user_info(&sa),
            json!({"username": "system:serviceaccount:ns:app", "uid": "u1",
                   "groups": ["system:serviceaccounts"],
                   "extra": {"authentication.kubernetes.io/credential-id": ["JTI=x"]}})
        );
    }
}
