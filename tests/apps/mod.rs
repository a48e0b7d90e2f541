//! The app driven in-process on ratatui's test backend, for the tests that need
//! no pty: its options, a key pressed, the screen drawn and read back by rows.

#![allow(dead_code)] // each test file uses its own part of the harness

use detente::game::Phase;
use detente::ui::{App, Options, Players, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// A game of `seed` at the normal level, in colour and Unicode.
pub fn options(seed: u64, players: Players) -> Options {
    Options::seeded(seed, players)
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| app.draw(f)).expect("draw");
    t
}

/// The drawn screen, one string per row.
pub fn rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let b = t.backend().buffer();
    (0..b.area.height)
        .map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect())
        .collect()
}

/// Play the side's last move (or its first, when the last is closed) month after
/// month, answering every card with its first choice, until `stop` says so.
pub fn hold_until(app: &mut App, stop: impl Fn(&App) -> bool) {
    for _ in 0..400 {
        draw(app, 80, 24); // keep the click areas and scroll limits as a real frame would
        if stop(app) {
            return;
        }
        match app.screen() {
            Screen::Playing { .. } => {
                press(app, KeyCode::Char('G')); // the last move
                press(app, KeyCode::Enter);
                if matches!(app.screen(), Screen::Playing { .. }) {
                    press(app, KeyCode::Char('g')); // not open: the first move
                    press(app, KeyCode::Enter);
                }
            }
            Screen::Card { .. } | Screen::Report(_) | Screen::Handover { .. } => {
                press(app, KeyCode::Enter);
            }
            _ => return,
        }
    }
}

/// Whether the card `id` is on the table.
pub fn card_up(app: &App, id: &str) -> bool {
    let g = app.game().expect("a game");
    matches!(app.screen(), Screen::Card { .. })
        && matches!(g.state().phase, Phase::Card(e) if g.scenario().event(e).id == id)
}
