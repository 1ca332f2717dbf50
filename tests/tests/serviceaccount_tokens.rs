//! ServiceAccount tokens with real kubectl: `kubectl create token` (the
//! TokenRequest API), authenticating with the token through a kubeconfig that
//! has no client certificate, `kubectl auth whoami` (SelfSubjectReview),
//! revocation when the ServiceAccount or the bound object goes, the signing
//! key surviving a restart, bad requests, and legacy token Secrets filled by
//! the token controller.

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use capstan_e2e::Cluster;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(30);
const ISSUER: &str = "https://kubernetes.default.svc.cluster.local";

/// A kubeconfig for the cluster with its CA and no user credentials.
fn anonymous_kubeconfig(cluster: &Cluster) -> Result<PathBuf> {
    let admin: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&cluster.kubeconfig)?)
            .context("parsing the admin kubeconfig")?;
    let ca = admin["clusters"][0]["cluster"]["certificate-authority-data"]
        .as_str()
        .context("certificate-authority-data")?;
    let server = admin["clusters"][0]["cluster"]["server"]
        .as_str()
        .context("server")?;
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: capstan\n  cluster:\n    server: {server}\n    certificate-authority-data: {ca}\nusers:\n- name: nobody\n  user: {{}}\ncontexts:\n- name: nobody\n  context: {{cluster: capstan, user: nobody, namespace: default}}\ncurrent-context: nobody\n"
    );
    let path = cluster.dir.path().join("nobody.kubeconfig");
    std::fs::write(&path, text)?;
    Ok(path)
}

/// kubectl authenticating with `token` only.
fn with_token(cluster: &Cluster, token: &str, args: &[&str]) -> Result<Output> {
    let kubeconfig = anonymous_kubeconfig(cluster)?;
    let kubeconfig = kubeconfig.to_string_lossy().into_owned();
    let mut full = vec!["--kubeconfig", kubeconfig.as_str(), "--token", token];
    full.extend_from_slice(args);
    cluster.kubectl_raw(&full)
}

fn stdout_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `kubectl auth whoami -o json` as the token's user.
fn whoami(cluster: &Cluster, token: &str) -> Result<Value> {
    let out = with_token(cluster, token, &["auth", "whoami", "-o", "json"])?;
    ensure!(
        out.status.success(),
        "auth whoami failed: {}",
        stderr_of(&out)
    );
    Ok(serde_json::from_slice::<Value>(&out.stdout)?["status"]["userInfo"].clone())
}

fn rejected(cluster: &Cluster, token: &str) -> Result<bool> {
    let out = with_token(cluster, token, &["get", "serviceaccounts"])?;
    Ok(!out.status.success() && stderr_of(&out).contains("Unauthorized"))
}

/// Decodes base64url without padding (JWT parts).
fn base64url(text: &str) -> Result<Vec<u8>> {
    let mut bits = 0u32;
    let mut nbits = 0;
    let mut out = Vec::new();
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => bail!("not base64url: {c}"),
        };
        bits = (bits << 6) | u32::from(v);
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
            bits &= (1 << nbits) - 1;
        }
    }
    Ok(out)
}

/// The claims of a JWT.
fn claims(token: &str) -> Result<Value> {
    let payload = token.split('.').nth(1).context("not a JWT")?;
    Ok(serde_json::from_slice(&base64url(payload)?)?)
}

fn create_token(cluster: &Cluster, args: &[&str]) -> Result<String> {
    let mut full = vec!["create", "token"];
    full.extend_from_slice(args);
    Ok(cluster.kubectl(&full)?.trim().to_string())
}

