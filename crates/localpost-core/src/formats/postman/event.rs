//! Scripts: `event: [{listen, script: {exec, type, id, packages, …}, disabled}]`.
//!
//! The model holds one pre-request and one test script per item ([`Scripts`]). They come from
//! the first `prerequest` and the first `test` event that is not disabled and whose `exec` is
//! text (a string, or an array of lines joined with `\n`) or missing. Every event is kept, in
//! order, as a hint (without the lines of those two, which the model holds); the writer puts
//! the model's scripts back into them, as lines or as the string they were, and leaves the other
//! events as they were. A second `prerequest` or `test` event is kept for export but not run,
//! with a warning; disabled events and other `listen` values are kept silently, as Postman
//! does not run them either.

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::Obj;
use super::node::Node;
use super::report::Warning;
use crate::model::Scripts;

const LISTENS: [&str; 2] = ["prerequest", "test"];

/// The text an `exec` holds: a string, or lines joined with `\n`.
fn exec_text(exec: &Value) -> Option<String> {
    match exec {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items
            .iter()
            .map(|l| l.as_str())
            .collect::<Option<Vec<_>>>()
            .map(|lines| lines.join("\n")),
        _ => None,
    }
}

fn lines(text: &str) -> Value {
    json!(text.split('\n').collect::<Vec<_>>())
}

/// Which model script (0 pre-request, 1 test) `event` holds, given the slots already taken.
fn slot_of(event: &Value, taken: &[bool; 2]) -> Option<usize> {
    let listen = event.get("listen")?.as_str()?;
    let slot = LISTENS.iter().position(|l| *l == listen)?;
    if taken[slot] || event.get("disabled") == Some(&Value::Bool(true)) {
        return None;
    }
    let script = event.get("script")?.as_object()?;
    match script.get("exec") {
        None => Some(slot),
        Some(exec) => exec_text(exec).map(|_| slot),
    }
}

/// Reads member `event` of `owner` into the model's two scripts.
pub(crate) fn read(
    owner: &Node<'_>,
    rest: &mut Obj,
    warnings: &mut Vec<Warning>,
) -> Result<Scripts> {
    let Some(node) = owner.get("event") else {
        return Ok(Scripts::default());
    };
    if node.value.is_null() {
        return Ok(Scripts::default());
    }
    let mut texts = [String::new(), String::new()];
    let mut taken = [false; 2];
    let mut hint = Vec::new();
    for event in node.array()? {
        event.object()?;
        event.opt_str("listen")?;
        let mut kept = event.value.clone();
        if let Some(slot) = slot_of(event.value, &taken) {
            taken[slot] = true;
            let exec = event.value.get("script").and_then(|s| s.get("exec"));
            texts[slot] = exec.and_then(exec_text).unwrap_or_default();
            // Lines the writer gives back as they were need not be kept twice.
            let rebuilt = exec.is_some_and(|e| e.is_array() && *e == lines(&texts[slot]));
            if rebuilt
                && !texts[slot].is_empty()
                && let Some(script) = kept.get_mut("script").and_then(Value::as_object_mut)
            {
                script.shift_remove("exec");
            }
        } else if let Some(listen) = event.value.get("listen").and_then(Value::as_str)
            && LISTENS.contains(&listen)
            && event.value.get("disabled") != Some(&Value::Bool(true))
        {
            warnings.push(Warning::new(
                event.path(),
                format!("another {listen} script: kept for export, not run"),
            ));
        }
        hint.push(kept);
    }
    rest.insert("event".into(), Value::Array(hint));
    let [pre_request, test] = texts;
    Ok(Scripts { pre_request, test })
}

/// Puts `text` into a model event's `script.exec`, in its form.
fn set_exec(event: &mut Value, text: &str) {
    let Some(script) = event.get_mut("script").and_then(Value::as_object_mut) else {
        return;
    };
    let exec = match script.get("exec") {
        Some(h) if exec_text(h).as_deref() == Some(text) => return,
        Some(Value::String(_)) => Value::String(text.into()),
        None if text.is_empty() => return,
        _ => lines(text),
    };
    script.insert("exec".into(), exec);
}

