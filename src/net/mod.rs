//! `detente serve`: the game over SSH. Each connection that authenticates with a
//! public key and asks for a terminal gets its own UI (`ui::drive`) on its own
//! thread, drawing into the SSH channel and fed by the channel's bytes.
//!
//! `server` accepts connections and enforces the limits; `conn` is russh's
//! per-connection handler (what is accepted, what is refused); `remote` is the
//! UI thread's backend and host; `input` turns the client's bytes into key
//! events; `hostkey` and `players` the files: the server's key and each player's
//! data directory, named by their key's fingerprint; `rooms` the games between two
//! connections (a friend joins with a code; orders sealed on the server).

mod conn;
mod hostkey;
mod input;
mod limits;
mod players;
mod remote;
mod rooms;
mod server;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use hostkey::{HOST_KEY_NAME, fingerprint, load_or_create as host_key};
pub use players::{AllowList, player_dir_name};
pub use server::serve;

/// The loopback address and port `detente serve` listens on unless told otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

/// How the server runs: where, for whom, and within which limits.
#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    /// The server's data directory: its host key, and `players/` below it.
    pub data_dir: PathBuf,
    /// Only these keys may play (`--allow-keys`); `None`: any key.
    pub allow: Option<AllowList>,
    pub limits: Limits,
}

/// The limits a client may meet, each a flag of `detente serve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Connections at once, authenticated or not.
    pub sessions: usize,
    /// Connections at once from one IP address.
    pub per_address: usize,
    /// Time a connection has to authenticate.
    pub auth_timeout: Duration,
    /// Time without a key from the player before the game is saved and the connection closed.
    pub idle_timeout: Duration,
    /// Rooms (games between two connections) at once.
    pub rooms: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            sessions: 64,
            per_address: 4,
            auth_timeout: Duration::from_secs(20),
            idle_timeout: Duration::from_secs(30 * 60),
            rooms: 32,
        }
    }
}

/// The largest window the server draws (columns, rows): a client that claims more
/// is drawn in this much of it, so no window size costs more memory than this.
pub const MAX_WINDOW: (u16, u16) = (320, 120);

/// A client's window size as the server uses it: at least 1×1 (the UI then says
/// "too small"), at most [`MAX_WINDOW`].
#[must_use]
pub fn clamp_window(cols: u32, rows: u32) -> (u16, u16) {
    let c = cols.clamp(1, u32::from(MAX_WINDOW.0));
    let r = rows.clamp(1, u32::from(MAX_WINDOW.1));
    (c as u16, r as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_clamped_both_ways() {
        assert_eq!(clamp_window(0, 0), (1, 1));
        assert_eq!(clamp_window(1, 1), (1, 1));
        assert_eq!(clamp_window(80, 24), (80, 24));
        assert_eq!(clamp_window(100_000, 100_000), MAX_WINDOW);
        assert_eq!(clamp_window(u32::MAX, 5), (MAX_WINDOW.0, 5));
    }
}
