//! Services: type, addresses, ports and selector.

use jiff::Timestamp;
use serde_json::{json, Value};

use super::util::{
    age_cell, format_labels, int_of, list, load_balancer_ingress, name_cell, str_of, NONE,
};
use super::{Column, Printer};

/// Prints Services.
pub(super) struct ServicePrinter;

impl Printer for ServicePrinter {
    fn columns(&self) -> Vec<Column> {
        vec![
            Column::name(),
            Column::string("Type", "How the service is exposed."),
            Column::string("Cluster-IP", "The service's virtual IP inside the cluster."),
            Column::string(
                "External-IP",
                "Addresses the service is reachable at from outside.",
            ),
            Column::string("Port(s)", "Service ports, with node ports, and protocols."),
            Column::age(),
            Column::string("Selector", "Labels of the pods behind the service.").wide(),
        ]
    }

    fn cells(&self, obj: &Value, now: Timestamp) -> Vec<Value> {
        let spec = &obj["spec"];
        // spec.type defaults to ClusterIP.
        let ty = spec["type"].as_str().unwrap_or("ClusterIP");
        let ports = port_string(list(&spec["ports"]));
        vec![
            name_cell(obj),
            json!(ty),
            json!(cluster_ip(spec)),
            json!(external_ip(obj, ty)),
            json!(if ports.is_empty() {
                NONE.to_string()
            } else {
                ports
            }),
            age_cell(obj, now),
            json!(format_labels(&spec["selector"])),
        ]
    }
}

/// `spec.clusterIP` (authoritative in the v1 conversion), else the first of
/// `spec.clusterIPs`, else `<none>`.
fn cluster_ip(spec: &Value) -> &str {
    let ip = str_of(&spec["clusterIP"]);
    if !ip.is_empty() {
        return ip;
    }
    list(&spec["clusterIPs"])
        .first()
        .map(str_of)
        .unwrap_or(NONE)
}

fn external_ips(spec: &Value) -> Vec<&str> {
    list(&spec["externalIPs"]).iter().map(str_of).collect()
}

fn external_ip(obj: &Value, ty: &str) -> String {
    let spec = &obj["spec"];
    let external = external_ips(spec);
    match ty {
        "ClusterIP" | "NodePort" => {
            if external.is_empty() {
                NONE.to_string()
            } else {
                external.join(",")
            }
        }
        "LoadBalancer" => {
            let lb = load_balancer_ingress(&obj["status"]["loadBalancer"]["ingress"]);
            if !external.is_empty() {
                let mut all: Vec<&str> = if lb.is_empty() {
                    Vec::new()
                } else {
                    lb.split(',').collect()
                };
                all.extend(external);
                all.join(",")
            } else if !lb.is_empty() {
                lb
            } else {
                "<pending>".to_string()
            }
        }
        "ExternalName" => str_of(&spec["externalName"]).to_string(),
        _ => "<unknown>".to_string(),
    }
}

/// `80/TCP`, or `80:30080/TCP` with a node port, comma-joined.
fn port_string(ports: &[Value]) -> String {
    ports
        .iter()
        .map(|p| {
            let port = int_of(&p["port"]);
            // protocol defaults to TCP.
            let protocol = p["protocol"].as_str().unwrap_or("TCP");
            let node_port = int_of(&p["nodePort"]);
            if node_port > 0 {
                format!("{port}:{node_port}/{protocol}")
            } else {
                format!("{port}/{protocol}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printers::util::testing::{ago, cells, names};

    #[test]
    fn columns() {
        let (all, wide) = names(&ServicePrinter);
        assert_eq!(
            all,
            [
                "Name",
                "Type",
                "Cluster-IP",
                "External-IP",
                "Port(s)",
                "Age",
                "Selector"
            ]
        );
        assert_eq!(wide, ["Selector"]);
    }

    #[test]
    fn node_port_service() {
        let svc = json!({
            "metadata": {"name": "web", "creationTimestamp": ago(130)},
            "spec": {"type": "NodePort", "clusterIP": "10.96.0.20", "clusterIPs": ["10.96.0.20"],
                     "selector": {"app": "web"},
                     "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"},
                               {"port": 53, "protocol": "UDP"}]}
        });
        assert_eq!(
            cells(&ServicePrinter, &svc),
            vec![
                json!("web"),
                json!("NodePort"),
                json!("10.96.0.20"),
                json!("<none>"),
                json!("80:30080/TCP,53/UDP"),
                json!("2m10s"),
                json!("app=web"),
            ]
        );
    }

    #[test]
    fn cluster_ip_variants() {
        let headless = json!({"metadata": {"name": "h"},
            "spec": {"clusterIP": "None", "externalIPs": ["1.2.3.4", "5.6.7.8"]}});
        let c = cells(&ServicePrinter, &headless);
        assert_eq!(c[1], "ClusterIP");
        assert_eq!(c[2], "None");
        assert_eq!(c[3], "1.2.3.4,5.6.7.8");
        assert_eq!(c[4], "<none>");
        assert_eq!(c[6], "<none>");
        let from_list = json!({"metadata": {"name": "l"}, "spec": {"clusterIPs": ["fd00::10"],
            "ports": [{"port": 443}]}});
        let c = cells(&ServicePrinter, &from_list);
        assert_eq!(c[2], "fd00::10");
        assert_eq!(c[4], "443/TCP");
    }

    #[test]
    fn load_balancers() {
        let mut lb = json!({"metadata": {"name": "lb"},
            "spec": {"type": "LoadBalancer", "clusterIP": "10.0.0.1",
                     "ports": [{"port": 443, "nodePort": 31443, "protocol": "TCP"}]}});
        assert_eq!(cells(&ServicePrinter, &lb)[3], "<pending>");
        lb["status"] = json!({"loadBalancer": {"ingress": [
            {"hostname": "a-very-long-load-balancer-name.elb.example.com"}, {"ip": "203.0.113.9"}]}});
        // The server prints the wide form: never clipped.
        assert_eq!(
            cells(&ServicePrinter, &lb)[3],
            "203.0.113.9,a-very-long-load-balancer-name.elb.example.com"
        );
        lb["spec"]["externalIPs"] = json!(["198.51.100.1"]);
        assert_eq!(
            cells(&ServicePrinter, &lb)[3],
            "203.0.113.9,a-very-long-load-balancer-name.elb.example.com,198.51.100.1"
        );
        lb["status"] = json!({});
        assert_eq!(cells(&ServicePrinter, &lb)[3], "198.51.100.1");
    }

    #[test]
    fn external_name_and_unknown() {
        let en = json!({"metadata": {"name": "db"},
            "spec": {"type": "ExternalName", "externalName": "db.example.com"}});
        let c = cells(&ServicePrinter, &en);
        assert_eq!(c[2], "<none>");
        assert_eq!(c[3], "db.example.com");
        let odd = json!({"metadata": {"name": "x"}, "spec": {"type": "Weird"}});
        assert_eq!(cells(&ServicePrinter, &odd)[3], "<unknown>");
    }
}
