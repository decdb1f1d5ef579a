//! Reading CSV text the way a spreadsheet shows it.
//!
//! Hand-written rather than the `csv` crate's reader, which cannot do four things batch
//! needs: a separator of more than one byte (the full-width `，`), row numbers as a
//! spreadsheet shows them (it skips blank lines and counts only `\n`, so CR-only files are
//! all on "line 1"), quote errors (it reads an unclosed quote to the end of the file, taking
//! every row after it into one cell), and the row and column of a byte the encoding does not
//! allow. The format is RFC 4180 with any of `\r\n`, `\n` or `\r` ending a row.

use std::io::{self, Read};

use crate::charset::{bad_bytes, BadBytes};

/// The separators a CSV file may use, as their UTF-8 bytes, in the order that breaks a tie.
pub(crate) const SEPARATORS: [&str; 4] = [",", "\t", ";", "，"];

/// The longest cell read, in a CSV file (a cell that grows past this is an unclosed quote
/// eating the file) or an `.xlsx` one.
pub const MAX_CELL: usize = 1 << 20;

/// Why reading stopped.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Bytes the encoding does not allow, in this cell.
    Encoding {
        row: u64,
        column: usize,
        bad: BadBytes,
    },
    /// A quoted cell that never closes.
    UnclosedQuote { row: u64, column: usize },
    /// Text after the closing quote of a cell: `"abc"def`.
    AfterQuote { row: u64, column: usize },
    /// A cell longer than [`MAX_CELL`].
    TooLong {
        row: u64,
        column: usize,
        quoted: bool,
    },
    /// The file cannot be read.
    Io(io::Error),
}

/// A CSV reader over UTF-8 text (see [`crate::charset::Decode`]).
pub(crate) struct CsvReader<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    sep: Vec<u8>,
    /// The spreadsheet row on which the next record starts.
    next_row: u64,
    /// The previous record ended with a CR: a LF right after it belongs to that ending.
    after_cr: bool,
    field: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Unquoted,
    Quoted,
    QuoteSeen,
}

impl<R: Read> CsvReader<R> {
    /// A reader of `src`; the separator is found from the first non-blank line
    /// ([`CsvReader::detect_separator`]) or set with [`CsvReader::set_separator`].
    pub(crate) fn new(src: R) -> Self {
        CsvReader {
            src,
            buf: vec![0; 64 * 1024],
            pos: 0,
            len: 0,
            eof: false,
            sep: b",".to_vec(),
            next_row: 1,
            after_cr: false,
            field: Vec::new(),
        }
    }

    /// Uses `sep` (one of [`SEPARATORS`]).
    pub(crate) fn set_separator(&mut self, sep: &str) {
        self.sep = sep.as_bytes().to_vec();
    }

    /// The separator in use.
    pub(crate) fn separator(&self) -> &str {
        std::str::from_utf8(&self.sep).unwrap_or(",")
    }

