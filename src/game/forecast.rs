//! The advisor: what each choice is likely to do, found by playing the real
//! rules many times from the current state — never by a formula kept aside.

use super::dice;
use super::report::{Journal, Note};
use super::rules::{self, Choice};
use super::scenario::{MAX_METERS, MeterId, Scenario, SideId};
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
    /// Share where the ladder climbed at least one rung.
    pub rung_up: f64,
    /// Share where the game ended, and in a bad way for the player.
    pub game_over: f64,
}

/// Counts what a sample did, as a journal (no allocation).
#[derive(Default)]
struct Tally {
    hostile_answer: bool,
    failed: bool,
    can_fail: bool,
    rung_up: bool,
}

struct Watch<'a> {
    sc: &'a Scenario,
    player: SideId,
    t: Tally,
}

impl Journal for Watch<'_> {
    fn note(&mut self, note: Note) {
        match note {
            Note::Moved { side, mv, success } => {
                if side == self.player {
                    self.t.can_fail |= success.is_some();
                    self.t.failed |= success == Some(false);
                } else if self.sc.mv(mv).stance < 0 {
                    self.t.hostile_answer = true;
                }
            }
            Note::Rung { from, to } if to > from => self.t.rung_up = true,
            _ => {}
        }
    }
}

/// Forecast one choice from `st` with `samples` plays of the rules.
#[must_use]
pub fn forecast(sc: &Scenario, st: &State, choice: Choice, samples: u32, seed: u64) -> Forecast {
    let player = st.setup.player();
    let mut hist = [[0u32; 101]; MAX_METERS];
    let (mut hostile, mut failed, mut rung, mut over) = (0u32, 0u32, 0u32, 0u32);
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
        if rules::play(sc, &mut s, choice, &mut rng, &mut w).is_err() {
            break;
        }
        for (m, h) in hist.iter_mut().enumerate().take(n_meters) {
            h[s.meters[m] as usize] += 1;
        }
        hostile += u32::from(w.t.hostile_answer);
        failed += u32::from(w.t.failed);
        rung += u32::from(w.t.rung_up);
        can_fail |= w.t.can_fail;
        over += u32::from(matches!(s.phase, Phase::Over(e) if !sc.ending(e).good));
    }
    let total = hist[0].iter().sum::<u32>().max(1);
    let mut meters = [Spread::default(); MAX_METERS];
    for (m, spread) in meters.iter_mut().enumerate().take(n_meters) {
        *spread = Spread {
            p10: percentile(&hist[m], total, 0.10),
            median: percentile(&hist[m], total, 0.50),
            p90: percentile(&hist[m], total, 0.90),
        };
    }
    let share = |x: u32| f64::from(x) / f64::from(total);
    Forecast {
        choice,
        samples: total,
        meters,
        retaliation: share(hostile),
        failure: can_fail.then(|| share(failed)),
        rung_up: share(rung),
        game_over: share(over),
    }
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
        assert!(
            f.retaliation > 0.3,
            "sanctions draw retaliation: {}",
            f.retaliation
        );
    }

    #[test]
    fn talks_can_fail_and_the_forecast_says_how_often() {
        let (sc, st) = start(3);
        let mv = sc.move_id("arms_talks").unwrap();
        let f = forecast(&sc, &st, Choice::Move { mv }, 500, 9);
        let p = f.failure.expect("talks can fail");
        let expected = 1.0 - rules::probability(&sc.mv(mv).chance, &st);
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
}
