//! The headless simulator: many whole games with a policy, in parallel, summarised.
//!
//! Each game is seeded from (seed, game index) alone, so results do not depend
//! on the number of threads, and games are folded into running totals so
//! memory stays flat however many are played.

pub mod balance;
pub mod check;
mod checks;
pub mod line;
pub mod log;
pub mod policy;
mod record;
pub mod summary;
pub mod targets;

use std::io::{self, Write};
use std::time::Instant;

use rayon::prelude::*;

use crate::game::report::Journal;
use crate::game::rules::{self, Choice};
use crate::game::scenario::{
    MAX_METERS, MAX_MOVES, MAX_TEMPERAMENTS, MoveId, SIDES, Scenario, SideId,
};
use crate::game::state::EventSet;
use crate::game::{Difficulty, Phase, Setup};
use crate::game::{dice, outcome};
use log::{GameLog, Watch};
pub use policy::{Policy, Tally};
pub use summary::{Summary, TemperamentRow};

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
    #[must_use]
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
#[derive(Clone, Debug, Default, PartialEq)]
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
    /// The policy's side's answers: per event, per choice (when the run watches or logs).
    pub answers: Vec<Vec<u64>>,
    /// The other side's moves, the model's or the opponent policy's (when the run watches or logs).
    pub rival_moves: Vec<u64>,
    /// Fallbacks and forced moves of the policy (see `Tally`).
    pub tally: Tally,
    /// Each game's cards, by game index, when the run watches (`Instruments::watch`).
    pub cards: Vec<(u64, EventSet)>,
    /// Endings by the rival's true temperament: `[temperament][ending]`.
    pub by_temperament: Vec<Vec<u64>>,
}

impl Totals {
    #[must_use]
    pub fn new(sc: &Scenario) -> Totals {
        Totals {
            endings: vec![0; sc.endings.len()],
            moves: vec![0; sc.moves.len()],
            lengths: vec![0; sc.calendar.turns as usize + 1],
            meter_sums: vec![0; sc.meters.len()],
            answers: sc.events.iter().map(|e| vec![0; e.choices.len()]).collect(),
            rival_moves: vec![0; sc.moves.len()],
            by_temperament: vec![vec![0; sc.endings.len()]; MAX_TEMPERAMENTS],
            ..Totals::default()
        }
    }

