//! Where each field's input is drawn. A field read by several items (入驻团队 in four
//! Xinxiang items) gets one input, in the first item that reads it; later items show a
//! link to it, so one figure is never typed twice.

use std::collections::BTreeMap;

use spacescore_core::rubric::Trigger;
use spacescore_core::Rubric;
/// The DOM ids of a field's input and an item's card (shared with the first module, which
/// finds them in the prerendered page).
pub use spacescore_live::show::{input_id, item_anchor};

/// Where a field's input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// In the item with this index.
    Item(usize),
    /// In the veto section.
    Veto,
    /// In a form row.
    Row,
}

/// Every field of the rubric and where its input is drawn.
pub fn owners(rubric: &Rubric) -> BTreeMap<String, Owner> {
    let mut out = BTreeMap::new();
    for row in rubric.rows() {
        out.entry(row.field().to_string()).or_insert(Owner::Row);
    }
    for (i, item) in rubric.items().iter().enumerate() {
        for f in item
            .inputs()
            .into_iter()
            .chain(item.aids().iter().map(String::as_str))
        {
            out.entry(f.to_string()).or_insert(Owner::Item(i));
        }
    }
    for v in rubric.vetoes() {
        let fields = match v.trigger() {
            Trigger::Flag(f) => vec![f.as_str()],
            Trigger::Compare(c) => c.quantity.fields(),
        };
        for f in fields {
            out.entry(f.to_string()).or_insert(Owner::Veto);
        }
    }
    for l in rubric.limits() {
        out.entry(l.flag().to_string()).or_insert(Owner::Veto);
    }
    out
}
