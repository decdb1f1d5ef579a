//! Where output goes, for every command that writes a file (`batch -o`, `template -o`,
//! `compile`, `publish`): one set of rules, so that output never destroys anything.
//!
//! - `-` is standard output.
//! - What is not a regular file (a device such as `/dev/null`, a FIFO, or the pipe or terminal
//!   that `/dev/stdout` leads to) is written straight into, as `cat > PATH` writes: it is
//!   never replaced. So is the file that standard output or standard error already is, which
//!   is appended to, as the shell set it up (`>>` keeps what was there).
//! - A regular file, or a name that does not exist yet, is written beside its target under a
//!   fresh name (created exclusively, so no file of that name is ever overwritten) and renamed
//!   onto it once whole: a failed or interrupted command leaves the old file as it was. A link
//!   is followed: the file it leads to is replaced, and the link stays.
//! - Refused before anything is written: a folder, an output that is one of the command's
//!   inputs (the same canonical path, or the same file under another name), a link that leads
//!   nowhere, and a file that cannot be written to.
//! - A command that writes several files ([`Outputs`]) writes every one to its temporary
//!   name before it renames any, so a failure on the way leaves none of them, nor the folders
//!   made for them.

use std::fs::{self, File, Permissions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use spacescore_core::text::quote_path;
use spacescore_core::{Msg, Text};
use tempfile::NamedTempFile;

use crate::messages as m;
use crate::CliError;

/// A path as messages show it: whole, with what is invisible escaped.
pub(crate) fn shown(path: &Path) -> String {
    quote_path(&path.to_string_lossy())
}

/// The files a command reads: none of them may be an output.
#[derive(Debug, Default)]
pub(crate) struct Inputs(Vec<Input>);

#[derive(Debug)]
struct Input {
    /// What the command reads it as: the input file, the rubric file.
    role: Msg,
    path: PathBuf,
    canonical: Option<PathBuf>,
    id: Option<FileId>,
}

impl Inputs {
    /// Adds the files at `paths`, which the command reads as `role` (the rubric file).
    pub(crate) fn add<'a>(
        mut self,
        role: Msg,
        paths: impl IntoIterator<Item = &'a String>,
    ) -> Self {
        for p in paths {
            let path = PathBuf::from(p);
            self.0.push(Input {
                role,
                canonical: path.canonicalize().ok(),
                id: fs::metadata(&path).ok().map(|m| FileId::of(&m)),
                path,
            });
        }
        self
    }

    /// The input that `canonical` (or the file `id`) is, if any.
    fn find(&self, canonical: Option<&Path>, id: Option<FileId>) -> Option<&Input> {
        self.0.iter().find(|i| {
            (canonical.is_some() && i.canonical.as_deref() == canonical)
                || (id.is_some() && i.id == id)
        })
    }
}

/// A file's identity: its device and inode where the system has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    fn of(m: &fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId(m.dev(), m.ino())
    }

    #[cfg(not(unix))]
    fn of(_: &fs::Metadata) -> FileId {
        FileId(0, 0)
    }
}

/// Whether `m` is the file that standard output or standard error already is.
#[cfg(unix)]
fn is_a_standard_stream(m: &fs::Metadata) -> bool {
    use std::os::fd::AsFd;
    let id = FileId::of(m);
    let stream = |fd: std::os::fd::BorrowedFd<'_>| {
        fd.try_clone_to_owned()
            .ok()
            .and_then(|fd| File::from(fd).metadata().ok())
            .is_some_and(|s| s.is_file() && FileId::of(&s) == id)
    };
    stream(io::stdout().as_fd()) || stream(io::stderr().as_fd())
}

#[cfg(not(unix))]
fn is_a_standard_stream(_: &fs::Metadata) -> bool {
    false
}

/// Where one output goes, decided (and checked) before anything is written.
#[derive(Debug)]
pub(crate) enum Target {
    /// Standard output.
    Stdout,
    /// Written straight into: not a regular file, or a standard stream's file (appended to).
    Straight { path: PathBuf, append: bool },
    /// A regular file or a new name: written beside it and renamed onto it. `keep` is the
    /// mode of the file it replaces.
    Replace {
        file: PathBuf,
        keep: Option<Permissions>,
    },
}

