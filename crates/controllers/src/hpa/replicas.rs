//! The HPA's replica calculator, as Kubernetes does it: the usage ratio
//! (current over target) times the number of pods that reported, unless within
//! the tolerance (10%). Pods being deleted or failed are ignored; pending pods
//! (and, for CPU, pods not yet ready or still initialising) are "unready";
//! ready pods without metrics are "missing". When there are missing or
//! unready pods the ratio is recomputed conservatively — missing pods count as
//! using 100% of their request (or the target, if higher) on a scale-down and
//! 0% on a scale-up, unready pods 0% on a scale-up — and no scaling happens
//! if that would reverse the direction or fall within the tolerance.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use capstan_machinery::Quantity;
use jiff::Timestamp;
use k8s_openapi::api::core::v1::Pod;

use crate::pod_util::{is_pod_ready, pod_condition, pod_phase};

/// One pod's metric sample, in milli-units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PodMetric {
    /// The value (milli-units; milli-cores for CPU, milli-bytes for memory).
    pub value: i64,
    /// When it was measured.
    pub timestamp: Timestamp,
    /// Over what window.
    pub window: Duration,
}

/// Metrics by pod name.
pub type PodMetrics = BTreeMap<String, PodMetric>;

/// Calculator settings (kube-controller-manager flags).
#[derive(Clone, Debug)]
pub struct CalcOptions {
    /// `--horizontal-pod-autoscaler-tolerance`.
    pub tolerance: f64,
    /// `--horizontal-pod-autoscaler-cpu-initialization-period`.
    pub cpu_initialization_period: Duration,
    /// `--horizontal-pod-autoscaler-initial-readiness-delay`.
    pub initial_readiness_delay: Duration,
}

impl Default for CalcOptions {
    fn default() -> Self {
        Self {
            tolerance: 0.1,
            cpu_initialization_period: Duration::from_secs(300),
            initial_readiness_delay: Duration::from_secs(30),
        }
    }
}

impl CalcOptions {
    fn within(&self, ratio: f64) -> bool {
        (1.0 - ratio).abs() <= self.tolerance
    }
}

/// Pods sorted by how their metrics are used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodGroups {
    /// Pods whose metrics count.
    pub ready: usize,
    /// Pending pods, and (CPU) pods unready or initialising.
    pub unready: BTreeSet<String>,
    /// Pods without a metric.
    pub missing: BTreeSet<String>,
    /// Pods being deleted or failed.
    pub ignored: BTreeSet<String>,
}

/// Groups pods; `resource` is the resource metric's name ("cpu" enables the
/// CPU readiness rules), None for other metrics.
pub fn group_pods(
    pods: &[Arc<Pod>],
    metrics: &PodMetrics,
    resource: Option<&str>,
    opts: &CalcOptions,
    now: Timestamp,
) -> PodGroups {
    let mut g = PodGroups::default();
    for pod in pods {
        let name = pod.metadata.name.clone().unwrap_or_default();
        if pod.metadata.deletion_timestamp.is_some() || pod_phase(pod) == "Failed" {
            g.ignored.insert(name);
            continue;
        }
        if pod_phase(pod) == "Pending" {
            g.unready.insert(name);
            continue;
        }
        let Some(metric) = metrics.get(&name) else {
            g.missing.insert(name);
            continue;
        };
        if resource == Some("cpu") {
            let condition = pod_condition(pod, "Ready");
            let start = pod
                .status
                .as_ref()
                .and_then(|s| s.start_time.as_ref())
                .map(|t| t.0);
            let unready = match (condition, start) {
                (Some(c), Some(start)) => {
                    let transition = c.last_transition_time.as_ref().map_or(start, |t| t.0);
                    if crate::pod_util::add(start, opts.cpu_initialization_period) > now {
                        // Still initialising: use the sample only if the pod is
                        // ready and a full window passed since it became so.
                        c.status == "False"
                            || metric.timestamp < crate::pod_util::add(transition, metric.window)
                    } else {
                        // Unready and never been ready since start.
                        c.status == "False"
                            && crate::pod_util::add(start, opts.initial_readiness_delay)
                                > transition
                    }
                }
                _ => true,
            };
            if unready {
                g.unready.insert(name);
                continue;
            }
        }
        g.ready += 1;
    }
    g
}

