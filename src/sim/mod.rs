//! The headless simulator: many whole games with a policy, in parallel, summarised.
//!
//! Each game is seeded from (seed, game index) alone, so results do not depend
//! on the number of threads, and games are folded into running totals so
//! memory stays flat however many are played.

pub mod balance;
pub mod check;
pub mod policy;

use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::game::rules::{self, Choice};
use crate::game::scenario::{MAX_METERS, MAX_MOVES, MoveId, SIDES, Scenario, SideId};
use crate::game::{Difficulty, Phase, Setup};
use crate::game::{dice, outcome};
pub use policy::Policy;

/// What to simulate.
#[derive(Clone, Debug)]
pub struct Plan {
    pub games: u64,
    pub seed: u64,
    /// The side the policy plays.
    pub side: SideId,
    pub policy: Policy,
    /// A policy for the other side too; `None` leaves it to the opponent model.
    pub opponent: Option<Policy>,
    pub difficulty: Difficulty,
}

impl Plan {
    /// `games` games of `policy` playing the scenario's usual side against the model.
    pub fn new(
        sc: &Scenario,
        games: u64,
        seed: u64,
        policy: Policy,
        difficulty: Difficulty,
    ) -> Plan {
        Plan {
            games,
            seed,
            side: sc.default_player,
            policy,
            opponent: None,
            difficulty,
        }
    }
}

/// Running totals over games (mergeable, so games can be split across threads).
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub games: u64,
    pub turns: u64,
    pub endings: Vec<u64>,
    pub moves: Vec<u64>,
    pub score_sum: f64,
    pub score_sq: f64,
    /// Games by length in months (index = months).
    pub lengths: Vec<u64>,
    /// Sum of each meter's final value, for the means.
    pub meter_sums: Vec<u64>,
}

impl Totals {
    fn new(sc: &Scenario) -> Totals {
        Totals {
            endings: vec![0; sc.endings.len()],
            moves: vec![0; sc.moves.len()],
            lengths: vec![0; sc.calendar.turns as usize + 1],
            meter_sums: vec![0; sc.meters.len()],
            ..Totals::default()
        }
    }

    fn merge(mut self, o: Totals) -> Totals {
        self.games += o.games;
        self.turns += o.turns;
        self.score_sum += o.score_sum;
        self.score_sq += o.score_sq;
        for (a, b) in self.endings.iter_mut().zip(o.endings) {
            *a += b;
        }
        for (a, b) in self.moves.iter_mut().zip(o.moves) {
            *a += b;
        }
        for (a, b) in self.lengths.iter_mut().zip(o.lengths) {
            *a += b;
        }
        for (a, b) in self.meter_sums.iter_mut().zip(o.meter_sums) {
            *a += b;
        }
        self
    }

    /// The median game length in months.
    pub fn median_length(&self) -> u64 {
        let half = self.games.div_ceil(2);
        let mut seen = 0;
        for (len, n) in self.lengths.iter().enumerate() {
            seen += n;
            if seen >= half && *n > 0 {
                return len as u64;
            }
        }
        0
    }
}

/// What one game came to.
#[derive(Clone, Copy, Debug)]
pub struct Outcome {
    pub ending: usize,
    pub score: i32,
    pub months: u64,
    pub meters: [i16; MAX_METERS],
}

/// Play one whole game, counting the moves made into `moves`.
pub fn play_one(sc: &Scenario, plan: &Plan, index: u64, moves: &mut [u64; MAX_MOVES]) -> Outcome {
    let side = plan.side;
    let mut setup = Setup::single(side, plan.difficulty);
    if plan.opponent.is_some() {
        setup.human = [true; SIDES];
    }
    let mut rng = dice::game_rng(plan.seed, index);
    let mut policy_rng = dice::game_rng(plan.seed ^ 0x5eed_0f90_11c7, index);
    let mut st = rules::start(sc, setup, &mut rng, &mut ());
    let mut months = 0;
    while !st.is_over() {
        let choice = match (st.phase, &plan.opponent) {
            (_, None) => plan.policy.choose(sc, &st, &mut policy_rng),
            (Phase::Card(e), Some(opp)) => {
                let concerns = sc.event(e).concerns;
                let who = if concerns == side { &plan.policy } else { opp };
                Choice::Answer {
                    choice: who.answer(sc, &st, e, concerns, &mut policy_rng),
                }
            }
            (_, Some(opp)) => {
                let mut moves = [MoveId(0); SIDES];
                moves[side.index()] = plan.policy.pick_move(sc, &st, side, &mut policy_rng);
                moves[side.other().index()] = opp.pick_move(sc, &st, side.other(), &mut policy_rng);
                Choice::Orders { moves }
            }
        };
        match choice {
            Choice::Move { mv } => {
                moves[mv.index()] += 1;
                months += 1;
            }
            Choice::Orders { moves: m } => {
                moves[m[side.index()].index()] += 1;
                months += 1;
            }
            Choice::Answer { .. } => {}
        }
        if rules::play(sc, &mut st, choice, &mut rng, &mut ()).is_err() {
            // A policy only offers legal choices; stop rather than loop if one does not.
            break;
        }
    }
    // The game may have ended on the other side's terms: this side's own ending counts.
    let (ending, score) = outcome::result_for(sc, &st, side);
    Outcome {
        ending: ending.map_or(0, |e| e.index()),
        score,
        months,
        meters: st.meters,
    }
}

/// Play every game of the plan in parallel and fold the results.
pub fn run(sc: &Scenario, plan: &Plan) -> (Totals, f64) {
    let started = Instant::now();
    const CHUNK: u64 = 1024;
    let chunks = plan.games.div_ceil(CHUNK);
    let totals = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut t = Totals::new(sc);
            let mut moves = [0u64; MAX_MOVES];
            for i in c * CHUNK..((c + 1) * CHUNK).min(plan.games) {
                let o = play_one(sc, plan, i, &mut moves);
                t.games += 1;
                t.turns += o.months;
                t.endings[o.ending] += 1;
                t.score_sum += o.score as f64;
                t.score_sq += (o.score as f64) * (o.score as f64);
                let last = t.lengths.len() - 1;
                t.lengths[(o.months as usize).min(last)] += 1;
                for (sum, v) in t.meter_sums.iter_mut().zip(o.meters) {
                    *sum += v as u64;
                }
            }
            for (a, b) in t.moves.iter_mut().zip(moves) {
                *a += b;
            }
            t
        })
        .reduce(|| Totals::new(sc), Totals::merge);
    (totals, started.elapsed().as_secs_f64())
}

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
    /// Each meter's mean final value.
    pub mean_meters: serde_json::Map<String, serde_json::Value>,
    pub turns: u64,
    pub seconds: f64,
    pub turns_per_second: f64,
}

impl Summary {
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
        let _ = writeln!(s, "\nmean final meters");
        for (k, v) in &self.mean_meters {
            let _ = writeln!(s, "  {k:<20} {v}");
        }
        let _ = writeln!(
            s,
            "\nturns {}  wall {:.3} s  {:.0} turns/s",
            self.turns, self.seconds, self.turns_per_second
        );
        s
    }
}
