//! curl's options, read into what a request needs ([`Invocation`]).
//!
//! Long options take `--name value` or `--name=value`; short ones can be bundled (`-sSL`) and
//! take their argument attached (`-XPOST`) or as the next word. Options that only change what
//! curl prints (`-s`, `-S`, `-v`, `--fail`, …) are skipped; any other option this module does
//! not know becomes a warning naming it.

use super::{CurlError, Result};

/// What an option does with its argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Method,
    Header,
    Data,
    DataRaw,
    DataUrlencode,
    Json,
    Form,
    FormString,
    User,
    Cookie,
    UserAgent,
    Referer,
    Url,
    MaxTime,
    MaxRedirs,
    /// Takes an argument that does not change the request (`-o FILE`).
    Ignored,
    // Flags, without an argument.
    Get,
    Head,
    Insecure,
    Location,
    Compressed,
    Http1,
    Http2,
    /// A flag that only changes what curl prints.
    Quiet,
}

const OPTIONS: &[(&str, Option<char>, Kind)] = &[
    ("request", Some('X'), Kind::Method),
    ("header", Some('H'), Kind::Header),
    ("data", Some('d'), Kind::Data),
    ("data-ascii", None, Kind::Data),
    ("data-binary", None, Kind::Data),
    ("data-raw", None, Kind::DataRaw),
    ("data-urlencode", None, Kind::DataUrlencode),
    ("json", None, Kind::Json),
    ("form", Some('F'), Kind::Form),
    ("form-string", None, Kind::FormString),
    ("user", Some('u'), Kind::User),
    ("cookie", Some('b'), Kind::Cookie),
    ("user-agent", Some('A'), Kind::UserAgent),
    ("referer", Some('e'), Kind::Referer),
    ("url", None, Kind::Url),
    ("max-time", Some('m'), Kind::MaxTime),
    ("max-redirs", None, Kind::MaxRedirs),
    ("output", Some('o'), Kind::Ignored),
    ("write-out", Some('w'), Kind::Ignored),
    ("get", Some('G'), Kind::Get),
    ("head", Some('I'), Kind::Head),
    ("insecure", Some('k'), Kind::Insecure),
    ("location", Some('L'), Kind::Location),
    ("compressed", None, Kind::Compressed),
    ("http1.1", None, Kind::Http1),
    ("http2", None, Kind::Http2),
    ("silent", Some('s'), Kind::Quiet),
    ("show-error", Some('S'), Kind::Quiet),
    ("verbose", Some('v'), Kind::Quiet),
    ("include", Some('i'), Kind::Quiet),
    ("fail", Some('f'), Kind::Quiet),
    ("progress-bar", Some('#'), Kind::Quiet),
    ("no-progress-meter", None, Kind::Quiet),
];

impl Kind {
    fn takes_argument(self) -> bool {
        !matches!(
            self,
            Kind::Get
                | Kind::Head
                | Kind::Insecure
                | Kind::Location
                | Kind::Compressed
                | Kind::Http1
                | Kind::Http2
                | Kind::Quiet
        )
    }
}

/// One piece of data (`-d` and friends), in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Data {
    /// Text sent as written.
    Text(String),
    /// `-d @file`: a file curl would read; not read here.
    File(String),
    /// `--data-binary @file`: a file sent as it is.
    BinaryFile(String),
}

/// One `-F` part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormPart {
    pub(crate) name: String,
    /// Text, or (`is_file`) a path.
    pub(crate) value: String,
    pub(crate) is_file: bool,
    pub(crate) content_type: Option<String>,
}

/// A curl command line, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Invocation {
    pub(crate) method: Option<String>,
    pub(crate) urls: Vec<String>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) data: Vec<Data>,
    pub(crate) is_json: bool,
    pub(crate) form: Vec<FormPart>,
    pub(crate) user: Option<String>,
    pub(crate) is_get: bool,
    pub(crate) is_head: bool,
    pub(crate) is_insecure: bool,
    pub(crate) is_location: bool,
    pub(crate) timeout_ms: Option<u64>,
    pub(crate) max_redirects: Option<u32>,
    pub(crate) http_version: Option<String>,
    /// `(option, message)` for what was kept out.
    pub(crate) notes: Vec<(String, String)>,
}

