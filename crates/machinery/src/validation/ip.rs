//! IP address and CIDR checks with Kubernetes' strict and legacy ("sloppy") parsing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{FieldError, FieldPath};

/// Parses an IP address the lenient way older Kubernetes fields accept: IPv4 octets may
/// carry leading zeros (read as decimal).
pub fn parse_ip_sloppy(value: &str) -> Option<IpAddr> {
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Some(ip);
    }
    if value.contains(':') {
        return None;
    }
    parse_ipv4_sloppy(value).map(IpAddr::V4)
}

fn parse_ipv4_sloppy(value: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut count = 0;
    for part in value.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let slot = octets.get_mut(count)?;
        *slot = part.parse::<u8>().ok()?;
        count += 1;
    }
    (count == 4).then(|| Ipv4Addr::from(octets))
}

/// The address as a plain IPv4 address when it is an IPv4-mapped IPv6 address.
fn unmap(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn is_4in6(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V6(v6) if v6.to_ipv4_mapped().is_some())
}

fn parse_ip_checked(
    path: &FieldPath,
    value: &str,
    strict: bool,
) -> (Option<IpAddr>, Vec<FieldError>) {
    let mut errs = Vec::new();
    let Some(ip) = parse_ip_sloppy(value) else {
        errs.push(FieldError::invalid(
            path,
            value,
            "must be a valid IP address (for example 10.9.8.7 or 2001:db8::ffff)",
        ));
        return (None, errs);
    };
    if strict {
        if value.parse::<IpAddr>().is_err() {
            errs.push(FieldError::invalid(
                path,
                value,
                "must not have leading zeros",
            ));
        }
        if is_4in6(ip) {
            errs.push(FieldError::invalid(
                path,
                value,
                "must not be an IPv4-mapped IPv6 address",
            ));
        }
    }
    (Some(ip), errs)
}

/// Strictly validates an IP address: parseable, no leading zeros, not IPv4-mapped IPv6,
/// and written in canonical form.
pub fn is_valid_ip(path: &FieldPath, value: &str) -> Vec<FieldError> {
    let (ip, mut errs) = parse_ip_checked(path, value, true);
    if let (Some(ip), true) = (ip, errs.is_empty()) {
        let canonical = unmap(ip).to_string();
        if canonical != value {
            errs.push(FieldError::invalid(
                path,
                value,
                format!("must be in canonical form (\"{canonical}\")"),
            ));
        }
    }
    errs
}

/// Validates an IP in a field that historically accepted sloppy forms. Values listed in
/// `valid_old` (the previous object's values) are always accepted; with `strict` the
/// leading-zero and IPv4-mapped forms are rejected.
pub fn is_valid_ip_for_legacy_field(
    path: &FieldPath,
    value: &str,
    strict: bool,
    valid_old: &[&str],
) -> Vec<FieldError> {
    if valid_old.contains(&value) {
        return Vec::new();
    }
    parse_ip_checked(path, value, strict).1
}

/// A parsed CIDR: the address as written and the prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The address part, as written (not masked).
    pub addr: IpAddr,
    /// The prefix length.
    pub prefix_len: u8,
}

impl Cidr {
    /// The network address (host bits cleared).
    pub fn network(&self) -> IpAddr {
        match self.addr {
            IpAddr::V4(a) => {
                let bits = u32::from(a);
                let mask = if self.prefix_len == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(self.prefix_len.min(32)))
                };
                IpAddr::V4(Ipv4Addr::from(bits & mask))
            }
            IpAddr::V6(a) => {
                let bits = u128::from(a);
                let mask = if self.prefix_len == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(self.prefix_len.min(128)))
                };
                IpAddr::V6(Ipv6Addr::from(bits & mask))
            }
        }
    }

    /// True when `ip` lies inside this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let other = Cidr {
            addr: unmap(ip),
            prefix_len: self.prefix_len,
        };
        let this = Cidr {
            addr: unmap(self.addr),
            prefix_len: self.prefix_len,
        };
        this.addr.is_ipv4() == other.addr.is_ipv4() && this.network() == other.network()
    }

    /// The canonical text form, `network/len`.
    pub fn canonical(&self) -> String {
        format!("{}/{}", unmap(self.network()), self.prefix_len)
    }
}

/// Parses `addr/len` leniently (leading zeros allowed in IPv4 octets).
pub fn parse_cidr_sloppy(value: &str) -> Option<Cidr> {
    let (addr, len) = value.split_once('/')?;
    if len.is_empty() || len.len() > 3 || !len.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let prefix_len: u8 = len.parse().ok()?;
    let addr = parse_ip_sloppy(addr)?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    (prefix_len <= max).then_some(Cidr { addr, prefix_len })
}

