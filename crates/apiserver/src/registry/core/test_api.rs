//! A real API over an embedded store in a temporary directory, for tests of
//! strategies through the generic store.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::api::{Api, ApiSettings};
use crate::context::RequestCtx;
use crate::resource::ResourceDef;
use crate::schema::Schemas;

/// An API with the built-in catalog and the `default` namespace.
pub async fn api(settings: ApiSettings, dir: &std::path::Path) -> Arc<Api> {
    let store = capstan_store::embedded::EmbeddedStore::open(dir).expect("store");
    let catalog = crate::builtins::catalog();
    let schemas = Schemas::build(&catalog);
    let api = Api::new(Arc::new(store), catalog, schemas, settings);
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}});
    api.create(&def(&api, "namespaces"), &RequestCtx::system(), None, ns)
        .await
        .expect("namespace");
    api
}

/// The core/v1 resource `plural`.
pub fn def(api: &Api, plural: &str) -> Arc<ResourceDef> {
    api.catalog
        .get("", "v1", plural)
        .cloned()
        .expect("core resource")
}

/// Decodes a JSON body the way the HTTP layer does before calling the store.
pub fn decoded(def: &ResourceDef, obj: Value) -> Value {
    (def.normalize)(obj).expect("decodes")
}