/// Each pod's request for `resource` (milli-units), summed over containers
/// (sidecars included) or taken from one `container`. Every container must
/// have a request.
pub fn pod_requests(
    pods: &[Arc<Pod>],
    container: Option<&str>,
    resource: &str,
) -> Result<BTreeMap<String, i64>, String> {
    let mut out = BTreeMap::new();
    for pod in pods {
        let name = pod.metadata.name.clone().unwrap_or_default();
        let Some(spec) = pod.spec.as_ref() else {
            continue;
        };
        let sidecars = spec
            .init_containers
            .iter()
            .flatten()
            .filter(|c| c.restart_policy.as_deref() == Some("Always"));
        let mut total: i64 = 0;
        let mut found = false;
        for c in spec.containers.iter().chain(sidecars) {
            if container.is_some_and(|want| want != c.name) {
                continue;
            }
            let request = c
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get(resource))
                .and_then(|q| Quantity::parse(&q.0).ok());
            let Some(q) = request else {
                return Err(format!(
                    "missing request for {resource} in container {} of Pod {name}",
                    c.name
                ));
            };
            total = total.saturating_add(q.milli_value());
            found = true;
            if container.is_some() {
                break;
            }
        }
        if let (Some(want), false) = (container, found) {
            return Err(format!("container {want} not found in Pod {name}"));
        }
        out.insert(name, total);
    }
    Ok(out)
}

/// Usage over requests, as a ratio to the target utilization (percent);
/// returns (ratio, utilization %, average raw value).
pub fn resource_utilization_ratio(
    metrics: &PodMetrics,
    requests: &BTreeMap<String, i64>,
    target_utilization: i32,
) -> Result<(f64, i32, i64), String> {
    let mut metrics_total: i64 = 0;
    let mut requests_total: i64 = 0;
    let mut entries: i64 = 0;
    for (pod, metric) in metrics {
        let Some(request) = requests.get(pod) else {
            continue;
        };
        metrics_total = metrics_total.saturating_add(metric.value);
        requests_total = requests_total.saturating_add(*request);
        entries += 1;
    }
    if requests_total == 0 {
        return Err("no metrics returned matched known pods".into());
    }
    let utilization =
        i32::try_from(metrics_total.saturating_mul(100) / requests_total).unwrap_or(i32::MAX);
    let ratio = f64::from(utilization) / f64::from(target_utilization.max(1));
    Ok((ratio, utilization, metrics_total / entries.max(1)))
}

/// Average usage as a ratio to the target; returns (ratio, average).
pub fn metric_usage_ratio(metrics: &PodMetrics, target: i64) -> (f64, i64) {
    let total: i64 = metrics
        .values()
        .fold(0i64, |a, m| a.saturating_add(m.value));
    let average = total / i64::try_from(metrics.len().max(1)).unwrap_or(1);
    (average as f64 / target.max(1) as f64, average)
}

fn ceil_replicas(x: f64) -> i32 {
    let c = x.ceil();
    if c >= f64::from(i32::MAX) {
        i32::MAX
    } else if c <= 0.0 {
        0
    } else {
        c as i32
    }
}

/// The result of a per-pod metric calculation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proposal {
    /// Proposed replicas.
    pub replicas: i32,
    /// Utilization percent (utilization targets) or average value (milli).
    pub usage: i64,
    /// Average raw value (milli) for utilization targets.
    pub raw_average: i64,
}

