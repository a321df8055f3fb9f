//! The Windows dialects' words: cmd (then the C runtime's splitting) and PowerShell.

use super::Lexer;
use crate::formats::curl::Result;

impl Lexer<'_> {
    /// A cmd word: `^` escapes are removed, then the C runtime's rules apply (`"` groups,
    /// `\"` is a quote, `""` inside quotes is a quote).
    pub(super) fn cmd_word(&mut self) -> Result<String> {
        let mut word = String::new();
        // Quoting as the C runtime sees it (every `"` that reaches it), and as cmd sees it
        // (only unescaped ones: inside those, `^` is not an escape).
        let mut quoted: Option<usize> = None;
        let mut cmd_quoted = false;
        while let Some(c) = self.peek(0) {
            // A line break ends a cmd command even inside quotes.
            if c == '\n' || (quoted.is_none() && self.ends_word(c)) {
                break;
            }
            let start = self.at;
            self.at += 1;
            // cmd's own escape, outside its quotes: `^x` is `x`, `^` + line break continues.
            let (c, escaped) = match c {
                '^' if !cmd_quoted => match self.peek(0) {
                    Some('\n') => {
                        self.at += 1;
                        continue;
                    }
                    Some(next) => {
                        self.at += 1;
                        (next, true)
                    }
                    None => ('^', false),
                },
                c => (c, false),
            };
            if c == '"' && !escaped {
                cmd_quoted = !cmd_quoted;
            }
            match c {
                '\\' => {
                    let mut n = 1;
                    while self.peek(0) == Some('\\') {
                        n += 1;
                        self.at += 1;
                    }
                    let quote_follows = self.peek(0) == Some('"')
                        || (self.peek(0) == Some('^') && self.peek(1) == Some('"'));
                    if quote_follows {
                        word.extend(std::iter::repeat_n('\\', n / 2));
                        if n % 2 == 1 {
                            self.at += if self.peek(0) == Some('^') { 2 } else { 1 };
                            word.push('"');
                        }
                    } else {
                        word.extend(std::iter::repeat_n('\\', n));
                    }
                }
                '"' => match quoted {
                    Some(_) if self.peek(0) == Some('"') => {
                        self.at += 1;
                        word.push('"');
                    }
                    Some(_) => quoted = None,
                    None => quoted = Some(start),
                },
                c => word.push(c),
            }
        }
        match quoted {
            Some(start) => Err(self.unterminated("\"", start)),
            None => Ok(word),
        }
    }

    pub(super) fn powershell_word(&mut self) -> Result<String> {
        let mut word = String::new();
        while let Some(c) = self.peek(0) {
            if self.ends_word(c) {
                break;
            }
            let start = self.at;
            self.at += 1;
            match c {
                '`' => match self.peek(0) {
                    Some('\n') => self.at += 1,
                    Some(next) => {
                        word.push(next);
                        self.at += 1;
                    }
                    None => word.push('`'),
                },
                '\'' | '‘' | '’' => loop {
                    match self.peek(0) {
                        None => return Err(self.unterminated("'", start)),
                        Some('\'' | '‘' | '’')
                            if matches!(self.peek(1), Some('\'' | '‘' | '’')) =>
                        {
                            word.push('\'');
                            self.at += 2;
                        }
                        Some('\'' | '‘' | '’') => {
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
                        '"' if self.peek(0) == Some('"') => {
                            word.push('"');
                            self.at += 1;
                        }
                        '"' => break,
                        '`' => {
                            let Some(e) = self.peek(0) else {
                                return Err(self.unterminated("\"", start));
                            };
                            self.at += 1;
                            word.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                'r' => '\r',
                                '0' => '\0',
                                'a' => '\u{7}',
                                'b' => '\u{8}',
                                'e' => '\u{1b}',
                                'f' => '\u{c}',
                                'v' => '\u{b}',
                                other => other,
                            });
                        }
                        c => word.push(c),
                    }
                },
                c => word.push(c),
            }
        }
        Ok(word)
    }
}
