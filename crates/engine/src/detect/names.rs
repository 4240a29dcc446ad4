//! Stub created by engine-A so the crate compiles; engine-B owns this file
//! and replaces it (detector `patient-name`).

use super::{DictFile, Hit};
use crate::ChannelContext;

/// Dictionaries for this detector.
#[derive(Debug, Default)]
pub struct NameDicts {}

/// Load this detector's dictionaries from `data/dict/` files.
pub fn load(files: &[DictFile<'_>]) -> Result<NameDicts, crate::Error> {
    let _ = files;
    Ok(NameDicts::default())
}

/// Append hits (normalised-text byte offsets) to `out`.
pub fn detect(text: &str, ctx: &ChannelContext, dicts: &NameDicts, out: &mut Vec<Hit>) {
    let _ = (text, ctx, dicts, out);
}
