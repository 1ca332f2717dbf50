//! API benchmark: creates, gets and lists over HTTPS against a real server, and
//! the memory footprint idle and with 100,000 ConfigMaps.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use futures::future::join_all;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, ListParams, PostParams};

use crate::server::Server;
use crate::stats::{f, print_table, rss_mib, Samples};

fn configmap(name: &str) -> ConfigMap {
    let mut data = std::collections::BTreeMap::new();
    data.insert("payload".to_string(), "x".repeat(256));
    ConfigMap {
        metadata: kube::api::ObjectMeta {
            name: Some(name.to_string()),
            labels: Some([("bench".to_string(), "api".to_string())].into()),
            ..Default::default()
        },
        data: Some(data),
        ..Default::default()
    }
}

/// Closed loop: `clients` tasks each doing `per` operations back to back.
async fn closed_loop<F, Fut>(clients: usize, per: usize, op: F) -> Result<Samples>
where
    F: Fn(usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let start = Instant::now();
    let tasks = (0..clients).map(|c| {
        let op = op.clone();
        tokio::spawn(async move {
            let mut lat = Vec::with_capacity(per);
            for i in 0..per {
                let t = Instant::now();
                op(c * per + i).await?;
                lat.push(t.elapsed());
            }
            Ok::<_, anyhow::Error>(lat)
        })
    });
    let mut all = Vec::new();
    for r in join_all(tasks).await {
        all.extend(r??);
    }
    Ok(Samples::new(all, start.elapsed()))
}

/// Open loop: starts operations at a fixed rate regardless of completions.
async fn open_loop<F, Fut>(rate: u64, total: usize, op: F) -> Result<Samples>
where
    F: Fn(usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send + 'static,
{
    let interval = Duration::from_nanos(1_000_000_000 / rate.max(1));
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..total {
        let due = start + interval * i as u32;
        tokio::time::sleep_until(due.into()).await;
        let op = op.clone();
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            op(i).await?;
            Ok::<_, anyhow::Error>(t.elapsed())
        }));
    }
    let mut all = Vec::with_capacity(total);
    for r in join_all(tasks).await {
        all.push(r??);
    }
    Ok(Samples::new(all, start.elapsed()))
}

/// Runs the API and memory benchmarks and prints their tables.
pub async fn run(bin: &Path, creates: usize, memory_objects: usize) -> Result<()> {
    let server = Server::start(bin, &[])?;
    let client = server.client().await?;
    let api: Api<ConfigMap> = Api::namespaced(client.clone(), "default");
    // Wait until the API answers, then let the server settle before measuring idle memory.
    let deadline = Instant::now() + Duration::from_secs(30);
    while api.list(&ListParams::default().limit(1)).await.is_err() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle_rss = rss_mib(server.pid()).unwrap_or(0.0);

    let clients = 64;
    let a = Arc::new(api.clone());
    let per = creates / clients;
    let create = {
        let a = a.clone();
        closed_loop(clients, per, move |i| {
            let a = a.clone();
            async move {
                a.create(&PostParams::default(), &configmap(&format!("cm-{i:07}")))
                    .await?;
                Ok(())
            }
        })
        .await?
    };
    let n = per * clients;
    let get = {
        let a = a.clone();
        closed_loop(clients, per, move |i| {
            let a = a.clone();
            async move {
                a.get(&format!("cm-{:07}", (i * 7919) % n)).await?;
                Ok(())
            }
        })
        .await?
    };
    let list = {
        let a = a.clone();
        closed_loop(clients, (per / 10).max(1), move |_| {
            let a = a.clone();
            async move {
                let l = a.list(&ListParams::default().limit(100)).await?;
                anyhow::ensure!(!l.items.is_empty(), "empty list");
                Ok(())
            }
        })
        .await?
    };
    let paced = {
        let a = a.clone();
        open_loop(1000, 10_000, move |i| {
            let a = a.clone();
            async move {
                a.create(&PostParams::default(), &configmap(&format!("paced-{i:07}")))
                    .await?;
                Ok(())
            }
        })
        .await?
    };
    let rows = vec![
        vec![
            "create".into(),
            "64 clients, closed loop".into(),
            f(create.throughput(), 0),
            f(create.percentile_ms(50.0), 2),
            f(create.percentile_ms(99.0), 2),
        ],
        vec![
            "get".into(),
            "64 clients, closed loop".into(),
            f(get.throughput(), 0),
            f(get.percentile_ms(50.0), 2),
            f(get.percentile_ms(99.0), 2),
        ],
        vec![
            "list (limit 100)".into(),
            "64 clients, closed loop".into(),
            f(list.throughput(), 0),
            f(list.percentile_ms(50.0), 2),
            f(list.percentile_ms(99.0), 2),
        ],
        vec![
            "create".into(),
            "open loop at 1,000/s".into(),
            f(paced.throughput(), 0),
            f(paced.percentile_ms(50.0), 2),
            f(paced.percentile_ms(99.0), 2),
        ],
    ];
    print_table(
        "API over HTTPS (ConfigMaps with 256 B of data)",
        &["operation", "load", "ops/s", "p50 ms", "p99 ms"],
        &rows,
    );

    // Memory with many objects.
    let existing = n + paced.count();
    let remaining = memory_objects.saturating_sub(existing);
    if remaining > 0 {
        let per = remaining.div_ceil(clients);
        let a = a.clone();
        closed_loop(clients, per, move |i| {
            let a = a.clone();
            async move {
                a.create(&PostParams::default(), &configmap(&format!("mem-{i:07}")))
                    .await?;
                Ok(())
            }
        })
        .await?;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let full_rss = rss_mib(server.pid()).unwrap_or(0.0);
    let total = existing + remaining.div_ceil(clients) * clients;
    let rows = vec![
        vec!["idle (fresh server)".into(), f(idle_rss, 1)],
        vec![format!("{total} ConfigMaps stored"), f(full_rss, 1)],
    ];
    print_table(
        "Server memory (RSS of the capstan process)",
        &["state", "RSS MiB"],
        &rows,
    );
    Ok(())
}
