//! The local high-score table: the best games on this machine.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// How many entries the table keeps for each side (the sides' scores are on
/// different scales, so each has a table of its own).
pub const TABLE_SIZE: usize = 10;
/// A score table larger than this is refused unread (ten entries take about 3 KB).
pub const MAX_SCORES_BYTES: u64 = 1 << 20;

/// One finished game.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub score: i32,
    /// The ending's title.
    pub ending: String,
    /// The side played (its name); empty in tables written before sides could be chosen.
    #[serde(default)]
    pub side: String,
    pub seed: String,
    pub difficulty: String,
    pub scenario: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// Which game this was (see `files::game_id`), so a game is never counted twice.
    #[serde(default)]
    pub id: String,
    /// Whether a choice was taken back during the game (absent in older tables: no).
    #[serde(default)]
    pub undone: bool,
}

/// The table, best first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub entries: Vec<Entry>,
}

impl Scores {
    /// Read the table; a missing file is an empty table, a bad one an error naming it.
    /// A link, pipe or device at the name is refused unread (it is the data
    /// directory's own file), and no more than `MAX_SCORES_BYTES` is ever read.
    ///
    /// # Errors
    ///
    /// The file is refused, cannot be read or is not a score table.
    pub fn read(path: &Path) -> Result<Scores, String> {
        match super::read_limited(path, MAX_SCORES_BYTES, super::Links::Refuse) {
            Err(e) if e.is_not_found() => Ok(Scores::default()),
            Err(super::FileError::TooLarge(_)) => {
                Err(format!("{}: too large for a score table", path.display()))
            }
            Err(e) => Err(format!("{}: {e}", path.display())),
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: damaged score table: {e}", path.display())),
        }
    }

    /// Add an entry; returns its rank (0-based) in its side's table if it made it.
    pub fn add(&mut self, e: Entry) -> Option<usize> {
        // Stable: an equal score ranks below the older one.
        let at = self
            .entries
            .iter()
            .position(|x| e.score > x.score)
            .unwrap_or(self.entries.len());
        let rank = self.entries[..at]
            .iter()
            .filter(|x| x.side == e.side)
            .count();
        if rank >= TABLE_SIZE {
            return None;
        }
        self.entries.insert(at, e);
        self.keep_best();
        Some(rank)
    }

    /// Sort best first (stable: of equal scores the older stays above) and keep
    /// the best [`TABLE_SIZE`] of each side.
    pub fn keep_best(&mut self) {
        self.entries.sort_by_key(|e| std::cmp::Reverse(e.score));
        let mut kept: Vec<(String, usize)> = Vec::new();
        self.entries.retain(|e| {
            let i = kept
                .iter()
                .position(|(s, _)| *s == e.side)
                .unwrap_or_else(|| {
                    kept.push((e.side.clone(), 0));
                    kept.len() - 1
                });
            kept[i].1 += 1;
            kept[i].1 <= TABLE_SIZE
        });
    }

    /// One table per side, in the order the sides first appear (best first):
    /// (the side's name, its entries best first).
    #[must_use]
    pub fn by_side(&self) -> Vec<(&str, Vec<&Entry>)> {
        let mut out: Vec<(&str, Vec<&Entry>)> = Vec::new();
        for e in &self.entries {
            match out.iter_mut().find(|(s, _)| *s == e.side) {
                Some((_, list)) => list.push(e),
                None => out.push((e.side.as_str(), vec![e])),
            }
        }
        out
    }

    /// Add an entry unless the same game is already in the table; returns its rank.
    pub fn add_once(&mut self, e: Entry) -> Option<usize> {
        if !e.id.is_empty()
            && let Some(i) = self.entries.iter().position(|x| x.id == e.id)
        {
            return Some(i);
        }
        self.add(e)
    }