#[test]
fn token_request_authenticates_until_the_service_account_goes() -> Result<()> {
    let mut cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "serviceaccount", "robot"])?;
    let sa_uid = cluster.get_json(&["serviceaccount", "robot"])?["metadata"]["uid"]
        .as_str()
        .context("uid")?
        .to_string();

    // The default token: an hour, for the API audience, as Kubernetes writes it.
    let token = create_token(&cluster, &["robot"])?;
    let c = claims(&token)?;
    assert_eq!(c["iss"], ISSUER);
    assert_eq!(c["sub"], "system:serviceaccount:default:robot");
    assert_eq!(c["aud"], serde_json::json!([ISSUER]));
    assert_eq!(
        c["exp"].as_i64().unwrap_or(0) - c["iat"].as_i64().unwrap_or(0),
        3600
    );
    assert_eq!(c["nbf"], c["iat"]);
    assert_eq!(c["kubernetes.io"]["namespace"], "default");
    assert_eq!(c["kubernetes.io"]["serviceaccount"]["name"], "robot");
    assert_eq!(c["kubernetes.io"]["serviceaccount"]["uid"], sa_uid.as_str());
    let jti = c["jti"].as_str().context("jti")?.to_string();

    // The token authenticates without any client certificate; RBAC then
    // allows nothing until the account is bound to a role.
    let out = with_token(&cluster, &token, &["get", "serviceaccounts", "-o", "name"])?;
    ensure!(
        stderr_of(&out).contains("cannot list resource \"serviceaccounts\""),
        "unbound account: {}",
        stderr_of(&out)
    );
    cluster.kubectl(&[
        "create",
        "rolebinding",
        "robot-view",
        "--clusterrole=view",
        "--serviceaccount=default:robot",
    ])?;
    cluster.eventually(WAIT, || {
        Ok(with_token(&cluster, &token, &["get", "serviceaccounts"])?
            .status
            .success())
    })?;
    let out = with_token(&cluster, &token, &["get", "serviceaccounts", "-o", "name"])?;
    ensure!(out.status.success(), "get with token: {}", stderr_of(&out));
    assert!(stdout_of(&out).contains("serviceaccount/robot"));
    let user = whoami(&cluster, &token)?;
    assert_eq!(user["username"], "system:serviceaccount:default:robot");
    assert_eq!(user["uid"], sa_uid.as_str());
    assert_eq!(
        user["groups"],
        serde_json::json!([
            "system:serviceaccounts",
            "system:serviceaccounts:default",
            "system:authenticated"
        ])
    );
    assert_eq!(
        user["extra"]["authentication.kubernetes.io/credential-id"],
        serde_json::json!([format!("JTI={jti}")])
    );
    let table = stdout_of(&with_token(&cluster, &token, &["auth", "whoami"])?);
    assert!(
        table.contains("system:serviceaccount:default:robot"),
        "{table}"
    );

    // --duration and --audience; a token for another audience is not for the API.
    let long = create_token(&cluster, &["robot", "--duration", "2h"])?;
    let c = claims(&long)?;
    assert_eq!(
        c["exp"].as_i64().unwrap_or(0) - c["iat"].as_i64().unwrap_or(0),
        7200
    );
    let vault = create_token(&cluster, &["robot", "--audience", "vault"])?;
    assert_eq!(claims(&vault)?["aud"], serde_json::json!(["vault"]));
    assert!(
        rejected(&cluster, &vault)?,
        "a vault token must not reach the API"
    );
    let both = create_token(
        &cluster,
        &["robot", "--audience", "vault", "--audience", ISSUER],
    )?;
    ensure!(
        !rejected(&cluster, &both)?,
        "a token naming the API audience works"
    );

    // The TokenRequest object itself.
    let tr: Value =
        serde_json::from_str(&cluster.kubectl(&["create", "token", "robot", "-o", "json"])?)?;
    assert_eq!(tr["kind"], "TokenRequest");
    assert_eq!(tr["apiVersion"], "authentication.k8s.io/v1");
    assert_eq!(tr["spec"]["expirationSeconds"], 3600);
    assert_eq!(tr["spec"]["audiences"], serde_json::json!([ISSUER]));
    assert!(tr["status"]["expirationTimestamp"].is_string());
    assert!(tr["status"]["token"]
        .as_str()
        .is_some_and(|t| t.split('.').count() == 3));

    // Issuer discovery publishes the key that signed the token.
    let config: Value = serde_json::from_str(&cluster.kubectl(&[
        "get",
        "--raw",
        "/.well-known/openid-configuration",
    ])?)?;
    assert_eq!(config["issuer"], ISSUER);
    assert!(config["jwks_uri"]
        .as_str()
        .is_some_and(|u| u.ends_with("/openid/v1/jwks")));
    let jwks: Value =
        serde_json::from_str(&cluster.kubectl(&["get", "--raw", "/openid/v1/jwks"])?)?;
    let header: Value = serde_json::from_slice(&base64url(token.split('.').next().unwrap_or(""))?)?;
    assert_eq!(header["alg"], "ES256");
    assert_eq!(jwks["keys"][0]["kid"], header["kid"]);

    // The signing key survives a restart.
    cluster.restart()?;
    ensure!(
        !rejected(&cluster, &token)?,
        "token rejected after a restart"
    );

    // Tampered and garbage tokens: 401 with a Status.
    let mut tampered = token.clone();
    tampered.push('x');
    assert!(rejected(&cluster, &tampered)?);
    let ca = cluster.dir.path().join("data").join("tls").join("ca.crt");
    let url = format!("https://127.0.0.1:{}/api/v1/namespaces", cluster.port);
    let out = std::process::Command::new("curl")
        .args(["-sS", "--cacert"])
        .arg(&ca)
        .args(["-H", "Authorization: Bearer not-a-token", &url])
        .output()
        .context("running curl")?;
    let status: Value = serde_json::from_slice(&out.stdout).context("curl's body")?;
    assert_eq!(status["kind"], "Status");
    assert_eq!(status["code"], 401);
    assert_eq!(status["reason"], "Unauthorized");

    // Deleting the ServiceAccount revokes its tokens; recreating it does not
    // bring them back (new uid).
    cluster.kubectl(&["delete", "serviceaccount", "robot"])?;
    cluster.eventually(WAIT, || rejected(&cluster, &token))?;
    cluster.kubectl(&["create", "serviceaccount", "robot"])?;
    std::thread::sleep(Duration::from_millis(500));
    assert!(rejected(&cluster, &token)?);
    Ok(())
}

