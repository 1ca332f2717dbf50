//! PodSpec and PodTemplateSpec defaulting and validation, shared by pods and
//! every workload that embeds a pod template.
//!
//! Defaulting follows Kubernetes' v1 defaulters for the pod spec and everything
//! nested in it; the rules that only apply to real pods live in `pod_defaults`.
//! Validation lives in `pod_spec_validation`.

use capstan_machinery::validation::{ErrorList, FieldPath};
use serde_json::{json, Value};

use super::json::{default_field, default_nonzero, for_each_mut, has, str_of, with_mut};

/// Default file mode of projected files (0644).
pub const DEFAULT_FILE_MODE: i64 = 0o644;

/// Defaults a PodSpec (JSON object) in place, as Kubernetes' defaulters do.
pub fn default_pod_spec(spec: &mut Value) {
    if !spec.is_object() {
        return;
    }
    default_field(spec, "dnsPolicy", json!("ClusterFirst"));
    default_field(spec, "restartPolicy", json!("Always"));
    default_field(spec, "schedulerName", json!("default-scheduler"));
    if !has(spec, "securityContext") {
        default_field(spec, "securityContext", json!({}));
    }
    if !has(spec, "terminationGracePeriodSeconds") {
        default_field(spec, "terminationGracePeriodSeconds", json!(30));
    }
    // The deprecated `serviceAccount` mirrors `serviceAccountName`.
    let account = str_of(spec, "serviceAccountName")
        .filter(|s| !s.is_empty())
        .or_else(|| str_of(spec, "serviceAccount").filter(|s| !s.is_empty()))
        .map(str::to_string);
    if let (Some(account), Some(map)) = (account, spec.as_object_mut()) {
        map.insert("serviceAccountName".into(), json!(account));
        map.insert("serviceAccount".into(), json!(account));
    }
    for key in ["containers", "initContainers", "ephemeralContainers"] {
        for_each_mut(spec, key, default_container);
    }
    for_each_mut(spec, "volumes", default_volume);
}

/// Defaults a PodTemplateSpec (`{metadata, spec}`) in place.
pub fn default_pod_template(template: &mut Value) {
    if let Some(spec) = template.get_mut("spec") {
        default_pod_spec(spec);
    }
}

/// Validates a PodSpec found at `path` (e.g. `spec` or `spec.template.spec`).
/// `is_template` relaxes rules that only apply to real pods: as in Kubernetes, a
/// template's image must be set but may carry surrounding whitespace.
pub fn validate_pod_spec(spec: &Value, path: &FieldPath, is_template: bool) -> ErrorList {
    super::pod_spec_validation::validate_spec(spec, path, is_template)
}

/// Validates a PodTemplateSpec found at `path` (e.g. `spec.template`): its labels
/// and annotations and its spec.
pub fn validate_pod_template(template: &Value, path: &FieldPath) -> ErrorList {
    super::pod_spec_validation::validate_template(template, path)
}

/// Whether an image reference names the `latest` tag explicitly or implicitly
/// (no tag and no digest).
pub fn image_is_latest(image: &str) -> bool {
    if image.contains('@') {
        return false;
    }
    // A tag follows the last ':' after the last '/' (a ':' before it is a registry port).
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, tag)) => tag == "latest",
        None => true,
    }
}

fn default_container(c: &mut Value) {
    let image = str_of(c, "image").unwrap_or_default();
    if !image.is_empty() {
        let policy = if image_is_latest(image) {
            "Always"
        } else {
            "IfNotPresent"
        };
        default_field(c, "imagePullPolicy", json!(policy));
    } else {
        default_field(c, "imagePullPolicy", json!("IfNotPresent"));
    }
    default_field(c, "terminationMessagePath", json!("/dev/termination-log"));
    default_field(c, "terminationMessagePolicy", json!("File"));
    for_each_mut(c, "ports", |p| default_field(p, "protocol", json!("TCP")));
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        with_mut(c, probe, default_probe);
    }
    with_mut(c, "lifecycle", |l| {
        for hook in ["postStart", "preStop"] {
            with_mut(l, hook, default_handler);
        }
    });
    for_each_mut(c, "env", |e| {
        with_mut(e, "valueFrom", |vf| {
            with_mut(vf, "fieldRef", default_field_ref)
        });
    });
}

fn default_field_ref(r: &mut Value) {
    default_field(r, "apiVersion", json!("v1"));
}

fn default_handler(h: &mut Value) {
    with_mut(h, "httpGet", |g| {
        default_field(g, "path", json!("/"));
        default_field(g, "scheme", json!("HTTP"));
    });
}

fn default_probe(p: &mut Value) {
    default_nonzero(p, "timeoutSeconds", 1);
    default_nonzero(p, "periodSeconds", 10);
    default_nonzero(p, "successThreshold", 1);
    default_nonzero(p, "failureThreshold", 3);
    default_handler(p);
    with_mut(p, "grpc", |g| default_field(g, "service", json!("")));
}

