//! Dynamic variables (`{{$guid}}`, `{{$randomEmail}}`, …): a fresh value per occurrence.
//!
//! All 118 of Postman's are here ([`NAMES`]), each giving a value of the same shape as
//! Postman's (which come from faker.js 5): `$randomIP` a dotted quad, `$randomDatePast` a
//! JavaScript date string, `$randomBankAccountIban` an IBAN with valid check digits. Words come
//! from our own short lists, so values look alike but are not Postman's. The clock and the
//! random source are injected through [`Entropy`] so output can be made deterministic in tests.
//!
//! This module only generates values. Deciding that a `{{$name}}` token is a dynamic variable
//! (a user variable of the same name wins) is the renderer's job.
//!
//! Layout: `table` maps each name to its generator, in Postman's order; the generators live in
//! one file per kind of value (`scalars`, `clock`, `internet`, `people`, `images`, `finance`,
//! `business`, `files`, `text`), drawing through `rng` from the lists in `words`.

mod business;
mod clock;
mod files;
mod finance;
mod images;
mod internet;
mod people;
mod rng;
mod scalars;
mod table;
mod text;
mod words;

pub(crate) use clock::iso_timestamp;
use rng::Rng;

/// Every dynamic variable name, with its `$`, in the order and groups of Postman's "Dynamic
/// variables" reference: common (`$guid`, `$timestamp`, `$isoTimestamp`, `$randomUUID`), text,
/// numbers and colours, internet and IP addresses, names, profession, phone, address and
/// location, images, finance, business, catchphrases, databases, dates, domains, emails and
/// usernames, files and directories, stores, grammar, and lorem ipsum.
///
/// [`Dynamic::value`] answers exactly these names; an editor can offer them for completion.
pub const NAMES: &[&str] = &table::NAMES;

/// The clock and random source behind dynamic variables.
pub trait Entropy {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> i64;
    /// Fills `buf` with random bytes.
    fn fill(&mut self, buf: &mut [u8]);
}

/// The system clock and the operating system's random source.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemEntropy;

impl Entropy for SystemEntropy {
    fn now_millis(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }

    fn fill(&mut self, buf: &mut [u8]) {
        // The OS random source does not fail on supported platforms; if it ever does, fall
        // back to the clock so a dynamic value is still produced (these are test data, not keys).
        if getrandom::fill(buf).is_err() {
            let seed = self.now_millis().to_le_bytes();
            for (i, b) in buf.iter_mut().enumerate() {
                *b = seed[i % seed.len()] ^ (i as u8);
            }
        }
    }
}

/// Generates dynamic variable values.
#[derive(Debug, Clone)]
pub struct Dynamic<E> {
    entropy: E,
}

impl<E: Entropy> Dynamic<E> {
    /// Dynamic values drawn from `entropy`.
    pub fn new(entropy: E) -> Self {
        Dynamic { entropy }
    }