    /// Write the table atomically.
    ///
    /// # Errors
    ///
    /// Any error of the atomic write.
    ///
    /// # Panics
    ///
    /// Never: the table is plain data, and always serialises.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).expect("scores always serialise");
        super::write_atomic(path, json.as_bytes())
    }

    /// The tables as text, one per side under the side's name, for `detente
    /// scores` and the high-score screen. A game in which a choice was taken back
    /// says so in the last column.
    #[must_use]
    pub fn table(&self) -> String {
        if self.entries.is_empty() {
            return "No finished games yet.\n".into();
        }
        let mut s = String::new();
        for (n, (side, entries)) in self.by_side().into_iter().enumerate() {
            if n > 0 {
                s.push('\n');
            }
            let side = if side.is_empty() {
                "Side not recorded"
            } else {
                side
            };
            let _ = writeln!(s, "{side}");
            s += " #  score  ending               difficulty seed      date        undo\n";
            for (i, e) in entries.iter().enumerate() {
                let row = format!(
                    "{:>2}  {:>5}  {:<20} {:<10} {:<8}  {:<10}  {}",
                    i + 1,
                    e.score,
                    e.ending,
                    e.difficulty,
                    e.seed,
                    e.date,
                    if e.undone { "used" } else { "" }
                );
                s += row.trim_end();
                s.push('\n');
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(score: i32) -> Entry {
        Entry {
            score,
            ending: "Cold peace".into(),
            side: "Washington".into(),
            seed: "1".into(),
            difficulty: "normal".into(),
            scenario: "low_point_2024".into(),
            date: "2026-11-26".into(),
            id: String::new(),
            undone: false,
        }
    }

    #[test]
    fn keeps_the_best_ten_in_order() {
        let mut s = Scores::default();
        for x in [5, 50, 20, 80, 1, 2, 3, 4, 6, 7, 8, 9] {
            s.add(entry(x));
        }
        assert_eq!(s.entries.len(), TABLE_SIZE);
        assert_eq!(s.entries[0].score, 80);
        assert!(s.entries.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(s.add(entry(0)), None);
        assert_eq!(s.add(entry(100)), Some(0));
    }

    #[test]
    fn the_same_game_counts_once() {
        let mut s = Scores::default();
        let e = Entry {
            id: "abc".into(),
            ..entry(30)
        };
        assert_eq!(s.add_once(e.clone()), Some(0));
        assert_eq!(s.add_once(e), Some(0));
        assert_eq!(s.entries.len(), 1);
    }

    /// Washington's and Moscow's scores are on different scales: each side has its
    /// own ten, its own ranks and its own table; a game with undos is marked.
    #[test]
    fn each_side_has_its_own_table_and_undos_are_marked() {
        let mut s = Scores::default();
        let moscow = |score| Entry {
            side: "Moscow".into(),
            ..entry(score)
        };
        for x in 0..12 {
            assert!(s.add(entry(100 + x)).is_some());
        }
        assert_eq!(
            s.add(moscow(5)),
            Some(0),
            "ranked among Moscow's games only"
        );
        assert_eq!(
            s.add(Entry {
                undone: true,
                ..moscow(7)
            }),
            Some(0)
        );
        let tables = s.by_side();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].0, "Washington");
        assert_eq!(tables[0].1.len(), TABLE_SIZE);
        assert_eq!(
            tables[1].1.iter().map(|e| e.score).collect::<Vec<_>>(),
            [7, 5]
        );
        let text = s.table();
        let (w, m) = text.split_once("\nMoscow\n").expect("a table for Moscow");
        assert!(
            w.starts_with("Washington\n") && w.contains("difficulty"),
            "{text}"
        );
        assert!(m.lines().nth(1).unwrap().ends_with("used"), "{text}");
        assert!(!m.lines().nth(2).unwrap().ends_with("used"), "{text}");
    }

    /// A table written before the undo mark reads, its games unmarked.
    #[test]
    fn an_older_table_without_the_undo_mark_reads() {
        let old = r#"{"entries":[{"score":3,"ending":"x","side":"Moscow","seed":"1",
            "difficulty":"normal","scenario":"s","date":"2026-11-26","id":"a"}]}"#;
        let s: Scores = serde_json::from_str(old).unwrap();
        assert!(!s.entries[0].undone);
    }
}
