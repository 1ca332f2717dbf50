//! Capstan scheduler: assigns pending pods to nodes. Shaped like Kubernetes'
//! scheduler: a [`queue`] of pending pods, a [`cache`] of nodes and the pods on
//! them, and a [`framework`] of [`plugins`] (Filter, Score, Reserve, Permit,
//! Bind, ...) run by the [`scheduler`] loop. It is an API client like any other.

pub mod cache;
pub mod cycle_bench;
pub mod framework;
pub mod plugins;
pub mod queue;
pub mod resources;
pub mod scheduler;

pub use scheduler::{Scheduler, SchedulerConfig};

use std::sync::Arc;
use std::time::Duration;

use capstan_runtime::Informers;
use kube::Client;

/// Starts the default scheduler against `client`; returns once it is running.
pub async fn start(client: Client, config: SchedulerConfig) -> anyhow::Result<()> {
    let informers = Informers::new(client.clone());
    let listers = Arc::new(plugins::listers::InformerListers::new(&informers));
    let framework = plugins::default_framework(client.clone(), listers.clone(), &config);
    let sched = Scheduler::new(client, &informers, config, framework);
    scheduler::wait_synced(&informers).await;
    listers.wait_synced(Duration::from_secs(60)).await;
    tokio::spawn(sched.run());
    Ok(())
}
