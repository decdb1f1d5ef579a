//! The document as a form: every value of the rubric file is a field at its path, every
//! list can grow and shrink, every table can take a key. A term's form comes from its kind's
//! keys (`spacescore_core::kinds::KINDS`): a new kind gets its form with no change here.
//! The checker's messages are shown beside the item, group or section they concern.

use spacescore_core::check::Problem;
use spacescore_core::kinds::{KindInfo, COMMON_KEYS, KINDS};
use spacescore_core::rubric::source::Val;
use spacescore_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::doc::{is_flagged, Doc};
use crate::i18n::{self, key_label};
use crate::state::{item_path, Action, Drafted};
use crate::tree::{at, dom_id, key, section, template, typed, Path, KEYED};
use spacescore_ui::Shared;

/// The editor's properties.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The document.
    pub doc: Doc,
    /// What the drafter read, where the document was drafted.
    #[prop_or_default]
    pub drafted: Option<Shared<Drafted>>,
    /// The labels' language.
    pub lang: Lang,
    /// Where every edit goes.
    pub on_action: Callback<Action>,
}

/// Top-level parts with a section of their own (the rest are under “other parts”; the
/// worked examples are the test bench's).
const OWN: &[&str] = &["document", "rubrics", "groups", "items", "cases"];

/// The form.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let lang = props.lang;
    let doc = &props.doc;
    let on = &props.on_action;
    let tree = &*doc.tree;
    let section = |k: &str, title: i18n::L| {
        let path = vec![key(k)];
        html! {
            <section class="part" aria-labelledby={format!("part-{k}")}>
                <h3 id={format!("part-{k}")}>{ title.get(lang) }<code class="key">{ k }</code></h3>
                { match tree.get(k) {
                    Some(v) => value(&path, v, lang, on),
                    None => html! {},
                } }
            </section>
        }
    };
    let groups = tree.get("groups").map(Val::items).unwrap_or_default();
    let groups = groups.iter().enumerate().map(|(i, g)| {
        let path = vec![key("groups"), at(i)];
        let id = text_of(g, "id");
        let problems = doc.problems_at(&format!("group {id}"));
        html! {
            <details class="entry group-entry" key={i}>
                <summary>{ format!("{}  {}", id, text_of(g, "name")) }{ badge(problems.len(), lang) }</summary>
                { problem_list(&problems, lang) }
                { value(&path, g, lang, on) }
                { remove_button(&path, &id, lang, on) }
            </details>
        }
    });
    let items = doc.items().iter().enumerate().map(|(i, item)| {
        let report = props
            .drafted
            .as_ref()
            .and_then(|d| d.item(&text_of(item, "id")).cloned());
        html! { <ItemForm key={i} index={i} item={item.clone()} problems={doc.problems_at(&format!("item {}", text_of(item, "id"))).into_iter().cloned().collect::<Vec<_>>()} report={report} lang={lang} on_action={on.clone()} /> }
    });
    let others = match tree {
        Val::Table(pairs) => pairs
            .iter()
            .filter(|(k, _)| !OWN.contains(&k.as_str()))
            .map(|(k, v)| {
                let path = vec![key(k)];
                html! {
                    <details class="entry" key={k.clone()}>
                        <summary>{ label_of(k, lang) }</summary>
                        { value(&path, v, lang, on) }
                        { remove_button(&path, k, lang, on) }
                    </details>
                }
            })
            .collect::<Html>(),
        _ => html! {},
    };
    html! {
        <div class="editor">
            { section("document", i18n::DOCUMENT) }
            { section("rubrics", i18n::RUBRICS) }
            <section class="part" aria-labelledby="part-groups">
                <h3 id="part-groups">{ i18n::GROUPS.get(lang) }<code class="key">{ "groups" }</code></h3>
                { for groups }
                { add_button(&[key("groups")], i18n::GROUPS, lang, on) }
            </section>
            <section class="part" aria-labelledby="part-items">
                <h3 id="part-items">{ i18n::ITEMS.get(lang) }<code class="key">{ "items" }</code></h3>
                { for items }
                { add_button(&[key("items")], i18n::ITEMS, lang, on) }
            </section>
            <section class="part" aria-labelledby="part-other">
                <h3 id="part-other">{ i18n::OTHER.get(lang) }</h3>
                { others }
                { add_section(tree, lang, on) }
            </section>
        </div>
    }
}

