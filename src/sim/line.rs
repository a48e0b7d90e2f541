//! `line:FILE`: a month-by-month list of one side's moves and card answers, for
//! playing a chosen course (a recipe, a reading of events) through the real
//! rules; and `history`, the same built from the scenario's `[[history]]` record.
//!
//! The format, one entry per line (`#` starts a comment, blank lines are skipped):
//!
//! ```text
//! # Washington, autumn 2024
//! 2024-09 sanctions
//! 2024-10 aid card:hotline=2
//! card:inauguration=1
//! ```
//!
//! A month line is `YYYY-MM`, then the move's id (or `-` for none: the fallback
//! policy chooses), then any `card:<event id>=<n>` answers for cards of that
//! month. A line of `card:` answers alone applies in any month. `n` counts the
//! card's choices from 1, as the screen does. Where the move is unavailable, the
//! month or the card is not listed, the fallback policy chooses (and it is counted).

use std::io::Read;
use std::path::Path;

use crate::game::scenario::{EventId, MoveId, Scenario, SideId};

/// The `source` of the line built from the scenario's record.
const RECORD: &str = "history";

/// Line files are small; anything bigger is a mistake, not a line.
pub const MAX_LINE_BYTES: u64 = 1 << 20;

/// A parsed line: what to play in each month, and how to answer cards.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Where it was read from, for the policy's name.
    pub source: String,
    /// The move for each turn (index = turn), if the file names one.
    pub moves: Vec<Option<MoveId>>,
    /// Card answers: (turn, or `None` for any month; the card; choice index from 0).
    pub answers: Vec<(Option<u8>, EventId, u8)>,
}

impl Line {
    /// The move the line names for a turn.
    #[must_use]
    pub fn move_at(&self, turn: u8) -> Option<MoveId> {
        self.moves.get(turn as usize).copied().flatten()
    }

    /// The answer the line gives a card in a turn: that month's first, then any month's.
    #[must_use]
    pub fn answer_at(&self, turn: u8, e: EventId) -> Option<u8> {
        let find = |t: Option<u8>| {
            self.answers
                .iter()
                .find(|(at, ev, _)| *at == t && *ev == e)
                .map(|a| a.2)
        };
        find(Some(turn)).or_else(|| find(None))
    }

    /// The scenario's record of `side` as a line (`--policy history`): each
    /// month's move and card answers from `[[history]]`; `None` when the record
    /// gives no move of that side.
    #[must_use]
    pub fn from_record(sc: &Scenario, side: SideId) -> Option<Line> {
        if !sc.has_record(side) {
            return None;
        }
        let mut line = Line {
            source: RECORD.to_string(),
            moves: vec![None; sc.calendar.turns as usize],
            answers: Vec::new(),
        };
        for h in sc.history.iter().filter(|h| h.side == Some(side)) {
            if let (Some(t), Some(m)) = (h.turn, h.mv)
                && let Some(slot) = line.moves.get_mut(t as usize)
            {
                *slot = Some(m);
            }
            for (e, c) in &h.answers {
                line.answers.push((h.turn, *e, *c));
            }
        }
        Some(line)
    }

    /// Whether this line is the scenario's record rather than a file.
    #[must_use]
    pub fn is_record(&self) -> bool {
        self.source == RECORD
    }

    /// Parse a line file's text for `side`; an error names the file, line and value.
    pub fn parse(sc: &Scenario, side: SideId, file: &str, text: &str) -> Result<Line, String> {
        let mut line = Line {
            source: file.to_string(),
            moves: vec![None; sc.calendar.turns as usize],
            answers: Vec::new(),
        };
        let mut seen = vec![false; sc.calendar.turns as usize];
        for (n, raw) in text.lines().enumerate() {
            let at = |msg: String| format!("{file}:{}: {msg}", n + 1);
            let content = raw.split('#').next().unwrap_or("").trim();
            let mut words = content.split_whitespace().peekable();
            let Some(first) = words.peek().copied() else {
                continue;
            };
            let turn = if first.starts_with("card:") {
                None
            } else {
                words.next();
                let t = month(sc, first).map_err(at)?;
                if std::mem::replace(&mut seen[t as usize], true) {
                    return Err(at(format!("month `{first}` is listed twice")));
                }
                let mv = words
                    .next()
                    .ok_or_else(|| at(format!("month `{first}` names no move (`-` for none)")))?;
                if mv != "-" {
                    line.moves[t as usize] = Some(move_named(sc, side, mv).map_err(at)?);
                }
                Some(t)
            };
            for w in words {
                let (e, c) = card_answer(sc, w).map_err(at)?;
                line.answers.push((turn, e, c));
            }
        }
        Ok(line)
    }

    /// Read and parse a line file, at most `MAX_LINE_BYTES` of UTF-8.
    pub fn read(sc: &Scenario, side: SideId, path: &Path) -> Result<Line, String> {
        let file = crate::text::printable(&path.display().to_string()).to_string();
        let fail = |e: String| format!("{file}: {e}");
        let f = std::fs::File::open(path).map_err(|e| fail(format!("cannot read: {e}")))?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(fail("is a directory, not a line file".into()));
        }
        let mut bytes = Vec::new();
        f.take(MAX_LINE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(format!("cannot read: {e}")))?;
        if bytes.len() as u64 > MAX_LINE_BYTES {
            return Err(fail(format!(
                "larger than {MAX_LINE_BYTES} bytes; a line file is a few hundred"
            )));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let ok = e.utf8_error().valid_up_to();
            let n = e.as_bytes()[..ok].iter().filter(|b| **b == b'\n').count() + 1;
            format!("{file}:{n}: not valid UTF-8")
        })?;
        Line::parse(sc, side, &file, &text)
    }
}

