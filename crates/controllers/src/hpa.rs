//! The HorizontalPodAutoscaler controller: every 15 seconds per HPA, reads
//! the target's scale subresource, computes a replica count from each metric
//! (resource utilization or value of the selected pods from `metrics.k8s.io`;
//! Pods, Object and External metrics from the custom and external metrics
//! APIs) with Kubernetes' replica math ([`replicas`]), takes the largest,
//! stabilizes and limits it ([`normalize`]), scales the target through its
//! scale subresource, and reports `currentReplicas`, `desiredReplicas`,
//! `currentMetrics`, `lastScaleTime` and the `AbleToScale`, `ScalingActive`
//! and `ScalingLimited` conditions.
//!
//! When the metrics API is not served the HPA reports `ScalingActive=False`
//! (reason `FailedGetResourceMetric` for resource metrics) and does not scale.

pub mod metrics;
pub mod normalize;
pub mod replicas;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use capstan_machinery::{Quantity, Selector};
use jiff::Timestamp;
use k8s_openapi::api::autoscaling::v1::Scale;
use k8s_openapi::api::autoscaling::v2::{
    ContainerResourceMetricStatus, ExternalMetricStatus, HorizontalPodAutoscaler,
    HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricIdentifier, MetricSpec,
    MetricStatus, MetricTarget, MetricValueStatus, ObjectMetricStatus, PodsMetricStatus,
    ResourceMetricStatus,
};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::api::{Api, DynamicObject, PostParams};
use parking_lot::Mutex;

use crate::discovery::ResourceTypes;
use crate::pod_util::{is_conflict, is_not_found, labels_of};
use capstan_runtime::events::{EventType, Recorder};
use capstan_runtime::{run_workers, Change, Informer, Informers, Next, WorkQueue};
use metrics::MetricsClient;
use normalize::History;
use replicas::CalcOptions;

/// How often each HPA is reconciled (`--horizontal-pod-autoscaler-sync-period`).
pub const SYNC_PERIOD: Duration = Duration::from_secs(15);

/// Starts the HPA controller.
pub fn start(informers: &Informers) {
    let client = informers.client().clone();
    let controller = Arc::new(Controller {
        recorder: Recorder::new(
            client.clone(),
            "horizontal-pod-autoscaler",
            "horizontal-pod-autoscaler",
        ),
        metrics: MetricsClient::new(client.clone()),
        client,
        hpas: informers.get::<HorizontalPodAutoscaler>(),
        pods: informers.get::<Pod>(),
        queue: WorkQueue::new(),
        types: Mutex::new(None),
        state: Mutex::new(HashMap::new()),
        options: CalcOptions::default(),
    });
    tokio::spawn(controller.run());
}

#[derive(Default)]
struct HpaState {
    history: History,
    last_events: HashMap<&'static str, String>,
}

struct Controller {
    client: kube::Client,
    recorder: Recorder,
    metrics: MetricsClient,
    hpas: Arc<Informer<HorizontalPodAutoscaler>>,
    pods: Arc<Informer<Pod>>,
    queue: Arc<WorkQueue<String>>,
    types: Mutex<Option<(ResourceTypes, std::time::Instant)>>,
    state: Mutex<HashMap<String, HpaState>>,
    options: CalcOptions,
}

/// Sets a condition, keeping the transition time when the status is unchanged.
pub fn set_condition(
    conditions: &mut Vec<HorizontalPodAutoscalerCondition>,
    type_: &str,
    status: bool,
    reason: &str,
    message: String,
    now: Timestamp,
) {
    let status = if status { "True" } else { "False" };
    match conditions.iter_mut().find(|c| c.type_ == type_) {
        Some(c) => {
            if c.status != status {
                c.last_transition_time = Some(Time(now));
            }
            c.status = status.into();
            c.reason = Some(reason.into());
            c.message = Some(message);
        }
        None => conditions.push(HorizontalPodAutoscalerCondition {
            type_: type_.into(),
            status: status.into(),
            reason: Some(reason.into()),
            message: Some(message),
            last_transition_time: Some(Time(now)),
        }),
    }
}