/// An item's form's properties.
#[derive(Properties, PartialEq)]
pub struct ItemFormProps {
    /// The item's index.
    pub index: usize,
    /// The item as the file has it.
    pub item: Val,
    /// The checker's problems with it.
    pub problems: Vec<Problem>,
    /// What the drafter read for it.
    #[prop_or_default]
    pub report: Option<spacescore_draft::ItemReport>,
    /// The labels' language.
    pub lang: Lang,
    /// Where every edit goes.
    pub on_action: Callback<Action>,
}

/// One item: its keys, its terms (each by its kind's keys), what the drafter read, whether
/// it needs review, and the checker's messages about it.
#[component]
pub fn ItemForm(props: &ItemFormProps) -> Html {
    let lang = props.lang;
    let on = &props.on_action;
    let item = &props.item;
    let path = item_path(props.index);
    let id = text_of(item, "id");
    let flagged = is_flagged(item);
    let problems: Vec<&Problem> = props.problems.iter().collect();
    let keys = table_keys(&path, item, |k| k != "terms", lang, on);
    let terms = item.get("terms").map(Val::items).unwrap_or_default();
    let terms = terms.iter().enumerate().map(|(t, term)| {
        let mut p = path.clone();
        p.push(key("terms"));
        p.push(at(t));
        term_form(&p, t, term, lang, on)
    });
    let reviewed = {
        let on = on.clone();
        let index = props.index;
        Callback::from(move |_: MouseEvent| on.emit(Action::Reviewed(index)))
    };
    let kind_id = format!("{}-new-kind", dom_id(&path));
    let add_term = {
        let on = on.clone();
        let index = props.index;
        let kind_id = kind_id.clone();
        Callback::from(move |_: MouseEvent| {
            let kind = control_value(&kind_id);
            if !kind.is_empty() {
                on.emit(Action::AddTerm(index, kind));
            }
        })
    };
    let read = props.report.as_ref().map(|r| {
        let lines = r.recognised.iter().map(|w| {
            html! { <li><q>{ w.words.clone() }</q>{ " → " }{ w.read_as.get(lang).to_string() }</li> }
        });
        let review = r.review.iter().map(|t| html! { <li class="review">{ t.get(lang).to_string() }</li> });
        html! {
            <div class="read-as">
                <h4>{ i18n::READ_AS.get(lang) }{ i18n::paren(lang, &format!("{} {}", r.row, if lang == Lang::Zh { "行" } else { "row" })) }</h4>
                <ul>{ for lines }{ for review }</ul>
            </div>
        }
    });
    let name = text_of(item, "name");
    let max = text_of(item, "max");
    html! {
        <details class={classes!("entry", "item-entry", flagged.then_some("flagged"))} data-item={id.clone()}>
            <summary>
                { if max.is_empty() { format!("{id}  {name}") } else { format!("{id}  {name}（{max}）") } }
                if flagged { <span class="flag">{ i18n::FLAGGED.get(lang) }</span> }
                { badge(problems.len(), lang) }
            </summary>
            { problem_list(&problems, lang) }
            { for read }
            if flagged {
                <p><button type="button" class="reviewed" onclick={reviewed}>{ i18n::REVIEWED.get(lang) }</button></p>
            }
            { keys }
            <fieldset class="terms">
                <legend>{ i18n::TERMS.get(lang) }</legend>
                { for terms }
                <p class="add-term">
                    <label for={kind_id.clone()}>{ i18n::KIND.get(lang) }</label>
                    <select id={kind_id}>
                        { for KINDS.iter().map(|k| html! { <option value={k.name}>{ format!("{} — {}", k.name, kind_summary(k, lang)) }</option> }) }
                    </select>
                    <button type="button" onclick={add_term}>{ i18n::ADD_TERM.get(lang) }</button>
                </p>
            </fieldset>
            { add_key(&path, lang, on) }
            { remove_button(&path, &id, lang, on) }
        </details>
    }
}

fn kind_summary(k: &KindInfo, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => k.summary.0,
        Lang::En => k.summary.1,
    }
}

