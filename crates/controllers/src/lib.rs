//! Capstan controller manager: one module per controller, each a reconcile loop
//! over shared informers, talking to the API server like any other client.

pub mod clusterrole_aggregation;
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
pub mod serviceaccount_token;
pub mod statefulset;
pub mod ttl_after_finished;

use kube::Client;

/// What the controllers need from the server beyond an API client.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Signing key and CA for legacy ServiceAccount token Secrets; without
    /// them the token controller does not run.
    pub legacy_tokens: Option<serviceaccount_token::Options>,
}

/// Starts every controller against `client`. Returns once they are running.
pub async fn start_all(client: Client, options: Options) -> anyhow::Result<()> {
    let informers = capstan_runtime::Informers::new(client.clone());
    if let Some(tokens) = options.legacy_tokens {
        serviceaccount_token::start(&informers, tokens);
    }
    namespace::start(&informers);
    clusterrole_aggregation::start(&informers);
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
