// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import { alerts } from './alerts.svelte';
import { DEFAULT_PREFERENCES, PANE_SAVE_DELAY_MS, PreferencesState } from './preferences.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

/** A `matchMedia` whose dark setting the test flips. */
function fakeMedia(dark: boolean) {
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const query = {
    matches: dark,
    addEventListener: (_: string, f: (e: { matches: boolean }) => void) => listeners.push(f),
  };
  return {
    media: { matchMedia: () => query } as unknown as Pick<Window, 'matchMedia'>,
    flip(next: boolean) {
      query.matches = next;
      for (const f of listeners) f({ matches: next });
    },
  };
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
  mocked.savePreferences.mockImplementation(async (p) => p);
});

describe('PreferencesState', () => {
  it('follows the system theme live while the preference is "system"', () => {
    const root = document.createElement('html');
    const system = fakeMedia(true);
    const prefs = new PreferencesState();
    prefs.attach(root, system.media);
    expect(root.dataset.theme).toBe('dark');
    system.flip(false);
    expect(root.dataset.theme).toBe('light');
    expect(root.dataset.layout).toBe('stacked');
    expect(root.style.getPropertyValue('--font-size')).toBe('14px');
  });

  it('applies and saves a theme, font size and layout', async () => {
    const root = document.createElement('html');
    const system = fakeMedia(false);
    const prefs = new PreferencesState();
    prefs.attach(root, system.media);
    await expect(prefs.set({ theme: 'dark', fontSize: 16, layout: 'sideBySide' })).resolves.toBe(
      true,
    );
    expect(mocked.savePreferences).toHaveBeenCalledWith({
      ...DEFAULT_PREFERENCES,
      theme: 'dark',
      fontSize: 16,
      layout: 'sideBySide',
    });
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.layout).toBe('side-by-side');
    expect(root.style.getPropertyValue('--font-size')).toBe('16px');
    system.flip(false);
    expect(root.dataset.theme, 'a chosen theme ignores the system').toBe('dark');
    expect(prefs.status).toBe('Preferences saved');
  });

  it('goes back to the stored preferences when a save fails', async () => {
    mocked.savePreferences.mockRejectedValue({ kind: 'store', message: 'disk full', place: null });
    const root = document.createElement('html');
    const prefs = new PreferencesState();
    prefs.attach(root, fakeMedia(false).media);
    await expect(prefs.set({ theme: 'dark' })).resolves.toBe(false);
    expect(root.dataset.theme).toBe('light');
    expect(prefs.status).toBe('Could not save: disk full');
    expect(prefs.isError).toBe(true);
  });

  it('loads the stored preferences', async () => {
    mocked.getPreferences.mockResolvedValue({ ...DEFAULT_PREFERENCES, theme: 'dark' });
    const root = document.createElement('html');
    const prefs = new PreferencesState();
    prefs.attach(root, fakeMedia(false).media);
    await prefs.load();
    expect(root.dataset.theme).toBe('dark');
  });
});

