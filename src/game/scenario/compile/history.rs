//! The record after the report (`[[history]]`): dated lines for the end
//! screen, and what each capital actually did month by month, as the game's
//! moves and card answers (played by `--policy history`, set beside the
//! player's months on the end screen).

use std::collections::BTreeSet;

use super::super::raw::{self, S};
use super::super::{Event, EventId, HistoryNote, Move, SIDES, Side, SideId};
use super::cx::Cx;

impl Cx<'_> {
    /// Every entry, checked: a known side, a move of that side in a month of
    /// the calendar, one move per side per month, answers to that side's cards.
    pub fn history(
        &mut self,
        table: &[S<raw::History>],
        sides: &[Side; SIDES],
        moves: &[Move],
        events: &[Event],
    ) -> Vec<HistoryNote> {
        let mut seen = Seen {
            sides: sides.clone().map(|s| s.id),
            taken: BTreeSet::new(),
        };
        table
            .iter()
            .enumerate()
            .map(|(i, h)| self.history_note(h, &format!("history[{i}]"), moves, events, &mut seen))
            .collect()
    }

    fn history_note(
        &mut self,
        h: &S<raw::History>,
        at: &str,
        moves: &[Move],
        events: &[Event],
        seen: &mut Seen,
    ) -> HistoryNote {
        let r = h.get_ref();
        let side = r
            .side
            .as_ref()
            .and_then(|s| self.side(s, &format!("{at}.side")));
        let plays = r.mv.is_some() || !r.answers.is_empty();
        if plays && r.side.is_none() {
            self.err(
                h.span(),
                at,
                "a move or card answers need the `side` that made them",
            );
        }
        let turn = match &r.month {
            // Only what is played must fall in the calendar; a dated line may not.
            Some(m) if plays => self.turn(m, &format!("{at}.month")),
            Some(m) => self
                .month(m, &format!("{at}.month"))
                .and_then(|(y, mo)| self.calendar.turn_of(y, mo)),
            None => {
                if r.mv.is_some() {
                    self.err(h.span(), at, "a move needs the `month` it was made in");
                }
                None
            }
        };
        let mv = r.mv.as_ref().and_then(|m| {
            let field = format!("{at}.move");
            let id = self.move_ref(m, &field)?;
            let owner = moves.get(id.index())?.side;
            if side.is_some_and(|s| s != owner) {
                let msg = format!(
                    "move `{}` is {}'s, not {}'s",
                    m.get_ref(),
                    seen.name(owner),
                    seen.name(side?)
                );
                self.err(m.span(), &field, msg);
                return None;
            }
            if let (Some(s), Some(t)) = (side, turn)
                && !seen.taken.insert((s, t))
            {
                let msg = format!(
                    "{} already has a move in {}: one move per side per month",
                    seen.name(s),
                    r.month.as_ref().map_or("", |m| m.get_ref().as_str())
                );
                self.err(m.span(), &field, msg);
            }
            Some(id)
        });
        let answers = r
            .answers
            .iter()
            .filter_map(|(ev, n)| {
                self.history_answer(ev, n, side, events, seen, &format!("{at}.answers"))
            })
            .collect();
        HistoryNote {
            when: r.when.clone(),
            what: r.what.clone(),
            source: r.source.clone(),
            turn,
            side,
            mv,
            answers,
        }
    }

    /// One card answer: a choice card put to `side`, and an answer it has (from 1).
    fn history_answer(
        &mut self,
        ev: &S<String>,
        n: &S<i64>,
        side: Option<SideId>,
        events: &[Event],
        seen: &Seen,
        at: &str,
    ) -> Option<(EventId, u8)> {
        let field = format!("{at}.{}", ev.get_ref());
        let Some(i) = events.iter().position(|e| &e.id == ev.get_ref()) else {
            let known: Vec<&str> = (events.iter())
                .filter(|e| !e.choices.is_empty())
                .map(|e| e.id.as_str())
                .collect();
            let msg = format!(
                "no choice card called `{}` (known: {})",
                ev.get_ref(),
                known.join(", ")
            );
            self.err(ev.span(), &field, msg);
            return None;
        };
        let e = &events[i];
        if e.choices.is_empty() {
            self.err(
                ev.span(),
                &field,
                format!("`{}` is not a choice card", e.id),
            );
            return None;
        }
        if let Some(s) = side.filter(|s| *s != e.concerns) {
            let msg = format!(
                "card `{}` is put to {}, not {}",
                e.id,
                seen.name(e.concerns),
                seen.name(s)
            );
            self.err(ev.span(), &field, msg);
        }
        let count = e.choices.len() as i64;
        let k = *n.get_ref();
        if !(1..=count).contains(&k) {
            self.err(
                n.span(),
                &field,
                format!(
                    "{k} is not an answer of `{}` (1 to {count}, as on screen)",
                    e.id
                ),
            );
            return None;
        }
        Some((EventId(i as u8), (k - 1) as u8))
    }
}

