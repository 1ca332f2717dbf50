//! The StorageClass strategy.

use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct StorageClassStrategy;

impl Strategy for StorageClassStrategy {}

/// Behaviour of CSIDriver, CSINode and VolumeAttachment.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsiStrategy;

impl Strategy for CsiStrategy {}
