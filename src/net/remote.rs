//! One player's game on its own thread: the real UI loop (`ui::drive`) drawing into
//! the SSH channel ([`SshBackend`]) and fed by the channel's bytes ([`Remote`]). The
//! thread blocks on one channel receive: an idle player costs no CPU.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::Event;
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::layout::{Position, Size};
use tokio::sync::mpsc as tmpsc;

use super::input::Decoder;
use super::rooms::{RoomTable, Who};
use crate::game::Scenario;
use crate::store::{Files, Found};
use crate::ui::{self, App, Host, Input, Launch, Options, Players, RoomAsk, RoomNews, RoomsHere};

/// What the connection hands the game's thread.
#[derive(Debug)]
pub enum FromClient {
    /// Bytes typed (counted in [`InputBudget`] until taken).
    Bytes(Vec<u8>),
    /// The client's window changed (already clamped).
    Resize(u16, u16),
    /// The channel or the connection closed.
    Closed,
    /// The server is stopping: save and say goodbye.
    Stop,
    /// The advisor has a result.
    Woken,
    /// The room this player is in (or asked for) has news.
    Room(RoomNews),
}

/// What the game's thread hands the connection.
#[derive(Debug)]
pub enum ToClient {
    Data(Vec<u8>),
    /// The game is over for this connection: send this exit status and close.
    End(u32),
}

/// Bytes a client may have sent that the game has not yet read: beyond this, more
/// typing is dropped (nobody types 256 KiB ahead of the screen).
pub const MAX_QUEUED_INPUT: usize = 256 * 1024;

/// The bytes in flight from a connection to its game.
pub type InputBudget = Arc<AtomicUsize>;

/// The client's window, packed (columns << 16 | rows), shared with the connection.
pub type WindowCell = Arc<AtomicU32>;

#[must_use]
pub fn pack(cols: u16, rows: u16) -> u32 {
    (u32::from(cols) << 16) | u32::from(rows)
}

fn unpack(v: u32) -> Size {
    Size::new((v >> 16) as u16, (v & 0xffff) as u16)
}

/// Bytes for the channel, held until the frame is whole, then sent in one message.
pub struct ChannelWriter {
    buf: Vec<u8>,
    tx: tmpsc::Sender<ToClient>,
}

impl ChannelWriter {
    #[must_use]
    pub fn new(tx: tmpsc::Sender<ToClient>) -> ChannelWriter {
        ChannelWriter {
            buf: Vec::new(),
            tx,
        }
    }

    /// Send what is held; waits while the client is slow to read (backpressure), and
    /// fails once the connection is gone.
    pub fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.buf);
        self.tx
            .blocking_send(ToClient::Data(data))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

/// crossterm's escape sequences, written to the channel; the size is the client's,
/// never the server's own terminal.
pub struct SshBackend {
    inner: CrosstermBackend<ChannelWriter>,
    window: WindowCell,
    cursor: Position,
}

impl SshBackend {
    fn begin_frame(&mut self) -> io::Result<()> {
        queue!(self.inner, BeginSynchronizedUpdate)
    }

    /// End the frame and send it whole: one message a frame.
    fn end_frame(&mut self) -> io::Result<()> {
        queue!(self.inner, EndSynchronizedUpdate)?;
        Write::flush(&mut self.inner)
    }
}

impl Backend for SshBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }
    /// Never asked of the client (that would wait on its reply): where it was put.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }
    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> io::Result<Size> {
        Ok(unpack(self.window.load(Ordering::Relaxed)))
    }
    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::new(0, 0),
        })
    }
    /// Held until the host ends the frame (see [`SshBackend::end_frame`]).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Why a game's thread ended, for its last words to the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The player quit, or the connection went away.
    Left,
    /// No key for the idle timeout.
    Idle,
    /// The server is stopping.
    Stopping,
}

/// The UI's source of input: the connection's messages, decoded.
pub struct Remote {
    rx: Receiver<FromClient>,
    /// For the advisor's waker.
    tx: Sender<FromClient>,
    budget: InputBudget,
    window: WindowCell,
    decoder: Decoder,
    events: VecDeque<Event>,
    peeked: Option<FromClient>,
    idle: Duration,
    pub ending: Ending,
    /// The server's rooms, and this connection as they know it.
    rooms: Arc<RoomTable>,
    who: Who,
}

