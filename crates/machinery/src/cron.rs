//! Cron schedules as Kubernetes CronJobs understand them.
//!
//! Kubernetes parses `spec.schedule` with the standard parser of
//! `github.com/robfig/cron/v3`: five fields (minute, hour, day of month, month, day of
//! week) with `*`/`?`, numbers, names (`jan`…`dec`, `sun`…`sat`), ranges `a-b`, lists
//! `a,b` and steps `/n`; the descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`,
//! `@daily`, `@midnight`, `@hourly` and `@every <duration>`; and an optional leading
//! `TZ=<zone>` or `CRON_TZ=<zone>` (which CronJob validation then rejects on create).
//! [`parse`] accepts exactly that language and reports errors with the same messages,
//! and [`Schedule::next_after`] reproduces the library's next-activation search,
//! including its behaviour around daylight-saving transitions (a time skipped by a
//! spring-forward transition does not run that day; a repeated hour runs twice).
//!
//! Time zones come from the IANA database bundled into the binary (jiff's
//! `tzdb-bundle-always`), so results do not depend on the host's `/usr/share/zoneinfo`.

use std::fmt;

use jiff::civil::{Date, DateTime};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{SignedDuration, Timestamp};

use crate::validation::go_quote;

/// A schedule that failed to parse; the message is the one Kubernetes reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronError(String);

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CronError {}

fn err<T>(msg: impl Into<String>) -> Result<T, CronError> {
    Err(CronError(msg.into()))
}

/// Set when a field was `*` or `?` (matters for day-of-month/day-of-week matching).
const STAR_BIT: u64 = 1 << 63;

#[derive(Clone, Copy)]
struct Bounds {
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// The activation rule of a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Bit sets of the allowed second, minute, hour, day of month, month and weekday.
    Fields {
        second: u64,
        minute: u64,
        hour: u64,
        dom: u64,
        month: u64,
        dow: u64,
    },
    /// `@every <duration>`: a fixed delay in whole seconds (at least one).
    Every { seconds: i64 },
}

/// A parsed cron schedule.
#[derive(Clone, Debug)]
pub struct Schedule {
    rule: Rule,
    zone: Option<TimeZone>,
}

impl PartialEq for Schedule {
    fn eq(&self, other: &Self) -> bool {
        self.rule == other.rule
            && self.zone.as_ref().map(TimeZone::iana_name)
                == other.zone.as_ref().map(TimeZone::iana_name)
    }
}

fn all_bits(b: Bounds) -> u64 {
    bits(b.min, b.max, 1) | STAR_BIT
}

fn bits(min: u64, max: u64, step: u64) -> u64 {
    let mut out = 0u64;
    let mut i = min;
    while i <= max && i < 63 {
        out |= 1 << i;
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break,
        }
    }
    out
}

/// Go's `strconv.Atoi` error text for `s`.
fn atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.Atoi: parsing {}: invalid syntax",
            go_quote(s)
        ));
    }
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", go_quote(s)))
}

fn must_parse_int(expr: &str) -> Result<u64, CronError> {
    match atoi(expr) {
        Err(e) => err(format!("failed to parse int from {expr}: {e}")),
        Ok(n) if n < 0 => err(format!("negative number ({n}) not allowed: {expr}")),
        Ok(n) => Ok(n.unsigned_abs()),
    }
}

fn parse_int_or_name(expr: &str, b: Bounds) -> Result<u64, CronError> {
    let lower = expr.to_lowercase();
    if let Some((_, v)) = b.names.iter().find(|(n, _)| *n == lower) {
        return Ok(*v);
    }
    must_parse_int(expr)
}