    /// The value of dynamic variable `name` (with its `$`), or `None` if it is not one of
    /// [`NAMES`]. Each call draws afresh, so two occurrences of a random variable differ.
    pub fn value(&mut self, name: &str) -> Option<String> {
        let generate = table::find(name)?;
        Some(generate(&mut Rng::new(&mut self.entropy)))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::finance::tests::is_valid_iban;
    use super::rng::tests::{Constant, Seeded};
    use super::text::WORD_SOURCES;
    use super::words::*;
    use super::*;

    const DAY_MS: i64 = 86_400_000;

    /// Names whose value does not depend on the random source (Postman's are fixed too).
    const NOT_RANDOM: &[&str] = &[
        "$timestamp",
        "$isoTimestamp",
        "$randomImageUrl",
        "$randomAbstractImage",
        "$randomAnimalsImage",
        "$randomBusinessImage",
        "$randomCatsImage",
        "$randomCityImage",
        "$randomFoodImage",
        "$randomNightlifeImage",
        "$randomFashionImage",
        "$randomPeopleImage",
        "$randomNatureImage",
        "$randomSportsImage",
        "$randomTransportImage",
    ];

    #[test]
    fn names_are_postmans_118_in_order() {
        assert_eq!(NAMES.len(), 118);
        let distinct: BTreeSet<&str> = NAMES.iter().copied().collect();
        assert_eq!(distinct.len(), 118, "duplicate names");
        assert!(NAMES.iter().all(|n| n.starts_with('$')));
        assert_eq!(
            &NAMES[..4],
            ["$guid", "$timestamp", "$isoTimestamp", "$randomUUID"]
        );
        assert_eq!(NAMES[117], "$randomLoremLines");
    }

    #[test]
    fn every_name_has_a_value_of_its_format() {
        for seed in 0..300 {
            let mut dynamic = Dynamic::new(Seeded(seed));
            let now = Seeded(seed).now_millis();
            for name in NAMES {
                let value = dynamic.value(name).expect(name);
                if let Err(why) = check(name, &value, now) {
                    panic!("{name} = {value:?}: {why}");
                }
            }
        }
    }

    #[test]
    fn extreme_entropy_still_gives_well_formed_values() {
        for byte in [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff] {
            let mut dynamic = Dynamic::new(Constant(byte));
            for name in NAMES {
                let value = dynamic.value(name).expect(name);
                if let Err(why) = check(name, &value, 0) {
                    panic!("{name} = {value:?} with bytes {byte:#x}: {why}");
                }
            }
        }
    }

    #[test]
    fn system_values_are_well_formed_and_differ_between_calls() {
        let mut dynamic = Dynamic::new(SystemEntropy);
        for name in NAMES {
            let values: Vec<String> = (0..40).map(|_| dynamic.value(name).expect(name)).collect();
            let now = SystemEntropy.now_millis();
            for value in &values {
                if let Err(why) = check(name, value, now) {
                    panic!("{name} = {value:?}: {why}");
                }
            }
            let distinct: BTreeSet<&String> = values.iter().collect();
            if !NOT_RANDOM.contains(name) {
                assert!(distinct.len() > 1, "{name} gave {:?} 40 times", values[0]);
            }
        }
    }

    #[test]
    fn a_fixed_entropy_gives_fixed_values() {
        let run = |seed| {
            let mut dynamic = Dynamic::new(Seeded(seed));
            NAMES
                .iter()
                .map(|name| dynamic.value(name).expect(name))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42));
        let differing = run(42)
            .iter()
            .zip(run(43))
            .filter(|(a, b)| **a != *b)
            .count();
        assert!(differing > 90, "only {differing} values depend on the seed");
        let mut dynamic = Dynamic::new(Seeded(1));
        assert_eq!(dynamic.value("$timestamp").unwrap(), "1700000000");
        assert_eq!(
            dynamic.value("$isoTimestamp").unwrap(),
            "2023-11-14T22:13:20.123Z"
        );
    }

    #[test]
    fn unknown_names_have_no_value() {
        let mut dynamic = Dynamic::new(Seeded(0));
        for name in ["guid", "$Guid", "$randomint", "$random", "", "$"] {
            assert_eq!(dynamic.value(name), None, "{name}");
        }
    }

