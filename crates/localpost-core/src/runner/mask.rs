//! [`Mask`]: the secret values a run read from the keychain (secret variables' values, vault
//! secrets substituted into requests or read with `pm.vault.get`), replaced by `********`
//! wherever a run's results show text, so that reports, console output and exported
//! variables never hold them.
//!
//! Values the user gave the run in files or flags are theirs (as in newman) and are not
//! masked unless they are also a secret's value. This module does not decide which run
//! masks: [`Options::mask_secrets`](super::Options::mask_secrets) does.

use serde_json::Value;

use super::{Exchanged, Execution};
use crate::http::Content;
use crate::model::Variable;
use crate::vault::Secret;

/// What stands in for a secret value.
pub const MASKED: &str = "********";

/// Secret values to hide, each also as a URL carries it (percent-encoded). `Debug` shows how
/// many there are, never them.
#[derive(Clone, Default)]
pub struct Mask {
    /// Every form of every value, longest first so a form holding another is hidden whole.
    forms: Vec<String>,
    values: Vec<Secret>,
}

impl std::fmt::Debug for Mask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mask({} values)", self.values.len())
    }
}

impl Mask {
    /// Adds `values` (empty ones and ones already known are ignored).
    pub(crate) fn add(&mut self, values: impl IntoIterator<Item = Secret>) {
        for value in values {
            if value.expose().is_empty() || self.values.contains(&value) {
                continue;
            }
            let text = String::from_utf8_lossy(value.expose()).into_owned();
            for form in crate::http::encoded_forms(&text) {
                if !self.forms.contains(&form) {
                    self.forms.push(form);
                }
            }
            self.values.push(value);
        }
        self.forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    }

    /// Whether it hides nothing.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// `text` with every secret value replaced by [`MASKED`].
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for form in &self.forms {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), MASKED);
            }
        }
        out
    }

    fn in_place(&self, text: &mut String) {
        if self.forms.iter().any(|f| text.contains(f.as_str())) {
            *text = self.text(text);
        }
    }

    /// Every string in `json` (object keys left as they are) masked.
    pub fn json(&self, json: &mut Value) {
        if self.is_empty() {
            return;
        }
        match json {
            Value::String(s) => self.in_place(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.json(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.json(v)),
            _ => {}
        }
    }

    /// The variables' values masked.
    pub(crate) fn variables(&self, vars: &mut [Variable]) {
        for var in vars {
            self.in_place(&mut var.value);
        }
    }

    /// Everything `execution` shows masked: the request's URL and headers, the response's
    /// headers and kept body, the error, and its scripts' console lines, tests and errors.
    pub(crate) fn execution(&self, execution: &mut Execution) {
        if self.is_empty() {
            return;
        }
        if let Some(x) = &mut execution.exchanged {
            self.exchanged(x);
        }
        if let Some(error) = &mut execution.error {
            self.in_place(error);
        }
        for script in &mut execution.scripts {
            for line in &mut script.console {
                line.args.iter_mut().for_each(|a| self.json(a));
            }
            for a in &mut script.assertions {
                self.in_place(&mut a.name);
                if let Some(error) = &mut a.error {
                    self.in_place(error);
                }
            }
            if let Some(f) = &mut script.failure {
                self.in_place(&mut f.message);
            }
        }
    }

    fn exchanged(&self, x: &mut Exchanged) {
        self.in_place(&mut x.url);
        for h in x.request_headers.iter_mut().chain(&mut x.response_headers) {
            self.in_place(&mut h.value);
        }
        if let Some(Content::Text { text }) = x.body.as_mut().map(|b| &mut b.content) {
            self.in_place(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_their_url_forms_are_masked() {
        let mut mask = Mask::default();
        mask.add([
            Secret::from("s3cr et"),
            Secret::from(""),
            Secret::from("s3cr et"),
        ]);
        assert_eq!(format!("{mask:?}"), "Mask(1 values)");
        assert_eq!(mask.text("a s3cr et b"), "a ******** b");
        assert_eq!(mask.text("/x?t=s3cr%20et"), "/x?t=********");
        let mut json = serde_json::json!({"s3cr et": ["s3cr et", 1]});
        mask.json(&mut json);
        assert_eq!(json, serde_json::json!({"s3cr et": ["********", 1]}));
    }
}
