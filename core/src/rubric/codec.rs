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

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::*;

/// What every compiled rubric starts with; the number is the format's version.
pub const MAGIC: &[u8] = b"spacescore-rubric/3\n";
/// The length of the hex content hash after the magic.
const HASH_LEN: usize = 64;

/// Collects encoded bytes; every distinct string is written once, in a table ahead of the
/// body, and referred to by its index.
#[derive(Default)]
pub(crate) struct Writer {
    body: Vec<u8>,
    strings: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Writer {
    fn push(&mut self, b: u8) {
        self.body.push(b);
    }

    fn string(&mut self, s: &str) -> usize {
        if let Some(i) = self.index.get(s) {
            return *i;
        }
        let i = self.strings.len();
        self.strings.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    /// The string table, then the body.
    fn finish(self) -> Vec<u8> {
        let mut out = Vec::new();
        put_len(&mut out, self.strings.len());
        for s in &self.strings {
            put_len(&mut out, s.len());
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(&self.body);
        out
    }
}

/// A cursor over encoded bytes, with the string table read from their start.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    strings: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Option<Self> {
        let mut r = Reader {
            bytes,
            strings: Vec::new(),
        };
        let n = r.len()?;
        if n > r.bytes.len() {
            return None;
        }
        for _ in 0..n {
            let len = r.len()?;
            let s = std::str::from_utf8(r.take(len)?).ok()?;
            r.strings.push(s);
        }
        Some(r)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).and_then(|b| b.first().copied())
    }

    fn len(&mut self) -> Option<usize> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return usize::try_from(n).ok();
            }
        }
        None
    }
}

fn put_len(w: &mut Vec<u8>, mut n: usize) {
    // LEB128.
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            w.push(b);
            return;
        }
        w.push(b | 0x80);
    }
}

/// A type that can be written and read back.
pub(crate) trait Codec: Sized {
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader<'_>) -> Option<Self>;
}

impl Codec for String {
    fn put(&self, w: &mut Writer) {
        let i = w.string(self);
        put_len(&mut w.body, i);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let i = r.len()?;
        r.strings.get(i).map(|s| s.to_string())
    }
}

impl Codec for u32 {
    fn put(&self, w: &mut Writer) {
        put_len(&mut w.body, *self as usize);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(r.len()?).ok()
    }
}

impl Codec for usize {
    fn put(&self, w: &mut Writer) {
        put_len(&mut w.body, *self);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        r.len()
    }
}

impl Codec for bool {
    fn put(&self, w: &mut Writer) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

/// A decimal as its scale and its mantissa (zig-zag LEB128): "0.2" takes three bytes.
impl Codec for Decimal {
    fn put(&self, w: &mut Writer) {
        let d = self.normalize();
        w.push(u8::try_from(d.scale()).unwrap_or(0));
        let m = d.mantissa();
        let zigzag = ((m << 1) ^ (m >> 127)) as u128;
        let mut n = zigzag;
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                w.push(b);
                break;
            }
            w.push(b | 0x80);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let scale = u32::from(r.byte()?);
        let mut n: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = r.byte()?;
            n |= u128::from(b & 0x7f) << shift;
            if b < 0x80 {
                let m = ((n >> 1) as i128) ^ -((n & 1) as i128);
                return Decimal::try_from_i128_with_scale(m, scale).ok();
            }
        }
        None
    }
}

impl<T: Codec> Codec for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn put(&self, w: &mut Writer) {
        put_len(&mut w.body, self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        // Each element takes at least a byte: a length beyond what is left is corrupt.
        if n > r.bytes.len() {
            return None;
        }
        (0..n).map(|_| T::get(r)).collect()
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::get(r)?, B::get(r)?))
    }
}

impl<K: Codec + Ord, V: Codec> Codec for BTreeMap<K, V> {
    fn put(&self, w: &mut Writer) {
        put_len(&mut w.body, self.len());
        for (k, v) in self {
            k.put(w);
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Option<Self> {
        let pairs: Vec<(K, V)> = Codec::get(r)?;
        Some(pairs.into_iter().collect())
    }
}

/// Implements [`Codec`] for a struct by writing its fields in order.
/// A value computed from the rest is not written, and is computed again after reading.
impl<T> Codec for super::resolved::Cached<T> {
    fn put(&self, _: &mut Writer) {}
    fn get(_: &mut Reader<'_>) -> Option<Self> {
        Some(Self::default())
    }
}

macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Codec for $ty {
            fn put(&self, w: &mut Writer) {
                $(self.$field.put(w);)*
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some($ty { $($field: Codec::get(r)?,)* })
            }
        }
    };
}

