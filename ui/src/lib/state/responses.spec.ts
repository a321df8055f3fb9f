import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { Exchange } from '../bindings/Exchange';
import type { ScriptResult } from '../bindings/ScriptResult';
import type { SendOutcome } from '../bindings/SendOutcome';
import { alerts } from './alerts.svelte';
import { Responses, STREAM_KEPT, summarise, withLiveEvent } from './responses.svelte';

vi.mock('../api');
const mocked = vi.mocked(api);

function exchange(status = 200, body = '{"ok":true}'): Exchange {
  return {
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:1/echo',
      headers: [],
      body: { content: { encoding: 'text', text: '' }, size: 0, isTruncated: false, file: null },
      unresolved: [],
    },
    response: {
      status,
      reason: 'OK',
      version: 'HTTP/1.1',
      url: 'http://127.0.0.1:1/echo',
      remoteAddress: '127.0.0.1:1',
      headers: [{ name: 'content-type', value: 'application/json', isSensitive: false }],
      body: {
        content: { encoding: 'text', text: body },
        size: body.length,
        isTruncated: false,
        file: null,
      },
      rawSize: body.length,
      cookies: [],
      timings: {
        dnsMs: 0,
        connectMs: 0.5,
        tlsMs: 0,
        sendMs: 0,
        waitMs: 2.5,
        downloadMs: 1.2,
        redirectMs: 0,
        firstByteMs: 3,
        totalMs: 4.2,
        isConnectionReused: false,
      },
      certificate: null,
    },
  };
}

function sent(status = 200, scripts: ScriptResult[] = []): SendOutcome {
  return { kind: 'response', exchange: exchange(status), scripts };
}

const TESTS: ScriptResult = {
  place: 'API / Login · test',
  listen: 'test',
  assertions: [
    { name: 'is ok', passed: true, skipped: false, error: null },
    {
      name: 'has id',
      passed: false,
      skipped: false,
      error: 'AssertionError: expected 1 to equal 2',
    },
  ],
  console: [],
  failure: null,
  visualizer: null,
};

/** A `send_request` that waits until `finish` or `fail` is called. */
function pending() {
  const control: { finish: (result: SendOutcome) => void; fail: (error: unknown) => void } = {
    finish: () => {},
    fail: () => {},
  };
  mocked.sendRequest.mockImplementationOnce(
    () =>
      new Promise((resolve, reject) => {
        control.finish = resolve;
        control.fail = reject;
      }),
  );
  return control;
}

beforeEach(() => {
  vi.resetAllMocks();
  alerts.clear();
});

describe('Responses', () => {
  it('records the exchange and announces status, time and size', async () => {
    mocked.sendRequest.mockResolvedValue(sent());
    const responses = new Responses();
    expect(responses.announcement(13)).toBe('');
    const outcome = await responses.send(13);
    expect(outcome?.kind).toBe('response');
    expect(responses.outcome(13)).toEqual(outcome);
    expect(responses.announcement(13)).toBe('200 OK, 4 ms, 11 B');
    expect(responses.outcome(14)).toBeNull();
  });

  it('keeps the scripts’ results with the exchange', async () => {
    mocked.sendRequest.mockResolvedValue(sent(200, [TESTS]));
    const responses = new Responses();
    await responses.send(13);
    expect(responses.outcome(13)).toEqual({
      kind: 'response',
      exchange: exchange(),
      scripts: [TESTS],
    });
  });

  it('mints a new send id per send and passes it with the request id', async () => {
    mocked.sendRequest.mockResolvedValue(sent());
    const responses = new Responses();
    await responses.send(13);
    await responses.send(13);
    const [first, second] = mocked.sendRequest.mock.calls;
    expect(first?.[0]).toBe(13);
    expect(first?.[1]).not.toBe(second?.[1]);
  });

  it('is sending until the response arrives, and refuses a second send meanwhile', async () => {
    const control = pending();
    const responses = new Responses();
    const sending = responses.send(13);
    expect(responses.isSending(13)).toBe(true);
    expect(responses.announcement(13)).toBe('Sending request…');
    await expect(responses.send(13)).resolves.toBeNull();
    expect(mocked.sendRequest).toHaveBeenCalledTimes(1);
    control.finish(sent(404));
    await sending;
    expect(responses.isSending(13)).toBe(false);
  });

  it('cancels the send under way by its id, which then ends as cancelled', async () => {
    const control = pending();
    mocked.cancelRequest.mockImplementation(async () => {
      control.fail({ kind: 'cancelled', message: 'request cancelled', place: null });
      return true;
    });
    const responses = new Responses();
    const sending = responses.send(13);
    const sendId = mocked.sendRequest.mock.calls[0]?.[1];
    await responses.cancel(13);
    expect(mocked.cancelRequest).toHaveBeenCalledWith(sendId);
    await sending;
    expect(responses.outcome(13)).toEqual({
      kind: 'error',
      error: { kind: 'cancelled', message: 'request cancelled', place: null },
      scripts: [],
    });
    expect(responses.announcement(13)).toBe('Request cancelled');
    expect(alerts.items).toEqual([]);
  });

  it('does not call cancel when nothing is under way', async () => {
    await new Responses().cancel(13);
    expect(mocked.cancelRequest).not.toHaveBeenCalled();
  });

  it('keeps a send error as the outcome, not as an alert', async () => {
    mocked.sendRequest.mockRejectedValue({
      kind: 'http',
      message: 'connection refused by http://127.0.0.1:9',
      place: null,
    });
    const responses = new Responses();
    await responses.send(13);
    expect(responses.announcement(13)).toBe(
      'Request failed: connection refused by http://127.0.0.1:9',
    );
    expect(alerts.items).toEqual([]);
  });
});

