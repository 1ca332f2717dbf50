//! The in-memory MVCC state: per-key version histories plus a revision-ordered
//! event log, with etcd's range, transaction and compaction semantics.
//!
//! The state may hold versions newer than `committed_revision` (written by the
//! writer thread but not yet fsynced). Readers always read at a revision at or
//! below `committed_revision`, so they never see them.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Bound;
use std::sync::Arc;

use bytes::Bytes;

use super::codec::Change;
use super::history::{KeyHistory, Version};
use crate::{
    Compare, CompareOp, CompareTarget, Event, EventKind, KeyValue, RangeRequest, RangeResponse,
    Result, Revision, StoreError, Txn, TxnOp, TxnOpResponse, TxnResponse,
};

/// One entry of the event log: a key and the version written at that revision.
#[derive(Clone, Debug)]
pub(crate) struct LoggedEvent {
    /// The key.
    pub key: Arc<str>,
    /// The version written (a tombstone for a delete).
    pub version: Version,
}

/// A key interval as etcd understands it.
#[derive(Clone, Debug)]
pub(crate) enum KeySpan {
    /// One key.
    Single(String),
    /// `[start, end)`; `end == None` means unbounded.
    Range(String, Option<String>),
}

impl KeySpan {
    /// Interprets etcd's `key` / `range_end` pair: no (or an empty) end is one
    /// key, `"\0"` means every key at or after `key`.
    pub fn new(key: &str, range_end: Option<&str>) -> Self {
        match range_end {
            None | Some("") => KeySpan::Single(key.to_string()),
            Some("\0") => KeySpan::Range(key.to_string(), None),
            Some(end) => KeySpan::Range(key.to_string(), Some(end.to_string())),
        }
    }

    /// Whether `key` lies in the span.
    pub fn contains(&self, key: &str) -> bool {
        match self {
            KeySpan::Single(k) => k == key,
            KeySpan::Range(start, end) => {
                key >= start.as_str() && end.as_deref().is_none_or(|e| key < e)
            }
        }
    }

    /// Whether the two spans share a key (used for etcd's duplicate-key check).
    fn overlaps(&self, other: &KeySpan) -> bool {
        match (self, other) {
            (KeySpan::Single(a), b) | (b, KeySpan::Single(a)) => b.contains(a),
            (KeySpan::Range(s1, e1), KeySpan::Range(s2, e2)) => {
                let before = |s: &String, e: &Option<String>| e.as_ref().is_some_and(|e| e <= s);
                !(before(s2, e1) || before(s1, e2) || before(s1, e1) || before(s2, e2))
            }
        }
    }
}

/// The in-memory state of an embedded store.
#[derive(Debug)]
pub(crate) struct State {
    /// Every key with retained history.
    keys: BTreeMap<Arc<str>, KeyHistory>,
    /// Events at revisions at or after the compaction revision, in order.
    events: VecDeque<LoggedEvent>,
    /// Newest revision applied (including writes not yet durable).
    current_revision: Revision,
    /// Newest durable revision; what readers see.
    committed_revision: Revision,
    /// Compaction revision (0 if never compacted).
    compact_revision: Revision,
    /// Approximate bytes of retained data, as a rewrite would write them.
    live_bytes: u64,
}

/// Events gathered for one watch response.
#[derive(Debug)]
pub(crate) enum WatchBatch {
    /// The watcher's next revision has been compacted away.
    Compacted(Revision),
    /// Matching events (possibly none) at revisions up to and including `upto`.
    Events {
        /// The events.
        events: Vec<Event>,
        /// Last revision covered by this batch.
        upto: Revision,
    },
}

/// What a snapshot for a file rewrite contains.
#[derive(Debug)]
pub(crate) struct Snapshot {
    /// Compaction revision.
    pub compact_revision: Revision,
    /// Revision of the snapshot.
    pub revision: Revision,
    /// Each key's version older than the compaction revision (not in the event log).
    pub base: Vec<(Arc<str>, Version)>,
    /// The event log (every version at or after the compaction revision).
    pub events: Vec<LoggedEvent>,
}

/// The outcome of applying a transaction in the writer.
#[derive(Debug)]
pub(crate) struct Applied {
    /// The answer to the client.
    pub response: TxnResponse,
    /// The changes to persist (empty if nothing was written).
    pub changes: Vec<Change>,
}

fn empty_key() -> StoreError {
    StoreError::InvalidRequest("etcdserver: key is not provided".into())
}

