//! From a metric-based recommendation to the replicas the HPA sets, as
//! Kubernetes does: stabilization (the highest recommendation of the last 5
//! minutes for scale-down; with `behavior`, per-direction windows), then limits
//! — min/max replicas and, without `behavior`, at most max(2×current, 4) per
//! step; with `behavior`, the scaling policies over their periods (`Max`,
//! `Min` or `Disabled` selection). Each step reports the condition reason and
//! message Kubernetes uses for `AbleToScale` and `ScalingLimited`.

use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::autoscaling::v2::{
    HPAScalingPolicy, HPAScalingRules, HorizontalPodAutoscalerBehavior,
};

/// Default scale-down stabilization window (`--horizontal-pod-autoscaler-downscale-stabilization`).
pub const DOWNSCALE_STABILIZATION: Duration = Duration::from_secs(300);

/// A recommendation made at some time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Recommendation {
    /// Replicas recommended.
    pub replicas: i32,
    /// When.
    pub at: Timestamp,
}

/// A scaling event (replicas added or removed) at some time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScaleEvent {
    /// Replicas changed (positive).
    pub change: i32,
    /// When.
    pub at: Timestamp,
    /// Older than the longest policy period.
    pub outdated: bool,
}

/// What the controller remembers per HPA between syncs.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Recent recommendations.
    pub recommendations: Vec<Recommendation>,
    /// Recent scale-ups.
    pub scale_up_events: Vec<ScaleEvent>,
    /// Recent scale-downs.
    pub scale_down_events: Vec<ScaleEvent>,
}

