//! Opening files without trusting what is at their names: reads bounded by what is
//! read (never by what `metadata` claims), pipes and devices refused before a byte
//! is read, and links refused where the game owns the directory.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Whether a symbolic link at a file's own name is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// A path the player gave (a scenario, a run file): a link there is theirs to make.
    Follow,
    /// A file of the data directory: a link there was planted, and is never followed.
    Refuse,
}

/// Why a file could not be opened or read.
#[derive(Debug)]
pub enum FileError {
    /// The system's error (a missing file is one: see `is_not_found`).
    Io(io::Error),
    /// Something other than a regular file is at the name: what it is, in words.
    NotRegular(&'static str),
    /// The file holds more than the limit, in bytes.
    TooLarge(u64),
}

impl FileError {
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        matches!(self, FileError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl std::fmt::Display for FileError {
    /// Reads after the file's name: "PATH: is not a regular file: it is a named pipe (FIFO)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Io(e) => write!(f, "cannot read: {e}"),
            FileError::NotRegular(kind) => write!(f, "is not a regular file: it is {kind}"),
            FileError::TooLarge(limit) => write!(f, "is larger than {limit} bytes"),
        }
    }
}

impl std::error::Error for FileError {}

impl From<FileError> for io::Error {
    fn from(e: FileError) -> io::Error {
        match e {
            FileError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

const LINK: &str = "a symbolic link, which the game never follows in its data directory";

/// What a file type is, in words, for messages.
fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_symlink() {
        LINK
    } else if t.is_dir() {
        "a directory"
    } else if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// What is at `path` itself (a link is not followed) if it is not a regular file;
/// `None` for a regular file or nothing at all.
pub fn stranger(path: &Path) -> Option<&'static str> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    (!meta.is_file()).then(|| kind_of(meta.file_type()))
}

/// Whether a stranger at `path` is one that may be moved aside: a link, a pipe or a
/// socket is; a directory or a device never is (a path given on the command line
/// may be `/dev/zero`, and renaming that would break the machine).
pub fn movable(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| {
        let t = m.file_type();
        !t.is_dir() && !is_device(t)
    })
}

fn is_device(t: std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        t.is_char_device() || t.is_block_device()
    }
    #[cfg(not(unix))]
    {
        let _ = t;
        false
    }
}

/// The flags every open of ours adds: never block (a FIFO would wait for a writer
/// for ever), and with `Links::Refuse`, fail on a link at the name instead of
/// following it.
fn guard_flags(o: &mut OpenOptions, links: Links) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = libc::O_NONBLOCK;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        o.custom_flags(flags);
    }
    #[cfg(not(unix))]
    {
        let _ = (o, links);
    }
}

/// Open with `o`, then check what was opened (the open file, not the name: the
/// name may have changed since): only a regular file is returned.
fn open_checked(o: &OpenOptions, path: &Path, links: Links) -> Result<File, FileError> {
    // Look first, so that a device is not even opened (opening some has effects of
    // its own). Only a courtesy: the name may change before the open, so what was
    // opened is checked again below, and O_NOFOLLOW guards the link case.
    let seen = match links {
        Links::Refuse => std::fs::symlink_metadata(path),
        Links::Follow => std::fs::metadata(path),
    };
    if let Ok(m) = seen
        && !m.is_file()
    {
        return Err(FileError::NotRegular(kind_of(m.file_type())));
    }
    let file = match o.open(path) {
        Ok(f) => f,
        Err(e) => {
            // A link under O_NOFOLLOW (ELOOP), a FIFO without a reader for writing
            // (ENXIO): say what is there rather than the system's puzzle.
            let seen = if links == Links::Refuse {
                stranger(path)
            } else {
                std::fs::metadata(path)
                    .ok()
                    .filter(|m| !m.is_file())
                    .map(|m| kind_of(m.file_type()))
            };
            return Err(seen.map_or(FileError::Io(e), FileError::NotRegular));
        }
    };
    let meta = file.metadata().map_err(FileError::Io)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular(kind_of(meta.file_type())));
    }
    Ok(file)
}

