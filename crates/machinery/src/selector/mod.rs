//! Label and field selectors.

pub mod fields;
pub mod labels;

pub use fields::{FieldSelector, FieldSelectorError};
pub use labels::{LabelSelectorError, Operator, Requirement, Selector};
