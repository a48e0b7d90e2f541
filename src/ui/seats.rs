//! Who sits at the keyboard: one player on either side against the model, or
//! two players taking turns, each giving the month's order in secret behind a
//! hand-over screen; the orders are revealed and resolved together.

use crate::game::scenario::{MoveId, SIDES, Scenario, SideId};
use crate::game::{Difficulty, Setup};

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
    #[must_use]
    pub fn usual(sc: &Scenario) -> Players {
        Players::One(sc.default_player)
    }

    /// Who plays in a game with this setup.
    #[must_use]
    pub fn of(setup: Setup) -> Players {
        if setup.human.iter().all(|h| *h) {
            Players::Two
        } else {
            Players::One(setup.player())
        }
    }

    /// The setup a new game starts with.
    #[must_use]
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
        let [a, b] = SideId::ALL;
        [Players::One(a), Players::One(b), Players::Two]
    }

    /// One step along the side row (clamped at its ends).
    #[must_use]
    pub fn step(self, step: i32) -> Players {
        let all = Players::all();
        let i = all.iter().position(|p| *p == self).unwrap_or(0) as i32;
        all[(i + step).clamp(0, all.len() as i32 - 1) as usize]
    }

    /// The next choice of the side row, back to the first after the last.
    #[must_use]
    pub fn cycle(self) -> Players {
        let all = Players::all();
        let i = all.iter().position(|p| *p == self).unwrap_or(0);
        all[(i + 1) % all.len()]
    }

    /// "Moscow", or "both: two players" for the title screen.
    #[must_use]
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

    #[test]
    fn setups_round_trip() {
        for p in Players::all() {
            assert_eq!(Players::of(p.setup(Difficulty::Hard)), p);
        }
    }
}
