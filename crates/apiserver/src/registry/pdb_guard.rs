//! The eviction subresource's PodDisruptionBudget check.

use serde_json::{json, Value};

use crate::api::Api;
use crate::context::RequestCtx;
use crate::registry::rest::{ListOptions, Part};
use crate::selectors::LabelFilter;
use crate::status::{ApiError, ApiResult};

/// Finds the budget covering `pod`; if it allows a disruption, records one in its
/// status (so concurrent evictions cannot all pass), else fails with 429.
pub async fn check_and_consume(
    api: &Api,
    ctx: &RequestCtx,
    namespace: &str,
    pod: &Value,
) -> ApiResult<()> {
    let Some(def) = api
        .catalog
        .get("policy", "v1", "poddisruptionbudgets")
        .cloned()
    else {
        return Ok(());
    };
    let page = api
        .list(&def, Some(namespace), &ListOptions::default())
        .await?;
    let labels = pod
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let mut covering = Vec::new();
    for item in page.items {
        let pdb = item.to_value(item.mod_revision);
        let Some(selector) = pdb.pointer("/spec/selector") else {
            continue;
        };
        let filter = LabelFilter::from_selector_json(selector)?;
        if filter.is_everything() && selector.as_object().is_some_and(|m| m.is_empty()) {
            // An empty selector in policy/v1 selects every pod in the namespace.
            covering.push(pdb);
        } else if !filter.is_everything() && filter.matches(&labels) {
            covering.push(pdb);
        }
    }
    match covering.len() {
        0 => return Ok(()),
        1 => {}
        _ => {
            return Err(ApiError::internal(
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
            ))
        }
    }
    let pdb = covering.remove(0);
    let name = crate::registry::meta::name(&pdb).to_string();
    let pod_name = crate::registry::meta::name(pod).to_string();
    let key = def.key(Some(namespace), &name);
    let too_many = |pdb: &Value| {
        let healthy = pdb
            .pointer("/status/currentHealthy")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let desired = pdb
            .pointer("/status/desiredHealthy")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        ApiError::too_many_requests("Cannot evict pod as it would violate the pod's disruption budget.", 10).with_cause(
            "DisruptionBudget",
            format!("The disruption budget {name} needs {desired} healthy pods and has {healthy} currently"),
            "",
        )
    };
    api.guaranteed_update(
        &def,
        ctx,
        &key,
        &name,
        None,
        |current| {
            let generation = current
                .pointer("/metadata/generation")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            let observed = current
                .pointer("/status/observedGeneration")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            let allowed = current
                .pointer("/status/disruptionsAllowed")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            if observed < generation || allowed <= 0 {
                return Err(too_many(current));
            }
            let mut next = current.clone();
            next["status"]["disruptionsAllowed"] = json!(allowed - 1);
            let disrupted = next["status"]
                .as_object_mut()
                .map(|s| s.entry("disruptedPods").or_insert_with(|| json!({})));
            if let Some(Value::Object(m)) = disrupted {
                m.insert(
                    pod_name.clone(),
                    json!(crate::registry::meta::now_rfc3339()),
                );
            }
            Ok(Some(next))
        },
        Part::Status,
    )
    .await?;
    Ok(())
}
