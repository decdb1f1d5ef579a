//! Compiled rubrics as the pages received them. Every rubric a page shows arrives as compiled
//! bytes (fetched from the site, kept in this browser, or written by the checker) and is
//! decoded here, which remembers the bytes, so that a page can hand the rubric to a module
//! loaded apart (the filing export) as the same bytes without carrying the encoder.

use std::cell::RefCell;
use std::rc::Rc;

use spacescore_core::{Error, Rubric};

/// The most rubrics remembered: a visit shows a handful.
const KEEP: usize = 16;

thread_local! {
    /// The newest last: each rubric's key and its bytes.
    static KEPT: RefCell<Vec<(String, Rc<Vec<u8>>)>> = const { RefCell::new(Vec::new()) };
}

/// What tells one rubric's bytes from another's: its id, version and content hash.
fn key(rubric: &Rubric) -> String {
    format!(
        "{}\u{0}{}\u{0}{}",
        rubric.id(),
        rubric.version(),
        rubric.hash()
    )
}

/// Decodes a compiled rubric ([`Rubric::from_bytes`]) and remembers its bytes.
///
/// # Errors
/// As [`Rubric::from_bytes`]: the bytes are not a well-formed compiled rubric.
pub fn decode(bytes: &[u8]) -> Result<Rubric, Error> {
    let rubric = Rubric::from_bytes(bytes)?;
    let k = key(&rubric);
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|(other, _)| *other != k);
        if kept.len() >= KEEP {
            kept.remove(0);
        }
        kept.push((k, Rc::new(bytes.to_vec())));
    });
    Ok(rubric)
}

/// The compiled bytes `rubric` was decoded from on this page, if it was.
pub fn bytes(rubric: &Rubric) -> Option<Rc<Vec<u8>>> {
    let k = key(rubric);
    KEPT.with_borrow(|kept| {
        kept.iter()
            .rev()
            .find(|(other, _)| *other == k)
            .map(|(_, b)| Rc::clone(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoded_bytes_are_remembered_per_rubric_and_damaged_ones_refused() {
        let catalog = spacescore_builtin::catalog();
        let a = catalog.rubrics()[0].clone();
        let b = catalog.rubrics()[1].clone();
        assert_eq!(bytes(&a), None, "not decoded here yet");
        let (ab, bb) = (a.to_bytes(), b.to_bytes());
        assert_eq!(
            decode(&ab).map(|r| r.id().to_string()),
            Ok(a.id().to_string())
        );
        decode(&bb).expect("b decodes");
        assert_eq!(bytes(&a).as_deref(), Some(&ab));
        assert_eq!(bytes(&b).as_deref(), Some(&bb));
        assert!(decode(&ab[..ab.len() / 2]).is_err());
        assert_eq!(
            bytes(&a).as_deref(),
            Some(&ab),
            "a damaged copy changes nothing"
        );
    }
}
