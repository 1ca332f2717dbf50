//! The Job controller (batch/v1), following Kubernetes 1.33's.
//!
//! Each Job is synced from the shared Job and Pod informers:
//!
//! * pods are created from `spec.template` up to `parallelism` (and the remaining
//!   `completions`), carrying the `batch.kubernetes.io/job-tracking` finalizer, a
//!   controller owner reference and, for Indexed Jobs, their completion index
//!   (annotation, label, `JOB_COMPLETION_INDEX`, hostname `<job>-<index>`);
//! * finished pods are first recorded in `status.uncountedTerminatedPods`, then
//!   their finalizer is removed, then they move into the `succeeded`/`failed`
//!   counters, so counts survive restarts of the controller and deleted pods;
//! * failures are retried with exponential back-off until `backoffLimit`
//!   (or `backoffLimitPerIndex`/`maxFailedIndexes`), subject to
//!   `podFailurePolicy`; `activeDeadlineSeconds` bounds the run;
//! * the Job ends with the interim `SuccessCriteriaMet` or `FailureTarget`
//!   condition, and once no pod is left terminating, `Complete` or `Failed`;
//! * `suspend` deletes active pods and resuming resets `startTime`.

mod backoff;
mod expectations;
mod indexes;
mod pods;
mod policy;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use futures::future::join_all;
use jiff::Timestamp;
use k8s_openapi::api::batch::v1::{Job, JobCondition, JobSpec, UncountedTerminatedPods};
use k8s_openapi::api::core::v1::{EnvVar, EnvVarSource, ObjectFieldSelector, Pod};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference, Time};
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams};
use kube::Client;
use parking_lot::Mutex;
use serde_json::json;

use capstan_machinery::Selector;
use capstan_runtime::events::{reference, EventType, Recorder};
use capstan_runtime::informer::{index_controller_uid, index_namespace, key_of};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};

use backoff::BackoffStore;
use expectations::{Expectations, UidExpectations};
use indexes::{Intervals, COMPLETION_INDEX_ANNOTATION, COMPLETION_INDEX_ENV};
use pods::{has_tracking_finalizer, TRACKING_FINALIZER};
use policy::{match_pod_failure_policy, match_success_policy, Action};

/// The name this controller reports in events and `spec.managedBy`.
pub const CONTROLLER_NAME: &str = "job-controller";
/// The `spec.managedBy` value of Jobs this controller manages.
pub const MANAGED_BY: &str = "kubernetes.io/job-controller";

const SYNC_BATCH_PERIOD: Duration = Duration::from_secs(1);
const MAX_UNCOUNTED_PODS: usize = 500;
const MAX_POD_CREATE_DELETE_PER_SYNC: usize = 500;
/// Index on pods: UID of the controlling owner.
const BY_CONTROLLER: &str = "controller-uid";
/// Index on pods: namespace.
const BY_NAMESPACE: &str = "namespace";
/// Longest `generateName` prefix that still leaves room for the random suffix.
const MAX_GENERATED_NAME_LENGTH: usize = 58;

/// Condition reasons and messages, as Kubernetes sets them.
const REASON_BACKOFF_LIMIT: &str = "BackoffLimitExceeded";
const REASON_DEADLINE: &str = "DeadlineExceeded";
const REASON_POD_FAILURE_POLICY: &str = "PodFailurePolicy";
const REASON_MAX_FAILED_INDEXES: &str = "MaxFailedIndexesExceeded";
const REASON_FAILED_INDEXES: &str = "FailedIndexes";
const REASON_SUCCESS_POLICY: &str = "SuccessPolicy";
const REASON_COMPLETIONS_REACHED: &str = "CompletionsReached";

struct JobController {
    client: Client,
    jobs: Arc<Informer<Job>>,
    pods: Arc<Informer<Pod>>,
    queue: Arc<WorkQueue<String>>,
    orphans: Arc<WorkQueue<String>>,
    batched: Mutex<HashSet<String>>,
    expectations: Expectations,
    finalizers: UidExpectations,
    backoff: BackoffStore,
    recorder: Recorder,
}

/// Starts the Job controller on the shared informers.
pub fn start(informers: &Informers) {
    let pods = informers.get::<Pod>();
    pods.add_index(BY_CONTROLLER, index_controller_uid::<Pod>);
    pods.add_index(BY_NAMESPACE, index_namespace::<Pod>);
    let jobs = informers.get::<Job>();
    let client = informers.client().clone();
    let ctrl = Arc::new(JobController {
        recorder: Recorder::new(client.clone(), CONTROLLER_NAME, CONTROLLER_NAME),
        client,
        jobs,
        pods,
        queue: WorkQueue::with_backoff(Duration::from_secs(1), Duration::from_secs(60)),
        orphans: WorkQueue::with_backoff(Duration::from_secs(1), Duration::from_secs(60)),
        batched: Mutex::new(HashSet::new()),
        expectations: Expectations::default(),
        finalizers: UidExpectations::default(),
        backoff: BackoffStore::default(),
    });
    tokio::spawn(async move {
        while !(ctrl.jobs.wait_synced(Duration::from_secs(5)).await
            && ctrl.pods.wait_synced(Duration::from_secs(5)).await)
        {}
        let mut job_changes = ctrl.jobs.subscribe();
        let mut pod_changes = ctrl.pods.subscribe();
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = job_changes.recv().await {
                c.on_job(change);
            }
        });
        let c = ctrl.clone();
        tokio::spawn(async move {
            while let Some(change) = pod_changes.recv().await {
                c.on_pod(change);
            }
        });
        let c = ctrl.clone();
        run_workers("job", ctrl.queue.clone(), 5, move |key: String| {
            let c = c.clone();
            async move { c.sync(&key).await.map(|()| Next::Done) }
        });
        let c = ctrl.clone();
        run_workers(
            "job-orphan-pods",
            ctrl.orphans.clone(),
            1,
            move |key: String| {
                let c = c.clone();
                async move { c.sync_orphan_pod(&key).await.map(|()| Next::Done) }
            },
        );
    });
}

fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).unwrap_or_else(|_| Timestamp::now())
}

fn spec_of(job: &Job) -> JobSpec {
    job.spec.clone().unwrap_or_default()
}

fn conditions(job: &Job) -> &[JobCondition] {
    job.status
        .as_ref()
        .and_then(|s| s.conditions.as_deref())
        .unwrap_or(&[])
}

fn condition_true<'a>(job: &'a Job, kind: &str) -> Option<&'a JobCondition> {
    conditions(job)
        .iter()
        .find(|c| c.type_ == kind && c.status == "True")
}

/// Whether the Job has a true Complete or Failed condition.
pub fn is_finished(job: &Job) -> bool {
    condition_true(job, "Complete").is_some() || condition_true(job, "Failed").is_some()
}

fn suspended(spec: &JobSpec) -> bool {
    spec.suspend == Some(true)
}

fn is_indexed(spec: &JobSpec) -> bool {
    spec.completion_mode.as_deref() == Some("Indexed")
}

fn has_backoff_limit_per_index(spec: &JobSpec) -> bool {
    spec.backoff_limit_per_index.is_some()
}

fn completions_or_zero(spec: &JobSpec) -> i32 {
    spec.completions.unwrap_or(0)
}

fn managed_externally(job: &Job) -> bool {
    job.spec
        .as_ref()
        .and_then(|s| s.managed_by.as_deref())
        .is_some_and(|m| m != MANAGED_BY)
}

/// Only failed pods are replaced (terminating ones are waited for).
fn only_replace_failed(spec: &JobSpec) -> bool {
    spec.pod_replacement_policy.as_deref() == Some("Failed") || spec.pod_failure_policy.is_some()
}

/// Whether a pod counts as failed: Failed phase, or (unless only failed pods
/// are replaced) deleted before succeeding.
fn is_pod_failed(pod: &Pod, spec: &JobSpec) -> bool {
    if pods::phase(pod) == "Failed" {
        return true;
    }
    if only_replace_failed(spec) {
        return false;
    }
    pods::deleting(pod) && !pods::succeeded(pod)
}

fn new_condition(
    kind: &str,
    status: &str,
    reason: &str,
    message: &str,
    at: Timestamp,
) -> JobCondition {
    JobCondition {
        type_: kind.to_string(),
        status: status.to_string(),
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        message: (!message.is_empty()).then(|| message.to_string()),
        last_probe_time: Some(Time(at)),
        last_transition_time: Some(Time(at)),
    }
}

/// Sets a condition's status, reason and message; a missing condition is only
/// added when its status is not False. Returns whether anything changed.
fn ensure_condition(
    list: &mut Vec<JobCondition>,
    kind: &str,
    status: &str,
    reason: &str,
    message: &str,
    at: Timestamp,
) -> bool {
    if let Some(c) = list.iter_mut().find(|c| c.type_ == kind) {
        if c.status != status
            || c.reason.as_deref().unwrap_or("") != reason
            || c.message.as_deref().unwrap_or("") != message
        {
            *c = new_condition(kind, status, reason, message, at);
            return true;
        }
        return false;
    }
    if status != "False" {
        list.push(new_condition(kind, status, reason, message, at));
        return true;
    }
    false
}

