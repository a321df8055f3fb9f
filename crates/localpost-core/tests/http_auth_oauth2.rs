//! OAuth 2.0 against a loopback provider (`oauth2_server`): using a token (header, prefix,
//! query), obtaining one with each grant (client credentials, password, authorization code with
//! PKCE S256 and plain, through a real loopback redirect), refreshing it, client authentication
//! in the header or the body, and the provider's refusals as clear messages. The provider
//! checks every credential itself; its resource accepts only tokens it issued.

use crate::fixture;
use crate::oauth2_server;
use crate::server;

use fixture::{Fixture, send};
use localpost_core::http::oauth2::{self, Config, Tokens};
use localpost_core::http::{self, Engine, Inheritance, Settings};
use localpost_core::model::{Auth, AuthMode, Request};
use localpost_core::template::{Scope, Variables};
use oauth2_server::{CLIENT_ID, CLIENT_SECRET, PASSWORD, Provider, USER};
use server::Server;
use tokio_util::sync::CancellationToken;
use url::Url;

fn oauth2(params: &[(&str, &str)]) -> Auth {
    Auth::with_params(AuthMode::Oauth2, params)
}

fn config(server: &Server, params: &[(&str, &str)]) -> Config {
    let mut vars = Variables::new();
    vars.set(Scope::Environment, "base", server.url(""));
    vars.set(Scope::Environment, "secret", CLIENT_SECRET);
    let mut all = vec![
        ("accessTokenUrl", "{{base}}/token"),
        ("authUrl", "{{base}}/authorize"),
        ("clientId", CLIENT_ID),
        ("clientSecret", "{{secret}}"),
    ];
    all.extend_from_slice(params);
    Config::from_auth(&oauth2(&all), &vars).expect("config")
}

async fn obtain(config: &Config) -> http::Result<Tokens> {
    oauth2::TokenEndpoint {
        engine: &Engine::new(),
        config,
        settings: &Settings::default(),
    }
    .obtain(
        |_| panic!("no browser for this grant"),
        &CancellationToken::new(),
    )
    .await
}

/// Plays the browser: follows the authorisation URL's redirects to the loopback listener.
fn browser(url: &Url) {
    let url = url.to_string();
    tokio::spawn(async move {
        let req = Request::unsaved("GET", &url);
        let prepared =
            http::prepare(&req, &Variables::new(), &Inheritance::new()).expect("prepares");
        let _ = Engine::new()
            .send(&prepared, &CancellationToken::new())
            .await;
    });
}

/// Sends `GET /resource` with `accessToken` set to `token`.
async fn use_token(server: &Server, token: &str, extra: &[(&str, &str)]) -> u16 {
    let fx = Fixture::new();
    let mut params = vec![("accessToken", token)];
    params.extend_from_slice(extra);
    let req = fx.request("GET", &server.url("/resource"), |r| {
        r.auth = oauth2(&params)
    });
    send(&req, &Variables::new())
        .await
        .expect("sent")
        .response
        .status
}

fn text(secret: &localpost_core::vault::Secret) -> String {
    secret.expose_str().expect("utf-8").to_string()
}

#[tokio::test]
async fn client_credentials_with_basic_auth_gives_a_token_the_resource_accepts() {
    let (provider, server) = Provider::start();
    let tokens = obtain(&config(
        &server,
        &[("grant_type", "client_credentials"), ("scope", "read")],
    ))
    .await
    .expect("token");
    assert!(provider.accepts(&text(&tokens.access_token)));
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, Some(3600));
    assert_eq!(tokens.scope.as_deref(), Some("read"));
    assert!(!format!("{tokens:?}").contains(&text(&tokens.access_token)));
    let hit = &server.hits()[0];
    assert!(
        hit.header("authorization")
            .expect("basic")
            .starts_with("Basic ")
    );
    assert!(!hit.text().contains("client_secret"));

    let token = text(&tokens.access_token);
    assert_eq!(use_token(&server, &token, &[]).await, 200);
    assert_eq!(use_token(&server, "forged", &[]).await, 401);
    assert_eq!(
        use_token(&server, &token, &[("addTokenTo", "queryParams")]).await,
        200
    );
    let last = server.hits().pop().expect("hit");
    assert_eq!(last.target, format!("/resource?access_token={token}"));
    assert_eq!(last.header("authorization"), None);
}

#[tokio::test]
async fn the_header_prefix_is_bearer_unless_set() {
    let (_, server) = Provider::start();
    use_token(&server, "t1", &[]).await;
    use_token(&server, "t2", &[("headerPrefix", "Token")]).await;
    use_token(&server, "t3", &[("headerPrefix", "")]).await;
    use_token(&server, "", &[]).await;
    let hits = server.hits();
    assert_eq!(hits[0].header("authorization"), Some("Bearer t1"));
    assert_eq!(hits[1].header("authorization"), Some("Token t2"));
    assert_eq!(hits[2].header("authorization"), Some("t3"));
    assert_eq!(
        hits[3].header("authorization"),
        None,
        "an empty token adds nothing"
    );
}

