//! A compiled scenario: every name resolved to a small index, ready for the rules.
//!
//! A scenario is read from TOML (`raw.rs`), checked and compiled (`compile.rs`)
//! into these types. The rules never see a name or a map, only indices and
//! vectors, so a turn costs no allocation and no hashing.

mod compile;
mod raw;

pub use compile::{MAX_SCENARIO_BYTES, ScenarioError, ScenarioErrors};

use serde::{Deserialize, Serialize};

/// Most meters a scenario may define (the state keeps them in a fixed array).
pub const MAX_METERS: usize = 16;
/// Most treaties in a scenario's table.
pub const MAX_TREATIES: usize = 8;
/// Most event cards in a scenario.
pub const MAX_EVENTS: usize = 128;
/// Most named flags in a scenario.
pub const MAX_FLAGS: usize = 64;
/// Most moves, over both sides.
pub const MAX_MOVES: usize = 64;
/// Every scenario is a contest between exactly two sides.
pub const SIDES: usize = 2;

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u8);
        impl $name {
            /// The index as a `usize`, for slicing the scenario's tables.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

index_type!(
    /// One of the two sides (capitals).
    SideId,
    /// A meter (visible gauge or hidden quantity).
    MeterId,
    /// A move of either side.
    MoveId,
    /// An event card.
    EventId,
    /// An ending.
    EndingId,
    /// A treaty row of the treaty table.
    TreatyId,
    /// A named flag.
    FlagId,
);

// Invariant: a game has exactly two sides, one across the table from the
// other. `SideId::ALL` and `SideId::other` are where the code says so; the
// rules and the simulator use them rather than counting sides themselves.
const _: () = assert!(SIDES == 2, "SideId::other assumes exactly two sides");

impl SideId {
    /// Every side, in order.
    pub const ALL: [SideId; SIDES] = [SideId(0), SideId(1)];

    /// The side across the table: the one place that computes it.
    pub fn other(self) -> SideId {
        SideId(1 - self.0)
    }
}

/// The scenario: the data a game is played from.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub source: String,
    /// Words for the deadline, e.g. "5 February 2026".
    pub deadline: String,
    pub calendar: Calendar,
    pub sides: [Side; SIDES],
    /// The side a single player plays unless told otherwise.
    pub default_player: SideId,
    pub meters: Vec<Meter>,
    pub treaties: Vec<Treaty>,
    pub flags: Vec<String>,
    pub moves: Vec<Move>,
    pub events: Vec<Event>,
    pub endings: Vec<Ending>,
    pub drift: Vec<Drift>,
    /// Chance each month that a card is drawn from the random deck.
    pub deck_chance: f64,
    /// The public record after the report, for the end screen only.
    pub history: Vec<HistoryNote>,
    /// FNV-1a of the scenario's text: saves and runs name the exact data they were played on.
    pub fingerprint: u64,
    /// Lookups derived from the rest, so the rules need not search.
    pub index: Index,
}

/// Lists derived from a scenario for the rules' hot path.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Each side's moves, in scenario order.
    pub side_moves: [Vec<MoveId>; SIDES],
    /// Scripted and triggered cards (checked every month), in scenario order.
    pub monthly: Vec<EventId>,
    /// Cards in the random deck, with their weights, in scenario order.
    pub deck: Vec<(EventId, f64)>,
}

impl Index {
    pub fn build(sc: &Scenario) -> Index {
        let mut ix = Index::default();
        for (i, m) in sc.moves.iter().enumerate() {
            ix.side_moves[m.side.index()].push(MoveId(i as u8));
        }
        for (i, e) in sc.events.iter().enumerate() {
            let id = EventId(i as u8);
            match e.trigger {
                Trigger::At(_) | Trigger::When => ix.monthly.push(id),
                Trigger::Deck { weight } => ix.deck.push((id, weight)),
            }
        }
        ix
    }
}

/// FNV-1a, 64 bits: a stable fingerprint of a text (not a security hash).
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The months a game spans.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub start_year: i32,
    /// 1–12.
    pub start_month: u8,
    pub turns: u8,
}

impl Calendar {
    /// (year, month 1–12) of a turn index (0-based).
    pub fn date(&self, turn: u8) -> (i32, u8) {
        let m0 = (self.start_month as i32 - 1) + turn as i32;
        (
            self.start_year + m0.div_euclid(12),
            (m0.rem_euclid(12) + 1) as u8,
        )
    }

