//! Jobs, CronJobs and TTL-after-finished against a real `capstan server` with
//! simulated nodes, driven by kubectl as a user types it. Pods complete through
//! the simulated kubelet's annotations (`simulated.capstan.io/complete-after`,
//! `simulated.capstan.io/exit-code`). Every check waits generously: nothing
//! here asserts timing.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use capstan_e2e::Cluster;
use serde_json::Value;

fn cluster() -> Result<Cluster> {
    Cluster::start(&["--simulated-nodes", "2"])
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

fn pods_of(cluster: &Cluster, job: &str) -> Result<Vec<Value>> {
    let selector = format!("batch.kubernetes.io/job-name={job}");
    Ok(items(&cluster.get_json(&["pods", "-l", &selector])?))
}

fn condition<'a>(job: &'a Value, kind: &str) -> Option<&'a Value> {
    job["status"]["conditions"]
        .as_array()?
        .iter()
        .find(|c| c["type"] == kind && c["status"] == "True")
}

#[test]
fn job_with_completions_and_parallelism_completes() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 3
  parallelism: 2
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
"#,
    )?;
    c.kubectl(&[
        "wait",
        "--for=condition=complete",
        "job/pi",
        "--timeout=120s",
    ])?;
    let table = c.kubectl(&["get", "jobs"])?;
    ensure!(
        table.contains("Complete") && table.contains("3/3"),
        "kubectl get jobs:\n{table}"
    );
    let job = c.get_json(&["job", "pi"])?;
    ensure!(job["status"]["succeeded"] == 3, "status: {}", job["status"]);
    ensure!(
        job["status"]["failed"].is_null(),
        "status: {}",
        job["status"]
    );
    ensure!(
        job["status"]["completionTime"].is_string(),
        "status: {}",
        job["status"]
    );
    ensure!(
        condition(&job, "SuccessCriteriaMet").is_some(),
        "status: {}",
        job["status"]
    );
    let pods = pods_of(&c, "pi")?;
    ensure!(
        pods.len() == 3,
        "expected exactly 3 pods, got {}",
        pods.len()
    );
    let uid = job["metadata"]["uid"].as_str().context("job uid")?;
    for p in &pods {
        ensure!(
            p["status"]["phase"] == "Succeeded",
            "pod {}",
            p["metadata"]["name"]
        );
        let labels = &p["metadata"]["labels"];
        ensure!(
            labels["batch.kubernetes.io/controller-uid"] == uid,
            "labels {labels}"
        );
        ensure!(
            labels["controller-uid"] == uid && labels["job-name"] == "pi",
            "labels {labels}"
        );
        let owner = &p["metadata"]["ownerReferences"][0];
        ensure!(
            owner["kind"] == "Job" && owner["controller"] == true,
            "owner {owner}"
        );
        // Counted pods lose the tracking finalizer.
        let finalizers = p["metadata"]["finalizers"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        ensure!(finalizers.is_empty(), "finalizers left: {finalizers:?}");
    }
    let events = c.kubectl(&[
        "get",
        "events",
        "--field-selector",
        "involvedObject.name=pi",
    ])?;
    ensure!(
        events.contains("SuccessfulCreate") && events.contains("Completed"),
        "events:\n{events}"
    );
    Ok(())
}

#[test]
fn failing_job_stops_at_backoff_limit() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: flaky
spec:
  backoffLimit: 2
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
        simulated.capstan.io/exit-code: "1"
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["false"]
"#,
    )?;
    // Retries wait 10 s, then 20 s.
    c.kubectl(&[
        "wait",
        "--for=condition=failed",
        "job/flaky",
        "--timeout=240s",
    ])?;
    let job = c.get_json(&["job", "flaky"])?;
    let failed = condition(&job, "Failed").context("Failed condition")?;
    ensure!(
        failed["reason"] == "BackoffLimitExceeded",
        "condition {failed}"
    );
    ensure!(
        failed["message"] == "Job has reached the specified backoff limit",
        "condition {failed}"
    );
    ensure!(
        condition(&job, "FailureTarget").is_some(),
        "status {}",
        job["status"]
    );
    ensure!(job["status"]["failed"] == 3, "status {}", job["status"]);
    ensure!(
        job["status"]["active"].is_null(),
        "status {}",
        job["status"]
    );
    let pods = pods_of(&c, "flaky")?;
    ensure!(
        pods.len() == 3,
        "expected backoffLimit+1 = 3 pods, got {}",
        pods.len()
    );
    ensure!(
        pods.iter().all(|p| p["status"]["phase"] == "Failed"),
        "pods {pods:?}"
    );
    let table = c.kubectl(&["get", "job", "flaky"])?;
    ensure!(table.contains("Failed"), "kubectl get job:\n{table}");
    let events = c.kubectl(&[
        "get",
        "events",
        "--field-selector",
        "involvedObject.name=flaky",
    ])?;
    ensure!(events.contains("BackoffLimitExceeded"), "events:\n{events}");
    Ok(())
}

