//! The balance report: every policy of a side, the targets, and whether each is met.
//!
//! The targets are the design's (issue 3), for whichever side is measured; the
//! side's "win" is its best deadline ending (highest bonus among good ones).

use std::fmt::Write;

use super::{Plan, Policy, Summary, run};
use crate::game::scenario::{EndingCheck, SideId};
use crate::game::{Difficulty, Scenario};

/// One balance target, checked against the figures.
pub struct Target {
    pub what: String,
    pub met: bool,
    pub figure: String,
}

/// The id of a side's best ending: its good deadline ending with the highest bonus.
pub fn win_of(sc: &Scenario, side: SideId) -> String {
    sc.endings
        .iter()
        .filter(|e| e.side == side && e.good && e.check == EndingCheck::Deadline)
        .max_by(|a, b| a.bonus.total_cmp(&b.bonus))
        .map_or_else(String::new, |e| e.id.clone())
}

/// Run every policy of `side` against the opponent model and check the targets.
#[must_use]
pub fn measure(
    sc: &Scenario,
    side: SideId,
    games: u64,
    seed: u64,
    difficulty: Difficulty,
) -> (Vec<Summary>, Vec<Target>) {
    let mut summaries = Vec::new();
    for name in Policy::names(sc, side) {
        let policy = Policy::parse(sc, side, &name).expect("listed policies parse");
        // The expert is slow (it plays thousands of games per decision): a tenth of the games.
        let n = if policy == Policy::Expert {
            (games / 10).max(100)
        } else {
            games
        };
        let plan = Plan {
            games: n,
            seed,
            side,
            policy,
            opponent: None,
            difficulty,
        };
        let (t, secs) = run(sc, &plan);
        summaries.push(Summary::new(sc, &plan, &t, secs));
    }
    let targets = targets(&summaries, &win_of(sc, side));
    (summaries, targets)
}

fn share(s: &Summary, ending: &str) -> f64 {
    s.endings.get(ending).and_then(|v| v.as_u64()).unwrap_or(0) as f64 / s.games.max(1) as f64
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn targets(all: &[Summary], win: &str) -> Vec<Target> {
    let mut out = Vec::new();
    let find = |p: &str| all.iter().find(|s| s.policy == p);
    for s in all.iter().filter(|s| s.policy.starts_with("always:")) {
        let d = share(s, win);
        out.push(Target {
            what: format!("{} reaches {win} in ≤ 5%", s.policy),
            met: d <= 0.05,
            figure: pct(d),
        });
    }
    if let Some(r) = find("random") {
        let d = share(r, win);
        out.push(Target {
            what: format!("random reaches {win} in ≤ 10%"),
            met: d <= 0.10,
            figure: pct(d),
        });
        out.push(Target {
            what: "random's median game lasts ≥ 8 months".into(),
            met: r.median_turns >= 8,
            figure: format!("{}", r.median_turns),
        });
        for (ending, v) in &r.endings {
            let x = v.as_u64().unwrap_or(0) as f64 / r.games.max(1) as f64;
            out.push(Target {
                what: format!("random ends in {ending} in ≥ 1%"),
                met: x >= 0.01,
                figure: pct(x),
            });
        }
    }
    if let (Some(e), Some(r)) = (find("expert"), find("random")) {
        let d = share(e, win);
        out.push(Target {
            what: format!("expert reaches {win} in ≥ 40%"),
            met: d >= 0.40,
            figure: pct(d),
        });
        out.push(Target {
            what: "expert's mean score beats random's by ≥ 150".into(),
            met: e.mean_score - r.mean_score >= 150.0,
            figure: format!("{:.0} vs {:.0}", e.mean_score, r.mean_score),
        });
        let total: u64 = e.move_counts.values().filter_map(|v| v.as_u64()).sum();
        let used = e
            .move_counts
            .values()
            .filter(|v| v.as_u64().unwrap_or(0) > 0)
            .count();
        let top = e
            .move_counts
            .values()
            .filter_map(|v| v.as_u64())
            .max()
            .unwrap_or(0) as f64
            / total.max(1) as f64;
        out.push(Target {
            what: "expert uses ≥ 6 different moves".into(),
            met: used >= 6,
            figure: format!("{used}"),
        });
        out.push(Target {
            what: "no move takes > 40% of expert's turns".into(),
            met: top <= 0.40,
            figure: pct(top),
        });
    }
    out
}

/// The report as Markdown (what `docs/balance.md` holds).
#[must_use]
pub fn report(
    sc: &Scenario,
    side: SideId,
    games: u64,
    seed: u64,
    difficulty: Difficulty,
) -> String {
    let (summaries, targets) = measure(sc, side, games, seed, difficulty);
    let side_id = &sc.side(side).id;
    let mut s = String::new();
    let _ = writeln!(s, "## Playing {}\n", sc.side(side).name);
    let _ = writeln!(
        s,
        "Scenario `{}`, side `{side_id}` against the opponent model, difficulty {}, seed {seed}, {games} games per policy (expert: a tenth). Regenerate with\n`detente simulate --balance --side {side_id} --games {games} --seed {seed} --difficulty {}`.\n",
        sc.id,
        difficulty.name(),
        difficulty.name()
    );
    let endings: Vec<&String> = summaries
        .first()
        .map(|s| s.endings.keys().collect())
        .unwrap_or_default();
    let _ = write!(s, "| policy | games |");
    for e in &endings {
        let _ = write!(s, " {e} |");
    }
    let _ = writeln!(s, " mean score | mean months | median months |");
    let _ = write!(s, "|---|---:|");
    for _ in &endings {
        let _ = write!(s, "---:|");
    }
    let _ = writeln!(s, "---:|---:|---:|");
    for m in &summaries {
        let _ = write!(s, "| {} | {} |", m.policy, m.games);
        for e in &endings {
            let _ = write!(s, " {} |", pct(share(m, e)));
        }
        let _ = writeln!(
            s,
            " {:.0} | {:.1} | {} |",
            m.mean_score, m.mean_turns, m.median_turns
        );
    }
    if let Some(e) = summaries.iter().find(|s| s.policy == "expert") {
        let total: u64 = e.move_counts.values().filter_map(|v| v.as_u64()).sum();
        let _ = writeln!(s, "\nThe expert's moves:\n\n| move | share |\n|---|---:|");
        for (k, v) in &e.move_counts {
            let _ = writeln!(
                s,
                "| {k} | {} |",
                pct(v.as_u64().unwrap_or(0) as f64 / total.max(1) as f64)
            );
        }
    }
    let _ = writeln!(
        s,
        "\n### Targets\n\n| target | figure | met |\n|---|---:|:---:|"
    );
    for t in &targets {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            t.what,
            t.figure,
            if t.met { "yes" } else { "**no**" }
        );
    }
    s
}
