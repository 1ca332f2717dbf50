//! Helpers for end-to-end tests: start the real `capstan` binary in a temporary
//! data dir and drive it with the real `kubectl`.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// The kubectl binaries under test: the default one (1.32) and 1.33.
pub fn kubectl_versions() -> Vec<PathBuf> {
    let mut out = vec![PathBuf::from("kubectl")];
    let v133 = PathBuf::from("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");
    if v133.exists() {
        out.push(v133);
    }
    out
}

/// Path of the `capstan` binary: `$CAPSTAN_BIN`, else the workspace's target dir.
pub fn capstan_bin() -> Result<PathBuf> {
    if let Ok(p) = std::env::var("CAPSTAN_BIN") {
        return Ok(PathBuf::from(p));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("workspace root")?
        .to_path_buf();
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    // The most recently built of the release and debug binaries, so a stale
    // release build never shadows the code under test.
    let newest = ["release", "debug"]
        .iter()
        .map(|profile| target.join(profile).join("capstan"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max_by_key(|(modified, _)| *modified);
    if let Some((_, p)) = newest {
        return Ok(p);
    }
    bail!(
        "capstan binary not found under {}; run `cargo build -p capstan` first or set CAPSTAN_BIN",
        target.display()
    )
}

/// A free TCP port on loopback.
pub fn free_port() -> Result<u16> {
    let l = TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// A running `capstan server` in a temporary data dir.
pub struct Cluster {
    child: Option<Child>,
    /// The data dir.
    pub dir: tempfile::TempDir,
    /// The API port.
    pub port: u16,
    /// Path of the admin kubeconfig.
    pub kubeconfig: PathBuf,
    /// The kubectl binary to use.
    pub kubectl: PathBuf,
    log: PathBuf,
    extra: Vec<String>,
}

impl Cluster {
    /// Starts a server with the default kubectl and extra flags.
    pub fn start(extra: &[&str]) -> Result<Self> {
        Self::start_with(PathBuf::from("kubectl"), extra)
    }

    /// Starts a server and uses `kubectl` to drive it.
    pub fn start_with(kubectl: PathBuf, extra: &[&str]) -> Result<Self> {
        let dir = tempfile::Builder::new().prefix("capstan-e2e-").tempdir()?;
        let port = free_port()?;
        let log = dir.path().join("server.log");
        let kubeconfig = dir.path().join("data").join("kubeconfig.yaml");
        let extra = extra.iter().map(|s| s.to_string()).collect();
        let mut cluster = Cluster {
            child: None,
            dir,
            port,
            kubeconfig,
            kubectl,
            log,
            extra,
        };
        cluster.spawn()?;
        cluster.wait_ready(Duration::from_secs(60))?;
        Ok(cluster)
    }

    fn spawn(&mut self) -> Result<()> {
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let data = self.dir.path().join("data");
        let mut cmd = Command::new(capstan_bin()?);
        cmd.arg("server")
            .arg("--data-dir")
            .arg(&data)
            .arg("--https-listen-port")
            .arg(self.port.to_string())
            .arg("--bind-address")
            .arg("127.0.0.1")
            .arg("--advertise-address")
            .arg("127.0.0.1")
            .arg("--disable-agent")
            .args(&self.extra)
            .arg("--v=2")
            .stdout(Stdio::null())
            .stderr(Stdio::from(log_file));
        self.child = Some(cmd.spawn().context("spawning capstan server")?);
        Ok(())
    }

    /// Starts the server again on the same data dir and port (after
    /// [`Cluster::stop`] or [`Cluster::kill9`]).
    pub fn restart(&mut self) -> Result<()> {
        self.stop()?;
        self.spawn()?;
        self.wait_ready(Duration::from_secs(60))
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(child) = self.child.as_mut() {
                if let Some(status) = child.try_wait()? {
                    bail!(
                        "capstan server exited early ({status}); log:\n{}",
                        self.log_text()
                    );
                }
            }
            if self.kubeconfig.exists() {
                let out = self.kubectl_raw(&["get", "--raw", "/readyz"])?;
                if out.status.success() {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        bail!(
            "capstan server not ready after {timeout:?}; log:\n{}",
            self.log_text()
        )
    }

    /// The server's log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The server's PID.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// A kubectl command with this cluster's kubeconfig and a private cache dir.
    pub fn kubectl_cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.kubectl);
        cmd.env("KUBECONFIG", &self.kubeconfig)
            .env("HOME", self.dir.path())
            .env("KUBECACHEDIR", self.dir.path().join("kube-cache"))
            .args(args);
        cmd
    }

    /// Runs kubectl and returns its output whatever the exit status.
    pub fn kubectl_raw(&self, args: &[&str]) -> Result<Output> {
        self.kubectl_cmd(args)
            .output()
            .with_context(|| format!("running kubectl {args:?}"))
    }

    /// Runs kubectl, failing unless it succeeds; returns stdout.
    pub fn kubectl(&self, args: &[&str]) -> Result<String> {
        let out = self.kubectl_raw(args)?;
        if !out.status.success() {
            bail!(
                "kubectl {args:?} failed ({}):\nstdout: {}\nstderr: {}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Runs kubectl expecting failure; returns stderr.
    pub fn kubectl_fails(&self, args: &[&str]) -> Result<String> {
        let out = self.kubectl_raw(args)?;
        if out.status.success() {
            bail!(
                "kubectl {args:?} unexpectedly succeeded: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        Ok(String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// Runs kubectl with `input` on stdin.
    pub fn kubectl_stdin(&self, args: &[&str], input: &str) -> Result<String> {
        let mut child = self
            .kubectl_cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("running kubectl {args:?}"))?;
        child
            .stdin
            .take()
            .context("stdin")?
            .write_all(input.as_bytes())?;
        let out = child.wait_with_output()?;
        if !out.status.success() {
            bail!(
                "kubectl {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `kubectl get ... -o json` parsed.
    pub fn get_json(&self, args: &[&str]) -> Result<serde_json::Value> {
        let mut full = vec!["get"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["-o", "json"]);
        let out = self.kubectl(&full)?;
        serde_json::from_str(&out).context("parsing kubectl json output")
    }

    /// Polls `check` until it returns Ok(true) or the timeout passes.
    pub fn eventually(
        &self,
        timeout: Duration,
        mut check: impl FnMut() -> Result<bool>,
    ) -> Result<()> {
        let deadline = Instant::now() + timeout;
        let mut last_err = None;
        while Instant::now() < deadline {
            match check() {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => last_err = Some(e),
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        match last_err {
            Some(e) => Err(e.context(format!("condition not met within {timeout:?}"))),
            None => bail!("condition not met within {timeout:?}"),
        }
    }

    /// Sends SIGTERM and waits for exit; returns whether it exited cleanly.
    pub fn stop(&mut self) -> Result<bool> {
        let Some(mut child) = self.child.take() else {
            return Ok(true);
        };
        let pid = child.id() as libc::pid_t;
        // SAFETY: sending a signal to our own child process by PID.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait()? {
                return Ok(status.success());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        Ok(false)
    }

    /// Kills the server with SIGKILL.
    pub fn kill9(&mut self) -> Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill()?;
            child.wait()?;
        }
        Ok(())
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}
