//! Concurrent compare-and-swap: transactions evaluated against writes that are
//! applied but not yet durable (same group commit) must still serialize.

mod support;

use std::sync::Arc;

use bytes::Bytes;
use capstan_store::embedded::EmbeddedStore;
use capstan_store::{
    Compare, EventKind, RangeRequest, Store, Txn, TxnOp, TxnOpResponse, WatchRequest,
};
use support::etcd::EtcdProcess;

const TASKS: usize = 16;
const INCREMENTS: usize = 40;

/// Each task increments a counter `INCREMENTS` times with optimistic
/// concurrency (compare mod revision, retry with the value the failed
/// transaction read). No increment may be lost or duplicated.
async fn counter(store: Arc<dyn Store>) {
    let start = store
        .put("/cas/counter", Bytes::from_static(b"0"))
        .await
        .expect("init");
    let mut tasks = Vec::new();
    for _ in 0..TASKS {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let mut cur = store
                .get("/cas/counter")
                .await
                .expect("get")
                .expect("exists");
            let mut done = 0;
            let mut conflicts = 0usize;
            while done < INCREMENTS {
                let n: u64 = std::str::from_utf8(&cur.value)
                    .expect("utf8")
                    .parse()
                    .expect("number");
                let txn = Txn {
                    compare: vec![Compare::mod_revision_eq("/cas/counter", cur.mod_revision)],
                    success: vec![TxnOp::Put {
                        key: "/cas/counter".into(),
                        value: Bytes::from((n + 1).to_string()),
                    }],
                    failure: vec![TxnOp::Get(RangeRequest::key("/cas/counter"))],
                };
                let resp = store.txn(txn).await.expect("txn");
                if resp.succeeded {
                    done += 1;
                    cur.value = Bytes::from((n + 1).to_string());
                    cur.mod_revision = resp.revision;
                } else {
                    conflicts += 1;
                    match resp.responses.into_iter().next() {
                        Some(TxnOpResponse::Get(mut r)) => {
                            cur = r.kvs.pop().expect("counter exists")
                        }
                        other => panic!("unexpected failure response {other:?}"),
                    }
                }
            }
            conflicts
        }));
    }
    let mut conflicts = 0;
    for t in tasks {
        conflicts += t.await.expect("task");
    }
    let total = TASKS * INCREMENTS;
    let kv = store
        .get("/cas/counter")
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(
        kv.value,
        Bytes::from(total.to_string()),
        "lost or duplicated increments"
    );
    assert_eq!(kv.version, total as i64 + 1);
    assert!(conflicts > 0, "the test should produce conflicts");
    // The history is exactly 0, 1, 2, ..., total.
    let mut ws = store
        .watch(WatchRequest::prefix("/cas/", start))
        .await
        .expect("watch");
    let mut values = Vec::new();
    while values.len() < total + 1 {
        let r = ws.responses.recv().await.expect("open").expect("ok");
        for ev in r.events {
            assert_eq!(ev.kind, EventKind::Put);
            values.push(String::from_utf8(ev.kv.value.to_vec()).expect("utf8"));
        }
    }
    let want: Vec<String> = (0..=total).map(|i| i.to_string()).collect();
    assert_eq!(values, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn embedded_concurrent_cas_serializes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(dir.path()).expect("open"));
    counter(store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn etcd_concurrent_cas_serializes() {
    let etcd = EtcdProcess::start().await;
    let store: Arc<dyn Store> = Arc::new(etcd.connect().await.expect("connect"));
    counter(store).await;
}
