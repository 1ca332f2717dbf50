//! Watch: streaming events from the watch cache to one client.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{header, HeaderValue, Response, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::negotiate::Output;
use super::query::Query;
use super::response::{Format, Resp};
use crate::api::Api;
use crate::printers::{self, IncludeObject};
use crate::registry::rest::ListOptions;
use crate::resource::ResourceDef;
use crate::status::{ApiError, ApiResult};
use crate::watch_cache::{CacheEvent, CachedObject, Cursor, EventType, HistoryError, WatchCache};

/// How often bookmarks are sent to watchers that allow them.
const BOOKMARK_INTERVAL: Duration = Duration::from_secs(30);

struct Watcher {
    api: Arc<Api>,
    def: Arc<ResourceDef>,
    prefix: String,
    opts: ListOptions,
    output: Output,
    include: IncludeObject,
    bookmarks: bool,
    sent_columns: bool,
    tx: mpsc::Sender<Result<Frame<Bytes>, std::io::Error>>,
}

/// Starts a watch and returns the streaming response.
pub async fn serve(
    api: Arc<Api>,
    def: Arc<ResourceDef>,
    namespace: Option<String>,
    opts: ListOptions,
    query: &Query,
    output: Output,
) -> ApiResult<Resp> {
    if matches!(output, Output::Object(Format::Yaml)) {
        return Err(ApiError::not_acceptable(
            "application/yaml (watch streams are JSON)",
        ));
    }
    let cache = api.cache(&def)?.clone();
    let prefix = def.collection_prefix(namespace.as_deref());
    let bookmarks = query.flag("allowWatchBookmarks");
    let send_initial = query.get("sendInitialEvents").map(|v| v == "true");
    let rv_param = opts.resource_version.clone().unwrap_or_default();
    let timeout = match query.int("timeoutSeconds")? {
        Some(secs) if secs > 0 => Duration::from_secs(secs as u64),
        _ => Duration::from_secs(1800 + rand::random::<u64>() % 1800),
    };
    if send_initial.is_some() {
        if opts.resource_version_match.as_deref() != Some("NotOlderThan") {
            return Err(ApiError::invalid_watch_list(
                "resourceVersionMatch must be set to NotOlderThan when sendInitialEvents is set",
            ));
        }
        if !bookmarks {
            return Err(ApiError::invalid_watch_list(
                "allowWatchBookmarks must be true when sendInitialEvents is set",
            ));
        }
    } else if opts.resource_version_match.is_some() {
        return Err(ApiError::bad_request(
            "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided",
        ));
    }
    let requested: Option<i64> = if rv_param.is_empty() {
        None
    } else {
        Some(rv_param.parse::<i64>().map_err(|_| {
            ApiError::bad_request(format!(
                "resourceVersion: Invalid value: {rv_param:?}: must be a number"
            ))
        })?)
    };
    // Initial state: synthetic ADDED events unless watching from a specific revision.
    let initial = match (send_initial, requested) {
        (Some(flag), _) => flag,
        (None, None) | (None, Some(0)) => true,
        (None, Some(_)) => false,
    };
    match requested {
        None if initial => {
            cache
                .wait_fresh(None, Duration::from_secs(10))
                .await
                .map_err(ApiError::unavailable)?;
        }
        Some(rv) if rv > 0 => {
            // A revision the cache has not reached yet: wait a little, as Kubernetes does.
            let _ = cache.wait_fresh(Some(rv), Duration::from_secs(3)).await;
        }
        _ => {}
    }
    let (tx, rx) = mpsc::channel(256);
    let mut watcher = Watcher {
        api,
        def,
        prefix: prefix.clone(),
        opts,
        output,
        include: query
            .get("includeObject")
            .and_then(IncludeObject::parse)
            .unwrap_or_default(),
        bookmarks,
        sent_columns: false,
        tx,
    };
    let start = if initial {
        let (items, cursor) = cache.snapshot(&prefix);
        Ok((items, cursor))
    } else {
        cache
            .cursor_at(requested.unwrap_or(0))
            .map(|c| (Vec::new(), c))
    };
    tokio::spawn(async move {
        match start {
            Ok((items, cursor)) => {
                watcher
                    .run(cache, items, cursor, send_initial == Some(true), timeout)
                    .await;
            }
            Err(HistoryError::TooOld { oldest }) => {
                let status = ApiError::gone(format!(
                    "too old resource version: {} ({oldest})",
                    requested.unwrap_or(0)
                ));
                let _ = watcher.send_raw("ERROR", status.to_status()).await;
            }
            Err(HistoryError::Reset) => {}
        }
    });
    let body = StreamBody::new(ReceiverStream::new(rx)).boxed();
    let mut resp = Response::new(body);
    *resp.status_mut() = StatusCode::OK;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, private"),
    );
    Ok(resp)
}

