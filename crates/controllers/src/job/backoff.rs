//! Exponential back-off between pod retries: after `n` consecutive failures the
//! next pod waits `10s * 2^(n-1)`, capped, counted from the last failure.

use std::collections::HashMap;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Pod;
use parking_lot::Mutex;

use super::pods::finished_time;

/// The first retry delay after a pod failure.
pub const DEFAULT_POD_FAILURE_BACKOFF: Duration = Duration::from_secs(10);
/// The longest retry delay. Kubernetes 1.33's Job controller caps the pod
/// failure back-off at ten minutes (older documentation says six).
pub const MAX_POD_FAILURE_BACKOFF: Duration = Duration::from_secs(600);

/// Consecutive failures of a Job's pods since its last success.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackoffRecord {
    /// Failures since the last success.
    pub failures_after_last_success: i32,
    /// When the last of them happened.
    pub last_failure_time: Option<Timestamp>,
}

impl BackoffRecord {
    /// The record after observing newly finished pods.
    pub fn advance(&self, new_succeeded: &[&Pod], new_failed: &[&Pod]) -> BackoffRecord {
        let mut failed: Vec<Timestamp> = new_failed.iter().map(|p| finished_time(p)).collect();
        failed.sort();
        let last_success = new_succeeded.iter().map(|p| finished_time(p)).max();
        match last_success {
            None => {
                let Some(last) = failed.last() else {
                    return self.clone();
                };
                BackoffRecord {
                    failures_after_last_success: self
                        .failures_after_last_success
                        .saturating_add(i32::try_from(failed.len()).unwrap_or(i32::MAX)),
                    last_failure_time: Some(*last),
                }
            }
            Some(success) => {
                let mut rec = BackoffRecord::default();
                for t in failed.iter().rev() {
                    if *t <= success {
                        break;
                    }
                    if rec.last_failure_time.is_none() {
                        rec.last_failure_time = Some(*t);
                    }
                    rec.failures_after_last_success += 1;
                }
                rec
            }
        }
    }

    /// How long until the next pod may be created.
    pub fn remaining(&self, now: Timestamp) -> Duration {
        remaining_for_failures(
            self.failures_after_last_success,
            self.last_failure_time,
            now,
            DEFAULT_POD_FAILURE_BACKOFF,
            MAX_POD_FAILURE_BACKOFF,
        )
    }
}

/// The back-off for `failures` consecutive failures (the first waits `base`).
pub fn backoff_for(failures: i32, base: Duration, max: Duration) -> Duration {
    if failures <= 0 {
        return Duration::ZERO;
    }
    let mut d = base;
    for _ in 1..failures {
        d = d.saturating_mul(2);
        if d >= max {
            return max;
        }
    }
    d.min(max)
}

/// The time left of the back-off for `failures` failures, the last at `last`.
pub fn remaining_for_failures(
    failures: i32,
    last: Option<Timestamp>,
    now: Timestamp,
    base: Duration,
    max: Duration,
) -> Duration {
    let Some(last) = last else {
        return Duration::ZERO;
    };
    if failures <= 0 {
        return Duration::ZERO;
    }
    let backoff = backoff_for(failures, base, max);
    let elapsed = Duration::try_from(now.duration_since(last)).unwrap_or(Duration::ZERO);
    backoff.saturating_sub(elapsed)
}

/// The remaining back-off before re-creating an index whose last failed pod is
/// `last_failed` (`backoffLimitPerIndex`).
pub fn remaining_for_index(last_failed: Option<&Pod>, now: Timestamp) -> Duration {
    let Some(pod) = last_failed else {
        return Duration::ZERO;
    };
    let failures = super::indexes::index_absolute_failure_count(pod).saturating_add(1);
    remaining_for_failures(
        failures,
        Some(finished_time(pod)),
        now,
        DEFAULT_POD_FAILURE_BACKOFF,
        MAX_POD_FAILURE_BACKOFF,
    )
}

/// Back-off records per Job key.
#[derive(Debug, Default)]
pub struct BackoffStore {
    records: Mutex<HashMap<String, BackoffRecord>>,
}

impl BackoffStore {
    /// The stored record for a Job (empty when none).
    pub fn get(&self, key: &str) -> BackoffRecord {
        self.records.lock().get(key).cloned().unwrap_or_default()
    }

    /// Stores a Job's record.
    pub fn set(&self, key: &str, record: BackoffRecord) {
        self.records.lock().insert(key.to_string(), record);
    }

    /// Forgets a Job.
    pub fn remove(&self, key: &str) {
        self.records.lock().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn finished_pod(at: &str) -> Pod {
        serde_json::from_value(
            json!({"metadata": {"name": "p"}, "status": {"phase": "Failed",
            "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": at}]}}),
        )
        .expect("pod")
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn backoff_doubles_from_ten_seconds_and_caps() {
        let (b, m) = (DEFAULT_POD_FAILURE_BACKOFF, MAX_POD_FAILURE_BACKOFF);
        assert_eq!(backoff_for(0, b, m), Duration::ZERO);
        assert_eq!(backoff_for(1, b, m), Duration::from_secs(10));
        assert_eq!(backoff_for(2, b, m), Duration::from_secs(20));
        assert_eq!(backoff_for(4, b, m), Duration::from_secs(80));
        assert_eq!(backoff_for(6, b, m), Duration::from_secs(320));
        assert_eq!(backoff_for(7, b, m), Duration::from_secs(600));
        assert_eq!(backoff_for(1000, b, m), Duration::from_secs(600));
        assert_eq!(
            backoff_for(3, b, Duration::from_secs(360)),
            Duration::from_secs(40)
        );
        assert_eq!(
            backoff_for(9, b, Duration::from_secs(360)),
            Duration::from_secs(360)
        );
    }

    #[test]
    fn remaining_counts_from_last_failure() {
        let now = ts("2024-01-01T00:00:15Z");
        let rec = BackoffRecord {
            failures_after_last_success: 2,
            last_failure_time: Some(ts("2024-01-01T00:00:10Z")),
        };
        assert_eq!(rec.remaining(now), Duration::from_secs(15));
        assert_eq!(rec.remaining(ts("2024-01-01T00:01:00Z")), Duration::ZERO);
        assert_eq!(BackoffRecord::default().remaining(now), Duration::ZERO);
    }

    #[test]
    fn record_resets_on_success_and_counts_later_failures() {
        let start = BackoffRecord {
            failures_after_last_success: 3,
            last_failure_time: Some(ts("2024-01-01T00:00:01Z")),
        };
        let f1 = finished_pod("2024-01-01T00:00:05Z");
        let f2 = finished_pod("2024-01-01T00:00:20Z");
        let s = finished_pod("2024-01-01T00:00:10Z");
        let only_failures = start.advance(&[], &[&f1, &f2]);
        assert_eq!(only_failures.failures_after_last_success, 5);
        assert_eq!(
            only_failures.last_failure_time,
            Some(ts("2024-01-01T00:00:20Z"))
        );
        let mixed = start.advance(&[&s], &[&f1, &f2]);
        assert_eq!(mixed.failures_after_last_success, 1);
        assert_eq!(mixed.last_failure_time, Some(ts("2024-01-01T00:00:20Z")));
        let success_only = start.advance(&[&s], &[]);
        assert_eq!(success_only, BackoffRecord::default());
        assert_eq!(start.advance(&[], &[]), start);
    }
}
