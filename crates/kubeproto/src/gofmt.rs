//! Go formatting rules that Kubernetes' JSON encoding relies on: `time.Time` in RFC 3339,
//! `time.Duration.String()` and `encoding/json`'s float output.

use serde_json::{Number, Value};

/// Seconds from 0001-01-01T00:00:00Z (Go's zero `time.Time`) to the Unix epoch.
const ZERO_TIME_UNIX: i64 = -62_135_596_800;

/// Civil date (year, month, day) for a count of days since 1970-01-01 (proleptic
/// Gregorian calendar), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = if m <= 2 { y + 1 } else { y };
    // Both values are within their small ranges by construction.
    (y, m as u32, d as u32)
}

/// Formats Unix `seconds` (+ `micros` when given) as RFC 3339 in UTC, the way
/// `metav1.Time` / `metav1.MicroTime` marshal. `None` when the year is outside 0..=9999,
/// which RFC 3339 cannot express.
pub(crate) fn rfc3339(seconds: i64, micros: Option<u32>) -> Option<String> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let (h, mi, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    Some(match micros {
        None => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"),
        Some(us) => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{us:06}Z"),
    })
}

/// Whether Unix `seconds` + `nanos` is Go's zero `time.Time` (which marshals as `null`).
pub(crate) fn is_zero_time(seconds: i64, nanos: i64) -> bool {
    seconds == ZERO_TIME_UNIX && nanos == 0
}

/// Go's `time.Duration.String()` for a nanosecond count, e.g. `1h0m0s`, `1.5s`, `300ms`.
pub(crate) fn go_duration(d: i64) -> String {
    let neg = d < 0;
    let mut u = d.unsigned_abs();
    let mut out = String::new();
    if u < 1_000_000_000 {
        // Less than a second: a single smaller unit, like 1.2ms.
        let (prec, unit) = match u {
            0 => return "0s".to_string(),
            1..=999 => (0, "ns"),
            1_000..=999_999 => (3, "µs"),
            _ => (6, "ms"),
        };
        let (frac, int) = frac_part(u, prec);
        out.push_str(&int.to_string());
        out.push_str(&frac);
        out.push_str(unit);
    } else {
        let (frac, secs) = frac_part(u, 9);
        u = secs;
        let s = u % 60;
        u /= 60;
        let m = u % 60;
        let h = u / 60;
        if h > 0 {
            out.push_str(&format!("{h}h{m}m"));
        } else if m > 0 {
            out.push_str(&format!("{m}m"));
        }
        out.push_str(&s.to_string());
        out.push_str(&frac);
        out.push('s');
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// Splits `v` into `v / 10^prec` and the fraction `.ddd` (trailing zeros dropped; empty
/// when the fraction is zero), like Go's `fmtFrac`.
fn frac_part(v: u64, prec: u32) -> (String, u64) {
    let p = 10u64.pow(prec);
    let int = v / p;
    let frac = v % p;
    if frac == 0 {
        return (String::new(), int);
    }
    let digits = format!("{frac:0width$}", width = prec as usize);
    (format!(".{}", digits.trim_end_matches('0')), int)
}

/// A float64 as Go's `encoding/json` would write it, read back as JSON: integral values
/// (written without a fraction or exponent below 1e21) become integers. `None` for NaN
/// and infinities, which Go refuses to encode.
pub(crate) fn go_float(x: f64) -> Option<Value> {
    if !x.is_finite() {
        return None;
    }
    if x.fract() == 0.0 && x.abs() < 9.0e18 {
        // Exact: |x| < 2^63 and integral.
        return Some(Value::from(x as i64));
    }
    Number::from_f64(x).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_match_go() {
        let cases: &[(i64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (1_500_000_000, "1.5s"),
            (300_000_000_000, "5m0s"),
            (3_600_000_000_000, "1h0m0s"),
            (3_723_000_000_000, "1h2m3s"),
            (-1_500_000_000, "-1.5s"),
            (-1, "-1ns"),
            (90_061_001_000_000, "25h1m1.001s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (d, want) in cases {
            assert_eq!(go_duration(*d), *want, "{d}");
        }
    }

    #[test]
    fn times_match_go() {
        assert_eq!(rfc3339(0, None).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339(1_704_164_705, None).as_deref(),
            Some("2024-01-02T03:05:05Z")
        );
        assert_eq!(
            rfc3339(1_704_164_705, Some(42)).as_deref(),
            Some("2024-01-02T03:05:05.000042Z")
        );
        assert_eq!(
            rfc3339(951_782_400, None).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(rfc3339(-1, None).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(
            rfc3339(ZERO_TIME_UNIX, None).as_deref(),
            Some("0001-01-01T00:00:00Z")
        );
        assert_eq!(
            rfc3339(253_402_300_799, None).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(rfc3339(253_402_300_800, None), None);
        assert_eq!(rfc3339(i64::MIN, None), None);
        assert_eq!(rfc3339(i64::MAX, None), None);
    }

    #[test]
    fn floats_match_go() {
        assert_eq!(go_float(1.0), Some(Value::from(1)));
        assert_eq!(go_float(-0.0), Some(Value::from(0)));
        assert_eq!(go_float(0.5), Some(serde_json::json!(0.5)));
        assert_eq!(go_float(f64::NAN), None);
        assert_eq!(go_float(f64::INFINITY), None);
    }
}
