//! Word lists behind the `$random…` variables that name things.
//!
//! Our own short lists: a few dozen entries give values of the right shape without shipping a
//! faker locale. Codes and names that are standards (ISO country, language and currency codes,
//! MIME types, MySQL names) are facts; everything else was written for Localpost. Each list is
//! non-empty, and an entry never has leading or trailing spaces (the tests check both).

// Layout is by hand: rustfmt would put one short string per line.

// ---- People

#[rustfmt::skip]
pub(super) const FIRST_NAMES: &[&str] = &[
    "Aaliyah", "Ada", "Aiden", "Akira", "Alejandro", "Amara", "Anika", "Arjun", "Beatrix", "Bruno",
    "Camila", "Chidi", "Clara", "Dmitri", "Elena", "Emeka", "Farah", "Felix", "Gemma", "Hana",
    "Hugo", "Imani", "Ingrid", "Ivan", "Jasper", "Kai", "Leila", "Liam", "Lucia", "Malik", "Maya",
    "Mateo", "Nadia", "Nico", "Noor", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Theo",
    "Yuki", "Zara",
];

#[rustfmt::skip]
pub(super) const LAST_NAMES: &[&str] = &[
    "Abbott", "Adeyemi", "Alvarez", "Bauer", "Bergstrom", "Carter", "Chen", "Costa", "Dubois",
    "Eriksen", "Fischer", "Garcia", "Haddad", "Hughes", "Ibrahim", "Jensen", "Kaur", "Kowalski",
    "Larsen", "Lindqvist", "Moreau", "Murphy", "Nakamura", "Novak", "Okafor", "Olsen", "Patel",
    "Petrov", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Tanaka", "Turner", "Vasquez",
    "Walsh", "Weber", "Yilmaz", "Zhang",
];

pub(super) const NAME_PREFIXES: &[&str] = &["Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Dr.", "Prof."];

#[rustfmt::skip]
pub(super) const NAME_SUFFIXES: &[&str] = &[
    "Jr.", "Sr.", "II", "III", "IV", "MD", "PhD", "DDS", "Esq.", "CPA",
];

#[rustfmt::skip]
pub(super) const JOB_DESCRIPTORS: &[&str] = &[
    "Senior", "Junior", "Lead", "Principal", "Chief", "Associate", "Assistant", "Regional",
    "Global", "Staff", "Head", "Deputy", "Interim", "Corporate", "District",
];

#[rustfmt::skip]
pub(super) const JOB_AREAS: &[&str] = &[
    "Operations", "Marketing", "Security", "Infrastructure", "Research", "Design", "Finance",
    "Quality", "Logistics", "Support", "Data", "Compliance", "Product", "Platform", "Brand",
    "Accounts", "Communications", "Integration", "Mobility", "Analytics",
];

#[rustfmt::skip]
pub(super) const JOB_TYPES: &[&str] = &[
    "Engineer", "Manager", "Analyst", "Coordinator", "Designer", "Consultant", "Specialist",
    "Architect", "Administrator", "Director", "Officer", "Strategist", "Technician", "Planner",
    "Developer", "Producer", "Supervisor", "Agent", "Liaison",
];

// ---- Places

#[rustfmt::skip]
pub(super) const CITY_PREFIXES: &[&str] = &[
    "North", "South", "East", "West", "New", "Port", "Lake", "Fort", "Mount", "Upper",
];

#[rustfmt::skip]
pub(super) const CITY_SUFFIXES: &[&str] = &[
    "ton", "ville", "field", "ford", "haven", "port", "bury", "dale", "wood", "mouth", "stead",
    "bridge", "view", "side", "worth", "land",
];

#[rustfmt::skip]
pub(super) const STREET_SUFFIXES: &[&str] = &[
    "Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place", "Boulevard", "Way", "Terrace",
    "Crescent", "Row", "Square", "Parkway", "Alley", "Close", "Gardens", "Hill", "Walk", "Loop",
];

/// Country names; [`COUNTRY_CODES`] holds the same countries' ISO 3166-1 alpha-2 codes.
#[rustfmt::skip]
pub(super) const COUNTRIES: &[&str] = &[
    "Argentina", "Australia", "Austria", "Bangladesh", "Belgium", "Brazil", "Canada", "Chile",
    "Colombia", "Denmark", "Egypt", "Estonia", "Ethiopia", "Finland", "France", "Germany", "Ghana",
    "Greece", "Iceland", "India", "Indonesia", "Ireland", "Italy", "Japan", "Kenya", "Mexico",
    "Morocco", "Nepal", "Netherlands", "New Zealand", "Nigeria", "Norway", "Peru", "Poland",
    "Portugal", "South Korea", "Spain", "Sweden", "Uruguay", "Viet Nam",
];

