//! The scheduling queue: an active heap ordered by priority then arrival, a
//! backoff queue for pods that recently failed, and a pool of unschedulable pods
//! that return when the cluster changes (or after five minutes).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use parking_lot::Mutex;
use tokio::sync::Notify;
use tokio::time::Instant;

/// First retry delay after a failure.
pub const INITIAL_BACKOFF: Duration = Duration::from_secs(1);
/// Longest retry delay.
pub const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Unschedulable pods are retried at least this often.
pub const MAX_UNSCHEDULABLE: Duration = Duration::from_secs(300);
/// How often the unschedulable pool is checked for pods that waited too long.
const UNSCHEDULABLE_FLUSH_EVERY: Duration = Duration::from_secs(30);

/// A pod waiting to be scheduled.
#[derive(Clone, Debug)]
pub struct QueuedPod {
    /// The latest version of the pod.
    pub pod: Arc<Pod>,
    /// Failed scheduling attempts so far.
    pub attempts: u32,
    /// When the pod first entered the queue.
    pub enqueued: Instant,
    /// The scheduling cycle in which it was last popped.
    pub cycle: u64,
    /// Its last failure may be lifted by other pods arriving or changing.
    pub waits_for_pods: bool,
}

#[derive(Debug, PartialEq, Eq)]
struct ActiveEntry {
    priority: i32,
    seq: u64,
    uid: String,
}

impl Ord for ActiveEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.priority
            .cmp(&other.priority)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for ActiveEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Active,
    Backoff(Instant),
    Unschedulable(Instant),
    InFlight,
}

#[derive(Debug, Default)]
struct Inner {
    pods: HashMap<String, (QueuedPod, Where)>,
    active: BinaryHeap<ActiveEntry>,
    backoff: BinaryHeap<std::cmp::Reverse<(Instant, u64, String)>>,
    unschedulable_count: usize,
    last_unschedulable_flush: Option<Instant>,
    seq: u64,
    /// Scheduling cycles started so far.
    cycle: u64,
    /// The cycle during which the cluster last changed in a way that may help.
    move_request_cycle: u64,
    /// The cycle during which a pod was last placed or relabeled.
    pod_move_request_cycle: u64,
}

/// The scheduling queue.
#[derive(Debug, Default)]
pub struct SchedulingQueue {
    inner: Mutex<Inner>,
    notify: Notify,
}

fn priority(pod: &Pod) -> i32 {
    pod.spec.as_ref().and_then(|s| s.priority).unwrap_or(0)
}

fn uid(pod: &Pod) -> String {
    pod.metadata.uid.clone().unwrap_or_default()
}

fn backoff(attempts: u32) -> Duration {
    let exp = attempts.saturating_sub(1).min(16);
    INITIAL_BACKOFF.saturating_mul(1u32 << exp).min(MAX_BACKOFF)
}

