//! Counting objects of any resource type per namespace, for `count/<resource>`
//! quotas: a metadata-only watch is started for a type the first time a quota
//! asks about it, and every change reports the namespace it happened in.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use kube::api::{Api, DynamicObject};
use kube::core::{ApiResource, PartialObjectMeta};
use kube::runtime::watcher::{self, Event};
use kube::runtime::WatchStreamExt;
use parking_lot::{Mutex, RwLock};
use tokio::sync::mpsc;

use crate::discovery::ResourceTypes;

/// The answer to "how many objects of this type are in the namespace".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountResult {
    /// The API server does not serve such a type.
    Unknown,
    /// The watch has not listed everything yet.
    NotReady,
    /// The number.
    Count(i64),
}

#[derive(Default)]
struct Store {
    names: RwLock<HashMap<String, HashSet<String>>>,
    synced: AtomicBool,
}

/// Object counts per type and namespace.
pub struct ObjectCounts {
    client: kube::Client,
    types: Mutex<Option<(ResourceTypes, Instant)>>,
    stores: Mutex<HashMap<(String, String), Arc<Store>>>,
    changed: mpsc::UnboundedSender<String>,
}

/// How often discovery may be refreshed when a type is not found.
const REDISCOVER_AFTER: Duration = Duration::from_secs(30);

impl ObjectCounts {
    /// A counter and the stream of namespaces whose counts changed.
    pub fn new(client: kube::Client) -> (Arc<Self>, mpsc::UnboundedReceiver<String>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            Arc::new(Self {
                client,
                types: Mutex::new(None),
                stores: Mutex::new(HashMap::new()),
                changed: tx,
            }),
            rx,
        )
    }

    async fn resource(&self, group: &str, plural: &str) -> Option<ApiResource> {
        let find = |types: &ResourceTypes| {
            types
                .preferred()
                .into_iter()
                .find(|t| t.api.group == group && t.api.plural == plural && t.namespaced)
                .map(|t| t.api.clone())
        };
        let cached = self.types.lock().clone();
        if let Some((types, at)) = &cached {
            if let Some(found) = find(types) {
                return Some(found);
            }
            if at.elapsed() < REDISCOVER_AFTER {
                return None;
            }
        }
        match ResourceTypes::discover(&self.client).await {
            Ok(types) => {
                let found = find(&types);
                *self.types.lock() = Some((types, Instant::now()));
                found
            }
            Err(err) => {
                tracing::debug!(error = %err, "quota: discovery failed");
                None
            }
        }
    }

    /// Counts objects of `plural` in `group` in `namespace`, starting a watch
    /// for the type if needed.
    pub async fn count(
        self: &Arc<Self>,
        group: &str,
        plural: &str,
        namespace: &str,
    ) -> CountResult {
        let key = (group.to_string(), plural.to_string());
        let existing = self.stores.lock().get(&key).cloned();
        let store = match existing {
            Some(s) => s,
            None => {
                let Some(resource) = self.resource(group, plural).await else {
                    return CountResult::Unknown;
                };
                let store = {
                    let mut stores = self.stores.lock();
                    if let Some(s) = stores.get(&key) {
                        s.clone()
                    } else {
                        let s = Arc::new(Store::default());
                        stores.insert(key.clone(), s.clone());
                        tokio::spawn(watch(
                            self.client.clone(),
                            resource,
                            s.clone(),
                            self.changed.clone(),
                        ));
                        s
                    }
                };
                store
            }
        };
        if !store.synced.load(Ordering::Acquire) {
            return CountResult::NotReady;
        }
        let n = store.names.read().get(namespace).map_or(0, HashSet::len);
        CountResult::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

async fn watch(
    client: kube::Client,
    resource: ApiResource,
    store: Arc<Store>,
    changed: mpsc::UnboundedSender<String>,
) {
    let api: Api<PartialObjectMeta<DynamicObject>> = Api::all_with(client, &resource);
    let stream = watcher::watcher(api, watcher::Config::default().page_size(500)).default_backoff();
    futures::pin_mut!(stream);
    let mut buffer: Option<HashMap<String, HashSet<String>>> = None;
    while let Some(event) = stream.next().await {
        match event {
            Ok(Event::Init) => buffer = Some(HashMap::new()),
            Ok(Event::InitApply(obj)) => {
                if let (Some(buf), Some(ns), Some(name)) =
                    (buffer.as_mut(), obj.metadata.namespace, obj.metadata.name)
                {
                    buf.entry(ns).or_default().insert(name);
                }
            }
            Ok(Event::InitDone) => {
                if let Some(buf) = buffer.take() {
                    let mut namespaces: HashSet<String> = buf.keys().cloned().collect();
                    {
                        let mut names = store.names.write();
                        namespaces.extend(names.keys().cloned());
                        *names = buf;
                    }
                    store.synced.store(true, Ordering::Release);
                    for ns in namespaces {
                        let _ = changed.send(ns);
                    }
                }
            }
            Ok(Event::Apply(obj)) => {
                if let (Some(ns), Some(name)) = (obj.metadata.namespace, obj.metadata.name) {
                    let added = store
                        .names
                        .write()
                        .entry(ns.clone())
                        .or_default()
                        .insert(name);
                    if added {
                        let _ = changed.send(ns);
                    }
                }
            }
            Ok(Event::Delete(obj)) => {
                if let (Some(ns), Some(name)) = (obj.metadata.namespace, obj.metadata.name) {
                    let removed = store
                        .names
                        .write()
                        .get_mut(&ns)
                        .is_some_and(|s| s.remove(&name));
                    if removed {
                        let _ = changed.send(ns);
                    }
                }
            }
            Err(err) => {
                tracing::debug!(resource = %resource.plural, error = %err, "quota object count watch error")
            }
        }
    }
}