#[rustfmt::skip]
pub(super) const COUNTRY_CODES: &[&str] = &[
    "AR", "AU", "AT", "BD", "BE", "BR", "CA", "CL", "CO", "DK", "EG", "EE", "ET", "FI", "FR", "DE",
    "GH", "GR", "IS", "IN", "ID", "IE", "IT", "JP", "KE", "MX", "MA", "NP", "NL", "NZ", "NG", "NO",
    "PE", "PL", "PT", "KR", "ES", "SE", "UY", "VN",
];

/// Two-letter ISO 639-1 language codes.
#[rustfmt::skip]
pub(super) const LOCALES: &[&str] = &[
    "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "eu", "fa", "fi", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it",
    "ja", "ka", "kk", "km", "kn", "ko", "lt", "lv", "mk", "ml", "mn", "mr", "ms", "mt", "nb", "ne",
    "nl", "nn", "ny", "pa", "pl", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr", "sv", "sw", "ta",
    "te", "th", "tr", "uk", "ur", "uz", "vi", "zh", "zu",
];

// ---- Stores

#[rustfmt::skip]
pub(super) const COLORS: &[&str] = &[
    "red", "orange", "yellow", "green", "blue", "indigo", "violet", "purple", "pink", "brown",
    "black", "white", "grey", "silver", "gold", "teal", "navy", "maroon", "olive", "lime", "cyan",
    "magenta", "coral", "salmon", "turquoise", "lavender", "beige", "ivory", "crimson", "amber",
    "charcoal", "sea green", "plum", "tan", "ochre", "rust",
];

#[rustfmt::skip]
pub(super) const DEPARTMENTS: &[&str] = &[
    "Books", "Music", "Garden", "Toys", "Kitchen", "Sports", "Outdoors", "Electronics", "Clothing",
    "Shoes", "Jewelry", "Beauty", "Health", "Grocery", "Automotive", "Tools", "Baby", "Pets",
    "Office", "Furniture", "Games", "Crafts", "Travel",
];

#[rustfmt::skip]
pub(super) const PRODUCT_ADJECTIVES: &[&str] = &[
    "Compact", "Sturdy", "Deluxe", "Classic", "Portable", "Lightweight", "Premium", "Rustic",
    "Modern", "Vintage", "Foldable", "Heavy-duty", "Smart", "Cozy", "Sleek", "Handcrafted",
    "Reusable",
];

#[rustfmt::skip]
pub(super) const PRODUCT_MATERIALS: &[&str] = &[
    "Bamboo", "Oak", "Walnut", "Cotton", "Linen", "Wool", "Leather", "Denim", "Copper", "Brass",
    "Aluminum", "Ceramic", "Glass", "Marble", "Silicone", "Canvas", "Cork", "Titanium",
];

#[rustfmt::skip]
pub(super) const PRODUCTS: &[&str] = &[
    "Lamp", "Mug", "Backpack", "Blanket", "Bottle", "Bench", "Clock", "Desk", "Kettle", "Jacket",
    "Sneakers", "Pillow", "Wallet", "Helmet", "Umbrella", "Notebook", "Speaker", "Stool", "Vase",
    "Scarf", "Bicycle", "Tent", "Skillet", "Keyboard",
];

// ---- Business and catchphrases

#[rustfmt::skip]
pub(super) const COMPANY_SUFFIXES: &[&str] = &[
    "Inc", "LLC", "Ltd", "Group", "Co", "and Partners", "Holdings", "Labs",
];

#[rustfmt::skip]
pub(super) const CATCH_PHRASE_ADJECTIVES: &[&str] = &[
    "Adaptive", "Agile", "Automated", "Balanced", "Centralized", "Cloud-native", "Configurable",
    "Cross-functional", "Customer-centric", "Data-driven", "Decentralized", "Distributed",
    "Fault-tolerant", "Integrated", "Modular", "Optimized", "Proactive", "Resilient", "Scalable",
    "Streamlined", "Synchronized", "User-friendly", "Versatile", "Zero-touch",
];

#[rustfmt::skip]
pub(super) const CATCH_PHRASE_DESCRIPTORS: &[&str] = &[
    "real-time", "end-to-end", "multi-tenant", "mission-critical", "next-generation",
    "low-latency", "high-availability", "context-aware", "event-driven", "self-service",
    "open-source", "bi-directional", "policy-based", "value-added", "well-documented",
    "privacy-first", "energy-efficient", "24/7",
];

