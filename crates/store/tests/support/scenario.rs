//! Random operation sequences run against a store and the reference model; every
//! answer is compared.

use std::time::Duration;

use bytes::Bytes;
use capstan_store::{
    Compare, CompareOp, CompareTarget, Event, RangeRequest, Revision, Store, Txn, TxnOp,
    WatchRequest, WatchResponse, WatchStream,
};
use proptest::prelude::*;

use super::model::{shape, Model, WatchExpect};

const KEYS: &[&str] = &["a", "b", "ba", "bb", "c", "d", "e"];
const WAIT: Duration = Duration::from_secs(20);

/// A revision relative to the current one when the operation runs.
#[derive(Clone, Debug)]
pub enum Rev {
    /// 0 (latest / now).
    Latest,
    /// `current - n`, at least 1.
    Back(u8),
    /// `current + 1 + n`.
    Ahead(u8),
}

impl Rev {
    fn resolve(&self, current: Revision) -> Revision {
        match self {
            Rev::Latest => 0,
            Rev::Back(n) => (current - Revision::from(*n)).max(1),
            Rev::Ahead(n) => current + 1 + Revision::from(*n),
        }
    }
}

/// The end of a key span.
#[derive(Clone, Debug)]
pub enum End {
    /// Single key.
    None,
    /// Up to (excluding) another key.
    Key(usize),
    /// Every key at or after the start ("\0").
    All,
    /// Every key with the start as prefix.
    Prefix,
}

/// A key or key range.
#[derive(Clone, Debug)]
pub struct Span {
    key: usize,
    end: End,
}

impl Span {
    fn key(&self) -> String {
        KEYS[self.key % KEYS.len()].to_string()
    }

    fn end(&self) -> Option<String> {
        match &self.end {
            End::None => None,
            End::Key(k) => Some(KEYS[k % KEYS.len()].to_string()),
            End::All => Some("\0".to_string()),
            End::Prefix => Some(capstan_store::prefix_end(&self.key())),
        }
    }
}

/// A compare target.
#[derive(Clone, Debug)]
pub enum Target {
    /// Version.
    Version(u8),
    /// Create revision.
    Create(Rev),
    /// Mod revision (`None`: 0, i.e. absent).
    Mod(Option<Rev>),
    /// Value.
    Value(u8),
}

/// A compare.
#[derive(Clone, Debug)]
pub struct Cmp {
    key: usize,
    op: u8,
    target: Target,
}

/// An operation inside a transaction.
#[derive(Clone, Debug)]
pub enum SubOp {
    /// Put.
    Put(usize, u8),
    /// Delete a key or range.
    Delete(Span),
    /// Read.
    Get(Span, Rev, u8),
}

/// One step of a scenario.
#[derive(Clone, Debug)]
pub enum Op {
    /// Put a key.
    Put(usize, u8),
    /// Delete a key.
    Delete(usize),
    /// Delete a range.
    DeleteRange(Span),
    /// A transaction.
    Txn(Vec<Cmp>, Vec<SubOp>, Vec<SubOp>),
    /// A read.
    Range(Span, Rev, u8, bool),
    /// A compaction.
    Compact(Rev),
    /// Open a watch, drain what it delivers now, close it.
    Watch(Span, Rev, bool),
    /// Close and reopen the store (embedded only; a no-op for etcd).
    Reopen,
}

fn value(v: u8) -> Bytes {
    Bytes::from(format!("v{}", v % 4))
}

fn rev_strategy() -> impl Strategy<Value = Rev> {
    prop_oneof![
        2 => Just(Rev::Latest),
        6 => (0u8..12).prop_map(Rev::Back),
        1 => (0u8..2).prop_map(Rev::Ahead),
    ]
}

fn span_strategy() -> impl Strategy<Value = Span> {
    let end = prop_oneof![
        3 => Just(End::None),
        2 => (0usize..KEYS.len()).prop_map(End::Key),
        1 => Just(End::All),
        2 => Just(End::Prefix),
    ];
    (0usize..KEYS.len(), end).prop_map(|(key, end)| Span { key, end })
}

fn sub_op_strategy() -> impl Strategy<Value = SubOp> {
    prop_oneof![
        4 => (0usize..KEYS.len(), any::<u8>()).prop_map(|(k, v)| SubOp::Put(k, v)),
        2 => span_strategy().prop_map(SubOp::Delete),
        2 => (span_strategy(), rev_strategy(), 0u8..3).prop_map(|(s, r, l)| SubOp::Get(s, r, l)),
    ]
}

