//! Files and directories: names, extensions, MIME types and paths.

use super::rng::Rng;
use super::text::few_words;
use super::words::{COMMON_FILE_EXTS, COMMON_FILE_TYPES, DIRECTORIES, MIME_TYPES};

/// `$randomFileName`: random words in snake case and any extension,
/// `neural_sri_lanka_rupee_gloves.gdoc`.
pub(super) fn file_name(rng: &mut Rng<'_>) -> String {
    let stem = snake(&few_words(rng));
    format!("{stem}.{}", file_ext(rng))
}

/// `$randomFileType`: a MIME top-level type, `application`.
pub(super) fn file_type(rng: &mut Rng<'_>) -> String {
    let (mime, _) = rng.pick(MIME_TYPES);
    mime.split('/').next().unwrap_or(mime).to_string()
}

/// `$randomFileExt`: an extension without its dot, `war`.
pub(super) fn file_ext(rng: &mut Rng<'_>) -> String {
    rng.pick(MIME_TYPES).1.to_string()
}

/// `$randomCommonFileName`: random words in snake case and a common extension,
/// `well_modulated.mpg4`.
pub(super) fn common_file_name(rng: &mut Rng<'_>) -> String {
    let stem = snake(&few_words(rng));
    format!("{stem}.{}", common_file_ext(rng))
}

/// `$randomCommonFileType`: `audio`.
pub(super) fn common_file_type(rng: &mut Rng<'_>) -> String {
    rng.pick(COMMON_FILE_TYPES).to_string()
}

/// `$randomCommonFileExt`: `png`.
pub(super) fn common_file_ext(rng: &mut Rng<'_>) -> String {
    rng.pick(COMMON_FILE_EXTS).to_string()
}

/// `$randomFilePath`: a directory and a file name, `/home/programming_chicken.cpio`.
pub(super) fn file_path(rng: &mut Rng<'_>) -> String {
    let dir = directory_path(rng);
    format!("{dir}/{}", file_name(rng))
}

/// `$randomDirectoryPath`: an absolute Unix directory, `/usr/local/bin`.
pub(super) fn directory_path(rng: &mut Rng<'_>) -> String {
    rng.pick(DIRECTORIES).to_string()
}

/// `$randomMimeType`: `audio/mpeg`.
pub(super) fn mime_type(rng: &mut Rng<'_>) -> String {
    rng.pick(MIME_TYPES).0.to_string()
}

/// Lower case with every character outside `[A-Za-z0-9_]` turned into `_` (faker's
/// `replace(/\W/g, '_')`).
fn snake(words: &str) -> String {
    words
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_replaces_non_word_characters() {
        assert_eq!(snake("Sea green 24/7 Ltd."), "sea_green_24_7_ltd_");
        assert_eq!(snake("already_snake"), "already_snake");
    }
}