fn milli_quantity(milli: i64) -> ApiQuantity {
    ApiQuantity(Quantity::from_milli(milli).canonical())
}

fn target_milli(target: &MetricTarget, average: bool) -> Option<i64> {
    let q = if average {
        target.average_value.as_ref()
    } else {
        target.value.as_ref()
    }?;
    Quantity::parse(&q.0).ok().map(|q| q.milli_value())
}

/// Replicas and the current value for an Object or External metric whose
/// total is `usage`: per pod against an `AverageValue` target, else as the
/// ratio of `usage` to a `Value` target. `replicas` holds the spec and status
/// replica counts and the pods.
fn value_or_average_replicas(
    target: &MetricTarget,
    usage: i64,
    what: &str,
    reason: &'static str,
    (spec_replicas, status_replicas, pods): (i32, i32, &[Arc<Pod>]),
    opts: &CalcOptions,
) -> Result<(i32, MetricValueStatus), MetricError> {
    let fail = |message: String| MetricError { reason, message };
    if target.type_ == "AverageValue" {
        let t = target_milli(target, true)
            .ok_or_else(|| fail(format!("{what} metric needs an averageValue")))?;
        let (r, per_pod) = replicas::per_pod_replicas(status_replicas, usage, t, opts);
        let current = MetricValueStatus {
            average_value: Some(milli_quantity(per_pod)),
            ..Default::default()
        };
        return Ok((r, current));
    }
    let t =
        target_milli(target, false).ok_or_else(|| fail(format!("{what} metric needs a value")))?;
    let ratio = usage as f64 / t.max(1) as f64;
    let r = replicas::usage_ratio_replicas(
        spec_replicas,
        ratio,
        || replicas::ready_pod_count(pods),
        opts,
    )
    .map_err(fail)?;
    let current = MetricValueStatus {
        value: Some(milli_quantity(usage)),
        ..Default::default()
    };
    Ok((r, current))
}

/// One metric's outcome: proposed replicas, its description and status.
struct MetricResult {
    replicas: i32,
    name: String,
    status: MetricStatus,
}

/// A failed metric: the `ScalingActive` reason and the error.
struct MetricError {
    reason: &'static str,
    message: String,
}

