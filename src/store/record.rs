//! Save and run files: a game as scenario + seed + choices, with the state and
//! random stream it reached, so a resumed game plays on exactly as it would have.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::game::dice::GameRng;
use crate::game::rules;
use crate::game::{Choice, Game, Scenario, Setup, State};
use crate::text::printable;

/// The format tag every record starts with.
pub const FORMAT: &str = "detente";
/// The newest record version this build writes and reads.
pub const VERSION: u32 = 1;
/// Records larger than this are refused before parsing.
pub const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// What a record is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The autosave: a game to continue.
    Save,
    /// A run file: a game to replay and verify.
    Run,
}

/// Which scenario a record was played on: its id and a hash of its text, never where
/// to find it. Replaying takes the built-in scenario or the file the player names, and
/// refuses it if the hash differs. (Records written before this kept a `path` here;
/// it is ignored, never opened.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioRef {
    pub id: String,
    /// The scenario's text hashed with 64-bit FNV-1a (`Scenario::fingerprint`), as 16
    /// lowercase hex digits (a string: JSON numbers lose 64-bit precision).
    pub fingerprint: String,
}

/// A scenario's hash as records write it.
#[must_use]
pub fn hash_text(sc: &Scenario) -> String {
    format!("{:016x}", sc.fingerprint)
}

/// A recorded hash, fit to quote in a message: only if it is what a hash looks like.
fn quoted_hash(h: &str) -> &str {
    if h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
        h
    } else {
        "not a hash"
    }
}

/// A game on disk.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: String,
    pub version: u32,
    pub kind: Kind,
    pub scenario: ScenarioRef,
    /// The rules version the game was played under (absent before version 2).
    #[serde(default = "first_rules")]
    pub rules: u32,
    /// As a string, for the same reason as the fingerprint.
    pub seed: String,
    pub setup: Setup,
    pub choices: Vec<Choice>,
    /// The state the choices lead to (checked on load).
    pub state: State,
    /// The outcome generator where the game left it (checked on load).
    pub rng: GameRng,
    /// Whether a choice was taken back during the game (absent: none was; written
    /// only when true, so a save without undos reads in earlier versions too).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undone: bool,
}

fn first_rules() -> u32 {
    1
}

/// Why a record could not be used; names the file.
#[derive(Debug)]
pub struct RecordError {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for RecordError {}

impl Record {
    /// The record of a game as it stands (it names the scenario by id and hash,
    /// never by a file to open).
    #[must_use]
    pub fn of(game: &Game, kind: Kind) -> Record {
        let sc = game.scenario();
        Record {
            format: FORMAT.into(),
            version: VERSION,
            kind,
            scenario: ScenarioRef {
                id: sc.id.clone(),
                fingerprint: hash_text(sc),
            },
            rules: rules::RULES_VERSION,
            seed: game.seed().to_string(),
            setup: game.setup(),
            choices: game.choices(),
            state: *game.state(),
            rng: game.rng().clone(),
            undone: game.was_undone(),
        }
    }

    /// The record as pretty JSON.
    ///
    /// # Panics
    ///
    /// Never: a record is plain data, and always serialises.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a record always serialises")
    }

