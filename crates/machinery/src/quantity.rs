//! `resource.Quantity`: parsing, exact arithmetic and canonical formatting.
//!
//! A quantity is held as a signed number of nano-units in an `i128`, which is exact for
//! every value Kubernetes can represent (at most 2^63-1 in magnitude, at most nine decimal
//! places). Parsing rounds finer values up to the next nano-unit and caps larger ones, as
//! Kubernetes does, and printing produces Kubernetes' canonical form.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const NANOS_PER_UNIT: i128 = 1_000_000_000;
/// Largest magnitude in nano-units: (2^63 - 1) units.
const MAX_NANOS: i128 = (i64::MAX as i128) * NANOS_PER_UNIT;

/// The suffix family a quantity was written with, which it keeps when printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Powers of 1024: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
    BinarySi,
    /// Powers of 1000: `n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`.
    DecimalSi,
    /// Scientific notation: `1e3`, `5E-3`.
    DecimalExponent,
}

/// Why a quantity string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// The text does not have the shape `<number><suffix>`.
    #[error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    Format,
    /// The numeric part could not be read.
    #[error("unable to parse the numeric part of the quantity")]
    Numeric,
    /// The suffix is not one Kubernetes knows.
    #[error("unable to parse the quantity's suffix")]
    Suffix,
}

/// A Kubernetes resource quantity such as `100m`, `1.5Gi` or `2e3`.
///
/// Equality, ordering and hashing compare values only (`1000m == 1`), not formats.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

impl Default for Quantity {
    fn default() -> Self {
        Quantity {
            nanos: 0,
            format: Format::DecimalSi,
        }
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.nanos == other.nanos
    }
}

impl Eq for Quantity {}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.nanos.hash(state);
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

fn pow10(exp: u32) -> Option<i128> {
    10i128.checked_pow(exp)
}

/// `ceil(digits * mult / 10^div)` for a decimal digit string, saturating at `cap`.
fn scaled_ceil(digits: &str, mult: i128, div: u32, cap: i128) -> Result<i128, QuantityError> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(0);
    }
    // Drop digits that only contribute to the fraction, remembering whether any is set.
    let keep = digits.len().saturating_sub(div as usize);
    let (int_part, frac_part) = digits.split_at(keep);
    let (int_part, div) = if mult == 1 {
        (int_part, 0)
    } else {
        (digits, div)
    };
    let sticky = mult == 1 && frac_part.bytes().any(|b| b != b'0');
    if int_part.len() > 38 {
        if div == 0 {
            return Ok(cap);
        }
        return Err(QuantityError::Numeric);
    }
    let n: i128 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().map_err(|_| QuantityError::Numeric)?
    };
    let Some(product) = n.checked_mul(mult) else {
        return Ok(cap);
    };
    let value = if div == 0 {
        product
    } else {
        match pow10(div) {
            Some(d) => {
                let q = product / d;
                if product % d != 0 {
                    q + 1
                } else {
                    q
                }
            }
            // Dividing by more than 10^38 leaves a positive fraction below one.
            None => i128::from(product != 0),
        }
    };
    let value = if sticky { value + 1 } else { value };
    Ok(value.min(cap))
}

fn decimal_suffix_exponent(s: &str) -> Option<i32> {
    Some(match s {
        "n" => -9,
        "u" => -6,
        "m" => -3,
        "" => 0,
        "k" => 3,
        "M" => 6,
        "G" => 9,
        "T" => 12,
        "P" => 15,
        "E" => 18,
        _ => return None,
    })
}

fn binary_suffix_power(s: &str) -> Option<u32> {
    Some(match s {
        "Ki" => 10,
        "Mi" => 20,
        "Gi" => 30,
        "Ti" => 40,
        "Pi" => 50,
        "Ei" => 60,
        _ => return None,
    })
}

