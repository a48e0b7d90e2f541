//! What the app writes: the autosave after each choice, the finished game's
//! score, run files (`--save-run`, one per game of the run, and the `s` key),
//! and what is saved on the way out.

use std::path::{Path, PathBuf};

use crate::store::record::{Kind, Record};

use super::app::App;
use crate::store::scores::Scores;

use super::msg::{Effect, Msg};
use super::screen::{Quit, Screen};
use super::view::scores::ScoreTable;
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
    /// Carry out the effects that touch only the app's own files (saves, scores,
    /// run files) and the seed drawn from the system. What a file effect finds
    /// comes back as a message through `update`; returns the effects that asks
    /// for, and those this does not carry out (forecasts, suspend, quit), for the loop.
    pub fn perform(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut rest = Vec::new();
        for e in effects {
            match e {
                Effect::Autosave => self.autosave(),
                Effect::Finish => self.finish(),
                Effect::NewSeed => self.new_seed(),
                Effect::SaveRun => {
                    let msg = self.save_run_file();
                    rest.extend(msg.map_or_else(Vec::new, |m| self.update(m)));
                }
                Effect::ReadScores => {
                    let (table, problem) = self.world.files.scores();
                    rest.extend(self.update(Msg::ScoresRead(Box::new(table), problem)));
                }
                other => rest.push(other),
            }
        }
        rest
    }

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
            self.notice.problem = Some(n);
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
                self.notice.problem = Some(n);
            }
            self.world.session = None;
            return;
        }
        let (rank, notice) = self.world.files.record_ending(g);
        // Scored on its last report: the end screen that follows shows the rank.
        match &mut self.screen {
            Screen::Report(page) => page.rank = rank,
            Screen::End(end) => end.rank = rank,
            _ => {}
        }
        if notice.is_some() {
            self.notice.problem = notice;
        }
        match self.write_run() {
            Ok(Some(path)) => {
                self.notice.success = Some(format!(
                    "Run file written: {} (game {} of this run).",
                    path.display(),
                    self.world.runs_started.max(1)
                ));
            }
            Ok(None) => {}
            Err(e) => self.notice.problem = Some(e),
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

    /// The `s` key's effect: a run file in the data directory. What came of it
    /// arrives as a message (`None`: no game to save).
    pub(super) fn save_run_file(&mut self) -> Option<Msg> {
        let g = self.world.session.as_ref().map(Session::game)?;
        Some(Msg::RunSaved(self.world.files.save_run(g)))
    }

    /// The run file's name on screen, or why there is none.
    pub(super) fn run_saved(&mut self, saved: Result<PathBuf, String>) {
        match saved {
            Ok(p) => self.notice.success = Some(format!("Run file saved: {}", p.display())),
            Err(e) => self.notice.problem = Some(format!("Cannot save a run file: {e}.")),
        }
    }

    /// Leaving (quit, signal, closed terminal): the game in progress is saved and the run written.
    pub fn shutdown(&mut self) {
        if self.world.replay().is_some() {
            return;
        }
        // A finished game: its autosave goes once its end screen was seen and left
        // (quit, or a signal at the end screen); on its last report it stays.
        let unseen = match self.screen {
            Screen::Report(_) => true,
            Screen::Quit(Quit { ending_unseen }) => ending_unseen,
            _ => false,
        };
        if self.world.game().is_some_and(|g| g.state().is_over())
            && !unseen
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

    /// The high-score screen, its table still to be read (by the effect).
    pub(super) fn show_scores(&mut self) {
        self.screen = Screen::Scores(ScoreTable::default());
        self.effects.push(Effect::ReadScores);
    }

    /// The table arrived: shown if its screen is still up; a problem is told.
    pub(super) fn scores_read(&mut self, read: Scores, problem: Option<String>) {
        if let Screen::Scores(s) = &mut self.screen {
            s.table = Some(Box::new(read));
        }
        if problem.is_some() {
            self.notice.problem = problem;
        }
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
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::game::Scenario;
    use crate::store::Files;
    use crate::store::scores::Entry;
    use crate::ui::msg::Launch;
    use crate::ui::seats::Players;
    use crate::ui::view::end::End;
    use crate::ui::{Options, key};

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("detente-saving-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// An app keeping its files in `dir`.
    fn app_in(dir: &Path) -> App {
        let sc = Scenario::builtin();
        let options = Options {
            no_color: true,
            ..Options::seeded(7, Players::usual(&sc))
        };
        let launch = Launch {
            files: Files::at(Some(dir.to_path_buf())),
            ..Launch::default()
        };
        App::launch(sc, options, launch)
    }

    /// `update` on a key, with nothing carried out.
    fn decide(app: &mut App, c: char) -> Vec<Effect> {
        let msg = app
            .input(&key(KeyCode::Char(c), KeyModifiers::NONE))
            .unwrap();
        app.update(msg)
    }

    fn files_in(dir: &Path) -> usize {
        std::fs::read_dir(dir).map_or(0, Iterator::count)
    }

    /// The app's screen at 100×30, as text.
    fn drawn(app: &mut App) -> String {
        let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
        term.draw(|f| app.draw(f)).unwrap();
        term.backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect()
    }

    #[test]
    fn the_s_key_asks_for_its_run_file_and_update_writes_nothing() {
        let dir = scratch("s-key");
        let mut app = app_in(&dir);
        app.handle(key(KeyCode::Enter, KeyModifiers::NONE)); // new game
        app.handle(key(KeyCode::Enter, KeyModifiers::NONE)); // the opening report
        assert!(matches!(app.screen(), Screen::Playing { .. }));
        let effects = decide(&mut app, 's');
        assert!(
            effects.iter().any(|e| matches!(e, Effect::SaveRun)),
            "{effects:?}"
        );
        let runs = dir.join("runs");
        assert_eq!(files_in(&runs), 0, "update wrote a file");
        assert_eq!(app.notice(), None);
        // The loop carries the effect out; what came of it arrives as a message.
        app.perform(effects);
        assert_eq!(files_in(&runs), 1);
        let written = std::fs::read_dir(&runs)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        assert_eq!(
            app.notice(),
            Some(format!("Run file saved: {}", written.display()).as_str())
        );
        // A success, drawn with the success glyph (never the warning one).
        let screen = drawn(&mut app);
        assert!(screen.contains("✓ Run file saved"), "{screen}");
        assert!(!screen.contains("⚠ Run file saved"), "{screen}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_scores_screen_reads_its_table_only_through_its_effect() {
        let dir = scratch("scores");
        let mut app = app_in(&dir);
        let entry = Entry {
            score: 4321,
            ending: "Thaw".into(),
            side: "Washington".into(),
            seed: "7".into(),
            difficulty: "normal".into(),
            scenario: "test".into(),
            date: "2026-12-01".into(),
            id: "x".into(),
            undone: false,
        };
        let table = Scores {
            entries: vec![entry],
        };
        std::fs::write(dir.join("scores.json"), serde_json::to_vec(&table).unwrap()).unwrap();
        let effects = decide(&mut app, 's'); // the title's high scores
        assert!(
            effects.iter().any(|e| matches!(e, Effect::ReadScores)),
            "{effects:?}"
        );
        // The screen is up, its table not read yet: `update` read no file.
        assert!(matches!(
            app.screen(),
            Screen::Scores(ScoreTable { table: None, .. })
        ));
        app.perform(effects);
        match app.screen() {
            Screen::Scores(ScoreTable { table: Some(t), .. }) => assert_eq!(**t, table),
            other => panic!("not the table: {other:?}"),
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The score goes in the table on the game's last report; the end screen that
    /// follows says where it ranks, and the next game's end screen starts without it.
    #[test]
    fn the_end_screen_shows_the_rank_its_last_report_was_scored_with() {
        let dir = scratch("rank");
        let mut app = app_in(&dir);
        let mut last_report_rank = None;
        for _ in 0..500 {
            match app.screen() {
                Screen::End { .. } => break,
                Screen::Report(p) if app.game().is_some_and(|g| g.state().is_over()) => {
                    last_report_rank = Some(p.rank);
                }
                _ => {}
            }
            app.handle(key(KeyCode::Enter, KeyModifiers::NONE));
        }
        assert_eq!(last_report_rank, Some(Some(0)), "scored on the last report");
        assert!(
            matches!(app.screen(), Screen::End(End { rank: Some(0), .. })),
            "{:?}",
            app.screen()
        );
        let screen = drawn(&mut app);
        assert!(screen.contains("Number 1 in your high scores."), "{screen}");
        // Back to the title and a new game: its first report carries no rank.
        app.handle(key(KeyCode::Enter, KeyModifiers::NONE));
        app.handle(key(KeyCode::Enter, KeyModifiers::NONE));
        assert!(matches!(app.screen(), Screen::Report(p) if p.rank.is_none()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn each_game_of_a_run_has_its_own_file() {
        let base = Path::new("/tmp/x/run.json");
        assert_eq!(run_file(base, 0), base);
        assert_eq!(run_file(base, 1), base);
        assert_eq!(run_file(base, 2), Path::new("/tmp/x/run-2.json"));
        assert_eq!(run_file(Path::new("run"), 3), Path::new("run-3"));
    }
}