#[rustfmt::skip]
pub(super) const CATCH_PHRASE_NOUNS: &[&str] = &[
    "platform", "framework", "pipeline", "dashboard", "workflow", "toolkit", "ecosystem",
    "gateway", "roadmap", "service mesh", "knowledge base", "data lake", "interface",
    "architecture", "methodology", "benchmark", "paradigm", "solution", "capability", "hub",
];

#[rustfmt::skip]
pub(super) const BS_ADJECTIVES: &[&str] = &[
    "scalable", "seamless", "frictionless", "holistic", "granular", "omnichannel", "turnkey",
    "bleeding-edge", "sticky", "viral", "real-time", "cutting-edge", "intuitive", "robust",
    "immersive", "bespoke", "global",
];

#[rustfmt::skip]
pub(super) const BS_BUZZWORDS: &[&str] = &[
    "leverage", "streamline", "empower", "orchestrate", "monetize", "unlock", "accelerate",
    "reimagine", "optimize", "scale", "integrate", "incentivize", "disrupt", "align",
    "operationalize", "future-proof", "productize", "democratize",
];

#[rustfmt::skip]
pub(super) const BS_NOUNS: &[&str] = &[
    "synergies", "paradigms", "deliverables", "touchpoints", "verticals", "mindshare",
    "ecosystems", "bandwidth", "metrics", "roadmaps", "workflows", "channels", "experiences",
    "insights", "communities", "platforms", "funnels", "stakeholders",
];

// ---- Databases (MySQL's names)

#[rustfmt::skip]
pub(super) const DATABASE_COLUMNS: &[&str] = &[
    "id", "uuid", "name", "title", "slug", "email", "status", "createdAt", "updatedAt",
    "deletedAt", "owner_id", "parent_id", "sort_order", "price", "quantity", "description",
    "token", "group", "category", "version", "locale", "is_active", "metadata",
];

#[rustfmt::skip]
pub(super) const DATABASE_TYPES: &[&str] = &[
    "int", "bigint", "smallint", "tinyint", "mediumint", "decimal", "float", "double", "bit",
    "boolean", "char", "varchar", "text", "longtext", "blob", "date", "time", "datetime",
    "timestamp", "year", "json", "enum", "set", "geometry", "point", "binary", "varbinary",
];

#[rustfmt::skip]
pub(super) const DATABASE_COLLATIONS: &[&str] = &[
    "utf8mb4_general_ci", "utf8mb4_unicode_ci", "utf8mb4_bin", "utf8mb4_0900_ai_ci",
    "utf8_general_ci", "utf8_bin", "latin1_swedish_ci", "latin1_bin", "ascii_general_ci",
    "ascii_bin", "cp1250_general_ci", "cp1250_bin",
];

#[rustfmt::skip]
pub(super) const DATABASE_ENGINES: &[&str] = &[
    "InnoDB", "MyISAM", "MEMORY", "CSV", "ARCHIVE", "BLACKHOLE", "MERGE", "FEDERATED", "NDB",
];

// ---- Finance

/// Kinds of account; a bank account name is one of these and " Account".
#[rustfmt::skip]
pub(super) const ACCOUNT_KINDS: &[&str] = &[
    "Checking", "Savings", "Money Market", "Home Loan", "Auto Loan", "Personal Loan",
    "Student Loan", "Credit Card", "Business", "Investment",
];

#[rustfmt::skip]
pub(super) const TRANSACTION_TYPES: &[&str] = &[
    "deposit", "withdrawal", "payment", "invoice", "transfer", "refund",
];

/// ISO 4217 code, name and usual symbol.
#[rustfmt::skip]
pub(super) const CURRENCIES: &[(&str, &str, &str)] = &[
    ("USD", "US Dollar", "$"), ("EUR", "Euro", "€"), ("GBP", "Pound Sterling", "£"),
    ("JPY", "Yen", "¥"), ("CNY", "Yuan Renminbi", "¥"), ("INR", "Indian Rupee", "₹"),
    ("KRW", "Won", "₩"), ("TRY", "Turkish Lira", "₺"), ("ILS", "New Israeli Sheqel", "₪"),
    ("NGN", "Naira", "₦"), ("PHP", "Philippine Peso", "₱"), ("VND", "Dong", "₫"),
    ("UAH", "Hryvnia", "₴"), ("BRL", "Brazilian Real", "R$"), ("ZAR", "Rand", "R"),
    ("PLN", "Zloty", "zł"), ("SEK", "Swedish Krona", "kr"), ("DKK", "Danish Krone", "kr"),
    ("CZK", "Czech Koruna", "Kč"), ("HUF", "Forint", "Ft"), ("THB", "Baht", "฿"),
    ("CAD", "Canadian Dollar", "$"), ("AUD", "Australian Dollar", "$"),
    ("MXN", "Mexican Peso", "$"),
];

