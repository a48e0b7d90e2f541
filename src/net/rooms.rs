//! The server's rooms: two players, each on their own connection, in one game.
//! A room holds the agreed game (seed and every choice, played in its own `Game`,
//! which checks each), and each side's sealed order until both are in: an order
//! is never sent to the other side before then. A seat belongs to a key: the same
//! key takes it up again after a drop. A room whose players have both gone is kept
//! for [`ROOM_HOLD`], then dropped by the reaper.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::game::scenario::{MoveId, SIDES, SideId};
use crate::game::{Choice, Game, Phase, Scenario};
use crate::ui::room::room_setup;
use crate::ui::{RoomAsk, RoomNews};

use super::remote::FromClient;

/// The letters of a room code: no I, L or O (read as 1 and 0).
pub const CODE_LETTERS: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ";
/// Letters in a room code (23^5: over six million codes).
pub const CODE_LEN: usize = 5;
/// How long a room is kept with neither player in it.
pub const ROOM_HOLD: Duration = Duration::from_secs(60 * 60);

/// A connection as the rooms know it: its game's number, its player's key (the
/// directory name), the way to its game's thread, and the command that reached
/// this server (`ssh -t -p PORT HOST join`), for the friend to type.
#[derive(Clone, Debug)]
pub struct Who {
    pub id: u64,
    pub key: String,
    pub tx: Sender<FromClient>,
    pub reach: String,
}

/// A seat: the key it belongs to, and its connection while one is in it.
#[derive(Debug)]
struct Seat {
    key: String,
    here: Option<(u64, Sender<FromClient>)>,
}

#[derive(Debug)]
struct Room {
    seed: u64,
    /// The game as agreed: every choice both apps have been told to play.
    game: Game,
    seats: [Option<Seat>; SIDES],
    /// Orders given for the month in hand, held here until both are in.
    sealed: [Option<MoveId>; SIDES],
    /// Since when neither player has been in the room.
    empty_since: Option<Instant>,
}

impl Room {
    fn side_of(&self, id: u64) -> Option<SideId> {
        SideId::ALL.into_iter().find(|s| {
            self.seats[s.index()]
                .as_ref()
                .and_then(|seat| seat.here.as_ref())
                .is_some_and(|(c, _)| *c == id)
        })
    }

    fn tell(&self, side: SideId, news: RoomNews) {
        if let Some((_, tx)) = self.seats[side.index()]
            .as_ref()
            .and_then(|s| s.here.as_ref())
        {
            let _ = tx.send(FromClient::Room(news));
        }
    }

    fn started(&self) -> bool {
        self.seats.iter().all(Option::is_some)
    }

    fn here(&self, side: SideId) -> bool {
        self.seats[side.index()]
            .as_ref()
            .is_some_and(|s| s.here.is_some())
    }

    fn news_of_start(&self, code: &str, side: SideId) -> RoomNews {
        RoomNews::Started {
            code: code.to_string(),
            side,
            seed: self.seed,
            choices: self.game.choices(),
            other_here: self.here(side.other()),
        }
    }
}

/// Every room of the server.
pub struct Rooms {
    rooms: BTreeMap<String, Room>,
    max: usize,
    scenario: Arc<Scenario>,
    /// The server's own random source, for codes.
    draw: Box<dyn FnMut() -> u64 + Send>,
}

