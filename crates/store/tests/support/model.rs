//! A deliberately simple reference model of etcd 3.4's semantics: the full state
//! at every revision, plus each revision's events.

use std::collections::BTreeMap;

use bytes::Bytes;
use capstan_store::{
    CompareOp, CompareTarget, Event, EventKind, KeyValue, RangeRequest, RangeResponse, Revision,
    StoreError, Txn, TxnOp, TxnOpResponse, TxnResponse, WatchRequest,
};

/// The comparable shape of an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrShape {
    /// Compacted, with the compaction revision.
    Compacted(Revision),
    /// Future revision, with the current revision.
    Future(Revision),
    /// Invalid request.
    Invalid,
    /// Anything else (never expected).
    Other(String),
}

/// Maps a store error to its comparable shape.
pub fn shape(e: &StoreError) -> ErrShape {
    match e {
        StoreError::Compacted { compact_revision } => ErrShape::Compacted(*compact_revision),
        StoreError::FutureRevision { current_revision } => ErrShape::Future(*current_revision),
        StoreError::InvalidRequest(_) => ErrShape::Invalid,
        other => ErrShape::Other(other.to_string()),
    }
}

type State = BTreeMap<String, KeyValue>;

/// What a watch opened now should deliver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchExpect {
    /// One compaction response with this revision.
    Compacted(Revision),
    /// These events (then nothing until new writes).
    Events(Vec<Event>),
}

/// The reference model.
#[derive(Clone, Debug)]
pub struct Model {
    /// `states[r]` is the state at revision `r` (index 0 is unused).
    states: Vec<State>,
    /// `events[r]` are the events of revision `r`, in operation order.
    events: Vec<Vec<Event>>,
    compact: Revision,
}

impl Default for Model {
    fn default() -> Self {
        Self::new()
    }
}

fn in_span(key: &str, start: &str, end: Option<&str>) -> bool {
    match end {
        None | Some("") => key == start,
        Some("\0") => key >= start,
        Some(end) => key >= start && key < end,
    }
}

impl Model {
    /// A fresh store at revision 1.
    pub fn new() -> Self {
        Model {
            states: vec![State::new(), State::new()],
            events: vec![Vec::new(), Vec::new()],
            compact: 0,
        }
    }

    /// Current revision.
    pub fn revision(&self) -> Revision {
        (self.states.len() - 1) as Revision
    }

    /// Compaction revision.
    pub fn compact_revision(&self) -> Revision {
        self.compact
    }

    fn read(state: &State, req: &RangeRequest, header: Revision) -> RangeResponse {
        let matching: Vec<&KeyValue> = state
            .values()
            .filter(|kv| in_span(&kv.key, &req.key, req.range_end.as_deref()))
            .collect();
        let count = matching.len() as i64;
        if req.count_only {
            return RangeResponse {
                kvs: Vec::new(),
                more: false,
                count,
                revision: header,
            };
        }
        let limit = if req.limit > 0 {
            req.limit as usize
        } else {
            usize::MAX
        };
        let kvs: Vec<KeyValue> = matching
            .iter()
            .take(limit)
            .map(|kv| (*kv).clone())
            .collect();
        RangeResponse {
            more: kvs.len() < matching.len(),
            kvs,
            count,
            revision: header,
        }
    }

    /// A range read.
    pub fn range(&self, req: &RangeRequest) -> Result<RangeResponse, ErrShape> {
        if req.key.is_empty() {
            return Err(ErrShape::Invalid);
        }
        let current = self.revision();
        if req.revision > current {
            return Err(ErrShape::Future(current));
        }
        let rev = if req.revision <= 0 {
            current
        } else {
            req.revision
        };
        if rev < self.compact {
            return Err(ErrShape::Compacted(self.compact));
        }
        Ok(Self::read(&self.states[rev as usize], req, current))
    }

    fn validate(&self, txn: &Txn) -> Result<(), ErrShape> {
        if txn.compare.iter().any(|c| c.key.is_empty()) {
            return Err(ErrShape::Invalid);
        }
        for branch in [&txn.success, &txn.failure] {
            let mut puts: Vec<&str> = Vec::new();
            let mut dels: Vec<(&str, Option<&str>)> = Vec::new();
            for op in branch.iter() {
                match op {
                    TxnOp::Put { key, .. } if key.is_empty() => return Err(ErrShape::Invalid),
                    TxnOp::Delete { key, .. } if key.is_empty() => return Err(ErrShape::Invalid),
                    TxnOp::Get(r) if r.key.is_empty() => return Err(ErrShape::Invalid),
                    TxnOp::Put { key, .. } => {
                        if puts.contains(&key.as_str()) {
                            return Err(ErrShape::Invalid);
                        }
                        puts.push(key);
                    }
                    TxnOp::Delete { key, range_end } => dels.push((key, range_end.as_deref())),
                    TxnOp::Get(_) => {}
                }
            }
            // etcd compares a "\0" range end as a plain string here.
            let hits = |p: &str, (k, e): (&str, Option<&str>)| match e {
                None | Some("") => p == k,
                Some(e) => p >= k && p < e,
            };
            if puts.iter().any(|p| dels.iter().any(|d| hits(p, *d))) {
                return Err(ErrShape::Invalid);
            }
        }
        Ok(())
    }

