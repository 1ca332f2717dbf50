//! Subresources: status, scale, namespace finalize, pod binding and eviction,
//! service account tokens.

use std::sync::Arc;

use http::{header, Request, StatusCode};
use hyper::body::Incoming;
use serde_json::{json, Value};

use super::body;
use super::negotiate::{self, BodyType};
use super::query::Query;
use super::resource::{self, output_format};
use super::response::{self, Resp};
use crate::api::Api;
use crate::context::RequestCtx;
use crate::registry::meta;
use crate::registry::rest::{DeleteOutcome, Part};
use crate::request_info::{RequestInfo, Verb};
use crate::resource::ResourceDef;
use crate::selectors::LabelFilter;
use crate::status::{success_status, ApiError, ApiResult};

/// Serves a subresource request.
#[allow(clippy::too_many_arguments)]
pub async fn handle(
    api: &Arc<Api>,
    def: &Arc<ResourceDef>,
    info: &RequestInfo,
    sub: &str,
    req: Request<Incoming>,
    query: &Query,
    accept: Option<&str>,
    ctx: &RequestCtx,
) -> ApiResult<Resp> {
    let ns = info.namespace.as_deref();
    let name = info.name.as_deref().unwrap_or_default();
    let output = negotiate::negotiate(accept)?;
    let not_allowed = || ApiError::method_not_supported(def.qualified(), info.verb.as_str());
    match sub {
        "status" if def.status_subresource => match info.verb {
            Verb::Get => Ok(resource::render_one(
                def,
                &api.get(def, ns, name).await?,
                output,
                query,
                StatusCode::OK,
            )),
            Verb::Update => {
                let obj = resource::read_object(api, def, req, ctx).await?;
                let (updated, _) = api.update(def, ctx, ns, name, obj, Part::Status).await?;
                Ok(resource::render_one(
                    def,
                    &updated,
                    output,
                    query,
                    StatusCode::OK,
                ))
            }
            Verb::Patch => {
                let patched =
                    resource::patch_object(api, def, ns, name, req, ctx, Part::Status).await?;
                Ok(resource::render_one(
                    def,
                    &patched,
                    output,
                    query,
                    StatusCode::OK,
                ))
            }
            _ => Err(not_allowed()),
        },
        "finalize" if def.plural == "namespaces" => match info.verb {
            Verb::Update => {
                let obj = resource::read_object(api, def, req, ctx).await?;
                let (updated, _) = api
                    .update(def, ctx, None, name, obj, Part::Finalize)
                    .await?;
                Ok(resource::render_one(
                    def,
                    &updated,
                    output,
                    query,
                    StatusCode::OK,
                ))
            }
            _ => Err(not_allowed()),
        },
        "scale" if def.scale_subresource => scale(api, def, info, req, ctx, output).await,
        "binding" if def.plural == "pods" => match info.verb {
            Verb::Create => bind(api, def, ns, name, req, ctx).await,
            _ => Err(not_allowed()),
        },
        "eviction" if def.plural == "pods" => match info.verb {
            Verb::Create => evict(api, def, ns, name, req, ctx).await,
            _ => Err(not_allowed()),
        },
        "token" if def.plural == "serviceaccounts" => match info.verb {
            Verb::Create => {
                super::token::create(api, ns.unwrap_or_default(), name, req, ctx, output).await
            }
            _ => Err(not_allowed()),
        },
        _ => Err(ApiError::path_not_found()),
    }
}

fn scale_of(def: &ResourceDef, obj: &Value) -> ApiResult<Value> {
    let paths = def
        .strategy
        .scale_paths()
        .ok_or_else(|| ApiError::internal(format!("{} has no scale paths", def.plural)))?;
    let spec = obj
        .pointer(paths.spec_replicas)
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let status = obj
        .pointer(paths.status_replicas)
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let selector = match obj.pointer(paths.selector) {
        Some(sel) => LabelFilter::from_selector_json(sel)?.to_string(),
        None => String::new(),
    };
    let meta = obj.get("metadata").cloned().unwrap_or_else(|| json!({}));
    let keep = [
        "name",
        "namespace",
        "uid",
        "resourceVersion",
        "creationTimestamp",
    ];
    let meta: serde_json::Map<String, Value> = meta
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| keep.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut status_obj = json!({ "replicas": status });
    if !selector.is_empty() {
        status_obj["selector"] = json!(selector);
    }
    Ok(json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": meta,
        "spec": { "replicas": spec },
        "status": status_obj,
    }))
}

