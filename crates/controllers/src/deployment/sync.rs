//! The parts of a Deployment sync shared by every strategy: finding (or
//! creating) the new ReplicaSet and keeping revisions in step, scaling
//! (proportionally when several ReplicaSets are active), cleaning up old
//! ReplicaSets beyond revisionHistoryLimit, and writing the status.

use anyhow::{anyhow, Context};
use capstan_runtime::events::EventType;
use capstan_runtime::Next;
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, DeleteParams, PostParams};
use kube::ResourceExt;

use super::history::{
    desired_replicas_annotation, max_revision, replicas_annotations_need_update,
    set_deployment_revision, set_new_replica_set_annotations, set_replicas_annotations,
    MAX_REVISION_HISTORY_CHARS, REVISION,
};
use super::progress::{
    calculate_status, get_condition, new_condition, normalized, rollout_status, set_condition,
    stuck_requeue_after, update_paused_condition, FAILED_RS_CREATE, FOUND_NEW_RS, NEW_RS_CREATED,
    PROGRESSING,
};
use super::util::{
    compute_hash, deployment_replicas, equal_ignore_hash, filter_active, find_active_or_latest,
    find_new_replica_set, find_old_replica_sets, is_paused, is_saturated, max_surge,
    min_ready_seconds, new_rs_new_replicas, progress_deadline, proportional_sizes,
    revision_history_limit, rs_replicas, rs_status_replicas, rs_template, set_rs_replicas,
    sort_by_revision, POD_TEMPLATE_HASH,
};
use super::{is_status, Controller};
use crate::replicaset::api_message;
use crate::replicaset::claim::Claimer;
use crate::replicaset::pods::controller_of;

impl Controller {
    /// The new ReplicaSet (created if `create` and missing) and the old ones,
    /// with the new one's revision raised above the old ones' and copied to
    /// the Deployment.
    pub(super) async fn all_replica_sets_and_sync_revision(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
        create: bool,
    ) -> anyhow::Result<(Option<ReplicaSet>, Vec<ReplicaSet>)> {
        let old = find_old_replica_sets(d, rs_list);
        let new = self.get_new_replica_set(d, rs_list, &old, create).await?;
        Ok((new, old))
    }

    async fn get_new_replica_set(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
        old_rss: &[ReplicaSet],
        create: bool,
    ) -> anyhow::Result<Option<ReplicaSet>> {
        let now = jiff::Timestamp::now();
        let new_revision = max_revision(old_rss) + 1;
        if let Some(existing) = find_new_replica_set(d, rs_list) {
            let mut copy = existing.clone();
            let annotations_changed = set_new_replica_set_annotations(
                d,
                &mut copy,
                new_revision,
                true,
                MAX_REVISION_HISTORY_CHARS,
            );
            let min_ready = min_ready_seconds(d);
            let spec = copy.spec.get_or_insert_with(Default::default);
            let min_ready_changed = spec.min_ready_seconds.unwrap_or(0) != min_ready;
            if annotations_changed || min_ready_changed {
                spec.min_ready_seconds = Some(min_ready);
                return Ok(Some(self.update_rs(&copy).await?));
            }
            let revision = copy
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(REVISION))
                .cloned()
                .unwrap_or_default();
            let mut needs_update = set_deployment_revision(d, &revision);
            let has_progressing = d
                .status
                .as_ref()
                .is_some_and(|s| get_condition(s, PROGRESSING).is_some());
            if progress_deadline(d).is_some() && !has_progressing {
                let message = format!("Found new replica set {:?}", copy.name_any());
                let status = d.status.get_or_insert_with(Default::default);
                set_condition(
                    status,
                    new_condition(PROGRESSING, "True", FOUND_NEW_RS, message, now),
                );
                needs_update = true;
            }
            if needs_update {
                self.update_deployment_status(d).await?;
            }
            return Ok(Some(copy));
        }
        if !create {
            return Ok(None);
        }

