import { describe, expect, it } from 'vitest';
import type { Moment } from './bindings/Moment';
import { askedFor, matchesEvent, momentName, momentText, prettyMoment } from './moments';

const moments: Moment[] = [
  { atMs: 0, kind: 'opened', sid: 's1', pingIntervalMs: 25000 },
  { atMs: 1, kind: 'connected', namespace: '/', sid: 'n1' },
  { atMs: 2, kind: 'event', direction: 'sent', namespace: '/', event: 'ask', args: [42], ackId: 0 },
  {
    atMs: 3,
    kind: 'event',
    direction: 'received',
    namespace: '/',
    event: 'quiz',
    args: ['q?'],
    ackId: 0,
  },
  {
    atMs: 4,
    kind: 'ack',
    direction: 'received',
    namespace: '/',
    id: 0,
    args: ['answer', { n: 1 }],
  },
  { atMs: 5, kind: 'ack', direction: 'sent', namespace: '/', id: 0, args: [] },
  { atMs: 6, kind: 'refused', namespace: '/admin', message: 'not authorized', data: { hint: 'x' } },
  { atMs: 7, kind: 'disconnected', namespace: '/', by: 'client' },
];

describe('moments', () => {
  const asked = askedFor(moments);

  it('links an acknowledgement to the emit of the other side with its id', () => {
    expect(momentName(moments[4]!, asked)).toBe('ack #0 (ask)');
    expect(momentName(moments[5]!, asked)).toBe('ack #0 (quiz)');
  });

  it('names what happened and shows arguments as JSON, pretty when expanded', () => {
    expect(momentName(moments[1]!, asked)).toBe('connected /');
    expect(momentName(moments[7]!, asked)).toBe('disconnected / (by you)');
    expect(momentText(moments[4]!)).toBe('"answer", {"n":1}');
    expect(prettyMoment(moments[4]!)).toBe('"answer"\n{\n  "n": 1\n}');
    expect(momentText(moments[6]!)).toBe('not authorized {"hint":"x"}');
  });

  it('filters by event name, keeping the acknowledgements of the events that match', () => {
    const shown = moments.filter((m) => matchesEvent(m, 'AS', asked));
    expect(shown.map((m) => m.atMs)).toEqual([2, 4]);
    expect(moments.filter((m) => matchesEvent(m, ' ', asked))).toHaveLength(moments.length);
  });
});
