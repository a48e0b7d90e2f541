//! Built-in policies: who chooses for a side in the simulator (and in tests).

use rand::Rng;

use crate::game::dice::{self, GameRng};
use crate::game::rules::{self, Choice};
use crate::game::scenario::{MAX_MOVES, MoveId, Scenario, SideId};
use crate::game::{Difficulty, Phase, State};

/// How a simulated player decides.
#[derive(Clone, Debug, PartialEq)]
pub enum Policy {
    /// A legal move (or card answer) picked uniformly.
    Random,
    /// Always this move when it is legal; otherwise a random legal move.
    Always(MoveId),
    /// The move with the best expected score one month ahead (sampled).
    Greedy,
    /// Monte Carlo: each move followed by random play to the end, sampled; the best on average.
    Expert,
}

/// Samples per move for `greedy`.
const GREEDY_SAMPLES: usize = 24;
/// Rollouts per move for `expert`.
const EXPERT_ROLLOUTS: usize = 24;

impl Policy {
    /// Parse a policy name: `random`, `always:<move>`, `greedy`, `expert`.
    pub fn parse(sc: &Scenario, side: SideId, name: &str) -> Result<Policy, String> {
        match name {
            "random" => Ok(Policy::Random),
            "greedy" => Ok(Policy::Greedy),
            "expert" => Ok(Policy::Expert),
            _ => match name.strip_prefix("always:") {
                Some(m) => match sc.move_id(m) {
                    Some(id) if sc.mv(id).side == side => Ok(Policy::Always(id)),
                    Some(_) => Err(format!("move `{m}` belongs to the other side")),
                    None => Err(format!("no move called `{m}`")),
                },
                None => Err(format!("unknown policy `{name}` (see --list-policies)")),
            },
        }
    }

    /// Every policy name for a side.
    pub fn names(sc: &Scenario, side: SideId) -> Vec<String> {
        let mut v = vec![
            "random".to_string(),
            "greedy".to_string(),
            "expert".to_string(),
        ];
        v.extend(sc.moves_of(side).map(|m| format!("always:{}", sc.mv(m).id)));
        v
    }

    pub fn name(&self, sc: &Scenario) -> String {
        match self {
            Policy::Random => "random".into(),
            Policy::Always(m) => format!("always:{}", sc.mv(*m).id),
            Policy::Greedy => "greedy".into(),
            Policy::Expert => "expert".into(),
        }
    }

    /// The choice for the state's human side.
    pub fn choose(&self, sc: &Scenario, st: &State, rng: &mut GameRng) -> Choice {
        let side = st.setup.player();
        if let Phase::Card(e) = st.phase {
            return match self {
                Policy::Random | Policy::Always(_) => {
                    let n = sc.event(e).choices.len();
                    Choice::Answer {
                        choice: dice::range(rng, 0, n as i16 - 1) as u8,
                    }
                }
                Policy::Greedy | Policy::Expert => {
                    let n = sc.event(e).choices.len() as u8;
                    let options: Vec<Choice> =
                        (0..n).map(|c| Choice::Answer { choice: c }).collect();
                    self.best(sc, st, &options, rng)
                }
            };
        }
        let mut legal = [MoveId(0); MAX_MOVES];
        let mut n = 0;
        for m in rules::legal_moves(sc, st, side) {
            legal[n] = m;
            n += 1;
        }
        let legal = &legal[..n];
        match self {
            Policy::Random => Choice::Move {
                mv: legal[dice::range(rng, 0, n as i16 - 1) as usize],
            },
            Policy::Always(m) if legal.contains(m) => Choice::Move { mv: *m },
            Policy::Always(_) => Choice::Move {
                mv: legal[dice::range(rng, 0, n as i16 - 1) as usize],
            },
            Policy::Greedy | Policy::Expert => {
                let options: Vec<Choice> = legal.iter().map(|m| Choice::Move { mv: *m }).collect();
                self.best(sc, st, &options, rng)
            }
        }
    }

    fn best(&self, sc: &Scenario, st: &State, options: &[Choice], rng: &mut GameRng) -> Choice {
        let side = st.setup.player();
        let seed = rng.next_u64();
        let mut best = (f64::MIN, options[0]);
        for (i, c) in options.iter().enumerate() {
            let total: f64 = match self {
                Policy::Greedy => (0..GREEDY_SAMPLES)
                    .map(|k| {
                        let mut s = *st;
                        let mut r = dice::game_rng(seed, k as u64);
                        let _ = rules::play(sc, &mut s, *c, &mut r, &mut ());
                        value_now(sc, &s, side)
                    })
                    .sum(),
                _ => (0..EXPERT_ROLLOUTS)
                    .map(|k| {
                        let mut s = *st;
                        let mut r = dice::game_rng(seed, k as u64);
                        let _ = rules::play(sc, &mut s, *c, &mut r, &mut ());
                        // The rest of the imagined game is played against the normal
                        // model: the hard one's own look-ahead would cost a hundredfold.
                        s.setup.difficulty = Difficulty::Normal;
                        while !s.is_over() {
                            let next = Policy::Random.choose(sc, &s, &mut r);
                            if rules::play(sc, &mut s, next, &mut r, &mut ()).is_err() {
                                break;
                            }
                        }
                        rules::score(sc, &s, side) as f64
                    })
                    .sum(),
            };
            // Ties go to the earlier option; `i` keeps the comparison explicit.
            if total > best.0 || (total == best.0 && i == 0) {
                best = (total, *c);
            }
        }
        best.1
    }
}

/// A side's position as it stands: its score, with the ending bonus if the game is over.
fn value_now(sc: &Scenario, st: &State, side: SideId) -> f64 {
    rules::score(sc, st, side) as f64
}
