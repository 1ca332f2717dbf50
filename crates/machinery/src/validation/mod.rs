//! Field paths, field errors and the common syntactic validators used by API validation.

mod errors;
mod field_path;
mod ip;
mod names;
mod object_meta;

pub use errors::{go_quote, ErrorKind, ErrorList, FieldError};
pub use field_path::{FieldPath, PathElement};
pub use ip::{
    is_valid_cidr, is_valid_cidr_for_legacy_field, is_valid_ip, is_valid_ip_for_legacy_field,
    parse_cidr_sloppy, parse_ip_sloppy, Cidr,
};
pub use names::*;
pub use object_meta::*;