/// What the entries before this one settled: the sides' ids (for messages)
/// and which side already has a move in which month.
struct Seen {
    sides: [String; SIDES],
    taken: BTreeSet<(SideId, u8)>,
}

impl Seen {
    fn name(&self, s: SideId) -> &str {
        &self.sides[s.index()]
    }
}

#[cfg(test)]
mod tests {
    use crate::game::scenario::{BUILTIN_TOML, Scenario, ScenarioError, SideId};

    const MINIMAL: &str = include_str!("../../../../tests/scenarios/good/minimal.toml");

    /// A choice card put to blue, for the answers.
    const CARD: &str = r#"
[[events]]
id = "ask"
title = "Ask"
at = "2030-03"
text = "Asked."
fiction = true
choices = [{ label = "Yes" }, { label = "No" }, { label = "Later" }]
"#;

    fn compile(history: &str) -> Result<Scenario, Vec<ScenarioError>> {
        let text = format!("{MINIMAL}{CARD}{history}");
        Scenario::from_toml("m.toml", &text).map_err(|e| e.0)
    }

    /// The line (from 1) of `needle` in the text `compile` builds.
    fn line_of(history: &str, needle: &str) -> usize {
        let text = format!("{MINIMAL}{CARD}{history}");
        let at = text.find(needle).expect("needle in the text");
        text[..at].matches('\n').count() + 1
    }

    #[test]
    fn a_record_entry_compiles_to_its_month_side_move_and_answers() {
        let sc = compile(
            r#"
[[history]]
when = "12 Feb 2030"
what = "Blue talks."
source = "The Blue Times, 12 Feb 2030"
month = "2030-02"
side = "blue"
move = "blue_talk"
answers = { ask = 3 }

[[history]]
when = "1 Jan 2029"
what = "Before the game: a dated line only."
month = "2029-01"
"#,
        )
        .unwrap();
        let blue = sc.side_id("blue").unwrap();
        let h = &sc.history[0];
        assert_eq!(h.turn, Some(1));
        assert_eq!(h.side, Some(blue));
        assert_eq!(h.mv, sc.move_id("blue_talk"));
        assert_eq!(h.answers, vec![(sc.event_id("ask").unwrap(), 2)]);
        assert_eq!(h.source, "The Blue Times, 12 Feb 2030");
        assert_eq!(sc.history[1].turn, None, "outside the calendar: no turn");
        assert!(sc.has_record(blue) && !sc.has_record(blue.other()));
        assert_eq!(
            sc.record_move(blue, 1).and_then(|h| h.mv),
            sc.move_id("blue_talk")
        );
        assert!(sc.record_move(blue, 2).is_none());
    }

