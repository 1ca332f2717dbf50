//! StatefulSets and DaemonSets end to end: a real `capstan server` with
//! simulated nodes, driven by real kubectl.
//!
//! * a StatefulSet scales up in ordinal order (each pod created only after its
//!   predecessor was seen Ready, observed through a watch) and down in reverse,
//!   with a claim per ordinal from its volumeClaimTemplates;
//! * a rolling update with a partition only replaces ordinals at or above it,
//!   and `kubectl rollout status/history/undo` work;
//! * a DaemonSet covers every eligible node, follows a node that joins, skips
//!   a tainted node until tolerated, and leaves nodes that taint it away;
//! * a DaemonSet rolling update replaces every pod and `kubectl rollout status`
//!   succeeds.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use capstan_e2e::{capstan_bin, Cluster};
use futures::StreamExt;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, ListParams, WatchEvent, WatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::Client;
use serde_json::Value;

const LONG: Duration = Duration::from_secs(120);

fn write(cluster: &Cluster, name: &str, text: &str) -> Result<String> {
    let path = cluster.dir.path().join(name);
    std::fs::write(&path, text)?;
    Ok(path.to_string_lossy().into_owned())
}

fn apply(cluster: &Cluster, name: &str, manifest: &str) -> Result<String> {
    let file = write(cluster, name, manifest)?;
    cluster.kubectl(&["apply", "-f", &file])
}

fn pods(cluster: &Cluster, selector: &str) -> Result<Vec<Value>> {
    let list = cluster.get_json(&["pods", "-l", selector])?;
    Ok(list["items"].as_array().cloned().unwrap_or_default())
}

fn name(obj: &Value) -> &str {
    obj["metadata"]["name"].as_str().unwrap_or("")
}

fn is_ready(pod: &Value) -> bool {
    pod["status"]["phase"] == "Running"
        && pod["status"]["conditions"].as_array().is_some_and(|cs| {
            cs.iter()
                .any(|c| c["type"] == "Ready" && c["status"] == "True")
        })
}

fn image(pod: &Value) -> &str {
    pod["spec"]["containers"][0]["image"].as_str().unwrap_or("")
}

fn label<'a>(obj: &'a Value, key: &str) -> &'a str {
    obj["metadata"]["labels"][key].as_str().unwrap_or("")
}

/// Sorted names of the live (not terminating) pods matching `selector`.
fn live_pod_names(cluster: &Cluster, selector: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = pods(cluster, selector)?
        .iter()
        .filter(|p| p["metadata"]["deletionTimestamp"].is_null())
        .map(|p| name(p).to_string())
        .collect();
    names.sort();
    Ok(names)
}

/// `kubectl rollout status` of `target`; on failure the error carries the
/// object, its pods and revisions, to show where the rollout stopped.
fn rollout_status(cluster: &Cluster, target: &str, selector: &str) -> Result<String> {
    match cluster.kubectl(&["rollout", "status", target, "--timeout=180s"]) {
        Ok(out) => Ok(out),
        Err(err) => {
            let object = cluster
                .kubectl(&["get", target, "-o", "yaml"])
                .unwrap_or_default();
            let pods = cluster
                .kubectl(&["get", "pods", "-l", selector, "-o", "wide", "--show-labels"])
                .unwrap_or_default();
            let revisions = cluster
                .kubectl(&["get", "controllerrevisions", "-l", selector])
                .unwrap_or_default();
            let log = cluster.log_text();
            let controller_log: Vec<&str> = log
                .lines()
                .filter(|l| l.contains("daemonset") || l.contains("statefulset"))
                .collect();
            let tail = controller_log[controller_log.len().saturating_sub(40)..].join("\n");
            Err(err.context(format!(
                "{object}\n{pods}\n{revisions}\nserver log:\n{tail}"
            )))
        }
    }
}

// ---------------------------------------------------------------------------
// Watching pods, to observe the order things happen in.

#[derive(Clone, Debug)]
struct Seen {
    kind: &'static str,
    name: String,
    ready: bool,
    deleting: bool,
}

/// A watch on pods, recording every event in the order the API server sent them.
struct PodWatch {
    events: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

async fn client(kubeconfig: &std::path::Path) -> Result<Client> {
    let kc = Kubeconfig::read_from(kubeconfig)?;
    let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default()).await?;
    Ok(Client::try_from(config)?)
}

