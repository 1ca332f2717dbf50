//! The StatefulSet controller (apps/v1), following Kubernetes 1.33's.
//!
//! Each sync of a set:
//!
//! * adopts orphaned ControllerRevisions and pods the selector matches (pods
//!   must also be named `<set>-<ordinal>`), and releases pods it no longer selects;
//! * finds or creates the update revision (a ControllerRevision holding the
//!   pod template), renumbering an older equal revision on rollback, and takes
//!   the current revision from `status.currentRevision`;
//! * runs the update algorithm in [`plan`] — ordered or parallel creation with
//!   claims created first, ordered scale-down, rolling updates above the
//!   partition, claim ownership for the retention policy — and carries out its
//!   actions, recording events as Kubernetes does;
//! * records the status and deletes revisions beyond `revisionHistoryLimit`
//!   that no pod uses.

pub mod identity;
pub mod plan;

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod, PodTemplateSpec};
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams, Preconditions};
use kube::Client;
use serde_json::json;

use capstan_machinery::Selector;
use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::informer::{index_controller_uid, index_namespace, key_of};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

use crate::history;
use identity::{claims_for, is_member, ordinal_of, set_name, Retention};
use plan::{Action, DeleteReason, Snapshot};

/// The name this controller reports in events.
pub const CONTROLLER_NAME: &str = "statefulset-controller";

const BY_CONTROLLER: &str = "controller-uid";
const BY_NAMESPACE: &str = "namespace";

struct Controller {
    client: Client,
    sets: Arc<Informer<StatefulSet>>,
    pods: Arc<Informer<Pod>>,
    claims: Arc<Informer<PersistentVolumeClaim>>,
    revisions: Arc<Informer<ControllerRevision>>,
    queue: Arc<WorkQueue<String>>,
    recorder: Recorder,
}

/// Starts the StatefulSet controller on the shared informers.
pub fn start(informers: &Informers) {
    let pods = informers.get::<Pod>();
    pods.add_index(BY_CONTROLLER, index_controller_uid::<Pod>);
    pods.add_index(BY_NAMESPACE, index_namespace::<Pod>);
    let client = informers.client().clone();
    let ctrl = Arc::new(Controller {
        recorder: Recorder::new(client.clone(), CONTROLLER_NAME, CONTROLLER_NAME),
        client,
        sets: informers.get::<StatefulSet>(),
        pods,
        claims: informers.get::<PersistentVolumeClaim>(),
        revisions: informers.get::<ControllerRevision>(),
        queue: WorkQueue::with_backoff(Duration::from_millis(5), Duration::from_secs(60)),
    });
    tokio::spawn(async move {
        let wait = Duration::from_secs(5);
        while !(ctrl.sets.wait_synced(wait).await
            && ctrl.pods.wait_synced(wait).await
            && ctrl.claims.wait_synced(wait).await
            && ctrl.revisions.wait_synced(wait).await)
        {}
        let mut set_changes = ctrl.sets.subscribe();
        let mut pod_changes = ctrl.pods.subscribe();
        let mut claim_changes = ctrl.claims.subscribe();
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = set_changes.recv().await {
                c.queue.add(key_of(change.object().as_ref()));
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                c.on_pod(&change);
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = claim_changes.recv().await {
                if !matches!(change, Change::Updated { .. }) {
                    c.on_claim(change.object());
                }
            }
        });
        let c = ctrl.clone();
        run_workers("statefulset", ctrl.queue.clone(), 5, move |key: String| {
            let c = c.clone();
            async move { c.sync(&key).await }
        });
    });
}

fn selector_of(set: &StatefulSet) -> Option<Selector> {
    let spec = set.spec.as_ref()?;
    Selector::from_label_selector(Some(&spec.selector)).ok()
}

impl Controller {
    /// The set controlling `pod` (by controller reference), if it is known.
    fn owner_key(&self, pod: &Pod) -> Option<String> {
        let c = history::controller_of(&pod.metadata)?;
        if c.kind != "StatefulSet" {
            return None;
        }
        let ns = pod.metadata.namespace.as_deref();
        let set = self.sets.get(ns, &c.name)?;
        (set.metadata.uid.as_deref() == Some(c.uid.as_str())).then(|| key_of(set.as_ref()))
    }