// ---- Grammar (the tech-talk kind)

#[rustfmt::skip]
pub(super) const ABBREVIATIONS: &[&str] = &[
    "API", "CPU", "GPU", "RAM", "SSD", "USB", "DNS", "TCP", "UDP", "HTTP", "TLS", "SSH", "SQL",
    "JSON", "XML", "YAML", "CSV", "PDF", "CDN", "VPN", "JWT", "SDK", "IDE", "ORM", "OCR", "LAN",
    "NFC", "RFID", "GPS", "UTF8", "HTML", "CSS", "REST", "SMTP", "PCI",
];

#[rustfmt::skip]
pub(super) const ADJECTIVES: &[&str] = &[
    "asynchronous", "redundant", "virtual", "wireless", "encrypted", "headless", "distributed",
    "quantum", "optical", "modular", "open-source", "cross-platform", "back-end", "front-end",
    "multi-core", "low-power", "serverless", "neural", "solid state", "digital", "legacy",
    "embedded",
];

#[rustfmt::skip]
pub(super) const NOUNS: &[&str] = &[
    "cache", "socket", "kernel", "buffer", "router", "compiler", "pipeline", "register",
    "cluster", "payload", "thread", "schema", "endpoint", "container", "queue", "firewall",
    "bandwidth", "protocol", "driver", "matrix", "bus", "sensor", "array", "monitor", "microchip",
    "circuit", "interface", "transmitter",
];

#[rustfmt::skip]
pub(super) const VERBS: &[&str] = &[
    "compile", "deploy", "encrypt", "refactor", "serialize", "cache", "throttle", "ping", "mount",
    "flush", "debug", "patch", "route", "index", "parse", "sync", "reboot", "back up", "override",
    "compress", "decode", "hash", "benchmark", "provision",
];

#[rustfmt::skip]
pub(super) const ING_VERBS: &[&str] = &[
    "compiling", "deploying", "encrypting", "refactoring", "serializing", "caching", "throttling",
    "pinging", "mounting", "flushing", "debugging", "patching", "routing", "indexing", "parsing",
    "syncing", "rebooting", "backing up", "overriding", "compressing", "decoding", "hashing",
    "benchmarking", "provisioning",
];

/// Templates for `$randomPhrase`: `{verb}`, `{ingverb}`, `{noun}`, `{adjective}` and
/// `{abbreviation}` are filled from the lists above.
#[rustfmt::skip]
pub(super) const PHRASES: &[&str] = &[
    "Once we {verb} the {noun}, the {adjective} {abbreviation} {noun} should come back up!",
    "Nobody can {verb} the {adjective} {noun} while the {abbreviation} {noun} is down!",
    "Stop {ingverb} the {noun} and {verb} the {abbreviation} {noun} instead!",
    "The {adjective} {noun} keeps failing, so {verb} its {abbreviation} {noun} first!",
    "{ingverb} the {abbreviation} {noun} is the only way to {verb} the {adjective} {noun}!",
    "Let's {verb} the {noun} before the {adjective} {abbreviation} {noun} times out!",
];

/// Words of the classic (public domain) lorem ipsum passage.
#[rustfmt::skip]
pub(super) const LOREM: &[&str] = &[
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
    "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
    "ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi",
    "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit",
    "voluptate", "velit", "esse", "cillum", "fugiat", "nulla", "pariatur", "excepteur", "sint",
    "occaecat", "cupidatat", "non", "proident", "sunt", "culpa", "qui", "officia", "deserunt",
    "mollit", "anim", "id", "est", "laborum",
];

// ---- Internet

#[rustfmt::skip]
pub(super) const FREE_EMAIL_DOMAINS: &[&str] = &[
    "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "proton.me", "aol.com",
];

/// The domains RFC 2606 reserves for examples.
pub(super) const EXAMPLE_DOMAINS: &[&str] = &["example.com", "example.net", "example.org"];

#[rustfmt::skip]
pub(super) const DOMAIN_SUFFIXES: &[&str] = &[
    "com", "net", "org", "info", "biz", "name", "io", "dev", "app", "co",
];

