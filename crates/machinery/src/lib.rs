//! Capstan machinery: the pure, I/O-free building blocks shared by the API server,
//! controllers and scheduler — the Rust counterpart of Kubernetes' apimachinery utilities.
//!
//! * [`selector`] — label and field selectors.
//! * [`validation`] — field paths, field errors and common validators.
//! * [`quantity`] — `resource.Quantity` parsing, arithmetic and formatting.
//! * [`schema`] — OpenAPI definitions with Kubernetes extensions and a compact type tree
//!   for unknown-field detection and patch metadata.
//! * [`patch`] — JSON patch, JSON merge patch and strategic merge patch.

pub mod patch;
pub mod quantity;
pub mod schema;
pub mod selector;
pub mod validation;
