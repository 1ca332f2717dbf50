//! Capstan storage.
//!
//! [`Store`] is a key-value store with etcd's semantics: every write gets a new,
//! global, increasing revision; each key carries its create and mod revision and a
//! version; transactions compare and swap; ranges read at any retained revision;
//! watches replay from a revision; compaction discards history and makes older
//! revisions answer [`StoreError::Compacted`].
//!
//! Backends: [`embedded::EmbeddedStore`] (default, one durable file) and
//! [`etcd::EtcdStore`] (a real etcd cluster).

#![warn(missing_docs)]

pub mod embedded;
pub mod etcd;
mod types;

pub use types::*;
