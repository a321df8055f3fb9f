//! [`Sender::grpc_call`] and [`Sender::grpc_methods`]: a stored gRPC request called the way a
//! send goes: its context loaded, its secrets and vault values substituted, auth as
//! metadata, and the call recorded in history as the workspace's classification allows.
//! Scripts do not run for gRPC requests.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::calls::CallTalk;
use super::sender::{Sender, now_ms};
use super::{Context, Options, Result, SendError};
use crate::cookies::Cookies;
use crate::history::History;
use crate::http::grpc::{Call, CallOptions, GrpcError, Method, Order};
use crate::http::{self, CookieJar, PreparedRequest, SentRequest};
use crate::model::{HistoryId, MessageKind, RequestId, WebSocketMessage};
use crate::vault::Keychain;

/// A gRPC call that was made (whatever status it ended with).
#[derive(Debug, Clone)]
pub struct Called {
    /// The request, every message and the status.
    pub call: Call,
    /// Its history entry; `None` when it could not be recorded (see `unsaved`).
    pub history: Option<HistoryId>,
    /// Why cookies or history could not be saved; callers show these as warnings.
    pub unsaved: Vec<String>,
}

/// A call whose caller sends further messages and ends the request stream while it is open:
/// [`Sender::grpc_talk`]'s options.
#[derive(Debug, Default)]
pub struct GrpcTalking {
    /// How it runs (its watcher). Its `orders` are set by [`Sender::grpc_talk`].
    pub call: CallOptions,
    /// What the caller asks while the call is open; `None`: only the saved messages go.
    pub talk: Option<mpsc::UnboundedReceiver<CallTalk>>,
}

