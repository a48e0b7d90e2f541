//! Built-in policies: who chooses for a side in the simulator (and in tests).
//!
//! A policy plays one side. Against the opponent model it gives that side's
//! move; when both sides are played by policies, the runner asks each for its
//! side's move and gives the rules both as orders.

use rand::Rng;

use crate::game::dice::{self, GameRng};
use crate::game::opponent::Plain;
use crate::game::rules::{self, Choice};
use crate::game::scenario::{EventId, MAX_MOVES, MoveId, SIDES, Scenario, SideId};
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
    /// Looks ahead: each move followed by random play to the end, sampled
    /// from the real rules; the best on average.
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

    /// The choice for the state's first human side (the ordinary one-player game).
    pub fn choose(&self, sc: &Scenario, st: &State, rng: &mut GameRng) -> Choice {
        let side = st.setup.player();
        match st.phase {
            Phase::Card(e) => Choice::Answer {
                choice: self.answer(sc, st, e, side, rng),
            },
            _ => Choice::Move {
                mv: self.pick_move(sc, st, side, rng),
            },
        }
    }

    /// This policy's answer to the card on the table, played for `side`.
    pub fn answer(
        &self,
        sc: &Scenario,
        st: &State,
        e: EventId,
        side: SideId,
        rng: &mut GameRng,
    ) -> u8 {
        let n = sc.event(e).choices.len() as u8;
        match self {
            Policy::Random | Policy::Always(_) => dice::range(rng, 0, n as i16 - 1) as u8,
            Policy::Greedy | Policy::Expert => {
                let options: Vec<Choice> = (0..n).map(|c| Choice::Answer { choice: c }).collect();
                match self.best(sc, st, side, &options, rng) {
                    Choice::Answer { choice } => choice,
                    _ => 0,
                }
            }
        }
    }

    /// This policy's move for `side` this month.
    pub fn pick_move(&self, sc: &Scenario, st: &State, side: SideId, rng: &mut GameRng) -> MoveId {
        let mut legal = [MoveId(0); MAX_MOVES];
        let mut n = 0;
        for m in rules::legal_moves(sc, st, side) {
            legal[n] = m;
            n += 1;
        }
        let legal = &legal[..n];
        let any = |rng: &mut GameRng| legal[dice::range(rng, 0, n as i16 - 1) as usize];
        match self {
            Policy::Random => any(rng),
            Policy::Always(m) if legal.contains(m) => *m,
            Policy::Always(_) => any(rng),
            Policy::Greedy | Policy::Expert => {
                let options: Vec<Choice> = legal.iter().map(|m| Choice::Move { mv: *m }).collect();
                match self.best(sc, st, side, &options, rng) {
                    Choice::Move { mv } => mv,
                    _ => any(rng),
                }
            }
        }
    }

    /// The option with the best sampled score for `side`. A move option is
    /// played as orders with a random move of the other side when both are
    /// played by policies.
    fn best(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        options: &[Choice],
        rng: &mut GameRng,
    ) -> Choice {
        let seed = rng.next_u64();
        let samples = if *self == Policy::Greedy {
            GREEDY_SAMPLES
        } else {
            EXPERT_ROLLOUTS
        };
        let mut best = (f64::MIN, options[0]);
        for c in options {
            let total: f64 = (0..samples)
                .map(|k| {
                    let mut s = *st;
                    let mut r = dice::game_rng(seed, k as u64);
                    let first = as_orders(sc, &s, side, *c, &mut r);
                    let _ = rules::play(sc, &mut s, first, &mut r, &mut ());
                    if *self == Policy::Expert {
                        // The rest of the imagined game is played against the plain
                        // model at the normal level: a look-ahead would cost a hundredfold.
                        s.setup.difficulty = Difficulty::Normal;
                        // Bounded, so a scenario whose game never ends cannot hang the policy.
                        for _ in 0..rollout_bound(sc) {
                            if s.is_over() {
                                break;
                            }
                            let next = random_step(sc, &s, &mut r);
                            if rules::play_with(sc, &mut s, next, &Plain, &mut r, &mut ()).is_err()
                            {
                                break;
                            }
                        }
                    }
                    rules::score(sc, &s, side) as f64
                })
                .sum();
            // Ties keep the earlier option.
            if total > best.0 {
                best = (total, *c);
            }
        }
        best.1
    }
}

/// More steps than any game that ends can take: every month, every card.
fn rollout_bound(sc: &Scenario) -> usize {
    (sc.calendar.turns as usize + 1) * (sc.events.len() + 2)
}

/// A choice of `side` as the rules take it: a move becomes orders (with a random
/// move of the other side) when both sides are played by people or policies.
fn as_orders(sc: &Scenario, st: &State, side: SideId, c: Choice, rng: &mut GameRng) -> Choice {
    match c {
        Choice::Move { mv } if st.setup.human[side.other().index()] => {
            let theirs = Policy::Random.pick_move(sc, st, side.other(), rng);
            let mut moves = [mv; SIDES];
            moves[side.other().index()] = theirs;
            Choice::Orders { moves }
        }
        other => other,
    }
}

/// One uniformly random legal step for whoever must choose now.
pub fn random_step(sc: &Scenario, st: &State, rng: &mut GameRng) -> Choice {
    match st.phase {
        Phase::Card(e) => {
            let n = sc.event(e).choices.len();
            Choice::Answer {
                choice: dice::range(rng, 0, n as i16 - 1) as u8,
            }
        }
        _ => {
            let humans = st.setup.human.iter().filter(|h| **h).count();
            if humans == 1 {
                Choice::Move {
                    mv: Policy::Random.pick_move(sc, st, st.setup.player(), rng),
                }
            } else {
                let moves = SideId::ALL.map(|side| Policy::Random.pick_move(sc, st, side, rng));
                Choice::Orders { moves }
            }
        }
    }
}
