//! What the game waits for: a key or mouse event, a signal, or the end of its
//! input. One blocking `poll` on the terminal and a signal pipe: no CPU while
//! waiting, and a terminal that goes away ends the wait instead of spinning.

use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU8, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::{Handle, Signals};

/// How long a signal to stop may wait for the game to save and leave on its own
/// before the watchdog restores the terminal and exits for it. Saving and leaving
/// take milliseconds; this leaves a stuck game well inside the 5 s a signal to stop
/// is given (a service manager's patience, and the tests').
const WATCHDOG: Duration = Duration::from_secs(3);

/// The terminal's file descriptor (the game requires stdin to be the terminal).
const TTY: i32 = 0;

/// What woke the game.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: save and leave.
    Stop(i32),
    /// SIGTSTP from outside (Ctrl-Z itself arrives as a key in raw mode).
    Suspend,
    /// SIGCONT: the game was stopped and goes on; redraw everything.
    Resumed,
    /// SIGWINCH: the terminal changed size.
    Resized,
    /// The terminal is gone (hang-up) or its input ended.
    Closed,
    /// A [`Waker`] was woken: work done off the UI thread (a forecast) has news.
    Woken,
    /// The server's room has news for this player (never from a local terminal).
    Room(super::room::RoomNews),
}

/// Bits of the pending-signal set.
const SUSPEND: u8 = 1;
const RESUMED: u8 = 2;
const RESIZED: u8 = 4;

/// Signals noted by the signal thread, for the main loop to take.
#[derive(Debug, Default)]
struct Pending {
    /// The first signal to stop, or 0.
    stop: AtomicI32,
    flags: AtomicU8,
    /// Set once the game has left the terminal, so the watchdog has nothing to do.
    done: AtomicBool,
}

/// The source of input: the terminal and the signals.
pub struct Source {
    pending: Arc<Pending>,
    wake: UnixStream,
    handle: Handle,
    /// The read end of the wakers' pipe.
    woken: UnixStream,
    waker: Waker,
}

/// Wakes the game's wait from another thread (the forecast worker): a byte down a pipe.
#[derive(Clone, Debug)]
pub struct Waker(Arc<UnixStream>);

impl Waker {
    /// Make [`Source::next`] return [`Input::Woken`] soon (several wakes may come as one).
    pub fn wake(&self) {
        // A full pipe already holds a wake: nothing is lost by dropping this one.
        let _ = (&*self.0).write(&[1]);
    }
}

