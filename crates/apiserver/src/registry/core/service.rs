//! The Service strategy.

use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServiceStrategy;

impl Strategy for ServiceStrategy {}
