//! API errors and their `Status` bodies.
//!
//! Every failure the API server reports is an [`ApiError`], rendered as a
//! `meta.k8s.io/v1` `Status` with the HTTP code, `reason` and `details` clients
//! (kubectl, client-go, kube-rs) branch on.

use capstan_machinery::validation::ErrorList;
use serde_json::{json, Value};

/// A cause in `Status.details.causes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    /// Machine-readable reason, e.g. `FieldValueInvalid`.
    pub reason: String,
    /// Human-readable message.
    pub message: String,
    /// Field path, e.g. `metadata.name`.
    pub field: String,
}

/// An error returned to an API client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status code.
    pub code: u16,
    /// `Status.reason`.
    pub reason: &'static str,
    /// `Status.message`.
    pub message: String,
    /// `details.name`.
    pub name: Option<String>,
    /// `details.group`.
    pub group: Option<String>,
    /// `details.kind`.
    pub kind: Option<String>,
    /// `details.causes`.
    pub causes: Vec<Cause>,
    /// `details.retryAfterSeconds`.
    pub retry_after_seconds: Option<u32>,
}

/// Result alias for API operations.
pub type ApiResult<T> = Result<T, ApiError>;

/// The group-qualified resource an error is about, e.g. `deployments.apps`.
#[derive(Clone, Copy, Debug)]
pub struct Qualified<'a> {
    /// API group ("" for core).
    pub group: &'a str,
    /// Plural resource name.
    pub resource: &'a str,
}

impl std::fmt::Display for Qualified<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.group.is_empty() {
            write!(f, "{}", self.resource)
        } else {
            write!(f, "{}.{}", self.resource, self.group)
        }
    }
}

