//! The cluster's certificates: a self-generated CA, the API serving certificate
//! and client certificates, plus the service account token signing key, all
//! created on first start and reused after.

use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use capstan_apiserver::serviceaccount::{JwtError, SigningKey};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};

/// Errors handling certificates.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// Reading or writing a file failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Certificate generation or parsing failed.
    #[error("certificate {what}: {source}")]
    Cert {
        /// Which certificate.
        what: String,
        /// The cause.
        #[source]
        source: rcgen::Error,
    },
    /// The service account signing key could not be made or read.
    #[error("{path}: {source}")]
    SigningKey {
        /// The key file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: JwtError,
    },
}

/// A certificate and its private key, PEM encoded.
#[derive(Clone, Debug)]
pub struct CertPair {
    /// Certificate (PEM).
    pub cert_pem: String,
    /// Private key (PEM).
    pub key_pem: String,
}

/// The cluster CA and the certificates signed by it.
#[derive(Clone, Debug)]
pub struct Pki {
    /// Directory holding the files.
    pub dir: PathBuf,
    /// The CA.
    pub ca: CertPair,
    /// The API server's serving certificate.
    pub serving: CertPair,
    /// The admin client certificate (group `system:masters`).
    pub admin: CertPair,
    /// The key service account tokens are signed with (PKCS#8 PEM,
    /// `service-account.key`).
    pub service_account_key: String,
}

/// File name of the service account signing key.
pub const SERVICE_ACCOUNT_KEY_FILE: &str = "service-account.key";

/// Loads the service account signing key from `path`, creating it on first
/// start. It does not depend on the CA: tokens stay valid when certificates
/// are reissued.
fn load_or_create_signing_key(path: &Path) -> Result<String, PkiError> {
    let key_err = |source| PkiError::SigningKey {
        path: path.to_path_buf(),
        source,
    };
    if let Some(pem) = read(path)? {
        SigningKey::from_pem(&pem).map_err(key_err)?;
        return Ok(pem);
    }
    let pem = SigningKey::generate().map_err(key_err)?.to_pem();
    write_private(path, &pem)?;
    Ok(pem)
}

const VALIDITY_DAYS: i64 = 3650;

