/**
 * Keeping Tab inside a modal dialog. `wrapTarget` is the pure rule (tested); `trapTab` applies
 * it to a keydown event on the dialog.
 */

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements of `root` that Tab can reach, in order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hidden && el.getClientRects().length > 0,
  );
}

/**
 * Where focus must go when Tab (or Shift+Tab when `backwards`) is pressed on `current`, so it
 * stays among `items`: the other end when it would leave them, the first (or last) item when it
 * is outside them, and `null` when the browser's own move stays inside.
 */
export function wrapTarget<T>(items: T[], current: T | null, backwards: boolean): T | null {
  if (items.length === 0) return null;
  const first = items[0] as T;
  const last = items[items.length - 1] as T;
  const at = current === null ? -1 : items.indexOf(current);
  if (at === -1) return backwards ? last : first;
  if (backwards && at === 0) return last;
  if (!backwards && at === items.length - 1) return first;
  return null;
}

/** Keeps a Tab pressed inside `root` among its focusable elements. */
export function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const target = wrapTarget(focusables(root), active, e.shiftKey);
  if (target) {
    e.preventDefault();
    target.focus();
  }
}