impl<K: Keychain> Sender<'_, K> {
    /// Prepares stored gRPC request `id` as a call would: secrets and vault values in, files
    /// resolved. A failure is recorded in history, as for a send.
    fn prepare_call(&self, id: RequestId, options: &Options) -> Result<(Context, PreparedRequest)> {
        let sent_at_ms = now_ms();
        let keychain = self.vault.keychain();
        let loaded =
            super::context::load_revealed(self.store, keychain, id, options).map(|context| {
                let prepared =
                    super::context::prepare_loaded(self.store, keychain, &context, options);
                (context, prepared)
            });
        match loaded {
            Ok((context, Ok(prepared))) => Ok((context, prepared)),
            Ok((context, Err(e))) => {
                let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                Err(e)
            }
            Err(e) => {
                if let Ok(context) = Context::load_for(self.store, id, options) {
                    let _ = self.record_failure(&context, None, &e, sent_at_ms, 0.0);
                }
                Err(e)
            }
        }
    }

    /// The methods stored gRPC request `id`'s descriptor source offers: its `.proto` files, or
    /// the server's reflection (which connects, with the request's metadata and auth). Not
    /// recorded in history.
    pub async fn grpc_methods(
        &self,
        id: RequestId,
        options: &Options,
        cancel: &CancellationToken,
    ) -> Result<Vec<Method>> {
        let keychain = self.vault.keychain();
        let context = super::context::load_revealed(self.store, keychain, id, options)?;
        let prepared = super::context::prepare_loaded(self.store, keychain, &context, options)?;
        Ok(self.engine.grpc_methods(&prepared, cancel).await?)
    }

    /// A JSON template of `method`'s input type (`package.Service/Method`) in stored gRPC
    /// request `id`'s descriptor source, for "Use example message". Not recorded in history.
    pub async fn grpc_template(
        &self,
        id: RequestId,
        options: &Options,
        method: &str,
        cancel: &CancellationToken,
    ) -> Result<String> {
        let keychain = self.vault.keychain();
        let context = super::context::load_revealed(self.store, keychain, id, options)?;
        let prepared = super::context::prepare_loaded(self.store, keychain, &context, options)?;
        Ok(self.engine.grpc_template(&prepared, method, cancel).await?)
    }

    /// Forgets the descriptors the engine keeps for stored gRPC request `id`'s source, so
    /// that the next listing or call compiles the files or asks the server again. Returns how
    /// many pools were dropped.
    pub fn grpc_forget(&self, id: RequestId, options: &Options) -> Result<usize> {
        let keychain = self.vault.keychain();
        let context = super::context::load_revealed(self.store, keychain, id, options)?;
        let prepared = super::context::prepare_loaded(self.store, keychain, &context, options)?;
        Ok(self.engine.grpc_forget(&prepared)?)
    }

    /// [`Sender::grpc_call`] with a caller that sends further messages and ends the request
    /// stream of a client-streaming or bidirectional call while it is open (see
    /// [`CallTalk`]); each message is rendered as the saved ones are. It ends, and is
    /// recorded, as any call does.
    pub async fn grpc_talk(
        &self,
        id: RequestId,
        options: &Options,
        talking: GrpcTalking,
        cancel: &CancellationToken,
    ) -> Result<Called> {
        let GrpcTalking { mut call, talk } = talking;
        let Some(talk) = talk else {
            return self.grpc_call(id, options, call, cancel).await;
        };
        let (orders, heard) = mpsc::unbounded_channel();
        call.orders = Some(heard);
        let context =
            super::context::load_revealed(self.store, self.vault.keychain(), id, options)?;
        let calling = self.grpc_call(id, options, call, cancel);
        let relaying = self.relay_call(&context, options, talk, orders);
        super::registry::alongside(calling, relaying).await
    }

    /// Renders each message the caller sends as the saved ones are and hands it to the call,
    /// until the caller stops talking (or the call ends, when this future is dropped).
    async fn relay_call(
        &self,
        context: &Context,
        options: &Options,
        mut talk: mpsc::UnboundedReceiver<CallTalk>,
        orders: mpsc::UnboundedSender<Order>,
    ) {
        while let Some(said) = talk.recv().await {
            match said {
                CallTalk::Send { message, done } => {
                    let answer = match self.render_call_message(context, options, message) {
                        Ok(request) => {
                            let (went, heard) = oneshot::channel();
                            let order = Order::Send {
                                request: Box::new(request),
                                done: went,
                            };
                            match orders.send(order) {
                                Ok(()) => heard.await.unwrap_or(Err(GrpcError::StreamEnded)),
                                Err(_) => Err(GrpcError::StreamEnded),
                            }
                            .map_err(SendError::from)
                        }
                        Err(e) => Err(e),
                    };
                    let _ = done.send(answer);
                }
                CallTalk::End => {
                    let _ = orders.send(Order::End);
                }
            }
        }
    }

    /// The request prepared again with JSON `message` as its only message.
    fn render_call_message(
        &self,
        context: &Context,
        options: &Options,
        message: String,
    ) -> Result<PreparedRequest> {
        let mut context = context.clone();
        context.request.messages = vec![WebSocketMessage::new(MessageKind::Json, message)];
        super::context::prepare_loaded(self.store, self.vault.keychain(), &context, options)
    }

    /// Calls stored gRPC request `id` (see
    /// [`Engine::grpc_call`](crate::http::Engine::grpc_call)), then records the call. A call
    /// that could not be made is recorded as a failed send and returned as the error
    /// ([`SendError::Grpc`]).
    pub async fn grpc_call(
        &self,
        id: RequestId,
        options: &Options,
        call: CallOptions,
        cancel: &CancellationToken,
    ) -> Result<Called> {
        let sent_at_ms = now_ms();
        let (context, prepared) = self.prepare_call(id, options)?;
        let workspace = &context.workspace;
        let cookies = Cookies::new(self.store, self.vault);
        let jar = match context.uses_cookies() {
            true => Some(Arc::new(cookies.jar(workspace.id)?)),
            false => None,
        };
        let started = std::time::Instant::now();
        let dyn_jar = jar.clone().map(|j| j as Arc<dyn CookieJar>);
        let result = http::with_jar(dyn_jar, self.engine.grpc_call(&prepared, call, cancel)).await;
        let mut unsaved = Vec::new();
        if let Some(jar) = &jar
            && let Err(e) = cookies.save(workspace.id, jar)
        {
            unsaved.push(format!("cookies not saved: {e}"));
        }
        let call = match result {
            Ok(call) => call,
            Err(e) => {
                let e = SendError::from(e);
                let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
                let mut attempted = SentRequest::new(&prepared, None);
                attempted.method = "POST".into();
                attempted.url = format!(
                    "{}/{}",
                    prepared.grpc_url(),
                    prepared.grpc.as_ref().map_or("", |g| g.method.as_str())
                );
                let _ = self.record_failure(&context, Some(&attempted), &e, sent_at_ms, elapsed_ms);
                return Err(e);
            }
        };
        let recorded = History::new(self.store, self.vault).record_call(
            (workspace.id, workspace.classification),
            &context.request,
            &call,
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
        Ok(Called {
            call,
            history,
            unsaved,
        })
    }
}
