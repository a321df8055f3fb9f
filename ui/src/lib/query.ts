/**
 * The URL's query string and the Params table, kept in step both ways, as Postman does.
 *
 * The query string holds the enabled params only; disabled ones live in the table alone. Text
 * is kept as typed (no percent-decoding or encoding: values may hold `{{variables}}`, and the
 * engine encodes when it sends). Editing the URL never rewrites the URL itself; editing the
 * table rewrites only the URL's query.
 */
import type { KeyValue } from './bindings/KeyValue';

/** A URL cut at its query and fragment: `base?query#fragment`. */
export interface UrlParts {
  base: string;
  /** Without the `?`; `null` when there is no `?`. */
  query: string | null;
  /** With its `#`, or empty. */
  fragment: string;
}

export function splitUrl(url: string): UrlParts {
  const hash = url.indexOf('#');
  const fragment = hash === -1 ? '' : url.slice(hash);
  const rest = hash === -1 ? url : url.slice(0, hash);
  const mark = rest.indexOf('?');
  if (mark === -1) return { base: rest, query: null, fragment };
  return { base: rest.slice(0, mark), query: rest.slice(mark + 1), fragment };
}

/** The `key=value` pairs of a query string, in order; empty pieces (`a=1&&b=2`) are skipped. */
export function parseQuery(query: string): { key: string; value: string }[] {
  return query
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece) => {
      const eq = piece.indexOf('=');
      return eq === -1
        ? { key: piece, value: '' }
        : { key: piece.slice(0, eq), value: piece.slice(eq + 1) };
    });
}

/**
 * The params table after the URL became `url`: the enabled rows are replaced, in order, by the
 * URL's pairs (keeping each row's description), extra pairs are appended, and disabled rows stay
 * where they were.
 */
export function paramsFromUrl(url: string, params: KeyValue[]): KeyValue[] {
  const { query } = splitUrl(url);
  const pairs = query === null ? [] : parseQuery(query);
  let next = 0;
  const out: KeyValue[] = [];
  for (const row of params) {
    if (!row.enabled) {
      out.push(row);
      continue;
    }
    const pair = pairs[next++];
    if (pair) out.push({ ...row, key: pair.key, value: pair.value });
  }
  for (const pair of pairs.slice(next)) {
    out.push({ key: pair.key, value: pair.value, enabled: true, description: '' });
  }
  return out;
}

/** `url` with its query rebuilt from the enabled rows of `params` (no `?` when there are none). */
export function urlWithParams(url: string, params: KeyValue[]): string {
  const { base, fragment } = splitUrl(url);
  const pieces = params
    .filter((row) => row.enabled && (row.key !== '' || row.value !== ''))
    .map((row) => `${row.key}=${row.value}`);
  return pieces.length === 0 ? base + fragment : `${base}?${pieces.join('&')}${fragment}`;
}
