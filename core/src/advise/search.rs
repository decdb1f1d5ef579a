//! How the smallest change is found: for one item and one of its inputs, the nearest value
//! (at the field's precision) that raises the item's score, the other inputs held.
//!
//! An item's score, as one input moves, changes only where one of its terms changes: at a
//! band edge, the next whole step, a threshold, a comparison's value, a rounding edge of a
//! proportional rule, or at every unit for counts that are weighted or deducted. Each of
//! those edges is a value of the term's quantity; the quantity, as a function of the one
//! input, is `k·(a·x + b)/(c·x + d) + o` (a field, a sum, a ratio, a growth rate, a
//! difference), so the edge maps back to a value of the input exactly, up to the field's
//! precision. From the current value, the search goes to the nearest such value in one
//! direction, scores the item there with the engine, and stops at the first that raises
//! it; every value between was an unchanged score. It takes at most [`MAX_STEPS`] steps.

use rust_decimal::{Decimal, RoundingStrategy};

use super::Change;
use crate::input::{Reading, Value, MAX_FRACTION_DIGITS, MAX_MAGNITUDE};
use crate::kinds::{Edge, Edges, Figures, Motion};
use crate::rubric::{Field, FieldKind, Item, Quantity, Term};
use crate::score::measure::{Env, Slot};
use crate::score::{evaluate, item_points, Part};

/// What a change must do to be advice: raise the item above `base`, and pass `accept` (the
/// advisor's test that the total rises too: a change the item gains by but another item
/// loses as much by is no advice, and the search goes on past it).
pub(super) struct Goal<'a, 'r> {
    pub(super) base: Decimal,
    pub(super) accept: &'a dyn Fn(&Env<'r>, &str) -> bool,
}

impl<'r> Goal<'_, 'r> {
    /// Whether the inputs in `env`, the field `id` changed, meet the goal.
    fn met(&self, env: &Env<'r>, item: &Item, id: &str) -> bool {
        item_points(env, item).is_some_and(|p| p > self.base) && (self.accept)(env, id)
    }
}

/// The most edges one search visits before it gives up on a direction (a change of one
/// input that some term would reward, but that another term of the item takes back).
const MAX_STEPS: usize = 64;

/// How many units of precision a computed edge is checked on either side (a ratio's edge
/// is a division, exact to 28 digits, then rounded to the field's precision).
const SETTLE: usize = 3;

/// A change to one input that raises an item.
#[derive(Debug, Clone)]
pub(super) struct Found<'r> {
    /// The input.
    pub(super) field: &'r Field,
    /// What kind of change.
    pub(super) change: Change,
    /// What to enter.
    pub(super) value: Value,
    /// The same as value text.
    pub(super) to: String,
    /// A checklist's options that `value` ticks.
    pub(super) add: Vec<String>,
    /// A checklist's unticked options, any of which counts the same.
    pub(super) any_of: Vec<String>,
}

/// Which way an input moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    Up,
    Down,
}

impl Dir {
    fn sign(self) -> Decimal {
        match self {
            Dir::Up => Decimal::ONE,
            Dir::Down => Decimal::NEGATIVE_ONE,
        }
    }
}

/// The decimal places a field's value is entered to: counts are whole, other numbers take
/// at most [`MAX_FRACTION_DIGITS`] places.
pub(super) fn places(field: &Field) -> u32 {
    match field.kind() {
        FieldKind::Count | FieldKind::Checklist(_) => 0,
        _ => MAX_FRACTION_DIGITS as u32,
    }
}

/// One unit of the field's precision.
pub(super) fn unit(field: &Field) -> Decimal {
    Decimal::new(1, places(field))
}

/// The values the field accepts.
fn bounds(field: &Field) -> (Decimal, Decimal) {
    let most = Decimal::from(MAX_MAGNITUDE);
    let lo = match field.kind() {
        FieldKind::SignedAmount => -most,
        _ => Decimal::ZERO,
    };
    let mut hi = match field.kind() {
        FieldKind::Percent => Decimal::ONE_HUNDRED,
        FieldKind::Checklist(options) => Decimal::from(options.len()),
        _ => most,
    };
    if let Some(m) = field.max() {
        hi = hi.min(m);
    }
    (lo, hi)
}

/// `x` on the field's grid, rounded towards `dir` (up for a raise, down for a cut): the
/// value that certainly reaches an edge.
fn grid(x: Decimal, places: u32, dir: Dir) -> Decimal {
    let strategy = match dir {
        Dir::Up => RoundingStrategy::ToPositiveInfinity,
        Dir::Down => RoundingStrategy::ToNegativeInfinity,
    };
    x.round_dp_with_strategy(places, strategy)
}

