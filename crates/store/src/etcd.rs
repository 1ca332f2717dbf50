//! The etcd backend: maps [`Store`] onto etcd's KV, Watch and Maintenance APIs
//! with the `etcd-client` crate.
//!
//! Notes on the mapping:
//! * Puts and deletes always ask for previous values (`prev_kv`), as the trait
//!   returns them.
//! * `compact` asks for a *physical* compaction (the call returns once etcd has
//!   removed the history), so reads and watches right after it behave the same
//!   way every time.
//! * etcd's errors do not carry the compaction revision; on a compaction error the
//!   backend finds it with a binary search of count-only reads (a read at `r`
//!   fails exactly when `r` is below the compaction revision). `status` does the
//!   same.
//! * Watches request progress notifications and fragmentation; fragments are
//!   reassembled before delivery.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use etcd_client as ec;
use tokio::sync::mpsc;

use crate::{
    Compare, CompareOp, CompareTarget, Event, EventKind, KeyValue, RangeRequest, RangeResponse,
    Result, Revision, Store, StoreError, StoreStatus, Txn, TxnOp, TxnOpResponse, TxnResponse,
    WatchControl, WatchRequest, WatchResponse, WatchStream,
};

/// Responses buffered per watch before the reader task waits for the consumer.
const WATCH_CHANNEL_CAPACITY: usize = 64;
/// Largest gRPC message accepted from etcd (large ranges and watch batches).
const MAX_MESSAGE_BYTES: usize = 512 << 20;

/// TLS settings for talking to etcd (PEM-encoded).
#[derive(Clone, Default)]
pub struct EtcdTls {
    /// CA certificate(s) used to verify the server; the system roots are not used.
    pub ca_pem: Option<Vec<u8>>,
    /// Client certificate, for client-certificate authentication.
    pub client_cert_pem: Option<Vec<u8>>,
    /// Client private key matching `client_cert_pem`.
    pub client_key_pem: Option<Vec<u8>>,
    /// Server name to verify instead of the endpoint's host.
    pub domain_name: Option<String>,
}

impl std::fmt::Debug for EtcdTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EtcdTls")
            .field("ca_pem", &self.ca_pem.is_some())
            .field("client_cert_pem", &self.client_cert_pem.is_some())
            .field(
                "client_key_pem",
                &self.client_key_pem.as_ref().map(|_| "<redacted>"),
            )
            .field("domain_name", &self.domain_name)
            .finish()
    }
}

/// Options for [`EtcdStore::connect`].
#[derive(Clone, Debug, Default)]
pub struct EtcdOptions {
    /// TLS settings; endpoints must then use `https://`.
    pub tls: Option<EtcdTls>,
    /// User name and password for etcd authentication.
    pub user: Option<(String, String)>,
    /// Timeout for establishing connections.
    pub connect_timeout: Option<Duration>,
    /// Timeout for each request (etcd-client's channel-wide request timeout).
    pub request_timeout: Option<Duration>,
}

/// A [`Store`] backed by an etcd cluster.
#[derive(Clone)]
pub struct EtcdStore {
    client: ec::Client,
    /// A lower bound of etcd's compaction revision, learnt from our own compactions
    /// and searches.
    known_compact: Arc<AtomicI64>,
}

impl std::fmt::Debug for EtcdStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EtcdStore").finish_non_exhaustive()
    }
}

fn backend(context: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("{context}: {e}"))
}

/// What an etcd error means for the trait.
enum ErrorKind {
    Compacted,
    FutureRevision,
    Other(StoreError),
}

fn classify(context: &str, e: ec::Error) -> ErrorKind {
    if let ec::Error::GRpcStatus(status) = &e {
        let msg = status.message();
        if msg.contains("required revision has been compacted") {
            return ErrorKind::Compacted;
        }
        if msg.contains("required revision is a future revision") {
            return ErrorKind::FutureRevision;
        }
        // gRPC code 3: INVALID_ARGUMENT (bad key, duplicate key in a txn, ...).
        if i32::from(status.code()) == 3 {
            return ErrorKind::Other(StoreError::InvalidRequest(msg.to_string()));
        }
    }
    ErrorKind::Other(backend(context, e))
}

fn convert_kv(kv: &ec::KeyValue) -> Result<KeyValue> {
    let key = std::str::from_utf8(kv.key())
        .map_err(|_| backend("etcd returned a key that is not UTF-8", ""))?;
    Ok(KeyValue {
        key: key.to_string(),
        value: Bytes::copy_from_slice(kv.value()),
        create_revision: kv.create_revision(),
        mod_revision: kv.mod_revision(),
        version: kv.version(),
    })
}

