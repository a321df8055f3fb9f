// @vitest-environment happy-dom
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GrpcCallView } from '../../state/grpc-calls.svelte';
import { render, type Rendered } from '../../testing/render';
import CallPanel from './CallPanel.svelte';

vi.mock('../../api');

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const idle: GrpcCallView = {
  id: null,
  state: 'idle',
  isStreamEnded: false,
  headers: null,
  timeline: { frames: [], count: 0 },
  status: null,
  trailers: [],
  totalMs: null,
  error: null,
};

function panel(call: GrpcCallView, isStreaming = true, announcement = '') {
  const onsend = vi.fn();
  const onend = vi.fn();
  shown = render(CallPanel, { call, announcement, isStreaming, onsend, onend });
  const q = (id: string) => shown!.target.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return { q, onsend, onend };
}

describe('CallPanel', () => {
  it('while a bidirectional call is open: the composer sends JSON and End streaming ends it', () => {
    const { q, onsend, onend } = panel(
      { ...idle, id: 'grpc-1', state: 'calling' },
      true,
      'Calling…',
    );
    expect(q('grpc-announcement')?.getAttribute('aria-live')).toBe('polite');
    expect(q('ws-compose-kind')).toBeNull();
    const text = q('ws-compose-text') as HTMLTextAreaElement;
    text.value = '{"text": "two"}';
    text.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q('ws-compose-send')?.click();
    expect(onsend).toHaveBeenCalledWith('{"text": "two"}');
    q('grpc-end-stream')?.click();
    expect(onend).toHaveBeenCalled();
  });

  it('once the stream is ended, nothing more can be sent', () => {
    const { q } = panel({ ...idle, id: 'grpc-1', state: 'calling', isStreamEnded: true });
    expect((q('ws-compose-send') as HTMLButtonElement).disabled).toBe(true);
    expect((q('grpc-end-stream') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a unary call has no composer; its status shows as success or failure', () => {
    const ok = panel(
      {
        ...idle,
        state: 'ended',
        status: { code: 0, name: 'OK', message: '' },
        totalMs: 4.2,
        timeline: {
          frames: [
            {
              direction: 'received',
              kind: 'text',
              atMs: 3,
              size: 9,
              data: { encoding: 'text', text: '{"text":"hi"}' },
            },
          ],
          count: 1,
        },
      },
      false,
    );
    expect(ok.q('ws-composer')).toBeNull();
    expect(ok.q('grpc-status')?.dataset.outcome).toBe('ok');
    expect(ok.q('grpc-status-code')?.textContent).toBe('0 OK');
    expect(ok.q('grpc-time')?.textContent).toBe('4 ms');
    expect(ok.q('ws-timeline')?.textContent).toContain('hi');
    shown?.destroy();

    const failed = panel(
      {
        ...idle,
        state: 'ended',
        status: { code: 5, name: 'NOT_FOUND', message: 'no such thing' },
        trailers: [{ name: 'x-reason', value: 'gone', isSensitive: false }],
      },
      false,
    );
    expect(failed.q('grpc-status')?.dataset.outcome).toBe('failed');
    expect(failed.q('grpc-status-message')?.textContent).toBe('no such thing');
    failed.q('grpc-tab-trailers')?.click();
    flushSync();
    expect(failed.q('response-headers')?.textContent).toContain('x-reason');
  });
});
