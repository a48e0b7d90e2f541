//! The scenario file as written: serde structs that mirror the TOML, with spans.
//!
//! Every table denies unknown fields, and every value that is checked later
//! keeps its span, so an error can name the line it came from.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{EndingCheck, TreatyStatus};

mod values;
pub use values::{Amount, DisplaySpec, Months, OneOrMany, Text, Word};

pub type S<T> = Spanned<T>;
/// A table of meter names to values; a `BTreeMap` keeps the order stable.
pub type MeterMap<T> = BTreeMap<S<String>, S<T>>;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub scenario: S<Header>,
    pub calendar: S<Calendar>,
    pub sides: Vec<S<Side>>,
    pub meters: Vec<S<Meter>>,
    #[serde(default)]
    pub treaties: Vec<S<Treaty>>,
    #[serde(default)]
    pub flags: Vec<S<String>>,
    pub moves: Vec<S<Move>>,
    #[serde(default)]
    pub events: Vec<S<Event>>,
    pub endings: Vec<S<Ending>>,
    #[serde(default)]
    pub drift: Vec<S<Drift>>,
    #[serde(default)]
    pub history: Vec<S<History>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub id: S<String>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub source: String,
    pub player: S<String>,
    pub deadline: String,
    #[serde(default)]
    pub deck_chance: Option<S<f64>>,
    /// Months a use of a move is remembered for its fatigue.
    #[serde(default)]
    pub fatigue_months: Option<S<i64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// "YYYY-MM".
    pub start: S<String>,
    pub turns: S<i64>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub id: S<String>,
    pub name: String,
    #[serde(default)]
    pub memory_meter: Option<S<String>>,
    #[serde(default)]
    pub ai: Option<S<Ai>>,
    #[serde(default)]
    pub score: Option<S<Score>>,
    #[serde(default)]
    pub objective: MeterMap<f64>,
    #[serde(default)]
    pub temperaments: Vec<S<Temperament>>,
}

/// A hidden character the side's model may be drawn with.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Temperament {
    pub id: S<String>,
    pub name: String,
    #[serde(default)]
    pub describe: String,
    #[serde(default)]
    pub weight: Option<S<i64>>,
    #[serde(default)]
    pub forgiveness: Option<S<f64>>,
    #[serde(default)]
    pub reciprocity: Option<S<f64>>,
    #[serde(default)]
    pub misread: Option<S<f64>>,
    #[serde(default)]
    pub hostility: Option<S<f64>>,
    #[serde(default)]
    pub pressures: Vec<S<Pressure>>,
    #[serde(default)]
    pub objective: MeterMap<f64>,
}

