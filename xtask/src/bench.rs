//! `cargo xtask bench`.
use crate::Result;
pub fn run() -> Result {
    Err("not yet".into())
}
