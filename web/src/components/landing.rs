//! The site's front page: every rubric the site has, by region, each a plain link to its own
//! page (`r/<id>/`). It is prerendered and works without the app: choosing is following a
//! link, and the rubric's page is itself prerendered.

use spacescore_core::Lang;
use spacescore_ui::index::Index;
use spacescore_ui::Shared;
use yew::prelude::*;

use crate::i18n;

/// The front page's properties.
#[derive(Properties, PartialEq)]
pub struct LandingProps {
    /// The site's rubrics.
    pub index: Shared<Index>,
    /// The labels' language.
    pub lang: Lang,
}

/// The list of regions and their rubrics.
#[component]
pub fn Landing(props: &LandingProps) -> Html {
    let lang = props.lang;
    let regions = props.index.regions();
    html! {
        <div class="app landing">
            <header class="topbar">
                <div class="masthead">
                    <h1>{ i18n::APP_TITLE.get(lang) }</h1>
                    <p class="tagline">{ i18n::APP_TAGLINE.get(lang) }</p>
                </div>
            </header>
            <main class="landing-list" id="form" aria-labelledby="landing-title">
                <h2 id="landing-title">{ i18n::LANDING_TITLE.get(lang) }</h2>
                <ul class="regions">
                    { for regions.iter().map(|(region, entries)| html! {
                        <li class="region">
                            <h3>{ region.get(lang) }</h3>
                            <ul>
                                { for entries.iter().map(|e| html! {
                                    <li>
                                        <a href={format!("r/{}/", e.id)} data-rubric={e.id.clone()}>{ e.space_type.get(lang) }</a>
                                        <span class="landing-doc" lang="zh-CN">{ format!("《{}》", e.title) }</span>
                                    </li>
                                }) }
                            </ul>
                        </li>
                    }) }
                </ul>
                <p class="landing-hint">{ i18n::LANDING_HINT.get(lang) }</p>
                <p class="site-links">
                    <a id="district-link" href="district/">{ i18n::DISTRICT_LINK.get(lang) }</a>
                    <span class="help">{ i18n::DISTRICT_LINK_HINT.get(lang) }</span>
                </p>
                <p class="site-links">
                    <a id="studio-link" href="studio/">{ i18n::STUDIO_LINK.get(lang) }</a>
                    <span class="help">{ i18n::STUDIO_LINK_HINT.get(lang) }</span>
                </p>
            </main>
        </div>
    }
}
