//! The terminal UI: an Elm-like loop over the deterministic core.
//!
//! `app` holds the world, the screen that is up and its overlay; `update`
//! turns a message into effects, which `drive` carries out; `render` draws by
//! reading; `view/` holds one file per screen (its drawing and its keys); `keys`
//! is the one key table; `forecaster` runs the advisor off this thread; `words`
//! turns the core's records into sentences; `theme` holds every colour and glyph.
//! Only `term` and `input` know about a tty.

mod advice;
mod app;
mod apply;
pub mod effects;
mod flow;
mod forecaster;
mod friend;
mod hits;
mod input;
pub mod keys;
mod msg;
mod overlays;
mod play;
mod render;
pub mod room;
mod saving;
mod screen;
pub mod seats;
mod term;
#[cfg(debug_assertions)]
mod test_panic;
pub mod text;
pub mod theme;
mod view;
pub mod words;
mod world;

use std::io::{self, Write};
use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::game::Scenario;

pub use app::App;
pub use hits::Target;
pub use input::Input;
pub use msg::{Effect, Launch, Msg, Overlay, ReportKind};
pub use room::{RoomAsk, RoomNews, RoomsHere};
pub use saving::random_seed;
pub use screen::Screen;
pub use seats::Players;
pub use view::{MIN_HEIGHT, MIN_WIDTH};
pub use world::{Options, Session, World};

use term::Term;

