//! The binary encoding of log records.
//!
//! A record on disk is a frame: `len: u32 LE`, `crc32(payload): u32 LE`, then
//! `len` payload bytes. A payload starts with a one-byte tag; integers are
//! unsigned LEB128 varints (revisions and versions are never negative on disk)
//! and byte strings are a varint length followed by the bytes.

use std::sync::Arc;

use bytes::Bytes;

use crate::Revision;

/// Size of a frame header (length + checksum).
pub(crate) const FRAME_HEADER: usize = 8;

/// Largest payload a frame may carry; anything larger is treated as damage.
pub(crate) const MAX_PAYLOAD: u32 = 1 << 30;

/// Magic bytes in the header record, identifying a Capstan store file.
pub(crate) const MAGIC: &[u8; 8] = b"CAPSTKV1";

/// The file format version written in the header record.
pub(crate) const FORMAT_VERSION: u64 = 1;

const TAG_HEADER: u8 = 1;
const TAG_TXN: u8 = 2;
const TAG_COMPACT: u8 = 3;
const TAG_SNAPSHOT_BEGIN: u8 = 4;
const TAG_BASE: u8 = 5;
const TAG_SNAPSHOT_END: u8 = 6;

const CHANGE_PUT: u8 = 0;
const CHANGE_DELETE: u8 = 1;

/// One key change inside a transaction record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// A put, with the key's resulting create revision and version.
    Put {
        /// Key.
        key: Arc<str>,
        /// Create revision of the key after the put.
        create_revision: Revision,
        /// Version of the key after the put.
        version: i64,
        /// New value.
        value: Bytes,
    },
    /// A deletion.
    Delete {
        /// Key.
        key: Arc<str>,
    },
}

/// A decoded log record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Record {
    /// First record of every file.
    Header {
        /// Format version.
        format: u64,
    },
    /// The changes of one write transaction, in operation order.
    Txn {
        /// The transaction's revision.
        revision: Revision,
        /// Its changes.
        changes: Vec<Change>,
    },
    /// A compaction.
    Compact {
        /// The compaction revision.
        revision: Revision,
    },
    /// Start of a snapshot written by a rewrite (only right after the header).
    SnapshotBegin {
        /// Compaction revision of the snapshot.
        compact_revision: Revision,
    },
    /// A key's latest version before the snapshot's compaction revision.
    Base {
        /// Key.
        key: Arc<str>,
        /// Create revision.
        create_revision: Revision,
        /// Mod revision.
        mod_revision: Revision,
        /// Version.
        version: i64,
        /// Value.
        value: Bytes,
    },
    /// End of a snapshot; the store's revision at the snapshot.
    SnapshotEnd {
        /// Revision of the snapshot.
        revision: Revision,
    },
}

