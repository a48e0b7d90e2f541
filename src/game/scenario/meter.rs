//! Meters: the quantities from 0 to 100 the game is played on, and how each side sees them.

use serde::Deserialize;

use super::{Cond, Ending, MeterId, SIDES};

/// How a meter is shown to the player (`display = "gauge"` in a scenario).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A gauge on the game screen.
    Gauge,
    /// Shown as a figure beside the ledger (e.g. Moscow's trust).
    Figure,
    /// Not shown during play; revealed on the end screen.
    Hidden,
    /// Shown only as an estimate: the value rounded to the nearest
    /// `Display::ESTIMATE_STEP`, marked as such ("≈50 (est.)"). The exact value stays
    /// hidden, as a hidden meter's does (no forecast, report or cost shows it).
    Estimate,
}

impl Display {
    /// The band an estimate rounds to.
    pub const ESTIMATE_STEP: i16 = 10;

    /// Whether the exact value is shown (a gauge or a figure).
    #[must_use]
    pub fn exact(self) -> bool {
        matches!(self, Display::Gauge | Display::Figure)
    }

    /// What an estimate shows of a value: the nearest multiple of
    /// `ESTIMATE_STEP` (halves round up), no noise, so a value always reads the same.
    #[must_use]
    pub fn estimate(value: i16) -> i16 {
        (value + Self::ESTIMATE_STEP / 2).div_euclid(Self::ESTIMATE_STEP) * Self::ESTIMATE_STEP
    }
}

/// A quantity from 0 to 100.
#[derive(Clone, Debug)]
pub struct Meter {
    pub id: String,
    pub name: String,
    /// Short name for narrow columns ("Rel").
    pub short: String,
    pub start: i16,
    /// How the default player's side sees it.
    pub display: Display,
    /// How each side sees it.
    pub display_for: [Display; SIDES],
    /// Ascending thresholds with a word for each band.
    pub labels: Vec<(i16, String)>,
    /// If this meter is the escalation ladder, its labels are rungs.
    pub ladder: bool,
    /// The rung from which the game warns that the top is near.
    pub warn_at: Option<i16>,
    /// Most this meter may rise in one month (so the top is never a surprise).
    pub max_rise: Option<i16>,
    /// The ladder's words for its top (`None` on every other meter).
    pub top: Option<LadderTop>,
    /// Whether a higher value is good for the player (for colours and arrows).
    pub higher_is_better: bool,
    pub describe: String,
}

impl Meter {
    /// The band word for a value.
    #[must_use]
    pub fn label(&self, value: i16) -> &str {
        self.labels
            .iter()
            .rev()
            .find(|(at, _)| value >= *at)
            .map_or("", |(_, l)| l.as_str())
    }

    /// The index of the band (rung) a value falls in.
    #[must_use]
    pub fn rung(&self, value: i16) -> usize {
        self.labels
            .iter()
            .filter(|(at, _)| value >= *at)
            .count()
            .saturating_sub(1)
    }
}

/// Where an ending set by one bound on a meter begins: at `at` or below (a
/// `max`), or at `at` or above (a `min`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    Max(i16),
    Min(i16),
}

/// The bound, when a condition is one `max` or `min` on meter `me` and nothing
/// else (no treaty, flag, month, trend or alternative).
fn one_bound(w: &Cond, me: MeterId) -> Option<Bound> {
    let nothing_else = w.treaty.is_empty()
        && w.flags.is_empty()
        && w.not_flags.is_empty()
        && w.from_turn.is_none()
        && w.until_turn.is_none()
        && !w.has_trend()
        && w.any.is_empty();
    match (nothing_else, w.max.as_slice(), w.min.as_slice()) {
        (true, [(m, at)], []) if *m == me => Some(Bound::Max(*at)),
        (true, [], [(m, at)]) if *m == me => Some(Bound::Min(*at)),
        _ => None,
    }
}

/// Shortest word of a label or title that counts when they are compared
/// ("Coalition fractured" and "Fractured" share one; "of", "at", "the" do not count).
const MIN_SHARED_WORD: usize = 4;

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_SHARED_WORD)
        .map(str::to_lowercase)
}

impl Meter {
    /// The label rule: a band whose word shares a word with the title of an
    /// ending set by one bound on this meter must not hold both the bound and
    /// the value just short of it (which does not end the game), or the label
    /// says the game is over when it is not. Returns that value and the band's
    /// word when the rule is broken.
    ///
    /// Only an ending whose whole condition is one `max` or `min` on meter `me` is
    /// looked at: one with more to it (a treaty, a second meter) is not a threshold.
    #[must_use]
    pub fn label_contradicts(&self, me: MeterId, ending: &Ending) -> Option<(i16, &str)> {
        self.contradicts(one_bound(&ending.when, me)?, &ending.title)
    }