async fn scale(
    api: &Arc<Api>,
    def: &Arc<ResourceDef>,
    info: &RequestInfo,
    req: Request<Incoming>,
    ctx: &RequestCtx,
    output: negotiate::Output,
) -> ApiResult<Resp> {
    let ns = info.namespace.as_deref();
    let name = info.name.as_deref().unwrap_or_default();
    let format = output_format(output);
    let paths = def
        .strategy
        .scale_paths()
        .ok_or_else(ApiError::path_not_found)?;
    match info.verb {
        Verb::Get => {
            let obj = api.get(def, ns, name).await?;
            Ok(response::value(
                StatusCode::OK,
                &scale_of(def, &obj)?,
                format,
            ))
        }
        Verb::Update | Verb::Patch => {
            let content_type = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let kind = negotiate::body_type(content_type.as_deref())?;
            let bytes = body::read(req.into_body(), api.settings.max_body_bytes).await?;
            let input = body::parse(&bytes, kind, ctx)?;
            let is_patch = info.verb == Verb::Patch;
            if is_patch == matches!(kind, BodyType::Json | BodyType::Yaml | BodyType::Protobuf) {
                return Err(ApiError::unsupported_media_type(
                    content_type.as_deref().unwrap_or_default(),
                ));
            }
            let key = def.key(ns, name);
            let updated = api
                .guaranteed_update(
                    def,
                    ctx,
                    &key,
                    name,
                    None,
                    |current| {
                        let current_scale = scale_of(def, current)?;
                        let desired = if is_patch {
                            crate::patch::apply_untyped(
                                kind,
                                &current_scale,
                                &input,
                                "io.k8s.api.autoscaling.v1.Scale",
                                &api.schemas,
                            )?
                        } else {
                            input.clone()
                        };
                        let replicas = match desired.pointer("/spec/replicas") {
                            None | Some(Value::Null) => 0,
                            Some(v) => v.as_i64().ok_or_else(|| {
                                ApiError::bad_request(
                                    "Scale.spec.replicas must be an integer".to_string(),
                                )
                            })?,
                        };
                        if replicas < 0 {
                            let errors = capstan_machinery::validation::ErrorList(vec![
                                capstan_machinery::validation::FieldError::invalid(
                                    &capstan_machinery::validation::FieldPath::new("spec.replicas"),
                                    json!(replicas),
                                    "must be greater than or equal to 0",
                                ),
                            ]);
                            return Err(ApiError::invalid("Scale", "autoscaling", name, &errors));
                        }
                        let mut next = current.clone();
                        if let Some(rv) = desired
                            .pointer("/metadata/resourceVersion")
                            .and_then(Value::as_str)
                        {
                            if !rv.is_empty() {
                                meta::meta_mut(&mut next)
                                    .insert("resourceVersion".into(), json!(rv));
                            }
                        }
                        set_pointer(&mut next, paths.spec_replicas, json!(replicas));
                        Ok(Some(next))
                    },
                    Part::Main,
                )
                .await?;
            Ok(response::value(
                StatusCode::OK,
                &scale_of(def, &updated)?,
                format,
            ))
        }
        _ => Err(ApiError::method_not_supported(
            def.qualified(),
            info.verb.as_str(),
        )),
    }
}

/// Sets a value at a JSON pointer, creating objects along the way.
pub fn set_pointer(obj: &mut Value, pointer: &str, value: Value) {
    let mut cur = obj;
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        if !cur.is_object() {
            *cur = json!({});
        }
        let Some(map) = cur.as_object_mut() else {
            return;
        };
        if i == parts.len() - 1 {
            map.insert((*part).to_string(), value);
            return;
        }
        cur = map.entry((*part).to_string()).or_insert_with(|| json!({}));
    }
}

