//! The token controller: fills legacy ServiceAccount token Secrets.
//!
//! Kubernetes no longer creates a token Secret per ServiceAccount, but a user
//! may still create a Secret of type `kubernetes.io/service-account-token`
//! annotated with `kubernetes.io/service-account.name`. This controller then
//! writes a non-expiring token for that ServiceAccount into `data.token`, the
//! cluster CA into `data["ca.crt"]` and the namespace into `data.namespace`,
//! and records the ServiceAccount's uid in the
//! `kubernetes.io/service-account.uid` annotation. A token Secret whose
//! ServiceAccount does not exist (or has another uid) is deleted, and so are
//! the token Secrets of a deleted ServiceAccount; a deleted token Secret is
//! dropped from its ServiceAccount's `secrets` list.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use k8s_openapi::api::core::v1::{Secret, ServiceAccount};
use k8s_openapi::ByteString;
use kube::api::{Api, DeleteParams, PostParams, Preconditions};

use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

/// The type of legacy token Secrets.
pub const SECRET_TYPE: &str = "kubernetes.io/service-account-token";
/// Annotation naming the ServiceAccount of a token Secret.
pub const NAME_ANNOTATION: &str = "kubernetes.io/service-account.name";
/// Annotation recording the ServiceAccount's uid.
pub const UID_ANNOTATION: &str = "kubernetes.io/service-account.uid";
/// Data key of the token.
pub const TOKEN_KEY: &str = "token";
/// Data key of the cluster CA bundle.
pub const CA_KEY: &str = "ca.crt";
/// Data key of the namespace.
pub const NAMESPACE_KEY: &str = "namespace";

/// Signs legacy (non-expiring) ServiceAccount tokens.
pub trait LegacyTokenSigner: Send + Sync {
    /// A token for ServiceAccount `name` (with `uid`) of `namespace`, to be
    /// stored in Secret `secret`.
    fn sign(&self, namespace: &str, name: &str, uid: &str, secret: &str) -> anyhow::Result<String>;
}

/// What the token controller needs from the server.
#[derive(Clone)]
pub struct Options {
    /// Signs the tokens.
    pub signer: Arc<dyn LegacyTokenSigner>,
    /// The cluster CA certificate (PEM) written to `ca.crt`.
    pub root_ca: Vec<u8>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("root_ca_bytes", &self.root_ca.len())
            .finish_non_exhaustive()
    }
}

/// A unit of work.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// A deleted ServiceAccount whose token Secrets must go.
    Account {
        namespace: String,
        name: String,
        uid: String,
    },
    /// A token Secret, with the ServiceAccount its annotations named.
    Secret {
        namespace: String,
        name: String,
        uid: String,
        account: String,
        account_uid: String,
    },
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Account {
                namespace, name, ..
            } => write!(f, "serviceaccount {namespace}/{name}"),
            Key::Secret {
                namespace, name, ..
            } => write!(f, "secret {namespace}/{name}"),
        }
    }
}

/// Starts the token controller.
pub fn start(informers: &Informers, options: Options) {
    let controller = Arc::new(Controller {
        client: informers.client().clone(),
        accounts: informers.get::<ServiceAccount>(),
        secrets: informers.get::<Secret>(),
        queue: WorkQueue::new(),
        options,
    });
    tokio::spawn(controller.run());
}

struct Controller {
    client: kube::Client,
    accounts: Arc<Informer<ServiceAccount>>,
    secrets: Arc<Informer<Secret>>,
    queue: Arc<WorkQueue<Key>>,
    options: Options,
}

fn annotation<'a>(secret: &'a Secret, key: &str) -> &'a str {
    secret
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(key))
        .map(String::as_str)
        .unwrap_or("")
}

fn is_token_secret(secret: &Secret) -> bool {
    secret.type_.as_deref() == Some(SECRET_TYPE)
}

fn secret_key(secret: &Secret) -> Key {
    Key::Secret {
        namespace: secret.metadata.namespace.clone().unwrap_or_default(),
        name: secret.metadata.name.clone().unwrap_or_default(),
        uid: secret.metadata.uid.clone().unwrap_or_default(),
        account: annotation(secret, NAME_ANNOTATION).to_string(),
        account_uid: annotation(secret, UID_ANNOTATION).to_string(),
    }
}