fn convert_kvs(kvs: &[ec::KeyValue]) -> Result<Vec<KeyValue>> {
    kvs.iter().map(convert_kv).collect()
}

fn header_revision(h: Option<&ec::ResponseHeader>) -> Revision {
    h.map_or(0, |h| h.revision())
}

fn get_options(req: &RangeRequest) -> ec::GetOptions {
    let mut o = ec::GetOptions::new();
    if let Some(end) = req.range_end.as_deref().filter(|e| !e.is_empty()) {
        o = o.with_range(end.as_bytes());
    }
    if req.revision > 0 {
        o = o.with_revision(req.revision);
    }
    if req.limit > 0 {
        o = o.with_limit(req.limit);
    }
    if req.count_only {
        o = o.with_count_only();
    }
    o
}

fn convert_range(resp: &ec::GetResponse) -> Result<RangeResponse> {
    Ok(RangeResponse {
        kvs: convert_kvs(resp.kvs())?,
        more: resp.more(),
        count: resp.count(),
        revision: header_revision(resp.header()),
    })
}

fn convert_compare(c: &Compare) -> ec::Compare {
    let op = match c.op {
        CompareOp::Equal => ec::CompareOp::Equal,
        CompareOp::NotEqual => ec::CompareOp::NotEqual,
        CompareOp::Greater => ec::CompareOp::Greater,
        CompareOp::Less => ec::CompareOp::Less,
    };
    let key = c.key.as_bytes();
    match &c.target {
        CompareTarget::Version(v) => ec::Compare::version(key, op, *v),
        CompareTarget::CreateRevision(r) => ec::Compare::create_revision(key, op, *r),
        CompareTarget::ModRevision(r) => ec::Compare::mod_revision(key, op, *r),
        CompareTarget::Value(v) => ec::Compare::value(key, op, v.to_vec()),
    }
}

fn convert_op(op: &TxnOp) -> ec::TxnOp {
    match op {
        TxnOp::Put { key, value } => ec::TxnOp::put(
            key.as_bytes(),
            value.to_vec(),
            Some(ec::PutOptions::new().with_prev_key()),
        ),
        TxnOp::Delete { key, range_end } => {
            let mut o = ec::DeleteOptions::new().with_prev_key();
            if let Some(end) = range_end.as_deref().filter(|e| !e.is_empty()) {
                o = o.with_range(end.as_bytes());
            }
            ec::TxnOp::delete(key.as_bytes(), Some(o))
        }
        TxnOp::Get(req) => ec::TxnOp::get(req.key.as_bytes(), Some(get_options(req))),
    }
}

fn convert_txn_response(resp: &ec::TxnResponse) -> Result<TxnResponse> {
    let mut responses = Vec::new();
    for r in resp.op_responses() {
        responses.push(match r {
            ec::TxnOpResponse::Put(p) => TxnOpResponse::Put {
                prev_kv: p.prev_key().map(convert_kv).transpose()?,
            },
            ec::TxnOpResponse::Delete(d) => TxnOpResponse::Delete {
                prev_kvs: convert_kvs(d.prev_kvs())?,
            },
            ec::TxnOpResponse::Get(g) => TxnOpResponse::Get(convert_range(&g)?),
            ec::TxnOpResponse::Txn(_) => {
                return Err(backend(
                    "etcd txn",
                    "unexpected nested transaction response",
                ))
            }
        });
    }
    Ok(TxnResponse {
        succeeded: resp.succeeded(),
        revision: header_revision(resp.header()),
        responses,
    })
}

fn convert_event(ev: &ec::Event) -> Result<Event> {
    let kind = match ev.0.r#type {
        0 => EventKind::Put,
        1 => EventKind::Delete,
        other => return Err(backend("etcd watch", format!("unknown event type {other}"))),
    };
    let kv = ev
        .kv()
        .ok_or_else(|| backend("etcd watch", "event without a key-value"))?;
    Ok(Event {
        kind,
        kv: convert_kv(kv)?,
        prev_kv: ev.prev_kv().map(convert_kv).transpose()?,
    })
}

