//! Matching helpers shared by plugins: tolerations, node selector terms and
//! label selectors.

use std::collections::BTreeMap;

use capstan_machinery::selector::labels::{Operator, Requirement, Selector};
use k8s_openapi::api::core::v1::{NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

/// Whether `toleration` tolerates `taint`.
pub fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    if let Some(effect) = toleration.effect.as_deref().filter(|e| !e.is_empty()) {
        if effect != taint.effect {
            return false;
        }
    }
    let key = toleration.key.as_deref().unwrap_or_default();
    if !key.is_empty() && key != taint.key {
        return false;
    }
    match toleration.operator.as_deref().unwrap_or("Equal") {
        "Exists" => true,
        "Equal" | "" => {
            toleration.value.as_deref().unwrap_or_default()
                == taint.value.as_deref().unwrap_or_default()
        }
        _ => false,
    }
}

/// Whether any toleration tolerates `taint`.
pub fn tolerated(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| tolerates(t, taint))
}

/// Whether some NoSchedule or NoExecute taint is not tolerated.
pub fn has_untolerated_do_not_schedule_taint(taints: &[Taint], tolerations: &[Toleration]) -> bool {
    taints.iter().any(|t| {
        (t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerated(tolerations, t)
    })
}

fn requirement(r: &NodeSelectorRequirement) -> Option<Requirement> {
    let op = match r.operator.as_str() {
        "In" => Operator::In,
        "NotIn" => Operator::NotIn,
        "Exists" => Operator::Exists,
        "DoesNotExist" => Operator::DoesNotExist,
        "Gt" => Operator::GreaterThan,
        "Lt" => Operator::LessThan,
        _ => return None,
    };
    Requirement::new(&r.key, op, r.values.iter().flatten()).ok()
}

/// Whether a node (labels, name) matches one node selector term: every
/// expression and field requirement holds. An empty term matches nothing.
pub fn term_matches(
    term: &NodeSelectorTerm,
    labels: &BTreeMap<String, String>,
    node_name: &str,
) -> bool {
    let exprs = term.match_expressions.as_deref().unwrap_or(&[]);
    let fields = term.match_fields.as_deref().unwrap_or(&[]);
    if exprs.is_empty() && fields.is_empty() {
        return false;
    }
    for e in exprs {
        match requirement(e) {
            Some(r) if r.matches(labels) => {}
            _ => return false,
        }
    }
    for f in fields {
        if f.key != "metadata.name" {
            return false;
        }
        let values = f.values.as_deref().unwrap_or(&[]);
        let ok = match f.operator.as_str() {
            "In" => values.iter().any(|v| v == node_name),
            "NotIn" => !values.iter().any(|v| v == node_name),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Whether any of the terms matches (node selector terms are ORed).
pub fn terms_match(
    terms: &[NodeSelectorTerm],
    labels: &BTreeMap<String, String>,
    node_name: &str,
) -> bool {
    terms.iter().any(|t| term_matches(t, labels, node_name))
}

/// A label selector; `None` (nil) selects nothing.
pub fn selector(sel: Option<&LabelSelector>) -> Selector {
    Selector::from_label_selector(sel).unwrap_or_else(|_| Selector::nothing())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: Some(value.into()),
            effect: effect.into(),
            ..Default::default()
        }
    }

    #[test]
    fn toleration_rules() {
        let t = taint("dedicated", "gpu", "NoSchedule");
        let exact = Toleration {
            key: Some("dedicated".into()),
            value: Some("gpu".into()),
            effect: Some("NoSchedule".into()),
            ..Default::default()
        };
        assert!(tolerates(&exact, &t));
        let wrong_value = Toleration {
            value: Some("cpu".into()),
            ..exact.clone()
        };
        assert!(!tolerates(&wrong_value, &t));
        let exists_any = Toleration {
            operator: Some("Exists".into()),
            ..Default::default()
        };
        assert!(tolerates(&exists_any, &t));
        let other_effect = Toleration {
            effect: Some("NoExecute".into()),
            ..exact
        };
        assert!(!tolerates(&other_effect, &t));
    }

    #[test]
    fn node_selector_terms() {
        let labels: BTreeMap<String, String> = [
            ("zone".to_string(), "a".to_string()),
            ("cores".to_string(), "8".to_string()),
        ]
        .into();
        let term: NodeSelectorTerm = serde_json::from_value(serde_json::json!({
            "matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}, {"key": "cores", "operator": "Gt", "values": ["4"]}],
        }))
        .expect("term");
        assert!(term_matches(&term, &labels, "n1"));
        let by_name: NodeSelectorTerm = serde_json::from_value(serde_json::json!({
            "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n2"]}],
        }))
        .expect("term");
        assert!(!term_matches(&by_name, &labels, "n1"));
        assert!(term_matches(&by_name, &labels, "n2"));
        assert!(!term_matches(&NodeSelectorTerm::default(), &labels, "n1"));
    }
}
