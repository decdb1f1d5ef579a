//! What every page reads from its URL's query: the rubric to show (`?rubric=`) and the
//! language (`?lang=`); a page reads its own options with [`Query::get`] and [`Query::flag`].
//! Every value is trimmed and validated: a hostile URL can at worst be ignored.

use spacescore_core::Lang;
use web_sys::UrlSearchParams;

/// A URL's query, read once.
#[derive(Debug, Clone)]
pub struct Query(Option<UrlSearchParams>);

impl Query {
    /// Reads a query string (`?a=b&c=d`); one that cannot be read holds nothing.
    pub fn parse(query: &str) -> Query {
        Query(UrlSearchParams::new_with_str(query).ok())
    }

    /// The value of `key`, trimmed; none when it is missing or empty.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .as_ref()?
            .get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// Whether `key` is set to `1`, `true` or `yes`.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key)
            .is_some_and(|v| v == "1" || v == "true" || v == "yes")
    }

    /// The rubric asked for.
    pub fn rubric(&self) -> Option<String> {
        self.get("rubric").filter(|r| r.len() < 80)
    }

    /// The language asked for.
    pub fn lang(&self) -> Option<Lang> {
        self.get("lang").and_then(|l| parse_lang(&l))
    }
}

/// The language for a code (`zh`, `en`, `zh-CN`…).
pub fn parse_lang(code: &str) -> Option<Lang> {
    let code = code.to_ascii_lowercase();
    if code.starts_with("zh") {
        Some(Lang::Zh)
    } else if code.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

/// The code of a language.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}
