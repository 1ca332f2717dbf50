//! Authenticating service account tokens against the API's objects.
//!
//! After the [`Issuer`] has checked signature, times and audiences, a token is
//! accepted only while the objects it names still exist with the same uid —
//! the ServiceAccount, and the Pod, Secret or Node it is bound to — and are
//! not being deleted for more than a minute. Legacy tokens must moreover
//! still be the `token` of their Secret. Objects are read from the watch
//! cache, falling back to the store when the cache does not have them yet.

use std::sync::Arc;

use base64::Engine;
use serde_json::Value;

use super::{
    groups, unix_now, username, BoundClaims, Issuer, LegacyClaims, Verified, CREDENTIAL_ID_KEY,
    NODE_NAME_KEY, NODE_UID_KEY, POD_NAME_KEY, POD_UID_KEY,
};
use crate::api::Api;
use crate::context::{RequestCtx, UserInfo};
use crate::registry::meta;
use crate::registry::rest::Part;
use crate::server::{TokenAuthenticator, TokenRejected};

/// How long an object may have been marked for deletion before the tokens
/// bound to it stop working.
const DELETION_GRACE_SECONDS: i64 = 60;

/// Label recording the day a legacy token was last used.
pub const LAST_USED_LABEL: &str = "kubernetes.io/legacy-token-last-used";
/// Label marking a legacy token Secret invalid.
pub const INVALID_SINCE_LABEL: &str = "kubernetes.io/legacy-token-invalid-since";

/// The message clients never see (they get 401) but the log does.
const INVALIDATED: &str = "service account token has been invalidated";

/// Authenticates service account tokens (bound and legacy).
pub struct ServiceAccountAuthenticator {
    api: Arc<Api>,
    issuer: Arc<Issuer>,
}

impl std::fmt::Debug for ServiceAccountAuthenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceAccountAuthenticator")
            .field("issuer", &self.issuer.issuer())
            .finish_non_exhaustive()
    }
}

#[async_trait::async_trait]
impl TokenAuthenticator for ServiceAccountAuthenticator {
    async fn authenticate(&self, token: &str) -> Result<Option<UserInfo>, TokenRejected> {
        Ok(self.review(token, None).await?.map(|(user, _)| user))
    }
}

fn rejected(why: impl Into<String>) -> TokenRejected {
    TokenRejected(why.into())
}

impl ServiceAccountAuthenticator {
    /// An authenticator reading objects through `api`.
    pub fn new(api: Arc<Api>, issuer: Arc<Issuer>) -> Self {
        Self { api, issuer }
    }

    /// The user a token stands for and the audiences (among `audiences`, by
    /// default the API audiences) it is valid for; `Ok(None)` when it is not a
    /// service account token of this issuer.
    pub async fn review(
        &self,
        token: &str,
        audiences: Option<&[String]>,
    ) -> Result<Option<(UserInfo, Vec<String>)>, TokenRejected> {
        let now = unix_now();
        let Some((verified, auds)) = self.issuer.verify(token, audiences, now)? else {
            return Ok(None);
        };
        let user = match verified {
            Verified::Bound(claims) => self.check_bound(&claims, now).await?,
            Verified::Legacy(claims) => self.check_legacy(&claims, token, now).await?,
        };
        Ok(Some((user, auds)))
    }

