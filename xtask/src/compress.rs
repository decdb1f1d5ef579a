//! Compressed copies of the site's files, the last step of `cargo xtask dist`: beside every
//! text and wasm file, `NAME.gz` (gzip -9) and `NAME.br` (brotli, quality 11), which hosts
//! that serve precompressed files send as they are (nginx `gzip_static` and
//! `brotli_static`; `cargo xtask serve` does too). A copy that would not be smaller is not
//! written. Both run on every core: brotli's best quality is slow on the wasm modules.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

/// The kinds of file that are compressed: text and wasm (and the compiled rubrics).
const COMPRESSED: &[&str] = &[
    "html", "js", "mjs", "css", "svg", "json", "wasm", "bin", "md", "ts", "txt", "toml",
];

/// gzip at its best level.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// brotli at its best quality, with a 4 MiB window.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

fn compress(path: &Path) -> Result<(u64, u64, u64)> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut sizes = (bytes.len() as u64, 0, 0);
    for (ext, packed) in [("gz", gzip(&bytes)), ("br", brotli(&bytes))] {
        if packed.len() < bytes.len() {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            std::fs::write(&name, &packed).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        if ext == "gz" {
            sizes.1 = packed.len() as u64;
        } else {
            sizes.2 = packed.len() as u64;
        }
    }
    Ok(sizes)
}

/// Writes the compressed copies of every text and wasm file under `dist` (not the JS API's
/// Node build, which no browser loads).
pub fn all(dist: &Path) -> Result {
    let started = std::time::Instant::now();
    let mut files = Vec::new();
    crate::tools::files(dist, &mut files);
    let node = dist.join("pkg").join("node");
    files.retain(|p| {
        !p.starts_with(&node)
            && p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSED.contains(&e))
    });
    // The largest first, spread over the cores.
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let queue = std::sync::Mutex::new(files.into_iter());
    let next = || -> Option<PathBuf> { queue.lock().ok()?.next() };
    let totals = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut sum = (0u64, 0u64, 0u64, 0usize);
                    while let Some(path) = next() {
                        let (r, g, b) = compress(&path)?;
                        sum = (sum.0 + r, sum.1 + g, sum.2 + b, sum.3 + 1);
                    }
                    Ok::<_, String>(sum)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a compressing thread failed".into()))
            })
            .collect::<Result<Vec<_>>>()
    })?;
    let (raw, gz, br, n) = totals.iter().fold((0, 0, 0, 0), |a, t| {
        (a.0 + t.0, a.1 + t.1, a.2 + t.2, a.3 + t.3)
    });
    eprintln!(
        "compressed {n} files ({:.1} MB) to .gz ({:.1} MB) and .br ({:.1} MB) in {:.1?}",
        raw as f64 / 1e6,
        gz as f64 / 1e6,
        br as f64 / 1e6,
        started.elapsed()
    );
    Ok(())
}