// ---- Files and directories

/// MIME types and an extension each (IANA registrations).
#[rustfmt::skip]
pub(super) const MIME_TYPES: &[(&str, &str)] = &[
    ("application/json", "json"), ("application/pdf", "pdf"), ("application/zip", "zip"),
    ("application/xml", "xml"), ("application/gzip", "gz"), ("application/msword", "doc"),
    ("application/vnd.ms-excel", "xls"), ("application/octet-stream", "bin"),
    ("application/javascript", "js"), ("application/x-tar", "tar"), ("application/x-sh", "sh"),
    ("application/rtf", "rtf"), ("application/epub+zip", "epub"), ("application/wasm", "wasm"),
    ("application/sql", "sql"), ("application/vnd.oasis.opendocument.text", "odt"),
    ("audio/mpeg", "mp3"), ("audio/wav", "wav"), ("audio/ogg", "oga"), ("audio/flac", "flac"),
    ("audio/aac", "aac"), ("audio/midi", "mid"), ("font/woff", "woff"), ("font/woff2", "woff2"),
    ("font/ttf", "ttf"), ("font/otf", "otf"), ("image/png", "png"), ("image/jpeg", "jpg"),
    ("image/gif", "gif"), ("image/svg+xml", "svg"), ("image/webp", "webp"), ("image/bmp", "bmp"),
    ("image/tiff", "tif"), ("image/avif", "avif"), ("message/rfc822", "eml"),
    ("model/gltf+json", "gltf"), ("model/stl", "stl"), ("model/vrml", "wrl"),
    ("text/plain", "txt"), ("text/html", "html"), ("text/css", "css"), ("text/csv", "csv"),
    ("text/markdown", "md"), ("text/calendar", "ics"), ("video/mp4", "mp4"),
    ("video/mpeg", "mpeg"), ("video/webm", "webm"), ("video/quicktime", "mov"),
    ("video/x-msvideo", "avi"), ("video/ogg", "ogv"), ("video/mp2t", "ts"),
];

/// The top-level types a "common" file has.
#[rustfmt::skip]
pub(super) const COMMON_FILE_TYPES: &[&str] = &["application", "audio", "image", "text", "video"];

/// Extensions of everyday files.
#[rustfmt::skip]
pub(super) const COMMON_FILE_EXTS: &[&str] = &[
    "pdf", "doc", "txt", "html", "csv", "png", "jpg", "jpeg", "gif", "mp3", "wav", "mp4", "mpeg",
    "m2v", "mov",
];

