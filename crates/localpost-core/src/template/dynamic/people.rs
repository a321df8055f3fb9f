//! People and where they live: names, jobs, phone numbers, addresses and coordinates.

use super::rng::Rng;
use super::words::{
    CITY_PREFIXES, CITY_SUFFIXES, COUNTRIES, COUNTRY_CODES, FIRST_NAMES, JOB_AREAS,
    JOB_DESCRIPTORS, JOB_TYPES, LAST_NAMES, NAME_PREFIXES, NAME_SUFFIXES, STREET_SUFFIXES,
};

/// `$randomFirstName`: `Ethan`.
pub(super) fn first_name(rng: &mut Rng<'_>) -> String {
    rng.pick(FIRST_NAMES).to_string()
}

/// `$randomLastName`: `Schneider`.
pub(super) fn last_name(rng: &mut Rng<'_>) -> String {
    rng.pick(LAST_NAMES).to_string()
}

/// `$randomFullName`: `First Last`, now and then with a prefix (`Dr. First Last`) or a suffix
/// (`First Last PhD`), as faker's `findName` does.
pub(super) fn full_name(rng: &mut Rng<'_>) -> String {
    let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    match rng.below(7) {
        0 => format!("{} {name}", rng.pick(NAME_PREFIXES)),
        1 => format!("{name} {}", rng.pick(NAME_SUFFIXES)),
        _ => name,
    }
}

/// `$randomNamePrefix`: `Dr.`.
pub(super) fn name_prefix(rng: &mut Rng<'_>) -> String {
    rng.pick(NAME_PREFIXES).to_string()
}

/// `$randomNameSuffix`: `MD`.
pub(super) fn name_suffix(rng: &mut Rng<'_>) -> String {
    rng.pick(NAME_SUFFIXES).to_string()
}

/// `$randomJobArea`: `Mobility`.
pub(super) fn job_area(rng: &mut Rng<'_>) -> String {
    rng.pick(JOB_AREAS).to_string()
}

/// `$randomJobDescriptor`: `Senior`.
pub(super) fn job_descriptor(rng: &mut Rng<'_>) -> String {
    rng.pick(JOB_DESCRIPTORS).to_string()
}

/// `$randomJobTitle`: descriptor, area and type, `Regional Security Analyst`.
pub(super) fn job_title(rng: &mut Rng<'_>) -> String {
    format!(
        "{} {} {}",
        rng.pick(JOB_DESCRIPTORS),
        rng.pick(JOB_AREAS),
        rng.pick(JOB_TYPES)
    )
}

/// `$randomJobType`: `Coordinator`.
pub(super) fn job_type(rng: &mut Rng<'_>) -> String {
    rng.pick(JOB_TYPES).to_string()
}

/// `$randomPhoneNumber`: ten digits as `###-###-####`; each three-digit group starts with 2–9,
/// as a North American number does.
pub(super) fn phone_number(rng: &mut Rng<'_>) -> String {
    let area = rng.between(2, 9);
    let area_rest = rng.digits(2);
    let exchange = rng.between(2, 9);
    let exchange_rest = rng.digits(2);
    let line = rng.digits(4);
    format!("{area}{area_rest}-{exchange}{exchange_rest}-{line}")
}

/// `$randomPhoneNumberExt`: an extension of 1 to 99 before a phone number, `27-199-983-3864`.
pub(super) fn phone_number_ext(rng: &mut Rng<'_>) -> String {
    let ext = rng.between(1, 99);
    format!("{ext}-{}", phone_number(rng))
}

/// `$randomCity`: made from a name and a prefix or suffix, `Port Amara`, `Novakhaven`.
pub(super) fn city(rng: &mut Rng<'_>) -> String {
    let first = rng.pick(FIRST_NAMES);
    match rng.below(3) {
        0 => format!("{} {first}", rng.pick(CITY_PREFIXES)),
        1 => format!(
            "{} {first}{}",
            rng.pick(CITY_PREFIXES),
            rng.pick(CITY_SUFFIXES)
        ),
        2 => format!("{first}{}", rng.pick(CITY_SUFFIXES)),
        _ => format!("{}{}", rng.pick(LAST_NAMES), rng.pick(CITY_SUFFIXES)),
    }
}

/// `$randomStreetName`: a first or last name and a street suffix, `Kendrick Springs`.
pub(super) fn street_name(rng: &mut Rng<'_>) -> String {
    let name = if rng.one_in(2) {
        rng.pick(FIRST_NAMES)
    } else {
        rng.pick(LAST_NAMES)
    };
    format!("{name} {}", rng.pick(STREET_SUFFIXES))
}

/// `$randomStreetAddress`: a 3- to 5-digit house number and a street, `5742 Harvey Street`.
pub(super) fn street_address(rng: &mut Rng<'_>) -> String {
    let digits = rng.count(3, 5) as u32;
    let number = rng.between(10_i64.pow(digits - 1), 10_i64.pow(digits) - 1);
    format!("{number} {}", street_name(rng))
}

/// `$randomCountry`: `Austria`.
pub(super) fn country(rng: &mut Rng<'_>) -> String {
    rng.pick(COUNTRIES).to_string()
}

/// `$randomCountryCode`: ISO 3166-1 alpha-2, `MD`.
pub(super) fn country_code(rng: &mut Rng<'_>) -> String {
    rng.pick(COUNTRY_CODES).to_string()
}

/// `$randomLatitude`: -90 to 90 with four decimals, `-84.7514`.
pub(super) fn latitude(rng: &mut Rng<'_>) -> String {
    fixed4(rng.between(-900_000, 900_000))
}

/// `$randomLongitude`: -180 to 180 with four decimals, `171.7139`.
pub(super) fn longitude(rng: &mut Rng<'_>) -> String {
    fixed4(rng.between(-1_800_000, 1_800_000))
}

/// Ten-thousandths as a decimal with four places (JavaScript's `toFixed(4)`).
fn fixed4(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    format!("{sign}{}.{:04}", n / 10_000, n % 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_print_like_to_fixed() {
        assert_eq!(fixed4(-847_514), "-84.7514");
        assert_eq!(fixed4(-5), "-0.0005");
        assert_eq!(fixed4(900_000), "90.0000");
        assert_eq!(fixed4(0), "0.0000");
    }
}
