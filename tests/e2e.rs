//! End to end: the real binary in a pseudo-terminal, driven by keys, read as a
//! screen — a whole game, saves and Continue, replays, undo, the daily seed, scores.

mod pty;

use std::process::Command;
use std::time::Duration;

use pty::{
    BIN, DOWN, DataDir, ENTER, MOSCOW_ENDINGS, Screen, Term, WASHINGTON_ENDINGS, new_game, norm,
    play_to_end, quit_game, run, to_month, which,
};

#[test]
fn not_a_terminal_exits_2_with_a_message() {
    let out = Command::new(BIN)
        .arg("--seed")
        .arg("1")
        .env(
            "DETENTE_DATA_DIR",
            std::env::temp_dir().join("detente-test-none"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("terminal"), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn help_and_version() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--seed",
        "--scenario",
        "--difficulty",
        "check-scenario",
        "simulate",
        "--continue",
        "--daily",
        "--save-run",
        "replay",
        "scores",
        "--side",
        "--players",
    ] {
        assert!(s.contains(flag), "--help lacks {flag}:\n{s}");
    }
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn bad_flag_is_a_clear_error() {
    let out = Command::new(BIN)
        .args(["--seed", "banana"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--seed"));
}

/// Play a whole game with keys only: Enter through the title, then each month
/// pick a move with the arrow keys and Enter, answer cards, read reports,
/// until the end screen shows an ending and a score.
#[test]
fn a_whole_game_in_a_pty_reaches_an_ending_and_is_scored() {
    let dir = DataDir::new("whole");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    t.wait_for("New game");
    t.send(ENTER);
    let screen = play_to_end(&mut t);
    assert!(
        WASHINGTON_ENDINGS.iter().any(|e| screen.contains(e)),
        "an ending of Washington's:\n{screen}"
    );
    assert!(
        screen.contains("Seed 7") || screen.contains("seed 7"),
        "end screen shows the seed:\n{screen}"
    );
    // The record beside the game, in the real binary: the last of "what
    // happened" at the bottom, and a page or so up, the months beside the record.
    let mut page = t.press(b"G");
    assert!(page.contains("New START expires"), "{page}");
    for _ in 0..40 {
        if page.contains("WASHINGTON'S MONTHS BESIDE THE RECORD") {
            break;
        }
        page = t.press(b"b"); // page up
    }
    assert!(page.contains("MONTHS BESIDE THE RECORD"), "{page}");
    // Quit from the end screen.
    t.send(b"q");
    let code = t.wait_exit();
    assert_eq!(code, 0, "clean exit; last screen:\n{}", t.screen());
    // The finished game is in the high-score table, once, and not offered to continue.
    assert!(!dir.autosave().exists(), "files: {:?}", dir.names());
    let (code, out, err) = run(dir.path(), &["scores"]);
    assert_eq!(code, Some(0), "{err}");
    let score_line = screen
        .lines()
        .find(|l| l.contains("Score"))
        .expect("a score line");
    let ending = WASHINGTON_ENDINGS
        .iter()
        .find(|e| score_line.contains(*e))
        .expect("an ending");
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(ending)).collect();
    assert_eq!(rows.len(), 1, "one entry for the game:\n{out}");
    assert!(rows[0].contains(" 7 "), "the seed is listed:\n{out}");
    let mut t = Term::start(dir.path(), &[], 80, 24);
    let s = t.wait_for("New game");
    assert!(
        !s.contains("Continue"),
        "a finished game is not offered:\n{s}"
    );
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn a_small_terminal_asks_to_be_enlarged() {
    let dir = DataDir::new("small");
    let mut t = Term::start(dir.path(), &["--seed", "3"], 60, 20);
    let s = t.wait_for("enlarge");
    assert!(s.contains("80"), "names the size it needs:\n{s}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
}

/// Play the first move each month (and the first answer to each card) up to month `month`.
fn play_to(t: &mut Term, month: u32) -> String {
    for m in 2..=month {
        t.press(ENTER); // play the selected move
        to_month(t, m);
    }
    t.settle()
}

/// The report of the month after `months` months of seed 7 with the first move each
/// month, in a game never interrupted.
fn uninterrupted_report(months: u32) -> String {
    let dir = DataDir::new("uninterrupted");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    play_to(&mut t, months + 1);
    t.press(ENTER)
}

#[test]
fn kill_9_loses_nothing_and_continue_plays_on_the_same() {
    let dir = DataDir::new("kill");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    let before = play_to(&mut t, 3);
    assert!(before.contains("month 3 of"), "{before}");
    t.signal("KILL");
    t.wait_exit();
    drop(t);

    // Started again without a seed: the title offers the game, and Continue takes it up.
    let mut t = Term::start(dir.path(), &[], 80, 24);
    let title = t.wait_for("Continue");
    assert!(title.contains("month 3 of 18, seed 7"), "{title}");
    t.press(ENTER); // Continue (the first item)
    let resumed = t.wait_for("Your move for");
    assert_eq!(norm(&resumed), norm(&before), "the same month and meters");
    let next = t.press(ENTER); // the next month, played as it would have been
    assert_eq!(which(&next), Some(Screen::Report), "{next}");
    assert_eq!(
        norm(&next),
        norm(&uninterrupted_report(2)),
        "same report as without the kill"
    );
}

#[test]
fn continue_flag_resumes_at_once() {
    let dir = DataDir::new("continue-flag");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    let before = play_to(&mut t, 2);
    quit_game(&mut t);
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    assert_eq!(norm(&t.wait_for("Your move for")), norm(&before));
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn continue_flag_without_a_save_says_so() {
    let dir = DataDir::new("continue-none");
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    let s = t.wait_for("no game to continue");
    assert!(s.contains("autosave.json"), "{s}");
    assert_eq!(t.wait_exit(), 2);
}

/// Bad autosaves of every kind: each is named with its problem on the title screen,
/// set aside (renamed, never deleted), and a new game can be played.
#[test]
fn a_corrupt_autosave_is_named_set_aside_and_a_new_game_plays() {
    let dir = DataDir::new("corrupt");
    std::fs::create_dir_all(dir.path()).unwrap();
    let garbage: Vec<u8> = (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(dir.autosave(), &garbage).unwrap();
    let mut t = Term::start(dir.path(), &["--seed", "5"], 80, 24);
    let s = t.wait_for("set aside");
    assert!(s.contains("autosave.json"), "names the file:\n{s}");
    assert!(s.contains("not text"), "says the problem:\n{s}");
    assert!(!s.contains("Continue "), "nothing to continue:\n{s}");
    let names = dir.names();
    let bad: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("autosave.json.bad-"))
        .collect();
    assert_eq!(bad.len(), 1, "set aside: {names:?}");
    assert_eq!(std::fs::read(dir.path().join(bad[0])).unwrap(), garbage);
    t.send(ENTER); // New game (the first item)
    to_month(&mut t, 1);
    play_to(&mut t, 2);
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    assert!(dir.autosave().exists(), "the new game is saved");
}

/// A damaged autosave with a good backup: named and set aside, and the game goes on
/// from the backup (the same game one choice earlier), now or in a later run.
#[test]
fn a_damaged_autosave_continues_from_its_backup() {
    let dir = DataDir::new("backup");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    let latest = play_to(&mut t, 4);
    quit_game(&mut t);
    assert!(
        dir.path().join("autosave.json.bak").exists(),
        "{:?}",
        dir.names()
    );
    std::fs::write(dir.autosave(), b"\0damaged").unwrap();
    let mut t = Term::start(dir.path(), &[], 80, 24);
    let s = t.wait_for("one choice earlier");
    assert!(s.contains("set aside"), "{s}");
    assert!(
        s.contains("Continue "),
        "the backup's game is offered:\n{s}"
    );
    // Quit at the title: the recovered game is still there for the next run.
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    let names = dir.names();
    let bad: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("autosave.json.bad-"))
        .collect();
    assert_eq!(bad.len(), 1, "{names:?}");
    assert_eq!(
        std::fs::read(dir.path().join(bad[0])).unwrap(),
        b"\0damaged",
        "kept whole"
    );
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    // One choice earlier may be a card on the table rather than the month's orders.
    let (_, s) = t.wait_any(&["Your move for", "a decision for"]);
    assert!(s.contains("seed 7"), "{s}");
    assert_ne!(
        norm(&s),
        norm(&latest),
        "one choice earlier than the damaged save"
    );
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn continue_flag_with_a_bad_autosave_names_it_on_stderr() {
    let dir = DataDir::new("continue-bad");
    std::fs::create_dir_all(dir.path()).unwrap();
    std::fs::write(
        dir.autosave(),
        b"{\"format\": \"detente\", \"version\": 99}",
    )
    .unwrap();
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    let s = t.wait_for("newer");
    assert!(s.contains("autosave.json"), "{s}");
    assert_eq!(t.wait_exit(), 2);
    assert!(
        dir.names()
            .iter()
            .any(|n| n.starts_with("autosave.json.bad-")),
        "{:?}",
        dir.names()
    );
}

/// A run file written by --save-run verifies; a tampered one fails (1); an unreadable one is 2.
#[test]
fn replay_verify_passes_a_good_run_and_fails_tampered_and_unreadable_ones() {
    let dir = DataDir::new("verify");
    std::fs::create_dir_all(dir.path()).unwrap();
    let run_file = dir.path().join("mine.run.json");
    let rf = run_file.to_str().unwrap().to_string();
    let mut t = Term::start(dir.path(), &["--seed", "11", "--save-run", &rf], 80, 24);
    new_game(&mut t);
    play_to(&mut t, 3);
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);

    let (code, out, err) = run(dir.path(), &["replay", &rf, "--verify"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    assert!(out.contains("ok"), "{out}");

    let text = std::fs::read_to_string(&run_file).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut edited = v.clone();
    let m = &mut edited["state"]["meters"][0];
    *m = serde_json::json!(m.as_i64().unwrap() + 1);
    let tampered = dir.path().join("tampered.json");
    std::fs::write(&tampered, serde_json::to_string(&edited).unwrap()).unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["replay", tampered.to_str().unwrap(), "--verify"],
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("tampered.json") && err.contains("edited by hand"),
        "{err}"
    );

    let truncated = dir.path().join("truncated.json");
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["replay", truncated.to_str().unwrap(), "--verify"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("truncated.json"), "{err}");
    let (code, _, err) = run(dir.path(), &["replay", "/nonexistent/run.json", "--verify"]);
    assert_eq!(code, Some(2), "{err}");
    // Verifying changes nothing.
    assert!(tampered.exists() && truncated.exists());
}

/// `replay FILE` steps through the recorded choices in the UI, showing each report.
#[test]
fn replay_steps_through_the_recorded_game() {
    let dir = DataDir::new("replay");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    t.press(b"s"); // save a run file; its name is shown
    let s = t.settle();
    assert!(s.contains("Run file saved"), "{s}");
    play_to(&mut t, 2);
    let report = t.press(ENTER); // month 2's report
    to_month(&mut t, 3);
    t.press(b"s");
    let s = t.settle();
    assert!(s.contains("Run file saved"), "{s}");
    t.send(b"q");
    t.send(b"y");
    t.wait_exit();
    let runs = dir.path().join("runs");
    let mut files: Vec<_> = std::fs::read_dir(&runs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let last = files
        .iter()
        .max_by_key(|f| std::fs::metadata(f).unwrap().len())
        .unwrap();

    let mut t = Term::start(dir.path(), &["replay", last.to_str().unwrap()], 80, 24);
    t.wait_for("the situation");
    let mut seen = String::new();
    for _ in 0..20 {
        let s = t.press(b"\x1b[C"); // → steps on
        if s.contains("REPLAY 0/") {
            // No new choice can be made: moving the cursor does nothing.
            let same = t.screen();
            t.send(DOWN);
            std::thread::sleep(Duration::from_millis(200));
            assert_eq!(t.screen(), same, "the move list does not move in a replay");
        }
        if s.contains("Oct 2024: what happened") {
            seen = s;
            break;
        }
    }
    assert_eq!(norm(&seen), norm(&report), "the same report");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    // A replay writes no autosave of its own.
    let (code, out, _) = run(dir.path(), &["replay", last.to_str().unwrap(), "--verify"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn daily_seed_is_the_date() {
    let dir = DataDir::new("daily");
    let today = detente::store::today();
    let seed = detente::store::daily_seed(today).to_string();
    let date = detente::store::date_text(today);
    let mut t = Term::start(dir.path(), &["--daily"], 80, 24);
    let s = t.wait_for("New game");
    assert!(s.contains(&format!("Seed {seed}")), "{s}");
    assert!(s.contains(&format!("daily {date}")), "{s}");
    let s = new_game(&mut t);
    assert!(s.contains(&format!("daily {date}")), "{s}");
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    let (code, _, err) = run(dir.path(), &["--daily", "--seed", "3"]);
    assert_eq!(code, Some(2), "--daily and --seed conflict: {err}");
}

/// Go back to before the first move and play another: the autosave follows the new branch.
#[test]
fn undo_then_another_branch() {
    let dir = DataDir::new("undo");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    t.press(b"g"); // the first move (the list starts on Hold course)
    play_to(&mut t, 2);
    let list = t.press(b"u");
    assert!(list.contains("Sep 2024  Impose sanctions"), "{list}");
    let back = t.press(ENTER);
    assert!(back.contains("month 1 of"), "{back}");
    assert!(back.contains("Back to Sep 2024"), "{back}");
    for _ in 0..4 {
        t.press(DOWN); // down to Back-channel contact
    }
    let report = t.press(ENTER);
    assert!(report.contains("Back-channel"), "{report}");
    to_month(&mut t, 2);
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    let text = std::fs::read_to_string(dir.autosave()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = &v["choices"][0];
    let sc = detente::game::Scenario::builtin();
    let back_channel = sc.move_id("back_channel").unwrap();
    assert_eq!(
        first["mv"],
        serde_json::to_value(back_channel).unwrap(),
        "the new branch is saved: {first}"
    );
}

#[test]
fn an_unknown_side_or_a_side_for_two_players_is_a_clear_error() {
    let dir = DataDir::new("bad-side");
    let (code, _, err) = run(dir.path(), &["--side", "narnia"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("narnia") && err.contains("washington, moscow"),
        "names the side and the known ones: {err}"
    );
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    let (code, _, err) = run(dir.path(), &["--players", "2", "--side", "moscow"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--side"), "{err}");
    let (code, _, err) = run(dir.path(), &["--players", "3"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--players"), "{err}");
}

/// `--side moscow`: Moscow's screen (its gauges, Washington's ledger, its moves),
/// played with keys to an ending of Moscow's, scored, and in the table as Moscow.
#[test]
fn a_whole_game_as_moscow_reaches_a_moscow_ending() {
    let dir = DataDir::new("moscow");
    let mut t = Term::start(dir.path(), &["--side", "moscow", "--seed", "7"], 80, 24);
    let first = new_game(&mut t);
    assert!(
        first.contains("Washington remembers")
            && first.contains("Kremlin standing")
            && first.contains("Counter-sanctions")
            && first.contains("R Washington hits back")
            && first.contains("Moscow · seed 7"),
        "Moscow's own screen:\n{first}"
    );
    assert!(
        !first.contains("Standing at home"),
        "Washington's gauge is hidden:\n{first}"
    );
    t.send(ENTER);
    let screen = play_to_end(&mut t);
    let line = screen
        .lines()
        .find(|l| l.contains(" · Moscow · Score "))
        .unwrap_or_else(|| panic!("Moscow's score line:\n{screen}"));
    let ending = MOSCOW_ENDINGS
        .iter()
        .find(|e| line.contains(*e))
        .unwrap_or_else(|| panic!("a Moscow ending: {line}"));
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    let (code, out, err) = run(dir.path(), &["scores"]);
    assert_eq!(code, Some(0), "{err}");
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(ending)).collect();
    assert_eq!(rows.len(), 1, "{out}");
    // Listed in Moscow's own table, under the side's name.
    let moscow = out.split_once("\nMoscow\n").map_or("", |(_, t)| t);
    assert!(moscow.contains(rows[0]), "the side is listed: {out}");
}

#[test]
fn continue_resumes_a_moscow_game_as_moscow() {
    let dir = DataDir::new("moscow-continue");
    let mut t = Term::start(dir.path(), &["--side", "moscow", "--seed", "7"], 80, 24);
    new_game(&mut t);
    let before = play_to(&mut t, 3);
    assert!(
        before.contains("month 3 of") && before.contains("Moscow · seed 7"),
        "{before}"
    );
    quit_game(&mut t);
    let mut t = Term::start(dir.path(), &[], 80, 24);
    let title = t.wait_for("Continue");
    assert!(title.contains("as Moscow"), "{title}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    assert_eq!(norm(&t.wait_for("Your move for")), norm(&before));
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

/// Two Détentes on one data directory: the second says so and plays without saving;
/// the first's game is untouched, cannot be continued twice, and continues afterwards.
#[test]
fn a_second_game_on_the_same_data_dir_does_not_overwrite_the_first() {
    let dir = DataDir::new("two-at-once");
    let mut first = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut first);
    let before = play_to(&mut first, 2);
    let saved = std::fs::read(dir.autosave()).unwrap();

    let mut second = Term::start(dir.path(), &["--seed", "9"], 80, 24);
    let s = second.wait_for("will not save");
    assert!(s.contains("another Détente"), "{s}");
    assert!(
        !s.contains("Continue "),
        "the first's game is not offered:\n{s}"
    );
    new_game(&mut second);
    play_to(&mut second, 3);
    quit_game(&mut second);
    assert_eq!(
        std::fs::read(dir.autosave()).unwrap(),
        saved,
        "the first game's save is untouched"
    );

    let mut twice = Term::start(dir.path(), &["--continue"], 80, 24);
    twice.wait_for("close the other");
    assert_eq!(twice.wait_exit(), 2);

    quit_game(&mut first);
    let mut again = Term::start(dir.path(), &["--continue"], 80, 24);
    assert_eq!(norm(&again.wait_for("Your move for")), norm(&before));
    again.send(b"q");
    again.send(b"y");
    assert_eq!(again.wait_exit(), 0);
}
