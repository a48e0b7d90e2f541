//! Built-in policies: who chooses for a side in the simulator (and in tests).
//!
//! A policy plays one side. Against the opponent model it gives that side's
//! move; when both sides are played by policies, the runner asks each for its
//! side's move and gives the rules both as orders.

use std::path::Path;
use std::sync::Arc;

use rand::Rng;

use super::line::Line;

use crate::game::belief;
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
    /// One policy before a turn, another from it on (`--then … --from N`).
    Phased {
        first: Box<Policy>,
        then: Box<Policy>,
        /// The first turn (0-based) `then` plays.
        from: u8,
    },
    /// A policy that never picks these moves while another is legal (`--ban`).
    Banned {
        inner: Box<Policy>,
        banned: Vec<MoveId>,
    },
    /// A written course (`line:FILE`, or `history`: the scenario's record);
    /// `fallback` chooses where it has nothing to play.
    Line {
        line: Arc<Line>,
        fallback: Box<Policy>,
    },
}

/// What a policy had to do against its wishes in one game.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// A line's move was unavailable, or its month or card unlisted: the fallback chose.
    pub fallbacks: u64,
    /// Only banned moves were legal: the least bad of them was played.
    pub forced: u64,
}

/// Samples per move for `greedy`.
const GREEDY_SAMPLES: usize = 24;
/// Rollouts per move for `expert`.
const EXPERT_ROLLOUTS: usize = 24;

impl Policy {
    /// Parse a policy name: `random`, `always:<move>`, `greedy`, `expert`,
    /// `line:<file>` (falling back to greedy) or `history`.
    pub fn parse(sc: &Scenario, side: SideId, name: &str) -> Result<Policy, String> {
        Policy::parse_with(sc, side, name, &Policy::Greedy)
    }

    /// As `parse`, with the policy a `line:` falls back to.
    pub fn parse_with(
        sc: &Scenario,
        side: SideId,
        name: &str,
        fallback: &Policy,
    ) -> Result<Policy, String> {
        match name {
            "random" => Ok(Policy::Random),
            "greedy" => Ok(Policy::Greedy),
            "expert" => Ok(Policy::Expert),
            "history" => match Line::from_record(sc, side) {
                Some(line) => {
                    // Where the record's move is closed, the fallback chooses
                    // among what the capital did do in the period, never a
                    // move the record never made (a treaty stage it never
                    // reached): the record is not an optimiser's game.
                    let banned: Vec<MoveId> = sc
                        .moves_of(side)
                        .filter(|m| !line.moves.contains(&Some(*m)))
                        .collect();
                    let fallback = if banned.is_empty() {
                        fallback.clone()
                    } else {
                        Policy::Banned {
                            inner: Box::new(fallback.clone()),
                            banned,
                        }
                    };
                    Ok(Policy::Line {
                        line: Arc::new(line),
                        fallback: Box::new(fallback),
                    })
                }
                None => Err(format!(
                    "this scenario (`{}`) has no record of {}'s moves for --policy history to play",
                    sc.id,
                    sc.side(side).id
                )),
            },
            _ => {
                if let Some(path) = name.strip_prefix("line:") {
                    let line = Line::read(sc, side, Path::new(path))?;
                    return Ok(Policy::Line {
                        line: Arc::new(line),
                        fallback: Box::new(fallback.clone()),
                    });
                }
                match name.strip_prefix("always:") {
                    Some(m) => Ok(Policy::Always(move_of(sc, side, m)?)),
                    None => Err(format!(
                        "unknown policy `{}` (see --list-policies)",
                        crate::text::printable(name)
                    )),
                }
            }
        }
    }

    /// Every policy name for a side.
    #[must_use]
    pub fn names(sc: &Scenario, side: SideId) -> Vec<String> {
        let mut v = vec![
            "random".to_string(),
            "greedy".to_string(),
            "expert".to_string(),
        ];
        if sc.has_record(side) {
            v.push("history".to_string());
        }
        v.extend(sc.moves_of(side).map(|m| format!("always:{}", sc.mv(m).id)));
        v
    }

    #[must_use]
    pub fn name(&self, sc: &Scenario) -> String {
        match self {
            Policy::Random => "random".into(),
            Policy::Always(m) => format!("always:{}", sc.mv(*m).id),
            Policy::Greedy => "greedy".into(),
            Policy::Expert => "expert".into(),
            Policy::Phased { first, then, from } => format!(
                "{} then {} from month {}",
                first.name(sc),
                then.name(sc),
                u16::from(*from) + 1
            ),
            Policy::Banned { inner, banned } => {
                let ids: Vec<&str> = banned.iter().map(|m| sc.mv(*m).id.as_str()).collect();
                format!("{} banning {}", inner.name(sc), ids.join(","))
            }
            Policy::Line { line, fallback } if line.is_record() => match &**fallback {
                Policy::Banned { inner, .. } => {
                    format!(
                        "history (else {}, among the record's moves)",
                        inner.name(sc)
                    )
                }
                f => format!("history (else {})", f.name(sc)),
            },
            Policy::Line { line, fallback } => {
                format!("line:{} (else {})", line.source, fallback.name(sc))
            }
        }
    }

