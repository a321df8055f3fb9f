//! Words and prose: the grammar variables (tech-talk nouns, verbs, phrases), random words from
//! every list, and lorem ipsum.

use super::rng::Rng;
use super::table::Generate;
use super::words::{
    ABBREVIATIONS, ACCOUNT_KINDS, ADJECTIVES, BS_ADJECTIVES, BS_BUZZWORDS, BS_NOUNS,
    CATCH_PHRASE_ADJECTIVES, CATCH_PHRASE_DESCRIPTORS, CATCH_PHRASE_NOUNS, COLORS, COUNTRIES,
    DEPARTMENTS, ING_VERBS, JOB_AREAS, JOB_DESCRIPTORS, JOB_TYPES, LOREM, NOUNS, PHRASES,
    PRODUCT_ADJECTIVES, PRODUCT_MATERIALS, PRODUCTS, STREET_SUFFIXES, TRANSACTION_TYPES, VERBS,
};

/// The lists `$randomWord` draws from: one list, then one entry (so an entry may hold a space).
pub(super) const WORD_SOURCES: &[&[&str]] = &[
    ABBREVIATIONS,
    ACCOUNT_KINDS,
    ADJECTIVES,
    BS_ADJECTIVES,
    BS_BUZZWORDS,
    BS_NOUNS,
    CATCH_PHRASE_ADJECTIVES,
    CATCH_PHRASE_DESCRIPTORS,
    CATCH_PHRASE_NOUNS,
    COLORS,
    COUNTRIES,
    DEPARTMENTS,
    ING_VERBS,
    JOB_AREAS,
    JOB_DESCRIPTORS,
    JOB_TYPES,
    NOUNS,
    PRODUCT_ADJECTIVES,
    PRODUCT_MATERIALS,
    PRODUCTS,
    STREET_SUFFIXES,
    TRANSACTION_TYPES,
    VERBS,
];

/// `$randomAbbreviation`: `JSON`.
pub(super) fn abbreviation(rng: &mut Rng<'_>) -> String {
    rng.pick(ABBREVIATIONS).to_string()
}

/// `$randomAdjective`: `multi-byte`.
pub(super) fn adjective(rng: &mut Rng<'_>) -> String {
    rng.pick(ADJECTIVES).to_string()
}

/// `$randomNoun`: `bandwidth`.
pub(super) fn noun(rng: &mut Rng<'_>) -> String {
    rng.pick(NOUNS).to_string()
}

/// `$randomVerb`: `parse`.
pub(super) fn verb(rng: &mut Rng<'_>) -> String {
    rng.pick(VERBS).to_string()
}

/// `$randomIngverb`: `backing up`.
pub(super) fn ingverb(rng: &mut Rng<'_>) -> String {
    rng.pick(ING_VERBS).to_string()
}

/// `$randomPhrase`: a tech-talk sentence ending in `!`.
pub(super) fn phrase(rng: &mut Rng<'_>) -> String {
    let template = rng.pick(PHRASES);
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        out.push_str(match &after[..close] {
            "verb" => rng.pick(VERBS),
            "ingverb" => rng.pick(ING_VERBS),
            "noun" => rng.pick(NOUNS),
            "adjective" => rng.pick(ADJECTIVES),
            "abbreviation" => rng.pick(ABBREVIATIONS),
            other => other,
        });
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    capitalize(&out)
}

/// `$randomWord`: one entry of any word list, `withdrawal`, `IB`.
pub(super) fn word(rng: &mut Rng<'_>) -> String {
    let list = rng.pick(WORD_SOURCES);
    rng.pick(list).to_string()
}

/// `$randomWords`: two to five random words separated by spaces.
pub(super) fn words(rng: &mut Rng<'_>) -> String {
    let n = rng.count(2, 5);
    join(rng, n, word, " ")
}

/// One to three random words, for file names.
pub(super) fn few_words(rng: &mut Rng<'_>) -> String {
    let n = rng.count(1, 3);
    join(rng, n, word, " ")
}

/// `$randomLoremWord`: `est`.
pub(super) fn lorem_word(rng: &mut Rng<'_>) -> String {
    rng.pick(LOREM).to_string()
}

/// `$randomLoremWords`: three lorem words, `vel repellat nobis`.
pub(super) fn lorem_words(rng: &mut Rng<'_>) -> String {
    join(rng, 3, lorem_word, " ")
}

/// `$randomLoremSentence`: 3 to 10 words, capitalized, ending in a full stop.
pub(super) fn lorem_sentence(rng: &mut Rng<'_>) -> String {
    let n = rng.count(3, 10);
    capitalize(&join(rng, n, lorem_word, " ")) + "."
}

/// `$randomLoremSlug`: three lorem words joined by hyphens, `eos-aperiam-accusamus`.
pub(super) fn lorem_slug(rng: &mut Rng<'_>) -> String {
    join(rng, 3, lorem_word, "-")
}

/// `$randomLoremSentences`: 2 to 6 sentences separated by spaces.
pub(super) fn lorem_sentences(rng: &mut Rng<'_>) -> String {
    let n = rng.count(2, 6);
    join(rng, n, lorem_sentence, " ")
}

/// `$randomLoremParagraph`: 3 to 6 sentences separated by spaces.
pub(super) fn lorem_paragraph(rng: &mut Rng<'_>) -> String {
    let n = rng.count(3, 6);
    join(rng, n, lorem_sentence, " ")
}

/// `$randomLoremParagraphs`: three paragraphs separated by `"\n \r"`, Postman's separator.
pub(super) fn lorem_paragraphs(rng: &mut Rng<'_>) -> String {
    join(rng, 3, lorem_paragraph, "\n \r")
}

/// `$randomLoremText`: any one of the other lorem variables, chosen at random.
pub(super) fn lorem_text(rng: &mut Rng<'_>) -> String {
    let kinds: [Generate; 7] = [
        lorem_word,
        lorem_words,
        lorem_sentence,
        lorem_sentences,
        lorem_paragraph,
        lorem_paragraphs,
        lorem_lines,
    ];
    rng.pick(&kinds)(rng)
}

/// `$randomLoremLines`: 1 to 5 sentences, one per line (`\n`).
pub(super) fn lorem_lines(rng: &mut Rng<'_>) -> String {
    let n = rng.count(1, 5);
    join(rng, n, lorem_sentence, "\n")
}

/// `n` values of `part` joined by `separator`.
fn join(rng: &mut Rng<'_>, n: usize, part: Generate, separator: &str) -> String {
    let parts: Vec<String> = (0..n).map(|_| part(rng)).collect();
    parts.join(separator)
}

/// `s` with its first character in upper case.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::tests::Seeded;
    use super::*;

    #[test]
    fn phrases_fill_every_placeholder() {
        let mut entropy = Seeded(11);
        let mut rng = Rng::new(&mut entropy);
        for _ in 0..200 {
            let p = phrase(&mut rng);
            assert!(!p.contains('{') && !p.contains('}'), "{p}");
            assert!(p.ends_with('!'), "{p}");
            assert!(p.starts_with(|c: char| c.is_uppercase()), "{p}");
        }
    }

    #[test]
    fn capitalize_handles_empty_and_multibyte() {
        assert_eq!(capitalize(""), "");
        assert_eq!(capitalize("éa"), "Éa");
        assert_eq!(capitalize("backing up"), "Backing up");
    }
}
