//! Playing a friend on another connection (`detente serve` only): what the app
//! asks of the server's room ([`RoomAsk`]) and what the room tells it
//! ([`RoomNews`]); how the app follows is in `friend.rs`. Each player's app keeps its own
//! `Game` of the same scenario and seed; the room relays only the agreed choices.
//! A sealed order goes to the room and stays there: the app hears the other
//! side's order only in the month's `Played` orders, once both are sealed.

use std::collections::VecDeque;

use crate::game::scenario::{SIDES, SideId};
use crate::game::{Choice, Difficulty, Setup};

/// What a player's app asks of the server's rooms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomAsk {
    /// Open a room to play `side` in a game of `seed`.
    Open { side: SideId, seed: u64 },
    /// Take a seat in the room with this code (or take one's own seat up again).
    Join { code: String },
    /// This side's choice for the game's `index`-th choice: an order (sealed in the
    /// room until the other side's is in), or the answer to a card.
    Choose { index: usize, choice: Choice },
    /// Leave the room (back to the title, or the game is over).
    Leave,
}

/// What the room tells a player's app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomNews {
    /// The room is open: the friend joins with `command`.
    Opened { code: String, command: String },
    /// No room for this player: why, in words.
    Refused(String),
    /// Both seats are taken: the game of `seed`, this player on `side`, with the
    /// choices agreed so far (none in a new game; more when a seat is taken up again).
    Started {
        code: String,
        side: SideId,
        seed: u64,
        choices: Vec<Choice>,
        other_here: bool,
    },
    /// The game's `index`-th choice is agreed: both orders of a month, or an answer.
    Played { index: usize, choice: Choice },
    /// The other player's connection is gone; the room holds the game.
    OtherLeft,
    /// The other player has taken their seat up again.
    OtherBack,
}

/// The one setup of a game between two people: both sides human; the level only
/// shapes the model, which plays no side here.
#[must_use]
pub fn room_setup() -> Setup {
    Setup {
        human: [true; SIDES],
        difficulty: Difficulty::Normal,
    }
}

/// This app's place in a room.
#[derive(Clone, Debug)]
pub struct RoomLink {
    pub code: String,
    /// The side this player plays.
    pub side: SideId,
    /// Whether the game has begun (both seats taken).
    pub started: bool,
    /// Whether the other player is connected.
    pub other_here: bool,
    /// Agreed choices not yet played here (the player was still reading a page).
    pub(super) pending: VecDeque<(usize, Choice)>,
}

/// A room screen (under the server only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomScreen {
    /// Which side to play against a friend.
    PickSide { cursor: usize },
    /// Typing a friend's room code.
    Code { typed: String },
    /// Asked the server; its answer is on its way.
    Asking,
    /// The room is open, the friend not yet in.
    Open { code: String, command: String },
    /// In the game: the other side is choosing (or answering a card).
    Waiting,
}

/// The server's part of a title screen: rooms can be played, and perhaps one to rejoin.
#[derive(Clone, Debug, Default)]
pub struct RoomsHere {
    /// A room this player's key holds a seat in, while they are away from it.
    pub rejoin: Option<String>,
    /// `join CODE`: join (or take up) this room at once.
    pub join: Option<String>,
}
