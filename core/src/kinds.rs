//! The kinds of term, one module each: everything about a kind lives in its own file.
//!
//! A kind is one sentence pattern the documents use (“每2位导师得1分”, “大于50万得5分，每增加
//! 50万加1分”, “国家级5分、省级3分”…). Its module holds, for that pattern and nothing else:
//!
//! - the keys it takes and what they mean ([`Kind::KEYS`]): what the checker accepts and what
//!   a form asks for;
//! - their validation ([`Kind::read`]), reading a term's table of a rubric file;
//! - the keys written back ([`Kind::write`]), for the rubric file writer and `describe`;
//! - the one formula ([`Kind::points`]), with the one rounding;
//! - the edges the advisor searches ([`Kind::edges`], [`Kind::rises`]);
//! - the sentences that explain it, in Chinese and English ([`Kind::sentence`],
//!   [`Kind::reason`]).
//!
//! The scorer, the advisor, the checker, the explanations, the writer and the compiled form
//! - the phrases documents use for it, and the hook that drafts a term from them
//!   ([`Kind::draft`], feature `draft`): the drafter reads an official's table by asking
//!   every kind of [`KINDS`] what it reads in a rule's words ([`words`]).
//!
//! The scorer, the advisor, the checker, the explanations, the writer and the compiled form
//! dispatch over the kinds through [`Rule`], which the `kinds!` list below makes, one line
//! per kind. A new kind is one new file implementing [`Kind`] plus its line in that list
//! (and a policy line, if its reading needs one); `docs/authoring.md` shows one.

pub mod bands;
pub mod choice;
pub mod condition;
pub mod deduct;
mod figures;
pub mod flag;
pub mod highest;
pub mod linear;
pub mod per;
pub mod self_score;
pub mod step;
pub mod weighted;
#[cfg(feature = "draft")]
pub mod words;

use rust_decimal::Decimal;

use crate::quantity::{Quantity, Rate};
use crate::text::{Lang, Text};
use crate::val::Val;
pub(crate) use figures::{Figures, Measure, Measured, Motion, Part, Reason, Slot, MISSING};

#[cfg(feature = "check")]
use crate::field::{Field, FieldKind};
#[cfg(feature = "check")]
use crate::quantity::{Bound, Comparison, Interval};
#[cfg(feature = "check")]
use crate::toml_tree::{Ctx, Node, Sink, Table};

/// What a term that reads one field directly is called in its sentence: its label, or
/// the field's name.
pub(crate) fn field_name(
    env: &dyn Figures,
    field: &str,
    label: Option<&Text>,
    lang: Lang,
) -> String {
    label
        .or(env.field(field).map(|f| f.name()))
        .map(|t| t.get(lang).to_string())
        .unwrap_or_default()
}

/// The fields a list of rates reads (`weighted` counts, `deduct` rates).
pub(crate) fn rates_fields(rates: &[Rate]) -> Vec<&str> {
    rates.iter().flat_map(|r| r.quantity.fields()).collect()
}

/// The rate of a list that reads the field `id`.
pub(crate) fn rate_of<'r>(rates: &'r [Rate], id: &str) -> Option<&'r Rate> {
    rates.iter().find(|r| r.quantity.fields().contains(&id))
}

/// One key a kind of term takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key, as a rubric file writes it.
    pub name: &'static str,
    /// Whether a term of the kind must have it.
    pub required: bool,
    /// What it holds and means, in Chinese.
    pub zh: &'static str,
    /// The same, in English.
    pub en: &'static str,
}

/// A key that every kind may take.
pub const COMMON_KEYS: &[Key] = &[
    Key {
        name: "kind",
        required: true,
        zh: "规则类型",
        en: "the kind of rule",
    },
    Key {
        name: "label",
        required: false,
        zh: "说明中数量的名称（不写时用字段名）",
        en: "what the quantity is called in explanations (the field's name when not given)",
    },
    Key {
        name: "label_en",
        required: false,
        zh: "label 的英文",
        en: "label in English",
    },
    Key {
        name: "cap",
        required: false,
        zh: "此部分最多得分（“此项最高3分”）",
        en: "the most this part gives (“at most 3 points for this”)",
    },
    Key {
        name: "requires",
        required: false,
        zh: "须回答“是”此部分才计分的是 / 否字段",
        en: "a yes/no field that must be answered yes for this part to score",
    },
];

