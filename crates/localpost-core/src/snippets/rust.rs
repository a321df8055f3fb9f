//! Rust with reqwest (blocking client; features `blocking` and, for forms, `multipart`).

use super::literal::rust as s;
use super::view::{View, ViewBody};

const STANDARD: [&str; 9] = [
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "CONNECT", "PATCH", "TRACE",
];

pub(crate) fn reqwest(v: &View) -> String {
    let mut out = String::from("fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
    out.push_str("    let client = reqwest::blocking::Client::builder()\n");
    if !v.follow_redirects {
        out.push_str("        .redirect(reqwest::redirect::Policy::none())\n");
    }
    if !v.verify_tls {
        out.push_str("        .danger_accept_invalid_certs(true)\n");
    }
    out.push_str("        .build()?;\n");
    if let ViewBody::Form(parts) = &v.body {
        out.push_str("    let form = reqwest::blocking::multipart::Form::new()");
        for part in parts {
            if part.is_file {
                out.push_str(&format!(
                    "\n        .file({}, {})?",
                    s(&part.name),
                    s(&part.value)
                ));
            } else {
                out.push_str(&format!(
                    "\n        .text({}, {})",
                    s(&part.name),
                    s(&part.value)
                ));
            }
        }
        out.push_str(";\n");
    }
    let method = if STANDARD.contains(&v.method.as_str()) {
        format!("reqwest::Method::{}", v.method)
    } else {
        format!("reqwest::Method::from_bytes({}.as_bytes())?", s(&v.method))
    };
    out.push_str(&format!(
        "    let response = client\n        .request({method}, {})\n",
        s(&v.url)
    ));
    for (name, value) in &v.headers {
        out.push_str(&format!("        .header({}, {})\n", s(name), s(value)));
    }
    match &v.body {
        ViewBody::None => {}
        ViewBody::Text(text) => out.push_str(&format!("        .body({})\n", s(text))),
        ViewBody::File(path) => out.push_str(&format!(
            "        .body(std::fs::File::open({})?)\n",
            s(path)
        )),
        ViewBody::Form(_) => out.push_str("        .multipart(form)\n"),
    }
    out.push_str("        .send()?;\n");
    out.push_str("    println!(\"{}\", response.status());\n");
    out.push_str("    println!(\"{}\", response.text()?);\n    Ok(())\n}\n");
    out
}