    /// etcd checks read revisions only in the branch that runs.
    fn validate_reads(&self, ops: &[TxnOp]) -> Result<(), ErrShape> {
        let current = self.revision();
        for op in ops {
            if let TxnOp::Get(r) = op {
                if r.revision > current {
                    return Err(ErrShape::Future(current));
                }
                if r.revision > 0 && r.revision < self.compact {
                    return Err(ErrShape::Compacted(self.compact));
                }
            }
        }
        Ok(())
    }

    fn compare_holds(state: &State, c: &capstan_store::Compare) -> bool {
        let cur = state.get(&c.key);
        let ord = match (&c.target, cur) {
            (CompareTarget::Value(_), None) => return false,
            (CompareTarget::Value(want), Some(kv)) => kv.value.as_ref().cmp(want.as_ref()),
            (CompareTarget::Version(want), kv) => kv.map_or(0, |kv| kv.version).cmp(want),
            (CompareTarget::CreateRevision(want), kv) => {
                kv.map_or(0, |kv| kv.create_revision).cmp(want)
            }
            (CompareTarget::ModRevision(want), kv) => kv.map_or(0, |kv| kv.mod_revision).cmp(want),
        };
        match c.op {
            CompareOp::Equal => ord.is_eq(),
            CompareOp::NotEqual => ord.is_ne(),
            CompareOp::Greater => ord.is_gt(),
            CompareOp::Less => ord.is_lt(),
        }
    }

    /// A transaction.
    pub fn txn(&mut self, txn: &Txn) -> Result<TxnResponse, ErrShape> {
        self.validate(txn)?;
        let current = self.revision();
        let base = &self.states[current as usize];
        let succeeded = txn.compare.iter().all(|c| Self::compare_holds(base, c));
        let ops = if succeeded {
            &txn.success
        } else {
            &txn.failure
        };
        self.validate_reads(ops)?;
        let rev = current + 1;
        let mut work = base.clone();
        let mut events = Vec::new();
        let mut responses = Vec::new();
        for op in ops {
            match op {
                TxnOp::Put { key, value } => {
                    let prev = work.get(key).cloned();
                    let kv = KeyValue {
                        key: key.clone(),
                        value: value.clone(),
                        create_revision: prev.as_ref().map_or(rev, |p| p.create_revision),
                        mod_revision: rev,
                        version: prev.as_ref().map_or(1, |p| p.version + 1),
                    };
                    work.insert(key.clone(), kv.clone());
                    events.push(Event {
                        kind: EventKind::Put,
                        kv,
                        prev_kv: None,
                    });
                    responses.push(TxnOpResponse::Put { prev_kv: prev });
                }
                TxnOp::Delete { key, range_end } => {
                    let victims: Vec<KeyValue> = work
                        .values()
                        .filter(|kv| in_span(&kv.key, key, range_end.as_deref()))
                        .cloned()
                        .collect();
                    for v in &victims {
                        work.remove(&v.key);
                        events.push(Event {
                            kind: EventKind::Delete,
                            kv: KeyValue {
                                key: v.key.clone(),
                                value: Bytes::new(),
                                create_revision: 0,
                                mod_revision: rev,
                                version: 0,
                            },
                            prev_kv: None,
                        });
                    }
                    responses.push(TxnOpResponse::Delete { prev_kvs: victims });
                }
                TxnOp::Get(r) => {
                    let now = if events.is_empty() { current } else { rev };
                    let resp = if r.revision > 0 {
                        Self::read(&self.states[r.revision as usize], r, now)
                    } else {
                        Self::read(&work, r, now)
                    };
                    responses.push(TxnOpResponse::Get(resp));
                }
            }
        }
        if events.is_empty() {
            return Ok(TxnResponse {
                succeeded,
                revision: current,
                responses,
            });
        }
        self.states.push(work);
        self.events.push(events);
        Ok(TxnResponse {
            succeeded,
            revision: rev,
            responses,
        })
    }

    /// A compaction.
    pub fn compact(&mut self, revision: Revision) -> Result<(), ErrShape> {
        if revision <= self.compact {
            return Err(ErrShape::Compacted(self.compact));
        }
        if revision > self.revision() {
            return Err(ErrShape::Future(self.revision()));
        }
        self.compact = revision;
        Ok(())
    }

    /// What a watch opened now delivers before any further write.
    pub fn watch(&self, req: &WatchRequest) -> Result<WatchExpect, ErrShape> {
        // etcd: "mvcc: watcher range is empty".
        if let Some(end) = req.range_end.as_deref() {
            if !end.is_empty() && end != "\0" && end <= req.key.as_str() {
                return Err(ErrShape::Invalid);
            }
        }
        let current = self.revision();
        let start = if req.start_revision <= 0 {
            current + 1
        } else {
            req.start_revision
        };
        if start < self.compact {
            return Ok(WatchExpect::Compacted(self.compact));
        }
        let mut out = Vec::new();
        for rev in start.max(1)..=current {
            for ev in &self.events[rev as usize] {
                if !in_span(&ev.kv.key, &req.key, req.range_end.as_deref()) {
                    continue;
                }
                // etcd drops tombstones at the compaction revision.
                if ev.kind == EventKind::Delete && rev == self.compact {
                    continue;
                }
                let mut ev = ev.clone();
                if req.prev_kv && rev > self.compact {
                    ev.prev_kv = self.states[(rev - 1) as usize].get(&ev.kv.key).cloned();
                }
                out.push(ev);
            }
        }
        Ok(WatchExpect::Events(out))
    }

    /// The live state at the current revision.
    pub fn latest(&self) -> &BTreeMap<String, KeyValue> {
        &self.states[self.states.len() - 1]
    }
}
