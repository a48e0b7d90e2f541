//! A side's hidden temperaments and the leanings (`pressures`) of its levels
//! and temperaments: every share in range, at most `MAX_TEMPERAMENTS`, ids unique.

use super::super::limits::{MAX_MULTIPLIER, MAX_PRIOR, MAX_SCORE_WEIGHT, MAX_TEMPERAMENTS};
use super::super::raw::{self, S};
use super::super::{Pressure, Temperament};
use super::cx::Cx;

impl Cx<'_> {
    pub fn temperaments(&mut self, table: &[S<raw::Temperament>], field: &str) -> Vec<Temperament> {
        let f = format!("{field}.temperaments");
        if let Some(first) = table.first() {
            self.limit(first.span(), &f, table.len(), MAX_TEMPERAMENTS);
        }
        let mut out: Vec<Temperament> = Vec::new();
        for (i, t) in table.iter().enumerate().take(MAX_TEMPERAMENTS) {
            let tf = format!("{f}[{i}]");
            let span = t.span();
            let t = self.one_temperament(t.get_ref(), &tf);
            if out.iter().any(|o| o.id == t.id) {
                self.err(
                    span,
                    &tf,
                    format!("temperament `{}` is defined twice", t.id),
                );
            }
            out.push(t);
        }
        out
    }

    fn one_temperament(&mut self, t: &raw::Temperament, f: &str) -> Temperament {
        let times = |cx: &mut Self, v: &Option<S<f64>>, name: &str| {
            v.as_ref().map_or(1.0, |v| {
                cx.float(v, &format!("{f}.{name}"), 0.0, MAX_MULTIPLIER)
            })
        };
        let forgiveness = times(self, &t.forgiveness, "forgiveness");
        let reciprocity = times(self, &t.reciprocity, "reciprocity");
        let misread = times(self, &t.misread, "misread");
        let weight = t.weight.as_ref().map_or(1, |w| {
            self.int::<u32>(w, &format!("{f}.weight"), 1, MAX_PRIOR)
        });
        let objective = self.meter_values(&t.objective, &format!("{f}.objective"), |cx, v, f| {
            Some(cx.float(v, f, -MAX_SCORE_WEIGHT, MAX_SCORE_WEIGHT))
        });
        Temperament {
            id: self.id(&t.id, &format!("{f}.id")),
            name: t.name.clone(),
            describe: t.describe.clone(),
            weight,
            forgiveness,
            reciprocity,
            misread,
            hostility: self.hostility(t.hostility.as_ref(), &format!("{f}.hostility")),
            pressures: self.pressures(&t.pressures, &format!("{f}.pressures")),
            objective,
        }
    }

    pub fn pressures(&mut self, table: &[S<raw::Pressure>], f: &str) -> Vec<Pressure> {
        table
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let p = p.get_ref();
                Pressure {
                    when: self.cond(Some(&p.when), &format!("{f}[{i}].when")),
                    hostility: self.hostility(Some(&p.hostility), &format!("{f}[{i}].hostility")),
                }
            })
            .collect()
    }

    /// A lean in −1 … +1 (absent: none).
    pub fn hostility(&mut self, v: Option<&S<f64>>, f: &str) -> f64 {
        v.map_or(0.0, |v| self.float(v, f, -1.0, 1.0))
    }
}
