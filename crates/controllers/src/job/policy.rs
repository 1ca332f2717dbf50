//! `spec.podFailurePolicy` and `spec.successPolicy` matching.

use k8s_openapi::api::batch::v1::{
    PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement, SuccessPolicy,
};
use k8s_openapi::api::core::v1::{ContainerStatus, Pod};

use super::indexes::Intervals;

/// The action of the rule a failed pod matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Fail the whole Job.
    FailJob,
    /// Fail the pod's index (with `backoffLimitPerIndex`).
    FailIndex,
    /// Do not count the failure.
    Ignore,
    /// Count the failure as usual.
    Count,
}

/// The outcome of matching a failed pod against the policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Set when a FailJob rule matched: the Job's failure message.
    pub fail_job_message: Option<String>,
    /// Whether the failure counts towards the back-off limits.
    pub count_failed: bool,
    /// The matched action, if any rule matched.
    pub action: Option<Action>,
}

impl Match {
    fn none() -> Self {
        Match {
            fail_job_message: None,
            count_failed: true,
            action: None,
        }
    }
}

/// Matches a failed pod against the rules in order; the first matching rule wins.
pub fn match_pod_failure_policy(policy: Option<&PodFailurePolicy>, pod: &Pod) -> Match {
    let Some(policy) = policy else {
        return Match::none();
    };
    let ns = pod.metadata.namespace.as_deref().unwrap_or("");
    let name = pod.metadata.name.as_deref().unwrap_or("");
    for (index, rule) in policy.rules.iter().enumerate() {
        let matched: Option<String> = if let Some(req) = &rule.on_exit_codes {
            matching_container(pod, req).map(|c| {
                let code = c
                    .state
                    .as_ref()
                    .and_then(|s| s.terminated.as_ref())
                    .map(|t| t.exit_code)
                    .unwrap_or(0);
                format!(
                    "Container {} for pod {ns}/{name} failed with exit code {code} matching {} rule at index {index}",
                    c.name, rule.action
                )
            })
        } else if let Some(patterns) = &rule.on_pod_conditions {
            pod.status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .and_then(|conds| {
                    conds.iter().find(|c| {
                        patterns
                            .iter()
                            .any(|p| p.type_ == c.type_ && p.status == c.status)
                    })
                })
                .map(|c| {
                    format!(
                        "Pod {ns}/{name} has condition {} matching {} rule at index {index}",
                        c.type_, rule.action
                    )
                })
        } else {
            None
        };
        let Some(message) = matched else { continue };
        match rule.action.as_str() {
            "Ignore" => {
                return Match {
                    fail_job_message: None,
                    count_failed: false,
                    action: Some(Action::Ignore),
                }
            }
            "FailIndex" => {
                return Match {
                    fail_job_message: None,
                    count_failed: true,
                    action: Some(Action::FailIndex),
                }
            }
            "Count" => {
                return Match {
                    fail_job_message: None,
                    count_failed: true,
                    action: Some(Action::Count),
                }
            }
            "FailJob" => {
                return Match {
                    fail_job_message: Some(message),
                    count_failed: true,
                    action: Some(Action::FailJob),
                }
            }
            // An unknown action matches nothing; later rules still apply.
            _ => {}
        }
    }
    Match::none()
}

fn matching_container<'a>(
    pod: &'a Pod,
    req: &PodFailurePolicyOnExitCodesRequirement,
) -> Option<&'a ContainerStatus> {
    let status = pod.status.as_ref()?;
    let find = |list: Option<&'a Vec<ContainerStatus>>| {
        list.into_iter().flatten().find(|c| {
            let Some(t) = c.state.as_ref().and_then(|s| s.terminated.as_ref()) else {
                return false;
            };
            if req.container_name.as_ref().is_some_and(|n| *n != c.name) {
                return false;
            }
            t.exit_code != 0 && exit_code_matches(t.exit_code, req)
        })
    };
    find(status.container_statuses.as_ref())
        .or_else(|| find(status.init_container_statuses.as_ref()))
}

fn exit_code_matches(code: i32, req: &PodFailurePolicyOnExitCodesRequirement) -> bool {
    match req.operator.as_str() {
        "In" => req.values.contains(&code),
        "NotIn" => !req.values.contains(&code),
        _ => false,
    }
}

/// Matches the succeeded indexes against `spec.successPolicy`; returns the
/// SuccessCriteriaMet message when a rule is satisfied.
pub fn match_success_policy(
    policy: Option<&SuccessPolicy>,
    completions: i32,
    succeeded: &Intervals,
) -> Option<String> {
    let policy = policy?;
    if succeeded.is_empty() {
        return None;
    }
    for (index, rule) in policy.rules.iter().enumerate() {
        if let Some(spec) = &rule.succeeded_indexes {
            let required = Intervals::parse(spec, completions);
            if required.is_empty() {
                continue;
            }
            if indexes_rule_met(&required, succeeded, rule.succeeded_count) {
                return Some(format!("Matched rules at index {index}"));
            }
        } else if let Some(count) = rule.succeeded_count {
            if succeeded.total() >= count {
                return Some(format!("Matched rules at index {index}"));
            }
        }
    }
    None
}

