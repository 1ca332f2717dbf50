//! The `capstan` command: a thin CLI over the capstan-server library.

use std::net::IpAddr;
use std::path::PathBuf;

use anyhow::Context;
use capstan_server::config::ServerConfig;
use clap::{Args, Parser, Subcommand};

/// Capstan: Kubernetes in one binary.
#[derive(Parser, Debug)]
#[command(name = "capstan", version, about, long_about = None)]
struct Cli {
    /// Log verbosity (0 = info, 2 = debug, 4 = trace), like Kubernetes' --v.
    #[arg(long = "v", global = true, default_value_t = 0)]
    verbosity: u8,
    /// Log format: text or json.
    #[arg(long, global = true, default_value = "text")]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a control plane (and, by default, a node on this machine).
    Server(ServerArgs),
    /// Print the admin kubeconfig of a server.
    Kubeconfig {
        /// The server's data directory.
        #[arg(long, default_value = "/var/lib/capstan")]
        data_dir: PathBuf,
    },
    /// Run simulated nodes (no containers) against a cluster, like kwok.
    SimulateNodes(SimulateArgs),
    /// Print version information.
    Version,
}

#[derive(Args, Debug)]
struct SimulateArgs {
    /// How many nodes to simulate.
    count: usize,
    /// Kubeconfig of the cluster (default: $KUBECONFIG, then /var/lib/capstan/kubeconfig.yaml).
    #[arg(long)]
    kubeconfig: Option<PathBuf>,
    /// Address of the API server (e.g. https://10.0.0.1:6443), instead of the
    /// kubeconfig's; the kubeconfig still supplies the credentials and CA.
    #[arg(long)]
    server: Option<String>,
    /// Node name prefix.
    #[arg(long, default_value = "sim-node")]
    prefix: String,
    /// CPU capacity per node.
    #[arg(long, default_value = "32")]
    cpu: String,
    /// Memory capacity per node.
    #[arg(long, default_value = "256Gi")]
    memory: String,
    /// Pod capacity per node.
    #[arg(long, default_value = "110")]
    pods: String,
    /// Lease renewal interval in seconds.
    #[arg(long, default_value_t = 10)]
    heartbeat_seconds: u64,
}

#[derive(Args, Debug)]
struct ServerArgs {
    /// Directory for the store, certificates and kubeconfig.
    #[arg(long, short = 'd', default_value = "/var/lib/capstan")]
    data_dir: PathBuf,
    /// Address the API server binds.
    #[arg(long, default_value = "0.0.0.0")]
    bind_address: IpAddr,
    /// API server port.
    #[arg(long, default_value_t = 6443)]
    https_listen_port: u16,
    /// Address advertised to clients and pods (default: the host's primary IP).
    #[arg(long)]
    advertise_address: Option<IpAddr>,
    /// Also write the admin kubeconfig to this path.
    #[arg(long, short = 'o')]
    write_kubeconfig: Option<PathBuf>,
    /// Shared secret agents use to join (generated if unset).
    #[arg(long, short = 't', env = "CAPSTAN_TOKEN")]
    token: Option<String>,
    /// Pod network range.
    #[arg(long, default_value = "10.42.0.0/16")]
    cluster_cidr: String,
    /// Service IP range.
    #[arg(long, default_value = "10.43.0.0/16")]
    service_cidr: String,
    /// Extra host names or IPs for the serving certificate (repeatable).
    #[arg(long)]
    tls_san: Vec<String>,
    /// Do not run a node agent on this machine.
    #[arg(long)]
    disable_agent: bool,
    /// Use an external etcd (comma-separated endpoints) instead of the embedded store.
    #[arg(long)]
    datastore_endpoint: Option<String>,
    /// The name of this machine's node (default: the host name).
    #[arg(long)]
    node_name: Option<String>,
    /// Register this many simulated nodes (for testing controllers at scale).
    #[arg(long, default_value_t = 0)]
    simulated_nodes: usize,
}

fn init_logging(verbosity: u8, format: &str) {
    let level = match verbosity {
        0 | 1 => "info",
        2 | 3 => "debug",
        _ => "trace",
    };
    let default = format!("warn,capstan={level},capstan_server={level},capstan_apiserver={level},capstan_store={level},capstan_controllers={level},capstan_scheduler={level},capstan_simnode={level}");
    let filter = tracing_subscriber::EnvFilter::try_from_env("CAPSTAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(err) => {
            tracing::error!(error = %err, "cannot listen for SIGTERM");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = term.recv() => tracing::info!("received SIGTERM"),
        _ = tokio::signal::ctrl_c() => tracing::info!("received SIGINT"),
    }
}

/// Caps glibc's per-thread malloc arenas: with one arena per thread the heap
/// fragments and a long-running server's resident size grows without need.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator tuning; called before other threads start.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn main() -> anyhow::Result<()> {
    limit_malloc_arenas();
    let cli = Cli::parse();
    init_logging(cli.verbosity, &cli.log_format);
    match cli.command {
        Command::Version => {
            println!("capstan {} (Kubernetes v1.33.0)", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::Kubeconfig { data_dir } => {
            let path = data_dir.join("kubeconfig.yaml");
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "reading {} (has `capstan server --data-dir {}` started?)",
                    path.display(),
                    data_dir.display()
                )
            })?;
            print!("{text}");
            Ok(())
        }
        Command::SimulateNodes(args) => {
            let path = args
                .kubeconfig
                .or_else(|| std::env::var_os("KUBECONFIG").map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("/var/lib/capstan/kubeconfig.yaml"));
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading kubeconfig {}", path.display()))?;
            let config = capstan_simnode::SimConfig {
                count: args.count,
                prefix: args.prefix,
                cpu: args.cpu,
                memory: args.memory,
                pods: args.pods,
                heartbeat: std::time::Duration::from_secs(args.heartbeat_seconds.max(1)),
                ..Default::default()
            };
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the runtime")?;
            runtime.block_on(async move {
                let client = capstan_server::components::client_for_server(
                    &text,
                    args.server.as_deref(),
                    "capstan-simulated-nodes",
                )
                .await?;
                let (tx, rx) = tokio::sync::watch::channel(false);
                tokio::spawn(async move {
                    wait_for_signal().await;
                    let _ = tx.send(true);
                });
                capstan_simnode::run(client, config, rx).await
            })
        }
        Command::Server(args) => {
            let config = ServerConfig {
                data_dir: args.data_dir,
                bind_address: args.bind_address,
                https_listen_port: args.https_listen_port,
                advertise_address: args.advertise_address,
                write_kubeconfig: args.write_kubeconfig,
                token: args.token,
                cluster_cidr: args.cluster_cidr,
                service_cidr: args.service_cidr,
                tls_san: args.tls_san,
                disable_agent: args.disable_agent,
                datastore_endpoint: args.datastore_endpoint,
                node_name: args.node_name,
                simulated_nodes: args.simulated_nodes,
            };
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the runtime")?;
            runtime.block_on(capstan_server::run::run(config, wait_for_signal(), |_| {}))
        }
    }
}