/// A condition to set: (reason, message).
pub type ConditionText = (&'static str, String);

/// The outcome of normalization.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalized {
    /// Replicas to set.
    pub replicas: i32,
    /// `AbleToScale` (True) reason and message.
    pub able_to_scale: ConditionText,
    /// `ScalingLimited` status (true when limited), reason and message.
    pub limited: (bool, &'static str, String),
}

fn before(at: Timestamp, now: Timestamp, window: Duration) -> bool {
    now.duration_since(at).as_secs_f64() > window.as_secs_f64()
}

/// Stabilization without `behavior`: the highest recommendation within the
/// window (including this one); records this recommendation.
pub fn stabilize(
    history: &mut History,
    recommendation: i32,
    now: Timestamp,
    window: Duration,
) -> i32 {
    let mut max = recommendation;
    let mut old_index = None;
    for (i, r) in history.recommendations.iter().enumerate() {
        if before(r.at, now, window) {
            old_index = Some(i);
        } else if r.replicas > max {
            max = r.replicas;
        }
    }
    let rec = Recommendation {
        replicas: recommendation,
        at: now,
    };
    match old_index {
        Some(i) => history.recommendations[i] = rec,
        None => history.recommendations.push(rec),
    }
    max
}

/// The scale-up limit without `behavior`.
pub fn scale_up_limit(current: i32) -> i32 {
    current.saturating_mul(2).max(4)
}

/// Normalization for HPAs without `behavior`.
pub fn normalize(
    history: &mut History,
    current: i32,
    recommendation: i32,
    min: i32,
    max: i32,
    now: Timestamp,
) -> Normalized {
    let stabilized = stabilize(history, recommendation, now, DOWNSCALE_STABILIZATION);
    let able_to_scale = if stabilized != recommendation {
        ("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation".to_string())
    } else {
        (
            "ReadyForNewScale",
            "recommended size matches current size".to_string(),
        )
    };
    let up_limit = scale_up_limit(current);
    let (maximum, limit_reason, limit_message) = if max > up_limit {
        (
            up_limit,
            "ScaleUpLimit",
            "the desired replica count is increasing faster than the maximum scale rate",
        )
    } else {
        (
            max,
            "TooManyReplicas",
            "the desired replica count is more than the maximum replica count",
        )
    };
    let (replicas, reason, message) = if stabilized < min {
        (
            min,
            "TooFewReplicas",
            "the desired replica count is less than the minimum replica count",
        )
    } else if stabilized > maximum {
        (maximum, limit_reason, limit_message)
    } else {
        (
            stabilized,
            "DesiredWithinRange",
            "the desired count is within the acceptable range",
        )
    };
    Normalized {
        replicas,
        able_to_scale,
        limited: (replicas != stabilized, reason, message.to_string()),
    }
}

fn default_scale_up() -> HPAScalingRules {
    HPAScalingRules {
        stabilization_window_seconds: Some(0),
        select_policy: Some("Max".into()),
        policies: Some(vec![
            HPAScalingPolicy {
                type_: "Pods".into(),
                value: 4,
                period_seconds: 15,
            },
            HPAScalingPolicy {
                type_: "Percent".into(),
                value: 100,
                period_seconds: 15,
            },
        ]),
        tolerance: None,
    }
}

fn default_scale_down() -> HPAScalingRules {
    HPAScalingRules {
        stabilization_window_seconds: Some(300),
        select_policy: Some("Max".into()),
        policies: Some(vec![HPAScalingPolicy {
            type_: "Percent".into(),
            value: 100,
            period_seconds: 15,
        }]),
        tolerance: None,
    }
}

/// Fills unset fields of scaling rules from Kubernetes' defaults.
pub fn with_defaults(rules: Option<&HPAScalingRules>, up: bool) -> HPAScalingRules {
    let defaults = if up {
        default_scale_up()
    } else {
        default_scale_down()
    };
    let Some(r) = rules else { return defaults };
    HPAScalingRules {
        stabilization_window_seconds: r
            .stabilization_window_seconds
            .or(defaults.stabilization_window_seconds),
        select_policy: r.select_policy.clone().or(defaults.select_policy),
        policies: r.policies.clone().or(defaults.policies),
        tolerance: r.tolerance.clone(),
    }
}

fn window(rules: &HPAScalingRules) -> Duration {
    Duration::from_secs(
        u64::try_from(rules.stabilization_window_seconds.unwrap_or(0).max(0)).unwrap_or(0),
    )
}

/// Stabilization with `behavior`: the recommendation is kept between the
/// lowest of the scale-up window and the highest of the scale-down window.
pub fn stabilize_with_behavior(
    history: &mut History,
    current: i32,
    recommendation: i32,
    up: &HPAScalingRules,
    down: &HPAScalingRules,
    now: Timestamp,
) -> (i32, ConditionText) {
    let (up_window, down_window) = (window(up), window(down));
    let mut up_rec = recommendation;
    let mut down_rec = recommendation;
    let mut old_index = None;
    for (i, r) in history.recommendations.iter().enumerate() {
        let in_up = !before(r.at, now, up_window);
        let in_down = !before(r.at, now, down_window);
        if in_up {
            up_rec = up_rec.min(r.replicas);
        }
        if in_down {
            down_rec = down_rec.max(r.replicas);
        }
        if !in_up && !in_down {
            old_index = Some(i);
        }
    }
    let stabilized = current.max(up_rec).min(down_rec);
    let rec = Recommendation {
        replicas: recommendation,
        at: now,
    };
    match old_index {
        Some(i) => history.recommendations[i] = rec,
        None => history.recommendations.push(rec),
    }
    let text = if recommendation >= current {
        ("ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation".to_string())
    } else {
        ("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation".to_string())
    };
    (stabilized, text)
}

fn changes_in_period(events: &[ScaleEvent], period_seconds: i32, now: Timestamp) -> i32 {
    let period = Duration::from_secs(u64::try_from(period_seconds.max(0)).unwrap_or(0));
    events
        .iter()
        .filter(|e| !before(e.at, now, period))
        .map(|e| e.change)
        .fold(0i32, i32::saturating_add)
}

/// The most replicas the scale-up policies allow now.
pub fn scale_up_limit_with_rules(
    current: i32,
    history: &History,
    rules: &HPAScalingRules,
    now: Timestamp,
) -> i32 {
    let select = rules.select_policy.as_deref().unwrap_or("Max");
    if select == "Disabled" {
        return current;
    }
    let min_select = select == "Min";
    let mut result = if min_select { i32::MAX } else { i32::MIN };
    for p in rules.policies.iter().flatten() {
        let added = changes_in_period(&history.scale_up_events, p.period_seconds, now);
        let removed = changes_in_period(&history.scale_down_events, p.period_seconds, now);
        let start = current - added + removed;
        let proposed = match p.type_.as_str() {
            "Pods" => start.saturating_add(p.value),
            "Percent" => (f64::from(start) * (1.0 + f64::from(p.value) / 100.0)).ceil() as i32,
            _ => continue,
        };
        result = if min_select {
            result.min(proposed)
        } else {
            result.max(proposed)
        };
    }
    result
}

/// The fewest replicas the scale-down policies allow now.
pub fn scale_down_limit_with_rules(
    current: i32,
    history: &History,
    rules: &HPAScalingRules,
    now: Timestamp,
) -> i32 {
    let select = rules.select_policy.as_deref().unwrap_or("Max");
    if select == "Disabled" {
        return current;
    }
    let min_select = select == "Min";
    let mut result = if min_select { i32::MIN } else { i32::MAX };
    for p in rules.policies.iter().flatten() {
        let added = changes_in_period(&history.scale_up_events, p.period_seconds, now);
        let removed = changes_in_period(&history.scale_down_events, p.period_seconds, now);
        let start = current - added + removed;
        let proposed = match p.type_.as_str() {
            "Pods" => start.saturating_sub(p.value),
            "Percent" => (f64::from(start) * (1.0 - f64::from(p.value) / 100.0)) as i32,
            _ => continue,
        };
        result = if min_select {
            result.max(proposed)
        } else {
            result.min(proposed)
        };
    }
    result
}

/// Normalization for HPAs with `behavior`.
#[allow(clippy::too_many_arguments)]
pub fn normalize_with_behavior(
    history: &mut History,
    behavior: &HorizontalPodAutoscalerBehavior,
    current: i32,
    recommendation: i32,
    min: i32,
    max: i32,
    now: Timestamp,
) -> Normalized {
    let up = with_defaults(behavior.scale_up.as_ref(), true);
    let down = with_defaults(behavior.scale_down.as_ref(), false);
    let (stabilized, text) =
        stabilize_with_behavior(history, current, recommendation, &up, &down, now);
    let able_to_scale = if stabilized != recommendation {
        text
    } else {
        (
            "ReadyForNewScale",
            "recommended size matches current size".to_string(),
        )
    };
    let (replicas, reason, message) = if stabilized > current {
        let limit = scale_up_limit_with_rules(current, history, &up, now).max(current);
        let (maximum, reason, message) = if max > limit {
            (
                limit,
                "ScaleUpLimit",
                "the desired replica count is increasing faster than the maximum scale rate",
            )
        } else {
            (
                max,
                "TooManyReplicas",
                "the desired replica count is more than the maximum replica count",
            )
        };
        if stabilized > maximum {
            (maximum, reason, message)
        } else {
            (
                stabilized,
                "DesiredWithinRange",
                "the desired count is within the acceptable range",
            )
        }
    } else if stabilized < current {
        let limit = scale_down_limit_with_rules(current, history, &down, now).min(current);
        let (minimum, reason, message) = if min < limit {
            (
                limit,
                "ScaleDownLimit",
                "the desired replica count is decreasing faster than the maximum scale rate",
            )
        } else {
            (
                min,
                "TooFewReplicas",
                "the desired replica count is less than the minimum replica count",
            )
        };
        if stabilized < minimum {
            (minimum, reason, message)
        } else {
            (
                stabilized,
                "DesiredWithinRange",
                "the desired count is within the acceptable range",
            )
        }
    } else {
        (
            stabilized,
            "DesiredWithinRange",
            "the desired count is within the acceptable range",
        )
    };
    Normalized {
        replicas,
        able_to_scale,
        limited: (replicas != stabilized, reason, message.to_string()),
    }
}

fn longest_period(rules: &HPAScalingRules) -> Duration {
    let secs = rules
        .policies
        .iter()
        .flatten()
        .map(|p| p.period_seconds)
        .max()
        .unwrap_or(0);
    Duration::from_secs(u64::try_from(secs.max(0)).unwrap_or(0))
}

/// Records a scale change for the behavior policies (only HPAs with `behavior`).
pub fn record_scale_event(
    history: &mut History,
    behavior: &HorizontalPodAutoscalerBehavior,
    previous: i32,
    new: i32,
    now: Timestamp,
) {
    let (events, rules, change) = if new > previous {
        (
            &mut history.scale_up_events,
            with_defaults(behavior.scale_up.as_ref(), true),
            new - previous,
        )
    } else if new < previous {
        (
            &mut history.scale_down_events,
            with_defaults(behavior.scale_down.as_ref(), false),
            previous - new,
        )
    } else {
        return;
    };
    let longest = longest_period(&rules);
    for e in events.iter_mut() {
        if before(e.at, now, longest) {
            e.outdated = true;
        }
    }
    let event = ScaleEvent {
        change,
        at: now,
        outdated: false,
    };
    match events.iter().position(|e| e.outdated) {
        Some(i) => events[i] = event,
        None => events.push(event),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + secs).expect("ts")
    }

    fn behavior(v: serde_json::Value) -> HorizontalPodAutoscalerBehavior {
        serde_json::from_value(v).expect("behavior")
    }

    #[test]
    fn default_stabilization_holds_scale_down_for_five_minutes() {
        let mut h = History::default();
        // Recommended 10 at t=0, then 2 later: stays at 10 until the window passes.
        assert_eq!(normalize(&mut h, 10, 10, 1, 20, t(0)).replicas, 10);
        let n = normalize(&mut h, 10, 2, 1, 20, t(60));
        assert_eq!(n.replicas, 10);
        assert_eq!(n.able_to_scale.0, "ScaleDownStabilized");
        let n = normalize(&mut h, 10, 2, 1, 20, t(301));
        assert_eq!(n.replicas, 2, "the 10 fell out of the window");
        assert_eq!(n.able_to_scale.0, "ReadyForNewScale");
        // Scale-up is immediate.
        let mut h = History::default();
        assert_eq!(normalize(&mut h, 2, 3, 1, 20, t(0)).replicas, 3);
    }

    #[test]
    fn default_limits_and_conditions() {
        let mut h = History::default();
        let n = normalize(&mut h, 2, 50, 1, 100, t(0));
        assert_eq!(n.replicas, 4, "max(2*2, 4)");
        assert_eq!(
            n.limited,
            (
                true,
                "ScaleUpLimit",
                "the desired replica count is increasing faster than the maximum scale rate".into()
            )
        );
        let mut h = History::default();
        let n = normalize(&mut h, 10, 50, 1, 15, t(0));
        assert_eq!(n.replicas, 15);
        assert_eq!(n.limited.1, "TooManyReplicas");
        let mut h = History::default();
        let n = normalize(&mut h, 3, 1, 2, 15, t(0));
        assert_eq!(
            (n.replicas, n.limited.0, n.limited.1),
            (2, true, "TooFewReplicas")
        );
        let mut h = History::default();
        let n = normalize(&mut h, 3, 5, 2, 15, t(0));
        assert_eq!(
            (n.replicas, n.limited.0, n.limited.1),
            (5, false, "DesiredWithinRange")
        );
    }

    #[test]
    fn behavior_defaults_allow_doubling_or_four_pods_per_15s() {
        let b = behavior(json!({}));
        let mut h = History::default();
        let n = normalize_with_behavior(&mut h, &b, 1, 100, 1, 100, t(0));
        assert_eq!(n.replicas, 5, "max(1+4, 1*2)");
        assert_eq!(n.limited.1, "ScaleUpLimit");
        record_scale_event(&mut h, &b, 1, 5, t(0));
        // Within 15 s of the scale-up, the period started at 1: still at most 5.
        let n = normalize_with_behavior(&mut h, &b, 5, 100, 1, 100, t(10));
        assert_eq!(n.replicas, 5);
        // After the period: from 5, max(9, 10) = 10.
        let n = normalize_with_behavior(&mut h, &b, 5, 100, 1, 100, t(20));
        assert_eq!(n.replicas, 10);
    }

    #[test]
    fn behavior_scale_down_window_and_policies() {
        let b = behavior(json!({"scaleDown": {"stabilizationWindowSeconds": 60,
            "policies": [{"type": "Pods", "value": 2, "periodSeconds": 60}, {"type": "Percent", "value": 50, "periodSeconds": 60}],
            "selectPolicy": "Min"}}));
        let mut h = History::default();
        assert_eq!(
            normalize_with_behavior(&mut h, &b, 10, 10, 1, 100, t(0)).replicas,
            10
        );
        // Stabilized by the 60 s window.
        let n = normalize_with_behavior(&mut h, &b, 10, 1, 1, 100, t(30));
        assert_eq!(n.replicas, 10);
        assert_eq!(n.able_to_scale.0, "ScaleDownStabilized");
        // After it: limited by the Min policy: max(10-2, 10*0.5) = 8.
        let n = normalize_with_behavior(&mut h, &b, 10, 1, 1, 100, t(61));
        assert_eq!(n.replicas, 8);
        assert_eq!(
            n.limited,
            (
                true,
                "ScaleDownLimit",
                "the desired replica count is decreasing faster than the maximum scale rate".into()
            )
        );
        record_scale_event(&mut h, &b, 10, 8, t(61));
        // Within the policy period, the removed 2 count: start 10, so max(8, 5) = 8 again: no further step.
        assert_eq!(
            normalize_with_behavior(&mut h, &b, 8, 1, 1, 100, t(90)).replicas,
            8
        );
    }

    #[test]
    fn disabled_policies_and_scale_up_window() {
        let b = behavior(
            json!({"scaleDown": {"selectPolicy": "Disabled"}, "scaleUp": {"stabilizationWindowSeconds": 120}}),
        );
        let mut h = History::default();
        assert_eq!(
            normalize_with_behavior(&mut h, &b, 5, 1, 1, 100, t(0)).replicas,
            5,
            "scale-down disabled"
        );
        let mut h = History::default();
        assert_eq!(
            normalize_with_behavior(&mut h, &b, 5, 5, 1, 100, t(0)).replicas,
            5
        );
        let n = normalize_with_behavior(&mut h, &b, 5, 8, 1, 100, t(30));
        assert_eq!(
            n.replicas, 5,
            "the lower recent recommendation holds the scale-up"
        );
        assert_eq!(n.able_to_scale.0, "ScaleUpStabilized");
        assert_eq!(
            normalize_with_behavior(&mut h, &b, 5, 8, 1, 100, t(151)).replicas,
            8
        );
    }

    #[test]
    fn rules_defaults_are_filled() {
        let partial: HPAScalingRules =
            serde_json::from_value(json!({"selectPolicy": "Min"})).expect("rules");
        let r = with_defaults(Some(&partial), false);
        assert_eq!(r.select_policy.as_deref(), Some("Min"));
        assert_eq!(r.stabilization_window_seconds, Some(300));
        assert_eq!(r.policies.as_ref().map(Vec::len), Some(1));
        let up = with_defaults(None, true);
        assert_eq!(up.stabilization_window_seconds, Some(0));
        assert_eq!(up.policies.as_ref().map(Vec::len), Some(2));
    }
}