/// Reads the words after `curl` of command `command` (from 1).
pub(crate) fn read(command: usize, words: &[String]) -> Result<Invocation> {
    let mut inv = Invocation::default();
    let mut at = 0;
    let mut only_urls = false;
    while at < words.len() {
        let word = &words[at];
        at += 1;
        if only_urls || !word.starts_with('-') || word == "-" {
            inv.urls.push(word.clone());
            continue;
        }
        if word == "--" {
            only_urls = true;
            continue;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, attached) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let Some(&(_, _, kind)) = OPTIONS.iter().find(|(n, _, _)| *n == name) else {
                inv.notes
                    .push((word.clone(), "unknown option, ignored".into()));
                continue;
            };
            let value = if kind.takes_argument() {
                match attached {
                    Some(v) => Some(v),
                    None => {
                        let v = words
                            .get(at)
                            .cloned()
                            .ok_or_else(|| missing(command, word))?;
                        at += 1;
                        Some(v)
                    }
                }
            } else {
                None
            };
            apply(command, &mut inv, kind, &format!("--{name}"), value)?;
            continue;
        }
        // Short options, possibly bundled: `-sSL`, `-XPOST`.
        let letters: Vec<char> = word.chars().skip(1).collect();
        let mut i = 0;
        while i < letters.len() {
            let letter = letters[i];
            i += 1;
            let option = format!("-{letter}");
            let Some(&(_, _, kind)) = OPTIONS.iter().find(|(_, s, _)| *s == Some(letter)) else {
                inv.notes.push((option, "unknown option, ignored".into()));
                continue;
            };
            if !kind.takes_argument() {
                apply(command, &mut inv, kind, &option, None)?;
                continue;
            }
            let value = if i < letters.len() {
                let rest: String = letters[i..].iter().collect();
                i = letters.len();
                rest
            } else {
                let v = words
                    .get(at)
                    .cloned()
                    .ok_or_else(|| missing(command, &option))?;
                at += 1;
                v
            };
            apply(command, &mut inv, kind, &option, Some(value))?;
        }
    }
    Ok(inv)
}

fn missing(command: usize, option: &str) -> CurlError {
    CurlError::MissingArgument {
        command,
        option: option.into(),
    }
}

fn invalid(command: usize, option: &str, reason: impl Into<String>) -> CurlError {
    CurlError::InvalidArgument {
        command,
        option: option.into(),
        reason: reason.into(),
    }
}

