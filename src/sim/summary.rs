//! The simulator's summary of a run: endings, scores, lengths, moves, meters, as a table or JSON.

use serde::Serialize;

use super::{Plan, Totals};
use crate::game::Scenario;
use crate::game::scenario::SideId;

/// The simulator's JSON report.
#[derive(Serialize, Debug)]
pub struct Summary {
    pub games: u64,
    /// The side the policy played.
    pub side: String,
    pub policy: String,
    /// The other side's policy, or "model" for the opponent model.
    pub opponent: String,
    pub seed: u64,
    pub difficulty: &'static str,
    pub endings: serde_json::Map<String, serde_json::Value>,
    pub mean_score: f64,
    pub score_sd: f64,
    pub mean_turns: f64,
    pub median_turns: u64,
    pub move_counts: serde_json::Map<String, serde_json::Value>,
    /// The other side's moves (counted when the run watches its games).
    pub rival_move_counts: serde_json::Map<String, serde_json::Value>,
    /// Games and the policy's win rate by the rival's true temperament.
    pub by_temperament: Vec<TemperamentRow>,
    /// Each meter's mean final value.
    pub mean_meters: serde_json::Map<String, serde_json::Value>,
    /// Choices a `line:` left to its fallback policy.
    pub fallbacks: u64,
    /// Moves played although banned, because nothing else was legal.
    pub forced: u64,
    pub turns: u64,
    pub seconds: f64,
    pub turns_per_second: f64,
}

/// How the policy fared against one of the rival's temperaments.
#[derive(Serialize, Debug)]
pub struct TemperamentRow {
    pub temperament: String,
    pub games: u64,
    /// Share of those games ending in the side's best ending.
    pub win_rate: f64,
}

impl TemperamentRow {
    /// One row per temperament of `side`'s rival: the games played against it
    /// and the share `side` won (its best ending). Empty when the rival has none.
    #[must_use]
    pub fn all(sc: &Scenario, side: SideId, t: &Totals) -> Vec<TemperamentRow> {
        let win = sc
            .endings
            .iter()
            .position(|e| e.id == super::balance::win_of(sc, side));
        sc.side(side.other())
            .temperaments
            .iter()
            .zip(&t.by_temperament)
            .map(|(temp, endings)| {
                let games: u64 = endings.iter().sum();
                let wins = win.map_or(0, |w| endings[w]);
                TemperamentRow {
                    temperament: temp.id.clone(),
                    games,
                    win_rate: wins as f64 / games.max(1) as f64,
                }
            })
            .collect()
    }
}

impl Summary {
    #[must_use]
    pub fn new(sc: &Scenario, plan: &Plan, t: &Totals, seconds: f64) -> Summary {
        let side = plan.side;
        let g = t.games.max(1) as f64;
        let mean = t.score_sum / g;
        let endings = sc
            .endings
            .iter()
            .zip(&t.endings)
            .filter(|(e, _)| e.side == side)
            .map(|(e, n)| (e.id.clone(), (*n).into()))
            .collect();
        let move_counts = sc
            .moves
            .iter()
            .zip(&t.moves)
            .filter(|(m, _)| m.side == side)
            .map(|(m, n)| (m.id.clone(), (*n).into()))
            .collect();
        let rival_move_counts = sc
            .moves
            .iter()
            .zip(&t.rival_moves)
            .filter(|(m, n)| m.side != side && **n > 0)
            .map(|(m, n)| (m.id.clone(), (*n).into()))
            .collect();
        let by_temperament = TemperamentRow::all(sc, side, t);
        let mean_meters = sc
            .meters
            .iter()
            .zip(&t.meter_sums)
            .map(|(m, sum)| {
                (
                    m.id.clone(),
                    (((*sum as f64 / g) * 10.0).round() / 10.0).into(),
                )
            })
            .collect();
        Summary {
            side: sc.side(side).id.clone(),
            opponent: plan
                .opponent
                .as_ref()
                .map_or("model".into(), |p| p.name(sc)),
            games: t.games,
            mean_meters,
            policy: plan.policy.name(sc),
            seed: plan.seed,
            difficulty: plan.difficulty.name(),
            endings,
            mean_score: (mean * 100.0).round() / 100.0,
            score_sd: (((t.score_sq / g) - mean * mean).max(0.0).sqrt() * 100.0).round() / 100.0,
            mean_turns: ((t.turns as f64 / g) * 1000.0).round() / 1000.0,
            median_turns: t.median_length(),
            move_counts,
            rival_move_counts,
            by_temperament,
            fallbacks: t.tally.fallbacks,
            forced: t.tally.forced,
            turns: t.turns,
            seconds,
            turns_per_second: if seconds > 0.0 {
                (t.turns as f64 / seconds).round()
            } else {
                0.0
            },
        }
    }

    /// A readable table.
    #[must_use]
    pub fn table(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let g = self.games.max(1) as f64;
        let _ = writeln!(
            s,
            "games {}  side {}  policy {}  against {}  seed {}  difficulty {}",
            self.games, self.side, self.policy, self.opponent, self.seed, self.difficulty
        );
        let _ = writeln!(s, "\nending                 games   share");
        for (k, v) in &self.endings {
            let n = v.as_u64().unwrap_or(0);
            let _ = writeln!(s, "{k:<22} {n:>6}  {:>5.1}%", 100.0 * n as f64 / g);
        }
        let _ = writeln!(
            s,
            "\nscore   mean {:.1}  sd {:.1}",
            self.mean_score, self.score_sd
        );
        let _ = writeln!(
            s,
            "length  mean {:.2} months  median {}",
            self.mean_turns, self.median_turns
        );
        let total: u64 = self.move_counts.values().filter_map(|v| v.as_u64()).sum();
        let _ = writeln!(s, "\nmove                   chosen   share");
        for (k, v) in &self.move_counts {
            let n = v.as_u64().unwrap_or(0);
            let _ = writeln!(
                s,
                "{k:<22} {n:>7}  {:>5.1}%",
                100.0 * n as f64 / total.max(1) as f64
            );
        }
        let total: u64 = self
            .rival_move_counts
            .values()
            .filter_map(serde_json::Value::as_u64)
            .sum();
        if total > 0 {
            let _ = writeln!(s, "\nrival's move           chosen   share");
            for (k, v) in &self.rival_move_counts {
                let n = v.as_u64().unwrap_or(0);
                let _ = writeln!(
                    s,
                    "{k:<22} {n:>7}  {:>5.1}%",
                    100.0 * n as f64 / total as f64
                );
            }
        }
        if !self.by_temperament.is_empty() {
            let _ = writeln!(s, "\nrival's temperament    games   win rate");
            for r in &self.by_temperament {
                let _ = writeln!(
                    s,
                    "{:<22} {:>6}  {:>5.1}%",
                    r.temperament,
                    r.games,
                    100.0 * r.win_rate
                );
            }
        }
        let _ = writeln!(s, "\nmean final meters");
        for (k, v) in &self.mean_meters {
            let _ = writeln!(s, "  {k:<20} {v}");
        }
        if self.fallbacks > 0 || self.forced > 0 {
            let _ = writeln!(
                s,
                "\nfallbacks {}  banned moves forced {}",
                self.fallbacks, self.forced
            );
        }
        let _ = writeln!(
            s,
            "\nturns {}  wall {:.3} s  {:.0} turns/s",
            self.turns, self.seconds, self.turns_per_second
        );
        s
    }
}
