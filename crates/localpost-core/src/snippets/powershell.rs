//! PowerShell 7 with `Invoke-RestMethod`.

use super::literal::powershell as s;
use super::view::{View, ViewBody};

const STANDARD: [&str; 9] = [
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "MERGE",
];

pub(crate) fn invoke_rest_method(v: &View) -> String {
    let mut out = String::new();
    let headers: Vec<(String, String)> = v
        .merged_headers()
        .into_iter()
        .filter(|(n, _)| !n.eq_ignore_ascii_case("content-type"))
        .collect();
    if !headers.is_empty() {
        out.push_str("$headers = @{\n");
        for (name, value) in &headers {
            out.push_str(&format!("    {} = {}\n", s(name), s(value)));
        }
        out.push_str("}\n");
    }
    let mut args = vec![format!("-Uri {}", s(&v.url))];
    if STANDARD.contains(&v.method.as_str()) {
        args.push(format!("-Method {}", s(&v.method)));
    } else {
        args.push(format!("-CustomMethod {}", s(&v.method)));
    }
    if !headers.is_empty() {
        args.push("-Headers $headers".into());
    }
    if let Some(ct) = v.content_type() {
        args.push(format!("-ContentType {}", s(ct)));
    }
    match &v.body {
        ViewBody::None => {}
        ViewBody::Text(text) => {
            out.push_str(&format!("$body = {}\n", s(text)));
            args.push("-Body $body".into());
        }
        ViewBody::File(path) => args.push(format!("-InFile {}", s(path))),
        ViewBody::Form(parts) => {
            out.push_str("$form = @{\n");
            for part in parts {
                let value = if part.is_file {
                    format!("Get-Item -LiteralPath {}", s(&part.value))
                } else {
                    s(&part.value)
                };
                out.push_str(&format!("    {} = {value}\n", s(&part.name)));
            }
            out.push_str("}\n");
            args.push("-Form $form".into());
        }
    }
    if !v.follow_redirects {
        args.push("-MaximumRedirection 0".into());
    }
    if !v.verify_tls {
        args.push("-SkipCertificateCheck".into());
    }
    out.push_str(&format!("Invoke-RestMethod {}\n", args.join(" `\n    ")));
    out
}
