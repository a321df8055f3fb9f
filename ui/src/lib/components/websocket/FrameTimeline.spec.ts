// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { Frame } from '../../bindings/Frame';
import { ROWS_SHOWN } from '../../frames';
import type { Timeline } from '../../state/sockets.svelte';
import { render, type Rendered } from '../../testing/render';
import FrameTimeline from './FrameTimeline.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

function frame(over: Partial<Frame>): Frame {
  return {
    direction: 'received',
    kind: 'text',
    atMs: 2,
    size: 0,
    data: { encoding: 'text', text: '' },
    ...over,
  };
}

const frames: Frame[] = [
  frame({ direction: 'sent', data: { encoding: 'text', text: '{"op":"sub"}' }, size: 12 }),
  frame({ data: { encoding: 'text', text: '{"op":"sub"}' }, size: 12, atMs: 3 }),
  frame({ kind: 'ping', data: { encoding: 'text', text: 'hb' }, size: 2, atMs: 4 }),
  frame({ direction: 'sent', kind: 'pong', data: { encoding: 'text', text: 'hb' }, size: 2 }),
  frame({ kind: 'close', code: 4000, data: { encoding: 'text', text: 'asked to' }, size: 8 }),
];

function timeline(t: Timeline) {
  shown = render(FrameTimeline, { timeline: t });
  const all = (id: string) => [
    ...shown!.target.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
  ];
  const q = <T extends HTMLElement>(id: string) =>
    shown!.target.querySelector<T>(`[data-testid="${id}"]`)!;
  return { all, q };
}

describe('FrameTimeline', () => {
  it('shows each frame with direction, time, kind, size and data; close with code and reason', () => {
    const { all, q } = timeline({ frames, count: frames.length });
    const rows = all('ws-frame');
    expect(rows.map((r) => r.dataset.direction)).toEqual([
      'sent',
      'received',
      'received',
      'sent',
      'received',
    ]);
    expect(rows[0]?.textContent).toContain('+2 ms');
    expect(rows[0]?.textContent).toContain('12 B');
    expect(all('ws-frame-kind').map((k) => k.textContent?.trim())).toEqual([
      'text',
      'text',
      'ping',
      'pong',
      'close 4000 asked to',
    ]);
    expect(q('ws-frame-count').textContent).toContain('5 frames');
    expect(q('ws-dropped')).toBeNull();
  });

  it('pretty-prints JSON when a row is expanded', () => {
    const { all } = timeline({ frames, count: frames.length });
    const data = all('ws-frame-data')[1] as HTMLButtonElement;
    expect(data.getAttribute('aria-expanded')).toBe('false');
    data.click();
    flushSync();
    expect(data.getAttribute('aria-expanded')).toBe('true');
    expect(data.querySelector('pre')?.textContent).toBe('{\n  "op": "sub"\n}');
  });

  it('filters by search text, direction and kind', () => {
    const { all, q } = timeline({ frames, count: frames.length });
    const search = q<HTMLInputElement>('ws-search');
    search.value = 'SUB';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(all('ws-frame')).toHaveLength(2);
    const direction = q<HTMLSelectElement>('ws-filter-direction');
    direction.value = 'received';
    direction.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(all('ws-frame')).toHaveLength(1);
    search.value = '';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    const kind = q<HTMLSelectElement>('ws-filter-kind');
    kind.value = 'close';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(all('ws-frame').map((r) => r.dataset.kind)).toEqual(['close']);
    kind.value = 'pong';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(all('ws-frame')).toHaveLength(0);
    expect(q('ws-no-frames').textContent).toContain('No frame matches');
  });

  it('says how many frames were dropped and draws only the newest rows', () => {
    const many: Frame[] = Array.from({ length: ROWS_SHOWN + 20 }, (_, i) =>
      frame({ data: { encoding: 'text', text: `n${i}` }, size: 2 }),
    );
    const { all, q } = timeline({ frames: many, count: many.length + 100 });
    expect(q('ws-dropped').textContent).toContain('The first 100 frames');
    expect(q('ws-rows-capped').textContent).toContain(`newest ${ROWS_SHOWN} of ${ROWS_SHOWN + 20}`);
    const rows = all('ws-frame');
    expect(rows).toHaveLength(ROWS_SHOWN);
    expect(rows.at(-1)?.textContent).toContain(`n${ROWS_SHOWN + 19}`);
    expect(rows[0]?.textContent).toContain('n20');
  });
});
