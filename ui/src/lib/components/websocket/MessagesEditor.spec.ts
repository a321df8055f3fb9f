// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { WebSocketMessage } from '../../bindings/WebSocketMessage';
import { render, type Rendered } from '../../testing/render';
import MessagesEditor from './MessagesEditor.svelte';

vi.mock('../../api');

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const saved: WebSocketMessage[] = [
  { name: 'Hello', kind: 'text', content: 'hello {{name}}', enabled: true },
  { name: '', kind: 'json', content: '{"op":"sub"}', enabled: false },
  { name: 'Frame', kind: 'binary', content: 'frames/one.bin', enabled: true },
];

function editor(isOpen = false, messages = saved, events = false) {
  const onchange = vi.fn();
  const onsave = vi.fn();
  const onsend = vi.fn();
  shown = render(MessagesEditor, { messages, isOpen, events, onchange, onsave, onsend });
  const all = (id: string) => [
    ...shown!.target.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
  ];
  return { onchange, onsave, onsend, all };
}

describe('MessagesEditor', () => {
  it('shows each message with its name, kind and content; a binary one as a file field', () => {
    const { all } = editor();
    expect(all('ws-message')).toHaveLength(3);
    const names = all('ws-message-name') as HTMLInputElement[];
    expect(names.map((n) => n.value)).toEqual(['Hello', '', 'Frame']);
    expect(names[1]?.placeholder).toBe('Message 2');
    const kinds = all('ws-message-kind') as HTMLSelectElement[];
    expect(kinds.map((k) => k.value)).toEqual(['text', 'json', 'binary']);
    expect(all('ws-message-content')).toHaveLength(2);
    expect((all('ws-message-file')[0] as HTMLInputElement).value).toBe('frames/one.bin');
    expect(all('ws-message-file-choose')).toHaveLength(1);
    const enabled = all('ws-message-enabled') as HTMLInputElement[];
    expect(enabled.map((e) => e.checked)).toEqual([true, false, true]);
  });

  it('reports a rename, a new kind and new content as the whole list', () => {
    const { all, onchange, onsave } = editor();
    const name = all('ws-message-name')[1] as HTMLInputElement;
    name.value = 'Subscribe';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith([
      saved[0],
      { ...saved[1], name: 'Subscribe' },
      saved[2],
    ]);
    const kind = all('ws-message-kind')[0] as HTMLSelectElement;
    kind.value = 'binary';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith([
      { ...saved[0], kind: 'binary' },
      saved[1],
      saved[2],
    ]);
    expect(onsave).toHaveBeenCalled();
  });

  it('adds, moves and deletes messages, saving each time', () => {
    const { all, onchange, onsave } = editor();
    (all('ws-message-add')[0] as HTMLButtonElement).click();
    expect(onchange).toHaveBeenLastCalledWith([
      ...saved,
      { name: '', kind: 'text', content: '', enabled: true },
    ]);
    (all('ws-message-down')[0] as HTMLButtonElement).click();
    expect(onchange).toHaveBeenLastCalledWith([saved[1], saved[0], saved[2]]);
    (all('ws-message-up')[2] as HTMLButtonElement).click();
    expect(onchange).toHaveBeenLastCalledWith([saved[0], saved[2], saved[1]]);
    expect((all('ws-message-up')[0] as HTMLButtonElement).disabled).toBe(true);
    expect((all('ws-message-down')[2] as HTMLButtonElement).disabled).toBe(true);
    (all('ws-message-delete')[1] as HTMLButtonElement).click();
    expect(onchange).toHaveBeenLastCalledWith([saved[0], saved[2]]);
    expect(onsave).toHaveBeenCalledTimes(4);
  });

  it('sends a message on its own only while the socket is open', () => {
    const closed = editor(false);
    expect((closed.all('ws-message-send')[0] as HTMLButtonElement).disabled).toBe(true);
    shown?.destroy();
    const open = editor(true);
    (open.all('ws-message-send')[1] as HTMLButtonElement).click();
    flushSync();
    expect(open.onsend).toHaveBeenCalledWith(saved[1]);
  });

  it('for Socket.IO, edits each event: its name, Arguments and Ack; adds a JSON event', () => {
    const events: WebSocketMessage[] = [
      { kind: 'json', content: '["a", 1]', enabled: true, event: 'chat', spread: true },
    ];
    const { onchange, onsave } = editor(false, events, true);
    const q = <T extends HTMLElement>(id: string) =>
      shown!.target.querySelector<T>(`[data-testid="${id}"]`)!;
    expect(q<HTMLInputElement>('sio-message-event').value).toBe('chat');
    expect(q<HTMLInputElement>('sio-message-spread').checked).toBe(true);
    expect(q('ws-message-kind').querySelector('option[value="binary"]')).toBeNull();
    q<HTMLInputElement>('sio-message-ack').click();
    expect(onchange).toHaveBeenLastCalledWith([{ ...events[0], ack: true }]);
    expect(onsave).toHaveBeenCalled();
    const name = q<HTMLInputElement>('sio-message-event');
    name.value = 'news';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(onchange).toHaveBeenLastCalledWith([{ ...events[0], event: 'news' }]);
    q<HTMLButtonElement>('ws-message-add').click();
    expect(onchange).toHaveBeenLastCalledWith([
      ...events,
      { name: '', kind: 'json', content: '', enabled: true, event: 'message' },
    ]);
  });
});
