//! Expectations: what a controller has asked the API server to do and not yet
//! seen through its informer. While a controller still expects pod creations
//! or deletions it must not act on its (stale) view again, or it would create
//! or delete twice. Expectations lapse after five minutes in case a watch
//! event was lost.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

/// How long an expectation is trusted (Kubernetes' `ExpectationsTimeout`).
pub const TTL: Duration = Duration::from_secs(5 * 60);

#[derive(Debug)]
struct Record {
    adds: i64,
    dels: i64,
    /// Keys (`namespace/name`) of pods whose deletion is expected.
    deleting: HashSet<String>,
    set_at: Instant,
}

/// Pending creations and deletions per controller key.
#[derive(Debug, Default)]
pub struct Expectations {
    records: Mutex<HashMap<String, Record>>,
}

impl Expectations {
    /// No expectations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Expects `count` pod creations for `key` (replacing what was expected).
    pub fn expect_creations(&self, key: &str, count: usize) {
        self.records.lock().insert(
            key.to_string(),
            Record {
                adds: i64::try_from(count).unwrap_or(i64::MAX),
                dels: 0,
                deleting: HashSet::new(),
                set_at: Instant::now(),
            },
        );
    }

    /// Expects the deletion of the given pods for `key` (replacing what was expected).
    pub fn expect_deletions(&self, key: &str, pod_keys: Vec<String>) {
        let deleting: HashSet<String> = pod_keys.into_iter().collect();
        self.records.lock().insert(
            key.to_string(),
            Record {
                adds: 0,
                dels: i64::try_from(deleting.len()).unwrap_or(i64::MAX),
                deleting,
                set_at: Instant::now(),
            },
        );
    }

    /// A pod created for `key` was seen (or a creation will never happen).
    pub fn creation_observed(&self, key: &str) {
        if let Some(r) = self.records.lock().get_mut(key) {
            r.adds -= 1;
        }
    }

    /// A pod of `key` was seen being deleted (or its deletion failed).
    pub fn deletion_observed(&self, key: &str, pod_key: &str) {
        if let Some(r) = self.records.lock().get_mut(key) {
            if r.deleting.remove(pod_key) {
                r.dels -= 1;
            }
        }
    }

    /// Whether `key` expects nothing more, or its expectations lapsed; a
    /// controller acts on its view only then.
    pub fn satisfied(&self, key: &str) -> bool {
        match self.records.lock().get(key) {
            None => true,
            Some(r) => (r.adds <= 0 && r.dels <= 0) || r.set_at.elapsed() > TTL,
        }
    }

    /// How long until `key`'s expectations lapse, if they are pending.
    pub fn lapses_in(&self, key: &str) -> Option<Duration> {
        let records = self.records.lock();
        let r = records.get(key)?;
        if r.adds <= 0 && r.dels <= 0 {
            return None;
        }
        Some(TTL.saturating_sub(r.set_at.elapsed()))
    }

    /// Pods of `key` whose deletion was requested but not yet seen.
    pub fn pending_deletions(&self, key: &str) -> HashSet<String> {
        self.records
            .lock()
            .get(key)
            .map(|r| r.deleting.clone())
            .unwrap_or_default()
    }

    /// Forgets `key` (its controller is gone).
    pub fn delete(&self, key: &str) {
        self.records.lock().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creations_must_be_observed() {
        let e = Expectations::new();
        assert!(e.satisfied("ns/rs"));
        e.expect_creations("ns/rs", 2);
        assert!(!e.satisfied("ns/rs"));
        e.creation_observed("ns/rs");
        assert!(!e.satisfied("ns/rs"));
        e.creation_observed("ns/rs");
        assert!(e.satisfied("ns/rs"));
        assert_eq!(e.lapses_in("ns/rs"), None);
    }

    #[test]
    fn deletions_are_tracked_by_pod() {
        let e = Expectations::new();
        e.expect_deletions("ns/rs", vec!["ns/a".into(), "ns/b".into()]);
        assert_eq!(e.pending_deletions("ns/rs").len(), 2);
        e.deletion_observed("ns/rs", "ns/c"); // not expected: ignored
        e.deletion_observed("ns/rs", "ns/a");
        e.deletion_observed("ns/rs", "ns/a"); // twice: counted once
        assert!(!e.satisfied("ns/rs"));
        e.deletion_observed("ns/rs", "ns/b");
        assert!(e.satisfied("ns/rs"));
        assert!(e.pending_deletions("ns/rs").is_empty());
        e.delete("ns/rs");
        assert!(e.satisfied("ns/rs"));
    }
}
