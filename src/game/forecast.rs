//! The advisor: what each choice is likely to do, found by playing the real
//! rules many times from the current state — never by a formula kept aside.

use super::dice;
use super::opponent::{Model, Remembering};
use super::report::{Journal, Note};
use super::rules::{self, Choice};
use super::scenario::{EndingId, MAX_ENDINGS, MAX_METERS, MeterId, Scenario, SideId};
use super::state::{Phase, State};

/// Samples per choice the game screen asks for.
pub const DEFAULT_SAMPLES: u32 = 1000;

/// The spread of one meter after a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Spread {
    pub p10: i16,
    pub median: i16,
    pub p90: i16,
}

/// The advisor's forecast for one choice.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub choice: Choice,
    pub samples: u32,
    /// Every meter's spread after the month (index = meter).
    pub meters: [Spread; MAX_METERS],
    /// Share of samples where the other side answered with a hostile move.
    pub retaliation: f64,
    /// Share where the move failed (talks that failed), if it can fail.
    pub failure: Option<f64>,
    /// Share where the ladder ends the month at least one rung higher than
    /// it began (a rung lost and regained within the month is no climb).
    pub rung_up: f64,
    /// Share where the game ended, and in a bad way for the player.
    pub game_over: f64,
    /// Share where a treaty on the road to a successor (a framework, a text,
    /// a signature) ended the month a stage lower, or off the road, with the
    /// game still on: a stage the month's play may cost.
    pub slipped: f64,
    /// How many samples ended the game this month in each ending (index =
    /// ending): in the last month, every sample; the endings' own checks
    /// (trends among them) applied by the rules.
    pub ended: [u32; MAX_ENDINGS],
    /// For a move that can fail: the samples where it worked and those where it
    /// failed, apart (`None` exactly when `failure` is).
    pub branches: Option<Branches>,
}

/// One outcome of a move that can fail: how often it came, and every meter's
/// spread among the samples that took it.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Branch {
    /// Share of all samples that took this branch.
    pub share: f64,
    /// How many samples took it (0: the spreads below say nothing).
    pub samples: u32,
    /// Every meter's spread within the branch (index = meter).
    pub meters: [Spread; MAX_METERS],
}

/// The two outcomes of a move that can fail.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Branches {
    pub success: Branch,
    pub failure: Branch,
}

impl Branch {
    #[must_use]
    pub fn meter(&self, m: MeterId) -> Spread {
        self.meters[m.index()]
    }
}

/// Counts of each meter's value after the month, one histogram per meter.
type Hist = [[u32; 101]; MAX_METERS];

/// Every meter's spread in a histogram of `total` samples.
fn spreads(hist: &Hist, total: u32, n_meters: usize) -> [Spread; MAX_METERS] {
    let mut meters = [Spread::default(); MAX_METERS];
    for (m, spread) in meters.iter_mut().enumerate().take(n_meters) {
        *spread = Spread {
            p10: percentile(&hist[m], total, 0.10),
            median: percentile(&hist[m], total, 0.50),
            p90: percentile(&hist[m], total, 0.90),
        };
    }
    meters
}

/// Counts what a sample did, as a journal (no allocation).
#[derive(Default)]
struct Tally {
    hostile_answer: bool,
    failed: bool,
    can_fail: bool,
}

struct Watch<'a> {
    sc: &'a Scenario,
    player: SideId,
    t: Tally,
}

impl Journal for Watch<'_> {
    fn note(&mut self, note: Note) {
        if let Note::Moved { side, mv, success } = note {
            if side == self.player {
                self.t.can_fail |= success.is_some();
                self.t.failed |= success == Some(false);
            } else if self.sc.mv(mv).stance < 0 {
                self.t.hostile_answer = true;
            }
        }
    }
}

/// Forecast one choice from `st` with `samples` plays of the rules, the other
/// side answered by the scenario's model (a look-ahead's choice in a state its
/// samples reach twice is remembered, not worked out again: the same answers).
#[must_use]
pub fn forecast(sc: &Scenario, st: &State, choice: Choice, samples: u32, seed: u64) -> Forecast {
    forecast_with(sc, st, choice, samples, seed, &Remembering::default())
}

