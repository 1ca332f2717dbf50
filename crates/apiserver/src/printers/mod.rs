//! Server-side table printing (`Accept: application/json;as=Table`): the columns
//! kubectl shows for each kind, matching Kubernetes' own printers.
//!
//! Each kind's printer lives in its own file; [`printer_for`] picks one by API
//! group and kind, falling back to Kubernetes' default Name / Created At table
//! for kinds that have no dedicated printer (Roles, ClusterRoles, LimitRanges).
//! As in Kubernetes, the server always renders the wide (`-o wide`) cells too;
//! kubectl hides columns of priority 1 unless asked for them.
//!
//! Objects are printed as served. Where a field Kubernetes always defaults is
//! missing (say `spec.replicas`), the printer uses the default, so output
//! matches what Kubernetes shows for the same object after defaulting.

mod age;
mod configmap;
mod controllerrevision;
mod cronjob;
mod csidriver;
mod csinode;
mod daemonset;
mod deployment;
mod endpoints;
mod endpointslice;
mod event;
mod hpa;
mod ingress;
mod ingressclass;
mod job;
mod lease;
mod namespace;
mod networkpolicy;
mod node;
mod pdb;
mod persistentvolume;
mod persistentvolumeclaim;
mod pod;
mod podtemplate;
mod priorityclass;
mod rbac;
mod replicaset;
mod replicationcontroller;
mod resourcequota;
mod runtimeclass;
mod secret;
mod service;
mod serviceaccount;
mod statefulset;
mod storageclass;
mod util;
mod volumeattachment;

pub use age::human_duration;

use serde_json::{json, Value};

use crate::resource::ResourceDef;

/// One column of a table.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Header name.
    pub name: &'static str,
    /// OpenAPI type (`string`, `integer`, `number`, `boolean`, `date`).
    pub kind: &'static str,
    /// OpenAPI format (`name` marks the name column).
    pub format: &'static str,
    /// Description.
    pub description: &'static str,
    /// 0 for default output, 1 for `-o wide` only.
    pub priority: u8,
}

impl Column {
    /// A default-priority string column.
    pub const fn string(name: &'static str, description: &'static str) -> Self {
        Self {
            name,
            kind: "string",
            format: "",
            description,
            priority: 0,
        }
    }

    /// The `Name` column.
    pub const fn name() -> Self {
        Self {
            name: "Name",
            kind: "string",
            format: "name",
            description: "The object's name, unique among objects of its kind in its namespace.",
            priority: 0,
        }
    }

    /// The `Age` column.
    pub const fn age() -> Self {
        Self {
            name: "Age",
            kind: "string",
            format: "",
            description: "Time since the object was created (from metadata.creationTimestamp).",
            priority: 0,
        }
    }

    /// An integer column.
    pub const fn integer(name: &'static str, description: &'static str) -> Self {
        Self {
            name,
            kind: "integer",
            format: "",
            description,
            priority: 0,
        }
    }

    /// A boolean column.
    pub const fn boolean(name: &'static str, description: &'static str) -> Self {
        Self {
            name,
            kind: "boolean",
            format: "",
            description,
            priority: 0,
        }
    }

    /// Marks the column as wide-only.
    pub const fn wide(mut self) -> Self {
        self.priority = 1;
        self
    }

    /// Sets the OpenAPI format.
    pub const fn with_format(mut self, format: &'static str) -> Self {
        self.format = format;
        self
    }
}

/// Renders one kind's rows.
pub trait Printer: Send + Sync {
    /// The columns.
    fn columns(&self) -> Vec<Column>;
    /// The cells of one object, one per column.
    fn cells(&self, obj: &Value, now: jiff::Timestamp) -> Vec<Value>;
    /// The row's `conditions` (`TableRowCondition`s), if any.
    fn conditions(&self, obj: &Value) -> Option<Value> {
        let _ = obj;
        None
    }
}

/// The fallback printer: name and creation time.
struct DefaultPrinter;

impl Printer for DefaultPrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column {
                name: "Created At",
                kind: "date",
                format: "",
                description: "The time the object was created (metadata.creationTimestamp).",
                priority: 0,
            },
        ]
    }

    fn cells(&self, obj: &Value, _now: jiff::Timestamp) -> Vec<Value> {
        // RFC 3339 in UTC without fractional seconds; Go's zero time when unset.
        let created = util::timestamp(&obj["metadata"]["creationTimestamp"])
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_else(|| "0001-01-01T00:00:00Z".to_string());
        vec![util::name_cell(obj), json!(created)]
    }
}

