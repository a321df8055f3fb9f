//! Re-indenting JSON as it is read, without building a tree: the text of a [`Formatted`]
//! document, the start of every line, and every object and array that spans lines.
//!
//! The output is the layout of `serde_json::to_string_pretty` (two spaces, `"key": value`,
//! `{}` and `[]` when empty); strings and numbers are copied as received (an escape or a
//! 30-digit number stays as the server wrote it). Anything that is not one valid JSON value
//! is refused with the byte where it went wrong, so the caller can show the text as it is.

use super::Fold;

/// A re-indented document: its text, where each line starts and what folds.
#[derive(Debug, Default)]
pub(crate) struct Formatted {
    /// The pretty text (valid UTF-8: the input was checked before formatting).
    pub text: Vec<u8>,
    /// Byte offset of every line's start; the first is 0.
    pub lines: Vec<u32>,
    /// Objects and arrays that span lines, by start line.
    pub folds: Vec<Fold>,
}

/// Where the input stopped being JSON (byte offset).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NotJson(pub usize);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (top level, after `:`, after `,` in an array).
    Value,
    /// The first value of an array, or `]`.
    ValueOrEnd,
    /// The first key of an object, or `}`.
    KeyOrEnd,
    /// A key (after `,` in an object).
    Key,
    /// The `:` after a key.
    Colon,
    /// A `,` or the container's end.
    CommaOrEnd,
    /// Nothing but whitespace (after the top-level value).
    Done,
}

struct Open {
    is_object: bool,
    line: u32,
}

struct Writer {
    out: Formatted,
}

impl Writer {
    fn line(&self) -> u32 {
        (self.out.lines.len() - 1) as u32
    }

