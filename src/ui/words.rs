//! Turning the core's ids and records into words: memory labels, causes of
//! meter changes, notes as sentences, and the compact cost of a move.

use crate::game::Scenario;
use crate::game::report::Cause;
use crate::game::scenario::{Display, Effect, MAX_METERS, MeterId, MoveId, SideId};
use crate::game::state::{Memory, MemorySource, Outcome};

use super::theme::Theme;

/// Whose eyes the words are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// One side's player: "your move", that side's view of the meters.
    Side(SideId),
    /// Both players reading together: every side by name, only what both may see.
    Both,
}

/// Words for one scenario, seen by a viewer.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub sc: &'a Scenario,
    pub viewer: Viewer,
    pub theme: Theme,
    /// The flavour key wording variants are picked with (0 outside a report).
    pub wording: u64,
    /// The meters now, when the words are for a state: a scaled amount is
    /// then told as it would be applied (see `Amount::at`).
    pub now: Option<[i16; MAX_METERS]>,
}

impl<'a> Words<'a> {
    #[must_use]
    pub fn new(sc: &'a Scenario, theme: Theme, viewer: Viewer) -> Words<'a> {
        Words {
            sc,
            viewer,
            theme,
            wording: 0,
            now: None,
        }
    }

    /// Whether `side` is the one these words speak to as "you".
    #[must_use]
    pub fn is_you(&self, side: SideId) -> bool {
        self.viewer == Viewer::Side(side)
    }

    /// A card's text as these words' reader sees it. A card may end by
    /// asking the side it concerns ("How do you answer?"); anyone else — the
    /// other side's player, or both players reading together — only sees the
    /// answer, so reads the card without the question.
    #[must_use]
    pub fn card_text<'e>(&self, ev: &'e crate::game::scenario::Event) -> &'e str {
        if self.is_you(ev.concerns) {
            &ev.text
        } else {
            without_question(&ev.text)
        }
    }

    /// The same words, picking wording variants with this flavour key.
    #[must_use]
    pub fn with_wording(mut self, key: u64) -> Words<'a> {
        self.wording = key;
        self
    }

    #[must_use]
    pub fn side_name(&self, side: SideId) -> &'a str {
        &self.sc.side(side).name
    }

    /// The name of the other capital ("Moscow" to Washington's player).
    #[must_use]
    pub fn them(&self) -> &'a str {
        match self.viewer {
            Viewer::Side(s) => self.side_name(s.other()),
            Viewer::Both => "the other side",
        }
    }

    /// Whether the viewer sees a meter's exact value during play (both players:
    /// only what both see). An estimated meter is not: like a hidden one, it is
    /// kept out of reports, costs and forecasts, which would give its value away.
    #[must_use]
    pub fn visible(&self, m: MeterId) -> bool {
        let def = self.sc.meter_def(m);
        match self.viewer {
            Viewer::Side(s) => def.display_for[s.index()].exact(),
            Viewer::Both => def.display_for.iter().all(|d| d.exact()),
        }
    }

    /// How the viewer's side sees a meter.
    #[must_use]
    pub fn display(&self, m: MeterId) -> Display {
        let def = self.sc.meter_def(m);
        match self.viewer {
            Viewer::Side(s) => def.display_for[s.index()],
            Viewer::Both if self.visible(m) => def.display,
            Viewer::Both => Display::Hidden,
        }
    }

    /// Whether a rise of the meter is good news for the viewer. A meter has one
    /// `higher_is_better`, written for the usual side; a side that scores the meter
    /// (or values it) the other way round reads it the other way round (Moscow's
    /// leverage is bad news for Washington and good news for Moscow), and so does
    /// a side with a good ending at a ceiling of it (Moscow's coalition split at
    /// allied unity 8: a falling unity is its good news).
    #[must_use]
    pub fn higher_is_better(&self, m: MeterId) -> bool {
        let def = self.sc.meter_def(m);
        let Viewer::Side(s) = self.viewer else {
            return def.higher_is_better;
        };
        let side = self.sc.side(s);
        let weight = |list: &[(MeterId, f64)]| {
            list.iter()
                .find(|(id, w)| *id == m && *w != 0.0)
                .map(|(_, w)| *w > 0.0)
        };
        let ending = || {
            self.sc
                .endings
                .iter()
                .filter(|e| e.side == s && e.good)
                .find_map(|e| {
                    if e.when.max.iter().any(|(id, _)| *id == m) {
                        Some(false)
                    } else if e.when.min.iter().any(|(id, _)| *id == m) {
                        Some(true)
                    } else {
                        None
                    }
                })
        };
        weight(&side.score)
            .or_else(|| weight(&side.objective))
            .or_else(ending)
            .unwrap_or(def.higher_is_better)
    }

    /// The effect a memory (or a cause) came from.
    #[must_use]
    pub fn source_effect(&self, source: MemorySource) -> Option<&'a Effect> {
        let sc = self.sc;
        match source {
            MemorySource::Start => None,
            MemorySource::Move(mv, outcome) => sc.moves.get(mv.index()).map(|m| match outcome {
                Outcome::Always => &m.effects,
                Outcome::Success => &m.success,
                Outcome::Failure => &m.failure,
            }),
            MemorySource::Event(e) => sc.events.get(e.index()).map(|ev| &ev.effects),
            MemorySource::Choice(e, c) => sc
                .events
                .get(e.index())
                .and_then(|ev| ev.choices.get(c as usize))
                .map(|ch| &ch.effects),
            MemorySource::Drift(i) => sc.drift.get(i as usize).map(|d| &d.effects),
        }
    }

    /// The name of a grudge or piece of goodwill ("INF exit [2019]").
    #[must_use]
    pub fn memory_label(&self, source: MemorySource, index: u8) -> &'a str {
        self.source_effect(source)
            .and_then(|e| e.memory.get(index as usize))
            .map_or("an old memory", |m| m.label.as_str())
    }

    /// A ledger line: "INF exit [2019] −9, fading 1/mo".
    #[must_use]
    pub fn ledger_entry(&self, m: &Memory) -> String {
        format!(
            "{} {}, {}",
            self.memory_label(m.source, m.index),
            self.theme.signed(i32::from(m.amount)),
            self.fade(m)
        )
    }

    /// How a memory fades: "fading 1/mo" or "lasting".
    #[must_use]
    pub fn fade(&self, m: &Memory) -> String {
        if m.fade == 0 {
            "lasting".to_string()
        } else {
            format!("fading {}/mo", m.fade)
        }
    }

    fn move_name(&self, mv: MoveId) -> &'a str {
        self.sc
            .moves
            .get(mv.index())
            .map_or("a move", |m| m.name.as_str())
    }

    fn event_title(&self, e: crate::game::scenario::EventId) -> &'a str {
        self.sc
            .events
            .get(e.index())
            .map_or("an event", |ev| ev.title.as_str())
    }

    /// Why a meter moved, without the amount: "Moscow: Counter-sanctions".
    #[must_use]
    pub fn cause(&self, meter: MeterId, cause: Cause) -> String {
        let sc = self.sc;
        match cause {
            Cause::Move { side, mv, outcome } => {
                let who = if self.is_you(side) {
                    "Your move".to_string()
                } else {
                    self.side_name(side).to_string()
                };
                let chancy = sc
                    .moves
                    .get(mv.index())
                    .is_some_and(|m| !m.chance.is_certain());
                let how = match outcome {
                    Outcome::Failure => " (failed)",
                    Outcome::Success if chancy => " (worked)",
                    _ => "",
                };
                format!("{who}: {}{how}", self.move_name(mv))
            }
            Cause::Event { event } => format!("News: {}", self.event_title(event)),
            Cause::Choice { event, choice } => {
                let ev = sc.events.get(event.index());
                let label = ev
                    .and_then(|e| e.choices.get(choice as usize))
                    .map_or("an answer", |c| c.label.as_str());
                let whose = match ev {
                    Some(e) if !self.is_you(e.concerns) => {
                        format!("{}'s answer", self.side_name(e.concerns))
                    }
                    _ => "Your answer".to_string(),
                };
                format!("{whose}: {label}")
            }
            Cause::Drift { rule } => {
                format!(
                    "Drift: {}",
                    sc.drift
                        .get(rule as usize)
                        .map_or("the month", |d| d.label.as_str())
                )
            }
            Cause::Remembered {
                holder,
                source,
                index,
            } => {
                format!(
                    "{} remembers: {}",
                    self.side_name(holder),
                    self.memory_label(source, index)
                )
            }
            Cause::Fading { source, index, .. } => {
                format!("{} fading", self.memory_label(source, index))
            }
            Cause::Capped => {
                let m = sc.meter_def(meter);
                let what = if m.ladder {
                    "the ladder".to_string()
                } else {
                    m.name.clone()
                };
                match m.max_rise {
                    Some(max) => format!("held back: {what} climbs at most {max} a month"),
                    None => format!("held back: {what} climbs only so far in a month"),
                }
            }
        }
    }

    /// A change with its cause: "−4 Moscow: Counter-sanctions".
    #[must_use]
    pub fn change(&self, meter: MeterId, delta: i16, cause: Cause) -> String {
        format!(
            "{} {}",
            self.theme.signed(i32::from(delta)),
            self.cause(meter, cause)
        )
    }

    /// How the other side read the player's move.
    #[must_use]
    pub fn reading(&self, side: SideId, perceived: i8, misread: bool, forgave: bool) -> String {
        let who = self.side_name(side);
        let how = match perceived {
            p if p < 0 => "hostile",
            0 => "neutral",
            _ => "friendly",
        };
        if misread && perceived > 0 {
            return format!("{who} misread your move as less friendly than you meant it.");
        }
        match (misread, forgave) {
            (true, true) => format!("{who} misread your move as {how}, but let it pass."),
            (true, false) => format!("{who} misread your move as {how}."),
            (false, true) => format!("{who} took your move as {how}, but let it pass."),
            (false, false) => format!("{who} read your move as {how}."),
        }
    }
}

