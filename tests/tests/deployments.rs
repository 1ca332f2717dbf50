//! Deployments, ReplicaSets and ReplicationControllers against a real
//! `capstan server` with simulated nodes (pods become Running and Ready on
//! their own), driven by kubectl as a user types it: rolling updates watched
//! pod by pod, rollbacks, history, pause/resume/restart, Recreate, progress
//! deadlines, ReplicaSet scaling, adoption and self-healing, validation, and
//! cascading deletion. Every check waits generously; nothing asserts timing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use capstan_e2e::Cluster;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(120);

fn cluster() -> Result<Cluster> {
    Cluster::start(&["--simulated-nodes", "3"])
}

fn apply(cluster: &Cluster, name: &str, manifest: &str) -> Result<String> {
    let path = cluster.dir.path().join(name);
    std::fs::write(&path, manifest)?;
    let path = path.to_string_lossy().into_owned();
    cluster.kubectl(&["apply", "-f", &path])
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().cloned().unwrap_or_default()
}

fn name_of(obj: &Value) -> String {
    obj["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn is_ready(pod: &Value) -> bool {
    pod["status"]["conditions"].as_array().is_some_and(|cs| {
        cs.iter()
            .any(|c| c["type"] == "Ready" && c["status"] == "True")
    })
}

fn is_terminating(obj: &Value) -> bool {
    !obj["metadata"]["deletionTimestamp"].is_null()
}

/// Pods matching `selector` that are not being deleted.
fn live_pods(cluster: &Cluster, selector: &str) -> Result<Vec<Value>> {
    Ok(items(&cluster.get_json(&["pods", "-l", selector])?)
        .into_iter()
        .filter(|p| !is_terminating(p))
        .collect())
}

fn rollout_status(cluster: &Cluster, deployment: &str) -> Result<String> {
    cluster.kubectl(&[
        "rollout",
        "status",
        &format!("deployment/{deployment}"),
        "--timeout=180s",
    ])
}

fn replica_sets(cluster: &Cluster, selector: &str) -> Result<Vec<Value>> {
    Ok(items(&cluster.get_json(&["rs", "-l", selector])?))
}

fn annotation(obj: &Value, key: &str) -> Option<String> {
    obj["metadata"]["annotations"][key]
        .as_str()
        .map(str::to_string)
}

fn deployment(name: &str, replicas: u32, image: &str, strategy: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  strategy:
{strategy}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: web
        image: {image}
"#
    )
}

const ROLLING_25: &str =
    "    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%";

/// What a pod looked like in the last watch event about it.
#[derive(Clone, Debug)]
struct PodView {
    image: String,
    ready: bool,
    terminating: bool,
    finished: bool,
}

