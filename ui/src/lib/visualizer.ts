/**
 * The visualizer a script set with `pm.visualizer.set(template, data, options)`: its Handlebars
 * template rendered with its data, and the document the response panel's sandboxed frame shows.
 *
 * Handlebars' own `compile` builds a JavaScript function from source text, which the app's
 * content security policy forbids (no `unsafe-eval`). So the template is parsed with
 * Handlebars' parser (which evaluates nothing) and the parse tree is rendered here: mustaches
 * (escaped, or raw with `{{{…}}}`), paths with `this`, `../` and `@index`/`@key`/`@first`/
 * `@last`/`@root`, literals, block params, and the built-in helpers `if`, `unless`, `each`,
 * `with`, `lookup` and `log`; a block on a plain value iterates, scopes or tests it as
 * Handlebars does. Partials and custom helpers (which a template cannot define) are not
 * supported: they fail with a message.
 */
import Handlebars from 'handlebars';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;

/** The `@data` variables and block params in force, and the context stack. */
interface Frame {
  contexts: unknown[];
  data: Record<string, unknown>;
  params: Record<string, unknown>;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return !value && value !== 0;
}

function escape(value: unknown): string {
  return Handlebars.Utils.escapeExpression(value as string);
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function property(target: unknown, key: string): unknown {
  if (target === null || typeof target !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(target, key)
    ? (target as Record<string, unknown>)[key]
    : undefined;
}

function lookupPath(path: hbs.AST.PathExpression, frame: Frame): unknown {
  const [first, ...rest] = path.parts;
  let value: unknown;
  if (path.data) {
    value = first === 'root' ? frame.contexts[0] : frame.data[first ?? ''];
  } else if (path.depth === 0 && first !== undefined && first in frame.params) {
    value = frame.params[first];
  } else {
    const at = Math.max(frame.contexts.length - 1 - path.depth, 0);
    value = frame.contexts[at];
    if (first !== undefined) value = property(value, first);
  }
  return rest.reduce(property, value);
}

class Renderer {
  #noEscape: boolean;

  constructor(options: unknown) {
    this.#noEscape = property(options, 'noEscape') === true;
  }

  program(program: Program | undefined, frame: Frame): string {
    return program ? program.body.map((node) => this.statement(node, frame)).join('') : '';
  }

  statement(node: Node, frame: Frame): string {
    switch (node.type) {
      case 'ContentStatement':
        return (node as hbs.AST.ContentStatement).value;
      case 'CommentStatement':
        return '';
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        const value = this.call(m.path, m.params, frame);
        return m.escaped && !this.#noEscape ? escape(value) : text(value);
      }
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement, frame);
      default:
        throw new Error(`${node.type.replace('Statement', '').toLowerCase()}s are not supported`);
    }
  }

  expression(node: Node, frame: Frame): unknown {
    switch (node.type) {
      case 'PathExpression':
        return lookupPath(node as hbs.AST.PathExpression, frame);
      case 'SubExpression': {
        const s = node as hbs.AST.SubExpression;
        return this.call(s.path, s.params, frame);
      }
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return (node as hbs.AST.StringLiteral).value;
      case 'NullLiteral':
        return null;
      default:
        return undefined;
    }
  }

  /** A mustache or subexpression: a helper call, else the value of its path. */
  call(path: Node, params: Node[], frame: Frame): unknown {
    const name = (path as hbs.AST.PathExpression).original;
    const args = params.map((p) => this.expression(p, frame));
    if (name === 'lookup') return property(args[0], String(args[1]));
    if (name === 'log') return '';
    if (args.length > 0) throw new Error(`unknown helper "${name}"`);
    return this.expression(path, frame);
  }

  block(b: hbs.AST.BlockStatement, frame: Frame): string {
    const name = b.path.original;
    const [arg] = b.params.map((p) => this.expression(p, frame));
    const includeZero = b.hash?.pairs.some((p) => p.key === 'includeZero') ?? false;
    switch (name) {
      case 'if':
      case 'unless': {
        const empty = (!includeZero && !arg) || isEmpty(arg);
        return this.program(empty === (name === 'if') ? b.inverse : b.program, frame);
      }
      case 'with':
        return isEmpty(arg) ? this.program(b.inverse, frame) : this.scoped(b.program, arg, frame);
      case 'each':
        return this.each(b, arg, frame);
      default: {
        if (b.params.length > 0) throw new Error(`unknown helper "${name}"`);
        const value = this.expression(b.path, frame);
        if (Array.isArray(value)) return this.each(b, value, frame);
        if (isEmpty(value)) return this.program(b.inverse, frame);
        return value === true
          ? this.program(b.program, frame)
          : this.scoped(b.program, value, frame);
      }
    }
  }

  scoped(
    program: Program,
    context: unknown,
    frame: Frame,
    data = {},
    params: unknown[] = [context],
  ) {
    const named = Object.fromEntries((program.blockParams ?? []).map((n, i) => [n, params[i]]));
    return this.program(program, {
      contexts: [...frame.contexts, context],
      data: { ...frame.data, ...data },
      params: { ...frame.params, ...named },
    });
  }

  each(b: hbs.AST.BlockStatement, value: unknown, frame: Frame): string {
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : value !== null && typeof value === 'object'
        ? Object.entries(value)
        : [];
    if (entries.length === 0) return this.program(b.inverse, frame);
    return entries
      .map(([key, item], index) => {
        const data = { index, key, first: index === 0, last: index === entries.length - 1 };
        return this.scoped(b.program, item, frame, data, [item, key]);
      })
      .join('');
  }
}

/** The template rendered with `data`; `options.noEscape` as in `Handlebars.compile`. Throws
 * with Handlebars' message on a template that does not parse. */
export function renderTemplate(template: string, data: unknown, options: unknown = {}): string {
  const ast = Handlebars.parse(template);
  return new Renderer(options).program(ast, { contexts: [data], data: {}, params: {} });
}

/**
 * The policy of the frame's document: inline scripts and styles, `data:` and `blob:` images, no
 * network, frames or forms. The same text as `POLICY` in `src-tauri/src/visualizer.rs`, which
 * the app sends as the document's header.
 */
export const VISUALIZER_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; " +
  "style-src 'unsafe-inline'; img-src data: blob:; form-action 'none'; base-uri 'none'";

/**
 * The frame's whole document: the policy first, then `pm.getData(callback)` for the template's
 * own scripts (as in Postman; the data is embedded, nothing is fetched), then the rendered
 * template. The app serves it on its own scheme with the same policy as a header (see
 * `VisualizerFrame.svelte`), so its scripts run, and nothing else loads.
 */
export function visualizerDocument(html: string, data: unknown): string {
  const json = (JSON.stringify(data) ?? 'null').replace(/</g, '\\u003c');
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${VISUALIZER_POLICY}">`,
    `<script>window.pm={getData:function(cb){cb(null,${json});}};</script>`,
    '</head><body>',
    html,
    '</body></html>',
  ].join('');
}