describe('PreferencesState layout and panes', () => {
  afterEach(() => vi.useRealTimers());

  it('toggles the layout both ways, on the root and in the store', async () => {
    const root = document.createElement('html');
    const prefs = new PreferencesState();
    prefs.attach(root, fakeMedia(false).media);
    await prefs.toggleLayout();
    expect(root.dataset.layout).toBe('side-by-side');
    expect(mocked.savePreferences).toHaveBeenLastCalledWith(
      expect.objectContaining({ layout: 'sideBySide' }),
    );
    await prefs.toggleLayout();
    expect(prefs.layout).toBe('stacked');
    expect(mocked.savePreferences).toHaveBeenLastCalledWith(
      expect.objectContaining({ layout: 'stacked' }),
    );
  });

  it('shows pane sizes at once and saves them once, after they rest', async () => {
    mocked.getPreferences.mockResolvedValue(DEFAULT_PREFERENCES);
    const prefs = new PreferencesState();
    await prefs.load();
    vi.useFakeTimers();
    prefs.resizePanes({ sidebarWidth: 320 });
    prefs.keepPanes();
    prefs.resizePanes({ stackedSplit: 0.6 });
    prefs.keepPanes();
    expect(prefs.panes).toEqual({
      ...DEFAULT_PREFERENCES.panes,
      sidebarWidth: 320,
      stackedSplit: 0.6,
    });
    vi.advanceTimersByTime(PANE_SAVE_DELAY_MS - 1);
    expect(mocked.savePreferences, 'not while they move').not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(mocked.savePreferences).toHaveBeenCalledTimes(1);
    expect(mocked.savePreferences).toHaveBeenCalledWith({
      ...DEFAULT_PREFERENCES,
      panes: { ...DEFAULT_PREFERENCES.panes, sidebarWidth: 320, stackedSplit: 0.6 },
    });
  });

  it('draws the shell’s fonts and look at once, and saves no pane before the load', async () => {
    const root = document.createElement('html');
    const prefs = new PreferencesState();
    prefs.attach(root, fakeMedia(false).media);
    prefs.start({
      fonts: { ui: '"Cantarell", sans-serif', mono: 'monospace' },
      look: {
        theme: 'dark',
        fontSize: 16,
        layout: 'sideBySide',
        panes: { sidebarWidth: 320, stackedSplit: 0.45, sideBySideSplit: 0.6 },
      },
      workspaces: [],
      tree: {
        workspace: {
          id: 1,
          name: 'w',
          position: 0,
          activeEnvironmentId: null,
          globals: [],
          classification: 'internal',
        },
        collections: [],
        environments: [],
      },
    });
    expect(root.style.getPropertyValue('--font')).toBe('"Cantarell", sans-serif');
    expect(root.style.getPropertyValue('--font-mono')).toBe('monospace');
    expect(root.dataset.theme).toBe('dark');
    expect(root.dataset.layout).toBe('side-by-side');
    expect(root.style.getPropertyValue('--font-size')).toBe('16px');
    expect(prefs.panes.sidebarWidth).toBe(320);
    expect(prefs.value.historyLimit, 'the rest waits for the load').toBe(1000);
    vi.useFakeTimers();
    prefs.resizePanes({ sidebarWidth: 400 });
    prefs.keepPanes();
    await vi.advanceTimersByTimeAsync(PANE_SAVE_DELAY_MS * 2);
    expect(mocked.savePreferences).not.toHaveBeenCalled();
    vi.useRealTimers();
  });

  it('saves no pane size over preferences it could not read', async () => {
    mocked.getPreferences.mockRejectedValue({ kind: 'secrets', message: 'locked', place: null });
    const prefs = new PreferencesState();
    await prefs.load();
    vi.useFakeTimers();
    prefs.resizePanes({ sidebarWidth: 500 });
    prefs.keepPanes();
    await vi.advanceTimersByTimeAsync(PANE_SAVE_DELAY_MS * 2);
    expect(prefs.panes.sidebarWidth, 'shown for the session').toBe(500);
    expect(mocked.savePreferences).not.toHaveBeenCalled();
  });

  it('keeps a size moved while a save runs over the save’s answer', async () => {
    let answer: (p: typeof DEFAULT_PREFERENCES) => void = () => {};
    mocked.savePreferences.mockImplementation(
      (p) => new Promise((resolve) => (answer = () => resolve(p))),
    );
    const prefs = new PreferencesState();
    const saving = prefs.set({ fontSize: 16 });
    prefs.resizePanes({ sidebarWidth: 400 });
    answer(DEFAULT_PREFERENCES);
    await saving;
    expect(prefs.panes.sidebarWidth).toBe(400);
    expect(prefs.value.fontSize).toBe(16);
  });

  it('changes the file rules through their commands and shows what the shell stored', async () => {
    const prefs = new PreferencesState();
    const stored = { workingDir: '/home/me/api', readOutside: false, chosen: [] };
    mocked.chooseWorkingDir.mockResolvedValue(stored);
    await prefs.files('chooseWorkingDir');
    expect(prefs.value.files).toEqual(stored);
    expect(mocked.savePreferences).not.toHaveBeenCalled();

    // The user declined the native confirmation: the rules come back unchanged and say so.
    mocked.allowReadingOutside.mockResolvedValue(stored);
    await prefs.files('allowOutside');
    expect(prefs.value.files.readOutside).toBe(false);
    expect(prefs.status).toBe('Reading outside the working directory stays off');

    mocked.narrowFileReads.mockResolvedValue({ ...stored, workingDir: null });
    await prefs.files('clearWorkingDir');
    expect(mocked.narrowFileReads).toHaveBeenLastCalledWith(true, false);
    await prefs.files('forgetChosen');
    expect(mocked.narrowFileReads).toHaveBeenLastCalledWith(false, true);
    expect(prefs.value.files.workingDir).toBeNull();

    mocked.narrowFileReads.mockRejectedValue({ kind: 'store', message: 'disk full', place: null });
    await prefs.files('refuseOutside');
    expect(prefs.isError).toBe(true);
    expect(prefs.status).toContain('disk full');
  });
});
