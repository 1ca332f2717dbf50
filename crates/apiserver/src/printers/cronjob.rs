//! CronJobs: schedule, suspension, active jobs and job template.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{
    age_cell, bool_text, container_cells, format_label_selector, len_of, name_cell, since, str_of,
    timestamp, NONE,
};
use super::{Column, Printer};

/// Prints CronJobs.
pub(super) struct CronJobPrinter;

impl Printer for CronJobPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Schedule", "The cron schedule."),
            Column::string("Timezone", "The time zone the schedule is read in."),
            Column::boolean("Suspend", "Whether new runs are suspended."),
            Column::integer("Active", "Jobs currently running."),
            Column::string("Last Schedule", "Time since a job was last scheduled."),
            Column::age(),
            Column::string("Containers", "The job template's container names.").wide(),
            Column::string("Images", "The job template's container images.").wide(),
            Column::string("Selector", "The job template's label selector.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        let job_spec = &spec["jobTemplate"]["spec"];
        let last = match timestamp(&obj["status"]["lastScheduleTime"]) {
            Some(t) => since(now, Some(t)),
            None => NONE.to_string(),
        };
        let time_zone = spec["timeZone"].as_str().unwrap_or(NONE);
        // spec.suspend defaults to false.
        let suspend = match &spec["suspend"] {
            Value::Bool(b) => bool_text(*b),
            _ => "False",
        };
        let (containers, images) = container_cells(&job_spec["template"]["spec"]["containers"]);
        vec![
            name_cell(obj),
            json!(str_of(&spec["schedule"])),
            json!(time_zone),
            json!(suspend),
            json!(len_of(&obj["status"]["active"])),
            json!(last),
            age_cell(obj, now),
            containers,
            images,
            json!(format_label_selector(&job_spec["selector"])),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn cron_job() {
        let (all, wide) = names(&CronJobPrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Schedule",
                "Timezone",
                "Suspend",
                "Active",
                "Last Schedule",
                "Age",
                "Containers",
                "Images",
                "Selector"
            ]
        );
        assert_eq!(wide, ["Containers", "Images", "Selector"]);
        assert_eq!(CronJobPrinter.columns()[3].kind, "boolean");
        let cj = json!({
            "metadata": {"name": "backup", "creationTimestamp": ago(86400)},
            "spec": {"schedule": "*/5 * * * *", "timeZone": "Etc/UTC", "suspend": true,
                     "jobTemplate": {"spec": {"template": {"spec": {"containers": [
                         {"name": "b", "image": "backup:1"}]}}}}},
            "status": {"active": [{"name": "backup-1"}], "lastScheduleTime": ago(65)}
        });
        assert_eq!(
            cells(&CronJobPrinter, &cj),
            vec![
                json!("backup"),
                json!("*/5 * * * *"),
                json!("Etc/UTC"),
                json!("True"),
                json!(1),
                json!("65s"),
                json!("24h"),
                json!("b"),
                json!("backup:1"),
                json!("<none>"),
            ]
        );
        let bare = json!({"metadata": {"name": "x"}, "spec": {"schedule": "@daily"}});
        let c = cells(&CronJobPrinter, &bare);
        assert_eq!(c[2], "<none>");
        assert_eq!(c[3], "False");
        assert_eq!(c[4], 0);
        assert_eq!(c[5], "<none>");
    }
}
