//! Iteration data files, read as newman reads them: a JSON array of objects, else CSV with a
//! header row (byte order mark stripped, whitespace around fields trimmed, `"` quoting with
//! `""` escapes, stray quotes inside unquoted fields kept, rows shorter or longer than the
//! header allowed). Unquoted fields that look like numbers become numbers, with newman's
//! tests: `[+-]?[1-9][0-9]*` an integer, else whatever JavaScript's `Number` and `parseFloat`
//! agree on (so `007` is 7 and `1e3` is 1000), quoted fields stay text.

use std::path::Path;

use serde_json::{Map, Number, Value};

use super::{Result, RunError};

/// One row per iteration.
pub type Rows = Vec<Map<String, Value>>;

/// Reads the data file at `path`.
pub fn read(path: &Path) -> Result<Rows> {
    let error = |reason: String| RunError::Data {
        path: path.to_owned(),
        reason,
    };
    // As an import: a file past the limit is refused before it is read.
    let bytes = crate::formats::read_limited(path, &path.display().to_string()).map_err(|e| {
        error(match e {
            crate::formats::ReadError::Io { source, .. } => format!("cannot read: {source}"),
            other => other.to_string(),
        })
    })?;
    let text = String::from_utf8(bytes).map_err(|_| error("not UTF-8 text".into()))?;
    parse(&text).map_err(error)
}

/// Parses data file text: JSON when it is a JSON array, else CSV.
pub fn parse(text: &str) -> std::result::Result<Rows, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Ok(json) = serde_json::from_str::<Value>(text.trim()) {
        let Value::Array(items) = json else {
            return Err("the JSON must be an array of objects".into());
        };
        return items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(row) => Ok(row),
                _ => Err(format!("[{i}]: not an object")),
            })
            .collect();
    }
    let mut records = csv(text)?.into_iter();
    let Some(header) = records.next() else {
        return Ok(Vec::new());
    };
    let header: Vec<String> = header.into_iter().map(|f| f.text).collect();
    Ok(records
        .map(|record| {
            header
                .iter()
                .zip(record)
                .map(|(key, field)| (key.clone(), field.into_value()))
                .collect()
        })
        .collect())
}

/// A CSV field and whether it was quoted.
#[derive(Debug, PartialEq)]
struct Field {
    text: String,
    quoted: bool,
}

impl Field {
    fn into_value(self) -> Value {
        if self.quoted {
            return Value::String(self.text);
        }
        cast(&self.text).unwrap_or(Value::String(self.text))
    }
}

/// newman's `csvAutoParse`: an integer, else a float JavaScript reads the same both ways.
fn cast(text: &str) -> Option<Value> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let is_int = digits.starts_with(|c: char| ('1'..='9').contains(&c))
        && digits.chars().all(|c| c.is_ascii_digit());
    if is_int {
        return match text.trim_start_matches('+').parse::<i64>() {
            Ok(n) => Some(Value::Number(n.into())),
            Err(_) => text.parse::<f64>().ok().and_then(number),
        };
    }
    // `value - parseFloat(value) + 1 >= 0`: false when either is NaN.
    let whole = js_number(text)?;
    let prefix = parse_float_prefix(text)?;
    (whole - prefix + 1.0 >= 0.0)
        .then(|| number(prefix))
        .flatten()
}

fn number(f: f64) -> Option<Value> {
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        return Some(Value::Number((f as i64).into()));
    }
    Number::from_f64(f).map(Value::Number)
}

