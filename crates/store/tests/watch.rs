//! Watch behaviour of the embedded store (and, where noted, the same checks
//! against a real etcd).

mod support;

use std::time::Duration;

use bytes::Bytes;
use capstan_store::embedded::EmbeddedStore;
use capstan_store::{
    EventKind, Revision, Store, Txn, TxnOp, WatchRequest, WatchResponse, WatchStream,
};
use support::etcd::EtcdProcess;

const WAIT: Duration = Duration::from_secs(30);

async fn recv(ws: &mut WatchStream) -> WatchResponse {
    tokio::time::timeout(WAIT, ws.responses.recv())
        .await
        .expect("timed out waiting for a watch response")
        .expect("watch channel closed")
        .expect("watch error")
}

/// Collects events until `n` arrived.
async fn events(ws: &mut WatchStream, n: usize) -> Vec<(EventKind, String, Revision)> {
    let mut out = Vec::new();
    while out.len() < n {
        let r = recv(ws).await;
        assert!(r.compact_revision.is_none(), "unexpected compaction: {r:?}");
        for ev in r.events {
            assert!(ev.kv.mod_revision <= r.revision);
            out.push((ev.kind, ev.kv.key, ev.kv.mod_revision));
        }
    }
    assert_eq!(out.len(), n, "more events than expected: {out:?}");
    out
}

/// Requests progress and waits for it, returning any events that came first.
async fn progress(ws: &mut WatchStream) -> (Revision, usize) {
    ws.control.request_progress();
    let mut extra = 0;
    loop {
        let r = recv(ws).await;
        if r.is_progress() {
            return (r.revision, extra);
        }
        extra += r.events.len();
    }
}

fn v(s: &str) -> Bytes {
    Bytes::from(s.to_string())
}

fn open() -> (tempfile::TempDir, EmbeddedStore) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = EmbeddedStore::open(dir.path()).expect("open");
    (dir, store)
}

async fn watch_from_old_revision(store: &dyn Store) {
    let first = store.put("/w/a", v("1")).await.expect("put");
    store.put("/w/b", v("1")).await.expect("put");
    store.put("/x/other", v("1")).await.expect("put");
    store.delete("/w/a").await.expect("delete");
    let mut ws = store
        .watch(WatchRequest::prefix("/w/", first).with_prev_kv())
        .await
        .expect("watch");
    let evs = events(&mut ws, 3).await;
    assert_eq!(
        evs,
        vec![
            (EventKind::Put, "/w/a".to_string(), first),
            (EventKind::Put, "/w/b".to_string(), first + 1),
            (EventKind::Delete, "/w/a".to_string(), first + 3),
        ]
    );
    let (rev, extra) = progress(&mut ws).await;
    assert_eq!(extra, 0);
    assert!(rev >= first + 3);
    // New writes keep flowing.
    store.put("/w/c", v("2")).await.expect("put");
    assert_eq!(events(&mut ws, 1).await[0].1, "/w/c");
}

async fn watch_from_now(store: &dyn Store) {
    store.put("/n/old", v("1")).await.expect("put");
    let mut ws = store
        .watch(WatchRequest::prefix("/n/", 0))
        .await
        .expect("watch");
    let rev = store.put("/n/new", v("1")).await.expect("put");
    let evs = events(&mut ws, 1).await;
    assert_eq!(evs, vec![(EventKind::Put, "/n/new".to_string(), rev)]);
}

async fn watch_compacted(store: &dyn Store) {
    let first = store.put("/c/a", v("1")).await.expect("put");
    store.put("/c/a", v("2")).await.expect("put");
    let last = store.put("/c/a", v("3")).await.expect("put");
    store.compact(last).await.expect("compact");
    let mut ws = store
        .watch(WatchRequest::prefix("/c/", first))
        .await
        .expect("watch");
    let r = recv(&mut ws).await;
    assert_eq!(r.compact_revision, Some(last));
    assert!(r.events.is_empty());
    // The watch ends after the compaction response.
    let end = tokio::time::timeout(WAIT, ws.responses.recv())
        .await
        .expect("channel should close");
    assert!(end.is_none(), "expected the channel to close, got {end:?}");
    // Watching from the compaction revision itself works (as in etcd).
    let mut ws = store
        .watch(WatchRequest::prefix("/c/", last))
        .await
        .expect("watch");
    assert_eq!(
        events(&mut ws, 1).await,
        vec![(EventKind::Put, "/c/a".to_string(), last)]
    );
}

