//! C# (top-level statements, .NET 6+) with `HttpClient`.

use super::literal::csharp as s;
use super::view::{View, ViewBody};

/// Headers .NET only accepts on the content, not on the request.
const CONTENT_HEADERS: [&str; 10] = [
    "allow",
    "content-disposition",
    "content-encoding",
    "content-language",
    "content-length",
    "content-location",
    "content-md5",
    "content-range",
    "content-type",
    "expires",
];

pub(crate) fn http_client(v: &View) -> String {
    let mut out = String::from("using var handler = new HttpClientHandler\n{\n");
    out.push_str(&format!(
        "    AllowAutoRedirect = {},\n",
        if v.follow_redirects { "true" } else { "false" }
    ));
    if !v.verify_tls {
        out.push_str("    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,\n");
    }
    out.push_str("};\nusing var client = new HttpClient(handler);\n");
    out.push_str(&format!(
        "using var request = new HttpRequestMessage(new HttpMethod({}), {});\n",
        s(&v.method),
        s(&v.url)
    ));
    let is_content = |name: &str| CONTENT_HEADERS.contains(&name.to_ascii_lowercase().as_str());
    for (name, value) in v.headers.iter().filter(|(n, _)| !is_content(n)) {
        out.push_str(&format!(
            "request.Headers.TryAddWithoutValidation({}, {});\n",
            s(name),
            s(value)
        ));
    }
    let has_content = match &v.body {
        ViewBody::None => false,
        ViewBody::Text(text) => {
            out.push_str(&format!(
                "request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes({}));\n",
                s(text)
            ));
            true
        }
        ViewBody::File(path) => {
            out.push_str(&format!(
                "request.Content = new StreamContent(File.OpenRead({}));\n",
                s(path)
            ));
            true
        }
        ViewBody::Form(parts) => {
            out.push_str("var form = new MultipartFormDataContent();\n");
            for part in parts {
                if part.is_file {
                    out.push_str(&format!(
                        "form.Add(new StreamContent(File.OpenRead({})), {}, {});\n",
                        s(&part.value),
                        s(&part.name),
                        s(part.file_name())
                    ));
                } else {
                    out.push_str(&format!(
                        "form.Add(new StringContent({}), {});\n",
                        s(&part.value),
                        s(&part.name)
                    ));
                }
            }
            out.push_str("request.Content = form;\n");
            true
        }
    };
    if has_content {
        for (name, value) in v.headers.iter().filter(|(n, _)| is_content(n)) {
            out.push_str(&format!(
                "request.Content.Headers.TryAddWithoutValidation({}, {});\n",
                s(name),
                s(value)
            ));
        }
    }
    out.push_str("using var response = await client.SendAsync(request);\n");
    out.push_str("Console.WriteLine((int)response.StatusCode);\nConsole.WriteLine(await response.Content.ReadAsStringAsync());\n");
    out
}