/// A term: its kind, then every key its kind takes (present or not), each with what it
/// means; keys the kind does not take are shown too, so the checker's message about them
/// has a field to fix.
fn term_form(path: &Path, t: usize, term: &Val, lang: Lang, on: &Callback<Action>) -> Html {
    let kind = text_of(term, "kind");
    let info = KINDS.iter().find(|k| k.name == kind);
    let select_id = dom_id(&[path.as_slice(), &[key("kind")]].concat());
    let on_kind = {
        let on = on.clone();
        let mut p = path.clone();
        p.push(key("kind"));
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            on.emit(Action::Set(p.clone(), Val::Text(v)));
        })
    };
    let known: Vec<&spacescore_core::kinds::Key> = COMMON_KEYS
        .iter()
        .filter(|k| k.name != "kind")
        .chain(info.map(|i| i.keys).unwrap_or_default())
        .collect();
    let fields = known.iter().map(|k| {
        let mut p = path.clone();
        p.push(key(k.name));
        let meaning = match lang {
            Lang::Zh => k.zh,
            Lang::En => k.en,
        };
        let label = format!("{}{}", k.name, if k.required { " *" } else { "" });
        match term.get(k.name) {
            Some(v @ (Val::List(_) | Val::Table(_))) => html! {
                <fieldset class="nested"><legend>{ label }<span class="meaning">{ meaning }</span></legend>{ value(&p, v, lang, on) }</fieldset>
            },
            v => scalar(&p, &label, Some(meaning), v, lang, on),
        }
    });
    let extra = table_keys(
        path,
        term,
        |k| k != "kind" && !known.iter().any(|n| n.name == k),
        lang,
        on,
    );
    html! {
        <fieldset class="term" key={t}>
            <legend>{ format!("{} {}", i18n::TERM.get(lang), t + 1) }</legend>
            <p class="field">
                <label for={select_id.clone()}>{ i18n::KIND.get(lang) }</label>
                <select id={select_id} onchange={on_kind}>
                    if info.is_none() { <option value={kind.clone()} selected=true>{ kind.clone() }</option> }
                    { for KINDS.iter().map(|k| html! { <option value={k.name} selected={k.name == kind}>{ format!("{} — {}", k.name, kind_summary(k, lang)) }</option> }) }
                </select>
            </p>
            { for fields }
            { extra }
            { remove_button(path, &format!("{} {}", i18n::TERM.get(lang), t + 1), lang, on) }
        </fieldset>
    }
}

/// The text under `k` of a table, or nothing.
pub fn text_of(v: &Val, k: &str) -> String {
    v.get(k).and_then(Val::as_text).unwrap_or_default()
}

fn label_of(k: &str, lang: Lang) -> String {
    match key_label(k) {
        Some(l) => format!("{}（{k}）", l.get(lang)),
        None => k.to_string(),
    }
}

/// Any value at `path`: a table's keys, a list's entries, or one field.
pub fn value(path: &Path, v: &Val, lang: Lang, on: &Callback<Action>) -> Html {
    match v {
        Val::Table(_) => html! {
            <div class="table">
                { table_keys(path, v, |_| true, lang, on) }
                { add_key(path, lang, on) }
            </div>
        },
        Val::List(items) => html! {
            <div class="list">
                { for items.iter().enumerate().map(|(i, v)| {
                    let mut p = path.clone();
                    p.push(at(i));
                    let name = format!("{}", i + 1);
                    match v {
                        Val::Table(_) | Val::List(_) => html! {
                            <fieldset class="nested" key={i}>
                                <legend>{ name.clone() }</legend>
                                { value(&p, v, lang, on) }
                                { remove_button(&p, &name, lang, on) }
                            </fieldset>
                        },
                        _ => html! {
                            <div class="list-entry" key={i}>
                                { scalar(&p, &name, None, Some(v), lang, on) }
                                { remove_button(&p, &name, lang, on) }
                            </div>
                        },
                    }
                }) }
                { add_button(path, i18n::ADD, lang, on) }
            </div>
        },
        _ => scalar(path, "", None, Some(v), lang, on),
    }
}

