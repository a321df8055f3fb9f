//! The scripts around one send, in newman's order: the collection's, each folder's (outermost
//! first) and the request's pre-request scripts, then the request, then the test scripts in
//! the same order. Each script sees the variables as the one before it left them; `{{…}}` in
//! the request resolves with them; the request a pre-request script leaves in `pm.request` is
//! what is sent. What the scripts changed in the globals, collection and environment is
//! written back by the caller ([`Changes`]).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value, json};
use ts_rs::TS;

use super::{Context, RunState, SendError};
use crate::http::{Content, Exchange, PreparedBody, PreparedRequest};
use crate::model::{Request, Scripts, Variable};
use crate::script::{
    Assertion, AsyncHost, ConsoleLine, Execution, Failure, Item, Listen, Outcome, ScriptError,
    Session,
};

/// One script that ran.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ScriptResult {
    /// Whose script it is and which: `Users API / Login · pre-request`.
    pub place: String,
    /// Pre-request or test.
    pub listen: Listen,
    /// Its tests.
    pub assertions: Vec<Assertion>,
    /// Its console lines.
    pub console: Vec<ConsoleLine>,
    /// Why it stopped early, if it did.
    pub failure: Option<Failure>,
    /// What `pm.visualizer.set(template, data, options)` left: a Handlebars template and the
    /// data to render it with, for the app's visualizer frame.
    #[ts(type = "{ template: string, data: unknown, options: unknown } | null")]
    pub visualizer: Option<Value>,
}

impl ScriptResult {
    /// How many things failed in it: each failed test (a skipped one never fails), and the
    /// script's own error.
    pub fn failures(&self) -> usize {
        let tests = self
            .assertions
            .iter()
            .filter(|a| !a.passed && !a.skipped)
            .count();
        tests + usize::from(self.failure.is_some())
    }

    fn new(place: String, listen: Listen, outcome: &Outcome) -> ScriptResult {
        ScriptResult {
            place,
            listen,
            assertions: outcome.assertions.clone(),
            console: outcome.console.clone(),
            failure: outcome.failure.clone(),
            visualizer: outcome.visualizer().cloned(),
        }
    }
}

/// A variable scope's changes by key: `Some(value)` set, `None` unset.
pub type Changes = BTreeMap<String, Option<String>>;

/// The variable scopes a send's scripts share, as the sandbox sees them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scopes {
    globals: Value,
    collection: Value,
    environment: Value,
    locals: Value,
    /// The iteration's data row (`pm.iterationData`) and cursor (`pm.info.iteration`).
    data: Value,
    cursor: Value,
    /// What `setNextRequest` last asked for: `Some(None)` stops the run.
    next_request: Option<Option<String>>,
    /// What the scripts changed: globals, collection, environment.
    pub(crate) changes: [Changes; 3],
}

fn scope_json(variables: &[Variable]) -> Value {
    let values: Vec<Value> = variables
        .iter()
        .map(|v| {
            json!({
                "key": v.key,
                "value": v.value,
                "type": if v.secret { "secret" } else { "any" },
                "disabled": !v.enabled,
            })
        })
        .collect();
    json!({ "values": values })
}

/// The `values` of a scope the sandbox returned, without its change tracking.
fn values_of(scope: &Value) -> Value {
    json!({ "values": scope.get("values").cloned().unwrap_or_else(|| json!([])) })
}

/// Adds the compacted mutations of a returned scope (`{key: [key, value]}` for a set,
/// `{key: [key]}` for an unset) to `changes`.
fn track(scope: &Value, changes: &mut Changes) {
    let Some(compacted) = scope
        .get("mutations")
        .and_then(|m| m.get("compacted"))
        .and_then(Value::as_object)
    else {
        return;
    };
    for (key, mutation) in compacted {
        let value = match mutation.as_array().map(Vec::as_slice) {
            Some([_, value]) => Some(match value {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            }),
            _ => None,
        };
        changes.insert(key.clone(), value);
    }
}

