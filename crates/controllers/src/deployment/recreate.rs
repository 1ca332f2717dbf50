//! The Recreate strategy: scale every old ReplicaSet to zero, wait until none
//! of their pods is left running (pods being deleted count until they are
//! gone), and only then create or scale up the new ReplicaSet.

use std::collections::HashSet;

use anyhow::Context;
use capstan_machinery::Selector;
use capstan_runtime::Next;
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};

use super::progress::deployment_complete;
use super::util::{actual_replica_count, deployment_replicas, filter_active, rs_replicas};
use super::Controller;
use crate::replicaset::in_namespace;
use crate::replicaset::pods::controller_of;

impl Controller {
    /// One Recreate step: old ReplicaSets down, wait for their pods to go,
    /// then the new ReplicaSet up, then write the status.
    pub(super) async fn rollout_recreate(
        &self,
        d: &mut Deployment,
        rs_list: &[ReplicaSet],
    ) -> anyhow::Result<Next> {
        // Never create the new ReplicaSet before the old ones are down.
        let (new_rs, old_rss) = self
            .all_replica_sets_and_sync_revision(d, rs_list, false)
            .await?;
        let mut all = old_rss.clone();
        all.extend(new_rs.clone());

        let mut scaled_down = false;
        for rs in filter_active(&old_rss) {
            if rs_replicas(&rs) == 0 {
                continue;
            }
            if self.scale_replica_set_and_record(&rs, 0, d).await?.0 {
                scaled_down = true;
            }
        }
        if scaled_down {
            return self.sync_rollout_status(&all, new_rs.as_ref(), d).await;
        }
        if self.old_pods_running(d, new_rs.as_ref(), &old_rss, rs_list) {
            return self.sync_rollout_status(&all, new_rs.as_ref(), d).await;
        }

        let (new_rs, old_rss) = match new_rs {
            Some(rs) => (rs, old_rss),
            None => {
                let (created, old) = self
                    .all_replica_sets_and_sync_revision(d, rs_list, true)
                    .await?;
                (created.context("the new replica set was not created")?, old)
            }
        };
        let mut all = old_rss.clone();
        all.push(new_rs.clone());
        self.scale_replica_set_and_record(&new_rs, deployment_replicas(d), d)
            .await?;
        if deployment_complete(d, &d.status.clone().unwrap_or_default()) {
            self.cleanup_deployment(&old_rss, d).await?;
        }
        self.sync_rollout_status(&all, Some(&new_rs), d).await
    }

    /// Whether an old ReplicaSet still reports pods, or any pod of the
    /// Deployment's other ReplicaSets has not finished (terminating included).
    fn old_pods_running(
        &self,
        d: &Deployment,
        new_rs: Option<&ReplicaSet>,
        old_rss: &[ReplicaSet],
        rs_list: &[ReplicaSet],
    ) -> bool {
        if actual_replica_count(old_rss) > 0 {
            return true;
        }
        let new_uid = new_rs.and_then(|rs| rs.metadata.uid.clone());
        let owned: HashSet<String> = rs_list
            .iter()
            .filter_map(|rs| rs.metadata.uid.clone())
            .filter(|uid| Some(uid) != new_uid.as_ref())
            .collect();
        let ns = d.metadata.namespace.clone().unwrap_or_default();
        let selector = d
            .spec
            .as_ref()
            .map(|s| s.selector.clone())
            .unwrap_or_default();
        let Ok(selector) = Selector::from_label_selector(Some(&selector)) else {
            return false;
        };
        in_namespace(&self.pods, &ns).iter().any(|pod| {
            let labels = pod.metadata.labels.clone().unwrap_or_default();
            let phase = pod
                .status
                .as_ref()
                .and_then(|s| s.phase.as_deref())
                .unwrap_or("");
            selector.matches(&labels)
                && controller_of(&pod.metadata).is_some_and(|r| owned.contains(&r.uid))
                && !matches!(phase, "Succeeded" | "Failed")
        })
    }
}
