/**
 * Every keyboard shortcut of the window, in one table (`SHORTCUTS`): the matchers the handlers
 * call and the shortcut sheet (Ctrl+/) both read it, so the sheet cannot drift from what the
 * keys do. Matched on plain key data so they are tested without a DOM.
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

/** Where a shortcut works, as the sheet groups them. */
export type ShortcutScope = 'Window' | 'Sidebar tree' | 'Palette and menus';

export interface Shortcut {
  id: string;
  /** The keys as the sheet shows them, e.g. `Ctrl+K`. */
  keys: string;
  /** What it does, as the sheet says it. */
  does: string;
  scope: ShortcutScope;
  /** Whether `e` is this shortcut; absent for keys described but matched by a widget. */
  match?: (e: KeyLike) => boolean;
}

/** A key with no modifier at all. */
export function isPlain(e: KeyLike): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
}

/** Ctrl+`key` (Cmd on macOS), with Shift only when asked; Caps Lock does not matter. */
function ctrl(key: string, shift = false) {
  return (e: KeyLike) =>
    (e.ctrlKey || e.metaKey) &&
    !e.altKey &&
    e.shiftKey === shift &&
    e.key.toLowerCase() === key.toLowerCase();
}

/** Ctrl+Alt+`key` (Cmd+Alt on macOS), as Postman's two-pane toggle. */
function ctrlAlt(key: string) {
  return (e: KeyLike) =>
    (e.ctrlKey || e.metaKey) && e.altKey && !e.shiftKey && e.key.toLowerCase() === key;
}

function alt(key: string) {
  return (e: KeyLike) => e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.key === key;
}

function plain(key: string) {
  return (e: KeyLike) => isPlain(e) && e.key === key;
}

