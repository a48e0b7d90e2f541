//! The real `detente check-scenario` binary against good and broken scenario files.
//!
//! Every file in `tests/scenarios/bad/` is `tests/scenarios/good/minimal.toml`
//! with exactly one thing wrong; each test names the line and field that the
//! error must point at. Files that cannot live in the repository (invalid
//! UTF-8, 5 MiB, 10,000 nested brackets) are written to a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The exit status `check-scenario` gives for an invalid file.
const INVALID: i32 = 2;

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("scenarios")
}

fn minimal_path() -> PathBuf {
    scenarios_dir().join("good").join("minimal.toml")
}

fn minimal_text() -> String {
    std::fs::read_to_string(minimal_path()).expect("tests/scenarios/good/minimal.toml is readable")
}

fn bad_path(name: &str) -> PathBuf {
    scenarios_dir().join("bad").join(format!("{name}.toml"))
}

/// What the binary did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn check_scenario(path: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg("check-scenario")
        .arg(path)
        .output()
        .expect("the detente binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A scratch directory of our own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "detente-check-scenario-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        Scratch(dir)
    }

    fn write(&self, file: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(file);
        std::fs::write(&p, bytes).expect("temp file is writable");
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn expect_valid(path: &Path) -> Run {
    let run = check_scenario(path);
    assert_eq!(
        run.code,
        Some(0),
        "{} should be valid; stderr:\n{}",
        path.display(),
        run.stderr
    );
    assert!(
        run.stderr.is_empty(),
        "a valid file gives no errors; stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stdout.contains(&path.display().to_string()),
        "stdout names the file:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("ok"), "stdout says ok:\n{}", run.stdout);
    run
}

/// Rejected with exit status 2, no panic, and an error line `FILE:LINE: FIELD: MESSAGE`
/// (without `LINE: ` when there is no line, and without `FIELD: ` when `field` is empty).
fn expect_rejected(path: &Path, line: Option<usize>, field: &str, message: &str) -> Run {
    let run = check_scenario(path);
    let file = path.display().to_string();
    assert!(
        !run.stderr.contains("panicked"),
        "no panic; stderr:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("overflow"),
        "no stack overflow; stderr:\n{}",
        run.stderr
    );
    assert_eq!(
        run.code,
        Some(INVALID),
        "exit status 2 for {file}; stderr:\n{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("ok"),
        "an invalid file is not ok; stdout:\n{}",
        run.stdout
    );
    let prefix = match line {
        Some(l) => format!("{file}:{l}: "),
        None => format!("{file}: "),
    };
    let hit = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .any(|rest| {
            (field.is_empty() || rest.starts_with(&format!("{field}: "))) && rest.contains(message)
        });
    assert!(
        hit,
        "expected a line starting {prefix:?} naming field {field:?} with {message:?}; stderr:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("problem(s) found"),
        "a summary line; stderr:\n{}",
        run.stderr
    );
    run
}

/// One broken file in `tests/scenarios/bad/` and what its error must say.
struct Case {
    name: &'static str,
    /// The 1-based line the error must name; `None` when the file has no such line.
    line: Option<usize>,
    field: &'static str,
    message: &'static str,
    /// How many problems the file has in all; `None` where that is not pinned down.
    problems: Option<usize>,
}

const CASES: &[Case] = &[
    Case {
        name: "players_only_without_choices",
        line: Some(68),
        field: "events[0].players_only",
        message: "only a choice card can be kept for players",
        problems: Some(1),
    },
    Case {
        name: "whim_1_5",
        line: Some(19),
        field: "sides[0].ai.normal.whim",
        message: "1.5 is out of range 0..=1",
        problems: Some(1),
    },
    Case {
        name: "malformed_toml",
        line: Some(31),
        field: "",
        message: "invalid basic string",
        problems: Some(1),
    },
    Case {
        name: "wrong_type",
        line: Some(27),
        field: "",
        message: "invalid type: string \"fifty\", expected i64",
        problems: Some(1),
    },
    Case {
        name: "unknown_field",
        line: Some(43),
        field: "moves.colour",
        message: "unknown field `colour`",
        problems: Some(1),
    },
    Case {
        name: "meter_start_150",
        line: Some(32),
        field: "meters[1].start",
        message: "150 is out of range 0..=100",
        problems: Some(1),
    },
    Case {
        name: "chance_max_1_5",
        line: Some(48),
        field: "moves[1].chance.max",
        message: "1.5 is out of range 0..=1",
        problems: Some(1),
    },
    Case {
        name: "missing_meter",
        line: Some(62),
        field: "moves[3].effects.meters.ghost",
        message: "no meter called `ghost`",
        problems: Some(1),
    },
    Case {
        name: "missing_answer",
        line: Some(60),
        field: "moves[3].answers",
        message: "no move called `blue_shout`",
        problems: Some(1),
    },
    Case {
        name: "missing_treaty",
        line: Some(49),
        field: "moves[1].success.treaty.accord",
        message: "no treaty called `accord`",
        problems: Some(1),
    },
    Case {
        name: "missing_flag",
        line: Some(49),
        field: "moves[1].success.set",
        message: "no flag called `ghost`",
        problems: Some(1),
    },
    Case {
        name: "bad_treaty_status",
        line: Some(37),
        field: "treaties[0].status",
        message: "`torn_up` is not a treaty status",
        problems: Some(1),
    },
    Case {
        name: "at_outside_calendar",
        line: Some(67),
        field: "events[0].at",
        message: "2031-02 is outside the calendar (Jan 2030 to Jun 2030)",
        problems: Some(1),
    },
    Case {
        name: "at_not_month",
        line: Some(67),
        field: "events[0].at",
        message: "`February 2030` is not a month written YYYY-MM",
        problems: Some(1),
    },
    Case {
        name: "duplicate_move",
        line: Some(57),
        field: "moves[3].id",
        message: "move `red_hold` is defined twice",
        problems: Some(1),
    },
    Case {
        name: "one_side",
        line: Some(16),
        field: "sides",
        message: "exactly 2 sides, found 1",
        problems: Some(4),
    },
    Case {
        name: "no_unconditioned_move",
        line: Some(20),
        field: "sides[1]",
        message: "at least one move with no requirements",
        problems: Some(1),
    },
    Case {
        name: "no_fallback_ending",
        line: Some(20),
        field: "endings",
        message: "side `red` needs a deadline ending with no condition",
        problems: Some(1),
    },
    Case {
        name: "always_without_condition",
        line: Some(75),
        field: "endings[0].when",
        message: "an `always` ending needs a condition",
        problems: Some(1),
    },
    Case {
        name: "range_low_above_high",
        line: Some(49),
        field: "moves[1].success.meters.calm",
        message: "range [3, 1] has low above high",
        problems: Some(1),
    },
    Case {
        name: "calendar_start_not_month",
        line: Some(13),
        field: "calendar.start",
        message: "`2030-13` is not a month written YYYY-MM",
        problems: None,
    },
    Case {
        name: "empty",
        line: None,
        field: "scenario",
        message: "missing field `scenario`",
        problems: Some(1),
    },
    Case {
        name: "card_without_source",
        line: Some(64),
        field: "events[0].source",
        message: "a card is the public record with its `source`, or a game event marked `fiction = true`",
        problems: Some(1),
    },
    Case {
        name: "ladder_without_crisis",
        line: Some(30),
        field: "meters[1].crisis",
        message: "the ladder needs `crisis` (what its top means, e.g. \"nuclear crisis\") and `crisis_warning`",
        problems: Some(1),
    },
    Case {
        name: "crisis_words_off_the_ladder",
        line: Some(33),
        field: "meters[1].crisis",
        message: "only the ladder meter (`ladder = true`) has crisis words",
        problems: Some(1),
    },
    Case {
        name: "unknown_display",
        line: Some(33),
        field: "meters[1].display",
        message: "`sparkle` is not a way to show a meter (one of: gauge, figure, hidden, estimate)",
        problems: Some(1),
    },
    Case {
        name: "unknown_ending_check",
        line: Some(75),
        field: "endings[0].check",
        message: "`sometimes` is not an ending check (one of: always, deadline)",
        problems: Some(1),
    },
    Case {
        name: "misread_scale_0_5",
        line: Some(19),
        field: "sides[0].ai.normal.misread_scale",
        message: "0.5 is out of range 1..=10",
        problems: Some(1),
    },
    Case {
        name: "futures_0",
        line: Some(19),
        field: "sides[0].ai.normal.futures",
        message: "0 is out of range 1..=256",
        problems: Some(1),
    },
    Case {
        name: "neutral_hostile_from_1_2",
        line: Some(19),
        field: "sides[0].ai.normal.neutral_hostile_from",
        message: "1.2 is out of range 0..=1",
        problems: Some(1),
    },
];

fn run_case(name: &str) -> Run {
    let case = CASES
        .iter()
        .find(|c| c.name == name)
        .expect("a case of that name");
    let run = expect_rejected(&bad_path(case.name), case.line, case.field, case.message);
    if let Some(n) = case.problems {
        // One mistake, one message (a missing side also unresolves what names it).
        let summary = format!(": {n} problem(s) found");
        assert!(
            run.stderr.contains(&summary),
            "expected{summary}; stderr:\n{}",
            run.stderr
        );
    }
    run
}

// ---------------------------------------------------------------- valid files

#[test]
fn default_scenario_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenarios/low-point-2024.toml");
    let run = expect_valid(&path);
    assert!(run.stdout.contains("The Low Point"), "{}", run.stdout);
    assert!(run.stdout.contains("18 turns"), "{}", run.stdout);
}

#[test]
fn minimal_scenario_is_valid() {
    let run = expect_valid(&minimal_path());
    assert!(
        run.stdout
            .contains("2 meters, 4 moves, 1 events, 3 endings, 6 turns"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_of_exactly_the_size_limit_is_valid() {
    let limit = detente::game::scenario::MAX_SCENARIO_BYTES;
    let mut text = minimal_text();
    text.push('#');
    text.push_str(&"x".repeat(limit - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), limit);
    let dir = Scratch::new("at-limit");
    expect_valid(&dir.write("at_limit.toml", text.as_bytes()));
}

// ---------------------------------------------------------------- the broken files

/// Each broken file is the minimal one with one contiguous change of at most
/// three lines, so each test shows exactly one problem being caught.
#[test]
fn every_bad_file_is_the_minimal_file_with_one_change() {
    let good: Vec<String> = minimal_text().lines().map(String::from).collect();
    for case in CASES.iter().filter(|c| c.name != "empty") {
        let text = std::fs::read_to_string(bad_path(case.name)).expect("bad file is readable");
        let bad: Vec<&str> = text.lines().collect();
        let same_head = good.iter().zip(&bad).take_while(|(a, b)| a == *b).count();
        let same_tail = good
            .iter()
            .rev()
            .zip(bad.iter().rev())
            .take_while(|(a, b)| a == *b)
            .count()
            .min(good.len().min(bad.len()) - same_head);
        let changed_good = good.len() - same_head - same_tail;
        let changed_bad = bad.len() - same_head - same_tail;
        assert!(
            changed_bad >= 1 && changed_good <= 3 && changed_bad <= 3,
            "{}: expected one small change to minimal.toml, found {changed_good} line(s) replaced by {changed_bad} from line {}",
            case.name,
            same_head + 1
        );
    }
}

/// Every file in `bad/` has a case, so a new file cannot be left unchecked.
#[test]
fn every_bad_file_has_a_case() {
    let mut files: Vec<String> = std::fs::read_dir(scenarios_dir().join("bad"))
        .expect("bad/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.name.to_string()).collect();
    cases.sort();
    assert_eq!(files, cases);
}

#[test]
fn malformed_toml() {
    run_case("malformed_toml");
}

#[test]
fn malformed_toml_does_not_invent_a_field() {
    let run = run_case("malformed_toml");
    let file = bad_path("malformed_toml").display().to_string();
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        !first.starts_with(&format!("{file}:31: \": ")),
        "the expected token is not a field: {first}"
    );
}

#[test]
fn wrong_type() {
    run_case("wrong_type");
}

#[test]
fn wrong_type_names_the_field() {
    let run = run_case("wrong_type");
    let file = bad_path("wrong_type").display().to_string();
    let first = run.stderr.lines().next().unwrap_or_default();
    let field = first
        .strip_prefix(&format!("{file}:27: "))
        .and_then(|rest| rest.split_once(": invalid type"));
    assert!(
        field.is_some_and(|(f, _)| f.starts_with("meters") && f.ends_with("start")),
        "the error names meters…start: {first}"
    );
}

#[test]
fn unknown_field() {
    run_case("unknown_field");
}

#[test]
fn meter_start_150() {
    run_case("meter_start_150");
}

#[test]
fn chance_max_1_5() {
    run_case("chance_max_1_5");
}

#[test]
fn missing_meter() {
    run_case("missing_meter");
}

#[test]
fn missing_answer() {
    run_case("missing_answer");
}

#[test]
fn missing_treaty() {
    run_case("missing_treaty");
}

#[test]
fn missing_flag() {
    run_case("missing_flag");
}

#[test]
fn bad_treaty_status() {
    run_case("bad_treaty_status");
}

#[test]
fn at_outside_calendar() {
    run_case("at_outside_calendar");
}

#[test]
fn at_not_month() {
    run_case("at_not_month");
}

#[test]
fn duplicate_move() {
    run_case("duplicate_move");
}

#[test]
fn one_side() {
    run_case("one_side");
}

#[test]
fn no_unconditioned_move() {
    run_case("no_unconditioned_move");
}

#[test]
fn no_fallback_ending() {
    run_case("no_fallback_ending");
}

#[test]
fn always_without_condition() {
    run_case("always_without_condition");
}

#[test]
fn range_low_above_high() {
    run_case("range_low_above_high");
}

#[test]
fn calendar_start_not_month() {
    run_case("calendar_start_not_month");
}

#[test]
fn calendar_start_not_month_is_one_problem() {
    let run = run_case("calendar_start_not_month");
    assert!(
        run.stderr.contains(": 1 problem(s) found"),
        "{}",
        run.stderr
    );
}

#[test]
fn empty() {
    run_case("empty");
}

// ---------------------------------------------------------------- files made here

#[test]
fn invalid_utf8() {
    let mut bytes = minimal_text().into_bytes();
    // Line 8 is `title = "Minimal"`: put two bytes that are never UTF-8 inside the string.
    let at = minimal_text()
        .match_indices('\n')
        .nth(6)
        .expect("8 lines")
        .0
        + "\ntitle = \"Mi".len();
    bytes.splice(at..at, [0xff, 0xfe]);
    let dir = Scratch::new("utf8");
    let path = dir.write("latin.toml", &bytes);
    expect_rejected(&path, Some(8), "", "not valid UTF-8");
}

#[test]
fn five_mib_file() {
    let mut text = minimal_text();
    text.push('#');
    text.push_str(&"x".repeat(5 * 1024 * 1024 - text.len()));
    text.push('\n');
    let dir = Scratch::new("big");
    let path = dir.write("big.toml", text.as_bytes());
    expect_rejected(&path, None, "", "scenarios are at most 4 MiB");
}

#[test]
fn deeply_nested_arrays() {
    let text = format!("x = {}\n{}", "[".repeat(10_000), minimal_text());
    let dir = Scratch::new("deep");
    let path = dir.write("deep.toml", text.as_bytes());
    expect_rejected(&path, Some(1), "", "recurs");
}

#[test]
fn deeply_nested_inline_tables_in_a_condition() {
    // `any` conditions recurse in the schema itself; a hostile file nests them far.
    let mut text = minimal_text();
    let deep = format!("{}{}", "{ any = [".repeat(5_000), "]}".repeat(5_000));
    text = text.replace(
        "requires = { flags = [\"met\"] }",
        &format!("requires = {deep}"),
    );
    let dir = Scratch::new("deep-any");
    let path = dir.write("deep_any.toml", text.as_bytes());
    expect_rejected(&path, Some(61), "", "recurs");
}

#[test]
fn missing_file() {
    let dir = Scratch::new("missing");
    let path = dir.0.join("no_such_scenario.toml");
    expect_rejected(&path, None, "", "cannot read");
}

#[test]
fn a_directory() {
    let dir = Scratch::new("dir");
    expect_rejected(&dir.0, None, "", "is a directory");
}

#[test]
fn all_problems_are_reported_together() {
    // Two independent mistakes in one file: both are named, each at its line.
    let text = minimal_text()
        .replace("start = 50", "start = 150")
        .replace("at = \"2030-02\"", "at = \"2031-02\"");
    let dir = Scratch::new("two");
    let path = dir.write("two.toml", text.as_bytes());
    let run = expect_rejected(&path, Some(27), "meters[0].start", "out of range");
    assert!(
        run.stderr
            .contains(&format!("{}:67: events[0].at", path.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 problem(s) found"), "{}", run.stderr);
}

#[test]
fn players_only_without_choices() {
    run_case("players_only_without_choices");
}

#[test]
fn whim_1_5() {
    run_case("whim_1_5");
}

#[test]
fn card_without_source() {
    run_case("card_without_source");
}

#[test]
fn ladder_without_crisis() {
    run_case("ladder_without_crisis");
}

#[test]
fn crisis_words_off_the_ladder() {
    run_case("crisis_words_off_the_ladder");
}

#[test]
fn unknown_display() {
    run_case("unknown_display");
}

#[test]
fn unknown_ending_check() {
    run_case("unknown_ending_check");
}

#[test]
fn misread_scale_0_5() {
    run_case("misread_scale_0_5");
}

#[test]
fn futures_0() {
    run_case("futures_0");
}

#[test]
fn neutral_hostile_from_1_2() {
    run_case("neutral_hostile_from_1_2");
}

#[test]
fn a_card_with_a_source_needs_no_fiction_mark() {
    // The public record: a source and no `fiction`; valid.
    let text = minimal_text().replace(
        "fiction = true",
        "source = \"A spokesman, a briefing, 1 Feb 2030\"",
    );
    let dir = Scratch::new("sourced");
    expect_valid(&dir.write("sourced.toml", text.as_bytes()));
}

#[test]
fn a_ladder_with_its_crisis_words_is_valid() {
    let text = minimal_text().replace(
        "start = 20\n",
        "start = 20\nladder = true\nlabels = [[0, \"Calm\"], [50, \"Hot\"]]\ncrisis = \"meltdown\"\ncrisis_warning = \"At 100 it boils over.\"\n",
    );
    let dir = Scratch::new("ladder");
    expect_valid(&dir.write("ladder.toml", text.as_bytes()));
}

#[test]
fn an_ai_level_may_set_every_parameter_of_the_model() {
    let ai = "ai = { easy = { forgiveness = 0.5, reciprocity = 0.5, misread = 0.0 }, normal = { forgiveness = 0.5, reciprocity = 0.5, misread = 0.1, misread_scale = 2.0, neutral_friendly = 0.2, neutral_friendly_per_trust = 0.3, neutral_hostile_from = 0.6, neutral_hostile_per_trust = 0.2 }, hard = { forgiveness = 0.5, reciprocity = 0.5, misread = 0.0 } }";
    let text = minimal_text().replace("name = \"Blue\"\n", &format!("name = \"Blue\"\n{ai}\n"));
    let dir = Scratch::new("ai");
    expect_valid(&dir.write("ai.toml", text.as_bytes()));
}
