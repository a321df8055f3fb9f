//! Which kind of operation a GraphQL document runs: enough of the language's lexer to find its
//! top-level definitions (strings, block strings and comments skipped), not a parser.

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// `query`, or the `{ … }` shorthand.
    Query,
    /// `mutation`.
    Mutation,
    /// `subscription`: sent over a WebSocket rather than as a POST.
    Subscription,
}

/// Whether `request` is a GraphQL subscription: an HTTP request whose GraphQL body runs a
/// `subscription` operation (sent over `graphql-transport-ws` rather than as a POST).
pub fn is_subscription(request: &crate::model::Request) -> bool {
    match &request.body {
        crate::model::Body::Graphql {
            query,
            operation_name,
            ..
        } if request.protocol == crate::model::Protocol::Http => {
            operation_kind(query, operation_name.as_deref()) == Some(OperationKind::Subscription)
        }
        _ => false,
    }
}

/// A top-level token: a name, or punctuation opening or closing a nesting.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Name(&'a str),
    Open(u8),
    Close,
    Other,
}

/// The tokens of `text` at nesting depth 0 and the openings to depth 1 (strings and comments
/// skipped, nested ones dropped).
fn top_level(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' if text[i..].starts_with("\"\"\"") => {
                i += 3;
                while i < bytes.len() && !text[i..].starts_with("\"\"\"") {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 3;
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            b'{' | b'(' | b'[' => {
                if depth == 0 {
                    tokens.push(Token::Open(c));
                }
                depth += 1;
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    tokens.push(Token::Close);
                }
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                if depth == 0 {
                    tokens.push(Token::Name(&text[start..i]));
                }
                continue;
            }
            c if c.is_ascii_whitespace() || c == b',' => {}
            _ => {
                if depth == 0 {
                    tokens.push(Token::Other);
                }
            }
        }
        i += 1;
    }
    tokens
}

/// The kind of the operation `document` runs: the one named `operation_name` when given (and
/// not blank), else its only operation. `None` when there is no such operation, or several and
/// no name.
pub fn operation_kind(document: &str, operation_name: Option<&str>) -> Option<OperationKind> {
    let tokens = top_level(document);
    let mut operations: Vec<(OperationKind, Option<&str>)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let kind = match tokens[i] {
            Token::Name("query") => Some(OperationKind::Query),
            Token::Name("mutation") => Some(OperationKind::Mutation),
            Token::Name("subscription") => Some(OperationKind::Subscription),
            // The `{ … }` shorthand is an anonymous query.
            Token::Open(b'{') => {
                operations.push((OperationKind::Query, None));
                None
            }
            _ => None,
        };
        if let Some(kind) = kind {
            let name = match tokens.get(i + 1) {
                Some(Token::Name(name)) => Some(*name),
                _ => None,
            };
            operations.push((kind, name));
            // Skip to the end of its selection set.
            while i < tokens.len() && tokens[i] != Token::Open(b'{') {
                i += 1;
            }
        } else if let Token::Name("fragment") = tokens[i] {
            while i < tokens.len() && tokens[i] != Token::Open(b'{') {
                i += 1;
            }
        }
        i += 1;
    }
    match operation_name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(wanted) => operations
            .iter()
            .find(|(_, name)| *name == Some(wanted))
            .map(|(kind, _)| *kind),
        None => match operations.as_slice() {
            [(kind, _)] => Some(*kind),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OperationKind::*;

    #[test]
    fn finds_the_kind_of_the_only_or_the_named_operation() {
        let cases: [(&str, Option<&str>, Option<OperationKind>); 10] = [
            ("{ a }", None, Some(Query)),
            ("query { a }", None, Some(Query)),
            ("mutation M($x: Int) { a(x: $x) }", None, Some(Mutation)),
            (
                "subscription S { added { name } }",
                None,
                Some(Subscription),
            ),
            ("subscription{added}", None, Some(Subscription)),
            (
                "query A { a } subscription B { b }",
                Some("B"),
                Some(Subscription),
            ),
            ("query A { a } subscription B { b }", Some("A"), Some(Query)),
            ("query A { a } subscription B { b }", None, None),
            ("query A { a }", Some("Nope"), None),
            ("", None, None),
        ];
        for (document, name, kind) in cases {
            assert_eq!(
                operation_kind(document, name),
                kind,
                "{document:?} {name:?}"
            );
        }
    }

    #[test]
    fn skips_comments_strings_fragments_and_nested_words() {
        let document = r#"
            # subscription in a comment
            fragment F on Country { subscription name }
            query Q { search(text: "subscription {", block: """ mutation { """) { ...F } }
        "#;
        assert_eq!(operation_kind(document, None), Some(Query));
        assert_eq!(
            operation_kind("fragment F on T { a }\nsubscription { s { ...F } }", None),
            Some(Subscription)
        );
        assert_eq!(
            operation_kind("query { a } # subscription", Some(" ")),
            Some(Query)
        );
    }
}
