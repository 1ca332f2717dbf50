//! The `/version` answer.

use serde_json::{json, Value};

/// The Kubernetes version Capstan implements.
pub const KUBERNETES_VERSION: &str = "v1.33.0";

/// Capstan's own version.
pub const CAPSTAN_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The `version.Info` object.
pub fn info() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "gitVersion": format!("{KUBERNETES_VERSION}+capstan{CAPSTAN_VERSION}"),
        "gitCommit": option_env!("CAPSTAN_GIT_COMMIT").unwrap_or("unknown"),
        "gitTreeState": "clean",
        "buildDate": "1970-01-01T00:00:00Z",
        "goVersion": "rust",
        "compiler": "rustc",
        "platform": format!("{}/{}", std::env::consts::OS, go_arch()),
    })
}

fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}