fn seen(kind: &'static str, pod: &Pod) -> Seen {
    let ready = pod.status.as_ref().is_some_and(|s| {
        s.phase.as_deref() == Some("Running")
            && s.conditions
                .iter()
                .flatten()
                .any(|c| c.type_ == "Ready" && c.status == "True")
    });
    Seen {
        kind,
        name: pod.metadata.name.clone().unwrap_or_default(),
        ready,
        deleting: pod.metadata.deletion_timestamp.is_some(),
    }
}

impl PodWatch {
    /// Starts watching pods matching `selector` in the default namespace; returns
    /// once the watch is established.
    fn start(cluster: &Cluster, selector: &str) -> Result<Self> {
        let events: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<()>>();
        let kubeconfig = cluster.kubeconfig.clone();
        let selector = selector.to_string();
        let (ev, st) = (events.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(e.into()));
                    return;
                }
            };
            rt.block_on(async move {
                let setup = async {
                    let api: Api<Pod> = Api::namespaced(client(&kubeconfig).await?, "default");
                    let list = api.list(&ListParams::default().labels(&selector)).await?;
                    let rv = list.metadata.resource_version.unwrap_or_default();
                    anyhow::Ok((api, rv))
                };
                let (api, mut rv) = match setup.await {
                    Ok(v) => v,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                while !st.load(Ordering::SeqCst) {
                    let wp = WatchParams::default().labels(&selector).timeout(10);
                    let Ok(stream) = api.watch(&wp, &rv).await else {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        continue;
                    };
                    futures::pin_mut!(stream);
                    while let Some(item) = stream.next().await {
                        let (kind, pod) = match item {
                            Ok(WatchEvent::Added(p)) => ("ADDED", p),
                            Ok(WatchEvent::Modified(p)) => ("MODIFIED", p),
                            Ok(WatchEvent::Deleted(p)) => ("DELETED", p),
                            Ok(WatchEvent::Bookmark(b)) => {
                                rv = b.metadata.resource_version;
                                continue;
                            }
                            _ => break,
                        };
                        if let Some(v) = pod.metadata.resource_version.clone() {
                            rv = v;
                        }
                        if let Ok(mut list) = ev.lock() {
                            list.push(seen(kind, &pod));
                        }
                    }
                }
            });
        });
        ready_rx
            .recv_timeout(Duration::from_secs(30))
            .context("pod watch did not start")??;
        Ok(Self {
            events,
            stop,
            thread: Some(thread),
        })
    }

    fn events(&self) -> Vec<Seen> {
        self.events.lock().map(|e| e.clone()).unwrap_or_default()
    }
}

impl Drop for PodWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Position of the first event matching `f`.
fn first(events: &[Seen], f: impl Fn(&Seen) -> bool) -> Option<usize> {
    events.iter().position(f)
}

// ---------------------------------------------------------------------------
// StatefulSets.

const WEB: &str = r#"apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: sim-local
provisioner: example.com/simulated
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - name: http
    port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: registry.local/nginx:1
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      storageClassName: sim-local
      resources:
        requests:
          storage: 1Gi
"#;

