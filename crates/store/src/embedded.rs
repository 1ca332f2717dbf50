//! The embedded backend: an in-process MVCC store persisted to one append-only
//! file.
//!
//! * **File** (`dir/store.db`): a sequence of checksummed records (`len`, `crc32`,
//!   payload; see `codec`). Writes append transaction records; compaction appends a
//!   compaction record. When the file grows well past the live data it is
//!   rewritten in the background from a snapshot (`rewrite`), synced and renamed
//!   over the old file.
//! * **Writes** go through one writer thread that group-commits: it applies every
//!   pending request to the in-memory state, appends their records, does one
//!   `fdatasync`, and only then makes them visible and answers (`writer`).
//! * **Reads** take a read lock and read at the committed revision (`state`).
//! * **Watches** are tokio tasks pulling from the in-memory event log (`watch`).
//! * **Recovery** replays the file on open, cutting off a torn tail (`file`).

mod codec;
mod file;
mod history;
mod rewrite;
mod state;
mod watch;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc as std_mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;

use async_trait::async_trait;
use parking_lot::{Mutex, RwLock};
use tokio::sync::{mpsc, oneshot};

use crate::{
    RangeRequest, RangeResponse, Result, Revision, Store, StoreError, StoreStatus, Txn,
    TxnResponse, WatchRequest, WatchStream,
};
use file::{DirLock, Paths};
use state::{KeySpan, State};
use writer::{Writer, WriterConfig, WriterMsg};

/// Options for [`EmbeddedStore::open_with`].
#[derive(Clone, Debug)]
pub struct EmbeddedOptions {
    /// Rewrite the file when it exceeds twice the live data plus this many bytes
    /// (default 64 MiB).
    pub rewrite_min_bytes: u64,
    /// Maximum number of requests committed together with one fsync (default 4096).
    pub max_batch: usize,
}

impl Default for EmbeddedOptions {
    fn default() -> Self {
        EmbeddedOptions {
            rewrite_min_bytes: 64 << 20,
            max_batch: 4096,
        }
    }
}

/// State shared by the store handle, the writer thread, the rewrite thread and
/// the watchers.
pub(crate) struct Shared {
    /// The MVCC state.
    pub(crate) state: RwLock<State>,
    /// Requests to the writer thread.
    pub(crate) writer_tx: std_mpsc::Sender<WriterMsg>,
    /// Length of the durable part of the data file.
    pub(crate) file_len: AtomicU64,
    /// Set once the writer refused further writes after an I/O error.
    pub(crate) failed: AtomicBool,
    /// Set once the writer thread has stopped.
    pub(crate) closed: AtomicBool,
    /// Test hook: make the next log append fail as if the disk did.
    #[cfg(test)]
    pub(crate) inject_io_failure: AtomicBool,
}

/// The embedded store. Dropping it (or calling [`EmbeddedStore::close`]) stops
/// the writer thread after it answered every queued request, and ends watches.
pub struct EmbeddedStore {
    shared: Arc<Shared>,
    committed_rx: tokio::sync::watch::Receiver<Revision>,
    writer: Mutex<Option<JoinHandle<()>>>,
    dir: PathBuf,
    truncated_on_open: u64,
    _lock: DirLock,
}

