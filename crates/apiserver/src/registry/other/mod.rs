//! Strategies for other API groups resources.

pub mod common;
pub mod conditions;
pub mod endpointslice;
pub mod events;
pub mod hpa;
pub mod hpa_validation;
pub mod ingress;
pub mod lease;
pub mod networkpolicy;
pub mod pdb;
pub mod priorityclass;
pub mod rbac;
pub mod runtimeclass;
pub mod storage;
#[cfg(test)]
pub mod test_support;
