//! Which nodes a DaemonSet's pod belongs on (Kubernetes'
//! `NodeShouldRunDaemonPod`): the template's `nodeName`, `nodeSelector` and
//! required node affinity must match the node, and the pod — with the
//! tolerations every daemon pod gets — must tolerate the node's NoSchedule and
//! NoExecute taints. A pod already running may stay as long as it tolerates the
//! NoExecute taints.
//!
//! Also the placement of daemon pods: required node affinity on
//! `metadata.name`, which the default scheduler honours.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Affinity, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod,
    PodSpec, PodTemplateSpec, Taint, Toleration,
};

/// The field a daemon pod's node affinity selects its node by.
pub const NODE_NAME_FIELD: &str = "metadata.name";

/// Taint keys daemon pods always tolerate, with the effect tolerated.
const DAEMON_TOLERATIONS: &[(&str, &str)] = &[
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];

/// Tolerated in addition by pods on the host network.
const HOST_NETWORK_TOLERATION: (&str, &str) =
    ("node.kubernetes.io/network-unavailable", "NoSchedule");

fn same_toleration(a: &Toleration, b: &Toleration) -> bool {
    a.key == b.key && a.operator == b.operator && a.value == b.value && a.effect == b.effect
}

/// Adds (or refreshes) a toleration the way Kubernetes'
/// `AddOrUpdateTolerationInPodSpec` does: an identical one is replaced in
/// place, anything else is appended.
fn add_or_update_toleration(spec: &mut PodSpec, toleration: Toleration) {
    let list = spec.tolerations.get_or_insert_with(Vec::new);
    match list.iter_mut().find(|t| same_toleration(t, &toleration)) {
        Some(existing) => *existing = toleration,
        None => list.push(toleration),
    }
}

/// Adds the tolerations every DaemonSet pod gets: not-ready and unreachable
/// (NoExecute), disk, memory and PID pressure and unschedulable (NoSchedule),
/// and network-unavailable for pods on the host network.
pub fn add_daemon_tolerations(spec: &mut PodSpec) {
    let mut wanted: Vec<(&str, &str)> = DAEMON_TOLERATIONS.to_vec();
    if spec.host_network == Some(true) {
        wanted.push(HOST_NETWORK_TOLERATION);
    }
    for (key, effect) in wanted {
        add_or_update_toleration(
            spec,
            Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                effect: Some(effect.into()),
                ..Default::default()
            },
        );
    }
}

/// Whether a toleration tolerates a taint (Kubernetes' `ToleratesTaint`).
pub fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    let effect = toleration.effect.as_deref().unwrap_or("");
    if !effect.is_empty() && effect != taint.effect {
        return false;
    }
    let key = toleration.key.as_deref().unwrap_or("");
    if !key.is_empty() && key != taint.key {
        return false;
    }
    match toleration.operator.as_deref().unwrap_or("") {
        "" | "Equal" => {
            toleration.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or("")
        }
        "Exists" => true,
        _ => false,
    }
}

/// Whether some taint with one of `effects` is not tolerated.
fn has_untolerated(taints: &[Taint], tolerations: &[Toleration], effects: &[&str]) -> bool {
    taints
        .iter()
        .filter(|t| effects.contains(&t.effect.as_str()))
        .any(|t| !tolerations.iter().any(|tol| tolerates(tol, t)))
}

fn label_requirement_matches(
    req: &NodeSelectorRequirement,
    labels: &BTreeMap<String, String>,
) -> bool {
    let values = req.values.as_deref().unwrap_or(&[]);
    let value = labels.get(&req.key);
    match req.operator.as_str() {
        "In" => !values.is_empty() && value.is_some_and(|v| values.contains(v)),
        "NotIn" => !values.is_empty() && value.is_none_or(|v| !values.contains(v)),
        "Exists" => values.is_empty() && value.is_some(),
        "DoesNotExist" => values.is_empty() && value.is_none(),
        "Gt" | "Lt" => {
            let [bound] = values else { return false };
            let (Ok(bound), Some(Ok(actual))) =
                (bound.parse::<i64>(), value.map(|v| v.parse::<i64>()))
            else {
                return false;
            };
            if req.operator == "Gt" {
                actual > bound
            } else {
                actual < bound
            }
        }
        _ => false,
    }
}

fn field_requirement_matches(req: &NodeSelectorRequirement, node_name: &str) -> bool {
    if req.key != NODE_NAME_FIELD {
        return false;
    }
    let values = req.values.as_deref().unwrap_or(&[]);
    match req.operator.as_str() {
        "In" => values.len() == 1 && values[0] == node_name,
        "NotIn" => values.len() == 1 && values[0] != node_name,
        _ => false,
    }
}