    fn newline(&mut self, depth: usize) {
        self.out.text.push(b'\n');
        self.out.lines.push(self.out.text.len() as u32);
        for _ in 0..depth {
            self.out.text.extend_from_slice(b"  ");
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The length of the string token starting at `input[0] == b'"'`, quotes included.
fn string_len(input: &[u8]) -> Option<usize> {
    let mut i = 1;
    while i < input.len() {
        match input[i] {
            b'"' => return Some(i + 1),
            b'\\' => {
                let escaped = *input.get(i + 1)?;
                i += match escaped {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                    b'u' => {
                        let hex = input.get(i + 2..i + 6)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        6
                    }
                    _ => return None,
                };
            }
            0..=0x1f => return None,
            _ => i += 1,
        }
    }
    None
}

/// The length of the number token at the start of `input` (JSON's grammar, RFC 8259 §6).
fn number_len(input: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        input[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut i = usize::from(input.first() == Some(&b'-'));
    match input.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += digits(i),
        _ => return None,
    }
    if input.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    if matches!(input.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(input.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return None;
        }
        i += n;
    }
    Some(i)
}

/// Re-indents `input`, one JSON value with any whitespace around it.
///
/// Runs in one pass and holds only the output and a stack as deep as the nesting. The output
/// must fit in `u32` offsets (4 GiB); a larger one is refused as [`NotJson`] at its end.
pub(crate) fn format(input: &[u8]) -> Result<Formatted, NotJson> {
    format_up_to(input, usize::MAX)
}

/// `input` re-indented until more than `lines` lines are written (a preview, while the whole
/// is formatted: its first `lines` lines are complete), or whole when it is one JSON value
/// with fewer; `None` when it ends first (cut short) or is not JSON. Folds are not complete.
pub(crate) fn format_head(input: &[u8], lines: usize) -> Option<Formatted> {
    format_up_to(input, lines).ok()
}

/// [`format`], stopping (with what is written) once more than `limit` lines are.
fn format_up_to(input: &[u8], limit: usize) -> Result<Formatted, NotJson> {
    let mut w = Writer {
        out: Formatted {
            text: Vec::with_capacity(input.len().saturating_mul(2)),
            lines: vec![0],
            folds: Vec::new(),
        },
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut expect = Expect::Value;
    let mut i = 0;
    while i < input.len() {
        if w.out.lines.len() > limit {
            return Ok(w.out);
        }
        let b = input[i];
        if is_space(b) {
            i += 1;
            continue;
        }
        if w.out.text.len() > u32::MAX as usize - 64 {
            return Err(NotJson(i));
        }
        match (expect, b) {
            (Expect::CommaOrEnd, b',') => {
                w.out.text.push(b',');
                w.newline(stack.len());
                expect = match stack.last() {
                    Some(open) if open.is_object => Expect::Key,
                    Some(_) => Expect::Value,
                    None => return Err(NotJson(i)),
                };
                i += 1;
            }
            (Expect::CommaOrEnd | Expect::KeyOrEnd | Expect::ValueOrEnd, b'}' | b']') => {
                let open = stack.pop().ok_or(NotJson(i))?;
                // `KeyOrEnd` follows only `{` and `ValueOrEnd` only `[`: the kind decides.
                if open.is_object != (b == b'}') {
                    return Err(NotJson(i));
                }
                if expect == Expect::CommaOrEnd {
                    w.newline(stack.len());
                    let end = w.line();
                    w.out.folds.push(Fold {
                        start: open.line,
                        end,
                    });
                }
                w.out.text.push(b);
                expect = if stack.is_empty() {
                    Expect::Done
                } else {
                    Expect::CommaOrEnd
                };
                i += 1;
            }
            (Expect::Colon, b':') => {
                w.out.text.extend_from_slice(b": ");
                expect = Expect::Value;
                i += 1;
            }
            (Expect::Key | Expect::KeyOrEnd, b'"') => {
                if expect == Expect::KeyOrEnd {
                    w.newline(stack.len());
                }
                let n = string_len(&input[i..]).ok_or(NotJson(i))?;
                w.out.text.extend_from_slice(&input[i..i + n]);
                expect = Expect::Colon;
                i += n;
            }
            (Expect::Value | Expect::ValueOrEnd, _) => {
                if expect == Expect::ValueOrEnd {
                    w.newline(stack.len());
                }
                let n = match b {
                    b'{' | b'[' => {
                        w.out.text.push(b);
                        stack.push(Open {
                            is_object: b == b'{',
                            line: w.line(),
                        });
                        expect = if b == b'{' {
                            Expect::KeyOrEnd
                        } else {
                            Expect::ValueOrEnd
                        };
                        i += 1;
                        continue;
                    }
                    b'"' => string_len(&input[i..]),
                    b't' => input[i..].starts_with(b"true").then_some(4),
                    b'f' => input[i..].starts_with(b"false").then_some(5),
                    b'n' => input[i..].starts_with(b"null").then_some(4),
                    _ => number_len(&input[i..]),
                }
                .ok_or(NotJson(i))?;
                w.out.text.extend_from_slice(&input[i..i + n]);
                expect = if stack.is_empty() {
                    Expect::Done
                } else {
                    Expect::CommaOrEnd
                };
                i += n;
            }
            _ => return Err(NotJson(i)),
        }
    }
    if expect != Expect::Done {
        return Err(NotJson(input.len()));
    }
    w.out.folds.sort_unstable_by_key(|f| f.start);
    Ok(w.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn pretty(input: &str) -> String {
        let out = format(input.as_bytes()).expect("valid JSON");
        String::from_utf8(out.text).expect("utf-8")
    }

    fn cases() -> Vec<Value> {
        let mut deep = json!(1);
        for i in 0..40 {
            deep = if i % 2 == 0 {
                json!([deep, i])
            } else {
                json!({ "k": deep })
            };
        }
        vec![
            json!(null),
            json!(true),
            json!(-12.5e-3),
            json!("é \"quoted\" \\ \n tab\t \u{1F600} \u{0001}"),
            json!({}),
            json!([]),
            json!([[], {}, [[]], {"a": {}}]),
            json!({"a": 1, "b": [1, 2, {"c": null}], "d": {"e": "f", "g": [true, false]}}),
            json!({"": "", "a b": [0, -0.0, 1e300, 12345678901234567u64]}),
            json!([{"id": 1, "tags": ["x", "y"]}, {"id": 2, "tags": []}]),
            deep,
        ]
    }

    #[test]
    fn output_is_serde_jsons_pretty_output() {
        for value in cases() {
            let compact = serde_json::to_string(&value).expect("compact");
            let expected = serde_json::to_string_pretty(&value).expect("pretty");
            assert_eq!(pretty(&compact), expected, "input {compact}");
            // Already pretty, or spread out with odd whitespace: the same output.
            assert_eq!(pretty(&expected), expected);
            let spaced = compact.replace(',', " ,\r\n\t").replace(':', " : ");
            if serde_json::from_str::<Value>(&spaced).ok().as_ref() == Some(&value) {
                assert_eq!(pretty(&format!("  {spaced}\n")), expected, "input {spaced}");
            }
        }
    }

    #[test]
    fn tokens_are_kept_as_received() {
        assert_eq!(
            pretty(r#"{"n":1.50E+3,"s":"\u00e9\/"}"#),
            "{\n  \"n\": 1.50E+3,\n  \"s\": \"\\u00e9\\/\"\n}"
        );
        assert_eq!(
            pretty("123456789012345678901234567890"),
            "123456789012345678901234567890"
        );
    }

    #[test]
    fn lines_and_folds_are_indexed() {
        let out = format(br#"{"a":[1,2],"b":{},"c":{"d":[]}}"#).expect("valid");
        let text = String::from_utf8(out.text.clone()).expect("utf-8");
        let starts: Vec<u32> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect();
        assert_eq!(out.lines, starts);
        // {            0
        //   "a": [     1
        //     1,       2
        //     2        3
        //   ],         4
        //   "b": {},   5
        //   "c": {     6
        //     "d": []  7
        //   }          8
        // }            9
        let folds: Vec<(u32, u32)> = out.folds.iter().map(|f| (f.start, f.end)).collect();
        assert_eq!(folds, [(0, 9), (1, 4), (6, 8)]);
    }

    #[test]
    fn anything_but_one_json_value_is_refused() {
        for bad in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\"}",
            "{\"a\":}",
            "[1 2]",
            "{1:2}",
            "[}",
            "{]",
            "tru",
            "01",
            "1.",
            "-",
            "1e",
            "\"open",
            "\"\\x\"",
            "\"\u{1}\"",
            "{} {}",
            "[1],",
            "{,}",
            "[,1]",
            "{\"a\":1,}",
            "nul",
        ] {
            assert!(format(bad.as_bytes()).is_err(), "accepted {bad:?}");
        }
    }
}
