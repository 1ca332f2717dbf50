//! The claims of service account tokens, as kube-apiserver writes them.
//!
//! Bound tokens (from the TokenRequest API) carry the registered claims
//! `iss`, `sub`, `aud`, `exp`, `iat`, `nbf` and `jti` plus a private
//! `kubernetes.io` claim naming the namespace, the ServiceAccount and the
//! object the token is bound to. Legacy tokens (stored in Secrets) never
//! expire and carry four flat `kubernetes.io/serviceaccount/...` claims.

use serde::{Deserialize, Deserializer, Serialize};

use super::username;

/// The `iss` of legacy Secret-based tokens.
pub const LEGACY_ISSUER: &str = "kubernetes/serviceaccount";

/// Clock skew tolerated when checking `exp`, `nbf` and `iat`.
pub const LEEWAY_SECONDS: i64 = 60;

/// A reference to an object in the `kubernetes.io` claim.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectRef {
    /// The object's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The object's uid.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
}

impl ObjectRef {
    /// A reference by name and uid.
    pub fn new(name: impl Into<String>, uid: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            uid: uid.into(),
        }
    }
}

/// The private `kubernetes.io` claim of bound tokens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KubernetesClaim {
    /// The ServiceAccount's namespace.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    /// The ServiceAccount.
    #[serde(default)]
    pub serviceaccount: ObjectRef,
    /// The Pod the token is bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod: Option<ObjectRef>,
    /// The Secret the token is bound to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<ObjectRef>,
    /// The Node the token is bound to, or the node of the bound Pod.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<ObjectRef>,
    /// For tokens whose lifetime was extended: when clients should have
    /// refreshed them (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnafter: Option<i64>,
}

/// The claims of a bound (TokenRequest) token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundClaims {
    /// Issuer.
    pub iss: String,
    /// Subject: `system:serviceaccount:NS:NAME`.
    pub sub: String,
    /// Audiences.
    #[serde(default, deserialize_with = "string_or_list")]
    pub aud: Vec<String>,
    /// Expiry (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    /// Issued at (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// Not before (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// Token ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// What the token is about.
    #[serde(rename = "kubernetes.io", default)]
    pub kubernetes: KubernetesClaim,
}

/// The claims of a legacy (Secret-based, non-expiring) token.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyClaims {
    /// Issuer: always [`LEGACY_ISSUER`].
    pub iss: String,
    /// Subject: `system:serviceaccount:NS:NAME`.
    pub sub: String,
    /// The namespace.
    #[serde(rename = "kubernetes.io/serviceaccount/namespace", default)]
    pub namespace: String,
    /// The Secret holding the token.
    #[serde(rename = "kubernetes.io/serviceaccount/secret.name", default)]
    pub secret_name: String,
    /// The ServiceAccount's name.
    #[serde(rename = "kubernetes.io/serviceaccount/service-account.name", default)]
    pub service_account_name: String,
    /// The ServiceAccount's uid.
    #[serde(rename = "kubernetes.io/serviceaccount/service-account.uid", default)]
    pub service_account_uid: String,
}

impl LegacyClaims {
    /// The claims of the token for ServiceAccount `name` (with `uid`) stored in
    /// Secret `secret` of `namespace`.
    pub fn new(namespace: &str, name: &str, uid: &str, secret: &str) -> Self {
        Self {
            iss: LEGACY_ISSUER.to_string(),
            sub: username(namespace, name),
            namespace: namespace.to_string(),
            secret_name: secret.to_string(),
            service_account_name: name.to_string(),
            service_account_uid: uid.to_string(),
        }
    }

    /// Checks that every claim is present and the subject agrees with them.
    pub fn check(&self) -> Result<(), String> {
        let missing = [
            (&self.namespace, "namespace"),
            (&self.secret_name, "secretName"),
            (&self.service_account_name, "serviceAccountName"),
            (&self.service_account_uid, "serviceAccountUID"),
        ]
        .into_iter()
        .find(|(v, _)| v.is_empty());
        if let Some((_, what)) = missing {
            return Err(format!("token does not contain the {what} claim"));
        }
        if self.sub != username(&self.namespace, &self.service_account_name) {
            return Err("sub claim does not match the service account claims".into());
        }
        Ok(())
    }
}

fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Aud {
        One(String),
        Many(Vec<String>),
        Null(()),
    }
    Ok(match Aud::deserialize(d)? {
        Aud::One(s) => vec![s],
        Aud::Many(v) => v,
        Aud::Null(()) => Vec::new(),
    })
}