/// Replicas for a resource utilization target (percent of requests).
#[allow(clippy::too_many_arguments)]
pub fn resource_replicas(
    current: i32,
    target_utilization: i32,
    mut metrics: PodMetrics,
    pods: &[Arc<Pod>],
    resource: &str,
    container: Option<&str>,
    opts: &CalcOptions,
    now: Timestamp,
) -> Result<Proposal, String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    let groups = group_pods(pods, &metrics, Some(resource), opts, now);
    for name in groups.ignored.iter().chain(groups.unready.iter()) {
        metrics.remove(name);
    }
    if metrics.is_empty() {
        return Err("did not receive metrics for targeted pods (pods might be unready)".into());
    }
    let requests = pod_requests(pods, container, resource)?;
    let (ratio, utilization, raw) =
        resource_utilization_ratio(&metrics, &requests, target_utilization)?;
    let proposal = |replicas| Proposal {
        replicas,
        usage: i64::from(utilization),
        raw_average: raw,
    };
    let scale_up_with_unready = !groups.unready.is_empty() && ratio > 1.0;
    if !scale_up_with_unready && groups.missing.is_empty() {
        if opts.within(ratio) {
            return Ok(proposal(current));
        }
        return Ok(proposal(ceil_replicas(ratio * groups.ready as f64)));
    }
    let filler = |value: i64| PodMetric {
        value,
        timestamp: now,
        window: Duration::ZERO,
    };
    if !groups.missing.is_empty() {
        if ratio < 1.0 {
            let fallback = i64::from(target_utilization.max(100));
            for name in &groups.missing {
                let request = requests.get(name).copied().unwrap_or(0);
                metrics.insert(name.clone(), filler(request.saturating_mul(fallback) / 100));
            }
        } else if ratio > 1.0 {
            for name in &groups.missing {
                metrics.insert(name.clone(), filler(0));
            }
        }
    }
    if scale_up_with_unready {
        for name in &groups.unready {
            metrics.insert(name.clone(), filler(0));
        }
    }
    let (new_ratio, _, _) = resource_utilization_ratio(&metrics, &requests, target_utilization)?;
    if opts.within(new_ratio)
        || (ratio < 1.0 && new_ratio > 1.0)
        || (ratio > 1.0 && new_ratio < 1.0)
    {
        return Ok(proposal(current));
    }
    let replicas = ceil_replicas(new_ratio * metrics.len() as f64);
    if (new_ratio < 1.0 && replicas > current) || (new_ratio > 1.0 && replicas < current) {
        return Ok(proposal(current));
    }
    Ok(proposal(replicas))
}

/// Replicas for a per-pod average value target (raw resource values, Pods
/// metrics). `resource` enables the CPU readiness rules when it is "cpu".
pub fn plain_metric_replicas(
    current: i32,
    target: i64,
    mut metrics: PodMetrics,
    pods: &[Arc<Pod>],
    resource: Option<&str>,
    opts: &CalcOptions,
    now: Timestamp,
) -> Result<Proposal, String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    let groups = group_pods(pods, &metrics, resource, opts, now);
    for name in groups.ignored.iter().chain(groups.unready.iter()) {
        metrics.remove(name);
    }
    if metrics.is_empty() {
        return Err("did not receive metrics for targeted pods (pods might be unready)".into());
    }
    let (ratio, usage) = metric_usage_ratio(&metrics, target);
    let proposal = |replicas| Proposal {
        replicas,
        usage,
        raw_average: usage,
    };
    let scale_up_with_unready = !groups.unready.is_empty() && ratio > 1.0;
    if !scale_up_with_unready && groups.missing.is_empty() {
        if opts.within(ratio) {
            return Ok(proposal(current));
        }
        return Ok(proposal(ceil_replicas(ratio * groups.ready as f64)));
    }
    let filler = |value: i64| PodMetric {
        value,
        timestamp: now,
        window: Duration::ZERO,
    };
    if !groups.missing.is_empty() {
        let value = if ratio < 1.0 { target } else { 0 };
        for name in &groups.missing {
            metrics.insert(name.clone(), filler(value));
        }
    }
    if scale_up_with_unready {
        for name in &groups.unready {
            metrics.insert(name.clone(), filler(0));
        }
    }
    let (new_ratio, _) = metric_usage_ratio(&metrics, target);
    if opts.within(new_ratio)
        || (ratio < 1.0 && new_ratio > 1.0)
        || (ratio > 1.0 && new_ratio < 1.0)
    {
        return Ok(proposal(current));
    }
    Ok(proposal(ceil_replicas(new_ratio * metrics.len() as f64)))
}

