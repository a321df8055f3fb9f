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

/** Ctrl+T (Cmd+T on macOS): a new request in a new tab. */
export function isNewTabShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 't';
}

/** Ctrl+W (Cmd+W on macOS): close the active tab. */
export function isCloseTabShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'w';
}

/** Ctrl+Shift+T (Cmd+Shift+T on macOS): reopen the tab closed last. */
export function isReopenTabShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.shiftKey && e.key.toLowerCase() === 't';
}

/** Ctrl+Tab and Ctrl+Shift+Tab (also Ctrl+PageDown / Ctrl+PageUp): the step to the next
 * (1) or previous (-1) tab, else `null`. */
export function tabCycleShortcut(e: KeyLike): 1 | -1 | null {
  if (!e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.key === 'Tab') return e.shiftKey ? -1 : 1;
  if (e.shiftKey) return null;
  if (e.key === 'PageDown') return 1;
  if (e.key === 'PageUp') return -1;
  return null;
}