    /// "Sep 2024" for a turn index.
    pub fn label(&self, turn: u8) -> String {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (y, m) = self.date(turn);
        format!("{} {}", NAMES[m as usize - 1], y)
    }

    /// The turn index of a (year, month), if it is inside the calendar.
    pub fn turn_of(&self, year: i32, month: u8) -> Option<u8> {
        let d = (year - self.start_year) * 12 + month as i32 - self.start_month as i32;
        (0..self.turns as i32).contains(&d).then_some(d as u8)
    }
}

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
}

/// How a meter is shown to the player.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Display {
    /// A gauge on the game screen.
    Gauge,
    /// Shown as a figure beside the ledger (e.g. Moscow's trust).
    Figure,
    /// Not shown during play; revealed on the end screen.
    Hidden,
}

/// A quantity from 0 to 100.
#[derive(Clone, Debug)]
pub struct Meter {
    pub id: String,
    pub name: String,
    /// Short name for narrow columns ("Rel").
    pub short: String,
    pub start: i16,
    /// How the default player's side sees it.
    pub display: Display,
    /// How each side sees it.
    pub display_for: [Display; SIDES],
    /// Ascending thresholds with a word for each band.
    pub labels: Vec<(i16, String)>,
    /// If this meter is the escalation ladder, its labels are rungs.
    pub ladder: bool,
    /// The rung from which the game warns that the top is near.
    pub warn_at: Option<i16>,
    /// Most this meter may rise in one month (so the top is never a surprise).
    pub max_rise: Option<i16>,
    /// Whether a higher value is good for the player (for colours and arrows).
    pub higher_is_better: bool,
    pub describe: String,
}

impl Meter {
    /// The band word for a value.
    pub fn label(&self, value: i16) -> &str {
        self.labels
            .iter()
            .rev()
            .find(|(at, _)| value >= *at)
            .map(|(_, l)| l.as_str())
            .unwrap_or("")
    }

    /// The index of the band (rung) a value falls in.
    pub fn rung(&self, value: i16) -> usize {
        self.labels
            .iter()
            .filter(|(at, _)| value >= *at)
            .count()
            .saturating_sub(1)
    }
}

/// The status of a treaty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatyStatus {
    InForce,
    Suspended,
    Withdrawn,
    Expired,
    Extended,
    SuccessorAgreed,
}

impl TreatyStatus {
    pub const ALL: [TreatyStatus; 6] = [
        TreatyStatus::InForce,
        TreatyStatus::Suspended,
        TreatyStatus::Withdrawn,
        TreatyStatus::Expired,
        TreatyStatus::Extended,
        TreatyStatus::SuccessorAgreed,
    ];

    /// This status as one bit of a mask.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The name used in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            TreatyStatus::InForce => "in_force",
            TreatyStatus::Suspended => "suspended",
            TreatyStatus::Withdrawn => "withdrawn",
            TreatyStatus::Expired => "expired",
            TreatyStatus::Extended => "extended",
            TreatyStatus::SuccessorAgreed => "successor_agreed",
        }
    }

    /// Words for the treaty table.
    pub fn words(self) -> &'static str {
        match self {
            TreatyStatus::InForce => "in force",
            TreatyStatus::Suspended => "suspended",
            TreatyStatus::Withdrawn => "withdrawn",
            TreatyStatus::Expired => "expired",
            TreatyStatus::Extended => "extended",
            TreatyStatus::SuccessorAgreed => "successor agreed",
        }
    }
}

/// A row of the treaty table.
#[derive(Clone, Debug)]
pub struct Treaty {
    pub id: String,
    pub name: String,
    pub status: TreatyStatus,
    /// What happened, for the table ("US withdrew, 2019").
    pub note: String,
}

/// A change to a meter: fixed, or uniform over an inclusive range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount {
    pub lo: i16,
    pub hi: i16,
}

/// A named grudge or piece of goodwill a side remembers.
#[derive(Clone, Debug)]
pub struct MemorySpec {
    /// The side that remembers (whose ledger gets the entry).
    pub holder: SideId,
    pub label: String,
    pub amount: i16,
    /// How much it fades toward zero each month.
    pub fade: i16,
}

/// Everything a move, event or choice can do.
#[derive(Clone, Debug, Default)]
pub struct Effect {
    pub meters: Vec<(MeterId, Amount)>,
    pub treaties: Vec<(TreatyId, TreatyStatus)>,
    pub set: Vec<FlagId>,
    pub clear: Vec<FlagId>,
    /// Indices into `Scenario::memories`-like storage: kept inline for clarity.
    pub memory: Vec<MemorySpec>,
}

