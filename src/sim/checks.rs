//! The checks of the balance report: each target of issue 11 computed from the runs.

use super::balance::win_of;
use super::targets::{Check, Counts, Ids, Run, Verdict};
use super::{Instruments, Plan, Policy, Totals, run_with};
use crate::game::scenario::{SideId, Trigger};
use crate::game::{Difficulty, Scenario};

pub(super) fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

pub(super) fn check(measure: &str, target: &str, figure: String, met: bool) -> Check {
    Check {
        measure: measure.into(),
        target: target.into(),
        figure,
        verdict: if met { Verdict::Met } else { Verdict::NotMet },
    }
}

pub(super) fn not_applicable(measure: &str, target: &str, why: &str) -> Check {
    Check {
        measure: measure.into(),
        target: target.into(),
        figure: why.into(),
        verdict: Verdict::NotApplicable,
    }
}

pub(super) fn rates(sc: &Scenario, side: SideId, runs: &[Run], ids: &Ids) -> Vec<Check> {
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
pub(super) fn variety(sc: &Scenario, side: SideId, t: &Totals) -> Vec<Check> {
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
    let share = f64::from(varied) / f64::from(cards.max(1));
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
                f64::from(inter) / f64::from(union)
            };
            pairs += 1;
        }
    }
    Some(sum / pairs as f64)
}

/// Turns per second of random games on one thread.
pub(super) fn speed(sc: &Scenario, side: SideId, counts: Counts) -> Check {
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

/// The expert's win rate against the rival's easiest and hardest temperaments.
pub(super) fn temperaments(sc: &Scenario, side: SideId, t: &Totals) -> Check {
    let measure = "temperaments: expert win rate, easiest vs hardest";
    let target = "≥ 20 pp apart";
    if !sc.endings.iter().any(|e| e.id == win_of(sc, side)) {
        return not_applicable(measure, target, "n/a: the side has no winning ending");
    }
    if sc.side(side.other()).temperaments.len() < 2 {
        return not_applicable(measure, target, "n/a: the rival has no temperaments");
    }
    let rows = super::summary::TemperamentRow::all(sc, side, t);
    let mut rates: Vec<(f64, &str)> = rows
        .iter()
        .filter(|r| r.games > 0)
        .map(|r| (r.win_rate, r.temperament.as_str()))
        .collect();
    rates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (Some(low), Some(high)) = (rates.first(), rates.last()) else {
        return not_applicable(measure, target, "n/a: no games");
    };
    let gap = high.0 - low.0;
    check(
        measure,
        target,
        format!(
            "{} {} vs {} {}: {:.1} pp",
            high.1,
            pct(high.0),
            low.1,
            pct(low.0),
            100.0 * gap
        ),
        gap >= 0.20,
    )
}