fn cmp_strategy() -> impl Strategy<Value = Cmp> {
    let target = prop_oneof![
        (0u8..3).prop_map(Target::Version),
        rev_strategy().prop_map(Target::Create),
        prop::option::of(rev_strategy()).prop_map(Target::Mod),
        any::<u8>().prop_map(Target::Value),
    ];
    (0usize..KEYS.len(), 0u8..4, target).prop_map(|(key, op, target)| Cmp { key, op, target })
}

/// One random operation.
pub fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0usize..KEYS.len(), any::<u8>()).prop_map(|(k, v)| Op::Put(k, v)),
        2 => (0usize..KEYS.len()).prop_map(Op::Delete),
        1 => span_strategy().prop_map(Op::DeleteRange),
        4 => (
            prop::collection::vec(cmp_strategy(), 0..3),
            prop::collection::vec(sub_op_strategy(), 0..4),
            prop::collection::vec(sub_op_strategy(), 0..3),
        )
            .prop_map(|(c, s, f)| Op::Txn(c, s, f)),
        4 => (span_strategy(), rev_strategy(), 0u8..3, prop::bool::weighted(0.2))
            .prop_map(|(s, r, l, c)| Op::Range(s, r, l, c)),
        1 => rev_strategy().prop_map(Op::Compact),
        3 => (span_strategy(), rev_strategy(), any::<bool>()).prop_map(|(s, r, p)| Op::Watch(s, r, p)),
        1 => Just(Op::Reopen),
    ]
}

/// A random scenario.
pub fn scenario_strategy(max_len: usize) -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(op_strategy(), 1..max_len)
}

fn build_get(span: &Span, rev: &Rev, limit: u8, current: Revision) -> RangeRequest {
    RangeRequest {
        key: span.key(),
        range_end: span.end(),
        revision: rev.resolve(current),
        limit: i64::from(limit),
        count_only: false,
    }
}

fn build_sub(op: &SubOp, current: Revision) -> TxnOp {
    match op {
        SubOp::Put(k, v) => TxnOp::Put {
            key: KEYS[k % KEYS.len()].to_string(),
            value: value(*v),
        },
        SubOp::Delete(span) => TxnOp::Delete {
            key: span.key(),
            range_end: span.end(),
        },
        SubOp::Get(span, rev, limit) => TxnOp::Get(build_get(span, rev, *limit, current)),
    }
}

fn build_cmp(c: &Cmp, current: Revision) -> Compare {
    let op = match c.op % 4 {
        0 => CompareOp::Equal,
        1 => CompareOp::NotEqual,
        2 => CompareOp::Greater,
        _ => CompareOp::Less,
    };
    let target = match &c.target {
        Target::Version(v) => CompareTarget::Version(i64::from(*v)),
        Target::Create(r) => CompareTarget::CreateRevision(r.resolve(current)),
        Target::Mod(None) => CompareTarget::ModRevision(0),
        Target::Mod(Some(r)) => CompareTarget::ModRevision(r.resolve(current)),
        Target::Value(v) => CompareTarget::Value(value(*v)),
    };
    Compare {
        key: KEYS[c.key % KEYS.len()].to_string(),
        op,
        target,
    }
}

/// What a watch delivered.
#[derive(Debug, PartialEq, Eq)]
enum Delivered {
    Compacted(Revision),
    Events(Vec<Event>),
}

async fn next_response(ws: &mut WatchStream) -> Result<WatchResponse, String> {
    match tokio::time::timeout(WAIT, ws.responses.recv()).await {
        Err(_) => Err("timed out waiting for a watch response".into()),
        Ok(None) => Err("watch channel closed unexpectedly".into()),
        Ok(Some(Err(e))) => Err(format!("watch error: {e}")),
        Ok(Some(Ok(r))) => {
            let mut last = 0;
            for ev in &r.events {
                if ev.kv.mod_revision < last || ev.kv.mod_revision > r.revision {
                    return Err(format!(
                        "watch response out of order or beyond its revision: {r:?}"
                    ));
                }
                last = ev.kv.mod_revision;
            }
            Ok(r)
        }
    }
}

