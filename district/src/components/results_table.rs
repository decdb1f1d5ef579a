//! Every space of the file in one table: row, name, total, base, bonus, grade, veto and
//! errors (a data form: warnings and missing figures instead), sorted by any column. A
//! space's name opens it.
//!
//! A long file's table draws only the rows in view ([`VIRTUAL_FROM`] rows or more): the box
//! scrolls, each row has one height, and blank rows above and below stand for the rest, so
//! that 20,000 spaces draw and sort as quickly as a hundred.

use rust_decimal::Decimal;
use spacescore_core::{fmt_dec, Lang, Report};
use spacescore_sheets::{Row, RowResult};
use spacescore_ui::Shared;
use yew::prelude::*;

use crate::i18n::{self, pick, L};
use crate::state::{Action, Column, Scored, Sort};

/// From how many rows the table draws only those in view.
pub const VIRTUAL_FROM: usize = 200;

/// A row's height in the drawn-in-view table, in pixels (the stylesheet's `tr.v` height).
const ROW_PX: f64 = 36.0;

/// How many rows are drawn above and below those in view.
const OVERSCAN: usize = 20;

/// How many rows the box shows at most (its height is set by the stylesheet: 70vh, at most
/// 1,200 px).
const IN_VIEW: usize = 40;

/// The table's properties.
#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    /// The scored file.
    pub scored: Shared<Scored>,
    /// The rows' indexes in the order shown.
    pub order: Shared<Vec<usize>>,
    /// How it is sorted.
    pub sort: Sort,
    /// The labels' language.
    pub lang: Lang,
    /// Where sorting and opening go.
    pub on_action: Callback<Action>,
}

fn dec(d: Option<Decimal>) -> String {
    d.map(fmt_dec).unwrap_or_default()
}

/// A field error as the output's `errors` column writes it, in the page's language.
fn errors(report: &Report, scored: &Scored, lang: Lang) -> Vec<String> {
    report
        .errors
        .iter()
        .map(|e| {
            let message = pick(lang, &e.message, &e.message_en);
            match scored.header.layout.columns.get(&e.field) {
                Some(c) => format!("{} ({c}){}{message}", e.field, i18n::colon(lang)),
                None => format!("{}{}{message}", e.field, i18n::colon(lang)),
            }
        })
        .collect()
}

