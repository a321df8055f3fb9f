//! The request editor, end to end, against a loopback server in this process that checks what
//! arrived: an unresolved `{{var}}` in the URL is flagged; a Basic auth form filled by keyboard
//! (tabs moved with the arrow keys, Ctrl+Enter to send) reaches the server as the right
//! `Authorization`; "Follow redirects" off shows the 302 itself; a multipart body with a text
//! part and a file part arrives whole, as the server parses it.
//!
//! Run through `scripts/e2e.sh the_request_editor` (see `desktop.rs`).

use crate::server;

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Recorded, Reply, Server};

/// `Basic base64("ada:p4ss w0rd")`.
const BASIC: &str = "Basic YWRhOnA0c3MgdzByZA==";
const FILE_TEXT: &str = "file body line 1\nline 2\n";

#[tokio::test]
async fn the_request_editor_sends_auth_settings_and_multipart_as_edited() {
    let name = "the_request_editor_sends_auth_settings_and_multipart_as_edited";
    // The server outlives the test's error, so a failure is reported before its "never hit".
    let server = Server::start(answer);
    if let Err(e) = edit_and_send(name, &server).await {
        panic!("{e}");
    }
}

/// `/basic` wants [`BASIC`]; `/redirect` answers 302 to `/target`; `/upload` parses a
/// multipart body and wants part `note=hi` and part `file` (`upload.txt`, [`FILE_TEXT`]).
fn answer(req: &Recorded) -> Reply {
    match req.target.as_str() {
        "/basic" if req.header("authorization") == Some(BASIC) => Reply::text("welcome"),
        "/basic" => Reply::text("who are you").with_status(401),
        "/redirect" => Reply::status(302).header("Location", "/target"),
        "/upload" => match check_multipart(req) {
            Ok(()) => Reply::text("parts ok"),
            Err(why) => Reply::text(why).with_status(400),
        },
        _ => Reply::text("other"),
    }
}

async fn edit_and_send(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("editor")?;
    let data = &scratch.data;
    let upload = data.path().join("upload.txt");
    std::fs::write(&upload, FILE_TEXT).map_err(|e| HarnessError::Setup(e.to_string()))?;
    let mut env = scratch.env();
    // The open dialog's answer when "Choose file…" is clicked.
    env.push(("LOCALPOST_TEST_OPEN_FILE", upload.as_os_str()));
    let driver = TauriDriver::start(name, &env)?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            new_request(&client).await?;
            unresolved_is_flagged(&client).await?;
            basic_auth_by_keyboard(&client, server).await?;
            redirect_not_followed(&client, server).await?;
            multipart_with_a_file(&client, server, &upload.display().to_string()).await
        })
        .await?;
    let targets: Vec<String> = server.hits().into_iter().map(|h| h.target).collect();
    if targets != ["/basic", "/redirect", "/upload"] {
        return Err(HarnessError::Unexpected(format!(
            "expected /basic, /redirect (not followed), /upload; got {targets:?}"
        )));
    }
    Ok(())
}

async fn new_request(client: &Client) -> Result<()> {
    ui::new_request(client, "Editor", "Edited").await
}

/// `{{missing}}` is marked unresolved and named below the URL; no environment defines it.
async fn unresolved_is_flagged(client: &Client) -> Result<()> {
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, "http://{{missing}}/x").await?;
    ui::wait_for(
        client,
        "[data-testid=\"url-var\"][data-state=\"unresolved\"][data-name=\"missing\"]",
    )
    .await?;
    ui::wait_for_text(client, &hook("url-unresolved"), "Unresolved: {{missing}}").await
}

/// Auth tab reached with the arrow keys from Params; username and password typed; Ctrl+Enter.
async fn basic_auth_by_keyboard(client: &Client, server: &Server) -> Result<()> {
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, &server.url("/basic")).await?;
    let params = ui::wait_for(client, &hook("tab-params")).await?;
    params.click().await?;
    for _ in 0..3 {
        ui::press(client, Key::Right).await?;
    }
    ui::select(client, &hook("auth-type"), "basic").await?;
    let user = ui::wait_for(client, &hook("auth-username")).await?;
    user.send_keys("ada").await?;
    let password = ui::wait_for(client, &hook("auth-password")).await?;
    if password.attr("type").await?.as_deref() != Some("password") {
        return Err(HarnessError::Unexpected(
            "the password is not masked".into(),
        ));
    }
    password.send_keys("p4ss w0rd").await?;
    ui::press_ctrl(&password, &Key::Enter.to_string()).await?;
    ui::wait_for_text(client, &hook("response-status"), "200 OK").await?;
    ui::wait_for_text_containing(client, &hook("response-body"), "welcome").await?;
    Ok(())
}

