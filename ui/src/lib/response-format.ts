/**
 * How a response reads in the panel: its status class, duration and sizes in words, and its body
 * as text to show (pretty-printed when it is JSON) or as a note that it is binary.
 */
import type { Header } from './bindings/Header';
import type { Payload } from './bindings/Payload';
import type { RawLanguage } from './bindings/RawLanguage';

export type StatusClass = 'info' | 'success' | 'redirect' | 'client-error' | 'server-error';

export function statusClass(status: number): StatusClass {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  if (status >= 200) return 'success';
  return 'info';
}

/** `12 ms` under ten seconds, else `12.3 s`. */
export function formatDuration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `512 B`, `1.5 KB`, `2.0 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** The first value of a header, names compared without case. */
export function headerValue(headers: Header[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** The language a body is shown in, from its `Content-Type`. */
export function languageOf(contentType: string | undefined): RawLanguage {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.endsWith('json')) return 'json';
  if (type.endsWith('xml')) return 'xml';
  if (type === 'text/html') return 'html';
  if (type.endsWith('javascript') || type.endsWith('ecmascript')) return 'javascript';
  return 'text';
}

/**
 * JSON text re-indented by two spaces, token by token, so numbers keep every digit (parsing and
 * printing would round big integers). `null` when `text` is not valid JSON.
 */
export function prettyJson(text: string): string | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  let out = '';
  let depth = 0;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let next = i + 1;
      while (/\s/.test(text.charAt(next))) next++;
      if (text[next] === close) {
        out += c + close;
        i = next;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') {
      out += ',' + newline();
    } else if (c === ':') {
      out += ': ';
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/** A response body as the Body tab shows it. */
export type BodyView =
  { kind: 'text'; text: string; language: RawLanguage } | { kind: 'binary'; size: number };

export function bodyView(body: Payload, headers: Header[]): BodyView {
  if (body.content.encoding === 'base64') return { kind: 'binary', size: body.size };
  const text = body.content.text;
  const declared = languageOf(headerValue(headers, 'content-type'));
  const looksJson = /^\s*[[{]/.test(text);
  if (!body.isTruncated && (declared === 'json' || (declared === 'text' && looksJson))) {
    const pretty = prettyJson(text);
    if (pretty !== null) return { kind: 'text', text: pretty, language: 'json' };
  }
  return { kind: 'text', text, language: declared };
}