impl Watcher {
    async fn run(
        &mut self,
        cache: Arc<WatchCache>,
        initial: Vec<Arc<CachedObject>>,
        mut cursor: Cursor,
        initial_end_bookmark: bool,
        timeout: Duration,
    ) {
        let mut notify = cache.subscribe();
        for obj in initial {
            if self.matches(&obj) && !self.send_object("ADDED", &obj, obj.mod_revision).await {
                return;
            }
        }
        if initial_end_bookmark && !self.send_bookmark(cursor.revision, true).await {
            return;
        }
        let deadline = tokio::time::Instant::now() + timeout;
        let mut bookmark_at = tokio::time::Instant::now() + BOOKMARK_INTERVAL;
        loop {
            match cache.events_after(&mut cursor) {
                Ok(events) => {
                    for ev in events {
                        if !self.deliver(&ev).await {
                            return;
                        }
                    }
                }
                Err(HistoryError::TooOld { .. }) | Err(HistoryError::Reset) => return,
            }
            tokio::select! {
                changed = notify.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
                _ = tokio::time::sleep_until(bookmark_at) => {
                    bookmark_at = tokio::time::Instant::now() + BOOKMARK_INTERVAL;
                    if self.bookmarks {
                        // Drain first so the bookmark never runs ahead of delivered events.
                        match cache.events_after(&mut cursor) {
                            Ok(events) => {
                                for ev in events {
                                    if !self.deliver(&ev).await {
                                        return;
                                    }
                                }
                            }
                            Err(_) => return,
                        }
                        if !self.send_bookmark(cursor.revision, false).await {
                            return;
                        }
                    }
                }
                _ = tokio::time::sleep_until(deadline) => return,
                _ = self.tx.closed() => return,
            }
        }
    }

    fn in_scope(&self, obj: &CachedObject) -> bool {
        obj.key.starts_with(&self.prefix)
    }

    fn matches(&self, obj: &CachedObject) -> bool {
        self.in_scope(obj) && self.opts.labels.matches(&obj.labels) && self.opts.fields.matches(obj)
    }

    async fn deliver(&mut self, ev: &CacheEvent) -> bool {
        let now = self.matches(&ev.object);
        let before = ev.prev.as_ref().is_some_and(|p| self.matches(p));
        let kind = match ev.kind {
            EventType::Added if now => "ADDED",
            EventType::Modified if now && before => "MODIFIED",
            EventType::Modified if now => "ADDED",
            EventType::Modified if before => "DELETED",
            EventType::Deleted if before => "DELETED",
            _ => return true,
        };
        self.send_object(kind, &ev.object, ev.revision).await
    }

    async fn send_object(&mut self, kind: &str, obj: &CachedObject, rv: i64) -> bool {
        match self.output {
            Output::Object(_) => {
                let mut line = Vec::with_capacity(obj.raw.len() + 64);
                line.extend_from_slice(b"{\"type\":\"");
                line.extend_from_slice(kind.as_bytes());
                line.extend_from_slice(b"\",\"object\":");
                self.api.served_json(&self.def, obj, rv, &mut line);
                line.extend_from_slice(b"}\n");
                self.tx
                    .send(Ok(Frame::data(Bytes::from(line))))
                    .await
                    .is_ok()
            }
            Output::Table(v) => {
                let mut buf = Vec::new();
                self.api.served_json(&self.def, obj, rv, &mut buf);
                let value: Value = serde_json::from_slice(&buf).unwrap_or(Value::Null);
                let meta = json!({"resourceVersion": rv.to_string()});
                let table = printers::table(
                    &self.def,
                    &[value],
                    meta,
                    self.include,
                    v,
                    !self.sent_columns,
                );
                self.sent_columns = true;
                self.send_raw(kind, table).await
            }
            Output::Metadata(v) => {
                let mut buf = Vec::new();
                self.api.served_json(&self.def, obj, rv, &mut buf);
                let value: Value = serde_json::from_slice(&buf).unwrap_or(Value::Null);
                self.send_raw(kind, printers::partial_metadata(&value, v))
                    .await
            }
        }
    }

    async fn send_bookmark(&mut self, rv: i64, initial_end: bool) -> bool {
        let mut meta = json!({"resourceVersion": rv.to_string(), "creationTimestamp": null});
        if initial_end {
            meta["annotations"] = json!({"k8s.io/initial-events-end": "true"});
        }
        let object = match self.output {
            Output::Metadata(v) => {
                json!({"kind": "PartialObjectMetadata", "apiVersion": format!("meta.k8s.io/{v}"), "metadata": meta})
            }
            _ => {
                json!({"kind": self.def.kind, "apiVersion": self.def.api_version(), "metadata": meta})
            }
        };
        self.send_raw("BOOKMARK", object).await
    }

    async fn send_raw(&mut self, kind: &str, object: Value) -> bool {
        let mut line =
            serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap_or_default();
        line.push(b'\n');
        self.tx
            .send(Ok(Frame::data(Bytes::from(line))))
            .await
            .is_ok()
    }
}
