/**
 * Body modes as the editor offers them, and switching between them without losing what was
 * typed: the body left behind is remembered per mode for as long as the request stays open.
 */
import type { Body } from './bindings/Body';
import type { FormPart } from './bindings/FormPart';
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

/** Modes the editor has a form for (all of them). */
export function isEditableMode(mode: BodyMode): boolean {
  return BODY_MODES.some((m) => m.mode === mode);
}

/** A new multipart part: text, enabled, no explicit content type. */
export const BLANK_PART: FormPart = {
  key: '',
  value: { type: 'text', value: '' },
  contentType: null,
  enabled: true,
  description: '',
};

/** The part's value as one line: its text, or its file paths joined with `; `. */
export function partText(part: FormPart): string {
  return part.value.type === 'text' ? part.value.value : part.value.paths.join('; ');
}

/** `part` with its value set from one line of `text`, in its kind (`; ` separates paths). */
export function withPartText(part: FormPart, text: string): FormPart {
  if (part.value.type === 'text') return { ...part, value: { type: 'text', value: text } };
  const paths = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return { ...part, value: { type: 'file', paths } };
}

/** `part` turned into a text or a file part; the text becomes the path, and back. */
export function withPartKind(part: FormPart, kind: 'text' | 'file'): FormPart {
  if (part.value.type === kind) return part;
  const text = partText(part);
  const value: FormPart['value'] =
    kind === 'text' ? { type: 'text', value: text } : { type: 'file', paths: text ? [text] : [] };
  return { ...part, value };
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