fn pod_uid(pod: &Pod) -> &str {
    pod.metadata.uid.as_deref().unwrap_or("")
}

fn labels_of(meta: &ObjectMeta) -> BTreeMap<String, String> {
    meta.labels.clone().unwrap_or_default()
}

fn controller_ref(job: &Job) -> OwnerReference {
    OwnerReference {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        name: job.metadata.name.clone().unwrap_or_default(),
        uid: job.metadata.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The `generateName` of a Job's pods: `<job>-`, or `<job>-<index>-` for Indexed
/// Jobs, with the Job name shortened to leave room for the random suffix.
fn generate_name(job_name: &str, index: Option<i32>) -> String {
    let suffix = match index {
        Some(ix) => format!("-{ix}-"),
        None => "-".to_string(),
    };
    let room = MAX_GENERATED_NAME_LENGTH.saturating_sub(suffix.len());
    let mut prefix: String = job_name.chars().take(room).collect();
    prefix.push_str(&suffix);
    prefix
}

fn is_api_status(err: &kube::Error, code: u16) -> bool {
    matches!(err, kube::Error::Api(e) if e.code == code)
}

/// Everything one sync of a Job works out.
struct SyncCtx {
    job: Job,
    spec: JobSpec,
    pods: Vec<Arc<Pod>>,
    active: Vec<Arc<Pod>>,
    ready: i32,
    terminating: i32,
    succeeded: i32,
    failed: i32,
    uncounted_succeeded: HashSet<String>,
    uncounted_failed: HashSet<String>,
    expected_rm: HashSet<String>,
    prev_succeeded_indexes: Intervals,
    succeeded_indexes: Intervals,
    failed_indexes: Option<Intervals>,
    new_backoff: backoff::BackoffRecord,
    finished: Option<JobCondition>,
    delayed_deletion: HashMap<i32, Arc<Pod>>,
}

impl SyncCtx {
    fn completions(&self) -> i32 {
        completions_or_zero(&self.spec)
    }

    fn status(&mut self) -> &mut k8s_openapi::api::batch::v1::JobStatus {
        self.job.status.get_or_insert_with(Default::default)
    }

    fn uncounted(&mut self) -> &mut UncountedTerminatedPods {
        self.status()
            .uncounted_terminated_pods
            .get_or_insert_with(Default::default)
    }

    /// Pods that still carry the finalizer, are not yet uncounted or expected
    /// to lose their finalizer, have a valid index when Indexed, and pass `filter`.
    fn valid_pods(
        &self,
        uncounted: Option<&HashSet<String>>,
        filter: impl Fn(&Pod) -> bool,
    ) -> Vec<Arc<Pod>> {
        let indexed = is_indexed(&self.spec);
        let completions = self.completions();
        self.pods
            .iter()
            .filter(|p| {
                let uid = pod_uid(p);
                has_tracking_finalizer(p)
                    && !uncounted.is_some_and(|u| u.contains(uid))
                    && !self.expected_rm.contains(uid)
                    && (!indexed || indexes::valid_index(p, completions).is_some())
                    && filter(p)
            })
            .cloned()
            .collect()
    }
}

impl JobController {
    fn resolve(&self, namespace: Option<&str>, owner: &OwnerReference) -> Option<Arc<Job>> {
        if owner.kind != "Job" {
            return None;
        }
        let job = self.jobs.get(namespace, &owner.name)?;
        (job.metadata.uid.as_deref() == Some(owner.uid.as_str())).then_some(job)
    }

    fn enqueue_now(&self, key: String) {
        self.queue.add(key);
    }

    fn enqueue_after(&self, key: String, delay: Duration) {
        self.queue.add_after(key, delay);
    }

    /// Queues a sync one batching period from now, coalescing repeated requests.
    fn enqueue_batched(self: &Arc<Self>, key: String) {
        if !self.batched.lock().insert(key.clone()) {
            return;
        }
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(SYNC_BATCH_PERIOD).await;
            me.batched.lock().remove(&key);
            me.queue.add(key);
        });
    }

    fn enqueue_with_delay(self: &Arc<Self>, key: String, delay: Duration) {
        if delay <= SYNC_BATCH_PERIOD {
            self.enqueue_batched(key);
        } else {
            self.enqueue_after(key, delay);
        }
    }

    fn on_job(self: &Arc<Self>, change: Change<Job>) {
        match change {
            Change::Added(job) => self.enqueue_now(key_of(job.as_ref())),
            Change::Updated { old, new } => {
                let key = key_of(new.as_ref());
                if old.metadata.generation == new.metadata.generation {
                    self.enqueue_batched(key.clone());
                } else {
                    self.enqueue_now(key.clone());
                }
                if is_finished(&new) {
                    self.cleanup_pod_finalizers(&new);
                }
                let new_ads = new.spec.as_ref().and_then(|s| s.active_deadline_seconds);
                let old_ads = old.spec.as_ref().and_then(|s| s.active_deadline_seconds);
                let start = new.status.as_ref().and_then(|s| s.start_time.as_ref());
                if let (Some(ads), Some(start)) = (new_ads, start) {
                    if old_ads != Some(ads) {
                        let total = jiff::SignedDuration::from_secs(ads);
                        let passed = Timestamp::now().duration_since(start.0);
                        let left = Duration::try_from(total - passed).unwrap_or(Duration::ZERO);
                        self.enqueue_after(key, left);
                    }
                }
            }
            Change::Deleted(job) => {
                self.enqueue_now(key_of(job.as_ref()));
                self.cleanup_pod_finalizers(&job);
            }
        }
    }

    /// Hands every pod of `job` that still has the tracking finalizer to the
    /// orphan worker, which removes it.
    fn cleanup_pod_finalizers(&self, job: &Job) {
        let Some(uid) = job.metadata.uid.as_deref() else {
            return;
        };
        for pod in self.pods.by_index(BY_CONTROLLER, uid) {
            if has_tracking_finalizer(&pod) {
                self.orphans.add(key_of(pod.as_ref()));
            }
        }
    }

    /// Jobs in the pod's namespace whose selector matches it.
    fn jobs_selecting(&self, pod: &Pod) -> Vec<Arc<Job>> {
        let ns = pod.metadata.namespace.as_deref().unwrap_or("");
        let labels = labels_of(&pod.metadata);
        self.jobs
            .list_namespace(ns)
            .into_iter()
            .filter(|j| {
                j.spec
                    .as_ref()
                    .and_then(|s| Selector::from_label_selector(s.selector.as_ref()).ok())
                    .is_some_and(|sel| !sel.is_empty() && sel.matches(&labels))
            })
            .collect()
    }

    fn on_pod(self: &Arc<Self>, change: Change<Pod>) {
        match change {
            Change::Added(pod) => {
                if pods::deleting(&pod) {
                    self.on_pod_deleted(&pod, false);
                    return;
                }
                if let Some(owner) = pods::controller_of(&pod.metadata) {
                    if let Some(job) = self.resolve(pod.metadata.namespace.as_deref(), owner) {
                        let key = key_of(job.as_ref());
                        self.expectations.creation_observed(&key);
                        self.enqueue_batched(key);
                    }
                    return;
                }
                if has_tracking_finalizer(&pod) {
                    self.orphans.add(key_of(pod.as_ref()));
                }
                for job in self.jobs_selecting(&pod) {
                    self.enqueue_batched(key_of(job.as_ref()));
                }
            }
            Change::Updated { old, new } => {
                if pods::deleting(&new) {
                    self.on_pod_deleted(&new, false);
                    return;
                }
                let finalizer_removed = !has_tracking_finalizer(&new);
                let cur_ref = pods::controller_of(&new.metadata);
                let old_ref = pods::controller_of(&old.metadata);
                let ref_changed = cur_ref != old_ref;
                let ns = new.metadata.namespace.as_deref();
                if ref_changed {
                    if let Some(job) = old_ref.and_then(|r| self.resolve(ns, r)) {
                        let key = key_of(job.as_ref());
                        if finalizer_removed {
                            self.finalizers.observed(&key, pod_uid(&new));
                        }
                        self.enqueue_batched(key);
                    }
                }
                if let Some(owner) = cur_ref {
                    if let Some(job) = self.resolve(ns, owner) {
                        let key = key_of(job.as_ref());
                        if finalizer_removed {
                            self.finalizers.observed(&key, pod_uid(&new));
                        }
                        self.enqueue_batched(key);
                    }
                    return;
                }
                if has_tracking_finalizer(&new) {
                    self.orphans.add(key_of(new.as_ref()));
                }
                if ref_changed || old.metadata.labels != new.metadata.labels {
                    for job in self.jobs_selecting(&new) {
                        self.enqueue_batched(key_of(job.as_ref()));
                    }
                }
            }
            Change::Deleted(pod) => self.on_pod_deleted(&pod, true),
        }
    }

    fn on_pod_deleted(self: &Arc<Self>, pod: &Pod, gone: bool) {
        let has_finalizer = has_tracking_finalizer(pod);
        let Some(owner) = pods::controller_of(&pod.metadata) else {
            if has_finalizer && !gone {
                self.orphans.add(key_of(pod));
            }
            return;
        };
        let job = self.resolve(pod.metadata.namespace.as_deref(), owner);
        let Some(job) = job.filter(|j| !is_finished(j)) else {
            if has_finalizer && !gone {
                self.orphans.add(key_of(pod));
            }
            return;
        };
        let key = key_of(job.as_ref());
        self.expectations.deletion_observed(&key);
        if gone || !has_finalizer {
            self.finalizers.observed(&key, pod_uid(pod));
        }
        self.enqueue_batched(key);
    }

    /// Removes the tracking finalizer from a pod whose Job is gone or finished.
    async fn sync_orphan_pod(&self, key: &str) -> anyhow::Result<()> {
        let Some((ns, name)) = key.split_once('/') else {
            return Ok(());
        };
        let Some(pod) = self.pods.get(Some(ns), name) else {
            return Ok(());
        };
        if let Some(owner) = pods::controller_of(&pod.metadata) {
            if owner.kind != "Job" || owner.api_version != "batch/v1" {
                return Ok(());
            }
            if let Some(job) = self.resolve(Some(ns), owner) {
                if managed_externally(&job) || !is_finished(&job) {
                    return Ok(());
                }
            }
        }
        if !has_tracking_finalizer(&pod) {
            return Ok(());
        }
        match self.remove_finalizer(&pod).await {
            Ok(()) => Ok(()),
            Err(err) if is_api_status(&err, 404) => Ok(()),
            Err(err) => {
                Err(err).with_context(|| format!("removing the tracking finalizer of pod {key}"))
            }
        }
    }

    async fn remove_finalizer(&self, pod: &Pod) -> Result<(), kube::Error> {
        let api: Api<Pod> = Api::namespaced(
            self.client.clone(),
            pod.metadata.namespace.as_deref().unwrap_or("default"),
        );
        let patch =
            json!({"metadata": {"$deleteFromPrimitiveList/finalizers": [TRACKING_FINALIZER]}});
        api.patch(
            pod.metadata.name.as_deref().unwrap_or(""),
            &PatchParams::default(),
            &Patch::Strategic(&patch),
        )
        .await
        .map(|_| ())
    }

    /// The pods this Job manages: those it controls that still match its
    /// selector (releasing the others), plus matching orphans, which it adopts.
    async fn pods_for_job(&self, job: &Job, spec: &JobSpec) -> anyhow::Result<Vec<Arc<Pod>>> {
        let selector = Selector::from_label_selector(spec.selector.as_ref())
            .map_err(|e| anyhow::anyhow!("couldn't convert Job selector: {e}"))?;
        let ns = job.metadata.namespace.as_deref().unwrap_or("");
        let uid = job.metadata.uid.as_deref().unwrap_or("");
        let job_deleting = job.metadata.deletion_timestamp.is_some();
        let mut out = Vec::new();
        let mut adoption_checked: Option<bool> = None;
        for pod in self.pods.by_index(BY_CONTROLLER, uid) {
            if pod.metadata.namespace.as_deref() != Some(ns) {
                continue;
            }
            let matches = selector.matches(&labels_of(&pod.metadata));
            if matches || job_deleting {
                out.push(pod);
            } else if !pods::deleting(&pod) {
                self.release(job, &pod).await;
            }
        }
        if job_deleting || selector.is_empty() || selector.is_nothing() {
            return Ok(out);
        }
        for pod in self.pods.by_index(BY_NAMESPACE, ns) {
            if pods::controller_of(&pod.metadata).is_some()
                || pods::deleting(&pod)
                || !selector.matches(&labels_of(&pod.metadata))
            {
                continue;
            }
            let can_adopt = match adoption_checked {
                Some(v) => v,
                None => {
                    let v = self.can_adopt(job).await?;
                    adoption_checked = Some(v);
                    v
                }
            };
            if !can_adopt {
                break;
            }
            if let Some(adopted) = self.adopt(job, &pod).await {
                out.push(Arc::new(adopted));
            }
        }
        Ok(out)
    }

    /// Adoption requires a fresh read showing the same Job, not being deleted.
    async fn can_adopt(&self, job: &Job) -> anyhow::Result<bool> {
        let ns = job.metadata.namespace.as_deref().unwrap_or("default");
        let name = job.metadata.name.as_deref().unwrap_or("");
        let api: Api<Job> = Api::namespaced(self.client.clone(), ns);
        let fresh = api
            .get_opt(name)
            .await
            .context("re-reading the Job before adopting pods")?;
        Ok(fresh.is_some_and(|f| {
            f.metadata.uid == job.metadata.uid && f.metadata.deletion_timestamp.is_none()
        }))
    }

    async fn adopt(&self, job: &Job, pod: &Pod) -> Option<Pod> {
        let api: Api<Pod> = Api::namespaced(
            self.client.clone(),
            pod.metadata.namespace.as_deref().unwrap_or("default"),
        );
        let owner = controller_ref(job);
        let patch = json!({"metadata": {
            "ownerReferences": [owner],
            "uid": pod.metadata.uid,
            "finalizers": [TRACKING_FINALIZER],
        }});
        let name = pod.metadata.name.as_deref().unwrap_or("");
        match api
            .patch(name, &PatchParams::default(), &Patch::Strategic(&patch))
            .await
        {
            Ok(mut adopted) => {
                let finalizers = adopted.metadata.finalizers.get_or_insert_with(Vec::new);
                if !finalizers.iter().any(|f| f == TRACKING_FINALIZER) {
                    finalizers.push(TRACKING_FINALIZER.to_string());
                }
                Some(adopted)
            }
            Err(err) => {
                tracing::debug!(pod = name, error = %err, "adopting pod failed");
                None
            }
        }
    }

    async fn release(&self, job: &Job, pod: &Pod) {
        let api: Api<Pod> = Api::namespaced(
            self.client.clone(),
            pod.metadata.namespace.as_deref().unwrap_or("default"),
        );
        let patch = json!({"metadata": {
            "ownerReferences": [{"$patch": "delete", "uid": job.metadata.uid}],
            "uid": pod.metadata.uid,
        }});
        let name = pod.metadata.name.as_deref().unwrap_or("");
        if let Err(err) = api
            .patch(name, &PatchParams::default(), &Patch::Strategic(&patch))
            .await
        {
            tracing::debug!(pod = name, error = %err, "releasing pod failed");
        }
    }

    async fn sync(self: &Arc<Self>, key: &str) -> anyhow::Result<()> {
        let Some((ns, name)) = key.split_once('/') else {
            anyhow::bail!("invalid job key {key:?}: either namespace or name is missing");
        };
        let Some(shared) = self.jobs.get(Some(ns), name) else {
            self.expectations.delete(key);
            self.finalizers.delete(key);
            self.backoff.remove(key);
            return Ok(());
        };
        if managed_externally(&shared) {
            return Ok(());
        }
        if is_finished(&shared) {
            self.backoff.remove(key);
            return Ok(());
        }
        let mut job = (*shared).clone();
        let spec = spec_of(&job);
        if let Some(mode) = spec.completion_mode.as_deref() {
            if mode != "NonIndexed" && mode != "Indexed" {
                self.recorder.record(
                    reference(&job),
                    EventType::Warning,
                    "UnknownCompletionMode",
                    "Sync",
                    "Skipped Job sync because completion mode is unknown".into(),
                );
                return Ok(());
            }
        }
        let status = job.status.get_or_insert_with(Default::default);
        let uncounted = status
            .uncounted_terminated_pods
            .get_or_insert_with(Default::default)
            .clone();
        let satisfied = self.expectations.satisfied(key);
        let pods = self.pods_for_job(&job, &spec).await?;
        let active: Vec<Arc<Pod>> = pods.iter().filter(|p| pods::active(p)).cloned().collect();
        let mut ctx = SyncCtx {
            ready: i32::try_from(active.iter().filter(|p| pods::ready(p)).count())
                .unwrap_or(i32::MAX),
            terminating: i32::try_from(pods.iter().filter(|p| pods::terminating(p)).count())
                .unwrap_or(i32::MAX),
            uncounted_succeeded: uncounted.succeeded.iter().flatten().cloned().collect(),
            uncounted_failed: uncounted.failed.iter().flatten().cloned().collect(),
            expected_rm: self.finalizers.expected(key),
            job,
            spec,
            pods,
            active,
            succeeded: 0,
            failed: 0,
            prev_succeeded_indexes: Intervals::default(),
            succeeded_indexes: Intervals::default(),
            failed_indexes: None,
            new_backoff: Default::default(),
            finished: None,
            delayed_deletion: HashMap::new(),
        };
        let mut active_count = i32::try_from(ctx.active.len()).unwrap_or(i32::MAX);
        let spec = ctx.spec.clone();
        let new_succeeded = ctx.valid_pods(Some(&ctx.uncounted_succeeded), pods::succeeded);
        let new_failed = ctx.valid_pods(Some(&ctx.uncounted_failed), |p| is_pod_failed(p, &spec));
        let status = ctx.job.status.clone().unwrap_or_default();
        let counted_new_failed = new_failed
            .iter()
            .filter(|p| match_pod_failure_policy(spec.pod_failure_policy.as_ref(), p).count_failed)
            .count();
        ctx.succeeded = status.succeeded.unwrap_or(0)
            + i32::try_from(new_succeeded.len() + ctx.uncounted_succeeded.len())
                .unwrap_or(i32::MAX);
        ctx.failed = status.failed.unwrap_or(0)
            + i32::try_from(counted_new_failed + ctx.uncounted_failed.len()).unwrap_or(i32::MAX);

        if status.start_time.is_none() && !suspended(&spec) {
            ctx.status().start_time = Some(Time(now()));
        }
        let succeeded_refs: Vec<&Pod> = new_succeeded.iter().map(AsRef::as_ref).collect();
        let failed_refs: Vec<&Pod> = new_failed.iter().map(AsRef::as_ref).collect();
        ctx.new_backoff = self.backoff.get(key).advance(&succeeded_refs, &failed_refs);

        let backoff_limit = spec.backoff_limit.unwrap_or(6);
        let exceeds_backoff_limit = ctx.failed > backoff_limit;
        ctx.finished = condition_true(&ctx.job, "SuccessCriteriaMet").cloned();
        if ctx.finished.is_none() {
            if let Some(target) = condition_true(&ctx.job, "FailureTarget") {
                ctx.finished = Some(new_condition(
                    "Failed",
                    "True",
                    target.reason.as_deref().unwrap_or(""),
                    target.message.as_deref().unwrap_or(""),
                    now(),
                ));
            } else if let Some(message) = fail_job_message(&spec, &ctx.pods) {
                ctx.finished = Some(new_condition(
                    "FailureTarget",
                    "True",
                    REASON_POD_FAILURE_POLICY,
                    &message,
                    now(),
                ));
            }
        }
        if ctx.finished.is_none() {
            if exceeds_backoff_limit || past_backoff_limit_on_failure(&spec, &ctx.pods) {
                ctx.finished = Some(failure_target(
                    REASON_BACKOFF_LIMIT,
                    "Job has reached the specified backoff limit",
                ));
            } else if past_active_deadline(&ctx.job, &spec) {
                ctx.finished = Some(failure_target(
                    REASON_DEADLINE,
                    "Job was active longer than specified deadline",
                ));
            } else if let (Some(ads), false) = (spec.active_deadline_seconds, suspended(&spec)) {
                if let Some(start) = ctx.job.status.as_ref().and_then(|s| s.start_time.as_ref()) {
                    let left = jiff::SignedDuration::from_secs(ads)
                        - Timestamp::now().duration_since(start.0);
                    self.enqueue_after(
                        key.to_string(),
                        Duration::try_from(left).unwrap_or(Duration::ZERO),
                    );
                }
            }
        }

        if is_indexed(&spec) {
            let completions = ctx.completions();
            let completed = ctx
                .job
                .status
                .as_ref()
                .and_then(|s| s.completed_indexes.clone())
                .unwrap_or_default();
            ctx.prev_succeeded_indexes = Intervals::parse(&completed, completions);
            let new_ix: BTreeSet<i32> = ctx
                .pods
                .iter()
                .filter(|p| pods::succeeded(p) && has_tracking_finalizer(p))
                .filter_map(|p| indexes::valid_index(p, completions))
                .collect();
            let new_ix: Vec<i32> = new_ix.into_iter().collect();
            ctx.succeeded_indexes = ctx.prev_succeeded_indexes.with_indexes(&new_ix);
            ctx.succeeded = ctx.succeeded_indexes.total();
            if has_backoff_limit_per_index(&spec) {
                let failed_indexes = calculate_failed_indexes(&ctx.job, &spec, &ctx.pods);
                if ctx.finished.is_none() {
                    if spec
                        .max_failed_indexes
                        .is_some_and(|m| failed_indexes.total() > m)
                    {
                        ctx.finished = Some(failure_target(
                            REASON_MAX_FAILED_INDEXES,
                            "Job has exceeded the specified maximal number of failed indexes",
                        ));
                    } else if failed_indexes.total() > 0
                        && failed_indexes.total() + ctx.succeeded_indexes.total() >= completions
                    {
                        ctx.finished = Some(failure_target(
                            REASON_FAILED_INDEXES,
                            "Job has failed indexes",
                        ));
                    }
                }
                ctx.failed_indexes = Some(failed_indexes);
                ctx.delayed_deletion = pods_with_delayed_deletion(&ctx);
            }
            if ctx.finished.is_none() {
                if let Some(msg) = match_success_policy(
                    spec.success_policy.as_ref(),
                    completions,
                    &ctx.succeeded_indexes,
                ) {
                    ctx.finished = Some(new_condition(
                        "SuccessCriteriaMet",
                        "True",
                        REASON_SUCCESS_POLICY,
                        &msg,
                        now(),
                    ));
                }
            }
        }

        let mut suspend_changed = false;
        let mut manage_err: Option<anyhow::Error> = None;
        if ctx.finished.is_some() {
            let to_delete = ctx.active.clone();
            let (deleted_ready, deleted, err) = self.delete_active_pods(&ctx.job, &to_delete).await;
            if deleted != active_count || !satisfied {
                ctx.finished = None;
            }
            active_count -= deleted;
            ctx.terminating += deleted;
            ctx.ready -= deleted_ready;
            manage_err = err;
        } else {
            let mut manage_called = false;
            if satisfied && ctx.job.metadata.deletion_timestamp.is_none() {
                match self.manage_job(key, &mut ctx).await {
                    Ok(a) => active_count = a,
                    Err((a, e)) => {
                        active_count = a;
                        manage_err = Some(e);
                    }
                }
                manage_called = true;
            }
            let complete = match spec.completions {
                None => ctx.succeeded > 0 && active_count == 0,
                Some(c) => ctx.succeeded >= c && active_count == 0,
            };
            if complete {
                ctx.finished = Some(new_condition(
                    "SuccessCriteriaMet",
                    "True",
                    REASON_COMPLETIONS_REACHED,
                    "Reached expected number of succeeded pods",
                    now(),
                ));
            } else if manage_called {
                let at = now();
                let is_suspended = suspended(&spec);
                let reference = reference(&ctx.job);
                let list = ctx.status().conditions.get_or_insert_with(Vec::new);
                if is_suspended {
                    if ensure_condition(
                        list,
                        "Suspended",
                        "True",
                        "JobSuspended",
                        "Job suspended",
                        at,
                    ) {
                        suspend_changed = true;
                        self.recorder.record(
                            reference,
                            EventType::Normal,
                            "Suspended",
                            "Suspend",
                            "Job suspended".into(),
                        );
                    }
                } else if ensure_condition(
                    list,
                    "Suspended",
                    "False",
                    "JobResumed",
                    "Job resumed",
                    at,
                ) {
                    suspend_changed = true;
                    self.recorder.record(
                        reference,
                        EventType::Normal,
                        "Resumed",
                        "Resume",
                        "Job resumed".into(),
                    );
                    ctx.status().start_time = Some(Time(at));
                }
            }
        }

        let status = ctx.job.status.clone().unwrap_or_default();
        let needs_update = suspend_changed
            || Some(active_count) != status.active.or(Some(0))
            || Some(ctx.ready) != status.ready
            || Some(ctx.terminating) != status.terminating;
        let (ready, terminating) = (ctx.ready, ctx.terminating);
        let st = ctx.status();
        st.active = (active_count != 0).then_some(active_count);
        st.ready = Some(ready);
        st.terminating = Some(terminating);
        self.track_status(key, &mut ctx, needs_update)
            .await
            .context("tracking status")?;
        match manage_err {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Deletes pods, keeping their finalizers (counted later). Returns the
    /// deleted ready pods, all deleted pods and the first error.
    async fn delete_active_pods(
        &self,
        job: &Job,
        pods: &[Arc<Pod>],
    ) -> (i32, i32, Option<anyhow::Error>) {
        let results = join_all(pods.iter().map(|p| self.delete_pod(job, p))).await;
        let mut deleted = 0;
        let mut deleted_ready = 0;
        let mut first_err = None;
        for (pod, res) in pods.iter().zip(results) {
            match res {
                Ok(()) => deleted += 1,
                Err(err) if is_api_status(&err, 404) => deleted += 1,
                Err(err) => {
                    if first_err.is_none() {
                        first_err = Some(anyhow::Error::new(err).context("deleting pod"));
                    }
                }
            }
            if pods::ready(pod) {
                deleted_ready += 1;
            }
        }
        (deleted_ready, deleted, first_err)
    }

    async fn delete_pod(&self, job: &Job, pod: &Pod) -> Result<(), kube::Error> {
        let api: Api<Pod> = Api::namespaced(
            self.client.clone(),
            pod.metadata.namespace.as_deref().unwrap_or("default"),
        );
        let name = pod.metadata.name.as_deref().unwrap_or("");
        match api.delete(name, &DeleteParams::default()).await {
            Ok(_) => {
                self.recorder.record(
                    reference(job),
                    EventType::Normal,
                    "SuccessfulDelete",
                    "Delete",
                    format!("Deleted pod: {name}"),
                );
                Ok(())
            }
            Err(err) => {
                if !is_api_status(&err, 404) {
                    self.recorder.record(
                        reference(job),
                        EventType::Warning,
                        "FailedDelete",
                        "Delete",
                        format!("Error deleting: {err}"),
                    );
                }
                Err(err)
            }
        }
    }

    /// Deletes pods for `manageJob`: finalizer first, then the pod.
    async fn delete_job_pods(
        &self,
        key: &str,
        job: &Job,
        pods: &[Arc<Pod>],
    ) -> (i32, i32, Option<anyhow::Error>) {
        let work = pods.iter().map(|pod| async move {
            if has_tracking_finalizer(pod) {
                if let Err(err) = self.remove_finalizer(pod).await {
                    self.expectations.deletion_observed(key);
                    return if is_api_status(&err, 404) {
                        Ok(())
                    } else {
                        Err(err)
                    };
                }
            }
            match self.delete_pod(job, pod).await {
                Ok(()) => Ok(()),
                Err(err) => {
                    self.expectations.deletion_observed(key);
                    if is_api_status(&err, 404) {
                        Ok(())
                    } else {
                        Err(err)
                    }
                }
            }
        });
        let results = join_all(work).await;
        let mut deleted = 0;
        let mut deleted_ready = 0;
        let mut first_err = None;
        for (pod, res) in pods.iter().zip(results) {
            match res {
                Ok(()) => {
                    deleted += 1;
                    if pods::ready(pod) {
                        deleted_ready += 1;
                    }
                }
                Err(err) => {
                    if first_err.is_none() {
                        first_err = Some(anyhow::Error::new(err).context("deleting pod"));
                    }
                }
            }
        }
        (deleted_ready, deleted, first_err)
    }

    /// Creates or deletes pods to match parallelism and the remaining
    /// completions, honouring suspension and failure back-off. Returns the new
    /// number of active pods (with the first error, if any).
    async fn manage_job(
        self: &Arc<Self>,
        key: &str,
        ctx: &mut SyncCtx,
    ) -> Result<i32, (i32, anyhow::Error)> {
        let spec = ctx.spec.clone();
        let job = ctx.job.clone();
        let mut active = i32::try_from(ctx.active.len()).unwrap_or(i32::MAX);
        let parallelism = spec.parallelism.unwrap_or(1).max(0);
        if suspended(&spec) {
            let to_delete = pods_for_removal(&spec, &ctx.active, ctx.active.len());
            self.expectations.expect_deletions(key, to_delete.len());
            let (ready, removed, err) = self.delete_job_pods(key, &job, &to_delete).await;
            active -= removed;
            ctx.terminating += removed;
            ctx.ready -= ready;
            return match err {
                Some(e) => Err((active, e)),
                None => Ok(active),
            };
        }
        let want_active = match spec.completions {
            None => {
                if ctx.succeeded > 0 {
                    active
                } else {
                    parallelism
                }
            }
            Some(c) => (c - ctx.succeeded).clamp(0, parallelism),
        };
        let rm_at_least = usize::try_from((active - want_active).max(0)).unwrap_or(0);
        let mut to_delete = pods_for_removal(&spec, &ctx.active, rm_at_least);
        to_delete.truncate(MAX_POD_CREATE_DELETE_PER_SYNC);
        if !to_delete.is_empty() {
            self.expectations.expect_deletions(key, to_delete.len());
            let (ready, removed, err) = self.delete_job_pods(key, &job, &to_delete).await;
            active -= removed;
            ctx.terminating += removed;
            ctx.ready -= ready;
            return match err {
                Some(e) => Err((active, e)),
                None => Ok(active),
            };
        }
        let terminating = if only_replace_failed(&spec) {
            ctx.terminating
        } else {
            0
        };
        let diff = want_active - terminating - active;
        if diff <= 0 {
            return Ok(active);
        }
        let mut diff = usize::try_from(diff)
            .unwrap_or(0)
            .min(MAX_POD_CREATE_DELETE_PER_SYNC);
        if !has_backoff_limit_per_index(&spec) {
            let remaining = ctx.new_backoff.remaining(Timestamp::now());
            if !remaining.is_zero() {
                self.enqueue_with_delay(key.to_string(), remaining);
                // Kubernetes reports 0 active pods here, which its own status
                // validation then rejects whenever some of them are ready;
                // the pods that are running stay counted.
                return Ok(active);
            }
        }
        let mut indexes_to_add: Vec<Option<i32>> = Vec::new();
        if is_indexed(&spec) {
            let mut busy = indexes::indexes_of(ctx.active.iter().map(AsRef::as_ref));
            if only_replace_failed(&spec) {
                busy.extend(indexes::indexes_of(
                    ctx.pods
                        .iter()
                        .filter(|p| pods::terminating(p))
                        .map(AsRef::as_ref),
                ));
            }
            let mut pending = indexes::first_pending_indexes(
                &ctx.succeeded_indexes,
                ctx.failed_indexes.as_ref(),
                &busy,
                diff,
                ctx.completions(),
            );
            if has_backoff_limit_per_index(&spec) {
                let (now_ready, wait) = indexes_ready_to_create(&pending, &ctx.delayed_deletion);
                if now_ready.is_empty() {
                    if !wait.is_zero() {
                        self.enqueue_with_delay(key.to_string(), wait);
                    }
                    return Ok(active);
                }
                pending = now_ready;
            }
            diff = pending.len();
            indexes_to_add = pending.into_iter().map(Some).collect();
        } else {
            indexes_to_add.resize(diff, None);
        }
        if diff == 0 {
            return Ok(active);
        }
        self.expectations.expect_creations(key, diff);
        active += i32::try_from(diff).unwrap_or(i32::MAX);
        let mut first_err: Option<anyhow::Error> = None;
        let mut remaining = indexes_to_add.as_slice();
        let mut batch = 1usize;
        while !remaining.is_empty() {
            let n = batch.min(remaining.len());
            let (now_batch, rest) = remaining.split_at(n);
            remaining = rest;
            let results = join_all(now_batch.iter().map(|ix| {
                let delayed = ix.and_then(|i| ctx.delayed_deletion.get(&i).cloned());
                let pod = pod_from_template(&job, &spec, *ix, delayed.as_deref());
                self.create_pod(&job, pod)
            }))
            .await;
            let mut batch_failed = false;
            for res in results {
                if let Err(err) = res {
                    self.expectations.creation_observed(key);
                    active -= 1;
                    batch_failed = true;
                    if first_err.is_none() {
                        first_err = Some(err);
                    }
                }
            }
            if batch_failed && !remaining.is_empty() {
                for _ in remaining {
                    self.expectations.creation_observed(key);
                }
                active -= i32::try_from(remaining.len()).unwrap_or(0);
                break;
            }
            batch = batch.saturating_mul(2);
        }
        match first_err {
            Some(e) => Err((active, e)),
            None => Ok(active),
        }
    }

    async fn create_pod(&self, job: &Job, pod: Pod) -> anyhow::Result<()> {
        let ns = job.metadata.namespace.as_deref().unwrap_or("default");
        let api: Api<Pod> = Api::namespaced(self.client.clone(), ns);
        match api.create(&PostParams::default(), &pod).await {
            Ok(created) => {
                self.recorder.record(
                    reference(job),
                    EventType::Normal,
                    "SuccessfulCreate",
                    "Create",
                    format!("Created pod: {}", created.metadata.name.unwrap_or_default()),
                );
                Ok(())
            }
            Err(err) => {
                let terminating_ns = matches!(&err, kube::Error::Api(e) if e.code == 403 && e.message.contains("terminat"));
                if !terminating_ns {
                    self.recorder.record(
                        reference(job),
                        EventType::Warning,
                        "FailedCreate",
                        "Create",
                        format!("Error creating: {err}"),
                    );
                }
                Err(anyhow::Error::new(err).context(format!(
                    "creating a pod for Job {ns}/{}",
                    job.metadata.name.as_deref().unwrap_or("")
                )))
            }
        }
    }

    async fn update_status(&self, job: &Job) -> anyhow::Result<Job> {
        let ns = job.metadata.namespace.as_deref().unwrap_or("default");
        let name = job.metadata.name.as_deref().unwrap_or("");
        let api: Api<Job> = Api::namespaced(self.client.clone(), ns);
        api.replace_status(name, &PostParams::default(), job)
            .await
            .with_context(|| format!("updating the status of Job {ns}/{name}"))
    }

    /// Records finished pods in `uncountedTerminatedPods`, removes their
    /// finalizers, moves them into the counters and, when the Job is done and
    /// nothing is left uncounted or terminating, adds Complete or Failed.
    async fn track_status(
        &self,
        key: &str,
        ctx: &mut SyncCtx,
        mut needs_flush: bool,
    ) -> anyhow::Result<()> {
        let spec = ctx.spec.clone();
        let indexed = is_indexed(&spec);
        let completions = ctx.completions();
        if indexed {
            ctx.pods
                .sort_by_key(|p| indexes::completion_index(p).unwrap_or(-1));
        }
        let mut with_finalizer: HashSet<String> = ctx
            .pods
            .iter()
            .filter(|p| has_tracking_finalizer(p) && !ctx.expected_rm.contains(pod_uid(p)))
            .map(|p| pod_uid(p).to_string())
            .collect();
        if clean_uncounted(ctx.status(), &with_finalizer) {
            needs_flush = true;
        }
        let mut to_remove: Vec<Arc<Pod>> = Vec::new();
        let mut new_succeeded_indexes: Vec<i32> = Vec::new();
        let mut reached_max = false;
        let pods_snapshot = ctx.pods.clone();
        for pod in &pods_snapshot {
            let uid = pod_uid(pod).to_string();
            if !has_tracking_finalizer(pod) || ctx.expected_rm.contains(&uid) {
                continue;
            }
            let failed = is_pod_failed(pod, &spec);
            if !can_remove_finalizer(ctx, pod, failed) {
                continue;
            }
            to_remove.push(pod.clone());
            if pods::succeeded(pod) && !ctx.uncounted_failed.contains(&uid) {
                if indexed {
                    if let Some(ix) = indexes::valid_index(pod, completions) {
                        if !ctx.prev_succeeded_indexes.has(ix) {
                            new_succeeded_indexes.push(ix);
                            needs_flush = true;
                        }
                    }
                } else if !ctx.uncounted_succeeded.contains(&uid) {
                    needs_flush = true;
                    ctx.uncounted()
                        .succeeded
                        .get_or_insert_with(Vec::new)
                        .push(uid.clone());
                }
            } else if failed
                || ctx
                    .finished
                    .as_ref()
                    .is_some_and(|c| c.type_ != "SuccessCriteriaMet")
            {
                let ix_ok = !indexed || indexes::valid_index(pod, completions).is_some();
                if !ctx.uncounted_failed.contains(&uid) && ix_ok {
                    let counts = match_pod_failure_policy(spec.pod_failure_policy.as_ref(), pod)
                        .count_failed;
                    if counts {
                        needs_flush = true;
                        ctx.uncounted()
                            .failed
                            .get_or_insert_with(Vec::new)
                            .push(uid.clone());
                    }
                }
            }
            let u = ctx.uncounted().clone();
            let uncounted_len =
                u.succeeded.map_or(0, |v| v.len()) + u.failed.map_or(0, |v| v.len());
            if new_succeeded_indexes.len() + uncounted_len >= MAX_UNCOUNTED_PODS {
                reached_max = true;
                break;
            }
        }
        if indexed {
            new_succeeded_indexes.sort_unstable();
            new_succeeded_indexes.dedup();
            ctx.succeeded_indexes = ctx.succeeded_indexes.with_indexes(&new_succeeded_indexes);
            let s = ctx.succeeded_indexes.to_string();
            let total = ctx.succeeded_indexes.total();
            let failed_str = ctx.failed_indexes.as_ref().map(ToString::to_string);
            let st = ctx.status();
            if st.completed_indexes.as_deref().unwrap_or("") != s {
                needs_flush = true;
            }
            st.succeeded = (total != 0).then_some(total);
            st.completed_indexes = (!s.is_empty()).then_some(s);
            if st.failed_indexes != failed_str {
                st.failed_indexes = failed_str;
                needs_flush = true;
            }
        }
        if let Some(target) = ctx.finished.clone().filter(|c| c.type_ == "FailureTarget") {
            ctx.status()
                .conditions
                .get_or_insert_with(Vec::new)
                .push(target.clone());
            needs_flush = true;
            ctx.finished = Some(new_condition(
                "Failed",
                "True",
                target.reason.as_deref().unwrap_or(""),
                target.message.as_deref().unwrap_or(""),
                now(),
            ));
        }
        if let Some(met) = ctx
            .finished
            .clone()
            .filter(|c| c.type_ == "SuccessCriteriaMet" && c.status == "True")
        {
            if condition_true(&ctx.job, "SuccessCriteriaMet").is_none() {
                ctx.status()
                    .conditions
                    .get_or_insert_with(Vec::new)
                    .push(met.clone());
                needs_flush = true;
            }
            ctx.finished = Some(new_condition(
                "Complete",
                "True",
                met.reason.as_deref().unwrap_or(""),
                met.message.as_deref().unwrap_or(""),
                now(),
            ));
        }
        needs_flush = self
            .flush_and_remove_finalizers(key, ctx, &to_remove, &mut with_finalizer, needs_flush)
            .await?;
        let finished = !reached_max && enact_finished(ctx);
        if finished {
            needs_flush = true;
        }
        if needs_flush {
            ctx.job = self.update_status(&ctx.job).await?;
            if finished {
                if let Some(cond) = ctx.finished.clone() {
                    self.record_finished(&ctx.job, &cond);
                }
            }
        }
        Ok(())
    }

    async fn flush_and_remove_finalizers(
        &self,
        key: &str,
        ctx: &mut SyncCtx,
        to_remove: &[Arc<Pod>],
        with_finalizer: &mut HashSet<String>,
        mut needs_flush: bool,
    ) -> anyhow::Result<bool> {
        if needs_flush {
            ctx.job = self
                .update_status(&ctx.job)
                .await
                .context("adding uncounted pods to status")?;
            self.backoff.set(key, ctx.new_backoff.clone());
            needs_flush = false;
        }
        let mut rm_err: Option<anyhow::Error> = None;
        if !to_remove.is_empty() {
            self.finalizers
                .expect_removed(key, to_remove.iter().map(|p| pod_uid(p)));
            let results = join_all(to_remove.iter().map(|p| self.remove_finalizer(p))).await;
            for (pod, res) in to_remove.iter().zip(results) {
                match res {
                    Ok(()) => {
                        with_finalizer.remove(pod_uid(pod));
                    }
                    Err(err) => {
                        self.finalizers.observed(key, pod_uid(pod));
                        if is_api_status(&err, 404) {
                            with_finalizer.remove(pod_uid(pod));
                        } else if rm_err.is_none() {
                            rm_err = Some(
                                anyhow::Error::new(err).context("removing tracking finalizer"),
                            );
                        }
                    }
                }
            }
        }
        if clean_uncounted(ctx.status(), with_finalizer) {
            needs_flush = true;
        }
        if let Some(err) = rm_err {
            if needs_flush {
                ctx.job = self
                    .update_status(&ctx.job)
                    .await
                    .context("removing uncounted pods from status")?;
            }
            return Err(err);
        }
        Ok(needs_flush)
    }

    fn record_finished(&self, job: &Job, cond: &JobCondition) {
        if cond.type_ == "Complete" {
            let spec = spec_of(job);
            let succeeded = job.status.as_ref().and_then(|s| s.succeeded).unwrap_or(0);
            if spec.completions.is_some_and(|c| succeeded > c) {
                self.recorder.record(
                    reference(job),
                    EventType::Warning,
                    "TooManySucceededPods",
                    "Sync",
                    "Too many succeeded pods running after completion count reached".into(),
                );
            }
            self.recorder.record(
                reference(job),
                EventType::Normal,
                "Completed",
                "Sync",
                "Job completed".into(),
            );
        } else {
            self.recorder.record(
                reference(job),
                EventType::Warning,
                cond.reason.as_deref().unwrap_or("Failed"),
                "Sync",
                cond.message.clone().unwrap_or_default(),
            );
        }
    }
}

fn failure_target(reason: &str, message: &str) -> JobCondition {
    new_condition("FailureTarget", "True", reason, message, now())
}

/// Moves uncounted pods whose finalizer is gone into the counters.
fn clean_uncounted(
    status: &mut k8s_openapi::api::batch::v1::JobStatus,
    with_finalizer: &HashSet<String>,
) -> bool {
    let mut updated = false;
    let uncounted = status
        .uncounted_terminated_pods
        .get_or_insert_with(Default::default);
    let succeeded = uncounted.succeeded.take().unwrap_or_default();
    let (keep, counted): (Vec<String>, Vec<String>) = succeeded
        .into_iter()
        .partition(|u| with_finalizer.contains(u));
    let newly_succeeded = counted.len();
    uncounted.succeeded = (!keep.is_empty()).then_some(keep);
    let failed = uncounted.failed.take().unwrap_or_default();
    let (keep, counted): (Vec<String>, Vec<String>) =
        failed.into_iter().partition(|u| with_finalizer.contains(u));
    let newly_failed = counted.len();
    uncounted.failed = (!keep.is_empty()).then_some(keep);
    if newly_succeeded > 0 {
        updated = true;
        status.succeeded =
            Some(status.succeeded.unwrap_or(0) + i32::try_from(newly_succeeded).unwrap_or(0));
    }
    if newly_failed > 0 {
        updated = true;
        status.failed = Some(status.failed.unwrap_or(0) + i32::try_from(newly_failed).unwrap_or(0));
    }
    updated
}

/// A pod's finalizer may go when the Job is being deleted or is finishing, the
/// pod succeeded, or it failed (unless it is kept until its index's replacement
/// exists, for `backoffLimitPerIndex`).
fn can_remove_finalizer(ctx: &SyncCtx, pod: &Pod, failed: bool) -> bool {
    if ctx.job.metadata.deletion_timestamp.is_some()
        || ctx.finished.is_some()
        || pods::succeeded(pod)
    {
        return true;
    }
    if !failed {
        return false;
    }
    if has_backoff_limit_per_index(&ctx.spec) {
        if let Some(ix) = indexes::completion_index(pod) {
            if ctx
                .delayed_deletion
                .get(&ix)
                .is_some_and(|p| pod_uid(p) == pod_uid(pod))
            {
                return false;
            }
        }
    }
    true
}

/// Adds the final condition once nothing is uncounted or terminating.
fn enact_finished(ctx: &mut SyncCtx) -> bool {
    let Some(cond) = ctx.finished.clone() else {
        return false;
    };
    let uncounted = ctx
        .job
        .status
        .as_ref()
        .and_then(|s| s.uncounted_terminated_pods.as_ref())
        .map(|u| u.succeeded.as_ref().map_or(0, Vec::len) + u.failed.as_ref().map_or(0, Vec::len))
        .unwrap_or(0);
    if uncounted > 0 || ctx.terminating > 0 {
        return false;
    }
    let at = cond
        .last_transition_time
        .as_ref()
        .map(|t| t.0)
        .unwrap_or_else(now);
    let status = ctx.status();
    let list = status.conditions.get_or_insert_with(Vec::new);
    ensure_condition(
        list,
        &cond.type_,
        &cond.status,
        cond.reason.as_deref().unwrap_or(""),
        cond.message.as_deref().unwrap_or(""),
        at,
    );
    if cond.type_ == "Complete" {
        let at = list
            .iter()
            .find(|c| c.type_ == "Complete")
            .and_then(|c| c.last_transition_time.clone())
            .unwrap_or(Time(at));
        status.completion_time = Some(at);
    }
    true
}

/// The FailJob message of the first failed pod matching such a rule.
fn fail_job_message(spec: &JobSpec, pods: &[Arc<Pod>]) -> Option<String> {
    let policy = spec.pod_failure_policy.as_ref()?;
    pods.iter()
        .filter(|p| is_pod_failed(p, spec))
        .find_map(|p| match_pod_failure_policy(Some(policy), p).fail_job_message)
}

/// With `restartPolicy: OnFailure`, whether container restarts of running pods
/// reached the back-off limit.
fn past_backoff_limit_on_failure(spec: &JobSpec, pods: &[Arc<Pod>]) -> bool {
    let restart_policy = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref());
    if restart_policy != Some("OnFailure") {
        return false;
    }
    let mut restarts: i64 = 0;
    for p in pods {
        if !matches!(pods::phase(p), "Running" | "Pending") {
            continue;
        }
        if let Some(status) = &p.status {
            for c in status
                .init_container_statuses
                .iter()
                .flatten()
                .chain(status.container_statuses.iter().flatten())
            {
                restarts += i64::from(c.restart_count);
            }
        }
    }
    let limit = i64::from(spec.backoff_limit.unwrap_or(6));
    if limit == 0 {
        restarts > 0
    } else {
        restarts >= limit
    }
}

fn past_active_deadline(job: &Job, spec: &JobSpec) -> bool {
    let (Some(ads), Some(start)) = (
        spec.active_deadline_seconds,
        job.status.as_ref().and_then(|s| s.start_time.as_ref()),
    ) else {
        return false;
    };
    if suspended(spec) {
        return false;
    }
    Timestamp::now().duration_since(start.0) >= jiff::SignedDuration::from_secs(ads)
}

/// Whether a pod's failure fails its index (`backoffLimitPerIndex`).
fn is_index_failed(spec: &JobSpec, pod: &Pod) -> bool {
    if !is_pod_failed(pod, spec) {
        return false;
    }
    let counted = match spec.pod_failure_policy.as_ref() {
        Some(p) => {
            let m = match_pod_failure_policy(Some(p), pod);
            if m.action == Some(Action::FailIndex) {
                return true;
            }
            m.count_failed
        }
        None => true,
    };
    counted && indexes::index_failure_count(pod) >= spec.backoff_limit_per_index.unwrap_or(0)
}

fn calculate_failed_indexes(job: &Job, spec: &JobSpec, pods: &[Arc<Pod>]) -> Intervals {
    let completions = completions_or_zero(spec);
    let prev = job
        .status
        .as_ref()
        .and_then(|s| s.failed_indexes.as_deref())
        .map(|s| Intervals::parse(s, completions))
        .unwrap_or_default();
    let new: BTreeSet<i32> = pods
        .iter()
        .filter(|p| has_tracking_finalizer(p) && is_index_failed(spec, p))
        .filter_map(|p| indexes::valid_index(p, completions))
        .collect();
    let new: Vec<i32> = new.into_iter().collect();
    prev.with_indexes(&new)
}

/// For each index without an active pod or final outcome, the latest failed
/// pod, whose deletion waits until its replacement carries the failure count.
fn pods_with_delayed_deletion(ctx: &SyncCtx) -> HashMap<i32, Arc<Pod>> {
    let active = indexes::indexes_of(ctx.active.iter().map(AsRef::as_ref));
    let completions = ctx.completions();
    let mut out: HashMap<i32, Arc<Pod>> = HashMap::new();
    for p in ctx.valid_pods(None, |p| is_pod_failed(p, &ctx.spec)) {
        let Some(ix) = indexes::valid_index(&p, completions) else {
            continue;
        };
        if ctx.succeeded_indexes.has(ix)
            || ctx.failed_indexes.as_ref().is_some_and(|f| f.has(ix))
            || active.contains(&ix)
        {
            continue;
        }
        match out.get(&ix) {
            Some(prev) => {
                if indexes::index_absolute_failure_count(prev)
                    <= indexes::index_absolute_failure_count(&p)
                    && pods::finished_time(&p) >= pods::finished_time(prev)
                {
                    out.insert(ix, p);
                }
            }
            None => {
                out.insert(ix, p);
            }
        }
    }
    out
}

/// The indexes whose per-index back-off has passed; when none, the shortest wait.
fn indexes_ready_to_create(
    pending: &[i32],
    delayed: &HashMap<i32, Arc<Pod>>,
) -> (Vec<i32>, Duration) {
    let now = Timestamp::now();
    let mut ready = Vec::new();
    let mut min_wait: Option<Duration> = None;
    for &ix in pending {
        let wait = backoff::remaining_for_index(delayed.get(&ix).map(AsRef::as_ref), now);
        if wait.is_zero() {
            ready.push(ix);
        } else if min_wait.is_none_or(|m| wait < m) {
            min_wait = Some(wait);
        }
    }
    if ready.is_empty() {
        (ready, min_wait.unwrap_or(Duration::ZERO))
    } else {
        (ready, Duration::ZERO)
    }
}

/// Active pods to delete: for Indexed Jobs, every pod without a valid index and
/// all but one pod per duplicated index; then, in deletion order, enough to
/// remove at least `rm_at_least`.
fn pods_for_removal(spec: &JobSpec, active: &[Arc<Pod>], rm_at_least: usize) -> Vec<Arc<Pod>> {
    let mut rm: Vec<Arc<Pod>> = Vec::new();
    let mut left: Vec<Arc<Pod>> = Vec::new();
    if is_indexed(spec) {
        let completions = completions_or_zero(spec);
        let mut by_index: BTreeMap<i32, Vec<Arc<Pod>>> = BTreeMap::new();
        for p in active {
            match indexes::valid_index(p, completions) {
                Some(ix) => by_index.entry(ix).or_default().push(p.clone()),
                None => rm.push(p.clone()),
            }
        }
        for (_, mut group) in by_index {
            group.sort_by(|a, b| pods::deletion_order(a, b));
            if let Some(keep) = group.pop() {
                left.push(keep);
            }
            rm.extend(group);
        }
    } else {
        left = active.to_vec();
    }
    if rm.len() < rm_at_least {
        left.sort_by(|a, b| pods::deletion_order(a, b));
        let more = (rm_at_least - rm.len()).min(left.len());
        rm.extend(left.into_iter().take(more));
    }
    rm
}

/// A pod for the Job from its template.
fn pod_from_template(job: &Job, spec: &JobSpec, index: Option<i32>, replaced: Option<&Pod>) -> Pod {
    let template = spec.template.clone();
    let tmeta = template.metadata.unwrap_or_default();
    let mut pod_spec = template.spec.unwrap_or_default();
    let mut labels = tmeta.labels.unwrap_or_default();
    let mut annotations = tmeta.annotations.unwrap_or_default();
    let mut finalizers = tmeta.finalizers.unwrap_or_default();
    if !finalizers.iter().any(|f| f == TRACKING_FINALIZER) {
        finalizers.push(TRACKING_FINALIZER.to_string());
    }
    let job_name = job.metadata.name.clone().unwrap_or_default();
    if let Some(ix) = index {
        let field_path = format!("metadata.labels['{COMPLETION_INDEX_ANNOTATION}']");
        let containers = pod_spec
            .init_containers
            .iter_mut()
            .flatten()
            .chain(pod_spec.containers.iter_mut());
        for c in containers {
            let env = c.env.get_or_insert_with(Vec::new);
            if !env.iter().any(|e| e.name == COMPLETION_INDEX_ENV) {
                env.push(EnvVar {
                    name: COMPLETION_INDEX_ENV.into(),
                    value: None,
                    value_from: Some(EnvVarSource {
                        field_ref: Some(ObjectFieldSelector {
                            api_version: None,
                            field_path: field_path.clone(),
                        }),
                        ..Default::default()
                    }),
                });
            }
        }
        annotations.insert(COMPLETION_INDEX_ANNOTATION.into(), ix.to_string());
        labels.insert(COMPLETION_INDEX_ANNOTATION.into(), ix.to_string());
        pod_spec.hostname = Some(format!("{job_name}-{ix}"));
        if has_backoff_limit_per_index(spec) {
            let (count, ignored) = match replaced {
                Some(p) => {
                    let mut count = indexes::index_failure_count(p);
                    let mut ignored = indexes::index_ignored_failure_count(p);
                    if match_pod_failure_policy(spec.pod_failure_policy.as_ref(), p).count_failed {
                        count += 1;
                    } else {
                        ignored += 1;
                    }
                    (count, ignored)
                }
                None => (0, 0),
            };
            annotations.insert(
                indexes::INDEX_FAILURE_COUNT_ANNOTATION.into(),
                count.to_string(),
            );
            if ignored > 0 {
                annotations.insert(
                    indexes::INDEX_IGNORED_FAILURE_COUNT_ANNOTATION.into(),
                    ignored.to_string(),
                );
            }
        }
    }
    Pod {
        metadata: ObjectMeta {
            generate_name: Some(generate_name(&job_name, index)),
            namespace: job.metadata.namespace.clone(),
            labels: (!labels.is_empty()).then_some(labels),
            annotations: (!annotations.is_empty()).then_some(annotations),
            finalizers: Some(finalizers),
            owner_references: Some(vec![controller_ref(job)]),
            ..Default::default()
        },
        spec: Some(pod_spec),
        status: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(spec: serde_json::Value) -> Job {
        serde_json::from_value(json!({
            "metadata": {"name": "pi", "namespace": "default", "uid": "job-uid"},
            "spec": spec,
        }))
        .expect("job")
    }

    fn pod(name: &str, index: Option<i32>, phase: &str) -> Arc<Pod> {
        let mut v = json!({"metadata": {"name": name, "uid": name, "finalizers": [TRACKING_FINALIZER]},
            "spec": {"containers": [], "nodeName": "n"},
            "status": {"phase": phase}});
        if let Some(ix) = index {
            v["metadata"]["annotations"] = json!({COMPLETION_INDEX_ANNOTATION: ix.to_string()});
        }
        Arc::new(serde_json::from_value(v).expect("pod"))
    }

    #[test]
    fn generate_names() {
        assert_eq!(generate_name("pi", None), "pi-");
        assert_eq!(generate_name("pi", Some(3)), "pi-3-");
        let long = "a".repeat(70);
        assert_eq!(
            generate_name(&long, Some(12)).len(),
            MAX_GENERATED_NAME_LENGTH
        );
        assert!(generate_name(&long, Some(12)).ends_with("-12-"));
    }

    #[test]
    fn indexed_pod_from_template() {
        let j = job(
            json!({"completionMode": "Indexed", "completions": 3, "backoffLimitPerIndex": 1,
            "template": {"metadata": {"labels": {"batch.kubernetes.io/job-name": "pi"}},
                "spec": {"containers": [{"name": "c", "image": "busybox"}], "restartPolicy": "Never"}}}),
        );
        let spec = spec_of(&j);
        let p = pod_from_template(&j, &spec, Some(2), None);
        let meta = &p.metadata;
        assert_eq!(meta.generate_name.as_deref(), Some("pi-2-"));
        assert_eq!(
            meta.annotations
                .as_ref()
                .and_then(|a| a.get(COMPLETION_INDEX_ANNOTATION))
                .map(String::as_str),
            Some("2")
        );
        assert_eq!(
            meta.labels
                .as_ref()
                .and_then(|a| a.get(COMPLETION_INDEX_ANNOTATION))
                .map(String::as_str),
            Some("2")
        );
        assert_eq!(
            meta.annotations
                .as_ref()
                .and_then(|a| a.get(indexes::INDEX_FAILURE_COUNT_ANNOTATION))
                .map(String::as_str),
            Some("0")
        );
        assert_eq!(
            meta.finalizers.as_deref(),
            Some(&[TRACKING_FINALIZER.to_string()][..])
        );
        let owner = &meta.owner_references.as_ref().expect("owner")[0];
        assert_eq!((owner.kind.as_str(), owner.controller), ("Job", Some(true)));
        let ps = p.spec.as_ref().expect("spec");
        assert_eq!(ps.hostname.as_deref(), Some("pi-2"));
        let env = ps.containers[0].env.as_ref().expect("env");
        assert_eq!(env[0].name, COMPLETION_INDEX_ENV);
        let failed = pod("f", Some(2), "Failed");
        let replacement = pod_from_template(&j, &spec, Some(2), Some(&failed));
        assert_eq!(
            replacement
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(indexes::INDEX_FAILURE_COUNT_ANNOTATION))
                .map(String::as_str),
            Some("1")
        );
    }

    #[test]
    fn removal_prefers_duplicates_and_invalid_indexes() {
        let spec = spec_of(&job(
            json!({"completionMode": "Indexed", "completions": 3, "template": {}}),
        ));
        let active = vec![
            pod("a", Some(0), "Running"),
            pod("b", Some(0), "Pending"),
            pod("c", None, "Running"),
            pod("d", Some(7), "Running"),
            pod("e", Some(1), "Running"),
        ];
        let rm = pods_for_removal(&spec, &active, 0);
        let mut names: Vec<_> = rm
            .iter()
            .map(|p| p.metadata.name.clone().unwrap_or_default())
            .collect();
        names.sort();
        assert_eq!(names, ["b", "c", "d"]);
        let rm = pods_for_removal(&spec, &active, 4);
        assert_eq!(rm.len(), 4);
    }

    #[test]
    fn uncounted_pods_move_into_counters_once_finalizers_are_gone() {
        let mut status = k8s_openapi::api::batch::v1::JobStatus {
            succeeded: Some(1),
            uncounted_terminated_pods: Some(UncountedTerminatedPods {
                succeeded: Some(vec!["a".into(), "b".into()]),
                failed: Some(vec!["c".into()]),
            }),
            ..Default::default()
        };
        let with: HashSet<String> = ["b".to_string()].into_iter().collect();
        assert!(clean_uncounted(&mut status, &with));
        assert_eq!(status.succeeded, Some(2));
        assert_eq!(status.failed, Some(1));
        let u = status.uncounted_terminated_pods.clone().expect("uncounted");
        assert_eq!(u.succeeded, Some(vec!["b".to_string()]));
        assert_eq!(u.failed, None);
        assert!(!clean_uncounted(&mut status, &with));
    }

    #[test]
    fn conditions_are_added_updated_and_not_created_false() {
        let at: Timestamp = "2024-01-01T00:00:00Z".parse().expect("ts");
        let mut list = Vec::new();
        assert!(!ensure_condition(
            &mut list,
            "Suspended",
            "False",
            "JobResumed",
            "Job resumed",
            at
        ));
        assert!(ensure_condition(
            &mut list,
            "Suspended",
            "True",
            "JobSuspended",
            "Job suspended",
            at
        ));
        assert!(!ensure_condition(
            &mut list,
            "Suspended",
            "True",
            "JobSuspended",
            "Job suspended",
            at
        ));
        assert!(ensure_condition(
            &mut list,
            "Suspended",
            "False",
            "JobResumed",
            "Job resumed",
            at
        ));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].status, "False");
    }

    #[test]
    fn failed_pods_and_replacement_policy() {
        let plain = spec_of(&job(json!({"template": {}})));
        let failed_only = spec_of(&job(
            json!({"podReplacementPolicy": "Failed", "template": {}}),
        ));
        let deleted: Pod = serde_json::from_value(
            json!({"metadata": {"name": "x", "deletionTimestamp": "2024-01-01T00:00:00Z"},
            "status": {"phase": "Running"}}),
        )
        .expect("pod");
        assert!(is_pod_failed(&deleted, &plain));
        assert!(!is_pod_failed(&deleted, &failed_only));
        assert!(is_pod_failed(&pod("f", None, "Failed"), &failed_only));
    }
}
