//! The shared informer factory: one informer per resource type for the whole
//! controller manager.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Arc;

use kube::runtime::watcher;
use kube::{Api, Client, Resource};
use parking_lot::Mutex;
use serde::de::DeserializeOwned;

use crate::informer::Informer;

/// Hands out shared informers, starting each on first use.
#[derive(Clone)]
pub struct Informers {
    client: Client,
    map: Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>,
}

impl std::fmt::Debug for Informers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Informers")
            .field("types", &self.map.lock().len())
            .finish()
    }
}

impl Informers {
    /// A factory over `client`.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            map: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The informer for all objects of type `K` across namespaces.
    pub fn get<K>(&self) -> Arc<Informer<K>>
    where
        K: Resource<DynamicType = ()> + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
    {
        let mut map = self.map.lock();
        if let Some(existing) = map.get(&TypeId::of::<K>()) {
            if let Ok(inf) = existing.clone().downcast::<Informer<K>>() {
                return inf;
            }
        }
        let informer = Informer::<K>::new();
        informer.start(
            Api::<K>::all(self.client.clone()),
            watcher::Config::default().page_size(500),
        );
        map.insert(TypeId::of::<K>(), informer.clone());
        informer
    }
}
