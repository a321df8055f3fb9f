import { describe, expect, it } from 'vitest';
import type { Frame } from './bindings/Frame';
import { NO_FILTER, formatAt, frameText, kindLabel, matchesFilter, prettyData } from './frames';

function frame(over: Partial<Frame> = {}): Frame {
  return {
    direction: 'received',
    kind: 'text',
    atMs: 1.5,
    size: 5,
    data: { encoding: 'text', text: 'hello' },
    ...over,
  };
}

describe('frames', () => {
  it('labels a close frame with its code and reason, other frames with their kind', () => {
    expect(kindLabel(frame())).toBe('text');
    const close = frame({
      kind: 'close',
      code: 4000,
      data: { encoding: 'text', text: 'asked to' },
    });
    expect(kindLabel(close)).toBe('close 4000 asked to');
    expect(kindLabel(frame({ kind: 'close', data: { encoding: 'text', text: '' } }))).toBe('close');
  });

  it('shows bytes that are not UTF-8 as base64 and pretty-prints JSON', () => {
    expect(frameText(frame({ data: { encoding: 'base64', base64: 'AQI=' } }))).toBe('base64:AQI=');
    expect(prettyData(frame({ data: { encoding: 'text', text: '{"a":[1]}' } }))).toBe(
      '{\n  "a": [\n    1\n  ]\n}',
    );
    expect(prettyData(frame({ data: { encoding: 'text', text: '{not json' } }))).toBe('{not json');
  });

  it('formats the time since the open', () => {
    expect(formatAt(12.4)).toBe('+12 ms');
    expect(formatAt(3400)).toBe('+3.40 s');
  });

  it('filters by direction, kind and text, case-insensitively', () => {
    const sent = frame({ direction: 'sent', data: { encoding: 'text', text: 'Hello Ada' } });
    expect(matchesFilter(sent, NO_FILTER)).toBe(true);
    expect(matchesFilter(sent, { ...NO_FILTER, direction: 'received' })).toBe(false);
    expect(matchesFilter(sent, { ...NO_FILTER, kind: 'ping' })).toBe(false);
    expect(matchesFilter(sent, { ...NO_FILTER, query: 'ada' })).toBe(true);
    expect(matchesFilter(sent, { ...NO_FILTER, query: 'bob' })).toBe(false);
  });
});