/// Pods running and ready (for object and external value targets).
pub fn ready_pod_count(pods: &[Arc<Pod>]) -> Result<usize, String> {
    if pods.is_empty() {
        return Err("no pods returned by selector while calculating replica count".into());
    }
    Ok(pods
        .iter()
        .filter(|p| pod_phase(p) == "Running" && is_pod_ready(p))
        .count())
}

/// Replicas for a total value target (Object or External `Value`): the ratio
/// times the ready pods, or — at zero replicas — the ratio itself.
pub fn usage_ratio_replicas(
    current: i32,
    ratio: f64,
    ready_pods: impl FnOnce() -> Result<usize, String>,
    opts: &CalcOptions,
) -> Result<i32, String> {
    if current != 0 {
        if opts.within(ratio) {
            return Ok(current);
        }
        let ready = ready_pods().map_err(|e| format!("unable to calculate ready pods: {e}"))?;
        return Ok(ceil_replicas(ratio * ready as f64));
    }
    Ok(ceil_replicas(ratio))
}

/// Replicas for an `AverageValue` target of an Object or External metric:
/// the total divided by the target, unless within tolerance of the current
/// (status) replicas. Returns (replicas, per-pod usage).
pub fn per_pod_replicas(
    status_replicas: i32,
    usage: i64,
    target_average: i64,
    opts: &CalcOptions,
) -> (i32, i64) {
    let target_average = target_average.max(1);
    let mut replicas = status_replicas;
    let ratio = usage as f64 / (target_average as f64 * f64::from(status_replicas.max(1)));
    if !opts.within(ratio) {
        replicas = ceil_replicas(usage as f64 / target_average as f64);
    }
    let per_pod = (usage as f64 / f64::from(status_replicas.max(1))).ceil() as i64;
    (replicas, per_pod)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pod_util::tests::pod;
    use serde_json::json;

    fn now() -> Timestamp {
        "2024-01-01T12:00:00Z".parse().expect("ts")
    }

    /// A running pod started long ago, ready since then, requesting `cpu`.
    fn running(name: &str, cpu: &str) -> Arc<Pod> {
        Arc::new(pod(json!({
            "metadata": {"name": name},
            "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": cpu, "memory": "100Mi"}}}]},
            "status": {"phase": "Running", "startTime": "2024-01-01T10:00:00Z",
                "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-01-01T10:00:10Z"}]},
        })))
    }

    fn with_phase(p: &Arc<Pod>, phase: &str) -> Arc<Pod> {
        let mut p = (**p).clone();
        if let Some(s) = p.status.as_mut() {
            s.phase = Some(phase.into());
        }
        Arc::new(p)
    }

    fn metrics(values: &[(&str, i64)]) -> PodMetrics {
        values
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    PodMetric {
                        value: *v,
                        timestamp: now(),
                        window: Duration::from_secs(30),
                    },
                )
            })
            .collect()
    }

    fn calc(current: i32, target: i32, m: PodMetrics, pods: &[Arc<Pod>]) -> Proposal {
        resource_replicas(
            current,
            target,
            m,
            pods,
            "cpu",
            None,
            &CalcOptions::default(),
            now(),
        )
        .expect("replicas")
    }

    #[test]
    fn scale_up_by_utilization() {
        let pods = vec![running("a", "1"), running("b", "1"), running("c", "1")];
        // 900m average on 1-core requests = 90% vs 30% target: 3x.
        let p = calc(3, 30, metrics(&[("a", 900), ("b", 900), ("c", 900)]), &pods);
        assert_eq!(p.replicas, 9);
        assert_eq!(p.usage, 90);
        assert_eq!(p.raw_average, 900);
    }

    #[test]
    fn scale_down_and_rounding_up() {
        let pods = vec![
            running("a", "1"),
            running("b", "1"),
            running("c", "1"),
            running("d", "1"),
            running("e", "1"),
        ];
        // 100m each = 10% vs 50%: ratio 0.2 * 5 = 1.
        assert_eq!(
            calc(
                5,
                50,
                metrics(&[("a", 100), ("b", 100), ("c", 100), ("d", 100), ("e", 100)]),
                &pods
            )
            .replicas,
            1
        );
        // 30% vs 50% on 5: 0.6*5 = 3.
        assert_eq!(
            calc(
                5,
                50,
                metrics(&[("a", 300), ("b", 300), ("c", 300), ("d", 300), ("e", 300)]),
                &pods
            )
            .replicas,
            3
        );
        // 31% vs 50%: 0.62 * 5 = 3.1 -> 4.
        assert_eq!(
            calc(
                5,
                50,
                metrics(&[("a", 310), ("b", 310), ("c", 310), ("d", 310), ("e", 310)]),
                &pods
            )
            .replicas,
            4
        );
    }

    #[test]
    fn tolerance_keeps_current() {
        let pods = vec![running("a", "1"), running("b", "1")];
        // 54% vs 50% = 1.08: within 10%.
        assert_eq!(
            calc(2, 50, metrics(&[("a", 540), ("b", 540)]), &pods).replicas,
            2
        );
        // 45% vs 50% = 0.9: within (inclusive).
        assert_eq!(
            calc(2, 50, metrics(&[("a", 450), ("b", 450)]), &pods).replicas,
            2
        );
        // 56% = 1.12: outside; ceil(1.12*2) = 3.
        assert_eq!(
            calc(2, 50, metrics(&[("a", 560), ("b", 560)]), &pods).replicas,
            3
        );
    }

    #[test]
    fn utilization_uses_integer_percent() {
        let requests = BTreeMap::from([("a".to_string(), 3), ("b".to_string(), 3)]);
        let (ratio, util, raw) =
            resource_utilization_ratio(&metrics(&[("a", 1), ("b", 1)]), &requests, 50)
                .expect("ratio");
        assert_eq!(util, 33);
        assert!((ratio - 0.66).abs() < 1e-9);
        assert_eq!(raw, 1);
        assert!(resource_utilization_ratio(&metrics(&[("x", 1)]), &requests, 50).is_err());
    }

    #[test]
    fn missing_metrics_are_conservative() {
        let pods = vec![
            running("a", "1"),
            running("b", "1"),
            running("c", "1"),
            running("d", "1"),
        ];
        // Scale-down with two pods missing: they count as 100%: (100+100+1000+1000)/4 = 55% vs 50 -> 1.1: within tolerance? 1.1 is within.
        let p = calc(4, 50, metrics(&[("a", 100), ("b", 100)]), &pods);
        assert_eq!(
            p.replicas, 4,
            "missing pods at 100% make the scale-down vanish"
        );
        assert_eq!(
            p.usage, 10,
            "reported utilization is that of the pods with metrics"
        );
        // Scale-down with one missing: (100+100+100+1000)/4 = 32.5% -> 32%, 0.64*4 = 2.56 -> 3.
        assert_eq!(
            calc(4, 50, metrics(&[("a", 100), ("b", 100), ("c", 100)]), &pods).replicas,
            3
        );
        // Scale-up with missing pods: they count as 0: (900+900+0+0)/4 = 45% vs 30 -> 1.5*4 = 6.
        assert_eq!(
            calc(4, 30, metrics(&[("a", 900), ("b", 900)]), &pods).replicas,
            6
        );
        // A missing pod flipping direction keeps the current count: (400+0)/2=20% vs 30 while 40%>30.
        let two = vec![running("a", "1"), running("b", "1")];
        assert_eq!(calc(2, 30, metrics(&[("a", 400)]), &two).replicas, 2);
        // Targets above 100% use the target for missing pods on scale-down.
        let p = calc(
            4,
            200,
            metrics(&[("a", 100), ("b", 100), ("c", 100)]),
            &pods,
        );
        // (100+100+100+2000)/4000 = 57% vs 200: 0.285*4 = 1.14 -> 2.
        assert_eq!(p.replicas, 2);
    }

    #[test]
    fn unready_and_pending_pods_only_count_against_scale_up() {
        let ready = vec![running("a", "1"), running("b", "1")];
        let pending = with_phase(&running("p", "1"), "Pending");
        let mut pods = ready.clone();
        pods.push(pending);
        // Scale-up: pending counts as 0%: (1000+1000+0)/3 = 66% vs 50 -> 1.33*3 = 4.
        assert_eq!(
            calc(
                3,
                50,
                metrics(&[("a", 1000), ("b", 1000), ("p", 5000)]),
                &pods
            )
            .replicas,
            4
        );
        // Scale-down: pending ignored: 20% vs 50 on 2 ready -> 0.4*2 = 1.
        assert_eq!(
            calc(3, 50, metrics(&[("a", 200), ("b", 200)]), &pods).replicas,
            1
        );
        // Deleted and failed pods are ignored entirely.
        let mut deleting = (*running("d", "1")).clone();
        deleting.metadata.deletion_timestamp =
            Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(now()));
        let failed = with_phase(&running("f", "1"), "Failed");
        let all = vec![
            running("a", "1"),
            running("b", "1"),
            Arc::new(deleting),
            failed,
        ];
        assert_eq!(
            calc(
                4,
                50,
                metrics(&[("a", 1000), ("b", 1000), ("d", 0), ("f", 0)]),
                &all
            )
            .replicas,
            4
        );
    }

    #[test]
    fn cpu_readiness_rules() {
        let opts = CalcOptions::default();
        // Started 1 min ago (initialising), ready 40 s ago, sample taken now with a 30 s window: used.
        let young = Arc::new(pod(
            json!({"metadata": {"name": "y"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "startTime": "2024-01-01T11:59:00Z",
                "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-01-01T11:59:20Z"}]}}),
        ));
        let g = group_pods(
            std::slice::from_ref(&young),
            &metrics(&[("y", 1)]),
            Some("cpu"),
            &opts,
            now(),
        );
        assert_eq!(g.ready, 1);
        // Became ready 10 s ago: the 30 s window is not yet past -> unready.
        let fresh = Arc::new(pod(
            json!({"metadata": {"name": "y"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "startTime": "2024-01-01T11:59:00Z",
                "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": "2024-01-01T11:59:50Z"}]}}),
        ));
        assert!(group_pods(
            std::slice::from_ref(&fresh),
            &metrics(&[("y", 1)]),
            Some("cpu"),
            &opts,
            now()
        )
        .unready
        .contains("y"));
        // Memory metrics ignore readiness.
        assert_eq!(
            group_pods(
                &[fresh],
                &metrics(&[("y", 1)]),
                Some("memory"),
                &opts,
                now()
            )
            .ready,
            1
        );
        // Old pod, unready, never ready after the initial delay -> unready; became unready later -> counts.
        let never = Arc::new(pod(
            json!({"metadata": {"name": "n"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "startTime": "2024-01-01T10:00:00Z",
                "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": "2024-01-01T10:00:05Z"}]}}),
        ));
        assert!(
            group_pods(&[never], &metrics(&[("n", 1)]), Some("cpu"), &opts, now())
                .unready
                .contains("n")
        );
        let lost = Arc::new(pod(
            json!({"metadata": {"name": "l"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "startTime": "2024-01-01T10:00:00Z",
                "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": "2024-01-01T11:00:00Z"}]}}),
        ));
        assert_eq!(
            group_pods(&[lost], &metrics(&[("l", 1)]), Some("cpu"), &opts, now()).ready,
            1
        );
    }

    #[test]
    fn requests_are_required_and_container_specific() {
        let pods = vec![Arc::new(pod(json!({"metadata": {"name": "a"}, "spec": {
            "containers": [{"name": "app", "resources": {"requests": {"cpu": "500m"}}}, {"name": "log"}],
            "initContainers": [{"name": "side", "restartPolicy": "Always", "resources": {"requests": {"cpu": "100m"}}}]}})))];
        assert!(
            pod_requests(&pods, None, "cpu").is_err(),
            "a container without a request"
        );
        assert_eq!(
            pod_requests(&pods, Some("app"), "cpu").expect("app")["a"],
            500
        );
        assert_eq!(
            pod_requests(&pods, Some("side"), "cpu").expect("side")["a"],
            100
        );
        assert!(pod_requests(&pods, Some("nope"), "cpu").is_err());
        let err = resource_replicas(
            1,
            50,
            metrics(&[("a", 1)]),
            &pods,
            "cpu",
            None,
            &CalcOptions::default(),
            now(),
        );
        assert!(err.is_err());
    }

    #[test]
    fn errors_without_pods_or_metrics() {
        let opts = CalcOptions::default();
        assert!(
            resource_replicas(1, 50, PodMetrics::new(), &[], "cpu", None, &opts, now()).is_err()
        );
        let pods = vec![with_phase(&running("a", "1"), "Pending")];
        assert!(resource_replicas(
            1,
            50,
            metrics(&[("a", 100)]),
            &pods,
            "cpu",
            None,
            &opts,
            now()
        )
        .is_err());
    }

    #[test]
    fn plain_metrics() {
        let opts = CalcOptions::default();
        let pods = vec![running("a", "1"), running("b", "1")];
        // Average 20 (milli 20000) vs target 10: 2x.
        let p = plain_metric_replicas(
            2,
            10_000,
            metrics(&[("a", 20_000), ("b", 20_000)]),
            &pods,
            None,
            &opts,
            now(),
        )
        .expect("p");
        assert_eq!((p.replicas, p.usage), (4, 20_000));
        // Missing pod on scale-down counts as the target: (5000+10000)/2 = 7500 vs 10000 -> 0.75*2 = 1.5 -> 2 (keeps).
        let p = plain_metric_replicas(
            2,
            10_000,
            metrics(&[("a", 5_000)]),
            &pods,
            None,
            &opts,
            now(),
        )
        .expect("p");
        assert_eq!(p.replicas, 2);
        // Raw CPU average value target: 600m average vs 300m: 2x.
        let p = plain_metric_replicas(
            2,
            300,
            metrics(&[("a", 600), ("b", 600)]),
            &pods,
            Some("cpu"),
            &opts,
            now(),
        )
        .expect("p");
        assert_eq!(p.replicas, 4);
    }

    #[test]
    fn object_and_external_targets() {
        let opts = CalcOptions::default();
        // Value: 300 vs 100 target, 2 ready pods -> 6.
        assert_eq!(usage_ratio_replicas(2, 3.0, || Ok(2), &opts), Ok(6));
        assert_eq!(usage_ratio_replicas(2, 1.05, || Ok(2), &opts), Ok(2));
        // From zero: the ratio alone.
        assert_eq!(
            usage_ratio_replicas(0, 2.5, || Err("unused".into()), &opts),
            Ok(3)
        );
        assert_eq!(
            usage_ratio_replicas(0, 0.0, || Err("unused".into()), &opts),
            Ok(0)
        );
        // AverageValue: total 1000 over target 100 per pod -> 10 (from 4); per-pod usage 250.
        assert_eq!(per_pod_replicas(4, 1000, 100, &opts), (10, 250));
        // Within tolerance of the current: keep.
        assert_eq!(per_pod_replicas(10, 1050, 100, &opts), (10, 105));
        let pods = vec![running("a", "1"), with_phase(&running("b", "1"), "Pending")];
        assert_eq!(ready_pod_count(&pods), Ok(1));
        assert!(ready_pod_count(&[]).is_err());
    }
}
