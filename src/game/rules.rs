//! The rules: one entry point from (state, choice, rng) to a new state, with
//! every change written to a journal.

use std::fmt;

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::apply::{apply, apply_kept, change, fade_ledgers};
use super::dice;
use super::fatigue::tire;
use super::news::{answer_card, begin_month};
use super::opponent::{ByScenario, Model};
use super::outcome::check_endings;
use super::report::{Cause, Journal, Note};
use super::scenario::{Chance, EndingCheck, MAX_METERS, MoveId, SIDES, Scenario, SideId};

use super::state::{MemorySource, Outcome, Phase, Setup, State};

// Endings and scores live in `outcome`, fatigue in `fatigue`; these names stay here for callers.
pub use super::cond::holds;
pub use super::fatigue::{fatigue_percent, repeats};
pub use super::outcome::{ending_for, find_ending, result_for, score};

/// The version of the rules. Bump it whenever the same scenario, seed and choices
/// would play out differently, so an old save says why it no longer replays.
/// 2: the model answers cards with a whim; cards may be kept for players.
/// 3: each side's model has a hidden temperament, and the state keeps what
///    the other side believes of it; moves tire, meters keep a trend.
/// 4: memory fades before drift, so drift reads the meters the player sees.
/// 5: a memory is filed at what it really moved its meter (a grudge cut short
///    by the floor fades back only what it took).
/// 6: the looking-ahead model imagines every candidate in the same 16 futures,
///    seeded by the state, and draws nothing from the game's dice for them.
/// 7: the looking-ahead model imagines a month to its end without the next
///    month's news; a level says how many futures (`futures`).
/// 8: a model's move the scenario `asks` of a person is put to them as a card
///    the next month, not rolled.
/// 9: a change scaled by a meter keeps its sign (a gain shrinks to nothing,
///    never to a loss); the model puts no move to a person in the last month.
/// 10: a trend reads each month as the next one opened (after its news and
///    cards), not as it closed.
pub const RULES_VERSION: u32 = 10;

/// What a player decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    /// The month's move of the one human side; the model answers for the other.
    Move { mv: MoveId },
    /// Both sides' moves at once (two players, or a policy on each side).
    Orders { moves: [MoveId; SIDES] },
    /// The answer to the choice card on the table.
    Answer { choice: u8 },
}

/// Why a choice was refused; the state is left untouched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlayError {
    GameOver,
    /// A card waits for an answer first.
    CardPending,
    /// There is no card to answer.
    NoCard,
    NoSuchChoice,
    NoSuchMove,
    /// The move belongs to the other side.
    NotYourMove,
    /// The move's requirements are not met.
    Unavailable,
    /// `Move` needs exactly one human side (use `Orders` to give both sides' moves).
    WrongKind,
}

impl fmt::Display for PlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlayError::GameOver => "the game is over",
            PlayError::CardPending => "a card is waiting for an answer",
            PlayError::NoCard => "there is no card to answer",
            PlayError::NoSuchChoice => "that card has no such choice",
            PlayError::NoSuchMove => "no such move",
            PlayError::NotYourMove => "that move belongs to the other side",
            PlayError::Unavailable => "that move is not available now",
            PlayError::WrongKind => "this game takes orders for both sides",
        })
    }
}

impl std::error::Error for PlayError {}

/// A new game: the state after the first month's news.
pub fn start<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    setup: Setup,
    rng: &mut R,
    j: &mut J,
) -> State {
    let mut st = State::new(sc, setup);
    super::belief::draw_true(sc, &mut st, rng);
    begin_month(sc, &mut st, None, rng, j);
    st
}

/// Play one choice, the computer's sides answered by the models the scenario
/// names (see [`ByScenario`]). On error the state is unchanged.
pub fn play<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    choice: Choice,
    rng: &mut R,
    j: &mut J,
) -> Result<(), PlayError> {
    play_with(sc, st, choice, &ByScenario, rng, j)
}

/// Play one choice with `model` answering for every side no person plays.
/// The model is the only way the rules reach an opponent: a model that
/// imagines the future passes a simpler one in here, so nothing recurses.
pub fn play_with<M: Model, R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    choice: Choice,
    model: &M,
    rng: &mut R,
    j: &mut J,
) -> Result<(), PlayError> {
    match (st.phase, choice) {
        (Phase::Over(_), _) => Err(PlayError::GameOver),
        (Phase::Card(_), Choice::Move { .. } | Choice::Orders { .. }) => {
            Err(PlayError::CardPending)
        }
        (Phase::Orders, Choice::Answer { .. }) => Err(PlayError::NoCard),
        (Phase::Card(e), Choice::Answer { choice }) => {
            if choice as usize >= sc.event(e).choices.len() {
                return Err(PlayError::NoSuchChoice);
            }
            answer_card(sc, st, e, choice, rng, j);
            Ok(())
        }
        (Phase::Orders, Choice::Move { mv }) => {
            let humans = st.setup.human.iter().filter(|h| **h).count();
            if humans != 1 {
                return Err(PlayError::WrongKind);
            }
            let side = st.setup.player();
            check_move(sc, st, side, mv)?;
            let mut orders = [None; SIDES];
            orders[side.index()] = Some(mv);
            resolve(sc, st, orders, model, rng, j);
            Ok(())
        }
        (Phase::Orders, Choice::Orders { moves }) => {
            for side in SideId::ALL {
                check_move(sc, st, side, moves[side.index()])?;
            }
            resolve(sc, st, moves.map(Some), model, rng, j);
            Ok(())
        }
    }
}