impl ApiError {
    fn new(code: u16, reason: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            reason,
            message: message.into(),
            name: None,
            group: None,
            kind: None,
            causes: Vec::new(),
            retry_after_seconds: None,
        }
    }

    fn about(mut self, q: Qualified<'_>, name: &str) -> Self {
        self.name = Some(name.to_string()).filter(|n| !n.is_empty());
        self.group = Some(q.group.to_string()).filter(|g| !g.is_empty());
        self.kind = Some(q.resource.to_string());
        self
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "BadRequest", message)
    }

    /// 401 Unauthorized.
    pub fn unauthorized() -> Self {
        Self::new(401, "Unauthorized", "Unauthorized")
    }

    /// 403 Forbidden.
    pub fn forbidden(q: Qualified<'_>, name: &str, why: impl std::fmt::Display) -> Self {
        let what = if name.is_empty() {
            q.to_string()
        } else {
            format!("{q} \"{name}\"")
        };
        Self::new(403, "Forbidden", format!("{what} is forbidden: {why}")).about(q, name)
    }

    /// 403 Forbidden for a request that names no resource (a path).
    pub fn forbidden_path(why: impl std::fmt::Display) -> Self {
        Self::new(403, "Forbidden", format!("forbidden: {why}"))
    }

    /// 404 Not Found for a named object.
    pub fn not_found(q: Qualified<'_>, name: &str) -> Self {
        Self::new(404, "NotFound", format!("{q} \"{name}\" not found")).about(q, name)
    }

    /// 404 for a path the server does not serve.
    pub fn path_not_found() -> Self {
        Self::new(
            404,
            "NotFound",
            "the server could not find the requested resource",
        )
    }

    /// 405 Method Not Allowed.
    pub fn method_not_supported(q: Qualified<'_>, action: &str) -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            format!("{action} is not supported on resources of kind \"{q}\""),
        )
        .about(q, "")
    }

    /// 406 Not Acceptable.
    pub fn not_acceptable(accept: &str) -> Self {
        Self::new(
            406,
            "NotAcceptable",
            format!("only the following media types are accepted: application/json, application/yaml (requested {accept})"),
        )
    }

    /// 409 AlreadyExists.
    pub fn already_exists(q: Qualified<'_>, name: &str) -> Self {
        Self::new(
            409,
            "AlreadyExists",
            format!("{q} \"{name}\" already exists"),
        )
        .about(q, name)
    }

    /// 409 Conflict with a custom explanation.
    pub fn conflict(q: Qualified<'_>, name: &str, why: impl std::fmt::Display) -> Self {
        Self::new(
            409,
            "Conflict",
            format!("Operation cannot be fulfilled on {q} \"{name}\": {why}"),
        )
        .about(q, name)
    }

    /// 409 Conflict because the caller's resourceVersion is stale.
    pub fn stale(q: Qualified<'_>, name: &str) -> Self {
        Self::conflict(
            q,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
        )
    }

    /// 410 Gone: the requested resourceVersion is too old.
    pub fn gone(message: impl Into<String>) -> Self {
        Self::new(410, "Expired", message)
    }

    /// 413 Request Entity Too Large.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            413,
            "RequestEntityTooLarge",
            format!("Request entity too large: limit is {limit}"),
        )
    }

    /// 415 Unsupported Media Type.
    pub fn unsupported_media_type(content_type: &str) -> Self {
        Self::new(415, "UnsupportedMediaType", format!("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {content_type:?})"))
    }

    /// 422 Invalid, with one cause per field error.
    pub fn invalid(kind: &str, group: &str, name: &str, errors: &ErrorList) -> Self {
        let errors = errors.deduplicated();
        let causes: Vec<Cause> = errors
            .iter()
            .map(|e| Cause {
                reason: e.reason().to_string(),
                message: e.body(),
                field: e.field.clone(),
            })
            .collect();
        let joined = errors.aggregate_message();
        let mut err = Self::new(
            422,
            "Invalid",
            format!("{kind} \"{name}\" is invalid: {joined}"),
        );
        err.name = Some(name.to_string()).filter(|n| !n.is_empty());
        err.group = Some(group.to_string()).filter(|g| !g.is_empty());
        err.kind = Some(kind.to_string());
        err.causes = causes;
        err
    }

    /// 422 for a patch that cannot be applied (bad paths, failed tests, malformed directives).
    pub fn unprocessable_patch(message: impl std::fmt::Display) -> Self {
        Self::new(
            422,
            "Invalid",
            format!("the server rejected our request due to an error in our request: {message}"),
        )
    }

    /// 422 for an invalid watch-list request.
    pub fn invalid_watch_list(message: &str) -> Self {
        let mut err = Self::new(
            422,
            "Invalid",
            format!("ListOptions.meta.k8s.io \"\" is invalid: {message}"),
        );
        err.group = Some("meta.k8s.io".into());
        err.kind = Some("ListOptions".into());
        err
    }

    /// 429 Too Many Requests.
    pub fn too_many_requests(message: impl Into<String>, retry_after: u32) -> Self {
        let mut err = Self::new(429, "TooManyRequests", message);
        err.retry_after_seconds = Some(retry_after);
        err
    }

    /// 500 Internal Server Error.
    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(
            500,
            "InternalError",
            format!("Internal error occurred: {message}"),
        )
    }

    /// 503 Service Unavailable.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(503, "ServiceUnavailable", message)
    }

    /// 504 Timeout.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(504, "Timeout", message)
    }

    /// Adds a cause (e.g. a field named in a 400).
    pub fn with_cause(
        mut self,
        reason: &str,
        message: impl Into<String>,
        field: impl Into<String>,
    ) -> Self {
        self.causes.push(Cause {
            reason: reason.to_string(),
            message: message.into(),
            field: field.into(),
        });
        self
    }

    /// The `Status` object for this error.
    pub fn to_status(&self) -> Value {
        let mut details = serde_json::Map::new();
        if let Some(name) = &self.name {
            details.insert("name".into(), json!(name));
        }
        if let Some(group) = &self.group {
            details.insert("group".into(), json!(group));
        }
        if let Some(kind) = &self.kind {
            details.insert("kind".into(), json!(kind));
        }
        if !self.causes.is_empty() {
            let causes: Vec<Value> = self
                .causes
                .iter()
                .map(|c| {
                    let mut m = serde_json::Map::new();
                    m.insert("reason".into(), json!(c.reason));
                    m.insert("message".into(), json!(c.message));
                    if !c.field.is_empty() {
                        m.insert("field".into(), json!(c.field));
                    }
                    Value::Object(m)
                })
                .collect();
            details.insert("causes".into(), Value::Array(causes));
        }
        if let Some(secs) = self.retry_after_seconds {
            details.insert("retryAfterSeconds".into(), json!(secs));
        }
        let mut status = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        });
        if !details.is_empty() {
            status["details"] = Value::Object(details);
        }
        status
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.reason, self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<capstan_store::StoreError> for ApiError {
    fn from(err: capstan_store::StoreError) -> Self {
        use capstan_store::StoreError;
        match err {
            StoreError::Compacted { compact_revision } => Self::gone(format!(
                "The resourceVersion for the provided watch is too old (compacted at {compact_revision})."
            )),
            StoreError::FutureRevision { current_revision } => Self::timeout(format!(
                "Too large resource version: requested a revision newer than the current revision {current_revision}"
            )),
            StoreError::InvalidRequest(msg) => Self::bad_request(msg),
            other => Self::internal(other),
        }
    }
}

/// A successful `Status` (e.g. the answer to a delete).
pub fn success_status(name: &str, group: &str, kind: &str, uid: Option<&str>) -> Value {
    let mut details = json!({ "name": name, "kind": kind });
    if !group.is_empty() {
        details["group"] = json!(group);
    }
    if let Some(uid) = uid {
        details["uid"] = json!(uid);
    }
    json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": details,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_names_the_group_qualified_resource() {
        let q = Qualified {
            group: "apps",
            resource: "deployments",
        };
        let s = ApiError::not_found(q, "web").to_status();
        assert_eq!(s["code"], 404);
        assert_eq!(s["reason"], "NotFound");
        assert_eq!(s["message"], "deployments.apps \"web\" not found");
        assert_eq!(s["details"]["group"], "apps");
        assert_eq!(s["details"]["kind"], "deployments");
    }

    #[test]
    fn conflict_message_matches_kubernetes_shape() {
        let q = Qualified {
            group: "",
            resource: "configmaps",
        };
        let e = ApiError::stale(q, "a");
        assert_eq!(e.code, 409);
        assert!(e.message.starts_with(
            "Operation cannot be fulfilled on configmaps \"a\": the object has been modified"
        ));
    }
}