impl Quantity {
    /// Parses a quantity string.
    pub fn parse(input: &str) -> Result<Self, QuantityError> {
        if input.is_empty() {
            return Err(QuantityError::Format);
        }
        let bytes = input.as_bytes();
        let mut pos = 0;
        let negative = match bytes.first() {
            Some(b'-') => {
                pos = 1;
                true
            }
            Some(b'+') => {
                pos = 1;
                false
            }
            _ => false,
        };
        let rest = input.get(pos..).ok_or(QuantityError::Format)?;
        let num_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (number, suffix) = rest.split_at(num_len);
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        if frac.contains('.') {
            return Err(QuantityError::Format);
        }
        if whole.is_empty() && frac.is_empty() {
            return Err(QuantityError::Format);
        }
        if !suffix
            .bytes()
            .all(|b| b"eEinumkKMGTP+-".contains(&b) || b.is_ascii_digit())
        {
            return Err(QuantityError::Format);
        }
        let digits = format!("{whole}{frac}");
        let frac_len = i64::try_from(frac.len()).map_err(|_| QuantityError::Numeric)?;

        let (format, magnitude) = if let Some(power) = binary_suffix_power(suffix) {
            // value = digits * 2^power / 10^frac_len, in nanos: * 10^9
            let mult = (1i128 << power) * NANOS_PER_UNIT;
            let div = u32::try_from(frac_len).map_err(|_| QuantityError::Numeric)?;
            (
                Format::BinarySi,
                scaled_ceil(&digits, mult, div, MAX_NANOS)?,
            )
        } else {
            let (format, exp) = if let Some(e) = decimal_suffix_exponent(suffix) {
                (Format::DecimalSi, i64::from(e))
            } else if suffix.len() > 1 && (suffix.starts_with('e') || suffix.starts_with('E')) {
                let e: i64 = suffix
                    .get(1..)
                    .and_then(|s| s.parse().ok())
                    .ok_or(QuantityError::Suffix)?;
                (Format::DecimalExponent, e)
            } else {
                return Err(QuantityError::Suffix);
            };
            // nanos = digits * 10^(exp + 9 - frac_len)
            let shift = exp.saturating_add(9).saturating_sub(frac_len);
            let value = if shift >= 0 {
                let nonzero = digits.bytes().any(|b| b != b'0');
                match u32::try_from(shift).ok().and_then(pow10) {
                    Some(m) => scaled_ceil(&digits, m, 0, MAX_NANOS)?,
                    None if nonzero => MAX_NANOS,
                    None => 0,
                }
            } else {
                let div = u32::try_from(shift.unsigned_abs()).unwrap_or(u32::MAX);
                scaled_ceil(&digits, 1, div, MAX_NANOS)?
            };
            (format, value)
        };
        let format = if format == Format::BinarySi && magnitude > 0 && magnitude < NANOS_PER_UNIT {
            Format::DecimalSi
        } else {
            format
        };
        Ok(Quantity {
            nanos: if negative { -magnitude } else { magnitude },
            format,
        })
    }

    /// A quantity of `value` whole units in the given format.
    pub fn from_int(value: i64, format: Format) -> Self {
        Quantity {
            nanos: i128::from(value) * NANOS_PER_UNIT,
            format,
        }
    }

    /// A quantity of `milli` thousandths (DecimalSI), e.g. CPU millicores.
    pub fn from_milli(milli: i64) -> Self {
        Quantity {
            nanos: i128::from(milli) * 1_000_000,
            format: Format::DecimalSi,
        }
    }

    /// A quantity from a raw nano-unit count.
    pub fn from_nanos(nanos: i128, format: Format) -> Self {
        Quantity {
            nanos: nanos.clamp(-MAX_NANOS, MAX_NANOS),
            format,
        }
    }

    /// The exact value in nano-units.
    pub fn as_nanos(&self) -> i128 {
        self.nanos
    }

    /// The format this quantity prints with.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The value in thousandths, rounded up (like Kubernetes' `MilliValue`).
    pub fn milli_value(&self) -> i64 {
        saturate(div_ceil(self.nanos, 1_000_000))
    }

    /// The value in whole units, rounded up (like Kubernetes' `Value`).
    pub fn value(&self) -> i64 {
        saturate(div_ceil(self.nanos, NANOS_PER_UNIT))
    }

