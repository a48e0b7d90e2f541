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
pub mod seats;
mod term;
pub mod text;
pub mod theme;
mod view;
pub mod words;

use std::io::{self, Write};
use std::path::Path;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::game::{Difficulty, Scenario};

pub use app::{App, Launch, Mode, Msg, Overlay, ReportKind};
pub use seats::{Players, result_for};
pub use view::{MIN_HEIGHT, MIN_WIDTH, Target};

use input::Input;
use term::Term;

/// How the player started the game.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    pub seed_given: bool,
    pub difficulty: Difficulty,
    /// Who plays: one side against the model, or two players.
    pub players: Players,
    pub ascii: bool,
    pub no_color: bool,
}

/// Play in the terminal until the player quits, a signal says stop, or the terminal
/// goes away (stdin and stdout are terminals). Whatever happens, the game in progress
/// is saved and the terminal restored. Returns lines for stderr.
pub fn run(scenario: Scenario, options: Options, launch: Launch) -> io::Result<Vec<String>> {
    let log_files = crate::store::Files::at(launch.files.dir().map(Path::to_path_buf));
    term::install_panic_hook(move |m| log_files.log(m));
    let mut source = input::Source::new()?;
    let mut terminal = term::enter()?;
    let mut app = App::launch(scenario, options, launch);
    let mut result = main_loop(&mut terminal, &mut source, &mut app);
    if let Err(e) = &result {
        app.log(&format!("leaving on an error: {e}"));
        if terminal_gone(e) {
            // The terminal went away mid-frame: as clean an end as a hang-up.
            result = Ok(());
        }
    }
    app.shutdown();
    term::leave();
    source.done();
    // `leave` did what the terminal's own drop would, which would also print to a
    // stderr that may be gone (and panic doing so).
    std::mem::forget(terminal);
    result.map(|()| app.take_messages())
}

/// Whether an error means the terminal is gone (closed window, hang-up), not a fault.
fn terminal_gone(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EIO | libc::ENXIO | libc::EBADF | libc::ENOTTY)
    ) || input::hung_up()
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
            // A hang-up also sends SIGCONT; if the terminal is gone, the next wait says so.
            Input::Resumed => {
                if let Err(e) = term::resume(terminal) {
                    app.log(&format!("cannot take the terminal back: {e}"));
                }
            }
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
