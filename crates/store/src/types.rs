use async_trait::async_trait;
use bytes::Bytes;
use tokio::sync::mpsc;

/// A store revision. Revision 0 means "latest" in requests.
pub type Revision = i64;

/// One key's value at some revision, as etcd's `mvccpb.KeyValue`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// The value bytes.
    pub value: Bytes,
    /// Revision of the write that created this key (since its last deletion).
    pub create_revision: Revision,
    /// Revision of the last write to this key.
    pub mod_revision: Revision,
    /// Number of writes since creation; 1 after the first put.
    pub version: i64,
}

/// Errors from a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The requested revision has been compacted away.
    #[error("mvcc: required revision has been compacted (compacted at {compact_revision})")]
    Compacted {
        /// The store's compaction revision.
        compact_revision: Revision,
    },
    /// The requested revision is newer than the store's current revision.
    #[error("mvcc: required revision is a future revision (current {current_revision})")]
    FutureRevision {
        /// The store's current revision.
        current_revision: Revision,
    },
    /// The request is malformed (e.g. an empty key).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The store has been closed or failed and accepts no more requests.
    #[error("store is closed: {0}")]
    Closed(String),
    /// A local I/O error (disk full, fsync failure, ...).
    #[error("store I/O error: {context}: {source}")]
    Io {
        /// What the store was doing.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Persistent data is corrupt in a way that cannot be recovered automatically.
    #[error("store data is corrupt: {0}")]
    Corrupt(String),
    /// An error talking to a remote backend (etcd).
    #[error("store backend error: {0}")]
    Backend(String),
}

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A read of a single key or a key range.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RangeRequest {
    /// First key (inclusive).
    pub key: String,
    /// End of the range (exclusive). `None` reads the single key `key`.
    pub range_end: Option<String>,
    /// Revision to read at; 0 reads the latest.
    pub revision: Revision,
    /// Maximum number of keys to return; 0 means no limit.
    pub limit: i64,
    /// Only count the keys; `kvs` in the response is empty.
    pub count_only: bool,
}

impl RangeRequest {
    /// Read one key at the latest revision.
    pub fn key(key: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            ..Default::default()
        }
    }

    /// Read every key starting with `prefix` at the latest revision. An empty
    /// prefix reads every key (etcd rejects an empty `key`, so it becomes `"\0"`).
    pub fn prefix(prefix: impl Into<String>) -> Self {
        let (key, range_end) = prefix_range(prefix.into());
        Self {
            key,
            range_end: Some(range_end),
            ..Default::default()
        }
    }

    /// Read at the given revision (0 = latest).
    pub fn at_revision(mut self, revision: Revision) -> Self {
        self.revision = revision;
        self
    }

    /// Limit the number of returned keys (0 = unlimited).
    pub fn with_limit(mut self, limit: i64) -> Self {
        self.limit = limit;
        self
    }
}

/// The answer to a [`RangeRequest`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RangeResponse {
    /// Matching key-values in key order (at most `limit`).
    pub kvs: Vec<KeyValue>,
    /// True when more keys matched than were returned because of `limit`.
    pub more: bool,
    /// Total number of keys in the range at that revision.
    pub count: i64,
    /// The store's current revision when the read was served (etcd's header revision).
    pub revision: Revision,
}

/// What a [`Compare`] looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareTarget {
    /// The key's version (0 if absent).
    Version(i64),
    /// The key's create revision (0 if absent).
    CreateRevision(Revision),
    /// The key's mod revision (0 if absent).
    ModRevision(Revision),
    /// The key's value (an absent key never equals any value).
    Value(Bytes),
}

/// Comparison operator of a [`Compare`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// Equal.
    Equal,
    /// Not equal.
    NotEqual,
    /// Greater than.
    Greater,
    /// Less than.
    Less,
}

/// One condition of a transaction, evaluated against the latest state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compare {
    /// The key to inspect.
    pub key: String,
    /// Operator.
    pub op: CompareOp,
    /// Field and the value to compare it with.
    pub target: CompareTarget,
}

impl Compare {
    /// `mod_revision(key) == rev`; `rev == 0` means "key does not exist".
    pub fn mod_revision_eq(key: impl Into<String>, rev: Revision) -> Self {
        Self {
            key: key.into(),
            op: CompareOp::Equal,
            target: CompareTarget::ModRevision(rev),
        }
    }

