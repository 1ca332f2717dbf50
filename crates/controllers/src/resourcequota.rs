//! The ResourceQuota controller: keeps each quota's `status.hard` (a copy of
//! `spec.hard`) and `status.used` (what the namespace's objects use, for each
//! hard resource a quota evaluator tracks — see [`usage`]) up to date,
//! recalculating when pods, services, claims or counted objects change and
//! every five minutes.
//!
//! Enforcement (refusing creations beyond `hard`) is the API server's
//! admission step, not this controller's.

pub mod counter;
pub mod usage;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use capstan_machinery::Quantity;
use jiff::Timestamp;
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, Pod, ResourceQuota, ResourceQuotaStatus, Service,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use kube::api::{Api, PostParams};

use crate::pod_util::{is_conflict, is_not_found};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};
use counter::{CountResult, ObjectCounts};
use usage::{Resources, Tracked};

/// How often every quota is recalculated regardless of events.
pub const RESYNC_PERIOD: Duration = Duration::from_secs(300);

/// Starts the ResourceQuota controller.
pub fn start(informers: &Informers) {
    let (counts, mut changed_namespaces) = ObjectCounts::new(informers.client().clone());
    let controller = Arc::new(Controller {
        client: informers.client().clone(),
        quotas: informers.get::<ResourceQuota>(),
        pods: informers.get::<Pod>(),
        services: informers.get::<Service>(),
        claims: informers.get::<PersistentVolumeClaim>(),
        counts,
        queue: WorkQueue::new(),
    });
    let me = controller.clone();
    tokio::spawn(async move {
        while let Some(ns) = changed_namespaces.recv().await {
            me.enqueue_namespace(&ns);
        }
    });
    tokio::spawn(controller.run());
}

struct Controller {
    client: kube::Client,
    quotas: Arc<Informer<ResourceQuota>>,
    pods: Arc<Informer<Pod>>,
    services: Arc<Informer<Service>>,
    claims: Arc<Informer<PersistentVolumeClaim>>,
    counts: Arc<ObjectCounts>,
    queue: Arc<WorkQueue<String>>,
}

/// The pod fields quota usage depends on, for skipping irrelevant updates.
fn pod_fingerprint(pod: &Pod) -> impl PartialEq {
    (
        crate::pod_util::is_pod_terminal(pod),
        pod.metadata.deletion_timestamp.clone(),
        pod.metadata.deletion_grace_period_seconds,
        pod.spec.as_ref().map(|s| {
            (
                s.containers
                    .iter()
                    .map(|c| c.resources.clone())
                    .collect::<Vec<_>>(),
                s.init_containers
                    .iter()
                    .flatten()
                    .map(|c| c.resources.clone())
                    .collect::<Vec<_>>(),
                s.overhead.clone(),
                s.active_deadline_seconds,
                s.priority_class_name.clone(),
            )
        }),
    )
}

