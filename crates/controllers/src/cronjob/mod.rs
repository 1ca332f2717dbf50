//! The CronJob controller (batch/v1), following Kubernetes 1.33's (v2) one.
//!
//! Each CronJob is synced when it or one of its Jobs changes, and again at its
//! next start time: it drops finished and vanished Jobs from `status.active`,
//! records `lastSuccessfulTime`, deletes finished Jobs beyond the history
//! limits and, when a start time has come (within `startingDeadlineSeconds`,
//! honouring `suspend` and `concurrencyPolicy`), creates the Job
//! `<cronjob>-<minutes since epoch>` from `spec.jobTemplate`.

pub mod schedule;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use capstan_machinery::cron;
use jiff::Timestamp;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference, Time};
use kube::api::{Api, DeleteParams, PostParams};
use kube::Client;

use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::informer::key_of;
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

use schedule::{Missed, Recent};

/// The name this controller reports in events.
pub const CONTROLLER_NAME: &str = "cronjob-controller";
/// Annotation on created Jobs: their scheduled time (RFC 3339, in the CronJob's zone).
pub const SCHEDULED_TIMESTAMP_ANNOTATION: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

struct CronJobController {
    client: Client,
    cronjobs: Arc<Informer<CronJob>>,
    jobs: Arc<Informer<Job>>,
    queue: Arc<WorkQueue<String>>,
    recorder: Recorder,
}

/// Starts the CronJob controller on the shared informers.
pub fn start(informers: &Informers) {
    let client = informers.client().clone();
    let ctrl = Arc::new(CronJobController {
        recorder: Recorder::new(client.clone(), CONTROLLER_NAME, CONTROLLER_NAME),
        client,
        cronjobs: informers.get::<CronJob>(),
        jobs: informers.get::<Job>(),
        queue: WorkQueue::new(),
    });
    tokio::spawn(async move {
        while !(ctrl.cronjobs.wait_synced(Duration::from_secs(5)).await
            && ctrl.jobs.wait_synced(Duration::from_secs(5)).await)
        {}
        let mut cj_changes = ctrl.cronjobs.subscribe();
        let mut job_changes = ctrl.jobs.subscribe();
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = cj_changes.recv().await {
                c.on_cronjob(change);
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = job_changes.recv().await {
                c.on_job(change);
            }
        });
        let c = ctrl.clone();
        run_workers("cronjob", ctrl.queue.clone(), 5, move |key: String| {
            let c = c.clone();
            async move { c.sync(&key).await }
        });
    });
}

fn now() -> Timestamp {
    Timestamp::now()
}

fn controller_of(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
}

/// The finished condition type of a Job (`Complete` or `Failed`), if finished.
pub fn finished_type(job: &Job) -> Option<&str> {
    job.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
        .map(|c| c.type_.as_str())
}

fn in_active_list(cj: &CronJob, uid: &str) -> bool {
    cj.status
        .as_ref()
        .and_then(|s| s.active.as_ref())
        .is_some_and(|a| a.iter().any(|r| r.uid.as_deref() == Some(uid)))
}

fn in_active_list_by_name(cj: &CronJob, name: &str) -> bool {
    cj.status
        .as_ref()
        .and_then(|s| s.active.as_ref())
        .is_some_and(|a| {
            a.iter()
                .any(|r| r.name.as_deref() == Some(name) && r.namespace == cj.metadata.namespace)
        })
}

fn delete_from_active_list(cj: &mut CronJob, uid: &str) {
    if let Some(active) = cj.status.as_mut().and_then(|s| s.active.as_mut()) {
        active.retain(|r| r.uid.as_deref() != Some(uid));
    }
}

fn active_count(cj: &CronJob) -> usize {
    cj.status
        .as_ref()
        .and_then(|s| s.active.as_ref())
        .map_or(0, Vec::len)
}

/// Sorts Jobs oldest first by start time (Jobs that never started last), then name.
pub fn sort_by_start_time(jobs: &mut [Arc<Job>]) {
    let start = |j: &Job| {
        j.status
            .as_ref()
            .and_then(|s| s.start_time.as_ref())
            .map(|t| t.0)
    };
    jobs.sort_by(|a, b| match (start(a), start(b)) {
        (Some(x), Some(y)) if x == y => a.metadata.name.cmp(&b.metadata.name),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.metadata.name.cmp(&b.metadata.name),
    });
}