fn pvc_names(cluster: &Cluster) -> Result<Vec<String>> {
    let list = cluster.get_json(&["pvc"])?;
    let mut names: Vec<String> = list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter(|p| p["metadata"]["deletionTimestamp"].is_null())
                .map(|p| name(p).to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    Ok(names)
}

fn sts(cluster: &Cluster, name: &str) -> Result<Value> {
    cluster.get_json(&["statefulset", name])
}

#[test]
fn statefulset_scales_in_order_with_claims_per_ordinal() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    let watch = PodWatch::start(&cluster, "app=web")?;
    apply(&cluster, "web.yaml", WEB)?;

    cluster.eventually(LONG, || {
        let ready = pods(&cluster, "app=web")?
            .iter()
            .filter(|p| is_ready(p))
            .count();
        Ok(ready == 3)
    })?;
    let out = rollout_status(&cluster, "statefulset/web", "app=web")?;
    ensure!(
        out.contains("roll out complete: 3 new pods"),
        "rollout status: {out}"
    );

    // Each pod appeared only after its predecessor was seen Running and Ready.
    let events = watch.events();
    for n in 1..3 {
        let created = first(&events, |e| e.name == format!("web-{n}"))
            .with_context(|| format!("web-{n} never seen; events: {events:?}"))?;
        let prev_ready = first(&events, |e| e.name == format!("web-{}", n - 1) && e.ready)
            .with_context(|| format!("web-{} never seen ready", n - 1))?;
        ensure!(
            prev_ready < created,
            "web-{n} was created before web-{} was ready: {events:?}",
            n - 1
        );
    }

    // Stable identity and storage.
    let set = sts(&cluster, "web")?;
    let update_revision = set["status"]["updateRevision"]
        .as_str()
        .unwrap_or("")
        .to_string();
    ensure!(!update_revision.is_empty(), "status: {}", set["status"]);
    ensure!(
        set["status"]["currentRevision"] == update_revision.as_str(),
        "status: {}",
        set["status"]
    );
    for key in [
        "replicas",
        "readyReplicas",
        "currentReplicas",
        "updatedReplicas",
        "availableReplicas",
    ] {
        ensure!(set["status"][key] == 3, "status.{key}: {}", set["status"]);
    }
    ensure!(
        set["status"]["observedGeneration"] == set["metadata"]["generation"],
        "status: {}",
        set["status"]
    );
    let pod = cluster.get_json(&["pod", "web-1"])?;
    ensure!(
        label(&pod, "statefulset.kubernetes.io/pod-name") == "web-1",
        "labels: {}",
        pod["metadata"]["labels"]
    );
    ensure!(
        label(&pod, "apps.kubernetes.io/pod-index") == "1",
        "labels: {}",
        pod["metadata"]["labels"]
    );
    ensure!(
        label(&pod, "controller-revision-hash") == update_revision,
        "labels: {}",
        pod["metadata"]["labels"]
    );
    ensure!(
        pod["spec"]["hostname"] == "web-1" && pod["spec"]["subdomain"] == "web",
        "spec: {}",
        pod["spec"]
    );
    let volumes = pod["spec"]["volumes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    ensure!(
        volumes.iter().any(|v| v["name"] == "data" && v["persistentVolumeClaim"]["claimName"] == "data-web-1"),
        "volumes: {volumes:?}"
    );
    let owner = &pod["metadata"]["ownerReferences"][0];
    ensure!(
        owner["kind"] == "StatefulSet" && owner["name"] == "web" && owner["controller"] == true,
        "owner: {owner}"
    );
    ensure!(
        pvc_names(&cluster)? == ["data-web-0", "data-web-1", "data-web-2"],
        "pvcs: {:?}",
        pvc_names(&cluster)?
    );
    let revisions = cluster.get_json(&["controllerrevisions"])?;
    ensure!(
        revisions["items"]
            .as_array()
            .is_some_and(|r| r.len() == 1 && name(&r[0]) == update_revision),
        "revisions: {revisions}"
    );

    // Scale down: highest ordinal first, the next only once it is gone.
    cluster.kubectl(&["scale", "statefulset/web", "--replicas=1"])?;
    cluster.eventually(LONG, || {
        Ok(live_pod_names(&cluster, "app=web")? == ["web-0"]
            && pods(&cluster, "app=web")?.len() == 1)
    })?;
    let events = watch.events();
    let two_gone = first(&events, |e| e.name == "web-2" && e.kind == "DELETED")
        .context("web-2 never deleted")?;
    let one_deleting = first(&events, |e| {
        e.name == "web-1" && (e.deleting || e.kind == "DELETED")
    })
    .context("web-1 never deleted")?;
    ensure!(
        two_gone < one_deleting,
        "web-1 went before web-2 was gone: {events:?}"
    );
    ensure!(
        first(&events, |e| e.name == "web-0" && e.deleting).is_none(),
        "web-0 was deleted: {events:?}"
    );
    // Claims are retained by default.
    ensure!(
        pvc_names(&cluster)?.len() == 3,
        "pvcs: {:?}",
        pvc_names(&cluster)?
    );
    cluster.eventually(
        LONG,
        || Ok(sts(&cluster, "web")?["status"]["replicas"] == 1),
    )?;

    // With whenScaled: Delete, claims of scaled-away pods go with them.
    cluster.kubectl(&[
        "patch",
        "statefulset/web",
        "--type=merge",
        "-p",
        r#"{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}"#,
    ])?;
    cluster.kubectl(&["scale", "statefulset/web", "--replicas=3"])?;
    cluster.eventually(LONG, || {
        Ok(pods(&cluster, "app=web")?
            .iter()
            .filter(|p| is_ready(p))
            .count()
            == 3)
    })?;
    cluster.kubectl(&["scale", "statefulset/web", "--replicas=1"])?;
    cluster.eventually(LONG, || Ok(pvc_names(&cluster)? == ["data-web-0"]))?;
    ensure!(
        live_pod_names(&cluster, "app=web")? == ["web-0"],
        "pods after scale-down"
    );
    Ok(())
}