fn kv(key: &str, v: &Version) -> KeyValue {
    KeyValue {
        key: key.to_string(),
        value: v.value.clone(),
        create_revision: v.create_revision,
        mod_revision: v.mod_revision,
        version: v.version,
    }
}

impl Default for State {
    fn default() -> Self {
        Self::new()
    }
}

impl State {
    /// A fresh store at revision 1 (etcd's starting revision).
    pub fn new() -> Self {
        State {
            keys: BTreeMap::new(),
            events: VecDeque::new(),
            current_revision: 1,
            committed_revision: 1,
            compact_revision: 0,
            live_bytes: 0,
        }
    }

    /// Newest applied revision.
    pub fn current_revision(&self) -> Revision {
        self.current_revision
    }

    /// Newest durable revision.
    pub fn committed_revision(&self) -> Revision {
        self.committed_revision
    }

    /// Compaction revision.
    pub fn compact_revision(&self) -> Revision {
        self.compact_revision
    }

    /// Approximate bytes of retained data.
    pub fn live_bytes(&self) -> u64 {
        self.live_bytes
    }

    /// Number of keys with retained history.
    #[cfg(test)]
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Number of retained events.
    #[cfg(test)]
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// Makes everything applied so far visible.
    pub fn commit(&mut self) {
        self.committed_revision = self.current_revision;
    }

    /// Interns a key: reuses the map's allocation if the key is known.
    fn intern(&self, key: &str) -> Arc<str> {
        match self.keys.get_key_value(key) {
            Some((k, _)) => Arc::clone(k),
            None => Arc::from(key),
        }
    }