fn get_range(expr: &str, b: Bounds) -> Result<u64, CronError> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        start = b.min;
        end = b.max;
        extra = STAR_BIT;
    } else {
        start = parse_int_or_name(low_and_high[0], b)?;
        end = match low_and_high.len() {
            1 => start,
            2 => parse_int_or_name(low_and_high[1], b)?,
            _ => return err(format!("too many hyphens: {expr}")),
        };
        extra = 0;
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            if single {
                end = b.max;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max {
        return err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(bits(start, end, step) | extra)
}

fn get_field(field: &str, b: Bounds) -> Result<u64, CronError> {
    let mut out = 0;
    for expr in field.split(',').filter(|e| !e.is_empty()) {
        out |= get_range(expr, b)?;
    }
    Ok(out)
}

/// Go's `time.ParseDuration`, in nanoseconds.
fn parse_go_duration(orig: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", go_quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(rest) = s.strip_prefix('-') {
        neg = true;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const MAX: u128 = 1 << 63;
    let mut total: u128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let whole: u128 = if int_len == 0 {
            0
        } else {
            s[..int_len].parse::<u128>().map_err(|_| invalid())?
        };
        if whole > MAX {
            return Err(invalid());
        }
        s = &s[int_len..];
        let mut frac: u128 = 0;
        let mut scale: f64 = 1.0;
        let mut post = false;
        if let Some(rest) = s.strip_prefix('.') {
            s = rest;
            let n = s.bytes().take_while(u8::is_ascii_digit).count();
            post = n > 0;
            let mut overflow = false;
            for c in s[..n].bytes() {
                if overflow {
                    continue;
                }
                if frac > (1u128 << 63) / 10 {
                    overflow = true;
                    continue;
                }
                frac = frac * 10 + u128::from(c - b'0');
                scale *= 10.0;
            }
            s = &s[n..];
        }
        if int_len == 0 && !post {
            return Err(invalid());
        }
        let unit_len = s
            .bytes()
            .take_while(|c| !(*c == b'.' || c.is_ascii_digit()))
            .count();
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {}", go_quote(orig)));
        }
        let unit_str = &s[..unit_len];
        s = &s[unit_len..];
        let unit: u128 = match unit_str {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go_quote(unit_str),
                    go_quote(orig)
                ))
            }
        };
        if whole > MAX / unit {
            return Err(invalid());
        }
        let mut v = whole * unit;
        if frac > 0 {
            v += (frac as f64 * (unit as f64 / scale)) as u128;
            if v > MAX {
                return Err(invalid());
            }
        }
        total += v;
        if total > MAX {
            return Err(invalid());
        }
    }
    if neg {
        return Ok(-(total as i128));
    }
    if total > MAX - 1 {
        return Err(invalid());
    }
    Ok(total as i128)
}

fn parse_descriptor(descriptor: &str) -> Result<Rule, CronError> {
    let fields = |second, minute, hour, dom, month, dow| Rule::Fields {
        second,
        minute,
        hour,
        dom,
        month,
        dow,
    };
    let rule = match descriptor {
        "@yearly" | "@annually" => fields(1, 1, 1, 1 << 1, 1 << 1, all_bits(DOW)),
        "@monthly" => fields(1, 1, 1, 1 << 1, all_bits(MONTHS), all_bits(DOW)),
        "@weekly" => fields(1, 1, 1, all_bits(DOM), all_bits(MONTHS), 1),
        "@daily" | "@midnight" => fields(1, 1, 1, all_bits(DOM), all_bits(MONTHS), all_bits(DOW)),
        "@hourly" => fields(
            1,
            1,
            all_bits(HOURS),
            all_bits(DOM),
            all_bits(MONTHS),
            all_bits(DOW),
        ),
        other => {
            let Some(duration) = other.strip_prefix("@every ") else {
                return err(format!("unrecognized descriptor: {other}"));
            };
            let nanos = parse_go_duration(duration)
                .map_err(|e| CronError(format!("failed to parse duration {other}: {e}")))?;
            let seconds = if nanos < 1_000_000_000 {
                1
            } else {
                i64::try_from(nanos / 1_000_000_000).unwrap_or(i64::MAX)
            };
            Rule::Every { seconds }
        }
    };
    Ok(rule)
}

/// Looks up an IANA time zone with Go's `time.LoadLocation` rules: exact case, `UTC`
/// (and the empty name) is UTC, and `Local` is UTC (Capstan's controllers run in UTC).
/// The error is Go's message (`unknown time zone X`).
pub fn load_time_zone(name: &str) -> Result<TimeZone, String> {
    if name.is_empty() || name == "UTC" || name == "Local" {
        return Ok(TimeZone::UTC);
    }
    if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
        return Err("time: invalid location name".to_string());
    }
    let unknown = || format!("unknown time zone {name}");
    let tz = bundled_db().get(name).map_err(|_| unknown())?;
    // jiff matches names case-insensitively; Go does not.
    if tz.iana_name() != Some(name) {
        return Err(unknown());
    }
    Ok(tz)
}

