//! Expectations: what the controller is waiting to observe through its informers
//! (pod creations and deletions, tracking finalizer removals) before it trusts
//! its cache enough to act on a Job again.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

/// How long expectations are honoured before they are assumed lost.
pub const EXPECTATIONS_TTL: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, Copy)]
struct Record {
    adds: i64,
    dels: i64,
    set_at: Instant,
}

/// Pending pod creations and deletions per controller key.
#[derive(Debug, Default)]
pub struct Expectations {
    records: Mutex<HashMap<String, Record>>,
}

impl Expectations {
    /// Whether the controller may act on `key`: nothing pending, or the
    /// expectations expired.
    pub fn satisfied(&self, key: &str) -> bool {
        match self.records.lock().get(key) {
            None => true,
            Some(r) => (r.adds <= 0 && r.dels <= 0) || r.set_at.elapsed() > EXPECTATIONS_TTL,
        }
    }

    /// Expects `n` creations (replacing any previous expectations).
    pub fn expect_creations(&self, key: &str, n: usize) {
        self.set(key, i64::try_from(n).unwrap_or(i64::MAX), 0);
    }

    /// Expects `n` deletions (replacing any previous expectations).
    pub fn expect_deletions(&self, key: &str, n: usize) {
        self.set(key, 0, i64::try_from(n).unwrap_or(i64::MAX));
    }

    fn set(&self, key: &str, adds: i64, dels: i64) {
        self.records.lock().insert(
            key.to_string(),
            Record {
                adds,
                dels,
                set_at: Instant::now(),
            },
        );
    }

    /// One expected creation was observed (or will never happen).
    pub fn creation_observed(&self, key: &str) {
        if let Some(r) = self.records.lock().get_mut(key) {
            r.adds -= 1;
        }
    }

    /// One expected deletion was observed (or will never happen).
    pub fn deletion_observed(&self, key: &str) {
        if let Some(r) = self.records.lock().get_mut(key) {
            r.dels -= 1;
        }
    }

    /// Forgets a key.
    pub fn delete(&self, key: &str) {
        self.records.lock().remove(key);
    }
}

/// Pod UIDs whose tracking finalizer removal the controller has yet to observe.
#[derive(Debug, Default)]
pub struct UidExpectations {
    sets: Mutex<HashMap<String, HashSet<String>>>,
}

impl UidExpectations {
    /// The UIDs pending for `key`.
    pub fn expected(&self, key: &str) -> HashSet<String> {
        self.sets.lock().get(key).cloned().unwrap_or_default()
    }

    /// Expects the finalizer to be removed from these pods.
    pub fn expect_removed<'a>(&self, key: &str, uids: impl IntoIterator<Item = &'a str>) {
        let mut sets = self.sets.lock();
        let set = sets.entry(key.to_string()).or_default();
        set.extend(uids.into_iter().map(str::to_string));
    }

    /// A removal was observed (or will never happen).
    pub fn observed(&self, key: &str, uid: &str) {
        let mut sets = self.sets.lock();
        if let Some(set) = sets.get_mut(key) {
            set.remove(uid);
            if set.is_empty() {
                sets.remove(key);
            }
        }
    }

    /// Forgets a key.
    pub fn delete(&self, key: &str) {
        self.sets.lock().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creations_and_deletions_must_be_observed() {
        let e = Expectations::default();
        assert!(e.satisfied("a"));
        e.expect_creations("a", 2);
        assert!(!e.satisfied("a"));
        e.creation_observed("a");
        assert!(!e.satisfied("a"));
        e.creation_observed("a");
        assert!(e.satisfied("a"));
        e.expect_deletions("a", 1);
        assert!(!e.satisfied("a"));
        e.deletion_observed("a");
        assert!(e.satisfied("a"));
        e.expect_creations("a", 1);
        e.delete("a");
        assert!(e.satisfied("a"));
    }

    #[test]
    fn uid_expectations() {
        let u = UidExpectations::default();
        u.expect_removed("j", ["a", "b"]);
        assert_eq!(u.expected("j").len(), 2);
        u.observed("j", "a");
        assert!(u.expected("j").contains("b"));
        u.observed("j", "b");
        assert!(u.expected("j").is_empty());
        u.expect_removed("j", ["c"]);
        u.delete("j");
        assert!(u.expected("j").is_empty());
    }
}
