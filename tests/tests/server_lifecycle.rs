//! The binary itself: defaults, kubeconfig, restarts and clean shutdown.

use std::process::Command;

use anyhow::{ensure, Result};
use capstan_e2e::{capstan_bin, Cluster};

#[test]
fn help_and_version() -> Result<()> {
    let help = Command::new(capstan_bin()?).arg("--help").output()?;
    ensure!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    ensure!(
        text.contains("server") && text.contains("kubeconfig"),
        "help: {text}"
    );
    let server_help = Command::new(capstan_bin()?)
        .args(["server", "--help"])
        .output()?;
    let text = String::from_utf8_lossy(&server_help.stdout);
    for flag in [
        "--data-dir",
        "--bind-address",
        "--https-listen-port",
        "--write-kubeconfig",
        "--token",
        "--cluster-cidr",
        "--service-cidr",
        "--disable-agent",
        "--datastore-endpoint",
    ] {
        ensure!(text.contains(flag), "server --help lacks {flag}");
    }
    let version = Command::new(capstan_bin()?).arg("version").output()?;
    ensure!(
        version.status.success() && String::from_utf8_lossy(&version.stdout).contains("capstan")
    );
    Ok(())
}

#[test]
fn state_survives_restart_and_sigterm_is_clean() -> Result<()> {
    let mut cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "configmap", "durable", "--from-literal=k=v"])?;
    let uid = cluster.kubectl(&["get", "cm", "durable", "-o", "jsonpath={.metadata.uid}"])?;
    let ca_before = std::fs::read_to_string(cluster.dir.path().join("data/tls/ca.crt"))?;
    ensure!(cluster.stop()?, "SIGTERM must exit with status 0");
    cluster.restart()?;
    let restarted = &cluster;
    let uid_after =
        restarted.kubectl(&["get", "cm", "durable", "-o", "jsonpath={.metadata.uid}"])?;
    ensure!(uid == uid_after, "object survives restart");
    let ca_after = std::fs::read_to_string(restarted.dir.path().join("data/tls/ca.crt"))?;
    ensure!(ca_before == ca_after, "CA is reused after restart");
    let printed = Command::new(capstan_bin()?)
        .args(["kubeconfig", "--data-dir"])
        .arg(restarted.dir.path().join("data"))
        .output()?;
    ensure!(
        String::from_utf8_lossy(&printed.stdout).contains("client-certificate-data"),
        "capstan kubeconfig prints it"
    );
    Ok(())
}

#[test]
fn state_survives_kill_9() -> Result<()> {
    let mut cluster = Cluster::start(&[])?;
    for i in 0..20 {
        cluster.kubectl(&["create", "configmap", &format!("acked-{i}")])?;
    }
    cluster.kill9()?;
    cluster.restart()?;
    let restarted = &cluster;
    let names = restarted.kubectl(&["get", "cm", "-o", "name"])?;
    for i in 0..20 {
        ensure!(
            names.contains(&format!("configmap/acked-{i}\n")),
            "acknowledged write acked-{i} lost: {names}"
        );
    }
    Ok(())
}

#[test]
fn two_servers_run_side_by_side() -> Result<()> {
    let a = Cluster::start(&[])?;
    let b = Cluster::start(&[])?;
    a.kubectl(&["create", "configmap", "only-in-a"])?;
    ensure!(
        b.kubectl_raw(&["get", "cm", "only-in-a"])?.status.code() == Some(1),
        "servers share nothing"
    );
    let extra = a.dir.path().join("extra-kubeconfig.yaml");
    let c = Cluster::start(&["--write-kubeconfig", &extra.to_string_lossy()])?;
    ensure!(
        std::fs::read_to_string(&extra)?.contains(&format!(":{}", c.port)),
        "--write-kubeconfig writes a copy"
    );
    Ok(())
}
