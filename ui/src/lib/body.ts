/**
 * Body modes as the editor offers them, and switching between them without losing what was
 * typed: the body left behind is remembered per mode for as long as the request stays open.
 */
import type { Body } from './bindings/Body';
import type { RawLanguage } from './bindings/RawLanguage';

export type BodyMode = Body['mode'];

export const BODY_MODES: { mode: BodyMode; label: string }[] = [
  { mode: 'none', label: 'None' },
  { mode: 'raw', label: 'Raw' },
  { mode: 'urlencoded', label: 'URL-encoded form' },
  { mode: 'graphql', label: 'GraphQL' },
  { mode: 'multipart', label: 'Multipart form' },
  { mode: 'binary', label: 'Binary file' },
];

export const RAW_LANGUAGES: { language: RawLanguage; label: string }[] = [
  { language: 'json', label: 'JSON' },
  { language: 'text', label: 'Text' },
  { language: 'xml', label: 'XML' },
  { language: 'html', label: 'HTML' },
  { language: 'javascript', label: 'JavaScript' },
];

/** Modes this version edits; the others are shown and sent as stored. */
export function isEditableMode(mode: BodyMode): boolean {
  return mode !== 'multipart' && mode !== 'binary';
}

/** A new, empty body of `mode`. A new raw body is JSON, the usual case for an API. */
export function emptyBody(mode: BodyMode): Body {
  switch (mode) {
    case 'none':
      return { mode };
    case 'raw':
      return { mode, text: '', language: 'json' };
    case 'urlencoded':
      return { mode, fields: [] };
    case 'multipart':
      return { mode, parts: [] };
    case 'binary':
      return { mode, path: '' };
    case 'graphql':
      return { mode, query: '', variables: '', operation_name: null };
  }
}

/**
 * The body after switching from `current` to `mode`: what that mode held before in
 * `remembered`, else a new empty one. `current` is remembered in its turn.
 */
export function switchMode(current: Body, mode: BodyMode, remembered: Map<BodyMode, Body>): Body {
  if (current.mode === mode) return current;
  remembered.set(current.mode, current);
  return remembered.get(mode) ?? emptyBody(mode);
}
