//! The StatefulSet strategy.

use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct StatefulSetStrategy;

impl Strategy for StatefulSetStrategy {}
