//! Strategies for batch/v1 resources.

pub mod cronjob;
pub mod job;
