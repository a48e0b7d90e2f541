//! Risks to the treaties: the drift rules that would change a treaty's status
//! at this month's end if nothing changed, and how far each meter is from the
//! threshold that sets them off. A pure query of the state: no I/O, no dice.

use super::rules::holds;
use super::scenario::{Cond, MeterId, Scenario, TreatyId, TreatyStatus};
use super::state::State;

/// One meter bound of a drift rule's condition, and where the meter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold {
    pub meter: MeterId,
    /// `true`: the bound holds while the meter is at most `limit`; `false`:
    /// while it is at least `limit`.
    pub at_most: bool,
    pub limit: i16,
    /// The meter's value now.
    pub value: i16,
}

impl Threshold {
    /// Whether the bound holds now.
    #[must_use]
    pub fn holds(&self) -> bool {
        if self.at_most {
            self.value <= self.limit
        } else {
            self.value >= self.limit
        }
    }

    /// How far the meter must move to cross the threshold: while it holds, the
    /// points it must gain (at most) or lose (at least) to stop it holding;
    /// else the points it may still move the other way before it holds.
    #[must_use]
    pub fn distance(&self) -> i16 {
        let gap = (self.limit - self.value).abs();
        if self.holds() { gap + 1 } else { gap }
    }
}

/// A drift rule that changes a treaty's status and holds now: it fires at
/// the month's end unless the month's moves change what it checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreatyRisk {
    /// The rule's index in `Scenario::drift`.
    pub rule: u8,
    pub treaty: TreatyId,
    /// The treaty's status now, and the one the rule would give it.
    pub from: TreatyStatus,
    pub to: TreatyStatus,
    /// The meter bounds that make the rule hold now: every bound of the rule
    /// itself, and every bound of each of its `any` branches that holds
    /// (lifting the risk means crossing one of the rule's own bounds, or one
    /// in each holding branch).
    pub thresholds: Vec<Threshold>,
}

/// Every treaty-changing drift rule that holds in `st`, in the scenario's order
/// (the order drift applies them).
#[must_use]
pub fn treaty_risks(sc: &Scenario, st: &State) -> Vec<TreatyRisk> {
    let mut out = Vec::new();
    for (i, d) in sc.drift.iter().enumerate() {
        if d.effects.treaties.is_empty() || !holds(&d.when, st) {
            continue;
        }
        for &(treaty, to) in &d.effects.treaties {
            let from = st.treaty(treaty);
            if from == to {
                continue;
            }
            out.push(TreatyRisk {
                rule: i as u8,
                treaty,
                from,
                to,
                thresholds: reasons(&d.when, st),
            });
        }
    }
    out
}

/// The meter bounds of `c` and of each of its `any` branches that holds.
fn reasons(c: &Cond, st: &State) -> Vec<Threshold> {
    let mut out = bounds(c, st);
    for branch in c.any.iter().filter(|a| holds(a, st)) {
        out.extend(reasons(branch, st));
    }
    out
}

