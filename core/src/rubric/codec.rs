//! The compiled form of one validated [`Rubric`]: what `dist/rubrics/` holds, what the page
//! fetches, and what the CLI and the JS API accept besides a rubric file.
//!
//! Layout: the magic `spacescore-rubric/2\n`, the content hash (64 hex digits of the
//! SHA-256 of the body), then the body: a table of every distinct string, then the rubric,
//! each value as LEB128 lengths, one-byte tags and zig-zag decimals. The rubric carries
//! every field it reads and every policy line it cites, so it needs nothing else.
//!
//! Reading never panics, never recurses on its input, and never allocates for a length it
//! has not seen the bytes for: malformed bytes give an [`Error::Compiled`].

use super::*;
use crate::compact::{record, tagged, Codec, Reader, Writer};

/// What every compiled rubric starts with; the number is the format's version.
pub const MAGIC: &[u8] = b"spacescore-rubric/3\n";
/// The length of the hex content hash after the magic.
const HASH_LEN: usize = 64;

/// A value computed from the rest is not written, and is computed again after reading.
impl<T> Codec for super::resolved::Cached<T> {
    fn put(&self, _: &mut Writer) {}
    fn get(_: &mut Reader<'_>) -> Option<Self> {
        Some(Self::default())
    }
}

record!(Policy { id, text });
record!(Document {
    title,
    issuer,
    number,
    year,
    period,
    section,
    source,
    references,
    notes
});
record!(Figure {
    id,
    label,
    quantity,
    target
});
record!(Group {
    id,
    name,
    source,
    max,
    bonus,
    notes
});
record!(Item {
    id,
    group,
    number,
    name,
    source_text,
    rule_text,
    max,
    nature,
    evidence,
    bonus,
    terms,
    aids,
    figures,
    policies,
    notes,
});
record!(Grade { name, range });
record!(Veto {
    id,
    text,
    trigger,
    grade,
    notes
});
record!(Limit {
    id,
    text,
    flag,
    grade_at_most
});
record!(Consistency {
    left,
    op,
    right,
    message,
    when
});
record!(Row {
    group,
    field,
    label,
    unit
});
record!(Rubric {
    id,
    version,
    hash,
    name,
    region,
    space_type,
    method,
    document,
    base_max,
    bonus_max,
    bonus_cap,
    groups,
    items,
    grades,
    grade_names,
    grades_note,
    vetoes,
    limits,
    consistency,
    figures,
    rows,
    fields,
    policies,
    resolved,
});

tagged!(Stated {
    0 => Given(text),
    1 => NotStated(note),
});

tagged!(Method {
    0 => Formula {},
    1 => Weights {},
    2 => Form {},
});

tagged!(Trigger {
    0 => Flag(field),
    1 => Compare(comparison),
});

/// The rubric in compiled form. The hash in the header is the rubric's own
/// ([`Rubric::hash`]); a rubric that has none yet (one the checker just built) gets the
/// hash of its body.
pub(crate) fn write(rubric: &Rubric) -> Vec<u8> {
    let body = body(rubric);
    let hash = if rubric.hash.len() == HASH_LEN {
        rubric.hash.clone()
    } else {
        content_hash(&body)
    };
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(hash.as_bytes());
    out.extend(body);
    out
}

/// The body of the compiled form, without the header; its hash is the rubric's content
/// hash. The rubric's own hash is left out of it, so the hash does not depend on itself.
pub(crate) fn body(rubric: &Rubric) -> Vec<u8> {
    let mut w = Writer::default();
    let unhashed = Rubric {
        hash: String::new(),
        ..rubric.clone()
    };
    unhashed.put(&mut w);
    w.finish()
}

/// The content hash of a compiled body: SHA-256, as 64 lowercase hex digits.
#[cfg(feature = "check")]
pub(crate) fn content_hash(body: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Without the checker there is nothing that writes new rubrics, and the hash of a
/// decoded one is kept from its header.
#[cfg(not(feature = "check"))]
pub(crate) fn content_hash(_body: &[u8]) -> String {
    String::new()
}

/// Reads a compiled rubric.
pub(crate) fn read(bytes: &[u8]) -> Result<Rubric, Error> {
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| {
        Error::Compiled(if bytes.starts_with(b"spacescore-rubric/") {
            Text::new(
                "它由另一个版本的 spacescore 写出",
                "it was written by another version of spacescore",
            )
        } else {
            Text::new(
                "它的开头不是编译评价表的开头",
                "it does not start as a compiled rubric does",
            )
        })
    })?;
    let (hash, body) = rest
        .split_at_checked(HASH_LEN)
        .ok_or_else(|| Error::Compiled(Text::new("它被截断了", "it is cut short")))?;
    let hash = std::str::from_utf8(hash)
        .ok()
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| {
            Error::Compiled(Text::new(
                "它的内容散列值已损坏",
                "its content hash is damaged",
            ))
        })?;
    let corrupt = || Error::Compiled(Text::new("它已损坏或被截断", "it is damaged or cut short"));
    let mut r = Reader::new(body).ok_or_else(corrupt)?;
    let mut rubric = Rubric::get(&mut r).ok_or_else(corrupt)?;
    if !r.is_done() {
        return Err(corrupt());
    }
    rubric.hash = hash.to_string();
    Ok(rubric)
}

/// Whether `bytes` look like a compiled rubric (rather than a rubric file's text).
pub(crate) fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(b"spacescore-rubric/")
}