    /// Whether `v` has the format Postman gives `name`, with the clock at `now` (milliseconds).
    fn check(name: &str, v: &str, now: i64) -> Result<(), String> {
        let ok = |cond: bool, why: &str| if cond { Ok(()) } else { Err(why.to_string()) };
        let within = |list: &[&str]| ok(list.contains(&v), "not in its word list");
        match name {
            "$guid" | "$randomUUID" => ok(is_uuid_v4(v), "not a v4 uuid"),
            "$timestamp" => {
                let secs: i64 = v.parse().map_err(|_| "not an integer")?;
                ok((secs * 1000 - now).abs() <= 2000, "not now")
            }
            "$isoTimestamp" => ok((parse_iso(v)? - now).abs() <= 2000, "not now"),
            "$randomAlphaNumeric" => ok(
                v.len() == 1
                    && v.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "not one lower-case alphanumeric",
            ),
            "$randomBoolean" => ok(v == "true" || v == "false", "not a boolean"),
            "$randomInt" => ok(v.parse::<u32>().is_ok_and(|n| n <= 1000), "not 0..=1000"),
            "$randomColor" => within(COLORS),
            "$randomHexColor" => {
                let channels = (v.len() == 7 && v.starts_with('#'))
                    .then(|| [1, 3, 5].map(|i| u8::from_str_radix(&v[i..i + 2], 16)));
                ok(
                    channels
                        .is_some_and(|c| c.iter().all(|x| x.as_ref().is_ok_and(|x| *x <= 0x80)))
                        && v == v.to_lowercase(),
                    "not #rrggbb with channels up to 80",
                )
            }
            "$randomAbbreviation" => within(ABBREVIATIONS),
            "$randomIP" => ok(v.parse::<Ipv4Addr>().is_ok(), "not IPv4"),
            "$randomIPV6" => ok(
                v.parse::<Ipv6Addr>().is_ok() && groups(v, ':', 8, 4, b"0123456789abcdef"),
                "not eight groups of four hex digits",
            ),
            "$randomMACAddress" => ok(groups(v, ':', 6, 2, b"0123456789abcdef"), "not a MAC"),
            "$randomPassword" => ok(
                v.len() == 15 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "not 15 word characters",
            ),
            "$randomLocale" => ok(
                LOCALES.contains(&v) && v.len() == 2 && v.bytes().all(|b| b.is_ascii_lowercase()),
                "not a two-letter language code",
            ),
            "$randomUserAgent" => ok(
                v.starts_with("Mozilla/5.0 (") && v.contains(") ") && v.is_ascii(),
                "not a user agent",
            ),
            "$randomProtocol" => within(&["http", "https"]),
            "$randomSemver" => ok(groups(v, '.', 3, 1, b"0123456789"), "not d.d.d"),
            "$randomFirstName" => within(FIRST_NAMES),
            "$randomLastName" => within(LAST_NAMES),
            "$randomFullName" => {
                let mut parts: Vec<&str> = v.split(' ').collect();
                if parts.first().is_some_and(|p| NAME_PREFIXES.contains(p)) {
                    parts.remove(0);
                }
                if parts.len() == 3 && NAME_SUFFIXES.contains(&parts[2]) {
                    parts.pop();
                }
                ok(
                    parts.len() == 2
                        && FIRST_NAMES.contains(&parts[0])
                        && LAST_NAMES.contains(&parts[1]),
                    "not [prefix] first last [suffix]",
                )
            }
            "$randomNamePrefix" => within(NAME_PREFIXES),
            "$randomNameSuffix" => within(NAME_SUFFIXES),
            "$randomJobArea" => within(JOB_AREAS),
            "$randomJobDescriptor" => within(JOB_DESCRIPTORS),
            "$randomJobType" => within(JOB_TYPES),
            "$randomJobTitle" => ok(
                words_from(v, &[JOB_DESCRIPTORS, JOB_AREAS, JOB_TYPES]),
                "not descriptor area type",
            ),
            "$randomPhoneNumber" => ok(is_phone(v), "not ###-###-####"),
            "$randomPhoneNumberExt" => {
                let (ext, phone) = v.split_once('-').ok_or("no extension")?;
                ok(
                    ext.parse::<u8>().is_ok_and(|n| (1..=99).contains(&n))
                        && !ext.starts_with('0')
                        && is_phone(phone),
                    "not ext-###-###-####",
                )
            }
            "$randomCity" => ok(
                v.starts_with(|c: char| c.is_ascii_uppercase())
                    && v.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
                    && v.split(' ').count() <= 2,
                "not a city name",
            ),
            "$randomStreetName" => ok(is_street(v), "not name and street suffix"),
            "$randomStreetAddress" => {
                let (number, street) = v.split_once(' ').ok_or("no house number")?;
                ok(
                    (3..=5).contains(&number.len())
                        && !number.starts_with('0')
                        && number.bytes().all(|b| b.is_ascii_digit())
                        && is_street(street),
                    "not number and street",
                )
            }
            "$randomCountry" => within(COUNTRIES),
            "$randomCountryCode" => ok(
                COUNTRY_CODES.contains(&v)
                    && v.len() == 2
                    && v.bytes().all(|b| b.is_ascii_uppercase()),
                "not an ISO 3166 alpha-2 code",
            ),
            "$randomLatitude" => ok(is_fixed4(v, 90.0), "not -90..90 with four decimals"),
            "$randomLongitude" => ok(is_fixed4(v, 180.0), "not -180..180 with four decimals"),
            "$randomAvatarImage" => {
                let handle = v
                    .strip_prefix("https://cdn.fakercloud.com/avatars/")
                    .and_then(|h| h.strip_suffix("_128.jpg"))
                    .ok_or("not a fakercloud avatar URL")?;
                ok(
                    !handle.is_empty()
                        && handle.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "bad avatar handle",
                )
            }
            "$randomImageUrl" => ok(v == "http://placeimg.com/640/480", "not the image URL"),
            "$randomImageDataUri" => {
                let svg = v
                    .strip_prefix("data:image/svg+xml;charset=UTF-8,")
                    .map(percent_decode)
                    .ok_or("not an SVG data URI")?;
                ok(
                    svg.starts_with("<svg ") && svg.ends_with("</svg>") && svg.contains("640x480"),
                    "not a 640x480 SVG",
                )
            }
            image if image.ends_with("Image") => {
                let category = image["$random".len()..image.len() - "Image".len()].to_lowercase();
                ok(
                    v == format!("http://placeimg.com/640/480/{category}"),
                    "not the category's image URL",
                )
            }
            "$randomBankAccount" => ok(is_digits(v, 8), "not eight digits"),
            "$randomBankAccountName" => ok(
                v.strip_suffix(" Account")
                    .is_some_and(|k| ACCOUNT_KINDS.contains(&k)),
                "not an account name",
            ),
            "$randomCreditCardMask" => ok(is_digits(v, 4), "not four digits"),
            "$randomBankAccountBic" => ok(is_bic(v), "not a BIC"),
            "$randomBankAccountIban" => ok(is_valid_iban(v), "not a valid IBAN"),
            "$randomTransactionType" => within(TRANSACTION_TYPES),
            "$randomCurrencyCode" => ok(
                CURRENCIES.iter().any(|c| c.0 == v) && v.len() == 3,
                "not an ISO 4217 code",
            ),
            "$randomCurrencyName" => ok(CURRENCIES.iter().any(|c| c.1 == v), "not a currency"),
            "$randomCurrencySymbol" => ok(CURRENCIES.iter().any(|c| c.2 == v), "not a symbol"),
            "$randomBitcoin" => ok(
                (25..=34).contains(&v.len())
                    && (v.starts_with('1') || v.starts_with('3'))
                    && v.bytes()
                        .all(|b| b.is_ascii_alphanumeric() && !b"0OIl".contains(&b)),
                "not a base58 address",
            ),
            "$randomCompanyName" => ok(
                LAST_NAMES.iter().any(|n| v.starts_with(n))
                    && (COMPANY_SUFFIXES.iter().any(|s| v.ends_with(s))
                        || LAST_NAMES.iter().any(|n| v.ends_with(n))),
                "not a company name",
            ),
            "$randomCompanySuffix" => within(COMPANY_SUFFIXES),
            "$randomBs" => ok(
                words_from(v, &[BS_BUZZWORDS, BS_ADJECTIVES, BS_NOUNS]),
                "not buzz adjective noun",
            ),
            "$randomBsAdjective" => within(BS_ADJECTIVES),
            "$randomBsBuzz" => within(BS_BUZZWORDS),
            "$randomBsNoun" => within(BS_NOUNS),
            "$randomCatchPhrase" => ok(
                words_from(
                    v,
                    &[
                        CATCH_PHRASE_ADJECTIVES,
                        CATCH_PHRASE_DESCRIPTORS,
                        CATCH_PHRASE_NOUNS,
                    ],
                ),
                "not adjective descriptor noun",
            ),
            "$randomCatchPhraseAdjective" => within(CATCH_PHRASE_ADJECTIVES),
            "$randomCatchPhraseDescriptor" => within(CATCH_PHRASE_DESCRIPTORS),
            "$randomCatchPhraseNoun" => within(CATCH_PHRASE_NOUNS),
            "$randomDatabaseColumn" => within(DATABASE_COLUMNS),
            "$randomDatabaseType" => within(DATABASE_TYPES),
            "$randomDatabaseCollation" => within(DATABASE_COLLATIONS),
            "$randomDatabaseEngine" => within(DATABASE_ENGINES),
            "$randomDateFuture" => {
                let t = parse_js_date(v)?;
                ok(
                    t > now && t <= now + 365 * DAY_MS,
                    "not within a year ahead",
                )
            }
            "$randomDatePast" => {
                let t = parse_js_date(v)?;
                ok(
                    t < now && t >= now - 365 * DAY_MS - 1000,
                    "not within a year back",
                )
            }
            "$randomDateRecent" => {
                let t = parse_js_date(v)?;
                ok(t < now && t >= now - DAY_MS - 1000, "not within a day back")
            }
            "$randomWeekday" => within(&clock::WEEKDAYS),
            "$randomMonth" => within(&clock::MONTHS),
            "$randomDomainName" => ok(is_domain(v), "not word.suffix"),
            "$randomDomainSuffix" => within(DOMAIN_SUFFIXES),
            "$randomDomainWord" => ok(is_domain_word(v), "not a lower-case word"),
            "$randomEmail" | "$randomExampleEmail" => {
                let (user, domain) = v.split_once('@').ok_or("no @")?;
                let domains = if name == "$randomEmail" {
                    FREE_EMAIL_DOMAINS
                } else {
                    EXAMPLE_DOMAINS
                };
                ok(
                    is_user_name(user) && domains.contains(&domain),
                    "not user@provider",
                )
            }
            "$randomUserName" => ok(is_user_name(v), "not a username"),
            "$randomUrl" => ok(
                v.strip_prefix("https://")
                    .or_else(|| v.strip_prefix("http://"))
                    .is_some_and(is_domain),
                "not protocol://domain",
            ),
            "$randomFileName" => ok(is_file_name(v, &exts()), "not snake_case.ext"),
            "$randomCommonFileName" => ok(is_file_name(v, COMMON_FILE_EXTS), "not snake_case.ext"),
            "$randomFileType" => ok(
                MIME_TYPES
                    .iter()
                    .any(|(m, _)| m.split('/').next() == Some(v)),
                "not a MIME top-level type",
            ),
            "$randomFileExt" => ok(exts().contains(&v), "not an extension"),
            "$randomCommonFileType" => within(COMMON_FILE_TYPES),
            "$randomCommonFileExt" => within(COMMON_FILE_EXTS),
            "$randomFilePath" => {
                let (dir, file) = v.rsplit_once('/').ok_or("no slash")?;
                ok(
                    DIRECTORIES.contains(&dir) && is_file_name(file, &exts()),
                    "not dir/file",
                )
            }
            "$randomDirectoryPath" => within(DIRECTORIES),
            "$randomMimeType" => ok(MIME_TYPES.iter().any(|(m, _)| *m == v), "not a MIME type"),
            "$randomPrice" => {
                let (units, cents) = v.split_once('.').ok_or("no decimal point")?;
                ok(
                    is_digits(cents, 2)
                        && units
                            .parse::<u32>()
                            .is_ok_and(|u| u < 1000 || v == "1000.00")
                        && (units == "0" || !units.starts_with('0')),
                    "not 0.00..=1000.00",
                )
            }
            "$randomProduct" => within(PRODUCTS),
            "$randomProductAdjective" => within(PRODUCT_ADJECTIVES),
            "$randomProductMaterial" => within(PRODUCT_MATERIALS),
            "$randomProductName" => ok(
                words_from(v, &[PRODUCT_ADJECTIVES, PRODUCT_MATERIALS, PRODUCTS]),
                "not adjective material product",
            ),
            "$randomDepartment" => within(DEPARTMENTS),
            "$randomNoun" => within(NOUNS),
            "$randomVerb" => within(VERBS),
            "$randomIngverb" => within(ING_VERBS),
            "$randomAdjective" => within(ADJECTIVES),
            "$randomWord" => ok(WORD_SOURCES.iter().any(|l| l.contains(&v)), "not a word"),
            "$randomWords" => ok(
                (2..=10).contains(&v.split(' ').count()) && v.split(' ').all(|w| !w.is_empty()),
                "not 2 to 5 words",
            ),
            "$randomPhrase" => ok(
                v.ends_with('!')
                    && v.starts_with(|c: char| c.is_uppercase())
                    && !v.contains(['{', '}']),
                "not a phrase",
            ),
            "$randomLoremWord" => within(LOREM),
            "$randomLoremWords" => ok(is_lorem_words(v, ' ', 3), "not three lorem words"),
            "$randomLoremSlug" => ok(is_lorem_words(v, '-', 3), "not a three-word slug"),
            "$randomLoremSentence" => ok(is_sentence(v), "not a lorem sentence"),
            "$randomLoremSentences" => ok(is_sentences(v, " ", 2..=6), "not 2 to 6 sentences"),
            "$randomLoremParagraph" => ok(is_sentences(v, " ", 3..=6), "not a paragraph"),
            "$randomLoremParagraphs" => ok(is_paragraphs(v), "not three paragraphs"),
            "$randomLoremLines" => ok(is_sentences(v, "\n", 1..=5), "not 1 to 5 lines"),
            "$randomLoremText" => ok(
                LOREM.contains(&v)
                    || is_lorem_words(v, ' ', 3)
                    || is_sentences(v, " ", 1..=6)
                    || is_sentences(v, "\n", 1..=5)
                    || is_paragraphs(v),
                "not lorem text",
            ),
            _ => Err("no format check for this name".into()),
        }
    }

