//! TTL after finished: deletes Jobs `spec.ttlSecondsAfterFinished` seconds after
//! they finished (Complete or Failed), cascading to their pods in the
//! foreground, as Kubernetes 1.33's controller does.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use jiff::Timestamp;
use k8s_openapi::api::batch::v1::Job;
use kube::api::{Api, DeleteParams, Preconditions, PropagationPolicy};
use kube::Client;

use capstan_runtime::informer::key_of;
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

struct TtlController {
    client: Client,
    jobs: Arc<Informer<Job>>,
    queue: Arc<WorkQueue<String>>,
}

/// Starts the TTL-after-finished controller on the shared informers.
pub fn start(informers: &Informers) {
    let ctrl = Arc::new(TtlController {
        client: informers.client().clone(),
        jobs: informers.get::<Job>(),
        queue: WorkQueue::new(),
    });
    tokio::spawn(async move {
        while !ctrl.jobs.wait_synced(Duration::from_secs(5)).await {}
        let mut changes = ctrl.jobs.subscribe();
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                if let Change::Added(job) | Change::Updated { new: job, .. } = change {
                    if job.metadata.deletion_timestamp.is_none() && needs_cleanup(&job) {
                        c.queue.add(key_of(job.as_ref()));
                    }
                }
            }
        });
        let c = ctrl.clone();
        run_workers(
            "ttl-after-finished",
            ctrl.queue.clone(),
            5,
            move |key: String| {
                let c = c.clone();
                async move { c.process(&key).await }
            },
        );
    });
}

/// Whether the Job finished and has a TTL.
pub fn needs_cleanup(job: &Job) -> bool {
    job.spec
        .as_ref()
        .and_then(|s| s.ttl_seconds_after_finished)
        .is_some()
        && finish_time(job).is_some()
}

/// When the Job finished: the transition time of its Complete or Failed condition.
pub fn finish_time(job: &Job) -> Option<Timestamp> {
    job.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
        .and_then(|c| c.last_transition_time.as_ref())
        .map(|t| t.0)
}

/// Time left before the Job expires (zero once expired); `None` when it does
/// not need cleaning up.
pub fn time_left(job: &Job, now: Timestamp) -> Option<Duration> {
    let ttl = job.spec.as_ref()?.ttl_seconds_after_finished?;
    let finished = finish_time(job)?;
    let expire = finished
        .checked_add(jiff::SignedDuration::from_secs(i64::from(ttl)))
        .ok()?;
    Some(Duration::try_from(expire.duration_since(now)).unwrap_or(Duration::ZERO))
}

impl TtlController {
    /// Whether the Job's TTL has expired; if not, looks again when it will.
    fn expired(&self, job: &Job) -> bool {
        if job.metadata.deletion_timestamp.is_some() {
            return false;
        }
        match time_left(job, Timestamp::now()) {
            None => false,
            Some(left) if left.is_zero() => true,
            Some(left) => {
                self.queue.add_after(key_of(job), left);
                false
            }
        }
    }

    async fn process(&self, key: &str) -> anyhow::Result<Next> {
        let Some((ns, name)) = key.split_once('/') else {
            return Ok(Next::Done);
        };
        let Some(job) = self.jobs.get(Some(ns), name) else {
            return Ok(Next::Done);
        };
        if !self.expired(&job) {
            return Ok(Next::Done);
        }
        // The cached TTL may be stale: check the latest Job before deleting.
        let api: Api<Job> = Api::namespaced(self.client.clone(), ns);
        let Some(fresh) = api
            .get_opt(name)
            .await
            .with_context(|| format!("reading Job {key}"))?
        else {
            return Ok(Next::Done);
        };
        if !self.expired(&fresh) {
            return Ok(Next::Done);
        }
        let params = DeleteParams {
            propagation_policy: Some(PropagationPolicy::Foreground),
            preconditions: Some(Preconditions {
                uid: fresh.metadata.uid.clone(),
                resource_version: None,
            }),
            ..Default::default()
        };
        tracing::debug!(job = key, "cleaning up finished Job");
        match api.delete(name, &params).await {
            Ok(_) => Ok(Next::Done),
            Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => Ok(Next::Done),
            Err(err) => Err(err).with_context(|| format!("deleting Job {key}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(ttl: Option<i32>, condition: Option<(&str, &str)>) -> Job {
        let mut v =
            json!({"metadata": {"name": "j", "namespace": "default"}, "spec": {"template": {}}});
        if let Some(t) = ttl {
            v["spec"]["ttlSecondsAfterFinished"] = json!(t);
        }
        if let Some((kind, at)) = condition {
            v["status"] =
                json!({"conditions": [{"type": kind, "status": "True", "lastTransitionTime": at}]});
        }
        serde_json::from_value(v).expect("job")
    }

    #[test]
    fn ttl_counts_from_the_finish() {
        let now: Timestamp = "2024-01-01T00:01:00Z".parse().expect("ts");
        assert_eq!(
            time_left(
                &job(Some(100), Some(("Complete", "2024-01-01T00:00:00Z"))),
                now
            ),
            Some(Duration::from_secs(40))
        );
        assert_eq!(
            time_left(
                &job(Some(10), Some(("Failed", "2024-01-01T00:00:00Z"))),
                now
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            time_left(
                &job(Some(0), Some(("Complete", "2024-01-01T00:01:00Z"))),
                now
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            time_left(&job(None, Some(("Complete", "2024-01-01T00:00:00Z"))), now),
            None
        );
        assert_eq!(
            time_left(
                &job(Some(10), Some(("Suspended", "2024-01-01T00:00:00Z"))),
                now
            ),
            None
        );
        assert!(!needs_cleanup(&job(Some(10), None)));
        assert!(needs_cleanup(&job(
            Some(10),
            Some(("Complete", "2024-01-01T00:00:00Z"))
        )));
    }
}