/// Implements [`Codec`] for an enum from one list of `tag => Variant { fields }` (or
/// `Variant(fields)`), so each tag is declared once for writing and reading.
macro_rules! tagged {
    ($ty:ident { $($tag:literal => $var:ident $fields:tt),* $(,)? }) => {
        impl Codec for $ty {
            fn put(&self, w: &mut Writer) {
                match self {
                    $(tagged!(@pattern $ty $var $fields) => {
                        w.push($tag);
                        tagged!(@put w $fields);
                    })*
                }
            }
            fn get(r: &mut Reader<'_>) -> Option<Self> {
                Some(match r.byte()? {
                    $($tag => tagged!(@make r $ty $var $fields),)*
                    _ => return None,
                })
            }
        }
    };
    (@pattern $ty:ident $var:ident { $($f:ident),* }) => { $ty::$var { $($f),* } };
    (@pattern $ty:ident $var:ident ( $($f:ident),* )) => { $ty::$var ( $($f),* ) };
    (@put $w:ident { $($f:ident),* }) => { $($f.put($w);)* };
    (@put $w:ident ( $($f:ident),* )) => { $($f.put($w);)* };
    (@make $r:ident $ty:ident $var:ident { $($f:ident),* }) => {
        $ty::$var { $($f: Codec::get($r)?),* }
    };
    (@make $r:ident $ty:ident $var:ident ( $($f:ident),* )) => {
        $ty::$var ( $(tagged!(@one $r $f)),* )
    };
    (@one $r:ident $f:ident) => { Codec::get($r)? };
}

record!(Text { zh, en });
record!(Policy { id, text });
record!(Choice { id, name });
record!(Field {
    id,
    name,
    unit,
    kind,
    max,
    note,
    period,
    given
});
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
record!(Bound { value, inclusive });
record!(Interval { lower, upper });
record!(Band { range, points });
record!(Comparison {
    quantity,
    label,
    op,
    value
});
record!(Rate {
    quantity,
    label,
    points
});
record!(Term {
    label,
    rule,
    cap,
    requires
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

tagged!(FieldKind {
    0 => Count {},
    1 => Amount {},
    2 => SignedAmount {},
    3 => Percent {},
    4 => Bool {},
    5 => Checklist(options),
    6 => Score {},
    7 => Choice(options),
});

tagged!(Method {
    0 => Formula {},
    1 => Weights {},
    2 => Form {},
});

tagged!(Op {
    0 => Lt {},
    1 => Le {},
    2 => Eq {},
    3 => Ge {},
    4 => Gt {},
});

tagged!(Quantity {
    0 => Field(field),
    1 => Sum(fields),
    2 => Percent { numerator, denominator },
    3 => Ratio { numerator, denominator },
    4 => Growth { current, previous },
    5 => Difference { plus, minus },
});

tagged!(Rule {
    0 => Bands { quantity, bands },
    1 => Per { quantity, every, points },
    2 => Step { quantity, threshold, points, step, step_points },
    3 => Flag { field, points },
    4 => SelfScore { field, max },
    5 => Highest { options },
    6 => Deduct { start, rates },
    7 => Condition { all, points },
    8 => Linear { quantity, threshold, points, every, rate, places },
    9 => Choice { field, points },
    10 => Weighted { counts },
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
            "it was written by another version of spacescore".into()
        } else {
            "it does not start as a compiled rubric does".into()
        })
    })?;
    let (hash, body) = rest
        .split_at_checked(HASH_LEN)
        .ok_or_else(|| Error::Compiled("it is cut short".into()))?;
    let hash = std::str::from_utf8(hash)
        .ok()
        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| Error::Compiled("its content hash is damaged".into()))?;
    let corrupt = || Error::Compiled("it is damaged or cut short".into());
    let mut r = Reader::new(body).ok_or_else(corrupt)?;
    let mut rubric = Rubric::get(&mut r).ok_or_else(corrupt)?;
    if !r.bytes.is_empty() {
        return Err(corrupt());
    }
    rubric.hash = hash.to_string();
    Ok(rubric)
}

/// Whether `bytes` look like a compiled rubric (rather than a rubric file's text).
pub(crate) fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(b"spacescore-rubric/")
}
