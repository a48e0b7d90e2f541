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
    /// A finished game's autosave (a crash between its last turn and the clean-up):
    /// its score is now in the table, once, and the file is gone.
    Finished,
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
    pub game: Game,
    /// Always `None`: records no longer name a scenario file (the game is resumed on
    /// the scenario the program was started with). Kept only so the UI need not change
    /// in the same merge; to be removed with `Record::of`'s path.
    pub scenario_path: Option<PathBuf>,
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
    pub fn saving(&self) -> bool {
        self.dir.is_some() && self.busy.is_none() && !self.failing
    }

    /// Take the data directory for this run, so two games at once cannot overwrite
    /// each other's autosave or scores. If another run holds it, this one plays
    /// without saving; the error says so. A file system without locks is not an
    /// error (it is logged, and the game saves as before).
    pub fn lock(&mut self) -> Result<(), String> {
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        let path = dir.join(LOCK_NAME);
        let file = super::make_dir(&dir)
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

    /// Write the autosave of a game in progress; a notice the first time it fails.
    pub fn autosave(&mut self, game: &Game, scenario_path: Option<&Path>) -> Option<String> {
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
        match Record::of(game, Kind::Save, scenario_path).write(&path) {
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

    /// A game just ended: keep it until its score is in the table, then drop the
    /// autosave, so a crash at any point neither loses the score nor counts it twice.
    /// Returns the rank (0-based) the game took in the table, and a notice if saving failed.
    pub fn finish(
        &mut self,
        game: &Game,
        scenario_path: Option<&Path>,
    ) -> (Option<usize>, Option<String>) {
        let mut notice = self.autosave(game, scenario_path);
        let rank = match self.record_score(game) {
            Ok(rank) => rank,
            Err(e) => {
                let n = self.off(e);
                notice = notice.or(n);
                None
            }
        };
        if notice.is_none() {
            self.clear_autosave();
        }
        (rank, notice)
    }

    /// Put a finished game in the table unless it is already there. The table is of
    /// games against the model: a game of two players is not entered.
    fn record_score(&mut self, game: &Game) -> Result<Option<usize>, String> {
        let Some(entry) = entry_of(game) else {
            return Ok(None);
        };
        if let Some(busy) = &self.busy {
            return Err(busy.clone());
        }
        let Some(path) = self.scores_path() else {
            return Err("there is no data directory (set DETENTE_DATA_DIR)".into());
        };
        let (mut scores, _) = self.scores();
        let rank = scores.add_once(entry);
        self.set_aside_strangers(&[path.clone(), with_bak(&path)]);
        scores
            .write(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(rank)
    }

    /// The high-score table; a damaged one is set aside (the message says so) and starts afresh.
    pub fn scores(&self) -> (Scores, Option<String>) {
        let Some(path) = self.scores_path() else {
            return (Scores::default(), None);
        };
        match Scores::read(&path) {
            Ok(s) => (s, None),
            Err(e) => {
                let msg = set_aside(&path, e);
                self.log(&msg);
                (Scores::default(), Some(msg))
            }
        }
    }

    /// Write a run file of the game into the data directory; returns its path.
    pub fn save_run(
        &mut self,
        game: &Game,
        scenario_path: Option<&Path>,
    ) -> Result<PathBuf, String> {
        let dir = self
            .dir
            .as_deref()
            .ok_or("there is no data directory (set DETENTE_DATA_DIR)")?
            .join(RUNS_DIR);
        // A link planted as `runs` would carry run files out of the data directory.
        self.set_aside_strangers(std::slice::from_ref(&dir));
        super::make_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let (date, time) = super::now_stamp();
        let stem = format!("run-{}-{date}-{time}", game.seed());
        let mut path = dir.join(format!("{stem}.json"));
        let mut n = 2;
        // Taken by anything at all, a dangling link included.
        while std::fs::symlink_metadata(&path).is_ok() {
            path = dir.join(format!("{stem}-{n}.json"));
            n += 1;
        }
        Record::of(game, Kind::Run, scenario_path)
            .write(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
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
            Ok(r) if r.game.state().is_over() => {
                // Its score may not have reached the table before a crash: it does now, once.
                if let Err(e) = self.record_score(&r.game) {
                    self.log(&e);
                } else {
                    self.clear_autosave();
                }
                Found::Finished
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

    /// Append a line to the log in the data directory (best effort: a log must never
    /// stop a game). Never through a link, never into a pipe: a stranger at the
    /// log's name is set aside, and the log says so.
    pub fn log(&self, msg: &str) {
        let Some(dir) = &self.dir else { return };
        let path = dir.join(LOG_NAME);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > MAX_LOG_BYTES) {
            let _ = std::fs::rename(&path, dir.join(format!("{LOG_NAME}.old")));
        }
        let (date, time) = super::now_stamp();
        let mut lines = Vec::new();
        let opened = super::make_dir(dir)
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
pub fn load(path: &Path) -> Result<Resumable, Problem> {
    load_on(path, &Arc::new(Scenario::builtin()))
}

/// Read a save or run file played on `scenario` and rebuild its game, checked against
/// its own record. The file is never asked which scenario to load: it only says which
/// one it was played on, and is refused if that is not this one.
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
    Ok(Resumable {
        game,
        scenario_path: None,
    })
}

/// Move a bad file aside and say so: "<problem>; set aside as <new name>".
pub fn set_aside(path: &Path, problem: String) -> String {
    match super::quarantine(path) {
        Ok(to) => format!(
            "{problem}; set aside as {}",
            to.file_name().unwrap_or_default().to_string_lossy()
        ),
        // A directory or a device (`replay /dev/zero`) stays where it is, unremarked.
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => problem,
        Err(e) => format!("{problem}; could not set it aside: {e}"),
    }
}

/// The high-score entry of a finished game against the model (`None` for two players).
pub fn entry_of(game: &Game) -> Option<Entry> {
    let sc = game.scenario();
    let setup = game.setup();
    if setup.human.iter().filter(|h| **h).count() != 1 {
        return None;
    }
    let side = setup.player();
    let ending = game
        .state()
        .ending()
        .map_or_else(|| "unfinished".to_string(), |e| sc.ending(e).title.clone());
    let (date, _) = super::now_stamp();
    Some(Entry {
        score: game.score(side),
        ending,
        side: sc.side(side).name.clone(),
        seed: game.seed().to_string(),
        difficulty: game.setup().difficulty.name().to_string(),
        scenario: sc.id.clone(),
        date,
        id: game_id(game),
    })
}

/// A name for a game that is the same however often it is recorded: its scenario,
/// seed, setup and every choice.
pub fn game_id(game: &Game) -> String {
    let choices = serde_json::to_string(&game.choices()).unwrap_or_default();
    let setup = serde_json::to_string(&game.setup()).unwrap_or_default();
    let text = format!(
        "{:016x}:{}:{setup}:{choices}",
        game.scenario().fingerprint,
        game.seed()
    );
    // FNV-1a: small, stable across releases and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("detente-files-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn played(seed: u64, months: usize) -> Game {
        super::super::played_game(seed, months, "hold")
    }

    #[test]
    fn every_kind_of_bad_autosave_is_named_and_set_aside() {
        let d = dir("bad");
        let good = Record::of(&played(3, 2), Kind::Save, None).to_json();
        let mut edited: serde_json::Value = serde_json::from_str(&good).unwrap();
        edited["choices"][0]["mv"] = serde_json::json!(0);
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty", Vec::new(), "is empty"),
            ("blank", b"  \n\t ".to_vec(), "is empty"),
            (
                "truncated",
                good.as_bytes()[..good.len() / 3].to_vec(),
                "not a valid save",
            ),
            ("garbage", vec![0x00, 0xff, 0x13, 0x37], "not text"),
            ("other json", b"[1, 2, 3]".to_vec(), "not a D\u{e9}tente"),
            (
                "wrong version",
                good.replacen("\"version\": 1", "\"version\": 7", 1)
                    .into_bytes(),
                "newer",
            ),
            (
                "no version",
                good.replacen("\"version\": 1,", "", 1).into_bytes(),
                "no format version",
            ),
            (
                "hand-edited",
                serde_json::to_vec(&edited).unwrap(),
                "edited by hand",
            ),
            (
                "wrong type",
                good.replacen("\"seed\": \"3\"", "\"seed\": 3", 1)
                    .into_bytes(),
                "damaged",
            ),
        ];
        for (name, bytes, expect) in cases {
            let mut files = Files::at(Some(d.clone()));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(files.autosave_path().unwrap(), &bytes).unwrap();
            let Found::Bad(msg) = files.find_autosave() else {
                panic!("{name}: not refused");
            };
            assert!(
                msg.contains("autosave.json"),
                "{name}: names the file: {msg}"
            );
            assert!(msg.contains(expect), "{name}: {msg}");
            assert!(
                msg.contains("set aside as autosave.json.bad-"),
                "{name}: {msg}"
            );
            let kept: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().contains(".bad-"))
                .collect();
            assert_eq!(kept.len(), 1, "{name}");
            assert_eq!(
                std::fs::read(&kept[0]).unwrap(),
                bytes,
                "{name}: kept whole"
            );
            assert!(matches!(files.find_autosave(), Found::Nothing), "{name}");
            std::fs::remove_dir_all(&d).unwrap();
        }
    }

    #[test]
    fn a_damaged_autosave_falls_back_to_its_backup_of_the_same_game() {
        let d = dir("backup");
        let mut files = Files::at(Some(d.clone()));
        let (earlier, later) = (played(6, 2), played(6, 3));
        assert!(files.autosave(&earlier, None).is_none());
        let bak = files.backup_path().unwrap();
        assert!(!bak.exists(), "a game's first save has no backup");
        assert!(files.autosave(&later, None).is_none());
        assert!(bak.exists(), "the save before is kept");
        std::fs::write(files.autosave_path().unwrap(), b"\0garbage").unwrap();

        let mut files = Files::at(Some(d.clone()));
        let Found::Recovered(r, msg) = files.find_autosave() else {
            panic!("the backup is not offered");
        };
        assert_eq!(r.game.state(), earlier.state());
        assert_eq!(r.game.rng(), earlier.rng());
        // The backup is the autosave again: quitting now loses nothing.
        assert!(matches!(
            Files::at(Some(d.clone())).find_autosave(),
            Found::Resume(_)
        ));
        assert!(
            msg.contains("autosave.json") && msg.contains("set aside") && msg.contains(".bak"),
            "{msg}"
        );
        // Playing on from the backup keeps backing up.
        assert!(files.autosave(&later, None).is_none());
        assert!(matches!(files.find_autosave(), Found::Resume(_)));
        assert!(bak.exists());

        // Another game's first save leaves no backup of the one before.
        assert!(files.autosave(&played(8, 2), None).is_none());
        assert!(!bak.exists(), "the backup was another game's");
        // Nor does an undo (the backup would hold the undone move).
        assert!(files.autosave(&played(8, 4), None).is_none());
        assert!(bak.exists());
        assert!(files.autosave(&played(8, 1), None).is_none());
        assert!(!bak.exists(), "the backup was ahead of the undo");

        // A damaged autosave with a damaged backup: nothing to continue.
        assert!(files.autosave(&played(8, 2), None).is_none());
        std::fs::write(files.autosave_path().unwrap(), b"{}").unwrap();
        std::fs::write(&bak, b"{}").unwrap();
        assert!(matches!(
            Files::at(Some(d.clone())).find_autosave(),
            Found::Bad(_)
        ));

        // A finished game clears the autosave and its backup.
        let mut files = Files::at(Some(d.clone()));
        assert!(files.autosave(&played(9, 2), None).is_none());
        assert!(files.autosave(&played(9, 3), None).is_none());
        let done = played(9, 100);
        assert!(files.finish(&done, None).1.is_none());
        assert!(!files.autosave_path().unwrap().exists() && !bak.exists());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_second_run_on_the_same_data_dir_plays_without_saving() {
        let d = dir("lock");
        let mut first = Files::at(Some(d.clone()));
        first.lock().unwrap();
        let g = played(10, 3);
        assert!(first.autosave(&g, None).is_none());
        let saved = std::fs::read(first.autosave_path().unwrap()).unwrap();

        let mut second = Files::at(Some(d.clone()));
        let msg = second
            .lock()
            .expect_err("the first run holds the directory");
        assert!(
            msg.contains("another D\u{e9}tente") && msg.contains("will not save"),
            "{msg}"
        );
        assert!(!second.saving());
        assert!(
            matches!(second.find_autosave(), Found::Nothing),
            "the first run's game is not offered twice"
        );
        // Its own game neither overwrites the first's autosave nor enters the table.
        let other = played(11, 100);
        assert!(other.state().is_over());
        second.autosave(&played(11, 2), None);
        let (rank, _) = second.finish(&other, None);
        assert_eq!(rank, None);
        assert_eq!(
            std::fs::read(first.autosave_path().unwrap()).unwrap(),
            saved
        );
        assert!(first.scores().0.entries.is_empty());

        // Once the first run is gone, the directory is free again.
        drop(first);
        let mut third = Files::at(Some(d.clone()));
        third.lock().unwrap();
        assert!(matches!(third.find_autosave(), Found::Resume(_)));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn temp_files_of_an_interrupted_write_are_swept() {
        let d = dir("sweep");
        std::fs::create_dir_all(&d).unwrap();
        let stale = d.join(".autosave.json.tmp-999999");
        let fresh = d.join(".autosave.json.tmp-999998");
        let other = d.join(".notes.tmp-1");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, b"half").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for p in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        let mut files = Files::at(Some(d.clone()));
        assert!(matches!(files.find_autosave(), Found::Nothing));
        assert!(!stale.exists(), "an old temp file of ours goes");
        assert!(fresh.exists(), "a write may still be on");
        assert!(other.exists(), "not ours");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_huge_autosave_is_refused_unread() {
        let d = dir("huge");
        std::fs::create_dir_all(&d).unwrap();
        let mut files = Files::at(Some(d.clone()));
        let f = std::fs::File::create(files.autosave_path().unwrap()).unwrap();
        f.set_len(super::super::record::MAX_RECORD_BYTES + 1)
            .unwrap();
        let Found::Bad(msg) = files.find_autosave() else {
            panic!("not refused");
        };
        assert!(msg.contains("bytes") && msg.contains("set aside"), "{msg}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_save_resumes_and_a_finished_one_is_scored_once() {
        let d = dir("finish");
        let mut files = Files::at(Some(d.clone()));
        let g = played(5, 3);
        assert!(files.autosave(&g, None).is_none());
        let Found::Resume(r) = files.find_autosave() else {
            panic!("not offered");
        };
        assert_eq!(r.game.state(), g.state());
        assert_eq!(r.game.rng(), g.rng());

        let done = played(5, 100);
        assert!(done.state().is_over());
        // A crash after the last autosave, before the score: the next start scores it.
        assert!(files.autosave(&done, None).is_none());
        assert!(matches!(files.find_autosave(), Found::Finished));
        assert!(!files.autosave_path().unwrap().exists());
        // The game ending normally now too: still one entry.
        let (rank, notice) = files.finish(&done, None);
        assert_eq!((rank, notice), (Some(0), None));
        assert_eq!(files.scores().0.entries.len(), 1);
        assert!(matches!(files.find_autosave(), Found::Nothing));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn an_unwritable_dir_says_so_once() {
        let d = dir("unwritable");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("file"), b"x").unwrap();
        let mut files = Files::at(Some(d.join("file").join("data")));
        let g = played(1, 1);
        let first = files.autosave(&g, None).expect("told");
        assert!(first.contains("Saving is off"), "{first}");
        assert!(files.autosave(&g, None).is_none(), "only once");
        assert!(!files.saving());
        assert!(files.save_run(&g, None).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_damaged_score_table_is_set_aside() {
        let d = dir("scores");
        std::fs::create_dir_all(&d).unwrap();
        let files = Files::at(Some(d.clone()));
        std::fs::write(files.scores_path().unwrap(), b"{\"entries\": 5").unwrap();
        let (s, msg) = files.scores();
        assert!(s.entries.is_empty());
        let msg = msg.expect("a message");
        assert!(
            msg.contains("scores.json") && msg.contains("set aside"),
            "{msg}"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }
}