/// The collection's variables followed by its folders', outermost first.
fn with_folders(context: &Context) -> Vec<Variable> {
    let mut all = context.collection.variables.clone();
    for folder in context.folders.iter().rev() {
        all.extend(folder.variables.iter().cloned());
    }
    all
}

impl Scopes {
    pub(crate) fn from_context(context: &Context) -> Scopes {
        Scopes {
            globals: scope_json(&context.workspace.globals),
            // Postman has no folder variables: scripts see a folder's (nearest first) among
            // the collection's, where `pm.variables` finds them in the same order as `{{…}}`.
            collection: scope_json(&with_folders(context)),
            environment: context
                .environment
                .as_ref()
                .map_or_else(|| json!({"values": []}), |e| scope_json(&e.variables)),
            locals: json!({"values": []}),
            data: json!({}),
            cursor: json!({"iteration": 0, "cycles": 1}),
            next_request: None,
            changes: Default::default(),
        }
    }

    /// Takes over what the run carries into this send: local variables, data row, cursor.
    pub(crate) fn carry_in(&mut self, state: &RunState) {
        self.locals = state.locals.clone();
        self.data = Value::Object(state.data.clone());
        self.cursor = state.cursor();
    }

    /// Hands back what the run carries to the next send: local variables and the next request.
    pub(crate) fn carry_out(&self, state: &mut RunState) {
        state.locals = self.locals.clone();
        if let Some(next) = &self.next_request {
            state.next_request = Some(next.clone());
        }
    }

    /// Notes a `setNextRequest` the script made (a name or id; `null` stops the run).
    fn note_next_request(&mut self, outcome: &Outcome) {
        match outcome.next_request() {
            Some(Value::Null) => self.next_request = Some(None),
            Some(Value::String(target)) => self.next_request = Some(Some(target.clone())),
            _ => {}
        }
    }

    fn read_back(&mut self, execution: &Value) {
        let scopes = [
            ("globals", &mut self.globals),
            ("collectionVariables", &mut self.collection),
            ("environment", &mut self.environment),
        ];
        for (i, (name, scope)) in scopes.into_iter().enumerate() {
            if let Some(returned) = execution.get(name) {
                track(returned, &mut self.changes[i]);
                *scope = values_of(returned);
            }
        }
        if let Some(locals) = execution.get("_variables") {
            self.locals = values_of(locals);
        }
    }