/// What a term measures, in order, to be resolved to positions once per rubric.
pub(crate) enum Reads<'a> {
    /// Nothing but its one field ([`Kind::field`]).
    Field,
    /// Quantities, in the rule's order.
    Quantities(Vec<&'a Quantity>),
    /// Fields, each measured as a quantity of one field, in order.
    Fields(Vec<&'a str>),
}

/// A value of a quantity where a term's points can change: `q ≥ at` (inclusive) or
/// `q > at` turns true or false there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge<'q> {
    pub(crate) quantity: &'q Quantity,
    pub(crate) at: Decimal,
    pub(crate) inclusive: bool,
}

impl Edge<'_> {
    /// Which side of the edge the inputs are on; none when the quantity cannot be computed.
    pub(crate) fn side(&self, env: &dyn Figures) -> Option<bool> {
        env.measure(self.quantity).value.map(|q| {
            if self.inclusive {
                q >= self.at
            } else {
                q > self.at
            }
        })
    }
}

/// Where the terms of an item can change next, as the advisor collects them.
#[derive(Default)]
pub(crate) struct Edges<'q> {
    /// The edges found.
    pub(crate) found: Vec<Edge<'q>>,
    /// Quantities whose every unit counts (weighted counts, deductions).
    pub(crate) every_unit: Vec<&'q Quantity>,
    /// Whether an option counts once its field is above zero (`highest`).
    pub(crate) option: bool,
}

impl<'q> Edges<'q> {
    /// `quantity` crosses `at` (inclusive: `q ≥ at` turns true there; else `q > at`).
    pub(crate) fn at(&mut self, quantity: &'q Quantity, at: Decimal, inclusive: bool) {
        self.found.push(Edge {
            quantity,
            at,
            inclusive,
        });
    }

    /// Every unit of `quantity` counts.
    pub(crate) fn every_unit(&mut self, quantity: &'q Quantity) {
        self.every_unit.push(quantity);
    }
}

