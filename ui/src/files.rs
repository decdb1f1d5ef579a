//! Files a person gives a page: chosen with a file input, or dropped anywhere on the page
//! (the handlers for its outermost element, and whether a file is being dragged over it, so
//! that the page shows where to drop).

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The `onchange` of a file input: hands the file chosen to `on_file`, then empties the input
/// so that the same file can be chosen again after it is edited.
pub fn on_chosen(on_file: &Callback<web_sys::File>) -> Callback<Event> {
    let on_file = on_file.clone();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_file.emit(file);
        }
        input.set_value("");
    })
}

/// The drop handlers, as [`use_drop_target`] gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct DropTarget {
    /// Whether a file is being dragged over the page.
    pub dragging: bool,
    /// For the element's `ondragover`.
    pub ondragover: Callback<DragEvent>,
    /// For the element's `ondragleave`.
    pub ondragleave: Callback<DragEvent>,
    /// For the element's `ondrop`.
    pub ondrop: Callback<DragEvent>,
}

/// Takes a file dropped on the element the handlers are put on, and hands it to `on_file`.
/// While `enabled` is false nothing is taken: the browser does with a dropped file what it
/// does without the page.
#[hook]
pub fn use_drop_target(enabled: bool, on_file: Callback<web_sys::File>) -> DropTarget {
    let dragging = use_state(|| false);
    let set = dragging.setter();
    let ondragover = {
        let dragging = set.clone();
        Callback::from(move |e: DragEvent| {
            if enabled {
                e.prevent_default();
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = set.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = set;
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            if !enabled {
                return;
            }
            e.prevent_default();
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                on_file.emit(file);
            }
        })
    };
    DropTarget {
        dragging: *dragging,
        ondragover,
        ondragleave,
        ondrop,
    }
}
