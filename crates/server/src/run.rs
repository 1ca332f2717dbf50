//! Starting and stopping the control plane.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use capstan_apiserver::bootstrap::{self, ApiEndpoint};
use capstan_apiserver::context::UserInfo;
use capstan_apiserver::http::Server;
use capstan_apiserver::openapi::OpenApi;
use capstan_apiserver::schema::Schemas;
use capstan_apiserver::server::{ListenConfig, Listener, TokenAuthenticator, TokenMap};
use capstan_apiserver::serviceaccount::authenticator::ServiceAccountAuthenticator;
use capstan_apiserver::serviceaccount::{Issuer, SigningKey, DEFAULT_ISSUER};
use capstan_apiserver::tls::TlsMaterial;
use capstan_apiserver::{builtins, Api, ApiSettings};
use capstan_store::Store;

use crate::config::ServerConfig;
use crate::{kubeconfig, netutil, pki::Pki};

/// A running server's facts, for callers that start more components.
#[derive(Clone, Debug)]
pub struct Running {
    /// The API server URL clients on this host use.
    pub url: String,
    /// The admin kubeconfig.
    pub admin_kubeconfig: String,
    /// The join token.
    pub token: String,
}

async fn open_store(config: &ServerConfig) -> anyhow::Result<Arc<dyn Store>> {
    match &config.datastore_endpoint {
        Some(endpoints) if !endpoints.is_empty() => {
            let list: Vec<String> = endpoints
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let store = capstan_store::etcd::EtcdStore::connect(&list, Default::default())
                .await
                .with_context(|| format!("connecting to etcd at {endpoints}"))?;
            Ok(Arc::new(store))
        }
        _ => {
            let dir = config.db_dir();
            let store = capstan_store::embedded::EmbeddedStore::open(&dir)
                .with_context(|| format!("opening the embedded store in {}", dir.display()))?;
            Ok(Arc::new(store))
        }
    }
}

fn load_or_create_token(config: &ServerConfig) -> anyhow::Result<String> {
    let path = config.data_dir.join("token");
    if let Some(t) = &config.token {
        kubeconfig::write(&path, t).with_context(|| format!("writing {}", path.display()))?;
        return Ok(t.clone());
    }
    match std::fs::read_to_string(&path) {
        Ok(t) if !t.trim().is_empty() => Ok(t.trim().to_string()),
        _ => {
            let token = random_hex(32);
            kubeconfig::write(&path, &token)
                .with_context(|| format!("writing {}", path.display()))?;
            Ok(token)
        }
    }
}

fn random_hex(bytes: usize) -> String {
    (0..bytes).map(|_| format!("{:02x}", rand_byte())).collect()
}

fn rand_byte() -> u8 {
    let mut b = [0u8; 1];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        let _ = std::io::Read::read_exact(&mut f, &mut b);
    }
    b[0]
}

/// Signs the legacy token Secrets the token controller fills.
struct LegacySigner(Arc<Issuer>);

impl capstan_controllers::serviceaccount_token::LegacyTokenSigner for LegacySigner {
    fn sign(&self, namespace: &str, name: &str, uid: &str, secret: &str) -> anyhow::Result<String> {
        Ok(self.0.sign_legacy(namespace, name, uid, secret)?)
    }
}

/// The service account token issuer, signing with the PKI's key.
fn token_issuer(pki: &Pki) -> anyhow::Result<Arc<Issuer>> {
    let key = SigningKey::from_pem(&pki.service_account_key)
        .context("loading the service account signing key")?;
    Ok(Arc::new(Issuer::new(key, DEFAULT_ISSUER, Vec::new())))
}

