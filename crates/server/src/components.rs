//! Running control-plane components (controller manager, scheduler) as API
//! clients under leader election, each in its own runtime so that losing the
//! lease stops every task it started.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use anyhow::Context;
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::Client;

/// Builds a client from kubeconfig text.
pub async fn client_from_kubeconfig(text: &str, user_agent: &str) -> anyhow::Result<Client> {
    client_for_server(text, None, user_agent).await
}

/// Builds a client from kubeconfig text, talking to `server` (a URL) instead
/// of the kubeconfig's own server when one is given.
pub async fn client_for_server(
    text: &str,
    server: Option<&str>,
    user_agent: &str,
) -> anyhow::Result<Client> {
    let kubeconfig = Kubeconfig::from_yaml(text).context("parsing kubeconfig")?;
    let mut config =
        kube::Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
            .await
            .context("loading kubeconfig")?;
    if let Some(server) = server {
        config.cluster_url = server
            .parse()
            .with_context(|| format!("--server {server:?} is not a valid URL"))?;
    }
    config.headers.push((
        http::header::USER_AGENT,
        http::HeaderValue::from_str(user_agent)
            .unwrap_or(http::HeaderValue::from_static("capstan")),
    ));
    crate::http2_client::build(&config).context("building client")
}

/// A component's entry point: given a client, start its tasks.
pub type StartFn =
    Arc<dyn Fn(Client) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>> + Send + Sync>;

/// Campaigns for `lease` in kube-system and runs `start` in a dedicated runtime
/// while leading; the runtime (and every task in it) is dropped on losing the lease.
pub fn run_elected(kubeconfig: String, lease: &'static str, identity: String, start: StartFn) {
    tokio::spawn(async move {
        let client = match client_from_kubeconfig(&kubeconfig, lease).await {
            Ok(c) => c,
            Err(err) => {
                tracing::error!(component = lease, error = %format!("{err:#}"), "cannot start component");
                return;
            }
        };
        let mut leading = capstan_runtime::leader::elect(
            client,
            "kube-system",
            lease,
            identity,
            Default::default(),
        );
        loop {
            if leading.wait_for(|l| *l).await.is_err() {
                return;
            }
            let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
            let kubeconfig = kubeconfig.clone();
            let start = start.clone();
            let thread = std::thread::Builder::new().name(lease.to_string()).spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                    Ok(rt) => rt,
                    Err(err) => {
                        tracing::error!(component = lease, error = %err, "cannot build runtime");
                        return;
                    }
                };
                runtime.block_on(async {
                    match client_from_kubeconfig(&kubeconfig, lease).await {
                        Ok(client) => {
                            if let Err(err) = start(client).await {
                                tracing::error!(component = lease, error = %format!("{err:#}"), "component failed to start");
                            }
                        }
                        Err(err) => tracing::error!(component = lease, error = %format!("{err:#}"), "cannot build client"),
                    }
                });
                let _ = stop_rx.recv();
                runtime.shutdown_background();
            });
            if leading.wait_for(|l| !*l).await.is_err() {
                let _ = stop_tx.send(());
                return;
            }
            tracing::warn!(component = lease, "lost leadership; stopping");
            let _ = stop_tx.send(());
            if let Ok(handle) = thread {
                let _ = tokio::task::spawn_blocking(move || handle.join()).await;
            }
        }
    });
}
