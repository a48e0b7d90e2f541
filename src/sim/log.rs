//! What one simulated game did, as the rules journaled it: counted into the
//! totals (card answers, the rival's moves) and, for `--games-log`, one JSON line.

use serde::Serialize;

use super::line::iso;
use super::{Outcome, Plan, Tally, Totals};
use crate::game::Scenario;
use crate::game::report::{Journal, Note};
use crate::game::scenario::{EventId, MoveId, SideId};
use crate::game::state::EventSet;

/// A journal that watches one game for the side a policy plays.
pub struct Watch<'a> {
    side: SideId,
    turn: u8,
    totals: &'a mut Totals,
    cards: EventSet,
    log: Option<Raw>,
}

/// A game's events in the order they happened, as indices (named when written).
#[derive(Default)]
struct Raw {
    moves: Vec<(u8, MoveId)>,
    rival_moves: Vec<(u8, MoveId)>,
    cards: Vec<(u8, EventId)>,
    answers: Vec<(u8, EventId, u8)>,
    rival_answers: Vec<(u8, EventId, u8)>,
}

impl<'a> Watch<'a> {
    /// Watch a game of `side`, counting into `totals`; `log` keeps the game's course too.
    pub fn new(side: SideId, totals: &'a mut Totals, log: bool) -> Watch<'a> {
        Watch {
            side,
            turn: 0,
            totals,
            cards: EventSet::default(),
            log: log.then(Raw::default),
        }
    }

    /// The cards the game showed, and its log if one was kept (to be filled in).
    #[must_use]
    pub fn finish(self) -> (EventSet, Option<GameLog>) {
        (
            self.cards,
            self.log.map(|raw| GameLog {
                raw,
                ..GameLog::default()
            }),
        )
    }
}

impl Journal for Watch<'_> {
    fn note(&mut self, note: Note) {
        match note {
            Note::Month { turn } => self.turn = turn,
            Note::Event { event } => {
                self.cards.insert(event);
                if let Some(l) = &mut self.log {
                    l.cards.push((self.turn, event));
                }
            }
            Note::Answered {
                event,
                choice,
                side,
            } => {
                let mine = side == self.side;
                if mine {
                    self.totals.answers[event.index()][choice as usize] += 1;
                }
                if let Some(l) = &mut self.log {
                    let to = if mine {
                        &mut l.answers
                    } else {
                        &mut l.rival_answers
                    };
                    to.push((self.turn, event, choice));
                }
            }
            Note::Moved { side, mv, .. } => {
                let mine = side == self.side;
                if !mine {
                    self.totals.rival_moves[mv.index()] += 1;
                }
                if let Some(l) = &mut self.log {
                    let to = if mine {
                        &mut l.moves
                    } else {
                        &mut l.rival_moves
                    };
                    to.push((self.turn, mv));
                }
            }
            _ => {}
        }
    }
}

/// One game of `--games-log`: everything needed to measure variety, and to
/// replay it (`seed` and `game` give its random streams).
#[derive(Serialize, Default)]
pub struct GameLog {
    /// The game's index; it is seeded from (seed, game).
    pub game: u64,
    pub seed: u64,
    pub side: String,
    pub difficulty: &'static str,
    /// The side's move each month.
    pub moves: Vec<MonthMove>,
    /// Every card that came up, in order (both sides').
    pub cards: Vec<Seen>,
    /// The side's answers to its choice cards.
    pub answers: Vec<Answer>,
    /// The other side's moves and card answers.
    pub rival_moves: Vec<MonthMove>,
    pub rival_answers: Vec<Answer>,
    /// The rival's true temperament (none when its scenario gives it none).
    pub temperament: Option<String>,
    pub ending: String,
    pub score: i32,
    pub months: u64,
    /// The policy's fallbacks (a `line:` that had nothing to play) and moves
    /// forced because only banned moves were legal.
    pub fallbacks: u64,
    pub forced: u64,
    #[serde(skip)]
    raw: Raw,
}

#[derive(Serialize)]
pub struct MonthMove {
    pub month: String,
    #[serde(rename = "move")]
    pub mv: String,
}

#[derive(Serialize)]
pub struct Seen {
    pub month: String,
    pub card: String,
}

/// A card answer; `choice` counts from 1, as the screen and line files do.
#[derive(Serialize)]
pub struct Answer {
    pub month: String,
    pub card: String,
    pub choice: u8,
}

impl GameLog {
    /// Name everything and add the game's result.
    pub fn fill(&mut self, sc: &Scenario, plan: &Plan, game: u64, o: &Outcome, tally: Tally) {
        let moves = |v: &[(u8, MoveId)]| -> Vec<MonthMove> {
            v.iter()
                .map(|(t, m)| MonthMove {
                    month: iso(sc, *t),
                    mv: sc.mv(*m).id.clone(),
                })
                .collect()
        };
        let answers = |v: &[(u8, EventId, u8)]| -> Vec<Answer> {
            v.iter()
                .map(|(t, e, c)| Answer {
                    month: iso(sc, *t),
                    card: sc.event(*e).id.clone(),
                    choice: c + 1,
                })
                .collect()
        };
        self.game = game;
        self.seed = plan.seed;
        self.side = sc.side(plan.side).id.clone();
        self.difficulty = plan.difficulty.name();
        self.moves = moves(&self.raw.moves);
        self.rival_moves = moves(&self.raw.rival_moves);
        self.answers = answers(&self.raw.answers);
        self.rival_answers = answers(&self.raw.rival_answers);
        self.cards = (self.raw.cards.iter())
            .map(|(t, e)| Seen {
                month: iso(sc, *t),
                card: sc.event(*e).id.clone(),
            })
            .collect();
        self.ending = sc
            .endings
            .get(o.ending)
            .map_or_else(String::new, |e| e.id.clone());
        let temps = &sc.side(plan.side.other()).temperaments;
        self.temperament = (temps.len() >= 2)
            .then(|| temps.get(usize::from(o.rival_temperament)))
            .flatten()
            .map(|t| t.id.clone());
        self.score = o.score;
        self.months = o.months;
        self.fallbacks = tally.fallbacks;
        self.forced = tally.forced;
    }
}