/// Drains a fresh watch: the expected number of events (or a compaction), then
/// asks for progress and reads until a progress notification at or past
/// `current`, collecting anything that arrives in between.
async fn drain(
    ws: &mut WatchStream,
    expect: &WatchExpect,
    current: Revision,
) -> Result<Delivered, String> {
    let mut got = Vec::new();
    if let WatchExpect::Compacted(_) = expect {
        loop {
            let r = next_response(ws).await?;
            if let Some(c) = r.compact_revision {
                return Ok(Delivered::Compacted(c));
            }
            got.extend(r.events);
            if !got.is_empty() {
                return Ok(Delivered::Events(got));
            }
        }
    }
    let WatchExpect::Events(want) = expect else {
        unreachable!()
    };
    while got.len() < want.len() {
        let r = next_response(ws).await?;
        if let Some(c) = r.compact_revision {
            return Ok(Delivered::Compacted(c));
        }
        got.extend(r.events);
    }
    ws.control.request_progress();
    loop {
        let r = next_response(ws).await?;
        if let Some(c) = r.compact_revision {
            return Ok(Delivered::Compacted(c));
        }
        if r.is_progress() && r.revision >= current {
            return Ok(Delivered::Events(got));
        }
        got.extend(r.events);
    }
}

/// Runs `ops` against `store` and the model, failing on the first difference.
/// `reopen` closes and reopens the store (or returns it unchanged).
pub async fn run(
    ops: &[Op],
    mut store: Box<dyn Store>,
    reopen: &mut dyn FnMut(Box<dyn Store>) -> Box<dyn Store>,
) -> Result<(), String> {
    let mut model = Model::new();
    for (i, op) in ops.iter().enumerate() {
        let current = model.revision();
        let ctx = |what: &str| format!("step {i} ({op:?}): {what}");
        match op {
            Op::Put(k, v) => {
                let txn = Txn {
                    success: vec![build_sub(&SubOp::Put(*k, *v), current)],
                    ..Default::default()
                };
                let want = model.txn(&txn);
                let got = store.txn(txn).await.map_err(|e| shape(&e));
                if got != want {
                    return Err(ctx(&format!("put: got {got:?}, want {want:?}")));
                }
            }
            Op::Delete(k) => {
                let txn = Txn {
                    success: vec![TxnOp::Delete {
                        key: KEYS[k % KEYS.len()].to_string(),
                        range_end: None,
                    }],
                    ..Default::default()
                };
                let want = model.txn(&txn);
                let got = store.txn(txn).await.map_err(|e| shape(&e));
                if got != want {
                    return Err(ctx(&format!("delete: got {got:?}, want {want:?}")));
                }
            }
            Op::DeleteRange(span) => {
                let txn = Txn {
                    success: vec![build_sub(&SubOp::Delete(span.clone()), current)],
                    ..Default::default()
                };
                let want = model.txn(&txn);
                let got = store.txn(txn).await.map_err(|e| shape(&e));
                if got != want {
                    return Err(ctx(&format!("delete range: got {got:?}, want {want:?}")));
                }
            }
            Op::Txn(cmps, success, failure) => {
                let txn = Txn {
                    compare: cmps.iter().map(|c| build_cmp(c, current)).collect(),
                    success: success.iter().map(|o| build_sub(o, current)).collect(),
                    failure: failure.iter().map(|o| build_sub(o, current)).collect(),
                };
                let want = model.txn(&txn);
                let got = store.txn(txn.clone()).await.map_err(|e| shape(&e));
                if got != want {
                    return Err(ctx(&format!("txn {txn:?}: got {got:?}, want {want:?}")));
                }
            }
            Op::Range(span, rev, limit, count_only) => {
                let mut req = build_get(span, rev, *limit, current);
                req.count_only = *count_only;
                let want = model.range(&req);
                let got = store.range(req.clone()).await.map_err(|e| shape(&e));
                if got != want {
                    return Err(ctx(&format!("range {req:?}: got {got:?}, want {want:?}")));
                }
            }
            Op::Compact(rev) => {
                let r = match rev.resolve(current) {
                    0 => current,
                    r => r,
                };
                let want = model.compact(r);
                let got = store.compact(r).await.map_err(|e| shape(&e));
                if got != want {
                    return Err(ctx(&format!("compact {r}: got {got:?}, want {want:?}")));
                }
            }
            Op::Watch(span, rev, prev_kv) => {
                let req = WatchRequest {
                    key: span.key(),
                    range_end: span.end(),
                    start_revision: rev.resolve(current),
                    prev_kv: *prev_kv,
                };
                let expect = match (model.watch(&req), store.watch(req.clone()).await) {
                    (Ok(expect), Ok(ws)) => Some((expect, ws)),
                    (Err(want), Err(got)) if shape(&got) == want => None,
                    (want, got) => {
                        return Err(ctx(&format!(
                            "watch {req:?}: got {:?}, want {want:?}",
                            got.map(|_| "a watch")
                        )))
                    }
                };
                let Some((expect, mut ws)) = expect else {
                    continue;
                };
                let got = drain(&mut ws, &expect, current)
                    .await
                    .map_err(|e| ctx(&e))?;
                let want = match expect {
                    WatchExpect::Compacted(c) => Delivered::Compacted(c),
                    WatchExpect::Events(evs) => Delivered::Events(evs),
                };
                if got != want {
                    return Err(ctx(&format!("watch {req:?}: got {got:?}, want {want:?}")));
                }
            }
            Op::Reopen => {
                store = reopen(store);
            }
        }
        if matches!(op, Op::Compact(_) | Op::Reopen) || i + 1 == ops.len() {
            check_status_and_contents(&*store, &model)
                .await
                .map_err(|e| ctx(&e))?;
        }
    }
    Ok(())
}

