//! Background log rewrite (AOF-rewrite style).
//!
//! The writer thread takes a consistent snapshot of the retained history between
//! two batches and notes the file length at that point. A background thread
//! writes the snapshot into a temporary file, then copies the records the writer
//! appended meanwhile (the old file's tail past the snapshot point), catching up
//! until little is left, and syncs. The writer thread then copies the last few
//! bytes, syncs, renames the new file over the old one and syncs the directory:
//! writers are paused only for that final step.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::codec::{self, Change};
use super::file::Paths;
use super::state::Snapshot;
use super::writer::WriterMsg;
use super::Shared;

/// Stop catching up once less than this much of the tail is left to copy.
const CATCH_UP_SLACK: u64 = 1 << 20;
/// Flush the encoding buffer to the file at this size.
const FLUSH_AT: usize = 1 << 20;
/// Sync the new file after this many bytes.
const SYNC_EVERY: usize = 16 << 20;

/// A finished background rewrite, reported to the writer thread.
pub(crate) struct RewriteDone {
    /// The new file (synced, positioned at its end), or why it failed.
    pub result: io::Result<File>,
    /// Offset in the old file up to which records were copied into the new one.
    pub copied_upto: u64,
}

/// A running background rewrite.
pub(crate) struct RewriteJob {
    handle: JoinHandle<()>,
    cancel: Arc<AtomicBool>,
}

impl RewriteJob {
    /// Waits for the (finished) thread.
    pub fn join(self) {
        let _ = self.handle.join();
    }

    /// Cancels the rewrite and waits for the thread to stop.
    pub fn abandon(self) {
        self.cancel.store(true, Ordering::SeqCst);
        let _ = self.handle.join();
    }
}

/// Starts rewriting `snapshot`, which covers the old file up to `snapshot_offset`.
pub(crate) fn start(
    paths: &Paths,
    snapshot: Snapshot,
    snapshot_offset: u64,
    shared: Arc<Shared>,
) -> io::Result<RewriteJob> {
    let old = File::open(&paths.data)?;
    let cancel = Arc::new(AtomicBool::new(false));
    let job_cancel = Arc::clone(&cancel);
    let temp = paths.temp.clone();
    let handle = std::thread::Builder::new()
        .name("capstan-store-rewrite".into())
        .spawn(move || {
            let mut copied_upto = snapshot_offset;
            let result = write_snapshot(&temp, &snapshot, &job_cancel).and_then(|file| {
                catch_up(&old, &file, &mut copied_upto, &shared, &job_cancel).map(|()| file)
            });
            drop(snapshot);
            let _ = shared.writer_tx.send(WriterMsg::RewriteDone(RewriteDone {
                result,
                copied_upto,
            }));
        })?;
    Ok(RewriteJob { handle, cancel })
}

fn cancelled(cancel: &AtomicBool) -> io::Result<()> {
    if cancel.load(Ordering::SeqCst) {
        return Err(io::Error::other("rewrite cancelled"));
    }
    Ok(())
}

/// Writes header, snapshot and sync to a fresh temporary file.
fn write_snapshot(
    temp: &std::path::Path,
    snap: &Snapshot,
    cancel: &AtomicBool,
) -> io::Result<File> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(temp)?;
    let mut buf = Vec::with_capacity(FLUSH_AT + (64 << 10));
    let mut unsynced = 0usize;
    let mut flush = |buf: &mut Vec<u8>, force: bool| -> io::Result<()> {
        if force || buf.len() >= FLUSH_AT {
            cancelled(cancel)?;
            file.write_all(buf)?;
            unsynced += buf.len();
            buf.clear();
            // Sync as we go: one huge writeback at the end would stall the
            // writer thread's own fdatasync calls on the same disk.
            if unsynced >= SYNC_EVERY {
                file.sync_data()?;
                unsynced = 0;
            }
        }
        Ok(())
    };
    codec::encode_header(&mut buf);
    codec::encode_snapshot_begin(&mut buf, snap.compact_revision);
    for (key, v) in &snap.base {
        codec::encode_base(
            &mut buf,
            key,
            v.create_revision,
            v.mod_revision,
            v.version,
            &v.value,
        );
        flush(&mut buf, false)?;
    }
    let mut i = 0;
    while i < snap.events.len() {
        let rev = snap.events[i].version.mod_revision;
        let mut changes = Vec::new();
        while i < snap.events.len() && snap.events[i].version.mod_revision == rev {
            let ev = &snap.events[i];
            changes.push(if ev.version.is_tombstone() {
                Change::Delete {
                    key: Arc::clone(&ev.key),
                }
            } else {
                Change::Put {
                    key: Arc::clone(&ev.key),
                    create_revision: ev.version.create_revision,
                    version: ev.version.version,
                    value: ev.version.value.clone(),
                }
            });
            i += 1;
        }
        codec::encode_txn(&mut buf, rev, &changes);
        flush(&mut buf, false)?;
    }
    codec::encode_snapshot_end(&mut buf, snap.revision);
    flush(&mut buf, true)?;
    file.sync_data()?;
    Ok(file)
}

/// Copies the old file's durable tail into the new file until little is left.
fn catch_up(
    old: &File,
    new: &File,
    pos: &mut u64,
    shared: &Shared,
    cancel: &AtomicBool,
) -> io::Result<()> {
    loop {
        cancelled(cancel)?;
        let durable = shared.file_len.load(Ordering::SeqCst);
        if durable <= *pos + CATCH_UP_SLACK {
            break;
        }
        copy_range(old, new, *pos, durable)?;
        *pos = durable;
    }
    let mut new = new;
    new.flush()?;
    new.sync_data()
}

/// Appends `src[from..to]` to `dst` (at `dst`'s cursor).
pub(crate) fn copy_range(src: &File, mut dst: &File, from: u64, to: u64) -> io::Result<()> {
    let mut buf = vec![0u8; (to.saturating_sub(from)).min(1 << 20) as usize];
    let mut pos = from;
    while pos < to {
        let n = ((to - pos) as usize).min(buf.len());
        src.read_exact_at(&mut buf[..n], pos)?;
        dst.write_all(&buf[..n])?;
        pos += n as u64;
    }
    Ok(())
}