    fn is_digits(s: &str, n: usize) -> bool {
        s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
    }

    /// `n` groups of `width` characters of `alphabet`, joined by `sep`.
    fn groups(s: &str, sep: char, n: usize, width: usize, alphabet: &[u8]) -> bool {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() == n
            && parts
                .iter()
                .all(|p| p.len() == width && p.bytes().all(|b| alphabet.contains(&b)))
    }

    fn is_uuid_v4(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
            && s.bytes()
                .all(|b| b == b'-' || b"0123456789abcdef".contains(&b))
            && parts[2].starts_with('4')
            && parts[3].starts_with(['8', '9', 'a', 'b'])
    }

    /// `v` is one entry of each list in turn, separated by single spaces (an entry may hold
    /// spaces itself).
    fn words_from(v: &str, lists: &[&[&str]]) -> bool {
        match lists.split_first() {
            None => v.is_empty(),
            Some((list, [])) => list.contains(&v),
            Some((list, rest)) => list.iter().any(|w| {
                v.strip_prefix(w)
                    .and_then(|r| r.strip_prefix(' '))
                    .is_some_and(|r| words_from(r, rest))
            }),
        }
    }

    fn is_phone(s: &str) -> bool {
        let parts: Vec<&str> = s.split('-').collect();
        parts.iter().map(|p| p.len()).eq([3, 3, 4])
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && !parts[0].starts_with(['0', '1'])
            && !parts[1].starts_with(['0', '1'])
    }