impl Controller {
    async fn run(self: Arc<Self>) {
        let synced = self.quotas.wait_synced(Duration::from_secs(60)).await
            && self.pods.wait_synced(Duration::from_secs(60)).await
            && self.services.wait_synced(Duration::from_secs(60)).await
            && self.claims.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!(
                "resource quota controller: informers not synced after 60s; starting anyway"
            );
        }
        let mut quota_changes = self.quotas.subscribe();
        let q = self.queue.clone();
        tokio::spawn(async move {
            while let Some(change) = quota_changes.recv().await {
                match &change {
                    Change::Deleted(_) => continue,
                    // Status writes (ours, or the admission step charging
                    // usage) do not call for a recalculation.
                    Change::Updated { old, new } if old.spec == new.spec => continue,
                    _ => {}
                }
                q.add(capstan_runtime::informer::key_of(change.object().as_ref()));
            }
        });
        let mut pod_changes = self.pods.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                if let Change::Updated { old, new } = &change {
                    if pod_fingerprint(old) == pod_fingerprint(new) {
                        continue;
                    }
                }
                me.enqueue_namespace(change.object().metadata.namespace.as_deref().unwrap_or(""));
            }
        });
        let mut service_changes = self.services.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = service_changes.recv().await {
                me.enqueue_namespace(change.object().metadata.namespace.as_deref().unwrap_or(""));
            }
        });
        let mut claim_changes = self.claims.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = claim_changes.recv().await {
                me.enqueue_namespace(change.object().metadata.namespace.as_deref().unwrap_or(""));
            }
        });
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(RESYNC_PERIOD).await;
                for quota in me.quotas.list() {
                    me.queue
                        .add(capstan_runtime::informer::key_of(quota.as_ref()));
                }
            }
        });
        let me = self.clone();
        run_workers(
            "resourcequota",
            self.queue.clone(),
            5,
            move |key: String| {
                let me = me.clone();
                async move { me.sync(&key).await }
            },
        );
    }

    fn enqueue_namespace(&self, ns: &str) {
        for quota in self.quotas.list_namespace(ns) {
            self.queue
                .add(capstan_runtime::informer::key_of(quota.as_ref()));
        }
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        let Some(quota) = self.quotas.get(Some(ns), name) else {
            return Ok(Next::Done);
        };
        let spec = quota.spec.clone().unwrap_or_default();
        let hard = spec.hard.clone().unwrap_or_default();
        let scopes = usage::scope_requirements(&spec);
        let now = Timestamp::now();
        let mut by_evaluator: BTreeMap<String, Tracked> = BTreeMap::new();
        for resource in hard.keys() {
            if let Some(t) = usage::classify(resource) {
                by_evaluator.insert(resource.clone(), t);
            }
        }
        let names_for = |want: &Tracked| -> Vec<String> {
            by_evaluator
                .iter()
                .filter(|(_, t)| std::mem::discriminant(*t) == std::mem::discriminant(want))
                .map(|(n, _)| n.clone())
                .collect()
        };
        let mut used: Resources = by_evaluator
            .keys()
            .map(|n| (n.clone(), Quantity::default()))
            .collect();
        let mut recheck: Option<Timestamp> = None;
        let pod_names = names_for(&Tracked::Pod);
        if !pod_names.is_empty() {
            for pod in self.pods.list_namespace(ns) {
                if !scopes.iter().all(|s| usage::pod_matches_scope(&pod, s)) {
                    continue;
                }
                usage::accumulate(&mut used, &usage::pod_usage(&pod, now), &pod_names);
                if let (Some(deleted), Some(grace)) = (
                    pod.metadata.deletion_timestamp.as_ref(),
                    pod.metadata.deletion_grace_period_seconds,
                ) {
                    let until = crate::pod_util::add(
                        deleted.0,
                        Duration::from_secs(u64::try_from(grace).unwrap_or(0)),
                    );
                    if until > now && usage::pod_uses_compute(&pod, now) {
                        recheck = Some(recheck.map_or(until, |r: Timestamp| r.min(until)));
                    }
                }
            }
        }
        // Scoped quotas select pods only.
        if scopes.is_empty() {
            let service_names = names_for(&Tracked::Service);
            if !service_names.is_empty() {
                for svc in self.services.list_namespace(ns) {
                    usage::accumulate(&mut used, &usage::service_usage(&svc), &service_names);
                }
            }
            let claim_names = names_for(&Tracked::Claim);
            if !claim_names.is_empty() {
                for pvc in self.claims.list_namespace(ns) {
                    usage::accumulate(&mut used, &usage::claim_usage(&pvc), &claim_names);
                }
            }
        }
        for (resource, tracked) in &by_evaluator {
            let Tracked::Count { plural, group } = tracked else {
                continue;
            };
            match self.counts.count(group, plural, ns).await {
                CountResult::Unknown => {
                    used.remove(resource);
                }
                CountResult::NotReady => return Ok(Next::After(Duration::from_millis(500))),
                CountResult::Count(n) => {
                    if scopes.is_empty() {
                        used.insert(
                            resource.clone(),
                            Quantity::from_int(n, capstan_machinery::QuantityFormat::DecimalSi),
                        );
                    }
                }
            }
        }
        let desired = ResourceQuotaStatus {
            hard: Some(hard.clone()),
            used: Some(
                used.iter()
                    .map(|(k, v)| (k.clone(), ApiQuantity(v.canonical())))
                    .collect(),
            ),
        };
        let current = quota.status.clone().unwrap_or_default();
        if !same_status(&current, &desired) {
            let mut updated = (*quota).clone();
            updated.status = Some(desired);
            let api: Api<ResourceQuota> = Api::namespaced(self.client.clone(), ns);
            match api
                .replace_status(name, &PostParams::default(), &updated)
                .await
            {
                Ok(_) => {}
                Err(e) if is_not_found(&e) => return Ok(Next::Done),
                Err(e) if is_conflict(&e) => {
                    return Err(
                        anyhow::Error::new(e).context(format!("updating status of quota {key}"))
                    )
                }
                Err(e) => {
                    return Err(
                        anyhow::Error::new(e).context(format!("updating status of quota {key}"))
                    )
                }
            }
        }
        Ok(match recheck {
            Some(at) => Next::After(
                Duration::from_secs_f64(at.duration_since(now).as_secs_f64().max(0.0))
                    + Duration::from_secs(1),
            ),
            None => Next::Done,
        })
    }
}

fn parse_list(list: &Option<BTreeMap<String, ApiQuantity>>) -> Option<BTreeMap<String, Quantity>> {
    list.iter()
        .flatten()
        .map(|(k, v)| Quantity::parse(&v.0).ok().map(|q| (k.clone(), q)))
        .collect()
}

/// Whether two statuses hold the same resources with equal values.
fn same_status(a: &ResourceQuotaStatus, b: &ResourceQuotaStatus) -> bool {
    let hard_same = a.hard.as_ref().map(|h| {
        h.iter()
            .map(|(k, v)| (k.clone(), v.0.clone()))
            .collect::<BTreeMap<_, _>>()
    }) == b.hard.as_ref().map(|h| {
        h.iter()
            .map(|(k, v)| (k.clone(), v.0.clone()))
            .collect::<BTreeMap<_, _>>()
    });
    let used_same = match (parse_list(&a.used), parse_list(&b.used)) {
        (Some(x), Some(y)) => x == y && a.used.is_some() == b.used.is_some(),
        _ => false,
    };
    hard_same && used_same
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_comparison_is_by_value() {
        let a: ResourceQuotaStatus = serde_json::from_value(
            json!({"hard": {"pods": "10"}, "used": {"requests.cpu": "1000m"}}),
        )
        .expect("a");
        let b: ResourceQuotaStatus =
            serde_json::from_value(json!({"hard": {"pods": "10"}, "used": {"requests.cpu": "1"}}))
                .expect("b");
        let c: ResourceQuotaStatus =
            serde_json::from_value(json!({"hard": {"pods": "10"}, "used": {"requests.cpu": "2"}}))
                .expect("c");
        let d: ResourceQuotaStatus =
            serde_json::from_value(json!({"hard": {"pods": "11"}, "used": {"requests.cpu": "1"}}))
                .expect("d");
        assert!(same_status(&a, &b));
        assert!(!same_status(&a, &c));
        assert!(!same_status(&b, &d));
        assert!(!same_status(&ResourceQuotaStatus::default(), &b));
    }
}