/// Whether a node selector term matches: all its expressions and fields (an
/// empty term matches nothing).
fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    let exprs = term.match_expressions.as_deref().unwrap_or(&[]);
    let fields = term.match_fields.as_deref().unwrap_or(&[]);
    if exprs.is_empty() && fields.is_empty() {
        return false;
    }
    let labels = node.metadata.labels.clone().unwrap_or_default();
    let name = node.metadata.name.as_deref().unwrap_or("");
    exprs.iter().all(|r| label_requirement_matches(r, &labels))
        && fields.iter().all(|r| field_requirement_matches(r, name))
}

/// Whether the pod spec's `nodeSelector` and required node affinity match the node.
pub fn matches_node(spec: &PodSpec, node: &Node) -> bool {
    let labels = node.metadata.labels.clone().unwrap_or_default();
    let selector_ok = spec
        .node_selector
        .iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    if !selector_ok {
        return false;
    }
    let required = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| {
            na.required_during_scheduling_ignored_during_execution
                .as_ref()
        });
    match required {
        None => true,
        Some(sel) => sel
            .node_selector_terms
            .iter()
            .any(|t| term_matches(t, node)),
    }
}

/// Whether a daemon pod should run on the node, and whether one already
/// running there may continue to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fit {
    /// A pod should be created if none runs there.
    pub should_run: bool,
    /// A pod running there may stay.
    pub should_continue: bool,
}

/// Kubernetes' `NodeShouldRunDaemonPod` for a DaemonSet's template.
pub fn node_should_run(node: &Node, template: &PodTemplateSpec) -> Fit {
    const NO: Fit = Fit {
        should_run: false,
        should_continue: false,
    };
    let mut spec = template.spec.clone().unwrap_or_default();
    let node_name = node.metadata.name.as_deref().unwrap_or("");
    if spec
        .node_name
        .as_deref()
        .is_some_and(|n| !n.is_empty() && n != node_name)
    {
        return NO;
    }
    add_daemon_tolerations(&mut spec);
    if !matches_node(&spec, node) {
        return NO;
    }
    let taints = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or(&[]);
    let tolerations = spec.tolerations.as_deref().unwrap_or(&[]);
    if has_untolerated(taints, tolerations, &["NoSchedule", "NoExecute"]) {
        return Fit {
            should_run: false,
            should_continue: !has_untolerated(taints, tolerations, &["NoExecute"]),
        };
    }
    Fit {
        should_run: true,
        should_continue: true,
    }
}

/// Replaces the required node affinity with one selecting exactly `node`
/// (Kubernetes' `ReplaceDaemonSetPodNodeNameNodeAffinity`); preferred terms
/// and other affinities are kept.
pub fn pin_to_node(affinity: Option<Affinity>, node: &str) -> Affinity {
    let selector = NodeSelector {
        node_selector_terms: vec![NodeSelectorTerm {
            match_expressions: None,
            match_fields: Some(vec![NodeSelectorRequirement {
                key: NODE_NAME_FIELD.into(),
                operator: "In".into(),
                values: Some(vec![node.to_string()]),
            }]),
        }],
    };
    let mut affinity = affinity.unwrap_or_default();
    let na = affinity
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    na.required_during_scheduling_ignored_during_execution = Some(selector);
    affinity
}