fn bundled_db() -> &'static TimeZoneDatabase {
    static DB: std::sync::OnceLock<TimeZoneDatabase> = std::sync::OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// Kubernetes' CronJob `spec.timeZone` check: the problems with `name` (empty when it
/// names a loadable IANA zone).
pub fn validate_time_zone(name: &str) -> Vec<String> {
    if name.is_empty() {
        return vec!["timeZone must be nil or non-empty string".to_string()];
    }
    let part_ok = |p: &str| {
        !(p == "." || p == ".." || p.starts_with('-'))
            && (1..=14).contains(&p.len())
            && p.bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_' | b'+'))
    };
    if !name.split('/').all(part_ok) {
        return vec![format!("unknown time zone {name}")];
    }
    let mut problems = Vec::new();
    if name.eq_ignore_ascii_case("local") {
        problems.push(
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"
                .to_string(),
        );
    }
    if name != "Local" {
        if let Err(e) = load_time_zone(name) {
            problems.push(e);
        }
    }
    problems
}

/// Parses a schedule like `robfig/cron`'s `ParseStandard`.
pub fn parse(spec: &str) -> Result<Schedule, CronError> {
    if spec.is_empty() {
        return err("empty spec string");
    }
    let mut spec = spec;
    let mut zone = None;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let eq = spec.find('=').unwrap_or(0);
        let Some(space) = spec.find(' ') else {
            return err("runtime error: slice bounds out of range [:-1]");
        };
        if space < eq + 1 {
            return err(format!(
                "runtime error: slice bounds out of range [{}:{space}]",
                eq + 1
            ));
        }
        let name = &spec[eq + 1..space];
        let tz = load_time_zone(name)
            .map_err(|e| CronError(format!("provided bad location {name}: {e}")))?;
        zone = Some(tz);
        spec = spec[space..].trim();
    }
    if spec.starts_with('@') {
        return Ok(Schedule {
            rule: parse_descriptor(spec)?,
            zone,
        });
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    let rule = Rule::Fields {
        second: get_field(
            "0",
            Bounds {
                min: 0,
                max: 59,
                names: &[],
            },
        )?,
        minute: get_field(fields[0], MINUTES)?,
        hour: get_field(fields[1], HOURS)?,
        dom: get_field(fields[2], DOM)?,
        month: get_field(fields[3], MONTHS)?,
        dow: get_field(fields[4], DOW)?,
    };
    Ok(Schedule { rule, zone })
}

/// Go's `time.Date` in a zone: normalizes overflowing months and days and resolves
/// local times that do not exist or exist twice the way Go does.
fn go_date(
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    tz: &TimeZone,
) -> Option<Timestamp> {
    let year = year + (month - 1).div_euclid(12);
    let month = (month - 1).rem_euclid(12) + 1;
    let first = Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, 1).ok()?;
    let date = first.checked_add(jiff::Span::new().days(day - 1)).ok()?;
    let naive = DateTime::from_parts(date, jiff::civil::Time::midnight())
        .to_zoned(TimeZone::UTC)
        .ok()?
        .timestamp()
        .checked_add(SignedDuration::from_secs(hour * 3600 + minute * 60))
        .ok()?;
    let offset = |t: Timestamp| i64::from(tz.to_offset(t).seconds());
    let mut off = offset(naive);
    if off != 0 {
        let utc = naive.checked_sub(SignedDuration::from_secs(off)).ok()?;
        if offset(utc) != off {
            off = offset(utc);
        }
        return naive.checked_sub(SignedDuration::from_secs(off)).ok();
    }
    Some(naive)
}

/// Broken-down local fields of an instant.
struct Local {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    weekday: i64,
}

fn local(t: Timestamp, tz: &TimeZone) -> Local {
    let dt = tz.to_datetime(t);
    Local {
        year: i64::from(dt.year()),
        month: i64::from(dt.month()),
        day: i64::from(dt.day()),
        hour: i64::from(dt.hour()),
        minute: i64::from(dt.minute()),
        second: i64::from(dt.second()),
        weekday: i64::from(dt.weekday().to_sunday_zero_offset()),
    }
}

fn has(bits: u64, n: i64) -> bool {
    (0..63).contains(&n) && bits & (1 << n) != 0
}

