//! Running a reconciler over a work queue with a number of workers.

use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use crate::queue::WorkQueue;

/// What a reconcile asks for next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Done until something changes.
    Done,
    /// Look again after a while.
    After(Duration),
}

/// Spawns `workers` tasks that take keys from `queue` and run `reconcile`.
/// Errors re-queue the key with per-key backoff; success forgets the backoff.
pub fn run_workers<T, F, Fut>(
    name: &'static str,
    queue: Arc<WorkQueue<T>>,
    workers: usize,
    reconcile: F,
) where
    T: Hash + Eq + Clone + Send + Sync + std::fmt::Display + 'static,
    F: Fn(T) -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = anyhow::Result<Next>> + Send,
{
    for _ in 0..workers.max(1) {
        let queue = queue.clone();
        let reconcile = reconcile.clone();
        tokio::spawn(async move {
            while let Some(key) = queue.get().await {
                let result = reconcile(key.clone()).await;
                match result {
                    Ok(Next::Done) => queue.forget(&key),
                    Ok(Next::After(delay)) => {
                        queue.forget(&key);
                        queue.add_after(key.clone(), delay);
                    }
                    Err(err) => {
                        tracing::debug!(controller = name, key = %key, error = %format!("{err:#}"), "reconcile failed; retrying");
                        queue.add_rate_limited(key.clone());
                    }
                }
                queue.done(&key);
            }
        });
    }
}