    /// The key does not exist.
    pub fn absent(key: impl Into<String>) -> Self {
        Self::mod_revision_eq(key, 0)
    }
}

/// One operation in a transaction branch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxnOp {
    /// Write a value.
    Put {
        /// Key.
        key: String,
        /// Value.
        value: Bytes,
    },
    /// Delete a key (or a range when `range_end` is set).
    Delete {
        /// Key.
        key: String,
        /// End of range (exclusive), or `None` for a single key.
        range_end: Option<String>,
    },
    /// Read (at the transaction's revision).
    Get(RangeRequest),
}

/// The result of one [`TxnOp`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxnOpResponse {
    /// A put; carries the previous value if there was one.
    Put {
        /// Previous key-value, if the key existed.
        prev_kv: Option<KeyValue>,
    },
    /// A delete; carries the deleted key-values.
    Delete {
        /// Key-values deleted, in key order.
        prev_kvs: Vec<KeyValue>,
    },
    /// A read.
    Get(RangeResponse),
}

/// An etcd-style transaction: if every compare holds run `success`, else `failure`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Txn {
    /// Conditions; all must hold for `success` to run.
    pub compare: Vec<Compare>,
    /// Operations when the conditions hold.
    pub success: Vec<TxnOp>,
    /// Operations otherwise.
    pub failure: Vec<TxnOp>,
}

/// The answer to a [`Txn`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxnResponse {
    /// Whether the compares held.
    pub succeeded: bool,
    /// The store revision after the transaction (unchanged if it wrote nothing).
    pub revision: Revision,
    /// One response per operation of the branch that ran.
    pub responses: Vec<TxnOpResponse>,
}

/// What happened to a key in a watch event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// Created or updated.
    Put,
    /// Deleted.
    Delete,
}

/// One change observed by a watch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Put or delete.
    pub kind: EventKind,
    /// For a put, the new key-value; for a delete, the key with an empty value and
    /// `mod_revision` set to the deletion's revision.
    pub kv: KeyValue,
    /// The key-value before this change, when the watch asked for it and it existed.
    pub prev_kv: Option<KeyValue>,
}

/// Parameters of a watch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WatchRequest {
    /// First key (inclusive).
    pub key: String,
    /// End of the range (exclusive); `None` watches the single key.
    pub range_end: Option<String>,
    /// First revision to deliver; 0 means "changes after the current revision".
    pub start_revision: Revision,
    /// Include `prev_kv` in events.
    pub prev_kv: bool,
}

impl WatchRequest {
    /// Watch every key starting with `prefix`, from `start_revision`. An empty
    /// prefix watches every key.
    pub fn prefix(prefix: impl Into<String>, start_revision: Revision) -> Self {
        let (key, range_end) = prefix_range(prefix.into());
        Self {
            key,
            range_end: Some(range_end),
            start_revision,
            prev_kv: false,
        }
    }

    /// Ask for previous values in events.
    pub fn with_prev_kv(mut self) -> Self {
        self.prev_kv = true;
        self
    }
}

/// A batch delivered by a watch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WatchResponse {
    /// Events in revision order. Empty for a progress notification.
    pub events: Vec<Event>,
    /// The store revision this batch brings the watcher up to: every change at or
    /// below it in the watched range has been delivered.
    pub revision: Revision,
    /// Set (and the watch ends) when `start_revision` had been compacted.
    pub compact_revision: Option<Revision>,
}

impl WatchResponse {
    /// True for a progress notification (no events, no compaction).
    pub fn is_progress(&self) -> bool {
        self.events.is_empty() && self.compact_revision.is_none()
    }
}

/// A control handle for an open watch.
pub trait WatchControl: Send + Sync {
    /// Ask the store to send a progress notification (a [`WatchResponse`] with no
    /// events) once everything up to the current revision has been delivered.
    fn request_progress(&self);
}

/// An open watch: a stream of responses plus a control handle. Dropping it cancels
/// the watch.
pub struct WatchStream {
    /// Responses, in revision order. The channel closes when the watch ends (after
    /// a compaction response, on store shutdown or on a backend error).
    pub responses: mpsc::Receiver<Result<WatchResponse>>,
    /// Control handle.
    pub control: Box<dyn WatchControl>,
}

