//! Syntax checks for names, keys and small scalar values.
//!
//! Every `is_*` function returns the list of problems found (empty when the input is
//! valid), mirroring the shape of Kubernetes' `k8s.io/apimachinery/pkg/util/validation`.

/// Longest DNS-1123 / DNS-1035 label.
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
/// Longest DNS-1123 subdomain.
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;
/// Longest DNS-1035 label.
pub const DNS1035_LABEL_MAX_LENGTH: usize = 63;
/// Longest name part of a qualified name.
pub const QUALIFIED_NAME_MAX_LENGTH: usize = 63;
/// Longest label value.
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;
/// Longest IANA service name (port name).
pub const IANA_SVC_NAME_MAX_LENGTH: usize = 15;
/// Longest ConfigMap/Secret data key.
pub const CONFIG_MAP_KEY_MAX_LENGTH: usize = 253;

fn max_len_msg(max: usize) -> String {
    format!("must be no more than {max} characters")
}

fn is_lower_alnum(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn matches_dns_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter().all(|&c| is_lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// Checks a lower-case RFC 1123 label (at most 63 characters of `[a-z0-9-]`, starting
/// and ending with an alphanumeric). Used for namespace names, among others.
pub fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_msg(DNS1123_LABEL_MAX_LENGTH));
    }
    if !matches_dns_label(value) {
        errs.push(
            "must be a lowercase RFC 1123 label: only 'a'-'z', '0'-'9' and '-', \
             beginning and ending with a letter or digit (for example 'my-name' or '123-abc')"
                .to_string(),
        );
    }
    errs
}

/// Checks a lower-case RFC 1123 subdomain (at most 253 characters, dot-separated labels).
/// This is the rule for most object names.
pub fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_msg(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !value.split('.').all(matches_dns_label) {
        errs.push(
            "must be a lowercase RFC 1123 subdomain: only 'a'-'z', '0'-'9', '-' and '.', \
             beginning and ending with a letter or digit (for example 'example.com')"
                .to_string(),
        );
    }
    errs
}

/// Checks an RFC 1035 label: like a DNS-1123 label but it must start with a letter.
/// Used for service names.
pub fn is_dns1035_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1035_LABEL_MAX_LENGTH {
        errs.push(max_len_msg(DNS1035_LABEL_MAX_LENGTH));
    }
    let starts_with_letter = value.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
    if !(starts_with_letter && matches_dns_label(value)) {
        errs.push(
            "must be a lowercase RFC 1035 label: only 'a'-'z', '0'-'9' and '-', \
             beginning with a letter and ending with a letter or digit (for example 'my-name' or 'abc-123')"
                .to_string(),
        );
    }
    errs
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, or empty when `allow_empty`.
fn matches_qualified_part(s: &str, allow_empty: bool) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.')
        }
        _ => allow_empty,
    }
}

const QUALIFIED_PART_RULE: &str =
    "must consist of alphanumerics, '-', '_' or '.', and begin and end with an alphanumeric";

/// Checks a qualified name such as a label key or annotation key: an optional
/// DNS-1123-subdomain prefix and `/`, then a name of at most 63 characters.
pub fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must not be empty".to_string());
            } else {
                for msg in is_dns1123_subdomain(prefix) {
                    errs.push(format!("prefix part {msg}"));
                }
            }
            *name
        }
        _ => {
            errs.push(
                "a qualified name is an optional DNS subdomain prefix and '/' followed by a name \
                 (for example 'MyName' or 'example.com/MyName'); it may contain at most one '/'"
                    .to_string(),
            );
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must not be empty".to_string());
    } else if name.len() > QUALIFIED_NAME_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            max_len_msg(QUALIFIED_NAME_MAX_LENGTH)
        ));
    }
    if !name.is_empty() && !matches_qualified_part(name, false) {
        errs.push(format!(
            "name part {QUALIFIED_PART_RULE} (for example 'MyName' or 'my.name')"
        ));
    }
    errs
}

/// Checks a label value: empty, or at most 63 characters following the qualified-name rule.
pub fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(max_len_msg(LABEL_VALUE_MAX_LENGTH));
    }
    if !matches_qualified_part(value, true) {
        errs.push(format!(
            "a label value must be empty or {QUALIFIED_PART_RULE} (for example 'MyValue' or 'my_value')"
        ));
    }
    errs
}

/// Checks a strict C identifier `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_c_identifier(value: &str) -> Vec<String> {
    let b = value.as_bytes();
    let ok = b
        .first()
        .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_');
    if ok {
        Vec::new()
    } else {
        vec![
            "must be a C identifier: letters, digits and '_', not starting with a digit (for example 'MY_NAME')"
                .to_string(),
        ]
    }
}

