//! A GraphQL body in the window with its schema: Fetch schema sends the introspection query to a
//! loopback GraphQL server (answering from the graphql-js fixture of
//! `crates/localpost-core/tests/fixtures/graphql/`), the status says it is cached, typing in
//! the query editor offers the schema's fields, and an unknown field gets a validation mark.
//! A subscription's Send runs it over `graphql-transport-ws` against a loopback server
//! (`graphql_ws_server`): the response is the handshake's 101, each result an event.
//!
//! Run through `scripts/e2e.sh` (see `desktop.rs`).

use crate::graphql_ws_server::{GraphqlWsServer, Mode};
use crate::server;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use localpost_e2e::driver::TauriDriver;
use localpost_e2e::session::AppSession;
use localpost_e2e::ui::{self, hook};
use localpost_e2e::{HarnessError, Result, Scratch};
use server::{Reply, Server};

/// graphql-js's introspection answer for the fixture schema (see the README beside it).
const ANSWER: &str =
    include_str!("../../crates/localpost-core/tests/fixtures/graphql/introspection.json");

#[tokio::test]
async fn a_graphql_schema_drives_completion_and_validation() {
    let name = "a_graphql_schema_drives_completion_and_validation";
    let server = Server::start(|req| {
        if req.method == "POST" && req.text().contains("__schema") {
            Reply::text(ANSWER).header("Content-Type", "application/json")
        } else {
            Reply::status(400)
        }
    });
    if let Err(e) = fetch_complete_and_mark(name, &server).await {
        panic!("{e}");
    }
}

async fn fetch_complete_and_mark(name: &str, server: &Server) -> Result<()> {
    let scratch = Scratch::new("graphql")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::new_request(&client, "GraphQL", "Countries").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/graphql")).await?;
            ui::click(&client, &hook("tab-body")).await?;
            ui::select(&client, &hook("body-mode"), "graphql").await?;
            ui::click(&client, &hook("graphql-fetch-schema")).await?;
            ui::wait_for_text_containing(
                &client,
                &hook("graphql-schema-status"),
                "Schema cached at",
            )
            .await?;

            // Typing a field's start offers the schema's fields that match.
            ui::type_into(&client, &hook("body-graphql-query"), "{ coun").await?;
            let editor = ui::wait_for(&client, &hook("body-graphql-query")).await?;
            completion_offers(&client, "countries").await?;
            ui::press(&client, Key::Escape).await?;

            // A field the schema does not have is marked.
            ui::press_ctrl(&editor, "a").await?;
            editor.send_keys("{ continents { nope } }").await?;
            marked(&client, "nope").await
        })
        .await?;
    let hits = server.hits();
    if !hits.iter().any(|h| h.text().contains("IntrospectionQuery")) {
        return Err(HarnessError::Unexpected(
            "the server never got the introspection query".into(),
        ));
    }
    Ok(())
}

/// Waits for the completion list to offer `label`.
async fn completion_offers(client: &Client, label: &str) -> Result<()> {
    ui::wait_until(&format!("a completion offering {label}"), || async {
        let options = client
            .find_all(Locator::Css(".cm-tooltip-autocomplete li"))
            .await?;
        for option in options {
            if option.text().await?.contains(label) {
                return Ok(Some(()));
            }
        }
        Ok(None)
    })
    .await
}

/// Waits for a validation error mark over `text`.
async fn marked(client: &Client, text: &str) -> Result<()> {
    ui::wait_until(&format!("a validation mark on {text}"), || async {
        let marks = client.find_all(Locator::Css(".cm-lintRange-error")).await?;
        for mark in marks {
            if mark.text().await?.trim() == text {
                return Ok(Some(()));
            }
        }
        Ok(None)
    })
    .await
}

#[tokio::test]
async fn a_graphql_subscription_shows_each_result_as_an_event() {
    let name = "a_graphql_subscription_shows_each_result_as_an_event";
    let server = GraphqlWsServer::start(Mode::Countries);
    if let Err(e) = subscribe_from_the_window(name, &server).await {
        panic!("{e}");
    }
}

async fn subscribe_from_the_window(name: &str, server: &GraphqlWsServer) -> Result<()> {
    let scratch = Scratch::new("graphql-subscription")?;
    let driver = TauriDriver::start(name, &scratch.env())?;
    let session = AppSession::start(&driver, name).await?;
    let client = session.client();
    session
        .run(async {
            ui::new_request(&client, "GraphQL", "Added").await?;
            let url = ui::wait_for(&client, &hook("request-url")).await?;
            ui::replace_text(&url, &server.url("/graphql")).await?;
            ui::click(&client, &hook("tab-body")).await?;
            ui::select(&client, &hook("body-mode"), "graphql").await?;
            ui::type_into(
                &client,
                &hook("body-graphql-query"),
                "subscription { countryAdded { name } }",
            )
            .await?;
            ui::wait_for(&client, &hook("graphql-subscription-note")).await?;
            ui::click(&client, &hook("send")).await?;
            // The server completes at once: the events stay as the response's Events tab.
            ui::wait_for_text_containing(&client, &hook("response-status"), "101").await?;
            ui::click(&client, &hook("response-tab-events")).await?;
            ui::wait_for_text(&client, &hook("event-stream-count"), "4 events").await?;
            let rows = client.find_all(Locator::Css(&hook("event-row"))).await?;
            let mut texts = Vec::new();
            for row in rows {
                texts.push(row.text().await?);
            }
            let ok = texts.len() == 4
                && texts[0].contains("next")
                && texts[0].contains("France")
                && texts[2].contains("Peru")
                && texts[3].contains("complete");
            if !ok {
                return Err(HarnessError::Unexpected(format!(
                    "unexpected events: {texts:?}"
                )));
            }
            Ok(())
        })
        .await?;
    let seen = server.seen();
    if seen.subscriptions.len() != 1 {
        return Err(HarnessError::Unexpected(format!(
            "the server saw {} subscriptions",
            seen.subscriptions.len()
        )));
    }
    Ok(())
}