impl PodView {
    fn of(pod: &Value) -> Self {
        let phase = pod["status"]["phase"].as_str().unwrap_or_default();
        PodView {
            image: pod["spec"]["containers"][0]["image"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            ready: is_ready(pod) && phase == "Running",
            terminating: is_terminating(pod),
            finished: matches!(phase, "Succeeded" | "Failed"),
        }
    }

    /// Counts towards the Deployment's pods (not being deleted, not finished).
    fn live(&self) -> bool {
        !self.terminating && !self.finished
    }

    /// Available (minReadySeconds is 0 in these tests).
    fn available(&self) -> bool {
        self.live() && self.ready
    }
}

/// The pods after one watch event.
type Snapshot = BTreeMap<String, PodView>;

/// `kubectl get pods -w`, replaying every event into a snapshot of all pods,
/// so that every state the API server went through can be checked.
struct PodWatch {
    child: Child,
    snapshots: Arc<Mutex<Vec<Snapshot>>>,
}

impl PodWatch {
    fn start(cluster: &Cluster, selector: &str) -> Result<Self> {
        let mut child = cluster
            .kubectl_cmd(&[
                "get",
                "pods",
                "-l",
                selector,
                "-w",
                "--output-watch-events",
                "-o",
                "json",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("starting kubectl get pods -w")?;
        let stdout = child.stdout.take().context("watch stdout")?;
        let snapshots = Arc::new(Mutex::new(Vec::new()));
        let sink = snapshots.clone();
        std::thread::spawn(move || {
            let mut pods = Snapshot::new();
            let stream =
                serde_json::Deserializer::from_reader(BufReader::new(stdout)).into_iter::<Value>();
            for event in stream.map_while(Result::ok) {
                let object = &event["object"];
                let name = name_of(object);
                match event["type"].as_str() {
                    Some("DELETED") => {
                        pods.remove(&name);
                    }
                    Some(_) => {
                        pods.insert(name, PodView::of(object));
                    }
                    None => continue,
                }
                match sink.lock() {
                    Ok(mut s) => s.push(pods.clone()),
                    Err(_) => break,
                }
            }
        });
        Ok(PodWatch { child, snapshots })
    }

    fn len(&self) -> usize {
        self.snapshots.lock().map(|s| s.len()).unwrap_or(0)
    }

    fn latest(&self) -> Option<Snapshot> {
        self.snapshots.lock().ok().and_then(|s| s.last().cloned())
    }

    /// Waits until the latest snapshot satisfies `check`; returns how many
    /// snapshots there were then.
    fn wait_for(&self, what: &str, check: impl Fn(&Snapshot) -> bool) -> Result<usize> {
        let deadline = std::time::Instant::now() + WAIT;
        while std::time::Instant::now() < deadline {
            let n = self.len();
            if self.latest().is_some_and(|s| check(&s)) {
                return Ok(n);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        bail!("pod watch never showed {what}; last: {:?}", self.latest())
    }

    fn stop(mut self) -> Vec<Snapshot> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.snapshots.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

fn counts(s: &Snapshot) -> (usize, usize) {
    (
        s.values().filter(|p| p.available()).count(),
        s.values().filter(|p| p.live()).count(),
    )
}

#[test]
fn rolling_update_stays_within_max_surge_and_max_unavailable() -> Result<()> {
    let c = cluster()?;
    // 6 replicas with 25%: maxSurge rounds up to 2, maxUnavailable down to 1.
    apply(
        &c,
        "web.yaml",
        &deployment("web", 6, "registry.local/web:1", ROLLING_25),
    )?;
    rollout_status(&c, "web")?;
    let watch = PodWatch::start(&c, "app=web")?;
    let start = watch.wait_for("the 6 initial pods", |s| counts(s) == (6, 6))?;

    c.kubectl(&["set", "image", "deployment/web", "web=registry.local/web:2"])?;
    let out = rollout_status(&c, "web")?;
    ensure!(
        out.contains("successfully rolled out"),
        "rollout status: {out}"
    );
    watch.wait_for("6 available pods of the new image", |s| {
        s.values()
            .filter(|p| p.available() && p.image.ends_with(":2"))
            .count()
            == 6
            && counts(s) == (6, 6)
    })?;
    let snapshots = watch.stop();
    let observed = &snapshots[start.saturating_sub(1)..];
    ensure!(
        observed.len() > 12,
        "too few pod events observed: {}",
        observed.len()
    );
    let mut min_available = usize::MAX;
    let mut max_live = 0;
    for (i, s) in observed.iter().enumerate() {
        let (available, live) = counts(s);
        min_available = min_available.min(available);
        max_live = max_live.max(live);
        ensure!(
            available >= 5,
            "only {available} pods available at event {i}: {s:?}"
        );
        ensure!(live <= 8, "{live} pods at event {i}: {s:?}");
    }
    let d = c.get_json(&["deployment", "web"])?;
    ensure!(
        d["status"]["updatedReplicas"] == 6 && d["status"]["availableReplicas"] == 6,
        "status: {}",
        d["status"]
    );
    let rss = replica_sets(&c, "app=web")?;
    ensure!(rss.len() == 2, "replica sets: {rss:?}");
    for rs in &rss {
        let hash = rs["metadata"]["labels"]["pod-template-hash"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        ensure!(
            !hash.is_empty() && name_of(rs) == format!("web-{hash}"),
            "rs name and hash: {rs}"
        );
        ensure!(
            rs["spec"]["selector"]["matchLabels"]["pod-template-hash"] == hash.as_str(),
            "rs selector: {rs}"
        );
        let owner = &rs["metadata"]["ownerReferences"][0];
        ensure!(
            owner["kind"] == "Deployment"
                && owner["controller"] == true
                && owner["blockOwnerDeletion"] == true,
            "rs owner: {rs}"
        );
    }
    eprintln!(
        "rolling update: {} events, min available {min_available}, max pods {max_live}",
        observed.len()
    );
    Ok(())
}

#[test]
fn rollout_undo_restores_the_previous_template() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "api.yaml",
        &deployment("api", 3, "registry.local/api:1", ROLLING_25),
    )?;
    rollout_status(&c, "api")?;
    c.kubectl(&["set", "image", "deployment/api", "web=registry.local/api:2"])?;
    rollout_status(&c, "api")?;
    let image = c.kubectl(&[
        "get",
        "deploy",
        "api",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
    ])?;
    ensure!(
        image == "registry.local/api:2",
        "image after set image: {image}"
    );

    let out = c.kubectl(&["rollout", "undo", "deployment/api"])?;
    ensure!(out.contains("rolled back"), "undo: {out}");
    rollout_status(&c, "api")?;
    let image = c.kubectl(&[
        "get",
        "deploy",
        "api",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
    ])?;
    ensure!(image == "registry.local/api:1", "image after undo: {image}");
    c.eventually(WAIT, || {
        let pods = live_pods(&c, "app=api")?;
        Ok(pods.len() == 3
            && pods.iter().all(|p| {
                p["spec"]["containers"][0]["image"] == "registry.local/api:1" && is_ready(p)
            }))
    })?;
    // The first ReplicaSet was reused, now as revision 3, remembering revision 1.
    let rss = replica_sets(&c, "app=api")?;
    ensure!(rss.len() == 2, "undo reuses the old replica set: {rss:?}");
    let current = rss
        .iter()
        .find(|rs| {
            rs["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.local/api:1"
        })
        .context("replica set of image 1")?;
    ensure!(
        annotation(current, "deployment.kubernetes.io/revision").as_deref() == Some("3"),
        "revision: {current}"
    );
    ensure!(
        annotation(current, "deployment.kubernetes.io/revision-history").as_deref() == Some("1"),
        "history: {current}"
    );
    let d = c.get_json(&["deployment", "api"])?;
    ensure!(
        annotation(&d, "deployment.kubernetes.io/revision").as_deref() == Some("3"),
        "deployment revision: {d}"
    );

    // Undo again goes back to image 2; an explicit revision works too.
    c.kubectl(&["rollout", "undo", "deployment/api"])?;
    rollout_status(&c, "api")?;
    let image = c.kubectl(&[
        "get",
        "deploy",
        "api",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
    ])?;
    ensure!(
        image == "registry.local/api:2",
        "image after second undo: {image}"
    );
    c.kubectl(&["rollout", "undo", "deployment/api", "--to-revision=3"])?;
    rollout_status(&c, "api")?;
    let image = c.kubectl(&[
        "get",
        "deploy",
        "api",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
    ])?;
    ensure!(
        image == "registry.local/api:1",
        "image after undo to revision 3: {image}"
    );
    Ok(())
}

#[test]
fn history_pause_resume_and_restart() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "app.yaml",
        &deployment("app", 2, "registry.local/app:1", ROLLING_25),
    )?;
    rollout_status(&c, "app")?;
    c.kubectl(&["set", "image", "deployment/app", "web=registry.local/app:2"])?;
    c.kubectl(&[
        "annotate",
        "deployment/app",
        "kubernetes.io/change-cause=upgrade to 2",
    ])?;
    rollout_status(&c, "app")?;
    c.eventually(WAIT, || {
        let history = c.kubectl(&["rollout", "history", "deployment/app"])?;
        Ok(history.contains("REVISION") && history.contains("upgrade to 2"))
    })?;
    let history = c.kubectl(&["rollout", "history", "deployment/app"])?;
    let revisions: Vec<&str> = history
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.chars().all(|ch| ch.is_ascii_digit()))
        .collect();
    ensure!(revisions == ["1", "2"], "history: {history}");
    let one = c.kubectl(&["rollout", "history", "deployment/app", "--revision=1"])?;
    ensure!(one.contains("registry.local/app:1"), "revision 1: {one}");

    // Paused: template changes wait.
    c.kubectl(&["rollout", "pause", "deployment/app"])?;
    c.kubectl(&["set", "image", "deployment/app", "web=registry.local/app:3"])?;
    c.eventually(WAIT, || {
        let d = c.get_json(&["deployment", "app"])?;
        let progressing = d["status"]["conditions"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["type"] == "Progressing").cloned())
            .unwrap_or_default();
        Ok(
            d["status"]["observedGeneration"] == d["metadata"]["generation"]
                && progressing["reason"] == "DeploymentPaused",
        )
    })?;
    ensure!(
        replica_sets(&c, "app=app")?.len() == 2,
        "no new replica set while paused"
    );
    let err = c.kubectl_fails(&["rollout", "undo", "deployment/app"])?;
    ensure!(err.contains("paused"), "undo of a paused deployment: {err}");
    let err = c.kubectl_fails(&["rollout", "restart", "deployment/app"])?;
    ensure!(
        err.contains("paused"),
        "restart of a paused deployment: {err}"
    );
    // Scaling a paused deployment still works.
    c.kubectl(&["scale", "deployment/app", "--replicas=3"])?;
    c.eventually(WAIT, || {
        Ok(live_pods(&c, "app=app")?
            .iter()
            .filter(|p| is_ready(p))
            .count()
            == 3)
    })?;

    c.kubectl(&["rollout", "resume", "deployment/app"])?;
    rollout_status(&c, "app")?;
    ensure!(
        replica_sets(&c, "app=app")?.len() == 3,
        "resume rolls the paused change out"
    );
    c.eventually(WAIT, || {
        let pods = live_pods(&c, "app=app")?;
        Ok(pods.len() == 3
            && pods
                .iter()
                .all(|p| p["spec"]["containers"][0]["image"] == "registry.local/app:3"))
    })?;

    // Restart: a template annotation, hence a new ReplicaSet.
    c.kubectl(&["rollout", "restart", "deployment/app"])?;
    rollout_status(&c, "app")?;
    let rss = replica_sets(&c, "app=app")?;
    ensure!(rss.len() == 4, "restart creates a replica set: {rss:?}");
    let d = c.get_json(&["deployment", "app"])?;
    ensure!(
        d["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"]
            .is_string(),
        "restartedAt: {d}"
    );
    let history = c.kubectl(&["rollout", "history", "deployment/app"])?;
    ensure!(history.contains("4"), "history after restart: {history}");
    Ok(())
}

#[test]
fn recreate_and_progress_deadline() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "db.yaml",
        &deployment("db", 3, "registry.local/db:1", "    type: Recreate"),
    )?;
    rollout_status(&c, "db")?;
    let watch = PodWatch::start(&c, "app=db")?;
    let start = watch.wait_for("the 3 initial pods", |s| counts(s) == (3, 3))?;
    c.kubectl(&["set", "image", "deployment/db", "web=registry.local/db:2"])?;
    rollout_status(&c, "db")?;
    watch.wait_for("3 new pods", |s| {
        s.values()
            .filter(|p| p.available() && p.image.ends_with(":2"))
            .count()
            == 3
            && s.len() == 3
    })?;
    let snapshots = watch.stop();
    for (i, s) in snapshots[start.saturating_sub(1)..].iter().enumerate() {
        let old = s
            .values()
            .filter(|p| p.image.ends_with(":1") && !p.finished)
            .count();
        let new = s.values().filter(|p| p.image.ends_with(":2")).count();
        ensure!(
            old == 0 || new == 0,
            "old and new pods together at event {i}: {s:?}"
        );
    }

