//! [`EngineHost`]: what a send's scripts ask of the world, done with the send's engine:
//! `pm.sendRequest` goes out through the same [`Engine`] (proxies, certificates, timeouts of
//! its client) with the workspace's cookie jar.

use std::sync::Arc;

use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::http::{self, CookieJar, Engine, Inheritance};
use crate::script::AsyncHost;
use crate::template::Variables;

/// Performs a send's `pm.sendRequest` calls.
pub(crate) struct EngineHost<'a> {
    pub(crate) engine: &'a Engine,
    pub(crate) cancel: &'a CancellationToken,
    pub(crate) jar: Option<Arc<dyn CookieJar>>,
}

impl AsyncHost for EngineHost<'_> {
    async fn send_request(&mut self, request: Value) -> Result<Value, String> {
        // A bare URL string is a GET of it, as in the sandbox.
        let request = match request {
            Value::String(url) => serde_json::json!({"url": url, "method": "GET"}),
            other => other,
        };
        let model =
            crate::formats::postman::request_from_json(&request).map_err(|e| e.to_string())?;
        // The script resolved its variables itself (pm.variables.replaceIn); what is left
        // of `{{…}}` is sent as written, as newman does.
        let prepared = http::prepare(&model, &Variables::new(), &Inheritance::new())
            .map_err(|e| e.to_string())?;
        let exchange = http::with_jar(self.jar.clone(), self.engine.send(&prepared, self.cancel))
            .await
            .map_err(|e| e.to_string())?;
        Ok(super::scripts::response_json(&exchange))
    }

    async fn cookie_store(&mut self, method: String, _args: Vec<Value>) -> Result<Value, String> {
        Err(format!(
            "pm.cookies.jar() is not supported yet (cookie store call {method})"
        ))
    }
}
