//! Insomnia's Nunjucks templates: `{{ _.var }}` and `{{ var }}` become `{{var}}`; template
//! tags (`{% response … %}`, `{% uuid %}`) are kept as written, with a warning, since they
//! have no equivalent.

use crate::formats::Warning;

/// `text` with its variable references in our syntax; a warning at `path` for each tag.
pub(crate) fn convert(text: &str, path: &str, warnings: &mut Vec<Warning>) -> String {
    if text.contains("{%") {
        warnings.push(Warning::new(
            path,
            "template tags ({% … %}) are not supported; kept as written",
        ));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(len) = rest[open + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = rest[open + 2..open + 2 + len].trim();
        let inner = inner.strip_prefix("_.").unwrap_or(inner).trim();
        out.push_str("{{");
        out.push_str(inner);
        out.push_str("}}");
        rest = &rest[open + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_lose_their_underscore_and_spaces() {
        let mut w = Vec::new();
        assert_eq!(
            convert(
                "{{ _.base }}/a/{{token}}?q={{ _.x.y }}&{{ open",
                "url",
                &mut w
            ),
            "{{base}}/a/{{token}}?q={{x.y}}&{{ open"
        );
        assert!(w.is_empty());
        assert_eq!(convert("{% uuid 'v4' %}", "url", &mut w), "{% uuid 'v4' %}");
        assert_eq!(w.len(), 1);
    }
}
