//! The results as files: an `.xlsx` workbook (sheets `results`, `items`, `errors`) or CSV,
//! written exactly as `spacescore batch` writes them (the CSV with a byte-order mark, so
//! that Excel opens it as UTF-8).

use spacescore_core::Lang;
use spacescore_ui::Shared;
use yew::prelude::*;

use crate::components::file_drop::XLSX_TYPE;
use crate::i18n;
use crate::state::Scored;
use spacescore_ui::download::download;

/// The downloads' properties.
#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    /// The scored file.
    pub scored: Shared<Scored>,
    /// The labels' language.
    pub lang: Lang,
}

/// The name of the results file for the input file `file`: `district.csv` →
/// `district-scores.xlsx`.
pub fn results_name(file: &str, ext: &str) -> String {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = if stem.is_empty() { "district" } else { stem };
    format!("{stem}-scores.{ext}")
}

/// The download buttons, and why a download failed.
#[component]
pub fn Downloads(props: &DownloadsProps) -> Html {
    let lang = props.lang;
    let failed = use_state(|| None::<String>);
    let xlsx = {
        let scored = props.scored.clone();
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| match scored.rows.xlsx() {
            Ok(bytes) => {
                failed.set(None);
                download(&results_name(scored.file(), "xlsx"), XLSX_TYPE, &bytes);
            }
            Err(e) => failed.set(Some(e.text().get(lang).to_string())),
        })
    };
    let csv = {
        let scored = props.scored.clone();
        let failed = failed.clone();
        Callback::from(move |_: MouseEvent| match scored.rows.csv() {
            Ok(bytes) => {
                failed.set(None);
                let mut with_bom = b"\xEF\xBB\xBF".to_vec();
                with_bom.extend_from_slice(&bytes);
                download(&results_name(scored.file(), "csv"), "text/csv", &with_bom);
            }
            Err(e) => failed.set(Some(e.text().get(lang).to_string())),
        })
    };
    html! {
        <nav class="downloads toolbar" aria-label={i18n::DOWNLOADS.get(lang)}>
            <button type="button" id="download-xlsx" onclick={xlsx}>{ i18n::DOWNLOAD_XLSX.get(lang) }</button>
            <button type="button" id="download-csv" onclick={csv}>{ i18n::DOWNLOAD_CSV.get(lang) }</button>
            if let Some(e) = &*failed {
                <p class="notice error" id="download-error" role="alert">{ e.clone() }</p>
            }
        </nav>
    }
}
