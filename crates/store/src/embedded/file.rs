//! The data file: creation, locking, replay on open and torn-tail repair.

use std::fs::{File, OpenOptions};
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

use bytes::Bytes;

use super::codec::{self, Record, FRAME_HEADER, MAX_PAYLOAD};
use super::history::Version;
use super::state::State;
use crate::{Result, StoreError};

/// Name of the data file inside the store directory.
pub(crate) const DATA_FILE: &str = "store.db";
/// Name of the temporary file used while creating or rewriting the data file.
pub(crate) const TEMP_FILE: &str = "store.db.tmp";
/// Name of the lock file guarding the directory against a second opener.
pub(crate) const LOCK_FILE: &str = "LOCK";

/// Wraps an I/O error with what the store was doing.
pub(crate) fn io_error(context: impl Into<String>, source: io::Error) -> StoreError {
    StoreError::Io {
        context: context.into(),
        source,
    }
}

/// Makes a rename or file creation in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// An exclusive advisory lock on the store directory, held while the store is open.
#[derive(Debug)]
pub(crate) struct DirLock {
    _file: File,
}

impl DirLock {
    /// Takes the lock or fails if another process (or store) holds it.
    pub fn acquire(dir: &Path) -> Result<DirLock> {
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io_error(format!("opening lock file {}", path.display()), e))?;
        // SAFETY: flock on a valid, owned file descriptor has no memory effects.
        let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if rc != 0 {
            let err = io::Error::last_os_error();
            return Err(io_error(
                format!("locking {} (is the store open elsewhere?)", path.display()),
                err,
            ));
        }
        Ok(DirLock { _file: file })
    }
}

/// The result of opening and replaying the data file.
#[derive(Debug)]
pub(crate) struct Recovered {
    /// The replayed state (everything in it is durable and committed).
    pub state: State,
    /// The data file, positioned at its end, ready for appends.
    pub file: File,
    /// Its length.
    pub len: u64,
    /// Bytes cut off a torn or corrupt tail, if any.
    pub truncated: u64,
}

/// Paths of the store's files.
#[derive(Clone, Debug)]
pub(crate) struct Paths {
    /// The directory.
    pub dir: PathBuf,
    /// The data file.
    pub data: PathBuf,
    /// The temporary file.
    pub temp: PathBuf,
}

impl Paths {
    /// The files of the store in `dir`.
    pub fn new(dir: &Path) -> Self {
        Paths {
            dir: dir.to_path_buf(),
            data: dir.join(DATA_FILE),
            temp: dir.join(TEMP_FILE),
        }
    }
}

/// Opens (creating if needed) and replays the data file.
pub(crate) fn open(paths: &Paths) -> Result<Recovered> {
    if paths.temp.exists() {
        // A rewrite or creation that did not finish: the data file is authoritative.
        std::fs::remove_file(&paths.temp)
            .map_err(|e| io_error(format!("removing leftover {}", paths.temp.display()), e))?;
        sync_dir(&paths.dir).map_err(|e| io_error("syncing store directory", e))?;
    }
    if !paths.data.exists() {
        create_fresh(paths)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(&paths.data)
        .map_err(|e| io_error(format!("opening {}", paths.data.display()), e))?;
    let file_len = file
        .metadata()
        .map_err(|e| io_error("reading data file size", e))?
        .len();
    let (state, good_len) = replay(&mut file, file_len)?;
    let truncated = file_len - good_len;
    if truncated > 0 {
        tracing::warn!(
            path = %paths.data.display(),
            offset = good_len,
            dropped_bytes = truncated,
            "store: truncating torn or corrupt tail of the log"
        );
        file.set_len(good_len)
            .map_err(|e| io_error("truncating torn log tail", e))?;
        file.sync_all()
            .map_err(|e| io_error("syncing truncated log", e))?;
    }
    file.seek(SeekFrom::Start(good_len))
        .map_err(|e| io_error("seeking to end of log", e))?;
    Ok(Recovered {
        state,
        file,
        len: good_len,
        truncated,
    })
}

/// Writes a new data file holding only the header, atomically.
fn create_fresh(paths: &Paths) -> Result<()> {
    let mut buf = Vec::new();
    codec::encode_header(&mut buf);
    write_new_file(&paths.temp, &buf)
        .map_err(|e| io_error(format!("creating {}", paths.temp.display()), e))?;
    std::fs::rename(&paths.temp, &paths.data)
        .map_err(|e| io_error("renaming new data file into place", e))?;
    sync_dir(&paths.dir).map_err(|e| io_error("syncing store directory", e))
}

fn write_new_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    f.write_all(contents)?;
    f.sync_all()
}