/// Read a whole file of at most `limit` bytes. Refuses, before reading a byte,
/// anything that is not a regular file (a FIFO, a device, a directory, a socket;
/// a link too with `Links::Refuse`); reads through `take(limit + 1)`, so no file,
/// whatever it claims to be, makes the game hold more than `limit` bytes.
///
/// # Errors
///
/// The file cannot be opened, is not a regular file (or is a refused link), or is over `limit` bytes.
pub fn read_limited(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, FileError> {
    let mut o = OpenOptions::new();
    o.read(true);
    guard_flags(&mut o, links);
    let file = open_checked(&o, path, links)?;
    let claimed = file.metadata().map_err(FileError::Io)?.len();
    if claimed > limit {
        return Err(FileError::TooLarge(limit));
    }
    // A file that grows while it is read stops at the limit all the same.
    let mut bytes = Vec::with_capacity(claimed as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(FileError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge(limit));
    }
    Ok(bytes)
}

/// Open a file of the data directory for writing, created if missing (owner only),
/// never through a link and never a pipe or device: with `append`, for the log;
/// without, for the lock (which is never written, only locked).
pub fn open_own(path: &Path, append: bool) -> Result<File, FileError> {
    let mut o = OpenOptions::new();
    o.create(true);
    if append {
        o.append(true);
    } else {
        o.write(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    guard_flags(&mut o, Links::Refuse);
    open_checked(&o, path, Links::Refuse)
}

/// Create a file that did not exist (`O_CREAT|O_EXCL`: not through a link, not over
/// anything), readable by its owner only.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    guard_flags(&mut o, Links::Refuse);
    o.open(path)
}

/// Create a directory (and its parents) readable by its owner only: others on the
/// machine have no business with saves, and cannot plant links in them.
///
/// # Errors
///
/// The directory cannot be created or made private.
pub fn make_dir(dir: &Path) -> io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::mpsc;
    use std::time::Duration;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("detente-open-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn mkfifo(p: &Path) {
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    /// Run `f` on another thread; fail (instead of hanging) if it takes over 5 s.
    fn within_5s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(5))
            .expect("returned within 5 s")
    }

    #[test]
    fn reads_a_file_up_to_its_limit_and_no_further() {
        let d = scratch("limit");
        let p = d.join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_limited(&p, 5, Links::Refuse).unwrap(), b"12345");
        assert!(matches!(
            read_limited(&p, 4, Links::Refuse),
            Err(FileError::TooLarge(4))
        ));
        let missing = read_limited(&d.join("none"), 5, Links::Refuse).unwrap_err();
        assert!(missing.is_not_found(), "{missing}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_device_is_refused_unread() {
        // /dev/zero claims 0 bytes and never ends: `metadata` would let it through.
        let e =
            within_5s(|| read_limited(Path::new("/dev/zero"), 1 << 20, Links::Follow)).unwrap_err();
        assert!(matches!(e, FileError::NotRegular(_)), "{e}");
        assert_eq!(
            e.to_string(),
            "is not a regular file: it is a character device"
        );
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let d = scratch("fifo");
        let p = d.join("pipe");
        mkfifo(&p);
        let q = p.clone();
        let e = within_5s(move || read_limited(&q, 1 << 20, Links::Follow)).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        // Writing into one (the log, the lock) is refused just as fast.
        let q = p.clone();
        let e = within_5s(move || open_own(&q, true)).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_directory_is_refused_by_name() {
        let d = scratch("dir");
        let e = read_limited(&d, 1 << 20, Links::Follow).unwrap_err();
        assert_eq!(e.to_string(), "is not a regular file: it is a directory");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_link_is_followed_only_where_the_player_named_it() {
        let d = scratch("link");
        let target = d.join("target");
        std::fs::write(&target, b"theirs").unwrap();
        let link = d.join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_limited(&link, 100, Links::Follow).unwrap(), b"theirs");
        let e = read_limited(&link, 100, Links::Refuse).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        // Nor is it opened for writing, even to create its (missing) target.
        let dangling = d.join("dangling");
        std::os::unix::fs::symlink(d.join("made"), &dangling).unwrap();
        assert!(matches!(
            open_own(&dangling, true),
            Err(FileError::NotRegular(_))
        ));
        assert!(matches!(
            open_own(&link, false),
            Err(FileError::NotRegular(_))
        ));
        assert!(!d.join("made").exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
        assert!(create_new(&dangling).is_err());
        assert!(!d.join("made").exists());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn new_directories_and_files_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let d = scratch("modes");
        let data = d.join("a").join("data");
        make_dir(&data).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        create_new(&data.join("f")).unwrap();
        assert_eq!(mode(&data.join("f")), 0o600);
        open_own(&data.join("log"), true).unwrap();
        assert_eq!(mode(&data.join("log")), 0o600);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
