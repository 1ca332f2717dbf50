//! Recording Events (events.k8s.io/v1) for objects, as controllers and the
//! scheduler do, without blocking the caller: events go through a bounded queue
//! and are dropped (with a log line) when the queue is full, as client-go's
//! broadcaster does.

use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::api::events::v1::Event;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
use kube::api::{Api, PostParams};
use kube::Client;
use tokio::sync::mpsc;

/// Event severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventType {
    /// Normal.
    Normal,
    /// Warning.
    Warning,
}

/// A handle for recording events.
#[derive(Clone, Debug)]
pub struct Recorder {
    tx: mpsc::Sender<Event>,
    controller: String,
    instance: String,
}

impl Recorder {
    /// Starts a recorder posting as `controller` (e.g. `default-scheduler`) from `instance`.
    pub fn new(client: Client, controller: &str, instance: &str) -> Self {
        let (tx, mut rx) = mpsc::channel::<Event>(1000);
        let c = client.clone();
        tokio::spawn(async move {
            while let Some(ev) = rx.recv().await {
                let ns = ev
                    .metadata
                    .namespace
                    .clone()
                    .unwrap_or_else(|| "default".into());
                let api: Api<Event> = Api::namespaced(c.clone(), &ns);
                if let Err(err) = api.create(&PostParams::default(), &ev).await {
                    tracing::debug!(error = %err, "recording event failed");
                }
            }
        });
        Self {
            tx,
            controller: controller.to_string(),
            instance: instance.to_string(),
        }
    }

    /// Records an event about `regarding`.
    pub fn record(
        &self,
        regarding: ObjectReference,
        kind: EventType,
        reason: &str,
        action: &str,
        note: String,
    ) {
        let ns = regarding
            .namespace
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "default".into());
        let base = regarding.name.clone().unwrap_or_else(|| "object".into());
        let now = jiff::Timestamp::now();
        let suffix = format!("{:x}", now.as_nanosecond());
        let event = Event {
            metadata: ObjectMeta {
                name: Some(format!("{base}.{suffix}")),
                namespace: Some(ns),
                ..Default::default()
            },
            event_time: Some(MicroTime(now)),
            action: Some(action.to_string()),
            reason: Some(reason.to_string()),
            note: Some(note.chars().take(1024).collect()),
            type_: Some(match kind {
                EventType::Normal => "Normal".into(),
                EventType::Warning => "Warning".into(),
            }),
            reporting_controller: Some(self.controller.clone()),
            reporting_instance: Some(self.instance.clone()),
            regarding: Some(regarding),
            ..Default::default()
        };
        if self.tx.try_send(event).is_err() {
            tracing::debug!(reason, "event queue full; dropping event");
        }
    }
}

/// An object reference for an object with the given kind.
pub fn reference<K: kube::Resource<DynamicType = ()>>(obj: &K) -> ObjectReference {
    let meta = obj.meta();
    ObjectReference {
        api_version: Some(K::api_version(&()).into_owned()),
        kind: Some(K::kind(&()).into_owned()),
        name: meta.name.clone(),
        namespace: meta.namespace.clone(),
        uid: meta.uid.clone(),
        resource_version: meta.resource_version.clone(),
        field_path: None,
    }
}
