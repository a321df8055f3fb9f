// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { Moment } from '../../bindings/Moment';
import { render, type Rendered } from '../../testing/render';
import EventTimeline from './EventTimeline.svelte';

let shown: Rendered | undefined;
afterEach(() => shown?.destroy());

const moments: Moment[] = [
  { atMs: 1, kind: 'connected', namespace: '/', sid: 'n1' },
  {
    atMs: 2,
    kind: 'event',
    direction: 'sent',
    namespace: '/',
    event: 'ask',
    args: [{ q: 1 }],
    ackId: 0,
  },
  { atMs: 3, kind: 'event', direction: 'received', namespace: '/', event: 'news', args: ['x'] },
  { atMs: 4, kind: 'ack', direction: 'received', namespace: '/', id: 0, args: ['answer'] },
];

function timeline(count = moments.length) {
  shown = render(EventTimeline, { timeline: { moments, count } });
  const all = (id: string) => [
    ...shown!.target.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
  ];
  return { all, q: (id: string) => all(id)[0] };
}

describe('EventTimeline', () => {
  it('shows each moment with its direction and the ack beside its emit', () => {
    const { all } = timeline();
    const rows = all('sio-moment');
    expect(rows.map((r) => r.dataset.kind)).toEqual(['connected', 'event', 'event', 'ack']);
    expect(rows[1]!.dataset.direction).toBe('sent');
    expect(all('sio-moment-name').map((n) => n.textContent)).toEqual([
      'connected /',
      'ask',
      'news',
      'ack #0 (ask)',
    ]);
    expect(all('sio-asks-ack')[0]!.textContent?.trim()).toBe('asks ack #0, answered');
  });

  it('expands arguments to pretty JSON and filters by event name', () => {
    const { all, q } = timeline(6);
    expect(q('sio-count')?.textContent?.trim()).toBe('6 events');
    const data = all('sio-moment-data')[1]!;
    data.click();
    flushSync();
    expect(data.querySelector('pre')?.textContent).toBe('{\n  "q": 1\n}');
    const filter = q('sio-filter') as HTMLInputElement;
    filter.value = 'ask';
    filter.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(all('sio-moment-name').map((n) => n.textContent)).toEqual(['ask', 'ack #0 (ask)']);
    filter.value = 'nothing';
    filter.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(q('sio-no-moments')?.textContent?.trim()).toBe('No event matches.');
  });

  it('draws only the events in view of a long session, the newest', () => {
    const many: Moment[] = Array.from({ length: 5000 }, (_, i) => ({
      atMs: i,
      kind: 'event',
      direction: 'received',
      namespace: '/',
      event: `e${i}`,
      args: [],
    }));
    shown = render(EventTimeline, { timeline: { moments: many, count: 5000 } });
    const names = [...shown.target.querySelectorAll('[data-testid="sio-moment-name"]')].map(
      (n) => n.textContent,
    );
    expect(names.length).toBeGreaterThan(30);
    expect(names.length).toBeLessThan(50);
    expect(names.at(-1)).toBe('e4999');
    const list = shown.target.querySelector<HTMLElement>('[data-testid="sio-rows"] ol')!;
    expect(list.style.paddingTop).toBe(`${(5000 - names.length) * 24}px`);
  });
});
