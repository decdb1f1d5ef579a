//! Which encoding a CSV file is in, and its text read strictly: a byte sequence that the
//! encoding does not allow stops the reading with its place, never a replacement character
//! and never a second guess at the whole file.

use std::fmt;
use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// An encoding a CSV file can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charset {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GB18030 (a superset of GBK and GB2312), what Excel on Chinese Windows saves as CSV.
    Gb18030,
    /// UTF-16 little-endian: Excel's "Unicode text".
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
}

impl Charset {
    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Utf8 => UTF_8,
            Charset::Gb18030 => GB18030,
            Charset::Utf16Le => UTF_16LE,
            Charset::Utf16Be => UTF_16BE,
        }
    }

    /// The encoding's usual name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Gb18030 => "GB18030",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
        }
    }
}

/// What the first bytes of a file say about its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sniffed {
    /// The encoding, when the bytes decide it; `None` means UTF-8 or GB18030, which only
    /// reading the file can tell apart.
    pub(crate) charset: Option<Charset>,
    /// The length of the byte-order mark to skip.
    pub(crate) bom: usize,
}

/// Looks at the first bytes of a file (a few KiB): a byte-order mark, or the zero bytes that
/// UTF-16 text has beside every ASCII character (a separator, a line end, a field id).
/// UTF-8 and GB18030 text never contains a zero byte.
pub(crate) fn sniff(head: &[u8]) -> Sniffed {
    let found = |charset, bom| Sniffed {
        charset: Some(charset),
        bom,
    };
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return found(Charset::Utf8, 3);
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return found(Charset::Utf16Le, 2);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return found(Charset::Utf16Be, 2);
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in head.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    // Zeros on one side only: ASCII characters in UTF-16. A stray zero or two in an 8-bit
    // file is not enough.
    if odd >= 2 && even * 8 <= odd {
        found(Charset::Utf16Le, 0)
    } else if even >= 2 && odd * 8 <= even {
        found(Charset::Utf16Be, 0)
    } else {
        Sniffed {
            charset: None,
            bom: 0,
        }
    }
}

/// Bytes that the encoding does not allow, and where they are in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadBytes {
    /// The encoding the file was read in.
    pub(crate) charset: Charset,
    /// The offset of the first bad byte from the start of the file.
    pub(crate) offset: u64,
    /// The bad bytes (as many as the decoder reports; at most a few).
    pub(crate) bytes: Vec<u8>,
}

impl BadBytes {
    /// The bytes in hexadecimal: `E4 61`.
    pub(crate) fn hex(&self) -> String {
        let shown: Vec<String> = self.bytes.iter().map(|b| format!("{b:02X}")).collect();
        if shown.is_empty() {
            "(the end of the file)".into()
        } else {
            shown.join(" ")
        }
    }
}

impl fmt::Display for BadBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "byte(s) {} at offset {} are not {}",
            self.hex(),
            self.offset,
            self.charset.name()
        )
    }
}

impl std::error::Error for BadBytes {}

/// A reader that turns a file's bytes in `charset` into UTF-8. At bytes the encoding does not
/// allow it returns the text before them, then an [`io::ErrorKind::InvalidData`] error
/// carrying [`BadBytes`].
pub(crate) struct Decode<R> {
    inner: R,
    charset: Charset,
    decoder: Decoder,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// File offset of `buf[0]`.
    base: u64,
    eof: bool,
    failed: Option<BadBytes>,
    /// The last bytes of the previous buffer.
    tail: Vec<u8>,
    /// Decoded text not yet returned (when the caller offered less room than a character).
    pending: Vec<u8>,
}

