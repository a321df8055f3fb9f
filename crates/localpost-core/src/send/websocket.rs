//! [`Sender::converse`]: a stored WebSocket request opened the way a send goes: its context
//! loaded, its secrets and vault values substituted, the workspace's cookie jar on the
//! handshake, and the conversation recorded in history as the workspace's classification
//! allows. Scripts do not run for WebSocket requests.
//!
//! [`Sender::talk`] is the same conversation with a caller that sends further messages and
//! closes it while it is open ([`Talk`]): each typed message is rendered the way the saved
//! ones are (the same variables, secrets, vault values and file rules) before it goes.
//! [`Sender::subscribe`] is the same conversation for a GraphQL subscription over
//! `graphql-transport-ws`, and [`Sender::socket_io`] for a Socket.IO session, whose caller
//! emits events ([`Talk::Send`] of a message naming one) and leaves ([`Talk::Close`]) as a
//! WebSocket's caller sends messages and closes.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::sender::{Sender, now_ms};
use super::{Context, Options, Result, SendError};
use crate::cookies::Cookies;
use crate::history::History;
use crate::http::socketio::SocketIo;
use crate::http::websocket::{Conversation, Converse, Order, Subscribe, check_close};
use crate::http::{self, CookieJar, SentRequest};
use crate::model::{HistoryId, RequestId, WebSocketMessage};
use crate::vault::Keychain;

/// What a caller asks of a conversation while its socket is open.
#[derive(Debug)]
pub enum Talk {
    /// Render `message` (its `enabled` is ignored) and send it; `done` hears how it went.
    Send {
        /// A text, JSON or binary-file message, `{{variables}}` unrendered.
        message: WebSocketMessage,
        /// Told when it went, or why it did not.
        done: oneshot::Sender<Result<()>>,
    },
    /// Close with `code` and `reason` (checked by [`check_close`] first).
    Close {
        /// The close code.
        code: u16,
        /// The reason.
        reason: String,
    },
}

/// A conversation with a caller that talks while it is open: [`Sender::talk`]'s options.
#[derive(Debug, Default)]
pub struct Talking {
    /// How it runs (duration, watchers). Its `orders` are set by [`Sender::talk`].
    pub converse: Converse,
    /// What the caller asks while the socket is open; `None`: only the saved messages go.
    pub talk: Option<mpsc::UnboundedReceiver<Talk>>,
}

/// A Socket.IO session with a caller that emits events and disconnects while it is open:
/// [`Sender::socket_io`]'s options.
#[derive(Debug, Default)]
pub struct SocketIoTalking {
    /// How it runs (auth payload, duration, watchers). Its `orders` are set by
    /// [`Sender::socket_io`].
    pub socket_io: SocketIo,
    /// What the caller asks once the namespace is connected: a [`Talk::Send`]'s message is
    /// an event (its [`event`](WebSocketMessage::event), content, `ack` and `spread`); a
    /// [`Talk::Close`] leaves the namespace. `None`: only the saved events go.
    pub talk: Option<mpsc::UnboundedReceiver<Talk>>,
}

/// What a socket is opened for.
enum Purpose {
    /// A conversation: the saved messages, then what the caller asks.
    Talk(Talking),
    /// A GraphQL subscription.
    Subscribe(Subscribe),
    /// A Socket.IO session: the saved events, then what the caller asks.
    SocketIo(SocketIoTalking),
}

/// A WebSocket conversation that took place (whatever way it ended).
#[derive(Debug, Clone)]
pub struct Conversed {
    /// The handshake and every frame.
    pub conversation: Conversation,
    /// Its history entry; `None` when it could not be recorded (see `unsaved`).
    pub history: Option<HistoryId>,
    /// Why cookies or history could not be saved; callers show these as warnings.
    pub unsaved: Vec<String>,
}

