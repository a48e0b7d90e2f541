//! `simulate --balance`: every target of the depth issue's table (issue 11),
//! measured with the real rules, each with its figure and whether it is met.
//!
//! The older design targets (issue 3) stay in `balance.rs`, which the test
//! suite checks; this report is the measure later tuning works against.

use std::fmt::Write;

use super::balance::win_of;
use super::{Instruments, Plan, Policy, Progress, Totals, run_with};
use crate::game::scenario::{MoveId, SideId, Trigger};
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
    fn rate(&self, win: usize) -> f64 {
        self.totals.endings.get(win).copied().unwrap_or(0) as f64 / self.totals.games.max(1) as f64
    }
}

/// Every run and every check for one side.
pub struct SideReport {
    pub side: SideId,
    pub runs: Vec<Run>,
    pub checks: Vec<Check>,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn check(measure: &str, target: &str, figure: String, met: bool) -> Check {
    Check {
        measure: measure.into(),
        target: target.into(),
        figure,
        verdict: if met { Verdict::Met } else { Verdict::NotMet },
    }
}

fn not_applicable(measure: &str, target: &str, why: &str) -> Check {
    Check {
        measure: measure.into(),
        target: target.into(),
        figure: why.into(),
        verdict: Verdict::NotApplicable,
    }
}

/// Measure every target for `side` at normal difficulty (easy and hard where the target asks).
pub fn measure(
    sc: &Scenario,
    side: SideId,
    counts: Counts,
    progress: Option<&dyn Progress>,
) -> SideReport {
    let mut runs: Vec<Run> = Vec::new();
    let play = |runs: &mut Vec<Run>,
                name: String,
                games: u64,
                policy: Policy,
                d: Difficulty,
                cards: bool| {
        let plan = Plan {
            games,
            seed: counts.seed,
            side,
            policy,
            opponent: None,
            difficulty: d,
        };
        if let Some(p) = progress {
            p.begin(&format!("{} {name}", sc.side(side).id), games);
        }
        let ins = Instruments {
            progress,
            keep_cards: cards,
        };
        let (totals, seconds) = run_with(sc, &plan, &ins);
        if let Some(p) = progress {
            p.end();
        }
        runs.push(Run {
            name,
            totals,
            seconds,
        });
        runs.len() - 1
    };
    let normal = Difficulty::Normal;
    let ex = counts.expert;
    let expert = play(&mut runs, "expert".into(), ex, Policy::Expert, normal, true);
    let easy = play(
        &mut runs,
        "expert, easy".into(),
        ex,
        Policy::Expert,
        Difficulty::Easy,
        false,
    );
    let hard = play(
        &mut runs,
        "expert, hard".into(),
        ex,
        Policy::Expert,
        Difficulty::Hard,
        false,
    );
    let greedy = play(
        &mut runs,
        "greedy".into(),
        counts.games,
        Policy::Greedy,
        normal,
        false,
    );
    let random = play(
        &mut runs,
        "random".into(),
        counts.games,
        Policy::Random,
        normal,
        false,
    );
    let always: Vec<usize> = sc
        .moves_of(side)
        .map(|m| {
            let name = format!("always:{}", sc.mv(m).id);
            play(
                &mut runs,
                name,
                counts.games,
                Policy::Always(m),
                normal,
                false,
            )
        })
        .collect();
    let phased = |first: Policy, from: u8| Policy::Phased {
        first: Box::new(first),
        then: Box::new(Policy::Expert),
        from,
    };
    let late = Policy::Phased {
        first: Box::new(Policy::Expert),
        then: Box::new(Policy::Random),
        from: LAST_MONTHS_FROM,
    };
    let late = play(
        &mut runs,
        "expert months 1–12, then random".into(),
        ex,
        late,
        normal,
        false,
    );
    // "Pressure" and "conciliation" are the scenario's own reading of its moves: their stance.
    let only = |keep: fn(i8) -> bool| Policy::Banned {
        inner: Box::new(Policy::Expert),
        banned: sc
            .moves_of(side)
            .filter(|m| !keep(sc.mv(*m).stance))
            .collect(),
    };
    let pressure = phased(only(|s| s < 0), FORCED_MONTHS);
    let pressure = play(
        &mut runs,
        "pressure 6 months, then expert".into(),
        ex,
        pressure,
        normal,
        false,
    );
    let concil = phased(only(|s| s > 0), FORCED_MONTHS);
    let concil = play(
        &mut runs,
        "conciliation 6 months, then expert".into(),
        ex,
        concil,
        normal,
        false,
    );
    // Banning a move the free expert never chose replays exactly its games
    // (same streams, same argmax), so only the moves it used are measured.
    let used: Vec<MoveId> = sc
        .moves_of(side)
        .filter(|m| runs[expert].totals.moves[m.index()] > 0)
        .collect();
    let bans: Vec<usize> = used
        .iter()
        .map(|m| {
            let p = Policy::Banned {
                inner: Box::new(Policy::Expert),
                banned: vec![*m],
            };
            play(
                &mut runs,
                format!("expert banning {}", sc.mv(*m).id),
                ex,
                p,
                normal,
                false,
            )
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
    let mut checks = rate_checks(sc, side, &runs, &ids);
    checks.extend(variety_checks(sc, side, &runs[expert].totals));
    checks.push(not_applicable(
        "temperaments: expert win rate, easiest vs hardest",
        "≥ 20 pp apart",
        "n/a: the scenario has no temperaments",
    ));
    checks.push(not_applicable(
        "the record (`--policy history`)",
        "Cold peace 40–80%, no crisis, no Détente; summit open Aug 2025 ≥ 50%; below alerts Nov 2024–Feb 2025 ≥ 80%",
        "n/a: the scenario has no record",
    ));
    checks.push(speed_check(sc, side, counts));
    SideReport { side, runs, checks }
}

/// Months forced to one road before the expert takes over.
const FORCED_MONTHS: u8 = 6;
/// The first turn (0-based) the random player takes over in "the last months matter".
const LAST_MONTHS_FROM: u8 = 12;

/// Which run is which.
struct Ids {
    expert: usize,
    easy: usize,
    hard: usize,
    greedy: usize,
    random: usize,
    always: Vec<usize>,
    late: usize,
    pressure: usize,
    concil: usize,
    bans: Vec<usize>,
}

fn rate_checks(sc: &Scenario, side: SideId, runs: &[Run], ids: &Ids) -> Vec<Check> {
    let win_id = win_of(sc, side);
    let win = sc.endings.iter().position(|e| e.id == win_id).unwrap_or(0);
    let r = |i: usize| runs[i].rate(win);
    let e = r(ids.expert);
    let mut out = vec![check(
        &format!("expert wins ({win_id})"),
        "35–60%",
        pct(e),
        (0.35..=0.60).contains(&e),
    )];
    let (easy, hard) = (r(ids.easy), r(ids.hard));
    out.push(check(
        "expert at easy",
        "≥ normal + 15 pp",
        format!("{} ({:+.1} pp)", pct(easy), 100.0 * (easy - e)),
        easy >= e + 0.15,
    ));
    out.push(check(
        "expert at hard",
        "≤ normal − 15 pp",
        format!("{} ({:+.1} pp)", pct(hard), 100.0 * (hard - e)),
        hard <= e - 0.15,
    ));
    out.push(check(
        "greedy wins",
        "≤ 30%",
        pct(r(ids.greedy)),
        r(ids.greedy) <= 0.30,
    ));
    out.push(check(
        "random wins",
        "≤ 5%",
        pct(r(ids.random)),
        r(ids.random) <= 0.05,
    ));
    let worst = |v: &[usize]| v.iter().copied().max_by(|a, b| r(*a).total_cmp(&r(*b)));
    if let Some(a) = worst(&ids.always) {
        out.push(check(
            "any `always:*` wins (the highest)",
            "≤ 3%",
            format!("{} ({})", pct(r(a)), runs[a].name),
            r(a) <= 0.03,
        ));
    }
    let ratio = |x: f64| if e > 0.0 { x / e } else { 0.0 };
    out.push(check(
        "the last months matter: expert months 1–12, then random",
        "≤ half the expert's rate",
        format!(
            "{} ({:.0}% of the expert's)",
            pct(r(ids.late)),
            100.0 * ratio(r(ids.late))
        ),
        r(ids.late) <= e / 2.0,
    ));
    let least = ids
        .bans
        .iter()
        .copied()
        .min_by(|a, b| r(*a).total_cmp(&r(*b)));
    out.push(match least {
        Some(b) => check(
            "no crutch: the expert with any one move banned (the worst ban)",
            "keeps ≥ 60% of its rate",
            format!(
                "{} keeps {:.0}% ({})",
                runs[b].name,
                100.0 * ratio(r(b)),
                pct(r(b))
            ),
            r(b) >= 0.6 * e,
        ),
        None => not_applicable("no crutch", "keeps ≥ 60%", "n/a: the expert made no move"),
    });
    for (i, road) in [(ids.pressure, "pressure"), (ids.concil, "conciliation")] {
        let t = &runs[i].totals;
        out.push(check(
            &format!("two roads: 6 months forced to {road}, then expert"),
            "≥ 40% of the free expert's rate",
            format!(
                "{} ({:.0}%; {} months with no {road} move legal)",
                pct(r(i)),
                100.0 * ratio(r(i)),
                t.tally.forced
            ),
            r(i) >= 0.4 * e,
        ));
    }
    out
}

/// Cards, answers and variety, from the free expert's games.
fn variety_checks(sc: &Scenario, side: SideId, t: &Totals) -> Vec<Check> {
    let mut out = Vec::new();
    let (mut cards, mut varied) = (0, 0);
    for (e, answers) in sc.events.iter().zip(&t.answers) {
        let n: u64 = answers.iter().sum();
        if e.concerns != side || answers.len() < 2 || n == 0 {
            continue;
        }
        cards += 1;
        let top = answers.iter().copied().max().unwrap_or(0);
        if top as f64 <= 0.8 * n as f64 {
            varied += 1;
        }
    }
    let share = varied as f64 / cards.max(1) as f64;
    out.push(check(
        "choice cards where the expert's commonest answer is ≤ 80%",
        "≥ 75% of them",
        format!("{varied} of {cards} cards ({})", pct(share)),
        cards > 0 && share >= 0.75,
    ));
    let total: u64 = t.rival_moves.iter().sum();
    let (top, n) = (t.rival_moves.iter().enumerate())
        .max_by_key(|(_, n)| **n)
        .unwrap_or((0, &0));
    let share = *n as f64 / total.max(1) as f64;
    let name = sc.moves.get(top).map_or("", |m| m.id.as_str());
    out.push(check(
        "the rival's commonest answer (against the expert)",
        "≤ 25% of its answers",
        format!("{} ({name})", pct(share)),
        share <= 0.25,
    ));
    let j = mean_jaccard(sc, t);
    out.push(check(
        "two expert games' non-scripted cards, mean Jaccard similarity",
        "≤ 0.35",
        j.map_or_else(|| "n/a: fewer than two games".into(), |j| format!("{j:.3}")),
        j.is_some_and(|j| j <= 0.35),
    ));
    out
}

/// The mean Jaccard similarity of the non-scripted cards over every pair of games.
pub fn mean_jaccard(sc: &Scenario, t: &Totals) -> Option<f64> {
    let mut mask = [0u64; 2];
    for (i, e) in sc.events.iter().enumerate() {
        if !matches!(e.trigger, Trigger::At(_)) {
            mask[i / 64] |= 1 << (i % 64);
        }
    }
    let sets: Vec<[u64; 2]> = (t.cards.iter())
        .map(|(_, s)| [s.0[0] & mask[0], s.0[1] & mask[1]])
        .collect();
    if sets.len() < 2 {
        return None;
    }
    let (mut sum, mut pairs) = (0.0, 0u64);
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            let inter: u32 = (0..2).map(|k| (a[k] & b[k]).count_ones()).sum();
            let union: u32 = (0..2).map(|k| (a[k] | b[k]).count_ones()).sum();
            // Two games that saw no non-scripted card at all are alike.
            sum += if union == 0 {
                1.0
            } else {
                inter as f64 / union as f64
            };
            pairs += 1;
        }
    }
    Some(sum / pairs as f64)
}

/// Turns per second of random games on one thread.
fn speed_check(sc: &Scenario, side: SideId, counts: Counts) -> Check {
    let plan = Plan {
        games: counts.games,
        seed: counts.seed,
        side,
        policy: Policy::Random,
        opponent: None,
        difficulty: Difficulty::Normal,
    };
    let measured = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map(|pool| pool.install(|| run_with(sc, &plan, &Instruments::default())));
    match measured {
        Ok((t, secs)) => {
            let tps = t.turns as f64 / secs.max(1e-9);
            check(
                "speed: random games on one core (a 1-thread pool)",
                "≥ 1,000,000 turns/s",
                format!("{:.0} turns/s", tps),
                tps >= 1_000_000.0,
            )
        }
        Err(e) => check(
            "speed",
            "≥ 1,000,000 turns/s",
            format!("no thread pool: {e}"),
            false,
        ),
    }
}

/// The report for these sides, as Markdown.
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