impl<R: Read> Decode<R> {
    /// Reads `inner`, which is positioned after any byte-order mark of `bom` bytes.
    pub(crate) fn new(inner: R, charset: Charset, bom: usize) -> Self {
        Decode {
            inner,
            charset,
            decoder: charset.encoding().new_decoder_without_bom_handling(),
            buf: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            base: bom as u64,
            eof: false,
            failed: None,
            pending: Vec::new(),
            tail: Vec::new(),
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        // Keep the last few bytes: a bad sequence can begin before the new buffer does.
        let keep = self.end.min(4);
        self.tail = self
            .buf
            .get(self.end - keep..self.end)
            .unwrap_or_default()
            .to_vec();
        self.base += self.end as u64;
        self.start = 0;
        self.end = 0;
        loop {
            match self.inner.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end = n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if !self.pending.is_empty() {
            let n = out.len().min(self.pending.len());
            for (o, p) in out.iter_mut().zip(self.pending.drain(..n)) {
                *o = p;
            }
            return Ok(n);
        }
        // encoding_rs writes whole characters: with less room than the longest, decode
        // into a small buffer and keep what does not fit.
        if out.len() < 8 {
            let mut tmp = [0u8; 64];
            let n = self.decode_into(&mut tmp)?;
            let k = out.len().min(n);
            for (o, t) in out.iter_mut().zip(tmp.iter().take(k)) {
                *o = *t;
            }
            self.pending
                .extend_from_slice(tmp.get(k..n).unwrap_or_default());
            return Ok(k);
        }
        self.decode_into(out)
    }
}

impl<R: Read> Decode<R> {
    fn decode_into(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if let Some(bad) = &self.failed {
            return Err(io::Error::new(io::ErrorKind::InvalidData, bad.clone()));
        }
        loop {
            if self.start >= self.end && !self.eof {
                self.refill()?;
            }
            let input = self.buf.get(self.start..self.end).unwrap_or_default();
            let (result, read, written) = self
                .decoder
                .decode_to_utf8_without_replacement(input, out, self.eof);
            self.start += read;
            match result {
                DecoderResult::InputEmpty => {
                    if written > 0 || self.eof {
                        return Ok(written);
                    }
                }
                DecoderResult::OutputFull => return Ok(written),
                DecoderResult::Malformed(bad, extra) => {
                    // The bad bytes end `extra` bytes before what was read, in the tail of
                    // the previous buffer followed by this one.
                    let t = self.tail.len();
                    let end = (t + self.start).saturating_sub(usize::from(extra));
                    let begin = end.saturating_sub(usize::from(bad));
                    let bytes: Vec<u8> = self
                        .tail
                        .iter()
                        .chain(self.buf.get(..self.end).unwrap_or_default())
                        .skip(begin)
                        .take(end - begin)
                        .copied()
                        .collect();
                    let bad = BadBytes {
                        charset: self.charset,
                        offset: (self.base + begin as u64).saturating_sub(t as u64),
                        bytes,
                    };
                    // Every later read repeats the error: the text never resumes after it.
                    self.failed = Some(bad.clone());
                    if written > 0 {
                        return Ok(written);
                    }
                    return Err(io::Error::new(io::ErrorKind::InvalidData, bad));
                }
            }
        }
    }
}

/// The [`BadBytes`] an I/O error from [`Decode`] carries, if it is one.
pub(crate) fn bad_bytes(e: &io::Error) -> Option<&BadBytes> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<BadBytes>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], charset: Charset) -> Result<String, BadBytes> {
        let mut text = String::new();
        match Decode::new(bytes, charset, 0).read_to_string(&mut text) {
            Ok(_) => Ok(text),
            Err(e) => Err(bad_bytes(&e).cloned().expect("bad bytes")),
        }
    }

    #[test]
    fn sniffs_boms_and_bomless_utf16() {
        assert_eq!(sniff(b"\xEF\xBB\xBFa,b").charset, Some(Charset::Utf8));
        assert_eq!(sniff(b"\xFF\xFEa\0").bom, 2);
        assert_eq!(sniff(b"a\0,\0b\0").charset, Some(Charset::Utf16Le));
        assert_eq!(sniff(b"\0a\0,\0b").charset, Some(Charset::Utf16Be));
        assert_eq!(sniff(b"name,site_area\n").charset, None);
        assert_eq!(sniff(b"a\0b,c,d,e").charset, None, "one stray zero");
    }

    #[test]
    fn stops_at_the_first_bad_byte_with_its_offset() {
        assert_eq!(
            decode_all("甲,1".as_bytes(), Charset::Utf8).as_deref(),
            Ok("甲,1")
        );
        let bad = decode_all(b"ab,\xFF,c", Charset::Utf8).expect_err("0xFF");
        assert_eq!((bad.offset, bad.hex()), (3, "FF".to_string()));
        // A sequence cut by the end of the file.
        let cut = decode_all(b"ab\xE4\xB8", Charset::Utf8).expect_err("cut");
        assert_eq!(cut.offset, 2);
        // An unpaired surrogate in UTF-16.
        let lone = decode_all(b"a\0\x00\xD8b\0", Charset::Utf16Le).expect_err("surrogate");
        assert_eq!(lone.charset, Charset::Utf16Le);
    }

    #[test]
    fn the_offset_is_right_across_buffer_refills() {
        let mut bytes = vec![b'a'; 64 * 1024 + 10];
        bytes.push(0xFF);
        let bad = decode_all(&bytes, Charset::Utf8).expect_err("0xFF");
        assert_eq!(bad.offset, 64 * 1024 + 10);
    }
}
