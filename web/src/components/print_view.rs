//! The print view: a self-evaluation table like the official 自评表, with the score
//! column filled, the totals and the date. It is drawn only while the page is printed (the
//! print button, the browser's own print, or print media), and the print stylesheet shows it
//! in place of the form; most visits never print, so the first screen carries none of it.

use spacescore_core::{fmt_dec, Inputs, Lang, Method, Report, Rubric, Value};
use spacescore_ui::Shared;
use yew::prelude::*;

use crate::i18n::{self, colon, pick};

/// The print view's properties.
#[derive(Properties, PartialEq)]
pub struct PrintViewProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The current report.
    pub report: Shared<Report>,
    /// What was typed (a form prints the figures themselves).
    pub values: Shared<Inputs>,
    /// The applicant (申报单位), as typed; may be empty.
    pub applicant: std::rc::Rc<str>,
    /// The labels' language.
    pub lang: Lang,
    /// The date printed on the table (YYYY-MM-DD).
    pub date: String,
}

/// The printable table.
#[component]
pub fn PrintView(props: &PrintViewProps) -> Html {
    let rubric = &*props.rubric;
    let r = &*props.report;
    let lang = props.lang;
    let date = &props.date;
    let dec = |d: Option<rust_decimal::Decimal>| d.map(fmt_dec).unwrap_or_else(|| "—".into());
    let body = if rubric.method() == Method::Form {
        let rows = rubric.rows().iter().map(|row| {
            let value = match props.values.get(row.field()) {
                Some(Value::Text(t)) => t.clone(),
                Some(Value::Bool(b)) => pick(lang, if *b { "是" } else { "否" }, if *b { "yes" } else { "no" }).to_string(),
                Some(Value::List(l)) => l.join("、"),
                None => String::new(),
            };
            html! { <tr><td lang="zh-CN">{ row.label() }</td><td lang="zh-CN">{ row.unit() }</td><td class="print-value" data-field={row.field().to_string()}>{ value }</td></tr> }
        });
        html! {
            <table class="print-table">
                <thead><tr><th>{ i18n::PRINT_ITEM.get(lang) }</th><th>{ i18n::PRINT_UNIT.get(lang) }</th><th>{ i18n::PRINT_VALUE.get(lang) }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    } else {
        let rows = rubric.groups().iter().flat_map(|g| {
            let items: Vec<_> = rubric.items().iter().zip(&r.items).filter(|(i, _)| i.group() == g.id()).collect();
            let span = items.len();
            items.into_iter().enumerate().map(move |(n, (item, s))| {
                html! {
                    <tr>
                        if n == 0 { <th scope="rowgroup" rowspan={span.to_string()}>{ format!("{}{}", g.name().get(lang), pick(lang, &format!("（{}分）", fmt_dec(g.max())), &format!(" ({})", fmt_dec(g.max())))) }</th> }
                        <td>{ item.name().get(lang) }</td>
                        <td class="num">{ fmt_dec(item.max()) }</td>
                        <td class="num print-score" data-item={item.id().to_string()}>{ dec(s.score) }</td>
                        <td class="print-explanation">{ pick(lang, &s.explanation, &s.explanation_en).to_string() }</td>
                    </tr>
                }
            }).collect::<Vec<_>>()
        });
        html! {
            <table class="print-table">
                <thead>
                    <tr>
                        <th>{ i18n::PRINT_GROUP.get(lang) }</th>
                        <th>{ i18n::PRINT_ITEM.get(lang) }</th>
                        <th>{ i18n::PRINT_MAX.get(lang) }</th>
                        <th>{ i18n::PRINT_SCORE.get(lang) }</th>
                        <th>{ i18n::PRINT_NOTE.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
                <tfoot>
                    <tr><th colspan="3">{ i18n::BASE.get(lang) }</th><td class="num" id="print-base">{ dec(r.base) }</td><td>{ format!("/ {}", fmt_dec(r.base_max)) }</td></tr>
                    if !r.bonus_max.is_zero() {
                        <tr><th colspan="3">{ i18n::BONUS.get(lang) }</th><td class="num">{ dec(r.bonus) }</td><td>{ format!("/ {}", fmt_dec(r.bonus_max)) }</td></tr>
                    }
                    <tr class="grand"><th colspan="3">{ i18n::TOTAL.get(lang) }</th><td class="num" id="print-total">{ dec(r.total) }</td><td>
                        { r.grade.as_ref().map(|g| format!("{}{}{}", i18n::GRADE.get(lang), colon(lang), pick(lang, g, r.grade_en.as_deref().unwrap_or(g)))).unwrap_or_default() }
                        if r.vetoed { { format!(" {}", i18n::VETOED.get(lang)) } }
                    </td></tr>
                </tfoot>
            </table>
        }
    };
    html! {
        // Not aria-hidden: it is drawn for print, where (as in a PDF printed from it) it is
        // the page.
        <section class="print-view" id="print-view" aria-labelledby="print-title">
            <h1 id="print-title">{ format!("{} {}", rubric.name().get(lang), i18n::PRINT_TITLE.get(lang)) }</h1>
            <p class="print-doc" lang="zh-CN">{ format!("《{}》{}", rubric.document().title, rubric.document().number.clone().unwrap_or_default()) }</p>
            <p class="print-applicant">{ i18n::APPLICANT.get(lang) }{ colon(lang) }<span id="print-applicant">{ &*props.applicant }</span></p>
            { body }
            <p class="print-meta">{ format!("{}{}{date}", i18n::PRINT_DATE.get(lang), colon(lang)) }</p>
            <p class="print-sign">{ i18n::PRINT_SIGN.get(lang) }</p>
        </section>
    }
}
