//! Objects every cluster starts with: the bootstrap RBAC policy, the system
//! namespaces and the `default/kubernetes` Service with its endpoints.

use serde_json::{json, Value};

use crate::api::Api;
use crate::context::RequestCtx;
use crate::status::ApiResult;

/// Namespaces created on start.
pub const SYSTEM_NAMESPACES: &[&str] =
    &["default", "kube-system", "kube-public", "kube-node-lease"];

/// Where clients reach the API server.
#[derive(Clone, Debug)]
pub struct ApiEndpoint {
    /// The `kubernetes` Service's cluster IP.
    pub service_ip: String,
    /// The API server's address as pods should reach it.
    pub host_ip: String,
    /// The API server's port.
    pub port: u16,
}

async fn ensure(
    api: &Api,
    group: &str,
    version: &str,
    plural: &str,
    ns: Option<&str>,
    obj: Value,
) -> ApiResult<()> {
    let Some(def) = api.catalog.get(group, version, plural).cloned() else {
        return Ok(());
    };
    let ctx = RequestCtx::system();
    let name = obj["metadata"]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    match api.get(&def, ns, &name).await {
        Ok(_) => Ok(()),
        Err(e) if e.code == 404 => {
            let obj = (def.normalize)(obj).map_err(crate::status::ApiError::internal)?;
            match api.create(&def, &ctx, ns, obj).await {
                Ok(_) => Ok(()),
                Err(e) if e.code == 409 => Ok(()),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// Creates the system namespaces and the `kubernetes` Service if missing, and
/// points its endpoints at this API server.
pub async fn run(api: &Api, endpoint: &ApiEndpoint) -> ApiResult<()> {
    let rbac = "rbac.authorization.k8s.io";
    for role in crate::authz::bootstrap_policy::cluster_roles() {
        ensure(api, rbac, "v1", "clusterroles", None, role).await?;
    }
    for binding in crate::authz::bootstrap_policy::cluster_role_bindings() {
        ensure(api, rbac, "v1", "clusterrolebindings", None, binding).await?;
    }
    for ns in SYSTEM_NAMESPACES {
        ensure(
            api,
            "",
            "v1",
            "namespaces",
            None,
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}),
        )
        .await?;
    }
    let labels = json!({"component": "apiserver", "provider": "kubernetes"});
    ensure(
        api,
        "",
        "v1",
        "services",
        Some("default"),
        json!({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": "kubernetes", "namespace": "default", "labels": labels},
            "spec": {
                "type": "ClusterIP",
                "clusterIP": endpoint.service_ip,
                "clusterIPs": [endpoint.service_ip],
                "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": endpoint.port}],
                "sessionAffinity": "None",
            },
        }),
    )
    .await?;
    let loopback = endpoint
        .host_ip
        .parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        // Endpoints may not hold loopback addresses, and pods could not reach one.
        tracing::warn!(address = %endpoint.host_ip, "advertise address is loopback; not publishing kubernetes endpoints");
        return Ok(());
    }
    ensure(
        api,
        "",
        "v1",
        "endpoints",
        Some("default"),
        json!({
            "apiVersion": "v1", "kind": "Endpoints",
            "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
            "subsets": [{"addresses": [{"ip": endpoint.host_ip}], "ports": [{"name": "https", "port": endpoint.port, "protocol": "TCP"}]}],
        }),
    )
    .await?;
    ensure(
        api,
        "discovery.k8s.io",
        "v1",
        "endpointslices",
        Some("default"),
        json!({
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": {"name": "kubernetes", "namespace": "default", "labels": {"kubernetes.io/service-name": "kubernetes", "endpointslice.kubernetes.io/managed-by": "capstan-apiserver"}},
            "addressType": "IPv4",
            "endpoints": [{"addresses": [endpoint.host_ip], "conditions": {"ready": true}}],
            "ports": [{"name": "https", "port": endpoint.port, "protocol": "TCP"}],
        }),
    )
    .await?;
    Ok(())
}