    async fn check_bound(&self, claims: &BoundClaims, now: i64) -> Result<UserInfo, TokenRejected> {
        let k = &claims.kubernetes;
        let ns = k.namespace.as_str();
        let sa = &k.serviceaccount;
        self.expect_live("serviceaccounts", Some(ns), &sa.name, &sa.uid, now)
            .await?;
        if let Some(secret) = &k.secret {
            self.expect_live("secrets", Some(ns), &secret.name, &secret.uid, now)
                .await?;
        }
        if let Some(pod) = &k.pod {
            self.expect_live("pods", Some(ns), &pod.name, &pod.uid, now)
                .await?;
        }
        match (&k.node, &k.pod, &k.secret) {
            // A pod-bound token names its pod's node for information only.
            (Some(_), Some(_), _) | (None, _, _) => {}
            (Some(_), None, Some(_)) => {
                return Err(rejected("token is bound to both a secret and a node"))
            }
            (Some(node), None, None) => {
                self.expect_live("nodes", None, &node.name, &node.uid, now)
                    .await?
            }
        }
        let mut user = UserInfo {
            name: username(ns, &sa.name),
            groups: groups(ns),
            uid: sa.uid.clone(),
            ..Default::default()
        };
        let mut extra = |key: &str, value: &str| {
            if !value.is_empty() {
                user.extra.insert(key.to_string(), vec![value.to_string()]);
            }
        };
        if let Some(pod) = &k.pod {
            extra(POD_NAME_KEY, &pod.name);
            extra(POD_UID_KEY, &pod.uid);
        }
        if let Some(jti) = claims.jti.as_deref().filter(|j| !j.is_empty()) {
            extra(CREDENTIAL_ID_KEY, &format!("JTI={jti}"));
        }
        if let Some(node) = &k.node {
            extra(NODE_NAME_KEY, &node.name);
            extra(NODE_UID_KEY, &node.uid);
        }
        Ok(user)
    }

    async fn check_legacy(
        &self,
        claims: &LegacyClaims,
        token: &str,
        now: i64,
    ) -> Result<UserInfo, TokenRejected> {
        let ns = claims.namespace.as_str();
        let secret = self
            .lookup("secrets", Some(ns), &claims.secret_name)
            .await?
            .ok_or_else(|| {
                rejected(format!(
                    "{INVALIDATED}: secret {ns}/{} not found",
                    claims.secret_name
                ))
            })?;
        if meta::is_terminating(&secret) {
            return Err(rejected(format!(
                "{INVALIDATED}: its secret is being deleted"
            )));
        }
        if secret_token(&secret).as_deref() != Some(token.as_bytes()) {
            return Err(rejected(format!(
                "{INVALIDATED}: it does not match its secret"
            )));
        }
        if label(&secret, INVALID_SINCE_LABEL).is_some() {
            return Err(rejected(format!(
                "the token in secret {ns}/{} has been marked invalid",
                claims.secret_name
            )));
        }
        self.expect_live(
            "serviceaccounts",
            Some(ns),
            &claims.service_account_name,
            &claims.service_account_uid,
            now,
        )
        .await?;
        self.track_last_use(&secret, ns, &claims.secret_name);
        Ok(UserInfo {
            name: username(ns, &claims.service_account_name),
            groups: groups(ns),
            uid: claims.service_account_uid.clone(),
            ..Default::default()
        })
    }

    /// Fails unless the object exists with `uid` and has not been marked for
    /// deletion more than a minute ago.
    async fn expect_live(
        &self,
        plural: &str,
        ns: Option<&str>,
        name: &str,
        uid: &str,
        now: i64,
    ) -> Result<(), TokenRejected> {
        let what = || match ns {
            Some(ns) => format!("{plural} {ns}/{name}"),
            None => format!("{plural} {name}"),
        };
        let obj = self
            .lookup(plural, ns, name)
            .await?
            .ok_or_else(|| rejected(format!("{INVALIDATED}: {} not found", what())))?;
        if meta::meta_str(&obj, "uid") != Some(uid) {
            return Err(rejected(format!(
                "{INVALIDATED}: the uid of {} does not match the claim ({uid})",
                what()
            )));
        }
        if deleted_before(&obj, now - DELETION_GRACE_SECONDS) {
            return Err(rejected(format!(
                "{INVALIDATED}: {} has been deleted",
                what()
            )));
        }
        Ok(())
    }

