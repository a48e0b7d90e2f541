//! The terminal's modes: entering the game's screen, leaving it whole in every
//! case (a normal exit, an error, a panic, a signal), and suspending on Ctrl-Z.

use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};

/// The terminal the game draws on.
pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Raw mode, the alternate screen and mouse capture; the terminal is left as it
/// was found if any step fails.
pub fn enter() -> io::Result<Term> {
    let result = (|| {
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
        Terminal::new(CrosstermBackend::new(io::stdout()))
    })();
    if result.is_err() {
        leave();
    }
    result
}

/// Put the terminal back as the shell expects it: end any half-drawn frame, mouse
/// capture off, the main screen back, the cursor shown, raw mode off. Every step is
/// tried whatever happened to the ones before (the terminal may be gone).
pub fn leave() {
    let mut out = io::stdout();
    let _ = execute!(out, EndSynchronizedUpdate);
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Restore the terminal before a panic's message is printed, so it is readable and
/// the shell works afterwards; the message also goes to the log (the terminal may be gone).
pub fn install_panic_hook(log: impl Fn(&str) + Send + Sync + 'static) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        log(&format!(
            "panic: {info}\n{}",
            std::backtrace::Backtrace::force_capture()
        ));
        previous(info);
    }));
}

/// Ctrl-Z: give the terminal back, stop until `fg`, then take it again and redraw
/// every cell (the shell wrote over the screen in between).
pub fn suspend(terminal: &mut Term) -> io::Result<()> {
    leave();
    // Stop as the default action of SIGTSTP would; this returns once continued.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    resume(terminal)
}

/// After a stop (ours or anyone's `kill -STOP`): raw mode and the game's screen again,
/// and a full redraw on the next frame.
pub fn resume(terminal: &mut Term) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    // Clear and forget what was drawn, so the next frame paints every cell. (Not
    // `Terminal::clear`: it asks the terminal where the cursor is, a round trip.)
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}
