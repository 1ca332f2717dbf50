//! Service account tokens: issuing them (the `serviceaccounts/token`
//! subresource and the legacy token Secrets the token controller fills) and
//! authenticating requests that carry them.
//!
//! [`Issuer`] holds the signing key, the issuer URL and the API audiences; it
//! signs tokens and checks a token's signature, times and audiences.
//! [`authenticator::ServiceAccountAuthenticator`] adds what needs the API's
//! objects: the ServiceAccount (and the object a token is bound to) must still
//! exist with the uid the token names.

pub mod authenticator;
pub mod claims;
pub mod jwt;

use serde_json::Value;

pub use claims::{BoundClaims, KubernetesClaim, LegacyClaims, ObjectRef, LEGACY_ISSUER};
pub use jwt::{JwtError, SigningKey};

use crate::server::TokenRejected;

/// The default `--service-account-issuer` (what k3s and kubeadm clusters use).
pub const DEFAULT_ISSUER: &str = "https://kubernetes.default.svc.cluster.local";

/// `user.extra` key of the credential's ID (`JTI=<jti>`).
pub const CREDENTIAL_ID_KEY: &str = "authentication.kubernetes.io/credential-id";
/// `user.extra` key of the bound Pod's name.
pub const POD_NAME_KEY: &str = "authentication.kubernetes.io/pod-name";
/// `user.extra` key of the bound Pod's uid.
pub const POD_UID_KEY: &str = "authentication.kubernetes.io/pod-uid";
/// `user.extra` key of the bound (or the Pod's) Node's name.
pub const NODE_NAME_KEY: &str = "authentication.kubernetes.io/node-name";
/// `user.extra` key of the bound (or the Pod's) Node's uid.
pub const NODE_UID_KEY: &str = "authentication.kubernetes.io/node-uid";

/// Group of every service account.
pub const ALL_SERVICE_ACCOUNTS_GROUP: &str = "system:serviceaccounts";

/// The user name of ServiceAccount `name` in `namespace`.
pub fn username(namespace: &str, name: &str) -> String {
    format!("system:serviceaccount:{namespace}:{name}")
}

/// The namespace and name of the ServiceAccount a user name stands for, if it
/// is one (`system:serviceaccount:<namespace>:<name>`).
pub fn parse_username(user: &str) -> Option<(&str, &str)> {
    user.strip_prefix("system:serviceaccount:")?.split_once(':')
}

/// The groups of the service accounts of `namespace`.
pub fn groups(namespace: &str) -> Vec<String> {
    vec![
        ALL_SERVICE_ACCOUNTS_GROUP.to_string(),
        format!("{ALL_SERVICE_ACCOUNTS_GROUP}:{namespace}"),
    ]
}

/// The current time in Unix seconds.
pub fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// What a bound token is for.
#[derive(Clone, Debug, Default)]
pub struct TokenSpec {
    /// The ServiceAccount's namespace.
    pub namespace: String,
    /// The ServiceAccount.
    pub service_account: ObjectRef,
    /// The Pod the token is bound to.
    pub pod: Option<ObjectRef>,
    /// The Secret the token is bound to.
    pub secret: Option<ObjectRef>,
    /// The Node the token is bound to (or the bound Pod's node).
    pub node: Option<ObjectRef>,
    /// Audiences (never empty: callers default them to the API audiences).
    pub audiences: Vec<String>,
    /// Lifetime in seconds.
    pub expiration_seconds: i64,
    /// For extended tokens, when the token should have been refreshed
    /// (seconds from now).
    pub warn_after_seconds: Option<i64>,
}

/// Claims a token was verified to carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verified {
    /// A bound token.
    Bound(Box<BoundClaims>),
    /// A legacy Secret-based token.
    Legacy(LegacyClaims),
}

/// The service account token issuer: the signing key, the `iss` written into
/// bound tokens and the audiences the API server itself accepts.
#[derive(Debug)]
pub struct Issuer {
    key: SigningKey,
    issuer: String,
    api_audiences: Vec<String>,
}

impl Issuer {
    /// An issuer signing with `key` as `issuer`; `api_audiences` default to the
    /// issuer, as kube-apiserver's `--api-audiences` do.
    pub fn new(key: SigningKey, issuer: impl Into<String>, api_audiences: Vec<String>) -> Self {
        let issuer = issuer.into();
        let api_audiences = if api_audiences.is_empty() {
            vec![issuer.clone()]
        } else {
            api_audiences
        };
        Self {
            key,
            issuer,
            api_audiences,
        }
    }