fn read(path: &Path) -> Result<Option<String>, PkiError> {
    match fs::read_to_string(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(PkiError::Io {
            action: "reading",
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn write_private(path: &Path, contents: &str) -> Result<(), PkiError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let tmp = path.with_extension("tmp");
    let io = |source| PkiError::Io {
        action: "writing",
        path: path.to_path_buf(),
        source,
    };
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(io)?;
    f.write_all(contents.as_bytes()).map_err(io)?;
    f.sync_all().map_err(io)?;
    fs::rename(&tmp, path).map_err(io)
}

fn validity(params: &mut CertificateParams) {
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::hours(1);
    params.not_after = now + time::Duration::days(VALIDITY_DAYS);
}

fn cert_err(what: &str) -> impl FnOnce(rcgen::Error) -> PkiError + '_ {
    move |source| PkiError::Cert {
        what: what.to_string(),
        source,
    }
}

fn new_ca() -> Result<CertPair, PkiError> {
    let key = KeyPair::generate().map_err(cert_err("CA key"))?;
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, format!("capstan-ca@{}", unix_now()));
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    validity(&mut params);
    let cert = params.self_signed(&key).map_err(cert_err("CA"))?;
    Ok(CertPair {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Signs a certificate with the CA.
fn sign(ca: &CertPair, mut params: CertificateParams, what: &str) -> Result<CertPair, PkiError> {
    let ca_key = KeyPair::from_pem(&ca.key_pem).map_err(cert_err("CA key"))?;
    let issuer = Issuer::from_ca_cert_pem(&ca.cert_pem, ca_key).map_err(cert_err("CA"))?;
    let key = KeyPair::generate().map_err(cert_err(what))?;
    validity(&mut params);
    let cert = params.signed_by(&key, &issuer).map_err(cert_err(what))?;
    Ok(CertPair {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
}

/// Issues a client certificate for user `cn` in groups `orgs`.
pub fn client_cert(ca: &CertPair, cn: &str, orgs: &[&str]) -> Result<CertPair, PkiError> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    for o in orgs {
        dn.push(DnType::OrganizationName, *o);
    }
    dn.push(DnType::CommonName, cn);
    params.distinguished_name = dn;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    sign(ca, params, cn)
}

/// Issues a serving certificate for the given DNS names and IPs.
pub fn serving_cert(ca: &CertPair, dns: &[String], ips: &[IpAddr]) -> Result<CertPair, PkiError> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "kube-apiserver");
    params.distinguished_name = dn;
    let mut sans = Vec::new();
    for name in dns {
        sans.push(SanType::DnsName(name.clone().try_into().map_err(|e| {
            PkiError::Cert {
                what: format!("SAN {name}"),
                source: e,
            }
        })?));
    }
    for ip in ips {
        sans.push(SanType::IpAddress(*ip));
    }
    params.subject_alt_names = sans;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    sign(ca, params, "serving")
}

/// The SANs a serving certificate was issued for (DNS names and IPs, as text).
fn sans_of(cert_pem: &str) -> Option<Vec<String>> {
    use x509_parser::extensions::GeneralName;
    let (_, pem) = x509_parser::pem::parse_x509_pem(cert_pem.as_bytes()).ok()?;
    let cert = pem.parse_x509().ok()?;
    let san = cert.subject_alternative_name().ok()??;
    let mut out: Vec<String> = san
        .value
        .general_names
        .iter()
        .filter_map(|n| match n {
            GeneralName::DNSName(d) => Some(d.to_string()),
            GeneralName::IPAddress(bytes) => match bytes.len() {
                4 => <[u8; 4]>::try_from(*bytes)
                    .ok()
                    .map(|b| IpAddr::from(b).to_string()),
                16 => <[u8; 16]>::try_from(*bytes)
                    .ok()
                    .map(|b| IpAddr::from(b).to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    out.sort();
    Some(out)
}

impl Pki {
    /// Loads the certificates under `dir`, creating what is missing. The serving
    /// certificate is reissued when the wanted SANs change.
    pub fn load_or_create(dir: &Path, dns: &[String], ips: &[IpAddr]) -> Result<Self, PkiError> {
        fs::create_dir_all(dir).map_err(|source| PkiError::Io {
            action: "creating",
            path: dir.to_path_buf(),
            source,
        })?;
        let load = |name: &str| -> Result<Option<CertPair>, PkiError> {
            let cert = read(&dir.join(format!("{name}.crt")))?;
            let key = read(&dir.join(format!("{name}.key")))?;
            Ok(match (cert, key) {
                (Some(cert_pem), Some(key_pem)) => Some(CertPair { cert_pem, key_pem }),
                _ => None,
            })
        };
        let save = |name: &str, pair: &CertPair| -> Result<(), PkiError> {
            write_private(&dir.join(format!("{name}.key")), &pair.key_pem)?;
            write_private(&dir.join(format!("{name}.crt")), &pair.cert_pem)
        };
        let (ca, ca_is_new) = match load("ca")? {
            Some(ca) => (ca, false),
            None => {
                let ca = new_ca()?;
                save("ca", &ca)?;
                (ca, true)
            }
        };
        let mut wanted: Vec<String> = dns
            .iter()
            .cloned()
            .chain(ips.iter().map(ToString::to_string))
            .collect();
        wanted.sort();
        wanted.dedup();
        let serving = match load("serving")? {
            Some(s) if !ca_is_new && sans_of(&s.cert_pem).as_ref() == Some(&wanted) => s,
            _ => {
                let s = serving_cert(&ca, dns, ips)?;
                save("serving", &s)?;
                s
            }
        };
        let admin = match load("admin")? {
            Some(a) if !ca_is_new => a,
            _ => {
                let a = client_cert(&ca, "system:admin", &["system:masters"])?;
                save("admin", &a)?;
                a
            }
        };
        let service_account_key = load_or_create_signing_key(&dir.join(SERVICE_ACCOUNT_KEY_FILE))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            ca,
            serving,
            admin,
            service_account_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_then_reuses_and_reissues_on_san_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let dns = vec!["localhost".to_string()];
        let ips: Vec<IpAddr> = vec!["127.0.0.1".parse().expect("ip")];
        let first = Pki::load_or_create(dir.path(), &dns, &ips).expect("create");
        let second = Pki::load_or_create(dir.path(), &dns, &ips).expect("reuse");
        assert_eq!(first.ca.cert_pem, second.ca.cert_pem);
        assert_eq!(first.serving.cert_pem, second.serving.cert_pem);
        assert_eq!(first.admin.cert_pem, second.admin.cert_pem);
        assert_eq!(first.service_account_key, second.service_account_key);
        SigningKey::from_pem(&first.service_account_key).expect("a usable signing key");
        let more: Vec<IpAddr> = vec![
            "127.0.0.1".parse().expect("ip"),
            "10.0.0.5".parse().expect("ip"),
        ];
        let third = Pki::load_or_create(dir.path(), &dns, &more).expect("reissue");
        assert_eq!(first.ca.cert_pem, third.ca.cert_pem);
        assert_ne!(first.serving.cert_pem, third.serving.cert_pem);
        let (_, pem) =
            x509_parser::pem::parse_x509_pem(third.admin.cert_pem.as_bytes()).expect("pem");
        let cert = pem.parse_x509().expect("x509");
        let org = cert
            .subject()
            .iter_organization()
            .next()
            .and_then(|o| o.as_str().ok())
            .map(str::to_string);
        assert_eq!(org.as_deref(), Some("system:masters"));
        for key in ["ca.key", SERVICE_ACCOUNT_KEY_FILE] {
            let mode = std::fs::metadata(dir.path().join(key))
                .expect("key")
                .permissions();
            assert_eq!(
                std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
                0o600,
                "{key}"
            );
        }
        assert_eq!(first.service_account_key, third.service_account_key);
        std::fs::write(dir.path().join(SERVICE_ACCOUNT_KEY_FILE), "garbage").expect("write");
        assert!(Pki::load_or_create(dir.path(), &dns, &more).is_err());
    }
}
