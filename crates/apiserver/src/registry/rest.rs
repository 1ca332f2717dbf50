//! The generic REST store: create, get, list, update, patch, delete and
//! deletecollection, once for every resource. Per-resource behaviour comes from
//! the resource's [`Strategy`](super::strategy::Strategy).

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use bytes::Bytes;
use capstan_store::{Compare, RangeRequest, StoreError, Txn, TxnOp, TxnOpResponse};
use serde_json::{json, Value};

use super::meta;
use super::strategy::{AllocError, PoolState, Propagation, StrategyCtx};
use crate::api::Api;
use crate::context::RequestCtx;
use crate::resource::ResourceDef;
use crate::selectors::{FieldFilter, LabelFilter};
use crate::status::{ApiError, ApiResult};
use crate::watch_cache::{set_resource_version, CachedObject};

/// How often a create or update re-runs pool allocation after losing a race.
const ALLOC_ATTEMPTS: usize = 16;

/// Adds compare-absent checks and puts for new pool claims, owned by `owner`.
fn add_claims(
    compare: &mut Vec<Compare>,
    success: &mut Vec<TxnOp>,
    claims: &[String],
    owner: &str,
) {
    for claim in claims {
        compare.push(Compare::absent(claim));
        success.push(TxnOp::Put {
            key: claim.clone(),
            value: Bytes::from(owner.to_string()),
        });
    }
}

/// Deletes of released pool claims.
fn release_claims(success: &mut Vec<TxnOp>, claims: &[String]) {
    for claim in claims {
        success.push(TxnOp::Delete {
            key: claim.clone(),
            range_end: None,
        });
    }
}

/// How long a consistent read waits for the watch cache.
const CACHE_WAIT: Duration = Duration::from_secs(10);

/// Which part of an object a write addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The main resource.
    Main,
    /// The `status` subresource.
    Status,
    /// A namespace's `finalize` subresource (spec.finalizers only).
    Finalize,
    /// A write the server composed itself (e.g. a pod binding): no spec/status
    /// split and no strategy hooks, only metadata rules.
    System,
}

/// Options of a list.
#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    /// Label selector.
    pub labels: LabelFilter,
    /// Field selector.
    pub fields: FieldFilter,
    /// Page size (0 = all).
    pub limit: usize,
    /// Continue token from a previous page.
    pub continue_token: Option<String>,
    /// `resourceVersion` parameter.
    pub resource_version: Option<String>,
    /// `resourceVersionMatch` parameter.
    pub resource_version_match: Option<String>,
}

/// A page of a list.
#[derive(Debug)]
pub struct ListPage {
    /// Objects in key order.
    pub items: Vec<Arc<CachedObject>>,
    /// The list's resourceVersion.
    pub revision: i64,
    /// Continue token, when more items remain.
    pub continue_token: Option<String>,
    /// Count of items after this page, when known.
    pub remaining: Option<i64>,
}

/// Options of a delete.
#[derive(Clone, Debug, Default)]
pub struct DeleteOptions {
    /// `gracePeriodSeconds`.
    pub grace_period_seconds: Option<i64>,
    /// `propagationPolicy` (or the deprecated `orphanDependents`).
    pub propagation: Option<Propagation>,
    /// `preconditions.uid`.
    pub precondition_uid: Option<String>,
    /// `preconditions.resourceVersion`.
    pub precondition_rv: Option<String>,
}

/// The outcome of a delete.
#[derive(Debug)]
pub enum DeleteOutcome {
    /// The object is gone; this was its last state.
    Deleted(Value),
    /// Deletion is pending (finalizers or a grace period); this is its state now.
    Pending(Value),
}

/// A continue token, as Kubernetes encodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ContinueToken {
    rv: i64,
    start: String,
}

impl ContinueToken {
    fn encode(&self) -> String {
        let json = json!({"v": "meta.k8s.io/v1", "rv": self.rv, "start": self.start});
        base64::engine::general_purpose::URL_SAFE.encode(json.to_string())
    }

    fn decode(token: &str) -> ApiResult<Self> {
        let bad = || ApiError::bad_request(format!("continue key is not valid: {token:?}"));
        let bytes = base64::engine::general_purpose::URL_SAFE
            .decode(token)
            .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token))
            .map_err(|_| bad())?;
        let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if v["v"] != "meta.k8s.io/v1" {
            return Err(bad());
        }
        let rv = v["rv"].as_i64().filter(|r| *r > 0).ok_or_else(bad)?;
        let start = v["start"].as_str().ok_or_else(bad)?.to_string();
        if start.contains("..") || start.starts_with('/') {
            return Err(bad());
        }
        Ok(Self { rv, start })
    }
}

