//! Events through both APIs (core/v1 and events.k8s.io/v1) with field
//! selectors as kubectl sends them, and the errors for unsupported field
//! labels.

use anyhow::{ensure, Result};
use capstan_e2e::Cluster;
use serde_json::Value;

const EVENTS: &str = r#"
apiVersion: events.k8s.io/v1
kind: Event
metadata:
  name: web-1.started
  namespace: default
eventTime: "2026-01-01T00:00:00.000000Z"
reportingController: example.com/ctl-a
reportingInstance: ctl-a-1
action: Start
reason: Started
type: Normal
note: web-1 started
regarding:
  apiVersion: v1
  kind: Pod
  name: web-1
  namespace: default
---
apiVersion: events.k8s.io/v1
kind: Event
metadata:
  name: web-2.failed
  namespace: default
eventTime: "2026-01-01T00:00:01.000000Z"
reportingController: example.com/ctl-b
reportingInstance: ctl-b-1
action: Start
reason: Failed
type: Warning
note: web-2 failed
regarding:
  apiVersion: v1
  kind: Pod
  name: web-2
  namespace: default
"#;

fn names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["metadata"]["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn field_selectors_on_both_event_apis() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    cluster.kubectl_stdin(&["apply", "-f", "-"], EVENTS)?;
    let v1 = "events.v1.events.k8s.io";

    let by_regarding = cluster.get_json(&[v1, "--field-selector", "regarding.name=web-1"])?;
    ensure!(names(&by_regarding) == ["web-1.started"], "{by_regarding}");
    let by_controller = cluster.get_json(&[
        v1,
        "--field-selector",
        "reportingController=example.com/ctl-b",
    ])?;
    ensure!(names(&by_controller) == ["web-2.failed"], "{by_controller}");
    let by_kind_and_type =
        cluster.get_json(&[v1, "--field-selector", "regarding.kind=Pod,type!=Warning"])?;
    ensure!(
        names(&by_kind_and_type) == ["web-1.started"],
        "{by_kind_and_type}"
    );

    // The same events through core/v1, selected by the core field names.
    let core = cluster.get_json(&["events", "--field-selector", "involvedObject.name=web-2"])?;
    ensure!(names(&core) == ["web-2.failed"], "{core}");
    ensure!(core["items"][0]["message"] == "web-2 failed", "{core}");
    let core_reason = cluster.get_json(&["events", "--field-selector", "reason=Started"])?;
    ensure!(names(&core_reason) == ["web-1.started"], "{core_reason}");

    // Unsupported labels: kinds with their own field labels say so as their
    // conversion does; others name the two generic fields.
    let err =
        cluster.kubectl_fails(&["get", v1, "--field-selector", "involvedObject.name=web-1"])?;
    ensure!(
        err.contains("field label not supported: involvedObject.name"),
        "{err}"
    );
    let err = cluster.kubectl_fails(&["get", "pods", "--field-selector", "bogus=1"])?;
    ensure!(err.contains("field label not supported: bogus"), "{err}");
    let err = cluster.kubectl_fails(&["get", "configmaps", "--field-selector", "bogus=1"])?;
    ensure!(
        err.contains(
            r#""bogus" is not a known field selector: only "metadata.name", "metadata.namespace""#
        ),
        "{err}"
    );
    Ok(())
}
