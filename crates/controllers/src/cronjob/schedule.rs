//! Schedule arithmetic for CronJobs: the most recent missed start time, how many
//! were missed, when to look again, and the names of scheduled Jobs.

use std::time::Duration;

use capstan_machinery::cron::{self, Schedule};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Extra delay added when requeueing for the next start, absorbing clock skew.
pub const NEXT_SCHEDULE_DELTA: Duration = Duration::from_millis(100);

/// How many start times were missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missed {
    /// None.
    None,
    /// Some (at most 100).
    Few,
    /// More than 100: too many to start them all.
    Many,
}

/// What [`most_recent_schedule_time`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recent {
    /// The time from which start times were counted.
    pub earliest: Timestamp,
    /// The latest start time at or before now, if any.
    pub most_recent: Option<Timestamp>,
    /// How many start times were missed.
    pub missed: Missed,
}

/// The schedule text the controller parses: `spec.schedule`, prefixed with
/// `TZ=<spec.timeZone>` when a valid time zone is set (a `TZ`/`CRON_TZ` already
/// in the schedule wins).
pub fn format_schedule(schedule: &str, time_zone: Option<&str>) -> String {
    if schedule.contains("TZ") {
        return schedule.to_string();
    }
    match time_zone {
        Some(tz) if cron::load_time_zone(tz).is_ok() => format!("TZ={tz} {schedule}"),
        _ => schedule.to_string(),
    }
}

/// The next activation strictly after `t` (UTC unless the schedule names a zone).
pub fn next(schedule: &Schedule, t: Timestamp) -> Option<Timestamp> {
    schedule.next_after(t, &TimeZone::UTC)
}

/// Kubernetes' `mostRecentScheduleTime`: counting from `earliest` (the last
/// schedule time, else the creation time — moved up to `now -
/// startingDeadlineSeconds` when `deadline` is given), the latest start time at
/// or before `now`, and how many were missed. Errors when two consecutive start
/// times are less than a second apart (an impossible schedule).
pub fn most_recent_schedule_time(
    schedule: &Schedule,
    earliest: Timestamp,
    deadline: Option<i64>,
    now: Timestamp,
) -> Result<Recent, String> {
    let mut earliest = earliest;
    if let Some(secs) = deadline {
        if let Ok(sd) = now.checked_sub(SignedDuration::from_secs(secs)) {
            if sd > earliest {
                earliest = sd;
            }
        }
    }
    let none = Recent {
        earliest,
        most_recent: None,
        missed: Missed::None,
    };
    let Some(t1) = next(schedule, earliest) else {
        return Ok(none);
    };
    if now < t1 {
        return Ok(none);
    }
    let Some(t2) = next(schedule, t1) else {
        return Ok(Recent {
            most_recent: Some(t1),
            ..none
        });
    };
    if now < t2 {
        return Ok(Recent {
            most_recent: Some(t1),
            ..none
        });
    }
    let between = t2.duration_since(t1).as_secs_f64().round() as i64;
    if between < 1 {
        return Err("time difference between two schedules is less than 1 second".into());
    }
    let elapsed = now.duration_since(t1).as_secs();
    let missed_count = elapsed / between + 1;
    let start_offset = (missed_count - 2).saturating_mul(between);
    let potential = t1
        .checked_add(SignedDuration::from_secs(start_offset))
        .unwrap_or(t1);
    let mut most_recent = None;
    let mut t = next(schedule, potential);
    while let Some(at) = t {
        if at > now {
            break;
        }
        most_recent = Some(at);
        t = next(schedule, at);
    }
    let missed = if missed_count > 100 {
        Missed::Many
    } else if missed_count > 0 {
        Missed::Few
    } else {
        Missed::None
    };
    Ok(Recent {
        earliest,
        most_recent,
        missed,
    })
}

/// How long until the next start time (plus [`NEXT_SCHEDULE_DELTA`]).
pub fn next_schedule_delay(schedule: &Schedule, earliest: Timestamp, now: Timestamp) -> Duration {
    let base = match most_recent_schedule_time(schedule, earliest, None, now) {
        Err(_) => now,
        Ok(Recent {
            most_recent: Some(t),
            ..
        }) => t,
        Ok(Recent {
            most_recent: None,
            missed: Missed::None,
            earliest,
        }) => earliest,
        Ok(Recent {
            most_recent: None, ..
        }) => now,
    };
    match next(schedule, base) {
        Some(t) => {
            let d = t.duration_since(now)
                + SignedDuration::try_from(NEXT_SCHEDULE_DELTA).unwrap_or_default();
            Duration::try_from(d).unwrap_or(Duration::ZERO)
        }
        // Nothing within five years: look again in a day.
        None => Duration::from_secs(86_400),
    }
}

/// The name of the Job for a scheduled time: `<cronjob>-<minutes since epoch>`.
pub fn job_name(cronjob: &str, scheduled: Timestamp) -> String {
    format!("{cronjob}-{}", scheduled.as_second().div_euclid(60))
}

