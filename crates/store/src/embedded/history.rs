//! One key's retained versions.

use bytes::Bytes;

use crate::Revision;

/// One version of a key. A tombstone (deletion) has `version == 0`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Version {
    /// Revision of the write.
    pub mod_revision: Revision,
    /// Create revision of the key (0 for a tombstone).
    pub create_revision: Revision,
    /// Number of writes since creation (0 for a tombstone).
    pub version: i64,
    /// The value (empty for a tombstone).
    pub value: Bytes,
}

impl Version {
    /// A deletion at `revision`.
    pub fn tombstone(revision: Revision) -> Self {
        Self {
            mod_revision: revision,
            create_revision: 0,
            version: 0,
            value: Bytes::new(),
        }
    }

    /// True for a deletion.
    pub fn is_tombstone(&self) -> bool {
        self.version == 0
    }

    /// Approximate bytes this version takes in a rewritten file.
    pub fn encoded_size(&self, key: &str) -> u64 {
        (key.len() + self.value.len() + 24) as u64
    }
}

/// The versions of one key in revision order (oldest first). Most keys carry a
/// single version, stored inline without a separate allocation.
#[derive(Clone, Debug)]
pub(crate) enum KeyHistory {
    /// Exactly one version.
    One(Version),
    /// Two or more versions, oldest first.
    Many(Vec<Version>),
}

impl KeyHistory {
    /// All versions, oldest first.
    pub fn versions(&self) -> &[Version] {
        match self {
            KeyHistory::One(v) => std::slice::from_ref(v),
            KeyHistory::Many(vs) => vs,
        }
    }

    /// The newest version with `mod_revision <= revision`, if any.
    pub fn at(&self, revision: Revision) -> Option<&Version> {
        let vs = self.versions();
        let idx = vs.partition_point(|v| v.mod_revision <= revision);
        idx.checked_sub(1).map(|i| &vs[i])
    }

    /// The live (non-tombstone) value at `revision`, if any.
    pub fn live_at(&self, revision: Revision) -> Option<&Version> {
        self.at(revision).filter(|v| !v.is_tombstone())
    }

    /// Appends a newer version.
    pub fn push(&mut self, version: Version) {
        match self {
            KeyHistory::One(_) => {
                let KeyHistory::One(first) = std::mem::replace(self, KeyHistory::Many(Vec::new()))
                else {
                    return;
                };
                *self = KeyHistory::Many(vec![first, version]);
            }
            KeyHistory::Many(vs) => vs.push(version),
        }
    }

    /// Drops versions superseded at `revision` (keeping the newest one at or below
    /// it), and that one too if it is a tombstone. Returns the bytes freed
    /// (see [`Version::encoded_size`]) and whether the history is now empty.
    pub fn compact(&mut self, key: &str, revision: Revision) -> (u64, bool) {
        let vs = self.versions();
        let keep_from = vs
            .partition_point(|v| v.mod_revision <= revision)
            .saturating_sub(1);
        let drop_first_kept = vs
            .get(keep_from)
            .is_some_and(|v| v.mod_revision <= revision && v.is_tombstone());
        let drop = keep_from + usize::from(drop_first_kept);
        if drop == 0 {
            return (0, false);
        }
        let freed: u64 = vs[..drop].iter().map(|v| v.encoded_size(key)).sum();
        let rest: Vec<Version> = vs[drop..].to_vec();
        let empty = rest.is_empty();
        *self = match rest.len() {
            0 | 1 => match rest.into_iter().next() {
                Some(v) => KeyHistory::One(v),
                None => KeyHistory::One(Version::tombstone(0)),
            },
            _ => KeyHistory::Many(rest),
        };
        (freed, empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(rev: Revision, create: Revision, version: i64) -> Version {
        Version {
            mod_revision: rev,
            create_revision: create,
            version,
            value: Bytes::from(rev.to_string()),
        }
    }

    #[test]
    fn one_version_costs_no_extra_allocation() {
        // The common single-version history is stored inline.
        assert!(std::mem::size_of::<KeyHistory>() <= 64);
    }

    #[test]
    fn at_and_compact() {
        let mut h = KeyHistory::One(put(2, 2, 1));
        h.push(put(4, 2, 2));
        h.push(Version::tombstone(6));
        h.push(put(8, 8, 1));
        assert_eq!(h.at(1), None);
        assert_eq!(h.at(3).map(|v| v.mod_revision), Some(2));
        assert_eq!(h.live_at(6), None);
        assert_eq!(h.live_at(7), None);
        assert_eq!(h.live_at(9).map(|v| v.version), Some(1));

        let (_, empty) = h.compact("k", 5);
        assert!(!empty);
        assert_eq!(
            h.versions()
                .iter()
                .map(|v| v.mod_revision)
                .collect::<Vec<_>>(),
            vec![4, 6, 8]
        );
        // The tombstone at 6 is the newest version at 7: it goes.
        let (_, empty) = h.compact("k", 7);
        assert!(!empty);
        assert_eq!(
            h.versions()
                .iter()
                .map(|v| v.mod_revision)
                .collect::<Vec<_>>(),
            vec![8]
        );
        assert!(matches!(h, KeyHistory::One(_)));

        let mut h = KeyHistory::One(put(2, 2, 1));
        h.push(Version::tombstone(3));
        let (freed, empty) = h.compact("k", 3);
        assert!(empty);
        assert!(freed > 0);
    }
}
