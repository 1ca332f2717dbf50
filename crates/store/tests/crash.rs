//! Crash safety: a child process (this test executable, re-invoked) writes with
//! 16 concurrent writers and prints every acknowledged write; the parent kills it
//! with SIGKILL at random moments, several rounds in a row (each round reopens
//! the store and keeps writing), then checks that every acknowledged write is
//! there and that the store still accepts writes.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use capstan_store::embedded::{EmbeddedOptions, EmbeddedStore};
use capstan_store::Store;
use rand::Rng;

const CHILD_DIR_ENV: &str = "CAPSTAN_STORE_CRASH_CHILD_DIR";
const CHILD_ROUND_ENV: &str = "CAPSTAN_STORE_CRASH_ROUND";
const TEST_NAME: &str = "kill9_never_loses_acknowledged_writes";
const WRITERS: usize = 16;
const ROUNDS: usize = 10;

/// The value written for `key`: derived from the key so the parent can check it.
fn value_for(key: &str) -> Bytes {
    let pad = key.bytes().fold(7usize, |h, b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    }) % 1500;
    Bytes::from(format!("{key}={}", "x".repeat(pad)))
}

fn options() -> EmbeddedOptions {
    // Small rewrite threshold so kills also land during and around log rewrites.
    EmbeddedOptions {
        rewrite_min_bytes: 256 << 10,
        ..Default::default()
    }
}

/// The child: write until killed.
fn child(dir: &str, round: usize) -> ! {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let store = Arc::new(
            EmbeddedStore::open_with(std::path::Path::new(dir), options()).expect("child: open"),
        );
        let out = Arc::new(Mutex::new(std::io::stdout()));
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let store = Arc::clone(&store);
            let out = Arc::clone(&out);
            tasks.push(tokio::spawn(async move {
                for i in 0u64.. {
                    let key = format!("k/{round}/{w}/{i}");
                    let rev = store.put(&key, value_for(&key)).await.expect("child: put");
                    {
                        let mut o = out.lock().expect("stdout lock");
                        writeln!(o, "ACK {key} {rev}").expect("child: stdout");
                        o.flush().expect("child: flush");
                    }
                    // Overwrite a hot key to create garbage for the log rewrite.
                    store
                        .put(&format!("hot/{w}"), Bytes::from(vec![b'h'; 2048]))
                        .await
                        .expect("child: put hot");
                    if w == 0 && i % 20 == 19 {
                        let rev = store.status().await.expect("child: status").revision;
                        let _ = store.compact(rev - 100).await;
                    }
                }
            }));
        }
        for t in tasks {
            let _ = t.await;
        }
    });
    unreachable!("child writers never stop");
}

#[test]
fn kill9_never_loses_acknowledged_writes() {
    if let Ok(dir) = std::env::var(CHILD_DIR_ENV) {
        let round = std::env::var(CHILD_ROUND_ENV)
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(0);
        child(&dir, round);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("current exe");
    let acked: Arc<Mutex<Vec<(String, i64)>>> = Arc::new(Mutex::new(Vec::new()));
    let mut rng = rand::rng();
    for round in 0..ROUNDS {
        let stderr_path = dir.path().join(format!("child-{round}.stderr"));
        let mut child = Command::new(&exe)
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR_ENV, dir.path().join("store"))
            .env(CHILD_ROUND_ENV, round.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let round_acks = Arc::new(Mutex::new(0usize));
        let reader = {
            let acked = Arc::clone(&acked);
            let round_acks = Arc::clone(&round_acks);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    let mut parts = line.split(' ');
                    if parts.next() != Some("ACK") {
                        continue;
                    }
                    let (Some(key), Some(rev)) =
                        (parts.next(), parts.next().and_then(|r| r.parse().ok()))
                    else {
                        continue; // a line cut short by the kill
                    };
                    acked.lock().expect("lock").push((key.to_string(), rev));
                    *round_acks.lock().expect("lock") += 1;
                }
            })
        };
        // Kill after a random number of acknowledged writes (plus a random delay).
        let target = rng.random_range(50..3000);
        let deadline = Instant::now() + Duration::from_secs(120);
        while *round_acks.lock().expect("lock") < target && Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                let err = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                panic!("round {round}: child exited on its own ({status}): {err}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(rng.random_range(0..30)));
        child.kill().expect("SIGKILL child");
        let status = child.wait().expect("wait child");
        reader.join().expect("reader thread");
        let n = *round_acks.lock().expect("lock");
        assert!(
            n > 0,
            "round {round}: no write was acknowledged before the kill ({status})"
        );
        eprintln!("round {round}: killed after {n} acknowledged writes");
    }

    // Verify.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = EmbeddedStore::open_with(&dir.path().join("store"), options())
            .expect("open after crashes");
        let acked = acked.lock().expect("lock").clone();
        let mut revs: Vec<i64> = acked.iter().map(|(_, r)| *r).collect();
        revs.sort_unstable();
        revs.dedup();
        assert_eq!(
            revs.len(),
            acked.len(),
            "two acknowledged writes share a revision"
        );
        for (key, rev) in &acked {
            let kv = store
                .get(key)
                .await
                .expect("get")
                .unwrap_or_else(|| panic!("acknowledged write {key} lost"));
            assert_eq!(kv.mod_revision, *rev, "{key}");
            assert_eq!(kv.value, value_for(key), "{key}");
        }
        // The log was rewritten along the way: it is smaller than what was appended.
        let appended: usize = acked
            .iter()
            .map(|(k, _)| k.len() + value_for(k).len())
            .sum::<usize>()
            + acked.len().saturating_sub(WRITERS * ROUNDS) * 2048;
        let db_size = store
            .status()
            .await
            .expect("status")
            .db_size
            .unwrap_or(u64::MAX);
        assert!(
            (db_size as usize) < appended,
            "no log rewrite happened: file {db_size} B, appended >= {appended} B"
        );
        let rev = store
            .put("after/crash", Bytes::from_static(b"ok"))
            .await
            .expect("write after crashes");
        assert!(rev > *revs.last().unwrap_or(&0));
        drop(store);
        let store = EmbeddedStore::open_with(&dir.path().join("store"), options()).expect("reopen");
        assert_eq!(
            store
                .get("after/crash")
                .await
                .expect("get")
                .map(|kv| kv.mod_revision),
            Some(rev)
        );
        eprintln!("verified {} acknowledged writes", acked.len());
    });
}
