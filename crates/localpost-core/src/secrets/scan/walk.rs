//! Every scannable value of an import, with its place: the walk the scanner and the mover share.

use super::detect::{Field, is_credential_name};
use crate::model::{Auth, Body, Extra, FormValue, KeyValue, Request, Variable};
use crate::store::{ImportBundle, NodeImport};

/// What a site holds.
pub(crate) enum Slot<'a> {
    /// A text value: a span of it can be replaced.
    Text(&'a mut String),
    /// A variable: made secret as a whole.
    Variable(&'a mut Variable),
}

/// One scannable value.
pub(crate) struct Site<'a> {
    /// Item path and field, e.g. `Shop/Create › headers.Authorization`.
    pub place: String,
    /// How suspicious the field is.
    pub field: Field,
    /// The value.
    pub slot: Slot<'a>,
    /// The request's host when its URL names one plainly: a moved secret is limited to it.
    pub host: Option<String>,
}

type Visit<'v> = dyn FnMut(Site<'_>) + 'v;

/// Calls `visit` for every scannable value of `bundle`, in document order.
pub(crate) fn walk(bundle: &mut ImportBundle, visit: &mut Visit<'_>) {
    for coll in &mut bundle.collections {
        let path = coll.collection.name.clone();
        variables(&path, &mut coll.collection.variables, visit);
        auth(&path, &mut coll.collection.auth, None, visit);
        nodes(&path, &mut coll.children, visit);
    }
    for env in &mut bundle.environments {
        variables(
            &format!("environment {}", env.name),
            &mut env.variables,
            visit,
        );
    }
    variables("globals", &mut bundle.globals, visit);
}

/// Calls `visit` for the kept-verbatim members (`extra`) of every collection, folder and
/// request: an imported URL object keeps its `raw` text there, for instance.
pub(crate) fn extras(bundle: &mut ImportBundle, visit: &mut dyn FnMut(&mut Extra)) {
    fn nodes(items: &mut [NodeImport], visit: &mut dyn FnMut(&mut Extra)) {
        for item in items {
            match item {
                NodeImport::Folder { folder, children } => {
                    visit(&mut folder.extra);
                    nodes(children, visit);
                }
                NodeImport::Request(request) => visit(&mut request.extra),
            }
        }
    }
    for coll in &mut bundle.collections {
        visit(&mut coll.collection.extra);
        nodes(&mut coll.children, visit);
    }
}

fn nodes(parent: &str, items: &mut [NodeImport], visit: &mut Visit<'_>) {
    for item in items {
        match item {
            NodeImport::Folder { folder, children } => {
                let path = format!("{parent}/{}", folder.name);
                variables(&path, &mut folder.variables, visit);
                auth(&path, &mut folder.auth, None, visit);
                nodes(&path, children, visit);
            }
            NodeImport::Request(request) => {
                let path = format!("{parent}/{}", request.name);
                self::request(&path, request, visit);
            }
        }
    }
}

fn request(path: &str, request: &mut Request, visit: &mut Visit<'_>) {
    let host = plain_host(&request.url);
    let at = At { path, host: &host };
    visit(at.site("url".into(), Field::Url, Slot::Text(&mut request.url)));
    pairs(&mut request.params, "params", &mut |n, f, s| {
        visit(at.site(n, f, s))
    });
    pairs(&mut request.path_variables, "path", &mut |n, f, s| {
        visit(at.site(n, f, s));
    });
    pairs(&mut request.headers, "headers", &mut |n, f, s| {
        visit(at.site(n, f, s));
    });
    match &mut request.body {
        Body::None | Body::Binary { .. } => {}
        Body::Raw { text, .. } => visit(at.site("body".into(), Field::Text, Slot::Text(text))),
        Body::Urlencoded { fields } => {
            pairs(fields, "body", &mut |n, f, s| visit(at.site(n, f, s)))
        }
        Body::Multipart { parts } => {
            for part in parts {
                if let FormValue::Text { value } = &mut part.value {
                    let field = field_for(&part.key);
                    visit(at.site(format!("body.{}", part.key), field, Slot::Text(value)));
                }
            }
        }
        Body::Graphql {
            query, variables, ..
        } => {
            visit(at.site("body.query".into(), Field::Text, Slot::Text(query)));
            visit(at.site("body.variables".into(), Field::Text, Slot::Text(variables)));
        }
    }
    auth(path, &mut request.auth, host.clone(), visit);
    variables(path, &mut request.variables, visit);
}

/// A request's path and host, shared by its sites.
struct At<'p> {
    path: &'p str,
    host: &'p Option<String>,
}

impl At<'_> {
    fn site<'a>(&self, name: String, field: Field, slot: Slot<'a>) -> Site<'a> {
        Site {
            place: format!("{} › {name}", self.path),
            field,
            slot,
            host: self.host.clone(),
        }
    }
}

/// Key/value rows: each value, suspected as a credential when its key says so.
fn pairs(rows: &mut [KeyValue], what: &str, visit: &mut dyn FnMut(String, Field, Slot<'_>)) {
    for row in rows {
        let field = field_for(&row.key);
        visit(
            format!("{what}.{}", row.key),
            field,
            Slot::Text(&mut row.value),
        );
    }
}

/// Auth parameters other than the credentials: those are sealed at rest and withheld from
/// exports already (`Auth::is_credential`), so only what leaks through other fields is
/// looked for here, by pattern.
fn auth(path: &str, auth: &mut Auth, host: Option<String>, visit: &mut Visit<'_>) {
    let mode = auth.mode.clone();
    let sealed = Auth {
        mode,
        params: Vec::new(),
    };
    for param in &mut auth.params {
        if sealed.is_credential(&param.key) {
            continue;
        }
        let serde_json::Value::String(value) = &mut param.value else {
            continue;
        };
        visit(Site {
            place: format!("{path} › auth.{}", param.key),
            field: Field::Text,
            slot: Slot::Text(value),
            host: host.clone(),
        });
    }
}

fn variables(path: &str, vars: &mut [Variable], visit: &mut Visit<'_>) {
    for var in vars {
        visit(Site {
            place: format!("{path} › variables.{}", var.key),
            field: Field::Text,
            host: None,
            slot: Slot::Variable(var),
        });
    }
}

fn field_for(key: &str) -> Field {
    if is_credential_name(key) {
        Field::Credential
    } else {
        Field::Text
    }
}

/// The host of a URL with no `{{…}}` in its scheme or authority.
fn plain_host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?;
    (!host.contains("{{") && !host.contains("%7B")).then(|| host.to_ascii_lowercase())
}
