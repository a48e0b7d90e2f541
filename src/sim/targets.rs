//! `simulate --balance`: every target of the depth issue's table (issue 11),
//! measured with the real rules, each with its figure and whether it is met.
//!
//! The older design targets (issue 3) stay in `balance.rs`, which the test
//! suite checks; this report is the measure later tuning works against.

use std::fmt::Write;

use super::balance::win_of;
use super::checks::{self, pct};
use super::{Instruments, Plan, Policy, Progress, Totals, run_with};
use crate::game::scenario::{MoveId, SideId};
use crate::game::{Difficulty, Scenario};

/// How many games each measure plays.
#[derive(Clone, Copy, Debug)]
pub struct Counts {
    /// Games per cheap policy (random, greedy, `always:*`).
    pub games: u64,
    /// Games per expert measure (the expert samples thousands of games per decision).
    pub expert: u64,
    pub seed: u64,
}

/// The issue's counts: 10,000 games per policy, the expert 1,000.
pub const ISSUE_COUNTS: Counts = Counts {
    games: 10_000,
    expert: 1_000,
    seed: 1,
};

/// Whether a target is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    /// The scenario has nothing to measure yet (temperaments, the record).
    NotApplicable,
}

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Check {
    pub measure: String,
    pub target: String,
    pub figure: String,
    pub verdict: Verdict,
}

/// One run of the report: what played, and what it came to.
pub struct Run {
    pub name: String,
    pub totals: Totals,
    pub seconds: f64,
}

impl Run {
    pub(super) fn rate(&self, win: usize) -> f64 {
        self.totals.endings.get(win).copied().unwrap_or(0) as f64 / self.totals.games.max(1) as f64
    }
}

/// Every run and every check for one side.
pub struct SideReport {
    pub side: SideId,
    pub runs: Vec<Run>,
    pub checks: Vec<Check>,
}

/// Plays the report's runs one after another, keeping each.
struct Runner<'a> {
    sc: &'a Scenario,
    side: SideId,
    counts: Counts,
    progress: Option<&'a dyn Progress>,
    runs: Vec<Run>,
}

impl Runner<'_> {
    /// Play `policy` for `games` games; the run's index in `runs`.
    fn play(&mut self, name: String, games: u64, policy: Policy, d: Difficulty) -> usize {
        let plan = Plan {
            games,
            seed: self.counts.seed,
            side: self.side,
            policy,
            opponent: None,
            difficulty: d,
        };
        if let Some(p) = self.progress {
            p.begin(&format!("{} {name}", self.sc.side(self.side).id), games);
        }
        // Only the first run (the free expert) is measured for variety.
        let ins = Instruments {
            progress: self.progress,
            watch: self.runs.is_empty(),
        };
        let (totals, seconds) = run_with(self.sc, &plan, &ins);
        if let Some(p) = self.progress {
            p.end();
        }
        self.runs.push(Run {
            name,
            totals,
            seconds,
        });
        self.runs.len() - 1
    }

    /// The expert at normal difficulty, `games` games.
    fn expert(&mut self, name: &str, policy: Policy) -> usize {
        self.play(name.into(), self.counts.expert, policy, Difficulty::Normal)
    }

    /// The expert restricted to moves whose stance `keep` allows for the first
    /// months, then free. "Pressure" and "conciliation" are the scenario's own
    /// reading of its moves: their stance.
    fn road(&mut self, name: &str, keep: fn(i8) -> bool) -> usize {
        let banned = (self.sc.moves_of(self.side))
            .filter(|m| !keep(self.sc.mv(*m).stance))
            .collect();
        let p = Policy::Phased {
            first: Box::new(Policy::Banned {
                inner: Box::new(Policy::Expert),
                banned,
            }),
            then: Box::new(Policy::Expert),
            from: FORCED_MONTHS,
        };
        self.expert(name, p)
    }
}

