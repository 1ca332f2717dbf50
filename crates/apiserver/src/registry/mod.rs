//! The registry: the generic REST store and one strategy per resource.

pub mod apps;
pub mod batch;
pub mod core;
pub mod meta;
pub mod other;
pub mod pdb_guard;
pub mod quota_admission;
pub mod rest;
pub mod strategy;
