//! Capstan machinery: the pure, I/O-free building blocks shared by the API server,
//! controllers and scheduler — the Rust counterpart of Kubernetes' apimachinery utilities.
//!
//! * [`selector`] — label selectors (string syntax, `metav1.LabelSelector`, matching) and
//!   field selectors.
//! * [`validation`] — field paths, field errors with Kubernetes' reasons and message
//!   shapes, and the common name/label/annotation/IP validators.
//! * [`quantity`] — `resource.Quantity` parsing, exact arithmetic and canonical printing.
//! * [`schema`] — OpenAPI v2/v3 definitions built from k8s-openapi with Kubernetes'
//!   `x-kubernetes-*` extensions, a compact type tree, unknown-field detection/pruning and
//!   duplicate-key detection.
//! * [`cron`] — CronJob schedules (`robfig/cron` syntax and next-activation search) and
//!   IANA time zone checks.
//! * [`patch`] — RFC 6902 JSON patch, RFC 7386 merge patch and strategic merge patch
//!   (apply, two-way and three-way).
//!
//! Everything that parses user input returns an error instead of panicking.

pub mod cron;
pub mod patch;
pub mod quantity;
pub mod schema;
pub mod selector;
pub mod validation;

pub use patch::{
    apply_json_patch, apply_merge_patch, create_merge_patch, create_three_way_merge_patch,
    create_two_way_merge_patch, strategic_merge_patch, JsonPatch, PatchError,
};
pub use quantity::{Format as QuantityFormat, Quantity, QuantityError};
pub use schema::{prune, set_gvk, unknown_fields, Definitions, Dialect, Node, NodeKind, TypeTree};
pub use selector::{FieldSelector, FieldSelectorError, LabelSelectorError, Selector};
pub use validation::{ErrorKind, ErrorList, FieldError, FieldPath};

#[cfg(test)]
mod robustness_tests;
