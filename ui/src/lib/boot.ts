/**
 * The window's first frame, handed over by the shell before the page's scripts run
 * (`src-tauri/src/boot.rs`): the fonts, the look of the preferences, the workspaces and the
 * first one's tree. With it the first frame shows the sidebar's tree, with no IPC round trip.
 *
 * It is taken once per window. A reload of the page finds the same snapshot, which may be
 * stale by then, so the window notes in its session storage that it took one, and a reload
 * asks over IPC as a page without a snapshot (the dev server's, a test's) does.
 */
import type { Boot } from './bindings/Boot';

/** The global the shell's initialization script sets. */
export const BOOT_GLOBAL = '__LOCALPOST_BOOT__';

/** The session storage key noting that this window took its snapshot. */
export const BOOT_TAKEN = 'localpost.boot-taken';

/**
 * The shell's snapshot, the first time a window asks; `null` after that (a reload), when there
 * is none, or when the session storage cannot note it. The global is removed either way.
 */
export function takeBoot(
  global: Record<string, unknown> = window as unknown as Record<string, unknown>,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = sessionStorage,
): Boot | null {
  const boot = global[BOOT_GLOBAL] as Boot | undefined;
  delete global[BOOT_GLOBAL];
  if (!boot || !storage) return null;
  try {
    if (storage.getItem(BOOT_TAKEN) !== null) return null;
    storage.setItem(BOOT_TAKEN, '1');
  } catch {
    return null;
  }
  return boot;
}