impl<K: Keychain> Sender<'_, K> {
    /// Opens stored WebSocket request `id` and converses as `converse` says (see
    /// [`Engine::converse`](crate::http::Engine::converse)), then records the conversation.
    /// A socket that could not open is recorded as a failed send and returned as the error
    /// ([`SendError::WebSocket`], or [`SendError::Http`]-like causes inside it).
    pub async fn converse(
        &self,
        id: RequestId,
        options: &Options,
        converse: Converse,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        let talking = Talking {
            converse,
            talk: None,
        };
        self.talk(id, options, talking, cancel).await
    }

    /// Runs stored request `id`'s GraphQL body as a subscription over `graphql-transport-ws`
    /// (see [`Engine::subscribe`](crate::http::Engine::subscribe)), opened and recorded as
    /// [`Sender::converse`] opens and records a WebSocket: the request's context, secrets,
    /// auth and cookie jar on the handshake; the protocol's frames in history.
    pub async fn subscribe(
        &self,
        id: RequestId,
        options: &Options,
        subscribe: Subscribe,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        self.open(id, options, Purpose::Subscribe(subscribe), cancel)
            .await
    }

    /// Opens stored Socket.IO request `id`'s session (see
    /// [`Engine::socket_io`](crate::http::Engine::socket_io)) as [`Sender::converse`] opens a
    /// WebSocket: the request's context, secrets, auth and cookie jar on the handshake; its
    /// frames in history. `talking.socket_io.watch` hears each event as it happens; each event
    /// the caller emits is rendered as the saved ones are.
    pub async fn socket_io(
        &self,
        id: RequestId,
        options: &Options,
        talking: SocketIoTalking,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        self.open(id, options, Purpose::SocketIo(talking), cancel)
            .await
    }

    /// [`Sender::converse`] with a caller that sends messages and closes the socket while it
    /// is open (see [`Talk`]); it ends, and is recorded, as any conversation does.
    pub async fn talk(
        &self,
        id: RequestId,
        options: &Options,
        talking: Talking,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        self.open(id, options, Purpose::Talk(talking), cancel).await
    }

    /// Opens stored request `id`'s socket for `purpose`, then records the conversation.
    async fn open(
        &self,
        id: RequestId,
        options: &Options,
        purpose: Purpose,
        cancel: &CancellationToken,
    ) -> Result<Conversed> {
        let sent_at_ms = now_ms();
        let keychain = self.vault.keychain();
        let loaded =
            super::context::load_revealed(self.store, keychain, id, options).map(|context| {
                let prepared =
                    super::context::prepare_loaded(self.store, keychain, &context, options);
                (context, prepared)
            });
        let (context, prepared) = match loaded {
            Ok((context, Ok(prepared))) => (context, prepared),
            Ok((context, Err(e))) => {
                let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                return Err(e);
            }
            Err(e) => {
                if let Ok(context) = Context::load_for(self.store, id, options) {
                    let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                }
                return Err(e);
            }
        };
        let workspace = &context.workspace;
        let cookies = Cookies::new(self.store, self.vault);
        let jar = match context.uses_cookies() {
            true => Some(Arc::new(cookies.jar(workspace.id)?)),
            false => None,
        };
        let started = std::time::Instant::now();
        let dyn_jar = jar.clone().map(|j| j as Arc<dyn CookieJar>);
        let result = match purpose {
            Purpose::Subscribe(subscribe) => {
                http::with_jar(dyn_jar, self.engine.subscribe(&prepared, subscribe, cancel))
                    .await
                    .map_err(SendError::from)
            }
            Purpose::SocketIo(SocketIoTalking {
                mut socket_io,
                talk,
            }) => {
                let (orders, heard) = mpsc::unbounded_channel();
                socket_io.orders = Some(heard);
                let conversing =
                    http::with_jar(dyn_jar, self.engine.socket_io(&prepared, socket_io, cancel));
                self.relayed(&context, options, (talk, orders), conversing)
                    .await
                    .map(|s| s.conversation)
                    .map_err(SendError::from)
            }
            Purpose::Talk(Talking { mut converse, talk }) => {
                let (orders, heard) = mpsc::unbounded_channel();
                converse.orders = Some(heard);
                let conversing =
                    http::with_jar(dyn_jar, self.engine.converse(&prepared, converse, cancel));
                self.relayed(&context, options, (talk, orders), conversing)
                    .await
                    .map_err(SendError::from)
            }
        };
        let mut unsaved = Vec::new();
        if let Some(jar) = &jar
            && let Err(e) = cookies.save(workspace.id, jar)
        {
            unsaved.push(format!("cookies not saved: {e}"));
        }
        let conversation = match result {
            Ok(conversation) => conversation,
            Err(e) => {
                let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
                let mut attempted = SentRequest::new(&prepared, None);
                attempted.url = prepared.websocket_url();
                let _ = self.record_failure(&context, Some(&attempted), &e, sent_at_ms, elapsed_ms);
                return Err(e);
            }
        };
        let recorded = History::new(self.store, self.vault).record_conversation(
            (workspace.id, workspace.classification),
            &context.request,
            &conversation,
            sent_at_ms,
            self.limits(),
        );
        let history = match recorded {
            Ok(id) => Some(id),
            Err(e) => {
                unsaved.push(format!("history not recorded: {e}"));
                None
            }
        };
        Ok(Conversed {
            conversation,
            history,
            unsaved,
        })
    }
}

