//! What the studio hands over: the rubric file (TOML, deterministic), each rubric compiled,
//! and a publish bundle, one `.zip` holding the files `spacescore publish` writes for these
//! rubrics (`rubrics/<id>.bin`, `rubrics/index.json`), the rubric file itself, a README in
//! Chinese and English saying how to put them on a site, and the embed snippet with
//! `data-rubric-src`. All pure: the page offers the bytes for download.

use std::io::{Cursor, Write};

use spacescore_core::json::site_index;
use spacescore_core::Rubric;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The file name for a rubric id: `ningxia/maker-space` → `ningxia-maker-space`.
pub fn stem(id: &str) -> String {
    id.replace('/', "-")
}

/// The rubric list a site serves (`rubrics/index.json`) for `rubrics`, as `spacescore
/// publish` writes it and the pages read it (`spacescore_ui::index::Index`).
pub fn index_json(rubrics: &[&Rubric]) -> String {
    site_index(rubrics.iter().copied())
}

/// The embed snippet for a portal that serves the rubric file `file` itself.
pub fn snippet(file: &str) -> String {
    format!(
        "<script src=\"https://your-host/spacescore/embed.js\"\n        data-rubric-src=\"/rubrics/{file}\" data-lang=\"zh\"></script>\n"
    )
}

/// The README of the bundle, in Chinese then English.
pub fn readme(rubrics: &[&Rubric], toml_name: &str) -> String {
    let list: String = rubrics
        .iter()
        .map(|r| {
            format!(
                "- `rubrics/{}.bin`：{}（{}，版本 {} / version {}）\n",
                r.id(),
                r.name().zh,
                r.name().en,
                r.version(),
                r.version()
            )
        })
        .collect();
    format!(
        "# 评价表发布包 / Rubric bundle\n\n{list}\n\
## 中文\n\n\
本包由评价表工作室生成，内容与命令 `spacescore publish` 为这些评价表写出的文件相同。\n\n\
1. 加到网站：最稳妥的是在网站副本上运行 `spacescore publish 网站目录 {toml_name}`，它会检查评价表、\
写入 `rubrics/<编号>.bin` 并重建 `rubrics/index.json`（保留网站已有的评价表）。\
也可以把 `rubrics/` 下的 `.bin` 文件复制到网站的 `rubrics/` 目录，并把本包 `index.json` 中的条目加入网站的 \
`rubrics/index.json`（直接覆盖会去掉网站原有的评价表）。之后运行 `cargo xtask compress 网站目录` 重写压缩副本。\n\
2. 嵌入门户网站：把 `{toml_name}` 放在门户自己的网站上，按 `embed.html` 加入一行脚本（`data-rubric-src` 指向该文件）。\n\
3. `{toml_name}` 是评价表文件本身，可用 `spacescore check` 检查，来年在工作室中打开修订。\n\n\
## English\n\n\
This bundle was made by the rubric studio; it holds the files `spacescore publish` writes for these rubrics.\n\n\
1. Add them to a site: the safe way is `spacescore publish SITE {toml_name}` on a copy of the site, which checks \
the rubrics, writes `rubrics/<id>.bin` and rebuilds `rubrics/index.json` (keeping the site's own rubrics). \
Or copy the `.bin` files of `rubrics/` into the site's `rubrics/` folder and add the entries of this bundle's \
`index.json` to the site's `rubrics/index.json` (replacing it would drop the site's own rubrics). Then run \
`cargo xtask compress SITE` to write fresh compressed copies.\n\
2. Embed it in a portal: put `{toml_name}` on the portal's own site and add the one script tag of `embed.html` \
(`data-rubric-src` names that file).\n\
3. `{toml_name}` is the rubric file itself: `spacescore check` checks it, and next year the studio opens it to revise.\n"
    )
}

/// The publish bundle: a `.zip` of the files above.
///
/// # Errors
/// What the archive writer says (it writes into memory, so only a bug would make it fail).
pub fn zip(rubrics: &[&Rubric], toml_name: &str, toml: &str) -> Result<Vec<u8>, String> {
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date (the archive format's default): the same rubric gives the same bytes.
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), String> {
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(bytes).map_err(|e| e.to_string())
    };
    for r in rubrics {
        add(&format!("rubrics/{}.bin", r.id()), &r.to_bytes())?;
    }
    add("rubrics/index.json", index_json(rubrics).as_bytes())?;
    add(toml_name, toml.as_bytes())?;
    add("README.md", readme(rubrics, toml_name).as_bytes())?;
    add("embed.html", snippet(toml_name).as_bytes())?;
    let cursor = out.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
