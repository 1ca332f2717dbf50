//! Starts a throwaway etcd on loopback for tests.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use capstan_store::etcd::{EtcdOptions, EtcdStore};

/// The etcd binary: `$CAPSTAN_ETCD_BIN` or `/usr/bin/etcd`.
pub fn etcd_binary() -> PathBuf {
    let bin = std::env::var_os("CAPSTAN_ETCD_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/etcd"));
    assert!(
        bin.exists(),
        "etcd is required for these tests but {} does not exist; install it (Debian: `apt-get install etcd-server`) \
         or set CAPSTAN_ETCD_BIN",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    l.local_addr().expect("local addr").port()
}

/// TLS material for a TLS-serving etcd (PEM files and the client's options).
pub struct TlsSetup {
    /// Server certificate file.
    pub server_cert: PathBuf,
    /// Server key file.
    pub server_key: PathBuf,
    /// CA file that signed the server and client certificates.
    pub ca: PathBuf,
    /// What a client needs to connect.
    pub client: capstan_store::etcd::EtcdTls,
}

/// A running etcd; killed (by PID) and its data removed on drop.
pub struct EtcdProcess {
    child: Child,
    _dir: tempfile::TempDir,
    /// Client URL.
    pub endpoint: String,
    options: EtcdOptions,
}

impl EtcdProcess {
    /// Starts etcd with a fresh data directory and waits until it serves.
    pub async fn start() -> EtcdProcess {
        Self::start_with(None).await
    }

    /// Starts etcd serving clients over TLS with client-certificate authentication.
    pub async fn start_tls(tls: &TlsSetup) -> EtcdProcess {
        Self::start_with(Some(tls)).await
    }

    async fn start_with(tls: Option<&TlsSetup>) -> EtcdProcess {
        let bin = etcd_binary();
        let mut last_err = String::new();
        for _ in 0..3 {
            let dir = tempfile::tempdir().expect("tempdir");
            let client = free_port();
            let peer = free_port();
            let scheme = if tls.is_some() { "https" } else { "http" };
            let endpoint = format!("{scheme}://127.0.0.1:{client}");
            let peer_url = format!("http://127.0.0.1:{peer}");
            let log = std::fs::File::create(dir.path().join("etcd.log")).expect("log file");
            let mut cmd = Command::new(&bin);
            if let Some(tls) = tls {
                cmd.arg(format!("--cert-file={}", tls.server_cert.display()))
                    .arg(format!("--key-file={}", tls.server_key.display()))
                    .arg(format!("--trusted-ca-file={}", tls.ca.display()))
                    .arg("--client-cert-auth");
            }
            let child = cmd
                .arg("--name=test")
                .arg(format!("--data-dir={}", dir.path().join("data").display()))
                .arg(format!("--listen-client-urls={endpoint}"))
                .arg(format!("--advertise-client-urls={endpoint}"))
                .arg(format!("--listen-peer-urls={peer_url}"))
                .arg(format!("--initial-advertise-peer-urls={peer_url}"))
                .arg(format!("--initial-cluster=test={peer_url}"))
                .arg("--logger=zap")
                .arg("--log-level=warn")
                .stdin(Stdio::null())
                .stdout(log.try_clone().expect("log file"))
                .stderr(log)
                .spawn()
                .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
            let options = EtcdOptions {
                connect_timeout: Some(Duration::from_secs(5)),
                tls: tls.map(|t| t.client.clone()),
                ..Default::default()
            };
            let mut proc = EtcdProcess {
                child,
                _dir: dir,
                endpoint,
                options,
            };
            match proc.wait_ready().await {
                Ok(()) => return proc,
                Err(e) => last_err = e,
            }
        }
        panic!("etcd did not start: {last_err}");
    }

    async fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("etcd exited with {status}: {}", self.log()));
            }
            if let Ok(store) = self.connect().await {
                if capstan_store::Store::status(&store).await.is_ok() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!("etcd not ready after 30s: {}", self.log()));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.data_dir().join("etcd.log")).unwrap_or_default()
    }

    fn data_dir(&self) -> &Path {
        self._dir.path()
    }

    /// A client for this etcd.
    pub async fn connect(&self) -> capstan_store::Result<EtcdStore> {
        self.connect_with(self.options.clone()).await
    }

    /// A client for this etcd with other options.
    pub async fn connect_with(&self, options: EtcdOptions) -> capstan_store::Result<EtcdStore> {
        EtcdStore::connect(std::slice::from_ref(&self.endpoint), options).await
    }
}

impl Drop for EtcdProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
