//! Handlers for resource requests: the standard verbs and their output shapes.

use std::sync::Arc;

use http::{header, Request, StatusCode};
use hyper::body::Incoming;
use serde_json::{json, Value};

use super::body;
use super::negotiate::{self, BodyType, Output};
use super::query::Query;
use super::response::{self, Format, Resp};
use super::subresource;
use super::watch;
use crate::api::Api;
use crate::context::{RequestCtx, UserInfo};
use crate::printers::{self, IncludeObject};
use crate::registry::rest::{DeleteOptions, DeleteOutcome, ListOptions, ListPage, Part};
use crate::registry::strategy::Propagation;
use crate::request_info::{RequestInfo, Verb};
use crate::resource::ResourceDef;
use crate::selectors::{FieldFilter, LabelFilter};
use crate::status::{success_status, ApiError, ApiResult};

/// Serves one resource request.
pub async fn handle(
    api: Arc<Api>,
    info: RequestInfo,
    req: Request<Incoming>,
    user: UserInfo,
) -> Resp {
    let query = Query::parse(req.uri().query());
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let ctx = match build_ctx(&query, user) {
        Ok(ctx) => ctx,
        Err(err) => return response::error(&err),
    };
    let result = dispatch(&api, &info, req, &query, accept.as_deref(), &ctx).await;
    let mut resp = match result {
        Ok(resp) => resp,
        Err(err) => response::error(&err),
    };
    let warnings = ctx.warnings.lock().clone();
    response::add_warnings(&mut resp, &warnings);
    resp
}

fn build_ctx(query: &Query, user: UserInfo) -> ApiResult<RequestCtx> {
    Ok(RequestCtx {
        user,
        dry_run: query.dry_run()?,
        field_manager: query.get("fieldManager").map(str::to_string),
        field_validation: query.field_validation()?,
        warnings: Default::default(),
    })
}

async fn dispatch(
    api: &Arc<Api>,
    info: &RequestInfo,
    req: Request<Incoming>,
    query: &Query,
    accept: Option<&str>,
    ctx: &RequestCtx,
) -> ApiResult<Resp> {
    let def = api
        .catalog
        .get(&info.group, &info.version, &info.resource)
        .cloned()
        .ok_or_else(ApiError::path_not_found)?;
    if def.namespaced != info.namespace.is_some() && info.name.is_some() {
        return Err(ApiError::path_not_found());
    }
    if !def.namespaced && info.namespace.is_some() {
        return Err(ApiError::path_not_found());
    }
    if let Some(sub) = &info.subresource {
        return subresource::handle(api, &def, info, sub, req, query, accept, ctx).await;
    }
    if !def.allows(info.verb.as_str()) {
        return Err(ApiError::method_not_supported(
            def.qualified(),
            info.verb.as_str(),
        ));
    }
    let ns = info.namespace.as_deref();
    let output = negotiate::negotiate(accept)?;
    match info.verb {
        Verb::Get => {
            let name = info.name.as_deref().unwrap_or_default();
            let obj = api.get(&def, ns, name).await?;
            Ok(render_one(&def, &obj, output, query, StatusCode::OK))
        }
        Verb::List => {
            let opts = list_options(&def, query)?;
            let page = api.list(&def, ns, &opts).await?;
            Ok(render_list(api, &def, page, output, query))
        }
        Verb::Watch => {
            let mut opts = list_options(&def, query)?;
            if let Some(name) = &info.name {
                opts.fields = FieldFilter::parse(&format!("metadata.name={name}"), &def)?;
            }
            watch::serve(
                api.clone(),
                def,
                info.namespace.clone(),
                opts,
                query,
                output,
            )
            .await
        }
        Verb::Create if !def.stored => {
            super::review::create(api, &def, info.namespace.as_deref(), req, ctx, output).await
        }
        Verb::Create => {
            let content_type = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let kind = negotiate::body_type(content_type.as_deref())?;
            if !matches!(kind, BodyType::Json | BodyType::Yaml | BodyType::Protobuf) {
                return Err(ApiError::unsupported_media_type(
                    content_type.as_deref().unwrap_or_default(),
                ));
            }
            let bytes = body::read(req.into_body(), api.settings.max_body_bytes).await?;
            let value = body::parse(&bytes, kind, ctx)?;
            let obj = body::decode_object(&def, &api.schemas, value, ctx)?;
            let created = api.create(&def, ctx, ns, obj).await?;
            Ok(render_one(
                &def,
                &created,
                output,
                query,
                StatusCode::CREATED,
            ))
        }
        Verb::Update => {
            let name = info.name.as_deref().unwrap_or_default();
            let obj = read_object(api, &def, req, ctx).await?;
            let (updated, created) = api.update(&def, ctx, ns, name, obj, Part::Main).await?;
            let code = if created {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok(render_one(&def, &updated, output, query, code))
        }
        Verb::Patch => {
            let name = info.name.as_deref().unwrap_or_default();
            let patched = patch_object(api, &def, ns, name, req, ctx, Part::Main).await?;
            Ok(render_one(&def, &patched, output, query, StatusCode::OK))
        }
        Verb::Delete => {
            let name = info.name.as_deref().unwrap_or_default();
            let opts = delete_options(req, query, api.settings.max_body_bytes).await?;
            match api.delete(&def, ctx, ns, name, &opts).await? {
                DeleteOutcome::Deleted(obj) => {
                    if def.strategy.returns_deleted_object() {
                        Ok(render_one(&def, &obj, output, query, StatusCode::OK))
                    } else {
                        let uid = obj.pointer("/metadata/uid").and_then(Value::as_str);
                        let status = success_status(name, def.group, def.plural, uid);
                        Ok(response::value(
                            StatusCode::OK,
                            &status,
                            output_format(output),
                        ))
                    }
                }
                DeleteOutcome::Pending(obj) => {
                    Ok(render_one(&def, &obj, output, query, StatusCode::OK))
                }
            }
        }
        Verb::DeleteCollection => {
            let list = list_options(&def, query)?;
            let opts = delete_options(req, query, api.settings.max_body_bytes).await?;
            let (items, rev) = api.delete_collection(&def, ctx, ns, &list, &opts).await?;
            let list = json!({
                "kind": def.list_kind,
                "apiVersion": def.api_version(),
                "metadata": { "resourceVersion": rev.to_string() },
                "items": items,
            });
            Ok(response::value(
                StatusCode::OK,
                &list,
                output_format(output),
            ))
        }
    }
}

/// Reads, parses and decodes a request body holding a full object.
pub async fn read_object(
    api: &Api,
    def: &ResourceDef,
    req: Request<Incoming>,
    ctx: &RequestCtx,
) -> ApiResult<Value> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let kind = negotiate::body_type(content_type.as_deref())?;
    if !matches!(kind, BodyType::Json | BodyType::Yaml | BodyType::Protobuf) {
        return Err(ApiError::unsupported_media_type(
            content_type.as_deref().unwrap_or_default(),
        ));
    }
    let bytes = body::read(req.into_body(), api.settings.max_body_bytes).await?;
    let value = body::parse(&bytes, kind, ctx)?;
    body::decode_object(def, &api.schemas, value, ctx)
}