/// The results table.
#[component]
pub fn ResultsTable(props: &ResultsTableProps) -> Html {
    let lang = props.lang;
    let virtual_rows = props.order.len() >= VIRTUAL_FROM;
    let scroll = use_state(|| 0.0_f64);
    let onscroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            let top = e
                .target_dyn_into::<web_sys::Element>()
                .map_or(0.0, |el| f64::from(el.scroll_top()));
            // Redraw only when the first row in view changes.
            if (top / ROW_PX).floor() != (*scroll / ROW_PX).floor() {
                scroll.set(top);
            }
        })
    };
    let total = props.order.len();
    let (first, last) = if virtual_rows {
        let at = ((*scroll / ROW_PX).floor().max(0.0) as usize).min(total);
        (
            at.saturating_sub(OVERSCAN),
            (at + IN_VIEW + OVERSCAN).min(total),
        )
    } else {
        (0, total)
    };
    // The blank rows' heights are set through the style object: the strict CSP refuses
    // style attributes.
    let above = use_node_ref();
    let below = use_node_ref();
    {
        let (above, below) = (above.clone(), below.clone());
        use_effect_with((first, last, total), move |&(first, last, total)| {
            for (node, rows) in [(&above, first), (&below, total.saturating_sub(last))] {
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el
                        .style()
                        .set_property("height", &format!("{}px", rows as f64 * ROW_PX));
                }
            }
        });
    }
    let scored = &*props.scored;
    let form = !scored.header.layout.scored;
    let name_at = scored.header.layout.copied.iter().position(|c| c == "name");
    // Several files: each row names its file, first.
    let file_at = scored.header.layout.copied.iter().position(|c| c == "file");
    let mut columns: Vec<(Column, L, &str)> = if form {
        vec![
            (Column::Row, i18n::ROW, "row"),
            (Column::Name, i18n::NAME, "name"),
            (Column::Warnings, i18n::WARNINGS, "warnings"),
            (Column::Missing, i18n::MISSING, "missing"),
            (Column::Errors, i18n::ERRORS, "errors"),
        ]
    } else {
        vec![
            (Column::Row, i18n::ROW, "row"),
            (Column::Name, i18n::NAME, "name"),
            (Column::Total, i18n::TOTAL, "total"),
            (Column::Base, i18n::BASE, "base"),
            (Column::Bonus, i18n::BONUS, "bonus"),
            (Column::Grade, i18n::GRADE, "grade"),
            (Column::Veto, i18n::VETO, "veto"),
            (Column::Errors, i18n::ERRORS, "errors"),
        ]
    };
    if file_at.is_some() {
        columns.insert(0, (Column::File, i18n::FILE_COLUMN, "file"));
    }
    let head = columns.iter().map(|(column, label, key)| {
        let sorted = props.sort.column == *column;
        let aria = match (sorted, props.sort.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let onclick = {
            let on_action = props.on_action.clone();
            let column = *column;
            Callback::from(move |_: MouseEvent| on_action.emit(Action::Sort(column)))
        };
        let mark = match (sorted, props.sort.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        html! {
            <th scope="col" aria-sort={aria} data-col={key.to_string()}>
                <button type="button" class="sort" id={format!("sort-{key}")} onclick={onclick}
                    aria-label={format!("{}{}", i18n::SORT_BY.get(lang), label.get(lang))}>
                    { label.get(lang) }{ mark }
                </button>
            </th>
        }
    });
    let body = props.order.get(first..last).unwrap_or_default().iter().filter_map(|i| {
        let row: &Row = scored.rows.rows().get(*i)?;
        let name = name_at
            .and_then(|at| row.copied.get(at))
            .filter(|n| !n.trim().is_empty())
            .cloned();
        let shown_name = name.clone().unwrap_or_else(|| i18n::NO_NAME.get(lang).to_string());
        let name_cell = match &row.result {
            RowResult::Scored(_) => {
                let on_action = props.on_action.clone();
                let index = *i;
                let onclick = Callback::from(move |_: MouseEvent| on_action.emit(Action::Open(index)));
                html! {
                    <td class="name" data-col="name">
                        <button type="button" class="open-space" data-open={index.to_string()} onclick={onclick}
                            title={i18n::OPEN.get(lang)}>{ shown_name }</button>
                    </td>
                }
            }
            RowResult::Problem(_) => html! { <td class="name" data-col="name">{ shown_name }</td> },
        };
        let cells = match &row.result {
            RowResult::Scored(report) => {
                let errs = errors(report, scored, lang);
                let error_cell = html! {
                    <td class="errors" data-col="errors" data-value={report.errors.len().to_string()}>
                        if !errs.is_empty() {
                            <ul>{ for errs.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                        }
                    </td>
                };
                if form {
                    html! {
                        <>
                            <td class="number" data-col="warnings" data-value={report.warnings.len().to_string()}>{ report.warnings.len() }</td>
                            <td class="number" data-col="missing" data-value={report.missing.len().to_string()}>{ report.missing.len() }</td>
                            { error_cell }
                        </>
                    }
                } else {
                    let grade = match (&report.grade, &report.grade_en) {
                        (Some(zh), Some(en)) => pick(lang, zh, en).to_string(),
                        (Some(zh), None) => zh.clone(),
                        _ => String::new(),
                    };
                    let reasons = if lang == Lang::Zh {
                        report.veto_reasons.join("；")
                    } else {
                        report.veto_reasons_en.join("; ")
                    };
                    html! {
                        <>
                            <td class="number total" data-col="total" data-value={dec(report.total)}>{ dec(report.total) }</td>
                            <td class="number" data-col="base" data-value={dec(report.base)}>{ dec(report.base) }</td>
                            <td class="number" data-col="bonus" data-value={dec(report.bonus)}>{ dec(report.bonus) }</td>
                            <td data-col="grade">{ grade }</td>
                            <td data-col="veto" data-value={report.vetoed.to_string()} title={reasons}>
                                if report.vetoed { <mark class="vetoed">{ i18n::VETOED.get(lang) }</mark> }
                            </td>
                            { error_cell }
                        </>
                    }
                }
            }
            RowResult::Problem(problem) => {
                // Every column but the file's, the row's, the name's and the errors'.
                let span = (columns.len() - 3 - usize::from(file_at.is_some())).to_string();
                html! {
                    <>
                        <td class="problem" data-col="problem" colspan={span}>
                            <strong>{ i18n::NOT_SCORED.get(lang) }</strong>{ i18n::colon(lang) }{ problem.clone() }
                        </td>
                        <td class="errors" data-col="errors" data-value="problem"></td>
                    </>
                }
            }
        };
        Some(html! {
            <tr key={i.to_string()} data-row={row.row.to_string()}
                class={classes!(matches!(row.result, RowResult::Problem(_)).then_some("not-scored"), virtual_rows.then_some("v"))}>
                if let Some(file) = file_at.and_then(|at| row.copied.get(at)) {
                    <td class="file" data-col="file">{ file.clone() }</td>
                }
                <td class="number" data-col="row">{ row.row }</td>
                { name_cell }
                { cells }
            </tr>
        })
    });
    html! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title">{ i18n::RESULTS.get(lang) }</h2>
            <div class={classes!("table-scroll", virtual_rows.then_some("virtual"))} onscroll={onscroll}
                tabindex={virtual_rows.then_some("0")} role={virtual_rows.then_some("region")}
                aria-label={virtual_rows.then(|| i18n::RESULTS.get(lang))}>
                <table id="results" data-rows={total.to_string()} aria-rowcount={virtual_rows.then(|| (total + 1).to_string())}>
                    <thead><tr>{ for head }</tr></thead>
                    <tbody>
                        if first > 0 {
                            <tr class="spacer" aria-hidden="true" ref={above}><td colspan={columns.len().to_string()}></td></tr>
                        }
                        { for body }
                        if last < total {
                            <tr class="spacer" aria-hidden="true" ref={below}><td colspan={columns.len().to_string()}></td></tr>
                        }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