/// The Jobs to delete so that at most `limit` of `jobs` remain: the oldest.
pub fn oldest_beyond_limit(jobs: &[Arc<Job>], limit: i32) -> Vec<Arc<Job>> {
    let keep = usize::try_from(limit.max(0)).unwrap_or(0);
    if jobs.len() <= keep {
        return Vec::new();
    }
    let mut sorted = jobs.to_vec();
    sort_by_start_time(&mut sorted);
    sorted.truncate(jobs.len() - keep);
    sorted
}

/// The Job a CronJob runs for `scheduled`.
pub fn job_from_template(cj: &CronJob, scheduled: Timestamp) -> Job {
    let spec = cj.spec.clone().unwrap_or_default();
    let template = spec.job_template;
    let tmeta = template.metadata.unwrap_or_default();
    let mut annotations = tmeta.annotations.unwrap_or_default();
    annotations.insert(
        SCHEDULED_TIMESTAMP_ANNOTATION.to_string(),
        schedule::scheduled_timestamp(scheduled, spec.time_zone.as_deref()),
    );
    let name = cj.metadata.name.clone().unwrap_or_default();
    Job {
        metadata: ObjectMeta {
            name: Some(schedule::job_name(&name, scheduled)),
            namespace: cj.metadata.namespace.clone(),
            labels: tmeta.labels,
            annotations: Some(annotations),
            owner_references: Some(vec![OwnerReference {
                api_version: "batch/v1".into(),
                kind: "CronJob".into(),
                name,
                uid: cj.metadata.uid.clone().unwrap_or_default(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    }
}

fn job_reference(job: &Job) -> ObjectReference {
    ObjectReference {
        api_version: Some("batch/v1".into()),
        kind: Some("Job".into()),
        name: job.metadata.name.clone(),
        namespace: job.metadata.namespace.clone(),
        uid: job.metadata.uid.clone(),
        resource_version: job.metadata.resource_version.clone(),
        field_path: None,
    }
}

fn is_status(err: &kube::Error, code: u16) -> bool {
    matches!(err, kube::Error::Api(e) if e.code == code)
}

/// The outcome of [`CronJobController::sync_cronjob`].
struct Synced {
    requeue: Option<Duration>,
    update_status: bool,
    error: Option<anyhow::Error>,
}

impl CronJobController {
    fn resolve(&self, namespace: Option<&str>, owner: &OwnerReference) -> Option<Arc<CronJob>> {
        if owner.kind != "CronJob" {
            return None;
        }
        let cj = self.cronjobs.get(namespace, &owner.name)?;
        (cj.metadata.uid.as_deref() == Some(owner.uid.as_str())).then_some(cj)
    }

    fn on_cronjob(&self, change: Change<CronJob>) {
        match change {
            Change::Added(cj) => self.queue.add(key_of(cj.as_ref())),
            Change::Updated { old, new } => {
                let (o, n) = (
                    old.spec.clone().unwrap_or_default(),
                    new.spec.clone().unwrap_or_default(),
                );
                if o.schedule != n.schedule || o.time_zone != n.time_zone {
                    let formatted = schedule::format_schedule(&n.schedule, n.time_zone.as_deref());
                    match cron::parse(&formatted) {
                        Ok(sched) => {
                            let delay =
                                schedule::next_schedule_delay(&sched, earliest_time(&new), now());
                            self.queue.add_after(key_of(new.as_ref()), delay);
                        }
                        Err(_) => self.recorder.record(
                            reference(new.as_ref()),
                            EventType::Warning,
                            "UnParseableCronJobSchedule",
                            "Sync",
                            format!("unparseable schedule for cronjob: {}", n.schedule),
                        ),
                    }
                    return;
                }
                self.queue.add(key_of(new.as_ref()));
            }
            Change::Deleted(_) => {}
        }
    }

    fn on_job(&self, change: Change<Job>) {
        let enqueue_owner = |job: &Job| {
            if let Some(cj) = controller_of(&job.metadata)
                .and_then(|o| self.resolve(job.metadata.namespace.as_deref(), o))
            {
                self.queue.add(key_of(cj.as_ref()));
            }
        };
        match change {
            Change::Added(job) | Change::Deleted(job) => enqueue_owner(&job),
            Change::Updated { old, new } => {
                if controller_of(&old.metadata) != controller_of(&new.metadata) {
                    enqueue_owner(&old);
                }
                enqueue_owner(&new);
            }
        }
    }

    /// The Jobs a CronJob controls (by controller reference).
    fn jobs_of(&self, cj: &CronJob) -> Vec<Arc<Job>> {
        let ns = cj.metadata.namespace.as_deref().unwrap_or("");
        let name = cj.metadata.name.as_deref().unwrap_or("");
        self.jobs
            .list_namespace(ns)
            .into_iter()
            .filter(|j| {
                controller_of(&j.metadata).is_some_and(|o| o.kind == "CronJob" && o.name == name)
            })
            .collect()
    }

    async fn sync(self: &Arc<Self>, key: &str) -> anyhow::Result<Next> {
        let Some((ns, name)) = key.split_once('/') else {
            return Ok(Next::Done);
        };
        let Some(cj) = self.cronjobs.get(Some(ns), name) else {
            return Ok(Next::Done);
        };
        let jobs = self.jobs_of(&cj);
        let mut copy = (*cj).clone();
        let cleaned = self.cleanup_finished_jobs(&mut copy, &jobs).await;
        let synced = self.sync_cronjob(&mut copy, &jobs).await;
        if let Some(err) = &synced.error {
            tracing::debug!(cronjob = key, error = %format!("{err:#}"), "error reconciling cronjob");
        }
        if cleaned || synced.update_status {
            let api: Api<CronJob> = Api::namespaced(self.client.clone(), ns);
            api.replace_status(name, &PostParams::default(), &copy)
                .await
                .with_context(|| format!("updating the status of CronJob {key}"))?;
        }
        match (synced.requeue, synced.error) {
            (Some(d), _) => Ok(Next::After(d)),
            (None, Some(err)) => Err(err),
            (None, None) => Ok(Next::Done),
        }
    }

    /// Deletes the oldest finished Jobs beyond the history limits.
    async fn cleanup_finished_jobs(&self, cj: &mut CronJob, jobs: &[Arc<Job>]) -> bool {
        let spec = cj.spec.clone().unwrap_or_default();
        if spec.successful_jobs_history_limit.is_none() && spec.failed_jobs_history_limit.is_none()
        {
            return false;
        }
        let successful: Vec<Arc<Job>> = jobs
            .iter()
            .filter(|j| finished_type(j) == Some("Complete"))
            .cloned()
            .collect();
        let failed: Vec<Arc<Job>> = jobs
            .iter()
            .filter(|j| finished_type(j) == Some("Failed"))
            .cloned()
            .collect();
        let mut updated = false;
        if let Some(limit) = spec.successful_jobs_history_limit {
            for job in oldest_beyond_limit(&successful, limit) {
                updated |= self.delete_job(cj, &job).await;
            }
        }
        if let Some(limit) = spec.failed_jobs_history_limit {
            for job in oldest_beyond_limit(&failed, limit) {
                updated |= self.delete_job(cj, &job).await;
            }
        }
        updated
    }

    /// Deletes a Job (and, in the background, its pods) and its active entry.
    async fn delete_job(&self, cj: &mut CronJob, job: &Job) -> bool {
        let ns = job.metadata.namespace.as_deref().unwrap_or("default");
        let name = job.metadata.name.as_deref().unwrap_or("");
        let api: Api<Job> = Api::namespaced(self.client.clone(), ns);
        match api.delete(name, &DeleteParams::background()).await {
            Ok(_) => {}
            Err(err) if is_status(&err, 404) => {}
            Err(err) => {
                self.recorder.record(
                    reference(cj),
                    EventType::Warning,
                    "FailedDelete",
                    "Delete",
                    format!("Deleted job: {err}"),
                );
                return false;
            }
        }
        delete_from_active_list(cj, job.metadata.uid.as_deref().unwrap_or(""));
        self.recorder.record(
            reference(cj),
            EventType::Normal,
            "SuccessfulDelete",
            "Delete",
            format!("Deleted job {name}"),
        );
        true
    }

    async fn sync_cronjob(&self, cj: &mut CronJob, jobs: &[Arc<Job>]) -> Synced {
        let mut out = Synced {
            requeue: None,
            update_status: false,
            error: None,
        };
        let now = now();
        let ns = cj.metadata.namespace.clone().unwrap_or_default();
        let jobs_api: Api<Job> = Api::namespaced(self.client.clone(), &ns);
        let mut children = std::collections::HashSet::new();
        for j in jobs {
            let uid = j.metadata.uid.clone().unwrap_or_default();
            children.insert(uid.clone());
            let found = in_active_list(cj, &uid);
            let finished = finished_type(j);
            if !found && finished.is_none() {
                let cj_api: Api<CronJob> = Api::namespaced(self.client.clone(), &ns);
                let fresh = match cj_api.get(cj.metadata.name.as_deref().unwrap_or("")).await {
                    Ok(f) => f,
                    Err(err) => {
                        out.error = Some(anyhow::Error::new(err).context("re-reading the CronJob"));
                        return out;
                    }
                };
                if in_active_list(&fresh, &uid) {
                    *cj = fresh;
                    continue;
                }
                self.recorder.record(
                    reference(cj),
                    EventType::Warning,
                    "UnexpectedJob",
                    "Sync",
                    format!(
                        "Saw a job that the controller did not create or forgot: {}",
                        j.metadata.name.as_deref().unwrap_or("")
                    ),
                );
            } else if found && finished.is_some() {
                delete_from_active_list(cj, &uid);
                self.recorder.record(
                    reference(cj),
                    EventType::Normal,
                    "SawCompletedJob",
                    "Sync",
                    format!(
                        "Saw completed job: {}, status: {}",
                        j.metadata.name.as_deref().unwrap_or(""),
                        finished.unwrap_or("")
                    ),
                );
                out.update_status = true;
            } else if finished == Some("Complete") {
                let completion = j.status.as_ref().and_then(|s| s.completion_time.clone());
                let status = cj.status.get_or_insert_with(Default::default);
                match (&status.last_successful_time, completion) {
                    (None, c) => {
                        status.last_successful_time = c;
                        out.update_status = true;
                    }
                    (Some(last), Some(c)) if c.0 > last.0 => {
                        status.last_successful_time = Some(c);
                        out.update_status = true;
                    }
                    _ => {}
                }
            }
        }
        let active: Vec<ObjectReference> = cj
            .status
            .as_ref()
            .and_then(|s| s.active.clone())
            .unwrap_or_default();
        for r in active {
            let uid = r.uid.clone().unwrap_or_default();
            if children.contains(&uid) {
                continue;
            }
            match jobs_api.get_opt(r.name.as_deref().unwrap_or("")).await {
                Ok(None) => {
                    self.recorder.record(
                        reference(cj),
                        EventType::Normal,
                        "MissingJob",
                        "Sync",
                        format!(
                            "Active job went missing: {}",
                            r.name.as_deref().unwrap_or("")
                        ),
                    );
                    delete_from_active_list(cj, &uid);
                    out.update_status = true;
                }
                Ok(Some(_)) => {}
                Err(err) => {
                    out.error = Some(anyhow::Error::new(err).context("reading an active job"));
                    return out;
                }
            }
        }
        if cj.metadata.deletion_timestamp.is_some() {
            return out;
        }
        let spec = cj.spec.clone().unwrap_or_default();
        if let Some(tz) = spec.time_zone.as_deref() {
            if let Err(err) = cron::load_time_zone(tz) {
                self.recorder.record(
                    reference(cj),
                    EventType::Warning,
                    "UnknownTimeZone",
                    "Sync",
                    format!("invalid timeZone: {tz:?}: {err}"),
                );
                return out;
            }
        }
        if spec.suspend == Some(true) {
            return out;
        }
        if spec.schedule.contains("TZ") {
            self.recorder.record(
                reference(cj),
                EventType::Warning,
                "UnsupportedSchedule",
                "Sync",
                format!(
                    "CRON_TZ or TZ used in schedule {:?} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details",
                    spec.schedule
                ),
            );
        }
        let formatted = schedule::format_schedule(&spec.schedule, spec.time_zone.as_deref());
        let sched = match cron::parse(&formatted) {
            Ok(s) => s,
            Err(err) => {
                self.recorder.record(
                    reference(cj),
                    EventType::Warning,
                    "UnparseableSchedule",
                    "Sync",
                    format!("unparseable schedule: {:?} : {err}", spec.schedule),
                );
                return out;
            }
        };
        let earliest = earliest_time(cj);
        let next_delay =
            |cj: &CronJob| schedule::next_schedule_delay(&sched, earliest_time(cj), now);
        let scheduled = match schedule::most_recent_schedule_time(
            &sched,
            earliest,
            spec.starting_deadline_seconds,
            now,
        ) {
            Err(err) => {
                self.recorder.record(
                    reference(cj),
                    EventType::Warning,
                    "InvalidSchedule",
                    "Sync",
                    format!("invalid schedule: {} : {err}", spec.schedule),
                );
                return out;
            }
            Ok(Recent {
                most_recent,
                missed,
                ..
            }) => {
                let due = most_recent.filter(|t| *t <= now);
                if due.is_some() && missed == Missed::Many {
                    self.recorder.record(
                        reference(cj),
                        EventType::Warning,
                        "TooManyMissedTimes",
                        "Sync",
                        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew".into(),
                    );
                }
                due
            }
        };
        let Some(scheduled) = scheduled else {
            out.requeue = Some(next_delay(cj));
            return out;
        };
        if let Some(deadline) = spec.starting_deadline_seconds {
            let too_late = scheduled
                .checked_add(jiff::SignedDuration::from_secs(deadline))
                .is_ok_and(|t| t < now);
            if too_late {
                self.recorder.record(
                    reference(cj),
                    EventType::Warning,
                    "MissSchedule",
                    "Sync",
                    format!(
                        "Missed scheduled time to start a job: {}",
                        schedule::rfc1123z(scheduled)
                    ),
                );
                out.requeue = Some(next_delay(cj));
                return out;
            }
        }
        let name = schedule::job_name(cj.metadata.name.as_deref().unwrap_or(""), scheduled);
        let last = cj
            .status
            .as_ref()
            .and_then(|s| s.last_schedule_time.as_ref())
            .map(|t| t.0);
        if in_active_list_by_name(cj, &name) || last == Some(scheduled) {
            out.requeue = Some(next_delay(cj));
            return out;
        }
        let policy = spec.concurrency_policy.as_deref().unwrap_or("Allow");
        if policy == "Forbid" && active_count(cj) > 0 {
            self.recorder.record(
                reference(cj),
                EventType::Normal,
                "JobAlreadyActive",
                "Sync",
                "Not starting job because prior execution is running and concurrency policy is Forbid".into(),
            );
            out.requeue = Some(next_delay(cj));
            return out;
        }
        if policy == "Replace" {
            let active: Vec<ObjectReference> = cj
                .status
                .as_ref()
                .and_then(|s| s.active.clone())
                .unwrap_or_default();
            for r in active {
                let job = match jobs_api.get(r.name.as_deref().unwrap_or("")).await {
                    Ok(j) => j,
                    Err(err) => {
                        self.recorder.record(
                            reference(cj),
                            EventType::Warning,
                            "FailedGet",
                            "Sync",
                            format!("Get job: {err}"),
                        );
                        out.error =
                            Some(anyhow::Error::new(err).context("reading a job to replace"));
                        return out;
                    }
                };
                if !self.delete_job(cj, &job).await {
                    out.error = Some(anyhow::anyhow!(
                        "could not replace job {}/{}",
                        job.metadata.namespace.as_deref().unwrap_or(""),
                        job.metadata.name.as_deref().unwrap_or("")
                    ));
                    return out;
                }
                out.update_status = true;
            }
        }
        let request = job_from_template(cj, scheduled);
        let created = match jobs_api.create(&PostParams::default(), &request).await {
            Ok(job) => {
                self.recorder.record(
                    reference(cj),
                    EventType::Normal,
                    "SuccessfulCreate",
                    "Create",
                    format!("Created job {name}"),
                );
                job
            }
            Err(err) if is_status(&err, 409) => {
                let job = match jobs_api.get(&name).await {
                    Ok(j) => j,
                    Err(err) => {
                        out.error =
                            Some(anyhow::Error::new(err).context("reading the existing job"));
                        return out;
                    }
                };
                let controlled = controller_of(&job.metadata)
                    .is_some_and(|o| Some(&o.uid) == cj.metadata.uid.as_ref());
                if !controlled || in_active_list(cj, job.metadata.uid.as_deref().unwrap_or("")) {
                    return out;
                }
                job
            }
            Err(err) => {
                let terminating_ns = matches!(&err, kube::Error::Api(e) if e.code == 403 && e.message.contains("terminat"));
                if !terminating_ns {
                    self.recorder.record(
                        reference(cj),
                        EventType::Warning,
                        "FailedCreate",
                        "Create",
                        format!("Error creating job: {err}"),
                    );
                }
                out.error = Some(anyhow::Error::new(err).context(format!("creating job {name}")));
                return out;
            }
        };
        let status = cj.status.get_or_insert_with(Default::default);
        status
            .active
            .get_or_insert_with(Vec::new)
            .push(job_reference(&created));
        status.last_schedule_time = Some(Time(scheduled));
        out.update_status = true;
        out.requeue = Some(next_delay(cj));
        out
    }
}

/// When schedule counting starts: the last schedule time, else the creation time.
fn earliest_time(cj: &CronJob) -> Timestamp {
    cj.status
        .as_ref()
        .and_then(|s| s.last_schedule_time.as_ref())
        .or(cj.metadata.creation_timestamp.as_ref())
        .map(|t| t.0)
        .unwrap_or_else(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(name: &str, start: Option<&str>, finished: &str) -> Arc<Job> {
        let mut v = json!({"metadata": {"name": name}, "status": {"conditions": [{"type": finished, "status": "True"}]}});
        if let Some(s) = start {
            v["status"]["startTime"] = json!(s);
        }
        Arc::new(serde_json::from_value(v).expect("job"))
    }

    fn names(jobs: &[Arc<Job>]) -> Vec<String> {
        jobs.iter()
            .map(|j| j.metadata.name.clone().unwrap_or_default())
            .collect()
    }

    #[test]
    fn history_cleanup_deletes_oldest_first() {
        let jobs = vec![
            job("c", Some("2024-01-01T00:03:00Z"), "Complete"),
            job("never", None, "Complete"),
            job("a", Some("2024-01-01T00:01:00Z"), "Complete"),
            job("b2", Some("2024-01-01T00:02:00Z"), "Complete"),
            job("b1", Some("2024-01-01T00:02:00Z"), "Complete"),
        ];
        assert_eq!(names(&oldest_beyond_limit(&jobs, 3)), ["a", "b1"]);
        assert_eq!(
            names(&oldest_beyond_limit(&jobs, 0)),
            ["a", "b1", "b2", "c", "never"]
        );
        assert!(oldest_beyond_limit(&jobs, 5).is_empty());
        assert!(oldest_beyond_limit(&jobs, 10).is_empty());
    }

    #[test]
    fn finished_types() {
        assert_eq!(finished_type(&job("a", None, "Complete")), Some("Complete"));
        assert_eq!(finished_type(&job("a", None, "Failed")), Some("Failed"));
        assert_eq!(finished_type(&job("a", None, "Suspended")), None);
    }

    #[test]
    fn jobs_from_the_template() {
        let cj: CronJob = serde_json::from_value(json!({
            "metadata": {"name": "hello", "namespace": "ns", "uid": "cj-uid"},
            "spec": {"schedule": "*/1 * * * *", "timeZone": "Etc/GMT-2",
                "jobTemplate": {"metadata": {"labels": {"app": "x"}, "annotations": {"a": "b"}},
                    "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}}}}
        }))
        .expect("cronjob");
        let t: Timestamp = "2024-01-01T10:00:00Z".parse().expect("ts");
        let job = job_from_template(&cj, t);
        assert_eq!(job.metadata.name.as_deref(), Some("hello-28401720"));
        let ann = job.metadata.annotations.clone().unwrap_or_default();
        assert_eq!(
            ann.get(SCHEDULED_TIMESTAMP_ANNOTATION).map(String::as_str),
            Some("2024-01-01T12:00:00+02:00")
        );
        assert_eq!(ann.get("a").map(String::as_str), Some("b"));
        assert_eq!(
            job.metadata
                .labels
                .clone()
                .unwrap_or_default()
                .get("app")
                .map(String::as_str),
            Some("x")
        );
        let owner = &job.metadata.owner_references.clone().unwrap_or_default()[0];
        assert_eq!(
            (owner.kind.as_str(), owner.uid.as_str(), owner.controller),
            ("CronJob", "cj-uid", Some(true))
        );
        assert!(job.spec.is_some());
    }
}
