//! The top of the page: loads the rubric catalog once, then hands over to [`App`].

use std::rc::Rc;

use spacescore_core::Catalog;
use yew::prelude::*;

use crate::components::app::App;
use crate::Shared;

/// Loads the catalog; shows an error instead of the form if the built-in data is broken
/// (the test suite rules that out, but the page must never go blank).
#[component]
pub fn Root() -> Html {
    let catalog = use_memo((), |_| Catalog::builtin().map(Rc::new));
    match &*catalog {
        Ok(c) => html! { <App catalog={Shared(Rc::clone(c))} /> },
        Err(e) => html! {
            <main class="fatal" role="alert">
                <h1>{ "spacescore" }</h1>
                <p>{ format!("评价数据无法加载 / The rubric data cannot be loaded: {e}") }</p>
            </main>
        },
    }
}