/// Encodes an object for the store: no resourceVersion, storage version, compact JSON.
fn encode(api: &Api, def: &ResourceDef, obj: &Value) -> ApiResult<Bytes> {
    let mut stored = api.to_storage(def, obj.clone())?;
    meta::strip_resource_version(&mut stored);
    serde_json::to_vec(&stored)
        .map(Bytes::from)
        .map_err(ApiError::internal)
}

/// Decodes a stored value into the served version with its resourceVersion.
fn decode(api: &Api, def: &ResourceDef, raw: &[u8], rv: i64) -> ApiResult<Value> {
    let mut obj: Value = serde_json::from_slice(raw)
        .map_err(|e| ApiError::internal(format!("decoding stored object: {e}")))?;
    set_resource_version(&mut obj, rv);
    api.storage_to_served(def, obj)
}

fn check_namespace_arg(def: &ResourceDef, ns: Option<&str>) -> ApiResult<()> {
    if def.namespaced && ns.is_none() {
        return Err(ApiError::path_not_found());
    }
    Ok(())
}

impl Api {
    /// Reads one object (a consistent read from the store).
    pub async fn get(&self, def: &ResourceDef, ns: Option<&str>, name: &str) -> ApiResult<Value> {
        check_namespace_arg(def, ns)?;
        let key = def.key(ns, name);
        match self.store.get(&key).await? {
            Some(kv) => decode(self, def, &kv.value, kv.mod_revision),
            None => Err(ApiError::not_found(def.qualified(), name)),
        }
    }

    /// Reads one object with its store mod revision, or None.
    async fn get_raw(&self, def: &ResourceDef, key: &str) -> ApiResult<Option<(Value, i64)>> {
        match self.store.get(key).await? {
            Some(kv) => Ok(Some((
                decode(self, def, &kv.value, kv.mod_revision)?,
                kv.mod_revision,
            ))),
            None => Ok(None),
        }
    }

