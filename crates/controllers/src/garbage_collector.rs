//! The garbage collector: follows `ownerReferences` across every resource type.
//!
//! * Objects whose owners are all gone are deleted (background deletion).
//! * An owner being deleted in the foreground (`foregroundDeletion` finalizer)
//!   has its dependents deleted first; the finalizer is removed once no
//!   dependent with `blockOwnerDeletion` remains.
//! * An owner being deleted with `orphan` propagation has its owner reference
//!   removed from every dependent, then the `orphan` finalizer removed.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use kube::api::{
    Api, DeleteParams, DynamicObject, Patch, PatchParams, Preconditions, PropagationPolicy,
};
use kube::core::{ApiResource, PartialObjectMeta};
use kube::runtime::watcher::{self, Event};
use kube::runtime::WatchStreamExt;
use kube::Client;
use parking_lot::RwLock;
use serde_json::json;

use crate::discovery::{ResourceTypes, GC_VERBS};
use capstan_runtime::WorkQueue;
use capstan_runtime::{run_workers, Next};

const ORPHAN: &str = "orphan";
const FOREGROUND: &str = "foregroundDeletion";

/// What the graph knows about one object.
#[derive(Clone, Debug)]
struct Node {
    resource: ApiResource,
    namespaced: bool,
    namespace: Option<String>,
    name: String,
    owners: Vec<OwnerReference>,
    deleting: bool,
    finalizers: Vec<String>,
}

#[derive(Default)]
struct Graph {
    nodes: HashMap<String, Node>,
    dependents: HashMap<String, HashSet<String>>,
}

impl Graph {
    fn upsert(&mut self, uid: String, node: Node) {
        if let Some(old) = self.nodes.get(&uid) {
            for o in &old.owners {
                if let Some(set) = self.dependents.get_mut(&o.uid) {
                    set.remove(&uid);
                }
            }
        }
        for o in &node.owners {
            self.dependents
                .entry(o.uid.clone())
                .or_default()
                .insert(uid.clone());
        }
        self.nodes.insert(uid, node);
    }

    fn remove(&mut self, uid: &str) -> Option<Node> {
        let node = self.nodes.remove(uid)?;
        for o in &node.owners {
            if let Some(set) = self.dependents.get_mut(&o.uid) {
                set.remove(uid);
                if set.is_empty() {
                    self.dependents.remove(&o.uid);
                }
            }
        }
        Some(node)
    }

    fn dependents_of(&self, uid: &str) -> Vec<(String, Node)> {
        self.dependents
            .get(uid)
            .map(|set| {
                set.iter()
                    .filter_map(|d| self.nodes.get(d).map(|n| (d.clone(), n.clone())))
                    .collect()
            })
            .unwrap_or_default()
    }
}

struct Gc {
    client: Client,
    types: RwLock<ResourceTypes>,
    graph: RwLock<Graph>,
    queue: Arc<WorkQueue<String>>,
}

/// Starts the garbage collector: discovers every resource type, watches their
/// metadata, and processes the ownership graph.
pub async fn start(client: Client) -> anyhow::Result<()> {
    let types = ResourceTypes::discover(&client).await?;
    let gc = Arc::new(Gc {
        client,
        types: RwLock::new(types),
        graph: RwLock::new(Graph::default()),
        queue: WorkQueue::new(),
    });
    let watched: Vec<(ApiResource, bool)> = gc
        .types
        .read()
        .preferred()
        .into_iter()
        .filter(|t| t.supports(GC_VERBS) && t.api.plural != "events")
        .map(|t| (t.api.clone(), t.namespaced))
        .collect();
    for (resource, namespaced) in watched {
        let gc = gc.clone();
        tokio::spawn(async move { gc.watch(resource, namespaced).await });
    }
    let worker_gc = gc.clone();
    run_workers(
        "garbage-collector",
        gc.queue.clone(),
        4,
        move |uid: String| {
            let gc = worker_gc.clone();
            async move { gc.process(&uid).await }
        },
    );
    Ok(())
}

impl Gc {
    async fn watch(self: Arc<Self>, resource: ApiResource, namespaced: bool) {
        let api: Api<PartialObjectMeta<DynamicObject>> =
            Api::all_with(self.client.clone(), &resource);
        let stream =
            watcher::watcher(api, watcher::Config::default().page_size(500)).default_backoff();
        futures::pin_mut!(stream);
        while let Some(event) = stream.next().await {
            match event {
                Ok(Event::Apply(obj)) | Ok(Event::InitApply(obj)) => {
                    self.observe(&resource, namespaced, &obj.metadata)
                }
                Ok(Event::Delete(obj)) => {
                    if let Some(uid) = obj.metadata.uid.as_deref() {
                        self.forget(uid);
                    }
                }
                Ok(Event::Init) | Ok(Event::InitDone) => {}
                Err(err) => {
                    tracing::debug!(resource = %resource.plural, error = %err, "garbage collector watch error")
                }
            }
        }
    }

