//! How the page was opened: the URL's query (`?rubric=…&lang=en`, read as every page reads
//! it: `spacescore_ui::query`) and, for the embed, `embed`, `lock`, `parent`, `accent` and
//! `rubric-src`. Every value is validated: a hostile URL can at worst be ignored.

use spacescore_core::Lang;
use spacescore_ui::query::Query;

/// Options read from the URL once, at start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The rubric asked for.
    pub rubric: Option<String>,
    /// The language asked for.
    pub lang: Option<Lang>,
    /// Running inside a portal's iframe.
    pub embed: bool,
    /// The region/type choice is hidden and fixed.
    pub lock: bool,
    /// The host page's origin, the only one the widget posts results to.
    pub parent: Option<String>,
    /// An accent colour (`#rgb` or `#rrggbb`).
    pub accent: Option<String>,
    /// The embed's own rubric file: a URL on the parent's origin (or the widget's), or
    /// `parent` when the parent page posts it (what `embed.js` does).
    pub rubric_src: Option<String>,
}

/// Reads the options from a query string (`?a=b&c=d`).
pub fn from_query(query: &str) -> Config {
    let q = Query::parse(query);
    Config {
        rubric: q.rubric(),
        lang: q.lang(),
        embed: q.flag("embed"),
        lock: q.flag("lock"),
        parent: q.get("parent").and_then(|p| valid_origin(&p)),
        accent: q.get("accent").filter(|a| valid_colour(a)),
        rubric_src: q.get("rubric-src").filter(|s| s.len() <= 2048),
    }
}

/// `#abc` or `#a1b2c3`: nothing that could inject into a style.
pub fn valid_colour(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    (hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// An origin (`https://host[:port]`) in its normal form, or none.
pub fn valid_origin(s: &str) -> Option<String> {
    let url = web_sys::Url::new(s).ok()?;
    let protocol = url.protocol();
    if protocol != "https:" && protocol != "http:" {
        return None;
    }
    Some(url.origin())
}
