//! Turning the core's ids and records into words: memory labels, causes of
//! meter changes, notes as sentences, and the compact cost of a move.

use crate::game::report::{Cause, Note};
use crate::game::scenario::{Display, Effect, MAX_METERS, MeterId, MoveId, SideId};
use crate::game::state::{Memory, MemorySource, Outcome};
use crate::game::{Scenario, dice};

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

    /// A note as a sentence; `None` for notes the screens show another way.
    pub fn note(&self, note: Note) -> Option<String> {
        let sc = self.sc;
        Some(match note {
            Note::Moved { side, mv, success } => {
                let m = sc.moves.get(mv.index())?;
                let variants = match success {
                    Some(false) => &m.failure_text,
                    _ => &m.success_text,
                };
                let pick = dice::flavour_pick(
                    self.wording,
                    u64::from(mv.0) * 2 + u64::from(side.0),
                    variants.len(),
                );
                let text = variants.get(pick).map_or("", String::as_str);
                match (self.viewer, text.is_empty()) {
                    (Viewer::Side(s), true) if s == side => format!("You chose: {}.", m.name),
                    (Viewer::Side(s), false) if s == side => {
                        format!("You chose: {}. {text}", m.name)
                    }
                    // Both players read together: each move by its side's name.
                    (Viewer::Both, true) => format!("{}: {}.", self.side_name(side), m.name),
                    (Viewer::Both, false) => {
                        format!("{}: {}. {text}", self.side_name(side), m.name)
                    }
                    (_, true) => format!("{}: {}.", self.side_name(side), m.name),
                    // The rival's move by name, then how it went, told from the
                    // player's side: the scenario writes "Moscow turned the
                    // invitation down" for Washington's eyes.
                    (Viewer::Side(s), false) => format!(
                        "{}: {}. {}",
                        self.side_name(side),
                        m.name,
                        as_yours(text, self.side_name(s))
                    ),
                }
            }
            Note::Repeated { side, mv, percent } => {
                let m = sc.moves.get(mv.index())?;
                let whose = if self.is_you(side) {
                    "Your".to_string()
                } else {
                    format!("{}'s", self.side_name(side))
                };
                format!(
                    "{whose} {}, repeated: {}% of its effect.",
                    m.name,
                    self.theme.signed(-i32::from(percent))
                )
            }
            Note::Reading {
                side,
                perceived,
                misread,
                forgave,
            } => self.reading(side, perceived, misread, forgave),
            Note::Month { turn } => format!("{} begins.", sc.calendar.label(turn)),
            Note::Event { event } => format!("News: {}", self.event_title(event)),
            Note::CardPending { event } => {
                let whom = match sc.events.get(event.index()) {
                    Some(e) if !self.is_you(e.concerns) => self.side_name(e.concerns),
                    _ => "you",
                };
                format!("A decision waits for {whom}: {}", self.event_title(event))
            }
            Note::Answered {
                event,
                choice,
                side,
            } => {
                let ev = sc.events.get(event.index())?;
                let c = ev.choices.get(choice as usize)?;
                let who = if self.is_you(side) {
                    "You".to_string()
                } else {
                    self.side_name(side).to_string()
                };
                format!("{who} answered: {}. {}", c.label, c.text)
            }
            Note::Treaty { treaty, from, to } => {
                let t = sc.treaties.get(treaty.index())?;
                format!(
                    "{}: {} {} {}.",
                    t.name,
                    from.words(),
                    self.theme.g.arrow,
                    to.words()
                )
            }
            Note::Rung { from, to } => {
                let l = sc.meter_def(sc.ladder()?);
                let rung = |r: u8| l.labels.get(r as usize).map_or("?", |(_, s)| s.as_str());
                let dir = if to > from { "climbed" } else { "came down" };
                format!(
                    "The ladder {dir}: {} {} {}.",
                    rung(from),
                    self.theme.g.arrow,
                    rung(to)
                )
            }
            Note::Warning { rung } => {
                let l = sc.meter_def(sc.ladder()?);
                let name = l.labels.get(rung as usize).map_or("?", |(_, s)| s.as_str());
                // The scenario's own words for its top: "nuclear crisis", "At 100 the game ends."
                match sc.ladder_top() {
                    Some(top) => format!(
                        "Warning: {} is at \"{name}\", on the way to {}. {}",
                        l.name, top.crisis, top.warning
                    ),
                    None => format!("Warning: {} is at \"{name}\".", l.name),
                }
            }
            Note::Ended { ending } => format!(
                "The game is over: {}.",
                sc.endings.get(ending.index())?.title
            ),
        })
    }
}

/// `text` with the player's own side, named as a third party ("Moscow turned …"),
/// named as the player's ("Your government turned …"): whole words only, capital
/// at the start of a sentence.
fn as_yours(text: &str, own: &str) -> String {
    if own.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(own) {
        let (before, after) = (&rest[..at], &rest[at + own.len()..]);
        let prev = before
            .chars()
            .next_back()
            .or_else(|| out.chars().next_back());
        let whole_before = !prev.is_some_and(char::is_alphanumeric);
        let whole_after = !after.chars().next().is_some_and(char::is_alphanumeric);
        out.push_str(before);
        if whole_before && whole_after {
            let start =
                out.trim_end().is_empty() || out.trim_end().ends_with(['.', '!', '?', ':', ';']);
            out.push_str(if start {
                "Your government"
            } else {
                "your government"
            });
        } else {
            out.push_str(own);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

mod reading;
#[cfg(test)]
mod tests;
mod unavailable;
pub use reading::at_answer;
