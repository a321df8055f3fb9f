import { describe, expect, it } from 'vitest';
import { COLOUR_LIMIT, segments } from './line-segments';

describe('segments', () => {
  it('colours a JSON line by token', () => {
    expect(segments('  "id": 12, "ok": true, "s": "a\\"b"', true)).toEqual([
      { kind: 'plain', text: '  ' },
      { kind: 'key', text: '"id"' },
      { kind: 'plain', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'number', text: '12' },
      { kind: 'plain', text: ', ' },
      { kind: 'key', text: '"ok"' },
      { kind: 'plain', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'literal', text: 'true' },
      { kind: 'plain', text: ', ' },
      { kind: 'key', text: '"s"' },
      { kind: 'plain', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'string', text: '"a\\"b"' },
    ]);
  });

  it('leaves long lines and other text plain', () => {
    const long = `"${'x'.repeat(COLOUR_LIMIT)}"`;
    expect(segments(long, true)).toEqual([{ kind: 'plain', text: long }]);
    expect(segments('12 true', false)).toEqual([{ kind: 'plain', text: '12 true' }]);
  });

  it('cuts a line around its matches, the current one apart', () => {
    const a = { line: 0, start: 0, end: 2 };
    const b = { line: 0, start: 5, end: 7 };
    expect(segments('ab cdab', true, [a, b], b)).toEqual([
      { kind: 'match', text: 'ab' },
      { kind: 'plain', text: ' cd' },
      { kind: 'current', text: 'ab' },
    ]);
  });
});