        let spec = d.spec.clone().unwrap_or_default();
        let collision_count = d.status.as_ref().and_then(|s| s.collision_count);
        let hash = compute_hash(&spec.template, collision_count);
        let mut template = spec.template.clone();
        template
            .metadata
            .get_or_insert_with(Default::default)
            .labels
            .get_or_insert_with(Default::default)
            .insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let mut selector = spec.selector.clone();
        selector
            .match_labels
            .get_or_insert_with(Default::default)
            .insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let ns = d.metadata.namespace.clone().unwrap_or_default();
        let name = format!("{}-{hash}", d.name_any());
        let mut rs = ReplicaSet {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some(ns.clone()),
                owner_references: Some(vec![Claimer::of(d).controller_ref()]),
                labels: template.metadata.as_ref().and_then(|m| m.labels.clone()),
                ..Default::default()
            },
            spec: Some(ReplicaSetSpec {
                replicas: Some(0),
                min_ready_seconds: Some(spec.min_ready_seconds.unwrap_or(0)),
                selector,
                template: Some(template),
            }),
            status: None,
        };
        let mut all = old_rss.to_vec();
        all.push(rs.clone());
        let new_count = new_rs_new_replicas(d, &all, &rs)?;
        set_rs_replicas(&mut rs, new_count);
        set_new_replica_set_annotations(
            d,
            &mut rs,
            new_revision,
            false,
            MAX_REVISION_HISTORY_CHARS,
        );

        let api: Api<ReplicaSet> = Api::namespaced(self.client.clone(), &ns);
        let (created, already_existed) = match api.create(&PostParams::default(), &rs).await {
            Ok(created) => (created, false),
            Err(err) if is_status(&err, 409) => {
                // Ours and equal: the informer just has not seen it yet.
                let existing = self.replica_sets.get(Some(&ns), &name).ok_or_else(|| {
                    anyhow!("replica set {ns}/{name} exists but is not cached yet")
                })?;
                let ours = controller_of(&existing.metadata)
                    .is_some_and(|r| Some(&r.uid) == d.metadata.uid.as_ref());
                if ours && equal_ignore_hash(&spec.template, &rs_template(&existing)) {
                    ((*existing).clone(), true)
                } else {
                    // A different ReplicaSet has this name: change the hash.
                    let status = d.status.get_or_insert_with(Default::default);
                    let before = status.collision_count.unwrap_or(0);
                    status.collision_count = Some(before.saturating_add(1));
                    self.update_deployment_status(d).await?;
                    tracing::info!(
                        deployment = %d.name_any(),
                        from = before,
                        to = before.saturating_add(1),
                        "found a hash collision; bumping collisionCount"
                    );
                    return Err(anyhow!(
                        "replica set {ns}/{name} already exists with another template"
                    ));
                }
            }
            Err(err) => {
                let message = format!(
                    "Failed to create new replica set {name:?}: {}",
                    api_message(&err)
                );
                if progress_deadline(d).is_some() {
                    let status = d.status.get_or_insert_with(Default::default);
                    set_condition(
                        status,
                        new_condition(PROGRESSING, "False", FAILED_RS_CREATE, message.clone(), now),
                    );
                    // The creation failure is what matters; a failed status write is retried later.
                    let _ = self.update_deployment_status(d).await;
                }
                self.event(d, EventType::Warning, FAILED_RS_CREATE, message.clone());
                return Err(anyhow!(message));
            }
        };
        if !already_existed && new_count > 0 {
            self.event(
                d,
                EventType::Normal,
                "ScalingReplicaSet",
                format!("Scaled up replica set {name} from 0 to {new_count}"),
            );
        }
        let mut needs_update = set_deployment_revision(d, &new_revision.to_string());
        if !already_existed && progress_deadline(d).is_some() {
            let status = d.status.get_or_insert_with(Default::default);
            set_condition(
                status,
                new_condition(
                    PROGRESSING,
                    "True",
                    NEW_RS_CREATED,
                    format!("Created new replica set {name:?}"),
                    now,
                ),
            );
            needs_update = true;
        }
        if needs_update {
            self.update_deployment_status(d).await?;
        }
        Ok(Some(created))
    }

    /// Scales a ReplicaSet to `new_scale` (and records the Deployment's
    /// size in its annotations). Returns whether its size changed, and the
    /// ReplicaSet as stored.
    pub(super) async fn scale_replica_set(
        &self,
        rs: &ReplicaSet,
        new_scale: i32,
        d: &Deployment,
        operation: &str,
    ) -> anyhow::Result<(bool, ReplicaSet)> {
        let size_changes = rs_replicas(rs) != new_scale;
        let desired = deployment_replicas(d);
        let max = desired + max_surge(d);
        if !size_changes && !replicas_annotations_need_update(rs, desired, max) {
            return Ok((false, rs.clone()));
        }
        let before = rs_replicas(rs);
        let mut copy = rs.clone();
        set_rs_replicas(&mut copy, new_scale);
        set_replicas_annotations(&mut copy, desired, max);
        let updated = self.update_rs(&copy).await?;
        if size_changes {
            self.event(
                d,
                EventType::Normal,
                "ScalingReplicaSet",
                format!(
                    "Scaled {operation} replica set {} from {before} to {new_scale}",
                    rs.name_any()
                ),
            );
        }
        Ok((size_changes, updated))
    }

    /// Scales a ReplicaSet up or down to `new_scale`, if it is not there.
    pub(super) async fn scale_replica_set_and_record(
        &self,
        rs: &ReplicaSet,
        new_scale: i32,
        d: &Deployment,
    ) -> anyhow::Result<(bool, ReplicaSet)> {
        let current = rs_replicas(rs);
        if current == new_scale {
            return Ok((false, rs.clone()));
        }
        let operation = if current < new_scale { "up" } else { "down" };
        self.scale_replica_set(rs, new_scale, d, operation).await
    }

    /// Brings the ReplicaSets to the Deployment's size without rolling: the
    /// only active one takes it all; a saturated new one lets the old go;
    /// otherwise the difference is spread proportionally.
    async fn scale(
        &self,
        d: &Deployment,
        new_rs: Option<&ReplicaSet>,
        old_rss: &[ReplicaSet],
    ) -> anyhow::Result<()> {
        let replicas = deployment_replicas(d);
        if let Some(active) = find_active_or_latest(new_rs, old_rss) {
            if rs_replicas(&active) != replicas {
                self.scale_replica_set_and_record(&active, replicas, d)
                    .await?;
            }
            return Ok(());
        }
        if is_saturated(d, new_rs) {
            for old in filter_active(old_rss) {
                self.scale_replica_set_and_record(&old, 0, d).await?;
            }
            return Ok(());
        }
        if super::util::is_rolling_update(d) {
            let mut all = old_rss.to_vec();
            all.extend(new_rs.cloned());
            let (sizes, operation) = proportional_sizes(d, filter_active(&all));
            for (rs, size) in sizes {
                self.scale_replica_set(&rs, size, d, operation).await?;
            }
        }
        Ok(())
    }

    /// Deletes the oldest ReplicaSets beyond revisionHistoryLimit, as long as
    /// they run nothing.
    pub(super) async fn cleanup_deployment(
        &self,
        old_rss: &[ReplicaSet],
        d: &Deployment,
    ) -> anyhow::Result<()> {
        let Some(limit) = revision_history_limit(d) else {
            return Ok(());
        };
        let mut cleanable: Vec<ReplicaSet> = old_rss
            .iter()
            .filter(|rs| rs.metadata.deletion_timestamp.is_none())
            .cloned()
            .collect();
        let excess = i64::try_from(cleanable.len()).unwrap_or(i64::MAX) - i64::from(limit);
        if excess <= 0 {
            return Ok(());
        }
        sort_by_revision(&mut cleanable);
        for rs in cleanable.iter().take(usize::try_from(excess).unwrap_or(0)) {
            let observed = rs
                .status
                .as_ref()
                .and_then(|s| s.observed_generation)
                .unwrap_or(0);
            if rs_status_replicas(rs) != 0
                || rs_replicas(rs) != 0
                || rs.metadata.generation.unwrap_or(0) > observed
                || rs.metadata.deletion_timestamp.is_some()
            {
                continue;
            }
            let ns = rs.metadata.namespace.clone().unwrap_or_default();
            let api: Api<ReplicaSet> = Api::namespaced(self.client.clone(), &ns);
            tracing::debug!(replica_set = %rs.name_any(), "cleaning up old replica set");
            match api.delete(&rs.name_any(), &DeleteParams::default()).await {
                Ok(_) => {}
                Err(err) if is_status(&err, 404) => {}
                Err(err) => {
                    return Err(anyhow!(err)
                        .context(format!("deleting old replica set {ns}/{}", rs.name_any())))
                }
            }
        }
        Ok(())
    }

    /// Writes the counts and Available condition if they changed.
    async fn sync_deployment_status(
        &self,
        all_rss: &[ReplicaSet],
        new_rs: Option<&ReplicaSet>,
        d: &mut Deployment,
    ) -> anyhow::Result<Next> {
        let status = calculate_status(all_rss, new_rs, d, jiff::Timestamp::now());
        if normalized(&d.status.clone().unwrap_or_default()) == normalized(&status) {
            return Ok(Next::Done);
        }
        d.status = Some(status);
        self.update_deployment_status(d).await?;
        Ok(Next::Done)
    }

    /// Writes the status after a rollout step (with the Progressing
    /// condition); when nothing changed, asks to look again when the progress
    /// deadline would pass.
    pub(super) async fn sync_rollout_status(
        &self,
        all_rss: &[ReplicaSet],
        new_rs: Option<&ReplicaSet>,
        d: &mut Deployment,
    ) -> anyhow::Result<Next> {
        let now = jiff::Timestamp::now();
        let status = rollout_status(all_rss, new_rs, d, now);
        if normalized(&d.status.clone().unwrap_or_default()) == normalized(&status) {
            return Ok(match stuck_requeue_after(d, &status, now) {
                Some(after) => Next::After(after),
                None => Next::Done,
            });
        }
        d.status = Some(status);
        self.update_deployment_status(d).await?;
        Ok(Next::Done)
    }

    /// Only refreshes the status (the Deployment is being deleted).
    pub(super) async fn sync_status_only(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
    ) -> anyhow::Result<Next> {
        let (new_rs, old_rss) = self
            .all_replica_sets_and_sync_revision(d, rs_list, false)
            .await?;
        let mut all = old_rss;
        all.extend(new_rs.clone());
        self.sync_deployment_status(&all, new_rs.as_ref(), d).await
    }

    /// Scaling without rolling (paused, or resized mid-rollout).
    pub(super) async fn sync(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
    ) -> anyhow::Result<Next> {
        let (new_rs, old_rss) = self
            .all_replica_sets_and_sync_revision(d, rs_list, false)
            .await?;
        self.scale(d, new_rs.as_ref(), &old_rss).await?;
        if is_paused(d) {
            self.cleanup_deployment(&old_rss, d).await?;
        }
        let mut all = old_rss;
        all.extend(new_rs.clone());
        self.sync_deployment_status(&all, new_rs.as_ref(), d).await
    }

    /// Whether an active ReplicaSet was sized for a different Deployment size,
    /// i.e. the Deployment was scaled.
    pub(super) async fn is_scaling_event(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
    ) -> anyhow::Result<bool> {
        let (new_rs, old_rss) = self
            .all_replica_sets_and_sync_revision(d, rs_list, false)
            .await?;
        let mut all = old_rss;
        all.extend(new_rs);
        let replicas = deployment_replicas(d);
        Ok(filter_active(&all)
            .iter()
            .filter_map(desired_replicas_annotation)
            .any(|desired| desired != replicas))
    }

    /// Records pausing/resuming in the Progressing condition.
    pub(super) async fn check_paused_conditions(&self, d: &mut Deployment) -> anyhow::Result<()> {
        let paused = is_paused(d);
        if update_paused_condition(d, paused, jiff::Timestamp::now()) {
            self.update_deployment_status(d)
                .await
                .context("recording paused condition")?;
        }
        Ok(())
    }
}
