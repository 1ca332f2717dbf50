//! Claiming objects through `ownerReferences`, as Kubernetes' controller-ref
//! manager does: a controller owns what names it as controller and matches its
//! selector; it adopts orphans that match (after re-reading itself from the
//! API server, so that a controller being deleted or replaced never adopts)
//! and releases what it owns but no longer matches. Objects controlled by
//! another owner are left alone.

use std::fmt::Debug;
use std::future::Future;
use std::sync::Arc;

use anyhow::anyhow;
use capstan_machinery::Selector;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use kube::api::{Api, Patch, PatchParams};
use kube::Resource;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::pods::controller_of;

/// The controller doing the claiming.
#[derive(Clone, Debug)]
pub struct Claimer {
    /// API version of the controller (e.g. `apps/v1`).
    pub api_version: String,
    /// Kind of the controller.
    pub kind: String,
    /// Name of the controller.
    pub name: String,
    /// Namespace of the controller.
    pub namespace: String,
    /// UID of the controller.
    pub uid: String,
    /// Whether the controller is being deleted (it then adopts and releases nothing).
    pub deleting: bool,
}

impl Claimer {
    /// Describes `owner` as a claimer.
    pub fn of<K: Resource<DynamicType = ()>>(owner: &K) -> Self {
        let meta = owner.meta();
        Self {
            api_version: K::api_version(&()).into_owned(),
            kind: K::kind(&()).into_owned(),
            name: meta.name.clone().unwrap_or_default(),
            namespace: meta.namespace.clone().unwrap_or_default(),
            uid: meta.uid.clone().unwrap_or_default(),
            deleting: meta.deletion_timestamp.is_some(),
        }
    }

    /// The owner reference this controller puts on what it controls.
    pub fn controller_ref(&self) -> OwnerReference {
        OwnerReference {
            api_version: self.api_version.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            uid: self.uid.clone(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }
    }
}

fn ignorable(err: &kube::Error, codes: &[u16]) -> bool {
    matches!(err, kube::Error::Api(s) if codes.contains(&s.code))
}

/// Sorts `candidates` into what `claimer` controls, adopting matching orphans
/// and releasing non-matching objects it controls. `can_adopt` is consulted
/// (once, lazily) before the first adoption. Any failure is returned after
/// every candidate has been tried.
pub async fn claim<T, F, Fut>(
    api: &Api<T>,
    claimer: &Claimer,
    selector: &Selector,
    candidates: Vec<Arc<T>>,
    can_adopt: F,
) -> anyhow::Result<Vec<Arc<T>>>
where
    T: Resource + Clone + DeserializeOwned + Debug,
    F: FnOnce() -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let mut claimed = Vec::new();
    let mut errors: Vec<anyhow::Error> = Vec::new();
    let mut can_adopt = Some(can_adopt);
    let mut adoption: Option<Result<(), String>> = None;
    for obj in candidates {
        let meta = obj.meta();
        let labels = meta.labels.clone().unwrap_or_default();
        let matches = selector.matches(&labels);
        let name = meta.name.clone().unwrap_or_default();
        let uid = meta.uid.clone().unwrap_or_default();
        match controller_of(meta) {
            Some(r) if r.uid != claimer.uid => continue,
            Some(_) => {
                if matches {
                    claimed.push(obj);
                    continue;
                }
                if claimer.deleting {
                    continue;
                }
                let patch = json!({"metadata": {
                    "ownerReferences": [{"$patch": "delete", "uid": claimer.uid}],
                    "uid": uid,
                }});
                match api
                    .patch(&name, &PatchParams::default(), &Patch::Strategic(&patch))
                    .await
                {
                    Ok(_) => {}
                    // Gone, recreated, or already released.
                    Err(e) if ignorable(&e, &[404, 409, 422]) => {}
                    Err(e) => errors.push(anyhow!(e).context(format!("releasing {name}"))),
                }
            }
            None => {
                if claimer.deleting || !matches || meta.deletion_timestamp.is_some() {
                    continue;
                }
                if meta.namespace.as_deref().unwrap_or_default() != claimer.namespace {
                    continue;
                }
                if adoption.is_none() {
                    let check = match can_adopt.take() {
                        Some(f) => f().await.map_err(|e| format!("{e:#}")),
                        None => Ok(()),
                    };
                    adoption = Some(check);
                }
                if let Some(Err(reason)) = &adoption {
                    errors.push(anyhow!("can't adopt {name}: {reason}"));
                    continue;
                }
                let patch = json!({"metadata": {
                    "ownerReferences": [claimer.controller_ref()],
                    "uid": uid,
                }});
                match api
                    .patch(&name, &PatchParams::default(), &Patch::Strategic(&patch))
                    .await
                {
                    Ok(adopted) => claimed.push(Arc::new(adopted)),
                    Err(e) if ignorable(&e, &[404]) => {}
                    Err(e) => errors.push(anyhow!(e).context(format!("adopting {name}"))),
                }
            }
        }
    }
    match errors.len() {
        0 => Ok(claimed),
        1 => Err(errors.remove(0)),
        n => Err(errors
            .remove(0)
            .context(format!("{n} claim operations failed"))),
    }
}
