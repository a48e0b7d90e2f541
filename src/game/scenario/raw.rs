//! The scenario file as written: serde structs that mirror the TOML, with spans.
//!
//! Every table denies unknown fields, and every value that is checked later
//! keeps its span, so an error can name the line it came from.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::{Display, EndingCheck, TreatyStatus};

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
    /// `gauge`, `figure` or `hidden`, for every side or per side.
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

/// How a meter is shown: one way for every side, or a table of side → way.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum DisplaySpec {
    One(Word<Display>),
    PerSide(BTreeMap<String, Word<Display>>),
}

/// A word from a fixed list: one variant of the serde enum `T`, or the word
/// as written when it is none of them. An unknown word is not a parse error
/// here, so the compiler can report it with its field path beside every other
/// problem in the file (serde would stop at the first).
#[derive(Debug, Clone)]
pub enum Word<T> {
    Known(T),
    Unknown {
        word: String,
        /// The words `T` accepts, as serde spells them.
        expected: &'static [&'static str],
    },
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Word<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        let parsed: Result<T, serde::de::value::Error> =
            T::deserialize(word.as_str().into_deserializer());
        Ok(match parsed {
            Ok(t) => Word::Known(t),
            Err(_) => Word::Unknown {
                word,
                expected: variant_names::<T>(),
            },
        })
    }
}

/// The variant names of a unit-only serde enum, as its derived `Deserialize`
/// declares them (so the list in an error message is never kept by hand).
fn variant_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(VariantNames(&mut names));
    names
}

/// A deserializer that only records the variant names an enum asks for.
struct VariantNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for VariantNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("not an enum"))
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = variants;
        Err(serde::de::Error::custom("names recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// A meter change: an integer or an inclusive `[low, high]` range.
#[derive(Debug, Clone, Copy)]
pub struct Amount(pub i64, pub i64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an integer or a [low, high] pair of integers")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(v, v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("number too large"))?;
                Ok(Amount(v, v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Amount, A::Error> {
                use serde::de::Error;
                let lo: i64 = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let hi: i64 = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(1, &self))?;
                if seq.next_element::<i64>()?.is_some() {
                    return Err(A::Error::invalid_length(3, &self));
                }
                Ok(Amount(lo, hi))
            }
        }
        d.deserialize_any(V)
    }
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

/// Words for an outcome: one text, or several variants the UI picks from by the flavour stream.
#[derive(Deserialize, Debug, Default)]
#[serde(untagged)]
pub enum Text {
    #[default]
    None,
    One(String),
    Variants(Vec<String>),
}

impl Text {
    pub fn variants(&self) -> Vec<String> {
        match self {
            Text::None => Vec::new(),
            Text::One(s) => vec![s.clone()],
            Text::Variants(v) => v.clone(),
        }
    }
}

/// A treaty condition: one status or a list of them.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum OneOrMany {
    One(Word<TreatyStatus>),
    Many(Vec<Word<TreatyStatus>>),
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
    #[serde(default)]
    pub talks: bool,
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
    #[serde(default)]
    pub source: String,
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
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Drift {
    pub label: String,
    #[serde(default)]
    pub when: Option<S<Cond>>,
    pub effects: S<Effect>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct History {
    pub when: String,
    pub what: String,
}
