//! The balance report: every policy, the targets, and whether each is met.

use std::fmt::Write;

use super::{Plan, Policy, Summary, run};
use crate::game::{Difficulty, Scenario};

/// One balance target, checked against the figures.
pub struct Target {
    pub what: String,
    pub met: bool,
    pub figure: String,
}

/// Run every policy and check the targets of the design (see README).
pub fn measure(
    sc: &Scenario,
    games: u64,
    seed: u64,
    difficulty: Difficulty,
) -> (Vec<Summary>, Vec<Target>) {
    let side = sc.default_player;
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
            policy,
            difficulty,
        };
        let (t, secs) = run(sc, &plan);
        summaries.push(Summary::new(sc, &plan, &t, secs));
    }
    let targets = targets(&summaries);
    (summaries, targets)
}

fn share(s: &Summary, ending: &str) -> f64 {
    s.endings.get(ending).and_then(|v| v.as_u64()).unwrap_or(0) as f64 / s.games.max(1) as f64
}

fn targets(all: &[Summary]) -> Vec<Target> {
    let mut out = Vec::new();
    let find = |p: &str| all.iter().find(|s| s.policy == p);
    for s in all.iter().filter(|s| s.policy.starts_with("always:")) {
        let d = share(s, "detente");
        out.push(Target {
            what: format!("{} reaches détente in ≤ 5%", s.policy),
            met: d <= 0.05,
            figure: format!("{:.1}%", 100.0 * d),
        });
    }
    if let Some(r) = find("random") {
        let d = share(r, "detente");
        out.push(Target {
            what: "random reaches détente in ≤ 10%".into(),
            met: d <= 0.10,
            figure: format!("{:.1}%", 100.0 * d),
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
                figure: format!("{:.1}%", 100.0 * x),
            });
        }
    }
    if let (Some(e), Some(r)) = (find("expert"), find("random")) {
        let d = share(e, "detente");
        out.push(Target {
            what: "expert reaches détente in ≥ 40%".into(),
            met: d >= 0.40,
            figure: format!("{:.1}%", 100.0 * d),
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
            figure: format!("{:.1}%", 100.0 * top),
        });
    }
    out
}

/// The report as Markdown (what `docs/balance.md` holds).
pub fn report(sc: &Scenario, games: u64, seed: u64, difficulty: Difficulty) -> String {
    let (summaries, targets) = measure(sc, games, seed, difficulty);
    let mut s = String::new();
    let _ = writeln!(s, "# Balance report\n");
    let _ = writeln!(
        s,
        "Scenario `{}`, difficulty {}, seed {seed}, {games} games per policy (expert: a tenth). Regenerate with\n`detente simulate --balance --games {games} --seed {seed} --difficulty {}`.\n",
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
            let _ = write!(s, " {:.1}% |", 100.0 * share(m, e));
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
                "| {k} | {:.1}% |",
                100.0 * v.as_u64().unwrap_or(0) as f64 / total.max(1) as f64
            );
        }
    }
    let _ = writeln!(
        s,
        "\n## Targets\n\n| target | figure | met |\n|---|---:|:---:|"
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
