//! Capstan client runtime: the machinery every API client component shares —
//! shared informers, work queues, a worker loop and Lease-based leader election.

pub mod events;
pub mod factory;
pub mod informer;
pub mod leader;
pub mod queue;
pub mod worker;

pub use factory::Informers;
pub use informer::{Change, Informer};
pub use queue::WorkQueue;
pub use worker::{run_workers, Next};