/// Why a payload could not be decoded.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DecodeError {
    /// The payload ended in the middle of a field.
    #[error("record truncated while reading {0}")]
    Truncated(&'static str),
    /// A varint is longer than 64 bits.
    #[error("varint overflow while reading {0}")]
    VarintOverflow(&'static str),
    /// An unknown record or change tag.
    #[error("unknown {what} tag {tag}")]
    UnknownTag {
        /// What was being decoded.
        what: &'static str,
        /// The tag byte.
        tag: u8,
    },
    /// A key is not UTF-8.
    #[error("key is not valid UTF-8")]
    BadKey,
    /// Bytes left over after the record.
    #[error("{0} trailing bytes after record")]
    Trailing(usize),
    /// The header's magic is wrong.
    #[error("bad magic: not a capstan store file")]
    BadMagic,
    /// A number does not fit its field.
    #[error("value out of range for {0}")]
    OutOfRange(&'static str),
}

// ---------------------------------------------------------------------------
// Encoding

fn put_varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

/// Revisions and versions are positive in practice; clamp defensively.
fn put_int(buf: &mut Vec<u8>, v: i64) {
    put_varint(buf, v.max(0) as u64);
}

fn put_bytes(buf: &mut Vec<u8>, b: &[u8]) {
    put_varint(buf, b.len() as u64);
    buf.extend_from_slice(b);
}

/// Appends one framed record to `buf`; the payload is produced by `body`.
fn frame(buf: &mut Vec<u8>, body: impl FnOnce(&mut Vec<u8>)) {
    let start = buf.len();
    buf.extend_from_slice(&[0u8; FRAME_HEADER]);
    body(buf);
    let payload = &buf[start + FRAME_HEADER..];
    let len = payload.len() as u32;
    let crc = crc32fast::hash(payload);
    buf[start..start + 4].copy_from_slice(&len.to_le_bytes());
    buf[start + 4..start + 8].copy_from_slice(&crc.to_le_bytes());
}

/// Appends the framed header record.
pub(crate) fn encode_header(buf: &mut Vec<u8>) {
    frame(buf, |b| {
        b.push(TAG_HEADER);
        b.extend_from_slice(MAGIC);
        put_varint(b, FORMAT_VERSION);
    });
}

/// Appends a framed transaction record.
pub(crate) fn encode_txn(buf: &mut Vec<u8>, revision: Revision, changes: &[Change]) {
    frame(buf, |b| {
        b.push(TAG_TXN);
        put_int(b, revision);
        put_varint(b, changes.len() as u64);
        for change in changes {
            match change {
                Change::Put {
                    key,
                    create_revision,
                    version,
                    value,
                } => {
                    b.push(CHANGE_PUT);
                    put_bytes(b, key.as_bytes());
                    put_int(b, *create_revision);
                    put_int(b, *version);
                    put_bytes(b, value);
                }
                Change::Delete { key } => {
                    b.push(CHANGE_DELETE);
                    put_bytes(b, key.as_bytes());
                }
            }
        }
    });
}

/// Appends a framed compaction record.
pub(crate) fn encode_compact(buf: &mut Vec<u8>, revision: Revision) {
    frame(buf, |b| {
        b.push(TAG_COMPACT);
        put_int(b, revision);
    });
}

/// Appends a framed snapshot-begin record.
pub(crate) fn encode_snapshot_begin(buf: &mut Vec<u8>, compact_revision: Revision) {
    frame(buf, |b| {
        b.push(TAG_SNAPSHOT_BEGIN);
        put_int(b, compact_revision);
    });
}

/// Appends a framed base record.
pub(crate) fn encode_base(
    buf: &mut Vec<u8>,
    key: &str,
    create_revision: Revision,
    mod_revision: Revision,
    version: i64,
    value: &[u8],
) {
    frame(buf, |b| {
        b.push(TAG_BASE);
        put_bytes(b, key.as_bytes());
        put_int(b, create_revision);
        put_int(b, mod_revision);
        put_int(b, version);
        put_bytes(b, value);
    });
}

/// Appends a framed snapshot-end record.
pub(crate) fn encode_snapshot_end(buf: &mut Vec<u8>, revision: Revision) {
    frame(buf, |b| {
        b.push(TAG_SNAPSHOT_END);
        put_int(b, revision);
    });
}

// ---------------------------------------------------------------------------
// Decoding

/// Reads fields from a payload; values are zero-copy slices of it.
struct Reader<'a> {
    payload: &'a Bytes,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self, what: &'static str) -> Result<u8, DecodeError> {
        let b = *self
            .payload
            .get(self.pos)
            .ok_or(DecodeError::Truncated(what))?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self, what: &'static str) -> Result<u64, DecodeError> {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.u8(what)?;
            if shift == 63 && b > 1 {
                return Err(DecodeError::VarintOverflow(what));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                return Err(DecodeError::VarintOverflow(what));
            }
        }
    }

    fn int(&mut self, what: &'static str) -> Result<i64, DecodeError> {
        i64::try_from(self.varint(what)?).map_err(|_| DecodeError::OutOfRange(what))
    }

    fn slice(&mut self, what: &'static str) -> Result<Bytes, DecodeError> {
        let len = usize::try_from(self.varint(what)?).map_err(|_| DecodeError::OutOfRange(what))?;
        let end = self
            .pos
            .checked_add(len)
            .ok_or(DecodeError::Truncated(what))?;
        if end > self.payload.len() {
            return Err(DecodeError::Truncated(what));
        }
        let out = self.payload.slice(self.pos..end);
        self.pos = end;
        Ok(out)
    }

    fn key(&mut self) -> Result<Arc<str>, DecodeError> {
        let raw = self.slice("key")?;
        let s = std::str::from_utf8(&raw).map_err(|_| DecodeError::BadKey)?;
        Ok(Arc::from(s))
    }

    fn finish(&self) -> Result<(), DecodeError> {
        match self.payload.len() - self.pos {
            0 => Ok(()),
            n => Err(DecodeError::Trailing(n)),
        }
    }
}