    // A rollout that cannot progress (no node fits) exceeds its deadline.
    apply(
        &c,
        "stuck.yaml",
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: stuck
spec:
  replicas: 1
  progressDeadlineSeconds: 3
  selector:
    matchLabels:
      app: stuck
  template:
    metadata:
      labels:
        app: stuck
    spec:
      nodeSelector:
        no-such-label: "true"
      containers:
      - name: web
        image: registry.local/stuck:1
"#,
    )?;
    let out = c.kubectl_raw(&["rollout", "status", "deployment/stuck", "--timeout=120s"])?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(
        !out.status.success() && stderr.contains("exceeded its progress deadline"),
        "rollout status: {stderr}"
    );
    let d = c.get_json(&["deployment", "stuck"])?;
    let conditions = d["status"]["conditions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let reason = |t: &str| {
        conditions
            .iter()
            .find(|c| c["type"] == t)
            .map(|c| (c["status"].clone(), c["reason"].clone()))
    };
    ensure!(
        reason("Progressing") == Some(("False".into(), "ProgressDeadlineExceeded".into())),
        "conditions: {conditions:?}"
    );
    ensure!(
        reason("Available") == Some(("False".into(), "MinimumReplicasUnavailable".into())),
        "conditions: {conditions:?}"
    );
    Ok(())
}

