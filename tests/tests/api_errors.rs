//! Bad input gets the right `Status` and leaves the store unchanged. Requests
//! are sent raw (through kube-rs's authenticated HTTP client) so that status
//! codes and bodies can be checked exactly.

use anyhow::{ensure, Context, Result};
use capstan_e2e::Cluster;
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::Client;
use serde_json::Value;

struct Raw {
    client: Client,
}

struct Reply {
    code: u16,
    body: Value,
}

impl Raw {
    async fn new(cluster: &Cluster) -> Result<Self> {
        let kc = Kubeconfig::read_from(&cluster.kubeconfig)?;
        let config =
            kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default()).await?;
        Ok(Self {
            client: Client::try_from(config)?,
        })
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<Reply> {
        let req = http::Request::builder()
            .method(method)
            .uri(path)
            .header("Content-Type", content_type)
            .header("Accept", "application/json")
            .body(kube::client::Body::from(body))?;
        let resp = self.client.send(req).await.context("sending request")?;
        let code = resp.status().as_u16();
        let bytes = resp.into_body().collect_bytes().await?;
        let body = serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Ok(Reply { code, body })
    }

    async fn configmap_names(&self) -> Result<Vec<String>> {
        let r = self
            .send(
                "GET",
                "/api/v1/namespaces/default/configmaps",
                "application/json",
                Vec::new(),
            )
            .await?;
        ensure!(r.code == 200, "list: {}", r.body);
        Ok(r.body["items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|i| i["metadata"]["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }
}

fn expect(reply: &Reply, code: u16, reason: &str) -> Result<()> {
    ensure!(
        reply.code == code,
        "expected {code}, got {}: {}",
        reply.code,
        reply.body
    );
    ensure!(
        reply.body["kind"] == "Status",
        "not a Status: {}",
        reply.body
    );
    ensure!(reply.body["code"] == code, "Status.code: {}", reply.body);
    ensure!(
        reply.body["reason"] == reason,
        "expected reason {reason}: {}",
        reply.body
    );
    ensure!(
        reply.body["status"] == "Failure",
        "Status.status: {}",
        reply.body
    );
    Ok(())
}

const CM: &str = "/api/v1/namespaces/default/configmaps";

#[tokio::test]
async fn bad_input_gets_the_right_status_and_changes_nothing() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    let raw = Raw::new(&cluster).await?;
    let ok =
        br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"keep"},"data":{"a":"1"}}"#
            .to_vec();
    let r = raw.send("POST", CM, "application/json", ok.clone()).await?;
    ensure!(r.code == 201, "create: {}", r.body);
    let rv = r.body["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let before = raw.configmap_names().await?;

    // Malformed JSON and YAML: 400.
    let r = raw
        .send(
            "POST",
            CM,
            "application/json",
            b"{\"apiVersion\": \"v1\", ".to_vec(),
        )
        .await?;
    expect(&r, 400, "BadRequest")?;
    let r = raw
        .send(
            "POST",
            CM,
            "application/yaml",
            b"metadata:\n  name: [unclosed\n".to_vec(),
        )
        .await?;
    expect(&r, 400, "BadRequest")?;

    // Unknown field under Strict: 400 naming the field; under Warn it is dropped with a warning.
    let unknown =
        br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strict"},"bogus":1}"#
            .to_vec();
    let r = raw
        .send(
            "POST",
            &format!("{CM}?fieldValidation=Strict"),
            "application/json",
            unknown.clone(),
        )
        .await?;
    expect(&r, 400, "BadRequest")?;
    ensure!(
        r.body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("unknown field \"bogus\""),
        "{}",
        r.body
    );
    // Duplicate fields under Strict.
    let dup = br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup"},"data":{"a":"1","a":"2"}}"#.to_vec();
    let r = raw
        .send(
            "POST",
            &format!("{CM}?fieldValidation=Strict"),
            "application/json",
            dup,
        )
        .await?;
    expect(&r, 400, "BadRequest")?;
    ensure!(
        r.body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("duplicate field"),
        "{}",
        r.body
    );

    // Invalid names: 422 with a cause naming metadata.name.
    let bad_name =
        br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}}"#.to_vec();
    let r = raw.send("POST", CM, "application/json", bad_name).await?;
    expect(&r, 422, "Invalid")?;
    ensure!(
        r.body["details"]["causes"][0]["field"] == "metadata.name",
        "{}",
        r.body
    );
    ensure!(
        r.body["details"]["causes"][0]["reason"] == "FieldValueInvalid",
        "{}",
        r.body
    );

    // A stale resourceVersion: 409 Conflict.
    let update = |rv: &str, v: &str| {
        format!(r#"{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"keep","resourceVersion":"{rv}"}},"data":{{"a":"{v}"}}}}"#).into_bytes()
    };
    let r = raw
        .send(
            "PUT",
            &format!("{CM}/keep"),
            "application/json",
            update(&rv, "2"),
        )
        .await?;
    ensure!(r.code == 200, "first update: {}", r.body);
    let r = raw
        .send(
            "PUT",
            &format!("{CM}/keep"),
            "application/json",
            update(&rv, "3"),
        )
        .await?;
    expect(&r, 409, "Conflict")?;

    // A body over 3 MiB: 413.
    let big = format!(
        r#"{{"apiVersion":"v1","kind":"ConfigMap","metadata":{{"name":"big"}},"data":{{"a":"{}"}}}}"#,
        "x".repeat(3 * 1024 * 1024 + 10)
    );
    let r = raw
        .send("POST", CM, "application/json", big.into_bytes())
        .await?;
    expect(&r, 413, "RequestEntityTooLarge")?;

    // An unknown resource and an unknown namespace: 404.
    let r = raw
        .send(
            "GET",
            "/api/v1/namespaces/default/widgets",
            "application/json",
            Vec::new(),
        )
        .await?;
    expect(&r, 404, "NotFound")?;
    let r = raw
        .send(
            "POST",
            "/api/v1/namespaces/nowhere/configmaps",
            "application/json",
            ok.clone(),
        )
        .await?;
    expect(&r, 404, "NotFound")?;
    ensure!(r.body["details"]["kind"] == "namespaces", "{}", r.body);
    let r = raw
        .send(
            "GET",
            &format!("{CM}/absent"),
            "application/json",
            Vec::new(),
        )
        .await?;
    expect(&r, 404, "NotFound")?;
    ensure!(
        r.body["message"] == "configmaps \"absent\" not found",
        "{}",
        r.body
    );

    // A wrong Content-Type: 415.
    let r = raw.send("POST", CM, "text/plain", ok.clone()).await?;
    expect(&r, 415, "UnsupportedMediaType")?;
    let r = raw
        .send(
            "PATCH",
            &format!("{CM}/keep"),
            "application/json",
            b"{}".to_vec(),
        )
        .await?;
    expect(&r, 415, "UnsupportedMediaType")?;

    // An existing name: 409 AlreadyExists.
    let r = raw.send("POST", CM, "application/json", ok).await?;
    expect(&r, 409, "AlreadyExists")?;

    // Nothing above changed the store.
    let after = raw.configmap_names().await?;
    ensure!(
        before == after,
        "configmaps changed: {before:?} -> {after:?}"
    );
    let r = raw
        .send("GET", &format!("{CM}/keep"), "application/json", Vec::new())
        .await?;
    ensure!(
        r.body["data"]["a"] == "2",
        "value after rejected writes: {}",
        r.body
    );
    Ok(())
}

#[tokio::test]
async fn dry_run_validates_but_persists_nothing() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    let raw = Raw::new(&cluster).await?;
    let body =
        br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"},"data":{"a":"1"}}"#
            .to_vec();
    let r = raw
        .send(
            "POST",
            &format!("{CM}?dryRun=All"),
            "application/json",
            body,
        )
        .await?;
    ensure!(
        r.code == 201 && r.body["metadata"]["name"] == "dry",
        "dry-run create: {}",
        r.body
    );
    let r = raw
        .send("GET", &format!("{CM}/dry"), "application/json", Vec::new())
        .await?;
    expect(&r, 404, "NotFound")?;
    let r = raw
        .send(
            "POST",
            &format!("{CM}?dryRun=Maybe"),
            "application/json",
            b"{}".to_vec(),
        )
        .await?;
    expect(&r, 400, "BadRequest")?;
    Ok(())
}