    /// Sets in the pod's namespace that would adopt it.
    fn adopters(&self, pod: &Pod) -> Vec<String> {
        let ns = pod.metadata.namespace.clone().unwrap_or_default();
        let labels = history::labels_of(&pod.metadata);
        self.sets
            .list_namespace(&ns)
            .into_iter()
            .filter(|s| is_member(set_name(s), pod))
            .filter(|s| selector_of(s).is_some_and(|sel| !sel.is_empty() && sel.matches(&labels)))
            .map(|s| key_of(s.as_ref()))
            .collect()
    }

    fn on_pod(&self, change: &Change<Pod>) {
        let mut keys = Vec::new();
        match change {
            Change::Added(pod) | Change::Deleted(pod) => match self.owner_key(pod) {
                Some(k) => keys.push(k),
                None if history::controller_of(&pod.metadata).is_none()
                    && matches!(change, Change::Added(_)) =>
                {
                    keys.extend(self.adopters(pod))
                }
                None => {}
            },
            Change::Updated { old, new } => {
                let old_owner = self.owner_key(old);
                let new_owner = self.owner_key(new);
                if old_owner != new_owner {
                    keys.extend(old_owner);
                }
                match new_owner {
                    Some(k) => keys.push(k),
                    None if history::controller_of(&new.metadata).is_none()
                        && (old.metadata.labels != new.metadata.labels
                            || history::controller_of(&old.metadata).is_some()) =>
                    {
                        keys.extend(self.adopters(new))
                    }
                    None => {}
                }
            }
        }
        for k in keys {
            self.queue.add(k);
        }
    }

    /// A claim appeared or went away: resync the set whose claim it could be.
    fn on_claim(&self, claim: &PersistentVolumeClaim) {
        let ns = claim.metadata.namespace.clone().unwrap_or_default();
        let name = claim.metadata.name.clone().unwrap_or_default();
        for set in self.sets.list_namespace(&ns) {
            let templates = set
                .spec
                .as_ref()
                .and_then(|s| s.volume_claim_templates.as_deref())
                .unwrap_or(&[]);
            let ours = templates.iter().any(|t| {
                let prefix = format!(
                    "{}-{}-",
                    t.metadata.name.as_deref().unwrap_or(""),
                    set_name(&set)
                );
                name.strip_prefix(&prefix).is_some_and(|rest| {
                    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
                })
            });
            if ours {
                self.queue.add(key_of(set.as_ref()));
            }
        }
    }

    fn event(&self, set: &StatefulSet, kind: EventType, reason: &str, note: String) {
        self.recorder
            .record(reference(set), kind, reason, reason, note);
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let Some(set) = self.sets.get_key(key) else {
            return Ok(Next::Done);
        };
        let Some(selector) = selector_of(&set) else {
            tracing::debug!(statefulset = key, "invalid selector; not syncing");
            return Ok(Next::Done);
        };
        let revisions = self.claim_revisions(&set, &selector).await?;
        let pods = self.claim_pods(&set, &selector).await?;
        self.sync_set(&set, pods, revisions).await
    }

