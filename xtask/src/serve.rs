//! A small static file server for `dist/`, used by `serve` and by the browser tests.
//!
//! Every response carries the strict Content-Security-Policy the embed promises to work
//! under, so the page is tested the way portals will serve it. Like nginx with
//! `brotli_static` and `gzip_static`, it sends a file's precompressed copy (`NAME.br`, else
//! `NAME.gz`, which `cargo xtask dist` writes) when the request accepts that encoding.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

use crate::Result;

/// The policy the site and the embed must work under (see the README's "Embedding").
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; frame-ancestors *";

/// Serves `dir` on 127.0.0.1:`port` until the process is stopped.
pub fn serve_forever(dir: &Path, port: u16) -> Result {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    println!(
        "serving {} on http://127.0.0.1:{port}/ (Ctrl-C stops)",
        dir.display()
    );
    accept(listener, dir.to_path_buf(), true);
    Ok(())
}

/// A server running in the background on a free port.
pub struct Background {
    /// The port it listens on (on 127.0.0.1).
    pub port: u16,
}

/// Starts serving `dir` on a free port of 127.0.0.1, with or without the CSP header.
pub fn start(dir: &Path, csp: bool) -> Result<Background> {
    let listener =
        TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let dir = dir.to_path_buf();
    thread::spawn(move || accept(listener, dir, csp));
    Ok(Background { port })
}

fn accept(listener: TcpListener, dir: PathBuf, csp: bool) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        thread::spawn(move || {
            let _ = respond(stream, &dir, csp);
        });
    }
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" | "webmanifest" => "application/json; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `dir`, refusing anything that leaves it.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = dir.to_path_buf();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn respond(stream: TcpStream, dir: &Path, csp: bool) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let accepts = |encoding: &str| {
        headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("accept-encoding")
                && value
                    .split(',')
                    .any(|e| e.split(';').next().unwrap_or_default().trim() == encoding)
        })
    };
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or("/");
    let mut out = stream;
    let policy = if csp {
        format!("Content-Security-Policy: {CSP}\r\n")
    } else {
        String::new()
    };
    if method != "GET" && method != "HEAD" {
        return write!(
            out,
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
    }
    let found = resolve(dir, target).and_then(|path| {
        let packed = ["br", "gzip"].into_iter().find_map(|encoding| {
            let ext = if encoding == "gzip" { "gz" } else { encoding };
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            let body = accepts(encoding)
                .then(|| std::fs::read(&name).ok())
                .flatten()?;
            Some((body, format!("Content-Encoding: {encoding}\r\n")))
        });
        let (body, encoding) = match packed {
            Some(p) => p,
            None => (std::fs::read(&path).ok()?, String::new()),
        };
        Some((path, body, encoding))
    });
    match found {
        Some((path, body, encoding)) => {
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n{encoding}Vary: Accept-Encoding\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n{policy}Connection: close\r\n\r\n",
                content_type(&path),
                body.len()
            )?;
            if method == "GET" {
                out.write_all(&body)?;
            }
            Ok(())
        }
        None => {
            let body = b"not found";
            write!(
                out,
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n{policy}Connection: close\r\n\r\n",
                body.len()
            )?;
            out.write_all(body)
        }
    }
}
