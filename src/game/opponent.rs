//! The opponent model: how a capital played by the computer answers.
//!
//! Generous tit-for-tat with a memory: it reads the other side's move (and
//! sometimes misreads it as more hostile than it was), decides on a posture —
//! retaliate, let it pass, reciprocate — weighted by its trust, then picks a
//! move of that posture by the scenario's weights.
//!
//! The rules take the answering model as a parameter ([`Model`]). There are
//! two, told apart by type: [`Plain`] reads and answers and never plays the
//! rules; [`LookAhead`] imagines each candidate's month with a `Plain` passed
//! in, so looking ahead cannot recurse whatever a scenario says. [`ByScenario`]
//! is the one a game uses: the model each side's level names.

use rand::Rng;

use super::dice;
use super::report::{Journal, Note};
use super::rules::{is_legal, move_bits, requirements_met};
use super::scenario::{
    AiParams, EventId, MAX_MOVES, MeterId, MoveId, Posture, SIDES, Scenario, SideId,
};

use super::character::{Character, answer_odds, misread_chance};
use super::scenario::limits::MAX_CHOICES;
// The odds of each posture live with the character that sets them.
pub use super::character::posture_odds;
use super::state::{Difficulty, Phase, State};

pub use super::remembering::Remembering;

/// Who answers for a side the computer plays: its move, having seen the
/// other side's move `seen` (if any).
pub trait Model {
    fn answer<R: Rng + ?Sized, J: Journal>(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        seen: Option<MoveId>,
        rng: &mut R,
        j: &mut J,
    ) -> MoveId;
}

/// Generous tit-for-tat: reads the move, decides a posture, picks a move of
/// it. It never plays the rules, so it is what an imagined future is played by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Plain;

/// Reads like [`Plain`], then among the posture's moves picks the one whose
/// imagined outcome best serves the side's objective. The future is imagined
/// with `imagine`, a [`Plain`]: a type that cannot look ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookAhead {
    pub imagine: Plain,
    /// Imagined months per candidate move.
    pub samples: u64,
}

impl LookAhead {
    /// The look-ahead a level of the scenario names: its `futures` per candidate.
    #[must_use]
    pub fn of(ai: &AiParams) -> LookAhead {
        LookAhead {
            imagine: Plain,
            samples: u64::from(ai.futures),
        }
    }
}

/// The model the scenario names for a side at the game's level: a
/// [`LookAhead`] where the level says `lookahead`, else [`Plain`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByScenario;

impl Model for Plain {
    fn answer<R: Rng + ?Sized, J: Journal>(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        seen: Option<MoveId>,
        rng: &mut R,
        j: &mut J,
    ) -> MoveId {
        let posture = read(sc, st, side, seen, rng, j);
        settle(sc, st, side, seen, posture, rng)
    }
}

impl Model for LookAhead {
    fn answer<R: Rng + ?Sized, J: Journal>(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        seen: Option<MoveId>,
        rng: &mut R,
        j: &mut J,
    ) -> MoveId {
        let posture = read(sc, st, side, seen, rng, j);
        match self.best(sc, st, side, seen, posture) {
            Some(best) => best,
            None => settle(sc, st, side, seen, posture, rng),
        }
    }
}

impl Model for ByScenario {
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
        if ai.lookahead {
            LookAhead::of(ai).answer(sc, st, side, seen, rng, j)
        } else {
            Plain.answer(sc, st, side, seen, rng, j)
        }
    }
}

/// The move the scenario's model for `side` makes (see [`ByScenario`]).
pub fn answer<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &State,
    side: SideId,
    seen: Option<MoveId>,
    rng: &mut R,
    j: &mut J,
) -> MoveId {
    ByScenario.answer(sc, st, side, seen, rng, j)
}

/// How `side` reads the other side's move, and the posture it answers with.
pub(super) fn read<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &State,
    side: SideId,
    seen: Option<MoveId>,
    rng: &mut R,
    j: &mut J,
) -> Posture {
    let c = Character::of(sc, st, side, usize::from(st.temperament[side.index()]));
    let stance = seen.map_or(0, |m| sc.mv(m).stance);
    // Suspicion: the less it trusts, the likelier a move reads one step worse.
    let misread = stance > -2 && dice::chance(rng, misread_chance(&c, stance));
    let perceived = if misread { stance - 1 } else { stance };
    let [f, n, _] = answer_odds(&c, perceived);
    // One draw against the answers in a fixed order: after a hostile reading
    // letting it pass comes first, else a friendly answer does.
    let x = dice::unit(rng);
    let posture = if perceived < 0 {
        if x < n {
            Posture::Neutral
        } else if x < n + f {
            Posture::Friendly
        } else {
            Posture::Hostile
        }
    } else if x < f {
        Posture::Friendly
    } else if x < f + n {
        Posture::Neutral
    } else {
        Posture::Hostile
    };
    j.note(Note::Reading {
        side,
        perceived,
        misread,
        forgave: perceived < 0 && posture != Posture::Hostile,
    });
    posture
}