/// Applies a PATCH request to an object (or one of its parts).
pub async fn patch_object(
    api: &Api,
    def: &ResourceDef,
    ns: Option<&str>,
    name: &str,
    req: Request<Incoming>,
    ctx: &RequestCtx,
    part: Part,
) -> ApiResult<Value> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let kind = negotiate::body_type(content_type.as_deref())?;
    if matches!(kind, BodyType::Json | BodyType::Yaml | BodyType::Protobuf) {
        return Err(ApiError::unsupported_media_type(
            content_type.as_deref().unwrap_or_default(),
        ));
    }
    let bytes = body::read(req.into_body(), api.settings.max_body_bytes).await?;
    let patch = body::parse(&bytes, kind, ctx)?;
    let key = def.key(ns, name);
    api.guaranteed_update(
        def,
        ctx,
        &key,
        name,
        None,
        |current| {
            let patched = crate::patch::apply(api, def, kind, current, &patch)?;
            let decoded = body::decode_object(def, &api.schemas, patched, ctx)?;
            Ok(Some(decoded))
        },
        part,
    )
    .await
}

/// List options from query parameters.
pub fn list_options(def: &ResourceDef, query: &Query) -> ApiResult<ListOptions> {
    let limit = query.int("limit")?.unwrap_or(0);
    Ok(ListOptions {
        labels: LabelFilter::parse(query.get("labelSelector").unwrap_or_default())?,
        fields: FieldFilter::parse(query.get("fieldSelector").unwrap_or_default(), def)?,
        limit: usize::try_from(limit.max(0)).unwrap_or(0),
        continue_token: query
            .get("continue")
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        resource_version: query.get("resourceVersion").map(str::to_string),
        resource_version_match: query
            .get("resourceVersionMatch")
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    })
}

