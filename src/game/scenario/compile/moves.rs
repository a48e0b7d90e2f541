//! Moves: who makes them, when they are open, what they do, how they can
//! fail, and how the model weighs them.

use super::super::limits::{
    MAX_CHANCE_BASE, MAX_CHANCE_PER, MAX_FATIGUE, MAX_STANCE, MAX_WEIGHT, MAX_WEIGHT_PER,
};
use super::super::raw::{self, S};
use super::super::{Chance, Event, Move, SIDES, SideId};
use super::cx::Cx;

/// A move's weight for the model when the scenario does not say.
const DEFAULT_WEIGHT: f64 = 1.0;

impl Cx<'_> {
    pub fn moves(&mut self, table: &[S<raw::Move>]) -> Vec<Move> {
        table
            .iter()
            .enumerate()
            .map(|(i, m)| self.one_move(m.get_ref(), &format!("moves[{i}]")))
            .collect()
    }

    fn one_move(&mut self, m: &raw::Move, field: &str) -> Move {
        let side = self
            .side(&m.side, &format!("{field}.side"))
            .unwrap_or(SideId(0));
        let stance = m.stance.as_ref().map_or(0, |s| {
            self.int(s, &format!("{field}.stance"), -MAX_STANCE, MAX_STANCE)
        });
        let answers = m
            .answers
            .iter()
            .filter_map(|a| self.move_ref(a, &format!("{field}.answers")))
            .collect();
        if let (None, Some(failure)) = (&m.chance, &m.failure) {
            self.err(
                failure.span(),
                &format!("{field}.failure"),
                "a move with a failure effect needs a chance",
            );
        }
        let asks = m
            .asks
            .as_ref()
            .and_then(|f| self.flag(f, &format!("{field}.asks")));
        if let (None, Some(f)) = (&m.chance, &m.asks) {
            self.err(
                f.span(),
                &format!("{field}.asks"),
                "a move put to the other side needs a chance: it stands for their agreement",
            );
        }
        Move {
            id: m.id.get_ref().clone(),
            side,
            name: m.name.clone(),
            hint: m.hint.clone(),
            describe: m.describe.clone(),
            stance,
            requires: self.cond(m.requires.as_ref(), &format!("{field}.requires")),
            requires_text: m.requires_text.clone(),
            effects: self.effect(m.effects.as_ref(), &format!("{field}.effects"), Some(side)),
            chance: self.chance(m.chance.as_ref(), &format!("{field}.chance")),
            success: self.effect(m.success.as_ref(), &format!("{field}.success"), Some(side)),
            failure: self.effect(m.failure.as_ref(), &format!("{field}.failure"), Some(side)),
            success_text: m.success_text.variants(),
            failure_text: m.failure_text.variants(),
            weight: m.weight.as_ref().map_or(DEFAULT_WEIGHT, |w| {
                self.float(w, &format!("{field}.weight"), 0.0, MAX_WEIGHT)
            }),
            weight_per: self.meter_values(
                &m.weight_per,
                &format!("{field}.weight_per"),
                |cx, v, f| Some(cx.float(v, f, -MAX_WEIGHT_PER, MAX_WEIGHT_PER)),
            ),
            answers,
            fatigue: m.fatigue.as_ref().map_or(0, |v| {
                self.int(v, &format!("{field}.fatigue"), 0, MAX_FATIGUE)
            }),
            asks,
            asks_text: m.asks_text.variants(),
        }
    }

    /// A move's chance of success: `base + Σ per·meter`, clamped to `min..=max`.
    fn chance(&mut self, c: Option<&S<raw::Chance>>, field: &str) -> Chance {
        let Some(c) = c else { return Chance::CERTAIN };
        let c = c.get_ref();
        let base = self.float(
            &c.base,
            &format!("{field}.base"),
            -MAX_CHANCE_BASE,
            MAX_CHANCE_BASE,
        );
        let per = self.meter_values(&c.per, &format!("{field}.per"), |cx, v, f| {
            Some(cx.float(v, f, -MAX_CHANCE_PER, MAX_CHANCE_PER))
        });
        let mut bound = |v: &Option<S<f64>>, name: &str, default: f64| {
            v.as_ref().map_or(default, |v| {
                self.float(v, &format!("{field}.{name}"), 0.0, 1.0)
            })
        };
        let min = bound(&c.min, "min", 0.0);
        let max = bound(&c.max, "max", 1.0);
        if min > max {
            self.err(
                c.base.span(),
                field,
                format!("min {min} is above max {max}"),
            );
        }
        Chance {
            base,
            per,
            min,
            max,
        }
    }

    /// A move put to the other side (`asks`) is answered by a card: one
    /// concerning the other side waits on its flag, and every answer clears
    /// it (else the question would come back every month, or never).
    pub fn check_asked_moves_are_put(&mut self, f: &raw::File, moves: &[Move], events: &[Event]) {
        for (i, (m, raw)) in moves.iter().zip(&f.moves).enumerate() {
            let (Some(flag), Some(at)) = (m.asks, raw.get_ref().asks.as_ref()) else {
                continue;
            };
            let field = format!("moves[{i}].asks");
            let cards: Vec<&Event> = events
                .iter()
                .filter(|e| e.concerns == m.side.other() && e.when.flags.contains(&flag))
                .collect();
            if cards.is_empty() {
                self.err(
                    at.span(),
                    &field,
                    format!(
                        "no card concerning the other side waits on the flag \"{}\": nobody would be asked",
                        at.get_ref()
                    ),
                );
            }
            for e in cards {
                if e.choices.is_empty()
                    || e.choices.iter().any(|c| !c.effects.clear.contains(&flag))
                {
                    self.err(
                        at.span(),
                        &field,
                        format!(
                            "card \"{}\" asks the question: each of its answers must clear the flag \"{}\"",
                            e.id,
                            at.get_ref()
                        ),
                    );
                }
            }
        }
    }

    /// Every side has a move that is always open, so it can always play.
    pub fn check_every_side_can_move(&mut self, f: &raw::File, moves: &[Move]) {
        if f.sides.len() != SIDES {
            return;
        }
        for s in 0..SIDES as u8 {
            if !moves
                .iter()
                .any(|m| m.side == SideId(s) && m.requires.is_empty())
            {
                self.err(
                    f.sides[s as usize].span(),
                    &format!("sides[{s}]"),
                    "this side needs at least one move with no requirements (e.g. hold course)",
                );
            }
        }
    }
}
