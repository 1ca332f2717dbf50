//! Server-side table printing (`Accept: application/json;as=Table`): the columns
//! kubectl shows for each kind, matching Kubernetes' own printers.

mod age;

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
            description:
                "Name must be unique within a namespace. Can only be set at creation time.",
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

    /// Marks the column as wide-only.
    pub const fn wide(mut self) -> Self {
        self.priority = 1;
        self
    }
}

/// Renders one kind's rows.
pub trait Printer: Send + Sync {
    /// The columns.
    fn columns(&self) -> Vec<Column>;
    /// The cells of one object, one per column.
    fn cells(&self, obj: &Value, now: jiff::Timestamp) -> Vec<Value>;
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
        vec![
            json!(obj
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default()),
            obj.pointer("/metadata/creationTimestamp")
                .cloned()
                .unwrap_or(Value::Null),
        ]
    }
}

/// The printer for a resource.
pub fn printer_for(def: &ResourceDef) -> &'static dyn Printer {
    let _ = def;
    &DefaultPrinter
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