    fn merge(mut self, o: Totals) -> Totals {
        fn add(a: &mut [u64], b: &[u64]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.games += o.games;
        self.turns += o.turns;
        // Sums of whole numbers: exact in f64, so the order of merging does not matter.
        self.score_sum += o.score_sum;
        self.score_sq += o.score_sq;
        add(&mut self.endings, &o.endings);
        add(&mut self.moves, &o.moves);
        add(&mut self.lengths, &o.lengths);
        add(&mut self.meter_sums, &o.meter_sums);
        add(&mut self.rival_moves, &o.rival_moves);
        for (a, b) in self.answers.iter_mut().zip(&o.answers) {
            add(a, b);
        }
        for (a, b) in self.by_temperament.iter_mut().zip(&o.by_temperament) {
            add(a, b);
        }
        self.tally.fallbacks += o.tally.fallbacks;
        self.tally.forced += o.tally.forced;
        self.cards.extend(o.cards);
        self
    }

    /// Fold one game in.
    fn add(&mut self, o: &Outcome) {
        self.games += 1;
        self.turns += o.months;
        self.endings[o.ending] += 1;
        self.by_temperament[usize::from(o.rival_temperament)][o.ending] += 1;
        self.score_sum += f64::from(o.score);
        self.score_sq += f64::from(o.score) * f64::from(o.score);
        let last = self.lengths.len() - 1;
        self.lengths[(o.months as usize).min(last)] += 1;
        for (sum, v) in self.meter_sums.iter_mut().zip(o.meters) {
            *sum += v as u64;
        }
    }

    /// The median game length in months.
    #[must_use]
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
    /// The other side's true temperament (0 when its scenario gives none).
    pub rival_temperament: u8,
}

/// Play one whole game, counting the moves made into `moves`.
pub fn play_one(sc: &Scenario, plan: &Plan, index: u64, moves: &mut [u64; MAX_MOVES]) -> Outcome {
    play_game(sc, plan, index, moves, &mut (), &mut Tally::default())
}

/// Play one whole game, writing what happens into `j` and the policy's
/// fallbacks into `tally`.
pub fn play_game<J: Journal>(
    sc: &Scenario,
    plan: &Plan,
    index: u64,
    moves: &mut [u64; MAX_MOVES],
    j: &mut J,
    tally: &mut Tally,
) -> Outcome {
    let side = plan.side;
    let mut setup = Setup::single(side, plan.difficulty);
    if plan.opponent.is_some() {
        setup.human = [true; SIDES];
    }
    let mut rng = dice::game_rng(plan.seed, index);
    let mut policy_rng = dice::game_rng(plan.seed ^ 0x5eed_0f90_11c7, index);
    let mut st = rules::start(sc, setup, &mut rng, j);
    let mut months = 0;
    let mut theirs = Tally::default();
    while !st.is_over() {
        let choice = match (st.phase, &plan.opponent) {
            (_, None) => plan.policy.choose_counted(sc, &st, &mut policy_rng, tally),
            (Phase::Card(e), Some(opp)) => {
                let concerns = sc.event(e).concerns;
                let (who, t) = if concerns == side {
                    (&plan.policy, &mut *tally)
                } else {
                    (opp, &mut theirs)
                };
                Choice::Answer {
                    choice: who.answer_counted(sc, &st, e, concerns, &mut policy_rng, t),
                }
            }
            (_, Some(opp)) => {
                let mut moves = [MoveId(0); SIDES];
                moves[side.index()] =
                    plan.policy
                        .pick_counted(sc, &st, side, &mut policy_rng, tally);
                moves[side.other().index()] =
                    opp.pick_counted(sc, &st, side.other(), &mut policy_rng, &mut theirs);
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
        if rules::play(sc, &mut st, choice, &mut rng, j).is_err() {
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
        rival_temperament: st.temperament[side.other().index()],
    }
}

/// Where a run reports how far it has got (the command line draws a bar).
pub trait Progress: Sync {
    /// A run of `games` games, described by `what`, begins.
    fn begin(&self, what: &str, games: u64);
    /// `n` more games are done (called from any thread).
    fn advance(&self, n: u64);
    /// The run is over.
    fn end(&self);
}

/// What a run measures beyond the totals, and where it reports.
#[derive(Default)]
pub struct Instruments<'a> {
    /// Told of every finished game.
    pub progress: Option<&'a dyn Progress>,
    /// Watch each game: count the side's card answers and the rival's moves, and
    /// keep each game's set of cards in `Totals::cards` (for variety measures).
    /// Off, games journal nothing (the fastest path) and those stay empty.
    pub watch: bool,
}

/// Games per task: about eight tasks per thread, so that slow policies (the
/// expert) keep every core busy at any game count, and fast ones are not
/// swamped by task overhead. Results never depend on it.
fn chunk_size(games: u64) -> u64 {
    let tasks = rayon::current_num_threads() as u64 * 8;
    (games / tasks).clamp(1, 1024)
}

/// Play the games in `range`, one task per chunk, folding each chunk's games;
/// `log` gets each game's log when asked for (in index order within the chunk).
fn play_chunk(
    sc: &Scenario,
    plan: &Plan,
    range: std::ops::Range<u64>,
    ins: &Instruments,
    mut logs: Option<&mut Vec<GameLog>>,
) -> Totals {
    let mut t = Totals::new(sc);
    let mut moves = [0u64; MAX_MOVES];
    for i in range {
        let mut tally = Tally::default();
        let o = if ins.watch || logs.is_some() {
            let mut w = Watch::new(plan.side, &mut t, logs.is_some());
            let o = play_game(sc, plan, i, &mut moves, &mut w, &mut tally);
            let (cards, log) = w.finish();
            if let (Some(logs), Some(mut log)) = (logs.as_deref_mut(), log) {
                log.fill(sc, plan, i, &o, tally);
                logs.push(log);
            }
            if ins.watch {
                t.cards.push((i, cards));
            }
            o
        } else {
            play_game(sc, plan, i, &mut moves, &mut (), &mut tally)
        };
        t.tally.fallbacks += tally.fallbacks;
        t.tally.forced += tally.forced;
        t.add(&o);
        if let Some(p) = ins.progress {
            p.advance(1);
        }
    }
    for (a, b) in t.moves.iter_mut().zip(moves) {
        *a += b;
    }
    t
}

/// Play every game of the plan in parallel and fold the results.
#[must_use]
pub fn run(sc: &Scenario, plan: &Plan) -> (Totals, f64) {
    run_with(sc, plan, &Instruments::default())
}

/// As `run`, with progress reports, and watching each game if asked for.
pub fn run_with(sc: &Scenario, plan: &Plan, ins: &Instruments) -> (Totals, f64) {
    let started = Instant::now();
    let chunk = chunk_size(plan.games);
    let chunks = plan.games.div_ceil(chunk);
    let mut totals = (0..chunks)
        .into_par_iter()
        .map(|c| {
            play_chunk(
                sc,
                plan,
                c * chunk..((c + 1) * chunk).min(plan.games),
                ins,
                None,
            )
        })
        .reduce(|| Totals::new(sc), Totals::merge);
    totals.cards.sort_unstable_by_key(|c| c.0);
    (totals, started.elapsed().as_secs_f64())
}

/// Games played between writes of the games log: enough to keep every core
/// busy, few enough that memory stays flat.
const LOG_BATCH: u64 = 4096;

/// As `run_with`, writing one JSON line per game to `out` in game order
/// (whatever the number of threads). Stops at the first write error.
pub fn run_logged(
    sc: &Scenario,
    plan: &Plan,
    ins: &Instruments,
    out: &mut dyn Write,
) -> io::Result<(Totals, f64)> {
    let started = Instant::now();
    let mut totals = Totals::new(sc);
    let mut start = 0;
    while start < plan.games {
        let end = (start + LOG_BATCH).min(plan.games);
        let chunk = chunk_size(end - start);
        let parts: Vec<(Totals, Vec<GameLog>)> = (start..end)
            .step_by(chunk as usize)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| {
                let mut logs = Vec::new();
                let t = play_chunk(
                    sc,
                    plan,
                    from..(from + chunk).min(end),
                    ins,
                    Some(&mut logs),
                );
                (t, logs)
            })
            .collect();
        for (t, logs) in parts {
            for log in logs {
                serde_json::to_writer(&mut *out, &log)?;
                out.write_all(b"\n")?;
            }
            totals = totals.merge(t);
        }
        start = end;
    }
    out.flush()?;
    totals.cards.sort_unstable_by_key(|c| c.0);
    Ok((totals, started.elapsed().as_secs_f64()))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_runner;
