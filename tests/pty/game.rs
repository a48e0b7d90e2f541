//! The game's screens as the tests read them, and the key sequences that walk a game
//! through them (part of the pty harness).

use super::{DOWN, DataDir, ENTER, Term};

/// What is on screen, by its marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Title,
    Game,
    Card,
    Report,
    End,
    /// Two players: pass the keyboard.
    Handover,
}

pub fn which(s: &str) -> Option<Screen> {
    if s.contains("GAME OVER") {
        Some(Screen::End)
    } else if s.contains("Pass the keyboard to") {
        Some(Screen::Handover)
    } else if s.contains("[ Answer ]") {
        Some(Screen::Card)
    } else if s.contains("[ Continue") || s.contains("[ Begin ]") || s.contains("[ See the ending")
    {
        Some(Screen::Report)
    } else if s.contains("Your move for") || s.contains("'s secret move, ") {
        Some(Screen::Game)
    } else if s.contains("New game") {
        Some(Screen::Title)
    } else {
        None
    }
}

/// From any screen of a game, press Enter through reports and cards (first answer)
/// until the game screen of month `month` (1-based) is up, or the game ends.
pub fn to_month(t: &mut Term, month: u32) -> String {
    let mark = format!("month {month} of");
    for _ in 0..200 {
        let s = t.settle();
        match which(&s) {
            Some(Screen::Game) if s.contains(&mark) => return s,
            Some(Screen::End) => return s,
            Some(_) => {
                t.press(ENTER);
            }
            None => panic!("an unknown screen:\n{s}"),
        }
    }
    panic!("month {month} never came:\n{}", t.screen());
}

/// A new game from the title screen, up to the first month's game screen.
pub fn new_game(t: &mut Term) -> String {
    t.wait_for("New game");
    t.press(b"n");
    to_month(t, 1)
}

/// Quit a game in progress the way a player does: `q`, the confirmation, `y`; the
/// program must exit cleanly.
pub fn quit_game(t: &mut Term) {
    t.send(b"q");
    t.wait_for("Quit?");
    t.send(b"y");
    assert_eq!(t.wait_exit(), 0);
}

/// A screen's text without trailing blanks (what was cleared and what was never drawn look alike).
pub fn norm(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// Washington's ending titles in the default scenario, as the end screen shows them.
pub const WASHINGTON_ENDINGS: [&str; 6] = [
    "Détente",
    "Cold peace",
    "Deep freeze",
    "Nuclear crisis",
    "Out of office",
    "Coalition fractured",
];

/// Moscow's ending titles in the default scenario, as the end screen shows them.
pub const MOSCOW_ENDINGS: [&str; 6] = [
    "Nuclear crisis",
    "Turmoil at home",
    "The coalition splits",
    "Settlement",
    "Cold peace",
    "Standoff",
];

/// Play on with keys only — Down now and then, Enter — until the end screen
/// (GAME OVER and a score) is up; returns that screen, settled.
pub fn play_to_end(t: &mut Term) -> String {
    let mut presses = 0;
    loop {
        let s = t.settle();
        if s.contains("GAME OVER") {
            // The end screen may reach a slow terminal (ssh, a loaded machine) in
            // parts: a key now would leave it for the title, so wait for the rest.
            t.wait_for("Score");
            return t.settle();
        }
        assert!(
            presses < 400,
            "no ending after {presses} keys; screen:\n{s}"
        );
        // Vary the moves a little: down once in a while, then Enter.
        if presses % 3 == 0 {
            t.send(DOWN);
        }
        t.send(ENTER);
        presses += 1;
    }
}

/// The move the cursor is on (the row marked ▸), and whether it can be played now.
pub fn selected(screen: &str) -> Option<(String, bool)> {
    let line = screen.lines().find(|l| l.starts_with("▸ "))?;
    let rest = &line["▸ ".len()..];
    let name = rest.split("  ").next()?.trim().to_string();
    // Unavailable: the effect column opens with "✗ needs …" (a ✗ later in the
    // row is a move's failure outcome: "✓36% Arms+26 │ ✗ Home−3").
    let effect = rest[name.len()..].trim_start();
    Some((name, !effect.starts_with("✗ ")))
}

/// Send a key and wait for the game's answer, if the screen changes or not (the cursor
/// may not move): `settle` waits for the frame drawn after the key.
pub fn key(t: &mut Term, bytes: &[u8]) -> String {
    t.send(bytes);
    t.settle()
}

/// A finished game's unseen ending, taken up from the title: the title offers
/// "See the ending" (never "Continue … of 18"), Enter shows the scored end
/// screen, `q` leaves it, and the autosave is gone once the ending was seen.
pub fn see_the_ending(dir: &DataDir) {
    let mut t = Term::start(dir.path(), &[], 80, 24);
    let title = t.wait_for("See the ending");
    assert!(
        !title.contains("Continue") && !title.contains(" of 18"),
        "{title}"
    );
    let end = t.press(ENTER);
    let end = if end.contains("GAME OVER") {
        end
    } else {
        t.wait_for("GAME OVER")
    };
    assert!(end.contains("Score"), "{end}");
    t.send(b"q"); // leave the end screen
    assert_eq!(t.wait_exit(), 0);
    assert!(!dir.autosave().exists(), "gone once the ending was seen");
}