impl Controller {
    async fn run(self: Arc<Self>) {
        let synced = self.hpas.wait_synced(Duration::from_secs(60)).await
            && self.pods.wait_synced(Duration::from_secs(60)).await;
        if !synced {
            tracing::warn!("hpa controller: informers not synced after 60s; starting anyway");
        }
        let mut changes = self.hpas.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                let key = capstan_runtime::informer::key_of(change.object().as_ref());
                match &change {
                    Change::Deleted(_) => {
                        me.state.lock().remove(&key);
                    }
                    Change::Updated { old, new } if old.spec == new.spec => {}
                    _ => me.queue.add(key),
                }
            }
        });
        let me = self.clone();
        run_workers(
            "horizontal-pod-autoscaler",
            self.queue.clone(),
            5,
            move |key: String| {
                let me = me.clone();
                async move { me.sync(&key).await }
            },
        );
    }

    /// Records an event unless the same reason and message was just recorded for this HPA.
    fn event(
        &self,
        key: &str,
        hpa: &HorizontalPodAutoscaler,
        kind: EventType,
        reason: &'static str,
        note: String,
    ) {
        {
            let mut state = self.state.lock();
            let entry = state.entry(key.to_string()).or_default();
            if kind == EventType::Warning && entry.last_events.get(reason) == Some(&note) {
                return;
            }
            entry.last_events.insert(reason, note.clone());
        }
        self.recorder.record(
            capstan_runtime::events::reference(hpa),
            kind,
            reason,
            "Scale",
            note,
        );
    }

    async fn resource_types(&self, refresh: bool) -> Result<ResourceTypes, String> {
        let cached = self.types.lock().clone();
        if let Some((types, at)) = cached {
            if !refresh || at.elapsed() < Duration::from_secs(30) {
                return Ok(types);
            }
        }
        let types = ResourceTypes::discover(&self.client)
            .await
            .map_err(|e| format!("discovery failed: {e}"))?;
        *self.types.lock() = Some((types.clone(), std::time::Instant::now()));
        Ok(types)
    }

    async fn scale_api(
        &self,
        ns: &str,
        api_version: Option<&str>,
        kind: &str,
    ) -> Result<Api<DynamicObject>, String> {
        for refresh in [false, true] {
            let types = self.resource_types(refresh).await?;
            let found = match api_version {
                Some(av) if !av.is_empty() => types.by_api_version_kind(av, kind).cloned(),
                _ => types
                    .preferred()
                    .into_iter()
                    .find(|t| t.api.kind == kind)
                    .cloned(),
            };
            if let Some(t) = found {
                return Ok(Api::namespaced_with(self.client.clone(), ns, &t.api));
            }
        }
        Err(format!(
            "no matches for kind {kind:?} in version {:?}",
            api_version.unwrap_or("")
        ))
    }

    async fn write_status(
        &self,
        hpa: &HorizontalPodAutoscaler,
        status: HorizontalPodAutoscalerStatus,
    ) -> anyhow::Result<()> {
        if hpa.status.as_ref() == Some(&status) {
            return Ok(());
        }
        let ns = hpa.metadata.namespace.clone().unwrap_or_default();
        let name = hpa.metadata.name.clone().unwrap_or_default();
        let mut updated = hpa.clone();
        updated.status = Some(status);
        let api: Api<HorizontalPodAutoscaler> = Api::namespaced(self.client.clone(), &ns);
        match api
            .replace_status(&name, &PostParams::default(), &updated)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) if is_conflict(&e) => {
                Err(anyhow::Error::new(e).context(format!("updating status of hpa {ns}/{name}")))
            }
            Err(e) => {
                Err(anyhow::Error::new(e).context(format!("updating status of hpa {ns}/{name}")))
            }
        }
    }

    async fn sync(&self, key: &str) -> anyhow::Result<Next> {
        let (ns, name) = key.split_once('/').unwrap_or(("", key));
        let Some(hpa) = self.hpas.get(Some(ns), name) else {
            self.state.lock().remove(key);
            return Ok(Next::Done);
        };
        self.reconcile(key, &hpa).await?;
        Ok(Next::After(SYNC_PERIOD))
    }

    async fn reconcile(&self, key: &str, hpa: &HorizontalPodAutoscaler) -> anyhow::Result<()> {
        let now = Timestamp::now();
        let ns = hpa.metadata.namespace.clone().unwrap_or_default();
        let spec = hpa.spec.clone().unwrap_or_default();
        let previous = hpa.status.clone().unwrap_or_default();
        let mut conditions = previous.conditions.clone().unwrap_or_default();
        {
            let mut state = self.state.lock();
            let entry = state.entry(key.to_string()).or_default();
            if entry.history.recommendations.is_empty() {
                // A freshly seen HPA starts from its last desired size, so a
                // controller restart does not scale down at once.
                entry
                    .history
                    .recommendations
                    .push(normalize::Recommendation {
                        replicas: previous.desired_replicas,
                        at: now,
                    });
            }
        }
        let target = &spec.scale_target_ref;
        let reference = format!("{}/{}", target.kind, target.name);
        let scale_result = match self
            .scale_api(&ns, target.api_version.as_deref(), &target.kind)
            .await
        {
            Ok(api) => api
                .get_scale(&target.name)
                .await
                .map(|s| (api, s))
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let (api, scale) = match scale_result {
            Ok(pair) => pair,
            Err(err) => {
                set_condition(
                    &mut conditions,
                    "AbleToScale",
                    false,
                    "FailedGetScale",
                    format!(
                        "the HPA controller was unable to get the target's current scale: {err}"
                    ),
                    now,
                );
                self.event(key, hpa, EventType::Warning, "FailedGetScale", err.clone());
                let status = HorizontalPodAutoscalerStatus {
                    conditions: Some(conditions),
                    observed_generation: hpa.metadata.generation,
                    ..previous.clone()
                };
                self.write_status(hpa, status).await?;
                return Ok(());
            }
        };
        set_condition(
            &mut conditions,
            "AbleToScale",
            true,
            "SucceededGetScale",
            "the HPA controller was able to get the target's current scale".into(),
            now,
        );
        let current = scale.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0);
        let min = spec.min_replicas.unwrap_or(1);
        let max = spec.max_replicas;
        let mut desired = 0;
        let mut reason = String::new();
        let mut statuses: Vec<MetricStatus> = Vec::new();
        let rescale;
        if current == 0 && min != 0 {
            set_condition(
                &mut conditions,
                "ScalingActive",
                false,
                "ScalingDisabled",
                "scaling is disabled since the replica count of the target is zero".into(),
                now,
            );
            rescale = false;
        } else if current > max {
            reason = "Current number of replicas above Spec.MaxReplicas".into();
            desired = max;
            rescale = true;
        } else if current < min {
            reason = "Current number of replicas below Spec.MinReplicas".into();
            desired = min;
            rescale = true;
        } else {
            let computed = self
                .compute_replicas(key, hpa, &scale, &mut conditions, now)
                .await;
            statuses = computed.statuses;
            let Some((metric_desired, metric_name)) = computed.proposal else {
                if let Some(message) = computed.error {
                    self.event(
                        key,
                        hpa,
                        EventType::Warning,
                        "FailedComputeMetricsReplicas",
                        message,
                    );
                }
                let status = HorizontalPodAutoscalerStatus {
                    current_replicas: Some(current),
                    current_metrics: (!statuses.is_empty()).then_some(statuses),
                    conditions: Some(conditions),
                    observed_generation: hpa.metadata.generation,
                    ..previous.clone()
                };
                self.write_status(hpa, status).await?;
                return Ok(());
            };
            if metric_desired > desired {
                desired = metric_desired;
                reason = format!("{metric_name} above target");
            }
            let normalized = {
                let mut state = self.state.lock();
                let history = &mut state.entry(key.to_string()).or_default().history;
                match spec.behavior.as_ref() {
                    None => normalize::normalize(history, current, desired, min, max, now),
                    Some(b) => normalize::normalize_with_behavior(
                        history, b, current, desired, min, max, now,
                    ),
                }
            };
            set_condition(
                &mut conditions,
                "AbleToScale",
                true,
                normalized.able_to_scale.0,
                normalized.able_to_scale.1.clone(),
                now,
            );
            let (limited, limit_reason, limit_message) = normalized.limited.clone();
            set_condition(
                &mut conditions,
                "ScalingLimited",
                limited,
                limit_reason,
                limit_message,
                now,
            );
            desired = normalized.replicas;
            if desired < current {
                reason = "All metrics below target".into();
            }
            rescale = desired != current;
        }
        let mut last_scale_time = previous.last_scale_time.clone();
        if rescale {
            let mut new_scale: Scale = scale.clone();
            new_scale.spec.get_or_insert_with(Default::default).replicas = Some(desired);
            if let Err(err) = api
                .replace_scale(&target.name, &PostParams::default(), &new_scale)
                .await
            {
                set_condition(
                    &mut conditions,
                    "AbleToScale",
                    false,
                    "FailedUpdateScale",
                    format!("the HPA controller was unable to update the target scale: {err}"),
                    now,
                );
                self.event(
                    key,
                    hpa,
                    EventType::Warning,
                    "FailedRescale",
                    format!("New size: {desired}; reason: {reason}; error: {err}"),
                );
                let status = HorizontalPodAutoscalerStatus {
                    current_replicas: Some(current),
                    current_metrics: (!statuses.is_empty()).then_some(statuses),
                    conditions: Some(conditions),
                    observed_generation: hpa.metadata.generation,
                    ..previous.clone()
                };
                self.write_status(hpa, status).await?;
                return Err(anyhow::anyhow!("scaling {reference}: {err}"));
            }
            set_condition(
                &mut conditions,
                "AbleToScale",
                true,
                "SucceededRescale",
                format!("the HPA controller was able to update the target scale to {desired}"),
                now,
            );
            self.event(
                key,
                hpa,
                EventType::Normal,
                "SuccessfulRescale",
                format!("New size: {desired}; reason: {reason}"),
            );
            if let Some(b) = spec.behavior.as_ref() {
                let mut state = self.state.lock();
                normalize::record_scale_event(
                    &mut state.entry(key.to_string()).or_default().history,
                    b,
                    current,
                    desired,
                    now,
                );
            }
            tracing::info!(hpa = %key, target = %reference, from = current, to = desired, %reason, "rescaled");
            last_scale_time = Some(Time(now));
        } else {
            desired = current;
        }
        let status = HorizontalPodAutoscalerStatus {
            current_replicas: Some(current),
            desired_replicas: desired,
            current_metrics: (!statuses.is_empty()).then_some(statuses),
            conditions: Some(conditions),
            last_scale_time,
            observed_generation: hpa.metadata.generation,
        };
        self.write_status(hpa, status).await
    }

    async fn compute_replicas(
        &self,
        key: &str,
        hpa: &HorizontalPodAutoscaler,
        scale: &Scale,
        conditions: &mut Vec<HorizontalPodAutoscalerCondition>,
        now: Timestamp,
    ) -> Computed {
        let spec = hpa.spec.clone().unwrap_or_default();
        let ns = hpa.metadata.namespace.clone().unwrap_or_default();
        let selector_text = scale
            .status
            .as_ref()
            .and_then(|s| s.selector.clone())
            .unwrap_or_default();
        if selector_text.is_empty() {
            let message = "the HPA target's scale is missing a selector".to_string();
            set_condition(
                conditions,
                "ScalingActive",
                false,
                "InvalidSelector",
                message.clone(),
                now,
            );
            self.event(
                key,
                hpa,
                EventType::Warning,
                "SelectorRequired",
                "selector is required".into(),
            );
            return Computed {
                proposal: None,
                statuses: Vec::new(),
                error: Some(message),
            };
        }
        let selector = match Selector::parse(&selector_text) {
            Ok(s) => s,
            Err(e) => {
                let message = format!("the HPA target's scale has an invalid selector: {e}");
                set_condition(
                    conditions,
                    "ScalingActive",
                    false,
                    "InvalidSelector",
                    message.clone(),
                    now,
                );
                self.event(
                    key,
                    hpa,
                    EventType::Warning,
                    "InvalidSelector",
                    message.clone(),
                );
                return Computed {
                    proposal: None,
                    statuses: Vec::new(),
                    error: Some(message),
                };
            }
        };
        let pods: Vec<Arc<Pod>> = self
            .pods
            .list_namespace(&ns)
            .into_iter()
            .filter(|p| selector.matches(labels_of(&p.metadata)))
            .collect();
        let spec_replicas = scale.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0);
        let status_replicas = scale.status.as_ref().map_or(0, |s| s.replicas);
        let metric_specs = spec
            .metrics
            .clone()
            .filter(|m| !m.is_empty())
            .unwrap_or_else(default_metrics);
        let mut statuses = Vec::with_capacity(metric_specs.len());
        let mut best: Option<(i32, String)> = None;
        let mut first_error: Option<MetricError> = None;
        let mut invalid = 0usize;
        for m in &metric_specs {
            match self
                .compute_metric(
                    m,
                    &ns,
                    &selector_text,
                    &pods,
                    spec_replicas,
                    status_replicas,
                    now,
                )
                .await
            {
                Ok(r) => {
                    statuses.push(r.status);
                    if best.as_ref().is_none_or(|(b, _)| r.replicas > *b) {
                        best = Some((r.replicas, r.name));
                    }
                }
                Err(e) => {
                    statuses.push(MetricStatus::default());
                    self.event(key, hpa, EventType::Warning, e.reason, e.message.clone());
                    invalid += 1;
                    first_error.get_or_insert(e);
                }
            }
        }
        let error_text = first_error.as_ref().map(|e| {
            format!(
                "invalid metrics ({invalid} invalid out of {}), first error is: {}",
                metric_specs.len(),
                e.message
            )
        });
        let would_scale_down = best.as_ref().is_some_and(|(r, _)| *r < spec_replicas);
        if invalid >= metric_specs.len() || (invalid > 0 && would_scale_down) {
            if let Some(e) = &first_error {
                set_condition(
                    conditions,
                    "ScalingActive",
                    false,
                    e.reason,
                    format!(
                        "the HPA was unable to compute the replica count: {}",
                        e.message
                    ),
                    now,
                );
            }
            return Computed {
                proposal: None,
                statuses,
                error: error_text,
            };
        }
        let Some((replicas, name)) = best else {
            return Computed {
                proposal: None,
                statuses,
                error: error_text,
            };
        };
        set_condition(
            conditions,
            "ScalingActive",
            true,
            "ValidMetricFound",
            format!("the HPA was able to successfully calculate a replica count from {name}"),
            now,
        );
        Computed {
            proposal: Some((replicas, name)),
            statuses,
            error: error_text,
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn compute_metric(
        &self,
        m: &MetricSpec,
        ns: &str,
        selector: &str,
        pods: &[Arc<Pod>],
        spec_replicas: i32,
        status_replicas: i32,
        now: Timestamp,
    ) -> Result<MetricResult, MetricError> {
        let opts = &self.options;
        let fail = |reason: &'static str, message: String| MetricError { reason, message };
        match m.type_.as_str() {
            "Resource" | "ContainerResource" => {
                let (resource, container, target, reason) =
                    match (m.resource.as_ref(), m.container_resource.as_ref()) {
                        (Some(r), _) if m.type_ == "Resource" => (
                            r.name.clone(),
                            None,
                            r.target.clone(),
                            "FailedGetResourceMetric",
                        ),
                        (_, Some(c)) if m.type_ == "ContainerResource" => (
                            c.name.clone(),
                            Some(c.container.clone()),
                            c.target.clone(),
                            "FailedGetContainerResourceMetric",
                        ),
                        _ => {
                            return Err(fail(
                                "InvalidMetricSourceType",
                                format!("metric {} has no source", m.type_),
                            ))
                        }
                    };
                let fetched = self
                    .metrics
                    .resource_metrics(ns, selector, &resource, container.as_deref())
                    .await;
                let (metrics, _) = fetched.map_err(|e| {
                    fail(reason, format!("failed to get {resource} utilization: unable to get metrics for resource {resource}: {e}"))
                })?;
                let (replicas, current, name) = if let Some(util) = target.average_utilization {
                    let p = replicas::resource_replicas(
                        spec_replicas,
                        util,
                        metrics,
                        pods,
                        &resource,
                        container.as_deref(),
                        opts,
                        now,
                    )
                    .map_err(|e| {
                        fail(reason, format!("failed to get {resource} utilization: {e}"))
                    })?;
                    let current = MetricValueStatus {
                        average_utilization: Some(i32::try_from(p.usage).unwrap_or(i32::MAX)),
                        average_value: Some(milli_quantity(p.raw_average)),
                        value: None,
                    };
                    let label = match &container {
                        Some(c) => format!("{resource} container resource utilization (percentage of request) of container {c}"),
                        None => format!("{resource} resource utilization (percentage of request)"),
                    };
                    (p.replicas, current, label)
                } else {
                    let Some(t) = target_milli(&target, true) else {
                        return Err(fail(reason, "invalid resource metric source: neither a utilization target nor a value target was set".into()));
                    };
                    let p = replicas::plain_metric_replicas(
                        spec_replicas,
                        t,
                        metrics,
                        pods,
                        Some(&resource),
                        opts,
                        now,
                    )
                    .map_err(|e| fail(reason, format!("failed to get {resource} usage: {e}")))?;
                    let current = MetricValueStatus {
                        average_value: Some(milli_quantity(p.usage)),
                        ..Default::default()
                    };
                    (p.replicas, current, format!("{resource} resource"))
                };
                let status = match container {
                    None => MetricStatus {
                        type_: "Resource".into(),
                        resource: Some(ResourceMetricStatus {
                            name: resource,
                            current,
                        }),
                        ..Default::default()
                    },
                    Some(c) => MetricStatus {
                        type_: "ContainerResource".into(),
                        container_resource: Some(ContainerResourceMetricStatus {
                            name: resource,
                            container: c,
                            current,
                        }),
                        ..Default::default()
                    },
                };
                Ok(MetricResult {
                    replicas,
                    name,
                    status,
                })
            }
            "Pods" => {
                let Some(source) = m.pods.as_ref() else {
                    return Err(fail(
                        "InvalidMetricSourceType",
                        "metric Pods has no source".into(),
                    ));
                };
                let reason = "FailedGetPodsMetric";
                let metric = &source.metric;
                let Some(target) = target_milli(&source.target, true) else {
                    return Err(fail(
                        reason,
                        "pods metric needs an averageValue target".into(),
                    ));
                };
                let (metrics, _) = self
                    .metrics
                    .pods_metric(ns, &metric.name, selector)
                    .await
                    .map_err(|e| {
                        fail(reason, format!("unable to get metric {}: {e}", metric.name))
                    })?;
                let p = replicas::plain_metric_replicas(
                    spec_replicas,
                    target,
                    metrics,
                    pods,
                    None,
                    opts,
                    now,
                )
                .map_err(|e| fail(reason, format!("failed to get pods metric value: {e}")))?;
                Ok(MetricResult {
                    replicas: p.replicas,
                    name: format!("pods metric {}", metric.name),
                    status: MetricStatus {
                        type_: "Pods".into(),
                        pods: Some(PodsMetricStatus {
                            metric: metric.clone(),
                            current: MetricValueStatus {
                                average_value: Some(milli_quantity(p.usage)),
                                ..Default::default()
                            },
                        }),
                        ..Default::default()
                    },
                })
            }
            "Object" => {
                let Some(source) = m.object.as_ref() else {
                    return Err(fail(
                        "InvalidMetricSourceType",
                        "metric Object has no source".into(),
                    ));
                };
                let reason = "FailedGetObjectMetric";
                let described = &source.described_object;
                let resource = self
                    .object_resource(described.api_version.as_deref(), &described.kind)
                    .await
                    .map_err(|e| fail(reason, e))?;
                let (usage, _) = self
                    .metrics
                    .object_metric(ns, &resource, &described.name, &source.metric.name)
                    .await
                    .map_err(|e| {
                        fail(
                            reason,
                            format!("unable to get metric {}: {e}", source.metric.name),
                        )
                    })?;
                let (replicas, current) = value_or_average_replicas(
                    &source.target,
                    usage,
                    "object",
                    reason,
                    (spec_replicas, status_replicas, pods),
                    opts,
                )?;
                Ok(MetricResult {
                    replicas,
                    name: format!("{} metric {}", described.kind, source.metric.name),
                    status: MetricStatus {
                        type_: "Object".into(),
                        object: Some(ObjectMetricStatus {
                            described_object: described.clone(),
                            metric: source.metric.clone(),
                            current,
                        }),
                        ..Default::default()
                    },
                })
            }
            "External" => {
                let Some(source) = m.external.as_ref() else {
                    return Err(fail(
                        "InvalidMetricSourceType",
                        "metric External has no source".into(),
                    ));
                };
                let reason = "FailedGetExternalMetric";
                let metric: &MetricIdentifier = &source.metric;
                let metric_selector = match metric.selector.as_ref() {
                    Some(sel) => Selector::from_label_selector(Some(sel))
                        .map(|s| s.to_string())
                        .map_err(|e| fail(reason, format!("invalid metric selector: {e}")))?,
                    None => String::new(),
                };
                let (values, _) = self
                    .metrics
                    .external_metric(ns, &metric.name, &metric_selector)
                    .await
                    .map_err(|e| {
                        fail(
                            reason,
                            format!("unable to get external metric {}: {e}", metric.name),
                        )
                    })?;
                let usage = values.iter().fold(0i64, |a, v| a.saturating_add(*v));
                let (replicas, current) = value_or_average_replicas(
                    &source.target,
                    usage,
                    "external",
                    reason,
                    (spec_replicas, status_replicas, pods),
                    opts,
                )?;
                Ok(MetricResult {
                    replicas,
                    name: format!("external metric {}({:?})", metric.name, metric.selector),
                    status: MetricStatus {
                        type_: "External".into(),
                        external: Some(ExternalMetricStatus {
                            metric: metric.clone(),
                            current,
                        }),
                        ..Default::default()
                    },
                })
            }
            other => Err(fail(
                "InvalidMetricSourceType",
                format!("unknown metric source type {other:?}"),
            )),
        }
    }

    /// The custom metrics API's resource name for a described object's kind.
    async fn object_resource(
        &self,
        api_version: Option<&str>,
        kind: &str,
    ) -> Result<String, String> {
        for refresh in [false, true] {
            let types = self.resource_types(refresh).await?;
            let found = match api_version {
                Some(av) if !av.is_empty() => types.by_api_version_kind(av, kind).cloned(),
                _ => types
                    .preferred()
                    .into_iter()
                    .find(|t| t.api.kind == kind)
                    .cloned(),
            };
            if let Some(t) = found {
                return Ok(if t.api.group.is_empty() {
                    t.api.plural
                } else {
                    format!("{}.{}", t.api.plural, t.api.group)
                });
            }
        }
        Err(format!("no matches for kind {kind:?}"))
    }
}

