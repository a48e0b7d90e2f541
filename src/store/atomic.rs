//! Writing a file so that a crash, a kill or a full disk never leaves it half-written,
//! and so that nothing planted at its names (a link, a pipe) is ever written through.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::open::{FileError, Links, create_new, make_dir, read_limited};

/// The largest previous version kept as a backup. Our files are far smaller; a
/// bigger one at the name is not ours, and is left alone rather than replaced.
const MAX_BACKUP_BYTES: u64 = 16 * 1024 * 1024;

/// How many fresh temp names to try before giving up (a clash is 1 in 2^64).
const TEMP_TRIES: u32 = 8;

/// Write `bytes` to `path` atomically: a new temp file under an unpredictable name
/// in the same directory (created with `O_EXCL`, so never through a link), flushed and
/// fsynced, then renamed over the target — a rename replaces a link, it never writes
/// through one. The previous version, if it is a regular file, is kept as `path.bak`
/// the same way (read without following links, written new, renamed into place).
/// A link or pipe at `path` is replaced, never read; on any error the old file is
/// untouched.
///
/// # Errors
///
/// Any error creating, writing, syncing or renaming the temporary file (the old file is then untouched).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    make_dir(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("no file name"))?;
    let previous = match read_limited(path, MAX_BACKUP_BYTES, Links::Refuse) {
        Ok(old) => Some(old),
        // Nothing to keep: no file, or a link or pipe, whose target is none of ours.
        Err(e) if e.is_not_found() => None,
        Err(FileError::NotRegular(_)) => None,
        Err(FileError::TooLarge(_)) => {
            return Err(io::Error::other(format!(
                "{} is larger than any file of ours: not replaced",
                path.display()
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let tmp = write_temp(dir, name, bytes)?;
    let result = (|| {
        if let Some(old) = previous {
            let mut bak = name.to_os_string();
            bak.push(".bak");
            // A copy, not a rename: there is never a moment without the main file.
            let bak_tmp = write_temp(dir, &bak, &old)?;
            fs::rename(&bak_tmp, dir.join(bak)).inspect_err(|_| {
                let _ = fs::remove_file(&bak_tmp);
            })?;
        }
        fs::rename(&tmp, path)?;
        // Make the renames themselves durable.
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A hidden temp file beside `name` holding `bytes`, fsynced: `.NAME.tmp-<16 hex>`,
/// the suffix from a generator seeded by the OS, so no one can plant something there
/// beforehand (and `O_EXCL` would refuse it if they did).
fn write_temp(dir: &Path, name: &OsStr, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut last = None;
    for _ in 0..TEMP_TRIES {
        let tmp = dir.join(temp_name(name, rand::random::<u64>()));
        let mut f = match create_new(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                last = Some(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        let written = f.write_all(bytes).and_then(|()| f.sync_all());
        return match written {
            Ok(()) => Ok(tmp),
            Err(e) => {
                drop(f);
                let _ = fs::remove_file(&tmp);
                Err(e)
            }
        };
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temp name")))
}

/// `.NAME.tmp-<suffix as 16 hex digits>`.
fn temp_name(name: &OsStr, suffix: u64) -> OsString {
    let mut tmp = OsString::from(".");
    tmp.push(name);
    tmp.push(format!(".tmp-{suffix:016x}"));
    tmp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("detente-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn writes_then_keeps_the_previous_version() {
        let d = scratch("bak");
        let p = d.join("save.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(d.join("save.json.bak")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn failure_leaves_the_old_file() {
        let d = scratch("fail");
        let p = d.join("save.json");
        write_atomic(&p, b"kept").unwrap();
        // A directory where the backup would go makes the write fail.
        fs::create_dir_all(d.join("save.json.bak")).unwrap();
        assert!(write_atomic(&p, b"lost").is_err());
        assert_eq!(fs::read(&p).unwrap(), b"kept");
        let names: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.contains(".tmp-")), "{names:?}");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn temp_names_cannot_be_guessed() {
        let d = scratch("names");
        fs::create_dir_all(&d).unwrap();
        let a = write_temp(&d, OsStr::new("save.json"), b"a").unwrap();
        let b = write_temp(&d, OsStr::new("save.json"), b"b").unwrap();
        assert_ne!(a, b);
        let pid = std::process::id().to_string();
        for t in [&a, &b] {
            let name = t.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(".save.json.tmp-"), "{name}");
            assert!(!name.ends_with(&pid), "not the process id: {name}");
        }
        fs::remove_dir_all(&d).unwrap();
    }

    /// Links planted at the file, its backup and the old (predictable) temp name:
    /// every write replaces the links, and their targets keep every byte.
    #[cfg(unix)]
    #[test]
    fn links_at_the_names_are_replaced_never_written_through() {
        let d = scratch("links");
        let outside = scratch("links-outside");
        fs::create_dir_all(&d).unwrap();
        fs::create_dir_all(&outside).unwrap();
        let p = d.join("save.json");
        let mut tmp = OsString::from(".save.json.tmp-");
        tmp.push(std::process::id().to_string());
        let names = [
            OsString::from("save.json"),
            OsString::from("save.json.bak"),
            tmp,
        ];
        let mut targets = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let target = outside.join(format!("precious-{i}"));
            fs::write(&target, format!("precious {i}")).unwrap();
            std::os::unix::fs::symlink(&target, d.join(n)).unwrap();
            targets.push(target);
        }
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        for (i, t) in targets.iter().enumerate() {
            assert_eq!(fs::read(t).unwrap(), format!("precious {i}").as_bytes());
        }
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(d.join("save.json.bak")).unwrap(), b"one");
        for n in ["save.json", "save.json.bak"] {
            assert!(fs::symlink_metadata(d.join(n)).unwrap().is_file(), "{n}");
        }
        fs::remove_dir_all(&d).unwrap();
        fs::remove_dir_all(&outside).unwrap();
    }

    /// A FIFO at the name or its backup is replaced at once: opening one to copy it
    /// would wait for a writer for ever.
    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_name_is_replaced_without_waiting() {
        let d = scratch("fifo");
        fs::create_dir_all(&d).unwrap();
        let p = d.join("save.json");
        for n in ["save.json", "save.json.bak"] {
            let c = std::ffi::CString::new(d.join(n).to_str().unwrap()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let q = p.clone();
        std::thread::spawn(move || {
            let _ = tx.send(write_atomic(&q, b"one").and_then(|()| write_atomic(&q, b"two")));
        });
        let done = rx.recv_timeout(std::time::Duration::from_secs(5));
        assert!(matches!(done, Ok(Ok(()))), "{done:?}");
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(d.join("save.json.bak")).unwrap(), b"one");
        fs::remove_dir_all(&d).unwrap();
    }
}
