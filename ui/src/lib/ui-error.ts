/**
 * Turns whatever a failed command or a bug threw into the `UiError` shape the UI shows.
 *
 * The shell rejects with a `UiError`, but Tauri itself rejects with a plain string (e.g. an
 * unknown command) and code can throw an `Error`; all three are shown the same way.
 */
import type { UiError } from './bindings/UiError';

export function isUiError(value: unknown): value is UiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    typeof v.message === 'string' &&
    (v.place === null || v.place === undefined || typeof v.place === 'string')
  );
}

export function toUiError(value: unknown): UiError {
  if (isUiError(value)) {
    return { kind: value.kind, message: value.message, place: value.place ?? null };
  }
  if (typeof value === 'string') return { kind: 'ipc', message: value, place: null };
  if (value instanceof Error) return { kind: 'internal', message: value.message, place: null };
  return { kind: 'internal', message: String(value), place: null };
}
