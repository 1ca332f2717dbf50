//! Completion-index bookkeeping for Indexed Jobs: the compressed interval lists
//! that `status.completedIndexes` and `status.failedIndexes` use (`"0-2,4,6-7"`),
//! the per-pod index annotations, and the choice of indexes to start next.

use std::collections::BTreeSet;
use std::fmt;

use k8s_openapi::api::core::v1::Pod;

/// Annotation (and label) carrying a pod's completion index.
pub const COMPLETION_INDEX_ANNOTATION: &str = "batch.kubernetes.io/job-completion-index";
/// Annotation counting the failures of earlier pods for the same index.
pub const INDEX_FAILURE_COUNT_ANNOTATION: &str = "batch.kubernetes.io/job-index-failure-count";
/// Annotation counting failures of the index that the pod failure policy ignored.
pub const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION: &str =
    "batch.kubernetes.io/job-index-ignored-failure-count";
/// Environment variable exposing the completion index to containers.
pub const COMPLETION_INDEX_ENV: &str = "JOB_COMPLETION_INDEX";

/// An inclusive range of indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// First index.
    pub first: i32,
    /// Last index (inclusive).
    pub last: i32,
}

/// Sorted, non-overlapping, non-adjacent intervals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Intervals(pub Vec<Interval>);

impl Intervals {
    /// Parses the status representation, ignoring malformed pieces and anything at
    /// or beyond `completions`, as Kubernetes does.
    pub fn parse(s: &str, completions: i32) -> Self {
        let mut out: Vec<Interval> = Vec::new();
        if s.is_empty() {
            return Self(out);
        }
        for part in s.split(',') {
            let mut limits = part.split('-');
            let Some(Ok(first)) = limits.next().map(str::parse::<i32>) else {
                continue;
            };
            if first >= completions {
                break;
            }
            let last = match limits.next() {
                Some(l) => match l.parse::<i32>() {
                    Ok(l) => l.min(completions - 1),
                    Err(_) => continue,
                },
                None => first,
            };
            match out.last_mut() {
                Some(prev) if prev.last == first - 1 => prev.last = last,
                _ => out.push(Interval { first, last }),
            }
        }
        Self(out)
    }

    /// A new list that also contains `indexes` (given in increasing order).
    pub fn with_indexes(&self, indexes: &[i32]) -> Self {
        let extra = Intervals(
            indexes
                .iter()
                .map(|&i| Interval { first: i, last: i })
                .collect(),
        );
        self.merge(&extra)
    }

    /// The union of two lists.
    pub fn merge(&self, other: &Intervals) -> Self {
        let mut out: Vec<Interval> = Vec::new();
        let mut push = |iv: Interval| match out.last_mut() {
            Some(prev) if iv.first <= prev.last.saturating_add(1) => {
                if prev.last < iv.last {
                    prev.last = iv.last;
                }
            }
            _ => out.push(iv),
        };
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if a[i].first < b[j].first {
                push(a[i]);
                i += 1;
            } else {
                push(b[j]);
                j += 1;
            }
        }
        a[i..].iter().for_each(|iv| push(*iv));
        b[j..].iter().for_each(|iv| push(*iv));
        Self(out)
    }

    /// How many indexes the list holds.
    pub fn total(&self) -> i32 {
        self.0.iter().map(|iv| iv.last - iv.first + 1).sum()
    }

    /// Whether `ix` is in the list.
    pub fn has(&self, ix: i32) -> bool {
        let pos = self.0.partition_point(|iv| iv.last < ix);
        self.0.get(pos).is_some_and(|iv| iv.first <= ix)
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Intervals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, iv) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}", iv.first)?;
            if iv.last > iv.first {
                let sep = if iv.last == iv.first + 1 { "," } else { "-" };
                write!(f, "{sep}{}", iv.last)?;
            }
        }
        Ok(())
    }
}

/// A pod's completion index from its annotation; `None` when missing or invalid.
pub fn completion_index(pod: &Pod) -> Option<i32> {
    pod.metadata
        .annotations
        .as_ref()?
        .get(COMPLETION_INDEX_ANNOTATION)?
        .parse::<i32>()
        .ok()
        .filter(|i| *i >= 0)
}

/// A pod's index within `0..completions`, if it has one.
pub fn valid_index(pod: &Pod, completions: i32) -> Option<i32> {
    completion_index(pod).filter(|i| *i < completions)
}