    fn observe(
        &self,
        resource: &ApiResource,
        namespaced: bool,
        meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
    ) {
        let Some(uid) = meta.uid.clone() else { return };
        let node = Node {
            resource: resource.clone(),
            namespaced,
            namespace: meta.namespace.clone(),
            name: meta.name.clone().unwrap_or_default(),
            owners: meta.owner_references.clone().unwrap_or_default(),
            deleting: meta.deletion_timestamp.is_some(),
            finalizers: meta.finalizers.clone().unwrap_or_default(),
        };
        let interesting = !node.owners.is_empty()
            || (node.deleting
                && node
                    .finalizers
                    .iter()
                    .any(|f| f == ORPHAN || f == FOREGROUND));
        let owners: Vec<String> = node.owners.iter().map(|o| o.uid.clone()).collect();
        self.graph.write().upsert(uid.clone(), node);
        if interesting {
            self.queue.add(uid);
        }
        // An owner waiting for its dependents is re-checked when one changes.
        let graph = self.graph.read();
        for owner in owners {
            if graph
                .nodes
                .get(&owner)
                .is_some_and(|o| o.deleting && o.finalizers.iter().any(|f| f == FOREGROUND))
            {
                self.queue.add(owner);
            }
        }
    }

    fn forget(&self, uid: &str) {
        let (dependents, owners) = {
            let mut graph = self.graph.write();
            let node = graph.remove(uid);
            let dependents: Vec<String> = graph
                .dependents
                .get(uid)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default();
            (
                dependents,
                node.map(|n| n.owners.into_iter().map(|o| o.uid).collect::<Vec<_>>())
                    .unwrap_or_default(),
            )
        };
        for d in dependents {
            self.queue.add(d);
        }
        for o in owners {
            self.queue.add(o);
        }
    }

    fn api_for(&self, node: &Node) -> Api<DynamicObject> {
        match (&node.namespace, node.namespaced) {
            (Some(ns), true) => Api::namespaced_with(self.client.clone(), ns, &node.resource),
            _ => Api::all_with(self.client.clone(), &node.resource),
        }
    }

    async fn process(&self, uid: &str) -> anyhow::Result<Next> {
        let Some(node) = self.graph.read().nodes.get(uid).cloned() else {
            return Ok(Next::Done);
        };
        if node.deleting && node.finalizers.iter().any(|f| f == ORPHAN) {
            return self.orphan_dependents(uid, &node).await;
        }
        if node.deleting && node.finalizers.iter().any(|f| f == FOREGROUND) {
            return self.delete_dependents_first(uid, &node).await;
        }
        if node.owners.is_empty() || node.deleting {
            return Ok(Next::Done);
        }
        self.check_owners(uid, &node).await
    }

    /// Classifies owners: present, present and waiting for dependents
    /// (foreground deletion with blockOwnerDeletion), or absent.
    async fn check_owners(&self, uid: &str, node: &Node) -> anyhow::Result<Next> {
        let mut absent = Vec::new();
        let mut solid = 0usize;
        let mut waiting = 0usize;
        for owner in &node.owners {
            let known = self.graph.read().nodes.get(&owner.uid).cloned();
            let exists = match known {
                Some(o) => {
                    if o.deleting && o.finalizers.iter().any(|f| f == FOREGROUND) {
                        waiting += 1;
                    } else {
                        solid += 1;
                    }
                    continue;
                }
                None => self.owner_exists(node, owner).await?,
            };
            if exists {
                solid += 1;
            } else {
                absent.push(owner.uid.clone());
            }
        }
        let api = self.api_for(node);
        if solid == 0 && waiting == 0 {
            let dp = DeleteParams {
                propagation_policy: Some(PropagationPolicy::Background),
                preconditions: Some(Preconditions {
                    uid: Some(uid.to_string()),
                    resource_version: None,
                }),
                ..Default::default()
            };
            tracing::debug!(kind = %node.resource.kind, name = %node.name, "deleting object whose owners are gone");
            return match api.delete(&node.name, &dp).await {
                Ok(_) => Ok(Next::Done),
                Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => Ok(Next::Done),
                Err(err) => Err(err.into()),
            };
        }
        if solid == 0 && waiting > 0 {
            let dp = DeleteParams {
                propagation_policy: Some(PropagationPolicy::Foreground),
                preconditions: Some(Preconditions {
                    uid: Some(uid.to_string()),
                    resource_version: None,
                }),
                ..Default::default()
            };
            return match api.delete(&node.name, &dp).await {
                Ok(_) => Ok(Next::Done),
                Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => Ok(Next::Done),
                Err(err) => Err(err.into()),
            };
        }
        if !absent.is_empty() {
            let keep: Vec<&OwnerReference> = node
                .owners
                .iter()
                .filter(|o| !absent.contains(&o.uid))
                .collect();
            self.patch_owners(&api, &node.name, uid, &keep).await?;
        }
        Ok(Next::Done)
    }

