//! RBAC authorization with real kubectl: 403s worded as Kubernetes words
//! them, Roles and ClusterRoles granted through bindings, `kubectl auth can-i`
//! (SelfSubjectAccessReview and SelfSubjectRulesReview), `--as`
//! impersonation, SubjectAccessReview, and ClusterRole aggregation into the
//! bootstrap `admin`, `edit` and `view` roles.

use std::process::Output;
use std::time::Duration;

use anyhow::{ensure, Result};
use capstan_e2e::Cluster;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(30);

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `kubectl auth can-i` as printed ("yes" or "no").
fn can_i(cluster: &Cluster, args: &[&str]) -> Result<String> {
    let mut full = vec!["auth", "can-i"];
    full.extend_from_slice(args);
    let out = cluster.kubectl_raw(&full)?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn with_token(cluster: &Cluster, token: &str, args: &[&str]) -> Result<Output> {
    let mut full = vec!["--token", token];
    full.extend_from_slice(args);
    cluster.kubectl_raw(&full)
}

#[test]
fn service_account_needs_a_binding_and_gets_only_what_it_grants() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "serviceaccount", "robot"])?;
    let token = cluster
        .kubectl(&["create", "token", "robot"])?
        .trim()
        .to_string();
    let sa = "system:serviceaccount:default:robot";

    let out = with_token(&cluster, &token, &["get", "pods"])?;
    ensure!(!out.status.success());
    let expected = format!(
        "Error from server (Forbidden): pods is forbidden: User \"{sa}\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""
    );
    ensure!(stderr_of(&out).trim() == expected, "{}", stderr_of(&out));
    let out = with_token(&cluster, &token, &["get", "nodes"])?;
    ensure!(
        stderr_of(&out)
            .contains("cannot list resource \"nodes\" in API group \"\" at the cluster scope"),
        "{}",
        stderr_of(&out)
    );
    // The Status body itself, as client libraries see it.
    let out = with_token(
        &cluster,
        &token,
        &[
            "get",
            "--raw",
            "/api/v1/namespaces/default/configmaps/settings",
        ],
    )?;
    ensure!(
        stderr_of(&out).contains("configmaps \"settings\" is forbidden"),
        "{}",
        stderr_of(&out)
    );
    // Discovery, health and who-am-I stay open to every authenticated user.
    ensure!(with_token(&cluster, &token, &["api-resources"])?
        .status
        .success());
    ensure!(with_token(&cluster, &token, &["get", "--raw", "/healthz"])?
        .status
        .success());
    ensure!(with_token(&cluster, &token, &["auth", "whoami"])?
        .status
        .success());
    ensure!(can_i(&cluster, &["list", "pods", "--as", sa])? == "no");

    cluster.kubectl(&[
        "create",
        "rolebinding",
        "robot-view",
        "--clusterrole=view",
        "--serviceaccount=default:robot",
    ])?;
    cluster.eventually(WAIT, || {
        Ok(can_i(&cluster, &["list", "pods", "--as", sa])? == "yes")
    })?;
    ensure!(with_token(&cluster, &token, &["get", "pods"])?
        .status
        .success());
    ensure!(with_token(
        &cluster,
        &token,
        &["auth", "can-i", "watch", "deployments.apps"]
    )?
    .status
    .success());
    // view reads no Secrets, writes nothing, and only in its namespace.
    ensure!(can_i(&cluster, &["get", "secrets", "--as", sa])? == "no");
    ensure!(can_i(&cluster, &["list", "pods", "-n", "kube-system", "--as", sa])? == "no");
    let out = with_token(&cluster, &token, &["create", "configmap", "notes"])?;
    ensure!(
        stderr_of(&out).contains(&format!(
            "User \"{sa}\" cannot create resource \"configmaps\""
        )),
        "{}",
        stderr_of(&out)
    );
    // can-i --list (SelfSubjectRulesReview) shows the aggregated view rules.
    let list = String::from_utf8_lossy(
        &with_token(&cluster, &token, &["auth", "can-i", "--list"])?.stdout,
    )
    .into_owned();
    ensure!(
        list.lines()
            .any(|l| l.starts_with("pods ") && l.contains("[get list watch]")),
        "{list}"
    );

    // Impersonation needs permission of its own.
    let out = with_token(&cluster, &token, &["get", "pods", "--as", "jane"])?;
    ensure!(
        stderr_of(&out).contains(&format!("users \"jane\" is forbidden: User \"{sa}\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope")),
        "{}",
        stderr_of(&out)
    );
    Ok(())
}