async fn progress_on_idle_watch(store: &dyn Store) {
    let mut ws = store
        .watch(WatchRequest::prefix("/idle/", 0))
        .await
        .expect("watch");
    let rev = store.put("/elsewhere", v("1")).await.expect("put");
    let (p, extra) = progress(&mut ws).await;
    assert_eq!(extra, 0);
    assert!(p >= rev, "progress {p} should cover revision {rev}");
}

#[tokio::test]
async fn embedded_watch_from_old_revision() {
    let (_d, store) = open();
    watch_from_old_revision(&store).await;
}

#[tokio::test]
async fn embedded_watch_from_now() {
    let (_d, store) = open();
    watch_from_now(&store).await;
}

#[tokio::test]
async fn embedded_watch_compacted() {
    let (_d, store) = open();
    watch_compacted(&store).await;
}

#[tokio::test]
async fn embedded_progress() {
    let (_d, store) = open();
    progress_on_idle_watch(&store).await;
}

#[tokio::test]
async fn etcd_watch_behaviour() {
    let etcd = EtcdProcess::start().await;
    let store = etcd.connect().await.expect("connect");
    watch_from_old_revision(&store).await;
    watch_from_now(&store).await;
    watch_compacted(&store).await;
    progress_on_idle_watch(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_comes_after_all_events() {
    let (_d, store) = open();
    let start = store.put("/p/0", v("x")).await.expect("put");
    for i in 1..500 {
        store.put(&format!("/p/{i}"), v("x")).await.expect("put");
    }
    let current = store.status().await.expect("status").revision;
    let mut ws = store
        .watch(WatchRequest::prefix("/p/", start))
        .await
        .expect("watch");
    // Ask immediately: the notification must come after every event up to `current`.
    ws.control.request_progress();
    let mut seen = 0;
    loop {
        let r = recv(&mut ws).await;
        if r.is_progress() {
            assert_eq!(seen, 500, "progress arrived before all events");
            assert!(r.revision >= current);
            break;
        }
        seen += r.events.len();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_watcher_does_not_block_writers() {
    let (_d, store) = open();
    let start = store.status().await.expect("status").revision + 1;
    // Never read from this watch while writing far more than its channel holds.
    let mut ws = store
        .watch(WatchRequest::prefix("/s/", start))
        .await
        .expect("watch");
    let n = 3000;
    let write_all = async {
        for i in 0..n {
            let big = Bytes::from(vec![b'x'; 512]);
            store.put(&format!("/s/{i:05}"), big).await.expect("put");
        }
    };
    tokio::time::timeout(Duration::from_secs(120), write_all)
        .await
        .expect("writers were blocked by a slow watcher");
    // The watcher still delivers everything, in order.
    let evs = events(&mut ws, n).await;
    for (i, (kind, key, rev)) in evs.iter().enumerate() {
        assert_eq!(*kind, EventKind::Put);
        assert_eq!(key, &format!("/s/{i:05}"));
        assert_eq!(*rev, start + i as Revision);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_watchers_each_get_their_events() {
    let (_d, store) = open();
    let watchers = 200;
    let mut streams = Vec::new();
    for w in 0..watchers {
        streams.push(
            store
                .watch(WatchRequest::prefix(format!("/m/{w:03}/"), 0))
                .await
                .expect("watch"),
        );
    }
    let all = store
        .watch(WatchRequest::prefix("/m/", 0))
        .await
        .expect("watch");
    for round in 0..5 {
        for w in 0..watchers {
            store
                .put(&format!("/m/{w:03}/{round}"), v("x"))
                .await
                .expect("put");
        }
    }
    for (w, ws) in streams.iter_mut().enumerate() {
        let evs = events(ws, 5).await;
        let keys: Vec<String> = evs.into_iter().map(|e| e.1).collect();
        assert_eq!(
            keys,
            (0..5).map(|r| format!("/m/{w:03}/{r}")).collect::<Vec<_>>()
        );
    }
    let mut all = all;
    assert_eq!(events(&mut all, watchers * 5).await.len(), watchers * 5);
}

#[tokio::test]
async fn a_revision_is_never_split_and_batches_span_revisions() {
    let (_d, store) = open();
    let start = store.status().await.expect("status").revision + 1;
    for i in 0..2500 {
        store
            .put(&format!("/big/{i:05}"), v("x"))
            .await
            .expect("put");
    }
    // One revision deleting 2500 keys: more than a response's usual event budget.
    let txn = Txn {
        success: vec![TxnOp::Delete {
            key: "/big/".into(),
            range_end: Some(capstan_store::prefix_end("/big/")),
        }],
        ..Default::default()
    };
    let del_rev = store.txn(txn).await.expect("txn").revision;
    let mut ws = store
        .watch(WatchRequest::prefix("/big/", start))
        .await
        .expect("watch");
    let mut responses = Vec::new();
    let mut total = 0;
    while total < 5000 {
        let r = recv(&mut ws).await;
        total += r.events.len();
        responses.push(r);
    }
    // Catch-up responses carry many revisions each.
    assert!(
        responses.len() < 2500,
        "expected batching, got {} responses",
        responses.len()
    );
    // All deletes of the single revision arrive in one response.
    let with_deletes: Vec<&WatchResponse> = responses
        .iter()
        .filter(|r| r.events.iter().any(|e| e.kv.mod_revision == del_rev))
        .collect();
    assert_eq!(with_deletes.len(), 1);
    assert_eq!(
        with_deletes[0]
            .events
            .iter()
            .filter(|e| e.kv.mod_revision == del_rev)
            .count(),
        2500
    );
}

#[tokio::test]
async fn closing_the_store_ends_watches() {
    let (_d, store) = open();
    let mut ws = store
        .watch(WatchRequest::prefix("/z/", 0))
        .await
        .expect("watch");
    store.close();
    let end = tokio::time::timeout(WAIT, ws.responses.recv())
        .await
        .expect("channel should close");
    assert!(end.is_none());
    assert!(
        store.put("/z/a", v("1")).await.is_err(),
        "writes after close must fail"
    );
    assert!(store.watch(WatchRequest::prefix("/z/", 0)).await.is_err());
}

#[tokio::test]
async fn prev_kv_in_events() {
    let (_d, store) = open();
    let r1 = store.put("/pk/a", v("1")).await.expect("put");
    let r2 = store.put("/pk/a", v("2")).await.expect("put");
    let (r3, _) = store.delete("/pk/a").await.expect("delete");
    let mut ws = store
        .watch(WatchRequest::prefix("/pk/", r1).with_prev_kv())
        .await
        .expect("watch");
    let mut got = Vec::new();
    while got.len() < 3 {
        got.extend(recv(&mut ws).await.events);
    }
    assert_eq!(got[0].prev_kv, None);
    assert_eq!(
        got[1]
            .prev_kv
            .as_ref()
            .map(|kv| (kv.value.clone(), kv.mod_revision)),
        Some((v("1"), r1))
    );
    assert_eq!(got[2].kind, EventKind::Delete);
    assert_eq!(got[2].kv.mod_revision, r3);
    assert_eq!(
        got[2]
            .prev_kv
            .as_ref()
            .map(|kv| (kv.value.clone(), kv.mod_revision)),
        Some((v("2"), r2))
    );
}

#[tokio::test]
async fn etcd_fragmented_watch_responses_are_reassembled() {
    let etcd = EtcdProcess::start().await;
    let store = etcd.connect().await.expect("connect");
    // Four 1 MiB values: a catch-up response of ~4 MiB, which etcd splits into
    // fragments (its limit is 1.5 MiB) since the watch asks for fragmentation.
    let mut start = 0;
    for i in 0..4u8 {
        let rev = store
            .put(&format!("/frag/{i}"), Bytes::from(vec![b'a' + i; 1 << 20]))
            .await
            .expect("put");
        if i == 0 {
            start = rev;
        }
    }
    let mut ws = store
        .watch(WatchRequest::prefix("/frag/", start))
        .await
        .expect("watch");
    let r = recv(&mut ws).await;
    assert_eq!(
        r.events.len(),
        4,
        "fragments must be delivered as one response"
    );
    for (i, ev) in r.events.iter().enumerate() {
        assert_eq!(ev.kv.key, format!("/frag/{i}"));
        assert_eq!(ev.kv.value.len(), 1 << 20);
        assert!(ev.kv.value.iter().all(|b| *b == b'a' + i as u8));
        assert_eq!(ev.kv.mod_revision, start + i as Revision);
    }
}