    /// Re-reads the set from the API server and checks it is the same, live object
    /// (before adopting anything on its behalf).
    async fn can_adopt(&self, set: &StatefulSet) -> anyhow::Result<bool> {
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &ns);
        let fresh = api
            .get_opt(set_name(set))
            .await
            .with_context(|| format!("re-reading statefulset {ns}/{}", set_name(set)))?;
        Ok(fresh.is_some_and(|f| {
            f.metadata.uid == set.metadata.uid && f.metadata.deletion_timestamp.is_none()
        }))
    }

    async fn claim_revisions(
        &self,
        set: &StatefulSet,
        selector: &Selector,
    ) -> anyhow::Result<Vec<Arc<ControllerRevision>>> {
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let uid = set.metadata.uid.clone().unwrap_or_default();
        let mut revisions = history::list_revisions(&self.revisions, &ns, &uid, selector);
        let orphans = revisions
            .iter()
            .any(|r| history::controller_of(&r.metadata).is_none());
        if orphans && set.metadata.deletion_timestamp.is_none() && self.can_adopt(set).await? {
            let api: Api<ControllerRevision> = Api::namespaced(self.client.clone(), &ns);
            let Some(oref) = history::controller_ref(set) else {
                return Ok(revisions);
            };
            for r in revisions.iter_mut() {
                if history::controller_of(&r.metadata).is_none() {
                    *r = Arc::new(history::adopt(&api, &r.metadata, &oref).await?);
                }
            }
        }
        Ok(revisions)
    }

    /// The pods the set controls after adopting and releasing (Kubernetes'
    /// `ClaimPods` with the membership filter).
    async fn claim_pods(
        &self,
        set: &StatefulSet,
        selector: &Selector,
    ) -> anyhow::Result<Vec<Arc<Pod>>> {
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        history::claim_pods(
            &api,
            set,
            self.pods.by_index(BY_NAMESPACE, &ns),
            |pod| {
                !selector.is_empty()
                    && selector.matches(&history::labels_of(&pod.metadata))
                    && is_member(set_name(set), pod)
            },
            || self.can_adopt(set),
        )
        .await
    }

    /// Kubernetes' `getStatefulSetRevisions`: the current and update revisions,
    /// creating or renumbering the update revision as needed.
    async fn revisions_for(
        &self,
        set: &StatefulSet,
        revisions: &mut Vec<Arc<ControllerRevision>>,
        collision_count: &mut i32,
    ) -> anyhow::Result<(Arc<ControllerRevision>, Arc<ControllerRevision>)> {
        history::sort_revisions(revisions);
        let spec = set.spec.as_ref().context("statefulset has no spec")?;
        let data = history::template_patch(&spec.template)?;
        let labels = spec
            .template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.clone())
            .unwrap_or_default();
        let annotations = set.metadata.annotations.clone().unwrap_or_default();
        let oref = history::controller_ref(set).context("statefulset has no name or uid")?;
        let candidate = history::new_revision(
            &set.metadata,
            oref,
            &labels,
            &annotations,
            data,
            history::next_revision(revisions),
            *collision_count,
        );
        let equal: Vec<Arc<ControllerRevision>> = revisions
            .iter()
            .filter(|r| history::equal_revision(r, &candidate))
            .cloned()
            .collect();
        let update = match (equal.last(), revisions.last()) {
            (Some(eq), Some(last)) if history::equal_revision(eq, last) => last.clone(),
            (Some(eq), _) => {
                let renumbered = Arc::new(
                    history::renumber_revision(&self.client, eq, candidate.revision).await?,
                );
                revisions.retain(|r| r.metadata.name != renumbered.metadata.name);
                revisions.push(renumbered.clone());
                renumbered
            }
            (None, _) => {
                let created = Arc::new(
                    history::create_revision(&self.client, &candidate, collision_count).await?,
                );
                revisions.retain(|r| r.metadata.name != created.metadata.name);
                revisions.push(created.clone());
                created
            }
        };
        history::sort_revisions(revisions);
        let current_name = set.status.as_ref().and_then(|s| s.current_revision.clone());
        let current = revisions
            .iter()
            .find(|r| current_name.is_some() && r.metadata.name == current_name)
            .cloned()
            .unwrap_or_else(|| update.clone());
        Ok((current, update))
    }

    async fn sync_set(
        &self,
        set: &StatefulSet,
        pods: Vec<Arc<Pod>>,
        mut revisions: Vec<Arc<ControllerRevision>>,
    ) -> anyhow::Result<Next> {
        let mut collision_count = set
            .status
            .as_ref()
            .and_then(|s| s.collision_count)
            .unwrap_or(0);
        let (current, update) = self
            .revisions_for(set, &mut revisions, &mut collision_count)
            .await?;
        let current_template: PodTemplateSpec = history::template_from_revision(&current)?;
        let update_template: PodTemplateSpec = history::template_from_revision(&update)?;
        let current_name = current.metadata.name.clone().unwrap_or_default();
        let update_name = update.metadata.name.clone().unwrap_or_default();
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let claims = self.claims.clone();
        let lookup = move |name: &str| claims.get(Some(&ns), name);
        let now = Timestamp::now();
        let mut planned = plan::plan(&Snapshot {
            set,
            current_template: &current_template,
            update_template: &update_template,
            current_revision: &current_name,
            update_revision: &update_name,
            collision_count,
            pods: &pods,
            claim: &lookup,
            owner: history::controller_ref(set),
            now,
        });
        let result = self.execute(set, &planned.actions).await;
        plan::complete_rolling_update(set, &mut planned.status);
        let status_result = self.record_status(set, &planned.status).await;
        let live: HashSet<String> = [current_name.clone(), update_name.clone()]
            .into_iter()
            .chain(pods.iter().map(|p| identity::pod_revision(p).to_string()))
            .collect();
        let limit = set
            .spec
            .as_ref()
            .and_then(|s| s.revision_history_limit)
            .unwrap_or(10);
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let mut prune_result = Ok(());
        for name in history::revisions_to_prune(&revisions, &live, limit) {
            if let Err(err) = history::delete_revision(&self.client, &ns, &name).await {
                prune_result = Err(err);
                break;
            }
        }
        result?;
        status_result?;
        prune_result?;
        let min_ready = identity::min_ready_seconds(set);
        let mut after = planned.requeue_after;
        if min_ready > 0 && planned.status.available_replicas != Some(identity::replicas(set)) {
            after = Some(after.map_or(i64::from(min_ready), |a| a.min(i64::from(min_ready))));
        }
        Ok(match after {
            Some(secs) => Next::After(Duration::from_secs(u64::try_from(secs.max(1)).unwrap_or(1))),
            None => Next::Done,
        })
    }

    async fn record_status(
        &self,
        set: &StatefulSet,
        status: &StatefulSetStatus,
    ) -> anyhow::Result<()> {
        if !plan::status_changed(set, status) {
            return Ok(());
        }
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &ns);
        let patch = json!({"status": {
            "observedGeneration": status.observed_generation,
            "replicas": status.replicas,
            "readyReplicas": status.ready_replicas,
            "availableReplicas": status.available_replicas,
            "currentReplicas": status.current_replicas,
            "updatedReplicas": status.updated_replicas,
            "currentRevision": status.current_revision,
            "updateRevision": status.update_revision,
            "collisionCount": status.collision_count,
        }});
        match api
            .patch_status(
                set_name(set),
                &PatchParams::default(),
                &Patch::Merge(&patch),
            )
            .await
        {
            Ok(_) => Ok(()),
            Err(err) if history::is_status(&err, 404) => Ok(()),
            Err(err) => Err(err)
                .with_context(|| format!("updating status of statefulset {ns}/{}", set_name(set))),
        }
    }

    /// Carries out the planned actions in order, stopping at the first failure
    /// (or when the cache turns out to be behind).
    async fn execute(&self, set: &StatefulSet, actions: &[Action]) -> anyhow::Result<()> {
        for action in actions {
            let proceed = match action {
                Action::Create(pod) => self.create_pod(set, pod).await?,
                Action::CreateMissingClaims(pod) => {
                    self.create_claims(set, pod).await?;
                    true
                }
                Action::FixIdentity(pod) => {
                    self.fix_identity(set, pod).await?;
                    true
                }
                Action::UpdateClaim(claim) => {
                    self.update_claim(claim).await?;
                    true
                }
                Action::Delete(pod, why) => self.delete_pod(set, pod, *why).await?,
            };
            if !proceed {
                break;
            }
        }
        Ok(())
    }

    /// Creates the pod's missing claims. The set becomes their owner when the
    /// policy deletes claims with the set.
    async fn create_claims(&self, set: &StatefulSet, pod: &Pod) -> anyhow::Result<()> {
        let Some(ordinal) = ordinal_of(pod) else {
            return Ok(());
        };
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let api: Api<PersistentVolumeClaim> = Api::namespaced(self.client.clone(), &ns);
        let policy = Retention::of(set);
        let pod_name = pod.metadata.name.clone().unwrap_or_default();
        let mut errors = Vec::new();
        for (_, mut claim) in claims_for(set, ordinal) {
            let name = claim.metadata.name.clone().unwrap_or_default();
            if let Some(existing) = self.claims.get(Some(&ns), &name) {
                if existing.metadata.deletion_timestamp.is_some() {
                    errors.push(format!("pvc {name} is being deleted"));
                }
                continue;
            }
            if policy.delete_with_set {
                claim.metadata.owner_references = history::controller_ref(set).map(|o| vec![o]);
            }
            match api.create(&PostParams::default(), &claim).await {
                Ok(_) => self.event(
                    set,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format!(
                        "create Claim {name} Pod {pod_name} in StatefulSet {} success",
                        set_name(set)
                    ),
                ),
                Err(err) if history::is_status(&err, 409) => {}
                Err(err) => {
                    self.event(
                        set,
                        EventType::Warning,
                        "FailedCreate",
                        format!(
                            "create Claim {name} for Pod {pod_name} in StatefulSet {} failed error: {err}",
                            set_name(set)
                        ),
                    );
                    errors.push(format!("failed to create PVC {name}: {err}"));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            anyhow::bail!(errors.join("; "))
        }
    }

    /// Creates claims then the pod; false when the pod already exists (the
    /// cache is behind, so stop and wait for it).
    async fn create_pod(&self, set: &StatefulSet, pod: &Pod) -> anyhow::Result<bool> {
        let name = pod.metadata.name.clone().unwrap_or_default();
        let set_label = set_name(set).to_string();
        if let Err(err) = self.create_claims(set, pod).await {
            self.event(
                set,
                EventType::Warning,
                "FailedCreate",
                format!("create Pod {name} in StatefulSet {set_label} failed error: {err:#}"),
            );
            return Err(err);
        }
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        match api.create(&PostParams::default(), pod).await {
            Ok(_) => {
                self.event(
                    set,
                    EventType::Normal,
                    "SuccessfulCreate",
                    format!("create Pod {name} in StatefulSet {set_label} successful"),
                );
                Ok(true)
            }
            Err(err) if history::is_status(&err, 409) => Ok(false),
            Err(err) => {
                self.event(
                    set,
                    EventType::Warning,
                    "FailedCreate",
                    format!("create Pod {name} in StatefulSet {set_label} failed error: {err}"),
                );
                Err(err).with_context(|| format!("creating pod {ns}/{name}"))
            }
        }
    }

    async fn fix_identity(&self, set: &StatefulSet, pod: &Pod) -> anyhow::Result<()> {
        let mut fixed = pod.clone();
        identity::update_identity(set, &mut fixed);
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        let labels: BTreeMap<String, String> = fixed.metadata.labels.unwrap_or_default();
        let patch = json!({"metadata": {
            "labels": {
                identity::POD_NAME_LABEL: labels.get(identity::POD_NAME_LABEL),
                identity::POD_INDEX_LABEL: labels.get(identity::POD_INDEX_LABEL),
            },
            "uid": pod.metadata.uid,
        }});
        let result = api
            .patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
            .await;
        let (kind, reason, note) = match &result {
            Ok(_) => (
                EventType::Normal,
                "SuccessfulUpdate",
                format!(
                    "update Pod {name} in StatefulSet {} successful",
                    set_name(set)
                ),
            ),
            Err(err) => (
                EventType::Warning,
                "FailedUpdate",
                format!(
                    "update Pod {name} in StatefulSet {} failed error: {err}",
                    set_name(set)
                ),
            ),
        };
        self.event(set, kind, reason, note);
        match result {
            Ok(_) => Ok(()),
            Err(err) if history::is_status(&err, 404) => Ok(()),
            Err(err) => Err(err).with_context(|| format!("updating pod {ns}/{name}")),
        }
    }

    async fn update_claim(&self, claim: &PersistentVolumeClaim) -> anyhow::Result<()> {
        let ns = claim.metadata.namespace.clone().unwrap_or_default();
        let name = claim.metadata.name.clone().unwrap_or_default();
        let api: Api<PersistentVolumeClaim> = Api::namespaced(self.client.clone(), &ns);
        let patch = json!({"metadata": {
            "ownerReferences": claim.metadata.owner_references,
            "resourceVersion": claim.metadata.resource_version,
        }});
        match api
            .patch(&name, &PatchParams::default(), &Patch::Merge(&patch))
            .await
        {
            Ok(_) => Ok(()),
            Err(err) if history::is_status(&err, 404) => Ok(()),
            Err(err) => Err(err).with_context(|| {
                format!("could not update claim {ns}/{name} for delete policy ownerRefs")
            }),
        }
    }

    /// Deletes a pod (guarded by its UID); false when it was replaced meanwhile.
    async fn delete_pod(
        &self,
        set: &StatefulSet,
        pod: &Pod,
        why: DeleteReason,
    ) -> anyhow::Result<bool> {
        let ns = set.metadata.namespace.clone().unwrap_or_default();
        let name = pod.metadata.name.clone().unwrap_or_default();
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        let dp = DeleteParams {
            preconditions: Some(Preconditions {
                uid: pod.metadata.uid.clone(),
                resource_version: None,
            }),
            ..Default::default()
        };
        tracing::debug!(statefulset = %set_name(set), pod = %name, reason = ?why, "deleting pod");
        match api.delete(&name, &dp).await {
            Ok(_) => {
                self.event(
                    set,
                    EventType::Normal,
                    "SuccessfulDelete",
                    format!(
                        "delete Pod {name} in StatefulSet {} successful",
                        set_name(set)
                    ),
                );
                Ok(true)
            }
            Err(err) if history::is_status(&err, 404) => Ok(true),
            Err(err) if history::is_status(&err, 409) => Ok(false),
            Err(err) => {
                self.event(
                    set,
                    EventType::Warning,
                    "FailedDelete",
                    format!(
                        "delete Pod {name} in StatefulSet {} failed error: {err}",
                        set_name(set)
                    ),
                );
                Err(err).with_context(|| format!("deleting pod {ns}/{name}"))
            }
        }
    }
}
