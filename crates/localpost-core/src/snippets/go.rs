//! Go with `net/http`.

use super::literal::go as s;
use super::view::{View, ViewBody};

pub(crate) fn net_http(v: &View) -> String {
    let mut imports = vec!["\"fmt\"", "\"io\"", "\"net/http\""];
    let mut setup = String::new();
    let body = match &v.body {
        ViewBody::None => "nil".to_string(),
        ViewBody::Text(text) => {
            imports.push("\"strings\"");
            format!("strings.NewReader({})", s(text))
        }
        ViewBody::File(path) => {
            imports.push("\"os\"");
            setup.push_str(&format!(
                "\tfile, err := os.Open({})\n\tif err != nil {{\n\t\tpanic(err)\n\t}}\n\tdefer file.Close()\n\n",
                s(path)
            ));
            "file".to_string()
        }
        ViewBody::Form(parts) => {
            imports.extend(["\"bytes\"", "\"mime/multipart\""]);
            setup.push_str("\tbody := &bytes.Buffer{}\n\tform := multipart.NewWriter(body)\n");
            for part in parts {
                if part.is_file {
                    imports.push("\"os\"");
                    setup.push_str(&format!(
                        "\tif data, err := os.ReadFile({}); err != nil {{\n\t\tpanic(err)\n\t}} else if w, err := form.CreateFormFile({}, {}); err != nil {{\n\t\tpanic(err)\n\t}} else {{\n\t\tw.Write(data)\n\t}}\n",
                        s(&part.value),
                        s(&part.name),
                        s(part.file_name())
                    ));
                } else {
                    setup.push_str(&format!(
                        "\tform.WriteField({}, {})\n",
                        s(&part.name),
                        s(&part.value)
                    ));
                }
            }
            setup.push_str("\tform.Close()\n\n");
            "body".to_string()
        }
    };
    if !v.verify_tls {
        imports.push("\"crypto/tls\"");
    }
    imports.sort();
    imports.dedup();
    let mut out = String::from("package main\n\nimport (\n");
    for i in &imports {
        out.push_str(&format!("\t{i}\n"));
    }
    out.push_str(")\n\nfunc main() {\n");
    out.push_str(&setup);
    out.push_str(&format!(
        "\treq, err := http.NewRequest({}, {}, {body})\n\tif err != nil {{\n\t\tpanic(err)\n\t}}\n",
        s(&v.method),
        s(&v.url)
    ));
    for (name, value) in &v.headers {
        out.push_str(&format!("\treq.Header.Add({}, {})\n", s(name), s(value)));
    }
    if matches!(v.body, ViewBody::Form(_)) {
        out.push_str("\treq.Header.Set(\"Content-Type\", form.FormDataContentType())\n");
    }
    out.push_str("\n\tclient := &http.Client{\n");
    if !v.follow_redirects {
        out.push_str("\t\tCheckRedirect: func(*http.Request, []*http.Request) error {\n\t\t\treturn http.ErrUseLastResponse\n\t\t},\n");
    }
    if !v.verify_tls {
        out.push_str("\t\tTransport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},\n");
    }
    out.push_str("\t}\n");
    out.push_str(
        "\tresp, err := client.Do(req)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tdefer resp.Body.Close()\n\n\tout, err := io.ReadAll(resp.Body)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(resp.Status)\n\tfmt.Println(string(out))\n}\n",
    );
    out
}
