//! The district at a glance, as charts drawn in SVG: how the totals spread, the spaces per
//! grade, each group's average and range, the items most spaces lose points on. Each chart
//! has its figures beside it as a table (the text alternative, and what a screen reader
//! reads), and the same figures are the summary sheet of the `.xlsx` download
//! ([`spacescore_sheets::Tally`]).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use spacescore_core::{fmt_dec, Lang};
use spacescore_sheets::Tally;
use spacescore_ui::Shared;
use yew::prelude::*;

use crate::i18n::{self, L};
use crate::state::Scored;

/// The charts' properties.
#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    /// The scored file.
    pub scored: Shared<Scored>,
    /// The labels' language.
    pub lang: Lang,
}

/// The drawing's width and one bar's height, in SVG units.
const WIDTH: f64 = 480.0;
const BAR: f64 = 22.0;
/// Where the bars start (the labels are to their left).
const LABEL: f64 = 170.0;

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// One horizontal bar per entry: its label, its length against `max`, its figure.
fn bars(
    id: &str,
    title: L,
    lang: Lang,
    entries: &[(String, Decimal, String)],
    max: Decimal,
) -> Html {
    let height = BAR * entries.len() as f64 + 4.0;
    let span = WIDTH - LABEL - 60.0;
    let scale = if max > Decimal::ZERO {
        span / f(max)
    } else {
        0.0
    };
    html! {
        <svg id={format!("{id}-chart")} class="chart" role="img" aria-label={title.get(lang)}
            viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="xMinYMin meet">
            { for entries.iter().enumerate().map(|(i, (label, value, shown))| {
                let y = BAR * i as f64 + 2.0;
                let w = (f(*value) * scale).max(0.0);
                html! {
                    <g class="bar" data-label={label.clone()} data-value={fmt_dec(*value)}>
                        <text x={format!("{}", LABEL - 6.0)} y={format!("{}", y + BAR * 0.7)} text-anchor="end">{ cut(label, 14) }</text>
                        <rect x={format!("{LABEL}")} y={format!("{}", y + 3.0)} width={format!("{w:.1}")} height={format!("{}", BAR - 6.0)} />
                        <text x={format!("{:.1}", LABEL + w + 4.0)} y={format!("{}", y + BAR * 0.7)}>{ shown.clone() }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// `s` cut to `n` characters, with an ellipsis (the table beside the chart has it whole).
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// A chart with its title and its figures as a table.
fn figure(id: &str, title: L, lang: Lang, chart: Html, head: &[L], rows: Vec<Vec<String>>) -> Html {
    html! {
        <figure class="chart-box" id={id.to_string()}>
            <figcaption>{ title.get(lang) }</figcaption>
            { chart }
            <details>
                <summary>{ i18n::CHART_DATA.get(lang) }</summary>
                <table class="chart-data">
                    <thead><tr>{ for head.iter().map(|h| html! { <th scope="col">{ h.get(lang) }</th> }) }</tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr>{ for r.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// The charts of a scored file (none for a data form, which gives no score).
#[component]
pub fn Charts(props: &ChartsProps) -> Html {
    let lang = props.lang;
    let t: &Tally = &props.scored.tally;
    if !props.scored.header.layout.scored || t.scored == 0 {
        return html! {};
    }
    let show = |d: Option<Decimal>| d.map(fmt_dec).unwrap_or_default();
    // How the totals spread: the spaces in each band.
    let bands: Vec<(String, Decimal, String)> = t
        .bands
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (lo, hi) = t.band_bounds(i);
            (
                format!("{}–{}", fmt_dec(lo), fmt_dec(hi)),
                Decimal::from(*n),
                n.to_string(),
            )
        })
        .collect();
    let most = bands.iter().map(|b| b.1).max().unwrap_or(Decimal::ZERO);
    let totals = figure(
        "chart-totals",
        i18n::CHART_TOTALS,
        lang,
        bars("totals", i18n::CHART_TOTALS, lang, &bands, most),
        &[i18n::FROM_TO, i18n::SPACES],
        bands
            .iter()
            .map(|(l, _, n)| vec![l.clone(), n.clone()])
            .collect(),
    );
    let grades = (!t.grades.is_empty()).then(|| {
        let entries: Vec<(String, Decimal, String)> = t
            .grades
            .iter()
            .map(|g| {
                (
                    Tally::grade_name(g, lang).to_string(),
                    Decimal::from(g.2),
                    g.2.to_string(),
                )
            })
            .collect();
        let most = entries.iter().map(|e| e.1).max().unwrap_or(Decimal::ZERO);
        figure(
            "chart-grades",
            i18n::CHART_GRADES,
            lang,
            bars("grades", i18n::CHART_GRADES, lang, &entries, most),
            &[i18n::GRADE, i18n::SPACES],
            entries
                .iter()
                .map(|(l, _, n)| vec![l.clone(), n.clone()])
                .collect(),
        )
    });
    let group_name = |g: &spacescore_sheets::tally::GroupTally| match lang {
        Lang::Zh => g.name.clone(),
        Lang::En => g.id.clone(),
    };
    let groups: Vec<(String, Decimal, String)> = t
        .groups
        .iter()
        .map(|g| {
            let mean = t.group_mean(g).unwrap_or(Decimal::ZERO);
            (
                group_name(g),
                mean,
                format!("{} / {}", fmt_dec(mean), fmt_dec(g.max)),
            )
        })
        .collect();
    let widest = t
        .groups
        .iter()
        .map(|g| g.max)
        .max()
        .unwrap_or(Decimal::ZERO);
    let groups_fig = figure(
        "chart-groups",
        i18n::CHART_GROUPS,
        lang,
        bars("groups", i18n::CHART_GROUPS, lang, &groups, widest),
        &[i18n::GROUP, i18n::AVERAGE, i18n::LOWEST, i18n::HIGHEST],
        t.groups
            .iter()
            .map(|g| {
                vec![
                    group_name(g),
                    show(t.group_mean(g)),
                    fmt_dec(g.min),
                    fmt_dec(g.high),
                ]
            })
            .collect(),
    );
    let lost: Vec<(String, Decimal, String)> = t
        .most_lost(8)
        .into_iter()
        .map(|i| {
            let mean = t.item_mean_lost(i).unwrap_or(Decimal::ZERO);
            (i.name.clone(), mean, fmt_dec(mean))
        })
        .collect();
    let most_lost = lost.iter().map(|e| e.1).max().unwrap_or(Decimal::ZERO);
    let lost_fig = (!lost.is_empty()).then(|| {
        figure(
            "chart-lost",
            i18n::CHART_LOST,
            lang,
            bars("lost", i18n::CHART_LOST, lang, &lost, most_lost),
            &[i18n::ITEM, i18n::LOST, i18n::LOSING],
            t.most_lost(8)
                .into_iter()
                .map(|i| {
                    vec![
                        i.name.clone(),
                        show(t.item_mean_lost(i)),
                        i.losing.to_string(),
                    ]
                })
                .collect(),
        )
    });
    html! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{ i18n::CHARTS.get(lang) }</h2>
            <p id="charts-summary">
                { i18n::CHART_SUMMARY.get(lang, &[&t.scored, &show(t.mean()), &show(t.low), &show(t.high), &t.vetoed]) }
            </p>
            <div class="chart-grid">
                { totals }
                { for grades }
                { groups_fig }
                { for lost_fig }
            </div>
        </section>
    }
}
