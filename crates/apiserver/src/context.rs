//! Per-request context: who is asking and the write options that apply.

use parking_lot::Mutex;

/// An authenticated user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UserInfo {
    /// User name (certificate CN or token subject).
    pub name: String,
    /// Groups (certificate O fields).
    pub groups: Vec<String>,
}

impl UserInfo {
    /// The user used for requests the server makes to itself.
    pub fn system() -> Self {
        Self {
            name: "system:apiserver".into(),
            groups: vec!["system:masters".into()],
        }
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