/// The outcome of all metrics.
struct Computed {
    /// The highest proposal and its metric description; None when the metrics
    /// do not allow a decision.
    proposal: Option<(i32, String)>,
    statuses: Vec<MetricStatus>,
    error: Option<String>,
}

/// The metric used when an HPA names none: 80% CPU utilization.
pub fn default_metrics() -> Vec<MetricSpec> {
    vec![MetricSpec {
        type_: "Resource".into(),
        resource: Some(k8s_openapi::api::autoscaling::v2::ResourceMetricSource {
            name: "cpu".into(),
            target: MetricTarget {
                type_: "Utilization".into(),
                average_utilization: Some(80),
                ..Default::default()
            },
        }),
        ..Default::default()
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_keep_transition_times() {
        let t0: Timestamp = "2024-01-01T00:00:00Z".parse().expect("ts");
        let t1: Timestamp = "2024-01-01T00:01:00Z".parse().expect("ts");
        let mut c = Vec::new();
        set_condition(
            &mut c,
            "ScalingActive",
            false,
            "FailedGetResourceMetric",
            "x".into(),
            t0,
        );
        set_condition(
            &mut c,
            "ScalingActive",
            false,
            "FailedGetResourceMetric",
            "y".into(),
            t1,
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].last_transition_time.as_ref().map(|t| t.0), Some(t0));
        assert_eq!(c[0].message.as_deref(), Some("y"));
        set_condition(
            &mut c,
            "ScalingActive",
            true,
            "ValidMetricFound",
            "z".into(),
            t1,
        );
        assert_eq!(c[0].last_transition_time.as_ref().map(|t| t.0), Some(t1));
        assert_eq!(c[0].status, "True");
    }

    #[test]
    fn quantities_for_status() {
        assert_eq!(milli_quantity(900).0, "900m");
        assert_eq!(milli_quantity(2000).0, "2");
        let t = MetricTarget {
            type_: "AverageValue".into(),
            average_value: Some(ApiQuantity("500m".into())),
            ..Default::default()
        };
        assert_eq!(target_milli(&t, true), Some(500));
        assert_eq!(target_milli(&t, false), None);
    }
}
