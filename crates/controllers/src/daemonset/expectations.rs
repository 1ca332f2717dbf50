//! Controller expectations (Kubernetes' `UIDTrackingControllerExpectations`):
//! after asking for pod creations and deletions, a DaemonSet is not managed
//! again until the informer has observed them (or a timeout passes), so a
//! lagging cache never leads to duplicate pods or deletions.
//!
//! Creations are counted; deletions are tracked by pod UID, so observing the
//! same deletion twice (the pod turning terminating, then disappearing) is
//! harmless.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

/// How long unobserved expectations are trusted.
const TTL: Duration = Duration::from_secs(300);

#[derive(Clone, Debug)]
struct Expected {
    adds: i64,
    dels: HashSet<String>,
    at: Instant,
}

/// Pending creations and deletions per controller key.
#[derive(Debug, Default)]
pub struct Expectations {
    map: Mutex<HashMap<String, Expected>>,
}

impl Expectations {
    /// Whether the controller may act: nothing pending, or the expectations expired.
    pub fn satisfied(&self, key: &str) -> bool {
        match self.map.lock().get(key) {
            None => true,
            Some(e) => (e.adds <= 0 && e.dels.is_empty()) || e.at.elapsed() > TTL,
        }
    }

    /// Records that `adds` creations and the deletion of the pods with
    /// `del_uids` are about to be requested.
    pub fn expect(&self, key: &str, adds: usize, del_uids: impl IntoIterator<Item = String>) {
        self.map.lock().insert(
            key.to_string(),
            Expected {
                adds: i64::try_from(adds).unwrap_or(i64::MAX),
                dels: del_uids.into_iter().collect(),
                at: Instant::now(),
            },
        );
    }

    /// A creation was observed (or failed, so will never be).
    pub fn creation_observed(&self, key: &str) {
        if let Some(e) = self.map.lock().get_mut(key) {
            e.adds -= 1;
        }
    }

    /// The deletion of the pod with `uid` was observed (or will never happen).
    pub fn deletion_observed(&self, key: &str, uid: &str) {
        if let Some(e) = self.map.lock().get_mut(key) {
            e.dels.remove(uid);
        }
    }

    /// Lowers the expected creations (requests that were never made).
    pub fn lower(&self, key: &str, adds: usize) {
        if let Some(e) = self.map.lock().get_mut(key) {
            e.adds -= i64::try_from(adds).unwrap_or(i64::MAX);
        }
    }

    /// The pending (creations, deletions) for a key, for logging.
    pub fn pending(&self, key: &str) -> Option<(i64, usize)> {
        self.map.lock().get(key).map(|e| (e.adds, e.dels.len()))
    }

    /// Forgets a controller.
    pub fn forget(&self, key: &str) {
        self.map.lock().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satisfied_once_everything_is_observed() {
        let e = Expectations::default();
        assert!(e.satisfied("ds"));
        e.expect("ds", 2, ["u1".to_string()]);
        assert!(!e.satisfied("ds"));
        e.creation_observed("ds");
        e.deletion_observed("ds", "u1");
        assert!(!e.satisfied("ds"));
        e.creation_observed("ds");
        assert!(e.satisfied("ds"));
        e.expect("ds", 3, []);
        e.lower("ds", 3);
        assert!(e.satisfied("ds"));
        e.expect("ds", 1, []);
        e.forget("ds");
        assert!(e.satisfied("ds"));
    }

    #[test]
    fn deletions_are_tracked_by_uid() {
        let e = Expectations::default();
        e.expect("ds", 0, ["a".to_string(), "b".to_string()]);
        // Observing the same deletion twice does not count for another pod.
        e.deletion_observed("ds", "a");
        e.deletion_observed("ds", "a");
        assert!(!e.satisfied("ds"));
        assert_eq!(e.pending("ds"), Some((0, 1)));
        e.deletion_observed("ds", "b");
        assert!(e.satisfied("ds"));
    }
}
