//! Service account issuer discovery: `/.well-known/openid-configuration` and
//! `/openid/v1/jwks`, which let relying parties outside the cluster verify
//! service account tokens as OpenID Connect ID tokens.

use http::{header, HeaderValue};
use serde_json::json;

use super::response::{self, Resp};
use crate::serviceaccount::{jwt::ALGORITHM, Issuer};

/// Path of the OpenID provider configuration.
pub const CONFIGURATION_PATH: &str = "/.well-known/openid-configuration";
/// Path of the key set.
pub const JWKS_PATH: &str = "/openid/v1/jwks";

fn cacheable(mut resp: Resp) -> Resp {
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    resp
}

/// The provider configuration; the key set is served at `host` (the API
/// server's advertised `host:port`), as kube-apiserver's default
/// `--service-account-jwks-uri` is.
pub fn configuration(issuer: &Issuer, host: &str) -> Resp {
    let doc = json!({
        "issuer": issuer.issuer(),
        "jwks_uri": format!("https://{host}{JWKS_PATH}"),
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ALGORITHM],
    });
    cacheable(response::json_with_type(&doc, "application/json"))
}

/// The public signing keys.
pub fn jwks(issuer: &Issuer) -> Resp {
    let doc = json!({"keys": [issuer.key().public_jwk()]});
    cacheable(response::json_with_type(&doc, "application/jwk-set+json"))
}
