//! The terminal UI: an Elm-like loop over the deterministic core.
//!
//! `app` holds the screen and the UI's own cursors; `keys` is the one key
//! table; `screens` says what each screen does with a message; `view` draws;
//! `words` turns the core's records into sentences; `theme` holds every
//! colour and glyph.

mod advice;
mod app;
pub mod effects;
pub mod keys;
mod mode;
mod screens;
pub mod text;
pub mod theme;
mod view;
pub mod words;

use std::io::{self, Write};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{execute, queue};

use crate::game::{Difficulty, Scenario};

pub use app::{App, Mode, Msg, Overlay, ReportKind};
pub use view::{MIN_HEIGHT, MIN_WIDTH, Target};

/// How the player started the game.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    pub seed_given: bool,
    pub difficulty: Difficulty,
    pub ascii: bool,
    pub no_color: bool,
}

/// Play in the terminal until the player quits (stdin and stdout are terminals).
pub fn run(scenario: Scenario, options: Options) -> io::Result<()> {
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    // ratatui's hook restores the terminal on a panic; mouse capture must go too, first.
    let restore_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        restore_hook(info);
    }));
    let result = execute!(io::stdout(), EnableMouseCapture)
        .and_then(|()| main_loop(&mut terminal, App::new(scenario, options)));
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// Draw, then block until the next event: no polling, no CPU while waiting.
fn main_loop(terminal: &mut DefaultTerminal, mut app: App) -> io::Result<()> {
    loop {
        draw(terminal, &mut app)?;
        let event = match event::read() {
            Ok(e) => e,
            // The input is gone (terminal closed): nothing more will come, so stop cleanly.
            Err(_) => return Ok(()),
        };
        app.handle(event);
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// One frame inside a synchronised update, so the terminal shows it whole (no flicker).
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| app.draw(frame))?;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()
}
