// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { Frame } from '../../bindings/Frame';
import type { Timeline } from '../../state/sockets.svelte';
import { reactive } from '../../testing/reactive.svelte';
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

  it('says how many frames were dropped and draws only the rows in view, the newest', () => {
    const many = numbered(5000);
    const { all, q } = timeline({ frames: many, count: many.length + 100 });
    expect(q('ws-dropped').textContent).toContain('The first 100 frames');
    const rows = all('ws-frame');
    // A window's worth (800 px unmeasured, 24 px rows) and a margin, not 5,000.
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.length).toBeLessThan(50);
    expect(rows.at(-1)?.textContent).toContain('n4999');
    expect(q('ws-rows').querySelector('table')?.getAttribute('aria-rowcount')).toBe('5001');
    const first = Number(rows[0]!.getAttribute('aria-rowindex')) - 2;
    expect(rows[0]?.textContent).toContain(`n${first}`);
    // The space above stands for the rows not drawn.
    const space = q('ws-rows').querySelector<HTMLElement>('tr.space')!;
    expect(space.style.height).toBe(`${first * 24}px`);
  });

  it('stays where the user scrolled while frames come, and follows again at the end', () => {
    const props = reactive({ timeline: { frames: numbered(2000), count: 2000 } });
    shown = render(FrameTimeline, props);
    const box = shown.target.querySelector<HTMLElement>('[data-testid="ws-rows"]')!;
    const texts = () =>
      [...box.querySelectorAll('[data-testid="ws-frame"]')].map((r) => r.textContent ?? '');
    // happy-dom lays nothing out: give the box a height and a scroll height.
    let scrollHeight = 2000 * 24;
    Object.defineProperty(box, 'clientHeight', { get: () => 240 });
    Object.defineProperty(box, 'scrollHeight', { get: () => scrollHeight });
    box.scrollTop = 0;
    box.dispatchEvent(new Event('scroll'));
    flushSync();
    expect(texts()[0]).toContain('n0');
    props.timeline = { frames: numbered(3000), count: 3000 };
    scrollHeight = 3000 * 24;
    flushSync();
    expect(texts()[0]).toContain('n0');
    expect(texts().some((t) => t.includes('n2999'))).toBe(false);
    box.scrollTop = scrollHeight - 240;
    box.dispatchEvent(new Event('scroll'));
    flushSync();
    props.timeline = { frames: numbered(3500), count: 3500 };
    flushSync();
    expect(texts().at(-1)).toContain('n3499');
  });

  it('keeps a row expanded, by its frame, as frames are dropped before it', () => {
    const props = reactive({ timeline: { frames: numbered(10), count: 10 } });
    shown = render(FrameTimeline, props);
    const data = () => [
      ...shown!.target.querySelectorAll<HTMLElement>('[data-testid="ws-frame-data"]'),
    ];
    data()[5]!.click();
    flushSync();
    expect(data()[5]!.getAttribute('aria-expanded')).toBe('true');
    // Two frames dropped, one came: the expanded frame (n5) is now the fourth row.
    props.timeline = { frames: [...numbered(11)].slice(2), count: 11 };
    flushSync();
    const open = data().filter((d) => d.getAttribute('aria-expanded') === 'true');
    expect(open.map((d) => d.textContent?.trim())).toEqual(['n5']);
    expect(data()[3]!.getAttribute('aria-expanded')).toBe('true');
  });
});

/** `count` text frames whose data is their number: `n0`, `n1`, … */
function numbered(count: number): Frame[] {
  return Array.from({ length: count }, (_, i) =>
    frame({ data: { encoding: 'text', text: `n${i}` }, size: 2 }),
  );
}
