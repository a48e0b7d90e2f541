//! Playing a friend on another connection (`detente serve` only): what the app
//! asks of the server's room ([`RoomAsk`]) and what the room tells it
//! ([`RoomNews`]), and how the app follows. Each player's app keeps its own
//! `Game` of the same scenario and seed; the room relays only the agreed choices.
//! A sealed order goes to the room and stays there: the app hears the other
//! side's order only in the month's `Played` orders, once both are sealed.

use std::collections::VecDeque;

use crate::game::scenario::{SIDES, SideId};
use crate::game::{Choice, Difficulty, Game, Phase, Setup};

use super::app::App;
use super::msg::{Effect, MenuItem, Screen};
use super::seats::Seats;
use super::world::Session;

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
    pending: VecDeque<(usize, Choice)>,
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

impl App {
    /// Whether this app can play a friend (it runs under the server).
    #[must_use]
    pub fn has_rooms(&self) -> bool {
        self.rooms.is_some()
    }

    /// The room this app plays in, if any.
    #[must_use]
    pub fn room(&self) -> Option<&RoomLink> {
        self.room.as_ref()
    }

    /// The title menu's items as they stand: the room items only under the server.
    #[must_use]
    pub fn menu(&self) -> Vec<MenuItem> {
        let mut items = self.world.menu();
        if let Some(r) = &self.rooms {
            let at = items
                .iter()
                .position(|i| *i == MenuItem::NewGame)
                .map_or(0, |i| i + 1);
            let mut more = vec![MenuItem::PlayFriend, MenuItem::JoinFriend];
            if r.rejoin.is_some() {
                more.insert(0, MenuItem::Rejoin);
            }
            items.splice(at..at, more);
        }
        items
    }

    pub(super) fn ask_room(&mut self, ask: RoomAsk) {
        if matches!(ask, RoomAsk::Open { .. } | RoomAsk::Join { .. }) {
            self.screen = Screen::Room(RoomScreen::Asking);
        }
        self.effects.push(Effect::Room(ask));
    }

    /// A room item of the title menu.
    pub(super) fn room_item(&mut self, item: MenuItem) {
        match item {
            MenuItem::PlayFriend => self.screen = Screen::Room(RoomScreen::PickSide { cursor: 0 }),
            MenuItem::JoinFriend => {
                self.screen = Screen::Room(RoomScreen::Code {
                    typed: String::new(),
                });
            }
            MenuItem::Rejoin => {
                if let Some(code) = self.rooms.as_ref().and_then(|r| r.rejoin.clone()) {
                    self.ask_room(RoomAsk::Join { code });
                }
            }
            _ => {}
        }
    }

    /// Leave the room (if in one) and show the title.
    pub(super) fn leave_room(&mut self) {
        if self.room.take().is_some() {
            self.effects.push(Effect::Room(RoomAsk::Leave));
        }
        if let Some(r) = &mut self.rooms {
            r.rejoin = None;
        }
    }

    /// The room's news.
    pub(super) fn room_news(&mut self, news: RoomNews) {
        match news {
            RoomNews::Opened { code, command } => {
                self.room = Some(RoomLink {
                    code: code.clone(),
                    side: SideId(0),
                    started: false,
                    other_here: false,
                    pending: VecDeque::new(),
                });
                self.screen = Screen::Room(RoomScreen::Open { code, command });
            }
            RoomNews::Refused(why) => {
                self.room = None;
                self.world.session = None;
                self.screen = Screen::Title { cursor: 0 };
                self.world.notice = Some(why);
            }
            RoomNews::Started {
                code,
                side,
                seed,
                choices,
                other_here,
            } => self.room_started(code, side, seed, &choices, other_here),
            RoomNews::Played { index, choice } => {
                if let Some(r) = &mut self.room {
                    r.pending.push_back((index, choice));
                }
            }
            RoomNews::OtherLeft => {
                let other = self.other_name();
                let over = self.world.game().is_some_and(|g| g.state().is_over());
                if let Some(r) = &mut self.room {
                    r.other_here = false;
                    self.world.notice = Some(if over || !r.started {
                        format!("{other} has left the room.")
                    } else {
                        format!(
                            "{other} has left {EM} the game is held; waiting for them to reconnect."
                        )
                    });
                }
            }
            RoomNews::OtherBack => {
                let other = self.other_name();
                if let Some(r) = &mut self.room {
                    r.other_here = true;
                    self.world.notice = None;
                    self.world.confirmation = Some(format!("{other} is back: the game goes on."));
                }
            }
        }
        self.catch_up();
    }

