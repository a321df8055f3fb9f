// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { Preferences } from '../../bindings/Preferences';
import { DEFAULT_PREFERENCES } from '../../state/preferences.svelte';
import { render, type Rendered } from '../../testing/render';
import PreferencesView from './PreferencesView.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function view(value: Preferences = DEFAULT_PREFERENCES) {
  const onchange = vi.fn();
  const onclose = vi.fn();
  const onfiles = vi.fn();
  shown = render(PreferencesView, {
    value,
    status: '',
    isError: false,
    onchange,
    onfiles,
    onclose,
  });
  return { onchange, onclose, onfiles, target: shown.target };
}

function field<T extends HTMLElement>(target: HTMLElement, hook: string): T {
  const found = target.querySelector<T>(`[data-testid="${hook}"]`);
  if (!found) throw new Error(`no ${hook}`);
  return found;
}

function change(input: HTMLInputElement | HTMLSelectElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

describe('PreferencesView', () => {
  it('shows the stored theme and reports a new one', () => {
    const { onchange, target } = view({ ...DEFAULT_PREFERENCES, theme: 'light' });
    expect(field<HTMLInputElement>(target, 'pref-theme-light').checked).toBe(true);
    field<HTMLInputElement>(target, 'pref-theme-dark').click();
    flushSync();
    expect(onchange).toHaveBeenCalledWith({ theme: 'dark' });
  });

  it('takes a font size, layout and history limit in range only', () => {
    const { onchange, target } = view();
    change(field(target, 'pref-font-size'), '18');
    change(field(target, 'pref-font-size'), '99');
    change(field(target, 'pref-layout'), 'sideBySide');
    change(field(target, 'pref-history-limit'), '50');
    change(field(target, 'pref-history-limit'), '0');
    expect(onchange.mock.calls).toEqual([
      [{ fontSize: 18 }],
      [{ layout: 'sideBySide' }],
      [{ historyLimit: 50 }],
    ]);
  });

  it('edits the request defaults and keeps the per-collection ones out', () => {
    const value = {
      ...DEFAULT_PREFERENCES,
      settings: { ...DEFAULT_PREFERENCES.settings, useCookies: false },
    };
    const { onchange, target } = view(value);
    expect(target.querySelector('[data-testid="setting-useCookies"]')).toBeNull();
    expect(target.querySelector('[data-testid="setting-scriptTimeoutMs"]')).toBeNull();
    change(field(target, 'setting-timeoutMs'), '2500');
    expect(onchange).toHaveBeenCalledWith({
      settings: expect.objectContaining({ timeoutMs: 2500, useCookies: false }),
    });
  });

  it('closes', () => {
    const { onclose, target } = view();
    field<HTMLButtonElement>(target, 'preferences-close').click();
    expect(onclose).toHaveBeenCalled();
  });

  it('shows the file rules and asks the shell to change them, never saving them itself', () => {
    const { onchange, onfiles, target } = view();
    expect(field(target, 'pref-working-dir').textContent).toBe('Not set');
    expect(target.querySelector('[data-testid="pref-working-dir-clear"]')).toBeNull();
    expect(field(target, 'pref-chosen-count').textContent).toContain('0 chosen files');
    field(target, 'pref-working-dir-choose').click();
    const outside = field<HTMLInputElement>(target, 'pref-read-outside');
    outside.click();
    flushSync();
    expect(outside.checked).toBe(false);
    expect(onfiles.mock.calls).toEqual([['chooseWorkingDir'], ['allowOutside']]);
    expect(onchange).not.toHaveBeenCalled();
  });

  it('offers to clear the working directory, refuse reading outside and forget chosen files', () => {
    const { onfiles, target } = view({
      ...DEFAULT_PREFERENCES,
      files: { workingDir: '/home/me/api', readOutside: true, chosen: ['/tmp/a.bin'] },
    });
    expect(field(target, 'pref-working-dir').textContent).toBe('/home/me/api');
    expect(field(target, 'pref-chosen-count').textContent).toContain('1 chosen file ');
    field(target, 'pref-working-dir-clear').click();
    field<HTMLInputElement>(target, 'pref-read-outside').click();
    field(target, 'pref-chosen-forget').click();
    expect(onfiles.mock.calls).toEqual([['clearWorkingDir'], ['refuseOutside'], ['forgetChosen']]);
  });
});
