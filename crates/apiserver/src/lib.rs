//! Capstan API server: a Kubernetes 1.33 compatible REST API.
//!
//! A request flows: [`server`] (TLS, authentication) → [`http`] (routing,
//! content negotiation) → [`registry::rest`] (the generic REST store) with the
//! resource's [`registry::strategy::Strategy`] → [`capstan_store::Store`]. Lists
//! and watches are served from the [`watch_cache`].

// `ApiError` carries a full Kubernetes `Status` (message, details, causes); it is
// only built on the error path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod authz;
pub mod bootstrap;
pub mod builtins;
pub mod catalog;
pub mod context;
pub mod discovery;
pub mod http;
pub mod memory;
pub mod openapi;
pub mod patch;
pub mod printers;
pub mod registry;
pub mod request_info;
pub mod resource;
pub mod schema;
pub mod selectors;
pub mod server;
pub mod serviceaccount;
pub mod status;
pub mod tls;
pub mod validation;
pub mod version;
pub mod watch_cache;

pub use api::{Api, ApiSettings};
