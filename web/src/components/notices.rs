//! Messages above the form: what an import or a share link did, data kept aside, problems.

use spacescore_core::Lang;
use spacescore_ui::download::download;
use spacescore_ui::store;
use yew::prelude::*;

use crate::i18n;
use crate::state::{Action, Notice, NoticeAction, NoticeKind};

/// The notices' properties.
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The messages.
    pub notices: Vec<Notice>,
    /// The labels' language.
    pub lang: Lang,
    /// Where changes go.
    pub on_action: Callback<Action>,
}

/// Offers the raw text kept aside under `key` as a file.
fn download_kept(key: &str) {
    if let Some(raw) = store::read(key) {
        download("spacescore-kept.txt", "text/plain", raw.as_bytes());
    }
}

/// The list of notices.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let lang = props.lang;
    let items = props.notices.iter().map(|n| {
        let kind = match n.kind {
            NoticeKind::Info => "info",
            NoticeKind::Warning => "warning",
            NoticeKind::Error => "error",
        };
        let dismiss = {
            let on_action = props.on_action.clone();
            let id = n.id;
            Callback::from(move |_: MouseEvent| on_action.emit(Action::Dismiss(id)))
        };
        let action = n.action.as_ref().map(|a| match a {
            NoticeAction::Restore(key) => {
                let on_action = props.on_action.clone();
                let key = key.clone();
                // Reading the kept copy is the browser's part; what it read goes to the state.
                let onclick = Callback::from(move |_: MouseEvent| {
                    on_action.emit(Action::Restore(key.clone(), store::read(&key)))
                });
                html! { <button type="button" class="notice-action" {onclick}>{ i18n::RESTORE.get(lang) }</button> }
            }
            NoticeAction::Download(key) => {
                let key = key.clone();
                let onclick = Callback::from(move |_: MouseEvent| download_kept(&key));
                html! { <button type="button" class="notice-action" {onclick}>{ i18n::DOWNLOAD_KEPT.get(lang) }</button> }
            }
        });
        html! {
            <li key={n.id} class={classes!("notice", kind)}>
                <span class="notice-text">{ n.text.get(lang).to_string() }</span>
                { for action }
                <button type="button" class="notice-dismiss" onclick={dismiss}>{ i18n::DISMISS.get(lang) }</button>
            </li>
        }
    });
    // The list is the live region: a notice added to it is announced. A role on each item
    // would take away its list item role (axe: list, aria-allowed-role).
    html! { <ul class="notices" id="notices" aria-live="polite">{ for items }</ul> }
}
