//! The Deployment controller: rolls a Deployment's pod template out through
//! ReplicaSets it owns, named `<deployment>-<pod-template-hash>`.
//!
//! Each sync claims the namespace's ReplicaSets matching the selector
//! (adopting orphans, releasing what stopped matching), splits them into the
//! new one (whose template equals the Deployment's) and the old ones, then:
//!
//! * a Deployment being deleted only has its status refreshed;
//! * a paused Deployment, or one whose size changed mid-rollout, is scaled
//!   (proportionally across active ReplicaSets) without rolling further;
//! * otherwise the strategy runs: RollingUpdate surges the new ReplicaSet
//!   within maxSurge and shrinks old ones while at least
//!   `replicas - maxUnavailable` pods stay available ([`rolling`]); Recreate
//!   scales every old ReplicaSet to zero, waits for their pods to be gone, then
//!   scales the new one up ([`recreate`]).
//!
//! Revisions, rollback support and history limits live in [`history`] and
//! [`sync`]; status and conditions in [`progress`]; the pure arithmetic in
//! [`util`].

pub mod history;
pub mod progress;
mod recreate;
mod rolling;
mod sync;
pub mod util;

use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context};
use capstan_machinery::Selector;
use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::informer::key_of;
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use kube::api::{Api, PostParams};
use kube::{Client, ResourceExt};

use crate::replicaset::claim::{claim, Claimer};
use crate::replicaset::pods::controller_of;
use crate::replicaset::{add_indexes, group_of, in_namespace};

/// The name events are reported as.
const CONTROLLER: &str = "deployment-controller";
/// Workers (Kubernetes' `--concurrent-deployment-syncs`).
const WORKERS: usize = 5;

/// Starts the Deployment controller.
pub fn start(informers: &Informers) {
    let deployments = informers.get::<Deployment>();
    add_indexes(&deployments);
    let replica_sets = informers.get::<ReplicaSet>();
    add_indexes(&replica_sets);
    let pods = informers.get::<Pod>();
    add_indexes(&pods);
    let client = informers.client().clone();
    let ctrl = Arc::new(Controller {
        recorder: Recorder::new(client.clone(), CONTROLLER, CONTROLLER),
        client,
        deployments: deployments.clone(),
        replica_sets: replica_sets.clone(),
        pods: pods.clone(),
        queue: WorkQueue::new(),
    });

    let mut changes = deployments.subscribe();
    let c = ctrl.clone();
    tokio::spawn(async move {
        while let Some(change) = changes.recv().await {
            c.queue.add(key_of(change.object().as_ref()));
        }
    });

    let mut changes = replica_sets.subscribe();
    let c = ctrl.clone();
    tokio::spawn(async move {
        while let Some(change) = changes.recv().await {
            c.on_replica_set_change(change);
        }
    });

    let mut changes = pods.subscribe();
    let c = ctrl.clone();
    tokio::spawn(async move {
        while let Some(change) = changes.recv().await {
            if let Change::Deleted(pod) = change {
                c.on_pod_deleted(&pod);
            }
        }
    });

    tokio::spawn(async move {
        while !(deployments.wait_synced(Duration::from_secs(5)).await
            && replica_sets.wait_synced(Duration::from_secs(5)).await
            && pods.wait_synced(Duration::from_secs(5)).await)
        {
            tracing::debug!(controller = CONTROLLER, "waiting for informers to sync");
        }
        let queue = ctrl.queue.clone();
        run_workers(CONTROLLER, queue, WORKERS, move |key: String| {
            let ctrl = ctrl.clone();
            async move { ctrl.sync_deployment(&key).await }
        });
    });
}

/// The Deployment controller's state.
struct Controller {
    client: Client,
    deployments: Arc<Informer<Deployment>>,
    replica_sets: Arc<Informer<ReplicaSet>>,
    pods: Arc<Informer<Pod>>,
    queue: Arc<WorkQueue<String>>,
    recorder: Recorder,
}

fn is_status(err: &kube::Error, code: u16) -> bool {
    matches!(err, kube::Error::Api(s) if s.code == code)
}

impl Controller {
    /// The key of the Deployment `r` points at, if known.
    fn resolve(&self, namespace: &str, r: &OwnerReference) -> Option<String> {
        if r.kind != "Deployment" || group_of(&r.api_version) != "apps" {
            return None;
        }
        let d = self.deployments.get(Some(namespace), &r.name)?;
        (d.metadata.uid.as_deref() == Some(r.uid.as_str())).then(|| key_of(d.as_ref()))
    }

