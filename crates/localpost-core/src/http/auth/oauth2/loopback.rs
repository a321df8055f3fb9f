//! The loopback redirect of the authorization code grant (RFC 8252 §7.3): a one-shot listener
//! on 127.0.0.1 that waits for the browser to bring back `code` and `state`.
//!
//! It reads only the request line of each connection, answers every request with a short
//! page, and stops at the first request to the redirect path. Anything else (a favicon, say)
//! gets a 404 and the wait goes on.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use url::Url;

use super::super::super::{HttpError, Result};

/// How long the user has to sign in.
pub(crate) const WAIT: Duration = Duration::from_secs(300);

/// A bound loopback listener and the redirect URI that reaches it.
pub(crate) struct Loopback {
    listener: TcpListener,
    redirect_uri: Url,
}

impl Loopback {
    /// Binds the address of `redirect_uri` (which must be `http` on a loopback host), or a free
    /// port on 127.0.0.1 with path `/callback` when it is empty.
    pub(crate) async fn bind(redirect_uri: &str) -> Result<Loopback> {
        let invalid = |reason: String| HttpError::InvalidAuth {
            field: "auth.redirect_uri".into(),
            reason,
        };
        let mut url = if redirect_uri.is_empty() {
            Url::parse("http://127.0.0.1:0/callback").expect("a valid literal URL")
        } else {
            Url::parse(redirect_uri)
                .map_err(|_| invalid(format!("{redirect_uri:?} is not a URL")))?
        };
        let host = url.host_str().unwrap_or_default().to_string();
        let loopback = matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]");
        if url.scheme() != "http" || !loopback {
            return Err(invalid(format!(
                "{redirect_uri:?} is not a loopback address: Localpost receives the code at \
                 http://127.0.0.1:PORT/callback (register that with the provider)"
            )));
        }
        let bind_host = if host == "[::1]" {
            "[::1]"
        } else {
            "127.0.0.1"
        };
        let port = url.port().unwrap_or(80);
        let listener = TcpListener::bind(format!("{bind_host}:{port}"))
            .await
            .map_err(|e| invalid(format!("cannot listen on {bind_host}:{port}: {e}")))?;
        if port == 0 {
            let bound = listener
                .local_addr()
                .map_err(|e| invalid(format!("cannot read the bound port: {e}")))?;
            // Only fails for URLs that cannot have a port, which an http URL can.
            let _ = url.set_port(Some(bound.port()));
        }
        Ok(Loopback {
            listener,
            redirect_uri: url,
        })
    }

    /// The redirect URI to send to the authorisation server, as the user wrote it (with the
    /// chosen port filled in).
    pub(crate) fn redirect_uri(&self) -> String {
        let text = self.redirect_uri.to_string();
        // `Url` adds a '/' to an empty path; keep the callback path as registered.
        text.strip_suffix('/')
            .filter(|_| self.redirect_uri.path() == "/")
            .map(str::to_string)
            .unwrap_or(text)
    }

    /// Waits for the redirect and returns its `code`, after checking `state`.
    pub(crate) async fn wait(self, state: &str, cancel: &CancellationToken) -> Result<String> {
        let waiting = async {
            loop {
                let Ok((stream, _)) = self.listener.accept().await else {
                    continue;
                };
                if let Some(outcome) = self.serve(stream, state).await {
                    return outcome;
                }
            }
        };
        tokio::select! {
            () = cancel.cancelled() => Err(HttpError::Cancelled),
            outcome = tokio::time::timeout(WAIT, waiting) => outcome.unwrap_or_else(|_| {
                Err(HttpError::Authorization {
                    reason: format!("no redirect came back within {} s", WAIT.as_secs()),
                })
            }),
        }
    }

    /// Answers one connection; `Some` when it was the redirect.
    async fn serve(&self, mut stream: TcpStream, state: &str) -> Option<Result<String>> {
        let mut buf = vec![0u8; 8192];
        let mut len = 0;
        while len < buf.len() && !buf[..len].windows(2).any(|w| w == b"\r\n") {
            match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf[len..])).await {
                Ok(Ok(n)) if n > 0 => len += n,
                _ => return None,
            }
        }
        let head = String::from_utf8_lossy(&buf[..len]);
        let target = head.split_whitespace().nth(1).unwrap_or_default();
        let Ok(url) = self.redirect_uri.join(target) else {
            reply(&mut stream, "400 Bad Request", "Bad request.").await;
            return None;
        };
        if url.path() != self.redirect_uri.path() {
            reply(&mut stream, "404 Not Found", "Not found.").await;
            return None;
        }
        let get = |key: &str| {
            url.query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        };
        let outcome = if let Some(error) = get("error") {
            Err(HttpError::Authorization {
                reason: match get("error_description") {
                    Some(d) => format!("{error}: {d}"),
                    None => error,
                },
            })
        } else if get("state").as_deref() != Some(state) {
            Err(HttpError::Authorization {
                reason: "the redirect's state does not match the one sent (a forged or stale \
                         redirect); try again"
                    .into(),
            })
        } else if let Some(code) = get("code") {
            Ok(code)
        } else {
            Err(HttpError::Authorization {
                reason: "the redirect carries no code".into(),
            })
        };
        let page = match &outcome {
            Ok(_) => "Signed in. You can close this window and return to Localpost.",
            Err(_) => "Authorization failed. Return to Localpost for details.",
        };
        reply(&mut stream, "200 OK", page).await;
        Some(outcome)
    }
}

async fn reply(stream: &mut TcpStream, status: &str, text: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\nCache-Control: no-store\r\n\r\n{text}",
        text.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_loopback_http_redirects_are_accepted() {
        let e = Loopback::bind("https://oauth.example.com/callback")
            .await
            .err();
        assert!(
            e.is_some_and(|e| e.to_string().starts_with("auth.redirect_uri: ")),
            "remote redirect refused"
        );
        let l = Loopback::bind("").await.expect("binds");
        assert!(l.redirect_uri().starts_with("http://127.0.0.1:"));
        assert!(l.redirect_uri().ends_with("/callback"));
        assert!(!l.redirect_uri().contains(":0/"));
    }
}