    fn is_street(s: &str) -> bool {
        s.split_once(' ').is_some_and(|(name, suffix)| {
            (FIRST_NAMES.contains(&name) || LAST_NAMES.contains(&name))
                && STREET_SUFFIXES.contains(&suffix)
        })
    }

    fn is_fixed4(s: &str, limit: f64) -> bool {
        s.split_once('.')
            .is_some_and(|(_, frac)| is_digits(frac, 4))
            && s.parse::<f64>().is_ok_and(|x| x.abs() <= limit)
    }

    fn is_bic(s: &str) -> bool {
        let b = s.as_bytes();
        (s.len() == 8 || s.len() == 11)
            && b[..6].iter().all(u8::is_ascii_uppercase)
            && b"AEIOU".contains(&b[3])
            && b[6].is_ascii_uppercase()
            && b[7] == b'1'
            && b[8..].iter().all(u8::is_ascii_uppercase)
    }

    fn is_domain_word(s: &str) -> bool {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }

    fn is_domain(s: &str) -> bool {
        s.split_once('.')
            .is_some_and(|(w, suffix)| is_domain_word(w) && DOMAIN_SUFFIXES.contains(&suffix))
    }

    fn is_user_name(s: &str) -> bool {
        FIRST_NAMES.iter().any(|f| s.starts_with(f))
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
    }

