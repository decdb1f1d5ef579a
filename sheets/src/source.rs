//! Where a batch file's bytes come from: a [`Source`], opened from the start each time it is
//! read (a CSV file is read twice: once to check it, once to score it). The CLI opens files
//! on disk; the district page hands over a dropped file's [`Bytes`].

use std::io::{self, Cursor, Read, Seek};

/// Bytes that can be read and sought: what a [`Source`] opens.
pub trait ReadSeek: Read + Seek {}

impl<T: Read + Seek> ReadSeek for T {}

/// Where a batch file's bytes come from. A CSV file is opened twice (once to check it, once
/// to score it), so a source gives its bytes from the start each time it is opened.
pub trait Source {
    /// The file's name, as messages show it.
    fn name(&self) -> &str;
    /// The file's bytes from the start.
    ///
    /// # Errors
    /// When the file cannot be opened.
    fn open(&self) -> io::Result<Box<dyn ReadSeek + '_>>;
}

/// A file already in memory (what the district page reads from a dropped file).
#[derive(Debug, Clone, Copy)]
pub struct Bytes<'a> {
    /// The file's name.
    pub name: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
}

impl Source for Bytes<'_> {
    fn name(&self) -> &str {
        self.name
    }

    fn open(&self) -> io::Result<Box<dyn ReadSeek + '_>> {
        Ok(Box::new(Cursor::new(self.bytes)))
    }
}