/// Checks an environment variable name under the relaxed rule Kubernetes 1.33 applies
/// by default: non-empty, only printable ASCII characters, and no `=`.
pub fn is_env_var_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.is_empty() {
        errs.push("environment variable name must not be empty".to_string());
    }
    if !value
        .bytes()
        .all(|c| (b' '..=b'~').contains(&c) && c != b'=')
    {
        errs.push(
            "environment variable name may only contain printable ASCII characters other than '='"
                .to_string(),
        );
    }
    errs
}

/// Checks an environment variable name under the older strict rule
/// `[-._a-zA-Z][-._a-zA-Z0-9]*` (also used for ConfigMap-sourced prefixes).
pub fn is_strict_env_var_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let allowed = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_';
    let ok = value
        .as_bytes()
        .first()
        .is_some_and(|c| !c.is_ascii_digit())
        && value.bytes().all(allowed);
    if !ok {
        errs.push(
            "must consist of letters, digits, '_', '-' or '.', and must not start with a digit"
                .to_string(),
        );
    }
    errs.extend(dot_segment_problems(value));
    errs
}

fn dot_segment_problems(value: &str) -> Vec<String> {
    if value == "." {
        vec!["must not be '.'".to_string()]
    } else if value == ".." {
        vec!["must not be '..'".to_string()]
    } else if value.starts_with("..") {
        vec!["must not start with '..'".to_string()]
    } else {
        Vec::new()
    }
}

/// Checks a ConfigMap or Secret data key: `[-._a-zA-Z0-9]+`, at most 253 characters,
/// and not `.`, `..` or starting with `..`.
pub fn is_config_map_key(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > CONFIG_MAP_KEY_MAX_LENGTH {
        errs.push(max_len_msg(CONFIG_MAP_KEY_MAX_LENGTH));
    }
    let allowed = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_';
    if value.is_empty() || !value.bytes().all(allowed) {
        errs.push("a valid key must consist of alphanumerics, '-', '_' or '.'".to_string());
    }
    errs.extend(dot_segment_problems(value));
    errs
}

/// Checks an IANA service name as used for container and service port names:
/// 1-15 characters of `[a-z0-9-]`, at least one letter, no leading/trailing or doubled `-`.
pub fn is_valid_port_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.is_empty() || value.len() > IANA_SVC_NAME_MAX_LENGTH {
        errs.push(format!(
            "must be between 1 and {IANA_SVC_NAME_MAX_LENGTH} characters"
        ));
    }
    if !value.bytes().all(|c| is_lower_alnum(c) || c == b'-') {
        errs.push("must contain only 'a'-'z', '0'-'9' and '-'".to_string());
    }
    if !value.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter 'a'-'z'".to_string());
    }
    if value.contains("--") {
        errs.push("must not contain two consecutive '-'".to_string());
    }
    if value.starts_with('-') || value.ends_with('-') {
        errs.push("must not begin or end with '-'".to_string());
    }
    errs
}

/// Checks a TCP/UDP port number (1-65535).
pub fn is_valid_port_num(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec![in_range_msg(1, 65535)]
    }
}

/// Checks that `value` lies in `lo..=hi`.
pub fn is_in_range(value: i64, lo: i64, hi: i64) -> Vec<String> {
    if (lo..=hi).contains(&value) {
        Vec::new()
    } else {
        vec![in_range_msg(lo, hi)]
    }
}

fn in_range_msg(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

/// Checks a name usable as one URL path segment: not `.` or `..`, no `/` or `%`.
pub fn is_valid_path_segment_name(value: &str) -> Vec<String> {
    if value == "." || value == ".." {
        return vec![format!("may not be '{value}'")];
    }
    let mut errs = Vec::new();
    for bad in ['/', '%'] {
        if value.contains(bad) {
            errs.push(format!("may not contain '{bad}'"));
        }
    }
    errs
}

/// Validates an object name (or `generateName` prefix when `prefix` is true) as a DNS-1123
/// subdomain. A prefix may end in `-`.
pub fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    is_dns1123_subdomain(&mask_trailing_dash(name, prefix))
}

/// Validates an object name (or prefix) as a DNS-1123 label.
pub fn name_is_dns_label(name: &str, prefix: bool) -> Vec<String> {
    is_dns1123_label(&mask_trailing_dash(name, prefix))
}

