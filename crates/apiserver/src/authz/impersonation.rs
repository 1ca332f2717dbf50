//! Impersonation: a request carrying `Impersonate-User` (and optionally
//! `Impersonate-Group`, `Impersonate-Uid`, `Impersonate-Extra-*`) acts as that
//! user, if the requester may `impersonate` each of them (what
//! `kubectl --as` and `--as-group` send).

use std::collections::BTreeMap;

use http::HeaderMap;

use super::{forbidden, Attributes, Authorizer};
use crate::context::UserInfo;
use crate::serviceaccount;
use crate::status::ApiError;

const USER: &str = "impersonate-user";
const GROUP: &str = "impersonate-group";
const UID: &str = "impersonate-uid";
const EXTRA_PREFIX: &str = "impersonate-extra-";

fn impersonate(resource: &str, namespace: &str, name: &str) -> Attributes {
    Attributes {
        verb: "impersonate".into(),
        resource_request: true,
        group: if resource == "uids" || resource == "userextras" {
            "authentication.k8s.io".into()
        } else {
            String::new()
        },
        version: "v1".into(),
        resource: resource.into(),
        name: name.into(),
        namespace: namespace.into(),
        ..Default::default()
    }
}

/// The user a request acts as: `requester`, or whom its impersonation
/// headers name once the requester is allowed to impersonate them.
pub fn effective_user(
    authorizer: &Authorizer,
    requester: UserInfo,
    headers: &HeaderMap,
) -> Result<UserInfo, ApiError> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect()
    };
    let user = values(USER).into_iter().next();
    let groups = values(GROUP);
    let uid = values(UID).into_iter().next();
    let mut extra: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in headers {
        if let Some(key) = name.as_str().strip_prefix(EXTRA_PREFIX) {
            if let Ok(v) = value.to_str() {
                extra
                    .entry(key.to_string())
                    .or_default()
                    .push(v.to_string());
            }
        }
    }
    let Some(user) = user else {
        if groups.is_empty() && uid.is_none() && extra.is_empty() {
            return Ok(requester);
        }
        return Err(ApiError::bad_request(
            "requested impersonation without a user: Impersonate-User is required",
        ));
    };
    let service_account = serviceaccount::parse_username(&user);
    let mut checks = Vec::new();
    match service_account {
        Some((ns, name)) => checks.push(impersonate("serviceaccounts", ns, name)),
        None => checks.push(impersonate("users", "", &user)),
    }
    checks.extend(groups.iter().map(|g| impersonate("groups", "", g)));
    if let Some(uid) = &uid {
        checks.push(impersonate("uids", "", uid));
    }
    for (key, values) in &extra {
        for v in values {
            let mut attrs = impersonate("userextras", "", v);
            attrs.subresource = key.clone();
            checks.push(attrs);
        }
    }
    for attrs in &checks {
        if !authorizer.authorize(&requester, attrs).allowed {
            return Err(forbidden(&requester, attrs));
        }
    }
    let mut groups = groups;
    if let Some((ns, _)) = service_account {
        for g in serviceaccount::groups(ns) {
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
    }
    let impersonated = UserInfo {
        name: user,
        groups,
        uid: uid.unwrap_or_default(),
        extra,
    };
    Ok(if impersonated.name == "system:anonymous" {
        impersonated
    } else {
        impersonated.with_authenticated_group()
    })
}
