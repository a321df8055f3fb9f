//! Addresses and identities on the network: IPs, MACs, passwords, user agents, locales,
//! domains, e-mail addresses, usernames and URLs.

use super::rng::{HEX, Rng};
use super::words::{
    DOMAIN_SUFFIXES, EXAMPLE_DOMAINS, FIRST_NAMES, FREE_EMAIL_DOMAINS, LAST_NAMES, LOCALES,
};

/// What faker's default password pattern (`/\w/`) lets through.
const WORD_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

/// `$randomIP`: a dotted quad, `241.102.234.100`.
pub(super) fn ip(rng: &mut Rng<'_>) -> String {
    let [a, b, c, d]: [u8; 4] = rng.bytes();
    format!("{a}.{b}.{c}.{d}")
}

/// `$randomIPV6`: eight groups of four lower-case hex digits, never shortened with `::`.
pub(super) fn ipv6(rng: &mut Rng<'_>) -> String {
    let groups: Vec<String> = (0..8).map(|_| rng.chars(4, HEX)).collect();
    groups.join(":")
}

/// `$randomMACAddress`: six lower-case hex pairs, `33:d4:68:5f:b4:c7`.
pub(super) fn mac(rng: &mut Rng<'_>) -> String {
    let pairs: Vec<String> = (0..6).map(|_| rng.chars(2, HEX)).collect();
    pairs.join(":")
}

/// `$randomPassword`: 15 letters, digits or underscores (the `\w` class Postman's faker
/// draws from), `t9iXe7COoDKv8k3`.
pub(super) fn password(rng: &mut Rng<'_>) -> String {
    rng.chars(15, WORD_CHARS)
}

/// `$randomLocale`: a two-letter ISO 639-1 code, `ny`.
pub(super) fn locale(rng: &mut Rng<'_>) -> String {
    rng.pick(LOCALES).to_string()
}

/// `$randomUserAgent`: a browser's `User-Agent` header with random versions.
pub(super) fn user_agent(rng: &mut Rng<'_>) -> String {
    let major = rng.between(70, 130);
    match rng.below(4) {
        0 => format!(
            "Mozilla/5.0 (Windows NT {}; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/{major}.0.{}.{} Safari/537.36",
            rng.pick(&["10.0", "6.3", "6.1"]),
            rng.between(3000, 6500),
            rng.between(0, 250)
        ),
        1 => format!(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_{}_{}) AppleWebKit/605.1.15 \
             (KHTML, like Gecko) Version/{}.{} Safari/605.1.15",
            rng.between(11, 15),
            rng.between(0, 7),
            rng.between(11, 17),
            rng.between(0, 6)
        ),
        2 => format!(
            "Mozilla/5.0 (X11; {}; rv:{major}.0) Gecko/20100101 Firefox/{major}.0",
            rng.pick(&[
                "Linux x86_64",
                "Ubuntu; Linux x86_64",
                "Fedora; Linux x86_64"
            ])
        ),
        3 => format!(
            "Mozilla/5.0 (iPhone; CPU iPhone OS {v}_{m} like Mac OS X) AppleWebKit/605.1.15 \
             (KHTML, like Gecko) Version/{v}.{m} Mobile/15E148 Safari/604.1",
            v = rng.between(12, 17),
            m = rng.between(0, 6)
        ),
        _ => format!(
            "Mozilla/5.0 (Linux; Android {}; Pixel {}) AppleWebKit/537.36 (KHTML, like Gecko) \
             Chrome/{major}.0.{}.{} Mobile Safari/537.36",
            rng.between(9, 14),
            rng.between(3, 8),
            rng.between(3000, 6500),
            rng.between(0, 250)
        ),
    }
}

/// `$randomProtocol`: `http` or `https`.
pub(super) fn protocol(rng: &mut Rng<'_>) -> String {
    rng.pick(&["http", "https"]).to_string()
}

/// `$randomDomainName`: a domain word and a suffix, `gracie.biz`.
pub(super) fn domain_name(rng: &mut Rng<'_>) -> String {
    format!("{}.{}", domain_word(rng), domain_suffix(rng))
}

/// `$randomDomainSuffix`: `org`, with no dot.
pub(super) fn domain_suffix(rng: &mut Rng<'_>) -> String {
    rng.pick(DOMAIN_SUFFIXES).to_string()
}

/// `$randomDomainWord`: a first name in lower case, `gwen`.
pub(super) fn domain_word(rng: &mut Rng<'_>) -> String {
    rng.pick(FIRST_NAMES)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// `$randomEmail`: a username at a free mail provider, `Pablo62@gmail.com`.
pub(super) fn email(rng: &mut Rng<'_>) -> String {
    let user = user_name(rng);
    format!("{user}@{}", rng.pick(FREE_EMAIL_DOMAINS))
}

/// `$randomExampleEmail`: a username at an RFC 2606 example domain, `Talon28@example.com`.
pub(super) fn example_email(rng: &mut Rng<'_>) -> String {
    let user = user_name(rng);
    format!("{user}@{}", rng.pick(EXAMPLE_DOMAINS))
}

/// `$randomUserName`: `Alia99`, `Jarrell.Gutkowski` or `Lottie_Smitham24`.
pub(super) fn user_name(rng: &mut Rng<'_>) -> String {
    let first = rng.pick(FIRST_NAMES);
    match rng.below(2) {
        0 => format!("{first}{}", rng.below(99)),
        1 => format!("{first}{}{}", separator(rng), rng.pick(LAST_NAMES)),
        _ => format!(
            "{first}{}{}{}",
            separator(rng),
            rng.pick(LAST_NAMES),
            rng.below(99)
        ),
    }
}

fn separator(rng: &mut Rng<'_>) -> &'static str {
    rng.pick(&[".", "_"])
}

/// `$randomUrl`: a protocol and a domain name, `https://anais.net`.
pub(super) fn url(rng: &mut Rng<'_>) -> String {
    let protocol = protocol(rng);
    format!("{protocol}://{}", domain_name(rng))
}
