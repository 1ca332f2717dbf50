//! Patching: RFC 6902 JSON patch, RFC 7386 JSON merge patch and Kubernetes strategic
//! merge patch (apply, two-way and three-way diff).

mod errors;
pub mod json_patch;
pub mod merge_patch;
pub mod strategic_merge;

pub use errors::PatchError;
pub use json_patch::{apply_json_patch, JsonPatch, PatchOperation, MAX_JSON_PATCH_OPERATIONS};
pub use merge_patch::{apply_merge_patch, create_merge_patch};
pub use strategic_merge::{
    create_three_way_merge_patch, create_two_way_merge_patch, merge_strategic_merge_patches,
    merging_maps_have_conflicts, strategic_merge_patch,
};
