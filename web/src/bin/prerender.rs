//! Renders the site's pages to static HTML at build time (`cargo xtask dist` runs it with
//! the `ssr` feature): the front page (every rubric, by region) at `index.html`, and each
//! built-in rubric's form, in Chinese and empty, at `r/<id>/index.html`. The components are
//! the app's own, rendered by Yew's server renderer, so the static page is exactly what the
//! app draws on its first frame; the app then takes over that page (see `load.rs`).
//!
//! Usage: `prerender DIST` (DIST holds the built site; its `index.html` is the shell).

use std::path::Path;
use std::rc::Rc;

use spacescore_core::{Inputs, Lang};
use spacescore_ui::index::{Entry, Index};
use spacescore_ui::Shared;
use spacescore_web::components::app::{App, AppProps};
use spacescore_web::components::landing::{Landing, LandingProps};
use spacescore_web::config::Config;
use spacescore_web::load::Boot;
use spacescore_web::{i18n, persist};

/// The files of the shell that a page one folder down must name with a prefix.
const ASSETS: &[&str] = &[
    "style.css",
    "icon.svg",
    "spacescore_web.js",
    "spacescore_web_bg.wasm",
    "spacescore_live.js",
    "spacescore_live_bg.wasm",
    "boot.js",
    "rubrics/index.json",
];

fn fail(message: &str) -> ! {
    eprintln!("prerender: {message}");
    std::process::exit(1)
}

/// Renders a component to HTML, without hydration markers (the app replaces the page rather
/// than adopting it).
fn render<C: yew::BaseComponent>(props: C::Properties) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| fail(&e.to_string()));
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        yew::LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render()
            .await
    })
}

/// The shell with the page's content in `<div id="app">`, its title, and its asset paths
/// seen from `prefix` (`../../../` for `r/<region>/<type>/`).
fn page(
    shell: &str,
    prefix: &str,
    title: &str,
    app_attrs: &str,
    body: &str,
    preload: &str,
) -> String {
    let mut html = shell.to_string();
    if !prefix.is_empty() {
        for asset in ASSETS {
            for attr in ["href", "src"] {
                html = html.replace(
                    &format!("{attr}=\"{asset}\""),
                    &format!("{attr}=\"{prefix}{asset}\""),
                );
            }
        }
    }
    html = html
        .replacen(
            "<div id=\"app\">",
            &format!("<div id=\"app\"{app_attrs}>"),
            1,
        )
        .replacen("<!--app-->", body, 1);
    if let (Some(start), Some(end)) = (html.find("<title>"), html.find("</title>")) {
        html.replace_range(
            start..end + "</title>".len(),
            &format!("<title>{}</title>", escape(title)),
        );
    }
    if !preload.is_empty() {
        html = html.replacen("</head>", &format!("{preload}\n</head>"), 1);
    }
    html
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn main() {
    let dist = std::env::args()
        .nth(1)
        .unwrap_or_else(|| fail("usage: prerender DIST"));
    let dist = Path::new(&dist);
    let shell = std::fs::read_to_string(dist.join("index.html"))
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dist.join("index.html").display())));
    if !shell.contains("<div id=\"app\">") || !shell.contains("<!--app-->") {
        fail("index.html has no <div id=\"app\"> with an <!--app--> to render into");
    }
    let catalog = spacescore_builtin::catalog();
    let index = Index {
        entries: catalog.rubrics().iter().map(Entry::site).collect(),
    };
    let lang = Lang::Zh;

    for rubric in catalog.rubrics() {
        let boot = Boot {
            index: index.clone(),
            rubric: Rc::new(rubric.clone()),
            saved: persist::Loaded::default(),
            config: Config::default(),
            lang,
            unknown: None,
            storage: true,
            base: "../../../".into(),
            typed: Inputs::new(),
            focus: None,
            typed_applicant: None,
        };
        let body = render::<App>(AppProps {
            boot: Shared(Rc::new(boot)),
        });
        let prefix = "../../../";
        let title = format!("{} · {}", rubric.name().zh, i18n::APP_TITLE.zh);
        // What makes the form score, fetched while the page is read: the first module and
        // this rubric. The app comes after them (`boot.js`), so that on a slow connection
        // they do not share it with the app's larger module.
        let preload = [
            format!("<link rel=\"modulepreload\" href=\"{prefix}spacescore_live.js\">"),
            format!("<link rel=\"preload\" href=\"{prefix}spacescore_live_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"),
            format!("<link rel=\"preload\" href=\"{prefix}rubrics/{}.bin\" as=\"fetch\" crossorigin>", rubric.id()),
        ]
        .join("\n");
        let html = page(
            &shell,
            prefix,
            &title,
            &format!(" data-rubric=\"{}\"", rubric.id()),
            &body,
            &preload,
        );
        let dir = dist.join("r").join(rubric.id());
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
        std::fs::write(dir.join("index.html"), html)
            .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    }

    let pages: Vec<&str> = index.entries.iter().map(|e| e.id.as_str()).collect();
    let body = render::<Landing>(LandingProps {
        index: Shared(Rc::new(index.clone())),
        lang,
    });
    let html = page(
        &shell,
        "",
        &format!("{} · spacescore", i18n::APP_TITLE.zh),
        &format!(" data-picker data-pages=\"{}\"", pages.join(" ")),
        &body,
        "",
    );
    std::fs::write(dist.join("index.html"), html)
        .unwrap_or_else(|e| fail(&format!("index.html: {e}")));
    println!(
        "prerendered {} rubric pages and the front page",
        pages.len()
    );
}