fn parse_cidr_checked(
    path: &FieldPath,
    value: &str,
    strict: bool,
) -> (Option<Cidr>, Vec<FieldError>) {
    let mut errs = Vec::new();
    let Some(cidr) = parse_cidr_sloppy(value) else {
        errs.push(FieldError::invalid(
            path,
            value,
            "must be a valid CIDR value (for example 10.9.8.0/24 or 2001:db8::/64)",
        ));
        return (None, errs);
    };
    if strict {
        let addr_text = value.split_once('/').map(|(a, _)| a).unwrap_or_default();
        let len_text = value.split_once('/').map(|(_, l)| l).unwrap_or_default();
        if addr_text.parse::<IpAddr>().is_err() || (len_text.len() > 1 && len_text.starts_with('0'))
        {
            errs.push(FieldError::invalid(
                path,
                value,
                "must not have leading zeros in the address or prefix length",
            ));
        } else if is_4in6(cidr.addr) {
            errs.push(FieldError::invalid(
                path,
                value,
                "must not use an IPv4-mapped IPv6 address",
            ));
        } else if cidr.network() != cidr.addr {
            errs.push(FieldError::invalid(
                path,
                value,
                "must not have bits set past the prefix length",
            ));
        }
    }
    (Some(cidr), errs)
}

/// Strictly validates a CIDR (no leading zeros, no host bits, canonical form).
pub fn is_valid_cidr(path: &FieldPath, value: &str) -> Vec<FieldError> {
    let (cidr, mut errs) = parse_cidr_checked(path, value, true);
    if let (Some(cidr), true) = (cidr, errs.is_empty()) {
        let canonical = cidr.canonical();
        if canonical != value {
            errs.push(FieldError::invalid(
                path,
                value,
                format!("must be in canonical form (\"{canonical}\")"),
            ));
        }
    }
    errs
}

/// Validates a CIDR in a field that historically accepted sloppy forms; see
/// [`is_valid_ip_for_legacy_field`].
pub fn is_valid_cidr_for_legacy_field(
    path: &FieldPath,
    value: &str,
    strict: bool,
    valid_old: &[&str],
) -> Vec<FieldError> {
    if valid_old.contains(&value) {
        return Vec::new();
    }
    parse_cidr_checked(path, value, strict).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> FieldPath {
        FieldPath::new("spec").child("clusterIP")
    }

    #[test]
    fn strict_ips() {
        for ok in ["10.9.8.7", "2001:db8::ffff", "::1", "0.0.0.0"] {
            assert!(is_valid_ip(&p(), ok).is_empty(), "{ok}");
        }
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "010.1.2.3",
            "::ffff:1.2.3.4",
            "2001:DB8::1",
            "2001:0db8::1",
            "256.1.1.1",
            "a.b.c.d",
        ] {
            assert!(!is_valid_ip(&p(), bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn legacy_ips() {
        assert!(is_valid_ip_for_legacy_field(&p(), "010.1.2.3", false, &[]).is_empty());
        assert!(!is_valid_ip_for_legacy_field(&p(), "010.1.2.3", true, &[]).is_empty());
        assert!(is_valid_ip_for_legacy_field(&p(), "010.1.2.3", true, &["010.1.2.3"]).is_empty());
        assert!(!is_valid_ip_for_legacy_field(&p(), "x", false, &[]).is_empty());
        assert_eq!(
            parse_ip_sloppy("010.001.2.3"),
            Some(IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3)))
        );
    }

    #[test]
    fn cidrs() {
        for ok in ["10.0.0.0/8", "2001:db8::/64", "0.0.0.0/0", "1.2.3.4/32"] {
            assert!(is_valid_cidr(&p(), ok).is_empty(), "{ok}");
        }
        for bad in [
            "10.0.0.1/8",
            "10.0.0.0/33",
            "10.0.0.0",
            "010.0.0.0/8",
            "10.0.0.0/08",
            "x/8",
        ] {
            assert!(!is_valid_cidr(&p(), bad).is_empty(), "{bad}");
        }
        assert!(is_valid_cidr_for_legacy_field(&p(), "10.0.0.1/8", false, &[]).is_empty());
        let c = parse_cidr_sloppy("10.1.0.0/16");
        assert!(c.is_some_and(|c| c.contains(
            "10.1.200.3"
                .parse()
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
        )));
        assert!(c.is_some_and(|c| !c.contains(IpAddr::V4(Ipv4Addr::new(10, 2, 0, 1)))));
    }
}
