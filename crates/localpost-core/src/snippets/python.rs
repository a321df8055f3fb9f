//! Python with `requests`.

use super::literal::python as s;
use super::view::{View, ViewBody};

pub(crate) fn requests(v: &View) -> String {
    let mut out = String::from("import requests\n\n");
    out.push_str(&format!("url = {}\n", s(&v.url)));
    let headers = v.merged_headers();
    if !headers.is_empty() {
        out.push_str("headers = {\n");
        for (name, value) in &headers {
            out.push_str(&format!("    {}: {},\n", s(name), s(value)));
        }
        out.push_str("}\n");
    }
    let mut args = vec![s(&v.method), "url".to_string()];
    if !headers.is_empty() {
        args.push("headers=headers".into());
    }
    match &v.body {
        ViewBody::None => {}
        ViewBody::Text(text) => {
            out.push_str(&format!("data = {}.encode(\"utf-8\")\n", s(text)));
            args.push("data=data".into());
        }
        ViewBody::File(path) => {
            out.push_str(&format!("data = open({}, \"rb\")\n", s(path)));
            args.push("data=data".into());
        }
        ViewBody::Form(parts) => {
            out.push_str("files = [\n");
            for part in parts {
                let content = if part.is_file {
                    let mut t =
                        format!("{}, open({}, \"rb\")", s(part.file_name()), s(&part.value));
                    if let Some(ct) = &part.content_type {
                        t.push_str(&format!(", {}", s(ct)));
                    }
                    t
                } else {
                    format!("None, {}", s(&part.value))
                };
                out.push_str(&format!("    ({}, ({content})),\n", s(&part.name)));
            }
            out.push_str("]\n");
            args.push("files=files".into());
        }
    }
    args.push(format!(
        "allow_redirects={}",
        if v.follow_redirects { "True" } else { "False" }
    ));
    if !v.verify_tls {
        args.push("verify=False".into());
    }
    out.push_str(&format!(
        "\nresponse = requests.request({})\n",
        args.join(", ")
    ));
    out.push_str("print(response.status_code)\nprint(response.text)\n");
    out
}