/// The printer for a resource, chosen by API group and kind (and version where
/// the served form differs from the printed one).
pub fn printer_for(def: &ResourceDef) -> &'static dyn Printer {
    match (def.group, def.kind) {
        ("", "Pod") => &pod::PodPrinter,
        ("", "PodTemplate") => &podtemplate::PodTemplatePrinter,
        ("", "ReplicationController") => &replicationcontroller::ReplicationControllerPrinter,
        ("", "Service") => &service::ServicePrinter,
        ("", "Endpoints") => &endpoints::EndpointsPrinter,
        ("", "Node") => &node::NodePrinter,
        ("", "Event") => &event::EventPrinter,
        ("", "Namespace") => &namespace::NamespacePrinter,
        ("", "ConfigMap") => &configmap::ConfigMapPrinter,
        ("", "Secret") => &secret::SecretPrinter,
        ("", "ServiceAccount") => &serviceaccount::ServiceAccountPrinter,
        ("", "PersistentVolume") => &persistentvolume::PersistentVolumePrinter,
        ("", "PersistentVolumeClaim") => &persistentvolumeclaim::PersistentVolumeClaimPrinter,
        ("", "ResourceQuota") => &resourcequota::ResourceQuotaPrinter,
        ("apps", "Deployment") => &deployment::DeploymentPrinter,
        ("apps", "ReplicaSet") => &replicaset::ReplicaSetPrinter,
        ("apps", "StatefulSet") => &statefulset::StatefulSetPrinter,
        ("apps", "DaemonSet") => &daemonset::DaemonSetPrinter,
        ("apps", "ControllerRevision") => &controllerrevision::ControllerRevisionPrinter,
        ("batch", "Job") => &job::JobPrinter,
        ("batch", "CronJob") => &cronjob::CronJobPrinter,
        ("autoscaling", "HorizontalPodAutoscaler") if def.version == "v1" => &hpa::HpaV1Printer,
        ("autoscaling", "HorizontalPodAutoscaler") => &hpa::HpaPrinter,
        ("networking.k8s.io", "Ingress") => &ingress::IngressPrinter,
        ("networking.k8s.io", "IngressClass") => &ingressclass::IngressClassPrinter,
        ("networking.k8s.io", "NetworkPolicy") => &networkpolicy::NetworkPolicyPrinter,
        ("discovery.k8s.io", "EndpointSlice") => &endpointslice::EndpointSlicePrinter,
        ("coordination.k8s.io", "Lease") => &lease::LeasePrinter,
        ("rbac.authorization.k8s.io", "RoleBinding") => &rbac::RoleBindingPrinter,
        ("rbac.authorization.k8s.io", "ClusterRoleBinding") => &rbac::ClusterRoleBindingPrinter,
        ("storage.k8s.io", "StorageClass") => &storageclass::StorageClassPrinter,
        ("storage.k8s.io", "CSIDriver") => &csidriver::CsiDriverPrinter,
        ("storage.k8s.io", "CSINode") => &csinode::CsiNodePrinter,
        ("storage.k8s.io", "VolumeAttachment") => &volumeattachment::VolumeAttachmentPrinter,
        ("policy", "PodDisruptionBudget") => &pdb::PodDisruptionBudgetPrinter,
        ("scheduling.k8s.io", "PriorityClass") => &priorityclass::PriorityClassPrinter,
        ("events.k8s.io", "Event") => &event::EventsV1Printer,
        ("node.k8s.io", "RuntimeClass") => &runtimeclass::RuntimeClassPrinter,
        _ => &DefaultPrinter,
    }
}

/// What each row's `object` carries (`includeObject`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IncludeObject {
    /// Nothing.
    None,
    /// `PartialObjectMetadata`.
    #[default]
    Metadata,
    /// The full object.
    Object,
}

impl IncludeObject {
    /// Parses the `includeObject` parameter.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "None" => Some(Self::None),
            "Metadata" => Some(Self::Metadata),
            "Object" => Some(Self::Object),
            _ => None,
        }
    }
}

/// `PartialObjectMetadata` for an object.
pub fn partial_metadata(obj: &Value, meta_version: &str) -> Value {
    json!({
        "kind": "PartialObjectMetadata",
        "apiVersion": format!("meta.k8s.io/{meta_version}"),
        "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
    })
}

