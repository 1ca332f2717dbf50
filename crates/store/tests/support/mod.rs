//! Shared test support: the reference model, scenario runner and an etcd launcher.
#![allow(dead_code)]

pub mod etcd;
pub mod model;
pub mod scenario;