    /// The label rule's second half: an ending that needs more than a bound on
    /// this meter (a treaty, a trend, another meter) is never named by one of
    /// its bands, which no value of the meter alone can make true. Returns the
    /// band's first value and word. (A play-test read "Relations 70 Détente" as
    /// a win before the deadline, though Détente also needs a signed treaty and
    /// a rising trend.)
    #[must_use]
    pub fn label_names_more_than_it_holds(
        &self,
        me: MeterId,
        ending: &Ending,
    ) -> Option<(i16, &str)> {
        let w = &ending.when;
        let involves = w.min.iter().chain(&w.max).any(|(m, _)| *m == me)
            || (w.rising.iter().chain(&w.falling).chain(&w.trend)).any(|(m, _)| *m == me);
        if !involves || one_bound(w, me).is_some() {
            return None;
        }
        let title: Vec<String> = words(&ending.title).collect();
        self.labels
            .iter()
            .find(|(_, word)| words(word).any(|x| title.contains(&x)))
            .map(|(at, word)| (*at, word.as_str()))
    }

    fn contradicts(&self, bound: Bound, title: &str) -> Option<(i16, &str)> {
        let (at, short_of) = match bound {
            Bound::Max(at) => (at, at + 1),
            Bound::Min(at) => (at, at - 1),
        };
        if !(0..=100).contains(&short_of) || self.labels.is_empty() {
            return None;
        }
        let at = at.clamp(0, 100);
        if self.rung(at) != self.rung(short_of) {
            return None;
        }
        let word = self.label(at);
        let ending: Vec<String> = words(title).collect();
        words(word)
            .any(|w| ending.contains(&w))
            .then_some((short_of, word))
    }
}

/// What the ladder's top means, in the scenario's words: the UI says them
/// when it warns and explains the ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LadderTop {
    /// The name of the crisis at the top: "nuclear crisis".
    pub crisis: String,
    /// The sentence that warns of it: "At 100 the game ends."
    pub warning: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_estimate_rounds_to_the_nearest_ten() {
        let cases = [
            (0, 0),
            (4, 0),
            (5, 10),
            (14, 10),
            (50, 50),
            (54, 50),
            (55, 60),
            (96, 100),
            (100, 100),
        ];
        for (v, e) in cases {
            assert_eq!(Display::estimate(v), e, "{v}");
        }
    }

    fn meter(labels: &[(i16, &str)]) -> Meter {
        Meter {
            id: "unity".into(),
            name: "Allied unity".into(),
            short: "Ally".into(),
            start: 50,
            display: Display::Gauge,
            display_for: [Display::Gauge; SIDES],
            labels: labels.iter().map(|(a, w)| (*a, (*w).to_string())).collect(),
            ladder: false,
            warn_at: None,
            max_rise: None,
            top: None,
            higher_is_better: true,
            describe: String::new(),
        }
    }

    /// Unity 14 read "Fractured" while only 0 fractures: the rule catches it,
    /// and a band of its own for the ending's values mends it.
    #[test]
    fn a_label_may_not_name_an_ending_the_game_has_not_reached() {
        let old = meter(&[(0, "Fractured"), (15, "Splintering"), (30, "Strained")]);
        let title = "Coalition fractured";
        assert_eq!(
            old.contradicts(Bound::Max(0), title),
            Some((1, "Fractured"))
        );
        let mended = meter(&[(0, "Fractured"), (1, "Breaking up"), (13, "Splintering")]);
        assert_eq!(mended.contradicts(Bound::Max(0), title), None);
        // Moscow counts a split at 12: 12 and 13 in different bands.
        assert_eq!(
            mended.contradicts(Bound::Max(12), "The coalition splits"),
            None
        );
        // A word the ending does not use is no contradiction ("On the brink" at 1..14).
        let brink = meter(&[(0, "On the brink"), (15, "Embattled")]);
        assert_eq!(brink.contradicts(Bound::Max(0), "Out of office"), None);
    }

    /// A `min` bound looks below it: a "Crisis" rung from 95 while the crisis comes at 100.
    #[test]
    fn a_min_bound_looks_at_the_value_below_it() {
        let ladder = meter(&[(0, "Protest"), (80, "Alerts"), (95, "Crisis")]);
        assert_eq!(
            ladder.contradicts(Bound::Min(100), "Nuclear crisis"),
            Some((99, "Crisis"))
        );
        let mended = meter(&[(0, "Protest"), (80, "Alerts"), (95, "Brink")]);
        assert_eq!(mended.contradicts(Bound::Min(100), "Nuclear crisis"), None);
        // A bound at the end of the range leaves nothing short of it.
        assert_eq!(ladder.contradicts(Bound::Max(100), "Crisis"), None);
    }

    #[test]
    fn only_gauges_and_figures_show_the_exact_value() {
        assert!(Display::Gauge.exact() && Display::Figure.exact());
        assert!(!Display::Hidden.exact() && !Display::Estimate.exact());
    }
}
