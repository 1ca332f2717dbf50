//! Deletion semantics through kubectl: each `--cascade` policy, finalizers, and
//! namespace deletion removing everything inside.

use std::time::Duration;

use anyhow::{ensure, Result};
use capstan_e2e::Cluster;

/// Creates an owner ConfigMap and `n` dependents that reference it.
fn owner_with_dependents(cluster: &Cluster, owner: &str, n: usize) -> Result<String> {
    cluster.kubectl(&["create", "configmap", owner])?;
    let uid = cluster.kubectl(&["get", "cm", owner, "-o", "jsonpath={.metadata.uid}"])?;
    for i in 0..n {
        let dep = format!(
            r#"{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"{owner}-dep-{i}","labels":{{"owner":"{owner}"}},"ownerReferences":[{{"apiVersion":"v1","kind":"ConfigMap","name":"{owner}","uid":"{uid}","blockOwnerDeletion":true}}]}}}}"#
        );
        cluster.kubectl_stdin(&["create", "-f", "-"], &dep)?;
    }
    Ok(uid)
}

fn count(cluster: &Cluster, selector: &str) -> Result<usize> {
    let names = cluster.kubectl(&["get", "cm", "-l", selector, "-o", "name"])?;
    Ok(names.lines().filter(|l| !l.is_empty()).count())
}

fn exists(cluster: &Cluster, kind: &str, name: &str) -> Result<bool> {
    let out = cluster.kubectl_raw(&["get", kind, name, "-o", "name"])?;
    Ok(out.status.success())
}

#[test]
fn cascade_background_deletes_dependents_after_owner() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    owner_with_dependents(&cluster, "bg", 3)?;
    cluster.kubectl(&["delete", "cm", "bg", "--cascade=background"])?;
    ensure!(!exists(&cluster, "cm", "bg")?, "owner deleted at once");
    cluster.eventually(Duration::from_secs(30), || {
        Ok(count(&cluster, "owner=bg")? == 0)
    })?;
    Ok(())
}

#[test]
fn cascade_orphan_keeps_dependents_and_clears_owner_references() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    owner_with_dependents(&cluster, "orph", 2)?;
    cluster.kubectl(&["delete", "cm", "orph", "--cascade=orphan"])?;
    cluster.eventually(Duration::from_secs(30), || {
        Ok(!exists(&cluster, "cm", "orph")?)
    })?;
    ensure!(
        count(&cluster, "owner=orph")? == 2,
        "dependents must survive orphaning"
    );
    let refs = cluster.kubectl(&[
        "get",
        "cm",
        "-l",
        "owner=orph",
        "-o",
        "jsonpath={.items[*].metadata.ownerReferences}",
    ])?;
    ensure!(
        refs.trim().is_empty(),
        "owner references must be removed: {refs}"
    );
    Ok(())
}

#[test]
fn cascade_foreground_deletes_dependents_before_owner() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    owner_with_dependents(&cluster, "fg", 2)?;
    // A finalizer on one dependent holds the owner in foreground deletion.
    cluster.kubectl(&[
        "patch",
        "cm",
        "fg-dep-0",
        "--type",
        "merge",
        "-p",
        r#"{"metadata":{"finalizers":["example.com/hold"]}}"#,
    ])?;
    cluster.kubectl(&["delete", "cm", "fg", "--cascade=foreground", "--wait=false"])?;
    cluster.eventually(Duration::from_secs(30), || {
        Ok(!exists(&cluster, "cm", "fg-dep-1")?)
    })?;
    let owner = cluster.get_json(&["cm", "fg"])?;
    ensure!(
        owner["metadata"]["deletionTimestamp"].is_string(),
        "owner marked for deletion: {owner}"
    );
    let finalizers = owner["metadata"]["finalizers"].to_string();
    ensure!(
        finalizers.contains("foregroundDeletion"),
        "owner waits for dependents: {finalizers}"
    );
    cluster.kubectl(&[
        "patch",
        "cm",
        "fg-dep-0",
        "--type",
        "merge",
        "-p",
        r#"{"metadata":{"finalizers":null}}"#,
    ])?;
    cluster.eventually(Duration::from_secs(30), || {
        Ok(!exists(&cluster, "cm", "fg")? && !exists(&cluster, "cm", "fg-dep-0")?)
    })?;
    Ok(())
}

#[test]
fn finalizers_hold_deletion_until_removed() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl_stdin(
        &["create", "-f", "-"],
        r#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"held","finalizers":["example.com/hold"]},"stringData":{"k":"v"}}"#,
    )?;
    cluster.kubectl(&["delete", "secret", "held", "--wait=false"])?;
    let s = cluster.get_json(&["secret", "held"])?;
    ensure!(
        s["metadata"]["deletionTimestamp"].is_string(),
        "deletionTimestamp set: {s}"
    );
    let err = cluster.kubectl_fails(&[
        "patch",
        "secret",
        "held",
        "--type",
        "merge",
        "-p",
        r#"{"metadata":{"finalizers":["example.com/hold","example.com/new"]}}"#,
    ])?;
    ensure!(
        err.contains("no new finalizers"),
        "adding finalizers while deleting is forbidden: {err}"
    );
    cluster.kubectl(&[
        "patch",
        "secret",
        "held",
        "--type",
        "json",
        "-p",
        r#"[{"op":"remove","path":"/metadata/finalizers"}]"#,
    ])?;
    ensure!(
        !exists(&cluster, "secret", "held")?,
        "removing the last finalizer deletes the object"
    );
    Ok(())
}

#[test]
fn deleting_a_namespace_deletes_its_contents_then_itself() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "namespace", "doomed"])?;
    cluster.kubectl(&[
        "-n",
        "doomed",
        "create",
        "configmap",
        "a",
        "--from-literal=x=1",
    ])?;
    cluster.kubectl(&[
        "-n",
        "doomed",
        "create",
        "secret",
        "generic",
        "b",
        "--from-literal=y=2",
    ])?;
    cluster.kubectl(&[
        "-n",
        "doomed",
        "create",
        "deployment",
        "c",
        "--image=registry.local/c:1",
    ])?;
    cluster.kubectl(&["delete", "namespace", "doomed", "--wait=false"])?;
    let phase = cluster.kubectl(&["get", "ns", "doomed", "-o", "jsonpath={.status.phase}"]);
    if let Ok(phase) = phase {
        ensure!(phase == "Terminating", "phase while deleting: {phase}");
    }
    let err = cluster.kubectl_fails(&["-n", "doomed", "create", "configmap", "late"]);
    if let Ok(err) = err {
        ensure!(
            err.contains("being terminated") || err.contains("not found"),
            "create in terminating namespace: {err}"
        );
    }
    cluster.eventually(Duration::from_secs(60), || {
        Ok(!exists(&cluster, "ns", "doomed")?)
    })?;
    let left = cluster.kubectl(&["get", "cm,secret,deploy", "-n", "doomed", "-o", "name"])?;
    ensure!(left.trim().is_empty(), "nothing left: {left}");
    Ok(())
}
