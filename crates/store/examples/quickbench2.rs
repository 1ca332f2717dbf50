// Throwaway measurement program (not committed): writer stalls during a log rewrite.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use capstan_store::embedded::{EmbeddedOptions, EmbeddedStore};
use capstan_store::Store;

fn rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines()
        .find(|l| l.starts_with("VmRSS"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}

fn val(key: &str, c: char) -> Bytes {
    Bytes::from(format!("{key}{}", c.to_string().repeat(1000)))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = "/tmp/qb2";
    let _ = std::fs::remove_dir_all(dir);
    let opts = EmbeddedOptions {
        rewrite_min_bytes: std::env::var("RW")
            .map(|v| v.parse().unwrap())
            .unwrap_or(8 << 20),
        ..Default::default()
    };
    let store =
        Arc::new(EmbeddedStore::open_with(std::path::Path::new(dir), opts.clone()).unwrap());
    let mut hs = vec![];
    for c in 0..16 {
        let s = store.clone();
        hs.push(tokio::spawn(async move {
            for i in 0..(100_000 / 16) {
                let key = format!("/registry/pods/ns{}/pod-{c}-{i}", i % 50);
                s.put(&key, val(&key, 'y')).await.unwrap();
            }
        }));
    }
    for h in hs {
        h.await.unwrap();
    }
    let st = store.status().await.unwrap();
    store.compact(st.revision).await.unwrap();
    println!("100k keys: rss {} KB, db {:?}", rss_kb(), st.db_size);
    let stop = Arc::new(AtomicBool::new(false));
    let mut bg = vec![];
    for c in 0..16 {
        let s = store.clone();
        let stop = stop.clone();
        bg.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let key = format!("/registry/pods/ns{}/pod-{c}-{i}", i % 50);
                s.put(&key, val(&key, 'z')).await.unwrap();
                i = (i + 1) % 6250;
            }
        }));
    }
    let s = store.clone();
    let stop2 = stop.clone();
    let compactor = tokio::spawn(async move {
        while !stop2.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let st = s.status().await.unwrap();
            let _ = s.compact(st.revision).await;
        }
    });
    let mut lat = vec![];
    let t0 = Instant::now();
    let mut last = store.status().await.unwrap().db_size.unwrap();
    let mut shrinks = 0;
    let mut i = 0u64;
    while t0.elapsed() < Duration::from_secs(30) && shrinks < 2 {
        let key = format!("/probe/{}", i % 100);
        let t = Instant::now();
        store.put(&key, val(&key, 'p')).await.unwrap();
        lat.push(t.elapsed());
        i += 1;
        let sz = store.status().await.unwrap().db_size.unwrap();
        if sz < last {
            shrinks += 1;
            println!(
                "rewrite installed at {:?}: {} -> {} bytes",
                t0.elapsed(),
                last,
                sz
            );
        }
        last = sz;
    }
    stop.store(true, Ordering::Relaxed);
    for h in bg {
        h.await.unwrap();
    }
    compactor.await.unwrap();
    lat.sort();
    let n = lat.len();
    println!(
        "probe puts {n}: p50 {:?} p99 {:?} p99.9 {:?} max {:?}",
        lat[n / 2],
        lat[n * 99 / 100],
        lat[n * 999 / 1000],
        lat[n - 1]
    );
    println!(
        "status {:?}; rss {} KB",
        store.status().await.unwrap(),
        rss_kb()
    );
    drop(store);
    let t = Instant::now();
    let store = EmbeddedStore::open_with(std::path::Path::new(dir), opts).unwrap();
    println!(
        "reopen {:?}; rss {} KB; {:?}",
        t.elapsed(),
        rss_kb(),
        store.status().await.unwrap()
    );
}
