//! Content negotiation: what the client accepts and what it sent.

use super::response::Format;
use crate::status::ApiError;

/// The shape of a response the client asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// The object(s) themselves.
    Object(Format),
    /// A `meta.k8s.io` Table of the given version (`v1` or `v1beta1`).
    Table(&'static str),
    /// `PartialObjectMetadata` / `PartialObjectMetadataList` of the given version.
    Metadata(&'static str),
}

/// One media range of an Accept header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRange {
    /// `type/subtype`, lower-cased.
    pub essence: String,
    /// Parameters, keys lower-cased.
    pub params: Vec<(String, String)>,
}

impl MediaRange {
    /// A parameter's value.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses a comma-separated media type list.
pub fn parse_accept(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let essence = pieces.next()?.trim().to_ascii_lowercase();
            if essence.is_empty() {
                return None;
            }
            let params = pieces
                .filter_map(|p| {
                    let (k, v) = p.split_once('=')?;
                    Some((
                        k.trim().to_ascii_lowercase(),
                        v.trim().trim_matches('"').to_string(),
                    ))
                })
                .collect();
            Some(MediaRange { essence, params })
        })
        .collect()
}

fn meta_version(v: Option<&str>) -> Option<&'static str> {
    match v {
        Some("v1") => Some("v1"),
        Some("v1beta1") => Some("v1beta1"),
        _ => None,
    }
}

/// Chooses the response shape for an Accept header (None or empty = JSON).
pub fn negotiate(accept: Option<&str>) -> Result<Output, ApiError> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(Output::Object(Format::Json));
    };
    for range in parse_accept(accept) {
        let format = match range.essence.as_str() {
            "application/json" | "application/*" | "*/*" | "application/json-seq" => Format::Json,
            "application/yaml" => Format::Yaml,
            _ => continue,
        };
        match range.param("as") {
            None => return Ok(Output::Object(format)),
            Some(kind) => {
                if range.param("g") != Some("meta.k8s.io") || format != Format::Json {
                    continue;
                }
                let Some(v) = meta_version(range.param("v")) else {
                    continue;
                };
                match kind {
                    "Table" => return Ok(Output::Table(v)),
                    "PartialObjectMetadata" | "PartialObjectMetadataList" => {
                        return Ok(Output::Metadata(v))
                    }
                    _ => continue,
                }
            }
        }
    }
    Err(ApiError::not_acceptable(accept))
}

/// The format of a request body, from its Content-Type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyType {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
    /// RFC 6902 JSON patch.
    JsonPatch,
    /// RFC 7386 merge patch.
    MergePatch,
    /// Kubernetes strategic merge patch.
    StrategicMergePatch,
    /// Server-side apply (YAML or JSON).
    ApplyPatch,
    /// Kubernetes' protobuf encoding (what typed Go clients send).
    Protobuf,
}

/// Classifies a Content-Type header.
pub fn body_type(content_type: Option<&str>) -> Result<BodyType, ApiError> {
    let raw = content_type.unwrap_or("application/json");
    let essence = raw
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    Ok(match essence.as_str() {
        "" | "application/json" | "*/*" => BodyType::Json,
        "application/yaml" | "application/x-yaml" | "text/yaml" => BodyType::Yaml,
        "application/json-patch+json" => BodyType::JsonPatch,
        "application/merge-patch+json" => BodyType::MergePatch,
        "application/strategic-merge-patch+json" => BodyType::StrategicMergePatch,
        "application/apply-patch+yaml"
        | "application/apply-patch+json"
        | "application/apply-patch+cbor" => BodyType::ApplyPatch,
        "application/vnd.kubernetes.protobuf" => BodyType::Protobuf,
        _ => return Err(ApiError::unsupported_media_type(raw)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_get_asks_for_tables() {
        let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        assert_eq!(negotiate(Some(accept)).expect("ok"), Output::Table("v1"));
    }

    #[test]
    fn protobuf_only_is_not_acceptable_but_falls_back_to_json() {
        assert!(negotiate(Some("application/vnd.kubernetes.protobuf")).is_err());
        let both = "application/vnd.kubernetes.protobuf, application/json";
        assert_eq!(
            negotiate(Some(both)).expect("ok"),
            Output::Object(Format::Json)
        );
    }

    #[test]
    fn metadata_and_yaml() {
        let m = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
        assert_eq!(negotiate(Some(m)).expect("ok"), Output::Metadata("v1"));
        assert_eq!(
            negotiate(Some("application/yaml")).expect("ok"),
            Output::Object(Format::Yaml)
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(
            body_type(Some("application/json; charset=utf-8")).expect("ok"),
            BodyType::Json
        );
        assert_eq!(
            body_type(Some("application/strategic-merge-patch+json")).expect("ok"),
            BodyType::StrategicMergePatch
        );
        assert_eq!(body_type(Some("text/plain")).expect_err("415").code, 415);
        assert_eq!(
            body_type(Some("application/vnd.kubernetes.protobuf")).expect("protobuf"),
            BodyType::Protobuf
        );
    }
}
