//! The terminal UI: an Elm-like loop over the deterministic core.
//!
//! `app` holds the screen and the UI's own cursors; `keys` is the one key
//! table; `screens` says what each screen does with a message; `view` draws;
//! `words` turns the core's records into sentences; `theme` holds every
//! colour and glyph.

mod advice;
mod app;
pub mod effects;
mod input;
pub mod keys;
mod mode;
mod play;
mod screens;
mod term;
pub mod text;
pub mod theme;
mod view;
pub mod words;

use std::io::{self, Write};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::game::{Difficulty, Scenario};

pub use app::{App, Launch, Mode, Msg, Overlay, ReportKind};
pub use view::{MIN_HEIGHT, MIN_WIDTH, Target};

use input::Input;
use term::Term;

/// How the player started the game.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    pub seed_given: bool,
    pub difficulty: Difficulty,
    pub ascii: bool,
    pub no_color: bool,
}

/// Play in the terminal until the player quits, a signal says stop, or the terminal
/// goes away (stdin and stdout are terminals). Whatever happens, the game in progress
/// is saved and the terminal restored. Returns lines for stderr.
pub fn run(scenario: Scenario, options: Options, launch: Launch) -> io::Result<Vec<String>> {
    term::install_panic_hook();
    let mut source = input::Source::new()?;
    let mut terminal = term::enter()?;
    let mut app = App::launch(scenario, options, launch);
    let result = main_loop(&mut terminal, &mut source, &mut app);
    app.shutdown();
    term::leave();
    source.done();
    result.map(|()| app.take_messages())
}

/// Set to make the first key press panic: the end-to-end test of the panic hook.
const PANIC_ENV: &str = "DETENTE_TEST_PANIC";

/// Draw, then block until the next event: no polling, no CPU while waiting.
fn main_loop(terminal: &mut Term, source: &mut input::Source, app: &mut App) -> io::Result<()> {
    let test_panic = std::env::var_os(PANIC_ENV).is_some_and(|v| !v.is_empty());
    loop {
        draw(terminal, app)?;
        match source.next()? {
            Input::Event(e) => {
                if test_panic && matches!(e, Event::Key(_)) {
                    panic!("{PANIC_ENV} is set: a panic on the first key, as asked");
                }
                app.handle(e);
            }
            // Saved on the way out, by `run`.
            Input::Stop(sig) => {
                app.log(&format!("signal {sig}: saving and leaving"));
                return Ok(());
            }
            Input::Closed => {
                app.log("the terminal closed: saving and leaving");
                return Ok(());
            }
            Input::Suspend => term::suspend(terminal)?,
            Input::Resumed => term::resume(terminal)?,
            // The next frame is drawn at the new size.
            Input::Resized => {}
        }
        if app.take_suspend() {
            term::suspend(terminal)?;
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// One frame inside a synchronised update, so the terminal shows it whole (no flicker).
fn draw(terminal: &mut Term, app: &mut App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| app.draw(frame))?;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()
}

/// A key press, as the tests and the key table see it.
pub fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new_with_kind(
        code,
        modifiers,
        KeyEventKind::Press,
    ))
}
