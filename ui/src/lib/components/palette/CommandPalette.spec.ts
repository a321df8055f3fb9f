// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paletteEntries } from '../../palette';
import { collections } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import CommandPalette from './CommandPalette.svelte';
import ShortcutSheet from './ShortcutSheet.svelte';
import { SHORTCUTS } from '../../shortcuts';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function palette(onrun = vi.fn(), onclose = vi.fn()) {
  shown = render(CommandPalette, { entries: paletteEntries(collections(), []), onrun, onclose });
  const input = shown.target.ownerDocument.querySelector<HTMLInputElement>(
    '[data-testid="palette-input"]',
  )!;
  return { input, onrun, onclose };
}

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function key(input: HTMLInputElement, k: string) {
  input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  flushSync();
}

function options(): string[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="palette-option"]')].map(
    (o) => o.dataset.entry ?? '',
  );
}

describe('CommandPalette', () => {
  it('takes the focus and lists actions before anything is typed', () => {
    const { input } = palette();
    expect(document.activeElement).toBe(input);
    expect(options()[0]).toBe('action:new-request');
  });

  it('ranks fuzzy matches, and Enter runs the chosen one', () => {
    const { input, onrun } = palette();
    type(input, 'crt usr');
    expect(options()[0]).toBe('request:14');
    key(input, 'Enter');
    expect(onrun).toHaveBeenCalledWith(expect.objectContaining({ id: 'request:14' }));
  });

  it('moves the choice with the arrows and says which one is active', () => {
    const { input, onrun } = palette();
    type(input, 'user');
    const first = options()[0];
    key(input, 'ArrowDown');
    const active = input.getAttribute('aria-activedescendant')!;
    expect(document.getElementById(active)?.getAttribute('aria-selected')).toBe('true');
    key(input, 'ArrowUp');
    key(input, 'Enter');
    expect(onrun).toHaveBeenCalledWith(expect.objectContaining({ id: first }));
  });

  it('marks the matched letters and says when nothing matches', () => {
    const { input } = palette();
    type(input, 'admins');
    const marks = document.querySelectorAll('[data-entry="request:12"] mark');
    expect([...marks].map((m) => m.textContent).join('')).toBe('admins');
    type(input, 'qqqqzz');
    expect(options()).toEqual([]);
    expect(document.body.textContent).toContain('Nothing matches.');
  });

  it('runs an entry picked with the pointer, keeping the focus in the search box', () => {
    const { input, onrun } = palette();
    type(input, 'health');
    const option = document.querySelector<HTMLElement>('[data-entry="request:12"]');
    expect(option).toBeNull(); // not a match
    type(input, 'list admins');
    document
      .querySelector<HTMLElement>('[data-entry="request:12"]')!
      .dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    expect(onrun).toHaveBeenCalledWith(expect.objectContaining({ id: 'request:12' }));
    expect(document.activeElement).toBe(input);
  });

  it('closes on Escape', () => {
    const { input, onclose } = palette();
    key(input, 'Escape');
    expect(onclose).toHaveBeenCalledOnce();
  });
});

describe('ShortcutSheet', () => {
  it('lists every shortcut of the table, grouped', () => {
    const onclose = vi.fn();
    shown = render(ShortcutSheet, { onclose });
    const rows = [...document.querySelectorAll<HTMLElement>('[data-shortcut]')];
    expect(rows.map((r) => r.dataset.shortcut)).toEqual(SHORTCUTS.map((s) => s.id));
    const palette = rows.find((r) => r.dataset.shortcut === 'palette')!;
    expect(palette.textContent).toContain('Ctrl+K');
    expect(palette.textContent).toContain('Open the command palette');
    const headings = [...document.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).toEqual(['Window', 'Sidebar tree', 'Palette and menus']);
  });
});
