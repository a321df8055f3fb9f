//! TLS material from the settings, against a loopback HTTPS server whose certificate a test CA
//! issued: a CA bundle that makes verification pass, and client certificates (PEM and PKCS#12)
//! that a server requiring one accepts, chosen by host, with clear errors for missing,
//! unreadable and wrongly protected files.

use crate::fixture;
use crate::tls_server;

use fixture::{Fixture, send};
use localpost_core::model::{ClientCertificate, Request};
use localpost_core::template::{Scope, Variables};
use tls_server::{Ca, ClientAuth, TlsServer};

fn pem_entry(host: &str, cert: &std::path::Path, key: &std::path::Path) -> ClientCertificate {
    ClientCertificate {
        host: host.into(),
        cert: cert.display().to_string(),
        key: key.display().to_string(),
        enabled: true,
        ..ClientCertificate::default()
    }
}

fn pfx_entry(host: &str, pfx: &str, passphrase: &str) -> ClientCertificate {
    ClientCertificate {
        host: host.into(),
        pfx: pfx.into(),
        passphrase: passphrase.into(),
        enabled: true,
        ..ClientCertificate::default()
    }
}

/// A request to `server` trusting `ca_path` and presenting `certs`.
fn request(
    fx: &Fixture,
    server: &TlsServer,
    ca_path: &std::path::Path,
    certs: Vec<ClientCertificate>,
) -> Request {
    let ca_path = ca_path.display().to_string();
    fx.request("GET", &server.url(), move |r| {
        r.settings.ca_certificates = Some(ca_path);
        r.settings.client_certificates = Some(certs);
    })
}

#[tokio::test]
async fn a_ca_bundle_makes_verification_pass_where_the_platform_roots_fail() {
    let ca = Ca::new();
    let server = TlsServer::start(&ca, ClientAuth::None);
    let dir = tempfile::tempdir().expect("dir");
    let fx = Fixture::new();

    let plain = fx.request("GET", &server.url(), |_| {});
    let e = send(&plain, &Variables::new())
        .await
        .expect_err("unknown CA");
    assert!(e.to_string().contains("UnknownIssuer"), "{e}");

    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).expect("write CA");
    // The path is rendered like any other field.
    let mut vars = Variables::new();
    vars.set(
        Scope::Environment,
        "certs",
        dir.path().display().to_string(),
    );
    let req = fx.request("GET", &server.url(), |r| {
        r.settings.ca_certificates = Some("{{certs}}/ca.pem".into())
    });
    let ex = send(&req, &vars).await.expect("trusted through the bundle");
    assert_eq!(ex.response.body.content.as_text(), Some("tls ok"));
    assert_eq!(server.clients(), [None]);
}

#[tokio::test]
async fn a_server_requiring_a_client_certificate_accepts_the_pem_one_for_its_host() {
    let ca = Ca::new();
    let server = TlsServer::start(&ca, ClientAuth::Required);
    let dir = tempfile::tempdir().expect("dir");
    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).expect("write CA");
    let client = ca.issue("localpost client", &["client.test"], true);
    let (cert, key) = client.write_pem(dir.path(), "client");
    let fx = Fixture::new();

    let without = request(&fx, &server, &ca_path, Vec::new());
    let e = send(&without, &Variables::new())
        .await
        .expect_err("no client certificate");
    let message = e.to_string();
    assert!(
        message.starts_with(&format!(
            "cannot establish TLS with https://127.0.0.1:{}: ",
            server.port()
        )) && message.contains("client certificate"),
        "{message}"
    );

    // An entry for another host is not presented.
    let other = request(
        &fx,
        &server,
        &ca_path,
        vec![pem_entry("*.example.com", &cert, &key)],
    );
    send(&other, &Variables::new())
        .await
        .expect_err("the certificate is for other hosts");

    let with = request(
        &fx,
        &server,
        &ca_path,
        vec![
            pem_entry("*.example.com", &cert, &key),
            pem_entry("127.0.0.1", &cert, &key),
        ],
    );
    let ex = send(&with, &Variables::new()).await.expect("accepted");
    assert_eq!(ex.response.status, 200);
    assert_eq!(server.clients(), [Some(client.der.clone())]);
}

#[tokio::test]
async fn a_pkcs12_file_works_and_a_wrong_passphrase_says_so() {
    let ca = Ca::new();
    let server = TlsServer::start(&ca, ClientAuth::Required);
    let dir = tempfile::tempdir().expect("dir");
    let ca_path = dir.path().join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).expect("write CA");
    let client = ca.issue("localpost client", &["client.test"], true);
    let pfx = client.write_pkcs12(dir.path(), "client", "s3cret-pass");
    let pfx = pfx.display().to_string();
    let fx = Fixture::new();

    let ok = request(
        &fx,
        &server,
        &ca_path,
        vec![pfx_entry("127.0.0.1", &pfx, "s3cret-pass")],
    );
    let ex = send(&ok, &Variables::new()).await.expect("accepted");
    assert_eq!(ex.response.status, 200);
    assert_eq!(server.clients(), [Some(client.der.clone())]);

    let wrong = request(
        &fx,
        &server,
        &ca_path,
        vec![pfx_entry("127.0.0.1", &pfx, "not-it")],
    );
    let e = send(&wrong, &Variables::new())
        .await
        .expect_err("wrong passphrase");
    assert_eq!(
        e.to_string(),
        format!(
            "settings.clientCertificates[0].pfx: cannot use {pfx}: wrong passphrase (or a damaged file)"
        )
    );
    assert!(!e.to_string().contains("not-it"));
    assert_eq!(server.clients().len(), 1, "nothing was sent");
}

#[tokio::test]
async fn missing_and_unusable_files_name_the_field_and_the_path() {
    let ca = Ca::new();
    let dir = tempfile::tempdir().expect("dir");
    let fx = Fixture::new();
    // Nothing listens there: the files fail before any connection.
    let url = "https://127.0.0.1:9/";
    let missing = dir.path().join("missing.pem");
    let client = ca.issue("c", &["c.test"], true);
    let (cert, _) = client.write_pem(dir.path(), "client");

    let req = fx.request("GET", url, |r| {
        r.settings.client_certificates = Some(vec![pem_entry("127.0.0.1", &cert, &missing)]);
    });
    let e = send(&req, &Variables::new())
        .await
        .expect_err("no key file");
    assert_eq!(
        e.to_string(),
        format!(
            "settings.clientCertificates[0].key: cannot use {}: no such file",
            missing.display()
        )
    );

    let req = fx.request("GET", url, |r| {
        r.settings.ca_certificates = Some(cert.display().to_string() + ".nope");
    });
    let e = send(&req, &Variables::new()).await.expect_err("no CA file");
    assert!(
        e.to_string()
            .starts_with("settings.caCertificates: cannot use "),
        "{e}"
    );

    // A certificate given as the key.
    let req = fx.request("GET", url, |r| {
        r.settings.client_certificates = Some(vec![pem_entry("127.0.0.1", &cert, &cert)]);
    });
    let e = send(&req, &Variables::new()).await.expect_err("not a key");
    assert_eq!(
        e.to_string(),
        format!(
            "settings.clientCertificates[0].key: cannot use {}: no PEM private key in it",
            cert.display()
        )
    );
}