/// A leaning while a condition holds.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Pressure {
    pub when: S<Cond>,
    pub hostility: S<f64>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Ai {
    pub easy: S<AiLevel>,
    pub normal: S<AiLevel>,
    pub hard: S<AiLevel>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AiLevel {
    pub forgiveness: S<f64>,
    pub reciprocity: S<f64>,
    pub misread: S<f64>,
    #[serde(default)]
    pub whim: Option<S<f64>>,
    #[serde(default)]
    pub lookahead: bool,
    /// Imagined futures per candidate when it looks ahead; absent: 16.
    #[serde(default)]
    pub futures: Option<S<i64>>,
    /// How suspicion scales misreading (see `AiParams`); absent: today's model.
    #[serde(default)]
    pub misread_scale: Option<S<f64>>,
    #[serde(default)]
    pub neutral_friendly: Option<S<f64>>,
    #[serde(default)]
    pub neutral_friendly_per_trust: Option<S<f64>>,
    #[serde(default)]
    pub neutral_hostile_from: Option<S<f64>>,
    #[serde(default)]
    pub neutral_hostile_per_trust: Option<S<f64>>,
    #[serde(default)]
    pub hostility: Option<S<f64>>,
    #[serde(default)]
    pub accept: Option<S<f64>>,
    #[serde(default)]
    pub pressures: Vec<S<Pressure>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Score {
    #[serde(default)]
    pub meters: MeterMap<f64>,
    #[serde(default)]
    pub per_turn: f64,
    #[serde(default)]
    pub per_peak_rung: f64,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Meter {
    pub id: S<String>,
    pub name: String,
    #[serde(default)]
    pub short: Option<String>,
    pub start: S<i64>,
    /// `gauge`, `figure`, `hidden` or `estimate`, for every side or per side.
    #[serde(default)]
    pub display: Option<S<DisplaySpec>>,
    #[serde(default)]
    pub labels: Vec<S<(i64, String)>>,
    #[serde(default)]
    pub ladder: bool,
    #[serde(default)]
    pub warn_at: Option<S<i64>>,
    #[serde(default)]
    pub max_rise: Option<S<i64>>,
    /// The ladder only: the name of what its top rung means ("nuclear crisis").
    #[serde(default)]
    pub crisis: Option<S<String>>,
    /// The ladder only: the sentence that warns of the top ("At 100 the game ends.").
    #[serde(default)]
    pub crisis_warning: Option<S<String>>,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    #[serde(default)]
    pub describe: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Treaty {
    pub id: S<String>,
    pub name: String,
    pub status: S<Word<TreatyStatus>>,
    #[serde(default)]
    pub note: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Memory {
    /// Side that remembers; defaults to the other side from the mover.
    #[serde(default)]
    pub holder: Option<S<String>>,
    pub label: String,
    pub amount: S<i64>,
    /// Defaults to 1 a month.
    #[serde(default)]
    pub fade: Option<S<i64>>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    #[serde(default)]
    pub meters: MeterMap<Amount>,
    #[serde(default)]
    pub treaty: BTreeMap<S<String>, S<Word<TreatyStatus>>>,
    #[serde(default)]
    pub set: Vec<S<String>>,
    #[serde(default)]
    pub clear: Vec<S<String>>,
    #[serde(default)]
    pub memory: Vec<S<Memory>>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct Cond {
    #[serde(default)]
    pub min: MeterMap<i64>,
    #[serde(default)]
    pub max: MeterMap<i64>,
    #[serde(default)]
    pub treaty: BTreeMap<S<String>, S<OneOrMany>>,
    #[serde(default)]
    pub flags: Vec<S<String>>,
    #[serde(default)]
    pub not_flags: Vec<S<String>>,
    /// "YYYY-MM": from this month on.
    #[serde(default)]
    pub from: Option<S<String>>,
    /// "YYYY-MM": up to and including this month.
    #[serde(default)]
    pub until: Option<S<String>>,
    /// Meter → months (one count or a list): higher now than that many months
    /// before, each of them.
    #[serde(default)]
    pub rising: MeterMap<Months>,
    /// Meter → months (one count or a list): lower now than that many months
    /// before, each of them.
    #[serde(default)]
    pub falling: MeterMap<Months>,
    /// Meter → months `n`: the last `n` month-ends (this month's included)
    /// higher on average than the `n` before them.
    #[serde(default)]
    pub trend: MeterMap<i64>,
    /// At least one of these must hold too.
    #[serde(default)]
    pub any: Vec<S<Cond>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Chance {
    pub base: S<f64>,
    #[serde(default)]
    pub per: MeterMap<f64>,
    #[serde(default)]
    pub min: Option<S<f64>>,
    #[serde(default)]
    pub max: Option<S<f64>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub id: S<String>,
    pub side: S<String>,
    pub name: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub describe: String,
    #[serde(default)]
    pub stance: Option<S<i64>>,
    #[serde(default)]
    pub requires: Option<S<Cond>>,
    #[serde(default)]
    pub requires_text: String,
    #[serde(default)]
    pub effects: Option<S<Effect>>,
    #[serde(default)]
    pub chance: Option<S<Chance>>,
    #[serde(default)]
    pub success: Option<S<Effect>>,
    #[serde(default)]
    pub failure: Option<S<Effect>>,
    #[serde(default)]
    pub success_text: Text,
    #[serde(default)]
    pub failure_text: Text,
    #[serde(default)]
    pub weight: Option<S<f64>>,
    #[serde(default)]
    pub weight_per: MeterMap<f64>,
    #[serde(default)]
    pub answers: Vec<S<String>>,
    /// Percent of its effect lost per recent use.
    #[serde(default)]
    pub fatigue: Option<S<i64>>,
    /// A flag set, instead of rolling the chance, when the computer makes
    /// the move and a person plays the other side: a card waiting on it
    /// puts the question to that person (see `Move::asks`).
    #[serde(default)]
    pub asks: Option<S<String>>,
    /// What the month's report says of a move put to the other side.
    #[serde(default)]
    pub asks_text: Text,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub effects: Option<S<Effect>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: S<String>,
    pub title: String,
    /// "YYYY-MM": a scripted card for that month.
    #[serde(default)]
    pub at: Option<S<String>>,
    /// In the random deck, with this weight.
    #[serde(default)]
    pub deck: Option<S<f64>>,
    #[serde(default)]
    pub when: Option<S<Cond>>,
    #[serde(default)]
    pub cooldown: Option<S<i64>>,
    #[serde(default)]
    pub concerns: Option<S<String>>,
    /// Fires only when a person plays the side it concerns.
    #[serde(default)]
    pub players_only: Option<S<bool>>,
    pub text: String,
    /// Who said it, where, when: the public record. Empty only on a game event.
    #[serde(default)]
    pub source: String,
    /// A game event (invented for play), not the public record.
    #[serde(default)]
    pub fiction: bool,
    #[serde(default)]
    pub effects: Option<S<Effect>>,
    #[serde(default)]
    pub choices: Vec<S<Choice>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub id: S<String>,
    pub title: String,
    pub side: S<String>,
    /// When the ending is checked: `always` or `deadline`.
    pub check: S<Word<EndingCheck>>,
    #[serde(default)]
    pub when: Option<S<Cond>>,
    #[serde(default)]
    pub bonus: Option<S<f64>>,
    pub text: String,
    #[serde(default)]
    pub good: bool,
    /// How it is reached, in words, where its condition alone does not say it
    /// (a flag a card sets): the goal and the help show it instead.
    #[serde(default)]
    pub reached: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Drift {
    pub label: String,
    #[serde(default)]
    pub when: Option<S<Cond>>,
    pub effects: S<Effect>,
}

/// One entry of the public record after the report: a dated line for the
/// end screen and, where it says so, what one capital did that month.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The date as written for the screen: "15 Aug 2025".
    pub when: String,
    pub what: String,
    /// Outlet or speaker, and date.
    #[serde(default)]
    pub source: String,
    /// "YYYY-MM": the month of the game this entry belongs to.
    #[serde(default)]
    pub month: Option<S<String>>,
    /// The capital that acted.
    #[serde(default)]
    pub side: Option<S<String>>,
    /// The move of `side` that fits what it did that month.
    #[serde(default, rename = "move")]
    pub mv: Option<S<String>>,
    /// Card answers of `side`: event id to the answer, counted from 1 as on screen.
    #[serde(default)]
    pub answers: BTreeMap<S<String>, S<i64>>,
}