/// One step of reading the log.
enum Next {
    /// A record payload with a valid checksum.
    Record(Bytes),
    /// Clean end of file.
    End,
    /// A torn or corrupt frame starts here.
    Damaged(&'static str),
}

struct LogReader<R> {
    inner: R,
    offset: u64,
    len: u64,
}

impl<R: Read> LogReader<R> {
    fn next(&mut self) -> io::Result<Next> {
        let remaining = self.len - self.offset;
        if remaining == 0 {
            return Ok(Next::End);
        }
        if remaining < FRAME_HEADER as u64 {
            return Ok(Next::Damaged("short frame header"));
        }
        let mut header = [0u8; FRAME_HEADER];
        self.inner.read_exact(&mut header)?;
        let (len, crc) = codec::parse_frame_header(&header);
        if len == 0 {
            // Every record has at least a tag; zeros are a crash-filled tail.
            return Ok(Next::Damaged("empty frame"));
        }
        if len > MAX_PAYLOAD || u64::from(len) > remaining - FRAME_HEADER as u64 {
            return Ok(Next::Damaged("frame length past end of file"));
        }
        let mut payload = vec![0u8; len as usize];
        self.inner.read_exact(&mut payload)?;
        if crc32fast::hash(&payload) != crc {
            return Ok(Next::Damaged("checksum mismatch"));
        }
        self.offset += FRAME_HEADER as u64 + u64::from(len);
        Ok(Next::Record(Bytes::from(payload)))
    }
}

/// Replays the log into a fresh state. Returns the state and the length of the
/// valid prefix of the file (anything after it is a torn or corrupt tail).
fn replay(file: &mut File, len: u64) -> Result<(State, u64)> {
    file.seek(SeekFrom::Start(0))
        .map_err(|e| io_error("seeking to start of log", e))?;
    let mut reader = LogReader {
        inner: BufReader::with_capacity(1 << 20, &mut *file),
        offset: 0,
        len,
    };
    let read_err = |e| io_error("reading log", e);
    let corrupt = |offset: u64, what: String| {
        StoreError::Corrupt(format!("log record at offset {offset}: {what}"))
    };

    // The header is written atomically with the file; damage there is not a torn tail.
    let header = match reader.next().map_err(read_err)? {
        Next::Record(p) => p,
        Next::End => return Err(corrupt(0, "file is empty (no header)".into())),
        Next::Damaged(why) => return Err(corrupt(0, format!("damaged header: {why}"))),
    };
    match codec::decode(&header) {
        Ok(Record::Header {
            format: codec::FORMAT_VERSION,
        }) => {}
        Ok(Record::Header { format }) => {
            return Err(corrupt(0, format!("unsupported format version {format}")))
        }
        Ok(_) => return Err(corrupt(0, "first record is not a header".into())),
        Err(e) => return Err(corrupt(0, e.to_string())),
    }

    let mut state = State::new();
    let mut in_snapshot = false;
    let mut first = true;
    loop {
        let offset = reader.offset;
        let payload = match reader.next().map_err(read_err)? {
            Next::Record(p) => p,
            Next::End => break,
            Next::Damaged(why) => {
                if in_snapshot {
                    // Snapshots are fsynced before they are renamed into place.
                    return Err(corrupt(offset, format!("damaged snapshot: {why}")));
                }
                tracing::warn!(offset, reason = why, "store: damaged log record");
                return Ok((state, offset));
            }
        };
        let record = codec::decode(&payload).map_err(|e| corrupt(offset, e.to_string()))?;
        let was_first = std::mem::replace(&mut first, false);
        let result = match record {
            Record::Header { .. } => Err("second header".to_string()),
            Record::SnapshotBegin { compact_revision } if was_first => {
                in_snapshot = true;
                state.set_snapshot_compaction(compact_revision);
                Ok(())
            }
            Record::SnapshotBegin { .. } => Err("snapshot not at start of file".to_string()),
            Record::Base {
                key,
                create_revision,
                mod_revision,
                version,
                value,
            } if in_snapshot => state.replay_base(
                key,
                Version {
                    mod_revision,
                    create_revision,
                    version: version.max(1),
                    value,
                },
            ),
            Record::Base { .. } => Err("base record outside a snapshot".to_string()),
            Record::SnapshotEnd { revision } if in_snapshot => {
                in_snapshot = false;
                state.finish_snapshot(revision)
            }
            Record::SnapshotEnd { .. } => Err("snapshot end outside a snapshot".to_string()),
            Record::Txn { revision, changes } => state.replay_txn(revision, changes),
            Record::Compact { .. } if in_snapshot => {
                Err("compaction inside a snapshot".to_string())
            }
            Record::Compact { revision } => state.compact(revision).map_err(|e| e.to_string()),
        };
        result.map_err(|what| corrupt(offset, what))?;
    }
    if in_snapshot {
        return Err(corrupt(
            reader.offset,
            "snapshot without an end record".into(),
        ));
    }
    Ok((state, reader.offset))
}
