import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Frame } from '../bindings/Frame';
import type { Handshake } from '../bindings/Handshake';
import type { SocketEvent } from '../bindings/SocketEvent';
import type { SocketIoEvent } from '../bindings/SocketIoEvent';
import type { SocketOutcome } from '../bindings/SocketOutcome';
import { FRAMES_KEPT, Sockets, describeEnd, withFrames } from './sockets.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

const handshake: Handshake = {
  request: {
    method: 'GET',
    url: 'ws://127.0.0.1:1/chat',
    headers: [{ name: 'Upgrade', value: 'websocket', isSensitive: false }],
    body: { content: { encoding: 'text', text: '' }, size: 0, isTruncated: false, file: null },
    unresolved: [],
  },
  status: 101,
  reason: 'Switching Protocols',
  headers: [{ name: 'upgrade', value: 'websocket', isSensitive: false }],
  ms: 1.2,
};

function frame(text: string, direction: Frame['direction'] = 'received'): Frame {
  return {
    direction,
    kind: 'text',
    atMs: 1,
    size: text.length,
    data: { encoding: 'text', text },
  };
}

/** An `openWebsocket` that stays open until `finish` is called, handing out its listener. */
function pendingOpen() {
  let listen: (event: SocketEvent) => void = () => {};
  let finish: (outcome: SocketOutcome) => void = () => {};
  mocked.openWebsocket.mockImplementation((_id, _conn, onevent) => {
    listen = onevent;
    return new Promise((resolve) => (finish = resolve));
  });
  return { hear: (e: SocketEvent) => listen(e), finish: (o: SocketOutcome) => finish(o) };
}

beforeEach(() => vi.resetAllMocks());

describe('withFrames', () => {
  it('keeps the newest frames and counts every one, those a batch skipped included', () => {
    let timeline = { frames: [] as Frame[], count: 0 };
    timeline = withFrames(timeline, [frame('f0'), frame('f1')], 0, 3);
    timeline = withFrames(timeline, [frame('f2'), frame('f3'), frame('f4')], 10, 3);
    expect(timeline.count).toBe(15);
    expect(timeline.frames.map((f) => (f.data.encoding === 'text' ? f.data.text : ''))).toEqual([
      'f2',
      'f3',
      'f4',
    ]);
    expect(FRAMES_KEPT).toBe(5000);
  });
});

describe('describeEnd', () => {
  it('says who closed, with the code and reason', () => {
    expect(describeEnd({ how: 'closed', by: 'server', code: 4000, reason: 'asked to' })).toBe(
      'Closed by the server (4000 “asked to”)',
    );
    expect(describeEnd({ how: 'closed', by: 'client', code: 1000, reason: '' })).toBe(
      'Closed by you (1000)',
    );
    expect(describeEnd({ how: 'failed', reason: 'reset' })).toBe('Connection lost: reset');
  });
});