    /// The other side's capital, as the scenario names it.
    pub(super) fn other_name(&self) -> String {
        let side = self.room.as_ref().map_or(SideId(0), |r| r.side);
        self.world.scenario.side(side.other()).name.clone()
    }

    /// Both seats are taken: the game as agreed so far, on this player's side.
    fn room_started(
        &mut self,
        code: String,
        side: SideId,
        seed: u64,
        choices: &[Choice],
        other_here: bool,
    ) {
        let sc = self.world.scenario.clone();
        let game = match Game::replay(sc, seed, room_setup(), choices) {
            Ok(g) => g,
            Err(e) => {
                self.leave_room();
                self.world.session = None;
                self.screen = Screen::Title { cursor: 0 };
                self.world.notice = Some(format!("The room's game could not be rebuilt: {e}."));
                return;
            }
        };
        let again = !choices.is_empty();
        self.room = Some(RoomLink {
            code: code.clone(),
            side,
            started: true,
            other_here,
            pending: VecDeque::new(),
        });
        if let Some(r) = &mut self.rooms {
            r.rejoin = None;
        }
        self.world.options.seed = seed;
        self.world.resumable = None;
        self.world.rank = None;
        self.world.advice = None;
        self.world.move_cursor = [0; SIDES];
        self.world.session = Some(Session::Live(game));
        self.world.runs_started += 1;
        self.reset_seats();
        // The last report (the opening news in a new game): both start from the same page.
        self.show_last_report();
        self.effects.push(Effect::Autosave);
        if !other_here {
            self.world.notice = Some(format!(
                "{} is not connected now: the game waits for them.",
                self.other_name()
            ));
        } else if again {
            self.world.confirmation = Some(format!("Back in room {code}: the game goes on."));
        }
    }

    /// Play the agreed choices that have arrived, if the player is waiting for them
    /// (a page being read is not taken away; they are played when it is left).
    pub(super) fn catch_up(&mut self) {
        while matches!(self.screen, Screen::Room(RoomScreen::Waiting)) {
            let Some(r) = &mut self.room else { return };
            let Some((index, choice)) = r.pending.pop_front() else {
                return;
            };
            let played = self.world.game().map_or(0, |g| g.turns().len());
            if index < played {
                continue;
            }
            if index > played {
                // Out of step with the room (never expected): take the seat up again,
                // which sends the game as the room has it.
                let code = r.code.clone();
                return self.ask_room(RoomAsk::Join { code });
            }
            // Both orders were forecast against the model, not each other: no comparison.
            self.world.advice = None;
            self.reset_seats();
            self.play(choice);
        }
    }

    /// This player's order or answer goes to the room; the screen waits for the other.
    pub(super) fn choose_in_room(&mut self, choice: Choice) {
        let Some(g) = self.world.game() else { return };
        let index = g.turns().len();
        if let (Choice::Move { mv }, Some(r)) = (choice, &self.room) {
            self.world.seats.sealed[r.side.index()] = Some(mv);
        }
        self.effects
            .push(Effect::Room(RoomAsk::Choose { index, choice }));
        self.screen = Screen::Room(RoomScreen::Waiting);
        self.catch_up();
    }

    /// In a room: the screen the game calls for now, if it is not the usual one
    /// (waiting while the other side chooses or answers its card).
    pub(super) fn room_screen(&self, phase: Phase) -> Option<Screen> {
        let r = self.room.as_ref().filter(|r| r.started)?;
        let waiting = match phase {
            Phase::Orders => self.world.seats.sealed[r.side.index()].is_some(),
            Phase::Card(e) => self.world.scenario.event(e).concerns != r.side,
            Phase::Over(_) => false,
        };
        waiting.then_some(Screen::Room(RoomScreen::Waiting))
    }

    /// The seats in a room: this player holds its own keyboard, always.
    pub(super) fn room_seats(&self) -> Seats {
        Seats {
            at_keyboard: self.room.as_ref().map(|r| r.side),
            ..Seats::default()
        }
    }
}

/// An em dash, in words the player reads.
const EM: &str = "\u{2014}";

/// The server's part of a title screen: rooms can be played, and perhaps one to rejoin.
#[derive(Clone, Debug, Default)]
pub struct RoomsHere {
    /// A room this player's key holds a seat in, while they are away from it.
    pub rejoin: Option<String>,
    /// `join CODE`: join (or take up) this room at once.
    pub join: Option<String>,
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