    /// The `iss` of bound tokens.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The audiences the API server accepts.
    pub fn api_audiences(&self) -> &[String] {
        &self.api_audiences
    }

    /// The signing key.
    pub fn key(&self) -> &SigningKey {
        &self.key
    }

    /// The claims of a bound token issued at `now`. A token is bound to one
    /// object; a pod-bound token may also name the pod's node.
    pub fn bound_claims(&self, spec: &TokenSpec, now: i64) -> BoundClaims {
        BoundClaims {
            iss: self.issuer.clone(),
            sub: username(&spec.namespace, &spec.service_account.name),
            aud: spec.audiences.clone(),
            exp: Some(now.saturating_add(spec.expiration_seconds)),
            iat: Some(now),
            nbf: Some(now),
            jti: Some(uuid::Uuid::new_v4().to_string()),
            kubernetes: KubernetesClaim {
                namespace: spec.namespace.clone(),
                serviceaccount: spec.service_account.clone(),
                pod: spec.pod.clone(),
                secret: spec.secret.clone(),
                node: spec.node.clone(),
                warnafter: spec.warn_after_seconds.map(|w| now.saturating_add(w)),
            },
        }
    }

    /// Signs bound-token claims.
    pub fn sign(&self, claims: &BoundClaims) -> Result<String, JwtError> {
        let value = serde_json::to_value(claims)
            .map_err(|e| JwtError::Key(format!("encoding claims: {e}")))?;
        self.key.sign(&value)
    }

    /// A legacy (non-expiring) token for ServiceAccount `name` (uid `uid`) of
    /// `namespace`, stored in Secret `secret`.
    pub fn sign_legacy(
        &self,
        namespace: &str,
        name: &str,
        uid: &str,
        secret: &str,
    ) -> Result<String, JwtError> {
        let claims = LegacyClaims::new(namespace, name, uid, secret);
        let value = serde_json::to_value(&claims)
            .map_err(|e| JwtError::Key(format!("encoding claims: {e}")))?;
        self.key.sign(&value)
    }

