//! `detente simulate` run as the real binary: the games log, phased and banned
//! policies, line files and their errors, and the progress bar (drawn on a
//! terminal's stderr, never into a pipe).

mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

/// A fresh directory for one test, removed at the end.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("detente-sim-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn simulate(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("simulate")
        .args(args)
        .env("DETENTE_DATA_DIR", dir)
        .output()
        .expect("run detente")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn log_lines(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn the_games_log_has_one_json_line_per_game_in_order() {
    let d = Dir::new("log");
    let log = d.0.join("games.jsonl");
    let o = simulate(
        &d.0,
        &[
            "--games",
            "40",
            "--seed",
            "3",
            "--games-log",
            log.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let games = log_lines(&log);
    assert_eq!(games.len(), 40);
    for (i, g) in games.iter().enumerate() {
        assert_eq!(g["game"], i as u64);
        assert_eq!(g["seed"], 3);
        assert_eq!(g["side"], "washington");
        assert_eq!(g["difficulty"], "normal");
        let t = g["temperament"].as_str().expect("the rival's temperament");
        assert!(
            ["hardliner", "pragmatist", "opportunist"].contains(&t),
            "{t}"
        );
        let months = g["months"].as_u64().unwrap();
        assert_eq!(g["moves"].as_array().unwrap().len() as u64, months);
        assert_eq!(g["rival_moves"].as_array().unwrap().len() as u64, months);
        assert!(!g["cards"].as_array().unwrap().is_empty());
        assert!(g["answers"].is_array() && g["rival_answers"].is_array());
        assert!(g["ending"].as_str().is_some_and(|e| !e.is_empty()));
        assert!(g["score"].is_i64());
    }
    // The same seed writes the same file.
    let again = d.0.join("again.jsonl");
    simulate(
        &d.0,
        &[
            "--games",
            "40",
            "--seed",
            "3",
            "--games-log",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read(&log).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn a_games_log_that_cannot_be_written_is_exit_2() {
    let d = Dir::new("nolog");
    let bad = d.0.join("no-such-dir").join("games.jsonl");
    let o = simulate(
        &d.0,
        &["--games", "5", "--games-log", bad.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--games-log"), "{}", stderr(&o));
    // A full disk, mid-run.
    if Path::new("/dev/full").exists() {
        let o = simulate(&d.0, &["--games", "500", "--games-log", "/dev/full"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("--games-log /dev/full"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn then_from_and_ban_shape_the_moves_month_by_month() {
    let d = Dir::new("phased");
    let log = d.0.join("games.jsonl");
    let o = simulate(
        &d.0,
        &[
            "--games",
            "20",
            "--policy",
            "always:hold",
            "--then",
            "random",
            "--from",
            "4",
            "--ban",
            "sanctions",
            "--games-log",
            log.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("always:hold then random from month 4 banning sanctions"),
        "{out}"
    );
    let mut later = std::collections::BTreeSet::new();
    for g in log_lines(&log) {
        for m in g["moves"].as_array().unwrap() {
            let (month, mv) = (m["month"].as_str().unwrap(), m["move"].as_str().unwrap());
            assert_ne!(mv, "sanctions", "banned");
            // `hold` is always open; from month 4 (Dec 2024) the random player takes over.
            if month < "2024-12" {
                assert_eq!(mv, "hold", "{month}");
            } else {
                later.insert(mv.to_string());
            }
        }
    }
    assert!(later.len() > 3, "random moves after month 3: {later:?}");
}

#[test]
fn a_line_file_is_played_and_its_fallbacks_counted() {
    let d = Dir::new("line");
    let line = d.file("w.line", "# autumn 2024\n2024-09 sanctions\n2024-10 hold\n");
    let log = d.0.join("games.jsonl");
    let policy = format!("line:{}", line.display());
    let o = simulate(
        &d.0,
        &[
            "--games",
            "10",
            "--policy",
            &policy,
            "--fallback",
            "random",
            "--json",
            "--games-log",
            log.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        summary["fallbacks"].as_u64().unwrap() > 0,
        "unlisted months fell back"
    );
    for g in log_lines(&log) {
        let moves = g["moves"].as_array().unwrap();
        assert_eq!(moves[0]["move"], "sanctions");
        assert_eq!(moves[1]["move"], "hold");
    }
}

#[test]
fn line_file_errors_name_the_file_line_and_value() {
    let d = Dir::new("badline");
    let cases = [
        (
            "move.line",
            "2024-09 sanctions\n2024-10 sanctionz\n",
            ":2: no move called `sanctionz`",
        ),
        (
            "month.line",
            "# ok\n2024-09 hold\n2031-02 hold\n",
            ":3: `2031-02` is not a month of the game",
        ),
        (
            "card.line",
            "card:no_such_card=1\n",
            ":1: no event called `no_such_card`",
        ),
    ];
    for (name, text, want) in cases {
        let f = d.file(name, text);
        let o = simulate(
            &d.0,
            &["--games", "1", "--policy", &format!("line:{}", f.display())],
        );
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        assert!(err.contains(&format!("{name}{want}")), "{name}: {err}");
    }
    let o = simulate(&d.0, &["--policy", "line:/no/such/file.line"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/file.line: cannot read"),
        "{}",
        stderr(&o)
    );
}

/// `--policy history` plays the built-in record: Washington's first two months
/// as the record has them (when open), for either side.
#[test]
fn the_record_is_played_by_policy_history() {
    let d = Dir::new("history");
    let log = d.0.join("games.jsonl");
    let args = [
        "--games",
        "10",
        "--policy",
        "history",
        "--json",
        "--games-log",
    ];
    let o = simulate(&d.0, &[&args[..], &[log.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        summary["policy"], "history (else greedy, among the record's moves)",
        "{summary}"
    );
    for g in log_lines(&log) {
        let moves = g["moves"].as_array().unwrap();
        assert_eq!(moves[0]["move"], "military_aid", "26 Sep 2024");
        assert_eq!(moves[1]["move"], "sanctions", "30 Oct 2024");
    }
    let o = simulate(
        &d.0,
        &["--games", "4", "--side", "moscow", "--policy", "history"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn unknown_bans_history_and_months_out_of_range_are_exit_2() {
    let d = Dir::new("errors");
    let cases: [(&[&str], &str); 5] = [
        (&["--ban", "nope"], "--ban: no move called `nope`"),
        (
            &["--ban", "wait"],
            "--ban: move `wait` belongs to the other side",
        ),
        (
            &[
                "--scenario",
                "tests/scenarios/good/minimal.toml",
                "--policy",
                "history",
            ],
            "has no record of blue's moves",
        ),
        (
            &["--then", "random", "--from", "40"],
            "--from 40: the game's months are 1 to",
        ),
        (&["--fallback", "nonsense"], "--fallback: unknown policy"),
    ];
    for (args, want) in cases {
        let o = simulate(&d.0, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn no_progress_bar_is_drawn_into_a_pipe() {
    let d = Dir::new("nobar");
    // Long enough (several seconds of the expert) that a bar would have appeared.
    let o = simulate(&d.0, &["--policy", "expert", "--games", "24"]);
    assert!(o.status.success());
    assert_eq!(
        stderr(&o),
        "",
        "stderr stays empty when it is not a terminal"
    );
}

#[test]
fn a_progress_bar_is_drawn_on_a_terminal() {
    let d = pty::DataDir::new("sim-bar");
    let mut t = pty::Term::start(
        d.path(),
        &["simulate", "--policy", "expert", "--games", "80"],
        100,
        30,
    );
    assert_eq!(t.wait_exit_within(120), 0);
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(raw.contains("/80 games"), "no bar in:\n{raw}");
}

/// `--rival-moves` counts the model's answers, and every run reports the
/// policy's win rate by the rival's true temperament; the JSON carries both.
#[test]
fn the_summary_shows_the_rivals_moves_and_temperaments() {
    let d = Dir::new("rivals");
    let o = simulate(&d.0, &["--games", "60", "--rival-moves"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("rival's move") && out.contains("wait"),
        "{out}"
    );
    for t in ["hardliner", "pragmatist", "opportunist"] {
        assert!(out.contains(t), "{t}: {out}");
    }
    let o = simulate(&d.0, &["--games", "60", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let rows = j["by_temperament"].as_array().expect("rows");
    assert_eq!(
        rows.iter()
            .map(|r| r["games"].as_u64().unwrap())
            .sum::<u64>(),
        60
    );
    // Without --rival-moves the rival's answers are not journaled.
    assert!(j["rival_move_counts"].as_object().unwrap().is_empty());
}
