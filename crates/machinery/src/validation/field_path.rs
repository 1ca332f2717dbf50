//! Field paths such as `spec.containers[0].name` used to point at a problem in an object.

use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathElement {
    /// A named field (`.name`).
    Child(String),
    /// A list position (`[3]`).
    Index(usize),
    /// A map key (`[key]`).
    Key(String),
}

/// A path to a field inside an API object, rendered the way Kubernetes renders it
/// (`metadata.labels[app]`, `spec.containers[0].ports[1].containerPort`).
///
/// Paths are cheap immutable values: every builder method returns a new path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath {
    elements: Vec<PathElement>,
}

impl FieldPath {
    /// A path starting at the named top-level field.
    pub fn new(name: impl Into<String>) -> Self {
        FieldPath {
            elements: vec![PathElement::Child(name.into())],
        }
    }

    /// The empty path (the object itself); renders as an empty string.
    pub fn root() -> Self {
        FieldPath::default()
    }

    /// Builds a path from dotted names: `FieldPath::from_names(&["spec", "template"])`.
    pub fn from_names(names: &[&str]) -> Self {
        FieldPath {
            elements: names
                .iter()
                .map(|n| PathElement::Child((*n).to_string()))
                .collect(),
        }
    }

    /// This path extended by a named field.
    #[must_use]
    pub fn child(&self, name: impl Into<String>) -> Self {
        self.with(PathElement::Child(name.into()))
    }

    /// This path extended by a list index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(PathElement::Index(index))
    }

    /// This path extended by a map key.
    #[must_use]
    pub fn key(&self, key: impl Into<String>) -> Self {
        self.with(PathElement::Key(key.into()))
    }

    fn with(&self, element: PathElement) -> Self {
        let mut elements = self.elements.clone();
        elements.push(element);
        FieldPath { elements }
    }

    /// The steps of this path, outermost first.
    pub fn elements(&self) -> &[PathElement] {
        &self.elements
    }

    /// True for the root path.
    pub fn is_root(&self) -> bool {
        self.elements.is_empty()
    }

    /// The path one step shorter, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        if self.elements.is_empty() {
            return None;
        }
        let mut elements = self.elements.clone();
        elements.pop();
        Some(FieldPath { elements })
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, element) in self.elements.iter().enumerate() {
            match element {
                PathElement::Child(name) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                PathElement::Index(index) => write!(f, "[{index}]")?,
                PathElement::Key(key) => write!(f, "[{key}]")?,
            }
        }
        Ok(())
    }
}

impl From<&str> for FieldPath {
    fn from(name: &str) -> Self {
        FieldPath::new(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_kubernetes() {
        let p = FieldPath::new("spec")
            .child("containers")
            .index(0)
            .child("name");
        assert_eq!(p.to_string(), "spec.containers[0].name");
        let p = FieldPath::new("metadata").child("labels").key("app");
        assert_eq!(p.to_string(), "metadata.labels[app]");
        assert_eq!(FieldPath::root().to_string(), "");
        assert_eq!(FieldPath::root().child("a").index(2).to_string(), "a[2]");
        assert_eq!(FieldPath::root().index(2).child("b").to_string(), "[2].b");
        assert_eq!(FieldPath::from_names(&["a", "b"]).to_string(), "a.b");
    }

    #[test]
    fn parent_walks_up() {
        let p = FieldPath::new("a").child("b");
        assert_eq!(p.parent().map(|p| p.to_string()), Some("a".to_string()));
        assert!(FieldPath::root().parent().is_none());
        assert!(FieldPath::root().is_root());
    }
}
