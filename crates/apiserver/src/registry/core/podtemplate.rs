//! The PodTemplate strategy: the template is defaulted and validated like any
//! pod template, and the generation tracks template changes.

use capstan_machinery::validation::{ErrorList, FieldPath};
use serde_json::{json, Value};

use super::pod_spec::{default_pod_template, validate_pod_template};
use crate::registry::strategy::Strategy;

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct PodTemplateStrategy;

impl Strategy for PodTemplateStrategy {
    fn tracks_generation(&self) -> bool {
        true
    }

    fn default(&self, obj: &mut Value) {
        if let Some(t) = obj.get_mut("template").filter(|t| !t.is_null()) {
            default_pod_template(t);
        }
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        let empty = json!({});
        let template = obj
            .get("template")
            .filter(|t| !t.is_null())
            .unwrap_or(&empty);
        validate_pod_template(template, &FieldPath::new("template"))
    }

    fn returns_deleted_object(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_defaulted_and_validated() {
        let mut o =
            json!({"template": {"spec": {"containers": [{"name": "c", "image": "nginx:1"}]}}});
        PodTemplateStrategy.default(&mut o);
        assert_eq!(o["template"]["spec"]["dnsPolicy"], "ClusterFirst");
        assert!(PodTemplateStrategy.validate(&o).is_empty());
        let errs = PodTemplateStrategy.validate(&json!({}));
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"template.spec.containers"), "{fields:?}");
    }
}
