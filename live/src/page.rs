//! Writing a report into the prerendered page: each item's score, cap and explanation, its
//! figures, the group subtotals and bars, the summary (base, bonus, total, grade, veto, what
//! is missing), the fields' messages, and a form's warnings. Only what changed is touched,
//! so a screen reader's live regions announce what a keystroke changed and nothing else.
//!
//! The elements are the ones the app's components draw (the prerendered page is their
//! output), found by the `data-` attributes and ids the app gives them. The texts come from
//! [`crate::show`], which the components use too.

use spacescore_core::{FigureValue, Lang, Report, Rubric};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use crate::i18n::{self, pick};
use crate::show;

/// The width of a group's bar in the summary, in the SVG's units (as the app draws it).
pub const BAR_WIDTH: i64 = 260;

/// One item's card.
struct ItemParts {
    article: Element,
    score: Option<Element>,
    explanation: Option<Element>,
    figures: Vec<FigureParts>,
}

/// A computed figure's value and reference line.
struct FigureParts {
    id: String,
    value: Option<Element>,
    target: Option<Element>,
}

/// One field's message under its input, and its text box (for `aria-invalid`).
struct FieldParts {
    id: String,
    message: Element,
    input: Option<HtmlInputElement>,
}

/// A group's bar in the summary.
struct Bar {
    fill: Option<Element>,
    value: Option<Element>,
}

/// The parts of the prerendered page that a report changes, found once.
pub struct Page {
    document: Document,
    lang: Lang,
    items: Vec<Option<ItemParts>>,
    subtotals: Vec<Option<Element>>,
    bars: Vec<Bar>,
    fields: Vec<FieldParts>,
    vetoes: Vec<(String, Element)>,
    form_figures: Vec<FigureParts>,
    advice: Vec<Element>,
    stale: bool,
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect()
}