/// Everything about one kind of term. See the module documentation.
pub(crate) trait Kind: Sized {
    /// The kind's name in rubric files (`kind = "bands"`).
    const NAME: &'static str;
    /// What it is for, in a phrase, in Chinese and English.
    const SUMMARY: (&'static str, &'static str);
    /// The keys it takes besides [`COMMON_KEYS`].
    const KEYS: &'static [Key];
    /// The policy line an item with such a term must cite, if any.
    const POLICY: Option<&'static str>;
    /// Whether the term itself may have a `label` (or its entries are labelled instead).
    const LABELLED: bool = true;
    /// Whether the term may have a `cap` of its own.
    const CAPPED: bool = true;
    /// Whether the term's `label` names its one entry rather than the term (a `deduct` of
    /// one rate).
    #[cfg_attr(not(feature = "check"), allow(dead_code))]
    const LABEL_ON_ENTRY: bool = false;
    /// Its worked example.
    const EXAMPLE: Example;
    /// Wordings its drafting hook reads as a term of this kind (a test drafts each).
    #[cfg(feature = "draft")]
    const PHRASES: &'static [&'static str] = &[];
    /// What decided a term's points, for its sentence and the advisor.
    type Decided: std::fmt::Debug + Clone + PartialEq;

    /// Drafts a term of this kind from a rule's words: the first clauses still to read that
    /// state one, with the fields it reads and what each clause was read as; none when no
    /// clause does. It never supplies a number the words do not give.
    #[cfg(feature = "draft")]
    fn draft(_words: &words::Words<'_>) -> Option<words::Drafted> {
        None
    }

    /// Reads and checks the kind's own keys from a term's table (`label` is the term's,
    /// read already), reporting every problem with its place.
    #[cfg(feature = "check")]
    fn read(c: &mut dyn Keys, t: &Table<'_, '_>, at: &TermAt<'_>) -> Option<Self>;

    /// Its own keys and values, as a rubric file writes them after the common ones.
    fn write(&self) -> Vec<(String, Val)>;

    /// Its one measured quantity, for the kinds that measure one (`bands`, `per`, `step`,
    /// `linear`): then the fields, what it reads, whether a move can raise it and what a
    /// move changes follow from it.
    fn quantity(&self) -> Option<&Quantity> {
        None
    }

    /// Every field it reads, in order.
    fn fields(&self) -> Vec<&str> {
        self.quantity().map(Quantity::fields).unwrap_or_default()
    }

    /// What it measures, to be resolved to positions once per rubric.
    fn reads(&self) -> Reads<'_> {
        match self.quantity() {
            Some(q) => Reads::Quantities(vec![q]),
            None => Reads::Field,
        }
    }

    /// Its one field, for the kinds that read one field directly.
    fn field(&self) -> Option<&str> {
        None
    }

    /// The most it can give, if bounded.
    fn ceiling(&self) -> Option<Decimal>;

    /// The one formula: the points (before the term's cap) and what decided them.
    fn points(&self, m: &dyn Measure) -> (Decimal, Self::Decided);

    /// Where its points can change next, from the current inputs. None for the kinds the
    /// advisor answers directly (a yes, a level) or never suggests (a self-assessment).
    fn edges<'q>(&'q self, _env: &dyn Figures, _out: &mut Edges<'q>) {}

    /// Whether moving a field can raise it at all (a test that saves searching, not a
    /// promise: another term of the item may take the gain back). `part` is its part now.
    /// A kind of one quantity rises as that quantity does.
    fn rises(&self, m: &dyn Motion, _part: &Part) -> bool {
        self.quantity().is_some_and(|q| m.moves(q, true))
    }

    /// The quantity of the term a change of the field `id` moves, and its label.
    fn moved<'t>(
        &'t self,
        _id: &str,
        label: Option<&'t Text>,
    ) -> Option<(&'t Quantity, Option<&'t Text>)> {
        self.quantity().map(|q| (q, label))
    }

    /// The sentence of its points in an item's explanation; `got` is what the rule gives.
    fn sentence(
        &self,
        env: &dyn Figures,
        label: Option<&Text>,
        decided: &Self::Decided,
        got: Decimal,
        lang: Lang,
    ) -> String;

    /// Why the part gains, in a suggestion's sentence.
    fn reason(
        &self,
        r: &Reason<'_>,
        before: &Self::Decided,
        after: &Self::Decided,
        got: Decimal,
        lang: Lang,
    ) -> String;
}

