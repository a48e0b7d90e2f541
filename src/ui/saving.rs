//! What the app writes: the autosave after each choice, the finished game's
//! score, run files (`--save-run`, one per game of the run, and the `s` key),
//! and what is saved on the way out.

use std::path::{Path, PathBuf};

use crate::store::record::{Kind, Record};

use super::app::App;
use super::msg::Screen;
use super::world::Session;

/// A seed from the operating system's random source (it is shown on screen, so the
/// game can be played again).
///
/// # Errors
/// When the system has no random source to read.
pub fn random_seed() -> Result<u64, String> {
    use rand::TryRng;
    // Keep seeds short enough to read aloud and type.
    const SEEDS: u64 = 1_000_000;
    rand::rngs::SysRng
        .try_next_u64()
        .map(|n| n % SEEDS)
        .map_err(|e| {
            format!("cannot draw a random seed from the system: {e} (give one with --seed)")
        })
}

impl App {
    /// The next game's seed, drawn from the system; if it cannot be read, the one
    /// after the last, and the log says why.
    pub(super) fn new_seed(&mut self) {
        let seed = &mut self.world.options.seed;
        match random_seed() {
            Ok(s) => *seed = s,
            Err(e) => {
                *seed = seed.wrapping_add(1);
                self.log(&e);
            }
        }
    }

    /// Save the game in progress (never a replay); say once if saving is off.
    pub(super) fn autosave(&mut self) {
        if self.world.replay().is_some() {
            return;
        }
        let Some(g) = self.world.session.as_ref().map(Session::game) else {
            return;
        };
        if let Some(n) = self.world.files.autosave(g) {
            self.world.notice = Some(n);
        }
    }

    /// The game is over. On its last report (the end screen still to come) its score
    /// goes in the table (once) and its run file is written, but the autosave stays:
    /// a run killed now shows the ending next time. Once its end screen is left for
    /// the title, the autosave goes (a new game's autosave replaces it anyway).
    pub(super) fn finish(&mut self) {
        if self.world.replay().is_some() {
            return;
        }
        let Some(g) = self.world.session.as_ref().map(Session::game) else {
            return;
        };
        if matches!(self.screen, Screen::Title { .. }) {
            if let (_, Some(n)) = self.world.files.finish(g) {
                self.world.notice = Some(n);
            }
            self.world.session = None;
            return;
        }
        let (rank, notice) = self.world.files.record_ending(g);
        self.world.rank = rank;
        if notice.is_some() {
            self.world.notice = notice;
        }
        match self.write_run() {
            Ok(Some(path)) => {
                self.world.confirmation = Some(format!(
                    "Run file written: {} (game {} of this run).",
                    path.display(),
                    self.world.runs_started.max(1)
                ));
            }
            Ok(None) => {}
            Err(e) => self.world.notice = Some(e),
        }
    }

    /// `--save-run FILE`: write the game as it stands to this game's file of the
    /// run (`FILE` for the first game, `FILE-2`… for the next); returns its path.
    fn write_run(&mut self) -> Result<Option<PathBuf>, String> {
        let (Some(base), Some(g)) = (&self.world.save_run, self.world.game()) else {
            return Ok(None);
        };
        let path = run_file(base, self.world.runs_started);
        Record::of(g, Kind::Run)
            .write(&path)
            .map(|()| Some(path.clone()))
            .map_err(|e| format!("Cannot write the run file {}: {e}", path.display()))
    }

    /// The `s` key: a run file in the data directory, its name on screen.
    pub(super) fn save_run_file(&mut self) {
        let Some(g) = self.world.session.as_ref().map(Session::game) else {
            return;
        };
        match self.world.files.save_run(g) {
            Ok(p) => self.world.confirmation = Some(format!("Run file saved: {}", p.display())),
            Err(e) => self.world.notice = Some(format!("Cannot save a run file: {e}.")),
        }
    }

    /// Leaving (quit, signal, closed terminal): the game in progress is saved and the run written.
    pub fn shutdown(&mut self) {
        if self.world.replay().is_some() {
            return;
        }
        // A finished game: its autosave goes once its end screen was seen and left
        // (quit, or a signal at the end screen); on its last report it stays.
        if self.world.game().is_some_and(|g| g.state().is_over())
            && !matches!(self.screen, Screen::Report(_))
            && !self.quit_before_ending
            && let Some(g) = self.world.session.as_ref().map(Session::game)
        {
            let (_, notice) = self.world.files.finish(g);
            self.world.messages.extend(notice);
        }
        if self.world.game().is_some_and(|g| !g.state().is_over()) {
            if let Some(g) = self.world.session.as_ref().map(Session::game)
                && let Some(n) = self.world.files.autosave(g)
            {
                self.world.messages.push(n);
            }
            match self.write_run() {
                Ok(Some(path)) => self
                    .world
                    .messages
                    .push(format!("Run file written: {}", path.display())),
                Ok(None) => {}
                Err(e) => self.world.messages.push(e),
            }
        }
    }

    pub(super) fn show_scores(&mut self) {
        let (scores, problem) = self.world.files.scores();
        self.world.scores = scores;
        self.world.notice = problem;
        self.screen = Screen::Scores { scroll: 0 };
    }
}

/// The run file of the `n`-th game of a run (1-based): `run.json`, `run-2.json`, …
pub fn run_file(base: &Path, n: u32) -> PathBuf {
    if n <= 1 {
        return base.to_path_buf();
    }
    let stem = base.file_stem().unwrap_or_default().to_string_lossy();
    let name = match base.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    base.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_game_of_a_run_has_its_own_file() {
        let base = Path::new("/tmp/x/run.json");
        assert_eq!(run_file(base, 0), base);
        assert_eq!(run_file(base, 1), base);
        assert_eq!(run_file(base, 2), Path::new("/tmp/x/run-2.json"));
        assert_eq!(run_file(Path::new("run"), 3), Path::new("run-3"));
    }
}
