//! Companies and what they sell: company names, business speak, catchphrases, databases and
//! store products.

use super::rng::Rng;
use super::words::{
    BS_ADJECTIVES, BS_BUZZWORDS, BS_NOUNS, CATCH_PHRASE_ADJECTIVES, CATCH_PHRASE_DESCRIPTORS,
    CATCH_PHRASE_NOUNS, COLORS, COMPANY_SUFFIXES, DATABASE_COLLATIONS, DATABASE_COLUMNS,
    DATABASE_ENGINES, DATABASE_TYPES, DEPARTMENTS, LAST_NAMES, PRODUCT_ADJECTIVES,
    PRODUCT_MATERIALS, PRODUCTS,
};

/// `$randomCompanyName`: `Grady LLC`, `Johns - Kassulke` or `Hane, Ward and Kuhn`.
pub(super) fn company_name(rng: &mut Rng<'_>) -> String {
    let a = rng.pick(LAST_NAMES);
    match rng.below(2) {
        0 => format!("{a} {}", rng.pick(COMPANY_SUFFIXES)),
        1 => format!("{a} - {}", rng.pick(LAST_NAMES)),
        _ => format!("{a}, {} and {}", rng.pick(LAST_NAMES), rng.pick(LAST_NAMES)),
    }
}

/// `$randomCompanySuffix`: `LLC`.
pub(super) fn company_suffix(rng: &mut Rng<'_>) -> String {
    rng.pick(COMPANY_SUFFIXES).to_string()
}

/// `$randomBs`: buzzword, adjective and noun, `leverage frictionless synergies`.
pub(super) fn bs(rng: &mut Rng<'_>) -> String {
    format!(
        "{} {} {}",
        rng.pick(BS_BUZZWORDS),
        rng.pick(BS_ADJECTIVES),
        rng.pick(BS_NOUNS)
    )
}

/// `$randomBsAdjective`: `viral`.
pub(super) fn bs_adjective(rng: &mut Rng<'_>) -> String {
    rng.pick(BS_ADJECTIVES).to_string()
}

/// `$randomBsBuzz`: `repurpose`.
pub(super) fn bs_buzz(rng: &mut Rng<'_>) -> String {
    rng.pick(BS_BUZZWORDS).to_string()
}

/// `$randomBsNoun`: `markets`.
pub(super) fn bs_noun(rng: &mut Rng<'_>) -> String {
    rng.pick(BS_NOUNS).to_string()
}

/// `$randomCatchPhrase`: adjective, descriptor and noun, `Modular event-driven pipeline`.
pub(super) fn catch_phrase(rng: &mut Rng<'_>) -> String {
    format!(
        "{} {} {}",
        rng.pick(CATCH_PHRASE_ADJECTIVES),
        rng.pick(CATCH_PHRASE_DESCRIPTORS),
        rng.pick(CATCH_PHRASE_NOUNS)
    )
}

/// `$randomCatchPhraseAdjective`: `Self-enabling`.
pub(super) fn catch_phrase_adjective(rng: &mut Rng<'_>) -> String {
    rng.pick(CATCH_PHRASE_ADJECTIVES).to_string()
}

/// `$randomCatchPhraseDescriptor`: `needs-based`.
pub(super) fn catch_phrase_descriptor(rng: &mut Rng<'_>) -> String {
    rng.pick(CATCH_PHRASE_DESCRIPTORS).to_string()
}

/// `$randomCatchPhraseNoun`: `superstructure`.
pub(super) fn catch_phrase_noun(rng: &mut Rng<'_>) -> String {
    rng.pick(CATCH_PHRASE_NOUNS).to_string()
}

/// `$randomDatabaseColumn`: `updatedAt`.
pub(super) fn database_column(rng: &mut Rng<'_>) -> String {
    rng.pick(DATABASE_COLUMNS).to_string()
}

/// `$randomDatabaseType`: `tinyint`.
pub(super) fn database_type(rng: &mut Rng<'_>) -> String {
    rng.pick(DATABASE_TYPES).to_string()
}

/// `$randomDatabaseCollation`: `utf8_general_ci`.
pub(super) fn database_collation(rng: &mut Rng<'_>) -> String {
    rng.pick(DATABASE_COLLATIONS).to_string()
}

/// `$randomDatabaseEngine`: `InnoDB`.
pub(super) fn database_engine(rng: &mut Rng<'_>) -> String {
    rng.pick(DATABASE_ENGINES).to_string()
}

/// `$randomColor`: a colour name, `fuchsia`.
pub(super) fn color(rng: &mut Rng<'_>) -> String {
    rng.pick(COLORS).to_string()
}

/// `$randomPrice`: 0.00 to 1000.00 with two decimals and no symbol, `531.55`.
pub(super) fn price(rng: &mut Rng<'_>) -> String {
    let cents = rng.below(100_000);
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// `$randomProduct`: `Towels`.
pub(super) fn product(rng: &mut Rng<'_>) -> String {
    rng.pick(PRODUCTS).to_string()
}

/// `$randomProductAdjective`: `Incredible`.
pub(super) fn product_adjective(rng: &mut Rng<'_>) -> String {
    rng.pick(PRODUCT_ADJECTIVES).to_string()
}

/// `$randomProductMaterial`: `Steel`.
pub(super) fn product_material(rng: &mut Rng<'_>) -> String {
    rng.pick(PRODUCT_MATERIALS).to_string()
}

/// `$randomProductName`: adjective, material and product, `Rustic Oak Bench`.
pub(super) fn product_name(rng: &mut Rng<'_>) -> String {
    format!(
        "{} {} {}",
        rng.pick(PRODUCT_ADJECTIVES),
        rng.pick(PRODUCT_MATERIALS),
        rng.pick(PRODUCTS)
    )
}

/// `$randomDepartment`: `Electronics`.
pub(super) fn department(rng: &mut Rng<'_>) -> String {
    rng.pick(DEPARTMENTS).to_string()
}
