/**
 * `{{variable}}` tokens in text, and how each resolves against the variables in scope that the
 * core reports (`variables_in_scope`): for highlighting in the URL bar and the code editors.
 *
 * Only the outermost `{{name}}` spans are tokens (a name holds no braces). What a name resolves
 * to is decided by the core's list; this module only looks names up in it, and never sees a
 * secret's value (the core leaves them out).
 */
import type { VariableInScope } from './bindings/VariableInScope';
import type { VariablesInScope } from './bindings/VariablesInScope';

/** `resolved` plain value; `secret` a secret variable or vault secret; `dynamic` `$guid` & co. */
export type TokenState = 'resolved' | 'unresolved' | 'secret' | 'dynamic';

export interface Token {
  /** The name between the braces, trimmed. */
  name: string;
  /** Offsets of the whole `{{…}}` in the text. */
  from: number;
  to: number;
}

/** A piece of text: plain, or a token. */
export type Segment = { text: string; token: null } | { text: string; token: Token };

const TOKEN = /\{\{([^{}]+)\}\}/g;

/** Every `{{name}}` in `text`, in order. */
export function findTokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ name: m[1]!.trim(), from: m.index, to: m.index + m[0].length });
  }
  return out;
}

/** `text` cut into plain pieces and tokens, covering it exactly. */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const token of findTokens(text)) {
    if (token.from > at) out.push({ text: text.slice(at, token.from), token: null });
    out.push({ text: text.slice(token.from, token.to), token });
    at = token.to;
  }
  if (at < text.length) out.push({ text: text.slice(at), token: null });
  return out;
}

const SOURCES: Record<VariableInScope['source'], string> = {
  globals: 'globals',
  collection: 'collection',
  folder: 'folder',
  environment: 'environment',
  vault: 'vault',
};

/** What a token stands for: its state and a one-line description for a hover. */
export interface Resolution {
  state: TokenState;
  /** E.g. `base = http://localhost (environment)`, `token = •••• (secret, vault)`. */
  description: string;
}

/** How `name` resolves in `scope` (`null` while unknown: everything counts as unresolved). */
export function resolve(name: string, scope: VariablesInScope | null): Resolution {
  const found = scope?.variables.find((v) => v.key === name);
  if (found) {
    const source = SOURCES[found.source];
    if (found.secret) return { state: 'secret', description: `${name} = •••• (secret, ${source})` };
    return { state: 'resolved', description: `${name} = ${found.value ?? ''} (${source})` };
  }
  if (scope?.dynamic.includes(name)) {
    return { state: 'dynamic', description: `${name}: a new value at each send (dynamic)` };
  }
  return { state: 'unresolved', description: `${name} is not defined in any scope in force` };
}

/** Names in `text` that resolve nowhere, each once, for an announcement. */
export function unresolvedNames(text: string, scope: VariablesInScope | null): string[] {
  const names = findTokens(text)
    .map((t) => t.name)
    .filter((n) => resolve(n, scope).state === 'unresolved');
  return [...new Set(names)];
}