impl Effect {
    pub fn is_empty(&self) -> bool {
        self.meters.is_empty()
            && self.treaties.is_empty()
            && self.set.is_empty()
            && self.clear.is_empty()
            && self.memory.is_empty()
    }
}

/// A condition on the state; every listed part must hold.
#[derive(Clone, Debug, Default)]
pub struct Cond {
    pub min: Vec<(MeterId, i16)>,
    pub max: Vec<(MeterId, i16)>,
    pub treaty: Vec<(TreatyId, Vec<TreatyStatus>)>,
    pub flags: Vec<FlagId>,
    pub not_flags: Vec<FlagId>,
    /// Turn indices (0-based), inclusive.
    pub from_turn: Option<u8>,
    pub until_turn: Option<u8>,
    /// If not empty, at least one of these must hold too.
    pub any: Vec<Cond>,
    /// Precomputed for speed (set by the compiler): is there anything to check?
    pub checks: bool,
    /// `flags` and `not_flags` as bit masks.
    pub flag_mask: u64,
    pub not_flag_mask: u64,
    /// `treaty` as bit masks of allowed statuses.
    pub treaty_masks: Vec<(TreatyId, u8)>,
}

impl Cond {
    /// Fill the precomputed parts from the listed ones (here and in every `any`).
    pub fn prepare(&mut self) {
        for a in &mut self.any {
            a.prepare();
        }
        self.flag_mask = self.flags.iter().fold(0, |m, f| m | 1 << f.0);
        self.not_flag_mask = self.not_flags.iter().fold(0, |m, f| m | 1 << f.0);
        self.treaty_masks = self
            .treaty
            .iter()
            .map(|(t, ok)| (*t, ok.iter().fold(0u8, |m, s| m | s.bit())))
            .collect();
        self.checks = !self.is_empty();
    }

    pub fn is_empty(&self) -> bool {
        self.min.is_empty()
            && self.max.is_empty()
            && self.treaty.is_empty()
            && self.flags.is_empty()
            && self.not_flags.is_empty()
            && self.from_turn.is_none()
            && self.until_turn.is_none()
            && self.any.is_empty()
    }
}

/// A probability that depends on the state: `base + Σ per·meter`, clamped.
#[derive(Clone, Debug)]
pub struct Chance {
    pub base: f64,
    pub per: Vec<(MeterId, f64)>,
    pub min: f64,
    pub max: f64,
}

impl Chance {
    pub const CERTAIN: Chance = Chance {
        base: 1.0,
        per: Vec::new(),
        min: 0.0,
        max: 1.0,
    };

    pub fn is_certain(&self) -> bool {
        self.per.is_empty() && self.base.min(self.max) >= 1.0
    }
}

/// How a move reads to the other side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Posture {
    Hostile,
    Neutral,
    Friendly,
}

/// A move one side can make in a month.
#[derive(Clone, Debug)]
pub struct Move {
    pub id: String,
    pub side: SideId,
    pub name: String,
    /// One line for the move list.
    pub hint: String,
    /// Longer explanation for the details pane and help.
    pub describe: String,
    /// −2 (hostile) … +2 (friendly): how the other side reads it.
    pub stance: i8,
    pub requires: Cond,
    /// Plain words for why it may be unavailable.
    pub requires_text: String,
    /// Applied whatever the outcome.
    pub effects: Effect,
    pub chance: Chance,
    pub success: Effect,
    pub failure: Effect,
    /// Wording variants for success (or for a move that cannot fail); the UI
    /// picks one with the flavour stream, so wording never touches outcomes.
    pub success_text: Vec<String>,
    pub failure_text: Vec<String>,
    /// For the AI: relative weight among moves of the same posture.
    pub weight: f64,
    pub weight_per: Vec<(MeterId, f64)>,
    /// For the AI: only chosen as an answer to one of these moves.
    pub answers: Vec<MoveId>,
    /// Whether the outcome is "talks" (its failure counts as talks failing).
    pub talks: bool,
}

impl Move {
    pub fn posture(&self) -> Posture {
        match self.stance {
            s if s < 0 => Posture::Hostile,
            0 => Posture::Neutral,
            _ => Posture::Friendly,
        }
    }
}

/// When an event card comes up.
#[derive(Clone, Debug)]
pub enum Trigger {
    /// At the start of this turn (index).
    At(u8),
    /// Whenever its condition holds (and it is not cooling down).
    When,
    /// Drawn from the random deck while its condition holds.
    Deck { weight: f64 },
}