/// Measure every target for `side` at normal difficulty (easy and hard where the target asks).
#[must_use]
pub fn measure(
    sc: &Scenario,
    side: SideId,
    counts: Counts,
    progress: Option<&dyn Progress>,
) -> SideReport {
    let mut r = Runner {
        sc,
        side,
        counts,
        progress,
        runs: Vec::new(),
    };
    let (ex, normal) = (counts.expert, Difficulty::Normal);
    let expert = r.expert("expert", Policy::Expert);
    let easy = r.play("expert, easy".into(), ex, Policy::Expert, Difficulty::Easy);
    let hard = r.play("expert, hard".into(), ex, Policy::Expert, Difficulty::Hard);
    let greedy = r.play("greedy".into(), counts.games, Policy::Greedy, normal);
    let random = r.play("random".into(), counts.games, Policy::Random, normal);
    let always: Vec<usize> = (sc.moves_of(side))
        .map(|m| {
            let name = format!("always:{}", sc.mv(m).id);
            r.play(name, counts.games, Policy::Always(m), normal)
        })
        .collect();
    let late = Policy::Phased {
        first: Box::new(Policy::Expert),
        then: Box::new(Policy::Random),
        from: LAST_MONTHS_FROM,
    };
    let late = r.expert("expert months 1–12, then random", late);
    let pressure = r.road("pressure 6 months, then expert", |s| s < 0);
    let concil = r.road("conciliation 6 months, then expert", |s| s > 0);
    // Banning a move the free expert never chose replays exactly its games
    // (same streams, same argmax), so only the moves it used are measured.
    let used: Vec<MoveId> = (sc.moves_of(side))
        .filter(|m| r.runs[expert].totals.moves[m.index()] > 0)
        .collect();
    let bans: Vec<usize> = (used.iter())
        .map(|m| {
            let p = Policy::Banned {
                inner: Box::new(Policy::Expert),
                banned: vec![*m],
            };
            r.expert(&format!("expert banning {}", sc.mv(*m).id), p)
        })
        .collect();
    let ids = Ids {
        expert,
        easy,
        hard,
        greedy,
        random,
        always,
        late,
        pressure,
        concil,
        bans,
    };
    let runs = r.runs;
    let mut checks = checks::rates(sc, side, &runs, &ids);
    checks.extend(checks::variety(sc, side, &runs[expert].totals));
    checks.push(checks::temperaments(sc, side, &runs[expert].totals));
    checks.extend(super::record::checks(sc, side, counts, progress));
    checks.push(checks::speed(sc, side, counts));
    SideReport { side, runs, checks }
}

/// Months forced to one road before the expert takes over.
const FORCED_MONTHS: u8 = 6;
/// The first turn (0-based) the random player takes over in "the last months matter".
const LAST_MONTHS_FROM: u8 = 12;

/// Which run is which.
pub(super) struct Ids {
    pub(super) expert: usize,
    pub(super) easy: usize,
    pub(super) hard: usize,
    pub(super) greedy: usize,
    pub(super) random: usize,
    pub(super) always: Vec<usize>,
    pub(super) late: usize,
    pub(super) pressure: usize,
    pub(super) concil: usize,
    pub(super) bans: Vec<usize>,
}

/// The report for these sides, as Markdown.
#[must_use]
pub fn report(
    sc: &Scenario,
    sides: &[SideId],
    counts: Counts,
    progress: Option<&dyn Progress>,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Balance against the depth targets (issue 11)\n\nScenario `{}`, seed {}, {} games per policy, the expert {} per measure, difficulty normal unless said.\n",
        sc.id, counts.seed, counts.games, counts.expert
    );
    for side in sides {
        let r = measure(sc, *side, counts, progress);
        render_side(sc, &r, &mut s);
    }
    s
}

fn render_side(sc: &Scenario, r: &SideReport, s: &mut String) {
    let win_id = win_of(sc, r.side);
    let win = sc.endings.iter().position(|e| e.id == win_id).unwrap_or(0);
    let _ = writeln!(s, "## Playing {}\n", sc.side(r.side).name);
    let _ = writeln!(
        s,
        "| policy | games | {win_id} | mean score | forced | wall s |\n|---|---:|---:|---:|---:|---:|"
    );
    for run in &r.runs {
        let t = &run.totals;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.0} | {} | {:.1} |",
            run.name,
            t.games,
            pct(run.rate(win)),
            t.score_sum / t.games.max(1) as f64,
            t.tally.forced,
            run.seconds
        );
    }
    let _ = writeln!(
        s,
        "\n### Targets\n\n| measure | target | figure | met |\n|---|---|---|:---:|"
    );
    for c in &r.checks {
        let verdict = match c.verdict {
            Verdict::Met => "met",
            Verdict::NotMet => "**not met**",
            Verdict::NotApplicable => "n/a",
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {verdict} |",
            c.measure, c.target, c.figure
        );
    }
    let met = r
        .checks
        .iter()
        .filter(|c| c.verdict == Verdict::Met)
        .count();
    let judged = r
        .checks
        .iter()
        .filter(|c| c.verdict != Verdict::NotApplicable)
        .count();
    let _ = writeln!(s, "\n{met} of {judged} targets met.\n");
}
