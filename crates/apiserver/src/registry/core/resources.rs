//! Resource names and quantities: container resource requirements, resource
//! lists of quotas and limit ranges, and the quantity checks they share.

use capstan_machinery::validation::{self as v, ErrorList, FieldError, FieldPath};
use capstan_machinery::Quantity;
use serde_json::{Map, Value};

/// Message for a negative quantity.
pub const NEGATIVE_MSG: &str = "must be greater than or equal to 0";
/// Message for a quantity that must be a whole number.
pub const NOT_INTEGER_MSG: &str = "must be an integer";

/// Parses a quantity held as a JSON string (or number), pushing an Invalid
/// error at `path` when it is malformed.
pub fn parse_quantity(value: &Value, path: &FieldPath, errs: &mut ErrorList) -> Option<Quantity> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            errs.push(FieldError::invalid(
                path,
                other.clone(),
                "must be a quantity",
            ));
            return None;
        }
    };
    match Quantity::parse(&text) {
        Ok(q) => Some(q),
        Err(e) => {
            errs.push(FieldError::invalid(path, text, e.to_string()));
            None
        }
    }
}

/// Parses a quantity without reporting errors.
pub fn quantity(value: &Value) -> Option<Quantity> {
    match value {
        Value::String(s) => Quantity::parse(s).ok(),
        Value::Number(n) => Quantity::parse(&n.to_string()).ok(),
        _ => None,
    }
}

/// Whether a resource name has a domain prefix that is not a Kubernetes one
/// (an extended resource such as `example.com/gpu`).
pub fn is_extended_resource(name: &str) -> bool {
    name.contains('/') && !is_native_resource(name) && !name.starts_with("requests.")
}

/// Whether a resource is one of Kubernetes' own (no domain, or a
/// `kubernetes.io` domain).
pub fn is_native_resource(name: &str) -> bool {
    match name.split_once('/') {
        None => true,
        Some((domain, _)) => domain == "kubernetes.io" || domain.ends_with(".kubernetes.io"),
    }
}

/// Whether a name is a huge pages resource (`hugepages-2Mi`).
pub fn is_hugepages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// Whether requests may be lower than limits for this resource.
pub fn overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !is_hugepages(name)
}

/// Resources a container may request without a domain.
pub fn is_standard_container_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || is_hugepages(name)
}

/// Validates a resource name's syntax (a qualified name).
pub fn validate_resource_name(name: &str, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    for msg in v::is_qualified_name(name) {
        errs.push(FieldError::invalid(path, name, msg));
    }
    errs
}

/// Validates a container resource name: standard, or an extended resource.
pub fn validate_container_resource_name(name: &str, path: &FieldPath) -> ErrorList {
    let mut errs = validate_resource_name(name, path);
    if !errs.is_empty() {
        return errs;
    }
    let ok = if name.contains('/') {
        !is_native_resource(name)
    } else {
        is_standard_container_resource(name)
    };
    if !ok {
        errs.push(FieldError::invalid(
            path,
            name,
            "must be a standard resource for containers",
        ));
    }
    errs
}

/// Validates a quantity for `name`: not negative, and whole for extended resources.
pub fn validate_quantity_value(name: &str, q: &Quantity, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    if q.signum() < 0 {
        errs.push(FieldError::invalid(path, q.to_string(), NEGATIVE_MSG));
    }
    if is_extended_resource(name) && q.as_nanos() % 1_000_000_000 != 0 {
        errs.push(FieldError::invalid(path, q.to_string(), NOT_INTEGER_MSG));
    }
    errs
}

/// Parses a resource list (`{name: quantity}`), reporting bad quantities.
pub fn parse_list(
    list: Option<&Map<String, Value>>,
    path: &FieldPath,
    errs: &mut ErrorList,
) -> Vec<(String, Quantity)> {
    let mut out = Vec::new();
    for (name, value) in list.into_iter().flatten() {
        if let Some(q) = parse_quantity(value, &path.key(name.clone()), errs) {
            out.push((name.clone(), q));
        }
    }
    out
}

/// Validates a container's `resources` (limits and requests).
pub fn validate_container_resources(resources: &Value, path: &FieldPath) -> ErrorList {
    let mut errs = ErrorList::new();
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let limits = parse_list(
        resources.get("limits").and_then(Value::as_object),
        &lim_path,
        &mut errs,
    );
    for (name, q) in &limits {
        let p = lim_path.key(name.clone());
        errs.extend(validate_container_resource_name(name, &p));
        errs.extend(validate_quantity_value(name, q, &p));
    }
    let requests = parse_list(
        resources.get("requests").and_then(Value::as_object),
        &req_path,
        &mut errs,
    );
    for (name, q) in &requests {
        let p = req_path.key(name.clone());
        errs.extend(validate_container_resource_name(name, &p));
        errs.extend(validate_quantity_value(name, q, &p));
        match limits.iter().find(|(n, _)| n == name) {
            Some((_, limit)) => {
                if q != limit && !overcommit_allowed(name) {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q.to_string(),
                        format!("must be equal to {name} limit of {limit}"),
                    ));
                } else if q > limit {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q.to_string(),
                        format!("must be less than or equal to {name} limit of {limit}"),
                    ));
                }
            }
            None if !overcommit_allowed(name) => errs.push(FieldError::required(
                &lim_path,
                "Limit must be set for non overcommitable resources",
            )),
            None => {}
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(errs: &ErrorList) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{} {}", e.field, e.reason()))
            .collect()
    }

    #[test]
    fn request_above_limit_is_invalid() {
        let errs = validate_container_resources(
            &json!({"limits": {"cpu": "1"}, "requests": {"cpu": "2"}}),
            &FieldPath::new("resources"),
        );
        assert_eq!(fields(&errs), ["resources.requests FieldValueInvalid"]);
        assert!(errs.0[0]
            .detail
            .contains("must be less than or equal to cpu limit of 1"));
    }

    #[test]
    fn negative_and_malformed_quantities() {
        let errs = validate_container_resources(
            &json!({"limits": {"memory": "-1Gi", "cpu": "abc"}}),
            &FieldPath::new("r"),
        );
        assert_eq!(
            fields(&errs),
            [
                "r.limits[cpu] FieldValueInvalid",
                "r.limits[memory] FieldValueInvalid"
            ]
        );
    }

    #[test]
    fn resource_names() {
        assert!(validate_container_resource_name("cpu", &FieldPath::new("x")).is_empty());
        assert!(
            validate_container_resource_name("example.com/gpu", &FieldPath::new("x")).is_empty()
        );
        assert_eq!(
            validate_container_resource_name("disk", &FieldPath::new("x")).0[0].detail,
            "must be a standard resource for containers"
        );
        let errs = validate_container_resources(
            &json!({"requests": {"example.com/gpu": "1"}}),
            &FieldPath::new("r"),
        );
        assert_eq!(fields(&errs), ["r.limits FieldValueRequired"]);
    }
}
