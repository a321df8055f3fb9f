//! [`RunState`]: what a collection run carries from one send to the next besides the stored
//! variables, which each send writes back itself.

use std::sync::{Arc, Mutex};

use serde_json::{Map, Value, json};

use crate::vault::Secret;

/// Where a send stands in a collection run, and what the scripts left for the next send.
///
/// A lone send uses [`RunState::default`]: iteration 0 of 1, no data row, no local variables.
/// The runner hands the same value to every send of an iteration, so `pm.variables.set`
/// values last until the run ends (as in newman), and reads [`RunState::next_request`] after
/// each one.
#[derive(Debug, Clone)]
pub struct RunState {
    /// The iteration, from 0 (`pm.info.iteration`).
    pub iteration: usize,
    /// How many iterations the run has, at least 1 (`pm.info.iterationCount`).
    pub iterations: usize,
    /// The iteration's data row (`pm.iterationData`, legacy `data`). Its values also resolve
    /// `{{…}}` in the request, above the environment and below local variables.
    pub data: Map<String, Value>,
    /// What `pm.execution.setNextRequest` last asked for in this send: `Some(None)` stops the
    /// run, `Some(Some(name or id))` jumps. The runner clears it before each send.
    pub next_request: Option<Option<String>>,
    /// The local variables (`pm.variables.set`) as the sandbox's `_variables` scope.
    pub(crate) locals: Value,
    /// The scripts that ran in the last send, kept also when it failed (no response, or a
    /// request that could not be built after its pre-request scripts), so that their tests and
    /// console lines are not lost with it.
    pub scripts: Vec<super::ScriptResult>,
    /// Whether the test scripts run after a send that got no response, with
    /// `pm.response` undefined, as newman runs them (true); false when the run bails on the
    /// first failure (newman's `--bail`, whose runtime then skips them).
    pub tests_after_error: bool,
    /// The secret values the sends read from the keychain (secret variables, vault secrets
    /// substituted or read by `pm.vault.get`), for the runner to mask; shared with the
    /// scripts' host, which adds what `pm.vault` reads.
    pub(crate) secrets: Arc<Mutex<Vec<Secret>>>,
}

impl Default for RunState {
    fn default() -> Self {
        RunState {
            iteration: 0,
            iterations: 1,
            data: Map::new(),
            next_request: None,
            locals: json!({"values": []}),
            scripts: Vec::new(),
            tests_after_error: true,
            secrets: Arc::default(),
        }
    }
}

impl RunState {
    /// Notes secret values a send read.
    pub(crate) fn keep_secrets(&self, values: impl IntoIterator<Item = Secret>) {
        if let Ok(mut kept) = self.secrets.lock() {
            kept.extend(values);
        }
    }

    /// The secret values read since the last call.
    pub(crate) fn take_secrets(&self) -> Vec<Secret> {
        self.secrets
            .lock()
            .map(|mut kept| std::mem::take(&mut *kept))
            .unwrap_or_default()
    }

    /// The data row's values as `{{…}}` overrides, in the row's order.
    pub(crate) fn data_overrides(&self) -> Vec<(String, String)> {
        self.data
            .iter()
            .map(|(key, value)| {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                (key.clone(), text)
            })
            .collect()
    }

    /// The sandbox's cursor: `pm.info.iteration` and `iterationCount`.
    pub(crate) fn cursor(&self) -> Value {
        json!({"iteration": self.iteration, "cycles": self.iterations.max(1)})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_values_render_as_text() {
        let mut state = RunState::default();
        state.data.insert("n".into(), json!(2));
        state.data.insert("s".into(), json!("x"));
        state.data.insert("z".into(), Value::Null);
        assert_eq!(
            state.data_overrides(),
            vec![
                ("n".into(), "2".into()),
                ("s".into(), "x".into()),
                ("z".into(), String::new())
            ]
        );
        assert_eq!(state.cursor(), json!({"iteration": 0, "cycles": 1}));
    }
}
