//! Strategies for other API groups resources.

pub mod common;
pub mod endpointslice;
pub mod events;
pub mod hpa;
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