fn one(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn figures(root: &Element) -> Vec<FigureParts> {
    all(root, "li[data-figure]")
        .into_iter()
        .filter_map(|li| {
            Some(FigureParts {
                id: li.get_attribute("data-figure")?,
                value: one(&li, ".figure-value"),
                target: one(&li, ".figure-target"),
            })
        })
        .collect()
}

fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

fn set_class(el: &Element, class: &str, on: bool) {
    if el.class_list().contains(class) != on {
        let _ = el.class_list().toggle_with_force(class, on);
    }
}

fn set_hidden(el: &Element, hidden: bool) {
    if el.has_attribute("hidden") != hidden {
        let _ = el.toggle_attribute_with_force("hidden", hidden);
    }
}

impl Page {
    /// Finds the parts of the page under `root` that show `rubric`'s report.
    pub fn find(document: Document, root: &Element, rubric: &Rubric) -> Page {
        let lang = match document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
        {
            Some(l) if l.starts_with("en") => Lang::En,
            _ => Lang::Zh,
        };
        let mut items: Vec<Option<ItemParts>> = rubric.items().iter().map(|_| None).collect();
        for article in all(root, "article[data-item]") {
            let id = article.get_attribute("data-item").unwrap_or_default();
            if let Some(i) = rubric.items().iter().position(|it| it.id() == id) {
                if let Some(slot) = items.get_mut(i) {
                    *slot = Some(ItemParts {
                        score: one(&article, ".item-score"),
                        explanation: one(&article, ".explanation"),
                        figures: figures(&article),
                        article,
                    });
                }
            }
        }
        let mut subtotals: Vec<Option<Element>> = rubric.groups().iter().map(|_| None).collect();
        for section in all(root, "section[data-group]") {
            let id = section.get_attribute("data-group").unwrap_or_default();
            if let Some(i) = rubric.groups().iter().position(|g| g.id() == id) {
                if let Some(slot) = subtotals.get_mut(i) {
                    *slot = one(&section, ".group-subtotal");
                }
            }
        }
        let bars = all(root, "figure.bars svg > g")
            .into_iter()
            .map(|g| Bar {
                fill: one(&g, "rect.bar-fill"),
                value: one(&g, "text.bar-value"),
            })
            .collect();
        let fields = rubric
            .fields()
            .values()
            .filter_map(|f| {
                let input = show::input_id(f.id());
                let message = document.get_element_by_id(&format!("{input}-error"))?;
                Some(FieldParts {
                    id: f.id().to_string(),
                    message,
                    input: document
                        .get_element_by_id(&input)
                        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok()),
                })
            })
            .collect();
        let vetoes = all(root, "li[data-veto]")
            .into_iter()
            .filter_map(|li| Some((li.get_attribute("data-veto")?, li)))
            .collect();
        let form_figures = one(root, "ul.form-figures")
            .map(|ul| figures(&ul))
            .unwrap_or_default();
        let mut advice = all(root, ".advice");
        advice.extend(all(root, ".next-step"));
        Page {
            document,
            lang,
            items,
            subtotals,
            bars,
            fields,
            vetoes,
            form_figures,
            advice,
            stale: false,
        }
    }

    fn by_id(&self, id: &str) -> Option<Element> {
        self.document.get_element_by_id(id)
    }

    fn mark(&self, class: &str, text: &str, title: Option<&str>) -> Option<Element> {
        let mark = self.document.create_element("mark").ok()?;
        mark.set_class_name(class);
        mark.set_text_content(Some(text));
        if let Some(t) = title {
            let _ = mark.set_attribute("title", t);
        }
        Some(mark)
    }

    /// Writes `report` into the page.
    pub fn write(&self, rubric: &Rubric, report: &Report) {
        let lang = self.lang;
        for (parts, score) in self.items.iter().zip(&report.items) {
            let Some(parts) = parts else { continue };
            set_class(&parts.article, "capped", score.capped);
            set_class(&parts.article, "invalid", score.score.is_none());
            if let Some(el) = &parts.score {
                let value = score
                    .score
                    .map(spacescore_core::fmt_dec)
                    .unwrap_or_default();
                let shown = el.get_attribute("data-score").unwrap_or_default() == value
                    && el.query_selector(".cap").ok().flatten().is_some() == score.capped
                    && el.query_selector(".unscored").ok().flatten().is_some()
                        == score.score.is_none();
                if !shown {
                    let _ = el.set_attribute("data-score", &value);
                    el.set_text_content(Some(&show::item_score(score.score, score.max)));
                    if score.capped {
                        if let Some(m) = self.mark(
                            "cap",
                            i18n::CAPPED.get(lang),
                            Some(i18n::CAPPED_TITLE.get(lang)),
                        ) {
                            let _ = el.append_child(&m);
                        }
                    }
                    if score.score.is_none() {
                        if let Some(m) = self.mark("unscored", i18n::NOT_SCORED.get(lang), None) {
                            let _ = el.append_child(&m);
                        }
                    }
                }
            }
            if let Some(el) = &parts.explanation {
                set_text(el, pick(lang, &score.explanation, &score.explanation_en));
            }
            self.write_figures(&parts.figures, &score.figures);
        }
        for ((el, group), def) in self
            .subtotals
            .iter()
            .zip(&report.groups)
            .zip(rubric.groups())
        {
            if let Some(el) = el {
                set_attr(el, "data-subtotal", &spacescore_core::fmt_dec(group.score));
                set_text(el, &show::out_of(group.score, def.max()));
            }
        }
        for (bar, group) in self.bars.iter().zip(&report.groups) {
            if let Some(fill) = &bar.fill {
                let length = show::bar_length(group.score, group.max, BAR_WIDTH);
                set_attr(fill, "width", &length.to_string());
            }
            if let Some(value) = &bar.value {
                set_text(value, &show::out_of(group.score, group.max));
            }
        }
        self.write_summary(rubric, report);
        for field in &self.fields {
            let error = report.errors.iter().find(|e| e.field == field.id);
            let message = error.map(|e| pick(lang, &e.message, &e.message_en));
            set_text(&field.message, message.unwrap_or_default());
            set_hidden(&field.message, message.is_none());
            if let Some(wrapper) = field.message.parent_element() {
                set_class(&wrapper, "invalid", message.is_some());
            }
            if let Some(input) = &field.input {
                set_attr(
                    input,
                    "aria-invalid",
                    if message.is_some() { "true" } else { "false" },
                );
            }
        }
        for (id, li) in &self.vetoes {
            let on = rubric
                .vetoes()
                .iter()
                .find(|v| v.id() == id)
                .is_some_and(|v| show::veto_on(report, v));
            set_class(li, "on", on);
        }
        self.write_figures(&self.form_figures, &report.figures);
        self.write_warnings(report);
    }

    fn write_figures(&self, parts: &[FigureParts], values: &[FigureValue]) {
        for part in parts {
            let Some(f) = values.iter().find(|f| f.id == part.id) else {
                continue;
            };
            if let Some(el) = &part.value {
                set_text(el, &f.display);
            }
            if let (Some(el), Some(target)) = (&part.target, show::figure_target(f, self.lang)) {
                set_text(el, &target);
            }
        }
    }

    fn write_summary(&self, rubric: &Rubric, report: &Report) {
        let lang = self.lang;
        if let Some(el) = self.by_id("score-base") {
            set_text(&el, &show::or_dash(report.base));
        }
        if let Some(el) = self.by_id("score-bonus") {
            set_text(&el, &show::or_dash(report.bonus));
            let mark = self.by_id("bonus-capped");
            match (&mark, report.bonus_capped, el.parent_element()) {
                (Some(m), false, _) => m.remove(),
                (None, true, Some(dd)) => {
                    if let Some(m) = self.mark("cap", i18n::BONUS_CAPPED.get(lang), None) {
                        m.set_id("bonus-capped");
                        let _ = dd.append_child(&m);
                    }
                }
                _ => {}
            }
        }
        if let Some(el) = self.by_id("score-total") {
            set_text(&el, &show::or_dash(report.total));
        }
        if let Some(el) = self.by_id("grade") {
            set_text(&el, &show::grade(rubric, report, lang));
            set_class(&el, "none", report.grade.is_none());
            if let Some(line) = el.parent_element() {
                set_class(&line, "none", report.grade.is_none());
            }
        }
        if let Some(el) = self.by_id("veto-status") {
            let veto = show::veto(rubric, report, lang);
            set_text(&el, &veto.text);
            set_class(&el, "on", veto.on);
            set_class(&el, "pending", veto.pending);
        }
        self.write_grade_notes(report);
        if let Some(el) = self.by_id("missing-count") {
            set_text(&el, &show::missing(report, lang));
            let count = self.by_id("error-count");
            match (&count, report.errors.is_empty(), el.parent_element()) {
                (Some(c), true, _) => c.remove(),
                (Some(c), false, _) => set_text(c, &show::errors(report, lang)),
                (None, false, Some(line)) => {
                    if let Ok(c) = self.document.create_element("span") {
                        c.set_id("error-count");
                        c.set_class_name("errors");
                        c.set_text_content(Some(&show::errors(report, lang)));
                        let _ = line.append_child(&c);
                    }
                }
                (None, true, _) | (None, false, None) => {}
            }
        }
        if let Some(el) = self.by_id("warning-count") {
            set_text(&el, &show::warnings(report, lang));
            set_class(&el, "on", !report.warnings.is_empty());
        }
    }

    /// Why the grade is lower than the total alone would give (a clause that caps it), one
    /// line each, above the summary's status line.
    fn write_grade_notes(&self, report: &Report) {
        let Some(summary) = self.by_id("summary") else {
            return;
        };
        let notes = match self.lang {
            Lang::Zh => &report.grade_notes,
            Lang::En => &report.grade_notes_en,
        };
        let shown = all(&summary, ".grade-note");
        if shown.len() == notes.len()
            && shown
                .iter()
                .zip(notes)
                .all(|(el, n)| el.text_content().as_deref() == Some(n.as_str()))
        {
            return;
        }
        for el in &shown {
            el.remove();
        }
        let before = one(&summary, ".status-line");
        for note in notes {
            if let Ok(p) = self.document.create_element("p") {
                p.set_class_name("grade-note");
                p.set_text_content(Some(note));
                let _ = summary.insert_before(&p, before.as_ref().map(|b| b.as_ref()));
            }
        }
    }

    /// A form's consistency warnings, as a list (or the line that says there are none).
    fn write_warnings(&self, report: &Report) {
        let Some(results) = self
            .document
            .query_selector(".check-results")
            .ok()
            .flatten()
        else {
            return;
        };
        let lang = self.lang;
        let lines: Vec<&str> = report
            .warnings
            .iter()
            .map(|w| pick(lang, &w.message, &w.message_en))
            .collect();
        let shown: Vec<String> = all(&results, "li")
            .iter()
            .map(|li| li.text_content().unwrap_or_default())
            .collect();
        if shown == lines && (lines.is_empty() == one(&results, ".ok").is_some()) {
            return;
        }
        results.set_text_content(None);
        let made = if lines.is_empty() {
            self.document.create_element("p").inspect(|p| {
                p.set_class_name("ok");
                p.set_text_content(Some(i18n::NO_WARNINGS.get(lang)));
            })
        } else {
            self.document.create_element("ul").inspect(|ul| {
                ul.set_class_name("warnings");
                for line in &lines {
                    if let Ok(li) = self.document.create_element("li") {
                        li.set_text_content(Some(line));
                        let _ = ul.append_child(&li);
                    }
                }
            })
        };
        if let Ok(el) = made {
            let _ = results.append_child(&el);
        }
    }

    /// Marks the advice (the next step under each item, the 提分空间 panel) as not yet
    /// following the figures: the advisor comes with the app.
    pub fn advice_pending(&mut self) {
        if self.stale {
            return;
        }
        self.stale = true;
        for el in &self.advice {
            let _ = el.set_attribute("aria-busy", "true");
        }
    }
}
