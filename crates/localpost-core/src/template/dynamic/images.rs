//! Image URLs and data URIs.
//!
//! Postman's URLs point at placeholder services (placeimg.com, fakercloud avatars) that have
//! since shut down; we keep their shape so that requests built from them look the same.

use super::rng::Rng;
use super::scalars::any_hex_color;
use super::words::{FIRST_NAMES, LAST_NAMES};

const WIDTH: u32 = 640;
const HEIGHT: u32 = 480;

/// `$randomAvatarImage`: `https://cdn.fakercloud.com/avatars/<handle>_128.jpg`.
pub(super) fn avatar(rng: &mut Rng<'_>) -> String {
    let first = rng.pick(FIRST_NAMES).to_ascii_lowercase();
    let last = rng.pick(LAST_NAMES).to_ascii_lowercase();
    let sep = rng.pick(&["", "_"]);
    format!("https://cdn.fakercloud.com/avatars/{first}{sep}{last}_128.jpg")
}

/// `$randomImageUrl`: `http://placeimg.com/640/480`.
pub(super) fn image_url(_: &mut Rng<'_>) -> String {
    format!("http://placeimg.com/{WIDTH}/{HEIGHT}")
}

/// An image of a category, `http://placeimg.com/640/480/cats`.
fn of(category: &str) -> String {
    format!("http://placeimg.com/{WIDTH}/{HEIGHT}/{category}")
}

/// `$randomAbstractImage`.
pub(super) fn abstract_image(_: &mut Rng<'_>) -> String {
    of("abstract")
}

/// `$randomAnimalsImage`.
pub(super) fn animals_image(_: &mut Rng<'_>) -> String {
    of("animals")
}

/// `$randomBusinessImage`.
pub(super) fn business_image(_: &mut Rng<'_>) -> String {
    of("business")
}

/// `$randomCatsImage`.
pub(super) fn cats_image(_: &mut Rng<'_>) -> String {
    of("cats")
}

/// `$randomCityImage`.
pub(super) fn city_image(_: &mut Rng<'_>) -> String {
    of("city")
}

/// `$randomFoodImage`.
pub(super) fn food_image(_: &mut Rng<'_>) -> String {
    of("food")
}

/// `$randomNightlifeImage`.
pub(super) fn nightlife_image(_: &mut Rng<'_>) -> String {
    of("nightlife")
}

/// `$randomFashionImage`.
pub(super) fn fashion_image(_: &mut Rng<'_>) -> String {
    of("fashion")
}

/// `$randomPeopleImage`.
pub(super) fn people_image(_: &mut Rng<'_>) -> String {
    of("people")
}

/// `$randomNatureImage`.
pub(super) fn nature_image(_: &mut Rng<'_>) -> String {
    of("nature")
}

/// `$randomSportsImage`.
pub(super) fn sports_image(_: &mut Rng<'_>) -> String {
    of("sports")
}

/// `$randomTransportImage`.
pub(super) fn transport_image(_: &mut Rng<'_>) -> String {
    of("transport")
}

/// `$randomImageDataUri`: a 640×480 SVG of one random colour labelled with its size, as
/// `data:image/svg+xml;charset=UTF-8,` and the percent-encoded markup.
pub(super) fn data_uri(rng: &mut Rng<'_>) -> String {
    let fill = any_hex_color(rng);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{fill}\"/>\
         <text x=\"50%\" y=\"50%\" fill=\"white\" font-size=\"20\" text-anchor=\"middle\" \
         dominant-baseline=\"middle\">{WIDTH}x{HEIGHT}</text></svg>"
    );
    format!(
        "data:image/svg+xml;charset=UTF-8,{}",
        encode_uri_component(&svg)
    )
}

/// Percent-encodes `s` as JavaScript's `encodeURIComponent`: everything but ASCII letters,
/// digits and `-_.!~*'()` becomes `%XX` per UTF-8 byte.
fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        // encodeURIComponent('<a b="1">é/#?&</a>') in node.
        assert_eq!(
            encode_uri_component("<a b=\"1\">é/#?&</a>"),
            "%3Ca%20b%3D%221%22%3E%C3%A9%2F%23%3F%26%3C%2Fa%3E"
        );
        assert_eq!(encode_uri_component("-_.!~*'()"), "-_.!~*'()");
    }
}
