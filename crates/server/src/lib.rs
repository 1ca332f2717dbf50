//! Capstan server.
