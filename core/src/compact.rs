//! The compact binary form's pieces: a writer and a reader of LEB128 lengths, one-byte
//! tags and zig-zag decimals, with every distinct string written once in a table ahead of
//! the body; the [`Codec`] of the values every rubric is made of, and the macros that
//! give a struct or an enum its codec from one list of its fields. The compiled rubric
//! file (its magic, hash and layout) is the rubric's codec, built on these.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::field::{Choice, Field, FieldKind};
use crate::quantity::{Band, Bound, Comparison, Interval, Op, Quantity, Rate};
use crate::text::Text;

/// Collects encoded bytes; every distinct string is written once, in a table ahead of the
/// body, and referred to by its index.
#[derive(Default)]
pub(crate) struct Writer {
    body: Vec<u8>,
    strings: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Writer {
    pub(crate) fn push(&mut self, b: u8) {
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
    pub(crate) fn finish(self) -> Vec<u8> {
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
    pub(crate) fn new(bytes: &'a [u8]) -> Option<Self> {
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

    /// Whether every byte has been read.
    pub(crate) fn is_done(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn byte(&mut self) -> Option<u8> {
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
macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::compact::Codec for $ty {
            fn put(&self, w: &mut $crate::compact::Writer) {
                $($crate::compact::Codec::put(&self.$field, w);)*
            }
            fn get(r: &mut $crate::compact::Reader<'_>) -> Option<Self> {
                Some($ty { $($field: $crate::compact::Codec::get(r)?,)* })
            }
        }
    };
}

pub(crate) use record;

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

pub(crate) use tagged;

record!(Text { zh, en });
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
