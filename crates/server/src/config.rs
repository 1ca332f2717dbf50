//! Server configuration. Flag names follow k3s where the same setting exists.

use std::net::IpAddr;
use std::path::PathBuf;

/// Everything `capstan server` can be told.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Where state lives (store, certificates, kubeconfig).
    pub data_dir: PathBuf,
    /// Address the API server binds.
    pub bind_address: IpAddr,
    /// API server port.
    pub https_listen_port: u16,
    /// Address advertised to clients and pods (defaults to the host's primary IP).
    pub advertise_address: Option<IpAddr>,
    /// Extra path to write the admin kubeconfig to.
    pub write_kubeconfig: Option<PathBuf>,
    /// Shared secret agents use to join (generated when absent).
    pub token: Option<String>,
    /// Pod network range.
    pub cluster_cidr: String,
    /// Service IP range.
    pub service_cidr: String,
    /// Extra names and IPs for the serving certificate.
    pub tls_san: Vec<String>,
    /// Do not run a node agent on this machine.
    pub disable_agent: bool,
    /// External datastore (etcd endpoints, comma separated, `http://` or `https://`).
    pub datastore_endpoint: Option<String>,
    /// The name of this machine's node.
    pub node_name: Option<String>,
    /// Number of simulated nodes to register.
    pub simulated_nodes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("/var/lib/capstan"),
            bind_address: IpAddr::from([0, 0, 0, 0]),
            https_listen_port: 6443,
            advertise_address: None,
            write_kubeconfig: None,
            token: None,
            cluster_cidr: "10.42.0.0/16".into(),
            service_cidr: "10.43.0.0/16".into(),
            tls_san: Vec::new(),
            disable_agent: false,
            datastore_endpoint: None,
            node_name: None,
            simulated_nodes: 0,
        }
    }
}

impl ServerConfig {
    /// Path of the admin kubeconfig inside the data dir.
    pub fn kubeconfig_path(&self) -> PathBuf {
        self.data_dir.join("kubeconfig.yaml")
    }

    /// Directory of certificates.
    pub fn tls_dir(&self) -> PathBuf {
        self.data_dir.join("tls")
    }

    /// Directory of the embedded store.
    pub fn db_dir(&self) -> PathBuf {
        self.data_dir.join("db")
    }
}
