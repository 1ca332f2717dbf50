//! Capstan server: turns a [`config::ServerConfig`] into a running control
//! plane — store, API server, and the controllers and scheduler as API clients.

pub mod components;
pub mod config;
pub mod http2_client;
pub mod kubeconfig;
pub mod netutil;
pub mod pki;
pub mod run;
