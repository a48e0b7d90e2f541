//! Values in a scenario file that are more than a number or a string: a
//! meter change, outcome texts, words from a fixed list (serde enums), one
//! or many treaty statuses, a meter's display.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Deserializer};

use super::super::{Display, TreatyStatus};
use super::MeterMap;

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

/// A meter change: an integer, an inclusive `[low, high]` range, or a table
/// `{ range = …, per = { meter = percent } }` scaled by a meter when applied.
#[derive(Debug, Clone, Default)]
pub struct Amount {
    pub lo: i64,
    pub hi: i64,
    /// Meter → percent of its value added to both ends (empty: not scaled).
    pub per: MeterMap<i64>,
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "an integer, a [low, high] pair of integers, or { range = …, per = { meter = percent } }",
                )
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount {
                    lo: v,
                    hi: v,
                    per: MeterMap::new(),
                })
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("number too large"))?;
                self.visit_i64(v)
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
                Ok(Amount {
                    lo,
                    hi,
                    per: MeterMap::new(),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Amount, A::Error> {
                use serde::de::Error;
                let mut range: Option<Amount> = None;
                let mut per = MeterMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "range" => range = Some(map.next_value()?),
                        "per" => per = map.next_value()?,
                        other => return Err(A::Error::unknown_field(other, &["range", "per"])),
                    }
                }
                let mut a = range.ok_or_else(|| A::Error::missing_field("range"))?;
                if !a.per.is_empty() {
                    return Err(A::Error::custom(
                        "`range` is a number or a [low, high] pair",
                    ));
                }
                a.per = per;
                Ok(a)
            }
        }
        d.deserialize_any(V)
    }
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

/// How many months back a `rising` or `falling` test looks: one count, or a
/// list of them (`relations = [3, 6]`: higher than 3 and than 6 months before).
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum Months {
    One(i64),
    Many(Vec<i64>),
}

/// A treaty condition: one status or a list of them.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum OneOrMany {
    One(Word<TreatyStatus>),
    Many(Vec<Word<TreatyStatus>>),
}
