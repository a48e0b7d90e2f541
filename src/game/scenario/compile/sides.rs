//! The two sides: names, memory meter, the opponent model's parameters per
//! difficulty, score and objective.

use super::super::limits::{MAX_FUTURES, MAX_MISREAD_SCALE, MAX_SCORE_WEIGHT};
use super::super::raw::{self, S};
use super::super::{AiParams, SIDES, Side};
use super::cx::Cx;

/// The opponent model of a side whose scenario sets no `ai` table; the
/// defaults of the parameters a level leaves out (the model as first tuned).
pub(super) const DEFAULT_AI: AiParams = AiParams {
    forgiveness: 0.3,
    reciprocity: 0.6,
    misread: 0.05,
    whim: 0.0,
    lookahead: false,
    futures: 16,
    misread_scale: 1.5,
    neutral_friendly: 0.1,
    neutral_friendly_per_trust: 0.4,
    neutral_hostile_from: 0.55,
    neutral_hostile_per_trust: 0.4,
    hostility: 0.0,
    accept: 0.0,
};

/// A side for a slot the file leaves empty (it is reported; the scenario is not used).
fn placeholder_side() -> Side {
    Side {
        id: String::new(),
        name: String::new(),
        memory_meter: None,
        ai: [DEFAULT_AI; 3],
        score: Vec::new(),
        score_per_turn: 0.0,
        score_per_peak_rung: 0.0,
        objective: Vec::new(),
        pressures: Default::default(),
        temperaments: Vec::new(),
    }
}

impl Cx<'_> {
    pub fn sides(&mut self, table: &[S<raw::Side>]) -> [Side; SIDES] {
        let mut sides = [placeholder_side(), placeholder_side()];
        for (i, s) in table.iter().enumerate().take(SIDES) {
            sides[i] = self.one_side(s.get_ref(), &format!("sides[{i}]"));
        }
        sides
    }

    fn one_side(&mut self, s: &raw::Side, field: &str) -> Side {
        let memory_meter = s
            .memory_meter
            .as_ref()
            .and_then(|m| self.meter(m, &format!("{field}.memory_meter")));
        let (ai, pressures) = match &s.ai {
            None => ([DEFAULT_AI; 3], Default::default()),
            Some(ai) => {
                let ai = ai.get_ref();
                let levels = [
                    ("easy", &ai.easy),
                    ("normal", &ai.normal),
                    ("hard", &ai.hard),
                ];
                (
                    levels.map(|(n, l)| self.ai_level(l, &format!("{field}.ai.{n}"))),
                    levels.map(|(n, l)| {
                        self.pressures(&l.get_ref().pressures, &format!("{field}.ai.{n}.pressures"))
                    }),
                )
            }
        };
        let temperaments = self.temperaments(&s.temperaments, field);
        let weight = |cx: &mut Self, v: &S<f64>, f: &str| {
            Some(cx.float(v, f, -MAX_SCORE_WEIGHT, MAX_SCORE_WEIGHT))
        };
        let (score, score_per_turn, score_per_peak_rung) = match &s.score {
            None => (Vec::new(), 0.0, 0.0),
            Some(sc) => {
                let sc = sc.get_ref();
                (
                    self.meter_values(&sc.meters, &format!("{field}.score.meters"), weight),
                    sc.per_turn,
                    sc.per_peak_rung,
                )
            }
        };
        let objective = self.meter_values(&s.objective, &format!("{field}.objective"), weight);
        Side {
            id: s.id.get_ref().clone(),
            name: s.name.clone(),
            memory_meter,
            ai,
            score,
            score_per_turn,
            score_per_peak_rung,
            objective,
            pressures,
            temperaments,
        }
    }

    /// The opponent model at one difficulty; every chance in 0..=1, and a
    /// parameter left out keeps its default.
    fn ai_level(&mut self, l: &S<raw::AiLevel>, f: &str) -> AiParams {
        let l = l.get_ref();
        let d = DEFAULT_AI;
        let forgiveness = self.float(&l.forgiveness, &format!("{f}.forgiveness"), 0.0, 1.0);
        let reciprocity = self.float(&l.reciprocity, &format!("{f}.reciprocity"), 0.0, 1.0);
        let misread = self.float(&l.misread, &format!("{f}.misread"), 0.0, 1.0);
        let futures = l.futures.as_ref().map_or(d.futures, |v| {
            self.int(v, &format!("{f}.futures"), 1, MAX_FUTURES)
        });
        let mut chance = |v: &Option<S<f64>>, name: &str, default: f64| {
            v.as_ref()
                .map_or(default, |v| self.float(v, &format!("{f}.{name}"), 0.0, 1.0))
        };
        AiParams {
            forgiveness,
            reciprocity,
            misread,
            whim: chance(&l.whim, "whim", d.whim),
            lookahead: l.lookahead,
            futures,
            neutral_friendly: chance(&l.neutral_friendly, "neutral_friendly", d.neutral_friendly),
            neutral_friendly_per_trust: chance(
                &l.neutral_friendly_per_trust,
                "neutral_friendly_per_trust",
                d.neutral_friendly_per_trust,
            ),
            neutral_hostile_from: chance(
                &l.neutral_hostile_from,
                "neutral_hostile_from",
                d.neutral_hostile_from,
            ),
            neutral_hostile_per_trust: chance(
                &l.neutral_hostile_per_trust,
                "neutral_hostile_per_trust",
                d.neutral_hostile_per_trust,
            ),
            hostility: self.hostility(l.hostility.as_ref(), &format!("{f}.hostility")),
            accept: l
                .accept
                .as_ref()
                .map_or(0.0, |v| self.float(v, &format!("{f}.accept"), -0.5, 0.5)),
            misread_scale: l.misread_scale.as_ref().map_or(d.misread_scale, |v| {
                self.float(v, &format!("{f}.misread_scale"), 1.0, MAX_MISREAD_SCALE)
            }),
        }
    }
}