impl Remote {
    /// Take the next message: one already looked at, else wait (up to the idle timeout).
    fn receive(&mut self) -> Result<FromClient, Ending> {
        if let Some(m) = self.peeked.take() {
            return Ok(m);
        }
        match self.rx.recv_timeout(self.idle) {
            Ok(m) => Ok(m),
            Err(RecvTimeoutError::Timeout) => Err(Ending::Idle),
            Err(RecvTimeoutError::Disconnected) => Err(Ending::Left),
        }
    }

    fn take_bytes(&mut self, bytes: &[u8]) {
        self.budget.fetch_sub(bytes.len(), Ordering::Relaxed);
        let mut out = Vec::new();
        self.decoder.feed(bytes, &mut out);
        self.events.extend(out);
    }
}

impl Host<SshBackend> for Remote {
    fn next(&mut self) -> io::Result<Input> {
        loop {
            if let Some(e) = self.events.pop_front() {
                return Ok(Input::Event(e));
            }
            match self.receive() {
                Ok(FromClient::Bytes(b)) => self.take_bytes(&b),
                Ok(FromClient::Resize(c, r)) => {
                    self.window.store(pack(c, r), Ordering::Relaxed);
                    return Ok(Input::Resized);
                }
                Ok(FromClient::Woken) => return Ok(Input::Woken),
                Ok(FromClient::Room(news)) => return Ok(Input::Room(news)),
                Ok(FromClient::Stop) => {
                    self.ending = Ending::Stopping;
                    return Ok(Input::Stop(libc::SIGTERM));
                }
                Ok(FromClient::Closed) | Err(Ending::Left) => {
                    self.ending = Ending::Left;
                    return Ok(Input::Closed);
                }
                Err(e) => {
                    self.ending = e;
                    return Ok(Input::Closed);
                }
            }
        }
    }

    fn input_waiting(&mut self) -> io::Result<bool> {
        if !self.events.is_empty() {
            return Ok(true);
        }
        if self.peeked.is_none() {
            match self.rx.try_recv() {
                Ok(FromClient::Bytes(b)) => {
                    self.take_bytes(&b);
                    return Ok(!self.events.is_empty());
                }
                Ok(m) => self.peeked = Some(m),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => {}
            }
        }
        Ok(matches!(self.peeked, Some(FromClient::Bytes(_))))
    }

    fn waker(&self) -> Box<dyn Fn() + Send> {
        let tx = self.tx.clone();
        Box::new(move || {
            let _ = tx.send(FromClient::Woken);
        })
    }

    fn begin_frame(&mut self, t: &mut Terminal<SshBackend>) -> io::Result<()> {
        t.backend_mut().begin_frame()
    }

    fn end_frame(&mut self, t: &mut Terminal<SshBackend>) -> io::Result<()> {
        t.backend_mut().end_frame()
    }

    fn room(&mut self, ask: RoomAsk) {
        self.rooms.ask(&self.who, ask);
    }
}

/// The client's terminal as the game wants it: the alternate screen, mouse
/// reports and bracketed paste on; [`LEAVE`] undoes them.
const ENTER: &[u8] =
    b"\x1b[?1049h\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h\x1b[?2004h\x1b[?25l";
const LEAVE: &[u8] = b"\x1b[?2026l\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// What a game's thread is given.
pub struct Seat {
    pub scenario: Arc<Scenario>,
    /// The player's data directory (`DATA/players/<fingerprint>`).
    pub dir: PathBuf,
    pub no_color: bool,
    pub idle: Duration,
    pub rx: Receiver<FromClient>,
    pub tx: Sender<FromClient>,
    pub budget: InputBudget,
    pub window: WindowCell,
    pub out: tmpsc::Sender<ToClient>,
    pub rooms: Arc<RoomTable>,
    /// This game's number, the player's key, the command that reached the server.
    pub who: Who,
    /// `join CODE`: the room to join at once.
    pub join: Option<String>,
}