describe('Sockets', () => {
  it('follows a connection from connecting to open to closed, frames in order', async () => {
    const sockets = new Sockets();
    const open = pendingOpen();
    const done = sockets.connect(7);
    expect(sockets.connection(7).state).toBe('connecting');
    expect(sockets.announcement(7)).toBe('Connecting…');
    const connectionId = mocked.openWebsocket.mock.calls[0]?.[1];
    expect(connectionId).toMatch(/^ws-/);

    open.hear({ kind: 'opened', handshake });
    open.hear({ kind: 'frames', frames: [frame('hello', 'sent'), frame('hello')], skipped: 0 });
    expect(sockets.isOpen(7)).toBe(true);
    expect(sockets.connection(7).handshake?.status).toBe(101);
    expect(sockets.connection(7).timeline.count).toBe(2);
    expect(sockets.announcement(7)).toBe('Connected, 2 frames');

    mocked.sendWebsocketMessage.mockResolvedValue(undefined);
    const message = { kind: 'text' as const, content: 'typed', enabled: true };
    expect(await sockets.send(7, message)).toBe(true);
    expect(mocked.sendWebsocketMessage).toHaveBeenCalledWith(connectionId, message);

    mocked.closeWebsocket.mockResolvedValue(true);
    await sockets.disconnect(7, 4001, 'bye');
    expect(mocked.closeWebsocket).toHaveBeenCalledWith(connectionId, 4001, 'bye');
    expect(sockets.connection(7).state).toBe('closing');

    open.finish({
      kind: 'ended',
      end: { how: 'closed', by: 'client', code: 4001, reason: 'bye' },
      totalMs: 5,
      frames: 2,
    });
    await done;
    expect(sockets.connection(7).state).toBe('closed');
    expect(sockets.isActive(7)).toBe(false);
    expect(sockets.announcement(7)).toBe('Closed by you (4001 “bye”), 2 frames');
    expect(sockets.connection(7).timeline.frames).toHaveLength(2);
  });

  it('keeps why a connection could not open, and sends nothing while closed', async () => {
    const sockets = new Sockets();
    mocked.openWebsocket.mockResolvedValue({
      kind: 'error',
      error: { kind: 'http', message: 'refused with 401', place: null },
    });
    await sockets.connect(3);
    expect(sockets.announcement(3)).toBe('Could not connect: refused with 401');
    expect(await sockets.send(3, { kind: 'text', content: 'x', enabled: true })).toBe(false);
    expect(mocked.sendWebsocketMessage).not.toHaveBeenCalled();
  });

  it('keeps a message that could not go as the error, the connection still open', async () => {
    const sockets = new Sockets();
    const open = pendingOpen();
    void sockets.connect(1);
    open.hear({ kind: 'opened', handshake });
    mocked.sendWebsocketMessage.mockRejectedValue({
      kind: 'invalid',
      message: 'cannot read file',
      place: null,
    });
    expect(await sockets.send(1, { kind: 'binary', content: '/nope', enabled: true })).toBe(false);
    expect(sockets.connection(1).error?.message).toBe('cannot read file');
    expect(sockets.isOpen(1)).toBe(true);
  });

  it('follows a Socket.IO session: its moments, an emit on the same connection', async () => {
    const sockets = new Sockets();
    let listen: (event: SocketIoEvent) => void = () => {};
    let finish: (outcome: SocketOutcome) => void = () => {};
    mocked.openSocketio.mockImplementation((_id, _conn, onevent) => {
      listen = onevent;
      return new Promise((resolve) => (finish = resolve));
    });
    const done = sockets.connect(9, 'socketio');
    expect(mocked.openWebsocket).not.toHaveBeenCalled();
    const connectionId = mocked.openSocketio.mock.calls[0]?.[1];
    listen({ kind: 'opened', handshake });
    listen({
      kind: 'moments',
      moments: [{ atMs: 1, kind: 'connected', namespace: '/', sid: null }],
      skipped: 2,
    });
    expect(sockets.connection(9).moments.count).toBe(3);
    expect(sockets.connection(9).moments.moments).toHaveLength(1);
    expect(sockets.announcement(9)).toBe('Connected, 3 events');
    mocked.sendWebsocketMessage.mockResolvedValue(undefined);
    const emit = { kind: 'json' as const, content: '1', enabled: true, event: 'e', ack: true };
    expect(await sockets.send(9, emit)).toBe(true);
    expect(mocked.sendWebsocketMessage).toHaveBeenCalledWith(connectionId, emit);
    finish({ kind: 'ended', end: { how: 'cancelled' }, totalMs: 1, frames: 4 });
    await done;
    expect(sockets.announcement(9)).toBe('Disconnected, 3 events');
  });

  it("says a refused namespace was refused, with the server's message", async () => {
    const sockets = new Sockets();
    let listen: (event: SocketIoEvent) => void = () => {};
    let finish: (outcome: SocketOutcome) => void = () => {};
    mocked.openSocketio.mockImplementation((_id, _conn, onevent) => {
      listen = onevent;
      return new Promise((resolve) => (finish = resolve));
    });
    const done = sockets.connect(9, 'socketio');
    listen({ kind: 'opened', handshake });
    listen({
      kind: 'moments',
      moments: [
        { atMs: 1, kind: 'refused', namespace: '/admin', message: 'not allowed', data: null },
      ],
      skipped: 0,
    });
    // The client then closes the socket (1000): the refusal is what the user needs to read.
    finish({
      kind: 'ended',
      end: { how: 'closed', by: 'client', code: 1000, reason: 'the server refused the namespace' },
      totalMs: 1,
      frames: 3,
    });
    await done;
    expect(sockets.announcement(9)).toBe(
      'The server refused namespace /admin: not allowed, 1 event',
    );
  });
});
