import { describe, expect, it } from 'vitest';
import { phases, totalOf } from './timing';

describe('phases', () => {
  it('derives waiting and downloading from the two points sent today', () => {
    const list = phases({ firstByteMs: 30, totalMs: 45 });
    expect(list.map((p) => [p.label, p.startMs, p.durationMs])).toEqual([
      ['Waiting for the first byte', 0, 30],
      ['Downloading', 30, 15],
    ]);
    expect(totalOf({ firstByteMs: 30, totalMs: 45 }, list)).toBe(45);
  });

  it('lays phase durations end to end in the known order, unknown ones last', () => {
    const timings = {
      totalMs: 20,
      firstByteMs: 14,
      downloadMs: 6,
      dnsMs: 1,
      queueMs: 2,
      connectMs: 3,
      tlsMs: null,
      waitMs: 10,
    };
    const list = phases(timings);
    expect(list.map((p) => p.id)).toEqual([
      'dnsMs',
      'connectMs',
      'waitMs',
      'downloadMs',
      'queueMs',
    ]);
    expect(list.map((p) => p.startMs)).toEqual([0, 1, 4, 14, 20]);
    expect(list[4]?.label).toBe('Queue');
  });

  it('shows only the phases that happened, redirects first (issue 12)', () => {
    // Plain HTTP to an IP literal after one redirect: the core sends null for what did not happen.
    const timings = {
      dnsMs: null,
      connectMs: 1,
      tlsMs: null,
      sendMs: 0,
      waitMs: 4,
      downloadMs: 1,
      redirectMs: 3,
      firstByteMs: 8,
      totalMs: 9,
      isConnectionReused: false,
    };
    const list = phases(timings);
    expect(list.map((p) => p.label)).toEqual([
      'Redirects',
      'TCP connect',
      'Sending request',
      'Waiting (server)',
      'Downloading',
    ]);
    expect(list.map((p) => p.startMs)).toEqual([0, 3, 4, 4, 8]);
    expect(list.some((p) => p.label === 'TLS handshake')).toBe(false);
  });

  it('ignores missing and non-numeric fields', () => {
    expect(phases({})).toEqual([]);
    expect(phases({ totalMs: 'x', label: 'y' })).toEqual([]);
    expect(phases({ totalMs: 5 }).map((p) => [p.startMs, p.durationMs])).toEqual([[0, 5]]);
  });
});