impl Target {
    /// Where `out` goes (`None` or `-`: standard output).
    ///
    /// # Errors
    /// [`CliError::Usage`] for a folder, one of `inputs`, or a link that leads nowhere;
    /// [`CliError::Output`] for a file that cannot be written.
    pub(crate) fn of(out: Option<&str>, inputs: &Inputs) -> Result<Target, CliError> {
        match out {
            None | Some("-") => Ok(Target::Stdout),
            Some(path) => Target::file(Path::new(path), inputs),
        }
    }

    /// Where the file `path` goes.
    ///
    /// # Errors
    /// As [`Target::of`].
    pub(crate) fn file(path: &Path, inputs: &Inputs) -> Result<Target, CliError> {
        let refused = |why: Text| {
            CliError::Usage(Text::by(|l| {
                m::CANNOT_WRITE_TO.get(l, &[&shown(path), &why.get(l)])
            }))
        };
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if fs::symlink_metadata(path).is_ok() {
                    let to = fs::read_link(path).unwrap_or_default();
                    return Err(refused(m::LINK_TO_NOTHING.fill(&[&shown(&to)])));
                }
                return Target::new_file(path, inputs);
            }
            Err(e) => return Err(output_error(path, e)),
        };
        if meta.is_dir() {
            return Err(refused(m::IS_FOLDER.fill(&[])));
        }
        let canonical = path.canonicalize().ok();
        if let Some(input) = inputs.find(canonical.as_deref(), Some(FileId::of(&meta))) {
            return Err(refused(is_input(input)));
        }
        if !meta.is_file() {
            return Ok(Target::Straight {
                path: path.to_path_buf(),
                append: false,
            });
        }
        if is_a_standard_stream(&meta) {
            return Ok(Target::Straight {
                path: path.to_path_buf(),
                append: true,
            });
        }
        // Refused as the shell's `>` would refuse it (a file without write permission), so
        // that renaming onto it does not get round that.
        fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| output_error(path, e))?;
        Ok(Target::Replace {
            file: canonical.unwrap_or_else(|| path.to_path_buf()),
            keep: Some(meta.permissions()),
        })
    }

    /// A name that does not exist yet, in a folder that does.
    fn new_file(path: &Path, inputs: &Inputs) -> Result<Target, CliError> {
        let Some(name) = path.file_name() else {
            return Err(CliError::Usage(Text::by(|l| {
                m::CANNOT_WRITE_TO.get(l, &[&shown(path), &m::NAMES_NO_FILE.get(l, &[])])
            })));
        };
        let folder = folder_of(path);
        let folder = folder
            .canonicalize()
            .map_err(|e| output_error(&folder, e))?;
        let file = folder.join(name);
        if let Some(input) = inputs.find(Some(&file), None) {
            let why = is_input(input);
            return Err(CliError::Usage(Text::by(|l| {
                m::CANNOT_WRITE_TO.get(l, &[&shown(path), &why.get(l)])
            })));
        }
        Ok(Target::Replace { file, keep: None })
    }

    /// Whether the output is standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        matches!(self, Target::Stdout)
    }

    /// Starts writing a file target (`None` for standard output, which the caller writes). A
    /// format that must seek (`.xlsx`) going straight into what cannot seek (a FIFO) is
    /// written to an unnamed temporary file first and copied in at the end.
    ///
    /// # Errors
    /// [`CliError::Output`] when the file cannot be opened or created.
    pub(crate) fn open(&self, seek: bool) -> Result<Option<Output>, CliError> {
        let kind = match self {
            Target::Stdout => return Ok(None),
            Target::Straight { path, append } => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .append(*append)
                    .open(path)
                    .map_err(|e| output_error(path, e))?;
                if seek {
                    let spool = tempfile::tempfile().map_err(|e| output_error(path, e))?;
                    Kind::Spool { spool, into: file }
                } else {
                    Kind::Straight(file)
                }
            }
            Target::Replace { file, keep } => {
                let folder = folder_of(file);
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let prefix = format!(".{name}.");
                let mut fresh = tempfile::Builder::new();
                fresh.prefix(&prefix).suffix(".partial");
                // A new file gets the mode a created file gets (the umask applies); a
                // replaced one keeps its own.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    fresh.permissions(Permissions::from_mode(0o666));
                }
                let temp = fresh
                    .tempfile_in(&folder)
                    .map_err(|e| output_error(file, e))?;
                if let Some(mode) = keep {
                    fs::set_permissions(temp.path(), mode.clone())
                        .map_err(|e| output_error(file, e))?;
                }
                Kind::Temp {
                    temp,
                    file: file.clone(),
                }
            }
        };
        Ok(Some(Output { kind }))
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn is_input(input: &Input) -> Text {
    Text::by(|l| m::IS_INPUT.get(l, &[&input.role.get(l, &[]), &shown(&input.path)]))
}

