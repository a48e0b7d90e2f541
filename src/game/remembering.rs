//! The look-ahead's memory for the advisor, which asks the model a thousand
//! times from nearby states: a choice worked out once is taken from memory.

use std::cell::RefCell;

use rand::Rng;
use rustc_hash::FxHashMap;

use super::opponent::{LookAhead, Model, Plain, read, settle};
use super::report::Journal;
use super::scenario::{MoveId, Scenario, SideId};
use super::state::State;

/// [`ByScenario`] with a memory, for whoever asks the model many times from
/// nearby states (the advisor's samples): the look-ahead's choice depends only on
/// the state, the move seen and the posture read, so asked again it is taken from
/// memory. Draw for draw and answer for answer the same as [`ByScenario`].
#[derive(Debug, Default)]
pub struct Remembering {
    choices: RefCell<FxHashMap<Asked, Option<MoveId>>>,
}

/// What a look-ahead's choice depends on: the state, the side, the move seen, the posture.
type Asked = (State, SideId, Option<MoveId>, u8);

impl Remembering {
    /// How many choices it remembers.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.choices.borrow().len()
    }
}

impl Model for Remembering {
    fn answer<R: Rng + ?Sized, J: Journal>(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        seen: Option<MoveId>,
        rng: &mut R,
        j: &mut J,
    ) -> MoveId {
        let ai = &sc.side(side).ai[st.setup.difficulty.index()];
        if !ai.lookahead {
            return Plain.answer(sc, st, side, seen, rng, j);
        }
        // As `LookAhead::answer`, its choice remembered.
        let posture = read(sc, st, side, seen, rng, j);
        let key = (*st, side, seen, posture as u8);
        let known = self.choices.borrow().get(&key).copied();
        let best = known.unwrap_or_else(|| {
            let best = LookAhead::of(ai).best(sc, st, side, seen, posture);
            self.choices.borrow_mut().insert(key, best);
            best
        });
        best.unwrap_or_else(|| settle(sc, st, side, seen, posture, rng))
    }
}
