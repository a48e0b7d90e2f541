//! What the opponent model is like in a state — its level's parameters
//! shaped by its temperament and the leanings that hold — and the odds of
//! each posture it answers with, which both the model (`opponent::read`) and
//! what the other side learns of it (`belief::observe`) read.

use super::rules::holds;
use super::scenario::{AiParams, MAX_TEMPERAMENTS, MoveId, Pressure, Scenario, SideId};
use super::state::State;

/// Trust assumed when a side keeps no memory meter.
const NEUTRAL_TRUST: f64 = 50.0;

/// What the model for `side` is like in this state: its level's parameters,
/// shaped by its temperament and by the leanings whose conditions hold.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Character<'a> {
    pub forgiveness: f64,
    pub reciprocity: f64,
    pub misread: f64,
    /// −1 … +1: the share of answers moved one step toward hostility (or, below
    /// zero, toward a concession).
    pub hostility: f64,
    /// The level's parameters, and the side's trust in the other (0–1): read
    /// once here, not again by each odds below.
    pub level: &'a AiParams,
    pub trust: f64,
}

impl<'a> Character<'a> {
    /// `side` as temperament `t` (an index into its scenario list; ignored
    /// when the side has none).
    #[inline]
    pub(crate) fn of(sc: &'a Scenario, st: &State, side: SideId, t: usize) -> Character<'a> {
        Character::level(sc, st, side).as_temperament(sc, st, side, t)
    }

    /// `side` at the game's level before its temperament: the part every
    /// temperament shares, worked out once when each is weighed (`posture_odds_each`).
    #[inline(always)]
    fn level(sc: &'a Scenario, st: &State, side: SideId) -> Character<'a> {
        let level = st.setup.difficulty.index();
        let p = &sc.side(side).ai[level];
        Character {
            forgiveness: p.forgiveness,
            reciprocity: p.reciprocity,
            misread: p.misread,
            hostility: p.hostility + lean_of(&sc.side(side).pressures[level], st),
            level: p,
            trust: trust_of(sc, st, side),
        }
    }

    /// This (level) character shaped by temperament `t`, its hostility clamped.
    #[inline(always)]
    fn as_temperament(
        mut self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        t: usize,
    ) -> Character<'a> {
        if let Some(t) = sc.side(side).temperaments.get(t) {
            self.forgiveness *= t.forgiveness;
            self.reciprocity *= t.reciprocity;
            self.misread *= t.misread;
            self.hostility += t.hostility + lean_of(&t.pressures, st);
        }
        self.hostility = self.hostility.clamp(-1.0, 1.0);
        self
    }
}

/// The hostility the leanings whose conditions hold add up to, in order
/// from `-0.0` as `Iterator::sum` adds (the same number): a plain loop, so
/// it is inlined rather than a call for each of the four characters the
/// belief update weighs.
#[inline(always)]
fn lean_of(ps: &[Pressure], st: &State) -> f64 {
    let mut sum = -0.0;
    for q in ps {
        if holds(&q.when, st) {
            sum += q.hostility;
        }
    }
    sum
}

/// Trust of `side` in the other, from 0 to 1.
fn trust_of(sc: &Scenario, st: &State, side: SideId) -> f64 {
    sc.side(side)
        .memory_meter
        .map_or(NEUTRAL_TRUST, |m| f64::from(st.meter(m)))
        / 100.0
}

/// The chance `side` misreads a move of `stance` as one step worse.
pub(super) fn misread_chance(c: &Character, stance: i8) -> f64 {
    if stance > -2 {
        c.misread * (c.level.misread_scale - c.trust)
    } else {
        0.0
    }
}

/// The chances of answering (friendly, neutral, hostile) a move read as
/// `perceived`, before the character's lean.
#[inline(always)]
pub(super) fn answer_odds(c: &Character, perceived: i8) -> [f64; 3] {
    let (p, trust) = (c.level, c.trust);
    let odds = match perceived {
        s if s < 0 => {
            // Forgiveness shrinks with each rung of hostility and grows with trust.
            let forgive = (c.forgiveness * (0.5 + trust) / f64::from(-s)).clamp(0.0, 1.0);
            [0.0, forgive, 1.0 - forgive]
        }
        0 => {
            let friendly = (p.neutral_friendly
                + p.neutral_friendly_per_trust * trust * c.reciprocity)
                .clamp(0.0, 1.0);
            let calm =
                (p.neutral_hostile_from + p.neutral_hostile_per_trust * trust).clamp(friendly, 1.0);
            [friendly, calm - friendly, 1.0 - calm]
        }
        s => {
            let reciprocate =
                (c.reciprocity * (0.3 + trust) * (0.75 + 0.25 * f64::from(s))).clamp(0.0, 1.0);
            [reciprocate, 1.0 - reciprocate, 0.0]
        }
    };
    lean(odds, c.hostility)
}

/// Move a share `x` of the answers one step: toward hostility when `x > 0`,
/// toward a concession when `x < 0`.
#[inline(always)]
fn lean([f, n, h]: [f64; 3], x: f64) -> [f64; 3] {
    if x >= 0.0 {
        [f * (1.0 - x), n * (1.0 - x), h + x * (f + n)]
    } else {
        let y = -x;
        [f + y * n, n * (1.0 - y) + y * h, h * (1.0 - y)]
    }
}

/// The chances that `side`, as temperament `t`, answers `seen` with a
/// friendly, neutral or hostile posture: what the other side learns from.
#[must_use]
pub fn posture_odds(
    sc: &Scenario,
    st: &State,
    side: SideId,
    seen: Option<MoveId>,
    t: usize,
) -> [f64; 3] {
    odds_of(&Character::of(sc, st, side, t), stance_of(sc, seen))
}

/// `posture_odds(..)[posture]` for each of `side`'s temperaments whose
/// `wanted` entry is set (the others left at zero): the level's part worked
/// out once, and of each temperament's odds only the one posture's — each
/// posture its own inlined arm, the same operations as `odds_of`'s, so the
/// same numbers, without the other two.
pub(crate) fn posture_odds_each(
    sc: &Scenario,
    st: &State,
    side: SideId,
    seen: Option<MoveId>,
    wanted: &[bool; MAX_TEMPERAMENTS],
    posture: usize,
) -> [f64; MAX_TEMPERAMENTS] {
    let level = Character::level(sc, st, side);
    let stance = stance_of(sc, seen);
    let mut out = [0.0; MAX_TEMPERAMENTS];
    for (t, o) in out.iter_mut().enumerate() {
        if wanted[t] {
            let c = level.as_temperament(sc, st, side, t);
            *o = match posture {
                0 => odds_of(&c, stance)[0],
                1 => odds_of(&c, stance)[1],
                _ => odds_of(&c, stance)[2],
            };
        }
    }
    out
}

/// The stance of the move seen (0 when none was).
fn stance_of(sc: &Scenario, seen: Option<MoveId>) -> i8 {
    seen.map_or(0, |m| sc.mv(m).stance)
}

/// The posture odds of a character answering a move of `stance`.
#[inline(always)]
fn odds_of(c: &Character, stance: i8) -> [f64; 3] {
    let m = misread_chance(c, stance).clamp(0.0, 1.0);
    let plain = answer_odds(c, stance);
    if m > 0.0 {
        let worse = answer_odds(c, stance - 1);
        [0, 1, 2].map(|i| (1.0 - m) * plain[i] + m * worse[i])
    } else {
        plain
    }
}
