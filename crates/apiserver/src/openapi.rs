//! OpenAPI documents: `/openapi/v2` (Swagger 2.0) and `/openapi/v3` with one
//! document per group version. kubectl reads them for `apply` (patch metadata,
//! `fieldValidation` support) and `explain`.

use std::sync::Arc;

use http::{header, HeaderValue, Request, StatusCode};
use hyper::body::Incoming;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::api::Api;
use crate::http::response::{self, Format, Resp};
use crate::resource::ResourceDef;
use crate::schema::Dialect;
use crate::status::ApiError;
use crate::version::{CAPSTAN_VERSION, KUBERNETES_VERSION};

/// Serves the OpenAPI documents, generated on demand from the catalog.
pub struct OpenApi {
    api: Arc<Api>,
}

impl std::fmt::Debug for OpenApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenApi").finish_non_exhaustive()
    }
}

fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

fn schema_ref(dialect: Dialect, name: &str) -> Value {
    match dialect {
        Dialect::OpenApiV2 => json!({"$ref": format!("#/definitions/{name}")}),
        Dialect::OpenApiV3 => json!({"$ref": format!("#/components/schemas/{name}")}),
    }
}

fn op_id(verb: &str, def: &ResourceDef, namespaced_path: bool, suffix: &str) -> String {
    let group = def
        .group
        .split('.')
        .next()
        .map(|g| {
            let mut c = g.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let group = if def.group.is_empty() {
        "Core".to_string()
    } else {
        group
    };
    let version = {
        let mut c = def.version.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let scope = if namespaced_path { "Namespaced" } else { "" };
    format!("{verb}{group}{version}{scope}{}{suffix}", def.kind)
}

fn query_param(dialect: Dialect, name: &str, kind: &str, description: &str) -> Value {
    match dialect {
        Dialect::OpenApiV2 => {
            json!({"name": name, "in": "query", "type": kind, "uniqueItems": true, "description": description})
        }
        Dialect::OpenApiV3 => {
            json!({"name": name, "in": "query", "schema": {"type": kind, "uniqueItems": true}, "description": description})
        }
    }
}

fn path_param(dialect: Dialect, name: &str, description: &str) -> Value {
    match dialect {
        Dialect::OpenApiV2 => {
            json!({"name": name, "in": "path", "required": true, "type": "string", "uniqueItems": true, "description": description})
        }
        Dialect::OpenApiV3 => {
            json!({"name": name, "in": "path", "required": true, "schema": {"type": "string", "uniqueItems": true}, "description": description})
        }
    }
}

fn write_params(dialect: Dialect, patch: bool) -> Vec<Value> {
    let mut params = vec![
        query_param(
            dialect,
            "dryRun",
            "string",
            "When present, indicates that modifications should not be persisted. Valid value: All.",
        ),
        query_param(
            dialect,
            "fieldManager",
            "string",
            "A name associated with the actor or entity that is making these changes.",
        ),
        query_param(
            dialect,
            "fieldValidation",
            "string",
            "How the server treats unknown or duplicate fields: Ignore, Warn (default) or Strict.",
        ),
    ];
    if patch {
        params.push(query_param(
            dialect,
            "force",
            "boolean",
            "Force apply requests to take ownership of conflicting fields.",
        ));
    }
    params
}

fn list_params(dialect: Dialect) -> Vec<Value> {
    vec![
        query_param(
            dialect,
            "allowWatchBookmarks",
            "boolean",
            "Request watch events with type BOOKMARK.",
        ),
        query_param(
            dialect,
            "continue",
            "string",
            "The continue token of a previous paged list.",
        ),
        query_param(
            dialect,
            "fieldSelector",
            "string",
            "A selector restricting the returned objects by their fields.",
        ),
        query_param(
            dialect,
            "labelSelector",
            "string",
            "A selector restricting the returned objects by their labels.",
        ),
        query_param(
            dialect,
            "limit",
            "integer",
            "Maximum number of objects to return in one page.",
        ),
        query_param(
            dialect,
            "resourceVersion",
            "string",
            "Constrains which resource versions the request may be served from.",
        ),
        query_param(
            dialect,
            "resourceVersionMatch",
            "string",
            "How resourceVersion is applied to list calls.",
        ),
        query_param(
            dialect,
            "sendInitialEvents",
            "boolean",
            "Begin a watch with synthetic events for the current state.",
        ),
        query_param(
            dialect,
            "timeoutSeconds",
            "integer",
            "Timeout for the list or watch call.",
        ),
        query_param(
            dialect,
            "watch",
            "boolean",
            "Watch for changes instead of listing.",
        ),
    ]
}

fn delete_params(dialect: Dialect) -> Vec<Value> {
    vec![
        query_param(
            dialect,
            "dryRun",
            "string",
            "When present, indicates that modifications should not be persisted. Valid value: All.",
        ),
        query_param(
            dialect,
            "gracePeriodSeconds",
            "integer",
            "Seconds before the object should be deleted.",
        ),
        query_param(
            dialect,
            "propagationPolicy",
            "string",
            "Whether and how garbage collection is performed: Orphan, Background or Foreground.",
        ),
    ]
}

fn responses(dialect: Dialect, codes: &[&str], schema: &str) -> Value {
    let mut out = Map::new();
    for code in codes {
        let r = match dialect {
            Dialect::OpenApiV2 => {
                json!({"description": "OK", "schema": schema_ref(dialect, schema)})
            }
            Dialect::OpenApiV3 => json!({
                "description": "OK",
                "content": {
                    "application/json": {"schema": schema_ref(dialect, schema)},
                    "application/yaml": {"schema": schema_ref(dialect, schema)},
                },
            }),
        };
        out.insert((*code).to_string(), r);
    }
    out.insert("401".into(), json!({"description": "Unauthorized"}));
    Value::Object(out)
}

#[allow(clippy::too_many_arguments)]
fn operation(
    dialect: Dialect,
    def: &ResourceDef,
    action: &str,
    id: String,
    params: Vec<Value>,
    body: Option<(&str, &[&str])>,
    codes: &[&str],
    response_schema: &str,
    gvk: &Value,
) -> Value {
    let mut op = json!({
        "operationId": id,
        "description": format!("{action} {}", def.kind),
        "tags": [def.group.split('.').next().unwrap_or("core")],
        "parameters": params,
        "responses": responses(dialect, codes, response_schema),
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": gvk,
    });
    if let Some((schema, content_types)) = body {
        match dialect {
            Dialect::OpenApiV2 => {
                if let Some(params) = op["parameters"].as_array_mut() {
                    params.push(json!({"name": "body", "in": "body", "required": true, "schema": schema_ref(dialect, schema)}));
                }
                op["consumes"] = json!(content_types);
            }
            Dialect::OpenApiV3 => {
                let content: Map<String, Value> = content_types
                    .iter()
                    .map(|ct| {
                        (
                            (*ct).to_string(),
                            json!({"schema": schema_ref(dialect, schema)}),
                        )
                    })
                    .collect();
                op["requestBody"] = json!({"required": true, "content": content});
            }
        }
    }
    if dialect == Dialect::OpenApiV2 {
        op["produces"] = json!(["application/json", "application/yaml"]);
        op["schemes"] = json!(["https"]);
    }
    op
}

const PATCH_TYPES: &[&str] = &[
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
    "application/apply-patch+yaml",
];
const PATCH_SCHEMA: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
const STATUS_SCHEMA: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
const DELETE_SCHEMA: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
const SCALE_SCHEMA: &str = "io.k8s.api.autoscaling.v1.Scale";

/// Adds the paths of one resource to `paths`.
fn resource_paths(dialect: Dialect, def: &ResourceDef, paths: &mut Map<String, Value>) {
    let gvk = json!({"group": def.group, "version": def.version, "kind": def.kind});
    let root = format!("/{}", gv_path(def.group, def.version));
    let ns_seg = if def.namespaced {
        "/namespaces/{namespace}"
    } else {
        ""
    };
    let collection = format!("{root}{ns_seg}/{}", def.plural);
    let item = format!("{collection}/{{name}}");
    let mut common = vec![query_param(
        dialect,
        "pretty",
        "string",
        "If 'true', the output is pretty printed.",
    )];
    if def.namespaced {
        common.insert(
            0,
            path_param(
                dialect,
                "namespace",
                "object name and auth scope, such as for teams and projects",
            ),
        );
    }
    let obj = def.definition.as_str();
    let list = def.list_definition.as_str();
    let ns = def.namespaced;
    let json_types: &[&str] = &["application/json", "application/yaml"];
    if !def.stored {
        paths.insert(
            collection,
            json!({
                "post": operation(dialect, def, "post", op_id("create", def, ns, ""), write_params(dialect, false), Some((obj, json_types)), &["200", "201", "202"], obj, &gvk),
                "parameters": common,
            }),
        );
        return;
    }
    let mut coll = json!({
        "get": operation(dialect, def, "list", op_id("list", def, ns, ""), list_params(dialect), None, &["200"], list, &gvk),
        "post": operation(dialect, def, "post", op_id("create", def, ns, ""), write_params(dialect, false), Some((obj, json_types)), &["200", "201", "202"], obj, &gvk),
        "delete": operation(dialect, def, "deletecollection", op_id("deleteCollection", def, ns, ""), [delete_params(dialect), list_params(dialect)].concat(), Some((DELETE_SCHEMA, json_types)), &["200"], STATUS_SCHEMA, &gvk),
        "parameters": common.clone(),
    });
    if !def.allows("create") {
        if let Some(m) = coll.as_object_mut() {
            m.remove("post");
        }
    }
    paths.insert(collection, coll);
    let mut item_common = common.clone();
    item_common.insert(
        0,
        path_param(dialect, "name", &format!("name of the {}", def.kind)),
    );
    paths.insert(
        item.clone(),
        json!({
            "get": operation(dialect, def, "get", op_id("read", def, ns, ""), vec![], None, &["200"], obj, &gvk),
            "put": operation(dialect, def, "put", op_id("replace", def, ns, ""), write_params(dialect, false), Some((obj, json_types)), &["200", "201"], obj, &gvk),
            "patch": operation(dialect, def, "patch", op_id("patch", def, ns, ""), write_params(dialect, true), Some((PATCH_SCHEMA, PATCH_TYPES)), &["200", "201"], obj, &gvk),
            "delete": operation(dialect, def, "delete", op_id("delete", def, ns, ""), delete_params(dialect), Some((DELETE_SCHEMA, json_types)), &["200", "202"], STATUS_SCHEMA, &gvk),
            "parameters": item_common.clone(),
        }),
    );
    if def.status_subresource {
        paths.insert(
            format!("{item}/status"),
            json!({
                "get": operation(dialect, def, "get", op_id("read", def, ns, "Status"), vec![], None, &["200"], obj, &gvk),
                "put": operation(dialect, def, "put", op_id("replace", def, ns, "Status"), write_params(dialect, false), Some((obj, json_types)), &["200", "201"], obj, &gvk),
                "patch": operation(dialect, def, "patch", op_id("patch", def, ns, "Status"), write_params(dialect, true), Some((PATCH_SCHEMA, PATCH_TYPES)), &["200", "201"], obj, &gvk),
                "parameters": item_common.clone(),
            }),
        );
    }
    if def.scale_subresource {
        let scale_gvk = json!({"group": "autoscaling", "version": "v1", "kind": "Scale"});
        paths.insert(
            format!("{item}/scale"),
            json!({
                "get": operation(dialect, def, "get", op_id("read", def, ns, "Scale"), vec![], None, &["200"], SCALE_SCHEMA, &scale_gvk),
                "put": operation(dialect, def, "put", op_id("replace", def, ns, "Scale"), write_params(dialect, false), Some((SCALE_SCHEMA, json_types)), &["200", "201"], SCALE_SCHEMA, &scale_gvk),
                "patch": operation(dialect, def, "patch", op_id("patch", def, ns, "Scale"), write_params(dialect, true), Some((PATCH_SCHEMA, PATCH_TYPES)), &["200", "201"], SCALE_SCHEMA, &scale_gvk),
                "parameters": item_common,
            }),
        );
    }
    if def.namespaced {
        paths.insert(
            format!("{root}/{}", def.plural),
            json!({
                "get": operation(dialect, def, "list", op_id("list", def, false, "ForAllNamespaces"), list_params(dialect), None, &["200"], list, &gvk),
                "parameters": [query_param(dialect, "pretty", "string", "If 'true', the output is pretty printed.")],
            }),
        );
    }
}

impl OpenApi {
    /// Creates the document server.
    pub fn new(api: Arc<Api>) -> Self {
        Self { api }
    }

    fn info() -> Value {
        json!({"title": "Kubernetes", "version": KUBERNETES_VERSION})
    }

    fn hash_of(&self, group: &str, version: &str) -> String {
        let mut h = Sha256::new();
        h.update(KUBERNETES_VERSION);
        h.update(CAPSTAN_VERSION);
        h.update(gv_path(group, version));
        for def in self.api.catalog.in_version(group, version) {
            h.update(def.plural);
            h.update(def.definition.as_bytes());
        }
        let digest = h.finalize();
        digest.iter().take(32).map(|b| format!("{b:02X}")).collect()
    }

    /// `/openapi/v3`: the index of group-version documents.
    pub fn v3_root(&self) -> Resp {
        let mut paths = Map::new();
        for (group, versions) in self.api.catalog.groups() {
            for version in versions {
                let p = gv_path(group, version);
                let url = format!("/openapi/v3/{p}?hash={}", self.hash_of(group, version));
                paths.insert(p, json!({"serverRelativeURL": url}));
            }
        }
        response::value(StatusCode::OK, &json!({"paths": paths}), Format::Json)
    }

    /// `/openapi/v3/<api/v1 | apis/group/version>`.
    pub fn v3_group_version(&self, path: &str, req: &Request<Incoming>) -> Resp {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let (group, version) = match parts.as_slice() {
            ["api", v] => (String::new(), v.to_string()),
            ["apis", g, v] => (g.to_string(), v.to_string()),
            _ => return response::error(&ApiError::path_not_found()),
        };
        if !self.api.catalog.serves_version(&group, &version) {
            return response::error(&ApiError::path_not_found());
        }
        let defs: Vec<&Arc<ResourceDef>> = self.api.catalog.in_version(&group, &version).collect();
        let mut paths = Map::new();
        for def in &defs {
            resource_paths(Dialect::OpenApiV3, def, &mut paths);
        }
        let schemas = self
            .api
            .schemas
            .definitions(Dialect::OpenApiV3, defs.iter().map(|d| d.as_ref()));
        let doc = json!({
            "openapi": "3.0.0",
            "info": Self::info(),
            "paths": paths,
            "components": {
                "schemas": schemas,
                "securitySchemes": {"BearerToken": {"type": "apiKey", "description": "Bearer Token authentication", "name": "authorization", "in": "header"}},
            },
        });
        let mut resp = response::value(StatusCode::OK, &doc, Format::Json);
        drop(doc);
        crate::memory::release_free_memory();
        let wanted = self.hash_of(&group, &version);
        let requested = req.uri().query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "hash")
                .map(|(_, v)| v.into_owned())
        });
        let cache = if requested.as_deref() == Some(wanted.as_str()) {
            "public, immutable"
        } else {
            "no-cache, private"
        };
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if let Ok(etag) = HeaderValue::from_str(&format!("\"{wanted}\"")) {
            resp.headers_mut().insert(header::ETAG, etag);
        }
        resp
    }

    /// `/openapi/v2`: one Swagger 2.0 document for everything.
    pub fn v2(&self, _req: &Request<Incoming>) -> Resp {
        let mut paths = Map::new();
        for def in self.api.catalog.all() {
            resource_paths(Dialect::OpenApiV2, def, &mut paths);
        }
        let definitions = self.api.schemas.definitions(
            Dialect::OpenApiV2,
            self.api.catalog.all().iter().map(|d| d.as_ref()),
        );
        let doc = json!({
            "swagger": "2.0",
            "info": Self::info(),
            "paths": paths,
            "definitions": definitions,
            "securityDefinitions": {"BearerToken": {"type": "apiKey", "description": "Bearer Token authentication", "name": "authorization", "in": "header"}},
            "security": [{"BearerToken": []}],
        });
        let resp = response::value(StatusCode::OK, &doc, Format::Json);
        drop(doc);
        crate::memory::release_free_memory();
        resp
    }
}