fn plus(t: Timestamp, secs: i64) -> Option<Timestamp> {
    t.checked_add(SignedDuration::from_secs(secs)).ok()
}

fn truncate(t: Timestamp, unit: i64) -> Option<Timestamp> {
    let s = t.as_second();
    Timestamp::from_second(s - s.rem_euclid(unit)).ok()
}

/// Go's `t.AddDate(0, months, days)` in a zone.
fn add_date(t: Timestamp, months: i64, days: i64, tz: &TimeZone) -> Option<Timestamp> {
    let l = local(t, tz);
    let base = go_date(l.year, l.month + months, l.day + days, l.hour, l.minute, tz)?;
    plus(base, l.second)
}

impl Schedule {
    /// The zone named by a `TZ=`/`CRON_TZ=` prefix, if the schedule had one.
    pub fn time_zone(&self) -> Option<&TimeZone> {
        self.zone.as_ref()
    }

    /// Whether this is an `@every <duration>` schedule.
    pub fn is_every(&self) -> bool {
        matches!(self.rule, Rule::Every { .. })
    }

    /// The first activation strictly after `after` (at whole-second precision),
    /// evaluating the schedule in `tz` unless it names its own zone. `None` when
    /// nothing matches within five years (e.g. `0 0 30 2 *`).
    pub fn next_after(&self, after: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
        let tz = self.zone.as_ref().unwrap_or(tz);
        match self.rule {
            Rule::Every { seconds } => {
                let base = truncate(after, 1)?;
                plus(base, seconds)
            }
            Rule::Fields {
                second,
                minute,
                hour,
                dom,
                month,
                dow,
            } => next_fields([second, minute, hour, dom, month, dow], after, tz),
        }
    }
}

