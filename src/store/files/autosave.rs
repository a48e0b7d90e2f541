//! The autosave: written after every choice, found again (or its backup) at the
//! start, a bad one set aside; and reading a save or run file back into a game.

use super::*;

impl Files {
    /// Write the autosave of a game in progress; a notice the first time it fails.
    pub fn autosave(&mut self, game: &Game) -> Option<String> {
        if let Some(busy) = self.busy.clone() {
            return self.off(busy);
        }
        let Some(path) = self.autosave_path() else {
            return self.off("there is no data directory (set DETENTE_DATA_DIR)".into());
        };
        // Saved as it stands already (quitting right after a move): writing it again
        // would only replace the backup of the choice before with a copy of itself.
        let in_place = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if !self.failing && self.saved_id.as_deref() == Some(&game_id(game)) && in_place {
            return None;
        }
        let strangers = self.set_aside_strangers(&[path.clone(), with_bak(&path)]);
        match Record::of(game, Kind::Save).write(&path) {
            Ok(()) => {
                self.failing = false;
                // The backup the write just made holds the save before it. Unless that
                // was this game at an earlier choice (a new game, an undo), it goes: a
                // backup is only ever this game one choice back.
                let now = (key_of(game), game.turns().len());
                if !self.saved.is_some_and(|(k, n)| k == now.0 && n < now.1) {
                    self.remove_backup();
                }
                self.saved = Some(now);
                self.saved_id = Some(game_id(game));
                strangers.map(|m| format!("{m}. The game saves as usual."))
            }
            Err(e) => self.off(format!("cannot write {}: {e}", path.display())),
        }
    }

    /// Forget the autosave and its backup (the game they held is over).
    pub fn clear_autosave(&mut self) {
        if self.busy.is_some() {
            return;
        }
        if let Some(path) = self.autosave_path() {
            self.remove(&path);
        }
        self.remove_backup();
        self.saved = None;
        self.saved_id = None;
    }

    /// Look at the autosave of a game on the built-in scenario.
    pub fn find_autosave(&mut self) -> Found {
        self.find_autosave_on(&Arc::new(Scenario::builtin()))
    }

    /// Look at the autosave: a game on `scenario` (the one this run was started with)
    /// to continue, nothing, or a bad file set aside. A save of another scenario is
    /// refused but left in place: the record names its scenario's id and hash, never a
    /// file to open.
    pub fn find_autosave_on(&mut self, scenario: &Arc<Scenario>) -> Found {
        let Some(path) = self.autosave_path().filter(|_| self.busy.is_none()) else {
            return Found::Nothing;
        };
        self.sweep_temp_files();
        if std::fs::symlink_metadata(&path).is_err() {
            return Found::Nothing;
        }
        match load_with(&path, scenario, Links::Refuse) {
            // A finished game whose end screen was never left (a kill before it was
            // shown): offered like any other, to show its ending. Its score may not
            // have reached the table before the kill: it does now, once.
            Ok(r) if r.game.state().is_over() => {
                if let Err(e) = self.record_score(&r.game) {
                    self.log(&e);
                }
                self.saved = Some((key_of(&r.game), r.game.turns().len()));
                self.saved_id = Some(game_id(&r.game));
                Found::Resume(Box::new(r))
            }
            Ok(r) => {
                self.saved = Some((key_of(&r.game), r.game.turns().len()));
                self.saved_id = Some(game_id(&r.game));
                Found::Resume(Box::new(r))
            }
            Err(p) if !p.is_bad_file() => {
                let msg = p.to_string();
                self.log(&msg);
                Found::Bad(msg)
            }
            // Another scenario's game is not a damaged file: it stays where it is, for
            // a run started on its scenario to continue.
            Err(p @ Problem::Scenario(_)) => Found::Bad(p.to_string()),
            Err(p) => {
                let msg = set_aside(&path, p.to_string());
                self.log(&msg);
                // The backup is the same game one choice earlier: continue from it if it restores.
                let backup = self
                    .backup_path()
                    .map(|b| (load_with(&b, scenario, Links::Refuse), b));
                match backup {
                    Some((Ok(r), b)) if !r.game.state().is_over() => {
                        // The backup becomes the autosave, so it is still there next time
                        // even if this run quits at once.
                        if let Err(e) = copy_own(&b, &path) {
                            self.log(&format!("cannot restore {}: {e}", b.display()));
                        }
                        let msg = format!(
                            "{msg}. Its backup ({}) is the same game one choice earlier: you can continue from there",
                            b.file_name().unwrap_or_default().to_string_lossy()
                        );
                        self.log(&msg);
                        self.saved = Some((key_of(&r.game), r.game.turns().len()));
                        self.saved_id = Some(game_id(&r.game));
                        Found::Recovered(Box::new(r), msg)
                    }
                    _ => Found::Bad(msg),
                }
            }
        }
    }