/// Compares the store's status and full contents with the model.
pub async fn check_status_and_contents(store: &dyn Store, model: &Model) -> Result<(), String> {
    let status = store.status().await.map_err(|e| format!("status: {e}"))?;
    if (status.revision, status.compact_revision) != (model.revision(), model.compact_revision()) {
        return Err(format!(
            "status: got rev {} compact {}, want rev {} compact {}",
            status.revision,
            status.compact_revision,
            model.revision(),
            model.compact_revision()
        ));
    }
    let all = store
        .range(RangeRequest::prefix(""))
        .await
        .map_err(|e| format!("range all: {e}"))?;
    let want: Vec<_> = model.latest().values().cloned().collect();
    if all.kvs != want {
        return Err(format!("contents: got {:?}, want {want:?}", all.kvs));
    }
    Ok(())
}

/// Keys used by the scenarios.
pub fn keys() -> &'static [&'static str] {
    KEYS
}

/// A scenario that exercises every operation kind at least once (a smoke test
/// that does not depend on random generation).
pub fn fixed_scenario() -> Vec<Op> {
    let all = Span {
        key: 0,
        end: End::All,
    };
    let b_prefix = Span {
        key: 1,
        end: End::Prefix,
    };
    vec![
        Op::Put(0, 1),
        Op::Put(1, 2),
        Op::Put(2, 3),
        Op::Watch(all.clone(), Rev::Back(10), true),
        Op::Put(0, 2),
        Op::Delete(1),
        Op::Txn(
            vec![Cmp {
                key: 0,
                op: 0,
                target: Target::Value(2),
            }],
            vec![
                SubOp::Put(3, 1),
                SubOp::Get(b_prefix.clone(), Rev::Latest, 0),
                SubOp::Delete(b_prefix.clone()),
            ],
            vec![SubOp::Put(4, 1)],
        ),
        Op::Range(all.clone(), Rev::Back(3), 1, false),
        Op::Range(all.clone(), Rev::Latest, 0, true),
        Op::Range(all.clone(), Rev::Ahead(0), 0, false),
        Op::Compact(Rev::Back(2)),
        Op::Range(all.clone(), Rev::Back(3), 0, false),
        Op::Watch(all.clone(), Rev::Back(4), false),
        Op::Watch(all.clone(), Rev::Back(2), true),
        Op::Watch(b_prefix, Rev::Latest, false),
        Op::Reopen,
        Op::Txn(
            vec![Cmp {
                key: 5,
                op: 0,
                target: Target::Mod(None),
            }],
            vec![SubOp::Put(5, 0), SubOp::Put(5, 1)],
            vec![],
        ),
        Op::DeleteRange(all.clone()),
        Op::Compact(Rev::Latest),
        Op::Watch(all, Rev::Back(0), true),
        Op::Reopen,
        Op::Put(6, 0),
    ]
}