fn indexes_rule_met(required: &Intervals, succeeded: &Intervals, count: Option<i32>) -> bool {
    let (r, s) = (&required.0, &succeeded.0);
    let (mut i, mut j, mut contains) = (0, 0, 0);
    while i < r.len() && j < s.len() {
        let overlap = r[i].last.min(s[j].last) - r[i].first.max(s[j].first) + 1;
        if overlap > 0 {
            contains += overlap;
        }
        match s[j].last.cmp(&r[i].last) {
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    contains == required.total() || count.is_some_and(|c| contains >= c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failed_pod(code: i32, conditions: serde_json::Value) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": "p", "namespace": "ns"},
            "status": {"phase": "Failed", "conditions": conditions,
                "containerStatuses": [
                    {"name": "ok", "image": "i", "imageID": "", "ready": false, "restartCount": 0,
                     "state": {"terminated": {"exitCode": 0}}},
                    {"name": "main", "image": "i", "imageID": "", "ready": false, "restartCount": 0,
                     "state": {"terminated": {"exitCode": code}}}]}
        }))
        .expect("pod")
    }

    fn policy(v: serde_json::Value) -> PodFailurePolicy {
        serde_json::from_value(v).expect("policy")
    }

    #[test]
    fn exit_code_rules_match_in_order() {
        let p = policy(json!({"rules": [
            {"action": "Ignore", "onExitCodes": {"operator": "In", "values": [3]}},
            {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
            {"action": "Count", "onExitCodes": {"operator": "NotIn", "values": [42, 3]}},
        ]}));
        let m = match_pod_failure_policy(Some(&p), &failed_pod(3, json!([])));
        assert_eq!((m.action, m.count_failed), (Some(Action::Ignore), false));
        let m = match_pod_failure_policy(Some(&p), &failed_pod(42, json!([])));
        assert_eq!(m.action, Some(Action::FailJob));
        assert_eq!(
            m.fail_job_message.as_deref(),
            Some("Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1")
        );
        let m = match_pod_failure_policy(Some(&p), &failed_pod(7, json!([])));
        assert_eq!((m.action, m.count_failed), (Some(Action::Count), true));
        let m = match_pod_failure_policy(None, &failed_pod(7, json!([])));
        assert_eq!((m.action, m.count_failed), (None, true));
    }

    #[test]
    fn zero_exit_codes_never_match_and_conditions_do() {
        let p = policy(json!({"rules": [
            {"action": "FailJob", "onExitCodes": {"operator": "NotIn", "values": [1]}},
            {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]},
        ]}));
        let m = match_pod_failure_policy(
            Some(&p),
            &failed_pod(1, json!([{"type": "DisruptionTarget", "status": "True"}])),
        );
        assert_eq!(m.action, Some(Action::Ignore));
        let m = match_pod_failure_policy(
            Some(&p),
            &failed_pod(1, json!([{"type": "DisruptionTarget", "status": "False"}])),
        );
        assert_eq!(m.action, None);
        let fail_index = policy(json!({"rules": [
            {"action": "FailIndex", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]}]}));
        let m = match_pod_failure_policy(
            Some(&fail_index),
            &failed_pod(1, json!([{"type": "DisruptionTarget", "status": "True"}])),
        );
        assert_eq!(m.action, Some(Action::FailIndex));
    }

    #[test]
    fn success_policy_rules() {
        let sp: SuccessPolicy = serde_json::from_value(json!({"rules": [
            {"succeededIndexes": "0,2-3"},
            {"succeededCount": 4},
            {"succeededIndexes": "5-9", "succeededCount": 2},
        ]}))
        .expect("policy");
        assert_eq!(
            match_success_policy(Some(&sp), 10, &Intervals::parse("0,2", 10)),
            None
        );
        assert_eq!(
            match_success_policy(Some(&sp), 10, &Intervals::parse("0,2-3", 10)).as_deref(),
            Some("Matched rules at index 0")
        );
        assert_eq!(
            match_success_policy(Some(&sp), 10, &Intervals::parse("1,4,6,8", 10)).as_deref(),
            Some("Matched rules at index 1")
        );
        assert_eq!(
            match_success_policy(Some(&sp), 10, &Intervals::parse("6-7", 10)).as_deref(),
            Some("Matched rules at index 2")
        );
        assert_eq!(
            match_success_policy(None, 10, &Intervals::parse("0-9", 10)),
            None
        );
    }
}