impl std::fmt::Debug for EmbeddedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedStore")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl EmbeddedStore {
    /// Opens (or creates) the store in `dir` with default options.
    pub fn open(dir: &Path) -> Result<EmbeddedStore> {
        Self::open_with(dir, EmbeddedOptions::default())
    }

    /// Opens (or creates) the store in `dir`. Replays the data file, truncating a
    /// torn tail, and starts the writer thread.
    pub fn open_with(dir: &Path, options: EmbeddedOptions) -> Result<EmbeddedStore> {
        std::fs::create_dir_all(dir).map_err(|e| {
            file::io_error(format!("creating store directory {}", dir.display()), e)
        })?;
        let lock = DirLock::acquire(dir)?;
        let paths = Paths::new(dir);
        let recovered = file::open(&paths)?;
        let committed = recovered.state.committed_revision();
        let truncated = recovered.truncated;
        let (committed_tx, committed_rx) = tokio::sync::watch::channel(committed);
        let (writer_tx, writer_rx) = std_mpsc::channel();
        let shared = Arc::new(Shared {
            state: RwLock::new(recovered.state),
            writer_tx,
            file_len: AtomicU64::new(recovered.len),
            failed: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            #[cfg(test)]
            inject_io_failure: AtomicBool::new(false),
        });
        let config = WriterConfig {
            max_batch: options.max_batch.max(1),
            rewrite_min_bytes: options.rewrite_min_bytes,
        };
        let writer = Writer::new(
            Arc::clone(&shared),
            paths,
            recovered.file,
            recovered.len,
            config,
            committed_tx,
        );
        let handle = std::thread::Builder::new()
            .name("capstan-store-writer".into())
            .spawn(move || writer.run(writer_rx))
            .map_err(|e| file::io_error("spawning the writer thread", e))?;
        Ok(EmbeddedStore {
            shared,
            committed_rx,
            writer: Mutex::new(Some(handle)),
            dir: dir.to_path_buf(),
            truncated_on_open: truncated,
            _lock: lock,
        })
    }

    /// The directory holding the store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Bytes of torn or corrupt log tail that were cut off when the store was opened.
    pub fn truncated_on_open(&self) -> u64 {
        self.truncated_on_open
    }

    /// Stops the writer thread (after it answered every queued request) and ends
    /// all watches. Later writes fail with [`StoreError::Closed`]; reads still work.
    pub fn close(&self) {
        let handle = self.writer.lock().take();
        if let Some(handle) = handle {
            let _ = self.shared.writer_tx.send(WriterMsg::Shutdown);
            let _ = handle.join();
        }
    }

    fn check_open(&self) -> Result<()> {
        if self.shared.closed.load(Ordering::SeqCst) {
            return Err(StoreError::Closed("store is closed".into()));
        }
        if self.shared.failed.load(Ordering::SeqCst) {
            return Err(StoreError::Closed("store failed after an I/O error".into()));
        }
        Ok(())
    }

    async fn ask<T>(&self, msg: WriterMsg, rx: oneshot::Receiver<Result<T>>) -> Result<T> {
        self.check_open()?;
        self.shared
            .writer_tx
            .send(msg)
            .map_err(|_| StoreError::Closed("writer thread has stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Closed("writer thread has stopped".into()))?
    }
}

impl Drop for EmbeddedStore {
    fn drop(&mut self) {
        self.close();
    }
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn range(&self, req: RangeRequest) -> Result<RangeResponse> {
        self.shared.state.read().range(&req)
    }

    async fn txn(&self, txn: Txn) -> Result<TxnResponse> {
        if !State::txn_may_write(&txn) {
            // Read-only: serve at the committed revision without the writer.
            return self.shared.state.read().read_txn(&txn);
        }
        let (reply, rx) = oneshot::channel();
        self.ask(WriterMsg::Txn { txn, reply }, rx).await
    }

    async fn watch(&self, req: WatchRequest) -> Result<WatchStream> {
        self.check_open()?;
        if let Some(end) = req.range_end.as_deref() {
            if !end.is_empty() && end != "\0" && end <= req.key.as_str() {
                return Err(StoreError::InvalidRequest(
                    "mvcc: watcher range is empty".into(),
                ));
            }
        }
        let committed = *self.committed_rx.borrow();
        let next = if req.start_revision <= 0 {
            committed + 1
        } else {
            req.start_revision
        };
        let (tx, responses) = mpsc::channel(watch::CHANNEL_CAPACITY);
        let progress = Arc::new(watch::Progress::default());
        let watcher = watch::Watcher {
            shared: Arc::clone(&self.shared),
            span: KeySpan::new(&req.key, req.range_end.as_deref()),
            next,
            prev_kv: req.prev_kv,
            tx,
            progress: Arc::clone(&progress),
            committed: self.committed_rx.clone(),
        };
        tokio::spawn(watcher.run());
        Ok(WatchStream {
            responses,
            control: Box::new(watch::Control(progress)),
        })
    }

    async fn compact(&self, revision: Revision) -> Result<()> {
        let (reply, rx) = oneshot::channel();
        self.ask(WriterMsg::Compact { revision, reply }, rx).await
    }

    async fn status(&self) -> Result<StoreStatus> {
        let state = self.shared.state.read();
        Ok(StoreStatus {
            revision: state.committed_revision(),
            compact_revision: state.compact_revision(),
            db_size: Some(self.shared.file_len.load(Ordering::Relaxed)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    #[tokio::test]
    async fn an_io_failure_refuses_further_writes_and_hides_the_failed_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = EmbeddedStore::open(dir.path()).expect("open");
        assert_eq!(
            store.put("a", Bytes::from_static(b"1")).await.expect("put"),
            2
        );
        let mut ws = store
            .watch(WatchRequest::prefix("", 0))
            .await
            .expect("watch");

        store.shared.inject_io_failure.store(true, Ordering::SeqCst);
        let err = store
            .put("b", Bytes::from_static(b"2"))
            .await
            .expect_err("failed write must not be acknowledged");
        assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
        let err = store
            .put("c", Bytes::from_static(b"3"))
            .await
            .expect_err("store must refuse writes");
        assert!(matches!(err, StoreError::Closed(_)), "{err:?}");
        assert!(store.compact(2).await.is_err());

        // Reads still work and never show the failed write.
        assert!(store.get("b").await.expect("get").is_none());
        assert_eq!(store.status().await.expect("status").revision, 2);
        ws.control.request_progress();
        let r = ws.responses.recv().await.expect("open").expect("ok");
        assert!(r.is_progress() && r.revision == 2, "{r:?}");

        drop(ws);
        drop(store);
        let store = EmbeddedStore::open(dir.path()).expect("reopen");
        assert!(store.get("a").await.expect("get").is_some());
        assert!(store.get("b").await.expect("get").is_none());
        assert_eq!(
            store
                .put("d", Bytes::from_static(b"4"))
                .await
                .expect("put after reopen"),
            3
        );
    }
}
