//! Java 11+ with `java.net.http.HttpClient`.

use super::literal::java as s;
use super::view::{View, ViewBody};

pub(crate) fn http_client(v: &View) -> String {
    let mut out = String::from(
        "import java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\nimport java.net.http.HttpResponse;\n",
    );
    if matches!(v.body, ViewBody::File(_)) {
        out.push_str("import java.nio.file.Path;\n");
    }
    out.push_str(
        "\npublic class Main {\n    public static void main(String[] args) throws Exception {\n",
    );
    if !v.verify_tls {
        out.push_str("        // HttpClient verifies TLS certificates; skipping that needs a custom SSLContext\n");
    }
    out.push_str("        HttpClient client = HttpClient.newBuilder()\n");
    let redirect = if v.follow_redirects {
        "NORMAL"
    } else {
        "NEVER"
    };
    out.push_str(&format!(
        "            .followRedirects(HttpClient.Redirect.{redirect})\n            .build();\n"
    ));
    let publisher = match &v.body {
        ViewBody::None => "HttpRequest.BodyPublishers.noBody()".to_string(),
        ViewBody::Text(text) => format!("HttpRequest.BodyPublishers.ofString({})", s(text)),
        ViewBody::File(path) => format!("HttpRequest.BodyPublishers.ofFile(Path.of({}))", s(path)),
        ViewBody::Form(parts) => {
            out.push_str(
                "        // HttpClient has no multipart encoder (use e.g. Apache HttpClient 5's\n        // MultipartEntityBuilder); the parts are:\n",
            );
            for part in parts {
                let kind = if part.is_file { "file" } else { "text" };
                out.push_str(&format!(
                    "        //   {} ({kind}): {}\n",
                    s(&part.name),
                    s(&part.value)
                ));
            }
            "HttpRequest.BodyPublishers.noBody()".to_string()
        }
    };
    out.push_str(&format!(
        "        HttpRequest request = HttpRequest.newBuilder()\n            .uri(URI.create({}))\n            .method({}, {publisher})\n",
        s(&v.url),
        s(&v.method)
    ));
    for (name, value) in &v.headers {
        out.push_str(&format!("            .header({}, {})\n", s(name), s(value)));
    }
    out.push_str("            .build();\n");
    out.push_str("        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());\n");
    out.push_str("        System.out.println(response.statusCode());\n        System.out.println(response.body());\n    }\n}\n");
    out
}
