//! Shared informers: one list+watch per resource type, an in-memory copy of
//! every object, optional indexes, and change notifications fanned out to every
//! controller that subscribes.

use std::collections::{HashMap, HashSet};
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use kube::runtime::watcher::{self, Event};
use kube::runtime::WatchStreamExt;
use kube::{Api, Resource, ResourceExt};
use parking_lot::{Mutex, RwLock};
use serde::de::DeserializeOwned;
use tokio::sync::{mpsc, watch as tokio_watch};

/// A change to one object.
#[derive(Debug)]
pub enum Change<K> {
    /// Seen for the first time.
    Added(Arc<K>),
    /// Changed.
    Updated {
        /// Before.
        old: Arc<K>,
        /// After.
        new: Arc<K>,
    },
    /// Gone (its last known state).
    Deleted(Arc<K>),
}

impl<K> Clone for Change<K> {
    fn clone(&self) -> Self {
        match self {
            Change::Added(k) => Change::Added(k.clone()),
            Change::Updated { old, new } => Change::Updated {
                old: old.clone(),
                new: new.clone(),
            },
            Change::Deleted(k) => Change::Deleted(k.clone()),
        }
    }
}

impl<K> Change<K> {
    /// The object after the change (the last state for a deletion).
    pub fn object(&self) -> &Arc<K> {
        match self {
            Change::Added(k) | Change::Deleted(k) => k,
            Change::Updated { new, .. } => new,
        }
    }
}

/// A function extracting index values from an object.
pub type IndexFn<K> = fn(&K) -> Vec<String>;

/// The store key of an object: `namespace/name`, or `name` when cluster-scoped.
pub fn key_of<K: Resource>(obj: &K) -> String {
    let name = obj.meta().name.clone().unwrap_or_default();
    match obj.meta().namespace.as_deref() {
        Some(ns) if !ns.is_empty() => format!("{ns}/{name}"),
        _ => name,
    }
}

struct Indexes<K> {
    fns: Vec<(&'static str, IndexFn<K>)>,
    values: HashMap<&'static str, HashMap<String, HashSet<String>>>,
}

/// A shared informer for resource type `K`.
pub struct Informer<K> {
    objects: RwLock<HashMap<String, Arc<K>>>,
    indexes: RwLock<Indexes<K>>,
    subscribers: Mutex<Vec<mpsc::UnboundedSender<Change<K>>>>,
    synced: tokio_watch::Sender<bool>,
}

impl<K> Debug for Informer<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Informer")
            .field("objects", &self.objects.read().len())
            .finish()
    }
}

