//! `multipart/form-data` (RFC 7578): the boundary, the encoding, and content types of file parts.
//!
//! Written here rather than with reqwest's `multipart` feature so that the exact bytes sent are
//! known and can be shown in the [`super::SentRequest`].

use std::path::Path;

use super::{Part, PartContent};

/// A boundary in Postman's style: 26 dashes and 24 random hex digits.
pub(crate) fn boundary() -> String {
    let mut bytes = [0u8; 12];
    if getrandom::fill(&mut bytes).is_err() {
        // No random source: the clock still gives a boundary unlikely to occur in the body.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes.copy_from_slice(&nanos.to_le_bytes()[..12]);
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("--------------------------{hex}")
}

/// The encoded body; `files` holds the contents of the file parts, in order.
pub(crate) fn encode(boundary: &str, parts: &[Part], files: Vec<Vec<u8>>) -> Vec<u8> {
    let mut files = files.into_iter();
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let name = escape(&part.name);
        match &part.content {
            PartContent::Text(_) => out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n").as_bytes(),
            ),
            PartContent::File(path) => {
                let filename = path
                    .file_name()
                    .map(|f| escape(&f.to_string_lossy()))
                    .unwrap_or_default();
                out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                    )
                    .as_bytes(),
                );
            }
        }
        if let Some(ct) = &part.content_type {
            out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        match &part.content {
            PartContent::Text(text) => out.extend_from_slice(text.as_bytes()),
            PartContent::File(_) => out.extend(files.next().unwrap_or_default()),
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

/// A name or file name inside a quoted parameter: `"` and line breaks percent-encoded, as
/// browsers do (HTML's multipart/form-data encoding algorithm).
fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The content type of a file part, from its extension; `application/octet-stream` otherwise.
pub(crate) fn guess_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "log" => "text/plain",
        "csv" => "text/csv",
        "htm" | "html" => "text/html",
        "css" => "text/css",
        "js" | "mjs" => "application/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "yaml" | "yml" => "application/yaml",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "gz" => "application/gzip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_text_and_file_parts_with_their_headers() {
        let parts = vec![
            Part {
                name: "a\"b".into(),
                content: PartContent::Text("x".into()),
                content_type: None,
            },
            Part {
                name: "f".into(),
                content: PartContent::File("/tmp/dir/n.json".into()),
                content_type: Some("application/json".into()),
            },
        ];
        let body = encode("B", &parts, vec![b"{}".to_vec()]);
        assert_eq!(
            String::from_utf8(body).expect("text"),
            "--B\r\nContent-Disposition: form-data; name=\"a%22b\"\r\n\r\nx\r\n\
             --B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"n.json\"\r\n\
             Content-Type: application/json\r\n\r\n{}\r\n--B--\r\n"
        );
    }

    #[test]
    fn boundaries_differ_and_types_come_from_extensions() {
        assert_ne!(boundary(), boundary());
        assert_eq!(boundary().len(), 26 + 24);
        assert_eq!(guess_type(Path::new("a/B.PNG")), "image/png");
        assert_eq!(guess_type(Path::new("noext")), "application/octet-stream");
    }
}