fn check_move(sc: &Scenario, st: &State, side: SideId, mv: MoveId) -> Result<(), PlayError> {
    let m = sc.moves.get(mv.index()).ok_or(PlayError::NoSuchMove)?;
    if m.side != side {
        return Err(PlayError::NotYourMove);
    }
    if !is_legal(sc, st, mv) {
        return Err(PlayError::Unavailable);
    }
    Ok(())
}

#[inline]
/// Whether a person may make a move now: its requirements hold and, if it
/// answers certain moves, the other side made one of them last month.
#[must_use]
pub fn is_legal(sc: &Scenario, st: &State, mv: MoveId) -> bool {
    holds(&sc.mv(mv).requires, st) && follows_last(sc, st, mv)
}

/// Whether `mv` may follow the other side's move last month: it answers
/// nothing, or answers that move (`Move::answers`).
#[must_use]
pub fn follows_last(sc: &Scenario, st: &State, mv: MoveId) -> bool {
    let last = st.last_moves[sc.mv(mv).side.other().index()];
    sc.index.may_follow(last) & (1 << mv.index()) != 0
}

/// The moves a side may make now, in scenario order.
pub fn legal_moves(
    sc: &Scenario,
    st: &State,
    side: SideId,
) -> impl Iterator<Item = MoveId> + use<> {
    move_bits(legal_set(sc, st, side))
}

/// The moves a side may make now as bits by move id (bit `i`, move `i`):
/// [`is_legal`] of each of the side's moves, decided together.
#[inline]
#[must_use]
pub fn legal_set(sc: &Scenario, st: &State, side: SideId) -> u64 {
    let last = st.last_moves[side.other().index()];
    requirements_met(sc, st, side) & sc.index.may_follow(last)
}

/// The side's moves whose requirements hold now, as bits by move id (see
/// `Index::requires`): whatever they answer.
#[inline]
#[must_use]
pub(crate) fn requirements_met(sc: &Scenario, st: &State, side: SideId) -> u64 {
    super::cond::holding(&sc.index.requires[side.index()], st, u64::MAX, |i| {
        holds(&sc.moves[i].requires, st)
    })
}

/// The moves of a set of bits (bit `i`, move `i`), lowest id (scenario order) first.
#[inline]
pub fn move_bits(mut set: u64) -> impl Iterator<Item = MoveId> + Clone + use<> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let id = MoveId(set.trailing_zeros() as u8);
            set &= set - 1;
            id
        })
    })
}

/// The probability a chance gives in this state.
#[must_use]
pub fn probability(c: &Chance, st: &State) -> f64 {
    let p = c
        .per
        .iter()
        .fold(c.base, |p, (m, k)| p + k * f64::from(st.meter(*m)));
    p.clamp(c.min, c.max)
}

/// The chance `side`'s move `mv` succeeds now: the scenario's chance, moved
/// by how readily the other side says yes at the game's level (`accept`) when
/// the model plays that side — a person answers for themselves — and kept
/// within the chance's own bounds.
#[must_use]
pub fn odds(sc: &Scenario, st: &State, side: SideId, mv: MoveId) -> f64 {
    let c = &sc.mv(mv).chance;
    let other = side.other();
    let accept = if st.setup.human[other.index()] {
        0.0
    } else {
        sc.side(other).ai[st.setup.difficulty.index()].accept
    };
    (probability(c, st) + accept).clamp(c.min, c.max)
}

/// [`odds`] as a whole percentage, the figure the player is shown; `None` for a
/// move that cannot fail.
#[must_use]
pub fn odds_percent(sc: &Scenario, st: &State, mv: MoveId) -> Option<u32> {
    let m = sc.mv(mv);
    (!m.chance.is_certain()).then(|| (odds(sc, st, m.side, mv) * 100.0).round() as u32)
}

/// A side's move: its sure effects, then its success or failure, each
/// shrunk by the move's fatigue if it was made recently. A move `put` to
/// the other side (the computer's, to a person: see `Move::asks`) sets its
/// flag instead of rolling: the card waiting on it carries the outcome.
pub(crate) fn make_move<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    side: SideId,
    mv: MoveId,
    put: bool,
    rng: &mut R,
    j: &mut J,
) {
    let m = sc.mv(mv);
    let asked = if put { m.asks } else { None };
    let [sure, succeeded, failed] = sc.index.effects.of_move(mv);
    let lost = fatigue_percent(sc, st, mv);
    let keep = 100 - lost;
    apply_kept(
        sc,
        st,
        sure,
        Cause::Move {
            side,
            mv,
            outcome: Outcome::Always,
        },
        MemorySource::Move(mv, Outcome::Always),
        keep,
        rng,
        j,
    );
    let success = if m.chance.is_certain() || asked.is_some() {
        None
    } else {
        Some(dice::chance(rng, odds(sc, st, side, mv)))
    };
    let (outcome, effect) = match success {
        Some(false) => (Outcome::Failure, failed),
        _ => (Outcome::Success, succeeded),
    };
    j.note(Note::Moved { side, mv, success });
    if lost > 0 {
        j.note(Note::Repeated {
            side,
            mv,
            percent: lost,
        });
    }
    if let Some(flag) = asked {
        st.flags |= 1 << flag.0;
    } else {
        apply_kept(
            sc,
            st,
            effect,
            Cause::Move { side, mv, outcome },
            MemorySource::Move(mv, outcome),
            keep,
            rng,
            j,
        );
    }
    tire(sc, st, mv);
    st.last_moves[side.index()] = Some(mv);
}

