/**
 * The app's preferences as the window uses them, saved as soon as they change.
 *
 * The look is applied to the document root, where anything may read it:
 * - `data-theme`: `light` or `dark` (the system's when the preference is "system", followed
 *   live through `prefers-color-scheme`); `app.css` colours and the code editors follow it.
 * - `data-layout`: `stacked` or `side-by-side`, the request/response layout the editor area
 *   shows (also `preferences.layout` here, for components that lay out in script).
 * - `--font-size`: the base font size in pixels.
 * - `--font`, `--font-mono`: the desktop's fonts, when the shell named them (`start`).
 *
 * The sizes of the panes (`value.panes`: the sidebar's width, the request's share of each
 * layout's split) move live while a splitter is dragged (`resizePanes`) and are saved once
 * they rest (`keepPanes`), so a drag writes the store once, not at every pointer move.
 *
 * The request settings in `value.settings` are the lowest level of every send's settings (the
 * core applies them, below the collection's); this state only edits them.
 */
import * as api from '../api';
import type { Boot } from '../bindings/Boot';
import type { Fonts } from '../bindings/Fonts';
import type { Layout } from '../bindings/Layout';
import type { Panes } from '../bindings/Panes';
import type { Preferences } from '../bindings/Preferences';
import { alerts } from './alerts.svelte';

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  fontSize: 14,
  layout: 'stacked',
  panes: { sidebarWidth: 300, stackedSplit: 0.45, sideBySideSplit: 0.5 },
  historyLimit: 1000,
  settings: {
    followRedirects: null,
    maxRedirects: null,
    followOriginalMethod: null,
    followAuthorizationHeader: null,
    timeoutMs: null,
    scriptTimeoutMs: null,
    verifyTls: null,
    useCookies: null,
    httpVersion: null,
  },
  files: { workingDir: null, readOutside: false, chosen: [] },
};

/** What the Files preferences ask of the shell; each goes through its own command. */
export type FileAction =
  'chooseWorkingDir' | 'clearWorkingDir' | 'allowOutside' | 'refuseOutside' | 'forgetChosen';

/** The `data-layout` value of a layout. */
export function layoutAttribute(layout: Layout): 'stacked' | 'side-by-side' {
  return layout === 'sideBySide' ? 'side-by-side' : 'stacked';
}

/** Sets the window's fonts (CSS `font-family` values) on `root`, over `app.css`'s lists. */
export function applyFonts(root: HTMLElement, fonts: Fonts): void {
  root.style.setProperty('--font', fonts.ui);
  root.style.setProperty('--font-mono', fonts.mono);
}

/** Writes the look of `prefs` onto `root` (the document's root element in the app). */
export function applyLook(root: HTMLElement, prefs: Preferences, systemDark: boolean): void {
  const dark = prefs.theme === 'dark' || (prefs.theme === 'system' && systemDark);
  root.dataset.theme = dark ? 'dark' : 'light';
  root.dataset.layout = layoutAttribute(prefs.layout);
  root.style.setProperty('--font-size', `${prefs.fontSize}px`);
}

/** How long pane sizes rest after their last move before they are saved, in milliseconds. */
export const PANE_SAVE_DELAY_MS = 300;

const DARK_QUERY = '(prefers-color-scheme: dark)';

export class PreferencesState {
  value = $state.raw<Preferences>(DEFAULT_PREFERENCES);
  systemDark = $state(false);
  isOpen = $state(false);
  /** The last save's outcome, announced by the view. */
  status = $state('');
  isError = $state(false);

  theme = $derived<'light' | 'dark'>(
    this.value.theme === 'dark' || (this.value.theme === 'system' && this.systemDark)
      ? 'dark'
      : 'light',
  );
  layout = $derived(this.value.layout);
  panes = $derived(this.value.panes);

  #root: HTMLElement | null = null;
  #panesTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the stored preferences were read: until then a pane's move is not saved, so it
   * cannot write the defaults over preferences the store could not give (a locked keychain). */
  #isLoaded = false;

