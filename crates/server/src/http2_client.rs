//! API clients for the server's own components that speak HTTP/2.
//!
//! kube-rs builds HTTP/1.1-only clients, so every long-running watch holds a
//! TCP and TLS connection (with read and write buffers at both ends) of its
//! own. The controller manager alone keeps dozens of watches open. Like
//! client-go, these clients negotiate HTTP/2 and multiplex every request and
//! watch of one component over a single connection.

use anyhow::Context;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use kube::client::ConfigExt;
use kube::{Client, Config};
use tower::ServiceBuilder;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Builds a client for `config` that speaks only HTTP/2 (negotiated by ALPN),
/// which Capstan's API server always offers. Requests made while the first
/// connection is being set up wait for it rather than opening more.
pub fn build(config: &Config) -> anyhow::Result<Client> {
    let tls = config
        .rustls_client_config()
        .context("building the TLS client configuration")?;
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(config.connect_timeout);
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http()
        .enable_http2()
        .wrap_connector(http);
    let transport = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
        .http2_only(true)
        .build(connector);
    let service = ServiceBuilder::new()
        .layer(config.base_uri_layer())
        .option_layer(config.auth_layer().context("building the auth layer")?)
        .layer(
            config
                .extra_headers_layer()
                .context("building the header layer")?,
        )
        .map_err(|err: hyper_util::client::legacy::Error| -> BoxError { Box::new(err) })
        .service(transport);
    Ok(Client::new(service, config.default_namespace.clone()))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use capstan_apiserver::tls::{server_config, TlsMaterial};
    use hyper::service::service_fn;
    use hyper_util::rt::TokioIo;
    use hyper_util::server::conn::auto;

    use crate::pki::Pki;

    /// A TLS server offering h2 and http/1.1 (as the API server does) that
    /// answers every request with the HTTP version it arrived over, and
    /// counts the connections it accepted.
    async fn version_echo_server(pki: &Pki) -> (String, Arc<AtomicUsize>) {
        let tls = server_config(&TlsMaterial {
            cert_chain_pem: pki.serving.cert_pem.clone(),
            key_pem: pki.serving.key_pem.clone(),
            client_ca_pem: pki.ca.cert_pem.clone(),
        })
        .expect("TLS configuration");
        let acceptor = tokio_rustls::TlsAcceptor::from(tls);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("https://{}", listener.local_addr().expect("address"));
        let accepted = Arc::new(AtomicUsize::new(0));
        let counter = accepted.clone();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let service =
                        service_fn(|req: http::Request<hyper::body::Incoming>| async move {
                            let body = format!("{:?}", req.version());
                            Ok::<_, std::convert::Infallible>(http::Response::new(
                                http_body_util::Full::new(bytes::Bytes::from(body)),
                            ))
                        });
                    let _ = auto::Builder::new(hyper_util::rt::TokioExecutor::new())
                        .serve_connection(TokioIo::new(tls), service)
                        .await;
                });
            }
        });
        (url, accepted)
    }

    #[tokio::test]
    async fn concurrent_requests_share_one_http2_connection() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pki = Pki::load_or_create(
            dir.path(),
            &["localhost".to_string()],
            &["127.0.0.1".parse().expect("ip")],
        )
        .expect("pki");
        let (url, accepted) = version_echo_server(&pki).await;
        let kubeconfig = crate::kubeconfig::render(&url, &pki.ca.cert_pem, &pki.admin);
        let client = crate::components::client_from_kubeconfig(&kubeconfig, "test")
            .await
            .expect("client");
        let requests = (0..20).map(|i| {
            let client = client.clone();
            async move {
                let req = http::Request::get(format!("/api/v1/namespaces/n{i}"))
                    .body(Vec::new())
                    .expect("request");
                client.request_text(req).await.expect("response")
            }
        });
        let versions = futures::future::join_all(requests).await;
        assert_eq!(versions.len(), 20);
        assert!(
            versions.iter().all(|v| v == "HTTP/2.0"),
            "versions seen: {versions:?}"
        );
        assert_eq!(accepted.load(Ordering::SeqCst), 1);
    }
}
