//! The Ingress strategy.

use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct IngressStrategy;

impl Strategy for IngressStrategy {}

/// Behaviour of IngressClass.
#[derive(Clone, Copy, Debug, Default)]
pub struct IngressClassStrategy;

impl Strategy for IngressClassStrategy {}
