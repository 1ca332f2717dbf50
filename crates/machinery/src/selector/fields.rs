//! Field selectors (`metadata.name=foo,status.phase!=Running`).
//!
//! Values may escape `\,`, `\=` and `\\`. Terms are kept sorted, so two selectors with
//! the same terms print the same way.

use std::collections::BTreeSet;
use std::fmt;

/// A problem parsing a field selector.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldSelectorError {
    /// A term has no `=`, `==` or `!=`.
    #[error("invalid selector: '{selector}'; can't understand '{term}'")]
    BadTerm {
        /// The whole selector.
        selector: String,
        /// The term that failed.
        term: String,
    },
    /// A value contains an escape other than `\\`, `\,` or `\=`.
    #[error("invalid field selector: invalid escape sequence: {0}")]
    InvalidEscape(String),
    /// A value contains an unescaped `,` or `=`.
    #[error("invalid field selector: unescaped character in value: {0}")]
    UnescapedRune(char),
}

/// How a field term compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldOperator {
    /// `field=value` or `field==value`
    Equals,
    /// `field!=value`
    NotEquals,
}

/// One `field=value` or `field!=value` term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldTerm {
    /// The field name, e.g. `metadata.name`.
    pub field: String,
    /// The comparison.
    pub operator: FieldOperator,
    /// The value, unescaped.
    pub value: String,
}

impl FieldTerm {
    /// True when the term holds for the value found for its field (`None` counts as "").
    pub fn matches_value(&self, found: Option<&str>) -> bool {
        let found = found.unwrap_or("");
        match self.operator {
            FieldOperator::Equals => found == self.value,
            FieldOperator::NotEquals => found != self.value,
        }
    }
}

impl fmt::Display for FieldTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.operator {
            FieldOperator::Equals => "=",
            FieldOperator::NotEquals => "!=",
        };
        write!(f, "{}{}{}", self.field, op, escape_value(&self.value))
    }
}

/// A conjunction of field terms; the empty selector matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldSelector {
    terms: Vec<FieldTerm>,
}

impl FieldSelector {
    /// The selector that matches everything.
    pub fn everything() -> Self {
        FieldSelector::default()
    }

    /// Parses the string form; the empty string yields [`FieldSelector::everything`].
    pub fn parse(input: &str) -> Result<Self, FieldSelectorError> {
        let mut parts = split_terms(input);
        parts.sort();
        let mut terms = Vec::new();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            let Some((field, op, raw)) = split_term(part) else {
                return Err(FieldSelectorError::BadTerm {
                    selector: input.to_string(),
                    term: part.clone(),
                });
            };
            terms.push(FieldTerm {
                field: field.to_string(),
                operator: op,
                value: unescape_value(raw)?,
            });
        }
        Ok(FieldSelector { terms })
    }

    /// Builds a selector from `field=value` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut terms: Vec<FieldTerm> = pairs
            .into_iter()
            .map(|(f, v)| FieldTerm {
                field: f.to_string(),
                operator: FieldOperator::Equals,
                value: v.to_string(),
            })
            .collect();
        terms.sort();
        FieldSelector { terms }
    }

    /// The terms, in order.
    pub fn terms(&self) -> &[FieldTerm] {
        &self.terms
    }

    /// True when the selector has no terms (matches everything).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The distinct field names the selector refers to, sorted. The API server compares
    /// these with the fields a resource supports.
    pub fn field_names(&self) -> BTreeSet<&str> {
        self.terms.iter().map(|t| t.field.as_str()).collect()
    }

    /// The first field name not accepted by `supported`, if any.
    pub fn first_unsupported<F: Fn(&str) -> bool>(&self, supported: F) -> Option<&str> {
        self.terms
            .iter()
            .map(|t| t.field.as_str())
            .find(|f| !supported(f))
    }

    /// True when every term holds, looking field values up with `lookup`.
    pub fn matches<F: Fn(&str) -> Option<String>>(&self, lookup: F) -> bool {
        self.terms
            .iter()
            .all(|t| t.matches_value(lookup(&t.field).as_deref()))
    }

    /// The value `field` must equal, if the selector requires an exact match for it.
    pub fn requires_exact_match(&self, field: &str) -> Option<&str> {
        self.terms
            .iter()
            .find(|t| t.field == field && t.operator == FieldOperator::Equals)
            .map(|t| t.value.as_str())
    }

    /// The name required by a `metadata.name=X` term (used for watch/list of one object).
    pub fn required_name(&self) -> Option<&str> {
        self.requires_exact_match("metadata.name")
    }

    /// A copy with every field name passed through `rename` (for a served
    /// version whose field labels differ from the stored version's).
    #[must_use]
    pub fn rename_fields<F: Fn(&str) -> Option<&'static str>>(&self, rename: F) -> Self {
        let mut terms: Vec<FieldTerm> = self
            .terms
            .iter()
            .map(|t| FieldTerm {
                field: rename(&t.field).map_or_else(|| t.field.clone(), str::to_string),
                ..t.clone()
            })
            .collect();
        terms.sort();
        FieldSelector { terms }
    }

    /// A copy without any term on `field`.
    #[must_use]
    pub fn without_field(&self, field: &str) -> Self {
        FieldSelector {
            terms: self
                .terms
                .iter()
                .filter(|t| t.field != field)
                .cloned()
                .collect(),
        }
    }
}

