//! The listening side: accept connections within the limits, give each its
//! handler and its authentication deadline, and on SIGTERM or SIGINT stop
//! accepting, have every game save and say goodbye, and return within 5 s.

use std::collections::HashMap;
use std::os::fd::{AsFd, AsRawFd};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use russh::keys::PrivateKey;
use russh::server::run_stream;
use russh::{Disconnect, MethodKind, MethodSet};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Notify;
use tokio::time::{Instant, sleep, sleep_until, timeout_at};

use super::Settings;
use super::conn::Conn;
use super::limits::Counts;
use super::remote::FromClient;
use super::rooms::{RoomTable, Rooms};
use crate::game::Scenario;
use crate::store::Files;

/// How long a stop waits for the games to save and leave (inside the 5 s promised).
const STOP_GRACE: Duration = Duration::from_secs(4);
/// A connection refused a place is let go sooner than one that may play.
const REFUSED_TIMEOUT: Duration = Duration::from_secs(5);

/// What every connection of the server shares.
pub struct Shared {
    pub settings: Settings,
    pub scenario: Arc<Scenario>,
    pub counts: Arc<Counts>,
    /// The games being played, by number: how a stop reaches each.
    games: Mutex<HashMap<u64, Sender<FromClient>>>,
    next_game: AtomicU64,
    games_changed: Notify,
    stopping: AtomicBool,
    /// The server's log (the data directory's `detente.log`).
    files: Files,
    /// The rooms: games between two connections.
    pub rooms: Arc<RoomTable>,
}

impl Shared {
    /// Note a new game; `None` once the server is stopping.
    pub fn register(&self, tx: Sender<FromClient>) -> Option<u64> {
        let mut games = self.games.lock().unwrap_or_else(PoisonError::into_inner);
        if self.stopping.load(Ordering::SeqCst) {
            return None;
        }
        let id = self.next_game.fetch_add(1, Ordering::Relaxed);
        games.insert(id, tx);
        Some(id)
    }

    pub fn unregister(&self, id: u64) {
        self.games
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id);
        self.games_changed.notify_waiters();
    }

    fn games(&self) -> usize {
        self.games
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Every game is told to save and leave; no new one starts.
    fn stop_all(&self) {
        let games = self.games.lock().unwrap_or_else(PoisonError::into_inner);
        self.stopping.store(true, Ordering::SeqCst);
        for tx in games.values() {
            let _ = tx.send(FromClient::Stop);
        }
    }

    pub fn log(&self, msg: &str) {
        self.files.log(msg);
    }
}

/// Listen on `listener` and serve until SIGTERM or SIGINT. `say` is told the lines
/// for the operator.
///
/// # Errors
///
/// The runtime cannot start, or the listener fails before a stop is asked for.
pub fn serve(
    settings: Settings,
    scenario: Scenario,
    host_key: PrivateKey,
    listener: std::net::TcpListener,
    say: &dyn Fn(&str),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("ssh")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    let config = Arc::new(russh_config(&settings, host_key));
    let scenario = Arc::new(scenario);
    let rooms = Rooms::new(scenario.clone(), settings.limits.rooms, Box::new(code_draw));
    let shared = Arc::new(Shared {
        rooms: Arc::new(RoomTable::new(rooms)),
        files: Files::at(Some(settings.data_dir.clone())),
        settings,
        scenario,
        counts: Arc::new(Counts::default()),
        games: Mutex::new(HashMap::new()),
        next_game: AtomicU64::new(0),
        games_changed: Notify::new(),
        stopping: AtomicBool::new(false),
    });
    let result = runtime.block_on(async {
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen: {e}"))?;
        let listener =
            TcpListener::from_std(listener).map_err(|e| format!("cannot listen: {e}"))?;
        tokio::spawn(shared.rooms.clone().reaper());
        accept(&shared, &config, listener).await?;
        say("Stopping: saving every game and telling every player.");
        stop(&shared).await;
        Ok(())
    });
    // A client that never reads cannot hold the exit up.
    runtime.shutdown_timeout(Duration::from_millis(300));
    result
}

/// A number for a room code, from the operating system's random source (a room
/// code is a key to a game: not guessable from the ones before it).
fn code_draw() -> u64 {
    use rand::TryRng;
    rand::rngs::SysRng.try_next_u64().unwrap_or_else(|_| {
        // No system randomness: the clock's nanoseconds still vary code to code.
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    })
}

