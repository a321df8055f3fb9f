//! Environments (`{id, name, values[], _postman_variable_scope, …}`) and globals (the same
//! shape with scope `globals`, or a bare array of values).
//!
//! An environment's `id` and the members the model does not hold (`_postman_exported_at`,
//! `_postman_exported_using`, …) are kept and written back. Globals become workspace globals:
//! the file's own `id` and `name` are not kept. Each value is written with `type` and `enabled`,
//! as Postman writes them today.

use serde_json::{Value, json};

use super::error::Result;
use super::fidelity::{Obj, append_rest, from_extra, put_name, take_list, take_name, to_extra};
use super::node::Node;
use super::report::ExportReport;
use super::variable::{read_value, write_value};
use crate::model::{Environment, Variable};
use crate::store::EnvironmentImport;

/// Name given to an environment that has none.
pub(crate) const UNTITLED: &str = "Untitled environment";

fn read_values(nodes: &[Node<'_>]) -> Result<Vec<Variable>> {
    nodes.iter().map(read_value).collect()
}

/// Reads an environment object.
pub(crate) fn read(node: &Node<'_>) -> Result<EnvironmentImport> {
    let mut rest = node.object()?.clone();
    let name = take_name(node, &mut rest, UNTITLED)?;
    let variables = read_values(&take_list(node, &mut rest, "values")?.unwrap_or_default())?;
    rest.shift_remove("values");
    rest.shift_remove("_postman_variable_scope");
    Ok(EnvironmentImport {
        name,
        variables,
        extra: to_extra(rest),
    })
}

/// Reads globals: an object with `values[]`, or a bare array of values.
pub(crate) fn read_globals(node: &Node<'_>) -> Result<Vec<Variable>> {
    match node.value {
        Value::Array(_) => read_values(&node.array()?),
        _ => read_values(&node.opt_array("values")?),
    }
}

fn write_values(vars: &[Variable], report: &mut ExportReport) -> Value {
    Value::Array(
        vars.iter()
            .enumerate()
            .map(|(i, v)| write_value(v, &format!("values[{i}]"), report))
            .collect(),
    )
}

/// Writes an environment. `new_id` gives its `id` when it has none yet.
pub(crate) fn write(
    env: &Environment,
    new_id: impl FnOnce() -> String,
    report: &mut ExportReport,
) -> Value {
    let mut hints = from_extra(&env.extra);
    let mut out = Obj::new();
    let id = hints
        .shift_remove("id")
        .unwrap_or_else(|| Value::String(new_id()));
    out.insert("id".into(), id);
    put_name(&mut out, &mut hints, &env.name, UNTITLED);
    out.insert("values".into(), write_values(&env.variables, report));
    out.insert("_postman_variable_scope".into(), json!("environment"));
    append_rest(&mut out, hints);
    Value::Object(out)
}

/// Writes a workspace's globals as a globals file.
pub(crate) fn write_globals(
    name: &str,
    globals: &[Variable],
    id: String,
    report: &mut ExportReport,
) -> Value {
    json!({
        "id": id,
        "name": name,
        "values": write_values(globals, report),
        "_postman_variable_scope": "globals",
    })
}
