//! The HTTP layer: routing requests to discovery, OpenAPI, health and resource
//! handlers.

pub mod access_review;
pub mod body;
pub mod negotiate;
pub mod oidc;
pub mod query;
pub mod resource;
pub mod response;
pub mod review;
pub mod subresource;
pub mod token;
pub mod watch;

use std::sync::Arc;
use std::time::Instant;

use http::{header, HeaderValue, Method, Request, StatusCode};
use hyper::body::Incoming;

use crate::api::Api;
use crate::context::UserInfo;
use crate::discovery;
use crate::openapi::OpenApi;
use crate::request_info::{route, Route};
use crate::status::ApiError;
use response::{Format, Resp};

/// Everything a request handler needs.
pub struct Server {
    /// API state.
    pub api: Arc<Api>,
    /// OpenAPI documents.
    pub openapi: OpenApi,
    /// `host:port` advertised in `/api`.
    pub advertise_address: String,
    /// Health checks beyond the API's own.
    pub ready: Arc<dyn Fn() -> bool + Send + Sync>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("advertise_address", &self.advertise_address)
            .finish_non_exhaustive()
    }
}

/// Paths anonymous clients may read.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/healthz" | "/livez" | "/readyz" | "/version" | "/version/"
    ) || path.starts_with("/healthz/")
        || path.starts_with("/livez/")
        || path.starts_with("/readyz/")
}

impl Server {
    /// Serves one request from `user` (None when unauthenticated).
    pub async fn handle(self: Arc<Self>, req: Request<Incoming>, user: Option<UserInfo>) -> Resp {
        let started = Instant::now();
        let method = req.method().clone();
        let path = req.uri().path().to_string();
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let resp = match user {
            Some(user) => self.route(req, user).await,
            None if is_public(&path) => {
                self.route(
                    req,
                    UserInfo::named("system:anonymous", vec!["system:unauthenticated".into()]),
                )
                .await
            }
            None => response::error(&ApiError::unauthorized()),
        };
        tracing::debug!(%method, %path, status = resp.status().as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, user_agent, "request");
        resp
    }

    async fn route(&self, req: Request<Incoming>, requester: UserInfo) -> Resp {
        let user = match crate::authz::impersonation::effective_user(
            &self.api.authorizer,
            requester,
            req.headers(),
        ) {
            Ok(user) => user,
            Err(err) => return response::error(&err),
        };
        let path = req.uri().path().to_string();
        let watch_param = req.uri().query().is_some_and(|q| {
            form_urlencoded::parse(q.as_bytes())
                .any(|(k, v)| k == "watch" && (v == "true" || v == "1"))
        });
        let accept = req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let route = route(req.method(), &path, watch_param);
        let attrs = match &route {
            Route::Resource(info) => crate::authz::resource_attributes(info),
            _ => crate::authz::path_attributes(req.method(), &path),
        };
        if !self.api.authorizer.authorize(&user, &attrs).allowed {
            return response::error(&crate::authz::forbidden(&user, &attrs));
        }
        match route {
            Route::Resource(info) => resource::handle(self.api.clone(), info, req, user).await,
            Route::ApiVersions if req.method() == Method::GET => {
                if let Some(v) = discovery::wants_aggregated(accept.as_deref()) {
                    return aggregated(discovery::aggregated(&self.api.catalog, true, v), v);
                }
                response::value(
                    StatusCode::OK,
                    &discovery::api_versions(&self.advertise_address),
                    Format::Json,
                )
            }
            Route::ApiGroups if req.method() == Method::GET => {
                if let Some(v) = discovery::wants_aggregated(accept.as_deref()) {
                    return aggregated(discovery::aggregated(&self.api.catalog, false, v), v);
                }
                response::value(
                    StatusCode::OK,
                    &discovery::api_group_list(&self.api.catalog),
                    Format::Json,
                )
            }
            Route::ApiGroup(group) if req.method() == Method::GET => {
                match discovery::api_group(&self.api.catalog, &group) {
                    Some(v) => response::value(StatusCode::OK, &v, Format::Json),
                    None => response::error(&ApiError::path_not_found()),
                }
            }
            Route::ApiResources { group, version } if req.method() == Method::GET => {
                match discovery::api_resource_list(&self.api.catalog, &group, &version) {
                    Some(v) => response::value(StatusCode::OK, &v, Format::Json),
                    None => response::error(&ApiError::path_not_found()),
                }
            }
            Route::ApiVersions
            | Route::ApiGroups
            | Route::ApiGroup(_)
            | Route::ApiResources { .. } => response::error(&ApiError::method_not_supported(
                crate::status::Qualified {
                    group: "",
                    resource: "",
                },
                req.method().as_str(),
            )),
            Route::Other => self.non_resource(req).await,
        }
    }

    async fn non_resource(&self, req: Request<Incoming>) -> Resp {
        let path = req.uri().path().trim_end_matches('/').to_string();
        let verbose = req.uri().query().is_some_and(|q| {
            q.split('&')
                .any(|p| p == "verbose" || p.starts_with("verbose="))
        });
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return response::error(&ApiError::path_not_found());
        }
        match path.as_str() {
            "/version" => response::value(StatusCode::OK, &crate::version::info(), Format::Json),
            "/healthz" | "/livez" | "/readyz" => {
                let ready = path != "/readyz" || (self.ready)();
                health(ready, verbose, &path)
            }
            p if p.starts_with("/healthz/")
                || p.starts_with("/livez/")
                || p.starts_with("/readyz/") =>
            {
                response::text(StatusCode::OK, "ok")
            }
            oidc::CONFIGURATION_PATH | oidc::JWKS_PATH => match &self.api.settings.token_issuer {
                Some(issuer) if path == oidc::JWKS_PATH => oidc::jwks(issuer),
                Some(issuer) => oidc::configuration(issuer, &self.advertise_address),
                None => response::error(&ApiError::path_not_found()),
            },
            "/openapi/v2" => self.openapi.v2(&req),
            "/openapi/v3" => self.openapi.v3_root(),
            p if p.starts_with("/openapi/v3/") => self
                .openapi
                .v3_group_version(&p["/openapi/v3/".len()..], &req),
            "" => {
                let paths = serde_json::json!({"paths": ["/.well-known/openid-configuration", "/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/openid/v1/jwks", "/readyz", "/version"]});
                response::value(StatusCode::OK, &paths, Format::Json)
            }
            _ => response::error(&ApiError::path_not_found()),
        }
    }
}

fn aggregated(doc: serde_json::Value, version: &str) -> Resp {
    let ct = if version == "v2" {
        discovery::AGGREGATED_V2
    } else {
        discovery::AGGREGATED_V2BETA1
    };
    let etag = discovery::etag(&doc);
    let mut resp = response::json_with_type(&doc, ct);
    if let Ok(v) = HeaderValue::from_str(&etag) {
        resp.headers_mut().insert(header::ETAG, v);
    }
    resp.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    resp
}

fn health(ok: bool, verbose: bool, path: &str) -> Resp {
    let check = path.trim_start_matches('/');
    if verbose {
        let mark = if ok { "+" } else { "-" };
        let body = format!(
            "[+]ping ok\n[+]etcd ok\n{mark}informer-sync {}\n{check} check {}\n",
            if ok { "ok" } else { "failed" },
            if ok { "passed" } else { "failed" }
        );
        return response::text(
            if ok {
                StatusCode::OK
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            },
            body,
        );
    }
    if ok {
        response::text(StatusCode::OK, "ok")
    } else {
        response::text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{check} check failed"),
        )
    }
}