/// Whether `g` lies strictly past `x` in direction `dir`.
fn beyond(g: Decimal, x: Decimal, dir: Dir) -> bool {
    match dir {
        Dir::Up => g > x,
        Dir::Down => g < x,
    }
}

/// The field's reading at the value `x`: the number, or for a checklist `x` choices (the
/// ticked ones first, then unticked ones in the field's order).
fn reading_at(field: &Field, now: &Slot, x: Decimal) -> Option<Reading> {
    match field.kind() {
        FieldKind::Checklist(options) => {
            let n = usize::try_from(x).ok()?;
            let ticked: Vec<String> = match now {
                Slot::Value(Reading::Choices(c)) => c.clone(),
                _ => Vec::new(),
            };
            let keep: Vec<&str> = if n <= ticked.len() {
                ticked.iter().take(n).map(String::as_str).collect()
            } else {
                let extra = options
                    .iter()
                    .map(|o| o.id())
                    .filter(|o| !ticked.iter().any(|t| t == o))
                    .take(n - ticked.len());
                ticked.iter().map(String::as_str).chain(extra).collect()
            };
            if keep.len() != n {
                return None;
            }
            let ids = options
                .iter()
                .map(|o| o.id())
                .filter(|o| keep.contains(o))
                .map(str::to_string)
                .collect();
            Some(Reading::Choices(ids))
        }
        _ => Some(Reading::Number(x)),
    }
}

/// Runs `f` with the field `id` read as `slot`, then puts the old reading back.
fn with<'r, T>(env: &mut Env<'r>, id: &'r str, slot: Slot, f: impl FnOnce(&Env<'r>) -> T) -> T {
    let before = env.replace(id, slot);
    let out = f(env);
    env.replace(id, before);
    out
}

/// A quantity as a function of one field's value `x`, the other fields held:
/// `k·(a·x + b)/(c·x + d) + o`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    k: Decimal,
    a: Decimal,
    b: Decimal,
    c: Decimal,
    d: Decimal,
    o: Decimal,
}

impl Line {
    /// The quantity `q` as a function of the field `id`; none when another field it reads
    /// cannot be read.
    pub(crate) fn of(env: &Env<'_>, q: &Quantity, id: &str) -> Option<Line> {
        let zero = Decimal::ZERO;
        let one = Decimal::ONE;
        let hundred = Decimal::ONE_HUNDRED;
        let split = |ids: &[String]| split(env, ids, id);
        let single = std::slice::from_ref;
        let line = |k, (a, b), (c, d), o| Line { k, a, b, c, d, o };
        Some(match q {
            Quantity::Field(f) => line(one, split(single(f))?, (zero, one), zero),
            Quantity::Sum(fs) => line(one, split(fs)?, (zero, one), zero),
            Quantity::Percent {
                numerator,
                denominator,
            } => line(hundred, split(numerator)?, split(denominator)?, zero),
            Quantity::Ratio {
                numerator,
                denominator,
            } => line(one, split(numerator)?, split(denominator)?, zero),
            Quantity::Growth { current, previous } => line(
                hundred,
                split(single(current))?,
                split(single(previous))?,
                -hundred,
            ),
            Quantity::Difference { plus, minus } => {
                let (pa, pb) = split(plus)?;
                let (ma, mb) = split(minus)?;
                line(
                    one,
                    (pa.checked_sub(ma)?, pb.checked_sub(mb)?),
                    (zero, one),
                    zero,
                )
            }
        })
    }

    /// Whether the quantity depends on the field at all.
    pub(crate) fn involves(&self) -> bool {
        !self.a.is_zero() || !self.c.is_zero()
    }

    /// Whether the quantity rises (1), falls (−1) or stays (0) as the field rises.
    pub(crate) fn slope(&self) -> i32 {
        let ad = self.a.checked_mul(self.d);
        let bc = self.b.checked_mul(self.c);
        let s = ad
            .zip(bc)
            .and_then(|(ad, bc)| ad.checked_sub(bc))
            .and_then(|x| x.checked_mul(self.k))
            .unwrap_or(Decimal::ZERO);
        if s.is_zero() {
            0
        } else if s.is_sign_positive() {
            1
        } else {
            -1
        }
    }

