//! The terminal's modes: entering the game's screen, leaving it whole in every
//! case (a normal exit, an error, a panic, a signal), and suspending on Ctrl-Z.

use std::io::{self, Write};
use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};

/// The terminal the game draws on.
pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// The terminal's input side, whose modes raw mode changes (crossterm's too: stdin,
/// which the game requires to be the terminal).
const TTY_IN: libc::c_int = libc::STDIN_FILENO;
/// The terminal's output side, where frames and the reset sequence go.
const TTY_OUT: libc::c_int = libc::STDOUT_FILENO;

/// The terminal's modes as the game found them, for [`emergency_exit`]. Set once, before
/// raw mode; reading it is one atomic load (`OnceLock::get` never waits), so the restore
/// path takes no lock.
static FOUND: OnceLock<libc::termios> = OnceLock::new();

/// What [`leave`] writes, as one constant for [`emergency_exit`], which cannot format:
/// end a half-drawn frame, mouse capture off (crossterm's five modes, in its order),
/// bracketed paste off, the main screen back, the cursor shown. A test checks it
/// against crossterm's own commands.
const RESET: &[u8] = b"\x1b[?2026l\
\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\
\x1b[?2004l\
\x1b[?1049l\
\x1b[?25h";

/// Raw mode, the alternate screen, mouse capture and bracketed paste (so a paste arrives
/// as one event the game ignores, not as keys that play); the terminal is left as it
/// was found if any step fails.
pub fn enter() -> io::Result<Term> {
    save_modes();
    let result = take_screen().and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
    if result.is_err() {
        leave();
    }
    result
}

/// The game's modes, on entering and on taking the terminal back after a stop: one
/// list, the inverse of what [`leave`] (and [`RESET`]) undo.
fn take_screen() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Put the terminal back as the shell expects it: end any half-drawn frame, mouse
/// capture off, the main screen back, the cursor shown, raw mode off. Every step is
/// tried whatever happened to the ones before (the terminal may be gone).
pub fn leave() {
    let mut out = io::stdout();
    let _ = execute!(out, EndSynchronizedUpdate);
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, DisableBracketedPaste);
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
    take_screen()?;
    // Clear and forget what was drawn, so the next frame paints every cell. (Not
    // `Terminal::clear`: it asks the terminal where the cursor is, a round trip.)
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Keep the terminal's modes as found, the first time the game takes the terminal.
fn save_modes() {
    // SAFETY: tcgetattr fills the zeroed struct for a descriptor; on failure (not a
    // terminal) nothing is kept and `emergency_exit` skips the restore.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(TTY_IN, &raw mut t) == 0 {
            let _ = FOUND.set(t);
        }
    }
}

/// The last resort of a thread that must end the game while the main thread may be stuck
/// (blocked writing to a terminal nobody reads, holding stdout's lock): only
/// async-signal-safe calls, no lock, nothing that can block. The modes found at the
/// start are put back (`tcsetattr` now, not waiting for output), the reset sequence
/// written if the terminal takes it now (a non-blocking write: lost rather than waited
/// for, when the terminal's buffer is full), and the process ends without running
/// anything else.
pub fn emergency_exit(code: i32) -> ! {
    // SAFETY: plain system calls on descriptors the process owns; `FOUND` is either
    // unset or a complete termios (OnceLock publishes it whole).
    unsafe {
        // Modes first: setting them wakes a thread stuck writing, which must find its
        // write still blocking (and sleep again), not the non-blocking flag set below.
        if let Some(t) = FOUND.get() {
            libc::tcsetattr(TTY_IN, libc::TCSANOW, t);
        }
        // A descriptor of our own, non-blocking for the one write. O_NONBLOCK is a flag
        // of the open file, which the stuck thread and the shell share: the flags are put
        // back after (fcntl wakes no one). No `tcflush` to make room: it would wake the
        // stuck thread to race us.
        let fd = libc::dup(TTY_OUT);
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if fd >= 0 && flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) == 0 {
            libc::write(fd, RESET.as_ptr().cast(), RESET.len());
            libc::fcntl(fd, libc::F_SETFL, flags);
        }
        libc::_exit(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::Command;

    /// In a child process on a pseudo-terminal in raw mode: `emergency_exit` puts the
    /// modes back, writes the reset, leaves the terminal blocking (the shell shares it)
    /// and exits with the code given.
    #[test]
    fn emergency_exit_restores_the_terminal_and_exits() {
        // SAFETY: a fresh pty pair; after `fork` the child makes only async-signal-safe
        // calls (what `emergency_exit` is for) and never returns.
        unsafe {
            let (mut master, mut slave) = (-1, -1);
            let (name, modes, size) = (std::ptr::null_mut(), std::ptr::null(), std::ptr::null());
            assert_eq!(
                libc::openpty(&raw mut master, &raw mut slave, name, modes, size),
                0
            );
            let mut found: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(slave, &raw mut found), 0);
            let pid = libc::fork();
            assert!(pid >= 0, "fork");
            if pid == 0 {
                libc::dup2(slave, TTY_IN);
                libc::dup2(slave, TTY_OUT);
                save_modes();
                let mut raw = found;
                libc::cfmakeraw(&raw mut raw);
                libc::tcsetattr(TTY_IN, libc::TCSANOW, &raw const raw);
                emergency_exit(7);
            }
            let mut status = 0;
            assert_eq!(libc::waitpid(pid, &raw mut status, 0), pid);
            assert_eq!(libc::WEXITSTATUS(status), 7);
            let mut now: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(slave, &raw mut now), 0);
            assert_eq!((now.c_lflag, now.c_iflag), (found.c_lflag, found.c_iflag));
            let flags = libc::fcntl(slave, libc::F_GETFL);
            assert_eq!(flags & libc::O_NONBLOCK, 0, "left blocking");
            assert_eq!(read_within(master, RESET.len()), RESET);
            libc::close(master);
            libc::close(slave);
        }
    }

    /// Up to `len` bytes from `fd`, as many as come within 2 s.
    fn read_within(fd: i32, len: usize) -> Vec<u8> {
        let mut got = Vec::new();
        let mut buf = [0u8; 256];
        while got.len() < len {
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, then a read into a buffer of the length given.
            let n = unsafe {
                if libc::poll(&raw mut pfd, 1, 2000) <= 0 {
                    break;
                }
                libc::read(fd, buf.as_mut_ptr().cast(), buf.len())
            };
            match usize::try_from(n) {
                Ok(n) if n > 0 => got.extend_from_slice(&buf[..n]),
                _ => break,
            }
        }
        got
    }

    /// The emergency reset says what `leave` says, by crossterm's own words.
    #[test]
    fn reset_is_what_leave_writes() {
        let mut expected = String::new();
        EndSynchronizedUpdate.write_ansi(&mut expected).unwrap();
        DisableMouseCapture.write_ansi(&mut expected).unwrap();
        DisableBracketedPaste.write_ansi(&mut expected).unwrap();
        LeaveAlternateScreen.write_ansi(&mut expected).unwrap();
        Show.write_ansi(&mut expected).unwrap();
        assert_eq!(String::from_utf8_lossy(RESET), expected);
    }
}
