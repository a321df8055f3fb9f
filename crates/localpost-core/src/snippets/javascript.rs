//! JavaScript: `fetch` (browsers and Node 18+) and axios (Node).

use super::literal::javascript as s;
use super::view::{View, ViewBody};

/// `const form = new FormData(); …` for a multipart body, files read with `openAsBlob`.
fn form_data(parts: &[super::view::ViewPart]) -> String {
    let mut out = String::from("const form = new FormData();\n");
    for part in parts {
        if part.is_file {
            let options = match &part.content_type {
                Some(ct) => format!(", {{ type: {} }}", s(ct)),
                None => String::new(),
            };
            out.push_str(&format!(
                "form.append({}, await openAsBlob({}{options}), {});\n",
                s(&part.name),
                s(&part.value),
                s(part.file_name())
            ));
        } else {
            out.push_str(&format!(
                "form.append({}, {});\n",
                s(&part.name),
                s(&part.value)
            ));
        }
    }
    out
}

fn needs_fs(v: &View) -> bool {
    match &v.body {
        ViewBody::File(_) => true,
        ViewBody::Form(parts) => parts.iter().any(|p| p.is_file),
        _ => false,
    }
}

fn headers_object(v: &View, indent: &str) -> String {
    let mut out = String::from("{\n");
    for (name, value) in v.merged_headers() {
        out.push_str(&format!("{indent}  {}: {},\n", s(&name), s(&value)));
    }
    out.push_str(indent);
    out.push('}');
    out
}

pub(crate) fn fetch(v: &View) -> String {
    let mut out = String::new();
    if needs_fs(v) {
        out.push_str("import { openAsBlob } from \"node:fs\";\n\n");
    }
    if let ViewBody::Form(parts) = &v.body {
        out.push_str(&form_data(parts));
        out.push('\n');
    }
    out.push_str(&format!("const response = await fetch({}, {{\n", s(&v.url)));
    out.push_str(&format!("  method: {},\n", s(&v.method)));
    if !v.headers.is_empty() {
        out.push_str(&format!("  headers: {},\n", headers_object(v, "  ")));
    }
    match &v.body {
        ViewBody::None => {}
        ViewBody::Text(text) => out.push_str(&format!("  body: {},\n", s(text))),
        ViewBody::File(path) => out.push_str(&format!("  body: await openAsBlob({}),\n", s(path))),
        ViewBody::Form(_) => out.push_str("  body: form,\n"),
    }
    if !v.follow_redirects {
        out.push_str("  redirect: \"manual\",\n");
    }
    out.push_str("});\n");
    if !v.verify_tls {
        out.push_str(
            "// fetch cannot skip TLS verification; run Node with NODE_TLS_REJECT_UNAUTHORIZED=0\n",
        );
    }
    out.push_str("console.log(response.status);\nconsole.log(await response.text());\n");
    out
}

pub(crate) fn axios(v: &View) -> String {
    let mut out = String::from("import axios from \"axios\";\n");
    if needs_fs(v) {
        out.push_str("import { openAsBlob } from \"node:fs\";\n");
    }
    if !v.verify_tls {
        out.push_str("import https from \"node:https\";\n");
    }
    out.push('\n');
    if let ViewBody::Form(parts) = &v.body {
        out.push_str(&form_data(parts));
        out.push('\n');
    }
    out.push_str("const response = await axios.request({\n");
    out.push_str(&format!("  method: {},\n", s(&v.method)));
    out.push_str(&format!("  url: {},\n", s(&v.url)));
    if !v.headers.is_empty() {
        out.push_str(&format!("  headers: {},\n", headers_object(v, "  ")));
    }
    match &v.body {
        ViewBody::None => {}
        ViewBody::Text(text) => out.push_str(&format!("  data: {},\n", s(text))),
        ViewBody::File(path) => out.push_str(&format!("  data: await openAsBlob({}),\n", s(path))),
        ViewBody::Form(_) => out.push_str("  data: form,\n"),
    }
    if !v.follow_redirects {
        out.push_str("  maxRedirects: 0,\n");
    }
    if !v.verify_tls {
        out.push_str("  httpsAgent: new https.Agent({ rejectUnauthorized: false }),\n");
    }
    out.push_str("  responseType: \"text\",\n  validateStatus: () => true,\n});\n");
    out.push_str("console.log(response.status);\nconsole.log(response.data);\n");
    out
}