    /// Deployments whose (non-empty) selector matches an orphan ReplicaSet.
    fn deployments_for(&self, rs: &ReplicaSet) -> Vec<String> {
        let Some(ns) = rs.metadata.namespace.as_deref() else {
            return Vec::new();
        };
        let labels = rs.metadata.labels.clone().unwrap_or_default();
        in_namespace(&self.deployments, ns)
            .into_iter()
            .filter(|d| {
                let selector = d
                    .spec
                    .as_ref()
                    .map(|s| s.selector.clone())
                    .unwrap_or_default();
                match Selector::from_label_selector(Some(&selector)) {
                    Ok(sel) => !sel.is_empty() && sel.matches(&labels),
                    Err(_) => false,
                }
            })
            .map(|d| key_of(d.as_ref()))
            .collect()
    }

    fn on_replica_set_change(&self, change: Change<ReplicaSet>) {
        match change {
            Change::Added(rs) => {
                let ns = rs.metadata.namespace.clone().unwrap_or_default();
                if let Some(r) = controller_of(&rs.metadata) {
                    if let Some(key) = self.resolve(&ns, r) {
                        self.queue.add(key);
                    }
                    return;
                }
                if rs.metadata.deletion_timestamp.is_some() {
                    return;
                }
                for key in self.deployments_for(&rs) {
                    self.queue.add(key);
                }
            }
            Change::Updated { old, new } => {
                let ns = new.metadata.namespace.clone().unwrap_or_default();
                let old_ref = controller_of(&old.metadata);
                let new_ref = controller_of(&new.metadata);
                let ref_changed = old_ref.map(|r| &r.uid) != new_ref.map(|r| &r.uid);
                if ref_changed {
                    if let Some(key) = old_ref.and_then(|r| self.resolve(&ns, r)) {
                        self.queue.add(key);
                    }
                }
                if let Some(r) = new_ref {
                    if let Some(key) = self.resolve(&ns, r) {
                        self.queue.add(key);
                    }
                    return;
                }
                if old.metadata.labels != new.metadata.labels || ref_changed {
                    for key in self.deployments_for(&new) {
                        self.queue.add(key);
                    }
                }
            }
            Change::Deleted(rs) => {
                let ns = rs.metadata.namespace.clone().unwrap_or_default();
                if let Some(key) = controller_of(&rs.metadata).and_then(|r| self.resolve(&ns, r)) {
                    self.queue.add(key);
                }
            }
        }
    }

    /// A Recreate rollout waits for old pods to be gone: look again when one goes.
    fn on_pod_deleted(&self, pod: &Pod) {
        let Some(ns) = pod.metadata.namespace.as_deref() else {
            return;
        };
        let Some(r) = controller_of(&pod.metadata) else {
            return;
        };
        if r.kind != "ReplicaSet" || group_of(&r.api_version) != "apps" {
            return;
        }
        let Some(rs) = self.replica_sets.get(Some(ns), &r.name) else {
            return;
        };
        if rs.metadata.uid.as_deref() != Some(r.uid.as_str()) {
            return;
        }
        let Some(key) = controller_of(&rs.metadata).and_then(|dr| self.resolve(ns, dr)) else {
            return;
        };
        let recreate = self
            .deployments
            .get_key(&key)
            .is_some_and(|d| util::strategy_type(&d) == "Recreate");
        if recreate {
            self.queue.add(key);
        }
    }

    fn event(&self, d: &Deployment, kind: EventType, reason: &str, note: String) {
        self.recorder
            .record(reference(d), kind, reason, "Sync", note);
    }

    /// Re-reads the Deployment from the API server before adopting anything.
    async fn can_adopt(&self, d: &Deployment) -> anyhow::Result<()> {
        let ns = d.metadata.namespace.clone().unwrap_or_default();
        let name = d.name_any();
        let api: Api<Deployment> = Api::namespaced(self.client.clone(), &ns);
        let fresh = api
            .get(&name)
            .await
            .with_context(|| format!("re-reading {ns}/{name}"))?;
        if fresh.metadata.uid != d.metadata.uid {
            return Err(anyhow!(
                "original Deployment {ns}/{name} is gone: got uid {}, wanted {}",
                fresh.metadata.uid.unwrap_or_default(),
                d.metadata.uid.clone().unwrap_or_default()
            ));
        }
        if let Some(ts) = fresh.metadata.deletion_timestamp {
            return Err(anyhow!("{ns}/{name} has just been deleted at {}", ts.0));
        }
        Ok(())
    }

