/**
 * Path variables: the `:name` segments of a URL's path and the table of their values, kept in
 * step with the URL as Postman does (a segment typed adds a row, a segment removed drops it,
 * values are kept by name).
 */
import type { KeyValue } from './bindings/KeyValue';
import { splitUrl } from './query';

/** The names of `:name` path segments in `url`, in order, each once. */
export function pathVariableNames(url: string): string[] {
  const { base } = splitUrl(url);
  // Skip the scheme and authority, whose `:` are a port or credentials, not variables.
  const scheme = base.indexOf('://');
  const afterScheme = scheme === -1 ? base : base.slice(scheme + 3);
  const slash = afterScheme.indexOf('/');
  const path = slash === -1 ? '' : afterScheme.slice(slash);
  const names = path
    .split('/')
    .filter((s) => s.startsWith(':') && s.length > 1)
    .map((s) => s.slice(1));
  return [...new Set(names)];
}

/** The table for `url`: one row per `:name`, in URL order, keeping earlier values by name. */
export function syncPathVariables(url: string, rows: KeyValue[]): KeyValue[] {
  return pathVariableNames(url).map(
    (key) => rows.find((r) => r.key === key) ?? { key, value: '', enabled: true, description: '' },
  );
}