    #[test]
    fn bad_entries_are_errors_with_line_and_field() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "side = \"green\"",
                "side = \"green\"\nmonth = \"2030-02\"\nmove = \"blue_hold\"",
                "history[0].side",
                "no side called `green`",
            ),
            (
                "move = \"fly\"",
                "side = \"blue\"\nmonth = \"2030-02\"\nmove = \"fly\"",
                "history[0].move",
                "no move called `fly`",
            ),
            (
                "move = \"red_hold\"",
                "side = \"blue\"\nmonth = \"2030-02\"\nmove = \"red_hold\"",
                "history[0].move",
                "is red's, not blue's",
            ),
            (
                "month = \"2031-02\"",
                "side = \"blue\"\nmonth = \"2031-02\"\nmove = \"blue_hold\"",
                "history[0].month",
                "outside the calendar",
            ),
            (
                "month = \"Feb\"",
                "side = \"blue\"\nmonth = \"Feb\"\nmove = \"blue_hold\"",
                "history[0].month",
                "is not a month written YYYY-MM",
            ),
            (
                "ask = 4",
                "side = \"blue\"\nmonth = \"2030-03\"\nanswers = { ask = 4 }",
                "history[0].answers.ask",
                "4 is not an answer of `ask` (1 to 3",
            ),
            (
                "nope = 1",
                "side = \"blue\"\nanswers = { nope = 1 }",
                "history[0].answers.nope",
                "no choice card called `nope` (known: ask)",
            ),
            (
                "news = 1",
                "side = \"blue\"\nanswers = { news = 1 }",
                "history[0].answers.news",
                "`news` is not a choice card",
            ),
            (
                "ask = 1",
                "side = \"red\"\nanswers = { ask = 1 }",
                "history[0].answers.ask",
                "card `ask` is put to blue, not red",
            ),
        ];
        for (needle, fields, field, message) in cases {
            let h = format!("\n[[history]]\nwhen = \"Feb 2030\"\nwhat = \"x\"\n{fields}\n");
            let errs = compile(&h).expect_err(fields);
            let e = errs
                .iter()
                .find(|e| e.field == *field)
                .unwrap_or_else(|| panic!("{fields}: no error on {field}: {errs:?}"));
            assert!(e.message.contains(message), "{fields}: {}", e.message);
            assert_eq!(e.line, line_of(&h, needle), "{fields}: {e}");
        }
    }

    #[test]
    fn a_move_needs_its_side_and_month_and_a_side_one_move_a_month() {
        let two = "\n[[history]]\nwhen = \"a\"\nwhat = \"x\"\nside = \"blue\"\nmonth = \"2030-02\"\nmove = \"blue_hold\"\n\n[[history]]\nwhen = \"b\"\nwhat = \"y\"\nside = \"blue\"\nmonth = \"2030-02\"\nmove = \"blue_talk\"\n";
        let errs = compile(two).unwrap_err();
        assert!(
            errs.iter().any(|e| e.field == "history[1].move"
                && e.message.contains("blue already has a move in 2030-02")),
            "{errs:?}"
        );
        let no_side = "\n[[history]]\nwhen = \"a\"\nwhat = \"x\"\nmonth = \"2030-02\"\nmove = \"blue_hold\"\n";
        let errs = compile(no_side).unwrap_err();
        assert!(
            errs.iter().any(|e| e.message.contains("need the `side`")),
            "{errs:?}"
        );
        let no_month =
            "\n[[history]]\nwhen = \"a\"\nwhat = \"x\"\nside = \"blue\"\nmove = \"blue_hold\"\n";
        let errs = compile(no_month).unwrap_err();
        assert!(
            errs.iter().any(|e| e.message.contains("needs the `month`")),
            "{errs:?}"
        );
        // The other side in the same month is its own record.
        let both = "\n[[history]]\nwhen = \"a\"\nwhat = \"x\"\nside = \"blue\"\nmonth = \"2030-02\"\nmove = \"blue_hold\"\n\n[[history]]\nwhen = \"a\"\nwhat = \"y\"\nside = \"red\"\nmonth = \"2030-02\"\nmove = \"red_hold\"\n";
        assert!(compile(both).is_ok());
    }

    /// The built-in record: Washington's move for every month of the calendar,
    /// at least twelve dated lines, every entry sourced.
    #[test]
    fn the_builtin_record_covers_every_month_for_washington() {
        let sc = Scenario::from_toml("b.toml", BUILTIN_TOML).unwrap();
        let w = sc.side_id("washington").unwrap();
        for turn in 0..sc.calendar.turns {
            assert!(
                sc.record_move(w, turn).is_some(),
                "no record of Washington's move in {}",
                sc.calendar.label(turn)
            );
        }
        assert!(sc.history.len() >= 12);
        for h in &sc.history {
            assert!(!h.source.is_empty(), "unsourced: {} {}", h.when, h.what);
        }
        assert!(sc.has_record(SideId(1)) || sc.has_record(SideId(0)));
    }
}