    /// A core/v1 object from the watch cache, else from the store.
    async fn lookup(
        &self,
        plural: &str,
        ns: Option<&str>,
        name: &str,
    ) -> Result<Option<Value>, TokenRejected> {
        let def = self
            .api
            .catalog
            .get("", "v1", plural)
            .ok_or_else(|| rejected(format!("{plural} are not served")))?;
        if name.is_empty() {
            return Ok(None);
        }
        if let Ok(cache) = self.api.cache(def) {
            if let (Some(obj), _) = cache.get(&def.key(ns, name)) {
                return serde_json::from_slice(&obj.raw)
                    .map(Some)
                    .map_err(|e| rejected(format!("decoding cached {plural} {name}: {e}")));
            }
        }
        match self.api.get(def, ns, name).await {
            Ok(obj) => Ok(Some(obj)),
            Err(err) if err.code == 404 => Ok(None),
            Err(err) => Err(rejected(format!(
                "reading {plural} {name}: {}",
                err.message
            ))),
        }
    }

    /// Records today's date in the Secret's last-used label (at most one write
    /// a day), in the background.
    fn track_last_use(&self, secret: &Value, ns: &str, name: &str) {
        let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
        if label(secret, LAST_USED_LABEL) == Some(today.as_str()) {
            return;
        }
        let api = self.api.clone();
        let (ns, name) = (ns.to_string(), name.to_string());
        tokio::spawn(async move {
            let Some(def) = api.catalog.get("", "v1", "secrets").cloned() else {
                return;
            };
            let key = def.key(Some(&ns), &name);
            let result = api
                .guaranteed_update(
                    &def,
                    &RequestCtx::system(),
                    &key,
                    &name,
                    None,
                    |current| {
                        if label(current, LAST_USED_LABEL) == Some(today.as_str()) {
                            return Ok(None);
                        }
                        let mut next = current.clone();
                        let labels = meta::meta_mut(&mut next)
                            .entry("labels")
                            .or_insert_with(|| Value::Object(Default::default()));
                        if let Some(labels) = labels.as_object_mut() {
                            labels.insert(LAST_USED_LABEL.into(), Value::String(today.clone()));
                        }
                        Ok(Some(next))
                    },
                    Part::Main,
                )
                .await;
            if let Err(err) = result {
                tracing::debug!(namespace = %ns, secret = %name, error = %err.message, "recording legacy token use");
            }
        });
    }
}

fn label<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.pointer("/metadata/labels")
        .and_then(|l| l.get(key))
        .and_then(Value::as_str)
}

/// The decoded `data.token` of a Secret.
fn secret_token(secret: &Value) -> Option<Vec<u8>> {
    let encoded = secret.pointer("/data/token").and_then(Value::as_str)?;
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()
}