#[test]
fn indexed_job_completes_all_indexes() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: sharded
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox
        command: ["sh", "-c", "echo shard $JOB_COMPLETION_INDEX"]
"#,
    )?;
    c.kubectl(&[
        "wait",
        "--for=condition=complete",
        "job/sharded",
        "--timeout=120s",
    ])?;
    let job = c.get_json(&["job", "sharded"])?;
    ensure!(
        job["status"]["completedIndexes"] == "0-4",
        "status {}",
        job["status"]
    );
    ensure!(job["status"]["succeeded"] == 5, "status {}", job["status"]);
    let pods = pods_of(&c, "sharded")?;
    let mut indexes = BTreeSet::new();
    for p in &pods {
        let ix = p["metadata"]["annotations"]["batch.kubernetes.io/job-completion-index"]
            .as_str()
            .context("index annotation")?
            .to_string();
        ensure!(
            p["metadata"]["labels"]["batch.kubernetes.io/job-completion-index"] == ix.as_str(),
            "index label of {}",
            p["metadata"]["name"]
        );
        ensure!(
            p["spec"]["hostname"] == format!("sharded-{ix}"),
            "hostname {}",
            p["spec"]["hostname"]
        );
        let name = p["metadata"]["name"].as_str().unwrap_or("");
        ensure!(
            name.starts_with(&format!("sharded-{ix}-")),
            "pod name {name}"
        );
        let env = p["spec"]["containers"][0]["env"].to_string();
        ensure!(env.contains("JOB_COMPLETION_INDEX"), "env {env}");
        indexes.insert(ix);
    }
    let want: BTreeSet<String> = (0..5).map(|i| i.to_string()).collect();
    ensure!(indexes == want, "indexes {indexes:?}");
    Ok(())
}

#[test]
fn suspended_job_starts_when_resumed() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: later
spec:
  suspend: true
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    c.eventually(Duration::from_secs(60), || {
        let job = c.get_json(&["job", "later"])?;
        Ok(condition(&job, "Suspended").is_some_and(|s| s["reason"] == "JobSuspended"))
    })?;
    ensure!(
        pods_of(&c, "later")?.is_empty(),
        "a suspended job created pods"
    );
    c.kubectl(&[
        "patch",
        "job",
        "later",
        "--type=merge",
        "-p",
        r#"{"spec":{"suspend":false}}"#,
    ])?;
    c.kubectl(&[
        "wait",
        "--for=condition=complete",
        "job/later",
        "--timeout=120s",
    ])?;
    let job = c.get_json(&["job", "later"])?;
    let suspended = job["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Suspended").cloned())
        .context("Suspended condition")?;
    ensure!(
        suspended["status"] == "False" && suspended["reason"] == "JobResumed",
        "{suspended}"
    );
    ensure!(
        job["status"]["startTime"].is_string(),
        "status {}",
        job["status"]
    );
    Ok(())
}

