//! String literals and shell words, one function per quoting rule.
//!
//! Every function gives the whole literal, quotes included, such that the language reads back
//! exactly the text given: quotes, backslashes, `$`, line breaks, control characters and
//! non-ASCII text included.

use std::fmt::Write;

/// A POSIX shell word in single quotes: `'` is written `'\''`; nothing else is special.
pub(crate) fn shell(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A PowerShell single-quoted string: `'` (and the typographic quotes PowerShell also treats
/// as quotes) doubled; `$` and `` ` `` are literal there.
pub(crate) fn powershell(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        if matches!(c, '\'' | '‘' | '’' | '‚' | '‛') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// A double-quoted literal with C-like escapes, other control characters written by `control`.
fn c_like(s: &str, control: impl Fn(&mut String, char)) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => control(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JavaScript (and JSON) string literal.
pub(crate) fn javascript(s: &str) -> String {
    c_like(s, |out, c| {
        let _ = write!(out, "\\u{:04x}", c as u32);
    })
}

/// A Python string literal.
pub(crate) fn python(s: &str) -> String {
    c_like(s, |out, c| {
        let _ = write!(out, "\\u{:04x}", c as u32);
    })
}

/// A Go interpreted string literal.
pub(crate) fn go(s: &str) -> String {
    c_like(s, |out, c| {
        let _ = write!(out, "\\u{:04x}", c as u32);
    })
}

/// A Rust string literal.
pub(crate) fn rust(s: &str) -> String {
    c_like(s, |out, c| {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    })
}

/// A Java string literal. Control characters are octal escapes: a `\uXXXX` escape is
/// replaced before the source is even split into tokens, so `\u000a` would end the line.
pub(crate) fn java(s: &str) -> String {
    c_like(s, |out, c| {
        let _ = write!(out, "\\{:o}", c as u32);
    })
}

/// A C# regular string literal.
pub(crate) fn csharp(s: &str) -> String {
    c_like(s, |out, c| {
        let _ = write!(out, "\\u{:04x}", c as u32);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_backslashes_and_line_breaks_are_escaped() {
        let s = "a'b\"c\\d$e\nf\u{1}é";
        assert_eq!(shell(s), "'a'\\''b\"c\\d$e\nf\u{1}é'");
        assert_eq!(powershell("it's ‘x’ $y"), "'it''s ‘‘x’’ $y'");
        assert_eq!(javascript(s), "\"a'b\\\"c\\\\d$e\\nf\\u0001é\"");
        assert_eq!(rust("\u{1}"), "\"\\u{1}\"");
        assert_eq!(java("\u{1b}"), "\"\\33\"");
    }
}
