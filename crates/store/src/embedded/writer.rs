//! The writer thread: group commit.
//!
//! One thread owns the data file. It drains every pending request, applies them
//! in order to the in-memory state (invisible to readers), appends their records,
//! issues one `fdatasync` for the whole batch, and only then advances the
//! committed revision, wakes watchers and answers the callers. On any write or
//! sync failure the store stops accepting writes.

use std::fs::File;
use std::io::{self, Write};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;

use tokio::sync::{oneshot, watch};

use super::codec;
use super::file::{io_error, sync_dir, Paths};
use super::rewrite::{self, RewriteDone, RewriteJob};
use super::Shared;
use crate::{Result, Revision, StoreError, Txn, TxnResponse};

/// A request to the writer thread.
pub(crate) enum WriterMsg {
    /// Run a transaction.
    Txn {
        /// The transaction.
        txn: Txn,
        /// Where to send the answer.
        reply: oneshot::Sender<Result<TxnResponse>>,
    },
    /// Compact at a revision.
    Compact {
        /// The revision.
        revision: Revision,
        /// Where to send the answer.
        reply: oneshot::Sender<Result<()>>,
    },
    /// A background rewrite finished writing its file.
    RewriteDone(RewriteDone),
    /// Stop after answering everything queued before this.
    Shutdown,
}

/// Tunables of the writer.
#[derive(Clone, Debug)]
pub(crate) struct WriterConfig {
    /// Maximum requests per group commit.
    pub max_batch: usize,
    /// Rewrite when the file exceeds `2 * live + rewrite_min_bytes`.
    pub rewrite_min_bytes: u64,
}

/// An answer waiting for the batch's fsync.
enum Reply {
    Txn(oneshot::Sender<Result<TxnResponse>>, Result<TxnResponse>),
    Compact(oneshot::Sender<Result<()>>, Result<()>),
}

impl Reply {
    fn fail(self, err: &dyn Fn() -> StoreError) {
        match self {
            Reply::Txn(tx, _) => {
                let _ = tx.send(Err(err()));
            }
            Reply::Compact(tx, _) => {
                let _ = tx.send(Err(err()));
            }
        }
    }

    fn send(self) {
        match self {
            Reply::Txn(tx, r) => {
                let _ = tx.send(r);
            }
            Reply::Compact(tx, r) => {
                let _ = tx.send(r);
            }
        }
    }
}

/// State owned by the writer thread.
pub(crate) struct Writer {
    shared: Arc<Shared>,
    paths: Paths,
    file: File,
    file_len: u64,
    config: WriterConfig,
    committed_tx: watch::Sender<Revision>,
    /// Set after an I/O failure: every later write is refused with this message.
    failed: Option<String>,
    /// The running rewrite, if any.
    rewrite: Option<RewriteJob>,
    /// Do not start another rewrite before the file reaches this size.
    next_rewrite_at: u64,
    buf: Vec<u8>,
}

impl Writer {
    /// A writer appending to `file` (of length `file_len`).
    pub fn new(
        shared: Arc<Shared>,
        paths: Paths,
        file: File,
        file_len: u64,
        config: WriterConfig,
        committed_tx: watch::Sender<Revision>,
    ) -> Self {
        Writer {
            shared,
            paths,
            file,
            file_len,
            config,
            committed_tx,
            failed: None,
            rewrite: None,
            next_rewrite_at: 0,
            buf: Vec::new(),
        }
    }

