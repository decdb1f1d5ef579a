//! What the page shows when no rubric can be shown at all (the site's rubric files are
//! missing, or an embed's rubric file has problems): never a blank page.

use yew::prelude::*;

/// The message's properties.
#[derive(Properties, PartialEq)]
pub struct FatalProps {
    /// What went wrong.
    pub message: String,
}

/// A page-sized error.
#[component]
pub fn Fatal(props: &FatalProps) -> Html {
    html! {
        <main class="fatal" role="alert">
            <h1>{ "spacescore" }</h1>
            <p>{ "评价表无法加载 / The rubric cannot be loaded:" }</p>
            <pre class="fatal-detail">{ props.message.clone() }</pre>
        </main>
    }
}
