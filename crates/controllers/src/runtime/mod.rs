//! Controller infrastructure: shared informers, work queues and the loop that
//! runs a reconciler over a queue.

pub mod factory;
pub mod informer;
pub mod queue;
pub mod worker;

pub use factory::Informers;
pub use informer::{Change, Informer};
pub use queue::WorkQueue;