/// Delete options from the body (a `DeleteOptions` object) and query parameters.
pub async fn delete_options(
    req: Request<Incoming>,
    query: &Query,
    limit: usize,
) -> ApiResult<DeleteOptions> {
    let bytes = body::read(req.into_body(), limit).await?;
    let body: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .or_else(|_| {
                serde_yaml::from_slice::<serde_yaml::Value>(&bytes)
                    .map(|y| serde_json::to_value(y).unwrap_or(Value::Null))
            })
            .map_err(|e| ApiError::bad_request(format!("invalid DeleteOptions body: {e}")))?
    };
    let grace = match body.get("gracePeriodSeconds").and_then(Value::as_i64) {
        Some(g) => Some(g),
        None => query.int("gracePeriodSeconds")?,
    };
    let policy = body
        .get("propagationPolicy")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| query.get("propagationPolicy").map(str::to_string));
    let orphan = body
        .get("orphanDependents")
        .and_then(Value::as_bool)
        .or_else(|| match query.get("orphanDependents") {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        });
    let propagation = match (policy.as_deref(), orphan) {
        (Some(p), Some(_)) if !p.is_empty() => {
            return Err(ApiError::bad_request(
                "propagationPolicy and orphanDependents cannot both be set; use propagationPolicy",
            ))
        }
        (Some(p), None) if !p.is_empty() => Some(Propagation::parse(p).ok_or_else(|| {
            ApiError::bad_request(format!(
                "propagationPolicy: Unsupported value: {p:?}: supported values: \"Background\", \"Foreground\", \"Orphan\""
            ))
        })?),
        (_, Some(true)) => Some(Propagation::Orphan),
        (_, Some(false)) => Some(Propagation::Background),
        _ => None,
    };
    if let Some(g) = grace {
        if g < 0 {
            // Kubernetes treats negative grace periods as "use the minimum".
            return Ok(DeleteOptions {
                grace_period_seconds: Some(1),
                propagation,
                ..preconditions(&body)
            });
        }
    }
    Ok(DeleteOptions {
        grace_period_seconds: grace,
        propagation,
        ..preconditions(&body)
    })
}

fn preconditions(body: &Value) -> DeleteOptions {
    DeleteOptions {
        precondition_uid: body
            .pointer("/preconditions/uid")
            .and_then(Value::as_str)
            .map(str::to_string),
        precondition_rv: body
            .pointer("/preconditions/resourceVersion")
            .and_then(Value::as_str)
            .map(str::to_string),
        ..Default::default()
    }
}

/// The serialization format of an output shape.
pub fn output_format(output: Output) -> Format {
    match output {
        Output::Object(f) => f,
        _ => Format::Json,
    }
}

fn include_object(query: &Query) -> IncludeObject {
    query
        .get("includeObject")
        .and_then(IncludeObject::parse)
        .unwrap_or_default()
}

/// Renders one object in the requested shape.
pub fn render_one(
    def: &ResourceDef,
    obj: &Value,
    output: Output,
    query: &Query,
    code: StatusCode,
) -> Resp {
    match output {
        Output::Object(format) => response::value(code, obj, format),
        Output::Table(v) => {
            let rv = obj
                .pointer("/metadata/resourceVersion")
                .cloned()
                .unwrap_or(Value::Null);
            let table = printers::table(
                def,
                std::slice::from_ref(obj),
                json!({"resourceVersion": rv}),
                include_object(query),
                v,
                true,
            );
            response::value(code, &table, Format::Json)
        }
        Output::Metadata(v) => {
            response::value(code, &printers::partial_metadata(obj, v), Format::Json)
        }
    }
}

fn list_meta(page: &ListPage) -> Value {
    let mut meta = json!({ "resourceVersion": page.revision.to_string() });
    if let Some(c) = &page.continue_token {
        meta["continue"] = json!(c);
    }
    if let Some(r) = page.remaining {
        meta["remainingItemCount"] = json!(r);
    }
    meta
}

/// Renders a list page in the requested shape.
pub fn render_list(
    api: &Api,
    def: &ResourceDef,
    page: ListPage,
    output: Output,
    query: &Query,
) -> Resp {
    match output {
        Output::Object(format) => {
            let mut out = Vec::with_capacity(
                256 + page.items.iter().map(|o| o.raw.len() + 32).sum::<usize>(),
            );
            out.extend_from_slice(b"{\"apiVersion\":");
            out.extend_from_slice(json!(def.api_version()).to_string().as_bytes());
            out.extend_from_slice(b",\"items\":[");
            for (i, item) in page.items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                api.served_json(def, item, item.mod_revision, &mut out);
            }
            out.extend_from_slice(b"],\"kind\":");
            out.extend_from_slice(json!(def.list_kind).to_string().as_bytes());
            out.extend_from_slice(b",\"metadata\":");
            out.extend_from_slice(list_meta(&page).to_string().as_bytes());
            out.push(b'}');
            response::raw_json(StatusCode::OK, out, format)
        }
        Output::Table(v) => {
            let objs = served_values(api, def, &page);
            let table =
                printers::table(def, &objs, list_meta(&page), include_object(query), v, true);
            response::value(StatusCode::OK, &table, Format::Json)
        }
        Output::Metadata(v) => {
            let objs = served_values(api, def, &page);
            let items: Vec<Value> = objs
                .iter()
                .map(|o| printers::partial_metadata(o, v))
                .collect();
            let list = json!({
                "kind": "PartialObjectMetadataList",
                "apiVersion": format!("meta.k8s.io/{v}"),
                "metadata": list_meta(&page),
                "items": items,
            });
            response::value(StatusCode::OK, &list, Format::Json)
        }
    }
}

fn served_values(api: &Api, def: &ResourceDef, page: &ListPage) -> Vec<Value> {
    page.items
        .iter()
        .filter_map(|item| {
            let mut buf = Vec::new();
            api.served_json(def, item, item.mod_revision, &mut buf);
            serde_json::from_slice(&buf).ok()
        })
        .collect()
}