impl<K> Informer<K>
where
    K: Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
{
    /// An informer that has not started.
    pub fn new() -> Arc<Self> {
        let (synced, _) = tokio_watch::channel(false);
        Arc::new(Self {
            objects: RwLock::new(HashMap::new()),
            indexes: RwLock::new(Indexes {
                fns: Vec::new(),
                values: HashMap::new(),
            }),
            subscribers: Mutex::new(Vec::new()),
            synced,
        })
    }

    /// Adds an index (before or after start; existing objects are indexed).
    pub fn add_index(&self, name: &'static str, f: IndexFn<K>) {
        let objects = self.objects.read();
        let mut idx = self.indexes.write();
        if idx.fns.iter().any(|(n, _)| *n == name) {
            return;
        }
        idx.fns.push((name, f));
        let mut map: HashMap<String, HashSet<String>> = HashMap::new();
        for (key, obj) in objects.iter() {
            for v in f(obj) {
                map.entry(v).or_default().insert(key.clone());
            }
        }
        idx.values.insert(name, map);
    }

    /// Starts list+watch through `api`, relisting with backoff on errors.
    pub fn start(self: &Arc<Self>, api: Api<K>, config: watcher::Config) {
        let informer = self.clone();
        tokio::spawn(async move {
            let stream = watcher::watcher(api, config).default_backoff();
            futures::pin_mut!(stream);
            let mut buffer: Option<HashMap<String, Arc<K>>> = None;
            while let Some(event) = stream.next().await {
                match event {
                    Ok(Event::Init) => buffer = Some(HashMap::new()),
                    Ok(Event::InitApply(obj)) => {
                        if let Some(buf) = buffer.as_mut() {
                            buf.insert(key_of(&obj), Arc::new(obj));
                        }
                    }
                    Ok(Event::InitDone) => {
                        if let Some(buf) = buffer.take() {
                            informer.replace_all(buf);
                        }
                        informer.synced.send_replace(true);
                    }
                    Ok(Event::Apply(obj)) => informer.upsert(Arc::new(obj)),
                    Ok(Event::Delete(obj)) => informer.remove(&key_of(&obj)),
                    Err(err) => {
                        tracing::debug!(kind = %K::kind(&()), error = %err, "informer watch error")
                    }
                }
            }
        });
    }

    fn index_add(&self, key: &str, obj: &K) {
        let mut idx = self.indexes.write();
        let fns = idx.fns.clone();
        for (name, f) in fns {
            let map = idx.values.entry(name).or_default();
            for v in f(obj) {
                map.entry(v).or_default().insert(key.to_string());
            }
        }
    }

    fn index_remove(&self, key: &str, obj: &K) {
        let mut idx = self.indexes.write();
        let fns = idx.fns.clone();
        for (name, f) in fns {
            if let Some(map) = idx.values.get_mut(name) {
                for v in f(obj) {
                    if let Some(set) = map.get_mut(&v) {
                        set.remove(key);
                        if set.is_empty() {
                            map.remove(&v);
                        }
                    }
                }
            }
        }
    }

    fn notify(&self, change: Change<K>) {
        self.subscribers
            .lock()
            .retain(|tx| tx.send(change.clone()).is_ok());
    }

    fn upsert(&self, obj: Arc<K>) {
        let key = key_of(obj.as_ref());
        let old = {
            let mut objects = self.objects.write();
            objects.insert(key.clone(), obj.clone())
        };
        if let Some(old) = &old {
            self.index_remove(&key, old);
        }
        self.index_add(&key, &obj);
        match old {
            Some(old) => {
                if old.resource_version() != obj.resource_version()
                    || old.resource_version().is_none()
                {
                    self.notify(Change::Updated { old, new: obj });
                }
            }
            None => self.notify(Change::Added(obj)),
        }
    }

    fn remove(&self, key: &str) {
        let old = self.objects.write().remove(key);
        if let Some(old) = old {
            self.index_remove(key, &old);
            self.notify(Change::Deleted(old));
        }
    }

    fn replace_all(&self, fresh: HashMap<String, Arc<K>>) {
        let gone: Vec<String> = self
            .objects
            .read()
            .keys()
            .filter(|k| !fresh.contains_key(*k))
            .cloned()
            .collect();
        for key in gone {
            self.remove(&key);
        }
        for (_, obj) in fresh {
            self.upsert(obj);
        }
    }

    /// Subscribes to changes. Every object already known is delivered first as
    /// [`Change::Added`], so late subscribers see the full state.
    pub fn subscribe(&self) -> mpsc::UnboundedReceiver<Change<K>> {
        let (tx, rx) = mpsc::unbounded_channel();
        let objects = self.objects.read();
        let mut subs = self.subscribers.lock();
        for obj in objects.values() {
            let _ = tx.send(Change::Added(obj.clone()));
        }
        subs.push(tx);
        rx
    }

    /// Waits until the first list has been loaded (or the timeout passes).
    pub async fn wait_synced(&self, timeout: Duration) -> bool {
        let mut rx = self.synced.subscribe();
        tokio::time::timeout(timeout, rx.wait_for(|s| *s))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Whether the first list has been loaded.
    pub fn is_synced(&self) -> bool {
        *self.synced.borrow()
    }

    /// An object by namespace and name.
    pub fn get(&self, namespace: Option<&str>, name: &str) -> Option<Arc<K>> {
        let key = match namespace {
            Some(ns) if !ns.is_empty() => format!("{ns}/{name}"),
            _ => name.to_string(),
        };
        self.objects.read().get(&key).cloned()
    }

    /// An object by store key.
    pub fn get_key(&self, key: &str) -> Option<Arc<K>> {
        self.objects.read().get(key).cloned()
    }

    /// Every object.
    pub fn list(&self) -> Vec<Arc<K>> {
        self.objects.read().values().cloned().collect()
    }

    /// Every object in a namespace.
    pub fn list_namespace(&self, namespace: &str) -> Vec<Arc<K>> {
        self.objects
            .read()
            .values()
            .filter(|o| o.meta().namespace.as_deref() == Some(namespace))
            .cloned()
            .collect()
    }

    /// Objects whose index `name` contains `value`.
    pub fn by_index(&self, name: &str, value: &str) -> Vec<Arc<K>> {
        let keys: Vec<String> = self
            .indexes
            .read()
            .values
            .get(name)
            .and_then(|m| m.get(value))
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default();
        let objects = self.objects.read();
        keys.iter()
            .filter_map(|k| objects.get(k).cloned())
            .collect()
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.objects.read().len()
    }

    /// Whether the informer holds no objects.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Index function: the namespace.
pub fn index_namespace<K: Resource>(obj: &K) -> Vec<String> {
    obj.meta().namespace.iter().cloned().collect()
}

/// Index function: UIDs of owners (any kind).
pub fn index_owner_uid<K: Resource>(obj: &K) -> Vec<String> {
    obj.meta()
        .owner_references
        .iter()
        .flatten()
        .map(|o| o.uid.clone())
        .collect()
}

/// Index function: the UID of the controlling owner.
pub fn index_controller_uid<K: Resource>(obj: &K) -> Vec<String> {
    obj.meta()
        .owner_references
        .iter()
        .flatten()
        .filter(|o| o.controller == Some(true))
        .map(|o| o.uid.clone())
        .collect()
}
