//! The scenario's effects laid flat for the rules' hot path: each effect a
//! small `Copy` record whose meter changes, treaty changes and memories are
//! ranges of three shared arrays, and whose flags are two masks. Built once
//! from the compiled `Effect` lists (`FlatEffects::build`); the rules apply
//! effects from here only, so nothing on a month's path reads a `Vec` or a
//! `String` of a move or a card.

use std::ops::Range;

use super::{Amount, Effect, EventId, MeterId, MoveId, Scenario, SideId, TreatyId, TreatyStatus};

/// A run of entries in one of `FlatEffects`' arrays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    fn of(range: Range<usize>) -> Span {
        // A 4 MiB scenario holds far fewer than 2³² entries of anything.
        let at = |i: usize| u32::try_from(i).expect("fewer than 2³² effect entries");
        Span {
            start: at(range.start),
            end: at(range.end),
        }
    }

    /// The span as a range of indices.
    #[inline]
    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    #[inline]
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A memory an effect leaves (`MemorySpec` without its label).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryChange {
    pub holder: SideId,
    pub amount: i16,
    pub fade: i16,
}

/// One effect, flat: what `apply` reads of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlatEffect {
    /// The flags it sets, then the flags it clears, as masks.
    pub set: u64,
    pub clear: u64,
    /// Its entries in `FlatEffects::meters`, `treaties` and `memory`.
    pub meters: Span,
    pub treaties: Span,
    pub memory: Span,
    /// Whether any of its meter changes is scaled by a meter (`Amount::per`).
    pub scaled: bool,
    /// Whether it is nothing but unscaled meter changes (most of drift's):
    /// applied without the rest's tests.
    pub plain: bool,
}

impl FlatEffect {
    /// Whether it does nothing (many of a move's parts do nothing).
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.meters.is_empty()
            && self.treaties.is_empty()
            && self.memory.is_empty()
            && self.set == 0
            && self.clear == 0
    }
}

/// Every effect of a scenario, flat, with where each owner's effects start.
#[derive(Clone, Debug, Default)]
pub struct FlatEffects {
    /// Moves' effects three by three (sure part, success, failure), then by
    /// event its own effect followed by its choices', then drift's by rule.
    pub effects: Vec<FlatEffect>,
    pub meters: Vec<(MeterId, Amount)>,
    pub treaties: Vec<(TreatyId, TreatyStatus)>,
    pub memory: Vec<MemoryChange>,
    /// By event: the index in `effects` of its own effect.
    event_at: Vec<u32>,
    /// The index in `effects` of drift's first rule.
    drift_at: usize,
}

impl FlatEffects {
    #[must_use]
    pub fn build(sc: &Scenario) -> FlatEffects {
        let mut fx = FlatEffects::default();
        for m in &sc.moves {
            for e in [&m.effects, &m.success, &m.failure] {
                fx.push(e);
            }
        }
        for e in &sc.events {
            fx.event_at.push(fx.effects.len() as u32);
            fx.push(&e.effects);
            for c in &e.choices {
                fx.push(&c.effects);
            }
        }
        fx.drift_at = fx.effects.len();
        for d in &sc.drift {
            fx.push(&d.effects);
        }
        fx
    }

    fn push(&mut self, e: &Effect) {
        let start = self.meters.len();
        self.meters.extend_from_slice(&e.meters);
        let meters = Span::of(start..self.meters.len());
        let start = self.treaties.len();
        self.treaties.extend_from_slice(&e.treaties);
        let treaties = Span::of(start..self.treaties.len());
        let start = self.memory.len();
        self.memory.extend(e.memory.iter().map(|m| MemoryChange {
            holder: m.holder,
            amount: m.amount,
            fade: m.fade,
        }));
        let memory = Span::of(start..self.memory.len());
        let mask = |flags: &[super::FlagId]| flags.iter().fold(0u64, |m, f| m | 1 << f.0);
        let scaled = e.meters.iter().any(|(_, a)| a.per.is_some());
        let (set, clear) = (mask(&e.set), mask(&e.clear));
        self.effects.push(FlatEffect {
            set,
            clear,
            meters,
            treaties,
            memory,
            scaled,
            plain: !scaled && treaties.is_empty() && memory.is_empty() && set == 0 && clear == 0,
        });
    }

    /// A move's sure part, its success and its failure (`Move::effects`,
    /// `success`, `failure`).
    #[inline]
    #[must_use]
    pub fn of_move(&self, mv: MoveId) -> &[FlatEffect; 3] {
        let at = 3 * mv.index();
        self.effects[at..at + 3]
            .try_into()
            .expect("three effects a move")
    }

    /// A card's own effect (`Event::effects`).
    #[inline]
    #[must_use]
    pub fn of_event(&self, id: EventId) -> &FlatEffect {
        &self.effects[self.event_at[id.index()] as usize]
    }

    /// The effect of a card's answer `choice` (`EventChoice::effects`).
    #[inline]
    #[must_use]
    pub fn of_choice(&self, id: EventId, choice: u8) -> &FlatEffect {
        &self.effects[self.event_at[id.index()] as usize + 1 + usize::from(choice)]
    }

    /// The effect of drift rule `i` (`Drift::effects`).
    #[inline]
    #[must_use]
    pub fn of_drift(&self, i: usize) -> &FlatEffect {
        &self.effects[self.drift_at + i]
    }

    /// An effect's meter changes.
    #[inline]
    #[must_use]
    pub fn meters(&self, e: &FlatEffect) -> &[(MeterId, Amount)] {
        &self.meters[e.meters.range()]
    }

    /// An effect's treaty changes.
    #[inline]
    #[must_use]
    pub fn treaties(&self, e: &FlatEffect) -> &[(TreatyId, TreatyStatus)] {
        &self.treaties[e.treaties.range()]
    }

    /// An effect's memories.
    #[inline]
    #[must_use]
    pub fn memory(&self, e: &FlatEffect) -> &[MemoryChange] {
        &self.memory[e.memory.range()]
    }
}