impl Source {
    /// Start listening for signals (a thread blocked on them; it costs nothing while idle).
    pub fn new() -> io::Result<Source> {
        let mut wanted = vec![SIGTERM, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH];
        // A game started under `nohup` keeps ignoring hang-ups; its input ending still stops it.
        if !ignored(SIGHUP) {
            wanted.push(SIGHUP);
        }
        let mut signals = Signals::new(&wanted)?;
        let handle = signals.handle();
        let (wake, mut waker) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        waker.set_nonblocking(true)?;
        let pending = Arc::new(Pending::default());
        let p = pending.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    match sig {
                        SIGTSTP => p.flags.fetch_or(SUSPEND, Ordering::SeqCst),
                        SIGCONT => p.flags.fetch_or(RESUMED, Ordering::SeqCst),
                        SIGWINCH => p.flags.fetch_or(RESIZED, Ordering::SeqCst),
                        _ => {
                            if p.stop.swap(sig, Ordering::SeqCst) == 0 {
                                watchdog(p.clone(), sig);
                            }
                            0
                        }
                    };
                    let _ = waker.write(&[1]);
                }
            })?;
        let (woken, wake_end) = UnixStream::pair()?;
        woken.set_nonblocking(true)?;
        wake_end.set_nonblocking(true)?;
        Ok(Source {
            pending,
            wake,
            handle,
            woken,
            waker: Waker(Arc::new(wake_end)),
        })
    }

    /// A waker for this source, for threads that have news for the game.
    pub fn waker(&self) -> Waker {
        self.waker.clone()
    }

    /// Whether input is waiting to be read now (typed before the caller looked).
    pub fn waiting(&mut self) -> io::Result<bool> {
        event::poll(Duration::ZERO)
    }

    /// Whether a waker woke us; empties the pipe.
    fn take_woken(&self) -> bool {
        let mut sink = [0u8; 64];
        let mut any = false;
        while matches!((&self.woken).read(&mut sink), Ok(n) if n > 0) {
            any = true;
        }
        any
    }

    /// Block until something happens.
    pub fn next(&mut self) -> io::Result<Input> {
        loop {
            if let Some(i) = self.take_pending() {
                return Ok(i);
            }
            if self.take_woken() {
                return Ok(Input::Woken);
            }
            // Never let crossterm read a terminal that is gone: it would spin on it.
            if self.wait(0)? {
                return Ok(Input::Closed);
            }
            // Events crossterm has already read, or input there now.
            if event::poll(Duration::ZERO)? {
                return Ok(Input::Event(event::read()?));
            }
            if self.wait(-1)? {
                return Ok(Input::Closed);
            }
        }
    }

    /// Say the game has left the terminal, so the watchdog stays quiet.
    pub fn done(&self) {
        self.pending.done.store(true, Ordering::SeqCst);
    }

    fn take_pending(&self) -> Option<Input> {
        let stop = self.pending.stop.load(Ordering::SeqCst);
        if stop != 0 {
            return Some(Input::Stop(stop));
        }
        let flags = self.pending.flags.swap(0, Ordering::SeqCst);
        // Several at once: a stop first, then a resume (which redraws anyway).
        if flags & SUSPEND != 0 {
            self.pending
                .flags
                .fetch_or(flags & !SUSPEND, Ordering::SeqCst);
            Some(Input::Suspend)
        } else if flags & RESUMED != 0 {
            Some(Input::Resumed)
        } else if flags & RESIZED != 0 {
            Some(Input::Resized)
        } else {
            None
        }
    }

    /// Wait up to `timeout_ms` (-1: for ever) for the terminal or a signal; true if the
    /// terminal has hung up.
    fn wait(&mut self, timeout_ms: i32) -> io::Result<bool> {
        let mut fds = [
            libc::pollfd {
                fd: TTY,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.woken.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: `fds` is a valid array of pollfd structs for the length given.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(e)
            };
        }
        if fds[1].revents != 0 {
            let mut sink = [0u8; 64];
            while matches!(self.wake.read(&mut sink), Ok(n) if n > 0) {}
        }
        Ok(fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0)
    }
}

/// Whether the terminal has hung up (an error then is the terminal going away, not a fault).
pub fn hung_up() -> bool {
    let mut fd = libc::pollfd {
        fd: TTY,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no waiting.
    let n = unsafe { libc::poll(&raw mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

impl Drop for Source {
    fn drop(&mut self) {
        self.handle.close();
    }
}

/// Whether a signal was ignored when the program started (e.g. SIGHUP under `nohup`).
fn ignored(sig: i32) -> bool {
    // SAFETY: a null new action only reads the current one into `old`.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(sig, std::ptr::null(), &raw mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

/// If the game has not left within [`WATCHDOG`] of a signal to stop (stuck writing to a
/// terminal nobody reads, say), restore the terminal and exit for it. The autosave
/// written after the last choice is on disk already. The stuck thread may hold
/// stdout's lock, so this takes no lock: an atomic load, then only raw system calls.
fn watchdog(p: Arc<Pending>, sig: i32) {
    let _ = std::thread::Builder::new()
        .name("watchdog".into())
        .spawn(move || {
            std::thread::sleep(WATCHDOG);
            if !p.done.load(Ordering::SeqCst) {
                super::term::emergency_exit(128 + sig);
            }
        });
}