/// Every volume source field of a v1 Volume.
pub const VOLUME_SOURCES: &[&str] = &[
    "hostPath",
    "emptyDir",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
];

fn default_volume(vol: &mut Value) {
    if !VOLUME_SOURCES.iter().any(|s| has(vol, s)) {
        if let Some(map) = vol.as_object_mut() {
            map.insert("emptyDir".into(), json!({}));
        }
        return;
    }
    with_mut(vol, "hostPath", |h| default_field(h, "type", json!("")));
    for source in ["secret", "configMap", "downwardAPI", "projected"] {
        with_mut(vol, source, |s| {
            if !has(s, "defaultMode") {
                default_field(s, "defaultMode", json!(DEFAULT_FILE_MODE));
            }
        });
    }
    with_mut(vol, "downwardAPI", |d| {
        for_each_mut(d, "items", |i| with_mut(i, "fieldRef", default_field_ref));
    });
    with_mut(vol, "projected", |p| {
        for_each_mut(p, "sources", |s| {
            with_mut(s, "serviceAccountToken", |t| {
                default_nonzero(t, "expirationSeconds", 3600)
            });
            with_mut(s, "downwardAPI", |d| {
                for_each_mut(d, "items", |i| with_mut(i, "fieldRef", default_field_ref));
            });
        });
    });
    with_mut(vol, "iscsi", |i| {
        default_field(i, "iscsiInterface", json!("default"))
    });
    with_mut(vol, "rbd", |r| {
        default_field(r, "pool", json!("rbd"));
        default_field(r, "user", json!("admin"));
        default_field(r, "keyring", json!("/etc/ceph/keyring"));
    });
    with_mut(vol, "azureDisk", |a| {
        default_field(a, "cachingMode", json!("ReadWrite"));
        default_field(a, "fsType", json!("ext4"));
        default_field(a, "kind", json!("Shared"));
        if !has(a, "readOnly") {
            default_field(a, "readOnly", json!(false));
        }
    });
    with_mut(vol, "scaleIO", |s| {
        default_field(s, "storageMode", json!("ThinProvisioned"));
        default_field(s, "fsType", json!("xfs"));
    });
    with_mut(vol, "image", |i| {
        let reference = str_of(i, "reference").unwrap_or_default();
        let policy = if image_is_latest(reference) {
            "Always"
        } else {
            "IfNotPresent"
        };
        default_field(i, "pullPolicy", json!(policy));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_defaults_match_kubernetes() {
        let mut spec = json!({
            "containers": [{
                "name": "app", "image": "nginx",
                "ports": [{"containerPort": 80}],
                "livenessProbe": {"httpGet": {"port": 80}},
                "env": [{"name": "N", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]
            }, {"name": "b", "image": "nginx:1.25"}],
            "volumes": [
                {"name": "c", "configMap": {"name": "x"}},
                {"name": "s", "secret": {"secretName": "x"}},
                {"name": "h", "hostPath": {"path": "/tmp"}},
                {"name": "e"}
            ]
        });
        default_pod_spec(&mut spec);
        assert_eq!(spec["dnsPolicy"], "ClusterFirst");
        assert_eq!(spec["restartPolicy"], "Always");
        assert_eq!(spec["schedulerName"], "default-scheduler");
        assert_eq!(spec["securityContext"], json!({}));
        assert_eq!(spec["terminationGracePeriodSeconds"], 30);
        let c = &spec["containers"][0];
        assert_eq!(c["imagePullPolicy"], "Always");
        assert_eq!(spec["containers"][1]["imagePullPolicy"], "IfNotPresent");
        assert_eq!(c["terminationMessagePath"], "/dev/termination-log");
        assert_eq!(c["terminationMessagePolicy"], "File");
        assert_eq!(c["ports"][0]["protocol"], "TCP");
        assert_eq!(
            c["livenessProbe"],
            json!({"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"},
                   "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
        );
        assert_eq!(c["env"][0]["valueFrom"]["fieldRef"]["apiVersion"], "v1");
        assert_eq!(spec["volumes"][0]["configMap"]["defaultMode"], 420);
        assert_eq!(spec["volumes"][1]["secret"]["defaultMode"], 420);
        assert_eq!(spec["volumes"][2]["hostPath"]["type"], "");
        assert_eq!(spec["volumes"][3]["emptyDir"], json!({}));
        assert!(spec.get("enableServiceLinks").is_none());
    }

    #[test]
    fn image_tags() {
        assert!(image_is_latest("nginx"));
        assert!(image_is_latest("nginx:latest"));
        assert!(image_is_latest("registry:5000/nginx"));
        assert!(!image_is_latest("registry:5000/nginx:1.0"));
        assert!(!image_is_latest("nginx@sha256:abcd"));
    }

    #[test]
    fn service_account_mirrors() {
        let mut spec = json!({"serviceAccount": "old", "containers": []});
        default_pod_spec(&mut spec);
        assert_eq!(spec["serviceAccountName"], "old");
        assert_eq!(spec["serviceAccount"], "old");
    }
}