async fn bind(
    api: &Arc<Api>,
    def: &Arc<ResourceDef>,
    ns: Option<&str>,
    name: &str,
    req: Request<Incoming>,
    ctx: &RequestCtx,
) -> ApiResult<Resp> {
    let bytes = body::read(req.into_body(), api.settings.max_body_bytes).await?;
    let binding = body::parse(&bytes, BodyType::Json, ctx)?;
    let node = binding
        .pointer("/target/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if node.is_empty() {
        let errors = capstan_machinery::validation::ErrorList(vec![
            capstan_machinery::validation::FieldError::required(
                &capstan_machinery::validation::FieldPath::new("target.name"),
                "",
            ),
        ]);
        return Err(ApiError::invalid("Binding", "", name, &errors));
    }
    if ctx.dry_run {
        return Ok(response::value(
            StatusCode::CREATED,
            &success_status(name, "", "pods", None),
            response::Format::Json,
        ));
    }
    let key = def.key(ns, name);
    let uid_pre = binding
        .pointer("/metadata/uid")
        .and_then(Value::as_str)
        .map(str::to_string);
    api.guaranteed_update(
        def,
        ctx,
        &key,
        name,
        None,
        |current| {
            if let Some(uid) = &uid_pre {
                if meta::meta_str(current, "uid") != Some(uid.as_str()) {
                    return Err(ApiError::conflict(def.qualified(), name, "the UID in the binding does not match the pod"));
                }
            }
            if meta::is_terminating(current) {
                return Err(ApiError::conflict(def.qualified(), name, "pod is being deleted, cannot be assigned to a host"));
            }
            if let Some(existing) = current.pointer("/spec/nodeName").and_then(Value::as_str).filter(|n| !n.is_empty()) {
                return Err(ApiError::conflict(
                    def.qualified(),
                    name,
                    format!("pod {name} is already assigned to node {existing:?}"),
                ));
            }
            let mut next = current.clone();
            set_pointer(&mut next, "/spec/nodeName", json!(node));
            let cond = json!({"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": meta::now_rfc3339()});
            let conds = next
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|c| c["type"] != "PodScheduled")
                .chain(std::iter::once(cond))
                .collect::<Vec<_>>();
            set_pointer(&mut next, "/status/conditions", Value::Array(conds));
            Ok(Some(next))
        },
        Part::System,
    )
    .await?;
    Ok(response::value(
        StatusCode::CREATED,
        &success_status(name, "", "pods", None),
        response::Format::Json,
    ))
}

async fn evict(
    api: &Arc<Api>,
    def: &Arc<ResourceDef>,
    ns: Option<&str>,
    name: &str,
    req: Request<Incoming>,
    ctx: &RequestCtx,
) -> ApiResult<Resp> {
    let bytes = body::read(req.into_body(), api.settings.max_body_bytes).await?;
    let eviction = body::parse(&bytes, BodyType::Json, ctx)?;
    let pod = api.get(def, ns, name).await?;
    let namespace = ns.unwrap_or_default();
    let terminal = matches!(
        pod.pointer("/status/phase").and_then(Value::as_str),
        Some("Succeeded" | "Failed")
    );
    if !terminal && !meta::is_terminating(&pod) {
        crate::registry::pdb_guard::check_and_consume(api, ctx, namespace, &pod).await?;
    }
    let mut opts = crate::registry::rest::DeleteOptions::default();
    if let Some(g) = eviction
        .pointer("/deleteOptions/gracePeriodSeconds")
        .and_then(Value::as_i64)
    {
        opts.grace_period_seconds = Some(g);
    }
    if let Some(uid) = eviction
        .pointer("/deleteOptions/preconditions/uid")
        .and_then(Value::as_str)
    {
        opts.precondition_uid = Some(uid.to_string());
    }
    match api.delete(def, ctx, ns, name, &opts).await? {
        DeleteOutcome::Deleted(_) | DeleteOutcome::Pending(_) => {}
    }
    Ok(response::value(
        StatusCode::CREATED,
        &success_status(name, "", "pods", None),
        response::Format::Json,
    ))
}