describe('a send that got no response or was skipped', () => {
  it('keeps the pre-request scripts of a failed send and counts their tests', async () => {
    mocked.sendRequest.mockResolvedValue({
      kind: 'error',
      error: { kind: 'http', message: 'connection refused', place: null },
      scripts: [TESTS],
    });
    const responses = new Responses();
    await responses.send(13);
    expect(responses.outcome(13)?.scripts).toEqual([TESTS]);
    expect(responses.announcement(13)).toBe(
      'Request failed: connection refused, 1 of 2 tests passed',
    );
  });

  it('says a skipped request was not sent', async () => {
    mocked.sendRequest.mockResolvedValue({ kind: 'skipped', scripts: [] });
    const responses = new Responses();
    await responses.send(13);
    expect(responses.announcement(13)).toBe('Not sent: a pre-request script skipped the request');
  });
});

describe('summarise', () => {
  it('words a response and an error', () => {
    expect(
      summarise({ kind: 'response', exchange: exchange(201, 'x'.repeat(2048)), scripts: [] }),
    ).toBe('201 OK, 4 ms, 2.0 KB');
    expect(
      summarise({
        kind: 'error',
        error: { kind: 'timeout', message: 'timed out', place: null },
        scripts: [],
      }),
    ).toBe('Request failed: timed out');
  });

  it('adds how many tests passed and the script errors', () => {
    const failing: ScriptResult = {
      ...TESTS,
      assertions: [],
      failure: { kind: 'error', message: 'ReferenceError: x is not defined', line: 1, column: 1 },
    };
    expect(summarise({ kind: 'response', exchange: exchange(), scripts: [TESTS, failing] })).toBe(
      '200 OK, 4 ms, 11 B, 1 of 2 tests passed, 1 script error',
    );
  });

  it('shows an event stream as it arrives and keeps it after the send is stopped', async () => {
    const control = pending();
    const responses = new Responses();
    const sending = responses.send(13);
    const heard = mocked.sendRequest.mock.calls[0]?.[2];
    if (!heard) throw new Error('no listener passed');
    heard({ kind: 'opened', status: 200 });
    expect(responses.announcement(13)).toBe('Event stream open, 0 events');
    const tick = { event: 'tick', data: 'one', id: '1', retry: null };
    heard({ kind: 'event', atMs: 12, event: tick });
    expect(responses.stream(13)).toEqual({
      status: 200,
      events: [{ atMs: 12, event: tick }],
      count: 1,
      lastId: '1',
      retryMs: null,
      reconnects: 0,
    });
    expect(responses.announcement(13)).toBe('Event stream open, 1 events');
    control.fail({ kind: 'cancelled', message: 'cancelled', place: null });
    await sending;
    expect(responses.outcome(13)?.kind).toBe('error');
    expect(responses.stream(13)?.count).toBe(1);
    // The next send starts without the old stream.
    pending();
    void responses.send(13);
    expect(responses.stream(13)).toBeNull();
  });

  it('keeps the newest events of a long stream and counts them all', () => {
    let stream = withLiveEvent(null, { kind: 'opened', status: 200 });
    for (let i = 0; i < STREAM_KEPT + 3; i++) {
      stream = withLiveEvent(stream, {
        kind: 'event',
        atMs: i,
        event: { event: 'message', data: String(i), id: '', retry: null },
      });
    }
    expect(stream?.count).toBe(STREAM_KEPT + 3);
    expect(stream?.events.length).toBe(STREAM_KEPT);
    expect(stream?.events[0]?.event.data).toBe('3');
    expect(
      withLiveEvent(null, {
        kind: 'event',
        atMs: 1,
        event: { event: 'm', data: '', id: '', retry: null },
      }),
    ).toBeNull();
  });

  it('opens an ended stream again after its retry time with the last event id', async () => {
    vi.useFakeTimers();
    try {
      const responses = new Responses();
      const first = pending();
      const sending = responses.send(13);
      const heard = mocked.sendRequest.mock.calls[0]?.[2];
      if (!heard) throw new Error('no listener passed');
      heard({ kind: 'opened', status: 200 });
      heard({
        kind: 'event',
        atMs: 1,
        event: { event: 'message', data: 'one', id: '7', retry: 250 },
      });
      responses.setReconnect(13, true);
      first.finish(sent());
      await sending;
      expect(responses.isWaiting(13)).toBe(true);
      expect(responses.announcement(13)).toBe('Event stream ended, reconnecting');
      const second = pending();
      await vi.advanceTimersByTimeAsync(249);
      expect(mocked.sendRequest).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(mocked.sendRequest).toHaveBeenCalledTimes(2);
      expect(mocked.sendRequest.mock.calls[1]?.[3]).toBe('7');
      // The reopened stream keeps the events so far and counts the reconnection.
      const again = mocked.sendRequest.mock.calls[1]?.[2];
      again?.({ kind: 'opened', status: 200 });
      again?.({
        kind: 'event',
        atMs: 1,
        event: { event: 'message', data: 'two', id: '8', retry: null },
      });
      expect(responses.stream(13)).toMatchObject({ count: 2, reconnects: 1, lastId: '8' });
      // Turned off, an ended stream stays ended.
      responses.setReconnect(13, false);
      second.finish(sent());
      await vi.runAllTimersAsync();
      expect(responses.isWaiting(13)).toBe(false);
      expect(mocked.sendRequest).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens a stream the network cut again, and again while the network refuses, but not after another error', async () => {
    vi.useFakeTimers();
    try {
      const responses = new Responses();
      responses.setReconnect(13, true);
      const cutOff = (message: string): SendOutcome => ({
        kind: 'error',
        error: { kind: 'network', message, place: null },
        scripts: [],
      });
      const first = pending();
      const sending = responses.send(13);
      const heard = mocked.sendRequest.mock.calls[0]?.[2];
      heard?.({ kind: 'opened', status: 200 });
      heard?.({
        kind: 'event',
        atMs: 1,
        event: { event: 'message', data: 'one', id: '7', retry: 100 },
      });
      first.finish(cutOff('request to http://127.0.0.1:9 failed: connection reset'));
      await sending;
      expect(responses.isWaiting(13)).toBe(true);
      // The reconnection is refused: it is tried again, still from event 7.
      const refused = pending();
      await vi.advanceTimersByTimeAsync(100);
      expect(mocked.sendRequest).toHaveBeenCalledTimes(2);
      expect(mocked.sendRequest.mock.calls[1]?.[3]).toBe('7');
      refused.finish(cutOff('connection refused by http://127.0.0.1:9'));
      await vi.advanceTimersByTimeAsync(0);
      expect(responses.isWaiting(13)).toBe(true);
      expect(responses.stream(13)).toMatchObject({ count: 1, lastId: '7' });
      // Another kind of failure (here TLS) ends it.
      const tls = pending();
      await vi.advanceTimersByTimeAsync(100);
      expect(mocked.sendRequest).toHaveBeenCalledTimes(3);
      expect(mocked.sendRequest.mock.calls[2]?.[3]).toBe('7');
      tls.finish({
        kind: 'error',
        error: { kind: 'http', message: 'cannot establish TLS', place: null },
        scripts: [],
      });
      await vi.runAllTimersAsync();
      expect(responses.isWaiting(13)).toBe(false);
      expect(mocked.sendRequest).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not reconnect a send the network failed before any stream opened', async () => {
    const responses = new Responses();
    responses.setReconnect(13, true);
    mocked.sendRequest.mockResolvedValueOnce({
      kind: 'error',
      error: { kind: 'network', message: 'connection refused', place: null },
      scripts: [],
    });
    await responses.send(13);
    expect(responses.isWaiting(13)).toBe(false);
  });

  it('does not reconnect a plain response, and Cancel drops a waiting reconnection', async () => {
    vi.useFakeTimers();
    try {
      const responses = new Responses();
      responses.setReconnect(13, true);
      mocked.sendRequest.mockResolvedValueOnce(sent());
      await responses.send(13);
      expect(responses.isWaiting(13)).toBe(false);
      const stream = pending();
      const sending = responses.send(13);
      mocked.sendRequest.mock.calls[1]?.[2]?.({ kind: 'opened', status: 200 });
      stream.finish(sent());
      await sending;
      expect(responses.isWaiting(13)).toBe(true);
      await responses.cancel(13);
      expect(responses.isWaiting(13)).toBe(false);
      await vi.runAllTimersAsync();
      expect(mocked.sendRequest).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
