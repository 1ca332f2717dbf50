//! Recovery from damaged files: torn and corrupt tails are cut off and every
//! complete record before the damage is kept; other damage fails cleanly.

use std::path::Path;

use bytes::Bytes;
use capstan_store::embedded::{EmbeddedOptions, EmbeddedStore};
use capstan_store::{RangeRequest, Store, StoreError};
use rand::Rng;

const DATA: &str = "store.db";

/// Writes `n` keys one by one and returns the file length after each write
/// (`lens[0]` is the length before the first write).
fn build(dir: &Path, n: usize) -> Vec<u64> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = EmbeddedStore::open(dir).expect("open");
        let mut lens = vec![store.status().await.expect("status").db_size.expect("size")];
        let mut rng = rand::rng();
        for i in 0..n {
            let value = Bytes::from(vec![b'a' + (i % 26) as u8; rng.random_range(0..3000)]);
            store.put(&format!("key/{i:04}"), value).await.expect("put");
            lens.push(store.status().await.expect("status").db_size.expect("size"));
        }
        lens
    })
}

/// Opens a damaged copy and checks that exactly keys `0..expect_keys` survive,
/// that the store accepts writes, and that it reopens cleanly.
fn check_recovers(dir: &Path, expect_keys: usize, total: usize, expect_truncated: Option<u64>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = EmbeddedStore::open(dir).expect("damaged store should open");
        if let Some(t) = expect_truncated {
            assert_eq!(store.truncated_on_open(), t, "bytes truncated");
        }
        let all = store
            .range(RangeRequest::prefix("key/"))
            .await
            .expect("range");
        let keys: Vec<String> = all.kvs.iter().map(|kv| kv.key.clone()).collect();
        let want: Vec<String> = (0..expect_keys).map(|i| format!("key/{i:04}")).collect();
        assert_eq!(keys, want, "surviving keys (of {total})");
        let rev = store
            .put("after", Bytes::from_static(b"x"))
            .await
            .expect("write after recovery");
        assert_eq!(rev, expect_keys as i64 + 2);
        drop(store);
        let store = EmbeddedStore::open(dir).expect("reopen");
        assert_eq!(store.truncated_on_open(), 0);
        assert_eq!(
            store
                .range(RangeRequest::prefix("key/"))
                .await
                .expect("range")
                .kvs
                .len(),
            expect_keys
        );
        assert!(store.get("after").await.expect("get").is_some());
    });
}

fn copy_to(src: &Path, bytes: &[u8]) -> tempfile::TempDir {
    let _ = src;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(DATA), bytes).expect("write copy");
    dir
}

#[test]
fn truncated_tails_keep_every_complete_record() {
    let src = tempfile::tempdir().expect("tempdir");
    let n = 80;
    let lens = build(src.path(), n);
    let pristine = std::fs::read(src.path().join(DATA)).expect("read");
    assert_eq!(pristine.len() as u64, lens[n]);
    let mut rng = rand::rng();
    for _ in 0..40 {
        let cut = rng.random_range(lens[0]..=lens[n]);
        let complete = lens.iter().rposition(|&l| l <= cut).expect("header");
        let dir = copy_to(src.path(), &pristine[..cut as usize]);
        check_recovers(dir.path(), complete, n, Some(cut - lens[complete]));
    }
}

#[test]
fn corrupt_bytes_cut_the_log_at_the_damaged_record() {
    let src = tempfile::tempdir().expect("tempdir");
    let n = 60;
    let lens = build(src.path(), n);
    let pristine = std::fs::read(src.path().join(DATA)).expect("read");
    let mut rng = rand::rng();
    for _ in 0..40 {
        let pos = rng.random_range(lens[0]..lens[n]);
        let record = lens.iter().rposition(|&l| l <= pos).expect("header");
        let mut damaged = pristine.clone();
        damaged[pos as usize] ^= rng.random_range(1..=255u8);
        let dir = copy_to(src.path(), &damaged);
        check_recovers(dir.path(), record, n, Some(lens[n] - lens[record]));
    }
}