/// Whether a ServiceAccount is the one a Secret's annotations name.
fn names_account(secret: &Secret, sa: &ServiceAccount) -> bool {
    let uid = annotation(secret, UID_ANNOTATION);
    annotation(secret, NAME_ANNOTATION) == sa.metadata.name.as_deref().unwrap_or("")
        && (uid.is_empty() || Some(uid) == sa.metadata.uid.as_deref())
}

/// What a token Secret still lacks: (CA, namespace, token).
fn missing(secret: &Secret, root_ca: &[u8]) -> (bool, bool, bool) {
    let value = |key: &str| {
        secret
            .data
            .as_ref()
            .and_then(|d| d.get(key))
            .map(|b| b.0.as_slice())
            .unwrap_or(&[])
    };
    (
        !root_ca.is_empty() && value(CA_KEY) != root_ca,
        value(NAMESPACE_KEY).is_empty(),
        value(TOKEN_KEY).is_empty(),
    )
}

fn ignorable(err: &kube::Error, codes: &[u16]) -> bool {
    matches!(err, kube::Error::Api(e) if codes.contains(&e.code))
}

impl Controller {
    async fn run(self: Arc<Self>) {
        let synced = self.accounts.wait_synced(Duration::from_secs(60)).await
            && self.secrets.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!("token controller: informers not synced after 60s; starting anyway");
        }
        self.watch_accounts();
        self.watch_secrets();
        let me = self.clone();
        run_workers("serviceaccount-token", self.queue.clone(), 1, move |key| {
            let me = me.clone();
            async move { me.sync(&key).await }
        });
    }

    fn watch_accounts(&self) {
        let mut changes = self.accounts.subscribe();
        let queue = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                if let Change::Deleted(sa) = change {
                    queue.add(Key::Account {
                        namespace: sa.metadata.namespace.clone().unwrap_or_default(),
                        name: sa.metadata.name.clone().unwrap_or_default(),
                        uid: sa.metadata.uid.clone().unwrap_or_default(),
                    });
                }
            }
        });
    }

    fn watch_secrets(&self) {
        let mut changes = self.secrets.subscribe();
        let queue = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                let secret = change.object();
                if is_token_secret(secret) {
                    queue.add(secret_key(secret));
                }
            }
        });
    }

    async fn sync(&self, key: &Key) -> anyhow::Result<Next> {
        match key {
            Key::Account {
                namespace,
                name,
                uid,
            } => self.sync_account(namespace, name, uid).await,
            Key::Secret {
                namespace,
                name,
                uid,
                account,
                account_uid,
            } => {
                self.sync_secret(namespace, name, uid, account, account_uid)
                    .await
            }
        }
    }

    /// A deleted ServiceAccount: delete the token Secrets naming it.
    async fn sync_account(&self, ns: &str, name: &str, uid: &str) -> anyhow::Result<Next> {
        if self.account(ns, name, uid, false).await?.is_some() {
            return Ok(Next::Done);
        }
        let gone = ServiceAccount {
            metadata: kube::api::ObjectMeta {
                name: Some(name.to_string()),
                namespace: Some(ns.to_string()),
                uid: Some(uid.to_string()),
                ..Default::default()
            },
            ..Default::default()
        };
        for secret in self.secrets.list_namespace(ns) {
            if is_token_secret(&secret) && names_account(&secret, &gone) {
                let secret_uid = secret.metadata.uid.as_deref().unwrap_or("");
                let secret_name = secret.metadata.name.as_deref().unwrap_or("");
                self.delete_secret(ns, secret_name, secret_uid).await?;
            }
        }
        Ok(Next::Done)
    }

    async fn sync_secret(
        &self,
        ns: &str,
        name: &str,
        uid: &str,
        account: &str,
        account_uid: &str,
    ) -> anyhow::Result<Next> {
        if account.is_empty() {
            return Ok(Next::Done);
        }
        let cached = self
            .secrets
            .get(Some(ns), name)
            .filter(|s| s.metadata.uid.as_deref().unwrap_or("") == uid);
        let Some(secret) = cached else {
            if let Some(sa) = self.account(ns, account, account_uid, false).await? {
                self.remove_reference(&sa, name).await?;
            }
            return Ok(Next::Done);
        };
        match self.account(ns, account, account_uid, true).await? {
            None => {
                tracing::debug!(
                    namespace = ns,
                    secret = name,
                    "service account does not exist; deleting its token secret"
                );
                self.delete_secret(ns, name, uid).await?;
            }
            Some(sa) => self.fill(&sa, &secret).await?,
        }
        Ok(Next::Done)
    }

    /// The ServiceAccount `name` (with `uid`, when given), from the informer
    /// or, when `live` and the informer does not have it, from the server.
    async fn account(
        &self,
        ns: &str,
        name: &str,
        uid: &str,
        live: bool,
    ) -> anyhow::Result<Option<ServiceAccount>> {
        let matches =
            |sa: &ServiceAccount| uid.is_empty() || sa.metadata.uid.as_deref() == Some(uid);
        if let Some(sa) = self.accounts.get(Some(ns), name) {
            if matches(&sa) {
                return Ok(Some((*sa).clone()));
            }
        }
        if !live {
            return Ok(None);
        }
        let api: Api<ServiceAccount> = Api::namespaced(self.client.clone(), ns);
        let found = api
            .get_opt(name)
            .await
            .with_context(|| format!("getting service account {ns}/{name}"))?;
        Ok(found.filter(matches))
    }

    /// Writes what a token Secret lacks, on a fresh copy no older than the
    /// cached one.
    async fn fill(&self, sa: &ServiceAccount, cached: &Secret) -> anyhow::Result<()> {
        if missing(cached, &self.options.root_ca) == (false, false, false) {
            return Ok(());
        }
        let ns = cached.metadata.namespace.as_deref().unwrap_or("");
        let name = cached.metadata.name.as_deref().unwrap_or("");
        let api: Api<Secret> = Api::namespaced(self.client.clone(), ns);
        let Some(mut live) = api
            .get_opt(name)
            .await
            .with_context(|| format!("getting secret {ns}/{name}"))?
        else {
            return Ok(());
        };
        if live.metadata.resource_version != cached.metadata.resource_version {
            // The informer will deliver the newer version; fill that one.
            return Ok(());
        }
        let (needs_ca, needs_namespace, needs_token) = missing(&live, &self.options.root_ca);
        if !(needs_ca || needs_namespace || needs_token) {
            return Ok(());
        }
        let sa_name = sa.metadata.name.as_deref().unwrap_or("");
        let sa_uid = sa.metadata.uid.as_deref().unwrap_or("");
        let data = live.data.get_or_insert_with(BTreeMap::new);
        if needs_ca {
            data.insert(CA_KEY.into(), ByteString(self.options.root_ca.clone()));
        }
        if needs_namespace {
            data.insert(NAMESPACE_KEY.into(), ByteString(ns.as_bytes().to_vec()));
        }
        if needs_token {
            let token = self
                .options
                .signer
                .sign(ns, sa_name, sa_uid, name)
                .with_context(|| format!("signing a token for service account {ns}/{sa_name}"))?;
            data.insert(TOKEN_KEY.into(), ByteString(token.into_bytes()));
        }
        let annotations = live.metadata.annotations.get_or_insert_with(BTreeMap::new);
        annotations.insert(NAME_ANNOTATION.into(), sa_name.to_string());
        annotations.insert(UID_ANNOTATION.into(), sa_uid.to_string());
        match api.replace(name, &PostParams::default(), &live).await {
            Ok(_) => {
                tracing::debug!(
                    namespace = ns,
                    secret = name,
                    "filled service account token secret"
                );
                Ok(())
            }
            Err(err) => {
                Err(anyhow::Error::new(err).context(format!("updating secret {ns}/{name}")))
            }
        }
    }

    async fn delete_secret(&self, ns: &str, name: &str, uid: &str) -> anyhow::Result<()> {
        let api: Api<Secret> = Api::namespaced(self.client.clone(), ns);
        let params = DeleteParams {
            preconditions: (!uid.is_empty()).then(|| Preconditions {
                uid: Some(uid.to_string()),
                resource_version: None,
            }),
            ..Default::default()
        };
        match api.delete(name, &params).await {
            Ok(_) => Ok(()),
            // Already gone, or replaced by another Secret of that name.
            Err(err) if ignorable(&err, &[404, 409]) => Ok(()),
            Err(err) => {
                Err(anyhow::Error::new(err).context(format!("deleting secret {ns}/{name}")))
            }
        }
    }

    /// Drops a deleted Secret from its ServiceAccount's `secrets` list.
    async fn remove_reference(&self, sa: &ServiceAccount, secret: &str) -> anyhow::Result<()> {
        let listed = |sa: &ServiceAccount| {
            sa.secrets
                .iter()
                .flatten()
                .any(|r| r.name.as_deref() == Some(secret))
        };
        if !listed(sa) {
            return Ok(());
        }
        let ns = sa.metadata.namespace.as_deref().unwrap_or("");
        let name = sa.metadata.name.as_deref().unwrap_or("");
        let api: Api<ServiceAccount> = Api::namespaced(self.client.clone(), ns);
        let Some(mut live) = api.get_opt(name).await? else {
            return Ok(());
        };
        if live.metadata.uid != sa.metadata.uid || !listed(&live) {
            return Ok(());
        }
        if let Some(refs) = live.secrets.as_mut() {
            refs.retain(|r| r.name.as_deref() != Some(secret));
        }
        match api.replace(name, &PostParams::default(), &live).await {
            Ok(_) => Ok(()),
            Err(err) if ignorable(&err, &[404]) => Ok(()),
            Err(err) => Err(anyhow::Error::new(err).context(format!(
                "removing secret {secret} from service account {ns}/{name}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret(v: serde_json::Value) -> Secret {
        serde_json::from_value(v).expect("secret")
    }

    #[test]
    fn missing_parts_are_detected() {
        let empty =
            secret(json!({"metadata": {"name": "t", "namespace": "ns"}, "type": SECRET_TYPE}));
        assert_eq!(missing(&empty, b"CA"), (true, true, true));
        assert_eq!(missing(&empty, b""), (false, true, true));
        let full = secret(json!({
            "metadata": {"name": "t", "namespace": "ns"},
            "type": SECRET_TYPE,
            // "CA", "ns", "tok"
            "data": {"ca.crt": "Q0E=", "namespace": "bnM=", "token": "dG9r"},
        }));
        assert_eq!(missing(&full, b"CA"), (false, false, false));
        assert_eq!(missing(&full, b"NEW CA"), (true, false, false));
    }

    #[test]
    fn secrets_name_their_account_by_name_and_uid() {
        let sa: ServiceAccount = serde_json::from_value(
            json!({"metadata": {"name": "app", "namespace": "ns", "uid": "u1"}}),
        )
        .expect("sa");
        let by_name =
            secret(json!({"metadata": {"name": "t", "annotations": {NAME_ANNOTATION: "app"}}}));
        let by_uid = secret(
            json!({"metadata": {"name": "t", "annotations": {NAME_ANNOTATION: "app", UID_ANNOTATION: "u1"}}}),
        );
        let stale = secret(
            json!({"metadata": {"name": "t", "annotations": {NAME_ANNOTATION: "app", UID_ANNOTATION: "u0"}}}),
        );
        let other =
            secret(json!({"metadata": {"name": "t", "annotations": {NAME_ANNOTATION: "db"}}}));
        assert!(names_account(&by_name, &sa));
        assert!(names_account(&by_uid, &sa));
        assert!(!names_account(&stale, &sa));
        assert!(!names_account(&other, &sa));
        assert_eq!(
            secret_key(&by_uid).to_string(),
            "secret /t",
            "keys print for logs"
        );
    }
}
