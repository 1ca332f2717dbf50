//! Starting a real `capstan server` for benchmarks.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::Client;

/// A running server in a temporary data dir, stopped on drop.
pub struct Server {
    child: Child,
    /// Data dir (kept until drop).
    pub dir: tempfile::TempDir,
    /// Admin kubeconfig path.
    pub kubeconfig: PathBuf,
}

/// The capstan binary: `--capstan` flag value, else next to this binary.
pub fn capstan_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let me = std::env::current_exe()?;
    let sibling = me.with_file_name("capstan");
    if sibling.exists() {
        return Ok(sibling);
    }
    bail!(
        "capstan binary not found next to {}; build it or pass --capstan",
        me.display()
    )
}

impl Server {
    /// Starts `capstan server` with `extra` flags and waits until it serves.
    pub fn start(bin: &Path, extra: &[&str]) -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("capstan-bench-")
            .tempdir()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let data = dir.path().join("data");
        let log = std::fs::File::create(dir.path().join("server.log"))?;
        let child = Command::new(bin)
            .arg("server")
            .arg("--data-dir")
            .arg(&data)
            .arg("--https-listen-port")
            .arg(port.to_string())
            .arg("--bind-address")
            .arg("127.0.0.1")
            .arg("--advertise-address")
            .arg("127.0.0.1")
            .arg("--disable-agent")
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        let kubeconfig = data.join("kubeconfig.yaml");
        let deadline = Instant::now() + Duration::from_secs(60);
        while !kubeconfig.exists() {
            if Instant::now() > deadline {
                bail!("server did not write its kubeconfig");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Self {
            child,
            dir,
            kubeconfig,
        })
    }

    /// The server's PID.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A client with the admin credentials.
    pub async fn client(&self) -> Result<Client> {
        let kc = Kubeconfig::read_from(&self.kubeconfig)?;
        let mut config =
            kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default()).await?;
        config.read_timeout = Some(Duration::from_secs(120));
        Ok(Client::try_from(config)?)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: signalling our own child by PID.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