/// The caller's talk, if any, and where its orders go.
type Relay = (
    Option<mpsc::UnboundedReceiver<Talk>>,
    mpsc::UnboundedSender<Order>,
);

impl<K: Keychain> Sender<'_, K> {
    /// Runs `conversing` while relaying the caller's talk to it as orders; without talk, the
    /// orders' channel is dropped so the conversation hears none.
    async fn relayed<T>(
        &self,
        context: &Context,
        options: &Options,
        (talk, orders): Relay,
        conversing: impl std::future::Future<Output = T>,
    ) -> T {
        let Some(talk) = talk else {
            drop(orders);
            return conversing.await;
        };
        let relaying = self.relay(context, options, talk, orders);
        super::registry::alongside(conversing, relaying).await
    }

    /// Renders each message the caller sends as the saved ones were rendered and hands it to
    /// the conversation, until the caller stops talking (or the conversation ends, when this
    /// future is dropped).
    async fn relay(
        &self,
        context: &Context,
        options: &Options,
        mut talk: mpsc::UnboundedReceiver<Talk>,
        orders: mpsc::UnboundedSender<Order>,
    ) {
        while let Some(said) = talk.recv().await {
            match said {
                Talk::Send { message, done } => {
                    let answer = match self.render_message(context, options, message) {
                        Ok(request) => {
                            let (went, heard) = oneshot::channel();
                            let order = Order::Send {
                                request: Box::new(request),
                                done: went,
                            };
                            match orders.send(order) {
                                Ok(()) => heard.await.unwrap_or_else(|_| Err(closed())),
                                Err(_) => Err(closed()),
                            }
                            .map_err(SendError::from)
                        }
                        Err(e) => Err(e),
                    };
                    let _ = done.send(answer);
                }
                Talk::Close { code, reason } => {
                    if check_close(code, &reason).is_ok() {
                        let _ = orders.send(Order::Close { code, reason });
                    }
                }
            }
        }
    }

    /// The request prepared again with `message` as its only message.
    fn render_message(
        &self,
        context: &Context,
        options: &Options,
        message: WebSocketMessage,
    ) -> Result<http::PreparedRequest> {
        let mut context = context.clone();
        context.request.messages = vec![WebSocketMessage {
            enabled: true,
            ..message
        }];
        super::context::prepare_loaded(self.store, self.vault.keychain(), &context, options)
    }
}

/// The error of a message that could not go because the conversation ended.
fn closed() -> crate::http::websocket::WebSocketError {
    crate::http::websocket::WebSocketError::Closed {
        reason: "the conversation has ended".into(),
    }
}