/// Every meter of the scenario as its id, in order (ids are a `u8`: a scenario
/// has at most `MAX_METERS`, so the count never runs past them).
pub fn meter_ids(sc: &Scenario) -> impl Iterator<Item = MeterId> + use<> {
    (0..=u8::MAX).map(MeterId).take(sc.meters.len())
}

/// A text without its last sentence when that sentence is a question put
/// to the reader; the text as it stands when it asks nothing, or is nothing
/// but the question.
#[must_use]
pub fn without_question(text: &str) -> &str {
    let body = text.trim_end();
    let Some(asked) = body.strip_suffix('?') else {
        return text;
    };
    // The question begins after the last sentence's end ('.', '!', '?', or a
    // bracket or quote closing one) followed by a space.
    let ends = asked.char_indices().rev().find(|&(i, c)| {
        matches!(c, '.' | '!' | '?' | ']' | '"' | '\u{201d}')
            && asked[i + c.len_utf8()..].starts_with(' ')
            && (c != '"' && c != '\u{201d}' || asked[..i].ends_with(['.', '!', '?']))
    });
    match ends {
        Some((i, c)) => &asked[..i + c.len_utf8()],
        None => text,
    }
}

mod notes;
mod reading;
#[cfg(test)]
mod tests;
mod unavailable;
pub use reading::at_answer;