    /// Finds the separator from the first line that is not blank: the candidate of
    /// [`SEPARATORS`] that occurs most often outside quotes (a comma when none does).
    ///
    /// # Errors
    /// What [`CsvReader::read_record`] would report while looking at the line.
    pub(crate) fn detect_separator(&mut self) -> Result<&str, ReadError> {
        loop {
            let avail = self.buf.get(self.pos..self.len).unwrap_or_default();
            let whole = self.eof || avail.len() >= MAX_CELL;
            if let Some(line) = first_line(avail).or(whole.then_some(avail)) {
                let sep = best_separator(line);
                self.set_separator(sep);
                return Ok(self.separator());
            }
            match self.fill_more() {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                // A bad byte in the first line: detect from what came before it, and let
                // `read_record` report the byte with its column (the reader repeats the error).
                Err(e) if bad_bytes(&e).is_some() => {
                    let avail = self.buf.get(self.pos..self.len).unwrap_or_default();
                    let sep = best_separator(avail);
                    self.set_separator(sep);
                    return Ok(self.separator());
                }
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
    }

    /// Reads the next record into `cells` (reusing their allocations) and returns the row it
    /// starts on, or `None` at the end of the text. A blank line is a record of one empty
    /// cell: it has a row number like any other.
    ///
    /// # Errors
    /// A [`ReadError`] with the row and column where the text cannot be read.
    pub(crate) fn read_record(
        &mut self,
        cells: &mut Vec<String>,
    ) -> Result<Option<u64>, ReadError> {
        let mut used = 0usize;
        let row = self.next_row;
        if self.after_cr {
            self.after_cr = false;
            if self.peek(row, 1)? == Some(b'\n') {
                self.pos += 1;
            }
        }
        if self.peek(row, 1)?.is_none() {
            cells.truncate(0);
            return Ok(None);
        }
        self.field.clear();
        let mut state = State::Start;
        loop {
            let column = used + 1;
            let b = self.peek(row, column)?;
            match state {
                State::Start | State::Unquoted => match b {
                    None => {
                        self.end_field(cells, &mut used, row)?;
                        break;
                    }
                    Some(b'"') if state == State::Start => {
                        self.pos += 1;
                        state = State::Quoted;
                    }
                    Some(b'\r') | Some(b'\n') => {
                        self.end_line(b)?;
                        self.end_field(cells, &mut used, row)?;
                        break;
                    }
                    Some(byte) => {
                        if self.at_separator(byte, row, column)? {
                            self.pos += self.sep.len();
                            self.end_field(cells, &mut used, row)?;
                            state = State::Start;
                        } else {
                            self.pos += 1;
                            self.push(byte, row, column, false)?;
                            state = State::Unquoted;
                        }
                    }
                },
                State::Quoted => match b {
                    None => return Err(ReadError::UnclosedQuote { row, column }),
                    Some(b'"') => {
                        self.pos += 1;
                        state = State::QuoteSeen;
                    }
                    Some(byte) => {
                        self.pos += 1;
                        self.push(byte, row, column, true)?;
                    }
                },
                State::QuoteSeen => match b {
                    None => {
                        self.end_field(cells, &mut used, row)?;
                        break;
                    }
                    Some(b'"') => {
                        self.pos += 1;
                        self.push(b'"', row, column, true)?;
                        state = State::Quoted;
                    }
                    Some(b'\r') | Some(b'\n') => {
                        self.end_line(b)?;
                        self.end_field(cells, &mut used, row)?;
                        break;
                    }
                    Some(byte) => {
                        if self.at_separator(byte, row, column)? {
                            self.pos += self.sep.len();
                            self.end_field(cells, &mut used, row)?;
                            state = State::Start;
                        } else {
                            return Err(ReadError::AfterQuote { row, column });
                        }
                    }
                },
            }
        }
        cells.truncate(used);
        Ok(Some(row))
    }

    /// Consumes a line ending (`\r`, `\n`; the `\n` of a `\r\n` is taken by the next read).
    fn end_line(&mut self, b: Option<u8>) -> Result<(), ReadError> {
        self.pos += 1;
        self.next_row += 1;
        self.after_cr = b == Some(b'\r');
        Ok(())
    }

    fn push(&mut self, b: u8, row: u64, column: usize, quoted: bool) -> Result<(), ReadError> {
        if self.field.len() >= MAX_CELL {
            return Err(ReadError::TooLong {
                row,
                column,
                quoted,
            });
        }
        self.field.push(b);
        Ok(())
    }

    fn end_field(
        &mut self,
        cells: &mut Vec<String>,
        used: &mut usize,
        row: u64,
    ) -> Result<(), ReadError> {
        // The text is UTF-8 and fields end at ASCII bytes or a whole separator character,
        // so a field is always whole characters; should it not be, say so.
        let text = std::str::from_utf8(&self.field).map_err(|_| ReadError::Encoding {
            row,
            column: *used + 1,
            bad: BadBytes {
                charset: crate::charset::Charset::Utf8,
                offset: 0,
                bytes: Vec::new(),
            },
        })?;
        match cells.get_mut(*used) {
            Some(cell) => {
                cell.clear();
                cell.push_str(text);
            }
            None => cells.push(text.to_string()),
        }
        *used += 1;
        self.field.clear();
        Ok(())
    }

    /// Whether the separator starts at the current byte `b`.
    fn at_separator(&mut self, b: u8, row: u64, column: usize) -> Result<bool, ReadError> {
        let Some(first) = self.sep.first() else {
            return Ok(false);
        };
        if b != *first {
            return Ok(false);
        }
        if self.sep.len() == 1 {
            return Ok(true);
        }
        self.ensure(self.sep.len())
            .map_err(|e| self.io_error(e, column).with_row(row))?;
        Ok(self
            .buf
            .get(self.pos..self.len)
            .is_some_and(|rest| rest.starts_with(&self.sep)))
    }

    /// The current byte, reading more text when the buffer is used up.
    #[inline]
    fn peek(&mut self, row: u64, column: usize) -> Result<Option<u8>, ReadError> {
        if self.pos >= self.len {
            self.ensure(1)
                .map_err(|e| self.io_error(e, column).with_row(row))?;
        }
        if self.pos < self.len {
            Ok(self.buf.get(self.pos).copied())
        } else {
            Ok(None)
        }
    }

    /// Makes at least `n` bytes available from `pos`, unless the text ends first.
    fn ensure(&mut self, n: usize) -> io::Result<()> {
        while self.len - self.pos < n && !self.eof {
            if self.fill_more()? == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    /// Moves the unread bytes to the front (growing the buffer if it is full) and reads more.
    fn fill_more(&mut self) -> io::Result<usize> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.pos = 0;
        }
        if self.len == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let free = self.buf.get_mut(self.len..).unwrap_or_default();
        loop {
            match self.src.read(free) {
                Ok(n) => {
                    self.len += n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn io_error(&self, e: io::Error, column: usize) -> ReadError {
        match bad_bytes(&e) {
            Some(bad) => ReadError::Encoding {
                row: self.next_row,
                column,
                bad: bad.clone(),
            },
            None => ReadError::Io(e),
        }
    }
}

impl ReadError {
    /// The same error placed on `row` (where the record being read started).
    fn with_row(self, row: u64) -> Self {
        match self {
            ReadError::Encoding { column, bad, .. } => ReadError::Encoding { row, column, bad },
            other => other,
        }
    }
}

/// The first line of `text` with something on it, if a line ending (outside quotes) follows
/// it in `text`.
fn first_line(text: &[u8]) -> Option<&[u8]> {
    let mut quoted = false;
    let mut start = 0;
    for (i, b) in text.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => {
                let line = text.get(start..i).unwrap_or_default();
                if !line.is_empty() {
                    return Some(line);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// The candidate of [`SEPARATORS`] that occurs most often in `line` outside quotes; a comma
/// when none does.
fn best_separator(line: &[u8]) -> &'static str {
    let mut best = (0usize, ",");
    for sep in SEPARATORS {
        let n = count_outside_quotes(line, sep.as_bytes());
        if n > best.0 {
            best = (n, sep);
        }
    }
    best.1
}

/// How often `sep` occurs in `line` outside double quotes.
fn count_outside_quotes(line: &[u8], sep: &[u8]) -> usize {
    let mut quoted = false;
    let mut n = 0;
    let mut i = 0;
    while let Some(b) = line.get(i) {
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted && line.get(i..).is_some_and(|rest| rest.starts_with(sep)) {
            n += 1;
            i += sep.len();
            continue;
        }
        i += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Result<Vec<(u64, Vec<String>)>, ReadError> {
        let mut r = CsvReader::new(text.as_bytes());
        r.detect_separator()?;
        let mut out = Vec::new();
        let mut cells = Vec::new();
        while let Some(row) = r.read_record(&mut cells)? {
            out.push((row, cells.clone()));
        }
        Ok(out)
    }

    fn rows(text: &str) -> Vec<u64> {
        records(text)
            .expect("readable")
            .iter()
            .map(|r| r.0)
            .collect()
    }

    #[test]
    fn row_numbers_are_what_a_spreadsheet_shows() {
        assert_eq!(rows("a,b\n1,2\n3,4\n"), [1, 2, 3]);
        assert_eq!(rows("a,b\r\n1,2\r\n3,4\r\n"), [1, 2, 3]);
        assert_eq!(rows("a,b\r1,2\r3,4"), [1, 2, 3]);
        assert_eq!(rows("a,b\n\n1,2\n\n\n3,4\n"), [1, 2, 3, 4, 5, 6]);
        assert_eq!(
            rows("a,b\n\"x\ny\",2\n3,4\n"),
            [1, 2, 3],
            "a quoted newline stays in its row"
        );
        assert_eq!(rows("a,b\r\n\"x\r\ny\",2\r\n3,4"), [1, 2, 3]);
    }

    #[test]
    fn cells_keep_quotes_separators_and_newlines() {
        let r = records("name,n\n\"甲, \"\"乙\"\"\",\"1,200\"\n").expect("readable");
        assert_eq!(r[1].1, ["甲, \"乙\"", "1,200"]);
        let blank = records("a\n\nb").expect("readable");
        assert_eq!(blank[1].1, [""], "a blank line is one empty cell");
    }

    #[test]
    fn separators_are_detected_from_the_first_line() {
        for sep in SEPARATORS {
            let text = format!("name{sep}site_area{sep}events\n甲{sep}1{sep}2\n");
            let r = records(&text).expect("readable");
            assert_eq!(r[1].1, ["甲", "1", "2"], "{sep:?}");
        }
        // A comma inside quotes does not count; the semicolons do.
        let r = records("\"a,b,c\";x;y\n1;2;3\n").expect("readable");
        assert_eq!(r[0].1, ["a,b,c", "x", "y"]);
        // A full-width comma inside a cell of a comma file stays in the cell.
        let r = records("name,site_area,events\n某公司，二部,1,2\n").expect("readable");
        assert_eq!(r[1].1, ["某公司，二部", "1", "2"]);
    }

    #[test]
    fn quote_errors_name_their_row_and_column() {
        match records("a,b\n1,2\n3,\"4\n5,6\n") {
            Err(ReadError::UnclosedQuote { row, column }) => assert_eq!((row, column), (3, 2)),
            other => panic!("{other:?}"),
        }
        match records("a,b\n\"1\"x,2\n") {
            Err(ReadError::AfterQuote { row, column }) => assert_eq!((row, column), (2, 1)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_long_multi_byte_separator_split_across_reads_is_found() {
        let mut text = String::from("name，n\n");
        for i in 0..20_000 {
            text.push_str(&format!("空间{i}，{i}\n"));
        }
        let r = records(&text).expect("readable");
        assert_eq!(r.len(), 20_001);
        assert!(r.iter().skip(1).all(|(_, c)| c.len() == 2));
        assert_eq!(r[20_000].1, ["空间19999", "19999"]);
    }

    /// Rows made as they are read: a file far larger than the buffer.
    struct Generated {
        rows: usize,
        current: Vec<u8>,
        at: usize,
    }

    impl Read for Generated {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.at >= self.current.len() {
                if self.rows == 0 {
                    return Ok(0);
                }
                self.rows -= 1;
                self.current = format!("空间{},\"1,200\",3,是\r\n", self.rows).into_bytes();
                self.at = 0;
            }
            let n = out.len().min(self.current.len() - self.at);
            out[..n].copy_from_slice(&self.current[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn memory_holds_one_row_whatever_the_length_of_the_file() {
        let rows = 200_000;
        let src = Generated {
            rows,
            current: b"name,site_area,events,flag\r\n".to_vec(),
            at: 0,
        };
        let mut r = CsvReader::new(src);
        r.detect_separator().expect("separator");
        let mut cells = Vec::new();
        let mut n = 0;
        while let Some(row) = r.read_record(&mut cells).expect("readable") {
            n += 1;
            assert_eq!(row, n);
            assert_eq!(cells.len(), 4);
        }
        assert_eq!(n, rows as u64 + 1);
        // About 5 MB went through a buffer that never grew.
        assert_eq!(r.buf.len(), 64 * 1024);
        assert!(r.field.capacity() < 64);
    }
}