    /// The field's value where the quantity equals `t`, if there is one.
    fn solve(&self, t: Decimal) -> Option<Decimal> {
        let t = t.checked_sub(self.o)?;
        let top = t
            .checked_mul(self.d)?
            .checked_sub(self.k.checked_mul(self.b)?)?;
        let bottom = self
            .k
            .checked_mul(self.a)?
            .checked_sub(t.checked_mul(self.c)?)?;
        top.checked_div(bottom)
    }

    /// The field's value where the quantity cannot be computed (nothing to divide by).
    fn pole(&self) -> Option<Decimal> {
        (-self.d).checked_div(self.c)
    }
}

/// How often the field `id` appears in `ids`, and the sum of the other fields.
fn split(env: &Env<'_>, ids: &[String], id: &str) -> Option<(Decimal, Decimal)> {
    let mut a = Decimal::ZERO;
    let mut b = Decimal::ZERO;
    for f in ids {
        if f == id {
            a += Decimal::ONE;
            continue;
        }
        match env.slot(f) {
            Slot::Value(r) => b = b.checked_add(r.quantity()?)?,
            Slot::Missing => {}
            Slot::Bad => return None,
        }
    }
    Some((a, b))
}

/// Whether moving the field `id` in `dir` can raise this term at all: it is not blocked,
/// not at its ceiling, and its kind says the move can raise it. (A test that saves
/// searching, not a promise: another term of the item may take the gain back.)
fn can_rise(env: &Env<'_>, term: &Term, part: &Part, id: &str, dir: Dir) -> bool {
    if part.blocked || term.ceiling().is_some_and(|c| part.points >= c) {
        return false;
    }
    term.rule.rises(&Move { env, id, dir }, part)
}

/// One field moving in one direction, as the advisor tries it.
struct Move<'e, 'a> {
    env: &'e Env<'a>,
    id: &'e str,
    dir: Dir,
}

impl Motion for Move<'_, '_> {
    fn figures(&self) -> &dyn Figures {
        self.env
    }

    fn id(&self) -> &str {
        self.id
    }

    fn up(&self) -> bool {
        self.dir == Dir::Up
    }

    fn moves(&self, q: &Quantity, up: bool) -> bool {
        let sign = match self.dir {
            Dir::Up => 1,
            Dir::Down => -1,
        };
        Line::of(self.env, q, self.id).is_some_and(|l| {
            let s = l.slope() * sign;
            let undefined = l.involves() && self.env.measure(q).value.is_none();
            undefined || if up { s > 0 } else { s < 0 }
        })
    }

    fn involves(&self, q: &Quantity) -> bool {
        Line::of(self.env, q, self.id).is_some_and(|l| l.involves())
    }
}

/// What one search knows of its field.
struct Probe<'r, 's> {
    field: &'r Field,
    now: &'s Slot,
    places: u32,
    unit: Decimal,
    lo: Decimal,
    hi: Decimal,
}

impl Probe<'_, '_> {
    fn slot(&self, x: Decimal) -> Option<Slot> {
        reading_at(self.field, self.now, x).map(Slot::Value)
    }

    fn inside(&self, x: Decimal) -> bool {
        x >= self.lo && x <= self.hi
    }
}

/// The nearest value past `x` in `dir` where one of the item's terms can change, the field
/// read as `x` in `env`.
fn next_edge<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    p: &Probe<'r, '_>,
    x: Decimal,
    dir: Dir,
) -> Option<Decimal> {
    let id = p.field.id();
    let step = p.unit * dir.sign();
    let mut edges = Edges::default();
    for term in item.terms() {
        if term.rule.fields().contains(&id) {
            term.rule.edges(env, &mut edges);
        }
    }
    let Edges {
        found,
        every_unit,
        option,
    } = edges;
    let mut best: Option<Decimal> = None;
    let mut consider = |g: Decimal| {
        if beyond(g, x, dir) && p.inside(g) && best.is_none_or(|b| beyond(b, g, dir)) {
            best = Some(g);
        }
    };
    for q in every_unit {
        if Line::of(env, q, id).is_some_and(|l| l.involves()) {
            consider(x + step);
        }
    }
    if option {
        match dir {
            Dir::Up if x <= Decimal::ZERO => consider(p.unit),
            Dir::Down if x > Decimal::ZERO => consider(Decimal::ZERO),
            _ => {}
        }
    }
    for e in found {
        let Some(line) = Line::of(env, e.quantity, id) else {
            continue;
        };
        if !line.involves() {
            continue;
        }
        // Where the quantity cannot be computed, and the first value past it.
        if let Some(pole) = line.pole() {
            if pole == grid(pole, p.places, dir) {
                consider(pole);
            }
        }
        let now = e.side(env);
        if now.is_none() {
            consider(x + step);
        }
        let Some(at) = line.solve(e.at) else {
            continue;
        };
        // An edge behind us does not matter; one within a unit may, the division being
        // rounded.
        if at.checked_sub(x).is_none_or(|d| d * dir.sign() < -p.unit) {
            continue;
        }
        if let Some(g) = settle(env, p, &e, now, x, grid(at, p.places, dir), dir) {
            consider(g);
        }
    }
    best
}