    /// Write atomically, keeping the previous version as a backup.
    ///
    /// # Errors
    ///
    /// Any error of the atomic write or of keeping the backup.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        super::write_atomic(path, self.to_json().as_bytes())
    }

    /// Read and check a record's form (not yet its game), following a link at the
    /// name (a run file the player names may be one).
    ///
    /// # Errors
    ///
    /// The file cannot be read, or is not a record of a known version.
    pub fn read(path: &Path) -> Result<Record, RecordError> {
        Record::read_with(path, super::Links::Follow)
    }

    /// Read and check a record's form; with `Links::Refuse` (the data directory's
    /// own files) a link at the name is refused. A pipe, device or directory is
    /// refused unread, and no more than `MAX_RECORD_BYTES` is ever read.
    ///
    /// # Errors
    ///
    /// The file cannot be read (or is refused), or is not a record of a known version.
    pub fn read_with(path: &Path, links: super::Links) -> Result<Record, RecordError> {
        let fail = |problem: String| RecordError {
            path: path.to_path_buf(),
            problem,
        };
        let bytes = super::read_limited(path, MAX_RECORD_BYTES, links).map_err(|e| {
            fail(match e {
                super::FileError::TooLarge(_) => {
                    format!("is over {MAX_RECORD_BYTES} bytes; a save is never that large")
                }
                e => e.to_string(),
            })
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(fail("is empty".into()));
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            fail(format!(
                "is not text (invalid UTF-8 at byte {})",
                e.valid_up_to()
            ))
        })?;
        // Look at the version before the rest, so an old or new file gets the right message.
        let probe: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| fail(format!("is not a valid save (line {}: {e})", e.line())))?;
        if probe.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(fail("is not a Détente save or run file".into()));
        }
        match probe.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(fail(format!(
                    "was written by a newer Détente (format version {v}); this one reads version {VERSION}"
                )));
            }
            Some(v) => {
                return Err(fail(format!(
                    "uses format version {v}, which this Détente no longer reads"
                )));
            }
            None => return Err(fail("has no format version".into())),
        }
        serde_json::from_value(probe).map_err(|e| fail(format!("is damaged: {e}")))
    }

    /// Whether the record was played on this scenario: the same id and the same hash.
    /// The message names both ids and both hashes; the record's id is made printable,
    /// and nothing else from the file is quoted.
    ///
    /// # Errors
    ///
    /// The record was played on another scenario (or another version of it).
    pub fn check_scenario(&self, sc: &Scenario) -> Result<(), String> {
        let (id, hash) = (&self.scenario.id, &self.scenario.fingerprint);
        if *id == sc.id && *hash == hash_text(sc) {
            return Ok(());
        }
        let what = if *id == sc.id {
            "another version of that scenario"
        } else {
            "another scenario"
        };
        Err(format!(
            "was played on scenario `{}` (hash {}), and this is `{}` (hash {}): {what}. Give the scenario file it was played on with --scenario",
            printable(id),
            quoted_hash(hash),
            printable(&sc.id),
            hash_text(sc),
        ))
    }

    /// Rebuild the game, checking that the choices really lead to the recorded state and stream.
    ///
    /// # Errors
    ///
    /// A recorded choice cannot be played, or the replay does not reach the recorded state.
    pub fn restore(&self, scenario: Arc<Scenario>, path: &Path) -> Result<Game, RecordError> {
        let fail = |problem: String| RecordError {
            path: path.to_path_buf(),
            problem,
        };
        if scenario.id != self.scenario.id {
            return Err(fail(format!(
                "was played on scenario `{}`, not `{}`",
                printable(&self.scenario.id),
                printable(&scenario.id)
            )));
        }
        let seed: u64 = self
            .seed
            .parse()
            .map_err(|_| fail("has a bad seed (not a whole number below 2^64)".into()))?;
        let mut game = Game::replay(scenario.clone(), seed, self.setup, &self.choices)
            .map_err(|e| fail(format!("does not replay: {e}")))?;
        if self.undone {
            game.mark_undone();
        }
        if *game.state() != self.state || *game.rng() != self.rng {
            let changed = format!("{:016x}", scenario.fingerprint) != self.scenario.fingerprint;
            return Err(fail(if self.rules != rules::RULES_VERSION {
                format!(
                    "was played under version {} of the rules, and this Détente plays version {}: it no longer replays the same",
                    self.rules,
                    rules::RULES_VERSION
                )
            } else if changed {
                "was played on an earlier version of the scenario and no longer replays the same"
                    .into()
            } else {
                "does not match its own record of the game (edited by hand?)".into()
            }));
        }
        Ok(game)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Phase;

    fn played(seed: u64, months: usize) -> Game {
        super::super::played_game(seed, months, "back_channel")
    }

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("detente-record-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_save_resumes_the_same_game_and_stream() {
        let d = dir("resume");
        let p = d.join("autosave.json");
        let mut g = played(21, 5);
        Record::of(&g, Kind::Save).write(&p).unwrap();
        let back = Record::read(&p)
            .unwrap()
            .restore(g.scenario_arc().clone(), &p)
            .unwrap();
        assert_eq!(back.state(), g.state());
        // The next choice (an answer, if a card is on the table) plays out the same in both.
        let mut back = back;
        let mv = g.scenario().move_id("back_channel").unwrap();
        let next = match g.state().phase {
            Phase::Card(_) => Choice::Answer { choice: 0 },
            _ => Choice::Move { mv },
        };
        let a = g.play(next).unwrap().clone();
        let b = back.play(next).unwrap().clone();
        assert_eq!(a, b);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn bad_records_are_refused_with_the_reason() {
        let d = dir("bad");
        let g = played(4, 3);
        let good = Record::of(&g, Kind::Save).to_json();
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("empty", Vec::new(), "empty"),
            (
                "truncated",
                good.as_bytes()[..good.len() / 2].to_vec(),
                "not a valid save",
            ),
            ("garbage", vec![0xff, 0xfe, 0x00, 0x41], "not text"),
            (
                "other json",
                b"{\"hello\": 1}".to_vec(),
                "not a D\u{e9}tente save",
            ),
            (
                "newer",
                good.replace("\"version\": 1", "\"version\": 99")
                    .into_bytes(),
                "newer",
            ),
            (
                "older",
                good.replace("\"version\": 1", "\"version\": 0")
                    .into_bytes(),
                "no longer reads",
            ),
        ];
        for (name, bytes, expect) in cases {
            let p = d.join(format!("{}.json", name.replace(' ', "_")));
            std::fs::write(&p, bytes).unwrap();
            let e = Record::read(&p).expect_err(name).to_string();
            assert!(e.contains(expect), "{name}: {e}");
            assert!(
                e.contains(&p.display().to_string()),
                "{name}: names the file: {e}"
            );
        }
        // Hand-edited: a meter changed in the state.
        let mut r = Record::of(&g, Kind::Save);
        r.state.meters[0] = 99;
        let p = d.join("edited.json");
        r.write(&p).unwrap();
        let e = Record::read(&p)
            .unwrap()
            .restore(g.scenario_arc().clone(), &p)
            .expect_err("edited")
            .to_string();
        assert!(e.contains("edited by hand"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_record_from_older_rules_says_so_when_it_no_longer_replays() {
        let d = dir("rules");
        let g = played(4, 3);
        // A record written before the rules version was kept has no `rules` field.
        let mut json: serde_json::Value =
            serde_json::from_str(&Record::of(&g, Kind::Save).to_json()).unwrap();
        json.as_object_mut().unwrap().remove("rules");
        let p = d.join("old.json");
        std::fs::write(&p, json.to_string()).unwrap();
        let old = Record::read(&p).unwrap();
        assert_eq!(old.rules, 1);
        // Its game still replays the same here, so it restores.
        old.restore(g.scenario_arc().clone(), &p).unwrap();
        // One whose game played out differently under the old rules is refused, saying why.
        let mut r = old.clone();
        r.state.meters[0] = r.state.meters[0].wrapping_add(1);
        let e = r
            .restore(g.scenario_arc().clone(), &p)
            .expect_err("older rules")
            .to_string();
        assert!(e.contains("version 1 of the rules"), "{e}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn the_scenario_is_checked_by_id_and_hash_and_the_file_is_quoted_only_by_its_id() {
        let g = played(4, 1);
        let sc = g.scenario();
        let mut r = Record::of(&g, Kind::Run);
        assert_eq!(r.check_scenario(sc), Ok(()));
        assert_eq!(r.scenario.fingerprint, format!("{:016x}", sc.fingerprint));

        r.scenario.fingerprint = "0123456789abcdef".into();
        let e = r.check_scenario(sc).unwrap_err();
        assert!(e.contains("another version"), "{e}");
        assert!(
            e.contains("hash 0123456789abcdef") && e.contains(&hash_text(sc)),
            "{e}"
        );

        r.scenario.id = "\u{1b}]0;x\u{7}".into();
        r.scenario.fingerprint = "SECRET".into();
        let e = r.check_scenario(sc).unwrap_err();
        assert!(
            e.contains("another scenario") && e.contains("not a hash"),
            "{e}"
        );
        assert!(
            !e.contains("SECRET") && !e.chars().any(char::is_control),
            "{e}"
        );
        assert!(e.contains(&format!("`{}`", sc.id)), "{e}");
    }
}