export const SHORTCUTS = [
  {
    id: 'palette',
    keys: 'Ctrl+K',
    does: 'Open the command palette',
    scope: 'Window',
    match: ctrl('k'),
  },
  {
    id: 'sheet',
    keys: 'Ctrl+/',
    does: 'Show this list of shortcuts',
    scope: 'Window',
    match: ctrl('/'),
  },
  {
    id: 'send',
    keys: 'Ctrl+Enter',
    does: 'Send the open request',
    scope: 'Window',
    match: ctrl('Enter'),
  },
  {
    id: 'save',
    keys: 'Ctrl+S',
    does: 'Save the open request or variables',
    scope: 'Window',
    match: ctrl('s'),
  },
  {
    id: 'cancel',
    keys: 'Esc',
    does: 'Cancel the send or run under way; close a dialog',
    scope: 'Window',
    match: plain('Escape'),
  },
  {
    id: 'environment',
    keys: 'Ctrl+E',
    does: 'Focus the environment switcher',
    scope: 'Window',
    match: ctrl('e'),
  },
  { id: 'import', keys: 'Ctrl+O', does: 'Import files', scope: 'Window', match: ctrl('o') },
  {
    id: 'new-tab',
    keys: 'Ctrl+T',
    does: 'New request in a tab',
    scope: 'Window',
    match: ctrl('t'),
  },
  { id: 'close-tab', keys: 'Ctrl+W', does: 'Close the tab', scope: 'Window', match: ctrl('w') },
  {
    id: 'reopen-tab',
    keys: 'Ctrl+Shift+T',
    does: 'Reopen the last closed tab',
    scope: 'Window',
    match: ctrl('t', true),
  },
  {
    id: 'cycle-tabs',
    keys: 'Ctrl+Tab, Ctrl+Shift+Tab',
    does: 'Next or previous tab',
    scope: 'Window',
    match: (e: KeyLike) => tabCycleShortcut(e) !== null,
  },
  {
    id: 'preferences',
    keys: 'Ctrl+,',
    does: 'Open the preferences',
    scope: 'Window',
    match: ctrl(','),
  },
  {
    id: 'layout',
    keys: 'Ctrl+Alt+V',
    does: 'Switch the response between below and beside the request',
    scope: 'Window',
    match: ctrlAlt('v'),
  },
  {
    id: 'filter',
    keys: 'Ctrl+Shift+F',
    does: 'Filter the sidebar by name or URL (Esc clears)',
    scope: 'Window',
    match: ctrl('f', true),
  },
  {
    id: 'undo-delete',
    keys: 'Ctrl+Z',
    does: 'Undo a delete while its notice shows',
    scope: 'Window',
    match: ctrl('z'),
  },
  { id: 'tree-move-focus', keys: '↑ ↓ Home End', does: 'Move between rows', scope: 'Sidebar tree' },
  {
    id: 'tree-expand',
    keys: '→ ←',
    does: 'Open or close a folder; go to the first child or the parent',
    scope: 'Sidebar tree',
  },
  {
    id: 'tree-open',
    keys: 'Enter',
    does: 'Open a request; open or close a folder',
    scope: 'Sidebar tree',
  },
  {
    id: 'tree-menu',
    keys: 'Menu or Shift+F10',
    does: "Open the row's menu",
    scope: 'Sidebar tree',
    match: (e: KeyLike) =>
      (isPlain(e) && e.key === 'ContextMenu') ||
      (e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && e.key === 'F10'),
  },
  {
    id: 'tree-rename',
    keys: 'F2',
    does: 'Rename in place',
    scope: 'Sidebar tree',
    match: plain('F2'),
  },
  {
    id: 'tree-duplicate',
    keys: 'Ctrl+D',
    does: 'Duplicate',
    scope: 'Sidebar tree',
    match: ctrl('d'),
  },
  {
    id: 'tree-delete',
    keys: 'Delete',
    does: 'Delete (with Undo)',
    scope: 'Sidebar tree',
    match: plain('Delete'),
  },
  {
    id: 'tree-move-up',
    keys: 'Alt+↑',
    does: 'Move up among its siblings',
    scope: 'Sidebar tree',
    match: alt('ArrowUp'),
  },
  {
    id: 'tree-move-down',
    keys: 'Alt+↓',
    does: 'Move down among its siblings',
    scope: 'Sidebar tree',
    match: alt('ArrowDown'),
  },
  {
    id: 'tree-outdent',
    keys: 'Alt+←',
    does: 'Move out of its folder',
    scope: 'Sidebar tree',
    match: alt('ArrowLeft'),
  },
  {
    id: 'tree-indent',
    keys: 'Alt+→',
    does: 'Move into the folder above it',
    scope: 'Sidebar tree',
    match: alt('ArrowRight'),
  },
  { id: 'list-move', keys: '↑ ↓', does: 'Choose an entry', scope: 'Palette and menus' },
  {
    id: 'list-run',
    keys: 'Enter',
    does: 'Run or open the chosen entry',
    scope: 'Palette and menus',
  },
  {
    id: 'list-close',
    keys: 'Esc',
    does: 'Close and go back to where you were',
    scope: 'Palette and menus',
  },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** Whether `e` is the shortcut `id` of `SHORTCUTS`. */
export function matches(id: ShortcutId, e: KeyLike): boolean {
  const found: Shortcut | undefined = SHORTCUTS.find((s) => s.id === id);
  return found?.match?.(e) ?? false;
}

/** Ctrl+S (Cmd+S on macOS): save the open request. Caps Lock does not matter. */
export function isSaveShortcut(e: KeyLike): boolean {
  return matches('save', e);
}

/** Ctrl+E (Cmd+E on macOS): focus the environment switcher. */
export function isEnvironmentShortcut(e: KeyLike): boolean {
  return matches('environment', e);
}

/** Ctrl+Enter (Cmd+Enter on macOS): send the open request. */
export function isSendShortcut(e: KeyLike): boolean {
  return matches('send', e);
}

/** Escape alone: cancel the send under way. */
export function isCancelKey(e: KeyLike): boolean {
  return matches('cancel', e);
}

/** Alt+ArrowUp / Alt+ArrowDown on a tree row: move it among its siblings. */
export function moveShortcut(e: KeyLike): Direction | null {
  if (matches('tree-move-up', e)) return 'up';
  if (matches('tree-move-down', e)) return 'down';
  return null;
}

/** Ctrl+O (Cmd+O on macOS): open the Import dialog. */
export function isImportShortcut(e: KeyLike): boolean {
  return matches('import', e);
}

/** Ctrl+, (Cmd+, on macOS): open the app's preferences. */
export function isPreferencesShortcut(e: KeyLike): boolean {
  return matches('preferences', e);
}

/** Ctrl+Alt+V (Cmd+Alt+V on macOS): switch the layout between stacked and side by side. */
export function isLayoutShortcut(e: KeyLike): boolean {
  return matches('layout', e);
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
