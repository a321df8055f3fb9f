//! Splitting text into commands and words, as bash, cmd or PowerShell would.
//!
//! The dialect is chosen once for the whole text ([`Dialect::detect`]): a line ending in ` ^`
//! (or a `^"`) means cmd, a line ending in `` ` `` means PowerShell, anything else is bash.
//! Commands end at an unescaped line break, `;` or `&&`; comments (`#` at the start of a word,
//! and `rem`/`::` lines in cmd) are skipped. This module only splits: it does not know curl.

mod windows;

use super::{CurlError, Result};

/// The shell whose quoting rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// POSIX shells: `\` escapes and continues lines; `'…'`, `"…"` and `$'…'`.
    Bash,
    /// Windows cmd: `^` escapes and continues lines; then the C runtime's `"…"` splitting.
    Cmd,
    /// PowerShell: `` ` `` escapes and continues lines; `'…'` (`''` for a quote) and `"…"`.
    PowerShell,
}

impl Dialect {
    /// The dialect the text is written in.
    pub(crate) fn detect(text: &str) -> Dialect {
        for line in text.lines() {
            let line = line.trim_end();
            if line.ends_with(" ^") || line == "^" {
                return Dialect::Cmd;
            }
            if line.ends_with(" `") || line == "`" {
                return Dialect::PowerShell;
            }
        }
        if text.contains("^\"") {
            Dialect::Cmd
        } else {
            Dialect::Bash
        }
    }
}

/// One command's words, the first being the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Command {
    /// The words, unquoted.
    pub(crate) words: Vec<String>,
}

/// A character with its line and column (from 1).
#[derive(Debug, Clone, Copy)]
struct Pos {
    c: char,
    line: usize,
    column: usize,
}