#[test]
fn replica_sets_scale_adopt_release_and_heal() -> Result<()> {
    let c = cluster()?;
    c.kubectl(&[
        "run",
        "stray",
        "--image=registry.local/cache:1",
        "--labels=app=cache",
    ])?;
    apply(
        &c,
        "cache.yaml",
        r#"apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: cache
spec:
  replicas: 3
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
      - name: cache
        image: registry.local/cache:1
"#,
    )?;
    let ready = |n: usize| -> Result<bool> {
        let rs = c.get_json(&["rs", "cache"])?;
        let pods = live_pods(&c, "app=cache")?;
        Ok(pods.len() == n
            && pods.iter().all(is_ready)
            && rs["status"]["readyReplicas"] == n
            && rs["status"]["replicas"] == n)
    };
    c.eventually(WAIT, || ready(3))?;
    // The stray pod was adopted rather than a third pod created.
    let stray = c.get_json(&["pod", "stray"])?;
    let owner = &stray["metadata"]["ownerReferences"][0];
    ensure!(
        owner["kind"] == "ReplicaSet"
            && owner["name"] == "cache"
            && owner["controller"] == true
            && owner["blockOwnerDeletion"] == true,
        "stray pod adopted: {stray}"
    );
    for pod in live_pods(&c, "app=cache")? {
        if name_of(&pod) != "stray" {
            ensure!(
                name_of(&pod).starts_with("cache-") && name_of(&pod).len() == "cache-".len() + 5,
                "generated name: {}",
                name_of(&pod)
            );
        }
    }

    c.kubectl(&["scale", "rs", "cache", "--replicas=5"])?;
    c.eventually(WAIT, || ready(5))?;
    c.kubectl(&["scale", "rs", "cache", "--replicas=2"])?;
    c.eventually(WAIT, || ready(2))?;
    let rs = c.get_json(&["rs", "cache"])?;
    ensure!(
        rs["status"]["observedGeneration"] == rs["metadata"]["generation"],
        "observedGeneration: {}",
        rs["status"]
    );
    ensure!(
        rs["status"]["fullyLabeledReplicas"] == 2 && rs["status"]["availableReplicas"] == 2,
        "status: {}",
        rs["status"]
    );

    // Self-healing: a deleted pod is replaced.
    let victim = name_of(&live_pods(&c, "app=cache")?[0]);
    c.kubectl(&["delete", "pod", &victim])?;
    c.eventually(WAIT, || {
        let pods = live_pods(&c, "app=cache")?;
        Ok(ready(2)? && pods.iter().all(|p| name_of(p) != victim))
    })?;

    // Relabelled out of the selector: released and replaced.
    let leaver = name_of(&live_pods(&c, "app=cache")?[0]);
    c.kubectl(&["label", "pod", &leaver, "app=retired", "--overwrite"])?;
    c.eventually(WAIT, || {
        let pod = c.get_json(&["pod", &leaver])?;
        let owners = pod["metadata"]["ownerReferences"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0);
        Ok(owners == 0 && ready(2)?)
    })?;
    let described = c.kubectl(&["describe", "rs", "cache"])?;
    ensure!(
        described.contains("SuccessfulCreate") && described.contains("SuccessfulDelete"),
        "events: {described}"
    );

    // ReplicationControllers run the same logic.
    apply(
        &c,
        "legacy.yaml",
        r#"apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  selector:
    app: legacy
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
      - name: legacy
        image: registry.local/legacy:1
"#,
    )?;
    let rc_ready = |n: usize| -> Result<bool> {
        let rc = c.get_json(&["rc", "legacy"])?;
        let pods = live_pods(&c, "app=legacy")?;
        Ok(pods.len() == n && pods.iter().all(is_ready) && rc["status"]["readyReplicas"] == n)
    };
    c.eventually(WAIT, || rc_ready(2))?;
    let pod = &live_pods(&c, "app=legacy")?[0];
    let owner = &pod["metadata"]["ownerReferences"][0];
    ensure!(
        owner["kind"] == "ReplicationController"
            && owner["apiVersion"] == "v1"
            && owner["controller"] == true,
        "rc pod owner: {pod}"
    );
    c.kubectl(&["scale", "rc", "legacy", "--replicas=3"])?;
    c.eventually(WAIT, || rc_ready(3))?;
    Ok(())
}