    /// Remove temp files that a write killed half-way left behind (ours only: hidden,
    /// named after a file of ours, and old enough that no write of ours is still on).
    fn sweep_temp_files(&self) {
        const STALE: std::time::Duration = std::time::Duration::from_secs(60);
        let Some(dir) = &self.dir else { return };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let ours = [
                ".autosave.json.tmp-",
                ".autosave.json.bak.tmp-",
                ".scores.json.tmp-",
                ".scores.json.bak.tmp-",
            ]
            .iter()
            .any(|p| name.starts_with(p));
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE);
            if ours && old && std::fs::remove_file(e.path()).is_ok() {
                self.log(&format!("removed {name}, left by an interrupted write"));
            }
        }
    }
}

/// Why a record could not be used.
#[derive(Debug)]
pub enum Problem {
    /// The file cannot be read as a record: empty, truncated, garbage, too big, another
    /// format or version.
    Unreadable(String),
    /// It reads, but its choices do not lead to the state it records (edited by hand,
    /// or another scenario).
    Mismatch(String),
    /// The file may be fine, but it was played on another scenario (or another version
    /// of it) than the one given.
    Scenario(String),
}

impl Problem {
    /// Whether the file itself is bad (and should be set aside).
    #[must_use]
    pub fn is_bad_file(&self) -> bool {
        !matches!(self, Problem::Scenario(_))
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unreadable(m) | Problem::Mismatch(m) | Problem::Scenario(m) => f.write_str(m),
        }
    }
}

/// Read a save or run file of the built-in scenario and rebuild its game, checked
/// against its own record (a link at the name is followed: the player named it).
///
/// # Errors
///
/// The file cannot be read, is not a record, or its game does not replay to what it says.
pub fn load(path: &Path) -> Result<Resumable, Problem> {
    load_on(path, &Arc::new(Scenario::builtin()))
}

/// Read a save or run file played on `scenario` and rebuild its game, checked against
/// its own record. The file is never asked which scenario to load: it only says which
/// one it was played on, and is refused if that is not this one.
///
/// # Errors
///
/// The file cannot be read, was played on another scenario, or its game does not replay to what it says.
pub fn load_on(path: &Path, scenario: &Arc<Scenario>) -> Result<Resumable, Problem> {
    load_with(path, scenario, Links::Follow)
}

/// `load_on`, with `Links::Refuse` for the data directory's own files.
fn load_with(path: &Path, scenario: &Arc<Scenario>, links: Links) -> Result<Resumable, Problem> {
    let record = Record::read_with(path, links).map_err(|e| Problem::Unreadable(e.to_string()))?;
    record
        .check_scenario(scenario)
        .map_err(|e| Problem::Scenario(format!("{}: {e}", path.display())))?;
    let game = record
        .restore(scenario.clone(), path)
        .map_err(|e| Problem::Mismatch(e.to_string()))?;
    Ok(Resumable { game })
}

/// Move a bad file aside and say so: "<problem>; set aside as <new name>".
#[must_use]
pub fn set_aside(path: &Path, problem: String) -> String {
    match crate::store::quarantine(path) {
        Ok(to) => format!(
            "{problem}; set aside as {}",
            to.file_name().unwrap_or_default().to_string_lossy()
        ),
        // A directory or a device (`replay /dev/zero`) stays where it is, unremarked.
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => problem,
        Err(e) => format!("{problem}; could not set it aside: {e}"),
    }
}