const DB: &str = r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: registry.local/db:1
"#;

#[test]
fn statefulset_rolling_update_respects_partition_and_rolls_back() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    apply(&cluster, "db.yaml", DB)?;
    cluster.eventually(LONG, || {
        Ok(pods(&cluster, "app=db")?
            .iter()
            .filter(|p| is_ready(p))
            .count()
            == 3)
    })?;
    rollout_status(&cluster, "statefulset/db", "app=db")?;
    let before: Vec<(String, String)> = pods(&cluster, "app=db")?
        .iter()
        .map(|p| {
            (
                name(p).to_string(),
                p["metadata"]["uid"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let first_revision = sts(&cluster, "db")?["status"]["currentRevision"]
        .as_str()
        .unwrap_or("")
        .to_string();

    cluster.kubectl(&["set", "image", "statefulset/db", "db=registry.local/db:2"])?;
    let out = rollout_status(&cluster, "statefulset/db", "app=db")?;
    ensure!(
        out.contains("partitioned roll out complete: 1 new pods"),
        "rollout status: {out}"
    );
    let set = sts(&cluster, "db")?;
    let update_revision = set["status"]["updateRevision"]
        .as_str()
        .unwrap_or("")
        .to_string();
    ensure!(
        update_revision != first_revision,
        "status: {}",
        set["status"]
    );
    ensure!(
        set["status"]["currentRevision"] == first_revision.as_str(),
        "status: {}",
        set["status"]
    );
    ensure!(
        set["status"]["updatedReplicas"] == 1,
        "status: {}",
        set["status"]
    );
    for pod in pods(&cluster, "app=db")? {
        let n = name(&pod);
        if n == "db-2" {
            ensure!(
                image(&pod) == "registry.local/db:2",
                "db-2 not updated: {pod}"
            );
            ensure!(
                label(&pod, "controller-revision-hash") == update_revision,
                "db-2 revision"
            );
        } else {
            ensure!(
                image(&pod) == "registry.local/db:1",
                "{n} updated below the partition"
            );
            ensure!(
                label(&pod, "controller-revision-hash") == first_revision,
                "{n} revision"
            );
            let uid = pod["metadata"]["uid"].as_str().unwrap_or("");
            ensure!(
                before.iter().any(|(bn, bu)| bn == n && bu == uid),
                "{n} was replaced"
            );
        }
    }

    // Partition 0: the rest follow, highest ordinal first.
    cluster.kubectl(&[
        "patch",
        "statefulset/db",
        "--type=merge",
        "-p",
        r#"{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}"#,
    ])?;
    let out = rollout_status(&cluster, "statefulset/db", "app=db")?;
    ensure!(
        out.contains("roll out complete: 3 new pods"),
        "rollout status: {out}"
    );
    let set = sts(&cluster, "db")?;
    ensure!(
        set["status"]["currentRevision"] == update_revision.as_str(),
        "status: {}",
        set["status"]
    );
    ensure!(
        pods(&cluster, "app=db")?
            .iter()
            .all(|p| image(p) == "registry.local/db:2"),
        "not every pod updated"
    );

    // History and undo.
    let history = cluster.kubectl(&["rollout", "history", "statefulset/db"])?;
    ensure!(
        history.contains("REVISION") && history.contains('1') && history.contains('2'),
        "history: {history}"
    );
    cluster.kubectl(&["rollout", "undo", "statefulset/db"])?;
    cluster.eventually(LONG, || {
        let pods = pods(&cluster, "app=db")?;
        Ok(pods.len() == 3
            && pods
                .iter()
                .all(|p| image(p) == "registry.local/db:1" && is_ready(p)))
    })?;
    rollout_status(&cluster, "statefulset/db", "app=db")?;
    let set = sts(&cluster, "db")?;
    ensure!(
        set["status"]["currentRevision"] == first_revision.as_str(),
        "after undo: {}",
        set["status"]
    );
    let history = cluster.kubectl(&["rollout", "history", "statefulset/db"])?;
    let numbers: Vec<&str> = history
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    ensure!(numbers == ["2", "3"], "history after undo: {history}");
    Ok(())
}

// ---------------------------------------------------------------------------
// DaemonSets.

const AGENT: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: registry.local/agent:1
"#;

/// Node names that run a live, ready pod matching `selector`, sorted.
fn nodes_with_ready_pods(cluster: &Cluster, selector: &str) -> Result<Vec<String>> {
    let mut nodes: Vec<String> = pods(cluster, selector)?
        .iter()
        .filter(|p| p["metadata"]["deletionTimestamp"].is_null() && is_ready(p))
        .filter_map(|p| p["spec"]["nodeName"].as_str().map(str::to_string))
        .collect();
    nodes.sort();
    Ok(nodes)
}

fn ds_status(cluster: &Cluster, name: &str) -> Result<Value> {
    Ok(cluster.get_json(&["daemonset", name])?["status"].clone())
}

/// A `capstan simulate-nodes` process adding nodes to the cluster.
struct ExtraNodes(Child);

impl ExtraNodes {
    fn start(cluster: &Cluster, prefix: &str) -> Result<Self> {
        let log = std::fs::File::create(cluster.dir.path().join(format!("{prefix}.log")))?;
        let child = Command::new(capstan_bin()?)
            .args(["simulate-nodes", "1", "--prefix", prefix, "--kubeconfig"])
            .arg(&cluster.kubeconfig)
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .context("starting capstan simulate-nodes")?;
        Ok(Self(child))
    }

    fn stop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for ExtraNodes {
    fn drop(&mut self) {
        self.stop();
    }
}

#[test]
fn daemonset_covers_eligible_nodes_and_follows_node_changes() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    cluster.kubectl(&["taint", "nodes", "sim-node-2", "dedicated=infra:NoSchedule"])?;
    apply(&cluster, "agent.yaml", AGENT)?;

    cluster.eventually(LONG, || {
        Ok(nodes_with_ready_pods(&cluster, "app=agent")? == ["sim-node-0", "sim-node-1"])
    })?;
    cluster.eventually(LONG, || {
        let s = ds_status(&cluster, "agent")?;
        Ok(s["desiredNumberScheduled"] == 2 && s["numberReady"] == 2 && s["numberAvailable"] == 2)
    })?;
    // Placement goes through the scheduler: node affinity on metadata.name,
    // plus the tolerations every daemon pod gets.
    let pod = pods(&cluster, "app=agent")?
        .into_iter()
        .next()
        .context("no agent pod")?;
    let node = pod["spec"]["nodeName"].as_str().unwrap_or("").to_string();
    let term = &pod["spec"]["affinity"]["nodeAffinity"]
        ["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"][0];
    ensure!(
        term["matchFields"][0]["key"] == "metadata.name"
            && term["matchFields"][0]["values"][0] == node.as_str(),
        "affinity: {}",
        pod["spec"]["affinity"]
    );
    let tolerations = pod["spec"]["tolerations"].to_string();
    for key in [
        "not-ready",
        "unreachable",
        "disk-pressure",
        "memory-pressure",
        "pid-pressure",
        "unschedulable",
    ] {
        ensure!(
            tolerations.contains(&format!("node.kubernetes.io/{key}")),
            "tolerations: {tolerations}"
        );
    }
    ensure!(
        !label(&pod, "controller-revision-hash").is_empty(),
        "labels: {}",
        pod["metadata"]["labels"]
    );

    // A node that joins gets a pod.
    let mut extra = ExtraNodes::start(&cluster, "extra")?;
    cluster.eventually(LONG, || {
        Ok(
            nodes_with_ready_pods(&cluster, "app=agent")?
                == ["extra-0", "sim-node-0", "sim-node-1"],
        )
    })?;
    cluster.eventually(LONG, || {
        Ok(ds_status(&cluster, "agent")?["desiredNumberScheduled"] == 3)
    })?;

    // Tolerating the taint brings a pod to the tainted node.
    cluster.kubectl(&[
        "patch",
        "daemonset/agent",
        "--type=merge",
        "-p",
        r#"{"spec":{"template":{"spec":{"tolerations":[{"key":"dedicated","operator":"Equal","value":"infra","effect":"NoSchedule"}]}}}}"#,
    ])?;
    rollout_status(&cluster, "daemonset/agent", "app=agent")?;
    cluster.eventually(LONG, || {
        Ok(nodes_with_ready_pods(&cluster, "app=agent")?
            == ["extra-0", "sim-node-0", "sim-node-1", "sim-node-2"])
    })?;

    // A NoExecute taint the pods do not tolerate takes them off a node.
    cluster.kubectl(&["taint", "nodes", "sim-node-1", "evict=now:NoExecute"])?;
    cluster.eventually(LONG, || {
        let on_node_1 = pods(&cluster, "app=agent")?
            .iter()
            .any(|p| p["spec"]["nodeName"] == "sim-node-1");
        Ok(!on_node_1)
    })?;
    cluster.eventually(LONG, || {
        Ok(ds_status(&cluster, "agent")?["desiredNumberScheduled"] == 3)
    })?;

    // A node that goes away no longer counts.
    extra.stop();
    cluster.kubectl(&["delete", "node", "extra-0"])?;
    cluster.eventually(LONG, || {
        let s = ds_status(&cluster, "agent")?;
        Ok(s["desiredNumberScheduled"] == 2
            && s["currentNumberScheduled"] == 2
            && s["numberMisscheduled"] == 0)
    })?;
    Ok(())
}

const LOGGER: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logger
spec:
  selector:
    matchLabels:
      app: logger
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  template:
    metadata:
      labels:
        app: logger
    spec:
      containers:
      - name: logger
        image: registry.local/logger:1
"#;

fn logger_images(cluster: &Cluster) -> Result<Vec<String>> {
    Ok(pods(cluster, "app=logger")?
        .iter()
        .filter(|p| p["metadata"]["deletionTimestamp"].is_null())
        .map(|p| image(p).to_string())
        .collect())
}

#[test]
fn daemonset_rolling_update_replaces_pods() -> Result<()> {
    let cluster = Cluster::start(&["--simulated-nodes", "3"])?;
    apply(&cluster, "logger.yaml", LOGGER)?;
    cluster.eventually(LONG, || {
        Ok(nodes_with_ready_pods(&cluster, "app=logger")?.len() == 3)
    })?;
    rollout_status(&cluster, "daemonset/logger", "app=logger")?;
    let old_names = live_pod_names(&cluster, "app=logger")?;

    cluster.kubectl(&[
        "set",
        "image",
        "daemonset/logger",
        "logger=registry.local/logger:2",
    ])?;
    let out = rollout_status(&cluster, "daemonset/logger", "app=logger")?;
    ensure!(
        out.contains("successfully rolled out"),
        "rollout status: {out}"
    );
    cluster.eventually(LONG, || {
        let images = logger_images(&cluster)?;
        Ok(images.len() == 3 && images.iter().all(|i| i == "registry.local/logger:2"))
    })?;
    let new_names = live_pod_names(&cluster, "app=logger")?;
    ensure!(
        new_names.iter().all(|n| !old_names.contains(n)),
        "pods were not replaced: {old_names:?} -> {new_names:?}"
    );
    let status = ds_status(&cluster, "logger")?;
    for key in [
        "desiredNumberScheduled",
        "currentNumberScheduled",
        "updatedNumberScheduled",
        "numberReady",
        "numberAvailable",
    ] {
        ensure!(status[key] == 3, "status.{key}: {status}");
    }

    // Surge instead of unavailability.
    cluster.kubectl(&[
        "patch",
        "daemonset/logger",
        "--type=merge",
        "-p",
        r#"{"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}"#,
    ])?;
    cluster.kubectl(&[
        "set",
        "image",
        "daemonset/logger",
        "logger=registry.local/logger:3",
    ])?;
    rollout_status(&cluster, "daemonset/logger", "app=logger")?;
    cluster.eventually(LONG, || {
        let images = logger_images(&cluster)?;
        Ok(images.len() == 3 && images.iter().all(|i| i == "registry.local/logger:3"))
    })?;

    // History and undo.
    let history = cluster.kubectl(&["rollout", "history", "daemonset/logger"])?;
    let numbers: Vec<&str> = history
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    ensure!(numbers == ["1", "2", "3"], "history: {history}");
    cluster.kubectl(&["rollout", "undo", "daemonset/logger"])?;
    rollout_status(&cluster, "daemonset/logger", "app=logger")?;
    cluster.eventually(LONG, || {
        let images = logger_images(&cluster)?;
        Ok(images.len() == 3 && images.iter().all(|i| i == "registry.local/logger:2"))
    })?;
    let history = cluster.kubectl(&["rollout", "history", "daemonset/logger"])?;
    let numbers: Vec<&str> = history
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    ensure!(numbers == ["1", "3", "4"], "history after undo: {history}");
    if cluster
        .kubectl(&[
            "get",
            "controllerrevisions",
            "-l",
            "app=logger",
            "-o",
            "name",
        ])?
        .lines()
        .count()
        != 3
    {
        bail!("unexpected number of controller revisions");
    }
    Ok(())
}
