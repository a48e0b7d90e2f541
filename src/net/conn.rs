//! One SSH connection, as russh's handler: public keys only; one session channel
//! with a terminal, which gets the game; every other request — commands,
//! subsystems, forwarding, X11, agent — refused, with a word to the client where
//! the protocol lets us say one.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;

use russh::keys::PublicKey;
use russh::server::{
    Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, Pty};

use super::clamp_window;
use super::limits::Slot;
use super::players::player_dir_name;
use super::remote::{self, FromClient, InputBudget, MAX_QUEUED_INPUT, Seat, ToClient, WindowCell};
use super::rooms::Who;
use super::server::Shared;

/// What a refused command is told (on its stderr).
pub const REFUSED_COMMAND: &str = "This server runs only Détente; commands are refused.";

/// A terminal the client asked for.
#[derive(Clone, Copy, Debug)]
struct Terminal {
    cols: u16,
    rows: u16,
    /// `TERM=dumb`: no colour.
    dumb: bool,
}

/// The game a connection is playing: how to reach its thread.
struct GameLink {
    tx: Sender<FromClient>,
    budget: InputBudget,
    window: WindowCell,
}

pub struct Conn {
    shared: Arc<Shared>,
    peer: SocketAddr,
    /// The address the client reached (for the command a friend types to join).
    local: SocketAddr,
    /// Held for the connection's life; `None` when it was refused a place.
    _slot: Option<Slot>,
    /// Why this connection cannot play (a limit it met), said instead of the game.
    refusal: Option<String>,
    /// Set once a key is verified.
    authed: Arc<AtomicBool>,
    /// Set once the game has started (the auth timeout then no longer applies).
    playing: Arc<AtomicBool>,
    /// The player's directory name, from their verified key.
    player: Option<String>,
    channel: Option<ChannelId>,
    terminal: Option<Terminal>,
    no_color: bool,
    game: Option<GameLink>,
}

impl Conn {
    pub fn new(
        shared: Arc<Shared>,
        (peer, local): (SocketAddr, SocketAddr),
        slot: Result<Slot, String>,
        [authed, playing]: [Arc<AtomicBool>; 2],
    ) -> Conn {
        let (slot, refusal) = match slot {
            Ok(s) => (Some(s), None),
            Err(why) => (None, Some(why)),
        };
        Conn {
            shared,
            peer,
            local,
            _slot: slot,
            refusal,
            authed,
            playing,
            player: None,
            channel: None,
            terminal: None,
            no_color: false,
            game: None,
        }
    }

    /// Whether this key may play here. A connection over a limit still gets in, only
    /// to be told which limit on its stderr (a login banner is hidden by quiet clients).
    fn admits(&self, key: &PublicKey) -> bool {
        self.shared
            .settings
            .allow
            .as_ref()
            .is_none_or(|a| a.admits(key))
    }

