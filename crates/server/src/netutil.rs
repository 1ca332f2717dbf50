//! Host network facts.

use std::net::{IpAddr, Ipv4Addr, UdpSocket};

/// The host's primary IPv4 address: the source address the kernel would use for
/// an off-host destination (no packet is sent), or loopback without a route.
pub fn primary_ip() -> IpAddr {
    let probe = || -> std::io::Result<IpAddr> {
        let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
        socket.connect((Ipv4Addr::new(10, 255, 255, 255), 9))?;
        Ok(socket.local_addr()?.ip())
    };
    probe().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The host name, from /proc (falls back to "localhost").
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_lowercase())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

/// The `n`th address of an IPv4 CIDR (e.g. the first service IP).
pub fn nth_ip(cidr: &str, n: u32) -> Option<Ipv4Addr> {
    let (base, prefix) = cidr.split_once('/')?;
    let base: Ipv4Addr = base.parse().ok()?;
    let prefix: u32 = prefix.parse().ok()?;
    if prefix > 32 {
        return None;
    }
    let size = if prefix == 0 {
        u64::from(u32::MAX) + 1
    } else {
        1u64 << (32 - prefix)
    };
    if u64::from(n) >= size {
        return None;
    }
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    Some(Ipv4Addr::from((u32::from(base) & mask) + n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_ip_of_cidr() {
        assert_eq!(nth_ip("10.43.0.0/16", 1), Some(Ipv4Addr::new(10, 43, 0, 1)));
        assert_eq!(
            nth_ip("10.43.7.9/16", 10),
            Some(Ipv4Addr::new(10, 43, 0, 10))
        );
        assert_eq!(nth_ip("10.0.0.0/30", 4), None);
        assert_eq!(nth_ip("garbage", 1), None);
    }
}
