//! Play-test findings at 80×24 (issue 11 item 7 and the polish list), each checked
//! on the real app drawn into a `TestBackend`, or on the real binary in a pty where
//! the behaviour is the binary's.

mod pty;

mod apps;

use detente::game::Scenario;
use detente::game::scenario::SideId;
use detente::ui::{App, Players, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use apps::{options, press};
use pty::{DOWN, DataDir, ENTER, Term, new_game, quit_game, see_the_ending, to_month};

fn app_as(seed: u64, players: Players) -> App {
    App::new(Scenario::builtin(), options(seed, players))
}

/// The screen at `w`×`h`, one string per row, trailing blanks cut.
fn rows(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| app.draw(f)).expect("draw");
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let r: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
            r.trim_end().to_string()
        })
        .collect()
}

/// Rows `from..` joined as one paragraph (a wrapped sentence reads whole again).
fn joined(rows: &[String], from: usize) -> String {
    rows[from..]
        .iter()
        .map(|r| r.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// From the title to the first month's game screen.
fn start(app: &mut App) {
    press(app, KeyCode::Enter); // title: "New game" → the opening report
    press(app, KeyCode::Enter); // opening report: "Begin" → the game screen
}

fn cursor(app: &App) -> usize {
    match app.screen() {
        Screen::Playing(p) => p.cursor,
        other => panic!("not the game screen: {other:?}"),
    }
}

/// The row of the game screen's details: the one after the list's last row.
fn details_from(rows: &[String]) -> usize {
    let last_move = rows
        .iter()
        .rposition(|r| r.starts_with("  ") || r.starts_with('▸'))
        .expect("a move list");
    last_move + 1
}

/// A new game starts the move list on the side's move that does nothing of its
/// own, for either side, so a stray Enter plays nothing hostile.
#[test]
fn a_new_game_starts_the_list_on_the_do_nothing_move() {
    let sc = Scenario::builtin();
    for (side, id, name) in [(0, "hold", "Hold course"), (1, "wait", "Wait and see")] {
        let mut app = app_as(7, Players::One(SideId(side)));
        start(&mut app);
        let mv = sc.move_id(id).expect("the scenario's do-nothing move");
        let row = sc.moves_of(SideId(side)).position(|m| m == mv).unwrap();
        assert_eq!(cursor(&app), row, "{name}");
        let screen = rows(&mut app, 80, 24);
        assert!(
            screen.iter().any(|r| r.starts_with(&format!("▸ {name}"))),
            "{name} selected and in view:\n{}",
            screen.join("\n")
        );
        press(&mut app, KeyCode::Enter); // a stray Enter
        let report = rows(&mut app, 80, 24).join("\n");
        assert!(report.contains(&format!("You chose: {name}")), "{report}");
    }
}

/// `--continue` on the real binary: the month taken up starts on "Hold course",
/// not on the first row ("Impose sanctions").
#[test]
fn continue_starts_the_list_on_the_do_nothing_move() {
    let dir = DataDir::new("polish-continue-cursor");
    let mut t = Term::start(dir.path(), &["--seed", "7"], 80, 24);
    new_game(&mut t);
    t.press(b"g"); // the first move: Impose sanctions
    t.press(ENTER); // played
    let month2 = to_month(&mut t, 2);
    assert!(
        month2.contains("▸ Impose sanctions"),
        "kept this run:\n{month2}"
    );
    quit_game(&mut t);
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    let s = t.wait_for("Your move for");
    let selected: Vec<&str> = s.lines().filter(|l| l.starts_with('▸')).collect();
    assert_eq!(selected.len(), 1, "{s}");
    assert!(selected[0].starts_with("▸ Hold course"), "{s}");
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

/// At 80×24 an unavailable move's whole reason reads in the details, and so does
/// the selected move's whole forecast (both were cut after one row).
#[test]
fn the_details_give_the_whole_reason_and_the_whole_forecast_at_80x24() {
    let sc = Scenario::builtin();
    let mut app = app_as(7, Players::usual(&sc));
    start(&mut app);
    let framework = sc.move_id("propose_successor").unwrap();
    let row = sc.moves_of(sc.default_player).position(|m| m == framework);
    press(&mut app, KeyCode::Char('g'));
    for _ in 0..row.unwrap() {
        press(&mut app, KeyCode::Down);
    }
    let screen = rows(&mut app, 80, 24);
    let details = joined(&screen[..23], details_from(&screen));
    // The missing conditions first, each with its value, then the met one counted.
    let st = app.game().unwrap().state();
    let now = |id: &str| st.meter(sc.meter(id).unwrap());
    let reason = format!(
        "Not available now: needs Arms-control progress 40 (now {}), Relations 25 (now {}) · +1 met.",
        now("progress"),
        now("relations")
    );
    assert!(details.starts_with(&reason), "{details}");

    press(&mut app, KeyCode::Char('g')); // Impose sanctions, a forecast of many meters
    let screen = rows(&mut app, 80, 24);
    let details = joined(&screen[..23], details_from(&screen));
    let advisor = details.find("Advisor, a month on: ").expect("the forecast");
    let end = details[advisor..]
        .find("ladder climbs ")
        .expect("to its end");
    let tail = &details[advisor + end..];
    let pct = tail["ladder climbs ".len()..].split('%').next().unwrap();
    assert!(pct.parse::<u32>().is_ok(), "whole to the odds: {details}");
    assert!(tail.contains("%."), "{details}");
}

/// The opening report's first line says where things stand, with no trend
/// arrows: there is no month before the first.
#[test]
fn the_opening_shows_where_things_stand_without_arrows() {
    let mut app = app_as(7, Players::usual(&Scenario::builtin()));
    press(&mut app, KeyCode::Enter); // the opening report
    let screen = rows(&mut app, 80, 24);
    assert!(
        screen[1]
            .trim_start()
            .starts_with("Where things stand: Relations 11"),
        "{}",
        screen[1]
    );
    // The meters by the scenario's names, wrapped whole onto the next rows.
    let stand = screen[1..4].join(" ");
    assert!(!stand.contains('▲') && !stand.contains('▼'), "{stand}");
    assert!(stand.contains("Moscow's trust 13"), "{stand}");
}

/// Moscow read a friendly move as friendly and still answered with a hostile
/// move: the report says why in words the player can check, and names no
/// temperament (the rival's is revealed only at the end).
#[test]
fn a_hard_answer_to_a_friendly_reading_says_why() {
    let sc = Scenario::builtin();
    let ease = sc.move_id("ease_sanctions").unwrap();
    let row = sc
        .moves_of(sc.default_player)
        .position(|m| m == ease)
        .unwrap();
    let temperaments: Vec<String> = sc
        .side(SideId(1))
        .temperaments
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let mut found = 0;
    'seeds: for seed in 0..60 {
        let mut app = app_as(seed, Players::usual(&sc));
        start(&mut app);
        press(&mut app, KeyCode::Char('g'));
        for _ in 0..row {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter); // ease sanctions: a friendly move
        let text = rows(&mut app, 80, 200).join("\n");
        if !text.contains("read your move as friendly") {
            continue 'seeds;
        }
        let hard = text.contains("a hostile answer: it came");
        assert_eq!(
            hard,
            text.contains("read your move as friendly, but answered hard:"),
            "seed {seed}:\n{text}"
        );
        if hard {
            found += 1;
            for t in &temperaments {
                assert!(!text.to_lowercase().contains(t.as_str()), "{t}:\n{text}");
            }
        }
    }
    assert!(
        found > 0,
        "no hostile answer to a friendly reading in 60 seeds"
    );
}

/// A kill on the last report, before the end screen: the next start offers the
/// game's ending ("See the ending", not "Continue … month 18 of 18"), which shows it, and leaving the end screen drops the autosave.
#[test]
fn a_kill_before_the_end_screen_keeps_the_ending() {
    let dir = DataDir::new("polish-ending-kept");
    let mut t = Term::start(dir.path(), &["--seed", "3"], 80, 24);
    new_game(&mut t);
    let mut presses = 0;
    loop {
        let s = t.settle();
        if s.contains("[ See the ending") {
            break;
        }
        assert!(presses < 400, "no last report:\n{s}");
        if presses % 3 == 0 {
            t.send(DOWN);
        }
        t.send(ENTER);
        presses += 1;
    }
    t.signal("KILL");
    t.wait_exit();
    drop(t);
    assert!(dir.autosave().exists(), "the finished game is kept");

    // A finished game has no month to continue: the title offers its ending.
    see_the_ending(&dir);
    let mut t = Term::start(dir.path(), &[], 80, 24);
    let title = t.wait_for("New game");
    assert!(!title.contains("Continue"), "{title}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
}

/// The message for `--continue` with nothing to continue names the program as it
/// was run, not a name it might not have.
#[test]
fn continue_with_nothing_names_the_program_as_run() {
    let dir = DataDir::new("polish-program-name");
    std::fs::create_dir_all(dir.path()).unwrap();
    let link = dir.path().join("dtt");
    std::os::unix::fs::symlink(pty::BIN, &link).unwrap();
    let mut cmd = portable_pty::CommandBuilder::new(&link);
    cmd.arg("--continue");
    let mut t = Term::spawn(cmd, dir.path(), &[], 80, 24);
    let s = t.wait_for("no game to continue");
    assert!(s.contains("run `dtt` to start a new one"), "{s}");
    assert_eq!(t.wait_exit(), 2);
}

/// The column where each ledger entry's fading starts, found by its words.
fn fade_columns(screen: &[String], words: &[&str]) -> Vec<usize> {
    screen
        .iter()
        .filter_map(|r| {
            let panel = r.split('│').nth(1)?;
            words
                .iter()
                .filter_map(|w| panel.find(w))
                .min()
                // "1/mo", "12/mo": the column starts at the number.
                .map(|b| panel[..b].trim_end_matches(|c: char| c.is_ascii_digit()))
                .map(|before| before.chars().count())
        })
        .collect()
}

/// The side panel's fade column starts at one place on every row, its words
/// flush left: under "fades" at 80 columns ("never", "1/mo"), in full at 120.
#[test]
fn the_fade_column_stays_in_one_place() {
    let mut app = app_as(7, Players::usual(&Scenario::builtin()));
    start(&mut app);
    let screen = rows(&mut app, 80, 40);
    let cols = fade_columns(&screen, &["fades", "never", "/mo"]);
    assert!(
        cols.len() >= 4,
        "the heading and entries:\n{}",
        screen.join("\n")
    );
    assert!(
        cols.iter().all(|c| *c == cols[0]),
        "{cols:?}:\n{}",
        screen.join("\n")
    );
    let screen = rows(&mut app, 120, 40);
    let cols = fade_columns(&screen, &["fading", "lasting"]);
    assert!(cols.len() >= 4, "{}", screen.join("\n"));
    assert!(
        cols.iter().all(|c| *c == cols[0]),
        "{cols:?}:\n{}",
        screen.join("\n")
    );
}
