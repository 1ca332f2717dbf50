//! The per-resource part of the REST store: defaulting, validation, the
//! spec/status split and selectable fields, like Kubernetes' `strategy.go` files.

use std::collections::HashSet;

use capstan_machinery::validation::{self, ErrorList, NameValidator};
use serde_json::Value;

use crate::api::ApiSettings;

/// Deletion propagation policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagation {
    /// Delete dependents in the background after the owner is gone.
    Background,
    /// Delete dependents first, then the owner.
    Foreground,
    /// Leave dependents, removing their owner references.
    Orphan,
}

impl Propagation {
    /// Parse the `propagationPolicy` value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Background" => Some(Self::Background),
            "Foreground" => Some(Self::Foreground),
            "Orphan" => Some(Self::Orphan),
            _ => None,
        }
    }
}

/// Where the scale subresource reads and writes replicas.
#[derive(Clone, Copy, Debug)]
pub struct ScalePaths {
    /// JSON pointer to the desired replica count (e.g. `/spec/replicas`).
    pub spec_replicas: &'static str,
    /// JSON pointer to the observed replica count.
    pub status_replicas: &'static str,
    /// JSON pointer to the label selector (an object with matchLabels/matchExpressions,
    /// or a plain map for ReplicationControllers).
    pub selector: &'static str,
}

/// Context a strategy can consult.
#[derive(Clone, Copy, Debug)]
pub struct StrategyCtx<'a> {
    /// The namespace of the request, if any.
    pub namespace: Option<&'a str>,
    /// The requesting user's name.
    pub user: &'a str,
}

/// What an allocating strategy sees of the shared pools (service cluster IPs,
/// node ports): the server settings and the claim keys taken by other objects.
#[derive(Clone, Copy, Debug)]
pub struct PoolState<'a> {
    /// Server settings (service CIDR, node port range).
    pub settings: &'a ApiSettings,
    /// Claim keys currently held by other objects.
    pub taken: &'a HashSet<String>,
}

/// Why pool values could not be allocated.
#[derive(Clone, Debug, PartialEq)]
pub enum AllocError {
    /// A requested value is unusable (taken or out of range): a 422.
    Invalid(ErrorList),
    /// The pool has no free value left: a 500, as in Kubernetes.
    Exhausted(String),
}

/// Per-resource behaviour plugged into the generic store. All methods work on the
/// object's JSON form in the served version (already decoded and normalized).
pub trait Strategy: Send + Sync + 'static {
    /// The rule `metadata.name` must follow (DNS subdomain unless overridden).
    fn name_validator(&self) -> NameValidator {
        validation::name_is_dns_subdomain
    }

    /// Whether `metadata.generation` counts spec changes.
    fn tracks_generation(&self) -> bool {
        false
    }

    /// Whether a create may set `status` even though the resource has a status
    /// subresource (Kubernetes lets kubelets create Nodes with their status).
    fn status_on_create(&self) -> bool {
        false
    }

    /// Sets defaults (applied on create and update, like Kubernetes' defaulters).
    fn default(&self, _obj: &mut Value) {}

    /// Adjusts a new object before validation (clear status, initial phase, ...).
    fn prepare_for_create(&self, _obj: &mut Value, _ctx: &StrategyCtx<'_>) {}

    /// Adjusts an updated object before validation (e.g. keep fields users may not change).
    fn prepare_for_update(&self, _new: &mut Value, _old: &Value) {}

    /// Adjusts a status update (by default only `status` changes are kept).
    fn prepare_for_status_update(&self, _new: &mut Value, _old: &Value) {}

    /// Type-specific validation of a new object (object metadata is validated by the store).
    fn validate(&self, _obj: &Value) -> ErrorList {
        ErrorList::default()
    }

    /// Type-specific validation of an update (immutable fields, ...).
    fn validate_update(&self, new: &Value, _old: &Value) -> ErrorList {
        self.validate(new)
    }

    /// Validation of a status update.
    fn validate_status_update(&self, _new: &Value, _old: &Value) -> ErrorList {
        ErrorList::default()
    }

    /// Field selector fields beyond `metadata.name` and `metadata.namespace`.
    fn selectable_fields(&self) -> &'static [&'static str] {
        &[]
    }

    /// The value of a selectable field (only called for names in `selectable_fields`).
    fn field_value(&self, _obj: &Value, _field: &str) -> Option<String> {
        None
    }

    /// The stored version's name for a served field label, when they differ
    /// (events.k8s.io's `regarding.name` is the core `involvedObject.name`).
    fn storage_field_label(&self, _label: &str) -> Option<&'static str> {
        None
    }

    /// Where the scale subresource finds replicas.
    fn scale_paths(&self) -> Option<ScalePaths> {
        None
    }

    /// Propagation used when a delete request names none.
    fn default_propagation(&self) -> Propagation {
        Propagation::Background
    }

    /// The grace period for a delete that did not name one (`None` = delete now),
    /// or an adjusted one for a requested value.
    fn grace_period(&self, _obj: &Value, _requested: Option<i64>) -> Option<i64> {
        None
    }

    /// Whether delete answers with the object (true) or a `Status` (false).
    fn returns_deleted_object(&self) -> bool {
        false
    }

    /// Whether something besides `metadata.finalizers` keeps a terminating object
    /// (a namespace's `spec.finalizers`).
    fn blocks_removal(&self, _obj: &Value) -> bool {
        false
    }

    /// A reason to refuse a delete request with 409 Conflict (a terminating
    /// namespace whose content is still being removed).
    fn delete_conflict(&self, _obj: &Value) -> Option<String> {
        None
    }

    /// Adjusts an object being marked for deletion (e.g. a namespace's phase).
    fn prepare_for_delete(&self, _obj: &mut Value) {}

    /// Whether PUT of a missing object creates it.
    fn allow_create_on_update(&self) -> bool {
        false
    }

    /// Key prefixes of the pools this resource draws values from. The store reads
    /// the claims under them before [`Strategy::allocate`] and writes each claim
    /// key (compare-absent) in the same transaction as the object.
    fn pool_prefixes(&self) -> &'static [&'static str] {
        &[]
    }

    /// Fills in pool values of a new (`old` = None) or updated object after
    /// `prepare_for_create`/`prepare_for_update` and before validation.
    fn allocate(
        &self,
        _obj: &mut Value,
        _old: Option<&Value>,
        _pools: &PoolState<'_>,
    ) -> Result<(), AllocError> {
        Ok(())
    }

    /// The claim keys an object holds; released when it is removed or stops
    /// holding them.
    fn held_claims(&self, _obj: &Value) -> Vec<String> {
        Vec::new()
    }
}

/// A strategy with no type-specific behaviour.
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultStrategy;

impl Strategy for DefaultStrategy {}

/// Reads a string at a JSON pointer.
pub fn str_at<'a>(obj: &'a Value, pointer: &str) -> Option<&'a str> {
    obj.pointer(pointer).and_then(Value::as_str)
}