    /// The thread's main loop; returns on `Shutdown` or when every sender is gone.
    pub fn run(mut self, rx: Receiver<WriterMsg>) {
        let mut shutdown = false;
        while !shutdown {
            let Ok(first) = rx.recv() else { break };
            let mut batch = vec![first];
            while batch.len() < self.config.max_batch {
                match rx.try_recv() {
                    Ok(m) => batch.push(m),
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
                }
            }
            shutdown = self.process(batch);
        }
        if let Some(job) = self.rewrite.take() {
            job.abandon();
            let _ = std::fs::remove_file(&self.paths.temp);
        }
        // Answer anything still queued.
        while let Ok(msg) = rx.try_recv() {
            match msg {
                WriterMsg::Txn { reply, .. } => {
                    let _ = reply.send(Err(StoreError::Closed("store is shutting down".into())));
                }
                WriterMsg::Compact { reply, .. } => {
                    let _ = reply.send(Err(StoreError::Closed("store is shutting down".into())));
                }
                WriterMsg::RewriteDone(_) | WriterMsg::Shutdown => {}
            }
        }
        self.shared.closed.store(true, Ordering::SeqCst);
        // Dropping `committed_tx` here ends every watcher.
    }

    /// Why a request is refused: shutdown, or an earlier I/O failure.
    fn refusal(&self, shutdown: bool) -> StoreError {
        match &self.failed {
            Some(m) => StoreError::Closed(format!("store failed after an I/O error: {m}")),
            None if shutdown => StoreError::Closed("store is shutting down".into()),
            None => StoreError::Closed("store is closed".into()),
        }
    }

    /// Handles one batch; returns true on shutdown.
    fn process(&mut self, batch: Vec<WriterMsg>) -> bool {
        let mut replies: Vec<Reply> = Vec::with_capacity(batch.len());
        let mut shutdown = false;
        let mut rewrite_done = None;
        let mut state = self.shared.state.write();
        for msg in batch {
            match msg {
                WriterMsg::Shutdown => shutdown = true,
                WriterMsg::RewriteDone(done) => rewrite_done = Some(done),
                // Refusals are errors: they need not wait for the batch's fsync.
                WriterMsg::Txn { reply, .. } if shutdown || self.failed.is_some() => {
                    let _ = reply.send(Err(self.refusal(shutdown)));
                }
                WriterMsg::Compact { reply, .. } if shutdown || self.failed.is_some() => {
                    let _ = reply.send(Err(self.refusal(shutdown)));
                }
                WriterMsg::Txn { txn, reply } => match state.apply_txn(&txn) {
                    Ok(applied) => {
                        if !applied.changes.is_empty() {
                            codec::encode_txn(
                                &mut self.buf,
                                applied.response.revision,
                                &applied.changes,
                            );
                        }
                        replies.push(Reply::Txn(reply, Ok(applied.response)));
                    }
                    Err(e) => replies.push(Reply::Txn(reply, Err(e))),
                },
                WriterMsg::Compact { revision, reply } => {
                    if let Err(e) = state.check_compact(revision) {
                        replies.push(Reply::Compact(reply, Err(e)));
                        continue;
                    }
                    // Compact only committed history: commit what this batch wrote
                    // so far, so a read of the latest revision never finds it compacted.
                    if state.current_revision() != state.committed_revision() {
                        drop(state);
                        self.commit(&mut replies);
                        state = self.shared.state.write();
                        if self.failed.is_some() {
                            let _ = reply.send(Err(self.refusal(false)));
                            continue;
                        }
                    }
                    let result = state.compact(revision);
                    if result.is_ok() {
                        codec::encode_compact(&mut self.buf, revision);
                    }
                    replies.push(Reply::Compact(reply, result));
                }
            }
        }
        drop(state);
        self.commit(&mut replies);
        if let Some(done) = rewrite_done {
            self.finish_rewrite(done);
        }
        if !shutdown {
            self.maybe_start_rewrite();
        }
        shutdown
    }