  /**
   * Starts applying the look to `root`, following the system's theme from now on; call once
   * before the window is first drawn (the stored preferences then load with `load`).
   */
  attach(root: HTMLElement, media: Pick<Window, 'matchMedia'> | null = window): void {
    this.#root = root;
    const query = media?.matchMedia?.(DARK_QUERY);
    this.systemDark = query?.matches ?? false;
    query?.addEventListener('change', (e) => {
      this.systemDark = e.matches;
      this.#apply();
    });
    this.#apply();
  }

  /**
   * Draws the window with the fonts and the look the shell read before it opened (`boot.ts`),
   * until `load` gives all of the preferences. Until then nothing is saved, as before a load.
   */
  start(boot: Boot): void {
    if (this.#root) applyFonts(this.#root, boot.fonts);
    this.value = { ...this.value, ...boot.look };
    this.#apply();
  }

  /** Reads the stored preferences and applies them. */
  async load(): Promise<void> {
    const stored = await alerts.attempt(() => api.getPreferences());
    if (stored) {
      this.#isLoaded = true;
      this.#show(stored);
    }
  }

  open(): void {
    this.isOpen = true;
    this.status = '';
  }

  close(): void {
    this.isOpen = false;
  }

  /**
   * Applies `change` at once and saves it; on failure the stored preferences come back. A
   * change made while the save runs (a pane still moving) is kept over the save's answer.
   */
  async set(change: Partial<Preferences>): Promise<boolean> {
    const before = this.value;
    const sent = { ...before, ...change };
    this.value = sent;
    this.#apply();
    try {
      const stored = await api.savePreferences(sent);
      if (this.value === sent) this.#show(stored);
      this.status = 'Preferences saved';
      this.isError = false;
      return true;
    } catch (error) {
      if (this.value === sent) this.#show(before);
      this.status = `Could not save: ${alerts.report(error).message}`;
      this.isError = true;
      return false;
    }
  }

  /**
   * Changes which files sends read. Widening goes through a native dialog (a folder picker, a
   * confirmation) in the shell; the stored rules come back and are shown.
   */
  async files(action: FileAction): Promise<void> {
    try {
      const files = await fileCommand(action);
      this.value = { ...this.value, files };
      this.status =
        action === 'allowOutside' && !files.readOutside
          ? 'Reading outside the working directory stays off'
          : 'Preferences saved';
      this.isError = false;
    } catch (error) {
      this.status = `Could not save: ${alerts.report(error).message}`;
      this.isError = true;
    }
  }

  /** Switches the request/response layout between stacked and side by side, and saves it. */
  toggleLayout(): Promise<boolean> {
    return this.set({ layout: this.value.layout === 'sideBySide' ? 'stacked' : 'sideBySide' });
  }

  /** Shows pane sizes at once, without saving them (a splitter being dragged). */
  resizePanes(change: Partial<Panes>): void {
    this.value = { ...this.value, panes: { ...this.value.panes, ...change } };
  }

  /**
   * Saves the pane sizes shown once they have rested for `PANE_SAVE_DELAY_MS`: a drag's end,
   * or the last of a run of arrow keys, writes the store once. Nothing is saved before the
   * stored preferences were read (the sizes then hold for this session only).
   */
  keepPanes(): void {
    if (!this.#isLoaded) return;
    clearTimeout(this.#panesTimer);
    this.#panesTimer = setTimeout(() => {
      this.#panesTimer = undefined;
      void this.set({});
    }, PANE_SAVE_DELAY_MS);
  }

  #show(prefs: Preferences): void {
    this.value = prefs;
    this.#apply();
  }

  #apply(): void {
    if (this.#root) applyLook(this.#root, this.value, this.systemDark);
  }
}

function fileCommand(action: FileAction) {
  switch (action) {
    case 'chooseWorkingDir':
      return api.chooseWorkingDir();
    case 'clearWorkingDir':
      return api.narrowFileReads(true, false);
    case 'allowOutside':
      return api.allowReadingOutside();
    case 'refuseOutside':
      return api.narrowFileReads(false, false);
    case 'forgetChosen':
      return api.narrowFileReads(false, true);
  }
}

export const preferences = new PreferencesState();