impl SchedulingQueue {
    /// An empty queue.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    fn push_active(inner: &mut Inner, pod: &Pod) {
        inner.seq += 1;
        let seq = inner.seq;
        inner.active.push(ActiveEntry {
            priority: priority(pod),
            seq,
            uid: uid(pod),
        });
    }

    fn set_place(inner: &mut Inner, id: &str, new: Where) {
        let Some((_, place)) = inner.pods.get_mut(id) else {
            return;
        };
        let old = *place;
        *place = new;
        if matches!(old, Where::Unschedulable(_)) {
            inner.unschedulable_count = inner.unschedulable_count.saturating_sub(1);
        }
        match new {
            Where::Unschedulable(_) => inner.unschedulable_count += 1,
            Where::Backoff(t) => {
                inner.seq += 1;
                let seq = inner.seq;
                inner
                    .backoff
                    .push(std::cmp::Reverse((t, seq, id.to_string())));
            }
            _ => {}
        }
    }

    /// Adds a new pending pod, or updates a queued one (an updated pod in the
    /// unschedulable pool gets another chance).
    pub fn add_or_update(&self, pod: Arc<Pod>) {
        let id = uid(&pod);
        let mut inner = self.inner.lock();
        match inner.pods.get_mut(&id) {
            Some((queued, place)) => {
                queued.pod = pod.clone();
                if let Where::Unschedulable(_) = place {
                    let until = Instant::now() + backoff(queued.attempts);
                    Self::set_place(&mut inner, &id, Where::Backoff(until));
                }
            }
            None => {
                let queued = QueuedPod {
                    pod: pod.clone(),
                    attempts: 0,
                    enqueued: Instant::now(),
                    cycle: 0,
                    waits_for_pods: false,
                };
                inner.pods.insert(id, (queued, Where::Active));
                Self::push_active(&mut inner, &pod);
                drop(inner);
                self.notify.notify_one();
            }
        }
    }

    /// Removes a pod (deleted, or bound by someone else).
    pub fn remove(&self, uid: &str) {
        let mut inner = self.inner.lock();
        Self::set_place(&mut inner, uid, Where::InFlight);
        inner.pods.remove(uid);
    }

    /// Waits for the next pod to schedule.
    pub async fn pop(&self) -> QueuedPod {
        loop {
            let notified = self.notify.notified();
            let wake_at = {
                let mut inner = self.inner.lock();
                self.flush(&mut inner);
                while let Some(entry) = inner.active.pop() {
                    inner.cycle += 1;
                    let cycle = inner.cycle;
                    if let Some((queued, place)) = inner.pods.get_mut(&entry.uid) {
                        if *place == Where::Active {
                            *place = Where::InFlight;
                            queued.cycle = cycle;
                            return queued.clone();
                        }
                    }
                }
                let next_backoff = inner.backoff.peek().map(|std::cmp::Reverse((t, _, _))| *t);
                let next_flush = (inner.unschedulable_count > 0).then(|| {
                    inner.last_unschedulable_flush.unwrap_or_else(Instant::now)
                        + UNSCHEDULABLE_FLUSH_EVERY
                });
                match (next_backoff, next_flush) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            };
            match wake_at {
                Some(t) => {
                    tokio::select! {
                        _ = notified => {}
                        _ = tokio::time::sleep_until(t) => {}
                    }
                }
                None => notified.await,
            }
        }
    }

    /// Moves expired backoff pods, and unschedulable pods that waited too long, to active.
    fn flush(&self, inner: &mut Inner) {
        let now = Instant::now();
        while let Some(std::cmp::Reverse((t, _, id))) = inner.backoff.peek().cloned() {
            if t > now {
                break;
            }
            inner.backoff.pop();
            if let Some((queued, place)) = inner.pods.get_mut(&id) {
                if *place == Where::Backoff(t) {
                    *place = Where::Active;
                    let pod = queued.pod.clone();
                    Self::push_active(inner, &pod);
                }
            }
        }
        let due = inner
            .last_unschedulable_flush
            .is_none_or(|t| now >= t + UNSCHEDULABLE_FLUSH_EVERY);
        if inner.unschedulable_count > 0 && due {
            inner.last_unschedulable_flush = Some(now);
            let stale: Vec<String> = inner
                .pods
                .iter()
                .filter(|(_, (_, w))| matches!(w, Where::Unschedulable(t) if *t + MAX_UNSCHEDULABLE <= now))
                .map(|(k, _)| k.clone())
                .collect();
            for id in stale {
                Self::set_place(inner, &id, Where::Active);
                if let Some((queued, _)) = inner.pods.get(&id) {
                    let pod = queued.pod.clone();
                    Self::push_active(inner, &pod);
                }
            }
        } else if inner.unschedulable_count == 0 {
            inner.last_unschedulable_flush = None;
        }
    }

    /// The pod was scheduled (or is being bound): it leaves the queue.
    pub fn done(&self, uid: &str) {
        self.remove(uid);
    }

    /// The pod could not be scheduled: it waits in the unschedulable pool (or
    /// backoff, if the cluster changed while it was being scheduled).
    /// `waits_for_pods`: other pods arriving or changing may make it fit.
    pub fn unschedulable(&self, pod: Arc<Pod>, waits_for_pods: bool) {
        let id = uid(&pod);
        let mut inner = self.inner.lock();
        let move_request_cycle = inner.move_request_cycle;
        let pod_move_request_cycle = inner.pod_move_request_cycle;
        if let Some((queued, _)) = inner.pods.get_mut(&id) {
            let moved = move_request_cycle >= queued.cycle
                || (waits_for_pods && pod_move_request_cycle >= queued.cycle);
            queued.attempts += 1;
            queued.pod = pod;
            queued.waits_for_pods = waits_for_pods;
            let next = if moved {
                Where::Backoff(Instant::now() + backoff(queued.attempts))
            } else {
                Where::Unschedulable(Instant::now())
            };
            Self::set_place(&mut inner, &id, next);
        }
        drop(inner);
        self.notify.notify_one();
    }

    /// A pod was placed or relabeled: pods rejected because of other pods
    /// (affinity, spreading) get another chance.
    pub fn move_pods_waiting_for_pods(&self) {
        let mut inner = self.inner.lock();
        inner.pod_move_request_cycle = inner.cycle;
        if inner.unschedulable_count == 0 {
            return;
        }
        let now = Instant::now();
        let to_move: Vec<(String, Instant)> = inner
            .pods
            .iter()
            .filter(|(_, (q, place))| q.waits_for_pods && matches!(place, Where::Unschedulable(_)))
            .map(|(id, (queued, _))| {
                (
                    id.clone(),
                    now + backoff(queued.attempts).min(Duration::from_secs(1)),
                )
            })
            .collect();
        if to_move.is_empty() {
            return;
        }
        for (id, until) in to_move {
            Self::set_place(&mut inner, &id, Where::Backoff(until));
        }
        drop(inner);
        self.notify.notify_one();
    }

    /// Scheduling or binding failed with an error: retry after backoff.
    pub fn retry_after_error(&self, pod: Arc<Pod>) {
        let id = uid(&pod);
        let mut inner = self.inner.lock();
        match inner.pods.get_mut(&id) {
            Some((queued, _)) => {
                queued.attempts += 1;
                queued.pod = pod;
                let until = Instant::now() + backoff(queued.attempts);
                Self::set_place(&mut inner, &id, Where::Backoff(until));
            }
            None => {
                let queued = QueuedPod {
                    pod,
                    attempts: 1,
                    enqueued: Instant::now(),
                    cycle: 0,
                    waits_for_pods: false,
                };
                inner.pods.insert(id.clone(), (queued, Where::InFlight));
                Self::set_place(
                    &mut inner,
                    &id,
                    Where::Backoff(Instant::now() + INITIAL_BACKOFF),
                );
            }
        }
        drop(inner);
        self.notify.notify_one();
    }

    /// A cluster change that may make unschedulable pods fit: move them to
    /// backoff (or active, once their backoff has passed).
    pub fn move_all_unschedulable(&self) {
        let mut inner = self.inner.lock();
        let now = Instant::now();
        inner.move_request_cycle = inner.cycle;
        if inner.unschedulable_count > 0 {
            let to_move: Vec<(String, Instant)> = inner
                .pods
                .iter()
                .filter(|(_, (_, place))| matches!(place, Where::Unschedulable(_)))
                .map(|(id, (queued, _))| {
                    (
                        id.clone(),
                        now + backoff(queued.attempts).min(Duration::from_secs(1)),
                    )
                })
                .collect();
            for (id, until) in to_move {
                Self::set_place(&mut inner, &id, Where::Backoff(until));
            }
        }
        drop(inner);
        self.notify.notify_one();
    }

    /// Number of pods known to the queue.
    pub fn len(&self) -> usize {
        self.inner.lock().pods.len()
    }

    /// Whether the queue is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(name: &str, prio: i32) -> Arc<Pod> {
        Arc::new(
            serde_json::from_value(json!({"metadata": {"name": name, "uid": name}, "spec": {"priority": prio, "containers": []}}))
                .expect("pod"),
        )
    }

    #[tokio::test]
    async fn pops_by_priority_then_arrival() {
        let q = SchedulingQueue::new();
        q.add_or_update(pod("a", 0));
        q.add_or_update(pod("b", 10));
        q.add_or_update(pod("c", 0));
        let order: Vec<String> = vec![q.pop().await, q.pop().await, q.pop().await]
            .into_iter()
            .map(|p| p.pod.metadata.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(order, vec!["b", "a", "c"]);
    }

    #[tokio::test(start_paused = true)]
    async fn unschedulable_pods_return_after_a_cluster_change_and_backoff() {
        let q = SchedulingQueue::new();
        q.add_or_update(pod("a", 0));
        let p = q.pop().await;
        q.unschedulable(p.pod.clone(), false);
        assert_eq!(q.len(), 1);
        q.move_all_unschedulable();
        let again = tokio::time::timeout(Duration::from_secs(2), q.pop())
            .await
            .expect("returns after backoff");
        assert_eq!(again.attempts, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn only_pods_waiting_for_pods_return_when_a_pod_arrives() {
        let q = SchedulingQueue::new();
        q.add_or_update(pod("affine", 0));
        q.add_or_update(pod("big", 0));
        let a = q.pop().await;
        let b = q.pop().await;
        q.unschedulable(a.pod.clone(), true);
        q.unschedulable(b.pod.clone(), false);
        q.move_pods_waiting_for_pods();
        let again = tokio::time::timeout(Duration::from_secs(2), q.pop())
            .await
            .expect("the affinity pod returns");
        assert_eq!(again.pod.metadata.name.as_deref(), Some("affine"));
        assert!(tokio::time::timeout(Duration::from_secs(20), q.pop())
            .await
            .is_err());
    }

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(5), Duration::from_secs(10));
    }
}
