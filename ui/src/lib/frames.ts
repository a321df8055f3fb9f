/**
 * WebSocket frames as the timeline shows them: their kind (a close frame with its code and
 * reason), time, data as text (JSON pretty-printed when expanded) and whether they match the
 * timeline's search and filters.
 */
import type { Direction } from './bindings/Direction';
import type { Frame } from './bindings/Frame';
import type { FrameKind } from './bindings/FrameKind';

/** What the timeline shows: all frames, or one direction or kind. */
export interface FrameFilter {
  /** Text the data (or the close reason) must hold, case-insensitive; empty: any. */
  query: string;
  direction: Direction | 'all';
  kind: FrameKind | 'all';
}

export const NO_FILTER: FrameFilter = { query: '', direction: 'all', kind: 'all' };

/** A frame's data as text: the text itself, or `base64:…` for bytes that are not UTF-8. */
export function frameText(frame: Frame): string {
  return frame.data.encoding === 'text' ? frame.data.text : `base64:${frame.data.base64}`;
}

/** The kind column: `close 4000 asked to` for a close frame, else the kind. */
export function kindLabel(frame: Frame): string {
  if (frame.kind !== 'close') return frame.kind;
  const reason = frameText(frame);
  return ['close', frame.code ?? '', reason].filter((p) => p !== '').join(' ');
}

/** Time since the socket opened: `+12 ms`, `+3.40 s`. */
export function formatAt(ms: number): string {
  return ms < 1000 ? `+${Math.round(ms)} ms` : `+${(ms / 1000).toFixed(2)} s`;
}

/** The data expanded: JSON pretty-printed when the text parses as an object or array. */
export function prettyData(frame: Frame): string {
  const text = frameText(frame);
  const trimmed = text.trim();
  if (frame.data.encoding === 'text' && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}

/** Whether `frame` is shown under `filter`. */
export function matchesFilter(frame: Frame, filter: FrameFilter): boolean {
  if (filter.direction !== 'all' && frame.direction !== filter.direction) return false;
  if (filter.kind !== 'all' && frame.kind !== filter.kind) return false;
  const query = filter.query.trim().toLowerCase();
  return query === '' || frameText(frame).toLowerCase().includes(query);
}