/// Checks `exp`, `nbf` and `iat` against `now` with [`LEEWAY_SECONDS`] of
/// tolerance, with kube-apiserver's messages.
pub fn check_times(
    exp: Option<i64>,
    nbf: Option<i64>,
    iat: Option<i64>,
    now: i64,
) -> Result<(), String> {
    if exp.is_some_and(|exp| now - LEEWAY_SECONDS > exp) {
        return Err("service account token has expired".into());
    }
    if nbf.is_some_and(|nbf| now + LEEWAY_SECONDS < nbf) {
        return Err("service account token is not valid yet".into());
    }
    if iat.is_some_and(|iat| now + LEEWAY_SECONDS < iat) {
        return Err("service account token is issued in the future".into());
    }
    Ok(())
}

/// The audiences a token is good for among `requested`: the token's own
/// audiences (the API audiences when it names none) intersected with them.
/// Fails when nothing is left.
pub fn check_audiences(
    token: &[String],
    api_audiences: &[String],
    requested: &[String],
) -> Result<Vec<String>, String> {
    let token = if token.is_empty() {
        api_audiences
    } else {
        token
    };
    let common: Vec<String> = token
        .iter()
        .filter(|a| requested.contains(a))
        .cloned()
        .collect();
    if common.is_empty() && !api_audiences.is_empty() {
        return Err(format!(
            "token audiences {token:?} is invalid for the target audiences {requested:?}"
        ));
    }
    Ok(common)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bound_claims_serialize_like_kubernetes() {
        let claims = BoundClaims {
            iss: "https://kubernetes.default.svc.cluster.local".into(),
            sub: "system:serviceaccount:ns:app".into(),
            aud: vec!["https://kubernetes.default.svc.cluster.local".into()],
            exp: Some(200),
            iat: Some(100),
            nbf: Some(100),
            jti: Some("id".into()),
            kubernetes: KubernetesClaim {
                namespace: "ns".into(),
                serviceaccount: ObjectRef::new("app", "u1"),
                pod: Some(ObjectRef::new("p", "u2")),
                node: Some(ObjectRef::new("n", "u3")),
                ..Default::default()
            },
        };
        let v = serde_json::to_value(&claims).expect("json");
        assert_eq!(
            v["kubernetes.io"],
            json!({"namespace": "ns", "serviceaccount": {"name": "app", "uid": "u1"},
                   "pod": {"name": "p", "uid": "u2"}, "node": {"name": "n", "uid": "u3"}})
        );
        assert_eq!(
            v["aud"],
            json!(["https://kubernetes.default.svc.cluster.local"])
        );
        let back: BoundClaims = serde_json::from_value(v).expect("back");
        assert_eq!(back, claims);
    }

    #[test]
    fn audience_may_be_a_single_string() {
        let c: BoundClaims =
            serde_json::from_value(json!({"iss": "i", "sub": "s", "aud": "x"})).expect("claims");
        assert_eq!(c.aud, vec!["x".to_string()]);
    }

    #[test]
    fn legacy_claims_use_the_flat_names() {
        let c = LegacyClaims::new("ns", "app", "u1", "app-token");
        let v = serde_json::to_value(&c).expect("json");
        assert_eq!(v["iss"], "kubernetes/serviceaccount");
        assert_eq!(v["sub"], "system:serviceaccount:ns:app");
        assert_eq!(v["kubernetes.io/serviceaccount/secret.name"], "app-token");
        assert_eq!(v["kubernetes.io/serviceaccount/service-account.uid"], "u1");
        c.check().expect("complete");
        let mut bad = c.clone();
        bad.sub = "system:serviceaccount:ns:other".into();
        assert!(bad.check().is_err());
        let mut missing = c;
        missing.secret_name.clear();
        assert!(missing.check().is_err());
    }

    #[test]
    fn times_are_checked_with_leeway() {
        assert!(check_times(Some(1000), Some(0), Some(0), 1000).is_ok());
        assert!(check_times(Some(1000), None, None, 1000 + LEEWAY_SECONDS).is_ok());
        assert_eq!(
            check_times(Some(1000), None, None, 1001 + LEEWAY_SECONDS),
            Err("service account token has expired".into())
        );
        assert!(check_times(None, Some(2000), None, 1000).is_err());
        assert!(check_times(None, None, Some(2000), 1000).is_err());
        assert!(check_times(None, None, None, i64::MAX / 2).is_ok());
    }

    #[test]
    fn audiences_must_intersect() {
        let api = vec!["https://kubernetes.default.svc.cluster.local".to_string()];
        assert_eq!(check_audiences(&[], &api, &api), Ok(api.clone()));
        assert_eq!(check_audiences(&api, &api, &api), Ok(api.clone()));
        let vault = vec!["vault".to_string()];
        assert!(check_audiences(&vault, &api, &api).is_err());
        assert_eq!(check_audiences(&vault, &api, &vault), Ok(vault.clone()));
    }
}