/// A code as typed: upper case, spaces dropped.
fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Rooms {
    /// At most `max` rooms; codes drawn from `draw`.
    pub fn new(scenario: Arc<Scenario>, max: usize, draw: Box<dyn FnMut() -> u64 + Send>) -> Rooms {
        Rooms {
            rooms: BTreeMap::new(),
            max,
            scenario,
            draw,
        }
    }

    /// Rooms open now.
    #[cfg(test)]
    #[must_use]
    pub fn len(&self) -> usize {
        self.rooms.len()
    }

    fn new_code(&mut self) -> String {
        loop {
            let mut n = (self.draw)();
            let mut code = String::with_capacity(CODE_LEN);
            for _ in 0..CODE_LEN {
                let k = CODE_LETTERS.len() as u64;
                code.push(char::from(CODE_LETTERS[(n % k) as usize]));
                n /= k;
            }
            if !self.rooms.contains_key(&code) {
                return code;
            }
        }
    }

    /// One ask from a player's game.
    pub fn ask(&mut self, who: &Who, ask: RoomAsk, now: Instant) {
        match ask {
            RoomAsk::Open { side, seed } => self.open(who, side, seed, now),
            RoomAsk::Join { code } => self.join(who, &code, now),
            RoomAsk::Choose { index, choice } => self.choose(who.id, index, choice),
            RoomAsk::Leave => self.leave(who.id, now),
        }
    }

    fn open(&mut self, who: &Who, side: SideId, seed: u64, now: Instant) {
        self.leave(who.id, now);
        if self.rooms.len() >= self.max {
            let why = format!(
                "This server has {} rooms open, its most: try again later.",
                self.max
            );
            let _ = who.tx.send(FromClient::Room(RoomNews::Refused(why)));
            return;
        }
        let code = self.new_code();
        let mut seats: [Option<Seat>; SIDES] = Default::default();
        seats[side.index()] = Some(Seat {
            key: who.key.clone(),
            here: Some((who.id, who.tx.clone())),
        });
        let room = Room {
            seed,
            game: Game::new(self.scenario.clone(), seed, room_setup()),
            seats,
            sealed: [None; SIDES],
            empty_since: None,
        };
        let command = format!("{} {code}", who.reach);
        room.tell(
            side,
            RoomNews::Opened {
                code: code.clone(),
                command,
            },
        );
        self.rooms.insert(code, room);
    }

    fn join(&mut self, who: &Who, typed: &str, now: Instant) {
        let code = normalise(typed);
        let refuse = |why: String| {
            let _ = who.tx.send(FromClient::Room(RoomNews::Refused(why)));
        };
        let well_formed = code.len() == CODE_LEN && code.bytes().all(|b| CODE_LETTERS.contains(&b));
        if !well_formed {
            let cut: String = code.chars().take(12).collect();
            let shown = crate::text::printable(&cut);
            return refuse(format!(
                "`{shown}` is not a room code: a code is {CODE_LEN} letters, like KXQRT."
            ));
        }
        // Out of any other room first (this connection plays one game at a time).
        if self
            .rooms
            .get(&code)
            .is_none_or(|r| r.side_of(who.id).is_none())
        {
            self.leave(who.id, now);
        }
        let Some(room) = self.rooms.get_mut(&code) else {
            return refuse(format!(
                "No room {code} on this server: check the code with your friend (a room ends an hour after both have left)."
            ));
        };
        let mine = SideId::ALL.into_iter().find(|s| {
            room.seats[s.index()]
                .as_ref()
                .is_some_and(|seat| seat.key == who.key)
        });
        let free = (0..SIDES)
            .map(|i| SideId(i as u8))
            .find(|s| room.seats[s.index()].is_none());
        let side = match (mine, free) {
            // Their own seat, taken up again (a drop, or another connection of theirs).
            (Some(side), _) if room.started() => side,
            (Some(_), _) => {
                return refuse(format!(
                    "Room {code} is your own: your friend joins it with their key. It waits for them."
                ));
            }
            (None, Some(side)) => side,
            (None, None) => return refuse(format!("Room {code} is full: two players are in it.")),
        };
        let other_was_here = room.here(side.other());
        let taken_up = room.seats[side.index()].is_some();
        if let Some((old, tx)) = room.seats[side.index()]
            .as_ref()
            .and_then(|s| s.here.clone())
            && old != who.id
        {
            let _ = tx.send(FromClient::Room(RoomNews::Refused(
                "Your seat in the room was taken up on another connection.".into(),
            )));
        }
        // A seat taken up again gives its order for the month afresh.
        room.sealed[side.index()] = None;
        room.seats[side.index()] = Some(Seat {
            key: who.key.clone(),
            here: Some((who.id, who.tx.clone())),
        });
        room.empty_since = None;
        room.tell(side, room.news_of_start(&code, side));
        if !taken_up && other_was_here {
            room.tell(side.other(), room.news_of_start(&code, side.other()));
        } else if other_was_here {
            room.tell(side.other(), RoomNews::OtherBack);
        }
    }

    /// A player's order or answer. An order waits, sealed, for the other side's;
    /// then both are played and both players told at once.
    fn choose(&mut self, id: u64, index: usize, choice: Choice) {
        let Some((code, room)) = self.rooms.iter_mut().find(|(_, r)| r.side_of(id).is_some())
        else {
            return;
        };
        let Some(side) = room.side_of(id) else { return };
        if !room.started() {
            return;
        }
        if index != room.game.turns().len() {
            // Out of step: the game as the room has it.
            return room.tell(side, room.news_of_start(code, side));
        }
        let agreed = match (room.game.state().phase, choice) {
            (Phase::Orders, Choice::Move { mv }) => {
                if room.sealed[side.index()].is_none() {
                    room.sealed[side.index()] = Some(mv);
                }
                match room.sealed {
                    [Some(a), Some(b)] => Choice::Orders { moves: [a, b] },
                    _ => return,
                }
            }
            (Phase::Card(e), Choice::Answer { .. })
                if room.game.scenario().event(e).concerns == side =>
            {
                choice
            }
            _ => return room.tell(side, room.news_of_start(code, side)),
        };
        room.sealed = [None; SIDES];
        if room.game.play(agreed).is_err() {
            // Each app checks its move before it seals it: this is never expected.
            for s in SideId::ALL {
                room.tell(s, room.news_of_start(code, s));
            }
            return;
        }
        for s in SideId::ALL {
            room.tell(
                s,
                RoomNews::Played {
                    index,
                    choice: agreed,
                },
            );
        }
    }

    /// A connection is gone from its room (or left it): the other is told; the room
    /// is kept for its players, or dropped if there is nothing left to keep.
    pub fn leave(&mut self, id: u64, now: Instant) {
        let Some((code, room)) = self.rooms.iter_mut().find(|(_, r)| r.side_of(id).is_some())
        else {
            return;
        };
        let Some(side) = room.side_of(id) else { return };
        if let Some(seat) = &mut room.seats[side.index()] {
            seat.here = None;
        }
        room.sealed[side.index()] = None;
        room.tell(side.other(), RoomNews::OtherLeft);
        let nobody = !room.here(side.other());
        let nothing_to_keep = !room.started() || room.game.state().is_over();
        if nobody && nothing_to_keep {
            let code = code.clone();
            self.rooms.remove(&code);
        } else if nobody {
            room.empty_since = Some(now);
        }
    }

    /// Drop the rooms empty for [`ROOM_HOLD`]; returns when the next one falls due.
    pub fn reap(&mut self, now: Instant) -> Option<Instant> {
        self.rooms
            .retain(|_, r| r.empty_since.is_none_or(|t| now < t + ROOM_HOLD));
        self.rooms
            .values()
            .filter_map(|r| r.empty_since.map(|t| t + ROOM_HOLD))
            .min()
    }

    /// A room with a game on where this key holds a seat: offered on the title screen
    /// (even if the room still counts a connection of theirs in it: a dropped one may
    /// not be noticed yet; taking the seat up tells that one it was taken).
    #[must_use]
    pub fn held_for(&self, key: &str) -> Option<String> {
        self.rooms.iter().find_map(|(code, r)| {
            let held = r.started()
                && !r.game.state().is_over()
                && r.seats.iter().flatten().any(|s| s.key == key);
            held.then(|| code.clone())
        })
    }
}

