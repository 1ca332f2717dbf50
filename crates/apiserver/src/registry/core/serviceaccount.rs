//! The ServiceAccount strategy. Kubernetes validates nothing beyond object
//! metadata for ServiceAccounts (the name is a DNS subdomain, checked by the
//! store); a delete answers with the deleted object.

use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServiceAccountStrategy;

impl Strategy for ServiceAccountStrategy {
    fn returns_deleted_object(&self) -> bool {
        true
    }
}