/// `e` while writing `path`, naming it.
pub(crate) fn output_error(path: &Path, e: io::Error) -> CliError {
    CliError::Output(io::Error::new(e.kind(), format!("{}: {e}", shown(path))))
}

/// One output file being written; nothing is in place until [`Output::commit`]. Dropped
/// without it, the temporary file is removed.
pub(crate) struct Output {
    kind: Kind,
}

enum Kind {
    Temp { temp: NamedTempFile, file: PathBuf },
    Straight(File),
    Spool { spool: File, into: File },
}

impl Output {
    /// Puts the output in place: renames the temporary file onto its target, or copies the
    /// spooled workbook in.
    ///
    /// # Errors
    /// [`CliError::Output`] when that fails.
    pub(crate) fn commit(self) -> Result<(), CliError> {
        match self.kind {
            Kind::Temp { mut temp, file } => {
                temp.flush().map_err(|e| output_error(&file, e))?;
                temp.persist(&file)
                    .map_err(|e| output_error(&file, e.error))?;
            }
            Kind::Straight(mut f) => f.flush()?,
            Kind::Spool {
                mut spool,
                mut into,
            } => {
                spool.seek(SeekFrom::Start(0))?;
                io::copy(&mut spool, &mut into)?;
                into.flush()?;
            }
        }
        Ok(())
    }

    /// Whether what is written reaches its target at once (straight into a device or a
    /// pipe), rather than when [`Output::commit`] puts it in place.
    pub(crate) fn streams(&self) -> bool {
        matches!(self.kind, Kind::Straight(_))
    }

    fn writer(&mut self) -> &mut File {
        match &mut self.kind {
            Kind::Temp { temp, .. } => temp.as_file_mut(),
            Kind::Straight(f) => f,
            Kind::Spool { spool, .. } => spool,
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

impl Seek for Output {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.writer().seek(pos)
    }
}

/// Several files written together (`compile`, `publish`): each to its temporary name as it
/// comes, all renamed by [`Outputs::commit`]. Dropped before that, it leaves nothing: the
/// temporary files are removed, and so are the folders it made.
#[derive(Default)]
pub(crate) struct Outputs {
    written: Vec<Output>,
    made: Vec<PathBuf>,
}

impl Outputs {
    /// Writes `bytes` as the file `path` (not yet in place), making its missing folders.
    ///
    /// # Errors
    /// As [`Target::file`], or when a folder or the file cannot be made.
    pub(crate) fn write(
        &mut self,
        path: &Path,
        bytes: &[u8],
        inputs: &Inputs,
    ) -> Result<(), CliError> {
        self.make_folders(&folder_of(path))?;
        // Spooled where it goes straight into a device or a FIFO, so that even there nothing
        // arrives before every file is written.
        let Some(mut out) = Target::file(path, inputs)?.open(true)? else {
            return Ok(());
        };
        out.write_all(bytes).map_err(|e| output_error(path, e))?;
        self.written.push(out);
        Ok(())
    }

    fn make_folders(&mut self, folder: &Path) -> Result<(), CliError> {
        let mut missing = Vec::new();
        let mut at = Some(folder);
        while let Some(d) = at.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            missing.push(d.to_path_buf());
            at = d.parent();
        }
        for d in missing.into_iter().rev() {
            fs::create_dir(&d).map_err(|e| output_error(&d, e))?;
            self.made.push(d);
        }
        Ok(())
    }

    /// Puts every file in place.
    ///
    /// # Errors
    /// [`CliError::Output`] when a rename fails (files renamed before it stay in place: each
    /// is a whole file).
    pub(crate) fn commit(mut self) -> Result<(), CliError> {
        self.made.clear();
        for out in std::mem::take(&mut self.written) {
            out.commit()?;
        }
        Ok(())
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        self.written.clear();
        for d in self.made.iter().rev() {
            let _ = fs::remove_dir(d);
        }
    }
}