#[test]
fn cronjob_fires_and_forbid_keeps_one_job_running() -> Result<()> {
    let c = cluster()?;
    c.kubectl(&[
        "create",
        "cronjob",
        "hello",
        "--image=busybox",
        "--schedule=*/1 * * * *",
        "--",
        "date",
    ])?;
    apply(
        &c,
        "forbid.yaml",
        r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: exclusive
spec:
  schedule: "*/1 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            simulated.capstan.io/complete-after: "30m"
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox
"#,
    )?;
    // Within a minute (plus slack) each CronJob starts a Job.
    let mut first: Option<Value> = None;
    c.eventually(Duration::from_secs(150), || {
        let jobs = items(&c.get_json(&["jobs"])?);
        first = jobs
            .iter()
            .find(|j| j["metadata"]["ownerReferences"][0]["name"] == "hello")
            .cloned();
        let forbid = jobs
            .iter()
            .any(|j| j["metadata"]["ownerReferences"][0]["name"] == "exclusive");
        Ok(first.is_some() && forbid)
    })?;
    let job = first.context("hello job")?;
    let name = job["metadata"]["name"].as_str().unwrap_or("");
    let scheduled = job["metadata"]["annotations"]
        ["batch.kubernetes.io/cronjob-scheduled-timestamp"]
        .as_str()
        .context("scheduled-timestamp annotation")?;
    let at: i64 = scheduled
        .parse::<jiff_like::Rfc3339>()
        .map(|t| t.0)
        .context("parsing the scheduled timestamp")?;
    ensure!(
        name == format!("hello-{}", at / 60),
        "job name {name} for {scheduled}"
    );
    let owner = &job["metadata"]["ownerReferences"][0];
    ensure!(
        owner["kind"] == "CronJob" && owner["controller"] == true,
        "owner {owner}"
    );
    c.eventually(Duration::from_secs(30), || {
        let cj = c.get_json(&["cronjob", "hello"])?;
        Ok(cj["status"]["lastScheduleTime"].is_string()
            && cj["status"]["active"]
                .as_array()
                .is_some_and(|a| !a.is_empty()))
    })?;
    // At the next start time the Forbid CronJob declines to start another Job.
    c.eventually(Duration::from_secs(150), || {
        let events = c.kubectl(&[
            "get",
            "events",
            "--field-selector",
            "involvedObject.name=exclusive",
        ])?;
        Ok(events.contains("JobAlreadyActive"))
    })?;
    let exclusive: Vec<Value> = items(&c.get_json(&["jobs"])?)
        .into_iter()
        .filter(|j| j["metadata"]["ownerReferences"][0]["name"] == "exclusive")
        .collect();
    ensure!(
        exclusive.len() == 1,
        "Forbid started {} jobs",
        exclusive.len()
    );
    let cj = c.get_json(&["cronjob", "exclusive"])?;
    ensure!(
        cj["status"]["active"].as_array().map_or(0, Vec::len) == 1,
        "status {}",
        cj["status"]
    );
    let table = c.kubectl(&["get", "cronjobs"])?;
    ensure!(
        table.contains("hello") && table.contains("*/1 * * * *"),
        "kubectl get cronjobs:\n{table}"
    );
    Ok(())
}