/// Play one connection's game to its end, then leave the client's terminal as it
/// was, say why the game ended, and close. A panic in the game ends this game only.
pub fn play(seat: Seat) -> Ending {
    let out = seat.out.clone();
    let idle = spoken(seat.idle);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(seat)));
    let mut w = ChannelWriter::new(out.clone());
    let _ = w.write_all(LEAVE);
    let (ending, lines) = match result {
        Ok(r) => r,
        Err(_) => (
            Ending::Left,
            vec!["The game met an error and stopped; your last month is saved.".into()],
        ),
    };
    let mut farewell = lines;
    match ending {
        Ending::Left => {}
        Ending::Idle => farewell.push(format!(
            "No key for {idle}: your game is saved. Connect again to continue it."
        )),
        Ending::Stopping => farewell.push(
            "The server is stopping. Your game is saved: connect again later to continue it."
                .into(),
        ),
    }
    for line in farewell {
        let _ = write!(w, "{}\r\n", crate::text::printable(&line));
    }
    let _ = w.send();
    let _ = out.blocking_send(ToClient::End(0));
    ending
}

/// A timeout as a player reads it: "30 minutes", "90 seconds".
fn spoken(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        1 => "1 second".into(),
        60 => "1 minute".into(),
        _ if s.is_multiple_of(60) => format!("{} minutes", s / 60),
        _ => format!("{s} seconds"),
    }
}

fn run(seat: Seat) -> (Ending, Vec<String>) {
    // One compiled scenario for every game of the server.
    let scenario = seat.scenario.clone();
    let mut launch = launch(seat.dir, &seat.scenario);
    launch.rooms = Some(RoomsHere {
        rejoin: seat.rooms.lock().held_for(&seat.who.key),
        join: seat.join,
    });
    let seed = ui::random_seed().unwrap_or(1);
    let options = Options {
        seed,
        seed_given: false,
        difficulty: crate::game::Difficulty::Normal,
        players: Players::usual(&scenario),
        ascii: false,
        no_color: seat.no_color,
    };
    let mut writer = ChannelWriter::new(seat.out);
    let _ = writer.write_all(ENTER);
    let backend = SshBackend {
        inner: CrosstermBackend::new(writer),
        window: seat.window.clone(),
        cursor: Position::ORIGIN,
    };
    let Ok(mut terminal) = Terminal::new(backend) else {
        return (Ending::Left, Vec::new());
    };
    let mut host = Remote {
        rx: seat.rx,
        tx: seat.tx,
        budget: seat.budget,
        window: seat.window,
        decoder: Decoder::default(),
        events: VecDeque::new(),
        peeked: None,
        idle: seat.idle,
        ending: Ending::Left,
        rooms: seat.rooms,
        who: seat.who,
    };
    let mut app = App::launch_shared(scenario, options, launch);
    if let Err(e) = ui::drive(&mut terminal, &mut host, &mut app) {
        app.log(&format!("connection ended: {e}"));
    }
    app.shutdown();
    // Paths on the server mean nothing to the player; what they need is said above.
    let lines = app
        .take_messages()
        .into_iter()
        .filter(|m| !m.contains('/'))
        .collect();
    (host.ending, lines)
}

/// The player's files: their lock, their autosave (offered as Continue).
fn launch(dir: PathBuf, scenario: &Arc<Scenario>) -> Launch {
    let mut files = Files::at(Some(dir));
    let mut launch = Launch::default();
    if files.lock().is_err() {
        launch.notice = Some(
            "You are playing with this key on another connection: this one will not save.".into(),
        );
    }
    match files.find_autosave_on(scenario) {
        Found::Resume(r) => launch.resumable = Some(r),
        Found::Recovered(r, _) => {
            launch.resumable = Some(r);
            launch.notice =
                Some("Your last save was damaged: the one before it is offered.".into());
        }
        Found::Bad(_) => {
            launch.notice = Some("Your saved game could not be read. Start a new game.".into());
        }
        Found::Nothing => {}
    }
    launch.files = files;
    launch
}
