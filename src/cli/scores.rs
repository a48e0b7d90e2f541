//! `detente scores`: the best ten games of each side in the high-score table.

use std::process::ExitCode;

use super::output::{self, with_stdout};
use crate::store::scores::{Entry, Scores};
use crate::store::{self, Files};
use crate::text::printable;

/// Print the table: a damaged one is set aside and said on stderr, and the table
/// printed is then empty.
#[must_use]
pub fn run() -> ExitCode {
    let files = Files::at(store::data_dir());
    let (table, problem) = files.scores();
    if let Some(p) = problem {
        output::error(p);
    }
    with_stdout(|out| {
        if let Some(path) = files.scores_path() {
            out.line(format_args!(
                "High scores ({})",
                printable(&path.display().to_string())
            ))?;
        }
        out.text(&best(table).table())?;
        Ok(ExitCode::SUCCESS)
    })
}

/// The best ten of each side, best first, with every field made printable. The file may have been
/// written by hand: it may hold any number of entries, in any order, with any text.
#[must_use]
pub fn best(mut table: Scores) -> Scores {
    // Stable: of equal scores, the one listed first (the older) stays above; the
    // best ten of each side, as each side has its own table.
    table.keep_best();
    for e in &mut table.entries {
        clean(e);
    }
    table
}

fn clean(e: &mut Entry) {
    for field in [
        &mut e.ending,
        &mut e.side,
        &mut e.seed,
        &mut e.difficulty,
        &mut e.scenario,
        &mut e.date,
    ] {
        if let std::borrow::Cow::Owned(s) = printable(field) {
            *field = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(score: i32, ending: &str) -> Entry {
        Entry {
            score,
            ending: ending.into(),
            side: "Washington".into(),
            seed: "1".into(),
            difficulty: "normal".into(),
            scenario: "low_point_2024".into(),
            date: "2026-11-30".into(),
            id: String::new(),
            undone: false,
        }
    }

    #[test]
    fn the_best_ten_of_many_in_any_order() {
        let entries = (0..5000).map(|i| entry((i * 7919) % 5000, "x")).collect();
        let best = best(Scores { entries });
        let scores: Vec<i32> = best.entries.iter().map(|e| e.score).collect();
        assert_eq!(scores, (4990..5000).rev().collect::<Vec<_>>());
    }

    #[test]
    fn ties_keep_their_order_and_text_is_made_printable() {
        let entries = vec![entry(5, "first"), entry(9, "\u{1b}[2J"), entry(5, "second")];
        let best = best(Scores { entries });
        let endings: Vec<&str> = best.entries.iter().map(|e| e.ending.as_str()).collect();
        assert_eq!(endings, ["\u{FFFD}[2J", "first", "second"]);
    }
}
