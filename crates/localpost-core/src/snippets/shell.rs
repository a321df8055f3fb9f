//! Command-line snippets: curl (bash) and HTTPie.

use super::literal::shell as q;
use super::view::{View, ViewBody};

/// One option per line, joined with ` \` continuations.
fn lines(parts: Vec<String>) -> String {
    let mut out = parts.join(" \\\n  ");
    out.push('\n');
    out
}

/// `curl 'URL' -X … -H … --data-raw …`, for bash and other POSIX shells.
pub(crate) fn curl(v: &View) -> String {
    let mut parts = vec![format!("curl {}", q(&v.url))];
    let has_body = v.body != ViewBody::None;
    match v.method.as_str() {
        "GET" if !has_body => {}
        "POST" if has_body => {}
        "HEAD" if !has_body => parts.push("--head".into()),
        m => parts.push(format!("-X {}", q(m))),
    }
    for (name, value) in &v.headers {
        if value.is_empty() {
            // `-H 'Name:'` would remove the header; `Name;` sends it empty.
            parts.push(format!("-H {}", q(&format!("{name};"))));
        } else {
            parts.push(format!("-H {}", q(&format!("{name}: {value}"))));
        }
    }
    match &v.body {
        ViewBody::None => {}
        ViewBody::Text(text) => parts.push(format!("--data-raw {}", q(text))),
        ViewBody::File(path) => parts.push(format!("--data-binary {}", q(&format!("@{path}")))),
        ViewBody::Form(form) => {
            for part in form {
                if part.is_file {
                    let mut value = format!("{}=@\"{}\"", part.name, escape_form(&part.value));
                    if let Some(ct) = &part.content_type {
                        value.push_str(&format!(";type={ct}"));
                    }
                    parts.push(format!("-F {}", q(&value)));
                } else {
                    parts.push(format!(
                        "--form-string {}",
                        q(&format!("{}={}", part.name, part.value))
                    ));
                }
            }
        }
    }
    if v.follow_redirects {
        parts.push("--location".into());
    }
    if !v.verify_tls {
        parts.push("--insecure".into());
    }
    lines(parts)
}

/// A path inside `-F name=@"…"`: curl reads `\"` and `\\` there.
fn escape_form(path: &str) -> String {
    path.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The key of an HTTPie request item, its separators (`:`, `=`, `@`, `;`) escaped.
fn item_key(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if matches!(c, ':' | '=' | '@' | ';' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `http METHOD URL Header:value … --raw BODY`. HTTPie reads a body from standard input when
/// it is not a terminal (a script, CI), and refuses one given as well: unless the body comes
/// from stdin (`< file`), the command says `--ignore-stdin`, so it runs the same anywhere.
pub(crate) fn httpie(v: &View) -> String {
    let mut first = String::from("http");
    if !matches!(v.body, ViewBody::File(_)) {
        first.push_str(" --ignore-stdin");
    }
    if v.follow_redirects {
        first.push_str(" --follow");
    }
    if !v.verify_tls {
        first.push_str(" --verify=no");
    }
    match &v.body {
        ViewBody::Form(_) => first.push_str(" --multipart"),
        // Options go before the method and URL: HTTPie reads everything after them as items.
        ViewBody::Text(text) => first.push_str(&format!(" --raw {}", q(text))),
        _ => {}
    }
    first.push_str(&format!(" {} {}", q(&v.method), q(&v.url)));
    let mut parts = vec![first];
    for (name, value) in &v.headers {
        if value.is_empty() {
            parts.push(q(&format!("{};", item_key(name))));
        } else {
            parts.push(q(&format!("{}:{value}", item_key(name))));
        }
    }
    match &v.body {
        ViewBody::None | ViewBody::Text(_) => {}
        ViewBody::File(path) => parts.push(format!("< {}", q(path))),
        ViewBody::Form(form) => {
            for part in form {
                let key = item_key(&part.name);
                let item = if part.is_file {
                    let mut item = format!("{key}@{}", part.value);
                    if let Some(ct) = &part.content_type {
                        item.push_str(&format!(";type={ct}"));
                    }
                    item
                } else {
                    format!("{key}={}", part.value)
                };
                parts.push(q(&item));
            }
        }
    }
    lines(parts)
}
