// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Handshake } from '../../bindings/Handshake';
import type { Connection } from '../../state/sockets.svelte';
import { render, type Rendered } from '../../testing/render';
import SocketPanel from './SocketPanel.svelte';

vi.mock('../../api');

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const handshake: Handshake = {
  request: {
    method: 'GET',
    url: 'ws://127.0.0.1:1/chat?room=7',
    headers: [
      { name: 'Upgrade', value: 'websocket', isSensitive: false },
      { name: 'Authorization', value: 'Bearer ***', isSensitive: true },
    ],
    body: { content: { encoding: 'text', text: '' }, size: 0, isTruncated: false, file: null },
    unresolved: [],
  },
  status: 101,
  reason: 'Switching Protocols',
  headers: [{ name: 'sec-websocket-accept', value: 'abc=', isSensitive: false }],
  ms: 3.5,
};

function panel(connection: Connection, announcement = '', events = false) {
  const onsend = vi.fn();
  shown = render(SocketPanel, { connection, announcement, events, onsend });
  const q = (id: string) => shown!.target.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { q, onsend };
}

const idle: Connection = {
  kind: 'websocket',
  id: null,
  state: 'idle',
  handshake: null,
  timeline: { frames: [], count: 0 },
  moments: { moments: [], count: 0 },
  end: null,
  error: null,
};

describe('SocketPanel', () => {
  it('before a connection: no handshake, the composer disabled, an empty timeline', () => {
    const { q } = panel(idle);
    expect(q('ws-state')?.textContent).toBe('idle');
    expect(q('ws-handshake')).toBeNull();
    expect((q('ws-compose-send') as HTMLButtonElement).disabled).toBe(true);
    expect(q('ws-no-frames')?.textContent).toContain('No frame yet');
  });

  it('while open: the handshake request and response, and the composer on', () => {
    const { q } = panel({ ...idle, id: 'ws-1', state: 'open', handshake }, 'Connected, 0 frames');
    expect(q('ws-status')?.textContent).toContain('Connected, 0 frames');
    expect(q('ws-status')?.getAttribute('aria-live')).toBe('polite');
    expect(q('ws-handshake-status')?.textContent).toBe('101 Switching Protocols');
    expect(q('ws-handshake')?.textContent).toContain('ws://127.0.0.1:1/chat?room=7');
    expect(q('ws-handshake-request-headers')?.textContent).toContain('Bearer ***');
    expect(q('ws-handshake-response-headers')?.textContent).toContain('sec-websocket-accept');
    expect((q('ws-compose-text') as HTMLTextAreaElement).disabled).toBe(false);
  });

  it('shows why a message could not go', () => {
    const error = { kind: 'invalid', message: 'messages[0]: cannot read file', place: null };
    const { q } = panel({ ...idle, id: 'ws-1', state: 'open', handshake, error });
    expect(q('ws-error')?.textContent).toContain('cannot read file');
  });

  it('for a Socket.IO session: the events timeline and a composer that emits', () => {
    const moments: Connection['moments'] = {
      moments: [
        { atMs: 1, kind: 'connected', namespace: '/', sid: 'abc' },
        { atMs: 2, kind: 'event', direction: 'received', namespace: '/', event: 'hi', args: [1] },
      ],
      count: 2,
    };
    const open = {
      ...idle,
      kind: 'socketio' as const,
      id: 'ws-1',
      state: 'open' as const,
      moments,
    };
    const { q } = panel(open, 'Connected, 2 events', true);
    expect(q('ws-timeline')).toBeNull();
    expect(q('sio-count')?.textContent?.trim()).toBe('2 events');
    expect(q('ws-compose-send')?.textContent).toBe('Emit');
    expect((q('ws-compose-send') as HTMLButtonElement).disabled).toBe(true);
  });
});