/// One answer on a choice card.
#[derive(Clone, Debug)]
pub struct EventChoice {
    pub label: String,
    pub hint: String,
    pub text: String,
    pub effects: Effect,
}

/// An event card.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub trigger: Trigger,
    pub when: Cond,
    /// Fires again only after this many months (None: once a game).
    pub cooldown: Option<u8>,
    /// The side the card is put to, if it has choices.
    pub concerns: SideId,
    /// Fires only when a person plays `concerns` (a warning the model does not need).
    pub players_only: bool,
    pub text: String,
    /// Who said it, where, when.
    pub source: String,
    pub effects: Effect,
    pub choices: Vec<EventChoice>,
}

/// When an ending is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndingCheck {
    /// After every change: a meter broke.
    Always,
    /// At the deadline, first match wins.
    Deadline,
}

/// How a game ends.
#[derive(Clone, Debug)]
pub struct Ending {
    pub id: String,
    pub title: String,
    pub side: SideId,
    pub check: EndingCheck,
    pub when: Cond,
    pub bonus: f64,
    pub text: String,
    /// Whether this counts as a win for its side (for the end screen's tone).
    pub good: bool,
}

/// A monthly drift rule: a labelled effect applied while its condition holds.
#[derive(Clone, Debug)]
pub struct Drift {
    pub label: String,
    pub when: Cond,
    pub effects: Effect,
}

/// A line of the public record after the report.
#[derive(Clone, Debug)]
pub struct HistoryNote {
    pub when: String,
    pub what: String,
}

impl Scenario {
    /// The default scenario, built into the binary.
    pub fn builtin() -> Scenario {
        Scenario::from_toml(BUILTIN_NAME, BUILTIN_TOML)
            .expect("the built-in scenario is checked by the tests")
    }

    /// Find a meter by its id.
    pub fn meter(&self, id: &str) -> Option<MeterId> {
        self.meters
            .iter()
            .position(|m| m.id == id)
            .map(|i| MeterId(i as u8))
    }

    /// Find a move by its id.
    pub fn move_id(&self, id: &str) -> Option<MoveId> {
        self.moves
            .iter()
            .position(|m| m.id == id)
            .map(|i| MoveId(i as u8))
    }

    /// Find an event by its id.
    pub fn event_id(&self, id: &str) -> Option<EventId> {
        self.events
            .iter()
            .position(|e| e.id == id)
            .map(|i| EventId(i as u8))
    }

    /// Find an ending by its id.
    pub fn ending_id(&self, id: &str) -> Option<EndingId> {
        self.endings
            .iter()
            .position(|e| e.id == id)
            .map(|i| EndingId(i as u8))
    }

    /// Find a side by its id.
    pub fn side_id(&self, id: &str) -> Option<SideId> {
        self.sides
            .iter()
            .position(|s| s.id == id)
            .map(|i| SideId(i as u8))
    }

    /// The moves of one side, in scenario order.
    pub fn moves_of(&self, side: SideId) -> impl Iterator<Item = MoveId> + '_ {
        self.index.side_moves[side.index()].iter().copied()
    }

    /// The ladder meter, if the scenario has one.
    pub fn ladder(&self) -> Option<MeterId> {
        self.meters
            .iter()
            .position(|m| m.ladder)
            .map(|i| MeterId(i as u8))
    }

    pub fn mv(&self, id: MoveId) -> &Move {
        &self.moves[id.index()]
    }

    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }

    pub fn ending(&self, id: EndingId) -> &Ending {
        &self.endings[id.index()]
    }

    pub fn side(&self, id: SideId) -> &Side {
        &self.sides[id.index()]
    }

    pub fn meter_def(&self, id: MeterId) -> &Meter {
        &self.meters[id.index()]
    }
}

/// File name shown in messages about the built-in scenario.
pub const BUILTIN_NAME: &str = "assets/scenarios/low-point-2024.toml";
/// The built-in scenario's text.
pub const BUILTIN_TOML: &str = include_str!("../../../assets/scenarios/low-point-2024.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_scenario_compiles() {
        match Scenario::from_toml(BUILTIN_NAME, BUILTIN_TOML) {
            Ok(sc) => {
                assert_eq!(sc.calendar.turns, 18);
                assert_eq!(sc.calendar.label(0), "Sep 2024");
                assert_eq!(sc.calendar.label(17), "Feb 2026");
                assert_eq!(sc.sides[sc.default_player.index()].id, "washington");
            }
            Err(e) => panic!("{e}"),
        }
    }
}
