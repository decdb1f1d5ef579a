//! A district at a glance, counted as the rows go by (in flat memory, whatever the number of
//! rows): how the totals spread, how many spaces have each grade, each group's average and
//! range, and the items most spaces lose points on. The `.xlsx` results carry it as a
//! summary sheet, and the district page draws it as charts.

use rust_decimal::Decimal;
use spacescore_core::{Lang, Report};

use crate::Layout;

/// How many equal bands the totals are counted in, from 0 to the most a space can score.
pub const BANDS: usize = 10;

/// One group's subtotals over the district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTally {
    /// The group's id.
    pub id: String,
    /// Its name, in Chinese.
    pub name: String,
    /// Its weight.
    pub max: Decimal,
    /// The subtotals added up.
    pub sum: Decimal,
    /// The lowest subtotal.
    pub min: Decimal,
    /// The highest subtotal.
    pub high: Decimal,
}

/// One item's points lost over the district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemTally {
    /// The item's id.
    pub id: String,
    /// Its header in the results (its Chinese name, or its id).
    pub name: String,
    /// Its maximum.
    pub max: Decimal,
    /// The points short of the maximum, added up over the spaces scored.
    pub lost: Decimal,
    /// How many spaces score below the maximum.
    pub losing: u64,
}

/// The district's figures, counted from every scored space's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Spaces scored.
    pub scored: u64,
    /// The most a space can score (base and bonus).
    pub top: Decimal,
    /// The totals added up.
    pub sum: Decimal,
    /// The lowest total, once a space is scored.
    pub low: Option<Decimal>,
    /// The highest total.
    pub high: Option<Decimal>,
    /// How many totals fall in each of the [`BANDS`] bands (the last holds the top too).
    pub bands: [u64; BANDS],
    /// Spaces per grade, (Chinese, English, count), in the order first met; spaces with no
    /// grade are not counted here.
    pub grades: Vec<(String, String, u64)>,
    /// Spaces vetoed.
    pub vetoed: u64,
    /// Every group, in rubric order.
    pub groups: Vec<GroupTally>,
    /// Every item, in rubric order.
    pub items: Vec<ItemTally>,
}

impl Tally {
    /// Counts one space's report; `layout` names the items.
    pub fn add(&mut self, report: &Report, layout: &Layout) {
        let Some(total) = report.total else {
            return;
        };
        if self.scored == 0 {
            self.top = report.base_max + report.bonus_max;
            self.groups = report
                .groups
                .iter()
                .map(|g| GroupTally {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    max: g.max,
                    sum: Decimal::ZERO,
                    min: g.score,
                    high: g.score,
                })
                .collect();
            self.items = report
                .items
                .iter()
                .zip(&layout.items_zh)
                .map(|(i, name)| ItemTally {
                    id: i.id.clone(),
                    name: name.clone(),
                    max: i.max,
                    lost: Decimal::ZERO,
                    losing: 0,
                })
                .collect();
        }
        self.scored += 1;
        self.sum += total;
        self.low = Some(self.low.map_or(total, |l| l.min(total)));
        self.high = Some(self.high.map_or(total, |h| h.max(total)));
        let band = self.band(total);
        if let Some(slot) = self.bands.get_mut(band) {
            *slot += 1;
        }
        if let Some(zh) = &report.grade {
            let en = report.grade_en.clone().unwrap_or_else(|| zh.clone());
            match self.grades.iter_mut().find(|(z, _, _)| z == zh) {
                Some((_, _, n)) => *n += 1,
                None => self.grades.push((zh.clone(), en, 1)),
            }
        }
        if report.vetoed {
            self.vetoed += 1;
        }
        for (t, g) in self.groups.iter_mut().zip(&report.groups) {
            t.sum += g.score;
            t.min = t.min.min(g.score);
            t.high = t.high.max(g.score);
        }
        for (t, i) in self.items.iter_mut().zip(&report.items) {
            let score = i.score.unwrap_or(Decimal::ZERO);
            if score < i.max {
                t.lost += i.max - score;
                t.losing += 1;
            }
        }
    }

    /// The band a total falls in: [`BANDS`] equal bands from 0 to [`Tally::top`], a total
    /// on a boundary in the higher band, the top (and anything above) in the last.
    pub fn band(&self, total: Decimal) -> usize {
        if self.top <= Decimal::ZERO || total <= Decimal::ZERO {
            return 0;
        }
        use rust_decimal::prelude::ToPrimitive;
        let at = total * Decimal::from(BANDS as u64) / self.top;
        at.floor().to_usize().unwrap_or(BANDS).min(BANDS - 1)
    }

    /// Band `i`'s lower and upper bounds.
    pub fn band_bounds(&self, i: usize) -> (Decimal, Decimal) {
        let step = self.top / Decimal::from(BANDS as u64);
        let n = Decimal::from(i as u64);
        (step * n, step * (n + Decimal::ONE))
    }

    /// The average total, rounded half away from zero to two places.
    pub fn mean(&self) -> Option<Decimal> {
        (self.scored > 0).then(|| round(self.sum / Decimal::from(self.scored)))
    }

    /// A group's average subtotal.
    pub fn group_mean(&self, g: &GroupTally) -> Option<Decimal> {
        (self.scored > 0).then(|| round(g.sum / Decimal::from(self.scored)))
    }

    /// The average points an item loses per space scored.
    pub fn item_mean_lost(&self, i: &ItemTally) -> Option<Decimal> {
        (self.scored > 0).then(|| round(i.lost / Decimal::from(self.scored)))
    }

    /// The items that lose the most points over the district, most first, at most `n`, only
    /// those that lose any (ties in rubric order).
    pub fn most_lost(&self, n: usize) -> Vec<&ItemTally> {
        let mut items: Vec<&ItemTally> = self
            .items
            .iter()
            .filter(|i| i.lost > Decimal::ZERO)
            .collect();
        items.sort_by_key(|i| std::cmp::Reverse(i.lost));
        items.truncate(n);
        items
    }

    /// A grade's name in `lang`.
    pub fn grade_name(grade: &(String, String, u64), lang: Lang) -> &str {
        match lang {
            Lang::Zh => &grade.0,
            Lang::En => &grade.1,
        }
    }
}

/// `d` rounded half away from zero to two places (a figure shown, not a score).
fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}