    fn exts() -> Vec<&'static str> {
        MIME_TYPES.iter().map(|(_, e)| *e).collect()
    }

    fn is_file_name(s: &str, exts: &[&str]) -> bool {
        s.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && stem
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && exts.contains(&ext)
        })
    }

    fn is_lorem_words(s: &str, sep: char, n: usize) -> bool {
        let words: Vec<&str> = s.split(sep).collect();
        words.len() == n && words.iter().all(|w| LOREM.contains(w))
    }

    fn is_sentence(s: &str) -> bool {
        let Some(body) = s.strip_suffix('.') else {
            return false;
        };
        let words: Vec<&str> = body.split(' ').collect();
        (3..=10).contains(&words.len())
            && body.starts_with(|c: char| c.is_ascii_uppercase())
            && words
                .iter()
                .all(|w| LOREM.contains(&w.to_lowercase().as_str()))
    }

    fn is_sentences(s: &str, sep: &str, count: std::ops::RangeInclusive<usize>) -> bool {
        // A sentence ends with "." and the next begins after the separator.
        let pieces: Vec<String> = s
            .split(&format!(".{sep}"))
            .map(|p| {
                if p.ends_with('.') {
                    p.to_string()
                } else {
                    format!("{p}.")
                }
            })
            .collect();
        count.contains(&pieces.len()) && pieces.iter().all(|p| is_sentence(p))
    }

    fn is_paragraphs(s: &str) -> bool {
        let paragraphs: Vec<&str> = s.split("\n \r").collect();
        paragraphs.len() == 3 && paragraphs.iter().all(|p| is_sentences(p, " ", 3..=6))
    }

    fn percent_decode(s: &str) -> String {
        let mut bytes = Vec::new();
        let mut rest = s.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            if b == b'%' && tail.len() >= 2 {
                let hex = std::str::from_utf8(&tail[..2]).unwrap();
                bytes.push(u8::from_str_radix(hex, 16).unwrap());
                rest = &tail[2..];
            } else {
                bytes.push(b);
                rest = tail;
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (the inverse of the clock's).
    fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn num(s: &str) -> Result<i64, String> {
        s.parse().map_err(|_| format!("{s:?} is not a number"))
    }

    /// Milliseconds of `2020-06-09T21:10:36.177Z`.
    fn parse_iso(s: &str) -> Result<i64, String> {
        let b = s.as_bytes();
        let shape = s.len() == 24
            && [4, 7].iter().all(|&i| b[i] == b'-')
            && b[10] == b'T'
            && [13, 16].iter().all(|&i| b[i] == b':')
            && b[19] == b'.'
            && b[23] == b'Z';
        if !shape {
            return Err("not YYYY-MM-DDTHH:MM:SS.mmmZ".into());
        }
        let days = days_from_civil(num(&s[0..4])?, num(&s[5..7])?, num(&s[8..10])?);
        let secs = num(&s[11..13])? * 3600 + num(&s[14..16])? * 60 + num(&s[17..19])?;
        let millis = (days * 86_400 + secs) * 1000 + num(&s[20..23])?;
        if clock::iso_timestamp(millis) != s {
            return Err("does not round-trip".into());
        }
        Ok(millis)
    }

    /// Milliseconds of `Tue Nov 24 2026 10:12:03 GMT+0000 (Coordinated Universal Time)`;
    /// the weekday must agree with the date.
    fn parse_js_date(s: &str) -> Result<i64, String> {
        let parts: Vec<&str> = s.splitn(6, ' ').collect();
        let [_, month, day, year, time, zone] = parts[..] else {
            return Err("not six fields".into());
        };
        if zone != "GMT+0000 (Coordinated Universal Time)" || day.len() != 2 {
            return Err("not a UTC JavaScript date".into());
        }
        let month = clock::MONTHS
            .iter()
            .position(|m| m[..3] == *month)
            .ok_or("bad month")? as i64;
        let hms: Vec<&str> = time.split(':').collect();
        if hms.len() != 3 || hms.iter().any(|p| p.len() != 2) {
            return Err("bad time".into());
        }
        let days = days_from_civil(num(year)?, month + 1, num(day)?);
        let secs = num(hms[0])? * 3600 + num(hms[1])? * 60 + num(hms[2])?;
        let millis = (days * 86_400 + secs) * 1000;
        if clock::js_date(millis) != s {
            return Err("does not round-trip (weekday or range wrong)".into());
        }
        Ok(millis)
    }
}