fn bounds(c: &Cond, st: &State) -> Vec<Threshold> {
    let one = |at_most: bool| {
        move |&(meter, limit): &(MeterId, i16)| Threshold {
            meter,
            at_most,
            limit,
            value: st.meter(meter),
        }
    };
    c.max
        .iter()
        .map(one(true))
        .chain(c.min.iter().map(one(false)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::dice::outcome_rng;
    use crate::game::rules::{self, Choice};
    use crate::game::state::{Difficulty, Setup};

    const MINIMAL: &str = include_str!("../../tests/scenarios/good/minimal.toml");

    /// The minimal scenario with its pact at the framework stage and the
    /// treaty's walk-back rules of the default scenario, on calm and heat.
    const DRIFT: &str = r#"
[[drift]]
label = "The framework slips"
when = { treaty = { pact = "framework" }, max = { calm = 25 } }
effects = { treaty = { pact = "suspended" } }

[[drift]]
label = "The draft slips"
when = { treaty = { pact = "drafted" }, any = [{ max = { calm = 25 } }, { min = { heat = 80 } }] }
effects = { treaty = { pact = "framework" } }

[[drift]]
label = "Heat rises"
effects = { meters = { heat = 1 } }
"#;

    fn setup() -> (Scenario, State) {
        let text = format!(
            "{}{DRIFT}",
            MINIMAL.replacen("status = \"in_force\"", "status = \"framework\"", 1)
        );
        let sc = Scenario::from_toml("risk.toml", &text).unwrap_or_else(|e| panic!("{e}"));
        let setup = Setup {
            human: [true; 2],
            difficulty: Difficulty::Normal,
        };
        let st = rules::start(&sc, setup, &mut outcome_rng(7), &mut ());
        (sc, st)
    }

    fn set(sc: &Scenario, st: &mut State, m: &str, v: i16) {
        st.meters[sc.meter(m).unwrap().index()] = v;
    }

    #[test]
    fn a_framework_under_its_threshold_is_at_risk_and_says_how_far() {
        let (sc, mut st) = setup();
        assert!(treaty_risks(&sc, &st).is_empty(), "calm 50: safe");
        set(&sc, &mut st, "calm", 24);
        let risks = treaty_risks(&sc, &st);
        assert_eq!(risks.len(), 1, "{risks:?}");
        let r = &risks[0];
        let want = (0, TreatyStatus::Framework, TreatyStatus::Suspended);
        assert_eq!((r.rule, r.from, r.to), want);
        let t = r.thresholds[0];
        let calm = sc.meter("calm").unwrap();
        assert_eq!((t.meter, t.at_most, t.limit, t.value), (calm, true, 25, 24));
        assert!(t.holds());
        assert_eq!(t.distance(), 2, "calm must reach 26 to save the framework");
        // At the threshold itself the rule still holds.
        set(&sc, &mut st, "calm", 25);
        assert_eq!(treaty_risks(&sc, &st)[0].thresholds[0].distance(), 1);
        set(&sc, &mut st, "calm", 26);
        assert!(treaty_risks(&sc, &st).is_empty());
    }

    #[test]
    fn a_draft_names_only_the_branches_that_hold() {
        let (sc, mut st) = setup();
        let pact = TreatyId(0);
        st.treaties[pact.index()] = TreatyStatus::Drafted;
        set(&sc, &mut st, "calm", 40);
        set(&sc, &mut st, "heat", 50);
        assert!(treaty_risks(&sc, &st).is_empty(), "calm 40, heat 50: safe");
        set(&sc, &mut st, "heat", 85);
        let risks = treaty_risks(&sc, &st);
        assert_eq!(risks.len(), 1);
        assert_eq!(risks[0].to, TreatyStatus::Framework);
        let heat = risks[0].thresholds.as_slice();
        assert_eq!(heat.len(), 1, "only the heat branch holds: {heat:?}");
        assert_eq!(
            (heat[0].at_most, heat[0].limit, heat[0].value),
            (false, 80, 85)
        );
        assert_eq!(heat[0].distance(), 6);
        // Both branches hold: both are named.
        set(&sc, &mut st, "calm", 10);
        assert_eq!(treaty_risks(&sc, &st)[0].thresholds.len(), 2);
    }

    /// What the query names is what the month does: the risk it reports is
    /// the treaty's status after a month in which nothing changes it.
    #[test]
    fn a_named_risk_is_what_the_month_end_does() {
        let (sc, mut st) = setup();
        let pact = TreatyId(0);
        let hold = [
            sc.move_id("blue_hold").unwrap(),
            sc.move_id("red_hold").unwrap(),
        ];
        let month = |st: &mut State| {
            let choice = Choice::Orders { moves: hold };
            rules::play(&sc, st, choice, &mut outcome_rng(1), &mut ()).unwrap();
        };
        // No risk named: the framework holds through the month.
        month(&mut st);
        assert_eq!(st.treaty(pact), TreatyStatus::Framework);
        set(&sc, &mut st, "calm", 20);
        let risks = treaty_risks(&sc, &st);
        assert_eq!(risks.len(), 1);
        month(&mut st);
        assert_eq!(st.treaty(pact), risks[0].to);
        // The meter-only drift rule holds every month, but is never a risk.
        assert!(treaty_risks(&sc, &st).is_empty());
    }
}