    /// Verifies a token's signature, times and audiences (`requested`, or the
    /// API audiences). `Ok(None)` when it is not a token of this issuer;
    /// otherwise the claims and the audiences it is good for.
    pub fn verify(
        &self,
        token: &str,
        requested: Option<&[String]>,
        now: i64,
    ) -> Result<Option<(Verified, Vec<String>)>, TokenRejected> {
        let Ok(jws) = jwt::Jws::parse(token) else {
            return Ok(None);
        };
        let iss = jws.claims.get("iss").and_then(Value::as_str).unwrap_or("");
        let legacy = iss == LEGACY_ISSUER;
        if !legacy && iss != self.issuer {
            return Ok(None);
        }
        self.key
            .verify(&jws)
            .map_err(|e| TokenRejected(e.to_string()))?;
        let requested = requested.unwrap_or(&self.api_audiences);
        let rejected = TokenRejected;
        if legacy {
            let claims: LegacyClaims = serde_json::from_value(jws.claims)
                .map_err(|e| rejected(format!("decoding legacy token claims: {e}")))?;
            claims.check().map_err(rejected)?;
            let auds =
                claims::check_audiences(&[], &self.api_audiences, requested).map_err(rejected)?;
            return Ok(Some((Verified::Legacy(claims), auds)));
        }
        let claims: BoundClaims = serde_json::from_value(jws.claims)
            .map_err(|e| rejected(format!("decoding token claims: {e}")))?;
        claims::check_times(claims.exp, claims.nbf, claims.iat, now).map_err(rejected)?;
        let auds = claims::check_audiences(&claims.aud, &self.api_audiences, requested)
            .map_err(rejected)?;
        let k = &claims.kubernetes;
        if k.namespace.is_empty() || k.serviceaccount.name.is_empty() {
            return Err(rejected(
                "token does not name a namespace and service account".into(),
            ));
        }
        Ok(Some((Verified::Bound(Box::new(claims)), auds)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer() -> Issuer {
        Issuer::new(
            SigningKey::generate().expect("key"),
            DEFAULT_ISSUER,
            Vec::new(),
        )
    }

    fn spec(audiences: &[&str], seconds: i64) -> TokenSpec {
        TokenSpec {
            namespace: "ns".into(),
            service_account: ObjectRef::new("app", "sa-uid"),
            audiences: audiences.iter().map(|a| a.to_string()).collect(),
            expiration_seconds: seconds,
            ..Default::default()
        }
    }

    #[test]
    fn audiences_default_to_the_issuer() {
        assert_eq!(issuer().api_audiences(), [DEFAULT_ISSUER.to_string()]);
    }

    #[test]
    fn bound_token_round_trip() {
        let iss = issuer();
        let claims = iss.bound_claims(&spec(&[DEFAULT_ISSUER], 3600), 1_000);
        assert_eq!(claims.sub, "system:serviceaccount:ns:app");
        assert_eq!(claims.exp, Some(4_600));
        assert_eq!((claims.iat, claims.nbf), (Some(1_000), Some(1_000)));
        assert!(claims.jti.as_deref().is_some_and(|j| j.len() == 36));
        let token = iss.sign(&claims).expect("sign");
        let (verified, auds) = iss
            .verify(&token, None, 1_010)
            .expect("valid")
            .expect("ours");
        assert_eq!(verified, Verified::Bound(Box::new(claims)));
        assert_eq!(auds, [DEFAULT_ISSUER.to_string()]);
    }

    #[test]
    fn expired_tokens_are_rejected() {
        let iss = issuer();
        let token = iss
            .sign(&iss.bound_claims(&spec(&[DEFAULT_ISSUER], 600), 1_000))
            .expect("sign");
        assert!(iss.verify(&token, None, 1_600).is_ok());
        let err = iss.verify(&token, None, 1_700).expect_err("expired");
        assert_eq!(err.0, "service account token has expired");
    }

    #[test]
    fn audience_mismatch_is_rejected_unless_requested() {
        let iss = issuer();
        let token = iss
            .sign(&iss.bound_claims(&spec(&["vault"], 3600), 1_000))
            .expect("sign");
        let err = iss.verify(&token, None, 1_000).expect_err("wrong audience");
        assert!(err.0.contains("invalid for the target audiences"), "{err}");
        let vault = vec!["vault".to_string()];
        let (_, auds) = iss
            .verify(&token, Some(&vault), 1_000)
            .expect("valid for vault")
            .expect("ours");
        assert_eq!(auds, vault);
    }

    #[test]
    fn tampered_and_foreign_tokens() {
        let iss = issuer();
        let token = iss
            .sign(&iss.bound_claims(&spec(&[DEFAULT_ISSUER], 3600), 1_000))
            .expect("sign");
        // Another key with the same issuer name: recognised, refused.
        let other = issuer();
        assert!(other.verify(&token, None, 1_000).is_err());
        // A changed signature character.
        let at = token.rfind('.').expect("dot") + 10;
        let mut bytes = token.into_bytes();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(bytes).expect("utf8");
        assert!(iss.verify(&tampered, None, 1_000).is_err());
        // Not a JWT, or someone else's issuer: not ours at all.
        assert_eq!(iss.verify("opaque-token", None, 1_000), Ok(None));
        let foreign = Issuer::new(
            SigningKey::generate().expect("key"),
            "https://elsewhere",
            Vec::new(),
        );
        let claims = foreign.bound_claims(&spec(&["https://elsewhere"], 3600), 1_000);
        let token = foreign.sign(&claims).expect("sign");
        assert_eq!(iss.verify(&token, None, 1_000), Ok(None));
    }

    #[test]
    fn bound_objects_and_warn_after() {
        let iss = issuer();
        let mut s = spec(&[DEFAULT_ISSUER], 3600);
        s.pod = Some(ObjectRef::new("web", "pod-uid"));
        s.node = Some(ObjectRef::new("node-1", "node-uid"));
        s.warn_after_seconds = Some(3607);
        let c = iss.bound_claims(&s, 100);
        assert_eq!(c.kubernetes.pod, Some(ObjectRef::new("web", "pod-uid")));
        assert_eq!(
            c.kubernetes.node,
            Some(ObjectRef::new("node-1", "node-uid"))
        );
        assert_eq!(c.kubernetes.warnafter, Some(3707));
        assert_eq!(c.kubernetes.secret, None);
    }

    #[test]
    fn legacy_tokens_never_expire() {
        let iss = issuer();
        let token = iss
            .sign_legacy("ns", "app", "sa-uid", "app-token")
            .expect("sign");
        let (verified, _) = iss
            .verify(&token, None, i64::MAX / 2)
            .expect("valid")
            .expect("ours");
        let Verified::Legacy(c) = verified else {
            panic!("not legacy: {verified:?}");
        };
        assert_eq!(c.secret_name, "app-token");
        assert_eq!(c.iss, LEGACY_ISSUER);
    }
}