impl std::fmt::Debug for WatchStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchStream").finish_non_exhaustive()
    }
}

/// Summary of a store's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreStatus {
    /// Current revision.
    pub revision: Revision,
    /// Compaction revision (0 if never compacted).
    pub compact_revision: Revision,
    /// Size of the backend's persistent data in bytes, if known.
    pub db_size: Option<u64>,
}

/// A key-value store with etcd's semantics.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Read one key or a range. A revision that was compacted gives
    /// [`StoreError::Compacted`]; a revision above the current one gives
    /// [`StoreError::FutureRevision`].
    async fn range(&self, req: RangeRequest) -> Result<RangeResponse>;

    /// Run a transaction atomically. A transaction that writes gets exactly one new
    /// revision; it is durable when this returns `Ok`.
    async fn txn(&self, txn: Txn) -> Result<TxnResponse>;

    /// Open a watch. A `start_revision` below the compaction revision delivers one
    /// response with `compact_revision` set and ends (as etcd: the compaction
    /// revision itself can still be watched from).
    async fn watch(&self, req: WatchRequest) -> Result<WatchStream>;

    /// Discard history before `revision`, keeping each key's latest value at
    /// `revision` (reads at `revision` still work, reads below it fail with
    /// [`StoreError::Compacted`]). Compacting at or below the current compaction
    /// revision gives [`StoreError::Compacted`]; above the current revision,
    /// [`StoreError::FutureRevision`].
    async fn compact(&self, revision: Revision) -> Result<()>;

    /// Current revision, compaction revision and size.
    async fn status(&self) -> Result<StoreStatus>;

    /// Put one key, returning the new revision.
    async fn put(&self, key: &str, value: Bytes) -> Result<Revision> {
        let resp = self
            .txn(Txn {
                success: vec![TxnOp::Put {
                    key: key.to_string(),
                    value,
                }],
                ..Default::default()
            })
            .await?;
        Ok(resp.revision)
    }

    /// Read one key at the latest revision.
    async fn get(&self, key: &str) -> Result<Option<KeyValue>> {
        let mut resp = self.range(RangeRequest::key(key)).await?;
        Ok(resp.kvs.pop())
    }

    /// Delete one key, returning the new revision and whether it existed.
    async fn delete(&self, key: &str) -> Result<(Revision, bool)> {
        let resp = self
            .txn(Txn {
                success: vec![TxnOp::Delete {
                    key: key.to_string(),
                    range_end: None,
                }],
                ..Default::default()
            })
            .await?;
        let existed = matches!(resp.responses.first(), Some(TxnOpResponse::Delete { prev_kvs }) if !prev_kvs.is_empty());
        Ok((resp.revision, existed))
    }
}

/// `key` and `range_end` covering every key starting with `prefix`; an empty
/// prefix gives `("\0", "\0")`, every key.
fn prefix_range(prefix: String) -> (String, String) {
    if prefix.is_empty() {
        return ("\0".to_string(), "\0".to_string());
    }
    let end = prefix_end(&prefix);
    (prefix, end)
}

/// The smallest key greater than every key that starts with `prefix` (etcd's
/// `GetPrefixRangeEnd`). An empty prefix gives "\0", meaning "all keys" to etcd.
pub fn prefix_end(prefix: &str) -> String {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < 0x7f {
            bytes.push(last + 1);
            // Keys are ASCII in practice; fall back to lossless conversion otherwise.
            return String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        }
    }
    "\0".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_end_increments_last_byte() {
        assert_eq!(prefix_end("/registry/pods/"), "/registry/pods0");
        assert_eq!(prefix_end("a"), "b");
        assert_eq!(prefix_end(""), "\0");
    }

    #[test]
    fn empty_prefix_means_all_keys() {
        let r = RangeRequest::prefix("");
        assert_eq!((r.key.as_str(), r.range_end.as_deref()), ("\0", Some("\0")));
        let w = WatchRequest::prefix("/a", 3);
        assert_eq!((w.key.as_str(), w.range_end.as_deref()), ("/a", Some("/b")));
    }
}
