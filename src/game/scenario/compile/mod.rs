//! Checking a scenario file and compiling it: names to indices, spans to lines.
//!
//! Every problem becomes a [`ScenarioError`] naming the file, the line and the
//! field; all problems found are reported together, never a panic. One file
//! per table of the scenario (sides, meters, treaties, moves, events,
//! endings, drift, history) and per shared part (conditions, effects); `cx.rs` holds
//! the checks they share and `names.rs` the names every table refers to.

mod conditions;
mod cx;
mod drift;
mod effects;
mod endings;
mod events;
mod header;
mod history;
mod meters;
mod moves;
mod names;
mod sides;
mod temperaments;
#[cfg(test)]
mod tests;
mod treaties;

use std::fmt;

use super::limits::MAX_SCENARIO_BYTES;
use super::raw;
use super::{Calendar, Index, Scenario, SideId};
use cx::Cx;

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    /// 1-based; 0 when the problem has no place in the file.
    pub line: usize,
    /// The field, as a path: `moves[2].effects.meters.relations`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.field.is_empty()) {
            (0, true) => write!(f, "{}: {}", self.file, self.message),
            (0, false) => write!(f, "{}: {}: {}", self.file, self.field, self.message),
            (l, true) => write!(f, "{}:{}: {}", self.file, l, self.message),
            (l, false) => write!(f, "{}:{}: {}: {}", self.file, l, self.field, self.message),
        }
    }
}

/// Every problem found in one scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioErrors(pub Vec<ScenarioError>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

impl Scenario {
    /// Parse, check and compile a scenario. `file` names it in messages.
    ///
    /// # Errors
    /// Every problem found, each with its file, line and field.
    pub fn from_toml(file: &str, text: &str) -> Result<Scenario, ScenarioErrors> {
        let mut cx = Cx::new(file, text);
        if text.len() > MAX_SCENARIO_BYTES {
            cx.err(
                0..0,
                "",
                format!("file is larger than {} MiB", MAX_SCENARIO_BYTES >> 20),
            );
            return Err(ScenarioErrors(cx.errors));
        }
        let file_raw: raw::File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().trim().to_string();
                let field = field_of(&e);
                cx.err(span, &field, msg);
                return Err(ScenarioErrors(cx.errors));
            }
        };
        let mut sc = cx.scenario(&file_raw);
        sc.fingerprint = super::fingerprint(text);
        sc.index = Index::build(&sc);
        if cx.errors.is_empty() {
            Ok(sc)
        } else {
            Err(ScenarioErrors(cx.errors))
        }
    }
}

/// Longest name taken from an error message as a field: a longer "name" is
/// the file's text echoed back, not a field.
const MAX_QUOTED_FIELD: usize = 64;

/// The field a toml/serde error is about: the key path toml keeps, plus the
/// name of an unknown or missing field from the message.
fn field_of(e: &toml::de::Error) -> String {
    let mut bare = e.clone();
    // Without the input, toml's Display prints the key path as "in `a.b`".
    bare.set_input(None);
    let shown = bare.to_string();
    let path = shown
        .lines()
        .find_map(|l| l.strip_prefix("in `").and_then(|r| r.strip_suffix('`')))
        .unwrap_or("")
        .to_string();
    let msg = e.message();
    let named = (msg.starts_with("unknown field") || msg.starts_with("missing field"))
        .then(|| msg.split('`').nth(1))
        .flatten()
        .filter(|n| !n.is_empty() && n.len() <= MAX_QUOTED_FIELD);
    match (path.is_empty(), named) {
        (true, Some(n)) => n.to_string(),
        (false, Some(n)) if !path.ends_with(n) => format!("{path}.{n}"),
        _ => path,
    }
}

impl Cx<'_> {
    /// The whole file, table by table. Names come first, so a reference
    /// anywhere resolves; the header and calendar next, as conditions and
    /// scripted cards need them. The order is also the order of the messages.
    fn scenario(&mut self, f: &raw::File) -> Scenario {
        self.collect_names(f);
        self.check_sizes(f);
        let h = f.scenario.get_ref();
        let id = self.id(&h.id, "scenario.id");
        self.calendar(f.calendar.get_ref());
        self.default_player = self.side(&h.player, "scenario.player").unwrap_or(SideId(0));
        let deck_chance = self.deck_chance(h);
        let meters = self.meters(&f.meters);
        let treaties = self.treaties(&f.treaties);
        let flags = f.flags.iter().map(|s| s.get_ref().clone()).collect();
        let sides = self.sides(&f.sides);
        let moves = self.moves(&f.moves);
        self.check_every_side_can_move(f, &moves);
        let events = self.events(&f.events);
        self.check_asked_moves_are_put(f, &moves, &events);
        let endings = self.endings(&f.endings);
        self.check_every_game_ends(f, &endings);
        let drift = self.drift(&f.drift);
        let history = self.history(&f.history, &sides, &moves, &events);
        Scenario {
            id,
            title: h.title.clone(),
            summary: h.summary.clone(),
            source: h.source.clone(),
            deadline: h.deadline.clone(),
            calendar: self.calendar,
            sides,
            default_player: self.default_player,
            meters,
            treaties,
            flags,
            moves,
            events,
            endings,
            drift,
            deck_chance,
            fatigue_months: self.fatigue_months(h),
            history,
            fingerprint: 0,
            index: Index::default(),
        }
    }
}

/// Used only until the real calendar is read.
const NO_CALENDAR: Calendar = Calendar {
    start_year: 2024,
    start_month: 1,
    turns: 1,
};
