//! The PodTemplate strategy.

use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct PodTemplateStrategy;

impl Strategy for PodTemplateStrategy {}