    /// Say why on the client's stderr, and close the channel with a failing status.
    fn refuse(session: &mut Session, channel: ChannelId, why: &str) -> Result<(), russh::Error> {
        session.channel_success(channel)?;
        session.extended_data(channel, 1, format!("detente: {why}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    fn tell_game(&self, m: FromClient) {
        if let Some(g) = &self.game {
            let _ = g.tx.send(m);
        }
    }

    /// Start this connection's game on its own thread, and the task that carries its
    /// frames to the client.
    fn start_game(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
        join: Option<String>,
    ) -> Result<(), String> {
        let (Some(term), Some(player)) = (self.terminal, self.player.clone()) else {
            return Err("Détente needs a terminal: connect with `ssh -t`.".into());
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let Some(id) = self.shared.register(tx.clone()) else {
            return Err("The server is stopping. Please connect again later.".into());
        };
        let (out, mut frames) = tokio::sync::mpsc::channel::<ToClient>(8);
        let handle = session.handle();
        tokio::spawn(async move {
            while let Some(m) = frames.recv().await {
                match m {
                    ToClient::Data(d) => {
                        if handle.data(channel, d).await.is_err() {
                            break;
                        }
                    }
                    ToClient::End(status) => {
                        let _ = handle.exit_status_request(channel, status).await;
                        let _ = handle.eof(channel).await;
                        let _ = handle.close(channel).await;
                        break;
                    }
                }
            }
        });
        let budget: InputBudget = Arc::new(AtomicUsize::new(0));
        let window: WindowCell = Arc::new(AtomicU32::new(remote::pack(term.cols, term.rows)));
        let seat = Seat {
            scenario: self.shared.scenario.clone(),
            dir: self.shared.settings.data_dir.join("players").join(&player),
            no_color: self.no_color || term.dumb,
            idle: self.shared.settings.limits.idle_timeout,
            rx,
            tx: tx.clone(),
            budget: budget.clone(),
            window: window.clone(),
            out,
            rooms: self.shared.rooms.clone(),
            who: Who {
                id,
                key: player,
                tx: tx.clone(),
                reach: reach(self.local),
            },
            join,
        };
        let shared = self.shared.clone();
        let spawned = std::thread::Builder::new()
            .name("game".into())
            .spawn(move || {
                remote::play(seat);
                // Out of any room: the other player is told, the room keeps the game.
                shared.rooms.leave(id);
                shared.unregister(id);
            });
        if spawned.is_err() {
            self.shared.unregister(id);
            return Err("The server cannot start another game now. Please try again later.".into());
        }
        self.game = Some(GameLink { tx, budget, window });
        self.playing.store(true, Ordering::SeqCst);
        Ok(())
    }
}

/// What a friend types to reach this server, before the room code: the address
/// the client reached, as `detente serve` names it (`localhost` on loopback).
fn reach(local: SocketAddr) -> String {
    let host = match local.ip() {
        ip if ip.is_loopback() => "localhost".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    format!("ssh -t -p {} {host} join", local.port())
}

impl Drop for Conn {
    fn drop(&mut self) {
        self.tell_game(FromClient::Closed);
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(self.shared.settings.allow.as_ref().map(|_| {
            "This Détente server admits only the keys on its list. If yours is refused, give the host your public key.\r\n".to_string()
        }))
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.admits(offer.public_key) {
            Auth::Accept
        } else {
            Auth::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.admits(key.public_key) {
            return Ok(Auth::reject());
        }
        self.player = Some(player_dir_name(key.public_key));
        self.authed.store(true, Ordering::SeqCst);
        Ok(Auth::Accept)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One game per connection: a second session channel is refused (by dropping the reply).
        if self.channel.is_none() && self.player.is_some() {
            self.channel = Some(channel.id());
            reply.accept().await;
        }
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (cols, rows) = clamp_window(col_width, row_height);
        self.terminal = Some(Terminal {
            cols,
            rows,
            dumb: term == "dumb",
        });
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        _channel: ChannelId,
        name: &str,
        value: &str,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The one variable the game reads from a player (and only if their client sends it).
        if name == "NO_COLOR" && !value.is_empty() {
            self.no_color = true;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.game.is_some() {
            return session.channel_failure(channel);
        }
        if let Some(why) = self.refusal.clone() {
            return Conn::refuse(session, channel, &why);
        }
        match self.start_game(channel, session, None) {
            Ok(()) => session.channel_success(channel),
            Err(why) => Conn::refuse(session, channel, &why),
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(why) = self.refusal.clone() {
            return Conn::refuse(session, channel, &why);
        }
        let asked = String::from_utf8_lossy(&data[..data.len().min(80)]).into_owned();
        let asked = crate::text::printable(asked.trim());
        if let Some(code) = asked.strip_prefix("join ").map(str::trim)
            && !code.is_empty()
            && self.game.is_none()
        {
            let code = code.to_string();
            return match self.start_game(channel, session, Some(code)) {
                Ok(()) => session.channel_success(channel),
                Err(why) => Conn::refuse(session, channel, &why),
            };
        }
        let why = if asked == "join" || asked.starts_with("join ") {
            "`join` takes the room code your friend sees: ssh -t -p PORT HOST join CODE".to_string()
        } else {
            format!("`{asked}`: {REFUSED_COMMAND}")
        };
        self.shared
            .log(&format!("{}: command refused: {asked}", self.peer));
        Conn::refuse(session, channel, &why)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let name: String = name.chars().take(40).collect();
        let name = crate::text::printable(&name);
        self.shared
            .log(&format!("{}: subsystem refused: {name}", self.peer));
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(g) = &self.game
            && take_budget(&g.budget, data.len())
            && g.tx.send(FromClient::Bytes(data.to_vec())).is_err()
        {
            g.budget.fetch_sub(data.len(), Ordering::Relaxed);
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (cols, rows) = clamp_window(col_width, row_height);
        if let Some(t) = &mut self.terminal {
            (t.cols, t.rows) = (cols, rows);
        }
        if let Some(g) = &self.game {
            g.window.store(remote::pack(cols, rows), Ordering::Relaxed);
        }
        self.tell_game(FromClient::Resize(cols, rows));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.tell_game(FromClient::Closed);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.tell_game(FromClient::Closed);
        Ok(())
    }
}

/// Count `n` more bytes in flight to the game, unless that would pass
/// [`MAX_QUEUED_INPUT`]: typing far ahead of the game is dropped, so a flood of
/// input cannot fill the server's memory.
fn take_budget(budget: &AtomicUsize, n: usize) -> bool {
    if budget.fetch_add(n, Ordering::Relaxed) + n > MAX_QUEUED_INPUT {
        budget.fetch_sub(n, Ordering::Relaxed);
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_in_flight_is_bounded_and_freed_as_the_game_reads_it() {
        let budget = AtomicUsize::new(0);
        let chunk = 32 * 1024;
        let taken = (0..100).filter(|_| take_budget(&budget, chunk)).count();
        assert_eq!(taken, MAX_QUEUED_INPUT / chunk);
        assert!(budget.load(Ordering::Relaxed) <= MAX_QUEUED_INPUT);
        // The game reads one chunk: one more fits.
        budget.fetch_sub(chunk, Ordering::Relaxed);
        assert!(take_budget(&budget, chunk));
        assert!(!take_budget(&budget, 1));
    }
}
