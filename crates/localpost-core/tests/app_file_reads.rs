//! The files the app's sends may read (issue 13): with the stored preferences' file rules
//! ([`Options::preferred`]), a body file outside the working directory is refused unless the
//! user chose it, and so is a `pm.sendRequest` body file, so that neither an imported
//! request nor its script can send a file of the user's. Real SQLite file, real OS keychain
//! (run inside `scripts/test-session.sh`), loopback server.

use crate::recorded;
use crate::server;

use localpost_core::model::{Body, Classification, FileReads, Request, Scripts};
use localpost_core::script::{Limits, Worker};
use localpost_core::send::{Options, SendError, Sender, Sent};
use recorded::Desk;
use server::{Reply, Server};
use tokio_util::sync::CancellationToken;

fn binary(desk: &Desk, url: &str, path: &str) -> Request {
    desk.request("Upload", url, |r| {
        r.method = "POST".into();
        r.body = Body::Binary { path: path.into() };
    })
}

fn set_reads(desk: &Desk, reads: FileReads) {
    let mut prefs = desk.store.preferences().expect("preferences");
    prefs.files = reads;
    desk.store.set_preferences(&prefs).expect("saved");
}

async fn send_as_the_app(desk: &Desk, req: &Request, worker: &Worker) -> Result<Sent, SendError> {
    let options = Options::preferred(&desk.store).expect("preferred");
    Sender::new(&desk.store, &desk.vault, &desk.engine)
        .scripts(worker)
        .send(req.id, &options, &CancellationToken::new())
        .await
}

#[tokio::test]
async fn a_body_file_is_read_inside_the_working_dir_or_when_chosen_and_refused_otherwise() {
    let server = Server::start(|req| Reply::text(String::from_utf8_lossy(&req.body).into_owned()));
    let desk = Desk::new("app-file-reads", Classification::Internal);
    let files = tempfile::tempdir().expect("temp dir");
    let work = files.path().join("work");
    std::fs::create_dir(&work).expect("work dir");
    std::fs::write(work.join("inside.bin"), "inside").expect("inside");
    let secret = files.path().join("id_rsa");
    std::fs::write(&secret, "PRIVATE KEY").expect("secret");
    let secret = secret.to_str().expect("UTF-8").to_owned();
    let worker = Worker::start(Limits::default());

    // The defaults: no working directory, nothing chosen, nothing outside read.
    let stolen = binary(&desk, &server.url("/upload"), &secret);
    let e = send_as_the_app(&desk, &stolen, &worker)
        .await
        .expect_err("refused");
    let text = e.to_string();
    assert!(
        text.contains(&secret) && text.contains("outside working directory"),
        "{text}"
    );
    assert!(server.hits().is_empty(), "nothing was sent");

    // Chosen in the file dialog: read wherever it is.
    set_reads(&desk, FileReads::default().with_chosen(&secret));
    let sent = send_as_the_app(&desk, &stolen, &worker)
        .await
        .expect("sent");
    assert_eq!(sent.exchange.response.status, 200);
    assert_eq!(server.hits()[0].body, b"PRIVATE KEY");

    // A relative path resolves in the working directory; a path leading out of it is refused.
    set_reads(
        &desk,
        FileReads {
            working_dir: Some(work.to_str().expect("UTF-8").into()),
            ..FileReads::default()
        },
    );
    let inside = binary(&desk, &server.url("/inside"), "inside.bin");
    send_as_the_app(&desk, &inside, &worker)
        .await
        .expect("sent");
    assert_eq!(server.hits()[1].body, b"inside");
    let out = binary(&desk, &server.url("/out"), "../id_rsa");
    send_as_the_app(&desk, &out, &worker)
        .await
        .expect_err("outside the working directory");
    assert_eq!(server.hits().len(), 2, "the refused send went nowhere");

    // Reading outside, once the user allowed it.
    set_reads(
        &desk,
        FileReads {
            working_dir: Some(work.to_str().expect("UTF-8").into()),
            read_outside: true,
            ..FileReads::default()
        },
    );
    send_as_the_app(&desk, &out, &worker)
        .await
        .expect("allowed");
    assert_eq!(server.hits()[2].body, b"PRIVATE KEY");
}