/// The first value on the grid, from `g` on, where the edge's side differs from its side at
/// `x`; `g` is checked a few units either way, the edge being a rounded division.
fn settle<'r>(
    env: &mut Env<'r>,
    p: &Probe<'r, '_>,
    e: &Edge<'_>,
    now: Option<bool>,
    x: Decimal,
    g: Decimal,
    dir: Dir,
) -> Option<Decimal> {
    let id = p.field.id();
    let step = p.unit * dir.sign();
    let mut g = if beyond(g, x, dir) { g } else { x + step };
    let side = |env: &mut Env<'r>, v: Decimal| -> Option<Option<bool>> {
        let slot = p.slot(v)?;
        Some(with(env, id, slot, |env| e.side(env)))
    };
    let mut flipped = false;
    for _ in 0..SETTLE {
        if !p.inside(g) {
            return None;
        }
        if side(env, g)? != now {
            flipped = true;
            break;
        }
        g += step;
    }
    if !flipped {
        return None;
    }
    for _ in 0..SETTLE {
        let back = g - step;
        if !beyond(back, x, dir) || side(env, back)? == now {
            break;
        }
        g = back;
    }
    Some(g)
}

/// For each input of the item, the smallest change that raises its score above `base`,
/// the other inputs held. A self-assessed score is never suggested: it is the applicant's
/// judgement, not a figure.
pub(super) fn changes<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    goal: &Goal<'_, 'r>,
) -> Vec<Found<'r>> {
    let mut out = Vec::new();
    for id in item.inputs() {
        let Some(field) = env.field(id) else {
            continue;
        };
        // A target the bureau sets, or a figure the document fixes, is not the applicant's
        // to move.
        if field.given() {
            continue;
        }
        let found = match field.kind() {
            FieldKind::Score => None,
            FieldKind::Bool => yes(env, item, field, goal),
            FieldKind::Choice(_) => choose(env, item, field, goal),
            _ => number(env, item, field, goal),
        };
        out.extend(found);
    }
    out
}

/// A yes/no question answered yes (a `flag`, or the question a part `requires`).
fn yes<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    field: &'r Field,
    goal: &Goal<'_, 'r>,
) -> Option<Found<'r>> {
    if env.yes(field.id()) {
        return None;
    }
    let slot = Slot::Value(Reading::Bool(true));
    let met = with(env, field.id(), slot, |e| goal.met(e, item, field.id()));
    met.then(|| Found {
        field,
        change: Change::Yes,
        value: Value::Bool(true),
        to: "是".into(),
        add: Vec::new(),
        any_of: Vec::new(),
    })
}

/// The option of a single-choice field that gains least above `base`: the next level up.
fn choose<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    field: &'r Field,
    goal: &Goal<'_, 'r>,
) -> Option<Found<'r>> {
    let now = match env.slot(field.id()) {
        Slot::Value(Reading::Choices(c)) => c.first().cloned(),
        _ => None,
    };
    let mut best: Option<(&str, Decimal)> = None;
    for o in field.kind().options() {
        if now.as_deref() == Some(o.id()) {
            continue;
        }
        let slot = Slot::Value(Reading::Choices(vec![o.id().to_string()]));
        let Some((points, met)) = with(env, field.id(), slot, |e| {
            item_points(e, item).map(|p| (p, goal.met(e, item, field.id())))
        }) else {
            continue;
        };
        if met && best.is_none_or(|(_, b)| points < b) {
            best = Some((o.id(), points));
        }
    }
    best.map(|(id, _)| Found {
        field,
        change: Change::Choose,
        value: Value::Text(id.to_string()),
        to: id.to_string(),
        add: Vec::new(),
        any_of: Vec::new(),
    })
}