impl EtcdStore {
    /// Connects to etcd at `endpoints` (e.g. `http://127.0.0.1:2379`).
    pub async fn connect(endpoints: &[String], options: EtcdOptions) -> Result<EtcdStore> {
        let mut opts = ec::ConnectOptions::new();
        if let Some(t) = options.connect_timeout {
            opts = opts.with_connect_timeout(t);
        }
        if let Some(t) = options.request_timeout {
            opts = opts.with_timeout(t);
        }
        if let Some((user, password)) = options.user {
            opts = opts.with_user(user, password);
        }
        if let Some(tls) = options.tls {
            let mut cfg = ec::TlsOptions::new();
            if let Some(ca) = tls.ca_pem {
                cfg = cfg.ca_certificate(ec::Certificate::from_pem(ca));
            }
            match (tls.client_cert_pem, tls.client_key_pem) {
                (Some(cert), Some(key)) => cfg = cfg.identity(ec::Identity::from_pem(cert, key)),
                (None, None) => {}
                _ => {
                    return Err(StoreError::InvalidRequest(
                        "etcd TLS: a client certificate needs its key and vice versa".into(),
                    ))
                }
            }
            if let Some(domain) = tls.domain_name {
                cfg = cfg.domain_name(domain);
            }
            opts = opts.with_tls(cfg);
        }
        let client = ec::Client::connect(endpoints, Some(opts))
            .await
            .map_err(|e| backend("connecting to etcd", e))?;
        Ok(EtcdStore {
            client,
            known_compact: Arc::new(AtomicI64::new(0)),
        })
    }

    fn kv(&self) -> ec::KvClient {
        self.client
            .kv_client()
            .max_decoding_message_size(MAX_MESSAGE_BYTES)
    }

    /// Turns an etcd error into a [`StoreError`], looking up the compaction or
    /// current revision it refers to.
    async fn error(&self, context: &str, e: ec::Error) -> StoreError {
        match classify(context, e) {
            ErrorKind::Compacted => match self.compact_revision().await {
                Ok(compact_revision) => StoreError::Compacted { compact_revision },
                Err(e) => e,
            },
            ErrorKind::FutureRevision => match self.current_revision().await {
                Ok(current_revision) => StoreError::FutureRevision { current_revision },
                Err(e) => e,
            },
            ErrorKind::Other(e) => e,
        }
    }

    async fn current_revision(&self) -> Result<Revision> {
        let resp = self
            .kv()
            .get(&b"\0"[..], Some(ec::GetOptions::new().with_count_only()))
            .await
            .map_err(|e| backend("reading etcd's revision", e))?;
        Ok(header_revision(resp.header()))
    }

    /// Whether a read at `revision` succeeds (false when it is compacted).
    async fn readable(&self, revision: Revision) -> Result<bool> {
        let opts = ec::GetOptions::new()
            .with_count_only()
            .with_revision(revision);
        match self.kv().get(&b"\0"[..], Some(opts)).await {
            Ok(_) => Ok(true),
            Err(e) => match classify("probing etcd's compaction revision", e) {
                ErrorKind::Compacted => Ok(false),
                ErrorKind::FutureRevision => Ok(true),
                ErrorKind::Other(e) => Err(e),
            },
        }
    }

    /// etcd's compaction revision: the smallest readable revision. A read at `r`
    /// fails exactly when `r` is below it. (Compacting at 1 changes nothing and
    /// cannot be told apart from no compaction; it reports 0.)
    async fn compact_revision(&self) -> Result<Revision> {
        let known = self.known_compact.load(Ordering::SeqCst);
        let mut lo = known.max(1);
        let mut hi = self.current_revision().await?;
        if lo >= hi || self.readable(lo).await? {
            return Ok(known);
        }
        // Invariant: `lo` is not readable, `hi` is.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.readable(mid).await? {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        self.known_compact.fetch_max(hi, Ordering::SeqCst);
        Ok(hi)
    }
}

/// Control handle of an etcd watch: forwards progress requests to its task.
struct EtcdWatchControl(mpsc::UnboundedSender<()>);

impl WatchControl for EtcdWatchControl {
    fn request_progress(&self) {
        let _ = self.0.send(());
    }
}