#[test]
fn invalid_cron_schedule_is_rejected() -> Result<()> {
    let c = cluster()?;
    let stderr = c.kubectl_fails(&[
        "create",
        "cronjob",
        "bad",
        "--image=busybox",
        "--schedule=61 * * * *",
    ])?;
    ensure!(
        stderr.contains(r#"CronJob "bad" is invalid"#)
            && stderr.contains("spec.schedule")
            && stderr.contains("61"),
        "stderr: {stderr}"
    );
    let path = c.dir.path().join("bad.yaml");
    std::fs::write(
        &path,
        r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: worse
spec:
  schedule: "every day"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox
"#,
    )?;
    let path = path.to_string_lossy().into_owned();
    // -v=6 makes kubectl log the response status line.
    let out = c.kubectl_raw(&["apply", "-f", &path, "-v=6"])?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure!(
        !out.status.success(),
        "apply of an invalid schedule succeeded"
    );
    ensure!(stderr.contains("422"), "no 422 in: {stderr}");
    ensure!(
        stderr.contains(r#"CronJob "worse" is invalid"#) && stderr.contains("spec.schedule"),
        "stderr: {stderr}"
    );
    let list = c.kubectl(&["get", "cronjobs", "-o", "name"])?;
    ensure!(
        list.trim().is_empty(),
        "invalid cronjobs were stored: {list}"
    );
    Ok(())
}

#[test]
fn ttl_after_finished_deletes_the_job_and_its_pods() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: ephemeral
spec:
  ttlSecondsAfterFinished: 2
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    c.eventually(Duration::from_secs(120), || {
        let out = c.kubectl_raw(&["get", "job", "ephemeral", "-o", "json"])?;
        if !out.status.success() {
            return Ok(String::from_utf8_lossy(&out.stderr).contains("NotFound"));
        }
        Ok(false)
    })?;
    c.eventually(Duration::from_secs(60), || {
        Ok(pods_of(&c, "ephemeral")?.is_empty())
    })?;
    Ok(())
}

/// A minimal RFC 3339 reader for the scheduled-timestamp annotation (whole
/// seconds, `Z` or `±hh:mm`), so the test needs no date library.
mod jiff_like {
    /// Seconds since the Unix epoch.
    pub struct Rfc3339(pub i64);

    fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    impl std::str::FromStr for Rfc3339 {
        type Err = anyhow::Error;
        fn from_str(s: &str) -> anyhow::Result<Self> {
            let num = |r: std::ops::Range<usize>| -> anyhow::Result<i64> {
                Ok(s.get(r)
                    .ok_or_else(|| anyhow::anyhow!("short timestamp {s}"))?
                    .parse()?)
            };
            let (y, mo, d, h, mi, sec) = (
                num(0..4)?,
                num(5..7)?,
                num(8..10)?,
                num(11..13)?,
                num(14..16)?,
                num(17..19)?,
            );
            let offset = match s.get(19..) {
                Some("Z") => 0,
                Some(z) if z.len() == 6 => {
                    let sign = if z.starts_with('-') { -1 } else { 1 };
                    sign * (num(20..22)? * 3600 + num(23..25)? * 60)
                }
                _ => anyhow::bail!("bad zone in {s}"),
            };
            Ok(Rfc3339(
                days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset,
            ))
        }
    }
}

#[test]
fn job_counts_survive_a_server_restart() -> Result<()> {
    let mut c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: steady
spec:
  completions: 4
  parallelism: 1
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "2s"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    c.eventually(Duration::from_secs(120), || {
        let job = c.get_json(&["job", "steady"])?;
        Ok(job["status"]["succeeded"].as_i64().unwrap_or(0) >= 1)
    })?;
    c.restart()?;
    c.kubectl(&[
        "wait",
        "--for=condition=complete",
        "job/steady",
        "--timeout=180s",
    ])?;
    let job = c.get_json(&["job", "steady"])?;
    ensure!(job["status"]["succeeded"] == 4, "status {}", job["status"]);
    let pods = pods_of(&c, "steady")?;
    let succeeded = pods
        .iter()
        .filter(|p| p["status"]["phase"] == "Succeeded")
        .count();
    ensure!(
        succeeded == 4,
        "{succeeded} succeeded pods of {}",
        pods.len()
    );
    Ok(())
}

#[test]
fn pod_failure_policy_fails_the_job_on_a_fatal_exit_code() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: fatal
spec:
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
        simulated.capstan.io/exit-code: "42"
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
"#,
    )?;
    c.kubectl(&[
        "wait",
        "--for=condition=failed",
        "job/fatal",
        "--timeout=120s",
    ])?;
    let job = c.get_json(&["job", "fatal"])?;
    let failed = condition(&job, "Failed").context("Failed condition")?;
    ensure!(failed["reason"] == "PodFailurePolicy", "condition {failed}");
    let message = failed["message"].as_str().unwrap_or("");
    ensure!(
        message.contains("Container main for pod default/fatal-")
            && message.contains("failed with exit code 42 matching FailJob rule at index 0"),
        "message {message}"
    );
    ensure!(
        pods_of(&c, "fatal")?.len() == 1,
        "the job retried despite FailJob"
    );
    Ok(())
}

#[test]
fn active_deadline_fails_the_job_and_removes_its_pods() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: slow
spec:
  activeDeadlineSeconds: 3
  parallelism: 2
  completions: 2
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "10m"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    c.kubectl(&[
        "wait",
        "--for=condition=failed",
        "job/slow",
        "--timeout=120s",
    ])?;
    let job = c.get_json(&["job", "slow"])?;
    let failed = condition(&job, "Failed").context("Failed condition")?;
    ensure!(failed["reason"] == "DeadlineExceeded", "condition {failed}");
    ensure!(
        failed["message"] == "Job was active longer than specified deadline",
        "condition {failed}"
    );
    ensure!(
        job["status"]["active"].is_null() && job["status"]["failed"] == 2,
        "status {}",
        job["status"]
    );
    c.eventually(Duration::from_secs(60), || {
        Ok(pods_of(&c, "slow")?.is_empty())
    })?;
    Ok(())
}