fn annotation_count(pod: &Pod, key: &str) -> i32 {
    pod.metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(key))
        .and_then(|v| v.parse::<i64>().ok())
        .and_then(|v| i32::try_from(v).ok())
        .filter(|v| *v >= 0)
        .unwrap_or(0)
}

/// The counted failures of the pod's index before this pod.
pub fn index_failure_count(pod: &Pod) -> i32 {
    annotation_count(pod, INDEX_FAILURE_COUNT_ANNOTATION)
}

/// The ignored failures of the pod's index before this pod.
pub fn index_ignored_failure_count(pod: &Pod) -> i32 {
    annotation_count(pod, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION)
}

/// All failures (counted or ignored) of the pod's index before this pod.
pub fn index_absolute_failure_count(pod: &Pod) -> i32 {
    index_failure_count(pod).saturating_add(index_ignored_failure_count(pod))
}

/// The first `count` indexes below `completions` that are neither succeeded,
/// failed nor taken by a pod in `busy`.
pub fn first_pending_indexes(
    succeeded: &Intervals,
    failed: Option<&Intervals>,
    busy: &BTreeSet<i32>,
    count: usize,
    completions: i32,
) -> Vec<i32> {
    let mut out = Vec::with_capacity(count);
    if count == 0 {
        return out;
    }
    let busy: Vec<i32> = busy.iter().copied().collect();
    let mut taken = succeeded.with_indexes(&busy);
    if let Some(f) = failed {
        taken = taken.merge(f);
    }
    let mut candidate = 0;
    for iv in &taken.0 {
        while candidate < completions && out.len() < count && candidate < iv.first {
            out.push(candidate);
            candidate += 1;
        }
        if candidate < iv.last + 1 {
            candidate = iv.last + 1;
        }
    }
    while candidate < completions && out.len() < count {
        out.push(candidate);
        candidate += 1;
    }
    out
}

/// The indexes the given pods carry.
pub fn indexes_of<'a>(pods: impl IntoIterator<Item = &'a Pod>) -> BTreeSet<i32> {
    pods.into_iter().filter_map(completion_index).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod_with_index(ix: &str) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": "p", "annotations": {COMPLETION_INDEX_ANNOTATION: ix}}
        }))
        .expect("pod")
    }

    #[test]
    fn parse_and_print_round_trip() {
        let iv = Intervals::parse("0-2,4,6,7,9-12", 11);
        assert_eq!(iv.to_string(), "0-2,4,6,7,9,10");
        assert_eq!(iv.total(), 8);
        assert!(iv.has(1) && iv.has(4) && iv.has(7) && !iv.has(3) && !iv.has(8));
        assert_eq!(Intervals::parse("", 3), Intervals::default());
        assert_eq!(Intervals::parse("x,1,2", 5).to_string(), "1,2");
        assert_eq!(Intervals::parse("5,1", 5).to_string(), "");
        assert_eq!(Intervals::parse("1-3", 10).to_string(), "1-3");
    }

    #[test]
    fn merge_joins_adjacent_and_overlapping() {
        let a = Intervals::parse("0,5-7", 100);
        let b = a.with_indexes(&[1, 2, 4, 9]);
        assert_eq!(b.to_string(), "0-2,4-7,9");
        let c = b.merge(&Intervals::parse("3,8", 100));
        assert_eq!(c.to_string(), "0-9");
        assert_eq!(c.total(), 10);
    }

    #[test]
    fn pending_indexes_skip_succeeded_failed_and_active() {
        let succeeded = Intervals::parse("0,2", 10);
        let failed = Intervals::parse("4", 10);
        let busy: BTreeSet<i32> = [1, 5].into_iter().collect();
        assert_eq!(
            first_pending_indexes(&succeeded, Some(&failed), &busy, 3, 10),
            vec![3, 6, 7]
        );
        assert_eq!(
            first_pending_indexes(&succeeded, None, &busy, 10, 7),
            vec![3, 4, 6]
        );
        assert!(first_pending_indexes(&succeeded, None, &busy, 0, 7).is_empty());
    }

    #[test]
    fn completion_index_annotation() {
        assert_eq!(completion_index(&pod_with_index("3")), Some(3));
        assert_eq!(completion_index(&pod_with_index("-1")), None);
        assert_eq!(completion_index(&pod_with_index("x")), None);
        assert_eq!(valid_index(&pod_with_index("3"), 3), None);
    }
}
