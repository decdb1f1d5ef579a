//! One field's input: a text box for figures (so what was typed is kept exactly, even
//! when it cannot be read), yes/no radio buttons, or a checklist. An unreadable value
//! shows the core's message under the box, announced to screen readers.

use spacescore_core::input::{read, Reading};
use spacescore_core::{Field, FieldError, FieldKind, Lang, Value};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{self, pick};
use crate::layout::input_id;

/// A field input's properties.
#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    /// The field.
    pub field: Field,
    /// What was typed, if anything.
    pub value: Option<Value>,
    /// Why it cannot be read, if it cannot.
    #[prop_or_default]
    pub error: Option<FieldError>,
    /// A label to use instead of the field's name.
    #[prop_or_default]
    pub label: Option<String>,
    /// A unit to show instead of the field's (a form's own unit column).
    #[prop_or_default]
    pub unit: Option<String>,
    /// The labels' language.
    pub lang: Lang,
    /// Where what is typed or chosen goes: the field's id and its new value. Without it the
    /// figure is only shown (a page that shows a filing as it is).
    #[prop_or_default]
    pub on_set: Option<Callback<(String, Value)>>,
}

/// One input.
#[component]
pub fn FieldInput(props: &FieldInputProps) -> Html {
    let field = &props.field;
    let lang = props.lang;
    let id = input_id(field.id());
    let error_id = format!("{id}-error");
    // A field whose period differs between documents shows this document's period.
    let label = props.label.clone().unwrap_or_else(|| match field.period() {
        Some(p) => format!(
            "{}{}",
            field.name().get(lang),
            i18n::paren(lang, p.get(lang))
        ),
        None => field.name().get(lang).to_string(),
    });
    let message = props
        .error
        .as_ref()
        .map(|e| pick(lang, &e.message, &e.message_en).to_string());
    let error_view = html! {
        <p class="field-error" id={error_id.clone()} role="alert" hidden={message.is_none()}>
            { message.clone().unwrap_or_default() }
        </p>
    };
    // What each control emits: the field's new value, which goes out with the field's id.
    let set = {
        let field_id = field.id().to_string();
        props
            .on_set
            .clone()
            .unwrap_or_default()
            .reform(move |value: Value| (field_id.clone(), value))
    };
    match field.kind() {
        FieldKind::Bool => {
            let answer = props.value.as_ref().and_then(|v| match read(field, v) {
                Ok(Some(Reading::Bool(b))) => Some(b),
                _ => None,
            });
            let choice = |yes: bool| {
                let set = set.clone();
                let onchange = Callback::from(move |_: Event| set.emit(Value::Bool(yes)));
                let text = if yes { i18n::YES } else { i18n::NO };
                let option_id = format!("{id}-{}", if yes { "yes" } else { "no" });
                html! {
                    <label class="choice" for={option_id.clone()}>
                        <input type="radio" id={option_id} name={id.clone()} checked={answer == Some(yes)} data-field={field.id().to_string()} data-answer={if yes { "yes" } else { "no" }} {onchange} />
                        { text.get(lang) }
                    </label>
                }
            };
            html! {
                <fieldset class={classes!("field", "yes-no", message.is_some().then_some("invalid"))} id={id.clone()} aria-describedby={error_id.clone()}>
                    <legend>{ label }</legend>
                    { choice(true) }
                    { choice(false) }
                    { error_view }
                </fieldset>
            }
        }
        FieldKind::Checklist(options) => {
            let chosen: Vec<String> = match props.value.as_ref().map(|v| read(field, v)) {
                Some(Ok(Some(Reading::Choices(c)))) => c,
                _ => Vec::new(),
            };
            let boxes = options.iter().map(|o| {
                let set = set.clone();
                let option = o.id().to_string();
                let current = chosen.clone();
                let checked = chosen.iter().any(|c| c == o.id());
                let onchange = Callback::from(move |_: Event| {
                    let mut next: Vec<String> =
                        current.iter().filter(|c| **c != option).cloned().collect();
                    if !checked {
                        next.push(option.clone());
                    }
                    set.emit(Value::List(next));
                });
                let box_id = format!("{id}-{}", o.id());
                html! {
                    <label class="choice" for={box_id.clone()}>
                        <input type="checkbox" id={box_id} {checked} data-field={field.id().to_string()} data-option={o.id().to_string()} {onchange} />
                        { o.name().get(lang) }
                    </label>
                }
            });
            html! {
                <fieldset class={classes!("field", "checklist", message.is_some().then_some("invalid"))} id={id.clone()} aria-describedby={error_id.clone()}>
                    <legend>{ label }</legend>
                    <div class="choices">{ for boxes }</div>
                    { error_view }
                </fieldset>
            }
        }
        FieldKind::Choice(options) => {
            let chosen: Option<String> = match props.value.as_ref().map(|v| read(field, v)) {
                Some(Ok(Some(Reading::Choices(c)))) => c.first().cloned(),
                _ => None,
            };
            let radios = options.iter().map(|o| {
                let set = set.clone();
                let option = o.id().to_string();
                let onchange = Callback::from(move |_: Event| {
                    set.emit(Value::List(vec![option.clone()]))
                });
                let radio_id = format!("{id}-{}", o.id());
                html! {
                    <label class="choice" for={radio_id.clone()}>
                        <input type="radio" id={radio_id} name={id.clone()} checked={chosen.as_deref() == Some(o.id())} data-field={field.id().to_string()} data-option={o.id().to_string()} {onchange} />
                        { o.name().get(lang) }
                    </label>
                }
            });
            let clear = {
                let set = set.clone();
                Callback::from(move |_: MouseEvent| set.emit(Value::Text(String::new())))
            };
            html! {
                <fieldset class={classes!("field", "single-choice", message.is_some().then_some("invalid"))} id={id.clone()} aria-describedby={error_id.clone()}>
                    <legend>{ label }</legend>
                    <div class="choices">{ for radios }</div>
                    if chosen.is_some() {
                        <button type="button" class="clear-choice" id={format!("{id}-clear")} onclick={clear}>{ i18n::CLEAR_CHOICE.get(lang) }</button>
                    }
                    { error_view }
                </fieldset>
            }
        }
        kind => {
            let text = match &props.value {
                Some(Value::Text(t)) => t.clone(),
                Some(Value::Bool(b)) => b.to_string(),
                Some(Value::List(l)) => l.join("、"),
                None => String::new(),
            };
            let oninput = Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                set.emit(Value::Text(input.value()));
            });
            let inputmode = match kind {
                FieldKind::Count => "numeric",
                FieldKind::SignedAmount => "text",
                _ => "decimal",
            };
            let unit = props
                .unit
                .clone()
                .unwrap_or_else(|| field.unit().get(lang).to_string());
            let unit = if *kind == FieldKind::Percent && unit.is_empty() {
                "%".to_string()
            } else {
                unit
            };
            html! {
                <div class={classes!("field", "number", message.is_some().then_some("invalid"))}>
                    <label for={id.clone()}>{ label }</label>
                    <span class="control">
                        <input
                            type="text"
                            id={id.clone()}
                            name={field.id().to_string()}
                            data-field={field.id().to_string()}
                            {inputmode}
                            autocomplete="off"
                            spellcheck="false"
                            value={text}
                            aria-invalid={if message.is_some() { "true" } else { "false" }}
                            aria-describedby={error_id.clone()}
                            {oninput}
                        />
                        if !unit.is_empty() { <span class="unit">{ unit }</span> }
                    </span>
                    { error_view }
                </div>
            }
        }
    }
}

/// A link to a field entered elsewhere on the page, with what was entered there, for an
/// item (or a veto question) that reads the same figure.
pub fn field_ref(field: &Field, value: Option<&Value>, lang: Lang) -> Html {
    let unit = field.unit().get(lang);
    let shown = match value {
        Some(Value::Text(t)) if unit.is_empty() => t.clone(),
        Some(Value::Text(t)) => format!("{t} {unit}"),
        Some(Value::Bool(b)) => pick(
            lang,
            if *b { "是" } else { "否" },
            if *b { "yes" } else { "no" },
        )
        .to_string(),
        Some(Value::List(l)) => l.join("、"),
        None => "—".to_string(),
    };
    html! {
        <p class="field-ref">
            <a href={format!("#{}", input_id(field.id()))}>{ field.name().get(lang) }</a>
            { format!("{}{shown}", crate::i18n::colon(lang)) }
        </p>
    }
}
