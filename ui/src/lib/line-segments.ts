/**
 * One line of a body in the viewer as coloured segments: JSON tokens (keys, strings, numbers,
 * literals) by a cheap per-line scan, or the line cut around search matches. Only the few
 * dozen lines in view are ever scanned, so the cost does not grow with the body; a line longer
 * than `COLOUR_LIMIT` is left plain.
 */
import type { Match } from './bindings/Match';

/** Longest line given JSON colours, in characters. */
export const COLOUR_LIMIT = 2_000;

export type SegmentKind = 'plain' | 'key' | 'string' | 'number' | 'literal' | 'match' | 'current';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

function colour(text: string): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index > at) out.push({ kind: 'plain', text: text.slice(at, index) });
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] });
      if (m[2]) out.push({ kind: 'plain', text: m[2] });
    } else {
      out.push({ kind: m[3] !== undefined ? 'number' : 'literal', text: m[0] });
    }
    at = index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'plain', text: text.slice(at) });
  return out;
}

/**
 * The segments of `text`: cut around `matches` when there are any (`current` marked apart),
 * else JSON colours when `isJson` and the line is short enough, else one plain segment.
 */
export function segments(
  text: string,
  isJson: boolean,
  matches: Match[] = [],
  current?: Match,
): Segment[] {
  if (matches.length > 0) {
    const out: Segment[] = [];
    let at = 0;
    for (const m of matches) {
      if (m.start < at || m.start >= text.length) continue;
      if (m.start > at) out.push({ kind: 'plain', text: text.slice(at, m.start) });
      const kind = m === current ? 'current' : 'match';
      out.push({ kind, text: text.slice(m.start, m.end) });
      at = m.end;
    }
    if (at < text.length) out.push({ kind: 'plain', text: text.slice(at) });
    return out;
  }
  if (isJson && text.length <= COLOUR_LIMIT) return colour(text);
  return [{ kind: 'plain', text }];
}