#[test]
fn bad_token_requests_and_bound_objects() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "serviceaccount", "robot"])?;

    let err = cluster.kubectl_fails(&["create", "token", "robot", "--duration", "10s"])?;
    assert!(
        err.contains(r#"TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes"#),
        "{err}"
    );
    let err = cluster.kubectl_fails(&["create", "token", "ghost"])?;
    assert!(
        err.contains(r#"serviceaccounts "ghost" not found"#),
        "{err}"
    );
    // The raw API answers Invalid (422) and NotFound (404).
    let body = cluster.dir.path().join("tr.json");
    std::fs::write(
        &body,
        r#"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":10}}"#,
    )?;
    let body = body.to_string_lossy().into_owned();
    let err = cluster.kubectl_fails(&[
        "create",
        "--raw",
        "/api/v1/namespaces/default/serviceaccounts/robot/token",
        "-f",
        &body,
    ])?;
    assert!(err.contains(r#"The TokenRequest "" is invalid"#), "{err}");
    let plain = cluster.dir.path().join("plain.json");
    std::fs::write(
        &plain,
        r#"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"#,
    )?;
    let plain = plain.to_string_lossy().into_owned();
    let err = cluster.kubectl_fails(&[
        "create",
        "--raw",
        "/api/v1/namespaces/default/serviceaccounts/ghost/token",
        "-f",
        &plain,
    ])?;
    assert!(err.contains("(NotFound)"), "{err}");
    // Validation comes before the lookup, as in Kubernetes.
    let err = cluster.kubectl_fails(&[
        "create",
        "--raw",
        "/api/v1/namespaces/default/serviceaccounts/ghost/token",
        "-f",
        &body,
    ])?;
    assert!(err.contains(r#"The TokenRequest "" is invalid"#), "{err}");

    // Bound to a Secret: must exist, with the uid when given; gone, the token fails.
    let err = cluster.kubectl_fails(&[
        "create",
        "token",
        "robot",
        "--bound-object-kind",
        "Secret",
        "--bound-object-name",
        "anchor",
    ])?;
    assert!(err.contains(r#"secrets "anchor" not found"#), "{err}");
    cluster.kubectl(&["create", "secret", "generic", "anchor"])?;
    let err = cluster.kubectl_fails(&[
        "create",
        "token",
        "robot",
        "--bound-object-kind",
        "Secret",
        "--bound-object-name",
        "anchor",
        "--bound-object-uid",
        "0d4691ed-659b-4935-a832-355f77ee47cc",
    ])?;
    assert!(err.contains("does not match the UID in record"), "{err}");
    let bound = create_token(
        &cluster,
        &[
            "robot",
            "--bound-object-kind",
            "Secret",
            "--bound-object-name",
            "anchor",
        ],
    )?;
    let secret_uid = cluster.get_json(&["secret", "anchor"])?["metadata"]["uid"].clone();
    assert_eq!(
        claims(&bound)?["kubernetes.io"]["secret"]["uid"],
        secret_uid
    );
    ensure!(!rejected(&cluster, &bound)?, "secret-bound token rejected");
    cluster.kubectl(&["delete", "secret", "anchor"])?;
    cluster.eventually(WAIT, || rejected(&cluster, &bound))?;

    // Bound to a Pod: the pod must run as the ServiceAccount; the user carries
    // the pod; deleting the pod revokes the token.
    let pod = serde_json::json!({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
        "spec": {"serviceAccountName": "robot", "containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10"}]},
    });
    cluster.kubectl_stdin(&["apply", "-f", "-"], &pod.to_string())?;
    let err = cluster.kubectl_fails(&[
        "create",
        "token",
        "default",
        "--bound-object-kind",
        "Pod",
        "--bound-object-name",
        "web",
    ])?;
    assert!(err.contains("different serviceaccount name"), "{err}");
    let bound = create_token(
        &cluster,
        &[
            "robot",
            "--bound-object-kind",
            "Pod",
            "--bound-object-name",
            "web",
        ],
    )?;
    let user = whoami(&cluster, &bound)?;
    assert_eq!(
        user["extra"]["authentication.kubernetes.io/pod-name"],
        serde_json::json!(["web"])
    );
    cluster.kubectl(&["delete", "pod", "web", "--grace-period=0", "--force"])?;
    cluster.eventually(WAIT, || rejected(&cluster, &bound))?;
    Ok(())
}

#[test]
fn legacy_token_secrets_are_filled_and_authenticate() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "serviceaccount", "builder"])?;
    let sa_uid = cluster.get_json(&["serviceaccount", "builder"])?["metadata"]["uid"].clone();
    let secret = |name: &str, account: &str| {
        serde_json::json!({
            "apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
            "metadata": {"name": name, "annotations": {"kubernetes.io/service-account.name": account}},
        })
        .to_string()
    };
    cluster.kubectl_stdin(&["apply", "-f", "-"], &secret("builder-token", "builder"))?;
    cluster.eventually(WAIT, || {
        let s = cluster.get_json(&["secret", "builder-token"])?;
        Ok(["token", "ca.crt", "namespace"]
            .iter()
            .all(|k| s["data"][k].is_string()))
    })?;
    let s = cluster.get_json(&["secret", "builder-token"])?;
    assert_eq!(
        s["metadata"]["annotations"]["kubernetes.io/service-account.uid"],
        sa_uid
    );
    let token = cluster
        .kubectl(&[
            "get",
            "secret",
            "builder-token",
            "-o",
            "go-template={{.data.token | base64decode}}",
        ])?
        .trim()
        .to_string();
    let namespace = cluster.kubectl(&[
        "get",
        "secret",
        "builder-token",
        "-o",
        "go-template={{.data.namespace | base64decode}}",
    ])?;
    assert_eq!(namespace.trim(), "default");
    let ca = cluster.kubectl(&[
        "get",
        "secret",
        "builder-token",
        "-o",
        "go-template={{index .data \"ca.crt\" | base64decode}}",
    ])?;
    let cluster_ca = std::fs::read_to_string(cluster.dir.path().join("data/tls/ca.crt"))?;
    assert_eq!(ca.trim(), cluster_ca.trim());

    // Kubernetes' legacy claims, no expiry; the token authenticates.
    let c = claims(&token)?;
    assert_eq!(c["iss"], "kubernetes/serviceaccount");
    assert_eq!(
        c["kubernetes.io/serviceaccount/secret.name"],
        "builder-token"
    );
    assert_eq!(
        c["kubernetes.io/serviceaccount/service-account.name"],
        "builder"
    );
    assert_eq!(
        c["kubernetes.io/serviceaccount/service-account.uid"],
        sa_uid
    );
    assert!(c.get("exp").is_none());
    let user = whoami(&cluster, &token)?;
    assert_eq!(user["username"], "system:serviceaccount:default:builder");
    // Its use is recorded on the Secret.
    cluster.eventually(WAIT, || {
        let s = cluster.get_json(&["secret", "builder-token"])?;
        Ok(s["metadata"]["labels"]["kubernetes.io/legacy-token-last-used"].is_string())
    })?;

    // Deleting the Secret revokes the token.
    cluster.kubectl(&["delete", "secret", "builder-token"])?;
    cluster.eventually(WAIT, || rejected(&cluster, &token))?;

    // A token Secret for a ServiceAccount that does not exist is deleted, and
    // so are a deleted ServiceAccount's token Secrets.
    cluster.kubectl_stdin(&["apply", "-f", "-"], &secret("orphan-token", "nobody"))?;
    cluster.kubectl_stdin(&["apply", "-f", "-"], &secret("second-token", "builder"))?;
    let gone = |name: &str| -> Result<bool> {
        let out = cluster.kubectl_raw(&["get", "secret", name])?;
        Ok(!out.status.success() && stderr_of(&out).contains("NotFound"))
    };
    cluster.eventually(WAIT, || gone("orphan-token"))?;
    cluster.eventually(WAIT, || {
        let s = cluster.get_json(&["secret", "second-token"])?;
        Ok(s["data"]["token"].is_string())
    })?;
    cluster.kubectl(&["delete", "serviceaccount", "builder"])?;
    cluster.eventually(WAIT, || gone("second-token"))?;
    Ok(())
}