/// A move of the posture by the scenario's weights, else a neutral one, else
/// any legal move, else the side's first (a compiled scenario gives each one).
pub(super) fn settle<R: Rng + ?Sized>(
    sc: &Scenario,
    st: &State,
    side: SideId,
    seen: Option<MoveId>,
    posture: Posture,
    rng: &mut R,
) -> MoveId {
    let open = answerable(sc, st, side, seen);
    pick(sc, st, side, open, posture, rng)
        .or_else(|| pick(sc, st, side, open, Posture::Neutral, rng))
        .or_else(|| sc.moves_of(side).find(|m| is_legal(sc, st, *m)))
        .unwrap_or_else(|| {
            sc.moves_of(side)
                .next()
                .expect("a compiled scenario gives every side a move")
        })
}

impl LookAhead {
    /// Among the legal moves of the chosen posture, the one whose outcome
    /// best serves this side's objective, each imagined `samples` times: the
    /// move made, then, when a person plays the other side, a month played on
    /// with a random legal reply of theirs and `imagine` answering for this side,
    /// to the month's end (memory, drift, endings) but not the next month's news.
    ///
    /// Every candidate is imagined in the same `samples` futures (common random
    /// numbers): the move's own dice come from one stream and the reply and the
    /// month after it from another, so two candidates' futures differ by what the
    /// moves did, not by which dice they happened to draw. The futures are the
    /// state's own ([`futures_seed`]), so the choice draws nothing from the game's
    /// dice and the same state is always judged alike. A posture with one candidate
    /// is answered without imagining.
    pub(super) fn best(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        seen: Option<MoveId>,
        posture: Posture,
    ) -> Option<MoveId> {
        let seed = futures_seed(st);
        // A move the scenario weighs at nothing is never the model's, however good it looks.
        let mut set = 0u64;
        for id in move_bits(candidates(
            sc,
            side,
            answerable(sc, st, side, seen),
            posture,
        )) {
            if model_weight(sc, st, id) > 0.0 {
                set |= 1 << id.0;
            }
        }
        let ids = move_bits(set);
        if set.count_ones() == 1 {
            return ids.into_iter().next();
        }
        let mut best: Option<(f64, MoveId)> = None;
        for id in ids {
            let total: f64 = (0..self.samples)
                .map(|k| self.imagine_month(sc, st, side, id, seed, k))
                .sum();
            if best.is_none_or(|(b, _)| total > b) {
                best = Some((total, id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// The value for `side` of its `k`-th imagined future after move `id`.
    fn imagine_month(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        id: MoveId,
        seed: u64,
        k: u64,
    ) -> f64 {
        use super::rules::{imagine_month, legal_moves, make_move};
        let other = side.other();
        let mut s = *st;
        // The imagined rival plays the normal level's parameters; it
        // cannot look ahead in any case, being a `Plain`.
        s.setup.difficulty = Difficulty::Normal;
        let mut own = dice::game_rng(seed, k);
        make_move(sc, &mut s, side, id, false, &mut own, &mut ());
        let mut after = dice::game_rng(seed ^ MONTH_AFTER, k);
        // The reply's draw is made whatever follows, so the month after stays in step.
        let x = dice::unit(&mut after);
        if s.setup.human[other.index()] && matches!(s.phase, Phase::Orders) {
            // The legal replies, listed once (a fixed array: this runs in every future).
            let mut legal = [MoveId(0); MAX_MOVES];
            let mut n = 0;
            for mv in legal_moves(sc, &s, other) {
                legal[n] = mv;
                n += 1;
            }
            if let Some(mv) = legal[..n].get((x * n as f64) as usize).copied() {
                let mut orders = [None; SIDES];
                orders[other.index()] = Some(mv);
                imagine_month(sc, &mut s, orders, &self.imagine, &mut after);
            }
        }
        value(sc, &s, side)
    }
}

/// The seed of the futures the model imagines in a state: the month's and the
/// meters', mixed (FNV-1a), so one state is always imagined alike and two states
/// apart are imagined apart.
fn futures_seed(st: &State) -> u64 {
    st.meters.iter().fold(FUTURES ^ u64::from(st.turn), |h, m| {
        (h ^ u64::from(*m as u16)).wrapping_mul(0x100_0000_01b3)
    })
}

/// The look-ahead's salt, kept from every other stream of the game.
const FUTURES: u64 = 0x6c6f_6f6b_6168_6561;

/// Separates the stream of an imagined month after the move from the move's own.
const MONTH_AFTER: u64 = 0x6d6f_6e74_6861_6674;

/// The scenario's weight for the model choosing a move now (never below zero).
fn model_weight(sc: &Scenario, st: &State, id: MoveId) -> f64 {
    let m = sc.mv(id);
    m.weight_per
        .iter()
        .fold(m.weight, |w, (k, c)| w + c * f64::from(st.meter(*k)))
        .max(0.0)
}

/// What `side`'s model values: its temperament's objective if it has one,
/// else the side's.
#[must_use]
pub fn objective<'a>(sc: &'a Scenario, st: &State, side: SideId) -> &'a [(MeterId, f64)] {
    let s = sc.side(side);
    match s
        .temperaments
        .get(usize::from(st.temperament[side.index()]))
    {
        Some(t) if !t.objective.is_empty() => &t.objective,
        _ => &s.objective,
    }
}

/// How good a state is for a side's model by what it values.
#[must_use]
pub fn value(sc: &Scenario, st: &State, side: SideId) -> f64 {
    objective(sc, st, side)
        .iter()
        .map(|(m, w)| w * f64::from(st.meter(*m)))
        .sum()
}

/// The moves of `side` whose requirements hold and that may answer `seen`
/// (every one that answers nothing, and those that answer it), as bits by
/// move id: worked out once for every posture the model tries. In the last
/// month, not a move put to a person (`Move::asks`): their answer would come
/// after the deadline, and the game would end on a question never asked.
fn answerable(sc: &Scenario, st: &State, side: SideId, seen: Option<MoveId>) -> u64 {
    let open = requirements_met(sc, st, side) & sc.index.may_follow(seen);
    if st.turn + 1 >= sc.calendar.turns && st.setup.human[side.other().index()] {
        open & !sc.index.asks
    } else {
        open
    }
}

/// The moves of `answerable` of a posture, as bits by move id.
fn candidates(sc: &Scenario, side: SideId, answerable: u64, posture: Posture) -> u64 {
    answerable & sc.index.posture_bits[side.index()][posture as usize]
}

/// A legal move of the posture among `answerable`, weighted by the scenario.
fn pick<R: Rng + ?Sized>(
    sc: &Scenario,
    st: &State,
    side: SideId,
    answerable: u64,
    posture: Posture,
    rng: &mut R,
) -> Option<MoveId> {
    // The candidates as a set of move ids (`MAX_MOVES` ≤ 64), lowest id
    // (scenario order) first, their weights read twice: no arrays to clear.
    let set = candidates(sc, side, answerable, posture);
    let weighed = move_bits(set).map(|id| (id, model_weight(sc, st, id)));
    dice::weighted_pick(rng, weighed)
}

// Every move id has its bit in `pick`'s set.
const _: () = assert!(super::scenario::MAX_MOVES <= u64::BITS as usize);

/// How a side played by the model answers a choice card: usually the answer
/// whose effects (at their midpoints) best serve the side's objective; on a
/// whim (the level's `whim` chance) any answer alike.
pub fn pick_choice<R: Rng + ?Sized>(
    sc: &Scenario,
    st: &State,
    side: SideId,
    event: EventId,
    rng: &mut R,
) -> u8 {
    let n = sc.event(event).choices.len();
    let whim = sc.side(side).ai[st.setup.difficulty.index()].whim;
    // The chance is drawn even when it is zero, so a scenario's whim does not
    // shift the rest of the random stream.
    if dice::chance(rng, whim) && n > 0 {
        return dice::range(rng, 0, n as i16 - 1) as u8;
    }
    let objective = objective(sc, st, side);
    let fx = &sc.index.effects;
    let value = |i: usize| -> f64 {
        fx.meters(fx.of_choice(event, i as u8))
            .iter()
            .map(|(m, a)| {
                let w = objective
                    .iter()
                    .find(|(o, _)| o == m)
                    .map_or(0.0, |(_, w)| *w);
                let now = f64::from(st.meter(*m));
                let (lo, hi) = a.at(&st.meters);
                let after = (now + f64::from(lo + hi) / 2.0).clamp(0.0, 100.0);
                w * (after - now)
            })
            .sum()
    };
    if n > MAX_CHOICES {
        // Never in a compiled scenario (its cards have at most `MAX_CHOICES`).
        return (0..n)
            .max_by(|a, b| value(*a).total_cmp(&value(*b)).then(b.cmp(a)))
            .unwrap_or(0) as u8;
    }
    // Each answer valued once, not once for each comparison.
    let mut values = [0.0; MAX_CHOICES];
    for (i, v) in values.iter_mut().enumerate().take(n) {
        *v = value(i);
    }
    (0..n)
        .max_by(|a, b| values[*a].total_cmp(&values[*b]).then(b.cmp(a)))
        .unwrap_or(0) as u8
}

#[cfg(test)]
#[path = "opponent_tests.rs"]
mod tests;
