//! The Namespace strategy: DNS-label names, the `kubernetes.io/metadata.name`
//! label, the `kubernetes` spec finalizer and phase on create, and the
//! Terminating lifecycle (the namespace stays until `spec.finalizers` and
//! `metadata.finalizers` are both empty; `spec.finalizers` only changes through
//! the `finalize` subresource).

use capstan_machinery::validation::{
    self as v, ErrorList, FieldError, FieldPath, NameValidator, FINALIZER_KUBERNETES,
};
use serde_json::{json, Value};

use super::json::{ensure_object, items};
use crate::registry::strategy::{Strategy, StrategyCtx};

/// The label every namespace carries with its own name.
pub const NAME_LABEL: &str = "kubernetes.io/metadata.name";

/// Behaviour of this resource in the generic store.
#[derive(Clone, Copy, Debug, Default)]
pub struct NamespaceStrategy;

fn spec_finalizers(obj: &Value) -> Vec<String> {
    obj.pointer("/spec/finalizers")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// An empty phase reads as Active (Kubernetes' status defaulting).
fn default_phase(obj: &mut Value) {
    if let Some(status) = obj.get_mut("status").and_then(Value::as_object_mut) {
        let empty = status
            .get("phase")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty);
        if empty {
            status.insert("phase".into(), json!("Active"));
        }
    }
}

fn set_phase(obj: &mut Value, phase: &str) {
    if let Some(status) = ensure_object(obj, "status") {
        status.insert("phase".into(), json!(phase));
    }
}

fn validate_spec_finalizers(obj: &Value) -> ErrorList {
    let mut errs = ErrorList::new();
    let path = FieldPath::new("spec").child("finalizers");
    for (i, f) in items(obj.get("spec").unwrap_or(&Value::Null), "finalizers")
        .iter()
        .enumerate()
    {
        let name = f.as_str().unwrap_or_default();
        errs.extend(v::validate_finalizer_name(name, &path.index(i), true));
    }
    errs
}

impl Strategy for NamespaceStrategy {
    fn name_validator(&self) -> NameValidator {
        v::name_is_dns_label
    }

    fn default(&self, obj: &mut Value) {
        default_phase(obj);
        let Some(name) = obj
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
        else {
            return;
        };
        let meta = crate::registry::meta::meta_mut(obj);
        let labels = meta.entry("labels").or_insert_with(|| json!({}));
        if !labels.is_object() {
            *labels = json!({});
        }
        if let Some(labels) = labels.as_object_mut() {
            labels.insert(NAME_LABEL.into(), json!(name));
        }
    }

    fn prepare_for_create(&self, obj: &mut Value, _ctx: &StrategyCtx<'_>) {
        let mut finalizers = spec_finalizers(obj);
        if !finalizers.iter().any(|f| f == FINALIZER_KUBERNETES) {
            finalizers.push(FINALIZER_KUBERNETES.into());
        }
        if let Some(spec) = ensure_object(obj, "spec") {
            spec.insert("finalizers".into(), json!(finalizers));
        }
        if let Some(map) = obj.as_object_mut() {
            map.insert("status".into(), json!({"phase": "Active"}));
        }
    }

    fn prepare_for_update(&self, new: &mut Value, old: &Value) {
        // spec.finalizers only changes through the finalize subresource.
        let old_spec = old.get("spec").cloned().unwrap_or_else(|| json!({}));
        if let Some(map) = new.as_object_mut() {
            map.insert("spec".into(), old_spec);
        }
    }

    fn prepare_for_status_update(&self, new: &mut Value, _old: &Value) {
        if let Some(m) = new.as_object_mut() {
            m.entry("status").or_insert_with(|| json!({}));
        }
        default_phase(new);
    }

    fn validate(&self, obj: &Value) -> ErrorList {
        validate_spec_finalizers(obj)
    }

    fn validate_update(&self, new: &Value, _old: &Value) -> ErrorList {
        validate_spec_finalizers(new)
    }

    fn validate_status_update(&self, new: &Value, _old: &Value) -> ErrorList {
        // Kubernetes reports this under `status.Phase`.
        let path = FieldPath::new("status").child("Phase");
        let phase = new
            .pointer("/status/phase")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let mut errs = ErrorList::new();
        if crate::registry::meta::is_terminating(new) {
            if phase != "Terminating" {
                errs.push(FieldError::invalid(
                    &path,
                    phase,
                    "may only be 'Terminating' if `deletionTimestamp` is not empty",
                ));
            }
        } else if phase != "Active" {
            errs.push(FieldError::invalid(
                &path,
                phase,
                "may only be 'Active' if `deletionTimestamp` is empty",
            ));
        }
        errs
    }

