//! Who sits at the keyboard: one player on either side against the model, or
//! two players taking turns, each giving the month's order in secret behind a
//! hand-over screen; the orders are revealed and resolved together.

use crate::game::rules::{self, Choice};
use crate::game::scenario::{EndingId, MoveId, SIDES, Scenario, SideId};
use crate::game::{Difficulty, Phase, Setup, State};

use super::app::{App, Mode};
use super::words::Viewer;

/// Who plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Players {
    /// One person plays this side; the opponent model plays the other.
    One(SideId),
    /// Two people, one keyboard: both sides give their orders in secret.
    Two,
}

impl Players {
    /// The scenario's usual game: one player on its usual side.
    pub fn usual(sc: &Scenario) -> Players {
        Players::One(sc.default_player)
    }

    /// Who plays in a game with this setup.
    pub fn of(setup: Setup) -> Players {
        if setup.human.iter().all(|h| *h) {
            Players::Two
        } else {
            Players::One(setup.player())
        }
    }

    /// The setup a new game starts with.
    pub fn setup(self, difficulty: Difficulty) -> Setup {
        match self {
            Players::One(side) => Setup::single(side, difficulty),
            Players::Two => Setup {
                human: [true; SIDES],
                difficulty,
            },
        }
    }

    /// The choices of the title screen's side row, in order: each side alone, then both.
    fn all() -> [Players; SIDES + 1] {
        [
            Players::One(SideId(0)),
            Players::One(SideId(1)),
            Players::Two,
        ]
    }

    /// One step along the side row (clamped at its ends).
    pub fn step(self, step: i32) -> Players {
        let all = Players::all();
        let i = all.iter().position(|p| *p == self).unwrap_or(0) as i32;
        all[(i + step).clamp(0, all.len() as i32 - 1) as usize]
    }

    /// The next choice of the side row, back to the first after the last.
    pub fn cycle(self) -> Players {
        let all = Players::all();
        let i = all.iter().position(|p| *p == self).unwrap_or(0);
        all[(i + 1) % all.len()]
    }

    /// "Moscow", or "both: two players" for the title screen.
    pub fn name(self, sc: &Scenario) -> String {
        match self {
            Players::One(side) => sc.side(side).name.clone(),
            Players::Two => "both: two players, one keyboard".to_string(),
        }
    }
}

/// The two-player month as it is played: who holds the keyboard and the orders given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seats {
    /// The side at the keyboard alone (`None` when nobody is: after Continue, or
    /// while both read the month's report).
    pub at_keyboard: Option<SideId>,
    /// The side handed the keyboard for its secret order, until it gives it.
    pub handed: Option<SideId>,
    /// The orders given this month, sealed until every side has given its own.
    /// Kept only in memory: a sealed order is not saved (the month starts again).
    pub sealed: [Option<MoveId>; SIDES],
}

/// A side's ending and score: decided in the core (`game::outcome::result_for`).
pub fn result_for(sc: &Scenario, st: &State, side: SideId) -> (Option<EndingId>, i32) {
    rules::result_for(sc, st, side)
}

impl App {
    /// Who plays the game in hand (or the next new one).
    pub fn players(&self) -> Players {
        self.game
            .as_ref()
            .map_or(self.options.players, |g| Players::of(g.setup()))
    }

    /// The side whose screen is up: the one player, or the side at the keyboard.
    pub fn seat(&self) -> SideId {
        match self.players() {
            Players::One(side) => side,
            Players::Two => self.seats.at_keyboard.unwrap_or(SideId(0)),
        }
    }

    /// Whose eyes the reports are written for: the one player, or both together.
    pub fn report_viewer(&self) -> Viewer {
        match self.players() {
            Players::One(side) => Viewer::Side(side),
            Players::Two => Viewer::Both,
        }
    }

    /// The side that gives the next secret order this month, if any is still to come.
    fn next_to_order(&self) -> Option<SideId> {
        let setup = self.game.as_ref()?.setup();
        (0..SIDES as u8)
            .map(SideId)
            .find(|s| setup.human[s.index()] && self.seats.sealed[s.index()].is_none())
    }