/// The rooms as the server shares them: the table, and a bell for the reaper.
pub struct RoomTable {
    pub rooms: Mutex<Rooms>,
    pub changed: tokio::sync::Notify,
}

impl RoomTable {
    #[must_use]
    pub fn new(rooms: Rooms) -> RoomTable {
        RoomTable {
            rooms: Mutex::new(rooms),
            changed: tokio::sync::Notify::new(),
        }
    }

    pub fn lock(&self) -> std::sync::MutexGuard<'_, Rooms> {
        self.rooms.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An ask from a player's game; the reaper is told the rooms changed.
    pub fn ask(&self, who: &Who, ask: RoomAsk) {
        self.lock().ask(who, ask, Instant::now());
        self.changed.notify_one();
    }

    pub fn leave(&self, id: u64) {
        self.lock().leave(id, Instant::now());
        self.changed.notify_one();
    }

    /// Drop rooms empty for an hour, sleeping in between (no polling: it wakes when
    /// the next room falls due, or when the rooms change).
    pub async fn reaper(self: Arc<Self>) {
        loop {
            let next = self.lock().reap(Instant::now());
            match next {
                Some(at) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at.into()) => {}
                        () = self.changed.notified() => {}
                    }
                }
                None => self.changed.notified().await,
            }
        }
    }
}

#[cfg(test)]
#[path = "rooms_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "rooms_apps_tests.rs"]
mod apps_tests;
