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

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;
    use std::path::PathBuf;

    use crate::game::Game;
    use crate::store::{Files, Found};

    fn played(seed: u64, months: usize) -> Game {
        super::super::played_game(seed, months, "hold")
    }

    fn scratch(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("detente-strangers-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// How many files in `dir` were set aside.
    fn set_aside(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().contains(".bad-")
            })
            .count()
    }

    /// The data directory the game makes (here by taking its lock) is its owner's only.
    #[test]
    fn the_data_directory_is_made_for_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let d = scratch("mode");
        let data = d.join("nested").join("detente");
        Files::at(Some(data.clone())).lock().unwrap();
        let mode = std::fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        std::fs::remove_dir_all(&d).unwrap();
    }

    /// Links at the score table and its backup: two finished games are entered, the
    /// table is written twice (so a backup is made), and the targets keep every byte.
    #[test]
    fn the_score_table_is_written_through_no_link() {
        let (d, outside) = (scratch("scores"), scratch("scores-outside"));
        let names = ["scores.json", "scores.json.bak"];
        for n in names {
            std::fs::write(outside.join(n), format!("not the game's {n}")).unwrap();
            symlink(outside.join(n), d.join(n)).unwrap();
        }
        let mut files = Files::at(Some(d.clone()));
        for seed in [1, 2] {
            let (rank, notice) = files.finish(&played(seed, 100));
            assert!(rank.is_some() && notice.is_none(), "{notice:?}");
        }
        for n in names {
            let kept = std::fs::read_to_string(outside.join(n)).unwrap();
            assert_eq!(
                kept,
                format!("not the game's {n}"),
                "{n} was written through"
            );
            let m = std::fs::symlink_metadata(d.join(n)).unwrap();
            assert!(m.is_file(), "{n} is the game's own file now");
        }
        assert_eq!(files.scores().0.entries.len(), 2);
        assert_eq!(set_aside(&d), 2);
        std::fs::remove_dir_all(&d).unwrap();
        std::fs::remove_dir_all(&outside).unwrap();
    }

    /// FIFOs at every name the game reads or writes: starting, saving, scoring and
    /// logging all go on at once (opening a FIFO would wait for its other end for ever).
    #[test]
    fn fifos_at_every_name_never_hold_the_game_up() {
        let d = scratch("fifos");
        let names = [
            "autosave.json",
            "autosave.json.bak",
            "scores.json",
            "scores.json.bak",
            "detente.log",
            "detente.lock",
        ];
        for n in names {
            let c = std::ffi::CString::new(d.join(n).to_str().unwrap()).unwrap();
            // SAFETY: a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        }
        let data = d.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut files = Files::at(Some(data));
            let locked = files.lock();
            let found = files.find_autosave();
            let saves = [files.autosave(&played(4, 2)), files.autosave(&played(4, 3))];
            let finished = files.finish(&played(4, 100));
            let _ = tx.send((locked, found, saves, finished, files.scores().0));
        });
        let (locked, found, saves, finished, scores) = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the game's files were handled without waiting on a FIFO");
        assert!(locked.is_ok());
        let Found::Bad(msg) = found else {
            panic!("the FIFO autosave is refused: {found:?}");
        };
        assert!(
            msg.contains("autosave.json: is not a regular file"),
            "{msg}"
        );
        // The first save sets the backup's FIFO aside and says so; then all is as usual.
        let first = saves[0].as_deref().unwrap_or_default();
        assert!(
            first.contains("autosave.json.bak: is not a regular file")
                && first.contains("set aside")
                && first.contains("saves as usual"),
            "{saves:?}"
        );
        assert!(saves[1].is_none(), "{saves:?}");
        assert_eq!(finished, (Some(0), None));
        assert_eq!(scores.entries.len(), 1);
        assert_eq!(set_aside(&d), names.len());
        let log = std::fs::read_to_string(d.join("detente.log")).unwrap();
        assert!(log.contains("detente.log: is not a regular file"), "{log}");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
