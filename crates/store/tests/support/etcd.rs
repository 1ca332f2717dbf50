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

/// A running etcd; killed (by PID) and its data removed on drop.
pub struct EtcdProcess {
    child: Child,
    _dir: tempfile::TempDir,
    /// Client URL.
    pub endpoint: String,
}

impl EtcdProcess {
    /// Starts etcd with a fresh data directory and waits until it serves.
    pub async fn start() -> EtcdProcess {
        let bin = etcd_binary();
        let mut last_err = String::new();
        for _ in 0..3 {
            let dir = tempfile::tempdir().expect("tempdir");
            let client = free_port();
            let peer = free_port();
            let endpoint = format!("http://127.0.0.1:{client}");
            let peer_url = format!("http://127.0.0.1:{peer}");
            let log = std::fs::File::create(dir.path().join("etcd.log")).expect("log file");
            let child = Command::new(&bin)
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
            let mut proc = EtcdProcess {
                child,
                _dir: dir,
                endpoint,
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
        let opts = EtcdOptions {
            connect_timeout: Some(Duration::from_secs(5)),
            ..Default::default()
        };
        EtcdStore::connect(std::slice::from_ref(&self.endpoint), opts).await
    }
}

impl Drop for EtcdProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