    /// The screen the game calls for now (in a replay, with the recorded choice selected).
    pub(super) fn next_mode(&mut self) -> Mode {
        let recorded = self.next_recorded();
        let two = self.players() == Players::Two && self.replay.is_none();
        let Some(phase) = self.game.as_ref().map(|g| g.state().phase) else {
            return Mode::Title { cursor: 0 };
        };
        match phase {
            Phase::Orders => {
                if two {
                    let side = self.next_to_order().unwrap_or(SideId(0));
                    if self.seats.handed != Some(side) {
                        return Mode::Handover { to: side };
                    }
                }
                let seat = self.seat();
                let recorded = match recorded {
                    Some(Choice::Move { mv }) => Some(mv),
                    Some(Choice::Orders { moves }) => Some(moves[seat.index()]),
                    _ => None,
                };
                if let Some(mv) = recorded
                    && let Some(i) = self.scenario.moves_of(seat).position(|m| m == mv)
                {
                    self.move_cursor[seat.index()] = i;
                }
                Mode::Playing {
                    cursor: self.move_cursor[seat.index()],
                }
            }
            Phase::Card(e) => {
                let to = self.scenario.event(e).concerns;
                if two && self.seats.at_keyboard != Some(to) {
                    return Mode::Handover { to };
                }
                Mode::Card {
                    cursor: match recorded {
                        Some(Choice::Answer { choice }) => choice as usize,
                        _ => 0,
                    },
                }
            }
            Phase::Over(_) => Mode::End { scroll: 0 },
        }
    }

    /// The hand-over screen's Enter: the side it named has the keyboard now.
    pub(super) fn take_keyboard(&mut self, side: SideId) {
        self.seats.at_keyboard = Some(side);
        if matches!(
            self.game.as_ref().map(|g| g.state().phase),
            Some(Phase::Orders)
        ) {
            self.seats.handed = Some(side);
        }
        self.status = None;
        self.mode = self.next_mode();
    }

    /// A move chosen on the list: in a two-player game it is sealed until the
    /// other side has given its own, then both are played together.
    pub(super) fn give_order(&mut self, mv: MoveId) {
        let side = self.seat();
        self.seats.sealed[side.index()] = Some(mv);
        self.seats.handed = None;
        let all: Option<Vec<MoveId>> = self.seats.sealed.iter().copied().collect();
        match all.and_then(|v| <[MoveId; SIDES]>::try_from(v).ok()) {
            Some(moves) => {
                // Both read the month's report together: nobody holds the keyboard
                // alone now, so the next private screen (a card) is handed over too.
                self.seats = Seats::default();
                self.play(Choice::Orders { moves });
            }
            None => self.mode = self.next_mode(),
        }
    }

    /// Forget the month's sealed orders and who holds the keyboard (a new game,
    /// Continue, undo): the month starts again at its first hand-over.
    pub(super) fn reset_seats(&mut self) {
        self.seats = Seats::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_side_row_steps_and_cycles() {
        let w = Players::One(SideId(0));
        let m = Players::One(SideId(1));
        assert_eq!(w.step(1), m);
        assert_eq!(m.step(1), Players::Two);
        assert_eq!(Players::Two.step(1), Players::Two);
        assert_eq!(w.step(-1), w);
        assert_eq!(Players::Two.cycle(), w);
    }

    /// Two players, and Moscow's ending ended the game: Washington gets its own
    /// ending and score, never Moscow's ending's bonus.
    #[test]
    fn each_side_is_scored_on_its_own_ending() {
        let sc = Scenario::builtin();
        let moscow = sc.side_id("moscow").unwrap();
        let washington = sc.default_player;
        let turmoil = sc.ending_id("moscow_turmoil").unwrap();
        let mut st = State::new(&sc, Players::Two.setup(Difficulty::Normal));
        st.meters[sc.meter("kremlin").unwrap().index()] = 0;
        st.phase = Phase::Over(turmoil);
        let (m_end, m_score) = result_for(&sc, &st, moscow);
        assert_eq!(m_end, Some(turmoil));
        let (w_end, w_score) = result_for(&sc, &st, washington);
        let w_end = w_end.expect("Washington has an ending");
        assert_eq!(sc.ending(w_end).side, washington);
        // The core scores each side on its own ending, whoever's ended the game.
        assert_eq!(rules::score(&sc, &st, washington), w_score);
        let washington_alone = {
            let mut s = st;
            s.phase = Phase::Over(w_end);
            rules::score(&sc, &s, washington)
        };
        assert_eq!(w_score, washington_alone);
        assert!(m_score != w_score);
    }

    #[test]
    fn setups_round_trip() {
        for p in Players::all() {
            assert_eq!(Players::of(p.setup(Difficulty::Hard)), p);
        }
    }
}
