//! Which generator answers each dynamic variable, in the order and groups of Postman's
//! "Dynamic variables" reference. [`NAMES`] is read off this table, so the two cannot drift.

use super::rng::Rng;
use super::{business, clock, files, finance, images, internet, people, scalars, text};

/// Produces one value of a dynamic variable.
pub(super) type Generate = fn(&mut Rng<'_>) -> String;

/// How many dynamic variables Postman defines.
const COUNT: usize = 118;

const TABLE: [(&str, Generate); COUNT] = [
    // Common
    ("$guid", scalars::uuid),
    ("$timestamp", clock::timestamp),
    ("$isoTimestamp", clock::iso),
    ("$randomUUID", scalars::uuid),
    // Text, numbers, and colors
    ("$randomAlphaNumeric", scalars::alpha_numeric),
    ("$randomBoolean", scalars::boolean),
    ("$randomInt", scalars::int),
    ("$randomColor", business::color),
    ("$randomHexColor", scalars::hex_color),
    ("$randomAbbreviation", text::abbreviation),
    // Internet and IP addresses
    ("$randomIP", internet::ip),
    ("$randomIPV6", internet::ipv6),
    ("$randomMACAddress", internet::mac),
    ("$randomPassword", internet::password),
    ("$randomLocale", internet::locale),
    ("$randomUserAgent", internet::user_agent),
    ("$randomProtocol", internet::protocol),
    ("$randomSemver", scalars::semver),
    // Names
    ("$randomFirstName", people::first_name),
    ("$randomLastName", people::last_name),
    ("$randomFullName", people::full_name),
    ("$randomNamePrefix", people::name_prefix),
    ("$randomNameSuffix", people::name_suffix),
    // Profession
    ("$randomJobArea", people::job_area),
    ("$randomJobDescriptor", people::job_descriptor),
    ("$randomJobTitle", people::job_title),
    ("$randomJobType", people::job_type),
    // Phone, address, and location
    ("$randomPhoneNumber", people::phone_number),
    ("$randomPhoneNumberExt", people::phone_number_ext),
    ("$randomCity", people::city),
    ("$randomStreetName", people::street_name),
    ("$randomStreetAddress", people::street_address),
    ("$randomCountry", people::country),
    ("$randomCountryCode", people::country_code),
    ("$randomLatitude", people::latitude),
    ("$randomLongitude", people::longitude),
    // Images
    ("$randomAvatarImage", images::avatar),
    ("$randomImageUrl", images::image_url),
    ("$randomAbstractImage", images::abstract_image),
    ("$randomAnimalsImage", images::animals_image),
    ("$randomBusinessImage", images::business_image),
    ("$randomCatsImage", images::cats_image),
    ("$randomCityImage", images::city_image),
    ("$randomFoodImage", images::food_image),
    ("$randomNightlifeImage", images::nightlife_image),
    ("$randomFashionImage", images::fashion_image),
    ("$randomPeopleImage", images::people_image),
    ("$randomNatureImage", images::nature_image),
    ("$randomSportsImage", images::sports_image),
    ("$randomTransportImage", images::transport_image),
    ("$randomImageDataUri", images::data_uri),
    // Finance
    ("$randomBankAccount", finance::bank_account),
    ("$randomBankAccountName", finance::bank_account_name),
    ("$randomCreditCardMask", finance::credit_card_mask),
    ("$randomBankAccountBic", finance::bic),
    ("$randomBankAccountIban", finance::iban),
    ("$randomTransactionType", finance::transaction_type),
    ("$randomCurrencyCode", finance::currency_code),
    ("$randomCurrencyName", finance::currency_name),
    ("$randomCurrencySymbol", finance::currency_symbol),
    ("$randomBitcoin", finance::bitcoin),
    // Business
    ("$randomCompanyName", business::company_name),
    ("$randomCompanySuffix", business::company_suffix),
    ("$randomBs", business::bs),
    ("$randomBsAdjective", business::bs_adjective),
    ("$randomBsBuzz", business::bs_buzz),
    ("$randomBsNoun", business::bs_noun),
    // Catchphrases
    ("$randomCatchPhrase", business::catch_phrase),
    (
        "$randomCatchPhraseAdjective",
        business::catch_phrase_adjective,
    ),
    (
        "$randomCatchPhraseDescriptor",
        business::catch_phrase_descriptor,
    ),
    ("$randomCatchPhraseNoun", business::catch_phrase_noun),
    // Databases
    ("$randomDatabaseColumn", business::database_column),
    ("$randomDatabaseType", business::database_type),
    ("$randomDatabaseCollation", business::database_collation),
    ("$randomDatabaseEngine", business::database_engine),
    // Dates
    ("$randomDateFuture", clock::future),
    ("$randomDatePast", clock::past),
    ("$randomDateRecent", clock::recent),
    ("$randomWeekday", clock::weekday),
    ("$randomMonth", clock::month),
    // Domains, emails, and usernames
    ("$randomDomainName", internet::domain_name),
    ("$randomDomainSuffix", internet::domain_suffix),
    ("$randomDomainWord", internet::domain_word),
    ("$randomEmail", internet::email),
    ("$randomExampleEmail", internet::example_email),
    ("$randomUserName", internet::user_name),
    ("$randomUrl", internet::url),
    // Files and directories
    ("$randomFileName", files::file_name),
    ("$randomFileType", files::file_type),
    ("$randomFileExt", files::file_ext),
    ("$randomCommonFileName", files::common_file_name),
    ("$randomCommonFileType", files::common_file_type),
    ("$randomCommonFileExt", files::common_file_ext),
    ("$randomFilePath", files::file_path),
    ("$randomDirectoryPath", files::directory_path),
    ("$randomMimeType", files::mime_type),
    // Stores
    ("$randomPrice", business::price),
    ("$randomProduct", business::product),
    ("$randomProductAdjective", business::product_adjective),
    ("$randomProductMaterial", business::product_material),
    ("$randomProductName", business::product_name),
    ("$randomDepartment", business::department),
    // Grammar
    ("$randomNoun", text::noun),
    ("$randomVerb", text::verb),
    ("$randomIngverb", text::ingverb),
    ("$randomAdjective", text::adjective),
    ("$randomWord", text::word),
    ("$randomWords", text::words),
    ("$randomPhrase", text::phrase),
    // Lorem ipsum
    ("$randomLoremWord", text::lorem_word),
    ("$randomLoremWords", text::lorem_words),
    ("$randomLoremSentence", text::lorem_sentence),
    ("$randomLoremSentences", text::lorem_sentences),
    ("$randomLoremParagraph", text::lorem_paragraph),
    ("$randomLoremParagraphs", text::lorem_paragraphs),
    ("$randomLoremText", text::lorem_text),
    ("$randomLoremSlug", text::lorem_slug),
    ("$randomLoremLines", text::lorem_lines),
];

/// The names in [`TABLE`], in its order.
pub(super) const NAMES: [&str; COUNT] = {
    let mut names = [""; COUNT];
    let mut i = 0;
    while i < COUNT {
        names[i] = TABLE[i].0;
        i += 1;
    }
    names
};

/// The generator for `name` (with its `$`), if it is a dynamic variable.
pub(super) fn find(name: &str) -> Option<Generate> {
    TABLE.iter().find(|(n, _)| *n == name).map(|&(_, g)| g)
}
