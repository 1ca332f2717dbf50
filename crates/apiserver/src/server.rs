//! The HTTPS listener: accepts connections, terminates TLS, authenticates and
//! hands requests to the router.

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http::header;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use crate::context::UserInfo;
use crate::http::Server;
use crate::tls::{self, TlsMaterial};

/// Static bearer tokens and the users they stand for.
pub type TokenMap = HashMap<String, UserInfo>;

/// Why a bearer token was refused by the authenticator that recognised it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TokenRejected(pub String);

/// Authenticates bearer tokens that are not in the static map (e.g. service
/// account tokens).
#[async_trait::async_trait]
pub trait TokenAuthenticator: Send + Sync {
    /// The user a token belongs to: `Ok(None)` when the token is not one this
    /// authenticator issues (others may try it), an error when it is one but
    /// is not valid (expired, tampered with, revoked).
    async fn authenticate(&self, token: &str) -> Result<Option<UserInfo>, TokenRejected>;
}

/// Listener settings.
pub struct ListenConfig {
    /// Address to bind.
    pub bind: SocketAddr,
    /// TLS material.
    pub tls: TlsMaterial,
    /// Static tokens.
    pub tokens: TokenMap,
    /// Extra token authenticators.
    pub token_authenticators: Vec<Arc<dyn TokenAuthenticator>>,
}

impl std::fmt::Debug for ListenConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListenConfig")
            .field("bind", &self.bind)
            .finish_non_exhaustive()
    }
}

/// Errors starting the listener.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Binding failed.
    #[error("binding {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// TLS configuration failed.
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
}

/// A bound listener, ready to serve.
pub struct Listener {
    listener: TcpListener,
    acceptor: TlsAcceptor,
    auth: Arc<Authn>,
}

struct Authn {
    tokens: TokenMap,
    authenticators: Vec<Arc<dyn TokenAuthenticator>>,
}

/// The bearer token of a request, if it carries one.
fn bearer_token(req: &http::Request<hyper::body::Incoming>) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|auth| auth.strip_prefix("Bearer "))
        .map(|token| token.trim().to_string())
}

impl Authn {
    /// The authenticated user: the bearer token's when one is sent (static
    /// tokens first, then each authenticator), else the client certificate's.
    /// Every authenticated user is in `system:authenticated`.
    async fn user(&self, token: Option<&str>, cert_user: &Option<UserInfo>) -> Option<UserInfo> {
        let user = match token {
            Some(token) => self.token_user(token).await,
            None => cert_user.clone(),
        };
        user.map(UserInfo::with_authenticated_group)
    }

    async fn token_user(&self, token: &str) -> Option<UserInfo> {
        if let Some(user) = self.tokens.get(token) {
            return Some(user.clone());
        }
        for authenticator in &self.authenticators {
            match authenticator.authenticate(token).await {
                Ok(Some(user)) => return Some(user),
                Ok(None) => {}
                Err(err) => {
                    tracing::debug!(error = %err, "bearer token rejected");
                    return None;
                }
            }
        }
        None
    }
}

impl Listener {
    /// Binds the address and prepares TLS.
    pub async fn bind(config: ListenConfig) -> Result<Self, ServeError> {
        let tls_config = tls::server_config(&config.tls)?;
        let listener = TcpListener::bind(config.bind)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.bind,
                source,
            })?;
        Ok(Self {
            listener,
            acceptor: TlsAcceptor::from(tls_config),
            auth: Arc::new(Authn {
                tokens: config.tokens,
                authenticators: config.token_authenticators,
            }),
        })
    }

    /// The bound address.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes.
    pub async fn serve(self, server: Arc<Server>, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            let accepted = tokio::select! {
                _ = &mut shutdown => break,
                accepted = self.listener.accept() => accepted,
            };
            let (stream, peer) = match accepted {
                Ok(x) => x,
                Err(err) => {
                    tracing::warn!(error = %err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let acceptor = self.acceptor.clone();
            let server = server.clone();
            let auth = self.auth.clone();
            tokio::spawn(async move {
                let tls =
                    match tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream))
                        .await
                    {
                        Ok(Ok(tls)) => tls,
                        Ok(Err(err)) => {
                            tracing::debug!(%peer, error = %err, "TLS handshake failed");
                            return;
                        }
                        Err(_) => return,
                    };
                let cert_user = tls
                    .get_ref()
                    .1
                    .peer_certificates()
                    .and_then(|certs| certs.first())
                    .and_then(|c| tls::user_from_certificate(c.as_ref()));
                let service = service_fn(move |req| {
                    let server = server.clone();
                    let auth = auth.clone();
                    let cert_user = cert_user.clone();
                    let token = bearer_token(&req);
                    async move {
                        let user = auth.user(token.as_deref(), &cert_user).await;
                        Ok::<_, std::convert::Infallible>(server.handle(req, user).await)
                    }
                });
                let mut builder = auto::Builder::new(TokioExecutor::new());
                builder.http2().max_concurrent_streams(1000);
                if let Err(err) = builder.serve_connection(TokioIo::new(tls), service).await {
                    tracing::debug!(%peer, error = %err, "connection ended with an error");
                }
            });
        }
    }
}