    /// Writes and syncs the buffered records, then publishes and answers.
    fn commit(&mut self, replies: &mut Vec<Reply>) {
        if !self.buf.is_empty() {
            let result = self.append_and_sync();
            match result {
                Ok(()) => {
                    self.file_len += self.buf.len() as u64;
                    self.shared.file_len.store(self.file_len, Ordering::Relaxed);
                    self.buf.clear();
                }
                Err(e) => {
                    self.buf.clear();
                    self.fail(format!("appending to {}: {e}", self.paths.data.display()));
                    let kind = e.kind();
                    let msg = e.to_string();
                    let make = || {
                        io_error(
                            "appending to the store log",
                            io::Error::new(kind, msg.clone()),
                        )
                    };
                    for r in replies.drain(..) {
                        r.fail(&make);
                    }
                    return;
                }
            }
        }
        let committed = {
            let mut state = self.shared.state.write();
            state.commit();
            state.committed_revision()
        };
        self.committed_tx.send_replace(committed);
        for r in replies.drain(..) {
            r.send();
        }
    }

    fn append_and_sync(&mut self) -> io::Result<()> {
        #[cfg(test)]
        if self.shared.inject_io_failure.swap(false, Ordering::SeqCst) {
            return Err(io::Error::other("injected I/O failure"));
        }
        self.file.write_all(&self.buf)?;
        self.file.sync_data()
    }

    fn fail(&mut self, message: String) {
        tracing::error!(error = %message, "store: I/O failure; refusing further writes");
        self.shared.failed.store(true, Ordering::SeqCst);
        self.failed = Some(message);
    }

    fn maybe_start_rewrite(&mut self) {
        if self.rewrite.is_some() || self.failed.is_some() {
            return;
        }
        let live = self.shared.state.read().live_bytes();
        let threshold = live
            .saturating_mul(2)
            .saturating_add(self.config.rewrite_min_bytes);
        if self.file_len <= threshold || self.file_len < self.next_rewrite_at {
            return;
        }
        let snapshot = self.shared.state.read().snapshot();
        match rewrite::start(
            &self.paths,
            snapshot,
            self.file_len,
            Arc::clone(&self.shared),
        ) {
            Ok(job) => self.rewrite = Some(job),
            Err(e) => {
                tracing::warn!(error = %e, "store: could not start log rewrite");
                self.next_rewrite_at = self.file_len + self.config.rewrite_min_bytes;
            }
        }
    }

    fn finish_rewrite(&mut self, done: RewriteDone) {
        let Some(job) = self.rewrite.take() else {
            return;
        };

        job.join();
        let outcome = match done.result {
            Ok(mut new_file) => match self.install(&mut new_file, done.copied_upto) {
                Ok(len) => {
                    tracing::info!(
                        old_bytes = self.file_len,
                        new_bytes = len,
                        "store: log rewritten"
                    );
                    let old = std::mem::replace(&mut self.file, new_file);
                    // Closing the last handle of the replaced (unlinked) file frees
                    // all its blocks, which can take a while: not on this thread.
                    let _ = std::thread::Builder::new()
                        .name("capstan-store-close".into())
                        .spawn(move || drop(old));
                    self.file_len = len;
                    self.shared.file_len.store(len, Ordering::Relaxed);
                    Ok(())
                }
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "store: log rewrite failed; keeping the old file");
            let _ = std::fs::remove_file(&self.paths.temp);
            self.next_rewrite_at = self.file_len + self.config.rewrite_min_bytes;
        }
    }

    /// Appends what the rewrite has not copied yet, syncs and renames the new file
    /// over the old one. Returns the new file's length.
    fn install(&mut self, new_file: &mut File, copied_upto: u64) -> io::Result<u64> {
        if self.failed.is_some() {
            return Err(io::Error::other("store has failed"));
        }
        rewrite::copy_range(&self.file, new_file, copied_upto, self.file_len)?;
        new_file.sync_data()?;
        let len = new_file.metadata()?.len();
        std::fs::rename(&self.paths.temp, &self.paths.data)?;
        if let Err(e) = sync_dir(&self.paths.dir) {
            // The rename may not be durable while new writes would go to the new
            // file: a crash could bring back the old file without them.
            self.fail(format!("syncing directory after rewrite: {e}"));
            return Err(e);
        }
        Ok(len)
    }
}
