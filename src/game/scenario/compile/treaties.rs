//! The treaty table.

use super::super::raw;
use super::super::raw::S;
use super::super::{Treaty, TreatyStatus};
use super::cx::Cx;

impl Cx<'_> {
    pub fn treaties(&mut self, table: &[S<raw::Treaty>]) -> Vec<Treaty> {
        let mut treaties = Vec::new();
        for (i, t) in table.iter().enumerate() {
            let t = t.get_ref();
            let status = self
                .status(&t.status, &format!("treaties[{i}].status"))
                .unwrap_or(TreatyStatus::InForce);
            treaties.push(Treaty {
                id: t.id.get_ref().clone(),
                name: t.name.clone(),
                status,
                note: t.note.clone(),
            });
        }
        treaties
    }

    /// A treaty status as written (in the table, an effect or a condition).
    pub fn status(&mut self, w: &S<raw::Word<TreatyStatus>>, field: &str) -> Option<TreatyStatus> {
        self.word(w.get_ref(), w.span(), field, "a treaty status")
    }
}