/// Validates an object name (or prefix) as a DNS-1035 label.
pub fn name_is_dns1035_label(name: &str, prefix: bool) -> Vec<String> {
    is_dns1035_label(&mask_trailing_dash(name, prefix))
}

fn mask_trailing_dash(name: &str, prefix: bool) -> String {
    match name.strip_suffix('-') {
        Some(stem) if prefix && !stem.is_empty() => format!("{stem}a"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns1123_label() {
        for ok in ["a", "ab", "a-b", "0", "a1", &"a".repeat(63)] {
            assert!(is_dns1123_label(ok).is_empty(), "{ok}");
        }
        for bad in ["", "A", "-a", "a-", "a.b", "a_b", &"a".repeat(64)] {
            assert!(!is_dns1123_label(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn dns1123_subdomain() {
        for ok in ["a", "a.b", "example.com", "a-1.b-2", "0.0"] {
            assert!(is_dns1123_subdomain(ok).is_empty(), "{ok}");
        }
        for bad in ["", "a..b", ".a", "a.", "A.b", "a_b", &"a".repeat(254)] {
            assert!(!is_dns1123_subdomain(bad).is_empty(), "{bad}");
        }
        let long = format!("{}.{}", "a".repeat(63), "b".repeat(63));
        assert!(is_dns1123_subdomain(&long).is_empty());
    }

    #[test]
    fn dns1035() {
        assert!(is_dns1035_label("my-svc").is_empty());
        assert!(!is_dns1035_label("1svc").is_empty());
        assert!(!is_dns1035_label("").is_empty());
    }

    #[test]
    fn qualified_names() {
        for ok in [
            "app",
            "App.Name_x-1",
            "example.com/app",
            "kubernetes.io/pv-protection",
            "a/b",
            &"a".repeat(63),
        ] {
            assert!(is_qualified_name(ok).is_empty(), "{ok}");
        }
        for bad in [
            "",
            "/a",
            "a/",
            "a/b/c",
            "-a",
            "a-",
            "Example.com/a",
            &"a".repeat(64),
            "a b",
        ] {
            assert!(!is_qualified_name(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn label_values() {
        for ok in ["", "a", "A-b_c.d", &"x".repeat(63)] {
            assert!(is_valid_label_value(ok).is_empty(), "{ok}");
        }
        for bad in ["-a", "a-", "a b", "a/b", &"x".repeat(64)] {
            assert!(!is_valid_label_value(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn identifiers() {
        assert!(is_c_identifier("_A1").is_empty());
        assert!(!is_c_identifier("1A").is_empty());
        assert!(!is_c_identifier("").is_empty());
        assert!(is_env_var_name("1-weird.name with spaces").is_empty());
        assert!(!is_env_var_name("A=B").is_empty());
        assert!(!is_env_var_name("").is_empty());
        assert!(!is_env_var_name("tab\there").is_empty());
        assert!(is_strict_env_var_name("my.var-1").is_empty());
        assert!(!is_strict_env_var_name("1var").is_empty());
        assert!(!is_strict_env_var_name("..a").is_empty());
    }

    #[test]
    fn config_map_keys() {
        assert!(is_config_map_key("app.properties").is_empty());
        assert!(!is_config_map_key("..data").is_empty());
        assert!(!is_config_map_key("a/b").is_empty());
        assert!(!is_config_map_key("").is_empty());
    }

    #[test]
    fn port_names_and_numbers() {
        for ok in ["http", "h2c", "web-8080", "a"] {
            assert!(is_valid_port_name(ok).is_empty(), "{ok}");
        }
        for bad in [
            "",
            "80",
            "-http",
            "http-",
            "a--b",
            "HTTP",
            "abcdefghijklmnop",
        ] {
            assert!(!is_valid_port_name(bad).is_empty(), "{bad}");
        }
        assert!(is_valid_port_num(80).is_empty());
        assert!(!is_valid_port_num(0).is_empty());
        assert!(!is_valid_port_num(65536).is_empty());
        assert!(is_in_range(5, 0, 5).is_empty());
    }

    #[test]
    fn generate_name_prefix() {
        assert!(name_is_dns_subdomain("web-", true).is_empty());
        assert!(!name_is_dns_subdomain("web-", false).is_empty());
        assert!(name_is_dns_label("ns-", true).is_empty());
    }

    #[test]
    fn path_segments() {
        assert!(is_valid_path_segment_name("a").is_empty());
        assert!(!is_valid_path_segment_name("..").is_empty());
        assert_eq!(is_valid_path_segment_name("a/%").len(), 2);
    }
}