#[tokio::test]
async fn a_script_cannot_send_a_file_its_request_may_not_read() {
    let server = Server::start(|req| Reply::text(req.target.clone()));
    let desk = Desk::new("app-file-reads-script", Classification::Internal);
    let files = tempfile::tempdir().expect("temp dir");
    let secret = files.path().join("id_rsa");
    std::fs::write(&secret, "PRIVATE KEY").expect("secret");
    let src = serde_json::to_string(secret.to_str().expect("UTF-8")).expect("JSON");
    let exfil = serde_json::to_string(&server.url("/exfil")).expect("JSON");
    let req = desk.request("Scripted", &server.url("/main"), |r| {
        r.scripts = Scripts {
            pre_request: format!(
                "pm.sendRequest({{url: {exfil}, method: 'POST', body: {{mode: 'file', file: {{src: {src}}}}}}}, \
                 (err, res) => pm.test('the file send failed', () => {{\n\
                   pm.expect(err).to.be.ok;\n\
                   pm.expect(String(err.message || err)).to.include('outside working directory');\n\
                 }}));"
            ),
            test: String::new(),
        };
    });
    let worker = Worker::start(Limits::default());
    let sent = send_as_the_app(&desk, &req, &worker).await.expect("sent");
    let results: Vec<_> = sent
        .scripts
        .iter()
        .flat_map(|s| &s.assertions)
        .map(|a| (a.name.as_str(), a.passed, a.error.clone()))
        .collect();
    assert_eq!(results, [("the file send failed", true, None)]);
    let targets: Vec<_> = server.hits().iter().map(|h| h.target.clone()).collect();
    assert_eq!(targets, ["/main"], "the file never went out");
}

#[test]
fn the_window_s_preferences_cannot_change_the_file_rules() {
    let desk = Desk::new("app-file-reads-window", Classification::Internal);
    let kept = FileReads::default().with_chosen("/home/me/avatar.png");
    set_reads(&desk, kept.clone());
    let mut from_window = desk.store.preferences().expect("preferences");
    from_window.font_size = 18;
    from_window.files = FileReads {
        working_dir: Some("/".into()),
        read_outside: true,
        chosen: vec!["/home/me/.ssh/id_rsa".into()],
    };
    let stored = desk
        .store
        .set_preferences_but_files(&from_window)
        .expect("saved");
    assert_eq!(stored.font_size, 18, "the rest is saved");
    assert_eq!(stored.files, kept, "the file rules are not");
}

#[test]
fn a_chosen_file_is_kept_relative_inside_the_working_dir_and_allowed_outside_it() {
    let desk = Desk::new("app-file-reads-choose", Classification::Internal);
    let files = tempfile::tempdir().expect("temp dir");
    let work = files.path().join("work");
    std::fs::create_dir_all(work.join("sub")).expect("work dir");
    std::fs::write(work.join("sub/a.bin"), "a").expect("a");
    std::fs::write(files.path().join("b.bin"), "b").expect("b");
    std::os::unix::fs::symlink(files.path().join("b.bin"), work.join("link")).expect("link");
    set_reads(
        &desk,
        FileReads {
            working_dir: Some(work.to_str().expect("UTF-8").into()),
            ..FileReads::default()
        },
    );
    let inside = desk
        .store
        .choose_file(&work.join("sub/a.bin"))
        .expect("chosen");
    assert_eq!(
        (inside.path.as_str(), inside.in_working_dir),
        ("sub/a.bin", true)
    );
    let outside = desk
        .store
        .choose_file(&files.path().join("b.bin"))
        .expect("chosen");
    assert!(!outside.in_working_dir);
    let link = desk.store.choose_file(&work.join("link")).expect("chosen");
    assert!(
        !link.in_working_dir,
        "a link out of the working directory is outside"
    );
    let chosen = desk.store.preferences().expect("preferences").files.chosen;
    assert_eq!(
        chosen,
        [outside.path, link.path],
        "only files outside are added"
    );
}