    fn selectable_fields(&self) -> &'static [&'static str] {
        &["status.phase"]
    }

    fn field_value(&self, obj: &Value, field: &str) -> Option<String> {
        match field {
            "status.phase" => Some(
                obj.pointer("/status/phase")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            ),
            _ => None,
        }
    }

    fn returns_deleted_object(&self) -> bool {
        true
    }

    fn blocks_removal(&self, obj: &Value) -> bool {
        !spec_finalizers(obj).is_empty()
    }

    fn delete_conflict(&self, obj: &Value) -> Option<String> {
        (crate::registry::meta::is_terminating(obj) && !spec_finalizers(obj).is_empty()).then(|| {
            "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.".to_string()
        })
    }

    fn prepare_for_delete(&self, obj: &mut Value) {
        set_phase(obj, "Terminating");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn created(name: &str) -> Value {
        let mut ns = json!({"metadata": {"name": name}});
        let s = NamespaceStrategy;
        s.default(&mut ns);
        s.prepare_for_create(
            &mut ns,
            &StrategyCtx {
                namespace: None,
                user: "u",
            },
        );
        ns
    }

    #[test]
    fn create_sets_label_finalizer_and_phase() {
        let ns = created("team-a");
        assert_eq!(ns["metadata"]["labels"][NAME_LABEL], "team-a");
        assert_eq!(ns["spec"]["finalizers"], json!(["kubernetes"]));
        assert_eq!(ns["status"]["phase"], "Active");
        assert!(NamespaceStrategy.validate(&ns).is_empty());
        assert!(NamespaceStrategy.blocks_removal(&ns));
    }

    #[test]
    fn names_are_dns_labels() {
        let check = NamespaceStrategy.name_validator();
        assert!(check("team-a", false).is_empty());
        assert!(!check("team.a", false).is_empty());
    }

    #[test]
    fn main_update_keeps_spec_finalizers() {
        let old = created("a");
        let mut new = old.clone();
        new["spec"]["finalizers"] = json!([]);
        NamespaceStrategy.prepare_for_update(&mut new, &old);
        assert_eq!(new["spec"]["finalizers"], json!(["kubernetes"]));
    }

    #[test]
    fn delete_marks_terminating_and_finalize_unblocks() {
        let mut ns = created("a");
        NamespaceStrategy.prepare_for_delete(&mut ns);
        assert_eq!(ns["status"]["phase"], "Terminating");
        assert_eq!(
            NamespaceStrategy
                .field_value(&ns, "status.phase")
                .as_deref(),
            Some("Terminating")
        );
        ns["spec"]["finalizers"] = json!([]);
        assert!(!NamespaceStrategy.blocks_removal(&ns));
    }

    #[test]
    fn status_phase_follows_deletion() {
        let ns = created("a");
        assert!(NamespaceStrategy
            .validate_status_update(&ns, &ns)
            .is_empty());
        let mut bad = ns.clone();
        bad["status"]["phase"] = json!("Terminating");
        let errs = NamespaceStrategy.validate_status_update(&bad, &ns);
        assert_eq!(errs.0[0].field, "status.Phase");
        bad["metadata"]["deletionTimestamp"] = json!("2024-01-01T00:00:00Z");
        assert!(NamespaceStrategy
            .validate_status_update(&bad, &ns)
            .is_empty());
    }

    #[test]
    fn finalizer_names_are_validated() {
        let mut ns = created("a");
        ns["spec"]["finalizers"] = json!(["not a name!"]);
        let errs = NamespaceStrategy.validate_update(&ns, &ns);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs.0[0].field, "spec.finalizers[0]");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn lifecycle_through_the_store() {
        use crate::context::RequestCtx;
        use crate::registry::core::test_api::{api, decoded, def};
        use crate::registry::rest::{DeleteOptions, DeleteOutcome, Part};

        let dir = tempfile::tempdir().expect("tempdir");
        let api = api(Default::default(), dir.path()).await;
        let (ns_def, cm_def) = (def(&api, "namespaces"), def(&api, "configmaps"));
        let ctx = RequestCtx::system();
        let ns = decoded(
            &ns_def,
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team"}}),
        );
        api.create(&ns_def, &ctx, None, ns).await.expect("create");
        let outcome = api
            .delete(&ns_def, &ctx, None, "team", &DeleteOptions::default())
            .await
            .expect("delete");
        let DeleteOutcome::Pending(terminating) = outcome else {
            panic!("a namespace with spec.finalizers must stay");
        };
        assert_eq!(terminating["status"]["phase"], "Terminating");
        assert!(terminating["metadata"]["deletionTimestamp"].is_string());
        let cm = decoded(
            &cm_def,
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}),
        );
        let err = api
            .create(&cm_def, &ctx, Some("team"), cm)
            .await
            .expect_err("terminating");
        assert_eq!(err.code, 403);
        // A main-resource update cannot drop spec.finalizers...
        let mut cleared = terminating.clone();
        cleared["spec"]["finalizers"] = json!([]);
        let (kept, _) = api
            .update(&ns_def, &ctx, None, "team", cleared.clone(), Part::Main)
            .await
            .expect("update");
        assert_eq!(kept["spec"]["finalizers"], json!(["kubernetes"]));
        // ...but the finalize subresource can, and then the namespace goes away.
        if let Some(m) = cleared["metadata"].as_object_mut() {
            m.remove("resourceVersion");
        }
        api.update(&ns_def, &ctx, None, "team", cleared, Part::Finalize)
            .await
            .expect("finalize");
        let err = api.get(&ns_def, None, "team").await.expect_err("gone");
        assert_eq!(err.code, 404);
    }
}
