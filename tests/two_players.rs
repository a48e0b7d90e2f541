//! Two players at one keyboard, end to end: the real binary in a pseudo-terminal
//! plays a whole game with keys, and every hand-over screen (and the second
//! player's choosing screen) is read to check that the order already given,
//! sealed, never shows.

mod pty;

use pty::{
    DOWN, DataDir, ENTER, MOSCOW_ENDINGS, Screen, Term, WASHINGTON_ENDINGS, key, quit_game, run,
    selected, which,
};

/// Put the cursor on a move that can be played: the `k`-th if open, else the first.
fn choose(t: &mut Term, k: usize) -> String {
    let mut s = key(t, b"g"); // the first move
    for _ in 0..k {
        s = key(t, DOWN);
    }
    match selected(&s) {
        Some((name, true)) => name,
        _ => {
            let s = key(t, b"g");
            selected(&s).expect("a selected move").0
        }
    }
}

/// The side whose secret move screen this is.
fn chooser(screen: &str) -> Option<&'static str> {
    ["Washington", "Moscow"]
        .into_iter()
        .find(|side| screen.contains(&format!("{side}'s secret move, ")))
}

/// A whole game of two players with keys only, to the end screen. Each month:
/// a hand-over to Washington, its secret order, a hand-over to Moscow, its order,
/// then the report of both; cards go to their side, behind a hand-over.
#[test]
fn a_whole_two_player_game_never_shows_a_sealed_order() {
    let dir = DataDir::new("two-players");
    let mut t = Term::start(dir.path(), &["--players", "2", "--seed", "7"], 80, 24);
    t.wait_for("New game");
    t.press(b"n"); // a new game: the opening report
    // The name of the order given and sealed this month, while the other side chooses.
    let mut sealed: Option<String> = None;
    let (mut handovers, mut orders, mut reports_of_both) = (0, 0, 0);
    let end = loop {
        let s = t.settle();
        assert!(orders < 200, "no end after {orders} orders:\n{s}");
        match which(&s) {
            Some(Screen::End) => break s,
            Some(Screen::Handover) => {
                handovers += 1;
                if let Some(name) = &sealed {
                    assert!(
                        !s.contains(name.as_str()),
                        "the hand-over shows the sealed order {name}:\n{s}"
                    );
                }
                assert!(s.contains("look away"), "{s}");
                t.press(ENTER); // the side named takes the keyboard
            }
            Some(Screen::Game) => {
                let side = chooser(&s).unwrap_or_else(|| panic!("whose screen?\n{s}"));
                if let Some(name) = &sealed {
                    assert_eq!(side, "Moscow", "Washington gives its order first:\n{s}");
                    assert!(
                        !s.contains(name.as_str()),
                        "Moscow's screen shows Washington's sealed order {name}:\n{s}"
                    );
                }
                let mut name = choose(&mut t, orders % 7);
                if let Some(first) = &sealed {
                    let shown = t.screen();
                    assert!(!shown.contains(first.as_str()), "{shown}");
                }
                let after = t.press(ENTER); // give the order
                if which(&after) == Some(Screen::Game) && chooser(&after) == Some(side) {
                    // Not available after all: the first move, which always is.
                    name = selected(&key(&mut t, b"g")).expect("a move").0;
                    t.press(ENTER);
                }
                orders += 1;
                sealed = match side {
                    "Washington" => Some(name),
                    _ => None,
                };
            }
            Some(Screen::Card) => {
                t.press(ENTER); // the first answer
            }
            Some(Screen::Report) => {
                if s.contains("THE MOVES, REVEALED TOGETHER") {
                    assert!(
                        s.contains("Washington: ") && s.contains("Moscow: "),
                        "both moves are shown:\n{s}"
                    );
                    reports_of_both += 1;
                }
                t.press(ENTER);
            }
            other => panic!("an unexpected screen {other:?}:\n{s}"),
        }
    };
    assert!(handovers >= 2 * reports_of_both, "{handovers} hand-overs");
    assert!(reports_of_both >= 1, "at least one month was played");
    // The end scores both sides: each its own ending and score.
    let line = |side: &str| {
        end.lines()
            .find(|l| l.contains(&format!(" · {side} · Score ")))
            .unwrap_or_else(|| panic!("no score line for {side}:\n{end}"))
            .to_string()
    };
    let (w, m) = (line("Washington"), line("Moscow"));
    assert!(WASHINGTON_ENDINGS.iter().any(|e| w.contains(e)), "{w}");
    assert!(MOSCOW_ENDINGS.iter().any(|e| m.contains(e)), "{m}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0, "{}", t.screen());
    // A game of two players is not a high score against the model.
    let (code, out, err) = run(dir.path(), &["scores"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("No finished games yet"), "{out}");
}

/// Quit with Washington's order sealed: Continue takes the game up at the start of
/// that month (a sealed order is not saved), behind a hand-over to Washington.
#[test]
fn continue_resumes_a_two_player_game_at_the_month_and_side() {
    let dir = DataDir::new("two-players-continue");
    let mut t = Term::start(dir.path(), &["--players", "2", "--seed", "7"], 80, 24);
    t.wait_for("New game");
    t.press(b"n"); // the opening report
    t.press(ENTER); // the hand-over to Washington
    t.press(ENTER); // Washington's screen
    t.press(ENTER); // its order, sealed
    t.wait_for("Pass the keyboard to Moscow");
    t.press(ENTER); // Moscow's screen
    t.press(ENTER); // its order: the month is played
    t.wait_for("THE MOVES, REVEALED TOGETHER");
    // On through cards to October's first hand-over, then Washington's order.
    let s = loop {
        let s = t.settle();
        match which(&s) {
            Some(Screen::Handover) if s.contains("Pass the keyboard to Washington") => {
                t.press(ENTER);
            }
            Some(Screen::Game) if chooser(&s) == Some("Washington") => break s,
            _ => {
                t.press(ENTER);
            }
        }
    };
    assert!(s.contains("month 2 of"), "{s}");
    t.press(ENTER); // Washington's October order, sealed
    t.wait_for("Pass the keyboard to Moscow");
    quit_game(&mut t);

    let mut t = Term::start(dir.path(), &[], 80, 24);
    let title = t.wait_for("Continue");
    assert!(title.contains("two players"), "{title}");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    let s = t.wait_for("Pass the keyboard to");
    assert!(
        s.contains("Pass the keyboard to Washington") && s.contains("month 2 of"),
        "the month starts again with Washington:\n{s}"
    );
    let mine = t.press(ENTER);
    assert_eq!(chooser(&mine), Some("Washington"), "{mine}");
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    // Undo goes back whole months: the list offers September, and going back to it
    // (with the other side's consent) drops both orders together.
    let mut t = Term::start(dir.path(), &["--continue"], 80, 24);
    t.wait_for("Pass the keyboard to Washington");
    t.press(ENTER);
    let list = t.press(b"u");
    assert!(
        list.contains("Sep 2024  Washington: ") && list.contains("Moscow: "),
        "{list}"
    );
    t.send(b"g"); // the first month
    let ask = t.press(ENTER); // going back undoes Moscow's order too: Moscow is asked
    assert!(ask.contains("do you agree?"), "{ask}");
    let back = t.press(b"y"); // and agrees
    assert!(
        back.contains("Pass the keyboard to Washington") && back.contains("month 1 of"),
        "{back}"
    );
    t.send(b"q");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
    let text = std::fs::read_to_string(dir.autosave()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["choices"].as_array().map(Vec::len),
        Some(0),
        "back to the start: {text}"
    );
}