#[test]
fn mismatched_selector_is_rejected() -> Result<()> {
    let c = Cluster::start(&[])?;
    let path = c.dir.path().join("bad.yaml");
    std::fs::write(
        &path,
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: 1
  selector:
    matchLabels:
      app: one
  template:
    metadata:
      labels:
        app: two
    spec:
      containers:
      - name: web
        image: registry.local/bad:1
"#,
    )?;
    let err = c.kubectl_fails(&["apply", "-f", &path.to_string_lossy()])?;
    ensure!(
        err.contains("is invalid") && err.contains("`selector` does not match template `labels`"),
        "kubectl error: {err}"
    );
    let raw = c.kubectl_raw(&["create", "-f", &path.to_string_lossy(), "-v=6"])?;
    let log = String::from_utf8_lossy(&raw.stderr);
    ensure!(
        !raw.status.success() && log.contains("422"),
        "expected a 422: {log}"
    );
    let left = c.kubectl(&["get", "deployments", "-o", "name"])?;
    ensure!(left.trim().is_empty(), "nothing created: {left}");
    Ok(())
}

#[test]
fn deleting_a_deployment_cascades_unless_orphaned() -> Result<()> {
    let c = cluster()?;
    for name in ["gone", "kept", "fore"] {
        apply(
            &c,
            &format!("{name}.yaml"),
            &deployment(name, 2, "registry.local/x:1", ROLLING_25),
        )?;
    }
    for name in ["gone", "kept", "fore"] {
        rollout_status(&c, name)?;
    }

    c.kubectl(&["delete", "deployment", "gone"])?;
    c.eventually(WAIT, || {
        Ok(replica_sets(&c, "app=gone")?.is_empty()
            && items(&c.get_json(&["pods", "-l", "app=gone"])?).is_empty())
    })?;

    c.kubectl(&["delete", "deployment", "fore", "--cascade=foreground"])?;
    c.eventually(WAIT, || {
        let d = c.kubectl_raw(&["get", "deployment", "fore"])?;
        Ok(!d.status.success()
            && replica_sets(&c, "app=fore")?.is_empty()
            && items(&c.get_json(&["pods", "-l", "app=fore"])?).is_empty())
    })?;

    c.kubectl(&["delete", "deployment", "kept", "--cascade=orphan"])?;
    c.eventually(WAIT, || {
        let rss = replica_sets(&c, "app=kept")?;
        Ok(rss.len() == 1
            && rss[0]["metadata"]["ownerReferences"]
                .as_array()
                .is_none_or(Vec::is_empty))
    })?;
    let pods = live_pods(&c, "app=kept")?;
    ensure!(pods.len() == 2, "orphaned pods stay: {pods:?}");
    let owners: BTreeSet<String> = pods
        .iter()
        .map(|p| {
            p["metadata"]["ownerReferences"][0]["kind"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    ensure!(
        owners == BTreeSet::from(["ReplicaSet".to_string()]),
        "pods still belong to the replica set: {owners:?}"
    );
    // Re-creating the Deployment adopts the orphaned ReplicaSet (same
    // template, so no new one and no new pods).
    let pod_names: BTreeSet<String> = pods.iter().map(name_of).collect();
    apply(
        &c,
        "kept.yaml",
        &deployment("kept", 2, "registry.local/x:1", ROLLING_25),
    )?;
    c.eventually(WAIT, || {
        let rss = replica_sets(&c, "app=kept")?;
        Ok(rss.len() == 1 && rss[0]["metadata"]["ownerReferences"][0]["kind"] == "Deployment")
    })?;
    rollout_status(&c, "kept")?;
    let now: BTreeSet<String> = live_pods(&c, "app=kept")?.iter().map(name_of).collect();
    ensure!(
        now == pod_names,
        "adoption kept the pods: {now:?} vs {pod_names:?}"
    );
    // The orphaned ReplicaSet keeps managing its pods.
    let victim = name_of(&pods[0]);
    c.kubectl(&["delete", "pod", &victim])?;
    c.eventually(WAIT, || {
        let pods = live_pods(&c, "app=kept")?;
        Ok(pods.len() == 2 && pods.iter().all(|p| name_of(p) != victim && is_ready(p)))
    })?;
    Ok(())
}

#[test]
fn scaling_mid_rollout_is_proportional() -> Result<()> {
    let c = cluster()?;
    // 4 replicas with 25%: maxSurge 1, maxUnavailable 1.
    apply(
        &c,
        "mid.yaml",
        &deployment("mid", 4, "registry.local/mid:1", ROLLING_25),
    )?;
    rollout_status(&c, "mid")?;
    // The new pods cannot be scheduled: the rollout stops at old 3 + new 2.
    c.kubectl(&[
        "patch",
        "deployment/mid",
        "-p",
        r#"{"spec":{"template":{"spec":{"nodeSelector":{"no-such-label":"true"},"containers":[{"name":"web","image":"registry.local/mid:2"}]}}}}"#,
    ])?;
    let sizes = |c: &Cluster| -> Result<(i64, i64)> {
        let mut old = 0;
        let mut new = 0;
        for rs in replica_sets(c, "app=mid")? {
            let n = rs["spec"]["replicas"].as_i64().unwrap_or(0);
            if rs["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.local/mid:2" {
                new = n;
            } else {
                old = n;
            }
        }
        Ok((old, new))
    };
    c.eventually(WAIT, || Ok(sizes(&c)? == (3, 2)))?;
    // Scaled to 8 (maxSurge 2): 10 pods shared 3:2 -> 6 and 4.
    c.kubectl(&["scale", "deployment/mid", "--replicas=8"])?;
    c.eventually(WAIT, || Ok(sizes(&c)? == (6, 4)))?;
    for rs in replica_sets(&c, "app=mid")? {
        ensure!(
            annotation(&rs, "deployment.kubernetes.io/desired-replicas").as_deref() == Some("8")
                && annotation(&rs, "deployment.kubernetes.io/max-replicas").as_deref()
                    == Some("10"),
            "replica annotations: {rs}"
        );
    }
    // Back down to 2 (maxSurge 1): 3 pods shared 6:4 -> 2 and 1 (rounding leftovers to the largest).
    c.kubectl(&["scale", "deployment/mid", "--replicas=2"])?;
    c.eventually(WAIT, || {
        let (old, new) = sizes(&c)?;
        Ok(old + new == 3 && old >= new && new >= 1)
    })?;
    Ok(())
}
