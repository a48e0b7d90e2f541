//! A note of the core's report as a sentence, the player's own side named as
//! theirs.

use crate::game::dice;
use crate::game::report::Note;

use super::{Viewer, Words};

impl Words<'_> {
    /// A note as a sentence; `None` for notes the screens show another way.
    pub fn note(&self, note: Note) -> Option<String> {
        let sc = self.sc;
        Some(match note {
            Note::Moved { side, mv, success } => {
                let m = sc.moves.get(mv.index())?;
                let variants = match success {
                    Some(false) => &m.failure_text,
                    // A move that can fail and was not rolled was put to the
                    // other side, who answers it next month (`Move::asks`).
                    None if !m.chance.is_certain() => &m.asks_text,
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
                // Read again months later as well as now: no "waits", which the answer has ended.
                format!("A decision for {whom}: {}", self.event_title(event))
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
pub(super) fn as_yours(text: &str, own: &str) -> String {
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
