//! Files a person gives a page: chosen with a file input, or dropped anywhere on the page
//! (the handlers for its outermost element, and whether a file is being dragged over it, so
//! that the page shows where to drop).

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The `onchange` of a file input: hands the file chosen to `on_file`, then empties the input
/// so that the same file can be chosen again after it is edited.
pub fn on_chosen(on_file: &Callback<web_sys::File>) -> Callback<Event> {
    on_chosen_all(&first(on_file))
}

/// The `onchange` of a file input that takes several (`multiple`): hands every file chosen
/// to `on_files`, then empties the input.
pub fn on_chosen_all(on_files: &Callback<Vec<web_sys::File>>) -> Callback<Event> {
    let on_files = on_files.clone();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let files = all(input.files());
        if !files.is_empty() {
            on_files.emit(files);
        }
        input.set_value("");
    })
}

/// Every file of a list.
fn all(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// A callback for several files that hands the first on to `on_file`.
fn first(on_file: &Callback<web_sys::File>) -> Callback<Vec<web_sys::File>> {
    let on_file = on_file.clone();
    Callback::from(move |files: Vec<web_sys::File>| {
        if let Some(file) = files.into_iter().next() {
            on_file.emit(file);
        }
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
    use_drop_target_all(enabled, first(&on_file))
}

/// Takes the files dropped on the element the handlers are put on, every one, and hands them
/// to `on_files` ([`use_drop_target`] for one file).
#[hook]
pub fn use_drop_target_all(enabled: bool, on_files: Callback<Vec<web_sys::File>>) -> DropTarget {
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
            let files = all(e.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                on_files.emit(files);
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
