//! Namespace lifecycle: when a namespace is being deleted, delete everything in
//! it, then remove the `kubernetes` finalizer so the API server removes the
//! namespace itself.

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use kube::api::{Api, DeleteParams, DynamicObject, ListParams, PostParams};
use kube::Client;
use serde_json::json;

use crate::discovery::ResourceTypes;
use capstan_runtime::{run_workers, Next};
use capstan_runtime::{Change, Informers, WorkQueue};

const FINALIZER: &str = "kubernetes";

/// Starts the namespace controller.
pub fn start(informers: &Informers) {
    let client = informers.client().clone();
    let namespaces = informers.get::<Namespace>();
    let queue: Arc<WorkQueue<String>> = WorkQueue::new();
    let mut changes = namespaces.subscribe();
    let q = queue.clone();
    tokio::spawn(async move {
        while let Some(change) = changes.recv().await {
            if let Change::Added(ns) | Change::Updated { new: ns, .. } = &change {
                if ns.metadata.deletion_timestamp.is_some() {
                    if let Some(name) = &ns.metadata.name {
                        q.add(name.clone());
                    }
                }
            }
        }
    });
    run_workers("namespace", queue, 2, move |name: String| {
        let client = client.clone();
        let namespaces = namespaces.clone();
        async move {
            let Some(ns) = namespaces.get(None, &name) else {
                return Ok(Next::Done);
            };
            if ns.metadata.deletion_timestamp.is_none() {
                return Ok(Next::Done);
            }
            delete_contents_then_finalize(&client, &name).await
        }
    });
}

/// Deletes every namespaced object in `ns`; once none remain, finalizes it.
async fn delete_contents_then_finalize(client: &Client, ns: &str) -> anyhow::Result<Next> {
    let types = ResourceTypes::discover(client).await?;
    let mut remaining = 0usize;
    let mut remaining_kinds = Vec::new();
    let mut failures = Vec::new();
    for t in types.preferred() {
        if !t.namespaced || !t.supports(&["list", "delete"]) {
            continue;
        }
        let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), ns, &t.api);
        if t.supports(&["deletecollection"]) {
            if let Err(err) = api
                .delete_collection(&DeleteParams::background(), &ListParams::default())
                .await
            {
                failures.push(format!("{}: {err}", t.api.plural));
                continue;
            }
        } else {
            match api.list(&ListParams::default()).await {
                Ok(list) => {
                    for item in list.items {
                        if let Some(name) = item.metadata.name.as_deref() {
                            let _ = api.delete(name, &DeleteParams::background()).await;
                        }
                    }
                }
                Err(err) => failures.push(format!("{}: {err}", t.api.plural)),
            }
        }
        match api.list(&ListParams::default().limit(1)).await {
            Ok(list) if !list.items.is_empty() => {
                remaining += list.items.len();
                remaining_kinds.push(format!("{}.{}", t.api.plural, t.api.group));
            }
            Ok(_) => {}
            Err(err) => failures.push(format!("{}: {err}", t.api.plural)),
        }
    }
    let namespaces: Api<Namespace> = Api::all(client.clone());
    if remaining > 0 || !failures.is_empty() {
        let message = if failures.is_empty() {
            format!(
                "Some resources are remaining: {}",
                remaining_kinds.join(", ")
            )
        } else {
            format!(
                "Failed to delete all resource types: {}",
                failures.join("; ")
            )
        };
        let condition = json!({
            "type": if failures.is_empty() { "NamespaceContentRemaining" } else { "NamespaceDeletionContentFailure" },
            "status": "True",
            "reason": if failures.is_empty() { "SomeResourcesRemain" } else { "ContentDeletionFailed" },
            "message": message,
            "lastTransitionTime": jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        });
        let patch = json!({"status": {"conditions": [condition]}});
        let _ = namespaces
            .patch_status(
                ns,
                &kube::api::PatchParams::default(),
                &kube::api::Patch::Merge(&patch),
            )
            .await;
        return Ok(Next::After(Duration::from_secs(if failures.is_empty() {
            1
        } else {
            5
        })));
    }
    let mut current = match namespaces.get(ns).await {
        Ok(n) => n,
        Err(kube::Error::Api(e)) if e.code == 404 => return Ok(Next::Done),
        Err(err) => return Err(err.into()),
    };
    let Some(spec) = current.spec.as_mut() else {
        return Ok(Next::Done);
    };
    let before = spec.finalizers.clone().unwrap_or_default();
    if !before.iter().any(|f| f == FINALIZER) {
        return Ok(Next::Done);
    }
    spec.finalizers = Some(before.into_iter().filter(|f| f != FINALIZER).collect());
    match namespaces
        .replace_subresource("finalize", ns, &PostParams::default(), &current)
        .await
    {
        Ok(_) => Ok(Next::Done),
        Err(kube::Error::Api(e)) if e.code == 404 => Ok(Next::Done),
        Err(err) => Err(err.into()),
    }
}