fn positions(text: &str) -> Vec<Pos> {
    let mut out = Vec::with_capacity(text.len());
    let (mut line, mut column) = (1, 1);
    for c in text.chars().filter(|c| *c != '\r') {
        out.push(Pos { c, line, column });
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    out
}

/// Splits `text` into commands in the given dialect.
pub(crate) fn split(text: &str, dialect: Dialect) -> Result<Vec<Command>> {
    let chars = positions(text);
    let mut lexer = Lexer {
        chars: &chars,
        at: 0,
        commands: Vec::new(),
        words: Vec::new(),
        dialect,
    };
    lexer.run()?;
    Ok(lexer.commands)
}

struct Lexer<'a> {
    chars: &'a [Pos],
    at: usize,
    commands: Vec<Command>,
    words: Vec<String>,
    dialect: Dialect,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).map(|p| p.c)
    }

    fn escape(&self) -> char {
        match self.dialect {
            Dialect::Bash => '\\',
            Dialect::Cmd => '^',
            Dialect::PowerShell => '`',
        }
    }

    fn end_command(&mut self) {
        if !self.words.is_empty() {
            let words = std::mem::take(&mut self.words);
            self.commands.push(Command { words });
        }
    }

    fn unterminated(&self, quote: &str, start: usize) -> CurlError {
        let p = self.chars[start];
        CurlError::UnterminatedQuote {
            command: self.commands.len() + 1,
            quote: quote.into(),
            line: p.line,
            column: p.column,
        }
    }

    fn run(&mut self) -> Result<()> {
        while let Some(c) = self.peek(0) {
            match c {
                ' ' | '\t' => self.at += 1,
                '\n' | ';' => {
                    self.at += 1;
                    self.end_command();
                }
                '&' if self.peek(1) == Some('&') => {
                    self.at += 2;
                    self.end_command();
                }
                c if c == self.escape() && self.peek(1) == Some('\n') => self.at += 2,
                '#' => self.skip_line(),
                ':' if self.dialect == Dialect::Cmd && self.peek(1) == Some(':') => {
                    self.skip_line()
                }
                _ => {
                    let word = match self.dialect {
                        Dialect::Bash => self.bash_word()?,
                        Dialect::Cmd => self.cmd_word()?,
                        Dialect::PowerShell => self.powershell_word()?,
                    };
                    let is_rem = self.dialect == Dialect::Cmd
                        && self.words.is_empty()
                        && word.eq_ignore_ascii_case("rem");
                    if is_rem {
                        self.skip_line();
                    } else {
                        self.words.push(word);
                    }
                }
            }
        }
        self.end_command();
        Ok(())
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            self.at += 1;
        }
    }

    fn ends_word(&self, c: char) -> bool {
        matches!(c, ' ' | '\t' | '\n' | ';') || (c == '&' && self.peek(1) == Some('&'))
    }

    fn bash_word(&mut self) -> Result<String> {
        let mut word = String::new();
        while let Some(c) = self.peek(0) {
            if self.ends_word(c) {
                break;
            }
            let start = self.at;
            self.at += 1;
            match c {
                '\\' => match self.peek(0) {
                    Some('\n') => self.at += 1,
                    Some(next) => {
                        word.push(next);
                        self.at += 1;
                    }
                    None => word.push('\\'),
                },
                '\'' => loop {
                    match self.peek(0) {
                        None => return Err(self.unterminated("'", start)),
                        Some('\'') => {
                            self.at += 1;
                            break;
                        }
                        Some(c) => {
                            word.push(c);
                            self.at += 1;
                        }
                    }
                },
                '"' => loop {
                    let Some(c) = self.peek(0) else {
                        return Err(self.unterminated("\"", start));
                    };
                    self.at += 1;
                    match c {
                        '"' => break,
                        '\\' => match self.peek(0) {
                            Some('\n') => self.at += 1,
                            Some(e @ ('$' | '`' | '"' | '\\')) => {
                                word.push(e);
                                self.at += 1;
                            }
                            _ => word.push('\\'),
                        },
                        c => word.push(c),
                    }
                },
                '$' if self.peek(0) == Some('\'') => {
                    self.at += 1;
                    self.ansi_c(&mut word, start)?;
                }
                c => word.push(c),
            }
        }
        Ok(word)
    }

    /// The rest of a `$'…'` string, after its opening quote.
    fn ansi_c(&mut self, word: &mut String, start: usize) -> Result<()> {
        loop {
            let Some(c) = self.peek(0) else {
                return Err(self.unterminated("$'", start));
            };
            self.at += 1;
            match c {
                '\'' => return Ok(()),
                '\\' => {
                    let Some(e) = self.peek(0) else {
                        return Err(self.unterminated("$'", start));
                    };
                    self.at += 1;
                    match e {
                        'n' => word.push('\n'),
                        't' => word.push('\t'),
                        'r' => word.push('\r'),
                        'a' => word.push('\u{7}'),
                        'b' => word.push('\u{8}'),
                        'e' | 'E' => word.push('\u{1b}'),
                        'f' => word.push('\u{c}'),
                        'v' => word.push('\u{b}'),
                        'x' => self.hex(word, 2),
                        'u' => self.hex(word, 4),
                        'U' => self.hex(word, 8),
                        '0'..='7' => {
                            let mut n = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match self.peek(0).and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        n = n * 8 + d;
                                        self.at += 1;
                                    }
                                    None => break,
                                }
                            }
                            word.extend(char::from_u32(n));
                        }
                        e @ ('\\' | '\'' | '"' | '?') => word.push(e),
                        other => {
                            word.push('\\');
                            word.push(other);
                        }
                    }
                }
                c => word.push(c),
            }
        }
    }

    /// Up to `max` hex digits as one character (`\xHH`, `\uHHHH`).
    fn hex(&mut self, word: &mut String, max: usize) {
        let mut n = 0u32;
        let mut digits = 0;
        while digits < max {
            match self.peek(0).and_then(|d| d.to_digit(16)) {
                Some(d) => {
                    n = n * 16 + d;
                    self.at += 1;
                    digits += 1;
                }
                None => break,
            }
        }
        word.extend(char::from_u32(n));
    }
}