    /// Looks an owner up on the server (the graph may lag).
    async fn owner_exists(&self, node: &Node, owner: &OwnerReference) -> anyhow::Result<bool> {
        let owner_type = {
            let types = self.types.read();
            types
                .by_api_version_kind(&owner.api_version, &owner.kind)
                .cloned()
        };
        let Some(t) = owner_type else {
            // An unknown owner kind: refresh discovery once, then treat it as absent.
            let fresh = ResourceTypes::discover(&self.client).await?;
            let found = fresh
                .by_api_version_kind(&owner.api_version, &owner.kind)
                .is_some();
            *self.types.write() = fresh;
            if found {
                return Err(anyhow::anyhow!(
                    "owner kind {} appeared in discovery; retrying",
                    owner.kind
                ));
            }
            return Ok(false);
        };
        let api: Api<DynamicObject> = match (&node.namespace, t.namespaced) {
            (Some(ns), true) => Api::namespaced_with(self.client.clone(), ns, &t.api),
            (None, true) => return Ok(false),
            _ => Api::all_with(self.client.clone(), &t.api),
        };
        match api.get_metadata_opt(&owner.name).await? {
            Some(obj) => Ok(obj.metadata.uid.as_deref() == Some(owner.uid.as_str())),
            None => Ok(false),
        }
    }

    async fn patch_owners(
        &self,
        api: &Api<DynamicObject>,
        name: &str,
        uid: &str,
        keep: &[&OwnerReference],
    ) -> anyhow::Result<()> {
        let patch = json!([
            {"op": "test", "path": "/metadata/uid", "value": uid},
            {"op": "replace", "path": "/metadata/ownerReferences", "value": keep},
        ]);
        let patch: json_patch::Patch = serde_json::from_value(patch)?;
        match api
            .patch(name, &PatchParams::default(), &Patch::<()>::Json(patch))
            .await
        {
            Ok(_) => Ok(()),
            Err(kube::Error::Api(e)) if e.code == 404 || e.code == 422 => Ok(()),
            Err(err) => Err(err.into()),
        }
    }

    async fn remove_finalizer(
        &self,
        node: &Node,
        uid: &str,
        finalizer: &str,
    ) -> anyhow::Result<()> {
        let api = self.api_for(node);
        let Some(current) = api.get_metadata_opt(&node.name).await? else {
            return Ok(());
        };
        if current.metadata.uid.as_deref() != Some(uid) {
            return Ok(());
        }
        let finalizers: Vec<String> = current
            .metadata
            .finalizers
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f != finalizer)
            .collect();
        let patch = json!({"metadata": {"finalizers": finalizers, "resourceVersion": current.metadata.resource_version}});
        match api
            .patch(&node.name, &PatchParams::default(), &Patch::Merge(&patch))
            .await
        {
            Ok(_) => Ok(()),
            Err(kube::Error::Api(e)) if e.code == 404 => Ok(()),
            Err(err) => Err(err.into()),
        }
    }

    async fn orphan_dependents(&self, uid: &str, node: &Node) -> anyhow::Result<Next> {
        let dependents = self.graph.read().dependents_of(uid);
        for (dep_uid, dep) in dependents {
            let keep: Vec<&OwnerReference> = dep.owners.iter().filter(|o| o.uid != uid).collect();
            self.patch_owners(&self.api_for(&dep), &dep.name, &dep_uid, &keep)
                .await?;
        }
        self.remove_finalizer(node, uid, ORPHAN).await?;
        Ok(Next::Done)
    }

    async fn delete_dependents_first(&self, uid: &str, node: &Node) -> anyhow::Result<Next> {
        let dependents = self.graph.read().dependents_of(uid);
        let mut blocking = 0usize;
        for (dep_uid, dep) in dependents {
            let blocks = dep
                .owners
                .iter()
                .any(|o| o.uid == uid && o.block_owner_deletion == Some(true));
            if blocks {
                blocking += 1;
            }
            if dep.deleting {
                continue;
            }
            let policy = if blocks {
                PropagationPolicy::Foreground
            } else {
                PropagationPolicy::Background
            };
            let dp = DeleteParams {
                propagation_policy: Some(policy),
                preconditions: Some(Preconditions {
                    uid: Some(dep_uid.clone()),
                    resource_version: None,
                }),
                ..Default::default()
            };
            match self.api_for(&dep).delete(&dep.name, &dp).await {
                Ok(_) => {}
                Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => {}
                Err(err) => return Err(err.into()),
            }
        }
        if blocking > 0 {
            return Ok(Next::After(Duration::from_secs(2)));
        }
        self.remove_finalizer(node, uid, FOREGROUND).await?;
        Ok(Next::Done)
    }
}
