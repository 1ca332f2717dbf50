//! Store benchmark: the embedded store against a real etcd 3.4, through the same
//! `Store` trait, in the same run.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use bytes::Bytes;
use capstan_store::embedded::EmbeddedStore;
use capstan_store::etcd::EtcdStore;
use capstan_store::{RangeRequest, Store, WatchRequest};
use futures::future::join_all;

use crate::stats::{f, print_table, Samples};

/// A real etcd on loopback in a temporary directory, stopped on drop.
pub struct Etcd {
    child: Child,
    _dir: tempfile::TempDir,
    /// Client URL.
    pub url: String,
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Etcd {
    /// Starts `etcd` (Debian's etcd-server) with default durability settings.
    pub fn start() -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let client = free_port()?;
        let peer = free_port()?;
        let url = format!("http://127.0.0.1:{client}");
        let child = Command::new("etcd")
            .arg("--data-dir")
            .arg(dir.path().join("etcd"))
            .arg("--listen-client-urls")
            .arg(&url)
            .arg("--advertise-client-urls")
            .arg(&url)
            .arg("--listen-peer-urls")
            .arg(format!("http://127.0.0.1:{peer}"))
            .arg("--initial-advertise-peer-urls")
            .arg(format!("http://127.0.0.1:{peer}"))
            .arg("--initial-cluster")
            .arg(format!("default=http://127.0.0.1:{peer}"))
            .arg("--quota-backend-bytes")
            .arg("8589934592")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("starting etcd (install Debian's etcd-server)")?;
        Ok(Self {
            child,
            _dir: dir,
            url,
        })
    }
}

impl Drop for Etcd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn connect_etcd(url: &str) -> Result<EtcdStore> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match EtcdStore::connect(&[url.to_string()], Default::default()).await {
            Ok(s) => {
                if s.status().await.is_ok() {
                    return Ok(s);
                }
            }
            Err(e) if Instant::now() > deadline => bail!("etcd did not come up: {e}"),
            Err(_) => {}
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn value(size: usize) -> Bytes {
    Bytes::from(vec![b'x'; size])
}

/// `total` operations spread over `clients` concurrent tasks.
async fn run_clients<F, Fut>(clients: usize, total: usize, op: F) -> Result<Samples>
where
    F: Fn(usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let per = total / clients;
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
    let mut all = Vec::with_capacity(total);
    for r in join_all(tasks).await {
        all.extend(r??);
    }
    Ok(Samples::new(all, start.elapsed()))
}

async fn measure(
    store: Arc<dyn Store>,
    prefix: &str,
    clients: usize,
    ops: usize,
) -> Result<Vec<(String, Samples)>> {
    let ops = (ops / clients).max(1) * clients;
    let mut out = Vec::new();
    let val = value(1024);
    let p = prefix.to_string();
    let s = store.clone();
    let v = val.clone();
    let puts = run_clients(clients, ops, move |i| {
        let s = s.clone();
        let v = v.clone();
        let key = format!("{p}/put/{i:08}");
        async move {
            s.put(&key, v).await?;
            Ok(())
        }
    })
    .await?;
    out.push(("put (durable)".to_string(), puts));
    let p = prefix.to_string();
    let s = store.clone();
    let gets = run_clients(clients, ops, move |i| {
        let s = s.clone();
        let key = format!("{p}/put/{:08}", (i * 7919) % ops);
        async move {
            let got = s.get(&key).await?;
            anyhow::ensure!(got.is_some(), "missing key {key}");
            Ok(())
        }
    })
    .await?;
    out.push(("get".to_string(), gets));
    let p = prefix.to_string();
    let s = store.clone();
    let ranges = run_clients(clients, (ops / 10).max(clients), move |i| {
        let s = s.clone();
        let start = format!(
            "{p}/put/{:08}",
            (i * 104_729) % ops.saturating_sub(100).max(1)
        );
        let end = capstan_store::prefix_end(&format!("{p}/put/"));
        async move {
            let resp = s
                .range(RangeRequest {
                    key: start,
                    range_end: Some(end),
                    revision: 0,
                    limit: 100,
                    count_only: false,
                })
                .await?;
            anyhow::ensure!(!resp.kvs.is_empty(), "empty range");
            Ok(())
        }
    })
    .await?;
    out.push(("range (100 keys)".to_string(), ranges));
    // Watch: `clients` watchers each receive every event of `events` puts.
    let events = (ops / 4).max(1000);
    let wprefix = format!("{prefix}/watch/");
    let mut watchers = Vec::new();
    for _ in 0..clients {
        watchers.push(
            store
                .watch(WatchRequest::prefix(wprefix.clone(), 0))
                .await?,
        );
    }
    let start = Instant::now();
    let receivers = watchers.into_iter().map(|mut w| {
        tokio::spawn(async move {
            let mut seen = 0usize;
            let mut lat = Vec::with_capacity(events);
            while seen < events {
                match tokio::time::timeout(Duration::from_secs(60), w.responses.recv()).await {
                    Ok(Some(Ok(resp))) => {
                        for _ in &resp.events {
                            lat.push(start.elapsed());
                        }
                        seen += resp.events.len();
                    }
                    _ => break,
                }
            }
            lat
        })
    });
    let receivers: Vec<_> = receivers.collect();
    let writer_store = store.clone();
    let wp = wprefix.clone();
    let writers = (0..8).map(|w| {
        let s = writer_store.clone();
        let v = val.clone();
        let wp = wp.clone();
        tokio::spawn(async move {
            for i in (w..events).step_by(8) {
                s.put(&format!("{wp}{i:08}"), v.clone()).await?;
            }
            Ok::<_, anyhow::Error>(())
        })
    });
    for w in join_all(writers).await {
        w??;
    }
    let mut delivered = Vec::new();
    for r in join_all(receivers).await {
        delivered.extend(r?);
    }
    let elapsed = start.elapsed();
    // Delivery "latency" here is time since the write burst began; report throughput.
    out.push((
        format!("watch ({events} events to each watcher)"),
        Samples::new(delivered, elapsed),
    ));
    Ok(out)
}

/// Runs the store benchmark and prints its table.
pub async fn run(ops: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let embedded: Arc<dyn Store> = Arc::new(EmbeddedStore::open(dir.path())?);
    let etcd_proc = Etcd::start()?;
    let etcd: Arc<dyn Store> = Arc::new(connect_etcd(&etcd_proc.url).await?);
    let mut rows = Vec::new();
    for clients in [1usize, 64] {
        let n = if clients == 1 {
            (ops / 10).max(1000)
        } else {
            ops
        };
        for (name, store) in [("embedded", embedded.clone()), ("etcd 3.4", etcd.clone())] {
            let results = measure(store, &format!("/bench/c{clients}"), clients, n).await?;
            for (op, s) in results {
                let is_watch = op.starts_with("watch");
                rows.push(vec![
                    op,
                    clients.to_string(),
                    name.to_string(),
                    f(s.throughput(), 0),
                    if is_watch {
                        "-".into()
                    } else {
                        f(s.percentile_ms(50.0), 3)
                    },
                    if is_watch {
                        "-".into()
                    } else {
                        f(s.percentile_ms(99.0), 3)
                    },
                ]);
            }
        }
    }
    print_table(
        "Store: embedded vs etcd 3.4 (1 KiB values, through the Store trait)",
        &["operation", "clients", "store", "ops/s", "p50 ms", "p99 ms"],
        &rows,
    );
    println!("\n(watch rows: events delivered per second summed over all watchers)");
    Ok(())
}