/// The month: both sides' moves, memory fading, drift, then the next month's news.
/// Memory fades before drift is checked, so a rule (a treaty stage slipping on
/// low trust) fires on the trust the player is then shown, never on a value
/// from halfway through the month.
fn resolve<M: Model, R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    orders: [Option<MoveId>; SIDES],
    model: &M,
    rng: &mut R,
    j: &mut J,
) {
    if let Some(before) = end_month(sc, st, orders, model, true, rng, j) {
        st.close_month();
        st.turn += 1;
        begin_month(sc, st, Some(&before), rng, j);
    }
}

/// A month as the look-ahead imagines it: the orders and the answers, memory,
/// drift and any ending they bring, but not the next month's news — a card the
/// next month would draw is noise to the choice, and half the cost of a future.
pub(super) fn imagine_month<M: Model, R: Rng + ?Sized>(
    sc: &Scenario,
    st: &mut State,
    orders: [Option<MoveId>; SIDES],
    model: &M,
    rng: &mut R,
) {
    let _ = end_month(sc, st, orders, model, false, rng, &mut ());
}

/// The month's moves (people's orders, then the model's answers), memory and
/// drift, and the endings they bring. The meters the month began with when the
/// game goes on into a next month; `None` when it ended. In a month `played`
/// (not imagined), a model's move put to a person waits for their answer
/// (`Move::asks`); the model imagining a future rolls its chance, as its
/// estimate of that answer.
fn end_month<M: Model, R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    orders: [Option<MoveId>; SIDES],
    model: &M,
    played: bool,
    rng: &mut R,
    j: &mut J,
) -> Option<[i16; MAX_METERS]> {
    let before = st.meters;
    let ladder_before = ladder_rung(sc, st);
    // People's orders first, in side order; the model then answers what it saw.
    for side in SideId::ALL {
        if let Some(mv) = orders[side.index()] {
            make_move(sc, st, side, mv, false, rng, j);
        }
    }
    for side in SideId::ALL {
        if orders[side.index()].is_none() {
            let seen = orders[side.other().index()];
            let mv = model.answer(sc, st, side, seen, rng, j);
            // The other side learns from the answer, as it was made.
            super::belief::observe(sc, st, side, seen, mv);
            let put = played && st.setup.human[side.other().index()];
            make_move(sc, st, side, mv, put, rng, j);
        }
    }
    fade_ledgers(sc, st, j);
    for (i, d) in sc.drift.iter().enumerate() {
        if holds(&d.when, st) {
            apply(
                sc,
                st,
                sc.index.effects.of_drift(i),
                Cause::Drift { rule: i as u8 },
                MemorySource::Drift(i as u8),
                rng,
                j,
            );
        }
    }
    cap_rises(sc, st, &before, j);
    note_rungs(sc, st, ladder_before, j);
    if check_endings(sc, st, EndingCheck::Always, j) {
        return None;
    }
    if st.turn + 1 >= sc.calendar.turns {
        check_endings(sc, st, EndingCheck::Deadline, j);
        return None;
    }
    Some(before)
}

/// No meter climbs more than its limit in a month (moves, drift and the next
/// month's news together): the top of the ladder is never a surprise.
pub(super) fn cap_rises<J: Journal>(
    sc: &Scenario,
    st: &mut State,
    before: &[i16; MAX_METERS],
    j: &mut J,
) {
    // Only the meters with a limit, from the index.
    for &(m, max) in &sc.index.capped {
        let rise = st.meter(m) - before[m.index()];
        if rise > max {
            change(st, m, max - rise, Cause::Capped, j);
        }
    }
}

/// The ladder's rung now, if the scenario has a ladder.
#[inline]
pub(super) fn ladder_rung(sc: &Scenario, st: &State) -> Option<u8> {
    // From the index: the ladder and its rungs worked out once.
    sc.index
        .ladder
        .map(|l| sc.index.ladder_rung(sc, l, st.meter(l)))
}

/// Note a change of rung and keep the game's highest rung.
pub(super) fn note_rungs<J: Journal>(sc: &Scenario, st: &mut State, before: Option<u8>, j: &mut J) {
    if let (Some(from), Some(to)) = (before, ladder_rung(sc, st)) {
        if from != to {
            j.note(Note::Rung { from, to });
        }
        st.peak_rung = st.peak_rung.max(to);
    }
}