#[tokio::test]
async fn password_grant_with_client_credentials_in_the_body() {
    let (provider, server) = Provider::start();
    let c = config(
        &server,
        &[
            ("grant_type", "password_credentials"),
            ("username", USER),
            ("password", PASSWORD),
            ("client_authentication", "body"),
        ],
    );
    let tokens = obtain(&c).await.expect("token");
    assert!(provider.accepts(&text(&tokens.access_token)));
    let hit = &server.hits()[0];
    assert_eq!(hit.header("authorization"), None);
    assert!(hit.text().contains("client_secret="), "{}", hit.text());

    let wrong = config(
        &server,
        &[
            ("grant_type", "password"),
            ("username", USER),
            ("password", "nope"),
        ],
    );
    let e = obtain(&wrong).await.expect_err("refused");
    assert_eq!(
        e.to_string(),
        format!(
            "OAuth 2.0 token request to {} failed: invalid_grant: the grant was refused",
            server.url("/token")
        )
    );
    assert!(!e.to_string().contains("nope"));
}

#[tokio::test]
async fn a_wrong_client_secret_is_the_endpoints_error() {
    let (_, server) = Provider::start();
    let mut c = config(&server, &[("grant_type", "client_credentials")]);
    c.client_secret = "wrong-secret".into();
    let e = obtain(&c).await.expect_err("refused");
    assert!(
        e.to_string()
            .ends_with("failed: invalid_client: client authentication failed"),
        "{e}"
    );
    assert!(!e.to_string().contains("wrong-secret"));
}

#[tokio::test]
async fn authorization_code_with_pkce_comes_back_to_the_loopback() {
    for method in ["S256", "plain"] {
        let (provider, server) = Provider::start();
        let mut c = config(
            &server,
            &[
                ("grant_type", "authorization_code_with_pkce"),
                ("challengeAlgorithm", method),
                ("scope", "profile"),
            ],
        );
        // A public client: no secret, the verifier proves it.
        c.client_secret = "".into();
        let mut seen = None;
        let tokens = oauth2::TokenEndpoint {
            engine: &Engine::new(),
            config: &c,
            settings: &Settings::default(),
        }
        .obtain(
            |url| {
                seen = Some(url.clone());
                browser(url);
            },
            &CancellationToken::new(),
        )
        .await
        .expect("token");
        assert!(provider.accepts(&text(&tokens.access_token)), "{method}");
        let url = seen.expect("the browser was opened");
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["code_challenge_method"], method);
        assert!(q["redirect_uri"].starts_with("http://127.0.0.1:"));
        assert!(q["redirect_uri"].ends_with("/callback"));
        assert_eq!(q["state"].len(), 43, "a random state");
        let exchange = server.hits().pop().expect("token request");
        assert!(exchange.text().contains("code_verifier="), "{method}");
        assert!(exchange.text().contains("client_id=localpost-app"));
    }
}

#[tokio::test]
async fn authorization_code_refuses_a_forged_state() {
    let (provider, server) = Provider::start();
    *provider.forge_state.lock().expect("lock") = true;
    let c = config(&server, &[("grant_type", "authorization_code")]);
    let e = oauth2::TokenEndpoint {
        engine: &Engine::new(),
        config: &c,
        settings: &Settings::default(),
    }
    .obtain(browser, &CancellationToken::new())
    .await
    .expect_err("forged");
    assert!(
        e.to_string()
            .starts_with("OAuth 2.0 authorization failed: the redirect's state does not match"),
        "{e}"
    );
    assert!(
        server
            .hits()
            .iter()
            .all(|h| !h.target.starts_with("/token"))
    );
}

#[tokio::test]
async fn a_refresh_token_buys_a_new_access_token() {
    let (provider, server) = Provider::start();
    let c = config(&server, &[("grant_type", "client_credentials")]);
    let first = obtain(&c).await.expect("token");
    let refresh = first.refresh_token.expect("a refresh token");
    let second = oauth2::TokenEndpoint {
        engine: &Engine::new(),
        config: &c,
        settings: &Settings::default(),
    }
    .refresh(&refresh, &CancellationToken::new())
    .await
    .expect("refreshed");
    assert_ne!(text(&second.access_token), text(&first.access_token));
    assert!(provider.accepts(&text(&second.access_token)));
    let e = oauth2::TokenEndpoint {
        engine: &Engine::new(),
        config: &c,
        settings: &Settings::default(),
    }
    .refresh(&"rt-unknown".into(), &CancellationToken::new())
    .await
    .expect_err("unknown refresh token");
    assert!(e.to_string().contains("invalid_grant"), "{e}");
}

#[tokio::test]
async fn missing_settings_name_their_field() {
    let server = Server::start(|_| server::Reply::status(500)).allow_no_hits();
    let mut c = config(&server, &[("grant_type", "client_credentials")]);
    c.access_token_url = String::new();
    let e = obtain(&c).await.expect_err("no URL");
    assert_eq!(e.to_string(), "auth.accessTokenUrl: is empty");
    let c = config(
        &server,
        &[
            ("grant_type", "authorization_code"),
            ("redirect_uri", "https://oauth.pstmn.io/v1/callback"),
        ],
    );
    let e = obtain(&c).await.expect_err("remote redirect");
    assert!(e.to_string().starts_with("auth.redirect_uri: "), "{e}");
}