impl fmt::Display for FieldSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.terms.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(","))
    }
}

impl std::str::FromStr for FieldSelector {
    type Err = FieldSelectorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FieldSelector::parse(s)
    }
}

/// Escapes `\`, `,` and `=` in a field selector value.
pub fn escape_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | ',' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Reverses [`escape_value`], rejecting unknown escapes and bare `,`/`=`.
pub fn unescape_value(value: &str) -> Result<String, FieldSelectorError> {
    let mut out = String::with_capacity(value.len());
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if !matches!(c, '\\' | ',' | '=') {
                return Err(FieldSelectorError::InvalidEscape(format!("\\{c}")));
            }
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            ',' | '=' => return Err(FieldSelectorError::UnescapedRune(c)),
            c => out.push(c),
        }
    }
    if escaped {
        return Err(FieldSelectorError::InvalidEscape("\\".to_string()));
    }
    Ok(out)
}

/// Splits on commas that are not escaped.
fn split_terms(input: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in input.chars() {
        if escaped {
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            current.push(c);
            escaped = true;
        } else if c == ',' {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
}

/// Finds the first operator (`!=`, `==`, `=` preferred in that order at each position).
fn split_term(term: &str) -> Option<(&str, FieldOperator, &str)> {
    for (i, _) in term.char_indices() {
        let rest = term.get(i..)?;
        let lhs = term.get(..i)?;
        for (op, kind) in [
            ("!=", FieldOperator::NotEquals),
            ("==", FieldOperator::Equals),
            ("=", FieldOperator::Equals),
        ] {
            if let Some(rhs) = rest.strip_prefix(op) {
                return Some((lhs, kind, rhs));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(name: &str) -> Option<String> {
        match name {
            "metadata.name" => Some("web".into()),
            "metadata.namespace" => Some("default".into()),
            "status.phase" => Some("Running".into()),
            "spec.nodeName" => Some(String::new()),
            "weird" => Some("a,b=c\\".into()),
            _ => None,
        }
    }

    #[test]
    fn parse_and_print() {
        let cases = [
            ("", ""),
            ("metadata.name=web", "metadata.name=web"),
            ("metadata.name==web", "metadata.name=web"),
            (
                "status.phase!=Running,metadata.name=web",
                "metadata.name=web,status.phase!=Running",
            ),
            ("a=b\\,c", "a=b\\,c"),
            ("a=b\\=c\\\\", "a=b\\=c\\\\"),
            ("spec.nodeName=", "spec.nodeName="),
            ("a=b,,c=d", "a=b,c=d"),
        ];
        for (input, want) in cases {
            let s = FieldSelector::parse(input);
            assert!(s.is_ok(), "{input}: {s:?}");
            assert_eq!(s.unwrap_or_default().to_string(), want);
        }
        let s = FieldSelector::parse("a=b\\,c").unwrap_or_default();
        assert_eq!(s.terms()[0].value, "b,c");
    }

    #[test]
    fn parse_errors() {
        for bad in ["abc", "a=b=c", "a=b\\x", "a=b\\", "metadata.name"] {
            assert!(FieldSelector::parse(bad).is_err(), "{bad}");
        }
        let msg = FieldSelector::parse("x=1,abc").err().map(|e| e.to_string());
        assert_eq!(
            msg.as_deref(),
            Some("invalid selector: 'x=1,abc'; can't understand 'abc'")
        );
    }

    #[test]
    fn matching() {
        let table = [
            ("", true),
            ("metadata.name=web", true),
            ("metadata.name=db", false),
            ("metadata.name!=db", true),
            ("status.phase=Running,metadata.namespace=default", true),
            ("status.phase=Running,metadata.namespace=kube-system", false),
            ("spec.nodeName=", true),
            ("spec.nodeName!=", false),
            ("missing=", true),
            ("weird=a\\,b\\=c\\\\", true),
        ];
        for (sel, want) in table {
            let s = FieldSelector::parse(sel).unwrap_or_default();
            assert_eq!(s.matches(lookup), want, "{sel}");
        }
    }

    #[test]
    fn fields_and_names() {
        let s = FieldSelector::parse("metadata.name=web,spec.foo!=x,metadata.name=web")
            .unwrap_or_default();
        let names: Vec<&str> = s.field_names().into_iter().collect();
        assert_eq!(names, vec!["metadata.name", "spec.foo"]);
        assert_eq!(s.required_name(), Some("web"));
        assert_eq!(
            s.first_unsupported(|f| f.starts_with("metadata.")),
            Some("spec.foo")
        );
        let t = FieldSelector::parse("metadata.name!=web").unwrap_or_default();
        assert_eq!(t.required_name(), None);
        assert_eq!(s.without_field("metadata.name").to_string(), "spec.foo!=x");
        let p = FieldSelector::from_pairs([("b", "1"), ("a", "x,y")]);
        assert_eq!(p.to_string(), "a=x\\,y,b=1");
        assert_eq!(escape_value("a\\b"), "a\\\\b");
    }
}
