//! Per-request context: who is asking and the write options that apply.

use std::collections::BTreeMap;

use parking_lot::Mutex;

/// The group every authenticated user belongs to.
pub const AUTHENTICATED_GROUP: &str = "system:authenticated";

/// An authenticated user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserInfo {
    /// User name (certificate CN or token subject).
    pub name: String,
    /// Groups (certificate O fields).
    pub groups: Vec<String>,
    /// A unique, stable identifier of the user, when the authenticator has one
    /// (a ServiceAccount's uid).
    pub uid: String,
    /// Extra attributes the authenticator recorded (e.g.
    /// `authentication.kubernetes.io/credential-id`).
    pub extra: BTreeMap<String, Vec<String>>,
}

impl UserInfo {
    /// The user used for requests the server makes to itself.
    pub fn system() -> Self {
        Self {
            name: "system:apiserver".into(),
            groups: vec!["system:masters".into()],
            ..Default::default()
        }
    }

    /// A user with a name and groups and nothing else.
    pub fn named(name: impl Into<String>, groups: Vec<String>) -> Self {
        Self {
            name: name.into(),
            groups,
            ..Default::default()
        }
    }

    /// Adds `system:authenticated` to the groups unless it is there already, as
    /// Kubernetes does for every authenticated (non-anonymous) user.
    pub fn with_authenticated_group(mut self) -> Self {
        if !self.groups.iter().any(|g| g == AUTHENTICATED_GROUP) {
            self.groups.push(AUTHENTICATED_GROUP.to_string());
        }
        self
    }
}

/// How unknown and duplicate fields in a request body are treated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FieldValidation {
    /// Drop them silently.
    Ignore,
    /// Drop them and report a warning.
    #[default]
    Warn,
    /// Reject the request.
    Strict,
}

impl FieldValidation {
    /// Parses the `fieldValidation` query parameter.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Ignore" => Some(Self::Ignore),
            "Warn" => Some(Self::Warn),
            "Strict" => Some(Self::Strict),
            _ => None,
        }
    }
}

/// The context of one API request.
#[derive(Debug, Default)]
pub struct RequestCtx {
    /// The requesting user.
    pub user: UserInfo,
    /// `dryRun=All`: validate and answer, but persist nothing.
    pub dry_run: bool,
    /// `fieldManager`.
    pub field_manager: Option<String>,
    /// `fieldValidation`.
    pub field_validation: FieldValidation,
    /// `Warning` headers to send back.
    pub warnings: Mutex<Vec<String>>,
}

impl RequestCtx {
    /// A context for the server's own writes.
    pub fn system() -> Self {
        Self {
            user: UserInfo::system(),
            ..Default::default()
        }
    }

    /// Records a warning for the response.
    pub fn warn(&self, message: impl Into<String>) {
        self.warnings.lock().push(message.into());
    }
}