    /// Lists objects, from the watch cache or (for exact or paged older
    /// revisions) from the store.
    pub async fn list(
        &self,
        def: &ResourceDef,
        ns: Option<&str>,
        opts: &ListOptions,
    ) -> ApiResult<ListPage> {
        let cache = self.cache(def)?;
        let prefix = def.collection_prefix(ns);
        let keep = |o: &CachedObject| opts.labels.matches(&o.labels) && opts.fields.matches(o);
        let count_remaining = opts.labels.is_everything() && opts.fields.is_everything();
        if let Some(token) = &opts.continue_token {
            let token = ContinueToken::decode(token)?;
            let start_key = format!("{prefix}{}", token.start);
            if cache.revision() == token.rv {
                let page = cache.list(
                    &prefix,
                    Some(&start_key),
                    opts.limit,
                    count_remaining,
                    &keep,
                );
                if page.revision == token.rv {
                    return Ok(self.finish_page(
                        page.items,
                        page.revision,
                        page.next_key,
                        page.remaining,
                        &prefix,
                    ));
                }
            }
            return self
                .list_from_store(def, &prefix, Some(start_key), token.rv, opts, true)
                .await;
        }
        let rv_param = opts.resource_version.as_deref().unwrap_or("");
        let exact = opts.resource_version_match.as_deref() == Some("Exact");
        match opts.resource_version_match.as_deref() {
            None | Some("") | Some("Exact") | Some("NotOlderThan") => {}
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "resourceVersionMatch: Unsupported value: {other:?}: supported values: \"Exact\", \"NotOlderThan\""
                )))
            }
        }
        if opts.resource_version_match.is_some() && rv_param.is_empty() {
            return Err(ApiError::bad_request(
                "resourceVersionMatch is forbidden unless resourceVersion is provided".to_string(),
            ));
        }
        let requested = if rv_param.is_empty() {
            None
        } else {
            Some(rv_param.parse::<i64>().map_err(|_| {
                ApiError::bad_request(format!(
                    "resourceVersion: Invalid value: {rv_param:?}: must be a number"
                ))
            })?)
        };
        if exact {
            let rv = requested.unwrap_or(0);
            if rv == 0 {
                return Err(ApiError::bad_request(
                    "resourceVersionMatch \"Exact\" requires a resourceVersion > 0",
                ));
            }
            return self
                .list_from_store(def, &prefix, None, rv, opts, false)
                .await;
        }
        match requested {
            Some(0) => {}
            Some(rv) => {
                cache.wait_fresh(Some(rv), CACHE_WAIT).await.map_err(|e| {
                    ApiError::timeout(format!(
                        "Too large resource version: {rv}, current: {}: {e}",
                        cache.revision()
                    ))
                })?;
            }
            None => {
                cache
                    .wait_fresh(None, CACHE_WAIT)
                    .await
                    .map_err(ApiError::unavailable)?;
            }
        }
        let page = cache.list(&prefix, None, opts.limit, count_remaining, &keep);
        Ok(self.finish_page(
            page.items,
            page.revision,
            page.next_key,
            page.remaining,
            &prefix,
        ))
    }

    fn finish_page(
        &self,
        items: Vec<Arc<CachedObject>>,
        revision: i64,
        next_key: Option<String>,
        remaining: Option<i64>,
        prefix: &str,
    ) -> ListPage {
        let continue_token = next_key.map(|k| {
            ContinueToken {
                rv: revision,
                start: k.strip_prefix(prefix).unwrap_or(&k).to_string(),
            }
            .encode()
        });
        ListPage {
            items,
            revision,
            continue_token,
            remaining,
        }
    }

    async fn list_from_store(
        &self,
        def: &ResourceDef,
        prefix: &str,
        start_key: Option<String>,
        rv: i64,
        opts: &ListOptions,
        continuing: bool,
    ) -> ApiResult<ListPage> {
        let storage_def = self.storage_def(def);
        let extractor = move |v: &Value| {
            storage_def
                .strategy
                .selectable_fields()
                .iter()
                .filter_map(|f| storage_def.strategy.field_value(v, f).map(|x| (*f, x)))
                .collect()
        };
        let end = capstan_store::prefix_end(prefix);
        let mut key = start_key.unwrap_or_else(|| prefix.to_string());
        let mut items = Vec::new();
        let batch = if opts.limit > 0 {
            (opts.limit as i64 + 1).max(64)
        } else {
            0
        };
        loop {
            let req = RangeRequest {
                key: key.clone(),
                range_end: Some(end.clone()),
                revision: rv,
                limit: batch,
                count_only: false,
            };
            let resp = self.store.range(req).await.map_err(|e| match e {
                StoreError::Compacted { .. } if continuing => ApiError::gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
                ),
                StoreError::Compacted { .. } => ApiError::gone(format!("too old resource version: {rv}")),
                other => other.into(),
            })?;
            let fetched = resp.kvs.len();
            let mut next = None;
            for kv in resp.kvs {
                next = Some(kv.key.clone());
                let obj = CachedObject::new(kv.key.clone(), kv.value, kv.mod_revision, &extractor)
                    .map_err(ApiError::internal)?;
                if !(opts.labels.matches(&obj.labels) && opts.fields.matches(&obj)) {
                    continue;
                }
                if opts.limit > 0 && items.len() >= opts.limit {
                    return Ok(self.finish_page(items, rv, Some(kv.key), None, prefix));
                }
                items.push(Arc::new(obj));
            }
            match next {
                Some(last) if resp.more && fetched > 0 => key = format!("{last}\0"),
                _ => break,
            }
        }
        Ok(ListPage {
            items,
            revision: rv,
            continue_token: None,
            remaining: None,
        })
    }

    async fn check_namespace_for_create(&self, def: &ResourceDef, ns: &str) -> ApiResult<()> {
        let ns_def = self
            .catalog
            .get("", "v1", "namespaces")
            .ok_or_else(|| ApiError::internal("namespaces are not served"))?
            .clone();
        match self.get_raw(&ns_def, &ns_def.key(None, ns)).await? {
            None => Err(ApiError::not_found(ns_def.qualified(), ns)),
            Some((obj, _)) if meta::is_terminating(&obj) => Err(ApiError::forbidden(
                def.qualified(),
                "",
                format!(
                    "unable to create new content in namespace {ns} because it is being terminated"
                ),
            )
            .with_cause(
                "NamespaceTerminating",
                format!("namespace {ns} is being terminated"),
                "metadata.namespace",
            )),
            Some(_) => Ok(()),
        }
    }

    /// Creates an object. `obj` must already be decoded and normalized.
    pub async fn create(
        &self,
        def: &ResourceDef,
        ctx: &RequestCtx,
        ns: Option<&str>,
        mut obj: Value,
    ) -> ApiResult<Value> {
        check_namespace_arg(def, ns)?;
        {
            let meta = meta::meta_mut(&mut obj);
            if def.namespaced {
                let url_ns = ns.unwrap_or_default();
                match meta.get("namespace").and_then(Value::as_str) {
                    Some(body_ns) if !body_ns.is_empty() && body_ns != url_ns => {
                        return Err(ApiError::bad_request(
                            "the namespace of the provided object does not match the namespace sent on the request",
                        ))
                    }
                    _ => {
                        meta.insert("namespace".into(), Value::String(url_ns.to_string()));
                    }
                }
            } else {
                meta.remove("namespace");
            }
            let has_name = meta
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| !n.is_empty());
            if !has_name {
                if let Some(base) = meta
                    .get("generateName")
                    .and_then(Value::as_str)
                    .filter(|g| !g.is_empty())
                {
                    let generated = format!("{base}{}", meta::name_suffix());
                    meta.insert("name".into(), Value::String(generated));
                }
            }
        }
        let strategy = def.strategy.clone();
        meta::prepare_create_meta(&mut obj, strategy.tracks_generation());
        let sctx = StrategyCtx {
            namespace: ns,
            user: &ctx.user.name,
        };
        strategy.default(&mut obj);
        if def.status_subresource && !strategy.status_on_create() {
            if let Some(map) = obj.as_object_mut() {
                map.remove("status");
            }
        }
        strategy.prepare_for_create(&mut obj, &sctx);
        let prepared = obj;
        let mut quota_admitted = false;
        for _attempt in 0..ALLOC_ATTEMPTS {
            let mut obj = prepared.clone();
            let pools = self.taken_claims(def, None).await?;
            self.allocate(def, &mut obj, None, &pools)?;
            let name = meta::name(&obj).to_string();
            let mut errors = crate::validation::validate_object_meta(
                &obj,
                def.namespaced,
                strategy.name_validator(),
            );
            errors.extend(strategy.validate(&obj));
            if !errors.is_empty() {
                return Err(ApiError::invalid(def.kind, def.group, &name, &errors));
            }
            if let Some(ns) = ns.filter(|_| def.namespaced) {
                self.check_namespace_for_create(def, ns).await?;
                if !quota_admitted {
                    super::quota_admission::admit_create(self, ctx, def, ns, &obj).await?;
                    quota_admitted = true;
                }
            }
            let key = def.key(ns, &name);
            if ctx.dry_run {
                if self.store.get(&key).await?.is_some() {
                    return Err(ApiError::already_exists(def.qualified(), &name));
                }
                return Ok(obj);
            }
            let value = encode(self, def, &obj)?;
            let claims = strategy.held_claims(&obj);
            let mut compare = vec![Compare::absent(&key)];
            let mut success = vec![TxnOp::Put {
                key: key.clone(),
                value,
            }];
            add_claims(&mut compare, &mut success, &claims, &key);
            let txn = Txn {
                compare,
                success,
                failure: vec![TxnOp::Get(RangeRequest::key(&key))],
            };
            let resp = self.store.txn(txn).await?;
            if !resp.succeeded {
                let exists = match resp.responses.first() {
                    Some(TxnOpResponse::Get(r)) => !r.kvs.is_empty(),
                    _ => true,
                };
                if exists || claims.is_empty() {
                    return Err(ApiError::already_exists(def.qualified(), &name));
                }
                // Another object claimed one of our values first: allocate again.
                continue;
            }
            set_resource_version(&mut obj, resp.revision);
            return Ok(obj);
        }
        Err(ApiError::conflict(
            def.qualified(),
            meta::name(&prepared),
            "too many concurrent allocations; please retry",
        ))
    }

    /// The pool claims held by objects other than `old` (empty for resources
    /// without pools).
    async fn taken_claims(
        &self,
        def: &ResourceDef,
        old: Option<&Value>,
    ) -> ApiResult<std::collections::HashSet<String>> {
        let mut taken = std::collections::HashSet::new();
        for prefix in def.strategy.pool_prefixes() {
            let resp = self.store.range(RangeRequest::prefix(*prefix)).await?;
            taken.extend(resp.kvs.into_iter().map(|kv| kv.key));
        }
        if let Some(old) = old {
            for own in def.strategy.held_claims(old) {
                taken.remove(&own);
            }
        }
        Ok(taken)
    }

    /// Runs the strategy's pool allocation, mapping its errors to API errors.
    fn allocate(
        &self,
        def: &ResourceDef,
        obj: &mut Value,
        old: Option<&Value>,
        taken: &std::collections::HashSet<String>,
    ) -> ApiResult<()> {
        if def.strategy.pool_prefixes().is_empty() {
            return Ok(());
        }
        let pools = PoolState {
            settings: &self.settings,
            taken,
        };
        def.strategy
            .allocate(obj, old, &pools)
            .map_err(|e| match e {
                AllocError::Invalid(errors) => {
                    ApiError::invalid(def.kind, def.group, meta::name(obj), &errors)
                }
                AllocError::Exhausted(msg) => ApiError::internal(msg),
            })
    }

    /// Replaces an object (or one of its parts). Returns the new object and
    /// whether it was created.
    pub async fn update(
        &self,
        def: &ResourceDef,
        ctx: &RequestCtx,
        ns: Option<&str>,
        name: &str,
        obj: Value,
        part: Part,
    ) -> ApiResult<(Value, bool)> {
        check_namespace_arg(def, ns)?;
        let body_name = meta::name(&obj).to_string();
        if !body_name.is_empty() && body_name != name {
            return Err(ApiError::bad_request(format!(
                "the name of the object ({body_name}) does not match the name on the URL ({name})"
            )));
        }
        if def.namespaced {
            if let (Some(body_ns), Some(url_ns)) = (meta::namespace(&obj), ns) {
                if !body_ns.is_empty() && body_ns != url_ns {
                    return Err(ApiError::bad_request(
                        "the namespace of the provided object does not match the namespace sent on the request",
                    ));
                }
            }
        }
        let precondition = meta::resource_version(&obj).map_err(ApiError::bad_request)?;
        let key = def.key(ns, name);
        let Some((_, _)) = self.get_raw(def, &key).await? else {
            if part == Part::Main && def.strategy.allow_create_on_update() {
                let mut obj = obj;
                meta::meta_mut(&mut obj).insert("name".into(), Value::String(name.to_string()));
                return self.create(def, ctx, ns, obj).await.map(|o| (o, true));
            }
            return Err(ApiError::not_found(def.qualified(), name));
        };
        let new = obj;
        self.guaranteed_update(
            def,
            ctx,
            &key,
            name,
            precondition,
            |_current| Ok(Some(new.clone())),
            part,
        )
        .await
        .map(|o| (o, false))
    }

    /// Reads, transforms and writes an object with optimistic concurrency,
    /// retrying on conflicts unless the caller named a resourceVersion.
    /// `mutate` gets the current object and returns the desired one (None: no-op).
    #[allow(clippy::too_many_arguments)]
    pub async fn guaranteed_update<F>(
        &self,
        def: &ResourceDef,
        ctx: &RequestCtx,
        key: &str,
        name: &str,
        precondition: Option<i64>,
        mut mutate: F,
        part: Part,
    ) -> ApiResult<Value>
    where
        F: FnMut(&Value) -> ApiResult<Option<Value>>,
    {
        for _attempt in 0..64 {
            let Some((current, mod_rev)) = self.get_raw(def, key).await? else {
                return Err(ApiError::not_found(def.qualified(), name));
            };
            let Some(mut new) = mutate(&current)? else {
                return Ok(current);
            };
            if let Some(rv) = meta::resource_version(&new)
                .map_err(ApiError::bad_request)?
                .or(precondition)
            {
                if rv != mod_rev {
                    return Err(ApiError::stale(def.qualified(), name));
                }
            }
            if meta::resource_version(&new).ok().flatten().is_none() {
                set_resource_version(&mut new, mod_rev);
            }
            let taken = if part == Part::Main {
                self.taken_claims(def, Some(&current)).await?
            } else {
                std::collections::HashSet::new()
            };
            self.prepare_update(def, ctx, &mut new, &current, part, &taken)?;
            let mut cur_cmp = current.clone();
            meta::strip_resource_version(&mut cur_cmp);
            let mut new_cmp = new.clone();
            meta::strip_resource_version(&mut new_cmp);
            if cur_cmp == new_cmp {
                return Ok(current);
            }
            if ctx.dry_run {
                set_resource_version(&mut new, mod_rev);
                return Ok(new);
            }
            // An object being deleted whose last finalizer is gone is removed.
            if meta::is_terminating(&new) && self.ready_to_remove(def, &new) {
                let mut success = vec![TxnOp::Delete {
                    key: key.to_string(),
                    range_end: None,
                }];
                release_claims(&mut success, &def.strategy.held_claims(&current));
                let txn = Txn {
                    compare: vec![Compare::mod_revision_eq(key, mod_rev)],
                    success,
                    failure: vec![],
                };
                let resp = self.store.txn(txn).await?;
                if resp.succeeded {
                    set_resource_version(&mut new, resp.revision);
                    return Ok(new);
                }
                continue;
            }
            let value = encode(self, def, &new)?;
            let held_before = def.strategy.held_claims(&current);
            let held_after = def.strategy.held_claims(&new);
            let claimed: Vec<String> = held_after
                .iter()
                .filter(|k| !held_before.contains(k))
                .cloned()
                .collect();
            let released: Vec<String> = held_before
                .iter()
                .filter(|k| !held_after.contains(k))
                .cloned()
                .collect();
            let mut compare = vec![Compare::mod_revision_eq(key, mod_rev)];
            let mut success = vec![TxnOp::Put {
                key: key.to_string(),
                value,
            }];
            add_claims(&mut compare, &mut success, &claimed, key);
            release_claims(&mut success, &released);
            let txn = Txn {
                compare,
                success,
                failure: vec![],
            };
            let resp = self.store.txn(txn).await?;
            if resp.succeeded {
                set_resource_version(&mut new, resp.revision);
                return Ok(new);
            }
            // Someone else wrote first: re-read. A caller-supplied resourceVersion
            // then fails the precondition check above with 409.
        }
        Err(ApiError::conflict(
            def.qualified(),
            name,
            "too many concurrent updates; please retry",
        ))
    }

    fn ready_to_remove(&self, def: &ResourceDef, obj: &Value) -> bool {
        meta::finalizers(obj).is_empty()
            && obj
                .pointer("/metadata/deletionGracePeriodSeconds")
                .and_then(Value::as_i64)
                .unwrap_or(0)
                == 0
            && !def.strategy.blocks_removal(obj)
    }

    /// Applies system metadata, the spec/status split, defaults and validation to
    /// an update.
    fn prepare_update(
        &self,
        def: &ResourceDef,
        _ctx: &RequestCtx,
        new: &mut Value,
        old: &Value,
        part: Part,
        taken: &std::collections::HashSet<String>,
    ) -> ApiResult<()> {
        let strategy = def.strategy.clone();
        if let (Some(n), Some(o)) = (new.as_object_mut(), old.as_object()) {
            for field in ["apiVersion", "kind"] {
                if let Some(v) = o.get(field) {
                    n.insert(field.into(), v.clone());
                }
            }
        }
        match part {
            Part::Main => {
                if def.status_subresource {
                    if let Some(map) = new.as_object_mut() {
                        match old.get("status") {
                            Some(s) => {
                                map.insert("status".into(), s.clone());
                            }
                            None => {
                                map.remove("status");
                            }
                        }
                    }
                }
                strategy.default(new);
                strategy.prepare_for_update(new, old);
                self.allocate(def, new, Some(old), taken)?;
            }
            Part::Status => {
                if let (Some(n), Some(o)) = (new.as_object_mut(), old.as_object()) {
                    let keys: Vec<String> = n.keys().chain(o.keys()).cloned().collect();
                    for k in keys {
                        if matches!(k.as_str(), "metadata" | "status") {
                            continue;
                        }
                        match o.get(&k) {
                            Some(v) => {
                                n.insert(k, v.clone());
                            }
                            None => {
                                n.remove(&k);
                            }
                        }
                    }
                }
                strategy.prepare_for_status_update(new, old);
            }
            Part::Finalize => {
                let finalizers = new.pointer("/spec/finalizers").cloned();
                let mut merged = old.clone();
                if let Some(map) = merged.as_object_mut() {
                    let spec = map.entry("spec").or_insert_with(|| json!({}));
                    if let Some(spec) = spec.as_object_mut() {
                        match finalizers {
                            Some(f) => {
                                spec.insert("finalizers".into(), f);
                            }
                            None => {
                                spec.remove("finalizers");
                            }
                        }
                    }
                }
                if let Some(rv) = new.pointer("/metadata/resourceVersion").cloned() {
                    meta::meta_mut(&mut merged).insert("resourceVersion".into(), rv);
                }
                *new = merged;
            }
            Part::System => {}
        }
        meta::carry_update_meta(new, old, strategy.tracks_generation() && part == Part::Main);
        let name = meta::name(old).to_string();
        meta::meta_mut(new).insert("name".into(), Value::String(name.clone()));
        let mut errors = crate::validation::validate_object_meta_update(
            new,
            old,
            def.namespaced,
            strategy.name_validator(),
        );
        match part {
            Part::Main | Part::Finalize => errors.extend(strategy.validate_update(new, old)),
            Part::Status => errors.extend(strategy.validate_status_update(new, old)),
            Part::System => {}
        }
        if !errors.is_empty() {
            return Err(ApiError::invalid(def.kind, def.group, &name, &errors));
        }
        Ok(())
    }

    /// Deletes an object, honouring preconditions, grace periods, finalizers and
    /// the propagation policy.
    pub async fn delete(
        &self,
        def: &ResourceDef,
        ctx: &RequestCtx,
        ns: Option<&str>,
        name: &str,
        opts: &DeleteOptions,
    ) -> ApiResult<DeleteOutcome> {
        check_namespace_arg(def, ns)?;
        let key = def.key(ns, name);
        for _attempt in 0..64 {
            let Some((current, mod_rev)) = self.get_raw(def, &key).await? else {
                return Err(ApiError::not_found(def.qualified(), name));
            };
            if let Some(uid) = &opts.precondition_uid {
                let actual = meta::meta_str(&current, "uid").unwrap_or_default();
                if uid != actual {
                    return Err(ApiError::conflict(
                        def.qualified(),
                        name,
                        format!("Precondition failed: UID in precondition: {uid}, UID in object meta: {actual}"),
                    ));
                }
            }
            if let Some(rv) = &opts.precondition_rv {
                if *rv != mod_rev.to_string() {
                    return Err(ApiError::conflict(
                        def.qualified(),
                        name,
                        format!("Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {mod_rev}"),
                    ));
                }
            }
            let strategy = def.strategy.clone();
            if let Some(reason) = strategy.delete_conflict(&current) {
                return Err(ApiError::conflict(def.qualified(), name, reason));
            }
            let grace = strategy
                .grace_period(&current, opts.grace_period_seconds)
                .unwrap_or(0)
                .max(0);
            let propagation = opts
                .propagation
                .unwrap_or_else(|| strategy.default_propagation());
            let mut finalizers = meta::finalizers(&current);
            let had = finalizers.clone();
            match propagation {
                Propagation::Orphan => {
                    finalizers.retain(|f| f != "foregroundDeletion");
                    if !finalizers.iter().any(|f| f == "orphan") {
                        finalizers.push("orphan".into());
                    }
                }
                Propagation::Foreground => {
                    finalizers.retain(|f| f != "orphan");
                    if !finalizers.iter().any(|f| f == "foregroundDeletion") {
                        finalizers.push("foregroundDeletion".into());
                    }
                }
                Propagation::Background => {
                    finalizers.retain(|f| f != "orphan" && f != "foregroundDeletion");
                }
            }
            let terminating = meta::is_terminating(&current);
            let current_grace = current
                .pointer("/metadata/deletionGracePeriodSeconds")
                .and_then(Value::as_i64);
            let mut next = current.clone();
            // Propagation finalizers are only added by the first delete request.
            if !terminating || finalizers.len() < had.len() {
                meta::set_finalizers(&mut next, &finalizers);
            }
            let finalizers_now = meta::finalizers(&next);
            let blocks = strategy.blocks_removal(&next) || !finalizers_now.is_empty();
            let remove_now = !blocks && (grace == 0 || terminating && current_grace == Some(0));
            if remove_now {
                if ctx.dry_run {
                    return Ok(DeleteOutcome::Deleted(current));
                }
                let mut success = vec![TxnOp::Delete {
                    key: key.clone(),
                    range_end: None,
                }];
                release_claims(&mut success, &strategy.held_claims(&current));
                let txn = Txn {
                    compare: vec![Compare::mod_revision_eq(&key, mod_rev)],
                    success,
                    failure: vec![],
                };
                let resp = self.store.txn(txn).await?;
                if !resp.succeeded {
                    continue;
                }
                let mut last = current;
                set_resource_version(&mut last, resp.revision);
                return Ok(DeleteOutcome::Deleted(last));
            }
            // Graceful or finalized deletion: mark the object.
            let new_grace = match current_grace {
                Some(g) if terminating => g.min(grace),
                _ => grace,
            };
            if !terminating || Some(new_grace) != current_grace {
                let meta_map = meta::meta_mut(&mut next);
                meta_map.insert(
                    "deletionTimestamp".into(),
                    Value::String(meta::rfc3339_in(new_grace)),
                );
                meta_map.insert("deletionGracePeriodSeconds".into(), Value::from(new_grace));
                if strategy.tracks_generation() {
                    let g = meta_map
                        .get("generation")
                        .and_then(Value::as_i64)
                        .unwrap_or(1);
                    meta_map.insert("generation".into(), Value::from(g + 1));
                }
            }
            strategy.prepare_for_delete(&mut next);
            if next == current {
                return Ok(DeleteOutcome::Pending(current));
            }
            if ctx.dry_run {
                return Ok(DeleteOutcome::Pending(next));
            }
            let value = encode(self, def, &next)?;
            let txn = Txn {
                compare: vec![Compare::mod_revision_eq(&key, mod_rev)],
                success: vec![TxnOp::Put {
                    key: key.clone(),
                    value,
                }],
                failure: vec![],
            };
            let resp = self.store.txn(txn).await?;
            if !resp.succeeded {
                continue;
            }
            set_resource_version(&mut next, resp.revision);
            return Ok(DeleteOutcome::Pending(next));
        }
        Err(ApiError::conflict(
            def.qualified(),
            name,
            "too many concurrent updates; please retry",
        ))
    }

    /// Deletes every object a list selects. Returns the deleted (or pending) objects.
    pub async fn delete_collection(
        &self,
        def: &ResourceDef,
        ctx: &RequestCtx,
        ns: Option<&str>,
        list: &ListOptions,
        opts: &DeleteOptions,
    ) -> ApiResult<(Vec<Value>, i64)> {
        let page = self
            .list(
                def,
                ns,
                &ListOptions {
                    limit: 0,
                    continue_token: None,
                    ..list.clone()
                },
            )
            .await?;
        let mut out = Vec::new();
        for item in page.items {
            let item_ns = if def.namespaced {
                item.namespace.as_deref()
            } else {
                None
            };
            match self.delete(def, ctx, item_ns, &item.name, opts).await {
                Ok(DeleteOutcome::Deleted(v)) | Ok(DeleteOutcome::Pending(v)) => out.push(v),
                Err(e) if e.code == 404 => {}
                Err(e) => return Err(e),
            }
        }
        let rev = self.store.status().await?.revision;
        Ok((out, rev))
    }

    /// Writes `obj` as the new state of an existing object without strategy
    /// processing (used by subresource handlers that already did it). Fails with
    /// 409 if the object changed since `mod_rev`.
    pub async fn write_raw(
        &self,
        def: &ResourceDef,
        key: &str,
        name: &str,
        obj: &mut Value,
        mod_rev: i64,
    ) -> ApiResult<()> {
        let value = encode(self, def, obj)?;
        let txn = Txn {
            compare: vec![Compare::mod_revision_eq(key, mod_rev)],
            success: vec![TxnOp::Put {
                key: key.to_string(),
                value,
            }],
            failure: vec![TxnOp::Get(RangeRequest::key(key))],
        };
        let resp = self.store.txn(txn).await?;
        if !resp.succeeded {
            if let Some(TxnOpResponse::Get(r)) = resp.responses.first() {
                if r.kvs.is_empty() {
                    return Err(ApiError::not_found(def.qualified(), name));
                }
            }
            return Err(ApiError::stale(def.qualified(), name));
        }
        set_resource_version(obj, resp.revision);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continue_token_round_trips_and_rejects_garbage() {
        let t = ContinueToken {
            rv: 42,
            start: "default/web\0".into(),
        };
        assert_eq!(ContinueToken::decode(&t.encode()).expect("valid"), t);
        assert!(ContinueToken::decode("not-base64!").is_err());
        let evil = base64::engine::general_purpose::URL_SAFE
            .encode(r#"{"v":"meta.k8s.io/v1","rv":1,"start":"../x"}"#);
        assert!(ContinueToken::decode(&evil).is_err());
    }
}