/// Whether the object was marked for deletion before `cutoff` (Unix seconds).
fn deleted_before(obj: &Value, cutoff: i64) -> bool {
    meta::meta_str(obj, "deletionTimestamp")
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .is_some_and(|t| t.as_second() < cutoff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiSettings;
    use crate::registry::core::test_api;
    use crate::serviceaccount::{ObjectRef, SigningKey, TokenSpec, DEFAULT_ISSUER};
    use serde_json::json;

    async fn create(api: &Api, plural: &str, obj: Value) -> Value {
        let def = test_api::def(api, plural);
        let ns = def.namespaced.then_some("default");
        api.create(
            &def,
            &RequestCtx::system(),
            ns,
            test_api::decoded(&def, obj),
        )
        .await
        .expect("create")
    }

    fn uid(obj: &Value) -> String {
        meta::meta_str(obj, "uid").unwrap_or_default().to_string()
    }

    fn token_for(issuer: &Issuer, sa: &Value, pod: Option<&Value>) -> String {
        let spec = TokenSpec {
            namespace: "default".into(),
            service_account: ObjectRef::new(meta::name(sa), uid(sa)),
            pod: pod.map(|p| ObjectRef::new(meta::name(p), uid(p))),
            audiences: vec![DEFAULT_ISSUER.into()],
            expiration_seconds: 3600,
            ..Default::default()
        };
        issuer
            .sign(&issuer.bound_claims(&spec, unix_now()))
            .expect("sign")
    }

    /// The watch cache follows the store a moment later.
    async fn eventually_rejected(authn: &ServiceAccountAuthenticator, token: &str) {
        for _ in 0..100 {
            if authn.authenticate(token).await.is_err() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("token still accepted");
    }

    /// An API in a temporary directory, an issuer, an authenticator over
    /// both, and ServiceAccount `default/app`.
    async fn fixture() -> (
        tempfile::TempDir,
        Arc<Api>,
        Arc<Issuer>,
        ServiceAccountAuthenticator,
        Value,
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let api = test_api::api(ApiSettings::default(), dir.path()).await;
        let issuer = Arc::new(Issuer::new(
            SigningKey::generate().expect("key"),
            DEFAULT_ISSUER,
            Vec::new(),
        ));
        let authn = ServiceAccountAuthenticator::new(api.clone(), issuer.clone());
        let sa = create(
            &api,
            "serviceaccounts",
            json!({"metadata": {"name": "app"}}),
        )
        .await;
        (dir, api, issuer, authn, sa)
    }

    #[tokio::test]
    async fn bound_tokens_follow_their_objects() {
        let (_dir, api, issuer, authn, sa) = fixture().await;
        let token = token_for(&issuer, &sa, None);
        let user = authn
            .authenticate(&token)
            .await
            .expect("valid")
            .expect("ours");
        assert_eq!(user.name, "system:serviceaccount:default:app");
        assert_eq!(
            user.groups,
            ["system:serviceaccounts", "system:serviceaccounts:default"]
        );
        assert_eq!(user.uid, uid(&sa));
        assert!(user.extra[CREDENTIAL_ID_KEY][0].starts_with("JTI="));

        // Bound to a pod that is not there: refused.
        let ghost = json!({"metadata": {"name": "ghost", "uid": "nope"}});
        let token = token_for(&issuer, &sa, Some(&ghost));
        assert!(authn.authenticate(&token).await.is_err());

        // The ServiceAccount deleted and recreated: a new uid, the old token fails.
        let def = test_api::def(&api, "serviceaccounts");
        api.delete(
            &def,
            &RequestCtx::system(),
            Some("default"),
            "app",
            &Default::default(),
        )
        .await
        .expect("delete");
        let old = token_for(&issuer, &sa, None);
        eventually_rejected(&authn, &old).await;
        create(
            &api,
            "serviceaccounts",
            json!({"metadata": {"name": "app"}}),
        )
        .await;
        eventually_rejected(&authn, &old).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(authn.authenticate(&old).await.is_err());
        assert_eq!(authn.authenticate("not-a-jwt").await, Ok(None));
    }

    #[tokio::test]
    async fn legacy_tokens_must_match_their_secret() {
        let (_dir, api, issuer, authn, sa) = fixture().await;
        let token = issuer
            .sign_legacy("default", "app", &uid(&sa), "app-token")
            .expect("sign");
        let stale = issuer
            .sign_legacy("default", "app", &uid(&sa), "other")
            .expect("sign");
        let b64 = base64::engine::general_purpose::STANDARD.encode(&token);
        create(
            &api,
            "secrets",
            json!({"metadata": {"name": "app-token"}, "type": "Opaque", "data": {"token": b64}}),
        )
        .await;
        let user = authn
            .authenticate(&token)
            .await
            .expect("valid")
            .expect("ours");
        assert_eq!(user.name, "system:serviceaccount:default:app");
        assert!(user.extra.is_empty());
        assert!(authn.authenticate(&stale).await.is_err());
    }

    #[test]
    fn deletion_timestamps_count_after_a_grace_period() {
        let obj = json!({"metadata": {"deletionTimestamp": "2024-01-01T00:00:00Z"}});
        let at = "2024-01-01T00:00:00Z"
            .parse::<jiff::Timestamp>()
            .expect("ts")
            .as_second();
        assert!(!deleted_before(&obj, at));
        assert!(deleted_before(&obj, at + 1));
        assert!(!deleted_before(&json!({"metadata": {}}), at));
    }
}
