//! Opening a rubric file, chosen with the picker's button or dropped on the page: its bytes
//! are read here, in the browser, and checked by the checker loaded only then
//! ([`crate::checker`]); nothing is uploaded. What the checker says goes to the page's
//! callback, which decides what to do with the rubrics or the problems.

use gloo::file::callbacks::FileReader;
use yew::prelude::*;

use crate::checker::{self, Checked};

/// What the checker said of a file: the file's name, and its rubrics or problems (or why it
/// could not be checked at all).
pub type CheckedFile = (String, Result<Checked, String>);

/// Opening rubric files, as [`use_rubric_file`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricFile {
    /// Where a file the person chose or dropped goes.
    pub open: Callback<web_sys::File>,
    /// Whether a file is being read or checked.
    pub checking: bool,
}

/// Reads and checks the rubric files given to [`RubricFile::open`], one at a time (a file
/// given while another is read replaces it), and hands each result to `on_checked`.
#[hook]
pub fn use_rubric_file(on_checked: Callback<CheckedFile>) -> RubricFile {
    let checking = use_state(|| false);
    let task = use_mut_ref(|| None::<FileReader>);
    let open = {
        let checking = checking.setter();
        Callback::from(move |file: web_sys::File| {
            let name = file.name();
            let file = gloo::file::File::from(file);
            let on_checked = on_checked.clone();
            let done = checking.clone();
            checking.set(true);
            let read = gloo::file::callbacks::read_as_bytes(&file, move |result| match result {
                Ok(bytes) => {
                    yew::platform::spawn_local(async move {
                        let result = checker::check(&bytes, &name).await;
                        done.set(false);
                        on_checked.emit((name, result));
                    });
                }
                Err(e) => {
                    done.set(false);
                    on_checked.emit((name, Err(e.to_string())));
                }
            });
            *task.borrow_mut() = Some(read);
        })
    };
    RubricFile {
        open,
        checking: *checking,
    }
}