/// [`forecast`] keeping the model's memory in `memory`: a larger count after a
/// smaller one (same state, choice and seed) replays the smaller count's samples
/// first, and finds their look-ahead choices remembered.
#[must_use]
pub fn forecast_remembering(
    sc: &Scenario,
    st: &State,
    choice: Choice,
    samples: u32,
    seed: u64,
    memory: &Remembering,
) -> Forecast {
    forecast_with(sc, st, choice, samples, seed, memory)
}

/// [`forecast`] with `model` answering for the side the player does not play.
fn forecast_with<M: Model>(
    sc: &Scenario,
    st: &State,
    choice: Choice,
    samples: u32,
    seed: u64,
    model: &M,
) -> Forecast {
    let player = st.setup.player();
    let mut hist: Hist = [[0u32; 101]; MAX_METERS];
    // The samples where the player's move worked and where it failed, apart.
    let mut by_branch: [Hist; 2] = [[[0u32; 101]; MAX_METERS]; 2];
    let mut in_branch = [0u32; 2];
    let (mut hostile, mut failed, mut rung, mut over) = (0u32, 0u32, 0u32, 0u32);
    let mut ended = [0u32; MAX_ENDINGS];
    let mut slipped = 0u32;
    let mut can_fail = false;
    let n_meters = sc.meters.len();
    for k in 0..samples {
        let mut s = *st;
        let mut rng = dice::game_rng(seed, u64::from(k));
        // The rival as the player can know it: a temperament drawn from what
        // its answers have shown, never the true one.
        for side in SideId::ALL.into_iter().filter(|s| *s != player) {
            super::belief::imagine(sc, &mut s, side, &mut rng);
        }
        let mut w = Watch {
            sc,
            player,
            t: Tally::default(),
        };
        if rules::play_with(sc, &mut s, choice, model, &mut rng, &mut w).is_err() {
            break;
        }
        let branch = w.t.can_fail.then(|| usize::from(w.t.failed));
        for m in 0..n_meters {
            let v = s.meters[m] as usize;
            hist[m][v] += 1;
            if let Some(b) = branch {
                by_branch[b][m][v] += 1;
            }
        }
        if let Some(b) = branch {
            in_branch[b] += 1;
        }
        hostile += u32::from(w.t.hostile_answer);
        failed += u32::from(w.t.failed);
        // Higher at the month's end than at its start: a rung lost and
        // regained within the month is not a climb.
        rung += u32::from(rules::ladder_rung(sc, &s) > rules::ladder_rung(sc, st));
        can_fail |= w.t.can_fail;
        over += u32::from(matches!(s.phase, Phase::Over(e) if !sc.ending(e).good));
        if let Phase::Over(e) = s.phase {
            ended[e.index()] += 1;
        } else {
            slipped += u32::from(lost_a_stage(sc, st, &s));
        }
    }
    let total = hist[0].iter().sum::<u32>().max(1);
    let share = |x: u32| f64::from(x) / f64::from(total);
    let branch = |b: usize| Branch {
        share: share(in_branch[b]),
        samples: in_branch[b],
        meters: spreads(&by_branch[b], in_branch[b].max(1), n_meters),
    };
    Forecast {
        choice,
        samples: total,
        meters: spreads(&hist, total, n_meters),
        retaliation: share(hostile),
        failure: can_fail.then(|| share(failed)),
        rung_up: share(rung),
        game_over: share(over),
        slipped: share(slipped),
        ended,
        branches: can_fail.then(|| Branches {
            success: branch(0),
            failure: branch(1),
        }),
    }
}

/// Whether a treaty that stood on the road to a successor in `before` stands
/// lower on it, or off it, in `after`.
fn lost_a_stage(sc: &Scenario, before: &State, after: &State) -> bool {
    (0..sc.treaties.len()).any(|i| match before.treaties[i].stage() {
        Some(was) => after.treaties[i].stage().is_none_or(|now| now < was),
        None => false,
    })
}

