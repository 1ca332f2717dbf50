//! RoleBindings and ClusterRoleBindings: role and subjects.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{age_cell, list, name_cell, str_of};
use super::{Column, Printer};

/// Prints RoleBindings.
pub(super) struct RoleBindingPrinter;

/// Prints ClusterRoleBindings.
pub(super) struct ClusterRoleBindingPrinter;

fn binding_columns() -> Vec<Column> {
    vec![
        Column::name(),
        Column::string("Role", "The bound role, as Kind/name."),
        Column::age(),
        Column::string("Users", "Users the binding grants the role to.").wide(),
        Column::string("Groups", "Groups the binding grants the role to.").wide(),
        Column::string(
            "ServiceAccounts",
            "Service accounts (namespace/name) the binding grants the role to.",
        )
        .wide(),
    ]
}

fn binding_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    let role_ref = &obj["roleRef"];
    let mut users = Vec::new();
    let mut groups = Vec::new();
    let mut service_accounts = Vec::new();
    for subject in list(&obj["subjects"]) {
        let name = str_of(&subject["name"]);
        match str_of(&subject["kind"]) {
            "ServiceAccount" => {
                service_accounts.push(format!("{}/{name}", str_of(&subject["namespace"])))
            }
            "User" => users.push(name.to_string()),
            "Group" => groups.push(name.to_string()),
            _ => {}
        }
    }
    vec![
        name_cell(obj),
        json!(format!(
            "{}/{}",
            str_of(&role_ref["kind"]),
            str_of(&role_ref["name"])
        )),
        age_cell(obj, now),
        json!(users.join(", ")),
        json!(groups.join(", ")),
        json!(service_accounts.join(", ")),
    ]
}

impl Printer for RoleBindingPrinter {
    fn columns(&self) -> Vec<Column> {
        binding_columns()
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        binding_cells(obj, now)
    }
}

impl Printer for ClusterRoleBindingPrinter {
    fn columns(&self) -> Vec<Column> {
        binding_columns()
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        binding_cells(obj, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn bindings() {
        let (all, wide) = names(&RoleBindingPrinter);
        assert_eq!(
            all,
            ["Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"]
        );
        assert_eq!(wide, ["Users", "Groups", "ServiceAccounts"]);
        let rb = json!({
            "metadata": {"name": "admins", "creationTimestamp": ago(600)},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "admin"},
            "subjects": [{"kind": "User", "name": "alice"}, {"kind": "User", "name": "bob"},
                         {"kind": "Group", "name": "ops"},
                         {"kind": "ServiceAccount", "namespace": "ci", "name": "deployer"},
                         {"kind": "Other", "name": "x"}]
        });
        let expected = vec![
            json!("admins"),
            json!("ClusterRole/admin"),
            json!("10m"),
            json!("alice, bob"),
            json!("ops"),
            json!("ci/deployer"),
        ];
        assert_eq!(cells(&RoleBindingPrinter, &rb), expected);
        assert_eq!(cells(&ClusterRoleBindingPrinter, &rb), expected);
        let empty = json!({"metadata": {"name": "e"}, "roleRef": {"kind": "Role", "name": "r"}});
        assert_eq!(cells(&RoleBindingPrinter, &empty)[3], "");
    }
}