/// `robfig/cron`'s `SpecSchedule.Next`.
fn next_fields(rule: [u64; 6], after: Timestamp, tz: &TimeZone) -> Option<Timestamp> {
    let [second, minute, hour, dom, month, dow] = rule;
    let day_matches = |l: &Local| {
        let dom_match = has(dom, l.day);
        let dow_match = has(dow, l.weekday);
        if dom & STAR_BIT != 0 || dow & STAR_BIT != 0 {
            dom_match && dow_match
        } else {
            dom_match || dow_match
        }
    };
    let mut t = plus(truncate(after, 1)?, 1)?;
    let mut added = false;
    let year_limit = local(t, tz).year + 5;
    // A generous bound on loop iterations; the year limit ends every real search.
    let mut budget: u32 = 2_000_000;
    'wrap: loop {
        if local(t, tz).year > year_limit {
            return None;
        }
        while !has(month, local(t, tz).month) {
            budget = budget.checked_sub(1)?;
            if !added {
                added = true;
                let l = local(t, tz);
                t = go_date(l.year, l.month, 1, 0, 0, tz)?;
            }
            t = add_date(t, 1, 0, tz)?;
            if local(t, tz).month == 1 {
                continue 'wrap;
            }
        }
        while !day_matches(&local(t, tz)) {
            budget = budget.checked_sub(1)?;
            if !added {
                added = true;
                let l = local(t, tz);
                t = go_date(l.year, l.month, l.day, 0, 0, tz)?;
            }
            t = add_date(t, 0, 1, tz)?;
            let h = local(t, tz).hour;
            if h != 0 {
                t = if h > 12 {
                    plus(t, (24 - h) * 3600)?
                } else {
                    plus(t, -h * 3600)?
                };
            }
            if local(t, tz).day == 1 {
                continue 'wrap;
            }
        }
        while !has(hour, local(t, tz).hour) {
            budget = budget.checked_sub(1)?;
            if !added {
                added = true;
                let l = local(t, tz);
                t = go_date(l.year, l.month, l.day, l.hour, 0, tz)?;
            }
            t = plus(t, 3600)?;
            if local(t, tz).hour == 0 {
                continue 'wrap;
            }
        }
        while !has(minute, local(t, tz).minute) {
            budget = budget.checked_sub(1)?;
            if !added {
                added = true;
                t = truncate(t, 60)?;
            }
            t = plus(t, 60)?;
            if local(t, tz).minute == 0 {
                continue 'wrap;
            }
        }
        while !has(second, local(t, tz).second) {
            budget = budget.checked_sub(1)?;
            if !added {
                added = true;
                t = truncate(t, 1)?;
            }
            t = plus(t, 1)?;
            if local(t, tz).second == 0 {
                continue 'wrap;
            }
        }
        return Some(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("valid timestamp")
    }

    fn next(spec: &str, after: &str, tz: &str) -> String {
        let zone = load_time_zone(tz).expect("zone");
        parse(spec)
            .expect("parses")
            .next_after(ts(after), &zone)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }

    fn parse_err(spec: &str) -> String {
        parse(spec).map(|_| String::new()).unwrap_or_else(|e| e.0)
    }

    #[test]
    fn field_errors_match_robfig() {
        assert_eq!(parse_err(""), "empty spec string");
        assert_eq!(
            parse_err("* * * *"),
            "expected exactly 5 fields, found 4: [* * * *]"
        );
        assert_eq!(
            parse_err("60 * * * *"),
            "end of range (60) above maximum (59): 60"
        );
        assert_eq!(
            parse_err("* * 0 * *"),
            "beginning of range (0) below minimum (1): 0"
        );
        assert_eq!(
            parse_err("5-2 * * * *"),
            "beginning of range (5) beyond end of range (2): 5-2"
        );
        assert_eq!(
            parse_err("*/0 * * * *"),
            "step of range should be a positive number: */0"
        );
        assert_eq!(
            parse_err("x * * * *"),
            "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(parse_err("1-2-3 * * * *"), "too many hyphens: 1-2-3");
        assert_eq!(parse_err("1/2/3 * * * *"), "too many slashes: 1/2/3");
        assert_eq!(
            parse_err("*/-1 * * * *"),
            "negative number (-1) not allowed: -1"
        );
        assert_eq!(
            parse_err("* * * * 7"),
            "end of range (7) above maximum (6): 7"
        );
        assert_eq!(
            parse_err("@fortnightly"),
            "unrecognized descriptor: @fortnightly"
        );
        assert_eq!(
            parse_err("@every 1x"),
            "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\""
        );
        assert_eq!(
            parse_err("TZ=Mars/Base * * * * *"),
            "provided bad location Mars/Base: unknown time zone Mars/Base"
        );
    }

    #[test]
    fn accepts_the_standard_language() {
        for ok in [
            "* * * * *",
            "*/15 0-6,18-23 1,15 jan-jun MON-FRI",
            "0 0 ? * sun",
            "5 4 * * SAT",
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
            "@every 1h30m",
            "TZ=UTC 0 * * * *",
            "CRON_TZ=Europe/Berlin @daily",
            "0  0  *  *  *",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn next_in_utc() {
        assert_eq!(
            next("*/15 * * * *", "2024-05-01T10:07:30Z", "UTC"),
            "2024-05-01T10:15:00Z"
        );
        assert_eq!(
            next("0 9 * * mon", "2024-05-01T10:00:00Z", "UTC"),
            "2024-05-06T09:00:00Z"
        );
        // Exactly on an activation: strictly after.
        assert_eq!(
            next("0 * * * *", "2024-05-01T10:00:00Z", "UTC"),
            "2024-05-01T11:00:00Z"
        );
        assert_eq!(
            next("@yearly", "2024-05-01T10:00:00Z", "UTC"),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(
            next("@monthly", "2024-01-31T10:00:00Z", "UTC"),
            "2024-02-01T00:00:00Z"
        );
        assert_eq!(
            next("0 0 29 2 *", "2024-03-01T00:00:00Z", "UTC"),
            "2028-02-29T00:00:00Z"
        );
        assert_eq!(next("0 0 30 2 *", "2024-03-01T00:00:00Z", "UTC"), "");
    }

    #[test]
    fn day_of_month_or_day_of_week() {
        // Both restricted: either matches.
        assert_eq!(
            next("0 0 13 * fri", "2024-09-01T00:00:00Z", "UTC"),
            "2024-09-06T00:00:00Z"
        );
        // One is a star: both must match.
        assert_eq!(
            next("0 0 * * fri", "2024-09-01T00:00:00Z", "UTC"),
            "2024-09-06T00:00:00Z"
        );
        assert_eq!(
            next("0 0 13 * *", "2024-09-01T00:00:00Z", "UTC"),
            "2024-09-13T00:00:00Z"
        );
    }

    #[test]
    fn every_adds_whole_seconds() {
        assert_eq!(
            next("@every 90s", "2024-05-01T10:00:00.500Z", "UTC"),
            "2024-05-01T10:01:30Z"
        );
        assert_eq!(
            next("@every 10ms", "2024-05-01T10:00:00Z", "UTC"),
            "2024-05-01T10:00:01Z"
        );
    }

    #[test]
    fn next_in_a_time_zone() {
        assert_eq!(
            next("0 9 * * *", "2024-01-15T12:00:00Z", "America/New_York"),
            "2024-01-15T14:00:00Z"
        );
        assert_eq!(
            next("0 9 * * *", "2024-07-15T12:00:00Z", "America/New_York"),
            "2024-07-15T13:00:00Z"
        );
        // An embedded zone wins over the caller's.
        assert_eq!(
            next(
                "TZ=Asia/Tokyo 0 9 * * *",
                "2024-01-15T00:00:00Z",
                "America/New_York"
            ),
            "2024-01-16T00:00:00Z"
        );
    }

    #[test]
    fn spring_forward_skips_the_missing_time() {
        // 02:30 does not exist in New York on 2021-03-14.
        assert_eq!(
            next("30 2 * * *", "2021-03-14T05:00:00Z", "America/New_York"),
            "2021-03-15T06:30:00Z"
        );
        assert_eq!(
            next("0 3 * * *", "2021-03-14T05:00:00Z", "America/New_York"),
            "2021-03-14T07:00:00Z"
        );
    }

    #[test]
    fn fall_back_runs_the_repeated_time_twice() {
        // 01:30 happens twice in New York on 2021-11-07 (EDT, then EST).
        assert_eq!(
            next("30 1 * * *", "2021-11-07T04:00:00Z", "America/New_York"),
            "2021-11-07T05:30:00Z"
        );
        assert_eq!(
            next("30 1 * * *", "2021-11-07T05:30:00Z", "America/New_York"),
            "2021-11-07T06:30:00Z"
        );
        assert_eq!(
            next("30 1 * * *", "2021-11-07T06:30:00Z", "America/New_York"),
            "2021-11-08T06:30:00Z"
        );
    }

    #[test]
    fn time_zone_names_follow_go() {
        assert!(load_time_zone("Europe/Berlin").is_ok());
        assert!(load_time_zone("UTC").is_ok());
        assert_eq!(
            load_time_zone("europe/berlin").err().as_deref(),
            Some("unknown time zone europe/berlin")
        );
        assert!(validate_time_zone("America/Argentina/Buenos_Aires").is_empty());
        assert!(validate_time_zone("Etc/GMT+5").is_empty());
        assert_eq!(
            validate_time_zone(""),
            ["timeZone must be nil or non-empty string"]
        );
        assert_eq!(
            validate_time_zone("Local"),
            ["timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"]
        );
        assert_eq!(
            validate_time_zone("Not/A_Zone"),
            ["unknown time zone Not/A_Zone"]
        );
        assert_eq!(
            validate_time_zone("../etc/passwd"),
            ["unknown time zone ../etc/passwd"]
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for spec in [
            "TZ=",
            "TZ=UTC",
            "CRON_TZ= 0 * * * *",
            "@every ",
            "@every µs",
            "@every 1µs",
            "@every 99999999999999999999h",
            "@every .s",
            "1,,2 * * * *",
            ",",
            "- * * * *",
            "*/99999999999999999999 * * * *",
            "é * * * *",
            "* * * * * *",
            "@",
            "?/2 * * * *",
        ] {
            if let Ok(s) = parse(spec) {
                let _ = s.next_after(ts("2024-01-01T00:00:00Z"), &TimeZone::UTC);
            }
        }
        assert_eq!(
            parse_err("TZ=UTC"),
            "runtime error: slice bounds out of range [:-1]"
        );
        assert!(parse("@every 1µs").expect("parses").is_every());
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_go_duration("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(parse_go_duration("-2s"), Ok(-2_000_000_000));
        assert_eq!(parse_go_duration("0"), Ok(0));
        assert_eq!(
            parse_go_duration("1"),
            Err("time: missing unit in duration \"1\"".to_string())
        );
        assert_eq!(
            parse_go_duration(""),
            Err("time: invalid duration \"\"".to_string())
        );
    }
}
