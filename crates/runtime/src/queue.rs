//! A work queue with Kubernetes' semantics: each key is queued at most once,
//! a key being processed is not handed to a second worker, a key re-added while
//! processing is processed again afterwards, and failures back off per key.

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use tokio::sync::Notify;

struct Inner<T> {
    queue: VecDeque<T>,
    queued: HashSet<T>,
    processing: HashSet<T>,
    dirty: HashSet<T>,
    failures: HashMap<T, u32>,
    shutdown: bool,
}

/// A deduplicating, rate-limited work queue.
pub struct WorkQueue<T> {
    inner: Mutex<Inner<T>>,
    notify: Notify,
    base_delay: Duration,
    max_delay: Duration,
}

impl<T: Hash + Eq + Clone + Send + 'static> WorkQueue<T> {
    /// A queue whose failure backoff starts at 5 ms and caps at 1000 s, as client-go's default.
    pub fn new() -> Arc<Self> {
        Self::with_backoff(Duration::from_millis(5), Duration::from_secs(1000))
    }

    /// A queue with a custom failure backoff.
    pub fn with_backoff(base_delay: Duration, max_delay: Duration) -> Arc<Self> {
        Arc::new(Self {
            inner: Mutex::new(Inner {
                queue: VecDeque::new(),
                queued: HashSet::new(),
                processing: HashSet::new(),
                dirty: HashSet::new(),
                failures: HashMap::new(),
                shutdown: false,
            }),
            notify: Notify::new(),
            base_delay,
            max_delay,
        })
    }

    /// Queues a key now.
    pub fn add(&self, key: T) {
        let mut inner = self.inner.lock();
        if inner.shutdown {
            return;
        }
        if inner.processing.contains(&key) {
            inner.dirty.insert(key);
            return;
        }
        if inner.queued.insert(key.clone()) {
            inner.queue.push_back(key);
            drop(inner);
            self.notify.notify_one();
        }
    }

    /// Queues a key after a delay.
    pub fn add_after(self: &Arc<Self>, key: T, delay: Duration) {
        if delay.is_zero() {
            self.add(key);
            return;
        }
        let queue = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            queue.add(key);
        });
    }

    /// Queues a key after its per-key backoff, which doubles with each call until
    /// [`WorkQueue::forget`].
    pub fn add_rate_limited(self: &Arc<Self>, key: T) {
        let delay = {
            let mut inner = self.inner.lock();
            let n = inner.failures.entry(key.clone()).or_insert(0);
            let exp = (*n).min(30);
            *n += 1;
            self.base_delay
                .saturating_mul(1u32 << exp.min(31))
                .min(self.max_delay)
        };
        self.add_after(key, delay);
    }

    /// Resets a key's failure count.
    pub fn forget(&self, key: &T) {
        self.inner.lock().failures.remove(key);
    }

    /// How many times a key has failed since it was last forgotten.
    pub fn retries(&self, key: &T) -> u32 {
        self.inner.lock().failures.get(key).copied().unwrap_or(0)
    }

    /// Waits for the next key; `None` after shutdown. Call [`WorkQueue::done`] after processing.
    pub async fn get(&self) -> Option<T> {
        loop {
            let notified = self.notify.notified();
            {
                let mut inner = self.inner.lock();
                if let Some(key) = inner.queue.pop_front() {
                    inner.queued.remove(&key);
                    inner.processing.insert(key.clone());
                    return Some(key);
                }
                if inner.shutdown {
                    return None;
                }
            }
            notified.await;
        }
    }

    /// Marks a key processed; re-queues it if it was added meanwhile.
    pub fn done(&self, key: &T) {
        let mut inner = self.inner.lock();
        inner.processing.remove(key);
        if inner.dirty.remove(key) && inner.queued.insert(key.clone()) {
            inner.queue.push_back(key.clone());
            drop(inner);
            self.notify.notify_one();
        }
    }

    /// Number of keys waiting.
    pub fn len(&self) -> usize {
        self.inner.lock().queue.len()
    }

    /// Whether no keys are waiting.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Stops handing out keys; waiting `get` calls return `None`.
    pub fn shutdown(&self) {
        self.inner.lock().shutdown = true;
        self.notify.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn deduplicates_and_reprocesses_keys_added_during_processing() {
        let q = WorkQueue::new();
        q.add("a");
        q.add("a");
        q.add("b");
        assert_eq!(q.len(), 2);
        let first = q.get().await.expect("key");
        assert_eq!(first, "a");
        q.add("a"); // while processing: marked dirty, not queued twice
        assert_eq!(q.len(), 1);
        q.done(&"a");
        assert_eq!(q.len(), 2);
        assert_eq!(q.get().await, Some("b"));
        assert_eq!(q.get().await, Some("a"));
    }

    #[tokio::test(start_paused = true)]
    async fn rate_limited_backoff_doubles() {
        let q = WorkQueue::with_backoff(Duration::from_millis(10), Duration::from_secs(1));
        q.add_rate_limited("k");
        q.add_rate_limited("k");
        assert_eq!(q.retries(&"k"), 2);
        tokio::time::sleep(Duration::from_millis(25)).await;
        assert_eq!(q.get().await, Some("k"));
        q.forget(&"k");
        assert_eq!(q.retries(&"k"), 0);
    }

    #[tokio::test]
    async fn shutdown_wakes_waiters() {
        let q: Arc<WorkQueue<u32>> = WorkQueue::new();
        let q2 = q.clone();
        let waiter = tokio::spawn(async move { q2.get().await });
        tokio::task::yield_now().await;
        q.shutdown();
        assert_eq!(waiter.await.expect("join"), None);
    }
}
