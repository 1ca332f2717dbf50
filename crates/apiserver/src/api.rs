//! The API's shared state: store, catalog, watch caches and schemas.

use std::collections::HashMap;
use std::sync::Arc;

use capstan_store::Store;
use serde_json::Value;

use crate::catalog::Catalog;
use crate::resource::ResourceDef;
use crate::schema::Schemas;
use crate::status::{ApiError, ApiResult};
use crate::watch_cache::{CachedObject, FieldExtractor, WatchCache};

/// Settings the API layer needs from the server configuration.
#[derive(Clone, Debug)]
pub struct ApiSettings {
    /// Service IP range (CIDR).
    pub service_cidr: String,
    /// Node port range, inclusive.
    pub node_port_range: (u16, u16),
    /// Maximum request body size in bytes.
    pub max_body_bytes: usize,
    /// Signs and verifies service account tokens; without it the
    /// `serviceaccounts/token` subresource is not served.
    pub token_issuer: Option<Arc<crate::serviceaccount::Issuer>>,
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            service_cidr: "10.43.0.0/16".into(),
            node_port_range: (30000, 32767),
            max_body_bytes: 3 * 1024 * 1024,
            token_issuer: None,
        }
    }
}

/// Shared state of the API server.
pub struct Api {
    /// The backing store.
    pub store: Arc<dyn Store>,
    /// Served resources.
    pub catalog: Catalog,
    /// Type information for every served type.
    pub schemas: Arc<Schemas>,
    /// Settings.
    pub settings: ApiSettings,
    /// Decides what each user may do (RBAC).
    pub authorizer: crate::authz::Authorizer,
    caches: HashMap<String, Arc<WatchCache>>,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").finish_non_exhaustive()
    }
}

impl Api {
    /// Builds the API state and starts one watch cache per storage prefix.
    /// Must be called inside a tokio runtime.
    pub fn new(
        store: Arc<dyn Store>,
        catalog: Catalog,
        schemas: Arc<Schemas>,
        settings: ApiSettings,
    ) -> Arc<Self> {
        let mut caches = HashMap::new();
        for def in catalog.all() {
            if !def.stored || def.converter.is_some() || caches.contains_key(&def.storage_prefix) {
                continue;
            }
            let extractor = field_extractor(def);
            let cache = WatchCache::start(store.clone(), def.storage_prefix.clone(), extractor);
            caches.insert(def.storage_prefix.clone(), cache);
        }
        let authorizer = crate::authz::Authorizer::new(&catalog, &caches);
        Arc::new(Self {
            store,
            catalog,
            schemas,
            settings,
            authorizer,
            caches,
        })
    }

    /// The watch cache holding a resource's objects.
    pub fn cache(&self, def: &ResourceDef) -> ApiResult<&Arc<WatchCache>> {
        self.caches
            .get(&def.storage_prefix)
            .ok_or_else(|| ApiError::internal(format!("no watch cache for {}", def.storage_prefix)))
    }

    /// The resource definition for a kind in the storage version of a shared prefix.
    pub fn storage_def(&self, def: &ResourceDef) -> Arc<ResourceDef> {
        self.catalog
            .all()
            .iter()
            .find(|d| d.storage_prefix == def.storage_prefix && d.converter.is_none())
            .cloned()
            .unwrap_or_else(|| self.catalog.all()[0].clone())
    }

    /// Waits until every watch cache has loaded.
    pub async fn wait_caches_ready(&self, timeout: std::time::Duration) -> Result<(), String> {
        for cache in self.caches.values() {
            cache.wait_fresh(Some(0), timeout).await?;
        }
        Ok(())
    }

    /// Whether every watch cache has loaded.
    pub fn caches_ready(&self) -> bool {
        self.caches.values().all(|c| c.is_ready())
    }

    /// Converts a stored object to the served version of `def`.
    pub fn storage_to_served(&self, def: &ResourceDef, obj: Value) -> ApiResult<Value> {
        match &def.converter {
            Some(c) => c.storage_to_served(obj).map_err(ApiError::internal),
            None => Ok(obj),
        }
    }

    /// Converts a served object to the storage version.
    pub fn to_storage(&self, def: &ResourceDef, obj: Value) -> ApiResult<Value> {
        match &def.converter {
            Some(c) => c.to_storage(obj).map_err(ApiError::bad_request),
            None => Ok(obj),
        }
    }

    /// A cached object in the served version of `def`, with `rv` as its resourceVersion.
    pub fn served_json(&self, def: &ResourceDef, obj: &CachedObject, rv: i64, out: &mut Vec<u8>) {
        if def.converter.is_none() {
            obj.write_json(out, rv);
            return;
        }
        let value = obj.to_value(rv);
        match self.storage_to_served(def, value) {
            Ok(v) => {
                if let Ok(bytes) = serde_json::to_vec(&v) {
                    out.extend_from_slice(&bytes);
                }
            }
            Err(err) => tracing::error!(error = %err, "converting stored object"),
        }
    }
}

fn field_extractor(def: &ResourceDef) -> Arc<FieldExtractor> {
    let strategy = def.strategy.clone();
    Arc::new(move |obj: &Value| {
        strategy
            .selectable_fields()
            .iter()
            .filter_map(|f| strategy.field_value(obj, f).map(|v| (*f, v)))
            .collect()
    })
}
