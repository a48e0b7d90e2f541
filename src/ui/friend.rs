//! How the app follows a room of the server (`room.rs` holds what is said
//! between them): the title's room items, the room's news, the agreed choices
//! played as they come.

use std::collections::VecDeque;

use crate::game::scenario::SideId;
use crate::game::{Choice, Game, Phase};

use super::app::App;
use super::msg::{Effect, MenuItem};
use super::room::{RoomAsk, RoomLink, RoomNews, RoomScreen, room_setup};
use super::screen::Screen;
use super::seats::Seats;
use super::view::game::MoveCursors;
use super::view::title::Title;
use super::world::Session;

/// An em dash, in words the player reads.
const EM: &str = "\u{2014}";

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
        super::view::title::menu(&self.world, self.rooms.as_ref())
    }

    pub(super) fn ask_room(&mut self, ask: RoomAsk) {
        if matches!(ask, RoomAsk::Open { .. } | RoomAsk::Join { .. }) {
            self.screen = Screen::Room(RoomScreen::Asking);
        }
        self.effects.push(Effect::Room(ask));
    }

    /// The title's "Rejoin": take up one's seat in the room left a while ago.
    pub(super) fn rejoin(&mut self) {
        if let Some(code) = self.rooms.as_ref().and_then(|r| r.rejoin.clone()) {
            self.ask_room(RoomAsk::Join { code });
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
                self.screen = Screen::Title(Title::default());
                self.notice.problem = Some(why);
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
                    self.notice.problem = Some(if over || !r.started {
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
                    self.notice.problem = None;
                    self.notice.success = Some(format!("{other} is back: the game goes on."));
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
                self.screen = Screen::Title(Title::default());
                self.notice.problem = Some(format!("The room's game could not be rebuilt: {e}."));
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
        self.world.advice = None;
        self.move_cursors = MoveCursors::default();
        self.world.session = Some(Session::Live(game));
        self.world.runs_started += 1;
        self.reset_seats();
        // The last report (the opening news in a new game): both start from the same page.
        self.show_last_report();
        self.effects.push(Effect::Autosave);
        if !other_here {
            self.notice.problem = Some(format!(
                "{} is not connected now: the game waits for them.",
                self.other_name()
            ));
        } else if again {
            self.notice.success = Some(format!("Back in room {code}: the game goes on."));
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

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
