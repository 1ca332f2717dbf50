//! The everyday kubectl workflow against a real `capstan server`, with every
//! kubectl version under test: apply, diff, get in every output format, watch,
//! describe, edit, patch, label, annotate, scale, explain, api-resources.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use capstan_e2e::{kubectl_versions, Cluster};

const MANIFEST: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels:
    app: shop
data:
  color: blue
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels:
    app: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: web
        image: registry.local/shop:1
        ports:
        - containerPort: 8080
        env:
        - name: MODE
          value: prod
---
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - name: http
    port: 80
    targetPort: 8080
"#;

fn write(cluster: &Cluster, name: &str, text: &str) -> Result<String> {
    let path = cluster.dir.path().join(name);
    std::fs::write(&path, text)?;
    Ok(path.to_string_lossy().into_owned())
}

fn workflow(cluster: &Cluster) -> Result<()> {
    // apply of a multi-document file creates everything.
    let file = write(cluster, "shop.yaml", MANIFEST)?;
    let out = cluster.kubectl(&["apply", "-f", &file])?;
    ensure!(
        out.contains("configmap/settings created"),
        "apply output: {out}"
    );
    ensure!(
        out.contains("deployment.apps/shop created"),
        "apply output: {out}"
    );
    ensure!(out.contains("service/shop created"), "apply output: {out}");

    // A changed re-apply; diff first shows the change (exit 1 means "differences").
    let changed = MANIFEST
        .replace("replicas: 2", "replicas: 3")
        .replace("color: blue", "color: green");
    let file2 = write(cluster, "shop2.yaml", &changed)?;
    let diff = cluster.kubectl_raw(&["diff", "-f", &file2])?;
    ensure!(
        diff.status.code() == Some(1),
        "kubectl diff should report differences: {diff:?}"
    );
    let diff_text = String::from_utf8_lossy(&diff.stdout);
    ensure!(
        diff_text.contains("-  replicas: 2") && diff_text.contains("+  replicas: 3"),
        "diff: {diff_text}"
    );
    ensure!(diff_text.contains("+  color: green"), "diff: {diff_text}");
    let out = cluster.kubectl(&["apply", "-f", &file2])?;
    ensure!(
        out.contains("deployment.apps/shop configured"),
        "re-apply: {out}"
    );
    ensure!(out.contains("service/shop unchanged"), "re-apply: {out}");
    let diff = cluster.kubectl_raw(&["diff", "-f", &file2])?;
    ensure!(
        diff.status.code() == Some(0),
        "no differences after apply: {}",
        String::from_utf8_lossy(&diff.stdout)
    );
    let replicas =
        cluster.kubectl(&["get", "deploy", "shop", "-o", "jsonpath={.spec.replicas}"])?;
    ensure!(replicas == "3", "replicas after apply: {replicas}");
    // Client-side apply merged lists by key: the container kept its env.
    let env = cluster.kubectl(&[
        "get",
        "deploy",
        "shop",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].env[0].value}",
    ])?;
    ensure!(env == "prod", "env: {env}");

    // get in every output format.
    let table = cluster.kubectl(&["get", "configmaps"])?;
    ensure!(
        table.lines().next().is_some_and(|h| h.starts_with("NAME")),
        "table: {table}"
    );
    ensure!(table.contains("settings"), "table: {table}");
    let wide = cluster.kubectl(&["get", "services", "-o", "wide"])?;
    ensure!(
        wide.contains("shop") && wide.contains("kubernetes"),
        "wide: {wide}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&cluster.kubectl(&["get", "cm", "settings", "-o", "json"])?)?;
    ensure!(json["data"]["color"] == "green", "json: {json}");
    ensure!(
        json["metadata"]["resourceVersion"]
            .as_str()
            .is_some_and(|rv| !rv.is_empty()),
        "rv: {json}"
    );
    ensure!(
        json["metadata"]["uid"]
            .as_str()
            .is_some_and(|u| u.len() == 36),
        "uid: {json}"
    );
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&cluster.kubectl(&["get", "svc", "shop", "-o", "yaml"])?)?;
    ensure!(
        yaml["spec"]["ports"][0]["port"].as_i64() == Some(80),
        "yaml: {yaml:?}"
    );
    let names = cluster.kubectl(&[
        "get",
        "cm",
        "-l",
        "app=shop",
        "-o",
        "jsonpath={.items[*].metadata.name}",
    ])?;
    ensure!(names == "settings", "label-selected names: {names}");
    let by_name = cluster.kubectl(&[
        "get",
        "ns",
        "--field-selector",
        "metadata.name=kube-system",
        "-o",
        "name",
    ])?;
    ensure!(
        by_name.trim() == "namespace/kube-system",
        "field selector: {by_name}"
    );

    // describe.
    let described = cluster.kubectl(&["describe", "configmap", "settings"])?;
    ensure!(
        described.contains("Name:")
            && described.contains("settings")
            && described.contains("color"),
        "describe: {described}"
    );

    // label and annotate.
    cluster.kubectl(&["label", "cm", "settings", "tier=backend"])?;
    cluster.kubectl(&["annotate", "cm", "settings", "owner=team-a"])?;
    let cm = cluster.get_json(&["cm", "settings"])?;
    ensure!(cm["metadata"]["labels"]["tier"] == "backend", "label: {cm}");
    ensure!(
        cm["metadata"]["annotations"]["owner"] == "team-a",
        "annotate: {cm}"
    );
    let err = cluster.kubectl_fails(&["label", "cm", "settings", "tier=frontend"])?;
    ensure!(
        err.contains("already has a value"),
        "relabel without --overwrite: {err}"
    );
    cluster.kubectl(&["label", "cm", "settings", "tier-"])?;
    ensure!(
        cluster.get_json(&["cm", "settings"])?["metadata"]["labels"]
            .get("tier")
            .is_none(),
        "label removal"
    );

    // patch, all three types.
    cluster.kubectl(&["patch", "cm", "settings", "-p", r#"{"data":{"size":"L"}}"#])?;
    cluster.kubectl(&[
        "patch",
        "cm",
        "settings",
        "--type",
        "merge",
        "-p",
        r#"{"data":{"color":null}}"#,
    ])?;
    cluster.kubectl(&[
        "patch",
        "cm",
        "settings",
        "--type",
        "json",
        "-p",
        r#"[{"op":"add","path":"/data/shape","value":"round"}]"#,
    ])?;
    let cm = cluster.get_json(&["cm", "settings"])?;
    ensure!(
        cm["data"]["size"] == "L"
            && cm["data"]["shape"] == "round"
            && cm["data"].get("color").is_none(),
        "patched: {cm}"
    );
    // Strategic merge patch merges containers by name.
    cluster.kubectl(&[
        "patch",
        "deploy",
        "shop",
        "-p",
        r#"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"registry.local/shop:2"}]}}}}"#,
    ])?;
    let dep = cluster.get_json(&["deploy", "shop"])?;
    let container = &dep["spec"]["template"]["spec"]["containers"][0];
    ensure!(
        container["image"] == "registry.local/shop:2",
        "image: {container}"
    );
    ensure!(
        container["ports"][0]["containerPort"] == 8080,
        "ports kept by strategic merge: {container}"
    );

    // edit with a scripted editor.
    let editor = write(
        cluster,
        "editor.sh",
        "#!/bin/sh\nsed -i 's/size: L/size: XL/' \"$1\"\n",
    )?;
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755))?;
    let out = cluster
        .kubectl_cmd(&["edit", "cm", "settings"])
        .env("KUBE_EDITOR", &editor)
        .output()
        .context("kubectl edit")?;
    ensure!(
        out.status.success(),
        "edit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ensure!(
        cluster.get_json(&["cm", "settings"])?["data"]["size"] == "XL",
        "edit did not apply"
    );

    // scale.
    cluster.kubectl(&["scale", "deploy", "shop", "--replicas=5"])?;
    ensure!(
        cluster.get_json(&["deploy", "shop"])?["spec"]["replicas"] == 5,
        "scale"
    );
    let err = cluster.kubectl_fails(&[
        "scale",
        "deploy",
        "shop",
        "--replicas=2",
        "--current-replicas=4",
    ])?;
    ensure!(
        err.to_lowercase().contains("expected"),
        "scale precondition: {err}"
    );

    // explain reads the OpenAPI documents.
    let explained = cluster.kubectl(&["explain", "deployment.spec.strategy"])?;
    ensure!(
        explained.contains("KIND:") && explained.contains("Deployment"),
        "explain: {explained}"
    );
    ensure!(
        explained.contains("rollingUpdate"),
        "explain fields: {explained}"
    );

    // api-resources and api-versions come from discovery.
    let resources = cluster.kubectl(&["api-resources"])?;
    for needle in [
        "pods",
        "deployments",
        "cronjobs",
        "ingresses",
        "leases",
        "clusterroles",
        "poddisruptionbudgets",
    ] {
        ensure!(
            resources.lines().any(|l| l.starts_with(needle)),
            "api-resources lacks {needle}: {resources}"
        );
    }
    let versions = cluster.kubectl(&["api-versions"])?;
    for needle in [
        "v1",
        "apps/v1",
        "batch/v1",
        "autoscaling/v2",
        "autoscaling/v1",
        "events.k8s.io/v1",
        "node.k8s.io/v1",
    ] {
        ensure!(
            versions.lines().any(|l| l == needle),
            "api-versions lacks {needle}: {versions}"
        );
    }
    Ok(())
}

#[test]
fn kubectl_workflow_with_every_kubectl_version() -> Result<()> {
    for kubectl in kubectl_versions() {
        let cluster = Cluster::start_with(kubectl.clone(), &[])?;
        workflow(&cluster).with_context(|| {
            format!(
                "with {}\nserver log:\n{}",
                kubectl.display(),
                cluster.log_text()
            )
        })?;
    }
    Ok(())
}

#[test]
fn kubectl_get_watch_streams_changes() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "configmap", "watched", "--from-literal=k=1"])?;
    let mut child = cluster
        .kubectl_cmd(&[
            "get",
            "configmap",
            "watched",
            "-w",
            "-o",
            "jsonpath={.data.k}{\"\\n\"}",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().context("stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(Duration::from_secs(10))?;
    ensure!(first == "1", "initial state: {first}");
    for v in ["2", "3"] {
        cluster.kubectl(&[
            "patch",
            "cm",
            "watched",
            "-p",
            &format!(r#"{{"data":{{"k":"{v}"}}}}"#),
        ])?;
        let line = rx.recv_timeout(Duration::from_secs(10))?;
        ensure!(line == v, "watched value {line}, expected {v}");
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok(())
}