/// JavaScript's `Number(text)` for the texts a CSV field holds (trimmed already).
fn js_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0.0);
    }
    for (prefix, radix) in [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ] {
        if let Some(digits) = t.strip_prefix(prefix) {
            return u64::from_str_radix(digits, radix).ok().map(|n| n as f64);
        }
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "Infinity" {
        return Some(if t.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let valid = !unsigned.is_empty()
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !valid {
        return None;
    }
    t.parse::<f64>().ok()
}

/// JavaScript's `parseFloat(text)`: the longest leading decimal number.
fn parse_float_prefix(text: &str) -> Option<f64> {
    let t = text.trim_start();
    let bytes = t.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end = 1;
    }
    if t[end..].starts_with("Infinity") {
        return t[..end + 8].replace("Infinity", "inf").parse().ok();
    }
    let digits_start = end;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    let mut has_digits = end > digits_start;
    if bytes.get(end) == Some(&b'.') {
        let dot = end;
        end += 1;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        has_digits |= end > dot + 1;
    }
    if !has_digits {
        return None;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut exp = end + 1;
        if matches!(bytes.get(exp), Some(b'+' | b'-')) {
            exp += 1;
        }
        let exp_digits = exp;
        while bytes.get(exp).is_some_and(u8::is_ascii_digit) {
            exp += 1;
        }
        if exp > exp_digits {
            end = exp;
        }
    }
    t[..end].parse().ok()
}

/// Splits CSV text into records of fields (csv-parse with `relax`, `trim`,
/// `relax_column_count`); blank lines are skipped.
fn csv(text: &str) -> std::result::Result<Vec<Vec<Field>>, String> {
    let mut records = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    loop {
        // One field.
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut field = Field {
            text: String::new(),
            quoted: false,
        };
        if chars.peek() == Some(&'"') {
            chars.next();
            field.quoted = true;
            let start = line;
            loop {
                match chars.next() {
                    None => return Err(format!("line {start}: a quoted field is not closed")),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.text.push('"');
                    }
                    Some('"') => break,
                    Some(c) => {
                        line += usize::from(c == '\n');
                        field.text.push(c);
                    }
                }
            }
            // Anything after the closing quote up to the delimiter is kept (relaxed).
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\n' || c == '\r' {
                    break;
                }
                field.text.push(c);
                chars.next();
            }
            let trimmed = field.text.trim_end().len();
            field.text.truncate(trimmed);
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\n' || c == '\r' {
                    break;
                }
                field.text.push(c);
                chars.next();
            }
            let trimmed = field.text.trim_end().len();
            field.text.truncate(trimmed);
        }
        record.push(field);
        match chars.next() {
            Some(',') => continue,
            Some('\r') => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            Some('\n') => {}
            None => {
                push(&mut records, record);
                return Ok(records);
            }
            Some(_) => unreachable!("fields end at a delimiter or line end"),
        }
        line += 1;
        push(&mut records, std::mem::take(&mut record));
    }
}

fn push(records: &mut Vec<Vec<Field>>, record: Vec<Field>) {
    let blank = record.len() == 1 && record[0].text.is_empty() && !record[0].quoted;
    if !blank {
        records.push(record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_with_bom_quotes_trim_and_casts() {
        let rows =
            parse("\u{feff}user, n ,f\r\n\"alice, a\", 200 ,1.5\nbob,\"201\",007\n\n").unwrap();
        assert_eq!(
            Value::Array(rows.into_iter().map(Value::Object).collect()),
            json!([
                {"user": "alice, a", "n": 200, "f": 1.5},
                {"user": "bob", "n": "201", "f": 7},
            ])
        );
    }

    #[test]
    fn casts_as_newman_does() {
        let v = |s: &str| {
            Field {
                text: s.into(),
                quoted: false,
            }
            .into_value()
        };
        assert_eq!(v("0"), json!(0));
        assert_eq!(v("-12"), json!(-12));
        assert_eq!(v("1e3"), json!(1000));
        assert_eq!(v("12abc"), json!("12abc"));
        assert_eq!(v(""), json!(""));
        assert_eq!(v("true"), json!("true"));
        assert_eq!(v("Infinity"), json!("Infinity"));
    }

    #[test]
    fn ragged_rows_and_escaped_quotes() {
        let rows = parse("a,b\n1\n\"x\"\"y\",2,3\n").unwrap();
        assert_eq!(rows[0], json!({"a": 1}).as_object().unwrap().clone());
        assert_eq!(
            rows[1],
            json!({"a": "x\"y", "b": 2}).as_object().unwrap().clone()
        );
    }

    #[test]
    fn json_arrays_of_objects() {
        assert_eq!(parse("[{\"a\": 1}]").unwrap().len(), 1);
        assert!(parse("{\"a\": 1}").is_err());
        assert_eq!(parse("[1]").unwrap_err(), "[0]: not an object");
    }

    #[test]
    fn an_open_quote_names_its_line() {
        assert_eq!(
            parse("a\n\"x\n").unwrap_err(),
            "line 2: a quoted field is not closed"
        );
    }
}
