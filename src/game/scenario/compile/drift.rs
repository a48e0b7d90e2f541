//! Drift: what changes every month while a condition holds.

use super::super::Drift;
use super::super::raw;
use super::super::raw::S;
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
}