fn apply(
    command: usize,
    inv: &mut Invocation,
    kind: Kind,
    option: &str,
    value: Option<String>,
) -> Result<()> {
    let value = value.unwrap_or_default();
    let note = |inv: &mut Invocation, message: String| inv.notes.push((option.into(), message));
    match kind {
        Kind::Method => inv.method = Some(value),
        Kind::Header => match value.split_once(':') {
            Some((name, v)) if !name.trim().is_empty() => {
                let v = v.trim_start();
                inv.headers.push((name.trim().to_string(), v.to_string()));
            }
            _ => match value.strip_suffix(';') {
                // `-H 'X-Empty;'` sends an empty header.
                Some(name) if !name.is_empty() => inv.headers.push((name.into(), String::new())),
                _ => {
                    return Err(invalid(
                        command,
                        option,
                        format!("{value:?} is not a header"),
                    ));
                }
            },
        },
        Kind::Data | Kind::Json => {
            if kind == Kind::Json {
                inv.is_json = true;
            }
            match value.strip_prefix('@') {
                // A whole body from one file becomes a file body, read at send time.
                Some(path) if option == "--data-binary" => {
                    inv.data.push(Data::BinaryFile(path.into()))
                }
                Some(path) => {
                    note(inv, format!("data from file {path} is not read"));
                    inv.data.push(Data::File(path.into()));
                }
                None => inv.data.push(Data::Text(value)),
            }
        }
        Kind::DataRaw => inv.data.push(Data::Text(value)),
        Kind::DataUrlencode => {
            let data = urlencode_data(inv, option, &value);
            inv.data.push(data);
        }
        Kind::Form | Kind::FormString => {
            let Some((name, v)) = value.split_once('=') else {
                return Err(invalid(command, option, format!("{value:?} has no '='")));
            };
            inv.form.push(form_part(name, v, kind == Kind::Form));
        }
        Kind::User => inv.user = Some(value),
        Kind::Cookie if value.contains('=') => inv.headers.push(("Cookie".into(), value)),
        Kind::Cookie => note(inv, format!("cookie file {value} is not read")),
        Kind::UserAgent => inv.headers.push(("User-Agent".into(), value)),
        Kind::Referer => inv.headers.push(("Referer".into(), value)),
        Kind::Url => inv.urls.push(value),
        Kind::MaxTime => {
            let secs: f64 = value
                .parse()
                .map_err(|_| invalid(command, option, format!("{value:?} is not a number")))?;
            inv.timeout_ms = Some((secs * 1000.0).round() as u64);
        }
        Kind::MaxRedirs => {
            let n = value
                .parse()
                .map_err(|_| invalid(command, option, format!("{value:?} is not a number")))?;
            inv.max_redirects = Some(n);
        }
        Kind::Ignored => note(inv, "does not change the request, ignored".into()),
        Kind::Get => inv.is_get = true,
        Kind::Head => inv.is_head = true,
        Kind::Insecure => inv.is_insecure = true,
        Kind::Location => inv.is_location = true,
        Kind::Compressed => note(
            inv,
            "ignored: localpost always asks for gzip, deflate, br and zstd".into(),
        ),
        Kind::Http1 => inv.http_version = Some("http1".into()),
        Kind::Http2 => inv.http_version = Some("http2".into()),
        Kind::Quiet => {}
    }
    Ok(())
}

/// `--data-urlencode`: `content`, `=content`, `name=content`, `@file`, `name@file`.
fn urlencode_data(inv: &mut Invocation, option: &str, value: &str) -> Data {
    let encode = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
            .to_string()
            .replace("%2D", "-")
            .replace("%2E", ".")
            .replace("%5F", "_")
            .replace("%7E", "~")
    };
    let eq = value.find('=');
    let at = value.find('@');
    match (eq, at) {
        (Some(e), a) if a.is_none_or(|a| e < a) => {
            let (name, content) = (&value[..e], &value[e + 1..]);
            if name.is_empty() {
                Data::Text(encode(content))
            } else {
                Data::Text(format!("{name}={}", encode(content)))
            }
        }
        (_, Some(a)) => {
            let path = &value[a + 1..];
            inv.notes
                .push((option.into(), format!("data from file {path} is not read")));
            Data::File(path.into())
        }
        _ => Data::Text(encode(value)),
    }
}

/// `-F name=value`, `name=@path;type=…;filename=…`, `name=<path` (text from a file).
fn form_part(name: &str, value: &str, has_files: bool) -> FormPart {
    let (is_file, rest) = match value.strip_prefix('@').or_else(|| value.strip_prefix('<')) {
        Some(path) if has_files => (true, path),
        _ => (false, value),
    };
    let mut content_type = None;
    let mut value = rest.to_string();
    // `@"a;b.txt";type=…`: a quoted path, with `\"` and `\\` escapes.
    let (quoted, rest) = match rest.strip_prefix('"') {
        Some(inner) if is_file => {
            let mut path = String::new();
            let mut chars = inner.char_indices();
            let mut end = inner.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => path.extend(chars.next().map(|(_, c)| c)),
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => path.push(c),
                }
            }
            (Some(path), &inner[end..])
        }
        _ => (None, rest),
    };
    if has_files {
        let mut pieces = rest.split(';');
        let first = pieces.next().unwrap_or_default().to_string();
        let mut kept = vec![first];
        for piece in pieces {
            match piece.trim().strip_prefix("type=") {
                Some(t) => content_type = Some(t.to_string()),
                None if is_file => {}
                None => kept.push(piece.to_string()),
            }
        }
        value = kept.join(";");
    }
    if let Some(path) = quoted {
        value = path;
    }
    FormPart {
        name: name.into(),
        value,
        is_file,
        content_type,
    }
}