/// What a kind asks of the checker while it reads its keys: the checker's problem list, and
/// the readings every kind shares (a quantity and the fields it names, a positive number,
/// an interval, a list of rates…), each reporting its problems with their place.
#[cfg(feature = "check")]
pub(crate) trait Keys {
    /// Where problems are collected.
    fn sink(&mut self) -> &mut Sink;
    /// Records a problem at `span`.
    fn report(&mut self, span: &std::ops::Range<usize>, ctx: &Ctx, message: Text);
    /// The quantity of the key `input`, its fields checked.
    fn input(&mut self, t: &Table<'_, '_>) -> Option<Quantity>;
    /// A number above zero.
    fn positive(&mut self, t: &Table<'_, '_>, key: &str) -> Option<Decimal>;
    /// A number not below zero, `default` where the key is absent.
    fn non_negative(&mut self, t: &Table<'_, '_>, key: &str, default: Decimal) -> Option<Decimal>;
    /// One bound written as either of two keys (inclusive, exclusive), none where neither is.
    fn bound(
        &mut self,
        t: &Table<'_, '_>,
        inclusive: &str,
        exclusive: &str,
    ) -> Option<Option<Bound>>;
    /// An interval of `from`/`above` and `through`/`below`.
    fn interval(&mut self, t: &Table<'_, '_>) -> Option<Interval>;
    /// Whether intervals in order leave no gap and do not overlap (`what` names them).
    fn contiguous(&mut self, t: &Table<'_, '_>, ranges: &[Interval], what: Text) -> bool;
    /// A comparison table: `input`, `op`, `value`.
    fn comparison(&mut self, t: &Table<'_, '_>) -> Option<Comparison>;
    /// A list of rates under `key`, each with its points under `points_key`.
    fn rates(&mut self, t: &Table<'_, '_>, key: &str, points_key: &str) -> Option<Vec<Rate>>;
    /// Whether the field `id` exists and is of a kind `ok` accepts (`want` names it).
    fn field_of(
        &mut self,
        node: &Node<'_, '_>,
        id: &str,
        ok: fn(&FieldKind) -> bool,
        want: Text,
    ) -> bool;
    /// Whether the field `id` exists and holds a number.
    fn numeric_field(&mut self, node: &Node<'_, '_>, id: &str) -> bool;
    /// The field `id` of the shared dictionary or of this file.
    fn field(&self, id: &str) -> Option<&Field>;
    /// Adds a field the rubric makes for itself (a self-assessed item's score).
    fn add_field(&mut self, field: Field);
}

/// Where a term is, for the kinds that need it while reading (a self-assessed score's
/// field is named after its item).
#[cfg(feature = "check")]
pub(crate) struct TermAt<'a> {
    /// The item's id.
    pub(crate) item_id: &'a str,
    /// The item's name.
    pub(crate) item_name: &'a Text,
    /// The term's label, read already.
    pub(crate) label: &'a Option<Text>,
}

