// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import MethodPicker from './MethodPicker.svelte';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function picker(value = 'GET') {
  const oninput = vi.fn();
  const onpick = vi.fn();
  const onblur = vi.fn();
  shown = render(MethodPicker, { id: 'm', value, methods: METHODS, oninput, onpick, onblur });
  const input = shown.target.querySelector<HTMLInputElement>('[data-testid="request-method"]')!;
  return { root: shown.target, input, oninput, onpick, onblur };
}

function key(target: HTMLElement, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  flushSync();
  return event;
}

const options = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('[data-testid="method-option"]')].map(
    (o) => o.textContent?.trim() ?? '',
  );

describe('MethodPicker', () => {
  it('is a combobox whose list opens with ArrowDown and offers the common methods', () => {
    const { root, input } = picker();
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(options(root)).toEqual([]);
    key(input, 'ArrowDown');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(options(root)).toEqual(METHODS);
    expect(root.querySelector('[role="listbox"]')?.id).toBe(input.getAttribute('aria-controls'));
  });

  it('picks a method by keyboard: arrows move the active option, Enter picks it', () => {
    const { root, input, onpick } = picker('GET');
    key(input, 'ArrowDown'); // opens on the current method, GET
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    const active = root.querySelector(`#${input.getAttribute('aria-activedescendant')}`);
    expect(active?.textContent?.trim()).toBe('PATCH');
    expect(active?.getAttribute('aria-selected')).toBe('true');
    const enter = key(input, 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(onpick).toHaveBeenCalledWith('PATCH');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('picks a method by pointer', () => {
    const { root, input, onpick } = picker();
    root.querySelector<HTMLButtonElement>('[data-testid="method-toggle"]')!.click();
    flushSync();
    const del = [...root.querySelectorAll<HTMLElement>('[data-testid="method-option"]')][4]!;
    del.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    del.click();
    flushSync();
    expect(onpick).toHaveBeenCalledWith('DELETE');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('takes a custom method typed in', () => {
    const { input, oninput } = picker();
    input.value = 'PURGE';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(oninput).toHaveBeenCalledWith('PURGE');
  });

  it('closes on Escape without letting the window see it (Esc also cancels a send)', () => {
    const { input } = picker();
    key(input, 'ArrowDown');
    const seen = vi.fn();
    window.addEventListener('keydown', seen);
    const esc = key(input, 'Escape');
    window.removeEventListener('keydown', seen);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(esc.defaultPrevented).toBe(true);
    expect(seen).not.toHaveBeenCalled();
  });

  it('colours the method as Postman does', () => {
    expect(picker('PATCH').root.querySelector('.method')?.getAttribute('data-tone')).toBe('patch');
    shown?.destroy();
    expect(picker('PURGE').root.querySelector('.method')?.getAttribute('data-tone')).toBe('other');
  });
});
