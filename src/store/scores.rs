//! The local high-score table: the best games on this machine.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// How many entries the table keeps.
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

    /// Add an entry; returns its rank (0-based) if it made the table.
    pub fn add(&mut self, e: Entry) -> Option<usize> {
        // Stable: an equal score ranks below the older one.
        let rank = self
            .entries
            .iter()
            .position(|x| e.score > x.score)
            .unwrap_or(self.entries.len());
        if rank >= TABLE_SIZE {
            return None;
        }
        self.entries.insert(rank, e);
        self.entries.truncate(TABLE_SIZE);
        Some(rank)
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

    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).expect("scores always serialise");
        super::write_atomic(path, json.as_bytes())
    }

    /// The table as text, for `detente scores`.
    pub fn table(&self) -> String {
        if self.entries.is_empty() {
            return "No finished games yet.\n".into();
        }
        let mut s =
            String::from(" #  score  ending               side       difficulty seed      date\n");
        for (i, e) in self.entries.iter().enumerate() {
            s += &format!(
                "{:>2}  {:>5}  {:<20} {:<10} {:<10} {:<8}  {}\n",
                i + 1,
                e.score,
                e.ending,
                e.side,
                e.difficulty,
                e.seed,
                e.date
            );
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
}
