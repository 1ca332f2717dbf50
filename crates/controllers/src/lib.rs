//! Capstan controller manager: one module per controller, each a reconcile loop
//! over shared informers, talking to the API server like any other client.

pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod discovery;
pub mod disruption;
pub mod endpoints;
pub mod endpointslice;
pub mod garbage_collector;
pub mod history;
pub mod hpa;
pub mod job;
pub mod namespace;
pub mod node_lifecycle;
pub mod pod_gc;
pub mod pod_util;
pub mod replicaset;
pub mod replication_controller;
pub mod resourcequota;
pub mod serviceaccount;
pub mod statefulset;
pub mod ttl_after_finished;

use kube::Client;

/// Starts every controller against `client`. Returns once they are running.
pub async fn start_all(client: Client) -> anyhow::Result<()> {
    let informers = capstan_runtime::Informers::new(client.clone());
    namespace::start(&informers);
    statefulset::start(&informers);
    daemonset::start(&informers);
    endpoints::start(&informers);
    endpointslice::start(&informers);
    serviceaccount::start(&informers);
    disruption::start(&informers);
    resourcequota::start(&informers);
    hpa::start(&informers);
    node_lifecycle::start(&informers, node_lifecycle::Options::default());
    job::start(&informers);
    cronjob::start(&informers);
    ttl_after_finished::start(&informers);
    pod_gc::start(&informers);
    replicaset::start(&informers);
    replication_controller::start(&informers);
    deployment::start(&informers);
    garbage_collector::start(client).await?;
    Ok(())
}
