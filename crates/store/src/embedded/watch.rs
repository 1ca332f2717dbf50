//! Watchers: one tokio task per watch that pulls committed events from the
//! event log and pushes them into the watcher's bounded channel. A slow consumer
//! only delays its own task; the writer never waits for watchers.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::sync::{mpsc, watch, Notify};

use super::state::{KeySpan, WatchBatch};
use super::Shared;
use crate::{Result, Revision, WatchControl, WatchResponse};

/// Responses buffered per watcher before its task waits for the consumer.
pub(crate) const CHANNEL_CAPACITY: usize = 64;
/// Events per response, beyond which a batch ends at the next revision boundary.
const MAX_EVENTS: usize = 1000;
/// Events examined per read-lock hold.
const MAX_SCAN: usize = 10_000;

/// Progress-request flag shared by a watch task and its control handle.
#[derive(Debug, Default)]
pub(crate) struct Progress {
    requested: AtomicBool,
    notify: Notify,
}

impl Progress {
    fn take(&self) -> bool {
        self.requested.swap(false, Ordering::SeqCst)
    }
}

/// The control handle of an embedded watch.
#[derive(Debug)]
pub(crate) struct Control(pub Arc<Progress>);

impl WatchControl for Control {
    fn request_progress(&self) {
        self.0.requested.store(true, Ordering::SeqCst);
        self.0.notify.notify_one();
    }
}

/// One watch.
pub(crate) struct Watcher {
    /// The store.
    pub shared: Arc<Shared>,
    /// Watched keys.
    pub span: KeySpan,
    /// Next revision to deliver.
    pub next: Revision,
    /// Include previous values.
    pub prev_kv: bool,
    /// Where responses go.
    pub tx: mpsc::Sender<Result<WatchResponse>>,
    /// Progress requests.
    pub progress: Arc<Progress>,
    /// Committed revision, published by the writer thread.
    pub committed: watch::Receiver<Revision>,
}

impl Watcher {
    /// Runs until the consumer goes away, the store closes or the watch is compacted.
    pub async fn run(mut self) {
        loop {
            let committed = *self.committed.borrow_and_update();
            if self.next <= committed {
                let batch = {
                    let state = self.shared.state.read();
                    state.watch_batch(&self.span, self.next, self.prev_kv, MAX_EVENTS, MAX_SCAN)
                };
                match batch {
                    WatchBatch::Compacted(compact_revision) => {
                        let resp = WatchResponse {
                            events: Vec::new(),
                            revision: committed,
                            compact_revision: Some(compact_revision),
                        };
                        let _ = self.tx.send(Ok(resp)).await;
                        return;
                    }
                    WatchBatch::Events { events, upto } => {
                        if !events.is_empty() {
                            let resp = WatchResponse {
                                events,
                                revision: upto,
                                compact_revision: None,
                            };
                            if self.tx.send(Ok(resp)).await.is_err() {
                                return;
                            }
                        }
                        self.next = upto + 1;
                        continue;
                    }
                }
            }
            if self.progress.take() {
                let resp = WatchResponse {
                    events: Vec::new(),
                    revision: committed,
                    compact_revision: None,
                };
                if self.tx.send(Ok(resp)).await.is_err() {
                    return;
                }
                continue;
            }
            tokio::select! {
                changed = self.committed.changed() => {
                    if changed.is_err() {
                        // The store closed.
                        return;
                    }
                }
                () = self.progress.notify.notified() => {}
                () = self.tx.closed() => return,
            }
        }
    }
}