#[test]
fn roles_bindings_reviews_and_aggregation() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl(&["create", "namespace", "team"])?;
    cluster.kubectl(&[
        "create",
        "role",
        "deployer",
        "-n",
        "team",
        "--verb=get,list,create,update",
        "--resource=deployments.apps,deployments.apps/scale",
    ])?;
    cluster.kubectl(&[
        "create",
        "rolebinding",
        "jane-deploys",
        "-n",
        "team",
        "--role=deployer",
        "--user=jane",
    ])?;
    cluster.kubectl(&[
        "create",
        "clusterrolebinding",
        "ops-nodes",
        "--clusterrole=view",
        "--group=ops",
    ])?;
    cluster.eventually(WAIT, || {
        Ok(can_i(
            &cluster,
            &["create", "deployments.apps", "-n", "team", "--as", "jane"],
        )? == "yes")
    })?;
    ensure!(
        can_i(
            &cluster,
            &[
                "update",
                "deployments.apps",
                "--subresource=scale",
                "-n",
                "team",
                "--as",
                "jane"
            ]
        )? == "yes"
    );
    ensure!(
        can_i(
            &cluster,
            &["delete", "deployments.apps", "-n", "team", "--as", "jane"]
        )? == "no"
    );
    ensure!(
        can_i(
            &cluster,
            &[
                "create",
                "deployments.apps",
                "-n",
                "default",
                "--as",
                "jane"
            ]
        )? == "no"
    );
    // A ClusterRole bound cluster-wide to a group applies in every namespace.
    cluster.eventually(WAIT, || {
        Ok(can_i(
            &cluster,
            &[
                "list",
                "pods",
                "-n",
                "kube-system",
                "--as",
                "bob",
                "--as-group",
                "ops",
            ],
        )? == "yes")
    })?;
    ensure!(
        can_i(
            &cluster,
            &["list", "pods", "-n", "kube-system", "--as", "bob"]
        )? == "no"
    );

    // SubjectAccessReview: the same question about any user, for webhooks.
    let review = json!({
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SubjectAccessReview",
        "spec": {"user": "jane", "resourceAttributes": {"namespace": "team", "verb": "get", "group": "apps", "resource": "deployments"}},
    });
    let answer: Value = serde_json::from_str(&cluster.kubectl_stdin(
        &[
            "create",
            "--raw",
            "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            "-f",
            "-",
        ],
        &review.to_string(),
    )?)?;
    ensure!(answer["status"]["allowed"] == true, "{answer}");
    ensure!(
        answer["status"]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("jane-deploys"),
        "{answer}"
    );
    let empty = json!({"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview", "spec": {"user": "jane"}});
    let err = cluster.kubectl_stdin(
        &[
            "create",
            "--raw",
            "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            "-f",
            "-",
        ],
        &empty.to_string(),
    );
    ensure!(err.is_err(), "a review without attributes was answered");

    // Aggregation: a ClusterRole labelled aggregate-to-view adds to view, and
    // through edit and admin (which aggregate view) to them too.
    cluster.kubectl_stdin(
        &["apply", "-f", "-"],
        &json!({
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole",
            "metadata": {"name": "widget-reader", "labels": {"rbac.authorization.k8s.io/aggregate-to-view": "true"}},
            "rules": [{"apiGroups": ["example.com"], "resources": ["widgets"], "verbs": ["get", "list"]}],
        })
        .to_string(),
    )?;
    for role in ["view", "edit", "admin"] {
        cluster.eventually(WAIT, || {
            let r = cluster.get_json(&["clusterrole", role])?;
            Ok(r["rules"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|rule| rule["resources"] == json!(["widgets"])))
        })?;
    }
    let widgets = json!({
        "apiVersion": "authorization.k8s.io/v1",
        "kind": "SubjectAccessReview",
        "spec": {"user": "bob", "groups": ["ops"], "resourceAttributes": {"namespace": "kube-system", "verb": "list", "group": "example.com", "resource": "widgets"}},
    });
    cluster.eventually(WAIT, || {
        let answer: Value = serde_json::from_str(&cluster.kubectl_stdin(
            &[
                "create",
                "--raw",
                "/apis/authorization.k8s.io/v1/subjectaccessreviews",
                "-f",
                "-",
            ],
            &widgets.to_string(),
        )?)?;
        Ok(answer["status"]["allowed"] == true)
    })?;
    cluster.kubectl(&["delete", "clusterrole", "widget-reader"])?;
    cluster.eventually(WAIT, || {
        let r = cluster.get_json(&["clusterrole", "view"])?;
        Ok(!r["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|rule| rule["resources"] == json!(["widgets"])))
    })?;
    Ok(())
}