/// Reads an etcd watch stream, reassembles fragments and forwards responses.
async fn run_watch(
    mut sender: ec::WatchRequestSender,
    mut stream: ec::WatchResponseStream,
    tx: mpsc::Sender<Result<WatchResponse>>,
    mut progress: mpsc::UnboundedReceiver<()>,
) {
    let mut fragments: Vec<Event> = Vec::new();
    loop {
        let msg = tokio::select! {
            Some(()) = progress.recv() => {
                if let Err(e) = sender.request_progress().await {
                    let _ = tx.send(Err(backend("etcd watch progress request", e))).await;
                    return;
                }
                continue;
            }
            () = tx.closed() => return,
            msg = stream.message() => msg,
        };
        let resp = match msg {
            Ok(Some(resp)) => resp,
            Ok(None) => {
                let _ = tx.send(Err(backend("etcd watch", "stream ended"))).await;
                return;
            }
            Err(e) => {
                let _ = tx.send(Err(backend("etcd watch", e))).await;
                return;
            }
        };
        if resp.canceled() {
            let out = if resp.compact_revision() > 0 {
                Ok(WatchResponse {
                    events: Vec::new(),
                    revision: header_revision(resp.header()),
                    compact_revision: Some(resp.compact_revision()),
                })
            } else {
                Err(backend("etcd watch canceled", resp.cancel_reason()))
            };
            let _ = tx.send(out).await;
            return;
        }
        if resp.created() && resp.events().is_empty() {
            continue;
        }
        for ev in resp.events() {
            match convert_event(ev) {
                Ok(ev) => fragments.push(ev),
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            }
        }
        if resp.0.fragment {
            continue;
        }
        let out = WatchResponse {
            events: std::mem::take(&mut fragments),
            revision: header_revision(resp.header()),
            compact_revision: None,
        };
        if tx.send(Ok(out)).await.is_err() {
            return;
        }
    }
}

#[async_trait]
impl Store for EtcdStore {
    async fn range(&self, req: RangeRequest) -> Result<RangeResponse> {
        match self
            .kv()
            .get(req.key.as_bytes(), Some(get_options(&req)))
            .await
        {
            Ok(resp) => convert_range(&resp),
            Err(e) => Err(self.error("etcd range", e).await),
        }
    }

    async fn txn(&self, txn: Txn) -> Result<TxnResponse> {
        let t = ec::Txn::new()
            .when(txn.compare.iter().map(convert_compare).collect::<Vec<_>>())
            .and_then(txn.success.iter().map(convert_op).collect::<Vec<_>>())
            .or_else(txn.failure.iter().map(convert_op).collect::<Vec<_>>());
        match self.kv().txn(t).await {
            Ok(resp) => convert_txn_response(&resp),
            Err(e) => Err(self.error("etcd txn", e).await),
        }
    }

    async fn watch(&self, req: WatchRequest) -> Result<WatchStream> {
        let mut opts = ec::WatchOptions::new()
            .with_start_revision(req.start_revision.max(0))
            .with_progress_notify()
            .with_fragment();
        if let Some(end) = req.range_end.as_deref().filter(|e| !e.is_empty()) {
            opts = opts.with_range(end.as_bytes());
        }
        if req.prev_kv {
            opts = opts.with_prev_key();
        }
        let stream = self
            .client
            .watch_client()
            .max_decoding_message_size(MAX_MESSAGE_BYTES)
            .watch(req.key.as_bytes(), Some(opts))
            .await
            .map_err(|e| backend("creating etcd watch", e))?;
        let (sender, mut responses) = stream.split();
        // Wait until etcd registered the watch, so that a watch from "now" covers
        // every write made after this call returns.
        match responses.message().await {
            Ok(Some(resp)) if resp.created() && !resp.canceled() => {}
            Ok(Some(resp)) if resp.canceled() => {
                let reason = resp.cancel_reason();
                if reason.contains("watcher range is empty") {
                    return Err(StoreError::InvalidRequest(reason.to_string()));
                }
                return Err(backend("etcd refused the watch", reason));
            }
            Ok(Some(_)) => return Err(backend("creating etcd watch", "unexpected first response")),
            Ok(None) => return Err(backend("creating etcd watch", "stream ended")),
            Err(e) => return Err(backend("creating etcd watch", e)),
        }
        let (tx, rx) = mpsc::channel(WATCH_CHANNEL_CAPACITY);
        let (progress_tx, progress_rx) = mpsc::unbounded_channel();
        tokio::spawn(run_watch(sender, responses, tx, progress_rx));
        Ok(WatchStream {
            responses: rx,
            control: Box::new(EtcdWatchControl(progress_tx)),
        })
    }

    async fn compact(&self, revision: Revision) -> Result<()> {
        match self
            .kv()
            .compact(revision, Some(ec::CompactionOptions::new().with_physical()))
            .await
        {
            Ok(_) => {
                self.known_compact.fetch_max(revision, Ordering::SeqCst);
                Ok(())
            }
            Err(e) => Err(self.error("etcd compact", e).await),
        }
    }

    async fn status(&self) -> Result<StoreStatus> {
        let mut maint = self.client.maintenance_client();
        let status = maint
            .status()
            .await
            .map_err(|e| backend("etcd status", e))?;
        let compact_revision = self.compact_revision().await?;
        Ok(StoreStatus {
            revision: header_revision(status.header()),
            compact_revision,
            db_size: u64::try_from(status.db_size()).ok(),
        })
    }
}
