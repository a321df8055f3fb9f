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
  shown = render(PreferencesView, { value, status: '', isError: false, onchange, onclose });
  return { onchange, onclose, target: shown.target };
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
});