/// Builds a Table of `objs`. `with_columns` false omits column definitions
/// (watch events after the first).
pub fn table(
    def: &ResourceDef,
    objs: &[Value],
    list_meta: Value,
    include: IncludeObject,
    table_version: &str,
    with_columns: bool,
) -> Value {
    let printer = printer_for(def);
    let now = jiff::Timestamp::now();
    let columns: Vec<Value> = if with_columns {
        printer
            .columns()
            .iter()
            .map(|c| {
                json!({
                    "name": c.name,
                    "type": c.kind,
                    "format": c.format,
                    "description": c.description,
                    "priority": c.priority,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let rows: Vec<Value> = objs
        .iter()
        .map(|o| {
            let mut row = json!({ "cells": printer.cells(o, now) });
            if let Some(conditions) = printer.conditions(o) {
                row["conditions"] = conditions;
            }
            match include {
                IncludeObject::None => {}
                IncludeObject::Metadata => row["object"] = partial_metadata(o, table_version),
                IncludeObject::Object => row["object"] = o.clone(),
            }
            row
        })
        .collect();
    json!({
        "kind": "Table",
        "apiVersion": format!("meta.k8s.io/{table_version}"),
        "metadata": list_meta,
        "columnDefinitions": columns,
        "rows": rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kinds Kubernetes prints with the default Name / Created At table.
    const DEFAULT_TABLE_KINDS: [&str; 3] = ["ClusterRole", "Role", "LimitRange"];

    #[test]
    fn every_builtin_kind_has_its_printer() {
        let catalog = crate::builtins::catalog();
        for def in catalog.all().iter().filter(|d| d.stored) {
            let columns = printer_for(def).columns();
            let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
            if DEFAULT_TABLE_KINDS.contains(&def.kind) {
                assert_eq!(names, ["Name", "Created At"], "{}", def.kind);
            } else {
                assert_ne!(names, ["Name", "Created At"], "{} {}", def.group, def.kind);
            }
            // Exactly one column is the object's name.
            let named = columns.iter().filter(|c| c.name == "Name").count();
            assert_eq!(named, 1, "{}", def.kind);
            assert!(columns.iter().all(|c| !c.description.is_empty()));
        }
        let hpa_v1 = catalog
            .by_kind("autoscaling", "v1", "HorizontalPodAutoscaler")
            .expect("served");
        let hpa_v2 = catalog
            .by_kind("autoscaling", "v2", "HorizontalPodAutoscaler")
            .expect("served");
        let obj = json!({"metadata": {"name": "h"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": 3,
                     "targetCPUUtilizationPercentage": 50}});
        let now = util::testing::now();
        assert_eq!(
            printer_for(hpa_v1).cells(&obj, now)[2],
            "cpu: <unknown>/50%"
        );
        assert_eq!(
            printer_for(hpa_v2).cells(&obj, now)[2],
            "cpu: <unknown>/80%"
        );
    }

    #[test]
    fn default_printer() {
        let c = DefaultPrinter.cells(
            &json!({"metadata": {"name": "r", "creationTimestamp": "2024-05-01T10:00:00+02:00"}}),
            util::testing::now(),
        );
        assert_eq!(c, vec![json!("r"), json!("2024-05-01T08:00:00Z")]);
        let c = DefaultPrinter.cells(&json!({"metadata": {"name": "r"}}), util::testing::now());
        assert_eq!(c[1], "0001-01-01T00:00:00Z");
        assert_eq!(DefaultPrinter.columns()[1].kind, "date");
    }

    #[test]
    fn table_rows_carry_conditions_and_objects() {
        let catalog = crate::builtins::catalog();
        let pods = catalog.by_kind("", "v1", "Pod").expect("served");
        let done = json!({"metadata": {"name": "done"}, "status": {"phase": "Succeeded"}});
        let running = json!({"metadata": {"name": "run"}, "status": {"phase": "Running"}});
        let t = table(
            pods,
            &[done, running],
            json!({"resourceVersion": "7"}),
            IncludeObject::Metadata,
            "v1",
            true,
        );
        assert_eq!(t["kind"], "Table");
        assert_eq!(t["columnDefinitions"].as_array().map(Vec::len), Some(9));
        assert_eq!(t["columnDefinitions"][5]["priority"], 1);
        assert_eq!(t["rows"][0]["cells"][2], "Succeeded");
        assert_eq!(t["rows"][0]["conditions"][0]["reason"], "Succeeded");
        assert!(t["rows"][1].get("conditions").is_none());
        assert_eq!(t["rows"][1]["object"]["kind"], "PartialObjectMetadata");
        let t = table(pods, &[], json!({}), IncludeObject::None, "v1", false);
        assert_eq!(t["columnDefinitions"], json!([]));
    }
}
