//! The game's files in its data directory, as the UI and the command line use
//! them: the autosave after every choice, the high-score table, run files and
//! a small log. A directory that cannot be written never stops a game: saving
//! is switched off, and the player is told once.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::game::{Game, Scenario};

use super::open::{FileError, Links};
use super::record::{Kind, Record};
use super::scores::{Entry, Scores};
use super::strangers::{copy_own, open_own_noting, set_aside_stranger, with_bak};

/// The log file in the data directory (the UI never writes to stdout or stderr).
const LOG_NAME: &str = "detente.log";
/// The log is started afresh past this size.
const MAX_LOG_BYTES: u64 = 256 * 1024;
/// Where in-game run files go, under the data directory.
const RUNS_DIR: &str = "runs";

/// What the autosave holds, looked at when the game starts.
#[derive(Debug)]
pub enum Found {
    /// No autosave: nothing to continue.
    Nothing,
    /// An unfinished game that restores exactly.
    Resume(Box<Resumable>),
    /// The autosave could not be used, but its backup (the save one choice earlier)
    /// restores: the game to continue, and a message that names the file, the
    /// problem, where it was set aside and that the backup is used.
    Recovered(Box<Resumable>, String),
    /// The autosave could not be used; the message names the file, the problem and
    /// where it was set aside.
    Bad(String),
}

/// A game to continue.
#[derive(Debug)]
pub struct Resumable {
    /// Resumed on the scenario the program was started with (a record names its
    /// scenario by id and hash, not by a file).
    pub game: Game,
}

/// The files of one run of the program.
#[derive(Debug, Default)]
pub struct Files {
    dir: Option<PathBuf>,
    /// Whether the player has been told that saving is off.
    told_off: bool,
    /// Whether the last attempt to save failed.
    failing: bool,
    /// The game the autosave (and its backup) belong to, and how many choices it held.
    saved: Option<(GameKey, usize)>,
    /// `game_id` of the game as last saved.
    saved_id: Option<String>,
    /// The data directory's lock, held while this run plays (released on exit).
    lock: Option<std::fs::File>,
    /// Another run holds the lock: this one neither reads nor writes the autosave
    /// or the score table, and says why.
    busy: Option<String>,
}

/// The lock file in a data directory: one game at a time writes there.
pub const LOCK_NAME: &str = "detente.lock";

/// Which game a save belongs to (not how far it has got).
type GameKey = (u64, u64, crate::game::Setup);

fn key_of(game: &Game) -> GameKey {
    (game.scenario().fingerprint, game.seed(), game.setup())
}

impl Files {
    /// Files in `dir` (`None`: there is no data directory, saving is off).
    #[must_use]
    pub fn at(dir: Option<PathBuf>) -> Files {
        Files {
            dir,
            told_off: false,
            failing: false,
            saved: None,
            saved_id: None,
            lock: None,
            busy: None,
        }
    }

    /// No files at all, silently (tests and snapshots).
    #[must_use]
    pub fn none() -> Files {
        Files {
            dir: None,
            told_off: true,
            failing: true,
            saved: None,
            saved_id: None,
            lock: None,
            busy: None,
        }
    }

    /// Whether games are being kept: there is a data directory, no other run
    /// holds it, and the last save worked.
    #[must_use]
    pub fn saving(&self) -> bool {
        self.dir.is_some() && self.busy.is_none() && !self.failing
    }

    /// Take the data directory for this run, so two games at once cannot overwrite
    /// each other's autosave or scores. If another run holds it, this one plays
    /// without saving; the error says so. A file system without locks is not an
    /// error (it is logged, and the game saves as before).
    ///
    /// # Errors
    ///
    /// Another run holds the lock: this one plays without saving.
    pub fn lock(&mut self) -> Result<(), String> {
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        let path = dir.join(LOCK_NAME);
        let file = crate::store::make_dir(&dir)
            .map_err(FileError::Io)
            .and_then(|()| self.open_own(&path, false));
        let file = match file {
            Ok(f) => f,
            Err(e) => {
                // Saving will fail and say so on its own; nothing to lock.
                self.log(&format!("cannot open {}: {e}", path.display()));
                return Ok(());
            }
        };
        match file.try_lock() {
            Ok(()) => {
                self.lock = Some(file);
                Ok(())
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let msg = format!(
                    "another Détente is playing with the data directory {}: this one will not save, so it cannot overwrite that game",
                    dir.display()
                );
                self.busy = Some(msg.clone());
                // The player is told now; saving need not say it again.
                self.told_off = true;
                Err(msg)
            }
            Err(std::fs::TryLockError::Error(e)) => {
                self.log(&format!("cannot lock {}: {e}", path.display()));
                Ok(())
            }
        }
    }

    #[must_use]
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    pub fn autosave_path(&self) -> Option<PathBuf> {
        self.dir.as_deref().map(super::autosave_path)
    }

    /// The previous autosave, kept by every write: the same game one choice earlier.
    pub fn backup_path(&self) -> Option<PathBuf> {
        self.autosave_path().as_deref().map(with_bak)
    }

    pub fn scores_path(&self) -> Option<PathBuf> {
        self.dir.as_deref().map(super::scores_path)
    }

    /// The first failure to save, in words for the player; later ones only go to the log.
    fn off(&mut self, what: String) -> Option<String> {
        self.failing = true;
        self.log(&what);
        if self.told_off {
            return None;
        }
        self.told_off = true;
        Some(format!(
            "Saving is off: {what}. The game plays on, but will not be kept."
        ))
    }

    fn remove_backup(&self) {
        if let Some(path) = self.backup_path() {
            self.remove(&path);
        }
    }

    fn remove(&self, path: &Path) {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => self.log(&format!("cannot remove {}: {e}", path.display())),
        }
    }

    /// Append a line to the log in the data directory (best effort: a log must never
    /// stop a game). Never through a link, never into a pipe: a stranger at the
    /// log's name is set aside, and the log says so.
    pub fn log(&self, msg: &str) {
        let Some(dir) = &self.dir else { return };
        let path = dir.join(LOG_NAME);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > MAX_LOG_BYTES) {
            let _ = std::fs::rename(&path, dir.join(format!("{LOG_NAME}.old")));
        }
        let (date, time) = crate::store::now_stamp();
        let mut lines = Vec::new();
        let opened = crate::store::make_dir(dir)
            .map_err(FileError::Io)
            .and_then(|()| open_own_noting(&path, true, &mut lines));
        lines.push(msg.to_string());
        if let Ok(mut f) = opened {
            for line in lines {
                let _ = writeln!(f, "{date} {time} {line}");
            }
        }
    }

    /// Open the lock or the log (see `open::open_own`); a stranger at the name is
    /// set aside (and logged) and the file made anew.
    fn open_own(&self, path: &Path, append: bool) -> Result<std::fs::File, FileError> {
        let mut notes = Vec::new();
        let file = open_own_noting(path, append, &mut notes);
        for n in notes {
            self.log(&n);
        }
        file
    }

    /// Set aside anything but a regular file at these names (a link, a pipe): the
    /// game is about to write there. Each is logged; the messages, joined, if any.
    fn set_aside_strangers(&self, paths: &[PathBuf]) -> Option<String> {
        let said: Vec<String> = paths.iter().filter_map(|p| set_aside_stranger(p)).collect();
        for m in &said {
            self.log(m);
        }
        (!said.is_empty()).then(|| said.join(". "))
    }
}

mod autosave;
mod results;
#[cfg(test)]
mod tests;

pub use autosave::{Problem, load, load_on, set_aside};
pub use results::{entry_of, game_id};
