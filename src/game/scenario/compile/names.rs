//! The names every table refers to (sides, meters, treaties, flags, moves),
//! each checked once and turned into an index; and the tables' sizes.

use std::collections::BTreeMap;

use super::super::limits::{
    MAX_ENDINGS, MAX_EVENTS, MAX_FLAGS, MAX_METERS, MAX_MOVES, MAX_TREATIES,
};
use super::super::raw::{self, S};
use super::super::{FlagId, MeterId, MoveId, SIDES, SideId, TreatyId};
use super::cx::Cx;

/// Each kind of name to its index, in a `BTreeMap` so "known: …" lists are sorted.
#[derive(Default)]
pub(super) struct Names {
    sides: BTreeMap<String, u8>,
    meters: BTreeMap<String, u8>,
    treaties: BTreeMap<String, u8>,
    flags: BTreeMap<String, u8>,
    moves: BTreeMap<String, u8>,
}

impl Names {
    /// The index of a side, if there is one of that name.
    pub fn side(&self, id: &str) -> Option<u8> {
        self.sides.get(id).copied()
    }
}

impl Cx<'_> {
    /// Check and index every id. Events and endings are checked for valid,
    /// unique ids too, though nothing refers to them by name.
    pub fn collect_names(&mut self, f: &raw::File) {
        fn ids<'a, T>(
            table: &'a [S<T>],
            name: &'a str,
            id: impl Fn(&T) -> &S<String> + 'a,
        ) -> impl Iterator<Item = (&'a S<String>, String)> + 'a {
            table
                .iter()
                .enumerate()
                .map(move |(i, s)| (id(s.get_ref()), format!("{name}[{i}].id")))
        }
        self.names.sides = self.unique("side", ids(&f.sides, "sides", |s| &s.id));
        self.names.meters = self.unique("meter", ids(&f.meters, "meters", |m| &m.id));
        self.names.treaties = self.unique("treaty", ids(&f.treaties, "treaties", |t| &t.id));
        let flags = f.flags.iter().enumerate();
        self.names.flags = self.unique("flag", flags.map(|(i, s)| (s, format!("flags[{i}]"))));
        self.names.moves = self.unique("move", ids(&f.moves, "moves", |m| &m.id));
        self.unique("event", ids(&f.events, "events", |e| &e.id));
        self.unique("ending", ids(&f.endings, "endings", |e| &e.id));
    }

    /// Every table within its limit, and exactly two sides.
    pub fn check_sizes(&mut self, f: &raw::File) {
        fn at<T>(table: &[S<T>]) -> std::ops::Range<usize> {
            table.first().map_or(0..0, S::span)
        }
        if f.sides.len() != SIDES {
            self.err(
                at(&f.sides),
                "sides",
                format!(
                    "a scenario has exactly {SIDES} sides, found {}",
                    f.sides.len()
                ),
            );
        }
        self.limit(at(&f.meters), "meters", f.meters.len(), MAX_METERS);
        self.limit(at(&f.treaties), "treaties", f.treaties.len(), MAX_TREATIES);
        self.limit(at(&f.flags), "flags", f.flags.len(), MAX_FLAGS);
        self.limit(at(&f.moves), "moves", f.moves.len(), MAX_MOVES);
        self.limit(at(&f.events), "events", f.events.len(), MAX_EVENTS);
        self.limit(at(&f.endings), "endings", f.endings.len(), MAX_ENDINGS);
    }

    fn unique<'s>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = (&'s S<String>, String)>,
    ) -> BTreeMap<String, u8> {
        let mut map = BTreeMap::new();
        for (i, (id, field)) in ids.enumerate() {
            let name = self.id(id, &field);
            if map.insert(name.clone(), i.min(255) as u8).is_some() {
                self.err(
                    id.span(),
                    &field,
                    format!("{what} `{name}` is defined twice"),
                );
            }
        }
        map
    }

    fn lookup(
        &mut self,
        kind: &str,
        map: fn(&Names) -> &BTreeMap<String, u8>,
        name: &S<String>,
        field: &str,
    ) -> Option<u8> {
        if let Some(&i) = map(&self.names).get(name.get_ref()) {
            return Some(i);
        }
        let known: Vec<&str> = map(&self.names).keys().map(String::as_str).collect();
        let message = format!(
            "no {kind} called `{}` (known: {})",
            name.get_ref(),
            known.join(", ")
        );
        self.err(name.span(), field, message);
        None
    }

    pub fn meter(&mut self, name: &S<String>, field: &str) -> Option<MeterId> {
        self.lookup("meter", |n| &n.meters, name, field)
            .map(MeterId)
    }

    pub fn side(&mut self, name: &S<String>, field: &str) -> Option<SideId> {
        self.lookup("side", |n| &n.sides, name, field).map(SideId)
    }

    pub fn treaty(&mut self, name: &S<String>, field: &str) -> Option<TreatyId> {
        self.lookup("treaty", |n| &n.treaties, name, field)
            .map(TreatyId)
    }

    pub fn flag(&mut self, name: &S<String>, field: &str) -> Option<FlagId> {
        self.lookup("flag", |n| &n.flags, name, field).map(FlagId)
    }

    pub fn move_ref(&mut self, name: &S<String>, field: &str) -> Option<MoveId> {
        self.lookup("move", |n| &n.moves, name, field).map(MoveId)
    }
}
