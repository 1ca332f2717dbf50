//! The ClusterRole aggregation controller: a ClusterRole with an
//! `aggregationRule` gets, as its `rules`, the rules of every other
//! ClusterRole whose labels one of its `clusterRoleSelectors` selects. This is
//! how `admin`, `edit` and `view` (and roles that add to them with the
//! `rbac.authorization.k8s.io/aggregate-to-*` labels) get their permissions.

use std::sync::Arc;
use std::time::Duration;

use capstan_machinery::Selector;
use k8s_openapi::api::rbac::v1::{ClusterRole, PolicyRule};
use kube::api::{Api, Patch, PatchParams};

use capstan_runtime::{run_workers, Informer, Informers, Next, WorkQueue};

/// Starts the ClusterRole aggregation controller.
pub fn start(informers: &Informers) {
    let controller = Arc::new(Controller {
        client: informers.client().clone(),
        roles: informers.get::<ClusterRole>(),
        queue: WorkQueue::new(),
    });
    tokio::spawn(controller.run());
}

struct Controller {
    client: kube::Client,
    roles: Arc<Informer<ClusterRole>>,
    queue: Arc<WorkQueue<String>>,
}

/// The rules `role` aggregates from `all`: those of every other ClusterRole a
/// selector matches, in name order, without repeats.
pub fn aggregated_rules(role: &ClusterRole, all: &[Arc<ClusterRole>]) -> Option<Vec<PolicyRule>> {
    let rule = role.aggregation_rule.as_ref()?;
    let selectors: Vec<Selector> = rule
        .cluster_role_selectors
        .iter()
        .flatten()
        .filter_map(|s| Selector::from_label_selector(Some(s)).ok())
        .collect();
    let mut sources: Vec<&Arc<ClusterRole>> = all
        .iter()
        .filter(|other| other.metadata.name != role.metadata.name)
        .filter(|other| {
            let labels = other.metadata.labels.clone().unwrap_or_default();
            selectors.iter().any(|s| s.matches(&labels))
        })
        .collect();
    sources.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut rules: Vec<PolicyRule> = Vec::new();
    for source in sources {
        for r in source.rules.iter().flatten() {
            if !rules.contains(r) {
                rules.push(r.clone());
            }
        }
    }
    Some(rules)
}

impl Controller {
    async fn run(self: Arc<Self>) {
        if !self.roles.wait_synced(Duration::from_secs(60)).await {
            tracing::warn!(
                "clusterrole aggregation: informer not synced after 60s; starting anyway"
            );
        }
        let mut changes = self.roles.subscribe();
        let me = self.clone();
        tokio::spawn(async move {
            // Any ClusterRole change may alter what an aggregated role selects.
            me.enqueue_aggregated();
            while changes.recv().await.is_some() {
                me.enqueue_aggregated();
            }
        });
        let me = self.clone();
        run_workers(
            "clusterrole-aggregation",
            self.queue.clone(),
            1,
            move |name: String| {
                let me = me.clone();
                async move { me.sync(&name).await }
            },
        );
    }

    fn enqueue_aggregated(&self) {
        for role in self.roles.list() {
            if role.aggregation_rule.is_some() {
                if let Some(name) = role.metadata.name.clone() {
                    self.queue.add(name);
                }
            }
        }
    }

    async fn sync(&self, name: &str) -> anyhow::Result<Next> {
        let Some(role) = self.roles.get(None, name) else {
            return Ok(Next::Done);
        };
        let Some(rules) = aggregated_rules(&role, &self.roles.list()) else {
            return Ok(Next::Done);
        };
        if role.rules.as_deref().unwrap_or_default() == rules.as_slice() {
            return Ok(Next::Done);
        }
        let api: Api<ClusterRole> = Api::all(self.client.clone());
        // A JSON merge patch replaces the whole list, as aggregation must.
        let patch = serde_json::json!({"rules": rules});
        api.patch(name, &PatchParams::default(), &Patch::Merge(&patch))
            .await?;
        Ok(Next::Done)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use k8s_openapi::api::rbac::v1::AggregationRule;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};

    use super::*;

    fn role(
        name: &str,
        labels: &[(&str, &str)],
        verbs: &[&str],
        aggregates: Option<&str>,
    ) -> Arc<ClusterRole> {
        let labels: BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Arc::new(ClusterRole {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(labels),
                ..Default::default()
            },
            rules: Some(vec![PolicyRule {
                verbs: verbs.iter().map(|v| v.to_string()).collect(),
                api_groups: Some(vec!["".into()]),
                resources: Some(vec!["pods".into()]),
                ..Default::default()
            }]),
            aggregation_rule: aggregates.map(|label| AggregationRule {
                cluster_role_selectors: Some(vec![LabelSelector {
                    match_labels: Some(BTreeMap::from([(label.to_string(), "true".to_string())])),
                    match_expressions: None,
                }]),
            }),
        })
    }

    #[test]
    fn unions_selected_roles_in_name_order_without_repeats() {
        let view = role("view", &[], &[], Some("to-view"));
        let all = vec![
            view.clone(),
            role("b-reader", &[("to-view", "true")], &["list"], None),
            role("a-reader", &[("to-view", "true")], &["get"], None),
            role("a-copy", &[("to-view", "true")], &["get"], None),
            role("other", &[("to-edit", "true")], &["delete"], None),
        ];
        let rules = aggregated_rules(&view, &all).unwrap_or_default();
        let verbs: Vec<&str> = rules.iter().map(|r| r.verbs[0].as_str()).collect();
        assert_eq!(verbs, ["get", "list"]);
    }

    #[test]
    fn roles_without_an_aggregation_rule_are_left_alone() {
        let plain = role("plain", &[("to-view", "true")], &["get"], None);
        assert!(aggregated_rules(&plain, std::slice::from_ref(&plain)).is_none());
    }
}
