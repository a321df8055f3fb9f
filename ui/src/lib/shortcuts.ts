/**
 * Keyboard shortcuts that apply across the window, matched on plain key data so they are
 * tested without a DOM.
 */
import type { Direction } from './tree';

/** The parts of a `KeyboardEvent` the shortcuts look at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Ctrl+S (Cmd+S on macOS): save the open request. Caps Lock does not matter. */
export function isSaveShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's';
}

/** Ctrl+E (Cmd+E on macOS): focus the environment switcher. */
export function isEnvironmentShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'e';
}

/** Ctrl+, (Cmd+, on macOS): open the app's preferences. */
export function isPreferencesShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === ',';
}

/** Ctrl+Enter (Cmd+Enter on macOS): send the open request. */
export function isSendShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key === 'Enter';
}

/** Escape alone: cancel the send under way. */
export function isCancelKey(e: KeyLike): boolean {
  return e.key === 'Escape' && isPlain(e);
}

/** Alt+ArrowUp / Alt+ArrowDown on a tree row: move it among its siblings. */
export function moveShortcut(e: KeyLike): Direction | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  if (e.key === 'ArrowUp') return 'up';
  if (e.key === 'ArrowDown') return 'down';
  return null;
}

/** A key with no modifier at all. */
export function isPlain(e: KeyLike): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
}

/** Ctrl+O (Cmd+O on macOS): open the Import dialog. */
export function isImportShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'o';
}
