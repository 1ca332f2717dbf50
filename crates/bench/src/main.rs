//! `capstan-bench`: benchmarks that print tables (they are not tests).
//!
//! * `capstan-bench store` — the embedded store against etcd 3.4.
//! * `capstan-bench api` — HTTPS API throughput/latency and server memory.
//! * `capstan-bench scheduler` — scheduling with thousands of simulated nodes.

mod api;
mod sched;
mod server;
mod stats;
mod store;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "capstan-bench",
    about = "Capstan benchmarks (print markdown tables)"
)]
struct Cli {
    /// Path of the capstan binary (default: next to capstan-bench).
    #[arg(long, global = true)]
    capstan: Option<PathBuf>,
    #[command(subcommand)]
    command: Bench,
}

#[derive(Subcommand, Debug)]
enum Bench {
    /// Embedded store vs etcd 3.4.
    Store {
        /// Operations per measurement with 64 clients.
        #[arg(long, default_value_t = 20_000)]
        ops: usize,
    },
    /// API throughput/latency and memory.
    Api {
        /// Creates in the closed-loop run.
        #[arg(long, default_value_t = 20_000)]
        creates: usize,
        /// ConfigMaps stored for the memory measurement.
        #[arg(long, default_value_t = 100_000)]
        objects: usize,
    },
    /// Scheduling throughput and latency.
    Scheduler {
        /// Simulated nodes.
        #[arg(long, default_value_t = 5000)]
        nodes: usize,
        /// Pods to schedule.
        #[arg(long, default_value_t = 10_000)]
        pods: usize,
        /// Replicas of the Deployment measured to all Running.
        #[arg(long, default_value_t = 1000)]
        deployment_replicas: usize,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        match cli.command {
            Bench::Store { ops } => store::run(ops).await,
            Bench::Api { creates, objects } => {
                api::run(
                    &server::capstan_path(cli.capstan.as_deref())?,
                    creates,
                    objects,
                )
                .await
            }
            Bench::Scheduler {
                nodes,
                pods,
                deployment_replicas,
            } => {
                sched::run(
                    &server::capstan_path(cli.capstan.as_deref())?,
                    nodes,
                    pods,
                    deployment_replicas,
                )
                .await
            }
        }
    })
}