/// Everything a list of kinds makes: [`Rule`] (one variant per kind, each holding its
/// kind's own type), `How` (what decided the points, per kind), the compiled form's tag of
/// each kind, and the dispatch of every [`Kind`] function.
macro_rules! kinds {
    ($($tag:literal => $var:ident($module:ident::$ty:ident)),* $(,)?) => {
        /// The kinds of rule the documents use: one per [`crate::kinds`] module.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Rule {
            $(
                #[doc = concat!("A `", stringify!($module), "` term (see [`crate::kinds::", stringify!($module), "`]).")]
                $var($module::$ty),
            )*
        }

        /// What decided a term's points, by kind.
        #[derive(Debug, Clone, PartialEq)]
        pub(crate) enum How {
            $($var(<$module::$ty as Kind>::Decided),)*
        }

        /// Every kind: its name, what it is for, its keys and policy line, in the order of
        /// the list.
        pub const KINDS: &[KindInfo] = &[
            $(KindInfo {
                name: <$module::$ty as Kind>::NAME,
                summary: <$module::$ty as Kind>::SUMMARY,
                keys: <$module::$ty as Kind>::KEYS,
                policy: <$module::$ty as Kind>::POLICY,
                labelled: <$module::$ty as Kind>::LABELLED,
                capped: <$module::$ty as Kind>::CAPPED,
                example: <$module::$ty as Kind>::EXAMPLE,
                #[cfg(feature = "draft")]
                phrases: <$module::$ty as Kind>::PHRASES,
                #[cfg(feature = "draft")]
                draft: <$module::$ty as Kind>::draft,
            },)*
        ];

        impl Rule {
            /// The kind's name in rubric files.
            pub fn kind(&self) -> &'static str {
                match self { $(Rule::$var(_) => <$module::$ty as Kind>::NAME,)* }
            }

            /// Every field the rule reads.
            pub fn fields(&self) -> Vec<&str> {
                match self { $(Rule::$var(k) => k.fields(),)* }
            }

            /// The most this rule can give, if bounded.
            pub fn ceiling(&self) -> Option<Decimal> {
                match self { $(Rule::$var(k) => k.ceiling(),)* }
            }

            /// The policy line this kind of rule depends on, if any.
            pub fn policy(&self) -> Option<&'static str> {
                match self { $(Rule::$var(_) => <$module::$ty as Kind>::POLICY,)* }
            }

            /// What the rule measures.
            pub(crate) fn reads(&self) -> Reads<'_> {
                match self { $(Rule::$var(k) => k.reads(),)* }
            }

            /// The rule's one field, for the kinds that read one directly.
            pub(crate) fn field(&self) -> Option<&str> {
                match self { $(Rule::$var(k) => k.field(),)* }
            }

            /// The rule's own keys, as a rubric file writes them.
            pub(crate) fn write(&self) -> Vec<(String, Val)> {
                match self { $(Rule::$var(k) => k.write(),)* }
            }

            /// The points and what decided them.
            pub(crate) fn points(&self, m: &dyn Measure) -> (Decimal, How) {
                match self {
                    $(Rule::$var(k) => {
                        let (p, d) = k.points(m);
                        (p, How::$var(d))
                    })*
                }
            }

            /// Where the points can change next.
            pub(crate) fn edges<'q>(&'q self, env: &dyn Figures, out: &mut Edges<'q>) {
                match self { $(Rule::$var(k) => k.edges(env, out),)* }
            }

            /// Whether moving a field can raise it.
            pub(crate) fn rises(&self, m: &dyn Motion, part: &Part) -> bool {
                match self { $(Rule::$var(k) => k.rises(m, part),)* }
            }

            /// The quantity a change of the field `id` moves, and its label.
            pub(crate) fn moved<'t>(
                &'t self,
                id: &str,
                label: Option<&'t Text>,
            ) -> Option<(&'t Quantity, Option<&'t Text>)> {
                match self { $(Rule::$var(k) => k.moved(id, label),)* }
            }

            /// The sentence of the points in an explanation.
            pub(crate) fn sentence(
                &self,
                env: &dyn Figures,
                label: Option<&Text>,
                how: &How,
                got: Decimal,
                lang: Lang,
            ) -> String {
                match (self, how) {
                    $((Rule::$var(k), How::$var(d)) => k.sentence(env, label, d, got, lang),)*
                    // A part always comes from its own term.
                    #[allow(unreachable_patterns)]
                    _ => String::new(),
                }
            }

            /// Why the part gains, in a suggestion.
            pub(crate) fn reason(
                &self,
                r: &Reason<'_>,
                before: &How,
                after: &How,
                got: Decimal,
                lang: Lang,
            ) -> String {
                match (self, before, after) {
                    $((Rule::$var(k), How::$var(b), How::$var(a)) => k.reason(r, b, a, got, lang),)*
                    #[allow(unreachable_patterns)]
                    _ => String::new(),
                }
            }

            /// Reads the kind named `name` from a term's table.
            #[cfg(feature = "check")]
            pub(crate) fn read(
                name: &str,
                c: &mut dyn Keys,
                t: &Table<'_, '_>,
                at: &TermAt<'_>,
            ) -> Option<Option<Rule>> {
                $(if name == <$module::$ty as Kind>::NAME {
                    return Some(<$module::$ty as Kind>::read(c, t, at).map(Rule::$var));
                })*
                None
            }

            /// Whether the term's `label` was given to its one entry.
            #[cfg(feature = "check")]
            pub(crate) fn label_on_entry(&self) -> bool {
                match self { $(Rule::$var(_) => <$module::$ty as Kind>::LABEL_ON_ENTRY,)* }
            }

            /// The tag of the kind in the compiled form.
            pub(crate) fn tag(&self) -> u8 {
                match self { $(Rule::$var(_) => $tag,)* }
            }
        }

        impl crate::compact::Codec for Rule {
            fn put(&self, w: &mut crate::compact::Writer) {
                w.push(self.tag());
                match self { $(Rule::$var(k) => k.put(w),)* }
            }
            fn get(r: &mut crate::compact::Reader<'_>) -> Option<Self> {
                Some(match r.byte()? {
                    $($tag => Rule::$var(crate::compact::Codec::get(r)?),)*
                    _ => return None,
                })
            }
        }
    };
}