/// Runs the control plane until `shutdown` completes. `on_ready` is called once
/// the API is serving and bootstrapped.
pub async fn run<F>(
    config: ServerConfig,
    shutdown: F,
    on_ready: impl FnOnce(Running),
) -> anyhow::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating data dir {}", config.data_dir.display()))?;
    let host_ip = config.advertise_address.unwrap_or_else(netutil::primary_ip);
    let service_ip = netutil::nth_ip(&config.service_cidr, 1)
        .with_context(|| format!("invalid --service-cidr {:?}", config.service_cidr))?;
    let hostname = netutil::hostname();
    let mut dns = vec![
        "localhost".to_string(),
        hostname.clone(),
        "kubernetes".into(),
        "kubernetes.default".into(),
        "kubernetes.default.svc".into(),
        "kubernetes.default.svc.cluster.local".into(),
    ];
    let mut ips: Vec<IpAddr> = vec![
        IpAddr::V4(Ipv4Addr::LOCALHOST),
        host_ip,
        IpAddr::V4(service_ip),
    ];
    for san in &config.tls_san {
        match san.parse::<IpAddr>() {
            Ok(ip) => ips.push(ip),
            Err(_) => dns.push(san.clone()),
        }
    }
    if !config.bind_address.is_unspecified() {
        ips.push(config.bind_address);
    }
    dns.sort();
    dns.dedup();
    ips.sort();
    ips.dedup();
    let pki =
        Pki::load_or_create(&config.tls_dir(), &dns, &ips).context("preparing certificates")?;
    let token = load_or_create_token(&config)?;
    let issuer = token_issuer(&pki)?;

    let store = open_store(&config).await?;
    let priority_classes =
        capstan_apiserver::registry::core::priority_classes::PriorityClassIndex::new();
    let catalog = builtins::catalog_with(priority_classes.clone());
    let schemas = Schemas::build(&catalog);
    let settings = ApiSettings {
        service_cidr: config.service_cidr.clone(),
        token_issuer: Some(issuer.clone()),
        ..Default::default()
    };
    let api = Api::new(store.clone(), catalog, schemas, settings);
    priority_classes.connect(&api);

    let mut tokens = TokenMap::new();
    tokens.insert(
        token.clone(),
        UserInfo::named(
            "system:capstan-agent",
            vec!["system:nodes".into(), "system:authenticated".into()],
        ),
    );
    let bind = SocketAddr::new(config.bind_address, config.https_listen_port);
    let listener = Listener::bind(ListenConfig {
        bind,
        tls: TlsMaterial {
            cert_chain_pem: pki.serving.cert_pem.clone(),
            key_pem: pki.serving.key_pem.clone(),
            client_ca_pem: pki.ca.cert_pem.clone(),
        },
        tokens,
        token_authenticators: vec![Arc::new(ServiceAccountAuthenticator::new(
            api.clone(),
            issuer.clone(),
        )) as Arc<dyn TokenAuthenticator>],
    })
    .await?;
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .unwrap_or(config.https_listen_port);
    let ready_api = api.clone();
    let server = Arc::new(Server {
        api: api.clone(),
        openapi: OpenApi::new(api.clone()),
        advertise_address: format!("{host_ip}:{port}"),
        ready: Arc::new(move || ready_api.caches_ready()),
    });
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut stop_serve = stop_rx.clone();
    let serving = tokio::spawn(listener.serve(server, async move {
        let _ = stop_serve.wait_for(|s| *s).await;
    }));

    api.wait_caches_ready(Duration::from_secs(30))
        .await
        .map_err(anyhow::Error::msg)?;
    bootstrap::run(
        &api,
        &ApiEndpoint {
            service_ip: service_ip.to_string(),
            host_ip: host_ip.to_string(),
            port,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("bootstrapping cluster objects: {e}"))?;

    let local_host = if config.bind_address.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        config.bind_address.to_string()
    };
    let url = format!("https://{local_host}:{port}");
    let admin_kubeconfig = kubeconfig::render(&url, &pki.ca.cert_pem, &pki.admin);
    kubeconfig::write(&config.kubeconfig_path(), &admin_kubeconfig)
        .with_context(|| format!("writing {}", config.kubeconfig_path().display()))?;
    if let Some(extra) = &config.write_kubeconfig {
        kubeconfig::write(extra, &admin_kubeconfig)
            .with_context(|| format!("writing {}", extra.display()))?;
    }
    let compactor = tokio::spawn(crate::run::compact_periodically(
        store.clone(),
        stop_rx.clone(),
    ));
    let identity = format!("{hostname}_{}", random_hex(8));
    let controller_options = capstan_controllers::Options {
        legacy_tokens: Some(capstan_controllers::serviceaccount_token::Options {
            signer: Arc::new(LegacySigner(issuer.clone())),
            root_ca: pki.ca.cert_pem.as_bytes().to_vec(),
        }),
    };
    crate::components::run_elected(
        admin_kubeconfig.clone(),
        "kube-controller-manager",
        identity.clone(),
        Arc::new(move |client| {
            Box::pin(capstan_controllers::start_all(
                client,
                controller_options.clone(),
            ))
        }),
    );
    let sched_config = capstan_scheduler::SchedulerConfig {
        instance: identity.clone(),
        ..Default::default()
    };
    crate::components::run_elected(
        admin_kubeconfig.clone(),
        "kube-scheduler",
        identity.clone(),
        Arc::new(move |client| {
            let cfg = sched_config.clone();
            Box::pin(capstan_scheduler::start(client, cfg))
        }),
    );
    if config.simulated_nodes > 0 {
        let sim = capstan_simnode::SimConfig {
            count: config.simulated_nodes,
            cluster_cidr: config.cluster_cidr.clone(),
            ..Default::default()
        };
        let kubeconfig = admin_kubeconfig.clone();
        let stop = stop_rx.clone();
        tokio::spawn(async move {
            match crate::components::client_from_kubeconfig(&kubeconfig, "capstan-simulated-nodes")
                .await
            {
                Ok(client) => {
                    if let Err(err) = capstan_simnode::run(client, sim, stop).await {
                        tracing::error!(error = %format!("{err:#}"), "simulated nodes failed");
                    }
                }
                Err(err) => {
                    tracing::error!(error = %format!("{err:#}"), "simulated nodes: cannot build client")
                }
            }
        });
    }
    capstan_apiserver::memory::release_free_memory();
    tracing::info!(%url, kubeconfig = %config.kubeconfig_path().display(), "capstan server is ready");
    on_ready(Running {
        url,
        admin_kubeconfig,
        token,
    });

    shutdown.await;
    tracing::info!("shutting down");
    let _ = stop_tx.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(5), serving).await;
    compactor.abort();
    Ok(())
}

/// Compacts the store every five minutes to the revision seen five minutes
/// earlier, as the Kubernetes API server does.
pub async fn compact_periodically(
    store: Arc<dyn Store>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let interval = Duration::from_secs(300);
    let mut previous: Option<i64> = None;
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        let current = match store.status().await {
            Ok(s) => s.revision,
            Err(err) => {
                tracing::warn!(error = %err, "reading store status for compaction");
                continue;
            }
        };
        if let Some(rev) = previous {
            match store.compact(rev).await {
                Ok(()) => tracing::debug!(revision = rev, "compacted store"),
                Err(capstan_store::StoreError::Compacted { .. }) => {}
                Err(err) => tracing::warn!(error = %err, revision = rev, "compaction failed"),
            }
        }
        previous = Some(current);
    }
}