#[rustfmt::skip]
pub(super) const DIRECTORIES: &[&str] = &[
    "/bin", "/boot", "/dev", "/etc", "/etc/ssh", "/etc/nginx", "/home", "/home/user",
    "/home/user/projects", "/lib", "/media", "/mnt", "/opt", "/opt/local", "/root", "/run",
    "/sbin", "/srv", "/srv/www", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local",
    "/usr/local/bin", "/usr/share", "/var", "/var/cache", "/var/lib", "/var/log", "/var/tmp",
    "/var/www", "/Applications", "/Library", "/Users", "/System", "/private/tmp",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_non_empty_trimmed_and_without_duplicates() {
        let pairs =
            |l: &[(&'static str, &'static str)]| l.iter().flat_map(|(a, b)| [*a, *b]).collect();
        let lists: Vec<(&str, Vec<&str>)> = vec![
            ("FIRST_NAMES", FIRST_NAMES.to_vec()),
            ("LAST_NAMES", LAST_NAMES.to_vec()),
            ("NAME_PREFIXES", NAME_PREFIXES.to_vec()),
            ("NAME_SUFFIXES", NAME_SUFFIXES.to_vec()),
            ("JOB_DESCRIPTORS", JOB_DESCRIPTORS.to_vec()),
            ("JOB_AREAS", JOB_AREAS.to_vec()),
            ("JOB_TYPES", JOB_TYPES.to_vec()),
            ("CITY_PREFIXES", CITY_PREFIXES.to_vec()),
            ("CITY_SUFFIXES", CITY_SUFFIXES.to_vec()),
            ("STREET_SUFFIXES", STREET_SUFFIXES.to_vec()),
            ("COUNTRIES", COUNTRIES.to_vec()),
            ("COUNTRY_CODES", COUNTRY_CODES.to_vec()),
            ("LOCALES", LOCALES.to_vec()),
            ("COLORS", COLORS.to_vec()),
            ("DEPARTMENTS", DEPARTMENTS.to_vec()),
            ("PRODUCT_ADJECTIVES", PRODUCT_ADJECTIVES.to_vec()),
            ("PRODUCT_MATERIALS", PRODUCT_MATERIALS.to_vec()),
            ("PRODUCTS", PRODUCTS.to_vec()),
            ("COMPANY_SUFFIXES", COMPANY_SUFFIXES.to_vec()),
            ("CATCH_PHRASE_ADJECTIVES", CATCH_PHRASE_ADJECTIVES.to_vec()),
            (
                "CATCH_PHRASE_DESCRIPTORS",
                CATCH_PHRASE_DESCRIPTORS.to_vec(),
            ),
            ("CATCH_PHRASE_NOUNS", CATCH_PHRASE_NOUNS.to_vec()),
            ("BS_ADJECTIVES", BS_ADJECTIVES.to_vec()),
            ("BS_BUZZWORDS", BS_BUZZWORDS.to_vec()),
            ("BS_NOUNS", BS_NOUNS.to_vec()),
            ("DATABASE_COLUMNS", DATABASE_COLUMNS.to_vec()),
            ("DATABASE_TYPES", DATABASE_TYPES.to_vec()),
            ("DATABASE_COLLATIONS", DATABASE_COLLATIONS.to_vec()),
            ("DATABASE_ENGINES", DATABASE_ENGINES.to_vec()),
            ("ACCOUNT_KINDS", ACCOUNT_KINDS.to_vec()),
            ("TRANSACTION_TYPES", TRANSACTION_TYPES.to_vec()),
            ("CURRENCY_CODES", CURRENCIES.iter().map(|c| c.0).collect()),
            ("CURRENCY_NAMES", CURRENCIES.iter().map(|c| c.1).collect()),
            ("ABBREVIATIONS", ABBREVIATIONS.to_vec()),
            ("ADJECTIVES", ADJECTIVES.to_vec()),
            ("NOUNS", NOUNS.to_vec()),
            ("VERBS", VERBS.to_vec()),
            ("ING_VERBS", ING_VERBS.to_vec()),
            ("PHRASES", PHRASES.to_vec()),
            ("LOREM", LOREM.to_vec()),
            ("FREE_EMAIL_DOMAINS", FREE_EMAIL_DOMAINS.to_vec()),
            ("EXAMPLE_DOMAINS", EXAMPLE_DOMAINS.to_vec()),
            ("DOMAIN_SUFFIXES", DOMAIN_SUFFIXES.to_vec()),
            ("MIME_TYPES", pairs(MIME_TYPES)),
            ("COMMON_FILE_TYPES", COMMON_FILE_TYPES.to_vec()),
            ("COMMON_FILE_EXTS", COMMON_FILE_EXTS.to_vec()),
            ("DIRECTORIES", DIRECTORIES.to_vec()),
        ];
        for (name, list) in lists {
            assert!(!list.is_empty(), "{name} is empty");
            let mut seen = std::collections::BTreeSet::new();
            for entry in list {
                assert!(
                    !entry.is_empty() && entry.trim() == entry && !entry.contains("  "),
                    "{name}: {entry:?}"
                );
                assert!(seen.insert(entry), "{name}: {entry:?} twice");
            }
        }
    }

    #[test]
    fn shaped_lists_have_their_shape() {
        assert_eq!(COUNTRIES.len(), COUNTRY_CODES.len());
        let two = |s: &str, upper: bool| {
            s.len() == 2
                && s.bytes().all(|b| {
                    if upper {
                        b.is_ascii_uppercase()
                    } else {
                        b.is_ascii_lowercase()
                    }
                })
        };
        assert!(COUNTRY_CODES.iter().all(|c| two(c, true)));
        assert!(LOCALES.iter().all(|c| two(c, false)));
        assert!(CURRENCIES.iter().all(|(code, _, symbol)| {
            code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && !symbol.is_empty()
        }));
        assert!(MIME_TYPES.iter().all(|(mime, ext)| {
            mime.split_once('/')
                .is_some_and(|(t, s)| !t.is_empty() && !s.is_empty())
                && ext
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        }));
        assert!(
            DIRECTORIES
                .iter()
                .all(|d| d.starts_with('/') && !d.ends_with('/'))
        );
        // Names feed usernames, e-mail addresses and domains, which must stay ASCII words.
        assert!(
            FIRST_NAMES
                .iter()
                .chain(LAST_NAMES)
                .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic()))
        );
    }
}