/// One term of an item's rule. An item's score is the sum of its terms, capped at its
/// maximum and never below zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// What the measured quantity is called in explanations, where not the field's name.
    pub label: Option<Text>,
    /// The rule.
    pub rule: Rule,
    /// The most this term may give (a cap on part of an item: “此项最高 3 分”).
    pub cap: Option<Decimal>,
    /// A yes/no field that must be answered yes for the term to score (a self-assessment of
    /// a platform's services needs the platform).
    pub requires: Option<String>,
}

impl Term {
    /// The most this term can give, if bounded.
    pub fn ceiling(&self) -> Option<Decimal> {
        match (self.rule.ceiling(), self.cap) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Every field the term reads, its `requires` field included.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = self.rule.fields();
        if let Some(r) = &self.requires {
            out.push(r.as_str());
        }
        out
    }
}

crate::compact::record!(Term {
    label,
    rule,
    cap,
    requires
});

/// A worked example of a kind, computed by hand from its wording: one item of one term of
/// the kind, in a rubric the test suite builds around it, and cases with the points, the
/// words of the explanation and the advice they must give. Every kind has one; the test
/// that enumerates [`KINDS`] runs each through the checker, the scorer, the explanations,
/// the advisor and the rubric file writer. It also shows the kind to a person writing a
/// rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// The wording of a document that the term states.
    pub wording: &'static str,
    /// The fields it reads, as `[fields.…]` tables of a rubric file (ids begin `ex_`).
    pub fields: &'static str,
    /// The term's keys, as the lines of an `[[items.terms]]` table.
    pub term: &'static str,
    /// The item's maximum.
    pub max: &'static str,
    /// The cases.
    pub cases: &'static [Case],
}

/// One case of a kind's worked example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    /// Field id to what is typed (`score.item` for a self-assessed score).
    pub inputs: &'static [(&'static str, &'static str)],
    /// The item's points.
    pub points: &'static str,
    /// Words the Chinese and the English explanation contain.
    pub says: (&'static str, &'static str),
    /// The first suggestion: the field, what to enter, the points gained; none where there
    /// is nothing to suggest.
    pub advice: Option<(&'static str, &'static str, &'static str)>,
}

/// A kind, as the checker and a form see it. Two are the same kind when their names are.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// Its name in rubric files.
    pub name: &'static str,
    /// What it is for, in Chinese and English.
    pub summary: (&'static str, &'static str),
    /// The keys it takes besides [`COMMON_KEYS`].
    pub keys: &'static [Key],
    /// The policy line an item with it must cite.
    pub policy: Option<&'static str>,
    /// Whether the term itself may be labelled.
    pub labelled: bool,
    /// Whether the term may have a `cap`.
    pub capped: bool,
    /// Its worked example.
    pub example: Example,
    /// Wordings its drafting hook reads as a term of this kind.
    #[cfg(feature = "draft")]
    pub phrases: &'static [&'static str],
    /// Its drafting hook ([`Kind::draft`]).
    #[cfg(feature = "draft")]
    pub draft: fn(&words::Words<'_>) -> Option<words::Drafted>,
}

impl PartialEq for KindInfo {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for KindInfo {}

impl KindInfo {
    /// The kind named `name`.
    pub fn named(name: &str) -> Option<&'static KindInfo> {
        KINDS.iter().find(|k| k.name == name)
    }
}

// The list: a tag in the compiled form (never reused), the variant, and the kind's type.
kinds! {
    0 => Bands(bands::Bands),
    1 => Per(per::Per),
    2 => Step(step::Step),
    3 => Flag(flag::Flag),
    4 => SelfScore(self_score::SelfScore),
    5 => Highest(highest::Highest),
    6 => Deduct(deduct::Deduct),
    7 => Condition(condition::Condition),
    8 => Linear(linear::Linear),
    9 => Choice(choice::Choice),
    10 => Weighted(weighted::Weighted),
}