    /// The choice for the state's first human side (the ordinary one-player game).
    pub fn choose(&self, sc: &Scenario, st: &State, rng: &mut GameRng) -> Choice {
        self.choose_counted(sc, st, rng, &mut Tally::default())
    }

    /// As `choose`, counting fallbacks and forced moves into `tally`.
    pub fn choose_counted(
        &self,
        sc: &Scenario,
        st: &State,
        rng: &mut GameRng,
        tally: &mut Tally,
    ) -> Choice {
        let side = st.setup.player();
        match st.phase {
            Phase::Card(e) => Choice::Answer {
                choice: self.answer_counted(sc, st, e, side, rng, tally),
            },
            _ => Choice::Move {
                mv: self.pick_counted(sc, st, side, rng, tally),
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
        self.answer_counted(sc, st, e, side, rng, &mut Tally::default())
    }

    /// As `answer`, counting a line's fallbacks into `tally`.
    pub fn answer_counted(
        &self,
        sc: &Scenario,
        st: &State,
        e: EventId,
        side: SideId,
        rng: &mut GameRng,
        tally: &mut Tally,
    ) -> u8 {
        let n = sc.event(e).choices.len() as u8;
        match self {
            Policy::Random | Policy::Always(_) => dice::range(rng, 0, i16::from(n) - 1) as u8,
            Policy::Greedy | Policy::Expert => {
                let options: Vec<Choice> = (0..n).map(|c| Choice::Answer { choice: c }).collect();
                match self.best(sc, st, side, &options, rng) {
                    Choice::Answer { choice } => choice,
                    _ => 0,
                }
            }
            Policy::Phased { first, then, from } => {
                let p = if st.turn < *from { first } else { then };
                p.answer_counted(sc, st, e, side, rng, tally)
            }
            Policy::Banned { inner, .. } => inner.answer_counted(sc, st, e, side, rng, tally),
            Policy::Line { line, fallback } => match line.answer_at(st.turn, e) {
                Some(c) if c < n => c,
                _ => {
                    tally.fallbacks += 1;
                    fallback.answer_counted(sc, st, e, side, rng, tally)
                }
            },
        }
    }

    /// This policy's move for `side` this month.
    pub fn pick_move(&self, sc: &Scenario, st: &State, side: SideId, rng: &mut GameRng) -> MoveId {
        self.pick_counted(sc, st, side, rng, &mut Tally::default())
    }

    /// As `pick_move`, counting fallbacks and forced moves into `tally`.
    pub fn pick_counted(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        rng: &mut GameRng,
        tally: &mut Tally,
    ) -> MoveId {
        if let Policy::Random = self {
            // The draw `pick_from` makes over the legal moves in scenario
            // order, taken from their set without listing them: this runs
            // every month of every random game.
            let set = rules::legal_set(sc, st, side);
            let n = set.count_ones() as i16;
            let k = dice::range(rng, 0, n - 1);
            return rules::move_bits(set)
                .nth(k as usize)
                .expect("a side always has a legal move");
        }
        let mut legal = [MoveId(0); MAX_MOVES];
        let mut n = 0;
        for m in rules::legal_moves(sc, st, side) {
            legal[n] = m;
            n += 1;
        }
        self.pick_from(sc, st, side, &legal[..n], rng, tally)
    }

    /// The move among `legal` (never empty: a side always has a legal move).
    fn pick_from(
        &self,
        sc: &Scenario,
        st: &State,
        side: SideId,
        legal: &[MoveId],
        rng: &mut GameRng,
        tally: &mut Tally,
    ) -> MoveId {
        let n = legal.len();
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
            Policy::Phased { first, then, from } => {
                let p = if st.turn < *from { first } else { then };
                p.pick_from(sc, st, side, legal, rng, tally)
            }
            Policy::Banned { inner, banned } => {
                let mut allowed = [MoveId(0); MAX_MOVES];
                let mut k = 0;
                for m in legal.iter().filter(|m| !banned.contains(m)) {
                    allowed[k] = *m;
                    k += 1;
                }
                if k == 0 {
                    // Only banned moves are legal: the policy's own pick is the least bad.
                    tally.forced += 1;
                    inner.pick_from(sc, st, side, legal, rng, tally)
                } else {
                    inner.pick_from(sc, st, side, &allowed[..k], rng, tally)
                }
            }
            Policy::Line { line, fallback } => match line.move_at(st.turn) {
                Some(m) if legal.contains(&m) => m,
                _ => {
                    tally.fallbacks += 1;
                    fallback.pick_from(sc, st, side, legal, rng, tally)
                }
            },
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
                    // The rival imagined as its answers so far show it, never as it is.
                    belief::imagine(sc, &mut s, side.other(), &mut r);
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
                    f64::from(rules::score(sc, &s, side))
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

/// The move of `side` with this id; the error says why not.
pub fn move_of(sc: &Scenario, side: SideId, id: &str) -> Result<MoveId, String> {
    match sc.move_id(id) {
        Some(m) if sc.mv(m).side == side => Ok(m),
        Some(_) => Err(format!("move `{id}` belongs to the other side")),
        None => Err(format!("no move called `{}`", crate::text::printable(id))),
    }
}
