//! Reading the files a command is given, never more than a limit: reading stops one byte past
//! it, so `/dev/zero`, an endless pipe or a huge file is refused after that much, never read
//! whole. Messages name the file whole and the limit.

use std::io::{self, Read};
use std::path::Path;

use spacescore_core::check::MAX_FILE_BYTES;
use spacescore_core::{Lang, Text};

use crate::output::shown;
use crate::CliError;

/// The most of a rubric file that is read: twice what the checker accepts of a source file, as
/// a compiled rubric carries the shared fields it uses and can be a little larger than its
/// source. A source file between the two is refused by the checker, which says by how much.
pub(crate) const RUBRIC_LIMIT: u64 = 2 * MAX_FILE_BYTES as u64;

/// The most of a batch file that is read from a pipe, a FIFO or a device. Such a file is held
/// in memory, as it cannot be read twice (a CSV file is) nor sought (an `.xlsx` file is); a
/// file on disk is read where it lies, a row at a time.
pub(crate) const PIPED_LIMIT: u64 = 64 << 20;

/// At most `limit + 1` bytes of `r`: one more than allowed says that there is more.
///
/// # Errors
/// What reading returns.
pub(crate) fn up_to(r: &mut dyn Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a rubric file is, for [`Failure::TooLarge`].
pub(crate) fn a_rubric_file() -> Text {
    Text::new("评价表文件不会这么大", "a rubric file can be")
}

/// What a batch file from a pipe or device is, for [`Failure::TooLarge`].
pub(crate) fn piped_batch_file() -> Text {
    Text::new(
        "从管道或设备最多读这么多（请先存为文件）",
        "is read from a pipe or device (save it as a file to read more)",
    )
}

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum Failure {
    /// It cannot be opened or read.
    Io(std::io::Error),
    /// It holds more than the limit.
    TooLarge(u64),
}

impl Failure {
    /// The message, naming the file whole; `what` says what the limit is for
    /// ([`a_rubric_file`]).
    pub(crate) fn message(&self, path: &str, what: &Text, lang: Lang) -> String {
        let file = shown(Path::new(path));
        match (self, lang) {
            (Failure::Io(e), Lang::En) => format!("cannot read {file}: {e}"),
            (Failure::Io(e), Lang::Zh) => format!("{file}：无法读取（{e}）"),
            (Failure::TooLarge(limit), Lang::En) => format!(
                "{file} holds more than {}, more than {}; reading stopped there",
                size(*limit),
                what.en
            ),
            (Failure::TooLarge(limit), Lang::Zh) => {
                format!("{file} 超过 {}，{}；读到此处即停止", size(*limit), what.zh)
            }
        }
    }
}

/// The bytes of the file at `path`, at most `limit`.
///
/// # Errors
/// A [`Failure`] when the file cannot be read or holds more than `limit` bytes.
pub(crate) fn read(path: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    let mut f = std::fs::File::open(path).map_err(Failure::Io)?;
    let bytes = up_to(&mut f, limit).map_err(Failure::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Failure::TooLarge(limit));
    }
    Ok(bytes)
}

/// The bytes of the file at `path`, at most `limit`; `what` says what the limit is for.
///
/// # Errors
/// [`CliError::Unreadable`] when the file cannot be read or holds more than `limit` bytes,
/// naming it and the limit (in English, as the CLI speaks).
pub(crate) fn file(path: &str, limit: u64, what: &Text) -> Result<Vec<u8>, CliError> {
    read(path, limit)
        .map_err(|f| CliError::Unreadable(spacescore_core::Text::by(|l| f.message(path, what, l))))
}

/// A size as people read it: "64 MiB", "256 KiB".
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}