fn russh_config(settings: &Settings, host_key: PrivateKey) -> russh::server::Config {
    russh::server::Config {
        methods: MethodSet::from(&[MethodKind::PublicKey][..]),
        auth_rejection_time: Duration::from_millis(500),
        // OpenSSH first asks with "none" to learn the methods: no need to wait on that.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        keys: vec![host_key],
        // A backstop only: the game says goodbye at its own idle timeout first.
        inactivity_timeout: Some(settings.limits.idle_timeout + Duration::from_secs(300)),
        // A connection that died without a word is found within a few minutes.
        keepalive_interval: Some(Duration::from_secs(60)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

/// Accept until a signal to stop. An accept error (no file descriptors left) waits
/// a moment before the next try rather than spinning.
async fn accept(
    shared: &Arc<Shared>,
    config: &Arc<russh::server::Config>,
    listener: TcpListener,
) -> Result<(), String> {
    let mut term = signal(SignalKind::terminate()).map_err(|e| e.to_string())?;
    let mut int = signal(SignalKind::interrupt()).map_err(|e| e.to_string())?;
    loop {
        tokio::select! {
            _ = term.recv() => return Ok(()),
            _ = int.recv() => return Ok(()),
            r = listener.accept() => match r {
                Ok((socket, _)) => {
                    tokio::spawn(connection(shared.clone(), config.clone(), socket));
                }
                Err(e) => {
                    shared.log(&format!("accept: {e}"));
                    sleep(Duration::from_millis(100)).await;
                }
            }
        }
    }
}

/// One connection: its place (or the limit it met, said once it asks for the game),
/// its SSH session, and the deadline by which it must have authenticated — or, if
/// it met a limit, by which it is gone whatever it did.
async fn connection(shared: Arc<Shared>, config: Arc<russh::server::Config>, socket: TcpStream) {
    let (Ok(peer), Ok(local), Ok(killer)) = (
        socket.peer_addr(),
        socket.local_addr(),
        socket.as_fd().try_clone_to_owned(),
    ) else {
        return;
    };
    let slot = shared.counts.admit(peer.ip(), &shared.settings.limits);
    let refused = slot.is_err();
    let patience = if refused {
        REFUSED_TIMEOUT.min(shared.settings.limits.auth_timeout)
    } else {
        shared.settings.limits.auth_timeout
    };
    let deadline = Instant::now() + patience;
    let authed = Arc::new(AtomicBool::new(false));
    let playing = Arc::new(AtomicBool::new(false));
    let conn = Conn::new(
        shared.clone(),
        (peer, local),
        slot,
        [authed.clone(), playing.clone()],
    );
    // The SSH handshake itself is inside the deadline: a client that sends nothing is let go.
    let Ok(Ok(session)) = timeout_at(deadline, run_stream(config, socket, conn)).await else {
        return;
    };
    let handle = session.handle();
    tokio::pin!(session);
    tokio::select! {
        _ = &mut session => return,
        () = sleep_until(deadline) => {}
    }
    if authed.load(Ordering::SeqCst) && !refused && !playing.load(Ordering::SeqCst) {
        // Authenticated but no game asked for yet: as long again to ask, then let go
        // (a client that never opens a channel must not hold a place for ever).
        tokio::select! {
            _ = &mut session => return,
            () = sleep(patience) => {}
        }
    }
    if authed.load(Ordering::SeqCst) && !refused && playing.load(Ordering::SeqCst) {
        let _ = session.await;
        return;
    }
    let why = if refused {
        "refused"
    } else if authed.load(Ordering::SeqCst) {
        "no game asked for"
    } else {
        "authentication timed out"
    };
    let _ = tokio::time::timeout(
        Duration::from_millis(200),
        handle.disconnect(Disconnect::ByApplication, why.into(), String::new()),
    )
    .await;
    // A client stuck in the middle of the handshake may never read that: the socket is
    // shut (through a copy of its descriptor, so never another connection's).
    // SAFETY: shutdown on a descriptor this function owns.
    unsafe { libc::shutdown(killer.as_raw_fd(), libc::SHUT_RDWR) };
    let _ = tokio::time::timeout(Duration::from_secs(1), &mut session).await;
}

/// Tell every game to save and leave, and wait (within [`STOP_GRACE`]) for the games
/// and then the connections to end.
async fn stop(shared: &Arc<Shared>) {
    shared.stop_all();
    let deadline = Instant::now() + STOP_GRACE;
    wait_until(deadline, &shared.games_changed, || shared.games() == 0).await;
    // Their goodbyes are on their way: give the connections a moment to carry them.
    let goodbye = (Instant::now() + Duration::from_secs(1)).min(deadline);
    wait_until(goodbye, &shared.counts.changed, || {
        shared.counts.total() == 0
    })
    .await;
}

/// Wait for `done` to hold, woken by `changed`, until `deadline`.
async fn wait_until(deadline: Instant, changed: &Notify, done: impl Fn() -> bool) {
    loop {
        let notified = changed.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if done() {
            return;
        }
        if timeout_at(deadline, notified).await.is_err() {
            return;
        }
    }
}
