//! The substitution loop.

use super::{Dynamic, Entropy, SystemEntropy, Variables};

/// Most substitution passes, as in Postman: a value that still holds `{{…}}` after this many
/// passes is left as it is.
pub const MAX_PASSES: usize = 19;

/// The most text a rendering grows to. Values that refer to each other several times (`a` is
/// `{{b}}{{b}}`, `b` is `{{c}}{{c}}`, …) grow exponentially over the passes; past this a token
/// is left as written (and so listed as unresolved) rather than the memory used up.
pub const MAX_RENDERED: usize = 32 << 20;

/// A rendered string and the tokens that stayed unresolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The text after substitution.
    pub text: String,
    /// Names of `{{tokens}}` left as written, in first-seen order, without duplicates.
    pub unresolved: Vec<String>,
}

/// Renders `input` with the system clock and random source for dynamic variables.
pub fn render(input: &str, vars: &Variables) -> Rendered {
    render_with(input, vars, &mut Dynamic::new(SystemEntropy))
}

/// Renders `input`, drawing dynamic variables from `dynamic` (inject a fixed [`Entropy`] for
/// deterministic output).
pub fn render_with<E: Entropy>(
    input: &str,
    vars: &Variables,
    dynamic: &mut Dynamic<E>,
) -> Rendered {
    let mut text = input.to_string();
    for _ in 0..MAX_PASSES {
        let next = pass(&text, vars, dynamic);
        if next == text {
            break;
        }
        text = next;
    }
    let mut unresolved: Vec<String> = Vec::new();
    for (start, end) in tokens(&text) {
        let name = &text[start + 2..end - 2];
        if !unresolved.iter().any(|u| u == name) {
            unresolved.push(name.to_string());
        }
    }
    Rendered { text, unresolved }
}

/// One pass: every innermost token replaced once; replacements are not rescanned. A token
/// whose value would take the text past [`MAX_RENDERED`] stays as written.
fn pass<E: Entropy>(text: &str, vars: &Variables, dynamic: &mut Dynamic<E>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in tokens(text) {
        let name = &text[start + 2..end - 2];
        let value = match vars.get(name) {
            Some((value, _)) => Some(value.to_string()),
            None => dynamic.value(name),
        };
        if let Some(value) = value {
            let grown = out.len() + (start - last) + value.len() + (text.len() - end);
            if grown > MAX_RENDERED {
                continue;
            }
            out.push_str(&text[last..start]);
            out.push_str(&value);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Byte ranges of innermost `{{name}}` tokens: `name` holds no `{` or `}` (Postman's
/// `/\{\{([^{}]*?)}}/g`).
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            let mut j = i + 2;
            while j < bytes.len() && bytes[j] != b'{' && bytes[j] != b'}' {
                j += 1;
            }
            if j + 1 < bytes.len() && bytes[j] == b'}' && bytes[j + 1] == b'}' {
                found.push((i, j + 2));
                i = j + 2;
                continue;
            }
            // No token starts at i. One starting inside i+1..j-1 would hold the brace at j,
            // so the next candidate is j-1 (it matters for `{{{a}}}`).
            i = j - 1;
            continue;
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Variable;
    use crate::template::Scope;

    struct Fixed;
    impl Entropy for Fixed {
        fn now_millis(&self) -> i64 {
            1_700_000_000_123
        }
        fn fill(&mut self, buf: &mut [u8]) {
            buf.fill(0xab);
        }
    }

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        let list: Vec<Variable> = pairs
            .iter()
            .map(|(k, v)| Variable {
                key: (*k).into(),
                value: (*v).into(),
                ..Variable::default()
            })
            .collect();
        Variables::new().with(Scope::Environment, &list)
    }

    fn r(input: &str, v: &Variables) -> Rendered {
        render_with(input, v, &mut Dynamic::new(Fixed))
    }

    /// Found by the template fuzz target: values referring to each other several times grow
    /// exponentially over the 19 passes (3^19 copies here).
    #[test]
    fn values_that_multiply_stop_growing_at_the_limit() {
        let v = vars(&[("a", "{{a}}{{a}}{{a}}")]);
        let out = r("{{a}}", &v);
        assert!(out.text.len() <= MAX_RENDERED, "{}", out.text.len());
        assert_eq!(out.unresolved, ["a"]);
    }

    #[test]
    fn substitutes_and_leaves_unknown_tokens_as_written() {
        let v = vars(&[("host", "example.test"), ("empty", "")]);
        let out = r("https://{{host}}/{{path}}?e={{empty}}&again={{path}}", &v);
        assert_eq!(out.text, "https://example.test/{{path}}?e=&again={{path}}");
        assert_eq!(out.unresolved, ["path"]);
    }

    #[test]
    fn nested_references_resolve_innermost_first() {
        let v = vars(&[
            ("env", "prod"),
            ("url_prod", "https://api"),
            ("a", "{{b}}"),
            ("b", "B"),
        ]);
        assert_eq!(r("{{url_{{env}}}}/x", &v).text, "https://api/x");
        assert_eq!(
            r("{{a}}", &v).text,
            "B",
            "values holding tokens resolve too"
        );
        assert_eq!(r("{{ {{env}} }}", &v).text, "{{ prod }}");
    }

    #[test]
    fn stops_after_nineteen_passes() {
        // v0 -> {{v1}} -> ... a chain that needs exactly n passes to finish.
        let chain = |n: usize| {
            let pairs: Vec<(String, String)> = (0..n)
                .map(|i| (format!("v{i}"), format!("{{{{v{}}}}}", i + 1)))
                .chain(std::iter::once((format!("v{n}"), "end".to_string())))
                .collect();
            let list: Vec<Variable> = pairs
                .iter()
                .map(|(k, v)| Variable {
                    key: k.clone(),
                    value: v.clone(),
                    ..Variable::default()
                })
                .collect();
            Variables::new().with(Scope::Globals, &list)
        };
        assert_eq!(r("{{v0}}", &chain(MAX_PASSES - 1)).text, "end");
        let cut = r("{{v0}}", &chain(MAX_PASSES));
        assert_eq!(cut.text, format!("{{{{v{MAX_PASSES}}}}}"));
        assert_eq!(cut.unresolved, [format!("v{MAX_PASSES}")]);
    }

    #[test]
    fn self_reference_terminates() {
        let v = vars(&[("a", "{{a}}")]);
        assert_eq!(r("x{{a}}", &v).text, "x{{a}}");
    }

    #[test]
    fn dynamic_variables_give_a_fresh_value_and_yield_to_user_variables() {
        let none = Variables::new();
        let out = r("{{$timestamp}} {{$isoTimestamp}}", &none);
        assert_eq!(out.text, "1700000000 2023-11-14T22:13:20.123Z");
        let user = vars(&[("$timestamp", "mine")]);
        assert_eq!(r("{{$timestamp}}", &user).text, "mine");
        assert_eq!(r("{{$notAThing}}", &none).unresolved, ["$notAThing"]);
    }

    #[test]
    fn odd_braces_do_not_confuse_the_scanner() {
        let v = vars(&[("a", "A")]);
        assert_eq!(r("{{{a}}}", &v).text, "{A}");
        assert_eq!(r("{{a}", &v).text, "{{a}");
        assert_eq!(r("}}{{a}}{{", &v).text, "}}A{{");
        assert_eq!(r("{{}}", &v).unresolved, [""]);
        assert_eq!(r("é{{a}}ü", &v).text, "éAü");
    }
}