    /// True when the value is zero.
    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// -1, 0 or 1.
    pub fn signum(&self) -> i32 {
        match self.nanos.cmp(&0) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    /// Adds `other`; a zero quantity adopts the other's format, as in Kubernetes.
    pub fn add(&mut self, other: &Quantity) {
        if self.nanos == 0 {
            self.format = other.format;
        }
        self.nanos = self.nanos.saturating_add(other.nanos);
    }

    /// Subtracts `other`; a zero quantity adopts the other's format.
    pub fn sub(&mut self, other: &Quantity) {
        if self.nanos == 0 {
            self.format = other.format;
        }
        self.nanos = self.nanos.saturating_sub(other.nanos);
    }

    /// `self + other` as a new value.
    #[must_use]
    pub fn plus(&self, other: &Quantity) -> Quantity {
        let mut q = *self;
        q.add(other);
        q
    }

    /// `self - other` as a new value.
    #[must_use]
    pub fn minus(&self, other: &Quantity) -> Quantity {
        let mut q = *self;
        q.sub(other);
        q
    }

    /// The value multiplied by an integer.
    #[must_use]
    pub fn times(&self, factor: i64) -> Quantity {
        Quantity {
            nanos: self.nanos.saturating_mul(i128::from(factor)),
            format: self.format,
        }
    }

    /// The negated value.
    #[must_use]
    pub fn negated(&self) -> Quantity {
        Quantity {
            nanos: self.nanos.saturating_neg(),
            format: self.format,
        }
    }

    /// The canonical string form, e.g. `1`, `500m`, `1536Mi`, `2e3`.
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let sign = if self.nanos < 0 { "-" } else { "" };
        let magnitude = self.nanos.unsigned_abs();
        let nanos_per_unit = NANOS_PER_UNIT.unsigned_abs();
        let mut format = self.format;
        if format == Format::BinarySi
            && (magnitude < 1024 * nanos_per_unit || magnitude % nanos_per_unit != 0)
        {
            format = Format::DecimalSi;
        }
        if format == Format::BinarySi {
            let mut mantissa = magnitude / nanos_per_unit;
            let mut power = 0u32;
            while mantissa % 1024 == 0 && power < 6 {
                mantissa /= 1024;
                power += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
                .get(power as usize)
                .copied()
                .unwrap_or("");
            return format!("{sign}{mantissa}{suffix}");
        }
        // Decimal: mantissa * 10^exp with exp a multiple of 3 (starting at -9), as large as
        // possible without losing digits.
        let mut mantissa = magnitude;
        let mut exp = -9i32;
        while mantissa % 1000 == 0 && mantissa != 0 {
            mantissa /= 1000;
            exp += 3;
        }
        let suffix = match format {
            Format::DecimalExponent => {
                if exp == 0 {
                    String::new()
                } else {
                    format!("e{exp}")
                }
            }
            _ => match exp {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                0 => "",
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => "",
            }
            .to_string(),
        };
        format!("{sign}{mantissa}{suffix}")
    }
}

fn div_ceil(n: i128, d: i128) -> i128 {
    let q = n / d;
    if n % d > 0 {
        q + 1
    } else {
        q
    }
}

fn saturate(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Quantity::parse(s)
    }
}

impl TryFrom<&k8s_openapi::apimachinery::pkg::api::resource::Quantity> for Quantity {
    type Error = QuantityError;
    fn try_from(
        q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity,
    ) -> Result<Self, Self::Error> {
        Quantity::parse(&q.0)
    }
}