/// The turn of a `YYYY-MM` month inside the scenario's calendar.
fn month(sc: &Scenario, word: &str) -> Result<u8, String> {
    let cal = &sc.calendar;
    let bad = || {
        format!(
            "`{}` is not a month of the game (YYYY-MM, {} to {})",
            crate::text::printable(word),
            iso(sc, 0),
            iso(sc, cal.turns.saturating_sub(1))
        )
    };
    let (y, m) = word.split_once('-').ok_or_else(bad)?;
    let (y, m) = match (y.parse::<i32>(), m.parse::<u8>()) {
        (Ok(y), Ok(m)) if y.to_string().len() == 4 && (1..=12).contains(&m) => (y, m),
        _ => return Err(bad()),
    };
    cal.turn_of(y, m).ok_or_else(bad)
}

/// `2024-09` for a turn.
#[must_use]
pub fn iso(sc: &Scenario, turn: u8) -> String {
    let (y, m) = sc.calendar.date(turn);
    format!("{y:04}-{m:02}")
}

fn move_named(sc: &Scenario, side: SideId, id: &str) -> Result<MoveId, String> {
    match sc.move_id(id) {
        Some(m) if sc.mv(m).side == side => Ok(m),
        Some(_) => Err(format!(
            "move `{id}` belongs to {}, not {}",
            sc.side(side.other()).id,
            sc.side(side).id
        )),
        None => Err(format!(
            "no move called `{}` for {}",
            crate::text::printable(id),
            sc.side(side).id
        )),
    }
}

/// `card:<event>=<n>` (n from 1) as (event, choice index from 0).
fn card_answer(sc: &Scenario, word: &str) -> Result<(EventId, u8), String> {
    let shown = crate::text::printable(word);
    let body = word.strip_prefix("card:").ok_or_else(|| {
        format!("`{shown}` is neither a move nor a card answer (card:<event>=<n>)")
    })?;
    let (ev, n) = body
        .split_once('=')
        .ok_or_else(|| format!("`{shown}`: a card answer is card:<event>=<n>"))?;
    let e = sc
        .event_id(ev)
        .ok_or_else(|| format!("no event called `{}`", crate::text::printable(ev)))?;
    let count = sc.event(e).choices.len();
    if count == 0 {
        return Err(format!("event `{ev}` is not a choice card"));
    }
    match n.parse::<usize>() {
        Ok(c) if (1..=count).contains(&c) => Ok((e, (c - 1) as u8)),
        _ => Err(format!(
            "`{}`: card `{ev}` has choices 1 to {count}",
            crate::text::printable(n)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn washington(sc: &Scenario) -> SideId {
        sc.side_id("washington").unwrap()
    }

    fn card(sc: &Scenario) -> (String, usize) {
        let e = sc.events.iter().find(|e| e.choices.len() >= 2).unwrap();
        (e.id.clone(), e.choices.len())
    }

    #[test]
    fn months_moves_and_answers_are_read() {
        let sc = Scenario::builtin();
        let w = washington(&sc);
        let mv = &sc.mv(sc.moves_of(w).next().unwrap()).id;
        let (ev, _) = card(&sc);
        let text = format!(
            "# a comment\n\n{} {mv} card:{ev}=2\n{} -\ncard:{ev}=1\n",
            iso(&sc, 0),
            iso(&sc, 2)
        );
        let line = Line::parse(&sc, w, "f.txt", &text).unwrap();
        assert_eq!(line.move_at(0), sc.move_id(mv));
        assert_eq!(line.move_at(1), None);
        assert_eq!(line.move_at(2), None);
        let e = sc.event_id(&ev).unwrap();
        assert_eq!(line.answer_at(0, e), Some(1), "that month's answer first");
        assert_eq!(line.answer_at(5, e), Some(0), "any month's answer after");
    }

    #[test]
    fn errors_name_the_file_line_and_value() {
        let sc = Scenario::builtin();
        let w = washington(&sc);
        let (ev, n) = card(&sc);
        let moscow_move = &sc.mv(sc.moves_of(w.other()).next().unwrap()).id;
        let cases = [
            (
                "\n2024-09 no_such_move\n",
                "f.txt:2: no move called `no_such_move`",
            ),
            (
                "2031-01 -\n",
                "f.txt:1: `2031-01` is not a month of the game",
            ),
            ("2024-13 -\n", "f.txt:1: `2024-13` is not a month"),
            ("sept -\n", "f.txt:1: `sept` is not a month"),
            ("2024-09\n", "f.txt:1: month `2024-09` names no move"),
            (
                "2024-09 -\n2024-09 -\n",
                "f.txt:2: month `2024-09` is listed twice",
            ),
            ("card:nothing=1\n", "f.txt:1: no event called `nothing`"),
            (&format!("card:{ev}={}\n", n + 1), "f.txt:1: "),
            (&format!("card:{ev}=0\n"), "has choices 1 to"),
            (&format!("2024-09 {moscow_move}\n"), "belongs to moscow"),
            (
                "2024-09 - hello\n",
                "`hello` is neither a move nor a card answer",
            ),
        ];
        for (text, want) in cases {
            let err = Line::parse(&sc, w, "f.txt", text).unwrap_err();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
