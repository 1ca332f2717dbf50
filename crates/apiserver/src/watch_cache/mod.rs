//! The watch cache: one in-memory copy of each resource's objects, fed by a
//! single store watch, serving lists and fanning out to every API watcher.

mod object;

pub use object::{set_resource_version, CachedObject, FieldExtractor};

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use capstan_store::{EventKind, RangeRequest, Store, WatchControl, WatchRequest};
use parking_lot::{Mutex, RwLock};
use tokio::sync::watch;

/// What happened to an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// Created.
    Added,
    /// Updated.
    Modified,
    /// Deleted.
    Deleted,
}

impl EventType {
    /// The watch event type string.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One change in the cache's history.
#[derive(Debug)]
pub struct CacheEvent {
    /// Kind of change.
    pub kind: EventType,
    /// Store revision of the change (the resource version to report).
    pub revision: i64,
    /// The object after the change (its last state for a deletion).
    pub object: Arc<CachedObject>,
    /// The object before the change, if it existed.
    pub prev: Option<Arc<CachedObject>>,
}

struct State {
    objects: BTreeMap<String, Arc<CachedObject>>,
    /// Every change up to this revision is reflected.
    revision: i64,
    history: VecDeque<(Instant, Arc<CacheEvent>)>,
    /// Watches from any revision >= this can be served from `history`.
    history_start: i64,
    /// Bumped each time the cache re-lists; watchers of an older epoch must end.
    epoch: u64,
    ready: bool,
    /// Bumped whenever the set of objects changes (an event or a relist).
    changes: u64,
}

/// Limits on how much history a cache keeps.
const HISTORY_MAX_EVENTS: usize = 100_000;
const HISTORY_MAX_AGE: Duration = Duration::from_secs(300);
const HISTORY_MIN_EVENTS: usize = 1_000;

/// The cache of one storage prefix.
pub struct WatchCache {
    prefix: String,
    store: Arc<dyn Store>,
    fields: Arc<FieldExtractor>,
    state: RwLock<State>,
    progress: watch::Sender<i64>,
    control: Mutex<Option<Box<dyn WatchControl>>>,
}

impl std::fmt::Debug for WatchCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchCache")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Why a watch from a revision cannot be served from the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryError {
    /// The revision is older than the cache's history.
    TooOld {
        /// Oldest revision servable.
        oldest: i64,
    },
    /// The cache re-listed since the watcher started.
    Reset,
}

/// A page of a list served from the cache.
#[derive(Debug)]
pub struct CachePage {
    /// Matching objects in key order.
    pub items: Vec<Arc<CachedObject>>,
    /// The revision the list reflects.
    pub revision: i64,
    /// The key to continue from, when more matched than `limit`.
    pub next_key: Option<String>,
    /// Matching objects after this page (only counted when asked).
    pub remaining: Option<i64>,
}

/// A cursor into the cache's history for one watcher.
#[derive(Debug, Clone, Copy)]
pub struct Cursor {
    /// Last revision delivered.
    pub revision: i64,
    epoch: u64,
}

impl WatchCache {
    /// Creates the cache for `prefix` and starts filling it from `store`.
    pub fn start(store: Arc<dyn Store>, prefix: String, fields: Arc<FieldExtractor>) -> Arc<Self> {
        let (progress, _) = watch::channel(0);
        let cache = Arc::new(Self {
            prefix,
            store,
            fields,
            state: RwLock::new(State {
                objects: BTreeMap::new(),
                revision: 0,
                history: VecDeque::new(),
                history_start: 0,
                epoch: 0,
                ready: false,
                changes: 0,
            }),
            progress,
            control: Mutex::new(None),
        });
        let runner = cache.clone();
        tokio::spawn(async move { runner.run().await });
        cache
    }

