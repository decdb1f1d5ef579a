//! A bar per group, as inline SVG (no script, no style attribute: it renders under a
//! strict CSP and in print).

use spacescore_core::{Lang, Report, Rubric};
use spacescore_live::show;
use yew::prelude::*;

use crate::i18n;
use crate::Shared;

/// The bars' properties.
#[derive(Properties, PartialEq)]
pub struct GroupBarsProps {
    /// The rubric shown.
    pub rubric: Shared<Rubric>,
    /// The current report.
    pub report: Shared<Report>,
    /// The labels' language.
    pub lang: Lang,
}

const ROW: i64 = 34;
const WIDTH: i64 = spacescore_live::page::BAR_WIDTH;

/// Group subtotals as bars.
#[component]
pub fn GroupBars(props: &GroupBarsProps) -> Html {
    let rubric = &*props.rubric;
    let lang = props.lang;
    let groups = &props.report.groups;
    let height = ROW * i64::try_from(groups.len()).unwrap_or(0);
    let bars = groups.iter().zip(rubric.groups()).enumerate().map(|(i, (g, def))| {
        let y = ROW * i64::try_from(i).unwrap_or(0);
        let share = show::bar_length(g.score, g.max, WIDTH);
        html! {
            <g>
                <text x="0" y={(y + 11).to_string()} class="bar-label">{ def.name().get(lang) }</text>
                <rect x="0" y={(y + 16).to_string()} width={WIDTH.to_string()} height="10" rx="3" class="bar-track" />
                <rect x="0" y={(y + 16).to_string()} width={share.to_string()} height="10" rx="3" class={classes!("bar-fill", g.bonus.then_some("bonus"))} />
                <text x={WIDTH.to_string()} y={(y + 11).to_string()} text-anchor="end" class="bar-value">{ show::out_of(g.score, g.max) }</text>
            </g>
        }
    });
    html! {
        <figure class="bars">
            <figcaption>{ i18n::GROUP_BARS.get(lang) }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} width="100%" role="img" aria-label={i18n::GROUP_BARS.get(lang)}>
                { for bars }
            </svg>
        </figure>
    }
}