/// Decodes one record payload (without its frame).
pub(crate) fn decode(payload: &Bytes) -> Result<Record, DecodeError> {
    let mut r = Reader { payload, pos: 0 };
    let tag = r.u8("tag")?;
    let record = match tag {
        TAG_HEADER => {
            let mut magic = [0u8; 8];
            for m in magic.iter_mut() {
                *m = r.u8("magic")?;
            }
            if &magic != MAGIC {
                return Err(DecodeError::BadMagic);
            }
            Record::Header {
                format: r.varint("format")?,
            }
        }
        TAG_TXN => {
            let revision = r.int("revision")?;
            let n = r.varint("change count")?;
            // Each change takes at least two bytes; guards the allocation.
            let cap = usize::try_from(n)
                .unwrap_or(usize::MAX)
                .min(payload.len() / 2);
            let mut changes = Vec::with_capacity(cap);
            for _ in 0..n {
                match r.u8("change tag")? {
                    CHANGE_PUT => {
                        let key = r.key()?;
                        let create_revision = r.int("create revision")?;
                        let version = r.int("version")?;
                        let value = r.slice("value")?;
                        changes.push(Change::Put {
                            key,
                            create_revision,
                            version,
                            value,
                        });
                    }
                    CHANGE_DELETE => changes.push(Change::Delete { key: r.key()? }),
                    tag => {
                        return Err(DecodeError::UnknownTag {
                            what: "change",
                            tag,
                        })
                    }
                }
            }
            Record::Txn { revision, changes }
        }
        TAG_COMPACT => Record::Compact {
            revision: r.int("revision")?,
        },
        TAG_SNAPSHOT_BEGIN => Record::SnapshotBegin {
            compact_revision: r.int("compact revision")?,
        },
        TAG_BASE => {
            let key = r.key()?;
            let create_revision = r.int("create revision")?;
            let mod_revision = r.int("mod revision")?;
            let version = r.int("version")?;
            let value = r.slice("value")?;
            Record::Base {
                key,
                create_revision,
                mod_revision,
                version,
                value,
            }
        }
        TAG_SNAPSHOT_END => Record::SnapshotEnd {
            revision: r.int("revision")?,
        },
        tag => {
            return Err(DecodeError::UnknownTag {
                what: "record",
                tag,
            })
        }
    };
    r.finish()?;
    Ok(record)
}

/// Parses a frame header: payload length and checksum.
pub(crate) fn parse_frame_header(h: &[u8; FRAME_HEADER]) -> (u32, u32) {
    let len = u32::from_le_bytes([h[0], h[1], h[2], h[3]]);
    let crc = u32::from_le_bytes([h[4], h[5], h[6], h[7]]);
    (len, crc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(buf: &[u8]) -> Record {
        let mut h = [0u8; FRAME_HEADER];
        h.copy_from_slice(&buf[..FRAME_HEADER]);
        let (len, crc) = parse_frame_header(&h);
        let payload = Bytes::copy_from_slice(&buf[FRAME_HEADER..]);
        assert_eq!(len as usize, payload.len());
        assert_eq!(crc, crc32fast::hash(&payload));
        decode(&payload).expect("decodes")
    }

    #[test]
    fn records_roundtrip() {
        let changes = vec![
            Change::Put {
                key: Arc::from("/a"),
                create_revision: 3,
                version: 7,
                value: Bytes::from_static(b"xyz"),
            },
            Change::Delete {
                key: Arc::from("/b"),
            },
        ];
        let mut buf = Vec::new();
        encode_txn(&mut buf, 1 << 40, &changes);
        assert_eq!(
            roundtrip(&buf),
            Record::Txn {
                revision: 1 << 40,
                changes
            }
        );

        let mut buf = Vec::new();
        encode_header(&mut buf);
        assert_eq!(
            roundtrip(&buf),
            Record::Header {
                format: FORMAT_VERSION
            }
        );

        let mut buf = Vec::new();
        encode_compact(&mut buf, 99);
        assert_eq!(roundtrip(&buf), Record::Compact { revision: 99 });

        let mut buf = Vec::new();
        encode_base(&mut buf, "k", 2, 5, 4, b"v");
        assert_eq!(
            roundtrip(&buf),
            Record::Base {
                key: Arc::from("k"),
                create_revision: 2,
                mod_revision: 5,
                version: 4,
                value: Bytes::from_static(b"v")
            }
        );

        let mut buf = Vec::new();
        encode_snapshot_begin(&mut buf, 4);
        encode_snapshot_end(&mut buf, 8);
        assert_eq!(
            roundtrip(&buf[..buf.len() / 2]),
            Record::SnapshotBegin {
                compact_revision: 4
            }
        );
        assert_eq!(
            roundtrip(&buf[buf.len() / 2..]),
            Record::SnapshotEnd { revision: 8 }
        );
    }

    #[test]
    fn garbage_never_panics() {
        // Every prefix and a few mutations of a valid payload decode or fail cleanly.
        let mut buf = Vec::new();
        encode_txn(
            &mut buf,
            12,
            &[Change::Put {
                key: Arc::from("key"),
                create_revision: 1,
                version: 1,
                value: Bytes::from_static(b"val"),
            }],
        );
        let payload = &buf[FRAME_HEADER..];
        for cut in 0..payload.len() {
            let _ = decode(&Bytes::copy_from_slice(&payload[..cut]));
        }
        for i in 0..payload.len() {
            for b in [0u8, 0x7f, 0x80, 0xff] {
                let mut p = payload.to_vec();
                p[i] = b;
                let _ = decode(&Bytes::from(p));
            }
        }
        assert!(decode(&Bytes::from_static(&[
            TAG_TXN, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f
        ]))
        .is_err());
    }
}
