//! Drift (what changes every month while a condition holds) and the record
//! after the report (shown on the end screen, never played).

use super::super::raw;
use super::super::raw::S;
use super::super::{Drift, HistoryNote};
use super::cx::Cx;

impl Cx<'_> {
    pub fn drift(&mut self, table: &[S<raw::Drift>]) -> Vec<Drift> {
        table
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let d = d.get_ref();
                Drift {
                    label: d.label.clone(),
                    when: self.cond(d.when.as_ref(), &format!("drift[{i}].when")),
                    effects: self.effect(Some(&d.effects), &format!("drift[{i}].effects"), None),
                }
            })
            .collect()
    }

    pub fn history(table: &[S<raw::History>]) -> Vec<HistoryNote> {
        table
            .iter()
            .map(|h| HistoryNote {
                when: h.get_ref().when.clone(),
                what: h.get_ref().what.clone(),
            })
            .collect()
    }
}
