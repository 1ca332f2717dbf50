//! Jobs: status, completions, duration and template.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{
    age_cell, container_cells, deleting, format_label_selector, human_between, int_of, list,
    name_cell, str_of, timestamp,
};
use super::{Column, Printer};

/// Prints Jobs.
pub(super) struct JobPrinter;

impl Printer for JobPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Status", "A one-word summary of the job's state."),
            Column::string(
                "Completions",
                "Succeeded pods out of the completions wanted.",
            ),
            Column::string("Duration", "How long the job ran (or has been running)."),
            Column::age(),
            Column::string("Containers", "The template's container names.").wide(),
            Column::string("Images", "The template's container images.").wide(),
            Column::string("Selector", "The label selector for the job's pods.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let status = &obj["status"];
        let succeeded = int_of(&status["succeeded"]);
        let completions = match spec["completions"].as_i64() {
            Some(c) => format!("{succeeded}/{c}"),
            None => {
                // spec.parallelism defaults to 1.
                let parallelism = spec["parallelism"].as_i64().unwrap_or(1);
                if parallelism > 1 {
                    format!("{succeeded}/1 of {parallelism}")
                } else {
                    format!("{succeeded}/1")
                }
            }
        };
        let duration = match (
            timestamp(&status["startTime"]),
            timestamp(&status["completionTime"]),
        ) {
            (None, _) => String::new(),
            (Some(start), None) => human_between(now, start),
            (Some(start), Some(end)) => human_between(end, start),
        };
        let (containers, images) = container_cells(&spec["template"]["spec"]["containers"]);
        vec![
            name_cell(obj),
            json!(job_status(obj)),
            json!(completions),
            json!(duration),
            age_cell(obj, now),
            containers,
            images,
            json!(format_label_selector(&spec["selector"])),
        ]
    }
}

/// Whether the first condition of type `ty` is True.
fn condition(status: &Value, ty: &str) -> bool {
    list(&status["conditions"])
        .iter()
        .find(|c| str_of(&c["type"]) == ty)
        .is_some_and(|c| str_of(&c["status"]) == "True")
}

fn job_status(obj: &Value) -> &'static str {
    let status = &obj["status"];
    if condition(status, "Complete") {
        "Complete"
    } else if condition(status, "Failed") {
        "Failed"
    } else if deleting(obj) {
        "Terminating"
    } else if condition(status, "Suspended") {
        "Suspended"
    } else if condition(status, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn columns() {
        let (all, wide) = names(&JobPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Status",
                "Completions",
                "Duration",
                "Age",
                "Containers",
                "Images",
                "Selector"
            ]
        );
        assert_eq!(wide, ["Containers", "Images", "Selector"]);
    }

    #[test]
    fn complete_job() {
        let j = json!({
            "metadata": {"name": "pi", "creationTimestamp": ago(600)},
            "spec": {"completions": 1, "parallelism": 1,
                     "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "abc"}},
                     "template": {"spec": {"containers": [{"name": "pi", "image": "perl:5.34"}]}}},
            "status": {"succeeded": 1, "startTime": ago(590), "completionTime": ago(545),
                       "conditions": [{"type": "SuccessCriteriaMet", "status": "True"},
                                      {"type": "Complete", "status": "True"}]}
        });
        assert_eq!(
            cells(&JobPrinter, &j),
            vec![
                json!("pi"),
                json!("Complete"),
                json!("1/1"),
                json!("45s"),
                json!("10m"),
                json!("pi"),
                json!("perl:5.34"),
                json!("batch.kubernetes.io/controller-uid=abc"),
            ]
        );
    }

    #[test]
    fn running_and_other_states() {
        let mut j = json!({
            "metadata": {"name": "work"},
            "spec": {"parallelism": 3},
            "status": {"succeeded": 2, "startTime": ago(200)}
        });
        let c = cells(&JobPrinter, &j);
        assert_eq!(c[1], "Running");
        assert_eq!(c[2], "2/1 of 3");
        assert_eq!(c[3], "3m20s");
        assert_eq!(c[7], "<none>");
        j["status"]["conditions"] = json!([{"type": "Suspended", "status": "True"}]);
        assert_eq!(cells(&JobPrinter, &j)[1], "Suspended");
        j["metadata"]["deletionTimestamp"] = json!(ago(1));
        assert_eq!(cells(&JobPrinter, &j)[1], "Terminating");
        j["status"]["conditions"] = json!([{"type": "FailureTarget", "status": "True"},
                                           {"type": "Failed", "status": "True"}]);
        assert_eq!(cells(&JobPrinter, &j)[1], "Failed");
        j["metadata"]["deletionTimestamp"] = Value::Null;
        j["status"]["conditions"] = json!([{"type": "FailureTarget", "status": "True"}]);
        assert_eq!(cells(&JobPrinter, &j)[1], "FailureTarget");
        // Not started yet: no duration.
        let fresh = json!({"metadata": {"name": "n"}, "spec": {"completions": 5}});
        let c = cells(&JobPrinter, &fresh);
        assert_eq!(c[2], "0/5");
        assert_eq!(c[3], "");
        let single = json!({"metadata": {"name": "s"}, "spec": {}});
        assert_eq!(cells(&JobPrinter, &single)[2], "0/1");
    }
}