    /// The scripts' local variables (`pm.variables.set`), for `{{…}}` resolution.
    pub(crate) fn locals(&self) -> Vec<(String, String)> {
        self.locals
            .get("values")
            .and_then(Value::as_array)
            .map(|values| {
                values
                    .iter()
                    .filter_map(|v| {
                        let key = v.get("key")?.as_str()?.to_owned();
                        let value = match v.get("value")? {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        Some((key, value))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Applies the scripts' changes to `context`'s variables, so the request renders with them.
    pub(crate) fn apply_to(&self, context: &mut Context) {
        apply(&mut context.workspace.globals, &self.changes[0]);
        apply(&mut context.collection.variables, &self.changes[1]);
        if let Some(env) = context.environment.as_mut() {
            apply(&mut env.variables, &self.changes[2]);
        }
    }
}

/// Applies `changes` to `variables`: a set replaces the value of the last variable of its key
/// (a secret stays secret) or adds a variable; an unset removes the key.
pub(crate) fn apply(variables: &mut Vec<Variable>, changes: &Changes) {
    for (key, change) in changes {
        match change {
            Some(value) => match variables.iter_mut().rev().find(|v| v.key == *key) {
                Some(var) => {
                    var.value = value.clone();
                    var.enabled = true;
                }
                None => variables.push(Variable {
                    key: key.clone(),
                    value: value.clone(),
                    ..Variable::default()
                }),
            },
            None => variables.retain(|v| v.key != *key),
        }
    }
}

/// Whose scripts run for `context`'s request, outermost first, with their names.
fn owners(context: &Context) -> Vec<(String, &Scripts)> {
    let mut owners = vec![(context.collection.name.clone(), &context.collection.scripts)];
    let mut path = context.collection.name.clone();
    for folder in context.folders.iter().rev() {
        path = format!("{path} / {}", folder.name);
        owners.push((path.clone(), &folder.scripts));
    }
    owners.push((
        format!("{path} / {}", context.request.name),
        &context.request.scripts,
    ));
    owners
}

/// Whether any script would run for `context`'s request.
pub(crate) fn has_scripts(context: &Context) -> bool {
    owners(context)
        .iter()
        .any(|(_, s)| !s.pre_request.trim().is_empty() || !s.test.trim().is_empty())
}

/// The response as postman-collection Response JSON, for `pm.response`.
pub(crate) fn response_json(exchange: &Exchange) -> Value {
    let response = &exchange.response;
    let headers: Vec<Value> = response
        .headers
        .iter()
        .map(|h| json!({"key": h.name, "value": h.value}))
        .collect();
    let mut json = json!({
        "code": response.status,
        "status": response.reason,
        "header": headers,
        "responseTime": response.timings.total_ms.round() as u64,
        "responseSize": response.body.size,
    });
    // Text goes as a string, which the sandbox takes as it is; only other bytes go as a
    // Buffer's JSON (a number per byte, far slower to pass for a large body).
    match &response.body.content {
        Content::Text { text } => json["body"] = Value::String(text.clone()),
        other => json["stream"] = json!({"type": "Buffer", "data": other.to_bytes()}),
    }
    json
}

/// `request` as postman-collection Request JSON with what `prepared` resolved: URL, method,
/// headers and a text body.
fn resolved_request_json(request: &Request, prepared: &PreparedRequest) -> Value {
    let mut json = crate::formats::postman::request_to_json(request);
    let Some(members) = json.as_object_mut() else {
        return json;
    };
    members.insert("url".into(), Value::String(prepared.url.to_string()));
    members.insert("method".into(), Value::String(prepared.method.clone()));
    let headers: Vec<Value> = prepared
        .headers
        .iter()
        .map(|h| json!({"key": h.name, "value": h.value}))
        .collect();
    members.insert("header".into(), Value::Array(headers));
    if let PreparedBody::Bytes(bytes) = &prepared.body
        && let Ok(text) = std::str::from_utf8(bytes)
        && members.get("body").and_then(|b| b.get("mode")) == Some(&json!("raw"))
        && let Some(body) = members.get_mut("body").and_then(Value::as_object_mut)
    {
        body.insert("raw".into(), Value::String(text.to_owned()));
    }
    json
}

/// Runs one phase (pre-request or test) of `context`'s scripts in `session`.
pub(crate) struct Phase<'a, H: AsyncHost> {
    pub(crate) session: &'a Session,
    pub(crate) host: &'a mut H,
    pub(crate) scopes: &'a mut Scopes,
    pub(crate) results: &'a mut Vec<ScriptResult>,
    /// `pm.cookies`: the jar's cookies for the request's URL (test scripts only).
    pub(crate) cookies: Vec<Value>,
    /// Each script's time limit; `None` keeps the sandbox's.
    pub(crate) timeout: Option<Duration>,
}

/// The time limit of `context`'s scripts: `given` (the CLI's `--timeout-script`), else the
/// nearest of the request's, its folders' (nearest first) and its collection's settings.
pub(crate) fn script_timeout(context: &Context, given: Option<Duration>) -> Option<Duration> {
    given.or_else(|| {
        std::iter::once(&context.request.settings)
            .chain(context.folders.iter().map(|f| &f.settings))
            .chain(std::iter::once(&context.collection.settings))
            .find_map(|s| s.script_timeout_ms)
            .map(Duration::from_millis)
    })
}

impl<H: AsyncHost> Phase<'_, H> {
    /// Runs the pre-request scripts; returns the request as they left it, and whether one of
    /// them asked to skip it. A `pm.request` left in a shape that cannot be read fails the
    /// send rather than sending the request as it was before.
    pub(crate) async fn pre_request(
        &mut self,
        context: &Context,
    ) -> Result<(Request, bool), SendError> {
        let mut request = crate::formats::postman::request_to_json(&context.request);
        let mut skip = false;
        for (owner, scripts) in owners(context) {
            if scripts.pre_request.trim().is_empty() || skip {
                continue;
            }
            let mut messages = Map::new();
            messages.insert("request".into(), request.clone());
            let execution = self.execution(context, (Listen::PreRequest, scripts), &messages);
            let outcome = self.session.execute(execution, self.host).await?;
            self.scopes.read_back(&outcome.execution);
            self.scopes.note_next_request(&outcome);
            if let Some(changed) = outcome.execution.get("request").filter(|r| r.is_object()) {
                request = changed.clone();
            }
            skip |= outcome.skip_request;
            let place = format!("{owner} · pre-request");
            self.results
                .push(ScriptResult::new(place, Listen::PreRequest, &outcome));
        }
        let request = crate::formats::postman::apply_request_json(&context.request, &request)
            .map_err(|e| SendError::ScriptedRequest {
                reason: e.to_string(),
            })?;
        Ok((request, skip))
    }

    /// Runs the test scripts against `exchange`; `pm.request` is `prepared`, the request with
    /// its variables resolved, as newman gives it. With no exchange (the send got no
    /// response, or the request could not be built) they run as newman runs them then:
    /// `pm.response` is undefined.
    pub(crate) async fn test(
        &mut self,
        context: &Context,
        prepared: Option<&PreparedRequest>,
        exchange: Option<&Exchange>,
    ) -> Result<(), ScriptError> {
        let mut messages = Map::new();
        let request = match prepared {
            Some(prepared) => resolved_request_json(&context.request, prepared),
            // It could not be built (a bad URL, say): the request as stored.
            None => crate::formats::postman::request_to_json(&context.request),
        };
        messages.insert("request".into(), request);
        if let Some(exchange) = exchange {
            messages.insert("response".into(), response_json(exchange));
        }
        for (owner, scripts) in owners(context) {
            if scripts.test.trim().is_empty() {
                continue;
            }
            let execution = self.execution(context, (Listen::Test, scripts), &messages);
            let outcome = self.session.execute(execution, self.host).await?;
            self.scopes.read_back(&outcome.execution);
            self.scopes.note_next_request(&outcome);
            let place = format!("{owner} · test");
            self.results
                .push(ScriptResult::new(place, Listen::Test, &outcome));
        }
        Ok(())
    }

    /// The execution of `scripts`' `listen` script, whose context holds `messages` (the
    /// request, and for a test the response) and the scopes as they stand.
    fn execution(
        &self,
        context: &Context,
        (listen, scripts): (Listen, &Scripts),
        messages: &Map<String, Value>,
    ) -> Execution {
        let source = match listen {
            Listen::PreRequest => scripts.pre_request.clone(),
            Listen::Test => scripts.test.clone(),
        };
        let mut ctx = messages.clone();
        ctx.insert("globals".into(), self.scopes.globals.clone());
        ctx.insert("collectionVariables".into(), self.scopes.collection.clone());
        ctx.insert("environment".into(), self.scopes.environment.clone());
        ctx.insert("_variables".into(), self.scopes.locals.clone());
        ctx.insert("data".into(), self.scopes.data.clone());
        ctx.insert("cookies".into(), Value::Array(self.cookies.clone()));
        let mut path = vec![context.collection.name.clone()];
        path.extend(context.folders.iter().rev().map(|f| f.name.clone()));
        path.push(context.request.name.clone());
        // The item's id in the Postman file it came from, as newman gives it; else ours.
        let id = context
            .request
            .extra
            .get("postman")
            .and_then(|p| p.get("id"))
            .and_then(Value::as_str)
            .map_or_else(|| context.request.id.0.to_string(), str::to_owned);
        Execution {
            listen,
            source,
            context: Value::Object(ctx),
            cursor: self.scopes.cursor.clone(),
            item: Item {
                id,
                name: context.request.name.clone(),
                path,
            },
            timeout: self.timeout,
        }
    }
}
