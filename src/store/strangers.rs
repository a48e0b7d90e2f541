//! Something other than the game's own file at one of its names (a link, a FIFO):
//! found before the game writes there, set aside, and never written through.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::open::{FileError, Links, open_own, read_limited, stranger};

/// `open::open_own`, setting aside a stranger at the name once and trying again;
/// what was set aside is pushed on `notes`.
pub fn open_own_noting(
    path: &Path,
    append: bool,
    notes: &mut Vec<String>,
) -> Result<File, FileError> {
    match open_own(path, append) {
        Err(FileError::NotRegular(_)) => {
            if let Some(m) = set_aside_stranger(path) {
                notes.push(m);
            }
            open_own(path, append)
        }
        other => other,
    }
}

/// If something other than a regular file is at `path`, set it aside and say so.
pub fn set_aside_stranger(path: &Path) -> Option<String> {
    let kind = stranger(path)?;
    Some(super::files::set_aside(
        path,
        format!("{}: is not a regular file: it is {kind}", path.display()),
    ))
}

/// `NAME.bak` beside `path`.
pub fn with_bak(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Copy a file of the data directory to another name there: read without following
/// a link, written new and renamed into place.
pub fn copy_own(from: &Path, to: &Path) -> std::io::Result<()> {
    let bytes = read_limited(from, super::record::MAX_RECORD_BYTES, Links::Refuse)?;
    super::write_atomic(to, &bytes)
}
