//! TLS termination and client identity.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};

use crate::context::UserInfo;

/// PEM material for the server.
#[derive(Clone, Debug)]
pub struct TlsMaterial {
    /// Serving certificate chain (PEM).
    pub cert_chain_pem: String,
    /// Serving private key (PEM).
    pub key_pem: String,
    /// CA that signs client certificates (PEM).
    pub client_ca_pem: String,
}

/// Errors building the TLS configuration.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// PEM could not be parsed.
    #[error("parsing {what}: {reason}")]
    Pem {
        /// Which input.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// rustls rejected the configuration.
    #[error("building TLS configuration: {0}")]
    Rustls(String),
}

fn certs(pem: &str, what: &'static str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let certs: Result<Vec<_>, _> = rustls_pemfile::certs(&mut pem.as_bytes()).collect();
    let certs = certs.map_err(|e| TlsError::Pem {
        what,
        reason: e.to_string(),
    })?;
    if certs.is_empty() {
        return Err(TlsError::Pem {
            what,
            reason: "no certificates found".into(),
        });
    }
    Ok(certs)
}

/// Builds the rustls server configuration: HTTP/2 and HTTP/1.1 via ALPN, and
/// optional client certificates verified against the client CA.
pub fn server_config(material: &TlsMaterial) -> Result<Arc<ServerConfig>, TlsError> {
    let chain = certs(&material.cert_chain_pem, "serving certificate")?;
    let key: PrivateKeyDer<'static> = rustls_pemfile::private_key(&mut material.key_pem.as_bytes())
        .map_err(|e| TlsError::Pem {
            what: "serving key",
            reason: e.to_string(),
        })?
        .ok_or(TlsError::Pem {
            what: "serving key",
            reason: "no private key found".into(),
        })?;
    let mut roots = RootCertStore::empty();
    for ca in certs(&material.client_ca_pem, "client CA")? {
        roots.add(ca).map_err(|e| TlsError::Rustls(e.to_string()))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .allow_unauthenticated()
        .build()
        .map_err(|e| TlsError::Rustls(e.to_string()))?;
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Rustls(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .map_err(|e| TlsError::Rustls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The user a verified client certificate names: CN is the user, O the groups.
pub fn user_from_certificate(der: &[u8]) -> Option<UserInfo> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let subject = cert.subject();
    let name = subject
        .iter_common_name()
        .next()?
        .as_str()
        .ok()?
        .to_string();
    let groups = subject
        .iter_organization()
        .filter_map(|o| o.as_str().ok().map(str::to_string))
        .collect();
    Some(UserInfo::named(name, groups))
}