/// Writes member `event`: the kept events with the model's scripts put back, then new events
/// for scripts that had none.
pub(crate) fn write(out: &mut Obj, hints: &mut Obj, scripts: &Scripts) {
    let texts = [&scripts.pre_request, &scripts.test];
    let hint = hints.shift_remove("event");
    let had_hint = hint.is_some();
    let mut events = match hint {
        Some(Value::Array(events)) => events,
        Some(other) if texts.iter().all(|t| t.is_empty()) => {
            out.insert("event".into(), other);
            return;
        }
        _ => Vec::new(),
    };
    let mut taken = [false; 2];
    for event in events.iter_mut() {
        if let Some(slot) = slot_of(event, &taken) {
            taken[slot] = true;
            set_exec(event, texts[slot]);
        }
    }
    for (slot, text) in texts.iter().enumerate() {
        if !taken[slot] && !text.is_empty() {
            events.push(json!({
                "listen": LISTENS[slot],
                "script": {"type": "text/javascript", "exec": lines(text)}
            }));
        }
    }
    if had_hint || !events.is_empty() {
        out.insert("event".into(), Value::Array(events));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_json(owner: &Value) -> (Scripts, Obj, Vec<Warning>) {
        let mut rest = owner.as_object().cloned().unwrap_or_default();
        let mut warnings = Vec::new();
        let scripts = read(&Node::root(owner), &mut rest, &mut warnings).expect("valid events");
        (scripts, rest, warnings)
    }

    #[test]
    fn events_come_back_as_read_and_scripts_are_joined() {
        let owner = json!({"event": [
            {"listen": "prerequest", "script": {"id": "p1", "type": "text/javascript",
                                                "exec": ["const a = 1;", "pm.variables.set('a', a);"],
                                                "packages": {}}},
            {"listen": "test", "script": {"exec": "pm.test('ok', () => {});"}, "disabled": false},
            {"listen": "test", "script": {"exec": ["second"]}},
            {"listen": "test", "script": {"exec": ["off"]}, "disabled": true},
            {"listen": "afterResponse", "script": {"exec": []}}
        ]});
        let (scripts, mut rest, warnings) = read_json(&owner);
        assert_eq!(
            scripts.pre_request,
            "const a = 1;\npm.variables.set('a', a);"
        );
        assert_eq!(scripts.test, "pm.test('ok', () => {});");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].path, "event[2]");
        assert!(
            rest["event"][0]["script"].get("exec").is_none(),
            "lines kept once"
        );
        let mut out = Obj::new();
        write(&mut out, &mut rest, &scripts);
        assert_eq!(out["event"], owner["event"]);
    }

    #[test]
    fn edits_keep_the_form_and_new_scripts_are_appended() {
        let owner = json!({"event": [
            {"listen": "test", "script": {"exec": "old"}},
            {"listen": "prerequest", "script": {"id": "x"}}
        ]});
        let (scripts, mut rest, _) = read_json(&owner);
        assert_eq!(
            (scripts.pre_request.as_str(), scripts.test.as_str()),
            ("", "old")
        );
        let mut out = Obj::new();
        let edited = Scripts {
            pre_request: "a\nb".into(),
            test: "new".into(),
        };
        write(&mut out, &mut rest, &edited);
        assert_eq!(
            out["event"],
            json!([
                {"listen": "test", "script": {"exec": "new"}},
                {"listen": "prerequest", "script": {"id": "x", "exec": ["a", "b"]}}
            ])
        );
        let mut out = Obj::new();
        write(&mut out, &mut Obj::new(), &edited);
        assert_eq!(out["event"][1]["script"]["exec"], json!(["new"]));
    }

    #[test]
    fn empty_lines_and_missing_exec_survive() {
        for owner in [
            json!({"event": [{"listen": "test", "script": {"exec": [""]}}]}),
            json!({"event": [{"listen": "test", "script": {"exec": []}}]}),
            json!({"event": [{"listen": "test", "script": {"type": "text/javascript"}}]}),
            json!({"event": []}),
            json!({"event": null}),
        ] {
            let (scripts, mut rest, _) = read_json(&owner);
            let mut out = Obj::new();
            write(&mut out, &mut rest, &scripts);
            assert_eq!(out.get("event"), owner.get("event"));
        }
    }
}
