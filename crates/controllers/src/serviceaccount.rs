//! The ServiceAccount controller: every active namespace has a `default`
//! ServiceAccount; it is created when a namespace appears (or becomes active)
//! and recreated when deleted. Namespaces being deleted are left alone.
//!
//! Tokens for pods are not this controller's concern: Kubernetes projects
//! bound tokens obtained through the TokenRequest API into pods (the kubelet
//! does), and no longer creates token Secrets per ServiceAccount.

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::{Namespace, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, PostParams};

use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

/// The ServiceAccounts every namespace gets.
pub const MANAGED_NAMES: &[&str] = &["default"];

/// Starts the ServiceAccount controller.
pub fn start(informers: &Informers) {
    let controller = Arc::new(Controller {
        client: informers.client().clone(),
        namespaces: informers.get::<Namespace>(),
        accounts: informers.get::<ServiceAccount>(),
        queue: WorkQueue::new(),
    });
    tokio::spawn(controller.run());
}

struct Controller {
    client: kube::Client,
    namespaces: Arc<Informer<Namespace>>,
    accounts: Arc<Informer<ServiceAccount>>,
    queue: Arc<WorkQueue<String>>,
}

/// Whether a namespace accepts new objects (not being deleted).
pub fn is_active(ns: &Namespace) -> bool {
    ns.metadata.deletion_timestamp.is_none()
        && ns
            .status
            .as_ref()
            .and_then(|s| s.phase.as_deref())
            .unwrap_or("Active")
            == "Active"
}

impl Controller {
    async fn run(self: Arc<Self>) {
        let synced = self.namespaces.wait_synced(Duration::from_secs(60)).await
            && self.accounts.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!(
                "serviceaccount controller: informers not synced after 60s; starting anyway"
            );
        }
        let mut ns_changes = self.namespaces.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = ns_changes.recv().await {
                if let Change::Added(ns) | Change::Updated { new: ns, .. } = &change {
                    if let Some(name) = ns.metadata.name.clone() {
                        q.add(name);
                    }
                }
            }
        });
        let mut sa_changes = self.accounts.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = sa_changes.recv().await {
                if let Change::Deleted(sa) = &change {
                    if MANAGED_NAMES.contains(&sa.metadata.name.as_deref().unwrap_or("")) {
                        if let Some(ns) = sa.metadata.namespace.clone() {
                            q.add(ns);
                        }
                    }
                }
            }
        });
        let me = self.clone();
        run_workers(
            "serviceaccount",
            self.queue.clone(),
            1,
            move |ns: String| {
                let me = me.clone();
                async move { me.sync(&ns).await }
            },
        );
    }

    async fn sync(&self, ns: &str) -> anyhow::Result<Next> {
        let Some(namespace) = self.namespaces.get(None, ns) else {
            return Ok(Next::Done);
        };
        if !is_active(&namespace) {
            return Ok(Next::Done);
        }
        let api: Api<ServiceAccount> = Api::namespaced(self.client.clone(), ns);
        for name in MANAGED_NAMES {
            if self.accounts.get(Some(ns), name).is_some() {
                continue;
            }
            let sa = ServiceAccount {
                metadata: ObjectMeta {
                    name: Some((*name).to_string()),
                    namespace: Some(ns.to_string()),
                    ..Default::default()
                },
                ..Default::default()
            };
            match api.create(&PostParams::default(), &sa).await {
                Ok(_) => tracing::debug!(namespace = ns, name, "created service account"),
                Err(kube::Error::Api(e)) if e.code == 409 => {}
                // The namespace started terminating meanwhile.
                Err(kube::Error::Api(e)) if e.code == 403 || e.code == 404 => {}
                Err(e) => {
                    return Err(anyhow::Error::new(e)
                        .context(format!("creating service account {ns}/{name}")))
                }
            }
        }
        Ok(Next::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn terminating_namespaces_are_not_active() {
        let active: Namespace = serde_json::from_value(
            json!({"metadata": {"name": "a"}, "status": {"phase": "Active"}}),
        )
        .expect("ns");
        let fresh: Namespace =
            serde_json::from_value(json!({"metadata": {"name": "a"}})).expect("ns");
        let ending: Namespace = serde_json::from_value(
            json!({"metadata": {"name": "a"}, "status": {"phase": "Terminating"}}),
        )
        .expect("ns");
        let deleting: Namespace = serde_json::from_value(
            json!({"metadata": {"name": "a", "deletionTimestamp": "2024-01-01T00:00:00Z"}}),
        )
        .expect("ns");
        assert!(is_active(&active));
        assert!(is_active(&fresh));
        assert!(!is_active(&ending));
        assert!(!is_active(&deleting));
    }
}