    fn iter_span<'a>(
        &'a self,
        span: &'a KeySpan,
    ) -> Box<dyn Iterator<Item = (&'a Arc<str>, &'a KeyHistory)> + 'a> {
        match span {
            KeySpan::Single(k) => Box::new(self.keys.get_key_value(k.as_str()).into_iter()),
            KeySpan::Range(start, end) => {
                let lower = Bound::Included(start.as_str());
                let upper = match end {
                    None => Bound::Unbounded,
                    Some(e) if e.as_str() <= start.as_str() => return Box::new(std::iter::empty()),
                    Some(e) => Bound::Excluded(e.as_str()),
                };
                Box::new(self.keys.range::<str, _>((lower, upper)))
            }
        }
    }

    /// Checks a requested read revision against `current` (the revision the read
    /// is served at) and resolves 0 to it.
    fn resolve_read_revision(&self, requested: Revision, current: Revision) -> Result<Revision> {
        if requested > current {
            return Err(StoreError::FutureRevision {
                current_revision: current,
            });
        }
        let rev = if requested <= 0 { current } else { requested };
        if rev < self.compact_revision {
            return Err(StoreError::Compacted {
                compact_revision: self.compact_revision,
            });
        }
        Ok(rev)
    }

    /// Reads at `rev` (already resolved), reporting `header` as the response revision.
    fn read_at(&self, req: &RangeRequest, rev: Revision, header: Revision) -> RangeResponse {
        let span = KeySpan::new(&req.key, req.range_end.as_deref());
        let limit = usize::try_from(req.limit).ok().filter(|l| *l > 0);
        let mut kvs = Vec::new();
        let mut count: i64 = 0;
        for (key, hist) in self.iter_span(&span) {
            if let Some(v) = hist.live_at(rev) {
                count += 1;
                if !req.count_only && limit.is_none_or(|l| kvs.len() < l) {
                    kvs.push(kv(key, v));
                }
            }
        }
        let more = !req.count_only && limit.is_some_and(|l| (count as usize) > l);
        RangeResponse {
            kvs,
            more,
            count,
            revision: header,
        }
    }

    /// A client read at the committed revision.
    pub fn range(&self, req: &RangeRequest) -> Result<RangeResponse> {
        if req.key.is_empty() {
            return Err(empty_key());
        }
        let current = self.committed_revision;
        let rev = self.resolve_read_revision(req.revision, current)?;
        Ok(self.read_at(req, rev, current))
    }

    fn compare_holds(&self, c: &Compare, at: Revision) -> bool {
        let cur = self.keys.get(c.key.as_str()).and_then(|h| h.live_at(at));
        let ord = match (&c.target, cur) {
            // etcd: a value compare on a missing key always fails.
            (CompareTarget::Value(_), None) => return false,
            (CompareTarget::Value(want), Some(v)) => v.value.as_ref().cmp(want.as_ref()),
            (CompareTarget::Version(want), v) => v.map_or(0, |v| v.version).cmp(want),
            (CompareTarget::CreateRevision(want), v) => {
                v.map_or(0, |v| v.create_revision).cmp(want)
            }
            (CompareTarget::ModRevision(want), v) => v.map_or(0, |v| v.mod_revision).cmp(want),
        };
        match c.op {
            CompareOp::Equal => ord.is_eq(),
            CompareOp::NotEqual => ord.is_ne(),
            CompareOp::Greater => ord.is_gt(),
            CompareOp::Less => ord.is_lt(),
        }
    }

    /// Validates a transaction as etcd does before applying it: non-empty keys, no
    /// put overlapping another put or a delete of the same branch, and Get revisions
    /// (see [`State::check_reads`] for the revisions of reads).
    fn check_txn(&self, txn: &Txn) -> Result<()> {
        if txn.compare.iter().any(|c| c.key.is_empty()) {
            return Err(empty_key());
        }
        for branch in [&txn.success, &txn.failure] {
            let mut puts: Vec<&str> = Vec::new();
            let mut dels: Vec<KeySpan> = Vec::new();
            for op in branch.iter() {
                match op {
                    TxnOp::Put { key, .. } => {
                        if key.is_empty() {
                            return Err(empty_key());
                        }
                        puts.push(key);
                    }
                    TxnOp::Delete { key, range_end } => {
                        if key.is_empty() {
                            return Err(empty_key());
                        }
                        dels.push(KeySpan::new(key, range_end.as_deref()));
                    }
                    TxnOp::Get(req) => {
                        if req.key.is_empty() {
                            return Err(empty_key());
                        }
                    }
                }
            }
            let mut sorted = puts.clone();
            sorted.sort_unstable();
            let dup_put = sorted.windows(2).any(|w| w[0] == w[1]);
            // etcd checks puts against delete *intervals*; a "\0" end is compared as
            // a plain string there, so such a delete never conflicts with a put.
            let dup_del = puts.iter().any(|p| {
                dels.iter().any(|d| match d {
                    KeySpan::Range(_, None) => false,
                    d => d.overlaps(&KeySpan::Single((*p).to_string())),
                })
            });
            if dup_put || dup_del {
                return Err(StoreError::InvalidRequest(
                    "etcdserver: duplicate key given in txn request".into(),
                ));
            }
        }
        Ok(())
    }

    /// Checks the revisions of the Gets in the branch that runs (etcd checks only
    /// that branch, against the revision before the transaction).
    fn check_reads(&self, ops: &[TxnOp], current: Revision) -> Result<()> {
        for op in ops {
            if let TxnOp::Get(req) = op {
                if req.revision > current {
                    return Err(StoreError::FutureRevision {
                        current_revision: current,
                    });
                }
                if req.revision > 0 && req.revision < self.compact_revision {
                    return Err(StoreError::Compacted {
                        compact_revision: self.compact_revision,
                    });
                }
            }
        }
        Ok(())
    }

    /// Whether a transaction can write (has a put or delete in either branch).
    pub fn txn_may_write(txn: &Txn) -> bool {
        txn.success
            .iter()
            .chain(txn.failure.iter())
            .any(|op| !matches!(op, TxnOp::Get(_)))
    }

    /// Runs a transaction with no writes at the committed revision (reader side).
    pub fn read_txn(&self, txn: &Txn) -> Result<TxnResponse> {
        let at = self.committed_revision;
        self.check_txn(txn)?;
        let succeeded = txn.compare.iter().all(|c| self.compare_holds(c, at));
        let ops = if succeeded {
            &txn.success
        } else {
            &txn.failure
        };
        self.check_reads(ops, at)?;
        let mut responses = Vec::with_capacity(ops.len());
        for op in ops {
            if let TxnOp::Get(req) = op {
                let rev = if req.revision > 0 { req.revision } else { at };
                responses.push(TxnOpResponse::Get(self.read_at(req, rev, at)));
            }
        }
        Ok(TxnResponse {
            succeeded,
            revision: at,
            responses,
        })
    }

    /// Applies a transaction on top of the newest state (writer side). Writes get
    /// revision `current + 1` and stay invisible to readers until [`State::commit`].
    pub fn apply_txn(&mut self, txn: &Txn) -> Result<Applied> {
        let begin = self.current_revision;
        self.check_txn(txn)?;
        let succeeded = txn.compare.iter().all(|c| self.compare_holds(c, begin));
        let ops = if succeeded {
            &txn.success
        } else {
            &txn.failure
        };
        self.check_reads(ops, begin)?;
        let rev = begin + 1;
        let mut changes: Vec<Change> = Vec::new();
        let mut responses = Vec::with_capacity(ops.len());
        for op in ops {
            match op {
                TxnOp::Put { key, value } => {
                    // Own an exactly-sized copy: never keep a caller's larger buffer
                    // (e.g. a request body the value was sliced from) alive.
                    let value = Bytes::copy_from_slice(value);
                    let key_arc = self.intern(key);
                    let prev = self
                        .keys
                        .get(key.as_str())
                        .and_then(|h| h.live_at(rev))
                        .cloned();
                    let version = Version {
                        mod_revision: rev,
                        create_revision: prev.as_ref().map_or(rev, |p| p.create_revision),
                        version: prev.as_ref().map_or(1, |p| p.version + 1),
                        value: value.clone(),
                    };
                    changes.push(Change::Put {
                        key: Arc::clone(&key_arc),
                        create_revision: version.create_revision,
                        version: version.version,
                        value: value.clone(),
                    });
                    self.insert_version(key_arc, version);
                    responses.push(TxnOpResponse::Put {
                        prev_kv: prev.map(|p| kv(key, &p)),
                    });
                }
                TxnOp::Delete { key, range_end } => {
                    let span = KeySpan::new(key, range_end.as_deref());
                    let victims: Vec<(Arc<str>, KeyValue)> = self
                        .iter_span(&span)
                        .filter_map(|(k, h)| h.live_at(rev).map(|v| (Arc::clone(k), kv(k, v))))
                        .collect();
                    for (k, _) in &victims {
                        changes.push(Change::Delete { key: Arc::clone(k) });
                        self.insert_version(Arc::clone(k), Version::tombstone(rev));
                    }
                    responses.push(TxnOpResponse::Delete {
                        prev_kvs: victims.into_iter().map(|(_, kv)| kv).collect(),
                    });
                }
                TxnOp::Get(req) => {
                    // Reads inside a transaction see its earlier writes (etcd).
                    let now = if changes.is_empty() { begin } else { rev };
                    let at = if req.revision > 0 { req.revision } else { now };
                    responses.push(TxnOpResponse::Get(self.read_at(req, at, now)));
                }
            }
        }
        if !changes.is_empty() {
            self.current_revision = rev;
        }
        Ok(Applied {
            response: TxnResponse {
                succeeded,
                revision: self.current_revision,
                responses,
            },
            changes,
        })
    }

    fn insert_version(&mut self, key: Arc<str>, version: Version) {
        self.live_bytes += version.encoded_size(&key);
        self.events.push_back(LoggedEvent {
            key: Arc::clone(&key),
            version: version.clone(),
        });
        match self.keys.get_mut(&*key) {
            Some(h) => h.push(version),
            None => {
                self.keys.insert(key, KeyHistory::One(version));
            }
        }
    }

    /// Replays a transaction record from the log.
    pub fn replay_txn(
        &mut self,
        revision: Revision,
        changes: Vec<Change>,
    ) -> std::result::Result<(), String> {
        if revision <= self.current_revision {
            return Err(format!(
                "txn record at revision {revision} after revision {}",
                self.current_revision
            ));
        }
        if revision < self.compact_revision {
            return Err(format!(
                "txn record at revision {revision} below compaction {}",
                self.compact_revision
            ));
        }
        for change in changes {
            match change {
                Change::Put {
                    key,
                    create_revision,
                    version,
                    value,
                } => {
                    let key = self.intern(&key);
                    self.insert_version(
                        key,
                        Version {
                            mod_revision: revision,
                            create_revision,
                            version: version.max(1),
                            value,
                        },
                    );
                }
                Change::Delete { key } => {
                    let key = self.intern(&key);
                    self.insert_version(key, Version::tombstone(revision));
                }
            }
        }
        self.current_revision = revision;
        self.committed_revision = revision;
        Ok(())
    }

    /// Loads a base version from a snapshot (not an event).
    pub fn replay_base(
        &mut self,
        key: Arc<str>,
        version: Version,
    ) -> std::result::Result<(), String> {
        if version.is_tombstone() || version.mod_revision >= self.compact_revision {
            return Err(format!(
                "bad base record for {key:?} at {}",
                version.mod_revision
            ));
        }
        if self.keys.contains_key(&*key) {
            return Err(format!("duplicate base record for {key:?}"));
        }
        self.live_bytes += version.encoded_size(&key);
        self.current_revision = self.current_revision.max(version.mod_revision);
        self.committed_revision = self.current_revision;
        self.keys.insert(key, KeyHistory::One(version));
        Ok(())
    }

    /// Sets the compaction revision when loading a snapshot.
    pub fn set_snapshot_compaction(&mut self, compact_revision: Revision) {
        self.compact_revision = compact_revision;
    }

    /// Sets the revision at the end of a snapshot.
    pub fn finish_snapshot(&mut self, revision: Revision) -> std::result::Result<(), String> {
        if revision < self.current_revision || revision < self.compact_revision {
            return Err(format!(
                "snapshot end {revision} below revision {}",
                self.current_revision
            ));
        }
        self.current_revision = revision;
        self.committed_revision = revision;
        Ok(())
    }

    /// Checks a compaction request (etcd: at or below the compaction revision is
    /// `Compacted`, above the current revision is `FutureRevision`).
    pub fn check_compact(&self, revision: Revision) -> Result<()> {
        if revision <= self.compact_revision {
            return Err(StoreError::Compacted {
                compact_revision: self.compact_revision,
            });
        }
        if revision > self.current_revision {
            return Err(StoreError::FutureRevision {
                current_revision: self.current_revision,
            });
        }
        Ok(())
    }

    /// Discards history before `revision`: superseded versions, tombstones at or
    /// below it, and events before it (and delete events at it, as etcd does).
    /// Only keys with events at or below `revision` can have anything to drop.
    pub fn compact(&mut self, revision: Revision) -> Result<()> {
        self.check_compact(revision)?;
        let split = self
            .events
            .partition_point(|e| e.version.mod_revision <= revision);
        let mut touched: Vec<Arc<str>> = Vec::with_capacity(split);
        let mut kept_at_rev: Vec<LoggedEvent> = Vec::new();
        for ev in self.events.drain(..split) {
            if ev.version.mod_revision == revision && !ev.version.is_tombstone() {
                kept_at_rev.push(ev.clone());
            }
            touched.push(ev.key);
        }
        for ev in kept_at_rev.into_iter().rev() {
            self.events.push_front(ev);
        }
        if touched.len() > self.keys.len() / 8 {
            // Many keys changed: one pass over the whole map beats a lookup each.
            drop(touched);
            let mut freed_total = 0;
            self.keys.retain(|key, hist| {
                let (freed, empty) = hist.compact(key, revision);
                freed_total += freed;
                !empty
            });
            self.live_bytes = self.live_bytes.saturating_sub(freed_total);
        } else {
            // A key may appear several times; compacting it again is a cheap no-op.
            for key in touched {
                if let Some(hist) = self.keys.get_mut(&*key) {
                    let (freed, empty) = hist.compact(&key, revision);
                    self.live_bytes = self.live_bytes.saturating_sub(freed);
                    if empty {
                        self.keys.remove(&*key);
                    }
                }
            }
        }
        self.compact_revision = revision;
        // Give back the event log's spare capacity after a large compaction.
        if self.events.capacity() > 4 * self.events.len() + 4096 {
            self.events.shrink_to(2 * self.events.len() + 1024);
        }
        Ok(())
    }

    /// Gathers committed events for a watcher, starting at `next` and stopping at
    /// revision boundaries once `max_events` matched or `max_scan` were looked at.
    pub fn watch_batch(
        &self,
        span: &KeySpan,
        next: Revision,
        prev_kv: bool,
        max_events: usize,
        max_scan: usize,
    ) -> WatchBatch {
        if next < self.compact_revision {
            return WatchBatch::Compacted(self.compact_revision);
        }
        let upto = self.committed_revision;
        let start = self
            .events
            .partition_point(|e| e.version.mod_revision < next);
        let mut events = Vec::new();
        let mut last_rev = next - 1;
        for (scanned, ev) in self.events.range(start..).enumerate() {
            let rev = ev.version.mod_revision;
            if rev > upto {
                break;
            }
            if rev != last_rev && (events.len() >= max_events || scanned >= max_scan) {
                // Stop at a revision boundary: never split a revision's events.
                return WatchBatch::Events {
                    events,
                    upto: last_rev,
                };
            }
            last_rev = rev;
            if span.contains(&ev.key) {
                events.push(self.to_event(ev, prev_kv));
            }
        }
        WatchBatch::Events { events, upto }
    }

    fn to_event(&self, ev: &LoggedEvent, want_prev: bool) -> Event {
        let rev = ev.version.mod_revision;
        let (kind, event_kv) = if ev.version.is_tombstone() {
            (
                EventKind::Delete,
                KeyValue {
                    key: ev.key.to_string(),
                    value: Bytes::new(),
                    create_revision: 0,
                    mod_revision: rev,
                    version: 0,
                },
            )
        } else {
            (EventKind::Put, kv(&ev.key, &ev.version))
        };
        // etcd reads the previous value at `rev - 1`, which fails once compacted.
        let prev_kv = if want_prev && rev > self.compact_revision {
            self.keys
                .get(&*ev.key)
                .and_then(|h| h.live_at(rev - 1))
                .map(|v| kv(&ev.key, v))
        } else {
            None
        };
        Event {
            kind,
            kv: event_kv,
            prev_kv,
        }
    }

    /// A consistent copy of the retained data at the committed revision, for a
    /// rewrite. Values are shared, not copied. Must be called with no pending writes.
    pub fn snapshot(&self) -> Snapshot {
        let compact = self.compact_revision;
        let base = self
            .keys
            .iter()
            .filter_map(|(k, h)| {
                let first = &h.versions()[0];
                (first.mod_revision < compact).then(|| (Arc::clone(k), first.clone()))
            })
            .collect();
        let events = self
            .events
            .iter()
            .filter(|e| e.version.mod_revision <= self.committed_revision)
            .cloned()
            .collect();
        Snapshot {
            compact_revision: compact,
            revision: self.committed_revision,
            base,
            events,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(key: &str, value: &str) -> TxnOp {
        TxnOp::Put {
            key: key.into(),
            value: Bytes::from(value.to_string()),
        }
    }

    fn write(st: &mut State, ops: Vec<TxnOp>) -> TxnResponse {
        let r = st
            .apply_txn(&Txn {
                success: ops,
                ..Default::default()
            })
            .expect("txn");
        st.commit();
        r.response
    }

    #[test]
    fn pending_writes_are_invisible() {
        let mut st = State::new();
        let applied = st
            .apply_txn(&Txn {
                success: vec![put("a", "1")],
                ..Default::default()
            })
            .expect("txn");
        assert_eq!(applied.response.revision, 2);
        assert_eq!(
            st.range(&RangeRequest::key("a")).expect("range").kvs.len(),
            0
        );
        st.commit();
        assert_eq!(
            st.range(&RangeRequest::key("a")).expect("range").kvs.len(),
            1
        );
    }

    #[test]
    fn compaction_drops_only_history() {
        let mut st = State::new();
        write(&mut st, vec![put("a", "1")]); // 2
        write(&mut st, vec![put("a", "2")]); // 3
        write(&mut st, vec![put("b", "1")]); // 4
        write(
            &mut st,
            vec![TxnOp::Delete {
                key: "b".into(),
                range_end: None,
            }],
        ); // 5
        write(&mut st, vec![put("c", "1")]); // 6
        st.compact(5).expect("compact");
        assert_eq!(st.key_count(), 2); // b's tombstone at 5 is gone
        assert_eq!(st.event_count(), 1); // only c@6
        assert!(matches!(
            st.range(&RangeRequest::key("a").at_revision(4)),
            Err(StoreError::Compacted { .. })
        ));
        let r = st
            .range(&RangeRequest::key("a").at_revision(5))
            .expect("range at compaction");
        assert_eq!(r.kvs[0].mod_revision, 3);
        assert!(matches!(
            st.compact(5),
            Err(StoreError::Compacted {
                compact_revision: 5
            })
        ));
        assert!(matches!(
            st.compact(7),
            Err(StoreError::FutureRevision {
                current_revision: 6
            })
        ));
    }

    #[test]
    fn spans_overlap() {
        let a = KeySpan::Range("b".into(), Some("d".into()));
        assert!(a.overlaps(&KeySpan::Single("c".into())));
        assert!(!a.overlaps(&KeySpan::Single("d".into())));
        assert!(a.overlaps(&KeySpan::Range("c".into(), None)));
        assert!(!a.overlaps(&KeySpan::Range("d".into(), Some("e".into()))));
    }
}
