// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { render, type Rendered } from '../../testing/render';
import Composer from './Composer.svelte';

vi.mock('../../api');

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function composer(isOpen: boolean, events = false) {
  const onsend = vi.fn();
  shown = render(Composer, { isOpen, events, onsend });
  const q = <T extends HTMLElement>(id: string) =>
    shown!.target.querySelector<T>(`[data-testid="${id}"]`)!;
  return { onsend, q };
}

function type(area: HTMLTextAreaElement | HTMLInputElement, text: string) {
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('Composer', () => {
  it('is disabled while the socket is not open', () => {
    const { q } = composer(false);
    expect(q<HTMLTextAreaElement>('ws-compose-text').disabled).toBe(true);
    expect(q<HTMLButtonElement>('ws-compose-send').disabled).toBe(true);
  });

  it('sends the typed text with Send and with Ctrl+Enter, which goes no further', () => {
    const { q, onsend } = composer(true);
    const area = q<HTMLTextAreaElement>('ws-compose-text');
    type(area, 'hello {{name}}');
    q<HTMLButtonElement>('ws-compose-send').click();
    expect(onsend).toHaveBeenLastCalledWith({
      name: '',
      kind: 'text',
      content: 'hello {{name}}',
      enabled: true,
    });
    const window = vi.fn();
    document.addEventListener('keydown', window);
    const key = new KeyboardEvent('keydown', {
      key: 'Enter',
      ctrlKey: true,
      bubbles: true,
      cancelable: true,
    });
    area.dispatchEvent(key);
    document.removeEventListener('keydown', window);
    expect(onsend).toHaveBeenCalledTimes(2);
    expect(key.defaultPrevented).toBe(true);
    expect(window).not.toHaveBeenCalled();
  });

  it('sends JSON as its kind and a binary file by its path', () => {
    const { q, onsend } = composer(true);
    const kind = q<HTMLSelectElement>('ws-compose-kind');
    kind.value = 'json';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    type(q<HTMLTextAreaElement>('ws-compose-text'), '{"op":"ping"}');
    q<HTMLButtonElement>('ws-compose-send').click();
    expect(onsend).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'json' }));
    kind.value = 'binary';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    const file = q<HTMLInputElement>('ws-compose-file');
    file.value = 'frames/two.bin';
    file.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q<HTMLButtonElement>('ws-compose-send').click();
    expect(onsend).toHaveBeenLastCalledWith({
      name: '',
      kind: 'binary',
      content: 'frames/two.bin',
      enabled: true,
    });
  });

  it('emits a Socket.IO event once it has a name, its JSON as the arguments with Ack', () => {
    const { q, onsend } = composer(true, true);
    const emit = q<HTMLButtonElement>('ws-compose-send');
    expect(emit.textContent).toBe('Emit');
    expect(emit.disabled).toBe(true);
    expect(q('ws-compose-kind').querySelector('option[value="binary"]')).toBeNull();
    type(q<HTMLInputElement>('sio-compose-event'), 'ask');
    expect(emit.disabled).toBe(false);
    const kind = q<HTMLSelectElement>('ws-compose-kind');
    kind.value = 'json';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    type(q<HTMLTextAreaElement>('ws-compose-text'), '["a", 1]');
    q<HTMLInputElement>('sio-compose-spread').click();
    q<HTMLInputElement>('sio-compose-ack').click();
    flushSync();
    emit.click();
    expect(onsend).toHaveBeenLastCalledWith({
      name: '',
      kind: 'json',
      content: '["a", 1]',
      enabled: true,
      event: 'ask',
      ack: true,
      spread: true,
    });
  });
});
