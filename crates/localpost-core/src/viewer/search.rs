//! Finding text in a document: every match, by line, in the UTF-16 columns the webview counts
//! in.
//!
//! The query is plain text (escaped into a `regex`, whose literal search is memchr-fast); the
//! case-insensitive search folds Unicode case. One pass over the whole text, so a 150 MB
//! pretty document is searched in well under a second.

use regex::RegexBuilder;
use serde::Serialize;
use ts_rs::TS;

/// Most matches a search returns (it still counts them all).
pub const MATCH_LIMIT: usize = 10_000;

/// One match: its line and where it is in that line, in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Match {
    /// The line (0-based).
    pub line: u32,
    /// Where the match starts in the line.
    pub start: u32,
    /// Where it ends (exclusive).
    pub end: u32,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Found {
    /// The first [`MATCH_LIMIT`] matches, in document order.
    pub matches: Vec<Match>,
    /// How many matches there are in all.
    pub total: u32,
}

fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.encode_utf16().count() as u32
    }
}

/// Every match of `query` in `text`, whose lines start at `lines`.
pub(crate) fn search(text: &str, lines: &[u32], query: &str, is_case_sensitive: bool) -> Found {
    let mut found = Found {
        matches: Vec::new(),
        total: 0,
    };
    if query.is_empty() {
        return found;
    }
    let Ok(pattern) = RegexBuilder::new(&regex::escape(query))
        .case_insensitive(!is_case_sensitive)
        .build()
    else {
        return found;
    };
    let mut line = 0usize;
    for m in pattern.find_iter(text) {
        found.total += 1;
        if found.matches.len() >= MATCH_LIMIT {
            continue;
        }
        // Matches come in order: walk the line index forward.
        while lines
            .get(line + 1)
            .is_some_and(|&next| next as usize <= m.start())
        {
            line += 1;
        }
        let line_start = lines[line] as usize;
        let start = utf16_len(&text[line_start..m.start()]);
        found.matches.push(Match {
            line: line as u32,
            start,
            end: start + utf16_len(m.as_str()),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> Vec<u32> {
        std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect()
    }

    #[test]
    fn finds_every_match_with_its_line_and_column() {
        let text = "{\n  \"name\": \"Ada\",\n  \"nick\": \"ADA ada\"\n}";
        let found = search(text, &index(text), "ada", false);
        assert_eq!(found.total, 3);
        let at: Vec<(u32, u32, u32)> = found
            .matches
            .iter()
            .map(|m| (m.line, m.start, m.end))
            .collect();
        assert_eq!(at, [(1, 11, 14), (2, 11, 14), (2, 15, 18)]);
        let exact = search(text, &index(text), "ada", true);
        assert_eq!((exact.total, exact.matches[0].start), (1, 15));
    }

    #[test]
    fn columns_count_utf16_and_the_query_is_literal() {
        let text = "a\n\u{1F600}é x.y (z)";
        let found = search(text, &index(text), "x.y (z)", true);
        assert_eq!(
            found.matches,
            [Match {
                line: 1,
                start: 4,
                end: 11
            }]
        );
        assert_eq!(search(text, &index(text), "x?y", true).total, 0);
        assert_eq!(search(text, &index(text), "É", false).matches[0].start, 2);
        assert_eq!(search(text, &index(text), "", false).total, 0);
    }

    #[test]
    fn returns_at_most_the_limit_but_counts_all() {
        let text = "x".repeat(MATCH_LIMIT + 5);
        let found = search(&text, &[0], "x", true);
        assert_eq!(
            (found.matches.len(), found.total),
            (MATCH_LIMIT, MATCH_LIMIT as u32 + 5)
        );
    }
}