/// Forecasts for every choice open to the player now: each legal move, or each card answer.
#[must_use]
pub fn forecast_all(sc: &Scenario, st: &State, samples: u32, seed: u64) -> Vec<Forecast> {
    let choices: Vec<Choice> = match st.phase {
        Phase::Over(_) => Vec::new(),
        Phase::Card(e) => (0..sc.event(e).choices.len() as u8)
            .map(|c| Choice::Answer { choice: c })
            .collect(),
        Phase::Orders => rules::legal_moves(sc, st, st.setup.player())
            .map(|mv| Choice::Move { mv })
            .collect(),
    };
    choices
        .into_iter()
        .map(|c| forecast(sc, st, c, samples, seed))
        .collect()
}

fn percentile(hist: &[u32; 101], total: u32, q: f64) -> i16 {
    let target = (f64::from(total) * q).ceil().max(1.0) as u32;
    let mut seen = 0;
    for (v, n) in hist.iter().enumerate() {
        seen += n;
        if seen >= target {
            return v as i16;
        }
    }
    100
}

impl Forecast {
    #[must_use]
    pub fn meter(&self, m: MeterId) -> Spread {
        self.meters[m.index()]
    }

    /// The endings `side`'s samples reached this month with their shares,
    /// commonest first (the scenario's order among equals); empty in a month
    /// no sample ended.
    #[must_use]
    pub fn endings(&self, sc: &Scenario, side: SideId) -> Vec<(EndingId, f64)> {
        let total = f64::from(self.samples.max(1));
        let mut out: Vec<(EndingId, u32)> = (0..sc.endings.len())
            .map(|i| (EndingId(i as u8), self.ended[i]))
            .filter(|(e, n)| *n > 0 && sc.ending(*e).side == side)
            .collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.1));
        out.into_iter()
            .map(|(e, n)| (e, f64::from(n) / total))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{Difficulty, Setup};

    fn start(seed: u64) -> (Scenario, State) {
        let sc = Scenario::builtin();
        let mut rng = dice::outcome_rng(seed);
        let st = rules::start(
            &sc,
            Setup::single(sc.default_player, Difficulty::Normal),
            &mut rng,
            &mut (),
        );
        (sc, st)
    }

    /// At hard (the model looks ahead) the forecast with the look-ahead's choices
    /// remembered is the forecast of the model that plays, sample for sample.
    #[test]
    fn remembered_choices_forecast_the_model_that_plays() {
        use crate::game::opponent::ByScenario;
        let sc = Scenario::builtin();
        let moscow = sc.default_player.other();
        let mut asked_again = 0;
        for (side, seed) in [(sc.default_player, 3), (moscow, 4)] {
            let setup = Setup::single(side, Difficulty::Hard);
            let st = rules::start(&sc, setup, &mut dice::outcome_rng(seed), &mut ());
            assert!(sc.side(side.other()).ai[Difficulty::Hard.index()].lookahead);
            for mv in rules::legal_moves(&sc, &st, side) {
                let choice = Choice::Move { mv };
                let remembered = Remembering::default();
                let fast = forecast_with(&sc, &st, choice, 150, 9, &remembered);
                let plain = forecast_with(&sc, &st, choice, 150, 9, &ByScenario);
                assert_eq!(fast, plain, "{mv:?}");
                assert_eq!(fast, forecast(&sc, &st, choice, 150, 9));
                // Some state was met twice, or the memory was never tested.
                asked_again += usize::from(remembered.len() < 150);
            }
        }
        assert!(asked_again > 0, "no look-ahead's choice was asked twice");
    }

    #[test]
    fn sanctions_forecast_lowers_relations_and_raises_unity() {
        let (sc, st) = start(3);
        let mv = sc.move_id("sanctions").unwrap();
        let f = forecast(&sc, &st, Choice::Move { mv }, 500, 9);
        let rel = sc.meter("relations").unwrap();
        let unity = sc.meter("unity").unwrap();
        assert!(f.meter(rel).median < st.meter(rel), "{:?}", f.meter(rel));
        assert!(f.meter(unity).median >= st.meter(unity));
        assert!(f.meter(rel).p10 <= f.meter(rel).median && f.meter(rel).median <= f.meter(rel).p90);
        assert_eq!(f.failure, None, "sanctions cannot fail");
        assert_eq!(f.branches, None, "a move that cannot fail has one branch");
        assert!(
            f.retaliation > 0.3,
            "sanctions draw retaliation: {}",
            f.retaliation
        );
    }

    #[test]
    fn a_rung_lost_and_regained_within_the_month_is_no_climb() {
        // Just above a rung (Tension 46, the rung at 45): the month's drift
        // takes the ladder below it and the news may bring it back. Only an
        // end higher than the start is a climb (a play-tester read "ladder
        // climbs 62%" beside a median of 45).
        let (sc, mut st) = start(3);
        let tension = sc.meter("tension").unwrap();
        let hold = sc.move_id("hold").unwrap();
        let mut rng = dice::outcome_rng(5);
        let mut quiet = 0;
        for _ in 0..4 {
            for at in [45, 46, 47] {
                let mut s = st;
                s.meters[tension.index()] = at;
                let next = sc.meter_def(tension).rung(at) + 1;
                let above = (sc.meter_def(tension).labels.get(next)).map_or(i16::MAX, |l| l.0);
                for f in forecast_all(&sc, &s, 200, 9) {
                    // Where nine samples in ten end below the next rung, at
                    // most one in ten can have climbed it.
                    if f.meter(tension).p90 < above {
                        quiet += 1;
                        assert!(
                            f.rung_up <= 0.1,
                            "{at}, {:?}: ladder climbs {}",
                            f.choice,
                            f.rung_up
                        );
                    }
                }
            }
            // A month on: answer any card with its first choice, then hold.
            while rules::play(&sc, &mut st, Choice::Move { mv: hold }, &mut rng, &mut ()).is_err() {
                rules::play(
                    &sc,
                    &mut st,
                    Choice::Answer { choice: 0 },
                    &mut rng,
                    &mut (),
                )
                .unwrap();
            }
        }
        assert!(quiet > 0, "no move keeps the ladder below its next rung");
    }

    #[test]
    fn talks_can_fail_and_the_forecast_says_how_often() {
        let (sc, st) = start(3);
        let mv = sc.move_id("arms_talks").unwrap();
        let f = forecast(&sc, &st, Choice::Move { mv }, 500, 9);
        let p = f.failure.expect("talks can fail");
        let expected = 1.0 - rules::odds(&sc, &st, sc.default_player, mv);
        assert!(
            (p - expected).abs() < 0.08,
            "failure {p} vs rules {expected}"
        );
    }

    #[test]
    fn forecast_is_deterministic_and_leaves_the_state_alone() {
        let (sc, st) = start(5);
        let before = st;
        let a = forecast_all(&sc, &st, 200, 1);
        let b = forecast_all(&sc, &st, 200, 1);
        assert_eq!(a, b);
        assert_eq!(st, before);
        assert_eq!(
            a.len(),
            rules::legal_moves(&sc, &st, sc.default_player).count()
        );
    }

    /// Talks that can fail: the samples split into the two branches, which add up
    /// to the whole, agree with the failure odds, and differ where the move's
    /// success and failure differ (progress comes only with success).
    #[test]
    fn a_move_that_can_fail_forecasts_each_branch_apart() {
        let (sc, st) = start(3);
        let mv = sc.move_id("arms_talks").unwrap();
        let f = forecast(&sc, &st, Choice::Move { mv }, 500, 9);
        let b = f.branches.expect("talks can fail: two branches");
        assert_eq!(b.success.samples + b.failure.samples, f.samples);
        assert!((b.failure.share - f.failure.unwrap()).abs() < 1e-9);
        assert!((b.success.share + b.failure.share - 1.0).abs() < 1e-9);
        assert!(b.success.samples > 0 && b.failure.samples > 0, "{b:?}");
        let progress = sc.meter("progress").unwrap();
        assert!(
            b.success.meter(progress).median > b.failure.meter(progress).median,
            "success {:?} vs failure {:?}",
            b.success.meter(progress),
            b.failure.meter(progress)
        );
        // The whole lies between its branches.
        let whole = f.meter(progress).median;
        assert!(b.failure.meter(progress).median <= whole);
        assert!(whole <= b.success.meter(progress).median);
    }
}
