// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { ScriptResult } from '../../bindings/ScriptResult';
import type { LiveStream, Outcome } from '../../state/responses.svelte';
import { exchangeOf } from '../../testing/fixtures';
import { render, type Rendered } from '../../testing/render';
import ResponsePanel from './ResponsePanel.svelte';

const preRequest: ScriptResult = {
  place: 'API / Login · pre-request',
  listen: 'preRequest',
  assertions: [{ name: 'token is set', passed: true, skipped: false, error: null }],
  console: [{ level: 'log', args: ['fetching a token'] }],
  failure: null,
  visualizer: null,
};

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function panel(
  outcome: Outcome | null,
  isSending = false,
  stream: LiveStream | null = null,
): HTMLElement {
  shown = render(ResponsePanel, {
    outcome,
    stream,
    isSending,
    announcement: '',
    actionStatus: '',
    oncopycurl: () => {},
    oncode: () => {},
    onsavebody: () => {},
    onsaveexample: () => {},
  });
  return shown.target;
}

const q = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`);

describe('ResponsePanel without a response', () => {
  it('shows the error and, beside it, the tests and console of the scripts that ran', () => {
    const root = panel({
      kind: 'error',
      error: { kind: 'http', message: 'connection refused', place: null },
      scripts: [preRequest],
    });
    expect(q(root, 'response-error')?.textContent).toContain('connection refused');
    expect(q(root, 'response-tab-tests')?.textContent).toContain('1/1');
    expect(root.textContent).toContain('token is set');
    expect(q(root, 'response-tab-body')).toBeNull();
  });

  it('says a skipped request was not sent, with its scripts', () => {
    const root = panel({ kind: 'skipped', scripts: [preRequest] });
    expect(q(root, 'response-skipped')?.textContent).toContain('skipped the request');
    expect(q(root, 'response-tab-console')).not.toBeNull();
  });

  it('shows no script tabs when no script ran', () => {
    const root = panel({
      kind: 'error',
      error: { kind: 'timeout', message: 'timed out', place: null },
      scripts: [],
    });
    expect(q(root, 'response-tab-tests')).toBeNull();
  });
});

describe('ResponsePanel while a send is under way', () => {
  it('replaces the previous response with a sending state (issue 12)', () => {
    const root = panel({ kind: 'response', exchange: exchangeOf(404, 'old'), scripts: [] }, true);
    expect(q(root, 'response-sending')?.textContent).toContain('Sending request');
    expect(q(root, 'response-status')).toBeNull();
    expect(q(root, 'response-tab-body')).toBeNull();
    expect(root.textContent).not.toContain('404');
  });

  it('replaces a previous error too', () => {
    const root = panel(
      { kind: 'error', error: { kind: 'http', message: 'refused', place: null }, scripts: [] },
      true,
    );
    expect(q(root, 'response-sending')).not.toBeNull();
    expect(q(root, 'response-error')).toBeNull();
  });

  it('shows the response again once the send is over', () => {
    const root = panel({ kind: 'response', exchange: exchangeOf(200, 'new'), scripts: [] });
    expect(q(root, 'response-sending')).toBeNull();
    expect(q(root, 'response-status')?.textContent).toContain('200');
  });
});

describe('ResponsePanel with an event stream', () => {
  const stream: LiveStream = {
    status: 200,
    count: 2,
    lastId: '2',
    retryMs: 3000,
    reconnects: 0,
    events: [
      { atMs: 5, event: { event: 'tick', data: 'one', id: '1', retry: null } },
      { atMs: 1500, event: { event: 'message', data: 'two\nlines', id: '2', retry: 3000 } },
    ],
  };

  it('shows the events as they arrive while the stream is open', () => {
    const root = panel(null, true, stream);
    expect(q(root, 'response-sending')).toBeNull();
    expect(q(root, 'event-stream-state')?.textContent?.trim()).toBe('Open');
    expect(q(root, 'event-stream-count')?.textContent?.trim()).toBe('2 events');
    const rows = [...root.querySelectorAll('[data-testid="event-row"]')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['+5 ms', 'tick', '1', 'one'],
      ['+1.50 s', 'message', '2', 'two\nlines'],
    ]);
  });

  it('keeps the events beside the note once the stream was stopped', () => {
    const root = panel(
      {
        kind: 'error',
        error: { kind: 'cancelled', message: 'cancelled', place: null },
        scripts: [],
      },
      false,
      stream,
    );
    expect(q(root, 'response-error')?.textContent).toContain('Request cancelled');
    expect(q(root, 'event-stream-state')?.textContent?.trim()).toBe('Closed');
    expect(root.querySelectorAll('[data-testid="event-row"]').length).toBe(2);
  });

  it('offers an Events tab once the stream ended', () => {
    const root = panel({ kind: 'response', exchange: exchangeOf(200), scripts: [] }, false, stream);
    expect(q(root, 'response-tab-events')?.textContent).toContain('Events');
  });

  it('offers to reconnect and says when a reconnection is due', () => {
    const onreconnect = vi.fn();
    shown = render(ResponsePanel, {
      outcome: { kind: 'response' as const, exchange: exchangeOf(200), scripts: [] },
      stream: { ...stream, reconnects: 2 },
      reconnect: true,
      isWaiting: true,
      onreconnect,
      isSending: false,
      announcement: '',
      actionStatus: '',
      oncopycurl: () => {},
      oncode: () => {},
      onsavebody: () => {},
      onsaveexample: () => {},
    });
    const root = shown.target;
    (q(root, 'response-tab-events') as HTMLElement).click();
    flushSync();
    expect(q(root, 'event-stream-state')?.textContent?.trim()).toBe('Reconnecting');
    expect(q(root, 'event-stream-reconnects')?.textContent?.trim()).toBe('reopened 2 times');
    expect(q(root, 'event-stream-waiting')?.textContent).toContain(
      'reconnecting in 3000 ms with Last-Event-ID 2',
    );
    const box = q(root, 'event-stream-reconnect') as HTMLInputElement;
    expect(box.checked).toBe(true);
    box.click();
    expect(onreconnect).toHaveBeenCalledWith(false);
  });

  it('says the connection was lost when the network cut the stream, beside the error', () => {
    shown = render(ResponsePanel, {
      outcome: {
        kind: 'error' as const,
        error: { kind: 'network', message: 'connection reset', place: null },
        scripts: [],
      },
      stream,
      reconnect: true,
      isWaiting: true,
      onreconnect: () => {},
      isSending: false,
      announcement: '',
      actionStatus: '',
      oncopycurl: () => {},
      oncode: () => {},
      onsavebody: () => {},
      onsaveexample: () => {},
    });
    const root = shown.target;
    expect(root.textContent).toContain('connection reset');
    expect(q(root, 'event-stream-waiting')?.textContent).toContain(
      'The connection was lost; reconnecting in 3000 ms',
    );
  });
});
