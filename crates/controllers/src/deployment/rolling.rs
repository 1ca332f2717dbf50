//! The RollingUpdate strategy: one step per sync. First grow the new
//! ReplicaSet as far as maxSurge allows; if that was not possible, shrink old
//! ReplicaSets — first their unavailable pods (which costs no availability),
//! then available ones down to `replicas - maxUnavailable` available pods in
//! total, oldest ReplicaSets first. Pod changes reported by the ReplicaSets
//! trigger the next step.

use anyhow::Context;
use capstan_runtime::Next;
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::progress::deployment_complete;
use super::util::{
    deployment_replicas, filter_active, max_unavailable, new_rs_new_replicas, reliable_available,
    replica_count, rs_available, rs_replicas, sort_by_creation,
};
use super::Controller;

impl Controller {
    /// One RollingUpdate step: create the new ReplicaSet if needed, grow it,
    /// else shrink old ones, then write the status.
    pub(super) async fn rollout_rolling(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
    ) -> anyhow::Result<Next> {
        let (new_rs, old_rss) = self
            .all_replica_sets_and_sync_revision(d, rs_list, true)
            .await?;
        let new_rs = new_rs.context("the new replica set was neither found nor created")?;
        let mut all = old_rss.clone();
        all.push(new_rs.clone());

        if self.reconcile_new_replica_set(&all, &new_rs, d).await? {
            return self.sync_rollout_status(&all, Some(&new_rs), d).await;
        }
        if self
            .reconcile_old_replica_sets(&all, filter_active(&old_rss), &new_rs, d)
            .await?
        {
            return self.sync_rollout_status(&all, Some(&new_rs), d).await;
        }
        if deployment_complete(d, &d.status.clone().unwrap_or_default()) {
            self.cleanup_deployment(&old_rss, d).await?;
        }
        self.sync_rollout_status(&all, Some(&new_rs), d).await
    }

    /// Grows (or, above the Deployment's size, shrinks) the new ReplicaSet.
    async fn reconcile_new_replica_set(
        &self,
        all: &[ReplicaSet],
        new_rs: &ReplicaSet,
        d: &Deployment,
    ) -> anyhow::Result<bool> {
        let replicas = deployment_replicas(d);
        let current = rs_replicas(new_rs);
        if current == replicas {
            return Ok(false);
        }
        if current > replicas {
            return Ok(self
                .scale_replica_set_and_record(new_rs, replicas, d)
                .await?
                .0);
        }
        let target = new_rs_new_replicas(d, all, new_rs)?;
        Ok(self
            .scale_replica_set_and_record(new_rs, target, d)
            .await?
            .0)
    }

    /// Shrinks old ReplicaSets as far as availability allows.
    async fn reconcile_old_replica_sets(
        &self,
        all: &[ReplicaSet],
        old_active: Vec<ReplicaSet>,
        new_rs: &ReplicaSet,
        d: &Deployment,
    ) -> anyhow::Result<bool> {
        if replica_count(&old_active) == 0 {
            return Ok(false);
        }
        let all_pods = replica_count(all);
        let min_available = deployment_replicas(d) - max_unavailable(d);
        let new_unavailable = rs_replicas(new_rs) - rs_available(new_rs);
        let max_scaled_down = all_pods - min_available - new_unavailable;
        if max_scaled_down <= 0 {
            return Ok(false);
        }
        let (old_active, cleaned) = self
            .cleanup_unhealthy_replicas(old_active, d, max_scaled_down)
            .await?;
        let mut all = old_active.clone();
        all.push(new_rs.clone());
        let scaled = self
            .scale_down_old_replica_sets(&all, old_active, d)
            .await?;
        Ok(cleaned + scaled > 0)
    }

    /// Scales old ReplicaSets down by their unavailable pods (oldest first),
    /// at most `max_cleanup` in total; the ReplicaSet controller deletes
    /// not-ready pods first, so availability does not drop.
    async fn cleanup_unhealthy_replicas(
        &self,
        mut old: Vec<ReplicaSet>,
        d: &Deployment,
        max_cleanup: i32,
    ) -> anyhow::Result<(Vec<ReplicaSet>, i32)> {
        sort_by_creation(&mut old);
        let mut total = 0;
        for rs in old.iter_mut() {
            if total >= max_cleanup {
                break;
            }
            let spec = rs_replicas(rs);
            let available = reliable_available(rs);
            if spec == 0 || spec == available {
                continue;
            }
            let count = (max_cleanup - total).min(spec - available);
            let (_, updated) = self
                .scale_replica_set_and_record(rs, spec - count, d)
                .await?;
            total += count;
            *rs = updated;
        }
        Ok((old, total))
    }

    /// Scales old ReplicaSets down (oldest first) while more than
    /// `replicas - maxUnavailable` pods are available.
    async fn scale_down_old_replica_sets(
        &self,
        all: &[ReplicaSet],
        mut old: Vec<ReplicaSet>,
        d: &Deployment,
    ) -> anyhow::Result<i32> {
        let min_available = deployment_replicas(d) - max_unavailable(d);
        let available: i32 = all.iter().map(reliable_available).sum();
        if available <= min_available {
            return Ok(0);
        }
        sort_by_creation(&mut old);
        let target = available - min_available;
        let mut total = 0;
        for rs in &old {
            if total >= target {
                break;
            }
            let spec = rs_replicas(rs);
            if spec == 0 {
                continue;
            }
            let count = spec.min(target - total);
            self.scale_replica_set_and_record(rs, spec - count, d)
                .await?;
            total += count;
        }
        Ok(total)
    }
}
