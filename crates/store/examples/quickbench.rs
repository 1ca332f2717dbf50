// Throwaway measurement program (not committed).
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use capstan_store::embedded::EmbeddedStore;
use capstan_store::{RangeRequest, Store, WatchRequest};

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

#[tokio::main]
async fn main() {
    let dir = std::env::args().nth(1).unwrap_or("/tmp/qb".into());
    let _ = std::fs::remove_dir_all(&dir);
    println!("rss before open: {} KB", rss_kb());
    let store = Arc::new(EmbeddedStore::open(std::path::Path::new(&dir)).unwrap());
    println!("rss idle empty store: {} KB", rss_kb());
    let val = Bytes::from(vec![b'x'; 1024]);
    // single client
    let n = 2000;
    let t = Instant::now();
    for i in 0..n {
        store
            .put(&format!("/single/{i}"), val.clone())
            .await
            .unwrap();
    }
    let e = t.elapsed();
    println!(
        "single client: {} puts in {:?} = {:.0}/s",
        n,
        e,
        n as f64 / e.as_secs_f64()
    );
    for clients in [16usize, 64] {
        let per = 20000 / clients;
        let t = Instant::now();
        let mut hs = vec![];
        for c in 0..clients {
            let s = store.clone();
            let v = val.clone();
            hs.push(tokio::spawn(async move {
                for i in 0..per {
                    s.put(&format!("/multi{clients}/{c}/{i}"), v.clone())
                        .await
                        .unwrap();
                }
            }));
        }
        for h in hs {
            h.await.unwrap();
        }
        let e = t.elapsed();
        println!(
            "{clients} clients: {} puts in {:?} = {:.0}/s",
            per * clients,
            e,
            (per * clients) as f64 / e.as_secs_f64()
        );
    }
    // 100k objects
    let t = Instant::now();
    let mut hs = vec![];
    for c in 0..64 {
        let s = store.clone();
        let v = val.clone();
        hs.push(tokio::spawn(async move {
            for i in 0..(100_000 / 64 + 1) {
                s.put(
                    &format!("/registry/pods/ns{}/pod-{c}-{i}", i % 50),
                    v.clone(),
                )
                .await
                .unwrap();
            }
        }));
    }
    for h in hs {
        h.await.unwrap();
    }
    println!("100k puts (64 clients) in {:?}", t.elapsed());
    let st = store.status().await.unwrap();
    println!("status {:?}; rss {} KB", st, rss_kb());
    let t = Instant::now();
    store.compact(st.revision).await.unwrap();
    println!(
        "compact over ~124k keys in {:?}; rss {} KB",
        t.elapsed(),
        rss_kb()
    );
    // updates then compact again
    for i in 0..20000 {
        store
            .put(
                &format!("/registry/pods/ns{}/pod-0-{i}", i % 50),
                val.clone(),
            )
            .await
            .ok();
    }
    let st = store.status().await.unwrap();
    let t = Instant::now();
    store.compact(st.revision).await.unwrap();
    println!("compact after 20k updates in {:?}", t.elapsed());
    // reads
    let t = Instant::now();
    for i in 0..100_000 {
        store
            .get(&format!("/registry/pods/ns{}/pod-3-{}", i % 50, i % 1500))
            .await
            .unwrap();
    }
    println!("100k gets in {:?}", t.elapsed());
    let t = Instant::now();
    let r = store
        .range(RangeRequest::prefix("/registry/pods/ns7/"))
        .await
        .unwrap();
    println!("prefix range {} kvs in {:?}", r.kvs.len(), t.elapsed());
    let t = Instant::now();
    let r = store
        .range(RangeRequest {
            count_only: true,
            ..RangeRequest::prefix("/registry/")
        })
        .await
        .unwrap();
    println!("count {} in {:?}", r.count, t.elapsed());
    let t = Instant::now();
    let r = store
        .range(RangeRequest::prefix("/registry/pods/").with_limit(500))
        .await
        .unwrap();
    println!(
        "limit 500 page ({} more={}) in {:?}",
        r.kvs.len(),
        r.more,
        t.elapsed()
    );
    // watchers
    let ws = store.watch(WatchRequest::prefix("/registry/", 2)).await;
    println!("watch from 2: {:?}", ws.as_ref().err());
    drop(ws);
    drop(store);
    let t = Instant::now();
    let store = EmbeddedStore::open(std::path::Path::new(&dir)).unwrap();
    println!(
        "reopen (replay) in {:?}; rss {} KB; {:?}",
        t.elapsed(),
        rss_kb(),
        store.status().await.unwrap()
    );
}
