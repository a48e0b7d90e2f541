//! The command line's output, run as the real binary: a closed pipe or a full disk
//! never panics, text from files never reaches the terminal raw, run files never
//! name a file to open, and `scores` prints the best ten.

mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use detente::game::scenario::BUILTIN_TOML;
use detente::game::{Choice, Difficulty, Game, Phase, Scenario, Setup};
use detente::store::record::{Kind, Record};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

/// A title that retitles the window and clears the screen if printed raw.
const HOSTILE: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";

/// A fresh directory for one test, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("detente-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn detente(dir: &Dir, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args).env("DETENTE_DATA_DIR", &dir.0);
    c
}

/// Run with stdout a pipe whose reader is already gone: every write is `EPIPE`.
fn into_closed_pipe(mut c: Command) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    c.stdout(writer).stderr(Stdio::piped()).output().unwrap()
}

/// Run with stdout `/dev/full`: every write fails with "no space left".
fn into_full_disk(mut c: Command) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    c.stdout(full).stderr(Stdio::piped()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No byte a terminal would act on: C0 controls but the line break, DEL, and C1.
fn assert_printable(what: &str, s: &str) {
    let bad: Vec<char> = s.chars().filter(|c| c.is_control() && *c != '\n').collect();
    let excerpt: String = s.chars().take(400).collect();
    assert!(
        bad.is_empty(),
        "{what} prints {} control characters: {excerpt:?}…",
        bad.len()
    );
}

/// The built-in scenario's text with its title replaced.
fn titled(title: &str) -> String {
    let toml_title = title
        .chars()
        .map(|c| match c {
            c if c.is_control() => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect::<String>();
    BUILTIN_TOML.replacen(
        "title = \"The Low Point\"",
        &format!("title = \"{toml_title}\""),
        1,
    )
}

/// A game on `sc` (the built-in one or a copy): `months` months of holding (or to the end).
fn played(sc: Scenario, seed: u64, months: usize) -> Game {
    let sc = Arc::new(sc);
    let side = sc.default_player;
    let mut g = Game::new(sc.clone(), seed, Setup::single(side, Difficulty::Normal));
    let mv = sc.move_id("hold").unwrap();
    let mut n = 0;
    while n < months && !g.state().is_over() {
        let c = match g.state().phase {
            Phase::Card(_) => Choice::Answer { choice: 0 },
            _ => {
                n += 1;
                Choice::Move { mv }
            }
        };
        g.play(c).unwrap();
    }
    g
}

fn write_run(path: &Path, game: &Game) {
    Record::of(game, Kind::Run).write(path).unwrap();
}

#[test]
fn a_closed_pipe_ends_each_command_quietly() {
    let dir = Dir::new("pipe");
    let run = dir.join("run.json");
    write_run(&run, &played(Scenario::builtin(), 3, 2));
    let scenario = dir.join("ok.toml");
    std::fs::write(&scenario, BUILTIN_TOML).unwrap();
    let cases: [&[&str]; 5] = [
        &["simulate", "--games", "10"],
        &["simulate", "--list-policies"],
        &["scores"],
        &["check-scenario", scenario.to_str().unwrap()],
        &["replay", run.to_str().unwrap(), "--verify"],
    ];
    for args in cases {
        let out = into_closed_pipe(detente(&dir, args));
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?}: nothing said");
    }
}

#[test]
fn a_write_error_is_said_once_with_exit_2() {
    let dir = Dir::new("full");
    let scenario = dir.join("ok.toml");
    std::fs::write(&scenario, BUILTIN_TOML).unwrap();
    let run = dir.join("run.json");
    write_run(&run, &played(Scenario::builtin(), 3, 2));
    let cases: [&[&str]; 4] = [
        &["check-scenario", scenario.to_str().unwrap()],
        &["scores"],
        &["simulate", "--games", "5", "--json"],
        &["replay", run.to_str().unwrap(), "--verify"],
    ];
    for args in cases {
        let out = into_full_disk(detente(&dir, args));
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(
            err.contains("cannot write") && err.contains("No space left"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn check_scenario_prints_no_control_characters_from_the_file() {
    let dir = Dir::new("check");
    let hostile = dir.join("hostile.toml");
    std::fs::write(&hostile, titled(HOSTILE)).unwrap();
    let out = detente(&dir, &["check-scenario", hostile.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains("\u{FFFD}]0;PWNED") && stdout.contains("ok"),
        "{stdout}"
    );
    assert_printable("check-scenario's summary", &stdout);

    // An error message that quotes the file: an unknown key named with escapes.
    let bad = dir.join("bad.toml");
    let text_with_key = BUILTIN_TOML.replacen(
        "[scenario]\n",
        "[scenario]\n\"\\u001b[2J\\u009b31m\" = 1\n",
        1,
    );
    std::fs::write(&bad, text_with_key).unwrap();
    let out = detente(&dir, &["check-scenario", bad.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("\u{FFFD}[2J"),
        "the key is quoted, its escape replaced: {stderr}"
    );
    assert_printable("check-scenario's errors", &stderr);
}

#[test]
fn scores_prints_the_best_ten_of_a_hand_made_table_without_control_characters() {
    let dir = Dir::new("scores");
    let entries: Vec<serde_json::Value> = (0..5000)
        .map(|i| {
            serde_json::json!({
                "score": (i * 7919) % 5000,
                "ending": if i == 4999 { HOSTILE } else { "Cold peace" },
                "side": "Wash\u{9b}2Jington",
                "seed": "1",
                "difficulty": "normal",
                "scenario": "low_point_2024",
                "date": "2026-11-30",
            })
        })
        .collect();
    let table = serde_json::json!({ "entries": entries });
    std::fs::write(dir.join("scores.json"), table.to_string()).unwrap();
    let out = detente(&dir, &["scores"]).output().unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_printable("scores", &stdout);
    let rows: Vec<i32> = stdout
        .lines()
        .skip(3) // the file's name, the side's name, the column heads
        .map(|l| l.split_whitespace().nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(rows, (4990..5000).rev().collect::<Vec<_>>(), "{stdout}");
    // The hostile ending is not among the ten; the hostile side names the table.
    assert!(!stdout.contains("PWNED"), "{stdout}");
    assert_eq!(
        stdout.lines().nth(1),
        Some("Wash\u{FFFD}2Jington"),
        "{stdout}"
    );
}

/// Each side's scores are on their own scale: `detente scores` prints a table of
/// the best ten for each side under its name, with the difficulty, and marks a
/// game in which a choice was taken back; an entry from before the mark reads.
#[test]
fn scores_prints_one_table_per_side_and_marks_undos() {
    let dir = Dir::new("scores-sides");
    let entry = |score: i32, side: &str, undone: Option<bool>| {
        let mut e = serde_json::json!({
            "score": score, "ending": "Cold peace", "side": side, "seed": "1",
            "difficulty": "hard", "scenario": "low_point_2024", "date": "2026-11-30",
        });
        if let Some(u) = undone {
            e["undone"] = serde_json::json!(u);
        }
        e
    };
    let mut entries: Vec<_> = (0..15)
        .map(|i| entry(500 + i, "Washington", None))
        .collect();
    entries.push(entry(12, "Moscow", Some(true)));
    entries.push(entry(9, "Moscow", Some(false)));
    let table = serde_json::json!({ "entries": entries });
    std::fs::write(dir.join("scores.json"), table.to_string()).unwrap();
    let out = detente(&dir, &["scores"]).output().unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (w, m) = stdout.split_once("\nMoscow\n").expect("Moscow's own table");
    assert!(w.contains("\nWashington\n"), "{stdout}");
    let rows = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(rows(w).len(), 10, "Washington's best ten: {stdout}");
    let m = rows(m);
    assert_eq!(
        m.len(),
        2,
        "Moscow's games are not pushed out by Washington's: {stdout}"
    );
    assert!(
        m[0].starts_with(" 1     12") && m[0].ends_with("used"),
        "{stdout}"
    );
    assert!(
        m[1].starts_with(" 2      9") && !m[1].ends_with("used"),
        "{stdout}"
    );
    assert!(m[0].contains("hard"), "the difficulty is shown: {stdout}");
}

#[test]
fn replay_verify_names_the_ending_and_scores_nothing() {
    let dir = Dir::new("verify");
    let run = dir.join("done.json");
    let game = played(Scenario::builtin(), 5, 100);
    assert!(game.state().is_over());
    write_run(&run, &game);
    let out = detente(&dir, &["replay", run.to_str().unwrap(), "--verify"])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ending = &game.scenario().ending(game.state().ending().unwrap()).title;
    assert!(
        stdout.contains("ok") && stdout.contains(ending.as_str()),
        "{stdout}"
    );
    assert!(
        !stdout.contains("score"),
        "verifying scores nothing: {stdout}"
    );
}

/// A run file's own text, with some of its values changed.
fn edited_run(dir: &Dir, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let path = dir.join(name);
    write_run(&path, &played(Scenario::builtin(), 8, 2));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

#[test]
fn replay_errors_print_no_control_characters_from_the_run_file() {
    let dir = Dir::new("hostile-run");
    // Another scenario (2), a seed that is no number: a game that cannot replay (1).
    let cases = [
        (
            edited_run(&dir, "id.json", |v| v["scenario"]["id"] = HOSTILE.into()),
            2,
        ),
        (
            edited_run(&dir, "seed.json", |v| v["seed"] = HOSTILE.into()),
            1,
        ),
        (
            edited_run(&dir, "hash.json", |v| {
                v["scenario"]["fingerprint"] = HOSTILE.into();
            }),
            2,
        ),
    ];
    for (run, code) in cases {
        let out = detente(&dir, &["replay", run.to_str().unwrap(), "--verify"])
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{run:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "said once: {stderr}");
        assert_printable("replay --verify's error", &stderr);
    }
}

#[test]
fn a_run_file_never_names_a_file_to_open() {
    let dir = Dir::new("path");
    let secret = dir.join("secret.toml");
    std::fs::write(&secret, "flags = \"SECRET-7731\"\n").unwrap();
    // As a run file of an earlier version could: another scenario, found at a path.
    let run = edited_run(&dir, "elsewhere.json", |v| {
        v["scenario"]["id"] = "elsewhere".into();
        v["scenario"]["path"] = secret.to_str().unwrap().into();
    });
    let out = detente(&dir, &["replay", run.to_str().unwrap(), "--verify"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("SECRET"), "{stderr}");
    assert!(
        stderr.contains("`elsewhere`") && stderr.contains("`low_point_2024`"),
        "names both scenarios: {stderr}"
    );
    assert!(stderr.contains("--scenario"), "says what to do: {stderr}");
    // Of the built-in scenario, naming a FIFO: opening it would block for ever.
    let fifo = dir.join("fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let run = edited_run(&dir, "fifo.json", |v| {
        v["scenario"]["path"] = fifo.to_str().unwrap().into();
    });
    let mut child = detente(&dir, &["replay", run.to_str().unwrap(), "--verify"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(0),
        "replays on the built-in scenario without opening the path"
    );

    // What a new run file holds about its scenario: its id and hash, no path.
    let fresh = dir.join("fresh.json");
    write_run(&fresh, &played(Scenario::builtin(), 8, 1));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&fresh).unwrap()).unwrap();
    let keys: Vec<&String> = v["scenario"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["fingerprint", "id"]);
}

#[test]
fn replay_takes_its_scenario_from_the_player_and_refuses_another_version() {
    let dir = Dir::new("scenario");
    let own = dir.join("own.toml");
    let own_text = BUILTIN_TOML.replacen("id = \"low_point_2024\"", "id = \"own\"", 1);
    std::fs::write(&own, &own_text).unwrap();
    let run = dir.join("own-run.json");
    let sc = Scenario::from_toml("own.toml", &own_text).unwrap();
    write_run(&run, &played(sc, 12, 3));
    let (run, own) = (run.to_str().unwrap(), own.to_str().unwrap());

    // The built-in scenario is not the one it was played on.
    let out = detente(&dir, &["replay", run, "--verify"])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`own`") && stderr.contains("`low_point_2024`"),
        "{stderr}"
    );

    // Given its scenario, it replays (the flag after the command, or before it).
    for args in [
        &["replay", run, "--verify", "--scenario", own][..],
        &["--scenario", own, "replay", run, "--verify"][..],
    ] {
        let out = detente(&dir, args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }

    // The same id, another text: refused, naming both hashes.
    let changed = dir.join("changed.toml");
    std::fs::write(
        &changed,
        own_text.replacen("deck_chance = 0.55", "deck_chance = 0.5", 1),
    )
    .unwrap();
    let changed = changed.to_str().unwrap();
    let out = detente(&dir, &["replay", run, "--verify", "--scenario", changed])
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("another version"), "{stderr}");
    assert_eq!(stderr.matches("hash ").count(), 2, "both hashes: {stderr}");
}

/// Continue takes the game up on the scenario the program was started with: a game on
/// a scenario file continues with `--scenario` that file, and without it is refused
/// (exit 2, naming both scenarios) and left in place.
#[test]
fn continue_resumes_on_the_scenario_given_and_refuses_another() {
    let dir = pty::DataDir::new("continue-own");
    std::fs::create_dir_all(dir.path()).unwrap();
    let own = dir.path().join("own.toml");
    let text = BUILTIN_TOML.replacen("id = \"low_point_2024\"", "id = \"own\"", 1);
    std::fs::write(&own, text).unwrap();
    let own = own.to_str().unwrap();
    let mut t = pty::Term::start(dir.path(), &["--scenario", own, "--seed", "7"], 80, 24);
    pty::new_game(&mut t);
    t.press(pty::ENTER); // play the selected move
    let before = pty::to_month(&mut t, 2);
    pty::quit_game(&mut t);

    let mut t = pty::Term::start(dir.path(), &["--continue"], 80, 24);
    let s = t.wait_for("--scenario");
    assert!(s.contains("`own`") && s.contains("`low_point_2024`"), "{s}");
    assert_eq!(t.wait_exit(), 2);
    assert!(dir.autosave().exists(), "left in place");

    let mut t = pty::Term::start(dir.path(), &["--scenario", own, "--continue"], 80, 24);
    assert_eq!(pty::norm(&t.wait_for("Your move for")), pty::norm(&before));
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}