    /// The ReplicaSets this Deployment controls, after adopting and releasing.
    async fn replica_sets_for(&self, d: &Deployment) -> anyhow::Result<Vec<ReplicaSet>> {
        let ns = d.metadata.namespace.clone().unwrap_or_default();
        let selector = d
            .spec
            .as_ref()
            .map(|s| s.selector.clone())
            .unwrap_or_default();
        let selector = Selector::from_label_selector(Some(&selector)).map_err(|e| {
            anyhow!(
                "deployment {ns}/{} has invalid label selector: {e}",
                d.name_any()
            )
        })?;
        let candidates = in_namespace(&self.replica_sets, &ns);
        let api: Api<ReplicaSet> = Api::namespaced(self.client.clone(), &ns);
        let claimer = Claimer::of(d);
        let claimed = claim(&api, &claimer, &selector, candidates, || self.can_adopt(d)).await?;
        Ok(claimed.iter().map(|rs| (**rs).clone()).collect())
    }

    /// Writes a ReplicaSet (with its resourceVersion, so a stale view fails).
    async fn update_rs(&self, rs: &ReplicaSet) -> anyhow::Result<ReplicaSet> {
        let ns = rs.metadata.namespace.clone().unwrap_or_default();
        let name = rs.name_any();
        let api: Api<ReplicaSet> = Api::namespaced(self.client.clone(), &ns);
        api.replace(&name, &PostParams::default(), rs)
            .await
            .with_context(|| format!("updating replica set {ns}/{name}"))
    }

    /// Writes the Deployment's status (and annotations, as Kubernetes' status
    /// updates do); `d` becomes what the server stored.
    async fn update_deployment_status(&self, d: &mut Deployment) -> anyhow::Result<()> {
        let ns = d.metadata.namespace.clone().unwrap_or_default();
        let name = d.name_any();
        let api: Api<Deployment> = Api::namespaced(self.client.clone(), &ns);
        let updated = api
            .replace_status(&name, &PostParams::default(), d)
            .await
            .with_context(|| format!("updating status of deployment {ns}/{name}"))?;
        *d = updated;
        Ok(())
    }

    async fn sync_deployment(&self, key: &str) -> anyhow::Result<Next> {
        let Some(cached) = self.deployments.get_key(key) else {
            return Ok(Next::Done);
        };
        let mut d = (*cached).clone();
        let selector = d
            .spec
            .as_ref()
            .map(|s| s.selector.clone())
            .unwrap_or_default();
        let selects_all = selector.match_labels.as_ref().is_none_or(|m| m.is_empty())
            && selector
                .match_expressions
                .as_ref()
                .is_none_or(|e| e.is_empty());
        if selects_all {
            self.event(
                &d,
                EventType::Warning,
                "SelectingAll",
                "This deployment is selecting all pods. A non-empty selector is required.".into(),
            );
            let generation = d.metadata.generation.unwrap_or(0);
            let status = d.status.get_or_insert_with(Default::default);
            if status.observed_generation.unwrap_or(0) < generation {
                status.observed_generation = Some(generation);
                self.update_deployment_status(&mut d).await?;
            }
            return Ok(Next::Done);
        }
        let rs_list = self.replica_sets_for(&d).await?;
        if d.metadata.deletion_timestamp.is_some() {
            return self.sync_status_only(&mut d, &rs_list).await;
        }
        self.check_paused_conditions(&mut d).await?;
        if util::is_paused(&d) {
            return self.sync(&mut d, &rs_list).await;
        }
        if self.is_scaling_event(&mut d, &rs_list).await? {
            return self.sync(&mut d, &rs_list).await;
        }
        match util::strategy_type(&d) {
            "Recreate" => self.rollout_recreate(&mut d, &rs_list).await,
            "RollingUpdate" => self.rollout_rolling(&mut d, &rs_list).await,
            other => Err(anyhow!("unexpected deployment strategy type: {other}")),
        }
    }
}
