//! A finished game: its score into the table, run files, and the names a game
//! is known by in both.

use super::*;

impl Files {
    /// A game just ended: keep it until its score is in the table, then drop the
    /// autosave, so a crash at any point neither loses the score nor counts it twice.
    /// Returns the rank (0-based) the game took in the table, and a notice if saving failed.
    pub fn finish(&mut self, game: &Game) -> (Option<usize>, Option<String>) {
        let (rank, notice) = self.record_ending(game);
        if notice.is_none() {
            self.clear_autosave();
        }
        (rank, notice)
    }

    /// A game just ended, its end screen not yet seen: save it as it ended and put
    /// its score in the table, but keep the autosave, so a run killed before the
    /// end screen shows it next time (see [`Files::finish`] for when it goes).
    pub fn record_ending(&mut self, game: &Game) -> (Option<usize>, Option<String>) {
        let mut notice = self.autosave(game);
        let rank = match self.record_score(game) {
            Ok(rank) => rank,
            Err(e) => {
                let n = self.off(e);
                notice = notice.or(n);
                None
            }
        };
        (rank, notice)
    }

    /// Put a finished game in the table unless it is already there. The table is of
    /// games against the model: a game of two players is not entered.
    pub(super) fn record_score(&mut self, game: &Game) -> Result<Option<usize>, String> {
        let Some(entry) = entry_of(game) else {
            return Ok(None);
        };
        if let Some(busy) = &self.busy {
            return Err(busy.clone());
        }
        let Some(path) = self.scores_path() else {
            return Err("there is no data directory (set DETENTE_DATA_DIR)".into());
        };
        let (mut scores, _) = self.scores();
        let rank = scores.add_once(entry);
        self.set_aside_strangers(&[path.clone(), with_bak(&path)]);
        scores
            .write(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(rank)
    }

    /// The high-score table; a damaged one is set aside (the message says so) and starts afresh.
    #[must_use]
    pub fn scores(&self) -> (Scores, Option<String>) {
        let Some(path) = self.scores_path() else {
            return (Scores::default(), None);
        };
        match Scores::read(&path) {
            Ok(s) => (s, None),
            Err(e) => {
                let msg = set_aside(&path, e);
                self.log(&msg);
                (Scores::default(), Some(msg))
            }
        }
    }

    /// Write a run file of the game into the data directory; returns its path.
    ///
    /// # Errors
    ///
    /// There is no data directory, or the file cannot be written.
    pub fn save_run(&mut self, game: &Game) -> Result<PathBuf, String> {
        let dir = self
            .dir
            .as_deref()
            .ok_or("there is no data directory (set DETENTE_DATA_DIR)")?
            .join(RUNS_DIR);
        // A link planted as `runs` would carry run files out of the data directory.
        self.set_aside_strangers(std::slice::from_ref(&dir));
        crate::store::make_dir(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let (date, time) = crate::store::now_stamp();
        let stem = format!("run-{}-{date}-{time}", game.seed());
        let mut path = dir.join(format!("{stem}.json"));
        let mut n = 2;
        // Taken by anything at all, a dangling link included.
        while std::fs::symlink_metadata(&path).is_ok() {
            path = dir.join(format!("{stem}-{n}.json"));
            n += 1;
        }
        Record::of(game, Kind::Run)
            .write(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    }
}

/// The high-score entry of a finished game against the model (`None` for two players).
#[must_use]
pub fn entry_of(game: &Game) -> Option<Entry> {
    let sc = game.scenario();
    let setup = game.setup();
    if setup.human.iter().filter(|h| **h).count() != 1 {
        return None;
    }
    let side = setup.player();
    let ending = game
        .state()
        .ending()
        .map_or_else(|| "unfinished".to_string(), |e| sc.ending(e).title.clone());
    let (date, _) = crate::store::now_stamp();
    Some(Entry {
        score: game.score(side),
        ending,
        side: sc.side(side).name.clone(),
        seed: game.seed().to_string(),
        difficulty: game.setup().difficulty.name().to_string(),
        scenario: sc.id.clone(),
        date,
        id: game_id(game),
        undone: game.was_undone(),
    })
}

/// A name for a game that is the same however often it is recorded: its scenario,
/// seed, setup and every choice.
#[must_use]
pub fn game_id(game: &Game) -> String {
    let choices = serde_json::to_string(&game.choices()).unwrap_or_default();
    let setup = serde_json::to_string(&game.setup()).unwrap_or_default();
    let text = format!(
        "{:016x}:{}:{setup}:{choices}",
        game.scenario().fingerprint,
        game.seed()
    );
    // FNV-1a: small, stable across releases and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}
