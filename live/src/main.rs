//! The first module's entry point: `boot.js` calls `start` with the rubric's compiled bytes
//! once this module and the rubric have arrived.

use wasm_bindgen::prelude::*;

/// Makes the prerendered form of the rubric in `rubric` (its compiled bytes) score as it is
/// typed into.
///
/// # Errors
/// Why it cannot (the bytes are not this page's rubric), for the console: the app still
/// takes the page over when it arrives.
#[wasm_bindgen]
pub fn start(rubric: &[u8]) -> Result<(), JsError> {
    spacescore_live::start(rubric).map_err(|e| JsError::new(&e))
}

fn main() {}