/// The node a daemon pod is for: its `nodeName`, else the `metadata.name` its
/// required node affinity selects (Kubernetes' `GetTargetNodeName`).
pub fn target_node(pod: &Pod) -> Option<String> {
    let spec = pod.spec.as_ref()?;
    if let Some(n) = spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        return Some(n.to_string());
    }
    let terms = &spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?
        .node_selector_terms;
    terms.iter().find_map(|t| {
        t.match_fields.iter().flatten().find_map(|r| {
            let values = r.values.as_deref().unwrap_or(&[]);
            (r.key == NODE_NAME_FIELD && r.operator == "In" && values.len() == 1)
                .then(|| values[0].clone())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::NodeSpec;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn node(name: &str, labels: &[(&str, &str)], taints: &[(&str, &str, &str)]) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(
                    labels
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                ),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                taints: Some(
                    taints
                        .iter()
                        .map(|(k, v, e)| Taint {
                            key: k.to_string(),
                            value: (!v.is_empty()).then(|| v.to_string()),
                            effect: e.to_string(),
                            time_added: None,
                        })
                        .collect(),
                ),
                ..Default::default()
            }),
            status: None,
        }
    }

    fn template(spec: PodSpec) -> PodTemplateSpec {
        PodTemplateSpec {
            metadata: None,
            spec: Some(spec),
        }
    }

    const RUN: Fit = Fit {
        should_run: true,
        should_continue: true,
    };

    #[test]
    fn plain_nodes_run_daemon_pods() {
        assert_eq!(
            node_should_run(&node("n1", &[], &[]), &template(PodSpec::default())),
            RUN
        );
    }

    #[test]
    fn node_name_and_selector_restrict_nodes() {
        let by_name = template(PodSpec {
            node_name: Some("n2".into()),
            ..Default::default()
        });
        assert!(!node_should_run(&node("n1", &[], &[]), &by_name).should_run);
        assert!(node_should_run(&node("n2", &[], &[]), &by_name).should_run);
        let by_label = template(PodSpec {
            node_selector: Some([("disk".to_string(), "ssd".to_string())].into()),
            ..Default::default()
        });
        assert!(!node_should_run(&node("n1", &[], &[]), &by_label).should_continue);
        assert!(node_should_run(&node("n1", &[("disk", "ssd")], &[]), &by_label).should_run);
    }

    fn affinity(exprs: Vec<NodeSelectorRequirement>) -> PodTemplateSpec {
        template(PodSpec {
            affinity: Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                        node_selector_terms: vec![NodeSelectorTerm {
                            match_expressions: Some(exprs),
                            match_fields: None,
                        }],
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: (!values.is_empty()).then(|| values.iter().map(|v| v.to_string()).collect()),
        }
    }

    #[test]
    fn required_node_affinity_operators() {
        let n = node("n1", &[("zone", "a"), ("cores", "8")], &[]);
        let cases = [
            (req("zone", "In", &["a", "b"]), true),
            (req("zone", "In", &["b"]), false),
            (req("zone", "NotIn", &["b"]), true),
            (req("zone", "Exists", &[]), true),
            (req("gpu", "DoesNotExist", &[]), true),
            (req("gpu", "Exists", &[]), false),
            (req("cores", "Gt", &["4"]), true),
            (req("cores", "Lt", &["4"]), false),
            (req("cores", "Gt", &["x"]), false),
        ];
        for (r, want) in cases {
            let op = r.operator.clone();
            assert_eq!(
                node_should_run(&n, &affinity(vec![r])).should_run,
                want,
                "{op}"
            );
        }
    }

    #[test]
    fn taints_need_tolerations_and_no_execute_evicts() {
        let tainted = node("n1", &[], &[("dedicated", "infra", "NoSchedule")]);
        let fit = node_should_run(&tainted, &template(PodSpec::default()));
        assert_eq!(
            fit,
            Fit {
                should_run: false,
                should_continue: true
            }
        );
        let evicting = node("n1", &[], &[("dedicated", "infra", "NoExecute")]);
        assert!(!node_should_run(&evicting, &template(PodSpec::default())).should_continue);
        let tolerant = template(PodSpec {
            tolerations: Some(vec![Toleration {
                key: Some("dedicated".into()),
                operator: Some("Equal".into()),
                value: Some("infra".into()),
                effect: None,
                toleration_seconds: None,
            }]),
            ..Default::default()
        });
        assert_eq!(node_should_run(&tainted, &tolerant), RUN);
        assert_eq!(node_should_run(&evicting, &tolerant), RUN);
        // PreferNoSchedule never keeps daemon pods away.
        let soft = node("n1", &[], &[("x", "", "PreferNoSchedule")]);
        assert_eq!(node_should_run(&soft, &template(PodSpec::default())), RUN);
    }

    #[test]
    fn daemon_pods_tolerate_node_conditions() {
        for (key, effect) in DAEMON_TOLERATIONS {
            let n = node("n1", &[], &[(key, "", effect)]);
            assert_eq!(
                node_should_run(&n, &template(PodSpec::default())),
                RUN,
                "{key}"
            );
        }
        let net = node(
            "n1",
            &[],
            &[("node.kubernetes.io/network-unavailable", "", "NoSchedule")],
        );
        assert!(!node_should_run(&net, &template(PodSpec::default())).should_run);
        let host_net = template(PodSpec {
            host_network: Some(true),
            ..Default::default()
        });
        assert_eq!(node_should_run(&net, &host_net), RUN);
    }

    #[test]
    fn daemon_tolerations_are_not_duplicated() {
        let mut spec = PodSpec::default();
        add_daemon_tolerations(&mut spec);
        add_daemon_tolerations(&mut spec);
        assert_eq!(
            spec.tolerations.as_ref().map(Vec::len),
            Some(DAEMON_TOLERATIONS.len())
        );
    }

    #[test]
    fn pinning_and_target_node() {
        let t = affinity(vec![req("zone", "In", &["a"])]);
        let spec = t.spec.clone().unwrap_or_default();
        let pinned = pin_to_node(spec.affinity.clone(), "n7");
        let pod = Pod {
            spec: Some(PodSpec {
                affinity: Some(pinned),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(target_node(&pod).as_deref(), Some("n7"));
        let pod_spec = pod.spec.clone().unwrap_or_default();
        assert!(matches_node(&pod_spec, &node("n7", &[], &[])));
        assert!(!matches_node(&pod_spec, &node("n8", &[], &[])));
        let bound = Pod {
            spec: Some(PodSpec {
                node_name: Some("n9".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(target_node(&bound).as_deref(), Some("n9"));
        assert_eq!(target_node(&Pod::default()), None);
    }
}