impl From<Quantity> for k8s_openapi::apimachinery::pkg::api::resource::Quantity {
    fn from(q: Quantity) -> Self {
        k8s_openapi::apimachinery::pkg::api::resource::Quantity(q.canonical())
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.canonical())
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::Null => return Ok(Quantity::default()),
            serde_json::Value::String(s) => s.trim().to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => {
                return Err(serde::de::Error::custom(
                    "a quantity must be a string or a number",
                ))
            }
        };
        Quantity::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn canonical_forms() {
        let cases = [
            ("0", "0"),
            ("0Mi", "0"),
            ("-0", "0"),
            ("1", "1"),
            ("1000m", "1"),
            ("1500m", "1500m"),
            ("0.5", "500m"),
            ("1.5", "1500m"),
            ("100m", "100m"),
            ("0.1m", "100u"),
            ("1n", "1n"),
            ("0.0000000001", "1n"),
            ("1k", "1k"),
            ("1000", "1k"),
            ("1M", "1M"),
            ("1500k", "1500k"),
            ("2e3", "2e3"),
            ("1.5e3", "1500"),
            ("1E3", "1e3"),
            ("5e-3", "5e-3"),
            ("1E", "1E"),
            ("512Mi", "512Mi"),
            ("1536Mi", "1536Mi"),
            ("1.5Gi", "1536Mi"),
            ("1024Mi", "1Gi"),
            ("1Ki", "1Ki"),
            ("1023Ki", "1023Ki"),
            ("0.5Ki", "512"),
            ("100Mi", "100Mi"),
            ("0.5Mi", "512Ki"),
            ("0.1Ki", "102400m"),
            ("-1.5Gi", "-1536Mi"),
            ("+5", "5"),
            ("1.", "1"),
            (".5", "500m"),
            ("12e6", "12e6"),
            ("9223372036854775807", "9223372036854775807"),
            ("100Ei", "9223372036854775807"),
            ("1e100", "9223372036854775807"),
            ("1e-100", "1e-9"),
        ];
        for (input, want) in cases {
            assert_eq!(q(input).to_string(), want, "{input}");
        }
    }

    #[test]
    fn rejects_bad_input() {
        for bad in [
            "", "abc", "1.2.3", ".", "-", "1 k", "1K", "1e", "1ee3", "1Kib", "1i", "Mi", "1m1",
            "1e3.5", " 1", "1,5", "--1",
        ] {
            assert!(Quantity::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn arithmetic_and_comparison() {
        let mut a = q("100m");
        a.add(&q("1.9"));
        assert_eq!(a.to_string(), "2");
        assert_eq!(a.milli_value(), 2000);
        a.sub(&q("2500m"));
        assert_eq!(a.to_string(), "-500m");
        assert!(q("1Gi") > q("1G"));
        assert_eq!(q("1000m"), q("1"));
        assert_eq!(q("1Ki"), q("1024"));
        assert_eq!(q("1.5").value(), 2);
        assert_eq!(q("-1.5").value(), -1);
        assert_eq!(q("1n").milli_value(), 1);
        let mut z = Quantity::default();
        z.add(&q("1Gi"));
        assert_eq!(z.format(), Format::BinarySi);
        assert_eq!(q("250m").times(4).to_string(), "1");
        assert_eq!(q("1").minus(&q("1")).signum(), 0);
        assert_eq!(q("1").plus(&q("1k")).to_string(), "1001");
        assert_eq!(Quantity::from_milli(1500).to_string(), "1500m");
        assert_eq!(
            Quantity::from_int(2048, Format::BinarySi).to_string(),
            "2Ki"
        );
        assert_eq!(q("3").negated().to_string(), "-3");
    }

    #[test]
    fn serde_round_trip() {
        let v: Quantity = serde_json::from_str("\"1.5Gi\"").unwrap_or_default();
        assert_eq!(serde_json::to_string(&v).unwrap_or_default(), "\"1536Mi\"");
        let n: Quantity = serde_json::from_str("0.5").unwrap_or_default();
        assert_eq!(n.to_string(), "500m");
        assert!(serde_json::from_str::<Quantity>("true").is_err());
        let z: Quantity =
            serde_json::from_str("null").unwrap_or(Quantity::from_int(1, Format::DecimalSi));
        assert!(z.is_zero());
        let k = k8s_openapi::apimachinery::pkg::api::resource::Quantity("2Gi".into());
        assert_eq!(
            Quantity::try_from(&k)
                .map(|q| q.to_string())
                .ok()
                .as_deref(),
            Some("2Gi")
        );
    }
}