/// The nearest value of a numeric field (a checklist counts its choices) that raises the
/// item, up or down, whichever is the smaller change (up on a tie). A checklist is only
/// ticked, never unticked.
fn number<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    field: &'r Field,
    goal: &Goal<'_, 'r>,
) -> Option<Found<'r>> {
    let id = field.id();
    let now = env.slot(id).clone();
    let x0 = match &now {
        Slot::Value(r) => r.quantity()?,
        Slot::Missing => Decimal::ZERO,
        Slot::Bad => return None,
    };
    let (lo, hi) = bounds(field);
    let p = Probe {
        field,
        now: &now,
        places: places(field),
        unit: unit(field),
        lo,
        hi,
    };
    let checklist = matches!(field.kind(), FieldKind::Checklist(_));
    // Entering 0 in an empty field can be what counts (a deduction needs its count).
    if matches!(now, Slot::Missing) && with(env, id, p.slot(x0)?, |e| goal.met(e, item, id)) {
        return found_at(&p, x0, Change::Fill);
    }
    let up = search(env, item, &p, x0, Dir::Up, goal);
    let down = if checklist {
        None
    } else {
        search(env, item, &p, x0, Dir::Down, goal)
    };
    let x = match (up, down) {
        (Some(u), Some(d)) if x0 - d < u - x0 => d,
        (Some(u), _) => u,
        (None, d) => d?,
    };
    let change = match (checklist, x > x0) {
        (true, _) => Change::Tick,
        (false, true) => Change::Raise,
        (false, false) => Change::Lower,
    };
    found_at(&p, x, change)
}

/// The change to the value `x`, as what to enter.
fn found_at<'r>(p: &Probe<'r, '_>, x: Decimal, change: Change) -> Option<Found<'r>> {
    let field = p.field;
    match field.kind() {
        FieldKind::Checklist(options) => {
            let Some(Reading::Choices(ids)) = reading_at(field, p.now, x) else {
                return None;
            };
            let ticked: Vec<String> = match p.now {
                Slot::Value(Reading::Choices(c)) => c.clone(),
                _ => Vec::new(),
            };
            let add = ids
                .iter()
                .filter(|i| !ticked.contains(i))
                .cloned()
                .collect();
            let any_of = options
                .iter()
                .map(|o| o.id().to_string())
                .filter(|o| !ticked.contains(o))
                .collect();
            Some(Found {
                field,
                change,
                to: ids.join("、"),
                value: Value::List(ids),
                add,
                any_of,
            })
        }
        _ => {
            let text = crate::text::fmt_dec(x);
            Some(Found {
                field,
                change,
                value: Value::Text(text.clone()),
                to: text,
                add: Vec::new(),
                any_of: Vec::new(),
            })
        }
    }
}

/// The nearest value past `x0` in `dir` that raises the item above `base`, if one is
/// found within [`MAX_STEPS`] edges; `env` is left as it was.
fn search<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    p: &Probe<'r, '_>,
    x0: Decimal,
    dir: Dir,
    goal: &Goal<'_, 'r>,
) -> Option<Decimal> {
    let id = p.field.id();
    let at = env.at.item_of(env.rubric, item);
    let rises = item.terms().iter().zip(&at.terms).any(|(t, r)| {
        t.rule.fields().contains(&id) && can_rise(env, t, &evaluate(env, t, r), id, dir)
    });
    if !rises {
        return None;
    }
    let start = env.replace(id, p.slot(x0)?);
    let found = walk(env, item, p, x0, dir, goal);
    env.replace(id, start);
    found
}

/// Whether the goal is met with the field read as `x`; `env` keeps that reading.
fn raises<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    p: &Probe<'r, '_>,
    x: Decimal,
    goal: &Goal<'_, 'r>,
) -> bool {
    match p.slot(x) {
        Some(slot) => {
            env.replace(p.field.id(), slot);
            goal.met(env, item, p.field.id())
        }
        None => false,
    }
}

fn walk<'r>(
    env: &mut Env<'r>,
    item: &'r Item,
    p: &Probe<'r, '_>,
    x0: Decimal,
    dir: Dir,
    goal: &Goal<'_, 'r>,
) -> Option<Decimal> {
    let step = p.unit * dir.sign();
    let mut x = x0;
    for _ in 0..MAX_STEPS {
        let candidate = next_edge(env, item, p, x, dir)?;
        if raises(env, item, p, candidate, goal) {
            // The edge was computed by a rounded division: make sure a unit less is not
            // enough already.
            let mut best = candidate;
            for _ in 0..SETTLE {
                let back = best - step;
                if !beyond(back, x0, dir) || !raises(env, item, p, back, goal) {
                    break;
                }
                best = back;
            }
            return Some(best);
        }
        x = candidate;
        p.slot(x).map(|s| env.replace(p.field.id(), s))?;
    }
    None
}
