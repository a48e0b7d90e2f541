//! Event cards: when they come up (scripted, triggered, drawn), whom they
//! concern, and the answers on a choice card.

use std::ops::Range;

use super::super::limits::{MAX_CHOICES, MAX_COOLDOWN, MAX_WEIGHT, MIN_CHOICES};
use super::super::raw::{self, S};
use super::super::{Event, EventChoice, SideId, Trigger};
use super::cx::Cx;

impl Cx<'_> {
    pub fn events(&mut self, table: &[S<raw::Event>]) -> Vec<Event> {
        table
            .iter()
            .enumerate()
            .map(|(i, e)| self.event(e.get_ref(), e.span(), &format!("events[{i}]")))
            .collect()
    }

    fn event(&mut self, e: &raw::Event, espan: Range<usize>, field: &str) -> Event {
        let trigger = self.trigger(e, espan.clone(), field);
        let concerns = match &e.concerns {
            Some(s) => self
                .side(s, &format!("{field}.concerns"))
                .unwrap_or(self.default_player),
            None => self.default_player,
        };
        let choices = self.choices(&e.choices, field, concerns);
        if e.choices.len() == 1 || e.choices.len() > MAX_CHOICES {
            self.err(
                espan.clone(),
                &format!("{field}.choices"),
                format!("a choice card has {MIN_CHOICES} to {MAX_CHOICES} choices"),
            );
        }
        let when = self.cond(e.when.as_ref(), &format!("{field}.when"));
        let cooldown = e
            .cooldown
            .as_ref()
            .map(|c| self.int(c, &format!("{field}.cooldown"), 1, MAX_COOLDOWN));
        if matches!(trigger, Trigger::When) && when.is_empty() && cooldown.is_some() {
            self.err(
                espan.clone(),
                &format!("{field}.when"),
                "a repeating event needs a condition, or it fires every month",
            );
        }
        let players_only = e.players_only.as_ref().is_some_and(|p| *p.get_ref());
        if let Some(p) = e
            .players_only
            .as_ref()
            .filter(|_| players_only && e.choices.is_empty())
        {
            self.err(
                p.span(),
                &format!("{field}.players_only"),
                "only a choice card can be kept for players (it has no choices)",
            );
        }
        if e.source.trim().is_empty() && !e.fiction {
            self.err(
                espan,
                &format!("{field}.source"),
                "a card is the public record with its `source`, or a game event marked `fiction = true`",
            );
        }
        Event {
            id: e.id.get_ref().clone(),
            title: e.title.clone(),
            trigger,
            when,
            cooldown,
            concerns,
            players_only,
            text: e.text.clone(),
            source: e.source.clone(),
            fiction: e.fiction,
            effects: self.effect(e.effects.as_ref(), &format!("{field}.effects"), None),
            choices,
        }
    }

    /// Scripted for a month (`at`), in the deck with a weight (`deck`), or
    /// whenever its condition holds (`when` alone).
    fn trigger(&mut self, e: &raw::Event, espan: Range<usize>, field: &str) -> Trigger {
        match (&e.at, &e.deck) {
            (Some(at), None) => Trigger::At(self.turn(at, &format!("{field}.at")).unwrap_or(0)),
            (None, Some(w)) => Trigger::Deck {
                weight: self.float(w, &format!("{field}.deck"), 0.0, MAX_WEIGHT),
            },
            (None, None) => {
                if e.when.is_none() {
                    self.err(
                        espan,
                        field,
                        "an event needs `at` (a month), `deck` (a weight) or `when` (a condition)",
                    );
                }
                Trigger::When
            }
            (Some(at), Some(_)) => {
                self.err(
                    at.span(),
                    &format!("{field}.at"),
                    "an event is either scripted (`at`) or in the deck (`deck`), not both",
                );
                Trigger::When
            }
        }
    }

    /// The answers on a choice card; `concerns` is the side that answers.
    fn choices(
        &mut self,
        table: &[S<raw::Choice>],
        field: &str,
        concerns: SideId,
    ) -> Vec<EventChoice> {
        table
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let c = c.get_ref();
                EventChoice {
                    label: c.label.clone(),
                    hint: c.hint.clone(),
                    text: c.text.clone(),
                    effects: self.effect(
                        c.effects.as_ref(),
                        &format!("{field}.choices[{j}].effects"),
                        Some(concerns),
                    ),
                }
            })
            .collect()
    }
}