/// Settings: follow redirects off; the 302 is the response.
async fn redirect_not_followed(client: &Client, server: &Server) -> Result<()> {
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, &server.url("/redirect")).await?;
    ui::click(client, &hook("tab-settings")).await?;
    ui::select(client, &hook("setting-followRedirects"), "off").await?;
    ui::click(client, &hook("send")).await?;
    ui::wait_for_text(client, &hook("response-status"), "302 Found").await
}

/// Body: multipart with a text part and a file part, sent with POST: refused while the file is
/// only typed (outside the working directory), sent once it is chosen in the file dialog.
async fn multipart_with_a_file(client: &Client, server: &Server, path: &str) -> Result<()> {
    let method = ui::wait_for(client, &hook("request-method")).await?;
    ui::replace_text(&method, "POST").await?;
    let url = ui::wait_for(client, &hook("request-url")).await?;
    ui::replace_text(&url, &server.url("/upload")).await?;
    ui::click(client, &hook("tab-body")).await?;
    ui::select(client, &hook("body-mode"), "multipart").await?;
    ui::wait_for(client, &hook("body-part-key"))
        .await?
        .send_keys("note")
        .await?;
    nth(client, "body-part-value", 0)
        .await?
        .send_keys("hi")
        .await?;
    nth(client, "body-part-key", 1)
        .await?
        .send_keys("file")
        .await?;
    nth(client, "body-part-kind", 1)
        .await?
        .select_by_value("file")
        .await?;
    // Typed, the path is outside the working directory (none is set): the send is refused
    // and names the file, before anything goes out.
    nth(client, "body-part-value", 1)
        .await?
        .send_keys(path)
        .await?;
    ui::click(client, &hook("send")).await?;
    let refusal =
        ui::wait_for_text_containing(client, &hook("response-error"), "outside working directory")
            .await?;
    if !refusal.contains(path) {
        return Err(HarnessError::Unexpected(format!(
            "the refusal does not name the file: {refusal}"
        )));
    }
    // Chosen in the file dialog, the same file may be read.
    nth(client, "body-part-value-choose", 0)
        .await?
        .click()
        .await?;
    ui::click(client, &hook("send")).await?;
    let body = ui::wait_for_text_containing(client, &hook("response-body"), "parts").await?;
    if !body.contains("parts ok") {
        return Err(HarnessError::Unexpected(format!(
            "the server refused the multipart body: {body}"
        )));
    }
    ui::wait_for_text(client, &hook("response-status"), "200 OK").await
}

/// The `index`th element with test id `id`.
async fn nth(client: &Client, id: &str, index: usize) -> Result<Element> {
    let selector = hook(id);
    ui::wait_until(&format!("{selector} number {}", index + 1), || async {
        let all = client.find_all(Locator::Css(&selector)).await?;
        Ok(all.into_iter().nth(index))
    })
    .await
}

/// Parses a `multipart/form-data` body: part `note` is `hi`, part `file` is `upload.txt`
/// holding [`FILE_TEXT`].
fn check_multipart(req: &Recorded) -> std::result::Result<(), String> {
    let content_type = req.header("content-type").unwrap_or_default();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .ok_or(format!("content type {content_type:?}"))?
        .trim_matches('"');
    let body = req.text();
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    for chunk in body.split(&delimiter).skip(1) {
        if chunk.starts_with("--") {
            break;
        }
        let chunk = chunk
            .strip_prefix("\r\n")
            .ok_or("no CRLF after a boundary")?;
        let (head, content) = chunk
            .split_once("\r\n\r\n")
            .ok_or("a part without headers")?;
        let content = content.strip_suffix("\r\n").ok_or("a part without CRLF")?;
        parts.push((head.to_ascii_lowercase(), content.to_string()));
    }
    let note = parts
        .iter()
        .find(|(h, _)| h.contains("name=\"note\""))
        .ok_or("no part note")?;
    if note.1 != "hi" {
        return Err(format!("part note is {:?}", note.1));
    }
    let file = parts
        .iter()
        .find(|(h, _)| h.contains("name=\"file\""))
        .ok_or("no part file")?;
    if !file.0.contains("filename=\"upload.txt\"") || file.1 != FILE_TEXT {
        return Err(format!("part file is {:?}: {:?}", file.0, file.1));
    }
    Ok(())
}