/// The keys of the table `v` at `path` that `keep` keeps, each with its value.
fn table_keys(
    path: &[crate::tree::Step],
    v: &Val,
    keep: impl Fn(&str) -> bool,
    lang: Lang,
    on: &Callback<Action>,
) -> Html {
    let Val::Table(pairs) = v else {
        return html! {};
    };
    // In the order the file writes them (an item's id first, its terms last).
    let order = spacescore_core::rubric::source::order(crate::tree::section(path));
    let rank = |k: &str| order.iter().position(|x| *x == k).unwrap_or(order.len());
    let mut pairs: Vec<&(String, Val)> = pairs.iter().collect();
    pairs.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    pairs
        .into_iter()
        .filter(|(k, _)| keep(k))
        .map(|(k, v)| {
            let mut p = path.to_vec();
            p.push(key(k));
            keyed(&p, k, v, lang, on)
        })
        .collect()
}

/// A key of a table and its value.
fn keyed(path: &Path, k: &str, v: &Val, lang: Lang, on: &Callback<Action>) -> Html {
    match v {
        Val::Table(_) | Val::List(_) => html! {
            <fieldset class="nested">
                <legend>{ label_of(k, lang) }</legend>
                { value(path, v, lang, on) }
                { remove_button(path, k, lang, on) }
            </fieldset>
        },
        _ => html! {
            <div class="keyed">
                { scalar(path, &label_of(k, lang), None, Some(v), lang, on) }
            </div>
        },
    }
}

/// One field: a check box for yes/no, else text (a long text in a text area).
fn scalar(
    path: &Path,
    label: &str,
    meaning: Option<&str>,
    v: Option<&Val>,
    lang: Lang,
    on: &Callback<Action>,
) -> Html {
    let id = dom_id(path);
    let label = if label.is_empty() {
        path.last()
            .map(|s| match s {
                crate::tree::Step::Key(k) => label_of(k, lang),
                crate::tree::Step::At(i) => (i + 1).to_string(),
            })
            .unwrap_or_default()
    } else {
        label.to_string()
    };
    let meaning = meaning.map(|m| html! { <span class="meaning">{ m.to_string() }</span> });
    if let Some(Val::Bool(b)) = v {
        let on = on.clone();
        let p = path.clone();
        let onchange = Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            on.emit(Action::Set(p.clone(), Val::Bool(checked)));
        });
        return html! {
            <p class="field check">
                <input type="checkbox" id={id.clone()} checked={*b} {onchange} />
                <label for={id}>{ label }</label>{ for meaning }
            </p>
        };
    }
    let text = v.and_then(Val::as_text).unwrap_or_default();
    let old = v.cloned();
    let p = path.clone();
    let on = on.clone();
    // Clearing a key the file did not have leaves it out, rather than writing it empty.
    let set = move |s: String| match (&old, s.is_empty()) {
        (None, true) => on.emit(Action::Remove(p.clone())),
        _ => on.emit(Action::Set(p.clone(), typed(old.as_ref(), &s))),
    };
    let long = is_long(path);
    let input = if long {
        let oninput = Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        html! { <textarea id={id.clone()} rows="3" value={text} {oninput} /> }
    } else {
        let oninput = Callback::from(move |e: InputEvent| {
            set(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! { <input type="text" id={id.clone()} value={text} placeholder={i18n::NOT_SET.get(lang)} {oninput} /> }
    };
    html! {
        <p class="field">
            <label for={id}>{ label }</label>{ for meaning }
            { input }
        </p>
    }
}

/// Keys whose text is a sentence or more (a quotation, a note): a text area. Decided by the
/// key, not the text, so that a field never turns into another element while typed into.
const LONG: &[&str] = &[
    "source_text",
    "rule_text",
    "clause",
    "title",
    "section",
    "period",
    "explanation",
    "text",
    "evidence",
    "description",
    "not_stated",
    "notes",
];

fn is_long(path: &[crate::tree::Step]) -> bool {
    let named = |s: Option<&crate::tree::Step>| matches!(s, Some(crate::tree::Step::Key(k)) if LONG.contains(&k.as_str()));
    let mut rev = path.iter().rev();
    match rev.next() {
        Some(crate::tree::Step::At(_)) => named(rev.next()),
        last => named(last),
    }
}

/// A button that removes the value at `path`.
fn remove_button(path: &Path, what: &str, lang: Lang, on: &Callback<Action>) -> Html {
    let on = on.clone();
    let p = path.clone();
    let onclick = Callback::from(move |_: MouseEvent| on.emit(Action::Remove(p.clone())));
    html! {
        <button type="button" class="remove" aria-label={format!("{} {what}", i18n::REMOVE.get(lang))} {onclick}>{ i18n::REMOVE.get(lang) }</button>
    }
}

/// A button that adds an entry to the list at `path` (shaped like its last entry).
fn add_button(
    path: &[crate::tree::Step],
    what: i18n::L,
    lang: Lang,
    on: &Callback<Action>,
) -> Html {
    let on = on.clone();
    let p = path.to_vec();
    let onclick =
        Callback::from(move |_: MouseEvent| on.emit(Action::Add(p.clone(), template(section(&p)))));
    html! {
        <button type="button" class="add" id={format!("{}-add", dom_id(path))} {onclick}>{ format!("{} {}", i18n::ADD.get(lang), what.get(lang)) }</button>
    }
}

/// A key name and a button that adds it, empty, to the table at `path`.
fn add_key(path: &[crate::tree::Step], lang: Lang, on: &Callback<Action>) -> Html {
    let id = format!("{}-newkey", dom_id(path));
    let on = on.clone();
    let p = path.to_vec();
    let input_id = id.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        let Some(input) = gloo::utils::document()
            .get_element_by_id(&input_id)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(e).ok())
        else {
            return;
        };
        let k = input.value().trim().to_string();
        if k.is_empty() {
            return;
        }
        input.set_value("");
        // An entry of `[fields]` or `[uses]` is a table of its own.
        let value = match p.last() {
            Some(crate::tree::Step::Key(s)) if KEYED.contains(&s.as_str()) => template(s),
            _ => Val::Text(String::new()),
        };
        let mut path = p.clone();
        path.push(key(&k));
        on.emit(Action::Set(path, value));
    });
    html! {
        <p class="add-key">
            <label for={id.clone()}>{ i18n::KEY_NAME.get(lang) }</label>
            <input type="text" id={id} />
            <button type="button" {onclick}>{ i18n::ADD_KEY.get(lang) }</button>
        </p>
    }
}