/// Play in the terminal until the player quits, a signal says stop, or the terminal
/// goes away (stdin and stdout are terminals). Whatever happens, the game in progress
/// is saved and the terminal restored. Returns lines for stderr.
///
/// # Errors
///
/// The terminal cannot be set up, drawn on or read.
pub fn run(scenario: Scenario, options: Options, launch: Launch) -> io::Result<Vec<String>> {
    let log_files = crate::store::Files::at(launch.files.dir().map(Path::to_path_buf));
    term::install_panic_hook(move |m| log_files.log(m));
    let source = input::Source::new()?;
    let mut terminal = term::enter()?;
    let mut host = Tty { source };
    let mut app = App::launch(scenario, options, launch);
    let mut result = drive_tty(&mut terminal, &mut host, &mut app);
    if let Err(e) = &result {
        app.log(&format!("leaving on an error: {e}"));
        if terminal_gone(e) {
            // The terminal went away mid-frame: as clean an end as a hang-up.
            result = Ok(());
        }
    }
    app.shutdown();
    term::leave();
    host.source.done();
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

/// The loop on the local terminal. A debug build (what `cargo test` runs) may
/// wrap the terminal in [`test_panic::PanicOnKey`] for the test of the panic hook;
/// a release build has no such path.
fn drive_tty(terminal: &mut Term, host: &mut Tty, app: &mut App) -> io::Result<()> {
    #[cfg(debug_assertions)]
    if test_panic::asked() {
        return drive(terminal, &mut test_panic::PanicOnKey(host), app);
    }
    drive(terminal, host, app)
}

/// Where the loop's input comes from and what it does to the screen beside drawing:
/// the local terminal ([`Tty`]) today, a script in tests, a network connection later.
pub trait Host<B: Backend> {
    /// Block until something happens.
    ///
    /// # Errors
    ///
    /// The input cannot be read.
    fn next(&mut self) -> io::Result<Input>;
    /// Whether input is waiting to be read right now.
    ///
    /// # Errors
    ///
    /// The input cannot be polled.
    fn input_waiting(&mut self) -> io::Result<bool> {
        Ok(false)
    }
    /// A way for other threads to end the wait of [`Host::next`] with [`Input::Woken`].
    fn waker(&self) -> forecaster::Wake;
    /// Frame one draw (the terminal shows it whole, no flicker).
    ///
    /// # Errors
    ///
    /// The backend cannot be written to.
    fn begin_frame(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    /// End the frame begun by [`Host::begin_frame`].
    ///
    /// # Errors
    ///
    /// The backend cannot be written to.
    fn end_frame(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    /// Ctrl-Z: give the terminal back until `fg`, then take it again.
    ///
    /// # Errors
    ///
    /// The terminal cannot be given back.
    fn suspend(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    /// Continued after a stop: take the terminal again.
    ///
    /// # Errors
    ///
    /// The terminal cannot be taken up again.
    fn resume(&mut self, _: &mut Terminal<B>) -> io::Result<()> {
        Ok(())
    }
    /// Carry an ask to the server's room (a host without rooms drops it: the app
    /// asks only when its launch said rooms are here). The answer comes back as
    /// [`Input::Room`].
    fn room(&mut self, _: RoomAsk) {}
}

/// The local terminal: crossterm's events, the signal pipe, raw mode.
struct Tty {
    source: input::Source,
}

impl Host<CrosstermBackend<io::Stdout>> for Tty {
    fn next(&mut self) -> io::Result<Input> {
        self.source.next()
    }

    fn input_waiting(&mut self) -> io::Result<bool> {
        self.source.waiting()
    }

    fn waker(&self) -> forecaster::Wake {
        let w = self.source.waker();
        Box::new(move || w.wake())
    }

    fn begin_frame(&mut self, t: &mut Term) -> io::Result<()> {
        queue!(t.backend_mut(), BeginSynchronizedUpdate)
    }

    fn end_frame(&mut self, t: &mut Term) -> io::Result<()> {
        queue!(t.backend_mut(), EndSynchronizedUpdate)?;
        Write::flush(t.backend_mut())
    }

    fn suspend(&mut self, t: &mut Term) -> io::Result<()> {
        term::suspend(t)
    }

    fn resume(&mut self, t: &mut Term) -> io::Result<()> {
        term::resume(t)
    }
}

/// Draw, then block until the next event: no polling, no CPU while waiting. Any
/// backend, any source of events; the advisor works on its own thread meanwhile.
///
/// # Errors
///
/// The backend cannot be drawn on, or the host's input fails.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    host: &mut impl Host<B>,
    app: &mut App,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let advisor = forecaster::Forecaster::start(host.waker())?;
    let mut todo = app.update(Msg::Redraw);
    // The screen on show, and whether keys typed before it appeared are still coming in.
    let (mut shown, mut typed_before) = (None, false);
    loop {
        // Files are written after the frame is drawn: a slow disk never delays a key.
        let (saves, outward): (Vec<_>, Vec<_>) = std::mem::take(&mut todo)
            .into_iter()
            .partition(Effect::is_the_apps);
        let mut quit = false;
        for e in outward {
            match e {
                Effect::Forecast(r) => advisor.request(*r),
                Effect::CancelForecast => advisor.cancel(),
                Effect::Suspend => host.suspend(terminal)?,
                Effect::Room(ask) => host.room(ask),
                Effect::Quit => quit = true,
                // Partitioned out above.
                _ => {}
            }
        }
        if quit {
            // Leaving never waits on the advisor: dropping it cancels its work.
            app.perform(saves);
            return Ok(());
        }
        frame(terminal, host, app)?;
        let face = app.face();
        if shown != Some(face) {
            shown = Some(face);
            // Input already waiting when a new screen appears was typed for the one
            // before (Enter Enter on a report must not play a move nobody saw).
            typed_before = host.input_waiting()?;
        }
        if !saves.is_empty() {
            // Keys typed while this is written were typed with the screen in view.
            let more = app.perform(saves);
            if !more.is_empty() {
                // What the files said asks for more (drawn at the top of the loop).
                todo = more;
                continue;
            }
            // A save that failed, or what was read, shows at once.
            frame(terminal, host, app)?;
        }
        match host.next()? {
            Input::Event(e) => {
                let stale = typed_before;
                // The burst typed before ends when nothing more is waiting.
                typed_before = typed_before && host.input_waiting()?;
                if stale && app.commits(&e) {
                    app.log("a key typed before its screen was shown: dropped");
                    continue;
                }
                if let Some(msg) = app.input(&e) {
                    todo = app.update(msg);
                }
            }
            Input::Room(news) => todo = app.update(Msg::Room(news)),
            Input::Woken => {
                while let Some(a) = advisor.try_recv() {
                    todo.extend(app.update(Msg::Forecast(Box::new(a))));
                }
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
            Input::Suspend => host.suspend(terminal)?,
            // A hang-up also sends SIGCONT; if the terminal is gone, the next wait says so.
            Input::Resumed => {
                if let Err(e) = host.resume(terminal) {
                    app.log(&format!("cannot take the terminal back: {e}"));
                }
            }
            // The next frame is drawn at the new size.
            Input::Resized => {}
        }
    }
}

/// Draw one frame, framed by the host (a synchronised update on a terminal).
fn frame<B: Backend>(
    terminal: &mut Terminal<B>,
    host: &mut impl Host<B>,
    app: &mut App,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    host.begin_frame(terminal)?;
    terminal.draw(|frame| app.draw(frame)).map_err(io_error)?;
    host.end_frame(terminal)
}

/// A backend's error as an I/O error, kept whole when it is one (so a terminal
/// that went away is still recognised by its OS error).
fn io_error<E: std::error::Error + Send + Sync + 'static>(e: E) -> io::Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    match boxed.downcast::<io::Error>() {
        Ok(io) => *io,
        Err(other) => io::Error::other(other),
    }
}

/// A key press, as the tests and the key table see it.
#[must_use]
pub fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new_with_kind(
        code,
        modifiers,
        KeyEventKind::Press,
    ))
}
