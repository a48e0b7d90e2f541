//! A side (capital): its memory meter, its opponent model per difficulty and
//! temperament, its score.

use super::MeterId;

/// One capital.
#[derive(Clone, Debug)]
pub struct Side {
    pub id: String,
    pub name: String,
    /// The meter that this side's memory ledger moves (its trust in the other).
    pub memory_meter: Option<MeterId>,
    /// How this side's opponent model behaves, per difficulty.
    pub ai: [AiParams; 3],
    /// Score weights on the final meters.
    pub score: Vec<(MeterId, f64)>,
    /// Points per month survived.
    pub score_per_turn: f64,
    /// Points lost per rung of the ladder reached at or above the warning rung.
    pub score_per_peak_rung: f64,
    /// What this side's AI values when it weighs effects (meter, weight).
    pub objective: Vec<(MeterId, f64)>,
    /// Each level's leanings while conditions hold (how hard it exploits a
    /// weakness), beside the temperament's own.
    pub pressures: [Vec<Pressure>; 3],
    /// The characters its model may be drawn with (empty: one plain character).
    pub temperaments: Vec<Temperament>,
}

/// Opponent model parameters for one difficulty.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AiParams {
    /// Chance to let a hostile move pass without retaliating.
    pub forgiveness: f64,
    /// Chance to answer a friendly move in kind (scaled by trust).
    pub reciprocity: f64,
    /// Chance to read a move as one step more hostile than it was.
    pub misread: f64,
    /// Chance to answer a choice card on impulse (any answer alike) instead
    /// of by the side's objective.
    pub whim: f64,
    /// Whether this level looks ahead before answering.
    pub lookahead: bool,
    /// Imagined futures per candidate move when it looks ahead (1..=`MAX_FUTURES`).
    pub futures: u16,
    /// Suspicion: a move is misread with chance `misread × (misread_scale −
    /// trust)`, trust from 0 to 1, so distrust makes misreading likelier.
    pub misread_scale: f64,
    /// After a move read as neutral, the answer is friendly with chance
    /// `neutral_friendly + neutral_friendly_per_trust × trust × reciprocity`…
    pub neutral_friendly: f64,
    pub neutral_friendly_per_trust: f64,
    /// …and hostile with chance `1 − (neutral_hostile_from +
    /// neutral_hostile_per_trust × trust)`; neutral otherwise.
    pub neutral_hostile_from: f64,
    pub neutral_hostile_per_trust: f64,
    /// −1 … +1: the level's standing lean (see [`Pressure::hostility`]).
    pub hostility: f64,
    /// −0.5 … +0.5: how readily this level's model says yes — added to the
    /// chance of each of the other side's moves that can fail (a summit
    /// accepted, a text agreed) while the model plays this side.
    pub accept: f64,
}

/// A leaning the model takes while a condition holds: a shift of its answers
/// toward hostility (positive) or toward concessions (negative).
#[derive(Clone, Debug)]
pub struct Pressure {
    pub when: super::Cond,
    /// −1 … +1: the share of the answers' probability moved one step.
    pub hostility: f64,
}

/// One hidden character a side's model may be drawn with at the start of a
/// game. The other side never sees it; it learns it from the answers.
#[derive(Clone, Debug)]
pub struct Temperament {
    pub id: String,
    pub name: String,
    /// Shown on the end screen, when it is revealed.
    pub describe: String,
    /// Relative chance of being drawn.
    pub weight: u32,
    /// Multipliers on the level's forgiveness, reciprocity and misreading.
    pub forgiveness: f64,
    pub reciprocity: f64,
    pub misread: f64,
    /// −1 … +1: its standing lean (see [`Pressure::hostility`]).
    pub hostility: f64,
    /// Leanings while conditions hold (a weak coalition to exploit, a squeeze
    /// at home to give way under).
    pub pressures: Vec<Pressure>,
    /// What it values, if not the side's objective (meter, weight).
    pub objective: Vec<(MeterId, f64)>,
}