#[test]
fn appended_garbage_is_cut_off() {
    let src = tempfile::tempdir().expect("tempdir");
    let n = 20;
    build(src.path(), n);
    let pristine = std::fs::read(src.path().join(DATA)).expect("read");
    let mut rng = rand::rng();
    for _ in 0..20 {
        let mut damaged = pristine.clone();
        let extra: Vec<u8> = (0..rng.random_range(1..5000))
            .map(|_| rng.random())
            .collect();
        damaged.extend_from_slice(&extra);
        let dir = copy_to(src.path(), &damaged);
        check_recovers(dir.path(), n, n, Some(extra.len() as u64));
    }
    // Zero-filled tails (what a crash on some filesystems leaves) too.
    let mut damaged = pristine.clone();
    damaged.extend_from_slice(&[0u8; 4096]);
    let dir = copy_to(src.path(), &damaged);
    check_recovers(dir.path(), n, n, Some(4096));
}

#[test]
fn leftover_temporary_file_is_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    build(dir.path(), 5);
    std::fs::write(dir.path().join("store.db.tmp"), b"half-written rewrite").expect("write tmp");
    check_recovers(dir.path(), 5, 5, Some(0));
    assert!(!dir.path().join("store.db.tmp").exists());
}

#[test]
fn damaged_header_fails_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    build(dir.path(), 3);
    let path = dir.path().join(DATA);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[10] ^= 0xff;
    std::fs::write(&path, &bytes).expect("write");
    match EmbeddedStore::open(dir.path()) {
        Err(StoreError::Corrupt(msg)) => assert!(msg.contains("header"), "{msg}"),
        other => panic!("expected a corruption error, got {other:?}"),
    }
    std::fs::write(&path, b"").expect("truncate");
    assert!(matches!(
        EmbeddedStore::open(dir.path()),
        Err(StoreError::Corrupt(_))
    ));
}

#[test]
fn a_store_cannot_be_opened_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = EmbeddedStore::open(dir.path()).expect("open");
    assert!(matches!(
        EmbeddedStore::open(dir.path()),
        Err(StoreError::Io { .. })
    ));
    drop(first);
    EmbeddedStore::open(dir.path()).expect("open after the first closed");
}

/// Every read at every retained revision, as a comparable dump.
async fn dump(store: &dyn Store) -> Vec<String> {
    let status = store.status().await.expect("status");
    let mut out = vec![format!(
        "rev={} compact={}",
        status.revision, status.compact_revision
    )];
    for rev in status.compact_revision.max(1)..=status.revision {
        let r = store
            .range(RangeRequest::prefix("").at_revision(rev))
            .await
            .expect("range");
        out.push(format!("{rev}: {:?}", r.kvs));
    }
    let start = status.compact_revision.max(1);
    let mut ws = store
        .watch(capstan_store::WatchRequest::prefix("", start).with_prev_kv())
        .await
        .expect("watch");
    ws.control.request_progress();
    loop {
        let r = ws.responses.recv().await.expect("open").expect("ok");
        if r.is_progress() && r.revision >= status.revision {
            break;
        }
        out.push(format!("{:?}", r.events));
    }
    out
}

#[test]
fn log_rewrite_preserves_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = EmbeddedOptions {
        rewrite_min_bytes: 32 << 10,
        ..Default::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = EmbeddedStore::open_with(dir.path(), options.clone()).expect("open");
        let mut peak = 0;
        let mut compacted_at = 0;
        for i in 0..400 {
            let key = format!("k{}", i % 10);
            if i % 7 == 3 {
                store.delete(&key).await.expect("delete");
            } else {
                store
                    .put(&key, Bytes::from(vec![b'v'; 1000 + i]))
                    .await
                    .expect("put");
            }
            if i == 250 {
                compacted_at = store.status().await.expect("status").revision - 40;
                store.compact(compacted_at).await.expect("compact");
            }
            peak = peak.max(store.status().await.expect("status").db_size.expect("size"));
        }
        // Wait for the background rewrite to have shrunk the file.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let size = store.status().await.expect("status").db_size.expect("size");
            if size < peak {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the log was never rewritten ({size} B)"
            );
            // A write after the rewrite finished lets the writer install it.
            store
                .put("tick", Bytes::from_static(b"t"))
                .await
                .expect("put");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let before = dump(&store).await;
        assert!(before[0].contains(&format!("compact={compacted_at}")));
        drop(store);
        let store = EmbeddedStore::open_with(dir.path(), options).expect("reopen");
        assert_eq!(store.truncated_on_open(), 0);
        let after = dump(&store).await;
        assert_eq!(before, after);
    });
}
