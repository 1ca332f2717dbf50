//! Scheduler benchmark: thousands of simulated nodes, thousands of pods, as
//! Kubernetes' scheduler_perf "SchedulingBasic" workload.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use futures::TryStreamExt;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, ListParams, PostParams, WatchEvent, WatchParams};
use parking_lot::Mutex;

use crate::server::Server;
use crate::stats::{f, print_table, rss_mib};

struct Sim(Child);

impl Drop for Sim {
    fn drop(&mut self) {
        // SAFETY: signalling our own child by PID.
        unsafe {
            libc::kill(self.0.id() as libc::pid_t, libc::SIGTERM);
        }
        std::thread::sleep(Duration::from_millis(500));
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn pod(name: &str) -> Result<Pod> {
    Ok(serde_json::from_value(serde_json::json!({
        "metadata": {"name": name, "labels": {"bench": "sched"}},
        "spec": {"containers": [{"name": "pause", "image": "registry.local/pause:3.10",
                                  "resources": {"requests": {"cpu": "100m", "memory": "500Mi"}}}]},
    }))?)
}

/// Runs the scheduling benchmark and prints its table.
pub async fn run(bin: &Path, nodes: usize, pods: usize, deployment_replicas: usize) -> Result<()> {
    let server = Server::start(bin, &[])?;
    let client = server.client().await?;
    let node_api: Api<Node> = Api::all(client.clone());
    let sim = Sim(Command::new(bin)
        .arg("simulate-nodes")
        .arg(nodes.to_string())
        .arg("--kubeconfig")
        .arg(&server.kubeconfig)
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(
            server.dir.path().join("sim.log"),
        )?))
        .spawn()
        .context("starting simulated nodes")?);
    let reg_start = Instant::now();
    loop {
        let n = node_api.list(&ListParams::default().limit(1)).await?;
        let count = n.metadata.remaining_item_count.unwrap_or(0) as usize + n.items.len();
        if count >= nodes {
            break;
        }
        if reg_start.elapsed() > Duration::from_secs(600) {
            bail!("only {count} of {nodes} nodes registered");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let registration = reg_start.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;

    let pod_api: Api<Pod> = Api::namespaced(client.clone(), "default");
    let created: Arc<Mutex<HashMap<String, Instant>>> = Arc::new(Mutex::new(HashMap::new()));
    let bound: Arc<Mutex<Vec<(Instant, Duration)>>> = Arc::new(Mutex::new(Vec::new()));
    let rv = pod_api
        .list(&ListParams::default().limit(1))
        .await?
        .metadata
        .resource_version
        .unwrap_or_default();
    let watch_api = pod_api.clone();
    let (c2, b2) = (created.clone(), bound.clone());
    let total = pods;
    let watcher = tokio::spawn(async move {
        let stream = watch_api
            .watch(
                &WatchParams::default().labels("bench=sched").timeout(290),
                &rv,
            )
            .await?;
        futures::pin_mut!(stream);
        let mut done = std::collections::HashSet::new();
        while let Some(ev) = stream.try_next().await? {
            if let WatchEvent::Modified(p) | WatchEvent::Added(p) = ev {
                let has_node = p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some();
                let name = p.metadata.name.clone().unwrap_or_default();
                if has_node && done.insert(name.clone()) {
                    let now = Instant::now();
                    let start = c2.lock().get(&name).copied().unwrap_or(now);
                    b2.lock().push((now, now.duration_since(start)));
                    if done.len() >= total {
                        break;
                    }
                }
            }
        }
        Ok::<_, anyhow::Error>(())
    });
    let start = Instant::now();
    let clients = 64;
    let per = pods / clients;
    let tasks = (0..clients).map(|c| {
        let api = pod_api.clone();
        let created = created.clone();
        tokio::spawn(async move {
            for i in 0..per {
                let name = format!("sched-{:06}", c * per + i);
                created.lock().insert(name.clone(), Instant::now());
                api.create(&PostParams::default(), &pod(&name)?).await?;
            }
            Ok::<_, anyhow::Error>(())
        })
    });
    for t in futures::future::join_all(tasks).await {
        t??;
    }
    let created_all = start.elapsed();
    let total = per * clients;
    match tokio::time::timeout(Duration::from_secs(300), watcher).await {
        Ok(r) => r??,
        Err(_) => bail!("not all pods were scheduled within 300 s"),
    }
    let mut samples = bound.lock().clone();
    samples.sort_by_key(|(t, _)| *t);
    let first = samples.first().map(|(t, _)| *t).unwrap_or(start);
    let last = samples.last().map(|(t, _)| *t).unwrap_or(start);
    let mut latencies: Vec<Duration> = samples.iter().map(|(_, l)| *l).collect();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((p / 100.0) * (latencies.len().saturating_sub(1)) as f64) as usize)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    // Per-second throughput samples, as scheduler_perf reports.
    let mut per_second: HashMap<u64, usize> = HashMap::new();
    for (t, _) in &samples {
        *per_second
            .entry(t.duration_since(first).as_secs())
            .or_default() += 1;
    }
    let mut buckets: Vec<usize> = per_second.values().copied().collect();
    buckets.sort();
    let median_bucket = buckets.get(buckets.len() / 2).copied().unwrap_or(0);
    let overall = samples.len() as f64 / last.duration_since(start).as_secs_f64().max(1e-9);
    let rss_sched = rss_mib(server.pid()).unwrap_or(0.0);

    // A 1,000-replica Deployment to all pods Running (needs the Deployment controller).
    let deploy_api: Api<Deployment> = Api::namespaced(client.clone(), "default");
    let dep: Deployment = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "bench"},
        "spec": {"replicas": deployment_replicas, "selector": {"matchLabels": {"app": "bench-deploy"}},
                 "template": {"metadata": {"labels": {"app": "bench-deploy"}},
                              "spec": {"containers": [{"name": "c", "image": "registry.local/pause:3.10"}]}}},
    }))?;
    let d_start = Instant::now();
    deploy_api.create(&PostParams::default(), &dep).await?;
    let mut deployment_time = None;
    while d_start.elapsed() < Duration::from_secs(600) {
        let d = deploy_api.get("bench").await?;
        if d.status
            .as_ref()
            .and_then(|s| s.ready_replicas)
            .unwrap_or(0) as usize
            >= deployment_replicas
        {
            deployment_time = Some(d_start.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let running = pod_api
        .list(&ListParams::default().labels("app=bench-deploy"))
        .await?;
    let running_count = running
        .items
        .iter()
        .filter(|p| p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running"))
        .count();
    let rss_end = rss_mib(server.pid()).unwrap_or(0.0);
    drop(sim);

    let rows = vec![
        vec![
            "nodes registered".into(),
            format!("{nodes} in {:.1} s", registration.as_secs_f64()),
        ],
        vec![
            "pods created (64 clients)".into(),
            format!("{total} in {:.1} s", created_all.as_secs_f64()),
        ],
        vec![
            "scheduling throughput, overall (pods/s)".into(),
            f(overall, 0),
        ],
        vec![
            "scheduling throughput, median 1 s sample (pods/s)".into(),
            median_bucket.to_string(),
        ],
        vec![
            "scheduling latency p50 (create → bound, ms)".into(),
            f(pct(50.0), 1),
        ],
        vec![
            "scheduling latency p99 (create → bound, ms)".into(),
            f(pct(99.0), 1),
        ],
        vec![
            format!("{deployment_replicas}-replica Deployment → all Running"),
            match deployment_time {
                Some(t) => format!("{:.1} s", t.as_secs_f64()),
                None => format!("not reached in 600 s ({running_count} Running)"),
            },
        ],
        vec![
            format!("control-plane RSS after {total} pods"),
            format!("{} MiB", f(rss_sched, 1)),
        ],
        vec![
            format!("control-plane RSS after the Deployment too"),
            format!("{} MiB", f(rss_end, 1)),
        ],
    ];
    print_table(
        &format!("Scheduling: {nodes} simulated nodes, {total} pods"),
        &["measure", "value"],
        &rows,
    );
    cycle_alone(nodes, total)
}

/// The scheduling cycle in process, without the API server, for comparison.
fn cycle_alone(nodes: usize, pods: usize) -> Result<()> {
    use capstan_scheduler::cycle_bench::{self, Workload};
    let mut rows = Vec::new();
    for (workload, count) in [
        (Workload::Plain, pods),
        (Workload::ReplicaSetPods, pods),
        (Workload::HostnameAntiAffinity, nodes.min(pods)),
    ] {
        let result = cycle_bench::run(nodes, count, workload)?;
        rows.push(vec![
            workload.describe().to_string(),
            format!("{}/{count}", result.placed),
            f(result.pods_per_second, 0),
        ]);
    }
    print_table(
        &format!("Scheduling cycle alone (in process, no API): {nodes} nodes"),
        &["pods", "placed", "pods/s"],
        &rows,
    );
    Ok(())
}