    /// The storage prefix this cache mirrors.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    async fn run(self: Arc<Self>) {
        let mut backoff = Duration::from_millis(100);
        loop {
            match self.list_and_watch().await {
                Ok(()) => backoff = Duration::from_millis(100),
                Err(err) => {
                    tracing::warn!(prefix = %self.prefix, error = %err, "watch cache re-listing");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                }
            }
        }
    }

    async fn list_and_watch(&self) -> Result<(), String> {
        let resp = self
            .store
            .range(RangeRequest::prefix(self.prefix.clone()))
            .await
            .map_err(|e| e.to_string())?;
        let mut objects = BTreeMap::new();
        for kv in resp.kvs {
            match CachedObject::new(kv.key.clone(), kv.value, kv.mod_revision, &*self.fields) {
                Ok(obj) => {
                    objects.insert(kv.key, Arc::new(obj));
                }
                Err(err) => tracing::error!(error = %err, "skipping undecodable stored object"),
            }
        }
        let start = resp.revision;
        {
            let mut st = self.state.write();
            st.objects = objects;
            st.revision = start;
            st.history.clear();
            st.history_start = start;
            st.epoch += 1;
            st.changes += 1;
            st.ready = true;
        }
        self.progress.send_replace(start);
        let mut stream = self
            .store
            .watch(WatchRequest::prefix(self.prefix.clone(), start + 1))
            .await
            .map_err(|e| e.to_string())?;
        *self.control.lock() = Some(stream.control);
        while let Some(resp) = stream.responses.recv().await {
            let resp = resp.map_err(|e| e.to_string())?;
            if let Some(compacted) = resp.compact_revision {
                return Err(format!("watch compacted at {compacted}"));
            }
            self.apply(resp);
        }
        Err("store watch ended".into())
    }

    fn apply(&self, resp: capstan_store::WatchResponse) {
        let now = Instant::now();
        let mut st = self.state.write();
        for ev in resp.events {
            let rev = ev.kv.mod_revision;
            let key = ev.kv.key.clone();
            let prev = st.objects.get(&key).cloned();
            let event = match ev.kind {
                EventKind::Put => {
                    let obj = match CachedObject::new(key.clone(), ev.kv.value, rev, &*self.fields)
                    {
                        Ok(o) => Arc::new(o),
                        Err(err) => {
                            tracing::error!(error = %err, "skipping undecodable stored object");
                            continue;
                        }
                    };
                    st.objects.insert(key, obj.clone());
                    let kind = if prev.is_some() {
                        EventType::Modified
                    } else {
                        EventType::Added
                    };
                    CacheEvent {
                        kind,
                        revision: rev,
                        object: obj,
                        prev,
                    }
                }
                EventKind::Delete => {
                    let Some(prev) = prev else { continue };
                    st.objects.remove(&key);
                    CacheEvent {
                        kind: EventType::Deleted,
                        revision: rev,
                        object: prev.clone(),
                        prev: Some(prev),
                    }
                }
            };
            st.history.push_back((now, Arc::new(event)));
            st.revision = st.revision.max(rev);
            st.changes += 1;
        }
        st.revision = st.revision.max(resp.revision);
        while st.history.len() > HISTORY_MAX_EVENTS
            || (st.history.len() > HISTORY_MIN_EVENTS
                && st
                    .history
                    .front()
                    .is_some_and(|(t, _)| now.duration_since(*t) > HISTORY_MAX_AGE))
        {
            if let Some((_, ev)) = st.history.pop_front() {
                st.history_start = st.history_start.max(ev.revision);
            }
        }
        let rev = st.revision;
        drop(st);
        self.progress.send_replace(rev);
    }

    /// Whether the initial list has loaded.
    pub fn is_ready(&self) -> bool {
        self.state.read().ready
    }

    /// A counter that moves whenever the cached objects change (unlike the
    /// revision, which also moves on progress notifications), so that views
    /// derived from the objects know when to rebuild.
    pub fn changes(&self) -> u64 {
        self.state.read().changes
    }

    /// The revision the cache reflects.
    pub fn revision(&self) -> i64 {
        self.state.read().revision
    }

    /// Waits until the cache has caught up with the store's current revision
    /// (a consistent read) or, when `at_least` is given, with that revision.
    pub async fn wait_fresh(
        &self,
        at_least: Option<i64>,
        timeout: Duration,
    ) -> Result<i64, String> {
        let target = match at_least {
            Some(rev) => rev,
            None => {
                self.store
                    .status()
                    .await
                    .map_err(|e| e.to_string())?
                    .revision
            }
        };
        let mut rx = self.progress.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            {
                let st = self.state.read();
                if st.ready && st.revision >= target {
                    return Ok(st.revision);
                }
            }
            if let Some(control) = self.control.lock().as_ref() {
                control.request_progress();
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return Err("watch cache stopped".into()),
                Err(_) => {
                    return Err(format!(
                        "timed out waiting for the watch cache to reach revision {target}"
                    ))
                }
            }
        }
    }

    /// Lists objects under `prefix` (which must be within this cache's prefix)
    /// starting at `start_key` (inclusive), keeping those `keep` accepts, at most
    /// `limit` (0 = all).
    pub fn list(
        &self,
        prefix: &str,
        start_key: Option<&str>,
        limit: usize,
        count_remaining: bool,
        keep: &dyn Fn(&CachedObject) -> bool,
    ) -> CachePage {
        let st = self.state.read();
        let start = start_key
            .map(str::to_string)
            .unwrap_or_else(|| prefix.to_string());
        let end = capstan_store::prefix_end(prefix);
        let mut items = Vec::new();
        let mut next_key = None;
        let mut remaining = 0i64;
        for (key, obj) in st.objects.range(start..end) {
            if !keep(obj) {
                continue;
            }
            if limit > 0 && items.len() >= limit {
                if next_key.is_none() {
                    next_key = Some(key.clone());
                    if !count_remaining {
                        break;
                    }
                }
                remaining += 1;
                continue;
            }
            items.push(obj.clone());
        }
        let remaining = (count_remaining && next_key.is_some()).then_some(remaining);
        CachePage {
            items,
            revision: st.revision,
            next_key,
            remaining,
        }
    }

    /// One object by key.
    pub fn get(&self, key: &str) -> (Option<Arc<CachedObject>>, i64) {
        let st = self.state.read();
        (st.objects.get(key).cloned(), st.revision)
    }

    /// Starts a cursor at `revision` (events after it will be delivered), or
    /// fails if the history no longer reaches back that far.
    pub fn cursor_at(&self, revision: i64) -> Result<Cursor, HistoryError> {
        let st = self.state.read();
        if revision < st.history_start {
            return Err(HistoryError::TooOld {
                oldest: st.history_start,
            });
        }
        Ok(Cursor {
            revision,
            epoch: st.epoch,
        })
    }

    /// A snapshot of every object under `prefix` and a cursor after it, for
    /// watches that start with synthetic ADDED events.
    pub fn snapshot(&self, prefix: &str) -> (Vec<Arc<CachedObject>>, Cursor) {
        let st = self.state.read();
        let end = capstan_store::prefix_end(prefix);
        let items = st
            .objects
            .range(prefix.to_string()..end)
            .map(|(_, o)| o.clone())
            .collect();
        (
            items,
            Cursor {
                revision: st.revision,
                epoch: st.epoch,
            },
        )
    }

    /// Events after the cursor (and advances it), or an error if the watcher
    /// fell behind the history or the cache re-listed.
    pub fn events_after(&self, cursor: &mut Cursor) -> Result<Vec<Arc<CacheEvent>>, HistoryError> {
        let st = self.state.read();
        if st.epoch != cursor.epoch {
            return Err(HistoryError::Reset);
        }
        if cursor.revision < st.history_start {
            return Err(HistoryError::TooOld {
                oldest: st.history_start,
            });
        }
        let from = st
            .history
            .partition_point(|(_, e)| e.revision <= cursor.revision);
        let events: Vec<Arc<CacheEvent>> =
            st.history.range(from..).map(|(_, e)| e.clone()).collect();
        cursor.revision = cursor.revision.max(st.revision);
        Ok(events)
    }

    /// A receiver notified whenever the cache's revision advances.
    pub fn subscribe(&self) -> watch::Receiver<i64> {
        self.progress.subscribe()
    }
}