/// The parts of the format the file does not have yet, to add: a list gets its first entry,
/// a table of ids (`fields`, `uses`) an empty table, a single value an empty text.
fn add_section(tree: &Val, lang: Lang, on: &Callback<Action>) -> Html {
    let missing: Vec<&'static str> = spacescore_core::rubric::source::order("")
        .iter()
        .copied()
        .filter(|k| tree.get(k).is_none() && *k != "cases")
        .collect();
    let on = on.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        let chosen = control_value("add-section");
        if let Some(action) = crate::state::add_section(&chosen) {
            on.emit(action);
        }
    });
    html! {
        <p class="add-key">
            <label for="add-section">{ i18n::ADD_SECTION.get(lang) }</label>
            <select id="add-section">
                { for missing.iter().map(|k| html! { <option value={*k}>{ label_of(k, lang) }</option> }) }
            </select>
            <button type="button" onclick={onclick}>{ i18n::ADD.get(lang) }</button>
        </p>
    }
}

/// The value of the form control with this DOM id (an input, a select or a text area), empty
/// where there is none.
pub fn control_value(id: &str) -> String {
    use wasm_bindgen::JsCast;
    let Some(e) = gloo::utils::document().get_element_by_id(id) else {
        return String::new();
    };
    if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
        return t.value();
    }
    e.dyn_ref::<HtmlInputElement>()
        .map(HtmlInputElement::value)
        .unwrap_or_default()
}

/// The number of problems, beside a heading.
fn badge(n: usize, lang: Lang) -> Html {
    if n == 0 {
        return html! {};
    }
    html! { <span class="problem-count">{ format!("{n} {}", i18n::CHECK_PROBLEMS.get(lang)) }</span> }
}

/// The checker's messages, each in one line.
pub fn problem_list(problems: &[&Problem], lang: Lang) -> Html {
    if problems.is_empty() {
        return html! {};
    }
    html! {
        <ul class="problems">
            { for problems.iter().map(|p| html! { <li>{ p.text(lang) }</li> }) }
        </ul>
    }
}