#[test]
fn pods_of_a_deleted_node_are_garbage_collected_and_replaced() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: longrun
spec:
  parallelism: 4
  completions: 4
  backoffLimit: 10
  podReplacementPolicy: Failed
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "30m"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    let mut victim = String::new();
    c.eventually(Duration::from_secs(60), || {
        let pods = pods_of(&c, "longrun")?;
        let running: Vec<&Value> = pods
            .iter()
            .filter(|p| p["status"]["phase"] == "Running")
            .collect();
        if running.len() < 4 {
            return Ok(false);
        }
        victim = running[0]["spec"]["nodeName"]
            .as_str()
            .unwrap_or("")
            .to_string();
        Ok(!victim.is_empty())
    })?;
    c.kubectl(&["delete", "node", &victim])?;
    // After the quarantine, PodGC marks the node's pods Failed (DisruptionTarget)
    // and deletes them; the Job counts them and starts replacements elsewhere.
    c.eventually(Duration::from_secs(180), || {
        let pods = pods_of(&c, "longrun")?;
        let on_victim = pods
            .iter()
            .filter(|p| p["spec"]["nodeName"] == victim.as_str())
            .count();
        let job = c.get_json(&["job", "longrun"])?;
        Ok(on_victim == 0
            && job["status"]["failed"].as_i64().unwrap_or(0) >= 1
            && job["status"]["active"] == 4)
    })?;
    Ok(())
}

#[test]
fn backoff_limit_per_index_fails_each_index_on_its_own() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: perindex
spec:
  completions: 3
  parallelism: 3
  completionMode: Indexed
  backoffLimitPerIndex: 1
  template:
    metadata:
      annotations:
        simulated.capstan.io/complete-after: "1s"
        simulated.capstan.io/exit-code: "3"
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    c.kubectl(&[
        "wait",
        "--for=condition=failed",
        "job/perindex",
        "--timeout=180s",
    ])?;
    let job = c.get_json(&["job", "perindex"])?;
    let failed = condition(&job, "Failed").context("Failed condition")?;
    ensure!(failed["reason"] == "FailedIndexes", "condition {failed}");
    ensure!(
        job["status"]["failedIndexes"] == "0-2",
        "status {}",
        job["status"]
    );
    ensure!(job["status"]["failed"] == 6, "status {}", job["status"]);
    let pods = pods_of(&c, "perindex")?;
    ensure!(
        pods.len() == 6,
        "expected two pods per index, got {}",
        pods.len()
    );
    let retries = pods
        .iter()
        .filter(|p| {
            p["metadata"]["annotations"]["batch.kubernetes.io/job-index-failure-count"] == "1"
        })
        .count();
    ensure!(retries == 3, "{retries} retried pods carry failure count 1");
    Ok(())
}

#[test]
fn suspending_a_running_job_deletes_its_pods() -> Result<()> {
    let c = cluster()?;
    apply(
        &c,
        "job.yaml",
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pausable
spec:
  parallelism: 2
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
"#,
    )?;
    c.eventually(Duration::from_secs(60), || {
        let job = c.get_json(&["job", "pausable"])?;
        Ok(job["status"]["ready"] == 2)
    })?;
    c.kubectl(&[
        "patch",
        "job",
        "pausable",
        "--type=merge",
        "-p",
        r#"{"spec":{"suspend":true}}"#,
    ])?;
    c.eventually(Duration::from_secs(60), || {
        let job = c.get_json(&["job", "pausable"])?;
        let suspended = condition(&job, "Suspended").is_some();
        Ok(suspended && job["status"]["active"].is_null() && pods_of(&c, "pausable")?.is_empty())
    })?;
    let table = c.kubectl(&["get", "job", "pausable"])?;
    ensure!(table.contains("Suspended"), "kubectl get job:\n{table}");
    let events = c.kubectl(&[
        "get",
        "events",
        "--field-selector",
        "involvedObject.name=pausable",
    ])?;
    ensure!(
        events.contains("SuccessfulDelete") && events.contains("Suspended"),
        "events:\n{events}"
    );
    Ok(())
}