/// The `batch.kubernetes.io/cronjob-scheduled-timestamp` value: RFC 3339 in the
/// CronJob's time zone (`Z` when the offset is zero).
pub fn scheduled_timestamp(scheduled: Timestamp, time_zone: Option<&str>) -> String {
    let tz = time_zone
        .and_then(|n| cron::load_time_zone(n).ok())
        .unwrap_or(TimeZone::UTC);
    let zoned = scheduled.to_zoned(tz);
    if zoned.offset().seconds() == 0 {
        zoned.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// RFC 1123 with a numeric zone, as the MissSchedule event prints times.
pub fn rfc1123z(t: Timestamp) -> String {
    t.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn sched(s: &str) -> Schedule {
        cron::parse(s).expect("schedule")
    }

    #[test]
    fn names_use_minutes_since_epoch() {
        assert_eq!(
            job_name("hello", ts("2024-01-01T00:05:00Z")),
            "hello-28401125"
        );
        assert_eq!(job_name("hello", ts("1970-01-01T00:01:59Z")), "hello-1");
    }

    #[test]
    fn scheduled_timestamp_in_time_zone() {
        let t = ts("2024-01-01T10:00:00Z");
        assert_eq!(scheduled_timestamp(t, None), "2024-01-01T10:00:00Z");
        assert_eq!(
            scheduled_timestamp(t, Some("Europe/Paris")),
            "2024-01-01T11:00:00+01:00"
        );
        assert_eq!(
            scheduled_timestamp(t, Some("Nowhere/Void")),
            "2024-01-01T10:00:00Z"
        );
        assert_eq!(rfc1123z(t), "Mon, 01 Jan 2024 10:00:00 +0000");
    }

    #[test]
    fn format_schedule_adds_valid_time_zones() {
        assert_eq!(format_schedule("*/5 * * * *", None), "*/5 * * * *");
        assert_eq!(
            format_schedule("0 * * * *", Some("Asia/Tokyo")),
            "TZ=Asia/Tokyo 0 * * * *"
        );
        assert_eq!(format_schedule("0 * * * *", Some("Bad/Zone")), "0 * * * *");
        assert_eq!(
            format_schedule("TZ=UTC 0 * * * *", Some("Asia/Tokyo")),
            "TZ=UTC 0 * * * *"
        );
    }

    #[test]
    fn nothing_due_yet() {
        let s = sched("0 * * * *");
        let r = most_recent_schedule_time(
            &s,
            ts("2024-01-01T10:10:00Z"),
            None,
            ts("2024-01-01T10:59:00Z"),
        )
        .expect("ok");
        assert_eq!((r.most_recent, r.missed), (None, Missed::None));
    }

    #[test]
    fn one_start_due() {
        let s = sched("0 * * * *");
        let r = most_recent_schedule_time(
            &s,
            ts("2024-01-01T10:10:00Z"),
            None,
            ts("2024-01-01T11:00:30Z"),
        )
        .expect("ok");
        assert_eq!(r.most_recent, Some(ts("2024-01-01T11:00:00Z")));
        assert_eq!(r.missed, Missed::None);
    }

    #[test]
    fn several_missed_returns_the_latest() {
        let s = sched("*/5 * * * *");
        let r = most_recent_schedule_time(
            &s,
            ts("2024-01-01T10:00:00Z"),
            None,
            ts("2024-01-01T10:23:00Z"),
        )
        .expect("ok");
        assert_eq!(r.most_recent, Some(ts("2024-01-01T10:20:00Z")));
        assert_eq!(r.missed, Missed::Few);
    }

    #[test]
    fn too_many_missed_and_the_deadline_rule() {
        let s = sched("* * * * *");
        let created = ts("2024-01-01T00:00:00Z");
        let now = ts("2024-01-01T05:00:30Z");
        let r = most_recent_schedule_time(&s, created, None, now).expect("ok");
        assert_eq!(r.missed, Missed::Many);
        assert_eq!(r.most_recent, Some(ts("2024-01-01T05:00:00Z")));
        // With startingDeadlineSeconds only the window before now counts.
        let r = most_recent_schedule_time(&s, created, Some(200), now).expect("ok");
        assert_eq!(r.missed, Missed::Few);
        assert_eq!(r.earliest, ts("2024-01-01T04:57:10Z"));
        assert_eq!(r.most_recent, Some(ts("2024-01-01T05:00:00Z")));
    }

    #[test]
    fn impossible_schedule_never_fires() {
        let s = sched("0 0 30 2 *");
        let r = most_recent_schedule_time(
            &s,
            ts("2024-01-01T00:00:00Z"),
            None,
            ts("2024-06-01T00:00:00Z"),
        )
        .expect("ok");
        assert_eq!(r.most_recent, None);
        assert_eq!(
            next_schedule_delay(&s, ts("2024-01-01T00:00:00Z"), ts("2024-06-01T00:00:00Z")),
            Duration::from_secs(86_400)
        );
    }

    #[test]
    fn next_delay_targets_the_next_start() {
        let s = sched("*/1 * * * *");
        let d = next_schedule_delay(&s, ts("2024-01-01T10:00:10Z"), ts("2024-01-01T10:00:20Z"));
        assert_eq!(d, Duration::from_millis(40_100));
        // After a start at 10:01, the next is 10:02.
        let d = next_schedule_delay(&s, ts("2024-01-01T10:01:00Z"), ts("2024-01-01T10:01:00.5Z"));
        assert_eq!(d, Duration::from_millis(59_600));
        let tz = sched("TZ=Asia/Kolkata 30 9 * * *");
        let d = next_schedule_delay(&tz, ts("2024-01-01T00:00:00Z"), ts("2024-01-01T00:00:00Z"));
        assert_eq!(d, Duration::from_millis(4 * 3600 * 1000 + 100));
    }
}
